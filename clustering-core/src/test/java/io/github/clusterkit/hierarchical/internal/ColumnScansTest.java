package io.github.clusterkit.hierarchical.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The column-by-column scans of {@link PrimSingle} and {@link CentroidWard} build the same trees, bit for
 * bit, as the row-major scans they replaced (kept as test oracles), including where distances tie exactly
 * (integer lattices, duplicated rows) and where different squared distances share a square root.
 */
class ColumnScansTest {

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

  private static void assertSameTree(Tree expected, Tree actual, String what) {
    assertArrayEquals(expected.left, actual.left, what + ": left");
    assertArrayEquals(expected.right, actual.right, what + ": right");
    assertArrayEquals(expected.height, actual.height, 0.0, what + ": height");
    assertArrayEquals(expected.count, actual.count, what + ": count");
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void primEqualsTheRowMajorScan(@ForAll long seed, @ForAll @IntRange(min = 2, max = 1200) int n,
      @ForAll @IntRange(min = 1, max = 12) int d, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 2) int metric) {
    // n up to 1200 crosses the 512-point blocks of the scan.
    double[] v = rows(seed, n, d, kind);
    Metric m = Metric.values()[metric];
    assertSameTree(RowMajorPrimSingle.run(v, n, d, m), PrimSingle.run(v, n, d, m), m + " kind " + kind);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void centroidWardEqualsTheRowMajorScan(@ForAll long seed, @ForAll @IntRange(min = 2, max = 1200) int n,
      @ForAll @IntRange(min = 1, max = 12) int d, @ForAll @IntRange(min = 0, max = 2) int kind) {
    double[] v = rows(seed, n, d, kind);
    assertSameTree(RowMajorCentroidWard.run(v, n, d), CentroidWard.run(v, n, d), "kind " + kind);
  }

  @Test
  void primBreaksTiesOfRoundedRootsByIndex() {
    // From row 0, rows 1 and 2 have different squared distances, 1^2 + (1 + 2^-52)^2 = 2 + 2^-51 (rounded)
    // and 2, with the same root 1.4142135623730951: SciPy's Prim (distances compared after the root) sees a
    // tie and takes row 1, the smaller index; comparing the squares would take row 2 and record other edges.
    double[] v = {0, 0, 1, 1 + Math.ulp(1.0), -1, -1};
    double r = Math.sqrt(2);
    assertEquals(r, Math.sqrt(1 + (1 + Math.ulp(1.0)) * (1 + Math.ulp(1.0))), 0.0, "the premise");
    Tree t = PrimSingle.run(v, 3, 2, Metric.EUCLIDEAN);
    // Expected by hand from SciPy 1.10's mst_single_linkage: edges (0, 1, r) then (1, 2, r); relabelled,
    // merge 0 joins leaves 0 and 1 into cluster 3, merge 1 joins leaf 2 and cluster 3.
    assertArrayEquals(new int[] {0, 2}, t.left);
    assertArrayEquals(new int[] {1, 3}, t.right);
    assertArrayEquals(new double[] {r, r}, t.height, 0.0);
    assertSameTree(RowMajorPrimSingle.run(v, 3, 2, Metric.EUCLIDEAN), t, "oracle");
  }

  @Test
  void squaresWithTheSameRootExist() {
    // The premise of the tie rule: over [1, 4) sqrt maps about two squares onto each root.
    double x = 2;
    assertEquals(Math.sqrt(x), Math.sqrt(Math.nextUp(x)), 0.0);
  }
}
