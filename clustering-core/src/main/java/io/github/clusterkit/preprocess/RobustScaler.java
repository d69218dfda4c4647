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
 * <p>Acts on every numeric column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe.
 */
public final class RobustScaler implements Step {

  private static final String NAME = "RobustScaler";

  private final List<String> columns;
  private final double qLow;
  private final double qHigh;

  /** A scaler with the interquartile range (25, 75) for every numeric column. */
  public RobustScaler() {
    this(null, 25, 75);
  }

  private RobustScaler(List<String> columns, double qLow, double qHigh) {
    this.columns = columns;
    this.qLow = qLow;
    this.qHigh = qHigh;
  }

  /**
   * @param names the numeric columns to scale, at least one, distinct
   * @return a scaler acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public RobustScaler columns(String... names) {
    return new RobustScaler(Columns.named(NAME, names), qLow, qHigh);
  }

  /**
   * @param low the lower percentile, in {@code [0, 100)}
   * @param high the upper percentile, in {@code (low, 100]}
   * @return a scaler dividing by the spread between these percentiles
   * @throws IllegalArgumentException unless {@code 0 <= low < high <= 100}
   */
  public RobustScaler quantileRange(double low, double high) {
    if (!(low >= 0 && low < high && high <= 100)) {
      throw new IllegalArgumentException(NAME + ": quantileRange must satisfy 0 <= low < high <= 100, got ("
          + low + ", " + high + ")");
    }
    return new RobustScaler(columns, low, high);
  }

  @Override
  public Fitted fit(Table table) {
    List<String> cols = Columns.resolve(NAME, table, columns, ColumnType.NUMERIC);
    int d = cols.size();
    double[] centers = new double[d];
    double[] scales = new double[d];
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
      scales[k] = Columns.handleZero(range);
    }
    return Fitted.of(cols, centers, scales);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RobustScaler)) {
      return false;
    }
    RobustScaler r = (RobustScaler) o;
    // As Double.equals, consistent with hashCode, which hashes the doubles (-0.0 and 0.0 hash differently).
    return Objects.equals(columns, r.columns) && Double.compare(qLow, r.qLow) == 0
        && Double.compare(qHigh, r.qHigh) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, qLow, qHigh);
  }

  @Override
  public String toString() {
    return NAME + "(" + qLow + ", " + qHigh + ")" + (columns == null ? "" : columns.toString());
  }

  /** A fitted {@link RobustScaler}: per column a centre (median) and a positive scale. Immutable. */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final double[] centers;
    private final double[] scales;

    private Fitted(List<String> columns, double[] centers, double[] scales) {
      this.columns = columns;
      this.centers = centers;
      this.scales = scales;
    }

    /**
     * Rebuilds a fitted scaler from its state, copying the arrays.
     *
     * @param columns the column names, distinct and non-empty
     * @param centers one finite centre per column
     * @param scales one finite, positive scale per column
     * @return the fitted scaler
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, double[] centers, double[] scales) {
      List<String> c = Columns.validNames(NAME, columns, true);
      return new Fitted(c, Columns.finite(NAME, "centers", centers, c.size()),
          Columns.positive(NAME, "scales", scales, c.size()));
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /** @return a copy of the per-column centres (medians) */
    public double[] centers() {
      return centers.clone();
    }

    /** @return a copy of the per-column scales (quantile ranges, or 1 where zero) */
    public double[] scales() {
      return scales.clone();
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
      return columns.equals(f.columns) && Arrays.equals(centers, f.centers) && Arrays.equals(scales, f.scales);
    }

    @Override
    public int hashCode() {
      return (columns.hashCode() * 31 + Arrays.hashCode(centers)) * 31 + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + columns;
    }
  }
}
