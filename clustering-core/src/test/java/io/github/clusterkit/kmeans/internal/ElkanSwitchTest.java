package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A run that starts with Hamerly's kernel and goes on with Elkan's ({@code Engine.allowElkan}, what
 * {@code KMeansAlgorithm.AUTO} asks for), or starts with Elkan's and goes on with Hamerly's ({@code allowHamerly}),
 * must give Lloyd's fit bit for bit: centroids, labels, inertia, iterations
 * and convergence. The switch is forced after any pass (so also where the sums are summed afresh, and where the
 * reference sums of the inertia must come from the rows' own distances, not from the pass's), on data with exact ties,
 * weights and up to three threads; two runs on one engine check that the second starts with Hamerly again. The rule
 * itself ({@code Engine.switchToElkan}) is checked on data where it must and must not switch.
 */
class ElkanSwitchTest {

  @Property(tries = 120)
  void switchingToElkanKeepsLloydsFit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 2, max = 40) int k, @ForAll @IntRange(min = 1, max = 2500) int n,
      @ForAll @IntRange(min = 1, max = 6) int after, @ForAll boolean lattice, @ForAll boolean weighted,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll @IntRange(min = 1, max = 9) int cap,
      @ForAll boolean fromElkan, @ForAll boolean twinned) {
    Rng rng = new Rng(seed);
    double[] x = lattice ? lattice(rng, n, d) : blobs(rng, n, d, 1 + rng.nextInt(6));
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 0.5 * (1 + rng.nextInt(5));
      }
    }
    // Twinned: random rows, the last a copy of the first, so the first pass leaves that cluster empty, it is re-seeded,
    // and the next pass (the other kernel's first, when it switches after one) sums in full, near the reference points.
    double[][] starts = {twinned ? twinned(rng, x, n, d, k) : rows(rng, x, n, d, k), rows(rng, x, n, d, k)};
    // Up to 8 iterations (so the pass the switch waits for may be the last of the loop), or 25.
    int iterations = cap == 9 ? 25 : cap;
    Engine.Run[] switched = new Engine.Run[2];
    Assigner first = fromElkan ? new ElkanAssigner(x, n, d, k, w) : new HamerlyAssigner(x, n, d, k, w);
    try (Engine e = new Engine(x, n, d, k, w, first, threads)) {
      e.switchAfter(after);
      for (int r = 0; r < 2; r++) {
        switched[r] = e.run(starts[r], iterations, 0);
        assertTrue(e.kernel() == first, "the first kernel again after a run");
      }
    }
    for (int r = 0; r < 2; r++) {
      Engine.Run lloyd;
      try (Engine e = new Engine(x, n, d, k, w, new LloydAssigner(x, n, d, k, w), threads)) {
        lloyd = e.run(starts[r], iterations, 0);
      }
      // The switch comes after pass `after` when the loop goes on: a run that stops there or before never switches.
      assertEquals(lloyd.iterations > after, switched[r].switched, "switched");
      assertSame(lloyd, switched[r], k * d);
    }
  }

  /**
   * The rule switches where Hamerly rescans most rows and Elkan's centroid test rules out most centroids (the rule of
   * Hamerly's kernel without balls, below 16 centroids, shown here at 30); where Hamerly's rescans go by balls (30
   * centroids, by default) it does not, as the balls serve such data at least as well.
   */
  @Test
  void switchesOnBlobsWithSeveralCentroidsEach() {
    checkRule(blobs(new Rng(11), 4000, 24, 5), 4000, 24, 30, false, true);
    checkRule(blobs(new Rng(11), 4000, 24, 5), 4000, 24, 30, false, false, HamerlyAssigner.BALL_MIN_K);
  }

  /**
   * From Elkan's kernel ({@code allowHamerly}, AUTO's rule between 512 and 768 columns): the run goes on with Hamerly's
   * on standard Gaussian rows (no centroid far), and keeps Elkan's on the blobs with several centroids each.
   */
  @Test
  void leavesElkanWhereNoCentroidIsFar() {
    checkRule(gaussian(new Rng(12), 4000, 24), 4000, 24, 30, true, true);
    checkRule(blobs(new Rng(11), 4000, 24, 5), 4000, 24, 30, true, false);
  }

  /**
   * No switch from Hamerly on standard Gaussian rows (no centroid is far), below 16 columns (the same blobs as above in
   * 15), or with one centroid a blob (Hamerly settles most rows).
   */
  @Test
  void keepsHamerlyElsewhere() {
    checkRule(gaussian(new Rng(12), 4000, 24), 4000, 24, 30, false, false);
    checkRule(blobs(new Rng(11), 4000, 15, 5), 4000, 15, 30, false, false);
    checkRule(blobs(new Rng(11), 4000, 24, 5), 4000, 24, 5, false, false);
  }

  /**
   * Fits {@code x} from greedy k-means++ seeds with the kernel given (Elkan's, or Hamerly's), free to switch by the
   * rule, on 1 to 3 threads: whether it switched must be {@code expected} on every thread count (the decision comes
   * from counts over the fixed chunks), and the fit must be Lloyd's either way.
   */
  private static void checkRule(double[] x, int n, int d, int k, boolean fromElkan, boolean expected) {
    checkRule(x, n, d, k, fromElkan, expected, Integer.MAX_VALUE);
  }

  /** {@link #checkRule} with Hamerly's rescans by balls from {@code ballMinK} centroids. */
  private static void checkRule(double[] x, int n, int d, int k, boolean fromElkan, boolean expected,
      int ballMinK) {
    double[] c0;
    try (Engine e = new Engine(x, n, d, k, null, new HamerlyAssigner(x, n, d, k, null), 1)) {
      c0 = e.plusPlus(new Rng(3));
    }
    Engine.Run lloyd;
    try (Engine l = new Engine(x, n, d, k, null, new LloydAssigner(x, n, d, k, null), 1)) {
      lloyd = l.run(c0, 30, 0);
    }
    for (int threads = 1; threads <= 3; threads++) {
      Assigner first;
      if (fromElkan) {
        first = new ElkanAssigner(x, n, d, k, null);
      } else {
        HamerlyAssigner h = new HamerlyAssigner(x, n, d, k, null);
        h.ballMinK(ballMinK);
        first = h;
      }
      try (Engine e = new Engine(x, n, d, k, null, first, threads)) {
        if (fromElkan) {
          e.allowHamerly();
        } else {
          e.allowElkan();
        }
        Engine.Run run = e.run(c0, 30, 0);
        assertEquals(expected, run.switched, "switched, threads " + threads);
        assertSame(lloyd, run, k * d);
      }
    }
  }

  /** The rescans the rule asks for: none below 16 columns, four fifths of the rows below 64, half from 64. */
  @Test
  void rescanThresholds() {
    assertFalse(Engine.manyRescans(1000, 1000, 15));
    assertTrue(Engine.manyRescans(800, 1000, 16));
    assertFalse(Engine.manyRescans(799, 1000, 16));
    assertTrue(Engine.manyRescans(801, 1001, 63)); // 5 * 801 = 4005 >= 4004
    assertFalse(Engine.manyRescans(800, 1001, 63));
    assertTrue(Engine.manyRescans(501, 1001, 64));
    assertFalse(Engine.manyRescans(500, 1001, 64));
    assertTrue(Engine.manyRescans(500, 1000, 1000));
    assertFalse(Engine.manyRescans(499, 1000, 1000));
    // Far beyond int: the products are taken in long.
    assertTrue(Engine.manyRescans(1_717_986_918L, Integer.MAX_VALUE, 20)); // 5 * it >= 4 * (2^31 - 1)
    assertFalse(Engine.manyRescans(1_717_986_917L, Integer.MAX_VALUE, 20));
  }

  /** Standard Gaussian rows: no cluster structure. */
  private static double[] gaussian(Rng rng, int n, int d) {
    double[] x = new double[n * d];
    for (int j = 0; j < x.length; j++) {
      x[j] = rng.nextGaussian();
    }
    return x;
  }

  /** Two runs give the same fit bit for bit: iterations, convergence, labels, inertia and centroids. */
  static void assertSame(Engine.Run expected, Engine.Run actual, int values) {
    assertEquals(expected.iterations, actual.iterations, "iterations");
    assertEquals(expected.converged, actual.converged, "converged");
    assertArrayEquals(expected.labels, actual.labels, "labels");
    assertEquals(Double.doubleToRawLongBits(expected.inertia), Double.doubleToRawLongBits(actual.inertia), "inertia");
    for (int j = 0; j < values; j++) {
      assertEquals(Double.doubleToRawLongBits(expected.centers[j]), Double.doubleToRawLongBits(actual.centers[j]),
          "centroid value " + j);
    }
  }

  /** Gaussian blobs of unit spread around centres drawn from [-40, 40) in every column. */
  private static double[] blobs(Rng rng, int n, int d, int count) {
    double[] centres = new double[count * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.uniform(-40, 40);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(count);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = centres[b * d + t] + rng.nextGaussian();
      }
    }
    return x;
  }

  /** Coordinates 0, 1 or 2: many exact ties between distances. */
  private static double[] lattice(Rng rng, int n, int d) {
    double[] x = new double[n * d];
    for (int j = 0; j < x.length; j++) {
      x[j] = rng.nextInt(3);
    }
    return x;
  }

  /** Random rows as initial centroids, the last a copy of the first. */
  private static double[] twinned(Rng rng, double[] x, int n, int d, int k) {
    double[] c0 = new double[k * d];
    for (int j = 0; j < k - 1; j++) {
      System.arraycopy(x, rng.nextInt(n) * d, c0, j * d, d);
    }
    System.arraycopy(c0, 0, c0, (k - 1) * d, d);
    return c0;
  }

  /** Initial centroids drawn from the first few rows (repeats included), some nudged apart. */
  private static double[] rows(Rng rng, double[] x, int n, int d, int k) {
    double[] c0 = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(x, rng.nextInt(Math.min(n, 1 + rng.nextInt(2 * k))) * d, c0, j * d, d);
      if (rng.nextInt(3) == 0) {
        c0[j * d + rng.nextInt(d)] += 0.25 * (1 + j);
      }
    }
    return c0;
  }
}
