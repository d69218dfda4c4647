package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.clusterkit.internal.Rng;
import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant: {@code predictProba} of any finite point is the exact posterior to {@code 2e-7}, or an
 * IllegalArgumentException; never a wrong posterior. Oracle: exact arithmetic in BigDecimal (700 digits, enough for
 * squared distances near {@code 1e600} to keep their units), {@code log w_c - log det(Sigma_c) / 2 - maha_c / 2} with
 * {@code maha_c} solved from the model's own covariances by Gaussian elimination (the constants in double: their error
 * is near {@code 1e-16}). Random models of every type ({@code k} 2 or 3, {@code d} 1 to 3, means and covariances
 * on the unit scale, sometimes with the covariances equal, where the quadratic terms cancel exactly), points at
 * {@code 10^e} for {@code e} in 0..300 in a random direction, or (SPHERICAL and DIAGONAL) along an axis the means do
 * not differ in, where the exact posterior is not one-hot. A point in a random direction must not be refused (its
 * posterior is decided by terms of the size of {@code |x|}).
 */
class GaussianMixtureFarPointPropertyTest {

  private static final MathContext MC = new MathContext(700);

  @Property(tries = 1000)
  void posteriorIsExactOrRefused(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 2, max = 3) int k,
      @ForAll @IntRange(min = 0, max = 300) int exponent, @ForAll boolean equalCovariances,
      @ForAll boolean alongFreeAxis) {
    Rng rng = new Rng(seed);
    double[] w = new double[k];
    double ws = 0;
    for (int c = 0; c < k; c++) {
      w[c] = 0.2 + rng.nextDouble();
      ws += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] /= ws;
    }
    boolean free = alongFreeAxis && d >= 2 && (type == CovarianceType.SPHERICAL || type == CovarianceType.DIAGONAL);
    double[] mu = new double[k * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mu[c * d + j] = free && j == 0 ? 0.5 : Math.rint(8 * rng.nextGaussian()) / 4;
      }
    }
    double[][][] full = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      if (c > 0 && (equalCovariances || type == CovarianceType.TIED)) {
        full[c] = full[0];
        continue;
      }
      double[][] a = new double[d][d];
      for (int r = 0; r < d; r++) {
        for (int j = 0; j < d; j++) {
          a[r][j] = type == CovarianceType.FULL || type == CovarianceType.TIED ? rng.nextGaussian() / 2 : 0;
        }
        a[r][r] = 0.5 + rng.nextDouble();
      }
      double sph = 0.5 + rng.nextDouble();
      for (int r = 0; r < d; r++) {
        for (int j = 0; j < d; j++) {
          double s = 0;
          for (int m = 0; m < d; m++) {
            s += a[r][m] * a[j][m];
          }
          full[c][r][j] = type == CovarianceType.SPHERICAL ? (r == j ? sph : 0) : s;
        }
      }
      for (int r = 0; r < d; r++) {
        for (int j = 0; j < r; j++) {
          full[c][j][r] = full[c][r][j];
        }
      }
    }
    double[] cov = storage(type, full, k, d);
    GaussianMixtureModel g = GaussianMixtureModel.fromState(
        new GaussianMixtureModel.State(type, w, mu, cov, 0, false, new double[] {0}));
    double scale = Math.pow(10, exponent) * (rng.nextDouble() < 0.5 ? -1 : 1);
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = free ? (j == 0 ? scale : mu[j] + rng.nextGaussian()) : scale * rng.nextGaussian();
    }
    double[] exact = exactPosterior(g, x);
    double[] p;
    try {
      p = g.predictProba(x);
    } catch (IllegalArgumentException e) {
      if (!free && !equalCovariances && type != CovarianceType.TIED) {
        fail("a point in a random direction was refused: " + e.getMessage());
      }
      assertTrue(e.getMessage().contains("double precision"), e.getMessage());
      Statistics.collect("refused");
      return;
    }
    for (int c = 0; c < k; c++) {
      assertEquals(exact[c], p[c], 2e-7, type + " at 1e" + exponent + ", component " + c);
    }
    double top = 0;
    for (double v : exact) {
      top = Math.max(top, v);
    }
    Statistics.collect(top == 1 ? "exact, one-hot" : "exact, not one-hot");
  }

  static double[] storage(CovarianceType type, double[][][] full, int k, int d) {
    switch (type) {
      case FULL: {
        double[] s = new double[k * d * d];
        for (int c = 0; c < k; c++) {
          for (int r = 0; r < d; r++) {
            System.arraycopy(full[c][r], 0, s, c * d * d + r * d, d);
          }
        }
        return s;
      }
      case TIED: {
        double[] s = new double[d * d];
        for (int r = 0; r < d; r++) {
          System.arraycopy(full[0][r], 0, s, r * d, d);
        }
        return s;
      }
      case DIAGONAL: {
        double[] s = new double[k * d];
        for (int c = 0; c < k; c++) {
          for (int r = 0; r < d; r++) {
            s[c * d + r] = full[c][r][r];
          }
        }
        return s;
      }
      default: {
        double[] s = new double[k];
        for (int c = 0; c < k; c++) {
          s[c] = full[c][0][0];
        }
        return s;
      }
    }
  }

  /** The posterior in exact arithmetic (see the class description). */
  static double[] exactPosterior(GaussianMixtureModel g, double[] x) {
    double[] w = g.weights();
    double[][] mu = g.means();
    double[][][] cov = g.covariances();
    int d = x.length;
    int k = w.length;
    BigDecimal[] score = new BigDecimal[k];
    int best = 0;
    for (int c = 0; c < k; c++) {
      BigDecimal[][] a = new BigDecimal[d][d + 1];
      for (int r = 0; r < d; r++) {
        for (int j = 0; j < d; j++) {
          a[r][j] = new BigDecimal(cov[c][r][j]);
        }
        a[r][d] = new BigDecimal(x[r]).subtract(new BigDecimal(mu[c][r]));
      }
      BigDecimal det = BigDecimal.ONE;
      for (int col = 0; col < d; col++) {
        int piv = col;
        for (int r = col + 1; r < d; r++) {
          if (a[r][col].abs().compareTo(a[piv][col].abs()) > 0) {
            piv = r;
          }
        }
        BigDecimal[] t = a[col];
        a[col] = a[piv];
        a[piv] = t;
        det = det.multiply(a[col][col], MC);
        for (int r = col + 1; r < d; r++) {
          BigDecimal f = a[r][col].divide(a[col][col], MC);
          for (int j = col; j <= d; j++) {
            a[r][j] = a[r][j].subtract(f.multiply(a[col][j], MC), MC);
          }
        }
      }
      BigDecimal[] y = new BigDecimal[d];
      for (int r = d - 1; r >= 0; r--) {
        BigDecimal s = a[r][d];
        for (int j = r + 1; j < d; j++) {
          s = s.subtract(a[r][j].multiply(y[j], MC), MC);
        }
        y[r] = s.divide(a[r][r], MC);
      }
      BigDecimal maha = BigDecimal.ZERO;
      for (int r = 0; r < d; r++) {
        maha = maha.add(new BigDecimal(x[r]).subtract(new BigDecimal(mu[c][r])).multiply(y[r], MC), MC);
      }
      double constant = Math.log(w[c]) - 0.5 * Math.log(Math.abs(det.doubleValue()));
      score[c] = new BigDecimal(constant).subtract(maha.multiply(new BigDecimal("0.5"), MC), MC);
      if (score[c].compareTo(score[best]) > 0) {
        best = c;
      }
    }
    double[] p = new double[k];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double diff = score[c].subtract(score[best], MC).max(new BigDecimal(-1000)).doubleValue();
      p[c] = Math.exp(diff);
      sum += p[c];
    }
    for (int c = 0; c < k; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
