package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.ClusterStability;
import io.github.clusterkit.eval.GapResult;
import io.github.clusterkit.eval.GapRule;
import io.github.clusterkit.eval.GapStatistic;
import io.github.clusterkit.eval.StabilityResult;
import io.github.clusterkit.examples.segment.CustomerData;
import io.github.clusterkit.examples.segment.Preprocessing;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --stability B} and {@code --gap [B]}: the options are validated in the command's usual style, the
 * report's stability and gap figures are the library's ({@link ClusterStability}, {@link GapStatistic}) called
 * directly on the same prepared table with the segmentation's algorithm, k, seed (42, the default), restarts and
 * distance (the oracle), one thread and two give the same report and files, and without the options the report and
 * the files are what they were: the report with the options, their additions taken out, is the report without them.
 */
class CliStabilityGapTest {

  /** The generated customers prepared as the command prepares them (the id dropped, log1p of the skewed). */
  private static Dataset generated(boolean gower) {
    Table t = CustomerData.generate().drop("customer_id");
    return Preprocessing.pipeline(t, Preprocessing.skewedColumns(t), gower).fit(t).transform(t);
  }

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err, r.toString());
    return r;
  }

  /** The report's line for segment {@code label}. */
  private static String segmentLine(String out, int label) {
    return out.lines().filter(l -> l.startsWith(String.format(Locale.ROOT, "  %-5s ", "#" + label))).findFirst()
        .orElseThrow(() -> new AssertionError("no line for segment " + label + ":\n" + out));
  }

  /** What the report prints beside a segment for the oracle's cluster {@code j}. */
  private static String stabilityText(StabilityResult s, int j) {
    double m = s.meanJaccard()[j];
    String reading = m >= 0.85 ? "highly stable" : m >= 0.75 ? "stable" : m >= 0.6 ? "pattern, uncertain members"
        : "unstable"; // Hennig's reading, as StabilityResult.toTable prints it
    return String.format(Locale.ROOT, "  stability %.2f (%s; dissolved %d/%d)", m, reading, s.dissolved()[j],
        s.resamples());
  }

  /** Every segment line ends with the oracle's stability, and profile.csv's column holds it exactly. */
  private static void assertStability(CliRun r, Path dir, StabilityResult oracle) throws IOException {
    int[] labels = new int[oracle.labels().length];
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"), StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      labels[i - 1] = Integer.parseInt(lines.get(i).split(",")[1]);
    }
    assertArrayEquals(oracle.labels(), labels, "the oracle's clustering of all customers is the segmentation");
    for (int j = 0; j < oracle.clusterCount(); j++) {
      assertTrue(segmentLine(r.out, j).endsWith(stabilityText(oracle, j)), segmentLine(r.out, j));
    }
    assertTrue(r.out.contains("\nstability: each segment's mean Jaccard coefficient with its best match in "
        + oracle.resamples() + " bootstrap resamples\n"), r.out);
    List<String> profile = Files.readAllLines(dir.resolve("profile.csv"), StandardCharsets.UTF_8);
    assertEquals("segment,segment_name,size,share,feature,mean,overall_mean,z_score,stability", profile.get(0));
    for (int i = 1; i < profile.size(); i++) {
      String row = profile.get(i);
      int label = Integer.parseInt(row.substring(0, row.indexOf(',')));
      assertTrue(row.endsWith("," + oracle.meanJaccard()[label]), row);
    }
  }

  /** Hennig's boundaries read as the higher class, as {@code StabilityResult.toTable()} reads them (fpc's guidance). */
  @Test
  void readingsAtTheBoundaries() {
    assertEquals("highly stable", io.github.clusterkit.examples.segment.Assessment.reading(0.85));
    assertEquals("stable", io.github.clusterkit.examples.segment.Assessment.reading(Math.nextDown(0.85)));
    assertEquals("stable", io.github.clusterkit.examples.segment.Assessment.reading(0.75));
    assertEquals("pattern, uncertain members",
        io.github.clusterkit.examples.segment.Assessment.reading(Math.nextDown(0.75)));
    assertEquals("pattern, uncertain members", io.github.clusterkit.examples.segment.Assessment.reading(0.6));
    assertEquals("unstable", io.github.clusterkit.examples.segment.Assessment.reading(Math.nextDown(0.6)));
  }

  @Test
  void kMeansStabilityIsTheLibrarysOnThePreparedTable(@TempDir Path dir) throws IOException {
    CliRun r = ok("segment", "--stability", "20", "--out", dir.toString());
    assertTrue(r.out.contains("K-Means, k = 5 (highest silhouette), 10 restarts"), r.out);
    // the segmentation's K-Means: seed 42, 10 restarts, k = 5 from the sweep
    StabilityResult oracle = ClusterStability.k(5).seed(42).restarts(10).resamples(20).evaluate(generated(false));
    assertStability(r, dir, oracle);
    assertTrue(r.out.contains("\n  segmented again by K-Means, 10 restarts, k = 5, seed 42 (Hennig 2007, as"
        + " fpc::clusterboot);\n"), r.out);
  }

  /** Mall income and score with Gower's distance, prepared independently of the command (min-max to [0, 2]). */
  @Test
  void kMedoidsStabilityUsesItsDistanceAndRestarts(@TempDir Path dir) throws IOException {
    Path file = SharedData.file("Mall_Customers.csv");
    CliRun r = ok("segment", file.toString(), "--columns", CliKMedoidsTest.INCOME + "," + CliKMedoidsTest.SCORE,
        "--algorithm", "kmedoids", "--k", "5", "--stability", "15", "--seed", "7", "--out", dir.toString());
    Table t = Csv.read(file);
    Dataset x = Pipeline.of(ColumnSelector.keep(CliKMedoidsTest.INCOME, CliKMedoidsTest.SCORE),
        new MinMaxScaler().range(0, 2)).fit(t).transform(t);
    StabilityResult oracle = ClusterStability.k(5).seed(7).resamples(15)
        .clusterer((d, k) -> KMedoids.k(k).seed(7).restarts(3).metric(Metric.MANHATTAN).fit(d).labels())
        .evaluate(x);
    assertStability(r, dir, oracle);
    assertTrue(r.out.contains("\n  segmented again by K-Medoids, 3 restarts, Gower's dissimilarity, k = 5, seed 7"
        + " (Hennig 2007"), r.out);
  }

  @Test
  void mixtureStabilityUsesTheMostProbableComponent(@TempDir Path dir) throws IOException {
    CliRun r = ok("segment", "--algorithm", "gmm", "--k", "3", "--k-max", "3", "--stability", "8", "--out",
        dir.toString());
    StabilityResult oracle = ClusterStability.k(3).seed(42).resamples(8)
        .clusterer((d, k) -> GaussianMixture.components(k).seed(42).restarts(3).fit(d).predict(d))
        .evaluate(generated(false));
    assertStability(r, dir, oracle);
    assertTrue(r.out.contains("\n  segmented again by the Gaussian mixture, 3 restarts, k = 3, seed 42 (Hennig"),
        r.out);
  }

  @Test
  void gapColumnsAndChoicesAreTheLibrarys(@TempDir Path dir) {
    CliRun r = ok("segment", "--gap", "--out", dir.toString());
    // the sweep's K-Means (seed 42, 10 restarts) over k = 1..10, 20 reference sets over the bounding box
    GapResult g = GapStatistic.kRange(1, 10).seed(42).restarts(10).referenceSets(20).evaluate(generated(false));
    assertGap(r.out, g);
    assertTrue(r.out.contains("  the segments use k = 5, the highest silhouette, as without --gap (choose another"
        + " with --k)\n"), r.out);
    CliRun seven = ok("segment", "--gap", "7", "--k", "4", "--k-max", "6", "--seed", "3", "--out", dir.toString());
    assertGap(seven.out, GapStatistic.kRange(1, 6).seed(3).restarts(10).referenceSets(7).evaluate(generated(false)));
    assertTrue(seven.out.contains("  the segments use k = 4 as asked (--k)\n"), seven.out);
    // k = 1..3 on the generated customers: the gaps rise (1.12, 1.19, 1.45 above), so the paper's rule stops at 3
    CliRun edge = ok("segment", "--gap", "5", "--k-max", "3", "--out", dir.toString());
    GapResult e = GapStatistic.kRange(1, 3).seed(42).restarts(10).referenceSets(5).evaluate(generated(false));
    assertTrue(e.chosenAtEdge(), e.toTable());
    assertGap(edge.out, e);
    assertTrue(edge.out.contains("\n  the paper's rule stops at the largest k tried: the gap may rise further (widen"
        + " --k-max);\n"), edge.out);
  }

  /** The sweep's rows end with the gap and s_k of {@code g} and its choices are named. */
  private static void assertGap(String out, GapResult g) {
    assertTrue(out.contains("   k      inertia  silhouette         gap         s_k\n"), out);
    double[] gap = g.gap();
    double[] se = g.se();
    int[] ks = g.ks();
    for (int t = 0; t < ks.length; t++) {
      String prefix = String.format(Locale.ROOT, "  %2d ", ks[t]);
      String row = out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
      String cells = String.format(Locale.ROOT, "  %10.4f  %10.4f", gap[t], se[t]);
      assertEquals(ks[t] == g.chosenK(), row.endsWith("  <- gap rule"), row);
      assertTrue(row.substring(0, 2 + 3 + 12 + 2 + 10 + cells.length()).endsWith(cells), row + " | " + cells);
    }
    assertTrue(out.contains(String.format(Locale.ROOT, "gap statistic (Tibshirani et al. 2001), B = %d uniform"
        + " reference sets over the bounding box of the model input:%n  the paper's rule (the smallest k with Gap(k)"
        + " >= Gap(k+1) - s_k+1) picks k = %d, the global-SE-max rule k = %d;%n%s", g.referenceSets(), g.chosenK(),
        g.chosenK(GapRule.GLOBAL_SE_MAX, 1), g.chosenAtEdge() ? "  the paper's rule stops at the largest k tried: the"
            + " gap may rise further (widen --k-max);\n" : "")), out);
  }

  /** The count is taken only when it is a number, so that the file after --gap is read as the file. */
  @Test
  void gapBeforeTheFileLeavesTheFile(@TempDir Path dir) {
    Path file = SharedData.file("Mall_Customers.csv");
    for (String[] args : new String[][] {{"--gap", file.toString()}, {file.toString(), "--gap"},
        {"--gap=6", file.toString()}, {"--gap", "6", file.toString()}}) {
      List<String> a = new ArrayList<>(List.of("segment"));
      a.addAll(List.of(args));
      a.addAll(List.of("--k-max", "3", "--out", dir.toString()));
      CliRun r = ok(a.toArray(new String[0]));
      assertTrue(r.out.startsWith("clusterkit segment: 200 customers from Mall_Customers.csv"), r.out);
      assertTrue(r.out.contains("B = " + (args.length == 2 && args[0].startsWith("--gap=") || args.length == 3 ? 6
          : 20) + " uniform reference sets"), String.join(" ", args) + "\n" + r.out);
    }
  }

  @Test
  void badValuesAndAlgorithmsAreRefusedInOneLine() {
    CliTest.assertOneLineError(CliRun.of("segment", "--stability", "-1"),
        "error: --stability must be >= 0 (0 = off) and <= 10000, got -1");
    CliTest.assertOneLineError(CliRun.of("segment", "--stability", "10001"),
        "error: --stability must be >= 0 (0 = off) and <= 10000, got 10001");
    CliTest.assertOneLineError(CliRun.of("segment", "--stability", "many"),
        "error: Invalid value for option '--stability': 'many' is not an int (see 'clusterkit segment --help')");
    CliTest.assertOneLineError(CliRun.of("segment", "--stability"),
        "error: Missing required parameter for option '--stability' (B)");
    CliTest.assertOneLineError(CliRun.of("segment", "--gap", "1"),
        "error: --gap must be >= 2 and <= 1000 reference sets, got 1");
    CliTest.assertOneLineError(CliRun.of("segment", "--gap=1001"),
        "error: --gap must be >= 2 and <= 1000 reference sets, got 1001");
    CliTest.assertOneLineError(CliRun.of("segment", "--gap", "2.5"),
        "error: Invalid value for option '--gap': '2.5' is not an int (see 'clusterkit segment --help')");
    CliTest.assertOneLineError(CliRun.of("segment", "--gap=abc"),
        "error: --gap must be a whole number of reference sets, got 'abc'");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--stability", "10"),
        "error: --stability does not apply to --algorithm dbscan (it applies to kmeans, kmedoids, gmm and bisecting;"
            + " dbscan's eps and minPts are set for the whole table's density");
    // given as 0 (off) it is still given: the user meant it, as for --outlier-share
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "hdbscan", "--stability", "0"),
        "error: --stability does not apply to --algorithm hdbscan (it applies to kmeans, kmedoids, gmm and"
            + " bisecting; hdbscan's min cluster size and minSamples are set");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "kmedoids", "--gap"),
        "error: --gap does not apply to --algorithm kmedoids (its sweep fits K-Medoids;");
  }

  @Test
  void resultsAreTheSameOnOneAndTwoThreads(@TempDir Path dir) throws IOException {
    for (String[] args : new String[][] {{"--stability", "10", "--gap", "5"},
        {"--algorithm", "kmedoids", "--k", "3", "--k-max", "3", "--stability", "4"}}) {
      Path out = dir.resolve("out");
      List<CliRun> runs = new ArrayList<>();
      List<Map<String, byte[]>> files = new ArrayList<>();
      for (String threads : new String[] {"1", "2"}) {
        List<String> a = new ArrayList<>(List.of("segment"));
        a.addAll(List.of(args));
        a.addAll(List.of("--threads", threads, "--out", out.toString()));
        runs.add(ok(a.toArray(new String[0])));
        files.add(CliThreadsTest.files(out));
        CliThreadsTest.empty(out);
      }
      assertTrue(runs.get(0).out.contains(" stability "), runs.get(0).out);
      assertEquals(runs.get(0).out, runs.get(1).out, String.join(" ", args));
      assertEquals(files.get(0).keySet(), files.get(1).keySet());
      for (String name : files.get(0).keySet()) {
        assertArrayEquals(files.get(0).get(name), files.get(1).get(name), name);
      }
    }
  }

  /**
   * Without the options nothing changes: the report with them, their lines and columns taken out, is the report
   * without them, and every file but profile.csv is the same byte for byte (profile.csv without its last column).
   */
  @Test
  void withoutTheOptionsTheReportAndFilesAreUnchanged(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    CliRun plain = ok("segment", "--out", out.toString());
    Map<String, byte[]> plainFiles = CliThreadsTest.files(out);
    CliThreadsTest.empty(out);
    CliRun checked = ok("segment", "--stability", "5", "--gap", "3", "--out", out.toString());
    Map<String, byte[]> checkedFiles = CliThreadsTest.files(out);

    assertFalse(plain.out.contains("stability") || plain.out.contains("gap"), plain.out);
    StringBuilder stripped = new StringBuilder();
    boolean inNote = false;
    for (String line : checked.out.split("\n", -1)) {
      if (line.startsWith("gap statistic (") || line.startsWith("stability: ")) {
        inNote = true; // the note and its indented continuation lines
        continue;
      }
      if (inNote && line.startsWith("  ") && !line.startsWith("  #")) {
        continue;
      }
      inNote = false;
      String l = line.replace("         gap         s_k", "").replaceAll("  <- gap rule$", "")
          .replaceAll(" ( stability \\d\\.\\d\\d \\([a-z ,]+; dissolved \\d+/\\d+\\))$", "");
      if (l.matches("  [ \\d]\\d .*")) {
        // a sweep row: the two gap cells after the silhouette (2 + 3 + 12 + 2 + 10 columns)
        l = l.substring(0, 29) + l.substring(29 + 24);
      }
      stripped.append(l).append('\n');
    }
    assertEquals(plain.out + "\n", stripped.toString());
    assertEquals(plainFiles.keySet(), checkedFiles.keySet());
    for (String name : plainFiles.keySet()) {
      if (!name.equals("profile.csv")) {
        assertArrayEquals(plainFiles.get(name), checkedFiles.get(name), name);
      }
    }
    String withColumn = new String(checkedFiles.get("profile.csv"), StandardCharsets.UTF_8);
    String without = new String(plainFiles.get("profile.csv"), StandardCharsets.UTF_8);
    assertEquals(without, withColumn.replaceAll(",[^,\\n]*\\n", "\n"));
  }

  @Test
  void helpDescribesBothOptions() {
    String help = CliRun.of("segment", "--help").out.replaceAll("\\s+", " ");
    assertTrue(help.contains("--stability=B check each segment's stability (kmeans, kmedoids, gmm,"
        + " bisecting)"), help);
    assertTrue(help.contains("100 is usual, 0 to 10000 (default: 0, off); costs B fits of the algorithm on about"
        + " 63% of the customers, on --threads threads"), help);
    assertTrue(help.contains("--gap[=B] add the gap statistic (Tibshirani et al. 2001) to the K-Means sweep"), help);
    assertTrue(help.contains("2 to 1000 (default when given alone: 20)"), help);
  }
}
