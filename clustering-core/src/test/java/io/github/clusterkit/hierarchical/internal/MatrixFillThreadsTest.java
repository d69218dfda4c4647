package io.github.clusterkit.hierarchical.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.ThreadWatcher;
import io.github.clusterkit.neighbors.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parallel fill of the condensed matrix uses the library's worker cache, not a pool of its own, and
 * gives the one-thread matrix and neighbours bit for bit.
 */
class MatrixFillThreadsTest {

  @Test
  void aParallelFillStartsNoPoolThreadAndEqualsTheOneThreadFill() throws InterruptedException {
    int n = 2_000;
    int d = 6;
    Random rnd = new Random(4);
    double[] v = new double[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.floor(rnd.nextDouble() * 50) / 4; // coarse values: many equal distances, ties in nnIdx
    }
    double[] copy = v.clone();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (i * 7919) % n; // 7919 is prime and does not divide 2000: a permutation
    }
    for (Metric metric : new Metric[] {Metric.EUCLIDEAN, Metric.MANHATTAN}) {
      double[] nnVal1 = new double[n];
      int[] nnIdx1 = new int[n];
      double[] one = MatrixFill.condensed(v, n, d, metric, 1, nnVal1, nnIdx1, order);
      ThreadWatcher watcher = ThreadWatcher.start("clusterkit-hierarchical");
      int samples;
      try {
        for (int rep = 0; rep < 4; rep++) {
          double[] nnVal2 = new double[n];
          int[] nnIdx2 = new int[n];
          double[] two = MatrixFill.condensed(v, n, d, metric, 2, nnVal2, nnIdx2, order);
          // every entry is computed on its own, so the one-thread fill is the exact expectation
          assertArrayEquals(one, two, metric.toString());
          assertArrayEquals(nnVal1, nnVal2);
          assertArrayEquals(nnIdx1, nnIdx2);
        }
        samples = watcher.samples();
      } finally {
        watcher.close();
      }
      assertTrue(samples > 1, "the watcher looked at the threads during the fills");
      assertEquals("[]", watcher.seen().toString(), "threads of the old per-call pool");
    }
    assertArrayEquals(copy, v, "the data are not modified");
  }
}
