package io.github.clusterkit.hierarchical.internal;

/**
 * An order of the rows that keeps near points at near positions: the leaf order of a k-d tree split at
 * the median of the widest coordinate (deterministic quickselect), leaves of {@value #LEAF} rows. The
 * matrix chain stores its distances in this order so that the two clusters of a merge, usually close in
 * space, are usually close in the matrix too: each row then holds both of their entries on the same page
 * (one TLB miss instead of two per row in the update). The order changes where values are stored, never a
 * result: every tie is still decided on the original indices. Not API.
 */
public final class SpatialOrder {

  static final int LEAF = 16;

  private SpatialOrder() {}

  /**
   * @param v data, row-major (not modified)
   * @param n number of rows
   * @param d dimension
   * @return {@code order[s]}, the original row stored at position {@code s} (a permutation of 0..n-1)
   */
  public static int[] of(double[] v, int n, int d) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] key = new double[n];
    split(v, d, order, key, 0, n);
    return order;
  }

  private static void split(double[] v, int d, int[] order, double[] key, int lo, int hi) {
    while (hi - lo > LEAF) {
      int best = 0;
      double bestRange = -1;
      for (int c = 0; c < d; c++) {
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (int s = lo; s < hi; s++) {
          double x = v[order[s] * d + c];
          mn = Math.min(mn, x);
          mx = Math.max(mx, x);
        }
        if (mx - mn > bestRange) {
          bestRange = mx - mn;
          best = c;
        }
      }
      if (!(bestRange > 0)) {
        return; // all equal here
      }
      for (int s = lo; s < hi; s++) {
        key[s] = v[order[s] * d + best];
      }
      int mid = (lo + hi) >>> 1;
      select(order, key, lo, hi - 1, mid);
      split(v, d, order, key, lo, mid);
      lo = mid;
    }
  }

  /** Hoare quickselect with a median-of-three pivot: {@code key[k]} ends in its sorted place. */
  private static void select(int[] order, double[] key, int lo, int hi, int k) {
    while (hi > lo) {
      int m = (lo + hi) >>> 1;
      double a = key[lo];
      double b = key[m];
      double c = key[hi];
      double pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (key[i] < pivot) {
          i++;
        }
        while (key[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double tk = key[i];
          key[i] = key[j];
          key[j] = tk;
          int to = order[i];
          order[i] = order[j];
          order[j] = to;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }
}
