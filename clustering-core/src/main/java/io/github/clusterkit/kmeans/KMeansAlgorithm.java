package io.github.clusterkit.kmeans;

/**
 * The iteration kernel of {@link KMeans}. All variants are exact: from the same initial centroids they give
 * bit-identical labels, centroids, inertia and iteration counts (tested); they differ only in speed and
 * memory.
 */
public enum KMeansAlgorithm {

  /**
   * Chooses by dimension and size: {@link #HAMERLY} for {@code d <= 20}, {@link #ELKAN} for higher dimension
   * when its {@code n * k} bounds take at most 256 MiB, {@link #HAMERLY} otherwise. The thresholds come from
   * single-thread measurements reported with the project's benchmarks.
   */
  AUTO,

  /**
   * Lloyd's algorithm (Lloyd 1982, doi:10.1109/TIT.1982.1056489): every row is compared with every centroid
   * in every iteration; {@code O(n k d)} per iteration, no extra memory.
   */
  LLOYD,

  /**
   * Hamerly's algorithm (Hamerly 2010, "Making k-means even faster", SIAM SDM,
   * doi:10.1137/1.9781611972801.12): one upper and one lower distance bound per row skip most distance
   * computations; {@code 2n} extra doubles. Fastest in low dimension.
   */
  HAMERLY,

  /**
   * Elkan's algorithm (Elkan 2003, "Using the triangle inequality to accelerate k-means", ICML): one upper
   * bound and {@code k} lower bounds per row plus all centroid-to-centroid distances; {@code n (k + 1)} extra
   * doubles. Skips the most distance computations, which pays in higher dimension.
   */
  ELKAN
}
