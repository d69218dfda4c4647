package io.github.clusterkit.kmedoids.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * The dissimilarities the k-medoids engine reads: computed on the fly from rows and a {@link Metric}, or looked up in
 * a precomputed matrix. {@code d(o, c)} and {@code row(c, ...)[o]} are the same number bit for bit, which the engine
 * relies on (a row computed for a candidate serves the update after its swap).
 *
 * <p><b>Reduced scale and filters.</b> FasterPAM and BUILD only need the dissimilarities of a candidate that fall
 * below a per-object bound (the second nearest medoid's, the nearest medoid's). {@link #within} computes each
 * object's dissimilarity on a <em>reduced</em> scale (the sum of squares for Euclidean: no square root; the distance
 * itself for the other metrics and a matrix), keeps the objects whose reduced value is at most a threshold from
 * {@link #threshold}, and takes the square root for those alone. The threshold is chosen so that an object left out
 * has a true dissimilarity at least the bound (see {@link #threshold}); an object kept gets the same double as
 * {@link #d}, because the reduced value is summed column by column in the same order. Not API.
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
   * The threshold on the reduced scale for a bound on the true scale: an object whose reduced dissimilarity exceeds
   * {@code threshold(b)} has a dissimilarity {@code >= b}. The identity for every metric but Euclidean, whose reduced
   * value is the sum of squares {@code s} and whose distance is {@code Math.sqrt(s)}: there it is the double
   * {@code t = b * b} (rounded to nearest). Proof that {@code s > t} implies {@code Math.sqrt(s) >= b}: let
   * {@code q} be the exact square of {@code b}. If {@code q <= t} then {@code s > q}. If {@code q > t}, then
   * {@code t} being the double nearest to {@code q} and below it, {@code q} lies strictly below the next double
   * {@code Math.nextUp(t)} (were it at or above, that double would be at least as near and the rounding would not
   * give {@code t}), and {@code s}, a double above {@code t}, is at least {@code Math.nextUp(t)}: again
   * {@code s > q}. So the exact square root of {@code s} exceeds {@code b}, and {@code Math.sqrt}, correctly rounded
   * and monotone, returns a double {@code >= b} since {@code b} is a double. This holds with subnormal results
   * (gradual underflow rounds to nearest too) and when {@code b * b} overflows ({@code t} infinite: nothing is left
   * out); {@code b} infinite gives an infinite threshold (nothing left out).
   *
   * @param bound a dissimilarity {@code >= 0}, or infinity
   * @return the threshold on the reduced scale
   */
  abstract double threshold(double bound);

  /**
   * The objects {@code o} in ascending order whose reduced dissimilarity to {@code c} is at most {@code thr[o]}:
   * their indices into {@code idx} and their dissimilarities {@code d(o, c)} (the same doubles) into {@code val}.
   * Every object left out has {@code d(o, c) >= b} where {@code thr[o] = threshold(b)}.
   *
   * @param c the fixed object (a candidate medoid)
   * @param thr per-object thresholds from {@link #threshold}
   * @param idx output: the objects kept, ascending ({@code n} capacity)
   * @param val output: their dissimilarities ({@code n} capacity)
   * @return the number of objects kept
   */
  abstract int within(int c, double[] thr, int[] idx, double[] val);

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
   * @param m a checked square matrix, exactly symmetric (read by rows or by columns), row-major {@code n x n}, at most
   *     {@code 2^31 - 9} values (not copied, not modified)
   * @param n objects
   * @return the dissimilarity {@code d(o, c) = m[o n + c]}
   */
  public static Dissimilarity matrix(double[] m, int n) {
    return new Matrix(m, n);
  }

  /**
   * Rows and a metric. {@link #within} works on a column-major copy of the rows ({@code n dim} doubles, made once):
   * one pass per column over all objects, adding that column's term to every object's running value, which the JIT
   * turns into vector instructions; each object's value still takes its terms in column order, from the same
   * differences, so it is the double {@link #d} computes. A pass over the objects then keeps those at or below their
   * threshold.
   */
  private abstract static class Rows extends Dissimilarity {
    final double[] x;
    final int dim;
    /** The rows column by column: {@code xt[t n + o] = x[o dim + t]}. */
    final double[] xt;

    Rows(double[] x, int n, int dim) {
      super(n);
      this.x = x;
      this.dim = dim;
      xt = new double[n * dim];
      for (int o = 0, a = 0; o < n; o++, a += dim) {
        for (int t = 0; t < dim; t++) {
          xt[t * n + o] = x[a + t];
        }
      }
    }

    /** Column by column as {@link #within}, then {@link #fromReduced}: the doubles {@link #d} computes. */
    @Override
    final void row(int c, double[] out, int from, int to) {
      reduced(c, out, from, to);
      for (int o = from; o < to; o++) {
        out[o] = fromReduced(out[o]);
      }
    }

    /** The identity: the reduced scale is the distance (Euclidean overrides). */
    @Override
    double threshold(double bound) {
      return bound;
    }

    /** The reduced dissimilarity of every object in {@code [from, to)} to {@code c} into {@code out}, by columns. */
    abstract void reduced(int c, double[] out, int from, int to);

    /** The true dissimilarity from the reduced one (the identity; Euclidean: the square root). */
    double fromReduced(double r) {
      return r;
    }

    @Override
    final int within(int c, double[] thr, int[] idx, double[] val) {
      reduced(c, val, 0, n);
      int m = 0;
      for (int o = 0; o < n; o++) {
        double r = val[o];
        if (r <= thr[o]) { // m <= o: compacting in place reads each value before it is overwritten
          idx[m] = o;
          val[m] = fromReduced(r);
          m++;
        }
      }
      return m;
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

    @Override
    double threshold(double bound) {
      return bound * bound;
    }

    @Override
    double fromReduced(double r) {
      return Math.sqrt(r);
    }

    /**
     * Two columns per pass (half the traffic on {@code out}), each object's squares still added one at a time in
     * column order; the first square stands for {@code 0 + g * g}: the same double (a square is {@code +0} or more).
     */
    @Override
    void reduced(int c, double[] out, int from, int to) {
      int b = c * dim;
      int t;
      if (dim == 1) {
        double c0 = x[b];
        for (int o = from; o < to; o++) {
          double g = xt[o] - c0;
          out[o] = g * g;
        }
        return;
      }
      double c0 = x[b];
      double c1 = x[b + 1];
      for (int o = from; o < to; o++) {
        double g = xt[o] - c0;
        double h = xt[n + o] - c1;
        out[o] = g * g + h * h;
      }
      for (t = 2; t + 1 < dim; t += 2) {
        int base = t * n;
        c0 = x[b + t];
        c1 = x[b + t + 1];
        for (int o = from; o < to; o++) {
          double g = xt[base + o] - c0;
          double h = xt[base + n + o] - c1;
          out[o] = out[o] + g * g + h * h;
        }
      }
      if (t < dim) {
        int base = t * n;
        c0 = x[b + t];
        for (int o = from; o < to; o++) {
          double g = xt[base + o] - c0;
          out[o] += g * g;
        }
      }
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

    /** The first column's term stands for {@code 0 + |g|}: the same double ({@code |g|} is {@code +0} or more). */
    @Override
    void reduced(int c, double[] out, int from, int to) {
      int b = c * dim;
      double ct = x[b];
      for (int o = from; o < to; o++) {
        out[o] = Math.abs(xt[o] - ct);
      }
      for (int t = 1; t < dim; t++) {
        int base = t * n;
        ct = x[b + t];
        for (int o = from; o < to; o++) {
          out[o] += Math.abs(xt[base + o] - ct);
        }
      }
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

    /** The first column's term stands for {@code max(0, |g|)}: the same double ({@code |g|} is {@code +0} or more). */
    @Override
    void reduced(int c, double[] out, int from, int to) {
      int b = c * dim;
      double ct = x[b];
      for (int o = from; o < to; o++) {
        out[o] = Math.abs(xt[o] - ct);
      }
      for (int t = 1; t < dim; t++) {
        int base = t * n;
        ct = x[b + t];
        for (int o = from; o < to; o++) {
          out[o] = Math.max(out[o], Math.abs(xt[base + o] - ct));
        }
      }
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

    @Override
    double threshold(double bound) {
      return bound;
    }

    /** Reads row {@code c} (contiguous) for column {@code c}: the same values, the matrix being exactly symmetric. */
    @Override
    int within(int c, double[] thr, int[] idx, double[] val) {
      int base = c * n;
      int k = 0;
      for (int o = 0; o < n; o++) {
        double v = m[base + o];
        if (v <= thr[o]) {
          idx[k] = o;
          val[k] = v;
          k++;
        }
      }
      return k;
    }
  }
}
