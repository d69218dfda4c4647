package io.github.clusterkit.hdbscan;

import static io.github.clusterkit.hdbscan.HdbscanHandTest.assertMessage;
import static io.github.clusterkit.hdbscan.HdbscanHandTest.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Placing new points in a fitted hierarchy ({@link HdbscanModel#membership(double[])}). */
class HdbscanPredictTest {

  /**
   * The hand case of {@link HdbscanHandTest#bridgeRowLeavesItsClusterEarly()}: rows 0, 1, 2 | 10, 11, 12 and 5,
   * minSamples 1 (a new point's core distance is its distance to the nearest row), minClusterSize 3. Row lambdas: 1
   * for the six, 1/3 for row 5 (index 6); A = {0, 1, 2, 5} and B were born at 1/5; the root's deepest lambda is 1.
   * Worked out by hand:
   * <ul>
   *   <li>0.5: rows 0 and 1 both at mutual reachability 0.5 and distance 0.5, the smaller index wins; lambda 2 is at
   *       least row 0's 1, so the point leaves A with row 0 at lambda 1: label 0, probability 1, score 0;
   *   <li>4 and 7: nearest row 5 (index 6) at 1 and 2; lambdas 1 and 1/2 are at least its 1/3: it leaves A with row 5
   *       at 1/3: label 0, probability 1/3, score 2/3;
   *   <li>30: nearest row 12 (index 5) at 18, lambda 1/18, below its 1; B was born at 1/5, above 1/18, so the point
   *       leaves the root: noise, probability 0, score (1 - 1/18) / 1.
   * </ul>
   */
  @Test
  void handCase() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(0, 1, 2, 10, 11, 12, 5));
    double third = 1.0 / 3.0;
    assertEquals(new HdbscanModel.Membership(0, 1.0, 0.0, 0), m.membership(new double[] {0.5}));
    assertEquals(new HdbscanModel.Membership(0, third, 1.0 - third, 6), m.membership(new double[] {4}));
    assertEquals(new HdbscanModel.Membership(0, third, 1.0 - third, 6), m.membership(new double[] {7}));
    assertEquals(new HdbscanModel.Membership(-1, 0.0, 1.0 - 1.0 / 18.0, 5), m.membership(new double[] {30}));
    assertEquals(1, m.predict(new double[] {11.2}));
    assertArrayEquals(new int[] {0, 0, 1, -1}, m.predict(column(0.5, 4, 11.2, 30)));
  }

  /**
   * The row through which a point joins is the brute-force minimum of the mutual reachability (the point's core
   * distance its minSamples-th nearest training row; ties to the nearer row, then the smaller index).
   */
  @Property(tries = 60)
  void nearestRowIsTheBruteForceMinimum(@ForAll long seed, @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d) {
    double[][] x = HdbscanPropertiesTest.data(seed, n, d);
    Hdbscan config = HdbscanPropertiesTest.config(seed, n);
    HdbscanModel m = config.fit(Dataset.of(x));
    Metric metric = config.metric();
    double[] core = m.coreDistances();
    Rng rng = new Rng(seed + 17);
    for (int t = 0; t < 10; t++) {
      double[] q = x[rng.nextInt(n)].clone();
      for (int j = 0; j < d; j++) {
        q[j] += rng.nextInt(3) == 0 ? 0 : rng.nextGaussian() * 0.5;
      }
      int best = joiningRow(x, q, core, metric, config.minSamples());
      HdbscanModel.Membership got = m.membership(q);
      assertEquals(best, got.nearestRow(), "nearest row of " + java.util.Arrays.toString(q));
      assertEquals(got.label(), m.predict(q));
      if (got.label() < 0) {
        assertEquals(0.0, got.probability(), 0.0);
      }
    }
  }

  /**
   * A training row given again joins through itself (or an identical earlier row) at its own core distance, so its
   * membership is its label, probability and outlier score, for any minSamples: predicting the training data gives
   * its labels.
   */
  @Property(tries = 60)
  void aTrainingRowGivenAgainIsThatRow(@ForAll long seed, @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d) {
    double[][] x = HdbscanPropertiesTest.data(seed, n, d);
    Hdbscan config = HdbscanPropertiesTest.optionsConfig(seed, n, x);
    HdbscanModel m = config.fit(Dataset.of(x));
    int[] labels = m.labels();
    double[] p = m.probabilities();
    double[] s = m.outlierScores();
    for (int r = 0; r < n; r++) {
      HdbscanModel.Membership got = m.membership(x[r]);
      // itself, or an equal row (-0.0 and 0.0 included)
      assertEquals(0.0, config.metric().distance(x[got.nearestRow()], x[r]), 0.0, "row " + r + " joins through itself");
      assertEquals(labels[r], got.label(), "label of row " + r);
      assertEquals(p[r], got.probability(), 0.0, "probability of row " + r);
      assertEquals(s[r], got.outlierScore(), 0.0, "score of row " + r);
    }
    assertArrayEquals(labels, m.predict(Dataset.of(x)));
    HdbscanModel.Membership[] all = m.memberships(Dataset.of(x));
    for (int r = 0; r < n; r++) {
      assertEquals(m.membership(x[r]), all[r], "memberships row " + r);
    }
  }

  /**
   * A point whose gap to a row squares to 0 (1e-300 beside row 0 of data near 1): the fit measures such gaps as 0
   * (squared distances underflow), and the search for the nearest row must agree with that measure. Each point leaves
   * with row 0 by hand, as the point 0.5 of {@link #handCase()}: with minSamples 1 its mutual reachability to row 0 is
   * at most 1e-300, lambda at least 1e300 is above row 0's 1; with minSamples 2 and row 0 doubled, rows 0 and 1 (both
   * 0, core distance 0) tie at the same distance, the smaller wins, and their lambda is 1 (the pair, smaller than
   * minClusterSize 3, leaves A = {0, 0, 1, 2} at weight 1, where A ends): label 0, probability 1, score 0. Before the
   * fix the search found no row (its radius query measured the true gap 1e-300 against a radius of 4.9e-324) and
   * failed with an ArrayIndexOutOfBoundsException.
   */
  @Test
  void aPointWithinAnUnderflowingGapOfARow() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(0, 1, 2, 10, 11, 12, 5));
    assertEquals(new HdbscanModel.Membership(0, 1.0, 0.0, 0), m.membership(new double[] {1e-300}));
    assertEquals(new HdbscanModel.Membership(0, 1.0, 0.0, 0), m.membership(new double[] {-1e-300}));
    HdbscanModel dup = Hdbscan.minClusterSize(3).minSamples(2).fit(column(0, 0, 1, 2, 10, 11, 12, 5));
    assertEquals(new HdbscanModel.Membership(0, 1.0, 0.0, 0), dup.membership(new double[] {1e-300}));
    HdbscanModel two = Hdbscan.minClusterSize(3).minSamples(1)
        .fit(Dataset.of(new double[][] {{0, 1}, {1, 1}, {2, 1}, {10, 1}, {11, 1}, {12, 1}, {5, 1}}));
    assertEquals(new HdbscanModel.Membership(1, 1.0, 0.0, 4), two.membership(new double[] {11, 1 + 0x1p-52}));
  }

  /**
   * Points so far from the data that squared distances overflow at the data's scale (1e160 from data near 1), or whose
   * coordinates overflow when scaled as the data were (1e300 beside data near 1e-250): the fit's rule still applies.
   * By hand for rows 0, 1, 2, 10, 11, 12, 5 (minSamples 2, minClusterSize 3; every core distance 1 but row 5's 3, so
   * the deepest lambda of the root's subtree is 1): every distance to the point rounds to the same value (the data
   * are below an ulp of it), so every row ties and row 0 is the nearest; the point's lambda (below 1e-160) is below
   * every cluster's birth, so it leaves the root: noise, probability 0, score (1 - lambda) / 1, which rounds to 1.
   * Before the fix the first threw "radius must be >= 0 and finite, got Infinity" and the second "query must be
   * finite, got Infinity at index 0", though the points are finite.
   */
  @Test
  void farPointsAreNoise() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(2).fit(column(0, 1, 2, 10, 11, 12, 5));
    HdbscanModel.Membership noise = new HdbscanModel.Membership(-1, 0.0, 1.0, 0);
    for (double q : new double[] {1e160, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE}) {
      assertEquals(noise, m.membership(new double[] {q}), "point " + q);
    }
    for (Metric metric : Metric.values()) {
      HdbscanModel tiny = Hdbscan.minClusterSize(3).minSamples(2).metric(metric)
          .fit(column(0, 1e-250, 2e-250, 10e-250, 11e-250, 12e-250, 5e-250));
      for (double q : new double[] {1e300, -1e300, Double.MAX_VALUE, 1e-100}) {
        assertEquals(noise, tiny.membership(new double[] {q}), metric + ", point " + q);
      }
      assertArrayEquals(new int[] {-1, -1}, tiny.predict(column(1e300, -Double.MAX_VALUE)));
    }
  }

  /**
   * Far points against a brute-force oracle in the data's units ({@link Metric#distance}, exact at any magnitude):
   * the nearest row is the row of smallest mutual reachability (ties to the smaller index), and a point beyond every
   * cluster's birth is noise with probability 0.
   */
  @Property(tries = 40)
  void farPointsMatchTheBruteForceRule(@ForAll long seed, @ForAll @IntRange(min = 3, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 0, max = 1020) int exponent) {
    double[][] x = HdbscanPropertiesTest.data(seed, n, d);
    Hdbscan config = HdbscanPropertiesTest.config(seed, n);
    HdbscanModel m = config.fit(Dataset.of(x));
    Metric metric = config.metric();
    double[] core = m.coreDistances();
    Rng rng = new Rng(seed + 23);
    for (int t = 0; t < 5; t++) {
      double[] q = new double[d];
      for (int j = 0; j < d; j++) {
        q[j] = Math.scalb(rng.nextGaussian(), exponent);
      }
      int best = joiningRow(x, q, core, metric, config.minSamples());
      HdbscanModel.Membership got = m.membership(q);
      String what = java.util.Arrays.toString(q);
      if (exponent >= 200) { // far beyond every weight of data within about 100 of the origin
        assertEquals(best, got.nearestRow(), "nearest row of " + what);
        assertEquals(-1, got.label(), what);
        assertEquals(0.0, got.probability(), 0.0, what);
      }
      assertTrue(got.probability() >= 0 && got.probability() <= 1, what);
      assertTrue(got.outlierScore() >= 0 && got.outlierScore() <= 1, what);
    }
  }

  @Test
  void refusesBadPoints() {
    HdbscanModel m = Hdbscan.minClusterSize(2).fit(Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 2}},
        List.of("a", "b")));
    assertMessage("point must not be null", () -> m.membership(null));
    assertMessage("point must have dimension 2 (the training data's), got 1", () -> m.predict(new double[] {1}));
    assertMessage("point must be finite, got NaN at index 1", () -> m.predict(new double[] {1, Double.NaN}));
    assertMessage("points must not be null", () -> m.predict((Dataset) null));
    assertEquals(3, m.predict(Dataset.of(new double[][] {{0, 0}, {1, 1}, {5, 5}})).length,
        "data without names is not checked");
  }

  /** Data near 1e250 are fitted scaled by a power of two; new points are scaled alike. */
  @Test
  void extremeMagnitudesPredictAsTheUnscaledData() {
    double[] v = {0, 1, 2, 10, 11, 12, 5};
    double[] big = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      big[i] = Math.scalb(v[i], 830);
    }
    HdbscanModel a = Hdbscan.minClusterSize(3).minSamples(1).fit(column(v));
    HdbscanModel b = Hdbscan.minClusterSize(3).minSamples(1).fit(column(big));
    for (double q : new double[] {0.5, 4, 7, 11.2, 30}) {
      assertEquals(a.membership(new double[] {q}), b.membership(new double[] {Math.scalb(q, 830)}), "point " + q);
    }
  }

  /**
   * The brute-force joining row of {@code q} in the data's units ({@link Metric#distance}, exact at any magnitude):
   * the point's core distance is its minSamples-th nearest training row, and the row of smallest mutual reachability
   * wins, ties to the nearer row, then the smaller index.
   */
  static int joiningRow(double[][] x, double[] q, double[] core, Metric metric, int k) {
    int n = x.length;
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      dist[i] = metric.distance(q, x[i]);
    }
    double[] sorted = dist.clone();
    java.util.Arrays.sort(sorted);
    double coreQ = sorted[k - 1];
    int best = -1;
    double bestMrd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double mrd = Math.max(Math.max(coreQ, core[i]), dist[i]);
      if (best < 0 || mrd < bestMrd || (mrd == bestMrd && dist[i] < dist[best])) {
        bestMrd = mrd;
        best = i;
      }
    }
    return best;
  }
}
