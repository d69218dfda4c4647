package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.testutil.TextbookCholesky;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of EM on seeded random data: overlapping anisotropic Gaussian blobs. */
class GaussianMixturePropertiesTest {

  /** n rows of d columns from a few anisotropic Gaussian blobs. */
  static Dataset blobs(long seed, int n, int d) {
    Rng rng = new Rng(seed);
    int blobs = 1 + rng.nextInt(4);
    double[][] centres = new double[blobs][d];
    double[][][] maps = new double[blobs][d][d];
    for (int b = 0; b < blobs; b++) {
      for (int j = 0; j < d; j++) {
        centres[b][j] = rng.uniform(-5, 5);
        for (int m = 0; m < d; m++) {
          maps[b][j][m] = (j == m ? 0.5 : 0) + 0.5 * rng.nextGaussian();
        }
      }
    }
    double[][] x = new double[n][d];
    double[] g = new double[d];
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(blobs);
      for (int j = 0; j < d; j++) {
        g[j] = rng.nextGaussian();
      }
      for (int j = 0; j < d; j++) {
        double v = centres[b][j];
        for (int m = 0; m < d; m++) {
          v += maps[b][j][m] * g[m];
        }
        x[i][j] = v;
      }
    }
    return Dataset.of(x);
  }

  @Property(tries = 60)
  void logLikelihoodNeverDecreases(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 4) int k) {
    // EM's monotonicity (Dempster, Laird and Rubin 1977, theorem 1) holds for the exact M-step, i.e. with
    // regularization 0; allow only floating-point noise. Conditions tested (those of the contract in
    // GaussianMixtureModel.logLikelihoodHistory): regularization 0, tolerance 0, 25 iterations from RANDOM
    // responsibilities, 60 k d rows of overlapping anisotropic blobs, every covariance well-conditioned. A component
    // collapsed onto d or fewer points has a covariance whose smallest eigenvalue is rounding noise, and then the
    // log-likelihood may fall by far more than rounding (a 0.026 drop at n = 43, k = 4, d = 2 was checked in
    // 80-digit arithmetic: exact EM rose there); such a sample is outside the claim. A collapse persists (the
    // responsibilities stay on the few points), so the final model shows it: samples with a covariance whose
    // det / trace^d (at most its smallest over its largest eigenvalue) is below 1e-10 are discarded, not passed.
    Dataset x = blobs(seed, 60 * k * d, d);
    GaussianMixtureModel m;
    try {
      m = GaussianMixture.components(k).covariance(type).init(GmmInit.RANDOM)
          .regularization(0).tolerance(0).maxIterations(25).seed(seed).fit(x);
    } catch (IllegalStateException collapsed) {
      // Without regularization a component may legitimately collapse onto a few points (EM's likelihood is
      // unbounded there); the library then reports it, which GaussianMixtureArgumentsTest checks. The
      // monotonicity claim is about fits that complete, so such a sample is discarded, not passed.
      Assume.that(!collapsed.getMessage().contains("not positive definite"));
      throw collapsed;
    }
    for (double[][] c : m.covariances()) {
      double trace = 0;
      for (int a = 0; a < d; a++) {
        trace += c[a][a];
      }
      Assume.that(determinant(c) >= 1e-10 * Math.pow(trace, d));
    }
    double[] h = m.logLikelihoodHistory();
    assertEquals(26, h.length);
    for (int i = 1; i < h.length; i++) {
      assertTrue(h[i] >= h[i - 1] - 1e-12 * (1 + Math.abs(h[i - 1])),
          "iteration " + i + ": " + h[i - 1] + " -> " + h[i]);
    }
  }

  @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
  void fittedModelIsAProperMixture(@ForAll long seed, @ForAll CovarianceType type, @ForAll GmmInit init,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @IntRange(min = 0, max = 300) int extra) {
    Dataset x = blobs(seed, 5 * k + extra, d);
    GaussianMixtureModel m = GaussianMixture.components(k).covariance(type).init(init).seed(seed).fit(x);
    double[] w = m.weights();
    double sum = 0;
    for (double v : w) {
      assertTrue(v >= 0);
      sum += v;
    }
    assertEquals(1.0, sum, 1e-12);

    double[][][] cov = m.covariances();
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          assertEquals(cov[c][a][b], cov[c][b][a], 0.0, "symmetric");
          if (type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) {
            assertEquals(a == b, cov[c][a][b] != 0, "diagonal");
          }
          if (type == CovarianceType.TIED) {
            assertEquals(cov[0][a][b], cov[c][a][b], 0.0, "tied");
          }
        }
        if (type == CovarianceType.SPHERICAL) {
          assertEquals(cov[c][0][0], cov[c][a][a], 0.0, "spherical");
        }
      }
      assertTrue(TextbookCholesky.positiveDefinite(cov[c]), "positive definite (textbook Cholesky)");
    }

    double[] scores = m.scoreSamples(x);
    double mean = 0;
    for (int i = 0; i < x.size(); i++) {
      double[] p = m.predictProba(x.row(i));
      double s = 0;
      int arg = 0;
      for (int c = 0; c < k; c++) {
        assertTrue(p[c] >= 0 && p[c] <= 1);
        s += p[c];
        if (p[c] > p[arg]) {
          arg = c;
        }
      }
      assertEquals(1.0, s, 1e-12);
      assertEquals(p[arg], p[m.predict(x.row(i))], 1e-12);
      mean += scores[i];
    }
    mean /= x.size();
    // logLikelihood() is the mean of the same per-row log densities (summed in another order)
    assertEquals(mean, m.logLikelihood(), 1e-12 * (1 + Math.abs(mean)));
    int p = m.parameterCount();
    double n = x.size();
    assertEquals(-2 * n * mean + p * Math.log(n), m.bic(x), 1e-9 * (1 + Math.abs(m.bic(x))));
    assertEquals(-2 * n * mean + 2 * p, m.aic(x), 1e-9 * (1 + Math.abs(m.aic(x))));
    assertTrue(m.iterations() <= 100);
    assertEquals(m.iterations() + 1, m.logLikelihoodHistory().length);
  }

  @Property(tries = 40)
  void permutingRowsWithGivenInitChangesNothing(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 4) int k) {
    int n = 40 * k;
    Dataset x = blobs(seed, n, d);
    Rng rng = new Rng(seed ^ 0x5DEECE66DL);
    double[] w = new double[k];
    double[][] mu = new double[k][];
    double[][][] cov = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      w[c] = 1.0 / k;
      mu[c] = x.row(rng.nextInt(n));
      for (int a = 0; a < d; a++) {
        cov[c][a][a] = 2.0;
      }
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    GaussianMixture g = GaussianMixture.components(k).covariance(type).initialParameters(w, mu, cov)
        .tolerance(0).maxIterations(20);
    GaussianMixtureModel a = g.fit(x);
    GaussianMixtureModel b = g.fit(x.select(perm));
    // Only the order of the floating-point sums differs.
    double tol = 1e-8;
    GaussianMixtureSklearnTest.assertCloseTo(a.weights(), b.weights(), tol, "weights");
    GaussianMixtureSklearnTest.assertCloseTo(GaussianMixtureSklearnTest.flatten(a.means()),
        GaussianMixtureSklearnTest.flatten(b.means()), tol, "means");
    GaussianMixtureSklearnTest.assertCloseTo(GaussianMixtureSklearnTest.flatten(a.covariances()),
        GaussianMixtureSklearnTest.flatten(b.covariances()), tol, "covariances");
    GaussianMixtureSklearnTest.assertCloseTo(a.logLikelihoodHistory(), b.logLikelihoodHistory(), tol,
        "log-likelihood");
    double[][] pa = a.predictProba(x);
    double[][] pb = b.predictProba(x.select(perm));
    for (int i = 0; i < n; i++) {
      assertArrayEquals(pa[perm[i]], pb[i], 1e-6);
    }
  }

  @Property(tries = 16)
  void parallelismChangesNothing(@ForAll long seed, @ForAll CovarianceType type, @ForAll GmmInit init,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 4000, max = 13000) int n) {
    // n > 4096 gives several chunks, so threads really share the work. KMEANS_PLUS_PLUS takes the path that
    // loads blocks straight from the rows for DIAGONAL and SPHERICAL.
    Dataset x = blobs(seed, n, d);
    GaussianMixture g = GaussianMixture.components(k).covariance(type).init(init).seed(seed).restarts(2)
        .maxIterations(15);
    GaussianMixtureModel one = g.fit(x);
    for (int threads = 2; threads <= 3; threads++) {
      GaussianMixtureModel many = g.parallelism(threads).fit(x);
      assertArrayEquals(one.weights(), many.weights(), 0.0);
      assertArrayEquals(GaussianMixtureSklearnTest.flatten(one.means()),
          GaussianMixtureSklearnTest.flatten(many.means()), 0.0);
      assertArrayEquals(GaussianMixtureSklearnTest.flatten(one.covariances()),
          GaussianMixtureSklearnTest.flatten(many.covariances()), 0.0);
      assertArrayEquals(one.logLikelihoodHistory(), many.logLikelihoodHistory(), 0.0);
      assertEquals(one.iterations(), many.iterations());
    }
  }

  /** Determinant by Gaussian elimination with partial pivoting (small d). */
  private static double determinant(double[][] matrix) {
    int d = matrix.length;
    double[][] a = new double[d][];
    for (int r = 0; r < d; r++) {
      a[r] = matrix[r].clone();
    }
    double det = 1;
    for (int col = 0; col < d; col++) {
      int p = col;
      for (int r = col + 1; r < d; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[p][col])) {
          p = r;
        }
      }
      if (p != col) {
        double[] t = a[p];
        a[p] = a[col];
        a[col] = t;
        det = -det;
      }
      det *= a[col][col];
      if (a[col][col] == 0) {
        return 0;
      }
      for (int r = col + 1; r < d; r++) {
        double f = a[r][col] / a[col][col];
        for (int j = col; j < d; j++) {
          a[r][j] -= f * a[col][j];
        }
      }
    }
    return det;
  }
}
