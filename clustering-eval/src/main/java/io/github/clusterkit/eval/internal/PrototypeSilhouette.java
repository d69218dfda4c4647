package io.github.clusterkit.eval.internal;

import io.github.clusterkit.neighbors.Metric;

/**
 * Per-row silhouettes measured against one prototype per cluster (cluster means for the simplified silhouette,
 * medoids for the medoid silhouette): {@code O(n k d)} distance computations, no pairwise sums.
 *
 * <p>Rows are processed in fixed chunks of {@link #CHUNK} rows, each row's value depending on that row and the
 * prototypes only, and written to its own slot: the values are identical on any number of threads. Distances are
 * compared in their reduced form ({@link Metric#reducedDistance}: squared for Euclidean) and converted once per row.
 */
public final class PrototypeSilhouette {

  /** Rows per task. */
  static final int CHUNK = 1024;

  private static final int EUCLIDEAN = 0;
  private static final int MANHATTAN = 1;
  private static final int CHEBYSHEV = 2;

  private PrototypeSilhouette() {}

  /**
   * The simplified silhouette of every row: {@code a} the distance to its cluster's prototype, {@code b} the
   * smallest distance to another cluster's prototype, {@code s = (b - a) / max(a, b)}; 0 in a cluster of one row
   * and when {@code a = b = 0}; {@code NaN} for a row left out ({@code cluster[i] < 0}).
   *
   * @param x the data, row-major, {@code d} columns
   * @param d number of columns
   * @param cluster cluster id per row in {@code [0, k)}, or negative for a row left out
   * @param sizes number of rows per cluster id
   * @param prototypes {@code k x d} prototypes, row-major
   * @param k number of clusters, at least 2
   * @param metric the distance
   * @param parallelism threads, at least 1
   * @return one value per row
   */
  public static double[] simplified(double[] x, int d, int[] cluster, int[] sizes, double[] prototypes, int k,
      Metric metric, int parallelism) {
    final int n = cluster.length;
    final int kind = kind(metric);
    final double[] out = new double[n];
    int tasks = (n + CHUNK - 1) / CHUNK;
    Parallel.run(parallelism, tasks, (task, worker) -> {
      int end = Math.min(n, (task + 1) * CHUNK);
      for (int i = task * CHUNK; i < end; i++) {
        int own = cluster[i];
        if (own < 0) {
          out[i] = Double.NaN;
          continue;
        }
        if (sizes[own] == 1) {
          out[i] = 0.0; // Rousseeuw's convention for a cluster of one, as ELKI's simplified silhouette
          continue;
        }
        int off = i * d;
        double a = 0;
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double r = reduced(x, off, prototypes, c * d, d, kind);
          if (c == own) {
            a = r;
          } else if (r < b) {
            b = r;
          }
        }
        out[i] = value(metric.fromReduced(a), metric.fromReduced(b));
      }
    });
    return out;
  }

  /**
   * The medoid silhouette of every row: {@code s = 1 - d1 / d2} with {@code d1}, {@code d2} the distances to the
   * nearest and the second nearest prototype; {@code s = 1} when {@code d1 = 0} (also when {@code d2 = 0}).
   *
   * @param x the data, row-major, {@code d} columns
   * @param d number of columns
   * @param n number of rows
   * @param prototypes {@code k x d} prototypes, row-major
   * @param k number of prototypes, at least 2
   * @param metric the distance
   * @param parallelism threads, at least 1
   * @param nearest receives the position of each row's nearest prototype (the first of equally near ones)
   * @return one value per row
   */
  public static double[] medoid(double[] x, int d, int n, double[] prototypes, int k, Metric metric,
      int parallelism, int[] nearest) {
    final int kind = kind(metric);
    final double[] out = new double[n];
    int tasks = (n + CHUNK - 1) / CHUNK;
    Parallel.run(parallelism, tasks, (task, worker) -> {
      int end = Math.min(n, (task + 1) * CHUNK);
      for (int i = task * CHUNK; i < end; i++) {
        int off = i * d;
        double r1 = Double.POSITIVE_INFINITY;
        double r2 = Double.POSITIVE_INFINITY;
        int best = -1;
        for (int c = 0; c < k; c++) {
          double r = reduced(x, off, prototypes, c * d, d, kind);
          if (r < r1) {
            r2 = r1;
            r1 = r;
            best = c;
          } else if (r < r2) {
            r2 = r;
          }
        }
        nearest[i] = best;
        double d1 = metric.fromReduced(r1);
        // 0 / 0 counts as 0 when a row lies on two medoids, as in the kmedoids package of the paper's authors
        out[i] = d1 == 0 ? 1.0 : 1.0 - d1 / metric.fromReduced(r2);
      }
    });
    return out;
  }

  private static double value(double a, double b) {
    double max = Math.max(a, b);
    return max > 0 ? (b - a) / max : 0.0; // a = b = 0 (copies of the centroids) is 0, not 0 / 0
  }

  private static int kind(Metric metric) {
    switch (metric) {
      case EUCLIDEAN:
        return EUCLIDEAN;
      case MANHATTAN:
        return MANHATTAN;
      case CHEBYSHEV:
        return CHEBYSHEV;
      default:
        throw new AssertionError(metric);
    }
  }

  /** The reduced distance, as {@link Metric#reducedDistance} computes it (same order of operations). */
  private static double reduced(double[] x, int xo, double[] p, int po, int d, int kind) {
    double s = 0;
    if (kind == EUCLIDEAN) {
      for (int t = 0; t < d; t++) {
        double g = x[xo + t] - p[po + t];
        s += g * g;
      }
    } else if (kind == MANHATTAN) {
      for (int t = 0; t < d; t++) {
        s += Math.abs(x[xo + t] - p[po + t]);
      }
    } else {
      for (int t = 0; t < d; t++) {
        double g = Math.abs(x[xo + t] - p[po + t]);
        if (g > s) {
          s = g;
        }
      }
    }
    return s;
  }
}
