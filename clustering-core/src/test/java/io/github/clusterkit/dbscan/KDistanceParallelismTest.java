package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link KDistance#of(Dataset, int, Metric, int)}: the neighbour queries on several threads, in chunks of
 * {@link KDistance#QUERY_CHUNK} distinct rows, give the brute-force plot, and the same plot bit for bit on any
 * number of threads.
 */
class KDistanceParallelismTest {

  /**
   * Several chunks of queries (up to about 900 distinct rows, chunks of 256), some rows copied (copies share one
   * query), every metric: the plot equals the brute-force one ({@link KDistanceDuplicatesTest#assertBruteForce})
   * and, bit for bit, the plot on one thread.
   */
  @Property(tries = 25, edgeCases = EdgeCasesMode.MIXIN)
  void equalsBruteForceAndOneThreadOnAnyThreadCount(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 900) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 12) int kWanted, @ForAll @IntRange(min = 2, max = 5) int parallelism) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      if (i > 0 && rng.nextInt(5) == 0) { // a copy of an earlier row
        System.arraycopy(x, rng.nextInt(i) * d, x, i * d, d);
      } else {
        for (int j = 0; j < d; j++) {
          x[i * d + j] = rng.uniform(-3, 3);
        }
      }
    }
    Metric metric = Metric.values()[rng.nextInt(3)];
    int k = Math.min(kWanted, n);
    Dataset data = Dataset.wrap(x, n, d);
    KDistance many = KDistance.of(data, k, metric, parallelism);
    KDistanceDuplicatesTest.assertBruteForce(x, n, d, metric, k, many);
    KDistance one = KDistance.of(data, k, metric);
    assertArrayEquals(one.sortedDistances(), many.sortedDistances());
    assertEquals(one.kneeIndex(), many.kneeIndex());
    assertEquals(Double.doubleToRawLongBits(one.knee()), Double.doubleToRawLongBits(many.knee()));
  }

  /**
   * Rows {@code c^2} for {@code c = 0 .. m-1} over three full chunks and part of a fourth, {@code k = 2}: the nearest
   * other row of {@code c >= 1} is {@code c - 1}, at {@code 2c - 1} ({@code c + 1} is {@code 2c + 1} away), and of 0
   * it is 1, at 1 (exact by hand: integers below 2^53). Every chunk's first and last rows are in the plot.
   */
  @Test
  void everyChunkIsQueriedOnceOnAnyThreadCount() {
    int m = 3 * KDistance.QUERY_CHUNK + 17;
    double[] x = new double[m];
    for (int c = 0; c < m; c++) {
      x[c] = (double) c * c;
    }
    double[] want = new double[m];
    want[0] = 1;
    for (int c = 1; c < m; c++) {
      want[c] = 2 * c - 1;
    }
    Arrays.sort(want);
    // up to far more threads than chunks: the buffers are sized to the threads a pass can use (one per thread asked
    // for, 2^31 - 1 of them ran out of memory)
    for (int parallelism : new int[] {1, 2, 3, 4, 5, Integer.MAX_VALUE}) {
      KDistance kd = KDistance.of(Dataset.wrap(x, m, 1), 2, Metric.EUCLIDEAN, parallelism);
      assertArrayEquals(want, kd.sortedDistances(), "parallelism " + parallelism);
    }
  }

  @Test
  void rejectsAParallelismBelowOne() {
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {2}});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KDistance.of(data, 2, Metric.EUCLIDEAN, 0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KDistance.of(data, 2, Metric.EUCLIDEAN, -3));
    assertEquals("parallelism must be >= 1, got -3", e.getMessage());
  }
}
