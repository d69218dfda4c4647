package io.github.clusterkit.hierarchical.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * Test oracle: {@link PrimSingle} as it was before its points were held column by column (row-major
 * distances through {@link Kernels#distance}, the outside points kept in ascending order so the first strict
 * minimum is the smallest index). Step for step SciPy 1.10's {@code mst_single_linkage}; checked against
 * SciPy by the reference tests when it was the library's implementation.
 */
final class RowMajorPrimSingle {

  private RowMajorPrimSingle() {}

  /**
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code >= 2}
   * @param d dimension
   * @param metric the metric
   * @return the tree in SciPy's layout
   */
  static Tree run(double[] v, int n, int d, Metric metric) {
    int metricCode = Kernels.code(metric);
    // Points outside the tree, ascending, with their distance to the tree (the same order as SciPy's scan).
    int[] out = new int[n - 1];
    double[] best = new double[n - 1];
    for (int i = 1; i < n; i++) {
      out[i - 1] = i;
      best[i - 1] = Double.POSITIVE_INFINITY;
    }
    int nOut = n - 1;
    int[] ra = new int[n - 1];
    int[] rb = new int[n - 1];
    double[] rh = new double[n - 1];
    int x = 0;
    boolean euclid2 = metricCode == Kernels.EUCLIDEAN && d == 2;
    for (int k = 0; k < n - 1; k++) {
      double currentMin = Double.POSITIVE_INFINITY;
      int pos = -1;
      int ax = x * d;
      if (euclid2) {
        double x0 = v[ax];
        double x1 = v[ax + 1];
        for (int p = 0; p < nOut; p++) {
          int j = out[p];
          double t0 = x0 - v[2 * j];
          double t1 = x1 - v[2 * j + 1];
          double dist = Math.sqrt(t0 * t0 + t1 * t1);
          double b = best[p];
          if (b > dist) {
            b = dist;
            best[p] = dist;
          }
          if (b < currentMin) {
            currentMin = b;
            pos = p;
          }
        }
      } else {
        for (int p = 0; p < nOut; p++) {
          double dist = Kernels.distance(v, ax, out[p] * d, d, metricCode);
          double b = best[p];
          if (b > dist) {
            b = dist;
            best[p] = dist;
          }
          if (b < currentMin) {
            currentMin = b;
            pos = p;
          }
        }
      }
      int y = out[pos];
      ra[k] = x;
      rb[k] = y;
      rh[k] = currentMin;
      // Remove y, keeping the ascending order (and so SciPy's tie rule).
      System.arraycopy(out, pos + 1, out, pos, nOut - pos - 1);
      System.arraycopy(best, pos + 1, best, pos, nOut - pos - 1);
      nOut--;
      x = y;
    }
    return Tree.fromRecorded(n, ra, rb, rh);
  }
}
