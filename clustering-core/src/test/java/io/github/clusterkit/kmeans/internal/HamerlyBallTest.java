package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Hamerly's rescans compare a row only with the centroids in a ball around its own ({@code
 * HamerlyAssigner.rescanBall}: those whose half distance from it is at most the row's upper bound), and give it the
 * lower bound {@code min(second nearest of those, 2 H - upper)} with {@code H} the smallest half distance skipped.
 * With the balls (from any number of centroids, {@code ballMinK(1)}) and without them, the fit must be the same bit for
 * bit, and Lloyd's (the oracle of exactness: every label the nearest centroid, lowest index on ties): centroids,
 * labels, inertia, iterations and convergence. The data have several centroids to a cluster (where the balls are
 * small), far noise rows (whose balls hold every centroid, compared by blocks), or small integer coordinates and
 * repeated initial centroids (exact ties); blocks are taken whole from any share of open rows or never, rescans go
 * by balls from one listed row on or from the default, with weights and without, on 1 to 3 threads.
 */
class HamerlyBallTest {

  @Property(tries = 100)
  void ballsGiveTheFullRescansFit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 60) int k, @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll boolean lattice, @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll boolean seeded, @ForAll boolean wide, @ForAll @IntRange(min = 0, max = 9) int eighths,
      @ForAll boolean everyRow) {
    int dd = wide ? d + 200 : d;
    int nn = wide ? Math.min(n, 800) : n;
    Rng rng = new Rng(seed);
    double[] x = data(rng, nn, dd, lattice);
    double[] w = null;
    if (weighted) {
      w = new double[nn];
      for (int i = 0; i < nn; i++) {
        w[i] = 0.5 + rng.nextInt(3);
      }
    }
    int kk = Math.min(k, nn);
    double[] c0 = null;
    if (!seeded) {
      // Centroids from the first few rows, some repeated: early passes leave most rows open, with ties.
      c0 = new double[kk * dd];
      for (int j = 0; j < kk; j++) {
        System.arraycopy(x, rng.nextInt(Math.min(nn, 1 + rng.nextInt(4))) * dd, c0, j * dd, dd);
        if (rng.nextInt(3) > 0) {
          c0[j * dd + rng.nextInt(dd)] += 0.125 * j;
        }
      }
    }
    long seedSeed = rng.nextLong();
    int minRows = everyRow ? 1 : HamerlyAssigner.RESCAN_MIN_ROWS;
    Engine.Run balls = fit(x, nn, dd, kk, w, c0, seedSeed, threads, eighths, 1, minRows);
    Engine.Run plain = fit(x, nn, dd, kk, w, c0, seedSeed, threads, eighths, Integer.MAX_VALUE, minRows);
    double[] start = c0;
    if (start == null) {
      try (Engine e = new Engine(x, nn, dd, kk, w, new HamerlyAssigner(x, nn, dd, kk, w), threads)) {
        start = e.plusPlus(new Rng(seedSeed));
      }
    }
    Engine.Run lloyd;
    try (Engine e = new Engine(x, nn, dd, kk, w, new LloydAssigner(x, nn, dd, kk, w), threads)) {
      lloyd = e.run(start, 30, 0);
    }
    ElkanSwitchTest.assertSame(plain, balls, kk * dd);
    ElkanSwitchTest.assertSame(lloyd, balls, kk * dd);
  }

  /**
   * Pass by pass, on rows and centroids of small integers and halves (exact ties, repeated centroids): a full pass,
   * then bounded passes to new centroids, each rescanning by balls from one listed row on and never taking a block
   * whole. After every pass each label must be the nearest centroid by {@link Dist#sq}, lowest index on ties, and a
   * row's bounds, carried to the next pass, must never settle a row wrongly.
   */
  @Property(tries = 200)
  void everyPassLabelsTheNearestCentroidLowestIndexOnTies(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int d, @ForAll @IntRange(min = 2, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 600) int n, @ForAll boolean moves) {
    Rng rng = new Rng(seed);
    double[] x = NearestTwo.tiedRows(rng, n, d, false);
    passes(rng, x, n, d, k, moves, () -> NearestTwo.tiedCentroids(rng, k, d));
  }

  /**
   * The same pass by pass on blobs far apart, each centroid drawn anew near a blob's centre in every pass (so most
   * rows have few or no other centroids in their balls, and centroids jump between blobs), some of them repeated
   * (exact ties within a ball): a lower bound that left out the skipped centroids would keep a row with its old
   * centroid after another jumped next to it.
   */
  @Property(tries = 200)
  void everyPassLabelsTheNearestCentroidOnFarBlobs(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int d,
      @ForAll @IntRange(min = 2, max = 40) int k, @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 2, max = 8) int blobs, @ForAll boolean moves) {
    Rng rng = new Rng(seed);
    double[] centres = new double[blobs * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.uniform(-100, 100);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(blobs);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = centres[b * d + t] + rng.nextGaussian();
      }
    }
    double[] last = new double[k * d];
    passes(rng, x, n, d, k, moves, () -> {
      // Centroids near blob centres, then moved by steps of several sizes (some cross from blob to blob in a pass,
      // others creep up on rows whose balls left them out), or drawn anew.
      double[] c = new double[k * d];
      double step = new double[] {0.5, 5, 40, -1}[rng.nextInt(4)];
      boolean fresh = step < 0 || last[0] == 0;
      for (int j = 0; j < k; j++) {
        int b = rng.nextInt(blobs);
        for (int t = 0; t < d; t++) {
          c[j * d + t] = fresh ? centres[b * d + t] + rng.nextGaussian() : last[j * d + t] + step * rng.nextGaussian();
        }
      }
      for (int j = 1; j < k; j++) {
        if (rng.nextInt(4) == 0) {
          System.arraycopy(c, rng.nextInt(j) * d, c, j * d, d); // a repeated centroid: exact ties in the balls
        }
      }
      System.arraycopy(c, 0, last, 0, c.length);
      return c;
    });
  }

  /**
   * A full pass to the first centroids {@code draw} gives, then six bounded passes, each to new centroids from it
   * (or, every other time, with only some of them new); after every pass each label must be Lloyd's.
   */
  private static void passes(Rng rng, double[] x, int n, int d, int k, boolean moves,
      java.util.function.Supplier<double[]> draw) {
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, null);
    h.ballMinK(1);
    h.rescanMinRows(1);
    h.denseEighths(9);
    h.accumulateMoves(moves);
    int[] labels = new int[n];
    double[] sum = new double[k * d];
    double[] wsum = new double[k];
    double[] c = draw.get();
    h.reset();
    h.prepare(c, null);
    h.assign(0, n, labels, sum, wsum);
    double gUp = 1 + Dist.gamma(d);
    for (int pass = 1; pass <= 6; pass++) {
      double[] next = draw.get();
      if (rng.nextInt(2) == 0) {
        // Only some centroids move: most rows keep bounds that settle them, the others are rescanned.
        for (int j = 0; j < k; j++) {
          if (rng.nextInt(3) > 0) {
            System.arraycopy(c, j * d, next, j * d, d);
          }
        }
      }
      double[] shifts = new double[k];
      for (int j = 0; j < k; j++) {
        shifts[j] = Math.sqrt(Dist.sq(next, j * d, c, j * d, d)) * gUp; // as the engine's shifts
      }
      c = next;
      h.prepare(c, shifts);
      h.assign(0, n, labels, sum, wsum);
      for (int i = 0; i < n; i++) {
        assertEquals(new NearestTwo(x, i * d, c, k, d).best, labels[i], "pass " + pass + ", label of row " + i);
      }
    }
  }

  /**
   * The balls are used, and small, where they should be: ten blobs far apart, 40 centroids from rows of the blobs,
   * and the default thresholds. Most rows are rescanned within their balls alone, and the fit is still Lloyd's.
   */
  @Test
  void severalCentroidsToABlobAreRescannedWithinTheirBalls() {
    int n = 20000;
    int d = 10;
    int k = 40;
    Rng rng = new Rng(11);
    double[] centres = new double[10 * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.uniform(-100, 100);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = i % 10;
      for (int t = 0; t < d; t++) {
        x[i * d + t] = centres[b * d + t] + rng.nextGaussian();
      }
    }
    double[] c0 = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(x, (j % 10 + 10 * rng.nextInt(n / 10)) * d, c0, j * d, d);
    }
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, null);
    Engine.Run balls;
    try (Engine e = new Engine(x, n, d, k, null, h, 1)) {
      balls = e.run(c0, 30, 0);
    }
    Engine.Run lloyd;
    try (Engine e = new Engine(x, n, d, k, null, new LloydAssigner(x, n, d, k, null), 1)) {
      lloyd = e.run(c0, 30, 0);
    }
    ElkanSwitchTest.assertSame(lloyd, balls, k * d);
    // 29 passes after the first; the blobs' centroids keep moving, so many rows are rescanned, nearly all by balls.
    assertTrue(h.ballRows() > n, "rows rescanned within their balls: " + h.ballRows());
  }

  /** Rows around a few blobs, 5% of them uniform in a wide box (far from every centroid), or small integers. */
  private static double[] data(Rng rng, int n, int d, boolean lattice) {
    double[] x = new double[n * d];
    int blobs = 1 + rng.nextInt(6);
    double[] centres = new double[blobs * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.uniform(-20, 20);
    }
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(blobs);
      boolean noise = rng.nextInt(20) == 0;
      for (int t = 0; t < d; t++) {
        double v = noise ? rng.uniform(-60, 60) : centres[b * d + t] + rng.nextGaussian();
        x[i * d + t] = lattice ? rng.nextInt(3) : v;
      }
    }
    return x;
  }

  /** A fit from {@code c0}, or from greedy k-means++ seeds (which make the column copy) when it is null. */
  private static Engine.Run fit(double[] x, int n, int d, int k, double[] w, double[] c0, long seed, int threads,
      int eighths, int ballMinK, int minRows) {
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, w);
    h.denseEighths(eighths);
    h.ballMinK(ballMinK);
    h.rescanMinRows(minRows);
    try (Engine e = new Engine(x, n, d, k, w, h, threads)) {
      return e.run(c0 != null ? c0 : e.plusPlus(new Rng(seed)), 30, 0);
    }
  }
}
