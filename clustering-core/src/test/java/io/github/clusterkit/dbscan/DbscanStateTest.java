package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.function.UnaryOperator;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link DbscanModel#state()} and {@link DbscanModel#fromState}: exact rebuild and every validation rule. */
class DbscanStateTest {

  /** Two blobs of 4 points (eps 1, minPts 3: all core) plus a border point and a noise point. */
  static DbscanModel small(boolean starred) {
    double[][] x = {{0, 0}, {0, 0.5}, {0.5, 0}, {0.5, 0.5}, {5, 5}, {5, 5.5}, {5.5, 5}, {5.5, 5.5},
        {1.4, 0.5}, {20, 20}};
    return Dbscan.eps(1).minPts(4).borderPointsAsNoise(starred).fit(Dataset.of(x));
  }

  private static void assertRejected(String expected, DbscanModel.State s) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DbscanModel.fromState(s));
    assertTrue(e.getMessage().startsWith("DbscanModel state: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  /** A copy of {@code s} with some fields replaced. */
  private static DbscanModel.State with(DbscanModel.State s, double eps, int minPts, Dbscan.Search search,
      int dimension, int[] labels, boolean[] core, double[] points, boolean starred) {
    return new DbscanModel.State(eps, minPts, s.metric(), starred, search, dimension, labels, core, points);
  }

  private static DbscanModel.State labels(DbscanModel.State s, UnaryOperator<int[]> f) {
    return with(s, s.eps(), s.minPts(), s.search(), s.dimension(), f.apply(s.labels()), s.coreMask(),
        s.corePoints(), s.borderPointsAsNoise());
  }

  @Test
  void stateHoldsTheFit() {
    DbscanModel m = small(false);
    DbscanModel.State s = m.state();
    // Exact by hand: rows 0-3 and 4-7 are core (4 points within eps 1 of each, itself counted); row 8 is
    // within 1 of row 3 only (distance 0.9; row 2 is at sqrt(1.06)), a border point of cluster 0; row 9 is
    // noise.
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0, -1}, s.labels());
    assertArrayEquals(new boolean[] {true, true, true, true, true, true, true, true, false, false}, s.coreMask());
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 0.5, 0, 0.5, 0.5, 5, 5, 5, 5.5, 5.5, 5, 5.5, 5.5},
        s.corePoints());
    assertEquals(2, s.dimension());
    assertEquals(1.0, s.eps());
    assertEquals(4, s.minPts());
    assertEquals(Metric.EUCLIDEAN, s.metric());
    assertEquals(m.search(), s.search());
    assertEquals(s, m.state());
    assertEquals(s.hashCode(), m.state().hashCode());
    assertNotEquals(s, small(true).state());
  }

  @Test
  void stateIsACopy() {
    DbscanModel m = small(false);
    int[] labels = m.state().labels();
    labels[0] = 7;
    assertEquals(0, m.state().labels()[0]);
    DbscanModel.State s = m.state();
    int[] given = s.labels();
    DbscanModel.State t = labels(s, l -> given);
    given[0] = 5;
    assertEquals(0, t.labels()[0]);
  }

  /** Random fits: the rebuilt model has the same state, attributes and predictions, bit for bit. */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void rebuildPredictsExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = DbscanPropertiesTest.data(seed, n, d);
    Rng rng = new Rng(seed + 1);
    Dbscan config = Dbscan.eps(DbscanPropertiesTest.eps(seed, x)).minPts(1 + rng.nextInt(6))
        .metric(DbscanPropertiesTest.metric(seed)).borderPointsAsNoise(rng.nextInt(3) == 0);
    DbscanModel m = config.fit(Dataset.of(x));
    DbscanModel back = DbscanModel.fromState(m.state());
    assertEquals(m.state(), back.state());
    assertEquals(m.toString(), back.toString());
    assertEquals(m.clusterCount(), back.clusterCount());
    assertEquals(m.noiseCount(), back.noiseCount());
    assertEquals(m.coreCount(), back.coreCount());
    assertArrayEquals(m.clusterSizes(), back.clusterSizes());
    double[][] q = DbscanPropertiesTest.data(seed + 2, 40, d);
    for (double[] p : q) {
      assertEquals(m.assign(p), back.assign(p));
    }
    assertArrayEquals(m.predict(Dataset.of(x)), back.predict(Dataset.of(x)));
    // Predicting the training rows reproduces the stored labels (class contract), also after the rebuild.
    assertArrayEquals(m.labels(), back.predict(Dataset.of(x)));
  }

  @Test
  void oneRow() {
    DbscanModel m = Dbscan.eps(1).minPts(1).fit(Dataset.of(new double[][] {{3}}));
    DbscanModel back = DbscanModel.fromState(m.state());
    assertEquals(m.state(), back.state());
    assertEquals(0, back.predict(new double[] {3.5}));
    assertEquals(-1, back.predict(new double[] {4.5}));
  }

  @Test
  void allNoiseModel() {
    DbscanModel m = Dbscan.eps(0.1).minPts(3).fit(Dataset.of(new double[][] {{0, 0}, {1, 1}}));
    DbscanModel.State s = m.state();
    assertEquals(0, s.corePoints().length);
    DbscanModel back = DbscanModel.fromState(s);
    assertEquals(-1, back.predict(new double[] {0, 0}));
    assertEquals(Double.POSITIVE_INFINITY, back.assign(new double[] {0, 0}).distance());
  }

  @Test
  void rejectsBrokenStates() {
    DbscanModel.State s = small(false).state();
    assertThrows(IllegalArgumentException.class, () -> DbscanModel.fromState(null));
    assertRejected("eps must be > 0 and finite, got NaN", with(s, Double.NaN, 4, s.search(), 2, s.labels(),
        s.coreMask(), s.corePoints(), false));
    assertRejected("eps must be > 0 and finite, got Infinity", with(s, Double.POSITIVE_INFINITY, 4,
        s.search(), 2, s.labels(), s.coreMask(), s.corePoints(), false));
    assertRejected("eps must be > 0 and finite, got 0.0", with(s, 0, 4, s.search(), 2, s.labels(),
        s.coreMask(), s.corePoints(), false));
    assertRejected("minPts must be >= 1, got 0", with(s, 1, 0, s.search(), 2, s.labels(), s.coreMask(),
        s.corePoints(), false));
    assertRejected("search must be the search that ran", with(s, 1, 4, Dbscan.Search.AUTO, 2, s.labels(),
        s.coreMask(), s.corePoints(), false));
    assertRejected("dimension must be >= 1, got 0", with(s, 1, 4, s.search(), 0, s.labels(), s.coreMask(),
        new double[0], false));
    assertRejected("labels must hold at least one training row", with(s, 1, 4, s.search(), 2, new int[0],
        new boolean[0], new double[0], false));
    assertRejected("coreMask must have one flag per training row (10), got 9", with(s, 1, 4, s.search(), 2,
        s.labels(), java.util.Arrays.copyOf(s.coreMask(), 9), s.corePoints(), false));
    assertRejected("labels[9] must be -1 or a label in 0..2", labels(s, l -> {
      l[9] = 7;
      return l;
    }));
    assertRejected("labels[9] must be -1 or a label in 0..2", labels(s, l -> {
      l[9] = -2;
      return l;
    }));
    assertRejected("labels[0] must be -1 or a label in 0..0", labels(s, l -> {
      for (int i = 0; i < l.length; i++) {
        l[i] = l[i] < 0 ? -1 : 1 - l[i]; // clusters swapped: not numbered by first row
      }
      return l;
    }));
    assertRejected("row 4 is a core point but labelled -1", labels(s, l -> {
      l[4] = -1;
      return l;
    }));
    assertRejected("cluster 1 has no core point", labels(s, l -> {
      for (int i = 4; i < 8; i++) {
        l[i] = 0;
      }
      l[9] = 1;
      return l;
    }));
    assertRejected("row 8 is not a core point but has label 0; with borderPointsAsNoise", with(s, 1, 4,
        s.search(), 2, s.labels(), s.coreMask(), s.corePoints(), true));
    assertRejected("corePoints must hold coreCount * dimension = 8 * 2 = 16 values, got 15", with(s, 1, 4,
        s.search(), 2, s.labels(), s.coreMask(), java.util.Arrays.copyOf(s.corePoints(), 15), false));
    assertRejected("corePoints must hold coreCount * dimension = 8 * 3 = 24 values, got 16", with(s, 1, 4,
        s.search(), 3, s.labels(), s.coreMask(), s.corePoints(), false));
    double[] bad = s.corePoints();
    bad[5] = Double.NaN;
    assertRejected("corePoints must be finite, got NaN at core point 2, coordinate 1", with(s, 1, 4,
        s.search(), 2, s.labels(), s.coreMask(), bad, false));
    bad[5] = Double.NEGATIVE_INFINITY;
    assertRejected("corePoints must be finite, got -Infinity", with(s, 1, 4, s.search(), 2, s.labels(),
        s.coreMask(), bad, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DbscanModel.State(1, 4, null, false, Dbscan.Search.GRID, 2, new int[1], new boolean[1],
            new double[0]));
    assertTrue(e.getMessage().contains("metric must not be null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DbscanModel.State(1, 4, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2, null, new boolean[1],
            new double[0]));
    assertTrue(e.getMessage().contains("labels must not be null"), e.getMessage());
  }
}
