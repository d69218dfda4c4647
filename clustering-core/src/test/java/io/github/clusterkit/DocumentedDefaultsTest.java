package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.gmm.GmmInit;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.RobustScaler;
import org.junit.jupiter.api.Test;

/**
 * The defaults that the Javadoc of each configuration states, read from a fresh configuration (its
 * {@code toString()} or getters). KMeans and Agglomerative have their own such tests (KMeansApiTest,
 * AgglomerativeApiTest). Every expected value below is quoted from the Javadoc named in the comment.
 */
class DocumentedDefaultsTest {

  @Test
  void dbscanDefaults() {
    // Dbscan.eps: "DEFAULT_MIN_PTS, Euclidean distance, one thread, standard DBSCAN (border points
    // clustered), Search.AUTO and LabelRule.NEAREST_CORE"; DEFAULT_MIN_PTS: "as scikit-learn's min_samples" (5).
    Dbscan d = Dbscan.eps(0.5);
    assertEquals(5, Dbscan.DEFAULT_MIN_PTS);
    assertEquals(Dbscan.DEFAULT_MIN_PTS, d.minPts());
    assertEquals(Metric.EUCLIDEAN, d.metric());
    assertEquals(1, d.parallelism());
    assertFalse(d.borderPointsAsNoise());
    assertEquals(Dbscan.Search.AUTO, d.search());
    assertEquals(Dbscan.LabelRule.NEAREST_CORE, d.labelRule());
    assertEquals("Dbscan[eps=0.5, minPts=5, metric=EUCLIDEAN, parallelism=1, borderPointsAsNoise=false,"
        + " search=AUTO, labelRule=NEAREST_CORE]", d.toString());
  }

  @Test
  void pcaDefaults() {
    // Pca.components / Pca.varianceToKeep / Pca.mle: "a configuration without whitening, single-threaded,
    // Solver.AUTO, Signs.COMPONENTS"; mle prints as scikit-learn's n_components='mle'.
    assertEquals("Pca[components=2, whiten=false, parallelism=1, solver=AUTO, signs=COMPONENTS]",
        Pca.components(2).toString());
    assertEquals("Pca[varianceToKeep=0.95, whiten=false, parallelism=1, solver=AUTO, signs=COMPONENTS]",
        Pca.varianceToKeep(0.95).toString());
    assertEquals("Pca[components=mle, whiten=false, parallelism=1, solver=AUTO, signs=COMPONENTS]",
        Pca.mle().toString());
  }

  @Test
  void gaussianMixtureDefaultsAsNamed() {
    // GaussianMixture, "Defaults": FULL, regularization 1e-6, at most 100 iterations, tolerance 1e-3,
    // 1 restart, GmmInit.KMEANS, seed 0, parallelism 1. (Before, the configuration had no toString: these
    // defaults could not be read at all.)
    assertEquals("GaussianMixture[components=3, covariance=FULL, regularization=1.0E-6, maxIterations=100,"
        + " tolerance=0.001, restarts=1, init=KMEANS, seed=0, parallelism=1]",
        GaussianMixture.components(3).toString());
    GaussianMixture explicit = GaussianMixture.components(1).initialParameters(new double[] {1},
        new double[][] {{0}}, new double[][][] {{{1}}});
    assertEquals("GaussianMixture[components=1, covariance=FULL, regularization=1.0E-6, maxIterations=100,"
        + " tolerance=0.001, restarts=1, init=explicit, seed=0, parallelism=1]", explicit.toString());
    // init(...) discards explicit parameters (its Javadoc), and the name says so.
    assertEquals("GaussianMixture[components=1, covariance=FULL, regularization=1.0E-6, maxIterations=100,"
        + " tolerance=0.001, restarts=1, init=RANDOM, seed=0, parallelism=1]",
        explicit.init(GmmInit.RANDOM).toString());
  }

  @Test
  void gaussianMixtureDefaultsBehaveAsNamed() {
    // The fit is deterministic, so a fresh configuration and one with every documented default set
    // explicitly give the same model, bit for bit; changing any one of them changes the model here.
    Dataset x = Generators.blobs(300, 2, 3, 1.0, 0.0, 11).data();
    GaussianMixture fresh = GaussianMixture.components(3);
    GaussianMixture named = GaussianMixture.components(3).covariance(CovarianceType.FULL).regularization(1e-6)
        .maxIterations(100).tolerance(1e-3).restarts(1).init(GmmInit.KMEANS).seed(0).parallelism(1);
    GaussianMixtureModel a = fresh.fit(x);
    assertEquals(a.state(), named.fit(x).state());
    assertNotEquals(a.state(), fresh.regularization(1e-3).fit(x).state());
    assertNotEquals(a.state(), fresh.covariance(CovarianceType.DIAGONAL).fit(x).state());
    assertNotEquals(a.state(), fresh.tolerance(1e-9).fit(x).state());
  }

  @Test
  void preprocessingDefaults() {
    // MinMaxScaler: "[0, 1] by default"; RobustScaler(): "the interquartile range (25, 75)";
    // OneHotEncoder: "HandleUnknown.ERROR (the default, as scikit-learn)".
    assertEquals("MinMaxScaler[0.0, 1.0]", new MinMaxScaler().toString());
    assertEquals("RobustScaler(25.0, 75.0)", new RobustScaler().toString());
    assertEquals("OneHotEncoder(ERROR)", new OneHotEncoder().toString());
  }

  @Test
  void neighborIndexDefault() {
    // NeighborIndex.of: "the default index: a KdTree with the default leaf size" (KdTree.DEFAULT_LEAF_SIZE, 16).
    Dataset x = Generators.blobs(100, 2, 2, 1.0, 0.0, 3).data();
    NeighborIndex index = NeighborIndex.of(x, Metric.MANHATTAN);
    assertEquals(KdTree.class, index.getClass());
    assertEquals(16, KdTree.DEFAULT_LEAF_SIZE);
    assertEquals(Metric.MANHATTAN, index.metric());
    assertArrayEquals(x.toArray(), index.data().toArray());
  }
}
