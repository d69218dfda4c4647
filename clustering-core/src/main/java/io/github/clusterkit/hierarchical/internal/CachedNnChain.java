package io.github.clusterkit.hierarchical.internal;

/**
 * The nearest-neighbour chain of {@link CondensedNnChain}, with the same merges, heights and order bit for
 * bit, but with each live cluster's nearest neighbour cached (value and smallest index), in the manner of
 * Anderberg's and Muellner's generic algorithms: the chain then rarely scans a row. A cache is kept exact
 * through each merge by the update loop itself, which visits every live cluster anyway; only a cluster
 * whose cached neighbour was one of the two merged clusters, and whose distance to the new cluster is not
 * smaller, loses its cache and is rescanned when the chain next reaches it. Initial caches come from the
 * distance matrix fill ({@link MatrixFill}). Not API.
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
   * Runs the chain on {@code dist}, which it overwrites, with the points in their original order.
   *
   * @param dist condensed distances in SciPy's layout ({@code pdist} order), destroyed
   * @param n number of points, {@code >= 2}
   * @param method {@link CondensedNnChain#WARD}, {@link CondensedNnChain#COMPLETE} or
   *     {@link CondensedNnChain#AVERAGE}
   * @param nnVal for each point, its smallest distance to another point (destroyed)
   * @param nnIdx for each point, the smallest index at that distance (destroyed)
   * @return the tree in SciPy's layout
   */
  public static Tree run(double[] dist, int n, int method, double[] nnVal, int[] nnIdx) {
    return run(dist, n, method, nnVal, nnIdx, null, COMPACT_MIN);
  }

  /**
   * Runs the chain on the matrix of reordered points ({@link MatrixFill#condensed(double[], int, int,
   * io.github.clusterkit.neighbors.Metric, int, double[], int[], int[])} with the same order).
   *
   * @param dist condensed distances between slots, destroyed
   * @param n number of points, {@code >= 2}
   * @param method update code
   * @param nnVal for each slot, its smallest distance to another slot (destroyed)
   * @param nnIdx for each slot, the slot of smallest original index at that distance (destroyed)
   * @param order original index of each slot (not modified), or null for the original order
   * @return the tree in SciPy's layout, in original indices
   */
  public static Tree run(double[] dist, int n, int method, double[] nnVal, int[] nnIdx, int[] order) {
    return run(dist, n, method, nnVal, nnIdx, order, COMPACT_MIN);
  }

  /**
   * As {@link #run(double[], int, int, double[], int[], int[])}, compacting only while at least
   * {@code compactMin} clusters are live (tests force many compactions on small inputs).
   */
  static Tree run(double[] dist, int n, int method, double[] nnVal, int[] nnIdx, int[] order,
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
    boolean[] valid = new boolean[n];
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      live[i] = i;
      valid[i] = true;
      orig[i] = order == null ? i : order[i];
      slotOf[orig[i]] = i;
    }
    int nLive = n;
    double[] recip = new double[2 * n + 1]; // 2n: the update's pass also visits y itself (result unused)
    for (int s = 1; s <= 2 * n; s++) {
      recip[s] = 1.0 / s;
    }
    double[] bx = new double[n];
    double[] by = new double[n];
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
      double currentMin;
      while (true) {
        x = chain[chainLength - 1];
        if (!valid[x]) {
          rescan(dist, start, live, nLive, x, nnVal, nnIdx, bx, orig);
          valid[x] = true;
        }
        // SciPy's scan: start from the previous chain element, move only to a strictly nearer cluster.
        if (chainLength > 1) {
          int prev = chain[chainLength - 2];
          double dPrev = x < prev ? dist[start[x] + prev] : dist[start[prev] + x];
          if (nnVal[x] < dPrev) {
            y = nnIdx[x];
            currentMin = nnVal[x];
          } else {
            break; // prev is a nearest neighbour: x and prev are mutual nearest neighbours
          }
        } else {
          y = nnIdx[x];
          currentMin = nnVal[x];
        }
        chain[chainLength++] = y;
      }
      y = chain[chainLength - 2];
      currentMin = x < y ? dist[start[x] + y] : dist[start[y] + x];
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
      valid[x] = false;
      nLive = remove(live, nLive, x);
      update(dist, start, live, nLive, size, x, y, currentMin, nx, ny, method, recip, nnVal, nnIdx, valid, bx, by,
          orig);
      if (nLive >= compactMin && (long) nLive * COMPACT_DEN <= (long) width * COMPACT_NUM) {
        compact(dist, start, live, nLive, size, valid, nnVal, nnIdx, chain, chainLength, orig, slotOf, slot);
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
  private static void compact(double[] dist, int[] start, int[] live, int m, int[] size, boolean[] valid,
      double[] nnVal, int[] nnIdx, int[] chain, int chainLength, int[] orig, int[] slotOf, int[] slot) {
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
      valid[p] = valid[i];
      nnVal[p] = nnVal[i];
      nnIdx[p] = valid[i] && nnIdx[i] >= 0 ? slot[nnIdx[i]] : -1;
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
   * Nearest live neighbour of {@code x}: the smallest distance, the smallest original index among equals.
   * The live distances are first gathered into {@code buf} by a loop of independent loads (the part below x
   * is one cache miss per element, so many misses in flight matter more than anything else), then searched.
   */
  private static void rescan(double[] dist, int[] start, int[] live, int nLive, int x, double[] nnVal,
      int[] nnIdx, double[] buf, int[] orig) {
    int px = position(live, nLive, x); // live[px] == x
    for (int p = 0; p < px; p++) {
      buf[p] = dist[start[live[p]] + x];
    }
    int rowX = start[x];
    for (int p = px + 1; p < nLive; p++) {
      buf[p] = dist[rowX + live[p]];
    }
    buf[px] = Double.POSITIVE_INFINITY; // x itself
    double best = Double.POSITIVE_INFINITY;
    int bestPos = -1;
    for (int p = 0; p < nLive; p++) {
      double b = buf[p];
      if (b <= best && (b < best || (bestPos >= 0 && orig[live[p]] < orig[live[bestPos]]))) {
        best = b;
        bestPos = p;
      }
    }
    nnVal[x] = best;
    nnIdx[x] = bestPos < 0 ? -1 : live[bestPos];
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
      double dxy, int nx, int ny, int method, double[] recip, double[] nnVal, int[] nnIdx, boolean[] valid,
      double[] bx, double[] by, int[] orig) {
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
    double bestY = Double.POSITIVE_INFINITY;
    int bestPos = -1;
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
      // Lance-Williams, in place in by.
      if (method == CondensedNnChain.WARD) {
        for (int p = lo; p < hi; p++) {
          int ni = size[live[p]];
          double t = recip[nx + ny + ni];
          double dxi = bx[p];
          double dyi = by[p];
          by[p] = Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
        }
      } else if (method == CondensedNnChain.COMPLETE) {
        for (int p = lo; p < hi; p++) {
          by[p] = Math.max(bx[p], by[p]);
        }
      } else {
        double total = nx + ny;
        for (int p = lo; p < hi; p++) {
          by[p] = (nx * bx[p] + ny * by[p]) / total;
        }
      }
      // Scatter to d(i, y): column y below y, row y above.
      if (yHigh) {
        for (int p = lo; p < e2; p++) { // e2 <= pY
          dist[start[live[p]] + y] = by[p];
        }
        for (int p = Math.max(lo, r3); p < hi; p++) {
          dist[row2 + live[p]] = by[p];
        }
      } else {
        for (int p = lo; p < e1; p++) {
          dist[start[live[p]] + y] = by[p];
        }
        for (int p = Math.max(lo, r2); p < hi; p++) {
          dist[row1 + live[p]] = by[p];
        }
      }
      // Caches.
      if (hasY) {
        by[pY] = Double.POSITIVE_INFINITY; // y itself
      }
      for (int p = lo; p < hi; p++) {
        double nd = by[p];
        if (nd <= bestY && (nd < bestY || (bestPos >= 0 && orig[live[p]] < orig[live[bestPos]]))) {
          bestY = nd;
          bestPos = p;
        }
        int i = live[p];
        if (valid[i] && p != pY) {
          cache(i, nd, x, y, nnVal, nnIdx, valid, orig);
        }
      }
    }
    nnVal[y] = bestY;
    nnIdx[y] = bestPos < 0 ? -1 : live[bestPos];
    valid[y] = bestPos >= 0;
  }

  private static void cache(int i, double nd, int x, int y, double[] nnVal, int[] nnIdx, boolean[] valid,
      int[] orig) {
    double m = nnVal[i];
    int j = nnIdx[i];
    if (nd < m) {
      nnVal[i] = nd;
      nnIdx[i] = y;
    } else if (j == x || j == y) {
      valid[i] = false; // the old neighbour is gone or farther: unknown until rescanned
    } else if (nd == m && orig[y] < orig[j]) {
      nnIdx[i] = y;
    }
  }
}
