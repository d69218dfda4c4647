package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Argument checks, copies, edge cases and the model's accessors. */
class KMeansApiTest {

  /**
   * The documented re-seeding of an empty cluster, by hand. Rows 0, 1, 2, 100 from centroids 1, 90, 1000: cluster 2
   * gets no row. The row farthest from its centroid is 100 (squared distance 100 to 90), but it is alone in its
   * cluster, which would be left empty, so it does not qualify; of rows 0 and 2 (squared distance 1 each) the lower
   * index wins. Cluster 2 restarts at 0 and cluster 0 keeps 1 and 2 (mean 1.5); the next assignment moves row 0
   * there and the one after changes nothing. Every algorithm, one and two threads.
   */
  @Test
  void emptyClusterTakesTheFarthestRowWhoseClusterKeepsOne() {
    Dataset x = Dataset.of(new double[][] {{0}, {1}, {2}, {100}});
    for (KMeansAlgorithm a : KMeansAlgorithm.values()) {
      for (int threads = 1; threads <= 2; threads++) {
        KMeansModel m = KMeans.k(3).initialCentroids(new double[][] {{1}, {90}, {1000}}).tolerance(0)
            .algorithm(a).parallelism(threads).fit(x);
        String what = a + ", " + threads + " threads";
        assertArrayEquals(new double[][] {{1.5}, {100}, {0}}, m.centroids(), what);
        assertArrayEquals(new int[] {2, 0, 0, 1}, m.labels(), what);
        assertEquals(0.5, m.inertia(), 0.0, what);
        assertTrue(m.converged(), what);
      }
    }
  }

  private static final Dataset SQUARE =
      Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {10, 10}, {10, 11}, {11, 10}, {11, 11}});

  private static void fails(String message, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }

  @Test
  void configurationIsValidatedAtOnce() {
    fails("k must be >= 1, got 0", () -> KMeans.k(0));
    fails("k must be >= 1, got -3", () -> KMeans.k(-3));
    KMeans km = KMeans.k(2);
    fails("restarts must be >= 1, got 0", () -> km.restarts(0));
    fails("maxIterations must be >= 1, got 0", () -> km.maxIterations(0));
    fails("tolerance must be >= 0 and finite, got NaN", () -> km.tolerance(Double.NaN));
    fails("tolerance must be >= 0 and finite, got -1.0E-4", () -> km.tolerance(-1e-4));
    fails("tolerance must be >= 0 and finite, got Infinity", () -> km.tolerance(Double.POSITIVE_INFINITY));
    fails("parallelism must be >= 1, got 0", () -> km.parallelism(0));
    fails("init must not be null", () -> km.init(null));
    fails("algorithm must not be null", () -> km.algorithm(null));
    fails("initialCentroids must not be null", () -> km.initialCentroids(null));
    fails("initialCentroids must have k = 2 rows, got 1", () -> km.initialCentroids(new double[][] {{0, 0}}));
    fails("initialCentroids must be finite, got NaN at row 1, column 0",
        () -> km.initialCentroids(new double[][] {{0, 0}, {Double.NaN, 0}}));
    fails("initialCentroids rows must all have the same positive length: row 0 has 2 columns, row 1 has 1",
        () -> km.initialCentroids(new double[][] {{0, 0}, {1}}));
    fails("initialCentroids[1] must not be null", () -> km.initialCentroids(new double[][] {{0, 0}, null}));
    // An empty first row was reported as "row 0 has 0 columns, row 0 has 0".
    fails("initialCentroids[0] must not be empty (a row of length 0)",
        () -> km.initialCentroids(new double[][] {{}, {}}));
    fails("initialCentroids[1] must not be empty (a row of length 0)",
        () -> km.initialCentroids(new double[][] {{0, 0}, {}}));
  }

  @Test
  void fitArgumentsAreValidated() {
    KMeans km = KMeans.k(2);
    fails("data must not be null", () -> km.fit(null));
    fails("weights must not be null", () -> km.fit(SQUARE, null));
    fails("weights must have one entry per row (n = 8), got 7", () -> km.fit(SQUARE, new double[7]));
    double[] w = new double[8];
    Arrays.fill(w, 1);
    w[3] = -1;
    fails("weights must be finite and >= 0, got -1.0 at index 3", () -> km.fit(SQUARE, w));
    w[3] = Double.NaN;
    fails("weights must be finite and >= 0, got NaN at index 3", () -> km.fit(SQUARE, w));
    w[3] = Double.POSITIVE_INFINITY;
    fails("weights must be finite and >= 0, got Infinity at index 3", () -> km.fit(SQUARE, w));
    fails("weights must not all be zero", () -> km.fit(SQUARE, new double[8]));
    fails("initialCentroids must have d = 2 columns like the data, got 3",
        () -> km.initialCentroids(new double[][] {{0, 0, 0}, {1, 1, 1}}).fit(SQUARE));
  }

  @Test
  void kAboveDistinctRowsIsAnError() {
    Dataset dup = Dataset.of(new double[][] {{1, 2}, {1, 2}, {3, 4}, {1, 2}, {-0.0, 0}, {0.0, 0}});
    // 3 distinct rows by value (-0.0 == 0.0).
    fails("k must be <= the number of distinct rows (3), got 4", () -> KMeans.k(4).fit(dup));
    fails("k must be <= the number of distinct rows (1), got 2", () -> KMeans.k(2).fit(Dataset.of(new double[][] {{5}})));
    // Rows of weight 0 do not count.
    fails("k must be <= the number of distinct rows with positive weight (2), got 3",
        () -> KMeans.k(3).fit(dup, new double[] {1, 1, 0, 1, 2, 2}));
    // k equal to the number of distinct rows: every distinct row is a centroid, inertia exactly 0.
    for (KMeansInit init : KMeansInit.values()) {
      KMeansModel m = KMeans.k(3).init(init).seed(5).fit(dup);
      assertEquals(0.0, m.inertia());
      assertTrue(m.converged());
      double[][] c = m.centroids();
      Arrays.sort(c, (a, b) -> Double.compare(a[0], b[0]));
      assertEquals(0.0, c[0][0]);
      assertArrayEquals(new double[] {1, 2}, c[1]);
      assertArrayEquals(new double[] {3, 4}, c[2]);
    }
  }

  /**
   * k equal to the number of distinct rows gives inertia 0 only up to rounding: the mean of three rows of 0.1 is
   * (0.1 + 0.1 + 0.1) / 3 = 0.30000000000000004 / 3 = 0.10000000000000002, one ulp above 0.1 (exact computation,
   * the same in any summation order), so the inertia is 3 ulp(0.1)^2 = 3 * 2^-112 = 5.7777898331617076E-34.
   */
  @Test
  void kEqualToDistinctRowsHasInertiaZeroUpToRounding() {
    double tenth = 0.1;
    KMeansModel m = KMeans.k(1).fit(Dataset.of(new double[][] {{tenth}, {tenth}, {tenth}}));
    assertEquals(Math.nextUp(tenth), m.centroids()[0][0]);
    assertEquals(3 * Math.ulp(tenth) * Math.ulp(tenth), m.inertia());
    assertEquals(0x3p-112, m.inertia());
    assertArrayEquals(new int[] {0, 0, 0}, m.labels());
  }

  @Test
  void singleClusterIsTheWeightedMean() {
    // Exact: the mean of {0,0,1,1,10,10,11,11} is 5.5 in both columns.
    KMeansModel m = KMeans.k(1).fit(SQUARE);
    assertArrayEquals(new double[] {5.5, 5.5}, m.centroids()[0]);
    // Weighted mean with weights 1..8: sum(w*x)/sum(w) computed by hand.
    double[] w = {1, 2, 3, 4, 5, 6, 7, 8};
    double sx = 0 * 1 + 0 * 2 + 1 * 3 + 1 * 4 + 10 * 5 + 10 * 6 + 11 * 7 + 11 * 8;
    double sy = 0 * 1 + 1 * 2 + 0 * 3 + 1 * 4 + 10 * 5 + 11 * 6 + 10 * 7 + 11 * 8;
    KMeansModel mw = KMeans.k(1).fit(SQUARE, w);
    assertArrayEquals(new double[] {sx / 36, sy / 36}, mw.centroids()[0], 1e-15);
    KMeansModel one = KMeans.k(1).fit(Dataset.of(new double[][] {{3, 4}}));
    assertArrayEquals(new double[] {3, 4}, one.centroids()[0]);
    assertEquals(0.0, one.inertia());
  }

  @Test
  void twoObviousClusters() {
    for (KMeansAlgorithm a : KMeansAlgorithm.values()) {
      KMeansModel m = KMeans.k(2).algorithm(a).seed(1).fit(SQUARE);
      int[] l = m.labels();
      assertEquals(l[0], l[1]);
      assertEquals(l[0], l[3]);
      assertEquals(l[4], l[7]);
      assertTrue(l[0] != l[4]);
      // Each cluster: four corners of a unit square around its mean, squared distance 0.5 each: 8 * 0.5.
      assertEquals(4.0, m.inertia(), 0.0);
      assertArrayEquals(new int[] {4, 4}, m.clusterSizes());
      assertTrue(m.converged());
      assertEquals(a == KMeansAlgorithm.AUTO ? KMeansAlgorithm.HAMERLY : a, m.algorithm());
    }
  }

  /**
   * AUTO's documented rule ({@link KMeansAlgorithm#AUTO}): Elkan from 512 to 1024 columns with at least 50 clusters,
   * above 1024 with at least 20, while its bounds fit; Hamerly otherwise. Every corner of the rule.
   */
  @Test
  void autoChoosesElkanOnlyForWideRowsAndManyClusters() {
    KMeansAlgorithm auto = KMeansAlgorithm.AUTO;
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, 100_000, 64, 100));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, 100_000, 511, 100));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, 100_000, 512, 49));
    assertEquals(KMeansAlgorithm.ELKAN, KMeans.resolve(auto, 100_000, 512, 50));
    assertEquals(KMeansAlgorithm.ELKAN, KMeans.resolve(auto, 100_000, 1024, 50));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, 100_000, 1024, 49));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, 100_000, 1025, 19));
    assertEquals(KMeansAlgorithm.ELKAN, KMeans.resolve(auto, 100_000, 1025, 20));
    assertEquals(KMeansAlgorithm.ELKAN, KMeans.resolve(auto, 1 << 19, 600, 64)); // n * k = 2^25 bounds: the limit
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, (1 << 19) + 1, 600, 64)); // one row more
    assertEquals(KMeansAlgorithm.ELKAN, KMeans.resolve(auto, 1 << 20, 2000, 32));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(auto, (1 << 20) + 1, 2000, 32));
    for (KMeansAlgorithm a : new KMeansAlgorithm[] {KMeansAlgorithm.LLOYD, KMeansAlgorithm.HAMERLY,
        KMeansAlgorithm.ELKAN}) {
      assertEquals(a, KMeans.resolve(a, 1000, 100, 50), "an explicit choice is kept");
    }
  }

  /**
   * AUTO's switch ({@link KMeansAlgorithm#AUTO}): on 5 well-separated blobs in 24 columns with 12 clusters (two or
   * three a blob), Hamerly's bound settles few rows while Elkan's centroid test rules out the other blobs' centroids,
   * so the fit goes on with Elkan and says so; its model is LLOYD's and HAMERLY's bit for bit (same seed, same
   * k-means++ centres), also when capped at 2 or 3 iterations. With 5 clusters (one a blob), with HAMERLY asked for,
   * or from 16 clusters, where Hamerly's rescans compare a row only with the centroids near its own (30 clusters here,
   * six a blob), no switch, and the model is LLOYD's all the same.
   */
  @Test
  void autoGoesOnWithElkanWhereHamerlysBoundIsWeak() {
    Dataset blobs = Generators.blobs(4000, 24, 5, 1.0, 0.0, 11).data();
    // Capped at 2 iterations the run stops where the switch would come (no switch); at 3 one pass follows it.
    for (int cap : new int[] {2, 3, 300}) {
      for (int k : new int[] {12, 30}) {
        KMeansModel auto = KMeans.k(k).seed(5).tolerance(0).maxIterations(cap).fit(blobs);
        assertEquals(cap == 2 || k == 30 ? KMeansAlgorithm.HAMERLY : KMeansAlgorithm.ELKAN, auto.algorithm(),
            "k " + k + ", cap " + cap);
        for (KMeansAlgorithm a : new KMeansAlgorithm[] {KMeansAlgorithm.LLOYD, KMeansAlgorithm.HAMERLY}) {
          KMeansModel m = KMeans.k(k).seed(5).tolerance(0).maxIterations(cap).algorithm(a).fit(blobs);
          assertEquals(a, m.algorithm());
          KMeansPropertiesTest.assertSame(m, auto, a + ", k " + k + ", cap " + cap);
        }
      }
    }
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.k(5).seed(5).fit(blobs).algorithm());
  }

  /**
   * AUTO's switch the other way ({@link KMeansAlgorithm#AUTO}): at 512 columns and 50 clusters the rule starts with
   * Elkan; on standard Gaussian rows no centroid is far from another, so the run goes on with Hamerly and says so; on
   * blobs it keeps Elkan. Either way the model is LLOYD's bit for bit.
   */
  @Test
  void autoGoesOnWithHamerlyWhereNoCentroidIsFar() {
    java.util.Random r = new java.util.Random(5);
    double[][] g = new double[1200][512];
    for (double[] row : g) {
      for (int t = 0; t < row.length; t++) {
        row[t] = r.nextGaussian();
      }
    }
    Dataset gauss = Dataset.of(g);
    Dataset blobs = Generators.blobs(1200, 512, 5, 1.0, 0.0, 11).data();
    for (Dataset data : new Dataset[] {gauss, blobs}) {
      KMeansModel auto = KMeans.k(50).seed(5).tolerance(0).maxIterations(30).fit(data);
      assertEquals(data == gauss ? KMeansAlgorithm.HAMERLY : KMeansAlgorithm.ELKAN, auto.algorithm());
      KMeansModel lloyd = KMeans.k(50).seed(5).tolerance(0).maxIterations(30).algorithm(KMeansAlgorithm.LLOYD)
          .fit(data);
      KMeansPropertiesTest.assertSame(lloyd, auto, data == gauss ? "Gaussian rows" : "blobs");
    }
  }

  /**
   * ELKAN keeps {@code n * k} lower bounds in one array, so it refuses more than a Java array holds
   * ({@code Integer.MAX_VALUE - 8} = 2147483639 = 7 * 306783377: the largest accepted product, exact), while the
   * other kernels, which keep no such array, take any size.
   */
  @Test
  void elkanRefusesMoreBoundsThanAnArrayHolds() {
    assertEquals(KMeansAlgorithm.ELKAN, KMeans.resolve(KMeansAlgorithm.ELKAN, 306_783_377, 10, 7));
    fails("algorithm ELKAN needs n * k lower bounds, more than a Java array holds: n = 306783378, k = 7;"
        + " use HAMERLY", () -> KMeans.resolve(KMeansAlgorithm.ELKAN, 306_783_378, 10, 7));
    fails("algorithm ELKAN needs n * k lower bounds, more than a Java array holds: n = 67108864, k = 64;"
        + " use HAMERLY", () -> KMeans.resolve(KMeansAlgorithm.ELKAN, 1 << 26, 600, 64));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(KMeansAlgorithm.HAMERLY, 1 << 26, 600, 64));
    assertEquals(KMeansAlgorithm.LLOYD, KMeans.resolve(KMeansAlgorithm.LLOYD, 1 << 26, 600, 64));
    assertEquals(KMeansAlgorithm.HAMERLY, KMeans.resolve(KMeansAlgorithm.AUTO, 1 << 26, 600, 64));
  }

  /**
   * A run cut off by {@code maxIterations} is not converged, and its labels are those of one more assignment to the
   * final centroids. Hand computation, rows 0, 2, 5, 10 from the centroids 0 and 2: the first iteration assigns 0 to
   * the first and 2, 5, 10 to the second centroid, which move to 0 and 17/3; the last assignment gives 2 to the first
   * (2 against 11/3 away), so the labels are 0 0 1 1 and the inertia 0 + 4 + (2/3)^2 + (13/3)^2 = 209/9. Run to the
   * end, the centroids 1 and 7.5 keep the labels in the third iteration: inertia 1 + 1 + 6.25 + 6.25 = 14.5, exact.
   * scikit-learn 1.2.1 agrees: {@code KMeans(2, init=[[0], [2]], n_init=1, max_iter=m, algorithm="lloyd")} gives
   * centroids [0, 5.666666666666666], labels [0 0 1 1], inertia 23.222222222222225 and n_iter_ 1 for {@code m = 1},
   * and [1, 7.5], 14.5 and 3 for {@code m = 300}.
   */
  @Test
  void maxIterationsStopsTheRunUnconverged() {
    Dataset data = Dataset.of(new double[][] {{0}, {2}, {5}, {10}});
    for (KMeansAlgorithm a : KMeansAlgorithm.values()) {
      KMeans km = KMeans.k(2).initialCentroids(new double[][] {{0}, {2}}).algorithm(a);
      KMeansModel cut = km.maxIterations(1).fit(data);
      assertEquals(1, cut.dimension());
      assertEquals(1, cut.iterations());
      assertFalse(cut.converged(), a.toString());
      assertFalse(cut.state().converged(), a.toString());
      assertArrayEquals(new int[] {0, 0, 1, 1}, cut.labels());
      assertArrayEquals(new double[][] {{0}, {17.0 / 3}}, cut.centroids());
      assertEquals(209.0 / 9, cut.inertia(), 1e-13);
      KMeansModel full = km.fit(data);
      assertTrue(full.converged());
      assertEquals(3, full.iterations());
      assertArrayEquals(new double[][] {{1}, {7.5}}, full.centroids());
      assertEquals(14.5, full.inertia());
    }
  }

  /**
   * Restarts that tie on inertia keep the earliest run. Two rows, two clusters: every run ends with one centroid on
   * each row and inertia exactly 0, but the greedy k-means++ seeding picks the first centroid at random, so the runs
   * differ in which row gets label 0. The kept run must be restart 0, the run of {@code restarts(1)}, on one thread
   * and with the restarts side by side.
   */
  @Test
  void restartTiesKeepTheEarliestRun() {
    Dataset two = Dataset.of(new double[][] {{0}, {1}});
    boolean labelsVary = false;
    int[] first = KMeans.k(2).seed(0).fit(two).labels();
    for (long seed = 0; seed < 16; seed++) {
      KMeansModel one = KMeans.k(2).seed(seed).fit(two);
      assertEquals(0.0, one.inertia());
      labelsVary |= !Arrays.equals(first, one.labels());
      for (int threads = 1; threads <= 2; threads++) {
        KMeansModel five = KMeans.k(2).seed(seed).restarts(5).parallelism(threads).fit(two);
        assertEquals(0.0, five.inertia());
        assertArrayEquals(one.labels(), five.labels(), "seed " + seed + ", threads " + threads);
      }
    }
    assertTrue(labelsVary, "every seed put row 0 in the same cluster: the test shows nothing");
  }

  @Test
  void modelCopiesAndPredicts() {
    KMeansModel m = KMeans.k(2).seed(3).fit(SQUARE);
    double[][] c = m.centroids();
    c[0][0] = 1e9;
    assertNotSame(c, m.centroids());
    assertTrue(m.centroids()[0][0] != 1e9);
    int[] l = m.labels();
    l[0] = 99;
    assertTrue(m.labels()[0] != 99);
    // predict of every fitted row is its label; of a new point its nearest centroid.
    int[] labels = m.labels();
    for (int i = 0; i < SQUARE.size(); i++) {
      assertEquals(labels[i], m.predict(SQUARE.row(i)));
    }
    assertArrayEquals(labels, m.predict(SQUARE));
    assertEquals(labels[4], m.predict(new double[] {8, 8}));
    // transform: Euclidean distances to the centroids (0.5, 0.5) and (10.5, 10.5), by hand.
    double[] t = m.transform(new double[] {0.5, 0.5});
    assertEquals(0.0, t[labels[0]]);
    assertEquals(Math.sqrt(200), t[labels[4]], 1e-12);
    double[] p = {0.5, 0.5};
    m.transform(p);
    assertArrayEquals(new double[] {0.5, 0.5}, p);
    fails("point must not be null", () -> m.predict((double[]) null));
    fails("point must have length 2, got 3", () -> m.predict(new double[3]));
    fails("point must be finite, got NaN at index 1", () -> m.transform(new double[] {0, Double.NaN}));
    fails("data must have dimension 2 like the centroids, got 1",
        () -> m.predict(Dataset.of(new double[][] {{1}})));
  }

  @Test
  void callerArraysAreNotModifiedOrRetained() {
    double[][] c0 = {{0, 0}, {10, 10}};
    KMeans km = KMeans.k(2).initialCentroids(c0);
    c0[0][0] = 1000;
    KMeansModel m = km.fit(SQUARE);
    assertEquals(4.0, m.inertia());
    double[] w = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] copy = w.clone();
    KMeans.k(2).fit(SQUARE, w);
    assertArrayEquals(copy, w);
  }

  @Test
  void unitWeightsEqualNoWeights() {
    Dataset data = Generators.blobs(3000, 3, 5, 1.0, 0.05, 7).data();
    double[] ones = new double[data.size()];
    Arrays.fill(ones, 1.0);
    KMeansModel a = KMeans.k(5).seed(2).fit(data);
    KMeansModel b = KMeans.k(5).seed(2).fit(data, ones);
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.inertia(), b.inertia(), 0.0);
  }

  @Test
  void sameSeedSameResultOtherSeedMayDiffer() {
    Dataset data = Generators.blobs(2000, 2, 8, 1.5, 0.1, 11).data();
    KMeansModel a = KMeans.k(8).seed(42).fit(data);
    KMeansModel b = KMeans.k(8).seed(42).fit(data);
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.inertia(), b.inertia(), 0.0);
    boolean anyDiffers = false;
    for (long s = 0; s < 10 && !anyDiffers; s++) {
      anyDiffers = KMeans.k(8).seed(s).fit(data).inertia() != a.inertia();
    }
    assertTrue(anyDiffers, "ten seeds all gave the same inertia: the seed is ignored");
  }

  @Test
  void toStringsNameTheSettings() {
    assertEquals("KMeans[k=3, seed=0, restarts=1, maxIterations=300, tolerance=1.0E-4, init=PLUS_PLUS,"
        + " algorithm=AUTO, parallelism=1]", KMeans.k(3).toString());
    assertTrue(KMeans.k(2).fit(SQUARE).toString().startsWith("KMeansModel[k=2, d=2, n=8, sizes=[4, 4], inertia=4.0"),
        KMeans.k(2).fit(SQUARE).toString());
  }
}
