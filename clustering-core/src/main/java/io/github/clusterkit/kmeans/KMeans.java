package io.github.clusterkit.kmeans;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.internal.Assigner;
import io.github.clusterkit.kmeans.internal.Chunks;
import io.github.clusterkit.kmeans.internal.Distinct;
import io.github.clusterkit.kmeans.internal.ElkanAssigner;
import io.github.clusterkit.kmeans.internal.Engine;
import io.github.clusterkit.kmeans.internal.HamerlyAssigner;
import io.github.clusterkit.kmeans.internal.LloydAssigner;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * K-Means clustering: partitions the rows into {@code k} clusters so as to minimise the inertia, the weighted
 * sum of squared Euclidean distances from every row to its cluster's centroid.
 *
 * <pre>{@code
 * KMeansModel m = KMeans.k(5).seed(42).restarts(10).fit(data);
 * double[][] centroids = m.centroids();
 * int[] labels = m.labels();
 * int label = m.predict(new double[] {1.0, 2.0});
 * }</pre>
 *
 * <p><b>Algorithm.</b> Initial centroids come from greedy k-means++ ({@link KMeansInit#PLUS_PLUS}, the
 * default), from the original k-means++ ({@link KMeansInit#PLUS_PLUS_CLASSIC}, one candidate per step, as ELKI,
 * Smile, Commons Math and Tribuo seed), from random rows ({@link KMeansInit#RANDOM}) or from the caller
 * ({@link #initialCentroids(double[][])}). Then Lloyd iterations (Lloyd 1982,
 * doi:10.1109/TIT.1982.1056489) follow scikit-learn 1.2.1's {@code KMeans(algorithm="lloyd")} step for step:
 * assign every row to its nearest centroid (ties to the lowest centroid index), re-seed empty clusters, move
 * every centroid to the weighted mean of its rows; stop when no label changed, when the total squared centroid
 * shift is at most {@code tolerance} times the mean per-column variance of the data, or after
 * {@code maxIterations}; in the last two cases one more assignment makes the labels match the final
 * centroids. The assignment uses Lloyd's full scan or the exact accelerations of Hamerly (2010) and Elkan
 * (2003), see {@link KMeansAlgorithm}; all give bit-identical results. From the same initial centroids the
 * result equals scikit-learn's (centroids to 1e-9 relative, the same labels and iteration count; tested), except
 * where an exact tie or an empty cluster is decided differently: scikit-learn computes distances from centred data
 * as {@code |c|^2 - 2 x.c}, so which of two exactly equidistant centroids a row gets (common with integer-valued
 * columns) depends on its rounding, where here the lower index always wins; and its re-seeding of empty clusters
 * differs as described below.
 *
 * <p><b>Restarts.</b> With {@link #restarts(int)} {@code = r}, the fit runs {@code r} times from different
 * initial centroids and keeps the run with the lowest inertia (the earliest on ties). Run {@code i} draws its
 * random numbers from a stream split off the seed for run {@code i} alone, so adding restarts never changes the
 * earlier ones: the inertia with {@code r + 1} restarts is never above that with {@code r}. Default: 1 restart (as
 * scikit-learn 1.4's {@code n_init="auto"} for k-means++); use 10 for scikit-learn 1.2's default quality.
 * With explicit initial centroids every run would be identical, so exactly one run is made.
 *
 * <p><b>Empty clusters.</b> A cluster that receives no row (or only rows of weight 0) in an assignment is
 * re-seeded, as scikit-learn does, with the row farthest from its own centroid (in decreasing distance when
 * several clusters are empty; ties to the lower row index), which is taken out of its old cluster's mean. Only
 * rows with positive weight whose cluster keeps a positive weight qualify; a centroid is never a zero vector
 * or an average of nothing. An exact tie there (say the two rows of a two-row cluster, equally far from their
 * mean, often to the last bit) is thus broken by the order of the rows; equal initial centroids, which leave
 * clusters empty from the start, make it likelier. scikit-learn 1.2.1 differs in three ways, each of which can change
 * the result: it also takes rows of weight 0 and the last row of a cluster (whose centroid then stays where the
 * emptied sums put it), and with three or more clusters empty at once it takes the farthest rows in the order
 * numpy's {@code argpartition} leaves them, not by decreasing distance (300 rows from four equal initial
 * centroids: the same clusters, two of them under swapped indices).
 *
 * <p><b>Edge cases.</b> {@code k} must not exceed the number of distinct rows with positive weight
 * ({@link IllegalArgumentException} otherwise, naming both numbers); {@code k} equal to that number puts every
 * distinct row in a cluster of its own, with inertia 0 up to rounding: a centroid is the floating-point mean of its
 * equal rows, which can differ from them in the last bit (three rows of {@code 0.1} have the mean
 * {@code 0.10000000000000002} and the inertia {@code 5.8e-34}). {@code k = 1} gives the (weighted) mean.
 * {@code n = 1} works with {@code k = 1}. Data values
 * are finite by construction of {@link Dataset}. Data whose largest magnitude is above {@code 2^201} (about
 * {@code 3e60}) or below {@code 2^-200}, towards where weighted squared distances overflow to infinity or
 * underflow to zero, are fitted multiplied by a power of two that brings that magnitude to {@code 2^200}, and the
 * centroids
 * and inertia scaled back; weights whose largest is above {@code 2^201} or below {@code 2^-200} likewise. The
 * scaling is exact, so the result is that of arithmetic with a wide enough exponent range: four rows at
 * {@code +-1e200} split into their two pairs (not into three and one, as before the scaling), and weights of
 * {@code Double.MAX_VALUE} give the fit of equal weights (not NaN centroids). The inertia is infinite when its true
 * value exceeds the double range (model files store it as {@code "Infinity"}); values smaller than the largest by a
 * factor above about {@code 2^1222} lose low bits when scaled down, where they are negligible next to the largest
 * anyway, and {@code k} is checked against the distinct rows of the scaled data. {@link KMeansModel#predict(double[])}
 * and {@link KMeansModel#transform(double[])} scale the same way. Explicit initial centroids are scaled by the data's
 * power of two and do not choose it: a centroid far beyond the data (say at {@code 1e200} or
 * {@code Double.MAX_VALUE} among rows near 1) is at an infinite squared distance from every row, so it wins none and
 * is re-seeded as an empty cluster. One power of two cannot serve data that span too wide a range themselves: rows
 * whose differences are below about {@code 2^-711} times the largest magnitude (rows near 1 beside an outlier at
 * {@code 1e300}) have squared distances that underflow to zero after the scaling, so they cannot be told apart.
 * Data far from the origin next to their spread lose precision in the centroids, which are sums of the raw
 * coordinates divided by the weight: with columns near {@code 1e10} spread over {@code 0.4}, a centroid can be some
 * ulps of {@code 1e10} (about {@code 1e-5}) from the exact mean, which moves borderline labels and the inertia by
 * {@code 1e-9} to {@code 1e-4} relative. scikit-learn centres the data first (a copy of it); here the fit does not,
 * to spare that copy, so centre or standardise such columns before the fit ({@code StandardScaler} does; the
 * customer-segmentation pipeline always does). Measured on two blobs of 20000 rows (3 columns, exact means in
 * {@code BigDecimal}): the worst centroid was off by {@code 5e-13} of the spread at an offset of {@code 10^3} times
 * the spread, {@code 3e-11} at {@code 10^5}, {@code 6e-9} at {@code 10^7} and {@code 2e-5} at {@code 2.5 * 10^10}.
 *
 * <p><b>Determinism and threads.</b> The same configuration and data give the same result on every run and
 * for every {@link #parallelism(int)}: rows are cut into at most 64 chunks whose boundaries depend only on
 * the number of rows, and per-chunk partial sums are combined in chunk order. Below 65536 rows, where a run
 * has too few chunks to share, several restarts run side by side instead, one per thread; restart {@code i}
 * computes the same numbers either way. Both the chunked passes and the side-by-side restarts run on the
 * calling thread and library worker threads held by the fit until it returns (idle ones are reused by later
 * fits and end after a second unused), at most {@link #parallelism(int)} threads in all; the common pool is
 * never used.
 *
 * <p><b>Memory.</b> Besides the model's {@code n} labels, a fit holds work arrays per row (Hamerly: one {@code long}
 * and one {@code float}, and from 16 clusters a list of the other centroids per centroid, {@code 8 k (k - 1)} bytes;
 * Elkan: {@code k + 1} doubles; AUTO: Hamerly's, and Elkan's too once a run goes on with it,
 * see {@link KMeansAlgorithm#AUTO}) and, per thread, the distances of a block of rows to every
 * centroid (at most 2 MiB, up to 1024 centroids; Hamerly's rescans about 100 KiB more) and, for rows of 65 to 1024
 * columns, work copies of a block of rows
 * (up to 512 KiB each; the seeding's and the assignment's, about 2 MiB a thread in all). A k-means++ fit (either kind)
 * with {@code k <= 1096} (at most 8 greedy candidates a step) and {@code d <= 1024} (except {@code d = 2} without
 * weights) also copies the data once, by blocks of columns, which every seeding pass and the first assignment of every
 * Hamerly or Elkan run read instead of copying each block again; so does a {@link KMeansAlgorithm#LLOYD} fit with
 * {@code 3 <= d <= 1024} and {@code k <= 1024} however it starts, whose every pass reads it. The copy takes as much
 * memory again as the data, is made only while {@code n * d <= 2^25} (256 MiB), is shared by the restarts and released
 * when {@code fit} returns (the model does not keep it).
 * With the copy, greedy k-means++ with {@code k <= 20} (four candidates a step) on rows of {@code d >= 20} keeps its
 * candidates' distances ({@code 4 n} doubles, at most a fifth of the data), and from {@code d >= 32} either k-means++
 * keeps each row's second smallest distance ({@code n} doubles) for Hamerly's first assignment. Restarts that run side
 * by side (below 65536 rows) make one copy per thread. Data (or weights) that need the power-of-two scaling (see Edge
 * cases) are copied once more, scaled, for the duration of the fit.
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once.
 * Every wither returns a new configuration and validates its argument at once. {@code fit} never modifies the
 * caller's arrays. Equal configurations (the same settings, however they were reached) are {@code equals} and have
 * equal {@code hashCode}s, so a configuration can key a cache of fitted models. Every setting counts, the
 * parallelism included although the result does not depend on it; the tolerance is compared as by
 * {@link Double#equals(Object)} and the initial centroids by content, value by value the same way ({@code -0.0} is
 * not {@code 0.0}). Under explicit initial centroids the initialisation strategy does not count, as no later call
 * can bring it back into use ({@link #init(KMeansInit)} replaces it); the restarts and the seed, kept for such a
 * call, do.
 */
public final class KMeans {

  private final int k;
  private final long seed;
  private final int restarts;
  private final int maxIterations;
  private final double tolerance;
  private final KMeansInit init;
  private final double[][] initialCentroids;
  private final KMeansAlgorithm algorithm;
  private final int parallelism;

  private KMeans(
      int k,
      long seed,
      int restarts,
      int maxIterations,
      double tolerance,
      KMeansInit init,
      double[][] initialCentroids,
      KMeansAlgorithm algorithm,
      int parallelism) {
    this.k = k;
    this.seed = seed;
    this.restarts = restarts;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.init = init;
    this.initialCentroids = initialCentroids;
    this.algorithm = algorithm;
    this.parallelism = parallelism;
  }

  /**
   * A configuration with {@code k} clusters and the defaults: seed 0, 1 restart, at most 300 iterations,
   * tolerance {@code 1e-4} (scikit-learn's defaults for the last two), k-means++ initialisation,
   * {@link KMeansAlgorithm#AUTO}, 1 thread.
   *
   * @param k number of clusters, at least 1
   * @return the configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static KMeans k(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return new KMeans(k, 0L, 1, 300, 1e-4, KMeansInit.PLUS_PLUS, null, KMeansAlgorithm.AUTO, 1);
  }

  /**
   * @param seed seed of all random choices (any value)
   * @return a configuration with this seed
   */
  public KMeans seed(long seed) {
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, initialCentroids, algorithm,
        parallelism);
  }

  /**
   * @param restarts number of runs from different initial centroids, the best by inertia is kept; at least 1
   * @return a configuration with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public KMeans restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, initialCentroids, algorithm,
        parallelism);
  }

  /**
   * @param maxIterations maximum number of Lloyd iterations per run, at least 1
   * @return a configuration with this limit
   * @throws IllegalArgumentException if {@code maxIterations < 1}
   */
  public KMeans maxIterations(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, initialCentroids, algorithm,
        parallelism);
  }

  /**
   * The relative tolerance, as scikit-learn's {@code tol}: a run stops when the sum over centroids of the
   * squared distance each moved in one iteration is at most {@code tolerance} times the mean of the
   * per-column (population, unweighted) variances of the data, of all rows, those of weight 0 included (as
   * scikit-learn 1.2.1 computes it). With {@code 0} a run continues until no label
   * changes (or the centroids stop moving exactly), or {@link #maxIterations(int)} is reached.
   *
   * @param tolerance finite and {@code >= 0}
   * @return a configuration with this tolerance
   * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
   */
  public KMeans tolerance(double tolerance) {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be >= 0 and finite, got " + tolerance);
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, initialCentroids, algorithm,
        parallelism);
  }

  /**
   * Sets the initialisation strategy and clears explicit initial centroids, if any: {@link KMeansInit#PLUS_PLUS}
   * (greedy k-means++, the default), {@link KMeansInit#PLUS_PLUS_CLASSIC} (the original k-means++: cheaper
   * seeding, usually a worse start) or {@link KMeansInit#RANDOM}.
   *
   * @param init the strategy
   * @return a configuration with this strategy
   * @throws IllegalArgumentException if {@code init} is null
   */
  public KMeans init(KMeansInit init) {
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, null, algorithm, parallelism);
  }

  /**
   * Starts from the given centroids instead of a random initialisation (one run, whatever
   * {@link #restarts(int)} says). The array is copied. Its column count is checked against the data in
   * {@link #fit(Dataset)}.
   *
   * @param centroids {@code k} rows of equal, positive length with finite values
   * @return a configuration with these initial centroids
   * @throws IllegalArgumentException if the array is null, has other than {@code k} rows, a row is null,
   *     empty or of a different length, or a value is not finite (naming row and column)
   */
  public KMeans initialCentroids(double[][] centroids) {
    if (centroids == null) {
      throw new IllegalArgumentException("initialCentroids must not be null");
    }
    if (centroids.length != k) {
      throw new IllegalArgumentException(
          "initialCentroids must have k = " + k + " rows, got " + centroids.length);
    }
    double[][] copy = new double[k][];
    for (int j = 0; j < k; j++) {
      double[] r = centroids[j];
      if (r == null) {
        throw new IllegalArgumentException("initialCentroids[" + j + "] must not be null");
      }
      if (r.length == 0) {
        throw new IllegalArgumentException("initialCentroids[" + j + "] must not be empty (a row of length 0)");
      }
      if (r.length != centroids[0].length) {
        throw new IllegalArgumentException("initialCentroids rows must all have the same positive length: row 0"
            + " has " + centroids[0].length + " columns, row " + j + " has " + r.length);
      }
      for (int t = 0; t < r.length; t++) {
        if (!Double.isFinite(r[t])) {
          throw new IllegalArgumentException("initialCentroids must be finite, got " + r[t] + " at row " + j
              + ", column " + t);
        }
      }
      copy[j] = r.clone();
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, copy, algorithm, parallelism);
  }

  /**
   * @param algorithm the iteration kernel; all give the same result
   * @return a configuration with this kernel
   * @throws IllegalArgumentException if {@code algorithm} is null
   */
  public KMeans algorithm(KMeansAlgorithm algorithm) {
    if (algorithm == null) {
      throw new IllegalArgumentException("algorithm must not be null");
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, initialCentroids, algorithm,
        parallelism);
  }

  /**
   * @param threads number of threads a fit may use, at least 1; the result does not depend on it
   * @return a configuration with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public KMeans parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new KMeans(k, seed, restarts, maxIterations, tolerance, init, initialCentroids, algorithm,
        threads);
  }

  /** @return the number of clusters */
  public int k() {
    return k;
  }

  /** @return the seed of all random choices */
  public long seed() {
    return seed;
  }

  /** @return the number of runs, the best by inertia kept */
  public int restarts() {
    return restarts;
  }

  /** @return the largest number of iterations of a run */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the convergence tolerance (0: until no label changes) */
  public double tolerance() {
    return tolerance;
  }

  /** @return the initialisation (unused when {@link #initialCentroids()} are given) */
  public KMeansInit init() {
    return init;
  }

  /** @return a copy of the given initial centroids, one row per cluster, or {@code null} when none were given */
  public double[][] initialCentroids() {
    if (initialCentroids == null) {
      return null;
    }
    double[][] out = new double[initialCentroids.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = initialCentroids[c].clone();
    }
    return out;
  }

  /** @return the algorithm asked for ({@link KMeansModel#algorithm()} tells which kernel ran) */
  public KMeansAlgorithm algorithm() {
    return algorithm;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Clusters {@code data} with unit weights.
   *
   * @param data the rows
   * @return the fitted model, which remembers the data's column names ({@link KMeansModel#columnNames()}) and checks
   *     those of the datasets it predicts
   * @throws IllegalArgumentException if {@code data} is null, {@code k} exceeds the number of distinct
   *     rows, explicit initial centroids have another column count than the data, or {@code ELKAN} was chosen
   *     where its {@code n * k} lower bounds exceed a Java array ({@code 2^31 - 9} values; AUTO then takes Hamerly)
   */
  public KMeansModel fit(Dataset data) {
    return fitInternal(data, null);
  }

  /**
   * Clusters {@code data} with sample weights: the inertia, the centroids and the seeding are weighted (a
   * row of weight 2 counts as two copies of it; integer weights give the same clustering as repeated rows).
   * Rows of weight 0 are still labelled and influence neither the seeding nor the centroids nor the inertia, but
   * with a {@link #tolerance(double)} above 0 they do enter its (unweighted) column variances, as in scikit-learn
   * 1.2.1: zero-weight rows far from the others widen the tolerance and can stop the fit after its first iteration.
   * Use {@code tolerance(0)} or leave such rows out of the data to keep them out of the fit entirely. The array is not
   * modified.
   *
   * @param data the rows
   * @param weights one finite weight {@code >= 0} per row, not all zero
   * @return the fitted model
   * @throws IllegalArgumentException as {@link #fit(Dataset)}, or if {@code weights} is null, has the wrong
   *     length, holds a negative, NaN or infinite value (naming it and its index) or only zeros
   */
  public KMeansModel fit(Dataset data, double[] weights) {
    if (weights == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    return fitInternal(data, weights);
  }

  private KMeansModel fitInternal(Dataset data, double[] weights) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    double[] x = DataAccess.values(data);
    double[] w = null;
    if (weights != null) {
      if (weights.length != n) {
        throw new IllegalArgumentException(
            "weights must have one entry per row (n = " + n + "), got " + weights.length);
      }
      boolean unit = true;
      boolean positive = false;
      for (int i = 0; i < n; i++) {
        double v = weights[i];
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "weights must be finite and >= 0, got " + v + " at index " + i);
        }
        unit &= v == 1.0;
        positive |= v > 0;
      }
      if (!positive) {
        throw new IllegalArgumentException("weights must not all be zero");
      }
      // Unit weights take the unweighted path, whose arithmetic is identical (x * 1.0 == x).
      w = unit ? null : weights.clone();
    }
    if (initialCentroids != null && initialCentroids[0].length != d) {
      throw new IllegalArgumentException("initialCentroids must have d = " + d
          + " columns like the data, got " + initialCentroids[0].length);
    }
    // Data too large or too small for squared distances are fitted at a magnitude of 2^200 (exactly: a power of two).
    // The data alone set the power: initial centroids far beyond the data would otherwise push the rows down to where
    // their squared distances underflow to zero (every row equally near every centroid); such a centroid is scaled
    // with the data instead, and its squared distance to every row, infinite, wins it no row.
    int scale = Scale.exponent(DataAccess.maxAbs(data));
    if (scale != 0) {
      x = Scale.down(x, scale);
    }
    // Weights likewise (scaling them all by a power of two changes no centroid and scales the inertia).
    int weightScale = w == null ? 0 : Scale.exponent(Scale.maxAbs(w, 0, n));
    if (weightScale != 0) {
      w = Scale.down(w, weightScale);
    }
    int distinct = Distinct.countUpTo(x, n, d, w, k);
    if (distinct < k) {
      throw new IllegalArgumentException("k must be <= the number of distinct rows"
          + (w == null ? "" : " with positive weight") + " (" + distinct + "), got " + k);
    }
    KMeansAlgorithm used = resolve(algorithm, n, d, k);
    int runs = initialCentroids != null ? 1 : restarts;
    Engine.Run best;
    // The tolerance's variance is summed over the engine's fixed chunks: the same value on any thread count.
    if (runs > 1 && parallelism > 1 && n < PARALLEL_RESTARTS_BELOW) {
      double tolAbs;
      try (Chunks serial = new Chunks(n, 1)) {
        tolAbs = tolerance == 0 ? 0 : tolerance * Engine.meanVariance(x, n, d, serial);
      }
      best = parallelRestarts(x, n, d, w, used, runs, tolAbs, scale);
    } else {
      best = null;
      try (Engine engine = engine(x, n, d, w, used, parallelism)) {
        double tolAbs = tolerance == 0 ? 0 : tolerance * engine.meanVariance();
        for (int r = 0; r < runs; r++) {
          Engine.Run run = run(engine, r, d, tolAbs, scale);
          if (best == null || run.inertia < best.inertia) {
            best = run;
          }
        }
      }
    }
    double[] centers = best.centers;
    double inertia = best.inertia;
    if (scale != 0) {
      centers = centers.clone();
      Scale.up(centers, scale);
    }
    if (scale != 0 || weightScale != 0) {
      // Infinite when the true inertia exceeds the double range.
      inertia = Math.scalb(inertia, 2 * scale + weightScale);
    }
    KMeansAlgorithm ran = used;
    if (best.switched) {
      ran = used == KMeansAlgorithm.HAMERLY ? KMeansAlgorithm.ELKAN : KMeansAlgorithm.HAMERLY;
    }
    return new KMeansModel(centers, k, d, best.labels, inertia, best.iterations, best.converged, ran,
        data.columnNames());
  }

  /**
   * Below this many rows a run has too few chunks to keep several threads busy, so restarts run side by side
   * instead, each on one thread. Either way restart {@code r} computes the same numbers.
   */
  private static final int PARALLEL_RESTARTS_BELOW = 1 << 16;

  private Engine.Run run(Engine engine, int r, int d, double tolAbs, int scale) {
    double[] c0;
    if (initialCentroids != null) {
      c0 = new double[k * d];
      for (int j = 0; j < k; j++) {
        System.arraycopy(initialCentroids[j], 0, c0, j * d, d);
      }
      if (scale != 0) {
        c0 = Scale.down(c0, scale);
      }
    } else {
      Rng rng = Rng.split(seed, r);
      if (init == KMeansInit.RANDOM) {
        c0 = engine.random(rng);
      } else {
        c0 = engine.plusPlus(rng, init == KMeansInit.PLUS_PLUS_CLASSIC ? 1 : Engine.greedyTrials(k));
      }
    }
    return engine.run(c0, maxIterations, tolAbs);
  }

  /**
   * Runs the restarts side by side on {@code min(parallelism, runs)} threads of the library's worker cache
   * (the caller's included), each thread on a one-thread engine of its own, taking restart numbers from a
   * shared counter. The best run is chosen afterwards in restart order (lowest inertia, ties to the lowest
   * index), so the choice does not depend on which thread ran which restart. A restart that fails stops the
   * others from starting new ones, and its exception reaches the caller as is. Like the one-engine path, this
   * does not act on interrupts: the calling thread's interrupt status is kept (the pool used before the
   * worker cache threw {@link IllegalStateException} when interrupted while waiting for it).
   */
  private Engine.Run parallelRestarts(double[] x, int n, int d, double[] w, KMeansAlgorithm used, int runs,
      double tolAbs, int scale) {
    int threads = Math.min(parallelism, runs);
    Engine.Run[] results = new Engine.Run[runs];
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    try (ChunkRunner runner = new ChunkRunner(threads)) {
      // One chunk per thread. A chunk taken over from a late worker finds the counter spent and builds no
      // engine: each engine (and its copy of the data) is made only once it has a restart to run.
      runner.run(threads, (chunk, slot) -> {
        int r = next.getAndIncrement();
        if (r >= runs || failed.get()) {
          return;
        }
        try (Engine engine = engine(x, n, d, w, used, 1)) {
          do {
            results[r] = run(engine, r, d, tolAbs, scale);
          } while (!failed.get() && (r = next.getAndIncrement()) < runs);
        } catch (RuntimeException | Error e) {
          failed.set(true);
          throw e;
        }
      });
    }
    Engine.Run best = results[0];
    for (int r = 1; r < runs; r++) {
      if (results[r].inertia < best.inertia) {
        best = results[r];
      }
    }
    return best;
  }

  /**
   * An engine for the kernel {@code used}; under {@link KMeansAlgorithm#AUTO}, its runs may go on with the other kernel
   * (see {@link KMeansAlgorithm#AUTO}): with Elkan's after Hamerly's when Elkan's lower bounds would fit AUTO's memory
   * rule (below 16 clusters: the engine asks the kernel), with Hamerly's after Elkan's up to {@link
   * #HAMERLY_AFTER_ELKAN_MAX_D} columns.
   */
  private Engine engine(double[] x, int n, int d, double[] w, KMeansAlgorithm used, int threads) {
    Engine engine = new Engine(x, n, d, k, w, assigner(used, x, n, d, w), threads);
    if (algorithm == KMeansAlgorithm.AUTO) {
      if (used == KMeansAlgorithm.HAMERLY && (long) n * k <= ELKAN_MAX_BOUNDS) {
        engine.allowElkan();
      } else if (used == KMeansAlgorithm.ELKAN && d <= HAMERLY_AFTER_ELKAN_MAX_D) {
        engine.allowHamerly();
      }
    }
    return engine;
  }

  /** Widest rows for which AUTO's runs that start with Elkan may go on with Hamerly ({@link KMeansAlgorithm#AUTO}). */
  private static final int HAMERLY_AFTER_ELKAN_MAX_D = 768;

  private Assigner assigner(KMeansAlgorithm used, double[] x, int n, int d, double[] w) {
    switch (used) {
      case LLOYD:
        return new LloydAssigner(x, n, d, k, w);
      case ELKAN:
        return new ElkanAssigner(x, n, d, k, w);
      default:
        return new HamerlyAssigner(x, n, d, k, w);
    }
  }

  /**
   * The kernel {@link KMeansAlgorithm#AUTO} resolves to.
   *
   * @param algorithm the requested kernel
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @return the kernel used
   */
  static KMeansAlgorithm resolve(KMeansAlgorithm algorithm, int n, int d, int k) {
    if (algorithm == KMeansAlgorithm.ELKAN && !ElkanAssigner.fits(n, k)) {
      throw new IllegalArgumentException("algorithm ELKAN needs n * k lower bounds, more than a Java array"
          + " holds: n = " + n + ", k = " + k + "; use HAMERLY");
    }
    if (algorithm != KMeansAlgorithm.AUTO) {
      return algorithm;
    }
    boolean elkan = d > BLOCK_MAX_D ? k >= 20 : d >= ELKAN_MIN_D && k >= ELKAN_MIN_K;
    if (elkan && (long) n * k <= ELKAN_MAX_BOUNDS) {
      return KMeansAlgorithm.ELKAN;
    }
    return KMeansAlgorithm.HAMERLY;
  }

  /**
   * Widest rows whose distances Hamerly's passes compute by blocks of columns (the engine's {@code Columns.MAX_D},
   * 1024); above it they go row by row and AUTO prefers Elkan from 20 clusters (see {@link KMeansAlgorithm#AUTO}).
   */
  private static final int BLOCK_MAX_D = Engine.COLUMNS_MAX_D;

  /** Up to {@link #BLOCK_MAX_D} columns, AUTO picks Elkan from this many columns ... */
  private static final int ELKAN_MIN_D = 512;

  /** ... and this many clusters (see {@link KMeansAlgorithm#AUTO}). */
  private static final int ELKAN_MIN_K = 50;

  /** Largest {@code n * k} for which AUTO picks Elkan: 2^25 doubles, 256 MiB of lower bounds. */
  private static final long ELKAN_MAX_BOUNDS = 1L << 25;

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KMeans)) {
      return false;
    }
    KMeans m = (KMeans) o;
    // As Double.equals and Arrays.equals (hashCode hashes the doubles): -0.0 is not 0.0. The strategy is left out
    // under explicit centroids, where it can never take effect again (toString shows init=explicit there too).
    return k == m.k && seed == m.seed && restarts == m.restarts && maxIterations == m.maxIterations
        && Double.compare(tolerance, m.tolerance) == 0 && (initialCentroids != null || init == m.init)
        && Arrays.deepEquals(initialCentroids, m.initialCentroids) && algorithm == m.algorithm
        && parallelism == m.parallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, seed, restarts, maxIterations, tolerance, initialCentroids != null ? null : init,
        Arrays.deepHashCode(initialCentroids), algorithm, parallelism);
  }

  @Override
  public String toString() {
    return "KMeans[k=" + k + ", seed=" + seed + ", restarts=" + restarts + ", maxIterations=" + maxIterations
        + ", tolerance=" + tolerance + ", init=" + (initialCentroids != null ? "explicit" : init)
        + ", algorithm=" + algorithm + ", parallelism=" + parallelism + "]";
  }
}
