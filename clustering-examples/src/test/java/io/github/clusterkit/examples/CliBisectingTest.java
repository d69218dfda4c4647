package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.Silhouette;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Pipeline;
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
 * {@code segment --algorithm bisecting} and {@code predict} with its model file. The expected sweep, segments and
 * outliers come from an independent fit: the library's {@link BisectingKMeans} with the documented settings (seed 42,
 * 10 restarts per split, the sweep's 10 leaves) on the preprocessing rebuilt here from its parts (the Mall file's two
 * columns are not skewed and have no missing cell: a column selection and standard scaling), the silhouette of every
 * level computed here with {@link Silhouette#exact()}.
 */
class CliBisectingTest {

  static final String INCOME = CliKMedoidsTest.INCOME;
  static final String SCORE = CliKMedoidsTest.SCORE;

  private static Dataset mallScaled() throws IOException {
    Table t = Csv.read(SharedData.file("Mall_Customers.csv"));
    return Pipeline.of(ColumnSelector.keep(INCOME, SCORE), new StandardScaler()).fit(t).transform(t);
  }

  private static int[] labelsOf(Path labelsCsv) throws IOException {
    List<String> lines = Files.readAllLines(labelsCsv, StandardCharsets.UTF_8);
    int[] out = new int[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      out[i - 1] = Integer.parseInt(lines.get(i).split(",")[1]);
    }
    return out;
  }

  private static CliRun mall(Path dir, String... more) {
    String[] a = {"segment", SharedData.file("Mall_Customers.csv").toString(), "--algorithm", "bisecting",
        "--columns", INCOME + "," + SCORE, "--out", dir.toString()};
    String[] all = java.util.Arrays.copyOf(a, a.length + more.length);
    System.arraycopy(more, 0, all, a.length, more.length);
    return CliRun.of(all);
  }

  /**
   * Mall customers, income and score, k from the sweep: the sweep table (inertia after k - 1 splits, exact silhouette
   * of those labels), the k of the highest silhouette, the labels, the outliers (the 1% farthest from their leaf
   * centroid, floor(0.01 x 200) = 2) and the report's lines are the independent fit's.
   */
  @Test
  void mallCustomersAgainstAnIndependentFit(@TempDir Path dir) throws IOException {
    CliRun r = mall(dir);
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    Dataset x = mallScaled();
    BisectingKMeansModel tree = BisectingKMeans.k(10).seed(42).restarts(10).fit(x);
    StringBuilder sweep = new StringBuilder("k selection (bisecting K-Means, one fit of 10 segments read at every k,"
        + " 10 restarts per split, silhouette exact):\n   k      inertia  silhouette\n");
    int best = -1;
    double bestSil = Double.NEGATIVE_INFINITY;
    for (int k = 1; k <= 10; k++) {
      double sil = k == 1 ? Double.NaN : Silhouette.exact().evaluate(x, tree.labelsAt(k)).score();
      if (sil > bestSil) { // the smallest k on ties
        bestSil = sil;
        best = k;
      }
      sweep.append(String.format(Locale.ROOT, "  %2d %12.4g  %10s", k, tree.inertiaAt(k),
          k == 1 ? "" : String.format(Locale.ROOT, "%.4f", sil)));
      sweep.append("@").append(k).append('\n'); // the markers are checked apart: knee and best silhouette
    }
    for (String line : sweep.toString().split("\n")) {
      String head = line.replaceAll("@\\d+$", "");
      assertTrue(r.out.contains(head), head + "\n" + r.out);
    }
    // the README's figure: k = 5 with 10 restarts per split ends at inertia 86.2 (two more digits here)
    assertTrue(r.out.contains("   5        86.22"), r.out);
    assertEquals(6, best, "the highest silhouette of the independent fit's levels");
    assertTrue(r.out.contains(String.format(Locale.ROOT, "   6 %12.4g  %10.4f  <- best silhouette", tree.inertiaAt(6),
        bestSil)), r.out);
    assertTrue(r.out.contains("Bisecting K-Means, k = 6 (highest silhouette), 10 restarts per split, splitting the"
        + " segment of largest inertia\n"), r.out);
    BisectingKMeansModel six = BisectingKMeans.k(6).seed(42).restarts(10).fit(x);
    assertArrayEquals(six.labels(), tree.labelsAt(6)); // the nesting the sweep relies on
    assertArrayEquals(six.labels(), labelsOf(dir.resolve("labels.csv")));
    // outliers: the two customers farthest from their leaf centroid, farthest first (CustomerID = row + 1)
    double[] dist = new double[x.size()];
    Integer[] order = new Integer[x.size()];
    for (int i = 0; i < dist.length; i++) {
      dist[i] = six.transform(x.row(i))[six.labels()[i]];
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(dist[b], dist[a]));
    assertTrue(dist[order[1]] > dist[order[2]], "no tie at the threshold");
    assertTrue(r.out.contains("outliers: 2 (farthest from their segment's centroid, the leaf of the tree)\n  "
        + String.format(Locale.ROOT, "%-10s  #%d", order[0] + 1, six.labels()[order[0]])), r.out);
    assertTrue(r.out.contains("\n  " + String.format(Locale.ROOT, "%-10s  #%d", order[1] + 1,
        six.labels()[order[1]])), r.out);
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"), StandardCharsets.UTF_8);
    assertEquals("CustomerID,segment,segment_name,outlier", lines.get(0));
    int flagged = 0;
    for (int i = 1; i < lines.size(); i++) {
      boolean out = lines.get(i).endsWith(",true");
      assertEquals(i - 1 == order[0] || i - 1 == order[1], out, lines.get(i));
      flagged += out ? 1 : 0;
    }
    assertEquals(2, flagged);
  }

  /**
   * The segment tree block on Mall customers, k = 6 from the sweep. Its sizes are the independent fit's nodes (the
   * first split, 89 and 111 customers, is the README's figure) and its names the profile of each level (the property
   * test SegmentTreeTest checks both on random data); this is the text a marketer reads.
   */
  @Test
  void mallSegmentTree(@TempDir Path dir) throws IOException {
    CliRun r = mall(dir);
    assertEquals(0, r.exit, r.toString());
    BisectingKMeansModel six = BisectingKMeans.k(6).seed(42).restarts(10).fit(mallScaled());
    assertEquals(89, six.nodeSize(1));
    assertEquals(111, six.nodeSize(2));
    String block = String.join("\n",
        "segment tree: 5 splits in the order made, each cutting a segment in two (names as the profile at that level"
            + " names them):",
        "  1. all customers (200) -> A (89) + B (111)",
        "       A    89 customers  High Spending Score                      -> segments #0, #1, #2",
        "       B   111 customers  Low Spending Score                       -> segments #3, #4, #5",
        "  2. B (111) -> B1 (73) + B2 (38)",
        "       B1   73 customers  Low Annual Income                        -> segments #3, #4",
        "       B2   38 customers  High Annual Income, Low Spending Score   = segment #5",
        "  3. A (89) -> A1 (50) + A2 (39)",
        "       A1   50 customers  Low Annual Income, High Spending Score   -> segments #0, #1",
        "       A2   39 customers  High Annual Income, High Spending Score  = segment #2",
        "  4. B1 (73) -> B1a (22) + B1b (51)",
        "       B1a  22 customers  Low Annual Income, Low Spending Score    = segment #3",
        "       B1b  51 customers  Average                                  = segment #4",
        "  5. A1 (50) -> A1a (29) + A1b (21)",
        "       A1a  29 customers  Average                                  = segment #0",
        "       A1b  21 customers  Low Annual Income, High Spending Score   = segment #1");
    assertTrue(r.out.contains("\n\n" + block + "\n\noutliers: "), r.out);
    // the sizes of the block are the fit's nodes
    int[] sizes = {200, 89, 111, 73, 38, 50, 39, 22, 51, 29, 21};
    for (int v = 0; v < sizes.length; v++) {
      assertEquals(sizes[v], six.nodeSize(v), "node " + v);
    }
  }

  /** predict on the training file prints labels.csv exactly: the tree's descent labels every customer as the fit. */
  @Test
  void predictOnTheTrainingFileGivesLabelsCsv(@TempDir Path dir) throws IOException {
    CliRun r = mall(dir);
    assertEquals(0, r.exit, r.toString());
    String model = Files.readString(dir.resolve("model.json"), StandardCharsets.UTF_8);
    assertTrue(model.contains("\"algorithm\" : \"bisecting\""), model.substring(0, 200));
    assertTrue(model.contains("\"kind\" : \"bisectingKMeans\""), "the library's model document");
    CliRun p = CliRun.of("predict", dir.resolve("model.json").toString(),
        SharedData.file("Mall_Customers.csv").toString());
    assertEquals(0, p.exit, p.toString());
    assertEquals("", p.err);
    assertEquals(Files.readString(dir.resolve("labels.csv"), StandardCharsets.UTF_8), p.out);
  }

  /** The generated customers on 1 and 2 threads: the same report and the same files, byte for byte. */
  @Test
  void oneAndTwoThreadsGiveTheSameBytes(@TempDir Path dir) throws IOException {
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    CliRun a = CliRun.of("segment", "--algorithm", "bisecting", "--out", one.toString());
    CliRun b = CliRun.of("segment", "--algorithm", "bisecting", "--threads", "2", "--out", two.toString());
    assertEquals(0, a.exit, a.toString());
    assertEquals(0, b.exit, b.toString());
    assertTrue(a.out.contains("segment tree: "), a.out);
    assertEquals(a.out.replace(one.toString(), "DIR"), b.out.replace(two.toString(), "DIR"));
    for (String f : new String[] {"labels.csv", "profile.csv", "model.json"}) {
      assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
    }
  }

  /** --k, --stability and --gap work with bisecting; the stability re-clusters with the same bisecting fit. */
  @Test
  void kStabilityAndGap(@TempDir Path dir) {
    CliRun r = mall(dir, "--k", "5", "--stability", "10", "--gap", "5");
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("Bisecting K-Means, k = 5 (as asked), 10 restarts per split"), r.out);
    assertTrue(r.out.contains("   k      inertia  silhouette         gap         s_k\n"), r.out);
    assertTrue(r.out.contains("  the segments use k = 5 as asked (--k)\n"), r.out);
    assertTrue(r.out.contains("segmented again by bisecting K-Means, 10 restarts per split, k = 5, seed 42"), r.out);
    assertTrue(r.out.contains("segment tree: 4 splits"), r.out);
    assertTrue(r.out.contains("stability "), r.out);
  }

  /** Options of other algorithms are refused in the CLI's one-line style, naming the option and the algorithm. */
  @Test
  void optionsOfOtherAlgorithmsAreRefused() {
    for (String[] o : new String[][] {{"--eps", "0.5"}, {"--min-pts", "5"}}) {
      CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "bisecting", o[0], o[1]),
          "error: " + o[0] + " does not apply to --algorithm bisecting (--eps and --min-pts apply to dbscan only;"
              + " bisecting takes --k, or the best k of the sweep)");
    }
    for (String[] o : new String[][] {{"--min-cluster-size", "5"}, {"--min-samples", "5"}}) {
      CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "bisecting", o[0], o[1]),
          "error: " + o[0] + " does not apply to --algorithm bisecting (--min-cluster-size and --min-samples apply"
              + " to hdbscan only; bisecting takes --k, or the best k of the sweep)");
    }
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "bisecting", "--distance", "gower"),
        "error: --distance does not apply to --algorithm bisecting (it applies to kmedoids only; bisecting uses the"
            + " Euclidean distance on standard-scaled numbers)");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "bisecting", "--k", "0"),
        "error: --k must be >= 1, got 0");
  }

  @Test
  void helpNamesBisecting() {
    CliRun r = CliRun.of("segment", "--help");
    assertEquals(0, r.exit, r.toString());
    String help = r.out.replaceAll("\\s+", " ");
    assertTrue(help.contains("bisecting: bisecting K-Means, nested segments (all customers split in two, then one"
        + " segment at a time); the report adds the segment tree, the splits in order with their sizes and names."),
        help);
    assertTrue(help.contains("--algorithm=NAME clustering algorithm: kmeans, gmm, dbscan, hdbscan, kmedoids or"
        + " bisecting (default: kmeans)"), help);
    assertTrue(help.contains("--k=K number of segments (kmeans, gmm, kmedoids, bisecting)"), help);
  }
}
