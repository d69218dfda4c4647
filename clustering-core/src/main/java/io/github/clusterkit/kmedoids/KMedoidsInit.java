package io.github.clusterkit.kmedoids;

/**
 * How {@link KMedoids} chooses its initial medoids when none are given explicitly.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum KMedoidsInit {

  /**
   * k-medoids++, as scikit-learn-extra's {@code init='k-medoids++'}: greedy k-means++ seeding (Arthur and Vassilvitskii
   * 2007, doi:10.5555/1283383.1283494) restricted to rows. The first medoid is a row drawn uniformly; each further one
   * is the best of {@code 2 + floor(ln k)} candidate rows, each drawn with probability proportional to its
   * <em>squared</em> distance to the nearest medoid so far, the best being the one that leaves the smallest sum of
   * squared distances to the nearest medoid (ties to the earlier candidate). Squared distances, as scikit-learn-extra
   * weighs them (its {@code _kpp_init} squares the distance matrix), favour far rows more than the plain distances of
   * the k-medoids objective would. A row that coincides with a medoid is never drawn (it has probability 0); when
   * every row coincides with a medoid, the first row not yet chosen is taken. {@code O(k log k)} distance rows of
   * {@code n}. The default.
   */
  PLUS_PLUS,

  /**
   * PAM's BUILD (Kaufman and Rousseeuw 1990, "Finding Groups in Data", ch. 2, doi:10.1002/9780470316801),
   * deterministic: the seed is ignored and restarts make a single run. The first medoid is the row with the smallest
   * sum of distances to all rows (ties to the smaller row); each further one is the row whose addition reduces the sum
   * of the rows' distances to their nearest medoid the most (ties to the smaller row; when no row reduces it, as with
   * fewer distinct rows than {@code k}, the first row that is not a medoid). A good start, often already near the
   * final medoids, but it costs {@code k n^2} distances, more than FasterPAM's refinement from a k-medoids++ start on
   * large data.
   */
  BUILD,

  /** {@code k} distinct rows drawn uniformly without replacement. */
  RANDOM
}
