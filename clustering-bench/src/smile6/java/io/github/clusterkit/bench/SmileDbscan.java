package io.github.clusterkit.bench;

import smile.clustering.Clustering;
import smile.clustering.DBSCAN;

/**
 * Smile 6's DBSCAN for {@link DbscanBenchmark}: every call to it goes through here ({@code src/smile3/java}
 * holds the Smile 3.1.1 twin with the same methods). Smile 6 returns its labels through {@code group()}
 * instead of 3.1.1's public field {@code y}, and keeps its noise constant in {@code Clustering}.
 */
final class SmileDbscan {

  private SmileDbscan() {
  }

  /**
   * {@code smile.clustering.DBSCAN.fit(rows, minPts, eps)}: Smile builds its own KD-tree inside the call. Smile
   * does not count the point itself: pass clusterkit's minPts - 1 for the same clustering.
   */
  static Object fit(double[][] rows, int minPtsWithoutSelf, double eps) {
    return DBSCAN.fit(rows, minPtsWithoutSelf, eps);
  }

  static boolean isResult(Object result) {
    return result instanceof DBSCAN;
  }

  /** A copy of the labels, with Smile's noise label ({@code OUTLIER}) replaced by -1. */
  static int[] labels(Object result) {
    int[] y = ((DBSCAN<?>) result).group().clone();
    for (int i = 0; i < y.length; i++) {
      if (y[i] == Clustering.OUTLIER) {
        y[i] = -1;
      }
    }
    return y;
  }
}
