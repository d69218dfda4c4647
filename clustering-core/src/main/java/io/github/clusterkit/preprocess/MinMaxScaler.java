package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Scale;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rescales numeric columns linearly so that the training minimum and maximum map to a target range
 * ({@code [0, 1]} by default), computed as scikit-learn's {@code MinMaxScaler(feature_range=(lo, hi))}:
 * {@code scale = (hi - lo) / (max - min)}, {@code offset = lo - min * scale}, {@code x * scale + offset}.
 *
 * <p><b>Edge cases.</b> A constant column (range below {@code 10 * eps}) gets range 1 (scikit-learn's rule), so
 * its values map to {@code lo} up to the rounding described next: exactly for the default range {@code [0, 1]},
 * within about {@code eps * |x| * (hi - lo)} otherwise (as in scikit-learn, a constant {@code -7.7} maps to
 * {@code 4.999999999999999} with the range {@code [5, 6]}, and a constant {@code 1e20} to {@code 0}, its
 * offset {@code 5 - 1e20} having rounded to {@code -1e20}). Values outside the training range map outside the
 * target range unless clipped (see below). Missing values are ignored when fitting and stay missing. Like
 * scikit-learn's, this form rounds {@code x * scale} and {@code offset}, each about {@code max|x| / (max - min)}
 * times the target range, before they cancel: a column whose range is small against its values (say
 * {@code 1000 +- 0.01}) maps its training extremes to the ends of the target range within about
 * {@code eps * max|x| / (max - min)} of it, not exactly.
 *
 * <p><b>Extreme magnitudes.</b> A column whose largest magnitude is above {@code 2^201} is fitted and transformed
 * multiplied by a power of two that brings it to {@code 2^200} ({@code x * 2^-e}, with {@code scale * 2^e} and the same
 * offset; not a constant column, whose range 1 does not scale with it): exactly the results of the formulas above
 * in arithmetic with a wide enough exponent range. So a column spanning more than the double range (values of both
 * signs beyond about {@code 9e307}, where {@code max - min} overflows) is scaled like any other, and a scale below
 * the normal range (a column near {@code 1e308}) keeps its precision. A column and target range whose scale or
 * offset lies beyond the double range even so (a target range far wider than the column's, such as
 * {@code [0, 1e300]} for a column spanning {@code 1e-10}) is refused with an {@link IllegalArgumentException}
 * naming the column. A new value far outside the training range whose result lies beyond the double range (say
 * {@code 1e308} in a column fitted on {@code [0, 1e-10]}) raises an {@link IllegalArgumentException} naming the
 * step, the column, the row and the fitted minimum and maximum.
 *
 * <p><b>Clipping</b> ({@link #clip(boolean) clip(true)}, scikit-learn's {@code MinMaxScaler(clip=True)}; off by
 * default): every transformed value is then clipped to the target range as numpy's {@code clip} does it, so the
 * output always lies in {@code [min, max]} (a missing value stays missing; {@code -0.0} clipped at a bound
 * {@code 0.0} gives {@code 0.0}, and a value above a bound {@code -0.0} gives {@code -0.0}). A value whose
 * unclipped result lies beyond the double range is then not refused: it maps to the nearer bound.
 *
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe.
 */
public final class MinMaxScaler implements Step {

  private static final String NAME = "MinMaxScaler";

  private final List<String> columns;
  private final double lo;
  private final double hi;
  private final boolean clip;

  /** A scaler to {@code [0, 1]} for every numeric column, without clipping. */
  public MinMaxScaler() {
    this(null, 0, 1, false);
  }

  private MinMaxScaler(List<String> columns, double lo, double hi, boolean clip) {
    this.columns = columns;
    this.lo = lo;
    this.hi = hi;
    this.clip = clip;
  }

  /**
   * @param names the numeric columns to scale, at least one, distinct
   * @return a scaler acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public MinMaxScaler columns(String... names) {
    return new MinMaxScaler(Columns.named(NAME, names), lo, hi, clip);
  }

  /**
   * @param min the target minimum, finite
   * @param max the target maximum, finite and {@code > min}, with a finite width {@code max - min}
   * @return a scaler with this target range
   * @throws IllegalArgumentException if a bound is not finite, {@code max <= min}, or {@code max - min}
   *     overflows (as for {@code [-1e308, 1e308]})
   */
  public MinMaxScaler range(double min, double max) {
    checkRange(min, max);
    return new MinMaxScaler(columns, min, max, clip);
  }

  /**
   * @param clipToRange whether transformed values are clipped to the target range (scikit-learn's {@code clip};
   *     false by default); see the class comment
   * @return a scaler that clips or not
   */
  public MinMaxScaler clip(boolean clipToRange) {
    return new MinMaxScaler(columns, lo, hi, clipToRange);
  }

  private static void checkRange(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
      throw new IllegalArgumentException(NAME + ": range must be finite with min < max, got [" + min + ", "
          + max + "]");
    }
    if (!Double.isFinite(max - min)) {
      throw new IllegalArgumentException(NAME + ": range must have a width max - min within the double range, got ["
          + min + ", " + max + "], whose width overflows");
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
    return Fitted.of(cols, mins, maxs, lo, hi, clip);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MinMaxScaler)) {
      return false;
    }
    MinMaxScaler m = (MinMaxScaler) o;
    // As Double.equals (hashCode hashes the doubles): -0.0 is not 0.0, and can change the sign of a zero result.
    return Objects.equals(columns, m.columns) && Double.compare(lo, m.lo) == 0 && Double.compare(hi, m.hi) == 0
        && clip == m.clip;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, lo, hi, clip);
  }

  @Override
  public String toString() {
    return NAME + "[" + lo + ", " + hi + "]" + (clip ? "(clip)" : "") + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link MinMaxScaler}: per column the training minimum and maximum, the target range, and whether it
   * clips. Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final double[] mins;
    private final double[] maxs;
    private final double lo;
    private final double hi;
    private final boolean clip;
    /** Per column {@code 2^-e}: 1, or the power of two bringing a column beyond {@code 2^201} to {@code 2^200}. */
    private final double[] factor;
    /** Per column the scale at that magnitude, {@code scale * 2^e}. */
    private final double[] scale;
    private final double[] offset;

    private Fitted(List<String> columns, double[] mins, double[] maxs, double lo, double hi, boolean clip) {
      this.columns = columns;
      this.mins = mins;
      this.maxs = maxs;
      this.lo = lo;
      this.hi = hi;
      this.clip = clip;
      int d = mins.length;
      factor = new double[d];
      scale = new double[d];
      offset = new double[d];
      for (int k = 0; k < d; k++) {
        // Exact: multiplying by a power of two commutes with the rounding of every operation while values stay
        // normal, so this is scikit-learn's form in a wide exponent range (and the same numbers where e is 0).
        // A constant column (range below 10 eps, taken as 1) is left at its magnitude: its range does not scale.
        double range = maxs[k] - mins[k]; // infinite beyond the double range: then the column is not constant
        boolean constant = range < 10 * Math.ulp(1.0);
        int e = constant ? 0 : Math.max(0, Scale.exponent(Math.max(Math.abs(mins[k]), Math.abs(maxs[k]))));
        double f = Math.scalb(1.0, -e);
        double unit = constant ? 1.0 : maxs[k] * f - mins[k] * f;
        factor[k] = f;
        scale[k] = (hi - lo) / unit;
        offset[k] = lo - (mins[k] * f) * scale[k];
      }
    }

    /**
     * Rebuilds a fitted scaler that does not clip from its state, copying the arrays: {@link #of(List, double[],
     * double[], double, double, boolean) of(columns, mins, maxs, rangeMin, rangeMax, false)}.
     *
     * @param columns the column names, distinct and non-empty
     * @param mins one finite training minimum per column
     * @param maxs one finite training maximum per column, {@code >= mins[k]}
     * @param rangeMin the target minimum, finite
     * @param rangeMax the target maximum, finite and {@code > rangeMin}, with a finite width
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken, or a column's scale or offset lies beyond the
     *     double range (see the class comment)
     */
    public static Fitted of(List<String> columns, double[] mins, double[] maxs, double rangeMin,
        double rangeMax) {
      return of(columns, mins, maxs, rangeMin, rangeMax, false);
    }

    /**
     * Rebuilds a fitted scaler from its state, copying the arrays.
     *
     * @param columns the column names, distinct and non-empty
     * @param mins one finite training minimum per column
     * @param maxs one finite training maximum per column, {@code >= mins[k]}
     * @param rangeMin the target minimum, finite
     * @param rangeMax the target maximum, finite and {@code > rangeMin}, with a finite width
     * @param clip whether transformed values are clipped to {@code [rangeMin, rangeMax]}
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken, or a column's scale or offset lies beyond the
     *     double range (see the class comment)
     */
    public static Fitted of(List<String> columns, double[] mins, double[] maxs, double rangeMin,
        double rangeMax, boolean clip) {
      List<String> c = Columns.validNames(NAME, columns, true);
      double[] a = Columns.finite(NAME, "mins", mins, c.size());
      double[] b = Columns.finite(NAME, "maxs", maxs, c.size());
      checkRange(rangeMin, rangeMax);
      for (int k = 0; k < a.length; k++) {
        if (!(b[k] >= a[k])) {
          throw new IllegalArgumentException(NAME + ": maxs[" + k + "] must be >= mins[" + k + "] (column '"
              + c.get(k) + "'), got min " + a[k] + ", max " + b[k]);
        }
      }
      Fitted f = new Fitted(c, a, b, rangeMin, rangeMax, clip);
      for (int k = 0; k < a.length; k++) {
        String what = f.scale[k] == 0 ? "scale (rangeMax - rangeMin) / (max - min) underflows to 0"
            : !Double.isFinite(f.scale[k]) ? "scale (rangeMax - rangeMin) / (max - min) lies beyond the double range"
            : !Double.isFinite(f.offset[k]) ? "offset rangeMin - min * scale lies beyond the double range" : null;
        if (what != null) {
          throw new IllegalArgumentException(NAME + ": column '" + c.get(k) + "' (min " + a[k] + ", max " + b[k]
              + ") cannot be mapped to the range [" + rangeMin + ", " + rangeMax + "]: its " + what
              + " (a constant column counts as range 1); change the range or rescale the column first");
        }
      }
      return f;
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

    /** @return whether transformed values are clipped to the target range (scikit-learn's {@code clip}) */
    public boolean clip() {
      return clip;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.NUMERIC);
      return Columns.mapNumeric(table, columns, (k, name, v) -> {
        double f = factor[k];
        double s = scale[k];
        double o = offset[k];
        for (int i = 0; i < v.length; i++) {
          double x = v[i] * f;
          double y = x * s + o;
          if (Double.isInfinite(y)) {
            // x * s overflowed: the same operations on halves, doubled, are exact (see Columns.centerAndScale).
            y = ((x * 0.5) * s + o * 0.5) * 2;
            if (Double.isInfinite(y) && !clip) {
              throw Columns.beyondRange(NAME, name, i, v[i], "x * scale + offset with min " + mins[k] + ", max "
                  + maxs[k] + " and range [" + lo + ", " + hi + "]");
            }
          }
          v[i] = clip ? clip(y, lo, hi) : y;
        }
      });
    }

    /**
     * numpy 1.24's {@code clip} of one double: {@code min(max(y, lo), hi)} with its comparisons, where a NaN stays
     * NaN and a tie of signed zeros gives the bound ({@code clip(-0.0, 0, 1)} is {@code 0.0}); an infinite
     * {@code y} (a result beyond the double range) gives the bound on its side.
     */
    static double clip(double y, double lo, double hi) {
      if (Double.isNaN(y)) {
        return y;
      }
      double t = y > lo ? y : lo;
      return t < hi ? t : hi;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && Arrays.equals(mins, f.mins) && Arrays.equals(maxs, f.maxs)
          && Double.compare(lo, f.lo) == 0 && Double.compare(hi, f.hi) == 0 && clip == f.clip;
    }

    @Override
    public int hashCode() {
      return Objects.hash(columns, Arrays.hashCode(mins), Arrays.hashCode(maxs), lo, hi, clip);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + (clip ? "(clip)" : "") + columns;
    }
  }
}
