package io.github.clusterkit.internal;

import io.github.clusterkit.data.Dataset;

/**
 * Exact power-of-two rescaling of data whose magnitude would make squared distances overflow or underflow, shared
 * by K-Means ({@code KMeans}, {@code KMeansModel}), the neighbour search ({@code KdTree}, {@code BruteForce}), DBSCAN
 * ({@code Dbscan}, {@code DbscanModel}), hierarchical clustering ({@code Agglomerative}), {@code StandardScaler} and
 * the quality indices of {@code clustering-eval}. (Gaussian mixtures and PCA refuse such data instead: a
 * mixture's regularization is not scale-free, and PCA's explained variances would themselves leave the range.)
 *
 * <p>Squared Euclidean distances of values near {@code 1e200} overflow to infinity, and those of values near
 * {@code 1e-200} underflow to zero; either way every distance compares equal and the answers are nonsense (a
 * K-Means fit of four such rows into two clusters left one empty; the nearest neighbours were the lowest row
 * indices). Multiplying every value by the same power of two is exact (a change of exponent) as long as no value
 * leaves the normal range, and differences, squares, sums, divisions by weights and comparisons all commute with it
 * exactly. So data whose largest magnitude lies outside {@code [2^-LIMIT, 2^(LIMIT+1))} are processed with that
 * magnitude brought to the top of the range, {@code [2^LIMIT, 2^(LIMIT+1))}, where the bounds of {@link #LIMIT}
 * hold as for unscaled data, and the results scaled back: they are those of arithmetic with a wide enough exponent
 * range. Within that range nothing is scaled, so results are untouched. The top rather than a magnitude near 1
 * leaves the most room below for the small values of the same data: gaps down to about {@code 2^-711} times the
 * largest magnitude still square to normal numbers (about {@code 1e-214}; brought near 1, gaps below about
 * {@code 2^-511}, {@code 1e-154}, squared to 0 and rows near 1 beside a row at {@code 1e199} all tied). Values
 * smaller than the largest by a factor above about {@code 2^1222} lose their low bits (or all of them) when scaled
 * down; next to the largest values they change no sum anyway.
 */
public final class Scale {

  /**
   * Largest binary exponent of the data's (or the weights') magnitude left unscaled: at {@code |x| < 2^201} and
   * weights below {@code 2^201} a weighted squared distance is at most {@code d 2^605}, and a weighted sum of
   * {@code n} rows at most {@code n 2^402}, finite for any {@code d} and {@code n} a Java array allows; at
   * {@code |x| >= 2^-200} differences of a unit in the last place ({@code 2^-252}) still square to a normal number,
   * times a weight of at least {@code 2^-200} too.
   */
  public static final int LIMIT = 200;

  private Scale() {}

  /**
   * The largest absolute value of {@code a[from..to)}.
   *
   * @param a values
   * @param from first index
   * @param to one past the last
   * @return the largest magnitude, 0 for none (NaN values are skipped)
   */
  public static double maxAbs(double[] a, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      double v = Math.abs(a[i]);
      if (v > m) {
        m = v;
      }
    }
    return m;
  }

  /**
   * The exponent {@code e} by which data of largest magnitude {@code maxAbs} are scaled (multiplied by
   * {@code 2^-e}), 0 when they need none.
   *
   * @param maxAbs the largest magnitude, finite
   * @return 0, or, when the binary exponent {@code b} of {@code maxAbs} lies outside {@code [-LIMIT, LIMIT]},
   *     {@code b - LIMIT}: the data scaled by {@code 2^-(b - LIMIT)} have their largest magnitude in
   *     {@code [2^LIMIT, 2^(LIMIT+1))} (subnormal {@code maxAbs}, whose exponent reads as {@code -1023}, a little
   *     lower)
   */
  public static int exponent(double maxAbs) {
    if (maxAbs == 0) {
      return 0;
    }
    int e = Math.getExponent(maxAbs);
    return e > LIMIT || e < -LIMIT ? e - LIMIT : 0;
  }

  /**
   * {@link #exponent(double)} of a dataset's largest magnitude (known since the dataset was made).
   *
   * @param data a dataset
   * @return its scaling exponent, 0 for none
   */
  public static int exponent(Dataset data) {
    return exponent(DataAccess.maxAbs(data));
  }

  /**
   * Largest binary exponent of the data's magnitude accepted where the scaling does not apply (Gaussian mixtures,
   * PCA): squared deviations of values below {@code 2^481} summed over at most {@code 2^31} rows stay below
   * {@code 2^995}, and values of at least {@code 2^-480} square to normal numbers.
   */
  public static final int REFUSE_LIMIT = 480;

  /**
   * Refuses data whose largest magnitude lies outside {@code [2^-REFUSE_LIMIT, 2^(REFUSE_LIMIT+1))}, naming the
   * rule, the value and what would go wrong.
   *
   * @param data a dataset
   * @param consequence what overflows or underflows beyond the range, e.g. "squared deviations"
   * @throws IllegalArgumentException if the data lie outside the range (all-zero data pass)
   */
  public static void requireWithinRefuseLimit(Dataset data, String consequence) {
    double maxAbs = DataAccess.maxAbs(data);
    if (maxAbs > 0 && Math.abs(Math.getExponent(maxAbs)) > REFUSE_LIMIT) {
      throw new IllegalArgumentException("data must have their largest magnitude in [2^-" + REFUSE_LIMIT + ", 2^"
          + (REFUSE_LIMIT + 1) + ") (about 3e-145 to 6e144): beyond it " + consequence + " overflow to infinity or"
          + " underflow to zero; got " + maxAbs + "; rescale the data first, e.g. with StandardScaler");
    }
  }

  /**
   * A dataset's row-major values multiplied by {@code 2^-e}: its backing array itself (read only) when
   * {@code e == 0}, else a scaled copy.
   *
   * @param data a dataset
   * @param e the exponent from {@link #exponent(Dataset)}
   * @return the values
   */
  public static double[] values(Dataset data, int e) {
    double[] x = DataAccess.values(data);
    return e == 0 ? x : down(x, e);
  }

  /**
   * A copy of {@code a} multiplied by {@code 2^-e}.
   *
   * @param a values (not modified)
   * @param e the exponent from {@link #exponent(double)}
   * @return the scaled copy
   */
  public static double[] down(double[] a, int e) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.scalb(a[i], -e);
    }
    return out;
  }

  /**
   * Multiplies {@code a} by {@code 2^e} in place.
   *
   * @param a values
   * @param e the exponent from {@link #exponent(double)}
   */
  public static void up(double[] a, int e) {
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], e);
    }
  }
}
