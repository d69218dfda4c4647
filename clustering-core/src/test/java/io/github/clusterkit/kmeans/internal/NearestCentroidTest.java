package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestCentroid} (by blocks of columns, branch-free folds) gives every row the centroid of a plain row scan of
 * {@link Dist#sq} ({@link NearestTwo}: the lowest index on ties), on data that provoke exact ties (small integer
 * coordinates, repeated centroids), for widths on both sides of {@link Columns#MAX_D}, centroid counts of either
 * parity (pairs and the odd one out), and row counts across several blocks with a short last one.
 */
class NearestCentroidTest {

  @Property(tries = 80)
  void blockLabelsEqualTheRowScan(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 900) int n,
      @ForAll boolean gaussian) {
    check(seed, d, k, n, gaussian);
  }

  /**
   * Wide rows: 60 to 300 columns (both sides of 64, where the blocks grow from 64 KiB to 512 KiB), or 860 to 1100
   * (both sides of {@link Columns#MAX_D}, 1024: blocks up to it, row by row above).
   */
  @Property(tries = 30)
  void wideBlockLabelsEqualTheRowScan(@ForAll long seed, @ForAll @IntRange(min = 60, max = 300) int d,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 500) int n,
      @ForAll boolean gaussian, @ForAll boolean widest) {
    check(seed, widest ? d + 800 : d, k, n, gaussian);
  }

  /**
   * Rows wider than {@link Columns#MAX_D}, always (the property above reaches them in about one try in six): the row
   * scan, with ties among the centroids.
   */
  @Test
  void rowsWiderThanTheBlocksEqualTheRowScan() {
    for (int extra : new int[] {1, 7, 76}) {
      check(extra, Columns.MAX_D + extra, 9, 70, extra % 2 == 0);
    }
  }

  private static void check(long seed, int d, int k, int n, boolean gaussian) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = gaussian ? rng.nextGaussian() : rng.nextInt(3) - 1;
    }
    double[] c = NearestTwo.tiedCentroids(rng, k, d);
    int[] got = new int[n];
    NearestCentroid.labels(x, n, d, c, k, got);
    for (int i = 0; i < n; i++) {
      assertEquals(new NearestTwo(x, i * d, c, k, d).best, got[i], "row " + i + " (n " + n + ", d " + d + ", k "
          + k + ")");
    }
  }
}
