package io.github.clusterkit.eval;

/**
 * How {@link GapStatistic} chooses {@code k} from the gaps {@code Gap(k)} and their standard errors {@code s_k}: the
 * five rules of R's {@code cluster::maxSE(f, SE.f, method, SE.factor)} (cluster 2.1, the rules {@code clusGap}
 * offers), with {@code f} the gaps in order of {@code k}, {@code SE.f} their {@code s_k}, and the tolerance
 * {@code t_k = seFactor * s_k}. Positions count from the first {@code k} of the sweep; where the sweep starts at
 * {@code k = 1}, as {@code clusGap} always does, a position is a {@code k}.
 * <ul>
 *   <li>{@link #TIBS2001_SE_MAX} ({@code "Tibs2001SEmax"}, the default of {@link GapStatistic}): the smallest
 *       {@code k} with {@code Gap(k) >= Gap(k + 1) - t_(k+1)} (Tibshirani, Walther and Hastie 2001, section 3,
 *       doi:10.1111/1467-9868.00293), the largest {@code k} if none.</li>
 *   <li>{@link #FIRST_SE_MAX} ({@code "firstSEmax"}, R's default): the first local maximum {@code m} (below), then
 *       the smallest {@code k <= m} with {@code Gap(k) >= Gap(m) - t_m}.</li>
 *   <li>{@link #GLOBAL_SE_MAX} ({@code "globalSEmax"}, as Dudoit and Fridlyand 2002 read the paper,
 *       doi:10.1186/gb-2002-3-7-research0036): the global maximum {@code m}, then the smallest {@code k <= m} with
 *       {@code Gap(k) >= Gap(m) - t_m}.</li>
 *   <li>{@link #FIRST_MAX} ({@code "firstmax"}): the first local maximum, the smallest {@code k} with
 *       {@code Gap(k + 1) - Gap(k) <= 0} (the largest {@code k} if the gaps only rise); {@link #FIRST_SE_MAX} with
 *       {@code seFactor = 0}.</li>
 *   <li>{@link #GLOBAL_MAX} ({@code "globalmax"}): the largest gap (the smallest {@code k} on ties), standard errors
 *       unused.</li>
 * </ul>
 * Comparisons are on doubles as R makes them ({@code diff(f) <= 0} is {@code f[k+1] - f[k] <= 0}); a {@code NaN} gap
 * never satisfies a comparison, and {@link #GLOBAL_MAX} skips it as R's {@code which.max} does.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum GapRule {
  /** R's {@code "firstSEmax"}: within {@code seFactor} standard errors of the first local maximum. */
  FIRST_SE_MAX,
  /** R's {@code "Tibs2001SEmax"}, the paper's: the smallest {@code k} with {@code Gap(k) >= Gap(k+1) - s_(k+1)}. */
  TIBS2001_SE_MAX,
  /** R's {@code "globalSEmax"}: within {@code seFactor} standard errors of the global maximum. */
  GLOBAL_SE_MAX,
  /** R's {@code "firstmax"}: the first local maximum. */
  FIRST_MAX,
  /** R's {@code "globalmax"}: the global maximum. */
  GLOBAL_MAX;

  /**
   * Applies the rule to a table, as R's {@code maxSE(f, se, method, SE.factor = seFactor)} (which counts from 1).
   *
   * @param gap the gaps (R's {@code f}), in order of {@code k}; not modified
   * @param se their standard errors (R's {@code SE.f}), each {@code >= 0}; not modified
   * @param seFactor the multiple of the standard error tolerated, {@code >= 0} (R's default 1)
   * @return the chosen position, in {@code [0, gap.length)}; {@code -1} for {@link #GLOBAL_MAX} and
   *     {@link #GLOBAL_SE_MAX} when every gap is {@code NaN}
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a standard error is negative
   *     or {@code NaN}, or {@code seFactor} is negative, infinite or {@code NaN} (R's {@code stopifnot} conditions)
   */
  public int select(double[] gap, double[] se, double seFactor) {
    if (gap == null || se == null) {
      throw new IllegalArgumentException("gap and se must not be null");
    }
    int k = gap.length;
    if (k < 1) {
      throw new IllegalArgumentException("gap must hold at least one value, got 0");
    }
    if (se.length != k) {
      throw new IllegalArgumentException("se must have the length of gap (" + k + "), got " + se.length);
    }
    for (int t = 0; t < k; t++) {
      if (!(se[t] >= 0)) {
        throw new IllegalArgumentException("se must be >= 0, got " + se[t] + " at position " + t);
      }
    }
    if (!(seFactor >= 0) || seFactor == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("seFactor must be finite and >= 0, got " + seFactor);
    }
    return selectUnchecked(gap, se, seFactor);
  }

  /**
   * {@link #select(double[], double[], double)} without its checks, for {@link GapResult}, whose {@code s_k} is
   * {@code NaN} where every reference set has {@code W = 0} (at {@code k = n}): comparisons with it fail.
   */
  int selectUnchecked(double[] gap, double[] se, double seFactor) {
    int k = gap.length;
    switch (this) {
      case FIRST_MAX:
        return firstMax(gap);
      case GLOBAL_MAX:
        return globalMax(gap);
      case TIBS2001_SE_MAX:
        for (int t = 0; t + 1 < k; t++) {
          if (gap[t] >= gap[t + 1] - seFactor * se[t + 1]) {
            return t;
          }
        }
        return k - 1;
      case FIRST_SE_MAX:
        return withinSe(gap, se, seFactor, firstMax(gap));
      default: // GLOBAL_SE_MAX
        int m = globalMax(gap);
        return m < 0 ? -1 : withinSe(gap, se, seFactor, m);
    }
  }

  /** The first position whose gap is within {@code seFactor * se[m]} of the gap at {@code m}, else {@code m}. */
  private static int withinSe(double[] gap, double[] se, double seFactor, int m) {
    double bar = gap[m] - seFactor * se[m];
    for (int t = 0; t < m; t++) {
      if (gap[t] >= bar) {
        return t;
      }
    }
    return m;
  }

  private static int firstMax(double[] gap) {
    for (int t = 0; t + 1 < gap.length; t++) {
      if (gap[t + 1] - gap[t] <= 0) {
        return t;
      }
    }
    return gap.length - 1;
  }

  private static int globalMax(double[] gap) {
    int arg = -1;
    for (int t = 0; t < gap.length; t++) {
      if (!Double.isNaN(gap[t]) && (arg < 0 || gap[t] > gap[arg])) {
        arg = t;
      }
    }
    return arg;
  }
}
