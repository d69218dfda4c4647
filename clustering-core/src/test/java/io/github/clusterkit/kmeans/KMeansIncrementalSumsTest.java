package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With unit weights the engine keeps the per-cluster sums between passes and adds only the rows that changed
 * cluster; with weights (here all 2.0: every product {@code 2 x} and sum is exactly twice the unweighted one, so the
 * centroids are the same quotients) it sums every row afresh in every pass. Both must give the same fit: the same labels and iteration count, centroids equal up to
 * the rounding of the sums. The initial centroids make the runs move many rows (more than the re-summation
 * threshold of n/2) and re-seed empty clusters (two centroids far from all data).
 */
class KMeansIncrementalSumsTest {

  @ParameterizedTest
  @CsvSource({
    "2, LLOYD, 1", "2, HAMERLY, 1", "2, HAMERLY, 3", "2, ELKAN, 1",
    "3, HAMERLY, 2", "10, LLOYD, 1", "10, HAMERLY, 1", "10, HAMERLY, 3", "10, ELKAN, 2", "50, HAMERLY, 1"
  })
  void keptSumsEqualFreshSums(int d, KMeansAlgorithm algorithm, int threads) {
    int n = 20_000;
    int k = 24;
    Dataset data = Generators.blobs(n, d, 6, 1.0, 0.05, 11 + d).data();
    Random rnd = new Random(7 + d);
    double[][] c0 = new double[k][];
    for (int j = 0; j < k; j++) {
      c0[j] = data.row(rnd.nextInt(n));
    }
    Arrays.fill(c0[3] = new double[d], 1e3);
    Arrays.fill(c0[17] = new double[d], -1e3);
    double[] twos = new double[n];
    Arrays.fill(twos, 2.0);
    KMeans config = KMeans.k(k).initialCentroids(c0).tolerance(0).maxIterations(300).algorithm(algorithm)
        .parallelism(threads);
    KMeansModel kept = config.fit(data);
    KMeansModel fresh = config.fit(data, twos);
    assertTrue(kept.iterations() > 3, "the data should take a few iterations: " + kept.iterations());
    assertEquals(fresh.iterations(), kept.iterations(), "iterations");
    assertArrayEquals(fresh.labels(), kept.labels(), "labels");
    double[][] a = kept.centroids();
    double[][] b = fresh.centroids();
    for (int j = 0; j < k; j++) {
      for (int t = 0; t < d; t++) {
        // Data within about [-14, 14]: rounding of sums of up to 20,000 such values, relative to the scale 1
        // (measured differences at most 3e-14).
        assertEquals(b[j][t], a[j][t], 1e-11 * (1 + Math.abs(b[j][t])), "centroid " + j + ", column " + t);
      }
    }
    // The weighted inertia is exactly twice the unweighted one for the same centroids.
    assertEquals(fresh.inertia() / 2, kept.inertia(), 1e-11 * kept.inertia(), "inertia");
  }
}
