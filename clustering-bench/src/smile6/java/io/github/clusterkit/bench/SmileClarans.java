package io.github.clusterkit.bench;

import smile.clustering.CentroidClustering;
import smile.clustering.KMedoids;
import smile.math.MathEx;
import smile.math.distance.EuclideanDistance;

/**
 * Smile 6's k-medoids for {@link KMedoidsBenchmark}: {@code smile.clustering.KMedoids}, the CLARANS of Smile 3.1.1
 * ({@code CLARANS}, see the twin in {@code src/smile3/java}) under a new name.
 *
 * <p>What {@code KMedoids.fit(data, distance, k)} does (read from the 6.3.0 bytecode): it calls
 * {@code fit(data, distance, new Options(k, 2, 0.0125, null))}, which makes {@code min(3, maxIter)} = 2 local
 * searches and keeps the one of lower cost, with {@code maxNeighbor} = {@code round(0.0125 k (n - k))} (raised to
 * {@code min(100, k (n - k))} when smaller). Each search starts from k-means++ seeding with the given distance
 * ({@code CentroidClustering.init}, Smile's global random numbers) and is one randomized local search (Ng and Han
 * 2002, doi:10.1109/TKDE.2002.1033770): a random medoid is replaced by a random row, the cost of the new medoids is
 * computed over all rows (a parallel stream on the common fork-join pool), the swap is kept if the cost falls, and
 * the search ends after {@code maxNeighbor} consecutive rejected neighbours. Smile 3.1.1's {@code CLARANS.fit} makes
 * one such search. A different, randomized algorithm: its cost is reported beside the PAM family's, not checked
 * against it.
 */
final class SmileClarans {

  private SmileClarans() {
  }

  /** One fit with Smile's defaults for {@code k}, after {@code MathEx.setSeed(seed)} (its only seed). */
  static Object fit(double[][] rows, int k, long seed) {
    MathEx.setSeed(seed);
    return KMedoids.fit(rows, new EuclideanDistance(), k);
  }

  static boolean isResult(Object result) {
    return result instanceof CentroidClustering;
  }

  /** The medoids (Smile's own row arrays; the benchmark only reads them). */
  static double[][] medoids(Object result) {
    CentroidClustering<?, ?> c = (CentroidClustering<?, ?>) result;
    double[][] medoids = new double[c.k()][];
    for (int i = 0; i < medoids.length; i++) {
      medoids[i] = (double[]) c.center(i);
    }
    return medoids;
  }
}
