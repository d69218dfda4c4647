package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scales numeric columns robustly to outliers: {@code (x - median) / (q75 - q25)}, as scikit-learn's
 * {@code RobustScaler()} (median and percentiles as numpy's {@code nanmedian} and
 * {@code nanpercentile(method='linear')}). The quantile range can be changed with
 * {@link #quantileRange(double, double)} (scikit-learn's {@code quantile_range}, in percent).
 *
 * <p><b>Edge cases.</b> A zero interquartile range (below {@code 10 * eps}) becomes 1, as in scikit-learn.
 * Missing values are ignored when fitting and stay missing. Values near the top of the double range get the median
 * and percentiles of exact arithmetic (where scikit-learn's intermediate sums overflow); a spread between the two
 * percentiles beyond the double range (values of both signs above about {@code 9e307}) cannot be a scale and is
 * rejected with an {@link IllegalArgumentException} naming the column. A transformed value is that of exact
 * arithmetic too where {@code x - median} overflows but the result does not (a column fitted on values of both signs
 * near {@code 1e308} transforms its own rows); a new value whose result lies beyond the double range raises an
 * {@link IllegalArgumentException} naming the step, the column, the row and the fitted centre and scale.
 *
 * <p><b>Unit variance</b> ({@link #unitVariance(boolean) unitVariance(true)}, scikit-learn's
 * {@code RobustScaler(unit_variance=True)}; off by default): each scale (after the zero rule above) is divided by
 * {@code ppf(high / 100) - ppf(low / 100)}, the spread between the same percentiles of a standard normal
 * distribution ({@code 1.3489795003921634} for the interquartile range), so that normally distributed data get
 * variance 1. The normal quantile {@code ppf} is Wichura's AS 241 (see {@code NormalQuantile}), within about
 * {@code 1e-15} relative of SciPy's {@code norm.ppf}, which scikit-learn uses. A quantile range reaching 0 or 100
 * has an infinite normal spread: scikit-learn then divides every scale down to 0 and transforms to infinities;
 * here that combination is refused when the scaler is configured. A narrow quantile range has a small factor
 * (about {@code 5e-4} for {@code (49.99, 50.01)}): a scale it takes beyond the double range is refused at fit time
 * with an {@link IllegalArgumentException} naming the column, the spread and the factor.
 *
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe.
 */
public final class RobustScaler implements Step {

  private static final String NAME = "RobustScaler";

  private final List<String> columns;
  private final double qLow;
  private final double qHigh;
  private final boolean unitVariance;

  /** A scaler with the interquartile range (25, 75) for every numeric column, without the unit-variance factor. */
  public RobustScaler() {
    this(null, 25, 75, false);
  }

  private RobustScaler(List<String> columns, double qLow, double qHigh, boolean unitVariance) {
    this.columns = columns;
    this.qLow = qLow;
    this.qHigh = qHigh;
    this.unitVariance = unitVariance;
  }

  /**
   * @param names the numeric columns to scale, at least one, distinct
   * @return a scaler acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public RobustScaler columns(String... names) {
    return new RobustScaler(Columns.named(NAME, names), qLow, qHigh, unitVariance);
  }

  /**
   * @param low the lower percentile, in {@code [0, 100)}
   * @param high the upper percentile, in {@code (low, 100]}
   * @return a scaler dividing by the spread between these percentiles
   * @throws IllegalArgumentException unless {@code 0 <= low < high <= 100}, or under
   *     {@link #unitVariance(boolean) unitVariance(true)} if {@code low} is 0 or {@code high} is 100
   */
  public RobustScaler quantileRange(double low, double high) {
    if (!(low >= 0 && low < high && high <= 100)) {
      throw new IllegalArgumentException(NAME + ": quantileRange must satisfy 0 <= low < high <= 100, got ("
          + low + ", " + high + ")");
    }
    checkUnitVariance(unitVariance, low, high);
    return new RobustScaler(columns, low, high, unitVariance);
  }

  /**
   * @param unit whether each scale is divided by the standard normal spread between the two percentiles
   *     (scikit-learn's {@code unit_variance}; false by default); see the class comment
   * @return a scaler with or without that factor
   * @throws IllegalArgumentException if {@code unit} is true and the quantile range reaches 0 or 100
   */
  public RobustScaler unitVariance(boolean unit) {
    checkUnitVariance(unit, qLow, qHigh);
    return new RobustScaler(columns, qLow, qHigh, unit);
  }

  private static void checkUnitVariance(boolean unit, double low, double high) {
    // as fit computes the probabilities: a positive low below about 5e-322 still gives low / 100 = 0
    if (unit && !(low / 100.0 > 0 && high / 100.0 < 1)) {
      throw new IllegalArgumentException(NAME + ": unitVariance needs a quantileRange with 0 < low and high < 100"
          + " (the normal distribution's spread to 0 or 100 is infinite, which would make every scale 0), got ("
          + low + ", " + high + ")");
    }
  }

  @Override
  public Fitted fit(Table table) {
    List<String> cols = Columns.resolve(NAME, table, columns, ColumnType.NUMERIC);
    int d = cols.size();
    double[] centers = new double[d];
    double[] scales = new double[d];
    // scikit-learn's adjust, norm.ppf(q_max / 100.0) - norm.ppf(q_min / 100.0), with the same divisions by 100
    double adjust = unitVariance ? NormalQuantile.ppf(qHigh / 100.0) - NormalQuantile.ppf(qLow / 100.0) : 1;
    for (int k = 0; k < d; k++) {
      double[] s = Columns.observedSorted(table.numeric(cols.get(k)));
      if (s.length == 0) {
        throw Columns.noObserved(NAME, cols.get(k));
      }
      centers[k] = Columns.median(s);
      double high = Columns.percentile(s, qHigh);
      double low = Columns.percentile(s, qLow);
      double range = high - low;
      if (range == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(NAME + ": the spread of column '" + cols.get(k) + "' between its "
            + qLow + " and " + qHigh + " percentiles (" + low + " to " + high + ") exceeds the double range;"
            + " rescale the column first");
      }
      // A scale is at least 10 eps (below, it is 1) and the factor below 80 (ppf of the smallest double is about
      // -38.5), so the quotient stays far from 0; a narrow quantile range makes the factor small (about 5e-4 for
      // (49.99, 50.01)), so the quotient can overflow.
      scales[k] = unitVariance ? Columns.handleZero(range) / adjust : Columns.handleZero(range);
      if (scales[k] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(NAME + ": the spread of column '" + cols.get(k) + "' between its "
            + qLow + " and " + qHigh + " percentiles (" + range + ") divided by the unitVariance factor "
            + adjust + " (the standard normal spread between them) exceeds the double range; rescale the column"
            + " first or widen the quantile range");
      }
    }
    return Fitted.of(cols, centers, scales, unitVariance);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RobustScaler)) {
      return false;
    }
    RobustScaler r = (RobustScaler) o;
    // As Double.equals, consistent with hashCode, which hashes the doubles (-0.0 and 0.0 hash differently).
    return Objects.equals(columns, r.columns) && Double.compare(qLow, r.qLow) == 0
        && Double.compare(qHigh, r.qHigh) == 0 && unitVariance == r.unitVariance;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, qLow, qHigh, unitVariance);
  }

  @Override
  public String toString() {
    return NAME + "(" + qLow + ", " + qHigh + (unitVariance ? ", unitVariance" : "") + ")"
        + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link RobustScaler}: per column a centre (median) and a positive scale, and whether the scales include
   * the unit-variance factor. Immutable.
   */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final double[] centers;
    private final double[] scales;
    private final boolean unitVariance;

    private Fitted(List<String> columns, double[] centers, double[] scales, boolean unitVariance) {
      this.columns = columns;
      this.centers = centers;
      this.scales = scales;
      this.unitVariance = unitVariance;
    }

    /**
     * Rebuilds a fitted scaler fitted without the unit-variance factor from its state, copying the arrays:
     * {@link #of(List, double[], double[], boolean) of(columns, centers, scales, false)}.
     *
     * @param columns the column names, distinct and non-empty
     * @param centers one finite centre per column
     * @param scales one finite, positive scale per column
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, double[] centers, double[] scales) {
      return of(columns, centers, scales, false);
    }

    /**
     * Rebuilds a fitted scaler from its state, copying the arrays.
     *
     * @param columns the column names, distinct and non-empty
     * @param centers one finite centre per column
     * @param scales one finite, positive scale per column, the unit-variance factor included where it was applied
     * @param unitVariance whether the scales were divided by the unit-variance factor (a record of how they were
     *     fitted: the transform divides by the scales as they are)
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, double[] centers, double[] scales, boolean unitVariance) {
      List<String> c = Columns.validNames(NAME, columns, true);
      return new Fitted(c, Columns.finite(NAME, "centers", centers, c.size()),
          Columns.positive(NAME, "scales", scales, c.size()), unitVariance);
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /** @return a copy of the per-column centres (medians) */
    public double[] centers() {
      return centers.clone();
    }

    /**
     * @return a copy of the per-column scales (quantile ranges, or 1 where zero; divided by the unit-variance factor
     *     when {@link #unitVariance()}, as scikit-learn's {@code scale_})
     */
    public double[] scales() {
      return scales.clone();
    }

    /** @return whether the scales were divided by the unit-variance factor (scikit-learn's {@code unit_variance}) */
    public boolean unitVariance() {
      return unitVariance;
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.NUMERIC);
      return Columns.mapNumeric(
          table, columns, (k, name, v) -> Columns.centerAndScale(NAME, name, v, centers[k], scales[k], "center"));
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && Arrays.equals(centers, f.centers) && Arrays.equals(scales, f.scales)
          && unitVariance == f.unitVariance;
    }

    @Override
    public int hashCode() {
      return ((columns.hashCode() * 31 + Arrays.hashCode(centers)) * 31 + Arrays.hashCode(scales)) * 2
          + (unitVariance ? 1 : 0);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + (unitVariance ? "(unitVariance)" : "") + columns;
    }
  }
}
