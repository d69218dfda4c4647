package io.github.clusterkit.gmm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;
import org.junit.jupiter.api.Test;

/**
 * FULL and TIED covariances wider than {@link EmRun#WIDE_FROM} columns: the wide scatter path keeps its scratch
 * linear in {@code d}, agrees with the narrow path (its lanes of {@value EmRun#BLOCK} partial sums per pair of
 * columns) to rounding, and is bit for bit the same for any number of threads.
 */
class EmRunWideTest {

  /** Three blobs in {@code d} columns, with correlated columns (each row mixes two Gaussian draws). */
  private static double[] data(long seed, int n, int d) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int blob = i % 3;
      double shared = rng.nextGaussian();
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (j % 3 == blob ? 4 : 0) + rng.nextGaussian() + 0.5 * shared;
      }
    }
    return x;
  }

  /** EM from random (uniform, normalised) responsibilities, as GaussianMixture's RANDOM init. */
  private static EmRun.Result fit(double[] x, int n, int d, int k, CovarianceType type, int threads,
      int wideFrom) {
    try (ChunkRunner exec = new ChunkRunner(threads)) {
      EmRun run = new EmRun(x, n, d, k, type, 1e-6, exec, wideFrom);
      Rng rng = new Rng(7);
      run.clearResponsibilities();
      double[] r = new double[k];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          r[c] = rng.nextDouble();
          s += r[c];
        }
        for (int c = 0; c < k; c++) {
          run.setResponsibility(i, c, r[c] / s);
        }
      }
      return run.run(run.initialMixture(), 3, 0);
    }
  }

  @Test
  void wideScatterAgreesWithTheNarrowLanesToRounding() {
    // The oracle is the narrow path (lanes of BLOCK partial sums per pair, the code that runs for d <= WIDE_FROM)
    // forced by the package-private width. Both form the same products r_t v_ta v_tj and differ only in the order
    // of the additions (relative rounding about n * 2^-53 per sum, 1e-12 at n = 9000), which three EM iterations
    // carry into the parameters; 1e-9 relative to each array's largest magnitude leaves room for that and is far
    // below any difference of substance. n = 9000 rows make three chunks (4096 rows each), d = 70 > WIDE_FROM.
    int n = 9000;
    int d = EmRun.WIDE_FROM + 6;
    int k = 3;
    double[] x = data(11, n, d);
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
      EmRun.Result narrow = fit(x, n, d, k, type, 1, Integer.MAX_VALUE);
      EmRun.Result wide = fit(x, n, d, k, type, 1, EmRun.WIDE_FROM);
      assertClose(narrow.mixture.weights, wide.mixture.weights, type + " weights");
      assertClose(narrow.mixture.means, wide.mixture.means, type + " means");
      assertClose(narrow.mixture.cov, wide.mixture.cov, type + " covariances");
      assertClose(narrow.history, wide.history, type + " log-likelihood history");
    }
  }

  @Test
  void wideScatterDoesNotDependOnTheThreadCount() {
    // Chunk boundaries depend on n only and each chunk sums its rows in a fixed order: the same bits for 1, 2 and
    // 3 threads (three chunks). d = 130 also cuts the scatter into several slices (wideSlices), each a task of its
    // own: every sum gets the same additions whichever thread computes its slice.
    int n = 9000;
    for (int d : new int[] {EmRun.WIDE_FROM + 3, 130}) {
      double[] x = data(5, n, d);
      for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
        EmRun.Result one = fit(x, n, d, 2, type, 1, EmRun.WIDE_FROM);
        for (int threads = 2; threads <= 3; threads++) {
          EmRun.Result many = fit(x, n, d, 2, type, threads, EmRun.WIDE_FROM);
          String what = type + " d = " + d + ", " + threads + " threads";
          assertBits(one.mixture.means, many.mixture.means, what + " means");
          assertBits(one.mixture.cov, many.mixture.cov, what + " covariances");
          assertBits(one.history, many.history, what + " history");
        }
      }
    }
  }

  @Test
  void partialSumsOfAWideFitDoNotGrowWithTheRows() {
    // Before, every chunk (64 of them from n = 262144 rows on) kept its own copy of the second-moment sums: at
    // d = 1000, k = 5, n = 300000 that is 64 * 5 * 500500 = 160 million doubles (1.3 GB, 32 times the model's k d^2
    // covariance array), for TIED 64 * 500500. Now the wide path keeps the sums once (k d (d + 1) / 2, TIED
    // d (d + 1) / 2) and each worker one slice of them (the slices of all tasks together are about the sums once
    // more): whatever n and the thread count, at most three times the sums, 1.5 times the model's k d^2 (TIED d^2),
    // and the same for 300000 and 2000000 rows.
    int d = 1000;
    int k = 5;
    long tri = (long) d * (d + 1) / 2;
    for (int threads : new int[] {1, 2, 8, 64}) {
      long full = EmRun.partialSumDoubles(300_000, d, k, CovarianceType.FULL, EmRun.WIDE_FROM, threads);
      long tied = EmRun.partialSumDoubles(300_000, d, k, CovarianceType.TIED, EmRun.WIDE_FROM, threads);
      String what = threads + " threads: ";
      assertTrue(full >= k * tri && full <= 3 * k * tri, what + "FULL partial sums " + full);
      assertTrue(tied >= tri && tied <= 3 * tri, what + "TIED partial sums " + tied);
      assertEquals(full, EmRun.partialSumDoubles(2_000_000, d, k, CovarianceType.FULL, EmRun.WIDE_FROM, threads),
          what + "FULL, more rows");
      assertEquals(tied, EmRun.partialSumDoubles(2_000_000, d, k, CovarianceType.TIED, EmRun.WIDE_FROM, threads),
          what + "TIED, more rows");
    }
    // up to WIDE_FROM columns nothing changed: one array of k d (d + 1) / 2 per chunk (64 chunks at n = 300000)
    int narrow = EmRun.WIDE_FROM;
    assertEquals(64L * k * narrow * (narrow + 1) / 2,
        EmRun.partialSumDoubles(300_000, narrow, k, CovarianceType.FULL, EmRun.WIDE_FROM, 8));
  }

  @Test
  void aWideFitHoldsThePlannedPartialSums() {
    // What a fit really allocates for its sums (the sums, the slices of the workers) is what partialSumDoubles
    // plans, which the test above bounds, and less than two copies of the sums: n = 9000 rows (three chunks),
    // d = 130, three threads.
    int n = 9000;
    int d = 130;
    int k = 3;
    double[] x = data(9, n, d);
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
      try (ChunkRunner exec = new ChunkRunner(3)) {
        EmRun run = new EmRun(x, n, d, k, type, 1e-6, exec);
        run.clearResponsibilities();
        for (int i = 0; i < n; i++) {
          run.setResponsibility(i, i % k, 1);
        }
        run.run(run.initialMixture(), 1, 0);
        long planned = EmRun.partialSumDoubles(n, d, k, type, EmRun.WIDE_FROM, 3);
        long held = run.partialSumDoubles();
        long sums = type == CovarianceType.FULL ? (long) k * d * (d + 1) / 2 : (long) d * (d + 1) / 2;
        assertTrue(held >= sums && held <= planned, type + ": holds " + held + ", planned " + planned);
        // before, one copy of the sums per chunk: three here
        assertTrue(held < 2 * sums, type + ": holds " + held + " doubles, sums " + sums);
      }
    }
  }

  @Test
  void wideSumsAreTheWeightedScatterOfTheRows() {
    // One M-step from given responsibilities (the initial mixture) against the textbook formulas evaluated row by
    // row in plain loops: N_c = sum_i r_ic + 10 eps, mean_c = sum_i r_ic x_i / N_c, FULL cov_c = sum_i r_ic
    // (x_i - mean_c)(x_i - mean_c)^T / N_c + reg I, TIED the sum over c of the scatters / sum_c N_c + reg I. Both
    // sum about 9000 terms in different orders: relative rounding at most n * 2^-53 = 1e-12 (far less in practice),
    // so 1e-11 of the largest entry. d = 130, k = 3: three chunks, several slices of the triangle per component.
    int n = 9000;
    int d = 130;
    int k = 3;
    double reg = 1e-3;
    double[] x = data(21, n, d);
    double[] r = new double[n * k];
    Rng rng = new Rng(4);
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int c = 0; c < k; c++) {
        r[i * k + c] = rng.nextDouble();
        s += r[i * k + c];
      }
      for (int c = 0; c < k; c++) {
        r[i * k + c] /= s;
      }
    }
    double[] nk = new double[k];
    double[] mean = new double[k * d];
    double[][] scatter = new double[k][d * d];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        nk[c] += r[i * k + c];
        for (int j = 0; j < d; j++) {
          mean[c * d + j] += r[i * k + c] * x[i * d + j];
        }
      }
      nk[c] += 10 * Math.ulp(1.0);
      for (int j = 0; j < d; j++) {
        mean[c * d + j] /= nk[c];
      }
      double[] v = new double[d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          v[j] = x[i * d + j] - mean[c * d + j];
        }
        double ri = r[i * k + c];
        for (int a = 0; a < d; a++) {
          double w = ri * v[a];
          for (int b = 0; b < d; b++) {
            scatter[c][a * d + b] += w * v[b];
          }
        }
      }
    }
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
      try (ChunkRunner exec = new ChunkRunner(2)) {
        EmRun run = new EmRun(x, n, d, k, type, reg, exec);
        run.clearResponsibilities();
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < k; c++) {
            run.setResponsibility(i, c, r[i * k + c]);
          }
        }
        Mixture m = run.initialMixture();
        double[] expected = new double[type == CovarianceType.FULL ? k * d * d : d * d];
        double total = 0;
        for (int c = 0; c < k; c++) {
          total += nk[c];
        }
        for (int c = 0; c < k; c++) {
          for (int q = 0; q < d * d; q++) {
            if (type == CovarianceType.FULL) {
              expected[c * d * d + q] = scatter[c][q] / nk[c] + (q % (d + 1) == 0 ? reg : 0);
            } else {
              expected[q] += scatter[c][q];
            }
          }
        }
        if (type == CovarianceType.TIED) {
          for (int q = 0; q < d * d; q++) {
            expected[q] = expected[q] / total + (q % (d + 1) == 0 ? reg : 0);
          }
        }
        assertClose(mean, m.means, 1e-11, type + " means");
        assertClose(expected, m.cov, 1e-11, type + " covariances");
      }
    }
  }

  @Test
  void scratchOfAWideFullFitIsLinearInTheWidth() {
    // Before, each worker held d (d + 1) / 2 lanes of BLOCK = 128 doubles for the scatter: at d = 1000 that is
    // 64 million doubles (512 MB; d = 20000 needed 200 GB and failed with OutOfMemoryError). The wide path keeps
    // the E-step's block columns (a few arrays of d * BLOCK doubles, k of them for the coordinate sums) and
    // (WIDE_ROWS + 1) d doubles of its own: below (k + 6) d BLOCK doubles (1 MB per column-block unit here).
    int n = 200;
    int d = 1000;
    int k = 1;
    double[] x = data(3, n, d);
    try (ChunkRunner exec = new ChunkRunner(1)) {
      EmRun run = new EmRun(x, n, d, k, CovarianceType.FULL, 0.1, exec);
      run.clearResponsibilities();
      for (int i = 0; i < n; i++) {
        run.setResponsibility(i, 0, 1);
      }
      Mixture m = run.initialMixture();
      long scratch = run.scratchDoubles();
      assertTrue(scratch > 0 && scratch <= (long) (k + 6) * d * EmRun.BLOCK,
          "per-worker scratch at d = " + d + ": " + scratch + " doubles");
      // and the one M-step it ran is the sample covariance (responsibility 1 for every row): check a few entries
      // against the two-pass textbook formula sum (x_a - mean_a)(x_b - mean_b) / (n + 10 eps) + 0.1 [a == b]
      double nk = n + 10 * Math.ulp(1.0);
      for (int[] ab : new int[][] {{0, 0}, {999, 0}, {500, 499}, {999, 999}}) {
        int a = ab[0];
        int b = ab[1];
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
          ma += x[i * d + a];
          mb += x[i * d + b];
        }
        ma /= nk;
        mb /= nk;
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += (x[i * d + a] - ma) * (x[i * d + b] - mb);
        }
        double expected = s / nk + (a == b ? 0.1 : 0);
        assertEquals(expected, m.cov[a * d + b], 1e-12 * (1 + Math.abs(expected)), "cov[" + a + "][" + b + "]");
      }
    }
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertClose(expected, actual, 1e-9, what);
  }

  private static void assertClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what);
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], relative * scale, what + "[" + i + "]");
    }
  }

  private static void assertBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
    }
  }
}
