package io.github.clusterkit.dbscan.internal;

/**
 * The last step shared by every path: turns provisional cluster ids into the final labels.
 *
 * <p>On entry {@code labels[i]} holds, for a core point or a border point with one nearest cluster, the
 * provisional id of its cluster, which is the smallest row index of a core point of that cluster; {@code -1}
 * for noise; and {@code -2 - off} for a border point whose nearest core points lie in several clusters at
 * the same distance, where {@code ties[off]} is the number of candidate clusters and the provisional ids
 * follow.
 *
 * <p>Clusters are numbered 0, 1, ... in the order of their first member by row index. A tied border point
 * takes the candidate with the smallest final label: when some candidate is already numbered that is the
 * smallest such number; when none is, whichever it joins receives the next number, so it joins the candidate
 * whose first core point comes first.
 */
final class Labels {

  private Labels() {}

  /**
   * @param labels provisional labels, replaced by the final ones
   * @param ties the tie table (may be empty)
   * @return the number of clusters
   */
  static int finish(int[] labels, int[] ties) {
    int n = labels.length;
    int[] map = new int[n];
    java.util.Arrays.fill(map, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int v = labels[i];
      if (v >= 0) {
        int f = map[v];
        if (f < 0) {
          f = next++;
          map[v] = f;
        }
        labels[i] = f;
      } else if (v <= -2) {
        int off = -2 - v;
        int m = ties[off];
        int best = -1;
        int firstCore = Integer.MAX_VALUE;
        for (int t = 1; t <= m; t++) {
          int p = ties[off + t];
          int f = map[p];
          if (f >= 0) {
            if (best < 0 || f < best) {
              best = f;
            }
          } else if (p < firstCore) {
            firstCore = p;
          }
        }
        if (best < 0) {
          best = next++;
          map[firstCore] = best;
        }
        labels[i] = best;
      }
    }
    return next;
  }
}
