package io.github.clusterkit.hierarchical.internal;

import java.util.Arrays;

/**
 * Lower bounds on each matrix slot's distances, by blocks of {@code 2^shift} consecutive slots:
 * {@code bnd[b * width + i] <= d(i, j)} for every live slot {@code j != i} in block {@code b} (block-major: one
 * block's bounds of all slots are contiguous, as the merge update walks them; a rescan reads one slot's bounds
 * with a stride of {@code width}). With them a
 * rescan of a row ({@link CachedNnChain}) visits its blocks in ascending order of bound and stops at the first
 * block whose bound exceeds the last entry of the nearest-neighbour list it is building: every entry left
 * unread is larger, so the list is the same as after a full scan. Most of a full scan is the part of the row
 * read down a column of the condensed matrix, one cache miss per entry; on 10^4 blobs in 10 dimensions,
 * Ward, the rescans read 7.8 million entries instead of 51 million.
 *
 * <p>The bounds are exact block minima when the matrix is filled ({@link #fillRow}) and after a block is
 * scanned, and stay bounds through the merges without any assumption on the linkage: a merge only kills the
 * slot of one cluster (a bound stays a bound when an entry leaves) and writes the new distances of the other
 * ({@link CachedNnChain} lowers the bound of that slot's block in every row to any smaller new distance, and
 * marks the new cluster's own bounds unknown). A bound of {@code -inf} means unknown: the block is read,
 * and its bound becomes its exact minimum. Memory: {@code ceil(n / 2^shift) * n} doubles, 1/128 of the condensed matrix with
 * the default shift. Not API.
 */
public final class BlockBounds {

  /** log2 of the default block: 256 slots. */
  static final int SHIFT = 8;

  final int shift;
  /** Number of slots (the matrix width). */
  int width;
  /** Number of blocks (the rows of the block-major {@link #bnd}). */
  int nb;
  /**
   * {@code bnd[b * width + i]}: lower bound of d(i, j) over the live slots j != i of block b. Block-major, so
   * that the merge update, which visits every live slot for the one block of the new cluster, reads and
   * writes consecutive entries instead of one cache line per slot.
   */
  double[] bnd;
  /** Scratch of the fill: the smallest distance from each later slot to the rows of the current block. */
  private double[] colMin;
  private int colBlock = -1;
  /** First live position (index into the chain's ascending list of live slots) of each block; nb + 1. */
  int[] pos;
  /** Scratch of a rescan: blocks sorted by bound, and their bounds. */
  int[] ord;
  double[] key;

  private BlockBounds(int n, int shift, double initial) {
    this.shift = shift;
    width = n;
    nb = (n + (1 << shift) - 1) >> shift;
    bnd = new double[n * nb];
    Arrays.fill(bnd, initial);
    pos = new int[nb + 1];
    for (int b = 0; b < nb; b++) {
      pos[b] = b << shift;
    }
    pos[nb] = n;
    ord = new int[nb];
    key = new double[nb];
  }

  /**
   * Bounds for {@code n} slots in blocks of 256, to be filled by {@link MatrixFill} (every row's
   * {@link #fillRow} must be called before they are used).
   *
   * @param n number of slots
   * @return bounds of {@code +inf}, ready for the fill
   */
  public static BlockBounds forFill(int n) {
    return forFill(n, SHIFT);
  }

  /** As {@link #forFill(int)} with blocks of {@code 2^shift} slots (tests use small blocks). */
  static BlockBounds forFill(int n, int shift) {
    return new BlockBounds(n, shift, Double.POSITIVE_INFINITY);
  }

  /** Unknown bounds ({@code -inf}): every block is read until it has been scanned once. */
  static BlockBounds unknown(int n) {
    return new BlockBounds(n, SHIFT, Double.NEGATIVE_INFINITY);
  }

  /**
   * Takes the distances from slot {@code i} to slots {@code j = i+1 .. n-1} (at {@code row[j]}) into the
   * bounds: those of {@code i} for each later block, and those of the later slots for the block of {@code i}
   * (gathered over the block's rows first, then stored once per block). Rows must come in ascending order,
   * {@code 0 .. n-2}, each once.
   */
  void fillRow(double[] row, int n, int i) {
    double[] b = bnd;
    int blockI = i >> shift;
    if (blockI != colBlock) {
      flushColumns(n);
      colBlock = blockI;
      if (colMin == null) {
        colMin = new double[n];
      }
      Arrays.fill(colMin, Double.POSITIVE_INFINITY);
    }
    double[] cm = colMin;
    for (int j = i + 1; j < n; j++) { // indexed alike: vectorised
      cm[j] = Math.min(cm[j], row[j]);
    }
    int j = i + 1;
    int w = width;
    while (j < n) {
      int blk = j >> shift;
      int end = Math.min(n, (blk + 1) << shift);
      double mn = min(row, j, end);
      int q = blk * w + i;
      b[q] = mn < b[q] ? mn : b[q];
      j = end;
    }
    if (i == n - 2) {
      flushColumns(n);
      colBlock = -1;
      colMin = null;
    }
  }

  /** Stores the gathered column minima of the current block of rows into the later slots' bounds. */
  private void flushColumns(int n) {
    if (colBlock < 0) {
      return;
    }
    double[] b = bnd;
    double[] cm = colMin;
    int base = colBlock * width;
    for (int j = (colBlock << shift) + 1; j < n; j++) {
      int q = base + j;
      b[q] = cm[j] < b[q] ? cm[j] : b[q];
    }
  }

  /**
   * The smallest of {@code v[from .. to-1]} ({@code +inf} when empty; NaN values, which never enter a
   * neighbour list, are passed over), in four independent running minima so that the loop is not one chain
   * of dependent comparisons.
   */
  static double min(double[] v, int from, int to) {
    double m0 = Double.POSITIVE_INFINITY;
    double m1 = m0;
    double m2 = m0;
    double m3 = m0;
    int p = from;
    for (; p + 4 <= to; p += 4) {
      double a0 = v[p];
      double a1 = v[p + 1];
      double a2 = v[p + 2];
      double a3 = v[p + 3];
      m0 = a0 < m0 ? a0 : m0;
      m1 = a1 < m1 ? a1 : m1;
      m2 = a2 < m2 ? a2 : m2;
      m3 = a3 < m3 ? a3 : m3;
    }
    for (; p < to; p++) {
      double a0 = v[p];
      m0 = a0 < m0 ? a0 : m0;
    }
    m0 = m1 < m0 ? m1 : m0;
    m2 = m3 < m2 ? m3 : m2;
    return m2 < m0 ? m2 : m0;
  }

  /** Slot {@code x} left the ascending list of live slots. */
  void removed(int x) {
    for (int b = (x >> shift) + 1; b <= nb; b++) {
      pos[b]--;
    }
  }

  /**
   * Renumbers the bounds for a compaction of the matrix to the {@code m} live slots {@code live[0 .. m-1]}
   * (new slot {@code p} is old slot {@code live[p]}): a new block's bound is the smallest bound of the old
   * blocks its slots came from.
   */
  void compact(int[] live, int m) {
    int nb2 = (m + (1 << shift) - 1) >> shift;
    double[] nbnd = new double[m * nb2];
    int w = width;
    for (int b2 = 0; b2 < nb2; b2++) {
      int lo = live[b2 << shift] >> shift;
      int hi = live[Math.min(m, (b2 + 1) << shift) - 1] >> shift;
      int dst = b2 * m;
      for (int p = 0; p < m; p++) {
        int i = live[p];
        double v = bnd[lo * w + i];
        for (int ob = lo + 1; ob <= hi; ob++) {
          v = Math.min(v, bnd[ob * w + i]);
        }
        nbnd[dst + p] = v;
      }
    }
    bnd = nbnd;
    width = m;
    nb = nb2;
    for (int b = 0; b < nb2; b++) {
      pos[b] = b << shift;
    }
    pos[nb2] = m;
  }
}
