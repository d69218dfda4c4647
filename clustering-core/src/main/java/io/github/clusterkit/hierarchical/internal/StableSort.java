package io.github.clusterkit.hierarchical.internal;

/** A stable argsort of doubles (merge sort on indices, ascending by {@code <}). Not API. */
final class StableSort {

  private StableSort() {}

  /**
   * @param key values to sort by (not modified); no NaN
   * @param m number of leading values to sort
   * @return indices {@code 0..m-1} ordered by key, equal keys in index order
   */
  static int[] argsort(double[] key, int m) {
    int[] idx = new int[m];
    int[] tmp = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    // Bottom-up merge sort: runs of width 1, 2, 4, ...; already sorted input costs one compare per pair.
    for (int width = 1; width < m; width <<= 1) {
      for (int lo = 0; lo < m - width; lo += width << 1) {
        int mid = lo + width;
        int hi = Math.min(lo + (width << 1), m);
        if (!(key[idx[mid]] < key[idx[mid - 1]])) {
          continue; // the two runs are already in order
        }
        System.arraycopy(idx, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // Take from the right run only when strictly smaller: equal keys keep their order.
          if (key[tmp[j]] < key[tmp[i]]) {
            idx[k++] = tmp[j++];
          } else {
            idx[k++] = tmp[i++];
          }
        }
        while (i < mid) {
          idx[k++] = tmp[i++];
        }
        while (j < hi) {
          idx[k++] = tmp[j++];
        }
      }
    }
    return idx;
  }
}
