package io.github.clusterkit.optics;

import io.github.clusterkit.optics.internal.Extract;

/**
 * What {@link Optics#fit(io.github.clusterkit.data.Dataset)} computed: the cluster ordering, per-row reachability,
 * core distances and predecessors (scikit-learn's {@code ordering_}, {@code reachability_}, {@code core_distances_},
 * {@code predecessor_}), the labels ({@code labels_}) and, for the xi method, the nested clusters
 * ({@code cluster_hierarchy_}). Per-row arrays are indexed by row, as scikit-learn's; {@link #reachabilityPlot()}
 * gives the reachability in visiting order. Undefined distances are {@code +inf}.
 *
 * <p>Immutable and safe to share between threads: every accessor returns a new copy.
 */
public final class OpticsResult {

  private final Optics config;
  private final int[] ordering;
  private final double[] reach;
  private final double[] core;
  private final int[] predecessor;
  private final int[] labels;
  private final int[][] hierarchy;
  private final int clusters;
  private final int noise;

  OpticsResult(Optics config, int[] ordering, double[] reach, double[] core, int[] predecessor, int[] labels,
      int[][] hierarchy) {
    this.config = config;
    this.ordering = ordering;
    this.reach = reach;
    this.core = core;
    this.predecessor = predecessor;
    this.labels = labels;
    this.hierarchy = hierarchy;
    int max = -1;
    int minus = 0;
    for (int l : labels) {
      max = Math.max(max, l);
      if (l < 0) {
        minus++;
      }
    }
    this.clusters = max + 1;
    this.noise = minus;
  }

  /** @return the configuration that produced this result */
  public Optics config() {
    return config;
  }

  /** @return the number of rows */
  public int size() {
    return ordering.length;
  }

  /** @return the rows in visiting order (a permutation of {@code 0 .. n-1}; a copy) */
  public int[] ordering() {
    return ordering.clone();
  }

  /**
   * @return each row's reachability distance, by row (a copy): {@code +inf} for the first row of each component and
   *     for rows no core row within maxEps reached
   */
  public double[] reachability() {
    return reach.clone();
  }

  /** @return the reachability distances in visiting order, {@code reachability()[ordering()[i]]} (a new array) */
  public double[] reachabilityPlot() {
    double[] out = new double[ordering.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = reach[ordering[i]];
    }
    return out;
  }

  /** @return each row's core distance, by row (a copy); {@code +inf} where above maxEps */
  public double[] coreDistances() {
    return core.clone();
  }

  /** @return the row each row was reached from, by row (a copy); {@code -1} for rows of infinite reachability */
  public int[] predecessor() {
    return predecessor.clone();
  }

  /**
   * @return each row's cluster, by row (a copy): {@code -1} for noise, clusters numbered {@code 0, 1, ...} in the
   *     order of {@link #clusterHierarchy()} (xi; only clusters that overlap no earlier-labelled one) or of the
   *     ordering (DBSCAN)
   */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of clusters in {@link #labels()} */
  public int clusterCount() {
    return clusters;
  }

  /** @return the number of rows labelled {@code -1} */
  public int noiseCount() {
    return noise;
  }

  /**
   * The xi clusters, each {@code {start, end}}: positions in {@link #ordering()}, both inclusive, so the rows
   * {@code ordering()[start .. end]} form the cluster. Ordered by {@code end} ascending, then {@code start}
   * descending, so a cluster comes after the clusters nested in it. Usually longer than the label count, since
   * {@link #labels()} keeps only clusters that overlap no earlier one. Empty under {@link Optics.ClusterMethod#DBSCAN}.
   *
   * @return the clusters (a deep copy)
   */
  public int[][] clusterHierarchy() {
    int[][] out = new int[hierarchy.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = hierarchy[i].clone();
    }
    return out;
  }

  /**
   * DBSCAN labels at radius {@code eps} from this ordering, as scikit-learn 1.2.1's {@code cluster_optics_dbscan}:
   * walking the ordering, a row of reachability {@code > eps} whose core distance is {@code <= eps} starts the next
   * cluster; every other row joins the current cluster, except rows of reachability {@code > eps} that are not core
   * at eps, which are noise ({@code -1}).
   *
   * <p><b>Against {@link io.github.clusterkit.dbscan.Dbscan}</b> at the same eps with {@code minPts = minSamples}:
   * the core rows (core distance {@code <= eps}) and the partition of the core rows are the same, and DBSCAN's noise
   * is noise here; a border row is either in the cluster of a core row within eps of it or noise here (noise when the
   * ordering visited it before any core row within eps of it). Both hold but for rounding: the core distances and
   * reachabilities are rounded to 15 decimals, so a distance within about {@code 1e-15} above eps can count as
   * within it. With {@code eps = +inf} (scikit-learn's default when maxEps is infinite) no reachability exceeds eps,
   * so no cluster starts and every row is labelled {@code -1}, as in scikit-learn.
   *
   * @param eps the radius, {@code >= 0} and at most maxEps
   * @return each row's label, by row
   * @throws IllegalArgumentException if {@code eps} is not {@code >= 0} (NaN included) or exceeds maxEps
   */
  public int[] dbscanLabels(double eps) {
    if (!(eps >= 0)) {
      throw new IllegalArgumentException("eps must be >= 0, got " + eps);
    }
    if (eps > config.maxEps()) {
      throw new IllegalArgumentException("eps must be <= maxEps (" + config.maxEps() + "), got " + eps);
    }
    return Extract.dbscan(ordering, reach, core, eps);
  }

  @Override
  public String toString() {
    return "OpticsResult[n=" + ordering.length + ", clusters=" + clusters + ", noise=" + noise + ", config=" + config
        + "]";
  }
}
