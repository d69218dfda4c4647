package io.github.clusterkit.pca.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;
import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Moments#meanAndScatter} against an exact oracle (BigDecimal sums of the rows and of the products of their
 * deviations from the exact mean, rounded once), on both kernels (the lanes up to 16 columns, the row kernel
 * from 17 on) and on row counts that leave every remainder of the row kernel's groups of four and
 * of the cache blocks; the data sit on an offset of 1000 so that the centring matters. Also: one thread and
 * three give the same bits. {@link Moments#mean} (the SVD solver's) is checked against the same exact means.
 */
class MomentsScatterTest {

  private static final MathContext MC = MathContext.DECIMAL128;

  @Property(tries = 30)
  void scatterEqualsTheExactScatter(
      @ForAll @IntRange(min = 1, max = 40) int d,
      @ForAll @IntRange(min = 2, max = 2000) int n,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1000 + rng.nextGaussian() * (1 + i % d);
    }
    double[] mean = new double[d];
    double[] s;
    try (ChunkRunner one = new ChunkRunner(1)) {
      s = Moments.meanAndScatter(x, n, d, mean, one);
    }
    BigDecimal[] m = new BigDecimal[d];
    for (int a = 0; a < d; a++) {
      BigDecimal sum = BigDecimal.ZERO;
      for (int i = 0; i < n; i++) {
        sum = sum.add(new BigDecimal(x[i * d + a]));
      }
      m[a] = sum.divide(BigDecimal.valueOf(n), MC);
      assertEquals(m[a].doubleValue(), mean[a], Math.ulp(m[a].doubleValue()) * 4, "mean of column " + a);
    }
    // the SVD solver's mean (Moments.mean: the same chunk sums, without the scatter's correction) against the
    // same oracle, within the bound of recursive summation divided by n (Higham 2002, eq. 4.4):
    // (n - 1) u sum|x| / n <= u sum|x|, u = 2^-53, plus the oracle's own rounding
    double[] svdMean;
    try (ChunkRunner one = new ChunkRunner(1)) {
      svdMean = Moments.mean(x, n, d, one);
    }
    for (int a = 0; a < d; a++) {
      double sumAbs = 0;
      for (int i = 0; i < n; i++) {
        sumAbs += Math.abs(x[i * d + a]);
      }
      double bound = 0x1p-53 * sumAbs + Math.ulp(m[a].doubleValue());
      assertEquals(m[a].doubleValue(), svdMean[a], bound, "Moments.mean, column " + a);
    }
    // the oracle's rounding is once per entry; the computed scatter rounds once per row and chunk, so the
    // tolerance is relative to the diagonal (the entries' natural scale): 1e-13 of sqrt(S_aa S_bb)
    double[] exact = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
          BigDecimal u = new BigDecimal(x[i * d + a]).subtract(m[a], MC);
          BigDecimal v = new BigDecimal(x[i * d + b]).subtract(m[b], MC);
          sum = sum.add(u.multiply(v, MC), MC);
        }
        exact[a * d + b] = sum.doubleValue();
        exact[b * d + a] = exact[a * d + b];
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double scale = Math.sqrt(exact[a * d + a] * exact[b * d + b]);
        assertEquals(exact[a * d + b], s[a * d + b], 1e-13 * scale, "scatter (" + a + ", " + b + ")");
      }
    }
    double[] mean3 = new double[d];
    try (ChunkRunner three = new ChunkRunner(3)) {
      assertArrayEquals(s, Moments.meanAndScatter(x, n, d, mean3, three), "three threads");
    }
    assertArrayEquals(mean, mean3, "three threads' mean");
  }
}
