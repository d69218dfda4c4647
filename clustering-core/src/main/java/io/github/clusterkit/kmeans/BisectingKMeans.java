package io.github.clusterkit.kmeans;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.internal.Assigner;
import io.github.clusterkit.kmeans.internal.BisectTree;
import io.github.clusterkit.kmeans.internal.Chunks;
import io.github.clusterkit.kmeans.internal.Distinct;
import io.github.clusterkit.kmeans.internal.ElkanAssigner;
import io.github.clusterkit.kmeans.internal.Engine;
import io.github.clusterkit.kmeans.internal.HamerlyAssigner;
import io.github.clusterkit.kmeans.internal.LloydAssigner;
import java.util.Objects;

/**
 * Bisecting K-Means: starts from one cluster holding every row and splits a leaf cluster in two with 2-means,
 * {@code k - 1} times, giving {@code k} clusters and the tree of nested segments they came from ("two segments, and
 * each split again").
 *
 * <pre>{@code
 * BisectingKMeansModel m = BisectingKMeans.k(8).seed(42).fit(data);
 * int[] labels = m.labels();          // the 8 segments
 * int[] coarse = m.labelsAt(2);       // the 2 segments of the first split; each of the 8 lies inside one of them
 * int segment = m.predictAt(new double[] {1.0, 2.0}, 4);
 * }</pre>
 *
 * <p><b>Algorithm.</b> Steinbach, Karypis and Kumar (2000), "A comparison of document clustering techniques", KDD
 * Workshop on Text Mining, as scikit-learn 1.2.1's {@code BisectingKMeans}: while there are fewer than {@code k}
 * leaves, pick the leaf the {@link BisectingStrategy} names ({@link BisectingStrategy#BIGGEST_INERTIA} by default),
 * run {@link KMeans} with {@code k = 2} on its rows ({@link #restarts(int)} times from different starts, keeping the
 * lowest inertia), and make its two clusters the leaf's children: cluster 0 the left child, cluster 1 the right. The
 * 2-means runs are this library's K-Means engine, exactly as {@link KMeans} with the same settings runs on those rows
 * (Lloyd's iterations, or Hamerly's or Elkan's exact accelerations, see {@link KMeansAlgorithm}; the same empty-cluster
 * re-seeding), except for the tolerance, which is relative to the whole data (see {@link #tolerance(double)}). The
 * final labels number the leaves from 0 in depth-first, left-before-right order, as scikit-learn numbers its
 * {@code labels_}. {@link BisectingKMeansModel} keeps the whole tree: {@link BisectingKMeansModel#labelsAt(int)}
 * gives the clustering after any number of splits.
 *
 * <p><b>Starts.</b> {@link KMeansInit#RANDOM} (the default, as scikit-learn's {@code BisectingKMeans}) draws two
 * distinct rows of the leaf, with probability proportional to weight when weights are given (scikit-learn 1.2.1 draws
 * uniformly whatever the weights); {@link KMeansInit#PLUS_PLUS} and {@link KMeansInit#PLUS_PLUS_CLASSIC} seed as
 * {@link KMeans} does, weighted (scikit-learn 1.2.1's k-means++ ignores the weights). Restart {@code r} of split
 * {@code s} draws from a random stream split off the seed for {@code (s, r)} alone, so a fit with {@code k} clusters
 * makes the same first {@code m - 1} splits as the fit with {@code m} clusters: {@code fit} with {@code k = m} gives
 * {@link BisectingKMeansModel#labelsAt(int) labelsAt(m)} of the larger fit, and adding restarts never changes the
 * earlier ones of a split. Of a split's restarts the first is kept unless a later one has an inertia below
 * {@code 1 - 1e-6} times the best so far, as scikit-learn 1.2.1 decides (which it does for its parallel rounding):
 * restarts that end in the same two clusters, often with cluster 0 and 1 swapped, differ in inertia only by rounding,
 * and the first of them is kept, not the one that happens to round lowest.
 *
 * <p><b>Prediction.</b> A new point descends the tree from the root, at every split to the child whose centroid is
 * nearer (the left one on ties), as scikit-learn 1.2.1's {@code _predict_recursive}: not necessarily to the nearest
 * leaf centroid (see {@link BisectingKMeansModel#predict(double[])} for an example).
 *
 * <p><b>Edge cases.</b> A leaf that cannot be split (fewer than two distinct rows of positive weight: one row, or
 * copies of one row) is never picked; scikit-learn 1.2.1 does pick it when its score is the largest, and then leaves
 * a child empty or fails (see {@code tools/bisecting_kmeans_reference.py}). So {@code k} must not exceed the number of
 * distinct rows with positive weight ({@link IllegalArgumentException} otherwise, naming both numbers, as
 * {@link KMeans}); with {@code k} equal to it every distinct row ends in a leaf of its own. {@code k = 1} gives one
 * cluster, the (weighted) mean, without any 2-means run; {@code n = 1} works with {@code k = 1}. Data (or weights) of
 * extreme magnitude are scaled by a power of two as in {@link KMeans}, exactly. The root's centroid is the weighted
 * mean (scikit-learn stores the unweighted one; neither is used to predict).
 *
 * <p><b>Determinism and threads.</b> The same configuration and data give the same model for every
 * {@link #parallelism(int)}: each 2-means run is chunked by row count alone, as in {@link KMeans}, and the splits are
 * made one after another. The work per split is a pass of 2-means over the split leaf's rows, so a fit costs about
 * {@code log2(k)} K-Means fits with {@code k = 2} on the whole data when the splits are balanced.
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once. Every
 * wither returns a new configuration and validates its argument at once. {@code fit} never modifies the caller's
 * arrays. Equal configurations are {@code equals} and have equal {@code hashCode}s.
 */
public final class BisectingKMeans {

  private final int k;
  private final long seed;
  private final int restarts;
  private final int maxIterations;
  private final double tolerance;
  private final KMeansInit init;
  private final BisectingStrategy strategy;
  private final KMeansAlgorithm algorithm;
  private final int parallelism;

  private BisectingKMeans(int k, long seed, int restarts, int maxIterations, double tolerance, KMeansInit init,
      BisectingStrategy strategy, KMeansAlgorithm algorithm, int parallelism) {
    this.k = k;
    this.seed = seed;
    this.restarts = restarts;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.init = init;
    this.strategy = strategy;
    this.algorithm = algorithm;
    this.parallelism = parallelism;
  }

  /**
   * A configuration with {@code k} clusters and the defaults of scikit-learn 1.2.1's {@code BisectingKMeans}: seed 0,
   * 1 restart per split, at most 300 iterations per 2-means run, tolerance {@code 1e-4}, {@link KMeansInit#RANDOM}
   * starts, {@link BisectingStrategy#BIGGEST_INERTIA}; and {@link KMeansAlgorithm#AUTO}, 1 thread.
   *
   * @param k number of clusters (leaves), at least 1
   * @return the configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static BisectingKMeans k(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return new BisectingKMeans(k, 0L, 1, 300, 1e-4, KMeansInit.RANDOM, BisectingStrategy.BIGGEST_INERTIA,
        KMeansAlgorithm.AUTO, 1);
  }

  /**
   * @param seed seed of all random choices (any value)
   * @return a configuration with this seed
   */
  public BisectingKMeans seed(long seed) {
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * @param restarts number of 2-means runs per split from different starts, the lowest inertia kept as described in
   *     the class Javadoc (scikit-learn's {@code n_init}); at least 1
   * @return a configuration with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public BisectingKMeans restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * @param maxIterations maximum number of iterations of every 2-means run, at least 1
   * @return a configuration with this limit
   * @throws IllegalArgumentException if {@code maxIterations < 1}
   */
  public BisectingKMeans maxIterations(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * The relative tolerance of every 2-means run: a run stops when the summed squared shift of its two centroids in
   * one iteration is at most {@code tolerance} times the mean of the per-column (population, unweighted) variances of
   * the whole data, as {@link KMeans#tolerance(double)} but always of the whole data, not of the leaf being split
   * (scikit-learn 1.2.1 computes that product but then passes {@code tol} itself, unscaled, to each run, so its runs
   * stop at an absolute shift of {@code tol}). With {@code 0} a run continues until no label changes.
   *
   * @param tolerance finite and {@code >= 0}
   * @return a configuration with this tolerance
   * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
   */
  public BisectingKMeans tolerance(double tolerance) {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be >= 0 and finite, got " + tolerance);
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * @param init how every 2-means run chooses its two starting centroids (see the class Javadoc)
   * @return a configuration with this initialisation
   * @throws IllegalArgumentException if {@code init} is null
   */
  public BisectingKMeans init(KMeansInit init) {
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * @param strategy which leaf to split next
   * @return a configuration with this strategy
   * @throws IllegalArgumentException if {@code strategy} is null
   */
  public BisectingKMeans strategy(BisectingStrategy strategy) {
    if (strategy == null) {
      throw new IllegalArgumentException("strategy must not be null");
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * @param algorithm the 2-means assignment kernel; all give the same result, see {@link KMeansAlgorithm}
   * @return a configuration with this kernel
   * @throws IllegalArgumentException if {@code algorithm} is null
   */
  public BisectingKMeans algorithm(KMeansAlgorithm algorithm) {
    if (algorithm == null) {
      throw new IllegalArgumentException("algorithm must not be null");
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  /**
   * @param threads number of threads a fit may use, at least 1; the result does not depend on it
   * @return a configuration with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public BisectingKMeans parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new BisectingKMeans(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, threads);
  }

  /** @return the number of clusters (leaves) */
  public int k() {
    return k;
  }

  /** @return the seed of all random choices */
  public long seed() {
    return seed;
  }

  /** @return the number of 2-means runs per split */
  public int restarts() {
    return restarts;
  }

  /** @return the largest number of iterations of a 2-means run */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the relative tolerance (0: until no label changes) */
  public double tolerance() {
    return tolerance;
  }

  /** @return how the 2-means runs start */
  public KMeansInit init() {
    return init;
  }

  /** @return which leaf is split next */
  public BisectingStrategy strategy() {
    return strategy;
  }

  /** @return the 2-means kernel asked for */
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
   * @return the fitted model, with the tree of splits; it remembers the data's column names
   * @throws IllegalArgumentException if {@code data} is null or {@code k} exceeds the number of distinct rows
   */
  public BisectingKMeansModel fit(Dataset data) {
    return fit(data, null, null);
  }

  /**
   * Clusters {@code data} with sample weights: the inertias, the centroids and the starts are weighted (a row of
   * weight 2 counts as two copies of it), the sizes and {@link BisectingStrategy#LARGEST_CLUSTER}'s counts are not.
   * Rows of weight 0 are labelled but move no centroid; a leaf whose rows of positive weight are all equal is not
   * split. The array is not modified.
   *
   * @param data the rows
   * @param weights one finite weight {@code >= 0} per row, not all zero
   * @return the fitted model
   * @throws IllegalArgumentException as {@link #fit(Dataset)}, or if {@code weights} is null, has the wrong length,
   *     holds a negative, NaN or infinite value (naming it and its index) or only zeros
   */
  public BisectingKMeansModel fit(Dataset data, double[] weights) {
    if (weights == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    return fit(data, weights, null);
  }

  /**
   * Where the starts of the 2-means runs come from, for tests that feed scikit-learn the same ones.
   */
  interface Starts {
    /**
     * @param split the split, from 0
     * @param restart the restart of that split, from 0
     * @param rows the leaf's rows, row-major, in their order in the data (as scaled for the fit; not to modify)
     * @param m the number of rows
     * @param d the dimension
     * @return two starting centroids, row-major {@code 2 * d}
     */
    double[] starts(int split, int restart, double[] rows, int m, int d);
  }

  /** The fit, with the starts from {@code starts} instead of the random streams when it is not null. */
  BisectingKMeansModel fit(Dataset data, double[] weights, Starts starts) {
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
          throw new IllegalArgumentException("weights must be finite and >= 0, got " + v + " at index " + i);
        }
        unit &= v == 1.0;
        positive |= v > 0;
      }
      if (!positive) {
        throw new IllegalArgumentException("weights must not all be zero");
      }
      w = unit ? null : weights.clone();
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
    double tolAbs = 0;
    if (tolerance != 0) {
      try (Chunks serial = new Chunks(n, 1)) {
        tolAbs = tolerance * Engine.meanVariance(x, n, d, serial);
      }
    }
    Fit fit = new Fit(x, n, d, w, tolAbs, starts);
    fit.run();
    int inertiaScale = 2 * scale + weightScale;
    double[] centroids = fit.centroids;
    double[] inertias = fit.inertias;
    if (scale != 0) {
      Scale.up(centroids, scale);
    }
    if (scale != 0 || weightScale != 0) {
      for (int v = 0; v < inertias.length; v++) {
        inertias[v] = Math.scalb(inertias[v], inertiaScale);
      }
    }
    return new BisectingKMeansModel(d, data.columnNames(), fit.splits, centroids, fit.sizes, inertias, fit.labels(),
        fit.iterations, fit.converged);
  }

  /** The state of one fit: the tree built so far and the rows of its leaves. */
  private final class Fit {
    final double[] x;
    final int n;
    final int d;
    final double[] w;
    final double tolAbs;
    final Starts starts;
    final int nodes;
    final int[] splits;
    final double[] centroids;
    final int[] sizes;
    final double[] inertias;
    /** Per node, the rows it holds while it is a leaf (ascending), {@code null} once split. */
    final int[][] rows;
    final boolean[] splittable;
    final int[] splitStep;
    final int[] iterations;
    final boolean[] converged;

    Fit(double[] x, int n, int d, double[] w, double tolAbs, Starts starts) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.w = w;
      this.tolAbs = tolAbs;
      this.starts = starts;
      this.nodes = 2 * k - 1;
      this.splits = new int[k - 1];
      this.centroids = new double[nodes * d];
      this.sizes = new int[nodes];
      this.inertias = new double[nodes];
      this.rows = new int[nodes][];
      this.splittable = new boolean[nodes];
      this.splitStep = new int[nodes];
      java.util.Arrays.fill(splitStep, -1);
      this.iterations = new int[k - 1];
      this.converged = new boolean[k - 1];
    }

    void run() {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      rows[0] = all;
      sizes[0] = n;
      mean(all, 0);
      inertias[0] = inertia(all, centroids, 0);
      splittable[0] = k > 1 && BisectTree.splittable(x, d, w, all);
      for (int s = 0; s < k - 1; s++) {
        int leaf = choose(s);
        if (leaf < 0) {
          // Cannot happen while k <= distinct rows: equal rows always share a 2-means cluster (the last step of a
          // run assigns every row to its nearest centroid, ties to the lower index), so a tree of fewer than k
          // splittable leaves would hold fewer than k distinct rows.
          throw new IllegalStateException("no leaf left to split after " + s + " splits");
        }
        split(s, leaf);
      }
    }

    /** The splittable leaf of the largest score, the first in depth-first leaf order on ties; -1 if none. */
    int choose(int s) {
      int[] leaves = BisectTree.leavesAt(splitStep, s + 1);
      int best = -1;
      double bestScore = 0;
      for (int i = 0; i < leaves.length; i++) {
        int v = leaves[i];
        if (!splittable[v]) {
          continue;
        }
        double score = strategy == BisectingStrategy.BIGGEST_INERTIA ? inertias[v] : sizes[v];
        if (best < 0 || score > bestScore) {
          best = v;
          bestScore = score;
        }
      }
      return best;
    }

    void split(int s, int leaf) {
      int[] r = rows[leaf];
      int m = r.length;
      double[] sub = new double[m * d];
      double[] subW = w == null ? null : new double[m];
      for (int i = 0; i < m; i++) {
        System.arraycopy(x, r[i] * d, sub, i * d, d);
        if (subW != null) {
          subW[i] = w[r[i]];
        }
      }
      Engine.Run best = null;
      try (Engine engine = engine(sub, m, subW)) {
        for (int t = 0; t < restarts; t++) {
          double[] c0;
          if (starts != null) {
            c0 = starts.starts(s, t, sub, m, d);
          } else {
            Rng rng = Rng.split(seed, ((long) s << 32) | t);
            if (init == KMeansInit.RANDOM) {
              c0 = engine.random(rng);
            } else {
              c0 = engine.plusPlus(rng, init == KMeansInit.PLUS_PLUS_CLASSIC ? 1 : Engine.greedyTrials(2));
            }
          }
          Engine.Run run = engine.run(c0, maxIterations, tolAbs);
          // scikit-learn's rule: a later restart must be lower by more than a relative 1e-6. Restarts that reach
          // the same two clusters, often under swapped labels, differ in inertia by rounding only; the first is kept.
          if (best == null || run.inertia < best.inertia * (1 - 1e-6)) {
            best = run;
          }
        }
      }
      int[] lab = best.labels;
      int left = 0;
      for (int i = 0; i < m; i++) {
        if (lab[i] == 0) {
          left++;
        }
      }
      int[] a = new int[left];
      int[] b = new int[m - left];
      int ia = 0;
      int ib = 0;
      for (int i = 0; i < m; i++) {
        if (lab[i] == 0) {
          a[ia++] = r[i];
        } else {
          b[ib++] = r[i];
        }
      }
      int va = 2 * s + 1;
      int vb = 2 * s + 2;
      splits[s] = leaf;
      splitStep[leaf] = s;
      rows[leaf] = null;
      iterations[s] = best.iterations;
      converged[s] = best.converged;
      child(va, a, best.centers, 0);
      child(vb, b, best.centers, 1);
    }

    void child(int v, int[] r, double[] centers, int c) {
      rows[v] = r;
      sizes[v] = r.length;
      System.arraycopy(centers, c * d, centroids, v * d, d);
      inertias[v] = inertia(r, centroids, v);
      splittable[v] = BisectTree.splittable(x, d, w, r);
    }

    Engine engine(double[] sub, int m, double[] subW) {
      KMeansAlgorithm used = KMeans.resolve(algorithm, m, d, 2);
      Assigner assigner;
      switch (used) {
        case LLOYD:
          assigner = new LloydAssigner(sub, m, d, 2, subW);
          break;
        case ELKAN:
          assigner = new ElkanAssigner(sub, m, d, 2, subW);
          break;
        default:
          assigner = new HamerlyAssigner(sub, m, d, 2, subW);
      }
      Engine engine = new Engine(sub, m, d, 2, subW, assigner, parallelism);
      // As KMeans under AUTO: a Hamerly run may go on with Elkan's kernel where its 2m lower bounds fit 2^25.
      if (algorithm == KMeansAlgorithm.AUTO && used == KMeansAlgorithm.HAMERLY && 2L * m <= 1L << 25) {
        engine.allowElkan();
      }
      return engine;
    }

    /** The weighted mean of rows {@code r} into node {@code v}'s centroid, summed in row order. */
    void mean(int[] r, int v) {
      double[] sum = new double[d];
      double total = 0;
      for (int i = 0; i < r.length; i++) {
        int o = r[i] * d;
        double wi = w == null ? 1.0 : w[r[i]];
        if (!(wi > 0)) {
          continue;
        }
        for (int t = 0; t < d; t++) {
          sum[t] += wi * x[o + t];
        }
        total += wi;
      }
      for (int t = 0; t < d; t++) {
        centroids[v * d + t] = sum[t] / total;
      }
    }

    /** The weighted sum of squared distances of rows {@code r} to centroid {@code v} of {@code c}, in row order. */
    double inertia(int[] r, double[] c, int v) {
      double s = 0;
      int co = v * d;
      for (int i = 0; i < r.length; i++) {
        int o = r[i] * d;
        double q = 0;
        for (int t = 0; t < d; t++) {
          double u = x[o + t] - c[co + t];
          q += u * u;
        }
        s += w == null ? q : w[r[i]] * q;
      }
      return s;
    }

    /** The final labels: every leaf's rows get its depth-first number. */
    int[] labels() {
      int[] leaves = BisectTree.leavesAt(splitStep, k);
      int[] out = new int[n];
      for (int l = 0; l < leaves.length; l++) {
        int[] r = rows[leaves[l]];
        for (int i = 0; i < r.length; i++) {
          out[r[i]] = l;
        }
      }
      return out;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BisectingKMeans)) {
      return false;
    }
    BisectingKMeans b = (BisectingKMeans) o;
    return k == b.k && seed == b.seed && restarts == b.restarts && maxIterations == b.maxIterations
        && Double.compare(tolerance, b.tolerance) == 0 && init == b.init && strategy == b.strategy
        && algorithm == b.algorithm && parallelism == b.parallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(k, seed, restarts, maxIterations, tolerance, init, strategy, algorithm, parallelism);
  }

  @Override
  public String toString() {
    return "BisectingKMeans[k=" + k + ", seed=" + seed + ", restarts=" + restarts + ", maxIterations="
        + maxIterations + ", tolerance=" + tolerance + ", init=" + init + ", strategy=" + strategy + ", algorithm="
        + algorithm + ", parallelism=" + parallelism + "]";
  }
}
