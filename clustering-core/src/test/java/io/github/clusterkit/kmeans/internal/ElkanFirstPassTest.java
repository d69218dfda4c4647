package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Elkan's first pass (every distance; by column blocks from 3 to {@link Columns#MAX_D} columns, row by row outside)
 * against a row-by-row oracle written here from {@link Dist#sq}: the nearest centroid (lowest index on ties), the upper
 * bound from the nearest distance, the lower bound to every centroid from its distance, the labels changed and the
 * per-cluster sums in row order (with the reference-point sums of the run's first pass, or without), bit for bit. The
 * data provoke ties (small integer coordinates, repeated centroids) and, optionally, infinite squared distances
 * (coordinates near 1e200). A pass that set a lower bound from another centroid's distance, or a label from the highest
 * of tied centroids, fails here; the fits that such bounds lead to are checked against Lloyd's in
 * {@code KMeansPropertiesTest}.
 */
class ElkanFirstPassTest {

  @Property(tries = 60)
  void firstPassEqualsRowByRowScan(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int d,
      @ForAll @IntRange(min = 1, max = 80) int k, @ForAll @IntRange(min = 1, max = 700) int n,
      @ForAll boolean huge, @ForAll boolean tracked) {
    check(seed, d, k, n, huge, tracked);
  }

  /**
   * Wide rows: 65 to 300 columns (blocks of 512 KiB), or 865 to 1100 (both sides of {@link Columns#MAX_D}, 1024, the
   * widest the blocked pass takes).
   */
  @Property(tries = 25)
  void wideFirstPassEqualsRowByRowScan(@ForAll long seed, @ForAll @IntRange(min = 65, max = 300) int d,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll boolean huge, @ForAll boolean tracked, @ForAll boolean widest) {
    check(seed, widest ? d + 800 : d, k, n, huge, tracked);
  }

  private static void check(long seed, int d, int k, int n, boolean huge, boolean tracked) {
    Rng rng = new Rng(seed);
    double[] x = NearestTwo.tiedRows(rng, n, d, huge);
    double[] c = NearestTwo.tiedCentroids(rng, k, d);
    ElkanAssigner e = new ElkanAssigner(x, n, d, k, null);
    int[] labels = new int[n];
    double[] sum = new double[k * d];
    double[] wsum = new double[tracked ? 2 * k : k];
    e.trackReference(tracked ? c : null);
    e.reset();
    e.prepare(c, null);
    int changes = e.assign(0, n, labels, sum, wsum);

    double gUp = 1 + Dist.gamma(d);
    double gDown = 1 - Dist.gamma(d);
    double[] esum = new double[k * d];
    double[] ewsum = new double[wsum.length];
    int echanges = 0;
    for (int i = 0; i < n; i++) {
      NearestTwo o = new NearestTwo(x, i * d, c, k, d);
      assertEquals(o.best, labels[i], "label of row " + i);
      assertEquals(Math.sqrt(o.bd) * gUp, e.upperBounds()[i], "upper bound of row " + i);
      for (int j = 0; j < k; j++) {
        assertEquals(Math.sqrt(Dist.sq(x, i * d, c, j * d, d)) * gDown, e.lowerBounds()[i * k + j],
            "lower bound of row " + i + " to centroid " + j);
      }
      echanges += o.best != 0 ? 1 : 0;
      for (int t = 0; t < d; t++) {
        esum[o.best * d + t] += x[i * d + t];
      }
      ewsum[o.best] += 1;
      if (tracked) {
        ewsum[k + o.best] += Dist.sq(x, i * d, c, o.best * d, d);
      }
    }
    assertEquals(echanges, changes);
    assertArrayEquals(esum, sum);
    assertArrayEquals(ewsum, wsum);
  }
}
