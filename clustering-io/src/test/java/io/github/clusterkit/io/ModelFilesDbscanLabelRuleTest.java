package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code labelRule} of dbscan files ({@link Dbscan.LabelRule}): saved for a model fitted with
 * {@link Dbscan.LabelRule#SCIKIT_LEARN}, whose predictions follow it; absent for the default, so that a default
 * model's file is written as before and every earlier file loads as {@link Dbscan.LabelRule#NEAREST_CORE}; unknown or
 * inconsistent values refused. Expected labels exact by hand (and scikit-learn 1.2.1's, {@code
 * tools/dbscan_sklearn_labels_reference.py}, literals): rows 1-6 core; 2.3 within eps of 1.2 (1.1) and 3.2 (0.9).
 */
class ModelFilesDbscanLabelRuleTest {

  private static final Dataset SHARED = Dataset.of(new double[][] {{0}, {0.4}, {0.8}, {1.2}, {3.2}, {3.6}, {4.0},
      {4.4}, {2.3}});

  /** What the library wrote for {@code Dbscan.eps(1.15).minPts(4).fit(SHARED)} before the rule existed (f3aa223). */
  private static final String BEFORE = """
      {
        "format" : "clusterkit-model",
        "formatVersion" : 1,
        "libraryVersion" : "0.1.0-SNAPSHOT",
        "kind" : "dbscan",
        "parameters" : {
          "eps" : 1.15,
          "minPts" : 4,
          "metric" : "euclidean",
          "borderPointsAsNoise" : false,
          "search" : "grid"
        },
        "state" : {
          "dimension" : 1,
          "labels" : [ 0, 0, 0, 0, 1, 1, 1, 1, 1 ],
          "coreMask" : [ false, true, true, true, true, true, true, false, false ],
          "corePoints" : [ [ 0.4 ], [ 0.8 ], [ 1.2 ], [ 3.2 ], [ 3.6 ], [ 4.0 ] ]
        },
        "checksum" : "sha256:149902533865525e582e4f87e4db4164eef43882d33073870d83c7a36f649f6d"
      }""";

  @Test
  void aFileWrittenBeforeTheRuleLoadsAsNearestCoreAndDefaultModelsAreWrittenAsBefore() {
    DbscanModel old = ModelFiles.fromJson(BEFORE, DbscanModel.class);
    assertEquals(Dbscan.LabelRule.NEAREST_CORE, old.labelRule());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1}, old.labels());
    assertEquals(1, old.predict(new double[] {2.3})); // the nearest core point, 3.2
    // the same model fitted today is written byte for byte as before (libraryVersion aside, the same here)
    String now = ModelFiles.toJson(Dbscan.eps(1.15).minPts(4).fit(SHARED));
    assertEquals(BEFORE.strip(), now.strip());
    assertFalse(now.contains("labelRule"), now);
  }

  @Test
  void aScikitLearnModelRoundTrips() {
    DbscanModel m = Dbscan.eps(1.15).minPts(4).labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(SHARED);
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0}, m.labels());
    String json = ModelFiles.toJson(m);
    assertTrue(json.contains("\"labelRule\" : \"scikitLearn\""), json);
    DbscanModel back = ModelFiles.fromJson(json, DbscanModel.class);
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, back.labelRule());
    assertEquals(m.state(), back.state());
    assertEquals(0, back.predict(new double[] {2.3})); // the lowest label within eps
    Dataset probes = Dataset.of(new double[][] {{2.3}, {2.2}, {2.4}, {1.7}, {4.9}, {-1}, {9}});
    assertArrayEquals(m.predict(probes), back.predict(probes));
    assertEquals(json, ModelFiles.toJson(back));
    // "nearestCore" written out is read as the default
    DbscanModel explicit = ModelFiles.fromJson(edit(Dbscan.eps(1.15).minPts(4).fit(SHARED),
        d -> params(d).put("labelRule", "nearestCore")), DbscanModel.class);
    assertEquals(Dbscan.LabelRule.NEAREST_CORE, explicit.labelRule());
    assertEquals(1, explicit.predict(new double[] {2.3}));
  }

  @Test
  void corruptedOrInconsistentRulesAreRefused() {
    DbscanModel sk = Dbscan.eps(1.15).minPts(4).labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(SHARED);
    assertRefused("parameters.labelRule: expected one of [nearestCore, scikitLearn], got \"SCIKIT_LEARN\"",
        edit(sk, d -> params(d).put("labelRule", "SCIKIT_LEARN")));
    assertRefused("parameters.labelRule: expected a string, got 1", edit(sk, d -> params(d).put("labelRule", 1)));
    assertRefused("parameters: missing field \"labelRule\"", edit(sk, d -> params(d).putNull("labelRule")));
    // labels numbered by first row under SCIKIT_LEARN (row 0, a border row, first), and the reverse
    DbscanModel first = Dbscan.eps(1).minPts(3).fit(Dataset.of(new double[][] {{-0.4}, {10}, {10.5}, {11}, {0.5},
        {1}, {1.5}}));
    assertArrayEquals(new int[] {0, 1, 1, 1, 0, 0, 0}, first.labels());
    assertRefused("DbscanModel state: labels[1] of core row 1 must be a label in 0..0 (under SCIKIT_LEARN clusters"
        + " are numbered in the order of their first core row), got 1",
        edit(first, d -> params(d).put("labelRule", "scikitLearn")));
    DbscanModel firstSk = Dbscan.eps(1).minPts(3).labelRule(Dbscan.LabelRule.SCIKIT_LEARN)
        .fit(Dataset.of(new double[][] {{-0.4}, {10}, {10.5}, {11}, {0.5}, {1}, {1.5}}));
    assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 1}, firstSk.labels());
    assertRefused("DbscanModel state: labels[0] must be -1 or a label in 0..0 (clusters are numbered in the order of"
        + " their first row), got 1", edit(firstSk, d -> params(d).remove("labelRule")));
    assertRefused("DbscanModel state: labels[0] must be -1 or a label in 0..1 (a cluster with a core row), got 2",
        edit(firstSk, d -> ((ArrayNode) state(d).get("labels")).set(0, 2)));
    // a valid relabelling of the border row (the other cluster within its reach would be) still loads
    assertEquals(-1, ModelFiles.fromJson(edit(firstSk, d -> ((ArrayNode) state(d).get("labels")).set(0, -1)),
        DbscanModel.class).labels()[0]);
    // column names and the rule together
    DbscanModel named = Dbscan.eps(1.15).minPts(4).labelRule(Dbscan.LabelRule.SCIKIT_LEARN)
        .fit(Dataset.of(SHARED.toRows(), List.of("income")));
    DbscanModel back = ModelFiles.fromJson(ModelFiles.toJson(named), DbscanModel.class);
    assertEquals(List.of("income"), back.columnNames());
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, back.labelRule());
  }

  private static void assertRefused(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, DbscanModel.class));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  private static String edit(Object m, java.util.function.Consumer<ObjectNode> change) {
    return ModelFilesKindsTest.edit(m, change);
  }

  private static ObjectNode params(ObjectNode doc) {
    return (ObjectNode) doc.get("parameters");
  }

  private static ObjectNode state(ObjectNode doc) {
    return (ObjectNode) doc.get("state");
  }
}
