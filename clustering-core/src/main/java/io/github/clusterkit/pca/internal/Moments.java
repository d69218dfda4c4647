package io.github.clusterkit.pca.internal;

import io.github.clusterkit.internal.ChunkRunner;

/**
 * Column means and the scatter matrix of the centred rows, each computed over fixed row chunks that depend only on
 * {@code n} and {@code d}; partial results are reduced in chunk order, so every result is identical for any thread
 * count. Not API.
 *
 * <p>The scatter uses the corrected two-pass algorithm within each chunk and the pairwise combination
 * of chunks, both from Chan, Golub and LeVeque 1983 (doi:10.1080/00031305.1983.10483115): a chunk's
 * mean {@code m} is computed first, then {@code S = sum (x - m)(x - m)^T} together with
 * {@code c = sum (x - m)}, giving {@code S - c c^T / n_c} with the mean corrected to {@code m + c / n_c}
 * (which removes the rounding error of the first pass to first order).
 */
public final class Moments {

  /** Upper bound on the number of chunks, enough for load balance on small machines. */
  private static final int MAX_CHUNKS = 64;
  /**
   * Up to this many columns the scatter is summed in lanes ({@link #laneScatter}), above it by the rank-4 row
   * kernel ({@link #accumulateRows}). Whole PCA fits, one thread, 5 * 10^5 rows of the benchmark's blobs, medians
   * of 15, throwaway one-JVM harness: lanes against the register tiles they replaced, d = 4 3.9 / 4.9 ms (the
   * tiles' best run), d = 6 5.8 / 7.4 ms, d = 8 8.0 / 10.3 ms; after the lanes' centring went column by column
   * (d = 8 8.3 -> 5.9 ms), lanes against the row kernel: d = 12 10.7 / 13.2 ms, d = 16 16.8 / 17.1 ms, d = 20
   * 23.8 / 20.9 ms, d = 24 30.1 / 26.5 ms.
   */
  private static final int LANE_MAX_D = 16;
  /** Rows {@link #chunkSum} adds at a time. */
  private static final int SUM_ROWS = 8;
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
        c -> partial[c] = chunkSum(x, d, c * rows, (int) Math.min(n, (long) (c + 1) * rows)));
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
   * The column means and the scatter matrix {@code sum (x - m)(x - m)^T} of the centred rows, in one pass
   * over memory: each fixed row chunk (small enough to stay in cache) is summed for its own mean, then
   * re-read from cache to accumulate its scatter about that mean (corrected two-pass, in cache-sized
   * blocks); the chunks are combined in chunk order with the pairwise update of Chan, Golub and LeVeque,
   * {@code S = sum_c S_c + sum_c n_c (m_c - m)(m_c - m)^T}.
   *
   * @param x row-major values
   * @param n rows
   * @param d columns
   * @param mean receives the {@code d} column means
   * @param runner task runner
   * @return the symmetric {@code d x d} scatter matrix, row-major
   */
  public static double[] meanAndScatter(double[] x, int n, int d, double[] mean, ChunkRunner runner) {
    int rows = chunkRows(n, d);
    int chunks = chunkCount(n, rows);
    int dp = d + (d & 1);
    int block = blockRows(d);
    double[][] partialS = new double[chunks][];
    double[][] partialM = new double[chunks][];
    double[][] partialC = new double[chunks][];
    runner.run(
        chunks,
        c -> {
          int start = c * rows;
          int end = (int) Math.min(n, (long) (c + 1) * rows);
          int count = end - start;
          double[] m = chunkSum(x, d, start, end);
          for (int a = 0; a < d; a++) {
            m[a] /= count;
          }
          double[] s = new double[dp * dp];
          double[] corr = new double[d];
          if (d <= LANE_MAX_D) {
            laneScatter(x, d, dp, m, start, end, block, s, corr);
          } else {
            double[][] rowsBuf = new double[block][d];
            double[][] upper = new double[d][d];
            for (int i0 = start, len; i0 < end; i0 += len) {
              len = Math.min(block, end - i0);
              centreRows(x, d, m, i0, len, rowsBuf, corr);
              accumulateRows(rowsBuf, len, d, upper);
            }
            // the row kernel fills the upper triangle; the code below reads the lower one
            for (int a = 0; a < d; a++) {
              for (int b = a; b < d; b++) {
                s[b * dp + a] = upper[a][b];
              }
            }
          }
          double[] cm = new double[d];
          for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
              s[b * dp + a] -= corr[a] * corr[b] / count;
            }
            cm[a] = corr[a] / count;
          }
          partialS[c] = s;
          partialM[c] = m;
          partialC[c] = cm;
        });
    // The chunk means m + c / n_c are kept as offsets from the first chunk's first-pass mean, unrounded: rounded to
    // a double near the data, each chunk's corrected mean would lose the correction again (up to half the spacing
    // of the data), and n_c (m_c - m)^2 below would add that error back to the scatter squared (a column of values
    // a few spacings apart at 2^30 got a variance 0.8% off over two chunks).
    double[] ref = partialM[0];
    double[][] offset = new double[chunks][d];
    double[] meanOffset = new double[d];
    for (int c = 0; c < chunks; c++) {
      int count = (int) (Math.min(n, (long) (c + 1) * rows) - (long) c * rows);
      double[] m = partialM[c];
      double[] cm = partialC[c];
      double[] o = offset[c];
      for (int a = 0; a < d; a++) {
        o[a] = (m[a] - ref[a]) + cm[a];
        meanOffset[a] += count * o[a];
      }
    }
    for (int a = 0; a < d; a++) {
      meanOffset[a] /= n;
      mean[a] = ref[a] + meanOffset[a];
    }
    double[] s = new double[d * d];
    double[] delta = new double[d];
    for (int c = 0; c < chunks; c++) {
      int count = (int) (Math.min(n, (long) (c + 1) * rows) - (long) c * rows);
      double[] ps = partialS[c];
      double[] o = offset[c];
      for (int a = 0; a < d; a++) {
        delta[a] = o[a] - meanOffset[a];
      }
      for (int a = 0; a < d; a++) {
        double da = count * delta[a];
        for (int b = a; b < d; b++) {
          s[a * d + b] += ps[b * dp + a] + da * delta[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a + 1; b < d; b++) {
        s[b * d + a] = s[a * d + b];
      }
    }
    return s;
  }

  /**
   * The column sums of rows {@code [start, end)}: {@link #SUM_ROWS} rows at a time are copied into one array and
   * added, position by position, to as many partial sums per column (a loop over one index in two arrays, which
   * the JIT compiler vectorises), folded in row-residue order at the end; the last rows are added one by one.
   */
  private static double[] chunkSum(double[] x, int d, int start, int end) {
    int span = SUM_ROWS * d;
    double[] buf = new double[span];
    double[] acc = new double[span];
    int i = start;
    for (; i + SUM_ROWS <= end; i += SUM_ROWS) {
      System.arraycopy(x, i * d, buf, 0, span);
      for (int q = 0; q < span; q++) {
        acc[q] += buf[q];
      }
    }
    double[] m = new double[d];
    for (int r = 0; r < SUM_ROWS; r++) {
      for (int a = 0; a < d; a++) {
        m[a] += acc[r * d + a];
      }
    }
    for (; i < end; i++) {
      int o = i * d;
      for (int a = 0; a < d; a++) {
        m[a] += x[o + a];
      }
    }
    return m;
  }

  /**
   * Copies rows {@code i0 .. i0+len-1}, centred, into {@code rows[0 .. len-1]}: each row copied as it is, then
   * centred in place, so that the centring loop reads its arrays at the same index and is vectorised (the same
   * values; a whole PCA fit of 10^5 x 50, one thread, 15.9 ms instead of 17.5 ms, no change at 10^6 x 10).
   */
  private static void centreRows(
      double[] x, int d, double[] mean, int i0, int len, double[][] rows, double[] corr) {
    for (int i = 0; i < len; i++) {
      int o = (i0 + i) * d;
      double[] row = rows[i];
      System.arraycopy(x, o, row, 0, d);
      for (int a = 0; a < d; a++) {
        double v = row[a] - mean[a];
        row[a] = v;
        corr[a] += v;
      }
    }
  }

  /**
   * Adds the upper triangle of {@code B^T B} for the block's {@code len} centred rows to {@code s} (one array per row
   * of the triangle), four rows per sweep over the triangle: each sweep is a rank-4 update whose inner loop runs
   * along a row of {@code s}, which suits wide rows better than lanes. Every array of the inner loop is read
   * at the same index {@code b}, so the JIT compiler can use vector instructions (it does not when two arrays are
   * read at different offsets, which it cannot prove apart: with the flat row-major form of this loop a whole PCA fit
   * of 10^5 x 50, one thread, took 28.7 ms, with this one 17.7 ms, the same bits); each entry still receives the same
   * sums in the same order. (The upper triangle, with the inner loop from the diagonal to the end of the row,
   * measured about 25% faster than the same kernel over the lower one at d = 50; {@link #meanAndScatter} mirrors it.)
   */
  private static void accumulateRows(double[][] rows, int len, int d, double[][] s) {
    int i = 0;
    for (; i + 3 < len; i += 4) {
      double[] r0 = rows[i];
      double[] r1 = rows[i + 1];
      double[] r2 = rows[i + 2];
      double[] r3 = rows[i + 3];
      for (int a = 0; a < d; a++) {
        double w0 = r0[a];
        double w1 = r1[a];
        double w2 = r2[a];
        double w3 = r3[a];
        double[] sa = s[a];
        for (int b = a; b < d; b++) {
          sa[b] += w0 * r0[b] + w1 * r1[b] + w2 * r2[b] + w3 * r3[b];
        }
      }
    }
    for (; i < len; i++) {
      double[] r0 = rows[i];
      for (int a = 0; a < d; a++) {
        double w0 = r0[a];
        double[] sa = s[a];
        for (int b = a; b < d; b++) {
          sa[b] += w0 * r0[b];
        }
      }
    }
  }

  /**
   * The lower triangle of the scatter of rows {@code [start, end)} about {@code m} into {@code s} (row stride
   * {@code dp}), and the sums of the centred values into {@code corr}: each block of rows is centred into one array
   * per column (column by column, one strided read and one sequential write a value, instead of row by row into
   * all the column arrays at once: a whole PCA fit of 10^6 x 10 took 15.3 instead of 20.2 ms), then every product of two columns (and every column) is added, row by row, to a lane array of
   * its own; all loops run over one index in arrays of their own, so they are vectorised. The lanes are summed
   * once per chunk.
   */
  private static void laneScatter(double[] x, int d, int dp, double[] m, int start, int end, int block,
      double[] s, double[] corr) {
    int tri = d * (d + 1) / 2;
    double[][] cols = new double[d][block];
    double[][] pair = new double[tri][block];
    double[][] csum = new double[d][block];
    for (int i0 = start, len; i0 < end; i0 += len) {
      len = Math.min(block, end - i0);
      for (int a = 0; a < d; a++) {
        double[] ca = cols[a];
        double ma = m[a];
        for (int i = 0, o = i0 * d + a; i < len; i++, o += d) {
          ca[i] = x[o] - ma;
        }
      }
      int p = 0;
      for (int a = 0; a < d; a++) {
        double[] ca = cols[a];
        double[] sa = csum[a];
        for (int t = 0; t < len; t++) {
          sa[t] += ca[t];
        }
        for (int b = 0; b <= a; b++) {
          double[] cb = cols[b];
          double[] lp = pair[p++];
          for (int t = 0; t < len; t++) {
            lp[t] += ca[t] * cb[t];
          }
        }
      }
    }
    int p = 0;
    for (int a = 0; a < d; a++) {
      corr[a] = laneSum(csum[a]);
      for (int b = 0; b <= a; b++) {
        s[a * dp + b] = laneSum(pair[p++]);
      }
    }
  }

  private static double laneSum(double[] lane) {
    double t = 0;
    for (double v : lane) {
      t += v;
    }
    return t;
  }

  /** Rows per cache block: the centred block (by rows or by columns) fills about 32 KiB. */
  private static int blockRows(int d) {
    int dp = d + (d & 1);
    return Math.max(16, Math.min(256, 4096 / dp));
  }
}
