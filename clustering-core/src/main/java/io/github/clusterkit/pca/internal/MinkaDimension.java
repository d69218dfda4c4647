package io.github.clusterkit.pca.internal;

/**
 * Minka's maximum-likelihood choice of the number of principal components (T. P. Minka, "Automatic choice of
 * dimensionality for PCA", NIPS 2000, pp. 598-604), with the conventions of scikit-learn 1.2.1's
 * {@code PCA(n_components='mle')} ({@code _assess_dimension} and {@code _infer_dimension}), written from the paper and
 * those conventions.
 *
 * <p>For a spectrum {@code l_0 >= ... >= l_(d-1)} (the explained variances) of {@code n} samples, the Laplace
 * approximation of the evidence of a rank {@code k} model, {@code 1 <= k < d}, is
 *
 * <pre>
 * ln p(D | k) = pu + pl + pv + pp - pa / 2 - k ln(n) / 2, where
 *   pu = -k ln 2 + sum_{i=1..k} [ lnGamma((d - i + 1) / 2) - (d - i + 1) ln(pi) / 2 ]
 *   pl = -n/2 sum_{i&lt;k} ln l_i
 *   v  = max(EPS, sum_{j&gt;=k} l_j / (d - k)),   pv = -n (d - k) ln(v) / 2
 *   m  = d k - k (k + 1) / 2,                     pp = (m + k) ln(2 pi) / 2
 *   pa = sum_{i&lt;k} sum_{j&gt;i} [ ln((l_i - l_j) (1 / l'_j - 1 / l_i)) + ln n ],  l'_j = l_j for j &lt; k, v beyond.
 * </pre>
 *
 * <p>scikit-learn's special cases, kept: a rank whose last kept value {@code l_(k-1)} is below {@code EPS = 1e-15}
 * (absolute) has {@code ln p = -inf}; {@code v} is at least {@code EPS}; rank 0 is never chosen, and the first of equal
 * maxima wins (numpy's {@code argmax}), so when every rank is {@code -inf} (all values below {@code EPS}, or
 * {@code d = 1}) the result is 0. A tie {@code l_i = l_(i+1)} with {@code l_i >= EPS} makes a logarithm's argument 0
 * (the approximation's Hessian is singular): scikit-learn raises {@code ValueError('math domain error')} there; here
 * values within {@link #TIE} relative of each other count as tied (where the solvers' rounding decides which is larger)
 * and {@link #logLikelihoods} throws. So does a last kept value of exactly {@code EPS} with the rest averaging at most
 * {@code EPS}: {@code v} is then floored to that same value, {@code ln(1 / v - 1 / l_(k-1))} is {@code ln 0} and
 * scikit-learn raises the same error (before 2026-11-29 this rank's value came out {@code +inf} and was chosen).
 *
 * <p>The sums of {@code pa} are formed incrementally over {@code k}, in {@code O(d^2)} for all ranks (scikit-learn's
 * loops take {@code O(d^3)}): the double sum splits into {@code ln(l_i - l_j)} over every pair with {@code i < k}, the
 * pairs within the first {@code k} values' {@code ln(1 / l_j - 1 / l_i)}, and {@code (d - k) ln(1 / v - 1 / l_i)}.
 */
public final class MinkaDimension {

  /** scikit-learn's absolute floor of the spectrum ({@code eps = 1e-15} in {@code _assess_dimension}). */
  public static final double EPS = 1e-15;

  /** Relative difference below which two consecutive values of the spectrum count as tied. */
  public static final double TIE = 1e-12;

  private MinkaDimension() {}

  /**
   * The log-evidence of every rank.
   *
   * @param spectrum the explained variances, non-increasing and non-negative, {@code d >= 1} of them (not modified)
   * @param n the number of samples, at least 1
   * @return {@code d} values: {@code -inf} at index 0 (rank 0 is never chosen) and at every rank whose last kept value
   *     is below {@link #EPS}; {@code ln p(D | k)} at index {@code k} otherwise
   * @throws IllegalArgumentException if two consecutive values of at least {@link #EPS} agree to {@link #TIE}
   *     relative (the message names them), or a rank's last kept value is exactly {@link #EPS} while the values
   *     after it average at most {@link #EPS} (their floored mean then equals it: scikit-learn raises there too)
   */
  public static double[] logLikelihoods(double[] spectrum, int n) {
    int d = spectrum.length;
    double[] ll = new double[d];
    java.util.Arrays.fill(ll, Double.NEGATIVE_INFINITY);
    for (int i = 0; i + 1 < d; i++) {
      double a = spectrum[i];
      double b = spectrum[i + 1];
      if (a >= EPS && !(a - b > TIE * a)) {
        throw new IllegalArgumentException("explained variances " + (i + 1) + " and " + (i + 2)
            + " (counted from 1) are equal to within " + TIE + " relative (" + a + " and " + b
            + "), where Minka's estimate of the dimension is undefined (its Laplace approximation divides by their"
            + " difference; scikit-learn 1.2.1 raises ValueError('math domain error') on exact ties)");
      }
    }
    double logN = Math.log(n);
    double log2 = Math.log(2.0);
    double logPi = Math.log(Math.PI);
    double log2Pi = Math.log(2.0 * Math.PI);
    // tail[k] = sum of spectrum[k..d), summed from the end
    double[] tail = new double[d + 1];
    for (int j = d - 1; j >= 0; j--) {
      tail[j] = tail[j + 1] + spectrum[j];
    }
    double pu = 0;
    double logSum = 0; // sum_{i<k} ln l_i
    double pairsAll = 0; // sum_{i<k} sum_{j>i} ln(l_i - l_j)
    double pairsKept = 0; // sum_{i<j<k} ln(1 / l_j - 1 / l_i)
    double[] lnGammaHalf = lnGammaHalves(d); // lnGammaHalf[m] = lnGamma(m / 2)
    for (int k = 1; k < d; k++) {
      int last = k - 1; // the value that rank k adds
      double lk = spectrum[last];
      if (lk < EPS) {
        break; // the spectrum does not increase: every larger rank is -inf too
      }
      int m1 = d - k + 1; // d - i + 1 for i = k
      pu += lnGammaHalf[m1] - logPi * m1 / 2.0;
      logSum += Math.log(lk);
      for (int j = k; j < d; j++) {
        pairsAll += Math.log(lk - spectrum[j]);
      }
      for (int i = 0; i < last; i++) {
        pairsKept += Math.log(1.0 / lk - 1.0 / spectrum[i]);
      }
      double v = Math.max(EPS, tail[k] / (d - k));
      if (!(v < lk)) {
        // Only at lk == EPS with the rest averaging at most EPS (equal values above EPS are refused as ties above):
        // the logarithm's argument 1 / v - 1 / lk is 0, where the sum would be -inf and this rank +inf.
        throw new IllegalArgumentException("explained variance " + k + " (counted from 1) is " + lk
            + ", equal to the variance assumed for the " + (d - k) + " discarded directions (max(" + EPS
            + ", their mean) = " + v + "), where Minka's estimate of rank " + k + " is undefined (its Laplace"
            + " approximation divides by their difference; scikit-learn 1.2.1 raises ValueError('math domain"
            + " error'))");
      }
      double pairsTail = 0;
      for (int i = 0; i < k; i++) {
        pairsTail += Math.log(1.0 / v - 1.0 / spectrum[i]);
      }
      double pairs = (double) k * (2 * d - k - 1) / 2; // number of pairs i < k, j > i
      double pa = pairsAll + pairsKept + (d - k) * pairsTail + pairs * logN;
      double pl = -logSum * n / 2.0;
      double pv = -Math.log(v) * n * (d - k) / 2.0;
      double m = (double) d * k - k * (k + 1.0) / 2.0;
      double pp = log2Pi * (m + k) / 2.0;
      ll[k] = -k * log2 + pu + pl + pv + pp - pa / 2.0 - k * logN / 2.0;
    }
    return ll;
  }

  /**
   * The number of components Minka's estimate chooses: the first rank of the largest {@link #logLikelihoods} value.
   *
   * @param spectrum the explained variances, non-increasing and non-negative (not modified)
   * @param n the number of samples
   * @return the rank in {@code [1, d - 1]}, or 0 when every rank is {@code -inf} ({@code d = 1}, or every value below
   *     {@link #EPS})
   * @throws IllegalArgumentException as {@link #logLikelihoods}
   */
  public static int dimension(double[] spectrum, int n) {
    double[] ll = logLikelihoods(spectrum, n);
    int best = 0;
    for (int k = 1; k < ll.length; k++) {
      if (ll[k] > ll[best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * {@code ln Gamma(m / 2)} for every integer {@code 1 <= m <= d} (index 0 unused): from {@code Gamma(1/2) = sqrt(pi)}
   * and {@code Gamma(1) = 1} up by {@code Gamma(x + 1) = x Gamma(x)}.
   */
  static double[] lnGammaHalves(int d) {
    double[] lg = new double[Math.max(d + 1, 3)];
    lg[1] = 0.5 * Math.log(Math.PI);
    lg[2] = 0.0;
    for (int m = 3; m <= d; m++) {
      lg[m] = lg[m - 2] + Math.log((m - 2) / 2.0);
    }
    return lg;
  }
}
