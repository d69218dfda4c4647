package io.github.clusterkit.birch;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.birch.internal.SeededNearest;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.ModelPoints;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link Birch#fit(Dataset)} or of {@link BirchTree#model()}: the leaf subclusters of a BIRCH
 * clustering-feature tree (their centroids, numbers of rows, linear and squared sums), the cluster of every
 * subcluster after the global step, and, for a fit, the label of every training row.
 *
 * <p><b>Order.</b> Subclusters are in scikit-learn's order ({@code Birch.subcluster_centers_}): the leaves in the
 * order of its list of leaves, which after splits is not always the tree's left-to-right order (see {@link Birch}),
 * each leaf's entries in their order in the leaf. {@link #subclusterLabels()} is scikit-learn's
 * {@code subcluster_labels_}, numbered as it numbers them (see {@link Birch}).
 *
 * <p><b>Predict.</b> A point goes to the cluster of its nearest subcluster centroid, nearness by the squared Euclidean
 * distance summed column by column, ties to the subcluster that comes first; a k-d tree of the centroids
 * ({@link KdTree}, exactly a scan's answer) finds it in about {@code O(log m)} rather than {@code O(m)} for
 * {@code m} subclusters. scikit-learn's {@code predict} ranks by
 * {@code ||c||^2 - 2 x.c} from a matrix product instead, which can decide otherwise where two centroids are within
 * rounding of the same distance (about {@code 1e-16} of the squared norms); elsewhere the two agree. The training
 * labels of a fit are {@code predict} of the training rows, as scikit-learn's {@code labels_} are, so
 * {@code predict} of a training row returns its label.
 *
 * <p><b>Training labels.</b> A model from {@link Birch#fit(Dataset)} has them ({@link #hasLabels()}); a snapshot of
 * a {@link BirchTree} does not keep the rows and has none (scikit-learn's {@code partial_fit} labels only the last
 * batch; call {@link #predict(Dataset)} on the rows wanted).
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files
 * store), and {@link #fromState(State)} rebuilds an equal model after checking every rule. The tree itself is not
 * part of the model: a model cannot take more rows (keep the {@link BirchTree} for that).
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query from
 * several threads. {@link #predict(Dataset)} uses the parallelism of the configuration that fitted the model
 * (1 after {@link #fromState(State)}); the labels do not depend on it.
 */
public final class BirchModel implements ClusterModel {

  /** Rows per chunk of {@link #predict(Dataset)}: fixed, so the chunks do not depend on the thread count. */
  private static final int CHUNK = 4096;

  private final int d;
  private final List<String> columnNames;
  private final boolean unnamed;
  private final double threshold;
  private final int branchingFactor;
  private final int requestedClusters;
  private final int m;
  private final double[] centroids;
  private final long[] counts;
  private final double[] linearSums;
  private final double[] squaredSums;
  private final int[] subclusterLabels;
  private final int clusters;
  private final int[] labels;
  private final int parallelism;
  /** The centroids' k-d tree: the nearest centroid exactly as a scan would find it, ties to the first. */
  private final KdTree index;

  BirchModel(int d, List<String> columnNames, double threshold, int branchingFactor, int requestedClusters,
      double[] centroids, long[] counts, double[] linearSums, double[] squaredSums, int[] subclusterLabels,
      int[] labels, int parallelism) {
    // Taken over, not copied: every caller passes arrays nothing else writes.
    this.d = d;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.threshold = threshold;
    this.branchingFactor = branchingFactor;
    this.requestedClusters = requestedClusters;
    this.m = counts.length;
    this.centroids = centroids;
    this.counts = counts;
    this.linearSums = linearSums;
    this.squaredSums = squaredSums;
    this.subclusterLabels = subclusterLabels;
    int max = -1;
    for (int l : subclusterLabels) {
      max = Math.max(max, l);
    }
    this.clusters = max + 1;
    this.labels = labels;
    this.parallelism = parallelism;
    this.index = KdTree.build(Dataset.wrap(centroids, m, d), Metric.EUCLIDEAN);
  }

  /**
   * The state: column names, the configuration's threshold, branching factor and requested clusters, the
   * subclusters' clustering features and centroids, their clusters and the training labels (empty for a snapshot).
   *
   * @return a new state value; {@code fromState(state())} predicts exactly as this model
   */
  public State state() {
    return new State(d, columnNames, threshold, branchingFactor, requestedClusters, centroids, counts, linearSums,
        squaredSums, subclusterLabels, labels);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code dimension >= 1}; one distinct, non-null column name
   * per dimension; a threshold {@code > 0} whose square is a finite normal double; a branching factor
   * {@code >= 2}; requested clusters {@code >= 0}; {@code m >= 1} subclusters, with {@code m * dimension} finite
   * centroid coordinates and linear sums, {@code m} counts {@code >= 1} summing to at most {@code 2^62}, {@code m}
   * finite squared sums {@code >= 0}; {@code m} subcluster labels numbering the clusters {@code 0..c-1} each used at
   * least once, where {@code c} is {@code min(requested, m)} (or {@code m} when none were requested); training labels
   * empty or each in {@code 0..c-1}.
   *
   * <p>Not checked, as the state holds no training rows: that the sums are those of the rows, the centroids their
   * means, the labels their nearest subclusters' clusters.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every prediction to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field, the
   *     index, the rule and the value)
   */
  public static BirchModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    try {
      Birch.checkThreshold(s.threshold);
      Birch.checkBranchingFactor(s.branchingFactor);
      Birch.checkClusters(s.requestedClusters);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    int m = s.counts.length;
    if (m < 1) {
      throw stateError("counts must hold at least one subcluster, got 0");
    }
    if ((long) m * d != s.centroids.length) {
      throw stateError("centroids must hold m * dimension = " + ((long) m * d) + " values (m = " + m
          + " subclusters), got " + s.centroids.length);
    }
    if ((long) m * d != s.linearSums.length) {
      throw stateError("linearSums must hold m * dimension = " + ((long) m * d) + " values (m = " + m
          + " subclusters), got " + s.linearSums.length);
    }
    if (s.squaredSums.length != m) {
      throw stateError("squaredSums must hold m = " + m + " values, got " + s.squaredSums.length);
    }
    if (s.subclusterLabels.length != m) {
      throw stateError("subclusterLabels must hold m = " + m + " values, got " + s.subclusterLabels.length);
    }
    finite(s.centroids, d, "centroids");
    finite(s.linearSums, d, "linearSums");
    long total = 0;
    for (int i = 0; i < m; i++) {
      if (s.counts[i] < 1) {
        throw stateError("counts[" + i + "] must be >= 1, got " + s.counts[i]);
      }
      if (s.counts[i] > (1L << 62) - total) {
        throw stateError("counts must sum to at most 2^62, got more at index " + i + " (" + s.counts[i] + ")");
      }
      total += s.counts[i];
      if (!(s.squaredSums[i] >= 0) || s.squaredSums[i] == Double.POSITIVE_INFINITY) {
        throw stateError("squaredSums[" + i + "] must be finite and >= 0, got " + s.squaredSums[i]);
      }
    }
    int c = s.requestedClusters == 0 ? m : Math.min(s.requestedClusters, m);
    boolean[] used = new boolean[c];
    for (int i = 0; i < m; i++) {
      int l = s.subclusterLabels[i];
      if (l < 0 || l >= c) {
        throw stateError("subclusterLabels[" + i + "] must be in 0.." + (c - 1) + " (" + c + " clusters), got " + l);
      }
      used[l] = true;
    }
    for (int j = 0; j < c; j++) {
      if (!used[j]) {
        throw stateError("subclusterLabels must use every cluster 0.." + (c - 1) + ", cluster " + j + " has none");
      }
    }
    int[] labels = s.labels;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= c) {
        throw stateError("labels[" + i + "] must be in 0.." + (c - 1) + " (" + c + " clusters), got " + labels[i]);
      }
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    return new BirchModel(d, names, s.threshold, s.branchingFactor, s.requestedClusters, s.centroids.clone(),
        s.counts.clone(), s.linearSums.clone(), s.squaredSums.clone(), s.subclusterLabels.clone(), labels.clone(), 1);
  }

  private static void finite(double[] a, int d, String name) {
    for (int t = 0; t < a.length; t++) {
      if (!Double.isFinite(a[t])) {
        throw stateError(name + " must be finite, got " + a[t] + " at subcluster " + (t / d) + ", coordinate "
            + (t % d));
      }
    }
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("BirchModel state: " + message);
  }

  /**
   * The number of clusters: the requested {@code k} of the global step, or fewer when the tree has fewer
   * subclusters (then each subcluster is a cluster); the number of subclusters without a global step.
   *
   * @return the number of clusters, at least 1
   */
  @Override
  public int clusterCount() {
    return clusters;
  }

  /** @return the number of clusters the configuration asked for, 0 for none (every subcluster a cluster) */
  public int requestedClusters() {
    return requestedClusters;
  }

  /** @return the number of leaf subclusters */
  public int subclusterCount() {
    return m;
  }

  /** @return the dimension of the data and the centroids */
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

  /** @return the radius threshold of the tree */
  public double threshold() {
    return threshold;
  }

  /** @return the branching factor of the tree */
  public int branchingFactor() {
    return branchingFactor;
  }

  /** @return the number of rows the tree took in, the sum of {@link #subclusterCounts()} */
  public long rows() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  /** @return a copy of the subclusters' centroids, {@link #subclusterCount()} rows of {@link #dimension()} values */
  public double[][] subclusterCentroids() {
    return ModelArrays.rows(centroids, m, d);
  }

  /** @return a copy of the subclusters' numbers of rows */
  public long[] subclusterCounts() {
    return counts.clone();
  }

  /** @return a copy of the subclusters' linear sums (the sums of their rows), one row per subcluster */
  public double[][] subclusterLinearSums() {
    return ModelArrays.rows(linearSums, m, d);
  }

  /** @return a copy of the subclusters' squared sums (the sums of their rows' squared norms) */
  public double[] subclusterSquaredSums() {
    return squaredSums.clone();
  }

  /**
   * The subclusters' radii as scikit-learn's {@code _CFSubcluster.radius} gives them, {@code sqrt(max(0, SS / n -
   * ||c||^2))}; the merge test of the tree used this formula, so each is at most the threshold up to the rounding
   * of the difference (see {@link Birch}).
   *
   * @return a new array, one radius per subcluster
   */
  public double[] subclusterRadii() {
    double[] out = new double[m];
    for (int i = 0; i < m; i++) {
      double sq = 0;
      for (int j = 0; j < d; j++) {
        sq = Math.fma(centroids[i * d + j], centroids[i * d + j], sq);
      }
      out[i] = Math.sqrt(Math.max(0, squaredSums[i] / counts[i] - sq));
    }
    return out;
  }

  /** @return a copy of the cluster of every subcluster, each in {@code 0..clusterCount()-1} */
  public int[] subclusterLabels() {
    return subclusterLabels.clone();
  }

  /**
   * The clusters' centroids: each the mean of the rows its subclusters took in, their linear sums added in
   * subcluster order and divided by their counts' sum.
   *
   * @return {@link #clusterCount()} new rows of {@link #dimension()} values
   */
  public double[][] clusterCentroids() {
    double[][] out = new double[clusters][d];
    long[] n = new long[clusters];
    for (int i = 0; i < m; i++) {
      int l = subclusterLabels[i];
      n[l] += counts[i];
      for (int j = 0; j < d; j++) {
        out[l][j] += linearSums[i * d + j];
      }
    }
    for (int l = 0; l < clusters; l++) {
      for (int j = 0; j < d; j++) {
        out[l][j] /= n[l];
      }
    }
    return out;
  }

  /** @return the number of rows each cluster's subclusters took in */
  public long[] clusterCounts() {
    long[] n = new long[clusters];
    for (int i = 0; i < m; i++) {
      n[subclusterLabels[i]] += counts[i];
    }
    return n;
  }

  /** @return whether the model has training labels (a fit has, a {@link BirchTree} snapshot has not) */
  public boolean hasLabels() {
    return labels.length > 0;
  }

  /**
   * @return a copy of the training labels of {@link Birch#fit(Dataset)}, in row order
   * @throws IllegalStateException if the model has none ({@link #hasLabels()}: a {@link BirchTree} snapshot)
   */
  public int[] labels() {
    if (labels.length == 0) {
      throw new IllegalStateException("the model has no training labels (a BirchTree snapshot keeps no rows);"
          + " use predict(Dataset) on the rows wanted");
    }
    return labels.clone();
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return the number of its nearest subcluster (by centroid; ties to the first)
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  public int nearestSubcluster(double[] point) {
    ModelPoints.check(point, d, "point");
    return nearest(point, new Neighbors(1));
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return the cluster of its nearest subcluster (see Predict above)
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  @Override
  public int predict(double[] point) {
    ModelPoints.check(point, d, "point");
    return subclusterLabels[nearest(point, new Neighbors(1))];
  }

  /**
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return the cluster of every row, as {@link #predict(double[])}
   * @throws IllegalArgumentException if {@code data} is null or of another dimension, or if its column names and the
   *     model's were both given and differ
   */
  @Override
  public int[] predict(Dataset data) {
    checkData(data);
    return label(DataAccess.values(data), data.size());
  }

  /** The same model with these training labels (taken over). */
  BirchModel withLabels(int[] trainingLabels) {
    return new BirchModel(d, columnNames, threshold, branchingFactor, requestedClusters, centroids, counts,
        linearSums, squaredSums, subclusterLabels, trainingLabels, parallelism);
  }

  /**
   * The training labels of a fit: {@link #label} exactly, found from each row's leaf subcluster ({@code seed},
   * numbers in this model's order) by {@link SeededNearest} where that applies.
   */
  int[] labelTraining(double[] x, int n, int[] seed) {
    if (!SeededNearest.applies(Scale.maxAbs(centroids, 0, centroids.length), Scale.maxAbs(x, 0, n * d))) {
      return label(x, n);
    }
    int[] out = SeededNearest.nearest(x, n, centroids, m, d, index, seed, parallelism);
    for (int i = 0; i < n; i++) {
      out[i] = subclusterLabels[out[i]];
    }
    return out;
  }

  int[] label(double[] x, int n) {
    int[] out = new int[n];
    int chunks = ChunkRunner.chunks(n, CHUNK);
    if (parallelism == 1 || chunks <= 1) {
      labelRows(x, 0, n, out);
      return out;
    }
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      runner.run(chunks, (int c) -> labelRows(x, c * CHUNK, (int) Math.min(n, (c + 1L) * CHUNK), out));
    }
    return out;
  }

  private void labelRows(double[] x, int from, int to, int[] out) {
    Neighbors buf = new Neighbors(1);
    double[] q = new double[d];
    for (int i = from; i < to; i++) {
      System.arraycopy(x, i * d, q, 0, d);
      out[i] = subclusterLabels[nearest(q, buf)];
    }
  }

  /** The nearest centroid by the squared Euclidean distance summed column by column, ties to the first. */
  private int nearest(double[] point, Neighbors buf) {
    index.knn(point, 1, buf);
    return buf.index(0);
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != d) {
      throw new IllegalArgumentException("data must have dimension " + d + " like the subcluster centroids, got "
          + data.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, data, "data");
  }

  /**
   * The state of a {@link BirchModel} as a plain value: the dimension, the names of the fitted columns, the
   * threshold, branching factor and requested clusters, the subclusters' centroids (row-major,
   * {@code m x dimension}), counts, linear sums (row-major) and squared sums, their clusters, and the training labels
   * (empty for a {@link BirchTree} snapshot).
   *
   * <p>The constructor only rejects null arguments and copies; {@link BirchModel#fromState} checks every other rule.
   * Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every field, numbers bit for
   * bit.
   */
  public static final class State {
    private final int dimension;
    private final List<String> columnNames;
    private final double threshold;
    private final int branchingFactor;
    private final int requestedClusters;
    private final double[] centroids;
    private final long[] counts;
    private final double[] linearSums;
    private final double[] squaredSums;
    private final int[] subclusterLabels;
    private final int[] labels;

    /**
     * @param dimension the dimension of the data and the centroids
     * @param columnNames the names of the fitted columns, one per dimension (copied; checked by {@code fromState})
     * @param threshold the radius threshold
     * @param branchingFactor the branching factor
     * @param requestedClusters the clusters of the global step, 0 for none
     * @param centroids the subclusters' centroids, row-major {@code m x dimension} (copied)
     * @param counts the subclusters' numbers of rows (copied)
     * @param linearSums the subclusters' linear sums, row-major {@code m x dimension} (copied)
     * @param squaredSums the subclusters' squared sums (copied)
     * @param subclusterLabels the cluster of every subcluster (copied)
     * @param labels the training labels, empty for none (copied)
     * @throws IllegalArgumentException if an array or the list is null
     */
    public State(int dimension, List<String> columnNames, double threshold, int branchingFactor,
        int requestedClusters, double[] centroids, long[] counts, double[] linearSums, double[] squaredSums,
        int[] subclusterLabels, int[] labels) {
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.threshold = threshold;
      this.branchingFactor = branchingFactor;
      this.requestedClusters = requestedClusters;
      this.centroids = nonNull(centroids, "centroids").clone();
      this.counts = nonNull(counts, "counts").clone();
      this.linearSums = nonNull(linearSums, "linearSums").clone();
      this.squaredSums = nonNull(squaredSums, "squaredSums").clone();
      this.subclusterLabels = nonNull(subclusterLabels, "subclusterLabels").clone();
      this.labels = nonNull(labels, "labels").clone();
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "BirchModel", name);
    }

    /** @return the dimension */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return the threshold */
    public double threshold() {
      return threshold;
    }

    /** @return the branching factor */
    public int branchingFactor() {
      return branchingFactor;
    }

    /** @return the requested clusters, 0 for none */
    public int requestedClusters() {
      return requestedClusters;
    }

    /** @return a copy of the centroids, row-major */
    public double[] centroids() {
      return centroids.clone();
    }

    /** @return a copy of the counts */
    public long[] counts() {
      return counts.clone();
    }

    /** @return a copy of the linear sums, row-major */
    public double[] linearSums() {
      return linearSums.clone();
    }

    /** @return a copy of the squared sums */
    public double[] squaredSums() {
      return squaredSums.clone();
    }

    /** @return a copy of the subclusters' clusters */
    public int[] subclusterLabels() {
      return subclusterLabels.clone();
    }

    /** @return a copy of the training labels (empty for none) */
    public int[] labels() {
      return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return dimension == s.dimension && FittedColumns.sameNames(columnNames, s.columnNames)
          && Double.compare(threshold, s.threshold) == 0 && branchingFactor == s.branchingFactor
          && requestedClusters == s.requestedClusters && Arrays.equals(centroids, s.centroids)
          && Arrays.equals(counts, s.counts) && Arrays.equals(linearSums, s.linearSums)
          && Arrays.equals(squaredSums, s.squaredSums) && Arrays.equals(subclusterLabels, s.subclusterLabels)
          && Arrays.equals(labels, s.labels);
    }

    @Override
    public int hashCode() {
      int h = dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Double.hashCode(threshold);
      h = 31 * h + branchingFactor;
      h = 31 * h + requestedClusters;
      h = 31 * h + Arrays.hashCode(centroids);
      h = 31 * h + Arrays.hashCode(counts);
      h = 31 * h + Arrays.hashCode(linearSums);
      h = 31 * h + Arrays.hashCode(squaredSums);
      h = 31 * h + Arrays.hashCode(subclusterLabels);
      return 31 * h + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
      return "BirchModel.State[d=" + dimension + ", subclusters=" + counts.length + ", threshold=" + threshold
          + ", branchingFactor=" + branchingFactor + ", requestedClusters=" + requestedClusters + ", labels="
          + labels.length + "]";
    }
  }

  @Override
  public String toString() {
    return "BirchModel[d=" + d + ", subclusters=" + m + ", clusters=" + clusters + ", rows=" + rows()
        + ", threshold=" + threshold + ", branchingFactor=" + branchingFactor + ", requestedClusters="
        + requestedClusters + "]";
  }
}
