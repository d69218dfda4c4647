package io.github.clusterkit.gmm;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.gmm.internal.EmRun;
import io.github.clusterkit.gmm.internal.Mixture;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.internal.Distinct;
import io.github.clusterkit.kmeans.internal.Engine;
import io.github.clusterkit.kmeans.internal.LloydAssigner;
import java.util.Arrays;
import java.util.Objects;

/**
 * Gaussian mixture models fitted by expectation-maximisation (Dempster, Laird and Rubin, "Maximum
 * likelihood from incomplete data via the EM algorithm", J. R. Stat. Soc. B 39 (1977),
 * doi:10.1111/j.2517-6161.1977.tb01600.x), step for step as scikit-learn 1.2's {@code GaussianMixture}.
 *
 * <pre>{@code
 * GaussianMixtureModel g = GaussianMixture.components(5).covariance(CovarianceType.FULL).seed(1).fit(data);
 * }</pre>
 *
 * <p><b>Algorithm.</b> Each restart starts from responsibilities chosen by {@link #init(GmmInit)} (or from
 * {@link #initialParameters}), computes the initial weights, means and covariances from them (then replaces the
 * means by {@link #initialMeans} if given), then
 * iterates: E-step (responsibilities {@code r_ic} by log-sum-exp in log space, so nothing underflows to
 * 0/0), M-step ({@code N_c = sum_i r_ic}, weights {@code N_c / n}, means, covariances centred on the new
 * means plus {@link #regularization(double)} on the diagonal). Densities use the inverse Cholesky factor
 * of each covariance matrix (hand-written; the matrices are {@code d x d} with small {@code d}).
 * Iteration {@code t} stops the run when {@code t >= 2} and the mean log-likelihood per row before the
 * M-step changed by less than {@link #tolerance(double)} since iteration {@code t - 1}: exactly
 * scikit-learn's rule and iteration count ({@code n_iter_}). The restart with the largest final mean
 * log-likelihood wins (ties: the earlier restart). scikit-learn compares {@code lower_bound_} instead, the
 * value one E-step earlier (before the last M-step); as an EM step practically never lowers the log-likelihood,
 * the two rules can pick different restarts only when the restarts' values lie within the
 * {@link #tolerance(double)} of each other (seen with 4 components on uniform data: 2 of 20 groups of 5
 * restarts), or when a restart stopped at {@link #maxIterations(int)}.
 *
 * <p><b>Where scikit-learn cancels.</b> Every sum here is taken over the deviations {@code x - mean}. scikit-learn
 * 1.2 expands the squares instead for three types: DIAGONAL and SPHERICAL variances as
 * {@code E[x^2] - 2 mean E[x] + mean^2} and their log densities likewise, the TIED covariance as
 * {@code X^T X - sum_c N_c mean_c mean_c^T}. Where the data lie far from 0 compared with a component's spread, those
 * differences lose the leading digits, and the fits part beyond rounding (this one being the accurate one): 40 rows
 * of 2 columns, the first near {@code 1e4} with ten rows exactly {@code 10003}, started from the same parameters,
 * DIAGONAL converges here in 9 iterations with that component's variance {@code 1e-6} (the regularization, the
 * ten rows being equal), where scikit-learn 1.2.1 needs 17 and reports {@code 9.85e-7}, below its own
 * {@code reg_covar}. FULL covariances, computed from the deviations there too, agree to rounding. Centring and
 * scaling the columns first (as a standard scaler does) shrinks the difference.
 *
 * <p><b>Defaults</b> (scikit-learn's where it has one): {@link CovarianceType#FULL}, regularization
 * {@code 1e-6}, at most 100 iterations, tolerance {@code 1e-3}, 1 restart, {@link GmmInit#KMEANS} init,
 * seed 0, parallelism 1.
 *
 * <p><b>Starting points as in scikit-learn.</b> {@code init_params} is {@link #init(GmmInit)}: {@code "kmeans"},
 * {@code "k-means++"}, {@code "random"} and {@code "random_from_data"} are {@link GmmInit#KMEANS},
 * {@link GmmInit#KMEANS_PLUS_PLUS}, {@link GmmInit#RANDOM} and {@link GmmInit#RANDOM_FROM_DATA}, drawn from the
 * library's seeded generator, never numpy's stream (compare seeded fits by their log-likelihood, not their labels).
 * {@code weights_init}, {@code means_init} and {@code precisions_init} given together are
 * {@link #initialParameters} (with covariances); {@code means_init} alone is {@link #initialMeans}, which keeps the
 * initialisation's weights and covariances. scikit-learn's other partial combinations (weights alone, precisions
 * alone) have no counterpart. With the same starting point the fits agree to rounding, apart from the cancellation
 * below and TIED covariances started from one row per component (see {@link GmmInit#RANDOM_FROM_DATA}).
 *
 * <p><b>Degenerate components.</b> Regularization keeps every covariance positive definite in exact arithmetic; a
 * constant column or a component on a few duplicate points is fine with the default. If a covariance still is not
 * positive definite (regularization 0, or data so large that {@code 1e-6} is lost in rounding), the fit throws an
 * {@link IllegalStateException} naming the component and the iteration and suggesting a larger regularization or fewer
 * components. With regularization 0, a variance (or, FULL and TIED, a Cholesky pivot) within the rounding error of its
 * own computation counts as 0: about {@code (4n u M)^2} for a column of largest magnitude {@code M} among the
 * component's rows ({@code u = 2^-53}), plus the factorisation's own {@code (r + 2) u} times the diagonal entry; so a
 * column constant within a component (or exactly a linear function of the others, FULL and TIED) is refused with
 * regularization 0, where its computed variance is rounding noise (a constant column of 1s came out {@code 1.2e-32} and
 * gave log densities of {@code -4e25} a thousandth off the column). The bound grows with the values' size, not their
 * spread: 2000 distinct rows near {@code 1.7e9} spread over {@code 2e-3} (variance {@code 3e-7}, floor about
 * {@code 5e-6}) are refused too, and the message says so; centre the columns first, or keep a regularization.
 * scikit-learn 1.2.1 fits such data with FULL covariances and that noise. With several restarts, a restart that fails this way is skipped; the exception is thrown
 * only if every restart fails. A component that loses all its points keeps weight about {@code 1e-15 / n}, mean 0 and
 * covariance {@code regularization * I} (as scikit-learn).
 *
 * <p><b>Determinism.</b> The same configuration and data give the same model, bit for bit, for any
 * {@link #parallelism(int)}: rows are processed in fixed chunks whose partial sums are added in chunk order.
 * Restart {@code r} takes its random numbers (and its K-Means seed) from a stream split off the seed for
 * restart {@code r}.
 *
 * <p><b>Memory.</b> Besides the data, a fit with {@link CovarianceType#FULL} or {@link CovarianceType#TIED}
 * covariances holds a column-major copy of the data ({@code n d} doubles) and the responsibilities ({@code n k}
 * doubles) until it returns. {@link CovarianceType#DIAGONAL} and {@link CovarianceType#SPHERICAL} keep neither during
 * EM, but every initialisation other than {@link GmmInit#KMEANS_PLUS_PLUS}, {@link GmmInit#RANDOM_FROM_DATA} and
 * {@link #initialParameters} starts from responsibilities, and so holds both too ({@link #initialMeans} changes
 * nothing here: it replaces the means after the initialisation); the default {@link GmmInit#KMEANS} first runs a
 * K-Means fit (see the memory note of {@code KMeans}). Peak heap measured at {@code n = 10^6}, {@code d = 10}, 40
 * components (Java 17, the data's 80 MB included): 585 MB for FULL and 489 MB for DIAGONAL with the default
 * initialisation ({@code -Xmx512m} ends the FULL fit in {@code OutOfMemoryError}), 172 MB for DIAGONAL with
 * KMEANS_PLUS_PLUS (RANDOM_FROM_DATA holds the same arrays; not measured apart). Sizes beyond one Java array are
 * refused before any work (see {@link #fit(Dataset)}).
 *
 * <p><b>Thread-safety.</b> Immutable: every wither returns a new configuration, validated at once. Safe to
 * share between threads. Arrays passed in are copied and never modified. Equal configurations (the same settings,
 * however they were reached) are {@code equals} and have equal {@code hashCode}s, so a configuration can key a
 * cache of fitted models. Every setting counts, the parallelism included although the result does not depend on
 * it; the regularization and the tolerance are compared as by {@link Double#equals(Object)}, the initial weights,
 * means and covariances by content, value by value the same way ({@code -0.0} is not {@code 0.0}; the covariances
 * as stored, symmetrised). Under {@link #initialParameters} the initialisation method does not count, as no later
 * call can bring it back into use ({@link #init(GmmInit)} replaces it); the restarts and the seed, kept for such a
 * call, do. Under {@link #initialMeans} everything counts, the means by content.
 */
public final class GaussianMixture {


  private final int components;
  private final CovarianceType type;
  private final double regularization;
  private final int maxIterations;
  private final double tolerance;
  private final int restarts;
  private final GmmInit init;
  private final long seed;
  private final int parallelism;
  /** Copied, validated initial parameters or null. */
  private final double[] initWeights;
  private final double[][] initMeans;
  private final double[][][] initCovariances;

  private GaussianMixture(int components, CovarianceType type, double regularization, int maxIterations,
      double tolerance, int restarts, GmmInit init, long seed, int parallelism, double[] initWeights,
      double[][] initMeans, double[][][] initCovariances) {
    this.components = components;
    this.type = type;
    this.regularization = regularization;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.restarts = restarts;
    this.init = init;
    this.seed = seed;
    this.parallelism = parallelism;
    this.initWeights = initWeights;
    this.initMeans = initMeans;
    this.initCovariances = initCovariances;
  }

  /**
   * Starts a configuration with default settings (see the class comment).
   *
   * @param k number of mixture components, {@code >= 1} (and at most the number of rows, checked by
   *     {@link #fit})
   * @return a new configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static GaussianMixture components(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("components must be >= 1, got " + k);
    }
    return new GaussianMixture(k, CovarianceType.FULL, 1e-6, 100, 1e-3, 1, GmmInit.KMEANS, 0L, 1, null, null,
        null);
  }

  /**
   * @param covarianceType the shape of the covariance matrices
   * @return a new configuration
   * @throws IllegalArgumentException if null, or if initial covariances were given that do not have this
   *     shape
   */
  public GaussianMixture covariance(CovarianceType covarianceType) {
    if (covarianceType == null) {
      throw new IllegalArgumentException("covariance type must not be null");
    }
    if (initCovariances != null) {
      checkShape(covarianceType, initCovariances);
    }
    return new GaussianMixture(components, covarianceType, regularization, maxIterations, tolerance,
        restarts, init, seed, parallelism, initWeights, initMeans, initCovariances);
  }

  /**
   * Non-negative value added to the diagonal of every covariance matrix after each M-step (scikit-learn's
   * {@code reg_covar}), so that covariances stay positive definite. Default {@code 1e-6}; it is an
   * absolute amount, so scale the data if its variances are far from 1.
   *
   * @param value {@code >= 0} and finite
   * @return a new configuration
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public GaussianMixture regularization(double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("regularization must be >= 0 and finite, got " + value);
    }
    return new GaussianMixture(components, type, value, maxIterations, tolerance, restarts, init, seed,
        parallelism, initWeights, initMeans, initCovariances);
  }

  /**
   * Maximum number of EM iterations per restart (default 100). {@code 0} returns the initial parameters,
   * with the initial weights divided by their sum (as every M-step divides them): the initialisation's own
   * weights {@code N_c / n} sum to {@code k / n} after {@link GmmInit#KMEANS_PLUS_PLUS}, which gives each
   * component responsibility for one row only, and a model with such weights is no density (its
   * log-likelihood, BIC and AIC are off by {@code log(k / n)} per row, and its state is refused by
   * {@link GaussianMixtureModel#fromState}). {@link #initialParameters} are returned as given; with
   * {@link #initialMeans}, the given means with the initialisation's covariances and normalised weights.
   *
   * @param value {@code >= 0}
   * @return a new configuration
   * @throws IllegalArgumentException if negative
   */
  public GaussianMixture maxIterations(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("maxIterations must be >= 0, got " + value);
    }
    return new GaussianMixture(components, type, regularization, value, tolerance, restarts, init, seed,
        parallelism, initWeights, initMeans, initCovariances);
  }

  /**
   * Convergence threshold on the change in mean log-likelihood per row between iterations (default
   * {@code 1e-3}, scikit-learn's {@code tol}). {@code 0} runs exactly {@link #maxIterations(int)} iterations.
   *
   * @param value {@code >= 0} and finite
   * @return a new configuration
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public GaussianMixture tolerance(double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("tolerance must be >= 0 and finite, got " + value);
    }
    return new GaussianMixture(components, type, regularization, maxIterations, value, restarts, init, seed,
        parallelism, initWeights, initMeans, initCovariances);
  }

  /**
   * Number of initialisations (scikit-learn's {@code n_init}, default 1); the best final log-likelihood
   * wins. Ignored with {@link #initialParameters}, which is deterministic. With {@link #initialMeans} every restart
   * starts from the same means and the weights and covariances of its own draw of {@link #init(GmmInit)}, as
   * scikit-learn's {@code n_init} with {@code means_init}.
   *
   * @param value {@code >= 1}
   * @return a new configuration
   * @throws IllegalArgumentException if {@code < 1}
   */
  public GaussianMixture restarts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + value);
    }
    return new GaussianMixture(components, type, regularization, maxIterations, tolerance, value, init, seed,
        parallelism, initWeights, initMeans, initCovariances);
  }

  /**
   * How each restart is initialised (default {@link GmmInit#KMEANS}). Discards any
   * {@link #initialParameters} given before, which it would replace altogether; keeps {@link #initialMeans}, which
   * replace only the means this initialisation gives (scikit-learn's {@code init_params} and {@code means_init} are
   * independent settings too), so {@code initialMeans(m).init(i)} and {@code init(i).initialMeans(m)} are equal.
   *
   * @param method the initialisation
   * @return a new configuration
   * @throws IllegalArgumentException if null
   */
  public GaussianMixture init(GmmInit method) {
    if (method == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    double[][] keptMeans = initWeights == null ? initMeans : null;
    return new GaussianMixture(components, type, regularization, maxIterations, tolerance, restarts, method,
        seed, parallelism, null, keptMeans, null);
  }

  /**
   * Starts EM from the given means, with the weights and covariances that {@link #init(GmmInit)} gives: scikit-learn's
   * {@code means_init} without {@code weights_init} and {@code precisions_init}. Each restart computes its
   * responsibilities by the configured initialisation (one K-Means run by default), estimates the weights and
   * covariances from them by one M-step exactly as without this setting (so the covariances are centred on the
   * means of those responsibilities, not on the given means), and then replaces the means by these, component
   * {@code c} taking {@code means[c]}; the first EM iteration's E-step uses the result. The given means are paired
   * with the initialisation's components by number, as in scikit-learn 1.2.1 ({@code BaseMixture
   * ._initialize_parameters}, then {@code GaussianMixture._initialize}): K-Means' cluster {@code c} gives the weight
   * and covariance of the component that starts at {@code means[c]}, whichever cluster lies nearest to it, so
   * distant means and clusters may be paired (EM then moves them; keep {@link #restarts(int)} above 1 or give all
   * three parameters with {@link #initialParameters} to decide the pairing yourself). With {@link #restarts(int)}
   * every restart has the same means and its own responsibilities (scikit-learn's {@code n_init}: each
   * initialisation draws a new K-Means run). With {@link #maxIterations(int)} 0 the model holds these means, the
   * initialisation's covariances and its weights divided by their sum.
   *
   * <p><b>Porting a notebook.</b> The fit therefore depends on the partition of the initialisation's K-Means run,
   * which is drawn from this library's seeded generator, not numpy's: where scikit-learn's
   * {@code KMeans(n_clusters=k, n_init=1, random_state=r)} (the run behind {@code GaussianMixture(random_state=r)})
   * ends in another local optimum, the same means give another fit. On Mall Customers' three standardised numbers
   * (rows 0 to 159, k = 5, {@code means_init} the centroids of {@code KMeans(5, n_init=10)}) scikit-learn 1.2.1's
   * K-Means start has inertia 119.97 and its fit {@code score} -2.952509, this method's ({@code seed(0)})
   * -2.941596. To reproduce a notebook's numbers, take scikit-learn's labels of that K-Means run and give
   * {@link #initialParameters} the weights (each cluster's count divided by {@code n}), the given means and the
   * covariances of each cluster about its own mean plus scikit-learn's {@code reg_covar} on the diagonal (as this
   * library's {@link #regularization(double)}, {@code 1e-6} by default): the fit then agrees to the last digits (the
   * same case: score, held-out score and BIC within 1e-15 relative, 18 iterations both;
   * {@code tools/porting_trial2_reference.py}).
   *
   * <p>Replaces {@link #initialParameters} given before, and is replaced by a later {@link #initialParameters} (the
   * last one wins, as between {@link #initialParameters} and {@link #init(GmmInit)}); a later {@link #init(GmmInit)}
   * keeps these means. Nothing of this setting is saved in the fitted model, which holds only the fit.
   *
   * @param means {@code k} ({@link #components(int)}) rows of the same dimension {@code d >= 1} (the data's, checked
   *     by {@link #fit}), finite; copied
   * @return a new configuration
   * @throws IllegalArgumentException if {@code means} or a row is null, the number of rows is not {@code k}, the
   *     rows differ in length or are empty, or a value is NaN or infinite
   */
  public GaussianMixture initialMeans(double[][] means) {
    double[][] mu = checkMeans(means, components);
    return new GaussianMixture(components, type, regularization, maxIterations, tolerance, restarts, init, seed,
        parallelism, null, mu, null);
  }

  /** The validated copy of {@code k} initial means, for {@link #initialMeans} and {@link #initialParameters}. */
  private static double[][] checkMeans(double[][] means, int k) {
    if (means == null) {
      throw new IllegalArgumentException("initial means must not be null");
    }
    if (means.length != k) {
      throw new IllegalArgumentException("initial means must have components = " + k + " rows, got "
          + means.length);
    }
    if (means[0] == null || means[0].length < 1) {
      throw new IllegalArgumentException("initial means[0] must have at least one coordinate, got "
          + (means[0] == null ? "null" : "length 0"));
    }
    int d = means[0].length;
    double[][] mu = new double[k][];
    for (int c = 0; c < k; c++) {
      if (means[c] == null || means[c].length != d) {
        throw new IllegalArgumentException("initial means must all have dimension " + d + ", got means[" + c
            + (means[c] == null ? "] = null" : "] of length " + means[c].length));
      }
      mu[c] = means[c].clone();
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(mu[c][j])) {
          throw new IllegalArgumentException("initial means must be finite, got means[" + c + "][" + j
              + "] = " + mu[c][j]);
        }
      }
    }
    return mu;
  }

  /**
   * Starts EM from the given parameters instead of {@link #init(GmmInit)} (scikit-learn's
   * {@code weights_init}, {@code means_init} and {@code precisions_init}, with covariances instead of
   * precisions). The parameters are used as given: the first iteration's E-step uses them. A row so far from every
   * initial component that all its log densities overflow (say means near {@code 1e200} for data near 1) gets: all on
   * the one component of positive weight if there is only one, else the one-hot limit posterior of the components
   * ranked term by term (the ranking that {@link GaussianMixtureModel#predictProba(double[])} starts from before it
   * computes the exact differences, which the E-step does not do); the log-likelihood of those
   * parameters is then {@code -Infinity} ({@link GaussianMixtureModel#logLikelihoodHistory()}). Where even that
   * limit cannot be decided (the means too far for its terms), {@link #fit} throws an IllegalStateException saying
   * so. Covariances are
   * always full {@code d x d} matrices and must match the covariance type: diagonal for DIAGONAL, a
   * multiple of the identity for SPHERICAL, all {@code k} equal for TIED. The arrays are copied. Replaces
   * {@link #initialMeans} given before (the last of the two wins).
   *
   * @param weights {@code k} weights in {@code [0, 1]} summing to 1 within {@code 1e-8}
   *     ({@code |1 - sum| <= 1e-8}, scikit-learn's rule; the sum is taken in index order)
   * @param means {@code k} means of dimension {@code d}, finite
   * @param covariances {@code k} symmetric positive definite {@code d x d} matrices; symmetric up to rounding
   *     ({@code |m[a][b] - m[b][a]| <= 1e-12 max |m|}, the largest absolute entry of that matrix), the two
   *     entries then stored as their mean
   * @return a new configuration
   * @throws IllegalArgumentException if a shape does not match {@code k} ({@link #components(int)}) or
   *     {@code d}, a value is not finite, weights are negative or do not sum to 1, a matrix is not symmetric
   *     or not positive definite, or the matrices do not have the configured covariance type's shape (for
   *     DIAGONAL and SPHERICAL also: variances above {@code 2^-1024}, whose reciprocal is finite)
   */
  public GaussianMixture initialParameters(double[] weights, double[][] means, double[][][] covariances) {
    if (weights == null || means == null || covariances == null) {
      throw new IllegalArgumentException("initial weights, means and covariances must not be null");
    }
    int k = components;
    if (weights.length != k || means.length != k || covariances.length != k) {
      throw new IllegalArgumentException("initial parameters must describe components = " + k
          + " components, got " + weights.length + " weights, " + means.length + " means and "
          + covariances.length + " covariance matrices");
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      if (!(weights[c] >= 0) || weights[c] > 1) {
        throw new IllegalArgumentException("initial weights must be in [0, 1], got weights[" + c + "] = "
            + weights[c]);
      }
      sum += weights[c];
    }
    // scikit-learn's _check_weights: np.allclose(abs(1 - sum), 0), i.e. |1 - sum| <= 1e-8 (NaN fails).
    if (!(Math.abs(1 - sum) <= 1e-8)) {
      throw new IllegalArgumentException("initial weights must sum to 1 within 1e-8 (|1 - sum| <= 1e-8, as"
          + " scikit-learn), got sum = " + sum);
    }
    double[][] mu = checkMeans(means, k);
    int d = mu[0].length;
    double[][][] cov = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      double[][] m = covariances[c];
      if (m == null || m.length != d) {
        throw new IllegalArgumentException("initial covariances[" + c + "] must be " + d + " x " + d + ", got "
            + (m == null ? "null" : m.length + " rows"));
      }
      double max = 0;
      for (int a = 0; a < d; a++) {
        if (m[a] == null || m[a].length != d) {
          throw new IllegalArgumentException("initial covariances[" + c + "] must be " + d + " x " + d
              + ", row " + a + " has " + (m[a] == null ? "null" : String.valueOf(m[a].length)));
        }
        for (int b = 0; b < d; b++) {
          if (!Double.isFinite(m[a][b])) {
            throw new IllegalArgumentException("initial covariances must be finite, got covariances[" + c
                + "][" + a + "][" + b + "] = " + m[a][b]);
          }
          max = Math.max(max, Math.abs(m[a][b]));
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          if (!(Math.abs(m[a][b] - m[b][a]) <= 1e-12 * max)) {
            throw new IllegalArgumentException("initial covariances[" + c + "] must be symmetric, got "
                + m[a][b] + " at [" + a + "][" + b + "] and " + m[b][a] + " at [" + b + "][" + a + "]");
          }
          double v = 0.5 * (m[a][b] + m[b][a]);
          cov[c][a][b] = v;
          cov[c][b][a] = v;
        }
        cov[c][a][a] = m[a][a];
      }
      double[] flat = new double[d * d];
      for (int a = 0; a < d; a++) {
        System.arraycopy(cov[c][a], 0, flat, a * d, d);
      }
      try {
        Mixture.of(CovarianceType.TIED, 1, d, new double[] {1}, new double[d], flat);
      } catch (Mixture.NotPositiveDefinite e) {
        throw new IllegalArgumentException("initial covariances[" + c + "] must be positive definite (its"
            + " Cholesky factorisation fails), got " + (d <= 4 ? Arrays.deepToString(cov[c]) : "a " + d + " x " + d
            + " matrix"));
      }
    }
    checkShape(type, cov);
    return new GaussianMixture(components, type, regularization, maxIterations, tolerance, restarts, init,
        seed, parallelism, weights.clone(), mu, cov);
  }

  private static void checkShape(CovarianceType type, double[][][] cov) {
    int k = cov.length;
    int d = cov[0].length;
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          double v = cov[c][a][b];
          if (type == CovarianceType.TIED && v != cov[0][a][b]) {
            throw new IllegalArgumentException("initial covariances must all be equal for covariance type "
                + "TIED, got covariances[" + c + "][" + a + "][" + b + "] = " + v + " but covariances[0]["
                + a + "][" + b + "] = " + cov[0][a][b]);
          }
          if ((type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) && a != b && v != 0) {
            String rule = type == CovarianceType.DIAGONAL ? "diagonal" : "multiples of the identity";
            throw new IllegalArgumentException("initial covariances must be " + rule + " for covariance type "
                + type + ", got covariances[" + c + "][" + a + "][" + b + "] = " + v);
          }
          if ((type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) && a == b
              && 1 / v == Double.POSITIVE_INFINITY) {
            // Positive (checked) but at most 2^-1024: the precision 1 / v of these types would be infinite.
            throw new IllegalArgumentException("initial covariances must have variances above 2^-1024 (a finite"
                + " reciprocal) for covariance type " + type + ", got covariances[" + c + "][" + a + "][" + a
                + "] = " + v);
          }
          if (type == CovarianceType.SPHERICAL && a == b && v != cov[c][0][0]) {
            throw new IllegalArgumentException("initial covariances must be multiples of the identity for "
                + "covariance type SPHERICAL, got covariances[" + c + "][" + a + "][" + a + "] = " + v
                + " but covariances[" + c + "][0][0] = " + cov[c][0][0]);
          }
        }
      }
    }
  }

  /**
   * Seed for the random initialisation (default 0). Any value is allowed.
   *
   * @param value the seed
   * @return a new configuration
   */
  public GaussianMixture seed(long value) {
    return new GaussianMixture(components, type, regularization, maxIterations, tolerance, restarts, init,
        value, parallelism, initWeights, initMeans, initCovariances);
  }

  /**
   * Number of threads for the E- and M-steps (default 1, the calling thread). With more, {@link #fit}
   * runs on library worker threads of its own until it returns (idle ones are reused by later fits and end after
   * a second unused); the result does not depend on this value.
   *
   * @param threads {@code >= 1}
   * @return a new configuration
   * @throws IllegalArgumentException if {@code < 1}
   */
  public GaussianMixture parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new GaussianMixture(components, type, regularization, maxIterations, tolerance, restarts, init,
        seed, threads, initWeights, initMeans, initCovariances);
  }

  /** @return the number of components */
  public int components() {
    return components;
  }

  /** @return the covariance type */
  public CovarianceType covariance() {
    return type;
  }

  /** @return the value added to the covariances' diagonal */
  public double regularization() {
    return regularization;
  }

  /** @return the largest number of EM iterations of a run */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return the convergence tolerance on the mean log-likelihood */
  public double tolerance() {
    return tolerance;
  }

  /** @return the number of runs, the best by log-likelihood kept */
  public int restarts() {
    return restarts;
  }

  /** @return the initialisation (unused when initial parameters are given) */
  public GmmInit init() {
    return init;
  }

  /** @return the seed of all random choices */
  public long seed() {
    return seed;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Names every setting, as the other configurations do, for example
   * {@code GaussianMixture[components=3, covariance=FULL, regularization=1.0E-6, maxIterations=100,
   * tolerance=0.001, restarts=1, init=KMEANS, seed=0, parallelism=1]}; {@code init=explicit} after
   * {@link #initialParameters}, {@code init=KMEANS with initial means} after {@link #initialMeans} (the means
   * themselves are not listed).
   */
  @Override
  public String toString() {
    return "GaussianMixture[components=" + components + ", covariance=" + type + ", regularization="
        + regularization + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", restarts="
        + restarts + ", init=" + (initWeights != null ? "explicit" : initMeans != null ? init + " with initial means"
        : init) + ", seed=" + seed + ", parallelism=" + parallelism + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GaussianMixture)) {
      return false;
    }
    GaussianMixture g = (GaussianMixture) o;
    // As Double.equals and Arrays.equals (hashCode hashes the doubles): -0.0 is not 0.0. The method is left out
    // under explicit parameters, where it can never take effect again (toString shows init=explicit there too).
    return components == g.components && type == g.type && Double.compare(regularization, g.regularization) == 0
        && maxIterations == g.maxIterations && Double.compare(tolerance, g.tolerance) == 0
        && restarts == g.restarts && (initWeights != null || init == g.init) && seed == g.seed
        && parallelism == g.parallelism && Arrays.equals(initWeights, g.initWeights)
        && Arrays.deepEquals(initMeans, g.initMeans) && Arrays.deepEquals(initCovariances, g.initCovariances);
  }

  @Override
  public int hashCode() {
    return Objects.hash(components, type, regularization, maxIterations, tolerance, restarts,
        initWeights != null ? null : init, seed, parallelism, Arrays.hashCode(initWeights),
        Arrays.deepHashCode(initMeans), Arrays.deepHashCode(initCovariances));
  }

  /**
   * Fits the mixture to the rows of {@code data}.
   *
   * @param data the points (not modified)
   * @return the fitted model of the best restart, which remembers the data's column names
   *     ({@link GaussianMixtureModel#columnNames()}) and checks those of the datasets it is given
   * @throws IllegalArgumentException if {@code data} is null, has fewer rows than components, its dimension differs
   *     from that of the initial parameters or {@link #initialMeans}, or its largest magnitude lies outside
   *     {@code [2^-480, 2^481)} (about {@code 3e-145} to {@code 6e144}), where squared deviations overflow or underflow
   *     (a fit of data near {@code 1e200} failed with a misleading "collapsed points" error, one of data near
   *     {@code 1e-200} put every row in one component), or the fit needs an array larger than Java allows (at most
   *     {@code 2^31 - 9} values): the {@code n * k} responsibilities, which FULL and TIED covariances and the KMEANS
   *     and RANDOM initialisations store (DIAGONAL and SPHERICAL started by KMEANS_PLUS_PLUS, RANDOM_FROM_DATA or
   *     {@link #initialParameters} store none), or the {@code k * d * d} (FULL) or {@code d * d} (TIED) covariance
   *     values (before, such sizes overflowed int: a NegativeArraySizeException or an index error), or the
   *     {@code k * ceil(n / 128)} flags of which blocks of rows a component reaches, or {@code data} has more than
   *     {@code 2^31 - 2^26} rows (2,080,374,784; only data of one column can have more), or the initialisation KMEANS
   *     or KMEANS_PLUS_PLUS needs more distinct rows than {@code data} has (at least {@code components}; RANDOM,
   *     RANDOM_FROM_DATA and {@link #initialParameters} do not)
   * @throws IllegalStateException if a covariance matrix is not positive definite in every restart (the
   *     message names the component and suggests a larger regularization or fewer components), or if a row is so
   *     far from every component that all its log densities overflow and the components cannot be ranked for it
   *     (see {@link #initialParameters})
   */
  public GaussianMixtureModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    int k = components;
    if (k > n) {
      throw new IllegalArgumentException("components must be <= the number of rows (" + n + "), got " + k);
    }
    if (initMeans != null && initMeans[0].length != d) {
      throw new IllegalArgumentException("initial means have dimension " + initMeans[0].length
          + " but the data has dimension " + d);
    }
    checkArraySizes(n, d);
    Scale.requireWithinRefuseLimit(data, "squared deviations");
    double[] x = DataAccess.values(data);
    try (ChunkRunner exec = new ChunkRunner(parallelism)) {
      EmRun run = new EmRun(x, n, d, k, type, regularization, exec);
      if (initWeights != null) {
        EmRun.Result r = run.run(givenMixture(d), maxIterations, tolerance);
        return new GaussianMixtureModel(r.mixture, r.iterations, r.converged, r.history, data.columnNames());
      }
      EmRun.Result best = null;
      IllegalStateException firstFailure = null;
      for (int r = 0; r < restarts; r++) {
        try {
          Mixture start = initialise(run, data, x, Rng.split(seed, r).nextLong());
          if (initMeans != null) {
            start = withMeans(start, initMeans);
          }
          if (maxIterations == 0) {
            start = withNormalizedWeights(start);
          }
          EmRun.Result res = run.run(start, maxIterations, tolerance);
          if (best == null || res.logLikelihood() > best.logLikelihood()) {
            best = res;
          }
        } catch (IllegalStateException e) {
          if (firstFailure == null) {
            firstFailure = e;
          }
        }
      }
      if (best == null) {
        if (restarts > 1) {
          throw new IllegalStateException("all " + restarts + " restarts failed; the first: "
              + firstFailure.getMessage(), firstFailure);
        }
        throw firstFailure;
      }
      return new GaussianMixtureModel(best.mixture, best.iterations, best.converged, best.history,
          data.columnNames());
    }
  }

  /** Largest Java array the fit allocates (as {@code ArrayList}'s limit; some VMs refuse the last few values). */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * Refuses, before any work, a fit whose responsibilities, covariance storage or per-block flags would not fit in a
   * Java array (their sizes would overflow int), or of more rows than the fit's chunk arithmetic takes
   * ({@link EmRun#MAX_ROWS}; only data of one column can have more).
   */
  void checkArraySizes(int n, int d) {
    long k = components;
    if (n > EmRun.MAX_ROWS) {
      throw new IllegalArgumentException("a mixture fits at most " + EmRun.MAX_ROWS + " rows, got n = " + n
          + "; fit a sample of the rows");
    }
    long flags = k * ((n + (long) EmRun.BLOCK - 1) / EmRun.BLOCK);
    if (flags > MAX_ARRAY) {
      throw new IllegalArgumentException("components * ceil(n / " + EmRun.BLOCK + ") block flags must fit in a Java"
          + " array (at most " + MAX_ARRAY + " values), got n = " + n + ", components = " + k + " (" + flags
          + " values); use fewer components, or fit a sample of the rows");
    }
    boolean storesResponsibilities = type == CovarianceType.FULL || type == CovarianceType.TIED
        || (initWeights == null && init != GmmInit.KMEANS_PLUS_PLUS && init != GmmInit.RANDOM_FROM_DATA);
    if (storesResponsibilities && n * k > MAX_ARRAY) {
      throw new IllegalArgumentException("n * components responsibilities must fit in a Java array (at most "
          + MAX_ARRAY + " values), got n = " + n + ", components = " + k + " (" + (n * k) + " values); use fewer"
          + " components, or DIAGONAL or SPHERICAL covariances with init KMEANS_PLUS_PLUS or RANDOM_FROM_DATA, which"
          + " store none");
    }
    long covariances = type == CovarianceType.FULL ? k * d * d : type == CovarianceType.TIED ? (long) d * d : 0;
    if (covariances > MAX_ARRAY) {
      throw new IllegalArgumentException(type + " covariances must fit in a Java array (at most " + MAX_ARRAY
          + " values), got " + (type == CovarianceType.FULL ? "components * d * d = " + k + " * " + d + " * " + d
          : "d * d = " + d + " * " + d) + " = " + covariances + "; use DIAGONAL or SPHERICAL covariances");
    }
  }

  /**
   * The mixture with its weights divided by their sum, for a model returned without an M-step: an
   * initialisation's weights are {@code N_c / n} (scikit-learn's, which its first E-step uses), summing to
   * {@code k / n} after k-means++ (one row per component).
   */
  private static Mixture withNormalizedWeights(Mixture m) {
    double[] w = m.weightsArray();
    double total = 0;
    for (double v : w) {
      total += v;
    }
    double[] normalized = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      normalized[c] = w[c] / total;
    }
    return Mixture.of(m.type(), m.components(), m.dimension(), normalized, m.meansArray(), m.covArray());
  }

  /**
   * The initialisation's mixture with its means replaced by the given ones (scikit-learn's {@code means_init} alone):
   * the weights and covariances stay those of the initialisation's responsibilities.
   */
  private static Mixture withMeans(Mixture m, double[][] means) {
    int k = m.components();
    int d = m.dimension();
    double[] mu = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(means[c], 0, mu, c * d, d);
    }
    return Mixture.of(m.type(), k, d, m.weightsArray(), mu, m.covArray());
  }

  private Mixture givenMixture(int d) {
    int k = components;
    double[] w = initWeights.clone();
    double[] mu = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(initMeans[c], 0, mu, c * d, d);
    }
    double[] cov = new double[Mixture.covLength(type, k, d)];
    for (int c = 0; c < k; c++) {
      double[][] m = initCovariances[c];
      for (int a = 0; a < d; a++) {
        switch (type) {
          case FULL:
            System.arraycopy(m[a], 0, cov, c * d * d + a * d, d);
            break;
          case TIED:
            System.arraycopy(m[a], 0, cov, a * d, d);
            break;
          case DIAGONAL:
            cov[c * d + a] = m[a][a];
            break;
          default:
            cov[c] = m[0][0];
            break;
        }
      }
    }
    return Mixture.of(type, k, d, w, mu, cov);
  }

  /** The initial mixture of one restart (from the initial responsibilities). */
  private Mixture initialise(EmRun run, Dataset data, double[] x, long restartSeed) {
    int n = data.size();
    int d = data.dimension();
    int k = components;
    switch (init) {
      case RANDOM: {
        // scikit-learn's "random": uniform responsibilities, each row normalised.
        Rng rng = new Rng(restartSeed);
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int c = 0; c < k; c++) {
            row[c] = rng.nextDouble();
            s += row[c];
          }
          for (int c = 0; c < k; c++) {
            run.setResponsibility(i, c, row[c] / s);
          }
        }
        return run.initialMixture();
      }
      case RANDOM_FROM_DATA:
        // scikit-learn 1.1's "random_from_data": responsibility 1 for k distinct rows drawn at random.
        return run.initialMixtureFromRows(distinctRows(new Rng(restartSeed), n, k));
      case KMEANS: {
        // scikit-learn's "kmeans": hard responsibilities from one K-Means run (k-means++ seeding, Lloyd).
        // Checked here rather than left to KMeans, whose message would name its own parameter k.
        int distinct = Distinct.countUpTo(x, n, d, null, k);
        if (distinct < k) {
          throw tooFewDistinct(distinct, k, GmmInit.KMEANS);
        }
        int[] labels;
        try {
          labels = KMeans.k(k).seed(restartSeed).restarts(1).parallelism(parallelism).fit(data).labels();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("init KMEANS failed: " + e.getMessage()
              + "; use init(GmmInit.RANDOM) or fewer components", e);
        }
        run.clearResponsibilities();
        for (int i = 0; i < n; i++) {
          run.setResponsibility(i, labels[i], 1);
        }
        return run.initialMixture();
      }
      default: {
        // scikit-learn 1.2's "k-means++": responsibility 1 for each seed row only.
        int distinct = Distinct.countUpTo(x, n, d, null, k);
        if (distinct < k) {
          throw tooFewDistinct(distinct, k, GmmInit.KMEANS_PLUS_PLUS);
        }
        double[] seeds;
        try (Engine engine = new Engine(x, n, d, k, null, new LloydAssigner(x, n, d, k, null),
            parallelism)) {
          seeds = engine.plusPlus(new Rng(restartSeed));
        }
        int[] rows = new int[k];
        for (int c = 0; c < k; c++) {
          rows[c] = rowOf(x, n, d, seeds, c * d);
        }
        return run.initialMixtureFromRows(rows);
      }
    }
  }

  /**
   * {@code k} distinct numbers of {@code [0, n)} in random order, each ordered choice equally likely: the first
   * {@code k} steps of a Fisher-Yates shuffle of {@code 0, ..., n - 1}, whose swapped entries are kept in a map (so
   * the cost is {@code O(k)}, not {@code O(n)}).
   */
  static int[] distinctRows(Rng rng, int n, int k) {
    java.util.Map<Integer, Integer> moved = new java.util.HashMap<>();
    int[] rows = new int[k];
    for (int c = 0; c < k; c++) {
      int j = c + rng.nextInt(n - c);
      int atJ = moved.getOrDefault(j, j);
      rows[c] = atJ;
      moved.put(j, moved.getOrDefault(c, c));
    }
    return rows;
  }

  /** The refusal of an initialisation that needs {@code k} distinct rows where the data have fewer. */
  private static IllegalArgumentException tooFewDistinct(int distinct, int k, GmmInit init) {
    return new IllegalArgumentException("components must be <= the number of distinct rows (" + distinct
        + ") for init " + init + ", got " + k + "; use init(GmmInit.RANDOM) or fewer components");
  }

  /** The first row equal to {@code p[off..off + d)} (k-means++ seeds are copies of rows). */
  private static int rowOf(double[] x, int n, int d, double[] p, int off) {
    for (int i = 0; i < n; i++) {
      int j = 0;
      while (j < d && x[i * d + j] == p[off + j]) {
        j++;
      }
      if (j == d) {
        return i;
      }
    }
    throw new AssertionError("k-means++ seed is not a row");
  }
}
