package io.github.clusterkit.outlier.internal;

import io.github.clusterkit.internal.Rng;

/**
 * Grows one isolation tree as scikit-learn 1.2.1 grows an {@code ExtraTreeRegressor(max_features=1,
 * splitter="random")} for {@code IsolationForest}: the subsample (drawn without replacement, Floyd's algorithm),
 * then nodes depth-first, left subtree first, numbered in that order. A node is a leaf at the depth limit, with one
 * row, or when every feature is constant on its rows; otherwise a feature is drawn uniformly among those not
 * constant on the node's rows (scikit-learn's rejection loop: draw among the features not yet known to be constant,
 * and when the drawn one is constant here, remember it for the node's subtree and draw again), and the threshold
 * {@code min + (max - min) u} with {@code u} uniform in {@code [0, 1)} ({@code min (1 - u) + max u} where
 * {@code max - min} overflows), replaced by {@code min} if it rounds to {@code max} or above; rows with a value
 * {@code <= threshold} go left, so both sides are never empty. A feature counts as constant when {@code max > min}
 * fails (scikit-learn's test is {@code max <= min + 1e-7}, see the public class). Reuses its buffers from tree to
 * tree: one grower per thread. Not API.
 */
final class TreeGrower {

  /** A grown tree in scikit-learn's arrays, {@code nodes} of them used. */
  static final class Tree {
    final int nodes;
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final int[] size;

    Tree(int nodes, int[] feature, double[] threshold, int[] left, int[] right, int[] size) {
      this.nodes = nodes;
      this.feature = feature;
      this.threshold = threshold;
      this.left = left;
      this.right = right;
      this.size = size;
    }
  }

  private final double[] x;
  private final int n;
  private final int d;
  private final int psi;
  private final int limit;
  private final int[] rows;
  private final int[] features;
  /** Open-addressing set of the sampled rows (Floyd's algorithm), -1 for empty; null when psi >= n / 4. */
  private final int[] table;
  private final int shift;
  /** Every row's index, for a partial Fisher-Yates shuffle when psi >= n / 4; else null. */
  private final int[] all;
  /** Stack of nodes to grow: start, end, depth, parent (-1 for the root), side (0 left, 1 right), constants. */
  private final int[] stack;
  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final int[] size;

  TreeGrower(double[] x, int n, int d, int psi) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.psi = psi;
    this.limit = Forest.depthLimit(psi);
    this.rows = new int[psi];
    this.features = new int[d];
    if ((long) psi * 4 >= n) {
      this.table = null;
      this.shift = 0;
      this.all = new int[n];
    } else {
      int cap = Integer.highestOneBit(psi) << 2;
      this.table = new int[cap];
      this.shift = Integer.numberOfLeadingZeros(cap) + 1;
      this.all = null;
    }
    this.stack = new int[6 * (limit + 2)];
    int maxNodes = 2 * psi - 1;
    feature = new int[maxNodes];
    threshold = new double[maxNodes];
    left = new int[maxNodes];
    right = new int[maxNodes];
    size = new int[maxNodes];
  }

  Tree grow(Rng rng) {
    sample(rng);
    for (int j = 0; j < d; j++) {
      features[j] = j;
    }
    int top = 0;
    push(top++, 0, psi, 0, -1, 0, 0);
    int nodes = 0;
    while (top > 0) {
      top--;
      int o = 6 * top;
      int start = stack[o];
      int end = stack[o + 1];
      int depth = stack[o + 2];
      int parent = stack[o + 3];
      int side = stack[o + 4];
      int known = stack[o + 5];
      int v = nodes++;
      if (parent >= 0) {
        if (side == 0) {
          left[parent] = v;
        } else {
          right[parent] = v;
        }
      }
      size[v] = end - start;
      feature[v] = Forest.LEAF_FEATURE;
      threshold[v] = Forest.LEAF_THRESHOLD;
      left[v] = Forest.NO_CHILD;
      right[v] = Forest.NO_CHILD;
      if (depth >= limit || end - start < 2) {
        continue;
      }
      int constants = split(rng, start, end, known, v);
      if (feature[v] < 0) {
        continue;
      }
      int f = feature[v];
      double thr = threshold[v];
      int lo = start;
      int hi = end;
      while (lo < hi) {
        if (x[rows[lo] * d + f] <= thr) {
          lo++;
        } else {
          hi--;
          int t = rows[lo];
          rows[lo] = rows[hi];
          rows[hi] = t;
        }
      }
      // right first, so that the left subtree is grown (and numbered) first
      push(top++, lo, end, depth + 1, v, 1, constants);
      push(top++, start, lo, depth + 1, v, 0, constants);
    }
    return new Tree(nodes, feature.clone(), threshold.clone(), left.clone(), right.clone(), size.clone());
  }

  private void push(int at, int start, int end, int depth, int parent, int side, int constants) {
    int o = 6 * at;
    stack[o] = start;
    stack[o + 1] = end;
    stack[o + 2] = depth;
    stack[o + 3] = parent;
    stack[o + 4] = side;
    stack[o + 5] = constants;
  }

  /**
   * scikit-learn's {@code RandomSplitter.node_split} with one feature to find: the first {@code known} entries of
   * {@code features} are constant on the node's rows (found so by ancestors). Sets the node's feature and threshold,
   * or leaves it a leaf when every feature is constant; returns the constants known to its children.
   */
  private int split(Rng rng, int start, int end, int known, int v) {
    int fi = d;
    int drawnConstants = 0;
    int foundConstants = 0;
    int totalConstants = known;
    while (fi > totalConstants) {
      int fj = drawnConstants + rng.nextInt(fi - foundConstants - drawnConstants);
      if (fj < known) {
        swap(drawnConstants, fj);
        drawnConstants++;
        continue;
      }
      fj += foundConstants;
      int f = features[fj];
      double min = x[rows[start] * d + f];
      double max = min;
      for (int p = start + 1; p < end; p++) {
        double value = x[rows[p] * d + f];
        if (value < min) {
          min = value;
        } else if (value > max) {
          max = value;
        }
      }
      if (!(max > min)) {
        swap(fj, totalConstants);
        foundConstants++;
        totalConstants++;
        continue;
      }
      fi--;
      swap(fi, fj);
      double u = rng.nextDouble();
      double range = max - min;
      // scikit-learn's rand_uniform; where max - min overflows (values of both signs near MAX_VALUE), weights instead
      double thr = range <= Double.MAX_VALUE ? range * u + min : min * (1 - u) + max * u;
      if (!(thr < max)) { // scikit-learn's thr == max; a value rounded above max would leave the right side empty
        thr = min;
      }
      feature[v] = f;
      threshold[v] = thr;
      return totalConstants;
    }
    return totalConstants;
  }

  private void swap(int a, int b) {
    int t = features[a];
    features[a] = features[b];
    features[b] = t;
  }

  /**
   * {@code psi} distinct rows of {@code n}, uniformly: all of them when {@code psi = n}, a partial Fisher-Yates
   * shuffle when {@code psi >= n / 4}, else Floyd's algorithm (time and memory {@code O(psi)}). The tree depends
   * only on the set drawn, not on its order.
   */
  private void sample(Rng rng) {
    if (psi == n) {
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
      return;
    }
    if (table == null) {
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      for (int k = 0; k < psi; k++) {
        int j = k + rng.nextInt(n - k);
        int t = all[j];
        all[j] = all[k];
        all[k] = t;
        rows[k] = t;
      }
      return;
    }
    java.util.Arrays.fill(table, -1);
    int mask = table.length - 1;
    int k = 0;
    for (int j = n - psi; j < n; j++) {
      int t = rng.nextInt(j + 1);
      int r = insert(t, mask) ? t : j;
      if (r == j) {
        insert(j, mask);
      }
      rows[k++] = r;
    }
  }

  /** Adds {@code value} to the set; false if it was there. */
  private boolean insert(int value, int mask) {
    int h = (value * 0x9E3779B9) >>> shift;
    while (table[h] != -1) {
      if (table[h] == value) {
        return false;
      }
      h = (h + 1) & mask;
    }
    table[h] = value;
    return true;
  }
}
