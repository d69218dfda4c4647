/**
 * Implementation of the outlier detectors (not API; may change in any release): the Local Outlier Factor's kernels
 * with numpy's pairwise sums, and the flat-array trees of the isolation forest.
 */
package io.github.clusterkit.outlier.internal;
