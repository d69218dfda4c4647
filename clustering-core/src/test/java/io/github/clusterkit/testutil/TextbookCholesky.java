package io.github.clusterkit.testutil;

/**
 * The textbook Cholesky-Banachiewicz factorisation, row by row, for the tests' own oracles (independent of the
 * library's blocked factorisations).
 */
public final class TextbookCholesky {

  private TextbookCholesky() {}

  /**
   * @param a a symmetric matrix (only its lower triangle is read)
   * @return the lower factor {@code l} with {@code l l^T = a}; a pivot at or below 0 shows as a diagonal entry of 0
   *     or NaN (and NaN after it)
   */
  public static double[][] factor(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int m = 0; m < j; m++) {
          s -= l[i][m] * l[j][m];
        }
        l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
      }
    }
    return l;
  }

  /**
   * @param a a symmetric matrix
   * @return whether every pivot of {@link #factor} is positive
   */
  public static boolean positiveDefinite(double[][] a) {
    double[][] l = factor(a);
    for (int i = 0; i < a.length; i++) {
      if (!(l[i][i] > 0)) {
        return false;
      }
    }
    return true;
  }
}
