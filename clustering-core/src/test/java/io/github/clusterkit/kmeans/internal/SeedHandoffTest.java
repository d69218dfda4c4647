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
 * <p>Checked against oracles: after the seeding, every row's nearest centre (lowest index on ties), its squared
 * distance and the second smallest one equal those of a plain scan ({@link NearestTwo}) bit for bit; and a run from the
 * seeded centres equals, bit for bit, a run from a copy of them on a fresh engine (which computes its first pass):
 * labels, centroids, inertia, iterations, and the bounds the passes leave. The data ({@link SeedingOracleTest}'s:
 * clustered, a lattice, duplicated rows) provoke exact distance ties; greedy and original k-means++, weights, one
 * to three threads, with and without the column copy
 * (without it at these widths the seeding prunes, so nothing is tracked), up to {@code k = 60} (greedy seeding has
 * one candidate group up to 20, two above).
 */
class SeedHandoffTest {

  private static final int[] DIMS = {32, 33, 40, 50, 64, 65, 100, 256, 500, 1024};

  /**
   * The original k-means++ on rows of {@code Engine.CLASSIC_ROWS_MIN_D} columns and more with the column copy: while
   * its steps keep the dense pass, the seeding tracks the nearest centres; when a step switches to the pruned scalar
   * pass, the tracking ends and the run computes its first pass, with the same result either way (the property
   * below covers both). This checks that the tracking is handed over exactly when no step switched, and that three
   * centres, too few steps for the switch while tracking, never switch.
   */
  @Property(tries = 6)
  void classicSeedingOnWideRowsTracksOnlyWhileItStaysDense(@ForAll long seed, @ForAll boolean many) {
    SeedingOracleTest.Case t = new SeedingOracleTest.Case(seed, 256, many ? 60 : 3, 0, false);
    HamerlyAssigner h = new HamerlyAssigner(t.x, t.n, t.d, t.k, t.w);
    try (Engine engine = new Engine(t.x, t.n, t.d, t.k, t.w, h, 1)) {
      engine.columnLimit(Columns.MAX_VALUES);
      engine.plusPlus(new Rng(seed), 1);
      // Few steps (k = 3) never leave the k / 4 + 2 steps the switch needs while tracking.
      if (!many) {
        assertEquals(0, engine.classicScalarSteps(), "steps on the scalar pass");
      }
      assertEquals(engine.classicScalarSteps() == 0, engine.trackedNearest() != null, "tracked");
    }
  }

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
      @ForAll @IntRange(min = 0, max = 9) int di, @ForAll @IntRange(min = 1, max = 60) int k,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll boolean weighted,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean classic, @ForAll boolean copy,
      @ForAll @IntRange(min = 1, max = 4) int maxIterations) {
    SeedingOracleTest.Case t = new SeedingOracleTest.Case(seed, DIMS[di], k, kind, weighted);
    int n = t.n;
    int d = t.d;
    k = t.k;
    double[] x = t.x;
    double[] w = t.w;
    int trials = classic ? 1 : Engine.greedyTrials(k);
    HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, w);
    Engine.Run got;
    double[] c0;
    try (Engine engine = new Engine(x, n, d, k, w, h, threads)) {
      engine.columnLimit(copy ? Columns.MAX_VALUES : 0);
      c0 = engine.plusPlus(new Rng(seed ^ 0x9E3779B97F4A7C15L), trials);
      int[] near = engine.trackedNearest();
      double[] second = engine.trackedSecond();
      // Tracked wherever the passes are dense: with the column copy, which the seeding makes while greedy k-means++
      // takes at most Engine.MAX_DENSE_SPAN candidates a step (k <= 1096; at these widths there is no other dense way),
      // unless the seeding switched to its pruned passes (Engine.CLASSIC_ROWS_MIN_D, GREEDY_GATHER_MIN_D), which ends it.
      if (copy && Engine.greedyTrials(k) <= Engine.MAX_DENSE_SPAN && engine.classicScalarSteps() == 0
          && engine.greedyGatheredSteps() == 0) {
        assertNotNull(near, "tracked");
        long[] d2 = h.scratchBits();
        for (int i = 0; i < n; i++) {
          NearestTwo o = new NearestTwo(x, i * d, c0, k, d);
          assertEquals(o.best, near[i], "nearest centre of row " + i);
          assertEquals(Double.doubleToRawLongBits(o.bd), d2[i], "squared distance of row " + i);
          assertEquals(Double.doubleToRawLongBits(o.second), Double.doubleToRawLongBits(second[i]),
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
