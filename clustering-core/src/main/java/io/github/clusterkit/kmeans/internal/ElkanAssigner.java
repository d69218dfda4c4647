package io.github.clusterkit.kmeans.internal;

/**
 * Elkan's assignment (Elkan 2003, "Using the triangle inequality to accelerate k-means", ICML, pp. 147-153):
 * per row an upper bound on the distance to its centroid and a lower bound for every centroid, plus the
 * centroid-to-centroid distances; O(n k) extra memory, best for higher dimension where a distance is costly.
 *
 * <p>Exact: bounds carry the safety margins of {@link Dist}, pruning needs strict inequalities, every distance
 * that is computed is {@link Dist#sq}, and the running minimum breaks ties to the lowest index, so the labels
 * equal Lloyd's bit for bit.
 *
 * <p>The first pass computes every distance; from 3 to {@link Columns#MAX_D} columns and with at most
 * {@link LloydAssigner#BLOCK_MAX_K} centroids it does so by blocks of rows in columns, as Lloyd's passes
 * ({@link #fullBlocks}). Throwaway one-JVM A/B, one thread, the benchmark's blobs, k = 100, from the centroids of a
 * one-iteration greedy k-means++ fit (seed 42), medians of 7, row by row / by blocks: 10^5 x 10, a fit of one
 * iteration (the first pass and the final assignment) 88.1 / 45.9 ms, of 20 iterations 496 / 320 ms; 10^5 x 50
 * 202 / 80 ms and 621 / 530 ms. The later passes stay row by row: each row's {@code k} lower bounds are updated by a
 * loop that C2 vectorises and tested one by one (lower bounds kept as floats relative to per-centroid shift sums, as
 * Hamerly's are, so that a pass reads them without writing them back, made those passes slower: 20 iterations
 * 454 / 320 ms at 10^5 x 10, 507 / 530 at 10^5 x 50, same harness; not kept).
 */
public final class ElkanAssigner extends Assigner {

  private final double gUp;
  private final double gDown;
  private final double[] upper;
  private final double[] lower;
  private final double[] half;
  private final double[] s;
  private double[] shift;
  private boolean full;
  /** The engine's column copy, or {@code null}. */
  private Columns columns;
  /** Work arrays of the blocked first pass ({@link #fullBlocks}), one set per calling thread. */
  private final PerThread<BlockScratch> blocks;

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  public ElkanAssigner(double[] x, int n, int d, int k, double[] w) {
    super(x, n, d, k, w);
    this.gUp = 1 + Dist.gamma(d);
    this.gDown = 1 - Dist.gamma(d);
    this.upper = new double[n];
    this.lower = new double[n * k];
    this.half = new double[k * k];
    this.s = new double[k];
    this.blocks = new PerThread<>(() -> new BlockScratch(d, k));
  }

  /** The upper bounds, one a row; for tests. */
  double[] upperBounds() {
    return upper;
  }

  /** The lower bounds, {@code k} a row (row-major); for tests. */
  double[] lowerBounds() {
    return lower;
  }

  @Override
  void useColumns(Columns columns) {
    this.columns = columns;
  }


  /**
   * @param n rows
   * @param k clusters
   * @return whether the {@code n * k} lower bounds fit in a Java array
   */
  public static boolean fits(int n, int k) {
    return (long) n * k <= Integer.MAX_VALUE - 8;
  }

  @Override
  public void reset() {
    full = true;
    onReference = true;
  }

  @Override
  public void prepare(double[] centers, double[] shifts) {
    this.c = centers;
    full = shifts == null;
    if (!full) {
      onReference = false; // the centroids have moved from the reference points
    }
    shift = shifts;
    halfDistances(centers, half, s);
  }

  @Override
  public int assign(int from, int to, int[] labels, double[] sum, double[] wsum) {
    if (full && LloydAssigner.blocked(d, k)) {
      return fullBlocks(from, to, labels, sum, wsum);
    }
    int changes = 0;
    final double[] u = upper;
    final double[] lb = lower;
    final double[] hp = half;
    final double[] cc = c;
    final int kk = k;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      int base = i * kk;
      int old = labels[i];
      int a;
      if (full) {
        a = 0;
        double bd = Dist.sq(x, xo, cc, 0, d);
        lb[base] = Math.sqrt(bd) * gDown;
        for (int j = 1; j < kk; j++) {
          double dj = Dist.sq(x, xo, cc, j * d, d);
          lb[base + j] = Math.sqrt(dj) * gDown;
          if (dj < bd) {
            bd = dj;
            a = j;
          }
        }
        u[i] = Math.sqrt(bd) * gUp;
      } else {
        a = old;
        final double[] p = shift;
        for (int j = 0; j < kk; j++) {
          lb[base + j] = (lb[base + j] - p[j]) * Dist.DOWN;
        }
        double uu = (u[i] + p[a]) * Dist.UP;
        if (!(uu < s[a])) {
          boolean tight = false;
          double sqA = 0;
          for (int j = 0; j < kk; j++) {
            if (j == a || uu < lb[base + j] || uu < hp[a * kk + j]) {
              continue;
            }
            if (!tight) {
              sqA = Dist.sq(x, xo, cc, a * d, d);
              double da = Math.sqrt(sqA);
              uu = da * gUp;
              lb[base + a] = da * gDown;
              tight = true;
              if (uu < lb[base + j] || uu < hp[a * kk + j]) {
                continue;
              }
            }
            double dj = Dist.sq(x, xo, cc, j * d, d);
            double rj = Math.sqrt(dj);
            lb[base + j] = rj * gDown;
            if (dj < sqA || (dj == sqA && j < a)) {
              a = j;
              sqA = dj;
              uu = rj * gUp;
            }
          }
        }
        u[i] = uu;
      }
      if (a != old) {
        labels[i] = a;
        changes++;
      }
      if (sum != null) {
        tally(i, xo, old, a, sum, wsum);
      }
    }
    return changes;
  }

  /**
   * The first pass by blocks of rows in columns ({@link #nearestByBlock}: every distance vectorised over the block's
   * rows, the same values as {@link Dist#sq}, the nearest the lowest index on ties), then the row scan's bounds, labels
   * and sums row by row in row order: the same bounds, labels and sums bit for bit (figures in the class Javadoc). Its
   * label and sum lines repeat those of {@code LloydAssigner.assignBlocks}: a helper shared by Lloyd's passes (27a43a9)
   * gave slow JMH forks and was reverted (0df9e8b), and this pass runs once a run, so it keeps its own copy.
   */
  private int fullBlocks(int from, int to, int[] labels, double[] sum, double[] wsum) {
    final int dd = d;
    final int kk = k;
    final BlockScratch b = blocks.get();
    final int bl = Columns.blockRows(dd);
    final double[] u = upper;
    final double[] lb = lower;
    final double[][] dist = b.dist;
    // The first pass of a run runs on the reference points (its first centroids): a row's distance to its own is bd.
    final boolean known = onReference && ref != null && w == null && !moves;
    int changes = 0;
    for (int base = from; base < to; base += bl) {
      final int len = Math.min(bl, to - base);
      final double[][] cols = Columns.blockColumns(columns, x, base, len, dd, b.cols, b.rowBuf);
      nearestByBlock(cols, len, b.acc, dist, b.bd, null, b.bestD);
      // The lower bounds, vectorised over the block's rows in place, then stored row by row (k contiguous values).
      for (int j = 0; j < kk; j++) {
        final double[] v = dist[j];
        for (int r = 0; r < len; r++) {
          v[r] = Math.sqrt(v[r]) * gDown;
        }
      }
      for (int r = 0, o = base * kk; r < len; r++) {
        for (int j = 0; j < kk; j++, o++) {
          lb[o] = dist[j][r];
        }
      }
      for (int r = 0; r < len; r++) {
        int i = base + r;
        int a = (int) b.bestD[r];
        u[i] = Math.sqrt(b.bd[r]) * gUp;
        int old = labels[i];
        if (old != a) {
          labels[i] = a;
          changes++;
        }
        if (sum != null) {
          if (known) {
            accumulateKnown(i * dd, a, b.bd[r], sum, wsum);
          } else {
            tally(i, i * dd, old, a, sum, wsum);
          }
        }
      }
    }
    return changes;
  }
}
