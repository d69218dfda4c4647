package io.github.clusterkit.outlier;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.ModelPoints;
import io.github.clusterkit.outlier.internal.Forest;
import io.github.clusterkit.outlier.internal.LofKernel;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The result of {@link IsolationForest#fit(Dataset)}: the trees, the anomaly score of every training row and the
 * threshold above which a point is an outlier. See {@link IsolationForest} for the algorithm and its correspondence
 * with scikit-learn ({@link #scores()} is {@code -score_samples(X)}, {@link #threshold()} is {@code -offset_}).
 *
 * <p><b>Scores.</b> {@link #score(double[])} and {@link #score(Dataset)} compute a point's score with the same
 * arithmetic as the training scores, so {@code score(row i) == scores()[i]} exactly. A point with every value at or
 * beyond the training data's column maxima follows the right branch at every split (thresholds lie below the largest
 * value of their node's rows) and gets the score of the point made of the column maxima; likewise at or below the
 * column minima (a value equal to a threshold goes left). Such a far point is <em>not</em> always scored above every
 * training row: a row isolated at the first split can be scored higher than the far point, whose leaf may hold many
 * rows (tested).
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} holding the trees in
 * scikit-learn's encoding of {@code tree_} ({@code feature}, {@code threshold}, {@code children_left},
 * {@code children_right}, {@code n_node_samples}, concatenated), and {@link #fromState(State)} rebuilds an equal model
 * after checking every rule (so corrupted trees, with children out of range, cycles, non-finite thresholds, sizes
 * that do not add up, are refused). A state built from a scikit-learn forest's trees scores as that forest does.
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query from
 * several threads. {@link #score(Dataset)} uses the parallelism of the configuration that fitted the model (1 after
 * {@link #fromState(State)}); the scores do not depend on it.
 */
public final class IsolationForestModel implements OutlierModel {

  private final int d;
  private final List<String> columnNames;
  private final boolean unnamed;
  private final double contamination;
  private final double threshold;
  private final Forest forest;
  private final double[] scores;
  private final int parallelism;

  IsolationForestModel(int d, List<String> columnNames, double contamination, double threshold, Forest forest,
      double[] scores, int parallelism) {
    // taken over: every caller passes arrays nothing else writes
    this.d = d;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.contamination = contamination;
    this.threshold = threshold;
    this.forest = forest;
    this.scores = scores;
    this.parallelism = parallelism;
  }

  /**
   * The threshold on the scores: 0.5 for the automatic contamination ({@code contamination == 0}), else scikit-learn's
   * {@code -np.percentile(-scores, 100 c)} with numpy 1.24's linear interpolation, arithmetic included.
   */
  static double thresholdOf(double[] scores, double contamination) {
    if (contamination == 0) {
      return 0.5;
    }
    return LofKernel.contaminationThreshold(scores, contamination);
  }

  /**
   * The state: dimension, column names, sample size, contamination, threshold, the trees and the training scores.
   *
   * @return a new state value; {@code fromState(state())} scores exactly as this model
   */
  public State state() {
    return new State(d, columnNames, forest.sampleSize(), contamination(), threshold, forest.starts(), forest.feature(),
        forest.threshold(), forest.left(), forest.right(), forest.size(), scores);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code dimension >= 1}; one distinct, non-null column name
   * per dimension; {@code sampleSize} in {@code [1, 2^29]}; contamination 0 (automatic) or in {@code (0, 0.5]}; the
   * trees as {@link Forest}'s rules say (at least one tree; tree boundaries from 0, increasing, to the number of
   * nodes; an inner node's feature in {@code [0, dimension)}, its threshold finite, its two children distinct, later
   * in the same tree and with no other parent, so no cycle and no node out of reach; a leaf with both children -1,
   * feature -2 and threshold -2.0; sizes {@code >= 1}, the root's {@code sampleSize}, a node's the sum of its
   * children's; depth at most {@code ceil(log2(max(sampleSize, 2)))}); scores empty or each in {@code (0, 1]}; the
   * threshold 0.5 for the automatic contamination, else in {@code (0, 1]} and, when there are scores, exactly the
   * one they give.
   *
   * <p>Not checked, as the state holds no training rows: that the scores are those of the training rows, that a
   * threshold lies within the range of its node's rows.
   *
   * @param state the state, e.g. from {@link #state()}, a model file or a scikit-learn forest's trees
   * @return a model equal in every attribute and every score to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field, the
   *     tree and node, the rule and the value)
   */
  public static IsolationForestModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    if (s.sampleSize < 1 || s.sampleSize > IsolationForest.MAX_SAMPLE_SIZE) {
      throw stateError("sampleSize must be in [1, " + IsolationForest.MAX_SAMPLE_SIZE + "], got " + s.sampleSize);
    }
    if (!s.auto && !(s.contamination > 0 && s.contamination <= 0.5)) {
      throw stateError("contamination must be empty (auto) or in (0, 0.5], got " + s.contamination);
    }
    if (s.treeStarts.length - 1 > IsolationForest.MAX_TREES) {
      throw stateError("trees must be at most " + IsolationForest.MAX_TREES + ", got " + (s.treeStarts.length - 1));
    }
    String bad = Forest.check(d, s.sampleSize, s.treeStarts, s.feature, s.thresholds, s.left, s.right, s.size);
    if (bad != null) {
      throw stateError(bad);
    }
    for (int i = 0; i < s.scores.length; i++) {
      if (!(s.scores[i] > 0 && s.scores[i] <= 1)) {
        throw stateError("scores must be in (0, 1], got " + s.scores[i] + " at index " + i);
      }
    }
    if (s.contamination == 0) {
      if (s.threshold != 0.5) {
        throw stateError("threshold must be 0.5 with the automatic contamination, got " + s.threshold);
      }
    } else if (!(s.threshold > 0 && s.threshold <= 1)) {
      throw stateError("threshold must be in (0, 1], got " + s.threshold);
    } else if (s.scores.length > 0) {
      double want = thresholdOf(s.scores, s.contamination);
      if (Double.compare(want, s.threshold) != 0) {
        throw stateError("threshold must be the one the scores and the contamination give, " + want + ", got "
            + s.threshold);
      }
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    Forest forest = new Forest(d, s.sampleSize, s.treeStarts.clone(), s.feature.clone(), s.thresholds.clone(),
        s.left.clone(), s.right.clone(), s.size.clone());
    return new IsolationForestModel(d, names, s.contamination, s.threshold, forest, s.scores.clone(), 1);
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("IsolationForestModel state: " + message);
  }

  /** @return the dimension of the data */
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

  /** @return the number of trees */
  public int trees() {
    return forest.trees();
  }

  /** @return the rows of each tree's subsample, after clamping to the training rows */
  public int sampleSize() {
    return forest.sampleSize();
  }

  /** @return the contamination, empty for the automatic threshold 0.5 */
  @Override
  public OptionalDouble contamination() {
    return contamination == 0 ? OptionalDouble.empty() : OptionalDouble.of(contamination);
  }

  /** @return the score above which a point is an outlier: scikit-learn's {@code -offset_} */
  @Override
  public double threshold() {
    return threshold;
  }

  /** @return whether the model has the training rows' scores (a fit has; a state may have none) */
  public boolean hasScores() {
    return scores.length > 0;
  }

  /**
   * @return a copy of the anomaly scores of the training rows, in row order, each in {@code (0, 1]}
   *     (scikit-learn's {@code -score_samples(X)})
   * @throws IllegalStateException if the model has none ({@link #hasScores()})
   */
  @Override
  public double[] scores() {
    requireScores();
    return scores.clone();
  }

  /**
   * @return the indices of the training rows whose score is above {@link #threshold()}, increasing (the rows
   *     scikit-learn's {@code predict(X)} marks -1)
   * @throws IllegalStateException if the model has no training scores ({@link #hasScores()})
   */
  @Override
  public int[] outliers() {
    requireScores();
    int count = 0;
    for (double s : scores) {
      if (s > threshold) {
        count++;
      }
    }
    int[] out = new int[count];
    for (int i = 0, k = 0; i < scores.length; i++) {
      if (scores[i] > threshold) {
        out[k++] = i;
      }
    }
    return out;
  }

  private void requireScores() {
    if (scores.length == 0) {
      throw new IllegalStateException("the model has no training scores (its state held none);"
          + " use score(Dataset) on the rows wanted");
    }
  }

  /**
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return its anomaly score in {@code (0, 1]}
   * @throws IllegalArgumentException if the point is null, of the wrong length or not finite
   */
  @Override
  public double score(double[] point) {
    ModelPoints.check(point, d, "point");
    return forest.score(point, 0);
  }

  /**
   * @param data points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return the score of every row, as {@link #score(double[])}
   * @throws IllegalArgumentException if {@code data} is null or of another dimension, or if its column names and the
   *     model's were both given and differ
   */
  @Override
  public double[] score(Dataset data) {
    checkData(data);
    return forest.score(DataAccess.values(data), data.size(), parallelism);
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.dimension() != d) {
      throw new IllegalArgumentException("data must have dimension " + d + " (the training data's), got "
          + data.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, data, "data");
  }

  /**
   * The state of an {@link IsolationForestModel} as a plain value: the dimension, the names of the fitted columns,
   * the sample size, the contamination (0 for automatic), the threshold, the trees concatenated in scikit-learn's
   * encoding ({@code treeStarts}: tree {@code t} is nodes {@code treeStarts[t] .. treeStarts[t+1]-1}; per node
   * {@code feature}, {@code threshold}, {@code left}, {@code right} (indices within the tree; -1, with feature -2
   * and threshold -2.0, for a leaf) and {@code size}), and the training scores (may be empty).
   *
   * <p>The constructor only rejects null arguments and copies; {@link IsolationForestModel#fromState} checks every
   * other rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every field,
   * numbers bit for bit.
   */
  public static final class State {
    private final int dimension;
    private final List<String> columnNames;
    private final int sampleSize;
    /** Whether the threshold is the automatic one (contamination "auto"). */
    private final boolean auto;
    /** The contamination share; 0 when {@link #auto}. */
    private final double contamination;
    private final double threshold;
    private final int[] treeStarts;
    private final int[] feature;
    private final double[] thresholds;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    private final double[] scores;

    /**
     * @param dimension the dimension of the data
     * @param columnNames the names of the fitted columns, one per dimension (copied; checked by {@code fromState})
     * @param sampleSize the rows of each tree's subsample
     * @param contamination the contamination share, empty for the automatic threshold (0.5)
     * @param threshold the score threshold
     * @param treeStarts tree boundaries, trees + 1 values (copied)
     * @param feature per node (copied)
     * @param thresholds per node, the split thresholds (copied)
     * @param left per node (copied)
     * @param right per node (copied)
     * @param size per node (copied)
     * @param scores the training scores, empty for none (copied)
     * @throws IllegalArgumentException if an array, the list or {@code contamination} is null
     */
    public State(int dimension, List<String> columnNames, int sampleSize, OptionalDouble contamination,
        double threshold, int[] treeStarts, int[] feature, double[] thresholds, int[] left, int[] right, int[] size,
        double[] scores) {
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.sampleSize = sampleSize;
      this.auto = nonNull(contamination, "contamination").isEmpty();
      this.contamination = auto ? 0 : contamination.getAsDouble();
      this.threshold = threshold;
      this.treeStarts = nonNull(treeStarts, "treeStarts").clone();
      this.feature = nonNull(feature, "feature").clone();
      this.thresholds = nonNull(thresholds, "thresholds").clone();
      this.left = nonNull(left, "left").clone();
      this.right = nonNull(right, "right").clone();
      this.size = nonNull(size, "size").clone();
      this.scores = nonNull(scores, "scores").clone();
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "IsolationForestModel", name);
    }

    /** @return the dimension */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return the sample size */
    public int sampleSize() {
      return sampleSize;
    }

    /** @return the contamination share; empty for the automatic threshold */
    public OptionalDouble contamination() {
      return auto ? OptionalDouble.empty() : OptionalDouble.of(contamination);
    }

    /** @return the score threshold */
    public double threshold() {
      return threshold;
    }

    /** @return a copy of the tree boundaries */
    public int[] treeStarts() {
      return treeStarts.clone();
    }

    /** @return a copy of the nodes' features */
    public int[] feature() {
      return feature.clone();
    }

    /** @return a copy of the nodes' split thresholds */
    public double[] thresholds() {
      return thresholds.clone();
    }

    /** @return a copy of the left children */
    public int[] left() {
      return left.clone();
    }

    /** @return a copy of the right children */
    public int[] right() {
      return right.clone();
    }

    /** @return a copy of the node sizes */
    public int[] size() {
      return size.clone();
    }

    /** @return a copy of the training scores (empty for none) */
    public double[] scores() {
      return scores.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return dimension == s.dimension && FittedColumns.sameNames(columnNames, s.columnNames)
          && sampleSize == s.sampleSize && auto == s.auto && Double.compare(contamination, s.contamination) == 0
          && Double.compare(threshold, s.threshold) == 0 && Arrays.equals(treeStarts, s.treeStarts)
          && Arrays.equals(feature, s.feature) && Arrays.equals(thresholds, s.thresholds)
          && Arrays.equals(left, s.left) && Arrays.equals(right, s.right) && Arrays.equals(size, s.size)
          && Arrays.equals(scores, s.scores);
    }

    @Override
    public int hashCode() {
      int h = dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + sampleSize;
      h = 31 * h + Boolean.hashCode(auto);
      h = 31 * h + Double.hashCode(contamination);
      h = 31 * h + Double.hashCode(threshold);
      h = 31 * h + Arrays.hashCode(treeStarts);
      h = 31 * h + Arrays.hashCode(feature);
      h = 31 * h + Arrays.hashCode(thresholds);
      h = 31 * h + Arrays.hashCode(left);
      h = 31 * h + Arrays.hashCode(right);
      h = 31 * h + Arrays.hashCode(size);
      return 31 * h + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
      return "IsolationForestModel.State[d=" + dimension + ", trees=" + Math.max(0, treeStarts.length - 1)
          + ", nodes=" + feature.length + ", sampleSize=" + sampleSize + ", contamination="
          + (auto ? "auto" : contamination) + ", threshold=" + threshold + ", scores=" + scores.length
          + "]";
    }
  }

  @Override
  public String toString() {
    return "IsolationForestModel[d=" + d + ", trees=" + forest.trees() + ", sampleSize=" + forest.sampleSize()
        + ", contamination=" + (contamination == 0 ? "auto" : contamination) + ", threshold=" + threshold
        + ", rows=" + scores.length + "]";
  }
}
