package io.github.clusterkit.hierarchical.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * Single linkage as Prim's minimum spanning tree with distances computed on the fly: O(n^2) distance
 * evaluations, O(n d) memory (a column-by-column copy of the data and a few arrays of n), no matrix. Step for step as SciPy 1.10's {@code _hierarchy.mst_single_linkage}:
 * from the newest tree vertex {@code x}, every outside point lowers its distance to the tree, and the next
 * vertex is the outside point with the smallest such distance, the smallest index on ties. The recorded
 * edges are then sorted and relabelled by {@link Tree#fromRecorded}.
 *
 * <p>The points outside the tree are held column by column (one array per coordinate, structure of arrays)
 * and compacted as points join the tree (the last one moves into the freed slot), so each step is a few
 * element-wise loops over contiguous arrays that the JIT compiler vectorises. Every distance is summed over
 * the coordinates in order, exactly as before, so the distances are the same bits; the order of the slots
 * no longer follows the row index, so the smallest index among equal distances is chosen explicitly.
 * Euclidean distances are kept squared: the square root is monotone and correctly rounded, so the root of
 * the smallest square is the smallest root, bit for bit; two different squares can still have the same
 * root, so a tie is every square up to the largest one whose root equals the minimum. Not API.
 */
public final class PrimSingle {

  /** Points per block: the block's partial sums stay in the L1 cache while the columns stream past. */
  private static final int BLOCK = 512;

  private PrimSingle() {}

  /**
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code >= 2}
   * @param d dimension
   * @param metric the metric
   * @return the tree in SciPy's layout
   */
  public static Tree run(double[] v, int n, int d, Metric metric) {
    int metricCode = Kernels.code(metric);
    // Slot p holds outside point id[p], its coordinates cols[c][p] and its distance to the tree best[p].
    int m = n - 1;
    double[][] cols = new double[d][m];
    int[] id = new int[m];
    double[] best = new double[m];
    for (int p = 0; p < m; p++) {
      int i = p + 1;
      id[p] = i;
      best[p] = Double.POSITIVE_INFINITY;
      for (int c = 0; c < d; c++) {
        cols[c][p] = v[i * d + c];
      }
    }
    double[] xc = new double[d];
    for (int c = 0; c < d; c++) {
      xc[c] = v[c]; // row 0 starts the tree
    }
    double[] acc = new double[m]; // indexed by slot, as cols and best: the loops then vectorise
    int nOut = m;
    int[] ra = new int[m];
    int[] rb = new int[m];
    double[] rh = new double[m];
    int x = 0;
    boolean euclid = metricCode == Kernels.EUCLIDEAN;
    for (int k = 0; k < m; k++) {
      double currentMin = Double.POSITIVE_INFINITY;
      for (int lo = 0; lo < nOut; lo += BLOCK) {
        int hi = Math.min(nOut, lo + BLOCK);
        currentMin = Math.min(currentMin, lowerBlock(cols, d, xc, metricCode, best, acc, lo, hi));
      }
      // The smallest index among the slots at the minimum (SciPy scans in index order, strict <). Euclidean
      // slots hold squared distances: every square whose root rounds to the same minimum is a tie.
      double limit = currentMin;
      if (euclid) {
        double root = Math.sqrt(currentMin);
        while (Math.sqrt(Math.nextUp(limit)) == root) {
          limit = Math.nextUp(limit);
        }
        currentMin = root;
      }
      int pos = -1;
      int y = Integer.MAX_VALUE;
      for (int p = 0; p < nOut; p++) {
        if (best[p] <= limit && id[p] < y) {
          y = id[p];
          pos = p;
        }
      }
      ra[k] = x;
      rb[k] = y;
      rh[k] = currentMin;
      // y joins the tree: keep its coordinates, move the last slot into its place.
      int last = nOut - 1;
      for (int c = 0; c < d; c++) {
        double[] cc = cols[c];
        xc[c] = cc[pos];
        cc[pos] = cc[last];
      }
      id[pos] = id[last];
      best[pos] = best[last];
      nOut = last;
      x = y;
    }
    return Tree.fromRecorded(n, ra, rb, rh);
  }

  /**
   * Lowers {@code best[lo..hi)} to the distance from the new tree vertex (coordinates {@code xc}) and returns
   * the smallest of them. The distance is accumulated coordinate by coordinate in {@code acc}, in the order
   * of {@link Kernels#distance}, so it is that method's result bit for bit; Euclidean distances are kept
   * squared (the root of the sum is taken once per step, of the minimum).
   */
  private static double lowerBlock(double[][] cols, int d, double[] xc, int metric, double[] best,
      double[] acc, int lo, int hi) {
    // Every array is indexed by the slot itself: C2 (JDK 17) vectorises a loop only when its arrays are
    // indexed alike (acc[j - lo] against cols[c][j] kept these loops scalar).
    double[] c0 = cols[0];
    double a0 = xc[0];
    if (metric == Kernels.EUCLIDEAN) {
      Kernels.squaredSumsAt(cols, xc, d, lo, hi, acc);
    } else if (metric == Kernels.MANHATTAN) {
      for (int j = lo; j < hi; j++) {
        acc[j] = Math.abs(a0 - c0[j]);
      }
      for (int c = 1; c < d; c++) {
        double[] cc = cols[c];
        double a = xc[c];
        for (int j = lo; j < hi; j++) {
          acc[j] += Math.abs(a - cc[j]);
        }
      }
    } else {
      for (int j = lo; j < hi; j++) {
        acc[j] = Math.abs(a0 - c0[j]);
      }
      for (int c = 1; c < d; c++) {
        double[] cc = cols[c];
        double a = xc[c];
        for (int j = lo; j < hi; j++) {
          acc[j] = Math.max(acc[j], Math.abs(a - cc[j]));
        }
      }
    }
    double min = Double.POSITIVE_INFINITY;
    for (int j = lo; j < hi; j++) {
      double b = best[j];
      double dist = acc[j];
      b = dist < b ? dist : b;
      best[j] = b;
      min = b < min ? b : min;
    }
    return min;
  }
}
