/**
 * Exact neighbour search: the {@link io.github.clusterkit.neighbors.NeighborIndex} interface, the implicit
 * {@link io.github.clusterkit.neighbors.KdTree}, and the {@link io.github.clusterkit.neighbors.BruteForce}
 * oracle, under the {@link io.github.clusterkit.neighbors.Metric}s Euclidean, Manhattan and Chebyshev.
 */
package io.github.clusterkit.neighbors;
