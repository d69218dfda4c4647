package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scikit-learn 1.2.1 on every labelled set of the shared {@code benchmark/} folder: the fixture
 * {@code fixtures/eval/sklearn_benchmark.csv} was written by {@code tools/eval_reference.py} (see its header
 * for the exact calls). Internal indices use the ground truth with noise rows dropped by scikit-learn; here
 * the full file is scored with {@link NoisePolicy#IGNORE}, which must give the same figures. External
 * measures compare the truth with the deterministic perturbation {@link #perturb(int[])}, recomputed here as
 * in the script. Tolerance: 1e-12 relative; the largest error measured on the 32 sets (2026-11-27) is 1.3e-13
 * (Davies-Bouldin) and 8.5e-14 (AMI, whose expected mutual information cancels log-gamma values); the silhouette
 * agrees exactly on 18 of the 32 sets and within 1.9e-14 on the others.
 */
class ScikitLearnBenchmarkTest {

  private static final double REL = 1e-12;

  static Stream<String[]> fixture() {
    InputStream in = ScikitLearnBenchmarkTest.class.getResourceAsStream("/fixtures/eval/sklearn_benchmark.csv");
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header == null) {
          header = line;
          continue;
        }
        rows.add(line.split(","));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows.stream();
  }

  /** pred[i] = (c[i] + (i % 7 == 0 ? 1 : 0)) % k, c = rank of truth[i] among the distinct labels. */
  static int[] perturb(int[] truth) {
    int[] distinct = Arrays.stream(truth).distinct().sorted().toArray();
    int k = distinct.length;
    int[] pred = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      int c = Arrays.binarySearch(distinct, truth[i]);
      pred[i] = (c + (i % 7 == 0 ? 1 : 0)) % k;
    }
    return pred;
  }

  private static void close(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= REL * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual + " (relative error "
            + Math.abs(expected - actual) / Math.abs(expected) + ")");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixture")
  void matchesScikitLearn(String file, String n, String k, String silhouette, String daviesBouldin,
      String calinskiHarabasz, String ari, String nmi, String ami, String homogeneity, String completeness,
      String vMeasure, String fowlkesMallows) {
    SharedData.Labelled set = SharedData.benchmark(file);
    Dataset data = Dataset.of(set.x);
    int[] labels = set.labels;
    int kept = 0;
    for (int l : labels) {
      kept += l != -1 ? 1 : 0;
    }
    assertEquals(Integer.parseInt(n), kept, "rows after dropping noise");
    // birch1 (100,000 points) takes most of the silhouette time; two threads give the same result.
    int threads = kept > 20_000 ? 2 : 1;
    close(Double.parseDouble(silhouette),
        Silhouette.exact().parallelism(threads).evaluate(data, labels).score(), "silhouette");
    close(Double.parseDouble(daviesBouldin), DaviesBouldin.score(data, labels), "Davies-Bouldin");
    close(Double.parseDouble(calinskiHarabasz), CalinskiHarabasz.score(data, labels), "Calinski-Harabasz");

    int[] truth = new int[kept];
    for (int i = 0, q = 0; i < labels.length; i++) {
      if (labels[i] != -1) {
        truth[q++] = labels[i];
      }
    }
    int[] pred = perturb(truth);
    ContingencyTable t = ContingencyTable.of(truth, pred);
    assertEquals(Integer.parseInt(k), t.classLabels().length, "classes");
    close(Double.parseDouble(ari), AdjustedRandIndex.score(truth, pred), "ARI");
    close(Double.parseDouble(nmi), NormalizedMutualInformation.score(truth, pred), "NMI");
    close(Double.parseDouble(ami), AdjustedMutualInformation.score(truth, pred), "AMI");
    close(Double.parseDouble(homogeneity), t.homogeneity(), "homogeneity");
    close(Double.parseDouble(completeness), t.completeness(), "completeness");
    close(Double.parseDouble(vMeasure), t.vMeasure(), "V-measure");
    close(Double.parseDouble(fowlkesMallows), t.fowlkesMallows(), "Fowlkes-Mallows");
  }
}
