package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Centroids;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Partition;
import io.github.clusterkit.eval.internal.PrototypeSilhouette;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;

/**
 * The simplified silhouette (Hruschka, Campello and de Castro, ICDM 2004; in journal form "Evolving clusters in
 * gene-expression data", Information Sciences 176(13), 2006, doi:10.1016/j.ins.2005.07.015): the {@link Silhouette}
 * with each mean distance to a cluster replaced by the distance to the cluster's mean, so that it costs
 * {@code O(n k d)} instead of {@code O(n^2 d)}, for data too large for the exact silhouette.
 *
 * <p>For a point {@code i} in a cluster of at least two points, {@code a(i)} is its distance to the mean of its
 * cluster, {@code b(i)} the smallest distance to the mean of another cluster, and
 * {@code s(i) = (b - a) / max(a, b)}, in {@code [-1, 1]}; {@code s(i) = 0} for a point in a cluster of one and
 * when {@code a = b = 0}. The score is the mean of {@code s(i)} over the scored points. This is ELKI's
 * {@code SimplifiedSilhouette}: with {@link NoisePolicy#MERGE} and {@link NoisePolicy#SINGLETONS} it gives
 * ELKI's {@code MERGE_NOISE} and {@code TREAT_NOISE_AS_SINGLETONS} figures (tested to {@code 1e-12}). Under
 * {@link NoisePolicy#SINGLETONS} every noise point is a cluster of one: its own value is 0 (counted in the mean),
 * and as another cluster its mean is the point itself. ELKI gives {@code 0 / 0} ({@code NaN}) where
 * {@code a = b = 0}; Rousseeuw's and scikit-learn's convention of 0 is used here, as in {@link Silhouette}.
 *
 * <p><b>Compared with the silhouette.</b> Both {@code a} and {@code b} shrink (the distance to a mean is at most the
 * mean distance to the points, for any convex distance, which all three metrics are), so the two indices can rank
 * clusterings differently. On ELKI's test file {@code uebungsblatt-2d-mini.csv} with its labels and
 * {@link NoisePolicy#MERGE}: 0.699 against 0.590; for its k-means partition 0.802 against 0.697. Use it to compare
 * clusterings of the same large data, or to choose {@code k}, rather than as a stand-in for a published silhouette.
 *
 * <p><b>Distances.</b> {@link #metric(Metric)}: {@link Metric#EUCLIDEAN} (the default), {@link Metric#MANHATTAN} or
 * {@link Metric#CHEBYSHEV}. The prototypes stay the cluster means under every metric (ELKI's choice for clusters
 * that carry no prototype of their own); the point that minimises the summed Manhattan distances would be the
 * per-column median instead.
 *
 * <p><b>Labels {@code -1}</b> (noise) are left out by default ({@link NoisePolicy#IGNORE}), with no penalty: ELKI's
 * {@code IGNORE_NOISE} multiplies its mean by the share of rows not labelled noise (as for its silhouette).
 *
 * <p><b>Cost.</b> One pass for the means, then one distance from every scored point to every mean:
 * {@code O(n k d)} time and {@code O(n + k d)} memory. Under {@link NoisePolicy#SINGLETONS} {@code k} counts every
 * noise point, so many noise points make this close to the exact silhouette's cost. {@link #parallelism(int)}
 * splits the points into fixed blocks; each value depends only on its point and the means, so the result is
 * identical on any number of threads. An interrupt of the calling thread stops {@code evaluate} before its next
 * block with an {@link IllegalStateException} whose message starts with {@code "interrupted"}, as
 * {@link Silhouette}.
 *
 * <p><b>Degenerate input.</b> Fewer than two clusters after the noise policy (including all rows noise):
 * {@link IllegalArgumentException}, as {@link Silhouette} (ELKI returns 0). Every point in a cluster of its own:
 * score 0. Duplicates and data of any magnitude are handled exactly as in the other indices (values are scaled by a
 * power of two when their squares would overflow or underflow, which changes no ratio). Arguments are never
 * modified.
 *
 * <p><b>Thread-safety.</b> Instances are immutable configurations, safe to share between threads.
 *
 * <pre>{@code
 * double s = SimplifiedSilhouette.score(data, labels);                   // Euclidean, noise ignored
 * SilhouetteResult r = SimplifiedSilhouette.defaults().noise(NoisePolicy.MERGE).parallelism(2)
 *     .evaluate(data, labels);
 * }</pre>
 */
public final class SimplifiedSilhouette {

  private final NoisePolicy noise;
  private final int parallelism;
  private final Metric metric;

  private SimplifiedSilhouette(NoisePolicy noise, int parallelism, Metric metric) {
    this.noise = noise;
    this.parallelism = parallelism;
    this.metric = metric;
  }

  /** @return the simplified silhouette with Euclidean distances, noise rows ignored, on one thread */
  public static SimplifiedSilhouette defaults() {
    return new SimplifiedSilhouette(NoisePolicy.IGNORE, 1, Metric.EUCLIDEAN);
  }

  /**
   * The mean simplified silhouette, Euclidean distances, noise rows ignored, on one thread.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return the mean simplified silhouette, in {@code [-1, 1]}
   * @throws IllegalArgumentException if an argument is null, the lengths differ, a label is below {@code -1}, or
   *     fewer than two clusters remain
   */
  public static double score(Dataset data, int[] labels) {
    return defaults().evaluate(data, labels).score();
  }

  /**
   * The mean simplified silhouette with the given noise policy, Euclidean distances, on one thread.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @return the mean simplified silhouette, in {@code [-1, 1]}
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise) {
    return defaults().noise(noise).evaluate(data, labels).score();
  }

  /**
   * The simplified silhouette of every row, Euclidean distances, noise rows ignored ({@code NaN} for them), on one
   * thread.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return a new array with one value per row
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}
   */
  public static double[] samples(Dataset data, int[] labels) {
    return defaults().evaluate(data, labels).samples();
  }

  /**
   * @param policy how noise rows are treated
   * @return a copy with that policy
   * @throws IllegalArgumentException if {@code policy} is null
   */
  public SimplifiedSilhouette noise(NoisePolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("noise policy must not be null");
    }
    return new SimplifiedSilhouette(policy, parallelism, metric);
  }

  /**
   * @param metric the distance: {@link Metric#EUCLIDEAN} (the default), {@link Metric#MANHATTAN} or
   *     {@link Metric#CHEBYSHEV}; the prototypes stay the cluster means
   * @return a copy with that distance
   * @throws IllegalArgumentException if {@code metric} is null
   */
  public SimplifiedSilhouette metric(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new SimplifiedSilhouette(noise, parallelism, metric);
  }

  /**
   * @param threads number of threads, at least 1 (the calling thread and parked worker threads that the library
   *     keeps between calls; never the common pool). The result does not depend on it.
   * @return a copy with that parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public SimplifiedSilhouette parallelism(int threads) {
    return new SimplifiedSilhouette(noise, Checks.parallelism(threads), metric);
  }

  /** @return the noise policy */
  public NoisePolicy noise() {
    return noise;
  }

  /** @return the distance */
  public Metric metric() {
    return metric;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Computes the simplified silhouette.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise (not modified)
   * @return the score, the value of every row ({@code NaN} for noise rows under {@link NoisePolicy#IGNORE}) and
   *     the mean per label
   * @throws IllegalArgumentException if an argument is null, the lengths differ, a label is below {@code -1}, or
   *     fewer than two clusters remain
   */
  public SilhouetteResult evaluate(Dataset data, int[] labels) {
    Partition p = Checks.partition(data, labels, noise);
    p.requireTwoClusters("simplified silhouette", noise);
    int d = data.dimension();
    // Exactly scaled when too large or too small for squares (Scale): every s(i) is a ratio of distances.
    double[] x = Scale.values(data, Scale.exponent(data));
    double[] means = Centroids.means(x, d, p); // a mean of one row is that row exactly
    double[] perRow = PrototypeSilhouette.simplified(x, d, p.cluster, p.sizes, means, p.k, metric, parallelism);
    int[] rows = new int[p.kept];
    for (int i = 0, q = 0; i < p.cluster.length; i++) {
      if (p.cluster[i] >= 0) {
        rows[q++] = i;
      }
    }
    return new SilhouetteResult(perRow, labels, rows, p.noise);
  }

  /** Equal when every setting is equal. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SimplifiedSilhouette)) {
      return false;
    }
    SimplifiedSilhouette b = (SimplifiedSilhouette) o;
    return noise == b.noise && parallelism == b.parallelism && metric == b.metric;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(noise, parallelism, metric);
  }

  @Override
  public String toString() {
    return "SimplifiedSilhouette[metric=" + metric + ", noise=" + noise + ", parallelism=" + parallelism + "]";
  }
}
