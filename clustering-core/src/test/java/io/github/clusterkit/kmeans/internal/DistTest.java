package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

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
