package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;

/**
 * A minimum spanning tree of HDBSCAN*'s mutual reachability graph, {@code mrd(p, q) = max(core(p), core(q),
 * dist(p, q))} over all pairs of rows (Campello, Moulavi, Zimek and Sander 2015, doi:10.1145/2733381).
 *
 * <p><b>Algorithm.</b> Up to {@link #TREE_MAX_DIMENSION} columns, Boruvka's rounds over a k-d tree ({@link Boruvka}:
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
   * The most columns for which the k-d tree path runs; the dense Prim above. Chosen by measurement: the MST of
   * 2 * 10^4 rows of {@code Generators.blobs} (10 centres, std 1, 5% noise), k = 5, one thread, CPU time of a
   * throwaway harness, tree / Prim: 0.9 / 2.4 s at 8 columns, 3.8 / 3.8 s at 16, 6.5 / 4.4 s at 24, 9.4 / 5.7 s at 32.
   * Prim's O(n^2) grows faster with n than the tree's searches, so the break-even only rises with more rows (at
   * 10^5 x 10 the tree took 14 s, Prim's extrapolated cost is above a minute).
   */
  static final int TREE_MAX_DIMENSION = 16;

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
      Path path = pathFor(d);
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
    Path p = path != null ? path : pathFor(d);
    try (ChunkRunner runner = new ChunkRunner(threads)) {
      MrdTree t = p == Path.TREE && n > 1 ? new MrdTree(x, n, d, metric, runner) : null;
      return run(x, n, d, metric, coreDistances, e, p, t, null, runner);
    }
  }

  static Path pathFor(int d) {
    return d <= TREE_MAX_DIMENSION ? Path.TREE : Path.PRIM;
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
