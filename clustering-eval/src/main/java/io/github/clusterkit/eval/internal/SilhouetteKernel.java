package io.github.clusterkit.eval.internal;

import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;

/**
 * Exact silhouette values (Rousseeuw 1987, doi:10.1016/0377-0427(87)90125-7) with Euclidean, Manhattan or Chebyshev
 * distances ({@link Metric}), in memory linear in the number of points.
 *
 * <p>Points are reordered so that each cluster of two or more points is contiguous, followed by the
 * singleton clusters. The coordinates are copied column by column, so that the inner loop over a block of
 * columns is a plain vectorisable loop. For every pair {@code i < j} the distance is computed once and added
 * both to the sum of row {@code i} over {@code j}'s cluster and to the sum of row {@code j} over {@code i}'s
 * cluster ("symmetric" mode). For singleton clusters only the nearest one matters (the mean distance to a
 * one-point cluster is the distance to that point), so they are reduced by a minimum instead of a sum.
 *
 * <p>Work is split into tasks of {@value #STRIPE} rows of one cluster. A task keeps its row sums and its
 * column sums in scratch space and adds them to the shared sums afterwards, in task order within each
 * cluster; each shared sum is therefore always formed in the same order, and the result does not depend on
 * the number of threads. When {@code points x clusters} would need more than {@value #MAX_SUMS} sums, the
 * kernel switches to a row-by-row mode that computes every pair twice but needs only
 * {@code STRIPE x clusters} sums per thread.
 *
 * <p><b>Metrics.</b> The Euclidean loops (one for each of one to three columns, one for more) are those of the
 * Euclidean-only kernel, so its values are the same bits. Manhattan and Chebyshev distances have a loop for two columns
 * and one general path, which forms each distance column by column as {@link Metric#reducedDistance} does (the sum of
 * absolute gaps, or their maximum, in column order: the bits of SciPy's {@code cdist}). For one column every metric
 * is the absolute gap, which the shared one-column loop computes. Singleton clusters are reduced by the minimum of
 * the reduced distance (squared for Euclidean), taken to a distance once.
 */
public final class SilhouetteKernel {

  /** Rows per task. */
  static final int STRIPE = 256;
  /** Columns per block (kept in the first-level cache with the rows of a task). */
  static final int BLOCK = 1024;
  /** Largest number of shared sums (8 bytes each) before the row-by-row mode is used. */
  static final long MAX_SUMS = 1L << 24;

  private final int m;
  private final int d;
  private final boolean euclidean; // else MANHATTAN or CHEBYSHEV, told apart by chebyshev
  private final boolean chebyshev;
  private final double[][] xc; // one array per column: xc[t][p]
  private final int kR; // clusters with >= 2 points
  private final int[] start; // start[r] .. start[r + 1]: positions of real cluster r
  private final int mR; // positions [0, mR) are in real clusters, [mR, m) are singletons
  private final int[] position; // position of selected row q
  private final int[] clusterOfPosition; // real cluster of position p < mR

  private SilhouetteKernel(double[] values, int d, int[] rows, int[] cl, int k, Metric metric) {
    int m = rows.length;
    this.m = m;
    this.d = d;
    this.euclidean = metric == Metric.EUCLIDEAN;
    this.chebyshev = metric == Metric.CHEBYSHEV;
    int[] size = new int[k];
    for (int q = 0; q < m; q++) {
      size[cl[q]]++;
    }
    int[] realId = new int[k];
    int kR = 0;
    for (int c = 0; c < k; c++) {
      realId[c] = size[c] >= 2 ? kR++ : -1;
    }
    this.kR = kR;
    int[] start = new int[kR + 1];
    for (int c = 0; c < k; c++) {
      if (realId[c] >= 0) {
        start[realId[c] + 1] = size[c];
      }
    }
    for (int r = 0; r < kR; r++) {
      start[r + 1] += start[r];
    }
    this.start = start;
    this.mR = start[kR];
    int[] fill = Arrays.copyOf(start, kR);
    int nextSingleton = mR;
    this.position = new int[m];
    this.clusterOfPosition = new int[mR];
    for (int q = 0; q < m; q++) {
      int r = realId[cl[q]];
      int p;
      if (r >= 0) {
        p = fill[r]++;
        clusterOfPosition[p] = r;
      } else {
        p = nextSingleton++;
      }
      position[q] = p;
    }
    this.xc = new double[d][m];
    for (int q = 0; q < m; q++) {
      int off = rows[q] * d;
      int p = position[q];
      for (int t = 0; t < d; t++) {
        xc[t][p] = values[off + t];
      }
    }
  }

  /**
   * @param values the data, row-major, {@code d} columns
   * @param d number of columns
   * @param rows the rows to score, each evaluated against the others in this list only
   * @param cl cluster id in {@code [0, k)} of each listed row
   * @param k number of cluster ids (some may be empty)
   * @param parallelism threads to use, at least 1
   * @return the silhouette of each listed row, in list order
   */
  public static double[] compute(double[] values, int d, int[] rows, int[] cl, int k, int parallelism) {
    return compute(values, d, rows, cl, k, parallelism, Metric.EUCLIDEAN, false);
  }

  /**
   * As {@link #compute(double[], int, int[], int[], int, int)} with the given distance.
   *
   * @param values the data, row-major, {@code d} columns
   * @param d number of columns
   * @param rows the rows to score
   * @param cl cluster id in {@code [0, k)} of each listed row
   * @param k number of cluster ids
   * @param parallelism threads to use, at least 1
   * @param metric the distance (not null)
   * @return the silhouette of each listed row, in list order
   */
  public static double[] compute(double[] values, int d, int[] rows, int[] cl, int k, int parallelism,
      Metric metric) {
    return compute(values, d, rows, cl, k, parallelism, metric, false);
  }

  /** As {@link #compute(double[], int, int[], int[], int, int, Metric)}; tests may force the row-by-row mode. */
  static double[] compute(double[] values, int d, int[] rows, int[] cl, int k, int parallelism, Metric metric,
      boolean forceRowByRow) {
    SilhouetteKernel kernel = new SilhouetteKernel(values, d, rows, cl, k, metric);
    double[] sp = !forceRowByRow && (long) kernel.mR * kernel.kR <= MAX_SUMS
        ? kernel.symmetric(parallelism) : kernel.rowByRow(parallelism);
    double[] out = new double[rows.length];
    for (int q = 0; q < out.length; q++) {
      out[q] = sp[kernel.position[q]];
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------------
  // Symmetric mode.

  private double[] symmetric(int parallelism) {
    final int kR = this.kR;
    final int mR = this.mR;
    int tasks = 0;
    for (int r = 0; r < kR; r++) {
      tasks += (start[r + 1] - start[r] + STRIPE - 1) / STRIPE;
    }
    final int[] taskCluster = new int[tasks];
    final int[] taskRow0 = new int[tasks];
    final int[] taskSeq = new int[tasks];
    int t = 0;
    for (int r = 0; r < kR; r++) {
      for (int p = start[r], s = 0; p < start[r + 1]; p += STRIPE, s++) {
        taskCluster[t] = r;
        taskRow0[t] = p;
        taskSeq[t] = s;
        t++;
      }
    }
    final double[] sums = new double[mR * kR];
    final double[] minSingleton = new double[mR];
    Arrays.fill(minSingleton, Double.POSITIVE_INFINITY);
    final int workers = Parallel.workers(parallelism, tasks);
    final double[][] colScratch = new double[workers][];
    final double[][] rowScratch = new double[workers][];
    final double[][] bufScratch = new double[workers][];
    final Flush flush = new Flush(kR);
    final boolean euclideanLoops = euclidean || d == 1; // one column: every metric is the absolute gap
    Parallel.run(parallelism, tasks, (task, worker) -> {
      try {
        if (colScratch[worker] == null) {
          colScratch[worker] = new double[mR];
          rowScratch[worker] = new double[STRIPE * kR];
          bufScratch[worker] = new double[BLOCK];
        }
        int a = taskCluster[task];
        int r0 = taskRow0[task];
        int r1 = Math.min(r0 + STRIPE, start[a + 1]);
        double[] col = colScratch[worker];
        double[] rowAcc = rowScratch[worker];
        Arrays.fill(col, r0, mR, 0.0);
        Arrays.fill(rowAcc, 0.0);
        for (int b = a; b < kR; b++) {
          int cs = start[b];
          int ce = start[b + 1];
          for (int jb = cs; jb < ce; jb += BLOCK) {
            int je = Math.min(jb + BLOCK, ce);
            for (int i = r0; i < r1; i++) {
              int j0 = b == a ? Math.max(jb, i + 1) : jb;
              if (j0 < je) {
                rowAcc[(i - r0) * kR + b] += euclideanLoops
                    ? pairSums(i, j0, je, col, bufScratch[worker]) : otherPairSums(i, j0, je, col, bufScratch[worker]);
              }
            }
          }
        }
        if (mR < m) {
          for (int jb = mR; jb < m; jb += BLOCK) {
            int je = Math.min(jb + BLOCK, m);
            for (int i = r0; i < r1; i++) {
              minSingleton[i] = Math.min(minSingleton[i], minReduced(i, jb, je, bufScratch[worker]));
            }
          }
        }
        flush.await(a, taskSeq[task]);
        for (int i = r0; i < r1; i++) {
          int off = i * kR;
          int roff = (i - r0) * kR;
          for (int b = a; b < kR; b++) {
            sums[off + b] += rowAcc[roff + b];
          }
        }
        for (int j = r0; j < mR; j++) {
          sums[j * kR + a] += col[j];
        }
        flush.done(a);
      } catch (RuntimeException | Error e) {
        flush.fail();
        throw e;
      }
    });
    double[] s = new double[m];
    for (int p = 0; p < mR; p++) {
      int a = clusterOfPosition[p];
      double own = sums[p * kR + a] / (start[a + 1] - start[a] - 1);
      double near = fromReduced(minSingleton[p]);
      for (int b = 0; b < kR; b++) {
        if (b != a) {
          double mean = sums[p * kR + b] / (start[b + 1] - start[b]);
          if (mean < near) {
            near = mean;
          }
        }
      }
      s[p] = value(own, near);
    }
    return s; // singletons keep 0
  }

  /** Orders the additions into the shared sums: per cluster, tasks flush in stripe order. */
  private static final class Flush {
    private final int[] turn;
    private boolean failed;

    Flush(int k) {
      turn = new int[k];
    }

    synchronized void await(int cluster, int seq) throws InterruptedException {
      while (turn[cluster] != seq) {
        if (failed) {
          throw new IllegalStateException("silhouette computation aborted by a failure in another thread");
        }
        wait();
      }
    }

    synchronized void done(int cluster) {
      turn[cluster]++;
      notifyAll();
    }

    synchronized void fail() {
      failed = true;
      notifyAll();
    }
  }

  /**
   * Sum of Euclidean distances (or, for one column, of absolute gaps: any metric's distance) from position {@code i}
   * to positions {@code [j0, je)}; each distance is also added to {@code col[j]}.
   */
  private double pairSums(int i, int j0, int je, double[] col, double[] buf) {
    double acc = 0;
    switch (d) {
      case 1: {
        final double[] x = xc[0];
        double xi = x[i];
        for (int j = j0; j < je; j++) {
          double dd = Math.abs(xi - x[j]);
          col[j] += dd;
          acc += dd;
        }
        return acc;
      }
      case 2: {
        final double[] x = xc[0];
        final double[] y = xc[1];
        double xi = x[i];
        double yi = y[i];
        for (int j = j0; j < je; j++) {
          double dx = xi - x[j];
          double dy = yi - y[j];
          double dd = Math.sqrt(dx * dx + dy * dy);
          col[j] += dd;
          acc += dd;
        }
        return acc;
      }
      case 3: {
        final double[] x = xc[0];
        final double[] y = xc[1];
        final double[] z = xc[2];
        double xi = x[i];
        double yi = y[i];
        double zi = z[i];
        for (int j = j0; j < je; j++) {
          double dx = xi - x[j];
          double dy = yi - y[j];
          double dz = zi - z[j];
          double dd = Math.sqrt(dx * dx + dy * dy + dz * dz);
          col[j] += dd;
          acc += dd;
        }
        return acc;
      }
      default: {
        squaredDistances(i, j0, je, buf);
        for (int j = j0; j < je; j++) {
          double dd = Math.sqrt(buf[j - j0]);
          col[j] += dd;
          acc += dd;
        }
        return acc;
      }
    }
  }

  /** {@link #pairSums} for Manhattan and Chebyshev distances, {@code d >= 2}. */
  private double otherPairSums(int i, int j0, int je, double[] col, double[] buf) {
    if (d == 2) { // the most common case, without the buffer's second pass
      final double[] x = xc[0];
      final double[] y = xc[1];
      double xi = x[i];
      double yi = y[i];
      double acc = 0;
      if (chebyshev) {
        for (int j = j0; j < je; j++) {
          double dd = Math.max(Math.abs(xi - x[j]), Math.abs(yi - y[j]));
          col[j] += dd;
          acc += dd;
        }
      } else {
        for (int j = j0; j < je; j++) {
          double dd = Math.abs(xi - x[j]) + Math.abs(yi - y[j]);
          col[j] += dd;
          acc += dd;
        }
      }
      return acc;
    }
    reducedDistances(i, j0, je, buf);
    double acc = 0;
    for (int j = j0; j < je; j++) {
      double dd = buf[j - j0];
      col[j] += dd;
      acc += dd;
    }
    return acc;
  }

  /**
   * {@code buf[j - j0]} = reduced distance between positions {@code i} and {@code j} (squared for Euclidean, the
   * distance for the others), any dimension.
   */
  private void reducedDistances(int i, int j0, int je, double[] buf) {
    if (euclidean) {
      squaredDistances(i, j0, je, buf);
      return;
    }
    final int len = je - j0;
    final double[] x0 = xc[0];
    double xi = x0[i];
    for (int j = 0; j < len; j++) {
      buf[j] = Math.abs(xi - x0[j0 + j]);
    }
    for (int t = 1; t < d; t++) {
      final double[] xt = xc[t];
      double v = xt[i];
      if (chebyshev) {
        for (int j = 0; j < len; j++) {
          buf[j] = Math.max(buf[j], Math.abs(v - xt[j0 + j]));
        }
      } else {
        for (int j = 0; j < len; j++) {
          buf[j] += Math.abs(v - xt[j0 + j]);
        }
      }
    }
  }

  /** The distance of a reduced distance. */
  private double fromReduced(double reduced) {
    return euclidean ? Math.sqrt(reduced) : reduced;
  }

  /** {@code buf[j - j0]} = squared distance between positions {@code i} and {@code j}, any dimension. */
  private void squaredDistances(int i, int j0, int je, double[] buf) {
    final int len = je - j0;
    final double[] x0 = xc[0];
    double xi = x0[i];
    for (int j = 0; j < len; j++) {
      double dx = xi - x0[j0 + j];
      buf[j] = dx * dx;
    }
    for (int t = 1; t < d; t++) {
      final double[] xt = xc[t];
      double v = xt[i];
      for (int j = 0; j < len; j++) {
        double dx = v - xt[j0 + j];
        buf[j] += dx * dx;
      }
    }
  }

  private double minReduced(int i, int j0, int je, double[] buf) {
    reducedDistances(i, j0, je, buf);
    double mn = Double.POSITIVE_INFINITY;
    for (int j = 0, len = je - j0; j < len; j++) {
      mn = Math.min(mn, buf[j]);
    }
    return mn;
  }

  private static double value(double own, double near) {
    double max = Math.max(own, near);
    return max > 0 ? (near - own) / max : 0.0; // 0/0 (duplicates) is 0, as in scikit-learn
  }

  // ------------------------------------------------------------------------------------------------------
  // Row-by-row mode (many clusters): every row sums its distances to all clusters itself.

  private double[] rowByRow(int parallelism) {
    final int kR = this.kR;
    int tasks = (mR + STRIPE - 1) / STRIPE;
    final double[] s = new double[m];
    final int workers = Parallel.workers(parallelism, tasks);
    final double[][] rowScratch = new double[workers][];
    final double[][] bufScratch = new double[workers][];
    final double[][] minScratch = new double[workers][];
    Parallel.run(parallelism, tasks, (task, worker) -> {
      if (rowScratch[worker] == null) {
        rowScratch[worker] = new double[STRIPE * kR];
        bufScratch[worker] = new double[BLOCK];
        minScratch[worker] = new double[STRIPE];
      }
      double[] rowAcc = rowScratch[worker];
      double[] buf = bufScratch[worker];
      double[] mins = minScratch[worker];
      int r0 = task * STRIPE;
      int r1 = Math.min(r0 + STRIPE, mR);
      Arrays.fill(rowAcc, 0.0);
      Arrays.fill(mins, Double.POSITIVE_INFINITY);
      for (int b = 0; b < kR; b++) {
        int cs = start[b];
        int ce = start[b + 1];
        for (int jb = cs; jb < ce; jb += BLOCK) {
          int je = Math.min(jb + BLOCK, ce);
          for (int i = r0; i < r1; i++) {
            double acc = 0;
            if (euclidean) {
              squaredDistances(i, jb, je, buf);
              for (int j = 0, len = je - jb; j < len; j++) {
                acc += Math.sqrt(buf[j]);
              }
            } else {
              reducedDistances(i, jb, je, buf);
              for (int j = 0, len = je - jb; j < len; j++) {
                acc += buf[j];
              }
            }
            rowAcc[(i - r0) * kR + b] += acc;
          }
        }
      }
      for (int jb = mR; jb < m; jb += BLOCK) {
        int je = Math.min(jb + BLOCK, m);
        for (int i = r0; i < r1; i++) {
          mins[i - r0] = Math.min(mins[i - r0], minReduced(i, jb, je, buf));
        }
      }
      for (int i = r0; i < r1; i++) {
        int a = clusterOfPosition[i];
        int roff = (i - r0) * kR;
        double own = rowAcc[roff + a] / (start[a + 1] - start[a] - 1); // the self-distance adds 0
        double near = fromReduced(mins[i - r0]);
        for (int b = 0; b < kR; b++) {
          if (b != a) {
            double mean = rowAcc[roff + b] / (start[b + 1] - start[b]);
            if (mean < near) {
              near = mean;
            }
          }
        }
        s[i] = value(own, near);
      }
    });
    return s;
  }
}
