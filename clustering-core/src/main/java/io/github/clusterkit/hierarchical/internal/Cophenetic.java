package io.github.clusterkit.hierarchical.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * The cophenetic correlation coefficient (Sokal and Rohlf 1962, doi:10.2307/1217208): Pearson's correlation
 * over all pairs of points between their distance and their cophenetic distance (the height of the merge
 * that first joins them), as SciPy's {@code cophenet(Z, pdist(X))}. O(n^2) distance evaluations in two
 * passes, O(n d) memory: pairs are visited merge by merge, each merge contributing the pairs it joins. Not
 * API.
 */
public final class Cophenetic {

  private Cophenetic() {}

  /**
   * The cophenetic correlation (Pearson's, between the distances of all pairs and their cophenetic distances) of
   * data given times {@code 2^-e} (the exact scaling of data too large or too small for squared distances, 0 for
   * none): the tree's heights, in the data's own units, are read times {@code 2^-e} too. Pearson's correlation is the
   * same for both scalings.
   *
   * @param t the tree
   * @param v data times {@code 2^-e}, row-major (not modified)
   * @param d dimension
   * @param metric the metric
   * @param e the exponent
   * @return the correlation; NaN when it is undefined (fewer than two pairs, or all distances or all
   *     cophenetic distances equal), as SciPy's 0/0
   */
  public static double correlation(Tree t, double[] v, int d, Metric metric, int e) {
    double[] height = t.height;
    if (e != 0) {
      height = height.clone();
      for (int k = 0; k < height.length; k++) {
        height[k] = Math.scalb(height[k], -e);
      }
    }
    int metricCode = Kernels.code(metric);
    int n = t.n;
    if (n < 2) {
      return Double.NaN;
    }
    double pairs = (double) n * (n - 1) / 2;
    // Pass 1: mean distance, row by row.
    double[] row = new double[n];
    double sumY = 0;
    for (int i = 0; i < n - 1; i++) {
      Kernels.rowTail(v, n, d, i, metricCode, row, 0);
      double s = 0;
      for (int j = 0; j < n - 1 - i; j++) {
        s += row[j];
      }
      sumY += s;
    }
    double meanY = sumY / pairs;
    double sumZ = 0;
    for (int k = 0; k < n - 1; k++) {
      sumZ += height[k] * ((double) size(t, t.left[k]) * size(t, t.right[k]));
    }
    double meanZ = sumZ / pairs;
    // Pass 2: merge by merge, the pairs it joins all share cophenetic distance height[k].
    int[] head = new int[2 * n - 1];
    int[] tail = new int[2 * n - 1];
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      head[i] = i;
      tail[i] = i;
      next[i] = -1;
    }
    double[] buf = new double[n * d];
    double num = 0;
    double denY = 0;
    double denZ = 0;
    for (int k = 0; k < n - 1; k++) {
      int a = t.left[k];
      int b = t.right[k];
      int sa = size(t, a);
      int sb = size(t, b);
      if (sa > sb) {
        int tmp = a;
        a = b;
        b = tmp;
      }
      // Gather the larger side's rows contiguously, then stream it once per point of the smaller side.
      int m = 0;
      for (int p = head[b]; p >= 0; p = next[p]) {
        System.arraycopy(v, p * d, buf, m * d, d);
        m++;
      }
      double s1 = 0;
      double s2 = 0;
      for (int p = head[a]; p >= 0; p = next[p]) {
        int ap = p * d;
        for (int q = 0; q < m; q++) {
          double dy = pairDistance(v, ap, buf, q * d, d, metricCode) - meanY;
          s1 += dy;
          s2 += dy * dy;
        }
      }
      double dz = height[k] - meanZ;
      num += s1 * dz;
      denY += s2;
      denZ += (double) sa * sb * dz * dz;
      int id = n + k;
      head[id] = head[a];
      next[tail[a]] = head[b];
      tail[id] = tail[b];
    }
    return num / Math.sqrt(denY * denZ);
  }

  private static int size(Tree t, int id) {
    return id < t.n ? 1 : t.count[id - t.n];
  }

  private static double pairDistance(double[] v, int a, double[] w, int b, int d, int metric) {
    if (metric == Kernels.EUCLIDEAN) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double x = v[a + j] - w[b + j];
        s += x * x;
      }
      return Math.sqrt(s);
    } else if (metric == Kernels.MANHATTAN) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += Math.abs(v[a + j] - w[b + j]);
      }
      return s;
    }
    double s = 0;
    for (int j = 0; j < d; j++) {
      s = Math.max(s, Math.abs(v[a + j] - w[b + j]));
    }
    return s;
  }
}
