package io.github.clusterkit.dbscan;

import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.internal.DistinctRows;
import io.github.clusterkit.dbscan.internal.Engine;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.internal.ModelArrays;
import io.github.clusterkit.internal.ModelPoints;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link Dbscan#fit(Dataset)}: labels, core flags and counts of the training data, and the
 * assignment of new points.
 *
 * <p><b>Labels.</b> {@code -1} is noise; clusters are numbered {@code 0 .. clusterCount()-1}. Under the default
 * {@link Dbscan.LabelRule#NEAREST_CORE} they are numbered in the order of their first member by row index (the
 * cluster of row 0, unless it is noise, is cluster 0); under {@link Dbscan.LabelRule#SCIKIT_LEARN} in the order of
 * their first core row, with a border point in the lowest-numbered cluster that has a core point within eps, as
 * scikit-learn's {@code labels_} ({@link #labelRule()} tells which).
 *
 * <p><b>Prediction.</b> The model keeps only what assignment needs: a copy of the core points and their
 * labels (when most points are core, in fit's own buffers, which hold at most twice that), indexed on first
 * use by their own {@link NeighborIndex}; it keeps no reference to the training data. {@link #predict(double[])}
 * gives a new point the label of its nearest core point within eps (ties: the smaller label), else {@code -1}: the
 * same rule fit applies to border points, so predicting the training rows reproduces {@link #labels()} exactly.
 * Under {@link Dbscan.LabelRule#SCIKIT_LEARN} it gives the smallest label among the core points within eps instead,
 * again fit's rule for border points, so predicting the training rows again reproduces {@link #labels()} (a core row
 * is within eps only of core points of its own cluster). scikit-learn's {@code DBSCAN} has no {@code predict}; this is
 * the label its fit would give the point as a border point with the model's core points (a prediction never changes
 * the model: a point that would be core itself, {@link Assignment.Kind#CORE_LIKE}, and could join two clusters in a
 * new fit, still gets one label). Under DBSCAN* only {@link Assignment.Kind#CORE_LIKE} points get a cluster. The
 * index holds each distinct core point once (with its number of copies), so the cost of a prediction does not grow
 * with the number of copies of a core point: copies of one point are at distance 0 from each other, hence in one
 * cluster, and are at the same distance from any query, so one of them decides as all of them would (20000 copies of
 * one point, predicted: 4 * 10^8 distances before, 20000 now).
 *
 * <p><b>Column names.</b> The model remembers the column names of the data it was fitted on ({@link #columnNames()}, as
 * scikit-learn's {@code feature_names_in_}). A {@link Dataset} built without names (its placeholders {@code x0, x1,
 * ...}, {@link Dataset#hasColumnNames()} false) has no names to check. {@link #predict(Dataset)} refuses a dataset with
 * an {@link IllegalArgumentException} when both the model's names and the dataset's were given and they differ (other
 * columns, or the same columns in another order: distances to the core points would mix unrelated coordinates); when
 * either side has none it checks nothing, and points given as {@code double[]} ({@link #predict(double[])}, {@link
 * #assign(double[])}) are never checked.
 *
 * <p><b>State.</b> {@link #state()} gives the fitted state as a plain immutable {@link State} (what model files
 * store and what a distributed engine ships), and {@link #fromState(State)} rebuilds an equivalent model from
 * it after checking every rule, so the rebuilt model predicts exactly as the original.
 *
 * <p><b>Thread-safety.</b> Immutable; safe for concurrent use, prediction included. Every array returned is
 * a fresh copy and arrays passed in are never modified.
 */
public final class DbscanModel implements ClusterModel {

  private final int n;
  private final int d;
  private final double eps;
  private final int minPts;
  private final Metric metric;
  private final boolean borderAsNoise;
  private final Dbscan.Search search;
  private final Dbscan.LabelRule labelRule;
  /** {@link #labelRule} is {@link Dbscan.LabelRule#SCIKIT_LEARN}: prediction takes the smallest label within eps. */
  private final boolean lowest;
  private final int[] labels;
  private final boolean[] core;
  private final int clusterCount;
  private final int noiseCount;
  private final int coreCount;
  // the core points, row-major in the order of the core rows: the first coreCount * d values (the array may
  // be longer, when fit reused a buffer of its own); wrapped into a Dataset only when the index is built
  private final double[] coreValues;
  private final int[] coreLabels; // the first coreCount entries
  private final List<String> columnNames;
  /** Whether the model was fitted without names ({@link #columnNames} are placeholders, checked against nothing). */
  private final boolean unnamed;
  /** The index of the distinct core points, built on first use ({@link #index()}). */
  private volatile CoreIndex coreIndex;

  private DbscanModel(Dbscan config, int n, int d, int[] labels, boolean[] core, int clusterCount,
      Dbscan.Search search, double[] coreValues, int[] coreLabels, int coreCount, int noiseCount,
      List<String> columnNames) {
    this.n = n;
    this.d = d;
    this.eps = config.eps();
    this.minPts = config.minPts();
    this.metric = config.metric();
    this.borderAsNoise = config.borderPointsAsNoise();
    this.search = search;
    this.labelRule = config.labelRule();
    this.lowest = labelRule == Dbscan.LabelRule.SCIKIT_LEARN;
    this.labels = labels;
    this.core = core;
    this.clusterCount = clusterCount;
    this.coreCount = coreCount;
    this.coreValues = coreValues;
    this.coreLabels = coreLabels;
    this.noiseCount = noiseCount;
    this.columnNames = columnNames;
    this.unnamed = FittedColumns.areDefault(columnNames);
  }

  /** The model of a fit: takes ownership of the engine's arrays (the core points are already a copy). */
  static DbscanModel create(Dbscan config, int n, int d, Engine.Output out, Dbscan.Search search,
      List<String> columnNames) {
    return new DbscanModel(config, n, d, out.labels, out.core, out.clusters, search, out.corePoints,
        out.coreLabels, out.coreCount, out.noiseCount, columnNames);
  }

  /**
   * The fitted state: the configuration, the column names, the training labels and core flags, and the core points.
   *
   * @return a new state value; {@code fromState(state())} predicts exactly as this model
   */
  public State state() {
    double[] cx = Arrays.copyOf(coreValues, coreCount * d);
    return new State(eps, minPts, metric, borderAsNoise, labelRule, search, d, columnNames, labels, core, cx);
  }

  /**
   * Rebuilds a model from its state, checking every rule: {@code eps > 0} and finite, {@code minPts >= 1},
   * a metric, a search that ran ({@code GRID}, {@code KD_TREE} or {@code BRUTE_FORCE}, not {@code AUTO}),
   * {@code dimension >= 1}, one distinct, non-null column name per dimension (a state built without names has
   * {@code x0 .. x(dimension-1)}), at least one training row, one core flag per label, labels {@code >= -1}
   * numbered as the {@link Dbscan.LabelRule} numbers them (under {@code NEAREST_CORE} in the order of their first
   * row: the first non-noise row has label 0, each later new label is the next number; under {@code SCIKIT_LEARN}
   * likewise in the order of their first core row, a non-core row taking the label of a cluster with a core row),
   * every core row in a cluster, every cluster with a core row, no border point under DBSCAN* (every non-core row
   * noise), and {@code coreCount * dimension} finite core coordinates, in the order of the core rows.
   *
   * <p>Not checked, as it would cost a new fit: that the core points within eps of each other share a
   * label, and that the labels of non-core rows (whose coordinates the state does not hold) are those of a
   * core point within eps (the nearest, or under {@code SCIKIT_LEARN} the lowest-numbered). A state that breaks these
   * gives a model that still predicts by the rule in the class description.
   *
   * @param state the state, e.g. from {@link #state()} or a model file
   * @return a model equal in every attribute and every prediction to the one the state came from
   * @throws IllegalArgumentException if {@code state} is null or breaks a rule (the message names the field,
   *     the index, the rule and the value)
   */
  public static DbscanModel fromState(State state) {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    State s = state;
    if (!(s.eps > 0) || s.eps == Double.POSITIVE_INFINITY) {
      throw stateError("eps must be > 0 and finite, got " + s.eps);
    }
    if (s.minPts < 1) {
      throw stateError("minPts must be >= 1, got " + s.minPts);
    }
    if (s.search == Dbscan.Search.AUTO) {
      throw stateError("search must be the search that ran (GRID, KD_TREE or BRUTE_FORCE), got AUTO");
    }
    int d = s.dimension;
    if (d < 1) {
      throw stateError("dimension must be >= 1, got " + d);
    }
    List<String> names;
    try {
      names = FittedColumns.validated(s.columnNames, d);
    } catch (IllegalArgumentException e) {
      throw stateError(e.getMessage());
    }
    int[] labels = s.labels;
    boolean[] core = s.coreMask;
    int n = labels.length;
    if (n < 1) {
      throw stateError("labels must hold at least one training row, got none");
    }
    if (core.length != n) {
      throw stateError("coreMask must have one flag per training row (" + n + "), got " + core.length);
    }
    boolean byCore = s.labelRule == Dbscan.LabelRule.SCIKIT_LEARN;
    int clusters = 0;
    if (byCore) {
      // the numbers follow the first core rows; a non-core row then needs a cluster that has a core row
      for (int i = 0; i < n; i++) {
        int l = labels[i];
        if (core[i] && (l < 0 || l > clusters)) {
          throw stateError("labels[" + i + "] of core row " + i + " must be a label in 0.." + clusters
              + " (under SCIKIT_LEARN clusters are numbered in the order of their first core row), got " + l);
        }
        if (core[i] && l == clusters) {
          clusters++;
        }
      }
    }
    int cores = 0;
    int noise = 0;
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      if (l < 0) {
        noise++;
      }
      if (byCore) {
        if (l < -1 || l >= clusters) {
          throw stateError("labels[" + i + "] must be -1 or a label in 0.." + (clusters - 1)
              + " (a cluster with a core row), got " + l);
        }
      } else {
        if (l < -1 || l > clusters) {
          throw stateError("labels[" + i + "] must be -1 or a label in 0.." + clusters
              + " (clusters are numbered in the order of their first row), got " + l);
        }
        if (l == clusters) {
          clusters++;
        }
      }
      if (core[i]) {
        cores++;
        if (l < 0) {
          throw stateError("row " + i + " is a core point but labelled -1 (noise)");
        }
      } else if (s.borderPointsAsNoise && l >= 0) {
        throw stateError("row " + i + " is not a core point but has label " + l
            + "; with borderPointsAsNoise every non-core row is noise");
      }
    }
    boolean[] hasCore = new boolean[clusters];
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        hasCore[labels[i]] = true;
      }
    }
    for (int c = 0; c < clusters; c++) {
      if (!hasCore[c]) {
        throw stateError("cluster " + c + " has no core point");
      }
    }
    double[] cx = s.corePoints;
    if ((long) cores * d != cx.length) {
      throw stateError("corePoints must hold coreCount * dimension = " + cores + " * " + d + " = "
          + ((long) cores * d) + " values, got " + cx.length);
    }
    for (int t = 0; t < cx.length; t++) {
      if (!Double.isFinite(cx[t])) {
        throw stateError("corePoints must be finite, got " + cx[t] + " at core point " + (t / d)
            + ", coordinate " + (t % d));
      }
    }
    int[] coreLabels = new int[cores];
    for (int i = 0, c = 0; i < n; i++) {
      if (core[i]) {
        coreLabels[c++] = labels[i];
      }
    }
    Dbscan config = Dbscan.eps(s.eps).minPts(s.minPts).metric(s.metric)
        .borderPointsAsNoise(s.borderPointsAsNoise).labelRule(s.labelRule);
    return new DbscanModel(config, n, d, labels, core, clusters, s.search, cx, coreLabels, cores,
        noise, names);
  }

  private static IllegalArgumentException stateError(String message) {
    return new IllegalArgumentException("DbscanModel state: " + message);
  }

  /** @return a copy of the labels, one per training row: {@code -1} noise, else {@code 0 .. k-1} */
  public int[] labels() {
    return labels.clone();
  }

  /** @return a copy of the core flags, one per training row */
  public boolean[] coreMask() {
    return core.clone();
  }

  /** @return the number of clusters {@code k} (0 when everything is noise) */
  public int clusterCount() {
    return clusterCount;
  }

  /** @return the number of training rows labelled noise */
  public int noiseCount() {
    return noiseCount;
  }

  /** @return the number of core points */
  public int coreCount() {
    return coreCount;
  }

  /** @return the size of each cluster, indexed by label (a new array of length {@link #clusterCount()}) */
  public int[] clusterSizes() {
    int[] sizes = new int[clusterCount];
    for (int i = 0; i < n; i++) {
      if (labels[i] >= 0) {
        sizes[labels[i]]++;
      }
    }
    return sizes;
  }

  /** @return the number of training rows */
  public int size() {
    return n;
  }

  /** @return the dimension of the training data, which predicted points must have */
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

  /** @return the radius the model was fitted with */
  public double eps() {
    return eps;
  }

  /** @return the core threshold the model was fitted with (counting the point itself) */
  public int minPts() {
    return minPts;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return true if fitted as DBSCAN* (border points are noise) */
  public boolean borderPointsAsNoise() {
    return borderAsNoise;
  }

  /**
   * @return the rule the model was fitted with, which {@link #predict(double[])} follows too (see Prediction in the
   *     class description)
   */
  public Dbscan.LabelRule labelRule() {
    return labelRule;
  }

  /** @return the neighbour search that ran: {@link Dbscan.Search#GRID}, {@code KD_TREE} or {@code BRUTE_FORCE} */
  public Dbscan.Search search() {
    return search;
  }

  /**
   * The label of a new point: that of its nearest core point within eps (ties: the smaller label), or
   * {@code -1} if none is within eps (under DBSCAN*: unless the point is
   * {@link Assignment.Kind#CORE_LIKE}). Under {@link Dbscan.LabelRule#SCIKIT_LEARN}: the smallest label among the
   * core points within eps, which is the label scikit-learn's fit gives a border point.
   *
   * @param point a point of dimension {@link #dimension()}, finite; not modified
   * @return the label, or {@code -1}
   * @throws IllegalArgumentException if the point is null, of the wrong dimension or not finite
   */
  public int predict(double[] point) {
    ModelPoints.check(point, d, "point");
    if (coreCount == 0) {
      return -1;
    }
    return place(point, new Neighbors(), null);
  }

  /**
   * {@link #predict(double[])} for every row of {@code points}.
   *
   * @param points points of dimension {@link #dimension()}, in the columns the model was fitted on
   * @return one label per row
   * @throws IllegalArgumentException if {@code points} is null or of the wrong dimension, or if its column names and
   *     the model's ({@link #columnNames()}) were both given (not the placeholders of data without names) and differ
   */
  public int[] predict(Dataset points) {
    if (points == null) {
      throw new IllegalArgumentException("points must not be null");
    }
    if (points.dimension() != d) {
      throw new IllegalArgumentException("points must have dimension " + d
          + " (the training data's), got " + points.dimension() + FittedColumns.fittedOn(columnNames, unnamed));
    }
    FittedColumns.check(columnNames, unnamed, points, "points");
    int m = points.size();
    int[] out = new int[m];
    if (coreCount == 0) {
      Arrays.fill(out, -1);
      return out;
    }
    double[] x = DataAccess.values(points);
    double[] q = new double[d];
    Neighbors buf = new Neighbors();
    for (int i = 0; i < m; i++) {
      System.arraycopy(x, i * d, q, 0, d);
      out[i] = place(q, buf, null);
    }
    return out;
  }

  /**
   * Label, kind and distance to the nearest core point of a new point. The label is {@link #predict(double[])}'s:
   * under {@link Dbscan.LabelRule#SCIKIT_LEARN} it can be that of a core point farther than the nearest (another
   * cluster's, also within eps); the distance is the nearest core point's all the same.
   *
   * @param point a point of dimension {@link #dimension()}, finite; not modified
   * @return the assignment
   * @throws IllegalArgumentException if the point is null, of the wrong dimension or not finite
   */
  public Assignment assign(double[] point) {
    ModelPoints.check(point, d, "point");
    if (coreCount == 0) {
      return new Assignment(-1, Assignment.Kind.NOISE, Double.POSITIVE_INFINITY);
    }
    Assignment[] result = new Assignment[1];
    place(point, new Neighbors(), result);
    return result[0];
  }

  private int place(double[] point, Neighbors buf, Assignment[] detail) {
    CoreIndex ci = index();
    NeighborIndex index = ci.index;
    int e = ci.scale;
    double[] q = e == 0 ? point : Scale.down(point, e);
    if (!finite(q)) {
      return placeFar(ci, point, detail);
    }
    int m = index.radius(q, e == 0 ? eps : scaledEps(eps, e), buf);
    int[] groupLabels = ci.labels;
    int[] copies = ci.copies;
    double best = Double.POSITIVE_INFINITY;
    int label = -1;
    int at = -1;
    int smallest = Integer.MAX_VALUE; // the smallest label within eps (SCIKIT_LEARN)
    int within = 0; // core points within eps, copies included
    for (int t = 0; t < m; t++) {
      double r = buf.reducedDistance(t);
      int g = buf.index(t);
      int l = groupLabels[g];
      within += copies == null ? 1 : copies[g];
      smallest = Math.min(smallest, l);
      // label < 0: the first neighbour is taken even when its reduced distance overflows (a radius beyond the
      // square root of the double range, where the neighbours within it are as far as no double tells apart)
      if (r < best || (r == best && (label < 0 || l < label))) {
        best = r;
        label = l;
        at = t;
      }
    }
    Assignment.Kind kind;
    if (m == 0) {
      kind = Assignment.Kind.NOISE;
    } else if (best == 0 || within >= minPts - 1) {
      kind = Assignment.Kind.CORE_LIKE;
    } else {
      kind = Assignment.Kind.BORDER;
    }
    if (lowest && m > 0) {
      label = smallest;
    }
    int result = (borderAsNoise && kind == Assignment.Kind.BORDER) ? -1 : label;
    if (detail != null) {
      if (m == 0) {
        index.knn(q, 1, buf);
        at = 0;
      }
      double dist = buf.distance(at);
      if (dist == Double.POSITIVE_INFINITY) {
        // the distance's reduced form overflowed at the index's scale: measured again in the point's own units
        dist = metric.distance(point, corePoint(ci.firstCore(buf.index(at))));
      } else if (e != 0) {
        dist = Math.scalb(dist, e);
      }
      detail[0] = new Assignment(result, kind, dist);
    }
    return result;
  }

  /**
   * A point whose coordinates leave the double range when scaled as the core points are (core points near
   * {@code 1e-300}, a point near {@code 1e10}): it lies more than about {@code 2^823} times the core points' largest
   * magnitude away from them, so every core point is equally near to double precision. Its distance, measured in
   * its own units, decides between the smallest label (every core point within eps) and noise.
   */
  private int placeFar(CoreIndex ci, double[] point, Assignment[] detail) {
    double dist = Double.POSITIVE_INFINITY;
    int groups = ci.labels.length;
    for (int g = 0; g < groups; g++) {
      dist = Math.min(dist, metric.distance(point, corePoint(ci.firstCore(g))));
    }
    Assignment.Kind kind;
    int label;
    if (dist <= eps) {
      int smallest = Integer.MAX_VALUE;
      for (int g = 0; g < groups; g++) {
        smallest = Math.min(smallest, ci.labels[g]);
      }
      kind = coreCount >= minPts - 1 ? Assignment.Kind.CORE_LIKE : Assignment.Kind.BORDER;
      label = borderAsNoise && kind == Assignment.Kind.BORDER ? -1 : smallest;
    } else {
      kind = Assignment.Kind.NOISE;
      label = -1;
    }
    if (detail != null) {
      detail[0] = new Assignment(label, kind, dist);
    }
    return label;
  }

  /** Core point {@code c} in the data's own units (a new array). */
  private double[] corePoint(int c) {
    return Arrays.copyOfRange(coreValues, c * d, c * d + d);
  }

  private static boolean finite(double[] q) {
    for (double v : q) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private CoreIndex index() {
    CoreIndex ci = coreIndex;
    if (ci == null) {
      synchronized (this) {
        ci = coreIndex;
        if (ci == null) {
          ci = new CoreIndex(coreValues, coreLabels, coreCount, d, metric);
          coreIndex = ci;
        }
      }
    }
    return ci;
  }

  /**
   * The index prediction searches: one entry per group of core points with bit for bit identical coordinates and the
   * same label, in the order of the groups' first core point, with the group's label and its number of copies.
   *
   * <p>Why this changes no prediction: the copies of a group are at the same distance from any query (the same
   * operands give the same bits), so they are all within eps or all beyond it, and they tie with each other; with one
   * label, the rule (nearest within eps, ties: the smaller label) picks the same label whether it sees one copy or
   * all of them. The number of core points within eps (which decides {@link Assignment.Kind}) is the sum of the
   * groups' copies. The first neighbour of a k-nearest query is the group of the smallest core row among the nearest
   * (groups are numbered in the order of their first row), and radius queries beyond the reach of the tree
   * ({@code FarRadius}) list the groups in that same order, so the core point whose distance {@link #assign} reports
   * has the coordinates of the one it reported before. In a fitted model all copies of a point share a label (two
   * copies are at distance 0, within any eps, so one core copy reaches the other), hence a group holds every copy of
   * its point; the label is part of the key only so that a state that breaks this (accepted by {@link #fromState})
   * still predicts by the rule.
   *
   * <p>A radius query used to list, and measure, every copy of every core point within eps: predicting 20000 rows
   * fitted as 20000 copies of one point measured 4 * 10^8 distances. It now measures one per group.
   */
  private static final class CoreIndex {
    final NeighborIndex index;
    /** The exponent of the exact scaling of the core points ({@link Scale}): the index holds them times 2^-scale. */
    final int scale;
    /** The label of each group. */
    final int[] labels;
    /** The number of core points of each group; null when every group is one core point. */
    final int[] copies;
    /** The first core point of each group; null when every group is one core point (group g is core point g). */
    final int[] first;

    CoreIndex(double[] coreValues, int[] coreLabels, int coreCount, int d, Metric metric) {
      int len = coreCount * d;
      int[] group = DistinctRows.group(coreValues, coreCount, d, coreLabels);
      int groups = DistinctRows.count(group);
      double[] gx;
      if (groups == coreCount) {
        gx = coreValues.length == len ? coreValues : Arrays.copyOf(coreValues, len);
        labels = coreLabels;
        copies = null;
        first = null;
      } else {
        first = DistinctRows.firstRows(group, groups);
        gx = new double[groups * d];
        labels = new int[groups];
        copies = new int[groups];
        for (int g = 0; g < groups; g++) {
          System.arraycopy(coreValues, first[g] * d, gx, g * d, d);
          labels[g] = coreLabels[first[g]];
        }
        for (int c = 0; c < coreCount; c++) {
          copies[group[c]]++;
        }
      }
      // the largest magnitude of the groups is that of all core points
      int e = Scale.exponent(Scale.maxAbs(gx, 0, groups * d));
      scale = e;
      index = NeighborIndex.of(Dataset.wrap(e == 0 ? gx : Scale.down(gx, e), groups, d), metric);
    }

    /** The first core point of group {@code g}. */
    int firstCore(int g) {
      return first == null ? g : first[g];
    }
  }

  /**
   * {@code eps} times {@code 2^-e}, kept positive and finite: any radius beyond every distance, or below every
   * non-zero one, finds the same neighbours.
   *
   * @param eps the radius
   * @param e the scaling exponent
   * @return the scaled radius
   */
  static double scaledEps(double eps, int e) {
    double r = Math.scalb(eps, -e);
    return r == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : (r == 0 ? Double.MIN_VALUE : r);
  }

  /**
   * The fitted state of a {@link DbscanModel} as a plain value: configuration, the names of the fitted columns,
   * training labels and core flags, and the coordinates of the core points (row-major, in the order of the core
   * rows). Holds what {@link DbscanModel#fromState(State)} needs and nothing derived (cluster, noise and core counts
   * follow from the labels and flags).
   *
   * <p>The constructor only rejects null arguments and copies the arrays; {@link DbscanModel#fromState}
   * checks every other rule. Immutable: arrays are copied on the way in and out. {@link #equals(Object)}
   * compares every field ({@code eps} and coordinates bit for bit).
   */
  public static final class State {
    private final double eps;
    private final int minPts;
    private final Metric metric;
    private final boolean borderPointsAsNoise;
    private final Dbscan.LabelRule labelRule;
    private final Dbscan.Search search;
    private final int dimension;
    private final List<String> columnNames;
    private final int[] labels;
    private final boolean[] coreMask;
    private final double[] corePoints;

    /**
     * A state without column names ({@code x0 .. x(dimension-1)}, the names no dataset is checked against) fitted
     * under {@link Dbscan.LabelRule#NEAREST_CORE}.
     *
     * @param eps the radius the model was fitted with
     * @param minPts the core threshold, counting the point itself
     * @param metric the metric
     * @param borderPointsAsNoise true for DBSCAN*
     * @param search the neighbour search that ran
     * @param dimension the dimension of the training data
     * @param labels one label per training row, {@code -1} for noise (copied)
     * @param coreMask one core flag per training row (copied)
     * @param corePoints the core rows' coordinates, row-major, {@code coreCount * dimension} values (copied)
     * @throws IllegalArgumentException if {@code metric}, {@code search} or an array is null
     */
    public State(double eps, int minPts, Metric metric, boolean borderPointsAsNoise, Dbscan.Search search,
        int dimension, int[] labels, boolean[] coreMask, double[] corePoints) {
      this(eps, minPts, metric, borderPointsAsNoise, search, dimension, FittedColumns.defaults(dimension), labels,
          coreMask, corePoints);
    }

    /**
     * @param eps the radius the model was fitted with
     * @param minPts the core threshold, counting the point itself
     * @param metric the metric
     * @param borderPointsAsNoise true for DBSCAN*
     * @param search the neighbour search that ran
     * @param dimension the dimension of the training data
     * @param columnNames the names of the fitted columns, one per dimension (copied; {@link DbscanModel#fromState}
     *     checks them)
     * @param labels one label per training row, {@code -1} for noise (copied)
     * @param coreMask one core flag per training row (copied)
     * @param corePoints the core rows' coordinates, row-major, {@code coreCount * dimension} values (copied)
     * @throws IllegalArgumentException if {@code metric}, {@code search}, {@code columnNames} or an array is null
     */
    public State(double eps, int minPts, Metric metric, boolean borderPointsAsNoise, Dbscan.Search search,
        int dimension, List<String> columnNames, int[] labels, boolean[] coreMask, double[] corePoints) {
      this(eps, minPts, metric, borderPointsAsNoise, Dbscan.LabelRule.NEAREST_CORE, search, dimension, columnNames,
          labels, coreMask, corePoints);
    }

    /**
     * @param eps the radius the model was fitted with
     * @param minPts the core threshold, counting the point itself
     * @param metric the metric
     * @param borderPointsAsNoise true for DBSCAN*
     * @param labelRule the rule the labels were given by, which prediction follows
     * @param search the neighbour search that ran
     * @param dimension the dimension of the training data
     * @param columnNames the names of the fitted columns, one per dimension (copied; {@link DbscanModel#fromState}
     *     checks them)
     * @param labels one label per training row, {@code -1} for noise (copied)
     * @param coreMask one core flag per training row (copied)
     * @param corePoints the core rows' coordinates, row-major, {@code coreCount * dimension} values (copied)
     * @throws IllegalArgumentException if {@code metric}, {@code labelRule}, {@code search}, {@code columnNames} or
     *     an array is null
     */
    public State(double eps, int minPts, Metric metric, boolean borderPointsAsNoise, Dbscan.LabelRule labelRule,
        Dbscan.Search search, int dimension, List<String> columnNames, int[] labels, boolean[] coreMask,
        double[] corePoints) {
      this.eps = eps;
      this.minPts = minPts;
      this.metric = nonNull(metric, "metric");
      this.borderPointsAsNoise = borderPointsAsNoise;
      this.labelRule = nonNull(labelRule, "labelRule");
      this.search = nonNull(search, "search");
      this.dimension = dimension;
      this.columnNames = FittedColumns.copy(nonNull(columnNames, "columnNames"));
      this.labels = nonNull(labels, "labels").clone();
      this.coreMask = nonNull(coreMask, "coreMask").clone();
      this.corePoints = nonNull(corePoints, "corePoints").clone();
    }

    private static <T> T nonNull(T value, String name) {
      return ModelArrays.stateField(value, "DbscanModel", name);
    }

    /** @return the radius */
    public double eps() {
      return eps;
    }

    /** @return the core threshold, counting the point itself */
    public int minPts() {
      return minPts;
    }

    /** @return the metric */
    public Metric metric() {
      return metric;
    }

    /** @return true for DBSCAN* */
    public boolean borderPointsAsNoise() {
      return borderPointsAsNoise;
    }

    /** @return the rule the labels were given by */
    public Dbscan.LabelRule labelRule() {
      return labelRule;
    }

    /** @return the neighbour search that ran */
    public Dbscan.Search search() {
      return search;
    }

    /** @return the dimension of the training data */
    public int dimension() {
      return dimension;
    }

    /** @return the names of the fitted columns (unmodifiable; may hold nulls if given so) */
    public List<String> columnNames() {
      return columnNames;
    }

    /** @return a copy of the training labels */
    public int[] labels() {
      return labels.clone();
    }

    /** @return a copy of the core flags of the training rows */
    public boolean[] coreMask() {
      return coreMask.clone();
    }

    /** @return a copy of the core points' coordinates, row-major, in the order of the core rows */
    public double[] corePoints() {
      return corePoints.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return Double.compare(eps, s.eps) == 0 && minPts == s.minPts && metric == s.metric
          && borderPointsAsNoise == s.borderPointsAsNoise && labelRule == s.labelRule && search == s.search
          && dimension == s.dimension
          && FittedColumns.sameNames(columnNames, s.columnNames)
          && Arrays.equals(labels, s.labels) && Arrays.equals(coreMask, s.coreMask)
          && Arrays.equals(corePoints, s.corePoints);
    }

    @Override
    public int hashCode() {
      int h = Double.hashCode(eps);
      h = 31 * h + minPts;
      h = 31 * h + metric.hashCode();
      h = 31 * h + Boolean.hashCode(borderPointsAsNoise);
      h = 31 * h + labelRule.hashCode();
      h = 31 * h + search.hashCode();
      h = 31 * h + dimension;
      h = 31 * h + columnNames.hashCode();
      h = 31 * h + Arrays.hashCode(labels);
      h = 31 * h + Arrays.hashCode(coreMask);
      return 31 * h + Arrays.hashCode(corePoints);
    }

    @Override
    public String toString() {
      return "DbscanModel.State[n=" + labels.length + ", d=" + dimension + ", eps=" + eps + ", minPts="
          + minPts + ", metric=" + metric + ", borderPointsAsNoise=" + borderPointsAsNoise + ", labelRule="
          + labelRule + ", search=" + search + ", corePoints=" + (dimension > 0 ? corePoints.length / dimension : 0)
          + "]";
    }
  }

  @Override
  public String toString() {
    return "DbscanModel[n=" + n + ", clusters=" + clusterCount + ", noise=" + noiseCount + ", core="
        + coreCount + ", eps=" + eps + ", minPts=" + minPts + ", metric=" + metric
        + (borderAsNoise ? ", borderPointsAsNoise=true" : "")
        + (lowest ? ", labelRule=SCIKIT_LEARN" : "") + "]";
  }
}
