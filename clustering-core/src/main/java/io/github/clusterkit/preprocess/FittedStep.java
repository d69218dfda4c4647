package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.Table;
import java.util.List;

/**
 * A fitted preprocessing step: immutable, safe to share between threads. Its fitted state is exposed
 * through accessors (copies of arrays) and each implementation has a static {@code of(...)} factory that
 * rebuilds it from that state with full validation, which is what model files and distributed engines use.
 */
public sealed interface FittedStep
    permits StandardScaler.Fitted, MinMaxScaler.Fitted, RobustScaler.Fitted, Log1p.Fitted, Imputer.Fitted,
        OneHotEncoder.Fitted, ColumnSelector.Fitted {

  /**
   * Applies the step. The columns it acts on must be present with the type seen at fit time; other columns
   * pass through unchanged and in place.
   *
   * @param table the input, not modified; may have zero rows (then only its layout is checked)
   * @return a new table
   * @throws IllegalArgumentException if a column the step needs is missing or of the wrong type, or a
   *     value cannot be transformed; the message names the column (and the row where it applies)
   */
  Table transform(Table table);

  /** @return the names of the input columns this step acts on, unmodifiable */
  List<String> columns();
}
