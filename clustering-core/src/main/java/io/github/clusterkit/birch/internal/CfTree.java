package io.github.clusterkit.birch.internal;

import java.util.Arrays;

/**
 * The clustering-feature tree of BIRCH in flat arrays, with scikit-learn 1.2.1's arithmetic
 * ({@code sklearn.cluster._birch}): the insertion path by {@code -2 c.x + ||c||^2}, the squared radius as
 * {@code SS / n - ||c||^2}, the centroid of a leaf merge as {@code (1 / n) * LS} and of an update as {@code LS / n},
 * a node split on its farthest pair of entries by {@code (-2 a.b + ||a||^2) + ||b||^2}; and every sum rounded as
 * numpy 1.24 with OpenBLAS (x86-64, Haswell kernels) rounds it there: {@code ddot} (a fused multiply-add per term in
 * index order, below 16 values), {@code dgemv} for the insertion ({@code closestEntry}), {@code einsum} for the split's
 * norms ({@code rowNorm}), {@code dsyrk}'s products for the split (index order with fused multiply-adds; exact for
 * small nodes, see {@code Birch}). Not API; not thread-safe.
 *
 * <p>Subclusters and nodes live in growing pools addressed by number. A leaf subcluster keeps its number for the
 * tree's life (a split moves it to a new node); a non-leaf subcluster replaced in a split, and the node split, are
 * left unused in the pools (at most two per split).
 */
public final class CfTree {

  private final int d;
  private final int b;
  private final double thresholdSq;

  // subclusters
  private int subs;
  private long[] count = new long[16];
  private double[] ls;
  private double[] ss = new double[16];
  private double[] cen;
  private double[] sq = new double[16];
  private int[] child = new int[16];

  // nodes; node 0 is the dummy leaf in front of the list of leaves
  private int nodes;
  private int[] entries;
  private int[] size = new int[8];
  private boolean[] leaf = new boolean[8];
  private int[] prev = new int[8];
  private int[] next = new int[8];
  private int root;

  private long rows;
  /** The leaf subcluster the last inserted row joined or started. */
  private int landed;
  private final double[] tmp;
  /** Per split: the entries' squared norms, and the farthest pair's rows of the distance matrix. */
  private final double[] norms;
  private final double[] row1;
  private final double[] row2;

  /**
   * @param d the number of columns, at least 1
   * @param threshold the radius threshold, finite and positive
   * @param branchingFactor the most entries of a node, at least 2
   */
  public CfTree(int d, double threshold, int branchingFactor) {
    this.d = d;
    this.b = branchingFactor;
    this.thresholdSq = threshold * threshold;
    this.ls = new double[16 * d];
    this.cen = new double[16 * d];
    this.entries = new int[8 * (b + 1)];
    this.tmp = new double[d];
    this.norms = new double[b + 1];
    this.row1 = new double[b + 1];
    this.row2 = new double[b + 1];
    int dummy = newNode(true);
    root = newNode(true);
    next[dummy] = root;
    prev[root] = dummy;
  }

  /** @return the number of rows inserted */
  public long rows() {
    return rows;
  }

  /** @return the number of columns */
  public int dimension() {
    return d;
  }

  /**
   * Inserts one row (scikit-learn's {@code partial_fit} of one sample).
   *
   * @param x values (not modified)
   * @param off offset of the row in {@code x}
   * @return the number of the leaf subcluster the row joined or started
   */
  public int insert(double[] x, int off) {
    double xss = dot(x, off, x, off);
    if (insert(root, x, off, xss)) {
      int[] two = split(root);
      int r = newNode(false);
      append(r, two[0]);
      append(r, two[1]);
      root = r;
    }
    rows++;
    return landed;
  }

  /**
   * Inserts {@code n} rows in order.
   *
   * @param x row-major values (not modified)
   * @param n number of rows
   */
  public void insertAll(double[] x, int n) {
    for (int i = 0; i < n; i++) {
      insert(x, i * d);
    }
  }

  /**
   * Inserts {@code n} rows in order and records where each landed.
   *
   * @param x row-major values (not modified)
   * @param n number of rows
   * @param landedOut receives, per row, the number of the leaf subcluster it joined or started (as {@link #insert})
   */
  public void insertAll(double[] x, int n, int[] landedOut) {
    for (int i = 0; i < n; i++) {
      landedOut[i] = insert(x, i * d);
    }
  }

  private boolean insert(int node, double[] x, int off, double xss) {
    int m = size[node];
    int base = node * (b + 1);
    if (m == 0) {
      int s = newLeafSub(x, off, xss);
      append(node, s);
      landed = s;
      return false;
    }
    int closestIndex = m == 1 ? 0 : closestEntry(base, m, x, off);
    int closest = entries[base + closestIndex];
    if (child[closest] >= 0) {
      if (!insert(child[closest], x, off, xss)) {
        update(closest, x, off, xss);
        return false;
      }
      int[] two = split(child[closest]);
      entries[base + closestIndex] = two[0];
      append(node, two[1]);
      return size[node] > b;
    }
    if (tryMerge(closest, x, off, xss)) {
      landed = closest;
      return false;
    }
    int s = newLeafSub(x, off, xss);
    append(node, s);
    landed = s;
    return size[node] > b;
  }

  /** scikit-learn's {@code merge_subcluster}: merges if the squared radius {@code SS / n - ||c||^2} is at most t^2. */
  private boolean tryMerge(int s, double[] x, int off, double xss) {
    double newSs = ss[s] + xss;
    long newN = count[s] + 1;
    int so = s * d;
    double inv = 1.0 / newN;
    for (int j = 0; j < d; j++) {
      tmp[j] = inv * (ls[so + j] + x[off + j]);
    }
    double newSq = dot(tmp, 0, tmp, 0);
    double sqRadius = newSs / newN - newSq;
    if (!(sqRadius <= thresholdSq)) {
      return false;
    }
    for (int j = 0; j < d; j++) {
      ls[so + j] += x[off + j];
    }
    System.arraycopy(tmp, 0, cen, so, d);
    count[s] = newN;
    ss[s] = newSs;
    sq[s] = newSq;
    return true;
  }

  /** scikit-learn's {@code _CFSubcluster.update} with one row. */
  private void update(int s, double[] x, int off, double xss) {
    int so = s * d;
    count[s]++;
    for (int j = 0; j < d; j++) {
      ls[so + j] += x[off + j];
    }
    ss[s] += xss;
    double n = count[s];
    for (int j = 0; j < d; j++) {
      cen[so + j] = ls[so + j] / n;
    }
    sq[s] = dot(cen, so, cen, so);
  }

  /** scikit-learn's {@code _CFSubcluster.update} with another subcluster, into an empty or growing one. */
  private void absorb(int s, int o) {
    int so = s * d;
    int oo = o * d;
    count[s] += count[o];
    for (int j = 0; j < d; j++) {
      ls[so + j] += ls[oo + j];
    }
    ss[s] += ss[o];
    double n = count[s];
    for (int j = 0; j < d; j++) {
      cen[so + j] = ls[so + j] / n;
    }
    sq[s] = dot(cen, so, cen, so);
  }

  /**
   * scikit-learn's {@code _split_node}: two new nodes under two new subclusters; the farthest pair by the first
   * maximum of the full matrix of {@code (-2 a.b + ||a||^2) + ||b||^2} (row-major order, negatives to 0, diagonal 0);
   * each entry to the first of the pair unless strictly nearer the second, the first itself always to the first.
   */
  private int[] split(int node) {
    int m = size[node];
    int base = node * (b + 1);
    boolean isLeaf = leaf[node];
    int n1 = newNode(isLeaf);
    int n2 = newNode(isLeaf);
    int s1 = newEmptySub(n1);
    int s2 = newEmptySub(n2);
    if (isLeaf) {
      int p = prev[node];
      int q = next[node];
      if (p >= 0) {
        next[p] = n1;
      }
      prev[n1] = p;
      next[n1] = n2;
      prev[n2] = n1;
      next[n2] = q;
      if (q >= 0) {
        prev[q] = n2;
      }
    }
    // row norms as scikit-learn's euclidean_distances computes them when Y is X: from the centroids themselves
    for (int i = 0; i < m; i++) {
      norms[i] = rowNorm(cen, entries[base + i] * d);
    }
    // the first maximum in row-major order; the matrix is not stored (a node may hold thousands of entries), the two
    // rows needed afterwards are computed again by the same expression
    int far1 = 0;
    int far2 = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double v = splitDistance(base, i, j);
        if (v > max) {
          max = v;
          far1 = i;
          far2 = j;
        }
      }
    }
    for (int t = 0; t < m; t++) {
      row1[t] = splitDistance(base, far1, t);
      row2[t] = splitDistance(base, far2, t);
    }
    for (int t = 0; t < m; t++) {
      int e = entries[base + t];
      boolean first = t == far1 || row1[t] < row2[t];
      if (first) {
        append(n1, e);
        absorb(s1, e);
      } else {
        append(n2, e);
        absorb(s2, e);
      }
    }
    return new int[] {s1, s2};
  }

  /**
   * Entry {@code (i, j)} of scikit-learn's split matrix, {@code euclidean_distances(centroids_, squared=True)}:
   * {@code (-2 a.b + ||a||^2) + ||b||^2}, negatives to 0, the diagonal 0 (needs {@link #norms} of the node).
   */
  private double splitDistance(int base, int i, int j) {
    if (i == j) {
      return 0;
    }
    double v = dot(cen, entries[base + i] * d, cen, entries[base + j] * d) * -2.0 + norms[i] + norms[j];
    return v > 0 ? v : 0;
  }

  private static double dot(double[] a, int ao, double[] c, int co, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s = Math.fma(a[ao + j], c[co + j], s);
    }
    return s;
  }

  private double dot(double[] a, int ao, double[] c, int co) {
    return dot(a, ao, c, co, d);
  }

  /**
   * The first entry of a node of {@code m > 1} entries with the least {@code -2 c.x + ||c||^2}, each term
   * {@code c.x} of the matrix-vector product {@code C x} of the node's centroids with the row rounded as
   * scikit-learn's {@code np.dot(centroids_, x)} is by OpenBLAS's {@code dgemv_t} on x86-64 (Haswell kernels): the
   * columns in blocks of four rows, each term's lanes (rows modulo 4) summed with fused multiply-adds and reduced as
   * {@code (l0 + l2) + (l1 + l3)} for the first {@code 4 floor(m / 4)} centroids; the next two, if {@code m mod 4}
   * is 2 or 3, in two lanes (rows modulo 2) of plain products and sums; the last, if {@code m} is odd past those, in
   * four such lanes; then the last {@code d mod 4} columns added as that kernel's C code rounds them. (One centroid
   * alone, a plain dot product there, is the closest whatever its value: the caller does not ask.) Only the order of
   * the terms matters to the tree, and only where two entries are within rounding of each other; other BLAS builds
   * round otherwise there. The kernels are small methods the compiler inlines into this loop (one method for all
   * three was too large to inline: a call per entry).
   */
  private int closestEntry(int base, int m, double[] x, int xo) {
    int m3 = d & 3;
    int m1 = d - m3;
    int full = m & ~3;
    int twoEnd = (m & 2) != 0 ? full + 2 : full;
    double[] a = cen;
    int closestIndex = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int t = 0; t < m; t++) {
      int e = entries[base + t];
      int ao = e * d;
      double y = 0;
      if (m1 > 0) {
        double v;
        if (t < full) {
          v = fourFused(a, ao, x, xo, m1);
        } else if (t < twoEnd) {
          v = twoPlain(a, ao, x, xo, m1);
        } else {
          v = fourPlain(a, ao, x, xo, m1);
        }
        y += v;
      }
      if (m3 != 0) {
        y = tail(y, a, ao + m1, x, xo + m1, m3);
      }
      double v = y * -2.0 + sq[e];
      if (v < best || t == 0) {
        best = v;
        closestIndex = t;
      }
    }
    return closestIndex;
  }

  /** {@code dgemv_t}'s four fused lanes over the first {@code m1} columns, reduced as {@code (l0 + l2) + (l1 + l3)}. */
  private static double fourFused(double[] a, int ao, double[] x, int xo, int m1) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    for (int i = 0; i < m1; i += 4) {
      l0 = Math.fma(a[ao + i], x[xo + i], l0);
      l1 = Math.fma(a[ao + i + 1], x[xo + i + 1], l1);
      l2 = Math.fma(a[ao + i + 2], x[xo + i + 2], l2);
      l3 = Math.fma(a[ao + i + 3], x[xo + i + 3], l3);
    }
    return (l0 + l2) + (l1 + l3);
  }

  /** {@code dgemv_t}'s two plain lanes (even and odd columns) over the first {@code m1} columns. */
  private static double twoPlain(double[] a, int ao, double[] x, int xo, int m1) {
    double e = 0;
    double o = 0;
    for (int i = 0; i < m1; i += 2) {
      e += a[ao + i] * x[xo + i];
      o += a[ao + i + 1] * x[xo + i + 1];
    }
    return e + o;
  }

  /** {@code dgemv_t}'s four plain lanes over the first {@code m1} columns, reduced as {@code (l0 + l2) + (l1 + l3)}. */
  private static double fourPlain(double[] a, int ao, double[] x, int xo, int m1) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    for (int i = 0; i < m1; i += 4) {
      l0 += a[ao + i] * x[xo + i];
      l1 += a[ao + i + 1] * x[xo + i + 1];
      l2 += a[ao + i + 2] * x[xo + i + 2];
      l3 += a[ao + i + 3] * x[xo + i + 3];
    }
    return (l0 + l2) + (l1 + l3);
  }

  /** The last {@code m3} (1 to 3) columns added to {@code y} as {@code dgemv_t}'s C code rounds them. */
  private static double tail(double y, double[] a, int k, double[] x, int q, int m3) {
    if (m3 == 1) {
      return Math.fma(a[k], x[q], y);
    } else if (m3 == 2) {
      return y + Math.fma(a[k], x[q], a[k + 1] * x[q + 1]);
    }
    return y + Math.fma(a[k + 2], x[q + 2], Math.fma(a[k], x[q], a[k + 1] * x[q + 1]));
  }

  /**
   * A squared norm as numpy's {@code einsum('ij,ij->i')} rounds it (scikit-learn's {@code row_norms}, SSE2 baseline):
   * two lanes (even and odd columns) of plain products and sums, eight columns at a time innermost-last, then the
   * rest two at a time, the lanes added at the end.
   */
  private double rowNorm(double[] a, int ao) {
    double l0 = 0;
    double l1 = 0;
    int k = ao;
    int c = d;
    while (c >= 8) {
      double v0 = a[k + 6] * a[k + 6] + l0;
      double v1 = a[k + 7] * a[k + 7] + l1;
      v0 = a[k + 4] * a[k + 4] + v0;
      v1 = a[k + 5] * a[k + 5] + v1;
      v0 = a[k + 2] * a[k + 2] + v0;
      v1 = a[k + 3] * a[k + 3] + v1;
      l0 = a[k] * a[k] + v0;
      l1 = a[k + 1] * a[k + 1] + v1;
      k += 8;
      c -= 8;
    }
    while (c > 0) {
      l0 = a[k] * a[k] + l0;
      if (c > 1) {
        l1 = a[k + 1] * a[k + 1] + l1;
      }
      k += 2;
      c -= 2;
    }
    return l0 + l1;
  }

  private int newNode(boolean isLeaf) {
    if (nodes == size.length) {
      int cap = nodes * 2;
      size = Arrays.copyOf(size, cap);
      leaf = Arrays.copyOf(leaf, cap);
      prev = Arrays.copyOf(prev, cap);
      next = Arrays.copyOf(next, cap);
      entries = Arrays.copyOf(entries, cap * (b + 1));
    }
    int id = nodes++;
    leaf[id] = isLeaf;
    prev[id] = -1;
    next[id] = -1;
    size[id] = 0;
    return id;
  }

  private void append(int node, int s) {
    entries[node * (b + 1) + size[node]++] = s;
  }

  private int newSub() {
    if (subs == count.length) {
      int cap = subs * 2;
      count = Arrays.copyOf(count, cap);
      ss = Arrays.copyOf(ss, cap);
      sq = Arrays.copyOf(sq, cap);
      child = Arrays.copyOf(child, cap);
      ls = Arrays.copyOf(ls, cap * d);
      cen = Arrays.copyOf(cen, cap * d);
    }
    return subs++;
  }

  private int newLeafSub(double[] x, int off, double xss) {
    int s = newSub();
    count[s] = 1;
    System.arraycopy(x, off, ls, s * d, d);
    System.arraycopy(x, off, cen, s * d, d);
    ss[s] = xss;
    sq[s] = xss;
    child[s] = -1;
    return s;
  }

  private int newEmptySub(int childNode) {
    int s = newSub();
    count[s] = 0;
    Arrays.fill(ls, s * d, s * d + d, 0.0);
    Arrays.fill(cen, s * d, s * d + d, 0.0);
    ss[s] = 0;
    sq[s] = 0;
    child[s] = childNode;
    return s;
  }

  /**
   * @return the leaf subclusters' numbers in scikit-learn's order ({@code subcluster_centers_}): leaves in list order,
   *     each leaf's entries in node order
   */
  public int[] leafSubclusters() {
    int total = 0;
    for (int leafNode = next[0]; leafNode >= 0; leafNode = next[leafNode]) {
      total += size[leafNode];
    }
    int[] out = new int[total];
    int k = 0;
    for (int leafNode = next[0]; leafNode >= 0; leafNode = next[leafNode]) {
      System.arraycopy(entries, leafNode * (b + 1), out, k, size[leafNode]);
      k += size[leafNode];
    }
    return out;
  }

  /** @return one past the largest subcluster number in use */
  public int subclusterNumbers() {
    return subs;
  }

  /**
   * @param subs subcluster numbers
   * @return their centroids, row-major
   */
  public double[] centroids(int[] subs) {
    double[] out = new double[subs.length * d];
    for (int i = 0; i < subs.length; i++) {
      System.arraycopy(cen, subs[i] * d, out, i * d, d);
    }
    return out;
  }

  /**
   * @param subs subcluster numbers
   * @return their linear sums, row-major
   */
  public double[] linearSums(int[] subs) {
    double[] out = new double[subs.length * d];
    for (int i = 0; i < subs.length; i++) {
      System.arraycopy(ls, subs[i] * d, out, i * d, d);
    }
    return out;
  }

  /**
   * @param subs subcluster numbers
   * @return their numbers of rows
   */
  public long[] counts(int[] subs) {
    long[] out = new long[subs.length];
    for (int i = 0; i < subs.length; i++) {
      out[i] = count[subs[i]];
    }
    return out;
  }

  /**
   * @param subs subcluster numbers
   * @return their sums of squared norms of the rows
   */
  public double[] squaredSums(int[] subs) {
    double[] out = new double[subs.length];
    for (int i = 0; i < subs.length; i++) {
      out[i] = ss[subs[i]];
    }
    return out;
  }

  /** @return the number of levels, 1 for a root that is a leaf */
  public int height() {
    int h = 1;
    int node = root;
    while (!leaf[node]) {
      node = child[entries[node * (b + 1)]];
      h++;
    }
    return h;
  }

  /**
   * Checks the structure: every node reachable from the root holds 1..branchingFactor entries (the root may be an
   * empty leaf before the first row), a non-leaf's entries have children and a leaf's none, all leaves at the same
   * depth, every non-leaf subcluster's count the sum of its child's, and the list of leaves the leaves of the tree,
   * each once (in the list's own order, see below).
   *
   * @return null when every rule holds, else a description of the first broken rule
   */
  public String checkInvariants() {
    int[] leafOrder = new int[nodes];
    int[] found = new int[1];
    String err = check(root, 1, height(), leafOrder, found);
    if (err != null) {
      return err;
    }
    // The list holds the tree's leaves, each once, but not in the tree's left-to-right order: a split puts its two
    // halves in the list where the split leaf was, while the parent appends the second half's entry at its end
    // (scikit-learn's _split_node and update_split_subclusters).
    boolean[] inTree = new boolean[nodes];
    for (int i = 0; i < found[0]; i++) {
      inTree[leafOrder[i]] = true;
    }
    int k = 0;
    for (int leafNode = next[0]; leafNode >= 0; leafNode = next[leafNode]) {
      if (!inTree[leafNode]) {
        return "leaf list holds node " + leafNode + ", not a leaf of the tree or listed twice";
      }
      inTree[leafNode] = false;
      k++;
    }
    return k == found[0] ? null : "leaf list has " + k + " leaves, the tree " + found[0];
  }

  private String check(int node, int depth, int height, int[] leafOrder, int[] found) {
    int m = size[node];
    if (m > b || (m == 0 && !(node == root && rows == 0))) {
      return "node " + node + " holds " + m + " entries (branching factor " + b + ")";
    }
    int base = node * (b + 1);
    if (leaf[node]) {
      if (depth != height) {
        return "leaf " + node + " at depth " + depth + ", tree height " + height;
      }
      leafOrder[found[0]++] = node;
      for (int t = 0; t < m; t++) {
        if (child[entries[base + t]] >= 0) {
          return "leaf entry with a child in node " + node;
        }
      }
      return null;
    }
    for (int t = 0; t < m; t++) {
      int e = entries[base + t];
      int c = child[e];
      if (c < 0) {
        return "non-leaf entry without a child in node " + node;
      }
      long sum = 0;
      int cb = c * (b + 1);
      for (int u = 0; u < size[c]; u++) {
        sum += count[entries[cb + u]];
      }
      if (sum != count[e]) {
        return "subcluster " + e + " counts " + count[e] + ", its child " + sum;
      }
      String err = check(c, depth + 1, height, leafOrder, found);
      if (err != null) {
        return err;
      }
    }
    return null;
  }
}
