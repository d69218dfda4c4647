/**
 * clusterkit's shared abstraction: {@link io.github.clusterkit.ClusterModel}, the fitted clustering that assigns
 * points to clusters, implemented by the K-Means, Gaussian-mixture and DBSCAN models. The algorithms live in the
 * subpackages ({@code kmeans}, {@code gmm}, {@code dbscan}, ...).
 */
package io.github.clusterkit;
