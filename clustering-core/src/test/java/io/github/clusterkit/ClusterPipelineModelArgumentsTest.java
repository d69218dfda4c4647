package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import org.junit.jupiter.api.Test;

/**
 * The one line of {@link ClusterPipelineModel} that no test ran in the mutation audit of its package (PIT made no
 * mutant of it: a bare throw): {@link ClusterPipelineModel#model(Class)} refuses a null type as its Javadoc says,
 * with the parameter named, rather than the {@code NullPointerException} of {@code type.isInstance}.
 */
class ClusterPipelineModelArgumentsTest {

  @Test
  void aNullModelTypeIsRefusedByName() {
    Table t = Table.builder().numeric("x", new double[] {0, 1, 10, 11}).build();
    PipelineModel prep = Pipeline.of(new StandardScaler()).fit(t);
    ClusterPipelineModel p = ClusterPipelineModel.of(prep, KMeans.k(2).seed(1).fit(prep.transform(t)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.model(null));
    assertEquals("type must not be null", e.getMessage());
  }
}
