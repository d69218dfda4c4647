package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Dbscan.LabelRule}: the setting, prediction and the state under {@link Dbscan.LabelRule#SCIKIT_LEARN}, the
 * neighbour searches of extreme scales. Expected labels from scikit-learn 1.2.1
 * ({@code tools/dbscan_sklearn_labels_reference.py}, its fixtures and the literals it prints) or exact by hand.
 */
class DbscanLabelRuleTest {

  /** Rows 1-3 and 4-6 are core, 2.3 (row 8) is 1.1 from 1.2 and 0.9 from 3.2 (eps 1.15, 4 points). */
  private static final double[][] SHARED = {{0}, {0.4}, {0.8}, {1.2}, {3.2}, {3.6}, {4.0}, {4.4}, {2.3}};
  private static final Dbscan SK = Dbscan.eps(1.15).minPts(4).labelRule(Dbscan.LabelRule.SCIKIT_LEARN);

  @Test
  void theSettingIsCheckedAndDefaultsToNearestCore() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dbscan.eps(1).labelRule(null));
    assertEquals("labelRule must not be null", e.getMessage());
    assertEquals(Dbscan.LabelRule.NEAREST_CORE, Dbscan.eps(1).labelRule());
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, SK.labelRule());
    assertEquals(Dbscan.eps(1.15).minPts(4), SK.labelRule(Dbscan.LabelRule.NEAREST_CORE));
    assertNotEquals(Dbscan.eps(1.15).minPts(4), SK);
    assertTrue(SK.toString().endsWith(", labelRule=SCIKIT_LEARN]"), SK.toString());
    DbscanModel m = SK.fit(Dataset.of(SHARED));
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, m.labelRule());
    // exact by hand: rows 1-6 core, two clusters, none noise
    assertEquals("DbscanModel[n=9, clusters=2, noise=0, core=6, eps=1.15, minPts=4, metric=EUCLIDEAN,"
        + " labelRule=SCIKIT_LEARN]", m.toString());
  }

  @Test
  void aBorderRowMayChangeClusterWhenTheRowsArePermuted() {
    // scikit-learn 1.2.1 (tools/dbscan_sklearn_labels_reference.py, literals): [0, 0, 0, 0, 1, 1, 1, 1, 0] for both
    // orders, so 2.3 goes with 1.2's cluster first and with 3.2's once 3.2's rows come first
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0}, SK.fit(Dataset.of(SHARED)).labels());
    double[][] swapped = {{3.2}, {3.6}, {4.0}, {4.4}, {0}, {0.4}, {0.8}, {1.2}, {2.3}};
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0}, SK.fit(Dataset.of(swapped)).labels());
    // the default rule keeps 2.3 with its nearest core point, 3.2, in both orders (exact by hand)
    Dbscan nearest = SK.labelRule(Dbscan.LabelRule.NEAREST_CORE);
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1}, nearest.fit(Dataset.of(SHARED)).labels());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0}, nearest.fit(Dataset.of(swapped)).labels());
  }

  @Test
  void predictionGivesTheLowestLabelWithinEps() {
    DbscanModel m = SK.fit(Dataset.of(SHARED));
    // exact by hand: 2.3 is within eps of core points of both clusters; the lowest label is 0, the nearest core
    // point (3.2, at 0.9) is cluster 1's; two core points within eps (fewer than minPts - 1 = 3): a border point
    assertEquals(0, m.predict(new double[] {2.3}));
    Assignment a = m.assign(new double[] {2.3});
    assertEquals(0, a.label());
    assertEquals(Assignment.Kind.BORDER, a.kind());
    assertEquals(Math.abs(2.3 - 3.2), a.distance()); // the nearest core point's distance all the same
    assertEquals(1, SK.labelRule(Dbscan.LabelRule.NEAREST_CORE).fit(Dataset.of(SHARED)).predict(new double[] {2.3}));
    // within eps of one cluster only, or of none
    assertEquals(1, m.predict(new double[] {5.0}));
    assertEquals(0, m.predict(new double[] {-0.5}));
    assertEquals(-1, m.predict(new double[] {10}));
    assertArrayEquals(new int[] {0, 1, -1}, m.predict(Dataset.of(new double[][] {{2.3}, {4.5}, {-2}})));
    // the training rows get their labels back
    assertArrayEquals(m.labels(), m.predict(Dataset.of(SHARED)));
    // under DBSCAN* the border point is noise, a core-like point still gets its cluster (0.5 has 0.4, 0.8, 1.2
    // within eps, exact by hand)
    DbscanModel star = SK.borderPointsAsNoise(true).fit(Dataset.of(SHARED));
    assertEquals(-1, star.predict(new double[] {2.3}));
    assertEquals(0, star.predict(new double[] {0.5}));
  }

  @Test
  void theStateKeepsTheRuleAndChecksTheNumbering() {
    DbscanModel m = SK.fit(Dataset.of(SHARED));
    DbscanModel.State s = m.state();
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, s.labelRule());
    assertTrue(s.toString().contains("labelRule=SCIKIT_LEARN"), s.toString());
    DbscanModel rebuilt = DbscanModel.fromState(s);
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, rebuilt.labelRule());
    assertEquals(0, rebuilt.predict(new double[] {2.3}));
    assertEquals(s, rebuilt.state());
    DbscanModel.State nearest = state(s, Dbscan.LabelRule.NEAREST_CORE, s.labels());
    assertNotEquals(s, nearest);
    assertEquals(Dbscan.LabelRule.NEAREST_CORE, nearest.labelRule());
    // the same labels under the default rule: valid (numbered by first row too), but predicted by the nearest core
    assertEquals(1, DbscanModel.fromState(nearest).predict(new double[] {2.3}));
    // the first state constructors mean NEAREST_CORE
    assertEquals(nearest, new DbscanModel.State(s.eps(), s.minPts(), s.metric(), false, s.search(), 1,
        s.labels(), s.coreMask(), s.corePoints()));

    // scikit-learn's labels of DbscanScikitLearnOrderTest's first case (row 0 a border row of the cluster whose
    // core rows come last): valid under SCIKIT_LEARN, refused under NEAREST_CORE
    Dbscan first = Dbscan.eps(1).minPts(3).labelRule(Dbscan.LabelRule.SCIKIT_LEARN);
    DbscanModel.State f = first.fit(Dataset.of(new double[][] {{-0.4}, {10}, {10.5}, {11}, {0.5}, {1}, {1.5}})).state();
    assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 1}, f.labels());
    assertRefused("labels[0] must be -1 or a label in 0..0 (clusters are numbered in the order of their first row)"
        + ", got 1", state(f, Dbscan.LabelRule.NEAREST_CORE, f.labels()));
    // and the default's numbering of it is refused under SCIKIT_LEARN
    assertRefused("labels[1] of core row 1 must be a label in 0..0 (under SCIKIT_LEARN clusters are numbered in the"
        + " order of their first core row), got 1", state(f, Dbscan.LabelRule.SCIKIT_LEARN,
            new int[] {0, 1, 1, 1, 0, 0, 0}));
    assertRefused("labels[0] must be -1 or a label in 0..1 (a cluster with a core row), got 2",
        state(f, Dbscan.LabelRule.SCIKIT_LEARN, new int[] {2, 0, 0, 0, 1, 1, 1}));
    assertRefused("labels[4] of core row 4 must be a label in 0..1 (under SCIKIT_LEARN clusters are numbered in the"
        + " order of their first core row), got -1", state(f, Dbscan.LabelRule.SCIKIT_LEARN,
            new int[] {1, 0, 0, 0, -1, 1, 1}));
    assertEquals(f, state(f, Dbscan.LabelRule.SCIKIT_LEARN, new int[] {1, 0, 0, 0, 1, 1, 1}));
    DbscanModel.fromState(state(f, Dbscan.LabelRule.SCIKIT_LEARN, new int[] {-1, 0, 0, 0, 1, 1, 1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DbscanModel.State(1, 3,
        Metric.EUCLIDEAN, false, null, Dbscan.Search.GRID, 1, f.columnNames(), f.labels(), f.coreMask(),
        f.corePoints()));
    assertEquals("DbscanModel state: labelRule must not be null", e.getMessage());
  }

  /** The fixture's run euclidean:1:4 of sklearn-borders-1d scaled by 2^scale, and one row far from the others. */
  @Test
  void extremeScalesGiveScikitLearnsLabelsOnEverySearch() {
    DbscanReferenceTest.Fixture f = DbscanReferenceTest.read("sklearn-borders-1d", true);
    assertEquals("euclidean:1:4", f.runs.get(0));
    int n = f.points.size();
    int[] ref = new int[n + 1];
    for (int i = 0; i < n; i++) {
      ref[i] = Integer.parseInt(f.values.get(i)[0].replace("*", ""));
    }
    ref[n] = -1; // the extra row is far from every other: noise
    for (int scale : new int[] {-530, 700}) {
      double[][] x = new double[n + 1][];
      for (int i = 0; i < n; i++) {
        x[i] = new double[] {Math.scalb(f.points.get(i)[0], scale)};
      }
      // beside rows near 2^-530 (squared eps 2^-1060 is subnormal: the KD-tree index's exact path) the row at 1
      // keeps the data from being rescaled; rows near 2^700 are rescaled exactly, with a row at -1000 * 2^700
      x[n] = new double[] {scale < 0 ? 1 : Math.scalb(-1000.0, scale)};
      for (Dbscan.Search search : Dbscan.Search.values()) {
        for (int threads = 1; threads <= 2; threads++) {
          DbscanModel m = Dbscan.eps(Math.scalb(1.0, scale)).minPts(4).labelRule(Dbscan.LabelRule.SCIKIT_LEARN)
              .search(search).parallelism(threads).fit(Dataset.of(x));
          String what = "scale 2^" + scale + ", " + search + ", " + threads + " threads";
          assertArrayEquals(ref, m.labels(), what);
          assertArrayEquals(ref, m.predict(Dataset.of(x)), what);
          if (scale < 0 && search != Dbscan.Search.BRUTE_FORCE) {
            assertEquals(Dbscan.Search.KD_TREE, m.search(), what);
          }
        }
      }
    }
    // the default rule's labels differ on this run (row 5 with its nearest core point, row 0 numbered first)
    assertTrue(!Arrays.equals(Arrays.copyOf(ref, n), Dbscan.eps(1).minPts(4)
        .fit(Dataset.of(f.points.toArray(new double[0][]))).labels()));
  }

  private static DbscanModel.State state(DbscanModel.State s, Dbscan.LabelRule rule, int[] labels) {
    return new DbscanModel.State(s.eps(), s.minPts(), s.metric(), s.borderPointsAsNoise(), rule, s.search(),
        s.dimension(), s.columnNames(), labels, s.coreMask(), s.corePoints());
  }

  private static void assertRefused(String expected, DbscanModel.State s) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DbscanModel.fromState(s));
    assertEquals("DbscanModel state: " + expected, e.getMessage());
  }
}
