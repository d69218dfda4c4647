package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Dist#sq4}, {@link Dist#sqColumns} and {@link Dist#sqColumnsPair} give bit for bit the values of
 * {@link Dist#sq} calls (the kernels rely on it).
 */
class DistTest {

  @Property(tries = 200)
  void fourAtOnceEqualsOneByOne(@ForAll long seed, @ForAll @IntRange(min = 8, max = 70) int d,
      @ForAll @IntRange(min = 0, max = 3) int offset) {
    Rng rng = new Rng(seed);
    double[] a = new double[offset + d];
    double[] b = new double[5 * d + offset];
    double scale = Math.scalb(1.0, rng.nextInt(40) - 20);
    for (int j = 0; j < a.length; j++) {
      a[j] = rng.nextGaussian() * scale;
    }
    for (int j = 0; j < b.length; j++) {
      b[j] = rng.nextGaussian() * scale;
    }
    int[] o = {offset + 3 * d, offset, offset + 4 * d, offset + d};
    double[] out = new double[6];
    Dist.sq4(a, offset, b, o[0], o[1], o[2], o[3], d, out, 2);
    for (int q = 0; q < 4; q++) {
      assertEquals(Double.doubleToRawLongBits(Dist.sq(a, offset, b, o[q], d)),
          Double.doubleToRawLongBits(out[2 + q]), "vector " + q + ", d " + d);
    }
  }

  /**
   * The class's error claim and the margin the accelerated algorithms rely on, against an exact oracle
   * ({@code BigDecimal} sums of the exact squared differences): {@link Dist#sq}'s relative error is below
   * {@code (d + 2) 2^-53}, and a distance taken as {@code sqrt(sq)} times {@code 1 + gamma(d)} is at least the true
   * distance, times {@code 1 - gamma(d)} at most (compared squared, exactly), for coordinates of mixed signs and
   * magnitudes over 2^-20 to 2^20; a smaller margin (0, say) breaks the upper or lower bound on about half the
   * pairs, since the rounded distance falls on either side of the true one.
   */
  @Property(tries = 300)
  void roundingStaysWithinTheBoundThatGammaCovers(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d) {
    Rng rng = new Rng(seed);
    double[] a = new double[d];
    double[] b = new double[d];
    for (int j = 0; j < d; j++) {
      a[j] = rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(41) - 20);
      b[j] = rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(41) - 20);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int j = 0; j < d; j++) {
      BigDecimal t = new BigDecimal(a[j]).subtract(new BigDecimal(b[j]));
      sum = sum.add(t.multiply(t));
    }
    BigDecimal exact = sum;
    double sq = Dist.sq(a, 0, b, 0, d);
    BigDecimal error = new BigDecimal(sq).subtract(exact).abs();
    assertTrue(error.compareTo(exact.multiply(new BigDecimal((d + 2) * 0x1p-53))) <= 0,
        () -> "d " + d + ": relative error " + error.doubleValue() / exact.doubleValue());
    double dist = Math.sqrt(sq);
    BigDecimal up = new BigDecimal(dist * (1 + Dist.gamma(d)));
    BigDecimal down = new BigDecimal(dist * (1 - Dist.gamma(d)));
    assertTrue(up.multiply(up).compareTo(exact) >= 0, "upper bound below the true distance, d " + d);
    assertTrue(down.multiply(down).compareTo(exact) <= 0, "lower bound above the true distance, d " + d);
  }

  @Property(tries = 600) // above its 288 edge-case combinations, so jqwik tries them all and adds random cases
  void columnsEqualOneByOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 40) int len, @ForAll @IntRange(min = 0, max = 3) int offset) {
    Rng rng = new Rng(seed);
    double scale = Math.scalb(1.0, rng.nextInt(40) - 20);
    double[] rows = gaussians(rng, len * d, scale);
    double[] b = gaussians(rng, offset + d, scale);
    double[][] cols = columns(rows, len, d);
    double[][] acc = new double[4][len + 3];
    double[] out = new double[len + 3];
    Dist.sqColumns(cols, len, b, offset, d, acc, out);
    for (int r = 0; r < len; r++) {
      assertEquals(Double.doubleToRawLongBits(Dist.sq(rows, r * d, b, offset, d)),
          Double.doubleToRawLongBits(out[r]), "vector " + r + ", d " + d);
    }
  }

  @Property(tries = 600)
  void pairEqualsOneByOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 40) int len, @ForAll @IntRange(min = 0, max = 3) int offset) {
    Rng rng = new Rng(seed);
    double scale = Math.scalb(1.0, rng.nextInt(40) - 20);
    double[] rows = gaussians(rng, len * d, scale);
    double[] b = gaussians(rng, offset + 2 * d, scale);
    double[][] cols = columns(rows, len, d);
    double[][] acc = new double[8][len + 3];
    double[] out0 = new double[len + 3];
    double[] out1 = new double[len + 3];
    // The second vector first in b when offset is odd, so both orders of the two offsets are covered.
    int bo0 = offset % 2 == 0 ? offset : offset + d;
    int bo1 = offset % 2 == 0 ? offset + d : offset;
    Dist.sqColumnsPair(cols, len, b, bo0, bo1, d, acc, out0, out1);
    for (int r = 0; r < len; r++) {
      assertEquals(Double.doubleToRawLongBits(Dist.sq(rows, r * d, b, bo0, d)),
          Double.doubleToRawLongBits(out0[r]), "first, vector " + r + ", d " + d);
      assertEquals(Double.doubleToRawLongBits(Dist.sq(rows, r * d, b, bo1, d)),
          Double.doubleToRawLongBits(out1[r]), "second, vector " + r + ", d " + d);
    }
  }

  /**
   * The column kernels take up to {@link Dist#MAX_COLUMN_LEN} (256) vectors, the length of the zero column that pads an
   * odd column count: 256 vectors of 3 and 17 columns (a padded pair each) equal the one-by-one sums; 257 are refused
   * with the rule and the value instead of reading past the padding.
   */
  @Test
  void columnKernelsTakeAtMost256Vectors() {
    Rng rng = new Rng(7);
    for (int d : new int[] {3, 17}) {
      int len = Dist.MAX_COLUMN_LEN;
      double[] rows = gaussians(rng, len * d, 1);
      double[] b = gaussians(rng, 2 * d, 1);
      double[][] cols = columns(rows, len, d);
      double[][] acc = new double[8][len];
      double[] out0 = new double[len];
      double[] out1 = new double[len];
      double[] single = new double[len];
      Dist.sqColumns(cols, len, b, d, d, acc, single);
      Dist.sqColumnsPair(cols, len, b, 0, d, d, acc, out0, out1);
      for (int r = 0; r < len; r++) {
        assertEquals(Dist.sq(rows, r * d, b, 0, d), out0[r], "first, vector " + r + ", d " + d);
        assertEquals(Dist.sq(rows, r * d, b, d, d), out1[r], "second, vector " + r + ", d " + d);
        assertEquals(Dist.sq(rows, r * d, b, d, d), single[r], "single, vector " + r + ", d " + d);
      }
      double[][] big = columns(gaussians(rng, (len + 1) * d, 1), len + 1, d);
      double[][] bigAcc = new double[8][len + 1];
      double[] bigOut = new double[len + 1];
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Dist.sqColumns(big, len + 1, b, 0, d, bigAcc, bigOut));
      assertEquals("len must be <= 256, got 257", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> Dist.sqColumnsPair(big, len + 1, b, 0, d, d, bigAcc, bigOut, new double[len + 1]));
      assertEquals("len must be <= 256, got 257", e.getMessage());
    }
  }

  private static double[] gaussians(Rng rng, int count, double scale) {
    double[] v = new double[count];
    for (int j = 0; j < count; j++) {
      v[j] = rng.nextGaussian() * scale;
    }
    return v;
  }

  /** The rows by column, with three spare values after each column (the kernels must not read them). */
  private static double[][] columns(double[] rows, int len, int d) {
    double[][] cols = new double[d][len + 3];
    for (int r = 0; r < len; r++) {
      for (int t = 0; t < d; t++) {
        cols[t][r] = rows[r * d + t];
      }
    }
    return cols;
  }
}
