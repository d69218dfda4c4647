package io.github.clusterkit.bench;

/**
 * Smile 3.1.1 has no HDBSCAN ({@code smile.clustering} holds none in that version): this twin of
 * {@code src/smile6/java}'s adapter only refuses, so that {@link HdbscanBenchmark} compiles in both profiles.
 * {@code -p impl=smile} needs the Smile 6 jar ({@code -Psmile6}).
 */
final class SmileHdbscan {

  private SmileHdbscan() {
  }

  static Object fit(double[][] rows, int minPoints, int minClusterSize) {
    throw new UnsupportedOperationException("Smile " + SmileVersion.NAME + " has no HDBSCAN: build the benchmark"
        + " jar with -Psmile6 (Smile 6.3.0 has smile.clustering.HDBSCAN) for -p impl=smile");
  }

  static boolean isResult(Object result) {
    return false;
  }

  static int[] labels(Object result) {
    throw new UnsupportedOperationException("Smile " + SmileVersion.NAME + " has no HDBSCAN");
  }
}
