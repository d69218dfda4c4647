package io.github.clusterkit.kmeans.internal;

/**
 * Lloyd's assignment (Lloyd 1982, doi:10.1109/TIT.1982.1056489): a full scan of every centroid for every row,
 * O(n k d) per pass, no extra memory. The reference the accelerated kernels must reproduce.
 */
public final class LloydAssigner extends Assigner {

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  public LloydAssigner(double[] x, int n, int d, int k, double[] w) {
    super(x, n, d, k, w);
  }

  @Override
  public void reset() {}

  /** Whether this pass runs on the run's first centroids (the reference points, {@link #trackReference}). */
  private boolean first;

  @Override
  public void prepare(double[] centers, double[] shifts) {
    this.c = centers;
    this.first = shifts == null;
  }

  @Override
  public int assign(int from, int to, int[] labels, double[] sum, double[] wsum) {
    if (d == 2) {
      return assign2(from, to, labels, sum, wsum);
    }
    int changes = 0;
    double[] buf = distanceBuffer();
    final boolean known = first && ref != null && w == null && !moves;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      int a = nearest(xo, buf);
      int old = labels[i];
      if (old != a) {
        labels[i] = a;
        changes++;
      }
      if (sum != null) {
        if (known) {
          accumulateKnown(xo, a, buf[a], sum, wsum); // the first pass's distance to its centroid a is buf[a]
        } else {
          tally(i, xo, old, a, sum, wsum);
        }
      }
    }
    return changes;
  }

  /** The same computation as the general path (same expression order), unrolled for two dimensions. */
  private int assign2(int from, int to, int[] labels, double[] sum, double[] wsum) {
    final double[] px = x;
    final double[] cc = c;
    final int kk = k;
    final double[] ww = w;
    int changes = 0;
    for (int i = from; i < to; i++) {
      double x0 = px[2 * i];
      double x1 = px[2 * i + 1];
      double t0 = x0 - cc[0];
      double t1 = x1 - cc[1];
      double bd = t0 * t0 + t1 * t1;
      int a = 0;
      for (int j = 1; j < kk; j++) {
        double u0 = x0 - cc[2 * j];
        double u1 = x1 - cc[2 * j + 1];
        double dj = u0 * u0 + u1 * u1;
        // No branch (which centroid wins is unpredictable): an int select and Math.min, a branch-free
        // intrinsic with the same value here (no NaN, never -0.0).
        a = dj < bd ? j : a;
        bd = Math.min(bd, dj);
      }
      int old = labels[i];
      if (old != a) {
        labels[i] = a;
        changes++;
      }
      if (sum != null && moves) {
        if (old != a) {
          move(i, 2 * i, old, a, sum, wsum);
        }
      } else if (sum != null) {
        if (ww == null) {
          sum[2 * a] += x0;
          sum[2 * a + 1] += x1;
          wsum[a] += 1;
          if (ref != null) {
            wsum[kk + a] += first ? bd : refSq(2 * i, a); // bd: the first pass runs on the reference points
          }
        } else {
          double wi = ww[i];
          sum[2 * a] += x0 * wi;
          sum[2 * a + 1] += x1 * wi;
          wsum[a] += wi;
        }
      }
    }
    return changes;
  }
}
