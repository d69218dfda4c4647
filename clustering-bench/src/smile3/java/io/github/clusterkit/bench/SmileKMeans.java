package io.github.clusterkit.bench;

import smile.clustering.KMeans;
import smile.clustering.PartitionClustering;
import smile.math.MathEx;

/**
 * Smile 3.1.1's K-Means for {@link KMeansBenchmark} and {@link KMeansPredictBenchmark}: every call to it goes
 * through here ({@code src/smile6/java} holds the Smile 6 twin with the same methods).
 *
 * <p>What {@code KMeans.fit(data, k, maxIter, tol)} does (read from the 3.1.1 bytecode): k-means++ seeding
 * ({@code PartitionClustering.seed}, which leaves every row labelled with its nearest seed), one centroid move to
 * the means of those labels, then up to {@code maxIter} iterations of {@code BBDTree.clustering}, each of which
 * assigns the rows to the current centroids and moves the centroids to the means of the new labels; it stops
 * early when the distortion falls by at most {@code tol}. So {@code maxIter} iterations move the centroids
 * {@code maxIter + 1} times, and the returned labels belong to the centroids before the last move. The seeding
 * (a parallel stream over the rows per seed) and the first move (a parallel stream over the clusters) run on the
 * common fork-join pool; the BBD-tree passes run on the calling thread.
 */
final class SmileKMeans {

  private SmileKMeans() {
  }

  /** Smile's own stopping rule: {@code KMeans.fit(rows, k)}, at most 100 iterations, tolerance 1e-4. */
  static Object converge(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed); // Smile's only seed is global
    return KMeans.fit(rows, k);
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
    return KMeans.fit(rows, k, moves - 1, 0.0);
  }

  /**
   * The initial centres that {@link #fixed} and {@link #converge} start from with this seed: Smile's own
   * k-means++ ({@code PartitionClustering.seed} with the squared distance, as {@code KMeans.fit} calls it, after
   * the same {@code MathEx.setSeed}; building the BBD-tree draws no random numbers). Copies.
   */
  static double[][] seeds(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed);
    double[][] medoids = new double[k][];
    PartitionClustering.seed(rows, medoids, new int[rows.length], MathEx::squaredDistance);
    double[][] copy = new double[k][];
    for (int j = 0; j < k; j++) {
      copy[j] = medoids[j].clone();
    }
    return copy;
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
