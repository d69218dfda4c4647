package io.github.clusterkit.eval.internal;

import java.util.Arrays;

/** Maps arbitrary int labels to dense ids {@code 0..m-1} in ascending order of the label values. */
public final class Dense {

  private Dense() {}

  /**
   * @param labels the labels (not modified)
   * @param out receives the dense id of each label; with {@code noiseApart}, {@code -1} for label {@code -1}
   * @param noiseApart whether label {@code -1} is left out of the ids (it is an ordinary value otherwise)
   * @return the distinct label values that received ids, ascending
   */
  public static int[] encode(int[] labels, int[] out, boolean noiseApart) {
    int n = labels.length;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int v = labels[i];
      if (noiseApart && v == -1) {
        continue;
      }
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
    }
    if (min > max) { // nothing but noise, or empty
      Arrays.fill(out, 0, n, -1);
      return new int[0];
    }
    long span = (long) max - min + 1;
    if (span <= 2L * n + 64) {
      int[] id = new int[(int) span];
      for (int i = 0; i < n; i++) {
        int v = labels[i];
        if (!(noiseApart && v == -1)) {
          id[v - min] = 1;
        }
      }
      int m = 0;
      for (int t = 0; t < id.length; t++) {
        if (id[t] != 0) {
          id[t] = ++m; // 1-based so that 0 means absent
        }
      }
      int[] distinct = new int[m];
      for (int t = 0; t < id.length; t++) {
        if (id[t] != 0) {
          distinct[id[t] - 1] = (int) (t + (long) min);
        }
      }
      for (int i = 0; i < n; i++) {
        int v = labels[i];
        out[i] = noiseApart && v == -1 ? -1 : id[v - min] - 1;
      }
      return distinct;
    }
    int[] sorted = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (!(noiseApart && labels[i] == -1)) {
        sorted[m++] = labels[i];
      }
    }
    Arrays.sort(sorted, 0, m);
    int u = 0;
    for (int t = 0; t < m; t++) {
      if (u == 0 || sorted[t] != sorted[u - 1]) {
        sorted[u++] = sorted[t];
      }
    }
    int[] distinct = Arrays.copyOf(sorted, u);
    for (int i = 0; i < n; i++) {
      int v = labels[i];
      out[i] = noiseApart && v == -1 ? -1 : Arrays.binarySearch(distinct, v);
    }
    return distinct;
  }
}
