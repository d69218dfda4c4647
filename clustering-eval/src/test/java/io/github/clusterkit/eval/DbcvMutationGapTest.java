package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.DbcvKernel;
import org.junit.jupiter.api.Test;

/**
 * A case that PIT's mutation audit of 2026-11-29 (DBCV) found no test for: rows of one cluster tied in their first
 * column, where the order of the spanning tree's tied edges, and so the index, depends on the second column.
 */
class DbcvMutationGapTest {

  /**
   * Cluster 0 = (0, 2), (0, 1), (0, 0), (2, 0), cluster 1 = (7, 1), (8, 0). Cluster 0's spanning tree has tied edges
   * whose order (by the rows' ranks, ranks by coordinates) decides which rows are internal: with the three rows of
   * first coordinate 0 ranked by their second coordinate, as {@code Dbcv} documents, V(0) is about 0.798; ranked the
   * other way (the order in which they are given here), about 0.674 (shown below on the kernel). The value is that of
   * the brute-force oracle ({@link BruteForce#dbcv}: ranks by coordinates, then row; Kruskal's algorithm) and the
   * same, bit for bit, for all 720 orders of the rows.
   */
  @Test
  void rowsTiedInTheirFirstColumnAreRankedByTheNext() {
    double[][] x = {{0, 2}, {0, 1}, {0, 0}, {2, 0}, {7, 1}, {8, 0}};
    int[] labels = {0, 0, 0, 0, 1, 1};
    double expected = BruteForce.dbcv(x, labels, NoisePolicy.SINGLETONS);
    double v = Dbcv.score(Dataset.of(x), labels);
    assertEquals(expected, v, 1e-12);
    int[] perm = {0, 1, 2, 3, 4, 5};
    int orders = 0;
    do {
      double[][] px = new double[6][];
      int[] pl = new int[6];
      for (int i = 0; i < 6; i++) {
        px[i] = x[perm[i]];
        pl[i] = labels[perm[i]];
      }
      assertEquals(v, Dbcv.score(Dataset.of(px), pl), 0.0, java.util.Arrays.toString(perm));
      orders++;
    } while (nextPermutation(perm));
    assertEquals(720, orders);
    // the tie order matters: the kernel given the rows in the order above, and ranked by coordinates
    double[] flat = {0, 2, 0, 1, 0, 0, 2, 0, 7, 1, 8, 0};
    int[] start = {0, 4, 6};
    double[] given = DbcvKernel.validity(flat, 2, new int[] {0, 1, 2, 3, 4, 5}, start);
    double[] ranked = DbcvKernel.validity(flat, 2, new int[] {2, 1, 0, 3, 5, 4}, start);
    assertNotEquals(given[0], ranked[0], 0.05);
    assertEquals(expected, (4 * ranked[0] + 2 * ranked[1]) / 6, 1e-12);
  }

  /** The next permutation in lexicographic order; false after the last. */
  private static boolean nextPermutation(int[] p) {
    int i = p.length - 2;
    while (i >= 0 && p[i] >= p[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = p.length - 1;
    while (p[j] <= p[i]) {
      j--;
    }
    int t = p[i];
    p[i] = p[j];
    p[j] = t;
    for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
      t = p[a];
      p[a] = p[b];
      p[b] = t;
    }
    return true;
  }
}
