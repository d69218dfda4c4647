package io.github.clusterkit.kmedoids;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.ModelPoints;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link KMedoids#fit(Dataset)}: {@code k} medoids (rows of the training data, by row number and by
 * value), a label per fitted row, the cost and how the run ended. It assigns new points to the nearest medoid
 * ({@link #predict(double[])}) and gives the distances to every medoid ({@link #transform(double[])}), in the
 * metric of the fit.
 *
 * <p>Labels are {@code 0..k-1}, label {@code j} being medoid {@code j}; there is no noise label. Ties in
 * {@code predict} go to the smaller label, as in the fit, so {@code predict} of a fitted row returns its label
 * (distances are computed as in the fit; for data beyond the range where the fit scales by a power of two, see
 * {@link KMedoids}, each point is scaled with the medoids by its own power of two, which changes no comparison unless
 * a distance under- or overflows at one of the two scales). A cluster is empty only when a medoid's own row is as
 * near to a medoid of smaller label (duplicate rows, see {@link KMedoids}).
 *
 * <p><b>Column names.</b> As {@code KMeansModel}: the model remembers the column names of its data, and
 * {@link #predict(Dataset)} and {@link #transform(Dataset)} refuse a dataset whose given names differ.
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files
 * store), and {@link #fromState(State)} rebuilds an equivalent model from it after checking every rule, so the
 * rebuilt model predicts exactly as the original.
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query from
 * several threads.
 */
public final class KMedoidsModel implements ClusterModel {

  private final double[] medoids;
  private final int[] medoidIndices;
  private final int k;
  private final int d;
  private final int[] labels;
  private final double cost;
  private final int iterations;
  private final int swaps;
  private final boolean converged;
  private final Metric metric;
  private final KMedoidsMethod method;
  private final List<String> columnNames;
  private final boolean unnamed;
  private final double medoidsMax;

  KMedoidsModel(double[] medoids, int[] medoidIndices, int k, int d, int[] labels, double cost, int iterations,
      int swaps, boolean converged, Metric metric, KMedoidsMethod method, List<String> columnNames) {
    this.medoids = medoids.clone();
    this.medoidIndices = medoidIndices.clone();
    this.k = k;
    this.d = d;
    // Taken over, not copied: both callers pass an array nothing else writes.
    this.labels = labels;
    this.cost = cost;
    this.iterations = iterations;
    this.swaps = swaps;
    this.converged = converged;
    this.metric = metric;
    this.method = method;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.medoidsMax = Scale.maxAbs(this.medoids, 0, this.medoids.length);
  }

  /**
   * The fitted state: column names, medoids (values and row numbers), training labels, the metric and the summary
   * of the kept run.
   *
   * @return a new state value; {@code fromState(state())} predicts exactly as this model
   */
  public State state() {
    return new State(d, columnNames, medoids, medoidIndices, labels, cost, iterations, swaps, converged, metric,
        method);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code dimension >= 1}; one distinct, non-null column name
   * per dimension; {@code k * dimension} finite medoid coordinates with {@code k >= 1}; {@code k} medoid row numbers,
   * distinct, each in {@code [0, n)} where {@code n} is the number of training labels ({@code n >= k}); each label in
   * {@code 0..k-1}, the label of medoid {@code j}'s row at most {@code j} (the row is at distance 0 from medoid
   * {@code j}, so it is labelled {@code j} or, tied with a copy, a smaller label); a cost {@code >= 0} (finite, or
   * {@code +Infinity} for a fit whose true cost exceeds the double range: data near {@code 1e308}, fitted scaled by a
   * power of two, see {@link KMedoids}); {@code iterations >= 1}; {@code swaps >= 0}.
   *
   * <p>Not checked, as the state holds no training rows: that the medoids are those rows, the labels (beyond the
   * medoids' own rows) their nearest medoids and the cost their sum.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every prediction to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field, the
   *     index, the rule and the value)
   */
  public static KMedoidsModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    double[] m = s.medoids;
    if (m.length < d || m.length % d != 0) {
      throw stateError("medoids must hold k * dimension values with k >= 1 and dimension = " + d + ", got "
          + m.length);
    }
    int k = m.length / d;
    for (int t = 0; t < m.length; t++) {
      if (!Double.isFinite(m[t])) {
        throw stateError("medoids must be finite, got " + m[t] + " at medoid " + (t / d) + ", coordinate "
            + (t % d));
      }
    }
    int[] labels = s.labels;
    int n = labels.length;
    if (n < k) {
      throw stateError("labels must hold at least k = " + k + " training rows, got " + n);
    }
    int[] idx = s.medoidIndices;
    if (idx.length != k) {
      throw stateError("medoidIndices must hold k = " + k + " row numbers, got " + idx.length);
    }
    for (int j = 0; j < k; j++) {
      if (idx[j] < 0 || idx[j] >= n) {
        throw stateError("medoidIndices[" + j + "] must be in 0.." + (n - 1) + " (n = " + n + "), got " + idx[j]);
      }
      for (int i = 0; i < j; i++) {
        if (idx[i] == idx[j]) {
          throw stateError("medoidIndices must be distinct, got " + idx[j] + " at indices " + i + " and " + j);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw stateError("labels[" + i + "] must be in 0.." + (k - 1) + " (k = " + k + "), got " + labels[i]);
      }
    }
    for (int j = 0; j < k; j++) {
      // a medoid's row is at distance 0 from it: its nearest medoid is it or, on a tie, one of smaller label
      if (labels[idx[j]] > j) {
        throw stateError("labels[" + idx[j] + "] must be <= " + j + " (row " + idx[j] + " is medoid " + j
            + "), got " + labels[idx[j]]);
      }
    }
    if (!(s.cost >= 0)) {
      throw stateError("cost must be >= 0 (or +Infinity, beyond the double range), got " + s.cost);
    }
    if (s.iterations < 1) {
      throw stateError("iterations must be >= 1, got " + s.iterations);
    }
    if (s.swaps < 0) {
      throw stateError("swaps must be >= 0, got " + s.swaps);
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    return new KMedoidsModel(m, idx, k, d, labels.clone(), s.cost, s.iterations, s.swaps, s.converged, s.metric,
        s.method, names);
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("KMedoidsModel state: " + message);
  }

  /** @return the number of medoids {@code k} */
  public int k() {
    return k;
  }

  /**
   * The number of clusters, {@link #k()}, under the name every {@link ClusterModel} shares.
   *
   * @return {@code k}
   */
  @Override
  public int clusterCount() {
    return k;
  }

  /** @return the dimension of the data and the medoids */
  @Override
  public int dimension() {
    return d;
  }

  /**
   * @return the names of the columns the model was fitted on, one per dimension ({@code x0 .. x(d-1)} when the data
   *     had none), unmodifiable
   */
  @Override
  public List<String> columnNames() {
    return columnNames;
  }

  /** @return a copy of the medoids' row numbers in the training data, in label order */
  public int[] medoidIndices() {
    return medoidIndices.clone();
  }

  /** @return a copy of the medoids, {@code k} rows of length {@link #dimension()}, in label order */
  public double[][] medoids() {
    return ModelArrays.rows(medoids, k, d);
  }

  /** @return a copy of the labels of the fitted rows, in row order, each in {@code 0..k-1} */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of fitted rows in each cluster */
  public int[] clusterSizes() {
    return ModelArrays.clusterSizes(labels, k);
  }

  /**
   * @return the cost of the kept run: the sum over the fitted rows, in row order, of the distance (not squared) to
   *     their medoid; {@code +Infinity} when that sum exceeds the double range (data near {@code 1e308})
   */
  public double cost() {
    return cost;
  }

  /**
   * @return the iterations of the kept run: FasterPAM's passes begun over the candidates ({@code ceil} of the
   *     positions visited over {@code n}), PAM's swap searches (the last, which found no improving swap, included),
   *     the alternate method's rounds
   */
  public int iterations() {
    return iterations;
  }

  /** @return the swaps of the kept run (alternate: medoid changes) */
  public int swaps() {
    return swaps;
  }

  /** @return whether the kept run stopped on its own criterion rather than at {@code maxIterations} */
  public boolean converged() {
    return converged;
  }

  /** @return the metric of the fit, used by {@link #predict(double[])} and {@link #transform(double[])} */
  public Metric metric() {
    return metric;
  }

  /** @return the refinement that ran */
  public KMedoidsMethod method() {
    return method;
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return the label of the nearest medoid (the smaller label on ties)
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  @Override
  public int predict(double[] point) {
    ModelPoints.check(point, d, "point");
    return nearest(point, 0);
  }

  /**
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return the label of the nearest medoid of every row, as {@link #predict(double[])}
   * @throws IllegalArgumentException if {@code data} is null or of another dimension, or if its column names and the
   *     model's were both given and differ
   */
  @Override
  public int[] predict(Dataset data) {
    checkData(data);
    double[] x = DataAccess.values(data);
    int[] out = new int[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nearest(x, i * d);
    }
    return out;
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return its distance to every medoid, in label order, in the fit's metric
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  public double[] transform(double[] point) {
    ModelPoints.check(point, d, "point");
    return distances(point, 0);
  }

  /**
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return for every row, {@link #transform(double[])} of it
   * @throws IllegalArgumentException as {@link #predict(Dataset)}
   */
  public double[][] transform(Dataset data) {
    checkData(data);
    double[] x = DataAccess.values(data);
    double[][] out = new double[data.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = distances(x, i * d);
    }
    return out;
  }

  private int nearest(double[] x, int off) {
    int e = Scale.exponent(Math.max(medoidsMax, Scale.maxAbs(x, off, off + d)));
    double[] p = x;
    int po = off;
    double[] m = medoids;
    if (e != 0) {
      p = Scale.down(Arrays.copyOfRange(x, off, off + d), e);
      po = 0;
      m = Scale.down(medoids, e);
    }
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double v = metric.fromReduced(metric.reducedDistance(p, po, m, j * d, d));
      if (v < bd) {
        bd = v;
        best = j;
      }
    }
    return best;
  }

  private double[] distances(double[] x, int off) {
    int e = Scale.exponent(Math.max(medoidsMax, Scale.maxAbs(x, off, off + d)));
    double[] p = x;
    int po = off;
    double[] m = medoids;
    if (e != 0) {
      p = Scale.down(Arrays.copyOfRange(x, off, off + d), e);
      po = 0;
      m = Scale.down(medoids, e);
    }
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = Math.scalb(metric.fromReduced(metric.reducedDistance(p, po, m, j * d, d)), e);
    }
    return out;
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != d) {
      throw new IllegalArgumentException("data must have dimension " + d + " like the medoids, got "
          + data.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, data, "data");
  }

  /**
   * The fitted state of a {@link KMedoidsModel} as a plain value: the dimension, the names of the fitted columns, the
   * medoids (row-major, {@code k x dimension}) and their row numbers, the training labels, the kept run's cost,
   * iterations, swaps and convergence, the metric and the method.
   *
   * <p>The constructor only rejects null arguments and copies; {@link KMedoidsModel#fromState} checks every other
   * rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every field, numbers
   * bit for bit.
   */
  public static final class State {
    private final int dimension;
    private final List<String> columnNames;
    private final double[] medoids;
    private final int[] medoidIndices;
    private final int[] labels;
    private final double cost;
    private final int iterations;
    private final int swaps;
    private final boolean converged;
    private final Metric metric;
    private final KMedoidsMethod method;

    /**
     * @param dimension the dimension of the data and the medoids
     * @param columnNames the names of the fitted columns, one per dimension (copied; checked by {@code fromState})
     * @param medoids the medoids, row-major {@code k x dimension} (copied)
     * @param medoidIndices the medoids' row numbers in the training data (copied)
     * @param labels the label of every training row (copied)
     * @param cost the cost of the kept run
     * @param iterations the iterations of the kept run
     * @param swaps the swaps of the kept run
     * @param converged whether the kept run converged
     * @param metric the metric of the fit
     * @param method the refinement that ran
     * @throws IllegalArgumentException if an array, a list, the metric or the method is null
     */
    public State(int dimension, List<String> columnNames, double[] medoids, int[] medoidIndices, int[] labels,
        double cost, int iterations, int swaps, boolean converged, Metric metric, KMedoidsMethod method) {
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.medoids = nonNull(medoids, "medoids").clone();
      this.medoidIndices = nonNull(medoidIndices, "medoidIndices").clone();
      this.labels = nonNull(labels, "labels").clone();
      this.cost = cost;
      this.iterations = iterations;
      this.swaps = swaps;
      this.converged = converged;
      this.metric = nonNull(metric, "metric");
      this.method = nonNull(method, "method");
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "KMedoidsModel", name);
    }

    /** @return the dimension */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return a copy of the medoids, row-major {@code k x dimension} */
    public double[] medoids() {
      return medoids.clone();
    }

    /** @return a copy of the medoids' row numbers */
    public int[] medoidIndices() {
      return medoidIndices.clone();
    }

    /** @return a copy of the training labels */
    public int[] labels() {
      return labels.clone();
    }

    /** @return the cost */
    public double cost() {
      return cost;
    }

    /** @return the number of iterations */
    public int iterations() {
      return iterations;
    }

    /** @return the number of swaps */
    public int swaps() {
      return swaps;
    }

    /** @return whether the run converged */
    public boolean converged() {
      return converged;
    }

    /** @return the metric */
    public Metric metric() {
      return metric;
    }

    /** @return the method */
    public KMedoidsMethod method() {
      return method;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return dimension == s.dimension && FittedColumns.sameNames(columnNames, s.columnNames)
          && Arrays.equals(medoids, s.medoids) && Arrays.equals(medoidIndices, s.medoidIndices)
          && Arrays.equals(labels, s.labels) && Double.compare(cost, s.cost) == 0 && iterations == s.iterations
          && swaps == s.swaps && converged == s.converged && metric == s.metric && method == s.method;
    }

    @Override
    public int hashCode() {
      int h = dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Arrays.hashCode(medoids);
      h = 31 * h + Arrays.hashCode(medoidIndices);
      h = 31 * h + Arrays.hashCode(labels);
      h = 31 * h + Double.hashCode(cost);
      h = 31 * h + iterations;
      h = 31 * h + swaps;
      h = 31 * h + Boolean.hashCode(converged);
      h = 31 * h + metric.hashCode();
      return 31 * h + method.hashCode();
    }

    @Override
    public String toString() {
      return "KMedoidsModel.State[k=" + medoidIndices.length + ", d=" + dimension + ", n=" + labels.length
          + ", cost=" + cost + ", iterations=" + iterations + ", swaps=" + swaps + ", converged=" + converged
          + ", metric=" + metric + ", method=" + method + "]";
    }
  }

  @Override
  public String toString() {
    return "KMedoidsModel[k=" + k + ", d=" + d + ", n=" + labels.length + ", medoidIndices="
        + Arrays.toString(medoidIndices) + ", sizes=" + Arrays.toString(clusterSizes()) + ", cost=" + cost
        + ", iterations=" + iterations + ", swaps=" + swaps + ", converged=" + converged + ", metric=" + metric
        + ", method=" + method + "]";
  }
}
