package io.github.clusterkit.neighbors;

import io.github.clusterkit.data.Dataset;

/**
 * Exact neighbour search over the rows of a {@link Dataset} under a {@link Metric}: the core that DBSCAN,
 * prediction and the choice of eps share.
 *
 * <p><b>Conventions shared by every implementation</b> (and checked against {@link BruteForce} by tests):
 * <ul>
 *   <li>A radius query returns every row {@code p} with {@code distance(q, p) <= radius} (inclusive, as
 *       scikit-learn and ELKI), compared in reduced form (see {@link Metric}). When the query is itself a
 *       row of the data, that row is part of the answer (its distance is 0).</li>
 *   <li>Radius results come in no particular order; call {@link Neighbors#sortByDistance()} if needed.</li>
 *   <li>k-nearest-neighbour results are sorted by distance, ties broken by the smaller row index, so they
 *       are deterministic: with ties at the k-th distance the rows of smallest index are kept. scikit-learn's
 *       trees keep whichever tied rows their traversal meets first, so on tied data (integer grids) the rows can
 *       differ from scikit-learn's while the distances agree (22 of 64 rows of an 8 x 8 grid, k = 4,
 *       {@code leaf_size=2}). A query by row index counts the row itself as its own first neighbour.</li>
 *   <li>Queries accept any point of the right dimension, not only rows of the data.</li>
 * </ul>
 *
 * <p><b>Errors.</b> A negative, NaN or infinite radius, {@code k < 1}, {@code k > size()}, a query of the
 * wrong dimension, or a non-finite query coordinate raise {@link IllegalArgumentException} naming the
 * value. Query arrays are never modified.
 *
 * <p><b>Thread-safety.</b> Implementations are immutable after construction and safe for concurrent
 * queries, provided each thread uses its own {@link Neighbors} buffer.
 */
public interface NeighborIndex {

  /**
   * Builds the default index: a {@link KdTree} with the default leaf size.
   *
   * @param data the points to index
   * @param metric the distance
   * @return a new index
   */
  static NeighborIndex of(Dataset data, Metric metric) {
    return KdTree.build(data, metric);
  }

  /** @return the indexed data */
  Dataset data();

  /** @return the metric */
  Metric metric();

  /** @return the number of indexed points */
  default int size() {
    return data().size();
  }

  /**
   * All points within {@code radius} of {@code query}.
   *
   * @param query a point of dimension {@code data().dimension()}
   * @param radius the radius, finite and {@code >= 0}
   * @param out a reusable buffer, cleared then filled
   * @return the number of neighbours found, {@code out.size()}
   */
  int radius(double[] query, double radius, Neighbors out);

  /**
   * All points within {@code radius} of data row {@code row}, including the row itself.
   *
   * @param row a row index of the data
   * @param radius the radius, finite and {@code >= 0}
   * @param out a reusable buffer, cleared then filled
   * @return the number of neighbours found, {@code out.size()}
   */
  int radius(int row, double radius, Neighbors out);

  /**
   * Counts the points within {@code radius} of {@code query}, stopping as soon as {@code limit} are found.
   * This is the core-point test of DBSCAN: {@code countWithin(p, eps, minPts) == minPts}.
   *
   * @param query a point of dimension {@code data().dimension()}
   * @param radius the radius, finite and {@code >= 0}
   * @param limit the count at which to stop, {@code >= 1}
   * @return {@code min(limit, number of points within radius)}
   */
  int countWithin(double[] query, double radius, int limit);

  /**
   * As {@link #countWithin(double[], double, int)} for data row {@code row}, counting the row itself.
   *
   * @param row a row index of the data
   * @param radius the radius, finite and {@code >= 0}
   * @param limit the count at which to stop, {@code >= 1}
   * @return {@code min(limit, number of points within radius)}
   */
  int countWithin(int row, double radius, int limit);

  /**
   * The {@code k} nearest points to {@code query}, sorted by distance, ties by smaller row index.
   *
   * @param query a point of dimension {@code data().dimension()}
   * @param k the number of neighbours, {@code 1 <= k <= size()}
   * @param out a reusable buffer, cleared then filled with exactly {@code k} neighbours
   * @return {@code k}
   */
  int knn(double[] query, int k, Neighbors out);

  /**
   * The {@code k} nearest points to data row {@code row}, the row itself included (normally first, at
   * distance 0; exact duplicates with a smaller index come before it).
   *
   * @param row a row index of the data
   * @param k the number of neighbours, {@code 1 <= k <= size()}
   * @param out a reusable buffer, cleared then filled with exactly {@code k} neighbours
   * @return {@code k}
   */
  int knn(int row, int k, Neighbors out);
}
