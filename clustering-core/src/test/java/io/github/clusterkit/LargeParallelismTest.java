package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Linkage;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.pca.Pca;
import org.junit.jupiter.api.Test;

/**
 * A parallelism far above the machine's cores, up to {@code Integer.MAX_VALUE}, is accepted as the configurations
 * say ({@code >= 1}) and gives the result of one thread. Before, per-thread scratch arrays were sized by the
 * parallelism asked for: DBSCAN, the mixtures and {@code KDistance} given {@code Integer.MAX_VALUE} failed with
 * "Requested array size exceeds VM limit", and the hierarchical matrix fill's chunk count overflowed. Runners now use
 * at most {@link ChunkRunner#MAX_PARALLELISM} threads. The oracle is each fit on one thread (itself tested against
 * scikit-learn, SciPy and brute force elsewhere).
 */
class LargeParallelismTest {

  private static final int[] HUGE = {ChunkRunner.MAX_PARALLELISM + 1, 100_000, Integer.MAX_VALUE};

  @Test
  void kMeansAndMixturesGiveTheOneThreadResult() {
    Dataset x = Generators.blobs(3000, 3, 4, 0.5, 0.02, 11).data();
    KMeansModel one = KMeans.k(4).seed(3).restarts(2).fit(x);
    GaussianMixtureModel gOne = GaussianMixture.components(3).seed(3).fit(x);
    for (int p : HUGE) {
      KMeansModel many = KMeans.k(4).seed(3).restarts(2).parallelism(p).fit(x);
      assertArrayEquals(one.labels(), many.labels(), "K-Means, parallelism " + p);
      assertEquals(one.inertia(), many.inertia(), 0.0);
      GaussianMixtureModel gMany = GaussianMixture.components(3).seed(3).parallelism(p).fit(x);
      for (int c = 0; c < 3; c++) {
        assertArrayEquals(gOne.means()[c], gMany.means()[c], 0.0, "mixture, parallelism " + p);
      }
      assertEquals(gOne.logLikelihood(), gMany.logLikelihood(), 0.0);
    }
  }

  @Test
  void dbscanOnEverySearchAndKDistanceGiveTheOneThreadResult() {
    Dataset x = Generators.blobs(3000, 2, 4, 0.5, 0.05, 12).data();
    for (Dbscan.Search search : Dbscan.Search.values()) {
      Dbscan config = Dbscan.eps(0.4).minPts(6).search(search);
      int[] one = config.fit(x).labels();
      for (int p : HUGE) {
        assertArrayEquals(one, config.parallelism(p).fit(x).labels(), search + ", parallelism " + p);
      }
    }
    double[] one = KDistance.of(x, 6).sortedDistances();
    for (int p : HUGE) {
      assertArrayEquals(one, KDistance.of(x, 6, Metric.EUCLIDEAN, p).sortedDistances(), 0.0, "KDistance " + p);
    }
  }

  @Test
  void pcaAndTheHierarchicalMatrixFillGiveTheOneThreadResult() {
    // 1200 rows: the matrix is filled in chunks (from 1024 rows) on more than one thread
    Dataset x = Generators.blobs(1200, 4, 3, 1.0, 0.0, 13).data();
    double[][] pOne = Pca.components(2).fit(x).components();
    double[][] hOne = Agglomerative.linkage(Linkage.AVERAGE).fit(x).linkageMatrix();
    for (int p : HUGE) {
      double[][] pMany = Pca.components(2).parallelism(p).fit(x).components();
      for (int c = 0; c < 2; c++) {
        assertArrayEquals(pOne[c], pMany[c], 0.0, "PCA, parallelism " + p);
      }
      double[][] hMany = Agglomerative.linkage(Linkage.AVERAGE).parallelism(p).fit(x).linkageMatrix();
      for (int r = 0; r < hOne.length; r++) {
        assertArrayEquals(hOne[r], hMany[r], 0.0, "average linkage, parallelism " + p);
      }
    }
  }
}
