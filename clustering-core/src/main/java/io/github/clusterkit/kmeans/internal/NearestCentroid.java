package io.github.clusterkit.kmeans.internal;

/**
 * The nearest centroid of many rows at once, for {@code KMeansModel.predict(Dataset)} and the mini-batch steps and
 * labelling pass ({@link Labeler}, which also gives the squared distances): the index a row-by-row scan
 * with {@link Dist#sq} gives (the lowest on ties), computed by blocks of rows copied column by column, so that the
 * distances to one centroid are vectorised over the block ({@link Dist#sqColumns} and {@link Dist#sqColumnsPair},
 * the same values as {@link Dist#sq}) and the nearest is kept by loops without branches. Rows wider than
 * {@link Columns#MAX_D} columns take the row-by-row scan.
 *
 * <p>{@link #labels} is stateless (every call allocates its own block buffers), so concurrent calls are safe; a
 * {@link Labeler} keeps its buffers and belongs to one thread.
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
    new Labeler(d).labelInto(x, 0, n, c, k, out, 0, null);
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

  /**
   * The blocked nearest-centroid kernel with its scratch kept across calls (one per thread): rows are transposed a
   * block at a time and compared with two centroids per pass, ties to the lowest index ({@link Engine#nearer}); rows
   * wider than {@link Columns#MAX_D} are scanned one by one with {@link #nearest}. Not thread-safe.
   */
  public static final class Labeler {
    private final int d;
    private final int bl;
    private final double[][] cols;
    private final double[] rowBuf;
    private final double[][] accs;
    private final double[] bd;
    private final double[] v0;
    private final double[] v1;
    private final int[] best;

    /** @param d the dimension of the rows and centroids */
    public Labeler(int d) {
      this.d = d;
      boolean blocks = d <= Columns.MAX_D;
      this.bl = blocks ? Columns.blockRows(d) : 0;
      this.cols = blocks ? new double[d][bl] : null;
      this.rowBuf = blocks ? new double[bl * d] : null;
      this.accs = blocks ? new double[8][bl] : null;
      this.bd = new double[bl];
      this.v0 = new double[bl];
      this.v1 = new double[bl];
      this.best = new int[bl];
    }

    /** Labels and squared distances of rows {@code [from, to)}, written at the same indices. */
    public void label(double[] x, int from, int to, double[] c, int k, int[] out, double[] dd) {
      labelInto(x, from, to, c, k, out, from, dd, from);
    }

    /** Labels at {@code out[outFrom..)}, squared distances at {@code dd[0..to-from)}. */
    public void labelInto(double[] x, int from, int to, double[] c, int k, int[] out, int outFrom, double[] dd) {
      labelInto(x, from, to, c, k, out, outFrom, dd, 0);
    }

    /** As above, the distances at {@code dd[ddFrom..)}; {@code dd == null} keeps the labels only. */
    void labelInto(double[] x, int from, int to, double[] c, int k, int[] out, int outFrom, double[] dd,
        int ddFrom) {
      if (d > Columns.MAX_D) {
        for (int i = from; i < to; i++) {
          int j = nearest(x, i * d, c, k, d);
          out[outFrom + i - from] = j;
          if (dd != null) {
            dd[ddFrom + i - from] = Dist.sq(x, i * d, c, j * d, d);
          }
        }
        return;
      }
      for (int base = from; base < to; base += bl) {
        int len = Math.min(bl, to - base);
        Columns.transpose(x, base, len, d, cols, rowBuf);
        Dist.sqColumns(cols, len, c, 0, d, accs, bd);
        java.util.Arrays.fill(best, 0, len, 0);
        int j = 1;
        for (; j + 1 < k; j += 2) {
          Dist.sqColumnsPair(cols, len, c, j * d, (j + 1) * d, d, accs, v0, v1);
          fold(v0, j, len);
          fold(v1, j + 1, len);
        }
        if (j < k) {
          Dist.sqColumns(cols, len, c, j * d, d, accs, v0);
          fold(v0, j, len);
        }
        System.arraycopy(best, 0, out, outFrom + base - from, len);
        if (dd != null) {
          System.arraycopy(bd, 0, dd, ddFrom + base - from, len);
        }
      }
    }

    /** Centroid {@code j}'s distances {@code v} folded into the running minimum and its index. */
    private void fold(double[] v, int j, int len) {
      for (int r = 0; r < len; r++) {
        double dj = v[r];
        double b0 = bd[r];
        best[r] = Engine.nearer(dj, b0, j, best[r]);
        bd[r] = Math.min(b0, dj);
      }
    }
  }
}
