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
 * <p><b>Input layout.</b> A table to transform must have the {@linkplain #requiredColumns() required columns}, each
 * with the type seen at fit time: the input columns whose values reach the output, because a step reads them (a
 * scaler, {@link Log1p}, an {@link Imputer}, a {@link OneHotEncoder}) or because they are passed to the output as
 * they are. Every other column is ignored: a column that a {@link ColumnSelector} drops (or leaves out of a keep-only
 * selection), such as an identifier, may be absent, of the other type or in another place, and so may extra columns;
 * columns may come in any order. The rule follows the fitted steps, which all name their columns (a step that acts
 * on "every numeric column" resolved them when it was fitted), so nothing is selected by type or by pattern at
 * transform time. A column that a step reads but a later {@code ColumnSelector} drops is not required either: its
 * values cannot change the output, and that step is then not applied to it (so it can raise no error for it). A
 * required column that is missing, or of the other type, raises an {@link IllegalArgumentException} naming the
 * column, the first step that reads it (counted from 0) and this rule. A required column in which every cell is
 * missing is accepted for either type and read as missing values of the type seen at fit time: its type cannot be
 * told from its cells (a CSV reader reads it as numeric), and a file of new customers whose category is unknown,
 * such as a single new customer, has such a column. The output depends only on the required columns, and is the
 * same, bit for bit, whatever the other columns hold.
 *
 * <p><b>State.</b> {@link #inputColumns()}, {@link #inputTypes()} and {@link #steps()} are the whole fitted
 * state; {@link #of(List, List, List)} rebuilds a model from it and checks that the steps fit together (every
 * step finds its columns with the right types, and the output is all numeric), which is what model files use.
 * {@link #requiredColumns()} is derived from it, so a model file written before this rule follows it as well.
 *
 * <p>Immutable and thread-safe.
 */
public final class PipelineModel {

  private final List<String> inputColumns;
  private final List<ColumnType> inputTypes;
  private final List<FittedStep> steps;
  private final List<String> outputColumns;
  private final InputPlan plan;

  private PipelineModel(List<String> inputColumns, List<ColumnType> inputTypes, List<FittedStep> steps,
      List<String> outputColumns, InputPlan plan) {
    this.inputColumns = inputColumns;
    this.inputTypes = inputTypes;
    this.steps = steps;
    this.outputColumns = outputColumns;
    this.plan = plan;
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
    List<List<String>> layouts = new ArrayList<>(steps.size() + 1);
    layouts.add(layout.columnNames());
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
      layouts.add(layout.columnNames());
    }
    List<String> cat = layout.columnNames(ColumnType.CATEGORICAL);
    if (!cat.isEmpty()) {
      throw new IllegalArgumentException("PipelineModel: output column '" + cat.get(0)
          + "' is categorical; add a OneHotEncoder or drop it (ColumnSelector)");
    }
    List<ColumnType> types = Collections.unmodifiableList(new ArrayList<>(inputTypes));
    List<FittedStep> fitted = Collections.unmodifiableList(s);
    return new PipelineModel(names, types, fitted, layout.columnNames(), InputPlan.of(names, types, fitted, layouts));
  }

  /**
   * Throws when a value is still missing after the steps, naming the first such output column, its first gap and
   * the remedy in pipeline terms (an {@link Imputer} step or a {@link ColumnSelector}), which a message about
   * building a {@code Dataset} would not give.
   */
  static void checkComplete(Table out) {
    for (String c : out.columnNames(ColumnType.NUMERIC)) {
      int missing = out.missingCount(c);
      if (missing > 0) {
        double[] v = out.numeric(c);
        int row = 0;
        while (!Double.isNaN(v[row])) {
          row++;
        }
        throw new IllegalArgumentException("Pipeline: output column '" + c + "' has a missing value at row " + row
            + " (counted from 0; " + missing + " missing in all) after the last step; a pipeline must fill every"
            + " gap: add an Imputer step for this column (such as Imputer.median()) and fit again, or drop the"
            + " column (ColumnSelector)");
      }
    }
  }

  /**
   * A copy whose {@link OneHotEncoder} steps treat unknown categories by {@code handling}, the rest unchanged: how a
   * service that loaded a pipeline fitted with the default {@link OneHotEncoder.HandleUnknown#ERROR} scores a
   * customer of a channel the training data did not have ({@link OneHotEncoder.HandleUnknown#IGNORE} encodes it as
   * all zeros, as scikit-learn's {@code handle_unknown='ignore'};
   * {@link OneHotEncoder.HandleUnknown#INFREQUENT_IF_EXIST} puts it in its column's grouped column of infrequent
   * categories where the fit made one), without fitting again. The categories, the infrequent ones, the output
   * columns and every other step stay as fitted, so a model fitted on this pipeline's output fits the copy's too.
   *
   * @param handling the rule for categories the fit did not see
   * @return this pipeline if it has no encoder or its encoders already follow {@code handling}, else a copy
   * @throws IllegalArgumentException if {@code handling} is null
   */
  public PipelineModel withHandleUnknown(OneHotEncoder.HandleUnknown handling) {
    if (handling == null) {
      throw new IllegalArgumentException("handling must not be null");
    }
    List<FittedStep> s = new ArrayList<>(steps.size());
    boolean changed = false;
    for (FittedStep f : steps) {
      if (f instanceof OneHotEncoder.Fitted && ((OneHotEncoder.Fitted) f).handleUnknown() != handling) {
        OneHotEncoder.Fitted e = (OneHotEncoder.Fitted) f;
        s.add(OneHotEncoder.Fitted.of(e.columns(), e.categories(), handling, e.drop(), e.infrequentCategories()));
        changed = true;
      } else {
        s.add(f);
      }
    }
    return changed ? of(inputColumns, inputTypes, s) : this;
  }

  /** @return the input column names seen at fit time, unmodifiable */
  public List<String> inputColumns() {
    return inputColumns;
  }

  /** @return the input column types seen at fit time, one per input column, unmodifiable */
  public List<ColumnType> inputTypes() {
    return inputTypes;
  }

  /**
   * The columns a table to transform must have: the input columns whose values reach the output (read by a step,
   * or passed to the output as they are), in fit order. See the class comment for the rule.
   *
   * @return the required column names, a subset of {@link #inputColumns()} in its order, unmodifiable
   */
  public List<String> requiredColumns() {
    return plan.columns;
  }

  /** @return the types seen at fit time of the {@link #requiredColumns()}, one per column, unmodifiable */
  public List<ColumnType> requiredTypes() {
    return plan.types;
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
   * @param table a table with the {@link #requiredColumns()} (other columns are ignored); not modified
   * @return the transformed table, with {@link #outputColumns()}
   * @throws IllegalArgumentException if a required column is missing or of another type (and not entirely
   *     missing), or a step fails
   */
  public Table transformTable(Table table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    List<String> required = plan.columns;
    boolean retype = false;
    for (int j = 0; j < required.size(); j++) {
      String c = required.get(j);
      ColumnType want = plan.types.get(j);
      if (!table.hasColumn(c)) {
        throw new IllegalArgumentException("the table has no column '" + c + "', which the pipeline was fitted"
            + " on: " + use(j) + "; " + RULE + "; columns are " + table.columnNames());
      }
      if (table.type(c) != want) {
        if (table.missingCount(c) != table.rowCount()) {
          throw new IllegalArgumentException("column '" + c + "' is " + Columns.lower(table.type(c))
              + ", but the pipeline was fitted on a " + Columns.lower(want) + " column: " + use(j) + "; "
              + RULE + " (a column whose cells are all missing may have either type)");
        }
        retype = true;
      }
    }
    Table current = table.select(required);
    if (retype) {
      current = allMissingRetyped(current);
    }
    for (int k = 0; k < plan.steps.size(); k++) {
      current = plan.steps.get(k).transform(current);
    }
    return current;
  }

  private static final String RULE = "a table to transform needs every column whose values reach the output"
      + " (requiredColumns()), with the type seen at fit time; other columns, such as one a ColumnSelector"
      + " drops, may be absent or of any type";

  /** How the pipeline uses required column {@code j}: the first step that reads it, or passing it to the output. */
  private String use(int j) {
    int k = plan.readers[j];
    if (k < 0) {
      return "the pipeline passes it to its output as it is";
    }
    return "step " + k + " (" + stepName(steps.get(k)) + ") reads it";
  }

  private static String stepName(FittedStep f) {
    return f.getClass().getEnclosingClass().getSimpleName();
  }

  /** The required columns in order, a column of the other type with every cell missing as missing cells of its type. */
  private Table allMissingRetyped(Table t) {
    int n = t.rowCount();
    List<String> required = plan.columns;
    Table.Builder b = Table.builder();
    for (int j = 0; j < required.size(); j++) {
      String c = required.get(j);
      ColumnType want = plan.types.get(j);
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
   * @param table a table with the {@link #requiredColumns()} (other columns are ignored); not modified
   * @return the dataset, with column names {@link #outputColumns()}
   * @throws IllegalArgumentException if a required column is missing or of another type, a step fails, a
   *     value is still missing after the steps (the message names the column and row), or the table has no
   *     rows, or the dataset, {@code rows * outputColumns().size()} values, would not fit in one Java array (at most
   *     {@code 2^31 - 9}; checked before any step runs, so a one-hot encoding that would exceed it fails at once
   *     instead of filling the heap with its columns first)
   */
  public Dataset transform(Table table) {
    if (table != null && (long) table.rowCount() * outputColumns.size() > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException("the pipeline's output, rows * outputColumns(), must be at most "
          + Dataset.MAX_VALUES + " values (one Java array), got " + table.rowCount() + " * "
          + outputColumns.size() + "; transform the table in parts (table.rows(indices))");
    }
    Table out = transformTable(table);
    try {
      return out.toDataset();
    } catch (IllegalArgumentException e) {
      checkComplete(out); // a gap left by the steps gets the pipeline's message; no rows keeps toDataset's
      throw e;
    }
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
