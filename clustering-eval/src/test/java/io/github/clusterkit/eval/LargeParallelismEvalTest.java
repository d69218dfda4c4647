package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.eval.internal.Parallel;
import io.github.clusterkit.internal.ChunkRunner;
import org.junit.jupiter.api.Test;

/**
 * A parallelism far above the machine's cores, up to {@code Integer.MAX_VALUE}, gives the one-thread result of the
 * silhouette and the k sweep, on at most {@link ChunkRunner#MAX_PARALLELISM} threads (before, the silhouette of
 * 3000 rows started one thread per task asked for). The oracle is the one-thread computation.
 */
class LargeParallelismEvalTest {

  private static final int[] HUGE = {ChunkRunner.MAX_PARALLELISM + 1, 100_000, Integer.MAX_VALUE};

  @Test
  void silhouetteAndKSelectionGiveTheOneThreadResult() {
    LabeledDataset blobs = Generators.blobs(3000, 2, 3, 0.5, 0.0, 21);
    Dataset x = blobs.data();
    int[] labels = blobs.labels();
    double[] exact = Silhouette.exact().evaluate(x, labels).samples();
    double[] sampled = Silhouette.sampled(500, 4).evaluate(x, labels).samples();
    KSelectionResult sweep = KSelection.kMeans(1, 5).seed(2).evaluate(x);
    KSelectionResult bisecting = KSelection.bisectingKMeans(1, 5).seed(2).evaluate(x);
    for (int p : HUGE) {
      assertArrayEquals(exact, Silhouette.exact().parallelism(p).evaluate(x, labels).samples(), 0.0, "exact " + p);
      assertArrayEquals(sampled, Silhouette.sampled(500, 4).parallelism(p).evaluate(x, labels).samples(), 0.0);
      KSelectionResult many = KSelection.kMeans(1, 5).seed(2).parallelism(p).evaluate(x);
      assertEquals(sweep.recommendedK(), many.recommendedK());
      for (Criterion c : new Criterion[] {Criterion.INERTIA, Criterion.SILHOUETTE, Criterion.DAVIES_BOULDIN,
          Criterion.CALINSKI_HARABASZ}) { // the K-Means sweep's criteria
        assertArrayEquals(sweep.values(c), many.values(c), 0.0, c + ", parallelism " + p);
      }
      // the bisecting sweep gives the threads to its one fit too
      KSelectionResult manyBisecting = KSelection.bisectingKMeans(1, 5).seed(2).parallelism(p).evaluate(x);
      assertEquals(bisecting.toTable(), manyBisecting.toTable());
      for (Criterion c : bisecting.criteria()) {
        assertArrayEquals(bisecting.values(c), manyBisecting.values(c), 0.0, "bisecting " + c + ", parallelism " + p);
      }
      assertEquals(bisecting.bisectingModel(5).state(), manyBisecting.bisectingModel(5).state());
    }
  }

  @Test
  void workersAreBoundedByTasksAndTheRunnersCap() {
    assertEquals(1, Parallel.workers(Integer.MAX_VALUE, 0));
    assertEquals(7, Parallel.workers(Integer.MAX_VALUE, 7));
    assertEquals(ChunkRunner.MAX_PARALLELISM, Parallel.workers(Integer.MAX_VALUE, 1_000_000));
    assertEquals(3, Parallel.workers(3, 1_000_000));
  }
}
