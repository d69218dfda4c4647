package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.testutil.SharedData;
import io.github.clusterkit.neighbors.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Silhouette#metric(Metric)}: scikit-learn's {@code silhouette_score(X, labels, metric=...)} and
 * {@code silhouette_samples} with {@code 'manhattan'} (= {@code 'cityblock'} = {@code 'l1'}, which the script checks)
 * and {@code 'chebyshev'}, under the three noise policies (scikit-learn has none: the script gives it the rows without
 * {@code -1} for IGNORE, the labels as they are for MERGE, and a label of its own to every {@code -1} for SINGLETONS).
 *
 * <p>Expected values: scikit-learn 1.2.1 via {@code tools/silhouette_metrics_reference.py}, which for the small set
 * also prints the exact rational values (Python's {@code fractions}, from Rousseeuw's definition); the IGNORE values
 * of the small set are worked out by hand below as well. Tolerances: {@code 1e-15} absolute on the small set (each
 * distance is an integer), {@code 1e-12} relative on the shared data, as {@link ScikitLearnBenchmarkTest}. The
 * properties compare with a brute-force oracle written here from the definition, for every metric.
 */
class SilhouetteMetricTest {

  private static final double REL = 1e-12;

  /** Cluster 0: rows 0-2; cluster 1: rows 3-4; rows 5 and 6 labelled -1. */
  private static final double[][] SMALL = {{0, 0}, {1, 2}, {0, 3}, {4, 0}, {5, 3}, {2, 2}, {3, 1}};
  private static final int[] SMALL_LABELS = {0, 0, 0, 1, 1, -1, -1};

  /**
   * Manhattan, noise ignored, by hand. Distances: d01 = 3, d02 = 3, d12 = 2, d34 = 4; d03 = 4, d04 = 8, d13 = 5,
   * d14 = 5, d23 = 7, d24 = 5. Row 0: a = (3 + 3) / 2 = 3, b = (4 + 8) / 2 = 6, s = 1/2; row 1: a = 5/2, b = 5,
   * s = 1/2; row 2: a = 5/2, b = 6, s = 7/12; row 3: a = 4, b = (4 + 5 + 7) / 3 = 16/3, s = 1/4; row 4: a = 4,
   * b = 6, s = 1/3; mean 13/30. scikit-learn 1.2.1: 0.4333333333333334, samples 0.5, 0.5, 0.5833333333333334,
   * 0.24999999999999994, 0.3333333333333333 (the script's exact values: 13/30; 1/2, 1/2, 7/12, 1/4, 1/3).
   */
  @Test
  void manhattanOnTheSmallSetByHand() {
    SilhouetteResult r = Silhouette.exact().metric(Metric.MANHATTAN).evaluate(Dataset.of(SMALL), SMALL_LABELS);
    assertEquals(13.0 / 30, r.score(), 1e-15);
    assertArrayEquals(new double[] {1.0 / 2, 1.0 / 2, 7.0 / 12, 1.0 / 4, 1.0 / 3, Double.NaN, Double.NaN},
        r.samples(), 1e-15);
    assertEquals(0.4333333333333334, r.score(), 1e-15); // scikit-learn 1.2.1
  }

  /** The small set under every metric and policy: the script's exact fractions and scikit-learn's scores. */
  @Test
  void smallSetEveryMetricAndPolicy() {
    Dataset x = Dataset.of(SMALL);
    // Manhattan: MERGE exact 13/120, samples 1/4, -1/5, 3/8, -1/4, 0, 1/4, 1/3 (scikit-learn 0.10833333333333332);
    // SINGLETONS exact -41/420, samples 1/4, -3/5, 1/6, -1/2, 0, 0, 0 (scikit-learn -0.09761904761904762)
    check(x, Metric.MANHATTAN, NoisePolicy.MERGE, 13.0 / 120, 0.10833333333333332,
        new double[] {1.0 / 4, -1.0 / 5, 3.0 / 8, -1.0 / 4, 0, 1.0 / 4, 1.0 / 3});
    check(x, Metric.MANHATTAN, NoisePolicy.SINGLETONS, -41.0 / 420, -0.09761904761904762,
        new double[] {1.0 / 4, -3.0 / 5, 1.0 / 6, -1.0 / 2, 0, 0, 0});
    // Chebyshev: IGNORE exact 65/154, samples 4/9, 4/7, 5/9, 2/11, 5/14 (scikit-learn 0.4220779220779221);
    // MERGE 4/105, samples 0, 0, 1/5, -1/2, -1/6, 2/5, 1/3 (0.03809523809523809);
    // SINGLETONS -23/105, samples -1/5, -1/3, 0, -2/3, -1/3, 0, 0 (-0.21904761904761902)
    check(x, Metric.CHEBYSHEV, NoisePolicy.IGNORE, 65.0 / 154, 0.4220779220779221,
        new double[] {4.0 / 9, 4.0 / 7, 5.0 / 9, 2.0 / 11, 5.0 / 14, Double.NaN, Double.NaN});
    check(x, Metric.CHEBYSHEV, NoisePolicy.MERGE, 4.0 / 105, 0.03809523809523809,
        new double[] {0, 0, 1.0 / 5, -1.0 / 2, -1.0 / 6, 2.0 / 5, 1.0 / 3});
    check(x, Metric.CHEBYSHEV, NoisePolicy.SINGLETONS, -23.0 / 105, -0.21904761904761902,
        new double[] {-1.0 / 5, -1.0 / 3, 0, -2.0 / 3, -1.0 / 3, 0, 0});
    // Euclidean (the default, unchanged): scikit-learn 0.43333462568510067, 0.07266072793442883, -0.14615988896572318
    assertEquals(0.43333462568510067, Silhouette.score(x, SMALL_LABELS), 1e-15);
    assertEquals(0.07266072793442883, Silhouette.score(x, SMALL_LABELS, NoisePolicy.MERGE), 1e-15);
    assertEquals(-0.14615988896572318, Silhouette.score(x, SMALL_LABELS, NoisePolicy.SINGLETONS), 1e-15);
  }

  private static void check(Dataset x, Metric metric, NoisePolicy policy, double exact, double sklearn,
      double[] samples) {
    SilhouetteResult r = Silhouette.exact().metric(metric).noise(policy).evaluate(x, SMALL_LABELS);
    assertEquals(exact, r.score(), 1e-15, metric + " " + policy);
    assertEquals(sklearn, r.score(), 1e-15, metric + " " + policy);
    assertArrayEquals(samples, r.samples(), 1e-15, metric + " " + policy);
  }

  /**
   * Mall Customers' income and spending score, labelled by the script's rule (43 of 200 rows {@code -1}); the score
   * and the first three rows' silhouettes under each metric and policy (rows 0-2 are not {@code -1}).
   */
  @Test
  void mallCustomersEveryMetricAndPolicy() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    double[][] rows = new double[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      double income = Double.parseDouble(f[3]);
      double score = Double.parseDouble(f[4]);
      rows[i] = new double[] {income, score};
      int band = income <= 40 ? 0 : income <= 70 ? 1 : 2;
      labels[i] = score >= 45 && score <= 55 ? -1 : 2 * band + (score > 55 ? 1 : 0);
    }
    Dataset x = Dataset.of(rows);
    Map<String, double[]> expected = new TreeMap<>();
    // scikit-learn 1.2.1: silhouette_score, then silhouette_samples of rows 0, 1, 2
    expected.put("EUCLIDEAN IGNORE", new double[] {0.4097662469810989,
        0.41354858126457905, 0.6556484062923442, 0.5881547204391191});
    expected.put("EUCLIDEAN MERGE", new double[] {0.3087108688145215,
        0.3911355570363098, 0.6556484062923442, 0.5881547204391191});
    expected.put("EUCLIDEAN SINGLETONS", new double[] {0.09038973817068888,
        0.059562998695266114, 0.5464094424110181, 0.5113597364281003});
    expected.put("MANHATTAN IGNORE", new double[] {0.43619619018470823,
        0.3612817362817363, 0.6611934321185423, 0.6198928749377179});
    expected.put("MANHATTAN MERGE", new double[] {0.344823173373523,
        0.3612817362817363, 0.6611934321185423, 0.6198928749377179});
    expected.put("MANHATTAN SINGLETONS", new double[] {0.1116123915566223,
        0.07323232323232327, 0.5811051693404634, 0.5397435897435897});
    expected.put("CHEBYSHEV IGNORE", new double[] {0.37732791208587413,
        0.42205774853801165, 0.6527610320713768, 0.5390659583886676});
    expected.put("CHEBYSHEV MERGE", new double[] {0.27057683879553773,
        0.4088682263547291, 0.6320855614973262, 0.5390659583886676});
    expected.put("CHEBYSHEV SINGLETONS", new double[] {0.056948038170327245,
        0.08333333333333329, 0.4405594405594406, 0.47649572649572647});
    assertEquals(43, countNoise(labels)); // the script: "labelled -1 43"
    for (Metric metric : Metric.values()) {
      for (NoisePolicy policy : NoisePolicy.values()) {
        double[] e = expected.get(metric + " " + policy);
        SilhouetteResult r = Silhouette.exact().metric(metric).noise(policy).evaluate(x, labels);
        String what = metric + " " + policy;
        assertClose(e[0], r.score(), what);
        double[] s = r.samples();
        for (int i = 0; i < 3; i++) {
          assertClose(e[1 + i], s[i], what + " row " + i);
        }
        // on two threads, bit for bit
        assertEquals(r.score(), Silhouette.exact().metric(metric).noise(policy).parallelism(2)
            .evaluate(x, labels).score(), 0.0, what);
      }
    }
  }

  /** {@code benchmark/hdbscan.csv} with its labels (510 of 2309 rows {@code -1}), each metric and policy. */
  @Test
  void hdbscanBenchmarkEveryMetricAndPolicy() {
    SharedData.Labelled f = SharedData.benchmark("hdbscan.csv");
    Dataset x = Dataset.of(f.x);
    // scikit-learn 1.2.1: silhouette_score with metric = euclidean, manhattan, chebyshev; IGNORE, MERGE, SINGLETONS
    double[][] expected = {
        {0.44422382382099224, 0.22177029755927305, -0.33856360629148996},
        {0.44653186804339395, 0.2221531032596284, -0.34637322816526717},
        {0.43745806053901776, 0.21564012134453753, -0.3567661543717499}};
    Metric[] metrics = {Metric.EUCLIDEAN, Metric.MANHATTAN, Metric.CHEBYSHEV};
    NoisePolicy[] policies = {NoisePolicy.IGNORE, NoisePolicy.MERGE, NoisePolicy.SINGLETONS};
    for (int m = 0; m < 3; m++) {
      for (int p = 0; p < 3; p++) {
        double s = Silhouette.exact().metric(metrics[m]).noise(policies[p]).parallelism(2).evaluate(x, f.labels)
            .score();
        assertClose(expected[m][p], s, metrics[m] + " " + policies[p]);
      }
    }
  }

  @Test
  void theMetricIsASettingOfItsOwn() {
    Silhouette s = Silhouette.sampled(50, 3).noise(NoisePolicy.MERGE).parallelism(2).metric(Metric.CHEBYSHEV);
    assertEquals(Metric.CHEBYSHEV, s.metric());
    assertEquals(NoisePolicy.MERGE, s.noise());
    assertEquals(2, s.parallelism());
    assertEquals(50, s.sampleSize());
    assertEquals(3L, s.seed());
    assertEquals("Silhouette[sampled 50, seed 3, metric=CHEBYSHEV, noise=MERGE, parallelism=2]", s.toString());
    assertEquals(Metric.CHEBYSHEV, s.noise(NoisePolicy.IGNORE).parallelism(1).metric());
    assertEquals(Silhouette.exact(), Silhouette.exact().metric(Metric.MANHATTAN).metric(Metric.EUCLIDEAN));
    assertNotEquals(Silhouette.exact(), Silhouette.exact().metric(Metric.MANHATTAN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Silhouette.exact().metric(null));
    assertEquals("metric must not be null", e.getMessage());
  }

  /** The exact silhouette under each metric equals the definition, per row, in [-1, 1]; and on 3 threads. */
  @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
  void everyMetricMatchesTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @IntRange(min = 0, max = 40) int noisePercent, @ForAll boolean duplicates,
      @ForAll NoisePolicy policy, @ForAll Metric metric) {
    double[][] x = Fixtures.points(seed, n, d, k, duplicates);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(Fixtures.clusters(labels, policy) >= 2);
    SilhouetteResult r = Silhouette.exact().metric(metric).noise(policy).evaluate(Dataset.of(x), labels);
    double[] expected = oracle(x, labels, policy, metric);
    double[] actual = r.samples();
    double sum = 0;
    int scored = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(expected[i])) {
        assertTrue(Double.isNaN(actual[i]), "row " + i + " must not be scored");
      } else {
        assertEquals(expected[i], actual[i], 1e-12, "row " + i);
        assertTrue(actual[i] >= -1 && actual[i] <= 1, "silhouette in [-1, 1]");
        sum += expected[i];
        scored++;
      }
    }
    assertEquals(sum / scored, r.score(), 1e-12);
    assertTrue(r.score() >= -1 && r.score() <= 1);
    SilhouetteResult three = Silhouette.exact().metric(metric).noise(policy).parallelism(3)
        .evaluate(Dataset.of(x), labels);
    assertArrayEquals(actual, three.samples(), 0.0);
  }

  /**
   * The sampled silhouette under each metric is the definition applied to its sample (the rows it scored) alone,
   * in [-1, 1], the same on 2 threads.
   */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void sampledUnderEveryMetricIsTheDefinitionOnTheSample(@ForAll long seed,
      @ForAll @IntRange(min = 10, max = 200) int n, @ForAll @IntRange(min = 2, max = 4) int k,
      @ForAll @IntRange(min = 2, max = 40) int size, @ForAll NoisePolicy policy, @ForAll Metric metric) {
    double[][] x = Fixtures.points(seed, n, 3, k, false);
    int[] labels = Fixtures.labels(seed, n, k, 10);
    Silhouette config = Silhouette.sampled(size, seed).noise(policy).metric(metric);
    SilhouetteResult r;
    try {
      r = config.evaluate(Dataset.of(x), labels);
    } catch (IllegalArgumentException oneClusterInSample) {
      Assume.that(false);
      return;
    }
    double[] s = r.samples();
    int m = r.scoredCount();
    double[][] sub = new double[m][];
    int[] subLabels = new int[m];
    int[] rowOf = new int[m];
    for (int i = 0, q = 0; i < n; i++) {
      if (!Double.isNaN(s[i])) {
        sub[q] = x[i];
        subLabels[q] = labels[i];
        rowOf[q++] = i;
      }
    }
    // the sample as the policy left it: under IGNORE it holds no -1, under the others a -1 is as in the full data
    double[] expected = oracle(sub, subLabels, policy, metric);
    for (int q = 0; q < m; q++) {
      assertEquals(expected[q], s[rowOf[q]], 1e-12, "row " + rowOf[q]);
      assertTrue(s[rowOf[q]] >= -1 && s[rowOf[q]] <= 1);
    }
    assertEquals(r.score(), config.parallelism(2).evaluate(Dataset.of(x), labels).score(), 0.0);
  }

  /** Data times a power of two (far beyond the scaling limit) gives the same values bit for bit, every metric. */
  @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
  void powersOfTwoDoNotChangeTheValues(@ForAll long seed, @ForAll @IntRange(min = 4, max = 60) int n,
      @ForAll @IntRange(min = -900, max = 900) int exponent, @ForAll Metric metric) {
    double[][] x = Fixtures.points(seed, n, 3, 3, false);
    int[] labels = Fixtures.labels(seed, n, 3, 0);
    Assume.that(Fixtures.clusters(labels, NoisePolicy.IGNORE) >= 2);
    double[][] scaled = new double[n][3];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < 3; t++) {
        scaled[i][t] = Math.scalb(x[i][t], exponent);
      }
    }
    // stay where every coordinate keeps its bits (normal numbers) after the scaling
    for (double[] row : scaled) {
      for (double v : row) {
        Assume.that(v == 0 || Math.abs(v) >= Double.MIN_NORMAL && Double.isFinite(v));
      }
    }
    Silhouette s = Silhouette.exact().metric(metric);
    assertArrayEquals(s.evaluate(Dataset.of(x), labels).samples(), s.evaluate(Dataset.of(scaled), labels).samples(),
        0.0);
  }

  /** Rousseeuw's definition, every pair, with the metric's distance written out. NaN for rows left out. */
  private static double[] oracle(double[][] x, int[] labels, NoisePolicy policy, Metric metric) {
    return BruteForce.silhouette(x, labels, policy, (p, q) -> distance(p, q, metric));
  }

  private static double distance(double[] p, double[] q, Metric metric) {
    double s = 0;
    for (int t = 0; t < p.length; t++) {
      double gap = Math.abs(p[t] - q[t]);
      switch (metric) {
        case EUCLIDEAN:
          s += gap * gap;
          break;
        case MANHATTAN:
          s += gap;
          break;
        case CHEBYSHEV:
          s = Math.max(s, gap);
          break;
        default:
          throw new AssertionError(metric);
      }
    }
    return metric == Metric.EUCLIDEAN ? Math.sqrt(s) : s;
  }

  private static int countNoise(int[] labels) {
    int c = 0;
    for (int l : labels) {
      c += l == -1 ? 1 : 0;
    }
    return c;
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, REL * Math.abs(expected), what);
  }
}
