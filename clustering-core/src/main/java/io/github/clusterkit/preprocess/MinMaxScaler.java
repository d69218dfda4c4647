package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rescales numeric columns linearly so that the training minimum and maximum map to a target range
 * ({@code [0, 1]} by default), computed as scikit-learn's {@code MinMaxScaler(feature_range=(lo, hi))}:
 * {@code scale = (hi - lo) / (max - min)}, {@code offset = lo - min * scale}, {@code x * scale + offset}.
 *
 * <p><b>Edge cases.</b> A constant column (range below {@code 10 * eps}) gets range 1, so its values map to
 * {@code lo} (scikit-learn's rule). Values outside the training range map outside the target range (no
 * clipping). Missing values are ignored when fitting and stay missing. Like scikit-learn's, this form rounds
 * {@code x * scale} and {@code offset}, each about {@code max|x| / (max - min)} times the target range, before
 * they cancel: a column whose range is small against its values (say {@code 1000 +- 0.01}) maps its training
 * extremes to the ends of the target range within about {@code eps * max|x| / (max - min)} of it, not exactly.
 *
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe.
 */
public final class MinMaxScaler implements Step {

  private static final String NAME = "MinMaxScaler";

  private final List<String> columns;
  private final double lo;
  private final double hi;

  /** A scaler to {@code [0, 1]} for every numeric column. */
  public MinMaxScaler() {
    this(null, 0, 1);
  }

  private MinMaxScaler(List<String> columns, double lo, double hi) {
    this.columns = columns;
    this.lo = lo;
    this.hi = hi;
  }

  /**
   * @param names the numeric columns to scale, at least one, distinct
   * @return a scaler acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public MinMaxScaler columns(String... names) {
    return new MinMaxScaler(Columns.named(NAME, names), lo, hi);
  }

  /**
   * @param min the target minimum, finite
   * @param max the target maximum, finite and {@code > min}
   * @return a scaler with this target range
   * @throws IllegalArgumentException if a bound is not finite or {@code max <= min}
   */
  public MinMaxScaler range(double min, double max) {
    checkRange(min, max);
    return new MinMaxScaler(columns, min, max);
  }

  private static void checkRange(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
      throw new IllegalArgumentException(NAME + ": range must be finite with min < max, got [" + min + ", "
          + max + "]");
    }
  }

  @Override
  public Fitted fit(Table table) {
    List<String> cols = Columns.resolve(NAME, table, columns, ColumnType.NUMERIC);
    int d = cols.size();
    double[] mins = new double[d];
    double[] maxs = new double[d];
    for (int k = 0; k < d; k++) {
      double[] v = table.numeric(cols.get(k));
      double mn = Double.POSITIVE_INFINITY;
      double mx = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < v.length; i++) {
        double x = v[i];
        if (x < mn) {
          mn = x;
        }
        if (x > mx) {
          mx = x;
        }
      }
      if (mn > mx) {
        throw Columns.noObserved(NAME, cols.get(k));
      }
      mins[k] = mn;
      maxs[k] = mx;
    }
    return Fitted.of(cols, mins, maxs, lo, hi);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MinMaxScaler)) {
      return false;
    }
    MinMaxScaler m = (MinMaxScaler) o;
    return Objects.equals(columns, m.columns) && lo == m.lo && hi == m.hi;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, lo, hi);
  }

  @Override
  public String toString() {
    return NAME + "[" + lo + ", " + hi + "]" + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link MinMaxScaler}: per column the training minimum and maximum, and the target range.
   * Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final double[] mins;
    private final double[] maxs;
    private final double lo;
    private final double hi;
    private final double[] scale;
    private final double[] offset;

    private Fitted(List<String> columns, double[] mins, double[] maxs, double lo, double hi) {
      this.columns = columns;
      this.mins = mins;
      this.maxs = maxs;
      this.lo = lo;
      this.hi = hi;
      int d = mins.length;
      scale = new double[d];
      offset = new double[d];
      for (int k = 0; k < d; k++) {
        scale[k] = (hi - lo) / Columns.handleZero(maxs[k] - mins[k]);
        offset[k] = lo - mins[k] * scale[k];
      }
    }

    /**
     * Rebuilds a fitted scaler from its state, copying the arrays.
     *
     * @param columns the column names, distinct and non-empty
     * @param mins one finite training minimum per column
     * @param maxs one finite training maximum per column, {@code >= mins[k]} and with a finite range
     * @param rangeMin the target minimum, finite
     * @param rangeMax the target maximum, finite and {@code > rangeMin}
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, double[] mins, double[] maxs, double rangeMin,
        double rangeMax) {
      List<String> c = Columns.validNames(NAME, columns, true);
      double[] a = Columns.finite(NAME, "mins", mins, c.size());
      double[] b = Columns.finite(NAME, "maxs", maxs, c.size());
      checkRange(rangeMin, rangeMax);
      for (int k = 0; k < a.length; k++) {
        if (!(b[k] >= a[k]) || !Double.isFinite(b[k] - a[k])) {
          throw new IllegalArgumentException(NAME + ": maxs[" + k + "] must be >= mins[" + k
              + "] with a finite difference, got min " + a[k] + ", max " + b[k]);
        }
        if (!Double.isFinite((rangeMax - rangeMin) / Columns.handleZero(b[k] - a[k]))) {
          throw new IllegalArgumentException(NAME + ": the scale of column '" + c.get(k)
              + "' overflows (range " + (b[k] - a[k]) + ")");
        }
      }
      return new Fitted(c, a, b, rangeMin, rangeMax);
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /** @return a copy of the per-column training minima */
    public double[] mins() {
      return mins.clone();
    }

    /** @return a copy of the per-column training maxima */
    public double[] maxs() {
      return maxs.clone();
    }

    /** @return the target minimum */
    public double rangeMin() {
      return lo;
    }

    /** @return the target maximum */
    public double rangeMax() {
      return hi;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.NUMERIC);
      return Columns.mapNumeric(table, columns, (k, name, v) -> {
        double s = scale[k];
        double o = offset[k];
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] * s + o;
        }
      });
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && Arrays.equals(mins, f.mins) && Arrays.equals(maxs, f.maxs)
          && Double.compare(lo, f.lo) == 0 && Double.compare(hi, f.hi) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(columns, Arrays.hashCode(mins), Arrays.hashCode(maxs), lo, hi);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + columns;
    }
  }
}
