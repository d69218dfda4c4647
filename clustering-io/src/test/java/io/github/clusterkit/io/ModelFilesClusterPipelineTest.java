package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline and its clustering in one model file: saved, checked and loaded together. */
class ModelFilesClusterPipelineTest {

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

  private static List<ClusterModel> models() {
    return List.of(KMeans.k(3).seed(1).fit(X), GaussianMixture.components(2).seed(1).fit(X),
        Dbscan.eps(1.5).minPts(3).fit(X), Hdbscan.minClusterSize(3).fit(X),
        KMedoids.k(2).seed(1).metric(Metric.MANHATTAN).fit(X));
  }

  private static Object state(ClusterModel m) {
    if (m instanceof KMeansModel) {
      return ((KMeansModel) m).state();
    } else if (m instanceof GaussianMixtureModel) {
      return ((GaussianMixtureModel) m).state();
    } else if (m instanceof HdbscanModel) {
      return ((HdbscanModel) m).state();
    } else if (m instanceof KMedoidsModel) {
      return ((KMedoidsModel) m).state();
    }
    return ((DbscanModel) m).state();
  }

  @Test
  void roundTripsEveryClusteringWithAndWithoutNames(@TempDir Path dir) throws IOException {
    // New customers without the id, columns reordered: the loaded model assigns them as the saved one.
    Table fresh = Table.builder()
        .categorical("channel", new String[] {"web", "shop", "web"})
        .numeric("spending", new double[] {0.5, Double.NaN, 49})
        .numeric("income", new double[] {0.5, 10.5, 49})
        .build();
    List<ClusterModel> ms = models();
    for (int i = 0; i < ms.size(); i++) {
      ClusterModel m = ms.get(i);
      ClusterPipelineModel saved = ClusterPipelineModel.of(PREP, m);
      if (i != 1) {
        List<String> names = m.clusterCount() == 3 ? List.of("Low", "High", "Far") : List.of("Low", "High");
        saved = saved.withClusterNames(names);
      }
      Path file = dir.resolve("segmentation" + i + ".json");
      ModelFiles.save(saved, file);
      ClusterPipelineModel back = ModelFiles.load(file, ClusterPipelineModel.class);
      assertEquals(saved.pipeline(), back.pipeline());
      assertEquals(m.getClass(), back.model().getClass());
      assertEquals(state(m), state(back.model()));
      assertEquals(saved.clusterNames(), back.clusterNames());
      assertArrayEquals(saved.predict(fresh), back.predict(fresh));
      assertArrayEquals(m.predict(X), back.predict(CUSTOMERS));
      // Saving the loaded model writes the same document (the same checksum).
      assertEquals(ModelFiles.toJson(saved), ModelFiles.toJson(back));
      String json = ModelFiles.toJson(saved);
      assertTrue(json.contains("\"kind\" : \"clusterPipeline\""), json);
      assertEquals(i != 1, json.contains("\"clusterNames\""), json);
    }
  }

  @Test
  void aClusterPipelineIsNeitherAPipelineNorAClusterModel() {
    String json = ModelFiles.toJson(ClusterPipelineModel.of(PREP, models().get(0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, ClusterModel.class));
    assertTrue(e.getMessage().contains("the file holds a clusterPipeline (ClusterPipelineModel), not a ClusterModel"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(json, PipelineModel.class));
    assertTrue(e.getMessage().contains("not a PipelineModel"), e.getMessage());
    // and a plain pipeline file is no cluster pipeline
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(ModelFiles.toJson(PREP), ClusterPipelineModel.class));
    assertTrue(e.getMessage().contains("the file holds a pipeline (PipelineModel), not a ClusterPipelineModel"),
        e.getMessage());
  }

  @Test
  void editedDocumentsAreRefusedWithTheirPath() {
    ClusterPipelineModel named = ClusterPipelineModel.of(PREP, models().get(0))
        .withClusterNames(List.of("Low", "High", "Far"));
    // The model's columns renamed: it no longer fits the pipeline's output.
    assertRejected("invalid model file at state: model must be fitted on the pipeline's output: the pipeline gives"
        + " columns [income, spending, channel=shop, channel=web], the model was fitted on [a, b, c, d]",
        ModelFilesKindsTest.edit(named, doc -> {
          ObjectNode s = (ObjectNode) doc.get("state").get("model").get("state");
          s.putArray("columnNames").add("a").add("b").add("c").add("d");
        }));
    // A model kind that assigns nothing.
    assertRejected(
        "invalid model file at state.model.kind: expected one of [kmeans, dbscan, gmm, hdbscan, kmedoids,"
            + " bisectingKMeans, birch], got"
            + " \"pca\"",
        ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state").get("model")).put("kind", "pca")));
    // Names: one too few, none, a blank one.
    assertRejected("invalid model file at state.clusterNames: names must hold one name per cluster (3) or none,"
        + " got 2", ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state")).putArray("clusterNames")
            .add("a").add("b")));
    assertRejected("invalid model file at state.clusterNames: expected at least one name",
        ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state")).putArray("clusterNames")));
    assertRejected("invalid model file at state.clusterNames: names must be non-null and not blank, got \"\" at"
        + " index 1", ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state")).putArray("clusterNames")
            .add("a").add("").add("c")));
    // The parts' own checks, with the nested path.
    assertRejected("invalid model file at state.model.state: KMeansModel state: labels[0] must be in 0..2 (k = 3),"
        + " got 7",
        ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state").get("model").get("state"))
            .putArray("labels").add(7)));
    assertRejected("invalid model file at state.pipeline: unexpected field \"extra\"",
        ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state").get("pipeline")).put("extra", 1)));
    assertRejected("invalid model file at state: unexpected field \"extra\"",
        ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state")).put("extra", 1)));
    assertRejected("invalid model file at state: missing field \"model\"",
        ModelFilesKindsTest.edit(named, doc -> ((ObjectNode) doc.get("state")).remove("model")));
    // Unsigned edits stop at the checksum.
    String json = ModelFiles.toJson(named).replace("\"Far\"", "\"Near\"");
    assertRejected("checksum mismatch", json);
  }

  private static void assertRejected(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, ClusterPipelineModel.class));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }
}
