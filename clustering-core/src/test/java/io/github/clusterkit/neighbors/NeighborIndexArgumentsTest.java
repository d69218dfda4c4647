package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The argument contract of {@link NeighborIndex}, shared by every implementation. */
class NeighborIndexArgumentsTest {

  private static final Dataset DATA =
      Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0.5, 0.5}});

  static Stream<NeighborIndex> indexes() {
    return Stream.of(
        KdTree.build(DATA, Metric.EUCLIDEAN),
        KdTree.build(DATA, Metric.CHEBYSHEV, 1),
        BruteForce.of(DATA, Metric.MANHATTAN));
  }

  @Test
  void indexesPrintWhatTheyHold() {
    assertEquals("KdTree[n=5, d=2, metric=EUCLIDEAN, leafSize=16]", KdTree.build(DATA, Metric.EUCLIDEAN).toString());
    assertEquals("KdTree[n=5, d=2, metric=CHEBYSHEV, leafSize=1]", KdTree.build(DATA, Metric.CHEBYSHEV, 1).toString());
    assertEquals("BruteForce[n=5, d=2, metric=MANHATTAN]", BruteForce.of(DATA, Metric.MANHATTAN).toString());
  }

  private static void assertBad(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "message \"" + e.getMessage() + "\" lacks " + f);
    }
  }

  @ParameterizedTest
  @MethodSource("indexes")
  void badRadius(NeighborIndex index) {
    Neighbors out = new Neighbors();
    double[] q = {0, 0};
    assertBad(() -> index.radius(q, -0.5, out), "radius", "-0.5");
    assertBad(() -> index.radius(q, Double.NaN, out), "radius", "NaN");
    assertBad(() -> index.radius(q, Double.POSITIVE_INFINITY, out), "radius", "Infinity");
    assertBad(() -> index.radius(0, -1e-300, out), "radius", "-1.0E-300");
    assertBad(() -> index.countWithin(q, Double.NaN, 3), "radius", "NaN");
    assertBad(() -> index.countWithin(2, Double.NEGATIVE_INFINITY, 3), "radius", "-Infinity");
  }

  @ParameterizedTest
  @MethodSource("indexes")
  void badK(NeighborIndex index) {
    Neighbors out = new Neighbors();
    assertBad(() -> index.knn(new double[] {0, 0}, 0, out), "k", "got 0");
    assertBad(() -> index.knn(new double[] {0, 0}, -3, out), "k", "got -3");
    assertBad(() -> index.knn(new double[] {0, 0}, 6, out), "k", "5", "got 6");
    assertBad(() -> index.knn(1, 6, out), "k", "got 6");
    assertEquals(5, index.knn(1, 5, out));
  }

  @ParameterizedTest
  @MethodSource("indexes")
  void badQuery(NeighborIndex index) {
    Neighbors out = new Neighbors();
    assertBad(() -> index.radius(new double[] {0, 0, 0}, 1, out), "dimension 2", "got 3");
    assertBad(() -> index.knn(new double[] {0}, 1, out), "dimension 2", "got 1");
    assertBad(() -> index.countWithin(new double[0], 1, 1), "dimension 2", "got 0");
    assertBad(() -> index.radius(new double[] {0, Double.NaN}, 1, out), "finite", "NaN", "index 1");
    assertBad(() -> index.knn(new double[] {Double.NEGATIVE_INFINITY, 0}, 1, out), "-Infinity",
        "index 0");
    assertBad(() -> index.radius((double[]) null, 1, out), "query", "null");
    assertBad(() -> index.radius(5, 1, out), "row", "got 5");
    assertBad(() -> index.knn(-1, 1, out), "row", "got -1");
    assertBad(() -> index.countWithin(7, 1, 1), "row", "got 7");
  }

  @ParameterizedTest
  @MethodSource("indexes")
  void badBufferAndLimit(NeighborIndex index) {
    assertBad(() -> index.radius(new double[] {0, 0}, 1, null), "out", "null");
    assertBad(() -> index.radius(0, 1, null), "out", "null");
    assertBad(() -> index.knn(new double[] {0, 0}, 1, null), "out", "null");
    assertBad(() -> index.knn(0, 1, null), "out", "null");
    assertBad(() -> index.countWithin(new double[] {0, 0}, 1, 0), "limit", "got 0");
    assertBad(() -> index.countWithin(0, 1, -2), "limit", "got -2");
  }

  @ParameterizedTest
  @MethodSource("indexes")
  void queryArrayIsNotModified(NeighborIndex index) {
    double[] q = {0.25, 0.75};
    index.radius(q, 1, new Neighbors());
    index.knn(q, 3, new Neighbors());
    index.countWithin(q, 1, 2);
    assertEquals(0.25, q[0]);
    assertEquals(0.75, q[1]);
  }

  @Test
  void badBuild() {
    assertBad(() -> KdTree.build(null, Metric.EUCLIDEAN), "data", "null");
    assertBad(() -> KdTree.build(DATA, null), "metric", "null");
    assertBad(() -> KdTree.build(DATA, Metric.EUCLIDEAN, 0), "leafSize", "got 0");
    assertBad(() -> KdTree.build(DATA, Metric.EUCLIDEAN, -4), "leafSize", "got -4");
    assertBad(() -> BruteForce.of(null, Metric.EUCLIDEAN), "data", "null");
    assertBad(() -> BruteForce.of(DATA, null), "metric", "null");
  }

  @Test
  void badMetricDistanceArguments() {
    // Metric.distance: a null point is a bad argument like points of different lengths (it threw a
    // NullPointerException), named as the library's rule asks.
    for (Metric m : Metric.values()) {
      assertBad(() -> m.distance(null, new double[] {1}), "points", "null", "a");
      assertBad(() -> m.distance(new double[] {1}, null), "points", "null", "b");
      assertBad(() -> m.distance(new double[] {1}, new double[] {1, 2}), "dimension", "1", "2");
      // A non-finite coordinate gave a NaN distance (NaN against 0; Infinity against Infinity), where every
      // NeighborIndex query refuses such a point; now named like the others.
      assertBad(() -> m.distance(new double[] {0, Double.NaN}, new double[] {0, 0}), "finite", "a[1]", "NaN");
      assertBad(() -> m.distance(new double[] {Double.POSITIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY}),
          "finite", "a[0]", "Infinity");
      assertBad(() -> m.distance(new double[] {1, 2}, new double[] {1, Double.NEGATIVE_INFINITY}), "finite", "b[1]",
          "-Infinity");
    }
  }

  /** Every index answers for the data it was given (not a copy: a Dataset is immutable), its metric and size. */
  @Test
  void accessorsGiveTheIndexedDataAndMetric() {
    for (Metric m : Metric.values()) {
      for (NeighborIndex index : new NeighborIndex[] {KdTree.build(DATA, m), KdTree.build(DATA, m, 1),
          BruteForce.of(DATA, m), NeighborIndex.of(DATA, m)}) {
        String what = index.getClass().getSimpleName() + " " + m;
        assertSame(DATA, index.data(), what);
        assertEquals(m, index.metric(), what);
        assertEquals(5, index.size(), what);
      }
    }
  }

  @Test
  void defaultIndexIsAKdTree() {
    assertTrue(NeighborIndex.of(DATA, Metric.EUCLIDEAN) instanceof KdTree);
  }
}
