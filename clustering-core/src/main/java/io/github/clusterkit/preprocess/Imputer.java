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

  private Imputer(Strategy strategy, double numberFill, String textFill, List<String> columns) {
    this.strategy = strategy;
    this.numberFill = numberFill;
    this.textFill = textFill;
    this.columns = columns;
  }

  /** @return an imputer filling numeric columns with their mean */
  public static Imputer mean() {
    return new Imputer(Strategy.MEAN, Double.NaN, null, null);
  }

  /** @return an imputer filling numeric columns with their median */
  public static Imputer median() {
    return new Imputer(Strategy.MEDIAN, Double.NaN, null, null);
  }

  /** @return an imputer filling every column with its most frequent value */
  public static Imputer mostFrequent() {
    return new Imputer(Strategy.MOST_FREQUENT, Double.NaN, null, null);
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
    return new Imputer(Strategy.CONSTANT, value, null, null);
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
    return new Imputer(Strategy.CONSTANT, Double.NaN, value, null);
  }

  /**
   * @param names the columns to fill, at least one, distinct, of a type this strategy handles
   * @return an imputer acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public Imputer columns(String... names) {
    return new Imputer(strategy, numberFill, textFill, Columns.named(NAME, names));
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
    return Fitted.of(strategy, numeric, text);
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
        && Objects.equals(textFill, m.textFill) && Objects.equals(columns, m.columns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, numberFill, textFill, columns);
  }

  @Override
  public String toString() {
    return NAME + "(" + strategy + ")" + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link Imputer}: a fill value per numeric column and a fill category per categorical column.
   * Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final Strategy strategy;
    private final Map<String, Double> numeric;
    private final Map<String, String> text;
    private final List<String> columns;

    private Fitted(Strategy strategy, Map<String, Double> numeric, Map<String, String> text) {
      this.strategy = strategy;
      this.numeric = numeric;
      this.text = text;
      List<String> all = new ArrayList<>(numeric.keySet());
      all.addAll(text.keySet());
      this.columns = Collections.unmodifiableList(all);
    }

    /**
     * Rebuilds a fitted imputer from its state, copying the maps (their iteration order is kept).
     *
     * @param strategy the strategy that produced the fill values (mean and median fill only numeric columns)
     * @param numericFills per numeric column its finite fill value
     * @param categoricalFills per categorical column its non-null fill category
     * @return the fitted imputer
     * @throws IllegalArgumentException if a rule is broken or a column appears in both maps
     */
    public static Fitted of(Strategy strategy, Map<String, Double> numericFills,
        Map<String, String> categoricalFills) {
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
      return new Fitted(strategy, Collections.unmodifiableMap(n), Collections.unmodifiableMap(t));
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

    @Override
    public List<String> columns() {
      return columns;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, new ArrayList<>(numeric.keySet()), ColumnType.NUMERIC);
      Columns.require(NAME, table, new ArrayList<>(text.keySet()), ColumnType.CATEGORICAL);
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
      return b.build();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return strategy == f.strategy && columns.equals(f.columns) && numeric.equals(f.numeric)
          && text.equals(f.text);
    }

    @Override
    public int hashCode() {
      return Objects.hash(strategy, numeric, text);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted(" + strategy + ")" + columns;
    }
  }
}
