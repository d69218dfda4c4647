package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Scale;
import java.util.Arrays;
import java.util.List;

/**
 * Standardises numeric columns: {@code (x - mean) / scale}, where {@code scale} is the population standard
 * deviation (divisor {@code n}), exactly as scikit-learn's {@code StandardScaler()} (same two-pass
 * mean/variance computation with the Chan-Golub-LeVeque correction term, so results agree to rounding).
 *
 * <p><b>Edge cases.</b> A constant column gets scale 1, as in scikit-learn (a column counts as constant
 * when its variance is at most {@code n*eps*var + (n*mean*eps)^2}, scikit-learn's test). Missing values
 * ({@code NaN}) are ignored when fitting and stay missing when transforming. A column with no observed value
 * cannot be fitted. A column whose largest magnitude is above {@code 2^201} or below {@code 2^-200}, where squares
 * overflow or underflow (a column near {@code 1e200} gave NaN, one near {@code 1e-200} was left unscaled as if
 * constant), is fitted multiplied by a power of two and its mean and scale scaled back: exactly the mean and
 * standard deviation of arithmetic with a wide enough exponent range. A transformed value is that of such arithmetic
 * too (where {@code x - mean} overflows but the result does not); a new value whose result lies beyond the double
 * range (say {@code 1e308} in a column fitted on values near {@code 1e-10}) raises an
 * {@link IllegalArgumentException} naming the step, the column, the row and the fitted mean and scale.
 *
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe; {@link #fit} returns an immutable {@link Fitted}.
 */
public final class StandardScaler implements Step {

  private static final String NAME = "StandardScaler";

  private final List<String> columns;

  /** A scaler for every numeric column. */
  public StandardScaler() {
    this(null);
  }

  private StandardScaler(List<String> columns) {
    this.columns = columns;
  }

  /**
   * @param names the numeric columns to scale, at least one, distinct
   * @return a scaler acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public StandardScaler columns(String... names) {
    return new StandardScaler(Columns.named(NAME, names));
  }

  @Override
  public Fitted fit(Table table) {
    List<String> cols = Columns.resolve(NAME, table, columns, ColumnType.NUMERIC);
    int d = cols.size();
    double[] means = new double[d];
    double[] scales = new double[d];
    double eps = Math.ulp(1.0);
    for (int k = 0; k < d; k++) {
      double[] v = table.numeric(cols.get(k));
      // A column too large or too small for its squares (and sums) is standardised at a magnitude of 2^200 and its
      // mean and scale scaled back: exact, as multiplying by a power of two is (see Scale; NaN is skipped).
      int e = Scale.exponent(Scale.maxAbs(v, 0, v.length));
      if (e != 0) {
        v = Scale.down(v, e);
      }
      double mean = Columns.mean(v); // v is below 2^201 now: summed as it is
      if (Double.isNaN(mean)) {
        throw Columns.noObserved(NAME, cols.get(k));
      }
      double correction = 0;
      double squares = 0;
      int n = 0;
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          double t = v[i] - mean;
          correction += t;
          squares += t * t;
          n++;
        }
      }
      double var = (squares - correction * correction / n) / n;
      double bound = n * eps * var + (n * mean * eps) * (n * mean * eps);
      means[k] = Math.scalb(mean, e);
      scales[k] = var <= bound ? 1.0 : Math.scalb(Math.sqrt(var), e);
    }
    return new Fitted(cols, means, scales);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StandardScaler && java.util.Objects.equals(columns, ((StandardScaler) o).columns);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(columns) + 1;
  }

  @Override
  public String toString() {
    return NAME + (columns == null ? "" : columns.toString());
  }

  /** A fitted {@link StandardScaler}: per column a mean and a positive scale. Immutable, thread-safe. */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final double[] means;
    private final double[] scales;

    private Fitted(List<String> columns, double[] means, double[] scales) {
      this.columns = columns;
      this.means = means;
      this.scales = scales;
    }

    /**
     * Rebuilds a fitted scaler from its state, copying the arrays.
     *
     * @param columns the column names, distinct and non-empty
     * @param means one finite mean per column
     * @param scales one finite, positive scale per column
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken (the message names the array and index)
     */
    public static Fitted of(List<String> columns, double[] means, double[] scales) {
      List<String> c = Columns.validNames(NAME, columns, true);
      return new Fitted(c, Columns.finite(NAME, "means", means, c.size()),
          Columns.positive(NAME, "scales", scales, c.size()));
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /** @return a copy of the per-column means */
    public double[] means() {
      return means.clone();
    }

    /** @return a copy of the per-column scales (population standard deviation, or 1 for a constant column) */
    public double[] scales() {
      return scales.clone();
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.NUMERIC);
      return Columns.mapNumeric(
          table, columns, (k, name, v) -> Columns.centerAndScale(NAME, name, v, means[k], scales[k], "mean"));
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && Arrays.equals(means, f.means) && Arrays.equals(scales, f.scales);
    }

    @Override
    public int hashCode() {
      return (columns.hashCode() * 31 + Arrays.hashCode(means)) * 31 + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + columns;
    }
  }
}
