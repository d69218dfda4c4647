/**
 * clusterkit's evaluation: internal indices (silhouette, Davies-Bouldin, Calinski-Harabasz, DBCV), external indices
 * (adjusted Rand, mutual information), choosing k and eps, and segment profiles. Requires clustering-core (an
 * automatic module, read transitively: the types this module's API takes and gives are core's); its
 * {@code internal} package is not exported.
 */
module io.github.clusterkit.eval {
  requires transitive io.github.clusterkit.core;

  exports io.github.clusterkit.eval;
}
