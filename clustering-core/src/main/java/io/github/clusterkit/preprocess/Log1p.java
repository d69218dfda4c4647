package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.List;
import java.util.Objects;

/**
 * Replaces numeric values {@code x} by {@code ln(1 + x)} ({@link Math#log1p}), which tames skewed money
 * columns (balances, purchases) before scaling. It learns nothing from the data; fitting only fixes the
 * columns, so that a fitted pipeline transforms new tables the same way.
 *
 * <p><b>Edge cases.</b> A value {@code <= -1} has no finite logarithm and raises an
 * {@link IllegalArgumentException} naming the column and row (at fit and at transform time). Missing
 * values stay missing.
 *
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe.
 */
public final class Log1p implements Step {

  private static final String NAME = "Log1p";

  private final List<String> columns;

  /** The transform of every numeric column. */
  public Log1p() {
    this(null);
  }

  private Log1p(List<String> columns) {
    this.columns = columns;
  }

  /**
   * @param names the numeric columns to transform, at least one, distinct
   * @return a transform acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public Log1p columns(String... names) {
    return new Log1p(Columns.named(NAME, names));
  }

  @Override
  public Fitted fit(Table table) {
    Fitted f = new Fitted(Columns.resolve(NAME, table, columns, ColumnType.NUMERIC));
    f.transform(table);
    return f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Log1p && Objects.equals(columns, ((Log1p) o).columns);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(columns) + 7;
  }

  @Override
  public String toString() {
    return NAME + (columns == null ? "" : columns.toString());
  }

  /** A fitted {@link Log1p}: the columns it transforms. Immutable, thread-safe. */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;

    private Fitted(List<String> columns) {
      this.columns = columns;
    }

    /**
     * @param columns the column names, distinct and non-empty
     * @return the fitted transform
     * @throws IllegalArgumentException if a name is null, empty or repeated
     */
    public static Fitted of(List<String> columns) {
      return new Fitted(Columns.validNames(NAME, columns, true));
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.NUMERIC);
      return Columns.mapNumeric(table, columns, (k, name, v) -> {
        for (int i = 0; i < v.length; i++) {
          if (v[i] <= -1) {
            throw new IllegalArgumentException(NAME + ": column '" + name + "' has value " + v[i] + " at row "
                + i + "; log1p needs values > -1");
          }
          v[i] = Math.log1p(v[i]);
        }
      });
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fitted && columns.equals(((Fitted) o).columns);
    }

    @Override
    public int hashCode() {
      return columns.hashCode();
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + columns;
    }
  }
}
