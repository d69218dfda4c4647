package io.github.clusterkit.outlier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.internal.LofKernel;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The API: argument checks, copies, duplicates and constant columns, state, configuration values. */
class LofApiTest {

  private static Dataset blobs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {r.nextGaussian() + (i % 3) * 6, r.nextGaussian()};
    }
    return Dataset.of(rows);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void badConfigurationsNameParameterRuleAndValue() {
    assertEquals("k must be >= 1, got 0", message(() -> LocalOutlierFactor.k(0)));
    assertEquals("k must be >= 1, got -3", message(() -> LocalOutlierFactor.k(5).withK(-3)));
    for (double c : new double[] {0, -0.1, 0.50001, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals("contamination must be in (0, 0.5], got " + c,
          message(() -> LocalOutlierFactor.k(5).contamination(c)));
    }
    assertEquals("parallelism must be >= 1, got 0", message(() -> LocalOutlierFactor.k(5).parallelism(0)));
    assertEquals("metric must not be null", message(() -> LocalOutlierFactor.k(5).metric(null)));
  }

  @Test
  void badDataIsRefused() {
    LocalOutlierFactor lof = LocalOutlierFactor.k(5);
    assertEquals("data must not be null", message(() -> lof.fit(null)));
    assertEquals("k must be < the number of rows n = 5 (a row's neighbours are the other rows), got k = 5",
        message(() -> lof.fit(blobs(5, 1))));
    assertTrue(message(() -> LocalOutlierFactor.k(20).fit(blobs(7, 1))).contains("n = 7"));
    // empty data never reaches the fit: a Dataset has at least one row
    assertEquals("n must be >= 1, got 0", message(() -> lof.fit(Dataset.wrap(new double[0], 0, 2))));
    assertEquals("k must be < the number of rows n = 1 (a row's neighbours are the other rows), got k = 1",
        message(() -> LocalOutlierFactor.k(1).fit(Dataset.of(new double[][] {{3}}))));
    assertTrue(message(() -> lof.fit(Dataset.of(new double[][] {{1e151}, {0}, {1}, {2}, {3}, {4}})))
        .startsWith("data must have values of magnitude below 2^500"));
    // every row's k neighbours in one array: n k must fit (46342 * 46341 = 2147534622 > 2^31 - 9)
    assertEquals("n * k must be at most 2^31 - 9 (one array holds every row's k neighbours), got n = 46342,"
        + " k = 46341", message(() -> LocalOutlierFactor.k(46341).fit(Dataset.wrap(new double[46342], 46342, 1))));
    // NaN and infinities never reach the fit: a Dataset refuses them
    assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1, Double.NaN}}));
    LofModel m = lof.fit(blobs(40, 2));
    assertEquals("point must have dimension 2 (the training data's), got 3", message(() -> m.score(new double[3])));
    assertEquals("point must be finite, got NaN at index 1", message(() -> m.score(new double[] {0, Double.NaN})));
    assertEquals("point must not be null", message(() -> m.isOutlier((double[]) null)));
    assertTrue(message(() -> m.score(new double[] {0, -1e200})).startsWith("point must have values of magnitude"));
    assertEquals("data must have dimension 2 (the training data's), got 1",
        message(() -> m.score(Dataset.of(new double[][] {{1}}))));
    assertEquals("data must not be null", message(() -> m.score((Dataset) null)));
  }

  @Test
  void namedColumnsMustMatch() {
    Dataset x = blobs(30, 3).withColumnNames(List.of("a", "b"));
    LofModel m = LocalOutlierFactor.k(4).fit(x);
    assertEquals(List.of("a", "b"), m.columnNames());
    assertTrue(message(() -> m.score(blobs(3, 4).withColumnNames(List.of("a", "c")))).contains("fitted on [a, b]"));
    assertEquals(3, m.score(blobs(3, 4)).length); // unnamed data is accepted
  }

  /**
   * 30 exact copies of one point, k = 5: every copy's neighbours are copies at distance 0, so its mean reachability
   * distance is 0, its density {@code 1 / 1e-10} (finite thanks to scikit-learn's 1e-10) and its LOF exactly 1.
   */
  @Test
  void copiesHaveFiniteDensityAndLofOne() {
    double[][] rows = new double[45][];
    for (int i = 0; i < 30; i++) {
      rows[i] = new double[] {2, 3};
    }
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 30; i < 45; i++) {
      rows[i] = new double[] {10 + r.nextGaussian(), r.nextGaussian()};
    }
    LofModel m = LocalOutlierFactor.k(5).fit(Dataset.of(rows));
    for (int i = 0; i < 30; i++) {
      assertEquals(0.0, m.kDistances()[i]);
      assertEquals(1.0 / 1e-10, m.localReachabilityDensities()[i]);
      assertEquals(1.0, m.scores()[i]);
    }
    assertEquals(1.0, m.score(new double[] {2, 3}));
    // all rows copies of one point: every LOF 1, nothing an outlier
    double[][] same = new double[12][];
    Arrays.fill(same, new double[] {-1, 4, 0});
    LofModel all = LocalOutlierFactor.k(11).fit(Dataset.of(same));
    for (double s : all.scores()) {
      assertEquals(1.0, s);
    }
    assertEquals(0, all.outliers().length);
  }

  /**
   * Distances whose squares underflow: scikit-learn 1.2.1's k-d tree squares the differences unscaled, so
   * LocalOutlierFactor(n_neighbors=1, algorithm="kd_tree").fit([[0], [1e-200], [3e-200], [7e-200]]) has
   * _distances_fit_X_ [0, 0, 0, 0] (metric="manhattan": [1e-200, 1e-200, 2e-200, 4e-200]); here the tree rescales and
   * the Euclidean k-distances are the exact differences, as the class description says. The scores agree (all 1:
   * the 1e-10 term dominates such distances).
   */
  @Test
  void distancesWhoseSquaresUnderflowAreExact() {
    double[][] rows = {{0}, {1e-200}, {3e-200}, {7e-200}};
    double[] exact = {1e-200, 1e-200, 3e-200 - 1e-200, 7e-200 - 3e-200};
    for (Metric metric : Metric.values()) {
      LofModel m = LocalOutlierFactor.k(1).metric(metric).fit(Dataset.of(rows));
      assertArrayEquals(exact, m.kDistances(), 0.0, metric.toString());
      assertArrayEquals(new double[] {1, 1, 1, 1}, m.scores(), 0.0, metric.toString());
    }
  }

  /** A constant column adds exactly 0 to every distance: the same results as without it, under every metric. */
  @Test
  void constantColumnChangesNothing() {
    Dataset x = blobs(80, 5);
    double[][] wide = new double[80][];
    for (int i = 0; i < 80; i++) {
      wide[i] = new double[] {x.get(i, 0), 7.25, x.get(i, 1)};
    }
    for (Metric metric : Metric.values()) {
      LofModel a = LocalOutlierFactor.k(7).metric(metric).fit(x);
      LofModel b = LocalOutlierFactor.k(7).metric(metric).fit(Dataset.of(wide));
      assertArrayEquals(a.scores(), b.scores(), 0.0);
      assertEquals(a.score(new double[] {1, 2}), b.score(new double[] {1, 7.25, 2}), 0.0);
    }
  }

  /** On a shuffled integer grid (ties everywhere) the fit is the brute-force definition with the lower-index rule. */
  @Test
  void gridWithTiesFollowsTheDocumentedRule() {
    double[][] g = new double[64][];
    for (int i = 0; i < 64; i++) {
      g[(i * 29) % 64] = new double[] {i / 8, i % 8};
    }
    Dataset x = Dataset.of(g);
    for (int k : new int[] {1, 3, 4, 8, 12}) {
      LofModel m = LocalOutlierFactor.k(k).fit(x);
      LofOracle o = new LofOracle(x.toArray(), 64, 2, k, Metric.EUCLIDEAN);
      assertArrayEquals(o.scores, m.scores(), 0.0, "k=" + k);
      assertArrayEquals(o.kdist, m.kDistances(), 0.0, "k=" + k);
    }
    // k = 4 on the grid: interior rows have 4 neighbours at distance 1, so k-distance 1
    LofModel m = LocalOutlierFactor.k(4).fit(x);
    assertEquals(1.0, m.kDistances()[(9 * 29) % 64]);
  }

  @Test
  void outliersAreTheRowsAboveTheThreshold() {
    double[][] rows = blobs(90, 6).toRows();
    rows[17] = new double[] {40, 40};
    rows[60] = new double[] {-30, 25};
    LofModel m = LocalOutlierFactor.k(10).fit(Dataset.of(rows));
    assertEquals(1.5, m.threshold());
    assertEquals(OptionalDouble.empty(), m.contamination());
    int[] out = m.outliers();
    assertTrue(Arrays.binarySearch(out, 17) >= 0 && Arrays.binarySearch(out, 60) >= 0);
    double[] s = m.scores();
    for (int i = 0; i < s.length; i++) {
      assertEquals(s[i] > 1.5, Arrays.binarySearch(out, i) >= 0);
    }
    assertTrue(m.isOutlier(new double[] {50, -50}));
    assertFalse(m.isOutlier(rows[0]));
    // contamination 0.5: about half the rows (numpy's percentile interpolates between two scores)
    LofModel half = LocalOutlierFactor.k(10).contamination(0.5).fit(Dataset.of(rows));
    assertEquals(45, half.outliers().length);
    assertEquals(OptionalDouble.of(0.5), half.contamination());
  }

  @Test
  void arraysAreCopiesAndInputIsUntouched() {
    double[] raw = blobs(50, 7).toArray();
    double[] keep = raw.clone();
    LofModel m = LocalOutlierFactor.k(6).fit(Dataset.wrap(raw, 50, 2));
    assertArrayEquals(keep, raw);
    double[] s = m.scores();
    s[0] = -1;
    m.kDistances()[0] = -1;
    m.localReachabilityDensities()[0] = -1;
    assertNotEquals(-1, m.scores()[0]);
    assertNotEquals(-1, m.kDistances()[0]);
    assertNotEquals(-1, m.localReachabilityDensities()[0]);
    double[] p = {0.5, 0.25};
    m.score(p);
    assertArrayEquals(new double[] {0.5, 0.25}, p);
    assertEquals(50, m.rows());
    assertEquals(2, m.dimension());
    assertEquals(6, m.k());
  }

  @Test
  void stateRoundTripsAndRefusesInconsistentValues() {
    LofModel m = LocalOutlierFactor.k(6).metric(Metric.MANHATTAN).contamination(0.1).fit(blobs(60, 8));
    LofModel.State s = m.state();
    LofModel back = LofModel.fromState(s);
    assertEquals(s, back.state());
    assertEquals(s.hashCode(), back.state().hashCode());
    assertArrayEquals(m.scores(), back.scores(), 0.0);
    assertEquals(m.score(new double[] {1, 1}), back.score(new double[] {1, 1}), 0.0);

    double[] scores = s.scores();
    scores[13] = Math.nextUp(scores[13]);
    String msg = message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.MANHATTAN,
        s.contamination(), s.data(), s.kDistances(), s.localReachabilityDensities(), scores, s.threshold())));
    assertTrue(msg.startsWith("LofModel state: scores[13] must be what a fit of the rows gives"), msg);
    double[] data = s.data();
    data[5] += 0.5;
    msg = message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.MANHATTAN,
        s.contamination(), data, s.kDistances(), s.localReachabilityDensities(), s.scores(), s.threshold())));
    assertTrue(msg.startsWith("LofModel state: kDistances["), msg);
    msg = message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.EUCLIDEAN,
        s.contamination(), s.data(), s.kDistances(), s.localReachabilityDensities(), s.scores(), s.threshold())));
    assertTrue(msg.contains("must be what a fit of the rows gives"), msg);
    msg = message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.MANHATTAN,
        OptionalDouble.empty(), s.data(), s.kDistances(), s.localReachabilityDensities(), s.scores(),
        s.threshold())));
    assertTrue(msg.startsWith("LofModel state: threshold must be the fit's 1.5 (for contamination auto)"), msg);
    assertEquals("LofModel state: contamination must be in (0, 0.5], got 0.7",
        message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.MANHATTAN,
            OptionalDouble.of(0.7), s.data(), s.kDistances(), s.localReachabilityDensities(), s.scores(),
            s.threshold()))));
    assertEquals("LofModel state: data must hold more than k = 60 rows, got 60",
        message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 60, Metric.MANHATTAN,
            s.contamination(), s.data(), s.kDistances(), s.localReachabilityDensities(), s.scores(),
            s.threshold()))));
    assertEquals("LofModel state: scores must hold one value per row (n = 60), got 2",
        message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.MANHATTAN,
            s.contamination(), s.data(), s.kDistances(), s.localReachabilityDensities(), new double[2],
            s.threshold()))));
    assertEquals("LofModel state: data must hold n * dimension values (dimension = 2), got 3",
        message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 6, Metric.MANHATTAN,
            s.contamination(), new double[3], s.kDistances(), s.localReachabilityDensities(), s.scores(),
            s.threshold()))));
    assertEquals("LofModel state: k must be >= 1, got 0",
        message(() -> LofModel.fromState(new LofModel.State(2, s.columnNames(), 0, Metric.MANHATTAN,
            s.contamination(), s.data(), s.kDistances(), s.localReachabilityDensities(), s.scores(),
            s.threshold()))));
    assertEquals("LofModel state: metric must not be null",
        message(() -> new LofModel.State(2, s.columnNames(), 6, null, s.contamination(), s.data(), s.kDistances(),
            s.localReachabilityDensities(), s.scores(), s.threshold())));
    assertEquals("state must not be null", message(() -> LofModel.fromState(null)));
  }

  @Test
  void configurationValues() {
    LocalOutlierFactor a = LocalOutlierFactor.k(20);
    assertEquals(20, a.k());
    assertEquals(Metric.EUCLIDEAN, a.metric());
    assertEquals(OptionalDouble.empty(), a.contamination());
    assertEquals(1, a.parallelism());
    LocalOutlierFactor b = a.contamination(0.2).parallelism(3).metric(Metric.CHEBYSHEV).withK(7);
    assertEquals(OptionalDouble.of(0.2), b.contamination());
    assertEquals("LocalOutlierFactor[k=7, metric=CHEBYSHEV, contamination=0.2, parallelism=3]", b.toString());
    assertEquals(b, LocalOutlierFactor.k(7).metric(Metric.CHEBYSHEV).parallelism(3).contamination(0.2));
    assertEquals(b.hashCode(),
        LocalOutlierFactor.k(7).metric(Metric.CHEBYSHEV).parallelism(3).contamination(0.2).hashCode());
    assertNotEquals(b, b.contaminationAuto());
    assertEquals("LocalOutlierFactor[k=20, metric=EUCLIDEAN, contamination=auto, parallelism=1]", a.toString());
    assertEquals(LofKernel.EPSILON, 1e-10);
  }
}
