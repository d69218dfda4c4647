package io.github.clusterkit.hierarchical.internal;

/**
 * Test oracle: {@link CentroidWard} as it was before the centroids were held column by column
 * (row-major centroids, live clusters in ascending order, each distance evaluated pairwise), with its merged
 * centroids held between the two merged ones as in CentroidWard (written out here, not shared).
 */
final class RowMajorCentroidWard {

  private RowMajorCentroidWard() {}

  /**
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code >= 2}
   * @param d dimension
   * @return the tree in SciPy's layout
   */
  static Tree run(double[] v, int n, int d) {
    double[] c = v.clone(); // centroids, row-major; cluster y's row is replaced when it absorbs x
    int[] size = new int[n];
    int[] live = new int[n];
    boolean[] valid = new boolean[n];
    double[] nnVal = new double[n];
    int[] nnIdx = new int[n];
    initialNeighbours(v, n, d, nnVal, nnIdx);
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      live[i] = i;
      valid[i] = true;
    }
    int nLive = n;
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
      while (true) {
        x = chain[chainLength - 1];
        if (!valid[x]) {
          rescan(c, d, size, live, nLive, x, nnVal, nnIdx);
          valid[x] = true;
        }
        if (chainLength > 1) {
          int prev = chain[chainLength - 2];
          double dPrev = ward(c, d, size, x, prev);
          if (!(nnVal[x] < dPrev)) {
            break; // prev is among the nearest: x and prev are mutual nearest neighbours
          }
        }
        y = nnIdx[x];
        chain[chainLength++] = y;
      }
      y = chain[chainLength - 2];
      double height = ward(c, d, size, x, y);
      chainLength -= 2;
      // Rounded centroids can make Ward's distance non-reducible by an ulp (a merged centroid is not the exact
      // mean), and then the merged pair may also sit lower in the chain: cut the chain there. With reducible
      // distances (no such repeat) nothing changes.
      chainLength = cutChain(chain, chainLength, x, y);
      if (x > y) {
        int t = x;
        x = y;
        y = t;
      }
      int nx = size[x];
      int ny = size[y];
      ra[k] = x;
      rb[k] = y;
      rh[k] = height;
      // The merged centroid replaces y's: (nx * cx + ny * cy) / (nx + ny), held between cx and cy.
      int ox = x * d;
      int oy = y * d;
      double total = nx + ny;
      for (int j = 0; j < d; j++) {
        double a = c[ox + j];
        double b = c[oy + j];
        double mean = (nx * a + ny * b) / total;
        c[oy + j] = Math.min(Math.max(mean, Math.min(a, b)), Math.max(a, b));
      }
      size[x] = 0;
      size[y] = nx + ny;
      valid[x] = false;
      int p = position(live, nLive, x);
      System.arraycopy(live, p + 1, live, p, nLive - p - 1);
      nLive--;
      // Distances to the new cluster: its own neighbour, and every other cache kept exact.
      double bestY = Double.POSITIVE_INFINITY;
      int bestYIdx = -1;
      for (int q = 0; q < nLive; q++) {
        int i = live[q];
        if (i == y) {
          continue;
        }
        double nd = ward(c, d, size, i, y);
        if (nd < bestY) {
          bestY = nd;
          bestYIdx = i;
        }
        if (valid[i]) {
          double m = nnVal[i];
          int j = nnIdx[i];
          if (nd < m) {
            nnVal[i] = nd;
            nnIdx[i] = y;
          } else if (j == x || j == y) {
            valid[i] = false;
          } else if (nd == m && y < j) {
            nnIdx[i] = y;
          }
        }
      }
      nnVal[y] = bestY;
      nnIdx[y] = bestYIdx;
      valid[y] = bestYIdx >= 0;
    }
    return Tree.fromRecorded(n, ra, rb, rh);
  }

  /** Ward's distance between live clusters {@code a} and {@code b}; symmetric bit for bit. */
  private static double ward(double[] c, int d, int[] size, int a, int b) {
    int oa = a * d;
    int ob = b * d;
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = c[oa + j] - c[ob + j];
      s += t * t;
    }
    double na = size[a];
    double nb = size[b];
    return Math.sqrt(2.0 * na * nb / (na + nb) * s);
  }

  private static void rescan(double[] c, int d, int[] size, int[] live, int nLive, int x, double[] nnVal,
      int[] nnIdx) {
    double best = Double.POSITIVE_INFINITY;
    int bestIdx = -1;
    for (int q = 0; q < nLive; q++) {
      int i = live[q];
      if (i == x) {
        continue;
      }
      double v = ward(c, d, size, x, i);
      if (v < best) {
        best = v;
        bestIdx = i;
      }
    }
    nnVal[x] = best;
    nnIdx[x] = bestIdx;
  }

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

  /** Every point's nearest neighbour (smallest index on ties), row by row without storing the matrix. */
  private static void initialNeighbours(double[] v, int n, int d, double[] nnVal, int[] nnIdx) {
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        cols[j][i] = v[i * d + j];
      }
    }
    java.util.Arrays.fill(nnVal, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(nnIdx, -1);
    double[] row = new double[n];
    double[] centre = new double[d];
    for (int i = 0; i < n - 1; i++) {
      MatrixFill.rowDistances(cols, n, d, i, Kernels.EUCLIDEAN, row, centre);
      double best = nnVal[i];
      int bestIdx = nnIdx[i];
      for (int j = i + 1; j < n; j++) {
        double dist = row[j];
        if (dist < best) {
          best = dist;
          bestIdx = j;
        }
        if (dist < nnVal[j]) {
          nnVal[j] = dist;
          nnIdx[j] = i;
        }
      }
      nnVal[i] = best;
      nnIdx[i] = bestIdx;
    }
  }

  /** Length of the chain prefix before the first occurrence of {@code x} or {@code y}. */
  static int cutChain(int[] chain, int chainLength, int x, int y) {
    for (int c = 0; c < chainLength; c++) {
      if (chain[c] == x || chain[c] == y) {
        return c;
      }
    }
    return chainLength;
  }
}
