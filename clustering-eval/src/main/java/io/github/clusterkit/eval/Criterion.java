package io.github.clusterkit.eval;

/**
 * A criterion for choosing the number of clusters, as tabulated by {@link KSelectionResult}. Each states the
 * rule by which it picks {@code k}; ties go to the smallest {@code k}. {@link #SILHOUETTE}, {@link #DAVIES_BOULDIN}
 * and {@link #CALINSKI_HARABASZ} score the labels of the fit of each {@code k}, in every kind of sweep;
 * {@link #INERTIA} belongs to the K-Means sweep ({@link KSelection#kMeans}) and the bisecting K-Means sweep
 * ({@link KSelection#bisectingKMeans}), {@link #BIC} and {@link #AIC}, with a Gaussian mixture fitted for each
 * {@code k}, to the K-Means sweep alone; {@link #COST} and {@link #MEDOID_SILHOUETTE} to the K-Medoids sweep
 * ({@link KSelection#kMedoids}). A sweep refuses the criteria of the other kinds.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum Criterion {
  /** Inertia (within-cluster sum of squares); {@code k} at the knee of the curve ({@link Kneedle}). */
  INERTIA("knee of the inertia curve (Kneedle)", false),
  /**
   * K-Medoids cost, the sum of the (not squared) distances to the medoids in the sweep's metric
   * ({@link io.github.clusterkit.kmedoids.KMedoidsModel#cost}); {@code k} at the knee of the curve
   * ({@link Kneedle}), as for the inertia. K-Medoids sweeps only.
   */
  COST("knee of the cost curve (Kneedle)", false),
  /**
   * Mean silhouette ({@link Silhouette}, in the sweep's metric: Euclidean for K-Means); the highest wins. Undefined
   * for {@code k = 1}.
   */
  SILHOUETTE("highest mean silhouette", false),
  /**
   * Mean medoid silhouette ({@link MedoidSilhouette}) of the fitted medoids, in the sweep's metric; the highest
   * wins. Undefined for {@code k = 1}. K-Medoids sweeps only. Its maximum, 1, is reached when every row is a medoid
   * ({@code k = n}; with duplicate rows already at the number of distinct rows), where the silhouette is 0, and it
   * tends to rise with {@code k}: a sweep up to {@code maxK = n} recommends {@code k = n} by it, so keep
   * {@code maxK} well below the number of rows, or recommend by the silhouette or the cost.
   */
  MEDOID_SILHOUETTE("highest mean medoid silhouette", false),
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
