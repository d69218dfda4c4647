package io.github.clusterkit.eval;

/**
 * How the internal indices ({@link Silhouette}, {@link SimplifiedSilhouette}, {@link DaviesBouldin},
 * {@link CalinskiHarabasz}, {@link Inertia}, {@link Dbcv}) treat rows labelled {@code -1} (noise, as DBSCAN reports
 * it). {@link Dbcv} is the one index whose default is not {@link #IGNORE}: its default {@link #SINGLETONS} is its
 * paper's treatment of noise.
 *
 * <p>scikit-learn has no notion of noise (a {@code -1} is just another label there, which is
 * {@link #MERGE}); ELKI offers the same three choices under the names {@code IGNORE_NOISE},
 * {@code MERGE_NOISE} and {@code TREAT_NOISE_AS_SINGLETONS}. {@link #MERGE} and {@link #SINGLETONS} follow
 * ELKI's definitions and reproduce its published figures; {@link #IGNORE} drops the rows, which equals
 * scikit-learn on the data without its noise rows. ELKI's {@code IGNORE_NOISE} differs per index, with
 * {@code n} all rows, {@code noise} the rows labelled {@code -1} and {@code k} the clusters kept: its
 * silhouette is this one times {@code (n - noise) / n} (unless told not to penalise noise); its
 * Calinski-Harabasz index keeps all {@code n} rows in the factor {@code n - k} and applies the same penalty,
 * so it is this one times {@code (n - k) / (n - noise - k) * (n - noise) / n}; its Davies-Bouldin index is
 * not penalised but counts the noise as one more cluster contributing 0 to the mean, this one times
 * {@code k / (k + 1)}; its sum of squares equals {@link Inertia}'s. (ELKI also handles a labelled cluster of
 * one point as noise, under every choice.)
 *
 * <p>Clusters of one point (whether labelled so or made by {@link #SINGLETONS}) follow Rousseeuw's and
 * scikit-learn's convention in the silhouette: their own silhouette is 0 and counts in the mean, and as a
 * neighbouring cluster their mean distance is the distance to their only point.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum NoisePolicy {
  /** Noise rows are left out entirely, as if they were not in the data. The default. */
  IGNORE,
  /** All noise rows together form one more cluster. */
  MERGE,
  /** Every noise row is a cluster of its own. */
  SINGLETONS
}
