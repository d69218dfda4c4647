package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsInit;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import java.util.EnumSet;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The K-Medoids sweep ({@link KSelection#kMedoids(int, int)}). The oracle of its table is the independent
 * computation: a {@link KMedoids} fit with the sweep's settings and the public indices on its labels, compared
 * exactly (the sweep must compute the same numbers, not close ones). The blobs are {@link KSelectionTest}'s.
 */
class KSelectionKMedoidsTest {

  private static Dataset blobs;

  @BeforeAll
  static void data() {
    // KSelectionTest's 4 blobs of 150 points, centres (+-10, +-10), standard deviation 1
    Rng rng = new Rng(11);
    double[][] x = new double[600][];
    for (int i = 0; i < 600; i++) {
      int c = i % 4;
      x[i] = new double[] {(c < 2 ? -10 : 10) + rng.nextGaussian(), (c % 2 == 0 ? -10 : 10) + rng.nextGaussian()};
    }
    blobs = Dataset.of(x);
  }

  /** Every value of the table is that of the fit and the index computed on their own, bit for bit. */
  @Test
  void theTableHoldsTheIndependentFitsAndIndices() {
    for (Metric metric : Metric.values()) {
      KSelectionResult r = KSelection.kMedoids(1, 6).metric(metric).seed(5).restarts(2).evaluate(blobs);
      assertEquals(EnumSet.of(Criterion.COST, Criterion.SILHOUETTE, Criterion.MEDOID_SILHOUETTE,
          Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ), r.criteria());
      assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, r.ks());
      double[] cost = r.values(Criterion.COST);
      double[] sil = r.values(Criterion.SILHOUETTE);
      double[] ms = r.values(Criterion.MEDOID_SILHOUETTE);
      double[] db = r.values(Criterion.DAVIES_BOULDIN);
      double[] ch = r.values(Criterion.CALINSKI_HARABASZ);
      assertTrue(Double.isNaN(sil[0]) && Double.isNaN(ms[0]) && Double.isNaN(db[0]) && Double.isNaN(ch[0]),
          "undefined at k = 1");
      for (int k = 1; k <= 6; k++) {
        KMedoidsModel m = r.kMedoidsModel(k);
        KMedoidsModel again = KMedoids.k(k).seed(5).restarts(2).metric(metric).fit(blobs);
        assertEquals(again.state(), m.state(), metric + ", k = " + k);
        assertEquals(again.cost(), cost[k - 1], 0.0);
        if (k >= 2) {
          int[] labels = again.labels();
          assertEquals(Silhouette.exact().metric(metric).evaluate(blobs, labels).score(), sil[k - 1], 0.0);
          assertEquals(MedoidSilhouette.score(blobs, again), ms[k - 1], 0.0);
          // Davies-Bouldin and Calinski-Harabasz as defined: Euclidean, whatever the metric of the fit
          assertEquals(DaviesBouldin.score(blobs, labels), db[k - 1], 0.0);
          assertEquals(CalinskiHarabasz.score(blobs, labels), ch[k - 1], 0.0);
        }
      }
    }
  }

  /**
   * The sweep's settings reach every fit: method, initialisation and a sampled silhouette (seeded with the sweep's
   * seed, in the sweep's metric), against the fits and the sampled silhouette made directly.
   */
  @Test
  void methodInitAndSampleReachEveryFit() {
    KSelectionResult r = KSelection.kMedoids(2, 5).metric(Metric.CHEBYSHEV).method(KMedoidsMethod.ALTERNATE)
        .init(KMedoidsInit.BUILD).seed(8).restarts(3).silhouetteSampleSize(100).evaluate(blobs);
    double[] sil = r.values(Criterion.SILHOUETTE);
    for (int k = 2; k <= 5; k++) {
      KMedoidsModel direct = KMedoids.k(k).seed(8).restarts(3).metric(Metric.CHEBYSHEV)
          .method(KMedoidsMethod.ALTERNATE).init(KMedoidsInit.BUILD).fit(blobs);
      assertEquals(direct.state(), r.kMedoidsModel(k).state(), "k = " + k);
      assertEquals(KMedoidsMethod.ALTERNATE, r.kMedoidsModel(k).method());
      assertEquals(Silhouette.sampled(100, 8).metric(Metric.CHEBYSHEV).evaluate(blobs, direct.labels()).score(),
          sil[k - 2], 0.0);
    }
  }

  @Test
  void everyCriterionFindsTheFourBlobs() {
    for (Metric metric : Metric.values()) {
      KSelectionResult r = KSelection.kMedoids(1, 8).metric(metric).seed(3).restarts(2).evaluate(blobs);
      for (Criterion c : r.criteria()) {
        assertEquals(4, r.best(c), metric + ", " + c + "\n" + r.toTable());
      }
      assertEquals(4, r.recommendedK());
      assertEquals(Criterion.SILHOUETTE, r.rule());
      assertFalse(r.recommendedAtEdge());
      assertTrue(r.toTable().startsWith("k\tcost\tsilhouette\tmedoid_silhouette\tdavies_bouldin\tcalinski_harabasz\n"),
          r.toTable());
      assertTrue(r.toTable().endsWith("recommended k = 4 (highest mean silhouette)"), r.toTable());
    }
  }

  /**
   * The cost's choice is Kneedle's knee of the cost column (convex decreasing, the sweep's sensitivity), called here
   * directly on the table.
   */
  @Test
  void theCostKneeIsKneedlesKnee() {
    Rng rng = new Rng(21);
    // 5 blobs of unequal spread, so that the knee moves with the sensitivity
    double[][] x = new double[400][];
    for (int i = 0; i < 400; i++) {
      int c = i % 5;
      x[i] = new double[] {6 * c + (1 + c) * 0.5 * rng.nextGaussian(), 3 * (c % 2) + rng.nextGaussian()};
    }
    Dataset data = Dataset.of(x);
    double[] ks = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    java.util.Set<Integer> knees = new java.util.TreeSet<>();
    for (double s : new double[] {0, 0.5, 1, 2, 4}) {
      KSelectionResult r = KSelection.kMedoids(1, 9).metric(Metric.MANHATTAN).criteria(Criterion.COST)
          .recommendBy(Criterion.COST).kneeSensitivity(s).seed(4).evaluate(data);
      assertEquals(EnumSet.of(Criterion.COST), r.criteria());
      int t = Kneedle.knee(ks, r.values(Criterion.COST), Kneedle.Shape.CONVEX_DECREASING, s);
      assertEquals(t < 0 ? -1 : t + 1, r.best(Criterion.COST), "sensitivity " + s + "\n" + r.toTable());
      knees.add(r.best(Criterion.COST));
      if (t >= 0) {
        assertEquals(Criterion.COST, r.rule());
        assertEquals(t + 1, r.recommendedK());
      }
    }
    assertTrue(knees.size() >= 2, "the case under test: the sensitivity moves the knee, got " + knees);
  }

  /**
   * The rules and the fallbacks: recommendation by the medoid silhouette or the cost; with {@code k = 2..3} the cost
   * has no knee (fewer than 3 points) and the next criterion in {@link Criterion}'s order that chooses decides (the
   * silhouette).
   */
  @Test
  void recommendationRulesAndFallbacks() {
    KSelectionResult byMs = KSelection.kMedoids(2, 6).seed(1).recommendBy(Criterion.MEDOID_SILHOUETTE)
        .criteria(Criterion.DAVIES_BOULDIN).evaluate(blobs);
    assertEquals(EnumSet.of(Criterion.COST, Criterion.MEDOID_SILHOUETTE, Criterion.DAVIES_BOULDIN), byMs.criteria());
    assertEquals(Criterion.MEDOID_SILHOUETTE, byMs.rule());
    assertEquals(4, byMs.recommendedK());
    assertEquals("recommended k = 4 (highest mean medoid silhouette)", last(byMs.toTable()));

    KSelectionResult two = KSelection.kMedoids(2, 3).seed(1).recommendBy(Criterion.COST)
        .criteria(Criterion.SILHOUETTE, Criterion.CALINSKI_HARABASZ).evaluate(blobs);
    assertEquals(-1, two.best(Criterion.COST));
    assertEquals(Criterion.SILHOUETTE, two.rule());
    assertEquals(two.best(Criterion.SILHOUETTE), two.recommendedK());
    assertTrue(two.recommendedAtEdge()); // the silhouette still rises at k = 3, the largest k
  }

  /**
   * Copies of one point: every k's medoids are copies of it, one cluster holds every row, the label indices are
   * undefined (NaN) and the cost is 0 everywhere (no knee), so the recommendation falls back along
   * {@link Criterion}'s order to the medoid silhouette, 1 for every k (each row at distance 0 from two medoids:
   * {@link MedoidSilhouette}'s rule), ties to the smallest k.
   */
  @Test
  void copiesOfOnePointFallBackToTheMedoidSilhouette() {
    Dataset copies = Dataset.of(new double[][] {{2, 3}, {2, 3}, {2, 3}, {2, 3}, {2, 3}});
    KSelectionResult r = KSelection.kMedoids(1, 4).evaluate(copies);
    assertArrayEquals(new double[] {0, 0, 0, 0}, r.values(Criterion.COST), 0.0);
    assertArrayEquals(new double[] {Double.NaN, 1, 1, 1}, r.values(Criterion.MEDOID_SILHOUETTE), 0.0);
    for (Criterion c : EnumSet.of(Criterion.SILHOUETTE, Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ)) {
      assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}, r.values(c), 0.0, c.name());
      assertEquals(-1, r.best(c));
    }
    assertEquals(-1, r.best(Criterion.COST));
    assertEquals(Criterion.MEDOID_SILHOUETTE, r.rule());
    assertEquals(2, r.recommendedK());
    assertArrayEquals(new int[] {5, 0}, r.kMedoidsModel(2).clusterSizes());
  }

  /**
   * More medoids than distinct rows (accepted, as {@code KMedoids} accepts them): 3 distinct points twice each, k up
   * to 6. Where a medoid's copy takes its rows, a cluster is empty and the indices are those of the non-empty
   * clusters, computed here on the fit's labels; at {@code k = 6} every row is a medoid and three clusters are left:
   * Calinski-Harabasz is defined (3 clusters, 6 rows), every scatter and the cost are 0.
   */
  @Test
  void emptyClustersAreScoredOnTheOthers() {
    Dataset twice = Dataset.of(new double[][] {{0, 0}, {0, 0}, {4, 0}, {4, 0}, {0, 3}, {0, 3}});
    KSelectionResult r = KSelection.kMedoids(1, 6).seed(2).evaluate(twice);
    for (int k = 2; k <= 6; k++) {
      KMedoidsModel m = r.kMedoidsModel(k);
      int[] labels = m.labels();
      assertEquals(KMedoids.k(k).seed(2).fit(twice).state(), m.state());
      assertEquals(Silhouette.score(twice, labels), r.values(Criterion.SILHOUETTE)[k - 1], 0.0);
      assertEquals(DaviesBouldin.score(twice, labels), r.values(Criterion.DAVIES_BOULDIN)[k - 1], 0.0);
      assertEquals(CalinskiHarabasz.score(twice, labels), r.values(Criterion.CALINSKI_HARABASZ)[k - 1], 0.0);
      assertEquals(MedoidSilhouette.score(twice, m), r.values(Criterion.MEDOID_SILHOUETTE)[k - 1], 0.0);
    }
    int empty = 0;
    for (int s : r.kMedoidsModel(6).clusterSizes()) {
      empty += s == 0 ? 1 : 0;
    }
    assertEquals(3, empty, "the case under test: copies of medoids leave clusters empty");
    assertEquals(0.0, r.values(Criterion.COST)[5]);
    assertEquals(0.0, r.values(Criterion.DAVIES_BOULDIN)[5]);
    assertEquals(Double.POSITIVE_INFINITY, r.values(Criterion.CALINSKI_HARABASZ)[5]); // W = 0, B > 0
  }

  /**
   * The medoid silhouette's trivial maximum (Criterion.MEDOID_SILHOUETTE's Javadoc): six distinct points in three
   * pairs. At k = n = 6 every row is a medoid, d1 = 0 and every value is 1; below it some row is not a medoid and,
   * the points being distinct, has d1 above 0 and a value below 1. So the medoid silhouette recommends k = 6, while
   * the cost's knee and the silhouette find the three pairs (0 and 0.1, 5 and 5.1, 9 and 9.2: gaps 0.1 and 0.2
   * inside, at least 3.9 across).
   */
  @Test
  void theMedoidSilhouetteIsOneWhenEveryRowIsAMedoid() {
    Dataset six = Dataset.of(new double[][] {{0}, {0.1}, {5}, {5.1}, {9}, {9.2}});
    KSelectionResult r = KSelection.kMedoids(1, 6).recommendBy(Criterion.MEDOID_SILHOUETTE).evaluate(six);
    double[] ms = r.values(Criterion.MEDOID_SILHOUETTE);
    assertEquals(1.0, ms[5], 0.0);
    for (int k = 2; k <= 5; k++) {
      assertTrue(ms[k - 1] < 1, "k = " + k + ": " + ms[k - 1]);
    }
    assertEquals(6, r.recommendedK());
    assertEquals(3, r.best(Criterion.COST));
    assertEquals(3, r.best(Criterion.SILHOUETTE));
  }

  /** maxK up to the number of rows; above it refused before any fit, naming maxK, on any thread count. */
  @Test
  void maxKAboveTheRowCountIsRefusedUpFront() {
    Dataset five = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {10, 0}});
    for (int threads = 1; threads <= 3; threads++) {
      KSelection sweep = KSelection.kMedoids(1, 6).parallelism(threads);
      assertMessage("maxK must be <= the number of rows (5), got 6", () -> sweep.evaluate(five));
    }
    KSelectionResult r = KSelection.kMedoids(1, 5).evaluate(five);
    // k = n: every row its own medoid (cost 0, silhouette 0 and Davies-Bouldin 0 by their definitions, medoid
    // silhouette 1 as d1 = 0), Calinski-Harabasz undefined (k = n)
    assertEquals(0.0, r.values(Criterion.COST)[4]);
    assertEquals(0.0, r.values(Criterion.SILHOUETTE)[4]);
    assertEquals(1.0, r.values(Criterion.MEDOID_SILHOUETTE)[4]);
    assertEquals(0.0, r.values(Criterion.DAVIES_BOULDIN)[4]);
    assertTrue(Double.isNaN(r.values(Criterion.CALINSKI_HARABASZ)[4]));
    // below k = n it is defined, up to k = n - 1 (4 clusters of 5 rows)
    for (int k = 2; k <= 4; k++) {
      assertEquals(CalinskiHarabasz.score(five, r.kMedoidsModel(k).labels()),
          r.values(Criterion.CALINSKI_HARABASZ)[k - 1], 0.0, "k = " + k);
    }
  }

  /** The table, the choices and the models are the same bit for bit on any number of threads. */
  @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
  void theResultDoesNotDependOnTheThreadCount(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int threads,
      @ForAll @IntRange(min = 0, max = 2) int metricIndex, @ForAll boolean sampled) {
    Rng rng = new Rng(seed);
    int n = 8 + rng.nextInt(80);
    int d = 1 + rng.nextInt(3);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        // small integers on a few centres: duplicates and ties are common
        x[i][t] = 5 * rng.nextInt(3) + rng.nextInt(3);
      }
    }
    Dataset data = Dataset.of(x);
    int maxK = Math.min(n, 2 + rng.nextInt(6));
    KSelection s = KSelection.kMedoids(1, maxK).metric(Metric.values()[metricIndex]).seed(seed).restarts(2)
        .silhouetteSampleSize(sampled ? 6 : 0);
    KSelectionResult one = s.evaluate(data);
    KSelectionResult many = s.parallelism(threads).evaluate(data);
    assertEquals(one.criteria(), many.criteria());
    for (Criterion c : one.criteria()) {
      double[] a = one.values(c);
      double[] b = many.values(c);
      for (int t = 0; t < a.length; t++) {
        assertEquals(Double.doubleToRawLongBits(a[t]), Double.doubleToRawLongBits(b[t]), c + " at k = " + (t + 1));
      }
      assertEquals(one.best(c), many.best(c));
    }
    assertEquals(one.recommendedK(), many.recommendedK());
    assertEquals(one.rule(), many.rule());
    assertEquals(one.toTable(), many.toTable());
    for (int k = 1; k <= maxK; k++) {
      assertEquals(one.kMedoidsModel(k).state(), many.kMedoidsModel(k).state());
    }
  }

  /**
   * Data times {@code 2^1015}: the same fits (labels, medoids), the costs times {@code 2^1015} exactly, infinite where
   * the sum leaves the double range, and the same knee, found on the costs of the data scaled back into range
   * (Kneedle refuses infinite values), as for the inertia of a K-Means sweep.
   */
  @Test
  void theKneeOfDataBeyondTheRangeIsTheKneeOfTheData() {
    double[] x = io.github.clusterkit.data.Generators.blobs(600, 2, 3, 0.5, 0, 7).data().toArray();
    double[] xs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = Math.scalb(x[i], 1015);
    }
    KSelection sweep = KSelection.kMedoids(1, 6).metric(Metric.MANHATTAN).seed(1);
    KSelectionResult plain = sweep.evaluate(Dataset.wrap(x, 600, 2));
    KSelectionResult big = sweep.evaluate(Dataset.wrap(xs, 600, 2));
    double[] a = plain.values(Criterion.COST);
    double[] b = big.values(Criterion.COST);
    assertEquals(Double.POSITIVE_INFINITY, b[0], "the case under test: the cost at k = 1 overflows");
    for (int t = 0; t < a.length; t++) {
      assertEquals(Math.scalb(a[t], 1015), b[t], "k = " + (t + 1));
      assertArrayEquals(plain.kMedoidsModel(t + 1).labels(), big.kMedoidsModel(t + 1).labels());
    }
    assertTrue(plain.best(Criterion.COST) > 0, plain.toTable());
    for (Criterion c : plain.criteria()) {
      assertEquals(plain.best(c), big.best(c), c.name());
    }
    assertEquals(plain.recommendedK(), big.recommendedK());
  }

  @Test
  void badConfigurationIsRefused() {
    assertMessage("minK must be >= 1, got 0", () -> KSelection.kMedoids(0, 5));
    assertMessage("maxK must be >= minK and >= 2, got minK 1, maxK 1", () -> KSelection.kMedoids(1, 1));
    assertMessage("maxK must be >= minK and >= 2, got minK 4, maxK 3", () -> KSelection.kMedoids(4, 3));
    KSelection m = KSelection.kMedoids(1, 5);
    assertMessage("metric must not be null", () -> m.metric(null));
    assertMessage("method must not be null", () -> m.method(null));
    assertMessage("init must not be null", () -> m.init(null));
    assertMessage("restarts must be >= 1, got 0", () -> m.restarts(0));
    assertMessage("silhouetteSampleSize must be 0 (exact) or >= 2, got 1", () -> m.silhouetteSampleSize(1));
    assertMessage("kneeSensitivity must be >= 0 and finite, got NaN", () -> m.kneeSensitivity(Double.NaN));
    assertMessage("data must not be null", () -> m.evaluate(null));
    // the criteria of the other kind of sweep
    assertMessage("criteria of a K-Medoids sweep must be one of [COST, SILHOUETTE, MEDOID_SILHOUETTE,"
        + " DAVIES_BOULDIN, CALINSKI_HARABASZ], got INERTIA",
        () -> m.criteria(Criterion.SILHOUETTE, Criterion.INERTIA));
    assertMessage("criterion of a K-Medoids sweep must be one of [COST, SILHOUETTE, MEDOID_SILHOUETTE,"
        + " DAVIES_BOULDIN, CALINSKI_HARABASZ], got BIC", () -> m.recommendBy(Criterion.BIC));
    KSelection km = KSelection.kMeans(1, 5);
    assertMessage("criteria of a K-Means sweep must be one of [INERTIA, SILHOUETTE, DAVIES_BOULDIN,"
        + " CALINSKI_HARABASZ, BIC, AIC], got COST", () -> km.criteria(Criterion.COST));
    assertMessage("criterion of a K-Means sweep must be one of [INERTIA, SILHOUETTE, DAVIES_BOULDIN,"
        + " CALINSKI_HARABASZ, BIC, AIC], got MEDOID_SILHOUETTE", () -> km.recommendBy(Criterion.MEDOID_SILHOUETTE));
    // the options of the other kind of sweep
    assertState("mixtures apply to a K-Means sweep (KSelection.kMeans), not to this K-Medoids sweep",
        () -> m.mixtures(CovarianceType.FULL));
    assertState("mixtures apply to a K-Means sweep (KSelection.kMeans), not to this K-Medoids sweep",
        () -> m.mixtures(null));
    assertState("metric applies to a K-Medoids sweep (KSelection.kMedoids), not to this K-Means sweep",
        () -> km.metric(Metric.EUCLIDEAN));
    assertState("method applies to a K-Medoids sweep (KSelection.kMedoids), not to this K-Means sweep",
        () -> km.method(KMedoidsMethod.PAM));
    assertState("init applies to a K-Medoids sweep (KSelection.kMedoids), not to this K-Means sweep",
        () -> km.init(KMedoidsInit.BUILD));
  }

  /** The result of one kind of sweep says what the other kind's accessors and criteria would need. */
  @Test
  void theResultRefusesTheOtherKindsQuestions() {
    KSelectionResult m = KSelection.kMedoids(2, 4).seed(1).criteria(Criterion.COST).evaluate(blobs);
    assertState("this sweep fitted K-Medoids, not K-Means; see kMedoidsModel(k)", () -> m.model(3));
    assertState("this K-Medoids sweep fitted no Gaussian mixtures; they come with KSelection.kMeans(...)"
        + ".mixtures(...)", () -> m.mixture(3));
    assertMessage("k must be in [2, 4], got 5", () -> m.kMedoidsModel(5));
    assertMessage("criterion must be one this sweep computed [COST, SILHOUETTE], got INERTIA, which a K-Medoids"
        + " sweep does not compute (its cost is COST)", () -> m.values(Criterion.INERTIA));
    assertMessage("criterion must be one this sweep computed [COST, SILHOUETTE], got BIC, which a K-Medoids sweep"
        + " does not compute; sweep KSelection.kMeans(...).mixtures(...) for it", () -> m.best(Criterion.BIC));
    assertMessage("criterion must be one this sweep computed [COST, SILHOUETTE], got DAVIES_BOULDIN; name it in"
        + " KSelection.criteria(...) and evaluate again", () -> m.values(Criterion.DAVIES_BOULDIN));
    KSelectionResult k = KSelection.kMeans(2, 4).seed(1).criteria(Criterion.INERTIA).evaluate(blobs);
    assertState("this sweep fitted K-Means, not K-Medoids; see model(k)", () -> k.kMedoidsModel(3));
    assertMessage("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got COST, which a K-Means sweep"
        + " does not compute; sweep KSelection.kMedoids(...) for it", () -> k.values(Criterion.COST));
    assertMessage("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got MEDOID_SILHOUETTE, which a"
        + " K-Means sweep does not compute; sweep KSelection.kMedoids(...) for it",
        () -> k.best(Criterion.MEDOID_SILHOUETTE));
  }

  /** The K-Medoids settings count in equality and show in the text; the defaults are those documented. */
  @Test
  void configurationTextAndEquality() {
    assertEquals("KSelection[k-medoids, k=1..10, metric=EUCLIDEAN, method=FASTER_PAM, init=PLUS_PLUS, seed=0,"
        + " restarts=1, parallelism=1, criteria=[COST, SILHOUETTE, MEDOID_SILHOUETTE, DAVIES_BOULDIN,"
        + " CALINSKI_HARABASZ], recommendBy=SILHOUETTE, kneeSensitivity=1.0]", KSelection.kMedoids(1, 10).toString());
    assertEquals("KSelection[k-medoids, k=2..4, metric=MANHATTAN, method=PAM, init=BUILD, seed=3, restarts=2,"
        + " parallelism=2, criteria=[COST, MEDOID_SILHOUETTE], recommendBy=MEDOID_SILHOUETTE, kneeSensitivity=1.0,"
        + " silhouetteSampleSize=40]",
        KSelection.kMedoids(2, 4).metric(Metric.MANHATTAN).method(KMedoidsMethod.PAM).init(KMedoidsInit.BUILD)
            .seed(3).restarts(2).parallelism(2).criteria().recommendBy(Criterion.MEDOID_SILHOUETTE)
            .silhouetteSampleSize(40).toString());
    // the same settings in another order, and the defaults named explicitly
    KSelection a = KSelection.kMedoids(2, 6).metric(Metric.MANHATTAN).criteria(Criterion.COST);
    KSelection b = KSelection.kMedoids(2, 6).criteria(Criterion.COST, Criterion.SILHOUETTE)
        .method(KMedoidsMethod.FASTER_PAM).init(KMedoidsInit.PLUS_PLUS).metric(Metric.MANHATTAN);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(KSelection.kMedoids(2, 6).equals(KSelection.kMeans(2, 6)));
    assertFalse(KSelection.kMedoids(2, 6).equals(KSelection.kMedoids(2, 6).metric(Metric.MANHATTAN)));
    assertFalse(KSelection.kMedoids(2, 6).equals(KSelection.kMedoids(2, 6).method(KMedoidsMethod.PAM)));
    assertFalse(KSelection.kMedoids(2, 6).equals(KSelection.kMedoids(2, 6).init(KMedoidsInit.RANDOM)));
  }

  private static String last(String table) {
    return table.substring(table.lastIndexOf('\n') + 1);
  }

  private static void assertMessage(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void assertState(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalStateException.class, call).getMessage());
  }
}
