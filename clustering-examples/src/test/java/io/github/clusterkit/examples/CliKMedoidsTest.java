package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.examples.segment.ModelBundle;
import io.github.clusterkit.examples.segment.Report;
import io.github.clusterkit.examples.segment.Segmentation;
import io.github.clusterkit.examples.segment.Segmenter;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --algorithm kmedoids} and {@code predict} with its model file. The expected medoids and labels come
 * from an independent fit: the library's {@link KMedoids} with the documented settings (seed 42, 3 restarts,
 * k-medoids++ and FasterPAM) on the preprocessing rebuilt here from its parts (a column selection and min-max scaling
 * to [0, 2] for Gower's dissimilarity, standard scaling for the other distances; the Mall file's two columns are not
 * skewed and have no missing cell). Gower's identity is checked against Gower's definition computed here.
 */
class CliKMedoidsTest {

  static final String INCOME = "Annual Income (k$)";
  static final String SCORE = "Spending Score (1-100)";

  private static Dataset mallScaled(boolean gower) throws IOException {
    Table t = Csv.read(SharedData.file("Mall_Customers.csv"));
    return Pipeline.of(ColumnSelector.keep(INCOME, SCORE),
        gower ? new MinMaxScaler().range(0, 2) : new StandardScaler()).fit(t).transform(t);
  }

  private static int[] labelsOf(Path labelsCsv) throws IOException {
    List<String> lines = Files.readAllLines(labelsCsv, StandardCharsets.UTF_8);
    int[] out = new int[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      out[i - 1] = Integer.parseInt(lines.get(i).split(",")[1]);
    }
    return out;
  }

  /**
   * Mall customers, income and score, five segments with Gower's dissimilarity: the labels, the typical customers
   * (medoids by id, with their values in the file), the outliers and the report's lines are the independent fit's.
   */
  @Test
  void mallCustomersWithGower(@TempDir Path dir) throws IOException {
    Path mall = SharedData.file("Mall_Customers.csv");
    CliRun r = CliRun.of("segment", mall.toString(), "--algorithm", "kmedoids", "--columns", INCOME + "," + SCORE,
        "--k", "5", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    KMedoidsModel oracle = KMedoids.k(5).seed(42).restarts(3).metric(Metric.MANHATTAN).fit(mallScaled(true));
    assertArrayEquals(oracle.labels(), labelsOf(dir.resolve("labels.csv")));
    assertTrue(r.out.contains("model input: 2 columns (numbers min-max scaled to [0, 2], categories one-hot);"
        + " Manhattan distance = 2 x 2 x Gower's dissimilarity over the 2 features\n"), r.out);
    assertTrue(r.out.contains("k selection (K-Medoids, FasterPAM, 3 restarts, Gower's dissimilarity, silhouette exact"
        + " with it):\n   k         cost  silhouette\n"), r.out);
    assertTrue(r.out.contains("K-Medoids, k = 5 (as asked), FasterPAM, 3 restarts, Gower's dissimilarity\n"), r.out);
    // the typical customers: the medoids' ids (CustomerID is row + 1 in this file) and their values as in the file
    Table t = Csv.read(mall);
    int[] rows = oracle.medoidIndices();
    StringBuilder typical = new StringBuilder("typical customers (the medoids: each segment's customer with the least"
        + " total distance to its members):\n");
    for (int g = 0; g < rows.length; g++) {
      int i = rows[g];
      assertEquals(i + 1, (int) t.numeric("CustomerID")[i]);
      typical.append(String.format(java.util.Locale.ROOT, "  #%-4d CustomerID %d: Annual Income %s, Spending Score"
          + " %s%n", g, i + 1, Report.number(t.numeric(INCOME)[i]), Report.number(t.numeric(SCORE)[i])));
    }
    assertTrue(r.out.contains(typical), r.out);
    // 1% of 200 customers: the 2 farthest from their medoid, by the fit's distance
    assertTrue(r.out.contains("outliers: 2 (farthest from their segment's medoid)\n"), r.out);
    double[] far = new double[rows.length == 0 ? 0 : oracle.labels().length];
    Dataset x = mallScaled(true);
    for (int i = 0; i < far.length; i++) {
      far[i] = oracle.transform(x.row(i))[oracle.labels()[i]];
    }
    double[] sorted = far.clone();
    Arrays.sort(sorted);
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
    for (int i = 0; i < far.length; i++) {
      assertEquals(far[i] > sorted[far.length - 3], lines.get(i + 1).endsWith(",true"), "row " + i);
    }
    // the silhouette of the quality line is computed with the fit's distance
    double sil = io.github.clusterkit.eval.Silhouette.exact().metric(Metric.MANHATTAN).evaluate(x, oracle.labels())
        .score();
    assertTrue(r.out.contains(String.format(java.util.Locale.ROOT, "quality: silhouette %.4f (Manhattan distance, as"
        + " the fit), ", sil)), r.out);
    assertTrue(r.out.contains("High Annual Income, Low Spending Score"), r.out);
  }

  /** --distance manhattan and euclidean take the standard-scaled numbers; without --k the sweep chooses. */
  @Test
  void otherDistancesAndTheSweep(@TempDir Path dir) throws IOException {
    Path mall = SharedData.file("Mall_Customers.csv");
    for (String d : new String[] {"manhattan", "euclidean"}) {
      Path out = dir.resolve(d);
      CliRun r = CliRun.of("segment", mall.toString(), "--algorithm", "kmedoids", "--distance", d, "--columns",
          INCOME + "," + SCORE, "--k-max", "6", "--out", out.toString());
      assertEquals(0, r.exit, r.toString());
      Metric metric = d.equals("manhattan") ? Metric.MANHATTAN : Metric.EUCLIDEAN;
      Dataset x = mallScaled(false);
      // the sweep's rule: the k of the highest silhouette (with the fit's distance) over k = 2..6
      int best = -1;
      double bestSil = Double.NEGATIVE_INFINITY;
      KMedoidsModel chosen = null;
      for (int k = 2; k <= 6; k++) {
        KMedoidsModel m = KMedoids.k(k).seed(42).restarts(3).metric(metric).fit(x);
        double sil = io.github.clusterkit.eval.Silhouette.exact().metric(metric).evaluate(x, m.labels()).score();
        if (sil > bestSil) {
          bestSil = sil;
          best = k;
          chosen = m;
        }
      }
      assertTrue(r.out.contains("K-Medoids, k = " + best + " (highest silhouette), FasterPAM, 3 restarts, "
          + (d.equals("manhattan") ? "Manhattan distance" : "Euclidean distance") + "\n"), r.out);
      assertTrue(r.out.contains("model input: 2 columns (numbers standard-scaled, categories one-hot)\n"), r.out);
      assertArrayEquals(chosen.labels(), labelsOf(out.resolve("labels.csv")), d);
    }
  }

  /**
   * predict with the saved model, on the training customers themselves, gives the fit's segments and outlier flags
   * (labels.csv, line for line), also in a fresh JVM; a new customer gets its nearest medoid's segment.
   */
  @Test
  void predictGivesTheFitsLabelsForTheTrainingCustomers(@TempDir Path dir) throws Exception {
    Path mall = SharedData.file("Mall_Customers.csv");
    Path out = dir.resolve("seg");
    CliRun r = CliRun.of("segment", mall.toString(), "--algorithm", "kmedoids", "--k", "4", "--out", out.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("assign new customers: java -jar clusterkit-cli.jar predict "), r.out);
    Path model = out.resolve("model.json");
    CliRun p = CliRun.of("predict", model.toString(), mall.toString());
    assertEquals(0, p.exit, p.toString());
    assertEquals("", p.err);
    assertEquals(Files.readString(out.resolve("labels.csv"), StandardCharsets.UTF_8), p.out);
    ModelBundle bundle = ModelBundle.load(model);
    assertEquals(Segmenter.Algorithm.KMEDOIDS, bundle.algorithm());
    KMedoidsModel loaded = (KMedoidsModel) bundle.model();
    assertEquals(Metric.MANHATTAN, loaded.metric());
    // a new customer far beyond the training range is an outlier (the scaler does not clip), in its nearest segment
    Path fresh = dir.resolve("new.csv");
    Files.writeString(fresh, "CustomerID,Gender,Age," + INCOME + "," + SCORE + "\nN1,Female,30,900,50\n");
    CliRun q = CliRun.of("predict", model.toString(), fresh.toString());
    assertEquals(0, q.exit, q.toString());
    Dataset z = bundle.pipeline().transform(Csv.read(fresh));
    int label = loaded.predict(z.row(0));
    assertEquals("CustomerID,segment,segment_name,outlier\nN1," + label + ","
        + io.github.clusterkit.examples.segment.Outputs.csv(bundle.segments().get(label)) + ",true\n", q.out);
    // a fresh JVM reads the file and answers the same
    Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Cli.class.getName(), "predict", model.toString(), mall.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] bytes = proc.getInputStream().readAllBytes();
    assertEquals(0, proc.waitFor());
    assertEquals(p.out, new String(bytes, StandardCharsets.UTF_8));
  }

  /** Gower's dissimilarity by its definition (Gower 1971): the mean over the columns of |a - b| / range or a != b. */
  private static double gower(double[][] num, String[][] cat, int i, int j) {
    double sum = 0;
    int p = 0;
    for (double[] c : num) {
      double min = Arrays.stream(c).min().orElseThrow();
      double max = Arrays.stream(c).max().orElseThrow();
      sum += max == min ? 0 : Math.abs(c[i] - c[j]) / (max - min);
      p++;
    }
    for (String[] c : cat) {
      sum += c[i].equals(c[j]) ? 0 : 1;
      p++;
    }
    return sum / p;
  }

  /**
   * The Gower identity, against the definition on a small table (two numbers, one with a missing cell imputed by
   * the median, a constant number, a category with a missing cell imputed by the most frequent): the Manhattan
   * distance between any two preprocessed customers is 2 p times their Gower dissimilarity (p = 4 columns), so the
   * fit's cost is 2 p times the sum of the Gower dissimilarities to the medoids, and each customer's medoid is its
   * nearest in Gower's terms.
   */
  @Test
  void gowerIdentityOnASmallTable() {
    double nan = Double.NaN;
    Table t = Table.builder()
        .numeric("age", new double[] {23, 35, nan, 61, 44, 29, 52, 38})
        .numeric("income", new double[] {12, 80, 45, 30, 95, 20, 60, 41})
        .numeric("country", new double[] {7, 7, 7, 7, 7, 7, 7, 7})
        .categorical("plan", new String[] {"basic", "gold", null, "basic", "gold", "silver", "basic", "silver"})
        .build();
    Segmentation s = Segmenter.defaults().algorithm(Segmenter.Algorithm.KMEDOIDS).k(3).logSkewed(false).run(t, null);
    // imputed by hand: the median of the 7 ages present (23 29 35 38 44 52 61) is 38; "basic" is the most frequent
    double[][] num = {{23, 35, 38, 61, 44, 29, 52, 38}, {12, 80, 45, 30, 95, 20, 60, 41}, {7, 7, 7, 7, 7, 7, 7, 7}};
    String[][] cat = {{"basic", "gold", "basic", "basic", "gold", "silver", "basic", "silver"}};
    int p = 4;
    Dataset x = s.scaled();
    int n = t.rowCount();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double manhattan = Metric.MANHATTAN.distance(x.row(i), x.row(j));
        assertEquals(2 * p * gower(num, cat, i, j), manhattan, 1e-12, i + ", " + j);
      }
    }
    KMedoidsModel m = (KMedoidsModel) s.model();
    int[] medoids = m.medoidIndices();
    int[] labels = m.labels();
    double cost = 0;
    for (int i = 0; i < n; i++) {
      double own = gower(num, cat, i, medoids[labels[i]]);
      cost += own;
      for (int g = 0; g < medoids.length; g++) {
        assertTrue(own <= gower(num, cat, i, medoids[g]) + 1e-12, "row " + i + " is nearest its medoid");
      }
    }
    assertEquals(2 * p * cost, m.cost(), 1e-12);
    assertArrayEquals(medoids, s.medoidRows());
  }

  /** Two runs with 1 and 2 threads give the same report and the same files, byte for byte. */
  @Test
  void deterministicOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
    Path mall = SharedData.file("Mall_Customers.csv");
    CliRun a = CliRun.of("segment", mall.toString(), "--algorithm", "kmedoids", "--threads", "1", "--out",
        dir.resolve("a").toString());
    CliRun b = CliRun.of("segment", mall.toString(), "--algorithm", "kmedoids", "--threads", "2", "--out",
        dir.resolve("b").toString());
    assertEquals(0, a.exit, a.toString());
    assertEquals(a.out.replace(dir.resolve("a").toString(), "DIR"), b.out.replace(dir.resolve("b").toString(), "DIR"));
    Map<String, byte[]> fa = CliThreadsTest.files(dir.resolve("a"));
    Map<String, byte[]> fb = CliThreadsTest.files(dir.resolve("b"));
    assertEquals(fa.keySet(), fb.keySet());
    for (String name : fa.keySet()) {
      assertArrayEquals(fa.get(name), fb.get(name), name);
    }
  }

  /** Options of other algorithms are refused with kmedoids, and --distance with the others, naming both. */
  @Test
  void optionsThatDoNotApplyAreRefused() {
    for (String alg : new String[] {"kmeans", "gmm", "dbscan", "hdbscan"}) {
      assertError("--distance does not apply to --algorithm " + alg + " (it applies to kmedoids only; " + alg
          + " uses the Euclidean distance on standard-scaled numbers)", "--algorithm", alg, "--distance", "gower");
    }
    assertError("--distance does not apply to --algorithm kmeans (it applies to kmedoids only; kmeans uses the"
        + " Euclidean distance on standard-scaled numbers)", "--distance", "euclidean");
    assertError("--eps does not apply to --algorithm kmedoids (--eps and --min-pts apply to dbscan only; kmedoids"
        + " takes --k, or the best k of the sweep)", "--algorithm", "kmedoids", "--eps", "0.5");
    assertError("--min-pts does not apply to --algorithm kmedoids (--eps and --min-pts apply to dbscan only; kmedoids"
        + " takes --k, or the best k of the sweep)", "--algorithm", "kmedoids", "--min-pts", "5");
    assertError("--min-cluster-size does not apply to --algorithm kmedoids (--min-cluster-size and --min-samples"
        + " apply to hdbscan only; kmedoids takes --k, or the best k of the sweep)", "--algorithm", "kmedoids",
        "--min-cluster-size", "5");
    assertError("--min-samples does not apply to --algorithm kmedoids (--min-cluster-size and --min-samples apply to"
        + " hdbscan only; kmedoids takes --k, or the best k of the sweep)", "--algorithm", "kmedoids",
        "--min-samples", "5");
    assertError("--distance must be gower, manhattan or euclidean, got 'cosine'", "--algorithm", "kmedoids",
        "--distance", "cosine");
    assertError("--k must be >= 1, got 0", "--algorithm", "kmedoids", "--k", "0");
    assertError("--outlier-share must be in [0, 0.5], got 0.6", "--algorithm", "kmedoids", "--outlier-share", "0.6");
  }

  /** --k and --outlier-share apply to kmedoids: 2% of 200 customers are 4 outliers. */
  @Test
  void kAndOutlierShareApply(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.of("segment", SharedData.file("Mall_Customers.csv").toString(), "--algorithm", "kmedoids",
        "--k", "3", "--outlier-share", "0.02", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("K-Medoids, k = 3 (as asked)"), r.out);
    assertTrue(r.out.contains("outliers: 4 (farthest from their segment's medoid)"), r.out);
  }

  @Test
  void helpNamesTheDistances() {
    CliRun r = CliRun.of("segment", "--help");
    assertEquals(0, r.exit, r.toString());
    String help = r.out.replaceAll("\\s+", " ");
    assertTrue(help.contains("--distance=gower|manhattan|euclidean distance of kmedoids: gower (the default) scales"
        + " the numbers to [0, 2] and takes the Manhattan distance"), help);
    assertTrue(help.contains("[--algorithm=NAME]"), help);
    assertTrue(help.contains("--algorithm=NAME clustering algorithm: kmeans, gmm, dbscan, hdbscan, kmedoids or"
        + " bisecting (default: kmeans)"), help);
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
}
