package io.github.clusterkit.hierarchical.internal;

/**
 * Each matrix slot's {@value #K} nearest other slots, sorted by distance, then by original index (the key
 * that decides SciPy's ties): {@code val/idx[i * K + r]} for {@code r < cnt[i]}, and {@code thr[i]} the
 * distance of the last entry ({@code -inf} for an unknown list). {@link CachedNnChain} keeps them exact
 * through the merges. Building full lists in the matrix fill was tried and was slower (about 150 ms at
 * 10^4 x 10: in the k-d storage order later rows keep entering earlier lists) than the rescans it saved.
 */
final class NearestLists {

  /** Length of a list. */
  static final int K = 4;

  final double[] val;
  final int[] idx;
  final int[] cnt;
  final double[] thr;

  private NearestLists(int n) {
    val = new double[n * K];
    idx = new int[n * K];
    cnt = new int[n];
    thr = new double[n];
  }

  /** Lists of one entry: each slot's nearest neighbour ({@code nnIdx[i] < 0}: unknown). */
  static NearestLists ofSingle(double[] nnVal, int[] nnIdx) {
    int n = nnVal.length;
    NearestLists l = new NearestLists(n);
    for (int i = 0; i < n; i++) {
      l.val[i * K] = nnVal[i];
      l.idx[i * K] = nnIdx[i];
      l.cnt[i] = nnIdx[i] >= 0 ? 1 : 0;
      l.thr[i] = nnIdx[i] >= 0 ? nnVal[i] : Double.NEGATIVE_INFINITY;
    }
    return l;
  }

  /**
   * Inserts {@code (v, j)} into the sorted list of {@code c} entries at {@code base} if its key (distance,
   * then original index) is below that of an entry or the list is not full; drops the last entry of a full
   * list. Keys are distinct, as original indices are.
   *
   * @return the new count
   */
  static int insert(double[] kVal, int[] kIdx, int base, int c, double v, int j, int[] orig) {
    int oj = orig[j];
    int r = c;
    while (r > 0) {
      double u = kVal[base + r - 1];
      if (u < v || (u == v && orig[kIdx[base + r - 1]] < oj)) {
        break;
      }
      r--;
    }
    if (r == K) {
      return c;
    }
    int top = c == K ? K - 1 : c;
    for (int q = top; q > r; q--) {
      kVal[base + q] = kVal[base + q - 1];
      kIdx[base + q] = kIdx[base + q - 1];
    }
    kVal[base + r] = v;
    kIdx[base + r] = j;
    return c == K ? K : c + 1;
  }
}
