package io.github.clusterkit.eval.internal;

/** Cluster means and squared distances to them, in two passes over the data. */
public final class Centroids {

  private Centroids() {}

  /**
   * @param x the data, row-major
   * @param d number of columns
   * @param p the partition of the rows
   * @return {@code k x d} cluster means, row-major
   */
  public static double[] means(double[] x, int d, Partition p) {
    int[] cl = p.cluster;
    double[] c = new double[p.k * d];
    for (int i = 0, n = cl.length; i < n; i++) {
      int ci = cl[i];
      if (ci >= 0) {
        int off = i * d;
        int coff = ci * d;
        for (int t = 0; t < d; t++) {
          c[coff + t] += x[off + t];
        }
      }
    }
    for (int ci = 0; ci < p.k; ci++) {
      double inv = p.sizes[ci];
      int coff = ci * d;
      for (int t = 0; t < d; t++) {
        c[coff + t] /= inv;
      }
    }
    return c;
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
