package io.github.clusterkit.internal;

/**
 * The median split of a k-d tree node over row-major rows, shared by {@code KdTree} and DBSCAN's tree: the tight
 * bounding box of a range of positions with its widest dimension, and the selection that puts the median of a
 * dimension at the middle position, rows and their indices moved together. Not API.
 */
public final class KdSplit {

  /** Ranges at least this long take their pivot from {@link #samplePivot}. */
  private static final int SAMPLE_FROM = 1024;
  /** Number of evenly spaced values {@link #samplePivot} sorts. */
  private static final int SAMPLE = 63;
  /** Positions a block of {@link #select}'s partition holds. */
  private static final int BLOCK = 32;
  /** Ranges at least this long are partitioned by blocks. */
  private static final int BLOCK_FROM = 4 * BLOCK;
  /** Rows {@link #box} reads at a time (three or more columns). */
  private static final int BOX_ROWS = 8;

  private KdSplit() {}

  /**
   * Scratch for {@link #box} at {@code d} columns: three arrays of {@link #BOX_ROWS} rows (separate arrays, so
   * that its loop reads them all at one index; two regions of one array would not be vectorised).
   *
   * @param d columns
   * @return the scratch
   */
  public static double[][] scratch(int d) {
    return new double[3][BOX_ROWS * d];
  }

  /**
   * Stores the tight bounding box of positions {@code [lo, hi)} of the row-major rows {@code xs}: dimension
   * {@code j} spans {@code [box[bo + 2j], box[bo + 2j + 1]]}. Two-column rows take a loop of their own (the
   * extremes in local variables); wider rows are read {@link #BOX_ROWS} at a time into one array, compared
   * position by position with as many running extremes per column (vectorised), which are folded at the end.
   * Builds of the benchmark's blobs, one thread, throwaway one-JVM harness, before (a loop per row, the box's
   * entries compared in memory) and after: 5 * 10^5 x 4 92 -> 83 ms, x 5 102 -> 86 ms, x 10 165 -> 128 ms, x 20
   * 353 -> 226 ms; 10^6 x 3 161 -> 156 ms (before: a three-column loop like the two-column one); at 10^6 x 2 the
   * two-column loop took 135 ms, the blocks 140 ms, so it stays.
   *
   * @param xs rows, {@code d} values each
   * @param d columns
   * @param lo first position
   * @param hi end position, {@code > lo}
   * @param box receives the box
   * @param bo offset of the box in {@code box}
   * @param scratch from {@link #scratch}, overwritten (one per thread, reused from node to node: new arrays per
   *     node were about 250 MB of garbage per build of 10^6 x 10)
   * @return the dimension of largest extent (first on ties), or -1 if every extent is zero
   */
  public static int box(double[] xs, int d, int lo, int hi, double[] box, int bo, double[][] scratch) {
    int first = lo * d;
    for (int j = 0; j < d; j++) {
      double v = xs[first + j];
      box[bo + 2 * j] = v;
      box[bo + 2 * j + 1] = v;
    }
    if (d == 2) {
      double lo0 = xs[first];
      double hi0 = lo0;
      double lo1 = xs[first + 1];
      double hi1 = lo1;
      for (int off = first + 2, stop = hi * 2; off < stop; off += 2) {
        double v0 = xs[off];
        double v1 = xs[off + 1];
        lo0 = Math.min(lo0, v0);
        hi0 = Math.max(hi0, v0);
        lo1 = Math.min(lo1, v1);
        hi1 = Math.max(hi1, v1);
      }
      box[bo] = lo0;
      box[bo + 1] = hi0;
      box[bo + 2] = lo1;
      box[bo + 3] = hi1;
    } else {
      int from = lo + 1;
      if (hi - from >= BOX_ROWS) {
        // BOX_ROWS rows at a time, copied into one array, against as many running minima and maxima per column:
        // a loop over one index in three arrays, which the JIT compiler vectorises; folded at the end
        int span = BOX_ROWS * d;
        double[] buf = scratch[0];
        double[] min = scratch[1];
        double[] max = scratch[2];
        for (int r = 0; r < BOX_ROWS; r++) {
          System.arraycopy(xs, first, min, r * d, d);
          System.arraycopy(xs, first, max, r * d, d);
        }
        for (; from + BOX_ROWS <= hi; from += BOX_ROWS) {
          System.arraycopy(xs, from * d, buf, 0, span);
          for (int q = 0; q < span; q++) {
            min[q] = Math.min(min[q], buf[q]);
            max[q] = Math.max(max[q], buf[q]);
          }
        }
        for (int q = 0; q < span; q++) {
          int k = bo + 2 * (q % d);
          box[k] = Math.min(box[k], min[q]);
          box[k + 1] = Math.max(box[k + 1], max[q]);
        }
      }
      for (int off = from * d, stop = hi * d; off < stop; off += d) {
        for (int j = 0; j < d; j++) {
          double v = xs[off + j];
          int k = bo + 2 * j;
          if (v < box[k]) {
            box[k] = v;
          }
          if (v > box[k + 1]) {
            box[k + 1] = v;
          }
        }
      }
    }
    int best = -1;
    double widest = 0;
    for (int j = 0; j < d; j++) {
      double w = box[bo + 2 * j + 1] - box[bo + 2 * j];
      if (w > widest) {
        widest = w;
        best = j;
      }
    }
    return best;
  }

  /**
   * Rearranges positions {@code [l, r]} (rows of {@code xs} and entries of {@code perm} together) so that
   * position {@code k} holds the value of rank {@code k - l} in dimension {@code dim}, smaller or equal
   * values before it and greater or equal after. Iterative Hoare-partition quickselect (Hoare 1961,
   * doi:10.1145/366622.366647): elements equal to the pivot stop both scans and are swapped, so many
   * duplicates still give balanced partitions. A range of {@link #BLOCK_FROM} positions or more is partitioned
   * by blocks (Edelkamp and Weiss 2016, BlockQuicksort, doi:10.4230/LIPIcs.ESA.2016.38): the same rule, with
   * each block's comparisons made without a branch, as the side of a key is as unpredictable as the data
   * (about a quarter less build time at 10^6 x 2 than the scans). The pivot of a long range comes from a sample
   * ({@link #samplePivot}), of a short one the median of three; after too many rounds (an adversarial order) it
   * switches to the median of three at pseudo-random positions, which keeps the expected time linear.
   *
   * @param xs rows, {@code d} values each
   * @param perm the row index of each position, moved with the rows
   * @param d columns
   * @param l first position
   * @param r last position (inclusive)
   * @param k the position whose rank is wanted, in {@code [l, r]}
   * @param dim the dimension
   */
  public static void select(double[] xs, int[] perm, int d, int l, int r, int k, int dim) {
    int[] offL = null;
    int[] offR = null;
    long h = 0x9E3779B97F4A7C15L * (k + 1);
    int rounds = 0;
    // Whether the last round left the range as it was. It should not happen: a block round that never emptied a
    // right block made all its exchanges there, so an element >= pivot stops the final left scan inside [i, j]
    // (or, without exchanges, the pivot itself is there), and the same holds for the other side. Kept so that
    // termination does not rest on that argument alone: a stuck range takes the plain scans, after which a
    // pivot taken from the range always shrinks it.
    boolean stuck = false;
    while (r > l) {
      int span = r - l + 1;
      double pivot;
      if (++rounds > 40) {
        h = h * 6364136223846793005L + 1442695040888963407L;
        int a = l + (int) (((h >>> 33) * span) >>> 31);
        h = h * 6364136223846793005L + 1442695040888963407L;
        int b = l + (int) (((h >>> 33) * span) >>> 31);
        h = h * 6364136223846793005L + 1442695040888963407L;
        int c = l + (int) (((h >>> 33) * span) >>> 31);
        pivot = median3(xs[a * d + dim], xs[b * d + dim], xs[c * d + dim]);
      } else if (span >= SAMPLE_FROM) {
        pivot = samplePivot(xs, d, l, span, k, dim);
      } else {
        pivot = median3(xs[l * d + dim], xs[(l + ((r - l) >>> 1)) * d + dim], xs[r * d + dim]);
      }
      int i = l;
      int j = r;
      if (span >= BLOCK_FROM && !stuck) {
        if (offL == null) {
          offL = new int[BLOCK];
          offR = new int[BLOCK];
        }
        // blocks of BLOCK positions from both ends: the positions to exchange are found without a branch
        // (offsets stored unconditionally, their count advanced by the comparison), then exchanged in pairs
        int numL = 0;
        int numR = 0;
        int startL = 0;
        int startR = 0;
        while (j - i + 1 >= 2 * BLOCK) {
          if (numL == 0) {
            startL = 0;
            for (int t = 0, off = i * d + dim; t < BLOCK; t++, off += d) {
              offL[numL] = t;
              numL += xs[off] >= pivot ? 1 : 0;
            }
          }
          if (numR == 0) {
            startR = 0;
            for (int t = 0, off = j * d + dim; t < BLOCK; t++, off -= d) {
              offR[numR] = t;
              numR += xs[off] <= pivot ? 1 : 0;
            }
          }
          int num = Math.min(numL, numR);
          for (int t = 0; t < num; t++) {
            swap(xs, perm, d, i + offL[startL + t], j - offR[startR + t]);
          }
          numL -= num;
          numR -= num;
          startL += num;
          startR += num;
          if (numL == 0) {
            i += BLOCK;
          }
          if (numR == 0) {
            j -= BLOCK;
          }
        }
        // now [l, i) <= pivot and (j, r] >= pivot; [i, j] (at most a partly exchanged block from each end and
        // what lies between) is finished below with bounded scans, as nothing in it need stop them
      }
      int a = i;
      int b = j;
      while (a <= b) {
        while (a <= b && xs[a * d + dim] < pivot) {
          a++;
        }
        while (a <= b && xs[b * d + dim] > pivot) {
          b--;
        }
        if (a <= b) {
          swap(xs, perm, d, a, b);
          a++;
          b--;
        }
      }
      // now [l, b] <= pivot, [a, r] >= pivot, and positions strictly between b and a equal the pivot
      if (k <= b) {
        stuck = b == r;
        r = b;
      } else if (k >= a) {
        stuck = a == l;
        l = a;
      } else {
        return;
      }
    }
  }

  private static double median3(double va, double vb, double vc) {
    return Math.max(Math.min(va, vb), Math.min(Math.max(va, vb), vc));
  }

  /**
   * The pivot of a long range: of {@link #SAMPLE} values at evenly spaced positions of {@code [l, l + span)},
   * the one whose rank in the sample is that of position {@code k} in the range (the sampling idea of Floyd and
   * Rivest 1975, doi:10.1145/360680.360694, with one pivot). Its partition leaves position {@code k} within a
   * few per cent of the range's length from the boundary, so the next round, which takes the sample pivot again,
   * is left with a short range: about 1.5 passes over the range in all for a median, against about 2.75 with the
   * median of three (fewer comparisons and swaps: with the three-column box loop, the benchmark's blobs built in
   * 183 instead of 216 ms at 10^6 x 2, 199 instead of 259 ms at 10^6 x 3, one thread, throwaway one-JVM harness).
   * The sample is a value of the range, so the partition always makes progress.
   */
  private static double samplePivot(double[] xs, int d, int l, int span, int k, int dim) {
    double[] v = new double[SAMPLE];
    long step = span;
    for (int t = 0; t < SAMPLE; t++) {
      double x = xs[(l + (int) ((2 * t + 1) * step / (2 * SAMPLE))) * d + dim];
      int u = t;
      while (u > 0 && v[u - 1] > x) {
        v[u] = v[u - 1];
        u--;
      }
      v[u] = x;
    }
    return v[(int) ((long) (k - l) * SAMPLE / span)];
  }

  private static void swap(double[] xs, int[] perm, int d, int i, int j) {
    int t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
    int oi = i * d;
    int oj = j * d;
    for (int q = 0; q < d; q++) {
      double v = xs[oi + q];
      xs[oi + q] = xs[oj + q];
      xs[oj + q] = v;
    }
  }
}
