package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The value semantics the Javadoc promises of {@link Dbscan} (equal configurations, however reached, are equal with
 * equal hash codes; every setting counts), {@link Assignment} and {@link DbscanModel.State}, and the accessors and
 * string forms of {@link DbscanModel} and {@link KDistance}. No test pinned them down (mutation audit: an
 * {@code equals} that ignored a field, a constant hash code, an accessor returning 0 or null all passed). Expected
 * values are exact by hand.
 */
class DbscanValueTypesTest {

  // two groups on a line (spacing 1) and an outlier, as in DbscanApiTest
  private static final double[][] LINE = {{0}, {1}, {2}, {3}, {10}, {11}, {12}, {30}};

  @Test
  void dbscanConfigurationsAreEqualExactlyWhenEverySettingIs() {
    Dbscan a = Dbscan.eps(1).minPts(3);
    // the same settings reached another way
    Dbscan b = Dbscan.eps(2).parallelism(4).minPts(7).withEps(1).minPts(3).parallelism(1);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a, a);
    assertNotEquals(a, null);
    assertNotEquals(a, "Dbscan[eps=1.0]");
    List<Dbscan> others = List.of(
        a.withEps(Math.nextUp(1.0)),
        a.minPts(4),
        a.metric(Metric.MANHATTAN),
        a.parallelism(2),
        a.borderPointsAsNoise(true),
        a.search(Dbscan.Search.KD_TREE),
        a.labelRule(Dbscan.LabelRule.SCIKIT_LEARN));
    Set<Integer> hashes = new HashSet<>();
    hashes.add(a.hashCode());
    for (Dbscan o : others) {
      assertNotEquals(a, o, o.toString());
      assertNotEquals(o, a, o.toString());
      hashes.add(o.hashCode());
    }
    // not a contract for any one pair, but a constant hash would make every cache of models one bucket
    assertTrue(hashes.size() > 1, hashes.toString());
    assertEquals("Dbscan[eps=1.0, minPts=3, metric=EUCLIDEAN, parallelism=1, borderPointsAsNoise=false, "
        + "search=AUTO, labelRule=NEAREST_CORE]", a.toString());
    assertEquals(Dbscan.Search.KD_TREE, a.search(Dbscan.Search.KD_TREE).search());
    assertEquals(Dbscan.Search.AUTO, a.search());
  }

  @Test
  void assignmentsAreValues() {
    DbscanModel m = Dbscan.eps(1).minPts(3).fit(Dataset.of(LINE));
    // exact: cores are rows 1, 2 (cluster 0) and 5 (cluster 1); 1.5 is 0.5 from cores 1 and 2
    Assignment a = m.assign(new double[] {1.5});
    Assignment same = m.assign(new double[] {1.5});
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertEquals(a, a);
    assertNotEquals(a, null);
    assertNotEquals(a, "x");
    assertEquals("Assignment[label=0, kind=CORE_LIKE, distance=0.5]", a.toString());
    assertNotEquals(a, new Assignment(1, Assignment.Kind.CORE_LIKE, 0.5));
    assertNotEquals(a, new Assignment(0, Assignment.Kind.BORDER, 0.5));
    assertNotEquals(a, new Assignment(0, Assignment.Kind.CORE_LIKE, 0.25));
    assertEquals(a, new Assignment(0, Assignment.Kind.CORE_LIKE, 0.5));
    Set<Integer> hashes = new HashSet<>();
    for (int label = -1; label < 3; label++) {
      for (Assignment.Kind k : Assignment.Kind.values()) {
        hashes.add(new Assignment(label, k, 0.5).hashCode());
      }
    }
    assertTrue(hashes.size() > 1, hashes.toString());
  }

  @Test
  void modelAccessorsGiveTheFit() {
    DbscanModel m = Dbscan.eps(1).minPts(3).metric(Metric.CHEBYSHEV).borderPointsAsNoise(true)
        .fit(Dataset.of(LINE));
    assertEquals(8, m.size());
    assertEquals(1, m.dimension());
    assertEquals(1.0, m.eps());
    assertEquals(3, m.minPts());
    assertEquals(Metric.CHEBYSHEV, m.metric());
    assertTrue(m.borderPointsAsNoise());
    assertFalse(Dbscan.eps(1).fit(Dataset.of(LINE)).borderPointsAsNoise());
    // the search that ran: a requested one when it can run (one dimension suits the grid)
    for (Dbscan.Search s : new Dbscan.Search[] {Dbscan.Search.GRID, Dbscan.Search.KD_TREE, Dbscan.Search.BRUTE_FORCE}) {
      assertEquals(s, Dbscan.eps(1).search(s).fit(Dataset.of(LINE)).search());
    }
    assertEquals(Dbscan.Search.GRID, Dbscan.eps(1).fit(Dataset.of(LINE)).search());
    // exact (in one dimension every metric is |a - b|): cores 1, 2 and 5; under DBSCAN* the rest is noise
    assertEquals("DbscanModel[n=8, clusters=2, noise=5, core=3, eps=1.0, minPts=3, metric=CHEBYSHEV,"
        + " borderPointsAsNoise=true]",
        m.toString());
    DbscanModel.State s = m.state();
    assertEquals(Metric.CHEBYSHEV, s.metric());
    assertTrue(s.borderPointsAsNoise());
    assertEquals("DbscanModel.State[n=8, d=1, eps=1.0, minPts=3, metric=CHEBYSHEV, borderPointsAsNoise=true,"
        + " labelRule=NEAREST_CORE, search=" + m.search() + ", corePoints=3]", s.toString());
    // two dimensions: the state's text counts core points, not coordinates. By hand: (0, 0), (0, 1) and (1, 0) are
    // within 1.5 of each other (1, 1 and sqrt 2), so each has 3 points with itself: 3 core points, 6 coordinates
    DbscanModel.State s2 = Dbscan.eps(1.5).minPts(3).labelRule(Dbscan.LabelRule.SCIKIT_LEARN)
        .fit(Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {10, 10}})).state();
    assertTrue(s2.toString().startsWith("DbscanModel.State[n=4, d=2, "), s2.toString());
    assertTrue(s2.toString().endsWith(", corePoints=3]"), s2.toString());
  }

  @Test
  void statesAreEqualExactlyWhenEveryFieldIs() {
    DbscanModel.State s = new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
        new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1});
    DbscanModel.State same = new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
        new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1});
    assertEquals(s, same);
    assertEquals(s.hashCode(), same.hashCode());
    assertNotEquals(s, null);
    List<DbscanModel.State> others = List.of(
        new DbscanModel.State(2, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.MANHATTAN, false, Dbscan.Search.GRID, 1,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.EUCLIDEAN, true, Dbscan.Search.GRID, 1,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.KD_TREE, 1,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
            new int[] {0, 0, 0}, new boolean[] {true, true, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
            new int[] {0, 0, -1}, new boolean[] {true, false, false}, new double[] {0, 1}),
        new DbscanModel.State(1, 3, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 1,
            new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 2}));
    Set<Integer> hashes = new HashSet<>();
    for (DbscanModel.State o : others) {
      assertNotEquals(s, o, o.toString());
      hashes.add(o.hashCode());
    }
    assertTrue(hashes.size() > 1, hashes.toString());
  }

  @Test
  void kDistanceAccessors() {
    KDistance kd = KDistance.of(Dataset.of(LINE), 2, Metric.MANHATTAN);
    assertEquals(Metric.MANHATTAN, kd.metric());
    assertEquals(Metric.EUCLIDEAN, KDistance.of(Dataset.of(LINE), 2).metric());
    // exact: k-distances 1 (seven rows) and 18; the knee is the last 1, at index 6 (as in DbscanApiTest)
    assertEquals("KDistance[k=2, n=8, knee=1.0 at 6]", kd.toString());
  }
}
