package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Data too large or too small for squared distances (largest magnitude above {@code 2^201} or below
 * {@code 2^-200}) are clustered after an exact power-of-two scaling, eps alike. The oracle is exact arithmetic:
 * multiplying the data and eps by {@code 2^s} commutes with every distance comparison while values stay normal,
 * so every search path must give the same labels and core points, the same predictions, and assignment distances
 * times {@code 2^s} bit for bit. Before the scaling, the KD-tree path at d = 5 put every row of
 * {@code {0, 0.3, 0.6, 10, 10.3, -40, 40.7} x 1e200} (eps {@code 0.35e200}) in one cluster, and a model's
 * {@code predict} of a point within eps of a core point near {@code 1e200} returned noise.
 */
class DbscanScaleTest {

  @Property(tries = 40)
  void clusteringOfScaledDataIsTheScaledClustering(@ForAll long seed,
      @ForAll @IntRange(min = 205, max = 1000) int magnitude, @ForAll boolean down,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 0, max = 2) int path,
      @ForAll @IntRange(min = 0, max = 2) int mi) {
    int s = down ? -magnitude : magnitude;
    Rng rng = new Rng(seed);
    int n = 5 + rng.nextInt(150);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int blob = rng.nextInt(3);
      for (int t = 0; t < d; t++) {
        // Multiples of 1/16 around three centres: exact under the scaling.
        x[i * d + t] = 8 * blob + (rng.nextInt(49) - 24) / 16.0;
      }
    }
    double[] xs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = Math.scalb(x[i], s);
    }
    double eps = (8 + rng.nextInt(24)) / 16.0;
    int minPts = 1 + rng.nextInt(6);
    Dbscan.Search search = new Dbscan.Search[] {Dbscan.Search.GRID, Dbscan.Search.KD_TREE,
        Dbscan.Search.BRUTE_FORCE}[path];
    Metric metric = Metric.values()[mi];
    if (search == Dbscan.Search.GRID && metric != Metric.EUCLIDEAN) {
      search = Dbscan.Search.KD_TREE;
    }
    DbscanModel a = Dbscan.eps(eps).minPts(minPts).metric(metric).search(search).fit(Dataset.wrap(x, n, d));
    DbscanModel b = Dbscan.eps(Math.scalb(eps, s)).minPts(minPts).metric(metric).search(search)
        .fit(Dataset.wrap(xs, n, d));
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.coreMask(), b.coreMask());
    for (int q = 0; q < 5; q++) {
      double[] p = new double[d];
      double[] ps = new double[d];
      for (int t = 0; t < d; t++) {
        p[t] = (rng.nextInt(400) - 80) / 16.0;
        ps[t] = Math.scalb(p[t], s);
      }
      assertEquals(a.predict(p), b.predict(ps));
      Assignment aa = a.assign(p);
      Assignment ab = b.assign(ps);
      assertEquals(aa.label(), ab.label());
      assertEquals(aa.kind(), ab.kind());
      assertEquals(Math.scalb(aa.distance(), s), ab.distance());
    }
  }

  /**
   * A model of core points near {@code 1e-300} (held scaled by {@code 2^997}) asked about points of ordinary size.
   * The oracle is plain geometry: every core point lies within {@code 3e-300} of the origin, so a point {@code p} is
   * {@code |p|} away from each of them to double precision. Before, a point whose scaled coordinates overflowed
   * ({@code 1e10 * 2^997}) failed with "query must be finite, got Infinity", and a point 10 away from a model with
   * eps 1 or 100 was reported CORE_LIKE with label -1 and distance Infinity.
   */
  @Test
  void pointsFarFromTinyCorePointsArePlacedByTheirTrueDistance() {
    Dataset tiny = Dataset.of(new double[][] {{1e-300, 0}, {2e-300, 0}, {3e-300, 0}});
    for (Dbscan.Search search : new Dbscan.Search[] {Dbscan.Search.GRID, Dbscan.Search.KD_TREE,
        Dbscan.Search.BRUTE_FORCE}) {
      DbscanModel small = Dbscan.eps(1e-299).minPts(2).search(search).fit(tiny);
      assertArrayEquals(new int[] {0, 0, 0}, small.labels());
      assertEquals(-1, small.predict(new double[] {1e10, 0}));
      assertEquals(-1, small.predict(new double[] {-1e300, 5}));
      assertAssignment(small.assign(new double[] {1e10, 0}), -1, Assignment.Kind.NOISE, 1e10);
      assertAssignment(small.assign(new double[] {10, 0}), -1, Assignment.Kind.NOISE, 10);

      DbscanModel one = Dbscan.eps(1).minPts(2).search(search).fit(tiny);
      assertEquals(-1, one.predict(new double[] {10, 0}));
      assertAssignment(one.assign(new double[] {10, 0}), -1, Assignment.Kind.NOISE, 10);
      assertAssignment(one.assign(new double[] {0.5, 0}), 0, Assignment.Kind.CORE_LIKE, 0.5);

      DbscanModel wide = Dbscan.eps(100).minPts(2).search(search).fit(tiny);
      assertEquals(0, wide.predict(new double[] {10, 0}));
      assertAssignment(wide.assign(new double[] {10, 0}), 0, Assignment.Kind.CORE_LIKE, 10);

      DbscanModel huge = Dbscan.eps(1e20).minPts(2).search(search).fit(tiny);
      assertEquals(0, huge.predict(new double[] {1e10, 0}));
      assertAssignment(huge.assign(new double[] {1e10, 0}), 0, Assignment.Kind.CORE_LIKE, 1e10);
      assertEquals(-1, huge.predict(new double[] {1e30, 0}));
      assertAssignment(huge.assign(new double[] {1e30, 0}), -1, Assignment.Kind.NOISE, 1e30);

      // DBSCAN*: six core points, five of them needed (minPts - 1) for CORE_LIKE, which keeps its cluster
      DbscanModel star = Dbscan.eps(1e20).minPts(5).borderPointsAsNoise(true).search(search)
          .fit(Dataset.of(new double[][] {{1e-300, 0}, {2e-300, 0}, {3e-300, 0}, {4e-300, 0}, {5e-300, 0},
              {1e-300, 1e-300}}));
      assertEquals(6, star.coreCount());
      assertAssignment(star.assign(new double[] {1e10, 0}), 0, Assignment.Kind.CORE_LIKE, 1e10);
    }
  }

  /**
   * The kind of a far point (one whose coordinates overflow at the core points' scale) follows the same rule as any
   * other: CORE_LIKE needs at least {@code minPts - 1} core points within eps, else BORDER (under DBSCAN*: label -1).
   * A fit never gives such a model (with eps reaching a far point every training row is within eps of every other), so
   * the states are built by hand; {@link DbscanModel#fromState} accepts them and promises prediction by the rule.
   * Exact:
   * every core point lies within {@code 4e-300} of the origin, so {@code (1e10, 0)} is {@code 1e10} from each, within
   * eps {@code 1e20}.
   */
  /**
   * An eps far beyond the data's spread (1e200 over rows 0, 1, 3): the distance of a placed point to its nearest
   * core point is its own exact value (0.5 from 2.5 to the row 3, by hand), not 0, and a point is "on" a core point
   * only when it coincides with one. In a state whose two core points 0 and 3 carry labels 0 and 1 with minPts 5
   * (two core points within eps, fewer than minPts - 1: a border point by DBSCAN's rule), 2.5 joins the nearer core
   * point's cluster 1 as a border point. Before, every distance within such an eps came out 0: the point counted as
   * coinciding with a core point (CORE_LIKE) and the tie went to label 0.
   */
  @Test
  void hugeEpsPlacesPointsByTheirTrueDistance() {
    for (Dbscan.Search search : Dbscan.Search.values()) {
      DbscanModel fit = Dbscan.eps(1e200).minPts(2).search(search)
          .fit(Dataset.of(new double[][] {{0}, {1}, {3}}));
      assertEquals(new Assignment(0, Assignment.Kind.CORE_LIKE, 0.5), fit.assign(new double[] {2.5}), "" + search);
      DbscanModel state = DbscanModel.fromState(new DbscanModel.State(1e200, 5, Metric.EUCLIDEAN, false,
          fit.state().search(), 1,
          new int[] {0, 1}, new boolean[] {true, true}, new double[] {0, 3}));
      assertEquals(new Assignment(1, Assignment.Kind.BORDER, 0.5), state.assign(new double[] {2.5}), "" + search);
    }
  }

  @Test
  void farPointsWithTooFewCorePointsAreBorderPoints() {
    for (boolean star : new boolean[] {false, true}) {
      // four core points, minPts 5: 4 >= minPts - 1, core-like
      DbscanModel four = DbscanModel.fromState(new DbscanModel.State(1e20, 5, Metric.EUCLIDEAN, star,
          Dbscan.Search.KD_TREE, 2, new int[] {0, 0, 0, 0}, new boolean[] {true, true, true, true},
          new double[] {1e-300, 0, 2e-300, 0, 3e-300, 0, 4e-300, 0}));
      assertAssignment(four.assign(new double[] {1e10, 0}), 0, Assignment.Kind.CORE_LIKE, 1e10);
      // three core points, minPts 5: 3 < 4, a border point; DBSCAN* makes it noise
      DbscanModel three = DbscanModel.fromState(new DbscanModel.State(1e20, 5, Metric.EUCLIDEAN, star,
          Dbscan.Search.KD_TREE, 2, new int[] {0, 0, 0}, new boolean[] {true, true, true},
          new double[] {1e-300, 0, 2e-300, 0, 3e-300, 0}));
      int label = star ? -1 : 0;
      assertAssignment(three.assign(new double[] {1e10, 0}), label, Assignment.Kind.BORDER, 1e10);
      assertEquals(label, three.predict(new double[] {1e10, 0}));
    }
  }

  /**
   * Rows near 1 beside one at 1e199 (a span beyond 1e150): eps 1, minPts 2 gives the two pairs {0, 0.5} and
   * {5, 5.5} as clusters and the far row as noise, on every search path, and a new point at 5.25 lies 0.25 from a
   * core point. With the data scaled to 1 the gaps squared to 0 and the four rows formed one cluster. By hand.
   */
  @Test
  void smallGapsBesideAFarRowStillSeparateClusters() {
    Dataset x = Dataset.of(new double[][] {{0}, {0.5}, {5}, {5.5}, {1e199}});
    for (Dbscan.Search search : Dbscan.Search.values()) {
      DbscanModel m = Dbscan.eps(1).minPts(2).search(search).fit(x);
      assertArrayEquals(new int[] {0, 0, 1, 1, -1}, m.labels(), search.toString());
      assertAssignment(m.assign(new double[] {5.25}), 1, Assignment.Kind.CORE_LIKE, 0.25);
    }
  }

  private static void assertAssignment(Assignment a, int label, Assignment.Kind kind, double distance) {
    assertEquals(label, a.label(), a.toString());
    assertEquals(kind, a.kind(), a.toString());
    assertEquals(distance, a.distance(), 1e-15 * distance, a.toString());
  }
}
