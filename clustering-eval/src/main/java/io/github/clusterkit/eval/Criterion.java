package io.github.clusterkit.eval;

/**
 * A criterion for choosing the number of clusters, as tabulated by {@link KSelectionResult}. Each states the
 * rule by which it picks {@code k}; ties go to the smallest {@code k}. The first four score the K-Means fit of
 * each {@code k}; {@link #BIC} and {@link #AIC} score a Gaussian mixture fitted for each {@code k}.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum Criterion {
  /** Inertia (within-cluster sum of squares); {@code k} at the knee of the curve ({@link Kneedle}). */
  INERTIA("knee of the inertia curve (Kneedle)", false),
  /** Mean silhouette ({@link Silhouette}); the highest wins. Undefined for {@code k = 1}. */
  SILHOUETTE("highest mean silhouette", false),
  /** Davies-Bouldin index ({@link DaviesBouldin}, classic form); the lowest wins. Undefined for {@code k = 1}. */
  DAVIES_BOULDIN("lowest Davies-Bouldin index", true),
  /** Calinski-Harabasz index ({@link CalinskiHarabasz}); the highest wins. Undefined for {@code k = 1}. */
  CALINSKI_HARABASZ("highest Calinski-Harabasz index", false),
  /**
   * Bayesian information criterion of a Gaussian mixture with {@code k} components
   * ({@link io.github.clusterkit.gmm.GaussianMixtureModel#bic}); the lowest wins. Computed only when the sweep
   * fits mixtures ({@link KSelection#mixtures}).
   */
  BIC("lowest BIC of the Gaussian mixture", true),
  /**
   * Akaike information criterion of a Gaussian mixture with {@code k} components
   * ({@link io.github.clusterkit.gmm.GaussianMixtureModel#aic}); the lowest wins. Computed only when the sweep
   * fits mixtures ({@link KSelection#mixtures}).
   */
  AIC("lowest AIC of the Gaussian mixture", true);

  private final String rule;
  private final boolean lowerIsBetter;

  Criterion(String rule, boolean lowerIsBetter) {
    this.rule = rule;
    this.lowerIsBetter = lowerIsBetter;
  }

  /** True if the lowest value wins (for the knee criterion: meaningless, false). */
  boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  /** @return the rule by which this criterion picks {@code k}, in words */
  public String rule() {
    return rule;
  }
}
