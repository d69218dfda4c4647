/**
 * DBSCAN's engine: the grid and tree neighbour phases, the concurrent union-find and the labelling. Not
 * API: may change in any release.
 */
package io.github.clusterkit.dbscan.internal;
