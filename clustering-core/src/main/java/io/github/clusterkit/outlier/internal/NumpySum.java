package io.github.clusterkit.outlier.internal;

/**
 * Sums the first values of an array in numpy's order, so that a mean taken as scikit-learn takes it
 * ({@code np.mean(a, axis=1)} of a C-ordered matrix: each row summed, then divided by its length) rounds as it does.
 *
 * <p>numpy 1.24 sums a contiguous {@code float64} run in blocks of 8192 elements added to a running total from 0;
 * within a block pairwise: fewer than 8 elements one after the other; up to 128 elements in 8 interleaved partial
 * sums combined as {@code ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))}, the elements past the last multiple of
 * 8 added after; more elements split at half the length rounded down to a multiple of 8, each half summed the same
 * way. The same rounding as clustering-eval's {@code PairwiseSum} (checked there against {@code numpy.sum} by
 * {@code tools/pairwise_sum_reference.py}); kept here because clustering-core cannot depend on clustering-eval. The
 * rows of a k-nearest-neighbour matrix are checked against scikit-learn itself by {@code tools/lof_reference.py}
 * (k = 1 to 299, where the 8 partial sums and the recursive halving both occur). Not API.
 */
public final class NumpySum {

  private static final int BLOCK = 8192;
  private static final int UNROLLED = 128;

  private NumpySum() {}

  /**
   * @param a the values
   * @param length how many of the first values to sum
   * @return their sum in numpy's order; 0.0 for none
   */
  public static double sum(double[] a, int length) {
    if (length <= BLOCK) {
      return 0.0 + pairwise(a, 0, length);
    }
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
