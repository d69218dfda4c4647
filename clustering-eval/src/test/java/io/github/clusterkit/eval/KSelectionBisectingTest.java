package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.BisectingStrategy;
import io.github.clusterkit.kmedoids.KMedoidsInit;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
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
 * The bisecting K-Means sweep ({@link KSelection#bisectingKMeans(int, int)}). Its oracle is a sweep of separate fits:
 * for every {@code k}, {@code BisectingKMeans.k(k)} with the sweep's settings, and the public indices computed on that
 * fit's labels, compared exactly (one fit's tree must give the same numbers as the separate fits, not close ones).
 */
class KSelectionBisectingTest {

  private static Dataset blobs;
  private static Dataset uneven;

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
    // a wide crowd of 300 rows and two tight groups of 60: the two strategies split different leaves
    Rng r2 = new Rng(5);
    double[][] y = new double[420][];
    for (int i = 0; i < 420; i++) {
      double cx = i < 300 ? 0 : 12;
      double cy = i < 300 ? 0 : i < 360 ? 4 : -4;
      double sd = i < 300 ? 3 : 0.5;
      y[i] = new double[] {cx + sd * r2.nextGaussian(), cy + sd * r2.nextGaussian()};
    }
    uneven = Dataset.of(y);
  }

  /**
   * Every value of the table, and every model, is that of the separate fit with that {@code k} and of the index
   * computed on its labels, bit for bit, for both strategies.
   */
  @Test
  void theTableHoldsTheSeparateFitsAndTheirIndices() {
    boolean strategiesDiffer = false;
    for (Dataset data : new Dataset[] {blobs, uneven}) {
      int[][] labelsByStrategy = new int[2][];
      for (BisectingStrategy strategy : BisectingStrategy.values()) {
        KSelectionResult r = KSelection.bisectingKMeans(1, 7).strategy(strategy).seed(5).restarts(2).evaluate(data);
        assertEquals(EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE, Criterion.DAVIES_BOULDIN,
            Criterion.CALINSKI_HARABASZ), r.criteria());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7}, r.ks());
        double[] inertia = r.values(Criterion.INERTIA);
        double[] sil = r.values(Criterion.SILHOUETTE);
        double[] db = r.values(Criterion.DAVIES_BOULDIN);
        double[] ch = r.values(Criterion.CALINSKI_HARABASZ);
        assertTrue(Double.isNaN(sil[0]) && Double.isNaN(db[0]) && Double.isNaN(ch[0]), "undefined at k = 1");
        BisectingKMeansModel tree = r.bisectingModel(7);
        for (int k = 1; k <= 7; k++) {
          BisectingKMeansModel separate = BisectingKMeans.k(k).strategy(strategy).seed(5).restarts(2).fit(data);
          BisectingKMeansModel m = r.bisectingModel(k);
          assertEquals(separate.state(), m.state(), strategy + ", k = " + k);
          assertEquals(k, m.k());
          int[] labels = separate.labels();
          assertArrayEquals(labels, tree.labelsAt(k));
          assertArrayEquals(labels, m.labels());
          assertEquals(separate.inertia(), inertia[k - 1], 0.0);
          assertEquals(tree.inertiaAt(k), inertia[k - 1], 0.0);
          assertEquals(separate.inertia(), m.inertia(), 0.0);
          if (k >= 2) {
            assertEquals(Silhouette.exact().evaluate(data, labels).score(), sil[k - 1], 0.0);
            assertEquals(DaviesBouldin.score(data, labels), db[k - 1], 0.0);
            assertEquals(CalinskiHarabasz.score(data, labels), ch[k - 1], 0.0);
          }
          // the cut model predicts as the separate fit, here on the fitted rows
          assertArrayEquals(separate.predict(data), m.predict(data));
        }
        labelsByStrategy[strategy.ordinal()] = tree.labels();
      }
      strategiesDiffer |= !java.util.Arrays.equals(labelsByStrategy[0], labelsByStrategy[1]);
    }
    assertTrue(strategiesDiffer, "the case under test: the strategy reaches the fit and changes it");
  }

  /**
   * A range not starting at 1 and a sampled silhouette (seeded with the sweep's seed, as in the K-Means sweep), against
   * the separate fits and the sampled silhouette made directly; the last {@code k}'s model is the sweep's fit itself.
   */
  @Test
  void aRangeAboveOneAndASampledSilhouette() {
    KSelectionResult r = KSelection.bisectingKMeans(3, 6).seed(8).restarts(3).silhouetteSampleSize(100)
        .evaluate(uneven);
    assertArrayEquals(new int[] {3, 4, 5, 6}, r.ks());
    double[] sil = r.values(Criterion.SILHOUETTE);
    double[] inertia = r.values(Criterion.INERTIA);
    for (int k = 3; k <= 6; k++) {
      BisectingKMeansModel direct = BisectingKMeans.k(k).seed(8).restarts(3).fit(uneven);
      assertEquals(direct.state(), r.bisectingModel(k).state(), "k = " + k);
      assertEquals(direct.inertia(), inertia[k - 3], 0.0);
      assertEquals(Silhouette.sampled(100, 8).evaluate(uneven, direct.labels()).score(), sil[k - 3], 0.0);
    }
    assertSame(r.bisectingModel(6), r.bisectingModel(6));
    assertEquals(6, r.bisectingModel(6).k());
  }

  /** Column names reach the cut models as they reach the separate fit's, which then refuses other names. */
  @Test
  void theCutModelsKeepTheColumnNames() {
    Dataset named = uneven.withColumnNames(java.util.List.of("income", "spend"));
    KSelectionResult r = KSelection.bisectingKMeans(2, 5).seed(3).evaluate(named);
    for (int k = 2; k <= 5; k++) {
      BisectingKMeansModel m = r.bisectingModel(k);
      assertEquals(BisectingKMeans.k(k).seed(3).fit(named).state(), m.state());
      assertEquals(java.util.List.of("income", "spend"), m.columnNames());
      Dataset other = uneven.withColumnNames(java.util.List.of("spend", "income"));
      assertThrows(IllegalArgumentException.class, () -> m.predict(other));
    }
  }

  @Test
  void everyCriterionFindsTheFourBlobs() {
    for (BisectingStrategy strategy : BisectingStrategy.values()) {
      KSelectionResult r = KSelection.bisectingKMeans(1, 8).strategy(strategy).seed(3).evaluate(blobs);
      for (Criterion c : r.criteria()) {
        assertEquals(4, r.best(c), strategy + ", " + c + "\n" + r.toTable());
      }
      assertEquals(4, r.recommendedK());
      assertEquals(Criterion.SILHOUETTE, r.rule());
      assertFalse(r.recommendedAtEdge());
      assertTrue(r.toTable().startsWith("k\tinertia\tsilhouette\tdavies_bouldin\tcalinski_harabasz\n"), r.toTable());
      assertTrue(r.toTable().endsWith("recommended k = 4 (highest mean silhouette)"), r.toTable());
      // the four segments are the four blobs: each holds the 150 rows of one blob (rows i, i + 4, ...)
      int[] labels = r.bisectingModel(4).labels();
      for (int i = 4; i < 600; i++) {
        assertEquals(labels[i % 4], labels[i], "row " + i);
      }
      assertArrayEquals(new int[] {150, 150, 150, 150}, r.bisectingModel(4).clusterSizes());
    }
  }

  /**
   * The inertia's choice is Kneedle's knee of the inertia column (convex decreasing, the sweep's sensitivity), called
   * here directly on the table; recommending by it, and by the other criteria, follows their rules.
   */
  @Test
  void theInertiaKneeAndTheRules() {
    Rng rng = new Rng(21);
    // uniform in the unit square: a gentle inertia curve, whose knee the sensitivity can remove (on blobs the knee is
    // sharp and every sensitivity finds it)
    double[][] x = new double[400][];
    for (int i = 0; i < 400; i++) {
      x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
    }
    Dataset data = Dataset.of(x);
    double[] ks = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    java.util.Set<Integer> knees = new java.util.TreeSet<>();
    for (double s : new double[] {0, 0.5, 1, 2, 4, 8}) {
      KSelectionResult r = KSelection.bisectingKMeans(1, 9).criteria(Criterion.INERTIA).recommendBy(Criterion.INERTIA)
          .kneeSensitivity(s).seed(4).evaluate(data);
      assertEquals(EnumSet.of(Criterion.INERTIA), r.criteria());
      int t = Kneedle.knee(ks, r.values(Criterion.INERTIA), Kneedle.Shape.CONVEX_DECREASING, s);
      assertEquals(t < 0 ? -1 : t + 1, r.best(Criterion.INERTIA), "sensitivity " + s + "\n" + r.toTable());
      knees.add(r.best(Criterion.INERTIA));
      if (t >= 0) {
        assertEquals(Criterion.INERTIA, r.rule());
        assertEquals(t + 1, r.recommendedK());
      }
    }
    assertTrue(knees.size() >= 2, "the case under test: the sensitivity moves the knee, got " + knees);

    KSelectionResult db = KSelection.bisectingKMeans(2, 9).seed(4).recommendBy(Criterion.DAVIES_BOULDIN)
        .criteria(Criterion.CALINSKI_HARABASZ).evaluate(data);
    assertEquals(EnumSet.of(Criterion.INERTIA, Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ), db.criteria());
    double[] v = db.values(Criterion.DAVIES_BOULDIN);
    int arg = 0;
    for (int t = 1; t < v.length; t++) {
      arg = v[t] < v[arg] ? t : arg;
    }
    assertEquals(Criterion.DAVIES_BOULDIN, db.rule());
    assertEquals(arg + 2, db.recommendedK());
    // with k = 2..3 the inertia has no knee (fewer than 3 points): the next criterion that chooses decides
    KSelectionResult two = KSelection.bisectingKMeans(2, 3).seed(1).recommendBy(Criterion.INERTIA)
        .criteria(Criterion.CALINSKI_HARABASZ).evaluate(blobs);
    assertEquals(-1, two.best(Criterion.INERTIA));
    assertEquals(Criterion.CALINSKI_HARABASZ, two.rule());
    assertEquals(two.best(Criterion.CALINSKI_HARABASZ), two.recommendedK());
  }

  /**
   * {@code maxK} up to the number of distinct rows, as in the K-Means sweep; above it refused before any fit, naming
   * {@code maxK}, on any thread count. At {@code maxK} equal to it (3 distinct points twice each) every distinct row
   * is a leaf: inertia and Davies-Bouldin 0, Calinski-Harabasz infinite (no scatter within, some between), all as
   * computed directly on the separate fit's labels. With distinct rows up to {@code k = n}, Calinski-Harabasz is
   * undefined there ({@code NaN}), as in the K-Means sweep.
   */
  @Test
  void maxKAboveTheDistinctRowsIsRefusedUpFront() {
    Dataset twice = Dataset.of(new double[][] {{0, 0}, {0, 0}, {4, 0}, {4, 0}, {0, 3}, {0, 3}});
    for (int threads = 1; threads <= 3; threads++) {
      KSelection sweep = KSelection.bisectingKMeans(1, 4).parallelism(threads);
      assertMessage("maxK must be <= the number of distinct rows (3), got 4", () -> sweep.evaluate(twice));
    }
    // the same rule and message as the K-Means sweep
    assertMessage("maxK must be <= the number of distinct rows (3), got 4",
        () -> KSelection.kMeans(1, 4).evaluate(twice));
    KSelectionResult r = KSelection.bisectingKMeans(1, 3).seed(2).evaluate(twice);
    for (int k = 2; k <= 3; k++) {
      int[] labels = BisectingKMeans.k(k).seed(2).fit(twice).labels();
      assertEquals(Silhouette.score(twice, labels), r.values(Criterion.SILHOUETTE)[k - 1], 0.0);
      assertEquals(DaviesBouldin.score(twice, labels), r.values(Criterion.DAVIES_BOULDIN)[k - 1], 0.0);
      assertEquals(CalinskiHarabasz.score(twice, labels), r.values(Criterion.CALINSKI_HARABASZ)[k - 1], 0.0);
    }
    assertEquals(0.0, r.values(Criterion.INERTIA)[2]);
    assertEquals(0.0, r.values(Criterion.DAVIES_BOULDIN)[2]);
    assertEquals(Double.POSITIVE_INFINITY, r.values(Criterion.CALINSKI_HARABASZ)[2]); // W = 0, B > 0

    Dataset five = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {10, 0}});
    KSelectionResult all = KSelection.bisectingKMeans(1, 5).evaluate(five);
    assertEquals(0.0, all.values(Criterion.INERTIA)[4]);
    assertTrue(Double.isNaN(all.values(Criterion.CALINSKI_HARABASZ)[4]));
    assertEquals(KSelection.kMeans(1, 5).evaluate(five).values(Criterion.CALINSKI_HARABASZ)[4],
        all.values(Criterion.CALINSKI_HARABASZ)[4]);
  }

  /**
   * The nesting on random data: small integer data (duplicates and ties common), random seeds, strategies, restarts,
   * ranges and thread counts. The table equals the separate fits' scores, the models the separate fits' (on one
   * thread), and the result does not depend on the thread count, bit for bit.
   */
  @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
  void theSweepIsTheSeparateFitsOnAnyThreadCount(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int threads,
      @ForAll boolean largestCluster, @ForAll @IntRange(min = 1, max = 3) int restarts, @ForAll boolean sampled) {
    Rng rng = new Rng(seed);
    int n = 8 + rng.nextInt(80);
    int d = 1 + rng.nextInt(3);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        x[i][t] = 5 * rng.nextInt(3) + rng.nextInt(3);
      }
    }
    Dataset data = Dataset.of(x);
    java.util.Set<java.util.List<Double>> rows = new java.util.HashSet<>();
    for (double[] row : x) {
      java.util.List<Double> key = new java.util.ArrayList<>();
      for (double v : row) {
        key.add(v);
      }
      rows.add(key);
    }
    int distinct = rows.size();
    if (distinct < 2) {
      return; // no sweep (maxK >= 2): the refusal is tested above
    }
    int maxK = Math.min(distinct, 2 + rng.nextInt(6));
    int minK = 1 + rng.nextInt(maxK); // 1..maxK
    BisectingStrategy strategy = largestCluster ? BisectingStrategy.LARGEST_CLUSTER
        : BisectingStrategy.BIGGEST_INERTIA;
    KSelection s = KSelection.bisectingKMeans(minK, maxK).strategy(strategy).seed(seed).restarts(restarts)
        .silhouetteSampleSize(sampled ? 6 : 0);
    KSelectionResult one = s.evaluate(data);
    KSelectionResult many = s.parallelism(threads).evaluate(data);
    assertEquals(one.criteria(), many.criteria());
    for (Criterion c : one.criteria()) {
      double[] a = one.values(c);
      double[] b = many.values(c);
      for (int t = 0; t < a.length; t++) {
        assertEquals(Double.doubleToRawLongBits(a[t]), Double.doubleToRawLongBits(b[t]), c + " at k = " + (t + minK));
      }
      assertEquals(one.best(c), many.best(c));
    }
    assertEquals(one.recommendedK(), many.recommendedK());
    assertEquals(one.rule(), many.rule());
    assertEquals(one.toTable(), many.toTable());
    for (int k = minK; k <= maxK; k++) {
      BisectingKMeansModel separate = BisectingKMeans.k(k).strategy(strategy).seed(seed).restarts(restarts)
          .fit(data);
      assertEquals(separate.state(), one.bisectingModel(k).state(), "k = " + k);
      assertEquals(separate.state(), many.bisectingModel(k).state(), "k = " + k);
      int t = k - minK;
      assertEquals(separate.inertia(), one.values(Criterion.INERTIA)[t], 0.0);
      if (k >= 2) {
        int[] labels = separate.labels();
        SilhouetteResult sil = (sampled ? Silhouette.sampled(6, seed) : Silhouette.exact()).evaluate(data, labels,
            false);
        assertEquals(sil == null ? Double.NaN : sil.score(), one.values(Criterion.SILHOUETTE)[t], 0.0);
        assertEquals(DaviesBouldin.score(data, labels), one.values(Criterion.DAVIES_BOULDIN)[t], 0.0);
        double ch = k < n ? CalinskiHarabasz.score(data, labels) : Double.NaN;
        assertEquals(ch, one.values(Criterion.CALINSKI_HARABASZ)[t], 0.0);
      }
    }
  }

  /**
   * Data times {@code 2^s}: the same fits (labels), the inertias times {@code 4^s} (infinite beyond the double range),
   * and the same choice by every criterion, the knee found on the inertias of the data scaled back into range, as in
   * the K-Means sweep.
   */
  @Test
  void choosingKOnScaledDataChoosesTheSameK() {
    double[] x = io.github.clusterkit.data.Generators.blobs(600, 2, 3, 0.5, 0, 7).data().toArray();
    KSelectionResult plain = KSelection.bisectingKMeans(1, 6).seed(1).evaluate(Dataset.wrap(x, 600, 2));
    assertTrue(plain.best(Criterion.INERTIA) > 0, plain.toTable());
    boolean overflowed = false;
    for (int s : new int[] {600, -600, 300}) {
      double[] xs = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        xs[i] = Math.scalb(x[i], s);
      }
      KSelectionResult r = KSelection.bisectingKMeans(1, 6).seed(1).evaluate(Dataset.wrap(xs, 600, 2));
      assertEquals(plain.recommendedK(), r.recommendedK(), "scale 2^" + s);
      for (Criterion c : r.criteria()) {
        assertEquals(plain.best(c), r.best(c), c + ", scale 2^" + s);
      }
      double[] a = plain.values(Criterion.INERTIA);
      double[] b = r.values(Criterion.INERTIA);
      for (int t = 0; t < a.length; t++) {
        assertEquals(Math.scalb(a[t], 2 * s), b[t], "inertia at k = " + (t + 1) + ", scale 2^" + s);
        assertArrayEquals(plain.bisectingModel(t + 1).labels(), r.bisectingModel(t + 1).labels());
        overflowed |= b[t] == Double.POSITIVE_INFINITY;
      }
    }
    assertTrue(overflowed, "the case under test: the inertias at 2^600 leave the double range");
  }

  @Test
  void badConfigurationIsRefused() {
    assertMessage("minK must be >= 1, got 0", () -> KSelection.bisectingKMeans(0, 5));
    assertMessage("maxK must be >= minK and >= 2, got minK 1, maxK 1", () -> KSelection.bisectingKMeans(1, 1));
    assertMessage("maxK must be >= minK and >= 2, got minK 4, maxK 3", () -> KSelection.bisectingKMeans(4, 3));
    KSelection b = KSelection.bisectingKMeans(1, 5);
    assertMessage("strategy must not be null", () -> b.strategy(null));
    assertMessage("restarts must be >= 1, got 0", () -> b.restarts(0));
    assertMessage("parallelism must be >= 1, got 0", () -> b.parallelism(0));
    assertMessage("silhouetteSampleSize must be 0 (exact) or >= 2, got 1", () -> b.silhouetteSampleSize(1));
    assertMessage("kneeSensitivity must be >= 0 and finite, got NaN", () -> b.kneeSensitivity(Double.NaN));
    assertMessage("data must not be null", () -> b.evaluate(null));
    // the criteria of the other kinds of sweep
    String allowed = "[INERTIA, SILHOUETTE, DAVIES_BOULDIN, CALINSKI_HARABASZ]";
    for (Criterion c : EnumSet.of(Criterion.COST, Criterion.MEDOID_SILHOUETTE, Criterion.BIC, Criterion.AIC)) {
      assertMessage("criteria of a bisecting K-Means sweep must be one of " + allowed + ", got " + c,
          () -> b.criteria(Criterion.SILHOUETTE, c));
      assertMessage("criterion of a bisecting K-Means sweep must be one of " + allowed + ", got " + c,
          () -> b.recommendBy(c));
    }
    // the options of the other kinds of sweep, and this one's on them
    assertState("mixtures apply to a K-Means sweep (KSelection.kMeans), not to this bisecting K-Means sweep",
        () -> b.mixtures(CovarianceType.FULL));
    assertState("metric applies to a K-Medoids sweep (KSelection.kMedoids), not to this bisecting K-Means sweep",
        () -> b.metric(Metric.EUCLIDEAN));
    assertState("method applies to a K-Medoids sweep (KSelection.kMedoids), not to this bisecting K-Means sweep",
        () -> b.method(KMedoidsMethod.PAM));
    assertState("init applies to a K-Medoids sweep (KSelection.kMedoids), not to this bisecting K-Means sweep",
        () -> b.init(KMedoidsInit.BUILD));
    assertState("strategy applies to a bisecting K-Means sweep (KSelection.bisectingKMeans), not to this K-Means"
        + " sweep", () -> KSelection.kMeans(1, 5).strategy(BisectingStrategy.LARGEST_CLUSTER));
    assertState("strategy applies to a bisecting K-Means sweep (KSelection.bisectingKMeans), not to this K-Medoids"
        + " sweep", () -> KSelection.kMedoids(1, 5).strategy(null));
  }

  /** The result of a bisecting sweep says what the other kinds' accessors and criteria would need, and vice versa. */
  @Test
  void theResultRefusesTheOtherKindsQuestions() {
    KSelectionResult b = KSelection.bisectingKMeans(2, 4).seed(1).criteria(Criterion.INERTIA).evaluate(blobs);
    assertState("this sweep fitted bisecting K-Means, not K-Means; see bisectingModel(k)", () -> b.model(3));
    assertState("this sweep fitted bisecting K-Means, not K-Medoids; see bisectingModel(k)",
        () -> b.kMedoidsModel(3));
    assertState("this bisecting K-Means sweep fitted no Gaussian mixtures; they come with KSelection.kMeans(...)"
        + ".mixtures(...)", () -> b.mixture(3));
    assertMessage("k must be in [2, 4], got 5", () -> b.bisectingModel(5));
    assertMessage("k must be in [2, 4], got 1", () -> b.bisectingModel(1));
    assertMessage("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got COST, which a bisecting"
        + " K-Means sweep does not compute; sweep KSelection.kMedoids(...) for it", () -> b.values(Criterion.COST));
    assertMessage("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got AIC, which a bisecting"
        + " K-Means sweep does not compute; sweep KSelection.kMeans(...).mixtures(...) for it",
        () -> b.best(Criterion.AIC));
    assertMessage("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got DAVIES_BOULDIN; name it in"
        + " KSelection.criteria(...) and evaluate again", () -> b.values(Criterion.DAVIES_BOULDIN));
    KSelectionResult k = KSelection.kMeans(2, 4).seed(1).criteria(Criterion.INERTIA).evaluate(blobs);
    assertState("this sweep fitted K-Means, not bisecting K-Means; see model(k)", () -> k.bisectingModel(3));
    KSelectionResult m = KSelection.kMedoids(2, 4).seed(1).criteria(Criterion.COST).evaluate(blobs);
    assertState("this sweep fitted K-Medoids, not bisecting K-Means; see kMedoidsModel(k)",
        () -> m.bisectingModel(3));
  }

  /** The strategy counts in equality and shows in the text. */
  @Test
  void configurationTextAndEquality() {
    // the defaults' text: DocumentedDefaultsTest
    assertEquals("KSelection[bisecting k-means, k=2..4, strategy=LARGEST_CLUSTER, seed=3, restarts=2, parallelism=2,"
        + " criteria=[INERTIA, CALINSKI_HARABASZ], recommendBy=CALINSKI_HARABASZ, kneeSensitivity=1.0,"
        + " silhouetteSampleSize=40]",
        KSelection.bisectingKMeans(2, 4).strategy(BisectingStrategy.LARGEST_CLUSTER).seed(3).restarts(2)
            .parallelism(2).criteria().recommendBy(Criterion.CALINSKI_HARABASZ).silhouetteSampleSize(40).toString());
    KSelection a = KSelection.bisectingKMeans(2, 6).criteria(Criterion.INERTIA).seed(4);
    KSelection b = KSelection.bisectingKMeans(2, 6).seed(4).criteria(Criterion.SILHOUETTE)
        .strategy(BisectingStrategy.BIGGEST_INERTIA);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(KSelection.bisectingKMeans(2, 6).equals(KSelection.kMeans(2, 6)));
    assertFalse(KSelection.bisectingKMeans(2, 6).equals(KSelection.kMedoids(2, 6)));
    assertFalse(KSelection.bisectingKMeans(2, 6)
        .equals(KSelection.bisectingKMeans(2, 6).strategy(BisectingStrategy.LARGEST_CLUSTER)));
  }

  private static void assertMessage(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void assertState(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalStateException.class, call).getMessage());
  }
}
