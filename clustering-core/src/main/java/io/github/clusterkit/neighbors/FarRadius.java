package io.github.clusterkit.neighbors;

/**
 * Radius and count queries whose radius is so large that its reduced form overflows ({@code toReduced} of the
 * radius, at the index's own scale, is infinite: above about {@code 1.3e154} times the data's scale for the squared
 * Euclidean distance). A comparison {@code reduced <= infinity} would then admit every point whose own reduced
 * distance overflows too, however far beyond the radius it lies: a query at distance 10 from data near
 * {@code 1e-300} was within a radius of 1, a query at {@code 1e200} from data near 1 within a radius of
 * {@code 1e160}. These queries are answered here instead by a linear scan in the original units, where every
 * coordinate gap is multiplied by {@code 2^-e}, {@code e} the binary exponent of the radius: the radius becomes a
 * number in {@code [1, 2)}, a point within it has a finite reduced distance below 4, and a point beyond it compares
 * greater (or overflows to infinity). Both index implementations call this same code, so they agree bit for bit.
 * Reported distances are held at that scale ({@link Neighbors#reset(Metric, int)} with {@code e}) and scaled back
 * on access. Not API.
 */
final class FarRadius {

  private FarRadius() {}

  /**
   * @param v the data's original row-major values
   * @param n rows
   * @param d columns
   * @param metric the metric
   * @param query the query in original units, finite
   * @param radius the radius in original units, finite and {@code > 0}
   * @param out cleared, then filled with the rows within {@code radius}
   * @return the number of rows found
   */
  static int radius(double[] v, int n, int d, Metric metric, double[] query, double radius, Neighbors out) {
    int e = Math.getExponent(radius);
    double r = metric.toReduced(Math.scalb(radius, -e));
    out.reset(metric, e);
    for (int i = 0, off = 0; i < n; i++, off += d) {
      double s = reduced(metric, query, v, off, d, e);
      if (s <= r) {
        out.add(i, s);
      }
    }
    return out.size();
  }

  /**
   * @param v the data's original row-major values
   * @param n rows
   * @param d columns
   * @param metric the metric
   * @param query the query in original units, finite
   * @param radius the radius in original units, finite and {@code > 0}
   * @param limit the count at which to stop
   * @return {@code min(limit, rows within radius)}
   */
  static int count(double[] v, int n, int d, Metric metric, double[] query, double radius, int limit) {
    int e = Math.getExponent(radius);
    double r = metric.toReduced(Math.scalb(radius, -e));
    int count = 0;
    for (int i = 0, off = 0; i < n; i++, off += d) {
      if (reduced(metric, query, v, off, d, e) <= r && ++count >= limit) {
        return limit;
      }
    }
    return count;
  }

  /** The reduced distance of the query to row {@code off} with every coordinate gap times {@code 2^-e}. */
  private static double reduced(Metric metric, double[] q, double[] x, int off, int d, int e) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s = metric.accumulate(s, Math.scalb(Math.abs(q[j] - x[off + j]), -e));
    }
    return s;
  }
}
