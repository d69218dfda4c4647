package io.github.clusterkit.neighbors;

/**
 * Radius and count queries whose radius is so large that its reduced form overflows, or so small that it leaves the
 * normal range ({@link #applies}). The large case: {@code toReduced} of the radius, at the index's own scale, is
 * infinite (above about {@code 1.3e154} times the data's scale for the squared Euclidean distance). A comparison
 * {@code reduced <= infinity} would then admit every point whose own reduced distance overflows too, however far
 * beyond the radius it lies: a query at distance 10 from data near {@code 1e-300} was within a radius of 1, a query
 * at {@code 1e200} from data near 1 within a radius of {@code 1e160}. The small case, its mirror: the reduced radius
 * is subnormal or 0 (below about {@code 1.5e-154} times the data's scale for the squared Euclidean distance), and so
 * is the reduced distance of a point well beyond it: about the row {@code 0} of data near 1, a radius of
 * {@code 1e-170} held the row {@code 1e-165}, at distance 0. These queries are answered here instead by a linear
 * scan in the original units, where every coordinate gap is multiplied by {@code 2^-e}, {@code e} the binary
 * exponent of the radius: the radius becomes a number in {@code [1, 2)}, a point within it has a finite reduced
 * distance below 4, and a point beyond it compares greater (or overflows to infinity). Both index implementations
 * call this same code, so they agree bit for bit. Reported distances are computed again for each row found at that
 * row's own scale and held as true distances ({@link Neighbors#resetTrue}): the rows within a huge radius may lie at
 * any distance below it, too far apart for one scale. Not API.
 */
final class FarRadius {

  private FarRadius() {}

  /**
   * Whether a query must be answered here: its reduced radius at the index's scale overflowed, or is subnormal or 0
   * (where a point beyond it could compare equal to it, or less; a radius of 0 included, which holds the exact
   * duplicates of the query only).
   *
   * @param reducedRadius the reduced form of the radius at the index's scale
   * @return whether to use this class
   */
  static boolean applies(double reducedRadius) {
    return reducedRadius == Double.POSITIVE_INFINITY || underflows(reducedRadius);
  }

  /**
   * Whether the reduced radius is subnormal or 0 at the index's scale: the case of {@link #applies} that also
   * concerns a query from a row of the data (an overflowing radius holds every row anyway, the data's own distances
   * being finite at that scale).
   *
   * @param reducedRadius the reduced form of the radius at the index's scale
   * @return whether to use this class for a query from a row
   */
  static boolean underflows(double reducedRadius) {
    return reducedRadius < Double.MIN_NORMAL;
  }

  /**
   * @param v the data's original row-major values
   * @param n rows
   * @param d columns
   * @param metric the metric
   * @param query the query in original units, finite, at {@code qOff}
   * @param qOff offset of the query in {@code query}
   * @param radius the radius in original units, finite and {@code >= 0}
   * @param out cleared, then filled with the rows within {@code radius}
   * @return the number of rows found
   */
  static int radius(double[] v, int n, int d, Metric metric, double[] query, int qOff, double radius,
      Neighbors out) {
    int e = Math.getExponent(radius);
    double r = metric.toReduced(Math.scalb(radius, -e));
    out.resetTrue(metric);
    for (int i = 0, off = 0; i < n; i++, off += d) {
      if (reduced(metric, query, qOff, v, off, d, e) <= r) {
        out.add(i, distance(metric, query, qOff, v, off, d));
      }
    }
    return out.size();
  }

  /**
   * The distance of the query to row {@code off} in original units, at the row's own scale: every coordinate gap
   * times {@code 2^-g}, {@code g} the binary exponent of the largest gap, so that the reduced form neither overflows
   * nor loses the row's own gaps (a gap more than {@code 2^511} times smaller than the largest adds less than an ulp
   * to a squared sum), then scaled back. A radius's scale would not do: rows within a huge radius may lie at any
   * distance below it, and a gap {@code 2^-600} times the radius squares to 0 there.
   */
  static double distance(Metric metric, double[] q, int qOff, double[] x, int off, int d) {
    double max = 0;
    for (int j = 0; j < d; j++) {
      max = Math.max(max, Math.abs(q[qOff + j] - x[off + j]));
    }
    if (max == 0 || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    int g = Math.getExponent(max);
    return Math.scalb(metric.fromReduced(reduced(metric, q, qOff, x, off, d, g)), g);
  }

  /**
   * @param v the data's original row-major values
   * @param n rows
   * @param d columns
   * @param metric the metric
   * @param query the query in original units, finite, at {@code qOff}
   * @param qOff offset of the query in {@code query}
   * @param radius the radius in original units, finite and {@code >= 0}
   * @param limit the count at which to stop
   * @return {@code min(limit, rows within radius)}
   */
  static int count(double[] v, int n, int d, Metric metric, double[] query, int qOff, double radius,
      int limit) {
    int e = Math.getExponent(radius);
    double r = metric.toReduced(Math.scalb(radius, -e));
    int count = 0;
    for (int i = 0, off = 0; i < n; i++, off += d) {
      if (reduced(metric, query, qOff, v, off, d, e) <= r && ++count >= limit) {
        return limit;
      }
    }
    return count;
  }

  /** The reduced distance of the query to row {@code off} with every coordinate gap times {@code 2^-e}. */
  private static double reduced(Metric metric, double[] q, int qOff, double[] x, int off, int d, int e) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s = metric.accumulate(s, Math.scalb(Math.abs(q[qOff + j] - x[off + j]), -e));
    }
    return s;
  }
}
