package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Table;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentProfile} on columns far outside the usual range of doubles, and on constant columns. Every
 * expectation is exact arithmetic by hand (the population standard deviation of {@code v, v, -v, -v} is
 * {@code |v|}, that of {@code a, a, 0, 0} is {@code a / 2}) or, for ordinary data, the documented formulas
 * evaluated plainly in the test (sum over the non-missing cells in row order, divided by their count; the root of the
 * mean squared deviation from that mean).
 */
class SegmentProfileRangeTest {

  /** The audit's repro: squared deviations of 1e155 overflow (gave sd Infinity, z 0, names Average). */
  @Test
  void squaresBeyondTheRange() {
    Table t = Table.builder().numeric("Income", new double[] {1e155, 1e155, -1e155, -1e155})
        .numeric("Age", new double[] {30, 31, 30, 31}).build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 1, 1});
    assertArrayEquals(new double[] {0, 30.5}, p.overallMeans(), 0);
    assertArrayEquals(new double[] {1e155, 0.5}, p.overallSds(), 0);
    assertArrayEquals(new double[] {1e155, 30.5}, p.means(0), 0);
    assertArrayEquals(new double[] {-1e155, 30.5}, p.means(1), 0);
    assertArrayEquals(new double[] {1, 0}, p.zScores(0), 0);
    assertArrayEquals(new double[] {-1, 0}, p.zScores(1), 0);
    assertEquals(List.of("High Income", "Low Income"), p.names(0.5));
  }

  /** Sums beyond the range: 1e308 + 1e308 overflows (gave means Infinity, z-scores NaN). Halving is exact. */
  @Test
  void sumsBeyondTheRange() {
    Table t = Table.builder().numeric("X", new double[] {1e308, 1e308, 0, 0}).build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 1, 1});
    assertArrayEquals(new double[] {1e308 / 2}, p.overallMeans(), 0);
    assertArrayEquals(new double[] {1e308 / 2}, p.overallSds(), 0);
    assertArrayEquals(new double[] {1e308}, p.means(0), 0);
    assertArrayEquals(new double[] {0}, p.means(1), 0);
    assertArrayEquals(new double[] {1}, p.zScores(0), 0);
    assertArrayEquals(new double[] {-1}, p.zScores(1), 0);
    assertEquals(List.of("High X", "Low X"), p.names(0.5));
    Table max = Table.builder().numeric("X", new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}).build();
    SegmentProfile q = SegmentProfile.of(max, new int[] {0, 1});
    assertArrayEquals(new double[] {Double.MAX_VALUE}, q.overallSds(), 0);
    assertArrayEquals(new double[] {Double.MAX_VALUE}, q.means(0), 0);
    assertArrayEquals(new double[] {1}, q.zScores(0), 0);
  }

  /**
   * Tiny values: squared deviations of 1e-165 underflow to 0 (the column was taken as constant, z 0); three times
   * the smallest subnormal has a subnormal, yet exact, standard deviation.
   */
  @Test
  void tinyValues() {
    Table t = Table.builder().numeric("X", new double[] {1e-165, 1e-165, -1e-165, -1e-165}).build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 1, 1});
    assertArrayEquals(new double[] {0}, p.overallMeans(), 0);
    assertArrayEquals(new double[] {1e-165}, p.overallSds(), 0);
    assertArrayEquals(new double[] {1e-165}, p.means(0), 0);
    assertArrayEquals(new double[] {1}, p.zScores(0), 0);
    assertArrayEquals(new double[] {-1}, p.zScores(1), 0);
    assertEquals(List.of("High X", "Low X"), p.names(0.5));
    double s = 3 * Double.MIN_VALUE;
    Table sub = Table.builder().numeric("X", new double[] {s, s, -s, -s}).build();
    SegmentProfile q = SegmentProfile.of(sub, new int[] {0, 0, 1, 1});
    assertArrayEquals(new double[] {s}, q.overallSds(), 0);
    assertArrayEquals(new double[] {-s}, q.means(1), 0);
    assertArrayEquals(new double[] {-1}, q.zScores(1), 0);
  }

  /**
   * A constant column (copies of 0.1, with a missing cell) has mean 0.1, sd 0 and z-scores 0, so it never names a
   * segment (the plain mean of three copies, 0.10000000000000002, gave an sd of 1.4e-17 and z-scores -1: "Low X").
   */
  @Test
  void constantColumnIsExactlyConstant() {
    Table t = Table.builder().numeric("X", new double[] {0.1, 0.1, Double.NaN, 0.1})
        .numeric("Y", new double[] {-0.0, 0.0, -0.0, -0.0}).build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 1, 1});
    assertArrayEquals(new double[] {0.1, 0}, p.overallMeans(), 0);
    assertEquals(0.0, 1 / p.overallMeans()[1] > 0 ? 0.0 : 1.0, "a mean of zeros reads +0.0");
    assertArrayEquals(new double[] {0, 0}, p.overallSds(), 0);
    assertArrayEquals(new double[] {0.1, 0}, p.means(0), 0);
    assertArrayEquals(new double[] {0.1, 0}, p.means(1), 0);
    assertArrayEquals(new double[] {0, 0}, p.zScores(0), 0);
    assertArrayEquals(new double[] {0, 0}, p.zScores(1), 0);
    assertEquals(List.of("Average", "Average (2)"), p.names(0.5));
  }

  /**
   * A segment of copies of one value inside a column that is not constant has that value as its mean: the plain
   * quotient {@code (0.1 + 0.1 + 0.1) / 3} is {@code 0.10000000000000002} (exact: the sum rounds up); held within
   * the segment's values it is 0.1.
   */
  @Test
  void aSegmentOfCopiesHasTheirValueAsItsMean() {
    Table t = Table.builder().numeric("x", new double[] {0.1, 0.1, 0.1, 5}).build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 0, 1});
    assertEquals(0.1, p.means(0)[0], 0.0);
    assertEquals(5.0, p.means(1)[0], 0.0);
  }

  /**
   * Columns inside {@code [2^-200, 2^201)} are not scaled: seeded random tables of ordinary data (missing cells,
   * noise, a category) give bit for bit the documented formulas evaluated plainly; and the same tables multiplied by
   * powers of two far outside that range give bit for bit the ordinary results scaled by the same power (the scaling
   * is exact, so extreme data get the answers of ordinary data).
   */
  @Test
  void ordinaryDataUnchangedAndExtremeDataScaledExactly() {
    Random r = new Random(77L);
    for (int trial = 0; trial < 40; trial++) {
      int n = 2 + r.nextInt(60);
      int k = 1 + r.nextInt(4);
      double[] a = new double[n];
      double[] b = new double[n];
      String[] c = new String[n];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian() * 1e4 + 3e4;
        b[i] = r.nextDouble() * 1e-3;
        c[i] = r.nextBoolean() ? "ON" : "OFF";
        labels[i] = i < k ? i : r.nextInt(k + 1) - 1;
      }
      Table t = Table.builder().numeric("A", a).numeric("B", b).categorical("C", c).build();
      SegmentProfile p = SegmentProfile.of(t, labels);
      int[] segs = p.segments();
      for (int j = 0; j < 2; j++) {
        double[] v = j == 0 ? a : b;
        int m = 0;
        for (double x : v) {
          m += Double.isNaN(x) ? 0 : 1;
        }
        double mean = BruteForce.mean(v);
        double ss = 0;
        for (double x : v) {
          if (!Double.isNaN(x)) {
            ss += (x - mean) * (x - mean);
          }
        }
        double sd = Math.sqrt(ss / m);
        assertEquals(mean, p.overallMeans()[j], 0, "trial " + trial);
        assertEquals(sd, p.overallSds()[j], 0, "trial " + trial);
        for (int s : segs) {
          double gs = 0;
          int gm = 0;
          for (int i = 0; i < n; i++) {
            if (labels[i] == s && !Double.isNaN(v[i])) {
              gs += v[i];
              gm++;
            }
          }
          assertEquals(gm == 0 ? Double.NaN : gs / gm, p.means(s)[j], 0, "trial " + trial);
          assertEquals(gm == 0 ? 0 : (gs / gm - mean) / sd, p.zScores(s)[j], 0, "trial " + trial);
        }
      }
      for (int power : new int[] {-1000, -700, -300, 300, 700, 990}) {
        double[] as = a.clone();
        double[] bs = b.clone();
        for (int i = 0; i < n; i++) {
          as[i] = Math.scalb(as[i], power);
          bs[i] = Math.scalb(bs[i], power + 20); // b, below 1e-3, moved 20 powers less: stays normal here
        }
        SegmentProfile q = SegmentProfile.of(
            Table.builder().numeric("A", as).numeric("B", bs).categorical("C", c).build(), labels);
        String where = "trial " + trial + ", power " + power;
        assertEquals(Math.scalb(p.overallMeans()[0], power), q.overallMeans()[0], 0, where);
        assertEquals(Math.scalb(p.overallSds()[0], power), q.overallSds()[0], 0, where);
        for (int s : segs) {
          assertEquals(Math.scalb(p.means(s)[0], power), q.means(s)[0], 0, where);
          assertArrayEquals(p.zScores(s), q.zScores(s), 0, where);
        }
        assertEquals(p.names(0.5), q.names(0.5), where);
      }
    }
  }
}
