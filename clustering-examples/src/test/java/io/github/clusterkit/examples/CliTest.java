package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.eval.Dbcv;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.io.CsvOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: the no-file demonstration, the algorithms, predict, and one-line errors with exit 2. */
class CliTest {

  static void assertOneLineError(CliRun r, String fragment) {
    assertEquals(Cli.USAGE, r.exit, r.toString());
    assertEquals("", r.out, r.toString());
    String[] lines = r.err.split("\n");
    assertEquals(1, lines.length, r.toString());
    assertTrue(lines[0].startsWith("error: "), r.toString());
    assertTrue(lines[0].contains(fragment), r.toString());
    assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r.toString());
  }

  @Test
  void segmentWithoutFileUsesTheGeneratedCustomers(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.of("segment", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    assertTrue(r.out.startsWith("clusterkit segment: 1000 customers from the built-in generated table"), r.out);
    // 27 + 13 cells are blanked by the generator (seed 2024)
    assertTrue(r.out.contains("missing cells imputed: 40 = hours_online 27 (median), preferred_channel 13"
        + " (most frequent)"), r.out);
    assertTrue(r.out.contains("log1p of skewed columns (skewness > 2, no negative value): annual_spending"), r.out);
    assertTrue(r.out.contains("outliers: 10 (farthest from their segment's centroid)"), r.out);
    assertTrue(r.out.contains("High Hours Online, Mostly Online"), r.out);
    assertTrue(r.out.contains("High Annual Spending, Mostly App"), r.out);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    assertEquals(1001, labels.size());
    assertEquals("customer_id,segment,segment_name,outlier", labels.get(0));
    long flagged = labels.stream().filter(l -> l.endsWith(",true")).count();
    assertEquals(10, flagged, "1% of 1000 customers");
  }

  @Test
  void gmmReportsProbabilitiesAndPredictAgrees(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.of("segment", "--algorithm", "gmm", "--k", "4", "--k-max", "4", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("Gaussian mixture, 4 components"), r.out);
    assertTrue(r.out.contains("outliers: 10 (lowest mixture likelihood)"), r.out);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    assertEquals("customer_id,segment,segment_name,outlier,probability", labels.get(0));
    for (int i = 1; i < labels.size(); i++) {
      String[] f = labels.get(i).split(",");
      double p = Double.parseDouble(f[f.length - 1]);
      assertTrue(p >= 0.25 && p <= 1, labels.get(i)); // the highest of 4 probabilities is at least 1/4
    }
  }

  @Test
  void dbscanFindsNoiseAndTheKDistanceKnee(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.of("segment", "--algorithm", "DBSCAN", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("DBSCAN, eps = "), r.out);
    assertTrue(r.out.contains("minPts = 12"), "2 x 6 model columns: " + r.out);
    assertTrue(r.out.contains("(DBSCAN noise)"), r.out);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    for (int i = 1; i < labels.size(); i++) {
      String[] f = labels.get(i).split(",");
      // noise and only noise is flagged
      assertEquals(f[1].equals("-1"), f[f.length - 1].equals("true"), labels.get(i));
    }
    assertTrue(labels.stream().anyMatch(l -> l.contains(",-1,Outliers (noise),true")), "some noise");
    // DBCV (noise counting against it) from the library on an independent DBSCAN fit: the same preprocessing,
    // minPts = 12 and eps at the knee of the 12-distance curve, as the help and Segmenter's Javadoc document
    Dataset x = CliHdbscanTest.generatedScaled();
    DbscanModel oracle = Dbscan.eps(KDistance.of(x, 12).knee()).minPts(12).fit(x);
    for (int i = 1; i < labels.size(); i++) {
      assertEquals(oracle.labels()[i - 1], Integer.parseInt(labels.get(i).split(",")[1]), labels.get(i));
    }
    CliHdbscanTest.assertEndsWith(CliHdbscanTest.dbcvEnd(x, oracle.labels()), CliHdbscanTest.qualityLine(r.out));
  }

  @Test
  void dbcvNotAvailableForASingleSegment(@TempDir Path dir) {
    // eps 100 in scaled units joins every customer into one segment: the other indices are n/a, and DBCV, which
    // the library refuses for fewer than two clusters of two rows, is n/a with the reason
    CliRun r = CliRun.of("segment", "--algorithm", "dbscan", "--eps", "100", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("DBSCAN, eps = 100.0 (scaled units), minPts = 12: 1 segment, 0 noise\n"), r.out);
    assertEquals("quality: silhouette n/a, Davies-Bouldin n/a, Calinski-Harabasz n/a (noise left out),"
        + " DBCV n/a (fewer than 2 segments of at least 2 customers)", CliHdbscanTest.qualityLine(r.out));
    Dataset x = CliHdbscanTest.generatedScaled();
    int[] one = new int[x.size()];
    assertThrows(IllegalArgumentException.class, () -> Dbcv.score(x, one));
  }

  @Test
  void kmeansQualityLineHasNoDbcv() {
    // K-Means and mixtures keep the line they had: three indices, no noise note, no DBCV
    for (String a : new String[] {"kmeans", "gmm"}) {
      String q = CliHdbscanTest.qualityLine(CliRun.of("segment", "--algorithm", a, "--k", "3").out);
      assertTrue(q.matches("quality: silhouette -?\\d\\.\\d{4}, Davies-Bouldin \\d+\\.\\d{4},"
          + " Calinski-Harabasz \\d+\\.\\d"), q);
    }
  }

  @Test
  void predictFlagsAndLabelsNewCustomers(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.of("segment", "--k", "4", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    Path customers = dir.resolve("new.csv");
    Files.writeString(customers, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,7,9,app\n"
        + "N2,400,1,,store\n"
        + "N3,90000,30,40,kiosk\n");
    assertTrue(r.out.contains("assign new customers: java -jar clusterkit-cli.jar predict "), r.out);
    CliRun p = CliRun.of("predict", dir.resolve("model.json").toString(), customers.toString());
    assertEquals(0, p.exit, p.toString());
    String[] lines = p.out.split("\n");
    assertEquals(4, lines.length, p.out);
    assertTrue(lines[1].startsWith("N1,") && lines[1].contains("High Annual Spending") && lines[1].endsWith(",false"),
        p.out);
    assertTrue(lines[2].startsWith("N2,") && lines[2].endsWith(",false"), p.out);
    assertTrue(lines[3].startsWith("N3,") && lines[3].endsWith(",true"), "far from every segment: " + p.out);
    // "kiosk" is no channel of the training customers: predict says so (the encoder counts it as none of them)
    assertEquals("note: 1 customer has a category the model never saw, counted as none of its known ones:"
        + " preferred_channel 'kiosk' (1)\n", p.err);
  }

  @Test
  void encodingReadsFilesSavedInAnotherCharset(@TempDir Path dir) throws IOException {
    // a windows-1252 file (0xE4 for a-umlaut), as German spreadsheets save CSV: refused as UTF-8, read with --encoding,
    // and its two levels kept apart ("m\u00e4nnlich" and "weiblich", not one level with U+FFFD)
    java.nio.charset.Charset cp1252 = java.nio.charset.Charset.forName("windows-1252");
    StringBuilder sb = new StringBuilder("id;Geschlecht;Alter;Umsatz\r\n");
    for (int i = 0; i < 40; i++) {
      sb.append(i).append(';').append(i % 2 == 0 ? "m\u00e4nnlich" : "weiblich").append(';').append(20 + i % 7)
          .append(';').append(i < 20 ? 100 + i : 900 + i).append("\r\n");
    }
    Path ansi = dir.resolve("kunden.csv");
    Files.write(ansi, sb.toString().getBytes(cp1252));
    Path out = dir.resolve("seg");
    CliRun r = CliRun.of("segment", ansi.toString(), "--encoding", "windows-1252", "--k", "2", "--out",
        out.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("M\u00e4nnlich") && r.out.contains("Weiblich"), r.out);
    Path neu = dir.resolve("neu.csv");
    Files.write(neu, "id;Geschlecht;Alter;Umsatz\r\n7;m\u00e4nnlich;25;950\r\n".getBytes(cp1252));
    CliRun p = CliRun.of("predict", out.resolve("model.json").toString(), neu.toString(), "--encoding", "cp1252");
    assertEquals(0, p.exit, p.toString());
    assertTrue(p.out.startsWith("id,segment,segment_name,outlier\n7,"), p.out);
    CliRun wrong = CliRun.of("predict", out.resolve("model.json").toString(), neu.toString());
    assertOneLineError(wrong, "give it with --encoding");
  }

  @Test
  void predictOnAFileWithoutTheIdColumnNumbersTheRows(@TempDir Path dir) throws IOException {
    // segment leaves the detected id column (customer_id) out of the pipeline, so a file of new customers need not
    // have it: predict then labels the rows by their number (1 = the first data row) in a column named "row". The
    // segments must be those of the same customers given with ids.
    CliRun r = CliRun.of("segment", "--k", "4", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    Path withIds = dir.resolve("with-ids.csv");
    Files.writeString(withIds, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,7,9,app\n"
        + "N2,400,1,,store\n");
    Path noIds = dir.resolve("no-ids.csv");
    Files.writeString(noIds, "preferred_channel,hours_online,annual_spending,visits_per_month\n"
        + "app,9,7000,7\n"
        + "store,,400,1\n");
    CliRun a = CliRun.of("predict", dir.resolve("model.json").toString(), withIds.toString());
    CliRun b = CliRun.of("predict", dir.resolve("model.json").toString(), noIds.toString());
    assertEquals(0, b.exit, b.toString());
    String[] la = a.out.split("\n");
    String[] lb = b.out.split("\n");
    assertEquals(3, lb.length, b.out);
    assertEquals(la[0].replaceFirst("^customer_id,", "row,"), lb[0]);
    assertEquals(la[1].replaceFirst("^N1,", "1,"), lb[1]);
    assertEquals(la[2].replaceFirst("^N2,", "2,"), lb[2]);
  }

  @Test
  void aMissingIdCellIsAnEmptyFieldInLabelsAndPredict(@TempDir Path dir) throws IOException {
    // --id-column may name a column with empty cells (detection never picks one, the user may). The rule: a
    // customer without an id gets an empty first field, in labels.csv and in predict's output alike; before,
    // a categorical id column failed with a NullPointerException after the report, and a numeric one wrote "n/a".
    Path file = dir.resolve("ids.csv");
    Files.writeString(file, "code,num,spend,visits\n"
        + "A1,1,10,1\n"
        + ",2,12,2\n"
        + "A3,,50,8\n"
        + "A4,4,52,9\n"
        + "A5,5,11,1\n"
        + "A6,6,49,7\n");
    CliRun byCode = CliRun.of("segment", file.toString(), "--id-column", "code", "--k", "2", "--out",
        dir.resolve("a").toString());
    assertEquals(0, byCode.exit, byCode.toString());
    List<String> a = Files.readAllLines(dir.resolve("a/labels.csv"));
    assertEquals("code,segment,segment_name,outlier", a.get(0));
    assertTrue(a.get(1).startsWith("A1,"), a.toString());
    assertTrue(a.get(2).matches(",[01],.*"), a.toString());
    assertFalse(byCode.out.contains("null"), byCode.out);

    CliRun byNum = CliRun.of("segment", file.toString(), "--id-column", "num", "--k", "2", "--out",
        dir.resolve("b").toString());
    assertEquals(0, byNum.exit, byNum.toString());
    List<String> b = Files.readAllLines(dir.resolve("b/labels.csv"));
    assertTrue(b.get(1).startsWith("1,"), b.toString());
    assertTrue(b.get(3).matches(",[01],.*"), b.toString());
    CliRun p = CliRun.of("predict", dir.resolve("b/model.json").toString(), file.toString());
    assertEquals(0, p.exit, p.toString());
    String[] lines = p.out.split("\n");
    assertEquals(b.get(3), lines[3], "predict labels the training customers as segment did");
  }

  @Test
  void idsAreWrittenAsInTheFile(@TempDir Path dir) throws IOException {
    // A column of digits is read as numbers; labels.csv and predict must still give each id exactly as the file
    // writes it, so that they can be joined back to the customers: leading zeros kept (the raw Kaggle mall file
    // has ids 0001..0200), no thousands separator (before, 100000 was written "100,000").
    Path file = dir.resolve("ids.csv");
    String[] ids = {"0001", "0002", "100000", "100007", "1234567", "0042"};
    Files.writeString(file, "CustomerID,spend,visits\n"
        + ids[0] + ",10,1\n" + ids[1] + ",12,2\n" + ids[2] + ",50,8\n"
        + ids[3] + ",52,9\n" + ids[4] + ",11,1\n" + ids[5] + ",49,7\n");
    CliRun r = CliRun.of("segment", file.toString(), "--k", "2", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("(customer id: CustomerID)"), r.out);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    CliRun p = CliRun.of("predict", dir.resolve("model.json").toString(), file.toString());
    assertEquals(0, p.exit, p.toString());
    String[] predicted = p.out.split("\n");
    assertEquals(ids.length + 1, labels.size());
    for (int i = 0; i < ids.length; i++) {
      assertTrue(labels.get(i + 1).startsWith(ids[i] + ","), labels.toString());
      assertTrue(predicted[i + 1].startsWith(ids[i] + ","), p.out);
    }
  }

  /**
   * A recommendation at the largest k of the sweep says only that the silhouette was still rising: the report says
   * so when --k-max cut the sweep (k = 1..2 on the generated customers, where k = 2 is the only k with a
   * silhouette), and not when the best k lies inside the range or k was asked for.
   */
  @Test
  void aBestKAtTheEndOfTheSweepIsFlagged(@TempDir Path dir) throws IOException {
    CliRun cut = CliRun.of("segment", "--k-max", "2", "--out", dir.toString());
    assertEquals(0, cut.exit, cut.toString());
    assertTrue(cut.out.contains("note: the silhouette is highest at the largest k tried (2) and may rise further:"
        + " widen --k-max, or choose with --k"), cut.out);
    CliRun inside = CliRun.of("segment", "--out", dir.toString());
    assertFalse(inside.out.contains("note: the silhouette is highest"), inside.out);
    CliRun asked = CliRun.of("segment", "--k-max", "2", "--k", "2", "--out", dir.toString());
    assertFalse(asked.out.contains("note: the silhouette is highest"), asked.out);
  }

  @Test
  void theSweepStopsAtTheNumberOfDifferentCustomers(@TempDir Path dir) throws IOException {
    // Categories only: 120 customers in 2 x 3 = 6 different (gender, plan) pairs, by construction. K-Means cannot
    // make 7 segments of 6 different points, so the sweep over k = 1..10 must stop at 6; before, the command
    // failed with "k must be <= the number of distinct rows (6), got 7" although no k had been asked for.
    StringBuilder sb = new StringBuilder("gender,plan\n");
    String[] plans = {"basic", "pro", "max"};
    for (int i = 0; i < 120; i++) {
      sb.append(i % 2 == 0 ? "F" : "M").append(',').append(plans[i % 3]).append('\n');
    }
    Path file = dir.resolve("cats.csv");
    Files.writeString(file, sb);
    CliRun r = CliRun.of("segment", file.toString(), "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("\n   6 "), r.out);
    assertFalse(r.out.contains("\n   7 "), r.out);
    assertEquals(121, Files.readAllLines(dir.resolve("labels.csv")).size());

    // no two different customers at all: one line saying so, not a message about a k nobody asked for
    Path same = dir.resolve("same.csv");
    Files.writeString(same, "x,y\n5,5\n5,5\n5,5\n5,5\n");
    assertOneLineError(CliRun.of("segment", same.toString(), "--out", dir.toString()), "nothing to segment");
  }

  @Test
  void semicolonAndTabSeparatedFilesReadAsTheCommaSeparatedOne(@TempDir Path dir) throws IOException {
    // The same table written three ways; a spreadsheet in a decimal-comma locale saves it with semicolons. Every
    // output must be the comma file's (before, a semicolon file was read as one column named
    // 'CustomerID;"Income, k$";Score;Channel' and segmented on that text, with exit 0). The quoted header name
    // holds a comma, which is not a separator.
    String[][] rows = {{"CustomerID", "\"Income, k$\"", "Score", "Channel"}, {"1", "15", "39", "web"},
        {"2", "16", "81", "store"}, {"3", "17", "6", "web"}, {"4", "60", "50", "store"}, {"5", "62", "55", "web"},
        {"6", "120", "10", "store"}, {"7", "125", "90", "web"}, {"8", "18", "77", "store"}};
    String[] seps = {",", ";", "\t"};
    String[] outputs = new String[seps.length];
    for (int t = 0; t < seps.length; t++) {
      StringBuilder sb = new StringBuilder();
      for (String[] row : rows) {
        sb.append(String.join(seps[t], row)).append("\r\n");
      }
      Path file = dir.resolve("c" + t + ".csv");
      Files.writeString(file, sb);
      Path out = dir.resolve("out" + t);
      CliRun r = CliRun.of("segment", file.toString(), "--k", "3", "--out", out.toString());
      assertEquals(0, r.exit, r.toString());
      assertTrue(r.out.contains("features: Income, k$, Score, Channel  (customer id: CustomerID)"), r.out);
      CliRun p = CliRun.of("predict", dir.resolve("out0/model.json").toString(), file.toString());
      assertEquals(0, p.exit, p.toString());
      outputs[t] = Files.readString(out.resolve("labels.csv")) + Files.readString(out.resolve("profile.csv"))
          + p.out;
    }
    assertEquals(outputs[0], outputs[1]);
    assertEquals(outputs[0], outputs[2]);
  }

  @Test
  void decimalCommasOfASemicolonFileReadAsTheDecimalPointsOfACommaFile(@TempDir Path dir) throws IOException {
    // The same customers written by a spreadsheet in a decimal-comma locale (';' between fields, 15,5) and in
    // a decimal-point one (',' and 15.5). Every output must be the point file's: labels, profile, and predict
    // on the semicolon file with the model of the comma file (the model file holds nothing about separators).
    // Before, Income and Score were text in the semicolon file: segment one-hot encoded them as categories.
    String[][] rows = {{"CustomerID", "Income", "Score", "Channel"}, {"1", "15.5", "39.25", "web"},
        {"2", "16", "81.5", "store"}, {"3", "17.75", "6", "web"}, {"4", "60.5", "50", "store"},
        {"5", "62.25", "55.5", "web"}, {"6", "120", "10.75", "store"}, {"7", "125.5", "90", "web"},
        {"8", "18.5", "77.25", "store"}, {"9", "-0.5e1", "", "web"}};
    StringBuilder points = new StringBuilder();
    StringBuilder commas = new StringBuilder();
    for (String[] row : rows) {
      points.append(String.join(",", row)).append('\n');
      commas.append(String.join(";", row).replace('.', ',')).append("\r\n");
    }
    Path pointFile = dir.resolve("points.csv");
    Path commaFile = dir.resolve("commas.csv");
    Files.writeString(pointFile, points);
    Files.writeString(commaFile, commas);
    assertEquals(Cli.readTable(pointFile), Cli.readTable(commaFile));
    String[] outputs = new String[2];
    Path[] files = {pointFile, commaFile};
    for (int t = 0; t < 2; t++) {
      Path out = dir.resolve("out" + t);
      CliRun r = CliRun.of("segment", files[t].toString(), "--k", "3", "--out", out.toString());
      assertEquals(0, r.exit, r.toString());
      assertTrue(r.out.contains("features: Income, Score, Channel  (customer id: CustomerID)"), r.out);
      CliRun p = CliRun.of("predict", dir.resolve("out0/model.json").toString(), files[t].toString());
      assertEquals(0, p.exit, p.toString());
      outputs[t] = Files.readString(out.resolve("labels.csv")) + Files.readString(out.resolve("profile.csv"))
          + p.out;
    }
    assertEquals(outputs[0], outputs[1]);
  }

  @Test
  void aSemicolonFileWithDecimalPointsReadsAsWritten(@TempDir Path dir) throws IOException {
    // The rule of the decimal comma must not misread a file whose numbers have decimal points (the rule is stated
    // in Cli.withDecimalCommas and the README). Expected values are the cells as written.
    Path f = dir.resolve("f.csv");
    // commas as thousands separators, points as decimal points: as before, the thousands stay text
    Files.writeString(f, "a;b;c\n1,234;2.5;x\n5,678;3;y\n");
    Table t = Cli.readTable(f);
    assertArrayEquals(new String[] {"1,234", "5,678"}, t.categorical("a"));
    assertArrayEquals(new double[] {2.5, 3}, t.numeric("b"));
    // whole numbers only, commas all shaped as thousands separators: text, as the comma cannot be told apart
    Files.writeString(f, "a;b\n1,234;7\n-12,500;8\n");
    assertArrayEquals(new String[] {"1,234", "-12,500"}, Cli.readTable(f).categorical("a"));
    // one cell that no thousands separator writes (2,5): decimal commas, 1,234 = 1.234
    Files.writeString(f, "a;b\n1,234;7\n2,5;8\n0,125;9\n");
    assertArrayEquals(new double[] {1.234, 2.5, 0.125}, Cli.readTable(f).numeric("a"));
    // another column shows the decimal comma (2,5), so the file's commas are decimal commas, 1,234 included: before,
    // a stayed text (one category per value) because each of its commas taken alone could be a thousands separator
    Files.writeString(f, "a;b\n1,234;2,5\n-5,678;3\n");
    t = Cli.readTable(f);
    assertArrayEquals(new double[] {1.234, -5.678}, t.numeric("a"));
    assertArrayEquals(new double[] {2.5, 3}, t.numeric("b"));
    // ... but a text column stays text, and a decimal point elsewhere still means thousands separators
    Files.writeString(f, "a;b;c\n1,234;2,5;x,y\n5,678;3;z\n");
    assertArrayEquals(new double[] {1.234, 5.678}, Cli.readTable(f).numeric("a"));
    assertArrayEquals(new String[] {"x,y", "z"}, Cli.readTable(f).categorical("c"));
    Files.writeString(f, "a;b;c\n1,234;2,5;1.5\n5,678;3;2\n");
    assertArrayEquals(new String[] {"1,234", "5,678"}, Cli.readTable(f).categorical("a"));
    // a number with a decimal point anywhere in the file: the file writes decimal points, 2,5 stays text
    Files.writeString(f, "a;b\n2,5;1.5\n3,5;2\n");
    assertArrayEquals(new String[] {"2,5", "3,5"}, Cli.readTable(f).categorical("a"));
    // tab-separated files follow the same rule; comma-separated ones never read decimal commas
    Files.writeString(f, "a\tb\n2,5\tx\n3\ty\n");
    assertArrayEquals(new double[] {2.5, 3}, Cli.readTable(f).numeric("a"));
    Files.writeString(f, "a,b\n\"2,5\",x\n3,y\n");
    assertArrayEquals(new String[] {"2,5", "3"}, Cli.readTable(f).categorical("a"));
  }

  @Test
  void aSemicolonFileIsReadAgainWithDecimalCommasOnlyWhenATextColumnCouldHoldThem(@TempDir Path dir)
      throws IOException {
    // Before, every semicolon or tab file with a text column (Mall_Customers' Gender) was read a second time with
    // a decimal comma, and both tables held at once, although no text column could turn numeric. Expected (exact
    // rule): a second reading only when a text column, not made text by the options, holds only decimal-comma
    // numbers or missing cells.
    CsvOptions semicolon = CsvOptions.defaults().delimiter(';');
    Path f = dir.resolve("mall.csv");
    Files.writeString(f, "CustomerID;Gender;Age;Score\n1;Male;19;39\n2;Female;;81\n3;NA;20;6\n");
    Table t = Csv.read(f, semicolon);
    assertFalse(Cli.mayHoldDecimalCommas(t, semicolon));
    assertEquals(t, Cli.readTable(f));
    // the ids forced to text by readCustomers are digits, but stay text
    Table ids = Csv.read(f, semicolon.type("CustomerID", ColumnType.CATEGORICAL));
    assertFalse(Cli.mayHoldDecimalCommas(ids, semicolon.type("CustomerID", ColumnType.CATEGORICAL)));
    // a column of decimal commas (and a missing cell) next to the text column: read again, and numeric
    Files.writeString(f, "CustomerID;Gender;Income\n1;Male; 15,5 \n2;Female;\n3;Male;-1,5e1\n");
    assertTrue(Cli.mayHoldDecimalCommas(Csv.read(f, semicolon), semicolon));
    assertArrayEquals(new double[] {15.5, Double.NaN, -15}, Cli.readTable(f).numeric("Income"));
  }

  @Test
  void aNumericColumnWithOneTextCellIsNamedWithThatCell(@TempDir Path dir) throws IOException {
    // Mall_Customers with Age "n/a" in data row 5: the column is text, with 51 ages + "n/a" = 52 categories. Before,
    // the error read "column 'Age' is categorical with 52 distinct values (at most 50); if it identifies customers
    // name it with --id-column", which points away from the cell. Expected: the cell, its row and what to write.
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"));
    lines.set(5, lines.get(5).replaceFirst("^(\\d+,\\w+,)\\d+,", "$1n/a,"));
    Path f = dir.resolve("mall.csv");
    Files.write(f, lines);
    assertOneLineError(CliRun.of("segment", f.toString(), "--out", dir.resolve("out").toString()),
        "column 'Age' holds numbers but also text, such as 'n/a' in row 5 (1 = the first data row), so it is read"
            + " as categories, 52 of them (at most 50); leave a missing value empty or write NA, or leave the column"
            + " out with --columns");
    // a text column of many values is still taken for an identifier
    StringBuilder sb = new StringBuilder("code,x\n");
    for (int i = 0; i < 60; i++) {
      sb.append("K").append(i).append(',').append(i % 7).append('\n');
    }
    Files.writeString(f, sb);
    assertOneLineError(CliRun.of("segment", f.toString(), "--out", dir.resolve("out").toString()),
        "column 'code' is categorical with 60 distinct values (at most 50); if it identifies customers name it with"
            + " --id-column");
  }

  @Test
  void spacesAroundColumnNamesAreIgnored(@TempDir Path dir) throws IOException {
    // --columns "Age, Gender" as people type it. Before: "no column named ' Gender'". Expected: the run of
    // --columns Age,Gender (same report and labels); a name with spaces inside stays as it is, and a header name
    // that has spaces around it is still found as written.
    Path file = dir.resolve("c.csv");
    Files.writeString(file, "CustomerID,Age,Gender,Annual Income, pad \n1,19,Male,15,1\n2,21,Male,15,2\n"
        + "3,20,Female,16,3\n4,23,Female,16,4\n5,31,Female,17,5\n6,22,Female,17,6\n7,35,Male,18,7\n");
    CliRun plain = CliRun.of("segment", file.toString(), "--columns", "Age,Gender", "--k", "2", "--out",
        dir.resolve("a").toString());
    CliRun spaced = CliRun.of("segment", file.toString(), "--columns", " Age ,  Gender", "--k", "2", "--out",
        dir.resolve("b").toString());
    assertEquals(0, spaced.exit, spaced.toString());
    assertTrue(spaced.out.contains("features: Age, Gender  (customer id: CustomerID)"), spaced.out);
    assertEquals(plain.out.replace(dir.resolve("a").toString(), "OUT"),
        spaced.out.replace(dir.resolve("b").toString(), "OUT"));
    assertEquals(Files.readString(dir.resolve("a/labels.csv")), Files.readString(dir.resolve("b/labels.csv")));
    CliRun inner = CliRun.of("segment", file.toString(), "--columns", "Age, Annual Income, pad ", "--k", "2",
        "--out", dir.resolve("c").toString());
    assertEquals(0, inner.exit, inner.toString());
    assertTrue(inner.out.contains("features: Age, Annual Income,  pad "), inner.out);
    assertOneLineError(CliRun.of("segment", file.toString(), "--columns", "Age, Annual  Income", "--out",
        dir.resolve("d").toString()), "'Annual  Income'");
  }

  @Test
  void spacesAroundTheIdColumnNameAreIgnored(@TempDir Path dir) throws IOException {
    // --id-column " CustomerID " as a script may pass it. Before: the name was looked up as given, and the run
    // failed on a column that does not exist. Expected: the run of --id-column CustomerID, same report and labels
    // (ids as written, 0042 included); a header name with spaces around it is still found as written.
    Path file = dir.resolve("c.csv");
    Files.writeString(file, "CustomerID,Age,Income, key \n0041,19,15,a\n0042,21,15,b\n0043,20,16,c\n0044,23,16,d\n"
        + "0045,31,17,e\n0046,22,17,f\n0047,35,18,g\n");
    CliRun plain = CliRun.of("segment", file.toString(), "--id-column", "CustomerID", "--columns", "Age,Income",
        "--k", "2", "--out", dir.resolve("a").toString());
    CliRun spaced = CliRun.of("segment", file.toString(), "--id-column", " CustomerID ", "--columns", "Age,Income",
        "--k", "2", "--out", dir.resolve("b").toString());
    assertEquals(0, plain.exit, plain.toString());
    assertEquals(0, spaced.exit, spaced.toString());
    assertTrue(spaced.out.contains("(customer id: CustomerID)"), spaced.out);
    assertEquals(plain.out.replace(dir.resolve("a").toString(), "OUT"),
        spaced.out.replace(dir.resolve("b").toString(), "OUT"));
    assertEquals(Files.readString(dir.resolve("a/labels.csv")), Files.readString(dir.resolve("b/labels.csv")));
    assertTrue(Files.readString(dir.resolve("b/labels.csv")).contains("0042"));
    CliRun asWritten = CliRun.of("segment", file.toString(), "--id-column", " key ", "--columns", "Age,Income",
        "--k", "2", "--out", dir.resolve("c").toString());
    assertEquals(0, asWritten.exit, asWritten.toString());
    assertTrue(asWritten.out.contains("(customer id:  key )"), asWritten.out);
  }

  @Test
  void anIdColumnThatRepeatsAnIdIsRefused(@TempDir Path dir) throws IOException {
    // --id-column Gender was accepted and labels.csv then had the ids Male and Female, which join back to no
    // customer. The rule: an id column names each customer once, missing ids aside (see
    // aMissingIdCellIsAnEmptyFieldInLabelsAndPredict). Expected rows: the first repeated id by its second
    // occurrence, counted from 1 = the first data row, as written below.
    Path file = dir.resolve("c.csv");
    Files.writeString(file, "Num,Gender,Age,Spend\n1,Female,19,15\n,Male,21,15\n3,Male,20,16\n"
        + ",Female,23,16\n0003,Female,31,17\n3,Male,22,17\n");
    assertEquals("error: the id column 'Gender' has 'Male' in rows 2 and 3 (1 = the first data row); an id column"
        + " must name each customer once (missing ids aside)\n",
        CliRun.of("segment", file.toString(), "--id-column", "Gender", "--k", "2", "--out", dir.toString()).err);
    // ids of digits are taken as written (as labels.csv writes them): 0003 is not 3, the second 3 is
    CliRun num = CliRun.of("segment", file.toString(), "--id-column", "Num", "--k", "2", "--out", dir.toString());
    assertOneLineError(num, "the id column 'Num' has '3' in rows 3 and 6 (1 = the first data row)");
    assertFalse(Files.exists(dir.resolve("labels.csv")));
  }

  @Test
  void countsOfOneAreSingular(@TempDir Path dir) throws IOException {
    // Before: "the table has 1 rows", "expected 1 fields", "model input: 1 columns", "1 components".
    Path one = dir.resolve("one.csv");
    Files.writeString(one, "spend\n5\n");
    assertEquals("error: the table has 1 row; segmentation needs at least 3\n",
        CliRun.of("segment", one.toString(), "--out", dir.toString()).err);
    Files.writeString(one, "spend\n5\n6,7\n");
    assertEquals("error: cannot read " + one + ": line 3: expected 1 field, got 2\n",
        CliRun.of("segment", one.toString(), "--out", dir.toString()).err);
    Files.writeString(one, "spend\n5\n6\n9\n");
    CliRun r = CliRun.of("segment", one.toString(), "--algorithm", "gmm", "--k", "1", "--k-max", "2", "--out",
        dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("model input: 1 column (numbers"), r.out);
    assertTrue(r.out.contains("Gaussian mixture, 1 component (as asked)"), r.out);
    assertTrue(r.out.contains("      3 customers (100.0%)"), r.out);
  }

  @Test
  void predictNamesAMissingOrMistypedColumnInAUsersTerms(@TempDir Path dir) throws IOException {
    // The model of the generated customers reads annual_spending, visits_per_month, hours_online (numbers) and
    // preferred_channel (text). Before, predict printed the pipeline's message for library users ("the table has
    // no column 'hours_online', which the pipeline was fitted on: step 0 (Imputer) reads it; ...
    // (requiredColumns()) ... ColumnSelector ..."). The expected lines are the rule of Cli.checkColumns.
    CliRun r = CliRun.of("segment", "--k", "3", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    String model = dir.resolve("model.json").toString();
    Path f = dir.resolve("new.csv");
    Files.writeString(f, "customer_id,annual_spending,visits_per_month,preferred_channel\nN1,7000,7,app\n");
    assertEquals("error: the model needs column 'hours_online' (numbers); " + f + " has no such column (its"
        + " columns: customer_id, annual_spending, visits_per_month, preferred_channel)\n",
        CliRun.of("predict", model, f.toString()).err);
    Files.writeString(f, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,7,9,app\nN2,400,1,,store\nN3,90000,30,lots,web\n");
    assertEquals("error: the model needs column 'hours_online' (numbers); in " + f + " it holds text, such as"
        + " 'lots' in row 3 (1 = the first data row)\n", CliRun.of("predict", model, f.toString()).err);
    // a text column whose cells here are all digits is read as text, as the model saw it (digitCategoriesAreText)
    Files.writeString(f, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,7,9,1\nN2,400,1,,2\n");
    assertEquals(0, CliRun.of("predict", model, f.toString()).exit);
    // a numeric column is never forced: numbers the model needs, written as text, are still named
    Files.writeString(f, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,seven,9,app\n");
    CliRun p = CliRun.of("predict", model, f.toString());
    assertOneLineError(p, "the model needs column 'visits_per_month' (numbers); in " + f + " it holds text, such as"
        + " 'seven' in row 1");
    assertFalse(p.err.contains("requiredColumns") || p.err.contains("step 0"), p.err);
    // a semicolon file whose only number with a comma could be a thousands separator (1,250: 1250 or 1.25) stays
    // text; the message says why and how to write it (before: "it holds text, such as '1,250' in row 1" alone)
    Files.writeString(f, "customer_id;annual_spending;visits_per_month;hours_online;preferred_channel\n"
        + "N1;1,250;7;9;app\n");
    assertOneLineError(CliRun.of("predict", model, f.toString()), "the model needs column 'annual_spending'"
        + " (numbers); in " + f + " it holds text, such as '1,250' in row 1 (1 = the first data row), whose comma"
        + " may be a thousands separator or a decimal comma, and no number in the file shows which: write such"
        + " numbers without a thousands separator, or with a decimal comma and a number of decimals other than"
        + " three (1250 or 1,2500)");
    // a semicolon file writing decimal commas, with one 'n/a': the example is 'n/a' (row 2), not the number 12,5 of
    // row 1 (before: "such as '12,5' in row 1", a number of this file)
    Files.writeString(f, "customer_id;annual_spending;visits_per_month;hours_online;preferred_channel\n"
        + "N1;7000;7;12,5;app\nN2;400;1;n/a;web\n");
    assertEquals("error: the model needs column 'hours_online' (numbers); in " + f + " it holds text, such as"
        + " 'n/a' in row 2 (1 = the first data row)\n", CliRun.of("predict", model, f.toString()).err);
    // with a decimal comma shown elsewhere in the file (hours_online 9,5), 1,250 is 1.25 and the file is read
    Files.writeString(f, "customer_id;annual_spending;visits_per_month;hours_online;preferred_channel\n"
        + "N1;1,250;7;9,5;app\n");
    assertEquals(0, CliRun.of("predict", model, f.toString()).exit);
    // an all-empty column stands for either type, as before
    Files.writeString(f, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,7,9,\nN2,400,1,,\n");
    assertEquals(0, CliRun.of("predict", model, f.toString()).exit);
  }

  @Test
  void digitCategoriesOfANewFileAreReadAsTheModelSawThem(@TempDir Path dir) throws IOException {
    // A plan column of codes 1, 2 and gold is text in the training file; a new file holding only codes 1 and 2 read
    // as numbers, and predict refused it ("holds numbers only"). The oracle: the same customers' lines of predict
    // on the training file itself, where the column is text.
    StringBuilder csv = new StringBuilder("id,spend,plan\n");
    String[] plans = {"1", "2", "gold"};
    for (int i = 0; i < 30; i++) {
      csv.append("C").append(i).append(',').append(100 + (i % 3) * 900 + i).append(',').append(plans[i % 3])
          .append('\n');
    }
    Path train = dir.resolve("train.csv");
    Files.writeString(train, csv.toString());
    CliRun r = CliRun.of("segment", train.toString(), "--k", "3", "--id-column", "id", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    String model = dir.resolve("model.json").toString();
    String[] all = CliRun.of("predict", model, train.toString()).out.split("\n");
    StringBuilder digits = new StringBuilder("id,spend,plan\n");
    StringBuilder expected = new StringBuilder(all[0]).append('\n');
    String[] rows = csv.toString().split("\n");
    for (int i = 0; i < 30; i++) {
      if (i % 3 != 2) {
        digits.append(rows[i + 1]).append('\n');
        expected.append(all[i + 1]).append('\n');
      }
    }
    Path fresh = dir.resolve("digits.csv");
    Files.writeString(fresh, digits.toString());
    CliRun p = CliRun.of("predict", model, fresh.toString());
    assertEquals(0, p.exit, p.toString());
    assertEquals(expected.toString(), p.out);
  }

  @Test
  void anUnusableOutputFolderIsRefusedBeforeTheWork(@TempDir Path dir) throws IOException {
    // The rule of the command: a bad option is one line on standard error, exit 2, and nothing else. Before, the
    // whole segmentation ran and its report was printed before the folder failed ("error: cannot use FILE", no
    // reason given); labels.csv-as-a-folder left the other files half written.
    Path file = dir.resolve("a-file");
    Files.writeString(file, "not a folder");
    assertOneLineError(CliRun.of("segment", "--out", file.toString()), "is a file, not a folder");
    assertOneLineError(CliRun.of("segment", "--out", file.resolve("sub").toString()), "is a file, not a folder");
    Path blocked = dir.resolve("blocked");
    Files.createDirectories(blocked.resolve("labels.csv"));
    assertOneLineError(CliRun.of("segment", "--out", blocked.toString()), "labels.csv: it is a folder");
    Path charts = dir.resolve("charts");
    Files.createDirectories(charts.resolve("k-distance.png"));
    assertOneLineError(CliRun.of("segment", "--out", charts.toString()), "k-distance.png: it is a folder");
    assertEquals(List.of(charts.resolve("k-distance.png")), Files.list(charts).collect(
        java.util.stream.Collectors.toList()), "nothing written");
  }

  @Test
  void redirectedOutputIsUtf8WhateverTheDefaultCharset(@TempDir Path dir) throws Exception {
    // predict's CSV, redirected to a file, must carry the segment names as labels.csv does (UTF-8). Run through
    // main() in a JVM whose default charset is ASCII (as under LANG=C on Java 17), its output must be the
    // in-process run's, which CliRun decodes as UTF-8; before, every non-ASCII letter became '?'.
    Path file = dir.resolve("u.csv");
    Files.writeString(file, "Kundennummer,Gr\u00f6\u00dfe,Stadt\n1,1.8,M\u00fcnchen\n2,1.6,K\u00f6ln\n"
        + "3,1.7,M\u00fcnchen\n4,1.9,M\u00fcnchen\n5,1.5,K\u00f6ln\n6,1.55,K\u00f6ln\n");
    CliRun r = CliRun.of("segment", file.toString(), "--k", "2", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    String model = dir.resolve("model.json").toString();
    String expected = CliRun.of("predict", model, file.toString()).out;
    assertTrue(expected.contains("M\u00fcnchen"), expected);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=US-ASCII", "-cp", System.getProperty("java.class.path"), Cli.class.getName(), "predict",
        model, file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
    assertEquals(expected, new String(out, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void demoSubcommandRunsTheDbscanDemo() {
    CliRun r = CliRun.of("demo");
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.startsWith("clusterkit demo: DBSCAN on 2000 generated customers"), r.out);
  }

  @Test
  void progressBarGoesToTheErrorStream(@TempDir Path dir) {
    CliRun r = CliRun.of(true, "segment", "--k-max", "3", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.err.contains("k sweep") && r.err.contains("3/3"), r.err);
    assertFalse(r.out.contains("k sweep"), r.out);
  }

  @Test
  void helpListsTheOptions() {
    CliRun r = CliRun.of("segment", "--help");
    assertEquals(0, r.exit, r.toString());
    for (String o : new String[] {"--algorithm", "--k", "--eps", "--min-pts", "--columns", "--id-column", "--out"}) {
      assertTrue(r.out.contains(o), o);
    }
  }

  /**
   * The ranges that segment accepts are stated in --help, and are the ones it enforces: before, --k-max and
   * --outlier-share said nothing of them, and a user learnt of "at least 2" and "0 to 0.5" only from an error.
   */
  @Test
  void helpStatesTheRangesTheOptionsAccept(@TempDir Path dir) {
    String help = CliRun.of("segment", "--help").out.replaceAll("\\s+", " ");
    assertTrue(help.contains("largest k of the sweep, at least 2 "), help);
    assertTrue(help.contains("by kmeans, gmm, kmedoids and bisecting, 0 to 0.5, rounded down"), help);
    assertEquals(0, CliRun.of("segment", "--k-max", "2", "--outlier-share", "0.5", "--out", dir.toString()).exit);
    assertOneLineError(CliRun.of("segment", "--k-max", "1"), "k-max must be >= 2, got 1");
    assertOneLineError(CliRun.of("segment", "--outlier-share", "0.51"), "outlier-share must be in [0, 0.5], got 0.51");
  }

  /**
   * A pipe ({@code cat new.csv | clusterkit predict model.json /dev/stdin}) can be read once, but the file is read
   * for its separator and then as a table: the second reading waited for a writer that had gone (a named pipe) or
   * found nothing and said "no records; a CSV file needs at least a header line" of a file that had them. Now it is
   * refused at once, saying why and what to do.
   */
  @Test
  void aPipeIsReadOnceThroughATemporaryCopy(@TempDir Path dir) throws Exception {
    // a command reads its CSV more than once (separator from the header, columns again as text): a pipe gives its
    // bytes once, so before, segment on a named pipe waited forever for a second writer and predict on /dev/stdin
    // said "no records". Now both read it through a temporary copy, which they delete.
    Path fifo = dir.resolve("customers.csv");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available");
    String csv = "id;a;b\n1;1,5;2\n2;2;1\n3;8;9\n4;9;8\n5;8,5;9\n6;1;1\n"; // semicolons, decimal commas
    Thread writer = feed(fifo, csv);
    Path out = dir.resolve("out");
    CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> CliRun.of("segment", fifo.toString(), "--k", "2", "--out", out.toString()));
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("6 customers from customers.csv"), r.out);
    writer.join(5000);
    Path file = dir.resolve("same.csv");
    Files.writeString(file, csv);
    CliRun fromFile = CliRun.of("predict", out.resolve("model.json").toString(), file.toString());
    Thread again = feed(fifo, csv);
    CliRun fromPipe = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> CliRun.of("predict", out.resolve("model.json").toString(), fifo.toString()));
    again.join(5000);
    assertEquals(0, fromPipe.exit, fromPipe.toString());
    assertEquals(fromFile.out, fromPipe.out);
    // errors name the argument, not the copy
    Thread bad = feed(fifo, "a,b\n1,2\n3\n");
    CliRun ragged = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("segment", fifo.toString()));
    bad.join(5000);
    assertEquals("error: cannot read " + fifo + ": line 3: expected 2 fields, got 1\n", ragged.err);
    try (java.util.stream.Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(0, tmp.filter(p -> p.getFileName().toString().startsWith("clusterkit-input-")).count(),
          "the temporary copies are deleted");
    }
  }

  /** Writes {@code text} into the named pipe from a daemon thread (the write blocks until a reader opens it). */
  private static Thread feed(Path fifo, String text) {
    Thread writer = new Thread(() -> {
      try (OutputStream o = Files.newOutputStream(fifo)) {
        o.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the reader closed early
      }
    });
    writer.setDaemon(true);
    writer.start();
    return writer;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "segment", "predict", "demo"})
  void everyVersionOptionPrintsTheVersion(String command) {
    // each command's --help lists "-V, --version  Print version information and exit."; before, only the
    // top-level one printed anything (the commands printed nothing, with exit 0)
    CliRun r = command.isEmpty() ? CliRun.of("--version") : CliRun.of(command, "--version");
    assertEquals(0, r.exit, r.toString());
    assertEquals("clusterkit 0.1.0-SNAPSHOT\n", r.out.replace("\r\n", "\n"));
    CliRun help = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
    assertTrue(help.out.contains("-V, --version"), help.out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "--k=abc", "--k=0", "--algorithm=optics", "--eps=-1", "--k-max=1",
      "--columns=nope", "--id-column=nope", "--outlier-share=0.9"})
  void badOptionIsOneLineAndExitTwo(String option) {
    CliRun r = CliRun.of("segment", option);
    assertOneLineError(r, "");
  }

  @Test
  void namedErrors(@TempDir Path dir) throws IOException {
    assertOneLineError(CliRun.of("segment", dir.resolve("missing.csv").toString()), "file not found: ");
    assertOneLineError(CliRun.of("segment", dir.toString()), "is a folder");
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "a,b\n1,2\n3\n");
    assertOneLineError(CliRun.of("segment", ragged.toString()), "line 3");
    // the file is named once (before: "cannot read F: F: line 3: ...")
    assertEquals("error: cannot read " + ragged + ": line 3: expected 2 fields, got 1\n",
        CliRun.of("segment", ragged.toString()).err);
    // a file saved as windows-1252 (0xE4 for a-umlaut) is refused at its line, not read with U+FFFD in its names
    Path ansi = dir.resolve("ansi.csv");
    Files.write(ansi, "id;Geschlecht;Alter\r\n1;m\u00e4nnlich;31\r\n2;weiblich;40\r\n3;weiblich;22\r\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals("error: cannot read " + ansi + ": line 2: bytes that are not UTF-8 text (was the file saved in"
        + " another encoding, such as windows-1252?) (give it with --encoding, such as --encoding windows-1252)\n",
        CliRun.of("segment", ansi.toString()).err);
    assertOneLineError(CliRun.of("segment", ansi.toString(), "--encoding", "klingon"),
        "--encoding must name a character encoding such as UTF-8, windows-1252 or ISO-8859-1, got 'klingon'");
    Path cats = dir.resolve("cats.csv");
    StringBuilder sb = new StringBuilder("name,spend\n");
    for (int i = 0; i < 60; i++) {
      sb.append("n").append(i).append(',').append(i).append('\n');
    }
    Files.writeString(cats, sb);
    assertOneLineError(CliRun.of("segment", cats.toString()), "--id-column");
    assertOneLineError(CliRun.of("segment", "--eps", "0.5"), "--eps and --min-pts apply to dbscan only");
    assertOneLineError(CliRun.of("predict", dir.resolve("none.json").toString(), cats.toString()), "file not found");
    // the output folder of segment given instead of its model.json: it exists, so "file not found" misleads
    assertOneLineError(CliRun.of("predict", dir.toString(), cats.toString()),
        dir + " is a folder, not a model file (segment writes " + dir.resolve("model.json") + ")");
    Path notModel = dir.resolve("m.json");
    Files.writeString(notModel, "{\"format\": \"something else\"}");
    assertOneLineError(CliRun.of("predict", notModel.toString(), cats.toString()), "invalid model file");
    Files.writeString(notModel, "{\"format\": ");
    assertOneLineError(CliRun.of("predict", notModel.toString(), cats.toString()),
        "is not a complete clusterkit model file");
    assertOneLineError(CliRun.of("predict", notModel.toString()), "Missing required parameter");
    assertOneLineError(CliRun.of(), "name a command");
  }
}
