package io.github.clusterkit.hierarchical.internal;

import io.github.clusterkit.neighbors.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills SciPy's condensed distance matrix, optionally on a private pool. Every entry is computed on its
 * own, so the matrix is bit for bit the same for every thread count; rows are split into a fixed number of
 * chunks of about equal work. Not API.
 */
public final class MatrixFill {

  private MatrixFill() {}

  /**
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code 2 <= n <= 65536}
   * @param d dimension
   * @param metric the metric
   * @param threads number of threads, {@code >= 1}; a pool is created and shut down when {@code > 1}
   * @return the condensed matrix, {@code n (n - 1) / 2} entries in {@code pdist} order
   */
  public static double[] condensed(double[] v, int n, int d, Metric metric, int threads) {
    int metricCode = Kernels.code(metric);
    double[] dist = new double[(int) ((long) n * (n - 1) / 2)];
    int[] start = CondensedNnChain.rowStarts(n);
    if (threads <= 1 || n < 512) {
      fillRows(v, n, d, metricCode, dist, start, 0, n - 1);
      return dist;
    }
    // Fixed chunking: 8 chunks per thread, boundaries at equal shares of the n(n-1)/2 entries.
    int chunks = 8 * threads;
    int[] bounds = new int[chunks + 1];
    long total = (long) n * (n - 1) / 2;
    int row = 0;
    long done = 0;
    for (int c = 1; c < chunks; c++) {
      long target = total * c / chunks;
      while (row < n - 1 && done < target) {
        done += n - 1 - row;
        row++;
      }
      bounds[c] = row;
    }
    bounds[chunks] = n - 1;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "clusterkit-hierarchical");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(chunks);
      for (int c = 0; c < chunks; c++) {
        int lo = bounds[c];
        int hi = bounds[c + 1];
        futures.add(pool.submit(() -> fillRows(v, n, d, metricCode, dist, start, lo, hi)));
      }
      for (int c = 0; c < chunks; c++) {
        futures.get(c).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing distances", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
    return dist;
  }

  private static void fillRows(double[] v, int n, int d, int metricCode, double[] dist, int[] start, int lo,
      int hi) {
    for (int i = lo; i < hi; i++) {
      Kernels.rowTail(v, n, d, i, metricCode, dist, start[i] + i + 1);
    }
  }
}
