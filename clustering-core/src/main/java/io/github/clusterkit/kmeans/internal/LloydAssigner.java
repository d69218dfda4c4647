package io.github.clusterkit.kmeans.internal;

/**
 * Lloyd's assignment (Lloyd 1982, doi:10.1109/TIT.1982.1056489): a full scan of every centroid for every row,
 * O(n k d) per pass, no extra memory but a block of work arrays per thread. The reference the accelerated kernels
 * must reproduce.
 *
 * <p>From 3 columns up to {@link Columns#MAX_D} and with at most {@link #BLOCK_MAX_K} centroids, a pass computes the
 * distances by blocks of rows in columns (the engine's column copy, or blocks copied here) with
 * {@link #nearestByBlock}: the same distances, labels (lowest index on ties) and sums in row order as the row scan.
 * Throwaway one-JVM A/B, one thread, the benchmark's blobs, {@code KMeans.k(10).seed(42)}, tolerance 0, at most 20
 * iterations, medians: 10^5 x 50 114 instead of 309 ms, 10^6 x 10 566 instead of 1438 ms, 10^6 x 3 311 instead of
 * 974 ms (the same inertia and iterations). Lloyd needs no second nearest distance, so its blocks fold the minimum
 * alone: 20 iterations from given centroids 268 to 217 ms at 10^6 x 3, 381 to 334 ms at 10^6 x 10, 38.5 to 35.2 ms
 * at 10^5 x 50 (same harness).
 */
public final class LloydAssigner extends Assigner {

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  public LloydAssigner(double[] x, int n, int d, int k, double[] w) {
    super(x, n, d, k, w);
    this.blocks = new PerThread<>(() -> new BlockScratch(d, k));
  }

  /**
   * Most centroids for which a pass goes by blocks of columns (their distances are kept for a whole block: at most
   * {@code 1024 * 256} doubles, 2 MiB, a thread); was 64, see {@code HamerlyAssigner.STORED_CENTROIDS} for the
   * measurements of both (Lloyd at 10^5 x 10, k = 100: 1122 ms row by row, 493 ms by blocks).
   */
  static final int BLOCK_MAX_K = 1024;

  /** The engine's column copy, or {@code null}. */
  private Columns columns;

  /** Work arrays of the blocked pass, one set per calling thread. */
  private final PerThread<BlockScratch> blocks;

  @Override
  void useColumns(Columns columns) {
    this.columns = columns;
  }

  @Override
  boolean columnsEveryPass() {
    return blocked();
  }

  /** Whether the passes go by blocks of columns ({@link #assignBlocks}). */
  private boolean blocked() {
    return blocked(d, k);
  }

  /**
   * Whether passes that compute every distance go by blocks of columns: from 3 to {@link Columns#MAX_D} columns and
   * up to {@link #BLOCK_MAX_K} centroids (Lloyd's passes, Elkan's first pass).
   *
   * @param d dimension
   * @param k centroids
   * @return whether they do
   */
  static boolean blocked(int d, int k) {
    return d >= 3 && d <= Columns.MAX_D && k <= BLOCK_MAX_K;
  }

  @Override
  public void reset() {}

  /** Whether this pass runs on the run's first centroids (the reference points, {@link #trackReference}). */
  private boolean first;

  @Override
  public void prepare(double[] centers, double[] shifts) {
    this.c = centers;
    this.first = shifts == null;
  }

  @Override
  public int assign(int from, int to, int[] labels, double[] sum, double[] wsum) {
    if (d == 2) {
      return assign2(from, to, labels, sum, wsum);
    }
    if (blocked()) {
      return assignBlocks(from, to, labels, sum, wsum);
    }
    int changes = 0;
    double[] buf = distanceBuffer();
    final boolean known = first && ref != null && w == null && !moves;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      int a = nearest(xo, buf);
      int old = labels[i];
      if (old != a) {
        labels[i] = a;
        changes++;
      }
      if (sum != null) {
        if (known) {
          accumulateKnown(xo, a, buf[a], sum, wsum); // the first pass's distance to its centroid a is buf[a]
        } else {
          tally(i, xo, old, a, sum, wsum);
        }
      }
    }
    return changes;
  }

  /**
   * {@link #assign} by blocks of rows in columns ({@link #nearestByBlock}), the rows then in row order. Its label and
   * sum lines repeat the row scan's: a helper shared by both (27a43a9) was reverted with Hamerly's (0df9e8b).
   */
  private int assignBlocks(int from, int to, int[] labels, double[] sum, double[] wsum) {
    final int dd = d;
    final BlockScratch b = blocks.get();
    final int bl = Columns.blockRows(dd);
    final boolean known = first && ref != null && w == null && !moves;
    int changes = 0;
    for (int base = from; base < to; base += bl) {
      final int len = Math.min(bl, to - base);
      final double[][] cols = Columns.blockColumns(columns, x, base, len, dd, b.cols, b.rowBuf);
      nearestByBlock(cols, len, b.acc, b.dist, b.bd, null, b.bestD); // no second nearest: nothing reads it
      for (int r = 0; r < len; r++) {
        int i = base + r;
        int a = (int) b.bestD[r];
        int old = labels[i];
        if (old != a) {
          labels[i] = a;
          changes++;
        }
        if (sum != null) {
          if (known) {
            accumulateKnown(i * dd, a, b.bd[r], sum, wsum); // the first pass's distance to its centroid a
          } else {
            tally(i, i * dd, old, a, sum, wsum);
          }
        }
      }
    }
    return changes;
  }

  /** The same computation as the general path (same expression order), unrolled for two dimensions. */
  private int assign2(int from, int to, int[] labels, double[] sum, double[] wsum) {
    final double[] px = x;
    final double[] cc = c;
    final int kk = k;
    final double[] ww = w;
    int changes = 0;
    for (int i = from; i < to; i++) {
      double x0 = px[2 * i];
      double x1 = px[2 * i + 1];
      double t0 = x0 - cc[0];
      double t1 = x1 - cc[1];
      double bd = t0 * t0 + t1 * t1;
      int a = 0;
      for (int j = 1; j < kk; j++) {
        double u0 = x0 - cc[2 * j];
        double u1 = x1 - cc[2 * j + 1];
        double dj = u0 * u0 + u1 * u1;
        // No branch (which centroid wins is unpredictable): an int select and Math.min, a branch-free
        // intrinsic with the same value here (no NaN, never -0.0).
        a = dj < bd ? j : a;
        bd = Math.min(bd, dj);
      }
      int old = labels[i];
      if (old != a) {
        labels[i] = a;
        changes++;
      }
      if (sum != null && moves) {
        if (old != a) {
          move(i, 2 * i, old, a, sum, wsum);
        }
      } else if (sum != null) {
        if (ww == null) {
          sum[2 * a] += x0;
          sum[2 * a + 1] += x1;
          wsum[a] += 1;
          if (ref != null) {
            wsum[kk + a] += first ? bd : refSq(2 * i, a); // bd: the first pass runs on the reference points
          }
        } else {
          double wi = ww[i];
          sum[2 * a] += x0 * wi;
          sum[2 * a + 1] += x1 * wi;
          wsum[a] += wi;
        }
      }
    }
    return changes;
  }
}
