package io.github.clusterkit.bench;

import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Smile 6's K-Means (k-means++ seeding, then Lloyd iterations over a BBD-tree; Smile runs parts of it on the
 * common fork-join pool) for {@link KMeansBenchmark} and {@link KMeansPredictBenchmark}: every call to it goes
 * through here
 * ({@code src/smile3/java} holds the Smile 3.1.1 twin with the same methods). Smile 6 takes its settings as a
 * {@code Clustering.Options} record and returns a {@code CentroidClustering} record.
 */
final class SmileKMeans {

  /** Smile 3.1.1's {@code fit(data, k)} default, kept for the same stopping rule in both versions. */
  private static final int MAX_ITER = 100;

  private SmileKMeans() {
  }

  /**
   * Smile's own stopping rule: {@code KMeans.fit(rows, k, 100)}, at most 100 iterations and
   * {@code Options}' default tolerance 1e-4 (what 3.1.1's {@code fit(rows, k)} does).
   */
  static Object converge(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed); // Smile's only seed is global
    return KMeans.fit(rows, k, MAX_ITER);
  }

  /** At most {@code maxIter} iterations with tolerance 0. */
  static Object fixed(double[][] rows, int k, int maxIter, long seed) {
    MathEx.setSeed(seed);
    return KMeans.fit(rows, new Clustering.Options(k, maxIter, 0.0, null));
  }

  static boolean isResult(Object result) {
    return result instanceof CentroidClustering;
  }

  /** The nearest centroid of {@code x}: Smile's {@code predict}, one row per call (its only form). */
  @SuppressWarnings("unchecked")
  static int predict(Object result, double[] x) {
    return ((CentroidClustering<double[], double[]>) result).predict(x);
  }

  /** The centroids (Smile's own row arrays; the benchmark only reads them). */
  static double[][] centroids(Object result) {
    CentroidClustering<?, ?> c = (CentroidClustering<?, ?>) result;
    double[][] centroids = new double[c.k()][];
    for (int i = 0; i < centroids.length; i++) {
      centroids[i] = (double[]) c.center(i);
    }
    return centroids;
  }
}
