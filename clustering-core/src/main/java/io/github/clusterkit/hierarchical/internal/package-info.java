/**
 * Implementation of {@link io.github.clusterkit.hierarchical.Agglomerative}: the distance kernels, the
 * nearest-neighbour chain on a distance matrix, Prim's single-linkage tree, the relabelling of merges into
 * SciPy's linkage-matrix layout, cuts, leaf order and the cophenetic correlation. Not API: may change
 * without notice.
 */
package io.github.clusterkit.hierarchical.internal;
