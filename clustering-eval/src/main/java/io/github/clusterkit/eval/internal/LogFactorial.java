package io.github.clusterkit.eval.internal;

/**
 * {@code ln(k!)} for integers {@code 0 <= k <= max}, each entry computed directly (not as a running sum, whose
 * rounding errors would add up): from the exact factorial below 20, from Stirling's series with terms up
 * to {@code k^-9} (truncation error below {@code 1e-16}) above.
 */
public final class LogFactorial {

  private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

  private final double[] table;

  /** @param max the largest argument needed */
  public LogFactorial(int max) {
    table = new double[max + 1];
    long f = 1;
    for (int k = 0; k <= max; k++) {
      if (k < 20) {
        if (k > 1) {
          f *= k;
        }
        table[k] = Math.log((double) f);
      } else {
        table[k] = stirling(k);
      }
    }
  }

  private static double stirling(double k) {
    double inv = 1.0 / k;
    double inv2 = inv * inv;
    double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
        - inv2 * (1.0 / 1188)))));
    return (k + 0.5) * Math.log(k) - k + HALF_LN_2PI + series;
  }

  /**
   * @param k an integer in {@code [0, max]}
   * @return {@code ln(k!)}
   */
  public double get(int k) {
    return table[k];
  }
}
