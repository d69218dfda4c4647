package io.github.clusterkit.hierarchical.internal;

/**
 * The nearest-neighbour chain (Murtagh 1983; Muellner 2011, arXiv:1109.2378, algorithm NN-chain-linkage) on
 * a condensed distance matrix, step for step as SciPy 1.10's {@code _hierarchy.nn_chain}: the chain starts
 * at the smallest live cluster, each step scans the live clusters in index order and moves to a strictly
 * nearer one (the previous chain element wins ties), a merge keeps the new cluster at the larger index, and
 * the Lance-Williams update is evaluated with SciPy's expression and operation order. The recorded merges
 * are then sorted and relabelled by {@link Tree#fromRecorded}. Not API.
 */
public final class CondensedNnChain {

  /** Lance-Williams update codes. */
  public static final int WARD = 0;
  /** Complete linkage. */
  public static final int COMPLETE = 1;
  /** Average linkage. */
  public static final int AVERAGE = 2;

  private CondensedNnChain() {}

  /**
   * Offsets into SciPy's condensed layout: the distance between {@code i < j} is at {@code start[i] + j}.
   *
   * @param n number of points, at most 65,536
   * @return the row starts
   */
  static int[] rowStarts(int n) {
    int[] start = new int[n];
    for (int i = 0; i < n; i++) {
      long s = (long) i * n - (long) i * (i + 1) / 2 - i - 1;
      start[i] = (int) s;
    }
    return start;
  }

  /**
   * Runs the chain on {@code dist}, which it overwrites.
   *
   * @param dist condensed distances in SciPy's layout ({@code pdist} order), destroyed
   * @param n number of points, {@code >= 2}
   * @param method {@link #WARD}, {@link #COMPLETE} or {@link #AVERAGE}
   * @return the tree in SciPy's layout
   */
  public static Tree run(double[] dist, int n, int method) {
    int[] start = rowStarts(n);
    int[] size = new int[n];
    int[] live = new int[n]; // live cluster indices, ascending
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      live[i] = i;
    }
    int nLive = n;
    int[] chain = new int[n];
    int chainLength = 0;
    int[] ra = new int[n - 1];
    int[] rb = new int[n - 1];
    double[] rh = new double[n - 1];
    int y = 0;
    for (int k = 0; k < n - 1; k++) {
      if (chainLength == 0) {
        chain[0] = live[0];
        chainLength = 1;
      }
      int x;
      double currentMin;
      while (true) {
        x = chain[chainLength - 1];
        if (chainLength > 1) {
          y = chain[chainLength - 2];
          currentMin = x < y ? dist[start[x] + y] : dist[start[y] + x];
        } else {
          currentMin = Double.POSITIVE_INFINITY;
        }
        // Live clusters below x sit in column x (strided), those above in row x (contiguous).
        int p = 0;
        for (; p < nLive; p++) {
          int i = live[p];
          if (i >= x) {
            break;
          }
          double v = dist[start[i] + x];
          if (v < currentMin) {
            currentMin = v;
            y = i;
          }
        }
        int rowX = start[x];
        for (p++; p < nLive; p++) {
          int i = live[p];
          double v = dist[rowX + i];
          if (v < currentMin) {
            currentMin = v;
            y = i;
          }
        }
        if (chainLength > 1 && y == chain[chainLength - 2]) {
          break;
        }
        chain[chainLength++] = y;
      }
      chainLength -= 2;
      if (x > y) {
        int t = x;
        x = y;
        y = t;
      }
      int nx = size[x];
      int ny = size[y];
      ra[k] = x;
      rb[k] = y;
      rh[k] = currentMin;
      size[x] = 0;
      size[y] = nx + ny;
      nLive = remove(live, nLive, x);
      update(dist, start, live, nLive, size, x, y, currentMin, nx, ny, method);
    }
    return Tree.fromRecorded(n, ra, rb, rh);
  }

  private static int remove(int[] live, int nLive, int x) {
    int p = 0;
    while (live[p] != x) {
      p++;
    }
    System.arraycopy(live, p + 1, live, p, nLive - p - 1);
    return nLive - 1;
  }

  /** SciPy's update loop: for every live {@code i != y}, d(i, y) = f(d(i, x), d(i, y)); here {@code x < y}. */
  private static void update(double[] dist, int[] start, int[] live, int nLive, int[] size, int x, int y,
      double dxy, int nx, int ny, int method) {
    int rowX = start[x];
    int rowY = start[y];
    for (int p = 0; p < nLive; p++) {
      int i = live[p];
      if (i == y) {
        continue;
      }
      int ix = i < x ? start[i] + x : rowX + i;
      int iy = i < y ? start[i] + y : rowY + i;
      dist[iy] = lanceWilliams(method, dist[ix], dist[iy], dxy, nx, ny, size[i]);
    }
  }

  /**
   * SciPy's update formulas, with the same operations in the same order (so the same rounding).
   *
   * @param method update code
   * @param dxi distance from cluster {@code i} to {@code x}
   * @param dyi distance from {@code i} to {@code y}
   * @param dxy distance between the merged clusters
   * @param nx size of {@code x}
   * @param ny size of {@code y}
   * @param ni size of {@code i}
   * @return distance from {@code i} to the merged cluster
   */
  static double lanceWilliams(int method, double dxi, double dyi, double dxy, int nx, int ny, int ni) {
    if (method == WARD) {
      double t = 1.0 / (nx + ny + ni);
      return Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
    } else if (method == COMPLETE) {
      return Math.max(dxi, dyi);
    } else {
      return (nx * dxi + ny * dyi) / (nx + ny);
    }
  }
}
