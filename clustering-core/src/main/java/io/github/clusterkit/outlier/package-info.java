/**
 * Outlier detection: models that score how unusual each row of a dataset is, and new points against it, and flag
 * the rows and points whose score passes a threshold.
 *
 * <ul>
 *   <li>{@link io.github.clusterkit.outlier.LocalOutlierFactor} configures the Local Outlier Factor (Breunig, Kriegel,
 *       Ng and Sander 2000, doi:10.1145/342009.335388) and fits a {@link io.github.clusterkit.outlier.LofModel}: how
 *       much sparser a row's neighbourhood is than its neighbours'; same results as scikit-learn 1.2.1's
 *       {@code sklearn.neighbors.LocalOutlierFactor}.</li>
 *   <li>{@link io.github.clusterkit.outlier.IsolationForest} (Liu, Ting and Zhou 2008, doi:10.1109/ICDM.2008.17)
 *       fits an {@link io.github.clusterkit.outlier.IsolationForestModel}: how few random splits isolate a row;
 *       scikit-learn 1.2.1's {@code sklearn.ensemble.IsolationForest} (scores equal given the same trees).</li>
 * </ul>
 *
 * <p>Scores grow with unusualness in both (LOF about 1 inside a cluster; isolation score in (0, 1], 0.5 the default
 * threshold). Neither is a clustering: the models do not implement {@code ClusterModel}.
 */
package io.github.clusterkit.outlier;
