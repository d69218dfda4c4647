package io.github.clusterkit.hierarchical.internal;

/**
 * The nearest-neighbour chain of {@link CondensedNnChain}, with the same merges, heights and order bit for
 * bit, but with each live cluster's nearest neighbour cached (value and smallest index), in the manner of
 * Anderberg's and Muellner's generic algorithms: the chain then rarely scans a row. A cache is kept exact
 * through each merge by the update loop itself, which visits every live cluster anyway; only a cluster
 * whose cached neighbour was one of the two merged clusters, and whose distance to the new cluster is not
 * smaller, loses its cache and is rescanned when the chain next reaches it. Initial caches come from the
 * distance matrix fill ({@link MatrixFill}). Not API.
 */
public final class CachedNnChain {

  private CachedNnChain() {}

  /**
   * Runs the chain on {@code dist}, which it overwrites.
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
    return run(dist, n, method, nnVal, nnIdx, COMPACT_MIN);
  }

  /**
   * {@link #run(double[], int, int, double[], int[])} with the smallest width that is compacted.
   *
   * @param compactMin compact only while at least this many clusters are live ({@code >= 2})
   */
  static Tree run(double[] dist, int n, int method, double[] nnVal, int[] nnIdx, int compactMin) {
    int[] start = CondensedNnChain.rowStarts(n);
    int[] orig = new int[n]; // slot -> original index (increasing)
    int[] slot = new int[n]; // scratch of the compaction: original slot -> new slot
    int width = n;
    int[] size = new int[n];
    int[] live = new int[n];
    boolean[] valid = new boolean[n];
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      live[i] = i;
      valid[i] = true;
      orig[i] = i;
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
        chain[0] = live[0];
        chainLength = 1;
      }
      int x;
      int y;
      double currentMin;
      while (true) {
        x = chain[chainLength - 1];
        if (!valid[x]) {
          rescan(dist, start, live, nLive, x, nnVal, nnIdx, bx);
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
      if (x > y) {
        int t = x;
        x = y;
        y = t;
      }
      int nx = size[x];
      int ny = size[y];
      ra[k] = orig[x];
      rb[k] = orig[y];
      rh[k] = currentMin;
      size[x] = 0;
      size[y] = nx + ny;
      valid[x] = false;
      nLive = remove(live, nLive, x);
      update(dist, start, live, nLive, size, x, y, currentMin, nx, ny, method, recip, nnVal, nnIdx, valid, bx, by);
      if (nLive >= compactMin && (long) nLive * COMPACT_DEN <= (long) width * COMPACT_NUM) {
        compact(dist, start, live, nLive, size, valid, nnVal, nnIdx, chain, chainLength, orig, slot);
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
   * {@code m} live clusters, in their index order, and renumbers every per-cluster array to match (slot
   * {@code p} is the cluster at {@code live[p]}; {@code orig} keeps the original index). The order of the
   * live clusters is kept, so every comparison of indices in the tie rule, hence every merge and height,
   * is unchanged; later scans and updates skip the dead slots and walk a smaller working set. Entries and
   * slots move only to lower or equal positions and are copied in ascending order, so all copies are in
   * place.
   */
  private static void compact(double[] dist, int[] start, int[] live, int m, int[] size, boolean[] valid,
      double[] nnVal, int[] nnIdx, int[] chain, int chainLength, int[] orig, int[] slot) {
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

  /** Position of {@code x} in the ascending live list (binary search). */
  private static int position(int[] live, int nLive, int x) {
    int lo = 0;
    int hi = nLive - 1;
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
   * Nearest live neighbour of {@code x}: the smallest distance, the smallest index among equals. The live
   * distances are first gathered into {@code buf} by a loop of independent loads (the part below x is one
   * cache miss per element, so many misses in flight matter more than anything else), then searched.
   */
  private static void rescan(double[] dist, int[] start, int[] live, int nLive, int x, double[] nnVal,
      int[] nnIdx, double[] buf) {
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
      if (buf[p] < best) {
        best = buf[p];
        bestPos = p;
      }
    }
    nnVal[x] = best;
    nnIdx[x] = bestPos < 0 ? -1 : live[bestPos];
  }

  /** Positions per block of the update: its rows' pages are still in the TLB when the block is written. */
  static final int BLOCK = 256;

  /**
   * SciPy's update loop ({@code x < y}; x already removed from the live list), keeping every cache exact:
   * the new cluster's neighbour is found on the way, and each other cluster's cache either takes the new
   * cluster, stays, or is dropped when it pointed at x or y and the new distance is not smaller. Done in
   * blocks of {@link #BLOCK} live positions, each in passes: gather d(i, x) and d(i, y) (independent loads,
   * many misses in flight), apply the Lance-Williams formula, scatter the results back while the block's
   * rows are still mapped in the TLB, then maintain the caches. Positions are visited in ascending order in
   * every pass, so the result is that of one plain loop.
   */
  private static void update(double[] dist, int[] start, int[] live, int nLive, int[] size, int x, int y,
      double dxy, int nx, int ny, int method, double[] recip, double[] nnVal, int[] nnIdx, boolean[] valid,
      double[] bx, double[] by) {
    int rowX = start[x];
    int rowY = start[y];
    int pY = position(live, nLive, y);
    int pX = position(live, nLive, x); // first live index above x
    double bestY = Double.POSITIVE_INFINITY;
    int bestPos = -1;
    for (int lo = 0; lo < nLive; lo += BLOCK) {
      int hi = Math.min(nLive, lo + BLOCK);
      // Gather: i < x both in row i; x < i < y d(x, i) in row x and d(i, y) in row i; i > y rows x and y.
      int e1 = Math.min(hi, pX);
      for (int p = lo; p < e1; p++) {
        int ri = start[live[p]];
        bx[p] = dist[ri + x];
        by[p] = dist[ri + y];
      }
      int e2 = Math.min(hi, pY);
      for (int p = Math.max(lo, pX); p < e2; p++) {
        int i = live[p];
        bx[p] = dist[rowX + i];
        by[p] = dist[start[i] + y];
      }
      for (int p = Math.max(lo, pY + 1); p < hi; p++) {
        int i = live[p];
        bx[p] = dist[rowX + i];
        by[p] = dist[rowY + i];
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
      // Scatter.
      for (int p = lo; p < e2; p++) {
        dist[start[live[p]] + y] = by[p];
      }
      for (int p = Math.max(lo, pY + 1); p < hi; p++) {
        dist[rowY + live[p]] = by[p];
      }
      // Caches.
      if (hasY) {
        by[pY] = Double.POSITIVE_INFINITY; // y itself
      }
      for (int p = lo; p < hi; p++) {
        double nd = by[p];
        if (nd < bestY) {
          bestY = nd;
          bestPos = p;
        }
        int i = live[p];
        if (valid[i] && p != pY) {
          cache(i, nd, x, y, nnVal, nnIdx, valid);
        }
      }
    }
    nnVal[y] = bestY;
    nnIdx[y] = bestPos < 0 ? -1 : live[bestPos];
    valid[y] = bestPos >= 0;
  }

  private static void cache(int i, double nd, int x, int y, double[] nnVal, int[] nnIdx, boolean[] valid) {
    double m = nnVal[i];
    int j = nnIdx[i];
    if (nd < m) {
      nnVal[i] = nd;
      nnIdx[i] = y;
    } else if (j == x || j == y) {
      valid[i] = false; // the old neighbour is gone or farther: unknown until rescanned
    } else if (nd == m && y < j) {
      nnIdx[i] = y;
    }
  }
}
