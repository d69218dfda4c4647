package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansAlgorithm;
import io.github.clusterkit.kmeans.KMeansInit;
import io.github.clusterkit.pca.Pca;
import org.junit.jupiter.api.Test;

/** Configurations give back what they were set to (a service logs or checks them), arrays as copies. */
class ConfigGettersTest {

  @Test
  void kMeansGivesBackItsSettings() {
    KMeans d = KMeans.k(4);
    // the documented defaults (KMeans.k's Javadoc)
    assertEquals(4, d.k());
    assertEquals(0L, d.seed());
    assertEquals(1, d.restarts());
    assertEquals(300, d.maxIterations());
    assertEquals(1e-4, d.tolerance());
    assertEquals(KMeansInit.PLUS_PLUS, d.init());
    assertNull(d.initialCentroids());
    assertEquals(KMeansAlgorithm.AUTO, d.algorithm());
    assertEquals(1, d.parallelism());

    double[][] c0 = {{0, 0}, {1, 1}};
    KMeans k = KMeans.k(2).seed(-7).restarts(3).maxIterations(9).tolerance(0).init(KMeansInit.RANDOM)
        .initialCentroids(c0).algorithm(KMeansAlgorithm.ELKAN).parallelism(2);
    assertEquals(2, k.k());
    assertEquals(-7L, k.seed());
    assertEquals(3, k.restarts());
    assertEquals(9, k.maxIterations());
    assertEquals(0.0, k.tolerance());
    assertEquals(KMeansInit.RANDOM, k.init());
    assertEquals(KMeansAlgorithm.ELKAN, k.algorithm());
    assertEquals(2, k.parallelism());
    double[][] back = k.initialCentroids();
    assertArrayEquals(c0, back);
    back[0][0] = 99; // a copy: the configuration keeps its centroids
    c0[1][1] = 99;   // and it copied them in
    assertArrayEquals(new double[][] {{0, 0}, {1, 1}}, k.initialCentroids());
  }

  @Test
  void pcaGivesBackItsSettings() {
    Pca p = Pca.components(3).whiten(true).parallelism(2).solver(Pca.Solver.COVARIANCE);
    assertEquals(3, p.components());
    assertEquals(Double.NaN, p.varianceToKeep());
    assertEquals(true, p.whiten());
    assertEquals(2, p.parallelism());
    assertEquals(Pca.Solver.COVARIANCE, p.solver());
    Pca v = Pca.varianceToKeep(0.9);
    assertEquals(0, v.components());
    assertEquals(0.9, v.varianceToKeep());
    assertEquals(false, v.whiten());
    assertEquals(1, v.parallelism());
    assertEquals(Pca.Solver.AUTO, v.solver());
    assertEquals(false, v.componentsByMle());
    assertEquals(false, p.componentsByMle());
    Pca m = Pca.mle().whiten(true).parallelism(2).solver(Pca.Solver.SVD).signs(Pca.Signs.SCORES);
    assertEquals(true, m.componentsByMle());
    assertEquals(0, m.components());
    assertEquals(Double.NaN, m.varianceToKeep());
    assertEquals(true, m.whiten());
    assertEquals(2, m.parallelism());
    assertEquals(Pca.Solver.SVD, m.solver());
    assertEquals(Pca.Signs.SCORES, m.signs());
  }

  @Test
  void gaussianMixtureGivesBackItsSettings() {
    io.github.clusterkit.gmm.GaussianMixture d = io.github.clusterkit.gmm.GaussianMixture.components(3);
    // the documented defaults (GaussianMixture's class Javadoc, scikit-learn's)
    assertEquals(3, d.components());
    assertEquals(io.github.clusterkit.gmm.CovarianceType.FULL, d.covariance());
    assertEquals(1e-6, d.regularization());
    assertEquals(100, d.maxIterations());
    assertEquals(1e-3, d.tolerance());
    assertEquals(1, d.restarts());
    assertEquals(io.github.clusterkit.gmm.GmmInit.KMEANS, d.init());
    assertEquals(0L, d.seed());
    assertEquals(1, d.parallelism());
    io.github.clusterkit.gmm.GaussianMixture g = d.covariance(io.github.clusterkit.gmm.CovarianceType.DIAGONAL)
        .regularization(0).maxIterations(7).tolerance(0.5).restarts(4).init(io.github.clusterkit.gmm.GmmInit.RANDOM)
        .seed(11).parallelism(2);
    assertEquals(io.github.clusterkit.gmm.CovarianceType.DIAGONAL, g.covariance());
    assertEquals(0.0, g.regularization());
    assertEquals(7, g.maxIterations());
    assertEquals(0.5, g.tolerance());
    assertEquals(4, g.restarts());
    assertEquals(io.github.clusterkit.gmm.GmmInit.RANDOM, g.init());
    assertEquals(11L, g.seed());
    assertEquals(2, g.parallelism());
  }
}
