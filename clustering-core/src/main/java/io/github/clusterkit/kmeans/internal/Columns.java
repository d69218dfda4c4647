package io.github.clusterkit.kmeans.internal;

/**
 * The data copied once, column by column, in blocks of rows: block {@code b} holds {@code d} arrays of
 * {@link #blockRows(int)} values, {@code block[t][r]} being coordinate {@code t} of the block's row {@code r}, the
 * form {@link Dist#sqColumns} reads. Blocks never straddle two chunks of the engine's {@link Chunks}: each chunk's
 * rows are cut into blocks from its first row on, so every chunk owns whole blocks and a pass over the blocks of a
 * chunk sees the rows of that chunk in the same groups on any thread count.
 *
 * <p>The seeding's passes and the first assignment pass of a run compute every row's distances by blocks of
 * columns; without this copy each of them copies every block again. The copy is made by the first seeding of a fit,
 * on the engine's chunks, and dropped when the engine closes; it holds as many values as the data, so it is made
 * only up to {@link #MAX_VALUES}.
 */
final class Columns {

  /**
   * Most values ({@code n * d}) for which the copy is made: 2^25 doubles, 256 MiB, about the memory of the data
   * itself at that size. Larger data keep copying block by block in every pass.
   */
  static final long MAX_VALUES = 1L << 25;

  /**
   * Widest rows for which blocks of columns are used at all (the seeding, Hamerly's first pass and rescans, Elkan's
   * first pass, Lloyd's passes and batch predict; wider rows keep the row kernels). Was 64, then 256 (throwaway
   * one-JVM A/B, one thread, greedy k-means++ and 20 iterations (tolerance 0), medians of 7 fits, the benchmark's blobs
   * at {@code n * d = 10^7}, Hamerly with blocks against without: k = 10: d = 65 84 against 129 ms, d = 100 91 / 127,
   * d = 128 103 / 132, d = 200 92 / 131, d = 256 116 / 150; k = 20: 419 / 804, 467 / 845, 464 / 767, 530 / 855,
   * 398 / 632; standard Gaussian rows, 5*10^4 x 100 and x 200, k = 10: 222 / 397 and 461 / 778 ms; at d = 500 the
   * blocks of 14 rows of 64 KiB cost Elkan's fit 36% at k = 20). With the larger blocks of wide rows
   * ({@link #blockRows}) it is 1024: same harness, medians of 5, 1.92 * 10^7 values (d = 384, 768, 1024: 50000, 25000,
   * 18750 rows), before (row kernels) / after, Hamerly and Elkan: k = 10 at d = 384 285 / 153 and 294 / 158 ms, at
   * d = 768 261 / 177 and 271 / 176, at d = 1024 259 / 182 and 262 / 210; k = 30 at d = 384 2663 / 1330 and 1204 /
   * 897, at d = 768 2022 / 1159 and 1016 / 842, at d = 1024 1481 / 1196 and 887 / 891. At d = 1536 (12500 rows,
   * k = 30) the blocks cost Hamerly 18% and Elkan 16%, hence 1024.
   */
  static final int MAX_D = 1024;

  /**
   * Widest rows whose blocks hold at most 8192 values (64 KiB, {@link #blockRows}); wider rows take blocks of up to
   * {@link #WIDE_BLOCK_VALUES}.
   */
  static final int NARROW_MAX_D = 64;

  /**
   * Most values in a block of rows wider than {@link #NARROW_MAX_D} (512 KiB, half the core's L2 cache here): the
   * kernels read a block once for every one or two centroids, so a block in L2 serves them as well as one in L1,
   * and more rows a block keep the vector loops long (blocks of 64 KiB are 30 rows at d = 256 and 14 at d = 384).
   * Same harness as {@link #MAX_D}, 64 KiB / 512 KiB blocks, Hamerly and Elkan: d = 128 (78125 rows) k = 10 127 / 89
   * and 131 / 113 ms, k = 30 1122 / 861 and 770 / 679; d = 256 (39062 rows) k = 10 122 / 79 and 120 / 94, k = 30
   * 1255 / 716 and 725 / 565; d = 100 (10^5 rows) k = 10 99 / 104 and 133 / 116, k = 30 1054 / 903 and 810 / 714;
   * d = 80 (125000 rows) 92 / 87, 131 / 133, 871 / 880, 738 / 737 ms. Blocks of 256 KiB at d = 384: k = 10 160 and
   * 175 ms, k = 30 1427 and 959 (512 KiB: 153, 158, 1330, 897).
   */
  static final int WIDE_BLOCK_VALUES = 1 << 16;

  private final int d;
  private final int rows;
  private final int perChunk;
  private final int chunkRows;
  private final double[][][] blocks;

  /**
   * Allocates nothing yet: each chunk's blocks are made and filled by {@link #fill(double[], int, int)}.
   *
   * @param n rows
   * @param d dimension, at most {@link #MAX_D}
   * @param chunks the engine's chunking
   */
  Columns(int n, int d, Chunks chunks) {
    this.d = d;
    this.rows = blockRows(d);
    this.chunkRows = chunks.count() > 1 ? chunks.to(0) : n;
    this.perChunk = (chunkRows + rows - 1) / rows;
    this.blocks = new double[chunks.count() * perChunk][][];
  }

  /**
   * Whether the copy is made for data of this shape.
   *
   * @param n rows
   * @param d dimension
   * @param maxValues the budget, {@link #MAX_VALUES} but in tests
   * @return whether {@code n * d <= maxValues} and {@code d <=} {@link #MAX_D}
   */
  static boolean fits(int n, int d, long maxValues) {
    return d <= MAX_D && (long) n * d <= maxValues;
  }

  /**
   * Rows per block: at most 8192 doubles (64 KiB) per block up to {@link #NARROW_MAX_D} columns and
   * {@link #WIDE_BLOCK_VALUES} (512 KiB) beyond, so that a block stays in the core's cache while its distances to
   * several vectors are computed, and at most 256 ({@link Dist#MAX_COLUMN_LEN}); rounded down to 6 modulo 8, which
   * makes an array of that many doubles a multiple of 64 bytes long (with the usual 16-byte array header), so that
   * the arrays of a block, allocated one after another, share their alignment to the 64-byte vectors of AVX-512. A
   * throwaway timing of {@link Dist#sqColumns} over blocks in the cache (10 vectors, one thread) took about 0.32
   * instead of 0.38 ms at d = 10 (rows 262, 270 or 518 against 256, 264 or 520) and 1.07 instead of 1.19 ms at
   * d = 50 (174 against 163).
   *
   * @param d dimension
   * @return the rows per block
   */
  static int blockRows(int d) {
    int rows = Math.max(16, Math.min(256, (d <= NARROW_MAX_D ? 8192 : WIDE_BLOCK_VALUES) / d));
    return rows - ((rows - 6) & 7);
  }

  /** @return rows per block */
  int rows() {
    return rows;
  }

  /**
   * The block whose first row is {@code base}, which must be a chunk's first row plus a multiple of
   * {@link #rows()}.
   *
   * @param base the block's first row
   * @return its columns
   */
  double[][] block(int base) {
    int c = base / chunkRows;
    return blocks[c * perChunk + (base - c * chunkRows) / rows];
  }

  /**
   * Written only when a touching loop's hash takes one particular value (about never), which keeps its loads from
   * being removed as dead code without a store per call that threads would contend for; never read.
   */
  @SuppressWarnings("unused")
  private static long touchSink;

  /**
   * Consumes the hash of a touching loop ({@link #touch}, Hamerly's open rows) so that its loads stay.
   *
   * @param h the xor of the loaded values' bits
   */
  static void keep(long h) {
    if (h == 0x9E3779B97F4A7C15L) {
      touchSink = h;
    }
  }

  /**
   * Loads one value of every cache line of a block's columns in a short loop, so that the block's misses are in
   * flight together before the kernels read it column after column (a block's columns are short streams, 20 to
   * 32 lines, that the hardware prefetchers barely follow). One-JVM A/B, one thread, medians of 25 fits:
   * greedy k-means++ with one iteration at 10^5 x 50 52 to 45 ms, at 10^6 x 10 186 to 177 ms; the original
   * k-means++ and 20 iterations at 10^5 x 50 78 to 71 ms; from given centroids and at 10^6 x 2 within the noise.
   */
  static void touch(double[][] cols, int len, int d) {
    long h = 0;
    for (int j = 0; j < d; j++) {
      final double[] c = cols[j];
      for (int r = 0; r < len; r += 8) {
        h ^= Double.doubleToRawLongBits(c[r]);
      }
    }
    keep(h);
  }

  /**
   * The rows {@code [base, base + len)} by columns: the copy's block when there is a copy (first {@link #touch}ed),
   * else {@code scratch} filled by {@link #transpose} ({@code base} as for {@link #block(int)}).
   *
   * @param copy the column copy, or {@code null}
   * @param x row-major points
   * @param base the block's first row
   * @param len rows in the block
   * @param d dimension
   * @param scratch {@code d} arrays of at least {@code len} values, used when there is no copy
   * @param rowBuf at least {@code len * d} values, used when there is no copy
   * @return the block's columns
   */
  static double[][] blockColumns(Columns copy, double[] x, int base, int len, int d, double[][] scratch,
      double[] rowBuf) {
    if (copy != null) {
      double[][] cols = copy.block(base);
      touch(cols, len, d);
      return cols;
    }
    transpose(x, base, len, d, scratch, rowBuf);
    return scratch;
  }

  /**
   * Makes and fills the block of rows {@code [base, base + len)} (called on the thread that works on the block's
   * chunk; {@code base} as for {@link #block(int)}).
   *
   * @param x row-major points
   * @param base the block's first row
   * @param len rows in the block
   * @param rowBuf at least {@code len * d} values of scratch
   * @return its columns
   */
  double[][] fill(double[] x, int base, int len, double[] rowBuf) {
    double[][] cols = new double[d][rows];
    transpose(x, base, len, d, cols, rowBuf);
    int c = base / chunkRows;
    blocks[c * perChunk + (base - c * chunkRows) / rows] = cols;
    return cols;
  }

  /**
   * Values of the scratch row buffer that {@link #transpose} needs for a block of {@link #blockRows(int)} rows.
   *
   * @param d dimension
   * @return {@code blockRows(d) * d}
   */
  static int rowBufferLength(int d) {
    return blockRows(d) * d;
  }

  /**
   * Copies rows {@code [base, base + len)} of {@code x} into {@code cols} column by column: the block is first
   * copied whole into {@code rowBuf} (one {@code System.arraycopy}, which streams it from memory with many loads in
   * flight), then spread into the columns eight at a time, each row's eight values read from one cache line of the
   * buffer and written at the same index of eight arrays. Throwaway timing of the copy alone, one thread, data
   * evicted from the caches before each pass, nanoseconds a value, before (row by row at {@code d >= 32}, column by
   * column below) and after: d = 2 0.57 / 0.30, d = 3 0.51 / 0.40, d = 10 0.58 / 0.54, d = 20 0.80 / 0.55, d = 32
   * 2.11 / 0.55, d = 50 1.08 / 0.58, d = 64 2.06 / 0.56.
   *
   * @param x row-major points
   * @param base first row
   * @param len rows
   * @param d dimension
   * @param cols receives {@code cols[t][r] = x[(base + r) * d + t]}
   * @param rowBuf scratch of at least {@code len * d} values
   */
  static void transpose(double[] x, int base, int len, int d, double[][] cols, double[] rowBuf) {
    System.arraycopy(x, base * d, rowBuf, 0, len * d);
    spread(rowBuf, len, d, cols);
  }

  /**
   * {@link #transpose} of the listed rows: {@code cols[t][r] = x[rows[off + r] * d + t]}, each row first copied into
   * {@code rowBuf} (one {@code System.arraycopy} a row), then spread into the columns as {@link #transpose} does.
   *
   * @param x row-major points
   * @param rows row indices
   * @param off first index in {@code rows}
   * @param len rows
   * @param d dimension
   * @param cols receives the rows by column
   * @param rowBuf scratch of at least {@code len * d} values
   */
  static void gather(double[] x, int[] rows, int off, int len, int d, double[][] cols, double[] rowBuf) {
    for (int r = 0; r < len; r++) {
      System.arraycopy(x, rows[off + r] * d, rowBuf, r * d, d);
    }
    spread(rowBuf, len, d, cols);
  }

  /** Spreads {@code len} rows of {@code d} values, row-major in {@code b}, into the columns {@code cols}. */
  private static void spread(double[] b, int len, int d, double[][] cols) {
    int t = 0;
    for (; t + 8 <= d; t += 8) {
      final double[] c0 = cols[t];
      final double[] c1 = cols[t + 1];
      final double[] c2 = cols[t + 2];
      final double[] c3 = cols[t + 3];
      final double[] c4 = cols[t + 4];
      final double[] c5 = cols[t + 5];
      final double[] c6 = cols[t + 6];
      final double[] c7 = cols[t + 7];
      int o = t;
      for (int r = 0; r < len; r++, o += d) {
        c0[r] = b[o];
        c1[r] = b[o + 1];
        c2[r] = b[o + 2];
        c3[r] = b[o + 3];
        c4[r] = b[o + 4];
        c5[r] = b[o + 5];
        c6[r] = b[o + 6];
        c7[r] = b[o + 7];
      }
    }
    for (; t + 4 <= d; t += 4) {
      final double[] c0 = cols[t];
      final double[] c1 = cols[t + 1];
      final double[] c2 = cols[t + 2];
      final double[] c3 = cols[t + 3];
      int o = t;
      for (int r = 0; r < len; r++, o += d) {
        c0[r] = b[o];
        c1[r] = b[o + 1];
        c2[r] = b[o + 2];
        c3[r] = b[o + 3];
      }
    }
    for (; t < d; t++) {
      final double[] ct = cols[t];
      int o = t;
      for (int r = 0; r < len; r++, o += d) {
        ct[r] = b[o];
      }
    }
  }
}
