/**
 * OPTICS's engine: the cluster ordering with its reachability and core distances, and the xi and DBSCAN
 * extractions from it. Not API: may change in any release.
 */
package io.github.clusterkit.optics.internal;
