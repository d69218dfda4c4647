package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The K-Means sweep on four well-separated blobs, where every criterion must find k = 4. */
class KSelectionTest {

  private static Dataset blobs;

  @BeforeAll
  static void data() {
    // 4 blobs of 150 points, centres (+-10, +-10), standard deviation 1: about 20 sd apart
    Rng rng = new Rng(11);
    double[][] x = new double[600][];
    for (int i = 0; i < 600; i++) {
      int c = i % 4;
      x[i] = new double[] {(c < 2 ? -10 : 10) + rng.nextGaussian(), (c % 2 == 0 ? -10 : 10) + rng.nextGaussian()};
    }
    blobs = Dataset.of(x);
  }

  @Test
  void everyCriterionFindsTheFourBlobs() {
    KSelectionResult r = KSelection.kMeans(1, 8).seed(3).restarts(4).evaluate(blobs);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, r.ks());
    assertEquals(4, r.best(Criterion.INERTIA));
    assertEquals(4, r.best(Criterion.SILHOUETTE));
    assertEquals(4, r.best(Criterion.DAVIES_BOULDIN));
    assertEquals(4, r.best(Criterion.CALINSKI_HARABASZ));
    assertEquals(4, r.recommendedK());
    assertEquals(Criterion.SILHOUETTE, r.rule());
    assertTrue(r.toTable().contains("recommended k = 4 (highest mean silhouette)"), r.toTable());
  }

  @Test
  void theTableHoldsTheIndicesOfEachFit() {
    KSelectionResult r = KSelection.kMeans(1, 5).seed(5).evaluate(blobs);
    double[] sil = r.values(Criterion.SILHOUETTE);
    double[] db = r.values(Criterion.DAVIES_BOULDIN);
    double[] ch = r.values(Criterion.CALINSKI_HARABASZ);
    double[] inertia = r.values(Criterion.INERTIA);
    assertTrue(Double.isNaN(sil[0]) && Double.isNaN(db[0]) && Double.isNaN(ch[0]), "undefined at k = 1");
    for (int k = 1; k <= 5; k++) {
      KMeansModel m = r.model(k);
      // each row is exactly what the fit and the index give on their own
      KMeansModel again = KMeans.k(k).seed(5).fit(blobs);
      assertArrayEquals(again.labels(), m.labels());
      assertEquals(m.inertia(), inertia[k - 1], 0.0);
      if (k >= 2) {
        assertEquals(Silhouette.score(blobs, m.labels()), sil[k - 1], 0.0);
        assertEquals(DaviesBouldin.score(blobs, m.labels()), db[k - 1], 0.0);
        assertEquals(CalinskiHarabasz.score(blobs, m.labels()), ch[k - 1], 0.0);
      }
    }
  }

  /** KSelectionResult.model(k) is documented as the refit with the sweep's seed and restarts, bit for bit. */
  @Test
  void theSweepsModelIsTheFitWithItsSeedAndRestarts() {
    KSelectionResult r = KSelection.kMeans(2, 5).seed(11).restarts(3).parallelism(2).evaluate(blobs);
    for (int k = 2; k <= 5; k++) {
      assertEquals(KMeans.k(k).seed(11).restarts(3).fit(blobs).state(), r.model(k).state(), "k = " + k);
    }
  }

  @Test
  void resultDoesNotDependOnTheThreadCount() {
    KSelection s = KSelection.kMeans(2, 7).seed(9).restarts(2).silhouetteSampleSize(300);
    KSelectionResult one = s.evaluate(blobs);
    KSelectionResult two = s.parallelism(2).evaluate(blobs);
    for (Criterion c : Criterion.values()) {
      assertArrayEquals(one.values(c), two.values(c), 0.0, c.name());
    }
    assertEquals(one.recommendedK(), two.recommendedK());
  }

  @Test
  void recommendationRuleAndCriteriaCanBeChosen() {
    KSelectionResult r = KSelection.kMeans(2, 6).seed(1).recommendBy(Criterion.DAVIES_BOULDIN)
        .criteria(Criterion.CALINSKI_HARABASZ).evaluate(blobs);
    assertEquals(Criterion.DAVIES_BOULDIN, r.rule());
    assertEquals(4, r.recommendedK());
    assertTrue(!r.criteria().contains(Criterion.SILHOUETTE));
    assertTrue(Double.isNaN(r.values(Criterion.SILHOUETTE)[2]));
    assertEquals(-1, r.best(Criterion.SILHOUETTE));
    // a knee needs 3 points: with k = 2..3 inertia chooses nothing and the silhouette decides
    KSelectionResult two = KSelection.kMeans(2, 3).recommendBy(Criterion.INERTIA).evaluate(blobs);
    assertEquals(-1, two.best(Criterion.INERTIA));
    assertEquals(Criterion.SILHOUETTE, two.rule());
  }

  @Test
  void badConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(0, 5));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(3, 2));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 1));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 5).restarts(0));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 5).parallelism(0));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 5).silhouetteSampleSize(1));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 5).kneeSensitivity(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 5).evaluate(null));
    // more clusters than distinct points: K-Means refuses
    Dataset tiny = Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
    assertThrows(IllegalArgumentException.class, () -> KSelection.kMeans(1, 4).evaluate(tiny));
  }

  /**
   * maxK above the number of distinct rows is refused before any fit, naming maxK and its value on any thread
   * count. Before, k = 1..3 were fitted and scored first and the message was K-Means' for the first larger k a
   * thread reached ("k must be <= the number of distinct rows (3), got 4"), not the maxK of 6 the caller gave.
   */
  @Test
  void maxKAboveTheDistinctRowsIsRefusedUpFront() {
    Dataset dup = Dataset.of(new double[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}, {5, 5}, {5, 5}});
    for (int threads = 1; threads <= 3; threads++) {
      KSelection sweep = KSelection.kMeans(1, 6).parallelism(threads);
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> sweep.evaluate(dup));
      assertEquals("maxK must be <= the number of distinct rows (3), got 6", x.getMessage());
    }
    // maxK equal to the number of distinct rows is fine: inertia 0 there (exact computation)
    assertEquals(0.0, KSelection.kMeans(1, 3).evaluate(dup).values(Criterion.INERTIA)[2]);
  }

  /**
   * 1995 points around the origin and 5 far away: a sample of 20 rows misses the small cluster with probability
   * about 0.95, and the sweep failed with "silhouette needs at least 2 clusters, got 1 in the sample". Now such a
   * {@code k} has an undefined (NaN) silhouette, as {@code k = 1} does. Expected values: the public sampled
   * silhouette of each {@code k}'s own labels, which refuses (IllegalArgumentException) exactly when its sample
   * holds one cluster: NaN there, its score elsewhere.
   */
  @Test
  void aSampleWithOneClusterLeavesTheSilhouetteUndefined() {
    Rng rng = new Rng(1);
    double[][] x = new double[2000][];
    for (int i = 0; i < 2000; i++) {
      x[i] = i < 1995 ? new double[] {rng.nextGaussian(), rng.nextGaussian()}
          : new double[] {100 + rng.nextGaussian(), 100};
    }
    Dataset data = Dataset.of(x);
    KSelectionResult r = KSelection.kMeans(1, 4).seed(1).silhouetteSampleSize(20).evaluate(data);
    double[] sil = r.values(Criterion.SILHOUETTE);
    int undefined = 0;
    for (int k = 2; k <= 4; k++) {
      int[] labels = r.model(k).labels();
      double expected;
      try {
        expected = Silhouette.sampled(20, 1).evaluate(data, labels).score();
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("in the sample"), e.getMessage());
        expected = Double.NaN;
        undefined++;
      }
      assertEquals(expected, sil[k - 1], 0.0, "k = " + k);
    }
    assertTrue(undefined >= 1, "the case under test: some k's sample holds a single cluster");
    assertTrue(r.recommendedK() >= 2, r.toTable());
  }
}
