package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps or drops columns by name inside a {@link Pipeline}, for example to drop an identifier column
 * ({@code ColumnSelector.drop("CUST_ID")}). Fitting resolves the exact list of columns to keep; the fitted
 * step then outputs those columns, in that order, and ignores any other column of a later table.
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnSelector implements Step {

  private static final String NAME = "ColumnSelector";

  private final List<String> names;
  private final boolean keep;

  private ColumnSelector(List<String> names, boolean keep) {
    this.names = names;
    this.keep = keep;
  }

  /**
   * @param names the columns to keep, in output order; at least one, distinct
   * @return a selector keeping exactly these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public static ColumnSelector keep(String... names) {
    return new ColumnSelector(Columns.named(NAME, names), true);
  }

  /**
   * @param names the columns to drop; at least one, distinct
   * @return a selector keeping every other column, in table order
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public static ColumnSelector drop(String... names) {
    return new ColumnSelector(Columns.named(NAME, names), false);
  }

  @Override
  public Fitted fit(Table table) {
    Columns.require(NAME, table, names, null);
    if (keep) {
      return new Fitted(names);
    }
    List<String> kept = new ArrayList<>(table.columnNames());
    kept.removeAll(names);
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(NAME + ": dropping " + names + " would leave no column");
    }
    return Fitted.of(kept);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ColumnSelector)) {
      return false;
    }
    ColumnSelector s = (ColumnSelector) o;
    return keep == s.keep && names.equals(s.names);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, keep);
  }

  @Override
  public String toString() {
    return NAME + (keep ? ".keep" : ".drop") + names;
  }

  /** A fitted {@link ColumnSelector}: the exact columns it outputs. Immutable, thread-safe. */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;

    private Fitted(List<String> columns) {
      this.columns = columns;
    }

    /**
     * @param columns the columns to output, in order: at least one, non-empty, distinct
     * @return the fitted selector
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns) {
      return new Fitted(Columns.validNames(NAME, columns, false));
    }

    /** @return the columns this step outputs, in order (the only columns it reads) */
    @Override
    public List<String> columns() {
      return columns;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, null);
      return table.select(columns);
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
