package io.github.clusterkit.kmeans;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.internal.BisectTree;
import io.github.clusterkit.kmeans.internal.Dist;
import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link BisectingKMeans#fit(Dataset)}: {@code k} leaf clusters with their centroids, a label per fitted
 * row and the inertia, and the tree of splits they came from, so that the coarser clusterings of the same fit (the
 * nested segments) can be read and applied to new points.
 *
 * <p><b>The tree.</b> It has {@code 2k - 1} nodes. Node 0 is the root (every row); split {@code s} (from 0, in the
 * order the fit made them, {@link #splitNode(int)}) turned a leaf into the nodes {@code 2s + 1}, its left child (the
 * 2-means cluster 0) and {@code 2s + 2}, its right child (cluster 1). Each node has a centroid (the root's: the
 * weighted mean of all rows; a child's: its 2-means centroid), a size (rows, not weighted) and an inertia (the weighted
 * sum of squared distances of its rows to its centroid). The clustering with {@code m} clusters, {@code 1 <= m <= k},
 * is the one after the first {@code m - 1} splits: {@link #labelsAt(int)}, {@link #centroidsAt(int)},
 * {@link #inertiaAt(int)}, {@link #predictAt(double[], int)}. Each refines the one before: two rows in one cluster at
 * level {@code m + 1} are in one cluster at level {@code m}. The labels at every level number the leaves of that level
 * from 0 in depth-first, left-before-right order, as scikit-learn 1.2.1 numbers {@code labels_} (so {@code labelsAt(k)}
 * is {@link #labels()}); a label at one level is thus not the label of the same segment at another level.
 *
 * <p>Example (k = 3): the first split cuts the root into nodes 1 and 2, the second cuts node 1 into 3 and 4. The
 * leaves in depth-first order are 3, 4, 2, labelled 0, 1, 2; at level 2 the leaves are 1 and 2, labelled 0 and 1.
 *
 * <p><b>Prediction</b> descends the tree from the root to the child with the nearer centroid (the left one on ties),
 * as scikit-learn 1.2.1's {@code BisectingKMeans.predict} ({@code _predict_recursive}), so it agrees with the fit's
 * labels on the training rows (up to exact ties). It is not always the nearest leaf centroid: on one column, let the
 * first split give the centroids {@code 2} and {@code 10} and the second split the node at {@code 2} into leaves at
 * {@code 0} and {@code 4}. The point {@code 6.2} is nearer to {@code 10} than to {@code 2} (3.8 against 4.2), so it
 * descends to the leaf at {@code 10}, label 2, although the leaf at {@code 4}, label 1, is nearer (2.2). The descent
 * keeps the nesting: a point's label at level {@code m + 1} lies inside its label at level {@code m}. (Tested with
 * these numbers.)
 *
 * <p><b>Column names</b> as {@link KMeansModel}: {@link #predict(Dataset)} refuses a dataset whose names differ from
 * the fitted ones when both have names. Points and centroids of extreme magnitude are compared after the exact
 * power-of-two scaling the fit uses.
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files store),
 * and {@link #fromState(State)} rebuilds an equivalent model after checking every rule.
 *
 * <p><b>Thread-safety.</b> Immutable: arrays are copied on the way in and out; safe to share and to query from
 * several threads.
 */
public final class BisectingKMeansModel implements ClusterModel {

  private final int d;
  private final int k;
  private final List<String> columnNames;
  private final boolean unnamed;
  private final int[] splits;
  private final int[] splitStep;
  private final double[] centroids;
  private final int[] sizes;
  private final double[] inertias;
  private final int[] labels;
  private final int[] iterations;
  private final boolean[] converged;
  /** The leaves of the full tree in label order. */
  private final int[] leaves;
  /** Per node, its label at level k, or -1 for an inner node. */
  private final int[] nodeLabel;
  private final double inertia;
  private final double centroidsMax;

  /** Takes the arrays over (the callers pass fresh ones). */
  BisectingKMeansModel(int d, List<String> columnNames, int[] splits, double[] centroids, int[] sizes,
      double[] inertias, int[] labels, int[] iterations, boolean[] converged) {
    this.d = d;
    this.k = splits.length + 1;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
    this.splits = splits;
    this.splitStep = BisectTree.splitStep(splits);
    this.centroids = centroids;
    this.sizes = sizes;
    this.inertias = inertias;
    this.labels = labels;
    this.iterations = iterations;
    this.converged = converged;
    this.leaves = BisectTree.leavesAt(splitStep, k);
    int[] own = new int[2 * k - 1];
    Arrays.fill(own, -1);
    double sum = 0;
    for (int l = 0; l < k; l++) {
      own[leaves[l]] = l;
      sum += inertias[leaves[l]];
    }
    this.nodeLabel = own;
    this.inertia = sum;
    this.centroidsMax = Scale.maxAbs(centroids, 0, centroids.length);
  }

  /**
   * The fitted state: column names, the tree (splits, node centroids, sizes, inertias), the training labels and the
   * iterations and convergence of every split's kept 2-means run.
   *
   * @return a new state value; {@code fromState(state())} predicts exactly as this model
   */
  public State state() {
    return new State(d, columnNames, splits, centroids, sizes, inertias, labels, iterations, converged);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code dimension >= 1}; one distinct, non-null column name
   * per dimension; {@code splits} of length {@code k - 1 >= 0} where split {@code s} names a leaf of the tree made by
   * the splits before it (a node below {@code 2s + 1} not split yet); {@code (2k - 1) * dimension} finite centroid
   * coordinates; {@code 2k - 1} sizes, each at least 1, every split node's the sum of its children's; {@code 2k - 1}
   * inertias, each {@code >= 0} (or {@code +Infinity}); training labels, as many as the root's size, each in
   * {@code 0..k-1}, leaf {@code l} holding as many as its size; {@code k - 1} iteration counts {@code >= 0} and
   * convergence flags.
   *
   * <p>Not checked, as the state holds no training rows: that the centroids are the means of their rows, the labels
   * those the tree gives them and the inertias their sums of squared distances.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every prediction to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field, the
   *     index, the rule and the value)
   */
  public static BisectingKMeansModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    int[] splits = s.splits;
    int k = splits.length + 1;
    int nodes = 2 * k - 1;
    boolean[] split = new boolean[nodes];
    for (int t = 0; t < splits.length; t++) {
      int v = splits[t];
      if (v < 0 || v > 2 * t) {
        throw stateError("splits[" + t + "] must name a node in 0.." + (2 * t) + " (the tree after " + t
            + " splits), got " + v);
      }
      if (split[v]) {
        throw stateError("splits[" + t + "] must name a leaf, got node " + v + ", split before");
      }
      split[v] = true;
    }
    double[] c = s.centroids;
    if (c.length != (long) nodes * d) {
      throw stateError("centroids must hold (2k - 1) * dimension = " + ((long) nodes * d) + " values (k = " + k
          + ", dimension = " + d + "), got " + c.length);
    }
    for (int t = 0; t < c.length; t++) {
      if (!Double.isFinite(c[t])) {
        throw stateError("centroids must be finite, got " + c[t] + " at node " + (t / d) + ", coordinate "
            + (t % d));
      }
    }
    int[] sizes = s.sizes;
    if (sizes.length != nodes) {
      throw stateError("sizes must hold 2k - 1 = " + nodes + " values, got " + sizes.length);
    }
    for (int v = 0; v < nodes; v++) {
      if (sizes[v] < 1) {
        throw stateError("sizes[" + v + "] must be >= 1, got " + sizes[v]);
      }
    }
    for (int t = 0; t < splits.length; t++) {
      int v = splits[t];
      if ((long) sizes[2 * t + 1] + sizes[2 * t + 2] != sizes[v]) {
        throw stateError("sizes[" + v + "] must be the sum of its children's (nodes " + (2 * t + 1) + " and "
            + (2 * t + 2) + ": " + sizes[2 * t + 1] + " + " + sizes[2 * t + 2] + "), got " + sizes[v]);
      }
    }
    double[] in = s.inertias;
    if (in.length != nodes) {
      throw stateError("inertias must hold 2k - 1 = " + nodes + " values, got " + in.length);
    }
    for (int v = 0; v < nodes; v++) {
      if (!(in[v] >= 0)) {
        throw stateError("inertias[" + v + "] must be >= 0 (or +Infinity, beyond the double range), got " + in[v]);
      }
    }
    int[] labels = s.labels;
    if (labels.length != sizes[0]) {
      throw stateError("labels must hold one label per training row (the root's size, " + sizes[0] + "), got "
          + labels.length);
    }
    int[] count = new int[k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw stateError("labels[" + i + "] must be in 0.." + (k - 1) + " (k = " + k + "), got " + labels[i]);
      }
      count[labels[i]]++;
    }
    int[] leaves = BisectTree.leavesAt(BisectTree.splitStep(splits), k);
    for (int l = 0; l < k; l++) {
      if (count[l] != sizes[leaves[l]]) {
        throw stateError("labels must give leaf " + l + " (node " + leaves[l] + ") its size " + sizes[leaves[l]]
            + ", got " + count[l] + " rows");
      }
    }
    if (s.iterations.length != k - 1) {
      throw stateError("iterations must hold k - 1 = " + (k - 1) + " values, got " + s.iterations.length);
    }
    for (int t = 0; t < k - 1; t++) {
      if (s.iterations[t] < 0) {
        throw stateError("iterations[" + t + "] must be >= 0, got " + s.iterations[t]);
      }
    }
    if (s.converged.length != k - 1) {
      throw stateError("converged must hold k - 1 = " + (k - 1) + " values, got " + s.converged.length);
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    return new BisectingKMeansModel(d, names, splits.clone(), c.clone(), sizes.clone(), in.clone(), labels.clone(),
        s.iterations.clone(), s.converged.clone());
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("BisectingKMeansModel state: " + message);
  }

  /** @return the number of clusters {@code k} (leaves of the tree) */
  public int k() {
    return k;
  }

  /** @return {@code k} */
  @Override
  public int clusterCount() {
    return k;
  }

  /** @return the dimension of the data and the centroids */
  @Override
  public int dimension() {
    return d;
  }

  /**
   * The names of the columns the model was fitted on (placeholders {@code x0, x1, ...} when the data had none).
   *
   * @return an unmodifiable list of {@link #dimension()} names
   */
  @Override
  public List<String> columnNames() {
    return columnNames;
  }

  /** @return a copy of the leaf centroids, {@code k} rows in label order */
  public double[][] centroids() {
    return centroidsAt(k);
  }

  /** @return a copy of the labels of the fitted rows, in row order, each in {@code 0..k-1} */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of fitted rows of each leaf, in label order (not weighted) */
  public int[] clusterSizes() {
    return ModelArrays.clusterSizes(labels, k);
  }

  /**
   * The inertia: the weighted sum of squared distances of the rows to their leaf centroids, summed as the leaves'
   * inertias in label order ({@link #inertiaAt(int)} of {@code k}).
   *
   * @return the inertia, {@code +Infinity} beyond the double range
   */
  public double inertia() {
    return inertia;
  }

  /** @return whether every split's kept 2-means run converged */
  public boolean converged() {
    for (int t = 0; t < converged.length; t++) {
      if (!converged[t]) {
        return false;
      }
    }
    return true;
  }

  /** @return a copy of the iterations of every split's kept 2-means run, in split order ({@code k - 1} values) */
  public int[] splitIterations() {
    return iterations.clone();
  }

  /** @return the number of nodes of the tree, {@code 2k - 1} */
  public int nodeCount() {
    return 2 * k - 1;
  }

  /**
   * @param split a split, {@code 0 <= split < k - 1}, in the order the fit made them
   * @return the node it split (whose children are {@code 2 split + 1} and {@code 2 split + 2})
   * @throws IllegalArgumentException if {@code split} is out of range
   */
  public int splitNode(int split) {
    if (split < 0 || split >= k - 1) {
      throw new IllegalArgumentException("split must be in 0.." + (k - 2) + ", got " + split);
    }
    return splits[split];
  }

  /**
   * @param node a node
   * @return its parent, {@code -1} for the root
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public int parent(int node) {
    checkNode(node);
    return node == 0 ? -1 : splits[(node - 1) / 2];
  }

  /**
   * @param node a node
   * @return its left child (the 2-means cluster 0 of its split), {@code -1} for a leaf
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public int leftChild(int node) {
    checkNode(node);
    int s = splitStep[node];
    return s < 0 ? -1 : 2 * s + 1;
  }

  /**
   * @param node a node
   * @return its right child (the 2-means cluster 1 of its split), {@code -1} for a leaf
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public int rightChild(int node) {
    checkNode(node);
    int s = splitStep[node];
    return s < 0 ? -1 : 2 * s + 2;
  }

  /**
   * @param node a node
   * @return the split that split it, {@code -1} for a leaf
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public int splitOf(int node) {
    checkNode(node);
    return splitStep[node];
  }

  /**
   * @param node a node
   * @return a copy of its centroid
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public double[] nodeCentroid(int node) {
    checkNode(node);
    return Arrays.copyOfRange(centroids, node * d, node * d + d);
  }

  /**
   * @param node a node
   * @return its number of fitted rows (not weighted)
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public int nodeSize(int node) {
    checkNode(node);
    return sizes[node];
  }

  /**
   * @param node a node
   * @return the weighted sum of squared distances of its rows to its centroid
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public double nodeInertia(int node) {
    checkNode(node);
    return inertias[node];
  }

  /**
   * @param node a node
   * @return its label in {@link #labels()} if it is a leaf, else {@code -1}
   * @throws IllegalArgumentException if {@code node} is out of range
   */
  public int nodeLabel(int node) {
    checkNode(node);
    return nodeLabel[node];
  }

  /**
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return the leaf nodes of the clustering after {@code m - 1} splits, in label order
   * @throws IllegalArgumentException if {@code m} is out of range
   */
  public int[] leavesAt(int m) {
    checkLevel(m);
    return BisectTree.leavesAt(splitStep, m);
  }

  /**
   * The labels of the fitted rows in the clustering after {@code m - 1} splits (the fit with {@code k = m} and the
   * same settings gives them as its {@link #labels()}).
   *
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return a new array, one label in {@code 0..m-1} per fitted row
   * @throws IllegalArgumentException if {@code m} is out of range
   */
  public int[] labelsAt(int m) {
    checkLevel(m);
    int[] ofNode = BisectTree.labelsOfNodes(splitStep, m);
    int[] map = new int[k];
    for (int l = 0; l < k; l++) {
      map[l] = ofNode[leaves[l]];
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = map[labels[i]];
    }
    return out;
  }

  /**
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return copies of the centroids of the clustering after {@code m - 1} splits, {@code m} rows in label order
   * @throws IllegalArgumentException if {@code m} is out of range
   */
  public double[][] centroidsAt(int m) {
    int[] at = leavesAt(m);
    double[][] out = new double[m][];
    for (int l = 0; l < m; l++) {
      out[l] = Arrays.copyOfRange(centroids, at[l] * d, at[l] * d + d);
    }
    return out;
  }

  /**
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return the inertia of the clustering after {@code m - 1} splits: its leaves' inertias summed in label order
   * @throws IllegalArgumentException if {@code m} is out of range
   */
  public double inertiaAt(int m) {
    int[] at = leavesAt(m);
    double s = 0;
    for (int l = 0; l < m; l++) {
      s += inertias[at[l]];
    }
    return s;
  }

  /**
   * The leaf a point descends to from the root, taking at every split the child whose centroid is nearer (the left
   * one on ties), as scikit-learn 1.2.1's {@code BisectingKMeans.predict}. See the class Javadoc for why this is not
   * always the nearest leaf centroid.
   *
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return its label, in {@code 0..k-1}
   * @throws IllegalArgumentException if {@code point} is null, of the wrong length or not finite
   */
  @Override
  public int predict(double[] point) {
    return nodeLabel[descend(point, k)];
  }

  /**
   * {@link #predict(double[])} in the clustering after {@code m - 1} splits: the descent stops at that level's leaf.
   *
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return its label at that level, in {@code 0..m-1} (as {@link #labelsAt(int)} numbers them)
   * @throws IllegalArgumentException if {@code point} is invalid or {@code m} out of range
   */
  public int predictAt(double[] point, int m) {
    checkLevel(m);
    int node = descend(point, m);
    return BisectTree.labelsOfNodes(splitStep, m)[node];
  }

  /**
   * {@link #predictAt(double[], int)} of every row: a table of new customers at the level of {@code m} segments.
   *
   * @param data rows of {@link #dimension()} columns, whose names match the fitted ones when both have names
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return one label per row, in {@code 0..m-1} (as {@link #labelsAt(int)} numbers them)
   * @throws IllegalArgumentException if {@code data} is null, of another dimension or has other column names, or
   *     {@code m} is out of range
   */
  public int[] predictAt(Dataset data, int m) {
    checkLevel(m);
    checkData(data);
    return descendRows(data, BisectTree.labelsOfNodes(splitStep, m), m);
  }

  /**
   * {@link #predict(double[])} of every row.
   *
   * @param data rows of {@link #dimension()} columns, whose names match the fitted ones when both have names
   * @return one label per row
   * @throws IllegalArgumentException if {@code data} is null, of another dimension or has other column names
   */
  @Override
  public int[] predict(Dataset data) {
    checkData(data);
    return descendRows(data, nodeLabel, k);
  }

  /** Every row of checked data walked down to its level-{@code m} leaf, read through {@code labelOf}. */
  private int[] descendRows(Dataset data, int[] labelOf, int m) {
    int n = data.size();
    int[] out = new int[n];
    double[] x = DataAccess.values(data);
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * d, row, 0, d);
      out[i] = labelOf[descendChecked(row, m)];
    }
    return out;
  }

  /**
   * The Euclidean distances from a point to the leaf centroids, in label order, as scikit-learn's
   * {@code BisectingKMeans.transform} ({@link KMeansModel#transform(double[])} likewise). The smallest is not always
   * that of {@link #predict(double[])}'s label, which follows the tree (see the class Javadoc).
   *
   * @param point a point of length {@link #dimension()}, finite (not modified)
   * @return {@code k} distances, infinite only when one exceeds the double range
   * @throws IllegalArgumentException if {@code point} is null, of the wrong length or not finite
   */
  public double[] transform(double[] point) {
    check(point);
    double[] p = point;
    double[] c = centroids;
    int e = Scale.exponent(Math.max(centroidsMax, Scale.maxAbs(point, 0, d)));
    if (e != 0) {
      p = Scale.down(point, e);
      c = Scale.down(centroids, e);
    }
    double[] out = new double[k];
    for (int l = 0; l < k; l++) {
      // sqrt(4^e v) == 2^e sqrt(v) exactly.
      out[l] = Math.scalb(Math.sqrt(Dist.sq(p, 0, c, leaves[l] * d, d)), e);
    }
    return out;
  }

  private int descend(double[] point, int m) {
    check(point);
    return descendChecked(point, m);
  }

  /** The leaf at level {@code m} a valid point descends to. */
  private int descendChecked(double[] point, int m) {
    double[] p = point;
    double[] c = centroids;
    int e = Scale.exponent(Math.max(centroidsMax, Scale.maxAbs(point, 0, d)));
    if (e != 0) {
      p = Scale.down(point, e);
      c = Scale.down(centroids, e);
    }
    int node = 0;
    int s;
    while ((s = splitStep[node]) >= 0 && s < m - 1) {
      int left = 2 * s + 1;
      int right = left + 1;
      node = Dist.sq(p, 0, c, right * d, d) < Dist.sq(p, 0, c, left * d, d) ? right : left;
    }
    return node;
  }

  private void checkNode(int node) {
    if (node < 0 || node >= 2 * k - 1) {
      throw new IllegalArgumentException("node must be in 0.." + (2 * k - 2) + ", got " + node);
    }
  }

  private void checkLevel(int m) {
    if (m < 1 || m > k) {
      throw new IllegalArgumentException("m must be in 1.." + k + " (k), got " + m);
    }
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
   * The fitted state of a {@link BisectingKMeansModel} as a plain value: the dimension, the names of the fitted
   * columns, the splits (the node each split split, {@code k - 1} values), the node centroids (row-major,
   * {@code (2k - 1) x dimension}), sizes and inertias, the training labels and, per split, the iterations and
   * convergence of its kept 2-means run.
   *
   * <p>The constructor only rejects null arguments and copies; {@link BisectingKMeansModel#fromState} checks every
   * other rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)} compares every field,
   * numbers bit for bit.
   */
  public static final class State {
    private final int dimension;
    private final List<String> columnNames;
    private final int[] splits;
    private final double[] centroids;
    private final int[] sizes;
    private final double[] inertias;
    private final int[] labels;
    private final int[] iterations;
    private final boolean[] converged;

    /**
     * @param dimension the dimension of the data and the centroids
     * @param columnNames the names of the fitted columns, one per dimension (copied; checked by {@code fromState})
     * @param splits the node split by each split, in order (copied)
     * @param centroids the node centroids, row-major {@code (2k - 1) x dimension} (copied)
     * @param sizes the rows of every node (copied)
     * @param inertias the inertia of every node (copied)
     * @param labels the label of every training row (copied)
     * @param iterations the iterations of every split's kept run (copied)
     * @param converged whether every split's kept run converged (copied)
     * @throws IllegalArgumentException if {@code columnNames} or an array is null
     */
    public State(int dimension, List<String> columnNames, int[] splits, double[] centroids, int[] sizes,
        double[] inertias, int[] labels, int[] iterations, boolean[] converged) {
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.splits = nonNull(splits, "splits").clone();
      this.centroids = nonNull(centroids, "centroids").clone();
      this.sizes = nonNull(sizes, "sizes").clone();
      this.inertias = nonNull(inertias, "inertias").clone();
      this.labels = nonNull(labels, "labels").clone();
      this.iterations = nonNull(iterations, "iterations").clone();
      this.converged = nonNull(converged, "converged").clone();
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "BisectingKMeansModel", name);
    }

    /** @return the dimension */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable; may hold nulls if given so) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return a copy of the split nodes */
    public int[] splits() {
      return splits.clone();
    }

    /** @return a copy of the node centroids, row-major */
    public double[] centroids() {
      return centroids.clone();
    }

    /** @return a copy of the node sizes */
    public int[] sizes() {
      return sizes.clone();
    }

    /** @return a copy of the node inertias */
    public double[] inertias() {
      return inertias.clone();
    }

    /** @return a copy of the training labels */
    public int[] labels() {
      return labels.clone();
    }

    /** @return a copy of the iterations per split */
    public int[] iterations() {
      return iterations.clone();
    }

    /** @return a copy of the convergence flags per split */
    public boolean[] converged() {
      return converged.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return dimension == s.dimension && FittedColumns.sameNames(columnNames, s.columnNames)
          && Arrays.equals(splits, s.splits) && Arrays.equals(centroids, s.centroids) && Arrays.equals(sizes, s.sizes)
          && Arrays.equals(inertias, s.inertias) && Arrays.equals(labels, s.labels)
          && Arrays.equals(iterations, s.iterations) && Arrays.equals(converged, s.converged);
    }

    @Override
    public int hashCode() {
      int h = dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Arrays.hashCode(splits);
      h = 31 * h + Arrays.hashCode(centroids);
      h = 31 * h + Arrays.hashCode(sizes);
      h = 31 * h + Arrays.hashCode(inertias);
      h = 31 * h + Arrays.hashCode(labels);
      h = 31 * h + Arrays.hashCode(iterations);
      return 31 * h + Arrays.hashCode(converged);
    }

    @Override
    public String toString() {
      return "BisectingKMeansModel.State[k=" + (splits.length + 1) + ", d=" + dimension + ", n=" + labels.length
          + "]";
    }
  }

  @Override
  public String toString() {
    return "BisectingKMeansModel[k=" + k + ", d=" + d + ", n=" + labels.length + ", sizes="
        + Arrays.toString(clusterSizes()) + ", inertia=" + inertia + "]";
  }
}
