package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.KdSplit;
import io.github.clusterkit.neighbors.Metric;

/**
 * DBSCAN on a k-d tree of its own (the general path, any dimension), built so that the three phases can
 * prune with what DBSCAN knows, not only with the radius:
 * <ul>
 *   <li><b>Core points</b>: a count with early exit that starts in the point's own leaf and climbs towards the
 *       root, visiting each sibling subtree in turn; the nearest points come first, so the count usually
 *       reaches minPts after a few leaves (a top-down walk first visits whatever lies in the left subtrees).
 *   <li><b>Clusters</b>: union-find over core rows. Every pair of core points within eps is an edge; it is
 *       examined only from its later endpoint in the tree's order, so a query never enters subtrees that lie
 *       after the point. Each node remembers a core row once all the core points of its subtree are known to
 *       be in one set ({@code rep}); a subtree whose set is already the query's is skipped without a single
 *       distance (sets only merge, so the knowledge never goes stale). In a dense cluster nearly the whole
 *       tree before the point is one set, and a query touches only a few nodes instead of its ~hundreds of
 *       neighbours.
 *   <li><b>Border points</b>: nearest core point within eps, skipping subtrees without core points and
 *       subtrees farther than the best distance so far; for scikit-learn's rule the lowest cluster id among the core
 *       points within eps, skipping subtrees known to be one set whose id is not lower ({@link #lowestCore}).
 * </ul>
 * The core set and the partition of the core points are uniquely defined, and the border rule is the shared
 * one ({@link Engine#record}), so the result does not depend on the order in which threads run the chunks;
 * only the amount of pruning does.
 *
 * <p>The tree: the rows are copied in tree order ({@code n d} doubles, {@code n} ints for the order); node
 * {@code b} has children {@code 2b + 1}, {@code 2b + 2} and covers a contiguous range of positions; a node
 * with more than {@link #LEAF_SIZE} points is split at the median position along its widest dimension
 * (quickselect); a node whose points are all equal is a leaf whatever its size. Tight boxes per node. Box
 * bounds use the same floating-point operations as a point's distance, so they never disagree with it (see
 * the bounds comment in {@code neighbors.KdTree}). Building runs level by level, the nodes of a level in
 * parallel.
 */
final class KdDbscan {

  /** Points per leaf. */
  static final int LEAF_SIZE = 16;
  /** Leaves per chunk of work. */
  private static final int LEAF_CHUNK = 32;
  /** Nodes of one tree level per chunk when building. */
  private static final int NODE_CHUNK = 16;

  private static final int LEAF = -1;
  private static final int UNUSED = -3;
  /** {@link #rep} of a node whose subtree is not known to be one set. */
  private static final int UNKNOWN = -1;
  /** {@link #rep} of a node without core points. */
  private static final int NO_CORE = -2;

  private static final int OUTSIDE = 0;
  private static final int CROSSING = 1;
  private static final int INSIDE = 2;

  private final int n;
  private final int d;
  private final int code;
  private final double r2;

  private final double[] xs;
  private final int[] order;
  private final int[] range;
  private final int[] split;
  /** Node {@code b}, dimension {@code j}: {@code [box[2(bd + j)], box[2(bd + j) + 1]]}. */
  private final double[] box;
  private int[] leaves;
  private int leafCount;

  private boolean[] corePos;
  private int[] coreCount;
  private int[] rep;
  private int[] parent;

  private KdDbscan(double[] x, int n, int d, Metric metric, double eps) {
    this.n = n;
    this.d = d;
    this.code = Dist.code(metric);
    this.r2 = metric.toReduced(eps);
    int depth = 0;
    for (long s = n; s > LEAF_SIZE; s = (s + 1) / 2) {
      depth++;
    }
    int m = (int) ((1L << (depth + 1)) - 1);
    this.xs = new double[n * d];
    this.order = new int[n];
    this.range = new int[2 * m];
    this.split = new int[m];
    this.box = new double[m * 2 * d];
  }

  /**
   * Builds the tree over the rows of {@code x}.
   *
   * @return the tree, ready to {@link #run}
   */
  static KdDbscan build(double[] x, int n, int d, Metric metric, double eps, ChunkRunner runner) {
    if ((long) n * d > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException("n * d must fit in an array, got " + n + " * " + d);
    }
    KdDbscan t = new KdDbscan(x, n, d, metric, eps);
    t.buildTree(x, runner);
    return t;
  }

  // ---------------------------------------------------------------------------------------------------
  // Construction

  private void buildTree(double[] x, ChunkRunner runner) {
    int size = Engine.rowChunk(n);
    runner.run(ChunkRunner.chunks(n, size), c -> {
      int end = Engine.chunkEnd(c, size, n);
      for (int i = c * size; i < end; i++) {
        order[i] = i;
      }
      System.arraycopy(x, c * size * d, xs, c * size * d, (end - c * size) * d);
    });
    int m = split.length;
    java.util.Arrays.fill(split, UNUSED);
    range[0] = 0;
    range[1] = n;
    split[0] = LEAF;
    // level by level: the nodes of one level cover disjoint ranges, so they split independently
    for (int first = 0; first < m; first = 2 * first + 1) {
      int count = first + 1;
      int from = first;
      runner.run(ChunkRunner.chunks(count, NODE_CHUNK), c -> {
        int end = from + Engine.chunkEnd(c, NODE_CHUNK, count);
        double[][] scratch = KdSplit.scratch(d);
        for (int b = from + c * NODE_CHUNK; b < end; b++) {
          if (split[b] != UNUSED) {
            splitNode(b, m, scratch);
          }
        }
      });
    }
    // the leaves in position order
    int[] list = new int[m];
    int k = 0;
    int b = 0;
    while (b >= 0) {
      if (split[b] >= 0) {
        b = 2 * b + 1;
      } else {
        list[k++] = b;
        b = next(b);
      }
    }
    leaves = list;
    leafCount = k;
  }

  private void splitNode(int b, int m, double[][] scratch) {
    int lo = range[2 * b];
    int hi = range[2 * b + 1];
    int dim = KdSplit.box(xs, d, lo, hi, box, b * 2 * d, scratch);
    int c = 2 * b + 1;
    if (dim < 0 || hi - lo <= LEAF_SIZE || c + 1 >= m) {
      split[b] = LEAF;
      return;
    }
    int mid = lo + ((hi - lo) >>> 1);
    KdSplit.select(xs, order, d, lo, hi - 1, mid, dim);
    split[b] = dim;
    range[2 * c] = lo;
    range[2 * c + 1] = mid;
    split[c] = LEAF;
    range[2 * (c + 1)] = mid;
    range[2 * (c + 1) + 1] = hi;
    split[c + 1] = LEAF;
  }

  /** The node after {@code b}'s subtree in depth-first order, or -1. */
  private static int next(int b) {
    while (b > 0) {
      if ((b & 1) == 1) {
        return b + 1;
      }
      b = (b >> 1) - 1;
    }
    return -1;
  }

  /** The node after {@code b}'s subtree in depth-first order within the subtree of {@code top}, or -1. */
  private static int nextWithin(int b, int top) {
    while (b != top) {
      if ((b & 1) == 1) {
        return b + 1;
      }
      b = (b >> 1) - 1;
    }
    return -1;
  }

  /** Where node {@code b}'s box lies relative to the ball of reduced radius {@link #r2} around position qo. */
  private int side(int b, int qo) {
    int bo = b * 2 * d;
    double lower = 0;
    double upper = 0;
    final double[] xs = this.xs;
    final double[] box = this.box;
    if (code == Dist.EUCLIDEAN) {
      for (int j = 0, k = bo; j < d; j++, k += 2) {
        double v = xs[qo + j];
        double a = v - box[k];
        double c = v - box[k + 1];
        double g = a < 0 ? -a : (c > 0 ? c : 0);
        double h = Math.max(Math.abs(a), Math.abs(c));
        lower += g * g;
        upper += h * h;
      }
    } else if (code == Dist.MANHATTAN) {
      for (int j = 0, k = bo; j < d; j++, k += 2) {
        double v = xs[qo + j];
        double a = v - box[k];
        double c = v - box[k + 1];
        lower += a < 0 ? -a : (c > 0 ? c : 0);
        upper += Math.max(Math.abs(a), Math.abs(c));
      }
    } else {
      for (int j = 0, k = bo; j < d; j++, k += 2) {
        double v = xs[qo + j];
        double a = v - box[k];
        double c = v - box[k + 1];
        lower = Math.max(lower, a < 0 ? -a : (c > 0 ? c : 0));
        upper = Math.max(upper, Math.max(Math.abs(a), Math.abs(c)));
      }
    }
    return lower > r2 ? OUTSIDE : (upper <= r2 ? INSIDE : CROSSING);
  }

  /** Lower bound of the reduced distance from position qo to node {@code b}'s box. */
  private double lower(int b, int qo) {
    int bo = b * 2 * d;
    double lower = 0;
    for (int j = 0, k = bo; j < d; j++, k += 2) {
      double v = xs[qo + j];
      double a = v - box[k];
      double c = v - box[k + 1];
      double g = a < 0 ? -a : (c > 0 ? c : 0);
      if (code == Dist.EUCLIDEAN) {
        lower += g * g;
      } else if (code == Dist.MANHATTAN) {
        lower += g;
      } else {
        lower = Math.max(lower, g);
      }
    }
    return lower;
  }

  // ---------------------------------------------------------------------------------------------------
  // Phases

  /**
   * Runs the three phases; returns provisional labels and ties as {@link Labels} expects.
   *
   * @param lowest a border point takes the lowest provisional id among the core points within eps (scikit-learn's
   *     rule, {@link #lowestCore}) rather than the nearest core point's
   */
  Engine.Result run(int minPts, boolean borderAsNoise, boolean lowest, ChunkRunner runner) {
    int chunks = ChunkRunner.chunks(leafCount, LEAF_CHUNK);
    corePos = new boolean[n];
    boolean[] core = new boolean[n];

    // Phase 1: core points by counting with early exit, nearest subtrees first.
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, LEAF_CHUNK, leafCount);
      for (int li = c * LEAF_CHUNK; li < end; li++) {
        int leaf = leaves[li];
        int hi = range[2 * leaf + 1];
        for (int p = range[2 * leaf]; p < hi; p++) {
          if (countFrom(leaf, p * d, minPts) >= minPts) {
            corePos[p] = true;
            core[order[p]] = true;
          }
        }
      }
    });

    // core points per subtree: the leaves in parallel, then every inner node after its children
    int m = split.length;
    coreCount = new int[m];
    rep = new int[m];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, LEAF_CHUNK, leafCount);
      for (int li = c * LEAF_CHUNK; li < end; li++) {
        int leaf = leaves[li];
        int k = 0;
        for (int p = range[2 * leaf], hi = range[2 * leaf + 1]; p < hi; p++) {
          k += corePos[p] ? 1 : 0;
        }
        coreCount[leaf] = k;
      }
    });
    for (int b = m - 1; b >= 0; b--) {
      if (split[b] >= 0) {
        coreCount[b] = coreCount[2 * b + 1] + coreCount[2 * b + 2];
      }
      rep[b] = coreCount[b] == 0 ? NO_CORE : UNKNOWN;
    }

    // Phase 2: union-find over core rows, each edge from its later endpoint in tree order. Chunks are run in
    // increasing order (no spreading): what lies before a chunk is then mostly done, hence mostly one set.
    parent = UnionFind.create(n);
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, LEAF_CHUNK, leafCount);
      for (int li = c * LEAF_CHUNK; li < end; li++) {
        unionLeaf(leaves[li]);
      }
    });
    int rowSize = Engine.rowChunk(n);
    runner.run(ChunkRunner.chunks(n, rowSize),
        c -> UnionFind.flatten(parent, c * rowSize, Engine.chunkEnd(c, rowSize, n)));

    // Phase 3: labels of core points (their root, the smallest core row of the cluster), border points.
    int[] labels = new int[n];
    IntList[] tieLists = new IntList[chunks];
    IntList[] cands = new IntList[runner.parallelism()];
    runner.run(chunks, (c, w) -> {
      IntList cand = cands[w];
      if (cand == null) {
        cand = new IntList(8);
        cands[w] = cand;
      }
      IntList ties = null;
      int end = Engine.chunkEnd(c, LEAF_CHUNK, leafCount);
      for (int li = c * LEAF_CHUNK; li < end; li++) {
        int leaf = leaves[li];
        for (int p = range[2 * leaf], hi = range[2 * leaf + 1]; p < hi; p++) {
          int row = order[p];
          if (corePos[p]) {
            labels[row] = parent[row];
          } else if (borderAsNoise) {
            labels[row] = -1;
          } else if (lowest) {
            labels[row] = lowestCore(p * d);
          } else {
            nearestCore(p * d, cand);
            ties = Engine.record(row, cand, labels, ties);
          }
        }
      }
      tieLists[c] = ties;
    });
    Engine.Ties ties = Engine.mergeTies(tieLists, labels);
    // order and parent are free now: the numbering and the core-point copy may reuse them, and xs
    int[] spareA = order;
    int[] spareB = parent;
    double[] coords = xs;
    corePos = null;
    coreCount = null;
    rep = null;
    parent = null;
    return new Engine.Result(labels, core, ties, spareA, spareB, coords);
  }

  /** Count of points within eps of position qo (in leaf {@code leaf}), stopping at {@code limit}. */
  private int countFrom(int leaf, int qo, int limit) {
    int count = countSubtree(leaf, qo, limit, 0);
    int b = leaf;
    while (count < limit && b > 0) {
      int sibling = (b & 1) == 1 ? b + 1 : b - 1;
      count = countSubtree(sibling, qo, limit, count);
      b = (b - 1) >> 1;
    }
    return count;
  }

  private int countSubtree(int top, int qo, int limit, int count) {
    int b = top;
    while (b >= 0) {
      int s = side(b, qo);
      if (s == OUTSIDE) {
        b = nextWithin(b, top);
        continue;
      }
      if (s == INSIDE) {
        count += range[2 * b + 1] - range[2 * b];
      } else if (split[b] >= 0) {
        b = 2 * b + 1;
        continue;
      } else {
        count = countLeaf(range[2 * b], range[2 * b + 1], qo, limit, count);
      }
      if (count >= limit) {
        return count;
      }
      b = nextWithin(b, top);
    }
    return count;
  }

  private int countLeaf(int lo, int hi, int qo, int limit, int count) {
    final double[] xs = this.xs;
    for (int q = lo; q < hi; q++) {
      if (Dist.reduced(code, xs, qo, xs, q * d, d) <= r2 && ++count >= limit) {
        return count;
      }
    }
    return count;
  }

  /** Unions every core point of a leaf with its core neighbours earlier in tree order, then marks the leaf. */
  private void unionLeaf(int leaf) {
    int lo = range[2 * leaf];
    int hi = range[2 * leaf + 1];
    if (coreCount[leaf] == 0) {
      return;
    }
    if (isPoint(leaf)) {
      // copies of one point (any number: such a leaf is never split) have the same neighbours, so the first core
      // copy searches for them and every other core copy joins it. Searching from each copy scanned the earlier
      // copies of the leaf every time: 10 s for 10^5 equal rows, quadratic in their number.
      int first = -1;
      for (int p = lo; p < hi; p++) {
        if (!corePos[p]) {
          continue;
        }
        if (first < 0) {
          first = order[p];
          unionFrom(p);
        } else {
          UnionFind.union(parent, first, order[p]);
        }
      }
    } else {
      for (int p = lo; p < hi; p++) {
        if (corePos[p]) {
          unionFrom(p);
        }
      }
    }
    if (refreshLeaf(leaf) >= 0) {
      // climb while both children are known to be one set each, and the same set
      int b = leaf;
      while (b > 0) {
        int par = (b - 1) >> 1;
        if (!refreshInner(par)) {
          break;
        }
        b = par;
      }
    }
  }

  /** Whether node {@code b}'s box has zero width in every dimension: all its points are equal. */
  private boolean isPoint(int b) {
    for (int j = 0, k = b * 2 * d; j < d; j++, k += 2) {
      if (box[k] != box[k + 1]) {
        return false;
      }
    }
    return true;
  }

  /** Sets {@code rep[leaf]} if all its core points are in one set; returns it. */
  private int refreshLeaf(int leaf) {
    int r = rep[leaf];
    if (r != UNKNOWN) {
      return r;
    }
    int lo = range[2 * leaf];
    int hi = range[2 * leaf + 1];
    int first = -1;
    int root = -1;
    for (int p = lo; p < hi; p++) {
      if (!corePos[p]) {
        continue;
      }
      int f = UnionFind.find(parent, order[p]);
      if (first < 0) {
        first = order[p];
        root = f;
      } else if (f != root) {
        return UNKNOWN;
      }
    }
    rep[leaf] = first;
    return first;
  }

  /** Sets {@code rep[b]} of an inner node from its children if possible; returns whether it is set. */
  private boolean refreshInner(int b) {
    if (rep[b] != UNKNOWN) {
      return true;
    }
    int a = rep[2 * b + 1];
    int c = rep[2 * b + 2];
    if (a == UNKNOWN || c == UNKNOWN) {
      return false;
    }
    int v;
    if (a == NO_CORE) {
      v = c;
    } else if (c == NO_CORE || UnionFind.find(parent, a) == UnionFind.find(parent, c)) {
      v = a;
    } else {
      return false;
    }
    rep[b] = v;
    return true;
  }

  /** Unions core position {@code p} with every core point within eps at an earlier position. */
  private void unionFrom(int p) {
    final int qo = p * d;
    final int row = order[p];
    int root = UnionFind.find(parent, row);
    int b = 0;
    while (b >= 0) {
      if (range[2 * b] >= p) {
        b = next(b);
        continue;
      }
      int rb = rep[b];
      if (rb == NO_CORE) {
        b = next(b);
        continue;
      }
      boolean leaf = split[b] < 0;
      if (rb == UNKNOWN && range[2 * b + 1] <= p) {
        // a subtree wholly before p may have become one set since it was last looked at
        rb = leaf ? refreshLeaf(b) : (refreshInner(b) ? rep[b] : UNKNOWN);
      }
      if (rb >= 0 && UnionFind.find(parent, rb) == root) {
        b = next(b);
        continue;
      }
      int s = side(b, qo);
      if (s == OUTSIDE) {
        b = next(b);
        continue;
      }
      if (rb >= 0 && s == INSIDE) {
        UnionFind.union(parent, row, rb);
        root = UnionFind.find(parent, row);
        b = next(b);
        continue;
      }
      if (!leaf) {
        b = 2 * b + 1;
        continue;
      }
      int lo = range[2 * b];
      int hi = Math.min(range[2 * b + 1], p);
      final double[] xs = this.xs;
      for (int q = lo; q < hi; q++) {
        if (!corePos[q] || (s != INSIDE && Dist.reduced(code, xs, qo, xs, q * d, d) > r2)) {
          continue;
        }
        int other = order[q];
        if (UnionFind.find(parent, other) != root) {
          UnionFind.union(parent, row, other);
          root = UnionFind.find(parent, row);
          if (rb >= 0) {
            break; // the rest of this leaf is in the set just joined
          }
        }
      }
      b = next(b);
    }
  }

  /**
   * The lowest provisional id (smallest core row of a cluster) among the core points within eps of position qo, or
   * -1. A subtree whose core points are known to be one set ({@link #rep}) is skipped when that set's id is not
   * lower than the best so far, and taken whole when its box lies within eps.
   */
  private int lowestCore(int qo) {
    int best = -1;
    final double[] xs = this.xs;
    int b = 0;
    while (b >= 0) {
      if (coreCount[b] == 0) {
        b = next(b);
        continue;
      }
      int rb = rep[b];
      int id = rb >= 0 ? parent[rb] : -1;
      if (id >= 0 && best >= 0 && id >= best) {
        b = next(b);
        continue;
      }
      int s = side(b, qo);
      if (s == OUTSIDE) {
        b = next(b);
        continue;
      }
      if (id >= 0 && s == INSIDE) {
        best = id;
        b = next(b);
        continue;
      }
      if (split[b] >= 0) {
        b = 2 * b + 1;
        continue;
      }
      for (int q = range[2 * b], hi = range[2 * b + 1]; q < hi; q++) {
        if (corePos[q] && (s == INSIDE || Dist.reduced(code, xs, qo, xs, q * d, d) <= r2)) {
          best = Engine.lower(best, parent[order[q]]);
        }
      }
      b = next(b);
    }
    return best;
  }

  /** The clusters of the nearest core points within eps of position qo, into {@code cand}. */
  private void nearestCore(int qo, IntList cand) {
    cand.clear();
    double best = Double.POSITIVE_INFINITY;
    final double[] xs = this.xs;
    int b = 0;
    while (b >= 0) {
      if (coreCount[b] == 0) {
        b = next(b);
        continue;
      }
      double lb = lower(b, qo);
      if (lb > r2 || lb > best) {
        b = next(b);
        continue;
      }
      if (split[b] >= 0) {
        b = 2 * b + 1;
        continue;
      }
      // copies of one point: the same distance and the same cluster for every core copy, so the first one does
      boolean copies = isPoint(b);
      for (int q = range[2 * b], hi = range[2 * b + 1]; q < hi; q++) {
        if (!corePos[q]) {
          continue;
        }
        if (copies) {
          hi = q + 1;
        }
        double dist = Dist.reduced(code, xs, qo, xs, q * d, d);
        if (dist <= r2 && dist <= best) {
          int pl = parent[order[q]];
          if (dist < best) {
            best = dist;
            cand.clear();
            cand.add(pl);
          } else {
            Engine.addDistinct(cand, pl);
          }
        }
      }
      b = next(b);
    }
  }
}
