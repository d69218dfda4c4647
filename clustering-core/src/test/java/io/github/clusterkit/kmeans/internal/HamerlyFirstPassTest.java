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
    check(seed, d, k, n, huge, fewStored, false);
  }

  /**
   * Two columns (the pass's own two-column scan) and rows wider than {@link Columns#MAX_D} (the row scan), each also
   * with sums that take label changes only ({@link Assigner#accumulateMoves}: the sums become differences, the old
   * cluster's minus the row, the new one's plus it), from labels drawn at random.
   */
  @Property(tries = 40)
  void twoColumnAndWidestRowPassesEqualRowByRowScan(@ForAll long seed, @ForAll boolean widest,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll boolean huge, @ForAll boolean moves) {
    int d = widest ? Columns.MAX_D + 1 + (int) Math.floorMod(seed, 60L) : 2;
    check(seed, d, k, widest ? Math.min(n, 60) : n, huge, false, moves);
  }

  /** The blocked pass with sums of label changes only, as above. */
  @Property(tries = 30)
  void blockedPassAccumulatesMovesAsTheRowByRowScan(@ForAll long seed, @ForAll @IntRange(min = 3, max = 64) int d,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 500) int n) {
    check(seed, d, k, n, false, false, true);
  }

  /**
   * Wide rows, 65 to 256 columns or 833 to 1024, up to {@link Columns#MAX_D}, the widest the blocked pass takes (above
   * it the pass is the row scan itself, whose bounds {@link HamerlyRescanTest} checks through the fits they lead to).
   */
  @Property(tries = 25)
  void wideFirstPassEqualsRowByRowScan(@ForAll long seed, @ForAll @IntRange(min = 65, max = 256) int d,
      @ForAll @IntRange(min = 1, max = 80) int k, @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll boolean huge, @ForAll boolean fewStored, @ForAll boolean widest) {
    check(seed, widest ? d + 768 : d, k, n, huge, fewStored, false);
  }

  private static void check(long seed, int d, int k, int n, boolean huge, boolean fewStored, boolean moves) {
    Rng rng = new Rng(seed);
    double[] x = NearestTwo.tiedRows(rng, n, d, huge);
    double[] c = NearestTwo.tiedCentroids(rng, k, d);
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, null);
    if (fewStored) {
      h.storedCentroids(Math.max(1, k / 2)); // the path of more centroids than a block keeps, at small k
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = moves ? rng.nextInt(k) : 0;
    }
    int[] before = labels.clone();
    double[] sum = new double[k * d];
    double[] wsum = new double[k];
    h.reset();
    h.prepare(c, null);
    h.accumulateMoves(moves);
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
      float u = HamerlyAssigner.up(Math.sqrt(bd) * gUp);
      float l = HamerlyAssigner.down(Math.sqrt(second) * gDown);
      if (d > Columns.MAX_D) {
        // the row scan stores its bounds as the bounded pass's rescans do, relative to the shift sums (0 here),
        // one more safe rounding each
        u = HamerlyAssigner.relUpper(u, 0f);
        l = HamerlyAssigner.relLower(l, 0f);
      }
      assertEquals(HamerlyAssigner.pack(u, l), h.scratchBits()[i], "bounds of row " + i);
      int old = before[i];
      echanges += best != old ? 1 : 0;
      if (!moves) {
        for (int t = 0; t < d; t++) {
          esum[best * d + t] += x[i * d + t];
        }
        ewsum[best] += 1;
      } else if (best != old) {
        for (int t = 0; t < d; t++) {
          esum[old * d + t] -= x[i * d + t];
          esum[best * d + t] += x[i * d + t];
        }
        ewsum[old] -= 1;
        ewsum[best] += 1;
      }
    }
    assertEquals(echanges, changes);
    assertArrayEquals(esum, sum);
    assertArrayEquals(ewsum, wsum);
  }
}
