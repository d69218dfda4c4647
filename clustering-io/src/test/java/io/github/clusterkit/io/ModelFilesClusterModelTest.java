package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any saved clustering loads as a {@link ClusterModel} and assigns as the model that was saved. */
class ModelFilesClusterModelTest {

  private static final Dataset DATA = Dataset.of(new double[][] {
      {0, 0}, {0, 1}, {1, 0}, {1, 1}, {10, 10}, {10, 11}, {11, 10}, {11, 11}, {50, 50}},
      List.of("income", "spending"));

  @Test
  void everyClusteringLoadsAsAClusterModel(@TempDir Path dir) throws IOException {
    List<ClusterModel> saved = List.of(KMeans.k(3).seed(1).fit(DATA), GaussianMixture.components(2).seed(1).fit(DATA),
        Dbscan.eps(1.5).minPts(3).fit(DATA), Hdbscan.minClusterSize(3).fit(DATA),
        KMedoids.k(3).metric(Metric.MANHATTAN).fit(DATA));
    for (int i = 0; i < saved.size(); i++) {
      ClusterModel m = saved.get(i);
      Path file = dir.resolve("model" + i + ".json");
      ModelFiles.save(m, file);
      ClusterModel loaded = ModelFiles.load(file, ClusterModel.class);
      assertEquals(m.getClass(), loaded.getClass());
      assertEquals(m.clusterCount(), loaded.clusterCount());
      assertEquals(List.of("income", "spending"), loaded.columnNames());
      assertArrayEquals(m.predict(DATA), loaded.predict(DATA));
    }
  }

  @Test
  void aPipelineIsNoClusterModel(@TempDir Path dir) throws IOException {
    Table t = Table.builder().numeric("a", new double[] {1, 2, 3}).build();
    Path file = dir.resolve("prep.json");
    ModelFiles.save(Pipeline.of(new StandardScaler()).fit(t), file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(file, ClusterModel.class));
    assertTrue(e.getMessage().contains("the file holds a pipeline (PipelineModel), not a ClusterModel"),
        e.getMessage());
  }

  /** A valid file loaded as the wrong class: the message is about the type asked for, and says what to load it as. */
  @Test
  void aWrongTypeIsNamedAsTheCallersMistake() {
    String json = ModelFiles.toJson(GaussianMixture.components(2).seed(1).fit(DATA));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, io.github.clusterkit.kmeans.KMeansModel.class));
    assertEquals("type must be the class of the model in the file: the file holds a gmm (GaussianMixtureModel), not a"
        + " KMeansModel; load it as GaussianMixtureModel or ClusterModel", e.getMessage());
    Table t = Table.builder().numeric("a", new double[] {1, 2, 3}).build();
    String prep = ModelFiles.toJson(Pipeline.of(new StandardScaler()).fit(t));
    e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.fromJson(prep, ClusterModel.class));
    assertEquals("type must be the class of the model in the file: the file holds a pipeline (PipelineModel), not a"
        + " ClusterModel; load it as PipelineModel", e.getMessage());
  }
}
