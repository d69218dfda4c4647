package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * From identical initial centroids, every kernel and thread count equals scikit-learn 1.2.1's
 * {@code KMeans(init=C0, n_init=1, algorithm='lloyd', tol=tol, max_iter=max_iter).fit(X, sample_weight=w)}
 * (fixtures written by tools/kmeans_reference.py; the exact call is in each fixture's header).
 */
class KMeansReferenceTest {

  static final String[] CASES = {
    "blobs2d", "blobs10d", "gauss50d", "weighted3d", "empty2d", "gauss2d", "gauss2d-maxiter5", "gauss2d-tol1e-3",
    "zeroweight-far-tol"
  };

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String c : CASES) {
      for (KMeansAlgorithm a : KMeansAlgorithm.values()) {
        out.add(Arguments.of(c, a, 1));
      }
      out.add(Arguments.of(c, KMeansAlgorithm.HAMERLY, 2));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1} threads={2}")
  @MethodSource("cases")
  void equalsScikitLearn(String name, KMeansAlgorithm algorithm, int threads) {
    Fixture f = Fixture.load(name);
    KMeans config = KMeans.k(f.k)
        .initialCentroids(f.init)
        .tolerance(f.tol)
        .maxIterations(f.maxIter)
        .algorithm(algorithm)
        .parallelism(threads);
    KMeansModel m = f.weights == null ? config.fit(f.dataset()) : config.fit(f.dataset(), f.weights);

    // Labels and iteration count: scikit-learn's labels_ and n_iter_, exactly.
    assertArrayEquals(f.labels, m.labels(), "labels");
    assertEquals(f.iterations, m.iterations(), "n_iter_");
    // Centroids: cluster_centers_ within 1e-9 relative to the column's scale (scikit-learn subtracts the
    // column means before iterating, so the last bits differ).
    double[] scale = f.columnScale();
    double[][] c = m.centroids();
    for (int j = 0; j < f.k; j++) {
      for (int t = 0; t < f.d; t++) {
        double tol = 1e-9 * Math.max(scale[t], Math.abs(f.centers[j][t]));
        assertEquals(f.centers[j][t], c[j][t], tol, "centroid " + j + " column " + t);
      }
    }
    // inertia_ within 1e-9 relative.
    assertEquals(f.inertia, m.inertia(), 1e-9 * f.inertia, "inertia_");
    // Converged unless the run hit max_iter (scikit-learn has no such flag; this is the definition).
    if (f.iterations < f.maxIter) {
      assertTrue(m.converged());
    }
  }

  /**
   * Rows of weight 0 enter the tolerance's column variances (as in scikit-learn), so they are not invisible with a
   * tolerance above 0: the fixture's ten zero-weight rows at (1000, 1000) stop the run after one iteration (its
   * n_iter_), while its 200 positive-weight rows alone, from the same start, take 13 (scikit-learn 1.2.1,
   * {@code KMeans(n_clusters=4, init=X[:4], n_init=1, algorithm='lloyd', tol=1e-4).fit(X[:200]).n_iter_}).
   */
  @Test
  void zeroWeightRowsEnterTheTolerance() {
    Fixture f = Fixture.load("zeroweight-far-tol");
    KMeans config = KMeans.k(f.k).initialCentroids(f.init).tolerance(f.tol);
    assertEquals(1, config.fit(f.dataset(), f.weights).iterations());
    assertEquals(13, config.fit(Dataset.of(Arrays.copyOf(f.data, 200))).iterations());
  }
}
