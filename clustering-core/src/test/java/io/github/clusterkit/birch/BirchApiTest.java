package io.github.clusterkit.birch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API of {@link Birch}, {@link BirchTree} and {@link BirchModel}: validation messages, defaults, the behaviour
 * with fewer subclusters than {@code k}, state round trips and corrupted states, column names, arrays never shared.
 * Expectations are exact by construction (the rules stated in the Javadoc) or from scikit-learn 1.2.1 where named.
 */
class BirchApiTest {

  // scikit-learn's Birch docstring example: Birch(n_clusters=None).fit(X).predict(X) == [0, 0, 0, 1, 1, 1]
  private static final double[][] DOC = {{0, 1}, {0.3, 1}, {-0.3, 1}, {0, -1}, {0.3, -1}, {-0.3, -1}};

  @Test
  void docstringExample() {
    BirchModel m = Birch.threshold(0.5).clusters(Birch.NO_GLOBAL_STEP).fit(Dataset.of(DOC));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, m.labels());
    assertEquals(2, m.subclusterCount());
    assertArrayEquals(new long[] {3, 3}, m.subclusterCounts());
    // exact: the means of the three rows of each subcluster
    assertArrayEquals(new double[] {0, 1}, m.subclusterCentroids()[0], 1e-15);
  }

  @Test
  void defaultsAreScikitLearns() {
    Birch b = Birch.threshold(0.5);
    assertEquals(0.5, b.threshold());
    assertEquals(50, b.branchingFactor());
    assertEquals(3, b.clusters());
    assertFalse(b.wardByCentroids());
    assertEquals(1, b.parallelism());
    assertEquals("Birch[threshold=0.5, branchingFactor=50, clusters=3, wardByCentroids=false, parallelism=1]",
        b.toString());
  }

  @Test
  void badSettingsNameParameterRuleAndValue() {
    for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e-200, 1e200}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Birch.threshold(t));
      assertTrue(e.getMessage().startsWith("threshold must be > 0") && e.getMessage().endsWith("got " + t),
          e.getMessage());
    }
    assertEquals("branchingFactor must be in [2, 32768], got 1",
        assertThrows(IllegalArgumentException.class, () -> Birch.threshold(1).branchingFactor(1)).getMessage());
    assertEquals("clusters must be >= 0 (0 for no global step), got -1",
        assertThrows(IllegalArgumentException.class, () -> Birch.threshold(1).clusters(-1)).getMessage());
    assertEquals("parallelism must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Birch.threshold(1).parallelism(0)).getMessage());
    assertEquals("data must not be null",
        assertThrows(IllegalArgumentException.class, () -> Birch.threshold(1).fit(null)).getMessage());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> Birch.threshold(1).fit(Dataset.of(new double[][] {{0, 1}, {1e200, 0}})));
    assertTrue(big.getMessage().startsWith("data must have values of magnitude below 2^481")
        && big.getMessage().contains("got 1.0E200 at row 1, column 0"), big.getMessage());
  }

  @Test
  void theLargestBranchingFactorNeedsNoQuadraticBuffer() {
    // a split compares every pair of entries without storing their matrix: (32769)^2 doubles would be 8.6 GB
    BirchModel m = Birch.threshold(0.5).branchingFactor(32768).clusters(0).fit(Dataset.of(DOC));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, m.labels());
  }

  @Test
  void treeRefusesBadRowsAndBatchesWithoutChange() {
    BirchTree t = Birch.threshold(1).tree(2);
    t.add(new double[] {0, 0});
    assertEquals("row must not be null", assertThrows(IllegalArgumentException.class,
        () -> t.add((double[]) null)).getMessage());
    assertEquals("row must have dimension 2 (the tree's), got 3", assertThrows(IllegalArgumentException.class,
        () -> t.add(new double[] {1, 2, 3})).getMessage());
    assertEquals("row must be finite, got NaN at index 1", assertThrows(IllegalArgumentException.class,
        () -> t.add(new double[] {1, Double.NaN})).getMessage());
    assertEquals("batch must have dimension 2 (the tree's), got 1", assertThrows(IllegalArgumentException.class,
        () -> t.add(Dataset.of(new double[][] {{1}}))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.add(Dataset.of(new double[][] {{1, 2}, {3, 1e300}})));
    assertEquals(1, t.rows(), "refused rows and batches insert nothing");
    assertEquals("dimension must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Birch.threshold(1).tree(0)).getMessage());
    assertEquals("no rows added yet: a model needs at least one row",
        assertThrows(IllegalStateException.class, () -> Birch.threshold(1).tree(3).model()).getMessage());
  }

  @Test
  void namedTreeRefusesOtherNames() {
    BirchTree t = Birch.threshold(1).tree(List.of("income", "score"));
    t.add(Dataset.of(new double[][] {{1, 2}}, List.of("income", "score")));
    t.add(Dataset.of(new double[][] {{1, 2}})); // no names: not checked
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.add(Dataset.of(new double[][] {{1, 2}}, List.of("score", "income"))));
    // a tree has no fitted model yet: the messages name the tree's columns, not "the columns the model was fitted on"
    assertEquals("batch's columns must match the tree's: tree [income, score], got [score, income]", e.getMessage());
    assertEquals("batch must have dimension 2 (the tree's: [income, score]), got 1", assertThrows(
        IllegalArgumentException.class, () -> t.add(Dataset.of(new double[][] {{1}}, List.of("income")))).getMessage());
    BirchModel m = t.model();
    assertEquals(List.of("income", "score"), m.columnNames());
    assertThrows(IllegalArgumentException.class,
        () -> m.predict(Dataset.of(new double[][] {{1, 2}}, List.of("score", "income"))));
  }

  @Test
  void fewerSubclustersThanKKeepsEverySubclusterItsOwnCluster() {
    // as scikit-learn 1.2.1 (which also warns): 2 subclusters, n_clusters=5 -> subcluster_labels_ [0, 1]
    BirchModel m = Birch.threshold(0.5).clusters(5).fit(Dataset.of(DOC));
    assertEquals(2, m.subclusterCount());
    assertEquals(2, m.clusterCount());
    assertEquals(5, m.requestedClusters());
    assertArrayEquals(new int[] {0, 1}, m.subclusterLabels());
    // k = 1 with one subcluster: one cluster (scikit-learn's AgglomerativeClustering refuses one sample)
    BirchModel one = Birch.threshold(10).clusters(1).fit(Dataset.of(DOC));
    assertEquals(1, one.clusterCount());
    assertArrayEquals(new int[6], one.labels());
  }

  @Test
  void snapshotHasNoLabelsAndDoesNotChange() {
    BirchTree t = Birch.threshold(0.5).clusters(0).tree(2);
    t.add(Dataset.of(Arrays.copyOfRange(DOC, 0, 3)));
    BirchModel first = t.model();
    t.add(Dataset.of(Arrays.copyOfRange(DOC, 3, 6)));
    assertEquals(1, first.subclusterCount());
    assertEquals(2, t.model().subclusterCount());
    assertFalse(first.hasLabels());
    assertEquals("the model has no training labels (a BirchTree snapshot keeps no rows); use predict(Dataset) on"
        + " the rows wanted", assertThrows(IllegalStateException.class, first::labels).getMessage());
  }

  @Test
  void callerArraysAreNeitherModifiedNorShared() {
    double[][] rows = {{0, 1}, {0.3, 1}, {5, 5}};
    double[][] copy = {{0, 1}, {0.3, 1}, {5, 5}};
    BirchModel m = Birch.threshold(0.5).clusters(2).fit(Dataset.of(rows));
    BirchTree t = Birch.threshold(0.5).tree(2);
    t.add(rows[0]);
    assertArrayEquals(copy, rows);
    int label0 = m.labels()[0];
    m.subclusterCentroids()[0][0] = 99;
    m.labels()[0] = 99;
    m.subclusterLabels()[0] = 99;
    m.subclusterCounts()[0] = 99;
    assertEquals(0.15, m.subclusterCentroids()[0][0], 1e-15);
    assertEquals(label0, m.labels()[0]);
    assertEquals(2, m.subclusterCounts()[0]);
  }

  @Test
  void stateRoundTripsAndCorruptStatesAreRefused() {
    BirchModel m = Birch.threshold(0.5).clusters(2).fit(Dataset.of(new double[][] {{0, 1}, {0.3, 1}, {5, 5},
        {9, 9}}));
    BirchModel.State s = m.state();
    BirchModel r = BirchModel.fromState(s);
    assertEquals(s, r.state());
    assertEquals(s.hashCode(), r.state().hashCode());
    assertArrayEquals(m.labels(), r.labels());
    assertEquals(m.predict(new double[] {4, 4}), r.predict(new double[] {4, 4}));
    assertEquals("state must not be null",
        assertThrows(IllegalArgumentException.class, () -> BirchModel.fromState(null)).getMessage());
    assertBad("BirchModel state: dimension must be >= 1, got 0", with(s, 0, s.counts(), s.subclusterLabels(),
        s.labels(), s.squaredSums()));
    long[] counts = s.counts();
    counts[1] = 0;
    assertBad("BirchModel state: counts[1] must be >= 1, got 0", with(s, 2, counts, s.subclusterLabels(),
        s.labels(), s.squaredSums()));
    int[] sub = s.subclusterLabels();
    sub[0] = 2;
    assertBad("BirchModel state: subclusterLabels[0] must be in 0..1 (2 clusters), got 2", with(s, 2, s.counts(),
        sub, s.labels(), s.squaredSums()));
    int[] allZero = new int[sub.length];
    assertBad("BirchModel state: subclusterLabels must use every cluster 0..1, cluster 1 has none", with(s, 2,
        s.counts(), allZero, s.labels(), s.squaredSums()));
    int[] labels = s.labels();
    labels[3] = -1;
    assertBad("BirchModel state: labels[3] must be in 0..1 (2 clusters), got -1", with(s, 2, s.counts(),
        s.subclusterLabels(), labels, s.squaredSums()));
    double[] ss = s.squaredSums();
    ss[0] = Double.NaN;
    assertBad("BirchModel state: squaredSums[0] must be finite and >= 0, got NaN", with(s, 2, s.counts(),
        s.subclusterLabels(), s.labels(), ss));
    assertBad("BirchModel state: squaredSums must hold m = 3 values, got 2", with(s, 2, s.counts(),
        s.subclusterLabels(), s.labels(), Arrays.copyOf(ss, 2)));
  }

  private static BirchModel.State with(BirchModel.State s, int d, long[] counts, int[] sub, int[] labels,
      double[] ss) {
    return new BirchModel.State(d, s.columnNames(), s.threshold(), s.branchingFactor(), s.requestedClusters(),
        s.centroids(), counts, s.linearSums(), ss, sub, labels);
  }

  private static void assertBad(String message, BirchModel.State s) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> BirchModel.fromState(s)).getMessage());
  }

  @Test
  void equalConfigurationsAreEqual() {
    Birch a = Birch.threshold(0.5).branchingFactor(7).clusters(4).parallelism(2);
    Birch b = Birch.threshold(0.25).withThreshold(0.5).parallelism(2).clusters(4).branchingFactor(7);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.wardByCentroids(true));
    assertNotEquals(a, a.clusters(0));
    assertNotEquals(a, a.withThreshold(0.6));
    assertNotEquals(a, a.parallelism(1));
    assertNotEquals(a, a.branchingFactor(8));
  }

  @Test
  void wardByCentroidsGivesTheSameClustersWithoutTies() {
    // blobs far apart: no merge ties within rounding, both ways of computing Ward cut the same tree
    double[][] rows = new double[60][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {(i % 3) * 20 + (i * 0.37) % 1.3, (i % 3) * 7 + (i * 0.71) % 1.1};
    }
    Birch b = Birch.threshold(0.2).branchingFactor(4).clusters(3);
    assertArrayEquals(b.fit(Dataset.of(rows)).labels(), b.wardByCentroids(true).fit(Dataset.of(rows)).labels());
  }

  @Test
  void clusterCentroidsAreTheMeansOfTheRowsTakenIn() {
    BirchModel m = Birch.threshold(0.5).clusters(2).fit(Dataset.of(DOC));
    double[][] c = m.clusterCentroids();
    // exact: the three rows (0, 1), (0.3, 1), (-0.3, 1) and their mirror images
    assertEquals(2, c.length);
    assertEquals(1.0, Math.abs(c[0][1]));
    assertEquals(0.0, c[0][0], 1e-16);
    assertArrayEquals(new long[] {3, 3}, m.clusterCounts());
  }
}
