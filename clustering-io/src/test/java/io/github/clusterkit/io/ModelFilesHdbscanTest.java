package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code "hdbscan"} kind: its document, exact round trips (the model equal, every prediction equal, the same
 * bytes when saved again), loading as a {@link ClusterModel} and inside a {@link ClusterPipelineModel}, and the
 * refusal, by path, of files whose values break a rule or whose labels are not those of a fit of their rows.
 */
class ModelFilesHdbscanTest {

  /**
   * Two squares of side 1 and one far row. With minClusterSize = minSamples = 3 (worked by hand): every corner's
   * core distance is 1 (its third nearest row, itself counted, is at distance 1), the far row's is
   * dist((50, 50), (10, 11)) = sqrt(1600 + 1521) = 55.87; the spanning tree has six edges of weight 1 inside the
   * squares, one of dist((1, 1), (10, 10)) = 12.73 between them and one of 55.87 to the far row. Going down: at 55.87
   * the far row falls out of the root (a component of 1 row); at 12.73 the root splits into two squares of 4 rows,
   * each a cluster born at lambda 1 / 12.73; at 1 each square falls apart into single rows and ends. The root is
   * never selected, so the squares are clusters 0 and 1 and the far row is noise; every square row leaves its cluster
   * at its last lambda, so its probability is 1.
   */
  static final double[][] ROWS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {10, 10}, {10, 11}, {11, 10}, {11, 11}, {50, 50}};
  static final Dataset SQUARES = Dataset.of(ROWS, List.of("income", "spending"));

  static HdbscanModel squares() {
    return Hdbscan.minClusterSize(3).fit(SQUARES);
  }

  @Test
  void theFixtureIsTheHandWorkedClustering() {
    HdbscanModel m = squares();
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, -1}, m.labels());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 0}, m.probabilities(), 0.0);
  }

  /** The whole document, field by field: what the kind's Javadoc shows. */
  @Test
  void theDocumentIsTheStateAndTheSettings() {
    String json = ModelFiles.toJson(squares());
    String expected = "\"kind\" : \"hdbscan\",\n"
        + "  \"parameters\" : {\n"
        + "    \"minClusterSize\" : 3,\n"
        + "    \"minSamples\" : 3,\n"
        + "    \"selection\" : \"eom\",\n"
        + "    \"metric\" : \"euclidean\"\n"
        + "  },\n"
        + "  \"state\" : {\n"
        + "    \"dimension\" : 2,\n"
        + "    \"rows\" : [ [ 0.0, 0.0 ], [ 0.0, 1.0 ], [ 1.0, 0.0 ], [ 1.0, 1.0 ], [ 10.0, 10.0 ], [ 10.0, 11.0 ],"
        + " [ 11.0, 10.0 ], [ 11.0, 11.0 ], [ 50.0, 50.0 ] ],\n"
        + "    \"labels\" : [ 0, 0, 0, 0, 1, 1, 1, 1, -1 ],\n"
        + "    \"columnNames\" : [ \"income\", \"spending\" ]\n"
        + "  },\n";
    assertTrue(json.replace("\r\n", "\n").contains(expected), json);
    // Unnamed data: no columnNames field; leaf selection, Manhattan distance and a minSamples of its own
    String plain = ModelFiles.toJson(Hdbscan.minClusterSize(3).minSamples(2).selection(Hdbscan.Selection.LEAF)
        .metric(Metric.MANHATTAN).fit(Dataset.of(ROWS)));
    assertTrue(plain.contains("\"minSamples\" : 2,"), plain);
    assertTrue(plain.contains("\"selection\" : \"leaf\","), plain);
    assertTrue(plain.contains("\"metric\" : \"manhattan\""), plain);
    assertTrue(!plain.contains("columnNames"), plain);
  }

  @Test
  void roundTripIsExactAndTheBytesAreStable(@TempDir Path dir) throws IOException {
    HdbscanModel m = Hdbscan.minClusterSize(8).minSamples(4).fit(Generators.blobs(300, 3, 4, 1, 0.1, 5).data());
    Path a = dir.resolve("a.json");
    ModelFiles.save(m, a);
    HdbscanModel back = ModelFiles.load(a, HdbscanModel.class);
    assertEquals(m, back);
    assertEquals(m.state(), back.state());
    assertEquals(m.config().minSamples(), back.config().minSamples());
    Dataset q = Generators.blobs(200, 3, 4, 2, 0.3, 6).data();
    assertArrayEquals(m.predict(q), back.predict(q));
    for (int i = 0; i < q.size(); i++) {
      assertEquals(m.membership(q.row(i)), back.membership(q.row(i)), "row " + i);
    }
    assertArrayEquals(m.dbscanLabels(0.7), back.dbscanLabels(0.7));
    // saved again, byte for byte the same file (the library version aside, which is the same in one build)
    Path b = dir.resolve("b.json");
    ModelFiles.save(back, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    // and a second save of the original too
    ModelFiles.save(m, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  /**
   * The selection options are written only when set, and come back: with allowSingleCluster and a radius of 20 the
   * two squares (born at 12.73, below 20) give way to the root, whose rows that stayed to radius 20 (lambda 1/20) are
   * one cluster; the far row (gone at 55.87) is noise.
   */
  @Test
  void selectionOptionsRoundTrip(@TempDir Path dir) throws IOException {
    HdbscanModel m = Hdbscan.minClusterSize(3).allowSingleCluster(true).clusterSelectionEpsilon(20).fit(SQUARES);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, -1}, m.labels());
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("\"metric\" : \"euclidean\",\n    \"allowSingleCluster\" : true,\n"
        + "    \"clusterSelectionEpsilon\" : 20.0\n"), json);
    Path a = dir.resolve("a.json");
    ModelFiles.save(m, a);
    HdbscanModel back = ModelFiles.load(a, HdbscanModel.class);
    assertEquals(m, back);
    assertTrue(back.config().allowSingleCluster());
    assertEquals(20.0, back.config().clusterSelectionEpsilon(), 0.0);
    assertTrue(!ModelFiles.toJson(squares()).contains("allowSingleCluster"), "defaults are not written");
  }

  /** Data far from 1 (scaled by a power of two inside the fit): the file holds the rows in the data's own units. */
  @Test
  void rowsAreStoredInTheirOwnScale() {
    double[][] x = new double[ROWS.length][2];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = ROWS[i][0] * 1e200;
      x[i][1] = ROWS[i][1] * 1e200;
    }
    HdbscanModel m = Hdbscan.minClusterSize(3).fit(Dataset.of(x));
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("[ 5.0E201, 5.0E201 ]"), json);
    HdbscanModel back = ModelFiles.fromJson(json, HdbscanModel.class);
    assertEquals(m, back);
    assertEquals(m.predict(new double[] {4e201, 4.5e201}), back.predict(new double[] {4e201, 4.5e201}));
  }

  /**
   * A model fitted without names loads as one without names (no {@code columnNames} field), so it scores data with
   * any names as the saved one did; one fitted on names refuses data named otherwise, as the saved one did.
   */
  @Test
  void namesAreCheckedAfterLoadingAsBefore() {
    HdbscanModel unnamed = Hdbscan.minClusterSize(3).fit(Dataset.of(ROWS));
    HdbscanModel back = ModelFiles.fromJson(ModelFiles.toJson(unnamed), HdbscanModel.class);
    Dataset other = Dataset.of(ROWS, List.of("age", "visits"));
    assertArrayEquals(unnamed.predict(other), back.predict(other));
    HdbscanModel named = ModelFiles.fromJson(ModelFiles.toJson(squares()), HdbscanModel.class);
    assertThrows(IllegalArgumentException.class, () -> squares().predict(other));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> named.predict(other));
    assertTrue(e.getMessage().contains("income"), e.getMessage());
  }

  @Test
  void loadsAsAClusterModel(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.json");
    ModelFiles.save(squares(), file);
    ClusterModel loaded = ModelFiles.load(file, ClusterModel.class);
    assertSame(HdbscanModel.class, loaded.getClass());
    assertEquals(List.of("income", "spending"), loaded.columnNames());
    assertEquals(2, loaded.clusterCount());
    // a point inside the first square joins it; one far from everything is noise
    assertEquals(0, loaded.predict(new double[] {0.5, 0.5}));
    assertEquals(-1, loaded.predict(new double[] {-200, 300}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(file, io.github.clusterkit.dbscan.DbscanModel.class));
    assertEquals("type must be the class of the model in the file: the file holds a hdbscan (HdbscanModel), not a"
        + " DbscanModel; load it as HdbscanModel or ClusterModel", e.getMessage());
  }

  @Test
  void aClusterPipelineWithAnHdbscanModelRoundTrips(@TempDir Path dir) throws IOException {
    Table t = Table.builder().numeric("income", new double[] {0, 0, 1, 1, 10, 10, 11, 11, 50})
        .numeric("spending", new double[] {0, 1, 0, 1, 10, 11, 10, 11, 50}).build();
    PipelineModel prep = Pipeline.of(new StandardScaler()).fit(t);
    HdbscanModel m = Hdbscan.minClusterSize(3).fit(prep.transform(t));
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, -1}, m.labels(), "scaling changes no ratio of distances");
    ClusterPipelineModel saved = ClusterPipelineModel.of(prep, m).withClusterNames(List.of("Low", "High"));
    Path file = dir.resolve("segmentation.json");
    ModelFiles.save(saved, file);
    ClusterPipelineModel back = ModelFiles.load(file, ClusterPipelineModel.class);
    assertEquals(m, back.model(HdbscanModel.class));
    assertEquals(List.of("Low", "High"), back.clusterNames());
    Table fresh = Table.builder().numeric("spending", new double[] {0.5, 10.5, -90})
        .numeric("income", new double[] {0.5, 10.5, 90}).build();
    assertArrayEquals(new int[] {0, 1, -1}, back.predict(fresh));
    assertArrayEquals(saved.predict(fresh), back.predict(fresh));
    assertEquals(ClusterPipelineModel.NOISE, back.clusterName(-1));
    assertEquals(ModelFiles.toJson(saved), ModelFiles.toJson(back));
    assertTrue(Files.readString(file).contains("\"kind\" : \"hdbscan\""));
    // the model's own checks apply inside the pipeline, with the nested path
    assertRejected("invalid model file at state.model.state: labels must be those of a fit of the rows with the"
        + " state's settings; row 8 has label 1, the fit gives -1 (altered or from another version)",
        ModelFilesKindsTest.edit(saved, d -> ((ArrayNode) d.get("state").get("model").get("state").get("labels"))
            .set(8, 1)), ClusterPipelineModel.class);
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static void assertRejected(String expected, String json, Class<?> type) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, type));
    assertEquals(expected, e.getMessage());
  }

  private static void assertRejected(String expected, Consumer<ObjectNode> change) {
    assertRejected(expected, ModelFilesKindsTest.edit(squares(), change), HdbscanModel.class);
  }

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }

  private static ObjectNode params(ObjectNode doc) {
    return (ObjectNode) doc.get("parameters");
  }

  private static ArrayNode rows(ObjectNode doc) {
    return (ArrayNode) state(doc).get("rows");
  }

  private static ArrayNode labels(ObjectNode doc) {
    return (ArrayNode) state(doc).get("labels");
  }

  @Test
  void refusesParametersThatBreakTheRules() {
    assertRejected("invalid model file at parameters.minClusterSize: must be in [2, 2147483647], got 1",
        d -> params(d).put("minClusterSize", 1));
    assertRejected("invalid model file at parameters.minSamples: must be in [1, 2147483647], got 0",
        d -> params(d).put("minSamples", 0));
    assertRejected("invalid model file at parameters.minClusterSize: expected an integer, got \"3\"",
        d -> params(d).put("minClusterSize", "3"));
    assertRejected("invalid model file at parameters.minSamples: expected an integer, got 2.5",
        d -> params(d).put("minSamples", 2.5));
    assertRejected("invalid model file at parameters.selection: expected one of [eom, leaf], got \"EOM\"",
        d -> params(d).put("selection", "EOM"));
    assertRejected("invalid model file at parameters.metric: expected one of [euclidean, manhattan, chebyshev], got"
        + " \"cosine\"", d -> params(d).put("metric", "cosine"));
    assertRejected("invalid model file at parameters: missing field \"selection\"", d -> params(d).remove("selection"));
    assertRejected("invalid model file at parameters: unexpected field \"parallelism\"; expected only"
        + " [minClusterSize, minSamples, selection, metric, allowSingleCluster, clusterSelectionEpsilon]",
        d -> params(d).put("parallelism", 2));
    assertRejected("invalid model file at parameters.allowSingleCluster: expected true or false, got \"yes\"",
        d -> params(d).put("allowSingleCluster", "yes"));
    assertRejected("invalid model file at state: clusterSelectionEpsilon must be >= 0 and finite, got -0.5",
        d -> params(d).put("clusterSelectionEpsilon", -0.5));
    // more than the rows: the fit's own rule, at the state it is checked against
    assertRejected("invalid model file at state: minClusterSize must be <= the number of rows, got 10 for 9 rows",
        d -> params(d).put("minClusterSize", 10));
    assertRejected("invalid model file at state: minSamples must be <= the number of rows, got 12 for 9 rows",
        d -> params(d).put("minSamples", 12));
  }

  @Test
  void refusesStatesOfTheWrongShapeOrType() {
    assertRejected("invalid model file at state: missing field \"rows\"", d -> state(d).remove("rows"));
    assertRejected("invalid model file at state: missing field \"labels\"", d -> state(d).remove("labels"));
    assertRejected("invalid model file at state: missing field \"dimension\"", d -> state(d).remove("dimension"));
    assertRejected("invalid model file at state.dimension: must be in [1, 2147483647], got 0",
        d -> state(d).put("dimension", 0));
    assertRejected("invalid model file at state.rows[0]: expected 3 values, got 2", d -> state(d).put("dimension", 3));
    assertRejected("invalid model file at state.rows[4]: expected 2 values, got 1",
        d -> ((ArrayNode) rows(d).get(4)).remove(1));
    assertRejected("invalid model file at state.rows: expected an array, got {}", d -> state(d).putObject("rows"));
    assertRejected("invalid model file at state.rows[2][1]: expected a number, got \"0\"",
        d -> ((ArrayNode) rows(d).get(2)).set(1, "0"));
    assertRejected("invalid model file at state.labels[3]: expected an integer, got 0.5", d -> labels(d).set(3, 0.5));
    assertRejected("invalid model file at state.labels[8]: must be in [-1, 2147483647], got -2",
        d -> labels(d).set(8, -2));
    assertRejected("invalid model file at state: labels must have one entry per row (9), got 8",
        d -> labels(d).remove(8));
    assertRejected("invalid model file at state: unexpected field \"probabilities\"; expected only [dimension, rows,"
        + " labels, columnNames]", d -> state(d).putArray("probabilities"));
    assertRejected("invalid model file at state.columnNames[1]: expected a string, got 7",
        d -> ((ArrayNode) state(d).get("columnNames")).set(1, 7));
    assertRejected("invalid model file at state: columnNames must have one name per column (2), got 1",
        d -> ((ArrayNode) state(d).get("columnNames")).remove(1));
  }

  /** JSON has no NaN or infinity: neither a string standing for one nor a literal beyond the double range loads. */
  @Test
  void refusesRowsThatAreNotFinite() {
    assertRejected("invalid model file at state.rows[1][0]: expected a number, got \"NaN\"",
        d -> ((ArrayNode) rows(d).get(1)).set(0, "NaN"));
    assertRejected("invalid model file at state.rows[1][0]: expected a number, got \"Infinity\"",
        d -> ((ArrayNode) rows(d).get(1)).set(0, "Infinity"));
    assertRejected("invalid model file at state.rows[0][1]: must be a finite number, got a number beyond the double"
        + " range (magnitude above 1.7976931348623157E308)",
        ModelFilesKindsTest.resign(ModelFiles.toJson(squares()).replaceFirst("\"rows\" : \\[ \\[ 0.0, 0.0 \\]",
            "\"rows\" : [ [ 0.0, -1e999 ]")), HdbscanModel.class);
  }

  /**
   * Labels that are not the fit's: fromState refits the rows and names the first row that differs. The fit of the
   * fixture is {@link #theFixtureIsTheHandWorkedClustering()}'s.
   */
  @Test
  void refusesLabelsThatNoLongerMatchTheRows() {
    // a label changed
    assertRejected("invalid model file at state: labels must be those of a fit of the rows with the state's"
        + " settings; row 8 has label 0, the fit gives -1 (altered or from another version)", d -> labels(d).set(8, 0));
    // the two clusters' numbers swapped: the same partition, but not the numbering of the fit (by first row)
    assertRejected("invalid model file at state: labels must be those of a fit of the rows with the state's"
        + " settings; row 0 has label 1, the fit gives 0 (altered or from another version)", d -> {
          for (int i = 0; i < 8; i++) {
            labels(d).set(i, i < 4 ? 1 : 0);
          }
        });
    // a row moved: the far row into the first square, where the fit puts it into cluster 0
    assertRejected("invalid model file at state: labels must be those of a fit of the rows with the state's"
        + " settings; row 8 has label -1, the fit gives 0 (altered or from another version)",
        d -> ((ArrayNode) rows(d).get(8)).set(0, 0.5).set(1, 0.5));
    // the settings changed: with minClusterSize 5 neither square is a cluster, every row is noise
    assertRejected("invalid model file at state: labels must be those of a fit of the rows with the state's"
        + " settings; row 0 has label 0, the fit gives -1 (altered or from another version)",
        d -> params(d).put("minClusterSize", 5));
    // unsigned edits stop at the checksum
    assertRejected("invalid model file at the top level: checksum mismatch: the file was modified or corrupted"
        + " after it was written", ModelFiles.toJson(squares()).replace("1, 1, 1, 1, -1 ]", "1, 1, 1, 1, 1 ]"),
        HdbscanModel.class);
  }

  @Test
  void refusesRepeatedColumnNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        ModelFilesKindsTest.edit(squares(), d -> ((ArrayNode) state(d).get("columnNames")).set(1, "income")),
        HdbscanModel.class));
    assertTrue(e.getMessage().startsWith("invalid model file at state: columnNames must be distinct"),
        e.getMessage());
  }
}
