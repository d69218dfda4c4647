package io.github.clusterkit.data;

import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.Scale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable table of {@code n} points in {@code d} dimensions, stored as one flat row-major
 * {@code double[]} (the value of row {@code i}, column {@code j} sits at {@code i * d + j}).
 *
 * <p>Every algorithm in clusterkit reads a {@code Dataset}. All values are finite: {@link #of(double[][])}
 * and {@link #wrap(double[], int, int)} reject {@code NaN} and infinite values with an
 * {@link IllegalArgumentException} that names the row and column, so no algorithm has to check again.
 * Missing values belong in a {@code Table} and are imputed before a {@code Dataset} is built.
 *
 * <p><b>Copies.</b> {@link #of(double[][])} copies the caller's rows once. {@link #wrap(double[], int, int)}
 * does not copy (it exists for large inputs that are already row-major); the caller promises not to modify
 * the array afterwards. Every accessor that returns an array returns a fresh copy, so a {@code Dataset} can
 * never be changed through its API. Methods never modify arrays passed to them.
 *
 * <p><b>Edge cases.</b> A dataset has at least one row and at least one column; duplicate rows and
 * constant columns are allowed.
 *
 * <p><b>Thread-safety.</b> Immutable, hence safe to share between threads.
 */
public final class Dataset {

  /**
   * The most values, {@code n * d}, a dataset holds: {@code 2^31 - 9}, the largest Java array the JVMs allocate.
   * Methods that build a dataset (or a result of that size) refuse larger sizes before allocating.
   */
  public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

  static {
    DataAccess.install(ds -> ds.values, Dataset::maxAbs);
  }

  private final double[] values;
  private final int n;
  private final int d;
  private final List<String> columnNames;
  /** The largest absolute value, or NaN until first needed (a benign race: every thread computes the same). */
  private volatile double maxAbs;

  private Dataset(double[] values, int n, int d, List<String> columnNames, double maxAbs) {
    this.values = values;
    this.n = n;
    this.d = d;
    this.columnNames = columnNames;
    this.maxAbs = maxAbs;
  }

  /** The largest absolute value of the dataset, computed on first use (for the exact scaling of {@link Scale}). */
  private static double maxAbs(Dataset ds) {
    double m = ds.maxAbs;
    if (Double.isNaN(m)) {
      m = Scale.maxAbs(ds.values, 0, ds.values.length);
      ds.maxAbs = m;
    }
    return m;
  }

  /**
   * Builds a dataset from rows, copying them once.
   *
   * @param rows one array per point, all of the same length
   * @return a new dataset without column names (its {@link #columnNames()} are the placeholders {@code x0, x1, ...})
   * @throws IllegalArgumentException if {@code rows} is null or empty, a row is null, rows differ in
   *     length, a row is empty, or a value is NaN or infinite (the message names the row and column)
   */
  public static Dataset of(double[][] rows) {
    return of(rows, null);
  }

  /**
   * Builds a dataset from rows with column names, copying them once.
   *
   * @param rows one array per point, all of the same length
   * @param columnNames one distinct, non-null name per column, or {@code null} for none (placeholders
   *     {@code x0, x1, ...}, see {@link #hasColumnNames()})
   * @return a new dataset
   * @throws IllegalArgumentException as {@link #of(double[][])}, or if the names do not match the columns
   */
  public static Dataset of(double[][] rows, List<String> columnNames) {
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must contain at least one row, got 0 rows");
    }
    if (rows[0] == null) {
      throw new IllegalArgumentException("rows[0] must not be null");
    }
    int d = rows[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("rows must have at least one column, got 0 columns in row 0");
    }
    int n = rows.length;
    if ((long) n * d > MAX_VALUES) {
      throw new IllegalArgumentException(
          "n * d must be at most " + MAX_VALUES + ", got " + n + " * " + d);
    }
    double[] values = new double[n * d];
    double max = 0;
    for (int i = 0; i < n; i++) {
      double[] row = rows[i];
      if (row == null) {
        throw new IllegalArgumentException("rows[" + i + "] must not be null");
      }
      if (row.length != d) {
        throw new IllegalArgumentException(
            "rows must all have the same length: row 0 has " + d + " columns, row " + i + " has "
                + row.length);
      }
      int off = i * d;
      for (int j = 0; j < d; j++) {
        double v = row[j];
        if (!Double.isFinite(v)) {
          throw nonFinite(i, j, v);
        }
        double a = Math.abs(v);
        if (a > max) {
          max = a;
        }
        values[off + j] = v;
      }
    }
    return new Dataset(values, n, d, names(columnNames, d), max);
  }

  /**
   * Views a row-major array as a dataset without copying it. The caller must not modify {@code rowMajor}
   * afterwards; use {@link #copyOf(double[], int, int)} when that cannot be promised.
   *
   * @param rowMajor {@code n * d} values, row after row
   * @param n number of rows, at least 1
   * @param d number of columns, at least 1
   * @return a dataset backed by {@code rowMajor}
   * @throws IllegalArgumentException if the array is null, {@code n < 1}, {@code d < 1},
   *     {@code rowMajor.length != n * d}, or a value is NaN or infinite
   */
  public static Dataset wrap(double[] rowMajor, int n, int d) {
    double max = checkShape(rowMajor, n, d);
    return new Dataset(rowMajor, n, d, names(null, d), max);
  }

  /**
   * Like {@link #wrap(double[], int, int)}, but copies the array first.
   *
   * @param rowMajor {@code n * d} values, row after row
   * @param n number of rows, at least 1
   * @param d number of columns, at least 1
   * @return a dataset backed by a private copy of {@code rowMajor}
   * @throws IllegalArgumentException as {@link #wrap(double[], int, int)}
   */
  public static Dataset copyOf(double[] rowMajor, int n, int d) {
    double max = checkShape(rowMajor, n, d);
    return new Dataset(rowMajor.clone(), n, d, names(null, d), max);
  }

  /**
   * Returns a dataset with the same values and the given column names (the values are shared, not copied).
   *
   * @param names one distinct, non-null name per column (the {@link #columnNames()} of a dataset without names leave
   *     this one without names, see {@link #hasColumnNames()})
   * @return a dataset with these column names
   * @throws IllegalArgumentException if the number of names differs from {@link #dimension()}, or a name is
   *     null or repeated
   */
  public Dataset withColumnNames(List<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("names must not be null");
    }
    return new Dataset(values, n, d, names(names, d), maxAbs);
  }

  /** Checks the shape and values, and returns the largest absolute value. */
  private static double checkShape(double[] rowMajor, int n, int d) {
    if (rowMajor == null) {
      throw new IllegalArgumentException("rowMajor must not be null");
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (d < 1) {
      throw new IllegalArgumentException("d must be >= 1, got " + d);
    }
    if ((long) n * d != rowMajor.length) {
      throw new IllegalArgumentException(
          "rowMajor.length must equal n * d = " + ((long) n * d) + ", got " + rowMajor.length);
    }
    // The largest magnitude by its bits (without the sign, the bits of finite doubles order as their magnitudes,
    // and every NaN or infinity lies above them all): one comparison a value checks both.
    long max = 0;
    for (int k = 0; k < rowMajor.length; k++) {
      long b = Double.doubleToRawLongBits(rowMajor[k]) & Long.MAX_VALUE;
      if (b > max) {
        max = b;
      }
    }
    if (max >= INFINITY_BITS) {
      for (int k = 0; k < rowMajor.length; k++) {
        if (!Double.isFinite(rowMajor[k])) {
          throw nonFinite(k / d, k % d, rowMajor[k]);
        }
      }
    }
    return Double.longBitsToDouble(max);
  }

  /** The bits of positive infinity, below those of every NaN without its sign. */
  private static final long INFINITY_BITS = 0x7FF0000000000000L;

  private static IllegalArgumentException nonFinite(int row, int column, double v) {
    return new IllegalArgumentException(
        "values must be finite, got " + v + " at row " + row + ", column " + column);
  }

  private static List<String> names(List<String> given, int d) {
    if (given == null || (FittedColumns.areDefault(given) && given.size() == d)) {
      return FittedColumns.defaults(d); // no names: placeholders, which no model checks against
    }
    if (given.size() != d) {
      throw new IllegalArgumentException(
          "columnNames must have one name per column (" + d + "), got " + given.size());
    }
    List<String> out = new ArrayList<>(given);
    for (int j = 0; j < d; j++) {
      String name = out.get(j);
      if (name == null) {
        throw new IllegalArgumentException("columnNames[" + j + "] must not be null");
      }
      if (out.indexOf(name) != j) {
        throw new IllegalArgumentException("columnNames must be distinct, got \"" + name + "\" twice");
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** @return the number of rows (points), at least 1 */
  public int size() {
    return n;
  }

  /** @return the number of columns (dimensions), at least 1 */
  public int dimension() {
    return d;
  }

  /**
   * @return the column names, unmodifiable, one per column: the given names, or the placeholders {@code x0, x1, ...}
   *     of a dataset built without names ({@link #hasColumnNames()} tells which)
   */
  public List<String> columnNames() {
    return columnNames;
  }

  /**
   * Whether the columns have given names: from {@link #of(double[][], List)} or {@link #withColumnNames(List)} with
   * names, a table ({@link Table#toDataset()}, a CSV header) or a pipeline's output. A dataset built without names
   * has the placeholders {@code x0, x1, ...}, which models do not check against; given names are checked even when
   * they read {@code x0, x1} (a file whose header is {@code x0,x1}). {@link #equals(Object)} compares the names as
   * strings.
   *
   * @return whether the column names were given
   */
  public boolean hasColumnNames() {
    return !FittedColumns.areDefault(columnNames);
  }

  /**
   * @param row row index in {@code [0, size())}
   * @param column column index in {@code [0, dimension())}
   * @return the value at that row and column
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public double get(int row, int column) {
    Objects.checkIndex(row, n);
    Objects.checkIndex(column, d);
    return values[row * d + column];
  }

  /**
   * @param row row index in {@code [0, size())}
   * @return a copy of the row
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double[] row(int row) {
    Objects.checkIndex(row, n);
    return Arrays.copyOfRange(values, row * d, row * d + d);
  }

  /**
   * Copies a row into a caller-owned buffer without allocating, for hot loops.
   *
   * @param row row index in {@code [0, size())}
   * @param dest destination, at least {@code dimension()} long
   * @return {@code dest}
   * @throws IndexOutOfBoundsException if the index is out of range or {@code dest} is too short
   * @throws IllegalArgumentException if {@code dest} is null
   */
  public double[] copyRow(int row, double[] dest) {
    if (dest == null) {
      throw new IllegalArgumentException("dest must not be null");
    }
    Objects.checkIndex(row, n);
    System.arraycopy(values, row * d, dest, 0, d);
    return dest;
  }

  /**
   * @param column column index in {@code [0, dimension())}
   * @return a copy of the column
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public double[] column(int column) {
    Objects.checkIndex(column, d);
    double[] out = new double[n];
    for (int i = 0, k = column; i < n; i++, k += d) {
      out[i] = values[k];
    }
    return out;
  }

  /** @return a copy of all values, row-major, {@code size() * dimension()} long */
  public double[] toArray() {
    return values.clone();
  }

  /** @return a copy of all values as one array per row */
  public double[][] toRows() {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(values, i * d, i * d + d);
    }
    return out;
  }

  /**
   * Returns the rows at the given indices, in that order (an index may repeat), with the same column
   * names.
   *
   * @param indices row indices in {@code [0, size())}, at least one
   * @return a new dataset
   * @throws IllegalArgumentException if {@code indices} is null or empty
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public Dataset select(int[] indices) {
    if (indices == null || indices.length == 0) {
      throw new IllegalArgumentException("indices must contain at least one index, got "
          + (indices == null ? "null" : "an empty array"));
    }
    if ((long) indices.length * d > MAX_VALUES) {
      throw new IllegalArgumentException("indices.length * d must be at most " + MAX_VALUES
          + ", got " + indices.length + " * " + d);
    }
    double[] out = new double[indices.length * d];
    for (int i = 0; i < indices.length; i++) {
      int r = Objects.checkIndex(indices[i], n);
      System.arraycopy(values, r * d, out, i * d, d);
    }
    return new Dataset(out, indices.length, d, columnNames, Double.NaN);
  }

  /**
   * Two datasets are equal when they have the same shape, values and column names, given or not: a dataset without
   * names is not equal to one whose given names read {@code x0, x1, ...} (models check the latter; see
   * {@link #hasColumnNames()}).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Dataset)) {
      return false;
    }
    Dataset other = (Dataset) o;
    return n == other.n && d == other.d && Arrays.equals(values, other.values)
        && FittedColumns.sameNames(columnNames, other.columnNames);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * n + d) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Dataset[" + n + " x " + d + ", columns=" + columnNames + "]";
  }
}
