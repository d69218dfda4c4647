package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.BisectingStrategy;
import io.github.clusterkit.kmeans.KMeansInit;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code "bisectingKMeans"} kind: its document, exact round trips (the state equal, every prediction at every level
 * equal, the same bytes when saved again), loading as a {@link ClusterModel} and inside a {@link ClusterPipelineModel},
 * and the refusal, by path, of files whose values break a rule.
 */
class ModelFilesBisectingKMeansTest {

  /**
   * A hand-built tree on one column: the root (centroid 6, 4 rows) split into node 1 (centroid 2) and node 2 (10), then
   * node 1 into node 3 (0) and node 4 (4). Leaves in depth-first order: nodes 3, 4, 2, labels 0, 1, 2.
   */
  static BisectingKMeansModel hand() {
    return BisectingKMeansModel.fromState(new BisectingKMeansModel.State(1, List.of("income"), new int[] {0, 1},
        new double[] {6, 2, 10, 0, 4}, new int[] {4, 2, 2, 1, 1}, new double[] {40, 8, 0.5, 0, 0},
        new int[] {0, 1, 2, 2}, new int[] {2, 1}, new boolean[] {true, false}));
  }

  @Test
  void theDocumentIsTheState() {
    String json = ModelFiles.toJson(hand()).replace("\r\n", "\n");
    String expected = "\"kind\" : \"bisectingKMeans\",\n"
        + "  \"parameters\" : { },\n"
        + "  \"state\" : {\n"
        + "    \"splits\" : [ 0, 1 ],\n"
        + "    \"centroids\" : [ [ 6.0 ], [ 2.0 ], [ 10.0 ], [ 0.0 ], [ 4.0 ] ],\n"
        + "    \"sizes\" : [ 4, 2, 2, 1, 1 ],\n"
        + "    \"inertias\" : [ 40.0, 8.0, 0.5, 0.0, 0.0 ],\n"
        + "    \"labels\" : [ 0, 1, 2, 2 ],\n"
        + "    \"iterations\" : [ 2, 1 ],\n"
        + "    \"converged\" : [ true, false ],\n"
        + "    \"columnNames\" : [ \"income\" ]\n"
        + "  },\n";
    assertTrue(json.contains(expected), json);
    String plain = ModelFiles.toJson(BisectingKMeans.k(2).fit(Dataset.of(new double[][] {{0}, {1}, {10}})));
    assertFalse(plain.contains("columnNames"), plain);
  }

  /** A random fit of any strategy and start, on named or unnamed data. */
  static BisectingKMeansModel random(long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(5);
    int k = 1 + rng.nextInt(6);
    Dataset x = Generators.blobs(k + 1 + rng.nextInt(60), d, k, 0.3 + rng.nextDouble() * 2, 0.2, seed).data();
    if (rng.nextInt(2) == 0) {
      List<String> names = new java.util.ArrayList<>();
      for (int j = 0; j < d; j++) {
        names.add("c" + j + (char) ('a' + rng.nextInt(26)));
      }
      x = x.withColumnNames(names);
    }
    return BisectingKMeans.k(k).seed(seed).restarts(1 + rng.nextInt(3))
        .strategy(BisectingStrategy.values()[rng.nextInt(2)]).init(KMeansInit.values()[rng.nextInt(3)])
        .maxIterations(1 + rng.nextInt(5)).fit(x);
  }

  /** Saved and loaded, a fitted model has the same state and predicts every point at every level as the original. */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void roundTripEqualsAndPredictsIdentically(@ForAll long seed) {
    BisectingKMeansModel m = random(seed);
    String json = ModelFiles.toJson(m);
    BisectingKMeansModel back = ModelFiles.fromJson(json, BisectingKMeansModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(m.inertia(), back.inertia(), 0.0);
    Dataset q = Generators.blobs(40, m.dimension(), 2, 3.0, 0.0, seed + 1).data();
    for (int i = 0; i < q.size(); i++) {
      for (int level = 1; level <= m.k(); level++) {
        assertEquals(m.predictAt(q.row(i), level), back.predictAt(q.row(i), level));
      }
    }
    assertEquals(json, ModelFiles.toJson(back));
  }

  @Test
  void roundTripIsExactAndTheBytesAreStable(@TempDir Path dir) throws IOException {
    BisectingKMeansModel m = BisectingKMeans.k(6).seed(3).restarts(2).fit(Generators.blobs(300, 3, 4, 1, 0.1, 5)
        .data());
    Path a = dir.resolve("a.json");
    ModelFiles.save(m, a);
    BisectingKMeansModel back = ModelFiles.load(a, BisectingKMeansModel.class);
    assertEquals(m.state(), back.state());
    assertArrayEquals(m.labelsAt(3), back.labelsAt(3));
    Path b = dir.resolve("b.json");
    ModelFiles.save(back, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void loadsAsAClusterModel(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.json");
    ModelFiles.save(hand(), file);
    ClusterModel loaded = ModelFiles.load(file, ClusterModel.class);
    assertSame(BisectingKMeansModel.class, loaded.getClass());
    assertEquals(List.of("income"), loaded.columnNames());
    assertEquals(3, loaded.clusterCount());
    // 6.2 descends right at the root (3.8 from 10 against 4.2 from 2): label 2, not the nearer leaf at 4 (label 1).
    assertEquals(2, loaded.predict(new double[] {6.2}));
    assertEquals(1, loaded.predict(new double[] {5.9}));
  }

  @Test
  void aClusterPipelineWithABisectingModelRoundTrips(@TempDir Path dir) throws IOException {
    Table t = Table.builder().numeric("income", new double[] {0, 10, 20, 80, 90, 100, 400, 410})
        .numeric("age", new double[] {20, 22, 21, 40, 41, 39, 60, 61}).build();
    PipelineModel prep = Pipeline.of(new StandardScaler()).fit(t);
    BisectingKMeansModel m = BisectingKMeans.k(3).seed(1).fit(prep.transform(t));
    ClusterPipelineModel saved = ClusterPipelineModel.of(prep, m);
    Path file = dir.resolve("segmentation.json");
    ModelFiles.save(saved, file);
    ClusterPipelineModel back = ModelFiles.load(file, ClusterPipelineModel.class);
    assertEquals(m.state(), back.model(BisectingKMeansModel.class).state());
    assertArrayEquals(m.labels(), back.predict(t));
    assertTrue(Files.readString(file).contains("\"kind\" : \"bisectingKMeans\""));
    assertRejected("invalid model file at state.model.state: BisectingKMeansModel state: labels[5] must be in 0..2"
        + " (k = 3), got 3", ModelFilesKindsTest.edit(saved, d -> ((ArrayNode) d.get("state").get("model")
            .get("state").get("labels")).set(5, 3)), ClusterPipelineModel.class);
  }

  /** Two rows at +-1.5e308, k = 1: the root inertia 4.5e616 is beyond the double range, written as "Infinity". */
  @Test
  void anInfiniteInertiaRoundTrips() {
    BisectingKMeansModel m = BisectingKMeans.k(1).fit(Dataset.of(new double[][] {{-1.5e308}, {1.5e308}}));
    assertEquals(Double.POSITIVE_INFINITY, m.inertia());
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("\"inertias\" : [ \"Infinity\" ]"), json);
    BisectingKMeansModel back = ModelFiles.fromJson(json, BisectingKMeansModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(json, ModelFiles.toJson(back));
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static void assertRejected(String expected, String json, Class<?> type) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, type));
    assertTrue(e.getMessage().startsWith(expected), () -> "expected <" + expected + ">, got <" + e.getMessage() + ">");
  }

  private static void assertRejected(String expected, Consumer<ObjectNode> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFilesKindsTest.edit(hand(), change), BisectingKMeansModel.class));
    assertEquals(expected, e.getMessage());
  }

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }

  private static ArrayNode array(ObjectNode doc, String field) {
    return (ArrayNode) state(doc).get(field);
  }

  @Test
  void refusesMissingFieldsWrongTypesAndUnknownOnes() {
    for (String f : new String[] {"splits", "centroids", "sizes", "inertias", "labels", "iterations", "converged"}) {
      assertRejected("invalid model file at state: missing field \"" + f + "\"", d -> state(d).remove(f));
    }
    assertRejected("invalid model file at state: unexpected field \"order\"; expected only [splits, centroids, sizes,"
        + " inertias, labels, iterations, converged, columnNames]", d -> state(d).putArray("order"));
    assertRejected("invalid model file at parameters: unexpected field \"k\"; expected only []",
        d -> ((ObjectNode) d.get("parameters")).put("k", 3));
    assertRejected("invalid model file at state.centroids: expected at least one centroid (the root's), got none",
        d -> array(d, "centroids").removeAll());
    assertRejected("invalid model file at state.centroids: centroids must have at least one coordinate, got none",
        d -> ((ArrayNode) array(d, "centroids").get(0)).removeAll());
    assertRejected("invalid model file at state.centroids[1][0]: expected a number, got \"2\"",
        d -> ((ArrayNode) array(d, "centroids").get(1)).set(0, "2"));
    assertRejected("invalid model file at state.splits[0]: expected an integer, got 0.5",
        d -> array(d, "splits").set(0, 0.5));
    assertRejected("invalid model file at state.inertias[2]: expected a number, got \"-Infinity\"",
        d -> array(d, "inertias").set(2, "-Infinity"));
    assertRejected("invalid model file at state.inertias[2]: expected a number, got \"NaN\"",
        d -> array(d, "inertias").set(2, "NaN"));
    assertRejected("invalid model file at state.converged[1]: expected true or false, got 0",
        d -> array(d, "converged").set(1, 0));
    assertRejected("invalid model file at state.labels: expected an array, got 1", d -> state(d).put("labels", 1));
  }

  @Test
  void refusesStatesThatBreakTheModelsRules() {
    assertRejected("invalid model file at state: BisectingKMeansModel state: splits[1] must name a leaf, got node 0,"
        + " split before", d -> array(d, "splits").set(1, 0));
    assertRejected("invalid model file at state: BisectingKMeansModel state: sizes[0] must be the sum of its"
        + " children's (nodes 1 and 2: 2 + 3), got 4", d -> array(d, "sizes").set(2, 3));
    assertRejected("invalid model file at state: BisectingKMeansModel state: inertias[1] must be >= 0 (or +Infinity,"
        + " beyond the double range), got -8.0", d -> array(d, "inertias").set(1, -8.0));
    assertRejected("invalid model file at state: BisectingKMeansModel state: centroids must hold (2k - 1) * dimension"
        + " = 5 values (k = 3, dimension = 1), got 4", d -> array(d, "centroids").remove(4));
    assertRejected("invalid model file at state: BisectingKMeansModel state: labels must give leaf 0 (node 3) its size"
        + " 1, got 2 rows", d -> array(d, "labels").set(1, 0));
    assertRejected("invalid model file at state: BisectingKMeansModel state: iterations must hold k - 1 = 2 values,"
        + " got 1", d -> array(d, "iterations").remove(1));
    assertRejected("invalid model file at state: BisectingKMeansModel state: columnNames must have one name per column"
        + " (1), got 2", d -> array(d, "columnNames").add("age"));
  }
}
