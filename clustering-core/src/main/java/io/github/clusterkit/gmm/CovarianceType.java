package io.github.clusterkit.gmm;

/**
 * The shape of the covariance matrices of a {@link GaussianMixture}, as scikit-learn's
 * {@code covariance_type}. Number of free covariance parameters for {@code k} components in {@code d}
 * dimensions in brackets (they enter {@link GaussianMixtureModel#bic} and {@link GaussianMixtureModel#aic}).
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum CovarianceType {
  /** Each component has its own general covariance matrix [{@code k d (d + 1) / 2}]. scikit-learn: "full". */
  FULL,
  /** Each component has its own diagonal covariance matrix [{@code k d}]. scikit-learn: "diag". */
  DIAGONAL,
  /** Each component has its own single variance, {@code sigma_k^2 I} [{@code k}]. scikit-learn: "spherical". */
  SPHERICAL,
  /** All components share one general covariance matrix [{@code d (d + 1) / 2}]. scikit-learn: "tied". */
  TIED
}
