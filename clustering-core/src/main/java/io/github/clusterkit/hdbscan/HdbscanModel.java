package io.github.clusterkit.hdbscan;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hdbscan.internal.CondensedTree;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.ModelPoints;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Hdbscan#fit(io.github.clusterkit.data.Dataset)}: per training row its label, membership
 * strength, GLOSH outlier score and core distance.
 *
 * <p><b>Labels.</b> {@code -1} is noise; clusters are numbered {@code 0 .. clusterCount()-1} in increasing order of
 * the smallest row index they contain (the cluster of row 0, unless it is noise, is cluster 0). scikit-learn numbers
 * them by their place in its condensed tree instead: compare partitions (adjusted Rand index), not label numbers.
 *
 * <p><b>Probabilities</b> ({@link #probabilities()}, scikit-learn's {@code probabilities_}): for a row of cluster C,
 * the lambda (1 / radius) at which the row left C or the cluster inside C it was in, capped at C's last lambda (where
 * C split or ended), divided by that last lambda: 1 for rows that stayed to the end, near 0 for rows on C's fringe;
 * 0 for noise. Rows at an infinite lambda get 1: those of a group of identical rows that stays in the cluster down to
 * radius 0, which takes at least {@code max(minSamples, minClusterSize)} copies (a smaller group of copies, core
 * distance 0 or not, leaves its cluster at a finite lambda, when it parts from the rest).
 *
 * <p><b>Outlier scores</b> ({@link #outlierScores()}, GLOSH, Campello et al. 2015, doi:10.1145/2733381, as the
 * {@code hdbscan} package's {@code outlier_scores_}, whose {@code min_samples = m} is {@code minSamples(m + 1)} here:
 * that package does not count the row itself): for every row, noise or not, {@code 1 - epsMin / eps} where eps
 * is the radius at which the row left its cluster and epsMin the smallest radius at which that cluster or any
 * cluster inside it still has rows; 0 for a row as dense as its densest neighbourhood, towards 1 for a row far from
 * it. A row that leaves at radius 0 (in such a group of at least {@code max(minSamples, minClusterSize)} copies)
 * scores 0; a row that leaves a cluster holding such a group at a radius above 0 scores 1 (the {@code hdbscan}
 * package's quotient is NaN there).
 *
 * <p><b>Equality.</b> Two models are equal when their settings (the parallelism aside, which changes nothing), shape,
 * column names (given names, or the placeholders of data without names, which are not equal to given names
 * {@code x0, x1, ...}), training rows and every per-row output are equal.
 *
 * <p><b>Thread-safety.</b> Immutable; every array returned is a fresh copy.
 */
public final class HdbscanModel implements ClusterModel {

  private final Hdbscan config;
  private final int n;
  private final int d;
  private final List<String> columnNames;
  private final int[] labels;
  private final double[] probabilities;
  private final double[] outlierScores;
  private final double[] coreDistances;
  private final int clusterCount;
  private final int noiseCount;
  // what dbscanLabels needs: the spanning tree's edges and their mutual reachability distances (the data's units)
  private final int[] edgeFrom;
  private final int[] edgeTo;
  private final double[] edgeWeight;
  /** The power of two the training rows were divided by for the search ({@code Scale}); 0 for none. */
  private final int scale;
  /**
   * The power of two by which the scaled rows' weights were multiplied before their lambdas were taken (0 but for
   * subnormal Manhattan or Chebyshev gaps, {@code Hdbscan.lambdaShift}).
   */
  private final int lambdaShift;
  /** The condensed tree, for placing new points (its lambdas are those of the scaled rows' weights times 2^shift). */
  private final CondensedTree tree;
  /** The training rows scaled by 2^-scale, row-major (a copy: the model keeps no reference to the caller's data). */
  private final double[] rows;
  /** The core distances of the scaled rows, as the fit computed them (the same array when the rows are unscaled). */
  private final double[] scaledCore;
  private final boolean unnamed;
  /** The k-d tree of the scaled training rows, built on first use. */
  private volatile KdTree index;

  HdbscanModel(Hdbscan config, int n, int d, List<String> columnNames, CondensedTree tree, double[] coreDistances,
      double[] scaledCore, int[] edgeFrom, int[] edgeTo, double[] edgeWeight, double[] rows, int scale,
      int lambdaShift) {
    this.config = config;
    this.n = n;
    this.d = d;
    // FittedColumns.copy keeps the placeholders of data without names as such (List.copyOf made them given names
    // "x0", "x1", ..., so a model saved and loaded again refused data named otherwise)
    this.columnNames = FittedColumns.copy(columnNames);
    this.labels = tree.labels;
    this.probabilities = tree.probabilities;
    this.outlierScores = tree.outlierScores;
    this.coreDistances = coreDistances;
    this.clusterCount = tree.clusterCount;
    this.edgeFrom = edgeFrom;
    this.edgeTo = edgeTo;
    this.edgeWeight = edgeWeight;
    this.scale = scale;
    this.lambdaShift = lambdaShift;
    this.tree = tree;
    this.rows = rows;
    this.scaledCore = scaledCore;
    this.unnamed = FittedColumns.areDefault(columnNames);
    int noise = 0;
    for (int l : labels) {
      if (l < 0) {
        noise++;
      }
    }
    this.noiseCount = noise;
  }

  /** The condensed tree, for tests in this package. */
  CondensedTree internalTree() {
    return tree;
  }

  /** @return the configuration that produced this model */
  public Hdbscan config() {
    return config;
  }

  /** @return the number of training rows */
  public int size() {
    return n;
  }

  /** @return the number of columns */
  @Override
  public int dimension() {
    return d;
  }

  /** @return the training data's column names ({@code x0, x1, ...} when it had none), unmodifiable */
  @Override
  public List<String> columnNames() {
    return columnNames;
  }

  /** @return the number of clusters selected (noise not counted) */
  @Override
  public int clusterCount() {
    return clusterCount;
  }

  /** @return the number of rows labelled noise */
  public int noiseCount() {
    return noiseCount;
  }

  /** @return per training row its cluster in {@code [0, clusterCount())} or {@code -1} for noise (a copy) */
  public int[] labels() {
    return labels.clone();
  }

  /** @return per training row its membership strength in {@code [0, 1]}, 0 for noise (a copy) */
  public double[] probabilities() {
    return probabilities.clone();
  }

  /** @return per training row its GLOSH outlier score in {@code [0, 1]} (a copy) */
  public double[] outlierScores() {
    return outlierScores.clone();
  }

  /** @return per training row the distance to its {@code minSamples}-th nearest row, itself counted (a copy) */
  public double[] coreDistances() {
    return coreDistances.clone();
  }

  /**
   * @param label a cluster in {@code [0, clusterCount())}
   * @return the number of rows with that label
   * @throws IllegalArgumentException if {@code label} is out of range
   */
  public int clusterSize(int label) {
    if (label < 0 || label >= clusterCount) {
      throw new IllegalArgumentException(
          "label must be in [0, " + clusterCount + ") (the clusters), got " + label);
    }
    int count = 0;
    for (int l : labels) {
      if (l == label) {
        count++;
      }
    }
    return count;
  }

  /**
   * The DBSCAN* clustering at radius {@code eps} read off the fitted hierarchy, without a new fit: a row is core
   * when its core distance is {@code <= eps}, two core rows within {@code eps} are in one cluster, and every other
   * row is noise. (scikit-learn's {@code HDBSCAN.dbscan_clustering(cut_distance, min_cluster_size)} cuts at mutual
   * reachability {@code < cut_distance} and makes every component of fewer than {@code min_cluster_size} rows noise,
   * so a non-core row there is noise only through that filter, and a core row alone is noise too; here the radius is
   * inclusive and a lone core row is a cluster of one.) The labels are those of
   * {@code Dbscan.eps(eps).minPts(minSamples).borderPointsAsNoise(true).metric(metric)} on the same data (clusters
   * numbered by their first row, {@code -1} noise; a cluster may have a single row), up to one rounding: distances
   * here are compared with eps as distances, where DBSCAN compares squared distances with eps squared, so a pair
   * whose distance rounds to eps exactly while its square lies one unit in the last place above eps squared is
   * within eps here only. Time O(n log n) at worst per call (a union-find over the tree's edges).
   *
   * @param eps the radius, {@code > 0} and finite
   * @return per training row its DBSCAN* label (a new array)
   * @throws IllegalArgumentException if {@code eps} is not {@code > 0} and finite
   */
  public int[] dbscanLabels(double eps) {
    if (!(eps > 0) || eps == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("eps must be > 0 and finite, got " + eps);
    }
    int[] uf = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
    }
    for (int i = 0; i < edgeFrom.length; i++) {
      if (edgeWeight[i] <= eps) {
        int a = find(uf, edgeFrom[i]);
        int b = find(uf, edgeTo[i]);
        if (a != b) {
          // the smaller row stays the root, so a component's root is its first row
          if (a < b) {
            uf[b] = a;
          } else {
            uf[a] = b;
          }
        }
      }
    }
    int[] out = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (!(coreDistances[i] <= eps)) {
        out[i] = -1;
      } else {
        int root = find(uf, i);
        out[i] = root == i ? count++ : out[root];
      }
    }
    return out;
  }

  private static int find(int[] uf, int x) {
    while (uf[x] != x) {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
    return x;
  }

  /**
   * The membership of a new point, as HDBSCAN* would see it beside the training rows without changing them: the
   * point's core distance is the distance to its {@code minSamples}-th nearest training row (as if the point were one
   * more copy of a training row); the row {@code q} through which it joins is the training row of smallest mutual
   * reachability to it (ties: the nearest, then the smallest row index), searched exactly; the point would join the
   * hierarchy through {@code q} at that mutual reachability, so it leaves the condensed tree with {@code q} (from
   * {@code q}'s cluster, at {@code q}'s lambda) when it is at least as close as {@code q} stayed, else at its own
   * lambda from the innermost cluster on {@code q}'s path born at a smaller lambda (the root at the latest). Label,
   * probability and outlier score then follow the fit's rules for a row leaving there. Distances are measured as the
   * fit measures them; a point so far from the data that its distances overflow at the data's scale is measured in the
   * data's units by a scan of every row (O(n d)), and is noise.
   *
   * <p>This is the placement of the {@code hdbscan} package's {@code approximate_predict} (McInnes, Healy and Astels,
   * JOSS 2017, doi:10.21105/joss.00205; {@code prediction.py}, version 0.8), with the same core distance and two
   * differences. That package's {@code min_samples} does not count the row itself (its core distances are the
   * distances to the {@code min_samples + 1}-th nearest row, the row counted, and a new point's is its
   * {@code min_samples + 1}-th nearest training row), so its {@code min_samples = m} is {@code minSamples(m + 1)}
   * here, as scikit-learn's {@code HDBSCAN} notes; with that mapping the core distances (of training rows and of
   * new points) are the package's. The differences: there the row {@code q} is sought among the
   * point's {@code 2 min_samples} nearest rows (here exactly, over every row), its argmin taking the nearest of tied
   * rows as here; and {@code approximate_predict_scores} scores from {@code q}'s cluster with the point's own lambda
   * (a point closer than {@code q} stayed can score below 0 there; here it leaves with {@code q} and scores as
   * {@code q}).
   *
   * <p>A training row given again is placed through itself (or an identical row, which the fit treats alike) at its
   * own core distance, so {@code membership} of every training row gives that row's label, probability and outlier
   * score: predicting the training data reproduces {@link #labels()}.
   *
   * @param point a point of {@link #dimension()} finite values (not modified)
   * @return its label, probability, outlier score and nearest training row
   * @throws IllegalArgumentException if the point is null, of another length or not finite
   */
  public Membership membership(double[] point) {
    ModelPoints.check(point, d, "point");
    return place(point, 0, new double[d], new Neighbors());
  }

  /**
   * The label of {@link #membership(double[])}.
   *
   * @param point a point of {@link #dimension()} finite values (not modified)
   * @return its cluster in {@code [0, clusterCount())}, or {@code -1} (noise)
   * @throws IllegalArgumentException if the point is null, of another length or not finite
   */
  @Override
  public int predict(double[] point) {
    return membership(point).label();
  }

  /**
   * The label of {@link #membership(double[])} for every row.
   *
   * @param points rows of {@link #dimension()} columns
   * @return the labels, in row order
   * @throws IllegalArgumentException if {@code points} is null, has another number of columns, or column names that
   *     differ from {@link #columnNames()} (both given)
   */
  @Override
  public int[] predict(Dataset points) {
    Membership[] all = memberships(points);
    int[] out = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].label();
    }
    return out;
  }

  /**
   * {@link #membership(double[])} of every row: label, probability, outlier score and joining row (the {@code hdbscan}
   * package's {@code approximate_predict} and {@code approximate_predict_scores} on many points).
   *
   * @param points rows of {@link #dimension()} columns
   * @return one membership per row, in row order
   * @throws IllegalArgumentException if {@code points} is null, has another number of columns, or column names that
   *     differ from {@link #columnNames()} (both given)
   */
  public Membership[] memberships(Dataset points) {
    if (points == null) {
      throw new IllegalArgumentException("points must not be null");
    }
    if (points.dimension() != d) {
      throw new IllegalArgumentException("points must have dimension " + d + " (the training data's), got "
          + points.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, points, "points");
    int m = points.size();
    Membership[] out = new Membership[m];
    double[] x = DataAccess.values(points);
    double[] q = new double[d];
    Neighbors buf = new Neighbors();
    for (int i = 0; i < m; i++) {
      out[i] = place(x, i * d, q, buf);
    }
    return out;
  }

  private KdTree index() {
    KdTree t = index;
    if (t == null) {
      synchronized (this) {
        t = index;
        if (t == null) {
          t = KdTree.build(Dataset.wrap(rows, n, d), config.metric());
          index = t;
        }
      }
    }
    return t;
  }

  /**
   * The smallest radius searched around a point (in the scaled rows' units): every gap whose reduced form underflows
   * to 0, which the fit measures as 0, lies within it (Euclidean squares vanish below about {@code 2^-537}), and its
   * own reduced form is a normal number, so the k-d tree compares reduced distances with it as the fit computes them.
   */
  private static final double NEAR = 0x1p-500;

  /**
   * Places the point {@code x[off .. off + d)} (data units, finite): its scaled copy goes to {@code q}. Distances are
   * measured as the fit measures them, {@code fromReduced} of the reduced distance between scaled rows; the k-d tree
   * only proposes candidates (a radius query slightly wider than the best mutual reachability among the point's
   * nearest rows, so that no row is lost to the tree's own rounding), and the minimum is taken over their exact
   * values. Where the scaled point or its distances overflow (a point far beyond the data), {@link #placeFar}.
   */
  private Membership place(double[] x, int off, double[] q, Neighbors buf) {
    Metric metric = config.metric();
    boolean finite = true;
    for (int j = 0; j < d; j++) {
      q[j] = scale == 0 ? x[off + j] : Math.scalb(x[off + j], -scale);
      finite &= Double.isFinite(q[j]);
    }
    if (!finite) {
      return placeFar(x, off);
    }
    KdTree t = index();
    int k = config.minSamples();
    // the point's core distance: its k-th nearest training row, as if the point were one more copy of a training row
    // (so a training row, given again, has its own core distance)
    int found = t.knn(q, k, buf);
    double coreQ = distance(metric, q, buf.index(found - 1));
    double bound = Double.POSITIVE_INFINITY;
    for (int i = 0; i < found; i++) {
      int r = buf.index(i);
      bound = Math.min(bound, Math.max(Math.max(coreQ, scaledCore[r]), distance(metric, q, r)));
    }
    // every row of mutual reachability <= bound lies within bound (a row farther away has a larger one)
    double radius = Math.max(bound * (1 + 0x1p-40), NEAR);
    if (radius == Double.POSITIVE_INFINITY) {
      return placeFar(x, off);
    }
    int m = t.radius(q, radius, buf);
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    double bestMrd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      int r = buf.index(i);
      double dist = distance(metric, q, r);
      double mrd = Math.max(Math.max(coreQ, scaledCore[r]), dist);
      // smallest mutual reachability, then the nearest, then the smallest row
      if (mrd < bestMrd || (mrd == bestMrd && (dist < bestDistance || (dist == bestDistance && r < best)))) {
        bestMrd = mrd;
        bestDistance = dist;
        best = r;
      }
    }
    return join(best, bestMrd);
  }

  /** The fit's distance between the scaled point {@code q} and scaled row {@code r}. */
  private double distance(Metric metric, double[] q, int r) {
    return metric.fromReduced(metric.reducedDistance(q, 0, rows, r * d, d));
  }

  /**
   * A point too far from the data for the scaled search (its scaled coordinates or its squared distances overflow):
   * the same rule by a scan of every row in the data's units with {@link Metric#distance}, exact at any magnitude.
   * Time O(n d) per point, with one array of n distances.
   */
  private Membership placeFar(double[] x, int off) {
    Metric metric = config.metric();
    double[] p = Arrays.copyOfRange(x, off, off + d);
    double[] row = new double[d];
    double[] dist = new double[n];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        row[j] = scale == 0 ? rows[r * d + j] : Math.scalb(rows[r * d + j], scale);
      }
      dist[r] = metric.distance(p, row);
    }
    int k = config.minSamples();
    double[] sorted = dist.clone();
    Arrays.sort(sorted);
    double coreQ = sorted[k - 1]; // its k-th nearest training row, as in place
    int best = 0;
    double bestMrd = Double.POSITIVE_INFINITY;
    for (int r = 0; r < n; r++) {
      double mrd = Math.max(Math.max(coreQ, coreDistances[r]), dist[r]);
      if (mrd < bestMrd || (mrd == bestMrd && dist[r] < dist[best])) {
        bestMrd = mrd;
        best = r;
      }
    }
    return join(best, scale == 0 ? bestMrd : Math.scalb(bestMrd, -scale));
  }

  /**
   * The point joins the hierarchy through row {@code best} at mutual reachability {@code mrd} (scaled units; 0 gives
   * lambda infinity, an infinite {@code mrd} lambda 0, below every cluster's birth). A positive {@code mrd} whose
   * lambda overflows (a gap below the training rows' smallest) gets the largest finite double: above every finite
   * lambda of the tree, as its true value is, and below an infinite one.
   */
  private Membership join(int best, double mrd) {
    double lambda = 1.0 / (lambdaShift == 0 ? mrd : Math.scalb(mrd, lambdaShift));
    if (lambda == Double.POSITIVE_INFINITY && mrd > 0) {
      lambda = Double.MAX_VALUE;
    }
    int from = tree.rowCluster[best];
    double rowLambda = tree.rowLambda[best];
    if (lambda >= rowLambda) {
      lambda = rowLambda; // it stays as long as its row does, and leaves with it
    } else {
      while (from > 0 && tree.birth[from] >= lambda) {
        from = tree.parent[from];
      }
    }
    return new Membership(tree.labelOf(from, lambda), tree.probability(from, lambda), tree.outlierScore(from, lambda),
        best);
  }

  /**
   * Where {@link HdbscanModel#membership(double[])} places a new point: its label, membership strength, GLOSH outlier
   * score and the training row through which it joins. Immutable.
   */
  public static final class Membership {
    private final int label;
    private final double probability;
    private final double outlierScore;
    private final int nearestRow;

    Membership(int label, double probability, double outlierScore, int nearestRow) {
      this.label = label;
      this.probability = probability;
      this.outlierScore = outlierScore;
      this.nearestRow = nearestRow;
    }

    /** @return the cluster in {@code [0, clusterCount())}, or {@code -1} for noise */
    public int label() {
      return label;
    }

    /** @return the membership strength in {@code [0, 1]}, 0 for noise */
    public double probability() {
      return probability;
    }

    /** @return the GLOSH outlier score in {@code [0, 1]} */
    public double outlierScore() {
      return outlierScore;
    }

    /**
     * @return the training row through which the point joins: the one of smallest mutual reachability to it (ties:
     *     the nearest, then the smallest index), which need not be its nearest row by distance
     */
    public int nearestRow() {
      return nearestRow;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Membership)) {
        return false;
      }
      Membership b = (Membership) o;
      return label == b.label && Double.compare(probability, b.probability) == 0
          && Double.compare(outlierScore, b.outlierScore) == 0 && nearestRow == b.nearestRow;
    }

    @Override
    public int hashCode() {
      return Objects.hash(label, probability, outlierScore, nearestRow);
    }

    @Override
    public String toString() {
      return "Membership[label=" + label + ", probability=" + probability + ", outlierScore=" + outlierScore
          + ", nearestRow=" + nearestRow + "]";
    }
  }

  /**
   * The fitted state: the settings, the column names, the training rows (in the data's own scale) and the labels.
   *
   * @return a new state value; {@code fromState(state())} is equal to this model
   */
  public State state() {
    double[] x = rows.clone();
    if (scale != 0) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.scalb(x[i], scale);
      }
    }
    return new State(config.minClusterSize(), config.minSamples(), config.selection(), config.metric(),
        config.allowSingleCluster(), config.clusterSelectionEpsilon(), d,
        columnNames, x, labels);
  }

  /**
   * Rebuilds a model from its state by fitting its rows again with its settings (the fit is deterministic, so the
   * model is the one the state came from, every prediction included), then checks that the fit's labels are the
   * state's: a state whose rows or settings were altered, or that a version with other rules wrote, is refused rather
   * than loaded as a different model. Costs one fit (one thread).
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return the model
   * @throws IllegalArgumentException if {@code state} is null, breaks a rule of {@link Hdbscan} or {@link Dataset}
   *     (minClusterSize {@code >= 2}, minSamples {@code >= 1}, both at most the rows; finite rows; one distinct name
   *     per column) or its labels are not those of the fit (the message names the first row that differs)
   */
  public static HdbscanModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    int dim = state.dimension;
    if (dim < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dim);
    }
    if (state.rows.length % dim != 0) {
      throw new IllegalArgumentException("rows must hold a multiple of dimension " + dim + " values, got "
          + state.rows.length);
    }
    int count = state.rows.length / dim;
    if (state.labels.length != count) {
      throw new IllegalArgumentException("labels must have one entry per row (" + count + "), got "
          + state.labels.length);
    }
    Hdbscan config = Hdbscan.minClusterSize(state.minClusterSize).minSamples(state.minSamples)
        .selection(state.selection).metric(state.metric).allowSingleCluster(state.allowSingleCluster)
        .clusterSelectionEpsilon(state.clusterSelectionEpsilon);
    List<String> names = FittedColumns.validated(state.columnNames, dim);
    double[][] x = ModelArrays.rows(state.rows, count, dim);
    Dataset data = FittedColumns.areDefault(names) ? Dataset.of(x) : Dataset.of(x, names);
    HdbscanModel m = config.fit(data);
    for (int i = 0; i < count; i++) {
      if (m.labels[i] != state.labels[i]) {
        throw new IllegalArgumentException("labels must be those of a fit of the rows with the state's settings;"
            + " row " + i + " has label " + state.labels[i] + ", the fit gives " + m.labels[i]
            + " (altered or from another version)");
      }
    }
    return m;
  }

  /**
   * The fitted state of an {@link HdbscanModel} as a plain value: settings, column names, the training rows
   * (row-major) and their labels. What model files store; {@link HdbscanModel#fromState(State)} rebuilds the model by
   * a new fit and checks the labels. The constructor rejects null arguments only and copies the arrays; immutable.
   */
  public static final class State {
    private final int minClusterSize;
    private final int minSamples;
    private final Hdbscan.Selection selection;
    private final Metric metric;
    private final boolean allowSingleCluster;
    private final double clusterSelectionEpsilon;
    private final int dimension;
    private final List<String> columnNames;
    private final double[] rows;
    private final int[] labels;

    /**
     * A state of a fit without {@code allowSingleCluster} and {@code clusterSelectionEpsilon}.
     *
     * @param minClusterSize the fewest rows of a cluster
     * @param minSamples the core distance's neighbour count, the row counted
     * @param selection how clusters were chosen
     * @param metric the metric
     * @param dimension the number of columns
     * @param columnNames one name per column (copied)
     * @param rows the training rows, row-major (copied)
     * @param labels one label per row (copied)
     * @throws IllegalArgumentException if an object argument is null
     */
    public State(int minClusterSize, int minSamples, Hdbscan.Selection selection, Metric metric, int dimension,
        List<String> columnNames, double[] rows, int[] labels) {
      this(minClusterSize, minSamples, selection, metric, false, 0.0, dimension, columnNames, rows, labels);
    }

    /**
     * @param minClusterSize the fewest rows of a cluster
     * @param minSamples the core distance's neighbour count, the row counted
     * @param selection how clusters were chosen
     * @param metric the metric
     * @param allowSingleCluster whether the root could be selected
     * @param clusterSelectionEpsilon the cluster selection radius (0: off)
     * @param dimension the number of columns
     * @param columnNames one name per column (copied)
     * @param rows the training rows, row-major (copied)
     * @param labels one label per row (copied)
     * @throws IllegalArgumentException if an object argument is null
     */
    public State(int minClusterSize, int minSamples, Hdbscan.Selection selection, Metric metric,
        boolean allowSingleCluster, double clusterSelectionEpsilon, int dimension, List<String> columnNames,
        double[] rows, int[] labels) {
      if (selection == null || metric == null || columnNames == null || rows == null || labels == null) {
        throw new IllegalArgumentException("selection, metric, columnNames, rows and labels must not be null");
      }
      this.minClusterSize = minClusterSize;
      this.minSamples = minSamples;
      this.selection = selection;
      this.metric = metric;
      this.allowSingleCluster = allowSingleCluster;
      this.clusterSelectionEpsilon = clusterSelectionEpsilon;
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(columnNames);
      this.rows = rows.clone();
      this.labels = labels.clone();
    }

    /** @return the fewest rows of a cluster */
    public int minClusterSize() {
      return minClusterSize;
    }

    /** @return the core distance's neighbour count, the row counted */
    public int minSamples() {
      return minSamples;
    }

    /** @return how clusters were chosen */
    public Hdbscan.Selection selection() {
      return selection;
    }

    /** @return the metric */
    public Metric metric() {
      return metric;
    }

    /** @return whether the root could be selected */
    public boolean allowSingleCluster() {
      return allowSingleCluster;
    }

    /** @return the cluster selection radius (0: off) */
    public double clusterSelectionEpsilon() {
      return clusterSelectionEpsilon;
    }

    /** @return the number of columns */
    public int dimension() {
      return dimension;
    }

    /** @return the column names, unmodifiable */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return the training rows, row-major (a copy) */
    public double[] rows() {
      return rows.clone();
    }

    /** @return the labels (a copy) */
    public int[] labels() {
      return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State b = (State) o;
      return minClusterSize == b.minClusterSize && minSamples == b.minSamples && selection == b.selection
          && metric == b.metric && allowSingleCluster == b.allowSingleCluster
          && Double.compare(clusterSelectionEpsilon, b.clusterSelectionEpsilon) == 0 && dimension == b.dimension
          && FittedColumns.sameNames(columnNames, b.columnNames)
          && Arrays.equals(rows, b.rows) && Arrays.equals(labels, b.labels);
    }

    @Override
    public int hashCode() {
      return Objects.hash(minClusterSize, minSamples, selection, metric, allowSingleCluster, clusterSelectionEpsilon,
          dimension, columnNames, Arrays.hashCode(rows), Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
      return "HdbscanModel.State[minClusterSize=" + minClusterSize + ", minSamples=" + minSamples + ", selection="
          + selection + ", metric=" + metric + ", allowSingleCluster=" + allowSingleCluster
          + ", clusterSelectionEpsilon=" + clusterSelectionEpsilon + ", rows=" + (rows.length / Math.max(1, dimension))
          + ", dimension="
          + dimension + "]";
    }
  }

  /** @return the metric the model was fitted with */
  public Metric metric() {
    return config.metric();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HdbscanModel)) {
      return false;
    }
    HdbscanModel b = (HdbscanModel) o;
    // the settings that shape the result; the parallelism does not
    return config.minClusterSize() == b.config.minClusterSize() && config.minSamples() == b.config.minSamples()
        && config.selection() == b.config.selection() && config.metric() == b.config.metric()
        && config.allowSingleCluster() == b.config.allowSingleCluster()
        && Double.compare(config.clusterSelectionEpsilon(), b.config.clusterSelectionEpsilon()) == 0
        && n == b.n && d == b.d && FittedColumns.sameNames(columnNames, b.columnNames)
        && Arrays.equals(labels, b.labels) && Arrays.equals(probabilities, b.probabilities)
        && Arrays.equals(outlierScores, b.outlierScores) && Arrays.equals(coreDistances, b.coreDistances)
        // the training rows place new points: models of other rows with the same outputs predict differently
        && scale == b.scale && Arrays.equals(rows, b.rows);
  }

  @Override
  public int hashCode() {
    return Objects.hash(config.minClusterSize(), config.minSamples(), config.selection(), config.metric(), n, d,
        columnNames, Arrays.hashCode(labels), Arrays.hashCode(probabilities));
  }

  @Override
  public String toString() {
    return "HdbscanModel[rows=" + n + ", dimension=" + d + ", clusters=" + clusterCount + ", noise=" + noiseCount
        + ", " + config + "]";
  }
}
