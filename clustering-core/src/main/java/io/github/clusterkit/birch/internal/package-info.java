/** BIRCH's internals: the clustering-feature tree and the global step. Not API. */
package io.github.clusterkit.birch.internal;
