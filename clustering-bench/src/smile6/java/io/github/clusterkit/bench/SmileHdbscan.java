package io.github.clusterkit.bench;

import smile.clustering.Clustering;
import smile.clustering.HDBSCAN;

/**
 * Smile 6's HDBSCAN for {@link HdbscanBenchmark} ({@code src/smile3/java} holds the Smile 3.1.1 twin, which
 * refuses: 3.1.1 has none). Smile 6.3.0's {@code HDBSCAN.fit(double[][], minPoints, minClusterSize)} holds the
 * full n x n distance matrix (8 n^2 bytes: 0.8 GB at 10^4 rows, 20 GB at 5 x 10^4), and selects clusters on its
 * binary single-linkage dendrogram rather than on a condensed tree, so its clusters are not HDBSCAN*'s (see
 * {@link HdbscanBenchmark}).
 */
final class SmileHdbscan {

  private SmileHdbscan() {
  }

  /** Smile's core distance is the distance to the (minPoints - 1)-th other row: minPoints counts the row itself. */
  static Object fit(double[][] rows, int minPoints, int minClusterSize) {
    return HDBSCAN.fit(rows, minPoints, minClusterSize);
  }

  static boolean isResult(Object result) {
    return result instanceof HDBSCAN;
  }

  /** A copy of the labels, with Smile's noise label ({@code OUTLIER}) replaced by -1. */
  static int[] labels(Object result) {
    int[] y = ((HDBSCAN<?>) result).group().clone();
    for (int i = 0; i < y.length; i++) {
      if (y[i] == Clustering.OUTLIER) {
        y[i] = -1;
      }
    }
    return y;
  }
}
