package io.github.clusterkit.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import org.junit.jupiter.api.Test;

/**
 * Small one-column cases whose condensed trees are worked out by hand in the comments (exact computations: every
 * distance is an integer or a half, so every lambda below is the double the fit computes).
 */
class HdbscanHandTest {

  static Dataset column(double... v) {
    double[][] x = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      x[i][0] = v[i];
    }
    return Dataset.of(x);
  }

  /**
   * Rows 0, 1, 2 | 10, 11, 12 and a bridge 5; minSamples 1 (core distance 0, so the mutual reachability is the
   * distance), minClusterSize 3. Spanning tree weights 1, 1, 1, 1, 3 (2-5), 5 (5-10). At 5 the root splits into
   * A = {0, 1, 2, 5} and B = {10, 11, 12}, both born at lambda 1/5. A loses row 5 at 3 (lambda 1/3) and ends at 1
   * (lambda 1); B ends at 1. Stabilities: A = (1/3 - 1/5) + 3 (1 - 1/5) = 38/15, B = 3 (1 - 1/5) = 12/5; the root is
   * never kept, so both are selected. Row 5: probability min(1/3, 1) / 1 = 1/3, outlier score (1 - 1/3) / 1 = 2/3.
   */
  @Test
  void bridgeRowLeavesItsClusterEarly() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(0, 1, 2, 10, 11, 12, 5));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0}, m.labels());
    double third = 1.0 / 3.0;
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, third}, m.probabilities(), 0.0);
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 1.0 - third}, m.outlierScores(), 0.0);
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0}, m.coreDistances(), 0.0);
    assertEquals(2, m.clusterCount());
    assertEquals(0, m.noiseCount());
    assertEquals(4, m.clusterSize(0));
    // LEAF: A and B never split, so they are the leaves
    assertArrayEquals(m.labels(),
        Hdbscan.minClusterSize(3).minSamples(1).selection(Hdbscan.Selection.LEAF).fit(column(0, 1, 2, 10, 11, 12, 5))
            .labels());
  }

  /**
   * X = {0, 1, 2, 3.5, 4.5, 5.5} and Y = {100, 101, 102}; minSamples 1, minClusterSize 3. The root splits at 94.5
   * into X and Y (born at lambda 1/94.5). X splits at 1.5 into two triples, each ending at 1: their stabilities are
   * 3 (1 - 2/3) = 1 each, sum 2, while X's own is 6 (2/3 - 1/94.5) = 3.94: excess of mass keeps X whole. The leaves
   * are the two triples and Y.
   */
  @Test
  void excessOfMassKeepsAParentThatOutweighsItsChildren() {
    Dataset x = column(0, 1, 2, 3.5, 4.5, 5.5, 100, 101, 102);
    Hdbscan config = Hdbscan.minClusterSize(3).minSamples(1);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1}, config.fit(x).labels());
    HdbscanModel leaf = config.selection(Hdbscan.Selection.LEAF).fit(x);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, leaf.labels());
    // in X (EOM) the triples' rows leave at lambda 1 while X ended at 1/1.5: probability min(1, 2/3) / (2/3) = 1
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, config.fit(x).probabilities(), 0.0);
  }

  /**
   * Three components at one level are three siblings: rows 0, 1 | 3, 4 | 6, 7 joined by two edges of weight 2
   * (1-3 and 4-6), minClusterSize 2, minSamples 1. At 2 the root splits into three pairs at once (one edge at a time,
   * a binary tree would first make {0, 1, 3, 4} or {3, 4, 6, 7} a cluster of its own); each pair ends at 1 with
   * stability 2 (1 - 1/2) = 1: three clusters.
   */
  @Test
  void equalWeightsSplitIntoSiblingsAtOnce() {
    HdbscanModel m = Hdbscan.minClusterSize(2).minSamples(1).fit(column(0, 1, 3, 4, 6, 7));
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, m.labels());
    // the same rows in another order: the same partition
    HdbscanModel r = Hdbscan.minClusterSize(2).minSamples(1).fit(column(6, 3, 0, 7, 4, 1));
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, r.labels());
  }

  /**
   * Rows with at least minSamples exact copies have core distance 0: {0 x 5} and {10 x 5}, minSamples 5,
   * minClusterSize 5. The root splits at 10 into the two groups; each ends at weight 0, lambda infinity, with
   * infinite stability. Probabilities 1 and scores 0, not NaN.
   */
  @Test
  void duplicateGroupsHaveInfiniteLambdaButFiniteOutputs() {
    HdbscanModel m = Hdbscan.minClusterSize(5).fit(column(0, 0, 0, 0, 0, 10, 10, 10, 10, 10));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, m.labels());
    for (double p : m.probabilities()) {
      assertEquals(1.0, p, 0.0);
    }
    for (double s : m.outlierScores()) {
      assertEquals(0.0, s, 0.0);
    }
    // a row 3 beside the group at 0 (its core distance 3): the root splits at 10 into {0 x 5, 3} and {10 x 5}; row 3
    // leaves the first at lambda 1/3 and stays in its cluster, whose last lambda is infinite: probability
    // min(1/3, inf) / inf = 0, outlier score 1 (the group's deepest lambda is infinite)
    HdbscanModel b = Hdbscan.minClusterSize(5).fit(column(0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 3));
    assertEquals(0, b.labels()[10]);
    assertEquals(1.0, b.outlierScores()[10], 0.0);
    assertEquals(0.0, b.probabilities()[10], 0.0);
  }

  /**
   * Gaps so small that lambda = 1 / weight overflows (Manhattan and Chebyshev measure subnormal gaps; the squares of
   * Euclidean distances would vanish): with u = 4.9e-324 (2^-1074), rows 0, u, 2u | 10u, 11u, 12u and 1, 1.5, 2,
   * minSamples 1, minClusterSize 3. By hand, in exact arithmetic: the root splits at weight 1 - 12u into P (the six)
   * and Q (born at lambda 1, rounded); P splits at 8u into A and B, born at 1/(8u) = 2^1071, whose rows leave at
   * 1/u = 2^1074: stability 3 (2^1074 - 2^1071) = 21 * 2^1071 each, 42 * 2^1071 together, while P's own is
   * 6 (2^1071 - 1), below: excess of mass keeps A, B and Q, every row leaving at its cluster's last lambda
   * (probability 1, score 0). The same data times 2^1000 (exact) give that result with finite lambdas. Before the fix
   * 1 / (8u) overflowed: A and B were born at infinity with stability infinity - infinity = NaN, and P won.
   */
  @Test
  void lambdasOfSubnormalWeightsDoNotOverflow() {
    double u = Double.MIN_VALUE;
    double[] v = {0, u, 2 * u, 10 * u, 11 * u, 12 * u, 1, 1.5, 2};
    double[] big = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      big[i] = Math.scalb(v[i], 1000);
    }
    double[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    for (Metric metric : new Metric[] {Metric.MANHATTAN, Metric.CHEBYSHEV}) {
      Hdbscan config = Hdbscan.minClusterSize(3).minSamples(1).metric(metric);
      HdbscanModel m = config.fit(column(v));
      assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, m.labels(), metric.toString());
      assertArrayEquals(ones, m.probabilities(), 0.0);
      assertArrayEquals(new double[9], m.outlierScores(), 0.0);
      for (double s : m.internalTree().stabilities) {
        assertTrue(s > 0 && s < Double.POSITIVE_INFINITY, "stability " + s);
      }
      HdbscanModel b = config.fit(column(big));
      assertArrayEquals(b.labels(), m.labels());
      assertArrayEquals(b.probabilities(), m.probabilities(), 0.0);
      assertArrayEquals(b.outlierScores(), m.outlierScores(), 0.0);
      // a new point at row 0 leaves with it; one at 6u, 4u from rows 2u and 10u (a tie: the smaller row, 2), joins
      // at 4u, lambda 2^1072, below row 2's 2^1074 and above A's birth 2^1071: it leaves A there, probability
      // 2^1072 / 2^1074 = 1/4, score 3/4
      assertEquals(new HdbscanModel.Membership(0, 1.0, 0.0, 0), m.membership(new double[] {0}));
      assertEquals(new HdbscanModel.Membership(0, 0.25, 0.75, 2), m.membership(new double[] {6 * u}));
      assertEquals(b.membership(new double[] {Math.scalb(6 * u, 1000)}), m.membership(new double[] {6 * u}));
      // two groups of three copies (minSamples 3: core distance 0, lambda infinity, no shift): a new point u from
      // the first has core distance u (its second nearest row) and joins row 0 at u, a finite lambda 2^1074 (it
      // overflowed to infinity and the point left with row 0 at infinity): it leaves A = {0 x 3} above its birth
      // 1/10, probability min(2^1074, inf) / inf = 0, score 1, as the same data times 2^1000 give
      HdbscanModel dup = Hdbscan.minClusterSize(3).metric(metric).fit(column(0, 0, 0, 10, 10, 10));
      assertEquals(new HdbscanModel.Membership(0, 0.0, 1.0, 0), dup.membership(new double[] {u}));
      assertEquals(new HdbscanModel.Membership(0, 1.0, 0.0, 0), dup.membership(new double[] {0}));
    }
  }

  /**
   * Copies alone do not make a row's lambda infinite: the group must stay large. Rows {0 x 3}, 10..15 and 100..105,
   * minSamples 2 (the three copies have core distance 0), minClusterSize 5. Core distances 0 for the copies, 1 for
   * the others; spanning tree weights 0, 0, 1 (ten), 10 (0-10), 85 (15-100). At 85 the root splits into
   * A = {0 x 3, 10..15} and B = {100..105}, born at 1/85; at 10 the copies, 3 rows, fewer than 5, leave A at lambda
   * 1/10; A and B end at 1. The copies: label 0, probability min(1/10, 1) / 1 = 0.1, score (1 - 0.1) / 1.
   */
  @Test
  void aSmallGroupOfCopiesLeavesAtAFiniteLambda() {
    HdbscanModel m = Hdbscan.minClusterSize(5).minSamples(2)
        .fit(column(0, 0, 0, 10, 11, 12, 13, 14, 15, 100, 101, 102, 103, 104, 105));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, m.labels());
    for (int i = 0; i < 3; i++) {
      assertEquals(0.0, m.coreDistances()[i], 0.0);
      assertEquals(0.1, m.probabilities()[i], 0.0);
      assertEquals(1 - 0.1, m.outlierScores()[i], 0.0);
    }
  }

  /** One group without a split: the root is never kept, so every row is noise (allow_single_cluster=False). */
  @Test
  void aSingleGroupIsAllNoise() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(0, 1, 2, 3, 4));
    assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, m.labels());
    assertEquals(0, m.clusterCount());
    assertEquals(5, m.noiseCount());
  }

  @Test
  void refusesBadArguments() {
    assertMessage("minClusterSize must be >= 2, got 1", () -> Hdbscan.minClusterSize(1));
    assertMessage("minClusterSize must be >= 2, got 1", () -> Hdbscan.minClusterSize(5).withMinClusterSize(1));
    assertMessage("minSamples must be >= 1, got 0", () -> Hdbscan.minClusterSize(5).minSamples(0));
    assertMessage("parallelism must be >= 1, got 0", () -> Hdbscan.minClusterSize(5).parallelism(0));
    assertMessage("metric must not be null", () -> Hdbscan.minClusterSize(5).metric(null));
    assertMessage("selection must not be null", () -> Hdbscan.minClusterSize(5).selection(null));
    assertMessage("clusterSelectionEpsilon must be >= 0 and finite, got NaN",
        () -> Hdbscan.minClusterSize(5).clusterSelectionEpsilon(Double.NaN));
    assertMessage("clusterSelectionEpsilon must be >= 0 and finite, got -1.0",
        () -> Hdbscan.minClusterSize(5).clusterSelectionEpsilon(-1));
    assertMessage("clusterSelectionEpsilon must be >= 0 and finite, got Infinity",
        () -> Hdbscan.minClusterSize(5).clusterSelectionEpsilon(Double.POSITIVE_INFINITY));
    assertMessage("data must not be null", () -> Hdbscan.minClusterSize(5).fit(null));
    assertMessage("minClusterSize must be <= the number of rows, got 5 for 4 rows",
        () -> Hdbscan.minClusterSize(5).fit(column(1, 2, 3, 4)));
    assertMessage("minSamples must be <= the number of rows, got 6 for 5 rows",
        () -> Hdbscan.minClusterSize(5).minSamples(6).fit(column(1, 2, 3, 4, 5)));
    HdbscanModel m = Hdbscan.minClusterSize(2).fit(column(1, 2, 3, 4, 5));
    assertMessage("eps must be > 0 and finite, got NaN", () -> m.dbscanLabels(Double.NaN));
    assertMessage("eps must be > 0 and finite, got 0.0", () -> m.dbscanLabels(0));
    assertMessage("eps must be > 0 and finite, got Infinity", () -> m.dbscanLabels(Double.POSITIVE_INFINITY));
    assertMessage("label must be in [0, 0) (the clusters), got 0", () -> m.clusterSize(0));
  }

  @Test
  void configurationValue() {
    Hdbscan a = Hdbscan.minClusterSize(5);
    assertEquals(5, a.minSamples());
    assertEquals(7, a.withMinClusterSize(7).minSamples(), "minSamples follows minClusterSize until set");
    assertEquals(3, a.minSamples(3).withMinClusterSize(7).minSamples());
    assertEquals(Hdbscan.Selection.EOM, a.selection());
    assertEquals(Metric.EUCLIDEAN, a.metric());
    assertEquals(1, a.parallelism());
    assertEquals(false, a.allowSingleCluster());
    assertEquals(0.0, a.clusterSelectionEpsilon(), 0.0);
    assertTrue(!a.equals(a.allowSingleCluster(true)) && !a.equals(a.clusterSelectionEpsilon(0.5)));
    assertEquals(a.clusterSelectionEpsilon(0.5), Hdbscan.minClusterSize(5).clusterSelectionEpsilon(0.5));
    assertEquals("Hdbscan[minClusterSize=5, minSamples=5 (follows minClusterSize), selection=EOM, metric=EUCLIDEAN,"
        + " parallelism=1, allowSingleCluster=true, clusterSelectionEpsilon=0.5]",
        a.allowSingleCluster(true).clusterSelectionEpsilon(0.5).toString());
    assertEquals(a, Hdbscan.minClusterSize(5));
    assertEquals(a.hashCode(), Hdbscan.minClusterSize(5).hashCode());
    assertTrue(!a.equals(a.minSamples(5)), "a set minSamples differs from one that follows");
    assertEquals("Hdbscan[minClusterSize=5, minSamples=5 (follows minClusterSize), selection=EOM, metric=EUCLIDEAN,"
        + " parallelism=1]", a.toString());
  }

  @Test
  void arraysAreCopies() {
    Dataset x = column(0, 1, 2, 10, 11, 12, 5);
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(x);
    m.labels()[0] = 99;
    m.probabilities()[0] = 99;
    m.outlierScores()[0] = 99;
    m.coreDistances()[0] = 99;
    assertEquals(0, m.labels()[0]);
    assertEquals(1.0, m.probabilities()[0], 0.0);
    assertEquals(0.0, m.outlierScores()[0], 0.0);
    assertEquals(0.0, m.coreDistances()[0], 0.0);
    assertEquals(Hdbscan.minClusterSize(3).minSamples(1).fit(x), m);
  }

  static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }
}
