package io.github.clusterkit.data;

/**
 * The type of a {@link Table} column.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum ColumnType {
  /** Finite {@code double} values; a missing cell is {@code NaN}. */
  NUMERIC,
  /** Text categories such as {@code "Female"}; a missing cell is {@code null}. */
  CATEGORICAL
}
