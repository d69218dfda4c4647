package io.github.clusterkit.gmm;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.gmm.internal.Mixture;
import io.github.clusterkit.internal.DataAccess;

/**
 * A fitted Gaussian mixture: weights, means and covariance matrices, with soft and hard assignment of
 * new points, log densities, and the information criteria BIC and AIC. Returned by
 * {@link GaussianMixture#fit(Dataset)}.
 *
 * <p>Component {@code c} has density {@code w_c N(x | mu_c, Sigma_c)}; {@link #predictProba(double[])} gives
 * the posterior probabilities {@code w_c N(x | mu_c, Sigma_c) / sum_j w_j N(x | mu_j, Sigma_j)}, computed in
 * log space so far-away points still get proper probabilities (their nearest component in Mahalanobis
 * terms gets nearly all of it).
 *
 * <p><b>Copies.</b> Every array returned is a fresh copy; arguments are never modified.
 *
 * <p><b>Thread-safety.</b> Immutable, safe to share; every method may be called concurrently.
 */
public final class GaussianMixtureModel {

  private final Mixture mixture;
  private final int iterations;
  private final boolean converged;
  private final double[] history;

  GaussianMixtureModel(Mixture mixture, int iterations, boolean converged, double[] history) {
    this.mixture = mixture;
    this.iterations = iterations;
    this.converged = converged;
    this.history = history;
  }

  /** @return the number of components {@code k} */
  public int components() {
    return mixture.components();
  }

  /** @return the dimension {@code d} of the points */
  public int dimension() {
    return mixture.dimension();
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
   * earlier: {@code logLikelihoodHistory()[iterations() - 1]}.)
   *
   * @return {@code (1/n) sum_i log p(x_i)}
   */
  public double logLikelihood() {
    return history[history.length - 1];
  }

  /**
   * The mean log-likelihood per row of the training data after 0, 1, ..., {@link #iterations()} EM
   * iterations: {@code iterations() + 1} values, the first for the initial parameters, the last equal to
   * {@link #logLikelihood()}. EM never decreases it when the regularization is 0; a positive regularization
   * perturbs each M-step slightly, so tiny decreases are possible near convergence.
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
   * The most probable component of a point (the largest {@code log w_c + log N(x | mu_c, Sigma_c)}; ties go
   * to the smaller index).
   *
   * @param x a point of dimension {@link #dimension()}, finite
   * @return the component index in {@code [0, k)}
   * @throws IllegalArgumentException if {@code x} is null, of the wrong dimension or not finite
   */
  public int predict(double[] x) {
    checkPoint(x);
    double[] lp = new double[components()];
    mixture.weightedLogProb(x, 0, lp, new double[dimension()]);
    return argmax(lp);
  }

  /**
   * The most probable component of every row.
   *
   * @param data points of dimension {@link #dimension()}
   * @return one component index per row
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension
   */
  public int[] predict(Dataset data) {
    checkData(data);
    int n = data.size();
    int d = dimension();
    double[] x = DataAccess.values(data);
    double[] lp = new double[components()];
    double[] scratch = new double[d];
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      mixture.weightedLogProb(x, i * d, lp, scratch);
      out[i] = argmax(lp);
    }
    return out;
  }

  /**
   * Posterior probability of each component for a point (scikit-learn's {@code predict_proba}); the
   * values are non-negative and sum to 1.
   *
   * @param x a point of dimension {@link #dimension()}, finite
   * @return {@code k} probabilities
   * @throws IllegalArgumentException if {@code x} is null, of the wrong dimension or not finite
   */
  public double[] predictProba(double[] x) {
    checkPoint(x);
    int k = components();
    double[] lp = new double[k];
    mixture.weightedLogProb(x, 0, lp, new double[dimension()]);
    Mixture.normalize(lp, k);
    return lp;
  }

  /**
   * Posterior probabilities of every row.
   *
   * @param data points of dimension {@link #dimension()}
   * @return {@code n} rows of {@code k} probabilities
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension
   */
  public double[][] predictProba(Dataset data) {
    checkData(data);
    int n = data.size();
    int d = dimension();
    int k = components();
    double[] x = DataAccess.values(data);
    double[] scratch = new double[d];
    double[][] out = new double[n][k];
    for (int i = 0; i < n; i++) {
      mixture.weightedLogProb(x, i * d, out[i], scratch);
      Mixture.normalize(out[i], k);
    }
    return out;
  }

  /**
   * Log density {@code log p(x_i)} of every row under the mixture (scikit-learn's {@code score_samples}).
   *
   * @param data points of dimension {@link #dimension()}
   * @return one log density per row
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension
   */
  public double[] scoreSamples(Dataset data) {
    checkData(data);
    int n = data.size();
    int d = dimension();
    int k = components();
    double[] x = DataAccess.values(data);
    double[] lp = new double[k];
    double[] scratch = new double[d];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      mixture.weightedLogProb(x, i * d, lp, scratch);
      out[i] = Mixture.logSumExp(lp, k);
    }
    return out;
  }

  /**
   * Bayesian information criterion (Schwarz 1978, doi:10.1214/aos/1176344136) on {@code data}, as
   * scikit-learn: {@code -2 log L + p ln n} with {@code p = }{@link #parameterCount()}. Lower is better.
   *
   * @param data the points, usually the training data
   * @return the BIC
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension
   */
  public double bic(Dataset data) {
    return -2 * totalLogLikelihood(data) + parameterCount() * Math.log(data.size());
  }

  /**
   * Akaike information criterion (Akaike 1974, doi:10.1109/TAC.1974.1100705) on {@code data}, as
   * scikit-learn: {@code -2 log L + 2 p} with {@code p = }{@link #parameterCount()}. Lower is better.
   *
   * @param data the points, usually the training data
   * @return the AIC
   * @throws IllegalArgumentException if {@code data} is null or of the wrong dimension
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
        throw new IllegalArgumentException("point must be finite, got x[" + j + "] = " + x[j]);
      }
    }
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != dimension()) {
      throw new IllegalArgumentException("data must have dimension " + dimension() + ", got "
          + data.dimension());
    }
  }

  @Override
  public String toString() {
    return "GaussianMixtureModel[k=" + components() + ", d=" + dimension() + ", " + covarianceType()
        + ", iterations=" + iterations + ", converged=" + converged + ", logLikelihood=" + logLikelihood()
        + "]";
  }
}
