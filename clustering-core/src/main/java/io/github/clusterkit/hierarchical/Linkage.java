package io.github.clusterkit.hierarchical;

/**
 * How {@link Agglomerative} measures the distance between two clusters. Each one is the cluster distance of
 * SciPy's {@code scipy.cluster.hierarchy.linkage} method of the same name, so heights agree with SciPy (see
 * {@link Agglomerative} for the algorithms, how closely each one matches SciPy, and the tie rule).
 *
 * <p>All four are <em>monotone</em> (reducible): a merge is never lower than the merges below it, so the
 * heights of a {@link Dendrogram} never decrease.
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum Linkage {
  /**
   * Ward's minimum-variance criterion (Ward 1963, doi:10.1080/01621459.1963.10500845) in SciPy's form: the
   * height of merging clusters {@code A} and {@code B} is
   * {@code sqrt(2 |A| |B| / (|A| + |B|)) * ||mean(A) - mean(B)||} (plain, not squared, Euclidean distances).
   * By default {@link Agglomerative} evaluates this closed form on cluster centroids (no distance matrix;
   * heights within about 1e-13 relative of SciPy's where the trees agree, which exact ties in the data can
   * prevent, see {@link Agglomerative}); with {@link Agglomerative#wardByCentroids(boolean)
   * wardByCentroids(false)} it runs SciPy's Lance-Williams recurrence on the distance matrix, bit for bit.
   * Euclidean metric only. ELKI's Ward reports the squared value (half of it, depending on the variant);
   * scikit-learn's {@code children_}/{@code distances_} use this one.
   */
  WARD,
  /** Complete linkage: the largest distance between a point of one cluster and a point of the other. */
  COMPLETE,
  /**
   * Average linkage (UPGMA, Sokal and Michener 1958): the mean of all distances between a point of one
   * cluster and a point of the other.
   */
  AVERAGE,
  /**
   * Single linkage: the smallest distance between a point of one cluster and a point of the other; the
   * dendrogram of the Euclidean minimum spanning tree (Gower and Ross 1969, doi:10.2307/2346439).
   */
  SINGLE
}
