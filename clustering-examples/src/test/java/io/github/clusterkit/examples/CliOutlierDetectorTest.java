package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.examples.segment.ModelBundle;
import io.github.clusterkit.examples.segment.Segmentation;
import io.github.clusterkit.examples.segment.Segmenter;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --outliers lof|iforest}: the outliers flagged by a detector fitted on the model rows. The oracle is
 * the library's detector fitted directly on the same preprocessed rows (those of the default segmentation, whose
 * clustering sees them), whose agreement with scikit-learn 1.2.1's {@code LocalOutlierFactor} and {@code
 * IsolationForest} clustering-core's own tests establish: the command must flag the same customers with the same
 * scores, bit for bit (labels.csv writes {@link Double#toString(double)}), keep them in its model file for predict,
 * and leave {@code --outliers model} as it was.
 */
class CliOutlierDetectorTest {

  private static Path mall() {
    return SharedData.file("Mall_Customers.csv");
  }

  /** The model rows of the default segmentation of the Mall customers with k = 5 (its clustering's input). */
  private static Dataset mallRows() throws IOException {
    Segmentation s = Segmenter.defaults().k(5).run(Csv.read(mall()), null);
    return s.scaled();
  }

  private static CliRun segment(Path dir, String... options) {
    List<String> args = new ArrayList<>(List.of("segment", mall().toString(), "--out", dir.toString()));
    args.addAll(List.of(options));
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, r.exit, r.toString());
    return r;
  }

  /** The last two fields of each data row of labels.csv: the outlier flag and the outlier score. */
  private static double[][] flagsAndScores(Path labels) throws IOException {
    return flagsAndScores(labels, 0);
  }

  /** The outlier flag and the outlier score, the last field, with {@code between} fields between them. */
  private static double[][] flagsAndScores(Path labels, int between) throws IOException {
    List<String> lines = Files.readAllLines(labels);
    double[][] out = new double[2][lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int last = line.lastIndexOf(',');
      int end = last;
      for (int b = 0; b < between; b++) {
        end = line.lastIndexOf(',', end - 1);
      }
      int before = line.lastIndexOf(',', end - 1);
      out[0][i - 1] = Boolean.parseBoolean(line.substring(before + 1, end)) ? 1 : 0;
      out[1][i - 1] = Double.parseDouble(line.substring(last + 1));
    }
    return out;
  }

  private static double[] flags(OutlierModel m) {
    double[] out = new double[m.scores().length];
    for (int i : m.outliers()) {
      out[i] = 1;
    }
    return out;
  }

  private static double[] values(Dataset x) {
    double[] v = new double[x.size() * x.dimension()];
    for (int i = 0; i < x.size(); i++) {
      System.arraycopy(x.row(i), 0, v, i * x.dimension(), x.dimension());
    }
    return v;
  }

  @Test
  void lofFlagsTheCustomersOfADirectFitWithItsScores(@TempDir Path dir) throws IOException {
    CliRun r = segment(dir, "--k", "5", "--outliers", "lof");
    Dataset x = mallRows();
    LofModel direct = LocalOutlierFactor.k(20).contamination(0.01).fit(x);
    double[][] got = flagsAndScores(dir.resolve("labels.csv"));
    assertArrayEquals(direct.scores(), got[1]);
    assertArrayEquals(flags(direct), got[0]);
    assertEquals(2, direct.outliers().length, "0.01 of 200 customers above the 99th percentile of the LOF");
    assertTrue(Files.readAllLines(dir.resolve("labels.csv")).get(0).endsWith(",outlier,outlier_score"));
    // the report names the detector and its threshold, and ranks by the LOF
    assertTrue(r.out.contains(String.format(java.util.Locale.ROOT, "outliers: 2 (Local Outlier Factor, k = 20,"
        + " LOF above %.4g (contamination 0.01), highest first)", direct.threshold())), r.out);
    int[] o = direct.outliers();
    double[] sc = direct.scores();
    int first = sc[o[0]] >= sc[o[1]] ? o[0] : o[1];
    int second = first == o[0] ? o[1] : o[0];
    String[] lines = r.out.substring(r.out.indexOf("outliers: 2")).split("\n");
    assertTrue(lines[1].startsWith(String.format(java.util.Locale.ROOT, "  %-10s", first + 1)), r.out);
    assertTrue(lines[1].contains(String.format(java.util.Locale.ROOT, "LOF %.3f", sc[first])), r.out);
    assertTrue(lines[2].startsWith(String.format(java.util.Locale.ROOT, "  %-10s", second + 1)), r.out);
    // the "why" stays: the two features that differ most from the segment
    assertTrue(lines[1].contains("mean "), lines[1]);
    // the detector in the model file was fitted on exactly these rows
    LofModel saved = (LofModel) ModelBundle.load(dir.resolve("model.json")).outlierDetector();
    assertArrayEquals(values(x), saved.state().data());
    assertEquals(direct.threshold(), saved.threshold());
  }

  @Test
  void lofWithItsOwnKAndTheAutoThreshold(@TempDir Path dir) throws IOException {
    CliRun r = segment(dir, "--k", "5", "--outliers", "lof", "--lof-k", "10", "--outlier-share", "auto");
    LofModel direct = LocalOutlierFactor.k(10).contaminationAuto().fit(mallRows());
    double[][] got = flagsAndScores(dir.resolve("labels.csv"));
    assertArrayEquals(direct.scores(), got[1]);
    assertArrayEquals(flags(direct), got[0]);
    assertTrue(r.out.contains("outliers: " + direct.outliers().length + " (Local Outlier Factor, k = 10, LOF above"
        + " 1.500 (auto), highest first)"), r.out);
  }

  @Test
  void iforestFlagsTheCustomersOfADirectFitWithTheSeed(@TempDir Path dir) throws IOException {
    CliRun r = segment(dir, "--k", "5", "--outliers", "iforest", "--seed", "7", "--outlier-share", "0.05");
    IsolationForestModel direct = IsolationForest.defaults().seed(7).contamination(0.05).fit(mallRows());
    double[][] got = flagsAndScores(dir.resolve("labels.csv"));
    assertArrayEquals(direct.scores(), got[1]);
    assertArrayEquals(flags(direct), got[0]);
    assertTrue(r.out.contains("outliers: " + direct.outliers().length + " (isolation forest, 100 trees of 200"
        + " customers, seed 7, score above"), r.out);
    // another seed, another forest
    IsolationForestModel other = IsolationForest.defaults().seed(8).contamination(0.05).fit(mallRows());
    assertNotEquals(other.scores()[0], direct.scores()[0]);
  }

  @Test
  void dbscanNoiseKeepsItsLabelAndTheFlagIsTheDetectors(@TempDir Path dir) throws IOException {
    CliRun r = segment(dir, "--algorithm", "dbscan", "--outliers", "iforest", "--outlier-share", "0.02");
    Segmentation s = Segmenter.defaults().algorithm(Segmenter.Algorithm.DBSCAN).run(Csv.read(mall()), null);
    IsolationForestModel direct = IsolationForest.defaults().seed(42).contamination(0.02).fit(s.scaled());
    double[][] got = flagsAndScores(dir.resolve("labels.csv"));
    assertArrayEquals(direct.scores(), got[1]);
    assertArrayEquals(flags(direct), got[0]);
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
    int[] labels = s.labels();
    int noise = 0;
    for (int i = 0; i < labels.length; i++) {
      assertTrue(lines.get(i + 1).split(",")[1].equals(Integer.toString(labels[i])), lines.get(i + 1));
      noise += labels[i] < 0 ? 1 : 0;
    }
    assertTrue(noise > 0, "the default DBSCAN of the Mall customers has noise");
    assertTrue(r.out.contains(", " + noise + " noise"), r.out);
    assertTrue(r.out.contains("noise keeps its label and is listed only when flagged"), r.out);
  }

  @Test
  void hdbscanTakesTheDetectorsScoreInPlaceOfGlosh(@TempDir Path dir) throws IOException {
    segment(dir, "--algorithm", "hdbscan", "--outliers", "lof");
    Segmentation s = Segmenter.defaults().algorithm(Segmenter.Algorithm.HDBSCAN).run(Csv.read(mall()), null);
    LofModel direct = LocalOutlierFactor.k(20).contamination(0.01).fit(s.scaled());
    List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
    assertEquals("CustomerID,segment,segment_name,outlier,probability,outlier_score", lines.get(0));
    double[][] got = flagsAndScores(dir.resolve("labels.csv"), 1);
    assertArrayEquals(direct.scores(), got[1]);
    assertArrayEquals(flags(direct), got[0]);
  }

  @Test
  void threadsDoNotChangeTheFlags(@TempDir Path dir) throws IOException {
    segment(dir.resolve("one"), "--k", "5", "--outliers", "iforest");
    segment(dir.resolve("two"), "--k", "5", "--outliers", "iforest", "--threads", "2");
    assertEquals(Files.readString(dir.resolve("one/labels.csv")), Files.readString(dir.resolve("two/labels.csv")));
    segment(dir.resolve("three"), "--k", "5", "--outliers", "lof");
    segment(dir.resolve("four"), "--k", "5", "--outliers", "lof", "--threads", "2");
    assertEquals(Files.readString(dir.resolve("three/labels.csv")),
        Files.readString(dir.resolve("four/labels.csv")));
  }

  @Test
  void outliersModelIsTheDefaultByteForByte(@TempDir Path dir) throws IOException {
    CliRun plain = segment(dir.resolve("a"), "--k", "5");
    CliRun model = segment(dir.resolve("b"), "--k", "5", "--outliers", "model");
    assertEquals(plain.out.replace(dir.resolve("a").toString(), "DIR"),
        model.out.replace(dir.resolve("b").toString(), "DIR"));
    for (String f : new String[] {"labels.csv", "profile.csv", "model.json"}) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b")
          .resolve(f)), f);
    }
    assertTrue(Files.readString(dir.resolve("a/model.json")).contains("\"formatVersion\" : 1"));
    ModelBundle b = ModelBundle.load(dir.resolve("a/model.json"));
    assertNull(b.outlierDetector());
  }

  @Test
  void refusedCombinations() {
    String file = mall().toString();
    CliTest.assertOneLineError(CliRun.of("segment", file, "--lof-k", "5"),
        "error: --lof-k does not apply to --outliers model (it sets the neighbours of --outliers lof)");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outliers", "iforest", "--lof-k", "5"),
        "error: --lof-k does not apply to --outliers iforest");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outlier-share", "auto"),
        "error: --outlier-share auto applies to --outliers lof and iforest only");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outliers", "knn"),
        "error: --outliers must be model, lof or iforest, got 'knn'");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outliers", "lof", "--outlier-share", "abc"),
        "error: --outlier-share must be a number from 0 to 0.5 or auto, got 'abc'");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outlier-share", "abc"),
        "error: --outlier-share must be a number from 0 to 0.5, got 'abc'");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outliers", "lof", "--outlier-share", "0"),
        "error: --outlier-share must be > 0 with a detector");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outliers", "lof", "--outlier-share", "0.6"),
        "error: --outlier-share must be in [0, 0.5], got 0.6");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--outliers", "lof", "--lof-k", "0"),
        "error: --lof-k must be >= 1, got 0");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--k", "3", "--outliers", "lof", "--lof-k", "200"),
        "error: --lof-k must be < the number of customers (200; a customer's neighbours are the others), got 200");
    // with dbscan and hdbscan, --outlier-share is still refused for their own outliers (the noise) ...
    CliTest.assertOneLineError(CliRun.of("segment", file, "--algorithm", "dbscan", "--outlier-share", "0.05"),
        "error: --outlier-share does not apply to --algorithm dbscan");
    CliTest.assertOneLineError(CliRun.of("segment", file, "--algorithm", "hdbscan", "--outliers", "model",
        "--outlier-share", "0.05"), "error: --outlier-share does not apply to --algorithm hdbscan");
  }

  @Test
  void dbscanTakesTheShareOfItsDetector(@TempDir Path dir) throws IOException {
    // ... but is the detector's contamination with one
    CliRun r = segment(dir, "--algorithm", "dbscan", "--outliers", "lof", "--outlier-share", "0.05");
    assertTrue(r.out.contains("(contamination 0.05)"), r.out);
  }

  /** New customers: the first 30 of the file and one far from all, as a CSV with the id column. */
  private static Path newCustomers(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(mall());
    List<String> out = new ArrayList<>(lines.subList(0, 31));
    out.add("999,Female,95,250,1");
    Path f = dir.resolve("new.csv");
    Files.write(f, out);
    return f;
  }

  /** The flags and scores printed by predict: the last two fields of each row. */
  private static double[][] predicted(CliRun r) {
    String[] lines = r.out.split("\n");
    double[][] out = new double[2][lines.length - 1];
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int last = line.lastIndexOf(',');
      int before = line.lastIndexOf(',', last - 1);
      out[0][i - 1] = Boolean.parseBoolean(line.substring(before + 1, last)) ? 1 : 0;
      out[1][i - 1] = Double.parseDouble(line.substring(last + 1));
    }
    return out;
  }

  @Test
  void predictFlagsNewCustomersAsTheSavedLofModel(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    segment(out, "--k", "5", "--outliers", "lof");
    Path customers = newCustomers(dir);
    CliRun p = CliRun.of("predict", out.resolve("model.json").toString(), customers.toString());
    assertEquals(0, p.exit, p.toString());
    assertTrue(p.out.startsWith("CustomerID,segment,segment_name,outlier,outlier_score\n"), p.out);
    // the in-process segmentation's detector on the new customers' preprocessed rows
    Segmentation s = Segmenter.defaults().k(5).outliers(Segmenter.Outliers.LOF).run(Csv.read(mall()), null);
    Table t = Csv.read(customers);
    Dataset x = s.pipeline().transform(t);
    double[] score = s.outlierDetector().score(x);
    boolean[] flag = s.outlierDetector().isOutlier(x);
    double[][] got = predicted(p);
    for (int i = 0; i < score.length; i++) {
      // predict prints 4 decimals
      assertEquals(score[i], got[1][i], 5e-5, "customer " + i);
      assertEquals(flag[i] ? 1 : 0, got[0][i], "customer " + i);
    }
    assertTrue(flag[score.length - 1], "the customer of age 95 with an income of 250 stands out");
    // and the saved model scores them exactly as the in-process one
    OutlierModel saved = ModelBundle.load(out.resolve("model.json")).outlierDetector();
    assertArrayEquals(score, saved.score(x));
    // a customer of the fit fed back finds its own copy among the neighbours: its LOF as a new point is not its
    // training LOF (see ModelBundle), here for every one of the first 30
    double[] training = s.outlierDetector().scores();
    for (int i = 0; i < 30; i++) {
      assertNotEquals(training[i], score[i], "customer " + i);
    }
  }

  @Test
  void predictGivesAnIsolationForestsTrainingScoresBack(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    segment(out, "--k", "5", "--outliers", "iforest", "--seed", "3");
    Path customers = newCustomers(dir);
    CliRun p = CliRun.of("predict", out.resolve("model.json").toString(), customers.toString());
    assertEquals(0, p.exit, p.toString());
    double[][] fit = flagsAndScores(out.resolve("labels.csv"));
    double[][] got = predicted(p);
    for (int i = 0; i < 30; i++) {
      assertEquals(fit[1][i], got[1][i], 5e-5, "customer " + i);
      assertEquals(fit[0][i], got[0][i], "customer " + i);
    }
    ModelBundle b = ModelBundle.load(out.resolve("model.json"));
    Dataset x = b.pipeline().transform(Csv.read(customers));
    boolean[] flag = b.outlierDetector().isOutlier(x);
    assertEquals(flag[30] ? 1 : 0, got[0][30]);
    assertTrue(Files.readString(out.resolve("model.json")).contains("\"formatVersion\" : 2"));
  }

  @Test
  void aBundleWithoutADetectorStillPredictsByTheModel(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    segment(out, "--k", "5");
    CliRun p = CliRun.of("predict", out.resolve("model.json").toString(), newCustomers(dir).toString());
    assertEquals(0, p.exit, p.toString());
    assertTrue(p.out.startsWith("CustomerID,segment,segment_name,outlier\n"), p.out);
    assertFalse(p.out.contains("outlier_score"));
  }

  @Test
  void theVersionGoesWithTheDetector(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    segment(out, "--k", "5", "--outliers", "lof");
    Path model = out.resolve("model.json");
    String text = Files.readString(model);
    Path v1 = dir.resolve("v1.json");
    Files.writeString(v1, text.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
    CliTest.assertOneLineError(CliRun.of("predict", v1.toString(), newCustomers(dir).toString()),
        "formatVersion must be 2 for a file with \"outlierDetector\", got 1");
    Path other = dir.resolve("plain");
    segment(other, "--k", "5");
    Path v2 = dir.resolve("v2.json");
    Files.writeString(v2, Files.readString(other.resolve("model.json"))
        .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
    CliTest.assertOneLineError(CliRun.of("predict", v2.toString(), newCustomers(dir).toString()),
        "formatVersion must be 1 for a file without \"outlierDetector\", got 2");
  }
}
