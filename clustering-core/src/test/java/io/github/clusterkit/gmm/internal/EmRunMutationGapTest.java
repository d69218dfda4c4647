package io.github.clusterkit.gmm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.testutil.TextbookCholesky;
import org.junit.jupiter.api.Test;

/**
 * Paths of {@link EmRun} that the mutation triage of 2026-11-29 found without a test pinning their result (see
 * docs/testing.md, "Mutation testing"). The oracle is {@link PlainEm}, scikit-learn 1.2's EM written out plainly in
 * this test (one row at a time, two-pass sums, a Cholesky factor per component), or an exact computation where the
 * responsibilities are 0 and 1.
 */
class EmRunMutationGapTest {

  /** Relative to each array's largest magnitude: rounding of sums of a few thousand terms, far below any mutant. */
  private static final double REL = 1e-9;

  /**
   * DIAGONAL and SPHERICAL (the fused E-step) and FULL and TIED over 5000 rows, two chunks of {@code 4096} rows: the
   * second chunk starts at row 4096 (a chunk that started again at row 0 counted 4096 rows twice and 904 never).
   */
  @Test
  void fitsOverTwoChunksMatchPlainEm() {
    int n = 5000;
    int d = 2;
    double[][] x = twoBlobs(3, n, d, 0, 4);
    for (CovarianceType type : CovarianceType.values()) {
      PlainEm.Params start = PlainEm.Params.of(type, new double[] {0.5, 0.5}, new double[][] {{-1, 0.5}, {3, 5}},
          new double[][] {{2, 1.5}, {1, 0.5}});
      EmRun.Result r = emRun(x, type, 1e-6, Integer.MAX_VALUE, start, 3);
      PlainEm.Result p = PlainEm.run(x, start, type, 1e-6, 3);
      assertSame(p, r, type + " over two chunks");
    }
  }

  /**
   * The initial M-step from responsibilities set row by row ({@link EmRun#initialMixture()}), with component 0 on rows
   * {@code [0, 200)} and component 1 on rows {@code [200, 512)}, so that each reads only its own blocks of 128 rows:
   * DIAGONAL's sums of squares per column (one lane of 128 per column; lanes that overlapped summed every column into
   * the first), and FULL and TIED both on the narrow lanes and on the wide scatter (forced by a width of 0), which
   * must read component 1's own block flags, and whose block loop must stop at row 512, a multiple of 128.
   */
  @Test
  void initialMixtureFromContiguousLabelsMatchesPlainMStep() {
    int n = 512;
    int d = 3;
    double[][] x = twoBlobs(8, n, d, 0, 6);
    double[][] resp = new double[n][2];
    for (int i = 0; i < n; i++) {
      resp[i][i < 200 ? 0 : 1] = 1;
    }
    for (CovarianceType type : CovarianceType.values()) {
      PlainEm.Params expected = PlainEm.mStep(x, resp, type, 1e-6, true);
      for (int wideFrom : new int[] {Integer.MAX_VALUE, 0}) {
        try (ChunkRunner exec = new ChunkRunner(1)) {
          EmRun run = new EmRun(flat(x), n, d, 2, type, 1e-6, exec, wideFrom);
          run.clearResponsibilities();
          for (int i = 0; i < n; i++) {
            run.setResponsibility(i, i < 200 ? 0 : 1, 1);
          }
          Mixture m = run.initialMixture();
          String what = type + (wideFrom == 0 ? " wide" : " narrow");
          assertClose(expected.weights, m.weights, what + " weights");
          assertClose(flat(expected.means), m.means, what + " means");
          assertClose(expected.storage(type), m.cov, what + " covariances");
        }
      }
    }
  }

  /**
   * DIAGONAL and SPHERICAL from two initial means about {@code 10^5} standard deviations from their blobs: the sums
   * about the old means cancel, and the M-step takes them again about 0 and about the new means ({@code recentred});
   * with two components the second's means and variances must come from its own cells (one component, the only
   * case tested before, reads the same cells either way).
   */
  @Test
  void recentredMStepOfTwoComponentsMatchesPlainEm() {
    int n = 400;
    int d = 2;
    double[][] x = twoBlobs(5, n, d, 0, 6);
    for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.SPHERICAL}) {
      PlainEm.Params start = PlainEm.Params.of(type, new double[] {0.4, 0.6},
          new double[][] {{-1e5, -1e5}, {1e5, 1e5}}, new double[][] {{1e10, 1e10}, {1e10, 1e10}});
      for (int iterations : new int[] {1, 3}) {
        EmRun.Result r = emRun(x, type, 1e-6, Integer.MAX_VALUE, start, iterations);
        PlainEm.Result p = PlainEm.run(x, start, type, 1e-6, iterations);
        assertSame(p, r, type + " from far means, " + iterations + " iterations");
      }
    }
  }

  /**
   * Regularization 0 with one blob of variance {@code 1e-18} near 0.5 and another of variance 1 near {@code 10^6}:
   * the floors from the columns' largest magnitudes ({@code 2 ((4n + 16) u 10^6)^2}, about {@code 3e-14}) refuse the
   * small blob's variance, and the floors from its own rows ({@code magnitudes}: about {@code 1e-26}) accept it, as
   * the Javadoc of {@code build} says. The responsibilities are 0 and 1 (the blobs are {@code 10^15} standard
   * deviations apart), so the fit is the plain M-step of each blob; FULL takes the magnitudes from the stored
   * responsibilities, DIAGONAL and SPHERICAL from the previous mixture's posteriors (their E-step stores none).
   */
  @Test
  void floorsFromAComponentsOwnRowsAcceptASmallScaleBlobWithoutRegularization() {
    int n = 300;
    Rng rng = new Rng(17);
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      boolean small = i % 2 == 0;
      for (int j = 0; j < 2; j++) {
        x[i][j] = small ? 0.5 + 1e-9 * rng.nextGaussian() : 1e6 + rng.nextGaussian();
      }
    }
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAGONAL,
        CovarianceType.SPHERICAL}) {
      PlainEm.Params start = PlainEm.Params.of(type, new double[] {0.5, 0.5}, new double[][] {{0.5, 0.5}, {1e6, 1e6}},
          new double[][] {{1e-18, 1e-18}, {1, 1}});
      EmRun.Result r = emRun(x, type, 0, Integer.MAX_VALUE, start, 2);
      PlainEm.Result p = PlainEm.run(x, start, type, 0, 2);
      // the small blob's variances are about 1e-18 against means of 0.5: compare each component on its own scale
      for (int c = 0; c < 2; c++) {
        int w = type == CovarianceType.FULL ? 4 : type == CovarianceType.DIAGONAL ? 2 : 1;
        double[] expected = java.util.Arrays.copyOfRange(p.params.storage(type), c * w, c * w + w);
        double[] actual = java.util.Arrays.copyOfRange(r.mixture.cov, c * w, c * w + w);
        assertCloseTo(expected, actual, 1e-6, type + " covariance of component " + c);
        assertClose(p.params.means[c], java.util.Arrays.copyOfRange(r.mixture.means, 2 * c, 2 * c + 2),
            type + " mean of component " + c);
      }
      assertClose(p.history, r.history, type + " log-likelihood history");
    }
  }

  /**
   * The floors from a component's own rows after a DIAGONAL E-step (which stores no responsibilities) rank a row whose
   * log densities all overflow as the E-step did ({@code farPoint}): regularization 0, a blob of variance {@code 1e-18}
   * near 0.5 (component 0), a blob of variance 1 near {@code 10^6} (component 1, initial variance {@code 1e-20}) and
   * one row at {@code 1e150}, beyond both components' range, which the far-point ranking gives to component 0 (its
   * smaller quadratic term). The columns' largest magnitude, {@code 1e150}, makes the first floors refuse component 1;
   * its own rows' floors (about {@code 3e-14}) accept it, as long as the far row is not counted in it. The
   * responsibilities are 0 and 1, so the expected fit is the plain M-step of that labelling.
   */
  @Test
  void floorsFromTheEStepsOwnRowsRankARowBeyondTheRangeAsTheEStep() {
    int n = 301;
    Rng rng = new Rng(41);
    double[][] x = new double[n][1];
    double[][] resp = new double[n][2];
    for (int i = 0; i < n; i++) {
      boolean small = i % 2 == 0;
      x[i][0] = i == 150 ? 1e150 : small ? 0.5 + 1e-9 * rng.nextGaussian() : 1e6 + rng.nextGaussian();
      resp[i][small || i == 150 ? 0 : 1] = 1;
    }
    PlainEm.Params start = PlainEm.Params.of(CovarianceType.DIAGONAL, new double[] {0.5, 0.5},
        new double[][] {{0.5}, {1e6}}, new double[][] {{1e-18}, {1e-20}});
    EmRun.Result r = emRun(x, CovarianceType.DIAGONAL, 0, Integer.MAX_VALUE, start, 1);
    PlainEm.Params expected = PlainEm.mStep(x, resp, CovarianceType.DIAGONAL, 0, false);
    assertEquals(Double.NEGATIVE_INFINITY, r.history[0]);
    assertClose(expected.weights, r.mixture.weights, "weights");
    for (int c = 0; c < 2; c++) {
      assertCloseTo(expected.means[c], new double[] {r.mixture.means[c]}, 1e-9, "mean of component " + c);
      assertCloseTo(new double[] {expected.cov[c][0][0]}, new double[] {r.mixture.cov[c]}, 1e-6,
          "variance of component " + c);
    }
  }

  /**
   * Regularization 0 and component 1 on 50 equal rows at {@code (1000 / 3, 1000 / 3)}: its variances are 0 in exact
   * arithmetic, and a computed one is rounding noise (the sum of 50 equal values is not exact for this one, so the
   * mean is a few ulps off it; at 1000 the mean came out exact and the variance 0, which no floor is needed to
   * refuse). The fit must refuse it, naming component 1, for every type that keeps a variance per component;
   * SPHERICAL's floor is the mean of its columns' floors.
   */
  @Test
  void aComponentOnEqualRowsIsRefusedWithoutRegularization() {
    int n = 150;
    Rng rng = new Rng(23);
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        x[i][j] = i < 100 ? rng.nextGaussian() : 1000.0 / 3;
      }
    }
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAGONAL,
        CovarianceType.SPHERICAL}) {
      PlainEm.Params start = PlainEm.Params.of(type, new double[] {0.5, 0.5},
          new double[][] {{0, 0}, {1000.0 / 3, 1000.0 / 3}}, new double[][] {{1, 1}, {1, 1}});
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> emRun(x, type, 0, Integer.MAX_VALUE, start, 1), type.toString());
      String m = e.getMessage();
      assertTrue(m.contains("after EM iteration 1: the covariance matrix of component 1 (of 2, responsibility sum"
          + " 50.0) is not positive definite (" + type + " covariance, d = 2)"), m);
    }
  }

  /**
   * Rows whose log densities all overflow, when one component only has a positive weight: weights (1, 0), component
   * 0's mean at {@code 1e200} (every squared distance overflows), component 1 of weight 0 at the data. Every row goes
   * wholly to component 0, as the E-step's Javadoc says, so the M-step is the plain one on responsibilities 1 and 0
   * (component 1 keeps {@code N_1 = 10 eps}, mean 0 and the regularization); the initial log-likelihood is
   * {@code -Infinity}. 256 rows fill two blocks of 128.
   */
  @Test
  void rowsBeyondTheRangeGoWhollyToTheOnlyComponentOfPositiveWeight() {
    int n = 256;
    Rng rng = new Rng(29);
    double[][] x = new double[n][1];
    for (int i = 0; i < n; i++) {
      x[i][0] = rng.nextGaussian();
    }
    double[][] resp = new double[n][2];
    for (int i = 0; i < n; i++) {
      resp[i][0] = 1;
    }
    for (CovarianceType type : CovarianceType.values()) {
      PlainEm.Params start = PlainEm.Params.of(type, new double[] {1, 0}, new double[][] {{1e200}, {0}},
          new double[][] {{1}, {1}});
      EmRun.Result r = emRun(x, type, 1e-6, Integer.MAX_VALUE, start, 1);
      PlainEm.Params expected = PlainEm.mStep(x, resp, type, 1e-6, false);
      assertEquals(Double.NEGATIVE_INFINITY, r.history[0], type.toString());
      assertClose(expected.weights, r.mixture.weights, type + " weights");
      assertClose(flat(expected.means), r.mixture.means, type + " means");
      assertClose(expected.storage(type), r.mixture.cov, type + " covariances");
      assertEquals(PlainEm.eStep(x, expected, null), r.history[1], 1e-12, type + " final log-likelihood");
    }
  }

  /**
   * The refusal of a row no component can be ranked for names that row: rows 0 to 2 lie at component 1 (mean 0,
   * variance {@code 1e-30}), row 3 at {@code 1e140} overflows both components' squared distances, and the far-point
   * ranking's terms overflow too (component 0's mean at {@code 1e200}). Before, every such test refused row 0, the
   * first of its block.
   */
  @Test
  void aRowNoComponentCanBeRankedForIsNamedByItsIndex() {
    double[][] x = {{0}, {1e-15}, {2e-15}, {1e140}};
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAGONAL,
        CovarianceType.SPHERICAL}) {
      PlainEm.Params start = PlainEm.Params.of(type, new double[] {0.5, 0.5}, new double[][] {{1e200}, {0}},
          new double[][] {{1}, {1e-30}});
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> emRun(x, type, 1e-6, Integer.MAX_VALUE, start, 1), type.toString());
      assertTrue(e.getMessage().startsWith("Gaussian mixture fit failed in the E-step of EM iteration 1: row 3 is so"
          + " far from every component that all 2 of its log densities overflow"), e.getMessage());
    }
  }

  /**
   * Tolerance 0 runs exactly {@code maxIter} iterations (scikit-learn: {@code n_iter_ = max_iter}); at 101 the
   * history (101 entries up front) must grow for the final E-step's entry. One component: every iteration after the
   * first gives the same parameters, so the plain EM's log-likelihoods are the expected history.
   */
  @Test
  void toleranceZeroRunsExactlyOneHundredAndOneIterations() {
    double[][] x = twoBlobs(31, 60, 2, 0, 3);
    PlainEm.Params start = PlainEm.Params.of(CovarianceType.FULL, new double[] {1}, new double[][] {{0, 0}},
        new double[][] {{1, 1}});
    EmRun.Result r = emRun(x, CovarianceType.FULL, 1e-6, Integer.MAX_VALUE, start, 101);
    PlainEm.Result p = PlainEm.run(x, start, CovarianceType.FULL, 1e-6, 101);
    assertEquals(101, r.iterations);
    assertFalse(r.converged);
    assertEquals(102, r.history.length);
    assertClose(p.history, r.history, "history");
  }

  /**
   * The k-means++ initial mixture from its rows alone, for DIAGONAL and SPHERICAL, has the bits of the general path
   * (responsibility 1 on each row, {@link EmRun#initialMixture()}) also for values near {@code 10^8}, where the
   * variance of one row about its own mean ({@code (x - x / (1 + 10 eps))^2}, about {@code 5e-14}) shows above the
   * regularization {@code 1e-6} (for values of a few units, as in {@code EmRunInitTest}, it is far below its ulp).
   */
  @Test
  void seedRowsOfLargeValuesGiveTheGeneralPathsBits() {
    int n = 300;
    int d = 3;
    int k = 3;
    Rng rng = new Rng(37);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.uniform(-3e8, 3e8);
    }
    int[] rows = {5, 120, 299};
    for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.SPHERICAL}) {
      Mixture[] fastSlow = EmRunInitTest.fromRowsBothWays(x, n, d, k, type, rows);
      Mixture fast = fastSlow[0];
      Mixture slow = fastSlow[1];
      for (int q = 0; q < slow.cov.length; q++) {
        assertEquals(slow.cov[q], fast.cov[q], 0.0, type + " covariance " + q);
        assertTrue(slow.cov[q] != 1e-6, type + " covariance " + q + " shows the row's own variance");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Two Gaussian blobs of unit spread, alternating rows, the second shifted by {@code shift} in every column. */
  private static double[][] twoBlobs(long seed, int n, int d, double first, double shift) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (i % 2 == 0 ? first : first + shift) + (0.5 + 0.5 * j) * rng.nextGaussian();
      }
    }
    return x;
  }

  private static EmRun.Result emRun(double[][] x, CovarianceType type, double reg, int wideFrom,
      PlainEm.Params start, int iterations) {
    int n = x.length;
    int d = x[0].length;
    int k = start.weights.length;
    try (ChunkRunner exec = new ChunkRunner(1)) {
      Mixture m = Mixture.of(type, k, d, start.weights.clone(), flat(start.means), start.storage(type));
      return new EmRun(flat(x), n, d, k, type, reg, exec, wideFrom).run(m, iterations, 0);
    }
  }

  private static void assertSame(PlainEm.Result p, EmRun.Result r, String what) {
    assertEquals(p.history.length, r.history.length, what + " iterations");
    assertClose(p.params.weights, r.mixture.weights, what + " weights");
    assertClose(flat(p.params.means), r.mixture.means, what + " means");
    assertClose(p.params.storage(r.mixture.type()), r.mixture.cov, what + " covariances");
    assertClose(p.history, r.history, what + " log-likelihood history");
  }

  private static double[] flat(double[][] m) {
    int d = m[0].length;
    double[] out = new double[m.length * d];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * d, d);
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertCloseTo(expected, actual, REL, what);
  }

  /** Element-wise within {@code rel} of the larger of the element's and the array's largest magnitude. */
  private static void assertCloseTo(double[] expected, double[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      double tol = rel * Math.max(Math.abs(expected[i]), scale);
      assertTrue(err <= tol, what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  /**
   * scikit-learn 1.2's {@code GaussianMixture} EM written out plainly: E-step row by row with a Cholesky factor per
   * component and log-sum-exp; M-step {@code N_c = sum_i r_ic + 10 eps}, means {@code sum_i r_ic x_i / N_c},
   * covariances about the new means over {@code N_c} (TIED: summed over the components, over {@code sum N_c};
   * DIAGONAL their diagonal; SPHERICAL its mean) plus {@code reg} on the diagonal; weights {@code N_c / sum N_c}
   * ({@code N_c / n} for the initial M-step); the history is the E-steps' mean log-likelihoods, the last one of the
   * final parameters.
   */
  static final class PlainEm {

    static final class Params {
      final double[] weights;
      final double[][] means;
      /** Full {@code d x d} matrices, one per component (TIED: all equal). */
      final double[][][] cov;

      Params(double[] weights, double[][] means, double[][][] cov) {
        this.weights = weights;
        this.means = means;
        this.cov = cov;
      }

      /** Diagonal covariances from per-column variances (SPHERICAL: the first column's for all, TIED: the first). */
      static Params of(CovarianceType type, double[] weights, double[][] means, double[][] variances) {
        int k = weights.length;
        int d = means[0].length;
        double[][][] cov = new double[k][d][d];
        for (int c = 0; c < k; c++) {
          double[] v = variances[type == CovarianceType.TIED ? 0 : c];
          for (int j = 0; j < d; j++) {
            cov[c][j][j] = type == CovarianceType.SPHERICAL ? v[0] : v[j];
          }
        }
        return new Params(weights, means, cov);
      }

      /** The covariances in {@link Mixture}'s storage for {@code type}. */
      double[] storage(CovarianceType type) {
        int k = weights.length;
        int d = means[0].length;
        double[] out = new double[Mixture.covLength(type, k, d)];
        for (int c = 0; c < k; c++) {
          for (int a = 0; a < d; a++) {
            switch (type) {
              case FULL:
                for (int b = 0; b < d; b++) {
                  out[(c * d + a) * d + b] = cov[c][a][b];
                }
                break;
              case TIED:
                for (int b = 0; b < d; b++) {
                  out[a * d + b] = cov[0][a][b];
                }
                break;
              case DIAGONAL:
                out[c * d + a] = cov[c][a][a];
                break;
              default:
                out[c] = cov[c][0][0];
                break;
            }
          }
        }
        return out;
      }
    }

    static final class Result {
      final Params params;
      final double[] history;

      Result(Params params, double[] history) {
        this.params = params;
        this.history = history;
      }
    }

    static Result run(double[][] x, Params start, CovarianceType type, double reg, int iterations) {
      int n = x.length;
      int k = start.weights.length;
      double[] history = new double[iterations + 1];
      Params p = start;
      for (int t = 0; t < iterations; t++) {
        double[][] resp = new double[n][k];
        history[t] = eStep(x, p, resp);
        p = mStep(x, resp, type, reg, false);
      }
      history[iterations] = eStep(x, p, null);
      return new Result(p, history);
    }

    /** @return the mean log-likelihood; the responsibilities into {@code resp} unless null */
    static double eStep(double[][] x, Params p, double[][] resp) {
      int n = x.length;
      int k = p.weights.length;
      int d = x[0].length;
      double total = 0;
      double[] lp = new double[k];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double[][] l = TextbookCholesky.factor(p.cov[c]);
          double[] z = new double[d];
          double logDet = 0;
          double q = 0;
          for (int a = 0; a < d; a++) {
            double s = x[i][a] - p.means[c][a];
            for (int b = 0; b < a; b++) {
              s -= l[a][b] * z[b];
            }
            z[a] = s / l[a][a];
            q += z[a] * z[a];
            logDet += 2 * Math.log(l[a][a]);
          }
          lp[c] = Math.log(p.weights[c]) - 0.5 * (d * Math.log(2 * Math.PI) + logDet + q);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : lp) {
          max = Math.max(max, v);
        }
        double s = 0;
        for (double v : lp) {
          s += Math.exp(v - max);
        }
        double norm = max + Math.log(s);
        total += norm;
        if (resp != null) {
          for (int c = 0; c < k; c++) {
            resp[i][c] = Math.exp(lp[c] - norm);
          }
        }
      }
      return total / n;
    }

    static Params mStep(double[][] x, double[][] resp, CovarianceType type, double reg, boolean init) {
      int n = x.length;
      int d = x[0].length;
      int k = resp[0].length;
      double[] nk = new double[k];
      double[][] means = new double[k][d];
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < n; i++) {
          nk[c] += resp[i][c];
          for (int j = 0; j < d; j++) {
            means[c][j] += resp[i][c] * x[i][j];
          }
        }
        nk[c] += 10 * Math.ulp(1.0);
        for (int j = 0; j < d; j++) {
          means[c][j] /= nk[c];
        }
      }
      double sum = 0;
      for (double v : nk) {
        sum += v;
      }
      double[][][] scatter = new double[k][d][d];
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < n; i++) {
          for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
              scatter[c][a][b] += resp[i][c] * (x[i][a] - means[c][a]) * (x[i][b] - means[c][b]);
            }
          }
        }
      }
      double[][][] cov = new double[k][d][d];
      for (int c = 0; c < k; c++) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            if (type == CovarianceType.TIED) {
              double s = 0;
              for (int e = 0; e < k; e++) {
                s += scatter[e][a][b];
              }
              cov[c][a][b] = s / sum;
            } else {
              cov[c][a][b] = scatter[c][a][b] / nk[c];
            }
          }
          cov[c][a][a] += reg;
        }
        if (type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) {
          double mean = 0;
          for (int a = 0; a < d; a++) {
            mean += cov[c][a][a];
          }
          mean /= d;
          for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
              cov[c][a][b] = a != b ? 0 : type == CovarianceType.SPHERICAL ? mean : cov[c][a][a];
            }
          }
        }
      }
      double[] weights = new double[k];
      for (int c = 0; c < k; c++) {
        weights[c] = nk[c] / (init ? n : sum);
      }
      return new Params(weights, means, cov);
    }
  }
}
