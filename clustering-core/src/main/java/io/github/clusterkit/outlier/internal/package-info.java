/** Implementation of the outlier detectors (not API): the flat-array trees of the isolation forest. */
package io.github.clusterkit.outlier.internal;
