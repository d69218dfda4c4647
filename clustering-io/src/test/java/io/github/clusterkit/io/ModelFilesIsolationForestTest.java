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
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.OptionalDouble;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code "isolationForest"} kind: its document, exact round trips (the state equal bit for bit, every score
 * equal, the same bytes when saved again), and the refusal, by path, of files whose trees or values break a rule
 * (children out of range, cycles, non-finite thresholds, sizes that do not add up, ...); hostile random edits,
 * re-signed, raise only {@link IllegalArgumentException}.
 */
class ModelFilesIsolationForestTest {

  /**
   * Two identical rows on a named column: every tree is one leaf of both rows (feature -2, threshold -2.0, children
   * -1, size 2), and every score is 2^(-(1 + 1) / (2 c(2))) = 0.5 (c(2) = 1).
   */
  static IsolationForestModel twins() {
    return IsolationForest.trees(2).fit(Dataset.of(new double[][] {{3}, {3}}, List.of("income")));
  }

  /**
   * A hand-made forest of 2 trees on 2 columns, sample size 4: tree 0 splits column 1 at 0.5 into a leaf of 1 row
   * and a node splitting column 0 at 3.25 into leaves of 1 and 2; tree 1 splits column 0 at 1 into two leaves of 2.
   */
  static IsolationForestModel hand() {
    return IsolationForestModel.fromState(new IsolationForestModel.State(2, FittedColumns.defaults(2), 4,
        OptionalDouble.empty(), 0.5,
        new int[] {0, 5, 8}, new int[] {1, -2, 0, -2, -2, 0, -2, -2},
        new double[] {0.5, -2, 3.25, -2, -2, 1.0, -2, -2}, new int[] {1, -1, 3, -1, -1, 1, -1, -1},
        new int[] {2, -1, 4, -1, -1, 2, -1, -1}, new int[] {4, 1, 3, 1, 2, 4, 2, 2}, new double[0]));
  }

  @Test
  void theDocumentIsTheStateAndTheSettings() {
    String json = ModelFiles.toJson(twins()).replace("\r\n", "\n");
    String expected = "\"kind\" : \"isolationForest\",\n"
        + "  \"parameters\" : {\n"
        + "    \"trees\" : 2,\n"
        + "    \"sampleSize\" : 2,\n"
        + "    \"contamination\" : \"auto\"\n"
        + "  },\n"
        + "  \"state\" : {\n"
        + "    \"dimension\" : 1,\n"
        + "    \"threshold\" : 0.5,\n"
        + "    \"trees\" : [ {\n"
        + "      \"feature\" : [ -2 ],\n"
        + "      \"threshold\" : [ -2.0 ],\n"
        + "      \"left\" : [ -1 ],\n"
        + "      \"right\" : [ -1 ],\n"
        + "      \"size\" : [ 2 ]\n"
        + "    }, {\n"
        + "      \"feature\" : [ -2 ],\n"
        + "      \"threshold\" : [ -2.0 ],\n"
        + "      \"left\" : [ -1 ],\n"
        + "      \"right\" : [ -1 ],\n"
        + "      \"size\" : [ 2 ]\n"
        + "    } ],\n"
        + "    \"scores\" : [ 0.5, 0.5 ],\n"
        + "    \"columnNames\" : [ \"income\" ]\n"
        + "  },\n";
    assertTrue(json.contains(expected), json);
    String plain = ModelFiles.toJson(IsolationForest.trees(1).contamination(0.25)
        .fit(Dataset.of(new double[][] {{0}, {1}})));
    assertFalse(plain.contains("columnNames"), plain);
    assertTrue(plain.contains("\"contamination\" : 0.25"), plain);
  }

  static IsolationForestModel random(long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    Dataset x = Generators.blobs(1 + rng.nextInt(200), d, 3, 0.5 + rng.nextDouble(), 0.2, seed).data();
    IsolationForest f = IsolationForest.trees(1 + rng.nextInt(12)).seed(seed);
    if (rng.nextInt(2) == 0) {
      f = f.sampleSize(2 + rng.nextInt(100));
    }
    if (rng.nextInt(2) == 0) {
      f = f.contamination(0.01 + 0.49 * rng.nextDouble());
    }
    return f.fit(x);
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void roundTripEqualsAndScoresIdentically(@ForAll long seed) {
    IsolationForestModel m = random(seed);
    String json = ModelFiles.toJson(m);
    IsolationForestModel back = ModelFiles.fromJson(json, IsolationForestModel.class);
    assertEquals(m.state(), back.state());
    assertEquals(m.toString(), back.toString());
    Dataset q = Generators.blobs(40, m.dimension(), 3, 3, 0.3, seed + 1).data();
    assertArrayEquals(m.score(q), back.score(q));
    assertArrayEquals(m.outliers(), back.outliers());
    assertEquals(json, ModelFiles.toJson(back));
  }

  @Test
  void loadsAsObjectAndTheBytesAreStable(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.json");
    ModelFiles.save(hand(), a);
    Object loaded = ModelFiles.load(a, Object.class);
    assertSame(IsolationForestModel.class, loaded.getClass());
    IsolationForestModel m = (IsolationForestModel) loaded;
    assertEquals(hand().state(), m.state());
    assertEquals(hand().score(new double[] {3.25, 0.5}), m.score(new double[] {3.25, 0.5}));
    Path b = dir.resolve("b.json");
    ModelFiles.save(m, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void loadsAsAnOutlierModelAndAWrongTypeIsNamedWithItsArticle(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.json");
    ModelFiles.save(hand(), a);
    OutlierModel detector = ModelFiles.load(a, OutlierModel.class);
    assertEquals(hand().state(), ((IsolationForestModel) detector).state());
    // "an isolationForest", "an OutlierModel", and the interface offered beside the class (a user trial read
    // "holds a isolationForest ... load it as IsolationForestModel", not knowing OutlierModel would do)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(a, ClusterModel.class));
    assertEquals("type must be the class of the model in the file: the file holds an isolationForest"
        + " (IsolationForestModel), not a ClusterModel; load it as IsolationForestModel or OutlierModel",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(a, LofModel.class));
    assertEquals("type must be the class of the model in the file: the file holds an isolationForest"
        + " (IsolationForestModel), not a LofModel; load it as IsolationForestModel or OutlierModel", e.getMessage());
    Path k = dir.resolve("k.json");
    ModelFiles.save(KMeans.k(2).seed(1).fit(Dataset.of(new double[][] {{0}, {1}, {10}, {11}})), k);
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(k, OutlierModel.class));
    assertEquals("type must be the class of the model in the file: the file holds a kmeans (KMeansModel), not an"
        + " OutlierModel; load it as KMeansModel or ClusterModel", e.getMessage());
  }

  // ---- rejection -------------------------------------------------------------------------------------

  private static void assertRejected(String expected, Consumer<ObjectNode> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFilesKindsTest.edit(hand(), change), IsolationForestModel.class));
    assertEquals(expected, e.getMessage());
  }

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }

  private static ObjectNode params(ObjectNode doc) {
    return (ObjectNode) doc.get("parameters");
  }

  private static ArrayNode tree(ObjectNode doc, int t, String field) {
    return (ArrayNode) ((ObjectNode) ((ArrayNode) state(doc).get("trees")).get(t)).get(field);
  }

  @Test
  void refusesParametersThatBreakTheRules() {
    assertRejected("invalid model file at parameters.contamination: expected \"auto\" or a number in (0, 0.5], got"
        + " \"none\"", d -> params(d).put("contamination", "none"));
    assertRejected("invalid model file at parameters.contamination: expected \"auto\" or a number in (0, 0.5], got"
        + " 0.7", d -> params(d).put("contamination", 0.7));
    assertRejected("invalid model file at parameters.trees: must be in [1, 1048576], got 0",
        d -> params(d).put("trees", 0));
    assertRejected("invalid model file at state.trees: expected 3 trees (parameters.trees), got 2",
        d -> params(d).put("trees", 3));
    assertRejected("invalid model file at parameters.sampleSize: must be in [1, 536870912], got 0",
        d -> params(d).put("sampleSize", 0));
    assertRejected("invalid model file at state: IsolationForestModel state: size of a root must be sampleSize 5, got"
        + " 4 at tree 0, node 0", d -> params(d).put("sampleSize", 5));
    assertRejected("invalid model file at parameters: unexpected field \"maxFeatures\"; expected only [trees,"
        + " sampleSize, contamination]", d -> params(d).put("maxFeatures", 1.0));
  }

  @Test
  void refusesCorruptedTrees() {
    String at = "invalid model file at state: IsolationForestModel state: ";
    assertRejected(at + "children must be in (0, 5) (after the node, within the tree), got 9 at tree 0, node 0",
        d -> tree(d, 0, "left").set(0, 9));
    assertRejected(at + "children must be in (2, 5) (after the node, within the tree), got 0 at tree 0, node 2",
        d -> tree(d, 0, "right").set(2, 0));
    assertRejected(at + "children must be in (0, 3) (after the node, within the tree), got 0 at tree 1, node 0",
        d -> tree(d, 1, "left").set(0, 0));
    assertRejected(at + "a node must have one parent, node 2 has two at tree 1, node 0",
        d -> tree(d, 1, "left").set(0, 2));
    assertRejected("invalid model file at state.trees[0].threshold[2]: expected a number, got \"NaN\"",
        d -> tree(d, 0, "threshold").set(2, "NaN"));
    assertRejected(at + "feature must be in [0, 2) at an inner node, got 5 at tree 0, node 2",
        d -> tree(d, 0, "feature").set(2, 5));
    assertRejected("invalid model file at state.trees[0].feature[2]: must be in [-2, 2147483647], got -3",
        d -> tree(d, 0, "feature").set(2, -3));
    assertRejected(at + "a leaf must have feature -2 and threshold -2.0, got 0 and -2.0 at tree 0, node 1",
        d -> tree(d, 0, "feature").set(1, 0));
    assertRejected(at + "the children's sizes must be >= 1 and add to the node's 3, got 1 and 3 at tree 0, node 2",
        d -> tree(d, 0, "size").set(4, 3));
    assertRejected("invalid model file at state.trees[1].size[1]: must be in [1, 2147483647], got 0",
        d -> tree(d, 1, "size").set(1, 0));
    assertRejected("invalid model file at state.trees[1].right: expected 3 values (one per node, as feature), got 4",
        d -> tree(d, 1, "right").add(-1));
    assertRejected("invalid model file at state.trees[1].feature: expected at least one node, got none", d -> {
      for (String f : new String[] {"feature", "threshold", "left", "right", "size"}) {
        tree(d, 1, f).removeAll();
      }
    });
    assertRejected(at + "left and right must both be -1 (a leaf) or both children, got 1 and -1 at tree 1, node 0",
        d -> tree(d, 1, "right").set(0, -1));
    assertRejected("invalid model file at state.trees[0]: unexpected field \"value\"; expected only [feature,"
        + " threshold, left, right, size]", d -> ((ObjectNode) ((ArrayNode) state(d).get("trees")).get(0))
            .putArray("value"));
    for (String f : new String[] {"dimension", "threshold", "trees", "scores"}) {
      assertRejected("invalid model file at state: missing field \"" + f + "\"", d -> state(d).remove(f));
    }
    assertRejected(at + "scores must be in (0, 1], got 1.5 at index 0", d -> ((ArrayNode) state(d).get("scores"))
        .add(1.5));
    assertRejected(at + "threshold must be 0.5 with the automatic contamination, got 0.4",
        d -> state(d).put("threshold", 0.4));
    assertRejected(at + "columnNames must have one name per column (2), got 1",
        d -> state(d).putArray("columnNames").add("a"));
    assertRejected(at + "feature must be in [0, 1) at an inner node, got 1 at tree 0, node 0",
        d -> state(d).put("dimension", 1));
  }

  @Test
  void refusesAThresholdTheScoresDoNotGive() {
    IsolationForestModel m = IsolationForest.trees(3).contamination(0.5).seed(1)
        .fit(Dataset.of(new double[][] {{0}, {1}, {2}, {9}}));
    String json = ModelFilesKindsTest.edit(m, d -> state(d).put("threshold", 0.75));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, IsolationForestModel.class));
    assertTrue(e.getMessage().startsWith("invalid model file at state: IsolationForestModel state: threshold must be"
        + " the one the scores and the contamination give, "), e.getMessage());
  }

  /** Random re-signed edits of numbers in the trees: loading and scoring raise nothing but IllegalArgumentException. */
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void hostileEditsRaiseOnlyIllegalArgument(@ForAll long seed) {
    Rng rng = new Rng(seed);
    IsolationForestModel m = random(seed);
    String json = ModelFilesKindsTest.edit(m, d -> {
      ArrayNode trees = (ArrayNode) state(d).get("trees");
      for (int e = 0, edits = 1 + rng.nextInt(3); e < edits; e++) {
        ObjectNode t = (ObjectNode) trees.get(rng.nextInt(trees.size()));
        String[] fields = {"feature", "threshold", "left", "right", "size"};
        ArrayNode a = (ArrayNode) t.get(fields[rng.nextInt(fields.length)]);
        int i = rng.nextInt(a.size());
        int kind = rng.nextInt(4);
        if (kind == 0) {
          a.set(i, rng.nextInt(7) - 2);
        } else if (kind == 1) {
          a.set(i, a.get(i).asDouble() + rng.nextInt(3) - 1);
        } else if (kind == 2) {
          a.set(i, Integer.MAX_VALUE);
        } else {
          a.remove(i);
        }
      }
    });
    try {
      IsolationForestModel back = ModelFiles.fromJson(json, IsolationForestModel.class);
      double s = back.score(new double[back.dimension()]);
      assertTrue(s > 0 && s <= 1);
    } catch (IllegalArgumentException expected) {
      // refused with a message
    }
  }
}
