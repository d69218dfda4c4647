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
 * <p><b>Options</b> (scikit-learn's {@code StandardScaler(with_mean=, with_std=)}): {@link #withMean(boolean)
 * withMean(false)} leaves the mean in, {@code x / scale} (zeros stay zeros, as scikit-learn requires for sparse
 * data); {@link #withStd(boolean) withStd(false)} only centres, {@code x - mean}; with both false the step passes
 * the values through. Both are on by default. The fitted step always holds each column's mean and scale, whichever
 * of them it applies ({@link Fitted#withMean()} and {@link Fitted#withStd()} say which): scikit-learn 1.2.1 reports
 * the same {@code mean_} and {@code scale_} except that its {@code scale_} is {@code None} under
 * {@code with_std=False} and its {@code mean_} is {@code None} when both are false. So a column with no observed
 * value is refused under every option here (scikit-learn passes such a column through when both are false).
 *
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe; {@link #fit} returns an immutable {@link Fitted}.
 */
public final class StandardScaler implements Step {

  private static final String NAME = "StandardScaler";

  private final List<String> columns;
  private final boolean withMean;
  private final boolean withStd;

  /** A scaler for every numeric column, centring and scaling. */
  public StandardScaler() {
    this(null, true, true);
  }

  private StandardScaler(List<String> columns, boolean withMean, boolean withStd) {
    this.columns = columns;
    this.withMean = withMean;
    this.withStd = withStd;
  }

  /**
   * @param names the numeric columns to scale, at least one, distinct
   * @return a scaler acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public StandardScaler columns(String... names) {
    return new StandardScaler(Columns.named(NAME, names), withMean, withStd);
  }

  /**
   * @param center whether to subtract the mean (scikit-learn's {@code with_mean}; true by default)
   * @return a scaler that centres or not
   */
  public StandardScaler withMean(boolean center) {
    return new StandardScaler(columns, center, withStd);
  }

  /**
   * @param scale whether to divide by the standard deviation (scikit-learn's {@code with_std}; true by default)
   * @return a scaler that scales or not
   */
  public StandardScaler withStd(boolean scale) {
    return new StandardScaler(columns, withMean, scale);
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
    return new Fitted(cols, means, scales, withMean, withStd);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StandardScaler)) {
      return false;
    }
    StandardScaler s = (StandardScaler) o;
    return java.util.Objects.equals(columns, s.columns) && withMean == s.withMean && withStd == s.withStd;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(columns, withMean, withStd);
  }

  @Override
  public String toString() {
    return NAME + options(withMean, withStd) + (columns == null ? "" : columns.toString());
  }

  /** The options in text, empty for the defaults (so the defaults print as before the options existed). */
  private static String options(boolean withMean, boolean withStd) {
    return withMean && withStd ? "" : "(withMean=" + withMean + ", withStd=" + withStd + ")";
  }

  /**
   * A fitted {@link StandardScaler}: per column a mean and a positive scale, and which of them it applies.
   * Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final double[] means;
    private final double[] scales;
    private final boolean withMean;
    private final boolean withStd;

    private Fitted(List<String> columns, double[] means, double[] scales, boolean withMean, boolean withStd) {
      this.columns = columns;
      this.means = means;
      this.scales = scales;
      this.withMean = withMean;
      this.withStd = withStd;
    }

    /**
     * Rebuilds a fitted scaler that centres and scales from its state, copying the arrays: {@link #of(List,
     * double[], double[], boolean, boolean) of(columns, means, scales, true, true)}.
     *
     * @param columns the column names, distinct and non-empty
     * @param means one finite mean per column
     * @param scales one finite, positive scale per column
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken (the message names the array and index)
     */
    public static Fitted of(List<String> columns, double[] means, double[] scales) {
      return of(columns, means, scales, true, true);
    }

    /**
     * Rebuilds a fitted scaler from its state, copying the arrays. The means and scales are checked under every
     * option (they are the columns' statistics, applied or not).
     *
     * @param columns the column names, distinct and non-empty
     * @param means one finite mean per column
     * @param scales one finite, positive scale per column
     * @param withMean whether the transform subtracts the means
     * @param withStd whether the transform divides by the scales
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken (the message names the array and index)
     */
    public static Fitted of(List<String> columns, double[] means, double[] scales, boolean withMean,
        boolean withStd) {
      List<String> c = Columns.validNames(NAME, columns, true);
      return new Fitted(c, Columns.finite(NAME, "means", means, c.size()),
          Columns.positive(NAME, "scales", scales, c.size()), withMean, withStd);
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /** @return a copy of the per-column means (the columns' means, also under {@code withMean(false)}) */
    public double[] means() {
      return means.clone();
    }

    /**
     * @return a copy of the per-column scales (population standard deviation, or 1 for a constant column; also
     *     under {@code withStd(false)})
     */
    public double[] scales() {
      return scales.clone();
    }

    /** @return whether the transform subtracts the means (scikit-learn's {@code with_mean}) */
    public boolean withMean() {
      return withMean;
    }

    /** @return whether the transform divides by the scales (scikit-learn's {@code with_std}) */
    public boolean withStd() {
      return withStd;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.NUMERIC);
      // (x - 0) / s is x / s and (x - m) / 1 is x - m exactly (signed zeros and NaN included), so one form serves
      // (an error message then names the centre or scale applied: 0 or 1 for an option that is off).
      return Columns.mapNumeric(table, columns, (k, name, v) -> Columns.centerAndScale(NAME, name, v,
          withMean ? means[k] : 0.0, withStd ? scales[k] : 1.0, "mean"));
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && Arrays.equals(means, f.means) && Arrays.equals(scales, f.scales)
          && withMean == f.withMean && withStd == f.withStd;
    }

    @Override
    public int hashCode() {
      return ((columns.hashCode() * 31 + Arrays.hashCode(means)) * 31 + Arrays.hashCode(scales)) * 4
          + (withMean ? 2 : 0) + (withStd ? 1 : 0);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + options(withMean, withStd) + columns;
    }
  }
}
