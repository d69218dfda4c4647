package io.github.clusterkit.kmeans;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.internal.Chunks;
import io.github.clusterkit.kmeans.internal.Distinct;
import io.github.clusterkit.kmeans.internal.Engine;
import io.github.clusterkit.kmeans.internal.LloydAssigner;
import io.github.clusterkit.kmeans.internal.MiniBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Mini-batch K-Means (Sculley 2010, "Web-scale k-means clustering", WWW, doi:10.1145/1772690.1772862), with the
 * semantics of scikit-learn 1.2.1's {@code MiniBatchKMeans}: every step draws a batch of rows, moves each centroid
 * towards the mean of its batch rows with a per-centroid learning rate of {@code 1 / count}, and from time to time
 * moves centroids that have absorbed little weight to random batch rows. A step costs {@code O(batchSize k d)}
 * whatever the number of rows; the result's inertia is usually a little above that of {@link KMeans}, which is exact
 * and, below some millions of rows, usually as fast. Use it for very many rows, or through {@link #updater()} when the
 * rows arrive in batches (scikit-learn's {@code partial_fit}).
 *
 * <pre>{@code
 * KMeansModel m = MiniBatchKMeans.k(10).seed(42).batchSize(4096).fit(data);
 * int label = m.predict(new double[] {1.0, 2.0});
 *
 * MiniBatchKMeans.Updater u = MiniBatchKMeans.k(10).seed(42).updater();
 * for (Dataset batch : batches) {
 *   u.update(batch);
 * }
 * KMeansModel streamed = u.model(someRows);
 * }</pre>
 *
 * <p><b>Fit.</b> With {@code b = min(batchSize, n)}: the initial centroids come from {@link #init(KMeansInit)} (greedy
 * k-means++, the default; the original k-means++; or random rows) run on an init sample of {@code initSize} rows drawn
 * uniformly with replacement (all rows when {@code initSize >= n}), or from {@link #initialCentroids(double[][])}. With
 * {@link #restarts(int)} {@code > 1}, as scikit-learn's {@code n_init}, several such initialisations are made, each on
 * a sample of its own, and the one with the lowest inertia on a validation sample of {@code initSize} rows (drawn
 * once, with replacement) is kept; the mini-batch steps run once, from it. Then {@code maxIterations * n / b} (rounded
 * down) steps follow, each on {@code b} rows drawn uniformly with replacement, unless the run stops early as
 * scikit-learn's: when {@code tolerance > 0} and the total squared centroid move of a step is at most {@code tolerance}
 * times the mean column variance of the data, or when the exponentially weighted average of the mean batch inertia
 * (weight {@code min(1, 2 b / (n + 1))}, the first step left out) has not improved for {@code maxNoImprovement}
 * consecutive steps. Finally one exact pass labels every row with its nearest centroid and sums the inertia
 * (scikit-learn's {@code labels_} and {@code inertia_} with {@code compute_labels=True}).
 *
 * <p><b>Step.</b> The batch rows go to their nearest centroids (lowest index on ties); every centroid {@code j} that
 * receives batch weight {@code s} becomes {@code (c_j * count_j + sum of w x) * (1 / (count_j + s))} and its count
 * grows by {@code s}: the running weighted mean of all rows it ever received. When a reassignment is due (a centroid
 * with count 0, or {@code 10 k} rows seen since the last one) and {@code reassignmentRatio > 0}, the centroids whose
 * count is below {@code reassignmentRatio} times the largest count (at most {@code b / 2} of them, those with the
 * lowest counts) move to distinct batch rows drawn uniformly, and their counts become the smallest count of the
 * others. From the same initial centroids and batches, the centroids and counts equal scikit-learn's to rounding
 * (tested to 1e-12 relative); its random draws (batches, samples, reassignment rows) come from numpy's generator and
 * these from the library's, so a seed gives another, equally distributed, run.
 *
 * <p><b>Result.</b> A {@link KMeansModel}, so that prediction, transformation, scoring, model files and pipelines work
 * unchanged. Its {@link KMeansModel#labels()} and {@link KMeansModel#inertia()} come from the final exact pass; {@link
 * KMeansModel#iterations()} is scikit-learn's {@code n_iter_}, the number of passes over the data the steps amount to,
 * {@code ceil(steps * b / n)}; {@link KMeansModel#converged()} tells whether the run stopped early (tolerance or no
 * improvement) rather than after all its steps, which for a stochastic method says less than for {@link KMeans}; {@link
 * KMeansModel#algorithm()} is {@link KMeansAlgorithm#LLOYD}, as every assignment, in the steps and in the final pass,
 * compares each row with every centroid.
 *
 * <p><b>Differences from scikit-learn 1.2.1.</b> Its k-means++ ignores sample weights; here the init sample's weights
 * count, as in {@link KMeans}. Its {@code max_no_improvement=None} is {@code maxNoImprovement(0)} here (its 0 would
 * stop at the second step). A {@code reassignmentRatio} above 1 (reassigning every centroid, which makes
 * scikit-learn fail) is refused. An init sample with fewer than {@code k} distinct rows of positive weight (many
 * duplicate rows) is replaced by all rows. The default number of restarts is 1 (scikit-learn 1.4's {@code
 * n_init="auto"} for k-means++; 1.2's default is 3). The updater counts the rows of each batch towards the next
 * reassignment, where scikit-learn counts {@code min(batch_size, rows of its first batch)} every time (the same when
 * the batches are equal and at most {@code batchSize} rows). With initial centroids the updater's first batch may
 * have fewer than {@code k} rows (scikit-learn's first {@code partial_fit} needs {@code k}).
 * A centroid whose count is below {@code 2^-1024} (tiny positive weights) is divided by it rather than multiplied by
 * its reciprocal, which overflows (scikit-learn's centroid becomes infinite or NaN).
 *
 * <p><b>Edge cases.</b> {@code k} must not exceed the number of distinct rows (with positive weight); {@code k = 1}
 * gives the running weighted mean of the batches; {@code batchSize >= n} makes every step a full-size sample with
 * replacement, not a pass over the data. A centroid that never wins a row keeps its initial position unless a
 * reassignment moves it (with {@code reassignmentRatio(0)} it may stay empty). Data (or weights) with a largest
 * magnitude above {@code 2^201} or below {@code 2^-200} are fitted scaled by a power of two, exactly, as in {@link
 * KMeans}. Explicit initial centroids are scaled with the data and do not choose the power: one far beyond the data
 * (say at 1 among rows near {@code 1e-250}) is at an infinite squared distance from every row, wins none, and unless
 * a reassignment moves it is returned at its given position.
 *
 * <p><b>Determinism and threads.</b> The same configuration and data give the same result on every run and for every
 * {@link #parallelism(int)}: every row's label depends on that row alone, the centroid update and every sum of a step
 * run in row order on the calling thread, and the final pass sums fixed chunks of rows in chunk order. The threads
 * label a batch's rows in chunks of 256 when the batch is large enough to pay for it ({@code b k d >= 2^18}; the
 * default batch with 10 clusters of 10 columns is labelled on the calling thread), and share the final labelling
 * pass and the restarts' validation passes. Restart {@code r} draws from a random stream split off the seed for it
 * alone; the validation sample and the batches (with the reassignments' draws) have streams of their own. The
 * library's worker threads are held while {@code fit} runs (by an updater, during each {@code update}); the common
 * pool is never used.
 *
 * <p><b>Memory.</b> Besides the model's {@code n} labels: the init and validation samples ({@code initSize} rows each),
 * a batch ({@code b} rows), a copy of non-unit weights ({@code n} values), and a scaled copy of the data only when
 * the scaling above applies.
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once; {@code
 * fit} never modifies the caller's arrays. An {@link Updater} is not thread-safe. Equal configurations are {@code
 * equals} and have equal {@code hashCode}s (doubles as {@link Double#equals(Object)}, initial centroids by content).
 */
public final class MiniBatchKMeans {

  /** Random stream of the validation sample (restart {@code r} uses stream {@code r >= 0}). */
  private static final long STREAM_VALIDATION = -1;
  /** Random stream of the batches and the reassignments' draws. */
  private static final long STREAM_BATCHES = -2;

  private final int k;
  private final long seed;
  private final int batchSize;
  private final int maxIterations;
  private final int initSize;
  private final KMeansInit init;
  private final double[][] initialCentroids;
  private final int restarts;
  private final double reassignmentRatio;
  private final int maxNoImprovement;
  private final double tolerance;
  private final int parallelism;

  private MiniBatchKMeans(int k, long seed, int batchSize, int maxIterations, int initSize, KMeansInit init,
      double[][] initialCentroids, int restarts, double reassignmentRatio, int maxNoImprovement, double tolerance,
      int parallelism) {
    this.k = k;
    this.seed = seed;
    this.batchSize = batchSize;
    this.maxIterations = maxIterations;
    this.initSize = initSize;
    this.init = init;
    this.initialCentroids = initialCentroids;
    this.restarts = restarts;
    this.reassignmentRatio = reassignmentRatio;
    this.maxNoImprovement = maxNoImprovement;
    this.tolerance = tolerance;
    this.parallelism = parallelism;
  }

  /**
   * A configuration with {@code k} clusters and scikit-learn 1.2.1's defaults where it has them: batch size 1024, at
   * most 100 passes ({@code max_iter}), init sample {@code 3 * batchSize} rows ({@code 3k} when that is less than
   * {@code k}), greedy k-means++, reassignment ratio 0.01, early stop after 10 steps without improvement, tolerance 0;
   * and seed 0, 1 restart, 1 thread.
   *
   * @param k number of clusters, at least 1
   * @return the configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static MiniBatchKMeans k(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return new MiniBatchKMeans(k, 0L, 1024, 100, 0, KMeansInit.PLUS_PLUS, null, 1, 0.01, 10, 0.0, 1);
  }

  private MiniBatchKMeans with(long seed, int batchSize, int maxIterations, int initSize, KMeansInit init,
      double[][] initialCentroids, int restarts, double reassignmentRatio, int maxNoImprovement, double tolerance,
      int parallelism) {
    return new MiniBatchKMeans(k, seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts,
        reassignmentRatio, maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param seed seed of all random choices (any value)
   * @return a configuration with this seed
   */
  public MiniBatchKMeans seed(long seed) {
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param batchSize rows per step (scikit-learn's {@code batch_size}), at least 1; a fit uses {@code min(batchSize,
   *     n)}
   * @return a configuration with this batch size
   * @throws IllegalArgumentException if {@code batchSize < 1}
   */
  public MiniBatchKMeans batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param maxIterations the most passes over the data a fit makes (scikit-learn's {@code max_iter}, in epochs: {@code
   *     maxIterations * n / b} steps), at least 1
   * @return a configuration with this limit
   * @throws IllegalArgumentException if {@code maxIterations < 1}
   */
  public MiniBatchKMeans maxIterations(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param initSize rows of the init sample and of the validation sample of the restarts (scikit-learn's {@code
   *     init_size}); 0 for the default {@code 3 * b} ({@code 3k} when that is less than {@code k}); a value below
   *     {@code k} is taken as {@code 3k}, as scikit-learn does; at most {@code n} are used
   * @return a configuration with this init size
   * @throws IllegalArgumentException if {@code initSize < 0}
   */
  public MiniBatchKMeans initSize(int initSize) {
    if (initSize < 0) {
      throw new IllegalArgumentException("initSize must be >= 0 (0: the default), got " + initSize);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param init the initialisation on the init sample; clears explicit initial centroids
   * @return a configuration with this initialisation
   * @throws IllegalArgumentException if {@code init} is null
   */
  public MiniBatchKMeans init(KMeansInit init) {
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    return with(seed, batchSize, maxIterations, initSize, init, null, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * Starts from the given centroids (copied); one initialisation is made whatever {@link #restarts(int)} says.
   *
   * @param centroids {@code k} rows of equal length, finite
   * @return a configuration with these initial centroids
   * @throws IllegalArgumentException if {@code centroids} is null, has not {@code k} rows, a null, empty or ragged row,
   *     or a value that is not finite (naming the row and column)
   */
  public MiniBatchKMeans initialCentroids(double[][] centroids) {
    if (centroids == null) {
      throw new IllegalArgumentException("initialCentroids must not be null");
    }
    if (centroids.length != k) {
      throw new IllegalArgumentException("initialCentroids must have k = " + k + " rows, got " + centroids.length);
    }
    double[][] copy = new double[k][];
    for (int c = 0; c < k; c++) {
      if (centroids[c] == null || centroids[c].length == 0) {
        throw new IllegalArgumentException("initialCentroids row " + c + " must not be null or empty");
      }
      if (centroids[c].length != centroids[0].length) {
        throw new IllegalArgumentException("initialCentroids row " + c + " must have " + centroids[0].length
            + " columns like row 0, got " + centroids[c].length);
      }
      for (int t = 0; t < centroids[c].length; t++) {
        if (!Double.isFinite(centroids[c][t])) {
          throw new IllegalArgumentException("initialCentroids must be finite, got " + centroids[c][t] + " at row "
              + c + ", column " + t);
        }
      }
      copy[c] = centroids[c].clone();
    }
    return with(seed, batchSize, maxIterations, initSize, init, copy, restarts, reassignmentRatio, maxNoImprovement,
        tolerance, parallelism);
  }

  /**
   * @param restarts initialisations to choose from by validation inertia (scikit-learn's {@code n_init}), at least 1
   * @return a configuration with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public MiniBatchKMeans restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param ratio the fraction of the largest count below which a centroid's count makes it move to a random batch
   *     row (scikit-learn's {@code reassignment_ratio}); 0 turns the reassignment off
   * @return a configuration with this ratio
   * @throws IllegalArgumentException if {@code ratio} is not in {@code [0, 1]} (NaN included)
   */
  public MiniBatchKMeans reassignmentRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("reassignmentRatio must be in [0, 1], got " + ratio);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, ratio, maxNoImprovement,
        tolerance, parallelism);
  }

  /**
   * @param steps consecutive steps without improvement of the smoothed batch inertia after which a fit stops
   *     (scikit-learn's {@code max_no_improvement}); 0 turns this early stop off (scikit-learn's {@code None})
   * @return a configuration with this limit
   * @throws IllegalArgumentException if {@code steps < 0}
   */
  public MiniBatchKMeans maxNoImprovement(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("maxNoImprovement must be >= 0 (0: off), got " + steps);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio, steps,
        tolerance, parallelism);
  }

  /**
   * @param tolerance relative tolerance of the centroid move (scikit-learn's {@code tol}): a fit stops after a step
   *     whose total squared centroid move is at most {@code tolerance} times the mean column variance; 0 turns it off
   * @return a configuration with this tolerance
   * @throws IllegalArgumentException if {@code tolerance} is negative, infinite or NaN
   */
  public MiniBatchKMeans tolerance(double tolerance) {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, parallelism);
  }

  /**
   * @param threads number of threads a fit (or an update) may use, at least 1; the result does not depend on it
   * @return a configuration with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public MiniBatchKMeans parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return with(seed, batchSize, maxIterations, initSize, init, initialCentroids, restarts, reassignmentRatio,
        maxNoImprovement, tolerance, threads);
  }

  /** @return the number of clusters */
  public int k() {
    return k;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the rows per step */
  public int batchSize() {
    return batchSize;
  }

  /** @return the most passes over the data */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the init sample size (0: the default) */
  public int initSize() {
    return initSize;
  }

  /** @return the initialisation (unused when {@link #initialCentroids()} are given) */
  public KMeansInit init() {
    return init;
  }

  /** @return a copy of the initial centroids, or {@code null} when none were given */
  public double[][] initialCentroids() {
    if (initialCentroids == null) {
      return null;
    }
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = initialCentroids[c].clone();
    }
    return out;
  }

  /** @return the number of initialisations */
  public int restarts() {
    return restarts;
  }

  /** @return the reassignment ratio */
  public double reassignmentRatio() {
    return reassignmentRatio;
  }

  /** @return the steps without improvement before an early stop (0: off) */
  public int maxNoImprovement() {
    return maxNoImprovement;
  }

  /** @return the relative tolerance (0: off) */
  public double tolerance() {
    return tolerance;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Clusters {@code data} with unit weights.
   *
   * @param data the rows
   * @return the model: the final centroids, every row's label and the inertia of an exact pass
   * @throws IllegalArgumentException if {@code data} is null, {@code k} exceeds the number of distinct rows, or the
   *     initial centroids have another column count than the data
   */
  public KMeansModel fit(Dataset data) {
    return fitInternal(data, null);
  }

  /**
   * Clusters {@code data} with sample weights: the seeding, the steps' means and counts, the validation inertia and
   * the model's inertia are weighted; a row of weight 0 is still drawn into batches and labelled but moves nothing.
   * The array is not modified.
   *
   * @param data the rows
   * @param weights one finite weight {@code >= 0} per row, not all zero
   * @return the model
   * @throws IllegalArgumentException as {@link #fit(Dataset)}, or if {@code weights} is null, has the wrong length,
   *     holds a negative, NaN or infinite value (naming it and its index) or only zeros
   */
  public KMeansModel fit(Dataset data, double[] weights) {
    if (weights == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    return fitInternal(data, weights);
  }

  /**
   * A streaming updater (scikit-learn's {@code partial_fit}) with this configuration. Its first batch initialises the
   * centroids; {@code batchSize}, {@code initSize}, {@code init} and {@code initialCentroids} act there as in a fit on
   * that batch (one initialisation: {@code restarts} is not used), and {@code maxIterations}, {@code maxNoImprovement}
   * and {@code tolerance} are not used at all.
   *
   * @return a new updater with no batch seen yet
   */
  public Updater updater() {
    return new Updater(this);
  }

  private static double[] checkedWeights(double[] weights, int n, boolean needPositive) {
    if (weights.length != n) {
      throw new IllegalArgumentException("weights must have one entry per row (n = " + n + "), got "
          + weights.length);
    }
    boolean unit = true;
    boolean positive = false;
    for (int i = 0; i < n; i++) {
      double v = weights[i];
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("weights must be finite and >= 0, got " + v + " at index " + i);
      }
      unit &= v == 1.0;
      positive |= v > 0;
    }
    if (needPositive && !positive) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    return unit ? null : weights.clone();
  }

  /** The init sample's size for {@code n} rows and batch size {@code b}, as scikit-learn's. */
  private int initRows(int n, int b) {
    long size = initSize == 0 ? 3L * b : initSize;
    if (size < k) {
      size = 3L * k;
    }
    return (int) Math.min(size, n);
  }

  private double[] explicitCentroids(int d, int scale) {
    if (initialCentroids[0].length != d) {
      throw new IllegalArgumentException("initialCentroids must have d = " + d + " columns like the data, got "
          + initialCentroids[0].length);
    }
    double[] c0 = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(initialCentroids[j], 0, c0, j * d, d);
    }
    return scale != 0 ? Scale.down(c0, scale) : c0;
  }

  /**
   * One initialisation on an init sample of {@code m} rows drawn with replacement (all rows when {@code m >= n}, or
   * when the sample has fewer than {@code k} distinct rows of positive weight).
   */
  private double[] initialise(double[] x, int n, int d, double[] w, int m, Rng rng) {
    double[] xs = x;
    double[] ws = w;
    int rows = n;
    if (m < n) {
      double[] sx = new double[m * d];
      double[] sw = w == null ? null : new double[m];
      for (int i = 0; i < m; i++) {
        int r = rng.nextInt(n);
        System.arraycopy(x, r * d, sx, i * d, d);
        if (sw != null) {
          sw[i] = w[r];
        }
      }
      if (Distinct.countUpTo(sx, m, d, sw, k) >= k) {
        xs = sx;
        ws = sw;
        rows = m;
      }
    }
    try (Engine engine = new Engine(xs, rows, d, k, ws, new LloydAssigner(xs, rows, d, k, ws), 1)) {
      switch (init) {
        case RANDOM:
          return engine.random(rng);
        case PLUS_PLUS_CLASSIC:
          return engine.plusPlus(rng, 1);
        default:
          return engine.plusPlus(rng);
      }
    }
  }

  private KMeansModel fitInternal(Dataset data, double[] weights) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    double[] x = DataAccess.values(data);
    double[] w = weights == null ? null : checkedWeights(weights, n, true);
    if (initialCentroids != null && initialCentroids[0].length != d) {
      throw new IllegalArgumentException("initialCentroids must have d = " + d + " columns like the data, got "
          + initialCentroids[0].length);
    }
    int scale = Scale.exponent(DataAccess.maxAbs(data));
    if (scale != 0) {
      x = Scale.down(x, scale);
    }
    int weightScale = w == null ? 0 : Scale.exponent(Scale.maxAbs(w, 0, n));
    if (weightScale != 0) {
      w = Scale.down(w, weightScale);
    }
    int distinct = Distinct.countUpTo(x, n, d, w, k);
    if (distinct < k) {
      throw new IllegalArgumentException("k must be <= the number of distinct rows"
          + (w == null ? "" : " with positive weight") + " (" + distinct + "), got " + k);
    }
    int b = Math.min(batchSize, n);
    int m = initRows(n, b);
    double[] c0;
    if (initialCentroids != null) {
      c0 = explicitCentroids(d, scale);
    } else if (restarts == 1) {
      c0 = initialise(x, n, d, w, m, Rng.split(seed, 0));
    } else {
      Rng vr = Rng.split(seed, STREAM_VALIDATION);
      double[] xv = new double[m * d];
      double[] wv = w == null ? null : new double[m];
      for (int i = 0; i < m; i++) {
        int r = vr.nextInt(n);
        System.arraycopy(x, r * d, xv, i * d, d);
        if (wv != null) {
          wv[i] = w[r];
        }
      }
      int[] vl = new int[m];
      c0 = null;
      double best = 0;
      for (int r = 0; r < restarts; r++) {
        double[] c = initialise(x, n, d, w, m, Rng.split(seed, r));
        double v = MiniBatch.labelAll(xv, m, d, wv, c, k, vl, parallelism);
        if (c0 == null || v < best) {
          c0 = c;
          best = v;
        }
      }
    }
    double tolAbs = 0;
    if (tolerance > 0) {
      try (Chunks chunks = new Chunks(n, parallelism)) {
        tolAbs = tolerance * Engine.meanVariance(x, n, d, chunks);
      }
    }
    MiniBatch mb = new MiniBatch(c0, k, d, reassignmentRatio);
    Rng rng = Rng.split(seed, STREAM_BATCHES);
    long steps = (long) maxIterations * n / b;
    int[] idx = new int[b];
    double[] old = tolAbs > 0 ? new double[k * d] : null;
    double alpha = Math.min(1.0, b * 2.0 / (n + 1.0));
    double ewa = 0;
    double ewaMin = 0;
    boolean hasEwa = false;
    boolean hasMin = false;
    int noImprovement = 0;
    boolean stopped = false;
    long step = 0;
    try (ChunkRunner runner = parallelism > 1 ? new ChunkRunner(parallelism) : null) {
      while (step < steps) {
        for (int i = 0; i < b; i++) {
          idx[i] = rng.nextInt(n);
        }
        boolean due = mb.reassignDue(b);
        if (old != null) {
          System.arraycopy(mb.centers(), 0, old, 0, k * d);
        }
        double batchInertia = mb.stepRows(x, w, idx, b, due, rng, runner) / b;
        step++;
        if (step == 1) {
          continue;
        }
        // scikit-learn's _mini_batch_convergence.
        if (!hasEwa) {
          ewa = batchInertia;
          hasEwa = true;
        } else {
          ewa = ewa * (1 - alpha) + batchInertia * alpha;
        }
        if (old != null) {
          double[] c = mb.centers();
          double diff = 0;
          for (int t = 0; t < k * d; t++) {
            double v = c[t] - old[t];
            diff += v * v;
          }
          if (diff <= tolAbs) {
            stopped = true;
            break;
          }
        }
        if (!hasMin || ewa < ewaMin) {
          noImprovement = 0;
          ewaMin = ewa;
          hasMin = true;
        } else {
          noImprovement++;
        }
        if (maxNoImprovement > 0 && noImprovement >= maxNoImprovement) {
          stopped = true;
          break;
        }
      }
    }
    double[] centers = mb.centers().clone();
    int[] labels = new int[n];
    double inertia = MiniBatch.labelAll(x, n, d, w, centers, k, labels, parallelism);
    if (scale != 0) {
      Scale.up(centers, scale);
      if (initialCentroids != null) {
        // An explicit centroid that the scaling overflowed is infinite only while it has never moved (a move makes
        // it a mean of rows, or a row): it is still at its given position.
        for (int j = 0; j < k; j++) {
          for (int t = 0; t < d; t++) {
            if (!Double.isFinite(centers[j * d + t])) {
              System.arraycopy(initialCentroids[j], 0, centers, j * d, d);
              break;
            }
          }
        }
      }
    }
    if (scale != 0 || weightScale != 0) {
      inertia = Math.scalb(inertia, 2 * scale + weightScale);
    }
    int epochs = (int) Math.min(Integer.MAX_VALUE, (step * b + n - 1) / n);
    return new KMeansModel(centers, k, d, labels, inertia, epochs, stopped, KMeansAlgorithm.LLOYD,
        data.columnNames());
  }

  /**
   * Mini-batch K-Means fed batch by batch (scikit-learn's {@code MiniBatchKMeans.partial_fit}), from {@link
   * MiniBatchKMeans#updater()}. The first {@link #update(Dataset)} initialises the centroids from that batch (see
   * {@link MiniBatchKMeans#updater()}; unless initial centroids were given it must hold at least {@code k} distinct
   * rows of positive weight) and then makes a step on it; every later one makes a step on its batch. A step is the one
   * described in {@link MiniBatchKMeans}, with the whole batch (of any size, at least 1 row) as its rows, a
   * reassignment being due whenever a centroid's count is 0 or {@code 10 k} rows have been fed since the last one. The
   * reassignment's draws come from a stream split off the seed, so the same configuration fed the same batches gives
   * the same centroids on any thread count.
   *
   * <p>Batches are not scaled as a fit's data are: a batch whose largest magnitude is above {@code 2^201} is refused
   * (squared distances would overflow), and so is one whose largest magnitude is positive but below {@code 2^-200}
   * (they would underflow to zero, tying every row with every centroid), and weights above {@code 2^201} (counts
   * and weighted sums would overflow). Later batches must have the first one's column count and, when both have
   * names, its column names. A batch is not copied for its step; {@link #model()} keeps a reference to the last one
   * (a {@link Dataset} is immutable) and a copy of its weights.
   *
   * <p><b>Thread-safety.</b> Not thread-safe: use one updater from one thread at a time (or synchronise). Models it
   * returns are immutable and independent of it.
   */
  public static final class Updater {

    private final MiniBatchKMeans cfg;
    private MiniBatch state;
    private Rng rng;
    private int d;
    private List<String> names;
    private boolean unnamed;
    private double[] lastX;
    private double[] lastW;
    private int lastN;

    private Updater(MiniBatchKMeans cfg) {
      this.cfg = cfg;
    }

    /**
     * A step on {@code batch} with unit weights.
     *
     * @param batch the rows of the batch, at least 1
     * @return this updater
     * @throws IllegalArgumentException if {@code batch} is null, of another dimension or other column names than the
     *     first batch, has a magnitude above {@code 2^201} or a largest magnitude below {@code 2^-200} (but not
     *     all zeros), or (first batch) has other columns than the explicit initial centroids or, without them, fewer
     *     than {@code k} distinct rows
     */
    public Updater update(Dataset batch) {
      return updateInternal(batch, null);
    }

    /**
     * A step on {@code batch} with sample weights (not modified; copied).
     *
     * @param batch the rows of the batch
     * @param weights one weight in {@code [0, 2^201)} per row; without explicit initial centroids the first batch
     *     needs {@code k} distinct rows of positive weight
     * @return this updater
     * @throws IllegalArgumentException as {@link #update(Dataset)}, or if {@code weights} is null, of the wrong
     *     length, or holds a negative, NaN or infinite value or one of at least {@code 2^201}
     */
    public Updater update(Dataset batch, double[] weights) {
      if (weights == null) {
        throw new IllegalArgumentException("weights must not be null");
      }
      return updateInternal(batch, weights);
    }

    private Updater updateInternal(Dataset batch, double[] weights) {
      if (batch == null) {
        throw new IllegalArgumentException("batch must not be null");
      }
      int n = batch.size();
      double[] w = weights == null ? null : checkedWeights(weights, n, false);
      if (w != null) {
        for (int i = 0; i < n; i++) {
          if (Math.getExponent(w[i]) > Scale.LIMIT) {
            throw new IllegalArgumentException("weights must be below 2^" + (Scale.LIMIT + 1) + " (about 3e60) in an"
                + " updater, got " + w[i] + " at index " + i + "; divide every batch's weights by the same factor"
                + " first (the centroids do not change)");
          }
        }
      }
      double maxAbs = DataAccess.maxAbs(batch);
      if (maxAbs > 0 && Math.getExponent(maxAbs) > Scale.LIMIT) {
        throw new IllegalArgumentException("batch values must have magnitude below 2^" + (Scale.LIMIT + 1)
            + " (about 3e60), got " + maxAbs + "; rescale the data first, e.g. with StandardScaler");
      }
      if (maxAbs > 0 && Math.getExponent(maxAbs) < -Scale.LIMIT) {
        throw new IllegalArgumentException("batch values must have their largest magnitude at least 2^-" + Scale.LIMIT
            + " (about 6e-61) unless all zero, got " + maxAbs + "; rescale the data first, e.g. with StandardScaler");
      }
      double[] x = DataAccess.values(batch);
      int k = cfg.k;
      if (state == null) {
        int dim = batch.dimension();
        double[] c0;
        if (cfg.initialCentroids != null) {
          c0 = cfg.explicitCentroids(dim, 0);
        } else {
          int distinct = Distinct.countUpTo(x, n, dim, w, k);
          if (distinct < k) {
            throw new IllegalArgumentException("the first batch must have at least k = " + k + " distinct rows"
                + (w == null ? "" : " with positive weight") + " to initialise from, got " + distinct);
          }
          int b = Math.min(cfg.batchSize, n);
          c0 = cfg.initialise(x, n, dim, w, cfg.initRows(n, b), Rng.split(cfg.seed, 0));
        }
        state = new MiniBatch(c0, k, dim, cfg.reassignmentRatio);
        rng = Rng.split(cfg.seed, STREAM_BATCHES);
        d = dim;
        names = batch.columnNames();
        unnamed = FittedColumns.areDefault(names);
      } else {
        if (batch.dimension() != d) {
          throw new IllegalArgumentException("batch must have dimension " + d + " like the first batch, got "
              + batch.dimension());
        }
        FittedColumns.check(names, unnamed, batch, "batch's columns must match the first batch's", "first batch");
      }
      boolean due = state.reassignDue(n);
      try (ChunkRunner runner = cfg.parallelism > 1 ? new ChunkRunner(cfg.parallelism) : null) {
        state.step(x, w, n, due, rng, runner);
      }
      lastX = x;
      lastW = w;
      lastN = n;
      return this;
    }

    /** @return the number of batches fed so far */
    public long steps() {
      return state == null ? 0 : state.steps();
    }

    /**
     * @return a copy of the current centroids, {@code k} rows
     * @throws IllegalStateException before the first batch
     */
    public double[][] centroids() {
      requireStarted();
      double[][] out = new double[cfg.k][];
      double[] c = state.centers();
      for (int j = 0; j < cfg.k; j++) {
        out[j] = Arrays.copyOfRange(c, j * d, (j + 1) * d);
      }
      return out;
    }

    /**
     * @return a copy of the weight every centroid has absorbed (scikit-learn's {@code _counts}; after a reassignment,
     *     the reassigned centroids' counts are the smallest count of the others, not weights they absorbed)
     * @throws IllegalStateException before the first batch
     */
    public double[] counts() {
      requireStarted();
      return state.counts().clone();
    }

    /**
     * The current centroids as a model whose labels and inertia are those of the last batch against them
     * (scikit-learn's {@code labels_} and {@code inertia_} after {@code partial_fit}); {@link KMeansModel#iterations()}
     * is the number of batches fed, {@link KMeansModel#converged()} false.
     *
     * @return a new model, independent of this updater
     * @throws IllegalStateException before the first batch
     */
    public KMeansModel model() {
      requireStarted();
      return build(lastX, lastN, lastW);
    }

    /**
     * The current centroids as a model whose labels and inertia (unit weights) are those of {@code data} against them,
     * e.g. all the rows seen.
     *
     * @param data rows of the batches' dimension and (when both have names) column names
     * @return a new model, independent of this updater
     * @throws IllegalStateException before the first batch
     * @throws IllegalArgumentException if {@code data} is null, of another dimension or other column names
     */
    public KMeansModel model(Dataset data) {
      requireStarted();
      if (data == null) {
        throw new IllegalArgumentException("data must not be null");
      }
      if (data.dimension() != d) {
        throw new IllegalArgumentException("data must have dimension " + d + " like the batches, got "
            + data.dimension());
      }
      FittedColumns.check(names, unnamed, data, "data's columns must match the batches'", "batches");
      return build(DataAccess.values(data), data.size(), null);
    }

    private KMeansModel build(double[] x, int n, double[] w) {
      double[] centers = state.centers().clone();
      int[] labels = new int[n];
      double inertia = MiniBatch.labelAll(x, n, d, w, centers, cfg.k, labels, cfg.parallelism);
      int steps = (int) Math.min(Integer.MAX_VALUE, state.steps());
      return new KMeansModel(centers, cfg.k, d, labels, inertia, steps, false, KMeansAlgorithm.LLOYD, names);
    }

    private void requireStarted() {
      if (state == null) {
        throw new IllegalStateException("no batch has been fed yet: call update first");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MiniBatchKMeans)) {
      return false;
    }
    MiniBatchKMeans m = (MiniBatchKMeans) o;
    return k == m.k && seed == m.seed && batchSize == m.batchSize && maxIterations == m.maxIterations
        && initSize == m.initSize && (initialCentroids != null || init == m.init)
        && Arrays.deepEquals(initialCentroids, m.initialCentroids) && restarts == m.restarts
        && Double.compare(reassignmentRatio, m.reassignmentRatio) == 0 && maxNoImprovement == m.maxNoImprovement
        && Double.compare(tolerance, m.tolerance) == 0 && parallelism == m.parallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, seed, batchSize, maxIterations, initSize, initialCentroids != null ? null : init,
        Arrays.deepHashCode(initialCentroids), restarts, reassignmentRatio, maxNoImprovement, tolerance, parallelism);
  }

  @Override
  public String toString() {
    return "MiniBatchKMeans[k=" + k + ", seed=" + seed + ", batchSize=" + batchSize + ", maxIterations="
        + maxIterations + ", initSize=" + initSize + ", init=" + (initialCentroids != null ? "explicit" : init)
        + ", restarts=" + restarts + ", reassignmentRatio=" + reassignmentRatio + ", maxNoImprovement="
        + maxNoImprovement + ", tolerance=" + tolerance + ", parallelism=" + parallelism + "]";
  }
}
