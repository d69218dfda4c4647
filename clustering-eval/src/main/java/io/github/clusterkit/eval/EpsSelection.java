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
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    if (minPts < 1 || minPts > data.size()) {
      throw new IllegalArgumentException("minPts must be in [1, n = " + data.size() + "], got " + minPts);
    }
    return KDistance.of(data, minPts, metric);
  }
}
