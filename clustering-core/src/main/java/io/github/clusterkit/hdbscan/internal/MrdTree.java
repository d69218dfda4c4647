package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.KdSplit;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;

/**
 * The implicit k-d tree of HDBSCAN*'s two searches: the k-th nearest distance of every row (core distances) and,
 * for Boruvka's rounds, the nearest row of another component under the mutual reachability distance. Built as the
 * neighbour package's {@code KdTree} (heap-numbered nodes over a permutation, median splits by {@link KdSplit},
 * tight boxes, leaves of identical points sorted by row, no recursion), with what these searches need besides: the
 * smallest core distance per node (built once the cores are known) and the component of each node (rebuilt every
 * round). Everything is indexed by <em>position</em> in the permutation, so leaf scans read memory in order. Not
 * thread-safe while {@link #components} or {@link #cores} runs; the queries only read.
 */
final class MrdTree {

  static final int LEAF_SIZE = 16;
  /**
   * The k-nearest searches scan a node of at most this many rows whole instead of descending into it: at 10 columns,
   * where little is pruned below that size, the visits of small nodes cost more than their rows' distances.
   */
  static final int SCAN_SIZE = 64;

  static final int LEAF = -1;
  /** A leaf whose points are all identical, sorted by row index. */
  static final int POINT_LEAF = -2;
  static final int UNUSED = -3;
  /** Number of chunks of one level's nodes, at most (fixed, so chunks do not depend on the thread count). */
  private static final int LEVEL_CHUNKS = 64;

  final int n;
  final int d;
  final Metric metric;
  final boolean euclidean;
  /** The rows reordered by {@link #perm}. */
  final double[] xs;
  /** The row at each position. */
  final int[] perm;
  final int[] range;
  final int[] split;
  final double[] splitValue;
  final double[] box;
  /** The smallest row index in each node. */
  final int[] minRow;
  /**
   * Whether the row at a position is identical to the one before it (both in one leaf of identical points, which
   * lists them by row): it has the same core distance, and within one component its lightest edge out never comes
   * before the earlier row's (same weight, larger pair of rows), so the searches of copies are run once.
   */
  final boolean[] copyOfPrevious;
  /** The smallest reduced core distance in each node (after {@link #cores}). */
  double[] minCore;
  /** The component shared by all the rows of a node, or -1 (after {@link #components}). */
  int[] nodeComp;

  /**
   * @param x row-major values (not modified)
   * @param n rows, {@code >= 1}
   * @param d columns
   * @param metric the metric
   * @param runner the threads of the build
   */
  MrdTree(double[] x, int n, int d, Metric metric, ChunkRunner runner) {
    this.n = n;
    this.d = d;
    this.metric = metric;
    this.euclidean = metric == Metric.EUCLIDEAN;
    int depth = 0;
    for (long s = n; s > LEAF_SIZE; s = (s + 1) / 2) {
      depth++;
    }
    int m = (int) ((1L << (depth + 1)) - 1);
    this.xs = x.clone();
    this.perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    this.range = new int[2 * m];
    this.split = new int[m];
    this.splitValue = new double[m];
    this.box = new double[(long) m * 2 * d > Integer.MAX_VALUE - 8 ? 0 : m * 2 * d];
    if (box.length != m * 2 * d) {
      throw new IllegalArgumentException("data too large for the tree's boxes: n = " + n + ", d = " + d);
    }
    this.minRow = new int[m];
    this.copyOfPrevious = new boolean[n];
    build(runner);
    for (int b = m - 1; b >= 0; b--) {
      int kind = split[b];
      if (kind >= 0) {
        minRow[b] = Math.min(minRow[2 * b + 1], minRow[2 * b + 2]);
      } else if (kind != UNUSED) {
        int min = Integer.MAX_VALUE;
        for (int p = range[2 * b]; p < range[2 * b + 1]; p++) {
          min = Math.min(min, perm[p]);
        }
        minRow[b] = min;
      }
    }
  }

  /**
   * Splits the nodes level by level (as DBSCAN's tree): the nodes of one level cover disjoint ranges, so they split
   * independently, in up to {@link #LEVEL_CHUNKS} chunks of consecutive nodes, and the tree is the same for any number
   * of threads.
   */
  private void build(ChunkRunner runner) {
    int m = split.length;
    Arrays.fill(split, UNUSED);
    range[0] = 0;
    range[1] = n;
    split[0] = LEAF;
    for (int first = 0; first < m; first = 2 * first + 1) {
      int count = first + 1;
      int from = first;
      int chunks = Math.min(count, LEVEL_CHUNKS);
      runner.run(chunks, c -> {
        double[][] scratch = KdSplit.scratch(d);
        int end = from + (int) ((long) count * (c + 1) / chunks);
        for (int b = from + (int) ((long) count * c / chunks); b < end; b++) {
          if (split[b] != UNUSED) {
            splitNode(b, m, scratch);
          }
        }
      });
    }
  }

  private void splitNode(int b, int m, double[][] scratch) {
    int lo = range[2 * b];
    int hi = range[2 * b + 1];
    int dim = KdSplit.box(xs, d, lo, hi, box, b * 2 * d, scratch);
    if (dim < 0) {
      // identical points (equal as numbers; at most the sign of a zero differs, which changes no distance): in row
      // order, so that a scan can stop at its first candidate, and a leaf whatever their number
      split[b] = POINT_LEAF;
      Arrays.sort(perm, lo, hi);
      for (int p = lo + 1; p < hi; p++) {
        copyOfPrevious[p] = true;
      }
      return;
    }
    int c = 2 * b + 1;
    if (hi - lo <= LEAF_SIZE || c + 1 >= m) {
      split[b] = LEAF;
      return;
    }
    int mid = lo + ((hi - lo) >>> 1);
    KdSplit.select(xs, perm, d, lo, hi - 1, mid, dim);
    split[b] = dim;
    splitValue[b] = xs[mid * d + dim];
    range[2 * c] = lo;
    range[2 * c + 1] = mid;
    split[c] = LEAF;
    range[2 * c + 2] = mid;
    range[2 * c + 3] = hi;
    split[c + 1] = LEAF;
  }

  /** Records the smallest reduced core distance of every node, given them by position. */
  void cores(double[] coreAt) {
    int m = split.length;
    double[] mc = new double[m];
    for (int b = m - 1; b >= 0; b--) {
      int kind = split[b];
      if (kind >= 0) {
        mc[b] = Math.min(mc[2 * b + 1], mc[2 * b + 2]);
      } else if (kind != UNUSED) {
        double min = Double.POSITIVE_INFINITY;
        for (int p = range[2 * b]; p < range[2 * b + 1]; p++) {
          min = Math.min(min, coreAt[p]);
        }
        mc[b] = min;
      }
    }
    minCore = mc;
  }

  /** Records the component of every node whose rows all share one, -1 for the others, given them by position. */
  void components(int[] compAt) {
    int m = split.length;
    int[] nc = nodeComp == null ? new int[m] : nodeComp;
    for (int b = m - 1; b >= 0; b--) {
      int kind = split[b];
      if (kind >= 0) {
        int l = nc[2 * b + 1];
        nc[b] = l == nc[2 * b + 2] ? l : -1;
      } else if (kind != UNUSED) {
        int lo = range[2 * b];
        int hi = range[2 * b + 1];
        int c = compAt[lo];
        for (int p = lo + 1; p < hi; p++) {
          if (compAt[p] != c) {
            c = -1;
            break;
          }
        }
        nc[b] = c;
      }
    }
    nodeComp = nc;
  }

  /**
   * The smallest reduced distance from a query to node {@code b}'s box, never above the reduced distance to any of
   * its rows, bit for bit (the argument of {@code KdTree}'s bounds: gaps from the nearer face, accumulated in the
   * same order as {@link Metric#reducedDistance}, and rounding is monotone).
   */
  double minDist(int b, double[] q, int qo) {
    int bo = b * 2 * d;
    double s = 0;
    if (euclidean) {
      for (int j = 0; j < d; j++) {
        double v = q[qo + j];
        double lo = box[bo + 2 * j];
        double hi = box[bo + 2 * j + 1];
        double g = v < lo ? lo - v : (v > hi ? v - hi : 0);
        s += g * g;
      }
    } else {
      Metric mt = metric;
      for (int j = 0; j < d; j++) {
        double v = q[qo + j];
        double lo = box[bo + 2 * j];
        double hi = box[bo + 2 * j + 1];
        double g = v < lo ? lo - v : (v > hi ? v - hi : 0);
        s = mt.accumulate(s, g);
      }
    }
    return s;
  }

  /**
   * The smallest reduced distance between the boxes of nodes {@code a} and {@code b}, never above the reduced distance
   * between a row of one and a row of the other, bit for bit (as {@link #minDist}: each gap is at most the rows'
   * difference in that column, rounding is monotone, and the gaps are accumulated in column order).
   */
  double boxDist(int a, int b) {
    int ao = a * 2 * d;
    int bo = b * 2 * d;
    double[] bx = box;
    double s = 0;
    if (euclidean) {
      for (int j = 0; j < d; j++) {
        double alo = bx[ao + 2 * j];
        double ahi = bx[ao + 2 * j + 1];
        double blo = bx[bo + 2 * j];
        double bhi = bx[bo + 2 * j + 1];
        double g = blo > ahi ? blo - ahi : (alo > bhi ? alo - bhi : 0);
        s += g * g;
      }
    } else {
      Metric mt = metric;
      for (int j = 0; j < d; j++) {
        double alo = bx[ao + 2 * j];
        double ahi = bx[ao + 2 * j + 1];
        double blo = bx[bo + 2 * j];
        double bhi = bx[bo + 2 * j + 1];
        double g = blo > ahi ? blo - ahi : (alo > bhi ? alo - bhi : 0);
        s = mt.accumulate(s, g);
      }
    }
    return s;
  }

  /** The reduced distance between positions {@code p} and {@code t}, as {@link Metric#reducedDistance}. */
  double dist(int p, int t) {
    double[] x = xs;
    int d = this.d;
    if (euclidean) {
      int po = p * d;
      int to = t * d;
      if (d == 2) {
        double t0 = x[po] - x[to];
        double t1 = x[po + 1] - x[to + 1];
        return t0 * t0 + t1 * t1; // (0 + t0 * t0) + t1 * t1 exactly
      }
      double s = 0;
      for (int j = 0; j < d; j++) {
        double g = x[po + j] - x[to + j];
        s += g * g;
      }
      return s;
    }
    return metric.reducedDistance(x, p * d, x, t * d, d);
  }

  /**
   * The k-th smallest reduced distance from position {@code p} to all rows, itself included (so 0 for
   * {@code k = 1}). Depth first, nearer child first; a node no nearer than the current k-th distance is skipped
   * (its rows cannot lower it); a leaf of identical points is one distance, entered as often as it can lower it.
   *
   * @param heap scratch of at least {@code k} values (a max-heap)
   */
  double kth(int p, int k, double[] heap) {
    if (k == 1) {
      return 0;
    }
    double[] q = xs;
    int qo = p * d;
    int size = 0;
    int b = 0;
    descend:
    while (true) {
      if (size < k || minDist(b, q, qo) < heap[0]) {
        int kind = split[b];
        int lo = range[2 * b];
        int hi = range[2 * b + 1];
        if (kind >= 0) {
          if (hi - lo > SCAN_SIZE) {
            b = q[qo + kind] < splitValue[b] ? 2 * b + 1 : 2 * b + 2;
            continue;
          }
          kind = LEAF; // scanned whole: its rows one by one
        }
        if (kind == POINT_LEAF) {
          double s = dist(p, lo);
          for (int c = hi - lo; c > 0 && (size < k || s < heap[0]); c--) {
            size = push(heap, size, k, s);
          }
        } else {
          for (int t = lo; t < hi; t++) {
            double s = dist(p, t);
            if (size < k || s < heap[0]) {
              size = push(heap, size, k, s);
            }
          }
        }
        if (size == k && heap[0] == 0) {
          return 0;
        }
      }
      while (b > 0) {
        int par = (b - 1) >> 1;
        int near = q[qo + split[par]] < splitValue[par] ? 2 * par + 1 : 2 * par + 2;
        if (b == near) {
          b = (b & 1) == 1 ? b + 1 : b - 1;
          continue descend;
        }
        b = par;
      }
      break;
    }
    return heap[0];
  }

  /**
   * As {@link #kth}, also listing the positions of the {@code k} nearest rows (a max-heap by distance, in
   * {@code idx[off, off + k)}) and the least reduced distance of what the search left out: of a row not listed (not
   * entered or pushed out), or of a node not visited. Every row nearer than that value is listed; 0 when the search
   * stopped at a k-th distance of 0 (unvisited copies may remain).
   *
   * @param heap scratch of at least {@code k} values
   * @param idx receives the positions
   * @param off where they go in {@code idx}
   * @param tie receives the least distance left out at index {@code p}
   * @return the k-th smallest reduced distance, {@code k >= 2}
   */
  double kthList(int p, int k, double[] heap, int[] idx, int off, double[] tie) {
    double[] q = xs;
    int qo = p * d;
    int size = 0;
    double left = Double.POSITIVE_INFINITY;
    int b = 0;
    descend:
    while (true) {
      boolean enter = size < k;
      if (!enter) {
        double md = minDist(b, q, qo);
        enter = md < heap[0];
        if (!enter) {
          left = Math.min(left, md);
        }
      }
      if (enter) {
        int kind = split[b];
        int lo = range[2 * b];
        int hi = range[2 * b + 1];
        if (kind >= 0) {
          if (hi - lo > SCAN_SIZE) {
            b = q[qo + kind] < splitValue[b] ? 2 * b + 1 : 2 * b + 2;
            continue;
          }
          kind = LEAF; // scanned whole: its rows one by one
        }
        if (kind == POINT_LEAF) {
          double s = dist(p, lo);
          int u = lo;
          for (; u < hi && (size < k || s < heap[0]); u++) {
            if (size == k) {
              left = Math.min(left, heap[0]);
            }
            size = push(heap, idx, off, size, k, s, u);
          }
          if (u < hi) {
            left = Math.min(left, s);
          }
        } else {
          for (int u = lo; u < hi; u++) {
            double s = dist(p, u);
            if (size < k) {
              size = push(heap, idx, off, size, k, s, u);
            } else if (s < heap[0]) {
              left = Math.min(left, heap[0]);
              size = push(heap, idx, off, size, k, s, u);
            } else {
              left = Math.min(left, s);
            }
          }
        }
        if (size == k && heap[0] == 0) {
          tie[p] = 0;
          return 0;
        }
      }
      while (b > 0) {
        int par = (b - 1) >> 1;
        int near = q[qo + split[par]] < splitValue[par] ? 2 * par + 1 : 2 * par + 2;
        if (b == near) {
          b = (b & 1) == 1 ? b + 1 : b - 1;
          continue descend;
        }
        b = par;
      }
      break;
    }
    tie[p] = left;
    return heap[0];
  }

  /** As {@link #push(double[], int, int, double)}, moving positions {@code idx[off + i]} with the values. */
  private static int push(double[] heap, int[] idx, int off, int size, int k, double s, int pos) {
    if (size < k) {
      int c = size++;
      while (c > 0) {
        int par = (c - 1) >> 1;
        if (heap[par] >= s) {
          break;
        }
        heap[c] = heap[par];
        idx[off + c] = idx[off + par];
        c = par;
      }
      heap[c] = s;
      idx[off + c] = pos;
      return size;
    }
    int c = 0;
    while (true) {
      int l = 2 * c + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int big = r < size && heap[r] > heap[l] ? r : l;
      if (heap[big] <= s) {
        break;
      }
      heap[c] = heap[big];
      idx[off + c] = idx[off + big];
      c = big;
    }
    heap[c] = s;
    idx[off + c] = pos;
    return size;
  }

  /** Adds {@code s} to a max-heap of at most {@code k} values (replacing the largest when full); returns its size. */
  private static int push(double[] heap, int size, int k, double s) {
    if (size < k) {
      int c = size++;
      while (c > 0) {
        int par = (c - 1) >> 1;
        if (heap[par] >= s) {
          break;
        }
        heap[c] = heap[par];
        c = par;
      }
      heap[c] = s;
      return size;
    }
    int c = 0;
    while (true) {
      int l = 2 * c + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int big = r < size && heap[r] > heap[l] ? r : l;
      if (heap[big] <= s) {
        break;
      }
      heap[c] = heap[big];
      c = big;
    }
    heap[c] = s;
    return size;
  }
}
