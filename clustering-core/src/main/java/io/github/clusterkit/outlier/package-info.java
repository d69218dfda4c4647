/**
 * Outlier detection: {@link io.github.clusterkit.outlier.IsolationForest} (Liu, Ting and Zhou 2008,
 * doi:10.1109/ICDM.2008.17), scikit-learn 1.2.1's {@code sklearn.ensemble.IsolationForest}.
 */
package io.github.clusterkit.outlier;
