package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The reusable result buffer: sorting, lazy distances, copies and bounds. */
class NeighborsTest {

  @Property(tries = 100)
  void sortOrdersByDistanceThenIndex(
      @ForAll @IntRange(min = 0, max = 3000) int size,
      @ForAll @IntRange(min = 1, max = 50) int distinctDistances,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    Neighbors nb = new Neighbors(0);
    nb.reset(Metric.MANHATTAN);
    int[] perm = new int[size];
    for (int i = 0; i < size; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    for (int i = 0; i < size; i++) {
      nb.add(perm[i], rng.nextInt(distinctDistances) * 0.5);
    }
    // oracle: the same pairs sorted by a boxed comparator
    Long[] keys = new Long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) (nb.reducedDistance(i) * 2) << 32) | nb.index(i);
    }
    java.util.Arrays.sort(keys);
    nb.sortByDistance();
    assertEquals(size, nb.size());
    for (int i = 0; i < size; i++) {
      assertEquals((int) (keys[i] & 0xFFFFFFFFL), nb.index(i));
      assertEquals((keys[i] >>> 32) * 0.5, nb.reducedDistance(i));
    }
  }

  @Test
  void sortOfSortedAndReversedInputs() {
    for (int size : new int[] {0, 1, 2, 17, 100_000}) {
      Neighbors nb = new Neighbors();
      nb.reset(Metric.EUCLIDEAN);
      for (int i = 0; i < size; i++) {
        nb.add(size - 1 - i, 7.0); // all equal distances, indices descending
      }
      nb.sortByDistance();
      for (int i = 0; i < size; i++) {
        assertEquals(i, nb.index(i));
      }
    }
  }

  @Test
  void lazyDistancesEqualBruteForce() {
    // a radius large enough to contain the whole tree: every entry is added lazily
    double[][] rows = {{0.1, 0.2}, {0.3, -0.7}, {1e-3, 2.5}, {0.1, 0.2}};
    Dataset data = Dataset.of(rows);
    for (Metric m : Metric.values()) {
      Neighbors a = new Neighbors();
      Neighbors b = new Neighbors();
      double[] q = {0.05, 0.4};
      KdTree.build(data, m).radius(q, 100, a);
      q[0] = 99; // the buffer must hold its own copy of the query
      BruteForce.of(data, m).radius(new double[] {0.05, 0.4}, 100, b);
      a.sortByDistance();
      b.sortByDistance();
      assertArrayEquals(b.indices(), a.indices());
      assertArrayEquals(b.distances(), a.distances());
      assertEquals(b.toString(), a.toString());
      assertEquals(m, a.metric());
    }
  }

  /**
   * Each accessor that reads distances computes the lazy ones itself when it is the first call after the query
   * (mutation testing found that only the sort was ever called first): {@code distances()}, {@code distance(i)},
   * {@code reducedDistance(i)} and {@code toString()}, each on a fresh query, give brute force's value for the same
   * row (the oracle: {@link BruteForce}, which computes every distance with the same expression).
   */
  @Test
  void everyDistanceAccessorComputesLazyDistancesFirst() {
    double[][] rows = {{0.1, 0.2}, {0.3, -0.7}, {1e-3, 2.5}, {0.1, 0.2}, {-4, 1}};
    Dataset data = Dataset.of(rows);
    double[] q = {0.05, 0.4};
    for (Metric m : Metric.values()) {
      Neighbors b = new Neighbors();
      BruteForce.of(data, m).radius(q, 100, b);
      double[] exact = new double[rows.length];
      double[] exactReduced = new double[rows.length];
      for (int i = 0; i < b.size(); i++) {
        exact[b.index(i)] = b.distance(i);
        exactReduced[b.index(i)] = b.reducedDistance(i);
      }
      KdTree tree = KdTree.build(data, m, 1);
      Neighbors a = new Neighbors();
      assertEquals(rows.length, tree.radius(q, 100, a));
      double[] all = a.distances();
      for (int i = 0; i < a.size(); i++) {
        assertEquals(exact[a.index(i)], all[i], 0.0, m + " distances()");
      }
      for (int i = 0; i < rows.length; i++) {
        tree.radius(q, 100, a);
        assertEquals(exact[a.index(i)], a.distance(i), 0.0, m + " distance(" + i + ")");
        tree.radius(q, 100, a);
        assertEquals(exactReduced[a.index(i)], a.reducedDistance(i), 0.0, m + " reducedDistance(" + i + ")");
      }
      tree.radius(q, 100, a);
      String text = a.toString();
      for (int i = 0; i < a.size(); i++) {
        assertTrue(text.contains(a.index(i) + "@" + exact[a.index(i)]), m + " toString(): " + text);
      }
    }
  }

  @Test
  void accessorsCopyAndCheckBounds() {
    Neighbors nb = new Neighbors(1);
    nb.reset(Metric.EUCLIDEAN);
    nb.add(4, 9.0);
    nb.add(2, 16.0);
    int[] idx = nb.indices();
    idx[0] = 100;
    assertEquals(4, nb.index(0));
    // Euclidean buffers hold squared distances: sqrt(9) = 3, sqrt(16) = 4
    assertArrayEquals(new double[] {3.0, 4.0}, nb.distances());
    assertEquals(16.0, nb.reducedDistance(1));
    assertEquals("Neighbors[4@3.0, 2@4.0]", nb.toString());
    assertThrows(IndexOutOfBoundsException.class, () -> nb.index(2));
    assertThrows(IndexOutOfBoundsException.class, () -> nb.distance(-1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Neighbors(-1));
    assertTrue(e.getMessage().contains("got -1"));
  }
}
