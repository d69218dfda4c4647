package io.github.clusterkit.gmm;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.gmm.internal.Mixture;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted Gaussian mixture: weights, means and covariance matrices, with soft and hard assignment of
 * new points, log densities and their mean ({@link #score(Dataset)}, scikit-learn's {@code score}), the information
 * criteria BIC and AIC, and seeded draws from the mixture ({@link #sample(int, long)}). Returned by
 * {@link GaussianMixture#fit(Dataset)}.
 *
 * <p>Component {@code c} has density {@code w_c N(x | mu_c, Sigma_c)}; {@link #predictProba(double[])} gives
 * the posterior probabilities {@code w_c N(x | mu_c, Sigma_c) / sum_j w_j N(x | mu_j, Sigma_j)}, computed in
 * log space so far-away points still get proper probabilities (their nearest component in Mahalanobis
 * terms gets nearly all of it).
 *
 * <p><b>Far points.</b> Far from the means (squared Mahalanobis distances above about {@code 1e6}) the log densities
 * of the components round to values whose differences, which make the posterior, are lost ({@code x - mu} loses
 * {@code mu}): scikit-learn 1.2.1 gives {@code [1.0, 1.0]} for two components of TIED, DIAGONAL or SPHERICAL
 * covariance at {@code 1e100}, and NaN where the log densities overflow. {@link #predict} and
 * {@link #predictProba} bound that rounding error for every point, and where it could exceed {@code 1e-8} compute the
 * differences of the log densities directly, relative to the most probable component, with their own error bound:
 * the posterior is then that of exact arithmetic (one-hot far away, unless the point is orthogonal to the means'
 * differences) to within that bound, in practice {@code 1e-12} on well-conditioned covariances. Where the bound lets a
 * posterior be off by more than {@code 0.01} (a point at {@code 1e150} almost exactly orthogonal, the answer hidden in
 * the rounding of the covariance's factor; or a point millions of standard deviations off along a direction in
 * which the covariance is nearly singular, condition {@code 1e12} and more) they throw an IllegalArgumentException
 * saying so, rather than give a posterior that may be wrong; so they do where the terms of those differences
 * overflow (variances near {@code 1e-300}, or squared distances beyond the double range even after scaling), unless a
 * component is provably beyond the double range below another. A model with one component of positive weight gives
 * it every point, however far. Ordinary points keep the plain computation, bit for bit. {@link #scoreSamples} is not
 * affected: its values are right to a relative rounding error at any distance.
 *
 * <p><b>Column names.</b> The model remembers the column names of the data it was fitted on ({@link #columnNames()}, as
 * scikit-learn's {@code feature_names_in_}). A {@link Dataset} built without names (its placeholders {@code x0, x1,
 * ...}, {@link Dataset#hasColumnNames()} false) has no names to check. {@link #predict(Dataset)}, {@link
 * #predictProba(Dataset)}, {@link #scoreSamples(Dataset)}, {@link #score(Dataset)}, {@link #bic(Dataset)} and {@link
 * #aic(Dataset)} refuse a
 * dataset with an {@link IllegalArgumentException} when both the model's names and the dataset's were given and they
 * differ (other columns, or the same columns in another order); when either side has none they check nothing, and
 * points given as {@code double[]} are never checked.
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files
 * store and what a distributed engine ships), and {@link #fromState(State)} rebuilds an equivalent model from
 * it after checking every rule, so the rebuilt model predicts exactly as the original.
 *
 * <p><b>Copies.</b> Every array returned is a fresh copy; arguments are never modified.
 *
 * <p><b>Thread-safety.</b> Immutable, safe to share; every method may be called concurrently.
 */
public final class GaussianMixtureModel implements ClusterModel {

  private final Mixture mixture;
  private final int iterations;
  private final boolean converged;
  private final double[] history;
  private final List<String> columnNames;
  /** Whether the model was fitted without names ({@link #columnNames} are placeholders, checked against nothing). */
  private final boolean unnamed;

  GaussianMixtureModel(Mixture mixture, int iterations, boolean converged, double[] history,
      List<String> columnNames) {
    this.mixture = mixture;
    this.iterations = iterations;
    this.converged = converged;
    this.history = history;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
  }

  /**
   * The fitted state: covariance type, column names, weights, means, covariances in the type's storage, and the
   * summary of the EM run.
   *
   * @return a new state value; {@code fromState(state())} predicts exactly as this model
   */
  public State state() {
    return new State(mixture.type(), columnNames, mixture.weightsArray(), mixture.meansArray(), mixture.covArray(),
        iterations, converged, history);
  }

  /**
   * Rebuilds a model from its state, checking every rule: a covariance type; {@code k >= 1} weights
   * {@code >= 0} summing to 1 within {@code 1e-6} (looser than the {@code 1e-8} of
   * {@link GaussianMixture#initialParameters}, so that states written by earlier versions or rounded by other tools
   * still load; a fitted weight can exceed 1 by rounding, being {@code N_k / n} with a tiny responsibility added to
   * {@code N_k}); {@code k * d} means with
   * {@code d >= 1}; one distinct, non-null column name per dimension (a state built without names has
   * {@code x0 .. x(d-1)}); covariance storage of the type's length ({@link State}); FULL and TIED matrices exactly
   * symmetric and positive definite (a Cholesky factorisation succeeds), DIAGONAL and SPHERICAL variances
   * {@code > 0} with a finite reciprocal (above {@code 2^-1024}, about {@code 5.6e-309}: the densities of a
   * smaller one were NaN at its mean); {@code iterations >= 0}
   * and {@code iterations + 1} log-likelihoods, each finite or {@code -Infinity} (a fit whose parameters put a row
   * beyond the double range of log densities records that, see {@link #logLikelihoodHistory()}); every other
   * number finite.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every prediction to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field,
   *     the index, the rule and the value)
   */
  public static GaussianMixtureModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    CovarianceType type = s.covarianceType;
    double[] w = s.weights;
    int k = w.length;
    if (k < 1) {
      throw stateError("weights must have at least one value (one per component), got none");
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      if (!(w[c] >= 0) || w[c] == Double.POSITIVE_INFINITY) {
        throw stateError("weights[" + c + "] must be >= 0 and finite, got " + w[c]);
      }
      sum += w[c];
    }
    if (!(Math.abs(sum - 1) <= 1e-6)) {
      throw stateError("weights must sum to 1 (within 1e-6), got " + sum);
    }
    double[] mu = s.means;
    if (mu.length < k || mu.length % k != 0) {
      throw stateError("means must hold k * d values with k = " + k + " components and d >= 1, got "
          + mu.length);
    }
    int d = mu.length / k;
    finite(mu, "means");
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    long expected;
    switch (type) {
      case FULL:
        expected = (long) k * d * d;
        break;
      case TIED:
        expected = (long) d * d;
        break;
      case DIAGONAL:
        expected = (long) k * d;
        break;
      default:
        expected = k;
        break;
    }
    double[] cov = s.covariances;
    if (cov.length != expected) {
      throw stateError("covariances of a " + type + " mixture with k = " + k + ", d = " + d + " must hold "
          + expected + " values, got " + cov.length);
    }
    finite(cov, "covariances");
    if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
      int matrices = type == CovarianceType.FULL ? k : 1;
      for (int c = 0; c < matrices; c++) {
        int off = c * d * d;
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < a; b++) {
            double ab = cov[off + a * d + b];
            double ba = cov[off + b * d + a];
            if (Double.compare(ab, ba) != 0) {
              throw stateError("covariance matrix " + c + " must be symmetric, got " + ab + " at [" + a + "]["
                  + b + "] and " + ba + " at [" + b + "][" + a + "]");
            }
          }
        }
      }
    }
    if (s.iterations < 0) {
      throw stateError("iterations must be >= 0, got " + s.iterations);
    }
    if (s.logLikelihoodHistory.length != (long) s.iterations + 1) {
      throw stateError("logLikelihoodHistory must hold iterations + 1 = " + ((long) s.iterations + 1)
          + " values, got " + s.logLikelihoodHistory.length);
    }
    double[] h = s.logLikelihoodHistory;
    for (int j = 0; j < h.length; j++) {
      if (!(h[j] < Double.POSITIVE_INFINITY)) {
        throw stateError("logLikelihoodHistory[" + j + "] must be finite or -Infinity, got " + h[j]);
      }
    }
    Mixture m;
    try {
      m = Mixture.of(type, k, d, w, mu, cov);
    } catch (Mixture.NotPositiveDefinite e) {
      String what;
      if (type == CovarianceType.TIED) {
        what = "the shared covariance matrix is not positive definite";
      } else if (type == CovarianceType.FULL) {
        what = "covariance matrix " + e.component + " is not positive definite";
      } else {
        what = "the variances of component " + e.component + " must be > 0 with a finite reciprocal (> 2^-1024)";
      }
      throw stateError(what);
    }
    return new GaussianMixtureModel(m, s.iterations, s.converged, s.logLikelihoodHistory, names);
  }

  private static void finite(double[] values, String name) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw stateError(name + "[" + j + "] must be finite, got " + values[j]);
      }
    }
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("GaussianMixtureModel state: " + message);
  }

  /** @return the number of components {@code k} */
  public int components() {
    return mixture.components();
  }

  /**
   * The number of components, {@link #components()}, under the name every {@link ClusterModel} shares.
   *
   * @return the number of components
   */
  @Override
  public int clusterCount() {
    return mixture.components();
  }

  /** @return the dimension {@code d} of the points */
  public int dimension() {
    return mixture.dimension();
  }

  /**
   * The names of the columns the model was fitted on, one per dimension (scikit-learn's {@code feature_names_in_});
   * {@code x0 .. x(d-1)} when the data had none (see Column names in the class description).
   *
   * @return the names, unmodifiable
   */
  public List<String> columnNames() {
    return columnNames;
  }

  /** @return the covariance type the model was fitted with */
  public CovarianceType covarianceType() {
    return mixture.type();
  }

  /**
   * @return the mixing weights, {@code k} values summing to 1 (a fresh copy)
   */
  public double[] weights() {
    return mixture.weightsArray().clone();
  }

  /**
   * @return the means, {@code k} rows of dimension {@code d} (a fresh copy)
   */
  public double[][] means() {
    int k = components();
    int d = dimension();
    double[][] m = new double[k][d];
    double[] mu = mixture.meansArray();
    for (int c = 0; c < k; c++) {
      System.arraycopy(mu, c * d, m[c], 0, d);
    }
    return m;
  }

  /**
   * The covariance matrices, always as {@code k} full symmetric {@code d x d} matrices, whatever the type:
   * diagonal matrices for DIAGONAL, {@code sigma_c^2 I} for SPHERICAL, and {@code k} copies of the shared
   * matrix for TIED. They include the regularization (as scikit-learn's {@code covariances_}).
   *
   * @return a fresh copy
   */
  public double[][][] covariances() {
    int k = components();
    double[][][] out = new double[k][][];
    for (int c = 0; c < k; c++) {
      out[c] = mixture.covarianceMatrix(c);
    }
    return out;
  }

  /**
   * @return the number of EM iterations (M-steps) of the returned restart, as scikit-learn's
   *     {@code n_iter_}
   */
  public int iterations() {
    return iterations;
  }

  /**
   * @return whether the returned restart stopped because the change in mean log-likelihood fell below the
   *     tolerance (rather than at the iteration limit)
   */
  public boolean converged() {
    return converged;
  }

  /**
   * Mean log-likelihood per row of the training data under this (final) model, equal to scikit-learn's
   * {@code score(X)} after {@code fit(X)}. (scikit-learn's {@code lower_bound_} is the value one iteration
   * earlier: {@code logLikelihoodHistory()[iterations() - 1]} when {@code iterations() >= 1}; a fit of
   * {@code maxIterations(0)} has no such value.)
   *
   * @return {@code (1/n) sum_i log p(x_i)}
   */
  public double logLikelihood() {
    return history[history.length - 1];
  }

  /**
   * The mean log-likelihood per row of the training data after 0, 1, ..., {@link #iterations()} EM
   * iterations: {@code iterations() + 1} values, the first for the initial parameters, the last equal to
   * {@link #logLikelihood()}. A value is {@code -Infinity} when the parameters it belongs to put a row so far from
   * every component that its log density is below the double range (initial parameters far from the data): the
   * double the true value rounds to, as {@link #scoreSamples} gives for such a row.
   *
   * <p><b>Monotonicity.</b> With regularization 0, EM never decreases it in exact arithmetic (Dempster, Laird and
   * Rubin 1977); in doubles that holds to rounding (about {@code 1e-12} relative) while every covariance stays
   * well-conditioned. A component that collapses onto {@code d} or fewer points (or a lower-dimensional subspace),
   * which regularization 0 allows, has a singular or nearly singular covariance whose smallest eigenvalue (below
   * about {@code 1e-16} times its largest) is rounding noise in the computed matrix, and the log-likelihood, which
   * depends on its logarithm, can then fall by far more: at {@code n = 43}, {@code k = 4}, {@code d = 2}, FULL, a
   * component on two points went from {@code -2.7446} to {@code -2.7702} in one iteration, where the same EM step in
   * 80-digit arithmetic gives {@code -2.14881160} to {@code -2.14881141} (that eigenvalue exactly {@code 2.6e-29},
   * computed about {@code 1e-17} with either sign). A positive regularization keeps the covariances away from
   * singular but perturbs each M-step slightly, so tiny decreases are possible near convergence.
   *
   * <p>After {@link GmmInit#KMEANS_PLUS_PLUS} with at least one iteration the first value is scikit-learn's: that of
   * the initial weights {@code N_c / n}, which sum to {@code k / n} (its first E-step, on which the convergence test
   * and so the iteration count depend, uses them); the weights of a model returned after 0 iterations are divided
   * by their sum (see {@link GaussianMixture#maxIterations(int)}).
   *
   * @return a fresh array
   */
  public double[] logLikelihoodHistory() {
    return history.clone();
  }

  /**
   * Number of free parameters, as scikit-learn's {@code _n_parameters}: {@code k - 1} weights, {@code k d}
   * mean coordinates, and the covariance parameters of the type ({@link CovarianceType}).
   *
   * @return the parameter count
   */
  public int parameterCount() {
    long k = components();
    long d = dimension();
    long cov;
    switch (covarianceType()) {
      case FULL:
        cov = k * d * (d + 1) / 2;
        break;
      case DIAGONAL:
        cov = k * d;
        break;
      case TIED:
        cov = d * (d + 1) / 2;
        break;
      default:
        cov = k;
        break;
    }
    return (int) (cov + k * d + k - 1);
  }

  /**
   * {@link Mixture#weightedLogProb} of one point, or, for a point so far from every component that all of them
   * overflowed, {@link Mixture#farPoint}'s decision refined by {@link Mixture#refine} (before farPoint the posterior
   * of such a point was NaN in every component; farPoint alone ranked by the rounded terms, giving {@code [0, 1]}
   * where exact arithmetic gives {@code [0.432, 0.568]} at {@code (1e300, 0.3)}), or, where their rounding error
   * could change the posterior ({@link Mixture#directReliable}), {@link Mixture#refine}'s differences (before them a
   * point at {@code 1e150} got {@code [0.5, 0.5]} where exact arithmetic gives one-hot). Used by {@link #predict} and
   * {@link #predictProba}.
   */
  private void logProb(double[] x, int off, double[] lp, double[] scratch) {
    mixture.weightedLogProb(x, off, lp, scratch);
    if (Mixture.allOverflowed(lp, lp.length)) {
      mixture.farPoint(x, off, lp);
      mixture.refine(x, off, lp);
    } else if (!mixture.directReliable(x, off, lp)) {
      mixture.refine(x, off, lp);
    }
  }

  /**
   * The most probable component of a point (the largest {@code log w_c + log N(x | mu_c, Sigma_c)}; ties go
   * to the smaller index).
   *
   * @param x a point of dimension {@link #dimension()}, finite
   * @return the component index in {@code [0, k)}
   * @throws IllegalArgumentException if {@code x} is null, of the wrong dimension or not finite, or so far from the
   *     components that double precision cannot decide (see Far points in the class description)
   */
  public int predict(double[] x) {
    checkPoint(x);
    double[] lp = new double[components()];
    logProb(x, 0, lp, new double[dimension()]);
    return argmax(lp);
  }

  /**
   * The most probable component of every row: what {@link #predict(double[])} gives row by row, computed by blocks of
   * rows so that the arithmetic vectorises (the same values bit for bit). One thread.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return one component index per row
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension, or a row is so far from the
   *     components that double precision cannot decide (as {@link #predict(double[])}),
   *     or if its column names and the model's ({@link #columnNames()}) were both given (not the
   *     placeholders of data without names) and differ
   */
  public int[] predict(Dataset data) {
    checkData(data);
    int n = data.size();
    double[] x = DataAccess.values(data);
    int[] out = new int[n];
    scanBlocks(x, n, true, (i, lp) -> out[i] = argmax(lp));
    return out;
  }

  /** Receives the weighted log densities of one row ({@link #scanBlocks}). */
  private interface RowLogProb {
    void accept(int row, double[] lp);
  }

  /** Rows per block of {@link #scanBlocks}. */
  private static final int SCAN_BLOCK = 128;

  /**
   * The weighted log densities of every row, in row order, one row at a time into {@code sink} (the array is reused):
   * the values of {@link Mixture#weightedLogProb} row by row, computed by blocks of rows copied column by column
   * ({@link Mixture#blockLogProb}: the same arithmetic in the same order, vectorised over the rows), and with
   * {@code far}, {@link Mixture#farPoint} and {@link Mixture#refine} where {@link #logProb} uses them.
   */
  private void scanBlocks(double[] x, int n, boolean far, RowLogProb sink) {
    final int d = dimension();
    final int k = components();
    final int b = SCAN_BLOCK;
    final double[][] xb = new double[d][b];
    final double[][] lp = new double[k][b];
    final double[][] diff = new double[d][b];
    final double[] z = new double[b];
    final double[] row = new double[k];
    for (int i0 = 0; i0 < n; i0 += b) {
      final int len = Math.min(b, n - i0);
      for (int j = 0; j < d; j++) {
        final double[] xj = xb[j];
        for (int t = 0, o = i0 * d + j; t < len; t++, o += d) {
          xj[t] = x[o];
        }
      }
      mixture.blockLogProb(xb, len, lp, diff, z);
      for (int t = 0; t < len; t++) {
        for (int c = 0; c < k; c++) {
          row[c] = lp[c][t];
        }
        if (far) {
          try {
            if (Mixture.allOverflowed(row, k)) {
              mixture.farPoint(x, (i0 + t) * d, row);
              mixture.refine(x, (i0 + t) * d, row);
            } else if (!mixture.directReliable(x, (i0 + t) * d, row)) {
              mixture.refine(x, (i0 + t) * d, row);
            }
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("row " + (i0 + t) + ": " + e.getMessage(), e);
          }
        }
        sink.accept(i0 + t, row);
      }
    }
  }

  /**
   * Posterior probability of each component for a point (scikit-learn's {@code predict_proba}); the
   * values are non-negative and sum to 1. A point so far from every component that all its log densities
   * overflow (near {@code 1e200} for components of unit scale), where the plain computation gave NaN, gets the
   * posterior of exact arithmetic as every far point does (see Far points in the class description): the component
   * that {@code Mixture.farPoint} ranks first term by term is the reference of {@code Mixture.refine}'s differences.
   *
   * @param x a point of dimension {@link #dimension()}, finite
   * @return {@code k} probabilities
   * @throws IllegalArgumentException if {@code x} is null, of the wrong dimension or not finite, or so far from the
   *     components that double precision cannot decide its posterior (see Far points in the class description)
   */
  public double[] predictProba(double[] x) {
    checkPoint(x);
    int k = components();
    double[] lp = new double[k];
    logProb(x, 0, lp, new double[dimension()]);
    Mixture.normalize(lp, k);
    return lp;
  }

  /**
   * Posterior probabilities of every row: what {@link #predictProba(double[])} gives row by row, computed by blocks of
   * rows (the same values bit for bit). One thread.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return {@code n} rows of {@code k} probabilities
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension, or a row is so far from the
   *     components that double precision cannot decide its posterior (as {@link #predictProba(double[])}),
   *     or if its column names and the model's ({@link #columnNames()}) were both given (not the
   *     placeholders of data without names) and differ
   */
  public double[][] predictProba(Dataset data) {
    checkData(data);
    int n = data.size();
    int k = components();
    double[] x = DataAccess.values(data);
    double[][] out = new double[n][];
    scanBlocks(x, n, true, (i, lp) -> {
      double[] r = lp.clone();
      Mixture.normalize(r, k);
      out[i] = r;
    });
    return out;
  }

  /**
   * Log density {@code log p(x_i)} of every row under the mixture (scikit-learn's {@code score_samples}). A row so
   * far from every component that all its log densities overflow (near {@code 1e200} for components of unit scale)
   * gets {@code -Infinity}, the double its true log density (below {@code -1e300}) rounds to; {@link #bic} and
   * {@link #aic} of data holding such a row are then {@code +Infinity}. Computed by blocks of rows (the values do not
   * depend on the other rows). One thread.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return one log density per row
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension,
   *     or if its column names and the model's ({@link #columnNames()}) were both given (not the
   *     placeholders of data without names) and differ
   */
  public double[] scoreSamples(Dataset data) {
    checkData(data);
    int n = data.size();
    int k = components();
    double[] x = DataAccess.values(data);
    double[] out = new double[n];
    // All overflowed: log-sum-exp would subtract -inf from -inf (NaN); the true value is beyond the range.
    scanBlocks(x, n, false,
        (i, lp) -> out[i] = Mixture.allOverflowed(lp, k) ? Double.NEGATIVE_INFINITY : Mixture.logSumExp(lp, k));
    return out;
  }

  /**
   * Log density {@code log p(x)} of one point under the mixture: {@link #scoreSamples(Dataset)} of a dataset holding
   * this point, bit for bit (the same value it gets as a row of any dataset), {@code -Infinity} for a point so far
   * from every component that all its log densities overflow.
   *
   * @param x a point of dimension {@link #dimension()}, finite (not modified)
   * @return its log density
   * @throws IllegalArgumentException if {@code x} is null, of the wrong dimension or not finite
   */
  public double scoreSample(double[] x) {
    checkPoint(x);
    return scoreSamples(Dataset.wrap(x, 1, x.length))[0];
  }

  /**
   * The mean log density of the rows under the mixture: scikit-learn's {@code GaussianMixture.score(X)}, the mean of
   * {@link #scoreSamples(Dataset)}. Equal to {@link #logLikelihood()} to rounding on the training data. The log
   * densities are added as {@link #bic(Dataset)} and {@link #aic(Dataset)} add them, in row order (one thread, a fixed
   * order, so the same value on any machine; reordering the rows changes only the rounding of the sum) and the sum
   * divided by {@code n}. {@code -Infinity} when a row is so far from every component that its log density is (see
   * {@link #scoreSamples(Dataset)}). Neither the data nor the model is modified.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return {@code (1/n) sum_i log p(x_i)}
   * @throws IllegalArgumentException as {@link #scoreSamples(Dataset)}: if {@code data} is null or of the wrong
   *     dimension, or if its column names and the model's were both given and differ
   */
  public double score(Dataset data) {
    return totalLogLikelihood(data) / data.size();
  }

  /**
   * Draws {@code n} points from the mixture, as scikit-learn's {@code GaussianMixture.sample(n_samples)}: the number
   * of points of each component is drawn from the multinomial distribution of {@code n} trials with the weights as
   * probabilities (divided by their sum, which a model rebuilt from a state may hold within {@code 1e-6} of 1; a
   * component of weight 0 gets none), then each component's points are drawn from its Gaussian,
   * {@code mu_c + L_c z} with {@code z} standard normal and {@code L_c} the Cholesky factor of its covariance
   * ({@code sigma_cj z_j} per coordinate for DIAGONAL and SPHERICAL). The rows come grouped by component, component
   * 0's first, with their components as labels, as scikit-learn returns {@code (X, y)}.
   *
   * <p><b>Randomness.</b> One stream of the library's generator (SplitMix64, fully specified) seeded by {@code seed}:
   * the same seed gives the same points bit for bit on every JVM and machine; the points do not equal numpy's for
   * any seed. Counts are drawn by {@code n} categorical draws (one uniform each), then the points component after
   * component. One thread; {@code O(n (k + d^2))} time for FULL and TIED, {@code O(n (k + d))} otherwise.
   *
   * <p>The result is {@code n * d} new values; the model is not modified. Its columns carry the model's
   * {@link #columnNames()} (none for a model fitted without names), so it can be given back to the model's methods.
   *
   * @param n the number of points, at least 1 (scikit-learn refuses fewer too)
   * @param seed the seed
   * @return {@code n} points with their component labels in {@code 0..k-1}, grouped by component in increasing
   *     order
   * @throws IllegalArgumentException if {@code n < 1}, or {@code n * d} exceeds {@link Dataset#MAX_VALUES}
   */
  public LabeledDataset sample(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    int k = components();
    int d = dimension();
    if ((long) n * d > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException("n * d must be at most " + Dataset.MAX_VALUES + " (the largest dataset), got "
          + n + " * " + d);
    }
    double[] w = mixture.weightsArray();
    double[] cumulative = new double[k];
    double total = 0;
    int lastPositive = 0;
    for (int c = 0; c < k; c++) {
      total += w[c];
      cumulative[c] = total;
      if (w[c] > 0) {
        lastPositive = c;
      }
    }
    Rng rng = new Rng(seed);
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble() * total;
      // The first component whose cumulative weight exceeds u: never one of weight 0 (its cumulative equals the one
      // before, or 0 for the first); u rounded up to the total falls to the last component of positive weight.
      int c = 0;
      while (c < k && !(u < cumulative[c])) {
        c++;
      }
      counts[c < k ? c : lastPositive]++;
    }
    double[] mu = mixture.meansArray();
    double[] cov = mixture.covArray();
    CovarianceType type = covarianceType();
    double[] out = new double[n * d];
    int[] labels = new int[n];
    double[] z = new double[d];
    double[] factor = type == CovarianceType.TIED ? cholesky(cov, 0, d) : null;
    int row = 0;
    for (int c = 0; c < k; c++) {
      double[] scale = null;
      if (type == CovarianceType.FULL) {
        factor = cholesky(cov, c * d * d, d);
      } else if (type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) {
        scale = new double[d];
        for (int j = 0; j < d; j++) {
          scale[j] = Math.sqrt(type == CovarianceType.DIAGONAL ? cov[c * d + j] : cov[c]);
        }
      }
      for (int r = 0; r < counts[c]; r++, row++) {
        int o = row * d;
        for (int j = 0; j < d; j++) {
          z[j] = rng.nextGaussian();
        }
        if (scale != null) {
          for (int j = 0; j < d; j++) {
            out[o + j] = mu[c * d + j] + scale[j] * z[j];
          }
        } else {
          for (int a = 0; a < d; a++) {
            double v = 0;
            for (int b = 0; b <= a; b++) {
              v += factor[a * d + b] * z[b];
            }
            out[o + a] = mu[c * d + a] + v;
          }
        }
        labels[row] = c;
      }
    }
    return new LabeledDataset(Dataset.wrap(out, n, d).withColumnNames(columnNames), labels);
  }

  /**
   * The lower Cholesky factor {@code L} ({@code d x d}, row-major, zeros above the diagonal) of the symmetric matrix
   * at {@code a[off..]}, by the arithmetic of {@code Mixture}'s factorisation, which accepted the same matrix when the
   * model was built, so every pivot is positive.
   */
  private static double[] cholesky(double[] a, int off, int d) {
    double[] l = new double[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c <= r; c++) {
        double s = a[off + r * d + c];
        for (int m = 0; m < c; m++) {
          s -= l[r * d + m] * l[c * d + m];
        }
        l[r * d + c] = r == c ? Math.sqrt(s) : s / l[c * d + c];
      }
    }
    return l;
  }

  /**
   * Bayesian information criterion (Schwarz 1978, doi:10.1214/aos/1176344136) on {@code data}, as
   * scikit-learn: {@code -2 log L + p ln n} with {@code p = }{@link #parameterCount()}. Lower is better.
   *
   * @param data the points, usually the training data, in the columns the model was fitted on
   * @return the BIC
   * @throws IllegalArgumentException as {@link #scoreSamples(Dataset)}: if {@code data} is null or of the wrong
   *     dimension, or if its column names and the model's were both given and differ
   */
  public double bic(Dataset data) {
    return -2 * totalLogLikelihood(data) + parameterCount() * Math.log(data.size());
  }

  /**
   * Akaike information criterion (Akaike 1974, doi:10.1109/TAC.1974.1100705) on {@code data}, as
   * scikit-learn: {@code -2 log L + 2 p} with {@code p = }{@link #parameterCount()}. Lower is better.
   *
   * @param data the points, usually the training data, in the columns the model was fitted on
   * @return the AIC
   * @throws IllegalArgumentException as {@link #scoreSamples(Dataset)}: if {@code data} is null or of the wrong
   *     dimension, or if its column names and the model's were both given and differ
   */
  public double aic(Dataset data) {
    return -2 * totalLogLikelihood(data) + 2.0 * parameterCount();
  }

  private double totalLogLikelihood(Dataset data) {
    double[] s = scoreSamples(data);
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      sum += s[i];
    }
    return sum;
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int c = 1; c < v.length; c++) {
      if (v[c] > v[best]) {
        best = c;
      }
    }
    return best;
  }

  private void checkPoint(double[] x) {
    if (x == null) {
      throw new IllegalArgumentException("point must not be null");
    }
    if (x.length != dimension()) {
      throw new IllegalArgumentException("point must have dimension " + dimension() + ", got " + x.length);
    }
    for (int j = 0; j < x.length; j++) {
      if (!Double.isFinite(x[j])) {
        throw new IllegalArgumentException("point must be finite, got " + x[j] + " at index " + j);
      }
    }
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != dimension()) {
      throw new IllegalArgumentException("data must have dimension " + dimension() + ", got "
          + data.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, data, "data");
  }

  /**
   * The fitted state of a {@link GaussianMixtureModel} as a plain value. Arrays are flat and row-major:
   * {@code weights} has {@code k} values, {@code means} {@code k * d}; {@code covariances} holds the
   * covariance type's own storage, regularization included: FULL {@code k} matrices {@code d x d}
   * ({@code k * d * d} values), TIED one {@code d x d} matrix, DIAGONAL {@code k * d} variances, SPHERICAL
   * {@code k} variances. {@code k} is the length of {@code weights} and {@code d = means.length / k}. The
   * names of the fitted columns, one per dimension. The run's summary: iterations, convergence and the
   * {@code iterations + 1} mean log-likelihoods.
   *
   * <p>The constructor only rejects null arguments and copies; {@link GaussianMixtureModel#fromState}
   * checks every other rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)}
   * compares every field, numbers bit for bit.
   */
  public static final class State {
    private final CovarianceType covarianceType;
    private final List<String> columnNames;
    private final double[] weights;
    private final double[] means;
    private final double[] covariances;
    private final int iterations;
    private final boolean converged;
    private final double[] logLikelihoodHistory;

    /**
     * A state without column names: they are {@code x0 .. x(d-1)} with {@code d = means.length / weights.length},
     * the names no dataset is checked against.
     *
     * @param covarianceType the covariance type
     * @param weights the mixing weights, {@code k} values (copied)
     * @param means the means, row-major {@code k x d} (copied)
     * @param covariances the covariance storage of the type, as in the class description (copied)
     * @param iterations the number of EM iterations
     * @param converged whether the run converged
     * @param logLikelihoodHistory the mean log-likelihood after 0, 1, ..., {@code iterations} iterations
     *     (copied)
     * @throws IllegalArgumentException if {@code covarianceType} or an array is null
     */
    public State(CovarianceType covarianceType, double[] weights, double[] means, double[] covariances,
        int iterations, boolean converged, double[] logLikelihoodHistory) {
      this(covarianceType, defaultNames(weights, means), weights, means, covariances, iterations, converged,
          logLikelihoodHistory);
    }

    /**
     * @param covarianceType the covariance type
     * @param columnNames the names of the fitted columns, one per dimension (copied;
     *     {@link GaussianMixtureModel#fromState} checks them)
     * @param weights the mixing weights, {@code k} values (copied)
     * @param means the means, row-major {@code k x d} (copied)
     * @param covariances the covariance storage of the type, as in the class description (copied)
     * @param iterations the number of EM iterations
     * @param converged whether the run converged
     * @param logLikelihoodHistory the mean log-likelihood after 0, 1, ..., {@code iterations} iterations
     *     (copied)
     * @throws IllegalArgumentException if {@code covarianceType}, {@code columnNames} or an array is null
     */
    public State(CovarianceType covarianceType, List<String> columnNames, double[] weights, double[] means,
        double[] covariances, int iterations, boolean converged, double[] logLikelihoodHistory) {
      this.covarianceType = nonNull(covarianceType, "covarianceType");
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.weights = nonNull(weights, "weights").clone();
      this.means = nonNull(means, "means").clone();
      this.covariances = nonNull(covariances, "covariances").clone();
      this.iterations = iterations;
      this.converged = converged;
      this.logLikelihoodHistory = nonNull(logLikelihoodHistory, "logLikelihoodHistory").clone();
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "GaussianMixtureModel", name);
    }

    /** {@code x0 .. x(d-1)} for {@code d = means.length / weights.length} (none without weights). */
    private static List<String> defaultNames(double[] weights, double[] means) {
      int k = nonNull(weights, "weights").length;
      return FittedColumns.defaults(k == 0 ? 0 : nonNull(means, "means").length / k);
    }

    /** @return the covariance type */
    public CovarianceType covarianceType() {
      return covarianceType;
    }

    /** @return the names of the fitted columns (unmodifiable; may hold nulls if given so) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return a copy of the weights */
    public double[] weights() {
      return weights.clone();
    }

    /** @return a copy of the means, row-major {@code k x d} */
    public double[] means() {
      return means.clone();
    }

    /** @return a copy of the covariance storage (see the class description) */
    public double[] covariances() {
      return covariances.clone();
    }

    /** @return the number of EM iterations */
    public int iterations() {
      return iterations;
    }

    /** @return whether the run converged */
    public boolean converged() {
      return converged;
    }

    /** @return a copy of the mean log-likelihoods after 0, 1, ..., {@code iterations} iterations */
    public double[] logLikelihoodHistory() {
      return logLikelihoodHistory.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return covarianceType == s.covarianceType && FittedColumns.sameNames(columnNames, s.columnNames)
          && Arrays.equals(weights, s.weights)
          && Arrays.equals(means, s.means) && Arrays.equals(covariances, s.covariances)
          && iterations == s.iterations && converged == s.converged
          && Arrays.equals(logLikelihoodHistory, s.logLikelihoodHistory);
    }

    @Override
    public int hashCode() {
      int h = covarianceType.hashCode();
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Arrays.hashCode(weights);
      h = 31 * h + Arrays.hashCode(means);
      h = 31 * h + Arrays.hashCode(covariances);
      h = 31 * h + iterations;
      h = 31 * h + Boolean.hashCode(converged);
      return 31 * h + Arrays.hashCode(logLikelihoodHistory);
    }

    @Override
    public String toString() {
      return "GaussianMixtureModel.State[k=" + weights.length + ", " + covarianceType + ", iterations="
          + iterations + ", converged=" + converged + "]";
    }
  }

  @Override
  public String toString() {
    return "GaussianMixtureModel[components=" + components() + ", d=" + dimension() + ", " + covarianceType()
        + ", iterations=" + iterations + ", converged=" + converged + ", logLikelihood=" + logLikelihood()
        + "]";
  }
}
