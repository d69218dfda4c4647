package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hamerly's bounded pass takes a block whole when most of its rows are open ({@code HamerlyAssigner.dense}): every row
 * compared with every centroid from the block's columns, instead of the open rows' rescans. Taken from any share of
 * open rows ({@code denseEighths(0)} to {@code (8)}: on every block, or on some blocks, whose bounds the later passes'
 * other blocks then test) and never ({@code denseEighths(9)}), the fit must be the same bit for bit, and Lloyd's:
 * centroids, labels, inertia, iterations and convergence; with the column copy (made by the seeding) and without it,
 * with weights (every row added to the sums by the pass) and without (label changes moved), on 1 to 3 threads.
 */
class HamerlyDenseTest {

  @Property(tries = 80)
  void wholeBlocksGiveTheRescansFit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll boolean lattice, @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll boolean seeded, @ForAll boolean wide, @ForAll @IntRange(min = 0, max = 8) int eighths) {
    int dd = wide ? d + 200 : d;
    int nn = wide ? Math.min(n, 800) : n;
    Rng rng = new Rng(seed);
    double[] x = new double[nn * dd];
    int blobs = 1 + rng.nextInt(6);
    double[] centres = new double[blobs * dd];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.uniform(-10, 10);
    }
    for (int i = 0; i < nn; i++) {
      int b = rng.nextInt(blobs);
      for (int t = 0; t < dd; t++) {
        x[i * dd + t] = lattice ? rng.nextInt(3) : centres[b * dd + t] + rng.nextGaussian();
      }
    }
    double[] w = null;
    if (weighted) {
      w = new double[nn];
      for (int i = 0; i < nn; i++) {
        w[i] = 1 + rng.nextInt(3);
      }
    }
    int kk = Math.min(k, nn);
    double[] c0 = null;
    if (!seeded) {
      // Centroids from the first few rows: early passes leave most rows open.
      c0 = new double[kk * dd];
      for (int j = 0; j < kk; j++) {
        System.arraycopy(x, rng.nextInt(Math.min(nn, 1 + rng.nextInt(3))) * dd, c0, j * dd, dd);
        c0[j * dd + rng.nextInt(dd)] += 0.125 * j;
      }
    }
    long seedSeed = rng.nextLong();
    Engine.Run always = fit(x, nn, dd, kk, w, c0, seedSeed, threads, eighths);
    Engine.Run never = fit(x, nn, dd, kk, w, c0, seedSeed, threads, 9);
    Engine.Run lloyd;
    double[] start = c0;
    if (start == null) {
      try (Engine e = new Engine(x, nn, dd, kk, w, new HamerlyAssigner(x, nn, dd, kk, w), threads)) {
        start = e.plusPlus(new Rng(seedSeed));
      }
    }
    try (Engine e = new Engine(x, nn, dd, kk, w, new LloydAssigner(x, nn, dd, kk, w), threads)) {
      lloyd = e.run(start, 30, 0);
    }
    for (Engine.Run r : new Engine.Run[] {never, lloyd}) {
      assertEquals(r.iterations, always.iterations, "iterations");
      assertEquals(r.converged, always.converged, "converged");
      assertArrayEquals(r.labels, always.labels, "labels");
      assertEquals(Double.doubleToRawLongBits(r.inertia), Double.doubleToRawLongBits(always.inertia), "inertia");
      for (int j = 0; j < kk * dd; j++) {
        assertEquals(Double.doubleToRawLongBits(r.centers[j]), Double.doubleToRawLongBits(always.centers[j]),
            "centroid value " + j);
      }
    }
  }

  /** A fit from {@code c0}, or from greedy k-means++ seeds (which make the column copy) when it is null. */
  private static Engine.Run fit(double[] x, int n, int d, int k, double[] w, double[] c0, long seed, int threads,
      int eighths) {
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, w);
    h.denseEighths(eighths);
    try (Engine e = new Engine(x, n, d, k, w, h, threads)) {
      return e.run(c0 != null ? c0 : e.plusPlus(new Rng(seed)), 30, 0);
    }
  }
}
