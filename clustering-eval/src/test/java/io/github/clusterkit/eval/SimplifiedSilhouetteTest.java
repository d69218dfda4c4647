package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.testutil.SharedData;
import io.github.clusterkit.neighbors.Metric;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link SimplifiedSilhouette}: ELKI's published figures, exact rational values, reference values of
 * {@code tools/simplified_silhouette_reference.py} on shared data, a brute-force oracle, and its invariants.
 */
class SimplifiedSilhouetteTest {

  /** The textbook definition, slow: centroids from exact sums, every distance computed on its own. */
  static double[] oracle(double[][] x, int[] labels, NoisePolicy policy, Metric metric) {
    int[] l = BruteForce.applyPolicy(labels, policy);
    int n = x.length;
    int d = x[0].length;
    List<Integer> ids = new ArrayList<>();
    for (int v : l) {
      if (v != Integer.MIN_VALUE && !ids.contains(v)) {
        ids.add(v);
      }
    }
    int k = ids.size();
    // exact sums (BigDecimal), one rounding per mean: the mean of copies of a value is that value, so a distance
    // that is 0 in exact arithmetic is 0 here too (a plain double mean can leave a rounding residue there)
    java.math.BigDecimal[][] sum = new java.math.BigDecimal[k][d];
    for (java.math.BigDecimal[] row : sum) {
      java.util.Arrays.fill(row, java.math.BigDecimal.ZERO);
    }
    int[] size = new int[k];
    for (int i = 0; i < n; i++) {
      if (l[i] != Integer.MIN_VALUE) {
        int ci = ids.indexOf(l[i]);
        size[ci]++;
        for (int t = 0; t < d; t++) {
          sum[ci][t] = sum[ci][t].add(new java.math.BigDecimal(x[i][t]));
        }
      }
    }
    double[][] c = new double[k][d];
    for (int ci = 0; ci < k; ci++) {
      for (int t = 0; t < d; t++) {
        c[ci][t] = sum[ci][t].divide(java.math.BigDecimal.valueOf(size[ci]), java.math.MathContext.DECIMAL128)
            .doubleValue();
      }
    }
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      if (l[i] == Integer.MIN_VALUE) {
        s[i] = Double.NaN;
        continue;
      }
      int own = ids.indexOf(l[i]);
      if (size[own] == 1) {
        continue;
      }
      double a = metric.distance(x[i], c[own]);
      double b = Double.POSITIVE_INFINITY;
      for (int ci = 0; ci < k; ci++) {
        if (ci != own) {
          b = Math.min(b, metric.distance(x[i], c[ci]));
        }
      }
      double m = Math.max(a, b);
      s[i] = m > 0 ? (b - a) / m : 0;
    }
    return s;
  }

  @Test
  void elkiFigures() {
    // ELKI SimplifiedSilhouetteTest (elki-project/elki, elki-clustering/src/test/java/elki/evaluation/clustering/
    // internal/SimplifiedSilhouetteTest.java): labels with "Outlier" as noise, TREAT_NOISE_AS_SINGLETONS
    // 0.639274812814525 and MERGE_NOISE 0.698584394068721; Lloyd k-means k = 3 (the partition DATA.md names,
    // ElkiFiguresTest builds it by point name), 0.8024712757957062.
    SharedData.Labelled f = SharedData.elki("uebungsblatt-2d-mini.csv", 2);
    Dataset data = Dataset.of(f.x);
    assertEquals(0.639274812814525, SimplifiedSilhouette.score(data, f.labels, NoisePolicy.SINGLETONS), 1e-12);
    assertEquals(0.698584394068721, SimplifiedSilhouette.score(data, f.labels, NoisePolicy.MERGE), 1e-12);
    String[] groups = {"AIJKLMNPR", "BCDEFG", "HSTUV"};
    int[] kmeans = new int[f.x.length];
    for (int i = 0; i < kmeans.length; i++) {
      for (int g = 0; g < groups.length; g++) {
        if (groups[g].contains(f.names[i][1])) {
          kmeans[i] = g;
        }
      }
    }
    assertEquals(0.8024712757957062, SimplifiedSilhouette.score(data, kmeans), 1e-12);
    // the per-row values of the singleton run: the three outliers score 0 and count in the mean
    SilhouetteResult r = SimplifiedSilhouette.defaults().noise(NoisePolicy.SINGLETONS).evaluate(data, f.labels);
    assertEquals(20, r.scoredCount());
    assertEquals(3, r.noiseCount());
    double[] s = r.samples();
    for (int i = 0; i < s.length; i++) {
      if (f.labels[i] == -1) {
        assertEquals(0.0, s[i], 0.0);
      }
    }
  }

  @Test
  void exactRationalValues() {
    // tools/simplified_silhouette_reference.py, case "exact": Manhattan distances to rational centroids computed in
    // fractions.Fraction: IGNORE 3979933/4579120, MERGE 2396849/3837240, SINGLETONS 101/192.
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 2}, {6, 5}, {7, 7}, {9, 6}, {3, 3}, {4, 9}});
    int[] labels = {0, 0, 0, 1, 1, 1, -1, -1};
    SimplifiedSilhouette l1 = SimplifiedSilhouette.defaults().metric(Metric.MANHATTAN);
    assertEquals(3979933.0 / 4579120.0, l1.evaluate(data, labels).score(), 1e-15);
    assertEquals(2396849.0 / 3837240.0, l1.noise(NoisePolicy.MERGE).evaluate(data, labels).score(), 1e-15);
    assertEquals(101.0 / 192.0, l1.noise(NoisePolicy.SINGLETONS).evaluate(data, labels).score(), 1e-15);
  }

  @Test
  void hdbscanReferenceValues() {
    // tools/simplified_silhouette_reference.py, case "hdbscan" (numpy 1.24), benchmark/hdbscan.csv with its labels.
    SharedData.Labelled f = SharedData.benchmark("hdbscan.csv");
    Dataset data = Dataset.of(f.x);
    Metric[] metrics = {Metric.EUCLIDEAN, Metric.MANHATTAN, Metric.CHEBYSHEV};
    NoisePolicy[] policies = {NoisePolicy.IGNORE, NoisePolicy.MERGE, NoisePolicy.SINGLETONS};
    double[][] expected = {
        {0.5641043127317588, 0.31562734828608363, -0.10394768837410105},
        {0.5596314780284924, 0.3087658336169877, -0.11358140456565702},
        {0.5565152828047546, 0.3138630347584958, -0.1159469506866186}};
    for (int m = 0; m < 3; m++) {
      for (int p = 0; p < 3; p++) {
        double v = SimplifiedSilhouette.defaults().metric(metrics[m]).noise(policies[p]).parallelism(2)
            .evaluate(data, f.labels).score();
        assertEquals(expected[m][p], v, 1e-13, metrics[m] + " " + policies[p]);
      }
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void matchesTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 2, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 40) int noisePercent, @ForAll boolean duplicates,
      @ForAll NoisePolicy policy, @ForAll Metric metric) {
    double[][] x = Fixtures.points(seed, n, d, k, duplicates);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(Fixtures.clusters(labels, policy) >= 2);
    int[] before = labels.clone();
    SilhouetteResult r = SimplifiedSilhouette.defaults().noise(policy).metric(metric).evaluate(Dataset.of(x), labels);
    double[] expected = oracle(x, labels, policy, metric);
    double[] actual = r.samples();
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(expected[i])) {
        assertTrue(Double.isNaN(actual[i]), "row " + i + " must not be scored");
      } else {
        assertEquals(expected[i], actual[i], 1e-12, "row " + i);
        assertTrue(actual[i] >= -1 && actual[i] <= 1, "in [-1, 1]");
      }
    }
    assertEquals(BruteForce.mean(expected), r.score(), 1e-12);
    assertArrayEquals(before, labels, "labels must not be modified");
  }

  @Test
  void copiesOfAPointInTwoClustersScoreZero() {
    // jqwik found this case against an oracle with plain double means: row 0 is a copy of a singleton cluster's
    // point (b = 0) and its own cluster holds copies of it only, whose plain mean left a residue (a > 0, s = -1).
    // Exactly, a = b = 0 and s = 0.
    matchesTheDefinition(-8903037523006173372L, 6, 5, 5, 0, true, NoisePolicy.IGNORE, Metric.EUCLIDEAN);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void invariantUnderRenamingLabelsAndThreads(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 2, max = 8) int k,
      @ForAll @IntRange(min = 0, max = 30) int noisePercent, @ForAll NoisePolicy policy, @ForAll Metric metric,
      @ForAll @IntRange(min = 2, max = 4) int threads) {
    double[][] x = Fixtures.points(seed, n, d, k, true);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(Fixtures.clusters(labels, policy) >= 2);
    Dataset data = Dataset.of(x);
    SimplifiedSilhouette one = SimplifiedSilhouette.defaults().noise(policy).metric(metric);
    SilhouetteResult base = one.evaluate(data, labels);
    // another thread count: bit for bit
    SilhouetteResult many = one.parallelism(threads).evaluate(data, labels);
    assertArrayEquals(base.samples(), many.samples(), 0.0);
    assertEquals(base.score(), many.score(), 0.0);
    // labels renamed by a bijection that reverses their order: the same clusters, bit for bit
    int[] renamed = new int[n];
    for (int i = 0; i < n; i++) {
      renamed[i] = labels[i] < 0 ? -1 : 1000 - 7 * labels[i];
    }
    SilhouetteResult r = one.evaluate(data, renamed);
    assertArrayEquals(base.samples(), r.samples(), 0.0);
    assertEquals(base.score(), r.score(), 0.0);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void invariantUnderRowOrder(@ForAll long seed, @ForAll @IntRange(min = 2, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 2, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 30) int noisePercent, @ForAll NoisePolicy policy) {
    double[][] x = Fixtures.points(seed, n, d, k, false);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(Fixtures.clusters(labels, policy) >= 2);
    int[] perm = Fixtures.permutation(seed, n);
    double[][] px = new double[n][];
    int[] pl = new int[n];
    for (int i = 0; i < n; i++) {
      px[i] = x[perm[i]];
      pl[i] = labels[perm[i]];
    }
    SimplifiedSilhouette s = SimplifiedSilhouette.defaults().noise(policy);
    double[] a = s.evaluate(Dataset.of(x), labels).samples();
    SilhouetteResult pr = s.evaluate(Dataset.of(px), pl);
    double[] b = pr.samples();
    // the means are sums in row order, so a reordering may move their last bits: equal to rounding
    for (int i = 0; i < n; i++) {
      assertEquals(a[perm[i]], b[i], 1e-12, "row " + perm[i]);
    }
    assertEquals(s.evaluate(Dataset.of(x), labels).score(), pr.score(), 1e-12);
  }

  @Test
  void degenerateCases() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {5, 5}, {6, 5}});
    // every row a cluster of its own: 0 (Rousseeuw's convention for clusters of one)
    assertEquals(0.0, SimplifiedSilhouette.score(data, new int[] {0, 1, 2, 3}), 0.0);
    // two clusters of copies of one point each: a = 0, b > 0, s = 1 for every row (exact)
    Dataset copies = Dataset.of(new double[][] {{1, 1}, {1, 1}, {4, 0}, {4, 0}});
    assertEquals(1.0, SimplifiedSilhouette.score(copies, new int[] {0, 0, 1, 1}), 0.0);
    // all rows at one point in two clusters: a = b = 0, taken as 0 (ELKI: 0 / 0 = NaN)
    Dataset same = Dataset.of(new double[][] {{2, 2}, {2, 2}, {2, 2}, {2, 2}});
    assertEquals(0.0, SimplifiedSilhouette.score(same, new int[] {0, 0, 1, 1}), 0.0);
    // two points, one cluster each, in the middle: the hand computation for {0, 0, 1} on the line
    // 0, 2, 3: centroids 1 and 3; row 0: a = 1, b = 3, s = 2/3; row 1: a = 1, b = 1, s = 0; row 2: singleton 0
    Dataset line = Dataset.of(new double[][] {{0}, {2}, {3}});
    assertArrayEquals(new double[] {2.0 / 3.0, 0.0, 0.0}, SimplifiedSilhouette.samples(line, new int[] {0, 0, 1}),
        1e-16);
    // data too large for squares: the same values as the data scaled down by a power of two (exact)
    double[][] big = {{1e300, 0}, {1.5e300, 1e300}, {-1e300, -1e300}, {-1.2e300, -0.9e300}};
    double[][] small = new double[4][];
    for (int i = 0; i < 4; i++) {
      small[i] = new double[] {Math.scalb(big[i][0], -900), Math.scalb(big[i][1], -900)};
    }
    int[] two = {0, 0, 1, 1};
    assertArrayEquals(SimplifiedSilhouette.samples(Dataset.of(small), two),
        SimplifiedSilhouette.samples(Dataset.of(big), two), 0.0);
    assertTrue(SimplifiedSilhouette.score(Dataset.of(big), two) > 0.5);
  }

  @Test
  void badInput() {
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {5}, {6}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimplifiedSilhouette.score(data, new int[] {0, 0, 0, 0}));
    assertEquals("simplified silhouette needs at least 2 clusters, got 1 (noise policy IGNORE, 0 noise rows)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SimplifiedSilhouette.score(data, new int[] {-1, -1, -1, -1}));
    assertTrue(e.getMessage().startsWith("simplified silhouette needs at least 2 clusters, got none"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SimplifiedSilhouette.score(data, new int[] {0, 1}));
    assertEquals("labels must have one entry per row of data (4), got 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SimplifiedSilhouette.score(data, new int[] {0, 1, -2, 1}));
    assertEquals("labels must be >= -1 (-1 = noise), got -2 at row 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SimplifiedSilhouette.score(null, new int[] {0}));
    assertEquals("data must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SimplifiedSilhouette.defaults().parallelism(0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SimplifiedSilhouette.defaults().metric(null));
    assertEquals("metric must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SimplifiedSilhouette.defaults().noise(null));
    assertEquals("noise policy must not be null", e.getMessage());
  }

  @Test
  void interruptStopsTheEvaluation() {
    double[][] x = Fixtures.points(3, 5000, 2, 3, false);
    int[] labels = Fixtures.labels(3, 5000, 3, 0);
    Dataset data = Dataset.of(x);
    for (int threads = 1; threads <= 2; threads++) {
      SimplifiedSilhouette s = SimplifiedSilhouette.defaults().parallelism(threads);
      Thread.currentThread().interrupt();
      try {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.evaluate(data, labels));
        assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
      } finally {
        Thread.interrupted();
      }
    }
  }
}
