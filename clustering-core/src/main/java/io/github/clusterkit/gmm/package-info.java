/**
 * Gaussian mixture models fitted by EM: {@link io.github.clusterkit.gmm.GaussianMixture} (configuration),
 * {@link io.github.clusterkit.gmm.GaussianMixtureModel} (result: weights, means, covariances, soft and
 * hard assignment, log-likelihood, BIC and AIC), with four {@link io.github.clusterkit.gmm.CovarianceType}s
 * and three {@link io.github.clusterkit.gmm.GmmInit} methods. Results match scikit-learn 1.2's
 * {@code GaussianMixture} iteration for iteration from the same initial parameters, except where scikit-learn's
 * expanded squares cancel (DIAGONAL, SPHERICAL and TIED covariances of data far from 0 compared with a
 * component's spread; see {@link io.github.clusterkit.gmm.GaussianMixture}).
 */
package io.github.clusterkit.gmm;
