package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration, edge cases, the tree API, prediction and the state of bisecting K-Means. */
class BisectingKMeansApiTest {

  private static void message(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void rejectsBadSettingsNamingParameterRuleAndValue() {
    message("k must be >= 1, got 0", () -> BisectingKMeans.k(0));
    BisectingKMeans c = BisectingKMeans.k(2);
    message("restarts must be >= 1, got 0", () -> c.restarts(0));
    message("maxIterations must be >= 1, got 0", () -> c.maxIterations(0));
    message("tolerance must be >= 0 and finite, got NaN", () -> c.tolerance(Double.NaN));
    message("tolerance must be >= 0 and finite, got -1.0", () -> c.tolerance(-1));
    message("tolerance must be >= 0 and finite, got Infinity", () -> c.tolerance(Double.POSITIVE_INFINITY));
    message("init must not be null", () -> c.init(null));
    message("strategy must not be null", () -> c.strategy(null));
    message("algorithm must not be null", () -> c.algorithm(null));
    message("parallelism must be >= 1, got 0", () -> c.parallelism(0));
    message("data must not be null", () -> c.fit(null));
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {2}});
    message("weights must not be null", () -> c.fit(data, null));
    message("weights must have one entry per row (n = 3), got 2", () -> c.fit(data, new double[] {1, 1}));
    message("weights must be finite and >= 0, got NaN at index 1", () -> c.fit(data, new double[] {1, Double.NaN, 1}));
    message("weights must not all be zero", () -> c.fit(data, new double[3]));
  }

  @Test
  void defaultsAreScikitLearns() {
    BisectingKMeans c = BisectingKMeans.k(3);
    assertEquals(3, c.k());
    assertEquals(0L, c.seed());
    assertEquals(1, c.restarts());
    assertEquals(300, c.maxIterations());
    assertEquals(1e-4, c.tolerance());
    assertEquals(KMeansInit.RANDOM, c.init());
    assertEquals(BisectingStrategy.BIGGEST_INERTIA, c.strategy());
    assertEquals(KMeansAlgorithm.AUTO, c.algorithm());
    assertEquals(1, c.parallelism());
    assertEquals(c, BisectingKMeans.k(3).seed(0));
    assertEquals(c.hashCode(), BisectingKMeans.k(3).seed(0).hashCode());
    assertNotEquals(c, c.strategy(BisectingStrategy.LARGEST_CLUSTER));
    assertNotEquals(c, c.parallelism(2));
  }

  @Test
  void moreClustersThanDistinctRowsIsRefused() {
    // Three distinct values among five rows: scikit-learn 1.2.1 leaves empty clusters or fails here (script).
    Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 0}, {0, 0}, {1, 0}, {5, 0}});
    message("k must be <= the number of distinct rows (3), got 4", () -> BisectingKMeans.k(4).fit(data));
    message("k must be <= the number of distinct rows with positive weight (2), got 3",
        () -> BisectingKMeans.k(3).fit(data, new double[] {1, 1, 1, 0, 1}));
    // k equal to the distinct rows: every distinct value in a leaf of its own, inertia 0.
    BisectingKMeansModel m = BisectingKMeans.k(3).fit(data);
    assertArrayEquals(new int[] {3, 1, 1}, sortedSizes(m));
    assertEquals(0.0, m.inertia());
  }

  @Test
  void aLeafOfEqualRowsIsNeverSplit() {
    // Rows 0..5 are copies of 0 (the largest leaf by rows), rows 6..8 distinct. LARGEST_CLUSTER would pick the copies
    // (scikit-learn 1.2.1 does, and fails); here the next split takes the largest leaf that can be split.
    double[][] x = {{0}, {0}, {0}, {0}, {0}, {0}, {10}, {11}, {12}};
    BisectingKMeansModel m = BisectingKMeans.k(3).strategy(BisectingStrategy.LARGEST_CLUSTER).fit(Dataset.of(x));
    assertEquals(0, m.splitNode(0));
    int zeros = m.labels()[0];
    for (int i = 0; i < 6; i++) {
      assertEquals(zeros, m.labels()[i]);
    }
    assertEquals(6, m.clusterSizes()[zeros]);
    assertTrue(m.nodeCentroid(m.leavesAt(3)[zeros])[0] == 0.0);
  }

  @Test
  void oneClusterIsTheWeightedMeanWithoutSplits() {
    Dataset data = Dataset.of(new double[][] {{0, 1}, {2, 3}, {4, 11}});
    BisectingKMeansModel m = BisectingKMeans.k(1).fit(data, new double[] {1, 1, 2});
    assertEquals(1, m.nodeCount());
    // Weighted mean: (0 + 2 + 8) / 4 = 2.5, (1 + 3 + 22) / 4 = 6.5; inertia 1 (6.25 + 30.25) + 1 (0.25 + 12.25)
    // + 2 (2.25 + 20.25) = 94 (exact in binary).
    assertArrayEquals(new double[] {2.5, 6.5}, m.centroids()[0]);
    assertEquals(94.0, m.inertia());
    assertArrayEquals(new int[] {0, 0, 0}, m.labels());
    assertEquals(-1, m.leftChild(0));
    assertEquals(-1, m.parent(0));
    assertEquals(0, m.splitIterations().length);
    assertTrue(m.converged());
    BisectingKMeansModel single = BisectingKMeans.k(1).fit(Dataset.of(new double[][] {{7}}));
    assertArrayEquals(new double[] {7}, single.centroids()[0]);
    assertEquals(0, single.predict(new double[] {-3}));
  }

  @Test
  void treeAccessorsDescribeTheSplits() {
    // Three well separated groups on a line; the first split cuts off one group, the second splits the other two.
    double[][] x = {{0}, {0.5}, {1}, {10}, {10.5}, {11}, {100}, {100.5}, {101}};
    BisectingKMeansModel m = BisectingKMeans.k(3).fit(Dataset.of(x));
    assertEquals(5, m.nodeCount());
    assertEquals(0, m.splitNode(0));
    int near = m.nodeCentroid(1)[0] < 50 ? 1 : 2;
    assertEquals(near, m.splitNode(1));
    assertEquals(3, m.leftChild(near));
    assertEquals(4, m.rightChild(near));
    assertEquals(near, m.parent(3));
    assertEquals(0, m.parent(near));
    assertEquals(1, m.splitOf(near));
    assertEquals(-1, m.splitOf(3));
    assertEquals(6, m.nodeSize(near));
    assertEquals(9, m.nodeSize(0));
    // Node inertias: each group of three holds 0, 0.5, 1 around its mean: 0.25 + 0 + 0.25 = 0.5.
    assertEquals(0.5, m.nodeInertia(3), 1e-12);
    assertEquals(1.5, m.inertia(), 1e-12);
    assertEquals(1.5, m.inertiaAt(3), 0.0);
    assertTrue(m.inertiaAt(2) > m.inertiaAt(3));
    assertEquals(m.nodeInertia(0), m.inertiaAt(1), 0.0);
    assertEquals(2, m.centroidsAt(2).length);
    message("split must be in 0..1, got 2", () -> m.splitNode(2));
    message("node must be in 0..4, got 5", () -> m.parent(5));
    message("m must be in 1..3 (k), got 0", () -> m.labelsAt(0));
    message("m must be in 1..3 (k), got 4", () -> m.predictAt(new double[] {0}, 4));
    message("point must have length 1, got 2", () -> m.predict(new double[] {0, 0}));
    message("point must be finite, got NaN at index 0", () -> m.predict(new double[] {Double.NaN}));
  }

  /**
   * Equal scores go to the first leaf in depth-first order, as scikit-learn's {@code get_cluster_to_bisect} (strict
   * {@code >} over {@code iter_leaves}): two pairs of rows {0, 1} and {10, 11}, equal in size and in inertia (0.5 each,
   * exact), so the second split takes node 1, the left child, whichever pair it holds.
   */
  @Test
  void tiesGoToTheFirstLeafInDepthFirstOrder() {
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {10}, {11}});
    for (BisectingStrategy s : BisectingStrategy.values()) {
      for (long seed = 0; seed < 6; seed++) {
        BisectingKMeansModel m = BisectingKMeans.k(3).strategy(s).seed(seed).fit(data);
        assertEquals(0.5, m.nodeInertia(1));
        assertEquals(0.5, m.nodeInertia(2));
        assertEquals(1, m.splitNode(1), s + " seed " + seed);
      }
    }
  }

  /** The example of BisectingKMeansModel's Javadoc: the descent is not the nearest leaf centroid. */
  @Test
  void predictDescendsTheTreeNotTheNearestLeaf() {
    // Root 0 (centroid 6, any), split 0 into node 1 (centroid 2) and node 2 (10); split 1 cuts node 1 into node 3 (0)
    // and node 4 (4).
    BisectingKMeansModel m = BisectingKMeansModel.fromState(new BisectingKMeansModel.State(1, List.of("x"),
        new int[] {0, 1}, new double[] {6, 2, 10, 0, 4}, new int[] {4, 2, 2, 1, 1}, new double[] {40, 8, 0, 0, 0},
        new int[] {0, 1, 2, 2}, new int[] {1, 1}, new boolean[] {true, true}));
    // Leaves in depth-first order: node 3 (label 0), node 4 (label 1), node 2 (label 2).
    assertArrayEquals(new int[] {3, 4, 2}, m.leavesAt(3));
    // 6.2 is 4.2 from 2 and 3.8 from 10: it goes right at the root and ends in the leaf at 10 (label 2), although the
    // leaf at 4 (label 1) is nearer, 2.2 against 3.8.
    assertEquals(2, m.predict(new double[] {6.2}));
    assertEquals(1, m.predictAt(new double[] {6.2}, 2));
    assertEquals(0, m.predictAt(new double[] {6.2}, 1));
    // 5.9 goes left (3.9 against 4.1), then to the leaf at 4.
    assertEquals(1, m.predict(new double[] {5.9}));
    assertEquals(0, m.predictAt(new double[] {5.9}, 2));
    // transform: distances to the leaves in label order (nodes 3, 4, 2 at 0, 4, 10); the nearest (label 1, 2.2) is
    // not predict's label 2.
    double[] dist = m.transform(new double[] {6.2});
    assertEquals(6.2, dist[0], 1e-15);
    assertEquals(2.2, dist[1], 1e-15);
    assertEquals(3.8, dist[2], 1e-15);
    // A tie at the root (6: 4 from both) goes left, as scikit-learn's argmin.
    assertEquals(1, m.predict(new double[] {6}));
    assertArrayEquals(new int[] {0, 0, 1, 1}, m.labelsAt(2));
    assertArrayEquals(new int[] {0, 1, 2, 2}, m.labelsAt(3));
  }

  @Test
  void stateRoundTripsAndCopies() {
    double[][] x = {{0, 1}, {0.5, 1}, {1, 2}, {10, 0}, {10.5, 1}, {11, 3}, {100, 2}, {100.5, 1}, {101, 0}};
    BisectingKMeansModel m = BisectingKMeans.k(4).seed(3).fit(Dataset.of(x, List.of("a", "b")));
    BisectingKMeansModel r = BisectingKMeansModel.fromState(m.state());
    assertEquals(m.state(), r.state());
    assertEquals(m.state().hashCode(), r.state().hashCode());
    assertArrayEquals(m.labels(), r.labels());
    assertEquals(m.inertia(), r.inertia(), 0.0);
    assertEquals(List.of("a", "b"), r.columnNames());
    for (double[] p : x) {
      assertEquals(m.predict(p), r.predict(p));
    }
    m.labels()[0] = 99;
    m.nodeCentroid(0)[0] = 99;
    m.centroids()[0][0] = 99;
    assertEquals(r.state(), m.state());
    // Column names are checked by predict(Dataset).
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(Dataset.of(x, List.of("b", "a"))));
    assertTrue(e.getMessage().contains("columns"), e.getMessage());
  }

  @Test
  void fromStateChecksEveryRule() {
    int[] splits = {0, 1};
    double[] c = {6, 2, 10, 0, 4};
    int[] sizes = {4, 2, 2, 1, 1};
    double[] in = {40, 8, 0, 0, 0};
    int[] labels = {0, 1, 2, 2};
    message("state must not be null", () -> BisectingKMeansModel.fromState(null));
    message("BisectingKMeansModel state: dimension must be >= 1, got 0",
        () -> state(0, splits, c, sizes, in, labels));
    message("BisectingKMeansModel state: splits[1] must name a node in 0..2 (the tree after 1 splits), got 3",
        () -> state(1, new int[] {0, 3}, c, sizes, in, labels));
    message("BisectingKMeansModel state: splits[1] must name a leaf, got node 0, split before",
        () -> state(1, new int[] {0, 0}, c, sizes, in, labels));
    message("BisectingKMeansModel state: centroids must hold (2k - 1) * dimension = 5 values (k = 3, dimension = 1),"
        + " got 4", () -> state(1, splits, new double[] {6, 2, 10, 0}, sizes, in, labels));
    message("BisectingKMeansModel state: centroids must be finite, got NaN at node 2, coordinate 0",
        () -> state(1, splits, new double[] {6, 2, Double.NaN, 0, 4}, sizes, in, labels));
    message("BisectingKMeansModel state: sizes[3] must be >= 1, got 0",
        () -> state(1, splits, c, new int[] {4, 2, 2, 0, 2}, in, labels));
    message("BisectingKMeansModel state: sizes[1] must be the sum of its children's (nodes 3 and 4: 1 + 2), got 2",
        () -> state(1, splits, c, new int[] {4, 2, 2, 1, 2}, in, labels));
    message("BisectingKMeansModel state: inertias[2] must be >= 0 (or +Infinity, beyond the double range), got NaN",
        () -> state(1, splits, c, sizes, new double[] {40, 8, Double.NaN, 0, 0}, labels));
    message("BisectingKMeansModel state: labels must hold one label per training row (the root's size, 4), got 3",
        () -> state(1, splits, c, sizes, in, new int[] {0, 1, 2}));
    message("BisectingKMeansModel state: labels[3] must be in 0..2 (k = 3), got 3",
        () -> state(1, splits, c, sizes, in, new int[] {0, 1, 2, 3}));
    message("BisectingKMeansModel state: labels must give leaf 0 (node 3) its size 1, got 2 rows",
        () -> state(1, splits, c, sizes, in, new int[] {0, 0, 2, 2}));
    message("BisectingKMeansModel state: iterations must hold k - 1 = 2 values, got 1",
        () -> BisectingKMeansModel.fromState(new BisectingKMeansModel.State(1, List.of("x"), splits, c, sizes, in,
            labels, new int[] {1}, new boolean[] {true, true})));
    message("BisectingKMeansModel state: columnNames must not be null",
        () -> new BisectingKMeansModel.State(1, null, splits, c, sizes, in, labels, new int[2], new boolean[2]));
  }

  private static BisectingKMeansModel state(int d, int[] splits, double[] c, int[] sizes, double[] in, int[] labels) {
    List<String> names = d == 1 ? List.of("x") : List.of();
    return BisectingKMeansModel.fromState(new BisectingKMeansModel.State(d, names, splits, c, sizes, in, labels,
        new int[splits.length], new boolean[splits.length]));
  }

  @Test
  void extremeMagnitudesAreScaledExactly() {
    // The groups {1, 2} and {10, 11} times 2^700 (squares overflow unscaled) and times 2^-700 (they underflow): the
    // same tree as at magnitude 1, centroids and inertias scaled by 2^700 and 2^1400 exactly.
    double[][] base = {{1}, {2}, {10}, {11}};
    BisectingKMeansModel one = BisectingKMeans.k(2).fit(Dataset.of(base));
    for (int e : new int[] {700, -700}) {
      double[][] x = new double[4][1];
      for (int i = 0; i < 4; i++) {
        x[i][0] = Math.scalb(base[i][0], e);
      }
      BisectingKMeansModel m = BisectingKMeans.k(2).fit(Dataset.of(x));
      assertArrayEquals(one.labels(), m.labels());
      for (int v = 0; v < 3; v++) {
        assertEquals(Math.scalb(one.nodeCentroid(v)[0], e), m.nodeCentroid(v)[0]);
        assertEquals(Math.scalb(one.nodeInertia(v), 2 * e), m.nodeInertia(v));
      }
      assertEquals(one.predict(new double[] {7}), m.predict(new double[] {Math.scalb(7.0, e)}));
    }
  }

  @Test
  void seedsAndRestartsAreReproducible() {
    double[][] x = new double[60][2];
    io.github.clusterkit.internal.Rng rng = new io.github.clusterkit.internal.Rng(9);
    for (double[] r : x) {
      r[0] = rng.nextGaussian() + 5 * rng.nextInt(4);
      r[1] = rng.nextGaussian();
    }
    Dataset data = Dataset.of(x);
    for (KMeansInit init : KMeansInit.values()) {
      BisectingKMeans c = BisectingKMeans.k(5).seed(11).restarts(3).init(init);
      assertEquals(c.fit(data).state(), c.fit(data).state());
      // More restarts never give a worse split than fewer at the same split: compare the first split's inertia.
      BisectingKMeansModel few = BisectingKMeans.k(2).seed(11).restarts(1).init(init).fit(data);
      BisectingKMeansModel more = BisectingKMeans.k(2).seed(11).restarts(4).init(init).fit(data);
      assertTrue(more.inertia() <= few.inertia(), init + ": " + more.inertia() + " <= " + few.inertia());
    }
  }

  private static int[] sortedSizes(BisectingKMeansModel m) {
    int[] s = m.clusterSizes();
    java.util.Arrays.sort(s);
    int[] r = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      r[i] = s[s.length - 1 - i];
    }
    return r;
  }
}
