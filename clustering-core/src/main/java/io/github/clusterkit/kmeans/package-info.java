/**
 * K-Means clustering with k-means++ seeding, exact accelerated iterations (Lloyd, Hamerly, Elkan), restarts, sample
 * weights, deterministic parallelism and prediction: start at {@link io.github.clusterkit.kmeans.KMeans}. Bisecting
 * K-Means, which splits one cluster at a time with 2-means and keeps the tree of nested segments:
 * {@link io.github.clusterkit.kmeans.BisectingKMeans}. For very many rows, or rows that arrive in batches,
 * {@link io.github.clusterkit.kmeans.MiniBatchKMeans} (Sculley's mini-batch K-Means, scikit-learn's
 * {@code MiniBatchKMeans} and its {@code partial_fit}) returns the same model type as K-Means.
 */
package io.github.clusterkit.kmeans;
