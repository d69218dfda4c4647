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
import io.github.clusterkit.birch.Birch;
import io.github.clusterkit.birch.BirchModel;
import io.github.clusterkit.birch.BirchTree;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
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
 * The {@code "birch"} kind: its document, exact round trips (the state equal bit for bit, every prediction equal,
 * the same bytes when saved again), loading as a {@link ClusterModel} and inside a {@link ClusterPipelineModel}, and
 * the refusal, by path, of files whose values break a rule.
 */
class ModelFilesBirchTest {

  /**
   * Worked by hand: threshold 1 and rows 0, 1, 10 on one named column. Row 1 joins row 0 (merged squared radius
   * (0 + 1) / 2 - 0.5^2 = 0.25 &lt;= 1); row 10 would give (1 + 100) / 3 - (11 / 3)^2 = 20.2 and starts a subcluster.
   * Two subclusters, two clusters: Ward cuts nothing at k = 2; scikit-learn's heap numbers them [1, 0] (the cut
   * pushes the root's children 0 and 1 as -0 and -1, and the heap holds [-1, 0]).
   */
  static final Dataset LINE = Dataset.of(new double[][] {{0}, {1}, {10}}, List.of("income"));

  static BirchModel line() {
    return Birch.threshold(1).branchingFactor(3).clusters(2).fit(LINE);
  }

  @Test
  void theFixtureIsTheHandWorkedClustering() {
    BirchModel m = line();
    assertArrayEquals(new long[] {2, 1}, m.subclusterCounts());
    assertArrayEquals(new int[] {1, 0}, m.subclusterLabels());
    assertArrayEquals(new int[] {1, 1, 0}, m.labels());
  }

  @Test
  void theDocumentIsTheStateAndTheSettings() {
    String json = ModelFiles.toJson(line()).replace("\r\n", "\n");
    String expected = "\"kind\" : \"birch\",\n"
        + "  \"parameters\" : {\n"
        + "    \"threshold\" : 1.0,\n"
        + "    \"branchingFactor\" : 3,\n"
        + "    \"clusters\" : 2\n"
        + "  },\n"
        + "  \"state\" : {\n"
        + "    \"centroids\" : [ [ 0.5 ], [ 10.0 ] ],\n"
        + "    \"counts\" : [ 2, 1 ],\n"
        + "    \"linearSums\" : [ [ 1.0 ], [ 10.0 ] ],\n"
        + "    \"squaredSums\" : [ 1.0, 100.0 ],\n"
        + "    \"subclusterLabels\" : [ 1, 0 ],\n"
        + "    \"labels\" : [ 1, 1, 0 ],\n"
        + "    \"columnNames\" : [ \"income\" ]\n"
        + "  },\n";
    assertTrue(json.contains(expected), json);
    String plain = ModelFiles.toJson(Birch.threshold(1).fit(Dataset.of(new double[][] {{0}, {1}})));
    assertFalse(plain.contains("columnNames"), plain);
  }

  static BirchModel random(long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    Dataset x = Generators.blobs(1 + rng.nextInt(200), d, 3, 0.5 + rng.nextDouble(), 0.2, seed).data();
    Birch b = Birch.threshold(0.2 + rng.nextDouble()).branchingFactor(2 + rng.nextInt(6)).clusters(rng.nextInt(5));
    if (rng.nextInt(3) == 0) {
      BirchTree t = b.tree(d);
      t.add(x);
      return t.model();
    }
    return b.fit(x);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void roundTripEqualsAndPredictsIdentically(@ForAll long seed) {
    BirchModel m = random(seed);
    String json = ModelFiles.toJson(m);
    BirchModel back = ModelFiles.fromJson(json, BirchModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(m.toString(), back.toString());
    Dataset q = Generators.blobs(40, m.dimension(), 3, 3, 0.3, seed + 1).data();
    assertArrayEquals(m.predict(q), back.predict(q));
    assertEquals(json, ModelFiles.toJson(back));
  }

  @Test
  void loadsAsAClusterModelAndTheBytesAreStable(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.json");
    ModelFiles.save(line(), a);
    ClusterModel loaded = ModelFiles.load(a, ClusterModel.class);
    assertSame(BirchModel.class, loaded.getClass());
    assertEquals(List.of("income"), loaded.columnNames());
    assertEquals(2, loaded.clusterCount());
    // 5.2 is nearer 0.5 (4.7) than 10 (4.8); 5.25 is as near both and goes to the first subcluster
    assertEquals(1, loaded.predict(new double[] {5.2}));
    assertEquals(1, loaded.predict(new double[] {5.25}));
    assertEquals(0, loaded.predict(new double[] {5.3}));
    Path b = dir.resolve("b.json");
    ModelFiles.save(loaded, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void aClusterPipelineWithABirchModelRoundTrips(@TempDir Path dir) throws IOException {
    Dataset blobs = Generators.blobs(300, 2, 3, 1, 0.1, 9).data();
    Table x = Table.builder().numeric("income", blobs.column(0)).numeric("score", blobs.column(1)).build();
    PipelineModel prep = Pipeline.of(new StandardScaler()).fit(x);
    BirchModel m = Birch.threshold(0.3).clusters(3).fit(prep.transform(x));
    ClusterPipelineModel saved = ClusterPipelineModel.of(prep, m);
    Path file = dir.resolve("segmentation.json");
    ModelFiles.save(saved, file);
    ClusterPipelineModel back = ModelFiles.load(file, ClusterPipelineModel.class);
    assertEquals(m.state(), back.model(BirchModel.class).state());
    assertArrayEquals(m.labels(), back.predict(x));
    assertTrue(Files.readString(file).contains("\"kind\" : \"birch\""));
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static void assertRejected(String expected, Consumer<ObjectNode> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFilesKindsTest.edit(line(), change), BirchModel.class));
    assertEquals(expected, e.getMessage());
  }

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }

  private static ObjectNode params(ObjectNode doc) {
    return (ObjectNode) doc.get("parameters");
  }

  private static ArrayNode array(ObjectNode doc, String field) {
    return (ArrayNode) state(doc).get(field);
  }

  @Test
  void refusesParametersThatBreakTheRules() {
    String at = "invalid model file at state: BirchModel state: ";
    assertRejected(at + "threshold must be > 0 with a square that is a normal finite double (about 1.5e-154 to"
        + " 1.3e154), got 0.0", d -> params(d).put("threshold", 0.0));
    assertRejected(at + "branchingFactor must be in [2, 32768], got 1", d -> params(d).put("branchingFactor", 1));
    assertRejected("invalid model file at parameters.clusters: must be in [0, 2147483647], got -1",
        d -> params(d).put("clusters", -1));
    assertRejected("invalid model file at parameters: missing field \"threshold\"",
        d -> params(d).remove("threshold"));
    assertRejected("invalid model file at parameters: unexpected field \"nClusters\"; expected only [threshold,"
        + " branchingFactor, clusters]", d -> params(d).put("nClusters", 2));
  }

  @Test
  void refusesMissingFieldsWrongTypesAndBrokenStates() {
    for (String f : new String[] {"centroids", "counts", "linearSums", "squaredSums", "subclusterLabels",
        "labels"}) {
      assertRejected("invalid model file at state: missing field \"" + f + "\"", d -> state(d).remove(f));
    }
    assertRejected("invalid model file at state.centroids: expected at least one subcluster, got none",
        d -> array(d, "centroids").removeAll());
    assertRejected("invalid model file at state.counts[1]: must be in [1, 9223372036854775807], got 0",
        d -> array(d, "counts").set(1, 0));
    assertRejected("invalid model file at state.counts[0]: expected an integer, got 2.5",
        d -> array(d, "counts").set(0, 2.5));
    assertRejected("invalid model file at state.centroids[1][0]: expected a number, got \"NaN\"",
        d -> ((ArrayNode) array(d, "centroids").get(1)).set(0, "NaN"));
    assertRejected("invalid model file at state.linearSums[1]: expected 1 value, got 2",
        d -> ((ArrayNode) array(d, "linearSums").get(1)).add(1.0));
    String at = "invalid model file at state: BirchModel state: ";
    assertRejected(at + "squaredSums[0] must be finite and >= 0, got -1.0", d -> array(d, "squaredSums").set(0, -1.0));
    assertRejected(at + "centroids must hold m * dimension = 3 values (m = 3 subclusters), got 2",
        d -> array(d, "counts").add(1));
    assertRejected(at + "subclusterLabels[0] must be in 0..1 (2 clusters), got 2",
        d -> array(d, "subclusterLabels").set(0, 2));
    assertRejected(at + "subclusterLabels must use every cluster 0..1, cluster 0 has none",
        d -> array(d, "subclusterLabels").set(1, 1));
    assertRejected(at + "labels[2] must be in 0..1 (2 clusters), got 2", d -> array(d, "labels").set(2, 2));
    assertRejected(at + "columnNames must have one name per column (1), got 2",
        d -> array(d, "columnNames").add("score"));
  }
}
