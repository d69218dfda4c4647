/**
 * Principal component analysis: {@link io.github.clusterkit.pca.Pca} (the immutable configuration) fits a
 * {@link io.github.clusterkit.pca.PcaModel} (the immutable result) that projects, whitens and reconstructs
 * points and reports explained variance, singular values and noise variance as scikit-learn does.
 */
package io.github.clusterkit.pca;
