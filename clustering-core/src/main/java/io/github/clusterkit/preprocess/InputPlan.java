package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link PipelineModel#transform} needs of a table and the steps it runs: the input columns whose values reach
 * the output (the required columns), and each fitted step narrowed to the columns among those that it acts on.
 *
 * <p>Every fitted step acts on named columns, one column at a time (no step combines columns or selects by pattern
 * or type at transform time: defaults such as "every numeric column" are resolved when fitting), so a column's
 * output values depend only on its own input values. Walking the steps backwards from the output columns therefore
 * gives exactly the input columns the output depends on; the narrowed steps compute the same values, bit for bit,
 * for those columns, from the same fitted state.
 */
final class InputPlan {

  /** The required input columns, in fit order. */
  final List<String> columns;
  /** Their types at fit time. */
  final List<ColumnType> types;
  /** Per required column the index of the first step that reads it, or -1 if it is passed to the output as is. */
  final int[] readers;
  /** The steps to run on a table of the required columns (narrowed; steps left with nothing to do are omitted). */
  final List<FittedStep> steps;

  private InputPlan(List<String> columns, List<ColumnType> types, int[] readers, List<FittedStep> steps) {
    this.columns = columns;
    this.types = types;
    this.readers = readers;
    this.steps = steps;
  }

  /**
   * @param inputs the input columns seen at fit time
   * @param inputTypes their types
   * @param steps the fitted steps, already checked to fit together
   * @param layouts the column names before each step, and after the last one ({@code steps.size() + 1} lists)
   */
  static InputPlan of(List<String> inputs, List<ColumnType> inputTypes, List<FittedStep> steps,
      List<List<String>> layouts) {
    Set<String> live = new HashSet<>(layouts.get(steps.size()));
    FittedStep[] narrowed = new FittedStep[steps.size()];
    for (int k = steps.size() - 1; k >= 0; k--) {
      FittedStep f = steps.get(k);
      Set<String> after = live;
      if (f instanceof OneHotEncoder.Fitted) {
        live = oneHotInputs((OneHotEncoder.Fitted) f, live, layouts.get(k));
      } else if (f instanceof Imputer.Fitted && !((Imputer.Fitted) f).indicatorColumns().isEmpty()) {
        live = indicatorInputs((Imputer.Fitted) f, live);
      }
      narrowed[k] = narrow(f, live, after);
    }
    List<String> cols = new ArrayList<>();
    List<ColumnType> types = new ArrayList<>();
    for (int j = 0; j < inputs.size(); j++) {
      if (live.contains(inputs.get(j))) {
        cols.add(inputs.get(j));
        types.add(inputTypes.get(j));
      }
    }
    int[] readers = new int[cols.size()];
    for (int j = 0; j < cols.size(); j++) {
      readers[j] = -1;
      for (int k = 0; k < narrowed.length && readers[j] < 0; k++) {
        // Until a one-hot encoder (a reader) replaces it, a required column keeps its name: no step renames.
        if (narrowed[k] != null && !(narrowed[k] instanceof ColumnSelector.Fitted)
            && narrowed[k].columns().contains(cols.get(j))) {
          readers[j] = k;
        }
      }
    }
    List<FittedStep> run = new ArrayList<>();
    for (FittedStep f : narrowed) {
      if (f != null) {
        run.add(f);
      }
    }
    return new InputPlan(Collections.unmodifiableList(cols), Collections.unmodifiableList(types), readers,
        Collections.unmodifiableList(run));
  }

  /** The columns before a one-hot encoder that the live columns after it come from. */
  private static Set<String> oneHotInputs(OneHotEncoder.Fitted f, Set<String> live, List<String> before) {
    Set<String> encoded = new HashSet<>(f.columns());
    Map<String, String> source = new HashMap<>();
    for (int k = 0; k < f.columns().size(); k++) {
      String c = f.columns().get(k);
      List<String> cats = f.blocks(k);
      for (int i = 0; i < cats.size(); i++) {
        if (i != f.droppedIndex(k)) {
          source.put(OneHotEncoder.Fitted.outputName(c, cats.get(i)), c);
        }
      }
    }
    Set<String> passed = new HashSet<>(before);
    passed.removeAll(encoded);
    Set<String> out = new HashSet<>();
    for (String name : live) {
      // A passed-through column never bears a one-hot output name (the encoder refuses such a table).
      out.add(passed.contains(name) ? name : source.get(name));
    }
    return out;
  }

  /**
   * The columns before an imputer that the live columns after it come from: an indicator comes from its column (a
   * table with a column bearing an indicator's name is refused, so no passed column has one).
   */
  private static Set<String> indicatorInputs(Imputer.Fitted f, Set<String> live) {
    Set<String> out = new HashSet<>(live);
    List<String> sources = f.indicatorColumns();
    for (int k = 0; k < sources.size(); k++) {
      String name = Imputer.Fitted.indicatorName(sources.get(k));
      if (out.remove(name)) {
        out.add(sources.get(k));
      }
    }
    return out;
  }

  /**
   * The step acting only on its columns that are live (for a selector: outputting only those), the step itself
   * when that is all of them, or null when a step other than a selector is left with no column.
   *
   * @param live the live columns before the step
   * @param after the live columns after it (which indicators of an imputer to keep)
   */
  private static FittedStep narrow(FittedStep f, Set<String> live, Set<String> after) {
    if (f instanceof Imputer.Fitted) {
      return narrowImputer((Imputer.Fitted) f, live, after);
    }
    List<String> all = f.columns();
    List<Integer> keep = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      if (live.contains(all.get(k))) {
        keep.add(k);
      }
    }
    if (keep.size() == all.size()) {
      return f;
    }
    List<String> cols = new ArrayList<>(keep.size());
    for (int k : keep) {
      cols.add(all.get(k));
    }
    if (f instanceof ColumnSelector.Fitted) {
      // The output is never empty, and every output column passes every selector, so cols is not empty.
      return ColumnSelector.Fitted.of(cols);
    }
    if (keep.isEmpty()) {
      return null;
    }
    if (f instanceof StandardScaler.Fitted) {
      StandardScaler.Fitted s = (StandardScaler.Fitted) f;
      return StandardScaler.Fitted.of(cols, pick(s.means(), keep), pick(s.scales(), keep), s.withMean(),
          s.withStd());
    }
    if (f instanceof MinMaxScaler.Fitted) {
      MinMaxScaler.Fitted s = (MinMaxScaler.Fitted) f;
      return MinMaxScaler.Fitted.of(cols, pick(s.mins(), keep), pick(s.maxs(), keep), s.rangeMin(), s.rangeMax(),
          s.clip());
    }
    if (f instanceof RobustScaler.Fitted) {
      RobustScaler.Fitted s = (RobustScaler.Fitted) f;
      return RobustScaler.Fitted.of(cols, pick(s.centers(), keep), pick(s.scales(), keep), s.unitVariance());
    }
    if (f instanceof Log1p.Fitted) {
      return Log1p.Fitted.of(cols);
    }
    if (f instanceof OneHotEncoder.Fitted) {
      OneHotEncoder.Fitted s = (OneHotEncoder.Fitted) f;
      List<List<String>> cats = new ArrayList<>(keep.size());
      List<List<String>> rare = new ArrayList<>(keep.size());
      for (int k : keep) {
        cats.add(s.categories().get(k));
        rare.add(s.infrequentCategories().get(k));
      }
      return OneHotEncoder.Fitted.of(cols, cats, s.handleUnknown(), s.drop(), rare);
    }
    throw new AssertionError("unknown step " + f); // the set of steps is closed (sealed)
  }

  /** An imputer acting on its live columns and appending only its live indicators; null if it has neither. */
  private static FittedStep narrowImputer(Imputer.Fitted s, Set<String> live, Set<String> after) {
    List<String> indicators = new ArrayList<>();
    for (String c : s.indicatorColumns()) {
      if (after.contains(Imputer.Fitted.indicatorName(c))) {
        indicators.add(c); // its column is live too (indicatorInputs)
      }
    }
    int liveFills = 0;
    for (String c : s.columns()) {
      if (live.contains(c)) {
        liveFills++;
      }
    }
    if (liveFills == s.columns().size() && indicators.size() == s.indicatorColumns().size()) {
      return s;
    }
    if (liveFills == 0) {
      return null;
    }
    Map<String, Double> numeric = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : s.numericFills().entrySet()) {
      if (live.contains(e.getKey())) {
        numeric.put(e.getKey(), e.getValue());
      }
    }
    Map<String, String> text = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : s.categoricalFills().entrySet()) {
      if (live.contains(e.getKey())) {
        text.put(e.getKey(), e.getValue());
      }
    }
    return Imputer.Fitted.of(s.strategy(), numeric, text, s.addIndicator(), indicators);
  }

  private static double[] pick(double[] values, List<Integer> keep) {
    double[] out = new double[keep.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = values[keep.get(k)];
    }
    return out;
  }
}
