package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Partition;
import io.github.clusterkit.eval.internal.SilhouetteKernel;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;

/**
 * The silhouette of a clustering (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", doi:10.1016/0377-0427(87)90125-7), with Euclidean distances by default, or
 * Manhattan or Chebyshev distances ({@link #metric(Metric)}).
 *
 * <p>For a point {@code i} in a cluster of at least two points, {@code a(i)} is its mean distance to the
 * other points of its cluster, {@code b(i)} the smallest mean distance to the points of another cluster, and
 * {@code s(i) = (b - a) / max(a, b)}, in {@code [-1, 1]}; {@code s(i) = 0} for a point in a cluster of one
 * and when {@code a = b = 0} (duplicates). The score is the mean of {@code s(i)} over the scored points.
 * This is scikit-learn's {@code silhouette_score} / {@code silhouette_samples} and, with
 * {@link NoisePolicy#MERGE} or {@link NoisePolicy#SINGLETONS}, ELKI's {@code Silhouette} with
 * {@code MERGE_NOISE} / {@code TREAT_NOISE_AS_SINGLETONS}.
 *
 * <p><b>Distances.</b> {@link #metric(Metric)} takes any {@link Metric}: {@link Metric#EUCLIDEAN} (the default),
 * {@link Metric#MANHATTAN} (scikit-learn's {@code metric='manhattan'}, {@code 'cityblock'} or {@code 'l1'}) and
 * {@link Metric#CHEBYSHEV} ({@code metric='chebyshev'}), for the exact and the sampled silhouette alike; every other
 * setting (noise policy, sample, parallelism) acts as with Euclidean distances, and the result is the same on any
 * number of threads. Each Manhattan or Chebyshev distance is formed as SciPy's {@code cdist} forms it (the absolute
 * gaps summed in column order, or their maximum), and the sums of distances differ from scikit-learn's only in their
 * order (on the tested data the scores agree to a few units of the last digit). scikit-learn's other metrics,
 * {@code 'cosine'} among them, are not offered: {@link Metric} holds the distances of the neighbour search (DBSCAN,
 * k-distances, their model files), whose k-d tree prunes by per-coordinate bounds, which the cosine distance (not a
 * metric: no triangle inequality) does not allow.
 *
 * <p><b>Labels {@code -1}</b> (DBSCAN's noise) are left out by default ({@link NoisePolicy#IGNORE}), which gives
 * scikit-learn's value on the rows not labelled {@code -1}. scikit-learn's {@code silhouette_score(X, labels)} on the
 * same labels scores {@code -1} as one more cluster: that is {@link NoisePolicy#MERGE}. The two can be far apart:
 * on the shared {@code hdbscan.csv} (510 of 2309 rows labelled {@code -1}) 0.444 by default and 0.222 with MERGE, as
 * scikit-learn 1.2.1 gives on the rows without noise and on all rows.
 *
 * <p><b>Exact and fast.</b> The exact computation visits every pair of points once, in blocks that stay in
 * the processor's cache, and keeps one running sum per point and cluster: memory grows with
 * {@code n * (k + d)}, never {@code n^2}. With {@link #parallelism(int)} the blocks run on several threads;
 * each sum is still formed in one fixed order, so the result is identical for any number of threads.
 * {@link #sampled(int, long)} scores a seeded random subset of the points against each other only, as
 * scikit-learn's {@code sample_size} does.
 *
 * <p><b>Degenerate input.</b> Fewer than two clusters after the noise policy (including all rows noise):
 * {@link IllegalArgumentException}; scikit-learn raises too, while ELKI returns 0 for a single cluster.
 * Every point in a cluster of its own: score 0 (scikit-learn raises). Arguments are never modified.
 *
 * <p><b>Thread-safety.</b> Instances are immutable configurations, safe to share between threads.
 *
 * <p><b>Interrupts.</b> An exact computation of many points takes long (its cost grows with {@code n^2}), so it
 * can be cancelled: an interrupt of the calling thread stops {@code evaluate} before its next block of points, on
 * any number of threads, with an {@link IllegalStateException} whose message starts with {@code "interrupted"}; the
 * thread's interrupt status is kept. (The clustering algorithms of {@code clustering-core}, whose runs are bounded by
 * their iterations, do not act on interrupts.)
 *
 * <pre>{@code
 * double s = Silhouette.score(data, labels);                      // exact, noise ignored
 * SilhouetteResult r = Silhouette.exact().noise(NoisePolicy.MERGE).parallelism(2).evaluate(data, labels);
 * double l1 = Silhouette.exact().metric(Metric.MANHATTAN).evaluate(data, labels).score();
 * double approx = Silhouette.sampled(5_000, 42L).evaluate(data, labels).score();
 * }</pre>
 */
public final class Silhouette {

  private final NoisePolicy noise;
  private final int parallelism;
  private final int sampleSize; // 0 = exact
  private final long seed;
  private final Metric metric;

  private Silhouette(NoisePolicy noise, int parallelism, int sampleSize, long seed, Metric metric) {
    this.noise = noise;
    this.parallelism = parallelism;
    this.sampleSize = sampleSize;
    this.seed = seed;
    this.metric = metric;
  }

  /**
   * The exact mean silhouette, Euclidean distances, noise rows ignored, on one thread.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return the mean silhouette, in {@code [-1, 1]}
   * @throws IllegalArgumentException if the lengths differ, a label is below {@code -1}, or fewer than two
   *     clusters remain
   */
  public static double score(Dataset data, int[] labels) {
    return exact().evaluate(data, labels).score();
  }

  /**
   * The exact mean silhouette with the given noise policy, Euclidean distances, on one thread (other distances:
   * {@link #metric(Metric)}).
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @return the mean silhouette, in {@code [-1, 1]}
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise) {
    return exact().noise(noise).evaluate(data, labels).score();
  }

  /**
   * The exact silhouette of every row, Euclidean distances, noise rows ignored ({@code NaN} for them), on one
   * thread.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return a new array with one value per row
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}
   */
  public static double[] samples(Dataset data, int[] labels) {
    return exact().evaluate(data, labels).samples();
  }

  /** @return the exact silhouette, Euclidean distances, noise ignored, one thread */
  public static Silhouette exact() {
    return new Silhouette(NoisePolicy.IGNORE, 1, 0, 0L, Metric.EUCLIDEAN);
  }

  /**
   * The silhouette of a random subset of the points, computed among those points only (scikit-learn's
   * {@code silhouette_score(..., sample_size, random_state)}, with clusterkit's own generator). The subset
   * is drawn from the rows left after the noise policy, without replacement, by selection sampling (Knuth,
   * TAOCP vol. 2, Algorithm 3.4.2 S); when {@code sampleSize} is at least the number of those rows, every
   * row is used and the result equals {@link #exact()}.
   *
   * @param sampleSize number of rows to score, at least 2
   * @param seed the seed of the subset
   * @return a sampled silhouette configuration, Euclidean distances, noise ignored, one thread
   * @throws IllegalArgumentException if {@code sampleSize < 2}
   */
  public static Silhouette sampled(int sampleSize, long seed) {
    if (sampleSize < 2) {
      throw new IllegalArgumentException("sampleSize must be >= 2, got " + sampleSize);
    }
    return new Silhouette(NoisePolicy.IGNORE, 1, sampleSize, seed, Metric.EUCLIDEAN);
  }

  /**
   * @param policy how noise rows are treated
   * @return a copy with that policy
   * @throws IllegalArgumentException if {@code policy} is null
   */
  public Silhouette noise(NoisePolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("noise policy must not be null");
    }
    return new Silhouette(policy, parallelism, sampleSize, seed, metric);
  }

  /**
   * The distance between points: {@link Metric#EUCLIDEAN} (the default), {@link Metric#MANHATTAN} or
   * {@link Metric#CHEBYSHEV}, as scikit-learn's {@code silhouette_score(X, labels, metric=...)} with
   * {@code 'euclidean'}, {@code 'manhattan'} (also {@code 'cityblock'}, {@code 'l1'}) or {@code 'chebyshev'}.
   *
   * @param metric the distance
   * @return a copy with that distance, every other setting kept
   * @throws IllegalArgumentException if {@code metric} is null
   */
  public Silhouette metric(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Silhouette(noise, parallelism, sampleSize, seed, metric);
  }

  /**
   * @param threads number of threads, at least 1 (the calling thread and parked worker threads that the library
   *     keeps between calls; never the common pool). The result does not depend on it.
   * @return a copy with that parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Silhouette parallelism(int threads) {
    return new Silhouette(noise, Checks.parallelism(threads), sampleSize, seed, metric);
  }

  /** @return the noise policy */
  public NoisePolicy noise() {
    return noise;
  }

  /** @return the distance between points */
  public Metric metric() {
    return metric;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return the sample size, or 0 for the exact silhouette */
  public int sampleSize() {
    return sampleSize;
  }

  /** @return the sampling seed (unused by the exact silhouette) */
  public long seed() {
    return seed;
  }

  /**
   * Computes the silhouette.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise (not modified)
   * @return the score, per-row values and per-cluster means
   * @throws IllegalArgumentException if an argument is null, the lengths differ, a label is below
   *     {@code -1}, or fewer than two clusters remain (in the sample, when sampling)
   */
  public SilhouetteResult evaluate(Dataset data, int[] labels) {
    return evaluate(data, labels, true);
  }

  /**
   * As {@link #evaluate(Dataset, int[])}; with {@code strict} false, a sample that holds a single cluster gives
   * null instead of an exception (a sweep records the silhouette as undefined there).
   */
  SilhouetteResult evaluate(Dataset data, int[] labels, boolean strict) {
    Partition p = Checks.partition(data, labels, noise);
    p.requireTwoClusters("silhouette", noise);
    int n = data.size();
    int[] rows = selectRows(p);
    int m = rows.length;
    int[] cl = new int[m];
    boolean[] present = new boolean[p.k];
    int clusters = 0;
    for (int q = 0; q < m; q++) {
      int c = p.cluster[rows[q]];
      cl[q] = c;
      if (!present[c]) {
        present[c] = true;
        clusters++;
      }
    }
    if (clusters < 2) {
      if (!strict) {
        return null;
      }
      throw new IllegalArgumentException("silhouette needs at least 2 clusters, got " + clusters
          + " in the sample of " + m + " rows (seed " + seed + ")");
    }
    // Data too large or too small for squared distances are measured times a power of two, exactly (Scale): the
    // silhouette is a ratio of distances, each metric's scaling with the coordinates, unchanged by it.
    double[] s = SilhouetteKernel.compute(Scale.values(data, Scale.exponent(data)), data.dimension(), rows, cl,
        p.k, parallelism, metric);
    double[] perRow = new double[n];
    java.util.Arrays.fill(perRow, Double.NaN);
    for (int q = 0; q < m; q++) {
      perRow[rows[q]] = s[q];
    }
    return new SilhouetteResult(perRow, labels, rows, p.noise);
  }

  private int[] selectRows(Partition p) {
    int[] cl = p.cluster;
    int n = cl.length;
    int kept = p.kept;
    int m = sampleSize == 0 || sampleSize >= kept ? kept : sampleSize;
    int[] rows = new int[m];
    if (m == kept) {
      for (int i = 0, q = 0; i < n; i++) {
        if (cl[i] >= 0) {
          rows[q++] = i;
        }
      }
      return rows;
    }
    Rng rng = new Rng(seed);
    int seen = 0;
    int chosen = 0;
    for (int i = 0; i < n && chosen < m; i++) {
      if (cl[i] < 0) {
        continue;
      }
      if ((kept - seen) * rng.nextDouble() < m - chosen) {
        rows[chosen++] = i;
      }
      seen++;
    }
    return rows;
  }

  /** Equal when every setting is equal (the seed included, though only a sampled silhouette draws from it). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Silhouette)) {
      return false;
    }
    Silhouette b = (Silhouette) o;
    return noise == b.noise && parallelism == b.parallelism && sampleSize == b.sampleSize && seed == b.seed
        && metric == b.metric;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(noise, parallelism, sampleSize, seed, metric);
  }

  @Override
  public String toString() {
    return "Silhouette[" + (sampleSize == 0 ? "exact" : "sampled " + sampleSize + ", seed " + seed)
        + ", metric=" + metric + ", noise=" + noise + ", parallelism=" + parallelism + "]";
  }
}
