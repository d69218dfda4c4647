package io.github.clusterkit.internal;

/**
 * Cross-product kernel shared by the moment computations (PCA's scatter, the Gaussian mixture's weighted
 * covariance sums). Not API.
 */
public final class Gram {

  private Gram() {}

  /**
   * Adds the lower triangle of {@code W^T X} over one block of {@code len} rows to {@code s}: for every
   * {@code j <= a}, {@code s[a * dp + j] += sum_t w[a * stride + t] * x[j * stride + t]} (plus some entries
   * just above the diagonal, which callers ignore). {@code W} and {@code X} are column-major blocks with
   * column stride {@code stride}; {@code dp} is even, and when the data have an odd number of columns the
   * padding column {@code dp - 1} of both blocks must be zero. Each 2 x 2 tile of {@code s} is reduced over
   * the rows in registers (four independent sums, in row order), so every entry is summed in the same
   * order whatever the tiling, and {@code W = X} gives a symmetric result bit for bit.
   *
   * @param w first block, column-major
   * @param x second block, column-major (may be {@code w})
   * @param stride column stride of both blocks
   * @param len rows in the block
   * @param dp padded column count, even
   * @param s {@code dp x dp} accumulator, row-major
   */
  public static void addLowerTiles(double[] w, double[] x, int stride, int len, int dp, double[] s) {
    for (int a = 0; a < dp; a += 2) {
      int oa0 = a * stride;
      int oa1 = oa0 + stride;
      for (int j = 0; j <= a; j += 2) {
        int ob0 = j * stride;
        int ob1 = ob0 + stride;
        double s00 = 0;
        double s01 = 0;
        double s10 = 0;
        double s11 = 0;
        for (int t = 0; t < len; t++) {
          double x0 = w[oa0 + t];
          double x1 = w[oa1 + t];
          double y0 = x[ob0 + t];
          double y1 = x[ob1 + t];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        int o = a * dp + j;
        s[o] += s00;
        s[o + 1] += s01;
        s[o + dp] += s10;
        s[o + dp + 1] += s11;
      }
    }
  }
}
