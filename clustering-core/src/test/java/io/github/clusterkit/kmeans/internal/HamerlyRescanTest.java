package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hamerly's bounded passes rescan the rows their bounds cannot settle either one row at a time or, listed, by blocks
 * of columns ({@code HamerlyAssigner.rescan}); both must give the same fit bit for bit: centroids, labels, inertia,
 * iterations and convergence, and the same as Lloyd's assignment (the oracle of exactness: every label the nearest
 * centroid, lowest index on ties; by blocks of columns from 3 to 256 columns, with and without the engine's column
 * copy). The data provoke exact ties (small integer coordinates, repeated initial centroids) and many rescans
 * (initial centroids drawn from a few rows, so that early passes move many rows); k runs past the centroids whose
 * distances a block keeps (lowered to half of k with {@code fewStored}), and up to three threads share the passes.
 */
class HamerlyRescanTest {

  @Property(tries = 80)
  void rescansByBlocksEqualRowByRowRescans(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 70) int k, @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll boolean lattice, @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll boolean fewStored) {
    check(seed, d, k, n, lattice, weighted, threads, fewStored);
  }

  /**
   * Wide rows: 60 to 300 columns (both sides of 64, where the blocks grow from 64 KiB to 512 KiB), or 860 to 1100
   * (both sides of {@link Columns#MAX_D}, 1024: blocks up to it, row by row above).
   */
  @Property(tries = 25)
  void wideRescansByBlocksEqualRowByRowRescans(@ForAll long seed, @ForAll @IntRange(min = 60, max = 300) int d,
      @ForAll @IntRange(min = 1, max = 70) int k, @ForAll @IntRange(min = 1, max = 1200) int n,
      @ForAll boolean lattice, @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll boolean fewStored, @ForAll boolean widest) {
    check(seed, widest ? d + 800 : d, k, widest ? Math.min(n, 400) : n, lattice, weighted, threads, fewStored);
  }

  private static void check(long seed, int d, int k, int n, boolean lattice, boolean weighted, int threads,
      boolean fewStored) {
    int stored = fewStored ? Math.max(1, k / 2) : HamerlyAssigner.STORED_CENTROIDS;
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    int blobs = 1 + rng.nextInt(8);
    double[] centres = new double[blobs * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.uniform(-20, 20);
    }
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(blobs);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = lattice ? rng.nextInt(3) : centres[b * d + t] + rng.nextGaussian();
      }
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 0.25 + rng.nextInt(4);
      }
    }
    double[] c0 = new double[k * d];
    for (int j = 0; j < k; j++) {
      int row = rng.nextInt(Math.min(n, 1 + rng.nextInt(5)));
      System.arraycopy(x, row * d, c0, j * d, d);
      if (rng.nextInt(3) == 0) {
        c0[j * d + rng.nextInt(d)] += 0.5 * (1 + j); // not all centroids coincide
      }
    }
    Engine.Run byRows = fit(x, n, d, k, w, c0, threads, Integer.MAX_VALUE, stored);
    Engine.Run byBlocks = fit(x, n, d, k, w, c0, threads, 1, stored);
    // Lloyd as the oracle, with the column copy its run makes (given centroids, no seeding) and without it (each pass
    // copies its blocks).
    Engine.Run lloyd;
    try (Engine e = new Engine(x, n, d, k, w, new LloydAssigner(x, n, d, k, w), threads)) {
      lloyd = e.run(c0, 30, 0);
    }
    Engine.Run lloydNoCopy;
    try (Engine e = new Engine(x, n, d, k, w, new LloydAssigner(x, n, d, k, w), threads)) {
      e.columnLimit(0);
      lloydNoCopy = e.run(c0, 30, 0);
    }
    for (Engine.Run r : new Engine.Run[] {byBlocks, lloyd, lloydNoCopy}) {
      assertEquals(byRows.iterations, r.iterations, "iterations");
      assertEquals(byRows.converged, r.converged, "converged");
      assertArrayEquals(byRows.labels, r.labels, "labels");
      assertEquals(Double.doubleToRawLongBits(byRows.inertia), Double.doubleToRawLongBits(r.inertia), "inertia");
      for (int j = 0; j < k * d; j++) {
        assertEquals(Double.doubleToRawLongBits(byRows.centers[j]), Double.doubleToRawLongBits(r.centers[j]),
            "centroid value " + j);
      }
    }
  }

  private static Engine.Run fit(double[] x, int n, int d, int k, double[] w, double[] c0, int threads, int minRows,
      int stored) {
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, w);
    h.rescanMinRows(minRows);
    h.storedCentroids(stored);
    try (Engine e = new Engine(x, n, d, k, w, h, threads)) {
      return e.run(c0, 30, 0);
    }
  }
}
