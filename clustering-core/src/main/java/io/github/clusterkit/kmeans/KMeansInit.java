package io.github.clusterkit.kmeans;

/**
 * How {@link KMeans} chooses its initial centroids when none are given explicitly.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum KMeansInit {

  /**
   * Greedy k-means++ (Arthur and Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA,
   * doi:10.5555/1283383.1283494), as in scikit-learn: the first centroid is a row drawn with probability
   * proportional to its weight; every further centroid is the best, by the resulting weighted sum of squared
   * distances, of {@code 2 + floor(ln k)} candidate rows, each drawn with probability proportional to weight
   * times squared distance to the nearest centroid chosen so far. Never draws a row with zero weight or one
   * that coincides with an earlier centroid. The default.
   */
  PLUS_PLUS,

  /**
   * The original k-means++ (Arthur and Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA,
   * doi:10.5555/1283383.1283494), the seeding of ELKI's {@code KMeansPlusPlus}, Smile, Commons Math's
   * {@code KMeansPlusPlusClusterer} and Tribuo's {@code PLUSPLUS}: the first centroid is a row drawn with
   * probability proportional to its weight; every further centroid is one row drawn with probability proportional
   * to weight times squared distance to the nearest centroid chosen so far, which becomes the next centroid. The
   * seeding is cheaper than {@link #PLUS_PLUS} (one candidate per step instead of {@code 2 + floor(ln k)}), and
   * its start is usually worse. Weighted like {@link #PLUS_PLUS}; never draws a row with zero weight or one that
   * coincides with an earlier centroid.
   *
   * <p>The difference in cost matters most for wide rows and many clusters, such as text embeddings: on 25000 rows of
   * 768 columns in 10 blobs with {@code k = 50} (one thread, 20 iterations, JMH, {@code docs/benchmarks-history.md}
   * of 2026-11-28) a fit took 513 ms with this seeding and 868 ms with {@link #PLUS_PLUS}, ending 0.4% lower in
   * inertia here; with {@code k = 10} both took about 130 ms and the greedy start ended 58% lower.
   */
  PLUS_PLUS_CLASSIC,

  /**
   * {@code k} distinct rows drawn at random without replacement: uniformly, or with probability proportional
   * to weight when weights are given (Efraimidis and Spirakis 2006, doi:10.1016/j.ipl.2005.11.003). Rows
   * with zero weight are never drawn. Duplicate rows may give duplicate centroids; the resulting empty
   * clusters are re-seeded as described in {@link KMeans}.
   */
  RANDOM
}
