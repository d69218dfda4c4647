package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.neighbors.Metric;

/**
 * Chooses DBSCAN's {@code eps} from the sorted k-distance plot (Ester, Kriegel, Sander and Xu, KDD 1996) and
 * its knee, next to {@link KSelection} for the number of clusters. This is an entry point only: the plot and
 * the knee are computed by {@link KDistance} in the DBSCAN package (Kneedle on the ascending curve; see there
 * for the method, its edge cases and its cost), so both give the same numbers.
 *
 * <pre>{@code
 * KDistance plot = EpsSelection.kDistance(data, 5);
 * double eps = plot.knee();                 // suggested eps for minPts = 5
 * double[] curve = plot.sortedDistances();  // ascending, for drawing the plot
 * int at = plot.kneeIndex();
 * }</pre>
 *
 * <p>The {@code k} of the plot is the {@code minPts} DBSCAN will use, so choose it first: {@code 2 x dimension}
 * (after one-hot encoding) is the usual start (Sander, Ester, Kriegel and Xu 1998, doi:10.1023/A:1009745219419;
 * Schubert et al. 2017, doi:10.1145/3068335), larger for noisy or large data. The rows to the right of the knee
 * are not core points at that eps (noise, or border points of a cluster), so the knee separates dense rows from
 * sparse ones; where the groups are not separated by sparser regions it finds one cluster and its noise, which
 * is then an outlier flag rather than a segmentation (the credit-card customers of the README's pipeline, 17
 * columns, {@code minPts = 34}: eps 3.45, one cluster of 8,840 rows and 110 noise).
 *
 * <p>Stateless and thread-safe.
 */
public final class EpsSelection {

  private EpsSelection() {}

  /**
   * The Euclidean k-distance plot with {@code k = minPts} (the row itself counts as the first neighbour, as
   * in {@code minPts}), with its knee.
   *
   * @param data the points
   * @param minPts the intended DBSCAN {@code minPts}, {@code 1 <= minPts <= data.size()}
   * @return the sorted distances and the knee, exactly as {@link KDistance#of(Dataset, int)}
   * @throws IllegalArgumentException if {@code data} is null or {@code minPts} is out of range
   */
  public static KDistance kDistance(Dataset data, int minPts) {
    return kDistance(data, minPts, Metric.EUCLIDEAN);
  }

  /**
   * The k-distance plot with {@code k = minPts} under {@code metric}, with its knee.
   *
   * @param data the points
   * @param minPts the intended DBSCAN {@code minPts}, {@code 1 <= minPts <= data.size()}
   * @param metric the distance DBSCAN will use
   * @return the sorted distances and the knee, exactly as {@link KDistance#of(Dataset, int, Metric)}
   * @throws IllegalArgumentException if an argument is null or {@code minPts} is out of range
   */
  public static KDistance kDistance(Dataset data, int minPts, Metric metric) {
    return kDistance(data, minPts, metric, 1);
  }

  /**
   * The k-distance plot with {@code k = minPts} under {@code metric}, with its knee, its neighbour queries on up to
   * {@code parallelism} threads (the calling thread and workers of the library); the same result for every
   * {@code parallelism}.
   *
   * @param data the points
   * @param minPts the intended DBSCAN {@code minPts}, {@code 1 <= minPts <= data.size()}
   * @param metric the distance DBSCAN will use
   * @param parallelism threads to use, {@code >= 1}
   * @return the sorted distances and the knee, exactly as {@link KDistance#of(Dataset, int, Metric, int)}
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public static KDistance kDistance(Dataset data, int minPts, Metric metric, int parallelism) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    if (minPts < 1 || minPts > data.size()) {
      throw new IllegalArgumentException("minPts must be in [1, n = " + data.size() + "], got " + minPts);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return KDistance.of(data, minPts, metric, parallelism);
  }
}
