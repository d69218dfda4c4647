package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.neighbors.Metric;

/**
 * Prim's minimum spanning tree (Prim 1957, doi:10.1002/j.1538-7305.1957.tb01515.x) of the complete mutual
 * reachability graph, in the dense form: O(n^2) distance evaluations, O(n) memory, no distance matrix. Each step
 * joins the row outside the tree whose lightest edge into the tree comes first in {@link Boruvka}'s total order
 * (reduced weight, smaller row, larger row), so the tree is the same unique one {@link Boruvka} finds. Each step's
 * update runs in fixed chunks of rows, each keeping its own first row; the chunks' winners are compared in chunk
 * order.
 */
final class DensePrim {

  /** Rows per chunk of a step (fixed, so chunks do not depend on the thread count). */
  private static final int CHUNK = 4096;

  private DensePrim() {}

  /**
   * @param x row-major values (not modified)
   * @param n rows, {@code >= 2}
   * @param d columns
   * @param metric the metric
   * @param core reduced core distances by row ({@code +0.0}, never {@code -0.0})
   * @param runner the threads
   * @return the {@code n - 1} edges as pairs of rows: the first ends, then the second ends
   */
  static int[][] run(double[] x, int n, int d, Metric metric, double[] core, ChunkRunner runner) {
    boolean[] in = new boolean[n];
    double[] bestW = new double[n];
    int[] bestFrom = new int[n];
    java.util.Arrays.fill(bestW, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(bestFrom, Integer.MAX_VALUE);
    int chunks = ChunkRunner.chunks(n, CHUNK);
    int[] winner = new int[chunks];
    int[] ea = new int[n - 1];
    int[] eb = new int[n - 1];
    in[0] = true;
    int[] last = {0};
    for (int step = 0; step < n - 1; step++) {
      int u = last[0];
      double cu = core[u];
      int uo = u * d;
      runner.run(chunks, c -> {
        int end = (int) Math.min(n, (c + 1L) * CHUNK);
        int win = -1;
        for (int v = c * CHUNK; v < end; v++) {
          if (in[v]) {
            continue;
          }
          double w0 = Math.max(cu, core[v]);
          double bw = bestW[v];
          if (w0 <= bw) {
            double w = Math.max(w0, metric.reducedDistance(x, uo, x, v * d, d));
            int f = bestFrom[v];
            // edge (u, v) against (f, v): both end at v, so compare the other ends' pairs
            if (w < bw || (w == bw && pairLess(u, f, v))) {
              bestW[v] = w;
              bestFrom[v] = u;
            }
          }
          if (win < 0 || edgeLess(bestW[v], bestFrom[v], v, bestW[win], bestFrom[win], win)) {
            win = v;
          }
        }
        winner[c] = win;
      });
      int v = -1;
      for (int c = 0; c < chunks; c++) {
        int w = winner[c];
        if (w >= 0 && (v < 0 || edgeLess(bestW[w], bestFrom[w], w, bestW[v], bestFrom[v], v))) {
          v = w;
        }
      }
      in[v] = true;
      ea[step] = bestFrom[v];
      eb[step] = v;
      last[0] = v;
    }
    return new int[][] {ea, eb};
  }

  /** Whether pair {min(u, v), max(u, v)} precedes pair {min(f, v), max(f, v)}. */
  private static boolean pairLess(int u, int f, int v) {
    if (f == Integer.MAX_VALUE) {
      return true;
    }
    int a1 = Math.min(u, v);
    int a2 = Math.min(f, v);
    return a1 < a2 || (a1 == a2 && Math.max(u, v) < Math.max(f, v));
  }

  private static boolean edgeLess(double w1, int f1, int v1, double w2, int f2, int v2) {
    if (w1 != w2) {
      return w1 < w2;
    }
    int a1 = Math.min(f1, v1);
    int a2 = Math.min(f2, v2);
    if (a1 != a2) {
      return a1 < a2;
    }
    return Math.max(f1, v1) < Math.max(f2, v2);
  }
}
