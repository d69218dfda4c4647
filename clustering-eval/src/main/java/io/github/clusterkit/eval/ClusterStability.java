package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Dense;
import io.github.clusterkit.eval.internal.Parallel;
import io.github.clusterkit.internal.Rng;
import java.util.Objects;

/**
 * Cluster-wise stability by resampling (Hennig 2007, "Cluster-wise assessment of cluster stability", Computational
 * Statistics and Data Analysis 52(1), doi:10.1016/j.csda.2006.11.025; R's {@code fpc::clusterboot}): are the
 * segments real, or would other data from the same source give other segments? The data are clustered once; then
 * {@code B} times a resample of the rows ({@link Resampling}) is drawn and clustered with the same method and the same
 * {@code k}, and each original cluster {@code C}, restricted to the rows of the resample ({@code C*}), is compared
 * with its most similar cluster of the resample by the Jaccard coefficient:
 * <pre>
 *   gamma_b(C) = max over clusters D of resample b of |C* &#8745; D| / |C* &#8746; D|
 *                (0 when no D overlaps C*, or C* is empty)
 * </pre>
 * The mean of {@code gamma_b(C)} over the resamples is the cluster's stability ({@link StabilityResult#meanJaccard()});
 * the result also counts the resamples in which the cluster "dissolved" ({@code gamma <= dissolution}, default 0.5)
 * and was "recovered" ({@code gamma > recovery}, default 0.75), clusterboot's {@code bootbrd} and
 * {@code bootrecover} with the same inequalities and defaults.
 *
 * <pre>{@code
 * StabilityResult s = ClusterStability.k(5).seed(42).restarts(10).parallelism(2).evaluate(data);
 * double[] stability = s.meanJaccard();   // one per cluster of s.labels()
 * int[] dissolved = s.dissolved();        // resamples in which each cluster dissolved
 * StabilityResult w = ClusterStability.k(3).clusterer(Clusterer.ward()).resampling(Resampling.SUBSET)
 *     .evaluate(data);
 * }</pre>
 *
 * <p><b>Reading the values</b> (Hennig's guidance in clusterboot's documentation): a mean Jaccard below 0.6 marks a
 * cluster that should not be trusted; 0.6 to 0.75, a pattern whose membership is uncertain; 0.75 or more, a valid,
 * stable cluster; 0.85 or more, a highly stable one. Stability is necessary, not sufficient: a method can reproduce an
 * artefact (K-Means splits a uniform square the same way every time), and a good cluster can look unstable when
 * {@code k} is wrong and the method has to split or merge something else.
 *
 * <p><b>As clusterboot, exactly.</b> The Jaccard coefficient counts rows of the resample: with
 * {@link Resampling#BOOTSTRAP} (the default) each drawn row once, with {@link Resampling#BOOTSTRAP_WITH_DUPLICATES}
 * each copy; {@code 0/0} is 0 and the maximum starts at 0. The mean is over all {@code B} resamples, counting 0 where
 * the resample drew no row of the cluster. {@code B = 100} by default, as clusterboot's.
 *
 * <p><b>Noise.</b> A label {@code -1} (DBSCAN, HDBSCAN*, OPTICS) is noise, not a cluster, as clusterboot treats the
 * noise of its {@code noisemethod = TRUE} interfaces: noise rows of the original clustering belong to no cluster whose
 * stability is reported, and noise rows of a resample to no cluster an original one is compared with (they still count
 * in {@code |C*|}). clusterboot also reports the noise component's own stability; this class does not.
 *
 * <p><b>Clusterer.</b> K-Means by default ({@link Clusterer#kMeans(long, int)} with this configuration's seed and
 * restarts); any {@link Clusterer} can replace it. Its {@code k} is passed through (a density-based clusterer may
 * ignore it); the clusters are the labels {@code 0..max} the original clustering returns, a label it skips being a
 * cluster of no rows (stability 0), and they must be below the number of rows. The labels of a resample may be any
 * values from {@code -1}: only the partition they make counts.
 *
 * <p><b>Determinism and threads.</b> Resample {@code b} (from 0) draws its rows with its own generator,
 * {@code Rng.split(seed, b)}: {@code n} (or, for subsetting, {@code m}) draws of {@code nextInt}; bootstrap rows are
 * {@code nextInt(n)} in order, subsets the first {@code m} of a partial Fisher-Yates shuffle of {@code 0..n-1}
 * ({@code j + nextInt(n - j)} for {@code j = 0..m-1}). The resamples are clustered as separate tasks on up to
 * {@link #parallelism(int)} threads and the means summed in resample order: the same result, bit for bit, on any
 * thread count, for a clusterer that keeps the {@link Clusterer} contract. Immutable configuration, safe to share. The
 * data are never modified. An interrupt of the calling thread stops {@code evaluate} before its next resample with an
 * {@link IllegalStateException} whose message starts with {@code "interrupted"}.
 */
public final class ClusterStability {

  /** The default number of resamples, clusterboot's. */
  public static final int DEFAULT_RESAMPLES = 100;

  private final int k;
  private final int resamples;
  private final long seed;
  private final int restarts;
  private final Clusterer clusterer; // null: K-Means with seed and restarts
  private final Resampling resampling;
  private final int subsetSize; // 0: floor(n / 2)
  private final double dissolution;
  private final double recovery;
  private final int parallelism;

  private ClusterStability(int k, int resamples, long seed, int restarts, Clusterer clusterer, Resampling resampling,
      int subsetSize, double dissolution, double recovery, int parallelism) {
    this.k = k;
    this.resamples = resamples;
    this.seed = seed;
    this.restarts = restarts;
    this.clusterer = clusterer;
    this.resampling = resampling;
    this.subsetSize = subsetSize;
    this.dissolution = dissolution;
    this.recovery = recovery;
    this.parallelism = parallelism;
  }

  /**
   * Stability of a clustering into {@code k} clusters: K-Means (seed 0, 1 restart), 100 bootstrap resamples
   * (duplicates dropped), dissolution at 0.5, recovery at 0.75, one thread.
   *
   * @param k the number of clusters passed to the clusterer, at least 1
   * @return the configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static ClusterStability k(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return new ClusterStability(k, DEFAULT_RESAMPLES, 0L, 1, null, Resampling.BOOTSTRAP, 0, 0.5, 0.75, 1);
  }

  /**
   * @param b the number of resamples {@code B}, at least 1
   * @return a copy with this number of resamples
   * @throws IllegalArgumentException if {@code b < 1}
   */
  public ClusterStability resamples(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, got " + b);
    }
    return new ClusterStability(k, b, seed, restarts, clusterer, resampling, subsetSize, dissolution, recovery,
        parallelism);
  }

  /**
   * @param seed the seed of the resamples and of the default K-Means
   * @return a copy with this seed
   */
  public ClusterStability seed(long seed) {
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution,
        recovery, parallelism);
  }

  /**
   * @param restarts K-Means restarts per clustering, at least 1 (the default clusterer only)
   * @return a copy with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public ClusterStability restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution,
        recovery, parallelism);
  }

  /**
   * @param clusterer the clustering method of the data and of every resample, in place of K-Means; see the
   *     {@link Clusterer} contract (labels {@code -1} are noise)
   * @return a copy with this clusterer
   * @throws IllegalArgumentException if {@code clusterer} is null
   */
  public ClusterStability clusterer(Clusterer clusterer) {
    if (clusterer == null) {
      throw new IllegalArgumentException("clusterer must not be null");
    }
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution,
        recovery, parallelism);
  }

  /**
   * @param resampling the resampling scheme (default {@link Resampling#BOOTSTRAP})
   * @return a copy with this scheme
   * @throws IllegalArgumentException if {@code resampling} is null
   */
  public ClusterStability resampling(Resampling resampling) {
    if (resampling == null) {
      throw new IllegalArgumentException("resampling must not be null");
    }
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution,
        recovery, parallelism);
  }

  /**
   * @param size the rows of each subset for {@link Resampling#SUBSET}, at least 1 and at most the number of rows
   *     (checked by {@link #evaluate(Dataset)}); 0 restores the default {@code floor(n / 2)} (clusterboot's
   *     {@code subtuning}). Other schemes ignore it.
   * @return a copy with this subset size
   * @throws IllegalArgumentException if {@code size < 0}
   */
  public ClusterStability subsetSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("subsetSize must be >= 0 (0 for floor(n / 2)), got " + size);
    }
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, size, dissolution, recovery,
        parallelism);
  }

  /**
   * @param dissolution a resample dissolves a cluster when its Jaccard coefficient is {@code <=} this, in
   *     {@code [0, 1]} (default 0.5, clusterboot's {@code dissolution})
   * @param recovery a resample recovers a cluster when its Jaccard coefficient is {@code >} this, in {@code [0, 1]}
   *     (default 0.75, clusterboot's {@code recover})
   * @return a copy with these thresholds
   * @throws IllegalArgumentException if a threshold is outside {@code [0, 1]} or {@code NaN}
   */
  public ClusterStability thresholds(double dissolution, double recovery) {
    if (!(dissolution >= 0 && dissolution <= 1)) {
      throw new IllegalArgumentException("dissolution must be in [0, 1], got " + dissolution);
    }
    if (!(recovery >= 0 && recovery <= 1)) {
      throw new IllegalArgumentException("recovery must be in [0, 1], got " + recovery);
    }
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution,
        recovery, parallelism);
  }

  /**
   * @param threads number of resamples clustered at once, at least 1; the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public ClusterStability parallelism(int threads) {
    return new ClusterStability(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution,
        recovery, Checks.parallelism(threads));
  }

  /**
   * The rows of resample {@code b} of {@code n} rows under this configuration's scheme, seed and subset size, in the
   * order they are clustered (so a caller can reproduce a resample).
   *
   * @param n the number of rows of the data, at least 1
   * @param b the resample, from 0
   * @return the row indices, in draw order (with repeats only for {@link Resampling#BOOTSTRAP_WITH_DUPLICATES})
   * @throws IllegalArgumentException if {@code n < 1}, {@code b < 0}, or the subset size exceeds {@code n}
   */
  public int[] resampleRows(int n, int b) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (b < 0) {
      throw new IllegalArgumentException("b must be >= 0, got " + b);
    }
    return draw(n, b, subsetRows(n));
  }

  private int subsetRows(int n) {
    if (resampling != Resampling.SUBSET) {
      return 0;
    }
    int m = subsetSize == 0 ? n / 2 : subsetSize;
    if (m > n) {
      throw new IllegalArgumentException("subsetSize must be <= the number of rows (" + n + "), got " + m);
    }
    if (m < 1) {
      throw new IllegalArgumentException("subsetSize must be >= 1: floor(n / 2) is 0 for n = " + n
          + "; set subsetSize");
    }
    return m;
  }

  private int[] draw(int n, int b, int m) {
    Rng rng = Rng.split(seed, b);
    if (resampling == Resampling.SUBSET) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      for (int j = 0; j < m; j++) {
        int r = j + rng.nextInt(n - j);
        int t = idx[j];
        idx[j] = idx[r];
        idx[r] = t;
      }
      return java.util.Arrays.copyOf(idx, m);
    }
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = rng.nextInt(n);
    }
    if (resampling == Resampling.BOOTSTRAP_WITH_DUPLICATES) {
      return rows;
    }
    boolean[] seen = new boolean[n];
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (!seen[rows[i]]) {
        seen[rows[i]] = true;
        rows[u++] = rows[i];
      }
    }
    return java.util.Arrays.copyOf(rows, u);
  }

  /**
   * Clusters the data, then every resample, and compares them.
   *
   * @param data the points, at least {@code k} rows
   * @return the original labels and each cluster's Jaccard coefficients, mean, dissolutions and recoveries
   * @throws IllegalArgumentException if {@code data} is null, has fewer than {@code k} rows, the subset size exceeds
   *     the number of rows (or {@code floor(n / 2)} is 0) or is below {@code k}, or a bootstrap resample draws fewer
   *     than {@code k} distinct rows (the {@link Clusterer} is never asked for more clusters than rows); and as the
   *     clusterer throws (K-Means refuses a {@code k} above the number of distinct rows of the data or of a resample)
   * @throws IllegalStateException if the clusterer returns labels of the wrong length or below {@code -1}, labels of
   *     the data not below the number of rows, or the original clustering is all noise
   */
  public StabilityResult evaluate(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    if (k > n) {
      throw new IllegalArgumentException("k must be <= the number of rows (" + n + "), got " + k);
    }
    int m = subsetRows(n);
    if (resampling == Resampling.SUBSET && m < k) {
      throw new IllegalArgumentException("subsetSize must be >= k (" + k + "), got " + m
          + (subsetSize == 0 ? " (floor(n / 2) for n = " + n + ")" : ""));
    }
    Clusterer c = clusterer != null ? clusterer : Clusterer.kMeans(seed, restarts);
    int[] original = checked(c.labels(data, k), n, "the data").clone();
    for (int i = 0; i < n; i++) {
      if (original[i] >= n) { // each label is a reported cluster: bounded, so that no label allocates beyond n
        throw new IllegalStateException("the clusterer's labels of the data must be < the number of rows (" + n
            + "), got " + original[i] + " at row " + i);
      }
    }
    int clusters = 0;
    for (int l : original) {
      clusters = Math.max(clusters, l + 1);
    }
    if (clusters == 0) {
      throw new IllegalStateException("the clustering of the data must have a cluster, got only noise (-1)");
    }
    int kk = clusters;
    double[][] jaccard = new double[kk][resamples];
    Parallel.run(parallelism, resamples, (b, worker) -> {
      int[] rows = draw(n, b, m);
      if (rows.length < k) { // the Clusterer contract: k <= data.size()
        throw new IllegalArgumentException("k must be <= the rows of every resample, got k = " + k + " for resample "
            + b + " of " + rows.length + " rows");
      }
      int[] labels = checked(c.labels(data.select(rows), k), rows.length, "resample " + b);
      double[] g = bestJaccard(original, kk, rows, labels);
      for (int j = 0; j < kk; j++) {
        jaccard[j][b] = g[j];
      }
    });
    return new StabilityResult(original, jaccard, dissolution, recovery, resampling);
  }

  /**
   * Each original cluster's best Jaccard coefficient against the resample's clusters, on the resample's rows
   * (positions: a row drawn twice counts twice).
   *
   * @param original the original labels, {@code -1} for noise
   * @param clusters the number of original clusters
   * @param rows the resample's rows
   * @param resampleLabels the resample's labels, aligned with {@code rows}, {@code -1} for noise (not modified)
   * @return one coefficient per original cluster, in {@code [0, 1]}
   */
  static double[] bestJaccard(int[] original, int clusters, int[] rows, int[] resampleLabels) {
    // Only the resample's partition matters: its labels, of any magnitude, numbered 0..found-1 (noise stays -1).
    int[] labels = new int[resampleLabels.length];
    int found = Dense.encode(resampleLabels, labels, true).length;
    int[] sizeA = new int[clusters];
    int[] sizeB = new int[found];
    int[] both = new int[clusters * found];
    for (int p = 0; p < rows.length; p++) {
      int a = original[rows[p]];
      int c = labels[p];
      if (a >= 0) {
        sizeA[a]++;
      }
      if (c >= 0) {
        sizeB[c]++;
        if (a >= 0) {
          both[a * found + c]++;
        }
      }
    }
    double[] g = new double[clusters];
    for (int a = 0; a < clusters; a++) {
      double best = 0;
      for (int c = 0; c < found; c++) {
        int i = both[a * found + c];
        int union = sizeA[a] + sizeB[c] - i;
        double j = union == 0 ? 0 : (double) i / union;
        if (j > best) {
          best = j;
        }
      }
      g[a] = best;
    }
    return g;
  }

  private static int[] checked(int[] labels, int n, String what) {
    if (labels == null || labels.length != n) {
      throw new IllegalStateException("the clusterer must return one label per row (" + n + ") of " + what
          + ", got " + (labels == null ? "null" : labels.length + " labels"));
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < -1) {
        throw new IllegalStateException("the clusterer's labels must be >= -1 (-1 for noise), got " + labels[i]
            + " at row " + i + " of " + what);
      }
    }
    return labels;
  }

  /** Equal when every setting is equal (the clusterer by its own {@code equals}, as {@link GapStatistic}'s). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClusterStability)) {
      return false;
    }
    ClusterStability s = (ClusterStability) o;
    return k == s.k && resamples == s.resamples && seed == s.seed && restarts == s.restarts
        && Objects.equals(clusterer, s.clusterer) && resampling == s.resampling && subsetSize == s.subsetSize
        && Double.compare(dissolution, s.dissolution) == 0 && Double.compare(recovery, s.recovery) == 0
        && parallelism == s.parallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, resamples, seed, restarts, clusterer, resampling, subsetSize, dissolution, recovery,
        parallelism);
  }

  @Override
  public String toString() {
    return "ClusterStability[k=" + k + ", resamples=" + resamples + ", resampling=" + resampling
        + (resampling == Resampling.SUBSET ? ", subsetSize=" + (subsetSize == 0 ? "n/2" : subsetSize) : "")
        + ", clusterer=" + (clusterer == null ? "K-Means(seed=" + seed + ", restarts=" + restarts + ")" : clusterer)
        + (clusterer == null ? "" : ", seed=" + seed) + ", dissolution=" + dissolution + ", recovery=" + recovery
        + ", parallelism=" + parallelism + "]";
  }
}
