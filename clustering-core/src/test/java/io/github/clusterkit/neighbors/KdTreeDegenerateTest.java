package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Data that defeats naive k-d trees: all points identical, all points on a line, one dimension, one
 * point. The timeouts are generous safety nets against quadratic behaviour or deep recursion (a stack
 * overflow would fail the test anyway); they are not performance assertions.
 */
class KdTreeDegenerateTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void millionIdenticalPoints() {
    int n = 1_000_000;
    double[] x = new double[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = 3.25;
      x[2 * i + 1] = -1.5;
    }
    Dataset data = Dataset.wrap(x, n, 2);
    for (Metric metric : Metric.values()) {
      KdTree tree = KdTree.build(data, metric);
      Neighbors out = new Neighbors();
      // every point is at distance 0 from the query, so all n are within radius 0 (inclusive)
      assertEquals(n, tree.radius(new double[] {3.25, -1.5}, 0.0, out));
      assertEquals(n, tree.radius(17, 0.0, out));
      // exact: |(3.25,-1.5)-(3.25,-1.4)| = 0.1 in every metric (up to rounding of 1.4), > 0.05
      assertEquals(0, tree.radius(new double[] {3.25, -1.4}, 0.05, out));
      assertEquals(10, tree.countWithin(new double[] {3.25, -1.5}, 0.0, 10));
      assertEquals(n, tree.countWithin(5, 1.0, Integer.MAX_VALUE));
      // ties at distance 0 are broken by the smaller row index: rows 0..4
      tree.knn(new double[] {3, -1}, 5, out);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4}, out.indices());
      tree.knn(999_999, 3, out);
      assertArrayEquals(new int[] {0, 1, 2}, out.indices());
      assertEquals(0.0, out.distance(0));
    }
    KdTree tree = KdTree.build(data, Metric.EUCLIDEAN);
    Neighbors out = new Neighbors();
    tree.knn(new double[] {0, 0}, n, out);
    for (int i = 0; i < n; i += 9973) {
      assertEquals(i, out.index(i));
    }
    tree.radius(new double[] {3.25, -1.5}, 1.0, out);
    out.sortByDistance();
    assertEquals(0, out.index(0));
    assertEquals(n - 1, out.index(n - 1));
    assertEquals(0.0, out.distance(n - 1));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoHalvesOfIdenticalPoints() {
    int n = 400_000;
    double[] x = new double[3 * n];
    for (int i = 0; i < n; i++) {
      x[3 * i] = i % 2 == 0 ? 0.0 : 1.0;
      x[3 * i + 1] = i % 2 == 0 ? -0.0 : 0.0; // signed zeros must not make two identical points differ
    }
    Dataset data = Dataset.wrap(x, n, 3);
    KdTree tree = KdTree.build(data, Metric.EUCLIDEAN, 1);
    BruteForce oracle = BruteForce.of(data, Metric.EUCLIDEAN);
    Neighbors a = new Neighbors();
    Neighbors b = new Neighbors();
    double[] mid = {0.5, 0, 0};
    // equidistant from both halves: the 7 nearest are the 7 smallest row indices, 0..6
    tree.knn(mid, 7, a);
    oracle.knn(mid, 7, b);
    assertArrayEquals(b.indices(), a.indices());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, a.indices());
    assertEquals(n / 2, tree.radius(new double[] {0.1, 0, 0}, 0.2, a));
    assertEquals(n, tree.countWithin(mid, 0.5, n + 1));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void pointsOnALine() {
    int n = 100_000;
    Rng rng = new Rng(11);
    // sorted, reversed and shuffled positions on the line t -> (t, 2t + 1, 5), with repeated positions
    double[][] layouts = new double[3][];
    for (int layout = 0; layout < 3; layout++) {
      double[] x = new double[3 * n];
      for (int i = 0; i < n; i++) {
        int t = layout == 0 ? i / 3 : layout == 1 ? (n - i) / 3 : rng.nextInt(n / 3);
        x[3 * i] = t;
        x[3 * i + 1] = 2.0 * t + 1;
        x[3 * i + 2] = 5;
      }
      layouts[layout] = x;
    }
    for (int layout = 0; layout < 3; layout++) {
      Dataset data = Dataset.wrap(layouts[layout], n, 3);
      // every metric on the shuffled layout, Euclidean on the sorted ones (keeps the test short)
      Metric[] metrics = layout == 2 ? Metric.values() : new Metric[] {Metric.EUCLIDEAN};
      for (Metric metric : metrics) {
        KdTree tree = KdTree.build(data, metric, 4);
        BruteForce oracle = BruteForce.of(data, metric);
        Neighbors a = new Neighbors();
        Neighbors b = new Neighbors();
        for (int t = 0; t < 8; t++) {
          int row = rng.nextInt(n);
          double r = rng.nextInt(4) * 1.5;
          tree.radius(row, r, a);
          oracle.radius(row, r, b);
          a.sortByDistance();
          b.sortByDistance();
          assertArrayEquals(b.indices(), a.indices());
          int k = 1 + rng.nextInt(50);
          tree.knn(row, k, a);
          oracle.knn(row, k, b);
          assertArrayEquals(b.indices(), a.indices());
          assertEquals(oracle.countWithin(row, r, 5), tree.countWithin(row, r, 5));
        }
      }
    }
  }

  @Test
  void onePoint() {
    Dataset data = Dataset.of(new double[][] {{2.0, -3.0}});
    for (Metric metric : Metric.values()) {
      KdTree tree = KdTree.build(data, metric);
      Neighbors out = new Neighbors();
      assertEquals(1, tree.radius(0, 0.0, out));
      assertEquals(0, out.index(0));
      assertEquals(0, tree.radius(new double[] {2.0, -2.0}, 0.5, out));
      // exact: the distance from (2,-2) to (2,-3) is 1 in every metric
      assertEquals(1, tree.radius(new double[] {2.0, -2.0}, 1.0, out));
      assertEquals(1.0, out.distance(0));
      assertEquals(1, tree.knn(new double[] {100, 100}, 1, out));
      assertEquals(0, out.index(0));
      assertEquals(1, tree.countWithin(0, 0.0, 3));
    }
  }

  @Test
  void oneDimension() {
    double[] x = {5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    Dataset data = Dataset.wrap(x, x.length, 1);
    KdTree tree = KdTree.build(data, Metric.EUCLIDEAN, 2);
    Neighbors out = new Neighbors();
    // hand-computed: values within 1 of 4.5 are the 5s (rows 0, 4, 8, 10) and the 4 (row 2)
    assertEquals(5, tree.radius(new double[] {4.5}, 0.5, out));
    out.sortByDistance();
    assertArrayEquals(new int[] {0, 2, 4, 8, 10}, out.indices());
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, out.distances());
    // nearest to 5.6: 6 (row 7, 0.4), then the four 5s by index (0.6 each)
    tree.knn(new double[] {5.6}, 3, out);
    assertArrayEquals(new int[] {7, 0, 4}, out.indices());
  }

  @Test
  void leafSizeLargerThanData() {
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {2}});
    KdTree tree = KdTree.build(data, Metric.MANHATTAN, 1000);
    assertEquals(1000, tree.leafSize());
    Neighbors out = new Neighbors();
    assertEquals(2, tree.radius(new double[] {1.5}, 0.5, out));
  }

  @Test
  void defaultBuildUsesDefaultLeafSize() {
    KdTree tree = KdTree.build(Dataset.of(new double[][] {{0}}), Metric.EUCLIDEAN);
    assertEquals(KdTree.DEFAULT_LEAF_SIZE, tree.leafSize());
    assertEquals(1, tree.size());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentQueriesAgreeWithBruteForce() throws Exception {
    int n = 5_000;
    Rng rng = new Rng(5);
    double[] x = KdTreeEquivalenceProperties.generate(
        KdTreeEquivalenceProperties.Shape.CLUSTERED, n, 3, rng);
    Dataset data = Dataset.wrap(x, n, 3);
    KdTree tree = KdTree.build(data, Metric.EUCLIDEAN);
    BruteForce oracle = BruteForce.of(data, Metric.EUCLIDEAN);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] fs = new Future<?>[4];
      for (int t = 0; t < fs.length; t++) {
        int task = t;
        fs[t] = pool.submit(() -> {
          Neighbors a = new Neighbors();
          Neighbors b = new Neighbors();
          for (int i = task; i < 800; i += 4) {
            int row = (int) ((i * 7919L) % n);
            tree.radius(row, 0.02, a);
            oracle.radius(row, 0.02, b);
            a.sortByDistance();
            b.sortByDistance();
            assertArrayEquals(b.indices(), a.indices());
            tree.knn(row, 8, a);
            oracle.knn(row, 8, b);
            assertArrayEquals(b.indices(), a.indices());
          }
        });
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
