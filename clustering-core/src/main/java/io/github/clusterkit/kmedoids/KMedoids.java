package io.github.clusterkit.kmedoids;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmedoids.internal.Dissimilarity;
import io.github.clusterkit.kmedoids.internal.Engine;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.Objects;

/**
 * K-medoids clustering: chooses {@code k} of the rows as medoids so as to minimise the cost, the sum over all rows of
 * the (not squared) distance to the nearest medoid. Medoids are real rows (a segment's "typical customer"), the cost
 * is robust to outliers, and any {@link Metric} works, Manhattan included; with a precomputed matrix
 * ({@link #fitDissimilarities(double[][])}) any dissimilarity does, Gower's among them.
 *
 * <pre>{@code
 * KMedoidsModel m = KMedoids.k(5).seed(42).fit(data);
 * int[] rows = m.medoidIndices();           // the medoids' row numbers
 * int label = m.predict(new double[] {1.0, 2.0});
 * KMedoids.k(5).metric(Metric.MANHATTAN).method(KMedoidsMethod.PAM).init(KMedoidsInit.BUILD).fit(data);
 * }</pre>
 *
 * <p><b>Algorithm.</b> Initial medoids come from k-medoids++ ({@link KMedoidsInit#PLUS_PLUS}, the default), PAM's
 * deterministic BUILD ({@link KMedoidsInit#BUILD}), random rows ({@link KMedoidsInit#RANDOM}) or the caller
 * ({@link #initialMedoids(int[])}). They are refined by FasterPAM ({@link KMedoidsMethod#FASTER_PAM}, the default;
 * Schubert and Rousseeuw 2021, doi:10.1016/j.is.2021.101804), classic PAM ({@link KMedoidsMethod#PAM}) or the
 * alternate method ({@link KMedoidsMethod#ALTERNATE}); see each constant for its rules and ties. Every label is the
 * nearest medoid's, ties to the smaller label. Distances are those of {@link Metric#distance} (for Euclidean the square
 * root of the sum of squared differences, summed column by column), except between rows so close that the sum is
 * subnormal (Euclidean gaps below about {@code 1e-154}), which are taken as the formula gives them where
 * {@code Metric.distance} measures them again at another scale; the cost sums the distances in row order. Each method's
 * results equal those of an independent implementation from the papers (tools/kmedoids_reference.py) label for label
 * from the same initial medoids (tested).
 *
 * <p><b>Why k-medoids++ by default.</b> BUILD costs {@code k n^2} distance computations, more than FasterPAM's whole
 * refinement (about {@code n^2} per pass over the candidates, a few passes); Schubert and Rousseeuw report that
 * FasterPAM from a random start reaches the quality of a BUILD start. k-medoids++ costs {@code O(k log k)} distance
 * rows and starts closer than random rows. Choose BUILD for a deterministic result that does not depend on the seed
 * (and for results comparable with R's {@code cluster::pam} and ELKI's {@code PAM}, whose default start it is).
 *
 * <p><b>Restarts.</b> With {@link #restarts(int)} {@code = r}, the fit runs {@code r} times from initial medoids drawn
 * with generator {@code i} split off the seed for run {@code i} alone, and keeps the run of the lowest cost (the
 * earliest on ties): adding restarts never changes the earlier ones. With BUILD or explicit initial medoids every run
 * would be identical, so exactly one run is made.
 *
 * <p><b>Edge cases.</b> {@code 1 <= k <= n} ({@link IllegalArgumentException} otherwise, naming {@code k} and
 * {@code n}). {@code k = n} makes every row its own medoid, cost 0. Duplicate rows are allowed, also when there are
 * fewer distinct rows than {@code k}: medoids are distinct row numbers, and copies of a medoid can be medoids too,
 * each with cost 0; a row equally near several medoids (its copies included) gets the smallest label, so a medoid's
 * own row may carry the label of an equal medoid with a smaller label, and that medoid's cluster is then empty
 * ({@link KMedoidsModel#clusterSizes()} shows 0). Constant columns change no distance. Data values are finite by
 * construction of {@link Dataset}. Data whose largest magnitude is above {@code 2^201} or below {@code 2^-200} are
 * fitted multiplied by a power of two (exact, see {@code KMeans}), and the cost scaled back.
 *
 * <p><b>Determinism and threads.</b> The same configuration and data give the same result on every run and for every
 * {@link #parallelism(int)}, bit for bit. FasterPAM evaluates a batch of upcoming candidates side by side against the
 * current medoids and then takes them in row order exactly as the sequential loop does (the first improving one is
 * swapped, the rest of the batch is evaluated again against the new medoids); PAM's swap search, BUILD, the
 * assignments and the alternate method's member sums are split into chunks fixed by {@code n} and reduced in chunk
 * order with the sequential tie rules. Threads are the calling thread and library workers held by the fit until it
 * returns; the common pool is never used. The result does depend on the row order (visiting order, ties).
 *
 * <p><b>Memory.</b> Besides the model's labels, a fit holds a few arrays of {@code n} values (nearest and second
 * nearest medoid, one distance row and one list of a candidate's nearby objects per thread) and, for rows and a
 * metric, one column-major copy of the rows ({@code n d} values, read column by column when a candidate's distances
 * are computed); no {@code n^2} matrix, the distances are computed on the fly.
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once. Every
 * wither returns a new configuration and validates its argument at once. {@code fit} never modifies the caller's
 * arrays. Equal configurations are {@code equals} and have equal {@code hashCode}s; every setting counts (the
 * parallelism too), except that under explicit initial medoids the initialisation does not.
 */
public final class KMedoids {

  private final int k;
  private final long seed;
  private final int restarts;
  private final int maxIterations;
  private final KMedoidsInit init;
  private final int[] initialMedoids;
  private final KMedoidsMethod method;
  private final Metric metric;
  private final int parallelism;

  private KMedoids(int k, long seed, int restarts, int maxIterations, KMedoidsInit init, int[] initialMedoids,
      KMedoidsMethod method, Metric metric, int parallelism) {
    this.k = k;
    this.seed = seed;
    this.restarts = restarts;
    this.maxIterations = maxIterations;
    this.init = init;
    this.initialMedoids = initialMedoids;
    this.method = method;
    this.metric = metric;
    this.parallelism = parallelism;
  }

  /**
   * A configuration with {@code k} medoids and the defaults: seed 0, 1 restart, at most 100 iterations,
   * {@link KMedoidsInit#PLUS_PLUS}, {@link KMedoidsMethod#FASTER_PAM}, {@link Metric#EUCLIDEAN}, 1 thread.
   *
   * @param k number of medoids, at least 1
   * @return the configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static KMedoids k(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return new KMedoids(k, 0L, 1, 100, KMedoidsInit.PLUS_PLUS, null, KMedoidsMethod.FASTER_PAM, Metric.EUCLIDEAN,
        1);
  }

  /**
   * @param seed seed of all random choices (any value)
   * @return a configuration with this seed
   */
  public KMedoids seed(long seed) {
    return new KMedoids(k, seed, restarts, maxIterations, init, initialMedoids, method, metric, parallelism);
  }

  /**
   * @param restarts number of runs from different initial medoids, the one of lowest cost is kept; at least 1
   * @return a configuration with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public KMedoids restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, initialMedoids, method, metric, parallelism);
  }

  /**
   * The iteration limit of a run: FasterPAM's full cycles over the candidates, PAM's swaps (each iteration makes at
   * most one), the alternate method's assign-and-update rounds.
   *
   * @param maxIterations at least 1
   * @return a configuration with this limit
   * @throws IllegalArgumentException if {@code maxIterations < 1}
   */
  public KMedoids maxIterations(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, initialMedoids, method, metric, parallelism);
  }

  /**
   * @param init the initialisation; clears explicit initial medoids
   * @return a configuration with this initialisation
   * @throws IllegalArgumentException if {@code init} is null
   */
  public KMedoids init(KMedoidsInit init) {
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, null, method, metric, parallelism);
  }

  /**
   * Explicit initial medoids, by row number; label {@code j} starts at {@code rows[j]}. Checked against the data's
   * number of rows at {@code fit}.
   *
   * @param rows {@code k} distinct row numbers, each {@code >= 0} (copied)
   * @return a configuration starting from them
   * @throws IllegalArgumentException if {@code rows} is null, not of length {@code k}, has a negative or a repeated
   *     entry (the message names the index and the value)
   */
  public KMedoids initialMedoids(int[] rows) {
    if (rows == null) {
      throw new IllegalArgumentException("initialMedoids must not be null");
    }
    if (rows.length != k) {
      throw new IllegalArgumentException("initialMedoids must have k = " + k + " entries, got " + rows.length);
    }
    int[] copy = rows.clone();
    for (int j = 0; j < k; j++) {
      if (copy[j] < 0) {
        throw new IllegalArgumentException("initialMedoids must be row numbers >= 0, got " + copy[j] + " at index "
            + j);
      }
    }
    int[] sorted = copy.clone();
    Arrays.sort(sorted);
    for (int j = 1; j < k; j++) {
      if (sorted[j] == sorted[j - 1]) {
        int first = -1;
        int second = -1;
        for (int t = 0; t < k && second < 0; t++) {
          if (copy[t] == sorted[j]) {
            if (first < 0) {
              first = t;
            } else {
              second = t;
            }
          }
        }
        throw new IllegalArgumentException("initialMedoids must be distinct, got " + sorted[j] + " at indices "
            + first + " and " + second);
      }
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, copy, method, metric, parallelism);
  }

  /**
   * @param method the refinement
   * @return a configuration with this method
   * @throws IllegalArgumentException if {@code method} is null
   */
  public KMedoids method(KMedoidsMethod method) {
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, initialMedoids, method, metric, parallelism);
  }

  /**
   * @param metric the distance between rows (default {@link Metric#EUCLIDEAN}); not used by
   *     {@link #fitDissimilarities(double[][])}
   * @return a configuration with this metric
   * @throws IllegalArgumentException if {@code metric} is null
   */
  public KMedoids metric(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, initialMedoids, method, metric, parallelism);
  }

  /**
   * @param parallelism threads to use, at least 1 (default 1); the result does not depend on it
   * @return a configuration with this parallelism
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public KMedoids parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return new KMedoids(k, seed, restarts, maxIterations, init, initialMedoids, method, metric, parallelism);
  }

  /** @return the number of medoids */
  public int k() {
    return k;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the number of restarts */
  public int restarts() {
    return restarts;
  }

  /** @return the iteration limit */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the initialisation (not used when initial medoids are given) */
  public KMedoidsInit init() {
    return init;
  }

  /** @return a copy of the explicit initial medoids, or null */
  public int[] initialMedoids() {
    return initialMedoids == null ? null : initialMedoids.clone();
  }

  /** @return the refinement */
  public KMedoidsMethod method() {
    return method;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the parallelism */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Fits the medoids to the rows of {@code data}.
   *
   * @param data the rows (not modified)
   * @return the fitted model
   * @throws IllegalArgumentException if {@code data} is null, {@code k} exceeds its number of rows, or an initial
   *     medoid is not a row number of it
   */
  public KMedoidsModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    checkK(n);
    double[] values = DataAccess.values(data);
    double[] x = values;
    int scale = Scale.exponent(DataAccess.maxAbs(data));
    if (scale != 0) {
      x = Scale.down(values, scale);
    }
    Engine.Result best = run(Dissimilarity.rows(x, n, d, metric));
    double[] medoids = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(values, best.medoids[j] * d, medoids, j * d, d);
    }
    double cost = scale == 0 ? best.cost : Math.scalb(best.cost, scale);
    return new KMedoidsModel(medoids, best.medoids, k, d, best.labels, cost, best.iterations, best.swaps,
        best.converged, metric, method, data.columnNames());
  }

  /**
   * Fits the medoids to a precomputed dissimilarity matrix (scikit-learn-extra's {@code metric='precomputed'}, R's
   * {@code pam(diss = TRUE)}): object {@code i}'s dissimilarity to object {@code j} is {@code matrix[i][j]}. The
   * metric setting is not used; everything else is as {@link #fit(Dataset)}, with the matrix's entries in place of
   * the distances. No model for new points comes out (a new point has no dissimilarities), but the medoids, labels
   * and cost do. A matrix whose largest entry is above {@code 2^201} or below {@code 2^-200} is fitted multiplied by
   * a power of two, as data are, and the cost scaled back.
   *
   * @param matrix a square matrix of finite values {@code >= 0}, symmetric (exactly), with zeros on the diagonal (not
   *     modified; copied once)
   * @return the result
   * @throws IllegalArgumentException if {@code matrix} is null or empty, not square, a value is NaN, infinite or
   *     negative, the diagonal is not 0, or it is not symmetric (the message names the entry and its value), if it
   *     has more than {@code 2^31 - 9} entries, or if {@code k} exceeds its size or an initial medoid is not an
   *     object of it
   */
  public KMedoidsResult fitDissimilarities(double[][] matrix) {
    double[] m = checkedMatrix(matrix);
    int n = matrix.length;
    checkK(n);
    // As rows are: k-medoids++ squares the entries (overflow above about 1e154, underflow below 1e-154) and the sums
    // of BUILD and the swaps must stay finite; m is our copy, so it is scaled in place.
    int scale = Scale.exponent(Scale.maxAbs(m, 0, m.length));
    if (scale != 0) {
      for (int t = 0; t < m.length; t++) {
        m[t] = Math.scalb(m[t], -scale);
      }
    }
    Engine.Result best = run(Dissimilarity.matrix(m, n));
    double cost = scale == 0 ? best.cost : Math.scalb(best.cost, scale);
    return new KMedoidsResult(best.medoids, best.labels, k, cost, best.iterations, best.swaps,
        best.converged, method);
  }

  private static double[] checkedMatrix(double[][] matrix) {
    if (matrix == null) {
      throw new IllegalArgumentException("matrix must not be null");
    }
    int n = matrix.length;
    if (n == 0) {
      throw new IllegalArgumentException("matrix must have at least one row, got 0 rows");
    }
    if ((long) n * n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("matrix must have at most 2^31 - 9 entries, got " + n + " x " + n);
    }
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      double[] r = matrix[i];
      if (r == null) {
        throw new IllegalArgumentException("matrix[" + i + "] must not be null");
      }
      if (r.length != n) {
        throw new IllegalArgumentException("matrix must be square (" + n + " x " + n + "), got row " + i
            + " of length " + r.length);
      }
      for (int j = 0; j < n; j++) {
        double v = r[j];
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
          throw new IllegalArgumentException("matrix must hold finite values >= 0, got " + v + " at [" + i + "]["
              + j + "]");
        }
      }
      if (r[i] != 0) {
        throw new IllegalArgumentException("matrix must have zeros on the diagonal, got " + r[i] + " at [" + i
            + "][" + i + "]");
      }
      System.arraycopy(r, 0, m, i * n, n);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (m[i * n + j] != m[j * n + i]) {
          throw new IllegalArgumentException("matrix must be symmetric, got " + m[i * n + j] + " at [" + i + "]["
              + j + "] and " + m[j * n + i] + " at [" + j + "][" + i + "]");
        }
      }
    }
    return m;
  }

  private void checkK(int n) {
    if (k > n) {
      throw new IllegalArgumentException("k must be <= the number of rows (n = " + n + "), got " + k);
    }
    if (initialMedoids != null) {
      for (int j = 0; j < k; j++) {
        if (initialMedoids[j] >= n) {
          throw new IllegalArgumentException("initialMedoids must be row numbers < n = " + n + ", got "
              + initialMedoids[j] + " at index " + j);
        }
      }
    }
  }

  private Engine.Result run(Dissimilarity dis) {
    Engine.Result best = null;
    try (Engine engine = new Engine(dis, k, parallelism)) {
      int runs = initialMedoids != null || init == KMedoidsInit.BUILD ? 1 : restarts;
      for (int r = 0; r < runs; r++) {
        int[] start;
        if (initialMedoids != null) {
          start = initialMedoids;
        } else if (init == KMedoidsInit.BUILD) {
          start = engine.build();
        } else if (init == KMedoidsInit.RANDOM) {
          start = engine.random(Rng.split(seed, r));
        } else {
          start = engine.plusPlus(Rng.split(seed, r));
        }
        Engine.Result res = engine.run(method, start, maxIterations);
        if (best == null || res.cost < best.cost) {
          best = res;
        }
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KMedoids)) {
      return false;
    }
    KMedoids m = (KMedoids) o;
    return k == m.k && seed == m.seed && restarts == m.restarts && maxIterations == m.maxIterations
        && (initialMedoids != null || init == m.init) && Arrays.equals(initialMedoids, m.initialMedoids)
        && method == m.method && metric == m.metric && parallelism == m.parallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, seed, restarts, maxIterations, initialMedoids != null ? null : init,
        Arrays.hashCode(initialMedoids), method, metric, parallelism);
  }

  @Override
  public String toString() {
    return "KMedoids[k=" + k + ", seed=" + seed + ", restarts=" + restarts + ", maxIterations=" + maxIterations
        + ", init=" + (initialMedoids != null ? "explicit" + Arrays.toString(initialMedoids) : init) + ", method="
        + method + ", metric=" + metric + ", parallelism=" + parallelism + "]";
  }
}
