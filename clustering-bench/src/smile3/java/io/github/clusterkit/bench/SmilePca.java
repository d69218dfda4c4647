package io.github.clusterkit.bench;

/**
 * Smile's PCA for {@link PcaBenchmark}, Smile 3.1.1 side: not available. Smile 3.1.1's
 * {@code smile.feature.extraction.PCA.fit} (like every Smile 3.1.1 matrix decomposition) calls native
 * OpenBLAS/LAPACK through bytedeco, which this module excludes; it fails with
 * {@code NoClassDefFoundError: org/bytedeco/openblas/global/openblas}. Smile 6 ({@code -Psmile6},
 * {@code src/smile6/java}) calls the system's LAPACK instead.
 */
final class SmilePca {

  private SmilePca() {
  }

  static Object fit(double[][] rows) {
    throw new UnsupportedOperationException("Smile " + SmileVersion.NAME + "'s PCA needs bytedeco's native "
        + "OpenBLAS, which clustering-bench excludes; build with -Psmile6 on JDK 25 to measure Smile's PCA");
  }

  static boolean isResult(Object result) {
    return false;
  }

  static double[] eigenvalues(Object result) {
    throw new UnsupportedOperationException("Smile " + SmileVersion.NAME + " PCA");
  }

  static double[][] components(Object result) {
    throw new UnsupportedOperationException("Smile " + SmileVersion.NAME + " PCA");
  }
}
