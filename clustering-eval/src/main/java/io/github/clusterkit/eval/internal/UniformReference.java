package io.github.clusterkit.eval.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;

/**
 * The uniform reference sets of the gap statistic: a box in the data's coordinates or in its principal components,
 * and the draws from it. The order of the draws is part of the contract (tools/gap_reference.py repeats it): set
 * {@code b} uses its own generator {@code Rng.split(seed, b)}, and fills the rows in order, each row's coordinates
 * (box coordinates or component scores) in column order, each as {@code lo + (hi - lo) * nextDouble()}; rotated sets
 * are then {@code sum_c z_c v_c} (components in order) plus the mean, column by column.
 *
 * <p>Data of extreme magnitude (beyond {@code 2^200} or below {@code 2^-200}, {@link Scale}) are handled multiplied by
 * a power of two {@code 2^-e}: the box (and the components) are those of the scaled data, the draws are made in the
 * scaled units as above and multiplied by {@code 2^e} at the end. For the box in the data's coordinates that gives
 * exactly {@code lo + (hi - lo) u} wherever {@code hi - lo} is finite, and a finite draw where it is not; and PCA,
 * which refuses data beyond its own range, is fitted on the scaled data, so the rotated box exists for any data.
 */
public final class UniformReference {

  private final int n;
  private final int d;
  /** The box: per coordinate (column, or component), the minimum and maximum. */
  private final double[] lo;
  private final double[] hi;
  /** The components (row-major, {@code lo.length x d}) and the mean, or null for a box in the data's coordinates. */
  private final double[] v;
  private final double[] mean;

  /** The data were multiplied by {@code 2^-e} (0: not scaled); the draws are multiplied by {@code 2^e}. */
  private final int e;

  private UniformReference(int n, int d, double[] lo, double[] hi, double[] v, double[] mean, int e) {
    this.e = e;
    this.n = n;
    this.d = d;
    this.lo = lo;
    this.hi = hi;
    this.v = v;
    this.mean = mean;
  }

  /**
   * @param data the data
   * @return the box of the data's columns
   */
  public static UniformReference boundingBox(Dataset data) {
    int n = data.size();
    int d = data.dimension();
    int e = Scale.exponent(data);
    double[] values = Scale.values(data, e);
    double[] lo = new double[d];
    double[] hi = new double[d];
    for (int j = 0; j < d; j++) {
      lo[j] = Double.POSITIVE_INFINITY;
      hi[j] = Double.NEGATIVE_INFINITY;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double x = values[i * d + j];
        lo[j] = Math.min(lo[j], x);
        hi[j] = Math.max(hi[j], x);
      }
    }
    return new UniformReference(n, d, lo, hi, null, null, e);
  }

  /**
   * @param data the data, at least two rows
   * @return the box of the data's principal component scores, with the components to rotate the draws back
   */
  public static UniformReference principalComponents(Dataset data) {
    int n = data.size();
    int d = data.dimension();
    int r = Math.min(n, d);
    int e = Scale.exponent(data);
    double[] values = Scale.values(data, e);
    Dataset scaled = e == 0 ? data : Dataset.wrap(values, n, d);
    PcaModel m = Pca.components(r).solver(Pca.Solver.SVD).signs(Pca.Signs.COMPONENTS).fit(scaled);
    double[][] comps = m.components();
    double[] mean = m.mean();
    double[] v = new double[r * d];
    for (int c = 0; c < r; c++) {
      System.arraycopy(comps[c], 0, v, c * d, d);
    }
    double[] lo = new double[r];
    double[] hi = new double[r];
    for (int c = 0; c < r; c++) {
      lo[c] = Double.POSITIVE_INFINITY;
      hi[c] = Double.NEGATIVE_INFINITY;
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < r; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (values[i * d + j] - mean[j]) * v[c * d + j];
        }
        lo[c] = Math.min(lo[c], s);
        hi[c] = Math.max(hi[c], s);
      }
    }
    return new UniformReference(n, d, lo, hi, v, mean, e);
  }

  /**
   * @param seed the gap statistic's seed
   * @param set the number of the reference set, from 0
   * @return reference set {@code set}, as many rows and columns as the data
   */
  public Dataset draw(long seed, int set) {
    Rng rng = Rng.split(seed, set);
    int r = lo.length;
    double[] z = new double[n * r];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < r; c++) {
        z[i * r + c] = lo[c] + (hi[c] - lo[c]) * rng.nextDouble();
      }
    }
    if (v == null) {
      return Dataset.wrap(up(z), n, d);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int c = 0; c < r; c++) {
          s += z[i * r + c] * v[c * d + j];
        }
        x[i * d + j] = s + mean[j];
      }
    }
    return Dataset.wrap(up(x), n, d);
  }

  /** The draws in the data's units: multiplied by {@code 2^e} in place. */
  private double[] up(double[] x) {
    if (e != 0) {
      Scale.up(x, e);
    }
    return x;
  }
}
