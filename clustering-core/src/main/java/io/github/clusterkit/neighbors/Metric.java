package io.github.clusterkit.neighbors;

import io.github.clusterkit.internal.Scale;

/**
 * The distances that clusterkit's neighbour search supports. All three are Minkowski metrics, so a KD-tree
 * prunes with each of them by per-coordinate bounds.
 *
 * <p>Internally every query works with a <em>reduced</em> distance that orders points exactly as the true
 * distance but is cheaper: the squared distance for {@link #EUCLIDEAN}, the distance itself for the others.
 * A radius {@code r} is compared as {@code reduced(p, q) <= toReduced(r)}, which for Euclidean means
 * {@code sum of squared differences <= r * r}: the same comparison scikit-learn's KD-tree makes.
 *
 * <p>{@link #reducedDistance}, {@link #toReduced}, {@link #fromReduced} and {@link #accumulate} are unchecked
 * primitives for hot loops (the neighbour search and DBSCAN call them per point): they do not validate their
 * arguments, so a null array or a bad offset raises Java's own exception and a negative or NaN distance gives a
 * meaningless value ({@code EUCLIDEAN.toReduced(-2)} is 4), and they do not rescale: EUCLIDEAN's squares overflow
 * for gaps above about {@code 1.3e154}. {@link #distance} and {@link NeighborIndex} check and rescale.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum Metric {
  /** Euclidean (L2) distance, {@code sqrt(sum (a_j - b_j)^2)}. */
  EUCLIDEAN {
    @Override
    public double reducedDistance(double[] a, int aOff, double[] b, int bOff, int d) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double t = a[aOff + j] - b[bOff + j];
        s += t * t;
      }
      return s;
    }

    @Override
    public double toReduced(double distance) {
      return distance * distance;
    }

    @Override
    int reducedExponent(int e) {
      return 2 * e;
    }

    @Override
    public double fromReduced(double reduced) {
      return Math.sqrt(reduced);
    }

    @Override
    public double accumulate(double reduced, double coordinateGap) {
      return reduced + coordinateGap * coordinateGap;
    }
  },
  /** Manhattan (L1, city-block) distance, {@code sum |a_j - b_j|}. */
  MANHATTAN {
    @Override
    public double reducedDistance(double[] a, int aOff, double[] b, int bOff, int d) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += Math.abs(a[aOff + j] - b[bOff + j]);
      }
      return s;
    }

    @Override
    public double toReduced(double distance) {
      return distance;
    }

    @Override
    int reducedExponent(int e) {
      return e;
    }

    @Override
    public double fromReduced(double reduced) {
      return reduced;
    }

    @Override
    public double accumulate(double reduced, double coordinateGap) {
      return reduced + coordinateGap;
    }
  },
  /** Chebyshev (L-infinity, maximum) distance, {@code max |a_j - b_j|}. */
  CHEBYSHEV {
    @Override
    public double reducedDistance(double[] a, int aOff, double[] b, int bOff, int d) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s = Math.max(s, Math.abs(a[aOff + j] - b[bOff + j]));
      }
      return s;
    }

    @Override
    public double toReduced(double distance) {
      return distance;
    }

    @Override
    int reducedExponent(int e) {
      return e;
    }

    @Override
    public double fromReduced(double reduced) {
      return reduced;
    }

    @Override
    public double accumulate(double reduced, double coordinateGap) {
      return Math.max(reduced, coordinateGap);
    }
  };

  /**
   * The reduced distance between {@code a[aOff .. aOff+d)} and {@code b[bOff .. bOff+d)}.
   *
   * @param a first array
   * @param aOff offset of the first point in {@code a}
   * @param b second array
   * @param bOff offset of the second point in {@code b}
   * @param d number of coordinates
   * @return the reduced distance (squared for Euclidean)
   */
  public abstract double reducedDistance(double[] a, int aOff, double[] b, int bOff, int d);

  /**
   * @param distance a true distance, {@code >= 0} (not checked)
   * @return the matching reduced distance
   */
  public abstract double toReduced(double distance);

  /**
   * @param reduced a reduced distance
   * @return the true distance
   */
  public abstract double fromReduced(double reduced);

  /**
   * The power of two a reduced distance scales by when every coordinate scales by {@code 2^e} (exactly, while no
   * value leaves the normal range): {@code 2e} for the squared Euclidean distance, {@code e} for the others.
   *
   * @param e the coordinates' exponent
   * @return the reduced distance's exponent
   */
  abstract int reducedExponent(int e);

  /**
   * Adds one coordinate's non-negative gap to a partial reduced distance, in the same way
   * {@link #reducedDistance} does; used for bounding-box bounds.
   *
   * @param reduced partial reduced distance
   * @param coordinateGap absolute difference in one coordinate
   * @return the updated partial reduced distance
   */
  public abstract double accumulate(double reduced, double coordinateGap);

  /**
   * The true distance between two points of equal length (points beyond {@code 2^201} or below {@code 2^-200} in
   * magnitude are measured after an exact power-of-two scaling, so {@code 1e200} and {@code -1e200} are
   * {@code 2e200} apart, not infinitely; gaps whose squares underflow are measured after another, so
   * {@code (0, 1)} and {@code (1e-200, 1)} are {@code 1e-200} apart, not 0).
   *
   * @param a first point
   * @param b second point
   * @return the distance
   * @throws IllegalArgumentException if a point is null, the lengths differ or a coordinate is NaN or infinite (as
   *     every query of a {@link NeighborIndex}; the distance was NaN)
   */
  public double distance(double[] a, double[] b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException("points must not be null, got " + (a == null ? "a" : "b") + " = null");
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "points must have the same dimension, got " + a.length + " and " + b.length);
    }
    for (int j = 0; j < a.length; j++) {
      if (!Double.isFinite(a[j]) || !Double.isFinite(b[j])) {
        boolean inA = !Double.isFinite(a[j]);
        throw new IllegalArgumentException("points must be finite, got " + (inA ? "a" : "b") + "[" + j + "] = "
            + (inA ? a[j] : b[j]));
      }
    }
    // Points too large or too small for squared distances are measured times a power of two, exactly (Scale).
    int e = Scale.exponent(Math.max(Scale.maxAbs(a, 0, a.length), Scale.maxAbs(b, 0, b.length)));
    double[] as = e != 0 ? Scale.down(a, e) : a;
    double[] bs = e != 0 ? Scale.down(b, e) : b;
    double r = reducedDistance(as, 0, bs, 0, a.length);
    if (r < Double.MIN_NORMAL) {
      // The gaps are too small for their squares at this scale ((0, 1) and (1e-200, 1) were at distance 0): measure
      // them as FarRadius measures the rows it reports, times the power of two that takes the largest gap to [1, 2).
      return Math.scalb(FarRadius.distance(this, as, 0, bs, 0, a.length), e);
    }
    return Math.scalb(fromReduced(r), e);
  }
}
