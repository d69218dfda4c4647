package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;

/**
 * A minimum spanning tree of HDBSCAN*'s mutual reachability graph, {@code mrd(p, q) = max(core(p), core(q),
 * dist(p, q))} over all pairs of rows (Campello, Moulavi, Zimek and Sander 2015, doi:10.1145/2733381).
 *
 * <p><b>Algorithm.</b> Up to {@link #TREE_MAX_DIMENSION} columns (up to {@link #LARGE_TREE_MAX_DIMENSION} from
 * {@link #LARGE_MIN_ROWS} rows), Boruvka's rounds over a k-d tree ({@link Boruvka}:
 * each row's search skips its own component's nodes and prunes by the lower bound {@code max(core(p), min core in node,
 * box distance)}; a node wholly in one component searches as one, over pairs of nodes; with the core distances computed
 * in the same pass and {@code k <= }{@link #LIST_MAX_K}, the first round reads each row's edge from its k nearest rows
 * where they settle it); above, where k-d trees no longer prune, a dense Prim (O(n^2) distances, O(n) memory). Both
 * work in the metric's reduced space and compare edges by (weight, smaller row, larger row), a total order: both return
 * the unique minimum spanning tree under that order, so the edges are the same for every path and every thread count.
 * Any minimum spanning tree has the same sorted weights, and gives the same HDBSCAN* hierarchy.
 *
 * <p><b>Weights.</b> {@code max(core(p), core(q), metric.fromReduced(metric.reducedDistance(p, q)))}: with core
 * distances from {@link CoreDistances}, this is {@code fromReduced} of the largest of the three reduced values, bit
 * for bit. Inside, a core distance {@code c} is compared in reduced form as {@code toReduced(c)} (for Euclidean
 * {@code fl(c * c)}, whose correctly rounded square root is {@code c} again): since {@code fromReduced} is monotone,
 * the order of reduced weights refines the order of true weights, so a minimum tree under the first is one under the
 * second. Data beyond {@code 2^201} or below {@code 2^-200} in magnitude are processed after an exact power-of-two
 * scaling ({@code Scale}).
 *
 * <p><b>Edge cases.</b> One row: no edges. Identical rows: weights equal to their core distance (0 when
 * {@code k} is at most their number); a million identical rows take one round and no recursion.
 */
public final class ReachabilityMst {

  /**
   * The most columns for which the k-d tree path always runs; the dense Prim above (but see
   * {@link #LARGE_TREE_MAX_DIMENSION}). Chosen by measurement: core distances and tree as {@code Hdbscan} runs them
   * ({@code compute} with {@code k} = minSamples = 10), one thread, wall time of a throwaway harness, median of 3
   * runs after warm-up (one run where a run took over 8 s), on {@code Generators.blobs} (10 centres, std 1, 5% noise,
   * the benchmark's seed), tree / Prim in seconds:
   * <pre>
   *   columns   5,000 rows       20,000 rows      50,000 rows
   *     8      0.078 / 0.150    0.525 / 2.125
   *    12      0.138 / 0.184    1.162 / 2.903
   *    16      0.206 / 0.217    1.971 / 3.603    12.0 / 25.1
   *    20      0.280 / 0.264    3.279 / 4.165    15.1 / 31.5
   *    24      0.312 / 0.299    5.065 / 4.824    23.2 / 35.3   (35,000 rows: 12.9 / 17.0)
   *    32      0.657 / 0.417    8.03 / 6.68      45.3 / 52.0
   *    48      1.174 / 0.628    15.6 / 10.7
   * </pre>
   * The standardised cc_general data set (8950 x 17, missing values imputed by the column median): 0.41 / 0.91 s
   * at k = 10, 0.39 / 0.81 s at k = 5. At 20 columns and 5,000 rows the tree is 6% (16 ms) slower, at 20,000 rows
   * 21% faster; Prim's O(n^2) grows faster with n than the tree's searches, so the break-even rises with the rows.
   */
  static final int TREE_MAX_DIMENSION = 20;

  /**
   * The most columns for which the k-d tree path runs from {@link #LARGE_MIN_ROWS} rows: at 24 columns the tree took
   * 0.76 times Prim's time at 35,000 rows and 0.66 at 50,000, against 1.05 at 20,000 (table at
   * {@link #TREE_MAX_DIMENSION}). At 32 columns it still took 0.87 times at 50,000 rows, too close to move.
   */
  static final int LARGE_TREE_MAX_DIMENSION = 24;

  /**
   * The fewest rows for which the tree runs up to {@link #LARGE_TREE_MAX_DIMENSION} columns: between the measured
   * 20,000 (tree 5% slower) and 35,000 (24% faster).
   */
  static final int LARGE_MIN_ROWS = 30_000;

  /**
   * The largest {@code k} for which the core distances' searches keep their {@code k} nearest rows for Boruvka's
   * first round: {@code n * k} positions, at most 128 bytes a row, held until the tree is done (memory stays O(n)).
   */
  static final int LIST_MAX_K = 32;

  /** Which algorithm runs. */
  enum Path {
    TREE,
    PRIM
  }

  private ReachabilityMst() {}

  /**
   * @param data the rows
   * @param metric the metric
   * @param coreDistances the core distance of every row (as {@link CoreDistances#compute}); not modified
   * @param threads threads, {@code >= 1}
   * @return the {@code n - 1} edges, ascending by weight
   * @throws IllegalArgumentException if an argument is null or out of range, or a core distance is not a finite
   *     value {@code >= 0}
   */
  public static MstEdges compute(Dataset data, Metric metric, double[] coreDistances, int threads) {
    return compute(data, metric, coreDistances, threads, null);
  }

  /**
   * Core distances and the tree in one pass over one k-d tree (the tree path builds it once for both).
   *
   * @param data the rows
   * @param metric the metric
   * @param k the core neighbour, itself included, in {@code [1, n]}
   * @param threads threads, {@code >= 1}
   * @param coreOut receives the core distances in row order, length {@code n}
   * @return the {@code n - 1} edges, ascending by weight
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public static MstEdges compute(Dataset data, Metric metric, int k, int threads, double[] coreOut) {
    CoreDistances.check(data, metric, threads);
    int n = data.size();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, n = " + n + "], got " + k);
    }
    if (coreOut == null || coreOut.length != n) {
      throw new IllegalArgumentException("coreOut must have length n = " + n + ", got "
          + (coreOut == null ? "null" : String.valueOf(coreOut.length)));
    }
    int d = data.dimension();
    int e = Scale.exponent(data);
    double[] x = Scale.values(data, e);
    try (ChunkRunner runner = new ChunkRunner(threads)) {
      MrdTree t = new MrdTree(x, n, d, metric, runner);
      Path path = pathFor(n, d);
      CoreDistances.Lists lists = path == Path.TREE && k >= 2 && k <= LIST_MAX_K && n > 1
          && (long) n * k <= Integer.MAX_VALUE - 8 ? CoreDistances.reducedLists(t, k, runner) : null;
      double[] at = lists != null ? lists.at : CoreDistances.reducedAt(t, k, runner);
      for (int p = 0; p < n; p++) {
        coreOut[t.perm[p]] = Math.scalb(metric.fromReduced(at[p]), e);
      }
      return run(x, n, d, metric, coreOut, e, path, t, lists, runner);
    }
  }

  /** As {@link #compute(Dataset, Metric, double[], int)}, on a given path (null: the automatic choice). */
  static MstEdges compute(Dataset data, Metric metric, double[] coreDistances, int threads, Path path) {
    CoreDistances.check(data, metric, threads);
    int n = data.size();
    if (coreDistances == null || coreDistances.length != n) {
      throw new IllegalArgumentException("coreDistances must have length n = " + n + ", got "
          + (coreDistances == null ? "null" : String.valueOf(coreDistances.length)));
    }
    for (int i = 0; i < n; i++) {
      double c = coreDistances[i];
      if (!(c >= 0) || c == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("coreDistances must be finite and >= 0, got coreDistances[" + i + "] = "
            + c);
      }
    }
    int d = data.dimension();
    int e = Scale.exponent(data);
    double[] x = Scale.values(data, e);
    Path p = path != null ? path : pathFor(n, d);
    try (ChunkRunner runner = new ChunkRunner(threads)) {
      MrdTree t = p == Path.TREE && n > 1 ? new MrdTree(x, n, d, metric, runner) : null;
      return run(x, n, d, metric, coreDistances, e, p, t, null, runner);
    }
  }

  /** The automatic choice for {@code n} rows of {@code d} columns. */
  static Path pathFor(int n, int d) {
    return d <= TREE_MAX_DIMENSION || d <= LARGE_TREE_MAX_DIMENSION && n >= LARGE_MIN_ROWS ? Path.TREE : Path.PRIM;
  }

  private static MstEdges run(double[] x, int n, int d, Metric metric, double[] core, int e, Path path, MrdTree t,
      CoreDistances.Lists lists, ChunkRunner runner) {
    if (n == 1) {
      return new MstEdges(new int[0], new int[0], new double[0]);
    }
    int[][] edges;
    if (path == Path.TREE) {
      double[] at = new double[n];
      for (int p = 0; p < n; p++) {
        at[p] = reduced(metric, core[t.perm[p]], e);
      }
      t.cores(at);
      edges = Boruvka.run(t, at, lists, runner);
      for (int[] ends : edges) {
        for (int i = 0; i < ends.length; i++) {
          ends[i] = t.perm[ends[i]];
        }
      }
    } else {
      double[] cr = new double[n];
      for (int i = 0; i < n; i++) {
        cr[i] = reduced(metric, core[i], e);
      }
      edges = DensePrim.run(x, n, d, metric, cr, runner);
    }
    int m = n - 1;
    int[] from = new int[m];
    int[] to = new int[m];
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      int a = Math.min(edges[0][i], edges[1][i]);
      int b = Math.max(edges[0][i], edges[1][i]);
      from[i] = a;
      to[i] = b;
      double dist = Math.scalb(metric.fromReduced(metric.reducedDistance(x, a * d, x, b * d, d)), e);
      w[i] = Math.max(Math.max(core[a], core[b]), dist);
    }
    int[] order = EdgeSort.order(w, from, to);
    int[] f2 = new int[m];
    int[] t2 = new int[m];
    double[] w2 = new double[m];
    for (int i = 0; i < m; i++) {
      int o = order[i];
      f2[i] = from[o];
      t2[i] = to[o];
      w2[i] = w[o];
    }
    return new MstEdges(f2, t2, w2);
  }

  /** A core distance in the engine's reduced units ({@code +0.0} for either zero). */
  private static double reduced(Metric metric, double core, int e) {
    return metric.toReduced(Math.scalb(core, -e)) + 0.0;
  }
}
