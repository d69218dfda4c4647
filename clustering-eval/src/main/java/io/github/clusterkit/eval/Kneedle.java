package io.github.clusterkit.eval;

/**
 * Knee (or elbow) detection with Kneedle (Satopää, Albrecht, Irwin and Raghavan 2011, "Finding a 'Kneedle'
 * in a haystack: detecting knee points in system behavior", ICDCS Workshops, doi:10.1109/ICDCSW.2011.20),
 * offline, without smoothing.
 *
 * <p>The points are scaled to the unit square and turned into an increasing concave curve according to
 * their {@link Shape}. On the difference curve {@code D = y - x} every local maximum is a candidate; its
 * threshold is {@code D_max - S * mean(x_(i+1) - x_i)} with the sensitivity {@code S}. A candidate is a knee
 * when {@code D} falls below its threshold before the next local maximum (after a local minimum the
 * threshold becomes 0, as in the authors' reference implementation, the Python package {@code kneed}).
 * The first knee found is returned; curves whose shape is mirrored (convex increasing, concave decreasing)
 * are scanned from the right, so "first" is then the rightmost.
 *
 * <p>Typical use: inertia against {@code k} ({@link Shape#CONVEX_DECREASING}, the elbow of a K-Means
 * sweep, see {@link KSelection}). For DBSCAN's {@code eps} use {@link EpsSelection} instead: its knee of the
 * sorted k-distances is the global maximum of the difference curve, whereas this first-knee scan, run from
 * the steep end of such a curve ({@link Shape#CONVEX_INCREASING}), can stop at the small wiggles there and
 * then suggests a much larger {@code eps}.
 *
 * <p>Stateless and thread-safe: it runs on the calling thread; arguments are never modified.
 */
public final class Kneedle {

  /** The shape of the curve, which decides how it is normalised. */
  public enum Shape {
    /** Rising and flattening, like {@code log x}. */
    CONCAVE_INCREASING,
    /** Falling faster and faster, like {@code 1 - x^2}. */
    CONCAVE_DECREASING,
    /** Rising faster and faster, like sorted k-distances. */
    CONVEX_INCREASING,
    /** Falling and flattening, like inertia against k. */
    CONVEX_DECREASING
  }

  private Kneedle() {}

  /**
   * Finds the knee with sensitivity 1 (the authors' default).
   *
   * @param x strictly increasing abscissae, at least 3
   * @param y ordinates, finite, one per abscissa
   * @param shape the shape of the curve
   * @return the index of the knee, or {@code -1} if there is none (a straight line, a constant)
   * @throws IllegalArgumentException as {@link #knee(double[], double[], Shape, double)}
   */
  public static int knee(double[] x, double[] y, Shape shape) {
    return knee(x, y, shape, 1.0);
  }

  /**
   * @param x strictly increasing abscissae, at least 3 (fewer give {@code -1})
   * @param y ordinates, finite, one per abscissa
   * @param shape the shape of the curve
   * @param sensitivity {@code S >= 0}: larger values demand a more pronounced knee
   * @return the index of the knee, or {@code -1} if there is none
   * @throws IllegalArgumentException if an argument is null, the lengths differ, {@code x} is not strictly
   *     increasing, a value is not finite, or {@code sensitivity} is negative or not finite
   */
  public static int knee(double[] x, double[] y, Shape shape, double sensitivity) {
    if (x == null || y == null || shape == null) {
      throw new IllegalArgumentException("x, y and shape must not be null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y must have the same length, got " + x.length + " and " + y.length);
    }
    if (!(sensitivity >= 0 && sensitivity < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("sensitivity must be >= 0 and finite, got " + sensitivity);
    }
    int n = x.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("x and y must be finite, got (" + x[i] + ", " + y[i] + ") at " + i);
      }
      if (i > 0 && !(x[i] > x[i - 1])) {
        throw new IllegalArgumentException("x must be strictly increasing, got " + x[i - 1] + " then " + x[i]
            + " at " + i);
      }
    }
    if (n < 3) {
      return -1;
    }
    // A span beyond the double range (finite values of both signs near MAX_VALUE) is measured on halved values:
    // exactly half of every difference, the same normalised curve.
    double xHalf = Double.isInfinite(x[n - 1] - x[0]) ? 0.5 : 1.0;
    double xMin = x[0] * xHalf;
    double xSpan = x[n - 1] * xHalf - xMin;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
    double yHalf = Double.isInfinite(yMax - yMin) ? 0.5 : 1.0;
    yMin *= yHalf;
    double ySpan = yMax * yHalf - yMin;
    if (!(ySpan > 0)) {
      return -1;
    }
    boolean mirrored = shape == Shape.CONVEX_INCREASING || shape == Shape.CONCAVE_DECREASING;
    boolean flipY = shape == Shape.CONVEX_DECREASING || shape == Shape.CONVEX_INCREASING;
    // normalised, turned into a concave increasing curve; index t of the scan is point map(t)
    double[] xn = new double[n];
    double[] diff = new double[n];
    for (int t = 0; t < n; t++) {
      int i = mirrored ? n - 1 - t : t;
      double xs = (x[i] * xHalf - xMin) / xSpan;
      double ys = (y[i] * yHalf - yMin) / ySpan;
      xn[t] = mirrored ? 1 - xs : xs;
      double yt = flipY ? 1 - ys : ys;
      diff[t] = yt - xn[t];
    }
    double meanStep = Math.abs((xn[n - 1] - xn[0]) / (n - 1));
    double threshold = Double.NaN;
    int candidate = -1;
    for (int t = 0; t < n - 1; t++) {
      boolean max = (t == 0 || diff[t] >= diff[t - 1]) && diff[t] >= diff[t + 1];
      boolean min = (t == 0 || diff[t] <= diff[t - 1]) && diff[t] <= diff[t + 1];
      if (max) {
        threshold = diff[t] - sensitivity * meanStep;
        candidate = t;
      }
      if (min && candidate >= 0) {
        threshold = 0.0;
      }
      if (candidate >= 0 && diff[t + 1] < threshold) {
        return mirrored ? n - 1 - candidate : candidate;
      }
    }
    return -1;
  }
}
