package io.github.clusterkit.hierarchical.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * Point-to-point distances on a flat row-major array, summed in coordinate order: bit for bit what SciPy's
 * {@code pdist} returns for {@code 'euclidean'}, {@code 'cityblock'} and {@code 'chebyshev'} (checked by the
 * reference tests, since ties between equal distances decide the order of merges). Not API.
 */
final class Kernels {

  static final int EUCLIDEAN = 0;
  static final int MANHATTAN = 1;
  static final int CHEBYSHEV = 2;

  private Kernels() {}

  static int code(Metric metric) {
    switch (metric) {
      case EUCLIDEAN:
        return EUCLIDEAN;
      case MANHATTAN:
        return MANHATTAN;
      case CHEBYSHEV:
        return CHEBYSHEV;
      default:
        throw new IllegalArgumentException("unsupported metric " + metric);
    }
  }

  /** The true distance between rows starting at {@code a} and {@code b}. */
  static double distance(double[] v, int a, int b, int d, int metric) {
    if (metric == EUCLIDEAN) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double t = v[a + j] - v[b + j];
        s += t * t;
      }
      return Math.sqrt(s);
    } else if (metric == MANHATTAN) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += Math.abs(v[a + j] - v[b + j]);
      }
      return s;
    } else {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s = Math.max(s, Math.abs(v[a + j] - v[b + j]));
      }
      return s;
    }
  }

  /**
   * Writes the distances from row {@code i} to rows {@code i+1 .. n-1} into {@code out[off ..]}.
   *
   * @param v data, row-major
   * @param n number of rows
   * @param d dimension
   * @param i the row
   * @param metric metric code
   * @param out destination
   * @param off offset of the distance to row {@code i+1}
   */
  static void rowTail(double[] v, int n, int d, int i, int metric, double[] out, int off) {
    int ai = i * d;
    if (metric == EUCLIDEAN && d == 2) {
      double x0 = v[ai];
      double x1 = v[ai + 1];
      for (int j = i + 1, o = off; j < n; j++, o++) {
        double t0 = x0 - v[2 * j];
        double t1 = x1 - v[2 * j + 1];
        out[o] = Math.sqrt(t0 * t0 + t1 * t1);
      }
      return;
    }
    if (metric == EUCLIDEAN) {
      for (int j = i + 1, o = off; j < n; j++, o++) {
        int bj = j * d;
        double s = 0;
        for (int c = 0; c < d; c++) {
          double t = v[ai + c] - v[bj + c];
          s += t * t;
        }
        out[o] = Math.sqrt(s);
      }
      return;
    }
    for (int j = i + 1, o = off; j < n; j++, o++) {
      out[o] = distance(v, ai, j * d, d, metric);
    }
  }

  /**
   * Squared Euclidean distances from {@code centre} to points {@code from .. to-1} held column by column,
   * into {@code acc[from .. to-1]}: {@code t0*t0 + t1*t1 + ...} summed in coordinate order, the same bits as
   * {@link #distance} before its root. Four coordinates per pass over {@code acc}, then two and one (the order
   * of the additions is unchanged), so the partial sums are loaded and stored a quarter as often. Every array
   * of the loops is indexed by the point's own index: C2 (JDK 17) vectorises a loop only when its arrays are
   * indexed alike; with the output at an offset of its own ({@code acc[j]} against {@code cols[c][from + j]})
   * the loops ran scalar, about four times slower at d = 10.
   *
   * @param cols coordinates, {@code cols[c][p]}
   * @param centre the centre's coordinates, {@code d} of them
   * @param d dimension, {@code >= 1}
   * @param from first point
   * @param to one past the last point
   * @param acc output, at least {@code to} long
   */
  static void squaredSumsAt(double[][] cols, double[] centre, int d, int from, int to, double[] acc) {
    int c = 0;
    {
      double[] c0 = cols[0];
      double a0 = centre[0];
      if (d >= 4) {
        double[] c1 = cols[1];
        double[] c2 = cols[2];
        double[] c3 = cols[3];
        double a1 = centre[1];
        double a2 = centre[2];
        double a3 = centre[3];
        for (int j = from; j < to; j++) {
          double t0 = a0 - c0[j];
          double t1 = a1 - c1[j];
          double t2 = a2 - c2[j];
          double t3 = a3 - c3[j];
          acc[j] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
        c = 4;
      } else if (d >= 2) {
        double[] c1 = cols[1];
        double a1 = centre[1];
        for (int j = from; j < to; j++) {
          double t0 = a0 - c0[j];
          double t1 = a1 - c1[j];
          acc[j] = t0 * t0 + t1 * t1;
        }
        c = 2;
      } else {
        for (int j = from; j < to; j++) {
          double t0 = a0 - c0[j];
          acc[j] = t0 * t0;
        }
        c = 1;
      }
    }
    for (; c + 4 <= d; c += 4) {
      double[] c0 = cols[c];
      double[] c1 = cols[c + 1];
      double[] c2 = cols[c + 2];
      double[] c3 = cols[c + 3];
      double a0 = centre[c];
      double a1 = centre[c + 1];
      double a2 = centre[c + 2];
      double a3 = centre[c + 3];
      for (int j = from; j < to; j++) {
        double t0 = a0 - c0[j];
        double t1 = a1 - c1[j];
        double t2 = a2 - c2[j];
        double t3 = a3 - c3[j];
        acc[j] = acc[j] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
      }
    }
    if (c + 2 <= d) {
      double[] c0 = cols[c];
      double[] c1 = cols[c + 1];
      double a0 = centre[c];
      double a1 = centre[c + 1];
      for (int j = from; j < to; j++) {
        double t0 = a0 - c0[j];
        double t1 = a1 - c1[j];
        acc[j] = acc[j] + t0 * t0 + t1 * t1;
      }
      c += 2;
    }
    if (c < d) {
      double[] cc = cols[c];
      double a = centre[c];
      for (int j = from; j < to; j++) {
        double t = a - cc[j];
        acc[j] += t * t;
      }
    }
  }
}
