package io.github.clusterkit.bench;

import smile.feature.extraction.PCA;
import smile.tensor.DenseMatrix;
import smile.tensor.Vector;

/**
 * Smile 6's PCA for {@link PcaBenchmark}: {@code smile.feature.extraction.PCA.fit(rows)} (covariance, then
 * its eigen-decomposition by LAPACK). Smile 6 reaches LAPACK through the Java foreign-function API in the
 * system's shared library ({@code libopenblas.so.0} on Debian: package {@code libopenblas0}), not through
 * bytedeco's jars; without that library the fit fails. OpenBLAS's pthread build uses every core unless
 * {@code OPENBLAS_NUM_THREADS=1} is set. ({@code src/smile3/java} holds the Smile 3.1.1 twin, which refuses.)
 */
final class SmilePca {

  private SmilePca() {
  }

  static Object fit(double[][] rows) {
    return PCA.fit(rows);
  }

  static boolean isResult(Object result) {
    return result instanceof PCA;
  }

  /** The variances of the principal components, in Smile's order (largest first). */
  static double[] eigenvalues(Object result) {
    Vector v = ((PCA) result).variance();
    double[] values = new double[v.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = v.get(i);
    }
    return values;
  }

  /** The principal axes as rows (Smile's loadings hold them as columns), in the order of {@link #eigenvalues}. */
  static double[][] components(Object result) {
    DenseMatrix loadings = ((PCA) result).loadings();
    double[][] c = new double[loadings.ncol()][loadings.nrow()];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c[i].length; j++) {
        c[i][j] = loadings.get(j, i);
      }
    }
    return c;
  }
}
