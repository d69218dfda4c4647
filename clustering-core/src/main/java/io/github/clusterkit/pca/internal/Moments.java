package io.github.clusterkit.pca.internal;

import io.github.clusterkit.internal.ChunkRunner;

/**
 * Column means, the scatter matrix of the centred rows and the projection extremes that fix component
 * signs, each computed over fixed row chunks that depend only on {@code n} and {@code d}; partial results
 * are reduced in chunk order, so every result is identical for any thread count. Not API.
 *
 * <p>The scatter is the corrected two-pass algorithm (Chan, Golub and LeVeque 1983,
 * doi:10.1080/00031305.1983.10483115): a first pass computes the mean {@code m}, the second accumulates
 * {@code S = sum (x - m)(x - m)^T} together with {@code c = sum (x - m)} and returns
 * {@code S - c c^T / n} with the mean corrected to {@code m + c / n}, which removes the rounding error of
 * the first pass to first order.
 */
public final class Moments {

  /** Upper bound on the number of chunks, enough for load balance on small machines. */
  private static final int MAX_CHUNKS = 64;
  /** Fewer rows than this per chunk are not worth a task. */
  private static final int MIN_CHUNK_ROWS = 4096;
  /** Upper bound on the doubles held by all per-chunk scatter partials together (32 MiB). */
  private static final long MAX_PARTIAL_DOUBLES = 1L << 22;

  private Moments() {}

  /**
   * Number of rows per chunk, a function of the shape only (never of the thread count).
   *
   * @param n rows
   * @param d columns
   * @return rows per chunk, at least 1
   */
  public static int chunkRows(int n, int d) {
    long dp = d + (d & 1);
    long byMemory = Math.max(1L, MAX_PARTIAL_DOUBLES / (dp * dp));
    long chunks = Math.min(MAX_CHUNKS, byMemory);
    long rows = Math.max(MIN_CHUNK_ROWS, (n + chunks - 1) / chunks);
    return (int) Math.min(rows, Math.max(1, n));
  }

  /**
   * @param n rows
   * @param chunkRows rows per chunk
   * @return number of chunks
   */
  public static int chunkCount(int n, int chunkRows) {
    return (n + chunkRows - 1) / chunkRows;
  }

  /**
   * Whether all rows are identical (exact comparison); stops at the first difference, so it usually
   * costs almost nothing.
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @return true if every row equals row 0
   */
  public static boolean allRowsEqual(double[] x, int n, int d) {
    for (int k = d, end = n * d; k < end; k++) {
      if (x[k] != x[k % d]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Column means by chunked summation.
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param runner task runner
   * @return the {@code d} column means
   */
  public static double[] mean(double[] x, int n, int d, ChunkRunner runner) {
    int rows = chunkRows(n, d);
    int chunks = chunkCount(n, rows);
    double[][] partial = new double[chunks][];
    runner.run(
        chunks,
        c -> {
          double[] s = new double[d];
          int end = (int) Math.min(n, (long) (c + 1) * rows);
          for (int i = c * rows; i < end; i++) {
            int o = i * d;
            for (int a = 0; a < d; a++) {
              s[a] += x[o + a];
            }
          }
          partial[c] = s;
        });
    double[] mean = new double[d];
    for (int c = 0; c < chunks; c++) {
      double[] s = partial[c];
      for (int a = 0; a < d; a++) {
        mean[a] += s[a];
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] /= n;
    }
    return mean;
  }

  /**
   * The scatter matrix {@code sum (x - m)(x - m)^T} of the centred rows (corrected two-pass), computed in
   * cache-sized blocks. Corrects {@code mean} in place to {@code m + c / n}.
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param mean column means from {@link #mean}; corrected in place
   * @param runner task runner
   * @return the symmetric {@code d x d} scatter matrix, row-major
   */
  public static double[] scatter(double[] x, int n, int d, double[] mean, ChunkRunner runner) {
    int rows = chunkRows(n, d);
    int chunks = chunkCount(n, rows);
    int dp = d + (d & 1);
    int block = blockRows(d);
    double[][] partialS = new double[chunks][];
    double[][] partialC = new double[chunks][];
    runner.run(
        chunks,
        c -> {
          double[] s = new double[dp * dp];
          double[] corr = new double[d];
          double[] buf = new double[dp * block];
          int end = (int) Math.min(n, (long) (c + 1) * rows);
          for (int i0 = c * rows, len; i0 < end; i0 += len) {
            len = Math.min(block, end - i0);
            centreBlock(x, d, mean, i0, len, buf, block, corr);
            accumulate(buf, block, len, dp, s);
          }
          partialS[c] = s;
          partialC[c] = corr;
        });
    double[] s = new double[d * d];
    double[] corr = new double[d];
    for (int c = 0; c < chunks; c++) {
      double[] ps = partialS[c];
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          s[a * d + b] += ps[a * dp + b];
        }
      }
      double[] pc = partialC[c];
      for (int a = 0; a < d; a++) {
        corr[a] += pc[a];
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double v = s[a * d + b] - corr[a] * corr[b] / n;
        s[a * d + b] = v;
        s[b * d + a] = v;
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] += corr[a] / n;
    }
    return s;
  }

  /** Copies rows {@code i0 .. i0+len-1}, centred, column-major into {@code buf} (stride {@code block}). */
  private static void centreBlock(
      double[] x, int d, double[] mean, int i0, int len, double[] buf, int block, double[] corr) {
    for (int i = 0; i < len; i++) {
      int o = (i0 + i) * d;
      for (int a = 0; a < d; a++) {
        double v = x[o + a] - mean[a];
        buf[a * block + i] = v;
        corr[a] += v;
      }
    }
  }

  /**
   * Adds the upper triangle (and some of the lower one, which is ignored) of {@code B^T B} for the block's
   * {@code len} rows to {@code s}, in 2 x 2 register tiles; {@code dp} is even and the padding column of
   * {@code buf} is zero.
   */
  private static void accumulate(double[] buf, int block, int len, int dp, double[] s) {
    for (int a = 0; a < dp; a += 2) {
      int oa0 = a * block;
      int oa1 = oa0 + block;
      for (int b = a; b < dp; b += 2) {
        int ob0 = b * block;
        int ob1 = ob0 + block;
        double s00 = 0;
        double s01 = 0;
        double s10 = 0;
        double s11 = 0;
        for (int i = 0; i < len; i++) {
          double x0 = buf[oa0 + i];
          double x1 = buf[oa1 + i];
          double y0 = buf[ob0 + i];
          double y1 = buf[ob1 + i];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        int o = a * dp + b;
        s[o] += s00;
        s[o + 1] += s01;
        s[o + dp] += s10;
        s[o + dp + 1] += s11;
      }
    }
  }

  /**
   * For each of the {@code k} unit vectors in {@code v} (row-major {@code k x d}), the projection
   * {@code (x_i - mean) . v_j} of largest absolute value over all rows, taking the first row on ties (the
   * rule of numpy's argmax used by scikit-learn's {@code svd_flip}).
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param mean column means
   * @param v {@code k x d} directions, row-major
   * @param k number of directions
   * @param runner task runner
   * @return for each direction the signed projection of largest magnitude
   */
  public static double[] extremeProjections(
      double[] x, int n, int d, double[] mean, double[] v, int k, ChunkRunner runner) {
    int rows = chunkRows(n, d);
    int chunks = chunkCount(n, rows);
    int block = blockRows(d);
    double[][] partial = new double[chunks][];
    runner.run(
        chunks,
        c -> {
          double[] best = new double[2 * k];
          double[] buf = new double[d * block];
          double[] p = new double[block];
          double[] unused = new double[d];
          int end = (int) Math.min(n, (long) (c + 1) * rows);
          for (int i0 = c * rows, len; i0 < end; i0 += len) {
            len = Math.min(block, end - i0);
            centreBlock(x, d, mean, i0, len, buf, block, unused);
            for (int j = 0; j < k; j++) {
              int ov = j * d;
              project(buf, block, len, d, v, ov, p);
              double bestAbs = best[2 * j];
              double bestVal = best[2 * j + 1];
              for (int i = 0; i < len; i++) {
                double abs = Math.abs(p[i]);
                if (abs > bestAbs) {
                  bestAbs = abs;
                  bestVal = p[i];
                }
              }
              best[2 * j] = bestAbs;
              best[2 * j + 1] = bestVal;
            }
          }
          partial[c] = best;
        });
    double[] bestAbs = new double[k];
    double[] out = new double[k];
    for (int c = 0; c < chunks; c++) {
      double[] b = partial[c];
      for (int j = 0; j < k; j++) {
        if (b[2 * j] > bestAbs[j]) {
          bestAbs[j] = b[2 * j];
          out[j] = b[2 * j + 1];
        }
      }
    }
    return out;
  }

  /**
   * {@code p[i] = sum_a buf[a][i] * v[ov + a]} for the block's rows, summed in the order
   * {@code a = 0, 1, ..., d - 1} (the order of a row-wise dot product, so the result equals
   * {@code PcaModel.transform} bit for bit); four columns per sweep over {@code p} to save memory traffic.
   */
  static void project(double[] buf, int block, int len, int d, double[] v, int ov, double[] p) {
    double w0 = v[ov];
    for (int i = 0; i < len; i++) {
      p[i] = buf[i] * w0;
    }
    int a = 1;
    for (; a + 3 < d; a += 4) {
      double wa = v[ov + a];
      double wb = v[ov + a + 1];
      double wc = v[ov + a + 2];
      double wd = v[ov + a + 3];
      int oa = a * block;
      int ob = oa + block;
      int oc = ob + block;
      int od = oc + block;
      for (int i = 0; i < len; i++) {
        p[i] = p[i] + buf[oa + i] * wa + buf[ob + i] * wb + buf[oc + i] * wc + buf[od + i] * wd;
      }
    }
    for (; a < d; a++) {
      double w = v[ov + a];
      int oa = a * block;
      for (int i = 0; i < len; i++) {
        p[i] += buf[oa + i] * w;
      }
    }
  }

  /** Rows per cache block: the centred block, column-major, fills about 32 KiB. */
  private static int blockRows(int d) {
    int dp = d + (d & 1);
    return Math.max(16, Math.min(256, 4096 / dp));
  }
}
