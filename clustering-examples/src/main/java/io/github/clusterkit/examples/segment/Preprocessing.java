package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Log1p;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.StandardScaler;
import io.github.clusterkit.preprocess.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The preprocessing rules of the segmentation: which column is the customer identifier, which columns are
 * skewed enough for a logarithm, and the pipeline built from them.
 *
 * <p>The pipeline is: median imputation of numeric columns, most-frequent imputation of categorical columns,
 * {@code log1p} of the skewed columns (the rule of {@link #isSkewed(double[])}), one-hot encoding of the
 * categories (unknown categories of new customers are encoded as all zeros), and standard scaling of the
 * numeric columns. The one-hot columns are left as 0/1: after scaling every numeric column has standard
 * deviation 1, so a change of category weighs about as much as one standard deviation of a number.
 */
public final class Preprocessing {

  /** A column is skewed when its sample skewness exceeds this value (and it has no negative value). */
  public static final double SKEWNESS_LIMIT = 2.0;

  /**
   * The width of the numbers' range for Gower's dissimilarity: 2, the Manhattan distance between two one-hot rows of
   * different categories, so that a number's full range weighs as a change of category.
   */
  public static final double GOWER_RANGE = 2.0;

  /** A categorical feature with more distinct values than this is rejected (it looks like an identifier). */
  public static final int MAX_CATEGORIES = 50;

  private static final Pattern ID_NAME = Pattern.compile("(?i)id|.*[_ .-]id|.*(?-i:ID|Id)");

  private Preprocessing() {}

  /**
   * Finds the identifier column: the first column whose name is {@code id}, ends in {@code _id},
   * {@code ID} or {@code Id} (for instance {@code CustomerID}, {@code CUST_ID}, {@code customer_id}), and
   * whose values are all present and distinct.
   *
   * @param table the customer table
   * @return the column's name, or null if there is none
   */
  public static String detectIdColumn(Table table) {
    for (String name : table.columnNames()) {
      if (ID_NAME.matcher(name).matches() && table.missingCount(name) == 0 && distinct(table, name)) {
        return name;
      }
    }
    return null;
  }

  /**
   * Whether a column's name is one {@link #detectIdColumn} takes for an identifier's: {@code id}, or ending in
   * {@code _id}, {@code ID} or {@code Id}.
   *
   * @param name a column name
   * @return whether it is named like an id
   */
  public static boolean isIdName(String name) {
    return ID_NAME.matcher(name).matches();
  }

  private static boolean distinct(Table t, String name) {
    Set<Object> seen = new HashSet<>();
    if (t.type(name) == ColumnType.NUMERIC) {
      double[] v = t.numeric(name);
      for (int i = 0; i < v.length; i++) {
        if (!seen.add(v[i])) {
          return false;
        }
      }
    } else {
      String[] v = t.categorical(name);
      for (int i = 0; i < v.length; i++) {
        if (!seen.add(v[i])) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Sample skewness {@code g1 = m3 / m2^(3/2)} of the observed values (population moments, as
   * {@code scipy.stats.skew(bias=True)}).
   *
   * @param values a numeric column, {@code NaN} for missing
   * @return the skewness, 0 for a constant column or fewer than 3 observed values
   */
  public static double skewness(double[] values) {
    int m = 0;
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        m++;
      }
    }
    if (m < 3) {
      return 0;
    }
    double mean = sum / m;
    double m2 = 0;
    double m3 = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        double d = values[i] - mean;
        m2 += d * d;
        m3 += d * d * d;
      }
    }
    m2 /= m;
    m3 /= m;
    return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
  }

  /**
   * The log rule for skewed money columns: a column gets {@code log1p} when its observed values are all
   * {@code >= 0} and their skewness exceeds {@link #SKEWNESS_LIMIT}.
   *
   * @param values a numeric column, {@code NaN} for missing
   * @return whether to take its logarithm
   */
  public static boolean isSkewed(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        return false;
      }
    }
    return skewness(values) > SKEWNESS_LIMIT;
  }

  /**
   * The numeric columns the log rule selects.
   *
   * @param features the feature table
   * @return their names, in table order
   */
  public static List<String> skewedColumns(Table features) {
    List<String> out = new ArrayList<>();
    for (String c : features.columnNames(ColumnType.NUMERIC)) {
      if (isSkewed(features.numeric(c))) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A plain decimal as {@code Csv} reads it: optional sign, digits with an optional point, optional exponent. */
  public static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /** A decimal as {@code Csv} reads it with a decimal comma: sign, digits with an optional comma, exponent. */
  public static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?([0-9]+,?[0-9]*|,[0-9]+)([eE][+-]?[0-9]+)?");

  /**
   * Whether a cell is a number as {@code Csv} reads it with a decimal point or (semicolon and tab files) a decimal
   * comma, spaces around it allowed.
   *
   * @param cell the cell's text
   * @return whether it is a number in either grammar
   */
  public static boolean isNumber(String cell) {
    String t = cell.strip();
    return DECIMAL.matcher(t).matches() || DECIMAL_COMMA.matcher(t).matches();
  }

  /**
   * The first cell of a text column that is no number, quoted with its row ({@code 'n/a' in row 5 (1 = the
   * first data row)}), when most of the column's cells are numbers; else null.
   */
  private static String textAmongNumbers(String[] cells) {
    int numbers = 0;
    int texts = 0;
    int first = -1;
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] == null) {
        continue;
      }
      if (isNumber(cells[i])) {
        numbers++;
      } else if (texts++ == 0) {
        first = i;
      }
    }
    if (first < 0 || numbers <= texts) {
      return null;
    }
    String cell = cells[first].length() > 40 ? cells[first].substring(0, 37) + "..." : cells[first];
    return "'" + cell + "' in row " + (first + 1) + " (1 = the first data row)";
  }

  /**
   * Builds the pipeline for a feature table.
   *
   * @param features the feature columns (no identifier)
   * @param logColumns numeric columns to take the logarithm of (possibly empty)
   * @return the pipeline (not yet fitted)
   * @throws IllegalArgumentException if a categorical column has more than {@link #MAX_CATEGORIES} values
   */
  public static Pipeline pipeline(Table features, List<String> logColumns) {
    return pipeline(features, logColumns, false);
  }

  /**
   * Builds the pipeline for a feature table, with the numbers standard-scaled or, for Gower's dissimilarity
   * ({@code minMax}), min-max scaled to {@code [0, 2]} (see {@link Segmenter.Distance#GOWER}): the same steps
   * otherwise.
   *
   * @param features the feature columns (no identifier)
   * @param logColumns numeric columns to take the logarithm of (possibly empty)
   * @param minMax whether the numbers are scaled to {@code [0, 2]} (not clipped) instead of standard-scaled
   * @return the pipeline (not yet fitted)
   * @throws IllegalArgumentException if a categorical column has more than {@link #MAX_CATEGORIES} values
   */
  public static Pipeline pipeline(Table features, List<String> logColumns, boolean minMax) {
    List<String> numeric = features.columnNames(ColumnType.NUMERIC);
    List<String> categorical = features.columnNames(ColumnType.CATEGORICAL);
    for (String c : categorical) {
      Set<String> values = new HashSet<>();
      for (String v : features.categorical(c)) {
        if (v != null) {
          values.add(v);
        }
      }
      if (values.size() > MAX_CATEGORIES) {
        String text = textAmongNumbers(features.categorical(c));
        if (text != null) {
          // a numeric column with a stray text cell ("n/a", "-", "?"): its many numbers made it look like an id
          throw new IllegalArgumentException("column '" + c + "' holds numbers but also text, such as " + text
              + ", so it is read as categories, " + values.size() + " of them (at most " + MAX_CATEGORIES
              + "); leave a missing value empty or write NA, or leave the column out with --columns");
        }
        throw new IllegalArgumentException("column '" + c + "' is categorical with " + values.size()
            + " distinct values (at most " + MAX_CATEGORIES + "); if it identifies customers name it with"
            + " --id-column, or leave it out with --columns");
      }
    }
    List<Step> steps = new ArrayList<>();
    if (!numeric.isEmpty()) {
      steps.add(Imputer.median());
    }
    if (!categorical.isEmpty()) {
      steps.add(Imputer.mostFrequent().columns(categorical.toArray(new String[0])));
    }
    if (!logColumns.isEmpty()) {
      steps.add(new Log1p().columns(logColumns.toArray(new String[0])));
    }
    if (!categorical.isEmpty()) {
      steps.add(new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE));
    }
    if (!numeric.isEmpty()) {
      String[] cols = numeric.toArray(new String[0]);
      steps.add(minMax ? new MinMaxScaler().range(0, GOWER_RANGE).columns(cols) : new StandardScaler().columns(cols));
    }
    return Pipeline.of(steps);
  }
}
