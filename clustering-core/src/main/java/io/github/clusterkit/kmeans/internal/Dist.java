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
   * Four distances at once, for {@code d >= 8}: {@code out[oo + q] = sq(a, ao, b, bq, d)} bit for bit (the same
   * operations in the same order for each), with every coordinate of {@code a}'s vector loaded once and sixteen
   * independent sums in flight instead of four.
   *
   * @param a first array
   * @param ao offset of the common vector in {@code a}
   * @param b second array
   * @param b0 offset of the first of four vectors in {@code b}
   * @param b1 offset of the second
   * @param b2 offset of the third
   * @param b3 offset of the fourth
   * @param d dimension, at least 8
   * @param out receives the four squared distances
   * @param oo offset in {@code out}
   */
  public static void sq4(double[] a, int ao, double[] b, int b0, int b1, int b2, int b3, int d, double[] out,
      int oo) {
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    double q0 = 0;
    double q1 = 0;
    double q2 = 0;
    double q3 = 0;
    double r0 = 0;
    double r1 = 0;
    double r2 = 0;
    double r3 = 0;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    int end = d - 3;
    for (; j < end; j += 4) {
      double x0 = a[ao + j];
      double x1 = a[ao + j + 1];
      double x2 = a[ao + j + 2];
      double x3 = a[ao + j + 3];
      double t0 = x0 - b[b0 + j];
      double t1 = x1 - b[b0 + j + 1];
      double t2 = x2 - b[b0 + j + 2];
      double t3 = x3 - b[b0 + j + 3];
      p0 += t0 * t0;
      p1 += t1 * t1;
      p2 += t2 * t2;
      p3 += t3 * t3;
      t0 = x0 - b[b1 + j];
      t1 = x1 - b[b1 + j + 1];
      t2 = x2 - b[b1 + j + 2];
      t3 = x3 - b[b1 + j + 3];
      q0 += t0 * t0;
      q1 += t1 * t1;
      q2 += t2 * t2;
      q3 += t3 * t3;
      t0 = x0 - b[b2 + j];
      t1 = x1 - b[b2 + j + 1];
      t2 = x2 - b[b2 + j + 2];
      t3 = x3 - b[b2 + j + 3];
      r0 += t0 * t0;
      r1 += t1 * t1;
      r2 += t2 * t2;
      r3 += t3 * t3;
      t0 = x0 - b[b3 + j];
      t1 = x1 - b[b3 + j + 1];
      t2 = x2 - b[b3 + j + 2];
      t3 = x3 - b[b3 + j + 3];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    double v0 = (p0 + p1) + (p2 + p3);
    double v1 = (q0 + q1) + (q2 + q3);
    double v2 = (r0 + r1) + (r2 + r3);
    double v3 = (s0 + s1) + (s2 + s3);
    for (; j < d; j++) {
      double xj = a[ao + j];
      double t = xj - b[b0 + j];
      v0 += t * t;
      t = xj - b[b1 + j];
      v1 += t * t;
      t = xj - b[b2 + j];
      v2 += t * t;
      t = xj - b[b3 + j];
      v3 += t * t;
    }
    out[oo] = v0;
    out[oo + 1] = v1;
    out[oo + 2] = v2;
    out[oo + 3] = v3;
  }

  /**
   * {@link #sq} from each of {@code len} vectors stored by column ({@code cols[t][r]} is coordinate {@code t} of
   * vector {@code r}) to the vector at offset {@code bo} of {@code b}: {@code out[r] = sq(v_r, b_bo)} bit for
   * bit (the same operations in the same order for every vector), computed column by column so that every inner
   * loop runs over arrays indexed from 0, which HotSpot vectorises.
   *
   * <p>Every inner loop reads three to five arrays and writes one: on HotSpot 17 (C2, AVX-512 here) a loop that
   * reads only one or two arrays, such as {@code out[r] += t * t} or {@code s[r] = t0 * t0 + t1 * t1}, ran at about
   * scalar speed, while the same work with a third array read ran two to three times faster. Where a sum has one
   * column too few for such a loop, the loop reads {@link #ZEROS} as the missing column: {@code 0 - 0} squared adds
   * {@code +0.0}, which leaves every sum of squares unchanged (no sum is {@code -0.0}). Throwaway timing of the
   * kernel alone on a cached block of 254 vectors, k = 10 centres, ns per coordinate and centre, before / after: d =
   * 8 0.21 / 0.08, d = 10 0.14 / 0.085, d = 11 0.14 / 0.074 (JDK 25's C2 runs the earlier loops at about the later
   * speed). One-JVM A/B, one thread, greedy k-means++ and 20 iterations at 10^6 x 10: 322.8 to 286.5 ms.
   *
   * @param cols the vectors by column, {@code d} arrays of at least {@code len} values
   * @param len number of vectors, at most {@link #MAX_COLUMN_LEN}
   * @param b array of the other vector
   * @param bo its offset
   * @param d dimension
   * @param acc scratch, 4 arrays of at least {@code len} values (used when {@code d >= 8})
   * @param out receives the squared distances
   */
  public static void sqColumns(double[][] cols, int len, double[] b, int bo, int d, double[][] acc, double[] out) {
    if (len > MAX_COLUMN_LEN) {
      throw new IllegalArgumentException("len must be <= " + MAX_COLUMN_LEN + ", got " + len);
    }
    if (d < 8) {
      sqColumnsSerial(cols, len, b, bo, d, out);
    } else if (d < 16) {
      sqColumnsNarrow(cols, len, b, bo, d, acc, out);
    } else {
      sqColumnsBySum(cols, len, b, bo, d, acc, out);
    }
  }

  /** Most vectors {@link #sqColumns} takes at once (the largest block of {@link Columns#blockRows(int)}). */
  static final int MAX_COLUMN_LEN = 256;

  /** Zeros read as a padding column: {@code t = 0 - 0} adds {@code +0.0}, which changes no sum of squares. */
  private static final double[] ZEROS = new double[MAX_COLUMN_LEN];

  /** {@link #sqColumns} for {@code d < 8}: {@link #sq}'s single sum, two columns per loop. */
  private static void sqColumnsSerial(double[][] cols, int len, double[] b, int bo, int d, double[] out) {
    // One sum per vector, columns in order: 0 + t0 * t0 == t0 * t0 exactly, so the sum starts from two squares.
    {
      final double[] c0 = cols[0];
      final double[] c1 = d > 1 ? cols[1] : ZEROS;
      final double b0 = b[bo];
      final double b1 = d > 1 ? b[bo + 1] : 0.0;
      for (int r = 0; r < len; r++) {
        double t0 = c0[r] - b0;
        double t1 = c1[r] - b1;
        out[r] = t0 * t0 + t1 * t1;
      }
    }
    addPairs(cols, len, b, bo, 2, d, out);
  }

  /** {@code out[r] += t_j^2} for columns {@code j} from {@code from} to {@code d - 1} in order, two per loop. */
  private static void addPairs(double[][] cols, int len, double[] b, int bo, int from, int d, double[] out) {
    for (int j = from; j < d; j += 2) {
      final double[] c0 = cols[j];
      final double[] c1 = j + 1 < d ? cols[j + 1] : ZEROS;
      final double b0 = b[bo + j];
      final double b1 = j + 1 < d ? b[bo + j + 1] : 0.0;
      for (int r = 0; r < len; r++) {
        double t0 = c0[r] - b0;
        double t1 = c1[r] - b1;
        out[r] = out[r] + t0 * t0 + t1 * t1;
      }
    }
  }

  /**
   * {@link #sqColumns} for {@code 8 <= d < 16}: each of {@link #sq}'s four partial sums (two or three columns) in one
   * loop, then their combination, then the tail columns two per loop. These are the loops {@link #sqColumnsBySum}
   * would run for such widths with a three-column first sweep; folding them into it as a branch was tried in review
   * and was 1% to 3% slower at 10^6 x 10 (three one-JVM A/B runs, greedy end to end and from given centroids).
   */
  private static void sqColumnsNarrow(double[][] cols, int len, double[] b, int bo, int d, double[][] acc,
      double[] out) {
    final int groups = d >> 2;
    for (int q = 0; q < 4; q++) {
      final double[] s = acc[q];
      final double[] c0 = cols[q];
      final double[] c1 = cols[q + 4];
      final double[] c2 = groups > 2 ? cols[q + 8] : ZEROS;
      final double b0 = b[bo + q];
      final double b1 = b[bo + q + 4];
      final double b2 = groups > 2 ? b[bo + q + 8] : 0.0;
      for (int r = 0; r < len; r++) {
        double t0 = c0[r] - b0;
        double t1 = c1[r] - b1;
        double t2 = c2[r] - b2;
        s[r] = t0 * t0 + t1 * t1 + t2 * t2;
      }
    }
    final double[] s0 = acc[0];
    final double[] s1 = acc[1];
    final double[] s2 = acc[2];
    final double[] s3 = acc[3];
    for (int r = 0; r < len; r++) {
      out[r] = (s0[r] + s1[r]) + (s2[r] + s3[r]);
    }
    addPairs(cols, len, b, bo, 4 * groups, d, out);
  }

  /**
   * {@link #sqColumns} for {@code d >= 16}: the same operations in the same order, grouped the other way round.
   * Each of the four partial sums of {@link #sq} (sum {@code q} takes columns {@code q, q + 4, q + 8, ...}) is
   * completed in turn, four of its columns per sweep of the block, so a sweep loads and stores the partial sums
   * once for four columns instead of once for every column. Each inner loop writes one array and reads at most
   * five, which HotSpot's C2 (JDK 17) vectorises; sweeps of six or twelve columns ran at the speed of scalar code
   * (throwaway timing). At 10^5 x 50, k = 10, one thread, the distances of Hamerly's first pass took about 7 ms
   * with {@link #sqColumns}'s own loops and 4 ms with these; at d = 10 these were slower, hence {@code d >= 16}.
   */
  private static void sqColumnsBySum(double[][] cols, int len, double[] b, int bo, int d, double[][] acc,
      double[] out) {
    final int groups = d >> 2;
    for (int q = 0; q < 4; q++) {
      final double[] s = acc[q];
      {
        // The sum's first four columns: 0 + t * t == t * t exactly, so the sum starts from the first square.
        final double[] c0 = cols[q];
        final double[] c1 = cols[q + 4];
        final double[] c2 = cols[q + 8];
        final double[] c3 = cols[q + 12];
        final double b0 = b[bo + q];
        final double b1 = b[bo + q + 4];
        final double b2 = b[bo + q + 8];
        final double b3 = b[bo + q + 12];
        for (int r = 0; r < len; r++) {
          double t0 = c0[r] - b0;
          double t1 = c1[r] - b1;
          double t2 = c2[r] - b2;
          double t3 = c3[r] - b3;
          s[r] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
      }
      int g = 4;
      for (; g + 4 <= groups; g += 4) {
        final int j = 4 * g + q;
        final double[] c0 = cols[j];
        final double[] c1 = cols[j + 4];
        final double[] c2 = cols[j + 8];
        final double[] c3 = cols[j + 12];
        final double b0 = b[bo + j];
        final double b1 = b[bo + j + 4];
        final double b2 = b[bo + j + 8];
        final double b3 = b[bo + j + 12];
        for (int r = 0; r < len; r++) {
          double t0 = c0[r] - b0;
          double t1 = c1[r] - b1;
          double t2 = c2[r] - b2;
          double t3 = c3[r] - b3;
          s[r] = s[r] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
      }
      // The sum's last one to three columns, two per loop (the odd one padded with zeros).
      for (; g < groups; g += 2) {
        final int j = 4 * g + q;
        final double[] c0 = cols[j];
        final double[] c1 = g + 1 < groups ? cols[j + 4] : ZEROS;
        final double b0 = b[bo + j];
        final double b1 = g + 1 < groups ? b[bo + j + 4] : 0.0;
        for (int r = 0; r < len; r++) {
          double t0 = c0[r] - b0;
          double t1 = c1[r] - b1;
          s[r] = s[r] + t0 * t0 + t1 * t1;
        }
      }
    }
    final double[] s0 = acc[0];
    final double[] s1 = acc[1];
    final double[] s2 = acc[2];
    final double[] s3 = acc[3];
    for (int r = 0; r < len; r++) {
      out[r] = (s0[r] + s1[r]) + (s2[r] + s3[r]);
    }
    addPairs(cols, len, b, bo, 4 * groups, d, out);
  }

  /**
   * {@link #sqColumns} to two vectors at once, {@code out0[r] = sq(v_r, b_bo0)} and {@code out1[r] = sq(v_r, b_bo1)}
   * bit for bit: for {@code d >= 16} the operations of {@link #sqColumnsBySum} in the same order, each column loaded
   * once for both vectors; below, two {@link #sqColumns} calls. Each inner loop reads three or four arrays and
   * writes two (a first sweep of three columns, then two columns a sweep, then a last single one): loops that read
   * four columns and two partial sums ran at scalar speed on HotSpot 17, these vectorise. Kernel alone, a cached
   * block of 158 vectors, k = 10 centres, ns per coordinate and centre, one vector at a time / two: d = 50 0.080 /
   * 0.060, d = 64 0.072 / 0.054, d = 32 0.069 / 0.059, d = 16 to 19 within 6% (throwaway timing).
   *
   * @param cols the vectors by column, {@code d} arrays of at least {@code len} values
   * @param len number of vectors, at most {@link #MAX_COLUMN_LEN}
   * @param b array of the other two vectors
   * @param bo0 offset of the first
   * @param bo1 offset of the second
   * @param d dimension
   * @param acc scratch, 8 arrays of at least {@code len} values
   * @param out0 receives the squared distances to the first
   * @param out1 receives the squared distances to the second
   */
  public static void sqColumnsPair(double[][] cols, int len, double[] b, int bo0, int bo1, int d, double[][] acc,
      double[] out0, double[] out1) {
    if (len > MAX_COLUMN_LEN) {
      throw new IllegalArgumentException("len must be <= " + MAX_COLUMN_LEN + ", got " + len);
    }
    if (d < 16) {
      sqColumns(cols, len, b, bo0, d, acc, out0);
      sqColumns(cols, len, b, bo1, d, acc, out1);
      return;
    }
    final int groups = d >> 2;
    for (int q = 0; q < 4; q++) {
      final double[] s = acc[q];
      final double[] u = acc[q + 4];
      {
        // The sums' first three columns: 0 + t * t == t * t exactly, so each sum starts from the first square.
        final double[] c0 = cols[q];
        final double[] c1 = cols[q + 4];
        final double[] c2 = cols[q + 8];
        final double a0 = b[bo0 + q];
        final double a1 = b[bo0 + q + 4];
        final double a2 = b[bo0 + q + 8];
        final double e0 = b[bo1 + q];
        final double e1 = b[bo1 + q + 4];
        final double e2 = b[bo1 + q + 8];
        for (int r = 0; r < len; r++) {
          double x0 = c0[r];
          double x1 = c1[r];
          double x2 = c2[r];
          double t0 = x0 - a0;
          double t1 = x1 - a1;
          double t2 = x2 - a2;
          s[r] = t0 * t0 + t1 * t1 + t2 * t2;
          double v0 = x0 - e0;
          double v1 = x1 - e1;
          double v2 = x2 - e2;
          u[r] = v0 * v0 + v1 * v1 + v2 * v2;
        }
      }
      int g = 3;
      for (; g + 2 <= groups; g += 2) {
        final int j = 4 * g + q;
        final double[] c0 = cols[j];
        final double[] c1 = cols[j + 4];
        final double a0 = b[bo0 + j];
        final double a1 = b[bo0 + j + 4];
        final double e0 = b[bo1 + j];
        final double e1 = b[bo1 + j + 4];
        for (int r = 0; r < len; r++) {
          double x0 = c0[r];
          double x1 = c1[r];
          double t0 = x0 - a0;
          double t1 = x1 - a1;
          s[r] = s[r] + t0 * t0 + t1 * t1;
          double v0 = x0 - e0;
          double v1 = x1 - e1;
          u[r] = u[r] + v0 * v0 + v1 * v1;
        }
      }
      if (g < groups) {
        final int j = 4 * g + q;
        final double[] c0 = cols[j];
        final double a0 = b[bo0 + j];
        final double e0 = b[bo1 + j];
        for (int r = 0; r < len; r++) {
          double x0 = c0[r];
          double t0 = x0 - a0;
          s[r] = s[r] + t0 * t0;
          double v0 = x0 - e0;
          u[r] = u[r] + v0 * v0;
        }
      }
    }
    {
      final double[] s0 = acc[0];
      final double[] s1 = acc[1];
      final double[] s2 = acc[2];
      final double[] s3 = acc[3];
      for (int r = 0; r < len; r++) {
        out0[r] = (s0[r] + s1[r]) + (s2[r] + s3[r]);
      }
      final double[] u0 = acc[4];
      final double[] u1 = acc[5];
      final double[] u2 = acc[6];
      final double[] u3 = acc[7];
      for (int r = 0; r < len; r++) {
        out1[r] = (u0[r] + u1[r]) + (u2[r] + u3[r]);
      }
    }
    // The tail columns, two per loop (the odd one padded with zeros), as addPairs.
    for (int j = 4 * groups; j < d; j += 2) {
      final double[] c0 = cols[j];
      final double[] c1 = j + 1 < d ? cols[j + 1] : ZEROS;
      final double a0 = b[bo0 + j];
      final double a1 = j + 1 < d ? b[bo0 + j + 1] : 0.0;
      final double e0 = b[bo1 + j];
      final double e1 = j + 1 < d ? b[bo1 + j + 1] : 0.0;
      for (int r = 0; r < len; r++) {
        double x0 = c0[r];
        double x1 = c1[r];
        double t0 = x0 - a0;
        double t1 = x1 - a1;
        out0[r] = out0[r] + t0 * t0 + t1 * t1;
        double v0 = x0 - e0;
        double v1 = x1 - e1;
        out1[r] = out1[r] + v0 * v0 + v1 * v1;
      }
    }
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
