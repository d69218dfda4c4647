package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.Arrays;
import java.util.List;
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

  /** The smallest valid values of every checked field: one dimension, one label, inertia 0, no iteration. */
  @Test
  void acceptsTheBoundaryValues() {
    KMeansModel.State s = new KMeansModel.State(1, new double[] {0, 4}, new int[] {1}, 0.0, 0, false,
        KMeansAlgorithm.HAMERLY);
    KMeansModel m = KMeansModel.fromState(s);
    assertEquals(1, m.dimension());
    assertEquals(2, m.k());
    assertEquals(0.0, m.inertia());
    assertEquals(0, m.iterations());
    assertFalse(m.converged());
    assertFalse(m.state().converged());
    assertArrayEquals(new int[] {1}, m.labels());
    assertEquals(s, m.state());
    // Nearest centroid: 1 is nearer 0, 3 nearer 4, 2 equally near both (the lower index).
    assertEquals(0, m.predict(new double[] {1}));
    assertEquals(1, m.predict(new double[] {3}));
    assertEquals(0, m.predict(new double[] {2}));
  }

  /** Two states are equal exactly when every field is; a state equals no other type. */
  @Test
  void statesDifferInEveryField() {
    KMeansAlgorithm lloyd = KMeansAlgorithm.LLOYD;
    double[] c = {0, 0, 1, 1};
    int[] l = {0, 1, 1};
    KMeansModel.State base = new KMeansModel.State(2, c, l, 3, 4, true, lloyd);
    KMeansModel.State same = new KMeansModel.State(2, c.clone(), l.clone(), 3, 4, true, lloyd);
    assertEquals(base, same);
    assertEquals(base.hashCode(), same.hashCode());
    assertFalse(base.equals(null));
    assertFalse(base.equals(base.toString()));
    List<KMeansModel.State> others = List.of(
        new KMeansModel.State(1, c, l, 3, 4, true, lloyd),
        new KMeansModel.State(2, new double[] {0, 0, 1, 2}, l, 3, 4, true, lloyd),
        new KMeansModel.State(2, c, new int[] {0, 1, 0}, 3, 4, true, lloyd),
        new KMeansModel.State(2, c, l, 3.5, 4, true, lloyd),
        new KMeansModel.State(2, c, l, 3, 5, true, lloyd),
        new KMeansModel.State(2, c, l, 3, 4, false, lloyd),
        new KMeansModel.State(2, c, l, 3, 4, true, KMeansAlgorithm.ELKAN));
    for (KMeansModel.State o : others) {
      assertNotEquals(base, o, o.toString());
      assertNotEquals(o, base, o.toString());
    }
  }

  /**
   * The summary names every field; k is the number of centroids, 0 for a state of dimension 0 (which the constructor
   * takes and only {@link KMeansModel#fromState} rejects), whose toString must not divide by zero.
   */
  @Test
  void toStringSummarisesTheState() {
    assertEquals("KMeansModel.State[k=2, d=3, n=4, inertia=1.5, iterations=7, converged=false, algorithm=ELKAN]",
        new KMeansModel.State(3, new double[6], new int[4], 1.5, 7, false, KMeansAlgorithm.ELKAN).toString());
    assertEquals("KMeansModel.State[k=0, d=0, n=1, inertia=0.0, iterations=0, converged=true, algorithm=LLOYD]",
        new KMeansModel.State(0, new double[2], new int[1], 0, 0, true, KMeansAlgorithm.LLOYD).toString());
  }
}
