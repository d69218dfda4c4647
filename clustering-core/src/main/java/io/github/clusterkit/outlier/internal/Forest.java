package io.github.clusterkit.outlier.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;

/**
 * The trees of an isolation forest in flat arrays, pooled: tree {@code t} holds nodes {@code starts[t] ..
 * starts[t+1]-1}, its root first, the nodes of a tree in depth-first order (left subtree first), as scikit-learn's
 * {@code tree_} numbers them. Per node, in scikit-learn's encoding: {@code feature} ({@link #LEAF_FEATURE} for a
 * leaf), {@code threshold} ({@link #LEAF_THRESHOLD} for a leaf), {@code left}/{@code right} (indices within the tree,
 * {@code -1} for a leaf) and {@code size}, the rows of the tree's subsample that reached the node. A point goes left
 * when its value is {@code <= threshold}. Immutable after construction; arrays are taken over, not copied. Not API.
 */
public final class Forest {

  /** scikit-learn's {@code TREE_UNDEFINED} feature of a leaf. */
  public static final int LEAF_FEATURE = -2;
  /** scikit-learn's {@code TREE_UNDEFINED} threshold of a leaf. */
  public static final double LEAF_THRESHOLD = -2.0;
  /** scikit-learn's {@code TREE_LEAF} child of a leaf. */
  public static final int NO_CHILD = -1;
  /** Rows per chunk of a scoring pass: fixed, so chunks do not depend on the thread count. */
  static final int CHUNK = 1024;

  private final int d;
  private final int sampleSize;
  private final int[] starts;
  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final int[] size;
  /**
   * Per node: its feature, 0 for a leaf. With {@link #cut} and {@link #kids} a leaf is its own child, so a point
   * descends exactly {@link #steps} times in every tree with no test for leaves: a fixed number of steps without a
   * branch to mispredict, and several rows can descend side by side.
   */
  private final int[] split;
  /** Per node: its threshold, 0 for a leaf. */
  private final double[] cut;
  /** Descents per tree: the depth of the deepest leaf of the forest. */
  private final int steps;
  /** Per node {@code v}: the pooled indices of its left and right child at {@code 2v} and {@code 2v + 1}. */
  private final int[] kids;
  /** Per leaf: scikit-learn's {@code (nodes on the path + c(size)) - 1}, the path length. */
  private final double[] path;
  private final double denominator;

  /**
   * Takes over the arrays (already checked: {@link #check}).
   *
   * @param d the dimension
   * @param sampleSize the rows of every tree's subsample
   * @param starts tree boundaries, {@code trees + 1} values
   * @param feature per node
   * @param threshold per node
   * @param left per node, index within its tree
   * @param right per node, index within its tree
   * @param size per node
   */
  public Forest(int d, int sampleSize, int[] starts, int[] feature, double[] threshold, int[] left, int[] right,
      int[] size) {
    this.d = d;
    this.sampleSize = sampleSize;
    this.starts = starts;
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.size = size;
    int nodes = feature.length;
    split = new int[nodes];
    kids = new int[2 * nodes];
    cut = new double[nodes];
    path = new double[nodes];
    int trees = starts.length - 1;
    int[] depth = new int[nodes];
    int deepest = 0;
    for (int t = 0; t < trees; t++) {
      int base = starts[t];
      // parents come before their children (checked), so one pass in order sets every depth
      for (int v = base; v < starts[t + 1]; v++) {
        if (left[v] == NO_CHILD) {
          split[v] = 0;
          kids[2 * v] = v;
          kids[2 * v + 1] = v;
          deepest = Math.max(deepest, depth[v]);
          // scikit-learn: decision_path(X).sum(axis=1) + _average_path_length(n_samples_leaf) - 1.0
          path[v] = ((depth[v] + 1.0) + averagePathLength(size[v])) - 1.0;
        } else {
          split[v] = feature[v];
          cut[v] = threshold[v];
          kids[2 * v] = base + left[v];
          kids[2 * v + 1] = base + right[v];
          depth[base + left[v]] = depth[v] + 1;
          depth[base + right[v]] = depth[v] + 1;
        }
      }
    }
    steps = deepest;
    // scikit-learn: len(self.estimators_) * _average_path_length([self.max_samples_])
    denominator = trees * averagePathLength(sampleSize);
  }

  /**
   * scikit-learn's {@code _average_path_length}: {@code c(n) = 2 (ln(n - 1) + gamma) - 2 (n - 1) / n}, 0 for
   * {@code n <= 1}, 1 for {@code n = 2}; the mean path length of an unsuccessful search in a binary search tree of
   * {@code n} keys. {@link StrictMath#log}, so the value is the same on every JVM.
   *
   * @param n a number of rows
   * @return {@code c(n)}
   */
  public static double averagePathLength(long n) {
    if (n <= 1) {
      return 0.0;
    }
    if (n == 2) {
      return 1.0;
    }
    double m = n;
    return 2.0 * (StrictMath.log(m - 1.0) + 0.5772156649015329) - 2.0 * (m - 1.0) / m;
  }

  /**
   * The depth limit of a tree: {@code ceil(log2(max(sampleSize, 2)))}, scikit-learn's {@code max_depth}.
   *
   * @param sampleSize the subsample's rows, at least 1
   * @return the limit
   */
  public static int depthLimit(int sampleSize) {
    int s = Math.max(sampleSize, 2);
    return 32 - Integer.numberOfLeadingZeros(s - 1);
  }

  /** @return the number of trees */
  public int trees() {
    return starts.length - 1;
  }

  /** @return the sample size */
  public int sampleSize() {
    return sampleSize;
  }

  /** @return the tree boundaries (the array itself: read only) */
  public int[] starts() {
    return starts;
  }

  /** @return the features (read only) */
  public int[] feature() {
    return feature;
  }

  /** @return the thresholds (read only) */
  public double[] threshold() {
    return threshold;
  }

  /** @return the left children, within their trees (read only) */
  public int[] left() {
    return left;
  }

  /** @return the right children, within their trees (read only) */
  public int[] right() {
    return right;
  }

  /** @return the node sizes (read only) */
  public int[] size() {
    return size;
  }

  /**
   * The anomaly score of one point, {@code 2^(-E(h) / c(sampleSize))}, with scikit-learn's arithmetic: the path
   * lengths added tree after tree, then divided by {@code trees * c(sampleSize)}; when that is 0 (sample size 1)
   * scikit-learn's {@code np.divide(..., out=np.ones_like(depths), where=denominator != 0)} leaves 1, negated: the
   * score is {@code 2^-1 = 0.5}.
   *
   * @param x row-major values
   * @param off the point's offset in {@code x}
   * @return the score
   */
  public double score(double[] x, int off) {
    double sum = 0.0;
    int trees = starts.length - 1;
    for (int t = 0; t < trees; t++) {
      sum += leafPath(x, off, starts[t]);
    }
    return finish(sum);
  }

  private double finish(double sum) {
    if (denominator == 0) {
      return 0.5; // scikit-learn: 2 ** -(1), the division skipped
    }
    return StrictMath.pow(2.0, -(sum / denominator));
  }

  private double leafPath(double[] x, int off, int root) {
    int v = root;
    for (int s = 0; s < steps; s++) {
      // the side as an index rather than a branch: the way a point goes is as good as random
      v = kids[2 * v + (x[off + split[v]] <= cut[v] ? 0 : 1)];
    }
    return path[v];
  }

  /**
   * Scores rows; tree by tree over a chunk of rows (the trees stay in cache), each row's sum in tree order as
   * {@link #score(double[], int)}, so the two give the same values.
   *
   * @param x row-major values (not modified)
   * @param n rows
   * @param parallelism threads
   * @return one score per row
   */
  public double[] score(double[] x, int n, int parallelism) {
    double[] out = new double[n];
    int chunks = ChunkRunner.chunks(n, CHUNK);
    if (parallelism == 1 || chunks <= 1) {
      for (int c = 0; c < chunks; c++) {
        scoreChunk(x, c * CHUNK, Math.min(n, (c + 1) * CHUNK), out);
      }
      return out;
    }
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      runner.run(chunks, (int c) -> scoreChunk(x, c * CHUNK, (int) Math.min(n, (c + 1L) * CHUNK), out));
    }
    return out;
  }

  private void scoreChunk(double[] x, int from, int to, double[] out) {
    int trees = starts.length - 1;
    int[] sp = split;
    double[] ct = cut;
    int[] kd = kids;
    for (int t = 0; t < trees; t++) {
      int root = starts[t];
      int i = from;
      // four rows descend side by side: four independent chains of loads keep the core busy
      for (; i + 4 <= to; i += 4) {
        int o0 = i * d;
        int o1 = o0 + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        int v0 = root;
        int v1 = root;
        int v2 = root;
        int v3 = root;
        for (int s = 0; s < steps; s++) {
          v0 = kd[2 * v0 + (x[o0 + sp[v0]] <= ct[v0] ? 0 : 1)];
          v1 = kd[2 * v1 + (x[o1 + sp[v1]] <= ct[v1] ? 0 : 1)];
          v2 = kd[2 * v2 + (x[o2 + sp[v2]] <= ct[v2] ? 0 : 1)];
          v3 = kd[2 * v3 + (x[o3 + sp[v3]] <= ct[v3] ? 0 : 1)];
        }
        out[i] += path[v0];
        out[i + 1] += path[v1];
        out[i + 2] += path[v2];
        out[i + 3] += path[v3];
      }
      for (; i < to; i++) {
        out[i] += leafPath(x, i * d, root);
      }
    }
    for (int i = from; i < to; i++) {
      out[i] = finish(out[i]);
    }
  }

  /**
   * Checks trees read from a state: the message of the first broken rule, or null. Rules: at least one tree; tree
   * boundaries increasing from 0 to the number of nodes; every array one value per node; per tree, the root's size
   * is {@code sampleSize}; an inner node has a feature in {@code [0, d)}, a finite threshold and two children
   * within the tree and after it (so no cycle), each child with one parent, the two sizes adding to the node's;
   * a leaf has both children -1, feature -2 and threshold -2 (scikit-learn's encoding) and size {@code >= 1}; no
   * node deeper than {@link #depthLimit(int)}; every node reached from the root.
   *
   * @param d the dimension, at least 1
   * @param sampleSize at least 1
   * @param starts tree boundaries
   * @param feature per node
   * @param threshold per node
   * @param left per node
   * @param right per node
   * @param size per node
   * @return null if every rule holds, else the message
   */
  public static String check(int d, int sampleSize, int[] starts, int[] feature, double[] threshold, int[] left,
      int[] right, int[] size) {
    if (starts.length < 2) {
      return "treeStarts must hold trees + 1 values with at least one tree, got " + starts.length + " values";
    }
    int nodes = feature.length;
    if (threshold.length != nodes || left.length != nodes || right.length != nodes || size.length != nodes) {
      return "feature, threshold, left, right and size must hold one value per node, got lengths " + nodes + ", "
          + threshold.length + ", " + left.length + ", " + right.length + ", " + size.length;
    }
    if (starts[0] != 0) {
      return "treeStarts[0] must be 0, got " + starts[0];
    }
    if (starts[starts.length - 1] != nodes) {
      return "treeStarts' last value must be the number of nodes " + nodes + ", got " + starts[starts.length - 1];
    }
    // every boundary first, so that no tree reaches past the nodes
    for (int t = 0; t + 1 < starts.length; t++) {
      if (starts[t + 1] <= starts[t]) {
        return "treeStarts must increase (every tree has a node), got " + starts[t] + " then " + starts[t + 1]
            + " at tree " + t;
      }
    }
    int limit = depthLimit(sampleSize);
    int[] depth = new int[nodes];
    boolean[] reached = new boolean[nodes];
    for (int t = 0; t + 1 < starts.length; t++) {
      int base = starts[t];
      int end = starts[t + 1];
      int count = end - base;
      String where = " at tree " + t + ", node ";
      if (size[base] != sampleSize) {
        return "size of a root must be sampleSize " + sampleSize + ", got " + size[base] + where + 0;
      }
      reached[base] = true;
      for (int i = 0; i < count; i++) {
        int v = base + i;
        if (!reached[v]) {
          return "every node must be a child of an earlier node of its tree, node " + i + " of tree " + t
              + " is not";
        }
        if (left[v] == NO_CHILD || right[v] == NO_CHILD) {
          if (left[v] != NO_CHILD || right[v] != NO_CHILD) {
            return "left and right must both be -1 (a leaf) or both children, got " + left[v] + " and " + right[v]
                + where + i;
          }
          if (feature[v] != LEAF_FEATURE || Double.compare(threshold[v], LEAF_THRESHOLD) != 0) {
            return "a leaf must have feature -2 and threshold -2.0, got " + feature[v] + " and " + threshold[v]
                + where + i;
          }
          if (size[v] < 1) {
            return "size must be >= 1, got " + size[v] + where + i;
          }
          continue;
        }
        if (feature[v] < 0 || feature[v] >= d) {
          return "feature must be in [0, " + d + ") at an inner node, got " + feature[v] + where + i;
        }
        if (!Double.isFinite(threshold[v])) {
          return "threshold must be finite, got " + threshold[v] + where + i;
        }
        for (int c : new int[] {left[v], right[v]}) {
          if (c <= i || c >= count) {
            return "children must be in (" + i + ", " + count + ") (after the node, within the tree), got " + c
                + where + i;
          }
          if (reached[base + c]) {
            return "a node must have one parent, node " + c + " has two" + where + i;
          }
          reached[base + c] = true;
        }
        if (left[v] == right[v]) {
          return "left and right must differ, got " + left[v] + where + i;
        }
        int lv = base + left[v];
        int rv = base + right[v];
        if (size[lv] < 1 || size[rv] < 1 || (long) size[lv] + size[rv] != size[v]) {
          return "the children's sizes must be >= 1 and add to the node's " + size[v] + ", got " + size[lv] + " and "
              + size[rv] + where + i;
        }
        if (depth[v] + 1 > limit) {
          return "depth must be at most " + limit + " (ceil(log2(sampleSize))), got " + (depth[v] + 1) + where
              + left[v];
        }
        depth[lv] = depth[v] + 1;
        depth[rv] = depth[v] + 1;
      }
    }
    return null;
  }

  /**
   * Grows a forest: tree {@code t} from {@code Rng.split(seed, t)}, its subsample drawn without replacement, then
   * grown depth-first (see {@link TreeGrower}). Trees are grown in parallel; each depends only on its own stream.
   *
   * @param x row-major values (not modified)
   * @param n rows
   * @param d columns
   * @param trees number of trees
   * @param sampleSize rows per subsample, in {@code [1, n]}
   * @param seed the seed
   * @param parallelism threads
   * @return the forest
   */
  public static Forest grow(double[] x, int n, int d, int trees, int sampleSize, long seed, int parallelism) {
    TreeGrower.Tree[] grown = new TreeGrower.Tree[trees];
    if (parallelism == 1 || trees == 1) {
      TreeGrower g = new TreeGrower(x, n, d, sampleSize);
      for (int t = 0; t < trees; t++) {
        grown[t] = g.grow(Rng.split(seed, t));
      }
    } else {
      try (ChunkRunner runner = new ChunkRunner(parallelism)) {
        TreeGrower[] perWorker = new TreeGrower[runner.parallelism()];
        runner.run(trees, (int t, int w) -> {
          if (perWorker[w] == null) {
            perWorker[w] = new TreeGrower(x, n, d, sampleSize);
          }
          grown[t] = perWorker[w].grow(Rng.split(seed, t));
        });
      }
    }
    int[] starts = new int[trees + 1];
    for (int t = 0; t < trees; t++) {
      starts[t + 1] = starts[t] + grown[t].nodes;
    }
    int total = starts[trees];
    int[] feature = new int[total];
    double[] threshold = new double[total];
    int[] left = new int[total];
    int[] right = new int[total];
    int[] size = new int[total];
    for (int t = 0; t < trees; t++) {
      TreeGrower.Tree g = grown[t];
      System.arraycopy(g.feature, 0, feature, starts[t], g.nodes);
      System.arraycopy(g.threshold, 0, threshold, starts[t], g.nodes);
      System.arraycopy(g.left, 0, left, starts[t], g.nodes);
      System.arraycopy(g.right, 0, right, starts[t], g.nodes);
      System.arraycopy(g.size, 0, size, starts[t], g.nodes);
    }
    return new Forest(d, sampleSize, starts, feature, threshold, left, right, size);
  }
}
