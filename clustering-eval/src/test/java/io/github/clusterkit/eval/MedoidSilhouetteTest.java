package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.testutil.SharedData;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link MedoidSilhouette}: exact rational values, reference values of
 * {@code tools/simplified_silhouette_reference.py} on shared data, a brute-force oracle, and its invariants.
 */
class MedoidSilhouetteTest {

  /** The definition, slow: sort the distances to every medoid, s = 1 - d1 / d2, 1 when d1 = 0. */
  static double[] oracle(double[][] x, double[][] medoids, Metric metric) {
    double[] s = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] ds = new double[medoids.length];
      for (int j = 0; j < ds.length; j++) {
        ds[j] = metric.distance(x[i], medoids[j]);
      }
      java.util.Arrays.sort(ds);
      s[i] = ds[0] == 0 ? 1 : 1 - ds[0] / ds[1];
    }
    return s;
  }

  private static double[][] rows(double[][] x, int[] r) {
    double[][] m = new double[r.length][];
    for (int j = 0; j < r.length; j++) {
      m[j] = x[r[j]].clone();
    }
    return m;
  }

  @Test
  void exactRationalValues() {
    // tools/simplified_silhouette_reference.py, case "exact": Manhattan distances in fractions.Fraction, medoid
    // rows [1, 4]: 5143/6720; rows [0, 3, 6]: 14171/20160.
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 2}, {6, 5}, {7, 7}, {9, 6}, {3, 3}, {4, 9}});
    MedoidSilhouette l1 = MedoidSilhouette.defaults().metric(Metric.MANHATTAN);
    assertEquals(5143.0 / 6720.0, l1.evaluate(data, new int[] {1, 4}).score(), 1e-15);
    assertEquals(14171.0 / 20160.0, l1.evaluate(data, new int[] {0, 3, 6}).score(), 1e-15);
    // by hand for rows [1, 4]: row 0 at (0, 0): d1 = 1 (medoid 0), d2 = 14, s = 13/14; the medoids score 1
    SilhouetteResult r = l1.evaluate(data, new int[] {1, 4});
    double[] s = r.samples();
    assertEquals(13.0 / 14.0, s[0], 1e-16);
    assertEquals(1.0, s[1], 0.0);
    assertEquals(1.0, s[4], 0.0);
    // labels: the nearest medoid's position; rows 0..2 and 6 go to medoid 0 (row 6 at (3, 3): 5 against 8)
    assertArrayEquals(new int[] {0, 1}, r.labels());
    assertArrayEquals(new int[] {4, 4}, r.clusterCounts());
  }

  @Test
  void hdbscanReferenceValues() {
    // tools/simplified_silhouette_reference.py, case "hdbscan" (numpy 1.24): medoid rows 0, 400, 800, 1200, 1600,
    // 2000 of benchmark/hdbscan.csv.
    SharedData.Labelled f = SharedData.benchmark("hdbscan.csv");
    Dataset data = Dataset.of(f.x);
    int[] meds = {0, 400, 800, 1200, 1600, 2000};
    assertEquals(0.43711731319443103, MedoidSilhouette.score(data, meds), 1e-13);
    assertEquals(0.43127655422432737,
        MedoidSilhouette.defaults().metric(Metric.MANHATTAN).evaluate(data, meds).score(), 1e-13);
    assertEquals(0.44187565792647565,
        MedoidSilhouette.defaults().metric(Metric.CHEBYSHEV).parallelism(2).evaluate(data, meds).score(), 1e-13);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void matchesTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 2, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 2, max = 8) int k,
      @ForAll boolean duplicates, @ForAll Metric metric) {
    double[][] x = Fixtures.points(seed, n, d, 3, duplicates);
    int[] perm = Fixtures.permutation(seed, n);
    int kk = Math.min(k, n);
    int[] meds = java.util.Arrays.copyOf(perm, kk);
    int[] before = meds.clone();
    Dataset data = Dataset.of(x);
    SilhouetteResult r = MedoidSilhouette.defaults().metric(metric).evaluate(data, meds);
    double[] expected = oracle(x, rows(x, meds), metric);
    double[] actual = r.samples();
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], actual[i], 1e-15, "row " + i);
      assertTrue(actual[i] >= 0 && actual[i] <= 1, "in [0, 1]");
    }
    for (int m : meds) {
      assertEquals(1.0, actual[m], 0.0, "a medoid scores 1");
    }
    assertEquals(BruteForce.mean(expected), r.score(), 1e-14);
    assertArrayEquals(before, meds, "medoid rows must not be modified");
    // the same medoids given as points: bit for bit
    double[][] points = rows(x, meds);
    SilhouetteResult byPoints = MedoidSilhouette.defaults().metric(metric).evaluate(data, points);
    assertArrayEquals(actual, byPoints.samples(), 0.0);
    assertEquals(r.score(), byPoints.score(), 0.0);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void invariantUnderMedoidOrderRowOrderAndThreads(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 2, max = 8) int k, @ForAll Metric metric,
      @ForAll @IntRange(min = 2, max = 4) int threads) {
    double[][] x = Fixtures.points(seed, n, d, 4, false);
    int[] perm = Fixtures.permutation(seed, n);
    int[] meds = java.util.Arrays.copyOf(perm, Math.min(k, n));
    Dataset data = Dataset.of(x);
    MedoidSilhouette one = MedoidSilhouette.defaults().metric(metric);
    SilhouetteResult base = one.evaluate(data, meds);
    SilhouetteResult many = one.parallelism(threads).evaluate(data, meds);
    assertArrayEquals(base.samples(), many.samples(), 0.0);
    assertEquals(base.score(), many.score(), 0.0);
    // medoids in reverse order: every row's value bit for bit
    int[] reversed = new int[meds.length];
    for (int j = 0; j < meds.length; j++) {
      reversed[j] = meds[meds.length - 1 - j];
    }
    assertArrayEquals(base.samples(), one.evaluate(data, reversed).samples(), 0.0);
    // rows reordered (medoids follow their rows): every row's value bit for bit, the mean to rounding
    double[][] px = new double[n][];
    int[] where = new int[n];
    for (int i = 0; i < n; i++) {
      px[i] = x[perm[i]];
      where[perm[i]] = i;
    }
    int[] pmeds = new int[meds.length];
    for (int j = 0; j < meds.length; j++) {
      pmeds[j] = where[meds[j]];
    }
    SilhouetteResult pr = one.evaluate(Dataset.of(px), pmeds);
    double[] ps = pr.samples();
    double[] bs = base.samples();
    for (int i = 0; i < n; i++) {
      assertEquals(bs[perm[i]], ps[i], 0.0, "row " + perm[i]);
    }
    assertEquals(base.score(), pr.score(), 1e-14);
  }

  @Test
  void kMedoidsModel() {
    SharedData.Labelled f = SharedData.elki("uebungsblatt-2d-mini.csv", 2);
    Dataset data = Dataset.of(f.x);
    for (Metric metric : new Metric[] {Metric.EUCLIDEAN, Metric.MANHATTAN}) {
      KMedoidsModel model = KMedoids.k(3).metric(metric).fit(data);
      double byModel = MedoidSilhouette.score(data, model);
      // the model's medoid rows and its metric give the same values, bit for bit
      SilhouetteResult byRows = MedoidSilhouette.defaults().metric(metric).evaluate(data, model.medoidIndices());
      assertEquals(byRows.score(), byModel, 0.0);
      SilhouetteResult r = MedoidSilhouette.defaults().metric(metric).evaluate(data, model);
      assertArrayEquals(byRows.samples(), r.samples(), 0.0);
      // the nearest medoids are the model's labels (ties to the smaller label in both)
      int[] counts = model.clusterSizes();
      assertArrayEquals(counts, r.clusterCounts());
      assertEquals(MedoidSilhouette.score(data, model),
          BruteForce.mean(oracle(f.x, model.medoids(), metric)), 1e-15);
      // a configuration with another metric than the model's is refused
      Metric other = metric == Metric.EUCLIDEAN ? Metric.CHEBYSHEV : Metric.EUCLIDEAN;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MedoidSilhouette.defaults().metric(other).evaluate(data, model));
      assertEquals("metric must be the model's (" + metric + "), got " + other
          + "; MedoidSilhouette.score(data, model) uses the model's", e.getMessage());
    }
    // new data of the model's dimension are scored against its medoids
    KMedoidsModel model = KMedoids.k(3).fit(data);
    Dataset fresh = Dataset.of(new double[][] {{0, 0}, {10, 10}, {5, 5}});
    assertEquals(BruteForce.mean(oracle(fresh.toRows(), model.medoids(), Metric.EUCLIDEAN)),
        MedoidSilhouette.score(fresh, model), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MedoidSilhouette.score(Dataset.of(new double[][] {{1}, {2}}), model));
    assertEquals("data must have dimension 2 like the medoids, got 1", e.getMessage());
    KMedoidsModel named = KMedoids.k(2).fit(data.withColumnNames(List.of("x", "y")));
    e = assertThrows(IllegalArgumentException.class,
        () -> MedoidSilhouette.score(data.withColumnNames(List.of("y", "x")), named));
    assertTrue(e.getMessage().startsWith("data's columns must match the columns the model was fitted on"),
        e.getMessage());
    KMedoidsModel single = KMedoids.k(1).fit(data);
    e = assertThrows(IllegalArgumentException.class, () -> MedoidSilhouette.score(data, single));
    assertEquals("model medoids must number at least 2 (the medoid silhouette needs a second nearest medoid),"
        + " got 1", e.getMessage());
  }

  @Test
  void edgeCases() {
    // two medoids at the same place: the rows there score 1 (0 / 0 taken as 0, as the kmedoids package), the
    // others 1 - d / d = 0; the second medoid is nearest to no row and has no label in the result
    Dataset data = Dataset.of(new double[][] {{0, 0}, {3, 4}, {0, 0}});
    SilhouetteResult r = MedoidSilhouette.defaults().evaluate(data, new int[] {0, 2});
    assertArrayEquals(new double[] {1, 0, 1}, r.samples(), 0.0);
    assertArrayEquals(new int[] {0}, r.labels());
    // medoids as points that are not rows; the point (1.5, 2) is halfway: 1 - 2.5 / 2.5 = 0
    r = MedoidSilhouette.defaults().evaluate(data, new double[][] {{0, 0}, {3, 4}});
    assertArrayEquals(new double[] {1, 1, 1}, r.samples(), 0.0);
    r = MedoidSilhouette.defaults().evaluate(Dataset.of(new double[][] {{1.5, 2}, {0, 1}}),
        new double[][] {{0, 0}, {3, 4}});
    // row 1 at (0, 1): d1 = 1, d2 = sqrt(9 + 9) = sqrt(18)
    assertArrayEquals(new double[] {0, 1 - 1 / Math.sqrt(18)}, r.samples(), 1e-16);
    // data too large for squares: the values of the data scaled down by a power of two (exact)
    double[][] big = {{1e300, 0}, {1.5e300, 1e300}, {-1e300, -1e300}, {-1.2e300, -0.9e300}};
    double[][] small = new double[4][];
    for (int i = 0; i < 4; i++) {
      small[i] = new double[] {Math.scalb(big[i][0], -900), Math.scalb(big[i][1], -900)};
    }
    int[] meds = {0, 2};
    assertArrayEquals(MedoidSilhouette.defaults().evaluate(Dataset.of(small), meds).samples(),
        MedoidSilhouette.defaults().evaluate(Dataset.of(big), meds).samples(), 0.0);
  }

  @Test
  void badInput() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {5, 5}});
    MedoidSilhouette m = MedoidSilhouette.defaults();
    assertMessage("medoidRows must number at least 2 (the medoid silhouette needs a second nearest medoid), got 1",
        () -> m.evaluate(data, new int[] {0}));
    assertMessage("medoidRows must be row numbers in [0, 3), got 3 at position 1",
        () -> m.evaluate(data, new int[] {0, 3}));
    assertMessage("medoidRows must be row numbers in [0, 3), got -1 at position 0",
        () -> m.evaluate(data, new int[] {-1, 0}));
    assertMessage("medoidRows must be distinct, got row 1 twice", () -> m.evaluate(data, new int[] {1, 2, 1}));
    assertMessage("medoidRows must not be null", () -> m.evaluate(data, (int[]) null));
    assertMessage("medoids must not be null", () -> m.evaluate(data, (double[][]) null));
    assertMessage("data must not be null", () -> m.evaluate(null, new int[] {0, 1}));
    assertMessage("model must not be null", () -> MedoidSilhouette.score(data, (KMedoidsModel) null));
    assertMessage("medoids must number at least 2 (the medoid silhouette needs a second nearest medoid), got 1",
        () -> m.evaluate(data, new double[][] {{0, 0}}));
    assertMessage("medoids must have the data's dimension 2, got length 3 at medoid 1",
        () -> m.evaluate(data, new double[][] {{0, 0}, {1, 2, 3}}));
    assertMessage("medoids must not hold null, got null at medoid 0",
        () -> m.evaluate(data, new double[][] {null, {1, 2}}));
    assertMessage("medoids must be finite, got NaN at medoid 1, column 0",
        () -> m.evaluate(data, new double[][] {{0, 0}, {Double.NaN, 2}}));
    assertMessage("metric must not be null", () -> m.metric(null));
    assertMessage("parallelism must be >= 1, got 0", () -> m.parallelism(0));
    // the caller's medoid points are not modified
    double[][] pts = {{0, 0}, {5, 5}};
    m.evaluate(data, pts);
    assertArrayEquals(new double[] {5, 5}, pts[1], 0.0);
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
