package io.github.clusterkit.bench;

import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;
import smile.math.distance.EuclideanDistance;

/**
 * Smile 6's K-Means for {@link KMeansBenchmark} and {@link KMeansPredictBenchmark}: every call to it goes through
 * here ({@code src/smile3/java} holds the Smile 3.1.1 twin with the same methods). Smile 6 takes its settings as a
 * {@code Clustering.Options} record and returns a {@code CentroidClustering} record.
 *
 * <p>{@code KMeans.fit(data, options)} counts its iterations as 3.1.1 does (read from Smile's source): k-means++
 * seeding ({@code CentroidClustering.init}, which leaves every row labelled with its nearest seed), one centroid
 * move to the means of those labels, then up to {@code maxIter} {@code BBDTree.clustering} passes, each assigning
 * the rows and moving the centroids; so {@code maxIter} iterations move the centroids {@code maxIter + 1} times.
 * After the loop it recomputes the means of the last labels (the same centroids, no further move) and the
 * distance of every row to its centroid. The seeding, the means and those distances are parallel streams on the
 * common fork-join pool; the tree passes run on the calling thread.
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

  /**
   * At most {@code moves} centroid moves with tolerance 0, as many as the other libraries' {@code moves}
   * iterations: Smile's {@code maxIter} is {@code moves - 1}, because its first move needs no iteration (see the
   * class comment).
   */
  static Object fixed(double[][] rows, int k, int moves, long seed) {
    if (!(moves >= 2)) {
      throw new IllegalArgumentException("moves must be at least 2 (Smile's maxIter at least 1), got " + moves);
    }
    MathEx.setSeed(seed);
    return KMeans.fit(rows, new Clustering.Options(k, moves - 1, 0.0, null));
  }

  /**
   * The initial centres that {@link #fixed} and {@link #converge} start from with this seed: Smile's own
   * k-means++ ({@code CentroidClustering.init} with a {@code EuclideanDistance}, as {@code KMeans.fit} calls it,
   * after the same {@code MathEx.setSeed}; building the BBD-tree draws no random numbers). Copies.
   */
  static double[][] seeds(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed);
    double[][] centers = CentroidClustering.init("K-Means", rows, k, new EuclideanDistance()).centers();
    double[][] copy = new double[k][];
    for (int j = 0; j < k; j++) {
      copy[j] = centers[j].clone();
    }
    return copy;
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
