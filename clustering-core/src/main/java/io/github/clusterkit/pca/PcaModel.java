package io.github.clusterkit.pca;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted principal component analysis: the mean, the {@code k} leading components and their variances,
 * with the projection {@code z = (x - mean) V^T} (divided per component by the square root of its
 * explained variance when whitening) and its inverse {@code x = z V + mean}.
 *
 * <p>All attributes equal scikit-learn 1.2.1's {@code PCA(svd_solver='full')} attributes of the same name
 * ({@code components_}, {@code mean_}, {@code explained_variance_}, {@code explained_variance_ratio_},
 * {@code singular_values_}, {@code noise_variance_}, {@code n_components_}) to rounding; see {@link Pca}
 * for the sign convention.
 *
 * <p>Every array returned is a fresh copy, and arguments are never modified. Immutable and thread-safe.
 */
public final class PcaModel {

  private final int n;
  private final int d;
  private final int k;
  private final double[] components;
  private final double[] mean;
  private final double[] explainedVariance;
  private final double[] ratio;
  private final double[] singularValues;
  private final double noiseVariance;
  private final boolean whiten;
  private final Pca.Solver solver;
  private final List<String> columnNames;
  /** Multiplier applied to each projection by {@link #transform}. */
  private final double[] scale;
  /** Multiplier applied to each score by {@link #inverseTransform}. */
  private final double[] unscale;

  PcaModel(
      int n,
      int d,
      double[] components,
      double[] mean,
      double[] explainedVariance,
      double[] ratio,
      double[] singularValues,
      double noiseVariance,
      boolean whiten,
      boolean[] zeroVariance,
      Pca.Solver solver,
      List<String> columnNames) {
    this.n = n;
    this.d = d;
    this.k = explainedVariance.length;
    this.components = components;
    this.mean = mean;
    this.explainedVariance = explainedVariance;
    this.ratio = ratio;
    this.singularValues = singularValues;
    this.noiseVariance = noiseVariance;
    this.whiten = whiten;
    this.solver = solver;
    this.columnNames = columnNames;
    this.scale = new double[k];
    this.unscale = new double[k];
    for (int j = 0; j < k; j++) {
      if (!whiten) {
        scale[j] = 1;
        unscale[j] = 1;
      } else {
        double sd = Math.sqrt(explainedVariance[j]);
        scale[j] = zeroVariance[j] ? 0 : 1 / sd;
        unscale[j] = sd;
      }
    }
  }

  /** @return the number of components kept, {@code k} (scikit-learn's {@code n_components_}) */
  public int componentCount() {
    return k;
  }

  /** @return the number of columns {@code d} of the fitted data */
  public int dimension() {
    return d;
  }

  /** @return the number of rows {@code n} of the fitted data */
  public int sampleCount() {
    return n;
  }

  /** @return whether {@link #transform(Dataset)} whitens */
  public boolean whitened() {
    return whiten;
  }

  /** @return the solver that computed this model ({@link Pca.Solver#SVD} or {@link Pca.Solver#COVARIANCE}) */
  public Pca.Solver solver() {
    return solver;
  }

  /**
   * @return the components as {@code k} rows of length {@code d}: orthonormal, in order of decreasing
   *     variance (a copy)
   */
  public double[][] components() {
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = Arrays.copyOfRange(components, j * d, j * d + d);
    }
    return out;
  }

  /** @return the column means of the fitted data (a copy) */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * @return the variance of the data along each kept component, {@code s_j^2 / (n - 1)}, decreasing (a
   *     copy)
   */
  public double[] explainedVariance() {
    return explainedVariance.clone();
  }

  /**
   * @return each kept component's share of the total variance (the sum over all {@code min(n, d)}
   *     components); all 0 if the total variance is 0 (a copy)
   */
  public double[] explainedVarianceRatio() {
    return ratio.clone();
  }

  /** @return the singular values {@code s_j} of the centred data for the kept components (a copy) */
  public double[] singularValues() {
    return singularValues.clone();
  }

  /**
   * @return the probabilistic-PCA noise variance (Tipping and Bishop 1999,
   *     doi:10.1111/1467-9868.00196): the mean explained variance of the {@code min(n, d) - k} components
   *     not kept, or 0 if all are kept
   */
  public double noiseVariance() {
    return noiseVariance;
  }

  /**
   * Projects points onto the components.
   *
   * @param data points with {@link #dimension()} columns; not modified
   * @return {@code n x k} scores, columns named {@code PC1 .. PCk}
   * @throws IllegalArgumentException if {@code data} is null or has another dimension
   */
  public Dataset transform(Dataset data) {
    checkDimension(data, d, "data");
    int m = data.size();
    double[] x = DataAccess.values(data);
    double[] out = new double[m * k];
    double[] centred = new double[d];
    for (int i = 0; i < m; i++) {
      int o = i * d;
      for (int a = 0; a < d; a++) {
        centred[a] = x[o + a] - mean[a];
      }
      project(centred, out, i * k);
    }
    return Dataset.wrap(out, m, k).withColumnNames(pcNames(k));
  }

  /**
   * Projects one point onto the components.
   *
   * @param point {@link #dimension()} finite values; not modified
   * @return the {@code k} scores
   * @throws IllegalArgumentException if {@code point} is null, has another length, or a value is not finite
   */
  public double[] transform(double[] point) {
    checkPoint(point, d, "point");
    double[] centred = new double[d];
    for (int a = 0; a < d; a++) {
      centred[a] = point[a] - mean[a];
    }
    double[] out = new double[k];
    project(centred, out, 0);
    return out;
  }

  private void project(double[] centred, double[] out, int off) {
    for (int j = 0; j < k; j++) {
      int oc = j * d;
      double p = 0;
      for (int a = 0; a < d; a++) {
        p += centred[a] * components[oc + a];
      }
      out[off + j] = p * scale[j];
    }
  }

  /**
   * Maps scores back to the data space: {@code x = z V + mean} (after multiplying each score by the square
   * root of its explained variance when whitening). With all {@code min(n, d)} components this inverts
   * {@link #transform(Dataset)} up to rounding; with fewer it gives the closest point in the span of the
   * kept components.
   *
   * @param scores points with {@link #componentCount()} columns; not modified
   * @return {@code n x d} points, with the column names of the fitted data
   * @throws IllegalArgumentException if {@code scores} is null or has another dimension
   */
  public Dataset inverseTransform(Dataset scores) {
    checkDimension(scores, k, "scores");
    int m = scores.size();
    double[] z = DataAccess.values(scores);
    double[] out = new double[m * d];
    for (int i = 0; i < m; i++) {
      reconstruct(z, i * k, out, i * d);
    }
    return Dataset.wrap(out, m, d).withColumnNames(columnNames);
  }

  /**
   * Maps one score vector back to the data space, as {@link #inverseTransform(Dataset)}.
   *
   * @param scores {@link #componentCount()} finite values; not modified
   * @return the {@code d} coordinates
   * @throws IllegalArgumentException if {@code scores} is null, has another length, or a value is not
   *     finite
   */
  public double[] inverseTransform(double[] scores) {
    checkPoint(scores, k, "scores");
    double[] out = new double[d];
    reconstruct(scores, 0, out, 0);
    return out;
  }

  private void reconstruct(double[] z, int zoff, double[] out, int off) {
    for (int j = 0; j < k; j++) {
      double s = z[zoff + j] * unscale[j];
      int oc = j * d;
      for (int a = 0; a < d; a++) {
        out[off + a] += s * components[oc + a];
      }
    }
    for (int a = 0; a < d; a++) {
      out[off + a] += mean[a];
    }
  }

  private static void checkDimension(Dataset data, int expected, String name) {
    if (data == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (data.dimension() != expected) {
      throw new IllegalArgumentException(
          name + " must have " + expected + " columns, got " + data.dimension());
    }
  }

  private static void checkPoint(double[] p, int expected, String name) {
    if (p == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (p.length != expected) {
      throw new IllegalArgumentException(
          name + " must have length " + expected + ", got " + p.length);
    }
    for (int a = 0; a < expected; a++) {
      if (!Double.isFinite(p[a])) {
        throw new IllegalArgumentException(
            name + " values must be finite, got " + p[a] + " at index " + a);
      }
    }
  }

  private static List<String> pcNames(int k) {
    List<String> names = new ArrayList<>(k);
    for (int j = 1; j <= k; j++) {
      names.add("PC" + j);
    }
    return names;
  }

  @Override
  public String toString() {
    return "PcaModel[n=" + n + ", d=" + d + ", components=" + k + ", whiten=" + whiten + ", solver="
        + solver + ", explainedVarianceRatio=" + Arrays.toString(ratio) + "]";
  }
}
