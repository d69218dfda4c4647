package io.github.clusterkit.dbscan;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.internal.Engine;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;
import java.util.Objects;

/**
 * DBSCAN (Ester, Kriegel, Sander and Xu, KDD 1996; Schubert, Sander, Ester, Kriegel and Xu, "DBSCAN
 * Revisited, Revisited", ACM TODS 42(3), 2017, doi:10.1145/3068335): an immutable configuration whose
 * {@link #fit(Dataset)} returns a {@link DbscanModel}.
 *
 * <pre>{@code
 * DbscanModel m = Dbscan.eps(0.3).minPts(10).fit(data);
 * }</pre>
 *
 * <p><b>Definition.</b> The eps-neighbourhood of a point is every point at distance {@code <= eps}
 * (inclusive), <em>the point itself included</em>. A point is a <em>core point</em> when its neighbourhood
 * holds at least {@code minPts} points. Two core points within eps of each other are in the same cluster,
 * and clusters are the connected components of that relation, so core points and their partition are
 * uniquely defined. A non-core point within eps of a core point is a <em>border point</em> and joins a cluster
 * that has a core point within eps of it, chosen by the {@link LabelRule}; every other point is <em>noise</em>
 * (label {@code -1}). By default ({@link LabelRule#NEAREST_CORE}) a border point joins the cluster of its nearest
 * core point (ties in distance: the cluster with the smaller label) and clusters are numbered in the order of their
 * first row of any kind. The result then does not depend on the order of the rows (up to the numbering of
 * clusters and the tie rule); under either rule it does not depend on the number of threads.
 *
 * <p><b>Against scikit-learn's labels.</b> {@code DBSCAN(eps, min_samples=minPts)} finds the same core points, noise
 * and partition of the core points. Its labels are {@link LabelRule#SCIKIT_LEARN}'s, which
 * {@link #labelRule(LabelRule)} reproduces exactly: clusters numbered in the order of their first <em>core</em> row,
 * and a border point within eps of core points of several clusters in the lowest-numbered of them. The default
 * rule's labels can differ from them in those two ways (on Mall Customers' income and spending score with eps 5 and
 * 5 points, clusters 3 and 4 are swapped); with the default, compare partitions (adjusted Rand index 1) rather than
 * label numbers.
 *
 * <p><b>minPts counts the point itself</b>, as in scikit-learn ({@code min_samples}) and ELKI. Smile and
 * Apache Commons Math do not count it: to reproduce a Smile or Commons Math run with {@code minPts = m},
 * pass {@code m + 1} here.
 *
 * <p><b>DBSCAN*</b> ({@link #borderPointsAsNoise(boolean)}; Campello, Moulavi and Sander, PAKDD 2013,
 * doi:10.1007/978-3-642-37456-2_14): border points are labelled noise, so clusters hold core points only.
 *
 * <p><b>Algorithm and cost.</b> Exact; memory O(n): no neighbourhood is ever stored beyond one reusable
 * buffer per thread. Core points are found by counting neighbours with an early exit at {@code minPts};
 * clusters form by a union-find over core points; border points look for their nearest core point (or, under
 * {@link LabelRule#SCIKIT_LEARN}, the lowest-numbered cluster among the core points within eps). The
 * neighbour search is chosen by {@link Search#AUTO}: for dimension {@code <= 3} a uniform grid of cells
 * whose diameter is eps (Gunawan 2013; Gan and Tao, SIGMOD 2015, doi:10.1145/2723372.2737792), in which a
 * cell with at least minPts points is core without any distance computation and all core points of a cell
 * are connected; otherwise a KD-tree built for the fit, on which the core test counts outwards from the
 * point's own leaf (nearest subtrees first, so the early exit comes soon), and the union of clusters skips
 * every subtree whose core points are already known to be in the query's cluster and examines each pair
 * only from its later point in tree order (in a dense cluster a query then touches a few nodes, not its
 * hundreds of neighbours).
 *
 * <p><b>Extreme magnitudes.</b> Data whose largest magnitude is above {@code 2^201} or below {@code 2^-200}, where
 * squared distances overflow or underflow, are clustered multiplied by a power of two, eps alike (kept positive
 * and finite), and the model keeps the data's own core points; its predictions scale the same way. The scaling is
 * exact, so the clustering is that of arithmetic with a wide enough exponent range (before it, the KD-tree path
 * put every row of a 5-dimensional set near {@code 1e200} in one cluster).
 *
 * <p><b>Parallelism</b> is opt-in ({@link #parallelism(int)}, default 1): each fit runs on the calling thread and up to
 * {@code parallelism - 1} worker threads of the library (256 threads in all at most), which it hands back before
 * returning (idle workers are kept for reuse by later fits and end after a second unused; two fits never share one);
 * every phase (the sort of the points into grid cells, the core test, the union of clusters, the labelling and the
 * numbering) is split into chunks fixed by the data size, and the result is identical for every thread count. The
 * common fork-join pool is never used.
 *
 * <p><b>Validation.</b> Every wither checks its argument at once and throws
 * {@link IllegalArgumentException} naming the parameter, the rule and the value. Instances are immutable
 * and safe to share between threads. Equal configurations (the same settings, however they were reached) are
 * {@code equals} and have equal {@code hashCode}s, so a configuration can key a cache of fitted models. Every
 * setting counts, the parallelism and the neighbour search included although the result does not depend on them;
 * eps is compared as by {@link Double#equals(Object)}.
 */
public final class Dbscan {

  /**
   * How {@link #fit(Dataset)} numbers the clusters and which cluster a border point within eps of core points of
   * several clusters joins. Core points, noise and the partition of the core points are the same under both rules;
   * so are the labels under DBSCAN* ({@link #borderPointsAsNoise(boolean)}), where clusters hold core points only and
   * a cluster's first row is its first core row. Both are exact and deterministic on every search, metric and thread
   * count, and neither depends on the order in which neighbours are found.
   *
   * <p>One setting rather than two (numbering, border rule) because they come together: the lowest-numbered cluster
   * a border point touches is the one scikit-learn's search reaches first only when clusters are numbered by their
   * first core row. {@link DbscanModel#predict(double[])} follows the rule the model was fitted with, so predicting
   * the training rows gives {@link DbscanModel#labels()} under either.
   */
  public enum LabelRule {
    /**
     * The default: a border point joins the cluster of its nearest core point (ties in distance: the smaller
     * label), so which cluster it joins does not depend on the order of the rows (short of a tie); clusters are
     * numbered {@code 0, 1, ...} in the order of their first row of any kind, so row 0 is in cluster 0 unless it is
     * noise.
     */
    NEAREST_CORE,
    /**
     * scikit-learn 1.2's labels ({@code sklearn.cluster.DBSCAN(eps, min_samples=minPts).fit(X).labels_}, and its
     * {@code dbscan} function): clusters are numbered {@code 0, 1, ...} in the order of their smallest core row, and
     * a border point joins the lowest-numbered cluster that has a core point within eps of it, however far that core
     * point is compared with others. Why this is scikit-learn's rule: its fit
     * ({@code sklearn/cluster/_dbscan_inner.pyx}) visits the rows in order and, at each core row not yet labelled,
     * labels by a depth-first search everything reachable with the next number, expanding only core rows. A search
     * so labels its whole component of core points, so the next one starts at the smallest core row of another
     * component; and a row is labelled once, by the first search that meets it, so a border point keeps the
     * lowest number among the clusters that reach it, whatever the order of its neighbours.
     * {@code tools/dbscan_sklearn_labels_reference.py} checks this against scikit-learn 1.2.1 on 4000 random cases
     * (duplicate rows, distances of exactly eps, sample weights, neighbourhoods shuffled) and
     * {@code DbscanSklearnLabelsTest} compares the labels with scikit-learn's, label for label.
     *
     * <p>A border point's cluster then depends on the row order (permuting the rows can move it to another cluster
     * that it touches); the partition of the core points and the noise do not. Costs the same as the default: the
     * border points look for the lowest-numbered cluster among the core points within eps instead of the nearest.
     */
    SCIKIT_LEARN
  }

  /**
   * Which neighbour search {@link #fit(Dataset)} uses. Whatever the choice, an eps whose square underflows at the
   * data's scale (Euclidean eps below about {@code 1.5e-154} for data that are not rescaled) runs on a
   * {@link io.github.clusterkit.neighbors.NeighborIndex} KD-tree, which answers such radii exactly in the original
   * units ({@link DbscanModel#search()} then says {@code KD_TREE}); the grid and the DBSCAN KD-tree would compare
   * squared distances that underflow too.
   */
  public enum Search {
    /**
     * The grid for dimension {@code <= 3} (unless the data span more than 2^24 cells along an axis, or too
     * many in total for exact cell keys), the KD-tree otherwise. Measured on Gaussian blobs the grid was
     * the faster of the two at every size tried in 2 and 3 dimensions.
     */
    AUTO,
    /**
     * The grid whenever it can run (dimension {@code <= 3} and exact cell keys), otherwise the KD-tree;
     * {@link DbscanModel#search()} tells which ran.
     */
    GRID,
    /**
     * A KD-tree built for the fit (median splits along the widest axis, as
     * {@link io.github.clusterkit.neighbors.KdTree}), with the DBSCAN-specific pruning described above.
     */
    KD_TREE,
    /** A linear scan per query, O(n^2): the test oracle. */
    BRUTE_FORCE
  }

  /** The default minPts, as scikit-learn's {@code min_samples}. */
  public static final int DEFAULT_MIN_PTS = 5;

  private final double eps;
  private final int minPts;
  private final Metric metric;
  private final int parallelism;
  private final boolean borderPointsAsNoise;
  private final Search search;
  private final LabelRule labelRule;

  private Dbscan(double eps, int minPts, Metric metric, int parallelism, boolean borderPointsAsNoise,
      Search search, LabelRule labelRule) {
    this.eps = eps;
    this.minPts = minPts;
    this.metric = metric;
    this.parallelism = parallelism;
    this.borderPointsAsNoise = borderPointsAsNoise;
    this.search = search;
    this.labelRule = labelRule;
  }

  /**
   * Starts a configuration with radius {@code eps}, {@link #DEFAULT_MIN_PTS}, Euclidean distance, one
   * thread, standard DBSCAN (border points clustered), {@link Search#AUTO} and {@link LabelRule#NEAREST_CORE}.
   *
   * @param eps the neighbourhood radius, {@code > 0} and finite
   * @return a new configuration
   * @throws IllegalArgumentException if {@code eps} is not {@code > 0} and finite (NaN included)
   */
  public static Dbscan eps(double eps) {
    return new Dbscan(checkEps(eps), DEFAULT_MIN_PTS, Metric.EUCLIDEAN, 1, false, Search.AUTO,
        LabelRule.NEAREST_CORE);
  }

  private static double checkEps(double eps) {
    if (!(eps > 0) || eps == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("eps must be > 0 and finite, got " + eps);
    }
    return eps;
  }

  /**
   * @param newEps the neighbourhood radius, {@code > 0} and finite
   * @return a copy with this radius
   * @throws IllegalArgumentException if {@code newEps} is not {@code > 0} and finite
   */
  public Dbscan withEps(double newEps) {
    return new Dbscan(checkEps(newEps), minPts, metric, parallelism, borderPointsAsNoise, search, labelRule);
  }

  /**
   * Sets the core threshold. {@code minPts} counts the point itself (scikit-learn's {@code min_samples},
   * ELKI's {@code minpts}); users of Smile or Commons Math, whose value excludes the point, pass their
   * value + 1. {@code minPts = 1} makes every point core.
   *
   * @param newMinPts the number of points, the point included, that makes a core point; {@code >= 1}
   * @return a copy with this threshold
   * @throws IllegalArgumentException if {@code newMinPts < 1}
   */
  public Dbscan minPts(int newMinPts) {
    if (newMinPts < 1) {
      throw new IllegalArgumentException("minPts must be >= 1, got " + newMinPts);
    }
    return new Dbscan(eps, newMinPts, metric, parallelism, borderPointsAsNoise, search, labelRule);
  }

  /**
   * @param newMetric the distance (default {@link Metric#EUCLIDEAN})
   * @return a copy with this metric
   * @throws IllegalArgumentException if {@code newMetric} is null
   */
  public Dbscan metric(Metric newMetric) {
    if (newMetric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Dbscan(eps, minPts, newMetric, parallelism, borderPointsAsNoise, search, labelRule);
  }

  /**
   * @param threads number of threads for {@link #fit(Dataset)} (default 1); the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Dbscan parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new Dbscan(eps, minPts, metric, threads, borderPointsAsNoise, search, labelRule);
  }

  /**
   * DBSCAN* when true: border points are labelled noise and clusters consist of core points only. Core
   * points and the partition of core points are the same as with standard DBSCAN.
   *
   * @param asNoise true for DBSCAN*, false (the default) for standard DBSCAN
   * @return a copy with this option
   */
  public Dbscan borderPointsAsNoise(boolean asNoise) {
    return new Dbscan(eps, minPts, metric, parallelism, asNoise, search, labelRule);
  }

  /**
   * Chooses the neighbour search; the result is identical for every choice, only the time differs.
   *
   * @param newSearch the neighbour search (default {@link Search#AUTO})
   * @return a copy with this choice
   * @throws IllegalArgumentException if {@code newSearch} is null
   */
  public Dbscan search(Search newSearch) {
    if (newSearch == null) {
      throw new IllegalArgumentException("search must not be null");
    }
    return new Dbscan(eps, minPts, metric, parallelism, borderPointsAsNoise, newSearch, labelRule);
  }

  /**
   * Chooses how clusters are numbered and which cluster a border point shared by several joins (see
   * {@link LabelRule}); {@link LabelRule#SCIKIT_LEARN} gives scikit-learn's {@code labels_} exactly.
   *
   * @param newRule the rule (default {@link LabelRule#NEAREST_CORE})
   * @return a copy with this rule
   * @throws IllegalArgumentException if {@code newRule} is null
   */
  public Dbscan labelRule(LabelRule newRule) {
    if (newRule == null) {
      throw new IllegalArgumentException("labelRule must not be null");
    }
    return new Dbscan(eps, minPts, metric, parallelism, borderPointsAsNoise, search, newRule);
  }

  /** @return the neighbourhood radius */
  public double eps() {
    return eps;
  }

  /** @return the core threshold, counting the point itself */
  public int minPts() {
    return minPts;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return true for DBSCAN* (border points are noise) */
  public boolean borderPointsAsNoise() {
    return borderPointsAsNoise;
  }

  /** @return the neighbour search */
  public Search search() {
    return search;
  }

  /** @return how clusters are numbered and border points shared by several clusters placed */
  public LabelRule labelRule() {
    return labelRule;
  }

  /**
   * Clusters {@code data}. The dataset is read, never modified, and not retained by the model.
   *
   * @param data the points; any size from 1 row
   * @return the fitted model, which remembers the data's column names ({@link DbscanModel#columnNames()}) and checks
   *     those of the datasets it predicts
   * @throws IllegalArgumentException if {@code data} is null
   */
  public DbscanModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    Engine.Path requested;
    switch (search) {
      case GRID:
        requested = Engine.Path.GRID;
        break;
      case KD_TREE:
        requested = Engine.Path.KD_TREE;
        break;
      case BRUTE_FORCE:
        requested = Engine.Path.BRUTE_FORCE;
        break;
      default:
        requested = null;
        break;
    }
    // Data too large or too small for squared distances run times a power of two, eps alike (exact: Scale); the
    // core points are scaled back, so the model holds the data's own values.
    int e = Scale.exponent(data);
    Dataset run = e == 0 ? data : Dataset.wrap(Scale.values(data, e), data.size(), data.dimension());
    Engine.Output out = Engine.run(run, metric, e == 0 ? eps : DbscanModel.scaledEps(eps, e), minPts,
        borderPointsAsNoise, labelRule == LabelRule.SCIKIT_LEARN, requested, parallelism);
    if (e != 0) {
      Scale.up(out.corePoints, e);
    }
    Search used;
    switch (out.path) {
      case GRID:
        used = Search.GRID;
        break;
      case BRUTE_FORCE:
        used = Search.BRUTE_FORCE;
        break;
      default:
        used = Search.KD_TREE;
        break;
    }
    return DbscanModel.create(this, data.size(), data.dimension(), out, used, data.columnNames());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Dbscan)) {
      return false;
    }
    Dbscan b = (Dbscan) o;
    // As Double.equals, consistent with hashCode, which hashes the double.
    return Double.compare(eps, b.eps) == 0 && minPts == b.minPts && metric == b.metric
        && parallelism == b.parallelism && borderPointsAsNoise == b.borderPointsAsNoise && search == b.search
        && labelRule == b.labelRule;
  }

  @Override
  public int hashCode() {
    return Objects.hash(eps, minPts, metric, parallelism, borderPointsAsNoise, search, labelRule);
  }

  @Override
  public String toString() {
    return "Dbscan[eps=" + eps + ", minPts=" + minPts + ", metric=" + metric + ", parallelism="
        + parallelism + ", borderPointsAsNoise=" + borderPointsAsNoise + ", search=" + search + ", labelRule="
        + labelRule + "]";
  }
}
