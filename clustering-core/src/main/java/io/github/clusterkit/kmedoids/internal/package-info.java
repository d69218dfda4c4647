/**
 * Implementation of {@link io.github.clusterkit.kmedoids.KMedoids}: the dissimilarities (rows and a metric, or a
 * precomputed matrix) and the engine (BUILD, k-medoids++, FasterPAM, PAM, alternate). Not API: may change without
 * notice.
 */
package io.github.clusterkit.kmedoids.internal;
