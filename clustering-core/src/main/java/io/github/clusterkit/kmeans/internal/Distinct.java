package io.github.clusterkit.kmeans.internal;

/** Counts distinct rows (by value; {@code -0.0 == 0.0}) among the rows with positive weight. */
public final class Distinct {

  private Distinct() {}

  /**
   * Counts distinct rows, stopping as soon as {@code limit} have been seen; usually that happens within the
   * first few rows, so the check costs next to nothing unless the data hold many duplicates.
   *
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param w weights or {@code null}; rows with weight 0 are ignored
   * @param limit stop counting here, at least 1
   * @return {@code min(limit, number of distinct rows with positive weight)}
   */
  public static int countUpTo(double[] x, int n, int d, double[] w, int limit) {
    long m = Math.max(4, Math.min(limit, n));
    int cap = (int) Math.min(1L << 30, Long.highestOneBit(2 * m - 1) << 1);
    limit = Math.min(limit, cap / 2);
    int[] table = new int[cap];
    java.util.Arrays.fill(table, -1);
    int mask = cap - 1;
    int count = 0;
    for (int i = 0; i < n && count < limit; i++) {
      if (w != null && !(w[i] > 0)) {
        continue;
      }
      int xo = i * d;
      long h = 0x9E3779B97F4A7C15L;
      for (int t = 0; t < d; t++) {
        h = (h ^ Double.doubleToLongBits(x[xo + t] + 0.0)) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
      }
      int p = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int r = table[p];
        if (r < 0) {
          table[p] = i;
          count++;
          break;
        }
        if (equalRows(x, r * d, xo, d)) {
          break;
        }
        p = (p + 1) & mask;
      }
    }
    return count;
  }

  private static boolean equalRows(double[] x, int a, int b, int d) {
    for (int t = 0; t < d; t++) {
      if (x[a + t] != x[b + t]) {
        return false;
      }
    }
    return true;
  }
}
