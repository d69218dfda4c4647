package io.github.clusterkit.eval;

/**
 * A criterion for choosing the number of clusters, as tabulated by {@link KSelectionResult}. Each states the
 * rule by which it picks {@code k}; ties go to the smallest {@code k}.
 */
public enum Criterion {
  /** Inertia (within-cluster sum of squares); {@code k} at the knee of the curve ({@link Kneedle}). */
  INERTIA("knee of the inertia curve (Kneedle)"),
  /** Mean silhouette ({@link Silhouette}); the highest wins. Undefined for {@code k = 1}. */
  SILHOUETTE("highest mean silhouette"),
  /** Davies-Bouldin index ({@link DaviesBouldin}, classic form); the lowest wins. Undefined for {@code k = 1}. */
  DAVIES_BOULDIN("lowest Davies-Bouldin index"),
  /** Calinski-Harabasz index ({@link CalinskiHarabasz}); the highest wins. Undefined for {@code k = 1}. */
  CALINSKI_HARABASZ("highest Calinski-Harabasz index");

  private final String rule;

  Criterion(String rule) {
    this.rule = rule;
  }

  /** @return the rule by which this criterion picks {@code k}, in words */
  public String rule() {
    return rule;
  }
}
