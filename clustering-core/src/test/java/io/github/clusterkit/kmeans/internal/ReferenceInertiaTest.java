package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The inertia a run reports from its per-cluster reference sums ({@code Engine.referenceInertia}) against the exact
 * sum of squared distances (BigDecimal, from the returned centroids and labels): runs that end at strict
 * convergence, at the iteration limit (where the last pass still moves rows) and after re-seeded empty clusters, on
 * data near and far from the origin, for every kernel and thread count.
 */
class ReferenceInertiaTest {

  private static final int[] DIMS = {1, 2, 3, 10, 17, 50, 70};

  /** Exact {@code sum_i |x_i - c_{l_i}|^2} of the doubles given, rounded once. */
  static double exactInertia(double[] x, int n, int d, double[] c, int[] l) {
    BigDecimal s = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        BigDecimal e = new BigDecimal(x[i * d + t]).subtract(new BigDecimal(c[l[i] * d + t]));
        s = s.add(e.multiply(e));
      }
    }
    return s.round(MathContext.DECIMAL64).doubleValue();
  }

  static Assigner kernel(int kind, double[] x, int n, int d, int k) {
    switch (kind) {
      case 0:
        return new LloydAssigner(x, n, d, k, null);
      case 1:
        return new ElkanAssigner(x, n, d, k, null);
      default:
        return new HamerlyAssigner(x, n, d, k, null);
    }
  }

  @Property(tries = 150)
  void inertiaFromSumsIsTheSumOfSquaredDistances(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int n) {
    Rng rng = new Rng(seed);
    int d = DIMS[rng.nextInt(DIMS.length)];
    int centres = 1 + rng.nextInt(6);
    double offset = rng.nextInt(3) == 0 ? 1e6 : 0; // far from the origin: raw sums of squares would cancel badly
    double[] mu = new double[centres * d];
    for (int j = 0; j < mu.length; j++) {
      mu[j] = offset + rng.nextGaussian() * 10;
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int j = rng.nextInt(centres);
      boolean dup = i > 0 && rng.nextInt(5) == 0;
      for (int t = 0; t < d; t++) {
        x[i * d + t] = dup ? x[(i - 1) * d + t] : mu[j * d + t] + rng.nextGaussian() * (0.1 + rng.nextDouble());
      }
    }
    int k = 1 + rng.nextInt(Math.min(n, 10));
    double[] init = new double[k * d];
    for (int j = 0; j < k; j++) {
      // Rows as starts; one in four runs starts every centroid on row 0, so that all but one cluster start empty
      // and are re-seeded.
      int r = rng.nextInt(4) == 0 ? 0 : rng.nextInt(n);
      System.arraycopy(x, r * d, init, j * d, d);
    }
    int maxIt = 1 + rng.nextInt(rng.nextInt(2) == 0 ? 4 : 40);
    int threads = 1 + rng.nextInt(3);
    try (Engine engine = new Engine(x, n, d, k, null, kernel(rng.nextInt(3), x, n, d, k), threads)) {
      Engine.Run run = engine.run(init, maxIt, 0);
      double exact = exactInertia(x, n, d, run.centers, run.labels);
      // Sixteen bits of 53 are more than the direct summation loses here; the reference sums lose at most four.
      assertEquals(exact, run.inertia, 0x1.0p-37 * exact + 1e-300,
          "n " + n + " d " + d + " k " + k + " maxIt " + maxIt + " offset " + offset);
      double direct = engine.inertia(run.centers, run.labels);
      assertEquals(direct, run.inertia, 0x1.0p-36 * direct + 1e-300, "against the direct sum");
      double viaSums = engine.referenceInertia(run.centers);
      Statistics.label("reference sums").collect(Double.isNaN(viaSums) ? "direct sum" : "sums");
      if (!Double.isNaN(viaSums)) {
        assertEquals(viaSums, run.inertia, 0.0, "the run reports the sums' value");
      }
    }
  }

  /**
   * Far from the origin (1e7, spread 1), the sums would lose digits once the centroids travel, and the run sums the
   * distances directly; near the origin (standardised-like data: centres 0, 3 and 6) the same shapes use the sums.
   * Both stay within 2^-40 of the exact value.
   */
  @Test
  void offsetDataFallBackNearDataUseTheSums() {
    for (double offset : new double[] {1e7, 0}) {
      Rng rng = new Rng(7);
      int n = 3000;
      int d = 5;
      double[] x = new double[n * d];
      for (int i = 0; i < n; i++) {
        for (int t = 0; t < d; t++) {
          x[i * d + t] = offset + (i % 3) * 3 + rng.nextGaussian();
        }
      }
      double[] init = new double[3 * d];
      for (int j = 0; j < 3; j++) {
        System.arraycopy(x, j * d, init, j * d, d);
      }
      try (Engine engine = new Engine(x, n, d, 3, null, new HamerlyAssigner(x, n, d, 3, null), 2)) {
        Engine.Run run = engine.run(init, 100, 0);
        double viaSums = engine.referenceInertia(run.centers);
        if (offset > 0) {
          assertTrue(Double.isNaN(viaSums), "offset data: the sums are refused");
        } else {
          assertEquals(viaSums, run.inertia, 0.0, "data near the origin: the sums are used");
        }
        double exact = exactInertia(x, n, d, run.centers, run.labels);
        assertEquals(exact, run.inertia, 0x1.0p-40 * exact, "offset " + offset);
      }
    }
  }

  /**
   * A cluster whose rows all sit on one point away from its reference point: the sums would cancel to nothing,
   * so the run falls back to the direct sum, bit for bit.
   */
  @Test
  void cancellingClusterFallsBackToTheDirectSum() {
    int n = 7;
    int d = 3;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        x[i * d + t] = i < 4 ? 0.1 * (t + 1) : 5 + i + t; // four equal rows, then three spread rows
      }
    }
    // Centroid 0 starts between the equal rows and the rest, and ends on the equal rows: Q = 4 |x - r|^2, while
    // the inertia of cluster 0 is (about) 0.
    double[] init = {2, 2, 2, 12, 12, 12};
    for (int kind = 0; kind < 3; kind++) {
      try (Engine engine = new Engine(x, n, d, 2, null, kernel(kind, x, n, d, 2), 1)) {
        Engine.Run run = engine.run(init, 50, 0);
        assertTrue(Double.isNaN(engine.referenceInertia(run.centers)), "the sums are refused");
        assertEquals(engine.inertia(run.centers, run.labels), run.inertia, 0.0, "kernel " + kind);
        assertTrue(run.converged);
      }
    }
  }
}
