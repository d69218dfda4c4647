package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Data too large or too small for squared distances (largest magnitude above {@code 2^201} or below {@code 2^-200})
 * are searched after an exact power-of-two scaling. The oracle is exact arithmetic: every metric commutes with
 * multiplying all coordinates by {@code 2^s} (exact while every value stays a normal double), so on data, queries
 * and radii times {@code 2^s} every index must return the same rows, in the same order, with the distances times
 * {@code 2^s} bit for bit.
 */
class NeighborScaleTest {

  @Property(tries = 60)
  void searchOfScaledDataIsTheScaledSearch(@ForAll long seed, @ForAll @IntRange(min = 205, max = 1000) int magnitude,
      @ForAll boolean down, @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 2) int mi,
      @ForAll boolean tree) {
    int s = down ? -magnitude : magnitude;
    Metric metric = Metric.values()[mi];
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(300);
    // Multiples of 1/16 in [-8, 8], with repeats and ties: exact under any scaling that keeps them normal.
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (rng.nextInt(257) - 128) / 16.0;
    }
    double[] xs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = Math.scalb(x[i], s);
    }
    NeighborIndex a = index(Dataset.wrap(x, n, d), metric, tree, rng);
    NeighborIndex b = index(Dataset.wrap(xs, n, d), metric, tree, rng);
    Neighbors na = new Neighbors();
    Neighbors nb = new Neighbors();
    for (int q = 0; q < 5; q++) {
      double[] p = new double[d];
      for (int t = 0; t < d; t++) {
        p[t] = (rng.nextInt(321) - 160) / 16.0;
      }
      double[] ps = p.clone();
      for (int t = 0; t < d; t++) {
        ps[t] = Math.scalb(p[t], s);
      }
      int k = 1 + rng.nextInt(n);
      a.knn(p, k, na);
      b.knn(ps, k, nb);
      assertSame(na, nb, s, "knn(point, " + k + ")");
      int row = rng.nextInt(n);
      a.knn(row, k, na);
      b.knn(row, k, nb);
      assertSame(na, nb, s, "knn(row " + row + ", " + k + ")");
      double r = rng.nextInt(64) / 8.0;
      double rs = Math.scalb(r, s);
      a.radius(p, r, na);
      b.radius(ps, rs, nb);
      na.sortByDistance();
      nb.sortByDistance();
      assertSame(na, nb, s, "radius(point, " + r + ")");
      a.radius(row, r, na);
      b.radius(row, rs, nb);
      na.sortByDistance();
      nb.sortByDistance();
      assertSame(na, nb, s, "radius(row, " + r + ")");
      int limit = 1 + rng.nextInt(n);
      assertEquals(a.countWithin(p, r, limit), b.countWithin(ps, rs, limit));
      assertEquals(a.countWithin(row, r, limit), b.countWithin(row, rs, limit));
    }
  }

  private static NeighborIndex index(Dataset data, Metric metric, boolean tree, Rng rng) {
    return tree ? KdTree.build(data, metric, 1 + rng.nextInt(20)) : BruteForce.of(data, metric);
  }

  private static void assertSame(Neighbors a, Neighbors b, int s, String what) {
    assertArrayEquals(a.indices(), b.indices(), what);
    double[] da = a.distances();
    double[] db = b.distances();
    for (int i = 0; i < da.length; i++) {
      assertEquals(Math.scalb(da[i], s), db[i], what + ", distance " + i);
      assertEquals(Math.scalb(a.reducedDistance(i), a.metric() == Metric.EUCLIDEAN ? 2 * s : s), b.reducedDistance(i),
          what + ", reduced distance " + i);
    }
  }

  /**
   * Six points at {@code +-1e200} (or {@code +-1e-200}): the squared distances overflowed to infinity (or underflowed
   * to zero), every point looked equally near, and the two nearest neighbours of {@code 1.4 m} were rows 0 and 1
   * instead of rows 2 and 1.
   */
  @Test
  void extremeMagnitudesFindTheTrueNeighbours() {
    for (double m : new double[] {1e200, 1e300, 1e-200, 1e-310}) {
      Dataset x = Dataset.of(new double[][] {{m, 0}, {1.5 * m, 0}, {1.2 * m, 0}, {-m, 0}, {-1.5 * m, 0},
          {-1.2 * m, 0}});
      for (NeighborIndex index : new NeighborIndex[] {KdTree.build(x, Metric.EUCLIDEAN),
          BruteForce.of(x, Metric.EUCLIDEAN)}) {
        Neighbors out = new Neighbors();
        index.knn(new double[] {1.4 * m, 0}, 2, out);
        assertArrayEquals(new int[] {1, 2}, out.indices(), "magnitude " + m);
        // |1.4 m - 1.5 m| = 0.1 m, to the rounding of the products (fewer bits for subnormal m)
        assertEquals(0.1 * m, out.distance(0), 1e-12 * m, "magnitude " + m);
        // From 1.3 m the rows m, 1.5 m and 1.2 m lie at 0.3 m, 0.2 m and 0.1 m, the others beyond 2 m.
        assertEquals(3, index.radius(new double[] {1.3 * m, 0}, 0.35 * m, out), "magnitude " + m);
        out.sortByDistance();
        assertEquals("[2, 1, 0]", Arrays.toString(out.indices()), "magnitude " + m);
      }
    }
  }

  /**
   * Data spanning more than 1e150 at once: the scaling brings the largest magnitude to the top of the unscaled range
   * ({@code 2^200}), not to 1, so the gaps between rows near 1 beside a row at 1e199 (or near 1e-300 beside one at
   * 1e-101) still square to normal numbers. Scaled to 1, they underflowed to 0 and the 3 nearest rows of 2.5 were
   * rows 0, 1, 2 at distance 0. Exact: the rows and the query are scaled by a power of two, so the distances are
   * those of unscaled arithmetic, 0.5, 1.5 and 2.5 (times 1e-300 on the small side, to the rounding of the
   * products).
   */
  @Test
  void smallGapsBesideAFarRowKeepTheirDistances() {
    for (double unit : new double[] {1, 1e-300}) {
      double far = unit == 1 ? 1e199 : 1e-101;
      Dataset x = Dataset.of(new double[][] {{0}, {unit}, {3 * unit}, {far}});
      for (Metric metric : Metric.values()) {
        for (NeighborIndex index : new NeighborIndex[] {KdTree.build(x, metric), BruteForce.of(x, metric)}) {
          Neighbors out = new Neighbors();
          index.knn(new double[] {2.5 * unit}, 3, out);
          String what = metric + ", " + index.getClass().getSimpleName() + ", unit " + unit;
          assertArrayEquals(new int[] {2, 1, 0}, out.indices(), what);
          assertArrayEquals(new double[] {0.5 * unit, 1.5 * unit, 2.5 * unit}, out.distances(), 1e-15 * unit, what);
        }
      }
    }
  }

  /** Metric.distance of extreme points: the exact distance, not an overflow (or underflow) of its square. */
  @Test
  void metricDistanceOfExtremePoints() {
    assertEquals(2e200, Metric.EUCLIDEAN.distance(new double[] {1e200, 0}, new double[] {-1e200, 0}));
    assertEquals(5e-200, Metric.EUCLIDEAN.distance(new double[] {3e-200, 0}, new double[] {0, 4e-200}), 1e-214);
    assertEquals(Double.POSITIVE_INFINITY, Metric.EUCLIDEAN.distance(new double[] {Double.MAX_VALUE},
        new double[] {-Double.MAX_VALUE}));
    for (Metric m : Metric.values()) {
      double[] a = {1.5, -2.25, 4};
      double[] b = {-0.5, 3, 1.25};
      double d = m.distance(a, b);
      for (int s : new int[] {300, -300, 900}) {
        double[] as = a.clone();
        double[] bs = b.clone();
        for (int t = 0; t < 3; t++) {
          as[t] = Math.scalb(as[t], s);
          bs[t] = Math.scalb(bs[t], s);
        }
        assertEquals(Math.scalb(d, s), m.distance(as, bs), m + ", 2^" + s);
      }
    }
  }
}
