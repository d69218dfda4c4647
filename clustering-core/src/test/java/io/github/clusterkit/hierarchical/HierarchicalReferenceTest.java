package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against SciPy 1.10.1 on five labelled sets of the shared benchmark folder. Every expected value comes from
 * tools/hierarchical_reference.py: {@code scipy.cluster.hierarchy.linkage(X, method, metric)},
 * {@code cophenet(Z, pdist(X, metric))[0]}, {@code leaves_list(Z)}, {@code cut_tree(Z, n_clusters=k)} and
 * {@code fcluster(Z, t, criterion='distance')}.
 *
 * <p>The linkage matrix is compared exactly, heights included, for complete, average, single and Ward by the
 * matrix ({@code wardByCentroids(false)}): the same algorithm, tie rule and floating-point operations as SciPy
 * give the same bits (these sets have many exact distance ties, on their 0.05 grids). The cophenetic
 * correlation is compared within 1e-12 (both sum in a different order). The default Ward, by centroids, is
 * checked on its own against the same SciPy figures: heights within a relative tolerance, same flat clusters.
 */
class HierarchicalReferenceTest {

  @ParameterizedTest
  @ValueSource(strings = {"jain", "flame", "aggregation", "compound", "R15"})
  void equalsScipy(String set) {
    Dataset data = Dataset.of(SharedData.benchmark(set + ".csv").x);
    List<HierarchicalFixture> cases = HierarchicalFixture.read(set);
    for (HierarchicalFixture c : cases) {
      String what = set + " " + c.method + " " + c.metric;
      // Ward by the matrix: SciPy's exact algorithm (the default, by centroids, is checked below).
      Dendrogram t = Agglomerative.linkage(linkage(c.method)).metric(metric(c.metric)).wardByCentroids(false)
          .fit(data);
      double[][] z = t.linkageMatrix();
      assertEquals(c.z.size(), z.length, what);
      for (int i = 0; i < z.length; i++) {
        assertArrayEquals(c.z.get(i), z[i], 0.0, what + " merge " + i);
      }
      assertArrayEquals(c.leaves, t.leafOrder(), what + " leaves");
      assertEquals(c.cophenet, t.copheneticCorrelation(), 1e-12, what + " cophenet");
      for (HierarchicalFixture.Flat f : c.cuts) {
        assertSamePartition(f.labels, t.cut((int) f.parameter), what + " cut " + f.parameter);
      }
      for (HierarchicalFixture.Flat f : c.heights) {
        assertSamePartition(f.labels, t.cutAtHeight(f.parameter), what + " height " + f.parameter);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jain", "flame", "aggregation", "compound", "R15"})
  void defaultWardByCentroidsIsCloseToScipy(String set) {
    Dataset data = Dataset.of(SharedData.benchmark(set + ".csv").x);
    HierarchicalFixture ward = HierarchicalFixture.read(set).get(0);
    assertEquals("ward", ward.method);
    Agglomerative byDefault = Agglomerative.linkage(Linkage.WARD);
    assertTrue(byDefault.wardByCentroids());
    Dendrogram t = byDefault.fit(data);
    double[] h = t.heights();
    assertEquals(ward.z.size(), h.length);
    for (int i = 0; i < h.length; i++) {
      // SciPy 1.10.1's linkage(X, 'ward') heights (fixture). The issue asks for 1e-9 relative; the closed
      // form and SciPy's recurrence differ by rounding only (about 1e-13 here), so 1e-12 is checked.
      double e = ward.z.get(i)[2];
      assertEquals(e, h[i], 1e-12 * e, set + " merge " + i);
    }
    // Memberships: SciPy's cut_tree at these k and fcluster at these heights (fixture). These sets lie on a
    // 0.05 grid with many exact ties, yet these cuts still agree.
    for (HierarchicalFixture.Flat f : ward.cuts) {
      assertSamePartition(f.labels, t.cut((int) f.parameter), set + " cut " + f.parameter);
    }
    for (HierarchicalFixture.Flat f : ward.heights) {
      // tools/hierarchical_reference.py takes every other height t exactly at one of SciPy's merge heights
      // (fcluster keeps the merges <= t), the others midway between two merges. Ours of that merge may round
      // an ulp above t, so every case is compared as cut(k), k the fixture's number of clusters, and the
      // midpoints also by height.
      String what = set + " height " + f.parameter;
      assertSamePartition(f.labels, t.cut((int) Arrays.stream(f.labels).distinct().count()), what);
      if (!isMergeHeight(ward, f.parameter)) {
        assertSamePartition(f.labels, t.cutAtHeight(f.parameter), what);
      }
    }
    // SciPy's cophenet(Z, pdist(X)) (fixture); heights differ in the last digits only.
    assertEquals(ward.cophenet, t.copheneticCorrelation(), 1e-9, set + " cophenet");
  }

  private static boolean isMergeHeight(HierarchicalFixture c, double h) {
    for (double[] row : c.z) {
      if (row[2] == h) {
        return true;
      }
    }
    return false;
  }

  static Linkage linkage(String scipyMethod) {
    switch (scipyMethod) {
      case "ward":
        return Linkage.WARD;
      case "complete":
        return Linkage.COMPLETE;
      case "average":
        return Linkage.AVERAGE;
      case "single":
        return Linkage.SINGLE;
      default:
        throw new IllegalArgumentException(scipyMethod);
    }
  }

  static Metric metric(String scipyMetric) {
    switch (scipyMetric) {
      case "euclidean":
        return Metric.EUCLIDEAN;
      case "cityblock":
        return Metric.MANHATTAN;
      case "chebyshev":
        return Metric.CHEBYSHEV;
      default:
        throw new IllegalArgumentException(scipyMetric);
    }
  }

  /** Same partition: a bijection between the label sets. */
  static void assertSamePartition(int[] expected, int[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    Map<Integer, Integer> forward = new HashMap<>();
    Map<Integer, Integer> backward = new HashMap<>();
    for (int i = 0; i < expected.length; i++) {
      Integer f = forward.putIfAbsent(expected[i], actual[i]);
      Integer b = backward.putIfAbsent(actual[i], expected[i]);
      if ((f != null && f != actual[i]) || (b != null && b != expected[i])) {
        throw new AssertionError(what + ": partitions differ at row " + i);
      }
    }
  }
}
