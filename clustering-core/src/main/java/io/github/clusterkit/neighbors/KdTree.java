package io.github.clusterkit.neighbors;

import io.github.clusterkit.data.Dataset;

/**
 * PLACEHOLDER: replaced by the real implicit KD-tree. Delegates to brute force so callers can compile.
 */
public final class KdTree implements NeighborIndex {

  /** Default number of points per leaf. */
  public static final int DEFAULT_LEAF_SIZE = 16;

  private final BruteForce bf;

  private KdTree(Dataset data, Metric metric) {
    this.bf = BruteForce.of(data, metric);
  }

  /**
   * @param data data
   * @param metric metric
   * @return tree
   */
  public static KdTree build(Dataset data, Metric metric) {
    return build(data, metric, DEFAULT_LEAF_SIZE);
  }

  /**
   * @param data data
   * @param metric metric
   * @param leafSize leaf size
   * @return tree
   */
  public static KdTree build(Dataset data, Metric metric, int leafSize) {
    return new KdTree(data, metric);
  }

  @Override
  public Dataset data() {
    return bf.data();
  }

  @Override
  public Metric metric() {
    return bf.metric();
  }

  @Override
  public int radius(double[] query, double radius, Neighbors out) {
    return bf.radius(query, radius, out);
  }

  @Override
  public int radius(int row, double radius, Neighbors out) {
    return bf.radius(row, radius, out);
  }

  @Override
  public int countWithin(double[] query, double radius, int limit) {
    return bf.countWithin(query, radius, limit);
  }

  @Override
  public int countWithin(int row, double radius, int limit) {
    return bf.countWithin(row, radius, limit);
  }

  @Override
  public int knn(double[] query, int k, Neighbors out) {
    return bf.knn(query, k, out);
  }

  @Override
  public int knn(int row, int k, Neighbors out) {
    return bf.knn(row, k, out);
  }
}
