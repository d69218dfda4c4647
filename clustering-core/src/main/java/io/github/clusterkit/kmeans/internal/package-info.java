/**
 * Implementation of {@link io.github.clusterkit.kmeans.KMeans}: the chunked parallel executor, the seeding
 * strategies and the Lloyd, Hamerly and Elkan assignment kernels; the tree helpers of
 * {@link io.github.clusterkit.kmeans.BisectingKMeans}. Not API: may change without notice.
 */
package io.github.clusterkit.kmeans.internal;
