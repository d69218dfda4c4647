package io.github.clusterkit.optics;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.optics.internal.Extract;
import io.github.clusterkit.optics.internal.OpticsGraph;
import java.util.Objects;

/**
 * OPTICS, Ordering Points To Identify the Clustering Structure (Ankerst, Breunig, Kriegel and Sander, SIGMOD 1999,
 * doi:10.1145/304181.304187): an immutable configuration whose {@link #fit(Dataset)} returns an {@link OpticsResult}
 * holding the cluster ordering, the reachability plot, core distances, predecessors and the extracted clusters. A port
 * of scikit-learn 1.2.1's {@code sklearn.cluster.OPTICS} (metric {@code 'minkowski'} with p = 2, 1 or infinity, or
 * {@code 'manhattan'} / {@code 'chebyshev'}), with the same results (see <b>Against scikit-learn</b>).
 *
 * <pre>{@code
 * OpticsResult r = Optics.minSamples(10).xi(0.05).fit(data);
 * int[] labels = r.labels();                     // -1 for noise
 * double[] plot = r.reachabilityPlot();          // reachability in visiting order
 * int[] cut = r.dbscanLabels(0.5);               // DBSCAN at eps 0.5 from the same ordering
 * }</pre>
 *
 * <p><b>Definitions.</b> With {@code k = minSamples}, a row's <em>core distance</em> is its distance to its k-th
 * nearest row, <em>the row itself counted</em> (scikit-learn's {@code min_samples}, ELKI's {@code minpts} and
 * {@link io.github.clusterkit.dbscan.Dbscan}'s {@code minPts}), and {@code +inf} (undefined) where that exceeds
 * {@code maxEps}. The <em>reachability</em> of row o from a processed row p with a finite core distance, at
 * distance {@code <= maxEps}, is {@code max(core(p), d(p, o))}; a row's reachability is the smallest such value
 * over the rows processed before it, {@code +inf} where none (the first row of each component at {@code maxEps}),
 * and its <em>predecessor</em> is the row that gave it ({@code -1} where none). The ordering starts at row 0; next is
 * always the unprocessed row of smallest reachability, ties (infinity included) to the smallest row index, so a new
 * component starts at its smallest unprocessed row. As in scikit-learn every core distance and reachability is
 * rounded to 15 decimals ({@code numpy.around(v, 15)}: {@code rint(v * 1e15) / 1e15}), which makes distances that
 * differ in their last bits equal, and so decides some ties.
 *
 * <p><b>Clusters.</b> {@link ClusterMethod#XI} (the default) extracts the xi-steep clusters of Ankerst et al.'s
 * Section 4.3 as scikit-learn 1.2.1's {@code cluster_optics_xi} does (its corrections of Definitions 9 and 11, a
 * cluster ending at the last row allowed, at least {@code minClusterSize} rows, default {@code minSamples}), with
 * Schubert and Gertz's predecessor correction ("Improving the Cluster Structure Extracted from OPTICS Plots", LWDA
 * 2018; {@link PredecessorCorrection}); the labels come from the clusters that contain no other cluster (smaller
 * ones first), the full nesting is {@link OpticsResult#clusterHierarchy()}. {@link ClusterMethod#DBSCAN} labels by
 * {@code cluster_optics_dbscan} at {@link #eps(double)} (default {@code maxEps}): see
 * {@link OpticsResult#dbscanLabels(double)}, available under either method.
 *
 * <p><b>Against scikit-learn.</b> {@code OPTICS(min_samples=k, max_eps=m, xi=x, min_cluster_size=c)} with the default
 * {@code metric='minkowski'} (p = 2) gives the same ordering, predecessors and labels and the same doubles for core
 * distances and reachability, provided scikit-learn measures distances directly: its KD-tree and ball tree and
 * SciPy's {@code cdist} sum the squared gaps in column order, as this class does; its brute-force neighbour search
 * (which {@code algorithm='auto'} picks when {@code min_samples >= n // 2} or for more than 15 columns) and
 * {@code metric='euclidean'} use {@code |x|^2 - 2 x.y + |y|^2} instead, whose last bits differ, so pass
 * {@code algorithm='kd_tree'} to compare bit for bit. Three differences: the default
 * {@link PredecessorCorrection#SCHUBERT_GERTZ} is the paper's Algorithm 2, scikit-learn's since its pull request
 * 26459; scikit-learn 1.2 compares the predecessor's row index with positions of the ordering, which
 * {@link PredecessorCorrection#SCIKIT_LEARN_1_2} reproduces (the labels differ only where a cluster's end is
 * corrected: in 21 of the 47 xi settings of {@code tools/optics_reference.py}, 18 of them in one to three rows).
 * scikit-learn's fractional {@code min_samples} and {@code min_cluster_size} (a share f of n rows) are
 * {@code minSamples(Math.max(2, (int) (f * n)))} here; only whole counts are taken. {@code xi} must be in
 * {@code (0, 1)} (scikit-learn also takes 0) and {@code maxEps > 0} (it also takes 0).
 *
 * <p><b>Algorithm and cost.</b> Core distances by k-nearest-neighbour queries on a
 * {@link io.github.clusterkit.neighbors.KdTree}. The ordering keeps the unprocessed rows of finite reachability in a
 * binary heap keyed by (reachability, row), which picks the row scikit-learn's linear scan picks. With a finite
 * {@code maxEps} each processed core row asks the tree for its neighbours within {@code maxEps}: time about
 * {@code n log n} plus the neighbourhood sizes. With the default {@code maxEps = +inf} every processed row measures
 * its distance to every unprocessed row: {@code n^2 / 2} distances, memory O(n) beside the data (no distance matrix).
 * The DBSCAN extraction takes O(n); the xi extraction O(n) plus up to O(n) per candidate cluster (a steep upward area
 * paired with each steep downward area still open: the end adjustments and the predecessor correction), so
 * {@code O(n^2)} at worst, far less on usual plots.
 *
 * <p><b>Edge cases.</b> {@code minSamples} above the number of rows is refused at {@link #fit(Dataset)} (so is a
 * single row, since {@code minSamples >= 2}), as is an xi {@code minClusterSize} above it and a DBSCAN {@code eps}
 * above {@code maxEps}; as in scikit-learn, each method checks only the setting it uses. Duplicate rows are separate
 * rows: a group of at least {@code minSamples} copies has core distance 0, and reachability 0 for every copy but the
 * first one visited. With a {@code maxEps} below every core distance all reachabilities are infinite,
 * the ordering is {@code 0, 1, ..., n-1} and every row is noise. The xi ratios of two infinite (or two zero)
 * reachabilities are NaN and mark no steep point, as in numpy. Data beyond {@code 2^201} or below {@code 2^-200} in
 * magnitude are measured after an exact power-of-two scaling (the distances are those of the data's own units);
 * distances above about {@code 1.8e293}, which numpy's rounding turns into infinity, are kept finite here.
 *
 * <p><b>Parallelism</b> ({@link #parallelism(int)}, default 1) is used for the core distances, in fixed chunks; the
 * ordering is sequential. The result is identical for every thread count.
 *
 * <p><b>Validation and thread-safety.</b> Every wither checks its argument at once and throws
 * {@link IllegalArgumentException} naming the parameter, the rule and the value. Instances are immutable and safe to
 * share between threads; equal configurations are {@code equals} with equal hash codes (doubles compared as by
 * {@link Double#equals(Object)}; every setting counts, parallelism included).
 */
public final class Optics {

  /** How {@link #fit(Dataset)} labels the rows. */
  public enum ClusterMethod {
    /** The xi-steep clusters (scikit-learn's {@code cluster_method='xi'}, the default). */
    XI,
    /** A DBSCAN cut of the ordering at {@link #eps(double)} (scikit-learn's {@code cluster_method='dbscan'}). */
    DBSCAN
  }

  /**
   * The predecessor correction of the xi clusters (Schubert and Gertz, LWDA 2018, Algorithm 2): a candidate cluster
   * {@code [s, e]} of the ordering is shortened from its end while its first row's reachability is not above its
   * last row's and the last row's predecessor lies outside {@code [s, e)}; one shortened to nothing is dropped.
   */
  public enum PredecessorCorrection {
    /** No correction (scikit-learn's {@code predecessor_correction=False}). */
    NONE,
    /** The paper's rule, scikit-learn's since pull request 26459 (2023, after 1.2; the default). */
    SCHUBERT_GERTZ,
    /**
     * scikit-learn 1.2's rule ({@code predecessor_correction=True} before pull request 26459, scikit-learn issue
     * 26324): it looks for {@code ordering[predecessor]}, the row at the position numbered like the predecessor's
     * row index, among the rows of {@code [s, e)}, and a row without predecessor stands for the last row of the
     * ordering. For reproducing scikit-learn 1.2's labels exactly.
     */
    SCIKIT_LEARN_1_2
  }

  /** The default minSamples, as scikit-learn's {@code min_samples}. */
  public static final int DEFAULT_MIN_SAMPLES = 5;
  /** The default xi, as scikit-learn's. */
  public static final double DEFAULT_XI = 0.05;

  private final int minSamples;
  private final double maxEps;
  private final Metric metric;
  private final ClusterMethod clusterMethod;
  private final double xi;
  /** 0 when unset: minSamples is used. */
  private final int minClusterSize;
  /** NaN when unset: maxEps is used. */
  private final double eps;
  private final PredecessorCorrection correction;
  private final int parallelism;

  private Optics(int minSamples, double maxEps, Metric metric, ClusterMethod clusterMethod, double xi,
      int minClusterSize, double eps, PredecessorCorrection correction, int parallelism) {
    this.minSamples = minSamples;
    this.maxEps = maxEps;
    this.metric = metric;
    this.clusterMethod = clusterMethod;
    this.xi = xi;
    this.minClusterSize = minClusterSize;
    this.eps = eps;
    this.correction = correction;
    this.parallelism = parallelism;
  }

  /**
   * Starts a configuration with this minSamples, {@code maxEps = +inf}, Euclidean distance, the xi method with
   * {@link #DEFAULT_XI}, {@code minClusterSize = minSamples}, {@link PredecessorCorrection#SCHUBERT_GERTZ} and one
   * thread.
   *
   * @param minSamples the neighbour, the row itself counted, whose distance is a row's core distance; {@code >= 2}
   * @return a new configuration
   * @throws IllegalArgumentException if {@code minSamples < 2}
   */
  public static Optics minSamples(int minSamples) {
    return new Optics(checkMinSamples(minSamples), Double.POSITIVE_INFINITY, Metric.EUCLIDEAN, ClusterMethod.XI,
        DEFAULT_XI, 0, Double.NaN, PredecessorCorrection.SCHUBERT_GERTZ, 1);
  }

  /** @return scikit-learn's defaults: {@code minSamples(}{@value #DEFAULT_MIN_SAMPLES}{@code )} */
  public static Optics defaults() {
    return minSamples(DEFAULT_MIN_SAMPLES);
  }

  private static int checkMinSamples(int m) {
    if (m < 2) {
      throw new IllegalArgumentException("minSamples must be >= 2, got " + m);
    }
    return m;
  }

  /**
   * @param newMinSamples the core neighbour count, the row itself counted; {@code >= 2}
   * @return a copy with this minSamples (an unset minClusterSize follows it)
   * @throws IllegalArgumentException if {@code newMinSamples < 2}
   */
  public Optics withMinSamples(int newMinSamples) {
    return new Optics(checkMinSamples(newMinSamples), maxEps, metric, clusterMethod, xi, minClusterSize, eps,
        correction, parallelism);
  }

  /**
   * @param newMaxEps the largest neighbourhood radius: rows farther apart never reach each other, and a core distance
   *     above it is undefined ({@code +inf}); {@code > 0}, {@code +inf} (the default) allowed
   * @return a copy with this radius
   * @throws IllegalArgumentException if {@code newMaxEps} is not {@code > 0} (NaN included)
   */
  public Optics maxEps(double newMaxEps) {
    if (!(newMaxEps > 0)) {
      throw new IllegalArgumentException("maxEps must be > 0, got " + newMaxEps);
    }
    return new Optics(minSamples, newMaxEps, metric, clusterMethod, xi, minClusterSize, eps, correction,
        parallelism);
  }

  /**
   * @param newMetric the distance (default {@link Metric#EUCLIDEAN})
   * @return a copy with this metric
   * @throws IllegalArgumentException if {@code newMetric} is null
   */
  public Optics metric(Metric newMetric) {
    if (newMetric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Optics(minSamples, maxEps, newMetric, clusterMethod, xi, minClusterSize, eps, correction,
        parallelism);
  }

  /**
   * @param newMethod how {@link OpticsResult#labels()} are extracted (default {@link ClusterMethod#XI})
   * @return a copy with this method
   * @throws IllegalArgumentException if {@code newMethod} is null
   */
  public Optics clusterMethod(ClusterMethod newMethod) {
    if (newMethod == null) {
      throw new IllegalArgumentException("clusterMethod must not be null");
    }
    return new Optics(minSamples, maxEps, metric, newMethod, xi, minClusterSize, eps, correction, parallelism);
  }

  /**
   * @param newXi the steepness of a cluster boundary: a steep upward point's reachability is at most
   *     {@code 1 - xi} times its successor's; in {@code (0, 1)}, default {@value #DEFAULT_XI}
   * @return a copy with this xi
   * @throws IllegalArgumentException if {@code newXi} is not in {@code (0, 1)} (NaN included)
   */
  public Optics xi(double newXi) {
    if (!(newXi > 0 && newXi < 1)) {
      throw new IllegalArgumentException("xi must be in (0, 1), got " + newXi);
    }
    return new Optics(minSamples, maxEps, metric, clusterMethod, newXi, minClusterSize, eps, correction,
        parallelism);
  }

  /**
   * @param newMinClusterSize the fewest rows of an xi cluster, {@code >= 2} (default: minSamples)
   * @return a copy with this size
   * @throws IllegalArgumentException if {@code newMinClusterSize < 2}
   */
  public Optics minClusterSize(int newMinClusterSize) {
    if (newMinClusterSize < 2) {
      throw new IllegalArgumentException("minClusterSize must be >= 2, got " + newMinClusterSize);
    }
    return new Optics(minSamples, maxEps, metric, clusterMethod, xi, newMinClusterSize, eps, correction,
        parallelism);
  }

  /**
   * @param newEps the radius of {@link ClusterMethod#DBSCAN}'s cut, {@code >= 0} and at most maxEps (checked at
   *     {@link #fit(Dataset)}); default maxEps
   * @return a copy with this radius
   * @throws IllegalArgumentException if {@code newEps} is not {@code >= 0} (NaN included)
   */
  public Optics eps(double newEps) {
    if (!(newEps >= 0)) {
      throw new IllegalArgumentException("eps must be >= 0, got " + newEps);
    }
    // + 0.0 turns -0.0 into 0.0: the same radius, so the same (equal) configuration
    return new Optics(minSamples, maxEps, metric, clusterMethod, xi, minClusterSize, newEps + 0.0, correction,
        parallelism);
  }

  /**
   * @param correct true for {@link PredecessorCorrection#SCHUBERT_GERTZ} (the default), false for
   *     {@link PredecessorCorrection#NONE}
   * @return a copy with this correction
   */
  public Optics predecessorCorrection(boolean correct) {
    return predecessorCorrection(correct ? PredecessorCorrection.SCHUBERT_GERTZ : PredecessorCorrection.NONE);
  }

  /**
   * @param newCorrection the xi clusters' predecessor correction
   * @return a copy with this correction
   * @throws IllegalArgumentException if {@code newCorrection} is null
   */
  public Optics predecessorCorrection(PredecessorCorrection newCorrection) {
    if (newCorrection == null) {
      throw new IllegalArgumentException("predecessorCorrection must not be null");
    }
    return new Optics(minSamples, maxEps, metric, clusterMethod, xi, minClusterSize, eps, newCorrection,
        parallelism);
  }

  /**
   * @param threads number of threads for the core distances (default 1); the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Optics parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new Optics(minSamples, maxEps, metric, clusterMethod, xi, minClusterSize, eps, correction, threads);
  }

  /** @return the core neighbour count, the row itself counted */
  public int minSamples() {
    return minSamples;
  }

  /** @return the largest neighbourhood radius ({@code +inf} by default) */
  public double maxEps() {
    return maxEps;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the extraction method */
  public ClusterMethod clusterMethod() {
    return clusterMethod;
  }

  /** @return xi */
  public double xi() {
    return xi;
  }

  /** @return the fewest rows of an xi cluster: the value set, or minSamples when none was */
  public int minClusterSize() {
    return minClusterSize == 0 ? minSamples : minClusterSize;
  }

  /** @return the DBSCAN cut's radius: the value set, or maxEps when none was */
  public double eps() {
    return Double.isNaN(eps) ? maxEps : eps;
  }

  /** @return the predecessor correction */
  public PredecessorCorrection predecessorCorrection() {
    return correction;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Computes the ordering and extracts the clusters. The dataset is read, never modified, and not retained.
   *
   * @param data the rows; at least 2 (and at least minSamples, and for {@link ClusterMethod#XI} minClusterSize)
   * @return the result
   * @throws IllegalArgumentException if {@code data} is null, minSamples exceeds its size, or (for
   *     {@link ClusterMethod#XI}) minClusterSize does, or (for {@link ClusterMethod#DBSCAN}) eps exceeds maxEps
   */
  public OpticsResult fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    if (minSamples > n) {
      throw new IllegalArgumentException(
          "minSamples must be <= the number of rows (" + n + "), got " + minSamples);
    }
    int mcs = minClusterSize();
    // only the xi method uses minClusterSize (scikit-learn checks it in cluster_optics_xi alone), as only the DBSCAN
    // method uses eps
    if (clusterMethod == ClusterMethod.XI && mcs > n) {
      throw new IllegalArgumentException("minClusterSize must be <= the number of rows (" + n + "), got " + mcs);
    }
    double cut = eps();
    if (clusterMethod == ClusterMethod.DBSCAN && cut > maxEps) {
      throw new IllegalArgumentException("eps must be <= maxEps (" + maxEps + "), got " + cut);
    }
    OpticsGraph g = OpticsGraph.compute(data, metric, minSamples, maxEps, parallelism);
    int[][] hierarchy;
    int[] labels;
    if (clusterMethod == ClusterMethod.XI) {
      hierarchy = Extract.xiClusters(g.ordering, g.reach, g.predecessor, xi, minSamples, mcs, correctionCode());
      labels = Extract.xiLabels(g.ordering, hierarchy);
    } else {
      hierarchy = new int[0][];
      labels = Extract.dbscan(g.ordering, g.reach, g.core, cut);
    }
    return new OpticsResult(this, g.ordering, g.reach, g.core, g.predecessor, labels, hierarchy);
  }

  private int correctionCode() {
    switch (correction) {
      case NONE:
        return Extract.CORRECTION_NONE;
      case SCIKIT_LEARN_1_2:
        return Extract.CORRECTION_SKLEARN_1_2;
      default:
        return Extract.CORRECTION_PAPER;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Optics)) {
      return false;
    }
    Optics b = (Optics) o;
    return minSamples == b.minSamples && Double.compare(maxEps, b.maxEps) == 0 && metric == b.metric
        && clusterMethod == b.clusterMethod && Double.compare(xi, b.xi) == 0 && minClusterSize == b.minClusterSize
        && Double.compare(eps, b.eps) == 0 && correction == b.correction && parallelism == b.parallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(minSamples, maxEps, metric, clusterMethod, xi, minClusterSize, eps, correction,
        parallelism);
  }

  @Override
  public String toString() {
    return "Optics[minSamples=" + minSamples + ", maxEps=" + maxEps + ", metric=" + metric + ", clusterMethod="
        + clusterMethod + ", xi=" + xi + ", minClusterSize=" + (minClusterSize == 0 ? "minSamples" : minClusterSize)
        + ", eps=" + (Double.isNaN(eps) ? "maxEps" : eps) + ", predecessorCorrection=" + correction
        + ", parallelism=" + parallelism + "]";
  }
}
