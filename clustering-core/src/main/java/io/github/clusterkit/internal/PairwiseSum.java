package io.github.clusterkit.internal;

/**
 * Sums an array in numpy's order, so that a mean or a sum taken as scikit-learn takes it rounds as it does.
 *
 * <p>numpy 1.24 reduces a contiguous {@code float64} array in blocks of 8192 elements, adding each block's sum to a
 * running total that starts at 0. Within a block it sums pairwise: fewer than 8 elements one after the other;
 * up to 128 elements in 8 interleaved partial sums combined as {@code ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 +
 * r7))}, the elements past the last multiple of 8 added after; more elements split at half the length rounded
 * down to a multiple of 8 and each half summed the same way. The rounding error grows with {@code log n} instead of
 * {@code n}, and the result equals {@code numpy.sum} bit for bit (checked by {@code tools/pairwise_sum_reference.py}).
 * Used where a result must round as scikit-learn's: clustering-eval's silhouette means, Davies-Bouldin and the
 * contingency tables' entropies, and the Local Outlier Factor's mean reachability distances (checked against
 * scikit-learn itself by {@code tools/lof_reference.py} for k = 1 to 299). Not API.
 */
public final class PairwiseSum {

  private static final int BLOCK = 8192;
  private static final int UNROLLED = 128;

  private PairwiseSum() {}

  /**
   * @param a the values
   * @param length how many of the first values to sum
   * @return their sum in numpy's order; 0.0 for none
   */
  public static double sum(double[] a, int length) {
    double total = 0.0;
    for (int start = 0; start < length; start += BLOCK) {
      total += pairwise(a, start, Math.min(BLOCK, length - start));
    }
    return total;
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += a[from + i];
      }
      return s;
    }
    if (n <= UNROLLED) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int whole = n - n % 8;
      int i = 8;
      for (; i < whole; i += 8) {
        int p = from + i;
        r0 += a[p];
        r1 += a[p + 1];
        r2 += a[p + 2];
        r3 += a[p + 3];
        r4 += a[p + 4];
        r5 += a[p + 5];
        r6 += a[p + 6];
        r7 += a[p + 7];
      }
      double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        s += a[from + i];
      }
      return s;
    }
    int half = n / 2;
    half -= half % 8;
    return pairwise(a, from, half) + pairwise(a, from + half, n - half);
  }
}
