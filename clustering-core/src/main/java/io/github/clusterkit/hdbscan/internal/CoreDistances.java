package io.github.clusterkit.hdbscan.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;

/**
 * HDBSCAN*'s core distances (Campello, Moulavi, Zimek and Sander 2015, doi:10.1145/2733381): the distance from each
 * row to its k-th nearest row, the row itself counted first (so {@code k = 1} gives 0, and a row with at least
 * {@code k - 1} exact copies has 0). Computed in the metric's reduced space (squared for Euclidean) with a k-d tree
 * and converted once: each value is {@code metric.fromReduced(metric.reducedDistance(row, kth row))}, bit for bit.
 * Data beyond {@code 2^201} or below {@code 2^-200} in magnitude are measured after an exact power-of-two scaling,
 * as by the neighbour search ({@code Scale}). Rows are independent: the result does not depend on the thread count.
 */
public final class CoreDistances {

  /** Positions per chunk (fixed, so chunks do not depend on the thread count). */
  private static final int CHUNK = 512;

  private CoreDistances() {}

  /**
   * @param data the rows
   * @param metric the metric
   * @param k the neighbour counted as the core, itself included, in {@code [1, n]}
   * @param threads threads, {@code >= 1}
   * @return the core distance of every row, in row order (a new array)
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public static double[] compute(Dataset data, Metric metric, int k, int threads) {
    check(data, metric, threads);
    int n = data.size();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, n = " + n + "], got " + k);
    }
    int e = Scale.exponent(data);
    try (ChunkRunner runner = new ChunkRunner(threads)) {
      MrdTree t = new MrdTree(Scale.values(data, e), n, data.dimension(), metric, runner);
      double[] at = reducedAt(t, k, runner);
      double[] core = new double[n];
      for (int p = 0; p < n; p++) {
        core[t.perm[p]] = Math.scalb(metric.fromReduced(at[p]), e);
      }
      return core;
    }
  }

  static void check(Dataset data, Metric metric, int threads) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /** The worker's heap of {@code k} values, made at its first chunk and reused for its others. */
  private static double[] heap(double[][] heaps, int worker, int k) {
    double[] heap = heaps[worker];
    if (heap == null) {
      heap = new double[k];
      heaps[worker] = heap;
    }
    return heap;
  }

  /** The reduced k-th nearest distance of every position of the tree. */
  static double[] reducedAt(MrdTree t, int k, ChunkRunner runner) {
    int n = t.n;
    double[] at = new double[n];
    if (k == 1) {
      return at;
    }
    double[][] heaps = new double[runner.parallelism()][];
    runner.run(ChunkRunner.chunks(n, CHUNK), (c, worker) -> {
      double[] heap = heap(heaps, worker, k);
      int end = (int) Math.min(n, (c + 1L) * CHUNK);
      int first = c * CHUNK;
      for (int p = first; p < end; p++) {
        // a copy of the row before has its core distance (within the chunk, so that no chunk reads another's)
        at[p] = p > first && t.copyOfPrevious[p] ? at[p - 1] : t.kth(p, k, heap);
      }
    });
    return at;
  }

  /**
   * The reduced k-th nearest distance of every position with the positions of its {@code k} nearest rows (itself
   * among them) and the least distance its search left out, as {@link MrdTree#kthList}; a copy of the row before it
   * takes that row's distance and lists nothing (its least distance left out is {@code -infinity}).
   *
   * @param k {@code >= 2}
   */
  static Lists reducedLists(MrdTree t, int k, ChunkRunner runner) {
    int n = t.n;
    Lists l = new Lists(k, new double[n], new int[Math.multiplyExact(n, k)], new double[n]);
    double[][] heaps = new double[runner.parallelism()][];
    runner.run(ChunkRunner.chunks(n, CHUNK), (c, worker) -> {
      double[] heap = heap(heaps, worker, k);
      int end = (int) Math.min(n, (c + 1L) * CHUNK);
      int first = c * CHUNK;
      for (int p = first; p < end; p++) {
        if (p > first && t.copyOfPrevious[p]) {
          l.at[p] = l.at[p - 1];
          l.left[p] = Double.NEGATIVE_INFINITY;
        } else {
          l.at[p] = t.kthList(p, k, heap, l.idx, p * k, l.left);
        }
      }
    });
    return l;
  }

  /** The k nearest rows of every position: see {@link #reducedLists}. */
  static final class Lists {
    final int k;
    /** The reduced k-th nearest distance by position. */
    final double[] at;
    /** The positions of the k nearest rows of position {@code p} at {@code [p * k, p * k + k)}. */
    final int[] idx;
    /** The least reduced distance of a row not listed, by position: every row nearer is listed. */
    final double[] left;

    Lists(int k, double[] at, int[] idx, double[] left) {
      this.k = k;
      this.at = at;
      this.idx = idx;
      this.left = left;
    }
  }
}
