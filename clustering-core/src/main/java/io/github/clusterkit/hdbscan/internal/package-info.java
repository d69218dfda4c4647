/**
 * HDBSCAN*'s engine: core distances and the minimum spanning tree of the mutual reachability graph (a k-d tree
 * with Boruvka's rounds at low dimension, a dense Prim above it). Not API: may change in any release.
 */
package io.github.clusterkit.hdbscan.internal;
