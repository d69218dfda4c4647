package io.github.clusterkit.hdbscan.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Edge cases and hand-computed examples of {@link CoreDistances} and {@link ReachabilityMst}. */
class ReachabilityMstTest {

  @Test
  void oneRowHasNoEdges() {
    Dataset data = Dataset.of(new double[][] {{3, 4}});
    double[] core = CoreDistances.compute(data, Metric.EUCLIDEAN, 1, 2);
    assertArrayEquals(new double[] {0}, core);
    MstEdges e = ReachabilityMst.compute(data, Metric.EUCLIDEAN, core, 2);
    assertEquals(0, e.size());
    assertEquals(0, e.from.length);
    assertEquals(0, e.to.length);
  }

  @Test
  void twoRows() {
    // distance 5 (3-4-5 triangle); k = 2: each row's second nearest is the other, so both cores are 5
    Dataset data = Dataset.of(new double[][] {{0, 0}, {3, 4}});
    for (Metric metric : Metric.values()) {
      double expected = metric == Metric.EUCLIDEAN ? 5 : metric == Metric.MANHATTAN ? 7 : 4;
      double[] k1 = CoreDistances.compute(data, metric, 1, 1);
      assertArrayEquals(new double[] {0, 0}, k1);
      MstEdges e = ReachabilityMst.compute(data, metric, k1, 1);
      assertArrayEquals(new int[] {0}, e.from);
      assertArrayEquals(new int[] {1}, e.to);
      assertArrayEquals(new double[] {expected}, e.weight);
      double[] k2 = CoreDistances.compute(data, metric, 2, 1);
      assertArrayEquals(new double[] {expected, expected}, k2);
      assertArrayEquals(new double[] {expected}, ReachabilityMst.compute(data, metric, k2, 1).weight);
    }
  }

  @Test
  void handComputedLine() {
    // rows on a line at 0, 1, 3, 7, 8: with k = 2 the cores are the nearest other row's distance
    // 1, 1, 2, 1, 1; mrd of the consecutive pairs: max(1,1,1) = 1, max(1,2,2) = 2, max(2,1,4) = 4, max(1,1,1) = 1
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {3}, {7}, {8}});
    double[] core = CoreDistances.compute(data, Metric.EUCLIDEAN, 2, 1);
    assertArrayEquals(new double[] {1, 1, 2, 1, 1}, core);
    MstEdges e = ReachabilityMst.compute(data, Metric.EUCLIDEAN, core, 1);
    assertArrayEquals(new double[] {1, 1, 2, 4}, e.weight);
    // ties by (from, to): (0, 1) before (3, 4)
    assertArrayEquals(new int[] {0, 3, 1, 2}, e.from);
    assertArrayEquals(new int[] {1, 4, 2, 3}, e.to);
  }

  @Test
  void identicalRowsHaveWeightZero() {
    double[][] rows = new double[50][];
    Arrays.setAll(rows, i -> new double[] {1.5, -2});
    Dataset data = Dataset.of(rows);
    for (int k : new int[] {1, 7, 50}) {
      double[] core = CoreDistances.compute(data, Metric.EUCLIDEAN, k, 3);
      assertArrayEquals(new double[50], core);
      MstEdges e = ReachabilityMst.compute(data, Metric.EUCLIDEAN, core, 3);
      assertArrayEquals(new double[49], e.weight);
      // the tie rule: every row joins row 0
      for (int i = 0; i < 49; i++) {
        assertEquals(0, e.from[i]);
        assertEquals(i + 1, e.to[i]);
      }
    }
  }

  /** 200,000 copies of one row: one leaf, one round, no recursion; runs in well under a second when correct. */
  @Test
  void manyIdenticalRows() {
    int n = 200_000;
    double[] x = new double[2 * n];
    Arrays.fill(x, 0.25);
    Dataset data = Dataset.wrap(x, n, 2);
    double[] core = new double[n];
    MstEdges e = ReachabilityMst.compute(data, Metric.EUCLIDEAN, 15, 2, core);
    assertEquals(n - 1, e.size());
    for (int i = 0; i < n - 1; i++) {
      assertEquals(0, core[i]);
      assertEquals(0, e.weight[i]);
      assertEquals(0, e.from[i]);
      assertEquals(i + 1, e.to[i]);
    }
  }

  /** Two groups of copies: within each weight 0, between them the distance. */
  @Test
  void twoGroupsOfCopies() {
    int n = 100_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? 0 : 10;
    }
    Dataset data = Dataset.wrap(x, n, 1);
    double[] core = new double[n];
    MstEdges e = ReachabilityMst.compute(data, Metric.MANHATTAN, 5, 2, core);
    for (int i = 0; i < n - 2; i++) {
      assertEquals(0, e.weight[i]);
    }
    // the one edge between the groups: rows 0 and 1, the smallest pair at distance 10
    assertEquals(10, e.weight[n - 2]);
    assertEquals(0, e.from[n - 2]);
    assertEquals(1, e.to[n - 2]);
  }

  @Test
  void hugeValuesAreScaled() {
    // squared gaps of 1e200 overflow; the engine scales by a power of two, as the neighbour search
    Dataset data = Dataset.of(new double[][] {{0}, {1e200}, {3e200}});
    double[] core = CoreDistances.compute(data, Metric.EUCLIDEAN, 2, 1);
    assertArrayEquals(new double[] {1e200, 1e200, 2e200}, core, 1e186);
    MstEdges e = ReachabilityMst.compute(data, Metric.EUCLIDEAN, core, 1);
    assertArrayEquals(new double[] {1e200, 2e200}, e.weight, 1e186);
    assertTrue(Double.isFinite(e.weight[1]));
  }

  @Test
  void badArguments() {
    Dataset data = Dataset.of(new double[][] {{0}, {1}});
    double[] core = {0, 0};
    assertThrows(IllegalArgumentException.class, () -> CoreDistances.compute(null, Metric.EUCLIDEAN, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CoreDistances.compute(data, null, 1, 1));
    IllegalArgumentException k0 =
        assertThrows(IllegalArgumentException.class, () -> CoreDistances.compute(data, Metric.EUCLIDEAN, 0, 1));
    assertEquals("k must be in [1, n = 2], got 0", k0.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CoreDistances.compute(data, Metric.EUCLIDEAN, 3, 1));
    IllegalArgumentException t0 =
        assertThrows(IllegalArgumentException.class, () -> CoreDistances.compute(data, Metric.EUCLIDEAN, 1, 0));
    assertEquals("threads must be >= 1, got 0", t0.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, null, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, new double[3], 1));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, new double[] {0, Double.NaN}, 1));
    assertEquals("coreDistances must be finite and >= 0, got coreDistances[1] = NaN", nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, new double[] {-1, 0}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, core, 0));
    assertThrows(IllegalArgumentException.class,
        () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, 1, 1, new double[1]));
    assertThrows(IllegalArgumentException.class,
        () -> ReachabilityMst.compute(data, Metric.EUCLIDEAN, 3, 1, new double[2]));
    assertArrayEquals(new double[] {0, 0}, core, "not modified");
  }

  /** The switch measured in ReachabilityMst's Javadoc: the tree up to 20 columns, up to 24 from 30,000 rows. */
  @Test
  void pathBoundaries() {
    ReachabilityMst.Path tree = ReachabilityMst.Path.TREE;
    ReachabilityMst.Path prim = ReachabilityMst.Path.PRIM;
    assertEquals(tree, ReachabilityMst.pathFor(1, 1));
    assertEquals(tree, ReachabilityMst.pathFor(100, 20));
    assertEquals(prim, ReachabilityMst.pathFor(100, 21));
    assertEquals(prim, ReachabilityMst.pathFor(29_999, 21));
    assertEquals(prim, ReachabilityMst.pathFor(29_999, 24));
    assertEquals(tree, ReachabilityMst.pathFor(30_000, 21));
    assertEquals(tree, ReachabilityMst.pathFor(30_000, 24));
    assertEquals(prim, ReachabilityMst.pathFor(30_000, 25));
    assertEquals(prim, ReachabilityMst.pathFor(Integer.MAX_VALUE, 25));
  }
}
