package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Duplicate rows merge at height 0 under Ward by centroids too. Before, a merged centroid was the rounded
 * weighted mean {@code (2 * 0.1 + 0.1) / 3 = 0.10000000000000002}, not 0.1, so the third copy of a row merged
 * 1.7e-17 above 0 and, with five copies, in another order than SciPy's (cuts then differed from
 * scikit-learn's). Expected values: SciPy 1.10.1 {@code linkage(X, 'ward')} and scikit-learn 1.2.1
 * {@code AgglomerativeClustering(n_clusters=k, linkage='ward').fit(X).labels_}, printed by
 * {@code /usr/bin/python3 tools/hierarchical_reference.py --duplicates}; all heights of merges of copies are 0
 * in exact arithmetic too.
 */
class HierarchicalDuplicatesTest {

  private static final Agglomerative[] WARDS = {
    Agglomerative.linkage(Linkage.WARD), Agglomerative.linkage(Linkage.WARD).wardByCentroids(false)};

  private static double[][] copies(double[] row, int n) {
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = row.clone();
    }
    return x;
  }

  private static void assertCutsAre(int[][] sklearnLabels, Dendrogram t, String what) {
    for (int k = 1; k <= sklearnLabels.length; k++) {
      HierarchicalReferenceTest.assertSamePartition(sklearnLabels[k - 1], t.cut(k), what + " k = " + k);
    }
  }

  @Test
  void fourCopiesOfARowMergeAtZeroAsInSciPy() {
    Dataset x = Dataset.of(copies(new double[] {0.1}, 4));
    int[][] sklearn = {{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 2, 1}, {3, 1, 2, 0}};
    for (Agglomerative a : WARDS) {
      Dendrogram t = a.fit(x);
      // SciPy: [[0, 1, 0.0, 2], [2, 4, 0.0, 3], [3, 5, 0.0, 4]]; before, the last height was 1.6996749443881478e-17.
      assertArrayEquals(new double[][] {{0, 1, 0, 2}, {2, 4, 0, 3}, {3, 5, 0, 4}}, t.linkageMatrix(), a.toString());
      assertCutsAre(sklearn, t, a.toString());
    }
  }

  @Test
  void fiveCopiesOfARowChainAsInSciPy() {
    Dataset x = Dataset.of(copies(new double[] {0.1}, 5));
    int[][] sklearn = {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 2, 1}, {0, 0, 3, 2, 1}, {4, 3, 1, 2, 0}};
    for (Agglomerative a : WARDS) {
      Dendrogram t = a.fit(x);
      // SciPy chains 3 -> 6 and 4 -> 7; before, the centroids merged (3, 4) and then (6, 7) at 2.1e-17.
      assertArrayEquals(new double[][] {{0, 1, 0, 2}, {2, 5, 0, 3}, {3, 6, 0, 4}, {4, 7, 0, 5}}, t.linkageMatrix(),
          a.toString());
      assertCutsAre(sklearn, t, a.toString());
    }
  }

  @Test
  void copiesAmongDistinctRowsMergeFirstAtZero() {
    // Four copies of (0.1, 0.7), four of (0.3, 0.2) and one (0.9, 0.9).
    double[] p = {0.1, 0.7};
    double[] q = {0.3, 0.2};
    Dataset x = Dataset.of(new double[][] {p, q, p, {0.9, 0.9}, p, q, p, q, q});
    // SciPy: the six merges of copies at 0.0, then 1.043072384832424 and 1.141538922293546.
    double[][] scipy = {{0, 2, 0, 2}, {1, 5, 0, 2}, {4, 9, 0, 3}, {6, 11, 0, 4}, {7, 10, 0, 3}, {8, 13, 0, 4},
        {3, 12, 1.043072384832424, 5}, {14, 15, 1.141538922293546, 9}};
    int[][] sklearn = {{0, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 1, 0, 1, 1}, {1, 0, 1, 2, 1, 0, 1, 0, 0},
        {1, 0, 1, 2, 1, 0, 1, 0, 3}, {0, 1, 0, 2, 0, 1, 0, 4, 3}, {0, 1, 0, 5, 0, 1, 2, 4, 3},
        {1, 0, 1, 5, 6, 0, 2, 4, 3}, {0, 7, 0, 5, 6, 3, 2, 4, 1}, {8, 7, 4, 5, 6, 3, 2, 1, 0}};
    for (Agglomerative a : WARDS) {
      Dendrogram t = a.fit(x);
      double[][] z = t.linkageMatrix();
      for (int i = 0; i < z.length; i++) {
        assertEquals(scipy[i][0], z[i][0], a + " merge " + i);
        assertEquals(scipy[i][1], z[i][1], a + " merge " + i);
        assertEquals(scipy[i][3], z[i][3], a + " merge " + i);
        if (i < 6) {
          assertEquals(0.0, z[i][2], a + " merge " + i); // exactly
        } else {
          // The closed form on centroids rounds otherwise than SciPy's recurrence (1e-13 relative, Agglomerative).
          assertEquals(scipy[i][2], z[i][2], 1e-13 * scipy[i][2], a + " merge " + i);
        }
      }
      assertCutsAre(sklearn, t, a.toString());
    }
  }

  /**
   * Every row of random continuous data repeated {@code r} times, the copies shuffled: the {@code n (r - 1)}
   * merges of copies come first, at height 0 exactly; the rest is the tree of the distinct rows with every
   * cluster {@code r} times larger, so its Ward heights are {@code sqrt(r)} times theirs (exact arithmetic: both
   * sizes times r multiply {@code 2 |A| |B| / (|A| + |B|)} by r) and its cuts are theirs.
   */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void repeatedRowsMergeFirstAtZero(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 2, max = 6) int r) {
    double[][] x = HierarchicalPropertiesTest.rows(seed, n, d, 0);
    int m = n * r;
    int[] perm = new int[m];
    for (int i = 0; i < m; i++) {
      perm[i] = i;
    }
    new Rng(seed ^ 0x9E3779B97F4A7C15L).shuffle(perm);
    int[] source = new int[m]; // row i of y is a copy of row source[i] of x
    double[][] y = new double[m][];
    for (int i = 0; i < m; i++) {
      source[i] = perm[i] % n;
      y[i] = x[source[i]].clone();
    }
    for (Agglomerative a : WARDS) {
      Dendrogram tx = a.fit(Dataset.of(x));
      Dendrogram ty = a.fit(Dataset.of(y));
      double[] hx = tx.heights();
      double[] hy = ty.heights();
      int zeros = n * (r - 1);
      for (int i = 0; i < zeros; i++) {
        assertEquals(0.0, hy[i], a + " merge " + i);
      }
      for (int i = 0; i < n - 1; i++) {
        double expected = Math.sqrt(r) * hx[i];
        assertTrue(hy[zeros + i] > 0, a + " merge " + (zeros + i));
        assertEquals(expected, hy[zeros + i], 1e-12 * expected, a + " merge " + (zeros + i));
      }
      for (int k = 1; k <= n; k++) {
        int[] lx = tx.cut(k);
        int[] mapped = new int[m];
        for (int i = 0; i < m; i++) {
          mapped[i] = lx[source[i]];
        }
        HierarchicalReferenceTest.assertSamePartition(mapped, ty.cut(k), a + " k = " + k);
      }
    }
  }

  /** {@code 0.1} moved up by {@code k} ulps. */
  private static double up(int k) {
    double v = 0.1;
    for (int i = 0; i < k; i++) {
      v = Math.nextUp(v);
    }
    return v;
  }

  /**
   * Rows within 3 ulps of one another (found by a search over such rows): the rounded centroids make Ward's
   * distance non-reducible, so that a merged pair also sits lower in the chain, which the chain must then cut
   * (without it, an {@code ArrayIndexOutOfBoundsException}). Rows 0, 2 and 3 are duplicates.
   */
  @Test
  void nearDuplicatesKeepAWellFormedTree() {
    int[][] k = {{0, 2}, {1, 3}, {0, 2}, {0, 2}, {0, 0}, {3, 0}, {3, 1}, {3, 3}, {2, 0}};
    double[][] x = new double[k.length][];
    for (int i = 0; i < k.length; i++) {
      x[i] = new double[] {up(k[i][0]), up(k[i][1])};
    }
    double[][] z = Agglomerative.linkage(Linkage.WARD).fit(Dataset.of(x)).linkageMatrix();
    int n = x.length;
    boolean[] used = new boolean[2 * n - 1];
    int[] size = new int[2 * n - 1];
    java.util.Arrays.fill(size, 0, n, 1);
    for (int i = 0; i < n - 1; i++) {
      int a = (int) z[i][0];
      int b = (int) z[i][1];
      assertTrue(a < b && b < n + i && !used[a] && !used[b], "merge " + i);
      used[a] = true;
      used[b] = true;
      size[n + i] = size[a] + size[b];
      assertEquals(size[n + i], (int) z[i][3], "merge " + i);
      assertTrue(i == 0 || z[i][2] >= z[i - 1][2], "heights never decrease");
      assertTrue(z[i][2] < 1e-15, "merge " + i); // the rows span 3 ulps of 0.1, 4.2e-17
    }
    // The three duplicates first, at 0 exactly, as SciPy's first two rows (tools/hierarchical_reference.py
    // --duplicates, "near"; the later heights, 1.4e-17 to 7.8e-17, are rounding and may order otherwise).
    assertArrayEquals(new double[][] {{0, 2, 0, 2}, {3, 9, 0, 3}}, new double[][] {z[0], z[1]});
  }
}
