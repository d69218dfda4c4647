package io.github.clusterkit.eval.internal;

/**
 * The computation behind {@code Dbcv}: all-points core distances, mutual-reachability spanning trees, density
 * sparseness and separation, for clusters given as lists of rows in a stated order. The order only breaks ties
 * between spanning-tree edges of equal weight (edge keys: weight, then the lower, then the higher position of the
 * two end points in their cluster's list); {@code Dbcv} passes each cluster sorted by coordinates, which makes the
 * index independent of the row order. Memory {@code O(m d)} for {@code m} listed rows (a packed copy of them),
 * never {@code O(m^2)}.
 */
public final class DbcvKernel {

  private DbcvKernel() {}

  /**
   * The validity {@code V(C)} of each cluster.
   *
   * @param x row-major values, {@code d} per row (not modified)
   * @param d number of columns, at least 1
   * @param rows the clusters' rows, cluster after cluster, each cluster in its tie-breaking order
   * @param start cluster {@code c} is {@code rows[start[c]..start[c+1])}; at least 2 clusters, each of at least
   *     2 rows
   * @return {@code V(C)} per cluster, in {@code [-1, 1]}
   * @throws IllegalStateException with {@link Parallel#INTERRUPTED} if the calling thread is interrupted
   */
  public static double[] validity(double[] x, int d, int[] rows, int[] start) {
    int k = start.length - 1;
    int m = rows.length;
    double[] p = new double[m * d]; // the listed rows packed in list order, for locality
    for (int q = 0; q < m; q++) {
      System.arraycopy(x, rows[q] * d, p, q * d, d);
    }
    double[] core = new double[m];
    int largest = 0;
    for (int c = 0; c < k; c++) {
      coreDistances(p, d, start[c], start[c + 1], core);
      largest = Math.max(largest, start[c + 1] - start[c]);
    }
    boolean[] internal = new boolean[m];
    double[] sparseness = new double[k];
    Tree tree = new Tree(largest);
    for (int c = 0; c < k; c++) {
      sparseness[c] = tree.sparseness(p, d, core, start[c], start[c + 1], internal);
    }
    double[] separation = separation(p, d, core, start, internal);
    double[] v = new double[k];
    for (int c = 0; c < k; c++) {
      double big = Math.max(separation[c], sparseness[c]);
      v[c] = big == 0 ? 0 : (separation[c] - sparseness[c]) / big;
    }
    return v;
  }

  /**
   * Core distances of the packed rows {@code from..to} (one cluster): {@code (mean of dist^-d)^(-1/d)} over the
   * other rows of the cluster, accumulated relative to the smallest distance seen so far, so that no power
   * overflows or underflows to a wrong result for any {@code d}: with {@code s} the smallest squared distance, the
   * sum holds {@code sum (s / sq_j)^(d/2)}, whose terms are at most 1 and one of which is 1. A copy of the row
   * (distance 0) gives 0, the limit of the formula.
   */
  static void coreDistances(double[] p, int d, int from, int to, double[] core) {
    int others = to - from - 1;
    double inv = -1.0 / d;
    for (int i = from; i < to; i++) {
      checkInterrupt();
      int oi = i * d;
      double smallest = Double.POSITIVE_INFINITY;
      double sum = 0;
      for (int j = from; j < to; j++) {
        if (j == i) {
          continue;
        }
        double sq = squared(p, oi, j * d, d);
        if (sq == 0) {
          smallest = 0;
          break;
        }
        if (sq < smallest) {
          sum = smallest == Double.POSITIVE_INFINITY ? 1 : sum * halfPower(sq / smallest, d) + 1;
          smallest = sq;
        } else {
          sum += halfPower(smallest / sq, d);
        }
      }
      core[i] = smallest == 0 ? 0 : Math.sqrt(smallest) * Math.pow(sum / others, inv);
    }
  }

  /** {@code q^(d/2)} for {@code 0 <= q <= 1}, by repeated squaring (exact for {@code q = 1}). */
  static double halfPower(double q, int d) {
    double r = (d & 1) != 0 ? Math.sqrt(q) : 1.0;
    double b = q;
    for (int e = d >> 1; e > 0; e >>= 1) {
      if ((e & 1) != 0) {
        r *= b;
      }
      b *= b;
    }
    return r;
  }

  static double squared(double[] p, int a, int b, int d) {
    double s = 0;
    for (int t = 0; t < d; t++) {
      double g = p[a + t] - p[b + t];
      s += g * g;
    }
    return s;
  }

  /** Smallest mutual reachability between internal rows of different clusters, per cluster. */
  static double[] separation(double[] p, int d, double[] core, int[] start, boolean[] internal) {
    int k = start.length - 1;
    double[] best = new double[k];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (int c = 0; c < k; c++) {
      for (int i = start[c]; i < start[c + 1]; i++) {
        if (!internal[i]) {
          continue;
        }
        checkInterrupt();
        int oi = i * d;
        double ci = core[i];
        for (int e = c + 1; e < k; e++) {
          for (int j = start[e]; j < start[e + 1]; j++) {
            if (!internal[j]) {
              continue;
            }
            double w = Math.max(Math.max(ci, core[j]), Math.sqrt(squared(p, oi, j * d, d)));
            if (w < best[c]) {
              best[c] = w;
            }
            if (w < best[e]) {
              best[e] = w;
            }
          }
        }
      }
    }
    return best;
  }

  /** Prim's algorithm on one cluster's mutual reachability graph, with reusable arrays of the largest size. */
  static final class Tree {
    private final boolean[] in;
    private final double[] key;
    private final int[] from;
    private final int[] degree;

    Tree(int size) {
      in = new boolean[size];
      key = new double[size];
      from = new int[size];
      degree = new int[size];
    }

    /**
     * Builds the minimum spanning tree of rows {@code lo..hi} under the edge order (weight, lower position,
     * higher position), a strict total order, so the tree is the one minimum tree under it; marks the cluster's
     * internal rows (tree degree at least 2; both rows of a cluster of two).
     *
     * @return the density sparseness: the largest edge joining two internal rows, or the largest edge if none
     */
    double sparseness(double[] p, int d, double[] core, int lo, int hi, boolean[] internal) {
      int n = hi - lo;
      java.util.Arrays.fill(in, 0, n, false);
      java.util.Arrays.fill(key, 0, n, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(from, 0, n, -1);
      java.util.Arrays.fill(degree, 0, n, 0);
      int current = 0;
      in[0] = true;
      for (int step = 1; step < n; step++) {
        checkInterrupt();
        int oc = (lo + current) * d;
        double cc = core[lo + current];
        int next = -1;
        for (int v = 0; v < n; v++) {
          if (in[v]) {
            continue;
          }
          double w = Math.max(Math.max(cc, core[lo + v]), Math.sqrt(squared(p, oc, (lo + v) * d, d)));
          if (before(w, current, v, key[v], from[v], v)) {
            key[v] = w;
            from[v] = current;
          }
          if (next < 0 || before(key[v], from[v], v, key[next], from[next], next)) {
            next = v;
          }
        }
        in[next] = true;
        degree[next]++;
        degree[from[next]]++;
        current = next;
      }
      double all = 0;
      double inner = -1;
      for (int v = 1; v < n; v++) {
        // every row but the first joined the tree by the edge (v, from[v]) of weight key[v]
        all = Math.max(all, key[v]);
        if (degree[v] >= 2 && degree[from[v]] >= 2) {
          inner = Math.max(inner, key[v]);
        }
      }
      for (int v = 0; v < n; v++) {
        internal[lo + v] = n == 2 || degree[v] >= 2;
      }
      return inner >= 0 ? inner : all;
    }

    /** Whether edge (a1, b1) of weight w1 comes before edge (a2, b2) of weight w2; a2 = -1 means no edge yet. */
    private static boolean before(double w1, int a1, int b1, double w2, int a2, int b2) {
      if (a2 < 0) {
        return true;
      }
      if (w1 != w2) {
        return w1 < w2;
      }
      int l1 = Math.min(a1, b1);
      int l2 = Math.min(a2, b2);
      if (l1 != l2) {
        return l1 < l2;
      }
      return Math.max(a1, b1) < Math.max(a2, b2);
    }
  }

  /**
   * Sorts {@code rows[from..to)} by their values in {@code x}, compared column by column (stable: equal rows keep
   * their order), a merge sort with a buffer of {@code to - from} entries.
   *
   * @param x row-major values, {@code d} per row
   * @param d number of columns
   * @param rows row indices, sorted in place in the range
   * @param from first index of the range
   * @param to one past the last
   */
  public static void sortByCoordinates(double[] x, int d, int[] rows, int from, int to) {
    int n = to - from;
    int[] a = java.util.Arrays.copyOfRange(rows, from, to);
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        for (int q = lo; q < hi; q++) {
          if (i < mid && (j >= hi || compareRows(x, d, a[i], a[j]) <= 0)) {
            b[q] = a[i++];
          } else {
            b[q] = a[j++];
          }
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    System.arraycopy(a, 0, rows, from, n);
  }

  private static int compareRows(double[] x, int d, int r, int s) {
    int or = r * d;
    int os = s * d;
    for (int t = 0; t < d; t++) {
      double u = x[or + t];
      double v = x[os + t];
      if (u < v) {
        return -1;
      }
      if (u > v) {
        return 1;
      }
    }
    return 0;
  }

  private static void checkInterrupt() {
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException(Parallel.INTERRUPTED);
    }
  }
}
