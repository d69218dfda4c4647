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
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsInit;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code "kmedoids"} kind: its document, exact round trips (the state equal, every prediction and distance equal
 * bit for bit, the same bytes when saved again), loading as a {@link ClusterModel} and inside a
 * {@link ClusterPipelineModel}, and the refusal, by path, of files whose values break a rule.
 */
class ModelFilesKMedoidsTest {

  /**
   * Two groups on a line, fitted by PAM from BUILD with the Manhattan distance (worked by hand). BUILD: the first
   * medoid is the row of smallest distance sum, rows 2 (value 2) and 3 (value 10) tie at 30 and the smaller row wins;
   * the second is row 4 (value 11), which lowers the sum by 8 + 9 + 10 - (1 + 0 + 1) = 25 (row 3 would by 24). The
   * cost is then 2 + 1 + 0 + 1 + 0 + 1 = 5; PAM's first search swaps row 2 for row 1 (value 1, cost 4), its second
   * finds no improving swap: medoids [1, 4], labels [0, 0, 0, 1, 1, 1], cost 4, 2 iterations (searches), 1 swap.
   */
  static final Dataset LINE = Dataset.of(new double[][] {{0}, {1}, {2}, {10}, {11}, {12}}, List.of("income"));

  static KMedoidsModel line() {
    return KMedoids.k(2).metric(Metric.MANHATTAN).method(KMedoidsMethod.PAM).init(KMedoidsInit.BUILD).fit(LINE);
  }

  @Test
  void theFixtureIsTheHandWorkedClustering() {
    KMedoidsModel m = line();
    assertArrayEquals(new int[] {1, 4}, m.medoidIndices());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, m.labels());
    assertEquals(4.0, m.cost(), 0.0);
    assertEquals(2, m.iterations());
    assertEquals(1, m.swaps());
    assertTrue(m.converged());
  }

  /** The whole document, field by field: what the kind's Javadoc shows. */
  @Test
  void theDocumentIsTheStateAndTheSettings() {
    String json = ModelFiles.toJson(line()).replace("\r\n", "\n");
    String expected = "\"kind\" : \"kmedoids\",\n"
        + "  \"parameters\" : {\n"
        + "    \"method\" : \"pam\",\n"
        + "    \"metric\" : \"manhattan\"\n"
        + "  },\n"
        + "  \"state\" : {\n"
        + "    \"medoids\" : [ [ 1.0 ], [ 11.0 ] ],\n"
        + "    \"medoidIndices\" : [ 1, 4 ],\n"
        + "    \"labels\" : [ 0, 0, 0, 1, 1, 1 ],\n"
        + "    \"cost\" : 4.0,\n"
        + "    \"iterations\" : 2,\n"
        + "    \"swaps\" : 1,\n"
        + "    \"converged\" : true,\n"
        + "    \"columnNames\" : [ \"income\" ]\n"
        + "  },\n";
    assertTrue(json.contains(expected), json);
    // unnamed data: no columnNames; the other methods' and metrics' names
    String plain = ModelFiles.toJson(KMedoids.k(2).metric(Metric.CHEBYSHEV).method(KMedoidsMethod.ALTERNATE)
        .fit(Dataset.of(new double[][] {{0}, {1}, {2}, {10}, {11}, {12}})));
    assertTrue(plain.contains("\"method\" : \"alternate\",\n    \"metric\" : \"chebyshev\"\n"), plain);
    assertFalse(plain.contains("columnNames"), plain);
    String fasterPam = ModelFiles.toJson(KMedoids.k(2).fit(LINE));
    assertTrue(fasterPam.contains("\"method\" : \"fasterPam\",\n    \"metric\" : \"euclidean\"\n"), fasterPam);
  }

  /** A random fit of any method, metric and initialisation, on named or unnamed data. */
  static KMedoidsModel random(long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(5);
    int k = 1 + rng.nextInt(5);
    Dataset x = Generators.blobs(k + rng.nextInt(60), d, k, 0.3 + rng.nextDouble() * 2, 0.2, seed).data();
    if (rng.nextInt(2) == 0) {
      List<String> names = new java.util.ArrayList<>();
      for (int j = 0; j < d; j++) {
        names.add("c" + j + (char) ('a' + rng.nextInt(26)));
      }
      x = x.withColumnNames(names);
    }
    return KMedoids.k(Math.min(k, x.size())).seed(seed).restarts(1 + rng.nextInt(3))
        .method(KMedoidsMethod.values()[rng.nextInt(3)]).metric(Metric.values()[rng.nextInt(3)])
        .init(KMedoidsInit.values()[rng.nextInt(3)]).maxIterations(1 + rng.nextInt(5)).fit(x);
  }

  /**
   * Saved and loaded, a fitted model has the same state (bit for bit), labels, medoids and summary, and predicts and
   * transforms every point exactly as the original; saving the loaded model writes the same document.
   */
  @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
  void roundTripEqualsAndPredictsIdentically(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int scale) {
    KMedoidsModel m = random(seed);
    String json = ModelFiles.toJson(m);
    KMedoidsModel back = ModelFiles.fromJson(json, KMedoidsModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(m.toString(), back.toString());
    assertEquals(m.columnNames(), back.columnNames());
    assertArrayEquals(m.medoidIndices(), back.medoidIndices());
    // points near the data, and far from it (the scaled path of predict beyond 2^201)
    double far = scale == 3 ? 1e250 : scale;
    Dataset q = Generators.blobs(30, m.dimension(), 3, 2 * far, 0.3, seed + 1).data();
    assertArrayEquals(m.predict(q), back.predict(q));
    for (int i = 0; i < q.size(); i++) {
      double[] a = m.transform(q.row(i));
      double[] b = back.transform(q.row(i));
      for (int j = 0; j < a.length; j++) {
        assertEquals(Double.doubleToRawLongBits(a[j]), Double.doubleToRawLongBits(b[j]), "row " + i + ", medoid " + j);
      }
      assertEquals(m.predict(q.row(i)), back.predict(q.row(i)));
    }
    assertEquals(json, ModelFiles.toJson(back));
  }

  @Test
  void roundTripIsExactAndTheBytesAreStable(@TempDir Path dir) throws IOException {
    KMedoidsModel m = KMedoids.k(4).seed(3).restarts(2).metric(Metric.MANHATTAN)
        .fit(Generators.blobs(300, 3, 4, 1, 0.1, 5).data());
    Path a = dir.resolve("a.json");
    ModelFiles.save(m, a);
    KMedoidsModel back = ModelFiles.load(a, KMedoidsModel.class);
    assertEquals(m.state(), back.state());
    Path b = dir.resolve("b.json");
    ModelFiles.save(back, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void loadsAsAClusterModel(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.json");
    ModelFiles.save(line(), file);
    ClusterModel loaded = ModelFiles.load(file, ClusterModel.class);
    assertSame(KMedoidsModel.class, loaded.getClass());
    assertEquals(List.of("income"), loaded.columnNames());
    assertEquals(2, loaded.clusterCount());
    // 5.9 is nearer 1 (4.9) than 11 (5.1); 6 is equally near both and goes to the smaller label
    assertEquals(0, loaded.predict(new double[] {5.9}));
    assertEquals(0, loaded.predict(new double[] {6}));
    assertEquals(1, loaded.predict(new double[] {6.1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(file, io.github.clusterkit.kmeans.KMeansModel.class));
    assertEquals("type must be the class of the model in the file: the file holds a kmedoids (KMedoidsModel), not a"
        + " KMeansModel; load it as KMedoidsModel or ClusterModel", e.getMessage());
  }

  /**
   * Inside a cluster pipeline: min-max scaling to [0, 2] and one-hot categories with the Manhattan distance (the
   * segment command's Gower setting). Scaled, the incomes 0, 10, 20, 80, 90, 100 are 0, 0.2, 0.4, 1.6, 1.8, 2, and a
   * change of channel weighs 2 (one-hot, two columns differ by 1). Row 5 (income 100, web) is therefore nearer every
   * web row (at most 2) than every shop row (at least 2.2): the optimum puts it with the web rows 0-2 (cost 2.2 with
   * medoid 1 or 2, and 0.2 for the shop rows), which no single swap improves.
   */
  @Test
  void aClusterPipelineWithAKMedoidsModelRoundTrips(@TempDir Path dir) throws IOException {
    Table t = Table.builder().numeric("income", new double[] {0, 10, 20, 80, 90, 100})
        .categorical("channel", new String[] {"web", "web", "web", "shop", "shop", "web"}).build();
    PipelineModel prep = Pipeline.of(new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE),
        new MinMaxScaler().range(0, 2).columns("income")).fit(t);
    KMedoidsModel m = KMedoids.k(2).metric(Metric.MANHATTAN).init(KMedoidsInit.BUILD).fit(prep.transform(t));
    int web = m.labels()[0];
    int shop = 1 - web;
    assertArrayEquals(new int[] {web, web, web, shop, shop, web}, m.labels());
    ClusterPipelineModel saved = ClusterPipelineModel.of(prep, m)
        .withClusterNames(web == 0 ? List.of("Web", "Shop") : List.of("Shop", "Web"));
    Path file = dir.resolve("segmentation.json");
    ModelFiles.save(saved, file);
    ClusterPipelineModel back = ModelFiles.load(file, ClusterPipelineModel.class);
    assertEquals(m.state(), back.model(KMedoidsModel.class).state());
    assertEquals(saved.clusterNames(), back.clusterNames());
    Table fresh = Table.builder().categorical("channel", new String[] {"shop", "web", "phone"})
        .numeric("income", new double[] {5, 95, 300}).build();
    assertArrayEquals(saved.predict(fresh), back.predict(fresh));
    assertArrayEquals(m.labels(), back.predict(t));
    assertEquals(ModelFiles.toJson(saved), ModelFiles.toJson(back));
    assertTrue(Files.readString(file).contains("\"kind\" : \"kmedoids\""));
    // the model's own checks apply inside the pipeline, with the nested path
    assertRejected("invalid model file at state.model.state: KMedoidsModel state: labels[5] must be in 0..1 (k = 2),"
        + " got 2", ModelFilesKindsTest.edit(saved, d -> ((ArrayNode) d.get("state").get("model").get("state")
            .get("labels")).set(5, 2)), ClusterPipelineModel.class);
    // a model of another dimension than the pipeline's output
    assertRejected("invalid model file at state: model must be fitted on the pipeline's output",
        ModelFilesKindsTest.edit(saved, d -> {
          ObjectNode s = (ObjectNode) d.get("state").get("model").get("state");
          ((ArrayNode) s.get("medoids").get(0)).add(0.0);
          ((ArrayNode) s.get("medoids").get(1)).add(0.0);
          s.remove("columnNames");
        }), ClusterPipelineModel.class);
  }

  /**
   * A fit whose cost lies beyond the double range (two rows at +-1.5e308, k = 1, fitted scaled by a power of two, the
   * cost 3e308 scaled back to +Infinity) is saved with the cost as the string "Infinity", as a "kmeans" file stores an
   * infinite inertia, and loads back equal (before, fromState refused an infinite cost, so save refused the model).
   * "-Infinity" and "NaN" stay refused (refusesValuesThatAreNotFinite).
   */
  @Test
  void anInfiniteCostRoundTrips(@TempDir Path dir) throws IOException {
    KMedoidsModel m = KMedoids.k(1).fit(Dataset.of(new double[][] {{-1.5e308}, {1.5e308}}));
    assertEquals(Double.POSITIVE_INFINITY, m.cost());
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("\"cost\" : \"Infinity\""), json);
    Path f = dir.resolve("m.json");
    ModelFiles.save(m, f);
    KMedoidsModel back = ModelFiles.load(f, KMedoidsModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(Double.POSITIVE_INFINITY, back.cost());
    assertEquals(m.predict(new double[] {1e308}), back.predict(new double[] {1e308}));
    assertEquals(json, ModelFiles.toJson(back));
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static void assertRejected(String expected, String json, Class<?> type) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, type));
    assertTrue(e.getMessage().startsWith(expected), () -> "expected <" + expected + ">, got <" + e.getMessage() + ">");
  }

  private static void assertRejected(String expected, Consumer<ObjectNode> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFilesKindsTest.edit(line(), change), KMedoidsModel.class));
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
  void refusesAnotherKindOrAnUnknownOne() {
    assertRejected("invalid model file at the top level: unknown model kind \"kmedoid\"; this library reads [pipeline,"
        + " kmeans, dbscan, gmm, pca, hdbscan, kmedoids, bisectingKMeans, birch, lof, isolationForest,"
        + " clusterPipeline, outlierPipeline]",
        d -> d.put("kind", "kmedoid"));
    // a kmedoids document named as a kmeans one (loaded as any clustering): the kmeans codec finds fields it does not
    // know
    assertRejected("invalid model file at parameters: unexpected field \"method\"; expected only [algorithm]",
        ModelFilesKindsTest.edit(line(), d -> d.put("kind", "kmeans")), ClusterModel.class);
  }

  @Test
  void refusesParametersThatBreakTheRules() {
    assertRejected("invalid model file at parameters.method: expected one of [fasterPam, pam, alternate], got"
        + " \"clara\"", d -> params(d).put("method", "clara"));
    assertRejected("invalid model file at parameters.method: expected one of [fasterPam, pam, alternate], got"
        + " \"FASTER_PAM\"", d -> params(d).put("method", "FASTER_PAM"));
    assertRejected("invalid model file at parameters.metric: expected one of [euclidean, manhattan, chebyshev], got"
        + " \"gower\"", d -> params(d).put("metric", "gower"));
    assertRejected("invalid model file at parameters.metric: expected a string, got 1",
        d -> params(d).put("metric", 1));
    assertRejected("invalid model file at parameters: missing field \"method\"", d -> params(d).remove("method"));
    assertRejected("invalid model file at parameters: missing field \"metric\"", d -> params(d).remove("metric"));
    assertRejected("invalid model file at parameters: unexpected field \"seed\"; expected only [method, metric]",
        d -> params(d).put("seed", 42));
  }

  @Test
  void refusesMissingFieldsAndWrongTypes() {
    for (String f : new String[] {"medoids", "medoidIndices", "labels", "cost", "iterations", "swaps", "converged"}) {
      assertRejected("invalid model file at state: missing field \"" + f + "\"", d -> state(d).remove(f));
    }
    assertRejected("invalid model file at state: unexpected field \"medoidRows\"; expected only [medoids,"
        + " medoidIndices, labels, cost, iterations, swaps, converged, columnNames]",
            d -> state(d).putArray("medoidRows"));
    assertRejected("invalid model file at state.medoids: expected an array, got {}",
        d -> state(d).putObject("medoids"));
    assertRejected("invalid model file at state.medoids: expected at least one medoid, got none",
        d -> array(d, "medoids").removeAll());
    assertRejected("invalid model file at state.medoids: medoids must have at least one coordinate, got none",
        d -> ((ArrayNode) array(d, "medoids").get(0)).removeAll());
    assertRejected("invalid model file at state.medoids[1][0]: expected a number, got \"11\"",
        d -> ((ArrayNode) array(d, "medoids").get(1)).set(0, "11"));
    assertRejected("invalid model file at state.medoidIndices[0]: expected an integer, got 1.5",
        d -> array(d, "medoidIndices").set(0, 1.5));
    assertRejected("invalid model file at state.medoidIndices: expected an array, got 1",
        d -> state(d).put("medoidIndices", 1));
    assertRejected("invalid model file at state.labels[2]: expected an integer, got \"0\"",
        d -> array(d, "labels").set(2, "0"));
    assertRejected("invalid model file at state.cost: expected a number, got \"4\"", d -> state(d).put("cost", "4"));
    assertRejected("invalid model file at state.iterations: expected an integer, got 2.0",
        d -> state(d).put("iterations", 2.0));
    assertRejected("invalid model file at state.swaps: expected an integer, got true",
        d -> state(d).put("swaps", true));
    assertRejected("invalid model file at state.converged: expected true or false, got 1",
        d -> state(d).put("converged", 1));
    assertRejected("invalid model file at state.columnNames[0]: expected a string, got 7",
        d -> array(d, "columnNames").set(0, 7));
  }

  /**
   * JSON has no NaN or infinity: no string standing for one loads (but "Infinity" as the cost), nor a literal beyond
   * the double range.
   */
  @Test
  void refusesValuesThatAreNotFinite() {
    assertRejected("invalid model file at state.medoids[0][0]: expected a number, got \"NaN\"",
        d -> ((ArrayNode) array(d, "medoids").get(0)).set(0, "NaN"));
    assertRejected("invalid model file at state.cost: expected a number, got \"-Infinity\"",
        d -> state(d).put("cost", "-Infinity"));
    assertRejected("invalid model file at state.medoids[0][0]: expected a number, got \"Infinity\"",
        d -> ((ArrayNode) array(d, "medoids").get(0)).set(0, "Infinity"));
    assertRejected("invalid model file at state.cost: expected a number, got \"NaN\"",
        d -> state(d).put("cost", "NaN"));
    assertRejected("invalid model file at state.medoids[1][0]: must be a finite number, got a number beyond the"
        + " double range (magnitude above 1.7976931348623157E308)",
        ModelFilesKindsTest.resign(ModelFiles.toJson(line()).replace("[ 11.0 ]", "[ 1e999 ]")), KMedoidsModel.class);
    assertRejected("invalid model file at state.cost: must be a finite number, got a number beyond the double range",
        ModelFilesKindsTest.resign(ModelFiles.toJson(line()).replace("\"cost\" : 4.0", "\"cost\" : -1e999")),
        KMedoidsModel.class);
  }

  /** The rules of fromState, each with the path "state" and fromState's own message. */
  @Test
  void refusesStatesThatBreakTheModelsRules() {
    String at = "invalid model file at state: KMedoidsModel state: ";
    assertRejected(at + "medoidIndices[1] must be in 0..5 (n = 6), got 6", d -> array(d, "medoidIndices").set(1, 6));
    assertRejected("invalid model file at state.medoidIndices[0]: must be in [0, 2147483647], got -1",
        d -> array(d, "medoidIndices").set(0, -1));
    assertRejected(at + "medoidIndices must be distinct, got 4 at indices 0 and 1",
        d -> array(d, "medoidIndices").set(0, 4));
    assertRejected(at + "medoidIndices must hold k = 2 row numbers, got 3", d -> array(d, "medoidIndices").add(0));
    assertRejected(at + "labels[3] must be in 0..1 (k = 2), got 2", d -> array(d, "labels").set(3, 2));
    // row 1 is medoid 0 (LINE's hand-worked fit): labelled 1, it would be nearer medoid 1 than its own medoid
    assertRejected(at + "labels[1] must be <= 0 (row 1 is medoid 0), got 1", d -> array(d, "labels").set(1, 1));
    assertRejected("invalid model file at state.labels[3]: must be in [0, 2147483647], got -1",
        d -> array(d, "labels").set(3, -1));
    // fewer training labels than a medoid's row number
    assertRejected(at + "medoidIndices[1] must be in 0..3 (n = 4), got 4", d -> {
      array(d, "labels").remove(5);
      array(d, "labels").remove(4);
    });
    assertRejected(at + "labels must hold at least k = 2 training rows, got 1", d -> {
      array(d, "labels").removeAll().add(0);
    });
    assertRejected(at + "cost must be >= 0 (or +Infinity, beyond the double range), got -1.0",
        d -> state(d).put("cost", -1.0));
    assertRejected(at + "iterations must be >= 1, got 0", d -> state(d).put("iterations", 0));
    assertRejected("invalid model file at state.swaps: must be in [0, 2147483647], got -1",
        d -> state(d).put("swaps", -1));
    assertRejected("invalid model file at state.iterations: must be in [0, 2147483647], got 4294967296",
        d -> state(d).put("iterations", 1L << 32));
  }

  /** Shapes: the dimension is the medoids' row length, so a ragged medoid or names of another count are refused. */
  @Test
  void refusesDimensionMismatches() {
    assertRejected("invalid model file at state.medoids[1]: expected 1 value, got 2",
        d -> ((ArrayNode) array(d, "medoids").get(1)).add(3.0));
    assertRejected("invalid model file at state.medoids[1]: expected 2 values, got 1",
        d -> ((ArrayNode) array(d, "medoids").get(0)).add(3.0));
    assertRejected("invalid model file at state: KMedoidsModel state: columnNames must have one name per column (1),"
        + " got 2", d -> array(d, "columnNames").add("visits"));
    // medoids of two columns with one name: the names' count is checked against the medoids'
    assertRejected("invalid model file at state: KMedoidsModel state: columnNames must have one name per column (2),"
        + " got 1", d -> {
          ((ArrayNode) array(d, "medoids").get(0)).add(3.0);
          ((ArrayNode) array(d, "medoids").get(1)).add(3.0);
        });
    KMedoidsModel two = ModelFiles.fromJson(ModelFilesKindsTest.edit(line(), d -> {
      ((ArrayNode) array(d, "medoids").get(0)).add(3.0);
      ((ArrayNode) array(d, "medoids").get(1)).add(3.0);
      array(d, "columnNames").add("visits");
    }), KMedoidsModel.class);
    assertEquals(2, two.dimension());
    // a loaded model refuses points of another dimension, as the saved one did
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.predict(new double[] {1}));
    assertTrue(e.getMessage().contains("point"), e.getMessage());
  }

  @Test
  void refusesRepeatedColumnNamesAndUnsignedEdits() {
    Table t = Table.builder().numeric("a", new double[] {0, 1, 5}).numeric("b", new double[] {0, 1, 5}).build();
    KMedoidsModel m = KMedoids.k(2).fit(Dataset.of(new double[][] {{0, 0}, {1, 1}, {5, 5}}, t.columnNames()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(
        ModelFilesKindsTest.edit(m, d -> array(d, "columnNames").set(1, "a")), KMedoidsModel.class));
    assertTrue(e.getMessage().startsWith("invalid model file at state: KMedoidsModel state: columnNames must be"
        + " distinct"), e.getMessage());
    assertRejected("invalid model file at the top level: checksum mismatch: the file was modified or corrupted after"
        + " it was written", ModelFiles.toJson(line()).replace("\"cost\" : 4.0", "\"cost\" : 3.0"),
        KMedoidsModel.class);
  }
}
