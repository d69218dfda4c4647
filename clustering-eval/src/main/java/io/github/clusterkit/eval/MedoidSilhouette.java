package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.PrototypeSilhouette;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;

/**
 * The medoid silhouette (Van der Laan, Pollard and Bryan 2003, "A new partitioning around medoids algorithm",
 * Journal of Statistical Computation and Simulation 73(8), doi:10.1080/0094965031000136012; Lenssen and Schubert
 * 2022, "Clustering by direct optimization of the medoid silhouette", SISAP 2022, doi:10.1007/978-3-031-17849-8_15):
 * the silhouette with each cluster represented by its medoid, for {@code k} given medoids in {@code O(n k d)}.
 *
 * <p>Every point belongs to its nearest medoid. With {@code d1(i)} and {@code d2(i)} the distances from point
 * {@code i} to its nearest and its second nearest medoid, {@code s(i) = (d2 - d1) / max(d1, d2) = 1 - d1 / d2}, in
 * {@code [0, 1]}; the score is the mean over all rows. A point at distance 0 from its nearest medoid (the medoids
 * themselves) scores 1, also when a second medoid lies at the same place ({@code 0 / 0} taken as 0, as the
 * {@code medoid_silhouette} of the authors' {@code kmedoids} package does). Unlike the {@link Silhouette} and the
 * {@link SimplifiedSilhouette}, it takes no labels: the assignment to the nearest medoid is part of its definition
 * (ties go to the medoid given first, as {@link KMedoidsModel#predict(double[])}), and it is never negative. It is
 * the objective that Lenssen and Schubert's FastMSC and FasterMSC maximise; like the simplified silhouette, compare
 * it between clusterings of the same data rather than with the exact silhouette.
 *
 * <p><b>Medoids.</b> As row numbers of the data ({@link #evaluate(Dataset, int[])}: distinct rows), as points
 * ({@link #evaluate(Dataset, double[][])}: any finite points of the data's dimension, which need not be rows of the
 * data) or from a {@link KMedoidsModel} ({@link #evaluate(Dataset, KMedoidsModel)}: its medoid points, so the data
 * may be the fitted data or new data). At least two medoids are needed: with one there is no second nearest (the
 * {@code kmedoids} package returns 1 there). The result's labels are the medoids' positions {@code 0..k-1} in the
 * order given (a {@link KMedoidsModel}'s labels), its per-label means the mean over the points nearest each medoid
 * (a medoid nearest to no point, such as a second medoid at the place of an earlier one, has no entry).
 *
 * <p><b>Distances.</b> {@link #metric(Metric)}: {@link Metric#EUCLIDEAN} (the default), {@link Metric#MANHATTAN} or
 * {@link Metric#CHEBYSHEV}. A {@link KMedoidsModel} carries its own metric: {@link #score(Dataset, KMedoidsModel)}
 * uses it, and {@link #evaluate(Dataset, KMedoidsModel)} refuses a configuration with another.
 *
 * <p><b>Cost.</b> One distance from every point to every medoid, {@code O(n k d)} time and {@code O(n)} memory.
 * {@link #parallelism(int)} splits the points into fixed blocks; every value depends only on its point and the
 * medoids, so the result is identical on any number of threads. An interrupt of the calling thread stops
 * {@code evaluate} before its next block with an {@link IllegalStateException} whose message starts with
 * {@code "interrupted"}. Data of any magnitude are scaled by a power of two (with the medoids) where squares would
 * overflow or underflow, which changes no ratio. Arguments are never modified.
 *
 * <p><b>Thread-safety.</b> Instances are immutable configurations, safe to share between threads.
 *
 * <pre>{@code
 * KMedoidsModel model = KMedoids.k(5).fit(data);
 * double s = MedoidSilhouette.score(data, model);                    // the model's metric
 * double t = MedoidSilhouette.score(data, new int[] {3, 17, 42});    // medoids by row, Euclidean
 * SilhouetteResult r = MedoidSilhouette.defaults().metric(Metric.MANHATTAN).parallelism(2)
 *     .evaluate(data, new double[][] {{0, 0}, {5, 5}});
 * }</pre>
 */
public final class MedoidSilhouette {

  private final Metric metric;
  private final int parallelism;

  private MedoidSilhouette(Metric metric, int parallelism) {
    this.metric = metric;
    this.parallelism = parallelism;
  }

  /** @return the medoid silhouette with Euclidean distances, on one thread */
  public static MedoidSilhouette defaults() {
    return new MedoidSilhouette(Metric.EUCLIDEAN, 1);
  }

  /**
   * The mean medoid silhouette of the data for medoids given by row, Euclidean distances, on one thread.
   *
   * @param data the points
   * @param medoidRows the medoids' row numbers in {@code data}, at least 2, distinct (not modified)
   * @return the mean medoid silhouette, in {@code [0, 1]}
   * @throws IllegalArgumentException if an argument is null, fewer than two rows are given, or a row is out of
   *     range or repeated
   */
  public static double score(Dataset data, int[] medoidRows) {
    return defaults().evaluate(data, medoidRows).score();
  }

  /**
   * The mean medoid silhouette of the data for a k-medoids model's medoids, in the model's metric, on one thread.
   *
   * @param data the points, of the model's dimension (the fitted data or new data)
   * @param model the fitted model, with at least two medoids
   * @return the mean medoid silhouette, in {@code [0, 1]}
   * @throws IllegalArgumentException if an argument is null, the model has one medoid, the dimensions differ, or
   *     the column names of both were given and differ
   */
  public static double score(Dataset data, KMedoidsModel model) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    return defaults().metric(model.metric()).evaluate(data, model).score();
  }

  /**
   * @param metric the distance: {@link Metric#EUCLIDEAN} (the default), {@link Metric#MANHATTAN} or
   *     {@link Metric#CHEBYSHEV}
   * @return a copy with that distance
   * @throws IllegalArgumentException if {@code metric} is null
   */
  public MedoidSilhouette metric(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new MedoidSilhouette(metric, parallelism);
  }

  /**
   * @param threads number of threads, at least 1 (the calling thread and parked worker threads that the library
   *     keeps between calls; never the common pool). The result does not depend on it.
   * @return a copy with that parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public MedoidSilhouette parallelism(int threads) {
    return new MedoidSilhouette(metric, Checks.parallelism(threads));
  }

  /** @return the distance */
  public Metric metric() {
    return metric;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * The medoid silhouette for medoids given by row.
   *
   * @param data the points
   * @param medoidRows the medoids' row numbers in {@code data}, at least 2, distinct (not modified)
   * @return the score, every row's value and the mean per medoid (labels {@code 0..k-1}: positions in
   *     {@code medoidRows})
   * @throws IllegalArgumentException if an argument is null, fewer than two rows are given, or a row is out of
   *     range or repeated
   */
  public SilhouetteResult evaluate(Dataset data, int[] medoidRows) {
    requireData(data);
    if (medoidRows == null) {
      throw new IllegalArgumentException("medoidRows must not be null");
    }
    requireTwo(medoidRows.length, "medoidRows");
    int n = data.size();
    int d = data.dimension();
    boolean[] seen = new boolean[n];
    double[] m = new double[medoidRows.length * d];
    for (int j = 0; j < medoidRows.length; j++) {
      int r = medoidRows[j];
      if (r < 0 || r >= n) {
        throw new IllegalArgumentException("medoidRows must be row numbers in [0, " + n + "), got " + r
            + " at position " + j);
      }
      if (seen[r]) {
        throw new IllegalArgumentException("medoidRows must be distinct, got row " + r + " twice");
      }
      seen[r] = true;
      for (int t = 0; t < d; t++) {
        m[j * d + t] = data.get(r, t);
      }
    }
    return compute(data, m, medoidRows.length);
  }

  /**
   * The medoid silhouette for medoids given as points.
   *
   * @param data the points
   * @param medoids at least two finite points of the data's dimension (not modified; they need not be rows of the
   *     data, and two may coincide)
   * @return the score, every row's value and the mean per medoid (labels {@code 0..k-1}: positions in
   *     {@code medoids})
   * @throws IllegalArgumentException if an argument or a medoid is null, fewer than two medoids are given, or a
   *     medoid has another length than the data's rows or a non-finite value
   */
  public SilhouetteResult evaluate(Dataset data, double[][] medoids) {
    requireData(data);
    if (medoids == null) {
      throw new IllegalArgumentException("medoids must not be null");
    }
    requireTwo(medoids.length, "medoids");
    int d = data.dimension();
    double[] m = new double[medoids.length * d];
    for (int j = 0; j < medoids.length; j++) {
      double[] row = medoids[j];
      if (row == null) {
        throw new IllegalArgumentException("medoids must not hold null, got null at medoid " + j);
      }
      if (row.length != d) {
        throw new IllegalArgumentException("medoids must have the data's dimension " + d + ", got length "
            + row.length + " at medoid " + j);
      }
      for (int t = 0; t < d; t++) {
        if (!Double.isFinite(row[t])) {
          throw new IllegalArgumentException("medoids must be finite, got " + row[t] + " at medoid " + j
              + ", column " + t);
        }
        m[j * d + t] = row[t];
      }
    }
    return compute(data, m, medoids.length);
  }

  /**
   * The medoid silhouette for a k-medoids model's medoids (its points, so the data may be other than the fitted
   * data).
   *
   * @param data the points, of the model's dimension
   * @param model the fitted model, with at least two medoids, of this configuration's metric
   * @return the score, every row's value and the mean per medoid (labels: the model's)
   * @throws IllegalArgumentException if an argument is null, the model has one medoid, its metric is not this
   *     configuration's, the dimensions differ, or the column names of both were given and differ
   */
  public SilhouetteResult evaluate(Dataset data, KMedoidsModel model) {
    requireData(data);
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    if (model.metric() != metric) {
      throw new IllegalArgumentException("metric must be the model's (" + model.metric() + "), got " + metric
          + "; MedoidSilhouette.score(data, model) uses the model's");
    }
    requireTwo(model.k(), "model medoids");
    if (data.dimension() != model.dimension()) {
      throw new IllegalArgumentException("data must have dimension " + model.dimension() + " like the medoids, got "
          + data.dimension());
    }
    FittedColumns.check(model.columnNames(), FittedColumns.areDefault(model.columnNames()), data, "data");
    return evaluate(data, model.medoids());
  }

  private SilhouetteResult compute(Dataset data, double[] medoids, int k) {
    int n = data.size();
    int d = data.dimension();
    // One power of two for the data and the medoids (Scale), exact; every value is a ratio of distances.
    int e = Scale.exponent(Math.max(DataAccess.maxAbs(data), Scale.maxAbs(medoids, 0, k * d)));
    double[] x = Scale.values(data, e);
    double[] m = e == 0 ? medoids : Scale.down(medoids, e);
    int[] nearest = new int[n];
    double[] s = PrototypeSilhouette.medoid(x, d, n, m, k, metric, parallelism, nearest);
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return new SilhouetteResult(s, nearest, rows, 0);
  }

  private static void requireData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
  }

  private static void requireTwo(int k, String what) {
    if (k < 2) {
      throw new IllegalArgumentException(what + " must number at least 2 (the medoid silhouette needs a second"
          + " nearest medoid), got " + k);
    }
  }

  /** Equal when every setting is equal. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MedoidSilhouette)) {
      return false;
    }
    MedoidSilhouette b = (MedoidSilhouette) o;
    return metric == b.metric && parallelism == b.parallelism;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(metric, parallelism);
  }

  @Override
  public String toString() {
    return "MedoidSilhouette[metric=" + metric + ", parallelism=" + parallelism + "]";
  }
}
