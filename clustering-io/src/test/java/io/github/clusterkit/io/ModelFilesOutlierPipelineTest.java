package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.OutlierPipelineModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline and its outlier detector in one model file: saved, checked and loaded together. */
class ModelFilesOutlierPipelineTest {

  /** Two groups of four customers and one far away; an id the pipeline drops and a category it encodes. */
  private static final Table CUSTOMERS = Table.builder()
      .categorical("id", new String[] {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"})
      .numeric("income", new double[] {0, 0, 1, 1, 10, 10, 11, 11, 50})
      .numeric("spending", new double[] {0, 1, 0, Double.NaN, 10, 11, 10, 11, 50})
      .categorical("channel", new String[] {"web", "web", "shop", "web", "shop", "shop", "web", "shop", "web"})
      .build();
  private static final PipelineModel PREP = Pipeline.of(ColumnSelector.drop("id"), Imputer.median(),
      new OneHotEncoder(), new StandardScaler()).fit(CUSTOMERS);
  private static final Dataset X = PREP.transform(CUSTOMERS);

  /** Both detectors, each with the automatic threshold and a contamination share; LOF under two metrics. */
  private static List<OutlierModel> detectors() {
    return List.of(LocalOutlierFactor.k(3).fit(X),
        LocalOutlierFactor.k(4).metric(Metric.MANHATTAN).contamination(0.2).fit(X),
        IsolationForest.trees(20).seed(3).fit(X), IsolationForest.trees(20).seed(3).contamination(0.15).fit(X));
  }

  private static Object state(OutlierModel m) {
    return m instanceof LofModel ? ((LofModel) m).state() : ((IsolationForestModel) m).state();
  }

  @Test
  void roundTripsEitherDetectorBitForBit(@TempDir Path dir) throws IOException {
    // New customers without the id, columns reordered, one spending unknown: the loaded model scores them as the
    // saved one, bit for bit (assertArrayEquals on doubles compares their bits).
    Table fresh = Table.builder()
        .categorical("channel", new String[] {"web", "shop", "web", "shop"})
        .numeric("spending", new double[] {0.5, Double.NaN, 49, 10.25})
        .numeric("income", new double[] {0.5, 10.5, 49, 10.75})
        .build();
    List<OutlierModel> ds = detectors();
    for (int i = 0; i < ds.size(); i++) {
      OutlierModel m = ds.get(i);
      OutlierPipelineModel saved = OutlierPipelineModel.of(PREP, m);
      Path file = dir.resolve("unusual" + i + ".json");
      ModelFiles.save(saved, file);
      OutlierPipelineModel back = ModelFiles.load(file, OutlierPipelineModel.class);
      assertEquals(saved.pipeline(), back.pipeline());
      assertEquals(m.getClass(), back.detector().getClass());
      assertEquals(state(m), state(back.detector()));
      assertEquals(Double.doubleToLongBits(saved.threshold()), Double.doubleToLongBits(back.threshold()));
      assertEquals(m.contamination(), back.detector().contamination());
      assertArrayEquals(saved.score(fresh), back.score(fresh), m.toString());
      assertArrayEquals(saved.isOutlier(fresh), back.isOutlier(fresh), m.toString());
      assertArrayEquals(saved.score(CUSTOMERS), back.score(CUSTOMERS), m.toString());
      assertArrayEquals(m.scores(), back.detector().scores());
      // Saving the loaded model writes the same document (the same checksum).
      assertEquals(ModelFiles.toJson(saved), ModelFiles.toJson(back));
      String json = Files.readString(file);
      assertTrue(json.contains("\"kind\" : \"outlierPipeline\""), json);
      assertTrue(json.contains("\"kind\" : \"" + (m instanceof LofModel ? "lof" : "isolationForest") + "\""), json);
      // The detector inside is written as its own kind writes it: the same parameters and state.
      ObjectNode inner = (ObjectNode) ModelFiles.parse(json.getBytes(StandardCharsets.UTF_8)).get("state")
          .get("detector");
      ObjectNode alone = ModelFiles.parse(ModelFiles.toJson(m).getBytes(StandardCharsets.UTF_8));
      assertEquals(alone.get("parameters"), inner.get("parameters"));
      assertEquals(alone.get("state"), inner.get("state"));
    }
    // contamination as set: the LOF of share 0.2 and the forest of 0.15, the others "auto"
    assertEquals(OptionalDouble.of(0.2), ds.get(1).contamination());
    assertEquals(OptionalDouble.empty(), ds.get(2).contamination());
  }

  /** The snippet of {@link OutlierPipelineModel}'s class comment, word for word between the markers. */
  @Test
  void theClassCommentsSnippetRuns(@TempDir Path dir) throws IOException {
    Rng rng = new Rng(5);
    int n = 120;
    String[] ids = new String[n];
    double[] balance = new double[n];
    double[] purchases = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "C" + (10000 + i);
      balance[i] = 1000 + 200 * rng.nextGaussian();
      purchases[i] = i == n - 1 ? 9000 : 500 + 50 * rng.nextGaussian(); // the last customer buys 80 sd above
    }
    Table customers = Table.builder().categorical("CUST_ID", ids).numeric("BALANCE", balance)
        .numeric("PURCHASES", purchases).build();
    Path newCustomers = dir.resolve("new.csv");
    Files.writeString(newCustomers, "CUST_ID,PURCHASES,BALANCE\nN1,510,990\nN2,20000,1000\n");
    String cwd = System.getProperty("user.dir");
    Path json = dir.resolve("unusual.json");
    // The snippet saves to a relative path: run it with the file names resolved under the temporary folder.
    final class Paths {
      Path of(String name) {
        return dir.resolve(name);
      }
    }
    Paths Path = new Paths();
    // --- OutlierPipelineModel.java ---
    PipelineModel prep = Pipeline.of(ColumnSelector.drop("CUST_ID"), Imputer.median(), new StandardScaler())
        .fit(customers);
    LofModel lof = LocalOutlierFactor.k(20).contamination(0.02).fit(prep.transform(customers));
    OutlierPipelineModel detector = OutlierPipelineModel.of(prep, lof);
    ModelFiles.save(detector, Path.of("unusual.json"));
    // in another process
    OutlierPipelineModel back = ModelFiles.load(Path.of("unusual.json"), OutlierPipelineModel.class);
    Table fresh = Csv.read(newCustomers);
    double[] score = back.score(fresh);          // one per row, in file order; higher is more unusual
    boolean[] flag = back.isOutlier(fresh);      // score above back.threshold()
    // --- end ---
    assertTrue(Files.isRegularFile(json));
    assertEquals(cwd, System.getProperty("user.dir"));
    assertArrayEquals(lof.score(prep.transform(fresh)), score);
    // N1 sits in the middle of the customers; N2 buys 20000, far beyond the outlying 9000: flagged
    assertArrayEquals(new boolean[] {false, true}, flag);
    assertTrue(lof.outliers().length > 0 && lof.outliers()[lof.outliers().length - 1] == n - 1);
  }

  @Test
  void aWrongLoadTypeNamesTheKindAndTheClassToAskFor() {
    String json = ModelFiles.toJson(OutlierPipelineModel.of(PREP, detectors().get(0)));
    assertEquals(LofModel.class, ModelFiles.fromJson(json, OutlierPipelineModel.class).detector().getClass());
    assertEquals(OutlierPipelineModel.class, ModelFiles.fromJson(json, Object.class).getClass());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, OutlierModel.class));
    assertEquals("type must be the class of the model in the file: the file holds an outlierPipeline"
        + " (OutlierPipelineModel), not an OutlierModel; load it as OutlierPipelineModel", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, ClusterPipelineModel.class));
    assertEquals("type must be the class of the model in the file: the file holds an outlierPipeline"
        + " (OutlierPipelineModel), not a ClusterPipelineModel; load it as OutlierPipelineModel", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, PipelineModel.class));
    assertTrue(e.getMessage().contains("not a PipelineModel; load it as OutlierPipelineModel"), e.getMessage());
    // and neither a lone detector, a lone pipeline nor a cluster pipeline is an outlier pipeline
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFiles.toJson(detectors().get(2)), OutlierPipelineModel.class));
    assertEquals("type must be the class of the model in the file: the file holds an isolationForest"
        + " (IsolationForestModel), not an OutlierPipelineModel; load it as IsolationForestModel or OutlierModel",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFiles.toJson(PREP), OutlierPipelineModel.class));
    assertTrue(e.getMessage().contains("the file holds a pipeline (PipelineModel), not an OutlierPipelineModel"),
        e.getMessage());
    String cluster = ModelFiles.toJson(ClusterPipelineModel.of(PREP, KMeans.k(2).seed(1).fit(X)));
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(cluster, OutlierPipelineModel.class));
    assertEquals("type must be the class of the model in the file: the file holds a clusterPipeline"
        + " (ClusterPipelineModel), not an OutlierPipelineModel; load it as ClusterPipelineModel", e.getMessage());
  }

  @Test
  void editedDocumentsAreRefusedWithTheirPath() {
    OutlierPipelineModel lof = OutlierPipelineModel.of(PREP, detectors().get(0));
    OutlierPipelineModel forest = OutlierPipelineModel.of(PREP, detectors().get(2));
    for (OutlierPipelineModel p : List.of(lof, forest)) {
      // The detector's columns renamed: it no longer fits the pipeline's output.
      assertRejected("invalid model file at state: detector must be fitted on the pipeline's output: the pipeline"
          + " gives columns [income, spending, channel=shop, channel=web], the detector was fitted on [a, b, c, d]",
          ModelFilesKindsTest.edit(p, doc -> detectorState(doc).putArray("columnNames").add("a").add("b").add("c")
              .add("d")));
      // A kind that flags nothing, and one that does not exist.
      assertRejected("invalid model file at state.detector.kind: expected one of [lof, isolationForest], got"
          + " \"kmeans\"", ModelFilesKindsTest.edit(p, doc -> detector(doc).put("kind", "kmeans")));
      assertRejected("invalid model file at state.detector.kind: expected one of [lof, isolationForest], got"
          + " \"outlierPipeline\"", ModelFilesKindsTest.edit(p, doc -> detector(doc).put("kind", "outlierPipeline")));
      assertRejected("invalid model file at state.pipeline: unexpected field \"extra\"",
          ModelFilesKindsTest.edit(p, doc -> ((ObjectNode) doc.get("state").get("pipeline")).put("extra", 1)));
      assertRejected("invalid model file at state.detector: unexpected field \"extra\"",
          ModelFilesKindsTest.edit(p, doc -> detector(doc).put("extra", 1)));
      assertRejected("invalid model file at state: unexpected field \"extra\"",
          ModelFilesKindsTest.edit(p, doc -> ((ObjectNode) doc.get("state")).put("extra", 1)));
      assertRejected("invalid model file at state: missing field \"detector\"",
          ModelFilesKindsTest.edit(p, doc -> ((ObjectNode) doc.get("state")).remove("detector")));
      assertRejected("invalid model file at parameters: unexpected field \"extra\"",
          ModelFilesKindsTest.edit(p, doc -> ((ObjectNode) doc.get("parameters")).put("extra", 1)));
    }
    // The detectors' own checks, with the nested path: a LOF score that is not what a fit of the rows gives, a
    // training row of the wrong length; a tree's child out of range, a threshold that is no number.
    assertRejected("invalid model file at state.detector.state: LofModel state: scores[2] must be what a fit of the"
        + " rows gives", ModelFilesKindsTest.edit(lof, doc -> ((ArrayNode) detectorState(doc).get("scores"))
            .set(2, 3.0)));
    assertRejected("invalid model file at state.detector.state.rows[1]: expected 4 values, got 5",
        ModelFilesKindsTest.edit(lof, doc -> ((ArrayNode) detectorState(doc).get("rows").get(1)).add(0.5)));
    assertRejected("invalid model file at state.detector.state.trees[0].threshold[0]: expected a number, got \"NaN\"",
        ModelFilesKindsTest.edit(forest, doc -> ((ArrayNode) detectorState(doc).get("trees").get(0)
            .get("threshold")).set(0, "NaN")));
    assertRejected("invalid model file at state.detector.parameters.trees: must be in [1, 1048576], got 0",
        ModelFilesKindsTest.edit(forest, doc -> ((ObjectNode) detector(doc).get("parameters")).put("trees", 0)));
    // Unsigned edits stop at the checksum.
    String json = ModelFiles.toJson(forest).replace("\"isolationForest\"", "\"lof\"");
    assertRejected("checksum mismatch", json);
  }

  @Test
  void aDetectorOfAnotherClassIsNotSaved() {
    OutlierModel own = new OutlierModel() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public List<String> columnNames() {
        return PREP.outputColumns();
      }

      @Override
      public OptionalDouble contamination() {
        return OptionalDouble.empty();
      }

      @Override
      public double threshold() {
        return 1;
      }

      @Override
      public double[] scores() {
        return new double[0];
      }

      @Override
      public int[] outliers() {
        return new int[0];
      }

      @Override
      public double score(double[] point) {
        return 0;
      }

      @Override
      public double[] score(Dataset data) {
        return new double[data.size()];
      }
    };
    OutlierPipelineModel p = OutlierPipelineModel.of(PREP, own);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.toJson(p));
    assertTrue(e.getMessage().startsWith("cannot save a pipeline with a "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; supported detectors are [lof, isolationForest]"), e.getMessage());
  }

  private static ObjectNode detector(ObjectNode doc) {
    return (ObjectNode) doc.get("state").get("detector");
  }

  private static ObjectNode detectorState(ObjectNode doc) {
    return (ObjectNode) detector(doc).get("state");
  }

  private static void assertRejected(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, OutlierPipelineModel.class));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }
}
