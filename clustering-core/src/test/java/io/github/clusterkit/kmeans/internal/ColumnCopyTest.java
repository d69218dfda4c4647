package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The engine's column copy of the data ({@link Columns}, made by the first seeding and read by every seeding pass and
 * by Hamerly's first pass of every run) changes no result: a fit (seeding, then a run) and a second fit on the same
 * engine (a restart, which reuses the copy) give bit for bit the seeds, labels, centroids, inertia and iteration
 * counts of the same engine with the copy switched off (per-block copying in every pass), on one to three threads
 * against one thread, with and without weights, for row counts that are not multiples of the block size and span
 * one or several chunks. The expected values are the engine's own without the copy; independent computations check
 * the seeding with the copy ({@link SeedingOracleTest}, a plain greedy k-means++) and Hamerly's first pass without
 * it ({@link HamerlyFirstPassTest}, a row-by-row scan).
 */
class ColumnCopyTest {

  private static final int[] DIMS = {1, 3, 8, 10, 17, 23, 50, 64, 100, 256, 500, 1024};

  @Property(tries = 40)
  void copyChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 0, max = 11) int di,
      @ForAll @IntRange(min = 1, max = 60) int k, @ForAll boolean weighted,
      @ForAll @IntRange(min = 1, max = 3) int threads) {
    Rng gen = new Rng(seed);
    int d = DIMS[di];
    // Odd row counts, from under one block to several chunks of 2048 rows (fewer for the widest rows).
    int n = 2 * (50 + gen.nextInt(d > 500 ? 1100 : 3500)) + 1;
    double[] x = new double[n * d];
    int blobs = 1 + gen.nextInt(12);
    double[] centres = new double[blobs * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = gen.uniform(-20, 20);
    }
    for (int i = 0; i < n; i++) {
      int b = gen.nextInt(blobs);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = gen.nextInt(8) == 0 ? gen.nextInt(3) : centres[b * d + t] + gen.nextGaussian();
      }
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = gen.nextInt(5) == 0 ? 0 : gen.uniform(0.1, 3);
      }
    }
    int distinct = Distinct.countUpTo(x, n, d, w, k);
    k = Math.min(k, distinct);
    int iterations = 1 + gen.nextInt(12);
    Engine.Run[] expected = fits(x, n, d, k, w, 1, 0, seed, iterations);
    Engine.Run[] got = fits(x, n, d, k, w, threads, Columns.MAX_VALUES, seed, iterations);
    for (int f = 0; f < expected.length; f++) {
      String what = "fit " + f + " (n " + n + ", d " + d + ", k " + k + ", threads " + threads + ")";
      assertArrayEquals(expected[f].labels, got[f].labels, what);
      for (int j = 0; j < expected[f].centers.length; j++) {
        assertEquals(Double.doubleToRawLongBits(expected[f].centers[j]),
            Double.doubleToRawLongBits(got[f].centers[j]), what + ", centroid value " + j);
      }
      assertEquals(Double.doubleToRawLongBits(expected[f].inertia), Double.doubleToRawLongBits(got[f].inertia),
          what);
      assertEquals(expected[f].iterations, got[f].iterations, what);
    }
  }

  /** Two fits (seeding and run) on one Hamerly engine with the given column budget; the seeds are checked too. */
  private static Engine.Run[] fits(double[] x, int n, int d, int k, double[] w, int threads, long limit, long seed,
      int iterations) {
    Engine.Run[] out = new Engine.Run[2];
    try (Engine engine = new Engine(x, n, d, k, w, new HamerlyAssigner(x, n, d, k, w), threads)) {
      engine.columnLimit(limit);
      for (int f = 0; f < 2; f++) {
        double[] c0 = engine.plusPlus(Rng.split(seed, f));
        Engine.Run run = engine.run(c0, iterations, 0);
        // The seeds, then the final centroids, compared together.
        double[] both = new double[c0.length + run.centers.length];
        System.arraycopy(c0, 0, both, 0, c0.length);
        System.arraycopy(run.centers, 0, both, c0.length, run.centers.length);
        out[f] = new Engine.Run(both, run.labels, run.inertia, run.iterations, run.converged, run.switched);
      }
    }
    return out;
  }
}
