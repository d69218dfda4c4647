package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An interrupt of the calling thread stops the silhouette and the k sweep the same way on one thread and on several
 * (a user trial found that one thread ignored it while two threw), and the thread's interrupt status is kept.
 */
class InterruptTest {

  private static final LabeledDataset BLOBS = Generators.blobs(300, 2, 3, 1.0, 0.0, 7);

  private static void stopsWhenInterrupted(Executable call) {
    Thread.currentThread().interrupt();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, call);
      assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void everyThreadCountStopsTheSame() {
    int[] labels = BLOBS.labels();
    for (int threads = 1; threads <= 3; threads++) {
      Silhouette s = Silhouette.exact().parallelism(threads);
      stopsWhenInterrupted(() -> s.evaluate(BLOBS.data(), labels));
      KSelection sweep = KSelection.kMeans(1, 4).seed(1).parallelism(threads);
      stopsWhenInterrupted(() -> sweep.evaluate(BLOBS.data()));
      KSelection medoids = KSelection.kMedoids(1, 4).seed(1).parallelism(threads);
      stopsWhenInterrupted(() -> medoids.evaluate(BLOBS.data()));
      KSelection bisecting = KSelection.bisectingKMeans(1, 4).seed(1).parallelism(threads);
      stopsWhenInterrupted(() -> bisecting.evaluate(BLOBS.data()));
      // not interrupted: the same calls answer, whatever the thread count (the result of one thread is the oracle)
      assertEquals(Silhouette.exact().evaluate(BLOBS.data(), labels).score(),
          s.evaluate(BLOBS.data(), labels).score());
    }
  }
}
