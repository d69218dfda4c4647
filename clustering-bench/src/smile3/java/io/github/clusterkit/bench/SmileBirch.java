package io.github.clusterkit.bench;

import smile.vq.BIRCH;

/**
 * Smile's BIRCH, {@code smile.vq.BIRCH(d, B, L, T)} (the same API in Smile 3.1.1 and 6.x; one copy per Smile version
 * as every Smile adapter), for {@link BirchBenchmark}: a vector quantizer that takes rows one by one
 * ({@code update}) and maps a row to a leaf centroid ({@code quantize}); it has no global clustering step.
 */
final class SmileBirch {

  private SmileBirch() {
  }

  /**
   * Inserts every row, then quantizes every row.
   *
   * @return the tree, with the number of its leaf centroids readable by {@link #centroids(Object)}
   */
  static Object fit(double[][] rows, int branching, double threshold, double[] sink) {
    BIRCH b = new BIRCH(rows[0].length, branching, branching, threshold);
    for (double[] r : rows) {
      b.update(r);
    }
    double s = 0;
    for (double[] r : rows) {
      s += b.quantize(r)[0];
    }
    sink[0] = s;
    return b;
  }

  static int centroids(Object tree) {
    return ((BIRCH) tree).centroids().length;
  }
}
