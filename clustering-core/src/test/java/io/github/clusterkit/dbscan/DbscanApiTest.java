package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The issue's API, bad input, copies, edge cases, DBSCAN*, assign and the k-distance helper. */
class DbscanApiTest {

  // two groups on a line: 0,1,2,3 (spacing 1) and 10,11,12 (spacing 1), and an outlier at 30
  private static final double[][] LINE = {{0}, {1}, {2}, {3}, {10}, {11}, {12}, {30}};

  @Test
  void issueExampleCompilesAndBehaves() {
    double[][] rows = {{0.0, 0.0}, {0.1, 0.0}, {0.0, 0.1}, {0.1, 0.1}, {5, 5}};
    Dataset data = Dataset.of(rows);
    DbscanModel m = Dbscan.eps(0.3).minPts(4).fit(data);
    int[] labels = m.labels();
    boolean[] core = m.coreMask();
    int k = m.clusterCount();
    int noise = m.noiseCount();
    int label = m.predict(new double[] {0.1, 0.2});
    // exact: the four corners of a 0.1 square are pairwise <= 0.1*sqrt(2) <= 0.3, (5,5) is far away
    assertArrayEquals(new int[] {0, 0, 0, 0, -1}, labels);
    assertArrayEquals(new boolean[] {true, true, true, true, false}, core);
    assertEquals(1, k);
    assertEquals(1, noise);
    assertEquals(0, label); // (0.1,0.2) is 0.1 from core (0.1,0.1)
    assertEquals(-1, m.predict(new double[] {2, 2}));
  }

  @Test
  void minPtsCountsThePointItself() {
    // exact: with eps 1 the points 0..3 have neighbourhoods {0,1}, {0,1,2}, {1,2,3}, {2,3}
    DbscanModel m = Dbscan.eps(1).minPts(3).fit(Dataset.of(LINE));
    assertArrayEquals(new boolean[] {false, true, true, false, false, true, false, false}, m.coreMask());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, -1}, m.labels());
    assertArrayEquals(new int[] {4, 3}, m.clusterSizes());
    // minPts 1: every point is core, each connected run of spacing <= eps is a cluster
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 2}, Dbscan.eps(1).minPts(1).fit(Dataset.of(LINE)).labels());
  }

  @Test
  void dbscanStarMakesBorderPointsNoise() {
    DbscanModel m = Dbscan.eps(1).minPts(3).borderPointsAsNoise(true).fit(Dataset.of(LINE));
    // the same core points as above; the border points 0, 3, 4, 6 become noise
    assertArrayEquals(new int[] {-1, 0, 0, -1, -1, 1, -1, -1}, m.labels());
    assertEquals(5, m.noiseCount());
    Assignment a = m.assign(new double[] {0.5});
    assertEquals(Assignment.Kind.BORDER, a.kind()); // one core point (1) within 1, fewer than minPts - 1 = 2
    assertEquals(-1, a.label());
    assertEquals(0.5, a.distance(), 0);
  }

  @Test
  void borderPointsJoinTheirNearestCoreAndTiesGoToTheSmallerLabel() {
    // exact, eps 1, minPts 3: cores 1,2,3 and 7,8,9; 0 and 4 are 1 from a core of the first cluster, 6 and 10
    // 1 from a core of the second
    double[][] y = {{0}, {1}, {2}, {3}, {4}, {6}, {7}, {8}, {9}, {10}};
    DbscanModel t = Dbscan.eps(1).minPts(3).fit(Dataset.of(y));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, t.labels());
    // 5 has only the border points 4 and 6 within eps: noise
    assertEquals(-1, t.predict(new double[] {5}));
    // exact, eps 0.5, minPts 4: (0,0) and (2,0) are core with their three satellites at 0.5; (1,0) has no
    // point within 0.5 and is noise
    double[][] z = {{0, 0}, {0, 0.5}, {0, -0.5}, {-0.5, 0}, {1, 0}, {2, 0}, {2, 0.5}, {2, -0.5}, {2.5, 0}};
    DbscanModel u = Dbscan.eps(0.5).minPts(4).fit(Dataset.of(z));
    assertArrayEquals(new int[] {0, 0, 0, 0, -1, 1, 1, 1, 1}, u.labels());
    // eps 1: (1,0) sees (0,0), (2,0) and itself, 3 < 4, so it is a border point exactly 1 from a core of
    // each cluster (which are 2 apart): the tie goes to the smaller label
    DbscanModel v = Dbscan.eps(1).minPts(4).fit(Dataset.of(z));
    assertEquals(2, v.clusterCount());
    assertEquals(0, v.labels()[4]);
    assertEquals(Assignment.Kind.BORDER, v.assign(new double[] {1, 0}).kind());
    assertEquals(0, v.predict(new double[] {1, 0}));
  }

  @Test
  void assignReportsKindAndDistance() {
    DbscanModel m = Dbscan.eps(1).minPts(3).fit(Dataset.of(LINE));
    Assignment core = m.assign(new double[] {1.5});
    // cores 1 and 2 within 1 (2 >= minPts - 1): core-like, nearest core at 0.5, ties -> label 0
    assertEquals(Assignment.Kind.CORE_LIKE, core.kind());
    assertEquals(0, core.label());
    assertEquals(0.5, core.distance(), 0);
    Assignment noise = m.assign(new double[] {20});
    assertEquals(Assignment.Kind.NOISE, noise.kind());
    assertEquals(-1, noise.label());
    assertEquals(9.0, noise.distance(), 0); // nearest core is 11
    Assignment nothing = Dbscan.eps(0.5).minPts(2).fit(Dataset.of(LINE)).assign(new double[] {0});
    assertEquals(Double.POSITIVE_INFINITY, nothing.distance());
    assertArrayEquals(new int[] {0, -1}, m.predict(Dataset.of(new double[][] {{2.5}, {40}})));
  }

  /**
   * predict and assign check the point themselves, with the documented messages, for a model with core points and
   * for one without (which answers noise without a search); the point is left as given.
   */
  @Test
  void pointChecksNameTheRuleAndTheValue() {
    DbscanModel cores = Dbscan.eps(1.5).minPts(2).fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}}));
    DbscanModel none = Dbscan.eps(0.5).minPts(3).fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}}));
    assertEquals(0, none.coreCount());
    for (DbscanModel m : new DbscanModel[] {cores, none}) {
      double[] nan = {0, Double.NaN};
      double[] inf = {Double.NEGATIVE_INFINITY, 0};
      String[] messages = {
          "point must not be null",
          "point must have dimension 2 (the training data's), got 3",
          "point must be finite, got NaN at index 1",
          "point must be finite, got -Infinity at index 0"};
      double[][] points = {null, {1, 2, 3}, nan, inf};
      for (int p = 0; p < points.length; p++) {
        double[] q = points[p];
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> m.assign(q));
        assertEquals(messages[p], a.getMessage(), "assign");
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> m.predict(q));
        assertEquals(messages[p], b.getMessage(), "predict");
      }
      assertTrue(Double.isNaN(nan[1]) && nan[0] == 0);
    }
  }

  @Test
  void minPtsOneAssignsFarPointsAsNoise() {
    // Assignment.Kind, documented rule: CORE_LIKE needs a core point within eps; with minPts = 1 a point with
    // none (it would start a new cluster of its own if added) is NOISE with label -1, standard or DBSCAN*.
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}});
    for (boolean star : new boolean[] {false, true}) {
      DbscanModel m = Dbscan.eps(1.5).minPts(1).borderPointsAsNoise(star).fit(x);
      assertArrayEquals(new int[] {0, 0, 1}, m.labels()); // minPts = 1: every row is core
      Assignment far = m.assign(new double[] {50, 50});
      assertEquals(Assignment.Kind.NOISE, far.kind());
      assertEquals(-1, far.label());
      assertEquals(-1, m.predict(new double[] {50, 50}));
      // within eps of core row 1 (distance 0.5; 0 >= minPts - 1 core points needed): core-like, its label
      Assignment near = m.assign(new double[] {0, 1.5});
      assertEquals(Assignment.Kind.CORE_LIKE, near.kind());
      assertEquals(0, near.label());
      assertEquals(0.5, near.distance(), 0);
    }
  }

  @Test
  void badInputIsRejectedWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(Double.NaN));
    assertEquals("eps must be > 0 and finite, got NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(0));
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(-1));
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).withEps(Double.NaN));
    e = assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).minPts(0));
    assertEquals("minPts must be >= 1, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).parallelism(0));
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).metric(null));
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).search(null));
    assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).fit(null));
    DbscanModel m = Dbscan.eps(1).minPts(2).fit(Dataset.of(LINE));
    e = assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 2}));
    assertEquals("point must have dimension 1 (the training data's), got 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> m.predict((double[]) null));
    assertThrows(IllegalArgumentException.class, () -> m.assign(new double[0]));
    assertThrows(IllegalArgumentException.class,
        () -> m.predict(Dataset.of(new double[][] {{1, 2}})));
    assertThrows(IllegalArgumentException.class, () -> KDistance.of(Dataset.of(LINE), 0));
    assertThrows(IllegalArgumentException.class, () -> KDistance.of(Dataset.of(LINE), 9));
    assertThrows(IllegalArgumentException.class, () -> KDistance.of(null, 1));
  }

  @Test
  void configIsImmutableAndResultsAreCopies() {
    Dbscan base = Dbscan.eps(1);
    Dbscan changed = base.minPts(3).metric(Metric.MANHATTAN).parallelism(2).borderPointsAsNoise(true);
    assertEquals(Dbscan.DEFAULT_MIN_PTS, base.minPts());
    assertEquals(Metric.EUCLIDEAN, base.metric());
    assertEquals(3, changed.minPts());
    assertEquals(2, changed.parallelism());
    assertTrue(changed.borderPointsAsNoise());
    assertEquals(2.0, base.withEps(2).eps());
    DbscanModel m = Dbscan.eps(1).minPts(3).fit(Dataset.of(LINE));
    int[] labels = m.labels();
    labels[0] = 99;
    assertEquals(0, m.labels()[0]);
    boolean[] core = m.coreMask();
    core[1] = false;
    assertTrue(m.coreMask()[1]);
    assertNotSame(m.labels(), m.labels());
    double[] q = {1.5};
    m.predict(q);
    assertEquals(1.5, q[0]);
  }

  @Test
  void edgeCases() {
    DbscanModel one = Dbscan.eps(1).minPts(1).fit(Dataset.of(new double[][] {{3, 4}}));
    assertArrayEquals(new int[] {0}, one.labels());
    assertEquals(-1, Dbscan.eps(1).minPts(2).fit(Dataset.of(new double[][] {{3, 4}})).labels()[0]);
    // many identical points: one cell / one neighbourhood of everything, on every path
    double[][] same = new double[3000][];
    for (int i = 0; i < same.length; i++) {
      same[i] = new double[] {1, 2};
    }
    for (Dbscan.Search s : Dbscan.Search.values()) {
      DbscanModel m = Dbscan.eps(1e-9).minPts(3000).search(s).fit(Dataset.of(same));
      assertEquals(1, m.clusterCount(), s.toString());
      assertEquals(3000, m.coreCount(), s.toString());
    }
    // data spread too wide for exact grid keys: the grid declines and the KD-tree runs
    double[][] wide = {{0, 0}, {1e300, 0}, {0, 1e-120}};
    DbscanModel w = Dbscan.eps(1e-100).minPts(2).search(Dbscan.Search.GRID).fit(Dataset.of(wide));
    assertEquals(Dbscan.Search.KD_TREE, w.search());
    assertArrayEquals(new int[] {0, -1, 0}, w.labels());
  }

  @Test
  void kDistanceCountsThePointItselfAndFindsTheKnee() {
    KDistance kd = KDistance.of(Dataset.of(LINE), 2);
    // exact: nearest other point of 0,1,2,3,10,11,12,30 -> 1,1,1,1,1,1,1,18
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 18}, kd.sortedDistances());
    assertEquals(2, kd.k());
    // x - y is largest (6/7 - 0) at index 6, the last point before the jump
    assertEquals(6, kd.kneeIndex());
    assertEquals(1.0, kd.knee());
    assertArrayEquals(new double[8], KDistance.of(Dataset.of(LINE), 1).sortedDistances());
    // with k = minPts, a row is core exactly when its k-distance <= eps
    Dataset blobs = Generators.blobs(2000, 2, 4, 0.5, 0.1, 3).data();
    KDistance k10 = KDistance.of(blobs, 10);
    double eps = k10.knee();
    DbscanModel m = Dbscan.eps(eps).minPts(10).fit(blobs);
    int below = 0;
    int atOrBelow = 0;
    for (double v : k10.sortedDistances()) {
      below += v < eps ? 1 : 0;
      atOrBelow += v <= eps ? 1 : 0;
    }
    // (rows whose k-distance equals eps may round either way between distance and squared distance)
    assertTrue(below <= m.coreCount() && m.coreCount() <= atOrBelow, below + " " + m.coreCount());
    assertTrue(below > 1000, "the knee keeps most clustered points core: " + below);
    assertTrue(k10.kneeIndex() > 0 && k10.kneeIndex() < 1999);
  }

  /**
   * The shortest curve Kneedle searches: three positive k-distances. Exact: rows 0, 1, 3 with k = 2 have k-distances
   * 1, 1, 2; normalised x = 0, 1/2, 1 and y = 0, 0, 1, so x - y = 0, 1/2, 0 and the knee is index 1, eps 1 (rows 0
   * and 1 are within 1 of each other: core with minPts 2). Two values (rows 0 and 2 only) are too few for a knee: index
   * 0.
   */
  @Test
  void kDistanceKneeOfThreeRows() {
    KDistance three = KDistance.of(Dataset.of(new double[][] {{0}, {1}, {3}}), 2);
    assertArrayEquals(new double[] {1, 1, 2}, three.sortedDistances());
    assertEquals(1, three.kneeIndex());
    assertEquals(1.0, three.knee());
    KDistance two = KDistance.of(Dataset.of(new double[][] {{0}, {3}}), 2);
    assertArrayEquals(new double[] {3, 3}, two.sortedDistances());
    assertEquals(0, two.kneeIndex());
    assertEquals(3.0, two.knee());
  }

  /**
   * Kneedle on hand-computed curves (KDistance.knee, on the positive part from its first value above 0). Exact:
   * {@code [0, 4, 5, 8, 8]}: positive part {@code [4, 5, 8, 8]}, x = 0, 1/3, 2/3, 1, y = 0, 1/4, 1, 1, x - y = 0,
   * 1/12, -1/3, 0: index 1 + 1 = 2. {@code [0, 1, 2.5, 3]}: x - y = 0, 1/2 - 3/4, 0, a tie of the first and the last:
   * the smallest index, 1. {@code [0, 0, 5, 5]} and {@code [0, 5, 5, 5]}: a flat positive part, its first index (2,
   * 1).
   */
  @Test
  void kneeOfHandComputedCurves() {
    assertEquals(2, KDistance.knee(new double[] {0, 4, 5, 8, 8}));
    assertEquals(1, KDistance.knee(new double[] {0, 1, 2.5, 3}));
    assertEquals(2, KDistance.knee(new double[] {0, 0, 5, 5}));
    assertEquals(1, KDistance.knee(new double[] {0, 5, 5, 5}));
    assertEquals(0, KDistance.knee(new double[] {0, 0, 0}));
  }

  @Test
  void kDistanceKneeOfDuplicateHeavyDataIsAUsableEps() {
    // 70 copies of (0, 0) and a 6 x 5 grid of spacing 0.5 (x also drifting by 0.01 a row) beside them
    double[][] r = new double[100][];
    for (int i = 0; i < 70; i++) {
      r[i] = new double[] {0, 0};
    }
    for (int i = 0; i < 30; i++) {
      r[70 + i] = new double[] {1 + (i % 6) * 0.5 + i * 0.01, (i / 6) * 0.5};
    }
    Dataset x = Dataset.of(r);
    KDistance kd = KDistance.of(x, 5);
    double[] y = kd.sortedDistances();
    // the copies' k-distances are 0 (core for every eps > 0); on the whole curve Kneedle's largest gap was at
    // the last zero (index 69: 69/99 against at most 0.30 elsewhere), a suggested eps of 0 that Dbscan rejects
    assertEquals(0.0, y[69]);
    assertTrue(y[70] > 0);
    // oracle: Kneedle written out on the positive part y[70..99], smallest index on ties
    int best = -1;
    double bestDiff = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 30; i++) {
      double diff = i / 29.0 - (y[70 + i] - y[70]) / (y[99] - y[70]);
      if (diff > bestDiff) {
        bestDiff = diff;
        best = 70 + i;
      }
    }
    assertEquals(best, kd.kneeIndex());
    assertTrue(kd.knee() > 0, "knee " + kd.knee());
    // the suggested eps separates the copies from the grid, with no noise
    int[] labels = Dbscan.eps(kd.knee()).minPts(5).fit(x).labels();
    for (int i = 0; i < 100; i++) {
      assertEquals(i < 70 ? labels[0] : labels[70], labels[i], "row " + i);
    }
    assertTrue(labels[0] >= 0 && labels[70] >= 0 && labels[0] != labels[70]);
    // all zeros (k = 1): knee at index 0, value 0
    assertEquals(0, KDistance.of(x, 1).kneeIndex());
    assertEquals(0.0, KDistance.of(x, 1).knee());
  }

  /**
   * knee() as eps must make the knee's row a core point: DBSCAN compares squared distances (as scikit-learn), and the
   * square of a rounded k-distance can fall below the squared distance. Two rows 0.6082762530298219 apart (scikit-learn
   * 1.2.1, {@code NearestNeighbors(n_neighbors=2).fit(X).kneighbors(X)} for {@code X = [[0, 0], [0.1, 0.6]]}): that
   * distance squared is 0.36999999999999994, below the squared distance 0.37, so {@code DBSCAN(eps=0.6082762530298219,
   * min_samples=2)} labels both rows noise (scikit-learn 1.2.1: {@code [-1, -1]}), though the plot puts both at its
   * knee. (The scikit-learn values: tools/edge_case_reference.py.)
   */
  @Test
  void kneeAsEpsMakesTheKneeRowsCorePoints() {
    KDistance two = KDistance.of(Dataset.of(new double[][] {{0, 0}, {0.1, 0.6}}), 2);
    assertArrayEquals(new double[] {0.6082762530298219, 0.6082762530298219}, two.sortedDistances());
    assertEquals(0, two.kneeIndex());
    assertEquals(0.6082762530298219, two.knee(), Math.ulp(0.6082762530298219));
    assertArrayEquals(new int[] {0, 0}, Dbscan.eps(two.knee()).minPts(2).fit(Dataset.of(new double[][] {{0, 0},
        {0.1, 0.6}})).labels());
    // k-distances beyond the double range (3.4e308, exact computation) stay infinite, with no radius to try
    KDistance far = KDistance.of(Dataset.of(new double[][] {{-1.7e308}, {1.7e308}}), 2);
    assertEquals(Double.POSITIVE_INFINITY, far.knee());
    // Integer coordinates (as customer scores) give squared distances that are integers and many equal k-distances:
    // every row whose k-distance is at most the knee's must be core (brute-force oracle: its k-th smallest distance).
    Random random = new Random(4);
    double[][] rows = new double[200][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {random.nextInt(120), random.nextInt(100)};
    }
    Dataset x = Dataset.of(rows);
    for (int k = 2; k <= 10; k++) {
      KDistance kd = KDistance.of(x, k);
      double atKnee = kd.sortedDistances()[kd.kneeIndex()];
      assertTrue(kd.knee() >= atKnee && kd.knee() <= Math.nextUp(Math.nextUp(atKnee)), "k = " + k);
      boolean[] core = Dbscan.eps(kd.knee()).minPts(k).fit(x).coreMask();
      for (int i = 0; i < rows.length; i++) {
        double[] d = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
          d[j] = Metric.EUCLIDEAN.distance(rows[i], rows[j]);
        }
        Arrays.sort(d);
        if (d[k - 1] <= atKnee) {
          assertTrue(core[i], "k = " + k + ", row " + i + " of k-distance " + d[k - 1] + " <= " + atKnee);
        }
      }
    }
  }
}
