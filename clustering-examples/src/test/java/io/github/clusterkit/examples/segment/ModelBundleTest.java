package io.github.clusterkit.examples.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** model.json: round trip, validation, and predict on the training customers giving the fit's answers. */
class ModelBundleTest {

  static Segmentation fit(Segmenter.Algorithm a) {
    Segmenter s = Segmenter.defaults().algorithm(a).maxK(3);
    if (a != Segmenter.Algorithm.DBSCAN && a != Segmenter.Algorithm.HDBSCAN) {
      s = s.k(4);
    }
    return s.run(CustomerData.generate(), null);
  }

  @ParameterizedTest
  @EnumSource(Segmenter.Algorithm.class)
  void roundTripAndPredictOnTheTrainingCustomers(Segmenter.Algorithm a, @TempDir Path dir) throws IOException {
    Segmentation s = fit(a);
    Path file = dir.resolve("model.json");
    boolean included = ModelBundle.of(s).save(file);
    ModelBundle back = ModelBundle.load(file);
    assertEquals(a, back.algorithm());
    assertEquals("customer_id", back.idColumn());
    assertEquals(s.profile().segmentNames(), back.segments());
    assertEquals(s.pipeline(), back.pipeline());
    assertEquals(Double.doubleToLongBits(s.outlierThreshold()), Double.doubleToLongBits(back.outlierThreshold()));
    assertTrue(included, "model.json holds the " + a + " model");
    ModelBundle.Prediction p = back.predict(s.table());
    if (a == Segmenter.Algorithm.HDBSCAN) {
      // the model reloaded is the one fitted; a training customer predicted is a new point beside its own row (see
      // HdbscanModel.membership), so predict gives the fitted model's memberships of the rows, not its labels
      io.github.clusterkit.hdbscan.HdbscanModel m = (io.github.clusterkit.hdbscan.HdbscanModel) s.model();
      assertEquals(m, back.model());
      io.github.clusterkit.data.Dataset x = s.scaled();
      for (int i = 0; i < x.size(); i++) {
        io.github.clusterkit.hdbscan.HdbscanModel.Membership ms = m.membership(x.row(i));
        assertEquals(ms.label(), p.labels[i], "row " + i);
        assertEquals(ms.label() < 0, p.outliers[i], "row " + i);
        assertEquals(ms.probability(), p.probabilities[i], 0.0, "row " + i);
        assertEquals(ms.outlierScore(), p.outlierScores[i], 0.0, "row " + i);
      }
      return;
    }
    // the reloaded pipeline and model reproduce the fit for every customer
    assertArrayEquals(s.labels(), p.labels);
    assertArrayEquals(s.outliers(), p.outliers);
    if (a == Segmenter.Algorithm.GMM) {
      assertArrayEquals(s.probabilities(), p.probabilities, 0.0);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Segmenter.Algorithm.class, names = "KMEANS")
  void rejectsDamagedFiles(Segmenter.Algorithm a, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.json");
    ModelBundle.of(fit(a)).save(file);
    String text = Files.readString(file);
    assertBad(dir, text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"), "formatVersion must be 1");
    assertBad(dir, text.replace("\"algorithm\" : \"kmeans\"", "\"algorithm\" : \"svm\""), "algorithm must be");
    assertBad(dir, text.replace("\"idColumn\"", "\"extra\" : 1, \"idColumn\""), "unexpected field \"extra\"");
    assertBad(dir, text.replace("\"outlierThreshold\"", "\"outlierThreshold\" : \"x\", \"ignored\""),
        "unexpected field");
    // a changed number inside the pipeline document breaks its checksum
    int at = text.indexOf("\"means\" : [ ") + "\"means\" : [ ".length();
    assertTrue(at > 20);
    String changed = text.substring(0, at) + "1" + text.substring(at);
    assertBad(dir, changed, "checksum");
    // errors inside the two model documents name the file and the document, as the bundle's own errors do
    // (before: "invalid model file at the top level: checksum mismatch ...", naming neither)
    assertBad(dir, changed, "invalid model file " + dir.resolve("bad.json") + ": \"pipeline\": checksum mismatch");
    assertBad(dir, text.replace("\"algorithm\" : \"kmeans\"", "\"algorithm\" : \"gmm\""),
        "invalid model file " + dir.resolve("bad.json") + ": \"model\": the file holds a kmeans");
    assertBad(dir, text.substring(0, text.length() / 2), "is not a complete clusterkit model file");
    // the bundle's own threshold has no checksum: a negative distance would flag every customer, so it is refused
    String negative = text.replaceFirst("\"outlierThreshold\" : [0-9.Ee+-]+", "\"outlierThreshold\" : -1.5");
    assertTrue(!negative.equals(text));
    assertBad(dir, negative, "outlierThreshold must be >= 0 for kmeans (a distance to the centroid), got -1.5");
    // saving over the file goes through a temporary file and a move: no stray file is left in the folder
    ModelBundle.of(fit(a)).save(file);
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("bad.json", "model.json"), files.map(f -> f.getFileName().toString()).sorted()
          .collect(java.util.stream.Collectors.toList()));
    }
  }

  static void assertBad(Path dir, String text, String fragment) throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, text);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(f));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Segmenter.Algorithm.class, names = "KMEANS")
  void predictNeedsThePipelineColumns(Segmenter.Algorithm a, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.json");
    boolean included = ModelBundle.of(fit(a)).save(file);
    assertTrue(included, "model.json holds the " + a + " model");
    Table t = CustomerData.generate().drop("hours_online");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelBundle.load(file).predict(t));
    assertTrue(e.getMessage().contains("hours_online"), e.getMessage());
  }
}
