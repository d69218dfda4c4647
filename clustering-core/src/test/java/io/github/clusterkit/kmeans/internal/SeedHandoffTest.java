package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The seeding's hand-off to the first pass ({@link Engine}'s tracking, {@link Assigner#takeSeeds}): from
 * {@code Engine.TRACK_MIN_D} columns up, a seeding whose passes compute every distance keeps each row's nearest centre
 * and second smallest squared distance, and Hamerly's first pass takes them instead of computing the distances again.
 *
 * <p>Checked against oracles written here from {@link Dist#sq}: after the seeding, every row's nearest centre (lowest
 * index on ties), its squared distance and the second smallest one, bit for bit; and a run from the seeded centres
 * equals, bit for bit, a run from a copy of them on a fresh engine (which computes its first pass): labels,
 * centroids, inertia, iterations, and the bounds the passes leave. The data provoke exact distance ties (a lattice,
 * duplicated rows); greedy and original k-means++, weights, one to three threads, with and without the column copy
 * (without it at these widths the seeding prunes, so nothing is tracked), up to {@code k = 24} (greedy seeding has
 * one candidate group up to 20).
 */
class SeedHandoffTest {

  private static final int[] DIMS = {32, 33, 40, 50, 64};

  /** Non-negative doubles where the raw-bits comparison could go wrong: zeros, subnormals, the top, infinity. */
  private static final double[] EDGES = {0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, Double.MIN_NORMAL,
      Math.nextDown(Double.MIN_NORMAL), 0.5, 1.0, Math.nextUp(1.0), 3.0, 1e300, Double.MAX_VALUE,
      Double.POSITIVE_INFINITY};

  /** {@link Engine#nearer}, branch-free, is {@code a < b ? idx : cur} on every pair of squared distances. */
  @Property(tries = 400)
  void nearerIsTheStrictComparison(@ForAll @IntRange(min = 0, max = 11) int ia,
      @ForAll @IntRange(min = 0, max = 11) int ib, @ForAll long bits, @ForAll boolean random,
      @ForAll int idx, @ForAll int cur) {
    double a = random ? Math.abs(Double.longBitsToDouble(bits)) : EDGES[ia];
    if (Double.isNaN(a)) {
      a = Double.POSITIVE_INFINITY;
    }
    double b = EDGES[ib];
    assertEquals(a < b ? idx : cur, Engine.nearer(a, b, idx, cur), a + " < " + b);
    assertEquals(b < a ? idx : cur, Engine.nearer(b, a, idx, cur), b + " < " + a);
  }

  @Property(tries = 60)
  void seedingFindsEachRowsNearestCentresAndTheRunMatchesAFreshOne(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 4) int di, @ForAll @IntRange(min = 1, max = 24) int k,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll boolean weighted,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean classic, @ForAll boolean copy,
      @ForAll @IntRange(min = 1, max = 4) int maxIterations) {
    int d = DIMS[di];
    Rng gen = new Rng(seed);
    // Above 2048 rows there are several chunks, so the per-chunk early folds of the draws are exercised.
    int n = 2 * k + gen.nextInt(4000);
    double[] x = new double[n * d];
    int blobs = 1 + gen.nextInt(12);
    double[] centres = new double[blobs * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = gen.uniform(-20, 20);
    }
    for (int i = 0; i < n; i++) {
      int b = gen.nextInt(blobs);
      for (int t = 0; t < d; t++) {
        double v;
        if (kind == 0) {
          v = centres[b * d + t] + gen.nextGaussian();
        } else if (kind == 1) {
          v = gen.nextInt(3); // a lattice: many equal distances
        } else {
          // duplicated rows: a blob's centre, or once in a while a point of its own
          v = gen.nextInt(3) == 0 ? centres[b * d + t] + gen.nextGaussian() : centres[b * d + t];
        }
        x[i * d + t] = v;
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
    if (distinct < k) {
      k = Math.max(1, distinct);
    }
    int trials = classic ? 1 : Engine.greedyTrials(k);
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, w);
    Engine.Run got;
    double[] c0;
    try (Engine engine = new Engine(x, n, d, k, w, h, threads)) {
      engine.columnLimit(copy ? Columns.MAX_VALUES : 0);
      c0 = engine.plusPlus(new Rng(seed ^ 0x9E3779B97F4A7C15L), trials);
      int[] near = engine.trackedNearest();
      double[] second = engine.trackedSecond();
      // Tracked wherever the passes are dense: with the column copy, which the seeding makes up to k = 20.
      if (copy && k <= 20) {
        assertNotNull(near, "tracked");
        long[] d2 = h.scratchBits();
        for (int i = 0; i < n; i++) {
          int best = 0;
          double bd = Dist.sq(x, i * d, c0, 0, d);
          double sec = Double.POSITIVE_INFINITY;
          for (int j = 1; j < k; j++) {
            double dj = Dist.sq(x, i * d, c0, j * d, d);
            if (dj < bd) {
              sec = bd;
              bd = dj;
              best = j;
            } else if (dj < sec) {
              sec = dj;
            }
          }
          assertEquals(best, near[i], "nearest centre of row " + i);
          assertEquals(Double.doubleToRawLongBits(bd), d2[i], "squared distance of row " + i);
          assertEquals(Double.doubleToRawLongBits(sec), Double.doubleToRawLongBits(second[i]),
              "second squared distance of row " + i);
        }
      } else {
        assertNull(near, "not tracked");
      }
      got = engine.run(c0, maxIterations, 0);
    }
    Engine.Run expected;
    HamerlyAssigner hf = new HamerlyAssigner(x, n, d, k, w);
    try (Engine fresh = new Engine(x, n, d, k, w, hf, threads)) {
      fresh.columnLimit(copy ? Columns.MAX_VALUES : 0);
      expected = fresh.run(c0.clone(), maxIterations, 0);
    }
    assertArrayEquals(expected.labels, got.labels, "labels");
    assertArrayEquals(expected.centers, got.centers, "centroids");
    assertEquals(Double.doubleToRawLongBits(expected.inertia), Double.doubleToRawLongBits(got.inertia), "inertia");
    assertEquals(expected.iterations, got.iterations, "iterations");
    assertEquals(expected.converged, got.converged, "converged");
    // The same bounds too: the first pass stored the same ones (a valid but looser lower bound would change no label).
    assertArrayEquals(hf.scratchBits(), h.scratchBits(), "bounds");
  }
}
