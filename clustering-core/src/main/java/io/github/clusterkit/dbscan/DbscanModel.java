package io.github.clusterkit.dbscan;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;

/**
 * The result of {@link Dbscan#fit(Dataset)}: labels, core flags and counts of the training data, and the
 * assignment of new points.
 *
 * <p><b>Labels.</b> {@code -1} is noise; clusters are numbered {@code 0 .. clusterCount()-1} in the order of
 * their first member by row index (the cluster of row 0, unless it is noise, is cluster 0).
 *
 * <p><b>Prediction.</b> The model keeps only what assignment needs: a copy of the core points and their
 * labels, indexed on first use by their own {@link NeighborIndex}; it keeps no reference to the training
 * data. {@link #predict(double[])} gives a new point the label of its nearest core point within eps (ties:
 * the smaller label), else {@code -1}: the same rule fit applies to border points, so predicting the
 * training rows reproduces {@link #labels()} exactly. Under DBSCAN* only {@link Assignment.Kind#CORE_LIKE}
 * points get a cluster.
 *
 * <p><b>Thread-safety.</b> Immutable; safe for concurrent use, prediction included. Every array returned is
 * a fresh copy and arrays passed in are never modified.
 */
public final class DbscanModel {

  private final int n;
  private final int d;
  private final double eps;
  private final int minPts;
  private final Metric metric;
  private final boolean borderAsNoise;
  private final Dbscan.Search search;
  private final int[] labels;
  private final boolean[] core;
  private final int clusterCount;
  private final int noiseCount;
  private final int coreCount;
  private final Dataset corePoints; // null when there is no core point
  private final int[] coreLabels;
  private volatile NeighborIndex coreIndex;

  private DbscanModel(Dbscan config, int n, int d, int[] labels, boolean[] core, int clusterCount,
      Dbscan.Search search, Dataset corePoints, int[] coreLabels, int coreCount) {
    this.n = n;
    this.d = d;
    this.eps = config.eps();
    this.minPts = config.minPts();
    this.metric = config.metric();
    this.borderAsNoise = config.borderPointsAsNoise();
    this.search = search;
    this.labels = labels;
    this.core = core;
    this.clusterCount = clusterCount;
    this.coreCount = coreCount;
    this.corePoints = corePoints;
    this.coreLabels = coreLabels;
    int noise = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        noise++;
      }
    }
    this.noiseCount = noise;
  }

  static DbscanModel create(Dbscan config, Dataset data, int[] labels, boolean[] core, int clusterCount,
      Dbscan.Search search) {
    int n = data.size();
    int d = data.dimension();
    int cores = 0;
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        cores++;
      }
    }
    Dataset corePoints = null;
    int[] coreLabels = new int[cores];
    if (cores > 0) {
      double[] x = DataAccess.values(data);
      double[] cx = new double[cores * d];
      for (int i = 0, c = 0; i < n; i++) {
        if (core[i]) {
          System.arraycopy(x, i * d, cx, c * d, d);
          coreLabels[c++] = labels[i];
        }
      }
      corePoints = Dataset.wrap(cx, cores, d);
    }
    return new DbscanModel(config, n, d, labels, core, clusterCount, search, corePoints, coreLabels, cores);
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

  /** @return the neighbour search that ran: {@link Dbscan.Search#GRID}, {@code KD_TREE} or {@code BRUTE_FORCE} */
  public Dbscan.Search search() {
    return search;
  }

  /**
   * The label of a new point: that of its nearest core point within eps (ties: the smaller label), or
   * {@code -1} if none is within eps (under DBSCAN*: unless the point is
   * {@link Assignment.Kind#CORE_LIKE}).
   *
   * @param point a point of dimension {@link #dimension()}, finite; not modified
   * @return the label, or {@code -1}
   * @throws IllegalArgumentException if the point is null, of the wrong dimension or not finite
   */
  public int predict(double[] point) {
    checkPoint(point, "point");
    if (coreCount == 0) {
      return -1;
    }
    return place(point, new Neighbors(), null);
  }

  /**
   * {@link #predict(double[])} for every row of {@code points}.
   *
   * @param points points of dimension {@link #dimension()}
   * @return one label per row
   * @throws IllegalArgumentException if {@code points} is null or of the wrong dimension
   */
  public int[] predict(Dataset points) {
    if (points == null) {
      throw new IllegalArgumentException("points must not be null");
    }
    if (points.dimension() != d) {
      throw new IllegalArgumentException("points must have dimension " + d
          + " (the training data's), got " + points.dimension());
    }
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
   * Label, kind and distance to the nearest core point of a new point.
   *
   * @param point a point of dimension {@link #dimension()}, finite; not modified
   * @return the assignment
   * @throws IllegalArgumentException if the point is null, of the wrong dimension or not finite
   */
  public Assignment assign(double[] point) {
    checkPoint(point, "point");
    if (coreCount == 0) {
      return new Assignment(-1, Assignment.Kind.NOISE, Double.POSITIVE_INFINITY);
    }
    Assignment[] result = new Assignment[1];
    place(point, new Neighbors(), result);
    return result[0];
  }

  private int place(double[] q, Neighbors buf, Assignment[] detail) {
    NeighborIndex index = index();
    int m = index.radius(q, eps, buf);
    double best = Double.POSITIVE_INFINITY;
    int label = -1;
    for (int t = 0; t < m; t++) {
      double r = buf.reducedDistance(t);
      int l = coreLabels[buf.index(t)];
      if (r < best || (r == best && l < label)) {
        best = r;
        label = l;
      }
    }
    Assignment.Kind kind;
    if (m == 0) {
      kind = Assignment.Kind.NOISE;
    } else if (best == 0 || m >= minPts - 1) {
      kind = Assignment.Kind.CORE_LIKE;
    } else {
      kind = Assignment.Kind.BORDER;
    }
    int result = (borderAsNoise && kind == Assignment.Kind.BORDER) ? -1 : label;
    if (detail != null) {
      double dist;
      if (m > 0) {
        dist = metric.fromReduced(best);
      } else {
        index.knn(q, 1, buf);
        dist = buf.distance(0);
      }
      detail[0] = new Assignment(result, kind, dist);
    }
    return result;
  }

  private NeighborIndex index() {
    NeighborIndex idx = coreIndex;
    if (idx == null) {
      synchronized (this) {
        idx = coreIndex;
        if (idx == null) {
          idx = NeighborIndex.of(corePoints, metric);
          coreIndex = idx;
        }
      }
    }
    return idx;
  }

  private void checkPoint(double[] point, String name) {
    if (point == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (point.length != d) {
      throw new IllegalArgumentException(
          name + " must have dimension " + d + " (the training data's), got " + point.length);
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(point[j])) {
        throw new IllegalArgumentException(
            name + " must be finite, got " + point[j] + " at coordinate " + j);
      }
    }
  }

  @Override
  public String toString() {
    return "DbscanModel[n=" + n + ", clusters=" + clusterCount + ", noise=" + noiseCount + ", core="
        + coreCount + ", eps=" + eps + ", minPts=" + minPts + ", metric=" + metric + "]";
  }
}
