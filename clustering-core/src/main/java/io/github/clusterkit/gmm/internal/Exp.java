package io.github.clusterkit.gmm.internal;

/**
 * The exponential of many arguments at once, written so that HotSpot's auto-vectoriser turns the
 * polynomial part into SIMD code ({@link Math#exp} is a scalar intrinsic, about 10 ns a call on the
 * benchmark machine, and dominated the E-step).
 *
 * <p><b>Method.</b> Cody-Waite range reduction {@code x = n ln2 + r}, {@code |r| <= ln2 / 2}, with
 * {@code n} rounded by adding and subtracting {@code 1.5 * 2^52} (no conversion instruction, so the loop
 * vectorises) and {@code ln2} split into a high part with 32 significant bits (so that {@code n * LN2_HI}
 * is exact) and a low part; then {@code e^r} by its Taylor series to degree 13 (truncation error below
 * {@code 5e-18} relative for {@code |r| <= 0.35}) in Horner form, arranged as
 * {@code 1 + (r + r^2 q(r))} so that the last rounding dominates; then the scaling by {@code 2^n} in a
 * second, scalar loop that builds the powers of two from the exponent bits. The scaling is done in two
 * factors {@code 2^(n/2)} so that results in the subnormal range are rounded once.
 *
 * <p><b>Accuracy.</b> For arguments in {@code [-708, 709]} the result is within 1 ulp of {@link Math#exp}
 * (tested by a property over random arguments); below, where the true result is subnormal, the error is
 * at most one subnormal step ({@link Double#MIN_VALUE}), and arguments below {@code -746} give exactly 0,
 * as {@link Math#exp} does for every argument below about {@code -745.13}. Plain multiplications and
 * additions only (no fused multiply-add, whose software fallback would be very slow on machines without
 * it), so the results are the same bits on every JVM and thread count. Arguments above 709 overflow; NaN
 * gives NaN.
 */
final class Exp {

  private Exp() {}

  private static final double LOG2E = 1.4426950408889634;
  /** {@code 1.5 * 2^52}: adding it rounds to an integer kept in the low bits of the mantissa. */
  private static final double SHIFT = 0x1.8p52;
  /** High part of ln 2 (the last 21 mantissa bits are zero, so {@code n * LN2_HI} is exact). */
  private static final double LN2_HI = 0x1.62e42feep-1;
  /** {@code ln 2 - LN2_HI}. */
  private static final double LN2_LO = 0x1.a39ef35793c76p-33;
  /** Below this every result is 0 (exp(-746) is less than half of the smallest subnormal). */
  private static final double LOWEST = -746;

  private static final double C2 = 1.0 / 2;
  private static final double C3 = 1.0 / 6;
  private static final double C4 = 1.0 / 24;
  private static final double C5 = 1.0 / 120;
  private static final double C6 = 1.0 / 720;
  private static final double C7 = 1.0 / 5040;
  private static final double C8 = 1.0 / 40320;
  private static final double C9 = 1.0 / 362880;
  private static final double C10 = 1.0 / 3628800;
  private static final double C11 = 1.0 / 39916800;
  private static final double C12 = 1.0 / 479001600;
  private static final double C13 = 1.0 / 6227020800L;

  /**
   * {@code a[t] = exp(a[t] - shift[t])} for {@code t < len}. (No offsets: HotSpot 17 does not vectorise a
   * loop that mixes {@code a[t]} with {@code b[t]}.)
   *
   * @param a arguments, overwritten with the results
   * @param shift subtracted from the arguments first (the row maxima of a log-sum-exp)
   * @param len number of values
   * @param scratch at least {@code len} doubles
   */
  static void expShifted(double[] a, double[] shift, int len, double[] scratch) {
    for (int t = 0; t < len; t++) {
      double x = Math.max(a[t] - shift[t], LOWEST);
      double kd = x * LOG2E + SHIFT;
      double nd = kd - SHIFT;
      double r = (x - nd * LN2_HI) - nd * LN2_LO;
      double q = C13 * r + C12;
      q = q * r + C11;
      q = q * r + C10;
      q = q * r + C9;
      q = q * r + C8;
      q = q * r + C7;
      q = q * r + C6;
      q = q * r + C5;
      q = q * r + C4;
      q = q * r + C3;
      q = q * r + C2;
      a[t] = 1 + (r + (r * r) * q);
      scratch[t] = kd;
    }
    for (int t = 0; t < len; t++) {
      // the low bits of kd hold n in two's complement (|n| < 2^31)
      int n = (int) Double.doubleToRawLongBits(scratch[t]);
      int n1 = n >> 1;
      int n2 = n - n1;
      a[t] = a[t] * Double.longBitsToDouble((long) (n1 + 1023) << 52)
          * Double.longBitsToDouble((long) (n2 + 1023) << 52);
    }
  }

  /**
   * The exponential of one value, by the same arithmetic as {@link #expShifted} (for tests).
   *
   * @param x the argument
   * @return approximately {@code Math.exp(x)}
   */
  static double exp(double x) {
    double[] a = {x};
    expShifted(a, new double[1], 1, new double[1]);
    return a[0];
  }
}
