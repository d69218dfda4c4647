package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * Reduced distances for the hot loops, computed with exactly the operations of
 * {@link Metric#reducedDistance} (same order, same rounding), so every path compares the same numbers.
 */
final class Dist {

  static final int EUCLIDEAN = 0;
  static final int MANHATTAN = 1;
  static final int CHEBYSHEV = 2;

  private Dist() {}

  static int code(Metric m) {
    switch (m) {
      case EUCLIDEAN:
        return EUCLIDEAN;
      case MANHATTAN:
        return MANHATTAN;
      default:
        return CHEBYSHEV;
    }
  }

  static double reduced(int code, double[] a, int ao, double[] b, int bo, int d) {
    if (code == EUCLIDEAN) {
      if (d == 2) {
        double t0 = a[ao] - b[bo];
        double t1 = a[ao + 1] - b[bo + 1];
        return t0 * t0 + t1 * t1;
      }
      double s = 0;
      for (int j = 0; j < d; j++) {
        double t = a[ao + j] - b[bo + j];
        s += t * t;
      }
      return s;
    } else if (code == MANHATTAN) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += Math.abs(a[ao + j] - b[bo + j]);
      }
      return s;
    } else {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s = Math.max(s, Math.abs(a[ao + j] - b[bo + j]));
      }
      return s;
    }
  }

  /**
   * Reduced distance from a point to an axis-aligned box {@code [box[0..d), box[d..2d))}, never larger than
   * the computed reduced distance to any point inside the box (the same roundings, monotone).
   */
  static double toBox(int code, double[] a, int ao, double[] box, int d) {
    return toBox(code, a, ao, box, 0, d);
  }

  /** {@link #toBox(int, double[], int, double[], int)} for the box at offset {@code bo} of {@code box}. */
  static double toBox(int code, double[] a, int ao, double[] box, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double v = a[ao + j];
      double g = 0;
      if (v < box[bo + j]) {
        g = box[bo + j] - v;
      } else if (v > box[bo + d + j]) {
        g = v - box[bo + d + j];
      }
      s = fold(code, s, g);
    }
    return s;
  }

  /**
   * Reduced distance from a point to the farthest corner of the axis-aligned box
   * {@code [box[bo..bo+d), box[bo+d..bo+2d))}, never smaller than the computed reduced distance to any point inside
   * the box (the same roundings, monotone).
   */
  static double fromBox(int code, double[] a, int ao, double[] box, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double v = a[ao + j];
      double g = Math.max(Math.abs(v - box[bo + j]), Math.abs(v - box[bo + d + j]));
      s = fold(code, s, g);
    }
    return s;
  }

  /** Adds the coordinate gap {@code g} to the reduced distance {@code s} of the metric {@code code}. */
  private static double fold(int code, double s, double g) {
    if (code == EUCLIDEAN) {
      return s + g * g;
    }
    return code == MANHATTAN ? s + g : Math.max(s, g);
  }
}
