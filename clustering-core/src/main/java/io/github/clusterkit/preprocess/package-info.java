/**
 * Preprocessing of customer tables: imputation ({@link io.github.clusterkit.preprocess.Imputer}), scaling
 * ({@link io.github.clusterkit.preprocess.StandardScaler}, {@link io.github.clusterkit.preprocess.MinMaxScaler},
 * {@link io.github.clusterkit.preprocess.RobustScaler}), {@link io.github.clusterkit.preprocess.Log1p} for
 * skewed money columns, one-hot encoding ({@link io.github.clusterkit.preprocess.OneHotEncoder}) and column
 * selection ({@link io.github.clusterkit.preprocess.ColumnSelector}), chained by a
 * {@link io.github.clusterkit.preprocess.Pipeline} that turns a {@link io.github.clusterkit.data.Table} into
 * a {@link io.github.clusterkit.data.Dataset}.
 *
 * <p>Every step is an immutable configuration whose {@code fit(Table)} returns an immutable fitted step; each
 * fitted step (and {@link io.github.clusterkit.preprocess.PipelineModel}) exposes its state through accessors
 * and can be rebuilt from it by a validating static {@code of(...)} factory. The numbers follow
 * scikit-learn 1.2.1's {@code SimpleImputer}, {@code StandardScaler}, {@code MinMaxScaler},
 * {@code RobustScaler} and {@code OneHotEncoder}; each class states where it differs.
 */
package io.github.clusterkit.preprocess;
