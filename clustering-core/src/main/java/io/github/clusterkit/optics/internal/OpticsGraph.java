package io.github.clusterkit.optics.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.Neighbors;

/**
 * The OPTICS cluster ordering (Ankerst, Breunig, Kriegel and Sander, SIGMOD 1999, doi:10.1145/304181.304187) with
 * scikit-learn 1.2.1's arithmetic and ties ({@code sklearn.cluster._optics.compute_optics_graph}):
 *
 * <ul>
 *   <li>core distance = distance to the {@code minSamples}-th nearest row, the row itself counted; {@code +inf}
 *       where it exceeds {@code maxEps}; then rounded to 15 decimals ({@link #round15});</li>
 *   <li>the next row is the unprocessed row of smallest reachability, ties (infinity included) to the smallest
 *       index; a row with a finite core distance updates each unprocessed row within {@code maxEps} to
 *       {@code round15(max(core, distance))} when that is strictly smaller, and becomes its predecessor.</li>
 * </ul>
 *
 * <p>Distances are computed as scikit-learn's KD-tree and SciPy's {@code cdist} compute them: a sequential sum over
 * the columns (of squares, then one square root, for Euclidean; of absolute gaps for Manhattan; the maximum for
 * Chebyshev). The smallest-reachability row is kept in an indexed binary heap ordered by (reachability, index),
 * which picks exactly the row scikit-learn's linear {@code argmin} picks; rows of infinite reachability are not in
 * the heap, and when it is empty the next row is the smallest unprocessed index, which is scikit-learn's choice too.
 * Core distances are computed in parallel in fixed chunks (each row on its own), the ordering sequentially, so the
 * result does not depend on the thread count.
 */
public final class OpticsGraph {

  /** Rows in visiting order. */
  public final int[] ordering;
  /** Core distance of each row, {@code +inf} where undefined. */
  public final double[] core;
  /** Reachability of each row, {@code +inf} for the first row of each component. */
  public final double[] reach;
  /** Predecessor of each row, {@code -1} where none. */
  public final int[] predecessor;

  /** The unrounded value each finite reach[o] was rounded from. */
  private final double[] raw;
  private final double[] x;
  private final int d;
  private final int scale;
  private final Metric metric;

  private OpticsGraph(double[] x, int n, int d, int scale, Metric metric) {
    this.x = x;
    this.d = d;
    this.scale = scale;
    this.metric = metric;
    ordering = new int[n];
    core = new double[n];
    reach = new double[n];
    raw = new double[n];
    predecessor = new int[n];
  }

  /**
   * numpy 1.24's {@code np.around(v, 15)} for a non-negative double: {@code rint(v * 1e15) / 1e15} (rint rounds half
   * to even, as Java's {@link Math#rint}); infinity stays infinity. Where {@code v * 1e15} overflows (v above about
   * {@code 1.8e293}) numpy returns infinity; this returns {@code v} unchanged instead, so huge finite distances stay
   * finite.
   *
   * @param v a distance
   * @return it rounded to 15 decimals
   */
  public static double round15(double v) {
    double y = v * 1e15;
    if (y == Double.POSITIVE_INFINITY) {
      return v;
    }
    return Math.rint(y) / 1e15;
  }

  /**
   * @param data the rows (not modified)
   * @param metric the distance
   * @param minSamples the neighbour whose distance is the core distance, the row counted, in {@code [2, n]}
   * @param maxEps the largest neighbourhood radius, {@code > 0}, possibly infinite
   * @param threads threads for the core distances, {@code >= 1}
   * @return the ordering, reachability, core distances and predecessors
   */
  public static OpticsGraph compute(Dataset data, Metric metric, int minSamples, double maxEps, int threads) {
    int n = data.size();
    int d = data.dimension();
    // Data beyond 2^201 or below 2^-200 in magnitude are measured after an exact power-of-two scaling (Scale), and
    // every distance is scaled back before it is rounded, so the values are those of the data's own units.
    int e = Scale.exponent(data);
    OpticsGraph g = new OpticsGraph(Scale.values(data, e), n, d, e, metric);
    KdTree tree = KdTree.build(data, metric);
    g.coreDistances(tree, minSamples, maxEps, threads);
    g.order(tree, maxEps);
    return g;
  }

  /** The distance of rows {@code i} and {@code j} in the data's units, before rounding. */
  private double dist(int i, int j) {
    double v = metric.fromReduced(metric.reducedDistance(x, i * d, x, j * d, d));
    return scale == 0 ? v : Math.scalb(v, scale);
  }

  private void coreDistances(KdTree tree, int k, double maxEps, int threads) {
    // every row's k nearest (itself included), the rows of one leaf sharing a walk of the tree: the lists of n single
    // knn queries, delivered once per row (each writes only its own core distance)
    tree.knnOfRows(k, threads, (p, nb) -> {
      // the k-th row may be any of several tied rows; their distances are equal, and recomputed here as the
      // reachabilities are, so that both come from the same arithmetic
      double v = dist(p, nb.index(k - 1));
      core[p] = v > maxEps ? Double.POSITIVE_INFINITY : round15(v);
    });
  }

  private void order(KdTree tree, double maxEps) {
    int n = core.length;
    java.util.Arrays.fill(reach, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(raw, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(predecessor, -1);
    boolean[] processed = new boolean[n];
    Heap heap = new Heap(reach, n);
    boolean all = maxEps == Double.POSITIVE_INFINITY;
    // with an infinite maxEps every unprocessed row is a neighbour: they are kept in a compact list in row order, so
    // the scan reads the data sequentially (each row's update is independent, and the heap's order depends on the
    // keys only, so the order of the scan does not matter for the result)
    int[] unproc = all ? new int[n] : null;
    int unprocCount = n;
    if (all) {
      for (int i = 0; i < n; i++) {
        unproc[i] = i;
      }
    }
    Neighbors nb = all ? null : new Neighbors();
    int nextSeed = 0;
    for (int t = 0; t < n; t++) {
      int p;
      if (heap.size > 0) {
        p = heap.pop();
      } else {
        while (processed[nextSeed]) {
          nextSeed++;
        }
        p = nextSeed;
      }
      processed[p] = true;
      ordering[t] = p;
      if (all) {
        int at = java.util.Arrays.binarySearch(unproc, 0, unprocCount, p);
        System.arraycopy(unproc, at + 1, unproc, at, unprocCount - at - 1);
        unprocCount--;
      }
      double cp = core[p];
      if (cp == Double.POSITIVE_INFINITY) {
        continue;
      }
      if (all) {
        for (int i = 0; i < unprocCount; i++) {
          relax(p, unproc[i], cp, heap);
        }
      } else {
        int m = tree.radius(p, maxEps, nb);
        for (int i = 0; i < m; i++) {
          int o = nb.index(i);
          if (!processed[o]) {
            relax(p, o, cp, heap);
          }
        }
      }
    }
  }

  private void relax(int p, int o, double cp, Heap heap) {
    double v = Math.max(dist(p, o), cp);
    // round15 is monotone, so a value not below the one reach[o] was rounded from cannot round below reach[o]:
    // only smaller values are rounded and compared (the same decisions, without most of the roundings)
    if (v < raw[o]) {
      double r = round15(v);
      if (r < reach[o]) {
        reach[o] = r;
        raw[o] = v;
        predecessor[o] = p;
        heap.decreased(o);
      }
    }
  }

  /** A binary min-heap of row indices keyed by (reachability, index), with decrease-key. */
  private static final class Heap {
    private final double[] key;
    private final int[] heap;
    private final int[] pos;
    int size;

    Heap(double[] key, int n) {
      this.key = key;
      this.heap = new int[n];
      this.pos = new int[n];
      java.util.Arrays.fill(pos, -1);
    }

    private boolean less(int a, int b) {
      double ka = key[a];
      double kb = key[b];
      return ka < kb || (ka == kb && a < b);
    }

    /** Row {@code o}'s key went down (or it was not yet in the heap). */
    void decreased(int o) {
      int i = pos[o];
      if (i < 0) {
        i = size++;
        heap[i] = o;
        pos[o] = i;
      }
      siftUp(i);
    }

    int pop() {
      int top = heap[0];
      pos[top] = -1;
      int last = heap[--size];
      if (size > 0) {
        heap[0] = last;
        pos[last] = 0;
        siftDown(0);
      }
      return top;
    }

    private void siftUp(int i) {
      int o = heap[i];
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        int q = heap[parent];
        if (!less(o, q)) {
          break;
        }
        heap[i] = q;
        pos[q] = i;
        i = parent;
      }
      heap[i] = o;
      pos[o] = i;
    }

    private void siftDown(int i) {
      int o = heap[i];
      int half = size >>> 1;
      while (i < half) {
        int c = 2 * i + 1;
        int r = c + 1;
        if (r < size && less(heap[r], heap[c])) {
          c = r;
        }
        if (!less(heap[c], o)) {
          break;
        }
        heap[i] = heap[c];
        pos[heap[i]] = i;
        i = c;
      }
      heap[i] = o;
      pos[o] = i;
    }
  }
}
