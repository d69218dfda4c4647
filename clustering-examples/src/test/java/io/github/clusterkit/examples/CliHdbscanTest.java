package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.Dbcv;
import io.github.clusterkit.examples.segment.CustomerData;
import io.github.clusterkit.examples.segment.ModelBundle;
import io.github.clusterkit.examples.segment.Outputs;
import io.github.clusterkit.examples.segment.Preprocessing;
import io.github.clusterkit.examples.segment.Segmenter;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --algorithm hdbscan} and {@code predict} with its model file. The expected labels, membership
 * probabilities and GLOSH scores come from an independent fit: the library's {@link Hdbscan} with the documented
 * defaults (min cluster size 1% of the customers, at least 5; minSamples equal to it) on the preprocessing rebuilt
 * here from its parts ({@link Preprocessing#pipeline} for the generated table; a column selection and standard
 * scaling for the Mall file, whose two columns are not skewed and have no missing cell), compared with what the
 * command wrote, number for number.
 */
class CliHdbscanTest {

  static final String INCOME = "Annual Income (k$)";
  static final String SCORE = "Spending Score (1-100)";

  /** The generated customers preprocessed as segment does (impute, one-hot, log of the skewed columns, scale). */
  static Dataset generatedScaled() {
    Table t = CustomerData.generate().drop("customer_id");
    PipelineModel p = Preprocessing.pipeline(t, Preprocessing.skewedColumns(t)).fit(t);
    return p.transform(t);
  }

  /** The report's quality line (without its line end). */
  static String qualityLine(String out) {
    return out.lines().filter(l -> l.startsWith("quality: ")).findFirst().orElseThrow();
  }

  /**
   * The end of a density segmentation's quality line: the library's DBCV, noise counting against it (its default
   * policy), on the data and labels given, printed with four decimals.
   */
  static String dbcvEnd(Dataset x, int[] labels) {
    return String.format(Locale.ROOT, " (noise left out), DBCV %.4f (noise counts against it)", Dbcv.score(x, labels));
  }

  static void assertEndsWith(String end, String line) {
    assertTrue(line.endsWith(end), "expected the line to end with <" + end + ">: " + line);
  }

  /** The rows of labels.csv after its header, split at commas (a quoted segment name may hold some). */
  private static String[][] rows(Path labels) throws IOException {
    List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
    String[][] out = new String[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      out[i - 1] = lines.get(i).split(",");
    }
    return out;
  }

  /** labels.csv against the oracle model: label, noise flag, probability and GLOSH score of every customer, exactly. */
  private static void assertLabelsFile(Path labels, HdbscanModel oracle) throws IOException {
    String[][] r = rows(labels);
    int[] l = oracle.labels();
    double[] p = oracle.probabilities();
    double[] g = oracle.outlierScores();
    assertEquals(l.length, r.length);
    for (int i = 0; i < r.length; i++) {
      int m = r[i].length;
      assertEquals(l[i], Integer.parseInt(r[i][1]), "row " + i);
      assertEquals(Boolean.toString(l[i] < 0), r[i][m - 3], "noise and only noise is an outlier, row " + i);
      assertEquals(p[i], Double.parseDouble(r[i][m - 2]), 0.0, "probability of row " + i);
      assertEquals(g[i], Double.parseDouble(r[i][m - 1]), 0.0, "outlier score of row " + i);
    }
  }

  @Test
  void segmentsTheGeneratedCustomersAsTheLibraryDoes(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.of("segment", "--algorithm", "hdbscan", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    // 1,000 customers: the default min cluster size is max(5, 1000 / 100) = 10
    HdbscanModel oracle = Hdbscan.minClusterSize(10).fit(generatedScaled());
    assertEquals(10, oracle.clusterCount());
    assertEquals(110, oracle.noiseCount());
    assertTrue(r.out.contains("HDBSCAN*, min cluster size = 10 (1% of the customers, at least 5), minSamples = 10"
        + " (the min cluster size), excess of mass: 10 segments, 110 noise\n"), r.out);
    assertTrue(r.out.contains("outliers: 110 (HDBSCAN noise, highest GLOSH outlier score first)"), r.out);
    assertEndsWith(dbcvEnd(generatedScaled(), oracle.labels()), qualityLine(r.out));
    assertTrue(r.out.contains("  noise Outliers (noise)  "), r.out);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    assertEquals("customer_id,segment,segment_name,outlier,probability,outlier_score", labels.get(0));
    assertLabelsFile(dir.resolve("labels.csv"), oracle);
    // the profile has the segments' sizes, and the noise as its own group (-1), as for DBSCAN
    List<String> profile = Files.readAllLines(dir.resolve("profile.csv"));
    for (int c = 0; c < oracle.clusterCount(); c++) {
      String prefix = c + ",";
      int size = oracle.clusterSize(c);
      assertTrue(profile.stream().anyMatch(l -> l.startsWith(prefix) && l.contains("," + size + ",")),
          "segment " + c + " of " + size + " customers");
    }
    assertTrue(profile.stream().anyMatch(l -> l.startsWith("-1,Outliers (noise),110,")), profile.get(1));
    // the k-distance chart shows the core distances (k = minSamples)
    io.github.clusterkit.examples.segment.Segmentation s = Segmenter.defaults()
        .algorithm(Segmenter.Algorithm.HDBSCAN).run(CustomerData.generate(), null);
    assertEquals(oracle, s.model());
    assertEquals("Sorted 10-distance curve (HDBSCAN's core distances, minSamples = 10; DBSCAN's eps at the knee)",
        io.github.clusterkit.examples.segment.Charts.kDistance(s).getTitle());
    assertArrayEquals(sorted(oracle.coreDistances()), s.kDistance().sortedDistances(), 0.0);
    // the listed outliers come highest GLOSH score first: the first one listed has the highest score of the noise
    double[] g = oracle.outlierScores();
    int[] l = oracle.labels();
    int top = -1;
    for (int i = 0; i < l.length; i++) {
      if (l[i] < 0 && (top < 0 || g[i] > g[top])) {
        top = i;
      }
    }
    String firstListed = r.out.split("outliers: 110 \\(HDBSCAN noise, highest GLOSH outlier score first\\)\n")[1]
        .split("\n")[0];
    assertTrue(firstListed.startsWith("  " + String.format(Locale.ROOT, "C%04d", top + 1)), firstListed);
  }

  private static double[] sorted(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c;
  }

  @Test
  void mallCustomersIncomeAndScore(@TempDir Path dir) throws IOException {
    Path mall = SharedData.file("Mall_Customers.csv");
    CliRun r = CliRun.of("segment", mall.toString(), "--algorithm", "hdbscan", "--columns", INCOME + "," + SCORE,
        "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    Table t = Csv.read(mall);
    Dataset x = Pipeline.of(ColumnSelector.keep(INCOME, SCORE), new StandardScaler()).fit(t).transform(t);
    // 200 customers: max(5, 200 / 100) = 5
    HdbscanModel oracle = Hdbscan.minClusterSize(5).fit(x);
    assertEquals(6, oracle.clusterCount());
    assertEquals(30, oracle.noiseCount());
    assertTrue(r.out.contains("excess of mass: 6 segments, 30 noise"), r.out);
    assertEndsWith(dbcvEnd(x, oracle.labels()), qualityLine(r.out));
    assertLabelsFile(dir.resolve("labels.csv"), oracle);
    // the classic corner groups are segments of their own
    assertTrue(r.out.contains("High Annual Income, High Spending Score"), r.out);
    assertTrue(r.out.contains("High Annual Income, Low Spending Score"), r.out);
    assertTrue(r.out.contains("Low Annual Income, High Spending Score"), r.out);
    // given settings are reported as asked
    CliRun asked = CliRun.of("segment", mall.toString(), "--algorithm", "hdbscan", "--columns", INCOME + "," + SCORE,
        "--min-cluster-size", "15", "--min-samples", "3", "--out", dir.resolve("b").toString());
    assertEquals(0, asked.exit, asked.toString());
    HdbscanModel oracle2 = Hdbscan.minClusterSize(15).minSamples(3).fit(x);
    assertTrue(asked.out.contains("HDBSCAN*, min cluster size = 15 (as asked), minSamples = 3 (as asked), excess of"
        + " mass: " + oracle2.clusterCount() + " segments, " + oracle2.noiseCount() + " noise\n"), asked.out);
    assertLabelsFile(dir.resolve("b/labels.csv"), oracle2);
  }

  /**
   * predict with the saved model places each customer where it would join the fitted hierarchy
   * ({@link HdbscanModel#membership}): the model in the file equals the one fitted, and predict's columns are its
   * label, noise flag, probability and outlier score (4 decimals), in the same JVM and in a fresh one.
   */
  @Test
  void predictWithTheSavedModel(@TempDir Path dir) throws Exception {
    Path mall = SharedData.file("Mall_Customers.csv");
    Path out = dir.resolve("seg");
    CliRun r = CliRun.of("segment", mall.toString(), "--algorithm", "hdbscan", "--columns", INCOME + "," + SCORE,
        "--out", out.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("assign new customers: java -jar clusterkit-cli.jar predict "), r.out);
    Path customers = dir.resolve("new.csv");
    Files.writeString(customers, "CustomerID,Gender,Age," + INCOME + "," + SCORE + "\n"
        + "N1,Female,30,88,85\n" // inside the high income, high score group
        + "N2,Male,40,20,80\n" // low income, high score
        + "N3,Male,50,300,-200\n"); // far from every customer
    Path model = out.resolve("model.json");
    CliRun p = CliRun.of("predict", model.toString(), customers.toString());
    assertEquals(0, p.exit, p.toString());
    assertEquals("", p.err);
    ModelBundle bundle = ModelBundle.load(model);
    HdbscanModel loaded = (HdbscanModel) bundle.model();
    Table t = Csv.read(mall);
    HdbscanModel oracle = Hdbscan.minClusterSize(5)
        .fit(Pipeline.of(ColumnSelector.keep(INCOME, SCORE), new StandardScaler()).fit(t).transform(t));
    assertEquals(oracle, loaded);
    Dataset q = bundle.pipeline().transform(Csv.read(customers));
    StringBuilder expected = new StringBuilder("CustomerID,segment,segment_name,outlier,probability,outlier_score\n");
    String[] ids = {"N1", "N2", "N3"};
    for (int i = 0; i < 3; i++) {
      HdbscanModel.Membership m = oracle.membership(q.row(i));
      expected.append(ids[i]).append(',').append(m.label()).append(',')
          .append(Outputs.csv(m.label() < 0 ? "Outliers (noise)" : bundle.segments().get(m.label()))).append(',')
          .append(m.label() < 0).append(String.format(Locale.ROOT, ",%.4f,%.4f%n", m.probability(),
              m.outlierScore()));
    }
    assertEquals(expected.toString(), p.out);
    String[] lines = p.out.split("\n");
    assertTrue(lines[1].contains("High Annual Income, High Spending Score"), p.out);
    assertTrue(lines[2].contains("Low Annual Income, High Spending Score"), p.out);
    assertTrue(lines[3].startsWith("N3,-1,Outliers (noise),true,0.0000,"), p.out);
    // a fresh JVM reads the file and answers the same
    Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Cli.class.getName(), "predict", model.toString(), customers.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] fresh = proc.getInputStream().readAllBytes();
    assertEquals(0, proc.waitFor());
    assertEquals(p.out, new String(fresh, StandardCharsets.UTF_8));
  }

  /** Options of other algorithms are refused with hdbscan, and hdbscan's with the others, naming both. */
  @Test
  void optionsThatDoNotApplyAreRefused() {
    assertError("--k does not apply to --algorithm hdbscan (it finds the number of segments itself; use"
        + " --min-cluster-size and --min-samples)", "--algorithm", "hdbscan", "--k", "3");
    assertError("--outlier-share does not apply to --algorithm hdbscan (its outliers are its noise, the customers in"
        + " no segment of at least --min-cluster-size: --min-cluster-size and --min-samples set them)",
        "--algorithm", "hdbscan", "--outlier-share", "0.01");
    assertError("--eps does not apply to --algorithm hdbscan (--eps and --min-pts apply to dbscan only; hdbscan"
        + " considers every radius and takes --min-cluster-size and --min-samples)", "--algorithm", "hdbscan",
        "--eps", "0.5");
    assertError("--min-pts does not apply to --algorithm hdbscan (--eps and --min-pts apply to dbscan only; hdbscan"
        + " considers every radius and takes --min-cluster-size and --min-samples)", "--algorithm", "hdbscan",
        "--min-pts", "5");
    assertError("--min-cluster-size does not apply to --algorithm kmeans (--min-cluster-size and --min-samples apply"
        + " to hdbscan only; kmeans takes --k, or the best k of the sweep)", "--min-cluster-size", "5");
    assertError("--min-samples does not apply to --algorithm gmm (--min-cluster-size and --min-samples apply to"
        + " hdbscan only; gmm takes --k, or the best k of the sweep)", "--algorithm", "gmm", "--min-samples", "5");
    assertError("--min-cluster-size does not apply to --algorithm dbscan (--min-cluster-size and --min-samples apply"
        + " to hdbscan only; dbscan takes --eps and --min-pts)", "--algorithm", "dbscan", "--min-cluster-size", "5");
    assertError("--min-samples does not apply to --algorithm dbscan (--min-cluster-size and --min-samples apply to"
        + " hdbscan only; dbscan takes --eps and --min-pts)", "--algorithm", "dbscan", "--min-samples", "5");
  }

  @Test
  void valuesOutOfRangeAreRefusedNamingTheOption() {
    assertError("--min-cluster-size must be >= 2, got 1", "--algorithm", "hdbscan", "--min-cluster-size", "1");
    assertError("--min-samples must be >= 1, got 0", "--algorithm", "hdbscan", "--min-samples", "0");
    // the generated table has 1,000 customers
    assertError("--min-cluster-size must be at most the number of customers (1000), got 1001", "--algorithm",
        "hdbscan", "--min-cluster-size", "1001");
    assertError("--min-samples must be at most the number of customers (1000), got 5000", "--algorithm", "hdbscan",
        "--min-samples", "5000");
    assertError("--algorithm must be kmeans, gmm, dbscan, hdbscan, kmedoids or bisecting, got 'optics'",
        "--algorithm", "optics");
  }

  private static void assertError(String message, String... args) {
    String[] a = new String[args.length + 1];
    a[0] = "segment";
    System.arraycopy(args, 0, a, 1, args.length);
    CliRun r = CliRun.of(a);
    assertEquals(Cli.USAGE, r.exit, r.toString());
    assertEquals("", r.out, r.toString());
    assertEquals("error: " + message + "\n", r.err);
  }

  /**
   * The help states the defaults and ranges; picocli formats descriptions, so the "%" of "1%" must be escaped: before,
   * it warned on standard error ("Could not format ... Format specifier '% o'") at every help.
   */
  @Test
  void helpStatesTheDefaults() {
    // picocli's warnings go to System.err itself, not to the command's error stream
    java.io.PrintStream before = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    CliRun r;
    try {
      System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
      r = CliRun.of("segment", "--help");
    } finally {
      System.setErr(before);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    String help = r.out.replaceAll("\\s+", " ");
    assertTrue(help.contains("--min-cluster-size=N HDBSCAN's fewest customers in a segment, at least 2; default: 1%"
        + " of the customers, at least 5"), help);
    assertTrue(help.contains("--min-samples=N HDBSCAN's density threshold: a customer's core distance is the distance"
        + " to its N-th nearest customer, itself counted; larger N, more noise; at least 1; default: the min cluster"
        + " size"), help);
    assertTrue(help.contains("--algorithm=NAME clustering algorithm: kmeans, gmm, dbscan, hdbscan, kmedoids or"
        + " bisecting"), help);
  }

  /** The default min cluster size: 1% of the customers rounded down, at least 5, at most the customers. */
  @Test
  void defaultMinClusterSize() {
    assertEquals(3, Segmenter.defaultMinClusterSize(3));
    assertEquals(5, Segmenter.defaultMinClusterSize(200));
    assertEquals(5, Segmenter.defaultMinClusterSize(599));
    assertEquals(6, Segmenter.defaultMinClusterSize(600));
    assertEquals(10, Segmenter.defaultMinClusterSize(1000));
    assertEquals(89, Segmenter.defaultMinClusterSize(8950));
  }

  /** Two runs give the same report and the same files, byte for byte; so do one thread and three. */
  @Test
  void deterministic(@TempDir Path dir) throws IOException {
    CliRun a = CliRun.of("segment", "--algorithm", "hdbscan", "--out", dir.resolve("a").toString());
    CliRun b = CliRun.of("segment", "--algorithm", "hdbscan", "--threads", "3", "--out", dir.resolve("b").toString());
    assertEquals(0, a.exit, a.toString());
    assertEquals(a.out.replace(dir.resolve("a").toString(), "DIR"), b.out.replace(dir.resolve("b").toString(), "DIR"));
    java.util.Map<String, byte[]> fa = CliThreadsTest.files(dir.resolve("a"));
    java.util.Map<String, byte[]> fb = CliThreadsTest.files(dir.resolve("b"));
    assertEquals(fa.keySet(), fb.keySet());
    for (String name : fa.keySet()) {
      assertArrayEquals(fa.get(name), fb.get(name), name);
    }
  }
}
