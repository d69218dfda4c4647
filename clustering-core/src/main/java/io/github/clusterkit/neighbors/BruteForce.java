package io.github.clusterkit.neighbors;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Scale;

/**
 * Exact neighbour search by a linear scan over every row: O(n d) per query, no extra memory. It is the
 * oracle the {@link KdTree} is tested against, and the right choice for very small data or very high
 * dimension where no tree prunes.
 *
 * <p>Follows every convention of {@link NeighborIndex}, and scales extreme data exactly as {@link KdTree} does.
 * Immutable; safe for concurrent queries with one {@link Neighbors} buffer per thread.
 */
public final class BruteForce implements NeighborIndex {

  private final Dataset data;
  private final Metric metric;
  /** The data's row-major values, times {@code 2^-scale} (a copy) when {@link #scale} is not 0. */
  private final double[] x;
  /** The exact scaling of extreme data, as {@link KdTree}'s. */
  private final int scale;
  private final int n;
  private final int d;

  private BruteForce(Dataset data, Metric metric) {
    this.data = data;
    this.metric = metric;
    this.scale = Scale.exponent(DataAccess.maxAbs(data));
    this.x = scale == 0 ? DataAccess.values(data) : Scale.down(DataAccess.values(data), scale);
    this.n = data.size();
    this.d = data.dimension();
  }

  /**
   * @param data the points to search
   * @param metric the distance
   * @return a brute-force index over {@code data}
   * @throws IllegalArgumentException if an argument is null
   */
  public static BruteForce of(Dataset data, Metric metric) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new BruteForce(data, metric);
  }

  @Override
  public Dataset data() {
    return data;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int radius(double[] query, double radius, Neighbors out) {
    QueryChecks.query(query, d);
    QueryChecks.radius(radius);
    QueryChecks.buffer(out);
    double r2 = reducedRadius(radius);
    if (FarRadius.applies(r2)) {
      return FarRadius.radius(DataAccess.values(data), n, d, metric, query, 0, radius, out);
    }
    return scanRadius(scaled(query), 0, r2, out);
  }

  @Override
  public int radius(int row, double radius, Neighbors out) {
    QueryChecks.row(row, n);
    QueryChecks.radius(radius);
    QueryChecks.buffer(out);
    double r2 = reducedRadius(radius);
    if (FarRadius.underflows(r2)) {
      return FarRadius.radius(DataAccess.values(data), n, d, metric, DataAccess.values(data), row * d, radius, out);
    }
    return scanRadius(x, row * d, r2, out);
  }

  /** The query times {@code 2^-scale} (a copy) when the data are scaled. */
  private double[] scaled(double[] query) {
    return scale == 0 ? query : Scale.down(query, scale);
  }

  /** The reduced form of a radius, scaled as the data. */
  private double reducedRadius(double radius) {
    return metric.toReduced(scale == 0 ? radius : Math.scalb(radius, -scale));
  }

  private int scanRadius(double[] q, int qOff, double r2, Neighbors out) {
    out.reset(metric, scale);
    for (int i = 0, off = 0; i < n; i++, off += d) {
      double dist = metric.reducedDistance(q, qOff, x, off, d);
      if (dist <= r2) {
        out.add(i, dist);
      }
    }
    return out.size();
  }

  @Override
  public int countWithin(double[] query, double radius, int limit) {
    QueryChecks.query(query, d);
    QueryChecks.radius(radius);
    QueryChecks.limit(limit);
    double r2 = reducedRadius(radius);
    if (FarRadius.applies(r2)) {
      return FarRadius.count(DataAccess.values(data), n, d, metric, query, 0, radius, limit);
    }
    return scanCount(scaled(query), 0, r2, limit);
  }

  @Override
  public int countWithin(int row, double radius, int limit) {
    QueryChecks.row(row, n);
    QueryChecks.radius(radius);
    QueryChecks.limit(limit);
    double r2 = reducedRadius(radius);
    if (FarRadius.underflows(r2)) {
      return FarRadius.count(DataAccess.values(data), n, d, metric, DataAccess.values(data), row * d, radius, limit);
    }
    return scanCount(x, row * d, r2, limit);
  }

  private int scanCount(double[] q, int qOff, double r2, int limit) {
    int count = 0;
    for (int i = 0, off = 0; i < n; i++, off += d) {
      if (metric.reducedDistance(q, qOff, x, off, d) <= r2 && ++count >= limit) {
        return limit;
      }
    }
    return count;
  }

  @Override
  public int knn(double[] query, int k, Neighbors out) {
    QueryChecks.query(query, d);
    QueryChecks.k(k, n);
    QueryChecks.buffer(out);
    return scanKnn(scaled(query), 0, k, out);
  }

  @Override
  public int knn(int row, int k, Neighbors out) {
    QueryChecks.row(row, n);
    QueryChecks.k(k, n);
    QueryChecks.buffer(out);
    return scanKnn(x, row * d, k, out);
  }

  private int scanKnn(double[] q, int qOff, int k, Neighbors out) {
    out.reset(metric, scale);
    for (int i = 0, off = 0; i < n; i++, off += d) {
      out.add(i, metric.reducedDistance(q, qOff, x, off, d));
    }
    out.sortByDistance();
    out.setSize(k);
    return k;
  }

  /** A summary: the number of points, their dimension and the metric. */
  @Override
  public String toString() {
    return "BruteForce[n=" + n + ", d=" + d + ", metric=" + metric + "]";
  }
}
