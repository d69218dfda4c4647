package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Radius and count queries whose radius is so large that its reduced form (the squared radius, for the Euclidean
 * metric, at the index's scale) overflows to infinity. Before, every point whose own reduced distance overflowed
 * compared {@code infinity <= infinity} and was reported inside the radius, however far it lay. The oracle is
 * exact arithmetic: the distance compared with the radius in {@link BigDecimal} from the doubles themselves.
 */
class NeighborFarRadiusTest {

  /**
   * Data near {@code 1e-300} (held scaled by {@code 2^997}): the query {@code (10, 0)} is 10 away from every row,
   * beyond the radius 1; {@code (0.5, 0)} is 0.5 away, within it. Data near 1 (not scaled): the query
   * {@code (1e200, 0)} is {@code 1e200} away, beyond the radius {@code 1e160}.
   */
  @Test
  void farQueriesAreOutsideTheRadius() {
    Dataset tiny = Dataset.of(new double[][] {{1e-300, 0}, {2e-300, 0}, {3e-300, 0}});
    Dataset unit = Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
    for (Metric m : Metric.values()) {
      for (NeighborIndex index : indices(tiny, m)) {
        Neighbors out = new Neighbors();
        String what = index.getClass().getSimpleName() + " " + m;
        assertEquals(0, index.radius(new double[] {10, 0}, 1.0, out), what);
        assertEquals(0, index.countWithin(new double[] {10, 0}, 1.0, 3), what);
        assertEquals(3, index.radius(new double[] {0.5, 0}, 1.0, out), what);
        out.sortByDistance();
        // 0.5 - k e-300 rounds to 0.5 in every coordinate gap: three ties, in row order
        assertArrayEquals(new int[] {0, 1, 2}, out.indices(), what);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, out.distances(), what);
        assertEquals(3, index.countWithin(new double[] {0.5, 0}, 1.0, 3), what);
      }
      for (NeighborIndex index : indices(unit, m)) {
        Neighbors out = new Neighbors();
        String what = index.getClass().getSimpleName() + " " + m;
        assertEquals(0, index.radius(new double[] {1e200, 0}, 1e160, out), what);
        assertEquals(0, index.countWithin(new double[] {1e200, 0}, 1e160, 3), what);
        assertEquals(3, index.radius(new double[] {1e200, 0}, 1.5e200, out), what);
        out.sortByDistance();
        assertEquals(1e200 - 1, out.distance(0), what);
      }
    }
  }

  /**
   * A radius far beyond the data's spread (data up to {@code 1e60}, which the indices hold unscaled) holds rows at
   * every distance from 0.5 to {@code 1e60}: each reported distance is its own exact value (worked out by hand:
   * gaps 2.5, 1.5, 0.5 from the query 2.5; the row {@code 1e60} is {@code 1e60 - 2.5}, which rounds to
   * {@code 1e60}), not a value held at the radius's scale, where a gap {@code 2^-600} times the radius squares to
   * 0. Before, every distance but the last came out 0 and the sort ordered those rows by index.
   */
  @Test
  void hugeRadiiReportEachDistanceExactly() {
    Dataset x = Dataset.of(new double[][] {{0}, {1}, {3}, {1e60}});
    for (Metric m : Metric.values()) {
      for (NeighborIndex index : indices(x, m)) {
        String what = index.getClass().getSimpleName() + " " + m;
        Neighbors out = new Neighbors();
        assertEquals(4, index.radius(new double[] {2.5}, 1e200, out), what);
        out.sortByDistance();
        assertArrayEquals(new int[] {2, 1, 0, 3}, out.indices(), what);
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 1e60}, out.distances(), what);
        double[] reduced = new double[4];
        for (int i = 0; i < 4; i++) {
          reduced[i] = out.reducedDistance(i);
        }
        // reduced form in the data's units: the square of each distance (as doubles) for Euclidean, else the same
        double[] expected = m == Metric.EUCLIDEAN
            ? new double[] {0.25, 2.25, 6.25, 1e60 * 1e60}
            : new double[] {0.5, 1.5, 2.5, 1e60};
        assertArrayEquals(expected, reduced, what);
      }
    }
  }

  /**
   * Random data at a random power-of-two scale, queries far from them and radii whose reduced form overflows: the
   * rows found are exactly those within the radius in exact arithmetic (rows whose exact distance is within
   * {@code 1e-9} relative of the radius are left out of the comparison: rounding may put them either side), the
   * count agrees, both indices agree bit for bit, and every reported distance is the exact one to 1e-14 relative.
   */
  @Property(tries = 60)
  void farRadiiFindExactlyTheRowsWithin(@ForAll long seed, @ForAll @IntRange(min = -1000, max = 300) int scale,
      @ForAll @IntRange(min = 0, max = 2) int mi, @ForAll @IntRange(min = 1, max = 4) int d) {
    Metric metric = Metric.values()[mi];
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(200);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.scalb(rng.nextDouble() * 2 - 1, scale);
    }
    Dataset data = Dataset.wrap(x, n, d);
    NeighborIndex tree = KdTree.build(data, metric, 1 + rng.nextInt(16));
    NeighborIndex brute = BruteForce.of(data, metric);
    Neighbors a = new Neighbors();
    Neighbors b = new Neighbors();
    for (int t = 0; t < 8; t++) {
      // query and radius of a magnitude where the reduced radius at the index's scale overflows
      int qe = Math.max(scale, -200) + 520 + rng.nextInt(Math.max(1, 1020 - (Math.max(scale, -200) + 520)));
      double[] q = new double[d];
      for (int j = 0; j < d; j++) {
        q[j] = Math.scalb(rng.nextDouble() * 2 - 1, qe);
      }
      double radius = Math.scalb(0.25 + rng.nextDouble(), qe);
      int found = tree.radius(q, radius, a);
      assertEquals(found, brute.radius(q, radius, b));
      assertExactlyTheRowsWithin(metric, x, n, d, q, radius, found, a, b);
      assertEquals(found, tree.countWithin(q, radius, n));
      assertEquals(found, brute.countWithin(q, radius, n));
    }
  }

  /**
   * The mirror case: a radius so small that its square underflows at the index's scale. Data near 1 (not scaled) with
   * rows at 0 and {@code 1e-165}: about the row 0 (as a point and as a row), the radius {@code 1e-170} holds only
   * that row, the radius {@code 2e-165} both, at their exact distances 0 and {@code 1e-165} (plain geometry). Before,
   * the squared radius and the row's squared distance {@code 1e-330} both underflowed to 0, and the row
   * {@code 1e-165} was reported inside the radius {@code 1e-170} at distance 0 (Euclidean only: the other metrics'
   * reduced distances are the distances).
   */
  @Test
  void tinyRadiiLeaveOutRowsBeyondThem() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1e-165, 0}, {1, 1}});
    for (Metric m : Metric.values()) {
      for (NeighborIndex index : indices(data, m)) {
        Neighbors out = new Neighbors();
        String what = index.getClass().getSimpleName() + " " + m;
        assertEquals(1, index.radius(new double[] {0, 0}, 1e-170, out), what);
        assertArrayEquals(new int[] {0}, out.indices(), what);
        assertEquals(1, index.radius(0, 1e-170, out), what);
        assertArrayEquals(new int[] {0}, out.indices(), what);
        assertEquals(1, index.countWithin(new double[] {0, 0}, 1e-170, 3), what);
        assertEquals(1, index.countWithin(0, 1e-170, 3), what);
        assertEquals(2, index.radius(0, 2e-165, out), what);
        out.sortByDistance();
        assertArrayEquals(new int[] {0, 1}, out.indices(), what);
        assertArrayEquals(new double[] {0, 1e-165}, out.distances(), what);
        assertEquals(2, index.countWithin(1, 2e-165, 3), what);
        // a radius of 0 holds exact duplicates only, as before
        assertEquals(1, index.radius(new double[] {1e-165, 0}, 0, out), what);
        assertArrayEquals(new int[] {1}, out.indices(), what);
      }
    }
  }

  /**
   * Random rows near 1 and rows near a tiny power of two {@code 2^qe}, queries from those rows and from points near
   * them, and radii of that size, whose square underflows at the index's scale: the rows found are exactly those
   * within the radius in exact arithmetic (rows within {@code 1e-9} relative of the radius are left out of the
   * comparison), the counts agree, both indices agree bit for bit, and every reported distance is the exact one to
   * 1e-14 relative.
   */
  @Property(tries = 60)
  void tinyRadiiFindExactlyTheRowsWithin(@ForAll long seed, @ForAll @IntRange(min = -1000, max = -520) int qe,
      @ForAll @IntRange(min = 0, max = 2) int mi, @ForAll @IntRange(min = 1, max = 4) int d) {
    Metric metric = Metric.values()[mi];
    Rng rng = new Rng(seed);
    int n = 2 + rng.nextInt(200);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      boolean tiny = i % 2 == 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = tiny ? Math.scalb(rng.nextDouble() * 2 - 1, qe) : rng.nextDouble() * 2 - 1;
      }
    }
    Dataset data = Dataset.wrap(x, n, d);
    NeighborIndex tree = KdTree.build(data, metric, 1 + rng.nextInt(16));
    NeighborIndex brute = BruteForce.of(data, metric);
    Neighbors a = new Neighbors();
    Neighbors b = new Neighbors();
    for (int t = 0; t < 8; t++) {
      boolean fromRow = t % 2 == 0;
      int row = 2 * rng.nextInt((n + 1) / 2);
      double[] q = new double[d];
      for (int j = 0; j < d; j++) {
        q[j] = fromRow ? x[row * d + j] : Math.scalb(rng.nextDouble() * 2 - 1, qe);
      }
      double radius = Math.scalb(0.25 + rng.nextDouble(), qe);
      int found = fromRow ? tree.radius(row, radius, a) : tree.radius(q, radius, a);
      assertEquals(found, fromRow ? brute.radius(row, radius, b) : brute.radius(q, radius, b));
      assertExactlyTheRowsWithin(metric, x, n, d, q, radius, found, a, b);
      assertEquals(found, fromRow ? tree.countWithin(row, radius, n) : tree.countWithin(q, radius, n));
      assertEquals(found, fromRow ? brute.countWithin(row, radius, n) : brute.countWithin(q, radius, n));
    }
  }

  /**
   * The oracle of both properties: the two indices' answers ({@code a} from the tree, {@code b} from brute force)
   * agree bit for bit, every reported distance is the exact one to 1e-14 relative, and the rows found are exactly
   * those within the radius in exact arithmetic (rows within {@code 1e-9} relative of the radius left out).
   */
  private static void assertExactlyTheRowsWithin(Metric metric, double[] x, int n, int d, double[] q, double radius,
      int found, Neighbors a, Neighbors b) {
    a.sortByDistance();
    b.sortByDistance();
    assertArrayEquals(b.indices(), a.indices());
    assertArrayEquals(b.distances(), a.distances());
    List<Integer> got = new ArrayList<>();
    for (int i = 0; i < found; i++) {
      got.add(a.index(i));
      double exact = exactDistance(metric, q, x, a.index(i) * d, d).doubleValue();
      assertEquals(exact, a.distance(i), 1e-14 * exact);
    }
    BigDecimal r = new BigDecimal(radius);
    for (int i = 0; i < n; i++) {
      BigDecimal dist = exactDistance(metric, q, x, i * d, d);
      if (dist.subtract(r).abs().compareTo(r.multiply(new BigDecimal("1e-9"))) <= 0) {
        continue;
      }
      assertEquals(dist.compareTo(r) <= 0, got.contains(i), "row " + i + " at " + dist + ", radius " + radius);
    }
  }

  private static NeighborIndex[] indices(Dataset data, Metric m) {
    return new NeighborIndex[] {KdTree.build(data, m), KdTree.build(data, m, 1), BruteForce.of(data, m)};
  }

  private static BigDecimal exactDistance(Metric m, double[] q, double[] x, int off, int d) {
    BigDecimal s = BigDecimal.ZERO;
    for (int j = 0; j < d; j++) {
      BigDecimal g = new BigDecimal(q[j]).subtract(new BigDecimal(x[off + j])).abs();
      if (m == Metric.EUCLIDEAN) {
        s = s.add(g.multiply(g));
      } else if (m == Metric.MANHATTAN) {
        s = s.add(g);
      } else {
        s = s.max(g);
      }
    }
    assertTrue(s.signum() >= 0);
    return m == Metric.EUCLIDEAN ? s.sqrt(MathContext.DECIMAL64) : s;
  }
}
