/**
 * Implementation of {@link io.github.clusterkit.gmm.GaussianMixture}: the mixture parameters with their
 * Cholesky factors ({@link io.github.clusterkit.gmm.internal.Mixture}), the EM run with its fixed chunking
 * ({@link io.github.clusterkit.gmm.internal.EmRun}) and the chunk executor. Not API: may change without
 * notice.
 */
package io.github.clusterkit.gmm.internal;
