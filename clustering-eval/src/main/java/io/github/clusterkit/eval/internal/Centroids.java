package io.github.clusterkit.eval.internal;

/** Cluster means and squared distances to them: the means in two passes over the data, the distances in one. */
public final class Centroids {

  private Centroids() {}

  /**
   * @param x the data, row-major
   * @param d number of columns
   * @param p the partition of the rows
   * @return {@code k x d} cluster means, row-major
   */
  public static double[] means(double[] x, int d, Partition p) {
    return means(x, d, p, null);
  }

  /**
   * The cluster means and, in the same two passes, the mean of all kept rows.
   *
   * <p>Each mean is the rounded quotient {@code m = sum / n} followed by one correction step,
   * {@code m += sum(x - m) / n} with the corrections summed in row order. This makes the mean of copies of one
   * value that value exactly (the plain quotient need not be: {@code (0.1 + 0.1 + 0.1) / 3} is
   * {@code 0.10000000000000002}), so that a scatter or a gap between means that is exactly 0 comes out as 0
   * rather than rounding noise, and it is more accurate in general. Why it is exact for copies of {@code v}: the
   * row-order sum is {@code n v} within {@code n} units in its last place, so the quotient {@code m} lies within
   * {@code n} units in the last place of {@code v}: {@code v - m} is exact (Sterbenz) and a multiple {@code j}
   * of that unit with {@code j <= n}; the {@code n} equal terms then add up exactly (every partial sum is a
   * multiple of the unit below {@code n^2} of them, within the 53 bits of a double for {@code n} up to
   * {@code 2^26} rows, and in practice far beyond, the rounding error of the sum being much smaller than its
   * bound), the division by {@code n} gives back the term, and {@code m + (v - m)} is {@code v}.
   *
   * @param x the data, row-major
   * @param d number of columns
   * @param p the partition of the rows
   * @param overall receives the mean of all kept rows ({@code d} values), or null
   * @return {@code k x d} cluster means, row-major
   */
  public static double[] means(double[] x, int d, Partition p, double[] overall) {
    int[] cl = p.cluster;
    int n = cl.length;
    double[] c = new double[p.k * d];
    double[] all = overall == null ? null : new double[d];
    for (int i = 0; i < n; i++) {
      int ci = cl[i];
      if (ci >= 0) {
        int off = i * d;
        int coff = ci * d;
        for (int t = 0; t < d; t++) {
          c[coff + t] += x[off + t];
        }
        if (all != null) {
          for (int t = 0; t < d; t++) {
            all[t] += x[off + t];
          }
        }
      }
    }
    divide(c, d, p.sizes);
    if (all != null) {
      for (int t = 0; t < d; t++) {
        all[t] /= p.kept;
      }
    }
    // the correction step (see above): one more pass, in row order
    double[] corr = new double[p.k * d];
    double[] allCorr = all == null ? null : new double[d];
    for (int i = 0; i < n; i++) {
      int ci = cl[i];
      if (ci >= 0) {
        int off = i * d;
        int coff = ci * d;
        for (int t = 0; t < d; t++) {
          corr[coff + t] += x[off + t] - c[coff + t];
        }
        if (all != null) {
          for (int t = 0; t < d; t++) {
            allCorr[t] += x[off + t] - all[t];
          }
        }
      }
    }
    divide(corr, d, p.sizes);
    for (int j = 0; j < c.length; j++) {
      c[j] += corr[j];
    }
    if (all != null) {
      for (int t = 0; t < d; t++) {
        overall[t] = all[t] + allCorr[t] / p.kept;
      }
    }
    return c;
  }

  private static void divide(double[] a, int d, int[] sizes) {
    for (int ci = 0; ci < sizes.length; ci++) {
      double size = sizes[ci];
      int coff = ci * d;
      for (int t = 0; t < d; t++) {
        a[coff + t] /= size;
      }
    }
  }

  /**
   * @param x the data, row-major
   * @param d number of columns
   * @param p the partition
   * @param means the cluster means
   * @param perCluster receives the sum of squared distances per cluster, or null
   * @param perClusterDistance receives the sum of (plain) distances per cluster, or null
   * @return the total sum of squared distances of the kept rows to their cluster mean
   */
  public static double squaredErrors(double[] x, int d, Partition p, double[] means, double[] perCluster,
      double[] perClusterDistance) {
    int[] cl = p.cluster;
    double total = 0;
    for (int i = 0, n = cl.length; i < n; i++) {
      int ci = cl[i];
      if (ci >= 0) {
        int off = i * d;
        int coff = ci * d;
        double s = 0;
        for (int t = 0; t < d; t++) {
          double diff = x[off + t] - means[coff + t];
          s += diff * diff;
        }
        total += s;
        if (perCluster != null) {
          perCluster[ci] += s;
        }
        if (perClusterDistance != null) {
          perClusterDistance[ci] += Math.sqrt(s);
        }
      }
    }
    return total;
  }
}
