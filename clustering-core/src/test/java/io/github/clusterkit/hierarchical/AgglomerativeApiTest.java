package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.neighbors.Metric;
import org.junit.jupiter.api.Test;

/** Configuration, bad input, edge cases and small exact examples. */
class AgglomerativeApiTest {

  private static final double[][] LINE = {{0}, {1}, {3}, {7}};

  @Test
  void rejectsBadConfiguration() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Agglomerative.linkage(null));
    assertEquals("linkage must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.WARD).metric(Metric.MANHATTAN));
    assertEquals("WARD linkage requires the EUCLIDEAN metric, got MANHATTAN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.SINGLE).metric(Metric.CHEBYSHEV).withLinkage(Linkage.WARD));
    assertEquals("WARD linkage requires the EUCLIDEAN metric, got CHEBYSHEV", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Agglomerative.linkage(Linkage.SINGLE).metric(null));
    assertEquals("metric must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.SINGLE).parallelism(0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Agglomerative.linkage(Linkage.SINGLE).fit(null));
    assertEquals("data must not be null", e.getMessage());
  }

  /**
   * Tied merges at the cut: the Javadoc promised SciPy's {@code cut_tree(Z, n_clusters=k)}, which orders merges of
   * equal height breadth first from the root and so undoes others than the last rows of Z. Expected labels:
   * scikit-learn 1.2.1, {@code AgglomerativeClustering(n_clusters=k, linkage=method).fit(X).labels_} for
   * {@code X = [[0], [2], [0], [1], [1], [1]]}, renumbered in order of first row; SciPy 1.10.1's
   * {@code cut_tree(linkage(X, method), n_clusters=5)} gives {@code [0, 1, 2, 3, 3, 4]} (rows 3 and 4 joined) for
   * every method, and {@code [0, 1, 2, 3, 3, 3]} at k = 4 for complete, average and Ward (both printed by
   * tools/edge_case_reference.py).
   */
  @Test
  void cutWithTiedMergesKeepsTheFirstRowsOfTheLinkageMatrix() {
    Dataset x = Dataset.of(new double[][] {{0}, {2}, {0}, {1}, {1}, {1}});
    int[][] single = {{0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}, {0, 1, 0, 2, 2, 2}, {0, 1, 0, 2, 2, 3},
        {0, 1, 0, 2, 3, 4}, {0, 1, 2, 3, 4, 5}};
    int[][] others = {{0, 0, 0, 0, 0, 0}, {0, 1, 0, 1, 1, 1}, {0, 1, 0, 2, 2, 2}, {0, 1, 0, 2, 2, 3},
        {0, 1, 0, 2, 3, 4}, {0, 1, 2, 3, 4, 5}};
    for (Linkage l : Linkage.values()) {
      Dendrogram t = Agglomerative.linkage(l).wardByCentroids(false).fit(x);
      // SciPy 1.10.1, linkage(X, method)[:3]: the three merges at height 0, rows (0, 2), (3, 4), (5, 7)
      assertArrayEquals(new double[] {0, 2, 0, 2}, t.linkageMatrix()[0], l.toString());
      assertArrayEquals(new double[] {3, 4, 0, 2}, t.linkageMatrix()[1], l.toString());
      assertArrayEquals(new double[] {5, 7, 0, 3}, t.linkageMatrix()[2], l.toString());
      for (int k = 1; k <= 6; k++) {
        assertArrayEquals((l == Linkage.SINGLE ? single : others)[k - 1], t.cut(k), l + " k = " + k);
      }
    }
  }

  /**
   * An exact tie decided by rounding: after rows 0 and 1 merge (height 2), the merged cluster's Ward distances to
   * rows 3 and 4 are both sqrt(40 / 3) (exact computation). SciPy's recurrence computes 3.6514837167011076 for row 3
   * and 3.651483716701107 for row 4 and so merges row 4; the centroids compute 3.6514837167011076 for both and the
   * tie rule takes row 3. The Javadoc's "heights within about 1e-13 of SciPy's" held only where the trees agree.
   * Expected: SciPy 1.10.1 {@code linkage(X, 'ward')} and {@code cut_tree(Z, n_clusters=2)}, the same partition as
   * scikit-learn 1.2.1's {@code AgglomerativeClustering(n_clusters=2).fit(X).labels_ = [1, 1, 0, 0, 1]}; for the
   * centroids, the exact computation above (chain from the merged cluster, smaller index on the tie). The SciPy and
   * scikit-learn values and both evaluations of the tied distances: tools/edge_case_reference.py.
   */
  @Test
  void wardByCentroidsBreaksAnExactTieThatSciPyRoundsTheOtherWay() {
    Dataset x = Dataset.of(new double[][] {{1, 3}, {1, 5}, {4, 0}, {0, 1}, {4, 5}});
    Dendrogram matrix = Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).fit(x);
    assertArrayEquals(new double[][] {{0, 1, 2, 2}, {4, 5, 3.651483716701107, 3}, {2, 3, 4.123105625617661, 2},
        {6, 7, 5.938574464184706, 5}}, matrix.linkageMatrix());
    assertArrayEquals(new int[] {0, 0, 1, 1, 0}, matrix.cut(2));
    Dendrogram centroids = Agglomerative.linkage(Linkage.WARD).fit(x);
    double[][] z = centroids.linkageMatrix();
    assertArrayEquals(new double[] {3, 5, 3}, new double[] {z[1][0], z[1][1], z[1][3]});
    assertEquals(Math.sqrt(40.0 / 3), z[1][2], 1e-15);
    assertArrayEquals(new int[] {0, 0, 1, 0, 0}, centroids.cut(2));
  }

  @Test
  void configurationIsImmutable() {
    Agglomerative a = Agglomerative.linkage(Linkage.AVERAGE);
    Agglomerative b = a.metric(Metric.MANHATTAN).parallelism(3).withLinkage(Linkage.COMPLETE);
    assertNotSame(a, b);
    assertEquals(Linkage.AVERAGE, a.linkage());
    assertEquals(Metric.EUCLIDEAN, a.metric());
    assertEquals(1, a.parallelism());
    assertEquals(Linkage.COMPLETE, b.linkage());
    assertEquals(Metric.MANHATTAN, b.metric());
    assertEquals(3, b.parallelism());
    assertEquals(true, a.wardByCentroids(), "Ward by centroids is the default");
    assertEquals(false, a.wardByCentroids(false).wardByCentroids());
    assertEquals(true, a.wardByCentroids(false).wardByCentroids(true).wardByCentroids());
    assertEquals(true, Agglomerative.linkage(Linkage.WARD).wardByCentroids());
    assertEquals(1, b.parallelism(1).parallelism(), "the documented lower bound is accepted");
  }

  @Test
  void toStringNamesTheConfiguration() {
    assertEquals("Agglomerative[linkage=WARD, metric=EUCLIDEAN, parallelism=1, wardByCentroids=true]",
        Agglomerative.linkage(Linkage.WARD).toString());
    assertEquals("Agglomerative[linkage=WARD, metric=EUCLIDEAN, parallelism=2, wardByCentroids=false]",
        Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).parallelism(2).toString());
  }

  @Test
  void refusesMatricesBeyondTheBound() {
    // 65,537 rows of one dimension: the Dataset is small, the matrix would be 16 GiB.
    Dataset big = Dataset.wrap(new double[Agglomerative.MAX_MATRIX_SIZE + 1], Agglomerative.MAX_MATRIX_SIZE + 1,
        1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).fit(big));
    // 4 n (n - 1) + 8 n ceil(n / 256) = 17,180,131,328 + 134,744,072 bytes = 16.13 GiB.
    assertEquals("WARD linkage needs a distance matrix of n (n - 1) / 2 doubles and n ceil(n / 256) block bounds:"
        + " n = 65537 would need 16.13 GiB; n must be <= 65536 (SINGLE linkage and WARD by centroids need no"
        + " matrix)", e.getMessage());
  }

  @Test
  void defaultWardNeedsNoMatrix() {
    // The smallest multiple of 256 rows (plus 2) whose matrix exceeds the heap: the matrix Ward refuses it,
    // the default Ward (centroids, O(n d) memory) fits it (tests run with -Xmx2g: about 23,000 rows).
    int n = firstNBeyondHeap();
    if (n > Agglomerative.MAX_MATRIX_SIZE) {
      return; // a heap above 16 GiB: the matrix would fit; refusesMatricesBeyondTheBound covers the bound
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sqrt(i); // distinct, unevenly spaced values
    }
    Dataset data = Dataset.wrap(v, n, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).fit(data));
    assertTrue(e.getMessage().contains("more than the maximum heap"), e.getMessage());
    double[][] z = Agglomerative.linkage(Linkage.WARD).fit(data).linkageMatrix();
    assertEquals(n - 1, z.length);
    assertEquals(n, (int) z[n - 2][3]);
  }

  @Test
  void matrixBytesCountTheMatrixAndItsBlockBounds() {
    // 8 bytes per entry of the condensed matrix, n (n - 1) / 2 entries, plus 8 bytes per block bound,
    // n ceil(n / 256) bounds (one per row and block of 256 columns).
    assertEquals(0L, Agglomerative.matrixBytes(0));
    assertEquals(0L + 8 * 1, Agglomerative.matrixBytes(1));
    assertEquals(8L * 1 + 8 * 2, Agglomerative.matrixBytes(2));
    assertEquals(8L * 256 * 255 / 2 + 8 * 256, Agglomerative.matrixBytes(256));
    assertEquals(8L * 257 * 256 / 2 + 8 * 257 * 2, Agglomerative.matrixBytes(257));
    // 10^4 rows: 399,960,000 bytes of matrix and 3,200,000 of bounds (40 blocks).
    assertEquals(8L * 10_000 * 9_999 / 2 + 8L * 10_000 * 40, Agglomerative.matrixBytes(10_000));
    assertEquals(403_160_000L, Agglomerative.matrixBytes(10_000));
    // The largest n: 256 blocks, no overflow.
    assertEquals(8L * 65_536 * 65_535 / 2 + 8L * 65_536 * 256, Agglomerative.matrixBytes(65_536));
    // A negative row count has no matrix: it is refused (it returned 8 bytes for n = -1, 4 n (n - 1) + 8 n
    // ceil(n / 256) evaluated at n = -1), as every other bad argument is.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Agglomerative.matrixBytes(-1));
    assertEquals("n must be >= 0, got -1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Agglomerative.matrixBytes(Integer.MIN_VALUE));
  }

  @Test
  void refusesMatricesWhoseBlockBoundsExceedTheHeap() {
    long max = Runtime.getRuntime().maxMemory();
    // The smallest n whose matrix and bounds exceed the heap; the matrix alone, 4 n (n - 1) bytes, fits
    // there (the bounds add 8 n ceil(n / 256) bytes, far more than the 8 n that one more row adds).
    int n = 2;
    while (Agglomerative.matrixBytes(n) <= max) {
      n++;
    }
    if (n > Agglomerative.MAX_MATRIX_SIZE) {
      return; // a heap above 16 GiB: the bound of MAX_MATRIX_SIZE applies instead
    }
    assertTrue(4L * n * (n - 1) <= max, "the matrix alone fits at n = " + n);
    Dataset data = Dataset.wrap(new double[n], n, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.COMPLETE).fit(data));
    assertTrue(e.getMessage().contains("more than the maximum heap"), e.getMessage());
  }

  @Test
  void refusesMatricesBeyondTheHeap() {
    // The smallest n whose matrix exceeds the heap (the test JVM's heap is far below 16 GiB).
    int n = firstNBeyondHeap();
    if (n > Agglomerative.MAX_MATRIX_SIZE) {
      return; // a heap above 16 GiB: the bound above applies instead
    }
    Dataset data = Dataset.wrap(new double[n], n, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Agglomerative.linkage(Linkage.AVERAGE).fit(data));
    assertTrue(e.getMessage().startsWith("AVERAGE linkage needs a distance matrix of n (n - 1) / 2 doubles and"
        + " n ceil(n / 256) block bounds: n = " + n + " would need "), e.getMessage());
    assertTrue(e.getMessage().contains("more than the maximum heap"), e.getMessage());
  }

  @Test
  void clustersDataWhoseSquaredDistancesOverflow() {
    // 1e200 - (-1e200) = 2e200, squared 4e400: not a double. Such data were refused ("data span too wide a range")
    // until the fit scaled them exactly by a power of two (HierarchicalScaleTest); the heights are the distances.
    Dataset wide = Dataset.of(new double[][] {{-1e200}, {0}, {1e200}});
    assertArrayEquals(new double[] {1e200, 2e200}, Agglomerative.linkage(Linkage.COMPLETE).fit(wide).heights());
    assertArrayEquals(new double[] {1e200, 1e200}, Agglomerative.linkage(Linkage.SINGLE).fit(wide).heights());
    assertArrayEquals(new double[] {1e200, 1.5e200}, Agglomerative.linkage(Linkage.AVERAGE).fit(wide).heights());
    // The widest data there are: the distance 2 MAX_VALUE is beyond the double range, so the height is Infinity (the
    // value it rounds to), for every linkage and metric; nothing is refused (the scaled coordinates are below 2).
    Dataset widest = Dataset.of(new double[][] {{-Double.MAX_VALUE, Double.MAX_VALUE}, {Double.MAX_VALUE, 0}});
    for (Linkage l : Linkage.values()) {
      for (Metric metric : l == Linkage.WARD ? new Metric[] {Metric.EUCLIDEAN} : Metric.values()) {
        Agglomerative a = Agglomerative.linkage(l).metric(metric);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY}, a.fit(widest).heights(), a.toString());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY},
            a.wardByCentroids(false).fit(widest).heights(), a.toString());
      }
    }
    // 1e100 apart: fine.
    Dataset ok = Dataset.of(new double[][] {{-1e100}, {0}, {1e100}});
    assertArrayEquals(new double[] {1e100, 2e100}, Agglomerative.linkage(Linkage.COMPLETE).fit(ok).heights());
  }

  @Test
  void singleRow() {
    for (Linkage l : Linkage.values()) {
      Dendrogram t = Agglomerative.linkage(l).fit(Dataset.of(new double[][] {{1, 2}}));
      assertEquals(1, t.size());
      assertEquals(0, t.linkageMatrix().length);
      assertEquals(0, t.heights().length);
      assertArrayEquals(new int[] {0}, t.cut(1));
      assertArrayEquals(new int[] {0}, t.cutAtHeight(0));
      assertArrayEquals(new int[] {0}, t.leafOrder());
      assertTrue(Double.isNaN(t.copheneticCorrelation()));
      assertEquals(l, t.linkage());
      assertEquals(Metric.EUCLIDEAN, t.metric());
      assertEquals("Dendrogram[n=1, linkage=" + l + ", metric=EUCLIDEAN]", t.toString());
    }
    Dendrogram manhattan = Agglomerative.linkage(Linkage.AVERAGE).metric(Metric.MANHATTAN).fit(Dataset.of(LINE));
    assertEquals(Metric.MANHATTAN, manhattan.metric());
    assertEquals("Dendrogram[n=4, linkage=AVERAGE, metric=MANHATTAN]", manhattan.toString());
  }

  @Test
  void twoRows() {
    // Every linkage joins two points at their distance (Ward: sqrt(2 * 1 * 1 / 2) * 5 = 5); 3-4-5 triangle.
    for (Linkage l : Linkage.values()) {
      Dendrogram t = Agglomerative.linkage(l).fit(Dataset.of(new double[][] {{0, 0}, {3, 4}}));
      assertArrayEquals(new double[][] {{0, 1, 5, 2}}, t.linkageMatrix(), l.name());
      assertArrayEquals(new int[] {0, 1}, t.cut(2));
      assertArrayEquals(new int[] {0, 0}, t.cut(1));
      assertArrayEquals(new int[] {0, 1}, t.leafOrder());
      // One pair: the correlation is 0/0, NaN as in SciPy.
      assertTrue(Double.isNaN(t.copheneticCorrelation()));
    }
    // Manhattan 7, Chebyshev 4.
    assertEquals(7.0, Agglomerative.linkage(Linkage.COMPLETE).metric(Metric.MANHATTAN)
        .fit(Dataset.of(new double[][] {{0, 0}, {3, 4}})).heights()[0]);
    assertEquals(4.0, Agglomerative.linkage(Linkage.SINGLE).metric(Metric.CHEBYSHEV)
        .fit(Dataset.of(new double[][] {{0, 0}, {3, 4}})).heights()[0]);
  }

  @Test
  void cutArguments() {
    Dendrogram t = Agglomerative.linkage(Linkage.SINGLE).fit(Dataset.of(LINE));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.cut(0));
    assertEquals("k must be in [1, n = 4], got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.cut(5));
    assertEquals("k must be in [1, n = 4], got 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.cutAtHeight(Double.NaN));
    assertEquals("h must not be NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.clustersAtHeight(Double.NaN));
  }

  @Test
  void lineBySingleLinkage() {
    // By hand: points 0, 1, 3, 7; single linkage merges {0,1} at 1, {0,1,3} at 2, all at 4.
    // SciPy 1.10.1 linkage([[0],[1],[3],[7]], 'single') = [[0,1,1,2],[2,4,2,3],[3,5,4,4]].
    Dendrogram t = Agglomerative.linkage(Linkage.SINGLE).fit(Dataset.of(LINE));
    double[][] z = t.linkageMatrix();
    assertArrayEquals(new double[] {0, 1, 1, 2}, z[0]);
    assertArrayEquals(new double[] {2, 4, 2, 3}, z[1]);
    assertArrayEquals(new double[] {3, 5, 4, 4}, z[2]);
    assertArrayEquals(new double[] {1, 2, 4}, t.heights());
    assertArrayEquals(new int[] {0, 0, 1, 2}, t.cut(3));
    assertArrayEquals(new int[] {0, 0, 0, 1}, t.cut(2));
    assertArrayEquals(new int[] {0, 0, 0, 0}, t.cut(1));
    assertArrayEquals(new int[] {0, 1, 2, 3}, t.cut(4));
    // Inclusive: a merge at exactly h is applied.
    assertArrayEquals(new int[] {0, 0, 0, 1}, t.cutAtHeight(2.0));
    assertArrayEquals(new int[] {0, 0, 1, 2}, t.cutAtHeight(Math.nextDown(2.0)));
    assertArrayEquals(new int[] {0, 1, 2, 3}, t.cutAtHeight(-1));
    assertArrayEquals(new int[] {0, 0, 0, 0}, t.cutAtHeight(Double.POSITIVE_INFINITY));
    assertEquals(2, t.clustersAtHeight(2.0));
    // leaves_list: root 6 = (3, 5), 5 = (2, 4), 4 = (0, 1) -> 3, 2, 0, 1.
    assertArrayEquals(new int[] {3, 2, 0, 1}, t.leafOrder());
  }

  @Test
  void labelsFollowTheSmallestRow() {
    // Two far groups, the second one holding row 0: the cluster of row 0 is labelled 0.
    double[][] x = {{10}, {0}, {0.5}, {10.5}, {1}};
    int[] labels = Agglomerative.linkage(Linkage.AVERAGE).fit(Dataset.of(x)).cut(2);
    assertArrayEquals(new int[] {0, 1, 1, 0, 1}, labels);
  }

  @Test
  void wardOnFourPoints() {
    // SciPy 1.10.1: linkage([[0,0],[0,1],[4,0],[4,2]], 'ward') gives
    // [[0, 1, 1, 2], [2, 3, 2, 2], [4, 5, sqrt(2 * 2 * 2 / 4) * ||(0, 0.5) - (4, 1)||, 4]]
    // (Ward's height between clusters of sizes a and b: sqrt(2ab/(a+b)) times the distance of the means).
    double[][] x = {{0, 0}, {0, 1}, {4, 0}, {4, 2}};
    for (boolean byCentroids : new boolean[] {true, false}) {
      double[][] z =
          Agglomerative.linkage(Linkage.WARD).wardByCentroids(byCentroids).fit(Dataset.of(x)).linkageMatrix();
      assertArrayEquals(new double[] {0, 1, 1, 2}, z[0]);
      assertArrayEquals(new double[] {2, 3, 2, 2}, z[1]);
      assertEquals(4, z[2][0]);
      assertEquals(5, z[2][1]);
      assertEquals(Math.sqrt(2.0) * Math.sqrt(16 + 0.25), z[2][2], 1e-14);
      assertEquals(4, z[2][3]);
    }
  }

  @Test
  void duplicatesMergeAtZero() {
    double[][] x = {{1, 1}, {1, 1}, {1, 1}, {2, 2}};
    for (Linkage l : Linkage.values()) {
      Dendrogram t = Agglomerative.linkage(l).fit(Dataset.of(x));
      double[] h = t.heights();
      assertEquals(0.0, h[0], l.name());
      assertEquals(0.0, h[1], l.name());
      assertTrue(h[2] > 0, l.name());
      assertArrayEquals(new int[] {0, 0, 0, 1}, t.cut(2), l.name());
    }
  }

  @Test
  void callerArraysAreNotShared() {
    Dendrogram t = Agglomerative.linkage(Linkage.COMPLETE).fit(Dataset.of(LINE));
    t.linkageMatrix()[0][2] = 99;
    t.heights()[0] = 99;
    t.leafOrder()[0] = 99;
    assertEquals(1.0, t.linkageMatrix()[0][2]);
    assertEquals(1.0, t.heights()[0]);
    assertEquals(3, t.leafOrder()[0]);
  }

  @Test
  void sameResultOnAnyThreadCount() {
    Dataset data = Generators.blobs(1500, 3, 4, 1.0, 0.05, 11).data();
    for (Linkage l : new Linkage[] {Linkage.WARD, Linkage.AVERAGE}) {
      for (boolean byCentroids : new boolean[] {true, false}) {
        Agglomerative a = Agglomerative.linkage(l).wardByCentroids(byCentroids);
        double[][] one = a.fit(data).linkageMatrix();
        double[][] three = a.parallelism(3).fit(data).linkageMatrix();
        assertArrayEquals(one, three, l.name() + " " + byCentroids);
      }
    }
  }

  /** The smallest {@code n = 2 + 256 m} whose {@link Agglomerative#matrixBytes(int)} exceed the heap. */
  private static int firstNBeyondHeap() {
    long max = Runtime.getRuntime().maxMemory();
    int n = 2;
    while (Agglomerative.matrixBytes(n) <= max) {
      n += 256;
    }
    return n;
  }
}
