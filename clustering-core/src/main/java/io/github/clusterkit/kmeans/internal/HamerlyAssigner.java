package io.github.clusterkit.kmeans.internal;

/**
 * Hamerly's assignment (Hamerly 2010, "Making k-means even faster", SIAM SDM,
 * doi:10.1137/1.9781611972801.12): per row one upper bound on the distance to its centroid and one lower bound
 * on the distance to every other centroid; a row is rescanned only when the bounds cannot prove its label.
 * O(n) extra memory; best for low dimension.
 *
 * <p>Exact: bounds carry the safety margins of {@link Dist}, pruning needs a strict inequality, and a rescan
 * is Lloyd's full scan, so the labels equal Lloyd's bit for bit. From {@link #BALL_MIN_K} centroids a rescan compares
 * the row only with the centroids near its own, which can neither win nor tie ({@link #rescanBall}).
 *
 * <p>Both bounds of a row are kept as floats packed into one {@code long}, the upper one rounded up and the
 * lower one rounded down (see {@link #pack}): a bound only has to be valid, not tight, and any valid bounds give
 * the same labels. Eight bytes a row instead of sixteen halve the memory a pass streams through and the fresh
 * memory a fit must fault in; the same array is the seeding's scratch space ({@link #scratchBits()}).
 *
 * <p>Bounds are not updated row by row after each centroid update. A row's bounds are stored relative to its
 * cluster's sums of upper-bound growths and lower-bound shrinkages since the last full pass ({@code cumShift},
 * {@code cumOther}; Hamerly's per-pass updates, added up), so that they stay valid without a store. Each row also
 * keeps a due value: the drift (a global sum, over passes, of the most any row's margin {@code max(half, lower) -
 * upper} can shrink in a pass) at which its margin may be used up. A bounded pass reads one float per row and
 * looks at the due rows only: their bounds are rebuilt from the sums and tested as Hamerly's; those still proved
 * get a new due value. Every sum and due value is rounded the safe way (tested exactly in
 * {@code HamerlyBoundsTest}), so a row that is not looked at has bounds that would have proved its label, and the
 * labels, sums and results are those of the per-row updates bit for bit. At 10^5 x 50, k = 10, 20 iterations from
 * given centroids, one thread, about 2% of the rows came due per pass; the fit took 14.6 instead of 15.7 ms
 * (one-JVM A/B, 80 fits each, medians of the later half). Early in a fit from k-means++ seeds most rows come due
 * (70% in the first bounded pass at 10^6 x 2): there the bound arithmetic must stay in floats. With conversions
 * to double and back in the loop, greedy k-means++ and 20 iterations at 10^6 x 2 took 223 instead of 181 ms of the
 * per-row updates; in floats only, 176 ms (10^6 x 10: 264 against 274 ms).
 */
public final class HamerlyAssigner extends Assigner {

  /** {@code (float) (u * UP_F + TINY) >= u} for every {@code u >= 0} (nearest rounding loses at most 2^-24). */
  private static final double UP_F = 1 + 0x1.0p-22;
  /** {@code (float) (l * DOWN_F - TINY) <= l} for every finite {@code l >= 0} below the float range's top. */
  private static final double DOWN_F = 1 - 0x1.0p-22;
  /** The smallest float: covers rounding among subnormal floats. */
  private static final double TINY = 0x1.0p-149;
  private static final double MAX_F = Float.MAX_VALUE;
  /**
   * Float rounding of the bounded pass ({@link #addUp}, {@link #upperNow}, {@link #dueAt}, {@link #gapDown}, ...):
   * {@code (a + b) * UP_FF + TINY_FF} is at least {@code a + b}, and {@code (m - u) * DOWN_FF - TINY_FF} at most
   * {@code m - u}, despite two roundings of at most 2^-24 relative each (or 2^-150 absolute among subnormal floats).
   */
  private static final float UP_FF = 1 + 0x1.0p-21f;
  private static final float DOWN_FF = 1 - 0x1.0p-21f;
  private static final float TINY_FF = 0x1.0p-148f;

  /**
   * Rows per block of {@link #bounded}: the block's labels and bounds stay in the core's cache, and a block holds
   * enough open rows for their cache misses to overlap (10^6 x 10, k = 10, 20 iterations from given centroids,
   * JMH under the lock: one thread about 250 ms with 1024, 200-212 ms with 4096, 210-250 ms with 16384).
   */
  private static final int SPLIT_BLOCK = 4096;

  private final double gUp;
  private final double gDown;
  private final long[] bounds;
  private final double[] s;
  private final float[] half;
  private final float[] shiftF;
  /**
   * Per centroid {@code a}, the most any other centroid moved in the last update (the largest shift, or the second
   * largest for the centroid that moved most), by which the lower bounds of {@code a}'s rows shrink; added into
   * {@link #cumOther} once per pass.
   */
  private final float[] otherShift;
  /**
   * Per row, the value of {@link #drift} from which its bounds may no longer prove its label (a float at most the
   * drift of the pass that set it plus the row's gap, {@link #dueAt}); a bounded pass looks only at the rows whose
   * value the drift has reached.
   */
  private final float[] due;
  /** Per centroid, the sum of its upper-bound growths ({@code shiftF}) since the last full pass, rounded up. */
  private final float[] cumShift;
  /** Per centroid, the sum of its lower-bound shrinkages ({@code otherShift}) since the last full pass, rounded up. */
  private final float[] cumOther;
  /** {@link #half} before the last {@link #prepare}. */
  private final float[] prevHalf;
  /**
   * The drift: the sum over the bounded passes since the last full pass of the most any row's gap
   * {@code max(half, lower) - upper} can have shrunk in that pass, rounded up (see {@link #prepare}).
   */
  private double drift;
  /** {@link #drift} rounded up and down to floats, for the bounded pass's float arithmetic. */
  private float driftUp;
  private float driftDown;
  private boolean full;
  /**
   * Rows the bounded passes since the last {@link #prepare} rescanned against every centroid (listed by
   * {@link #bounded}, or open in a block it took whole); an integer total, the same on any thread count.
   */
  private final java.util.concurrent.atomic.LongAdder rescanned = new java.util.concurrent.atomic.LongAdder();
  /**
   * Fewest centroids for which the rescans compare a row only with the centroids near its own ({@link #rescanBall}).
   */
  static final int BALL_MIN_K = 16;
  /** {@link #BALL_MIN_K}, or another value set by a test ({@link #ballMinK(int)}). */
  private int ballMinK = BALL_MIN_K;
  /** Most other centroids a row's ball may hold for {@link #rescanBall} to compare it with them alone. */
  private int ballMost;
  /** Rows that {@link #rescanBall} compared with the centroids of their balls alone, since construction; for tests. */
  private final java.util.concurrent.atomic.LongAdder ballRows = new java.util.concurrent.atomic.LongAdder();
  /** Passes that do not try the balls after a pass found them mostly too wide ({@link #prepare}). */
  private static final int BALL_REST = 3;
  /** Passes left before the balls are tried again. */
  private int ballRest;
  /** The next pause: {@link #BALL_REST} passes, doubled (up to 64) each time the balls are found too wide again. */
  private int ballPause = BALL_REST;
  /** Rows listed, and rows with too wide a ball, in the blocks of the last pass that sized the balls. */
  private final java.util.concurrent.atomic.LongAdder ballListed = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder ballWide = new java.util.concurrent.atomic.LongAdder();
  /** Whether the bounded passes since the last {@link #prepare} rescan by {@link #rescanBall}. */
  private boolean ball;
  /**
   * Per centroid {@code a}, the other centroids in order of their half distance from {@code a} (deflated as
   * {@link #halfDistances} gives them), as {@code long}s: the half distance's bits with the low ten cleared (a value at
   * most the half distance; non-negative doubles order as their bits) above the centroid's index (so {@code k <=
   * 1024}), {@code k - 1} a centroid; made when {@link #ball} first holds.
   */
  private long[] nearKeys;
  /**
   * Narrowest rows whose open rows {@link #bounded} touches before computing their distances. At d = 10 (one-JVM
   * A/B, one thread, 10^6 rows, k = 10, medians): 20 iterations from given centroids 92 to 83 ms, greedy k-means++
   * and 20 iterations 280 to 263 ms; at d = 2 no change, so narrower rows skip it.
   */
  private static final int TOUCH_MIN_D = 8;
  /** The engine's column copy of the data, read by {@link #fullBlocks} when present. */
  private Columns columns;
  /**
   * Work arrays of the passes, one set per thread that calls {@link #assign} ({@link PerThread}), instead of new
   * arrays zeroed for every chunk of every pass: 10^5 x 50, k = 10, one thread, a fit of 20 iterations from given
   * centroids took about 23.0-23.5 instead of 24.0-24.4 ms (throwaway harness, A/B in one JVM, 10 pairs).
   */
  private final PerThread<Scratch> scratch = new PerThread<>(Scratch::new);

  /** Work arrays of one {@link #bounded} or {@link #fullBlocks} call (each allocated on first use). */
  private static final class Scratch {
    int[] open;
    double[] own;
    double[] buf;
    double[][] cols;
    double[] rowBuf;
    double[][] acc;
    double[][] dist;
    double[] bd;
    double[] sec;
    double[] bestD;
    int[] best;
    double[][] rowSums;
    double[] row;
    double[] ownSq;
    int[] ballQ;
    int[] wideRows;
    int[] widePos;
    int[] newLabel;
  }

  /**
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w weights or {@code null}
   */
  public HamerlyAssigner(double[] x, int n, int d, int k, double[] w) {
    super(x, n, d, k, w);
    this.gUp = 1 + Dist.gamma(d);
    this.gDown = 1 - Dist.gamma(d);
    this.bounds = new long[n];
    this.s = new double[k];
    this.half = new float[k];
    this.shiftF = new float[k];
    this.otherShift = new float[k];
    this.due = new float[n];
    this.cumShift = new float[k];
    this.cumOther = new float[k];
    this.prevHalf = new float[k];
  }

  /**
   * Packs an upper and a lower float bound into one {@code long} (upper in the high half); {@link #up} and
   * {@link #down} round doubles the safe way first: the upper bound up, the lower one down and never below 0, an
   * overflow to an infinite upper bound or the largest float as lower bound.
   */
  static long pack(float u, float l) {
    return ((long) Float.floatToRawIntBits(u) << 32) | (Float.floatToRawIntBits(l) & 0xFFFFFFFFL);
  }

  /** A float {@code >= u}, for {@code u >= 0}. */
  static float up(double u) {
    return (float) (u * UP_F + TINY);
  }

  /** A float {@code <= max(l, 0)}. */
  static float down(double l) {
    return (float) Math.min(Math.max(l, 0) * DOWN_F - TINY, MAX_F);
  }

  /** A float at most {@code m - u} when {@code m > u}, else 0: a full pass's due value ({@link #setBoundsFull}). */
  static float gapDown(float m, float u) {
    float gap = m - u;
    return gap > 0 ? Math.max(gap * DOWN_FF - TINY_FF, 0f) : 0f;
  }

  static float upper(long p) {
    return Float.intBitsToFloat((int) (p >>> 32));
  }

  static float lower(long p) {
    return Float.intBitsToFloat((int) p);
  }

  @Override
  void useColumns(Columns columns) {
    this.columns = columns;
  }

  @Override
  public long[] scratchBits() {
    return bounds;
  }

  /** The seeding's second smallest squared distances for the next full pass ({@link #takeSeeds}), or {@code null}. */
  private double[] seedSecond;

  /** Where the first pass is {@link #fullBlocks} (the seeding's findings replace its distances there). */
  @Override
  boolean takesSeeds() {
    return d <= Columns.MAX_D && !(d == 2 && w == null);
  }

  @Override
  void takeSeeds(double[] second) {
    this.seedSecond = second;
  }

  @Override
  public void reset() {
    full = true;
    onReference = true;
  }

  @Override
  public void prepare(double[] centers, double[] shifts) {
    this.c = centers;
    rescanned.reset();
    if (shifts != null) {
      onReference = false; // the centroids have moved from the reference points
    }
    if (shifts == null) {
      full = true;
      java.util.Arrays.fill(cumShift, 0);
      java.util.Arrays.fill(cumOther, 0);
      drift = 0;
      driftUp = 0;
      driftDown = 0;
    } else {
      full = false;
      double max = 0;
      double second = 0;
      int argMax = -1;
      for (int j = 0; j < k; j++) {
        double p = shifts[j];
        shiftF[j] = up(p);
        if (p > max) {
          second = max;
          max = p;
          argMax = j;
        } else if (p > second) {
          second = p;
        }
      }
      float ms = up(max);
      java.util.Arrays.fill(otherShift, ms);
      if (argMax >= 0) {
        otherShift[argMax] = up(second);
      }
    }
    System.arraycopy(half, 0, prevHalf, 0, k);
    // Balls that were mostly too wide to use (three quarters of the listed rows of the last pass that tried them)
    // are not tried again for a pause of passes, longer each time: their bookkeeping is then all cost (on rows
    // without cluster structure).
    long triedRows = ballListed.sumThenReset();
    long wideRows = ballWide.sumThenReset();
    if (full) {
      ballRest = 0;
      ballPause = BALL_REST;
    } else if (ballRest > 0) {
      ballRest--;
    } else if (triedRows > 0 && 4 * wideRows >= 3 * triedRows) {
      ballRest = ballPause;
      ballPause = Math.min(2 * ballPause, 64);
    } else if (triedRows > 0) {
      ballPause = BALL_REST;
    }
    ball = !full && usesBalls() && ballRest == 0; // a full pass compares every row with every centroid anyway
    if (ball) {
      ballHalfDistances(centers);
      ballMost = (k - 1) / 4;
    } else {
      halfDistances(centers, null, s);
    }
    for (int j = 0; j < k; j++) {
      half[j] = down(s[j]);
    }
    if (!full) {
      // A row of cluster a keeps its bounds relative to cumShift[a] and cumOther[a], so its upper bound grows by
      // the growth of cumShift[a] and its lower bound shrinks by that of cumOther[a]; its half distance shrinks by
      // at most prevHalf[a] - half[a]. The most any gap max(half, lower) - upper shrinks in this pass is the
      // largest over clusters of the upper growth plus the larger of the two shrinkages (both are computed from
      // the stored sums themselves, and every sum is rounded up, so the drift never falls short of it).
      double most = 0;
      for (int a = 0; a < k; a++) {
        float pa = addUp(cumShift[a], shiftF[a]);
        float oa = addUp(cumOther[a], otherShift[a]);
        double dh = (double) prevHalf[a] - half[a];
        if (!(dh >= 0)) {
          dh = 0; // grew, or +inf - +inf when k == 1 (no other centroid: the half distance stays +inf)
        }
        double step = ((double) pa - cumShift[a]) + Math.max(dh, (double) oa - cumOther[a]);
        most = Math.max(most, step);
        cumShift[a] = pa;
        cumOther[a] = oa;
      }
      drift = (drift + most * SUM_UP) * SUM_UP;
      driftUp = up(drift);
      driftDown = down(drift);
    }
  }

  /** Rounds a sum of non-negative doubles up: covers the rounding of the addition and of one difference of sums. */
  private static final double SUM_UP = 1 + 0x1.0p-48;

  // The bounded pass's bound arithmetic, in floats only (a conversion between float and double in its loop made an
  // examination of a row about twice as slow: 6.4 against 3.4 ns, throwaway loop over 2^20 rows). Every result is
  // rounded the safe way: two roundings of at most 2^-24 relative each (2^-150 absolute among subnormal floats) are
  // covered by the factors 1 + 2^-21 and 1 - 2^-21 and by TINY_FF (HamerlyBoundsTest checks each exactly).

  /** A float {@code >= s + p} for {@code s, p >= 0}: a drift sum grown by a pass's increment. */
  static float addUp(float s, float p) {
    return (s + p) * UP_FF + TINY_FF;
  }

  /** A float {@code >= u - p} for {@code u, p >= 0}: an upper bound stored relative to its cluster's sum. */
  static float relUpper(float u, float p) {
    return (u * UP_FF - p * DOWN_FF) + TINY_FF;
  }

  /**
   * A float {@code <= max(l, 0) + o} for {@code o >= 0}: a lower bound stored relative to its cluster's sum (at most
   * the largest float, never {@code +inf}).
   */
  static float relLower(float l, float o) {
    return Math.min((Math.max(l, 0f) + o) * DOWN_FF - TINY_FF, Float.MAX_VALUE);
  }

  /** A float {@code >= r + p} when {@code r + p >= 0}: the upper bound rebuilt from its stored form. */
  static float upperNow(float r, float p) {
    return (r + p) * UP_FF + TINY_FF;
  }

  /** A float {@code <= max(r - o, 0)}: the lower bound rebuilt from its stored form. */
  static float lowerNow(float r, float o) {
    return (r - o) * DOWN_FF - TINY_FF;
  }

  /**
   * The due value of a row with upper bound {@code u} and {@code m = max(half, lower)} at a drift of at least
   * {@code g >= 0}: at most {@code g + (m - u)} when {@code m > u}, so that while the drift stays below it the row's
   * gap has not been used up (at most the largest float: a drift beyond it rounds up to {@code +inf}, which reaches
   * it); otherwise at most {@code g}, {@code -inf} or NaN, each of which makes the row due at the next pass.
   */
  static float dueAt(float g, float u, float m) {
    return Math.min((g + (m - u)) * DOWN_FF - TINY_FF, Float.MAX_VALUE);
  }

  /**
   * Stores row {@code i}'s bounds for label {@code a}: valid upper and lower bounds {@code u} and {@code l} (floats
   * rounded the safe way) on its distances now, relative to the label's drift sums, and the row's due value.
   */
  private void setBounds(int i, int a, float u, float l) {
    float pa = cumShift[a];
    float oa = cumOther[a];
    float ur = relUpper(u, pa);
    float lr = relLower(l, oa);
    bounds[i] = pack(ur, lr);
    float uu = upperNow(ur, pa);
    float m = Math.max(half[a], lowerNow(lr, oa));
    due[i] = dueAt(driftDown, uu, m);
  }

  /**
   * {@link #setBounds} for a row whose upper bound alone is new (tightened): the stored lower bound {@code lr} is
   * kept as it is, not rebuilt and rounded down again.
   */
  private void setUpper(int i, int a, float u, float lr) {
    float pa = cumShift[a];
    float ur = relUpper(u, pa);
    bounds[i] = pack(ur, lr);
    float m = Math.max(half[a], lowerNow(lr, cumOther[a]));
    due[i] = dueAt(driftDown, upperNow(ur, pa), m);
  }

  /** {@link #setBounds} in a full pass, where the drift sums are all 0: the bounds are stored as they are. */
  private void setBoundsFull(int i, int a, double u, double l) {
    float uu = up(u);
    float ll = down(l);
    bounds[i] = pack(uu, ll);
    due[i] = gapDown(Math.max(half[a], ll), uu);
  }

  @Override
  public int assign(int from, int to, int[] labels, double[] sum, double[] wsum) {
    // Every bounded pass is blocked (bounded(); at d = 2 it also replaced an unrolled row-by-row pass:
    // 10^6 x 2, k = 10, one thread, A-B-A-B in JMH: iter20 329 / 323 -> 310 / 302 ms, converge 245 / 247 ->
    // 214 / 217 ms).
    if (!full) {
      return bounded(from, to, labels, sum, wsum);
    }
    if (d == 2 && w == null) {
      return full2(from, to, labels, sum, wsum);
    }
    // By blocks up to Columns.MAX_D columns (measured at 10 and 50: at 10^5 x 50, k = 10, a fit of one iteration from
    // given centroids took 28 instead of 41 ms, A/B in one JVM; from 65 to 256 columns see Columns.MAX_D); wider rows
    // keep the row kernel.
    if (d <= Columns.MAX_D) {
      return fullBlocks(from, to, labels, sum, wsum);
    }
    int changes = 0;
    final double[] buf = distanceBuffer();
    for (int i = from; i < to; i++) {
      int xo = i * d;
      int old = labels[i];
      int a = scan(i, xo, buf);
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
   * The bounded pass of the general case, by blocks of rows: a first loop lists the rows whose due value the drift
   * has reached, a second rebuilds their bounds and keeps those the bounds cannot prove ("open"; the others get a
   * new due value), a third computes the open rows' distances to their own centroid, a fourth tightens their upper
   * bounds and lists the rows still open, which {@link #rescan} scans in row order (moving each changed row's sums
   * as it goes); when every row adds to the sums (weights, or a pass that re-sums in full) a fifth adds the block's
   * rows in row order, so the sums are those of a one-loop pass that tallies each row as it is decided (the order of
   * the row-by-row pass this replaced). The rescans of the open rows dominate the pass: their rows are scattered
   * cache misses, which the third loop overlaps (10^6 x 10, k = 10, a pass with 4.8% rescans: 20 to 14 ms,
   * throwaway A/B in one JVM, load ~1), and their distances, which {@link #rescan} computes by blocks of columns.
   * A block where nearly every row is open after the second loop is taken whole instead ({@link #dense}); blocks then
   * start on the column copy's blocks.
   */
  private int bounded(int from, int to, int[] labels, double[] sum, double[] wsum) {
    final long[] b = bounds;
    final float[] dl = due;
    final float[] cs = cumShift;
    final float[] co = cumOther;
    final float[] hf = half;
    final float gF = driftUp;
    final float gd = driftDown;
    final int dd = d;
    final boolean mv = sum != null && moves;
    final boolean acc = sum != null && !moves;
    // Dense blocks (most rows open) read whole blocks of the column copy, so the split follows its blocks.
    final boolean denseOk = dd >= 3 && dd <= Columns.MAX_D && k <= storedCentroids && denseEighths <= 8;
    final int bl = Columns.blockRows(dd);
    final int split = denseOk ? bl * Math.max(1, SPLIT_BLOCK / bl) : SPLIT_BLOCK;
    final int cap = Math.min(split, to - from);
    final Scratch sc = scratch.get();
    if (sc.open == null || sc.open.length < cap) {
      sc.open = new int[cap];
      sc.own = new double[cap];
      sc.ownSq = new double[cap];
      sc.ballQ = new int[cap];
    }
    final int[] open = sc.open;
    final double[] own = sc.own;
    final double[] ownSq = sc.ownSq;
    int changes = 0;
    for (int base = from; base < to; base += split) {
      int end = Math.min(to, base + split);
      // Due rows only: a row whose due value the drift has not reached still has its label proved.
      int due0 = 0;
      for (int i = base; i < end; i++) {
        open[due0] = i;
        due0 += dl[i] > gF ? 0 : 1; // NaN: due
      }
      // The due rows' bounds now: a row whose bounds still prove its label gets a new due value, the others stay open.
      int cnt = 0;
      for (int r = 0; r < due0; r++) {
        int i = open[r];
        int a = labels[i];
        long bi = b[i];
        float uu = upperNow(upper(bi), cs[a]);
        float m = Math.max(hf[a], lowerNow(lower(bi), co[a]));
        // Without a branch (which rows settle is unpredictable): an open row's due value is set again when its
        // bounds are (setBounds), so it may be written here too.
        open[cnt] = i;
        own[cnt] = uu; // read by mostlyWide with the balls; one store, cheaper than a test (k = 10 passes unchanged)
        dl[i] = dueAt(gd, uu, m);
        cnt += uu < m ? 0 : 1;
      }
      if (denseOk && 8L * cnt >= (long) denseEighths * (end - base)
          && (!ball || mostlyWide(open, own, cnt, labels))) {
        // With the balls, the block is taken whole when at least half its open rows (every eighth looked at) would
        // be compared with every centroid even by their present (loose) upper bounds.
        rescanned.add(cnt);
        changes += dense(base, end, labels, mv, acc, sum, wsum, sc);
        continue;
      }
      // The open rows' distances to their own centroid in a loop of their own: its short body lets the core
      // overlap the cache misses of many rows (open rows are scattered), so the scans below find them cached.
      if (dd >= TOUCH_MIN_D) {
        // One load per cache line of every open row first, in a loop whose short body keeps many rows' misses in
        // flight, so the distances below read cached rows (10^5 x 50, k = 10, 20 iterations from given centroids,
        // one thread: 12.1 to 11.8 and 12.1 to 11.5 ms, one-JVM A/B, two runs of 80 fits).
        long h = 0;
        for (int r = 0; r < cnt; r++) {
          int o = open[r] * dd;
          int e = o + dd;
          for (int t = o; t < e; t += 8) {
            h ^= Double.doubleToRawLongBits(x[t]);
          }
        }
        Columns.keep(h);
      }
      for (int r = 0; r < cnt; r++) {
        int i = open[r];
        own[r] = Dist.sq(x, i * dd, c, labels[i] * dd, dd);
      }
      // Rows the tightened bound does not settle are listed (in row order, in the front of open, whose earlier
      // entries are consumed) and rescanned by rescan.
      int listed = 0;
      for (int r = 0; r < cnt; r++) {
        int i = open[r];
        int old = labels[i];
        float lr = lower(b[i]);
        float m = Math.max(hf[old], lowerNow(lr, co[old]));
        double tight = Math.sqrt(own[r]) * gUp;
        if (tight < m) {
          setUpper(i, old, up(tight), lr);
        } else {
          ownSq[listed] = own[r]; // consumed: listed <= r
          own[listed] = tight;
          open[listed++] = i;
        }
      }
      if (ball && listed >= rescanMinRows) {
        // Each listed row's ball, counted up to one more than ballMost; a block that would be taken whole without
        // the balls still is when at least half its listed rows would be compared with every centroid anyway.
        final int[] qs = sc.ballQ;
        final int wide = ballSizes(open, own, listed, labels, qs);
        ballListed.add(listed);
        ballWide.add(wide);
        if (denseOk && 8L * cnt >= (long) denseEighths * (end - base) && 2L * wide >= listed) {
          rescanned.add(cnt);
          changes += dense(base, end, labels, mv, acc, sum, wsum, sc);
          continue;
        }
        rescanned.add(listed);
        // Where three quarters of the listed rows would be compared with every centroid anyway, the plain rescans
        // are as fast (they skip the balls' bookkeeping).
        changes += 4L * wide >= 3L * listed
            ? rescan(open, listed, labels, mv, sum, wsum, sc)
            : rescanBall(open, own, ownSq, qs, listed, labels, mv, sum, wsum, sc);
      } else if (listed > 0) {
        rescanned.add(listed);
        changes += rescan(open, listed, labels, mv, sum, wsum, sc);
      }
      if (acc) {
        for (int i = base; i < end; i++) {
          accumulate(i, i * dd, labels[i], sum, wsum);
        }
      }
    }
    return changes;
  }

  /**
   * The rows the pass since the last {@link #prepare} rescanned against every centroid (in a block taken whole, {@link
   * #dense}, its open rows): 0 after a full pass, which computes every distance without testing bounds.
   *
   * @return the count
   */
  long rescanned() {
    return rescanned.sum();
  }

  /**
   * The part of a block of {@link #bounded} (rows {@code [base, end)}, starting on a block of the column copy) where
   * at least {@link #denseEighths} eighths of the rows are open: every row is compared with every centroid, by
   * blocks read from the column copy as the first pass reads them ({@link #nearestByBlock}), instead of the open rows'
   * own distances, tightening, and gathering of the rows still open. Every row gets the bounds a rescan would give it
   * (the same labels, and moves in row order); with {@code acc}, the block's rows are then added to the sums in row
   * order, as {@link #bounded} adds them. Throwaway one-JVM harness, one thread, 20 iterations from the
   * centroids of a one-iteration greedy fit, medians of 5: see {@link #DENSE_EIGHTHS}.
   */
  private int dense(int base, int end, int[] labels, boolean mv, boolean acc, double[] sum, double[] wsum,
      Scratch sc) {
    final int dd = d;
    blockScratch(sc);
    final double[] bd = sc.bd;
    final double[] sec = sc.sec;
    final double[] bestD = sc.bestD;
    final int bl = Columns.blockRows(dd);
    int changes = 0;
    for (int b0 = base; b0 < end; b0 += bl) {
      final int len = Math.min(bl, end - b0);
      final double[][] cols = Columns.blockColumns(columns, x, b0, len, dd, sc.cols, sc.rowBuf);
      nearestByBlock(cols, len, sc);
      // These lines repeat those of rescan's blocked branch, for the reason given there (a shared helper gave slow
      // JIT forks).
      for (int r = 0; r < len; r++) {
        int i = b0 + r;
        int a = (int) bestD[r];
        setBounds(i, a, up(Math.sqrt(bd[r]) * gUp), down(Math.sqrt(sec[r]) * gDown));
        int old = labels[i];
        if (a != old) {
          labels[i] = a;
          changes++;
          if (mv) {
            move(i, i * dd, old, a, sum, wsum);
          }
        }
      }
    }
    if (acc) {
      for (int i = base; i < end; i++) {
        accumulate(i, i * dd, labels[i], sum, wsum);
      }
    }
    return changes;
  }

  /**
   * Eighths of a block's rows that must be open for {@link #bounded} to take the block whole ({@link #dense}). Where
   * nearly every row stays open pass after pass (many centroids near each other, as on rows without cluster
   * structure), the rescans cost more than Lloyd's full pass. Throwaway one-JVM harness, one thread, 20 iterations
   * from the centroids of a one-iteration greedy fit (seed 42), medians of 5 to 7, before / after, ms: standard
   * Gaussian rows 5*10^4 x 384, k = 50: 1430, 1383, 1404, 1545 / 1250, 1245, 1284, 1263 (Lloyd 1229 to 1249); the
   * benchmark's blobs 10^5 x 10, k = 100: 333, 331 / 320, 317 (Lloyd 259 to 276); unchanged within the noise where
   * few rows are open (blobs, k = 10: 10^5 x 50 11.4 to 11.9 / 10.2 to 12.2, 10^6 x 10 78 to 85 / 80 to 84, 10^6 x 2,
   * where blocks are never taken whole, 99 to 107 / 103 to 107).
   */
  static final int DENSE_EIGHTHS = 7;

  /** {@link #DENSE_EIGHTHS}, or another value set by a test ({@link #denseEighths(int)}). */
  private int denseEighths = DENSE_EIGHTHS;

  /**
   * Sets the eighths of a block's rows that must be open for the block to be taken whole; for tests (0: always, 9:
   * never).
   *
   * @param eighths 0 to 9
   */
  void denseEighths(int eighths) {
    this.denseEighths = eighths;
  }

  /**
   * Fewest rows a block of {@link #bounded} must list for rescanning before {@link #rescan} computes their distances
   * by blocks of columns; fewer are scanned row by row. Throwaway one-JVM A/B, one thread, 20 iterations from given
   * centroids (from a one-iteration fit, seed 7), medians: 10^5 x 50 about the same at 4, 8 or 32 (13.3 to 13.9 ms).
   */
  static final int RESCAN_MIN_ROWS = 8;

  /** {@link #RESCAN_MIN_ROWS}, or another value set by a test ({@link #rescanMinRows(int)}). */
  private int rescanMinRows = RESCAN_MIN_ROWS;

  /**
   * Sets the fewest listed rows that {@link #rescan} takes by blocks of columns; for tests (1: always by blocks,
   * {@code Integer.MAX_VALUE}: always row by row).
   *
   * @param rows at least 1
   */
  void rescanMinRows(int rows) {
    this.rescanMinRows = rows;
  }

  /**
   * The rescans of the rows listed in {@code rows[0..cnt)} (in row order): Lloyd's full scan as {@link #scan}, with
   * the same labels, bounds, moves (in row order) and changes. From {@link #rescanMinRows} listed rows on, the rows
   * are gathered into blocks of columns and their distances computed as in {@link #fullBlocks} ({@link Dist} column
   * kernels, vectorised over the rows; nearest, second nearest and lowest index on ties by the same branch-free
   * loops), instead of one row at a time by {@link Dist#sq4}. Throwaway one-JVM A/B, one thread, medians:
   * 20 iterations from given centroids 15.8 to 13.4 ms at 10^5 x 50, 77 to 74 ms at 10^6 x 10, 107-113 to 96-103 ms
   * at 10^6 x 2; the original k-means++ and 20 iterations at 10^5 x 50 (where early passes rescan many rows) 49 to
   * 36 ms after seeding.
   */
  private int rescan(int[] rows, int cnt, int[] labels, boolean mv, double[] sum, double[] wsum, Scratch sc) {
    final int dd = d;
    int changes = 0;
    if (cnt < rescanMinRows || dd > Columns.MAX_D || k > storedCentroids) {
      double[] buf = sc.buf;
      if (buf == null) {
        buf = distanceBuffer();
        sc.buf = buf;
      }
      for (int r = 0; r < cnt; r++) {
        int i = rows[r];
        int old = labels[i];
        int a = scan(i, i * dd, buf);
        if (a != old) {
          labels[i] = a;
          changes++;
          if (mv) {
            move(i, i * dd, old, a, sum, wsum);
          }
        }
      }
      return changes;
    }
    // The label-change lines below repeat those of the row-by-row branch on purpose: one helper for both (27a43a9)
    // gave slow JIT forks in JMH, 54 to 69 ms end to end at 10^5 x 50 in 9 of 22 forks against at most 51 (0df9e8b).
    blockScratch(sc);
    final double[] bd = sc.bd;
    final double[] sec = sc.sec;
    final double[] bestD = sc.bestD;
    final int bl = Columns.blockRows(dd);
    for (int off = 0; off < cnt; off += bl) {
      final int len = Math.min(bl, cnt - off);
      final double[][] cols = sc.cols;
      Columns.gather(x, rows, off, len, dd, cols, sc.rowBuf);
      nearestByBlock(cols, len, sc);
      for (int r = 0; r < len; r++) {
        int i = rows[off + r];
        int a = (int) bestD[r];
        setBounds(i, a, up(Math.sqrt(bd[r]) * gUp), down(Math.sqrt(sec[r]) * gDown));
        int old = labels[i];
        if (a != old) {
          labels[i] = a;
          changes++;
          if (mv) {
            move(i, i * dd, old, a, sum, wsum);
          }
        }
      }
    }
    return changes;
  }

  /**
   * Whether the bounded passes rescan by balls ({@link #rescanBall}): from {@link #BALL_MIN_K} centroids (or the
   * number a test set), where the rescans go by blocks of columns ({@code d <=} {@link Columns#MAX_D} and {@code k <=}
   * {@link #STORED_CENTROIDS}, at most 1024).
   *
   * @return whether
   */
  boolean usesBalls() {
    return k >= ballMinK && k <= storedCentroids && d <= Columns.MAX_D && k <= 1024;
  }

  /** @return the rows compared with their balls' centroids alone since construction ({@link #rescanBall}) */
  long ballRows() {
    return ballRows.sum();
  }

  /**
   * Sets the fewest centroids for which the rescans compare rows with their own centroid's neighbours only
   * ({@link #rescanBall}); for tests (1: always, {@code Integer.MAX_VALUE}: never). Call before the first pass.
   *
   * @param k at least 1
   */
  void ballMinK(int k) {
    this.ballMinK = k;
  }

  /**
   * {@link #halfDistances} into {@link #s} (the same values), and {@link #nearKeys} from the half distances of every
   * pair, each list sorted: the same loop as {@code halfDistances}, written here so that the pairs go straight into
   * the keys instead of through a {@code k * k} matrix of doubles (8 MiB more at 1024 centroids).
   */
  private void ballHalfDistances(double[] centers) {
    final int kk = k;
    final int dd = d;
    if (nearKeys == null) {
      nearKeys = new long[kk * (kk - 1)];
    }
    final long[] keys = nearKeys;
    final double g = 0.5 * (1 - Dist.gamma(dd));
    java.util.Arrays.fill(s, Double.POSITIVE_INFINITY);
    for (int a = 0; a < kk; a++) {
      for (int b = a + 1; b < kk; b++) {
        double h = Math.sqrt(Dist.sq(centers, a * dd, centers, b * dd, dd)) * g;
        long bits = Double.doubleToRawLongBits(h) & ~1023L;
        keys[a * (kk - 1) + b - 1] = bits | b; // in a's list, b follows the b - 1 others below it but a
        keys[b * (kk - 1) + a] = bits | a;
        s[a] = Math.min(s[a], h);
        s[b] = Math.min(s[b], h);
      }
    }
    for (int a = 0; a < kk; a++) {
      java.util.Arrays.sort(keys, a * (kk - 1), (a + 1) * (kk - 1));
    }
  }

  /**
   * For each listed row {@code rows[r]} with upper bound {@code tight[r]} on its distance to its centroid {@code a},
   * the number of other centroids whose deflated half distance from {@code a} is at most that bound (by {@link
   * #nearKeys}, whose values are at most those half distances), into {@code qs[r]}; {@link #ballMost} + 1 for every
   * row with more (found by one comparison, as the lists are sorted).
   *
   * @return the rows whose count exceeds {@link #ballMost}
   */
  private int ballSizes(int[] rows, double[] tight, int cnt, int[] labels, int[] qs) {
    final long[] keys = nearKeys;
    final int most = Math.min(ballMost, k - 2);
    final int kk = k;
    int wide = 0;
    for (int r = 0; r < cnt; r++) {
      final int o = labels[rows[r]] * (kk - 1);
      final double t = tight[r];
      if (most >= 0 && Double.longBitsToDouble(keys[o + most] & ~1023L) <= t) {
        qs[r] = most + 1;
        wide++;
      } else {
        int q = 0;
        while (q < kk - 1 && Double.longBitsToDouble(keys[o + q] & ~1023L) <= t) {
          q++;
        }
        qs[r] = q;
      }
    }
    return wide;
  }

  /**
   * Whether at least half of every eighth of the rows {@code rows[0..cnt)} (from the first), with upper bounds {@code
   * tight}, have balls of more than {@link #ballMost} other centroids ({@link #ballSizes}).
   */
  private boolean mostlyWide(int[] rows, double[] tight, int cnt, int[] labels) {
    final long[] keys = nearKeys;
    final int most = Math.min(ballMost, k - 2);
    if (most < 0) {
      return false;
    }
    final int kk = k;
    int wide = 0;
    int seen = 0;
    for (int r = 0; r < cnt; r += 8) {
      wide += Double.longBitsToDouble(keys[labels[rows[r]] * (kk - 1) + most] & ~1023L) <= tight[r] ? 1 : 0;
      seen++;
    }
    return 2 * wide >= seen;
  }

  /**
   * {@link #rescan} for {@link #ball}: a listed row {@code rows[r]} of centroid {@code a}, with {@code tight[r]} an
   * upper bound on its distance to {@code a} (inflated as every bound) and {@code ownSq[r]} that distance squared as
   * {@link Dist#sq} computes it, is compared only with {@code a} and the centroids {@code j} whose deflated half
   * distance from {@code a} is at most {@code tight[r]} (Elkan's lemma, as in his algorithm: a centroid at least
   * twice as far from {@code a} as the row is farther from the row than {@code a}; the margins of {@link Dist#gamma}
   * make the computed distances order the same way, so a skipped centroid can neither win nor tie, and the nearest of
   * the rest, lowest index on ties, is Lloyd's label). A skipped centroid {@code j} is at least {@code 2 h(a, j) -
   * tight} from the row, so the smallest skipped half distance {@code H} bounds the lower bound too: {@code min(second
   * nearest of the compared, 2 H - tight)}. Exponion (Newling and Fleuret 2016, "Fast k-means with accurate bounds",
   * ICML) searches such a ball around the row's centroid too. A row whose ball holds more than {@link #ballMost} of
   * the other centroids is compared with every centroid instead, by blocks of columns with the other such rows, as
   * {@link #rescan} does. Labels and moves are applied in row order at the end, as {@link #rescan} applies them.
   */
  private int rescanBall(int[] rows, double[] tight, double[] ownSq, int[] qs, int cnt, int[] labels, boolean mv,
      double[] sum, double[] wsum, Scratch sc) {
    final int dd = d;
    final int kk = k;
    final double[] cc = c;
    final long[] keys = nearKeys;
    if (sc.newLabel == null || sc.newLabel.length < cnt) {
      int len = Math.max(cnt, SPLIT_BLOCK);
      sc.newLabel = new int[len];
      sc.wideRows = new int[len];
      sc.widePos = new int[len];
    }
    final int[] newLabel = sc.newLabel;
    final int[] wideRows = sc.wideRows;
    final int[] widePos = sc.widePos;
    final int most = ballMost;
    int wide = 0;
    for (int r = 0; r < cnt; r++) {
      final int i = rows[r];
      final int a = labels[i];
      final double t = tight[r];
      final int o = a * (kk - 1);
      final int q = qs[r];
      if (q > most) {
        wideRows[wide] = i;
        widePos[wide++] = r;
        continue;
      }
      final int xo = i * dd;
      int best = a;
      double bd = ownSq[r];
      double second = Double.POSITIVE_INFINITY;
      for (int p = 0; p < q; p++) {
        final int j = (int) (keys[o + p] & 1023L);
        final double dj = Dist.sq(x, xo, cc, j * dd, dd);
        if (dj < bd || (dj == bd && j < best)) {
          second = bd;
          bd = dj;
          best = j;
        } else {
          second = Math.min(second, dj);
        }
      }
      double l = Math.sqrt(second) * gDown;
      if (q < kk - 1) {
        l = Math.min(l, 2 * Double.longBitsToDouble(keys[o + q] & ~1023L) * Dist.DOWN - t * Dist.UP);
      }
      setBounds(i, best, up(Math.sqrt(bd) * gUp), down(l));
      newLabel[r] = best;
    }
    if (wide > 0) {
      blockScratch(sc);
      final double[] bd = sc.bd;
      final double[] sec = sc.sec;
      final double[] bestD = sc.bestD;
      final int bl = Columns.blockRows(dd);
      for (int off = 0; off < wide; off += bl) {
        final int len = Math.min(bl, wide - off);
        Columns.gather(x, wideRows, off, len, dd, sc.cols, sc.rowBuf);
        nearestByBlock(sc.cols, len, sc);
        for (int r = 0; r < len; r++) {
          int a = (int) bestD[r];
          setBounds(wideRows[off + r], a, up(Math.sqrt(bd[r]) * gUp), down(Math.sqrt(sec[r]) * gDown));
          newLabel[widePos[off + r]] = a;
        }
      }
    }
    ballRows.add(cnt - wide);
    int changes = 0;
    for (int r = 0; r < cnt; r++) {
      int i = rows[r];
      int a = newLabel[r];
      int old = labels[i];
      if (a != old) {
        labels[i] = a;
        changes++;
        if (mv) {
          move(i, i * dd, old, a, sum, wsum);
        }
      }
    }
    return changes;
  }

  /**
   * For the {@code len} rows of a block by columns ({@code k <=} {@link #STORED_CENTROIDS}): every centroid's distances
   * into {@code sc.dist}, the nearest and second nearest into {@code sc.bd} and {@code sc.sec}, and the nearest's
   * index (lowest on ties, as a double) into {@code sc.bestD}, by the branch-free loops {@link #fullBlocks} describes.
   */
  private void nearestByBlock(double[][] cols, int len, Scratch sc) {
    nearestByBlock(cols, len, sc.acc, sc.dist, sc.bd, sc.sec, sc.bestD);
  }

  /** Allocates the block arrays of {@link #fullBlocks} and {@link #rescan} on first use. */
  private void blockScratch(Scratch sc) {
    if (sc.cols == null) {
      final int dd = d;
      final int bl = Columns.blockRows(dd);
      final boolean stored = k <= storedCentroids;
      sc.cols = new double[dd][bl];
      sc.rowBuf = new double[Columns.rowBufferLength(dd)];
      sc.acc = new double[8][bl];
      sc.dist = new double[stored ? k : 1][bl];
      sc.bd = new double[bl];
      sc.sec = new double[bl];
      sc.bestD = new double[bl];
      sc.best = new int[bl];
      sc.rowSums = new double[k][dd];
      sc.row = new double[dd];
    }
  }

  /**
   * Most centroids whose distances {@link #fullBlocks} and {@link #rescan} keep for a whole block (so the nearest,
   * second nearest and index are found in loops without branches); above it, the first pass takes one distance row
   * at a time and the index by a compare, and the rescans go row by row. At most {@code 1024 * 256} doubles (2 MiB) a
   * thread. Was 64; throwaway one-JVM A/B, one thread, greedy k-means++ and 20 iterations (tolerance 0, seed 42),
   * medians of 7 fits, the benchmark's blobs, Hamerly (Lloyd, whose blocks have the same limit) before / after, ms:
   * 10^5 x 10, k = 65 813 / 383 (768 / 329), k = 100 1199 / 556 (1122 / 493), k = 200 2591 / 1110 (2529 / 987);
   * 5*10^4 x 10, k = 400 1774 / 831 (2127 / 856), k = 1000 3755 / 1897 (5381 / 2265); 5*10^4 x 50, k = 100 1516 /
   * 664 (1753 / 658), k = 300 4355 / 1909 (5452 / 2037).
   */
  static final int STORED_CENTROIDS = 1024;

  /** {@link #STORED_CENTROIDS}, or another value set by a test ({@link #storedCentroids(int)}). */
  private int storedCentroids = STORED_CENTROIDS;

  /**
   * Sets the most centroids whose distances a block keeps; for tests (a small value sends small {@code k} through the
   * paths of many centroids). Call before the first pass.
   *
   * @param k at least 1
   */
  void storedCentroids(int k) {
    this.storedCentroids = k;
  }

  /**
   * The first pass of the general case: {@link #scan} for every row, computed by blocks of rows copied column by
   * column, so that the distances to one centroid are vectorised over the block ({@link Dist#sqColumns}, the same
   * values as {@link Dist#sq}), and the nearest, the second nearest and the nearest's index are found by loops
   * over the block too (the same index, lowest on ties, and the same values as {@link #scan}: no NaN, never
   * -0.0). With up to {@link #STORED_CENTROIDS} centroids the block's distances to every centroid are kept, the
   * minimum and second minimum folded in with {@code Math.min} and {@code Math.max} (the operations of
   * {@link #scan2}), and the index found afterwards as the lowest centroid whose distance equals the minimum, by
   * arithmetic instead of a conditional, so that C2 vectorises all three loops: at 10^6 x 10, k = 10, one thread,
   * this step took about 8 instead of 35 ms (the conditional index update compiled into a mispredicted branch;
   * throwaway timing).
   */
  private int fullBlocks(int from, int to, int[] labels, double[] sum, double[] wsum) {
    final int dd = d;
    final int kk = k;
    final double[] cc = c;
    final double[] px = x;
    final int bl = Columns.blockRows(dd);
    final Columns copy = columns;
    final boolean stored = kk <= storedCentroids;
    final Scratch sc = scratch.get();
    blockScratch(sc);
    final double[][] acc = sc.acc;
    final double[][] dist = sc.dist;
    final double[] bd = sc.bd;
    final double[] sec = sc.sec;
    final double[] bestD = sc.bestD;
    final int[] best = sc.best;
    // Wide rows are added to the sums by a vectorised loop (accumulateRows); at 10^5 x 50, k = 10, one thread, the
    // first pass took about 12.0 instead of 13.2 ms (throwaway harness). At 10 columns the row-by-row tally was the
    // fastest (about 3.5 ms of the pass at 10^6 x 10, against 7.5 adding by columns and 10 by accumulateRows).
    final boolean byRows = sum != null && !moves && dd >= 32;
    final double[][] rowSums = sc.rowSums;
    if (byRows) {
      for (int j = 0; j < kk; j++) {
        System.arraycopy(sum, j * dd, rowSums[j], 0, dd);
      }
    }
    // From the seeding (takeSeeds): each row's nearest centroid is in labels, its distance in bounds (both overwritten
    // here row by row, after reading them), the second distance in seeded; every row counts as changed, as it does
    // from the -1 labels of a pass that computes them.
    final double[] seeded = full ? seedSecond : null;
    final long[] b = bounds;
    final boolean onRef = onReference;
    int changes = 0;
    for (int base = from; base < to; base += bl) {
      int len = Math.min(bl, to - base);
      if (seeded != null) {
        for (int r = 0; r < len; r++) {
          int i = base + r;
          best[r] = labels[i];
          bd[r] = Double.longBitsToDouble(b[i]);
          sec[r] = seeded[i];
          labels[i] = -1;
        }
      } else if (stored) {
        final double[][] cols = Columns.blockColumns(copy, px, base, len, dd, sc.cols, sc.rowBuf);
        nearestByBlock(cols, len, sc);
        for (int r = 0; r < len; r++) {
          best[r] = (int) bestD[r];
        }
      } else {
        final double[][] cols = Columns.blockColumns(copy, px, base, len, dd, sc.cols, sc.rowBuf);
        java.util.Arrays.fill(sec, 0, len, Double.POSITIVE_INFINITY);
        final double[] v = dist[0];
        Dist.sqColumns(cols, len, cc, 0, dd, acc, bd);
        java.util.Arrays.fill(best, 0, len, 0);
        for (int j = 1; j < kk; j++) {
          Dist.sqColumns(cols, len, cc, j * dd, dd, acc, v);
          for (int r = 0; r < len; r++) {
            double dj = v[r];
            double b0 = bd[r];
            best[r] = dj < b0 ? j : best[r];
            sec[r] = Math.min(sec[r], Math.max(b0, dj));
            bd[r] = Math.min(b0, dj);
          }
        }
      }
      final boolean rowByRow = sum != null && !byRows;
      for (int r = 0; r < len; r++) {
        int i = base + r;
        int a = best[r];
        setBoundsFull(i, a, Math.sqrt(bd[r]) * gUp, Math.sqrt(sec[r]) * gDown);
        int old = labels[i];
        if (a != old) {
          labels[i] = a;
          changes++;
        }
        if (rowByRow) {
          // The first pass of a run runs on the reference points (its first centroids): the distance is bd[r].
          if (moves || w != null || !onRef) {
            tally(i, i * dd, old, a, sum, wsum);
          } else {
            accumulateKnown(i * dd, a, bd[r], sum, wsum);
          }
        }
      }
      if (byRows) {
        accumulateRows(base, len, best, rowSums, sc.row, wsum);
        if (ref != null) {
          // The first pass of a run runs on the reference points (its first centroids): the distance is bd[r].
          for (int r = 0; r < len; r++) {
            wsum[kk + best[r]] += onRef ? bd[r] : refSq((base + r) * dd, best[r]);
          }
        }
      }
    }
    if (byRows) {
      for (int j = 0; j < kk; j++) {
        System.arraycopy(rowSums[j], 0, sum, j * dd, dd);
      }
    }
    return changes;
  }

  /**
   * Adds the block's rows to their clusters' sums ({@link #accumulate} for every row, in row order), kept in one array
   * per cluster ({@code rowSums}); each row is first copied into {@code row}, so that the loop adding it indexes both
   * arrays from 0, the form of loop C2 vectorises.
   */
  private void accumulateRows(int base, int len, int[] best, double[][] rowSums, double[] row, double[] wsum) {
    final int dd = d;
    final double[] ww = w;
    final double[] px = x;
    for (int r = 0; r < len; r++) {
      int i = base + r;
      int a = best[r];
      final double[] sa = rowSums[a];
      System.arraycopy(px, i * dd, row, 0, dd);
      if (ww == null) {
        for (int t = 0; t < dd; t++) {
          sa[t] += row[t];
        }
        wsum[a] += 1;
      } else {
        double wi = ww[i];
        for (int t = 0; t < dd; t++) {
          sa[t] += row[t] * wi;
        }
        wsum[a] += wi;
      }
    }
  }

  /** The first pass for two columns and unit weights: a full scan of every row. */
  private int full2(int from, int to, int[] labels, double[] sum, double[] wsum) {
    int changes = 0;
    final double[] px = x;
    for (int i = from; i < to; i++) {
      int a = scan2(i);
      int old = labels[i];
      if (a != old) {
        labels[i] = a;
        changes++;
      }
      if (sum != null && moves) {
        if (a != old) {
          move(i, 2 * i, old, a, sum, wsum);
        }
      } else if (sum != null) {
        sum[2 * a] += px[2 * i];
        sum[2 * a + 1] += px[2 * i + 1];
        wsum[a] += 1;
        if (ref != null) {
          // A full pass runs on the reference points: Dist.sq's value (one sum for d < 8), written out.
          double t0 = px[2 * i] - ref[2 * a];
          double t1 = px[2 * i + 1] - ref[2 * a + 1];
          wsum[k + a] += t0 * t0 + t1 * t1;
        }
      }
    }
    return changes;
  }

  /** {@link #scan} for two columns, without branches (which centroid wins is unpredictable). */
  private int scan2(int i) {
    final double[] cc = c;
    double x0 = x[2 * i];
    double x1 = x[2 * i + 1];
    double t0 = x0 - cc[0];
    double t1 = x1 - cc[1];
    double bd = t0 * t0 + t1 * t1;
    double second = Double.POSITIVE_INFINITY;
    int best = 0;
    for (int j = 1; j < k; j++) {
      double u0 = x0 - cc[2 * j];
      double u1 = x1 - cc[2 * j + 1];
      double dj = u0 * u0 + u1 * u1;
      // Math.min / max: branch-free intrinsics (a double-valued conditional compiles into a branch). Same
      // values as the comparisons in scan: no NaN, never -0.0, and the larger of bd and dj is the loser.
      best = dj < bd ? j : best;
      second = Math.min(second, Math.max(bd, dj));
      bd = Math.min(bd, dj);
    }
    setBoundsFull(i, best, Math.sqrt(bd) * gUp, Math.sqrt(second) * gDown);
    return best;
  }

  /** Lloyd's full scan of row i; sets both bounds from the exact nearest and second-nearest distances. */
  private int scan(int i, int xo, double[] buf) {
    distances(xo, buf);
    int best = 0;
    double bd = buf[0];
    double second = Double.POSITIVE_INFINITY;
    for (int j = 1; j < k; j++) {
      double dj = buf[j];
      if (dj < bd) {
        second = bd;
        bd = dj;
        best = j;
      } else if (dj < second) {
        second = dj;
      }
    }
    setBounds(i, best, up(Math.sqrt(bd) * gUp), down(Math.sqrt(second) * gDown));
    return best;
  }
}
