package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Davies-Bouldin, Calinski-Harabasz and inertia where a cluster, or all the data, consists of copies of one point.
 * Every expectation is exact arithmetic by hand: the mean of copies of a point is that point, so each such cluster
 * has scatter 0 and adds 0 to {@code W}; copies of one point everywhere also give {@code B = 0} and centroid gaps of
 * 0. The documented results follow: {@code CH = B (n - k) / (W (k - 1))} is {@code NaN} for {@code 0 / 0} and
 * {@code +Infinity} for {@code W = 0 < B}; Davies-Bouldin is {@code +Infinity} when two clusters with scatter 0
 * share their mean ({@code (0 + 0) / 0}) and exactly 0 when every scatter is 0 and the means differ. In floating
 * point a plain {@code sum / n} misses these: {@code (0.1 + 0.1 + 0.1) / 3} is {@code 0.10000000000000002}.
 */
class CopiesOfOnePointTest {

  private static Dataset column(double... v) {
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i]};
    }
    return Dataset.of(rows);
  }

  /** The audit's repros: exact W = B = 0 and a centroid gap of 0 (plain means gave CH 2.0 / +Infinity, DB 1.0). */
  @Test
  void auditRepros() {
    Dataset four = column(0.1, 0.1, 0.1, 0.1);
    int[] labels = {0, 0, 0, 1};
    assertEquals(Double.NaN, CalinskiHarabasz.score(four, labels));
    assertEquals(Double.POSITIVE_INFINITY, DaviesBouldin.score(four, labels));
    assertEquals(Double.POSITIVE_INFINITY,
        DaviesBouldin.score(four, labels, NoisePolicy.IGNORE, DaviesBouldin.Scatter.ROOT_MEAN_SQUARE));
    assertEquals(0.0, Inertia.score(four, labels));

    Dataset three = column(0.1, 0.1, 0.1);
    assertEquals(Double.NaN, CalinskiHarabasz.score(three, new int[] {0, 0, 1}));
    assertEquals(Double.POSITIVE_INFINITY, DaviesBouldin.score(three, new int[] {0, 0, 1}));
    assertEquals(0.0, Inertia.score(three, new int[] {0, 0, 1}));
    assertEquals(0.0, Inertia.score(three, new int[] {0, 0, 0}));
  }

  /**
   * All rows copies of one point, of every size up to 3000 in steps, with random labels and random (seeded) points
   * in two dimensions: CH is NaN, DB is +Infinity, inertia 0, for every noise policy that leaves two clusters.
   */
  @Test
  void allRowsCopiesOfOnePoint() {
    Random r = new Random(20240611L);
    double[] fixed = {0.1, 0.7, 1.0 / 3, -2.2, 1e-3, 123.456, 0.3};
    for (int n = 3; n <= 3000; n = n * 3 / 2 + 1) {
      for (int trial = 0; trial < fixed.length + 3; trial++) {
        double a = trial < fixed.length ? fixed[trial] : r.nextDouble() * 10 - 5;
        double b = r.nextDouble();
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
          rows[i] = new double[] {a, b};
          labels[i] = i < 3 ? i % 2 : r.nextInt(4) - 1; // rows 0 and 1 ensure two clusters; -1 is noise
        }
        Dataset d = Dataset.of(rows);
        String where = "n=" + n + ", point (" + a + ", " + b + ")";
        for (NoisePolicy policy : NoisePolicy.values()) {
          // k < n always: rows 0 to 2 share two labels
          assertEquals(Double.NaN, CalinskiHarabasz.score(d, labels, policy), where + ", " + policy);
          assertEquals(Double.POSITIVE_INFINITY, DaviesBouldin.score(d, labels, policy), where + ", " + policy);
          assertEquals(0.0, Inertia.score(d, labels, policy), where + ", " + policy);
        }
      }
    }
  }

  /**
   * Every cluster copies of its own point, the points distinct: W = 0 and every scatter 0, so CH = +Infinity and
   * DB = 0 exactly (each ratio is 0 / gap); inertia 0.
   */
  @Test
  void everyClusterCopiesOfItsOwnPoint() {
    double[] points = {0.1, 0.7, 1.0 / 3, 0.3};
    for (int copies = 2; copies <= 2000; copies = copies * 2 + 1) {
      double[] v = new double[copies * points.length];
      int[] labels = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = points[i % points.length];
        labels[i] = i % points.length;
      }
      Dataset d = column(v);
      assertEquals(Double.POSITIVE_INFINITY, CalinskiHarabasz.score(d, labels), "copies=" + copies);
      assertEquals(0.0, DaviesBouldin.score(d, labels), "copies=" + copies);
      assertEquals(0.0,
          DaviesBouldin.score(d, labels, NoisePolicy.IGNORE, DaviesBouldin.Scatter.ROOT_MEAN_SQUARE),
          "copies=" + copies);
      assertEquals(0.0, Inertia.score(d, labels), "copies=" + copies);
    }
  }

  /**
   * Copies far outside the usual range go through the exact power-of-two scaling first and keep these answers:
   * 0.1 times 2^700 and 2^-700 (the scaling keeps the significand, so the mean of the copies is again the sticking
   * point).
   */
  @Test
  void copiesOfAnExtremePoint() {
    for (double v : new double[] {Math.scalb(0.1, 700), Math.scalb(0.1, -700)}) {
      Dataset d = column(v, v, v, v, v, v, v);
      int[] labels = {0, 0, 0, 1, 1, 1, 1};
      assertEquals(Double.NaN, CalinskiHarabasz.score(d, labels), "v=" + v);
      assertEquals(Double.POSITIVE_INFINITY, DaviesBouldin.score(d, labels), "v=" + v);
      assertEquals(0.0, Inertia.score(d, labels), "v=" + v);
    }
  }
}
