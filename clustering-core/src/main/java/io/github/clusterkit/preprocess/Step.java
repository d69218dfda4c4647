package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.Table;

/**
 * A preprocessing step's configuration: immutable, safe to share between threads. {@link #fit(Table)} learns
 * what the step needs from a table (means, medians, categories, ...) and returns an immutable
 * {@link FittedStep}; the configuration itself is never changed. Steps are usually chained in a
 * {@link Pipeline}.
 *
 * <p>Each step acts on every suitable column by default (every numeric column for a scaler, every
 * categorical column for {@link OneHotEncoder}) and only on the named ones after {@code columns(...)}; other
 * columns pass through unchanged. The set of steps is closed, so that every fitted pipeline can be written
 * to a model file and read back.
 */
public sealed interface Step
    permits StandardScaler, MinMaxScaler, RobustScaler, Log1p, Imputer, OneHotEncoder, ColumnSelector {

  /**
   * Learns this step's parameters from a table.
   *
   * @param table the training table, not modified
   * @return the fitted step
   * @throws IllegalArgumentException if a named column is missing or of the wrong type, or the data cannot
   *     be fitted (for example a column with no observed value); the message names the column
   */
  FittedStep fit(Table table);
}
