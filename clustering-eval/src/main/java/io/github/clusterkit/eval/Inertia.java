package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Centroids;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Partition;
import io.github.clusterkit.internal.Scale;

/**
 * Inertia, the within-cluster sum of squares: {@code sum_i |x_i - c_(l(i))|^2} with {@code c} the cluster
 * means (what K-Means minimises; scikit-learn's {@code KMeans.inertia_} at convergence, ELKI's
 * {@code SquaredErrors} "SSE"). Lower is better. One cluster is allowed. Cost: two passes, {@code O(n d)}.
 * Clusters of copies of one point add exactly 0 (each mean is held within the values it averages, which makes the
 * mean of copies of a value that value).
 *
 * <p>Under {@link NoisePolicy#SINGLETONS} each noise point is its own cluster and adds 0; under
 * {@link NoisePolicy#MERGE} the noise points add their squared distances to their common mean.
 *
 * <p>Stateless; safe to call from any thread. Arguments are never modified.
 */
public final class Inertia {

  private Inertia() {}

  /**
   * Inertia with noise rows ignored.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return the within-cluster sum of squares, {@code >= 0}
   * @throws IllegalArgumentException if the lengths differ, a label is below {@code -1}, or every row is
   *     noise
   */
  public static double score(Dataset data, int[] labels) {
    return score(data, labels, NoisePolicy.IGNORE);
  }

  /**
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @return the within-cluster sum of squares, {@code >= 0}
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise) {
    Partition p = Checks.partition(data, labels, noise);
    if (p.kept == 0) {
      throw new IllegalArgumentException(
          "inertia needs at least one cluster, got none: every row is noise (label -1) and the noise policy is "
              + noise);
    }
    // Exactly scaled when too large or too small for squares (Scale), the sum scaled back (infinite only when its
    // true value exceeds the double range).
    int e = Scale.exponent(data);
    double[] x = Scale.values(data, e);
    int d = data.dimension();
    return Math.scalb(Centroids.squaredErrors(x, d, p, Centroids.means(x, d, p), null, null), 2 * e);
  }
}
