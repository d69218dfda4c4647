package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;
import java.util.Arrays;

/**
 * Sorts the rows by grid cell: computes every row's cell key, sorts the rows by key with a stable LSD radix
 * sort, and lists the non-empty cells (key and first position) in key order.
 *
 * <p>Every pass runs in parallel over fixed row chunks ({@link Engine#rowChunk}): each chunk counts its
 * digits, an exclusive prefix in (digit, chunk) order gives each chunk its own output slots, and each chunk
 * then scatters its rows in order. This is exactly the output of a sequential stable sort, for any thread
 * count. Keys of at most 31 bits (the usual case) are sorted as ints; wider keys (more than 2^31 cells in the
 * bounding box) as longs, with the same passes.
 *
 * <p>Memory: four arrays of {@code n} ints (or two of longs and two of ints), the per-chunk digit counts
 * (at most 256 chunks of 2^11 counts), and the cell list. The arrays left free at the end are handed back as
 * spares, so that later steps reuse them instead of allocating.
 */
final class CellSort {

  /** Widest digit of a radix pass: the per-chunk counts stay at most 8 KiB each. */
  private static final int MAX_DIGIT_BITS = 11;

  /** Row order (position to row), keys and first positions of the non-empty cells, spare int arrays. */
  int[] order;
  long[] cellKeys;
  int[] start;
  int cells;
  /** Arrays of length n whose contents are no longer needed (zero to three of them). */
  int[][] spares = new int[0][];

  private final int n;
  private final int size;
  private final int chunks;
  private final ChunkRunner runner;

  private CellSort(int n, ChunkRunner runner) {
    this.n = n;
    this.size = Engine.rowChunk(n);
    this.chunks = ChunkRunner.chunks(n, size);
    this.runner = runner;
  }

  /**
   * @param x the points, row-major
   * @param n number of rows, at least 1
   * @param d dimension
   * @param lo the grid origin per axis
   * @param side the cell side
   * @param ext cells per axis; their product is below 2^62
   * @param runner the chunk runner
   * @return the sorted grid
   */
  static CellSort sort(double[] x, int n, int d, double[] lo, double side, long[] ext, int[][] fresh,
      ChunkRunner runner) {
    CellSort s = new CellSort(n, runner);
    int bits = bits(ext);
    if (bits <= 31) {
      s.sortInt(x, d, lo, side, ext, bits, fresh);
    } else {
      s.sortLong(x, d, lo, side, ext, bits);
    }
    return s;
  }

  /**
   * @param ext cells per axis
   * @return the bits of the widest key (keys of at most 31 bits are sorted as ints)
   */
  static int bits(long[] ext) {
    long total = 1;
    for (int j = 0; j < ext.length; j++) {
      total *= ext[j];
    }
    return 64 - Long.numberOfLeadingZeros(total - 1);
  }

  /** The key of row {@code i}: its cell coordinates in mixed radix, the last axis fastest. */
  private static long key(double[] x, int i, int d, double[] lo, double side, long[] ext) {
    int off = i * d;
    long k = 0;
    for (int j = 0; j < d; j++) {
      long cj = (long) ((x[off + j] - lo[j]) / side);
      if (cj >= ext[j]) {
        cj = ext[j] - 1;
      }
      k = k * ext[j] + cj;
    }
    return k;
  }

  /** @param fresh four int arrays of n whose contents do not matter (the caller allocates them in parallel) */
  private void sortInt(double[] x, int d, double[] lo, double side, long[] ext, int bits, int[][] fresh) {
    int[] key = fresh[0];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      for (int i = c * size; i < end; i++) {
        key[i] = (int) key(x, i, d, lo, side, ext);
      }
    });
    int passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int[] ka = key;
    int[] ia = null; // null: the identity (rows still in input order)
    int[] kb = null;
    int[] ib = null;
    if (passes > 0) {
      int digit = (bits + passes - 1) / passes;
      int buckets = 1 << digit;
      int[] hist = new int[chunks * buckets];
      kb = fresh[1];
      ib = fresh[2];
      for (int pass = 0; pass < passes; pass++) {
        int shift = pass * digit;
        int mask = buckets - 1;
        int[] fk = ka;
        int[] fi = ia;
        int[] tk = kb;
        int[] ti = ib;
        runner.run(chunks, k -> {
          int c = Engine.spread(k, chunks);
          int base = c * buckets;
          Arrays.fill(hist, base, base + buckets, 0);
          int end = Engine.chunkEnd(c, size, n);
          for (int i = c * size; i < end; i++) {
            hist[base + ((fk[i] >>> shift) & mask)]++;
          }
        });
        prefix(hist, buckets);
        runner.run(chunks, k -> {
          int c = Engine.spread(k, chunks);
          int base = c * buckets;
          int end = Engine.chunkEnd(c, size, n);
          if (fi == null) {
            for (int i = c * size; i < end; i++) {
              int v = fk[i];
              int to = hist[base + ((v >>> shift) & mask)]++;
              tk[to] = v;
              ti[to] = i;
            }
          } else {
            for (int i = c * size; i < end; i++) {
              int v = fk[i];
              int to = hist[base + ((v >>> shift) & mask)]++;
              tk[to] = v;
              ti[to] = fi[i];
            }
          }
        });
        kb = ka;
        ka = tk;
        int[] t = ia;
        ia = ti;
        ib = t == null ? fresh[3] : t;
      }
    } else {
      int[] id = fresh[1];
      runner.run(chunks, c -> {
        int end = Engine.chunkEnd(c, size, n);
        for (int i = c * size; i < end; i++) {
          id[i] = i;
        }
      });
      ia = id;
    }
    order = ia;
    int[] sk = ka;
    int[] count = new int[chunks];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int m = 0;
      for (int i = c * size; i < end; i++) {
        if (i == 0 || sk[i] != sk[i - 1]) {
          m++;
        }
      }
      count[c] = m;
    });
    allocateCells(count);
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int m = count[c];
      for (int i = c * size; i < end; i++) {
        if (i == 0 || sk[i] != sk[i - 1]) {
          cellKeys[m] = sk[i];
          start[m++] = i;
        }
      }
    });
    // every fresh array but the row order is left free
    int[][] free = new int[3][];
    int k = 0;
    for (int i = 0; i < fresh.length; i++) {
      if (fresh[i] != ia) {
        free[k++] = fresh[i];
      }
    }
    spares = free;
  }

  /** The same passes as {@link #sortInt} on long keys (more than 2^31 cells in the bounding box). */
  private void sortLong(double[] x, int d, double[] lo, double side, long[] ext, int bits) {
    long[] key = new long[n];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      for (int i = c * size; i < end; i++) {
        key[i] = key(x, i, d, lo, side, ext);
      }
    });
    int passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int digit = (bits + passes - 1) / passes;
    int buckets = 1 << digit;
    int[] hist = new int[chunks * buckets];
    long[] ka = key;
    long[] kb = new long[n];
    int[] ia = null;
    int[] ib = new int[n];
    for (int pass = 0; pass < passes; pass++) {
      int shift = pass * digit;
      long mask = buckets - 1;
      long[] fk = ka;
      int[] fi = ia;
      long[] tk = kb;
      int[] ti = ib;
      runner.run(chunks, k -> {
        int c = Engine.spread(k, chunks);
        int base = c * buckets;
        Arrays.fill(hist, base, base + buckets, 0);
        int end = Engine.chunkEnd(c, size, n);
        for (int i = c * size; i < end; i++) {
          hist[base + (int) ((fk[i] >>> shift) & mask)]++;
        }
      });
      prefix(hist, buckets);
      runner.run(chunks, k -> {
        int c = Engine.spread(k, chunks);
        int base = c * buckets;
        int end = Engine.chunkEnd(c, size, n);
        for (int i = c * size; i < end; i++) {
          long v = fk[i];
          int to = hist[base + (int) ((v >>> shift) & mask)]++;
          tk[to] = v;
          ti[to] = fi == null ? i : fi[i];
        }
      });
      kb = ka;
      ka = tk;
      int[] t = ia;
      ia = ti;
      ib = t == null && pass + 1 < passes ? new int[n] : t;
    }
    order = ia;
    long[] sk = ka;
    int[] count = new int[chunks];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int m = 0;
      for (int i = c * size; i < end; i++) {
        if (i == 0 || sk[i] != sk[i - 1]) {
          m++;
        }
      }
      count[c] = m;
    });
    allocateCells(count);
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int m = count[c];
      for (int i = c * size; i < end; i++) {
        if (i == 0 || sk[i] != sk[i - 1]) {
          cellKeys[m] = sk[i];
          start[m++] = i;
        }
      }
    });
    spares = spares(ib);
  }

  /**
   * Turns per-chunk digit counts ({@code hist[chunk * buckets + digit]}) into each chunk's first output slot
   * per digit: all smaller digits first, then the same digit in earlier chunks.
   */
  private void prefix(int[] hist, int buckets) {
    int[] run = new int[buckets];
    for (int c = 0; c < chunks; c++) {
      int base = c * buckets;
      for (int b = 0; b < buckets; b++) {
        run[b] += hist[base + b];
      }
    }
    int sum = 0;
    for (int b = 0; b < buckets; b++) {
      int t = run[b];
      run[b] = sum;
      sum += t;
    }
    for (int c = 0; c < chunks; c++) {
      int base = c * buckets;
      for (int b = 0; b < buckets; b++) {
        int t = hist[base + b];
        hist[base + b] = run[b];
        run[b] += t;
      }
    }
  }

  /**
   * Turns per-chunk cell counts into each chunk's first cell and allocates the cell list (the two arrays on
   * two threads: first-touch page faults of fresh memory are a large share of a short fit, and they run
   * in parallel).
   */
  private void allocateCells(int[] count) {
    int m = 0;
    for (int c = 0; c < chunks; c++) {
      int t = count[c];
      count[c] = m;
      m += t;
    }
    cells = m;
    final int cellCount = m;
    runner.run(2, c -> {
      if (c == 0) {
        cellKeys = new long[cellCount];
      } else {
        start = new int[cellCount + 1];
      }
    });
    start[m] = n;
  }

  private static int[][] spares(int[]... arrays) {
    int k = 0;
    for (int[] a : arrays) {
      if (a != null) {
        k++;
      }
    }
    int[][] out = new int[k][];
    k = 0;
    for (int[] a : arrays) {
      if (a != null) {
        out[k++] = a;
      }
    }
    return out;
  }
}
