package io.github.clusterkit.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case written by {@code tools/hdbscan_reference.py} (numpy 1.24.2, SciPy 1.10.1; a brute-force HDBSCAN* from
 * the definitions: core distances by sorting every row's distances, the hierarchy by the connected components of
 * the thresholded mutual reachability graph at every distinct weight for small sets, by the script's own Kruskal over
 * all pairs for the larger ones, n-ary splits): labels exactly, core distances exactly (the same sums of squares in
 * the same order, then one square root), probabilities and outlier scores within 1e-15 (the same quotients of
 * lambdas, which the script may round differently in its last bit; the largest cases store labels only), and the
 * selected clusters' stabilities within 1e-12 relative (sums added in another order; the closest EOM decision of any
 * case is 0.7% apart, cases.csv's eom_margin). Cases read {@code benchmark/} and {@code elki/} files from the shared
 * data, the others the script's generated rows (integer lattices full of ties, duplicate groups at lambda infinity,
 * blobs, a chain, the two EOM outcomes).
 */
class HdbscanReferenceTest {

  private static final String DIR = "/fixtures/hdbscan/";

  static Stream<Arguments> cases() throws IOException {
    return index("cases.csv", 60);
  }

  /**
   * The cases of {@code tools/hdbscan_options_reference.py} (the same brute force with scikit-learn's
   * {@code allow_single_cluster} and {@code cluster_selection_epsilon}, stated in {@link Hdbscan}'s Javadoc; checked
   * there against scikit-learn 1.6.1's rules on its own trees, 112 of 112 cases label for label).
   */
  static Stream<Arguments> optionCases() throws IOException {
    return index("options-cases.csv", 40);
  }

  private static Stream<Arguments> index(String file, int atLeast) throws IOException {
    List<String> lines = read(file);
    List<Arguments> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#") || line.startsWith("id,")) {
        continue;
      }
      out.add(Arguments.of(line.split(",", -1)[0], line));
    }
    assertTrue(out.size() >= atLeast, "cases: " + out.size());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheBruteForceReference(String id, String line) throws IOException {
    String[] f = line.split(",", -1);
    check(id, f, f[8], f[9], Hdbscan.minClusterSize(Integer.parseInt(f[3])), id + ".csv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionCases")
  void matchesTheBruteForceReferenceWithOptions(String id, String line) throws IOException {
    String[] f = line.split(",", -1);
    // id,data,metric,min_cluster_size,min_samples,selection,allow_single_cluster,cluster_selection_epsilon,clusters,
    // noise,core_file,stabilities,...
    Hdbscan start = Hdbscan.minClusterSize(Integer.parseInt(f[3]))
        .allowSingleCluster(Boolean.parseBoolean(f[6])).clusterSelectionEpsilon(Double.parseDouble(f[7]));
    String[] g = {f[0], f[1], f[2], f[3], f[4], f[5], f[8], f[9]};
    check(id, g, f[10], f[11], start, "options-" + id + ".csv");
  }

  private static void check(String id, String[] f, String coreFile, String stabilityField, Hdbscan start,
      String expectedFile) throws IOException {
    String source = f[1];
    Metric metric = metric(f[2]);
    int m = Integer.parseInt(f[3]);
    int k = Integer.parseInt(f[4]);
    Hdbscan.Selection selection = Hdbscan.Selection.valueOf(f[5]);
    int clusters = Integer.parseInt(f[6]);
    int noise = Integer.parseInt(f[7]);
    double[][] x = data(source);
    Hdbscan config = start.minSamples(k).metric(metric).selection(selection);
    HdbscanModel model = config.fit(Dataset.of(x));

    List<String> expected = read(expectedFile);
    int n = x.length;
    assertEquals(n, expected.size() - 1, "rows");
    int[] labels = new int[n];
    double[] prob = new double[n];
    double[] score = new double[n];
    boolean full = expected.get(0).startsWith("label,probability"); // the largest cases hold labels only
    for (int i = 0; i < n; i++) {
      String[] v = expected.get(i + 1).split(",");
      labels[i] = Integer.parseInt(v[0]);
      if (full) {
        prob[i] = Double.parseDouble(v[1]);
        score[i] = Double.parseDouble(v[2]);
      }
    }
    assertEquals(clusters, model.clusterCount(), "clusters");
    assertEquals(noise, model.noiseCount(), "noise");
    assertArrayEquals(labels, model.labels(), "labels");
    if (full) {
      assertArrayEquals(prob, model.probabilities(), 1e-15, "probabilities");
      assertArrayEquals(score, model.outlierScores(), 1e-15, "outlier scores");
    }
    if (!coreFile.equals("NA")) {
      List<String> core = read(coreFile);
      double[] coreExpected = new double[n];
      for (int i = 0; i < n; i++) {
        coreExpected[i] = Double.parseDouble(core.get(i + 1));
      }
      assertArrayEquals(coreExpected, model.coreDistances(), 0.0, "core distances");
    }

    double[] stab = stabilities(stabilityField);
    double[] got = internalStabilities(model);
    Arrays.sort(stab);
    Arrays.sort(got);
    assertEquals(stab.length, got.length, "selected clusters");
    for (int i = 0; i < stab.length; i++) {
      if (Double.isInfinite(stab[i])) {
        assertEquals(stab[i], got[i], 0.0, "stability " + i);
      } else {
        assertEquals(stab[i], got[i], 1e-12 * Math.abs(stab[i]), "stability " + i);
      }
    }
  }

  /** The selected clusters' stabilities, from the internal tree a fit of the same settings builds. */
  private static double[] internalStabilities(HdbscanModel model) {
    return model.internalTree().stabilities.clone();
  }

  private static double[] stabilities(String field) {
    if (field.isEmpty()) {
      return new double[0];
    }
    String[] v = field.split(";");
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.parseDouble(v[i]);
    }
    return out;
  }

  private static Metric metric(String name) {
    switch (name) {
      case "euclidean":
        return Metric.EUCLIDEAN;
      case "manhattan":
        return Metric.MANHATTAN;
      case "chebyshev":
        return Metric.CHEBYSHEV;
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private static double[][] data(String source) throws IOException {
    if (source.startsWith("benchmark/")) {
      return SharedData.benchmark(source.substring("benchmark/".length())).x;
    }
    if (source.startsWith("elki/")) {
      return SharedData.elki(source.substring("elki/".length()), 2).x;
    }
    List<String> lines = read(source);
    double[][] x = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] v = lines.get(i).split(",");
      x[i - 1] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        x[i - 1][j] = Double.parseDouble(v[j]);
      }
    }
    return x;
  }

  private static List<String> read(String name) throws IOException {
    try (InputStream in = HdbscanReferenceTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + DIR + name);
      }
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isEmpty()) {
          out.add(l);
        }
      }
      return out;
    }
  }
}
