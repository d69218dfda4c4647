package io.github.clusterkit.eval;

/**
 * How the internal indices ({@link Silhouette}, {@link DaviesBouldin}, {@link CalinskiHarabasz},
 * {@link Inertia}) treat rows labelled {@code -1} (noise, as DBSCAN reports it).
 *
 * <p>scikit-learn has no notion of noise (a {@code -1} is just another label there, which is
 * {@link #MERGE}); ELKI offers the same three choices under the names {@code IGNORE_NOISE},
 * {@code MERGE_NOISE} and {@code TREAT_NOISE_AS_SINGLETONS}. {@link #MERGE} and {@link #SINGLETONS} follow
 * ELKI's definitions and reproduce its published figures; {@link #IGNORE} drops the rows, which equals
 * scikit-learn on the data without its noise rows (ELKI additionally multiplies by the fraction of rows
 * kept unless told not to; multiply by {@code (n - noise) / n} to get its figure).
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
