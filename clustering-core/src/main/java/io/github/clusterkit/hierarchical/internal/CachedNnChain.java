package io.github.clusterkit.hierarchical.internal;

import static io.github.clusterkit.hierarchical.internal.NearestLists.K;
import static io.github.clusterkit.hierarchical.internal.NearestLists.insert;

/**
 * The nearest-neighbour chain of {@link CondensedNnChain}, with the same merges, heights and order bit for
 * bit, but with each live cluster's {@value #K} nearest neighbours cached (sorted by distance, then original
 * index), in the manner of Anderberg's and Muellner's generic algorithms: the chain then rarely scans a
 * row. A list is kept exact through each merge by the update loop itself, which visits every live cluster
 * anyway: distances between clusters that do not merge never change, so the merged pair simply leaves the
 * list and the new cluster enters it where it ranks before the last remaining entry. Only a list emptied
 * by merges becomes unknown, and is rebuilt by a scan of its row when the chain next reaches it; a merged
 * cluster's list is built by the update loop. On 10^4 blobs in 10 dimensions, Ward, this cut the row scans
 * from 20,938 (94 million entries, half of them read down a column) with one cached neighbour to 11,470
 * (51 million). Initial lists (one entry) come from the distance matrix fill ({@link MatrixFill}). A rescan
 * reads the row's blocks of slots in ascending order of their lower bounds ({@link BlockBounds}, kept by the
 * update loop) and stops where no unread entry can enter the list: 7.8 million entries read instead of 51
 * million on that input, the same lists. Not API.
 *
 * <p>The matrix may hold the points in another order than the input ({@link SpatialOrder}): the chain
 * works on <em>slots</em> (positions in the matrix) and decides every tie on the original indices
 * ({@code orig[slot]}) exactly as SciPy decides it on its indices, so the order changes where values are
 * stored and nothing else. When the live clusters fall to half the matrix width, the matrix is compacted in
 * place (slot order kept).
 */
public final class CachedNnChain {

  private CachedNnChain() {}

  /**
   * Runs the chain on the matrix of reordered points ({@link MatrixFill#condensed(double[], int, int,
   * io.github.clusterkit.neighbors.Metric, int, double[], int[], int[], BlockBounds)} with the same order), which
   * it overwrites, with the block bounds of the matrix filled by {@link MatrixFill} (rescans then read only the
   * blocks that can hold a nearer neighbour).
   *
   * @param dist condensed distances between slots, destroyed
   * @param n number of points, {@code >= 2}
   * @param method update code
   * @param nnVal for each slot, its smallest distance to another slot (not modified)
   * @param nnIdx for each slot, the slot of smallest original index at that distance (not modified)
   * @param bounds the bounds of {@code dist}, updated as it changes
   * @param order original index of each slot (not modified), or null for the original order
   * @return the tree in SciPy's layout, in original indices
   */
  public static Tree run(double[] dist, int n, int method, double[] nnVal, int[] nnIdx, BlockBounds bounds,
      int[] order) {
    return run(dist, n, method, NearestLists.ofSingle(nnVal, nnIdx), bounds, order, COMPACT_MIN);
  }

  /** As {@link #run(double[], int, int, double[], int[], BlockBounds, int[])}, with {@code compactMin} (tests). */
  static Tree run(double[] dist, int n, int method, double[] nnVal, int[] nnIdx, BlockBounds bounds,
      int[] order, int compactMin) {
    return run(dist, n, method, NearestLists.ofSingle(nnVal, nnIdx), bounds, order, compactMin);
  }

  /**
   * As {@link #run(double[], int, int, double[], int[], BlockBounds, int[])}, compacting only while at least
   * {@code compactMin} clusters are live (tests force many compactions on small inputs).
   */
  static Tree run(double[] dist, int n, int method, NearestLists lists, BlockBounds bounds, int[] order,
      int compactMin) {
    int[] start = CondensedNnChain.rowStarts(n);
    int[] orig = new int[n]; // slot -> original index
    int[] slotOf = new int[n]; // original index -> slot, for live clusters
    int[] slot = new int[n]; // scratch of the compaction: old slot -> new slot
    boolean[] dead = new boolean[n]; // by original index
    int firstLive = 0; // smallest live original index: only grows, as the smaller index of a merge dies
    int width = n;
    int[] size = new int[n];
    int[] live = new int[n]; // live slots, ascending
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      live[i] = i;
      orig[i] = order == null ? i : order[i];
      slotOf[orig[i]] = i;
    }
    int nLive = n;
    // Each live slot's K nearest live clusters (fewer once some have merged away), sorted by (distance,
    // original index): kVal/kIdx[i * K + r], kCnt[i] valid entries (0: unknown, rescan before use), kThr[i]
    // the distance of the last valid entry (-inf when none). Distances between clusters that do not merge
    // never change, so a list stays exact while it keeps at least one entry.
    double[] kVal = lists.val;
    int[] kIdx = lists.idx;
    int[] kCnt = lists.cnt;
    double[] kThr = lists.thr;
    double[] bs = new double[n]; // the update's cluster sizes by live position (Ward)
    double[] bx = new double[n];
    double[] by = new double[n];
    double[] bz = new double[n];
    int[] chain = new int[n];
    int chainLength = 0;
    int[] ra = new int[n - 1];
    int[] rb = new int[n - 1];
    double[] rh = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      if (chainLength == 0) {
        while (dead[firstLive]) {
          firstLive++;
        }
        chain[0] = slotOf[firstLive];
        chainLength = 1;
      }
      int x;
      int y;
      while (true) {
        x = chain[chainLength - 1];
        if (kCnt[x] == 0) {
          rescan(dist, start, live, nLive, x, kVal, kIdx, kCnt, kThr, bx, orig, bounds);
        }
        // SciPy's scan: start from the previous chain element, move only to a strictly nearer cluster.
        if (chainLength > 1) {
          int prev = chain[chainLength - 2];
          double dPrev = x < prev ? dist[start[x] + prev] : dist[start[prev] + x];
          if (kVal[x * K] < dPrev) {
            y = kIdx[x * K];
          } else {
            break; // prev is a nearest neighbour: x and prev are mutual nearest neighbours
          }
        } else {
          y = kIdx[x * K];
        }
        chain[chainLength++] = y;
      }
      y = chain[chainLength - 2];
      // the merge height: the pair's entry in the matrix
      double currentMin = x < y ? dist[start[x] + y] : dist[start[y] + x];
      chainLength -= 2;
      if (orig[x] > orig[y]) { // the merged cluster keeps the larger original index, as in SciPy
        int t = x;
        x = y;
        y = t;
      }
      int nx = size[x];
      int ny = size[y];
      ra[k] = orig[x];
      rb[k] = orig[y];
      rh[k] = currentMin;
      dead[orig[x]] = true;
      size[x] = 0;
      size[y] = nx + ny;
      kCnt[x] = 0;
      kThr[x] = Double.NEGATIVE_INFINITY;
      nLive = remove(live, nLive, x);
      bounds.removed(x);
      update(dist, start, live, nLive, size, x, y, currentMin, nx, ny, method, bs, kVal, kIdx, kCnt, kThr,
          bx, by, bz, orig, bounds);
      if (nLive >= compactMin && (long) nLive * COMPACT_DEN <= (long) width * COMPACT_NUM) {
        bounds.compact(live, nLive);
        compact(dist, start, live, nLive, size, kVal, kIdx, kCnt, kThr, chain, chainLength, orig, slotOf, slot);
        width = nLive;
      }
    }
    return Tree.fromRecorded(n, ra, rb, rh);
  }

  /** Compact when the live clusters are at most this fraction, {@code NUM / DEN}, of the matrix width. */
  static final int COMPACT_NUM = 1;
  static final int COMPACT_DEN = 2;
  /** Narrower matrices (a few MB) stay in cache; compacting them gains nothing. */
  static final int COMPACT_MIN = 1024;

  /**
   * Copies the live part of the matrix to the front of {@code dist} as the condensed matrix of the
   * {@code m} live clusters, in slot order, and renumbers every per-cluster array to match (new slot
   * {@code p} is old slot {@code live[p]}). Ties are decided on original indices, which move with the
   * slots, so every merge and height is unchanged; later scans and updates skip the dead slots and walk a
   * smaller working set. Entries and slots move only to lower or equal positions and are copied in ascending
   * order, so all copies are in place.
   */
  private static void compact(double[] dist, int[] start, int[] live, int m, int[] size, double[] kVal,
      int[] kIdx, int[] kCnt, double[] kThr, int[] chain, int chainLength, int[] orig, int[] slotOf, int[] slot) {
    for (int p = 0; p < m; p++) {
      slot[live[p]] = p;
    }
    for (int p = 0; p < m - 1; p++) {
      int src = start[live[p]];
      int dst = (int) ((long) p * m - (long) p * (p + 1) / 2 - p - 1);
      for (int q = p + 1; q < m; q++) {
        dist[dst + q] = dist[src + live[q]];
      }
    }
    for (int p = 0; p < m; p++) {
      int i = live[p];
      size[p] = size[i];
      int c = kCnt[i];
      for (int r = 0; r < c; r++) { // lists hold live slots only
        kVal[p * K + r] = kVal[i * K + r];
        kIdx[p * K + r] = slot[kIdx[i * K + r]];
      }
      kCnt[p] = c;
      kThr[p] = kThr[i];
      orig[p] = orig[i];
      slotOf[orig[p]] = p;
      start[p] = (int) ((long) p * m - (long) p * (p + 1) / 2 - p - 1);
      live[p] = p;
    }
    for (int c = 0; c < chainLength; c++) {
      chain[c] = slot[chain[c]];
    }
  }

  private static int remove(int[] live, int nLive, int x) {
    int p = position(live, nLive, x);
    System.arraycopy(live, p + 1, live, p, nLive - p - 1);
    return nLive - 1;
  }

  /** Position of {@code x} in the ascending live list, or of the first live slot above it (binary search). */
  private static int position(int[] live, int nLive, int x) {
    int lo = 0;
    int hi = nLive;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (live[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Nearest live neighbours of {@code x} (its list): the smallest distances, the smallest original index
   * among equals. The blocks of slots are read in ascending order of their bound until a bound exceeds the
   * last entry of the full list (no unread entry can enter it, so the list is that of a full scan); each read
   * block's bound becomes its exact minimum. A block's distances are first gathered into {@code buf} by a
   * loop of independent loads (the part below x is one cache miss per element, so many misses in flight
   * matter more than anything else), then searched.
   */
  private static void rescan(double[] dist, int[] start, int[] live, int nLive, int x, double[] kVal,
      int[] kIdx, int[] kCnt, double[] kThr, double[] buf, int[] orig, BlockBounds bounds) {
    int px = position(live, nLive, x); // live[px] == x
    int rowX = start[x];
    int nb = bounds.nb;
    int w = bounds.width; // x's bound for block b is at b * w + x
    double[] bnd = bounds.bnd;
    int[] ord = bounds.ord;
    double[] key = bounds.key;
    for (int b = 0; b < nb; b++) { // insertion sort by bound (a NaN bound counts as unknown: -inf)
      double kb = bnd[b * w + x];
      if (kb != kb) {
        kb = Double.NEGATIVE_INFINITY;
      }
      int t = b;
      while (t > 0 && key[t - 1] > kb) {
        key[t] = key[t - 1];
        ord[t] = ord[t - 1];
        t--;
      }
      key[t] = kb;
      ord[t] = b;
    }
    int[] bpos = bounds.pos;
    int base = x * K;
    int c = 0;
    double last = Double.POSITIVE_INFINITY; // admits anything while the list is not full
    for (int t = 0; t < nb; t++) {
      if (c == K && key[t] > last) {
        break; // this and every later block hold only entries >= its bound > the last entry
      }
      int b = ord[t];
      int p0 = bpos[b];
      int p1 = bpos[b + 1];
      int e = Math.min(p1, px);
      for (int p = p0; p < e; p++) {
        buf[p] = dist[start[live[p]] + x];
      }
      for (int p = Math.max(p0, px + 1); p < p1; p++) {
        buf[p] = dist[rowX + live[p]];
      }
      if (px >= p0 && px < p1) {
        buf[px] = Double.POSITIVE_INFINITY; // x itself
      }
      double mn = Double.POSITIVE_INFINITY;
      for (int p = p0; p < p1; p++) {
        double v = buf[p];
        mn = Math.min(mn, v);
        if (v <= last && p != px) {
          c = insert(kVal, kIdx, base, c, v, live[p], orig);
          last = c == K ? kVal[base + K - 1] : Double.POSITIVE_INFINITY;
        }
      }
      bnd[b * w + x] = mn;
    }
    kCnt[x] = c;
    kThr[x] = c > 0 ? kVal[base + c - 1] : Double.NEGATIVE_INFINITY;
  }

  /** Positions per block of the update: its rows' pages are still in the TLB when the block is written. */
  static final int BLOCK = 256;

  /**
   * SciPy's update loop (x already removed from the live list, y the merged cluster; either slot may be the
   * smaller), keeping every cache exact: the new cluster's neighbour is found on the way, and each other
   * cluster's cache either takes the new cluster, stays, or is dropped when it pointed at x or y and the
   * new distance is not smaller. Done in blocks of {@link #BLOCK} live positions, each in passes: gather
   * d(i, x) and d(i, y) (independent loads, many misses in flight), apply the Lance-Williams formula,
   * scatter the results back while the block's rows are still mapped in the TLB, then maintain the caches.
   * Positions are visited in ascending order in every pass, so the result is that of one plain loop.
   */
  private static void update(double[] dist, int[] start, int[] live, int nLive, int[] size, int x, int y,
      double dxy, int nx, int ny, int method, double[] bs, double[] kVal, int[] kIdx, int[] kCnt,
      double[] kThr, double[] bx, double[] by, double[] bz, int[] orig, BlockBounds bounds) {
    double[] bnd = bounds.bnd;
    int nb = bounds.nb;
    int w = bounds.width;
    int yBlock = y >> bounds.shift;
    int yBnd = yBlock * w; // every slot i's bound for the block of y is at yBnd + i: consecutive
    // With x in y's block, a new distance at least d(i, x) or d(i, y) is at least the bound already (both
    // were live entries of the block); only a smaller one (a linkage without reducibility, or rounding) or
    // one below d(i, y) when x lies in another block must be taken into the bound.
    boolean xApart = (x >> bounds.shift) != (y >> bounds.shift);
    // Slots s1 < s2 are {x, y}; g1 gathers d(i, s1), g2 d(i, s2).
    boolean yHigh = y > x;
    int s1 = yHigh ? x : y;
    int s2 = yHigh ? y : x;
    double[] g1 = yHigh ? bx : by;
    double[] g2 = yHigh ? by : bx;
    int row1 = start[s1];
    int row2 = start[s2];
    int pY = position(live, nLive, y); // live[pY] == y
    int a = position(live, nLive, s1); // first live slot >= s1
    int b = position(live, nLive, s2); // first live slot >= s2
    // Ranges of live positions: i < s1, s1 < i < s2, i > s2 (y itself excluded).
    int r2 = yHigh ? a : a + 1;
    int r3 = yHigh ? b + 1 : b;
    int yBase = y * K;
    int cY = 0; // y's list is rebuilt on the way; -inf keeps the list pass off it
    double lastY = Double.POSITIVE_INFINITY; // admits anything while y's list is not full
    kThr[y] = Double.NEGATIVE_INFINITY;
    for (int lo = 0; lo < nLive; lo += BLOCK) {
      int hi = Math.min(nLive, lo + BLOCK);
      // Gather: i < s1 both in row i; s1 < i < s2 d(s1, i) in row s1 and d(i, s2) in row i; i > s2 rows s1, s2.
      int e1 = Math.min(hi, a);
      for (int p = lo; p < e1; p++) {
        int ri = start[live[p]];
        g1[p] = dist[ri + s1];
        g2[p] = dist[ri + s2];
      }
      int e2 = Math.min(hi, b);
      for (int p = Math.max(lo, r2); p < e2; p++) {
        int i = live[p];
        g1[p] = dist[row1 + i];
        g2[p] = dist[start[i] + s2];
      }
      for (int p = Math.max(lo, r3); p < hi; p++) {
        int i = live[p];
        g1[p] = dist[row1 + i];
        g2[p] = dist[row2 + i];
      }
      boolean hasY = pY >= lo && pY < hi;
      if (hasY) {
        bx[pY] = 0;
        by[pY] = 0;
      }
      // Lance-Williams into bz (the old distances stay in bx, by for the lists).
      if (method == CondensedNnChain.WARD) {
        // SciPy's expression, t = 1.0 / (nx + ny + ni) and (ni + nx) * t * dxi * dxi + ..., on sizes held as
        // doubles (integer sums below 2^53 are exact, so the same bits): the gather of the sizes apart, the
        // arithmetic is one loop of independent lanes that the compiler vectorises (division and root too).
        for (int p = lo; p < hi; p++) {
          bs[p] = size[live[p]];
        }
        double fx = nx;
        double fy = ny;
        double fxy = nx + ny;
        for (int p = lo; p < hi; p++) {
          double ni = bs[p];
          double t = 1.0 / (fxy + ni);
          double dxi = bx[p];
          double dyi = by[p];
          bz[p] = Math.sqrt((ni + fx) * t * dxi * dxi + (ni + fy) * t * dyi * dyi - ni * t * dxy * dxy);
        }
      } else if (method == CondensedNnChain.COMPLETE) {
        for (int p = lo; p < hi; p++) {
          bz[p] = Math.max(bx[p], by[p]);
        }
      } else {
        double total = nx + ny;
        for (int p = lo; p < hi; p++) {
          bz[p] = (nx * bx[p] + ny * by[p]) / total;
        }
      }
      // Scatter to d(i, y): column y below y, row y above.
      if (yHigh) {
        for (int p = lo; p < e2; p++) { // e2 <= pY
          dist[start[live[p]] + y] = bz[p];
        }
        for (int p = Math.max(lo, r3); p < hi; p++) {
          dist[row2 + live[p]] = bz[p];
        }
      } else {
        for (int p = lo; p < e1; p++) {
          dist[start[live[p]] + y] = bz[p];
        }
        for (int p = Math.max(lo, r2); p < hi; p++) {
          dist[row1 + live[p]] = bz[p];
        }
      }
      // Caches.
      if (hasY) {
        bz[pY] = Double.POSITIVE_INFINITY; // y itself
        bx[pY] = Double.POSITIVE_INFINITY;
        by[pY] = Double.POSITIVE_INFINITY;
      }
      for (int p = lo; p < hi; p++) {
        double nd = bz[p];
        int i = live[p];
        if (nd <= lastY && p != pY) {
          cY = insert(kVal, kIdx, yBase, cY, nd, i, orig);
          lastY = cY == K ? kVal[yBase + K - 1] : Double.POSITIVE_INFINITY;
        }
        if (!(nd >= by[p]) && (xApart || !(nd >= bx[p])) && nd < bnd[yBnd + i]) {
          bnd[yBnd + i] = nd;
        }
        double t = kThr[i]; // -inf for an unknown list and for y, so nothing to do
        // x or y can be in the list, or the new cluster enter it, only at a distance <= its last entry's.
        if (bx[p] <= t || by[p] <= t || nd <= t) {
          relist(i, nd, x, y, kVal, kIdx, kCnt, kThr, orig);
        }
      }
    }
    // y's own bounds become unknown: its next rescan reads its whole new row and sets them (computing them
    // here, from the new row, was measured to cost about as much as those full rescans).
    for (int q = 0; q < nb; q++) {
      bnd[q * w + y] = Double.NEGATIVE_INFINITY;
    }
    kCnt[y] = cY;
    kThr[y] = cY > 0 ? kVal[yBase + cY - 1] : Double.NEGATIVE_INFINITY;
  }

  /**
   * Updates the list of {@code i} after x and y merged into y at distance {@code nd} from i: the entries of
   * x and y leave it (the rest stay the exact nearest, distances between other clusters being unchanged),
   * and the new y enters it where its key is below the last remaining entry's (beyond that, unknown
   * clusters could be nearer). An emptied list becomes unknown.
   */
  private static void relist(int i, double nd, int x, int y, double[] kVal, int[] kIdx, int[] kCnt,
      double[] kThr, int[] orig) {
    int base = i * K;
    int c = kCnt[i];
    int w = 0;
    for (int r = 0; r < c; r++) {
      int j = kIdx[base + r];
      if (j != x && j != y) {
        kVal[base + w] = kVal[base + r];
        kIdx[base + w] = j;
        w++;
      }
    }
    if (w == 0) {
      kCnt[i] = 0;
      kThr[i] = Double.NEGATIVE_INFINITY;
      return;
    }
    double u = kVal[base + w - 1];
    if (nd < u || (nd == u && orig[y] < orig[kIdx[base + w - 1]])) {
      w = insert(kVal, kIdx, base, w, nd, y, orig);
    }
    kCnt[i] = w;
    kThr[i] = kVal[base + w - 1];
  }
}
