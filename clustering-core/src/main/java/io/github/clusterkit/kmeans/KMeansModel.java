package io.github.clusterkit.kmeans;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.internal.Dist;
import io.github.clusterkit.kmeans.internal.NearestCentroid;
import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link KMeans#fit(Dataset)}: {@code k} centroids, a label per fitted row, the inertia and how
 * the run ended. It assigns new points to the nearest centroid ({@link #predict(double[])}) and gives the
 * distances to every centroid ({@link #transform(double[])}), and scores data as scikit-learn's {@code KMeans.score}
 * does ({@link #score(Dataset)}: minus the sum of the squared distances to the nearest centroids).
 *
 * <p>Labels are {@code 0..k-1}; there is no noise label. A cluster can be empty only in degenerate cases
 * (see {@link KMeans}), never with a zero-vector centroid. Ties in {@code predict} go to the lowest centroid
 * index, as in the fit, so {@code predict} of a fitted row returns its label. Points and centroids too large or too
 * small for squared distances (largest magnitude above {@code 2^201} or below {@code 2^-200}) are compared after
 * the exact power-of-two scaling the fit uses (see {@link KMeans}), so they get the fit's answers too.
 *
 * <p><b>Column names.</b> The model remembers the column names of the data it was fitted on ({@link #columnNames()}, as
 * scikit-learn's {@code feature_names_in_}). A {@link Dataset} built without names (its placeholders {@code x0, x1,
 * ...}, {@link Dataset#hasColumnNames()} false) has no names to check, and neither has a model fitted on one. {@link
 * #predict(Dataset)}, {@link #transform(Dataset)} and {@link #score(Dataset)} refuse a dataset with an {@link
 * IllegalArgumentException} when
 * both the model's names and the dataset's were given (even names that read {@code x0, x1}, such as a CSV header) and
 * they differ (other columns, or the same columns in another order: the distances would be computed between unrelated
 * coordinates); when either side has none they check nothing, and points given as {@code double[]} are never checked.
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files
 * store and what a distributed engine ships), and {@link #fromState(State)} rebuilds an equivalent model from
 * it after checking every rule, so the rebuilt model predicts exactly as the original.
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query
 * from several threads.
 */
public final class KMeansModel implements ClusterModel {

  private final double[] centers;
  private final int k;
  private final int d;
  private final int[] labels;
  private final double inertia;
  private final int iterations;
  private final boolean converged;
  private final KMeansAlgorithm algorithm;
  private final List<String> columnNames;
  /** Whether the model was fitted without names ({@link #columnNames} are placeholders, checked against nothing). */
  private final boolean unnamed;
  /** The largest magnitude of the centroids, for the scaling of {@link #predict} and {@link #transform}. */
  private final double centersMax;

  KMeansModel(double[] centers, int k, int d, int[] labels, double inertia, int iterations, boolean converged,
      KMeansAlgorithm algorithm, List<String> columnNames) {
    this.centers = centers.clone();
    this.k = k;
    this.d = d;
    // Taken over, not copied (n ints of fresh memory): both callers pass an array that nothing else writes.
    this.labels = labels;
    this.inertia = inertia;
    this.iterations = iterations;
    this.converged = converged;
    this.algorithm = algorithm;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.centersMax = Scale.maxAbs(this.centers, 0, this.centers.length);
  }

  /**
   * The fitted state: column names, centroids, training labels and the summary of the kept run.
   *
   * @return a new state value; {@code fromState(state())} predicts exactly as this model
   */
  public State state() {
    return new State(d, columnNames, centers, labels, inertia, iterations, converged, algorithm);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code dimension >= 1}; one distinct, non-null column name
   * per dimension (a state built without names has {@code x0 .. x(dimension-1)}); {@code k * dimension}
   * finite centroid coordinates with {@code k >= 1}; at least one training label, each in {@code 0..k-1};
   * an inertia {@code >= 0} (finite, or {@code +Infinity} for a fit whose true inertia exceeds the double range: see
   * {@link KMeans}); {@code iterations >= 0}; a kernel that ran (not {@code AUTO}).
   *
   * <p>Not checked, as the state holds no training rows: that the labels are those of the nearest
   * centroids and the inertia their sum of squared distances.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every prediction to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field,
   *     the index, the rule and the value)
   */
  public static KMeansModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    double[] c = s.centroids;
    if (c.length < d || c.length % d != 0) {
      throw stateError("centroids must hold k * dimension values with k >= 1 and dimension = " + d + ", got "
          + c.length);
    }
    int k = c.length / d;
    for (int t = 0; t < c.length; t++) {
      if (!Double.isFinite(c[t])) {
        throw stateError("centroids must be finite, got " + c[t] + " at centroid " + (t / d) + ", coordinate "
            + (t % d));
      }
    }
    int[] labels = s.labels;
    if (labels.length < 1) {
      throw stateError("labels must hold at least one training row, got none");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw stateError("labels[" + i + "] must be in 0.." + (k - 1) + " (k = " + k + "), got " + labels[i]);
      }
    }
    if (!(s.inertia >= 0)) {
      throw stateError("inertia must be >= 0 (or +Infinity, beyond the double range), got " + s.inertia);
    }
    if (s.iterations < 0) {
      throw stateError("iterations must be >= 0, got " + s.iterations);
    }
    if (s.algorithm == KMeansAlgorithm.AUTO) {
      throw stateError("algorithm must be the kernel that ran (LLOYD, HAMERLY or ELKAN), got AUTO");
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    return new KMeansModel(c, k, d, labels, s.inertia, s.iterations, s.converged, s.algorithm, names);
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("KMeansModel state: " + message);
  }

  /** @return the number of clusters {@code k} */
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

  /** @return the dimension of the data and the centroids */
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

  /** @return a copy of the centroids, {@code k} rows of length {@link #dimension()} */
  public double[][] centroids() {
    return ModelArrays.rows(centers, k, d);
  }

  /** @return a copy of the labels of the fitted rows, in row order, each in {@code 0..k-1} */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of fitted rows in each cluster (not weighted) */
  public int[] clusterSizes() {
    return ModelArrays.clusterSizes(labels, k);
  }

  /**
   * @return the inertia of the kept run: the weighted sum over the fitted rows of the squared Euclidean
   *     distance to the assigned centroid (scikit-learn's {@code inertia_}, ELKI's SSE). With unit weights it is
   *     usually computed without a pass over the data, from per-cluster sums kept during the fit (each cluster's
   *     squared distances to the run's first centroid, corrected by the distance the centroid travelled); the sums
   *     are used only where their rounding keeps the value within about 1e-12 relative of the exact sum, and
   *     elsewhere (data far from the origin compared with the clusters' spread, sample weights) the distances are
   *     summed directly. Either way the value is the same on any thread count and for every
   *     {@link KMeansAlgorithm}.
   */
  public double inertia() {
    return inertia;
  }

  /**
   * The number of Lloyd iterations of the kept run (scikit-learn's {@code n_iter_}). With tolerance 0 it can be
   * one more than exact arithmetic would take where a centroid is a rounded mean: after an empty cluster is
   * re-seeded (its old cluster's sums are edited, {@code (0.1 + 0.2) - 0.1}, and the next pass's fresh sums move
   * that centroid by an ulp) or for copies of one point ({@code (0.1 + 0.1 + 0.1) / 3} is not 0.1); the labels
   * and centroids are those of the extra pass, which changes no label.
   *
   * @return the number of iterations
   */
  public int iterations() {
    return iterations;
  }

  /**
   * @return whether the kept run stopped because no label changed or the centroid shift fell within the
   *     tolerance, rather than at {@code maxIterations}
   */
  public boolean converged() {
    return converged;
  }

  /**
   * @return the kernel that ran ({@link KMeansAlgorithm#AUTO} resolved): the one the kept run went on with when it
   *     switched between Hamerly's and Elkan's (see {@link KMeansAlgorithm#AUTO})
   */
  public KMeansAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return the index of the nearest centroid (lowest index on ties)
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  public int predict(double[] point) {
    check(point);
    int e = Scale.exponent(Math.max(centersMax, Scale.maxAbs(point, 0, d)));
    if (e != 0) {
      return nearest(Scale.down(point, e), 0, Scale.down(centers, e));
    }
    return nearest(point, 0, centers);
  }

  /**
   * The nearest centroid of every row: the labels {@link #predict(double[])} gives row by row (lowest index on ties),
   * computed by blocks of rows so that the distances vectorise (row by row, each at its own scale, when a magnitude
   * in the batch lies beyond about {@code 2^200} or below {@code 2^-200}). One thread; the model is not modified.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return the index of the nearest centroid for every row
   * @throws IllegalArgumentException if {@code data} is null or of another dimension, or if its column names and the
   *     model's ({@link #columnNames()}) were both given (not the placeholders of data without names) and differ
   */
  public int[] predict(Dataset data) {
    checkData(data);
    double[] x = DataAccess.values(data);
    int[] out = new int[data.size()];
    if (Scale.exponent(Math.max(centersMax, DataAccess.maxAbs(data))) != 0) {
      // Magnitudes that need scaling: each row by its own exponent, as predict(double[]) scales it. One exponent for
      // the whole batch would flush a row's low bits (or the row) to zero next to a row of much larger magnitude,
      // and its label would depend on the other rows of the batch.
      double[] row = new double[d];
      for (int i = 0; i < out.length; i++) {
        System.arraycopy(x, i * d, row, 0, d);
        out[i] = predict(row);
      }
      return out;
    }
    NearestCentroid.labels(x, out.length, d, centers, k, out);
    return out;
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return its Euclidean distance to every centroid, in centroid order (scikit-learn's {@code transform})
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  public double[] transform(double[] point) {
    check(point);
    double[] p = point;
    double[] c = centers;
    int e = Scale.exponent(Math.max(centersMax, Scale.maxAbs(point, 0, d)));
    if (e != 0) {
      p = Scale.down(point, e);
      c = Scale.down(centers, e);
    }
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      // sqrt(4^e v) == 2^e sqrt(v) exactly; infinite only when the true distance exceeds the double range.
      out[j] = Math.scalb(Math.sqrt(Dist.sq(p, 0, c, j * d, d)), e);
    }
    return out;
  }

  /**
   * The distances of every row to every centroid: row {@code i} of the result is {@link #transform(double[])} of
   * row {@code i}, bit for bit (scikit-learn's {@code transform} on many points). The distance to the nearest
   * centroid, the usual outlier score, is the row's minimum; its index is {@link #predict(Dataset)}'s label (lowest
   * index on ties). One thread; neither the data nor the model is modified.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return {@code data.size()} new arrays of {@link #k()} Euclidean distances, in centroid order
   * @throws IllegalArgumentException if {@code data} is null or of another dimension, or if its column names and the
   *     model's ({@link #columnNames()}) were both given (not the placeholders of data without names) and differ
   */
  public double[][] transform(Dataset data) {
    checkData(data);
    double[] x = DataAccess.values(data);
    int n = data.size();
    double[][] out = new double[n][];
    double[] row = new double[d];
    double[] cScaled = null;
    int cExponent = 0;
    for (int i = 0; i < n; i++) {
      int xo = i * d;
      // The row's own scaling, as transform(double[]) chooses it, so that each row's distances are its distances.
      int e = Scale.exponent(Math.max(centersMax, Scale.maxAbs(x, xo, xo + d)));
      double[] p = x;
      int po = xo;
      double[] c = centers;
      if (e != 0) {
        for (int t = 0; t < d; t++) {
          row[t] = Math.scalb(x[xo + t], -e);
        }
        p = row;
        po = 0;
        if (cScaled == null || cExponent != e) {
          cScaled = Scale.down(centers, e);
          cExponent = e;
        }
        c = cScaled;
      }
      double[] o = new double[k];
      for (int j = 0; j < k; j++) {
        o[j] = Math.scalb(Math.sqrt(Dist.sq(p, po, c, j * d, d)), e);
      }
      out[i] = o;
    }
    return out;
  }

  /**
   * scikit-learn's {@code KMeans.score(X)}: minus the sum over the rows of the squared Euclidean distance to the
   * nearest centroid, the opposite of the inertia the rows would have under this model (higher is better; 0 when
   * every row is a centroid). On the training data it is {@code -inertia()} to rounding (the inertia may come from
   * the fit's per-cluster sums, see {@link #inertia()}, within about {@code 1e-12} relative). The nearest centroid
   * is {@link #predict(Dataset)}'s; its squared distance is added row by row in row order (a fixed order: one
   * thread, as {@code predict}, so the value is the same on any machine and thread count; reordering the rows
   * changes only the rounding of the sum). Rows and centroids too large or too small for squared distances (see
   * the class description) are measured at their scale and the squared distances scaled back exactly, and a
   * squared distance that underflows at that scale (a row near its centroid beside centroids far larger, say a row
   * at 2 beside centroids 0 and {@code 4.5e300}) is measured again at the scale of the row's differences from its
   * centroid: the value is {@code -Infinity} only when the true sum exceeds the double range, and 0 only when it is
   * 0 or below the smallest double. Neither the data nor the model is modified.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return minus the sum of the squared distances to the nearest centroids, at most 0
   * @throws IllegalArgumentException as {@link #predict(Dataset)}: if {@code data} is null or of another dimension,
   *     or if its column names and the model's ({@link #columnNames()}) were both given (not the placeholders of
   *     data without names) and differ
   */
  public double score(Dataset data) {
    checkData(data);
    return -sumNearestSq(data, null);
  }

  /**
   * scikit-learn's {@code KMeans.score(X, sample_weight)}: minus the weighted sum over the rows of the squared
   * Euclidean distance to the nearest centroid. Weights follow {@link KMeans#fit(Dataset, double[])}'s rules (finite
   * and {@code >= 0}), except that they may all be 0 (the score is then 0): scikit-learn 1.2.1's {@code score}
   * also takes negative weights, which are refused here. Weights of 1 give {@link #score(Dataset)} bit for bit;
   * integer weights the score of the rows repeated, to rounding. Summed as {@link #score(Dataset)} (row order, one
   * thread); a weight beyond {@code 2^200} or below {@code 2^-200} is multiplied by its squared distance at a scale
   * of its own (exactly, by a power of two), so a product underflows or overflows only when the true one does.
   * Neither the data, the weights nor the model is modified.
   *
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @param weights one finite weight {@code >= 0} per row
   * @return minus the weighted sum of the squared distances to the nearest centroids, at most 0
   * @throws IllegalArgumentException as {@link #score(Dataset)}, or if {@code weights} is null, has not one entry
   *     per row, or holds a value that is negative, infinite or NaN (the message names its index)
   */
  public double score(Dataset data, double[] weights) {
    checkData(data);
    if (weights == null) {
      throw new IllegalArgumentException("weights must not be null");
    }
    int n = data.size();
    if (weights.length != n) {
      throw new IllegalArgumentException("weights must have one entry per row (n = " + n + "), got "
          + weights.length);
    }
    for (int i = 0; i < n; i++) {
      double v = weights[i];
      if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("weights must be finite and >= 0, got " + v + " at index " + i);
      }
    }
    return -sumNearestSq(data, weights);
  }

  /**
   * The (weighted) sum of the squared distances of the rows to their nearest centroids, in row order. Each row's
   * nearest centroid is chosen at the scale {@link #predict(double[])} picks for it, where its squared distance is
   * computed too; where that is below {@link #TINY_SQ} (a row near its centroid while other centroids, or the row's
   * other coordinates, are far larger: at that scale the squares underflow) it is computed again in the original
   * units at the scale of the largest coordinate difference ({@link #pairSq}). Each squared distance {@code s 2^(2e)}
   * is multiplied by its weight {@code w 2^f} as {@code (w s) 2^(2e + f)} ({@code w} and {@code s} near 1 in
   * exponent), so a product underflows or overflows only when the true one does.
   */
  private double sumNearestSq(Dataset data, double[] weights) {
    double[] x = DataAccess.values(data);
    int n = data.size();
    // The labels of predict(Dataset), vectorised, where no magnitude of the batch needs scaling: the squared distance
    // to the label is then the smallest bit for bit (the blocked distances are Dist.sq's values).
    int[] labels = null;
    if (Scale.exponent(Math.max(centersMax, DataAccess.maxAbs(data))) == 0) {
      labels = new int[n];
      NearestCentroid.labels(x, n, d, centers, k, labels);
    }
    double sum = 0;
    double[] row = new double[d];
    double[] cScaled = null;
    int cExponent = 0;
    int[] pairExponent = new int[1];
    for (int i = 0; i < n; i++) {
      int xo = i * d;
      // The row's own scale, as predict(double[]) picks it (a row of tiny values beside centroids as tiny can need
      // one even where the batch as a whole does not).
      int e = Scale.exponent(Math.max(centersMax, Scale.maxAbs(x, xo, xo + d)));
      int j;
      double sq;
      if (e == 0) {
        j = labels != null ? labels[i] : NearestCentroid.nearest(x, xo, centers, k, d);
        sq = Dist.sq(x, xo, centers, j * d, d);
      } else {
        for (int t = 0; t < d; t++) {
          row[t] = Math.scalb(x[xo + t], -e);
        }
        if (cScaled == null || cExponent != e) {
          cScaled = Scale.down(centers, e);
          cExponent = e;
        }
        j = NearestCentroid.nearest(row, 0, cScaled, k, d);
        sq = Dist.sq(row, 0, cScaled, j * d, d);
      }
      if (!(sq >= TINY_SQ)) {
        sq = pairSq(x, xo, centers, j * d, d, pairExponent);
        e = pairExponent[0];
      }
      if (weights == null) {
        sum += e == 0 ? sq : Math.scalb(sq, 2 * e);
      } else {
        int f = Scale.exponent(weights[i]);
        sum += Math.scalb(Math.scalb(weights[i], -f) * sq, 2 * e + f);
      }
    }
    return sum;
  }

  /**
   * Squared distances below this, computed at a row's scale, are computed again by {@link #pairSq}: their squares may
   * have underflowed (to 0 or to fewer digits), and a weight up to {@code 2^201} times one of them stays normal.
   */
  private static final double TINY_SQ = 0x1p-500;

  /**
   * The squared Euclidean distance between {@code a[ao..]} and {@code b[bo..]} as {@code s 2^(2 e)}, {@code e} written
   * to {@code exponent[0]}: the differences are taken in the original units and scaled by the power of two of the
   * largest, so {@code s} lies in {@code [2^-104, 4d]} (0 for equal points), with no underflow beyond the rounding
   * of terms far below the largest. Called only for a squared distance below {@link #TINY_SQ} at the row's scale, so
   * no difference overflows.
   */
  private static double pairSq(double[] a, int ao, double[] b, int bo, int d, int[] exponent) {
    double max = 0;
    for (int t = 0; t < d; t++) {
      max = Math.max(max, Math.abs(a[ao + t] - b[bo + t]));
    }
    if (max == 0) {
      exponent[0] = 0;
      return 0;
    }
    int e = Math.getExponent(max);
    double s = 0;
    for (int t = 0; t < d; t++) {
      double u = Math.scalb(a[ao + t] - b[bo + t], -e);
      s += u * u;
    }
    exponent[0] = e;
    return s;
  }

  private int nearest(double[] x, int xo, double[] c) {
    return NearestCentroid.nearest(x, xo, c, k, d);
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != d) {
      throw new IllegalArgumentException("data must have dimension " + d + " like the centroids, got "
          + data.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, data, "data");
  }

  private void check(double[] point) {
    if (point == null) {
      throw new IllegalArgumentException("point must not be null");
    }
    if (point.length != d) {
      throw new IllegalArgumentException("point must have length " + d + ", got " + point.length);
    }
    for (int t = 0; t < d; t++) {
      if (!Double.isFinite(point[t])) {
        throw new IllegalArgumentException("point must be finite, got " + point[t] + " at index " + t);
      }
    }
  }

  /**
   * The fitted state of a {@link KMeansModel} as a plain value: the dimension, the names of the fitted columns, the
   * centroids (row-major, {@code k x dimension}; {@code k} is {@code centroids.length / dimension}), the training
   * labels, and the kept run's inertia, iterations, convergence and kernel.
   *
   * <p>The constructor only rejects null arguments and copies; {@link KMeansModel#fromState} checks every
   * other rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every
   * field, numbers bit for bit.
   */
  public static final class State {
    private final int dimension;
    private final List<String> columnNames;
    private final double[] centroids;
    private final int[] labels;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final KMeansAlgorithm algorithm;

    /**
     * A state without column names: they are {@code x0 .. x(dimension-1)}, the names no dataset is checked against.
     *
     * @param dimension the dimension of the data and the centroids
     * @param centroids the centroids, row-major {@code k x dimension} (copied)
     * @param labels the label of every training row (copied)
     * @param inertia the inertia of the kept run
     * @param iterations the iterations of the kept run
     * @param converged whether the kept run converged
     * @param algorithm the kernel that ran
     * @throws IllegalArgumentException if {@code algorithm} or an array is null
     */
    public State(int dimension, double[] centroids, int[] labels, double inertia, int iterations,
        boolean converged, KMeansAlgorithm algorithm) {
      this(dimension, FittedColumns.defaults(dimension), centroids, labels, inertia, iterations, converged,
          algorithm);
    }

    /**
     * @param dimension the dimension of the data and the centroids
     * @param columnNames the names of the fitted columns, one per dimension (copied; {@link KMeansModel#fromState}
     *     checks them)
     * @param centroids the centroids, row-major {@code k x dimension} (copied)
     * @param labels the label of every training row (copied)
     * @param inertia the inertia of the kept run
     * @param iterations the iterations of the kept run
     * @param converged whether the kept run converged
     * @param algorithm the kernel that ran
     * @throws IllegalArgumentException if {@code columnNames}, {@code algorithm} or an array is null
     */
    public State(int dimension, List<String> columnNames, double[] centroids, int[] labels, double inertia,
        int iterations, boolean converged, KMeansAlgorithm algorithm) {
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.centroids = nonNull(centroids, "centroids").clone();
      this.labels = nonNull(labels, "labels").clone();
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
      this.algorithm = nonNull(algorithm, "algorithm");
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "KMeansModel", name);
    }

    /** @return the dimension */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable; may hold nulls if given so) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return a copy of the centroids, row-major {@code k x dimension} */
    public double[] centroids() {
      return centroids.clone();
    }

    /** @return a copy of the training labels */
    public int[] labels() {
      return labels.clone();
    }

    /** @return the inertia */
    public double inertia() {
      return inertia;
    }

    /** @return the number of iterations */
    public int iterations() {
      return iterations;
    }

    /** @return whether the run converged */
    public boolean converged() {
      return converged;
    }

    /** @return the kernel that ran */
    public KMeansAlgorithm algorithm() {
      return algorithm;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return dimension == s.dimension && FittedColumns.sameNames(columnNames, s.columnNames) && Arrays.equals(centroids, s.centroids)
          && Arrays.equals(labels, s.labels)
          && Double.compare(inertia, s.inertia) == 0 && iterations == s.iterations && converged == s.converged
          && algorithm == s.algorithm;
    }

    @Override
    public int hashCode() {
      int h = dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Arrays.hashCode(centroids);
      h = 31 * h + Arrays.hashCode(labels);
      h = 31 * h + Double.hashCode(inertia);
      h = 31 * h + iterations;
      h = 31 * h + Boolean.hashCode(converged);
      return 31 * h + algorithm.hashCode();
    }

    @Override
    public String toString() {
      return "KMeansModel.State[k=" + (dimension > 0 ? centroids.length / dimension : 0) + ", d=" + dimension
          + ", n=" + labels.length + ", inertia=" + inertia + ", iterations=" + iterations + ", converged="
          + converged + ", algorithm=" + algorithm + "]";
    }
  }

  @Override
  public String toString() {
    return "KMeansModel[k=" + k + ", d=" + d + ", n=" + labels.length + ", sizes=" + Arrays.toString(clusterSizes())
        + ", inertia=" + inertia + ", iterations=" + iterations + ", converged=" + converged + ", algorithm="
        + algorithm + "]";
  }
}
