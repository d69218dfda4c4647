package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A sequence of preprocessing steps that turns a {@link Table} into a numeric
 * {@link io.github.clusterkit.data.Dataset}:
 *
 * <pre>{@code
 * PipelineModel p = Pipeline.of(Imputer.median(), new StandardScaler()).fit(table);
 * Dataset x = p.transform(table);
 * List<String> names = p.outputColumns();
 * }</pre>
 *
 * <p>{@link #fit(Table)} fits each step on the output of the steps before it (as scikit-learn's
 * {@code make_pipeline(...).fit}) and checks that the result is a complete numeric table: a categorical
 * column left over, or a missing value left over, raises an {@link IllegalArgumentException} naming the
 * column. The configuration is immutable and safe to share between threads.
 *
 * <p><b>Order of the steps.</b> A step without {@code columns(...)} acts on the columns of its kind that reach it
 * (resolved when it is fitted), so the order decides what it touches. For a customer table with an id, numbers
 * with gaps and a category, the usual order (scikit-learn's {@code ColumnTransformer} of a scaler on the numbers
 * and a one-hot encoder on the categories) is
 *
 * <pre>{@code
 * PipelineModel p = Pipeline.of(
 *     ColumnSelector.drop("CustomerID"),   // an id is no feature; new customers' files may lack it
 *     Imputer.median(),                    // numeric columns
 *     Imputer.mostFrequent(),              // the categorical columns left (the numeric ones are complete now)
 *     new StandardScaler(),                // the numbers only: it comes before the one-hot columns exist
 *     new OneHotEncoder()).fit(customers); // 0/1 columns, left unscaled
 * }</pre>
 *
 * A {@link StandardScaler} placed after the {@link OneHotEncoder} standardises the 0/1 columns as well (a
 * category held by a quarter of the rows becomes {@code 1.73} and {@code -0.58}); name its columns to avoid that.
 */
public final class Pipeline {

  private final List<Step> steps;

  private Pipeline(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * @param steps the steps in order; none may be null (zero steps give a pipeline that only converts a
   *     complete numeric table)
   * @return the pipeline
   * @throws IllegalArgumentException if {@code steps} or a step is null
   */
  public static Pipeline of(Step... steps) {
    if (steps == null) {
      throw new IllegalArgumentException("steps must not be null");
    }
    return of(Arrays.asList(steps));
  }

  /**
   * @param steps the steps in order; none may be null
   * @return the pipeline
   * @throws IllegalArgumentException if {@code steps} or a step is null
   */
  public static Pipeline of(List<? extends Step> steps) {
    if (steps == null) {
      throw new IllegalArgumentException("steps must not be null");
    }
    List<Step> s = new ArrayList<>(steps.size());
    for (int k = 0; k < steps.size(); k++) {
      if (steps.get(k) == null) {
        throw new IllegalArgumentException("steps[" + k + "] must not be null");
      }
      s.add(steps.get(k));
    }
    return new Pipeline(Collections.unmodifiableList(s));
  }

  /**
   * @param step a step to append
   * @return a new pipeline with {@code step} at the end
   * @throws IllegalArgumentException if {@code step} is null
   */
  public Pipeline then(Step step) {
    if (step == null) {
      throw new IllegalArgumentException("step must not be null");
    }
    List<Step> s = new ArrayList<>(steps);
    s.add(step);
    return new Pipeline(Collections.unmodifiableList(s));
  }

  /** @return the steps, unmodifiable */
  public List<Step> steps() {
    return steps;
  }

  /**
   * Fits every step in order.
   *
   * @param table the training table, not modified
   * @return the fitted pipeline
   * @throws IllegalArgumentException if a step cannot be fitted, or the output is not a complete numeric
   *     table; the message names the step and the column
   */
  public PipelineModel fit(Table table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    List<FittedStep> fitted = new ArrayList<>(steps.size());
    Table current = table;
    for (int k = 0; k < steps.size(); k++) {
      FittedStep f = steps.get(k).fit(current);
      current = f.transform(current);
      fitted.add(f);
    }
    PipelineModel model = PipelineModel.of(table.columnNames(), types(table), fitted);
    PipelineModel.checkComplete(current);
    return model;
  }

  static List<io.github.clusterkit.data.ColumnType> types(Table t) {
    List<io.github.clusterkit.data.ColumnType> out = new ArrayList<>(t.columnCount());
    for (int j = 0; j < t.columnCount(); j++) {
      out.add(t.type(j));
    }
    return out;
  }

  /**
   * Equal when the steps are equal, in the same order (clusterkit's steps compare their settings; a step of
   * another class compares as its own {@code equals} says), so a pipeline can key a cache of fitted ones.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Pipeline && steps.equals(((Pipeline) o).steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    return "Pipeline" + steps;
  }
}
