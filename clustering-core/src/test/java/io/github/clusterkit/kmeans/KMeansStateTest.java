package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.Arrays;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link KMeansModel#state()} and {@link KMeansModel#fromState}: exact rebuild and every validation rule. */
class KMeansStateTest {

  private static void assertRejected(String expected, KMeansModel.State s) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KMeansModel.fromState(s));
    assertTrue(e.getMessage().startsWith("KMeansModel state: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  /** Random fits with every kernel: same state and attributes, predictions and distances bit for bit. */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void rebuildPredictsExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll KMeansAlgorithm algorithm) {
    Dataset x = Generators.blobs(20 * k + 5, d, k, 1.5, 0.1, seed).data();
    KMeansModel m = KMeans.k(k).seed(seed).algorithm(algorithm).fit(x);
    KMeansModel back = KMeansModel.fromState(m.state());
    assertEquals(m.state(), back.state());
    assertEquals(m.state().hashCode(), back.state().hashCode());
    assertEquals(m.toString(), back.toString());
    assertTrue(Arrays.deepEquals(m.centroids(), back.centroids()));
    assertArrayEquals(m.clusterSizes(), back.clusterSizes());
    Dataset q = Generators.blobs(30, d, 2, 3, 0.2, seed + 1).data();
    assertArrayEquals(m.predict(q), back.predict(q));
    assertArrayEquals(m.predict(x), back.predict(x));
    assertArrayEquals(m.transform(q.row(3)), back.transform(q.row(3)));
  }

  @Test
  void stateHoldsTheFit() {
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}, {10, 11}});
    KMeansModel m = KMeans.k(2).seed(1).fit(x);
    KMeansModel.State s = m.state();
    assertEquals(2, s.dimension());
    // Exact: the two pairs are the clusters, centroids are their means, inertia 4 * 0.5^2 = 1.
    assertEquals(1.0, s.inertia());
    int a = s.labels()[0];
    assertArrayEquals(new int[] {a, a, 1 - a, 1 - a}, s.labels());
    double[] c = s.centroids();
    assertArrayEquals(new double[] {0, 0.5}, Arrays.copyOfRange(c, 2 * a, 2 * a + 2));
    assertArrayEquals(new double[] {10, 10.5}, Arrays.copyOfRange(c, 2 - 2 * a, 4 - 2 * a));
    assertEquals(m.iterations(), s.iterations());
    assertEquals(m.converged(), s.converged());
    assertEquals(m.algorithm(), s.algorithm());
    c[0] = 99;
    assertEquals(m.centroids()[0][0], s.centroids()[0]);
  }

  @Test
  void rejectsBrokenStates() {
    KMeansAlgorithm lloyd = KMeansAlgorithm.LLOYD;
    double[] c = {0, 0, 1, 1, 2, 2};
    int[] l = {0, 1, 2, 2};
    KMeansModel.fromState(new KMeansModel.State(2, c, l, 3, 4, true, lloyd)); // the valid base case
    assertThrows(IllegalArgumentException.class, () -> KMeansModel.fromState(null));
    assertRejected("dimension must be >= 1, got 0", new KMeansModel.State(0, c, l, 3, 4, true, lloyd));
    assertRejected("centroids must hold k * dimension values with k >= 1 and dimension = 4, got 6",
        new KMeansModel.State(4, c, l, 3, 4, true, lloyd));
    assertRejected("centroids must hold k * dimension values with k >= 1 and dimension = 2, got 0",
        new KMeansModel.State(2, new double[0], l, 3, 4, true, lloyd));
    assertRejected("centroids must be finite, got NaN at centroid 1, coordinate 1",
        new KMeansModel.State(2, new double[] {0, 0, 1, Double.NaN}, new int[] {0}, 3, 4, true, lloyd));
    assertRejected("labels must hold at least one training row", new KMeansModel.State(2, c, new int[0], 3, 4,
        true, lloyd));
    assertRejected("labels[3] must be in 0..2 (k = 3), got 3", new KMeansModel.State(2, c,
        new int[] {0, 1, 2, 3}, 3, 4, true, lloyd));
    assertRejected("labels[0] must be in 0..2 (k = 3), got -1", new KMeansModel.State(2, c,
        new int[] {-1, 1, 2, 2}, 3, 4, true, lloyd));
    assertRejected("inertia must be >= 0 (or +Infinity, beyond the double range), got -1.0",
        new KMeansModel.State(2, c, l, -1, 4, true, lloyd));
    assertRejected("inertia must be >= 0 (or +Infinity, beyond the double range), got NaN",
        new KMeansModel.State(2, c, l, Double.NaN, 4, true, lloyd));
    assertRejected("inertia must be >= 0 (or +Infinity, beyond the double range), got -Infinity",
        new KMeansModel.State(2, c, l, Double.NEGATIVE_INFINITY, 4, true, lloyd));
    // +Infinity is the inertia of a fit of data near the top of the double range (KMeansScaleTest): accepted.
    assertEquals(Double.POSITIVE_INFINITY, KMeansModel.fromState(new KMeansModel.State(2, c, l,
        Double.POSITIVE_INFINITY, 4, true, lloyd)).inertia());
    assertRejected("iterations must be >= 0, got -4", new KMeansModel.State(2, c, l, 3, -4, true, lloyd));
    assertRejected("algorithm must be the kernel that ran", new KMeansModel.State(2, c, l, 3, 4, true,
        KMeansAlgorithm.AUTO));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KMeansModel.State(2, c, l, 3, 4, true, null));
    assertTrue(e.getMessage().contains("algorithm must not be null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new KMeansModel.State(2, null, l, 3, 4, true, lloyd));
    assertTrue(e.getMessage().contains("centroids must not be null"), e.getMessage());
    // A rebuilt model from a hand-made state predicts by nearest centroid, ties to the lower index.
    KMeansModel m = KMeansModel.fromState(new KMeansModel.State(2, c, l, 3, 4, true, lloyd));
    assertEquals(0, m.predict(new double[] {0.5, 0.5}));
    assertEquals(2, m.predict(new double[] {5, 5}));
    assertEquals(3, m.k());
  }
}
