package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills missing values ({@code NaN} in numeric columns, {@code null} in categorical ones), as scikit-learn's
 * {@code SimpleImputer}:
 * <ul>
 *   <li>{@link #mean()}: the column mean of the observed values (numeric columns);
 *   <li>{@link #median()}: the median, the mean of the two middle values for an even count (numeric);
 *   <li>{@link #mostFrequent()}: the most frequent value, the smallest one on a tie (numeric by value,
 *       categorical by Unicode code point, Python's string order, as scikit-learn); numeric and categorical
 *       columns;
 *   <li>{@link #constant(double)} for numeric columns, {@link #constant(String)} for categorical ones.
 * </ul>
 *
 * <p>By default it acts on every column it can handle (numeric columns for mean, median and a numeric
 * constant; every column for most-frequent; categorical columns for a text constant), or on the columns
 * named with {@link #columns(String...)}. Fill values are learned for every such column, also for columns
 * without missing values at fit time, so new data with gaps is filled too.
 *
 * <p><b>Edge cases.</b> A column with no observed value cannot be fitted with mean, median or most-frequent
 * (scikit-learn drops such a column with a warning; here it is an {@link IllegalArgumentException} naming
 * the column, so the output layout never depends on the data). Values near the top of the double range get the
 * mean and median of exact arithmetic, where a plain sum overflows (scikit-learn's fill is then infinite).
 *
 * <p><b>Missing-value indicators</b> ({@link #addIndicator(boolean) addIndicator(true)}, scikit-learn's
 * {@code SimpleImputer(add_indicator=True)}; off by default): the fitted step also records which of its columns had
 * a missing value at fit time (scikit-learn's {@code MissingIndicator(features='missing-only')}) and the transform
 * appends, for each of them, a numeric column that is 1 where the value was missing and 0 elsewhere, named
 * {@code <column>_missing} (scikit-learn names it {@code missingindicator_<column>}). They come after every other
 * column of the table, in the table's order of their columns at fit time: scikit-learn appends them after the imputed
 * features, so this is its order when the imputer acts on the whole table (for a categorical column scikit-learn's
 * indicator is {@code True}/{@code False} in an object array; here it is numeric 1/0 as well). A column without a
 * gap at fit time gets no indicator, also when a later table has gaps there (scikit-learn's {@code error_on_new=False}
 * inside {@code SimpleImputer}); when no column had a gap the step adds nothing. An indicator name that is already a
 * column of the table is refused with an {@link IllegalArgumentException} naming both, at fit and at transform time.
 *
 * <p>Immutable and thread-safe.
 */
public final class Imputer implements Step {

  private static final String NAME = "Imputer";

  /** How the fill value of a column is chosen. */
  public enum Strategy {
    /** The mean of the observed values. */
    MEAN,
    /** The median of the observed values. */
    MEDIAN,
    /** The most frequent observed value; the smallest on a tie. */
    MOST_FREQUENT,
    /** A value given by the caller. */
    CONSTANT
  }

  private final Strategy strategy;
  private final double numberFill;
  private final String textFill;
  private final List<String> columns;
  private final boolean addIndicator;

  private Imputer(Strategy strategy, double numberFill, String textFill, List<String> columns, boolean addIndicator) {
    this.strategy = strategy;
    this.numberFill = numberFill;
    this.textFill = textFill;
    this.columns = columns;
    this.addIndicator = addIndicator;
  }

  /** @return an imputer filling numeric columns with their mean */
  public static Imputer mean() {
    return new Imputer(Strategy.MEAN, Double.NaN, null, null, false);
  }

  /** @return an imputer filling numeric columns with their median */
  public static Imputer median() {
    return new Imputer(Strategy.MEDIAN, Double.NaN, null, null, false);
  }

  /** @return an imputer filling every column with its most frequent value */
  public static Imputer mostFrequent() {
    return new Imputer(Strategy.MOST_FREQUENT, Double.NaN, null, null, false);
  }

  /**
   * @param value the fill value, finite
   * @return an imputer filling numeric columns with {@code value}
   * @throws IllegalArgumentException if {@code value} is not finite
   */
  public static Imputer constant(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(NAME + ": constant fill value must be finite, got " + value);
    }
    return new Imputer(Strategy.CONSTANT, value, null, null, false);
  }

  /**
   * @param value the fill category, not null
   * @return an imputer filling categorical columns with {@code value}
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static Imputer constant(String value) {
    if (value == null) {
      throw new IllegalArgumentException(NAME + ": constant fill category must not be null");
    }
    return new Imputer(Strategy.CONSTANT, Double.NaN, value, null, false);
  }

  /**
   * @param names the columns to fill, at least one, distinct, of a type this strategy handles
   * @return an imputer acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public Imputer columns(String... names) {
    return new Imputer(strategy, numberFill, textFill, Columns.named(NAME, names), addIndicator);
  }

  /**
   * @param indicate whether the transform appends a missing-value indicator column for each column that had a gap
   *     at fit time (scikit-learn's {@code add_indicator}; false by default); see the class comment
   * @return an imputer with or without indicators
   */
  public Imputer addIndicator(boolean indicate) {
    return new Imputer(strategy, numberFill, textFill, columns, indicate);
  }

  /** @return the strategy */
  public Strategy strategy() {
    return strategy;
  }

  private ColumnType handledType() {
    switch (strategy) {
      case MOST_FREQUENT:
        return null;
      case CONSTANT:
        return textFill != null ? ColumnType.CATEGORICAL : ColumnType.NUMERIC;
      default:
        return ColumnType.NUMERIC;
    }
  }

  @Override
  public Fitted fit(Table table) {
    ColumnType type = handledType();
    List<String> cols;
    if (type == null) {
      if (table == null) {
        throw new IllegalArgumentException(NAME + ": table must not be null");
      }
      cols = columns == null ? table.columnNames() : columns;
      Columns.require(NAME, table, cols, null);
    } else {
      cols = Columns.resolve(NAME, table, columns, type);
    }
    Map<String, Double> numeric = new LinkedHashMap<>();
    Map<String, String> text = new LinkedHashMap<>();
    for (int k = 0; k < cols.size(); k++) {
      String c = cols.get(k);
      if (table.type(c) == ColumnType.NUMERIC) {
        numeric.put(c, numericFill(c, table.numeric(c)));
      } else {
        text.put(c, textFill(c, table.categorical(c)));
      }
    }
    List<String> indicators = new ArrayList<>();
    if (addIndicator) {
      java.util.Set<String> filled = new java.util.HashSet<>(cols);
      for (String c : table.columnNames()) { // the table's order, as scikit-learn's features_
        if (filled.contains(c) && table.missingCount(c) > 0) {
          indicators.add(c);
        }
      }
    }
    Fitted f = Fitted.of(strategy, numeric, text, addIndicator, indicators);
    f.checkNoClash(table);
    return f;
  }

  private double numericFill(String column, double[] v) {
    if (strategy == Strategy.CONSTANT) {
      return numberFill;
    }
    if (strategy == Strategy.MEAN) {
      double mean = Columns.mean(v);
      if (Double.isNaN(mean)) {
        throw Columns.noObserved(NAME, column);
      }
      return mean;
    }
    double[] s = Columns.observedSorted(v);
    if (s.length == 0) {
      throw Columns.noObserved(NAME, column);
    }
    if (strategy == Strategy.MEDIAN) {
      return Columns.median(s);
    }
    double best = s[0];
    int bestCount = 0;
    for (int i = 0; i < s.length;) {
      int j = i;
      while (j < s.length && s[j] == s[i]) {
        j++;
      }
      if (j - i > bestCount) {
        bestCount = j - i;
        best = s[i];
      }
      i = j;
    }
    return best == 0 ? 0.0 : best; // -0.0 and 0.0 are one value; report 0.0
  }

  private String textFill(String column, String[] v) {
    if (strategy == Strategy.CONSTANT) {
      return textFill;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != null) {
        counts.merge(v[i], 1, Integer::sum);
      }
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int c = e.getValue();
      if (c > bestCount || (c == bestCount && Columns.CODE_POINT_ORDER.compare(e.getKey(), best) < 0)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    if (best == null) {
      throw Columns.noObserved(NAME, column);
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Imputer)) {
      return false;
    }
    Imputer m = (Imputer) o;
    return strategy == m.strategy && Double.compare(numberFill, m.numberFill) == 0
        && Objects.equals(textFill, m.textFill) && Objects.equals(columns, m.columns) && addIndicator == m.addIndicator;
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, numberFill, textFill, columns, addIndicator);
  }

  @Override
  public String toString() {
    return NAME + "(" + strategy + (addIndicator ? ", addIndicator" : "") + ")"
        + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link Imputer}: a fill value per numeric column and a fill category per categorical column, and the
   * columns that get a missing-value indicator. Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final Strategy strategy;
    private final Map<String, Double> numeric;
    private final Map<String, String> text;
    private final List<String> columns;
    private final boolean addIndicator;
    private final List<String> indicators;

    private Fitted(Strategy strategy, Map<String, Double> numeric, Map<String, String> text, boolean addIndicator,
        List<String> indicators) {
      this.strategy = strategy;
      this.numeric = numeric;
      this.text = text;
      List<String> all = new ArrayList<>(numeric.keySet());
      all.addAll(text.keySet());
      this.columns = Collections.unmodifiableList(all);
      this.addIndicator = addIndicator;
      this.indicators = indicators;
    }

    /**
     * Rebuilds a fitted imputer without indicators from its state, copying the maps (their iteration order is
     * kept): {@link #of(Strategy, Map, Map, boolean, List) of(strategy, numericFills, categoricalFills, false,
     * List.of())}.
     *
     * @param strategy the strategy that produced the fill values (mean and median fill only numeric columns)
     * @param numericFills per numeric column its finite fill value
     * @param categoricalFills per categorical column its non-null fill category
     * @return the fitted imputer
     * @throws IllegalArgumentException if a rule is broken or a column appears in both maps
     */
    public static Fitted of(Strategy strategy, Map<String, Double> numericFills,
        Map<String, String> categoricalFills) {
      return of(strategy, numericFills, categoricalFills, false, List.of());
    }

    /**
     * Rebuilds a fitted imputer from its state, copying the maps (their iteration order is kept) and the list.
     *
     * @param strategy the strategy that produced the fill values (mean and median fill only numeric columns)
     * @param numericFills per numeric column its finite fill value
     * @param categoricalFills per categorical column its non-null fill category
     * @param addIndicator whether the imputer was configured with {@link Imputer#addIndicator(boolean)
     *     addIndicator(true)}
     * @param indicatorColumns the columns that get an indicator, in output order: distinct columns of the two maps,
     *     none of whose indicator names ({@code <column>_missing}) is a column of the maps; empty unless
     *     {@code addIndicator}
     * @return the fitted imputer
     * @throws IllegalArgumentException if a rule is broken or a column appears in both maps
     */
    public static Fitted of(Strategy strategy, Map<String, Double> numericFills,
        Map<String, String> categoricalFills, boolean addIndicator, List<String> indicatorColumns) {
      if (strategy == null) {
        throw new IllegalArgumentException(NAME + ": strategy must not be null");
      }
      if (numericFills == null || categoricalFills == null) {
        throw new IllegalArgumentException(NAME + ": fill maps must not be null");
      }
      Map<String, Double> n = new LinkedHashMap<>();
      for (Map.Entry<String, Double> e : numericFills.entrySet()) {
        String c = e.getKey();
        Double v = e.getValue();
        checkName(c);
        if (v == null || !Double.isFinite(v)) {
          throw new IllegalArgumentException(NAME + ": fill value of column '" + c + "' must be finite, got "
              + v);
        }
        n.put(c, v);
      }
      Map<String, String> t = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : categoricalFills.entrySet()) {
        String c = e.getKey();
        checkName(c);
        if (e.getValue() == null) {
          throw new IllegalArgumentException(NAME + ": fill category of column '" + c + "' must not be null");
        }
        if (n.containsKey(c)) {
          throw new IllegalArgumentException(NAME + ": column '" + c + "' has both a numeric and a categorical"
              + " fill");
        }
        t.put(c, e.getValue());
      }
      if ((strategy == Strategy.MEAN || strategy == Strategy.MEDIAN) && !t.isEmpty()) {
        throw new IllegalArgumentException(NAME + ": strategy " + strategy
            + " fills only numeric columns, got categorical fills for " + t.keySet());
      }
      if (indicatorColumns == null) {
        throw new IllegalArgumentException(NAME + ": indicatorColumns must not be null");
      }
      if (!addIndicator && !indicatorColumns.isEmpty()) {
        throw new IllegalArgumentException(NAME + ": indicatorColumns must be empty without addIndicator, got "
            + indicatorColumns);
      }
      List<String> ind = new ArrayList<>(indicatorColumns.size());
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String c : indicatorColumns) {
        if (c == null || !(n.containsKey(c) || t.containsKey(c))) {
          throw new IllegalArgumentException(NAME + ": indicator column " + (c == null ? "null" : "'" + c + "'")
              + " must be one of the columns the imputer fills, " + fillColumns(n, t));
        }
        if (!seen.add(c)) {
          throw new IllegalArgumentException(NAME + ": indicator columns must be distinct, got '" + c + "' twice");
        }
        String name = indicatorName(c);
        if (n.containsKey(name) || t.containsKey(name)) {
          throw new IllegalArgumentException(NAME + ": the missing-value indicator of column '" + c + "' would be"
              + " named '" + name + "', which is a column the imputer fills; column names must be distinct");
        }
        ind.add(c);
      }
      return new Fitted(strategy, Collections.unmodifiableMap(n), Collections.unmodifiableMap(t), addIndicator,
          Collections.unmodifiableList(ind));
    }

    private static List<String> fillColumns(Map<String, Double> n, Map<String, String> t) {
      List<String> all = new ArrayList<>(n.keySet());
      all.addAll(t.keySet());
      return all;
    }

    /** The name of the missing-value indicator of {@code column}: {@code column + "_missing"}. */
    static String indicatorName(String column) {
      return column + "_missing";
    }

    /**
     * Checks that no column of the table bears the name of an indicator.
     *
     * @throws IllegalArgumentException naming the indicator, its column and the clash
     */
    void checkNoClash(Table table) {
      for (String c : indicators) {
        String name = indicatorName(c);
        if (table.hasColumn(name)) {
          throw new IllegalArgumentException(NAME + ": the missing-value indicator of column '" + c + "' is named '"
              + name + "', but the table already has a column '" + name + "'; column names must be distinct (rename"
              + " or drop that column first, e.g. ColumnSelector.drop(\"" + name + "\"), or fit without"
              + " addIndicator)");
        }
      }
    }

    private static void checkName(String c) {
      if (c == null || c.isEmpty()) {
        throw new IllegalArgumentException(NAME + ": column names must be non-empty, got "
            + (c == null ? "null" : "\"\""));
      }
    }

    /** @return the strategy that produced the fill values */
    public Strategy strategy() {
      return strategy;
    }

    /** @return per numeric column its fill value, unmodifiable, in fit order */
    public Map<String, Double> numericFills() {
      return numeric;
    }

    /** @return per categorical column its fill category, unmodifiable, in fit order */
    public Map<String, String> categoricalFills() {
      return text;
    }

    /** @return whether the imputer was configured with {@link Imputer#addIndicator(boolean) addIndicator(true)} */
    public boolean addIndicator() {
      return addIndicator;
    }

    /**
     * @return the columns that get a missing-value indicator (those with a gap at fit time, under
     *     {@code addIndicator}), in output order, unmodifiable; empty without {@code addIndicator}
     */
    public List<String> indicatorColumns() {
      return indicators;
    }

    /** @return the names of the indicator columns the transform appends ({@code <column>_missing}), unmodifiable */
    public List<String> indicatorNames() {
      List<String> out = new ArrayList<>(indicators.size());
      for (String c : indicators) {
        out.add(indicatorName(c));
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, new ArrayList<>(numeric.keySet()), ColumnType.NUMERIC);
      Columns.require(NAME, table, new ArrayList<>(text.keySet()), ColumnType.CATEGORICAL);
      checkNoClash(table);
      Table.Builder b = Table.builder();
      List<String> names = table.columnNames();
      for (int j = 0; j < names.size(); j++) {
        String name = names.get(j);
        Double fill = numeric.get(name);
        String cat = text.get(name);
        if (fill != null) {
          double f = fill;
          double[] v = table.numeric(name);
          for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
              v[i] = f;
            }
          }
          b.numeric(name, v);
        } else if (cat != null) {
          String[] v = table.categorical(name);
          for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
              v[i] = cat;
            }
          }
          b.categorical(name, v);
        } else {
          b.column(table, name);
        }
      }
      for (String c : indicators) {
        int n = table.rowCount();
        double[] flag = new double[n];
        if (table.type(c) == ColumnType.NUMERIC) {
          double[] v = table.numeric(c);
          for (int i = 0; i < n; i++) {
            flag[i] = Double.isNaN(v[i]) ? 1.0 : 0.0;
          }
        } else {
          String[] v = table.categorical(c);
          for (int i = 0; i < n; i++) {
            flag[i] = v[i] == null ? 1.0 : 0.0;
          }
        }
        b.numeric(indicatorName(c), flag);
      }
      return b.build();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return strategy == f.strategy && columns.equals(f.columns) && numeric.equals(f.numeric)
          && text.equals(f.text) && addIndicator == f.addIndicator && indicators.equals(f.indicators);
    }

    @Override
    public int hashCode() {
      return Objects.hash(strategy, numeric, text, addIndicator, indicators);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted(" + strategy + (addIndicator ? ", indicators " + indicators : "") + ")" + columns;
    }
  }
}
