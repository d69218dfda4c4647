package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.examples.segment.ModelBundle;
import io.github.clusterkit.kmeans.KMeansModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credit-card customers ({@code cc_general.csv}, 8950 rows, 314 missing cells) end to end. */
class CcGeneralTest {

  @Test
  void segmentEndToEndThenPredictTenRows(@TempDir Path dir) throws IOException {
    Path file = SharedData.file("cc_general.csv");
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("segment", file.toString(), "--out", out.toString(), "--k-max", "8");
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    // DATA.md: MINIMUM_PAYMENTS has 313 empty cells and CREDIT_LIMIT 1
    assertTrue(r.out.contains("missing cells imputed: 314 = CREDIT_LIMIT 1 (median), MINIMUM_PAYMENTS 313 (median)"),
        r.out);
    assertTrue(r.out.contains("(customer id: CUST_ID)"), r.out);
    assertTrue(r.out.contains("profile: mean of each feature"), r.out);
    assertTrue(r.out.contains("quality: silhouette"), r.out);
    for (String f : new String[] {"labels.csv", "profile.csv", "model.json", "segments-pca.svg", "segments-pca.png",
        "k-selection.svg", "k-selection.png", "k-distance.svg", "k-distance.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 100, f);
    }
    List<String> labels = Files.readAllLines(out.resolve("labels.csv"));
    assertEquals(8951, labels.size());
    assertTrue(labels.get(1).startsWith("C10001,"), labels.get(1));

    // predict on ten rows of the file (rows 1, 1001, ..., 9001 minus the last), including the row with the
    // missing CREDIT_LIMIT (C15349 is data row 5348, not among them) and rows with a missing MINIMUM_PAYMENTS
    List<String> lines = Files.readAllLines(file);
    List<String> ten = new ArrayList<>();
    ten.add(lines.get(0));
    List<Integer> rows = new ArrayList<>();
    for (int i = 1; i < lines.size() && rows.size() < 10; i += 895) {
      ten.add(lines.get(i));
      rows.add(i);
    }
    Path tenFile = dir.resolve("ten.csv");
    Files.write(tenFile, ten);
    ModelBundle bundle = ModelBundle.load(out.resolve("model.json"));
    assertTrue(bundle.model() instanceof KMeansModel, "model.json holds the K-Means model");
    CliRun p = CliRun.of("predict", out.resolve("model.json").toString(), tenFile.toString());
    assertEquals(0, p.exit, p.toString());
    String[] pl = p.out.split("\n");
    assertEquals(11, pl.length, p.out);
    assertEquals("CUST_ID,segment,segment_name,outlier", pl[0]);
    for (int t = 0; t < 10; t++) {
      // the same id, segment, name and outlier flag as the fit wrote for that customer
      assertEquals(labels.get(rows.get(t)), pl[t + 1], "data row " + rows.get(t));
    }
  }

  @Test
  void javaExampleRuns(@TempDir Path dir) throws IOException {
    Path file = SharedData.file("cc_general.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KMeansModel m;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      m = SegmentationExample.run(file, dir, out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("k = " + m.k() + " (highest mean silhouette"), text);
    assertEquals(8950, m.labels().length);
    io.github.clusterkit.ClusterPipelineModel back = io.github.clusterkit.io.ModelFiles.load(
        dir.resolve("segmentation.json"), io.github.clusterkit.ClusterPipelineModel.class);
    assertArrayEquals(m.labels(), back.model(KMeansModel.class).labels());
    assertEquals(m.state(), back.model(KMeansModel.class).state());

    // The README's scoring in another process, on the same customers without CUST_ID and with the columns in
    // reverse order: the oracle is the fitted model's own labels (each training row is assigned to its
    // nearest centroid after the last iteration, which is what predict computes).
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<String> reversed = new ArrayList<>();
    for (String line : lines) {
      String[] cells = line.split(",", -1); // cc_general.csv has no quoted fields
      StringBuilder sb = new StringBuilder();
      for (int j = cells.length - 1; j >= 1; j--) { // column 0 is CUST_ID
        sb.append(cells[j]).append(j > 1 ? "," : "");
      }
      reversed.add(sb.toString());
    }
    assertEquals("CUST_ID", header[0]);
    Path newCustomers = Files.write(dir.resolve("new-customers.csv"), reversed);
    assertArrayEquals(m.labels(), SegmentationExample.score(dir, newCustomers));
  }
}
