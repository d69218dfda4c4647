package io.github.clusterkit.hierarchical.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The cached chain with its blocked update and its compactions of the matrix builds the same tree, bit for
 * bit, as SciPy's plain chain ({@link CondensedNnChain}, step for step SciPy's {@code nn_chain}), also when
 * it compacts at widths far below the default (so that small inputs compact many times, with chains,
 * invalid caches and exact ties alive across a compaction), on inputs wider than one update block, and
 * with the points stored in another order than their indices (the library's {@link SpatialOrder}, or a
 * shuffle), where every tie must still be decided on the original indices; and whether the rescans read
 * whole rows or skip blocks by their bounds ({@link BlockBounds}, here with blocks of 2 to 32 slots).
 */
class CompactedChainTest {

  /** kind 0: continuous; 1: integer lattice (many exact ties); 2: a few distinct rows repeated. */
  private static double[] rows(long seed, int n, int d, int kind) {
    Rng rng = new Rng(seed);
    double[] v = new double[n * d];
    int distinct = 1 + rng.nextInt(Math.max(1, n / 3));
    double spread = 0.5 + 4 * rng.nextDouble();
    for (int i = 0; i < n; i++) {
      if (kind == 2 && i >= distinct) {
        System.arraycopy(v, rng.nextInt(distinct) * d, v, i * d, d);
        continue;
      }
      for (int j = 0; j < d; j++) {
        double x = rng.nextGaussian() * spread;
        v[i * d + j] = kind == 1 ? Math.rint(x) : x;
      }
    }
    return v;
  }

  /** A seeded random permutation of {@code 0 .. n-1} (Fisher-Yates); also used by HierarchicalMutationGapTest. */
  static int[] shuffle(long seed, int n) {
    Rng rng = new Rng(seed ^ 0x5DEECE66DL);
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
  void compactedChainEqualsThePlainChain(@ForAll long seed, @ForAll @IntRange(min = 2, max = 700) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 2) int method, @ForAll @IntRange(min = 0, max = 2) int metric,
      @ForAll @IntRange(min = 2, max = 80) int compactMin, @ForAll @IntRange(min = 0, max = 2) int orderKind,
      @ForAll @IntRange(min = 1, max = 2) int threads, @ForAll @IntRange(min = 0, max = 5) int boundShift) {
    double[] v = rows(seed, n, d, kind);
    Metric m = method == CondensedNnChain.WARD ? Metric.EUCLIDEAN : Metric.values()[metric];
    Tree expected = CondensedNnChain.run(MatrixFill.condensed(v, n, d, m), n, method);
    // Storage order: the rows' own, the spatial order of the library, or a shuffle (ties far apart).
    int[] order = orderKind == 0 ? null : orderKind == 1 ? SpatialOrder.of(v, n, d) : shuffle(seed, n);
    double[] nnVal = new double[n];
    int[] nnIdx = new int[n];
    // Block bounds of 2^boundShift slots filled with the matrix (small blocks: many skipped in rescans), or
    // unknown bounds (0: every block read).
    BlockBounds bounds = boundShift == 0 ? BlockBounds.unknown(n) : BlockBounds.forFill(n, boundShift);
    double[] dist = MatrixFill.condensed(v, n, d, m, threads, nnVal, nnIdx, order,
        boundShift == 0 ? null : bounds);
    Tree actual = CachedNnChain.run(dist, n, method, nnVal, nnIdx, bounds, order, compactMin);
    String what = "method " + method + " " + m + " compactMin " + compactMin + " order " + orderKind
        + " boundShift " + boundShift;
    assertArrayEquals(expected.left, actual.left, what + ": left");
    assertArrayEquals(expected.right, actual.right, what + ": right");
    assertArrayEquals(expected.height, actual.height, 0.0, what + ": height");
    assertArrayEquals(expected.count, actual.count, what + ": count");
  }
}
