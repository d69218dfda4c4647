package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Centroids;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.internal.PairwiseSum;
import io.github.clusterkit.eval.internal.Partition;
import io.github.clusterkit.internal.Scale;

/**
 * The Davies-Bouldin index (Davies and Bouldin 1979, "A cluster separation measure",
 * doi:10.1109/TPAMI.1979.4766909): lower is better, 0 at best.
 *
 * <p>With cluster means {@code c_i}, scatters {@code S_i} and {@code M_ij = |c_i - c_j|} (Euclidean), the
 * index is the mean over clusters {@code i} of {@code max_{j != i} (S_i + S_j) / M_ij}. Libraries differ in
 * the scatter:
 * <ul>
 *   <li>{@link Scatter#MEAN_DISTANCE} (the default): the mean distance of a cluster's points to its mean, as
 *       in scikit-learn's {@code davies_bouldin_score} and Davies and Bouldin's {@code q = 1};</li>
 *   <li>{@link Scatter#ROOT_MEAN_SQUARE}: the root of the mean squared distance, ELKI's default
 *       ({@code DaviesBouldinIndex} with power {@code p = 2} for the Euclidean distance).</li>
 * </ul>
 *
 * <p><b>Labels {@code -1}</b> are left out by default ({@link NoisePolicy#IGNORE}: scikit-learn's value on the other
 * rows); scikit-learn's {@code davies_bouldin_score} given the same labels scores {@code -1} as one more cluster,
 * {@link NoisePolicy#MERGE} (on the shared {@code hdbscan.csv}: 0.801 by default, 2.082 with MERGE, as scikit-learn
 * 1.2.1).
 *
 * <p>Cost: two passes over the data, {@code O(n d)}, plus {@code O(k^2 d)} for the centroid distances (under
 * {@link NoisePolicy#SINGLETONS} {@code k} counts every noise point, so thousands of noise points make this
 * term dominate).
 *
 * <p><b>Edge cases.</b> Fewer than two clusters after the noise policy: {@link IllegalArgumentException}.
 * Two clusters with the same mean give {@code (S_i + S_j) / 0 = +Infinity}: they cannot be told apart by
 * their means (scikit-learn instead treats them as infinitely far apart, which can report concentric rings
 * as perfectly separated). Every cluster a single point (or copies of one point): every scatter is 0 and so
 * is the index, as long as no two clusters lie at the same point; two that do have coinciding means and
 * give {@code (0 + 0) / 0}, taken as {@code +Infinity} as above (scikit-learn and ELKI count it as 0).
 * Under {@link NoisePolicy#SINGLETONS} every noise point is a cluster with scatter 0 and counts as one term
 * of the mean (ELKI warns that it does not support this policy for this index). These cases are recognised
 * exactly: each mean is held within the values it averages, which makes the mean of copies of a value that value
 * (the plain quotient need not be, {@code (0.1 + 0.1 + 0.1) / 3} is {@code 0.10000000000000002}), so no rounding
 * noise stands in for a scatter or a gap that is 0.
 *
 * <p>Stateless; safe to call from any thread. Arguments are never modified.
 */
public final class DaviesBouldin {

  /** The within-cluster scatter {@code S_i}. */
  public enum Scatter {
    /** Mean Euclidean distance to the cluster mean (scikit-learn; the classic form). */
    MEAN_DISTANCE,
    /** Root of the mean squared Euclidean distance to the cluster mean (ELKI's default). */
    ROOT_MEAN_SQUARE
  }

  private DaviesBouldin() {}

  /**
   * The classic index (mean-distance scatter), noise rows ignored.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return the index, {@code >= 0}
   * @throws IllegalArgumentException if the lengths differ, a label is below {@code -1}, or fewer than two
   *     clusters remain
   */
  public static double score(Dataset data, int[] labels) {
    return score(data, labels, NoisePolicy.IGNORE, Scatter.MEAN_DISTANCE);
  }

  /**
   * The classic index (mean-distance scatter) with the given noise policy.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @return the index, {@code >= 0}
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise) {
    return score(data, labels, noise, Scatter.MEAN_DISTANCE);
  }

  /**
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @param scatter the within-cluster scatter
   * @return the index, {@code >= 0}
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} or
   *     {@code scatter} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise, Scatter scatter) {
    if (scatter == null) {
      throw new IllegalArgumentException("scatter must not be null");
    }
    Partition p = Checks.partition(data, labels, noise);
    p.requireTwoClusters("Davies-Bouldin", noise);
    // Exactly scaled when too large or too small for squares (Scale); the ratios are unchanged by it.
    double[] x = Scale.values(data, Scale.exponent(data));
    int d = data.dimension();
    int k = p.k;
    double[] c = Centroids.means(x, d, p);
    double[] s = new double[k];
    if (scatter == Scatter.MEAN_DISTANCE) {
      Centroids.squaredErrors(x, d, p, c, null, s);
      for (int i = 0; i < k; i++) {
        s[i] /= p.sizes[i];
      }
    } else {
      Centroids.squaredErrors(x, d, p, c, s, null);
      for (int i = 0; i < k; i++) {
        s[i] = Math.sqrt(s[i] / p.sizes[i]);
      }
    }
    double[] worst = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double m = 0;
        for (int t = 0; t < d; t++) {
          double diff = c[i * d + t] - c[j * d + t];
          m += diff * diff;
        }
        double r = (s[i] + s[j]) / Math.sqrt(m); // +Infinity (or NaN for 0/0) when the means coincide
        if (!(r <= Double.MAX_VALUE)) {
          r = Double.POSITIVE_INFINITY;
        }
        if (r > worst[i]) {
          worst[i] = r;
        }
        if (r > worst[j]) {
          worst[j] = r;
        }
      }
    }
    return PairwiseSum.sum(worst, k) / k; // as numpy.mean
  }
}
