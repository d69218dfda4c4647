package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The k-distance plot of data made of a few points with many copies each: one query per distinct point. */
class KDistanceDuplicatesTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void copiesOfAPointAreMeasuredOnce() {
    // 2000 points c^2 (c = 0 .. 1999, 1-d), 250 copies each, k = 300. Each of the 500,000 rows ran its own 300-NN
    // query: 13.5 s; now one query per point: 0.3 s. The timeout is a safety net only.
    int points = 2000;
    int copies = 250;
    int n = points * copies;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double c = i % points;
      x[i] = c * c;
    }
    KDistance kd = KDistance.of(Dataset.wrap(x, n, 1), 300);
    // exact computation: a copy of c has 250 rows at distance 0, then the 250 copies of its nearer neighbour point,
    // c - 1 at 2c - 1 for c >= 1 (c + 1 is 2c + 1 away), 1 at distance 1 for c = 0: the 300th row is that neighbour
    double[] want = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i / copies;
      want[i] = c == 0 ? 1 : 2 * c - 1;
    }
    assertArrayEquals(want, kd.sortedDistances());
    assertEquals(KDistance.knee(want), kd.kneeIndex());
    assertEquals(want[kd.kneeIndex()], kd.knee()); // squares of integers below 2^26: the count at the knee is exact
  }

  /**
   * Random data of a few distinct points repeated many times (integer points: distances tie; or uniform reals, where
   * the knee's rounding can need a raised eps), every metric: the sorted k-distances and the suggested eps equal a
   * brute-force computation over every row (all distances of a row, sorted, the k-th; the knee's eps raised until
   * every row of the knee's k-distance has k rows within it by the reduced comparison DBSCAN makes).
   */
  @Property(tries = 150)
  void equalsTheBruteForcePlotOnDuplicateHeavyData(@ForAll long seed, @ForAll @IntRange(min = 1, max = 250) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 30) int distinct,
      @ForAll @IntRange(min = 1, max = 40) int kWanted) {
    Rng rng = new Rng(seed);
    boolean integral = rng.nextInt(2) == 0;
    double[] points = new double[distinct * d];
    for (int t = 0; t < points.length; t++) {
      points[t] = integral ? rng.nextInt(7) - 3 : rng.uniform(-3, 3);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(points, rng.nextInt(distinct) * d, x, i * d, d);
    }
    Metric metric = Metric.values()[rng.nextInt(3)];
    int k = Math.min(kWanted, n);
    KDistance kd = KDistance.of(Dataset.wrap(x, n, d), k, metric);
    assertBruteForce(x, n, d, metric, k, kd);
  }

  /**
   * Asserts that {@code kd} is the plot of the {@code n x d} rows {@code x} computed by brute force: all distances
   * of a row, sorted, the k-th; the knee's eps raised until every row of the knee's k-distance has k rows within it
   * by the reduced comparison DBSCAN makes.
   */
  static void assertBruteForce(double[] x, int n, int d, Metric metric, int k, KDistance kd) {
    double[] dist = new double[n];
    double[] row = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        row[j] = metric.reducedDistance(x, i * d, x, j * d, d);
      }
      Arrays.sort(row);
      dist[i] = metric.fromReduced(row[k - 1]);
    }
    double[] sorted = dist.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, kd.sortedDistances());
    int at = KDistance.knee(sorted);
    assertEquals(at, kd.kneeIndex());
    double r = sorted[at];
    double eps = r;
    if (r > 0) {
      for (int i = 0; i < n; i++) {
        while (dist[i] == r && within(x, n, d, metric, i, eps) < k) {
          eps = Math.nextUp(eps);
        }
      }
    }
    assertEquals(eps, kd.knee());
  }

  private static int within(double[] x, int n, int d, Metric metric, int i, double eps) {
    double r2 = metric.toReduced(eps);
    int c = 0;
    for (int j = 0; j < n; j++) {
      c += metric.reducedDistance(x, i * d, x, j * d, d) <= r2 ? 1 : 0;
    }
    return c;
  }
}
