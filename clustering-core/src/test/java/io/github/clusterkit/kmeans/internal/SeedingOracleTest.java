package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The engine's k-means++ seeding (lazy folding of the newest centre, four candidates per pass, triangle
 * inequality pruning, chunks on several threads) gives bit for bit the centres of a plain eager
 * implementation of the same greedy (or original, one-candidate) k-means++ with the same random draws and the same
 * summation order
 * (row order within a chunk, chunk order across chunks), on clustered data (where pruning skips most
 * distances), lattices (exact distance ties) and duplicated rows.
 */
class SeedingOracleTest {

  private static final int[] DIMS = {1, 2, 3, 8, 10, 23, 50, 100, 300, 1100};

  @Property(tries = 60)
  void prunedSeedingEqualsPlainGreedyKMeansPlusPlus(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9) int di,
      @ForAll @IntRange(min = 1, max = 60) int k, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean copy,
      @ForAll @IntRange(min = -1, max = 1) int mode) {
    checkGreedy(seed, di, k, kind, weighted, threads, copy, mode);
  }

  /**
   * Greedy k-means++ with eight candidates a step ({@code k >= 404}), the most the dense passes take in their two
   * groups, or seven ({@code k = 149} to 175; the property above reaches six, five and six being the second group's
   * one and two real candidates): every candidate's sum counts, and the second group computes three or four.
   */
  @Property(tries = 12)
  void eightCandidatesEqualPlainGreedyKMeansPlusPlus(@ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int di,
      @ForAll @IntRange(min = 404, max = 430) int k, @ForAll boolean weighted,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean copy, @ForAll boolean seven) {
    checkGreedy(seed, di, seven ? k - 255 : k, 0, weighted, threads, copy, 1);
  }

  private static void checkGreedy(long seed, int di, int k, int kind, boolean weighted, int threads, boolean copy,
      int mode) {
    Case t = new Case(seed, DIMS[di], k, kind, weighted);
    double[] expected = oracle(t.x, t.n, t.d, t.k, t.w, Engine.greedyTrials(t.k), new Rng(seed ^ 0x5DEECE66DL));
    for (int variant = 0; variant < 2; variant++) {
      Assigner a = variant == 0 ? new HamerlyAssigner(t.x, t.n, t.d, t.k, t.w)
          : new LloydAssigner(t.x, t.n, t.d, t.k, t.w);
      try (Engine engine = new Engine(t.x, t.n, t.d, t.k, t.w, a, threads)) {
        // Without the column copy, rows wider than 16 take the gathered passes (Engine.gatheredWithoutCopy: from 17
        // columns with more than four candidates, from 128 with four) or the pruned row pass (candidatesStored),
        // narrower ones the dense pass by blocks copied on the fly; with it, every width takes the dense pass, wide
        // rows switching to the gathered one late in the seeding.
        engine.columnLimit(copy ? Columns.MAX_VALUES : 0);
        // The dense passes may switch to the gathered ones (mode 1: at any width; -1: from GREEDY_GATHER_MIN_D).
        engine.greedyMode(mode);
        double[] got = engine.plusPlus(new Rng(seed ^ 0x5DEECE66DL));
        assertSameBits(expected, got, t);
        // A second seeding on the same engine (restarts reuse it) is the same again.
        double[] again = engine.plusPlus(new Rng(seed ^ 0x5DEECE66DL));
        assertSameBits(expected, again, t);
      }
    }
  }

  /**
   * The original k-means++ (one candidate per step: the engine's eager one-distance pass) gives bit for bit the
   * centres of the same plain oracle with one trial, on one to three threads, with and without weights, with and
   * without the column copy, and by each of its passes (the default choice, the pruned scalar pass, the dense pass
   * by blocks of columns, the dense pass switching to the scalar one when few rows are open); a second seeding on the
   * same engine, and a greedy one after it, are unchanged.
   */
  @Property(tries = 60)
  void classicSeedingEqualsPlainKMeansPlusPlus(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9) int di,
      @ForAll @IntRange(min = 1, max = 30) int k, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean copy,
      @ForAll @IntRange(min = -1, max = 2) int mode) {
    Case t = new Case(seed, DIMS[di], k, kind, weighted);
    double[] expected = oracle(t.x, t.n, t.d, t.k, t.w, 1, new Rng(seed ^ 0x5DEECE66DL));
    double[] greedy = oracle(t.x, t.n, t.d, t.k, t.w, Engine.greedyTrials(t.k), new Rng(seed));
    try (Engine engine = new Engine(t.x, t.n, t.d, t.k, t.w, new HamerlyAssigner(t.x, t.n, t.d, t.k, t.w),
        threads)) {
      engine.columnLimit(copy ? Columns.MAX_VALUES : 0);
      engine.classicMode(mode);
      assertSameBits(expected, engine.plusPlus(new Rng(seed ^ 0x5DEECE66DL), 1), t);
      assertSameBits(expected, engine.plusPlus(new Rng(seed ^ 0x5DEECE66DL), 1), t);
      assertSameBits(greedy, engine.plusPlus(new Rng(seed)), t);
    }
  }

  /**
   * Rows of {@link Engine#CLASSIC_ROWS_MIN_D} columns and more, with the column copy: the original k-means++ starts
   * with the dense pass and switches to the pruned scalar pass once few rows are open (while it tracks the nearest
   * centres for Hamerly's first pass, only with enough steps left), and greedy k-means++ to the gathered passes
   * ({@link Engine#GREEDY_GATHER_MIN_D}), with the centres of the plain oracle bit for bit; without the copy greedy
   * k-means++ gathers the open rows at every step;
   * a fit from those centres then gives Lloyd's labels from the same centres (the run starts from the tracked centres
   * only when the tracking lasted the whole seeding). Ten well separated blobs and {@code k = 40}, so that the late
   * steps leave most rows pruned and the switch is certain.
   */
  @Property(tries = 12)
  void wideRowsSwitchToTheScalarPassWithTheSameCentres(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 2) int threads, @ForAll boolean weighted, @ForAll boolean wider,
      @ForAll boolean greedy, @ForAll boolean copy) {
    Rng gen = new Rng(seed);
    int d = wider ? 300 : Engine.CLASSIC_ROWS_MIN_D;
    int n = 2500 + gen.nextInt(2000);
    int k = 40;
    double[] centres = new double[10 * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = gen.uniform(-20, 20);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = gen.nextInt(10);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = centres[b * d + t] + gen.nextGaussian();
      }
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = gen.nextInt(5) == 0 ? 0 : gen.uniform(0.1, 3);
      }
    }
    int trials = greedy ? Engine.greedyTrials(k) : 1;
    double[] expected = oracle(x, n, d, k, w, trials, new Rng(seed ^ 0x5DEECE66DL));
    try (Engine engine = new Engine(x, n, d, k, w, new HamerlyAssigner(x, n, d, k, w), threads)) {
      engine.columnLimit(copy ? Columns.MAX_VALUES : 0);
      double[] got = engine.plusPlus(new Rng(seed ^ 0x5DEECE66DL), trials);
      for (int j = 0; j < expected.length; j++) {
        assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(got[j]), "value " + j);
      }
      int steps = greedy ? engine.greedyGatheredSteps() : engine.classicScalarSteps();
      if (copy) {
        assertTrue(steps > 0 && steps < k - 1, "some late steps took the pruned passes, not all: " + steps);
      } else {
        // Without the copy: greedy seeding gathers at every step, the original one keeps its scalar pass throughout.
        assertEquals(greedy ? k - 1 : 0, steps, "steps");
      }
      Engine.Run fit = engine.run(got, 30, 0);
      try (Engine lloyd = new Engine(x, n, d, k, w, new LloydAssigner(x, n, d, k, w), 1)) {
        Engine.Run plain = lloyd.run(expected.clone(), 30, 0);
        assertEquals(Arrays.toString(plain.labels), Arrays.toString(fit.labels), "labels after " + steps);
      }
    }
  }

  /**
   * The original k-means++ draws {@code k} distinct rows of the data, never one of weight 0, whatever the data: on
   * heavily duplicated rows (kind 2) and lattices a row that coincides with an earlier centre has distance 0, so it
   * is never drawn.
   */
  @Property(tries = 40)
  void classicSeedsAreDistinctRowsWithPositiveWeight(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9) int di,
      @ForAll @IntRange(min = 1, max = 30) int k, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll boolean weighted, @ForAll @IntRange(min = 1, max = 3) int threads) {
    Case t = new Case(seed, DIMS[di], k, kind, weighted);
    double[] c;
    try (Engine engine = new Engine(t.x, t.n, t.d, t.k, t.w, new HamerlyAssigner(t.x, t.n, t.d, t.k, t.w),
        threads)) {
      c = engine.plusPlus(new Rng(seed), 1);
    }
    for (int j = 0; j < t.k; j++) {
      boolean found = false;
      for (int i = 0; i < t.n && !found; i++) {
        if ((t.w == null || t.w[i] > 0) && Arrays.equals(t.x, i * t.d, (i + 1) * t.d, c, j * t.d, (j + 1) * t.d)) {
          found = true;
        }
      }
      assertTrue(found, "centre " + j + " is a row of positive weight");
      for (int q = 0; q < j; q++) {
        assertFalse(Arrays.equals(c, q * t.d, (q + 1) * t.d, c, j * t.d, (j + 1) * t.d),
            "centres " + q + " and " + j + " coincide");
      }
    }
  }

  private static void assertSameBits(double[] expected, double[] got, Case t) {
    for (int j = 0; j < expected.length; j++) {
      assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(got[j]),
          "centre value " + j + " (n " + t.n + ", d " + t.d + ", k " + t.k + ")");
    }
  }

  /**
   * Clustered data (kind 0), a lattice (1) or duplicated blob centres (2), optionally weighted with some zero
   * weights; {@code k} lowered to the number of distinct rows. Also {@link SeedHandoffTest}'s data.
   */
  static final class Case {
    final int n;
    final int d;
    final int k;
    final double[] x;
    final double[] w;

    Case(long seed, int d, int k, int kind, boolean weighted) {
      Rng gen = new Rng(seed);
      this.d = d;
      // Above 2048 rows there are several chunks, so the chunked sums and the lazy per-chunk fold are exercised
      // (fewer rows for the widest rows, whose oracle is slow).
      n = 200 + gen.nextInt(d > 500 ? 2500 : 6000);
      x = new double[n * d];
      int blobs = 1 + gen.nextInt(12);
      double[] centres = new double[blobs * d];
      for (int j = 0; j < centres.length; j++) {
        centres[j] = gen.uniform(-50, 50);
      }
      for (int i = 0; i < n; i++) {
        int b = gen.nextInt(blobs);
        for (int t = 0; t < d; t++) {
          double v;
          if (kind == 0) {
            v = centres[b * d + t] + gen.nextGaussian();
          } else if (kind == 1) {
            v = gen.nextInt(4);
          } else {
            v = centres[b * d + t];
          }
          x[i * d + t] = v;
        }
      }
      double[] ws = null;
      if (weighted) {
        ws = new double[n];
        for (int i = 0; i < n; i++) {
          ws[i] = gen.nextInt(5) == 0 ? 0 : gen.uniform(0.1, 3);
        }
      }
      w = ws;
      int distinct = Distinct.countUpTo(x, n, d, w, k);
      this.k = distinct < k ? Math.max(1, distinct) : k;
    }
  }

  /**
   * Plain k-means++ with {@code trials} candidates per step (greedy: {@code 2 + floor(ln k)}; the original: 1):
   * eager minimum distances, every candidate evaluated in full.
   */
  static double[] oracle(double[] x, int n, int d, int k, double[] w, int trials, Rng rng) {
    Chunks chunks = new Chunks(n, 1);
    int nc = chunks.count();
    double[] centers = new double[k * d];
    double[] d2 = new double[n];
    double[] chunkPot = new double[nc];
    int first = w == null ? rng.nextInt(n) : drawByWeight(w, n, rng);
    System.arraycopy(x, first * d, centers, 0, d);
    for (int c = 0; c < nc; c++) {
      double s = 0;
      for (int i = chunks.from(c); i < chunks.to(c); i++) {
        d2[i] = Dist.sq(x, i * d, centers, 0, d);
        s += w == null ? d2[i] : w[i] * d2[i];
      }
      chunkPot[c] = s;
    }
    double pot = sum(chunkPot);
    for (int m = 1; m < k; m++) {
      if (!(pot > 0)) {
        throw new IllegalStateException("degenerate data");
      }
      int[] cand = new int[trials];
      for (int t = 0; t < trials; t++) {
        cand[t] = search(rng.nextDouble() * pot, d2, w, chunkPot, chunks);
      }
      int best = -1;
      double bestPot = Double.POSITIVE_INFINITY;
      double[] bestChunks = null;
      for (int t = 0; t < trials; t++) {
        double[] cp = new double[nc];
        for (int c = 0; c < nc; c++) {
          double s = 0;
          for (int i = chunks.from(c); i < chunks.to(c); i++) {
            double v = Math.min(Dist.sq(x, i * d, x, cand[t] * d, d), d2[i]);
            s += w == null ? v : w[i] * v;
          }
          cp[c] = s;
        }
        double tot = sum(cp);
        if (tot < bestPot) {
          bestPot = tot;
          best = t;
          bestChunks = cp;
        }
      }
      int row = cand[best];
      chunkPot = bestChunks;
      pot = sum(chunkPot);
      for (int i = 0; i < n; i++) {
        d2[i] = Math.min(Dist.sq(x, i * d, x, row * d, d), d2[i]);
      }
      System.arraycopy(x, row * d, centers, m * d, d);
    }
    chunks.close();
    return centers;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static int search(double r, double[] d2, double[] w, double[] chunkPot, Chunks chunks) {
    double acc = 0;
    for (int c = 0; c < chunkPot.length; c++) {
      if (acc + chunkPot[c] > r) {
        double part = 0;
        for (int i = chunks.from(c); i < chunks.to(c); i++) {
          part += w == null ? d2[i] : w[i] * d2[i];
          if (acc + part > r) {
            return i;
          }
        }
      }
      acc += chunkPot[c];
    }
    for (int i = d2.length - 1; i >= 0; i--) {
      if ((w == null ? d2[i] : w[i] * d2[i]) > 0) {
        return i;
      }
    }
    return 0;
  }

  private static int drawByWeight(double[] w, int n, Rng rng) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
    }
    double r = rng.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += w[i];
      if (acc > r) {
        return i;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      if (w[i] > 0) {
        return i;
      }
    }
    return 0;
  }
}
