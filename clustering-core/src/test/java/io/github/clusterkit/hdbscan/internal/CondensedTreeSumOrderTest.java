package io.github.clusterkit.hdbscan.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The sum of sibling stabilities that excess of mass compares with their parent's is formed in increasing order, so
 * that the decision does not depend on the order in which the siblings were found (the class Javadoc's promise).
 * Found by PIT's mutation audit of 2026-11-29: no test had siblings whose sum rounds differently by order.
 */
class CondensedTreeSumOrderTest {

  /**
   * A spanning tree given directly, every weight and lambda exact in binary (minClusterSize 2). Rows 0..3 joined at
   * weight 1 (C1), rows 4, 5 and 6, 7 each at w = 2 - 2^-51, whose lambda 1 / w rounds to 1/2 + 2^-53 (C2, C3), the
   * three joined at weight 2 (lambda 1/2) into P; rows 8, 9 at weight 1 (Q); P and Q at weight 4 (lambda 1/4).
   * Stabilities: C1 = 4 (1 - 1/2) = 2, C2 = C3 = 2 (2^-53) = 2^-52, P = 8 (1/2 - 1/4) = 2. The children's sum is
   * exactly 2 + 2^-51 (in increasing order, exact in doubles), above P's 2: C1, C2, C3 and Q are selected. Adding
   * C1's 2 first instead, 2 + 2^-52 rounds to 2 (a tie, to even), and again: P would be kept. The same tree with the
   * rows numbered backwards, and with each edge's ends swapped, gives the same clusters.
   */
  @Test
  void siblingStabilitiesAreSummedInIncreasingOrder() {
    double w2 = 2 - 0x1p-51;
    assertArrayEquals(new double[] {0.5 + 0x1p-53}, new double[] {1.0 / w2}, 0.0);
    int[] from = {0, 1, 2, 8, 4, 6, 3, 5, 7};
    int[] to = {1, 2, 3, 9, 5, 7, 4, 6, 8};
    double[] weight = {1, 1, 1, 1, w2, w2, 2, 2, 4};
    int[] expected = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3};
    assertArrayEquals(expected, CondensedTree.build(10, from, to, weight, 2, false, false, 0.0).labels);
    assertArrayEquals(expected, CondensedTree.build(10, to, from, weight, 2, false, false, 0.0).labels);
    int[] rf = new int[9];
    int[] rt = new int[9];
    for (int i = 0; i < 9; i++) {
      rf[i] = 9 - from[i];
      rt[i] = 9 - to[i];
    }
    // numbered backwards, labels follow the smallest row: Q = {0, 1}, C3 = {2, 3}, C2 = {4, 5}, C1 = {6..9}
    int[] backwards = {0, 0, 1, 1, 2, 2, 3, 3, 3, 3};
    assertArrayEquals(backwards, CondensedTree.build(10, rf, rt, weight, 2, false, false, 0.0).labels);
    assertArrayEquals(backwards, CondensedTree.build(10, rt, rf, weight, 2, false, false, 0.0).labels);
    assertArrayEquals(new double[] {2, 0x1p-52, 0x1p-52, 2 * 0.75},
        CondensedTree.build(10, from, to, weight, 2, false, false, 0.0).stabilities, 0.0);
  }
}
