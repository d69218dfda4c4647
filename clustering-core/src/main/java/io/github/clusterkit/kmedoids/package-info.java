/**
 * K-medoids clustering (FasterPAM, PAM, alternate) with BUILD, k-medoids++ or random initialisation, any
 * {@link io.github.clusterkit.neighbors.Metric}, restarts, deterministic parallelism and prediction, or on a
 * precomputed dissimilarity matrix: start at {@link io.github.clusterkit.kmedoids.KMedoids}.
 */
package io.github.clusterkit.kmedoids;
