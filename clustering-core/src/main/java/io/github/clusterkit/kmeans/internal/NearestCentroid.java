package io.github.clusterkit.kmeans.internal;

/**
 * The nearest centroid of many rows at once, for {@code KMeansModel.predict(Dataset)}: the index a row-by-row scan
 * with {@link Dist#sq} gives (the lowest on ties), computed by blocks of rows copied column by column, so that the
 * distances to one centroid are vectorised over the block ({@link Dist#sqColumns} and {@link Dist#sqColumnsPair},
 * the same values as {@link Dist#sq}) and the nearest is kept by loops without branches. Rows wider than
 * {@link Columns#MAX_D} columns take the row-by-row scan.
 *
 * <p>Stateless; every call allocates its own block buffers, so concurrent calls are safe.
 */
public final class NearestCentroid {

  private NearestCentroid() {}

  /**
   * @param x row-major points, finite, not so large that a squared distance overflows (read only)
   * @param n rows
   * @param d dimension
   * @param c centroids, row-major {@code k * d} (read only)
   * @param k centroids, at least 1
   * @param out receives, for every row, the index of its nearest centroid (lowest on ties)
   */
  public static void labels(double[] x, int n, int d, double[] c, int k, int[] out) {
    if (d > Columns.MAX_D) {
      for (int i = 0; i < n; i++) {
        out[i] = nearest(x, i * d, c, k, d);
      }
      return;
    }
    final int bl = Columns.blockRows(d);
    final double[][] cols = new double[d][bl];
    final double[] rowBuf = new double[bl * d];
    final double[][] acc = new double[8][bl];
    final double[] bd = new double[bl];
    final double[] v0 = new double[bl];
    final double[] v1 = new double[bl];
    final int[] best = new int[bl];
    for (int base = 0; base < n; base += bl) {
      final int len = Math.min(bl, n - base);
      Columns.transpose(x, base, len, d, cols, rowBuf);
      Dist.sqColumns(cols, len, c, 0, d, acc, bd);
      java.util.Arrays.fill(best, 0, len, 0);
      int j = 1;
      for (; j + 1 < k; j += 2) {
        Dist.sqColumnsPair(cols, len, c, j * d, (j + 1) * d, d, acc, v0, v1);
        fold(v0, j, bd, best, len);
        fold(v1, j + 1, bd, best, len);
      }
      if (j < k) {
        Dist.sqColumns(cols, len, c, j * d, d, acc, v0);
        fold(v0, j, bd, best, len);
      }
      System.arraycopy(best, 0, out, base, len);
    }
  }

  /**
   * The row-by-row scan: the nearest of the {@code k} centroids {@code c} to the point at {@code x[xo..xo+d)} by
   * {@link Dist#sq}, the lowest index on ties ({@code KMeansModel.predict} of one point, and wide rows here).
   *
   * @param x the point's array (read only)
   * @param xo the point's offset
   * @param c centroids, row-major {@code k * d} (read only)
   * @param k centroids, at least 1
   * @param d dimension
   * @return the index of the nearest centroid
   */
  public static int nearest(double[] x, int xo, double[] c, int k, int d) {
    int best = 0;
    double bd = Dist.sq(x, xo, c, 0, d);
    for (int j = 1; j < k; j++) {
      double dj = Dist.sq(x, xo, c, j * d, d);
      if (dj < bd) {
        bd = dj;
        best = j;
      }
    }
    return best;
  }

  /** Centroid {@code j}'s distances {@code v} folded into the running minimum {@code bd} and its index. */
  private static void fold(double[] v, int j, double[] bd, int[] best, int len) {
    for (int r = 0; r < len; r++) {
      double dj = v[r];
      double b0 = bd[r];
      best[r] = Engine.nearer(dj, b0, j, best[r]);
      bd[r] = Math.min(b0, dj);
    }
  }
}
