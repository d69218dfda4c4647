package io.github.clusterkit.pca;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * <p><b>Column names.</b> The model remembers the column names of the data it was fitted on ({@link #columnNames()},
 * as scikit-learn's {@code feature_names_in_}); its scores are named {@code PC1 .. PCk}. A {@link Dataset} built
 * without names (its placeholders {@code x0, x1, ...}, {@link Dataset#hasColumnNames()} false) has no names to check.
 * {@link #transform(Dataset)} refuses a dataset with an {@link IllegalArgumentException} when both the model's names
 * and the dataset's were given and they differ (other columns, or the same columns in another order: the
 * projection would mix unrelated coordinates); {@link #inverseTransform(Dataset)} likewise refuses scores whose real
 * names are not {@code PC1 .. PCk}. When the dataset has no names nothing is checked (nor when the model was fitted
 * on data without names, for {@code transform}), and points given as {@code double[]} are never checked.
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files
 * store and what a distributed engine ships), and {@link #fromState(State)} rebuilds an equivalent model from
 * it after checking every rule, so the rebuilt model transforms exactly as the original.
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
  /** Whether the model was fitted without names ({@link #columnNames} are placeholders, checked against nothing). */
  private final boolean unnamed;
  /** The names of the scores, {@code PC1 .. PCk}. */
  private final List<String> scoreNames;
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
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.scoreNames = Collections.unmodifiableList(pcNames(k));
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

  /**
   * Which components have numerically zero variance (all of them when the largest explained variance is 0): a
   * standard deviation at most {@code max(n, d) * 2^-52} times the largest standard deviation plus the largest
   * absolute column mean, the rounding level of the data themselves (each value carries an error of about
   * {@code 2^-53} of its magnitude, mean included, which centring keeps) and of the SVD's singular values (numpy's
   * {@code matrix_rank} tolerance); with {@link Pca.Solver#COVARIANCE} also an explained variance at most
   * {@code max(n, d) * 2^-52} times the largest, as its eigenvalues are accurate only to about {@code 2^-52} times
   * the largest. Whitening leaves their scores at 0 instead of dividing by rounding noise. {@link Pca} and
   * {@link #fromState(State)} both decide it here; both pass at least one variance ({@code k >= 1}: a fit keeps at
   * least one component, and fromState rejects {@code k < 1} first).
   */
  static boolean[] zeroVariance(double[] explainedVariance, double[] mean, int n, int d, Pca.Solver solver) {
    int k = explainedVariance.length;
    boolean[] zero = new boolean[k];
    double rel = Math.max(n, d) * 0x1p-52;
    double maxMean = 0;
    for (double m : mean) {
      maxMean = Math.max(maxMean, Math.abs(m));
    }
    // standard deviations rather than variances: the threshold cannot underflow near the refusal limit 2^-480
    double sdTol = rel * (Math.sqrt(explainedVariance[0]) + maxMean);
    double varTol = solver == Pca.Solver.COVARIANCE ? rel * explainedVariance[0] : 0;
    for (int j = 0; j < k; j++) {
      zero[j] = Math.sqrt(explainedVariance[j]) <= sdTol || explainedVariance[j] <= varTol;
    }
    return zero;
  }

  /**
   * The fitted state: configuration, sizes, column names and every fitted array.
   *
   * @return a new state value; {@code fromState(state())} transforms exactly as this model
   */
  public State state() {
    return new State(n, whiten, solver, columnNames, mean, components, explainedVariance, ratio, singularValues,
        noiseVariance);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code sampleCount >= 2}; {@code d >= 1} means
   * (the length of {@code mean}) and as many distinct column names; {@code 1 <= k <= min(n, d)} components
   * (the length of {@code explainedVariance}) with {@code k * d} loadings whose rows are orthonormal to
   * within {@code 1e-9}; explained variances {@code >= 0} and non-increasing; ratios in {@code [0, 1]}
   * summing to at most {@code 1 + 1e-9}; singular values {@code >= 0} with
   * {@code s_j^2 / (n - 1)} equal to the explained variance to within {@code 1e-9} of the largest; a
   * noise variance {@code >= 0}; a solver that ran ({@code SVD} or {@code COVARIANCE}, not {@code AUTO});
   * every number finite.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every projection to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field,
   *     the index, the rule and the value)
   */
  public static PcaModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int n = s.sampleCount;
    if (n < 2) {
      throw stateError("sampleCount must be >= 2, got " + n);
    }
    if (s.solver == Pca.Solver.AUTO) {
      throw stateError("solver must be the solver that ran (SVD or COVARIANCE), got AUTO");
    }
    int d = s.mean.length;
    if (d < 1) {
      throw stateError("mean must have at least one value (the dimension), got none");
    }
    finite(s.mean, "mean");
    if (s.columnNames.size() != d) {
      throw stateError("columnNames must have one name per column (" + d + "), got " + s.columnNames.size());
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    double[] ev = s.explainedVariance;
    int k = ev.length;
    if (k < 1 || k > Math.min(n, d)) {
      throw stateError("explainedVariance must have between 1 and min(sampleCount, dimension) = "
          + Math.min(n, d) + " values (one per component), got " + k);
    }
    finite(ev, "explainedVariance");
    for (int j = 0; j < k; j++) {
      if (!(ev[j] >= 0)) {
        throw stateError("explainedVariance[" + j + "] must be >= 0, got " + ev[j]);
      }
      if (j > 0 && ev[j] > ev[j - 1]) {
        throw stateError("explainedVariance must be non-increasing, got " + ev[j - 1] + " then " + ev[j]
            + " at index " + j);
      }
    }
    checkLength(s.explainedVarianceRatio, k, "explainedVarianceRatio");
    finite(s.explainedVarianceRatio, "explainedVarianceRatio");
    double sum = 0;
    for (int j = 0; j < k; j++) {
      double r = s.explainedVarianceRatio[j];
      if (!(r >= 0 && r <= 1)) {
        throw stateError("explainedVarianceRatio[" + j + "] must be in [0, 1], got " + r);
      }
      sum += r;
    }
    if (!(sum <= 1 + 1e-9)) {
      throw stateError("explainedVarianceRatio must sum to at most 1, got " + sum);
    }
    checkLength(s.singularValues, k, "singularValues");
    finite(s.singularValues, "singularValues");
    double tol = 1e-9 * ev[0];
    for (int j = 0; j < k; j++) {
      double sv = s.singularValues[j];
      if (!(sv >= 0)) {
        throw stateError("singularValues[" + j + "] must be >= 0, got " + sv);
      }
      double implied = sv * sv / (n - 1);
      if (!(Math.abs(implied - ev[j]) <= tol)) {
        throw stateError("singularValues[" + j + "]^2 / (sampleCount - 1) = " + implied
            + " differs from explainedVariance[" + j + "] = " + ev[j]);
      }
    }
    if (!(s.noiseVariance >= 0) || s.noiseVariance == Double.POSITIVE_INFINITY) {
      throw stateError("noiseVariance must be >= 0 and finite, got " + s.noiseVariance);
    }
    double[] v = s.components;
    if ((long) k * d != v.length) {
      throw stateError("components must hold k * dimension = " + k + " * " + d + " = " + ((long) k * d)
          + " values, got " + v.length);
    }
    finite(v, "components");
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        double dot = 0;
        for (int t = 0; t < d; t++) {
          dot += v[a * d + t] * v[b * d + t];
        }
        double expected = a == b ? 1 : 0;
        if (!(Math.abs(dot - expected) <= 1e-9)) {
          throw stateError("components must be orthonormal rows, but row " + a + " . row " + b + " = " + dot);
        }
      }
    }
    return new PcaModel(n, d, v, s.mean, ev, s.explainedVarianceRatio, s.singularValues, s.noiseVariance,
        s.whiten, zeroVariance(ev, s.mean, n, d, s.solver), s.solver, names);
  }

  private static void finite(double[] values, String name) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw stateError(name + "[" + j + "] must be finite, got " + values[j]);
      }
    }
  }

  private static void checkLength(double[] values, int expected, String name) {
    if (values.length != expected) {
      throw stateError(name + " must have one value per component (" + expected + "), got " + values.length);
    }
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("PcaModel state: " + message);
  }

  /** @return the number of components kept, {@code k} (scikit-learn's {@code n_components_}) */
  public int componentCount() {
    return k;
  }

  /** @return the number of columns {@code d} of the fitted data */
  public int dimension() {
    return d;
  }

  /**
   * The names of the columns the model was fitted on, one per dimension (scikit-learn's {@code feature_names_in_});
   * {@code x0 .. x(d-1)} when the data had none (see Column names in the class description).
   *
   * @return the names, unmodifiable
   */
  public List<String> columnNames() {
    return columnNames;
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
   * @param data points with {@link #dimension()} columns, in the columns the model was fitted on; not modified
   * @return {@code n x k} scores, columns named {@code PC1 .. PCk}
   * @throws IllegalArgumentException if {@code data} is null or has another dimension, or if its column names and the
   *     model's ({@link #columnNames()}) were both given (not the placeholders of data without names) and differ
   */
  public Dataset transform(Dataset data) {
    checkDimension(data, d, "data", columnNames, unnamed);
    FittedColumns.check(columnNames, unnamed, data, "data");
    int m = data.size();
    double[] x = DataAccess.values(data);
    double[] out = new double[m * k];
    // By blocks of rows centred column by column, so that each score is summed for the whole block at once (the
    // loops run over the rows, which vectorises), term by term in the order of project(): the same bits as
    // transform(double[]) row by row. Throwaway harness, one thread, medians of 15, 10 components:
    // 10^6 x 10 45.9 -> 27.0 ms, 10^5 x 50 15.6 -> 10.7 ms.
    final int b = TRANSFORM_BLOCK;
    final double[][] cols = new double[d][b];
    final double[] acc = new double[b];
    for (int i0 = 0; i0 < m; i0 += b) {
      final int len = Math.min(b, m - i0);
      for (int a = 0; a < d; a++) {
        final double mu = mean[a];
        final double[] ca = cols[a];
        for (int t = 0, o = i0 * d + a; t < len; t++, o += d) {
          ca[t] = x[o] - mu;
        }
      }
      for (int j = 0; j < k; j++) {
        final int oc = j * d;
        Arrays.fill(acc, 0, len, 0.0);
        for (int a = 0; a < d; a++) {
          final double v = components[oc + a];
          final double[] ca = cols[a];
          for (int t = 0; t < len; t++) {
            acc[t] += ca[t] * v;
          }
        }
        final double sj = scale[j];
        for (int t = 0, o = i0 * k + j; t < len; t++, o += k) {
          out[o] = acc[t] * sj;
        }
      }
    }
    return Dataset.wrap(out, m, k).withColumnNames(scoreNames);
  }

  /** Rows per block of {@link #transform(Dataset)}. */
  private static final int TRANSFORM_BLOCK = 128;

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
   * {@link #transform(Dataset)} up to rounding (when whitening, up to the components of numerically zero variance,
   * whose scores are 0, see {@link Pca#whiten(boolean)}: with the covariance solver that can drop a real direction
   * of variance below about {@code max(n, d) * 2^-52} times the largest); with fewer it gives the closest point in
   * the span of the kept components.
   *
   * @param scores points with {@link #componentCount()} columns, named {@code PC1 .. PCk} as
   *     {@link #transform(Dataset)} names them or without names; not modified
   * @return {@code n x d} points, with the column names of the fitted data
   * @throws IllegalArgumentException if {@code scores} is null or has another dimension, or if its column names are
   *     given names other than {@code PC1 .. PCk}, or if the result, {@code n * dimension()} values, would not fit in
   *     one Java array (at most {@code 2^31 - 9}, as every {@link Dataset}), checked before anything is allocated
   */
  public Dataset inverseTransform(Dataset scores) {
    checkDimension(scores, k, "scores", scoreNames, true);
    FittedColumns.check(scoreNames, false, scores, "scores' columns must be the model's components, named as"
        + " transform names them", "expected");
    int m = scores.size();
    if ((long) m * d > Dataset.MAX_VALUES) {
      throw new IllegalArgumentException("inverseTransform gives n * d values, which must be at most "
          + Dataset.MAX_VALUES + " (one Java array), got " + m + " * " + d + "; map the scores back in parts");
    }
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

  private static void checkDimension(Dataset data, int expected, String name, List<String> names,
      boolean unnamed) {
    if (data == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (data.dimension() != expected) {
      throw new IllegalArgumentException(
          name + " must have " + expected + " columns, got " + data.dimension() + FittedColumns.fittedOn(names,
              unnamed));
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

  /**
   * The fitted state of a {@link PcaModel} as a plain value: the configuration ({@code whiten}, the solver
   * that ran), the number of fitted rows, the column names, and the arrays that {@link PcaModel} reports.
   * Components are row-major, {@code k} rows of length {@code d}. The dimension is the length of
   * {@code mean} and {@code k} the length of {@code explainedVariance}.
   *
   * <p>The constructor only rejects null arguments and copies; {@link PcaModel#fromState} checks every other
   * rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every field,
   * numbers bit for bit.
   */
  public static final class State {
    private final int sampleCount;
    private final boolean whiten;
    private final Pca.Solver solver;
    private final List<String> columnNames;
    private final double[] mean;
    private final double[] components;
    private final double[] explainedVariance;
    private final double[] explainedVarianceRatio;
    private final double[] singularValues;
    private final double noiseVariance;

    /**
     * @param sampleCount the number of fitted rows
     * @param whiten whether the model whitens
     * @param solver the solver that ran
     * @param columnNames the names of the fitted columns (copied)
     * @param mean the column means (copied)
     * @param components the components, row-major {@code k x d} (copied)
     * @param explainedVariance the explained variance per component (copied)
     * @param explainedVarianceRatio the explained variance ratio per component (copied)
     * @param singularValues the singular value per component (copied)
     * @param noiseVariance the noise variance
     * @throws IllegalArgumentException if {@code solver}, {@code columnNames} or an array is null
     */
    public State(int sampleCount, boolean whiten, Pca.Solver solver, List<String> columnNames, double[] mean,
        double[] components, double[] explainedVariance, double[] explainedVarianceRatio,
        double[] singularValues, double noiseVariance) {
      this.sampleCount = sampleCount;
      this.whiten = whiten;
      this.solver = nonNull(solver, "solver");
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.mean = nonNull(mean, "mean").clone();
      this.components = nonNull(components, "components").clone();
      this.explainedVariance = nonNull(explainedVariance, "explainedVariance").clone();
      this.explainedVarianceRatio = nonNull(explainedVarianceRatio, "explainedVarianceRatio").clone();
      this.singularValues = nonNull(singularValues, "singularValues").clone();
      this.noiseVariance = noiseVariance;
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "PcaModel", name);
    }

    /** @return the number of fitted rows */
    public int sampleCount() {
      return sampleCount;
    }

    /** @return whether the model whitens */
    public boolean whiten() {
      return whiten;
    }

    /** @return the solver that ran */
    public Pca.Solver solver() {
      return solver;
    }

    /** @return the names of the fitted columns (unmodifiable; may hold nulls if given so) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return a copy of the column means */
    public double[] mean() {
      return mean.clone();
    }

    /** @return a copy of the components, row-major {@code k x d} */
    public double[] components() {
      return components.clone();
    }

    /** @return a copy of the explained variances */
    public double[] explainedVariance() {
      return explainedVariance.clone();
    }

    /** @return a copy of the explained variance ratios */
    public double[] explainedVarianceRatio() {
      return explainedVarianceRatio.clone();
    }

    /** @return a copy of the singular values */
    public double[] singularValues() {
      return singularValues.clone();
    }

    /** @return the noise variance */
    public double noiseVariance() {
      return noiseVariance;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return sampleCount == s.sampleCount && whiten == s.whiten && solver == s.solver
          && FittedColumns.sameNames(columnNames, s.columnNames) && Arrays.equals(mean, s.mean)
          && Arrays.equals(components, s.components) && Arrays.equals(explainedVariance, s.explainedVariance)
          && Arrays.equals(explainedVarianceRatio, s.explainedVarianceRatio)
          && Arrays.equals(singularValues, s.singularValues)
          && Double.compare(noiseVariance, s.noiseVariance) == 0;
    }

    @Override
    public int hashCode() {
      int h = sampleCount;
      h = 31 * h + Boolean.hashCode(whiten);
      h = 31 * h + solver.hashCode();
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Arrays.hashCode(mean);
      h = 31 * h + Arrays.hashCode(components);
      h = 31 * h + Arrays.hashCode(explainedVariance);
      h = 31 * h + Arrays.hashCode(explainedVarianceRatio);
      h = 31 * h + Arrays.hashCode(singularValues);
      return 31 * h + Double.hashCode(noiseVariance);
    }

    @Override
    public String toString() {
      return "PcaModel.State[n=" + sampleCount + ", d=" + mean.length + ", components="
          + explainedVariance.length + ", whiten=" + whiten + ", solver=" + solver + "]";
    }
  }

  @Override
  public String toString() {
    return "PcaModel[n=" + n + ", d=" + d + ", components=" + k + ", whiten=" + whiten + ", solver="
        + solver + ", explainedVarianceRatio=" + Arrays.toString(ratio) + "]";
  }
}
