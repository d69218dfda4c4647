package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Centroids;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Partition;
import io.github.clusterkit.internal.Scale;

/**
 * The Calinski-Harabasz index, or variance ratio criterion (Calinski and Harabasz 1974, "A dendrite method
 * for cluster analysis", doi:10.1080/03610927408827101): higher is better.
 *
 * <p>{@code CH = [B / (k - 1)] / [W / (n - k)]} where {@code B = sum_c n_c |c_c - c|^2} is the between-cluster
 * and {@code W = sum_i |x_i - c_(l(i))|^2} the within-cluster sum of squares, {@code n} the number of rows
 * scored and {@code k} the number of clusters. This is scikit-learn's {@code calinski_harabasz_score} and
 * ELKI's {@code VarianceRatioCriterion} (with {@link NoisePolicy#MERGE} / {@link NoisePolicy#SINGLETONS}). Labels
 * {@code -1} are left out by default ({@link NoisePolicy#IGNORE}: scikit-learn's value on the other rows); scikit-learn
 * given the same labels scores {@code -1} as one more cluster, {@link NoisePolicy#MERGE} (on the shared
 * {@code hdbscan.csv}: 2196.7 by default, 418.5 with MERGE, as scikit-learn 1.2.1).
 * Cost: two passes over the data, {@code O(n d)}.
 *
 * <p><b>Edge cases.</b> {@link IllegalArgumentException} unless {@code 2 <= k < n} after the noise policy
 * (as scikit-learn). When {@code W = 0} (every cluster a set of identical points) the index is
 * {@code +Infinity}, or {@code NaN} if also {@code B = 0} (every row a copy of one point); scikit-learn returns
 * 1.0 in both cases. These cases are recognised exactly: each mean is held within the values it averages, which
 * makes the mean of copies of a value that value (the plain quotient need not be, {@code (0.1 + 0.1 + 0.1) / 3}
 * is {@code 0.10000000000000002}), so no rounding noise stands in for a sum of squares that is 0.
 *
 * <p>Stateless; safe to call from any thread. Arguments are never modified.
 */
public final class CalinskiHarabasz {

  private CalinskiHarabasz() {}

  /**
   * The index with noise rows ignored.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return the index, {@code >= 0}, {@code +Infinity} or {@code NaN} (see the edge cases)
   * @throws IllegalArgumentException if the lengths differ, a label is below {@code -1}, or not
   *     {@code 2 <= k < n}
   */
  public static double score(Dataset data, int[] labels) {
    return score(data, labels, NoisePolicy.IGNORE);
  }

  /**
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @return the index, {@code >= 0}, {@code +Infinity} or {@code NaN} (see the edge cases)
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise) {
    Partition p = Checks.partition(data, labels, noise);
    p.requireTwoClusters("Calinski-Harabasz", noise);
    if (p.k >= p.kept) {
      throw new IllegalArgumentException("Calinski-Harabasz needs fewer clusters than points, got " + p.k
          + " clusters for " + p.kept + " points (noise policy " + noise + ")");
    }
    // Exactly scaled when too large or too small for squares (Scale); the ratio is unchanged by it.
    double[] x = Scale.values(data, Scale.exponent(data));
    int d = data.dimension();
    int k = p.k;
    // The overall mean from the clusters' sums, with the cluster means; both exact for copies of one point, so
    // that W = B = 0 there gives NaN, not a ratio of rounding errors.
    double[] mean = new double[d];
    double[] c = Centroids.means(x, d, p, mean);
    double between = 0;
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int t = 0; t < d; t++) {
        double diff = c[i * d + t] - mean[t];
        s += diff * diff;
      }
      between += p.sizes[i] * s;
    }
    double within = Centroids.squaredErrors(x, d, p, c, null, null);
    return between * (p.kept - k) / (within * (k - 1.0));
  }
}
