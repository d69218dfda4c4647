/**
 * K-Means clustering with k-means++ seeding, exact accelerated iterations (Lloyd, Hamerly, Elkan), restarts, sample
 * weights, deterministic parallelism and prediction: start at {@link io.github.clusterkit.kmeans.KMeans}. Bisecting
 * K-Means, which splits one cluster at a time with 2-means and keeps the tree of nested segments:
 * {@link io.github.clusterkit.kmeans.BisectingKMeans}.
 */
package io.github.clusterkit.kmeans;
