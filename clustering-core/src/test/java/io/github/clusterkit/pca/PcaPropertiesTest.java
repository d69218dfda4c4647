package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of PCA on random data, for both solvers and with and without whitening. */
class PcaPropertiesTest {

  /** Correlated Gaussian data with column scales spread over 3 orders of magnitude and a shifted mean. */
  private static Dataset randomData(int n, int d, long seed, boolean duplicateColumn) {
    Rng rng = new Rng(seed);
    double[] mix = new double[d * d];
    for (int i = 0; i < mix.length; i++) {
      mix[i] = rng.nextGaussian();
    }
    double[] scale = new double[d];
    double[] shift = new double[d];
    for (int j = 0; j < d; j++) {
      scale[j] = Math.pow(10, rng.uniform(-1.5, 1.5));
      shift[j] = rng.uniform(-50, 50);
    }
    double[] x = new double[n * d];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[j] = rng.nextGaussian() * scale[j];
      }
      for (int j = 0; j < d; j++) {
        double s = shift[j];
        for (int l = 0; l < d; l++) {
          s += z[l] * mix[l * d + j];
        }
        x[i * d + j] = s;
      }
      if (duplicateColumn && d > 1) {
        x[i * d + d - 1] = x[i * d];
      }
    }
    return Dataset.wrap(x, n, d);
  }

  private static double maxAbs(Dataset x) {
    double m = 0;
    for (int i = 0; i < x.size(); i++) {
      for (int j = 0; j < x.dimension(); j++) {
        m = Math.max(m, Math.abs(x.get(i, j)));
      }
    }
    return m;
  }

  private static Pca.Solver solver(boolean covariance) {
    return covariance ? Pca.Solver.COVARIANCE : Pca.Solver.SVD;
  }

  @Property(tries = 100)
  void fullRankInverseTransformReconstructs(
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll long seed,
      @ForAll boolean covariance,
      @ForAll boolean whiten,
      @ForAll boolean duplicateColumn) {
    Dataset x = randomData(n, d, seed, duplicateColumn);
    PcaModel m =
        Pca.components(Math.min(n, d)).whiten(whiten).solver(solver(covariance)).fit(x);
    Dataset back = m.inverseTransform(m.transform(x));
    double tol = 1e-9 * (1 + maxAbs(x));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(x.get(i, j), back.get(i, j), tol, "row " + i + " column " + j);
      }
    }
  }

  @Property(tries = 100)
  void ratiosSumToOneAndComponentsAreOrthonormal(
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll long seed,
      @ForAll boolean covariance,
      @ForAll boolean duplicateColumn) {
    Dataset x = randomData(n, d, seed, duplicateColumn);
    int r = Math.min(n, d);
    PcaModel m = Pca.components(r).solver(solver(covariance)).fit(x);
    double sum = 0;
    double[] ratio = m.explainedVarianceRatio();
    double[] ev = m.explainedVariance();
    for (int j = 0; j < r; j++) {
      sum += ratio[j];
      assertTrue(ratio[j] >= 0);
      if (j > 0) {
        assertTrue(ev[j] <= ev[j - 1], "variances decrease");
      }
    }
    assertEquals(1.0, sum, 1e-12);
    double[][] c = m.components();
    for (int a = 0; a < r; a++) {
      for (int b = 0; b < r; b++) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += c[a][j] * c[b][j];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-10, "V V^T at " + a + ", " + b);
      }
    }
  }

  @Property(tries = 100)
  void projectionsHaveTheExplainedVarianceAndWhitenedOnesUnitVariance(
      @ForAll @IntRange(min = 3, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll long seed,
      @ForAll boolean covariance,
      @ForAll boolean whiten) {
    Dataset x = randomData(n, d, seed, false);
    int r = Math.min(n, d);
    PcaModel m = Pca.components(r).whiten(whiten).solver(solver(covariance)).fit(x);
    Dataset z = m.transform(x);
    double[] ev = m.explainedVariance();
    for (int j = 0; j < r; j++) {
      if (ev[j] <= 1e-8 * ev[0]) {
        continue; // numerically zero (n <= d): whitened to 0 by definition
      }
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += z.get(i, j);
      }
      mean /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (z.get(i, j) - mean) * (z.get(i, j) - mean);
      }
      double var = ss / (n - 1);
      // rounding bound: both solvers resolve v^T C v to about eps * ev[0] (the covariance solver's
      // eigenvalues are accurate to that absolute level), so relative to ev[j] the error grows as
      // ev[0] / ev[j]; column scales here span 3 orders of magnitude (ev[0] / ev[j] up to ~1e12)
      double tol = whiten ? 1e-9 + 1e-12 * ev[0] / ev[j] : 1e-9 * ev[j] + 1e-12 * ev[0];
      assertEquals(whiten ? 1.0 : ev[j], var, tol, "variance of component " + j);
      assertEquals(0.0, mean, 1e-8 * Math.sqrt(whiten ? 1 : ev[0]), "mean of component " + j);
    }
  }

  /**
   * The documented sign convention (scikit-learn >= 1.5's svd_flip with u_based_decision=False): in each
   * component, the loading of largest magnitude (the first on ties, magnitudes within 1e-12 relative
   * counting as tied) is positive; zero-variance components included.
   */
  @Property(tries = 100)
  void largestLoadingOfEachComponentIsPositive(
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll long seed,
      @ForAll boolean covariance,
      @ForAll boolean whiten) {
    Dataset x = randomData(n, d, seed, false);
    int r = Math.min(n, d);
    PcaModel m = Pca.components(r).whiten(whiten).solver(solver(covariance)).fit(x);
    double[][] v = m.components();
    for (int j = 0; j < r; j++) {
      double max = 0;
      for (int a = 0; a < d; a++) {
        max = Math.max(max, Math.abs(v[j][a]));
      }
      int best = 0;
      while (Math.abs(v[j][best]) < max * (1 - 1e-12)) {
        best++;
      }
      assertTrue(v[j][best] > 0, "component " + j + ": largest loading " + v[j][best]);
    }
  }

  /**
   * Exact oracle: data built as {@code U S V^T + mean} with {@code U} orthonormal and orthogonal to the
   * ones vector, so the centred data have singular values exactly {@code S} (to rounding) and right
   * singular vectors {@code V} up to sign. Both solvers must find them, and agree with each other,
   * including the sign.
   */
  @Property(tries = 60)
  void bothSolversAgreeWithTheConstructedDecomposition(
      @ForAll @IntRange(min = 3, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 7) int d,
      @ForAll long seed) {
    int r = Math.min(n - 1, d);
    Rng rng = new Rng(seed);
    double[][] u = orthonormalColumnsOrthogonalToOnes(n, r, rng);
    double[][] v = orthonormalColumnsOrthogonalToOnes(d, r, rng, false);
    double[] s = new double[r];
    for (int j = 0; j < r; j++) {
      s[j] = 20 * Math.pow(0.6, j) * (1 + 0.1 * rng.nextDouble()); // gaps >= ~30%
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double val = a - 3.5;
        for (int j = 0; j < r; j++) {
          val += u[j][i] * s[j] * v[j][a];
        }
        x[i * d + a] = val;
      }
    }
    Dataset data = Dataset.wrap(x, n, d);
    PcaModel svd = Pca.components(r).solver(Pca.Solver.SVD).fit(data);
    PcaModel cov = Pca.components(r).solver(Pca.Solver.COVARIANCE).fit(data);
    for (int j = 0; j < r; j++) {
      assertEquals(s[j], svd.singularValues()[j], 1e-12 * s[0], "SVD singular value " + j);
      assertEquals(s[j], cov.singularValues()[j], 1e-12 * s[0] * s[0] / s[j], "covariance s " + j);
      assertEquals(
          svd.explainedVariance()[j], cov.explainedVariance()[j], 1e-12 * svd.explainedVariance()[0]);
      double[] cs = svd.components()[j];
      double[] cc = cov.components()[j];
      double dot = 0;
      for (int a = 0; a < d; a++) {
        dot += cs[a] * v[j][a];
        assertEquals(cs[a], cc[a], 1e-9, "component " + j + " loading " + a + " (sign included)");
      }
      assertEquals(1.0, Math.abs(dot), 1e-10, "component " + j + " is +-v_j");
    }
  }

  private static double[][] orthonormalColumnsOrthogonalToOnes(int m, int r, Rng rng) {
    return orthonormalColumnsOrthogonalToOnes(m, r, rng, true);
  }

  /** Gram-Schmidt (twice, for stability) on Gaussian vectors, optionally against the ones vector first. */
  private static double[][] orthonormalColumnsOrthogonalToOnes(
      int m, int r, Rng rng, boolean againstOnes) {
    int extra = againstOnes ? 1 : 0;
    double[][] q = new double[r + extra][m];
    if (againstOnes) {
      for (int i = 0; i < m; i++) {
        q[0][i] = 1 / Math.sqrt(m);
      }
    }
    for (int j = extra; j < r + extra; j++) {
      for (int i = 0; i < m; i++) {
        q[j][i] = rng.nextGaussian();
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < m; i++) {
            dot += q[j][i] * q[p][i];
          }
          for (int i = 0; i < m; i++) {
            q[j][i] -= dot * q[p][i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < m; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) {
        q[j][i] /= norm;
      }
    }
    double[][] out = new double[r][];
    System.arraycopy(q, extra, out, 0, r);
    return out;
  }
}
