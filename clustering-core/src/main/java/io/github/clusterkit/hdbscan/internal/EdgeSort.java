package io.github.clusterkit.hdbscan.internal;

/** The order of edges by (weight, from, to): a bottom-up merge sort of indices, no recursion and no boxing. */
final class EdgeSort {

  private EdgeSort() {}

  /**
   * @param w weights
   * @param from first rows
   * @param to second rows
   * @return the indices in ascending order
   */
  static int[] order(double[] w, int[] from, int[] to) {
    int m = w.length;
    int[] a = new int[m];
    for (int i = 0; i < m; i++) {
      a[i] = i;
    }
    int[] b = new int[m];
    for (long width = 1; width < m; width *= 2) {
      for (long start = 0; start < m; start += 2 * width) {
        int lo = (int) start;
        int mid = (int) Math.min(m, start + width);
        int hi = (int) Math.min(m, start + 2 * width);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = before(a[j], a[i], w, from, to) ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] s = a;
      a = b;
      b = s;
    }
    return a;
  }

  private static boolean before(int x, int y, double[] w, int[] from, int[] to) {
    return w[x] < w[y] || (w[x] == w[y] && (from[x] < from[y] || (from[x] == from[y] && to[x] < to[y])));
  }
}
