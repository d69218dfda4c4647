package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Dbscan.LabelRule#SCIKIT_LEARN} against scikit-learn 1.2.1, label for label (not only the partition): every
 * run of the fixtures that {@link DbscanReferenceTest} reads ({@code tools/dbscan_reference.py}: 15 shared benchmark
 * sets and 5 generated ones, 52 runs of three metrics, {@code algorithm='kd_tree'}), and the fixtures of
 * {@code tools/dbscan_sklearn_labels_reference.py}: Mall Customers' income and spending score (6 runs) and two
 * hand-made sets of rows within eps of core rows of two or three clusters (12 runs; the script prints, per run, how
 * many labels differ from the default rule's: 7 to 34 of Mall's 200, 13 to 47 of a hand-made run's 25 or 53, 4848
 * over the 52 earlier runs). That script also checks that the
 * labels of the first fixtures are scikit-learn's whatever its neighbour search, and that they follow the rule
 * {@link DbscanOracle#scikitLearnLabels} states, which this test checks too on the sets of up to 2500 rows. Every
 * search, 1 to 3 threads, and {@code predict} of the training rows give the same labels.
 */
class DbscanSklearnLabelsTest {

  private static final int ORACLE_MAX_N = 2500;
  /** The fixtures of tools/dbscan_sklearn_labels_reference.py: name, and whether the coordinates are in the file. */
  private static final String[][] SKLEARN = {
    {"sklearn-mall", "shared"}, {"sklearn-borders-1d", "points"}, {"sklearn-borders-2d", "points"}
  };

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    List<String[]> sets = new ArrayList<>();
    for (String b : DbscanReferenceTest.BENCHMARK) {
      sets.add(new String[] {b, "benchmark"});
    }
    for (String g : DbscanReferenceTest.GENERATED) {
      sets.add(new String[] {g, "points"});
    }
    for (String[] s : SKLEARN) {
      sets.add(s);
    }
    for (String[] s : sets) {
      DbscanReferenceTest.Fixture f = DbscanReferenceTest.read(s[0], s[1].equals("points"));
      for (int r = 0; r < f.runs.size(); r++) {
        out.add(Arguments.of(s[0], s[1], r, f.runs.get(r)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("runs")
  void labelsAreScikitLearns(String name, String source, int run, String spec) {
    DbscanReferenceTest.Fixture f = DbscanReferenceTest.read(name, source.equals("points"));
    double[][] x;
    if (source.equals("points")) {
      x = f.points.toArray(new double[0][]);
    } else if (source.equals("shared")) {
      x = SharedData.mallIncomeAndScore();
    } else {
      x = SharedData.benchmark(name + ".csv").x;
    }
    int n = x.length;
    assertEquals(f.values.size(), n, "fixture rows");
    String[] s = spec.split(":");
    Metric metric = Metric.valueOf(s[0].toUpperCase(Locale.ROOT));
    double eps = Double.parseDouble(s[1]);
    int minPts = Integer.parseInt(s[2]);
    int[] ref = new int[n];
    boolean[] refCore = new boolean[n];
    int refClusters = 0;
    for (int i = 0; i < n; i++) {
      String v = f.values.get(i)[run];
      refCore[i] = v.endsWith("*");
      ref[i] = Integer.parseInt(refCore[i] ? v.substring(0, v.length() - 1) : v);
      refClusters = Math.max(refClusters, ref[i] + 1);
    }

    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(eps).minPts(minPts).metric(metric).labelRule(Dbscan.LabelRule.SCIKIT_LEARN);
    DbscanModel model = config.fit(data);
    // scikit-learn 1.2.1 (fixture): DBSCAN(eps, min_samples=minPts, metric).fit(X).labels_ and core_sample_indices_
    assertArrayEquals(ref, model.labels(), "labels");
    assertArrayEquals(refCore, model.coreMask(), "core mask");
    assertEquals(refClusters, model.clusterCount(), "cluster count");
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, model.labelRule());
    // predicting the training rows follows the same rule
    assertArrayEquals(ref, model.predict(data), "predict of the training rows");
    for (Dbscan.Search search : Dbscan.Search.values()) {
      if (search == Dbscan.Search.BRUTE_FORCE && n > ORACLE_MAX_N) {
        continue;
      }
      for (int threads = 1; threads <= 3; threads += 2) {
        DbscanModel other = config.search(search).parallelism(threads).fit(data);
        assertArrayEquals(ref, other.labels(), "labels with " + search + " (" + other.search() + "), " + threads
            + " threads");
      }
    }
    if (n <= ORACLE_MAX_N) {
      // the rule from its definition, by brute force
      assertArrayEquals(DbscanOracle.scikitLearnLabels(x, metric, eps, minPts, false), ref, "brute-force rule");
    }
    // the default rule keeps its own labels: same core points, noise and core partition, exact by its oracle
    DbscanModel nearest = config.labelRule(Dbscan.LabelRule.NEAREST_CORE).fit(data);
    for (int i = 0; i < n; i++) {
      assertEquals(ref[i] < 0, nearest.labels()[i] < 0, "noise flag of row " + i);
    }
    DbscanOracle.assertSamePartition(ref, nearest.labels(), refCore, "core partition");
    assertTrue(nearest.clusterCount() == refClusters, "cluster count of the default rule");
    if (n <= ORACLE_MAX_N) {
      DbscanOracle.assertExact(x, metric, eps, minPts, false, nearest);
    }
  }
}
