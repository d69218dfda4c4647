package io.github.clusterkit.gmm.internal;

import io.github.clusterkit.gmm.CovarianceType;

/**
 * The parameters of a Gaussian mixture together with what evaluating its densities needs: the inverse
 * Cholesky factor of each covariance matrix and the log normalising constants. Immutable once built.
 *
 * <p>Covariance storage depends on the type: FULL {@code k * d * d} (row-major, symmetric), TIED
 * {@code d * d}, DIAGONAL {@code k * d} variances, SPHERICAL {@code k} variances. For FULL and TIED,
 * {@code factor} holds {@code L^-1} (lower triangular, packed by rows: row {@code r} starts at
 * {@code r (r + 1) / 2}) where {@code Sigma = L L^T}, so that the squared Mahalanobis distance is
 * {@code |L^-1 (x - mu)|^2}; for DIAGONAL and SPHERICAL it holds the precisions {@code 1 / variance}.
 */
public final class Mixture {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  final CovarianceType type;
  final int k;
  final int d;
  final double[] weights;
  final double[] means;
  final double[] cov;
  final double[] factor;
  /** {@code log w_c - d/2 log(2 pi) - 1/2 log det Sigma_c}. */
  final double[] logConst;
  /** TIED only: {@code L^-1 (mu_c - o)}, {@code k * d}, with {@code o} the {@link #centre}. */
  final double[] projectedMeans;
  /**
   * TIED only: the point {@code o} the data are projected relative to, {@code L^-1 (x - o) - L^-1 (mu_c - o)}: the
   * origin (so the bits are those of {@code L^-1 x - L^-1 mu_c}) unless a mean lies farther from it than
   * {@value #CENTRE_FROM} standard deviations of the narrowest coordinate, then the first mean (the rounding of
   * {@code L^-1 x} is about {@code 1e-16 |x| / sigma_min}). {@code L^-1 x} and
   * {@code L^-1 mu_c} then cancel: at means near {@code 1e8} with standard deviations near {@code 1e-3} they are near
   * {@code 1e11}, and the log densities came out 1e-6 off (scikit-learn 1.2.1 computes them so).
   */
  final double[] centre;

  /** TIED: distance of the means from the origin, in standard deviations, beyond which {@link #centre} is moved. */
  static final double CENTRE_FROM = 1e4;
  /**
   * Per component, the factor of {@link #directReliable}'s bound on the rounding error of the squared Mahalanobis
   * distance, relative to the distance: FULL {@code 2 sqrt(trace(P_c) trace(Sigma_c)) + 1} (at least
   * {@code 2 sqrt(cond(Sigma_c)) + 1}: the cancellation in {@code L^-1 (x - mu)}), DIAGONAL and SPHERICAL 1 (a sum of
   * non-negative terms); TIED {@code |L^-1 (mu_c - o)|^2}, its bound being absolute ({@link #directReliable}).
   */
  final double[] errScale;
  /** TIED only: {@code trace(P) = |L^-1|_F^2}. */
  final double traceP;
  /**
   * {@link #directReliable}'s quick acceptance: a point whose every {@code lp_c} is at least {@code fastThreshold[c]}
   * (and, TIED, whose {@code |x - o|^2} is at most {@link #fastX2}) has every error bound below a quarter of the
   * tolerance, so the full check would accept it too; one comparison per component for ordinary points.
   */
  final double[] fastThreshold;
  /** TIED only: see {@link #fastThreshold}; negative when the quick acceptance never applies. */
  final double fastX2;

  private Mixture(CovarianceType type, int k, int d, double[] weights, double[] means, double[] cov,
      double[] factor, double[] logConst, double[] projectedMeans, double[] centre) {
    this.type = type;
    this.k = k;
    this.d = d;
    this.weights = weights;
    this.means = means;
    this.cov = cov;
    this.factor = factor;
    this.logConst = logConst;
    this.projectedMeans = projectedMeans;
    this.centre = centre;
    this.errScale = new double[k];
    int tri = d * (d + 1) / 2;
    double tp = 0;
    switch (type) {
      case FULL:
        for (int c = 0; c < k; c++) {
          double trP = 0;
          for (int t = 0; t < tri; t++) {
            trP += factor[c * tri + t] * factor[c * tri + t];
          }
          double trS = 0;
          for (int j = 0; j < d; j++) {
            trS += cov[c * d * d + j * d + j];
          }
          errScale[c] = 2 * Math.sqrt(trP * trS) + 1;
        }
        break;
      case TIED:
        for (int t = 0; t < tri; t++) {
          tp += factor[t] * factor[t];
        }
        for (int c = 0; c < k; c++) {
          double m2 = 0;
          for (int j = 0; j < d; j++) {
            m2 += projectedMeans[c * d + j] * projectedMeans[c * d + j];
          }
          errScale[c] = m2;
        }
        break;
      default:
        java.util.Arrays.fill(errScale, 1);
        break;
    }
    this.traceP = tp;
    // Quick acceptance (fastThreshold): each error bound at most TOLERANCE / 4.
    double g = gamma(2 * d + 6);
    this.fastThreshold = new double[k];
    double x2 = -1;
    if (type == CovarianceType.TIED) {
      // q_c <= 1e6 and E <= eMax give 0.5 (2 sqrt(q) E + E^2 + g q) <= TOLERANCE / 4 (g q / 2 is near 5e-10)
      double qMax = 1e6;
      double eMax = TOLERANCE / 8 / (Math.sqrt(qMax) + 1);
      double pmMax = 0;
      for (int c = 0; c < k; c++) {
        pmMax = Math.max(pmMax, errScale[c]);
        fastThreshold[c] = logConst[c] - qMax / 2;
      }
      double room = (eMax / g) * (eMax / g) - 2 * pmMax;
      if (room > 0 && traceP > 0) {
        x2 = room / (2 * traceP);
      }
    } else {
      for (int c = 0; c < k; c++) {
        fastThreshold[c] = logConst[c] - TOLERANCE / (4 * g * errScale[c]);
      }
    }
    this.fastX2 = x2;
  }

  /** Thrown (internally) when a covariance matrix is not positive definite; carries the component. */
  public static final class NotPositiveDefinite extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The component whose covariance failed, or -1 for the shared (tied) covariance. */
    public final int component;

    NotPositiveDefinite(int component) {
      super(null, null, false, false);
      this.component = component;
    }
  }

  /**
   * Number of doubles of the covariance storage.
   *
   * @param type the covariance type
   * @param k components
   * @param d dimension
   * @return the storage length
   */
  public static int covLength(CovarianceType type, int k, int d) {
    switch (type) {
      case FULL:
        return k * d * d;
      case TIED:
        return d * d;
      case DIAGONAL:
        return k * d;
      default:
        return k;
    }
  }

  /**
   * Builds a mixture, taking ownership of the arrays.
   *
   * @param type covariance type
   * @param k components
   * @param d dimension
   * @param weights {@code k} mixing weights (a zero weight gives that component log weight minus infinity)
   * @param means {@code k * d}
   * @param cov covariance storage as described in the class comment
   * @return the mixture
   * @throws NotPositiveDefinite if a covariance matrix (or variance) is not positive definite, or (DIAGONAL,
   *     SPHERICAL) a variance is so small (at most {@code 2^-1024}, subnormal) that its precision {@code 1 / v} is
   *     infinite
   */
  public static Mixture of(CovarianceType type, int k, int d, double[] weights, double[] means,
      double[] cov) {
    return of(type, k, d, weights, means, cov, null);
  }

  /**
   * {@link #of(CovarianceType, int, int, double[], double[], double[])} that also refuses variances within the
   * rounding error of their computation: a variance (DIAGONAL, SPHERICAL) or Cholesky pivot (FULL, TIED) at most its
   * {@code floor} counts as 0 (the fit's bound, {@code EmRun}'s {@code floors}).
   *
   * @param type covariance type
   * @param k components
   * @param d dimension
   * @param weights {@code k} mixing weights
   * @param means {@code k * d}
   * @param cov covariance storage as described in the class comment
   * @param floor null (0 everywhere), or per component and column ({@code k * d}) for FULL and DIAGONAL, per column
   *     ({@code d}) for TIED, per component ({@code k}) for SPHERICAL
   * @return the mixture
   * @throws NotPositiveDefinite if a variance or pivot is not above its floor (or as the other method)
   */
  public static Mixture of(CovarianceType type, int k, int d, double[] weights, double[] means,
      double[] cov, double[] floor) {
    double[] logConst = new double[k];
    double[] factor;
    double[] projected = null;
    double[] centre = null;
    double base = -0.5 * d * LOG_2PI;
    int tri = d * (d + 1) / 2;
    switch (type) {
      case FULL: {
        factor = new double[k * tri];
        for (int c = 0; c < k; c++) {
          double halfLogDetPrecision = inverseCholesky(cov, c * d * d, d, factor, c * tri, c, floor, c * d);
          logConst[c] = Math.log(weights[c]) + base + halfLogDetPrecision;
        }
        break;
      }
      case TIED: {
        factor = new double[tri];
        double halfLogDetPrecision = inverseCholesky(cov, 0, d, factor, 0, -1, floor, 0);
        projected = new double[k * d];
        centre = new double[d];
        double minVar = Double.POSITIVE_INFINITY;
        double maxMean = 0;
        for (int j = 0; j < d; j++) {
          minVar = Math.min(minVar, cov[j * d + j]);
        }
        for (int t = 0; t < k * d; t++) {
          maxMean = Math.max(maxMean, Math.abs(means[t]));
        }
        if (maxMean > CENTRE_FROM * Math.sqrt(minVar)) {
          System.arraycopy(means, 0, centre, 0, d);
        }
        double[] shifted = new double[d];
        for (int c = 0; c < k; c++) {
          logConst[c] = Math.log(weights[c]) + base + halfLogDetPrecision;
          for (int j = 0; j < d; j++) {
            shifted[j] = means[c * d + j] - centre[j];
          }
          lowerTimes(factor, d, shifted, 0, projected, c * d);
        }
        break;
      }
      case DIAGONAL: {
        factor = new double[k * d];
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            double v = cov[c * d + j];
            double p = 1 / v;
            // A variance of at most 2^-1024 has an infinite precision: 0 * inf = NaN densities at the mean.
            if (!(v > 0) || v == Double.POSITIVE_INFINITY || p == Double.POSITIVE_INFINITY
                || floor != null && !(v > floor[c * d + j])) {
              throw new NotPositiveDefinite(c);
            }
            factor[c * d + j] = p;
            s += Math.log(v);
          }
          logConst[c] = Math.log(weights[c]) + base - 0.5 * s;
        }
        break;
      }
      default: {
        factor = new double[k];
        for (int c = 0; c < k; c++) {
          double v = cov[c];
          double p = 1 / v;
          if (!(v > 0) || v == Double.POSITIVE_INFINITY || p == Double.POSITIVE_INFINITY
              || floor != null && !(v > floor[c])) {
            throw new NotPositiveDefinite(c);
          }
          factor[c] = p;
          logConst[c] = Math.log(weights[c]) + base - 0.5 * d * Math.log(v);
        }
        break;
      }
    }
    return new Mixture(type, k, d, weights, means, cov, factor, logConst, projected, centre);
  }

  /**
   * Cholesky {@code A = L L^T} of the symmetric {@code d x d} matrix at {@code a[off..]} (lower triangle
   * read), then {@code L^-1} by forward substitution, written packed into {@code out[outOff..]}. A pivot (the square
   * of {@code L_rr}) at most {@code floor[floorOff + r]} is refused as not positive; {@code floor} may be null (0).
   *
   * @return {@code -sum log L_rr}, half the log-determinant of {@code A^-1}
   */
  static double inverseCholesky(double[] a, int off, int d, double[] out, int outOff, int component,
      double[] floor, int floorOff) {
    double[] l = new double[d * d];
    double halfLogDet = 0;
    for (int r = 0; r < d; r++) {
      for (int c = 0; c <= r; c++) {
        double s = a[off + r * d + c];
        for (int m = 0; m < c; m++) {
          s -= l[r * d + m] * l[c * d + m];
        }
        if (r == c) {
          // With a floor (a fit): the pivot must also exceed its own rounding error in the subtraction above,
          // gamma_(r+2) a_rr (Higham, Accuracy and Stability, Thm 10.3: |dA| <= gamma_(d+1) |L| |L^T|).
          if (!(s > 0) || s == Double.POSITIVE_INFINITY || floor != null
              && !(s > floor[floorOff + r] + (r + 2) * 0x1.0000000000001p-53 * a[off + r * d + r])) {
            throw new NotPositiveDefinite(component);
          }
          double root = Math.sqrt(s);
          l[r * d + r] = root;
          halfLogDet -= Math.log(root);
        } else {
          l[r * d + c] = s / l[c * d + c];
        }
      }
    }
    // L^-1 column by column: solve L y = e_c (y_r = 0 for r < c).
    for (int c = 0; c < d; c++) {
      for (int r = c; r < d; r++) {
        double s = r == c ? 1 : 0;
        for (int m = c; m < r; m++) {
          s -= l[r * d + m] * out[outOff + m * (m + 1) / 2 + c];
        }
        out[outOff + r * (r + 1) / 2 + c] = s / l[r * d + r];
      }
    }
    return halfLogDet;
  }

  /** {@code y = L x} for a packed lower-triangular {@code L}. */
  static void lowerTimes(double[] packed, int d, double[] x, int xOff, double[] y, int yOff) {
    int idx = 0;
    for (int r = 0; r < d; r++) {
      double s = 0;
      for (int c = 0; c <= r; c++) {
        s += packed[idx++] * x[xOff + c];
      }
      y[yOff + r] = s;
    }
  }

  /**
   * Weighted log densities {@code log w_c + log N(x | mu_c, Sigma_c)} of one point.
   *
   * @param x the data
   * @param off offset of the point in {@code x}
   * @param out {@code k} results
   * @param scratch at least {@code d} doubles
   */
  public void weightedLogProb(double[] x, int off, double[] out, double[] scratch) {
    final int k = this.k;
    final int d = this.d;
    final double[] mu = means;
    final double[] f = factor;
    switch (type) {
      case FULL: {
        int tri = d * (d + 1) / 2;
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          for (int j = 0; j < d; j++) {
            scratch[j] = x[off + j] - mu[mo + j];
          }
          int idx = c * tri;
          double maha = 0;
          for (int r = 0; r < d; r++) {
            double s = 0;
            for (int j = 0; j <= r; j++) {
              s += f[idx + j] * scratch[j];
            }
            idx += r + 1;
            maha += s * s;
          }
          out[c] = logConst[c] - 0.5 * maha;
        }
        break;
      }
      case TIED: {
        // scratch = L^-1 (x - o), row by row from the last (row r reads x - o at columns up to r only)
        final double[] o = centre;
        for (int r = d - 1; r >= 0; r--) {
          int ro = r * (r + 1) / 2;
          double s = 0;
          for (int j = 0; j <= r; j++) {
            s += f[ro + j] * (x[off + j] - o[j]);
          }
          scratch[r] = s;
        }
        final double[] pm = projectedMeans;
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          double maha = 0;
          for (int j = 0; j < d; j++) {
            double t = scratch[j] - pm[mo + j];
            maha += t * t;
          }
          out[c] = logConst[c] - 0.5 * maha;
        }
        break;
      }
      case DIAGONAL: {
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          double maha = 0;
          for (int j = 0; j < d; j++) {
            double t = x[off + j] - mu[mo + j];
            maha += t * t * f[mo + j];
          }
          out[c] = logConst[c] - 0.5 * maha;
        }
        break;
      }
      default: {
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          double dist = 0;
          for (int j = 0; j < d; j++) {
            double t = x[off + j] - mu[mo + j];
            dist += t * t;
          }
          out[c] = logConst[c] - 0.5 * dist * f[c];
        }
        break;
      }
    }
  }

  /**
   * For a point so far from every component that its weighted log densities all overflowed ({@code -inf} or NaN,
   * from {@link #weightedLogProb}). With {@code x = 2^e x'} ({@code x'} near 1, an exact power of two) the squared
   * Mahalanobis distance to component {@code c} is {@code 4^e q_c - 2 2^e b_c + m_c}, where
   * {@code q_c = x'^T P_c x'}, {@code b_c = x'^T P_c mu_c} and {@code m_c = mu_c^T P_c mu_c} are all finite. The
   * components are compared term by term, as the powers of {@code 2^e} order them: the smallest {@code q}, then
   * among exact ties the largest {@code b}, then the largest {@code log w_c + log N}'s constant minus
   * {@code m_c / 2}, which becomes their {@code lp_c}; every other component gets {@code -inf}. Components of
   * weight 0 are left out (their posterior is 0 everywhere). The ranking is right where the terms are of their
   * nominal sizes, but not where a term is smaller than its size suggests (at {@code (1e300, 0.3)}, means
   * {@code (0, 0)} and {@code (0, 1)}: {@code 2^e b} is 0.3 times the precision, not of the size of
   * {@code 2^e}, and the exact posterior is not one-hot), so prediction follows it with {@link #refine}, which takes
   * the first-ranked component as its reference; the EM's initial E-step uses it alone.
   *
   * @param x the data
   * @param off offset of the point in {@code x}
   * @param lp {@code k} results
   */
  public void farPoint(double[] x, int off, double[] lp) {
    // TIED works relative to its centre (its projected means are), every other type relative to the origin
    double[] xo = new double[d];
    double max = 0;
    for (int j = 0; j < d; j++) {
      xo[j] = type == CovarianceType.TIED ? x[off + j] - centre[j] : x[off + j];
      max = Math.max(max, Math.abs(xo[j]));
    }
    int e = Math.max(0, Math.getExponent(max));
    double[] xs = new double[d];
    for (int j = 0; j < d; j++) {
      xs[j] = Math.scalb(xo[j], -e);
    }
    double[] lx = new double[d];
    double[] lm = new double[d];
    double[] q = new double[k];
    double[] b = new double[k];
    double[] m = new double[k];
    final double[] f = factor;
    final double[] mu = means;
    if (type == CovarianceType.TIED) {
      lowerTimes(f, d, xs, 0, lx, 0);
    }
    for (int c = 0; c < k; c++) {
      int mo = c * d;
      double qc = 0;
      double bc = 0;
      double mc = 0;
      switch (type) {
        case FULL: {
          int idx = c * (d * (d + 1) / 2);
          lowerTimes(f, idx, d, xs, lx);
          lowerTimes(f, idx, d, mu, mo, lm);
          for (int j = 0; j < d; j++) {
            qc += lx[j] * lx[j];
            bc += lx[j] * lm[j];
            mc += lm[j] * lm[j];
          }
          break;
        }
        case TIED: {
          for (int j = 0; j < d; j++) {
            double pm = projectedMeans[mo + j];
            qc += lx[j] * lx[j];
            bc += lx[j] * pm;
            mc += pm * pm;
          }
          break;
        }
        case DIAGONAL: {
          for (int j = 0; j < d; j++) {
            double p = f[mo + j];
            qc += xs[j] * xs[j] * p;
            bc += xs[j] * mu[mo + j] * p;
            mc += mu[mo + j] * mu[mo + j] * p;
          }
          break;
        }
        default: {
          for (int j = 0; j < d; j++) {
            qc += xs[j] * xs[j];
            bc += xs[j] * mu[mo + j];
            mc += mu[mo + j] * mu[mo + j];
          }
          qc *= f[c];
          bc *= f[c];
          mc *= f[c];
          break;
        }
      }
      q[c] = qc;
      b[c] = bc;
      m[c] = mc;
    }
    // Components of weight 0 (log weight -inf) have posterior 0 wherever the point is: they take no part (before,
    // one of them could win the comparison and leave every lp at -inf, a NaN posterior). Weights sum to 1, so at
    // least one component takes part.
    double qMin = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (logConst[c] > Double.NEGATIVE_INFINITY) {
        qMin = Math.min(qMin, q[c]);
      }
    }
    double bMax = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      if (logConst[c] > Double.NEGATIVE_INFINITY && q[c] == qMin) {
        bMax = Math.max(bMax, b[c]);
      }
    }
    for (int c = 0; c < k; c++) {
      lp[c] = logConst[c] > Double.NEGATIVE_INFINITY && q[c] == qMin && b[c] == bMax
          ? logConst[c] - 0.5 * m[c]
          : Double.NEGATIVE_INFINITY;
    }
  }

  /**
   * Largest error bound on a log density difference that {@link #directReliable} lets through: beyond it the point
   * goes to {@link #refine}.
   */
  static final double TOLERANCE = 1e-8;

  /**
   * Largest possible error of a posterior that {@link #refine} returns, from its error bounds: component {@code c}
   * against the most probable {@code m}, with {@code E} the bound on their log density difference, may be off by
   * about {@code min(1, exp(D_c - D_m + E)) expm1(E)}; beyond this the point is refused. The bounds grow with the
   * condition of the covariance ({@code |L^-1| |u|} against {@code |L^-1 u|}): a TIED model of correlation
   * {@code 1 - 1e-12} has bounds near {@code 1e-2} at ordinary points (its actual errors were near {@code 2e-6}), so a
   * bound on the log ratio alone would refuse most of its points, though only those near the decision boundary are
   * sensitive to it.
   */
  static final double REFUSE_ABOVE = 1e-2;

  /** Unit roundoff. */
  private static final double U = 0x1p-53;

  /** {@code gamma_n = n u / (1 - n u)}, Higham's bound for {@code n} roundings. */
  private static double gamma(int n) {
    return n * U / (1 - n * U);
  }

  /**
   * Whether the weighted log densities {@code lp} of {@link #weightedLogProb} (not all overflowed) give the posterior
   * to within {@link #TOLERANCE}: true unless, for the most probable component {@code m} and some component {@code c}
   * that could have a posterior above {@code e^-746} of {@code m}'s, the rounding error bounds of {@code lp_c} and
   * {@code lp_m} add up to more than the tolerance. The bound on the squared distance {@code q_c} (first order, in
   * Higham's {@code gamma} with {@code 2d + 6} roundings): {@code gamma q_c errScale_c} for FULL, DIAGONAL, SPHERICAL;
   * TIED computes {@code L^-1 (x - o) - L^-1 (mu_c - o)} ({@link #centre}), whose error
   * {@code E = gamma sqrt(2 trace(P) |x - o|^2 + 2 |L^-1 (mu_c - o)|^2)} in norm gives
   * {@code 2 sqrt(q_c) E + E^2 + gamma q_c}. On ordinary data (distances below about {@code 1e6}) this holds and the
   * values are kept as they are.
   *
   * @param x the data
   * @param off offset of the point in {@code x}
   * @param lp {@code k} weighted log densities of the point
   * @return whether {@code lp} can be used as it is
   */
  public boolean directReliable(double[] x, int off, double[] lp) {
    if (k == 1) {
      return true;
    }
    double x2 = 0;
    if (type == CovarianceType.TIED) {
      for (int j = 0; j < d; j++) {
        double t = x[off + j] - centre[j];
        x2 += t * t;
      }
    }
    if (type != CovarianceType.TIED || x2 <= fastX2) {
      boolean fast = true;
      for (int c = 0; c < k; c++) {
        if (!(lp[c] >= fastThreshold[c])) {
          fast = false;
          break;
        }
      }
      if (fast) {
        return true;
      }
    }
    double g = gamma(2 * d + 6);
    int m = -1;
    for (int c = 0; c < k; c++) {
      if (logConst[c] > Double.NEGATIVE_INFINITY) {
        if (Double.isNaN(lp[c])) {
          return false;
        }
        if (m < 0 || lp[c] > lp[m]) {
          m = c;
        }
      }
    }
    double em = directError(m, lp[m], g, x2);
    for (int c = 0; c < k; c++) {
      if (!(logConst[c] > Double.NEGATIVE_INFINITY) || lp[c] == Double.NEGATIVE_INFINITY) {
        continue; // weight 0, or a distance beyond the double range while lp_m is finite: negligible
      }
      double ec = c == m ? em : directError(c, lp[c], g, x2);
      if (!(ec + em <= TOLERANCE) && lp[c] + ec >= lp[m] - em - 746) {
        return false;
      }
    }
    return true;
  }

  /** The bound of {@link #directReliable} on the error of {@code lp_c}. */
  private double directError(int c, double lpc, double g, double x2) {
    double q = Math.max(0, 2 * (logConst[c] - lpc));
    if (type == CovarianceType.TIED) {
      double e = g * Math.sqrt(2 * traceP * x2 + 2 * errScale[c]);
      return 0.5 * (2 * Math.sqrt(q) * e + e * e + g * q);
    }
    return 0.5 * g * errScale[c] * q;
  }

  /**
   * Replaces the weighted log densities of a point that {@link #directReliable} rejected by their differences from
   * those of a reference component {@code r} (the most probable by {@code lp}), computed without the cancellation of
   * the direct formula: with {@code u = x - mu_r} and {@code v_c = mu_c - mu_r},
   * {@code q_c - q_r = (|L_c u|^2 - |L_r u|^2) - 2 (L_c u) . (L_c v_c) + |L_c v_c|^2}, whose first term is exactly 0
   * when the two components share their covariance (TIED, or equal matrices or variances), so that only terms of the
   * size of {@code |u| |v_c|} are left; each with a running error bound (Higham's {@code gamma} of {@code 2d + 8}
   * roundings times the sums of absolute products). The posterior and the most probable component are unchanged by the
   * common shift.
   *
   * @param x the data
   * @param off offset of the point in {@code x}
   * @param lp {@code k} weighted log densities from {@link #weightedLogProb}, overwritten with the differences
   * @throws IllegalArgumentException if the bounds leave a posterior uncertain by more than {@link #REFUSE_ABOVE}:
   *     the point is so far from the components, relative to their separation, or the covariance so ill-conditioned,
   *     that double precision cannot tell it
   */
  public void refine(double[] x, int off, double[] lp) {
    int r = -1;
    int alive = 0;
    for (int c = 0; c < k; c++) {
      if (logConst[c] > Double.NEGATIVE_INFINITY) {
        alive++;
        if (r < 0 || lp[c] > lp[r] || Double.isNaN(lp[r])) {
          r = c;
        }
      }
    }
    if (alive == 1) {
      // The only component of positive weight takes every point, however far: its posterior is 1 by definition.
      for (int c = 0; c < k; c++) {
        lp[c] = c == r ? 0 : Double.NEGATIVE_INFINITY;
      }
      return;
    }
    final double g = gamma(2 * d + 8);
    final int tri = d * (d + 1) / 2;
    double[] u = new double[d];
    double maxU = 0;
    for (int j = 0; j < d; j++) {
      u[j] = x[off + j] - means[r * d + j];
      maxU = Math.max(maxU, Math.abs(u[j]));
    }
    // Far away the squares of u overflow: the terms are computed from u 2^-e and scaled back by 4^e (first) and 2^e
    // (cross) at the end, which overflow to +-inf only where that term decides alone. Coordinates of u that the
    // scaling makes subnormal lose bits: at most 2^(e - 1074) each, added to the bound (tiny).
    int e = maxU > 0x1p400 ? Math.getExponent(maxU) : 0;
    double tinyErr = 0;
    if (e > 0) {
      for (int j = 0; j < d; j++) {
        u[j] = Math.scalb(u[j], -e);
      }
      tinyErr = Math.scalb(1.0, e - 1074);
    }
    if (!(maxU < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("point " + describe(x, off) + " is too far from the components for its"
          + " posterior to be computed in double precision: its difference from the mean of component " + r
          + " overflows" + REMEDY);
    }
    double[] v = new double[d];
    double[] a = new double[d];
    double[] aa = new double[d];
    double[] ar = new double[d];
    double[] aar = new double[d];
    double[] w = new double[d];
    double[] ww = new double[d];
    double[] dd = new double[k];
    double[] err = new double[k];
    if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
      int ro = type == CovarianceType.FULL ? r * tri : 0;
      lowerAbs(factor, ro, d, u, ar, aar);
    }
    for (int c = 0; c < k; c++) {
      if (!(logConst[c] > Double.NEGATIVE_INFINITY)) {
        dd[c] = Double.NEGATIVE_INFINITY;
        continue;
      }
      if (c == r) {
        continue;
      }
      for (int j = 0; j < d; j++) {
        v[j] = means[c * d + j] - means[r * d + j];
      }
      double first = 0;
      double firstErr = 0;
      double cross = 0;
      double crossErr = 0;
      double last = 0;
      double lastErr = 0;
      switch (type) {
        case FULL:
        case TIED: {
          int co = type == CovarianceType.FULL ? c * tri : 0;
          boolean same = type == CovarianceType.TIED
              || java.util.Arrays.equals(factor, co, co + tri, factor, r * tri, r * tri + tri);
          double[] ac = ar;
          double[] aac = aar;
          if (!same) {
            lowerAbs(factor, co, d, u, a, aa);
            ac = a;
            aac = aa;
          }
          lowerAbs(factor, co, d, v, w, ww);
          for (int j = 0; j < d; j++) {
            if (!same) {
              first += ac[j] * ac[j] - ar[j] * ar[j];
              firstErr += aac[j] * aac[j] + aar[j] * aar[j];
            }
            cross += ac[j] * w[j];
            crossErr += aac[j] * ww[j];
            last += w[j] * w[j];
            lastErr += ww[j] * ww[j];
          }
          break;
        }
        case DIAGONAL: {
          for (int j = 0; j < d; j++) {
            double p = factor[c * d + j];
            double pr = factor[r * d + j];
            if (p != pr) {
              first += (p - pr) * (u[j] * u[j]);
              firstErr += (p + pr) * (u[j] * u[j]);
            }
            cross += p * u[j] * v[j];
            crossErr += p * Math.abs(u[j] * v[j]);
            last += p * v[j] * v[j];
          }
          lastErr = last;
          break;
        }
        default: {
          double p = factor[c];
          double pr = factor[r];
          double uu = 0;
          for (int j = 0; j < d; j++) {
            uu += u[j] * u[j];
            cross += u[j] * v[j];
            crossErr += Math.abs(u[j] * v[j]);
            last += v[j] * v[j];
          }
          if (p != pr) {
            first = (p - pr) * uu;
            firstErr = (p + pr) * uu;
          }
          cross *= p;
          crossErr *= p;
          last *= p;
          lastErr = last;
          break;
        }
      }
      double firstFull = Math.scalb(first, 2 * e);
      double crossFull = 2 * Math.scalb(cross, e);
      double delta = firstFull - crossFull + last;
      double lc = logConst[c] - logConst[r];
      if (!(Math.abs(firstFull) < Double.POSITIVE_INFINITY && Math.abs(crossFull) < Double.POSITIVE_INFINITY
          && Math.abs(delta) < Double.POSITIVE_INFINITY)) {
        // A term overflows: c is left out (beyond exp's range below r) only where that is proved at a smaller scale;
        // the cross term may cancel the first (it did, before this check: a point far more probable under c was
        // given to r).
        if (!beyondBelow(first, firstErr, cross, crossErr, last, lastErr, e, g, lc)) {
          throw new IllegalArgumentException("point " + describe(x, off) + " is too far from the components (or"
              + " their covariance too ill-conditioned) for its posterior to be computed in double precision: the"
              + " log density ratio of components " + r + " and " + c + " overflows" + REMEDY);
        }
        dd[c] = Double.NEGATIVE_INFINITY;
        continue;
      }
      dd[c] = lc - 0.5 * delta;
      double sumW = 0;
      for (int j = 0; j < d; j++) {
        sumW += type == CovarianceType.FULL || type == CovarianceType.TIED ? ww[j] : Math.abs(v[j]);
      }
      // scaled after the multiplication by gamma, which keeps the bound finite wherever the term is
      err[c] = Math.scalb(1.5 * g * firstErr, 2 * e) + Math.scalb(3 * g * crossErr, e) + 1.5 * g * lastErr
          + 0.5 * g * Math.abs(delta) + 2 * d * tinyErr * sumW * (type == CovarianceType.FULL
          || type == CovarianceType.TIED ? 1 : maxFactor(c))
          + 2 * U * (Math.abs(logConst[c]) + Math.abs(logConst[r]));
    }
    int m = r;
    for (int c = 0; c < k; c++) {
      if (dd[c] > dd[m]) {
        m = c;
      }
    }
    for (int c = 0; c < k; c++) {
      if (c == m || !(logConst[c] > Double.NEGATIVE_INFINITY)) {
        continue;
      }
      // -inf: the distance to c overflowed where that to r did not, so c is beyond exp's range
      boolean negligible = dd[c] == Double.NEGATIVE_INFINITY || dd[c] + err[c] < dd[m] - err[m] - 746;
      double bound = err[c] + err[m];
      double possible = Math.exp(Math.min(0, dd[c] - dd[m] + bound)) * Math.expm1(Math.min(bound, 50));
      if (Double.isNaN(dd[c]) || !Double.isFinite(dd[m]) || !negligible && !(possible <= REFUSE_ABOVE)) {
        throw new IllegalArgumentException("point " + describe(x, off) + " is too far from the components (or their"
            + " covariance too ill-conditioned) for its posterior to be computed in double precision: the log density"
            + " ratio of components " + m + " and " + c + " is " + (dd[m] - dd[c]) + " give or take " + bound
            + ", so their posteriors could be off by "
            + (possible < 1 ? String.valueOf(possible) : "any amount up to 1")
            + " (at most " + REFUSE_ABOVE + " allowed)" + REMEDY);
      }
    }
    System.arraycopy(dd, 0, lp, 0, k);
  }

  /**
   * What a refusal of {@link #refine} tells the caller to do: where such points come from (a column far outside its
   * training values, above all one that was constant in training, whose variance is the regularization alone: a user
   * trial saw a point 3e4 off such a column refused) and how to go on.
   */
  static final String REMEDY = ". The model cannot decide its most probable component: check the point's columns"
      + " against the training data (a column far outside its training values, one constant in training above all,"
      + " decides the log densities alone), clip or drop such a column, or fit with a larger regularization; the other"
      + " points can be predicted without this one (see Far points in the GaussianMixtureModel documentation)";

  /**
   * Whether {@code delta = first 4^e - 2 cross 2^e + last} (the terms of {@link #refine}, each with its running error
   * bound {@code gamma} times {@code 1.5 firstErr}, {@code 3 crossErr} and {@code 1.5 lastErr}, as there) certainly
   * exceeds {@code 2 (|lc| + 800)}, so that component {@code c} is more than {@code exp(-746)} less probable than
   * {@code r}: computed at the scale {@code 4^-(e + 1)}, where none of the finite terms overflows. False when a term
   * overflowed in its own sum (its terms may have had both signs).
   */
  private static boolean beyondBelow(double first, double firstErr, double cross, double crossErr, double last,
      double lastErr, int e, double g, double lc) {
    if (!(Math.abs(first) < Double.POSITIVE_INFINITY && Math.abs(cross) < Double.POSITIVE_INFINITY
        && last < Double.POSITIVE_INFINITY && firstErr < Double.POSITIVE_INFINITY
        && crossErr < Double.POSITIVE_INFINITY && lastErr < Double.POSITIVE_INFINITY)) {
      return false;
    }
    double t1 = 0.25 * first;
    double t2 = 0.5 * Math.scalb(cross, -e);
    double t3 = 0.25 * Math.scalb(last, -2 * e);
    double q = t1 - t2 + t3;
    // The two roundings of the sum, the subnormal results of the scalings (at most 2^-1074 each), and the terms' own
    // error bounds at the same scale.
    double qErr = 4 * U * (Math.abs(t1) + Math.abs(t2) + Math.abs(t3)) + 0x1p-1071
        + 0.375 * g * firstErr + 1.5 * g * Math.scalb(crossErr, -e) + 0.375 * g * Math.scalb(lastErr, -2 * e);
    double need = Math.scalb(2 * (Math.abs(lc) + 800), -2 * e - 2);
    return q - qErr > need * (1 + 8 * U);
  }

  /** The point for a message: its coordinates up to 10, else its dimension and largest coordinate. */
  private String describe(double[] x, int off) {
    if (d <= 10) {
      return java.util.Arrays.toString(java.util.Arrays.copyOfRange(x, off, off + d));
    }
    double max = 0;
    for (int j = 0; j < d; j++) {
      max = Math.max(max, Math.abs(x[off + j]));
    }
    return "(d = " + d + ", largest |x_j| = " + max + ")";
  }

  /** DIAGONAL and SPHERICAL: the largest precision of component {@code c}. */
  private double maxFactor(int c) {
    if (type == CovarianceType.SPHERICAL) {
      return factor[c];
    }
    double m = 0;
    for (int j = 0; j < d; j++) {
      m = Math.max(m, factor[c * d + j]);
    }
    return m;
  }

  /**
   * {@code y = L v} and {@code ya = |L| |v|} for the packed lower triangle at {@code packed[idx..]}: the product
   * and the sums of absolute products that bound its rounding error.
   */
  private static void lowerAbs(double[] packed, int idx, int d, double[] v, double[] y, double[] ya) {
    int p = idx;
    for (int r = 0; r < d; r++) {
      double s = 0;
      double sa = 0;
      for (int j = 0; j <= r; j++) {
        double t = packed[p++] * v[j];
        s += t;
        sa += Math.abs(t);
      }
      y[r] = s;
      ya[r] = sa;
    }
  }

  /** {@code y = L v} for the packed lower triangle at {@code packed[idx..]} and {@code v[0..d)}. */
  private static void lowerTimes(double[] packed, int idx, int d, double[] v, double[] y) {
    lowerTimes(packed, idx, d, v, 0, y);
  }

  /** {@code y = L v} for the packed lower triangle at {@code packed[idx..]} and {@code v[vo..vo+d)}. */
  private static void lowerTimes(double[] packed, int idx, int d, double[] v, int vo, double[] y) {
    int p = idx;
    for (int r = 0; r < d; r++) {
      double s = 0;
      for (int j = 0; j <= r; j++) {
        s += packed[p++] * v[vo + j];
      }
      y[r] = s;
    }
  }

  /**
   * Whether {@link #weightedLogProb} overflowed for every component ({@code -inf} or NaN), so that
   * {@link #farPoint} must decide.
   *
   * @param lp {@code k} weighted log densities
   * @param k number of components
   * @return whether none is a number above {@code -inf}
   */
  public static boolean allOverflowed(double[] lp, int k) {
    for (int c = 0; c < k; c++) {
      if (lp[c] > Double.NEGATIVE_INFINITY) {
        return false;
      }
    }
    return true;
  }

  /**
   * Weighted log densities of a block of rows, column-oriented so that the inner loops run over the rows
   * of the block, each loop writing an array it does not read, and every array indexed by the plain row
   * position {@code t} (HotSpot 17's auto-vectoriser gives up on a loop mixing {@code a[off + t]} with
   * {@code b[t]}; hence arrays of columns rather than one strided array). The arithmetic is that of
   * {@link #weightedLogProb(double[], int, double[], double[])} in the same order, so both give the same
   * bits.
   *
   * @param xb the block's columns: column {@code j} of row {@code t} at {@code xb[j][t]}
   * @param len rows in the block
   * @param lp output, {@code lp[c][t]}
   * @param diff scratch, {@code d} arrays of at least {@code len}
   * @param z scratch, at least {@code len}
   */
  public void blockLogProb(double[][] xb, int len, double[][] lp, double[][] diff, double[] z) {
    final int k = this.k;
    final int d = this.d;
    final double[] mu = means;
    final double[] f = factor;
    switch (type) {
      case FULL: {
        int tri = d * (d + 1) / 2;
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          for (int j = 0; j < d; j++) {
            double m = mu[mo + j];
            double[] xj = xb[j];
            double[] dj = diff[j];
            for (int t = 0; t < len; t++) {
              dj[t] = xj[t] - m;
            }
          }
          double[] maha = lp[c];
          int idx = c * tri;
          for (int r = 0; r < d; r++) {
            double l0 = f[idx];
            double[] d0 = diff[0];
            for (int t = 0; t < len; t++) {
              z[t] = l0 * d0[t];
            }
            // Three terms per pass (fewer loads and stores of z); Java evaluates a + b + c + d from the
            // left, so the sum keeps the sequential order of weightedLogProb.
            int j = 1;
            for (; j + 2 <= r; j += 3) {
              double l1 = f[idx + j];
              double l2 = f[idx + j + 1];
              double l3 = f[idx + j + 2];
              double[] d1 = diff[j];
              double[] d2 = diff[j + 1];
              double[] d3 = diff[j + 2];
              for (int t = 0; t < len; t++) {
                z[t] = z[t] + l1 * d1[t] + l2 * d2[t] + l3 * d3[t];
              }
            }
            for (; j <= r; j++) {
              double l = f[idx + j];
              double[] dj = diff[j];
              for (int t = 0; t < len; t++) {
                z[t] += l * dj[t];
              }
            }
            idx += r + 1;
            if (r == 0) {
              for (int t = 0; t < len; t++) {
                maha[t] = z[t] * z[t];
              }
            } else {
              for (int t = 0; t < len; t++) {
                maha[t] += z[t] * z[t];
              }
            }
          }
          finish(c, maha, len, 1);
        }
        break;
      }
      case TIED: {
        // diff holds the projected rows L^-1 (x - o).
        final double[] o = centre;
        for (int r = 0; r < d; r++) {
          int ro = r * (r + 1) / 2;
          double[] dr = diff[r];
          double l0 = f[ro];
          double[] x0 = xb[0];
          double o0 = o[0];
          for (int t = 0; t < len; t++) {
            dr[t] = l0 * (x0[t] - o0);
          }
          for (int j = 1; j <= r; j++) {
            double l = f[ro + j];
            double[] xj = xb[j];
            double oj = o[j];
            for (int t = 0; t < len; t++) {
              dr[t] += l * (xj[t] - oj);
            }
          }
        }
        final double[] pm = projectedMeans;
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          double[] maha = lp[c];
          squaredDistances(diff, pm, mo, d, len, maha);
          finish(c, maha, len, 1);
        }
        break;
      }
      case DIAGONAL: {
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          double[] maha = lp[c];
          double m0 = mu[mo];
          double p0 = f[mo];
          double[] x0 = xb[0];
          for (int t = 0; t < len; t++) {
            double v = x0[t] - m0;
            maha[t] = v * v * p0;
          }
          // Three columns per pass (fewer loads and stores of maha); Java adds from the left, so the sum
          // keeps the sequential order of weightedLogProb.
          int j = 1;
          for (; j + 2 < d; j += 3) {
            double m1 = mu[mo + j];
            double m2 = mu[mo + j + 1];
            double m3 = mu[mo + j + 2];
            double p1 = f[mo + j];
            double p2 = f[mo + j + 1];
            double p3 = f[mo + j + 2];
            double[] x1 = xb[j];
            double[] x2 = xb[j + 1];
            double[] x3 = xb[j + 2];
            for (int t = 0; t < len; t++) {
              double v1 = x1[t] - m1;
              double v2 = x2[t] - m2;
              double v3 = x3[t] - m3;
              maha[t] = maha[t] + v1 * v1 * p1 + v2 * v2 * p2 + v3 * v3 * p3;
            }
          }
          for (; j < d; j++) {
            double m = mu[mo + j];
            double p = f[mo + j];
            double[] xj = xb[j];
            for (int t = 0; t < len; t++) {
              double v = xj[t] - m;
              maha[t] += v * v * p;
            }
          }
          finish(c, maha, len, 1);
        }
        break;
      }
      default: {
        for (int c = 0; c < k; c++) {
          int mo = c * d;
          double[] maha = lp[c];
          squaredDistances(xb, mu, mo, d, len, maha);
          finish(c, maha, len, f[c]);
        }
        break;
      }
    }
  }

  /**
   * SPHERICAL only: {@link #blockLogProb} that also keeps the squared distances to the means, which the
   * fused M-step sums need; the same bits in {@code lp}.
   *
   * @param xb the block's columns: column {@code j} of row {@code t} at {@code xb[j][t]}
   * @param len rows in the block
   * @param lp output, {@code lp[c][t]}
   * @param dist output, {@code dist[c][t] = sum_j (xb[j][t] - mu_cj)^2}
   */
  public void blockLogProbSpherical(double[][] xb, int len, double[][] lp, double[][] dist) {
    final int d = this.d;
    final double[] mu = means;
    for (int c = 0; c < k; c++) {
      int mo = c * d;
      double[] dc = dist[c];
      squaredDistances(xb, mu, mo, d, len, dc);
      double lc = logConst[c];
      double p = factor[c];
      double[] out = lp[c];
      for (int t = 0; t < len; t++) {
        out[t] = lc - 0.5 * dc[t] * p;
      }
    }
  }

  /**
   * {@code maha[t] = logConst_c - 0.5 * maha[t] * p} in place (p = 1 except SPHERICAL, whose product keeps
   * its order).
   */
  private void finish(int c, double[] maha, int len, double p) {
    double lc = logConst[c];
    if (type == CovarianceType.SPHERICAL) {
      for (int t = 0; t < len; t++) {
        maha[t] = lc - 0.5 * maha[t] * p;
      }
    } else {
      for (int t = 0; t < len; t++) {
        maha[t] = lc - 0.5 * maha[t];
      }
    }
  }

  /**
   * Turns weighted log densities into responsibilities in place and returns the log density of the point
   * (log-sum-exp, shifted by the maximum so that nothing overflows or underflows to 0/0).
   *
   * @param lp {@code k} weighted log densities, overwritten with the responsibilities
   * @param k number of components
   * @return {@code log sum_c exp(lp_c)}
   */
  public static double normalize(double[] lp, int k) {
    double max = lp[0];
    for (int c = 1; c < k; c++) {
      if (lp[c] > max) {
        max = lp[c];
      }
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double e = Math.exp(lp[c] - max);
      lp[c] = e;
      sum += e;
    }
    double inv = 1 / sum;
    for (int c = 0; c < k; c++) {
      lp[c] *= inv;
    }
    return max + Math.log(sum);
  }

  /**
   * @param lp {@code k} weighted log densities
   * @param k number of components
   * @return {@code log sum_c exp(lp_c)}
   */
  public static double logSumExp(double[] lp, int k) {
    double max = lp[0];
    for (int c = 1; c < k; c++) {
      if (lp[c] > max) {
        max = lp[c];
      }
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(lp[c] - max);
    }
    return max + Math.log(sum);
  }

  /** @return the covariance type */
  public CovarianceType type() {
    return type;
  }

  /** @return number of components */
  public int components() {
    return k;
  }

  /** @return dimension */
  public int dimension() {
    return d;
  }

  /** @return the weights (shared, do not modify) */
  public double[] weightsArray() {
    return weights;
  }

  /** @return the means, {@code k * d} (shared, do not modify) */
  public double[] meansArray() {
    return means;
  }

  /** @return the covariance storage (shared, do not modify) */
  public double[] covArray() {
    return cov;
  }

  /**
   * Expands the covariance of component {@code c} to a full {@code d x d} matrix.
   *
   * @param c the component
   * @return a new matrix
   */
  public double[][] covarianceMatrix(int c) {
    double[][] m = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int j = 0; j < d; j++) {
        double v;
        switch (type) {
          case FULL:
            v = cov[c * d * d + r * d + j];
            break;
          case TIED:
            v = cov[r * d + j];
            break;
          case DIAGONAL:
            v = r == j ? cov[c * d + r] : 0;
            break;
          default:
            v = r == j ? cov[c] : 0;
            break;
        }
        m[r][j] = v;
      }
    }
    return m;
  }

  /**
   * {@code out[t] = sum_j (cols[j][t] - m[mo + j])^2} for the first {@code len} rows of a column-major block,
   * summed over {@code j} in order (each inner loop indexed from 0, so HotSpot vectorises it).
   */
  private static void squaredDistances(double[][] cols, double[] m, int mo, int d, int len, double[] out) {
    for (int j = 0; j < d; j++) {
      double mj = m[mo + j];
      double[] cj = cols[j];
      if (j == 0) {
        for (int t = 0; t < len; t++) {
          double v = cj[t] - mj;
          out[t] = v * v;
        }
      } else {
        for (int t = 0; t < len; t++) {
          double v = cj[t] - mj;
          out[t] += v * v;
        }
      }
    }
  }
}
