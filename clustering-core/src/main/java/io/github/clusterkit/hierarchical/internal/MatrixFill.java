package io.github.clusterkit.hierarchical.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;

/**
 * Fills SciPy's condensed distance matrix and every point's nearest neighbour, optionally on several
 * threads: the caller's and workers of the library's cache ({@link ChunkRunner}), never more than
 * {@code threads} in all, and no new thread while the cache has idle workers. Every entry is computed on its
 * own (coordinates summed in order, as {@code pdist}), so the matrix is bit for bit the same for every thread
 * count; rows are split into a fixed number of chunks of about equal work. The data are first copied column
 * by column, so that each row of the matrix is a loop over contiguous arrays that the JIT compiler
 * vectorises. A failure in a chunk reaches the caller as is ({@link RuntimeException} or {@link Error}).
 * Interrupts are not acted upon: the calling thread's interrupt status is kept and the fill completes (the
 * private pool used before threw {@link IllegalStateException} when the caller was interrupted while
 * waiting for it). Not API.
 */
public final class MatrixFill {

  private MatrixFill() {}

  /**
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code 2 <= n <= 65536}
   * @param d dimension
   * @param metric the metric
   * @param threads number of threads, {@code >= 1}, the caller's included; library workers join when
   *     {@code > 1} and {@code n >= 1024}
   * @param nnVal output: each point's smallest distance to another point
   * @param nnIdx output: the smallest index at that distance
   * @return the condensed matrix, {@code n (n - 1) / 2} entries in {@code pdist} order
   */
  public static double[] condensed(double[] v, int n, int d, Metric metric, int threads, double[] nnVal,
      int[] nnIdx) {
    return condensed(v, n, d, metric, threads, nnVal, nnIdx, null);
  }

  /**
   * The condensed matrix of the rows taken in the order {@code order}: position {@code s} holds row
   * {@code order[s]}. Each entry has the bits of the same pair in the original order (a difference and its
   * negation have the same square and absolute value). Among equal distances the nearest neighbour is the
   * smallest original index, as in the original order; {@code nnIdx} holds positions.
   *
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code 2 <= n <= 65536}
   * @param d dimension
   * @param metric the metric
   * @param threads number of threads, {@code >= 1}
   * @param nnVal output: each position's smallest distance to another position
   * @param nnIdx output: the position, of the smallest original index, at that distance
   * @param order original row of each position, or null for the original order
   * @return the condensed matrix of the reordered rows
   */
  public static double[] condensed(double[] v, int n, int d, Metric metric, int threads, double[] nnVal,
      int[] nnIdx, int[] order) {
    return condensed(v, n, d, metric, threads, nnVal, nnIdx, order, null);
  }

  /**
   * As {@link #condensed(double[], int, int, Metric, int, double[], int[], int[])}, also filling the block
   * bounds of the matrix.
   *
   * @param v data, row-major (not modified)
   * @param n number of rows, {@code 2 <= n <= 65536}
   * @param d dimension
   * @param metric the metric
   * @param threads number of threads, {@code >= 1}
   * @param nnVal output: each position's smallest distance to another position
   * @param nnIdx output: the position, of the smallest original index, at that distance
   * @param order original row of each position, or null for the original order
   * @param blockBounds output, from {@link BlockBounds#forFill(int)} with {@code n} slots, or null
   * @return the condensed matrix of the reordered rows
   */
  public static double[] condensed(double[] v, int n, int d, Metric metric, int threads, double[] nnVal,
      int[] nnIdx, int[] order, BlockBounds blockBounds) {
    int metricCode = Kernels.code(metric);
    double[] dist = new double[(int) ((long) n * (n - 1) / 2)];
    int[] start = CondensedNnChain.rowStarts(n);
    double[][] cols = columns(v, n, d, order);
    Arrays.fill(nnVal, Double.POSITIVE_INFINITY);
    Arrays.fill(nnIdx, -1);
    double[] row = new double[n]; // row[j]: the distance from the current row to row j > it
    if (threads <= 1 || n < 1024) {
      double[] centre = new double[d];
      for (int i = 0; i < n - 1; i++) {
        rowDistances(cols, n, d, i, metricCode, row, centre);
        System.arraycopy(row, i + 1, dist, start[i] + i + 1, n - i - 1);
        neighbours(row, n, i, nnVal, nnIdx, order);
        if (blockBounds != null) {
          blockBounds.fillRow(row, n, i);
        }
      }
      return dist;
    }
    // Fixed chunking: 8 chunks per thread (as many threads as a runner uses at most), boundaries at equal shares of
    // the n(n-1)/2 entries; each entry is computed alone, so the chunks do not change the matrix.
    threads = Math.min(threads, ChunkRunner.MAX_PARALLELISM);
    int chunks = 8 * threads;
    int[] bounds = new int[chunks + 1];
    long total = (long) n * (n - 1) / 2;
    int next = 0;
    long done = 0;
    for (int c = 1; c < chunks; c++) {
      long target = total * c / chunks;
      while (next < n - 1 && done < target) {
        done += n - 1 - next;
        next++;
      }
      bounds[c] = next;
    }
    bounds[chunks] = n - 1;
    // Scratch rows per thread (slot), made by the slot's first chunk: a chunk fills whole rows of the matrix.
    double[][] parts = new double[threads][];
    double[][] centres = new double[threads][];
    try (ChunkRunner runner = new ChunkRunner(threads)) {
      runner.run(chunks, (c, slot) -> {
        double[] part = parts[slot];
        double[] centre = centres[slot];
        if (part == null) {
          part = new double[n];
          centre = new double[d];
          parts[slot] = part;
          centres[slot] = centre;
        }
        for (int i = bounds[c], hi = bounds[c + 1]; i < hi; i++) {
          rowDistances(cols, n, d, i, metricCode, part, centre);
          System.arraycopy(part, i + 1, dist, start[i] + i + 1, n - i - 1);
        }
      });
    }
    for (int i = 0; i < n - 1; i++) {
      System.arraycopy(dist, start[i] + i + 1, row, i + 1, n - i - 1);
      neighbours(row, n, i, nnVal, nnIdx, order);
      if (blockBounds != null) {
        blockBounds.fillRow(row, n, i);
      }
    }
    return dist;
  }

  /** The plain matrix, without neighbours (for the reference chain). */
  public static double[] condensed(double[] v, int n, int d, Metric metric) {
    return condensed(v, n, d, metric, 1, new double[n], new int[n]);
  }

  private static double[][] columns(double[] v, int n, int d, int[] order) {
    double[][] cols = new double[d][n];
    for (int i = 0; i < n; i++) {
      int r = order == null ? i : order[i];
      for (int c = 0; c < d; c++) {
        cols[c][i] = v[r * d + c];
      }
    }
    return cols;
  }

  /**
   * Row {@code i} ({@code row[j]}, the distance to each later point {@code j}) is the candidate list of every
   * later point, and its minimum is point {@code i}'s candidate among later points; rows are visited in
   * order, so strict comparisons keep the smallest index among equal distances.
   */
  static void neighbours(double[] row, int n, int i, double[] nnVal, int[] nnIdx, int[] order) {
    double best = nnVal[i];
    int bestIdx = nnIdx[i];
    if (order == null) {
      for (int j = i + 1; j < n; j++) {
        double v = row[j];
        if (v < best) {
          best = v;
          bestIdx = j;
        }
        if (v < nnVal[j]) {
          nnVal[j] = v;
          nnIdx[j] = i;
        }
      }
    } else {
      // Positions are not in index order: equal distances go to the smaller original index.
      int oi = order[i];
      for (int j = i + 1; j < n; j++) {
        double v = row[j];
        if (v <= best && (v < best || order[j] < order[bestIdx])) {
          best = v;
          bestIdx = j;
        }
        double w = nnVal[j];
        if (v <= w && (v < w || oi < order[nnIdx[j]])) {
          nnVal[j] = v;
          nnIdx[j] = i;
        }
      }
    }
    nnVal[i] = best;
    nnIdx[i] = bestIdx;
  }

  /**
   * Distances from row {@code i} to rows {@code j = i+1..n-1} into {@code row[j]}, coordinates summed in
   * order. Every loop indexes all its arrays by {@code j} itself, so that C2 vectorises it (square root
   * included); the row is copied into the matrix afterwards by {@link System#arraycopy}. Writing the roots
   * straight into the matrix, at an offset of their own, kept the loops scalar: at 10^4 x 10 the rows took
   * about 250 ms instead of about 70.
   *
   * @param row output, {@code n} long; entries {@code 0..i} are left alone
   * @param centre scratch, {@code d} long
   */
  static void rowDistances(double[][] cols, int n, int d, int i, int metric, double[] row, double[] centre) {
    int from = i + 1;
    for (int c = 0; c < d; c++) {
      centre[c] = cols[c][i];
    }
    if (metric == Kernels.EUCLIDEAN) {
      Kernels.squaredSumsAt(cols, centre, d, from, n, row);
      for (int j = from; j < n; j++) {
        row[j] = Math.sqrt(row[j]);
      }
      return;
    }
    boolean manhattan = metric == Kernels.MANHATTAN;
    double[] c0 = cols[0];
    double a0 = centre[0];
    for (int j = from; j < n; j++) {
      row[j] = Math.abs(a0 - c0[j]);
    }
    for (int c = 1; c < d; c++) {
      double[] cc = cols[c];
      double a = centre[c];
      if (manhattan) {
        for (int j = from; j < n; j++) {
          row[j] += Math.abs(a - cc[j]);
        }
      } else {
        for (int j = from; j < n; j++) {
          row[j] = Math.max(row[j], Math.abs(a - cc[j]));
        }
      }
    }
  }
}
