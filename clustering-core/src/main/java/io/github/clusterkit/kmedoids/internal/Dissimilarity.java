package io.github.clusterkit.kmedoids.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * The dissimilarities the k-medoids engine reads: computed on the fly from rows and a {@link Metric}, or looked up in
 * a precomputed matrix. {@code d(o, c)} and {@code row(c, ...)[o]} are the same number bit for bit, which the engine
 * relies on (a row computed for a candidate serves the update after its swap). Not API.
 */
public abstract class Dissimilarity {

  final int n;

  Dissimilarity(int n) {
    this.n = n;
  }

  /** @return the number of objects */
  public final int size() {
    return n;
  }

  /**
   * @param o an object
   * @param c another
   * @return their dissimilarity
   */
  abstract double d(int o, int c);

  /**
   * Writes {@code d(o, c)} to {@code out[o]} for every {@code o} in {@code [from, to)}.
   *
   * @param c the fixed object (a candidate medoid)
   * @param out the output, indexed by object
   * @param from first object
   * @param to one past the last
   */
  abstract void row(int c, double[] out, int from, int to);

  /**
   * True distances between the rows of a flat row-major array: {@code metric.fromReduced(metric.reducedDistance(...))}
   * of {@code x[o] - x[c]} (the square root of the sum of squares, column by column, for Euclidean).
   *
   * @param x rows, row-major (not copied, not modified)
   * @param n rows
   * @param dim columns
   * @param metric the metric
   * @return the dissimilarity
   */
  public static Dissimilarity rows(double[] x, int n, int dim, Metric metric) {
    switch (metric) {
      case EUCLIDEAN:
        return new Euclidean(x, n, dim);
      case MANHATTAN:
        return new Manhattan(x, n, dim);
      default:
        return new Chebyshev(x, n, dim);
    }
  }

  /**
   * @param m a checked square matrix, row-major {@code n x n}, at most {@code 2^31 - 9} values (not copied, not
   *     modified)
   * @param n objects
   * @return the dissimilarity {@code d(o, c) = m[o n + c]}
   */
  public static Dissimilarity matrix(double[] m, int n) {
    return new Matrix(m, n);
  }

  private abstract static class Rows extends Dissimilarity {
    final double[] x;
    final int dim;

    Rows(double[] x, int n, int dim) {
      super(n);
      this.x = x;
      this.dim = dim;
    }

    @Override
    final void row(int c, double[] out, int from, int to) {
      for (int o = from; o < to; o++) {
        out[o] = d(o, c);
      }
    }
  }

  private static final class Euclidean extends Rows {
    Euclidean(double[] x, int n, int dim) {
      super(x, n, dim);
    }

    @Override
    double d(int o, int c) {
      int a = o * dim;
      int b = c * dim;
      double s = 0;
      for (int t = 0; t < dim; t++) {
        double g = x[a + t] - x[b + t];
        s += g * g;
      }
      return Math.sqrt(s);
    }
  }

  private static final class Manhattan extends Rows {
    Manhattan(double[] x, int n, int dim) {
      super(x, n, dim);
    }

    @Override
    double d(int o, int c) {
      int a = o * dim;
      int b = c * dim;
      double s = 0;
      for (int t = 0; t < dim; t++) {
        s += Math.abs(x[a + t] - x[b + t]);
      }
      return s;
    }
  }

  private static final class Chebyshev extends Rows {
    Chebyshev(double[] x, int n, int dim) {
      super(x, n, dim);
    }

    @Override
    double d(int o, int c) {
      int a = o * dim;
      int b = c * dim;
      double s = 0;
      for (int t = 0; t < dim; t++) {
        s = Math.max(s, Math.abs(x[a + t] - x[b + t]));
      }
      return s;
    }
  }

  private static final class Matrix extends Dissimilarity {
    final double[] m;

    Matrix(double[] m, int n) {
      super(n);
      this.m = m;
    }

    @Override
    double d(int o, int c) {
      return m[o * n + c];
    }

    @Override
    void row(int c, double[] out, int from, int to) {
      for (int o = from; o < to; o++) {
        out[o] = m[o * n + c];
      }
    }
  }
}
