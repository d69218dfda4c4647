package io.github.clusterkit.hdbscan.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Core distances and the mutual reachability tree against {@link MstOracle}'s brute force, exactly, on every metric,
 * data with many ties and copies, any {@code k} from 1 to n; and the tree's invariants: {@code n - 1} edges that span
 * the rows, ascending weights equal to {@code max(core, core, distance)}, the same edges for 1 to 4 threads and on
 * both paths (k-d tree Boruvka and dense Prim share one total order on edges, so their trees are the same).
 */
class ReachabilityMstProperties {

  @Provide
  Arbitrary<MstOracle.Shape> shapes() {
    return Arbitraries.of(MstOracle.Shape.class);
  }

  @Provide
  Arbitrary<Metric> metrics() {
    return Arbitraries.of(Metric.class);
  }

  @Property(tries = 200)
  void equalsBruteForce(
      @ForAll("shapes") MstOracle.Shape shape,
      @ForAll("metrics") Metric metric,
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    Dataset data = Dataset.wrap(MstOracle.generate(shape, n, d, rng), n, d);
    int k = rng.nextInt(4) == 0 ? 1 + rng.nextInt(n) : 1 + rng.nextInt(Math.min(n, 8));
    double[] dist = MstOracle.distances(data, metric);

    double[] core = CoreDistances.compute(data, metric, k, threads);
    assertArrayEquals(MstOracle.cores(dist, n, k), core, "core distances, k = " + k);

    MstEdges one = ReachabilityMst.compute(data, metric, core, 1);
    checkTree(data, metric, core, one);
    assertArrayEquals(MstOracle.sortedWeights(dist, core, n), one.weight, "sorted weights");

    assertSame(one, ReachabilityMst.compute(data, metric, core, threads), "threads = " + threads);
    assertSame(one, ReachabilityMst.compute(data, metric, core, threads, ReachabilityMst.Path.PRIM), "Prim");
    assertSame(one, ReachabilityMst.compute(data, metric, core, threads, ReachabilityMst.Path.TREE), "tree");
    double[] core2 = new double[n];
    assertSame(one, ReachabilityMst.compute(data, metric, k, threads, core2), "one pass");
    assertArrayEquals(core, core2, "one pass's core distances");
  }

  /** Above {@code TREE_MAX_DIMENSION} columns the dense Prim runs: the same checks against the oracle. */
  @Property(tries = 15)
  void highDimensionEqualsBruteForce(
      @ForAll("shapes") MstOracle.Shape shape,
      @ForAll("metrics") Metric metric,
      @ForAll @IntRange(min = 1, max = 150) int n,
      @ForAll @IntRange(min = ReachabilityMst.TREE_MAX_DIMENSION + 1, max = ReachabilityMst.TREE_MAX_DIMENSION + 8)
          int d,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    Dataset data = Dataset.wrap(MstOracle.generate(shape, n, d, rng), n, d);
    int k = 1 + rng.nextInt(n);
    double[] dist = MstOracle.distances(data, metric);
    double[] core = new double[n];
    MstEdges e = ReachabilityMst.compute(data, metric, k, threads, core);
    assertEquals(ReachabilityMst.Path.PRIM, ReachabilityMst.pathFor(n, d));
    assertArrayEquals(MstOracle.cores(dist, n, k), core, "core distances, k = " + k);
    checkTree(data, metric, core, e);
    assertArrayEquals(MstOracle.sortedWeights(dist, core, n), e.weight, "sorted weights");
    assertSame(e, ReachabilityMst.compute(data, metric, core, 1, ReachabilityMst.Path.TREE), "tree");
  }

  /** Larger data, fewer tries: many Boruvka rounds and chunks; the paths and thread counts agree. */
  @Property(tries = 12)
  void largerDataPathsAndThreadsAgree(
      @ForAll("shapes") MstOracle.Shape shape,
      @ForAll("metrics") Metric metric,
      @ForAll @IntRange(min = 500, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    Dataset data = Dataset.wrap(MstOracle.generate(shape, n, d, rng), n, d);
    double[] core = CoreDistances.compute(data, metric, k, 1);
    assertArrayEquals(core, CoreDistances.compute(data, metric, k, 3), "core distances, 3 threads");
    MstEdges one = ReachabilityMst.compute(data, metric, core, 1);
    checkTree(data, metric, core, one);
    assertSame(one, ReachabilityMst.compute(data, metric, core, 2), "2 threads");
    assertSame(one, ReachabilityMst.compute(data, metric, core, 4, ReachabilityMst.Path.PRIM), "Prim");
    double[] core2 = new double[n];
    assertSame(one, ReachabilityMst.compute(data, metric, k, 2, core2), "one pass");
    assertArrayEquals(core, core2, "one pass's core distances");
  }

  /**
   * The one-pass path takes Boruvka's first round from the core distances' k nearest rows where they hold every row
   * within the core distance: on data with many rows at exactly the k-th distance (grids, lines, copies), at sizes
   * where those rows fall in other nodes of the tree, its tree equals the dense Prim's on the same core distances.
   */
  @Property(tries = 60)
  void firstRoundFromNeighbourListsEqualsPrim(
      @ForAll("tieShapes") MstOracle.Shape shape,
      @ForAll("metrics") Metric metric,
      @ForAll @IntRange(min = 30, max = 800) int n,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 2, max = 30) int k,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    Dataset data = Dataset.wrap(MstOracle.generate(shape, n, d, rng), n, d);
    int kk = Math.min(k, n);
    double[] core = new double[n];
    MstEdges e = ReachabilityMst.compute(data, metric, kk, threads, core);
    assertArrayEquals(CoreDistances.compute(data, metric, kk, 1), core, "core distances");
    assertSame(ReachabilityMst.compute(data, metric, core, 1, ReachabilityMst.Path.PRIM), e, "Prim");
  }

  @Provide
  Arbitrary<MstOracle.Shape> tieShapes() {
    return Arbitraries.of(MstOracle.Shape.GRID, MstOracle.Shape.LINE, MstOracle.Shape.DUPLICATES,
        MstOracle.Shape.TINY);
  }

  static void assertSame(MstEdges expected, MstEdges actual, String what) {
    assertArrayEquals(expected.from, actual.from, what + ": from");
    assertArrayEquals(expected.to, actual.to, what + ": to");
    assertArrayEquals(expected.weight, actual.weight, what + ": weight");
  }

  /** n - 1 edges, from < to, spanning (no cycle), ascending weights equal to max(core, core, distance). */
  static void checkTree(Dataset data, Metric metric, double[] core, MstEdges e) {
    int n = data.size();
    assertEquals(n - 1, e.size());
    assertEquals(n - 1, e.from.length);
    assertEquals(n - 1, e.to.length);
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n - 1; i++) {
      int a = e.from[i];
      int b = e.to[i];
      assertTrue(0 <= a && a < b && b < n, "edge " + i + " = (" + a + ", " + b + ")");
      double w = Math.max(Math.max(core[a], core[b]), MstOracle.distance(data, metric, a, b));
      assertEquals(w, e.weight[i], "weight of edge " + i);
      if (i > 0) {
        assertTrue(e.weight[i - 1] <= e.weight[i], "weights ascending at " + i);
      }
      int ra = root(parent, a);
      int rb = root(parent, b);
      assertTrue(ra != rb, "edge " + i + " closes a cycle");
      parent[ra] = rb;
    }
  }

  private static int root(int[] parent, int x) {
    while (parent[x] != x) {
      x = parent[x];
    }
    return x;
  }
}
