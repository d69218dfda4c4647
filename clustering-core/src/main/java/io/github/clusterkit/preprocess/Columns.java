package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Scale;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Column selection and validation shared by the steps. */
final class Columns {

  private Columns() {}

  /** Validates names given to a {@code columns(...)} wither: at least one, non-empty, distinct. */
  static List<String> named(String step, String... names) {
    if (names == null || names.length == 0) {
      throw new IllegalArgumentException(step + ": columns needs at least one column name");
    }
    return validNames(step, java.util.Arrays.asList(names), false);
  }

  /** Validates a list of column names from fitted state: non-null, non-empty, distinct. */
  static List<String> validNames(String step, List<String> names, boolean allowEmpty) {
    if (names == null) {
      throw new IllegalArgumentException(step + ": columns must not be null");
    }
    if (!allowEmpty && names.isEmpty()) {
      throw new IllegalArgumentException(step + ": columns must not be empty");
    }
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>(names.size());
    for (int k = 0; k < names.size(); k++) {
      String n = names.get(k);
      if (n == null || n.isEmpty()) {
        throw new IllegalArgumentException(step + ": column names must be non-empty, got "
            + (n == null ? "null" : "\"\"") + " at position " + k);
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(step + ": column names must be distinct, got '" + n + "' twice");
      }
      out.add(n);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The columns a step acts on: the named ones (checked to exist with the given type) or, when
   * {@code named} is null, every column of that type.
   */
  static List<String> resolve(String step, Table table, List<String> named, ColumnType type) {
    if (table == null) {
      throw new IllegalArgumentException(step + ": table must not be null");
    }
    if (named == null) {
      return table.columnNames(type);
    }
    require(step, table, named, type);
    return named;
  }

  /** Checks that every column exists in the table with the given type. */
  static void require(String step, Table table, List<String> columns, ColumnType type) {
    if (table == null) {
      throw new IllegalArgumentException(step + ": table must not be null");
    }
    for (int k = 0; k < columns.size(); k++) {
      String c = columns.get(k);
      if (!table.hasColumn(c)) {
        throw new IllegalArgumentException(step + ": the table has no column '" + c + "'; columns are "
            + table.columnNames());
      }
      if (type != null && table.type(c) != type) {
        throw new IllegalArgumentException(step + ": column '" + c + "' is " + lower(table.type(c))
            + ", expected " + lower(type));
      }
    }
  }

  /**
   * Python's order of strings (by Unicode code point), which scikit-learn sorts categories with. It differs from
   * {@link String#compareTo} (by UTF-16 unit) only where a character beyond {@code U+FFFF} (a surrogate pair, such
   * as an emoji) meets one in {@code U+E000..U+FFFF} (such as a fullwidth letter): Python puts the latter first.
   */
  static final java.util.Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int i = 0;
    while (i < a.length() && i < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(i);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
    }
    return Integer.compare(a.length(), b.length());
  };

  static String lower(ColumnType t) {
    return t == ColumnType.NUMERIC ? "numeric" : "categorical";
  }

  /** A per-column numeric function applied in place. */
  interface NumericMap {
    void apply(int k, String column, double[] values);
  }

  /** Replaces the given numeric columns by {@code fn} of their values, keeping every column in place. */
  static Table mapNumeric(Table table, List<String> columns, NumericMap fn) {
    if (columns.isEmpty()) {
      return table;
    }
    java.util.Map<String, Integer> which = new java.util.HashMap<>();
    for (int k = 0; k < columns.size(); k++) {
      which.put(columns.get(k), k);
    }
    Table.Builder b = Table.builder();
    List<String> names = table.columnNames();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      Integer k = which.get(name);
      if (k == null) {
        b.column(table, name);
      } else {
        double[] v = table.numeric(name);
        fn.apply(k, name, v);
        b.numeric(name, v);
      }
    }
    return b.build();
  }

  /** Checks an array from fitted state: the right length and every value finite. */
  static double[] finite(String step, String what, double[] values, int length) {
    if (values == null) {
      throw new IllegalArgumentException(step + ": " + what + " must not be null");
    }
    if (values.length != length) {
      throw new IllegalArgumentException(step + ": " + what + " must have one value per column (" + length
          + "), got " + values.length);
    }
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalArgumentException(step + ": " + what + "[" + k + "] must be finite, got " + values[k]);
      }
    }
    return values.clone();
  }

  /** As {@link #finite} and every value {@code > 0}. */
  static double[] positive(String step, String what, double[] values, int length) {
    double[] v = finite(step, what, values, length);
    for (int k = 0; k < v.length; k++) {
      if (!(v[k] > 0)) {
        throw new IllegalArgumentException(step + ": " + what + "[" + k + "] must be > 0, got " + v[k]);
      }
    }
    return v;
  }

  /** Values of a numeric column without the missing ones, sorted ascending. */
  static double[] observedSorted(double[] v) {
    int m = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        m++;
      }
    }
    double[] out = new double[m];
    m = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        out[m++] = v[i];
      }
    }
    java.util.Arrays.sort(out);
    return out;
  }

  static IllegalArgumentException noObserved(String step, String column) {
    return new IllegalArgumentException(step + ": column '" + column + "' has no observed (non-missing) value"
        + " to fit on");
  }

  /**
   * numpy's median of sorted values: the middle one, or the mean of the two middle ones. Where their sum overflows
   * (two values near the top of the double range) the halves are added instead, which is exact: the result is that
   * of arithmetic with a wide enough exponent range, not infinity.
   */
  static double median(double[] sorted) {
    int m = sorted.length;
    int h = m / 2;
    if ((m & 1) == 1) {
      return sorted[h];
    }
    double sum = sorted[h - 1] + sorted[h];
    return Double.isInfinite(sum) ? sorted[h - 1] / 2 + sorted[h] / 2 : sum / 2.0;
  }

  /**
   * The mean of the values that are not {@code NaN}, summed in order (as numpy), or NaN if there is none. A column
   * too large or too small for its sums (largest magnitude beyond {@link Scale}'s limits) is summed multiplied by a
   * power of two and the mean scaled back, as StandardScaler does: the mean of arithmetic with a wide enough exponent
   * range, not infinity; other columns are summed as they are.
   */
  static double mean(double[] v) {
    int e = Scale.exponent(Scale.maxAbs(v, 0, v.length));
    double[] w = e != 0 ? Scale.down(v, e) : v;
    double sum = 0;
    int n = 0;
    for (int i = 0; i < w.length; i++) {
      if (!Double.isNaN(w[i])) {
        sum += w[i];
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    return e != 0 ? Math.scalb(sum / n, e) : sum / n;
  }

  /**
   * numpy 1.24's {@code percentile(v, q, method='linear')} of sorted values, with its exact operations:
   * {@code p = q / 100}, virtual index {@code (n - 1) * p} (the 'linear' method's own rule, not the
   * {@code n*p + (alpha + p*(1 - alpha - beta)) - 1} of the other continuous methods, which rounds differently),
   * then {@code _lerp}.
   */
  static double percentile(double[] sorted, double q) {
    int n = sorted.length;
    double p = q / 100.0;
    double vi = (n - 1) * p;
    double prev = Math.floor(vi);
    int lo = (int) Math.max(0, Math.min(prev, n - 1));
    int hi = (int) Math.max(0, Math.min(prev + 1, n - 1));
    double gamma = vi - prev;
    double a = sorted[lo];
    double b = sorted[hi];
    double diff = b - a;
    if (Double.isInfinite(diff)) {
      // Values of opposite signs near the top of the double range: the same operations on the halves give exactly
      // half of the result of a wide enough exponent range (the result lies between a and b, so doubling it is too).
      double ha = a / 2;
      double hb = b / 2;
      double hd = hb - ha;
      return 2 * (gamma >= 0.5 ? hb - hd * (1 - gamma) : ha + hd * gamma);
    }
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }

  /**
   * {@code v[i] = (v[i] - center) / scale} for every value (StandardScaler's and RobustScaler's transform). Where the
   * plain form overflows (an infinity from finite operands) the same operations run on the halves of {@code x} and
   * {@code center} and the result is doubled, which is exact (halving and doubling only change exponents here), so
   * the result is that of arithmetic with a wide enough exponent range when it is finite; when that result lies
   * beyond the double range the value is refused ({@link #beyondRange}).
   *
   * @param centerName the step's name for {@code center} in the message ("mean", "center")
   */
  static void centerAndScale(String step, String column, double[] v, double center, double scale,
      String centerName) {
    for (int i = 0; i < v.length; i++) {
      double y = (v[i] - center) / scale;
      if (Double.isInfinite(y)) {
        y = ((v[i] * 0.5 - center * 0.5) / scale) * 2;
        if (Double.isInfinite(y)) {
          throw beyondRange(step, column, i, v[i], "(x - " + centerName + ") / scale with " + centerName + " "
              + center + ", scale " + scale);
        }
      }
      v[i] = y;
    }
  }

  /**
   * The refusal of a transformed value beyond the double range.
   *
   * @param formula the step's formula with its fitted parameters, e.g. "(x - mean) / scale with mean 0, scale 1"
   */
  static IllegalArgumentException beyondRange(String step, String column, int row, double x, String formula) {
    return new IllegalArgumentException(step + ": column '" + column + "' has value " + x + " at row " + row
        + ", which maps beyond the double range by " + formula + "; the column was fitted on values of a far"
        + " smaller spread (fit on data that cover such values, or rescale the column first)");
  }

  /** scikit-learn's {@code _handle_zeros_in_scale} without a mask: a scale below {@code 10 * eps} becomes 1. */
  static double handleZero(double scale) {
    return scale < 10 * Math.ulp(1.0) ? 1.0 : scale;
  }
}
