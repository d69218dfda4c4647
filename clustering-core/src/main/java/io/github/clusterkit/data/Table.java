package io.github.clusterkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable table of named columns, each either {@linkplain ColumnType#NUMERIC numeric} ({@code double}
 * values, {@code NaN} for a missing cell) or {@linkplain ColumnType#CATEGORICAL categorical} ({@code String}
 * values, {@code null} for a missing cell). This is what real customer data looks like before
 * preprocessing: the credit-card set has missing numbers, the mall set a {@code Gender} category. The
 * preprocessing steps in {@code io.github.clusterkit.preprocess} turn a {@code Table} into a {@link Dataset};
 * {@link #toDataset()} does so directly when every column is already numeric and complete.
 *
 * <p>A table is built in code with {@link #builder()} or read from a file (the {@code clustering-io} module's
 * {@code Csv}).
 *
 * <pre>{@code
 * Table t = Table.builder()
 *     .categorical("Gender", new String[] {"Male", "Female", null})
 *     .numeric("Age", new double[] {19, 21, Double.NaN})
 *     .build();
 * }</pre>
 *
 * <p><b>Rules.</b> Column names are non-empty and distinct; every column has the same number of rows; numeric
 * values are finite or {@code NaN} (infinite values are rejected, since no preprocessing step can use them).
 * A table has at least one column and may have zero rows (a header without data; its columns then carry only
 * names and types, which is how a fitted pipeline checks a table's layout).
 *
 * <p><b>Copies.</b> Arrays are copied on the way in and on the way out; a table can never be changed
 * through its API. Tables derived from a table ({@link #select}, {@link #drop}) share its immutable storage;
 * {@link #rows(int[])} copies the chosen rows.
 *
 * <p><b>Thread-safety.</b> Immutable, hence safe to share between threads.
 */
public final class Table {

  private final List<String> names;
  private final ColumnType[] types;
  /** Per column a {@code double[]} (numeric) or a {@code String[]} (categorical); never modified. */
  private final Object[] data;
  private final Map<String, Integer> index;
  private final int rows;

  private Table(List<String> names, ColumnType[] types, Object[] data, int rows) {
    this.names = names;
    this.types = types;
    this.data = data;
    this.rows = rows;
    Map<String, Integer> idx = new HashMap<>(names.size() * 2);
    for (int j = 0; j < names.size(); j++) {
      idx.put(names.get(j), j);
    }
    this.index = idx;
  }

  /**
   * Starts a table built in code.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A table of one row, from column names to values: what a service builds from one customer's request to score it,
   * as in {@code model.predict(Table.ofRow(Map.of("income", 52.0, "channel", "web")))[0]}. A {@link Number} makes a
   * numeric column (its {@code doubleValue()}: finite, or {@code NaN} for a missing cell), a {@link String} a
   * categorical one, and {@code null} a numeric column whose cell is missing: a fitted pipeline reads a column whose
   * cells are all missing as the type it was fitted on (and imputes it, if it has an imputer), so a customer with an
   * unknown value can leave it {@code null} whatever its type. The columns come in the map's iteration order (a
   * pipeline finds its columns by name, so the order does not matter to it).
   *
   * @param values column names to values, at least one entry (not modified)
   * @return a table of one row
   * @throws IllegalArgumentException if {@code values} is null or empty, a name is null or empty, or a value is
   *     infinite or neither a {@code Number}, a {@code String} nor {@code null} (the message names the column)
   */
  public static Table ofRow(Map<String, ?> values) {
    if (values == null) {
      throw new IllegalArgumentException("values must not be null");
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values must hold at least one column, got none");
    }
    Builder b = builder();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        b.numeric(e.getKey(), new double[] {Double.NaN});
      } else if (v instanceof Number) {
        b.numeric(e.getKey(), new double[] {((Number) v).doubleValue()});
      } else if (v instanceof String) {
        b.categorical(e.getKey(), new String[] {(String) v});
      } else {
        throw new IllegalArgumentException("the value of column " + quote(e.getKey())
            + " must be a Number, a String or null, got a " + v.getClass().getSimpleName() + " (" + v + ")");
      }
    }
    return b.build();
  }

  /** @return the number of rows, possibly 0 */
  public int rowCount() {
    return rows;
  }

  /** @return the number of columns, at least 1 */
  public int columnCount() {
    return names.size();
  }

  /** @return the column names in order, unmodifiable */
  public List<String> columnNames() {
    return names;
  }

  /**
   * @param name a column name
   * @return whether the table has a column of that name
   */
  public boolean hasColumn(String name) {
    return name != null && index.containsKey(name);
  }

  /**
   * @param name a column name
   * @return the column's type
   * @throws IllegalArgumentException if there is no such column
   */
  public ColumnType type(String name) {
    return types[indexOf(name)];
  }

  /**
   * @param column a column index in {@code [0, columnCount())}
   * @return the column's type
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public ColumnType type(int column) {
    Objects.checkIndex(column, types.length);
    return types[column];
  }

  /**
   * @param name a column name
   * @return the column's position, in {@code [0, columnCount())}
   * @throws IllegalArgumentException if there is no such column
   */
  public int indexOf(String name) {
    Integer j = name == null ? null : index.get(name);
    if (j == null) {
      throw new IllegalArgumentException("no column named " + quote(name) + "; columns are " + names);
    }
    return j;
  }

  /**
   * Returns a numeric column.
   *
   * @param name a numeric column's name
   * @return a copy of the column, {@code NaN} where a value is missing
   * @throws IllegalArgumentException if there is no such column or it is categorical
   */
  public double[] numeric(String name) {
    int j = indexOf(name);
    if (types[j] != ColumnType.NUMERIC) {
      throw new IllegalArgumentException("column " + quote(name) + " is categorical, not numeric");
    }
    return ((double[]) data[j]).clone();
  }

  /**
   * Returns a categorical column.
   *
   * @param name a categorical column's name
   * @return a copy of the column, {@code null} where a value is missing
   * @throws IllegalArgumentException if there is no such column or it is numeric
   */
  public String[] categorical(String name) {
    int j = indexOf(name);
    if (types[j] != ColumnType.CATEGORICAL) {
      throw new IllegalArgumentException("column " + quote(name) + " is numeric, not categorical");
    }
    return ((String[]) data[j]).clone();
  }

  /**
   * @param name a column name
   * @return the number of missing cells ({@code NaN} or {@code null}) in that column
   * @throws IllegalArgumentException if there is no such column
   */
  public int missingCount(String name) {
    int j = indexOf(name);
    int count = 0;
    if (types[j] == ColumnType.NUMERIC) {
      double[] v = (double[]) data[j];
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i])) {
          count++;
        }
      }
    } else {
      String[] v = (String[]) data[j];
      for (int i = 0; i < v.length; i++) {
        if (v[i] == null) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * @param type a column type
   * @return the names of the columns of that type, in table order, unmodifiable
   * @throws IllegalArgumentException if {@code type} is null
   */
  public List<String> columnNames(ColumnType type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    List<String> out = new ArrayList<>();
    for (int j = 0; j < types.length; j++) {
      if (types[j] == type) {
        out.add(names.get(j));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the table without the named columns.
   *
   * @param columns names of existing columns
   * @return a table with the remaining columns, in their original order
   * @throws IllegalArgumentException if a name is null, unknown or repeated, or no column would remain
   */
  public Table drop(String... columns) {
    Set<Integer> gone = distinctIndices(columns, "drop");
    List<Integer> keep = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (!gone.contains(j)) {
        keep.add(j);
      }
    }
    if (keep.isEmpty()) {
      throw new IllegalArgumentException("drop would remove every column " + names + "; a table needs one");
    }
    return subset(keep);
  }

  /**
   * Returns the named columns, in the order given.
   *
   * @param columns names of existing columns, at least one
   * @return a table with exactly these columns
   * @throws IllegalArgumentException if no name is given, or a name is null, unknown or repeated
   */
  public Table select(String... columns) {
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException("select needs at least one column name");
    }
    Set<Integer> chosen = distinctIndices(columns, "select");
    return subset(new ArrayList<>(chosen));
  }

  /**
   * Returns the named columns, in the order given.
   *
   * @param columns names of existing columns, at least one
   * @return a table with exactly these columns
   * @throws IllegalArgumentException as {@link #select(String...)}
   */
  public Table select(List<String> columns) {
    if (columns == null) {
      throw new IllegalArgumentException("columns must not be null");
    }
    return select(columns.toArray(new String[0]));
  }

  /**
   * Returns the rows at the given indices, in that order (an index may repeat), with every column: for example the
   * customers of one segment, {@code table.rows(indicesOfLabel)}, to profile or export them with their original
   * values. Labels from a model fitted on the table's rows are in the table's row order, so row {@code i} of the
   * table is the row labelled {@code labels[i]}.
   *
   * @param indices row indices in {@code [0, rowCount())}; may be empty (a table of no rows keeps its columns)
   * @return a new table
   * @throws IllegalArgumentException if {@code indices} is null or an index is out of range (the message names it)
   */
  public Table rows(int[] indices) {
    if (indices == null) {
      throw new IllegalArgumentException("indices must not be null");
    }
    int m = indices.length;
    for (int i = 0; i < m; i++) {
      if (indices[i] < 0 || indices[i] >= rows) {
        throw new IllegalArgumentException("indices[" + i + "] must be in [0, " + rows + "), got " + indices[i]);
      }
    }
    Object[] d2 = new Object[data.length];
    for (int j = 0; j < data.length; j++) {
      if (types[j] == ColumnType.NUMERIC) {
        double[] v = (double[]) data[j];
        double[] o = new double[m];
        for (int i = 0; i < m; i++) {
          o[i] = v[indices[i]];
        }
        d2[j] = o;
      } else {
        String[] v = (String[]) data[j];
        String[] o = new String[m];
        for (int i = 0; i < m; i++) {
          o[i] = v[indices[i]];
        }
        d2[j] = o;
      }
    }
    return new Table(names, types, d2, m);
  }

  /**
   * The first rows, as a table ({@link #preview(int)} gives them as text to look at).
   *
   * @param n the number of rows, at least 0; a table of fewer rows is returned whole
   * @return a table of the first {@code min(n, rowCount())} rows, with every column
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public Table head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int m = Math.min(n, rows);
    int[] first = new int[m];
    for (int i = 0; i < m; i++) {
      first[i] = i;
    }
    return rows(first);
  }

  private Set<Integer> distinctIndices(String[] columns, String what) {
    if (columns == null) {
      throw new IllegalArgumentException(what + ": column names must not be null");
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (String c : columns) {
      if (!out.add(indexOf(c))) {
        throw new IllegalArgumentException(what + ": column " + quote(c) + " is named twice");
      }
    }
    return out;
  }

  private Table subset(List<Integer> cols) {
    int m = cols.size();
    List<String> n2 = new ArrayList<>(m);
    ColumnType[] t2 = new ColumnType[m];
    Object[] d2 = new Object[m];
    for (int k = 0; k < m; k++) {
      int j = cols.get(k);
      n2.add(names.get(j));
      t2[k] = types[j];
      d2[k] = data[j];
    }
    return new Table(Collections.unmodifiableList(n2), t2, d2, rows);
  }

  /**
   * Converts a complete, all-numeric table into a {@link Dataset} with the same column names.
   *
   * @return a new dataset, row-major
   * @throws IllegalArgumentException if a column is categorical, a value is missing (the message names the
   *     column and the first row), or the table has no rows
   */
  public Dataset toDataset() {
    int d = names.size();
    for (int j = 0; j < d; j++) {
      if (types[j] != ColumnType.NUMERIC) {
        throw new IllegalArgumentException("column " + quote(names.get(j))
            + " is categorical; encode it (OneHotEncoder) or drop it before building a Dataset");
      }
      double[] v = (double[]) data[j];
      for (int i = 0; i < rows; i++) {
        if (Double.isNaN(v[i])) {
          throw new IllegalArgumentException("column " + quote(names.get(j)) + " has a missing value at row "
              + i + " (" + missingCount(names.get(j)) + " missing in all); impute or drop it before building"
              + " a Dataset");
        }
      }
    }
    if (rows == 0) {
      throw new IllegalArgumentException("the table has no rows; a Dataset needs at least one");
    }
    if ((long) rows * d > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException(
          "rows * columns must be at most " + Dataset.MAX_VALUES + ", got " + rows + " * " + d);
    }
    double[] out = new double[rows * d];
    for (int j = 0; j < d; j++) {
      double[] v = (double[]) data[j];
      for (int i = 0, k = j; i < rows; i++, k += d) {
        out[k] = v[i];
      }
    }
    return Dataset.wrap(out, rows, d).withColumnNames(names);
  }

  /**
   * Two tables are equal when they have the same column names, types and cells ({@code NaN} equals
   * {@code NaN}, numbers compared bit for bit as {@link Double#equals}).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Table)) {
      return false;
    }
    Table t = (Table) o;
    if (rows != t.rows || !names.equals(t.names) || !Arrays.equals(types, t.types)) {
      return false;
    }
    for (int j = 0; j < data.length; j++) {
      boolean same = types[j] == ColumnType.NUMERIC
          ? Arrays.equals((double[]) data[j], (double[]) t.data[j])
          : Arrays.equals((String[]) data[j], (String[]) t.data[j]);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = names.hashCode() * 31 + rows;
    for (int j = 0; j < data.length; j++) {
      h = h * 31 + (types[j] == ColumnType.NUMERIC
          ? Arrays.hashCode((double[]) data[j])
          : Arrays.hashCode((String[]) data[j]));
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Table[").append(rows).append(" rows; ");
    for (int j = 0; j < names.size(); j++) {
      if (j > 0) {
        sb.append(", ");
      }
      sb.append(names.get(j)).append(types[j] == ColumnType.NUMERIC ? ":numeric" : ":categorical");
    }
    return sb.append(']').toString();
  }

  /**
   * The first rows as text, to look at a table: a header of the column names and one line per row, columns aligned
   * (numeric columns to the right, names included), as in
   * <pre>
   * CustomerID  Gender  Age
   *          1  Male     19
   *          2  NA       NA
   * ... 198 more rows
   * </pre>
   * Integers are written without a decimal point, other numbers as {@link Double#toString(double)} writes them, a
   * missing cell as {@code NA}; a name or category longer than 24 characters is cut and ends in {@code ...}.
   *
   * @param maxRows the number of rows shown, at least 0
   * @return the text, lines separated by {@code \n}, ending with a line of the number of rows not shown (if any)
   * @throws IllegalArgumentException if {@code maxRows} is negative
   */
  public String preview(int maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
    }
    int m = Math.min(maxRows, rows);
    int d = names.size();
    String[][] cells = new String[m + 1][d];
    int[] width = new int[d];
    for (int j = 0; j < d; j++) {
      cells[0][j] = cut(names.get(j));
      for (int i = 0; i < m; i++) {
        cells[i + 1][j] = types[j] == ColumnType.NUMERIC ? number(((double[]) data[j])[i])
            : cut(((String[]) data[j])[i]);
      }
      for (int i = 0; i <= m; i++) {
        width[j] = Math.max(width[j], cells[i][j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= m; i++) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < d; j++) {
        if (j > 0) {
          line.append("  ");
        }
        String c = cells[i][j];
        String pad = " ".repeat(width[j] - c.length());
        boolean right = types[j] == ColumnType.NUMERIC;
        line.append(right ? pad + c : c + pad);
      }
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == ' ') {
        end--;
      }
      sb.append(line, 0, end).append('\n');
    }
    if (rows > m) {
      sb.append("... ").append(rows - m).append(rows - m == 1 ? " more row" : " more rows").append('\n');
    }
    return sb.toString();
  }

  private static final int PREVIEW_CHARS = 24;

  private static String cut(String s) {
    if (s == null) {
      return "NA";
    }
    return s.length() <= PREVIEW_CHARS ? s : s.substring(0, PREVIEW_CHARS - 3) + "...";
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  /**
   * Collects columns for a new {@link Table}. Each column is validated as it is added (name, length,
   * values), so an error names the column at fault. Not thread-safe; use one builder per thread.
   */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<Object> data = new ArrayList<>();
    private final Set<String> seen = new java.util.HashSet<>();
    private int rows = -1;

    private Builder() {}

    /**
     * Adds a numeric column, copying the values.
     *
     * @param name a non-empty name not used by another column
     * @param values the values, finite or {@code NaN} for missing
     * @return this builder
     * @throws IllegalArgumentException if the name is null, empty or taken, {@code values} is null, its
     *     length differs from earlier columns, or a value is infinite (the message names row and column)
     */
    public Builder numeric(String name, double[] values) {
      checkName(name);
      if (values == null) {
        throw new IllegalArgumentException("values of column " + quote(name) + " must not be null");
      }
      for (int i = 0; i < values.length; i++) {
        if (Double.isInfinite(values[i])) {
          throw new IllegalArgumentException("numeric column " + quote(name)
              + " must hold finite values or NaN for missing, got " + values[i] + " at row " + i);
        }
      }
      checkLength(name, values.length);
      add(name, ColumnType.NUMERIC, values.clone());
      return this;
    }

    /**
     * Adds a categorical column, copying the values.
     *
     * @param name a non-empty name not used by another column
     * @param values the categories, {@code null} for missing
     * @return this builder
     * @throws IllegalArgumentException if the name is null, empty or taken, {@code values} is null, or its
     *     length differs from earlier columns
     */
    public Builder categorical(String name, String[] values) {
      checkName(name);
      if (values == null) {
        throw new IllegalArgumentException("values of column " + quote(name) + " must not be null");
      }
      checkLength(name, values.length);
      add(name, ColumnType.CATEGORICAL, values.clone());
      return this;
    }

    /**
     * Adds a column of another table under the same name, without copying (tables are immutable).
     *
     * @param source the table to take the column from
     * @param name the column's name in {@code source}
     * @return this builder
     * @throws IllegalArgumentException if the column does not exist, the name is taken, or its length
     *     differs from earlier columns
     */
    public Builder column(Table source, String name) {
      if (source == null) {
        throw new IllegalArgumentException("source table must not be null");
      }
      int j = source.indexOf(name);
      checkName(name);
      checkLength(name, source.rows);
      add(name, source.types[j], source.data[j]);
      return this;
    }

    /**
     * @return the table
     * @throws IllegalArgumentException if no column was added
     */
    public Table build() {
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a table needs at least one column, got none");
      }
      return new Table(Collections.unmodifiableList(new ArrayList<>(names)),
          types.toArray(new ColumnType[0]), data.toArray(), rows);
    }

    private void add(String name, ColumnType type, Object values) {
      names.add(name);
      types.add(type);
      data.add(values);
      seen.add(name);
    }

    private void checkName(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("column name must be non-empty, got " + quote(name));
      }
      if (seen.contains(name)) {
        throw new IllegalArgumentException("column names must be distinct, got " + quote(name) + " twice");
      }
    }

    private void checkLength(String name, int length) {
      if (rows >= 0 && length != rows) {
        throw new IllegalArgumentException("column " + quote(name) + " has " + length
            + " rows, but earlier columns have " + rows);
      }
      rows = length;
    }
  }
}
