package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link Pipeline}: the layout of the table it was fitted on (column names and types) and its
 * fitted steps. {@link #transform(Table)} applies the steps and returns a {@link Dataset} whose column names
 * are {@link #outputColumns()}.
 *
 * <p><b>Input layout.</b> A table to transform must have every input column with the type seen at fit time;
 * it may have extra columns (they are ignored) and its columns may be in any order. A column in which every cell
 * is missing is accepted for either type and read as missing values of the type seen at fit time: its type
 * cannot be told from its cells (a CSV reader reads it as numeric), and a file of new customers whose category is
 * unknown, such as a single new customer, has such a column.
 *
 * <p><b>State.</b> {@link #inputColumns()}, {@link #inputTypes()} and {@link #steps()} are the whole fitted
 * state; {@link #of(List, List, List)} rebuilds a model from it and checks that the steps fit together (every
 * step finds its columns with the right types, and the output is all numeric), which is what model files use.
 *
 * <p>Immutable and thread-safe.
 */
public final class PipelineModel {

  private final List<String> inputColumns;
  private final List<ColumnType> inputTypes;
  private final List<FittedStep> steps;
  private final List<String> outputColumns;

  private PipelineModel(List<String> inputColumns, List<ColumnType> inputTypes, List<FittedStep> steps,
      List<String> outputColumns) {
    this.inputColumns = inputColumns;
    this.inputTypes = inputTypes;
    this.steps = steps;
    this.outputColumns = outputColumns;
  }

  /**
   * Rebuilds a fitted pipeline from its state.
   *
   * @param inputColumns the input column names, at least one, non-empty, distinct
   * @param inputTypes one type per input column
   * @param steps the fitted steps in order, none null
   * @return the model
   * @throws IllegalArgumentException if the lists do not match, or the steps do not fit the input layout
   *     (a column is missing or of the wrong type for a step, or the output has a categorical column)
   */
  public static PipelineModel of(List<String> inputColumns, List<ColumnType> inputTypes,
      List<? extends FittedStep> steps) {
    List<String> names = Columns.validNames("PipelineModel", inputColumns, false);
    if (inputTypes == null || inputTypes.size() != names.size()) {
      throw new IllegalArgumentException("PipelineModel: inputTypes must have one type per input column ("
          + names.size() + "), got " + (inputTypes == null ? "null" : String.valueOf(inputTypes.size())));
    }
    if (steps == null) {
      throw new IllegalArgumentException("PipelineModel: steps must not be null");
    }
    Table.Builder b = Table.builder();
    for (int j = 0; j < names.size(); j++) {
      ColumnType t = inputTypes.get(j);
      if (t == null) {
        throw new IllegalArgumentException("PipelineModel: inputTypes[" + j + "] must not be null");
      }
      if (t == ColumnType.NUMERIC) {
        b.numeric(names.get(j), new double[0]);
      } else {
        b.categorical(names.get(j), new String[0]);
      }
    }
    Table layout = b.build();
    List<FittedStep> s = new ArrayList<>(steps.size());
    for (int k = 0; k < steps.size(); k++) {
      FittedStep f = steps.get(k);
      if (f == null) {
        throw new IllegalArgumentException("PipelineModel: steps[" + k + "] must not be null");
      }
      try {
        layout = f.transform(layout);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PipelineModel: step " + k + " does not fit the columns before it: "
            + e.getMessage(), e);
      }
      s.add(f);
    }
    List<String> cat = layout.columnNames(ColumnType.CATEGORICAL);
    if (!cat.isEmpty()) {
      throw new IllegalArgumentException("PipelineModel: output column '" + cat.get(0)
          + "' is categorical; add a OneHotEncoder or drop it (ColumnSelector)");
    }
    return new PipelineModel(names, Collections.unmodifiableList(new ArrayList<>(inputTypes)),
        Collections.unmodifiableList(s), layout.columnNames());
  }

  static void checkComplete(Table out) {
    List<String> names = out.columnNames();
    for (int j = 0; j < names.size(); j++) {
      if (out.missingCount(names.get(j)) > 0) {
        out.toDataset(); // throws, naming the column and the first row
      }
    }
  }

  /** @return the input column names seen at fit time, unmodifiable */
  public List<String> inputColumns() {
    return inputColumns;
  }

  /** @return the input column types seen at fit time, one per input column, unmodifiable */
  public List<ColumnType> inputTypes() {
    return inputTypes;
  }

  /** @return the fitted steps in order, unmodifiable */
  public List<FittedStep> steps() {
    return steps;
  }

  /** @return the names of the output columns, one per {@link Dataset} column, unmodifiable */
  public List<String> outputColumns() {
    return outputColumns;
  }

  /**
   * Applies the steps and returns the result as a table (for inspection; {@link #transform} gives the
   * {@code Dataset}).
   *
   * @param table a table with the input columns (extra columns are ignored); not modified
   * @return the transformed table, with {@link #outputColumns()}
   * @throws IllegalArgumentException if an input column is missing or of another type (and not entirely
   *     missing), or a step fails
   */
  public Table transformTable(Table table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    boolean retype = false;
    for (int j = 0; j < inputColumns.size(); j++) {
      String c = inputColumns.get(j);
      if (!table.hasColumn(c)) {
        throw new IllegalArgumentException("the table has no column '" + c + "', which the pipeline was fitted"
            + " on; columns are " + table.columnNames());
      }
      if (table.type(c) != inputTypes.get(j)) {
        if (table.missingCount(c) != table.rowCount()) {
          throw new IllegalArgumentException("column '" + c + "' is " + Columns.lower(table.type(c))
              + ", but the pipeline was fitted on a " + Columns.lower(inputTypes.get(j)) + " column");
        }
        retype = true;
      }
    }
    Table current = table.select(inputColumns);
    if (retype) {
      current = allMissingRetyped(current);
    }
    for (int k = 0; k < steps.size(); k++) {
      current = steps.get(k).transform(current);
    }
    return current;
  }

  /** The input columns in order, a column of the other type with every cell missing as missing cells of its type. */
  private Table allMissingRetyped(Table t) {
    int n = t.rowCount();
    Table.Builder b = Table.builder();
    for (int j = 0; j < inputColumns.size(); j++) {
      String c = inputColumns.get(j);
      ColumnType want = inputTypes.get(j);
      if (t.type(c) == want) {
        b.column(t, c);
      } else if (want == ColumnType.NUMERIC) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        b.numeric(c, v);
      } else {
        b.categorical(c, new String[n]);
      }
    }
    return b.build();
  }

  /**
   * Applies the steps and converts the result to a {@link Dataset}.
   *
   * @param table a table with the input columns (extra columns are ignored); not modified
   * @return the dataset, with column names {@link #outputColumns()}
   * @throws IllegalArgumentException if an input column is missing or of another type, a step fails, a
   *     value is still missing after the steps (the message names the column and row), or the table has no
   *     rows
   */
  public Dataset transform(Table table) {
    return transformTable(table).toDataset();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PipelineModel)) {
      return false;
    }
    PipelineModel p = (PipelineModel) o;
    return inputColumns.equals(p.inputColumns) && inputTypes.equals(p.inputTypes) && steps.equals(p.steps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputColumns, inputTypes, steps);
  }

  @Override
  public String toString() {
    return "PipelineModel[" + inputColumns.size() + " inputs -> " + outputColumns.size() + " outputs; "
        + steps + "]";
  }
}
