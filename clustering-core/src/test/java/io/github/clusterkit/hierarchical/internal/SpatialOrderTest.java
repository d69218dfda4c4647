package io.github.clusterkit.hierarchical.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link SpatialOrder} is a permutation, also on lattices and on many equal rows. */
class SpatialOrderTest {

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void isAPermutation(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 0, max = 2) int kind) {
    Rng rng = new Rng(seed);
    double[] v = new double[n * d];
    for (int i = 0; i < v.length; i++) {
      double x = rng.nextGaussian() * 3;
      v[i] = kind == 0 ? x : kind == 1 ? Math.rint(x) : 1.5; // continuous, lattice, all equal
    }
    int[] order = SpatialOrder.of(v, n, d);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    assertArrayEquals(identity, sorted);
  }
}
