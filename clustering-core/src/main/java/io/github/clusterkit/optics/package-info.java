/**
 * OPTICS: one cluster ordering and reachability plot for every radius at once, with clusters by the xi method or a
 * DBSCAN cut. Start at {@link io.github.clusterkit.optics.Optics}.
 */
package io.github.clusterkit.optics;
