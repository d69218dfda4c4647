package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ThreadWatcher;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Restarts that run side by side (below 65536 rows, parallelism above 1) use the library's worker cache, not
 * a pool of their own, and choose the same restart as one thread.
 */
class KMeansRestartThreadsTest {

  /** Blobs of unequal spread, so that random starts end in local optima of different inertia. */
  private static Dataset blobs(int n, int d, int centres, long seed) {
    Random rnd = new Random(seed);
    double[][] c = new double[centres][d];
    for (double[] row : c) {
      for (int j = 0; j < d; j++) {
        row[j] = rnd.nextDouble() * 20;
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int b = rnd.nextInt(centres);
      double spread = 0.3 + b * 0.2;
      for (int j = 0; j < d; j++) {
        x[i][j] = c[b][j] + spread * rnd.nextGaussian();
      }
    }
    return Dataset.of(x);
  }

  @Test
  void sideBySideRestartsStartNoPoolThreadAndPickTheOneThreadRestart() throws InterruptedException {
    Dataset data = blobs(20_000, 4, 12, 11);
    KMeans config = KMeans.k(8).seed(5).restarts(6).init(KMeansInit.RANDOM);
    KMeansModel one = config.parallelism(1).fit(data);
    ThreadWatcher watcher = ThreadWatcher.start("clusterkit-kmeans-restart");
    int before;
    try {
      for (int rep = 0; rep < 4; rep++) {
        KMeansModel two = config.parallelism(2).fit(data);
        // Restart r computes the same numbers on any thread and the lowest inertia wins, ties to the lowest
        // r, so the model is bit for bit the one-thread model (the source of the expectation).
        assertEquals(one.inertia(), two.inertia());
        assertEquals(one.iterations(), two.iterations());
        assertArrayEquals(one.labels(), two.labels());
        for (int j = 0; j < one.k(); j++) {
          assertArrayEquals(one.centroids()[j], two.centroids()[j]);
        }
      }
      before = watcher.samples();
    } finally {
      watcher.close();
    }
    assertTrue(before > 1, "the watcher looked at the threads during the fits");
    assertEquals("[]", watcher.seen().toString(), "threads of the old per-fit restart pool");
  }

  @Test
  void aFitWithMoreThreadsThanRestartsMatchesOneThread() {
    Dataset data = blobs(3_000, 3, 6, 3);
    KMeans config = KMeans.k(5).seed(9).restarts(2).init(KMeansInit.RANDOM);
    KMeansModel one = config.parallelism(1).fit(data);
    KMeansModel four = config.parallelism(4).fit(data);
    assertEquals(one.inertia(), four.inertia());
    assertArrayEquals(one.labels(), four.labels());
  }
}
