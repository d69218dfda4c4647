package io.github.clusterkit.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Small cases with known answers, published figures, edge cases, argument checks and value equality. */
class OpticsHandTest {

  /** scikit-learn 1.2.1's OPTICS docstring example: OPTICS(min_samples=2).fit(X).labels_ == [0, 0, 0, 1, 1, 1]. */
  @Test
  void scikitLearnDocstringExample() {
    double[][] x = {{1, 2}, {2, 5}, {3, 6}, {8, 7}, {8, 8}, {7, 3}};
    OpticsResult r = Optics.minSamples(2).fit(Dataset.of(x));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, r.labels());
    assertEquals(2, r.clusterCount());
    assertEquals(0, r.noiseCount());
  }

  /**
   * ELKI 0.8's {@code OPTICSHeapTest} runs OPTICSXi (minpts 20, epsilon 0.15, xi 0.05) on {@code hierarchical-2d.ascii}
   * and asserts cluster sizes {8, 35, 72, 115, 209, 271}: each row counted in its innermost xi cluster, the 8 rows in
   * none as noise. The same count from this port's hierarchy (which is scikit-learn 1.2.1's, OpticsReferenceTest)
   * gives {8, 35, 72, 112, 209, 274}: the nesting and four of the six sizes agree; scikit-learn's xi ends one cluster 3
   * rows earlier than ELKI's (its rules for a cluster's end differ from ELKI's in detail), and those rows fall to the
   * enclosing cluster.
   */
  @Test
  void elkiHierarchical2dNesting() {
    double[][] x = SharedData.elki("hierarchical-2d.ascii", 2).x;
    assertEquals(710, x.length);
    OpticsResult r = Optics.minSamples(20).maxEps(0.15).xi(0.05).fit(Dataset.of(x));
    int[][] h = r.clusterHierarchy();
    int n = x.length;
    int[] innermost = new int[n];
    Arrays.fill(innermost, -1);
    // clusters come inner first: the first cluster containing a position is its innermost
    for (int c = 0; c < h.length; c++) {
      for (int i = h[c][0]; i <= h[c][1]; i++) {
        if (innermost[i] < 0) {
          innermost[i] = c;
        }
      }
    }
    int[] sizes = new int[h.length + 1];
    for (int i = 0; i < n; i++) {
      sizes[innermost[i] + 1]++;
    }
    Arrays.sort(sizes);
    assertArrayEquals(new int[] {8, 35, 72, 112, 209, 274}, sizes);
  }

  /** The class Javadoc's snippet, word for word, and what its comments say. */
  @Test
  void classSnippet() {
    Dataset data = io.github.clusterkit.data.Generators.blobs(500, 2, 5, 0.5, 0.05, 42).data();
    // --- Optics ---
    OpticsResult r = Optics.minSamples(10).xi(0.05).fit(data);
    int[] labels = r.labels();                     // -1 for noise
    double[] plot = r.reachabilityPlot();          // reachability in visiting order
    int[] cut = r.dbscanLabels(0.5);               // DBSCAN at eps 0.5 from the same ordering
    // --- end ---
    int[] ordering = r.ordering();
    double[] reach = r.reachability();
    for (int i = 0; i < plot.length; i++) {
      assertEquals(reach[ordering[i]], plot[i], 0.0);
    }
    assertArrayEquals(Optics.minSamples(10).clusterMethod(Optics.ClusterMethod.DBSCAN).eps(0.5).fit(data).labels(),
        cut);
    int noise = 0;
    for (int l : labels) {
      noise += l == -1 ? 1 : 0;
    }
    assertEquals(r.noiseCount(), noise);
    assertTrue(r.clusterCount() >= 2, "clusters: " + r.clusterCount());
  }

  @Test
  void singleRowAndTooFewRowsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optics.minSamples(2).fit(Dataset.of(new double[][] {{1, 2}})));
    assertEquals("minSamples must be <= the number of rows (1), got 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Optics.minSamples(2).minClusterSize(4).fit(Dataset.of(new double[][] {{1}, {2}, {3}})));
    assertEquals("minClusterSize must be <= the number of rows (3), got 4", e.getMessage());
  }

  /**
   * The DBSCAN method does not use minClusterSize, as scikit-learn 1.2.1, which checks min_cluster_size against the
   * number of rows only in cluster_optics_xi (OPTICS(min_samples=2, min_cluster_size=9, cluster_method='dbscan',
   * max_eps=9, eps=1) fits 5 rows); the xi method still refuses it. Labels at eps 1: rows 0..2 and 3..4 are two
   * groups 0.1 apart inside and 4.8 apart across (the same cut as dbscanCutAtInfinityIsAllNoise).
   */
  @Test
  void dbscanMethodIgnoresMinClusterSize() {
    Dataset five = Dataset.of(new double[][] {{0}, {0.1}, {0.2}, {5}, {5.1}});
    Optics c = Optics.minSamples(2).minClusterSize(9).maxEps(9).eps(1);
    OpticsResult r = c.clusterMethod(Optics.ClusterMethod.DBSCAN).fit(five);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1}, r.labels());
    assertEquals(0, r.clusterHierarchy().length);
    assertMessage("minClusterSize must be <= the number of rows (5), got 9", () -> c.fit(five));
  }

  /** A maxEps below every distance: no core row, every reachability infinite, the ordering 0..n-1, all noise. */
  @Test
  void maxEpsBelowEveryDistance() {
    double[][] x = {{0}, {5}, {1}, {9}, {3}};
    OpticsResult r = Optics.minSamples(2).maxEps(0.5).fit(Dataset.of(x));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, r.ordering());
    double[] inf = new double[5];
    Arrays.fill(inf, Double.POSITIVE_INFINITY);
    assertArrayEquals(inf, r.reachability(), 0.0);
    assertArrayEquals(inf, r.coreDistances(), 0.0);
    assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, r.predecessor());
    assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, r.labels());
    assertEquals(0, r.clusterHierarchy().length);
  }

  /**
   * scikit-learn's cluster_optics_dbscan at eps = +inf (its default eps when max_eps is infinite): no reachability
   * exceeds eps, so no cluster starts and the cumulative count minus one is -1 everywhere.
   */
  @Test
  void dbscanCutAtInfinityIsAllNoise() {
    double[][] x = {{0}, {0.1}, {0.2}, {5}, {5.1}, {5.2}};
    OpticsResult r = Optics.minSamples(2).clusterMethod(Optics.ClusterMethod.DBSCAN).fit(Dataset.of(x));
    assertArrayEquals(new int[] {-1, -1, -1, -1, -1, -1}, r.labels());
    // at eps 1: two clusters of three (reachabilities 0.1 within, about 4.8 across, core distances 0.1)
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, r.dbscanLabels(1));
  }

  /**
   * Identical rows: every distance 0, so every core distance and every reachability but the first's is 0, the
   * ordering is the row order and each row is reached from row 0 (the first processed; later equal values do not
   * improve). xi, with the plot's appended infinity: inf / 0 makes position 0 steep downward, 0 / inf makes the last
   * position steep upward (0 / 0 is NaN, neither), and the one cluster between them holds every row (the same as
   * scikit-learn 1.2.1 on 7 identical rows, fixture case data-all-same).
   */
  @Test
  void identicalRows() {
    double[][] x = new double[6][];
    for (int i = 0; i < 6; i++) {
      x[i] = new double[] {2.5, -1, 7};
    }
    OpticsResult r = Optics.minSamples(3).fit(Dataset.of(x));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, r.ordering());
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0}, r.reachability(), 0.0);
    assertArrayEquals(new double[6], r.coreDistances(), 0.0);
    assertArrayEquals(new int[] {-1, 0, 0, 0, 0, 0}, r.predecessor());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, r.labels());
    assertEquals("[[0, 5]]", Arrays.deepToString(r.clusterHierarchy()));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, r.dbscanLabels(0));
  }

  /**
   * Values near 1e300, whose squares overflow: measured after an exact power-of-two scaling, so the core distances
   * and reachabilities are the finite gaps |a - b| (in one column the Euclidean distance is exactly |a - b|), not
   * infinity. numpy's rounding would turn them into infinity (1e300 * 1e15 overflows); they are kept.
   */
  @Test
  void hugeValuesStayFinite() {
    double a = 1e300;
    double[][] x = {{0}, {a}, {-a}};
    OpticsResult r = Optics.minSamples(2).fit(Dataset.of(x));
    assertArrayEquals(new int[] {0, 1, 2}, r.ordering());
    assertArrayEquals(new double[] {a, a, a}, r.coreDistances(), 0.0);
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, a, a}, r.reachability(), 0.0);
    assertArrayEquals(new int[] {-1, 0, 0}, r.predecessor());
  }

  @Test
  void settingsAreCheckedWithTheirValue() {
    Optics o = Optics.defaults();
    assertMessage("minSamples must be >= 2, got 1", () -> Optics.minSamples(1));
    assertMessage("minSamples must be >= 2, got 0", () -> o.withMinSamples(0));
    assertMessage("maxEps must be > 0, got 0.0", () -> o.maxEps(0));
    assertMessage("maxEps must be > 0, got -1.0", () -> o.maxEps(-1));
    assertMessage("maxEps must be > 0, got NaN", () -> o.maxEps(Double.NaN));
    assertMessage("xi must be in (0, 1), got 0.0", () -> o.xi(0));
    assertMessage("xi must be in (0, 1), got 1.0", () -> o.xi(1));
    assertMessage("xi must be in (0, 1), got NaN", () -> o.xi(Double.NaN));
    assertMessage("minClusterSize must be >= 2, got 1", () -> o.minClusterSize(1));
    assertMessage("eps must be >= 0, got -0.5", () -> o.eps(-0.5));
    assertMessage("eps must be >= 0, got NaN", () -> o.eps(Double.NaN));
    assertMessage("parallelism must be >= 1, got 0", () -> o.parallelism(0));
    assertMessage("metric must not be null", () -> o.metric(null));
    assertMessage("clusterMethod must not be null", () -> o.clusterMethod(null));
    assertMessage("predecessorCorrection must not be null",
        () -> o.predecessorCorrection((Optics.PredecessorCorrection) null));
    assertMessage("data must not be null", () -> o.fit(null));
    Dataset three = Dataset.of(new double[][] {{0}, {1}, {2}});
    assertMessage("eps must be <= maxEps (2.0), got 3.0",
        () -> Optics.minSamples(2).maxEps(2).eps(3).clusterMethod(Optics.ClusterMethod.DBSCAN).fit(three));
    // the xi method does not use eps, as scikit-learn, which checks it only for cluster_method='dbscan'
    assertEquals(3, Optics.minSamples(2).maxEps(2).eps(3).fit(three).size());
    OpticsResult r = Optics.minSamples(2).maxEps(2).fit(three);
    assertMessage("eps must be >= 0, got NaN", () -> r.dbscanLabels(Double.NaN));
    assertMessage("eps must be <= maxEps (2.0), got 2.5", () -> r.dbscanLabels(2.5));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void defaultsAndGetters() {
    Optics o = Optics.defaults();
    assertEquals(Optics.minSamples(5), o);
    assertEquals(5, o.minSamples());
    assertEquals(Double.POSITIVE_INFINITY, o.maxEps(), 0.0);
    assertEquals(Metric.EUCLIDEAN, o.metric());
    assertEquals(Optics.ClusterMethod.XI, o.clusterMethod());
    assertEquals(0.05, o.xi(), 0.0);
    assertEquals(Optics.PredecessorCorrection.SCHUBERT_GERTZ, o.predecessorCorrection());
    assertEquals(1, o.parallelism());
    // unset minClusterSize follows minSamples, unset eps follows maxEps
    assertEquals(9, o.withMinSamples(9).minClusterSize());
    assertEquals(3, o.withMinSamples(9).minClusterSize(3).minClusterSize());
    assertEquals(1.5, o.maxEps(1.5).eps(), 0.0);
    assertEquals(0.5, o.eps(0.5).maxEps(1.5).eps(), 0.0);
    assertEquals(Optics.PredecessorCorrection.NONE, o.predecessorCorrection(false).predecessorCorrection());
    assertEquals(Optics.PredecessorCorrection.SCHUBERT_GERTZ,
        o.predecessorCorrection(Optics.PredecessorCorrection.NONE).predecessorCorrection(true)
            .predecessorCorrection());
  }

  /** Equal when built alike (hash codes too), unequal when any one setting differs; an explicit default counts. */
  @Test
  void valueEquality() {
    Supplier<List<Optics>> build = () -> {
      Optics b = Optics.minSamples(4);
      List<Optics> l = new ArrayList<>();
      l.add(b);
      l.add(b.withMinSamples(5));
      l.add(b.maxEps(2));
      l.add(b.metric(Metric.MANHATTAN));
      l.add(b.clusterMethod(Optics.ClusterMethod.DBSCAN));
      l.add(b.xi(0.1));
      l.add(b.minClusterSize(4));
      l.add(b.eps(0.5));
      l.add(b.predecessorCorrection(Optics.PredecessorCorrection.SCIKIT_LEARN_1_2));
      l.add(b.parallelism(2));
      return l;
    };
    List<Optics> a = build.get();
    List<Optics> c = build.get();
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < c.size(); j++) {
        if (i == j) {
          assertEquals(a.get(i), c.get(j));
          assertEquals(a.get(i).hashCode(), c.get(j).hashCode());
          assertEquals(a.get(i).toString(), c.get(j).toString());
        } else {
          assertNotEquals(a.get(i), c.get(j), a.get(i) + " vs " + c.get(j));
        }
      }
      assertNotEquals(a.get(i), null);
    }
    assertTrue(a.get(0).toString().startsWith("Optics[minSamples=4, maxEps=Infinity, metric=EUCLIDEAN"),
        a.get(0).toString());
    // eps -0.0 is the radius 0 (both cut alike): the same configuration, equal with equal hash codes and text
    Optics zero = Optics.minSamples(4).eps(0.0);
    Optics minusZero = Optics.minSamples(4).eps(-0.0);
    assertEquals(zero, minusZero);
    assertEquals(zero.hashCode(), minusZero.hashCode());
    assertEquals(zero.toString(), minusZero.toString());
  }
}
