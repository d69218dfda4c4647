/**
 * HDBSCAN*: hierarchical density-based clustering over every radius at once, with noise, membership strengths and
 * GLOSH outlier scores. Start at {@link io.github.clusterkit.hdbscan.Hdbscan}.
 */
package io.github.clusterkit.hdbscan;
