package io.github.clusterkit.outlier;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.ModelPoints;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.Neighbors;
import io.github.clusterkit.outlier.internal.LofKernel;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The result of {@link LocalOutlierFactor#fit(Dataset)}: the Local Outlier Factor of every training row, the
 * quantities it is made of (k-distances, local reachability densities), the threshold above which a row is an
 * outlier, and the training rows themselves, to score new points.
 *
 * <p><b>scikit-learn names.</b> {@link #scores()} is {@code -negative_outlier_factor_}; {@link #threshold()} is
 * {@code -offset_}; {@link #outliers()} lists the rows {@code fit_predict} marks {@code -1}; {@link #score(double[])}
 * and {@link #score(Dataset)} are {@code -score_samples(X)} of a model fitted with {@code novelty=True}, and
 * {@link #isOutlier(double[])} is its {@code predict(X) == -1}.
 *
 * <p><b>New points.</b> A new point's neighbours are its {@code k} nearest training rows, nothing excluded (a
 * training row given as a new point has itself as a neighbour at distance 0, so its score differs from its training
 * score); its LOF is the mean of {@code lrd(j) / lrd(point)} over them, with the training rows' k-distances and
 * densities. Ties at the {@code k}-th distance keep the rows of smaller index (see {@link LocalOutlierFactor}).
 *
 * <p><b>State.</b> {@link #state()} gives the model as a plain immutable {@link State} (what model files store): the
 * configuration, the training rows and the fitted arrays. {@link #fromState(State)} fits the rows again and refuses a
 * state whose arrays or threshold are not exactly what the fit gives, so loading costs a fit.
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query from
 * several threads. {@link #score(Dataset)} uses the parallelism of the configuration that fitted the model (1 after
 * {@link #fromState(State)}); the scores do not depend on it.
 */
public final class LofModel implements OutlierModel {

  private final Dataset data;
  private final int n;
  private final int d;
  private final List<String> columnNames;
  private final boolean unnamed;
  private final KdTree index;
  private final int k;
  private final Metric metric;
  private final double contamination;
  private final double[] kDistances;
  private final double[] lrd;
  private final double[] scores;
  private final double threshold;
  private final int parallelism;

  LofModel(Dataset data, KdTree index, int k, Metric metric, double contamination, double[] kDistances,
      double[] lrd, double[] scores, double threshold, int parallelism) {
    // Taken over, not copied: the caller passes arrays nothing else writes.
    this.data = data;
    this.n = data.size();
    this.d = data.dimension();
    this.columnNames = data.columnNames();
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.index = index;
    this.k = k;
    this.metric = metric;
    this.contamination = contamination;
    this.kDistances = kDistances;
    this.lrd = lrd;
    this.scores = scores;
    this.threshold = threshold;
    this.parallelism = parallelism;
  }

  /** @return the number of neighbours */
  public int k() {
    return k;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the contamination fraction, or empty for "auto" (threshold 1.5) */
  @Override
  public OptionalDouble contamination() {
    return Double.isNaN(contamination) ? OptionalDouble.empty() : OptionalDouble.of(contamination);
  }

  /** @return the number of training rows */
  public int rows() {
    return n;
  }

  /** @return the number of columns; a point must have this length */
  @Override
  public int dimension() {
    return d;
  }

  /** @return the names of the fitted columns, one per dimension, unmodifiable ({@code x0, x1, ...} when none) */
  @Override
  public List<String> columnNames() {
    return columnNames;
  }

  /**
   * @return the Local Outlier Factor of every training row, in row order (a copy): about 1 inside clusters, larger
   *     for outliers; scikit-learn's {@code -negative_outlier_factor_}
   */
  @Override
  public double[] scores() {
    return scores.clone();
  }

  /** @return the distance from every training row to its {@code k}-th nearest other row (a copy) */
  public double[] kDistances() {
    return kDistances.clone();
  }

  /**
   * @return the local reachability density of every training row (a copy): {@code 1 / (mean reachability distance
   *     + 1e-10)}, at most {@code 1e10} (a row with {@code k} or more exact copies)
   */
  public double[] localReachabilityDensities() {
    return lrd.clone();
  }

  /**
   * @return the LOF above which a row or point is an outlier: 1.5 for contamination "auto", otherwise from the
   *     training scores (see {@link LocalOutlierFactor}); scikit-learn's {@code -offset_}
   */
  @Override
  public double threshold() {
    return threshold;
  }

  /**
   * The training rows whose LOF is above {@link #threshold()} (strictly, as scikit-learn's
   * {@code negative_outlier_factor_ < offset_}).
   *
   * @return their indices, ascending (a new array; empty when there is none)
   */
  @Override
  public int[] outliers() {
    int c = 0;
    for (double s : scores) {
      if (s > threshold) {
        c++;
      }
    }
    int[] out = new int[c];
    c = 0;
    for (int i = 0; i < n; i++) {
      if (scores[i] > threshold) {
        out[c++] = i;
      }
    }
    return out;
  }

  /**
   * The LOF of a new point relative to the training rows (see the class description).
   *
   * @param point a point of {@link #dimension()} finite values (not modified)
   * @return its LOF
   * @throws IllegalArgumentException if the point is null, of another length, not finite or of magnitude
   *     {@code 2^500} or more
   */
  @Override
  public double score(double[] point) {
    ModelPoints.check(point, d, "point");
    LocalOutlierFactor.checkMagnitude(Scale.maxAbs(point, 0, d), "point");
    return LofKernel.score(index, k, kDistances, lrd, point, new Neighbors(k), new double[k]);
  }

  /**
   * The LOF of every row of {@code data} as a new point, as {@link #score(double[])}.
   *
   * @param data rows of {@link #dimension()} columns
   * @return their LOF, in row order
   * @throws IllegalArgumentException if {@code data} is null, has another number of columns, column names that
   *     differ from {@link #columnNames()} (both given), or a value of magnitude {@code 2^500} or more
   */
  @Override
  public double[] score(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != d) {
      throw new IllegalArgumentException("data must have dimension " + d + " (the training data's)"
          + FittedColumns.fittedOn(columnNames, unnamed) + ", got " + data.dimension());
    }
    FittedColumns.check(columnNames, unnamed, data, "data");
    LocalOutlierFactor.checkMagnitude(DataAccess.maxAbs(data), "data");
    return LofKernel.score(index, k, kDistances, lrd, DataAccess.values(data), data.size(), parallelism);
  }

  /**
   * @return the state: configuration, training rows, k-distances, densities, scores and threshold; a new value
   */
  public State state() {
    return new State(d, columnNames, k, metric, contamination(), DataAccess.values(data), kDistances, lrd, scores,
        threshold);
  }

  /**
   * Rebuilds a model from its state: checks the shapes and the configuration ({@code dimension >= 1}; one distinct,
   * non-null name per column; {@code k >= 1}; a contamination in {@code (0, 0.5]} or none; {@code n > k} rows of
   * {@code dimension} finite values below {@code 2^500} in magnitude; {@code n} k-distances, densities and scores),
   * fits the rows again with the state's {@code k}, metric and contamination, and requires the state's
   * k-distances, densities, scores and threshold to equal the fit's bit for bit.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every score to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field, the
   *     index, the rule and the value)
   */
  public static LofModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    LocalOutlierFactor config;
    try {
      config = LocalOutlierFactor.k(s.k).metric(s.metric);
      if (s.contamination.isPresent()) {
        config = config.contamination(s.contamination.getAsDouble());
      }
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    if (s.data.length % d != 0) {
      throw stateError("data must hold n * dimension values (dimension = " + d + "), got " + s.data.length);
    }
    int n = s.data.length / d;
    if (n <= s.k) {
      throw stateError("data must hold more than k = " + s.k + " rows, got " + n);
    }
    for (int t = 0; t < s.data.length; t++) {
      if (!(Math.abs(s.data[t]) < LocalOutlierFactor.MAX_MAGNITUDE)) {
        throw stateError("data must be finite and of magnitude below 2^500, got " + s.data[t] + " at row " + (t / d)
            + ", column " + (t % d));
      }
    }
    same(n, s.kDistances.length, "kDistances");
    same(n, s.localReachabilityDensities.length, "localReachabilityDensities");
    same(n, s.scores.length, "scores");
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    Dataset rows = Dataset.copyOf(s.data, n, d);
    if (!FittedColumns.areDefault(names)) {
      rows = rows.withColumnNames(names);
    }
    LofModel m = config.fit(rows);
    equal(m.kDistances, s.kDistances, "kDistances");
    equal(m.lrd, s.localReachabilityDensities, "localReachabilityDensities");
    equal(m.scores, s.scores, "scores");
    if (Double.compare(m.threshold, s.threshold) != 0) {
      throw stateError("threshold must be the fit's " + m.threshold + " (for contamination "
          + (s.contamination.isPresent() ? Double.toString(s.contamination.getAsDouble()) : "auto") + "), got "
          + s.threshold);
    }
    return m;
  }

  private static void same(int n, int length, String name) {
    if (length != n) {
      throw stateError(name + " must hold one value per row (n = " + n + "), got " + length);
    }
  }

  private static void equal(double[] fit, double[] stored, String name) {
    for (int i = 0; i < fit.length; i++) {
      if (Double.compare(fit[i], stored[i]) != 0) {
        throw stateError(name + "[" + i + "] must be what a fit of the rows gives, " + fit[i] + ", got " + stored[i]
            + " (the rows and the fitted values do not belong together)");
      }
    }
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("LofModel state: " + message);
  }

  /**
   * The state of a {@link LofModel} as a plain value: the dimension, the names of the fitted columns, {@code k}, the
   * metric, the contamination (empty for "auto"), the training rows (row-major {@code n x dimension}), and their
   * k-distances, local reachability densities, scores and the threshold.
   *
   * <p>The constructor only rejects null arguments and copies; {@link LofModel#fromState} checks every other rule.
   * Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every field, numbers bit
   * for bit.
   */
  public static final class State {
    private final int dimension;
    private final List<String> columnNames;
    private final int k;
    private final Metric metric;
    private final OptionalDouble contamination;
    private final double[] data;
    private final double[] kDistances;
    private final double[] localReachabilityDensities;
    private final double[] scores;
    private final double threshold;

    /**
     * @param dimension the number of columns
     * @param columnNames the names of the fitted columns, one per dimension (copied; checked by {@code fromState})
     * @param k the number of neighbours
     * @param metric the metric
     * @param contamination the contamination fraction, empty for "auto"
     * @param data the training rows, row-major {@code n x dimension} (copied)
     * @param kDistances the rows' k-distances (copied)
     * @param localReachabilityDensities the rows' densities (copied)
     * @param scores the rows' LOF (copied)
     * @param threshold the threshold
     * @throws IllegalArgumentException if an array, the list, the metric or the contamination is null
     */
    public State(int dimension, List<String> columnNames, int k, Metric metric, OptionalDouble contamination,
        double[] data, double[] kDistances, double[] localReachabilityDensities, double[] scores, double threshold) {
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.k = k;
      this.metric = nonNull(metric, "metric");
      this.contamination = nonNull(contamination, "contamination");
      this.data = nonNull(data, "data").clone();
      this.kDistances = nonNull(kDistances, "kDistances").clone();
      this.localReachabilityDensities = nonNull(localReachabilityDensities, "localReachabilityDensities").clone();
      this.scores = nonNull(scores, "scores").clone();
      this.threshold = threshold;
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "LofModel", name);
    }

    /** @return the dimension */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return the number of neighbours */
    public int k() {
      return k;
    }

    /** @return the metric */
    public Metric metric() {
      return metric;
    }

    /** @return the contamination fraction, empty for "auto" */
    public OptionalDouble contamination() {
      return contamination;
    }

    /** @return a copy of the training rows, row-major */
    public double[] data() {
      return data.clone();
    }

    /** @return a copy of the k-distances */
    public double[] kDistances() {
      return kDistances.clone();
    }

    /** @return a copy of the local reachability densities */
    public double[] localReachabilityDensities() {
      return localReachabilityDensities.clone();
    }

    /** @return a copy of the scores */
    public double[] scores() {
      return scores.clone();
    }

    /** @return the threshold */
    public double threshold() {
      return threshold;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return dimension == s.dimension && FittedColumns.sameNames(columnNames, s.columnNames) && k == s.k
          && metric == s.metric && contamination.equals(s.contamination) && Arrays.equals(data, s.data)
          && Arrays.equals(kDistances, s.kDistances)
          && Arrays.equals(localReachabilityDensities, s.localReachabilityDensities)
          && Arrays.equals(scores, s.scores) && Double.compare(threshold, s.threshold) == 0;
    }

    @Override
    public int hashCode() {
      int h = dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + k;
      h = 31 * h + metric.ordinal();
      h = 31 * h + contamination.hashCode();
      h = 31 * h + Arrays.hashCode(data);
      h = 31 * h + Arrays.hashCode(kDistances);
      h = 31 * h + Arrays.hashCode(localReachabilityDensities);
      h = 31 * h + Arrays.hashCode(scores);
      return 31 * h + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
      return "LofModel.State[d=" + dimension + ", rows=" + (dimension > 0 ? data.length / dimension : 0) + ", k=" + k
          + ", metric=" + metric + ", contamination=" + (contamination.isPresent() ? contamination.getAsDouble()
          : "auto") + ", threshold=" + threshold + "]";
    }
  }

  @Override
  public String toString() {
    return "LofModel[d=" + d + ", rows=" + n + ", k=" + k + ", metric=" + metric + ", threshold=" + threshold
        + ", outliers=" + outliers().length + "]";
  }
}
