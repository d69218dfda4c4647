package io.github.clusterkit.gmm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The vectorisable block kernels (and SPHERICAL's variant that keeps the distances) and the per-point kernel
 * compute the same bits.
 */
class MixtureKernelTest {

  @Property(tries = 60)
  void blockAndPointKernelsAgreeExactly(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 12) int d, @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 1, max = 150) int n) {
    Rng rng = new Rng(seed);
    double[] w = new double[k];
    double[] mu = new double[k * d];
    double[] cov = new double[Mixture.covLength(type, k, d)];
    for (int c = 0; c < k; c++) {
      w[c] = 1.0 / k;
      for (int j = 0; j < d; j++) {
        mu[c * d + j] = rng.uniform(-3, 3);
      }
    }
    int mats = type == CovarianceType.FULL ? k : type == CovarianceType.TIED ? 1 : 0;
    for (int m = 0; m < mats; m++) {
      double[] a = new double[d * d];
      for (int i = 0; i < d * d; i++) {
        a[i] = rng.nextGaussian();
      }
      for (int r = 0; r < d; r++) {
        for (int s = 0; s < d; s++) {
          double v = r == s ? 0.5 : 0;
          for (int t = 0; t < d; t++) {
            v += a[r * d + t] * a[s * d + t];
          }
          cov[m * d * d + r * d + s] = v;
        }
      }
    }
    if (mats == 0) {
      for (int i = 0; i < cov.length; i++) {
        cov[i] = rng.uniform(0.1, 3);
      }
    }
    Mixture mix = Mixture.of(type, k, d, w, mu, cov);
    double[] x = new double[n * d];
    double[] xt = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.uniform(-6, 6);
        xt[j * n + i] = x[i * d + j];
      }
    }
    int b = EmRun.BLOCK;
    double[][] lp = new double[k][b];
    double[][] xb = new double[d][b];
    double[] one = new double[k];
    for (int i0 = 0; i0 < n; i0 += b) {
      int len = Math.min(b, n - i0);
      for (int j = 0; j < d; j++) {
        System.arraycopy(xt, j * n + i0, xb[j], 0, len);
      }
      mix.blockLogProb(xb, len, lp, new double[d][b], new double[b]);
      if (type == CovarianceType.SPHERICAL) {
        double[][] lps = new double[k][b];
        double[][] dist = new double[k][b];
        mix.blockLogProbSpherical(xb, len, lps, dist);
        for (int c = 0; c < k; c++) {
          for (int t = 0; t < len; t++) {
            assertEquals(Double.doubleToLongBits(lp[c][t]), Double.doubleToLongBits(lps[c][t]),
                "spherical kernel keeping distances, row " + (i0 + t) + " component " + c);
          }
        }
      }
      for (int t = 0; t < len; t++) {
        mix.weightedLogProb(x, (i0 + t) * d, one, new double[d]);
        for (int c = 0; c < k; c++) {
          assertEquals(Double.doubleToLongBits(one[c]), Double.doubleToLongBits(lp[c][t]),
              "row " + (i0 + t) + " component " + c + ": " + one[c] + " vs " + lp[c][t]);
        }
      }
    }
  }
}
