package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.testutil.SharedData;
import org.junit.jupiter.api.Test;

/**
 * A port of {@code silhouette_score(X, labels)} with DBSCAN's {@code -1} labels: scikit-learn scores them as one more
 * cluster, {@link NoisePolicy#MERGE}, while the shortcuts leave them out. A user trial found the class Javadoc calling
 * the indices "scikit-learn's" without saying so (the two figures differ by half); the Javadoc now gives these
 * figures. Expected values: scikit-learn 1.2.1 ({@code tools/porting_reference.py}) on {@code benchmark/hdbscan.csv},
 * 510 of its 2309 rows labelled {@code -1}; tolerance 1e-12 relative, as {@link ScikitLearnBenchmarkTest}.
 */
class NoiseLabelsScikitLearnTest {

  private static final double REL = 1e-12;

  @Test
  void theShortcutsLeaveMinusOneOutAndMergeScoresItAsScikitLearnDoes() {
    SharedData.Labelled f = SharedData.benchmark("hdbscan.csv");
    Dataset x = Dataset.of(f.x);
    int[] y = f.labels;

    // silhouette_score, davies_bouldin_score, calinski_harabasz_score of X[y != -1], y[y != -1]
    assertClose(0.44422382382099224, Silhouette.score(x, y));
    assertClose(0.8008858384559804, DaviesBouldin.score(x, y));
    assertClose(2196.6617688147653, CalinskiHarabasz.score(x, y));

    // the same of X, y as they are
    assertClose(0.22177029755927305, Silhouette.score(x, y, NoisePolicy.MERGE));
    assertClose(2.0817033996290464, DaviesBouldin.score(x, y, NoisePolicy.MERGE));
    assertClose(418.49291449657164, CalinskiHarabasz.score(x, y, NoisePolicy.MERGE));
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, REL * Math.abs(expected));
  }
}
