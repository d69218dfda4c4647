/** PCA plumbing: the blocked, chunked moment kernels and the fixed-chunk task runner. Not API. */
package io.github.clusterkit.pca.internal;
