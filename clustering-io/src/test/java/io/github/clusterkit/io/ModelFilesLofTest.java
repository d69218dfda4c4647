package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
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
 * The {@code "lof"} kind: its document, exact round trips (the state equal bit for bit, every score equal, the same
 * bytes when saved again), and the refusal, by path, of files whose values break a rule or do not belong together.
 */
class ModelFilesLofTest {

  /**
   * Worked by hand: rows 0, 1, 3 on one named column, k = 1. Nearest other rows: 0 -> 1, 1 -> 0, 3 -> 1, so the
   * k-distances are 1, 1, 2; reachability distances max(d, kdist(neighbour)) are 1, 1, 2; densities 1 / (r + 1e-10);
   * LOF(0) = LOF(1) = 1 and LOF(3) = lrd(1) / lrd(3) = (2 + 1e-10) / (1 + 1e-10).
   */
  static final Dataset LINE = Dataset.of(new double[][] {{0}, {1}, {3}}, List.of("income"));

  static LofModel line() {
    return LocalOutlierFactor.k(1).fit(LINE);
  }

  @Test
  void theFixtureIsTheHandWorkedModel() {
    LofModel m = line();
    assertArrayEquals(new double[] {1, 1, 2}, m.kDistances(), 0.0);
    assertArrayEquals(new double[] {1 / (1 + 1e-10), 1 / (1 + 1e-10), 1 / (2 + 1e-10)},
        m.localReachabilityDensities(), 0.0);
    assertEquals((1 / (1 + 1e-10)) / (1 / (2 + 1e-10)), m.scores()[2], 0.0);
    assertArrayEquals(new int[] {2}, m.outliers());
  }

  @Test
  void theDocumentIsTheStateAndTheSettings() {
    String json = ModelFiles.toJson(line()).replace("\r\n", "\n");
    LofModel m = line();
    String expected = "\"kind\" : \"lof\",\n"
        + "  \"parameters\" : {\n"
        + "    \"k\" : 1,\n"
        + "    \"metric\" : \"euclidean\",\n"
        + "    \"contamination\" : \"auto\"\n"
        + "  },\n"
        + "  \"state\" : {\n"
        + "    \"dimension\" : 1,\n"
        + "    \"rows\" : [ [ 0.0 ], [ 1.0 ], [ 3.0 ] ],\n"
        + "    \"kDistances\" : [ 1.0, 1.0, 2.0 ],\n"
        + "    \"localReachabilityDensities\" : [ " + m.localReachabilityDensities()[0] + ", "
        + m.localReachabilityDensities()[1] + ", " + m.localReachabilityDensities()[2] + " ],\n"
        + "    \"scores\" : [ 1.0, 1.0, " + m.scores()[2] + " ],\n"
        + "    \"threshold\" : 1.5,\n"
        + "    \"columnNames\" : [ \"income\" ]\n"
        + "  },\n";
    assertTrue(json.contains(expected), json);
    String plain = ModelFiles.toJson(LocalOutlierFactor.k(1).contamination(0.25)
        .fit(Dataset.of(new double[][] {{0}, {1}, {5}})));
    assertFalse(plain.contains("columnNames"), plain);
    assertTrue(plain.contains("\"contamination\" : 0.25"), plain);
  }

  static LofModel random(long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    int n = 2 + rng.nextInt(150);
    Dataset x = Generators.blobs(n, d, 3, 0.5 + rng.nextDouble(), 0.2, seed).data();
    LocalOutlierFactor l = LocalOutlierFactor.k(1 + rng.nextInt(Math.min(n - 1, 20)))
        .metric(Metric.values()[rng.nextInt(3)]);
    if (rng.nextInt(2) == 0) {
      l = l.contamination(0.01 + 0.49 * rng.nextDouble());
    }
    return l.fit(x);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void roundTripEqualsAndScoresIdentically(@ForAll long seed) {
    LofModel m = random(seed);
    String json = ModelFiles.toJson(m);
    LofModel back = ModelFiles.fromJson(json, LofModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(m.toString(), back.toString());
    Dataset q = Generators.blobs(40, m.dimension(), 3, 3, 0.3, seed + 1).data();
    assertArrayEquals(m.score(q), back.score(q), 0.0);
    assertArrayEquals(m.outliers(), back.outliers());
    assertEquals(json, ModelFiles.toJson(back));
  }

  @Test
  void savesLoadsAndTheBytesAreStable(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.json");
    ModelFiles.save(line(), a);
    LofModel loaded = ModelFiles.load(a, LofModel.class);
    assertEquals(List.of("income"), loaded.columnNames());
    assertEquals(line().score(new double[] {7}), loaded.score(new double[] {7}), 0.0);
    Path b = dir.resolve("b.json");
    ModelFiles.save(loaded, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    // not a clustering: refused as one, with the class to load it as
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(a, ClusterModel.class));
    assertTrue(e.getMessage().contains("holds a lof (LofModel), not a ClusterModel; load it as LofModel or"
        + " OutlierModel"), e.getMessage());
    // either detector loads through the interface both implement
    OutlierModel any = ModelFiles.load(a, OutlierModel.class);
    assertArrayEquals(line().scores(), any.scores(), 0.0);
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static final String APART = " (the rows and the fitted values do not belong together)";

  private static void assertRejected(String expected, Consumer<ObjectNode> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFilesKindsTest.edit(line(), change), LofModel.class));
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
    assertRejected("invalid model file at parameters.k: must be in [1, 2147483647], got 0",
        d -> params(d).put("k", 0));
    assertRejected("invalid model file at state: LofModel state: data must hold more than k = 3 rows, got 3",
        d -> params(d).put("k", 3));
    assertRejected("invalid model file at parameters.contamination: expected \"auto\" or a number in (0, 0.5], got"
        + " \"none\"", d -> params(d).put("contamination", "none"));
    // refused where it stands, as for the isolationForest kind (the shared reader of both detectors' parameters)
    assertRejected("invalid model file at parameters.contamination: expected \"auto\" or a number in (0, 0.5], got"
        + " 0.6", d -> params(d).put("contamination", 0.6));
    assertRejected("invalid model file at state: LofModel state: threshold must be the fit's 1.0"
        + " (for contamination 0.5), got 1.5", d -> params(d).put("contamination", 0.5));
    assertRejected("invalid model file at parameters: missing field \"k\"", d -> params(d).remove("k"));
    assertRejected("invalid model file at parameters: unexpected field \"novelty\"; expected only [k, metric,"
        + " contamination]", d -> params(d).put("novelty", true));
  }

  @Test
  void refusesMissingFieldsBrokenShapesAndValuesThatDoNotBelongTogether() {
    for (String f : new String[] {"dimension", "rows", "kDistances", "localReachabilityDensities", "scores",
        "threshold"}) {
      assertRejected("invalid model file at state: missing field \"" + f + "\"", d -> state(d).remove(f));
    }
    assertRejected("invalid model file at state.rows[1]: expected 1 value, got 2",
        d -> ((ArrayNode) array(d, "rows").get(1)).add(1.0));
    assertRejected("invalid model file at state.rows[0][0]: expected a number, got \"NaN\"",
        d -> ((ArrayNode) array(d, "rows").get(0)).set(0, "NaN"));
    String at = "invalid model file at state: LofModel state: ";
    assertRejected(at + "scores must hold one value per row (n = 3), got 2", d -> array(d, "scores").remove(2));
    assertRejected(at + "scores[2] must be what a fit of the rows gives, " + line().scores()[2] + ", got 3.0" + APART,
        d -> array(d, "scores").set(2, 3.0));
    assertRejected(at + "kDistances[2] must be what a fit of the rows gives, 2.5, got 2.0" + APART,
        d -> ((ArrayNode) array(d, "rows").get(2)).set(0, 3.5));
    assertRejected(at + "localReachabilityDensities[0] must be what a fit of the rows gives, "
        + line().localReachabilityDensities()[0] + ", got 1.0" + APART,
        d -> array(d, "localReachabilityDensities").set(0, 1.0));
    assertRejected(at + "threshold must be the fit's 1.5 (for contamination auto), got 2.0",
        d -> state(d).put("threshold", 2.0));
    assertRejected(at + "columnNames must have one name per column (1), got 2",
        d -> array(d, "columnNames").add("score"));
  }
}
