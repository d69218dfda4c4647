package io.github.clusterkit.kmeans.internal;

/**
 * The one squared Euclidean distance every K-Means code path uses. Lloyd, Hamerly, Elkan, seeding,
 * relocation, inertia and predict all call this method, so a distance between the same two vectors is the
 * same double everywhere, which is what lets the accelerated variants reproduce Lloyd's labels exactly.
 *
 * <p>The summation order depends only on {@code d}: one accumulator for {@code d < 8}, four interleaved
 * accumulators otherwise (combined as {@code (s0 + s1) + (s2 + s3)}, then the tail). Its relative error is
 * below {@code (d + 2) * 2^-53} in either case, which {@link #gamma(int)} covers.
 */
public final class Dist {

  private Dist() {}

  /**
   * @param a first array
   * @param ao offset of the first vector in {@code a}
   * @param b second array
   * @param bo offset of the second vector in {@code b}
   * @param d dimension
   * @return the squared Euclidean distance
   */
  public static double sq(double[] a, int ao, double[] b, int bo, int d) {
    if (d < 8) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double t = a[ao + j] - b[bo + j];
        s += t * t;
      }
      return s;
    }
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    int end = d - 3;
    for (; j < end; j += 4) {
      double t0 = a[ao + j] - b[bo + j];
      double t1 = a[ao + j + 1] - b[bo + j + 1];
      double t2 = a[ao + j + 2] - b[bo + j + 2];
      double t3 = a[ao + j + 3] - b[bo + j + 3];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    double s = (s0 + s1) + (s2 + s3);
    for (; j < d; j++) {
      double t = a[ao + j] - b[bo + j];
      s += t * t;
    }
    return s;
  }

  /**
   * The relative safety margin applied to every distance that becomes a bound in Hamerly's and Elkan's
   * algorithms: upper bounds are multiplied by {@code 1 + gamma}, lower bounds by {@code 1 - gamma}. It is
   * about 32 times the worst-case relative error of {@link #sq} followed by a square root, so a bound test
   * {@code upper < lower} proves not only that the true distances are ordered but that {@link #sq} orders them
   * the same way; a pruned point therefore gets exactly the label Lloyd's full scan would give it.
   *
   * @param d dimension
   * @return the margin
   */
  public static double gamma(int d) {
    return (d + 16) * 0x1.0p-48;
  }

  /** Factor that keeps an updated upper bound above the exact sum despite rounding. */
  public static final double UP = 1 + 0x1.0p-50;

  /** Factor that keeps an updated lower bound below the exact difference despite rounding. */
  public static final double DOWN = 1 - 0x1.0p-50;
}
