package io.github.clusterkit.kmedoids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Configuration, bad input, edge cases and the model's state. */
class KMedoidsApiTest {

  /** Two squares of four points, (0..1)^2 and (10..11)^2, and a point at (5, 5). */
  private static final double[][] ROWS = {
    {0, 0}, {0, 1}, {1, 0}, {1, 1}, {10, 10}, {10, 11}, {11, 10}, {11, 11}, {5, 5}
  };

  private static void fails(String message, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }

  @Test
  void badSettingsNameTheParameterTheRuleAndTheValue() {
    fails("k must be >= 1, got 0", () -> KMedoids.k(0));
    fails("k must be >= 1, got -3", () -> KMedoids.k(-3));
    fails("restarts must be >= 1, got 0", () -> KMedoids.k(2).restarts(0));
    fails("maxIterations must be >= 1, got 0", () -> KMedoids.k(2).maxIterations(0));
    fails("parallelism must be >= 1, got 0", () -> KMedoids.k(2).parallelism(0));
    fails("metric must not be null", () -> KMedoids.k(2).metric(null));
    fails("method must not be null", () -> KMedoids.k(2).method(null));
    fails("init must not be null", () -> KMedoids.k(2).init(null));
    fails("initialMedoids must not be null", () -> KMedoids.k(2).initialMedoids(null));
    fails("initialMedoids must have k = 2 entries, got 3", () -> KMedoids.k(2).initialMedoids(new int[] {0, 1, 2}));
    fails("initialMedoids must be row numbers >= 0, got -1 at index 1",
        () -> KMedoids.k(2).initialMedoids(new int[] {0, -1}));
    fails("initialMedoids must be distinct, got 4 at indices 0 and 2",
        () -> KMedoids.k(3).initialMedoids(new int[] {4, 1, 4}));
  }

  @Test
  void badDataAtFit() {
    Dataset x = Dataset.of(ROWS);
    fails("data must not be null", () -> KMedoids.k(2).fit(null));
    fails("k must be <= the number of rows (n = 9), got 10", () -> KMedoids.k(10).fit(x));
    fails("initialMedoids must be row numbers < n = 9, got 9 at index 1",
        () -> KMedoids.k(2).initialMedoids(new int[] {0, 9}).fit(x));
    // empty, ragged and non-finite data cannot become a Dataset (its own messages name the row and column)
    assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[0][]));
    assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1, Double.NaN}}));
    assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{Double.POSITIVE_INFINITY}}));
  }

  @Test
  void badMatrices() {
    KMedoids c = KMedoids.k(1);
    fails("matrix must not be null", () -> c.fitDissimilarities(null));
    fails("matrix must have at least one row, got 0 rows", () -> c.fitDissimilarities(new double[0][]));
    fails("matrix[1] must not be null", () -> c.fitDissimilarities(new double[][] {{0, 1}, null}));
    fails("matrix must be square (2 x 2), got row 1 of length 1",
        () -> c.fitDissimilarities(new double[][] {{0, 1}, {1}}));
    fails("matrix must hold finite values >= 0, got NaN at [0][1]",
        () -> c.fitDissimilarities(new double[][] {{0, Double.NaN}, {1, 0}}));
    fails("matrix must hold finite values >= 0, got -1.0 at [1][0]",
        () -> c.fitDissimilarities(new double[][] {{0, 1}, {-1, 0}}));
    fails("matrix must hold finite values >= 0, got Infinity at [0][1]",
        () -> c.fitDissimilarities(new double[][] {{0, Double.POSITIVE_INFINITY}, {1, 0}}));
    fails("matrix must have zeros on the diagonal, got 0.5 at [1][1]",
        () -> c.fitDissimilarities(new double[][] {{0, 1}, {1, 0.5}}));
    fails("matrix must be symmetric, got 1.0 at [0][1] and 2.0 at [1][0]",
        () -> c.fitDissimilarities(new double[][] {{0, 1}, {2, 0}}));
    fails("k must be <= the number of rows (n = 2), got 3",
        () -> KMedoids.k(3).fitDissimilarities(new double[][] {{0, 1}, {1, 0}}));
  }

  @Test
  void badPoints() {
    KMedoidsModel m = KMedoids.k(2).init(KMedoidsInit.BUILD).fit(Dataset.of(ROWS));
    fails("point must not be null", () -> m.predict((double[]) null));
    fails("point must have dimension 2 (the training data's), got 3", () -> m.predict(new double[] {1, 2, 3}));
    fails("point must be finite, got NaN at index 1", () -> m.predict(new double[] {1, Double.NaN}));
    fails("point must be finite, got Infinity at index 0",
        () -> m.transform(new double[] {Double.POSITIVE_INFINITY, 0}));
    fails("data must not be null", () -> m.predict((Dataset) null));
  }

  @Test
  void smallExampleByHand() {
    // The optimum for k = 2 (the smallest cost over all 36 pairs of rows, by brute force) has one medoid per square;
    // the swap methods reach it from BUILD, and every method puts each square in a cluster of its own.
    Dataset x = Dataset.of(ROWS);
    for (KMedoidsMethod method : KMedoidsMethod.values()) {
      KMedoidsModel m = KMedoids.k(2).method(method).init(KMedoidsInit.BUILD).fit(x);
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < 9; a++) {
        for (int b = a + 1; b < 9; b++) {
          best = Math.min(best, KMedoidsPropertiesTest.bruteCost(ROWS, new int[] {a, b}, Metric.EUCLIDEAN));
        }
      }
      if (method != KMedoidsMethod.ALTERNATE) {
        assertEquals(best, m.cost(), 1e-12, method.toString());
      }
      int[] sizes = m.clusterSizes();
      Arrays.sort(sizes);
      assertTrue(sizes[0] >= 4, method + " " + Arrays.toString(m.clusterSizes()));
    }
  }

  @Test
  void kEqualsNMakesEveryRowItsOwnMedoid() {
    Dataset x = Dataset.of(ROWS);
    for (KMedoidsMethod method : KMedoidsMethod.values()) {
      for (KMedoidsInit init : KMedoidsInit.values()) {
        KMedoidsModel m = KMedoids.k(9).method(method).init(init).fit(x);
        assertEquals(0.0, m.cost());
        int[] idx = m.medoidIndices();
        for (int i = 0; i < 9; i++) {
          assertEquals(i, idx[m.labels()[i]], "row " + i + " is its own medoid");
        }
        assertTrue(m.converged());
        assertEquals(0, m.swaps());
      }
    }
  }

  @Test
  void oneRowAndOneMedoid() {
    KMedoidsModel m = KMedoids.k(1).fit(Dataset.of(new double[][] {{3, 4}}));
    assertArrayEquals(new int[] {0}, m.medoidIndices());
    assertEquals(0.0, m.cost());
    assertArrayEquals(new double[] {5.0}, m.transform(new double[] {0, 0}), 0.0); // 3-4-5 triangle
    // k = 1: the medoid is the row of smallest total distance; for 0, 1, 2, 10 on a line that is 1 or 2, whose sums
    // are 1 + 1 + 9 = 11 and 2 + 1 + 8 = 11: a tie, resolved to the smaller row by BUILD and never swapped away
    Dataset line = Dataset.of(new double[][] {{0}, {1}, {2}, {10}});
    for (KMedoidsMethod method : KMedoidsMethod.values()) {
      KMedoidsModel one = KMedoids.k(1).method(method).init(KMedoidsInit.BUILD).fit(line);
      assertArrayEquals(new int[] {1}, one.medoidIndices(), method.toString());
      assertEquals(11.0, one.cost());
    }
  }

  @Test
  void fewerDistinctRowsThanK() {
    // three distinct values, five rows, k = 4: duplicates become medoids at cost 0, and a medoid's row equally near
    // a medoid of smaller label (its copy) takes that label, leaving its own cluster empty
    double[][] rows = {{1}, {1}, {2}, {3}, {3}};
    for (KMedoidsMethod method : KMedoidsMethod.values()) {
      for (int[] start : new int[][] {{0, 2, 3, 1}, {1, 0, 2, 3}}) {
        KMedoidsModel m = KMedoids.k(4).method(method).initialMedoids(start).fit(Dataset.of(rows));
        assertEquals(0.0, m.cost(), method.toString());
        int[] sizes = m.clusterSizes();
        assertEquals(5, Arrays.stream(sizes).sum());
        int[] idx = m.medoidIndices();
        int[] sorted = idx.clone();
        Arrays.sort(sorted);
        for (int j = 1; j < 4; j++) {
          assertNotEquals(sorted[j - 1], sorted[j], "distinct medoids");
        }
        for (int i = 0; i < 5; i++) {
          int label = m.labels()[i];
          assertEquals(rows[i][0], rows[idx[label]][0], 0.0);
          // the smallest label among medoids with this row's value
          for (int j = 0; j < label; j++) {
            assertNotEquals(rows[i][0], rows[idx[j]][0]);
          }
        }
      }
    }
    // with label order {0, 2, 3, 1}: medoid 3 (row 1) is a copy of medoid 0 (row 0), so cluster 3 is empty
    KMedoidsModel pam = KMedoids.k(4).method(KMedoidsMethod.PAM).initialMedoids(new int[] {0, 2, 3, 1})
        .fit(Dataset.of(rows));
    assertArrayEquals(new int[] {2, 1, 2, 0}, pam.clusterSizes());
  }

  @Test
  void constantColumnsChangeNothing() {
    double[][] wide = new double[ROWS.length][];
    for (int i = 0; i < ROWS.length; i++) {
      wide[i] = new double[] {7, ROWS[i][0], -2.5, ROWS[i][1], 7};
    }
    for (Metric metric : Metric.values()) {
      for (KMedoidsMethod method : KMedoidsMethod.values()) {
        KMedoids c = KMedoids.k(3).metric(metric).method(method).seed(3);
        KMedoidsModel a = c.fit(Dataset.of(ROWS));
        KMedoidsModel b = c.fit(Dataset.of(wide));
        assertArrayEquals(a.medoidIndices(), b.medoidIndices());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.cost(), b.cost(), 0.0);
      }
    }
  }

  @Test
  void identicalRowsOnly() {
    double[][] same = new double[50][];
    for (int i = 0; i < 50; i++) {
      same[i] = new double[] {2, -1};
    }
    for (KMedoidsMethod method : KMedoidsMethod.values()) {
      for (KMedoidsInit init : KMedoidsInit.values()) {
        KMedoidsModel m = KMedoids.k(5).method(method).init(init).seed(9).parallelism(2).fit(Dataset.of(same));
        assertEquals(0.0, m.cost());
        assertTrue(m.converged());
        assertEquals(0, m.swaps(), method + " " + init);
        // every row is equally near every medoid: label 0
        assertArrayEquals(new int[50], m.labels());
      }
    }
  }

  @Test
  void extremeMagnitudesAreScaledExactly() {
    // the rows times 2^700 (about 5e210): squared Euclidean distances would overflow; the fit scales by a power of
    // two, so the medoids and labels are those of the unscaled rows and the cost is theirs times 2^700
    double[][] big = new double[ROWS.length][];
    for (int i = 0; i < ROWS.length; i++) {
      big[i] = new double[] {Math.scalb(ROWS[i][0], 700), Math.scalb(ROWS[i][1], 700)};
    }
    KMedoids c = KMedoids.k(2).init(KMedoidsInit.BUILD);
    KMedoidsModel a = c.fit(Dataset.of(ROWS));
    KMedoidsModel b = c.fit(Dataset.of(big));
    assertArrayEquals(a.medoidIndices(), b.medoidIndices());
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(Math.scalb(a.cost(), 700), b.cost());
    assertEquals(a.labels()[8], b.predict(big[8]));
  }

  /**
   * A precomputed matrix of huge or tiny entries (the Manhattan distances of ROWS, small integers, times 2^600, about
   * 4e180, or 2^-700, about 2e-211) gives the medoids and labels of the unscaled matrix for every initialisation and
   * method, and its cost times the same power of two (exact: every entry is an integer times a power of two). Before
   * the matrix was scaled like rows, k-medoids++ squared the entries: at 2^600 the squares overflowed, every
   * candidate's sum was infinite, none was taken and the fit failed with ArrayIndexOutOfBoundsException (index -1);
   * at 2^-700 the squares underflowed to 0 and k-medoids++ took the first rows instead of drawing.
   */
  @Test
  void hugeAndTinyMatricesAreScaledExactly() {
    int n = ROWS.length;
    double[][] plain = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        plain[i][j] = Math.abs(ROWS[i][0] - ROWS[j][0]) + Math.abs(ROWS[i][1] - ROWS[j][1]);
      }
    }
    for (int e : new int[] {600, -700}) {
      double[][] scaled = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          scaled[i][j] = Math.scalb(plain[i][j], e);
        }
      }
      for (KMedoidsInit init : KMedoidsInit.values()) {
        for (KMedoidsMethod method : KMedoidsMethod.values()) {
          KMedoids c = KMedoids.k(3).init(init).method(method).seed(7).restarts(2);
          KMedoidsResult a = c.fitDissimilarities(plain);
          KMedoidsResult b = c.fitDissimilarities(scaled);
          String what = e + " " + init + " " + method;
          assertArrayEquals(a.medoidIndices(), b.medoidIndices(), what);
          assertArrayEquals(a.labels(), b.labels(), what);
          assertEquals(Math.scalb(a.cost(), e), b.cost(), what);
          assertEquals(a.swaps(), b.swaps(), what);
        }
      }
    }
  }

  /**
   * Two rows at -1.5e308 and 1.5e308, k = 1: the fit scales them by a power of two, and the cost scaled back, 3e308,
   * exceeds the double range (largest 1.797e308): +Infinity, as KMeansModel's inertia is then. fromState accepts it
   * (it refused it before, so such a model could not be rebuilt or saved) and the rebuilt model is equal.
   */
  @Test
  void anInfiniteCostSurvivesTheState() {
    KMedoidsModel m = KMedoids.k(1).init(KMedoidsInit.BUILD).fit(Dataset.of(new double[][] {{-1.5e308}, {1.5e308}}));
    assertEquals(Double.POSITIVE_INFINITY, m.cost());
    assertArrayEquals(new int[] {0}, m.medoidIndices()); // equal distance sums (the gap): BUILD's tie to row 0
    KMedoidsModel r = KMedoidsModel.fromState(m.state());
    assertEquals(m.state(), r.state());
    assertEquals(Double.POSITIVE_INFINITY, r.cost());
    assertArrayEquals(m.transform(new double[] {1e308}), r.transform(new double[] {1e308}), 0.0);
  }

  @Test
  void configurationEqualityAndToString() {
    KMedoids a = KMedoids.k(3).seed(5).metric(Metric.MANHATTAN);
    KMedoids b = KMedoids.k(3).metric(Metric.MANHATTAN).seed(5);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.parallelism(2));
    assertNotEquals(a, a.method(KMedoidsMethod.PAM));
    assertNotEquals(a, a.init(KMedoidsInit.BUILD));
    assertNotEquals(a, a.restarts(2));
    assertNotEquals(a, a.maxIterations(7));
    assertNotEquals(a, a.seed(6));
    assertNotEquals(a, a.metric(Metric.CHEBYSHEV));
    // under explicit medoids the init does not count
    assertEquals(a.initialMedoids(new int[] {0, 1, 2}), a.init(KMedoidsInit.BUILD).initialMedoids(new int[] {0, 1, 2}));
    assertNotEquals(a.initialMedoids(new int[] {0, 1, 2}), a.initialMedoids(new int[] {0, 2, 1}));
    assertEquals("KMedoids[k=3, seed=5, restarts=1, maxIterations=100, init=PLUS_PLUS, method=FASTER_PAM,"
        + " metric=MANHATTAN, parallelism=1]", a.toString());
    assertEquals("KMedoids[k=3, seed=5, restarts=1, maxIterations=100, init=explicit[0, 1, 2], method=FASTER_PAM,"
        + " metric=MANHATTAN, parallelism=1]", a.initialMedoids(new int[] {0, 1, 2}).toString());
    // init() clears explicit medoids
    assertEquals(null, a.initialMedoids(new int[] {0, 1, 2}).init(KMedoidsInit.RANDOM).initialMedoids());
  }

  @Test
  void maxIterationsStopsEarly() {
    // PAM makes at most one swap per iteration: from the worst start it needs more than one
    Dataset x = Dataset.of(ROWS);
    KMedoidsModel one = KMedoids.k(2).method(KMedoidsMethod.PAM).initialMedoids(new int[] {0, 1}).maxIterations(1)
        .fit(x);
    assertEquals(1, one.iterations());
    assertEquals(1, one.swaps());
    assertFalse(one.converged());
    KMedoidsModel all = KMedoids.k(2).method(KMedoidsMethod.PAM).initialMedoids(new int[] {0, 1}).fit(x);
    assertTrue(all.converged());
    assertTrue(all.cost() < one.cost());
    assertEquals(all.swaps() + 1, all.iterations());
  }

  @Test
  void stateRoundTripPredictsTheSame() {
    Dataset x = Dataset.of(ROWS, List.of("income", "score"));
    KMedoidsModel m = KMedoids.k(3).metric(Metric.MANHATTAN).seed(4).fit(x);
    KMedoidsModel.State s = m.state();
    KMedoidsModel r = KMedoidsModel.fromState(s);
    assertEquals(s, r.state());
    assertEquals(s.hashCode(), r.state().hashCode());
    assertEquals(m.toString(), r.toString());
    assertEquals(List.of("income", "score"), r.columnNames());
    assertEquals(Metric.MANHATTAN, r.metric());
    for (double[] p : new double[][] {{5, 5}, {0.5, 0.5}, {10.4, 11}, {-3, 20}}) {
      assertEquals(m.predict(p), r.predict(p));
      assertArrayEquals(m.transform(p), r.transform(p), 0.0);
    }
    ClusterModel cm = r;
    assertEquals(3, cm.clusterCount());
    assertEquals(2, cm.dimension());
  }

  @Test
  void stateRulesAreChecked() {
    KMedoidsModel m = KMedoids.k(2).init(KMedoidsInit.BUILD).fit(Dataset.of(ROWS));
    KMedoidsModel.State s = m.state();
    fails("state must not be null", () -> KMedoidsModel.fromState(null));
    fails("KMedoidsModel state: medoidIndices must be distinct, got 4 at indices 0 and 1",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), new int[] {4, 4},
            s.labels(), s.cost(), 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: medoidIndices[1] must be in 0..8 (n = 9), got 9",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), new int[] {4, 9},
            s.labels(), s.cost(), 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: cost must be >= 0 (or +Infinity, beyond the double range), got NaN",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(),
            s.labels(), Double.NaN, 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: cost must be >= 0 (or +Infinity, beyond the double range), got -Infinity",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(),
            s.labels(), Double.NEGATIVE_INFINITY, 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: cost must be >= 0 (or +Infinity, beyond the double range), got -0.5",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(),
            s.labels(), -0.5, 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: medoids must hold k * dimension values with k >= 1 and dimension = 2, got 3",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), new double[3], s.medoidIndices(),
            s.labels(), 1, 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    int[] bad = s.labels();
    bad[3] = 2;
    fails("KMedoidsModel state: labels[3] must be in 0..1 (k = 2), got 2",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(),
            bad, 1, 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    // the fit's medoids (asserted as the precondition) are rows 3, (1, 1), label 0, and 4, (10, 10), label 1: row 3
    // labelled 1 contradicts them, being at distance 0 from medoid 0 and farther from medoid 1 (no copies in ROWS)
    assertArrayEquals(new int[] {3, 4}, s.medoidIndices());
    int[] swapped = s.labels();
    swapped[3] = 1;
    fails("KMedoidsModel state: labels[3] must be <= 0 (row 3 is medoid 0), got 1",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(),
            swapped, 1, 1, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: iterations must be >= 1, got 0",
        () -> KMedoidsModel.fromState(new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(),
            s.labels(), 1, 0, 0, true, Metric.EUCLIDEAN, KMedoidsMethod.PAM)));
    fails("KMedoidsModel state: metric must not be null",
        () -> new KMedoidsModel.State(2, s.columnNames(), s.medoids(), s.medoidIndices(), s.labels(), 1, 1, 0, true,
            null, KMedoidsMethod.PAM));
  }
}
