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
    assertEquals(one.criteria(), two.criteria());
    for (Criterion c : one.criteria()) {
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
    assertThrows(IllegalArgumentException.class, () -> r.values(Criterion.SILHOUETTE));
    assertThrows(IllegalArgumentException.class, () -> r.best(Criterion.SILHOUETTE));
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

  /** The documented bounds of the configuration, at the values they allow and just past them. */
  @Test
  void configurationBounds() {
    // "maxK at least max(minK, 2)": a single k is a sweep, from k = 2 on
    assertTrue(KSelection.kMeans(2, 2).toString().contains("k=2..2"));
    assertTrue(KSelection.kMeans(3, 3).toString().contains("k=3..3"));
    assertTrue(KSelection.kMeans(1, 2).toString().contains("k=1..2"));
    assertMessage("minK must be >= 1, got 0", () -> KSelection.kMeans(0, 5));
    assertMessage("maxK must be >= minK and >= 2, got minK 4, maxK 3", () -> KSelection.kMeans(4, 3));
    assertMessage("maxK must be >= minK and >= 2, got minK 1, maxK 1", () -> KSelection.kMeans(1, 1));
    KSelection sweep = KSelection.kMeans(1, 5);
    assertTrue(sweep.restarts(1).toString().contains("restarts=1"));
    assertMessage("restarts must be >= 1, got 0", () -> sweep.restarts(0));
    assertTrue(sweep.kneeSensitivity(0).toString().contains("kneeSensitivity=0.0"));
    assertMessage("kneeSensitivity must be >= 0 and finite, got Infinity",
        () -> sweep.kneeSensitivity(Double.POSITIVE_INFINITY));
    assertMessage("kneeSensitivity must be >= 0 and finite, got -0.5", () -> sweep.kneeSensitivity(-0.5));
    assertEquals(sweep.toString(), sweep.silhouetteSampleSize(50).silhouetteSampleSize(0).toString()); // 0 = exact
    assertTrue(sweep.silhouetteSampleSize(2).toString().contains("silhouetteSampleSize=2"));
    assertMessage("silhouetteSampleSize must be 0 (exact) or >= 2, got -1", () -> sweep.silhouetteSampleSize(-1));
    assertTrue(sweep.parallelism(2).toString().contains("parallelism=2"));
  }

  private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /**
   * maxK equal to the number of rows: the last k puts every point alone, where Calinski-Harabasz (which needs
   * {@code k < n}) is undefined, so NaN; by the definitions the silhouette is 0 there (every point alone) and the
   * Davies-Bouldin index 0 (every scatter 0, the points distinct).
   */
  @Test
  void maxKEqualToTheRowCount() {
    Dataset five = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {10, 0}});
    KSelectionResult r = KSelection.kMeans(1, 5).seed(2).evaluate(five);
    assertTrue(Double.isNaN(r.values(Criterion.CALINSKI_HARABASZ)[4]), r.toTable());
    assertTrue(r.values(Criterion.CALINSKI_HARABASZ)[3] > 0, r.toTable());
    assertEquals(0.0, r.values(Criterion.SILHOUETTE)[4]);
    assertEquals(0.0, r.values(Criterion.DAVIES_BOULDIN)[4]);
    assertEquals(0.0, r.values(Criterion.INERTIA)[4]);
  }

  /**
   * Two blobs swept from k = 2: the silhouette is highest at the first k of the sweep, which is then the choice;
   * the table has one line per k with the values of the computed criteria, and out-of-range k are refused.
   */
  @Test
  void theFirstKCanWinAndTheTableListsEveryK() {
    Rng rng = new Rng(4);
    double[][] x = new double[60][];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {(i % 2) * 20 + rng.nextGaussian(), rng.nextGaussian()};
    }
    KSelectionResult r = KSelection.kMeans(2, 4).seed(1).evaluate(Dataset.of(x));
    assertEquals(2, r.best(Criterion.SILHOUETTE), r.toTable());
    assertEquals(2, r.recommendedK());
    assertEquals("KSelectionResult[k=2..4, recommended 2 by SILHOUETTE]", r.toString());
    String[] lines = r.toTable().split("\n");
    assertEquals(5, lines.length, r.toTable());
    assertEquals("k\tinertia\tsilhouette\tdavies_bouldin\tcalinski_harabasz", lines[0]);
    for (int t = 0; t < 3; t++) {
      String[] fields = lines[t + 1].split("\t");
      assertEquals(String.valueOf(t + 2), fields[0]);
      assertEquals(r.values(Criterion.INERTIA)[t], Double.parseDouble(fields[1]),
          1e-5 * r.values(Criterion.INERTIA)[t]); // printed with 6 significant digits
      assertEquals(r.values(Criterion.SILHOUETTE)[t], Double.parseDouble(fields[2]), 1e-5);
    }
    assertEquals("recommended k = 2 (highest mean silhouette)", lines[4]);
    assertMessage("k must be in [2, 4], got 5", () -> r.model(5));
    assertMessage("k must be in [2, 4], got 1", () -> r.mixture(1));
    assertEquals("this sweep fitted no Gaussian mixtures; configure KSelection.mixtures(...) or the BIC or AIC"
        + " criterion", assertThrows(IllegalStateException.class, () -> r.mixture(3)).getMessage());
  }

  /**
   * The choice rules on a table written by hand (through the package's constructor: a sweep cannot be made to
   * tie exactly): ties go to the smallest k, as {@link Criterion} states; a criterion best at the first k chooses
   * it. Inertia (5, 10, 1, 0.5, 0) for k = 1..5: normalised and flipped, D = (.5, -.25, .4, .2, 0); index 0 is a
   * local maximum with threshold .5 - .25 that D(1) crosses, so the knee is k = 1.
   */
  @Test
  void tiesGoToTheSmallestK() {
    int[] ks = {1, 2, 3, 4, 5};
    double[][] table = new double[Criterion.values().length][ks.length];
    for (double[] row : table) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    table[Criterion.INERTIA.ordinal()] = new double[] {5, 10, 1, 0.5, 0};
    table[Criterion.SILHOUETTE.ordinal()] = new double[] {Double.NaN, 0.5, 0.7, 0.7, 0.2};
    table[Criterion.DAVIES_BOULDIN.ordinal()] = new double[] {Double.NaN, 1.0, 0.4, 0.4, 0.9};
    table[Criterion.CALINSKI_HARABASZ.ordinal()] = new double[] {Double.NaN, 10, 30, 30, 5};
    table[Criterion.BIC.ordinal()] = new double[] {1, 2, 3, 4, 5};
    table[Criterion.AIC.ordinal()] = new double[] {3, 3, 3, 3, 3};
    KSelectionResult r = new KSelectionResult(ks, table, null, java.util.EnumSet.allOf(Criterion.class),
        new KMeansModel[ks.length], null, Criterion.SILHOUETTE, 1.0);
    assertEquals(1, r.best(Criterion.INERTIA));
    assertEquals(3, r.best(Criterion.SILHOUETTE));
    assertEquals(3, r.best(Criterion.DAVIES_BOULDIN));
    assertEquals(3, r.best(Criterion.CALINSKI_HARABASZ));
    assertEquals(1, r.best(Criterion.BIC));
    assertEquals(1, r.best(Criterion.AIC));
    assertEquals(3, r.recommendedK());
  }
}
