package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hamerly's blocked first pass (every distance, by column blocks) against a row-by-row oracle written here from
 * {@link Dist#sq}: the nearest centroid (lowest index on ties), both bounds from the exact nearest and second
 * nearest distances, the labels changed and the per-cluster sums in row order, bit for bit. The data provoke
 * ties (small integer coordinates, repeated centroids) and, optionally, infinite squared distances (coordinates
 * near 1e200); k runs past the number of centroids whose distances the pass keeps per block (lowered for the test).
 */
class HamerlyFirstPassTest {

  @Property(tries = 60)
  void blockedFirstPassEqualsRowByRowScan(@ForAll long seed, @ForAll @IntRange(min = 3, max = 64) int d,
      @ForAll @IntRange(min = 1, max = 80) int k, @ForAll @IntRange(min = 1, max = 700) int n,
      @ForAll boolean huge, @ForAll boolean fewStored) {
    check(seed, d, k, n, huge, fewStored);
  }

  /**
   * Wide rows, 65 to 256 columns or 833 to 1024, up to {@link Columns#MAX_D}, the widest the blocked pass takes (above
   * it the pass is the row scan itself, whose bounds {@link HamerlyRescanTest} checks through the fits they lead to).
   */
  @Property(tries = 25)
  void wideFirstPassEqualsRowByRowScan(@ForAll long seed, @ForAll @IntRange(min = 65, max = 256) int d,
      @ForAll @IntRange(min = 1, max = 80) int k, @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll boolean huge, @ForAll boolean fewStored, @ForAll boolean widest) {
    check(seed, widest ? d + 768 : d, k, n, huge, fewStored);
  }

  private static void check(long seed, int d, int k, int n, boolean huge, boolean fewStored) {
    Rng rng = new Rng(seed);
    double[] x = NearestTwo.tiedRows(rng, n, d, huge);
    double[] c = NearestTwo.tiedCentroids(rng, k, d);
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, null);
    if (fewStored) {
      h.storedCentroids(Math.max(1, k / 2)); // the path of more centroids than a block keeps, at small k
    }
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, 0);
    double[] sum = new double[k * d];
    double[] wsum = new double[k];
    h.reset();
    h.prepare(c, null);
    int changes = h.assign(0, n, labels, sum, wsum);

    double gUp = 1 + Dist.gamma(d);
    double gDown = 1 - Dist.gamma(d);
    double[] esum = new double[k * d];
    double[] ewsum = new double[k];
    int echanges = 0;
    for (int i = 0; i < n; i++) {
      NearestTwo o = new NearestTwo(x, i * d, c, k, d);
      int best = o.best;
      double bd = o.bd;
      double second = o.second;
      assertEquals(best, labels[i], "label of row " + i);
      assertEquals(HamerlyAssigner.pack(HamerlyAssigner.up(Math.sqrt(bd) * gUp),
          HamerlyAssigner.down(Math.sqrt(second) * gDown)), h.scratchBits()[i],
          "bounds of row " + i);
      echanges += best != 0 ? 1 : 0;
      for (int t = 0; t < d; t++) {
        esum[best * d + t] += x[i * d + t];
      }
      ewsum[best] += 1;
    }
    assertEquals(echanges, changes);
    assertArrayEquals(esum, sum);
    assertArrayEquals(ewsum, wsum);
  }
}
