package io.github.clusterkit.hdbscan;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hdbscan.internal.CondensedTree;
import io.github.clusterkit.hdbscan.internal.MstEdges;
import io.github.clusterkit.hdbscan.internal.ReachabilityMst;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;
import java.util.Objects;

/**
 * HDBSCAN* (Campello, Moulavi and Sander, PAKDD 2013, doi:10.1007/978-3-642-37456-2_14; Campello, Moulavi, Zimek and
 * Sander, "Hierarchical density estimates for data clustering, visualization, and outlier detection", ACM TKDD 10(1),
 * 2015, doi:10.1145/2733381): density-based clustering over every radius at once, for clusters of different
 * densities, with noise and an outlier score per row. An immutable configuration whose {@link #fit(Dataset)} returns
 * an {@link HdbscanModel}.
 *
 * <pre>{@code
 * HdbscanModel m = Hdbscan.minClusterSize(15).fit(data);
 * int[] labels = m.labels();                  // -1 for noise
 * double[] outliers = m.outlierScores();      // GLOSH, 0 (inlier) to 1
 * }</pre>
 *
 * <p><b>Definition.</b> With {@code k = minSamples}, a row's <em>core distance</em> is the distance to its k-th
 * nearest row, <em>the row itself counted</em> (k = 1 gives 0; as scikit-learn's {@code min_samples} and
 * {@link io.github.clusterkit.dbscan.Dbscan}'s {@code minPts}; the {@code hdbscan} package's {@code min_samples} does
 * not count the row, so its {@code min_samples = m} is {@code minSamples(m + 1)} here, and its default, the min
 * cluster size, is {@code minSamples(minClusterSize + 1)}); duplicate rows count as separate rows. The <em>mutual
 * reachability distance</em> of two rows is the largest of their two core distances and their distance. For every
 * radius eps, the rows and the pairs at mutual reachability {@code <= eps} form a graph whose connected components
 * are DBSCAN*'s clusters at that eps with {@code minPts = k} (the rows whose core distance exceeds eps are alone:
 * noise at that eps). Going down from the largest radius, a cluster ends where it splits into two or more
 * components of at least {@code minClusterSize} rows (each becomes a cluster) or has none left; rows in smaller
 * components <em>fall out</em> of it at that level, lambda = 1 / eps. A cluster's <em>stability</em> is the sum over
 * its rows of (the lambda at which the row left it) minus (the lambda at which it was born). Excess of mass
 * ({@link Selection#EOM}, the default) keeps the set of clusters, none inside another, of largest total stability,
 * a cluster winning over its descendants when its stability is at least their best sum; {@link Selection#LEAF}
 * keeps the clusters that never split. The whole data set, the root, is not kept by default (scikit-learn's
 * {@code allow_single_cluster=False}), so data with one dense region and no split is all noise;
 * {@link #allowSingleCluster(boolean)} lets it be one cluster, and {@link #clusterSelectionEpsilon(double)} merges the
 * clusters born below a radius, as scikit-learn's options of those names.
 *
 * <p><b>Ties.</b> All pairs at one mutual reachability distance are removed together: where a level splits a
 * cluster into three components, they are three siblings, not a split into two followed by another split at the same
 * height. The hierarchy is then a function of the set of rows (the components at each radius are unique), and the
 * labels do not depend on the order of the rows (up to the numbering of clusters) or on the number of threads.
 * scikit-learn's and the {@code hdbscan} package's implementations split one edge at a time in the order their
 * minimum spanning tree lists the edges; a row joining two clusters at its core distance can then be labelled
 * differently (in a cluster there, noise here). Such ties need no equal distances in the data: a row whose core
 * distance exceeds its distances to rows of two clusters is at that one mutual reachability from both, so the spanning
 * tree has two edges of that weight (on the mall customers' income and spending score, standardised, with
 * {@code minClusterSize} 10 and {@code minSamples} 5, two rows differ from scikit-learn 1.6.1's labels, with or without
 * a jitter of 1e-6 on every value). Where no two mutual reachability distances on the tree are equal the definitions
 * agree.
 *
 * <p><b>Outputs</b> (see {@link HdbscanModel}): labels ({@code -1} noise, clusters numbered by their smallest row), the
 * membership strength of scikit-learn's {@code probabilities_} (the row's lambda at leaving, capped at its cluster's
 * last lambda, over that lambda) and the GLOSH outlier score (Campello et al. 2015; 1 minus the ratio of the smallest
 * radius at which the row's cluster or a cluster inside it still has rows to the radius at which the row left).
 *
 * <p><b>Algorithm and cost.</b> Exact. Core distances by k-nearest-neighbour queries on a k-d tree; a minimum spanning
 * tree of the mutual reachability graph (see the internal {@code ReachabilityMst} for the method and its crossover to
 * a dense scan in high dimension); then single-linkage merges by union-find over the sorted edges, folded by equal
 * weights and condensed top down in O(n). Memory O(n) beside the data.
 *
 * <p><b>Edge cases.</b> {@code minClusterSize} and {@code minSamples} above the number of rows are refused at
 * {@link #fit(Dataset)} ({@link IllegalArgumentException} naming the parameter and both values). Rows with at least
 * {@code minSamples - 1} exact copies (a group of {@code minSamples}) have core distance 0; a group of at least
 * {@code max(minSamples, minClusterSize)} stays in a cluster down to radius 0: infinite lambda and stability,
 * outlier score 0 and, unless noise (the root's rows), probability 1 for those rows, never NaN. Data whose magnitude
 * would overflow or underflow squared distances is processed scaled by a power of two (exact; core distances are
 * scaled back), and
 * Manhattan or Chebyshev gaps so small that 1 / gap would overflow (subnormal ones) have their lambdas taken after
 * another power of two: the result is that of the data times a power of two, every lambda finite.
 *
 * <p><b>Parallelism</b> is opt-in ({@link #parallelism(int)}, default 1); the core distances and the spanning tree use
 * fixed chunks and a fixed order of reductions, and the result is identical for every thread count.
 *
 * <p><b>Validation and thread-safety.</b> Every wither checks its argument at once and throws
 * {@link IllegalArgumentException} naming the parameter, the rule and the value. Instances are immutable, safe to
 * share between threads, and equal when their settings are equal ({@code minSamples} as set: one that follows
 * {@code minClusterSize} is not equal to one set to the same number, since {@link #withMinClusterSize(int)} treats
 * them differently).
 */
public final class Hdbscan {

  /** How clusters are chosen from the hierarchy. */
  public enum Selection {
    /**
     * Excess of mass (Campello et al. 2013): the non-overlapping clusters of largest total stability (scikit-learn's
     * {@code cluster_selection_method="eom"}, the default).
     */
    EOM,
    /** The leaves of the condensed tree: the finest clusters (scikit-learn's {@code "leaf"}). */
    LEAF
  }

  private final int minClusterSize;
  /** 0 while it follows {@link #minClusterSize}. */
  private final int minSamples;
  private final Selection selection;
  private final Metric metric;
  private final int parallelism;
  private final boolean allowSingleCluster;
  private final double clusterSelectionEpsilon;

  private Hdbscan(int minClusterSize, int minSamples, Selection selection, Metric metric, int parallelism,
      boolean allowSingleCluster, double clusterSelectionEpsilon) {
    this.minClusterSize = minClusterSize;
    this.minSamples = minSamples;
    this.selection = selection;
    this.metric = metric;
    this.parallelism = parallelism;
    this.allowSingleCluster = allowSingleCluster;
    this.clusterSelectionEpsilon = clusterSelectionEpsilon;
  }

  /**
   * Starts a configuration: {@code minSamples} equal to {@code minClusterSize} (scikit-learn's default),
   * {@link Selection#EOM}, Euclidean distance, one thread.
   *
   * @param minClusterSize the fewest rows a cluster may have, {@code >= 2}
   * @return a new configuration
   * @throws IllegalArgumentException if {@code minClusterSize < 2}
   */
  public static Hdbscan minClusterSize(int minClusterSize) {
    return new Hdbscan(checkMinClusterSize(minClusterSize), 0, Selection.EOM, Metric.EUCLIDEAN, 1, false, 0.0);
  }

  private static int checkMinClusterSize(int m) {
    if (m < 2) {
      throw new IllegalArgumentException("minClusterSize must be >= 2, got " + m);
    }
    return m;
  }

  /**
   * @param newMinClusterSize the fewest rows a cluster may have, {@code >= 2}
   * @return a copy with this size ({@code minSamples} still follows it unless it was set)
   * @throws IllegalArgumentException if {@code newMinClusterSize < 2}
   */
  public Hdbscan withMinClusterSize(int newMinClusterSize) {
    return new Hdbscan(checkMinClusterSize(newMinClusterSize), minSamples, selection, metric, parallelism,
        allowSingleCluster, clusterSelectionEpsilon);
  }

  /**
   * Sets the density threshold: the number of rows, the row itself counted, whose farthest is the core distance.
   * Larger values make the clustering more conservative (more noise); 1 gives core distance 0 and single linkage.
   *
   * @param newMinSamples {@code >= 1}
   * @return a copy with this value
   * @throws IllegalArgumentException if {@code newMinSamples < 1}
   */
  public Hdbscan minSamples(int newMinSamples) {
    if (newMinSamples < 1) {
      throw new IllegalArgumentException("minSamples must be >= 1, got " + newMinSamples);
    }
    return new Hdbscan(minClusterSize, newMinSamples, selection, metric, parallelism, allowSingleCluster,
        clusterSelectionEpsilon);
  }

  /**
   * @param newSelection how clusters are chosen (default {@link Selection#EOM})
   * @return a copy with this selection
   * @throws IllegalArgumentException if {@code newSelection} is null
   */
  public Hdbscan selection(Selection newSelection) {
    if (newSelection == null) {
      throw new IllegalArgumentException("selection must not be null");
    }
    return new Hdbscan(minClusterSize, minSamples, newSelection, metric, parallelism, allowSingleCluster,
        clusterSelectionEpsilon);
  }

  /**
   * @param newMetric the distance (default {@link Metric#EUCLIDEAN})
   * @return a copy with this metric
   * @throws IllegalArgumentException if {@code newMetric} is null
   */
  public Hdbscan metric(Metric newMetric) {
    if (newMetric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Hdbscan(minClusterSize, minSamples, selection, newMetric, parallelism, allowSingleCluster,
        clusterSelectionEpsilon);
  }

  /**
   * @param threads number of threads for {@link #fit(Dataset)} (default 1); the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Hdbscan parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new Hdbscan(minClusterSize, minSamples, selection, metric, threads, allowSingleCluster,
        clusterSelectionEpsilon);
  }

  /**
   * Lets the whole data set be the one cluster (scikit-learn's {@code allow_single_cluster=True}): under
   * {@link Selection#EOM} the root takes part in excess of mass like any other cluster (winning ties with its
   * children), so data with one dense region and no worthwhile split give one cluster instead of all noise. Rows of
   * a selected root are labelled only if they stayed in it to its end (their lambda at least the root's last
   * lambda) or, with {@link #clusterSelectionEpsilon(double)}, to radius eps (lambda at least 1 / eps); the others
   * are noise. {@link Selection#LEAF} never selects the root itself, as in scikit-learn; only the epsilon rule can
   * reach it.
   *
   * @param allow true to let the root be selected (default false)
   * @return a copy with this option
   */
  public Hdbscan allowSingleCluster(boolean allow) {
    return new Hdbscan(minClusterSize, minSamples, selection, metric, parallelism, allow, clusterSelectionEpsilon);
  }

  /**
   * Merges the clusters born below a radius (scikit-learn's {@code cluster_selection_epsilon}, Malzer and Baum,
   * "A Hybrid Approach To Hierarchical Density-based Cluster Selection", MFI 2020, doi:10.1109/MFI49285.2020.9235263):
   * after the selection, each selected cluster born at a radius ({@code 1 / lambda} of its birth) below {@code eps}
   * gives way to its nearest ancestor born above {@code eps}; where that ancestor would be the root, to the root with
   * {@link #allowSingleCluster(boolean)}, else the cluster just below the root stays. A selected cluster inside
   * another one selected so is dropped (scikit-learn can keep both when {@code eps} equals a birth radius exactly);
   * when excess of mass selected the root alone, nothing changes. Small groups within {@code eps} of each other then
   * form one cluster, as DBSCAN at radius {@code eps} would join them, while sparser regions keep HDBSCAN*'s
   * clusters.
   *
   * @param eps the radius, in the data's units, {@code >= 0} and finite (default 0: off)
   * @return a copy with this radius
   * @throws IllegalArgumentException if {@code eps} is negative, NaN or infinite
   */
  public Hdbscan clusterSelectionEpsilon(double eps) {
    if (!(eps >= 0) || eps == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("clusterSelectionEpsilon must be >= 0 and finite, got " + eps);
    }
    return new Hdbscan(minClusterSize, minSamples, selection, metric, parallelism, allowSingleCluster, eps);
  }

  /** @return whether the whole data set may be the one cluster */
  public boolean allowSingleCluster() {
    return allowSingleCluster;
  }

  /** @return the cluster selection radius (0: off) */
  public double clusterSelectionEpsilon() {
    return clusterSelectionEpsilon;
  }

  /** @return the fewest rows a cluster may have */
  public int minClusterSize() {
    return minClusterSize;
  }

  /** @return the number of rows, the row itself counted, that defines the core distance */
  public int minSamples() {
    return minSamples == 0 ? minClusterSize : minSamples;
  }

  /** @return how clusters are chosen */
  public Selection selection() {
    return selection;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Clusters {@code data}. The dataset is read, never modified, and not retained by the model.
   *
   * @param data the rows
   * @return the fitted model
   * @throws IllegalArgumentException if {@code data} is null, or has fewer rows than {@code minClusterSize} or
   *     {@code minSamples}
   */
  public HdbscanModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int k = minSamples();
    if (minClusterSize > n) {
      throw new IllegalArgumentException(
          "minClusterSize must be <= the number of rows, got " + minClusterSize + " for " + n + " rows");
    }
    if (k > n) {
      throw new IllegalArgumentException("minSamples must be <= the number of rows, got " + k + " for " + n + " rows");
    }
    // The hierarchy is built from the rows scaled by a power of two where squared distances would leave the range
    // (Scale; exact), and the engine runs on those rows, so its core distances and weights are exact in those units:
    // converted to the data's units only for output (core distances, dbscanLabels), where data near 1e-310 round to
    // subnormals. Lambdas (1 / weight) of the scaled weights stay within range for data near 1e-300 too.
    int e = Scale.exponent(data);
    int d = data.dimension();
    double[] rows = e == 0 ? DataAccess.values(data).clone() : Scale.values(data, e);
    double[] scaledCore = new double[n];
    MstEdges mst = ReachabilityMst.compute(e == 0 ? data : Dataset.wrap(rows, n, d), metric, k, parallelism,
        scaledCore);
    double[] w = mst.weight;
    double[] core = e == 0 ? scaledCore : Scale.down(scaledCore, -e);
    double[] dataWeight = e == 0 ? w : Scale.down(w, -e);
    // Manhattan and Chebyshev measure gaps down to 2^-1074, whose lambdas 1 / w overflow (A and B born at infinity
    // have stability infinity - infinity); a second power of two brings the smallest positive weight to 2^-990 or
    // above, so every lambda is finite and n of them still sum to a finite stability. Euclidean weights are 0 or at
    // least about 2^-537: never shifted.
    int shift = lambdaShift(w);
    if (shift != 0) {
      w = Scale.down(w, -shift);
    }
    // the cluster selection radius in the units of those weights
    double eps = Math.scalb(clusterSelectionEpsilon, shift - e);
    CondensedTree tree = CondensedTree.build(n, mst.from, mst.to, w, minClusterSize, selection == Selection.LEAF,
        allowSingleCluster, eps);
    return new HdbscanModel(this, n, d, data.columnNames(), tree, core, scaledCore, mst.from, mst.to, dataWeight,
        rows, e, shift);
  }

  /** Binary exponent below which the smallest positive weight is scaled up (see {@link #fit}). */
  static final int MIN_WEIGHT_EXPONENT = -990;

  /**
   * @param w the weights, ascending, {@code >= 0}
   * @return the power of two ({@code >= 0}) by which to multiply them so that the smallest positive one is at least
   *     {@code 2^MIN_WEIGHT_EXPONENT}; 0 when it already is or all are 0
   */
  static int lambdaShift(double[] w) {
    for (double v : w) {
      if (v > 0) {
        int ex = Math.getExponent(v);
        if (ex < Double.MIN_EXPONENT) { // subnormal: its exponent reads as MIN_EXPONENT - 1
          ex = Math.getExponent(v * 0x1p60) - 60;
        }
        return Math.max(0, MIN_WEIGHT_EXPONENT - ex);
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Hdbscan)) {
      return false;
    }
    Hdbscan b = (Hdbscan) o;
    // minSamples as set: one that follows minClusterSize differs from one set to the same value (withMinClusterSize
    // changes only the first)
    return minClusterSize == b.minClusterSize && minSamples == b.minSamples && selection == b.selection
        && metric == b.metric && parallelism == b.parallelism && allowSingleCluster == b.allowSingleCluster
        && Double.compare(clusterSelectionEpsilon, b.clusterSelectionEpsilon) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(minClusterSize, minSamples, selection, metric, parallelism, allowSingleCluster,
        clusterSelectionEpsilon);
  }

  @Override
  public String toString() {
    return "Hdbscan[minClusterSize=" + minClusterSize + ", minSamples=" + minSamples()
        + (minSamples == 0 ? " (follows minClusterSize)" : "") + ", selection=" + selection + ", metric=" + metric
        + ", parallelism=" + parallelism + (allowSingleCluster ? ", allowSingleCluster=true" : "")
        + (clusterSelectionEpsilon != 0 ? ", clusterSelectionEpsilon=" + clusterSelectionEpsilon : "") + "]";
  }
}
