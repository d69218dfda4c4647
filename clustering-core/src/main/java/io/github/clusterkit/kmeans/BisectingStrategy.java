package io.github.clusterkit.kmeans;

/**
 * Which leaf {@link BisectingKMeans} splits next. Only leaves that can be split (two distinct rows of positive weight
 * at least) compete; among them the one with the largest score wins, the first in the tree's left-to-right leaf order
 * on ties (as scikit-learn 1.2.1's {@code _BisectingTree.get_cluster_to_bisect}).
 *
 * <p>Thread-safety: constants, safe everywhere.
 */
public enum BisectingStrategy {

  /**
   * The leaf with the largest inertia (weighted sum of squared distances to its centroid): scikit-learn's
   * {@code bisecting_strategy="biggest_inertia"}, the default. Splits where a split lowers the inertia most, as a
   * rule (not always: the inertia a split removes is not that of the leaf).
   */
  BIGGEST_INERTIA,

  /**
   * The leaf with the most rows, counted without weights as scikit-learn's {@code bisecting_strategy="largest_cluster"}
   * ({@code np.bincount} of the labels): segments of balanced sizes.
   */
  LARGEST_CLUSTER
}
