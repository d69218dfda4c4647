package io.github.clusterkit.bench;

import smile.clustering.CLARANS;
import smile.math.MathEx;
import smile.math.distance.EuclideanDistance;

/**
 * Smile 3.1.1's k-medoids, {@code CLARANS}, for {@link KMedoidsBenchmark} ({@code src/smile6/java} holds the Smile 6
 * twin, where the same algorithm is {@code smile.clustering.KMedoids}).
 *
 * <p>What {@code CLARANS.fit(data, distance, k)} does (read from the 3.1.1 bytecode): {@code maxNeighbor} =
 * {@code round(0.0125 k (n - k))} (raised to {@code min(100, k (n - k))} when smaller); k-means++ seeding with the
 * given distance ({@code PartitionClustering.seed}, Smile's global random numbers); then one randomized local search
 * (Ng and Han 2002, doi:10.1109/TKDE.2002.1033770): a random medoid is replaced by a random row, the cost of the
 * new medoids is computed over all rows (a parallel stream on the common fork-join pool), the swap is kept if the
 * cost falls, and the search ends after {@code maxNeighbor} consecutive rejected neighbours. A different, randomized
 * algorithm: its cost is reported beside the PAM family's, not checked against it.
 */
final class SmileClarans {

  private SmileClarans() {
  }

  /** One CLARANS fit with Smile's defaults for {@code k}, after {@code MathEx.setSeed(seed)} (its only seed). */
  static Object fit(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed);
    return CLARANS.fit(rows, new EuclideanDistance(), k);
  }

  static boolean isResult(Object result) {
    return result instanceof CLARANS;
  }

  /** The medoids (Smile's own row arrays, references to the input rows; the benchmark only reads them). */
  @SuppressWarnings("unchecked")
  static double[][] medoids(Object result) {
    return ((CLARANS<double[]>) result).centroids;
  }
}
