package io.github.clusterkit.optics.internal;

import java.util.Arrays;

/**
 * Cluster extraction from an OPTICS ordering: scikit-learn 1.2.1's {@code cluster_optics_dbscan} and xi method
 * ({@code _xi_cluster} and {@code _extract_xi_labels}, after Ankerst et al. 1999, Figure 19, with scikit-learn's two
 * corrections of Definitions 9 and 11, and Schubert and Gertz's predecessor correction, LWDA 2018), reimplemented
 * from their definitions. Every array is indexed as documented per method; none is modified.
 */
public final class Extract {

  /** No predecessor correction. */
  public static final int CORRECTION_NONE = 0;
  /** Schubert and Gertz's Algorithm 2: the predecessor of the cluster's last row must lie inside the cluster. */
  public static final int CORRECTION_PAPER = 1;
  /**
   * scikit-learn 1.2's reading of Algorithm 2, which takes the predecessor's row index as a position in the
   * ordering (fixed after 1.2 by scikit-learn pull request 26459, issue 26324).
   */
  public static final int CORRECTION_SKLEARN_1_2 = 2;

  private Extract() {}

  /**
   * DBSCAN labels at radius {@code eps}: walking the ordering, a row of reachability {@code > eps} and core distance
   * {@code <= eps} starts a new cluster; every row gets the current cluster, except rows of reachability
   * {@code > eps} that are not core at eps, which are noise ({@code -1}; rows before the first cluster also get -1).
   *
   * @param ordering rows in visiting order
   * @param reach reachability per row
   * @param core core distance per row
   * @param eps the radius
   * @return the label of each row
   */
  public static int[] dbscan(int[] ordering, double[] reach, double[] core, double eps) {
    int n = ordering.length;
    int[] labels = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int p = ordering[i];
      boolean far = reach[p] > eps;
      boolean near = core[p] <= eps;
      if (far && near) {
        count++;
      }
      labels[p] = far && !near ? -1 : count - 1;
    }
    return labels;
  }

  /**
   * The xi clusters as {@code [start, end]} positions of the ordering (inclusive), ordered by {@code (end, -start)}
   * ascending, so nested clusters come before those that contain them.
   *
   * @param ordering rows in visiting order
   * @param reach reachability per row
   * @param predecessor predecessor per row, {@code -1} where none
   * @param xi the steepness, in {@code (0, 1)}
   * @param minSamples the bound on consecutive non-steep points in a steep area
   * @param minClusterSize the fewest rows of a cluster
   * @param correction one of the {@code CORRECTION_*} constants
   * @return the clusters
   */
  public static int[][] xiClusters(int[] ordering, double[] reach, int[] predecessor, double xi, int minSamples,
      int minClusterSize, int correction) {
    int n = ordering.length;
    // the plot with +inf appended, so that a cluster can end at the last row
    double[] r = new double[n + 1];
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = reach[ordering[i]];
      pos[ordering[i]] = i;
    }
    r[n] = Double.POSITIVE_INFINITY;
    double xc = 1 - xi;
    double invXc = 1 / xc;
    boolean[] steepUp = new boolean[n];
    boolean[] steepDown = new boolean[n];
    boolean[] up = new boolean[n];
    boolean[] down = new boolean[n];
    for (int i = 0; i < n; i++) {
      // inf / inf and 0 / 0 are NaN: every comparison false, as numpy's
      double ratio = r[i] / r[i + 1];
      steepUp[i] = ratio <= xc;
      steepDown[i] = ratio >= invXc;
      down[i] = ratio > 1;
      up[i] = ratio < 1;
    }
    // steep down areas: start, end, mib (maximum in between), in the order they were found
    int[] sdaStart = new int[4];
    int[] sdaEnd = new int[4];
    double[] sdaMib = new double[4];
    int sdaCount = 0;
    IntPairs clusters = new IntPairs();
    IntPairs found = new IntPairs();
    int index = 0;
    double mib = 0.0;
    for (int steep = 0; steep < n; steep++) {
      if (!(steepUp[steep] || steepDown[steep]) || steep < index) {
        continue;
      }
      for (int i = index; i <= steep; i++) {
        if (r[i] > mib) {
          mib = r[i];
        }
      }
      // filter the steep down areas by the new maximum in between
      if (mib == Double.POSITIVE_INFINITY) {
        sdaCount = 0;
      } else {
        int kept = 0;
        for (int a = 0; a < sdaCount; a++) {
          if (mib <= r[sdaStart[a]] * xc) {
            sdaStart[kept] = sdaStart[a];
            sdaEnd[kept] = sdaEnd[a];
            sdaMib[kept] = Math.max(sdaMib[a], mib);
            kept++;
          }
        }
        sdaCount = kept;
      }
      if (steepDown[steep]) {
        int dEnd = extend(steepDown, up, steep, minSamples);
        if (sdaCount == sdaStart.length) {
          sdaStart = Arrays.copyOf(sdaStart, 2 * sdaCount);
          sdaEnd = Arrays.copyOf(sdaEnd, 2 * sdaCount);
          sdaMib = Arrays.copyOf(sdaMib, 2 * sdaCount);
        }
        sdaStart[sdaCount] = steep;
        sdaEnd[sdaCount] = dEnd;
        sdaMib[sdaCount] = 0.0;
        sdaCount++;
        index = dEnd + 1;
        mib = r[index];
        continue;
      }
      int uStart = steep;
      int uEnd = extend(steepUp, down, uStart, minSamples);
      index = uEnd + 1;
      mib = r[index];
      found.size = 0;
      for (int a = 0; a < sdaCount; a++) {
        int cStart = sdaStart[a];
        int cEnd = uEnd;
        double after = r[cEnd + 1];
        if (after * xc < sdaMib[a]) {
          continue;
        }
        double dMax = r[sdaStart[a]];
        if (dMax * xc >= after) {
          // start at the first row of the down area about as low as the row after the cluster
          while (r[cStart + 1] > after && cStart < sdaEnd[a]) {
            cStart++;
          }
        } else if (after * xc >= dMax) {
          // end at the last row of the up area about as low as the area's start
          while (cEnd > uStart && r[cEnd - 1] > dMax) {
            cEnd--;
          }
        }
        if (correction != CORRECTION_NONE) {
          cEnd = correct(r, ordering, pos, predecessor, cStart, cEnd, correction);
          if (cEnd < 0) {
            continue;
          }
        }
        if (cEnd - cStart + 1 < minClusterSize || cStart > sdaEnd[a] || cEnd < uStart) {
          continue;
        }
        found.add(cStart, cEnd);
      }
      // the areas are in the order found, so the clusters from the latest (innermost) come first when reversed
      for (int c = found.size - 1; c >= 0; c--) {
        clusters.add(found.a[c], found.b[c]);
      }
    }
    int[][] out = new int[clusters.size][];
    for (int c = 0; c < clusters.size; c++) {
      out[c] = new int[] {clusters.a[c], clusters.b[c]};
    }
    return out;
  }

  /**
   * Extends a steep area from {@code start}: the last steep point reached before a point going the other way or more
   * than {@code minSamples} consecutive points that are neither.
   */
  private static int extend(boolean[] steep, boolean[] otherWay, int start, int minSamples) {
    int n = steep.length;
    int nonSteep = 0;
    int end = start;
    for (int i = start; i < n; i++) {
      if (steep[i]) {
        nonSteep = 0;
        end = i;
      } else if (!otherWay[i]) {
        nonSteep++;
        if (nonSteep > minSamples) {
          break;
        }
      } else {
        return end;
      }
    }
    return end;
  }

  /**
   * The predecessor correction: shortens the cluster {@code [s, e]} from the end until its first row's reachability
   * exceeds its last row's or its last row's predecessor lies in {@code [s, e)}.
   *
   * @return the corrected end, or {@code -1} if nothing is left
   */
  private static int correct(double[] r, int[] ordering, int[] pos, int[] predecessor, int s, int e, int mode) {
    while (s < e) {
      if (r[s] > r[e]) {
        return e;
      }
      int p = predecessor[ordering[e]];
      int at;
      if (mode == CORRECTION_PAPER) {
        at = p < 0 ? -1 : pos[p];
      } else {
        // scikit-learn 1.2: ordering[predecessor] compared with ordering[s .. e-1], i.e. the predecessor's row index
        // read as a position. Its -1 (no predecessor) indexes numpy's last element, position n - 1, which is never
        // in [s, e) since e <= n - 1: the same as -1 here.
        at = p;
      }
      if (at >= s && at < e) {
        return e;
      }
      e--;
    }
    return -1;
  }

  /**
   * Labels from xi clusters: in the given order, a cluster none of whose positions is labelled yet gets the next
   * label; other positions are noise.
   *
   * @param ordering rows in visiting order
   * @param clusters {@code [start, end]} positions, as {@link #xiClusters}
   * @return the label of each row
   */
  public static int[] xiLabels(int[] ordering, int[][] clusters) {
    int n = ordering.length;
    int[] atPos = new int[n];
    Arrays.fill(atPos, -1);
    int label = 0;
    for (int[] c : clusters) {
      boolean free = true;
      for (int i = c[0]; i <= c[1]; i++) {
        if (atPos[i] != -1) {
          free = false;
          break;
        }
      }
      if (free) {
        Arrays.fill(atPos, c[0], c[1] + 1, label);
        label++;
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[ordering[i]] = atPos[i];
    }
    return labels;
  }

  /** A growable list of int pairs. */
  private static final class IntPairs {
    int[] a = new int[8];
    int[] b = new int[8];
    int size;

    void add(int x, int y) {
      if (size == a.length) {
        a = Arrays.copyOf(a, 2 * size);
        b = Arrays.copyOf(b, 2 * size);
      }
      a[size] = x;
      b[size] = y;
      size++;
    }
  }
}
