package io.github.clusterkit.neighbors;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.KdSplit;
import io.github.clusterkit.internal.Scale;
import java.util.Arrays;

/**
 * An exact, implicit, array-based k-d tree (Bentley 1975, doi:10.1145/361002.361007) with bounding-box
 * pruning for radius, radius-count and k-nearest-neighbour queries (Friedman, Bentley and Finkel 1977,
 * doi:10.1145/355744.355745), under any {@link Metric}.
 *
 * <p><b>Structure.</b> The tree is a permutation of the row indices plus flat per-node arrays; there are
 * no node objects. Node {@code b} covers a contiguous range of the permutation; its children are
 * {@code 2b + 1} and {@code 2b + 2} (heap order). A node with more than {@code leafSize} points is split at
 * the median <em>position</em> of its range by quickselect (Hoare partitioning, which keeps duplicates
 * balanced) along the dimension in which its bounding box is widest. Because every split halves the
 * count, the depth is at most {@code ceil(log2(n / leafSize))} whatever the data: a million identical
 * points or points on one line give a balanced tree. A node whose points are all identical (its box has
 * zero width in every dimension) becomes a leaf whatever its size. Building is iterative (no recursion)
 * and takes O(n d log(n / leafSize)) time; queries walk the tree without a stack, using the heap
 * numbering to climb back to the parent, so they need no recursion and no scratch memory.
 *
 * <p><b>Memory.</b> Besides the data (shared with the {@link Dataset}, not copied), the tree keeps the
 * permutation ({@code n} ints), a copy of the data reordered by the permutation ({@code n * d} doubles: it
 * makes leaf scans sequential in memory; reading the original rows through the permutation instead made
 * radius queries 1.5 to 2 times slower at a million points), and per node a tight bounding box
 * ({@code 2 d} doubles), its range, its split and its smallest row index, for at most {@code 4 n / leafSize} node
 * slots. In all O(n d): for {@code n = 10^6}, {@code d = 2} and the default leaf size, about 28 MB besides the data.
 *
 * <p><b>Exactness.</b> Results equal {@link BruteForce}'s exactly, including every distance bit and the
 * tie rule of k-nearest neighbours: a point's distance is always computed by the same expression, on the
 * same values, as {@link Metric#reducedDistance}; box bounds are accumulated in the same coordinate order,
 * and floating-point rounding is monotone, so a bound never disagrees with a point's own distance (see the
 * comment in {@code boxBounds}). A radius query adds a subtree that lies entirely inside the radius without
 * computing distances; {@link Neighbors} computes them on first access.
 *
 * <p><b>Every row's neighbours.</b> {@link #knnOfRows} answers the k-nearest-neighbour query of every indexed row
 * (what the Local Outlier Factor and the k-distance plot need) with exactly the lists of {@code n} single queries, in
 * less time: the rows of one leaf share one walk of the tree (1.2 to 2 times faster at {@code k = 21}).
 *
 * <p><b>Edge cases.</b> {@code n = 1}, {@code d = 1}, duplicates, constant columns and collinear data are
 * all supported. Argument errors are reported as documented by {@link NeighborIndex}. Data whose largest
 * magnitude is above {@code 2^201} or below {@code 2^-200} (squared distances of {@code 1e200} overflow, of
 * {@code 1e-200} underflow, and every point then looked equally near) are held multiplied by a power of two that
 * brings their largest magnitude to {@code 2^200} (the top of the unscaled range; see {@code Scale}), queries and
 * radii alike, and distances scaled back: exact, so the answers are those of
 * arithmetic with a wide enough exponent range (such a tree holds a scaled copy of the data, {@code n * d} doubles
 * more, and copies each query point). A query point far outside the data's own range is not rescaled: its
 * distances may overflow to infinity, and tie, where no double could tell them apart anyway. A radius query whose
 * radius is so large that its reduced form overflows too (the squared radius, at the index's scale, above the
 * double range) is answered by a linear scan in the data's own units with the gaps scaled by the radius's power of
 * two, so a point beyond the radius is never reported inside it (the same code in {@link BruteForce}); so is one
 * whose radius is so small that its reduced form leaves the normal range (the squared radius below {@code 2^-1022}
 * at the index's scale), where the reduced distance of a point far beyond it underflowed to the same 0.
 *
 * <p><b>Thread-safety.</b> Immutable after {@link #build}: any number of threads may query one tree
 * concurrently, each with its own {@link Neighbors} buffer. A query allocates nothing beyond growing that
 * buffer (and, on a scaled tree, a copy of the query point). {@link #knnOfRows} may be called concurrently too; it
 * runs on up to its {@code parallelism} threads and allocates per-thread scratch for one leaf's rows.
 */
public final class KdTree implements NeighborIndex {

  /** Default number of points per leaf. */
  public static final int DEFAULT_LEAF_SIZE = 16;

  /** {@link #split} value of a leaf. */
  private static final int LEAF = -1;
  /** {@link #split} value of a leaf whose points are all identical (and sorted by row index). */
  private static final int POINT_LEAF = -2;
  /** {@link #split} value of a slot below a leaf, never visited. */
  private static final int UNUSED = -3;

  private final Dataset data;
  private final Metric metric;
  private final boolean euclidean;
  private final int n;
  private final int d;
  private final int leafSize;
  /**
   * The original row-major data (shared with {@link #data}; read only), or its copy times {@code 2^-scale} when
   * {@link #scale} is not 0.
   */
  private final double[] x;
  /**
   * The exponent of the exact scaling of data too large or too small for squared distances (largest magnitude
   * above {@code 2^201} or below {@code 2^-200}, {@link Scale}): the tree holds them times {@code 2^-scale},
   * scales queries and radii alike and reported distances back; 0 for all other data.
   */
  private final int scale;
  /** The data reordered by {@link #perm}: row {@code perm[p]} sits at {@code p * d}. */
  private final double[] xs;
  /** Permutation of the row indices; every node covers a contiguous range of it. */
  private final int[] perm;
  /**
   * Node {@code b} covers positions {@code [range[2b], range[2b + 1])} of {@link #perm} (interleaved, so
   * both bounds share a cache line).
   */
  private final int[] range;
  /** Split dimension of an inner node, or {@link #LEAF}, {@link #POINT_LEAF}, {@link #UNUSED}. */
  private final int[] split;
  /** Split value of an inner node: the median's coordinate; decides which child a k-NN query visits first. */
  private final double[] splitValue;
  /** Tight bounding boxes: node {@code b}, dimension {@code j} spans {@code [box[2(bd+j)], box[2(bd+j)+1]]}. */
  private final double[] box;
  /**
   * The smallest row index in each node's subtree: a k-NN query skips a subtree whose box lies exactly at the current
   * k-th distance when all its rows come after the k-th candidate, as none of them could displace it.
   */
  private final int[] minRow;

  private KdTree(Dataset data, Metric metric, int leafSize) {
    this.data = data;
    this.metric = metric;
    this.euclidean = metric == Metric.EUCLIDEAN;
    this.n = data.size();
    this.d = data.dimension();
    this.leafSize = leafSize;
    this.scale = Scale.exponent(DataAccess.maxAbs(data));
    this.x = scale == 0 ? DataAccess.values(data) : Scale.down(DataAccess.values(data), scale);

    int depth = 0;
    for (long s = n; s > leafSize; s = (s + 1) / 2) {
      depth++;
    }
    long nodes = (1L << (depth + 1)) - 1;
    if (nodes * 2 * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "leafSize is too small for n = " + n + " and d = " + d + " (the node boxes would need "
              + nodes * 2 * d + " values), got " + leafSize);
    }
    int m = (int) nodes;
    this.xs = x.clone();
    this.perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    this.range = new int[2 * m];
    this.split = new int[m];
    this.splitValue = new double[m];
    this.box = new double[m * 2 * d];
    this.minRow = new int[m];
    build();
    rowMinima();
  }

  /**
   * Builds a k-d tree with {@link #DEFAULT_LEAF_SIZE} points per leaf.
   *
   * @param data the points to index; not copied (a {@code Dataset} is immutable)
   * @param metric the distance
   * @return a new tree
   * @throws IllegalArgumentException if an argument is null
   */
  public static KdTree build(Dataset data, Metric metric) {
    return build(data, metric, DEFAULT_LEAF_SIZE);
  }

  /**
   * Builds a k-d tree. Small leaves prune more finely; large leaves make shallower trees with more
   * sequential scanning. Between 8 and 32 is usually best; the result does not depend on it.
   *
   * @param data the points to index; not copied (a {@code Dataset} is immutable)
   * @param metric the distance
   * @param leafSize the maximum number of points in a leaf (except leaves of identical points, which may
   *     be larger), {@code >= 1}
   * @return a new tree
   * @throws IllegalArgumentException if an argument is null, {@code leafSize < 1}, or {@code leafSize} is
   *     so small that the node arrays would exceed Java's array limit
   */
  public static KdTree build(Dataset data, Metric metric, int leafSize) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    if (leafSize < 1) {
      throw new IllegalArgumentException("leafSize must be >= 1, got " + leafSize);
    }
    return new KdTree(data, metric, leafSize);
  }

  /** @return the maximum number of points per leaf this tree was built with */
  public int leafSize() {
    return leafSize;
  }

  @Override
  public Dataset data() {
    return data;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  // ---------------------------------------------------------------------------------------------------
  // Construction

  /** Splits the nodes in heap order (parents before children), so no recursion and no stack is needed. */
  private void build() {
    int m = split.length;
    Arrays.fill(split, UNUSED);
    range[0] = 0;
    range[1] = n;
    split[0] = LEAF; // marks the root as live; decided below
    double[][] scratch = KdSplit.scratch(d);
    for (int b = 0; b < m; b++) {
      if (split[b] == UNUSED) {
        continue;
      }
      int lo = range[2 * b];
      int hi = range[2 * b + 1];
      int dim = KdSplit.box(xs, d, lo, hi, box, b * 2 * d, scratch);
      if (dim < 0) {
        split[b] = POINT_LEAF;
        // Identical points: order them by row index so a k-NN scan can stop at the first loser. The rows
        // of xs are not moved along: they are equal as numbers (at most the sign of a zero differs), and
        // q - (+0.0) and q - (-0.0) have the same absolute value and square, so every distance computed
        // from xs is still bit-identical to the one computed from the row itself.
        Arrays.sort(perm, lo, hi);
        continue;
      }
      int c = 2 * b + 1;
      if (hi - lo <= leafSize || c + 1 >= m) {
        split[b] = LEAF;
        continue;
      }
      int mid = lo + ((hi - lo) >>> 1);
      KdSplit.select(xs, perm, d, lo, hi - 1, mid, dim);
      split[b] = dim;
      splitValue[b] = xs[mid * d + dim];
      range[2 * c] = lo;
      range[2 * c + 1] = mid;
      split[c] = LEAF;
      range[2 * (c + 1)] = mid;
      range[2 * (c + 1) + 1] = hi;
      split[c + 1] = LEAF;
    }
  }

  /** Fills {@link #minRow}, children before parents. */
  private void rowMinima() {
    for (int b = split.length - 1; b >= 0; b--) {
      int kind = split[b];
      if (kind == UNUSED) {
        continue;
      }
      if (kind >= 0) {
        minRow[b] = Math.min(minRow[2 * b + 1], minRow[2 * b + 2]);
      } else {
        int min = Integer.MAX_VALUE;
        for (int p = range[2 * b]; p < range[2 * b + 1]; p++) {
          min = Math.min(min, perm[p]);
        }
        minRow[b] = min;
      }
    }
  }

  /**
   * Checks the tree's construction invariants, for tests: the permutation holds every row once and the reordered
   * copy holds its rows' values; every live node's box is the tight box of its rows and its smallest row is
   * recorded; an inner node's children split its range at the middle position, the left rows' coordinates in the
   * split dimension are at most the split value and the right rows' at least it, with the split value the smallest of
   * them (the median); a leaf of identical points lists them by row index.
   *
   * @throws IllegalStateException naming the first broken invariant
   */
  void checkStructure() {
    boolean[] seen = new boolean[n];
    for (int p = 0; p < n; p++) {
      int row = perm[p];
      if (row < 0 || row >= n || seen[row]) {
        throw new IllegalStateException("position " + p + " holds row " + row + " twice or out of range");
      }
      seen[row] = true;
      for (int j = 0; j < d; j++) {
        if (xs[p * d + j] != x[row * d + j]) {
          throw new IllegalStateException("position " + p + " does not hold row " + row + "'s values");
        }
      }
    }
    for (int b = 0; b < split.length; b++) {
      if (split[b] == UNUSED) {
        continue;
      }
      int lo = range[2 * b];
      int hi = range[2 * b + 1];
      for (int j = 0; j < d; j++) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = lo; p < hi; p++) {
          min = Math.min(min, xs[p * d + j]);
          max = Math.max(max, xs[p * d + j]);
        }
        if (box[(b * d + j) * 2] != min || box[(b * d + j) * 2 + 1] != max) {
          throw new IllegalStateException("node " + b + "'s box is not tight in dimension " + j);
        }
      }
      int min = Integer.MAX_VALUE;
      for (int p = lo; p < hi; p++) {
        min = Math.min(min, perm[p]);
      }
      if (minRow[b] != min) {
        throw new IllegalStateException("node " + b + "'s smallest row is " + min + ", recorded " + minRow[b]);
      }
      if (split[b] == POINT_LEAF) {
        for (int p = lo + 1; p < hi; p++) {
          if (perm[p - 1] > perm[p]) {
            throw new IllegalStateException("leaf " + b + " of identical points is not in row order");
          }
        }
      }
      if (split[b] < 0) {
        continue;
      }
      int dim = split[b];
      int c = 2 * b + 1;
      int mid = lo + ((hi - lo) >>> 1);
      if (range[2 * c] != lo || range[2 * c + 1] != mid || range[2 * c + 2] != mid || range[2 * c + 3] != hi) {
        throw new IllegalStateException("node " + b + "'s children do not split [" + lo + ", " + hi + ") at " + mid);
      }
      double leftMax = Double.NEGATIVE_INFINITY;
      double rightMin = Double.POSITIVE_INFINITY;
      for (int p = lo; p < mid; p++) {
        leftMax = Math.max(leftMax, xs[p * d + dim]);
      }
      for (int p = mid; p < hi; p++) {
        rightMin = Math.min(rightMin, xs[p * d + dim]);
      }
      if (!(leftMax <= splitValue[b]) || rightMin != splitValue[b]) {
        throw new IllegalStateException("node " + b + " is not split at the median of dimension " + dim + ": left "
            + "up to " + leftMax + ", right from " + rightMin + ", split value " + splitValue[b]);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Bounds
  //
  // Why a box bound never disagrees with a point's own distance, bit for bit: a point's reduced distance
  // is r(p) = acc(...acc(acc(0, g(q_0 - p_0)), g(q_1 - p_1))..., g(q_{d-1} - p_{d-1})), evaluated in
  // floating point: g(t) = |fl(q_j - p_j)| (squared inside acc for Euclidean), acc = + or max. For p in
  // the box, lo_j <= p_j <= hi_j. IEEE rounding is monotone (a <= b implies fl(a) <= fl(b)) and symmetric
  // (fl(-a) = -fl(a)), so |fl(q_j - p_j)| lies between the "min gap" (0 if q_j is inside [lo_j, hi_j],
  // else |fl(q_j - lo_j)| or |fl(q_j - hi_j)|, the nearer face) and the "max gap"
  // max(|fl(q_j - lo_j)|, |fl(q_j - hi_j)|). Squaring non-negative numbers, adding and taking maxima are
  // monotone in every argument after rounding too, so accumulating the min gaps (max gaps) in the same
  // order from the same starting value 0 gives lower <= r(p) <= upper exactly in floating point, for
  // every point in the box. Hence: lower > r2 proves that no point qualifies, and upper <= r2 proves
  // that every point does, with exactly the comparison BruteForce makes.

  private double minDist(int b, double[] q, int qo) {
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

  private static final int OUTSIDE = 0;
  private static final int CROSSING = 1;
  private static final int INSIDE = 2;

  /**
   * Where node {@code b}'s box lies relative to the ball of reduced radius {@code r2}: {@link #OUTSIDE}
   * (min bound {@code > r2}), {@link #INSIDE} (max bound {@code <= r2}) or {@link #CROSSING}. Both bounds in
   * one pass over the box; the lower bound is computed exactly as in {@link #minDist}.
   */
  private int side(int b, double[] q, int qo, double r2) {
    int bo = b * 2 * d;
    double lower = 0;
    double upper = 0;
    if (euclidean) {
      for (int j = 0, k = bo; j < d; j++, k += 2) {
        double v = q[qo + j];
        double a = v - box[k];
        double c = v - box[k + 1];
        // a >= c; min gap: -a if v < lo, c if v > hi, else 0 (a = fl(v - lo), and fl(lo - v) = -a)
        double g = a < 0 ? -a : (c > 0 ? c : 0);
        double h = Math.max(Math.abs(a), Math.abs(c));
        lower += g * g;
        upper += h * h;
      }
    } else {
      Metric mt = metric;
      for (int j = 0, k = bo; j < d; j++, k += 2) {
        double v = q[qo + j];
        double a = v - box[k];
        double c = v - box[k + 1];
        lower = mt.accumulate(lower, a < 0 ? -a : (c > 0 ? c : 0));
        upper = mt.accumulate(upper, Math.max(Math.abs(a), Math.abs(c)));
      }
    }
    return lower > r2 ? OUTSIDE : (upper <= r2 ? INSIDE : CROSSING);
  }

  /** The node after {@code b} in depth-first order once {@code b}'s subtree is done, or -1 at the end. */
  private static int next(int b) {
    // left children are odd (2p + 1): go to the right sibling; right children climb to their parent
    while (b > 0) {
      if ((b & 1) == 1) {
        return b + 1;
      }
      b = (b >> 1) - 1;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------------
  // Radius

  @Override
  public int radius(double[] query, double radius, Neighbors out) {
    QueryChecks.query(query, d);
    QueryChecks.radius(radius);
    QueryChecks.buffer(out);
    double r2 = reducedRadius(radius);
    if (FarRadius.applies(r2)) {
      return FarRadius.radius(DataAccess.values(data), n, d, metric, query, 0, radius, out);
    }
    return radius(scaled(query), 0, r2, out);
  }

  @Override
  public int radius(int row, double radius, Neighbors out) {
    QueryChecks.row(row, n);
    QueryChecks.radius(radius);
    QueryChecks.buffer(out);
    double r2 = reducedRadius(radius);
    if (FarRadius.underflows(r2)) {
      return FarRadius.radius(DataAccess.values(data), n, d, metric, DataAccess.values(data), row * d, radius, out);
    }
    return radius(x, row * d, r2, out);
  }

  /** The query as the tree holds points: times {@code 2^-scale} (a copy) when the tree is scaled. */
  private double[] scaled(double[] query) {
    return scale == 0 ? query : Scale.down(query, scale);
  }

  /** The reduced form of a radius, scaled as the tree's points. */
  private double reducedRadius(double radius) {
    return metric.toReduced(scale == 0 ? radius : Math.scalb(radius, -scale));
  }

  private int radius(double[] q, int qo, double r2, Neighbors out) {
    out.reset(metric, scale);
    int b = 0;
    while (b >= 0) {
      int side = side(b, q, qo, r2);
      if (side == OUTSIDE) {
        b = next(b);
        continue;
      }
      int kind = split[b];
      if (side == INSIDE || kind == POINT_LEAF) {
        // wholly inside; for a leaf of identical points the min and max bounds coincide
        out.addLazy(perm, range[2 * b], range[2 * b + 1] - range[2 * b], q, qo, x, d);
      } else if (kind >= 0) {
        b = 2 * b + 1;
        continue;
      } else {
        scanLeaf(range[2 * b], range[2 * b + 1], q, qo, r2, out);
      }
      b = next(b);
    }
    return out.size();
  }

  private void scanLeaf(int lo, int hi, double[] q, int qo, double r2, Neighbors out) {
    int size = out.size();
    out.ensureCapacity(size + hi - lo);
    int[] idx = out.rawIndices();
    double[] red = out.rawReduced();
    double[] xs = this.xs;
    int[] perm = this.perm;
    int d = this.d;
    if (euclidean) {
      if (d == 2) {
        double q0 = q[qo];
        double q1 = q[qo + 1];
        for (int p = lo, off = lo * 2; p < hi; p++, off += 2) {
          double t0 = q0 - xs[off];
          double t1 = q1 - xs[off + 1];
          // (0 + t0*t0) + t1*t1 == t0*t0 + t1*t1 exactly, so this equals Metric.EUCLIDEAN's loop
          double s = t0 * t0 + t1 * t1;
          idx[size] = perm[p];
          red[size] = s;
          size += s <= r2 ? 1 : 0;
        }
      } else if (d == 3) {
        double q0 = q[qo];
        double q1 = q[qo + 1];
        double q2 = q[qo + 2];
        for (int p = lo, off = lo * 3; p < hi; p++, off += 3) {
          double t0 = q0 - xs[off];
          double t1 = q1 - xs[off + 1];
          double t2 = q2 - xs[off + 2];
          double s = t0 * t0 + t1 * t1 + t2 * t2;
          idx[size] = perm[p];
          red[size] = s;
          size += s <= r2 ? 1 : 0;
        }
      } else {
        for (int p = lo, off = lo * d; p < hi; p++, off += d) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            double t = q[qo + j] - xs[off + j];
            s += t * t;
          }
          idx[size] = perm[p];
          red[size] = s;
          size += s <= r2 ? 1 : 0;
        }
      }
    } else {
      Metric mt = metric;
      for (int p = lo, off = lo * d; p < hi; p++, off += d) {
        double s = mt.reducedDistance(q, qo, xs, off, d);
        idx[size] = perm[p];
        red[size] = s;
        size += s <= r2 ? 1 : 0;
      }
    }
    out.setSize(size);
  }

  // ---------------------------------------------------------------------------------------------------
  // Count

  @Override
  public int countWithin(double[] query, double radius, int limit) {
    QueryChecks.query(query, d);
    QueryChecks.radius(radius);
    QueryChecks.limit(limit);
    double r2 = reducedRadius(radius);
    if (FarRadius.applies(r2)) {
      return FarRadius.count(DataAccess.values(data), n, d, metric, query, 0, radius, limit);
    }
    return count(scaled(query), 0, r2, limit);
  }

  @Override
  public int countWithin(int row, double radius, int limit) {
    QueryChecks.row(row, n);
    QueryChecks.radius(radius);
    QueryChecks.limit(limit);
    double r2 = reducedRadius(radius);
    if (FarRadius.underflows(r2)) {
      return FarRadius.count(DataAccess.values(data), n, d, metric, DataAccess.values(data), row * d, radius, limit);
    }
    return count(x, row * d, r2, limit);
  }

  private int count(double[] q, int qo, double r2, int limit) {
    int count = 0;
    int b = 0;
    while (b >= 0) {
      int side = side(b, q, qo, r2);
      if (side == OUTSIDE) {
        b = next(b);
        continue;
      }
      int kind = split[b];
      if (side == INSIDE || kind == POINT_LEAF) {
        count += range[2 * b + 1] - range[2 * b];
      } else if (kind >= 0) {
        b = 2 * b + 1;
        continue;
      } else {
        count += countLeaf(range[2 * b], range[2 * b + 1], q, qo, r2);
      }
      if (count >= limit) {
        return limit;
      }
      b = next(b);
    }
    return count;
  }

  private int countLeaf(int lo, int hi, double[] q, int qo, double r2) {
    int c = 0;
    double[] xs = this.xs;
    int d = this.d;
    if (euclidean) {
      if (d == 2) {
        double q0 = q[qo];
        double q1 = q[qo + 1];
        for (int off = lo * 2, stop = hi * 2; off < stop; off += 2) {
          double t0 = q0 - xs[off];
          double t1 = q1 - xs[off + 1];
          c += t0 * t0 + t1 * t1 <= r2 ? 1 : 0;
        }
      } else {
        for (int off = lo * d, stop = hi * d; off < stop; off += d) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            double t = q[qo + j] - xs[off + j];
            s += t * t;
          }
          c += s <= r2 ? 1 : 0;
        }
      }
    } else {
      Metric mt = metric;
      for (int off = lo * d, stop = hi * d; off < stop; off += d) {
        c += mt.reducedDistance(q, qo, xs, off, d) <= r2 ? 1 : 0;
      }
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------------
  // k nearest neighbours

  @Override
  public int knn(double[] query, int k, Neighbors out) {
    QueryChecks.query(query, d);
    QueryChecks.k(k, n);
    QueryChecks.buffer(out);
    return knn(scaled(query), 0, k, out);
  }

  @Override
  public int knn(int row, int k, Neighbors out) {
    QueryChecks.row(row, n);
    QueryChecks.k(k, n);
    QueryChecks.buffer(out);
    return knn(x, row * d, k, out);
  }

  /**
   * Depth-first, nearer child first, pruning subtrees whose box is strictly farther than the current k-th
   * candidate, and those at exactly that distance whose rows all come after it ({@link #minRow}). Candidates live in
   * a bounded max-heap ordered by (reduced distance, row index) inside the caller's buffer; a final
   * heapsort leaves them in ascending order.
   */
  private int knn(double[] q, int qo, int k, Neighbors out) {
    out.reset(metric, scale);
    out.ensureCapacity(k);
    int[] hi = out.rawIndices();
    double[] hd = out.rawReduced();
    int size = 0;
    int b = 0;
    descend:
    while (true) {
      double lower;
      // a subtree strictly farther than the k-th candidate holds no better row; one exactly as far holds one only if
      // a row of it comes before the k-th candidate (ties: smaller row index). Without the row test, ties at the k-th
      // distance made a query visit every subtree at that distance: on binary rows under Chebyshev (every other row
      // at distance 1, every copy at 0) each query scanned the whole data
      if (size < k || (lower = minDist(b, q, qo)) < hd[0] || (lower == hd[0] && minRow[b] < hi[0])) {
        int kind = split[b];
        if (kind >= 0) {
          b = q[qo + kind] < splitValue[b] ? 2 * b + 1 : 2 * b + 2;
          continue;
        }
        size = scanKnn(range[2 * b], range[2 * b + 1], kind == POINT_LEAF, q, qo, k, hi, hd, 0, size);
      }
      // climb: after the nearer child, visit its sibling; after the farther one, go up
      while (b > 0) {
        int p = (b - 1) >> 1;
        int near = q[qo + split[p]] < splitValue[p] ? 2 * p + 1 : 2 * p + 2;
        if (b == near) {
          b = (b & 1) == 1 ? b + 1 : b - 1;
          continue descend;
        }
        b = p;
      }
      break;
    }
    // heapsort: repeatedly move the largest to the end
    for (int last = size - 1; last > 0; last--) {
      int ti = hi[0];
      double td = hd[0];
      hi[0] = hi[last];
      hd[0] = hd[last];
      hi[last] = ti;
      hd[last] = td;
      siftDown(hi, hd, 0, 0, last);
    }
    out.setSize(size);
    return size;
  }

  /**
   * Scans positions {@code [lo, hi)} into the bounded max-heap of {@code size} entries at {@code hi_[h ..]},
   * {@code hd[h ..]} (capacity {@code k}); returns the new size.
   */
  private int scanKnn(int lo, int hi, boolean identical, double[] q, int qo, int k, int[] hi_,
      double[] hd, int h, int size) {
    double[] xs = this.xs;
    int[] perm = this.perm;
    int d = this.d;
    boolean eu = euclidean;
    Metric mt = metric;
    boolean eu2 = eu && d == 2;
    double q0 = q[qo];
    double q1 = d > 1 ? q[qo + 1] : 0;
    for (int p = lo, off = lo * d; p < hi; p++, off += d) {
      double s;
      if (eu2) {
        double t0 = q0 - xs[off];
        double t1 = q1 - xs[off + 1];
        s = t0 * t0 + t1 * t1; // equals Metric.EUCLIDEAN's loop exactly, as in scanLeaf
      } else if (eu) {
        s = 0;
        for (int j = 0; j < d; j++) {
          double t = q[qo + j] - xs[off + j];
          s += t * t;
        }
      } else {
        s = mt.reducedDistance(q, qo, xs, off, d);
      }
      int id = perm[p];
      if (size < k) {
        // sift up
        int c = size++;
        while (c > 0) {
          int par = (c - 1) >> 1;
          if (hd[h + par] > s || (hd[h + par] == s && hi_[h + par] > id)) {
            break;
          }
          hi_[h + c] = hi_[h + par];
          hd[h + c] = hd[h + par];
          c = par;
        }
        hi_[h + c] = id;
        hd[h + c] = s;
      } else if (s < hd[h] || (s == hd[h] && id < hi_[h])) {
        hi_[h] = id;
        hd[h] = s;
        siftDown(hi_, hd, h, 0, size);
      } else if (identical) {
        // same distance and larger row index for every remaining point: none can enter
        break;
      }
    }
    return size;
  }

  /**
   * Restores the max-heap order by (distance, index) below position {@code c} in the heap of {@code size} entries
   * at offset {@code h}.
   */
  private static void siftDown(int[] hi, double[] hd, int h, int c, int size) {
    int id = hi[h + c];
    double s = hd[h + c];
    while (true) {
      int l = 2 * c + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int big = l;
      if (r < size && (hd[h + r] > hd[h + l] || (hd[h + r] == hd[h + l] && hi[h + r] > hi[h + l]))) {
        big = r;
      }
      if (hd[h + big] < s || (hd[h + big] == s && hi[h + big] < id)) {
        break;
      }
      hi[h + c] = hi[h + big];
      hd[h + c] = hd[h + big];
      c = big;
    }
    hi[h + c] = id;
    hd[h + c] = s;
  }

  // ---------------------------------------------------------------------------------------------------
  // k nearest neighbours of every indexed row

  /** Receives the k nearest neighbours of one indexed row from {@link #knnOfRows}. */
  @FunctionalInterface
  public interface RowNeighbors {
    /**
     * @param row the indexed row
     * @param neighbors its k nearest rows, nearest first, exactly as {@link KdTree#knn(int, int, Neighbors)} lists
     *     them; a buffer of the calling thread, reused for its next row once this call returns
     */
    void accept(int row, Neighbors neighbors);
  }

  /** Leaves per chunk of {@link #knnOfRows}: fixed, so the chunks do not depend on the thread count. */
  private static final int LEAF_CHUNK = 32;

  /**
   * The {@code k} nearest neighbours of every indexed row, the row itself included: for each row {@code i},
   * {@code consumer} receives exactly what {@link #knn(int, int, Neighbors) knn(i, k, out)} leaves in {@code out}
   * (the same rows in the same order, ties by smaller row index, the same distances bit for bit), but faster than
   * {@code n} such queries. The rows of one leaf share one walk of the tree: a subtree is skipped when the gap
   * between its box and the leaf's box is beyond the k-th candidate of every row of the leaf, and each row still
   * skips a visited leaf by its own bound before its points are measured, so no row measures a point that its own
   * query would have pruned at that leaf. A leaf of identical rows is answered by one query. Work runs in fixed
   * chunks of leaves on up to {@code parallelism} threads (one {@link ChunkRunner}); the answers do not depend
   * on the thread count, but the order of the calls does: {@code consumer} is called once per row, from any of
   * those threads, concurrently for different rows, and must write only that row's outputs. Memory: besides
   * one {@link Neighbors} buffer per thread, {@code 2 k} values per row of one leaf per thread.
   *
   * @param k neighbours per row, in {@code [1, size()]}
   * @param parallelism threads, {@code >= 1}
   * @param consumer receives every row's neighbours
   * @throws IllegalArgumentException if {@code k} is out of range, {@code parallelism < 1} or {@code consumer} is
   *     null
   */
  public void knnOfRows(int k, int parallelism, RowNeighbors consumer) {
    QueryChecks.k(k, n);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    if (consumer == null) {
      throw new IllegalArgumentException("consumer must not be null");
    }
    int[] leaves = leaves();
    int chunks = ChunkRunner.chunks(leaves.length, LEAF_CHUNK);
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      LeafBlock[] blocks = new LeafBlock[runner.parallelism()];
      runner.run(chunks, (c, w) -> {
        LeafBlock blk = blocks[w];
        if (blk == null) {
          blk = new LeafBlock(k, d);
          blocks[w] = blk;
        }
        int end = Math.min(leaves.length, (c + 1) * LEAF_CHUNK);
        for (int t = c * LEAF_CHUNK; t < end; t++) {
          leafKnn(leaves[t], k, blk, consumer);
        }
      });
    }
  }

  /** The live leaves in position order. */
  private int[] leaves() {
    int count = 0;
    for (int kind : split) {
      count += kind == LEAF || kind == POINT_LEAF ? 1 : 0;
    }
    int[] out = new int[count];
    int t = 0;
    int b = 0;
    while (b >= 0) {
      if (split[b] >= 0) {
        b = 2 * b + 1;
      } else {
        out[t++] = b;
        b = next(b);
      }
    }
    return out;
  }

  /** One thread's scratch for {@link #knnOfRows}: the rows of one leaf, their heaps and bounds. */
  private static final class LeafBlock {
    final int k;
    final Neighbors buf;
    /** The leaf's box centre, by dimension: decides which child the walk visits first. */
    final double[] centre;
    double[] q = new double[0];
    int[] rows = new int[0];
    int[] heapIdx = new int[0];
    double[] heapRed = new double[0];
    int[] sizes = new int[0];

    LeafBlock(int k, int d) {
      this.k = k;
      this.buf = new Neighbors(k);
      this.centre = new double[d];
    }

    void ensure(int m, int d) {
      if (rows.length < m) {
        q = new double[m * d];
        rows = new int[m];
        heapIdx = new int[m * k];
        heapRed = new double[m * k];
        sizes = new int[m];
      }
    }
  }

  private void leafKnn(int leaf, int k, LeafBlock blk, RowNeighbors consumer) {
    int lo = range[2 * leaf];
    int hi = range[2 * leaf + 1];
    Neighbors buf = blk.buf;
    if (split[leaf] == POINT_LEAF) {
      // identical rows (at most the sign of a zero differs, which changes no distance): one query answers them all
      int m = hi - lo;
      blk.ensure(1, d);
      knn(x, perm[lo] * d, k, buf);
      System.arraycopy(buf.rawIndices(), 0, blk.heapIdx, 0, k);
      System.arraycopy(buf.rawReduced(), 0, blk.heapRed, 0, k);
      for (int t = 0; t < m; t++) {
        deliver(perm[lo + t], blk.heapIdx, blk.heapRed, 0, k, buf, consumer);
      }
      return;
    }
    int m = hi - lo;
    int d = this.d;
    blk.ensure(m, d);
    double[] q = blk.q;
    int[] rows = blk.rows;
    int[] hIdx = blk.heapIdx;
    double[] hRed = blk.heapRed;
    int[] sizes = blk.sizes;
    for (int r = 0; r < m; r++) {
      int row = perm[lo + r];
      rows[r] = row;
      System.arraycopy(x, row * d, q, r * d, d);
      sizes[r] = 0;
    }
    double[] centre = blk.centre;
    int lb = leaf * 2 * d;
    for (int j = 0; j < d; j++) {
      centre[j] = 0.5 * box[lb + 2 * j] + 0.5 * box[lb + 2 * j + 1];
    }
    // the walk's bound: the largest k-th candidate of the leaf's rows (+inf while a heap is not full), and the
    // largest k-th row index among the rows whose k-th candidate lies at that distance: a subtree exactly that far
    // is skipped only when its rows all come after the k-th candidate of each of those rows
    double bound = Double.POSITIVE_INFINITY;
    int boundRow = Integer.MAX_VALUE;
    int b = 0;
    descend:
    while (true) {
      double lower;
      if (bound == Double.POSITIVE_INFINITY || (lower = boxGap(b, leaf)) < bound
          || (lower == bound && minRow[b] < boundRow)) {
        int kind = split[b];
        if (kind >= 0) {
          b = centre[kind] < splitValue[b] ? 2 * b + 1 : 2 * b + 2;
          continue;
        }
        int blo = range[2 * b];
        int bhi = range[2 * b + 1];
        boolean identical = kind == POINT_LEAF;
        double nb = Double.NEGATIVE_INFINITY;
        int nbRow = Integer.MAX_VALUE;
        for (int r = 0, h = 0; r < m; r++, h += k) {
          int size = sizes[r];
          double own;
          if (size < k || (own = minDist(b, q, r * d)) < hRed[h] || (own == hRed[h] && minRow[b] < hIdx[h])) {
            size = scanKnn(blo, bhi, identical, q, r * d, k, hIdx, hRed, h, size);
            sizes[r] = size;
          }
          double top = size < k ? Double.POSITIVE_INFINITY : hRed[h];
          if (top > nb) {
            nb = top;
            nbRow = size < k ? Integer.MAX_VALUE : hIdx[h];
          } else if (top == nb && size == k) {
            nbRow = Math.max(nbRow, hIdx[h]);
          }
        }
        bound = nb;
        boundRow = nbRow;
      }
      while (b > 0) {
        int p = (b - 1) >> 1;
        int near = centre[split[p]] < splitValue[p] ? 2 * p + 1 : 2 * p + 2;
        if (b == near) {
          b = (b & 1) == 1 ? b + 1 : b - 1;
          continue descend;
        }
        b = p;
      }
      break;
    }
    for (int r = 0, h = 0; r < m; r++, h += k) {
      for (int last = k - 1; last > 0; last--) {
        int ti = hIdx[h];
        double td = hRed[h];
        hIdx[h] = hIdx[h + last];
        hRed[h] = hRed[h + last];
        hIdx[h + last] = ti;
        hRed[h + last] = td;
        siftDown(hIdx, hRed, h, 0, last);
      }
      deliver(rows[r], hIdx, hRed, h, k, buf, consumer);
    }
  }

  /**
   * A lower bound of {@link #minDist minDist(b, q)} for every point {@code q} in the box of {@code leaf}, bit for bit
   * in floating point: per dimension the gap between the two boxes ({@code fl(lo_b - hi_leaf)} is at most
   * {@code fl(lo_b - q_j)} for {@code q_j <= hi_leaf}, rounding being monotone), accumulated in the same order.
   */
  private double boxGap(int b, int leaf) {
    int bo = b * 2 * d;
    int lo = leaf * 2 * d;
    double s = 0;
    if (euclidean) {
      for (int j = 0; j < d; j++) {
        double blo = box[bo + 2 * j];
        double bhi = box[bo + 2 * j + 1];
        double llo = box[lo + 2 * j];
        double lhi = box[lo + 2 * j + 1];
        double g = lhi < blo ? blo - lhi : (llo > bhi ? llo - bhi : 0);
        s += g * g;
      }
    } else {
      Metric mt = metric;
      for (int j = 0; j < d; j++) {
        double blo = box[bo + 2 * j];
        double bhi = box[bo + 2 * j + 1];
        double llo = box[lo + 2 * j];
        double lhi = box[lo + 2 * j + 1];
        double g = lhi < blo ? blo - lhi : (llo > bhi ? llo - bhi : 0);
        s = mt.accumulate(s, g);
      }
    }
    return s;
  }

  /** Hands one row's sorted neighbours ({@code k} at offset {@code h}) to the consumer in the thread's buffer. */
  private void deliver(int row, int[] idx, double[] red, int h, int k, Neighbors buf, RowNeighbors consumer) {
    buf.reset(metric, scale);
    System.arraycopy(idx, h, buf.rawIndices(), 0, k);
    System.arraycopy(red, h, buf.rawReduced(), 0, k);
    buf.setSize(k);
    consumer.accept(row, buf);
  }

  /** A summary: the number of points, their dimension, the metric and the leaf size. */
  @Override
  public String toString() {
    return "KdTree[n=" + n + ", d=" + d + ", metric=" + metric + ", leafSize=" + leafSize + "]";
  }
}
