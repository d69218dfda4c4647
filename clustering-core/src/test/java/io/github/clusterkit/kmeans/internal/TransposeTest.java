package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Columns#transpose} (a whole-block copy into a row buffer, then eight, four and single columns at a time)
 * against the definition {@code cols[t][r] = x[(base + r) * d + t]}, for every width from 1 to 70 (every remainder of
 * the eight- and four-column groups), any block length up to {@link Columns#blockRows(int)}, blocks anywhere in the
 * data (the last rows included); the bits of every value are compared, and the source array must not change.
 */
class TransposeTest {

  @Property(tries = 300)
  void transposeIsTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 0, max = 1000) int lenDraw, @ForAll @IntRange(min = 0, max = 3) int extraBlocks) {
    Rng gen = new Rng(seed);
    int rows = Columns.blockRows(d);
    int len = 1 + lenDraw % rows;
    int n = len + extraBlocks * rows + gen.nextInt(5);
    int base = gen.nextInt(n - len + 1);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = gen.uniform(-1e6, 1e6);
    }
    double[] before = x.clone();
    double[][] cols = new double[d][rows];
    for (double[] c : cols) {
      java.util.Arrays.fill(c, Double.NaN); // values past len must stay untouched
    }
    double[] rowBuf = new double[Columns.rowBufferLength(d)];
    Columns.transpose(x, base, len, d, cols, rowBuf);
    for (int t = 0; t < d; t++) {
      for (int r = 0; r < rows; r++) {
        double want = r < len ? x[(base + r) * d + t] : Double.NaN;
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(cols[t][r]),
            "d = " + d + ", len = " + len + ", base = " + base + ", t = " + t + ", r = " + r);
      }
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(x[i]), "x changed at " + i);
    }
  }
}
