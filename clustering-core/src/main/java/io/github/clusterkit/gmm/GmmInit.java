package io.github.clusterkit.gmm;

/**
 * How {@link GaussianMixture} chooses the starting responsibilities of each restart; the initial weights,
 * means and covariances are then computed from them by one M-step (as scikit-learn's {@code init_params}).
 * {@link GaussianMixture#initialParameters} bypasses all of these.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum GmmInit {
  /**
   * Hard responsibilities from the labels of one K-Means run (k-means++ seeding, then Lloyd iterations)
   * with the mixture's seed. scikit-learn: {@code init_params="kmeans"}.
   */
  KMEANS,
  /**
   * Each component starts from one k-means++ seed point (Arthur and Vassilvitskii, SODA 2007,
   * doi:10.5555/1283383.1283494): responsibility 1 for that point only, so every initial covariance is
   * the regularization times the identity. scikit-learn 1.2: {@code init_params="k-means++"}.
   */
  KMEANS_PLUS_PLUS,
  /**
   * Uniform random responsibilities, each row normalised to sum 1: all components start near the global
   * mean and covariance and separate slowly. scikit-learn: {@code init_params="random"}.
   */
  RANDOM
}
