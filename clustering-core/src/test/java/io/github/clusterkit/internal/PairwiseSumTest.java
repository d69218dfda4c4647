package io.github.clusterkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PairwiseSumTest {

  private static final double[] D = {1.0, 7.0, 1000.0, 3e5, 0.001};

  /** The values of tools/pairwise_sum_reference.py: exact integers each divided once. */
  private static double[] values(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      long h = (i * 2654435761L) & 0xffffffffL;
      a[i] = (h - 2147483648L) / D[i % 5];
    }
    return a;
  }

  /**
   * numpy 1.24's {@code np.sum} of the first n values, bit for bit, for lengths around every boundary of its
   * algorithm (8 accumulators, 128 unrolled, 8192 a block); the fixture's left-to-right sums differ from numpy's for
   * 13 of the 25 lengths, so a plain loop fails this test (source: tools/pairwise_sum_reference.py).
   */
  @Test
  void equalsNumpyBitForBit() throws IOException {
    double[] a = values(100_001);
    int checked = 0;
    int unlikePlain = 0;
    InputStream in = PairwiseSumTest.class.getResourceAsStream("/fixtures/internal/pairwise_sums.csv");
    assertNotNull(in, "fixture pairwise_sums.csv");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",");
        int n = Integer.parseInt(f[0]);
        double numpy = Double.parseDouble(f[1]);
        double plain = Double.parseDouble(f[2]);
        assertEquals(numpy, PairwiseSum.sum(a, n), 0.0, "length " + n);
        double loop = 0;
        for (int i = 0; i < n; i++) {
          loop += a[i];
        }
        assertEquals(plain, loop, 0.0, "the fixture's left-to-right sum, length " + n);
        checked++;
        unlikePlain += numpy != plain ? 1 : 0;
      }
    }
    assertEquals(25, checked);
    assertEquals(13, unlikePlain);
  }
}
