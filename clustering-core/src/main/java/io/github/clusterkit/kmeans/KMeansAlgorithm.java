package io.github.clusterkit.kmeans;

/**
 * The iteration kernel of {@link KMeans}. All variants are exact: from the same initial centroids they give
 * bit-identical labels, centroids, inertia and iteration counts (tested); they differ only in speed and
 * memory.
 */
public enum KMeansAlgorithm {

  /**
   * Chooses by dimension and number of clusters: {@link #ELKAN} when {@code d >= 20} and {@code k >= 20} and its
   * {@code n * k} lower bounds take at most 256 MiB, {@link #HAMERLY} otherwise. Measured single-threaded on
   * 5*10^4 standard Gaussian rows (no cluster structure, the hard case for bounds), 25 iterations from the
   * same k-means++ centroids: with k = 50 Elkan took 0.70x Hamerly's time at d = 20, 0.48x at d = 50 and
   * 0.57x at d = 100, but 1.19x at d = 10 and 1.46x at d = 2; with k = 10 the two were within 5% of each
   * other for d >= 20 and Hamerly was 2.4x faster at d = 10. On 10^5 rows of 50 well-separated blobs
   * Hamerly prunes almost every row: Elkan took 1.13x Hamerly's time at d = 20, 1.6x at d = 35, 1.09x at
   * d = 50 and 0.83x at d = 100; the rule favours the unstructured case, where the gain is larger.
   */
  AUTO,

  /**
   * Lloyd's algorithm (Lloyd 1982, doi:10.1109/TIT.1982.1056489): every row is compared with every centroid
   * in every iteration; {@code O(n k d)} per iteration, no extra memory per row. With {@code 3 <= d <= 64} and
   * {@code k <= 64} the distances are computed by blocks of rows held by columns (vectorised over the rows; see the
   * memory note of {@link KMeans}), the same values in the same order as row by row.
   */
  LLOYD,

  /**
   * Hamerly's algorithm (Hamerly 2010, "Making k-means even faster", SIAM SDM,
   * doi:10.1137/1.9781611972801.12): one upper and one lower distance bound per row skip most distance
   * computations. The bounds are kept relative to per-cluster sums of the centroid shifts, so an iteration
   * does not rewrite them; with each row's due value (the drift at which its bounds may stop proving its
   * label), an iteration looks only at the rows that are due. 12 extra bytes a row (two float bounds and a
   * float due value). Fastest in low dimension.
   */
  HAMERLY,

  /**
   * Elkan's algorithm (Elkan 2003, "Using the triangle inequality to accelerate k-means", ICML): one upper
   * bound and {@code k} lower bounds per row plus all centroid-to-centroid distances; {@code n (k + 1)} extra
   * doubles. Skips the most distance computations, which pays in higher dimension.
   */
  ELKAN
}
