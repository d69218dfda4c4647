/**
 * K-Means clustering with k-means++ seeding, exact accelerated iterations (Lloyd, Hamerly, Elkan), restarts,
 * sample weights, deterministic parallelism and prediction: start at {@link io.github.clusterkit.kmeans.KMeans}.
 */
package io.github.clusterkit.kmeans;
