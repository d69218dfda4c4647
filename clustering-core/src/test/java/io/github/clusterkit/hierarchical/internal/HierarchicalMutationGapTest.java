package io.github.clusterkit.hierarchical.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Linkage;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Tests from the PIT audit of {@code hierarchical.internal} (docs/testing.md, "Mutation testing"), one per mutant
 * that survived and changes a result or a documented output: the tie rule of {@link CentroidWard} when a merged
 * cluster ties a cluster's cached nearest neighbour (the branch no test reached), the block bounds that a merge
 * lowers across blocks in {@link CachedNnChain} (killed by random cases in some runs only), the block bounds of the
 * last row of the matrix fill, the parallel fill with more than eight threads, and the nearest neighbours that the
 * fill returns for a reordered matrix. Expected values: SciPy 1.10.1 (printed by
 * {@code /usr/bin/python3 tools/hierarchical_mutation_reference.py}), hand computations stated in place, or
 * brute-force oracles written here from the definitions.
 */
class HierarchicalMutationGapTest {

  /** Row-major data: kind 0 continuous, 1 small integers (many exact ties), 2 a few distinct rows repeated. */
  private static double[] rows(long seed, int n, int d, int kind) {
    Rng rng = new Rng(seed);
    double[] v = new double[n * d];
    int distinct = 1 + rng.nextInt(Math.max(1, n / 4));
    for (int i = 0; i < n; i++) {
      if (kind == 2 && i >= distinct) {
        System.arraycopy(v, rng.nextInt(distinct) * d, v, i * d, d);
        continue;
      }
      for (int j = 0; j < d; j++) {
        v[i * d + j] = kind == 1 ? rng.nextInt(4) : rng.nextGaussian() * 3;
      }
    }
    return v;
  }

  private static int[] shuffle(long seed, int n) {
    return CompactedChainTest.shuffle(seed ^ 0x9E3779B97F4A7C15L, n);
  }

  /** The distance between rows a and b by its definition, coordinates taken in order (pdist's bits). */
  private static double distance(double[] v, int d, int a, int b, Metric metric) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = Math.abs(v[a * d + j] - v[b * d + j]);
      if (metric == Metric.EUCLIDEAN) {
        s += t * t;
      } else if (metric == Metric.MANHATTAN) {
        s += t;
      } else {
        s = Math.max(s, t);
      }
    }
    return metric == Metric.EUCLIDEAN ? Math.sqrt(s) : s;
  }

  /** Position of the pair i < j in SciPy's condensed layout of n points. */
  private static int pair(int n, int i, int j) {
    return (int) ((long) i * n - (long) i * (i + 1) / 2 + (j - i - 1));
  }

  @Test
  void centroidWardKeepsTheSmallerIndexWhenAMergedClusterTiesACachedNeighbour() {
    // Hand computation of the chain (Ward between singletons is their Euclidean distance):
    // from 0, nn(0) = 4 (sqrt 26); nn(4) = 2 (sqrt 2, tied with 3, smaller index); nn(2) = 3 (sqrt 2, tied with 4)
    // is not strictly nearer than 4, so {2, 4} merge at sqrt 2 and keep index 4, centroid (1.5, 2, 2.5). Row 3's
    // cached neighbour is row 1 at sqrt 2, and the merged cluster is exactly as near to it:
    // 2 * 2 * 1 / 3 * (0.25 + 1 + 0.25) rounds to 2.0, so sqrt(2.0) both. SciPy's scan keeps the first of equals
    // in index order, row 1, so {1, 3} merge next; taking the merged cluster (index 4 > 1) merges {2, 3, 4}.
    double[] v = {6, 5, 1, 3, 0, 3, 1, 2, 3, 2, 1, 3, 2, 2, 2};
    double premise = Math.sqrt(2.0 * 2 * 1 / 3 * (0.25 + 1 + 0.25));
    assertEquals(Math.sqrt(2), premise, 0.0, "the premise: an exact tie at sqrt 2");
    Tree t = CentroidWard.run(v, 5, 3);
    // SciPy 1.10.1 linkage(X, 'ward'), tools/hierarchical_mutation_reference.py:
    // [2, 4, 1.4142135623730951, 2], [1, 3, 1.4142135623730951, 2], [5, 6, 2.6457513110645903, 4],
    // [0, 7, 7.280109889280519, 5]. The last two heights differ in the last digit (by centroids, not by
    // SciPy's recurrence: agreement to about 1e-13 relative is the documented contract).
    assertArrayEquals(new int[] {2, 1, 5, 0}, t.left, "left");
    assertArrayEquals(new int[] {4, 3, 6, 7}, t.right, "right");
    assertArrayEquals(new int[] {2, 2, 4, 5}, t.count, "count");
    double[] scipy = {1.4142135623730951, 1.4142135623730951, 2.6457513110645903, 7.280109889280519};
    for (int k = 0; k < 4; k++) {
      assertEquals(scipy[k], t.height[k], 1e-13 * scipy[k], "height " + k);
    }
    // The same tree, bit for bit, as the row-major oracle with the same tie rule.
    Tree oracle = RowMajorCentroidWard.run(v, 5, 3);
    assertArrayEquals(oracle.left, t.left);
    assertArrayEquals(oracle.right, t.right);
    assertArrayEquals(oracle.height, t.height, 0.0);
    // And through the public API (the default Ward), as SciPy's linkage matrix.
    double[][] z = Agglomerative.linkage(Linkage.WARD).fit(Dataset.wrap(v, 5, 3)).linkageMatrix();
    for (int k = 0; k < 4; k++) {
      assertEquals(t.left[k], z[k][0], "merge " + k);
      assertEquals(t.right[k], z[k][1], "merge " + k);
    }
  }

  @Test
  void cachedChainLowersTheBoundsOfAMergeAcrossBlocks() {
    // Blocks of two slots: the Ward merges here move distances below the bound of the merged cluster's block
    // while the other merged slot lies in another block (CachedNnChain.update must then lower that bound, or a
    // later rescan skips the block that holds the nearest neighbour). The cached chain must still give SciPy's
    // nn_chain bit for bit. Before these tests, only the random cases of CompactedChainTest reached this, in
    // some runs only. Expected: SciPy 1.10.1 linkage(X, 'ward'), tools/hierarchical_mutation_reference.py
    // ("bounds"); a bound left too high gave the height 11.343133018115703 for merge 7 on this input.
    double[] v = {6, -9, 2, -4, 2, 2, 2, 2, -8, -8, 0, -1, 0, 3, -1, -1, -4, -2, -5, -6, 1, 3, -1, -10, -2, 0, -6,
        -6, 1, -8, -1, 1, 4};
    int n = 11;
    BlockBounds bounds = BlockBounds.forFill(n, 1);
    double[] nnVal = new double[n];
    int[] nnIdx = new int[n];
    double[] dist = MatrixFill.condensed(v, n, 3, Metric.EUCLIDEAN, 1, nnVal, nnIdx, null, bounds);
    Tree t = CachedNnChain.run(dist, n, CondensedNnChain.WARD, nnVal, nnIdx, bounds, null, 25);
    assertArrayEquals(new int[] {1, 2, 8, 5, 4, 3, 12, 15, 0, 17}, t.left, "left");
    assertArrayEquals(new int[] {10, 7, 9, 6, 11, 14, 13, 16, 18, 19}, t.right, "right");
    assertArrayEquals(new int[] {2, 2, 2, 2, 3, 3, 4, 6, 7, 11}, t.count, "count");
    assertArrayEquals(new double[] {3.7416573867739413, 3.7416573867739413, 4.58257569495584, 5.385164807134504,
        5.715476066494082, 8.18535277187245, 9.617692030835672, 11.343133018115704, 16.338677454199924,
        20.52129081279676}, t.height, 0.0, "height");
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void blockBoundsAfterTheFillAreTheExactBlockMinima(@ForAll long seed,
      @ForAll @IntRange(min = 2, max = 200) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 0, max = 2) int metric,
      @ForAll @IntRange(min = 1, max = 5) int shift, @ForAll boolean reorder) {
    // BlockBounds' Javadoc: the bounds are exact block minima when the matrix is filled. Oracle: for slot i and
    // block b, the smallest d(i, j) over the slots j != i of the block, read from the filled matrix (+inf when i
    // is the block's only slot). The last row's block (row n - 2 gives slot n - 1 its bound) is where a fill that
    // stored the gathered column minima too early left a bound above the minimum.
    double[] v = rows(seed, n, d, kind);
    Metric m = Metric.values()[metric];
    int[] order = reorder ? shuffle(seed, n) : null;
    BlockBounds bounds = BlockBounds.forFill(n, shift);
    double[] dist = MatrixFill.condensed(v, n, d, m, 1, new double[n], new int[n], order, bounds);
    int size = 1 << shift;
    assertEquals((n + size - 1) / size, bounds.nb, "blocks");
    assertEquals(n, bounds.width, "width");
    for (int b = 0; b < bounds.nb; b++) {
      for (int i = 0; i < n; i++) {
        double expected = Double.POSITIVE_INFINITY;
        for (int j = b * size; j < Math.min(n, (b + 1) * size); j++) {
          if (j != i) {
            expected = Math.min(expected, dist[i < j ? pair(n, i, j) : pair(n, j, i)]);
          }
        }
        assertEquals(expected, bounds.bnd[b * bounds.width + i], 0.0, "slot " + i + " block " + b + " of " + n);
      }
    }
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void neighboursOfAReorderedFillAreTheNearestBySmallestOriginalIndex(@ForAll long seed,
      @ForAll @IntRange(min = 2, max = 120) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 0, max = 2) int metric) {
    // MatrixFill.condensed's outputs: position s holds row order[s]; nnVal[s] is its smallest distance to another
    // position and nnIdx[s] the position, of smallest original index, at that distance. Oracle: a scan of all
    // pairs from the data by the metric's definition.
    double[] v = rows(seed, n, d, kind);
    Metric m = Metric.values()[metric];
    int[] order = shuffle(seed, n);
    double[] nnVal = new double[n];
    int[] nnIdx = new int[n];
    double[] dist = MatrixFill.condensed(v, n, d, m, 1, nnVal, nnIdx, order);
    for (int s = 0; s < n; s++) {
      double best = Double.POSITIVE_INFINITY;
      int bestPos = -1;
      for (int t = 0; t < n; t++) {
        if (t == s) {
          continue;
        }
        double x = distance(v, d, order[s], order[t], m);
        if (t > s) {
          assertEquals(x, dist[pair(n, s, t)], 0.0, "entry " + s + ", " + t);
        }
        if (x < best || (x == best && order[t] < order[bestPos])) {
          best = x;
          bestPos = t;
        }
      }
      assertEquals(best, nnVal[s], 0.0, "nnVal at position " + s);
      assertEquals(bestPos, nnIdx[s], "nnIdx at position " + s);
    }
  }

  @Test
  void aFillOnMoreThanEightThreadsEqualsTheOneThreadFill() {
    // The parallel fill cuts the rows into 8 chunks per thread; the one-thread fill computes every entry the
    // same way, so it is the exact expectation for any thread count (Agglomerative.parallelism accepts any
    // count >= 1). n = 1100 is above the 1024 rows from which the parallel path runs.
    int n = 1100;
    int d = 3;
    double[] v = rows(17, n, d, 1);
    int[] order = shuffle(17, n);
    double[] nnVal1 = new double[n];
    int[] nnIdx1 = new int[n];
    double[] one = MatrixFill.condensed(v, n, d, Metric.EUCLIDEAN, 1, nnVal1, nnIdx1, order);
    for (int threads : new int[] {9, 16}) {
      double[] nnVal = new double[n];
      int[] nnIdx = new int[n];
      double[] many = MatrixFill.condensed(v, n, d, Metric.EUCLIDEAN, threads, nnVal, nnIdx, order);
      assertArrayEquals(one, many, threads + " threads: matrix");
      assertArrayEquals(nnVal1, nnVal, threads + " threads: nnVal");
      assertArrayEquals(nnIdx1, nnIdx, threads + " threads: nnIdx");
    }
  }
}
