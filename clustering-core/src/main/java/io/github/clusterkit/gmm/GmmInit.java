package io.github.clusterkit.gmm;

/**
 * How {@link GaussianMixture} chooses the starting responsibilities of each restart; the initial weights,
 * means and covariances are then computed from them by one M-step (as scikit-learn's {@code init_params}).
 * {@link GaussianMixture#initialParameters} bypasses all of these; {@link GaussianMixture#initialMeans} keeps the
 * weights and covariances they give and replaces the means.
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
   * the regularization times the identity (up to rounding, as {@link #RANDOM_FROM_DATA} says; and TIED covariances
   * start otherwise in scikit-learn, see there). scikit-learn 1.2: {@code init_params="k-means++"}.
   */
  KMEANS_PLUS_PLUS,
  /**
   * Uniform random responsibilities, each row normalised to sum 1: all components start near the global
   * mean and covariance and separate slowly. scikit-learn: {@code init_params="random"}.
   */
  RANDOM,
  /**
   * Each component starts from one row drawn at random, {@code k} distinct row numbers without replacement (every
   * ordered choice equally likely, from the mixture's seeded generator, not numpy's stream; the first {@code k} steps
   * of a Fisher-Yates shuffle, {@code O(k)} time): responsibility 1 for that row only, as {@link #KMEANS_PLUS_PLUS}
   * without its spreading of the rows. scikit-learn 1.1+: {@code init_params="random_from_data"}. The initial mean of
   * component {@code c} is its row divided by {@code 1 + 10 eps} (scikit-learn's {@code N_c}), its weight
   * {@code (1 + 10 eps) / n}, its covariance the regularization times the identity plus the outer product of the
   * residual {@code row - mean} (about {@code 2.2e-15} times the row) divided by {@code 1 + 10 eps}: off-diagonal
   * entries near {@code 5e-30} times the products of the values, and diagonal entries exactly the regularization while
   * the values stay below about {@code 5e6} times its square root ({@code 5e3} at the default).
   * <p>Distinct row numbers may hold equal rows (duplicates in the data): the components started from equal rows have
   * equal parameters and stay equal through every EM step (the same responsibilities give the same M-step), as in
   * scikit-learn, which does not check either; with two components both then end as the one-component fit, each of
   * weight 1/2. Restarts let another draw win. Data with fewer distinct rows than components are accepted, as with
   * {@link #RANDOM}.
   * <p>TIED covariances start otherwise than in scikit-learn 1.2.1, which computes the tied covariance as
   * {@code (X^T X - sum_c N_c mean_c mean_c^T) / sum_c N_c}: that formula assumes that every row's responsibilities sum
   * to 1, so its initial covariance from {@code k} one-hot rows is about {@code X^T X / k}, the sum of all {@code n}
   * rows' outer products divided by {@code k} ({@code n / k} times the second moment about the origin: 2055 in the
   * test of this rule, 120 blobs of spread about 1, {@code k = 3}, whose second moment divided by {@code k} is about
   * 17.6); here it is the scatter of the chosen rows about their own means, the regularization times the identity, as
   * for the other types. The same holds for {@link #KMEANS_PLUS_PLUS}.
   */
  RANDOM_FROM_DATA
}
