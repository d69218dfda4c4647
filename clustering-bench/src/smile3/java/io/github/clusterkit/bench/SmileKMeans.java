package io.github.clusterkit.bench;

import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Smile 3.1.1's K-Means (k-means++ seeding, then Lloyd iterations over a BBD-tree; Smile runs parts of it on
 * the common fork-join pool) for {@link KMeansBenchmark} and {@link KMeansPredictBenchmark}: every call to it goes
 * through here
 * ({@code src/smile6/java} holds the Smile 6 twin with the same methods).
 */
final class SmileKMeans {

  private SmileKMeans() {
  }

  /** Smile's own stopping rule: {@code KMeans.fit(rows, k)}, at most 100 iterations, tolerance 1e-4. */
  static Object converge(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed); // Smile's only seed is global
    return KMeans.fit(rows, k);
  }

  /** At most {@code maxIter} iterations with tolerance 0. */
  static Object fixed(double[][] rows, int k, int maxIter, long seed) {
    MathEx.setSeed(seed);
    return KMeans.fit(rows, k, maxIter, 0.0);
  }

  static boolean isResult(Object result) {
    return result instanceof KMeans;
  }

  /** The nearest centroid of {@code x}: Smile's {@code predict}, one row per call (its only form). */
  static int predict(Object result, double[] x) {
    return ((KMeans) result).predict(x);
  }

  /** Smile's centroid array as it is (the benchmark only reads it). */
  static double[][] centroids(Object result) {
    return ((KMeans) result).centroids;
  }
}
