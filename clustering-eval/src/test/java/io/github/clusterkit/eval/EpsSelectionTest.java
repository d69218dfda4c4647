package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.neighbors.Metric;
import org.junit.jupiter.api.Test;

/** The DBSCAN k-distance knee reached from eval is KDistance's, number for number. */
class EpsSelectionTest {

  @Test
  void equalsKDistance() {
    // 3 blobs with 10 % uniform noise: a clear knee between cluster and noise distances
    Dataset x = Generators.blobs(300, 2, 3, 0.5, 0.1, 4).data();
    for (int minPts : new int[] {1, 4, 10}) {
      for (Metric m : Metric.values()) {
        KDistance direct = KDistance.of(x, minPts, m);
        KDistance viaEval = EpsSelection.kDistance(x, minPts, m);
        assertArrayEquals(direct.sortedDistances(), viaEval.sortedDistances(), 0.0);
        assertEquals(direct.kneeIndex(), viaEval.kneeIndex());
        assertEquals(direct.knee(), viaEval.knee(), 0.0);
        assertEquals(minPts, viaEval.k());
        assertEquals(m, viaEval.metric());
      }
    }
    // on several threads: the same plot as KDistance's on one (300 rows over two chunks of queries)
    for (int threads = 1; threads <= 3; threads++) {
      KDistance parallel = EpsSelection.kDistance(x, 10, Metric.MANHATTAN, threads);
      assertArrayEquals(KDistance.of(x, 10, Metric.MANHATTAN).sortedDistances(), parallel.sortedDistances(), 0.0);
      assertEquals(KDistance.of(x, 10, Metric.MANHATTAN).knee(), parallel.knee(), 0.0);
    }
    KDistance euclid = EpsSelection.kDistance(x, 5);
    assertEquals(Metric.EUCLIDEAN, euclid.metric());
    assertArrayEquals(KDistance.of(x, 5).sortedDistances(), euclid.sortedDistances(), 0.0);
    assertEquals(KDistance.of(x, 5).knee(), euclid.knee(), 0.0);
  }

  @Test
  void badInput() {
    Dataset x = Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> EpsSelection.kDistance(x, 0));
    assertTrue(zero.getMessage().contains("minPts") && zero.getMessage().contains("got 0"), zero.getMessage());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> EpsSelection.kDistance(x, 4));
    assertEquals("minPts must be in [1, n = 3], got 4", big.getMessage());
    // minPts = n is allowed: each row's k-distance is to its farthest row (by hand: 1 for (0, 0), sqrt 2 for the
    // other two)
    assertArrayEquals(new double[] {1, Math.sqrt(2), Math.sqrt(2)}, EpsSelection.kDistance(x, 3).sortedDistances(),
        0.0);
    assertThrows(IllegalArgumentException.class, () -> EpsSelection.kDistance(null, 2));
    assertThrows(IllegalArgumentException.class, () -> EpsSelection.kDistance(x, 2, null));
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> EpsSelection.kDistance(x, 2, Metric.EUCLIDEAN, 0));
    assertEquals("parallelism must be >= 1, got 0", threads.getMessage());
  }
}
