package io.github.clusterkit.kmeans.internal;

import io.github.clusterkit.internal.Rng;
import java.util.Arrays;

/**
 * One K-Means fit over fixed data: seeding and the iteration loop of scikit-learn's {@code lloyd} solver
 * (scikit-learn 1.2.1, {@code _kmeans_single_lloyd}), with a pluggable {@link Assigner}.
 *
 * <p>Per iteration: assign every row to its nearest centroid while summing the rows per cluster (chunked, the
 * chunk sums combined in chunk order); re-seed every empty cluster with the row farthest from its centroid;
 * divide; stop when no label changed and no cluster was re-seeded ("strict convergence"; scikit-learn 1.2.1
 * also stops when a re-seed happened, which can leave a row away from its nearest centroid) or when the total
 * squared centroid shift is at
 * most the absolute tolerance. If the loop stopped for another reason than strict convergence, one more
 * assignment makes the labels match the final centroids. The centroid update does not depend on the
 * assigner, so equal labels give bit-identical centroids in every variant.
 *
 * <p>With unit weights the sums are kept from pass to pass (Hamerly 2010 and ELKI do the same): after the first
 * pass, a pass adds only the rows that changed cluster (out of the old cluster's sums, into the new one's; the
 * chunks' differences added in chunk order, so the result is the same on any thread count), and rows whose
 * label the bounds prove unchanged are not read at all. The sums are recomputed in full after an empty cluster
 * was re-seeded and whenever the rows moved since the last full summation reach half the rows, which keeps the
 * rounding drift of the sums within that of about one full summation. Counts are exact integers either way.
 *
 * <p>Not thread-safe; the engine owns the pool of its {@link Chunks} and must be {@linkplain #close() closed}.
 */
public final class Engine implements AutoCloseable {

  /** The result of one run. */
  public static final class Run {
    /** Final centroids, row-major. */
    public final double[] centers;
    /** Final labels. */
    public final int[] labels;
    /** Weighted sum of squared distances to the assigned centroid. */
    public final double inertia;
    /** Iterations run. */
    public final int iterations;
    /** Whether the labels stopped changing or the shift fell within the tolerance. */
    public final boolean converged;
    /**
     * Whether the run went on with the other kernel: Elkan's after Hamerly's ({@link #switchToElkan}), or Hamerly's
     * after Elkan's ({@link #allowHamerly()}).
     */
    public final boolean switched;

    Run(double[] centers, int[] labels, double inertia, int iterations, boolean converged, boolean switched) {
      this.centers = centers;
      this.labels = labels;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
      this.switched = switched;
    }
  }

  /** Unused doubles after every slot (128 bytes: two cache lines). */
  private static final int SLOT_PAD = 16;

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final double[] w;
  /** The kernel of the current pass: {@link #base}, or for the rest of a run {@link #elkan} or {@link #hamerly}. */
  private Assigner assigner;
  /** The kernel every run starts with. */
  private final Assigner base;
  /**
   * Elkan's kernel, made on the first run that switches to it ({@link #switchToElkan}), or {@code null}; kept for
   * later runs.
   */
  private ElkanAssigner elkan;
  /** Hamerly's kernel, made on the first run that switches to it from Elkan's ({@link #allowHamerly()}), or null. */
  private HamerlyAssigner hamerly;
  /** Whether runs may go on with Elkan's kernel after Hamerly's first bounded pass ({@link #switchToElkan}). */
  private boolean mayWiden;
  /** Whether runs may go on with Hamerly's kernel after Elkan's first pass ({@link #allowHamerly()}). */
  private boolean mayNarrow;
  /** For tests: the number of passes after which a run switches kernels whatever the rule, or 0. */
  private int switchAfter;
  private final Chunks chunks;
  private final int width;
  private final double[][] slotSum;
  private final double[][] slotW;
  private final int[] slotChanges;
  private final double[] chunkValue;
  private double[] farDist;
  /**
   * The data by blocks of columns, made by the first seeding of the fit when {@link Columns#fits} and read by
   * every seeding pass and the first assignment pass of every run; dropped by {@link #close()}.
   */
  private Columns columns;
  /** Most values {@code n * d} for which {@link #columns} is made ({@link Columns#MAX_VALUES}; tests lower it). */
  private long columnLimit = Columns.MAX_VALUES;
  /**
   * The seeding's nearest-centre index per row, handed on to the next {@link #run} as its label array (which
   * that run overwrites), so seeding allocates no extra {@code n} values; {@code null} once taken.
   */
  private int[] spareLabels;
  /** 4 (1 + gamma): see {@link #pruneLimit(double)}. */
  private final double pruneFactor;
  // Seeding state, set for the duration of plusPlus: nearest-centre index per row, whether rows are pruned,
  // squared distances centre-to-candidate (k rows of the padded candidates) and centre-to-newest-centre.
  private int[] seedNear;
  private boolean seedPrune;
  private double[] seedCandTab;
  private double[] seedFoldTab;
  /**
   * Whether the seeding remembers per row which of the last step's candidates are nearer than its current
   * centre ({@link #seedMask}), so that folding the winner in computes a distance only for the rows it takes
   * (one candidate group, {@code 2 + floor(ln k) <= 4}; or two, up to {@link #MAX_DENSE_SPAN} candidates, when the
   * passes are {@link #candidatesDense}).
   */
  private boolean seedStored;
  /** Per row bit {@code q} set when the last step's candidate {@code q} is nearer than the row's {@code d2}. */
  private byte[] seedMask;
  /**
   * Per chunk, the rows whose coordinates the last candidate pass read (when {@link #seedStored}); decides whether
   * the next pass streams the chunk ({@link #candidatesStored}).
   */
  private int[] seedReads;
  /** The candidate lane of the pending centre, when {@link #seedStored}. */
  private int seedFoldLane;
  /**
   * The candidates a step of this seeding draws; the lanes beyond them repeat the last one, and nothing reads their
   * sums or mask bits.
   */
  private int seedTrials;
  /**
   * Whether the seeding's candidate passes are {@link #candidatesDense} (when {@link #seedStored}: decided after the
   * first pass, fixed for the rest of the seeding). They compute every distance and test no bound, so nothing reads
   * the nearest-centre index {@link #seedNear}, and neither they nor {@link #freshenStored} write it unless
   * {@link #seedSwitch} (the passes that may follow read it); the dense pass of the original k-means++
   * ({@link #classic}) likewise (throwaway one-JVM A/B, classic seeding alone, one thread, 10^6 x 10, medians of 15: 62
   * to 58 ms without the index; greedy seeding unchanged).
   */
  private boolean seedDense;
  /**
   * Whether the seeding also keeps, per row, the index of the nearest centre so far ({@link #seedNear}, lowest on
   * ties) and the second smallest squared distance ({@link #seedSecond}), folding every centre in with the operations
   * of the assigner's full pass, so that the run's first pass can take them instead of computing every distance
   * again ({@link Assigner#takeSeeds}). Only with passes that compute every row's distance to every centre (the dense
   * ones) and an assigner that {@linkplain Assigner#takesSeeds() takes them}.
   */
  private boolean seedTrack;
  /**
   * Whether this seeding, whose passes are dense by default, may switch to pruned ones: the scalar pass of
   * {@link #classic} for a step of the original k-means++ ({@link #CLASSIC_ROWS_MIN_D}), {@link #candidatesGathered}
   * for the rest of a greedy one ({@link #GREEDY_GATHER_MIN_D}); the dense passes then keep {@link #seedNear}, which
   * the pruned passes' bounds read.
   */
  private boolean seedSwitch;
  /** Steps of the last original k-means++ seeding that took the pruned scalar pass by {@link #fewOpen}; for tests. */
  private int classicScalarSteps;
  /**
   * Whether the greedy seeding's steps are {@link #candidatesGathered}: from the first step without the column copy
   * ({@link #gatheredWithoutCopy}), or after the switch of {@link #GREEDY_GATHER_MIN_D} for the rest of the seeding.
   */
  private boolean seedGathered;
  /** Steps of the last greedy seeding taken by {@link #candidatesGathered}; for tests. */
  private int greedyGatheredSteps;
  /**
   * Whether greedy k-means++ may take {@link #candidatesGathered}: -1 by default ({@link #GREEDY_GATHER_MIN_D},
   * {@link #gatheredWithoutCopy}), 0 never, 1 at any width (with the copy after the switch, without it from the first
   * step); tests set it.
   */
  private int greedyMode = -1;
  /**
   * Per candidate lane, every row's squared distance to that candidate in the last greedy step, when the dense passes
   * keep them ({@code d >=} {@link #LANES_MIN_D}): the next step folds the winner in from its lane instead of
   * computing its distances again. {@code null} otherwise.
   */
  private double[][] seedLanes;

  /**
   * Whether the dense passes of this seeding keep {@link #seedLanes} (one candidate group and {@code d >=}
   * {@link #LANES_MIN_D}).
   */
  private boolean seedLanesOn;

  /**
   * Most candidates a step of the dense passes takes ({@link #candidatesDense}: two groups of four, so that greedy
   * k-means++ takes them up to {@code k = 1096}, where {@code 2 + floor(ln k)} reaches 8; the mask of a row has a bit
   * for each). Throwaway one-JVM A/B, one thread, greedy k-means++ (6 candidates) at k = 100 and 20 iterations,
   * medians, before (the pruned row passes, no column copy) / after: 10^5 x 10 seeding 204 / 147 ms, fit 564 / 482;
   * 10^5 x 50 736 / 468 and 1567 / 1233; the original k-means++ at k = 100, which now gets the copy too (its dense
   * passes): 10^5 x 10 fit 397 / 372 ms, 10^5 x 50 1040 / 952 (its seeding 135 / 159).
   */
  static final int MAX_DENSE_SPAN = 8;

  /**
   * Widest rows whose distances the engine and its assigners compute by blocks of columns (the column copy's limit),
   * for {@code KMeans}'s choice of algorithm.
   */
  public static final int COLUMNS_MAX_D = Columns.MAX_D;

  /**
   * Narrowest rows for which the dense greedy passes keep {@link #seedLanes}. Throwaway one-JVM A/B, greedy seeding
   * and at most 20 iterations, one thread, k = 10, 5 * 10^6 values, medians of 21 to 61 fits: d = 50 41.5 against
   * 43.9 ms and 43.8 against 45.2, d = 32 49.5 against 51.8, d = 20 54.6 against 56.0; but d = 16 69.3 against 67.7
   * and 10^6 x 10 255.6 against 246.4 ms (narrow rows: the lanes' writes cost more than the distance they save).
   */
  static final int LANES_MIN_D = 20;
  /**
   * Narrowest rows for which the seeding tracks the nearest centres for the run's first pass ({@link #seedTrack}).
   * Throwaway one-JVM A/B as for {@link #LANES_MIN_D}, with and without: d = 50 44.8 against 48.0 ms and 45.2
   * against 48.6 (the first run 4 ms shorter, the seeding 0.5 to 1 ms longer), d = 32 52.7 against 54.3, d = 20 62.4
   * against 62.9, 10^6 x 10 269.4 against 247.2 ms (there the run's first pass is mostly not distances, and the
   * tracking's writes cost more).
   */
  static final int TRACK_MIN_D = 32;

  /**
   * Narrowest rows for which a step of the original k-means++ whose dense pass ({@link #classic}, by blocks of the
   * column copy) is the default takes the pruned scalar pass instead when at most a quarter of the rows are left
   * open by the triangle-inequality bound (counted before the step; the two passes give the same values, so the
   * choice changes only the time). Each dense step streams the whole column copy from memory; the scalar pass reads
   * only the open rows, each a contiguous stretch of at least 1 KiB here. While the seeding tracks the nearest
   * centres for the run's first pass ({@link #seedTrack}), which only the dense pass can, the switch is also made only
   * when {@code k - m >= k / 4 + 2} steps remain, as it ends the tracking and the run's first pass then computes
   * every distance. Throwaway one-JVM harness, one thread, {@code PLUS_PLUS_CLASSIC} and one iteration (medians of
   * the last 4 of 5 fits), 1.92 * 10^7 values, the benchmark's blobs (10 blobs, 5% noise), k = 50, without / with the
   * switch: d = 128 520 / 420 ms, d = 256 530 / 360, d = 768 540 / 280 (20 iterations at d = 768: 760 / 450), the
   * same inertia; at k = 10 and on standard Gaussian rows (where the bound prunes next to nothing) within the noise
   * (127 to 205 ms at k = 10, 500 to 880 at k = 50). A scalar pass at every step (the seeding's earlier choice
   * without the column copy) was slower than the dense pass at k = 10 on blobs, 216 against 128 ms at d = 128.
   */
  static final int CLASSIC_ROWS_MIN_D = 128;

  /**
   * Narrowest rows for which greedy k-means++, whose steps run the dense passes with the column copy
   * ({@link #candidatesDense}), switches to {@link #candidatesGathered} once at most a third of the rows are left open
   * by the bounds ({@link #fewOpen}): the dense passes stream the whole copy and compute every row's distances,
   * the gathered ones read only the open rows (from the row-major data, one contiguous stretch each) and compute their
   * distances by the same column kernels. Throwaway one-JVM harness, one thread, greedy k-means++ and 20 iterations
   * (medians of the last 3 of 4 fits), 1.92 * 10^7 values, the benchmark's blobs, k = 50, without / with the switch:
   * d = 768 1320 / 920 ms (seeding and one iteration 890 / 575), d = 256 2100 / 1810, d = 128 2175 / 2075, the same
   * inertia; at k = 10 and on standard Gaussian rows within the noise. Switching at half the rows open gave the same
   * figures within the noise. (The pruned scalar passes of {@link #candidates} in place of the gathered ones saved
   * only about 10% at d = 768: four or eight distances an open row by the row kernel.)
   */
  static final int GREEDY_GATHER_MIN_D = 128;

  /** {@link #fewOpen} switches when at most {@code n / GREEDY_OPEN} rows are open. */
  static final int GREEDY_OPEN = 3;

  /**
   * Whether greedy k-means++ without the column copy (rows wider than {@link #SEED_DENSE_MAX_D} whose data exceed the
   * copy's budget) takes {@link #candidatesGathered} at every step instead of the pruned scalar passes: for up to eight
   * candidates a step ({@code k <= 1096}) and up to {@link Columns#MAX_D} columns, with more than four candidates
   * ({@code k >= 21}, where the scalar pass is {@link #candidates}, four or eight distances an open row by the row
   * kernel) from 17 columns, with four ({@link #candidatesStored}) from {@link #GREEDY_GATHER_MIN_D}. Throwaway
   * one-JVM harness, one thread, greedy seeding and one iteration, medians of the last 2 of 3 fits, blobs (10 blobs, 5%
   * noise) and standard Gaussian rows, scalar / gathered, ms: k = 50 at 10^6 x 50 4048 / 2321 and 6980 / 3350, at
   * 2 * 10^6 x 20 4634 / 3123 and 6311 / 3360, at 4 * 10^5 x 100 2606 / 1410 and 5028 / 2300, at 10^5 x 768 3715 /
   * 2186 and 11688 / 5391; k = 30 at 10^6 x 50 2528 / 1553 and 4208 / 2044; k = 10 at 10^5 x 768 744 / 584 and
   * 1284 / 904, at 10^5 x 384 418 / 296 and 708 / 440, but at 4 * 10^5 x 100 356 / 365 and 610 / 479, at 6 * 10^5 x
   * 64 378 / 414 and 593 / 523 (blobs slower by up to 10%, hence 128 columns for four candidates). The same inertia
   * throughout.
   */
  private boolean gatheredWithoutCopy(int span) {
    if (greedyMode >= 0) {
      return greedyMode == 1 && span <= MAX_DENSE_SPAN;
    }
    // At most the eight lanes the gathered pass keeps (two groups of four, as the dense passes).
    return span <= MAX_DENSE_SPAN && d <= Columns.MAX_D && (span > 4 ? d > SEED_DENSE_MAX_D : d >= GREEDY_GATHER_MIN_D);
  }

  /**
   * {@code a < b ? idx : cur} for squared distances {@code a} and {@code b} (non-negative, no NaN, no -0.0), without a
   * branch: the raw bits of such doubles order them as their values, so the sign of the bits' difference is the
   * comparison (as a conditional, C2 may compile it into a branch, which the data make unpredictable).
   */
  static int nearer(double a, double b, int idx, int cur) {
    long lt = (Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b)) >> 63;
    return (int) ((idx & lt) | (cur & ~lt));
  }

  /** Per row, the second smallest squared distance to the centres so far, while {@link #seedTrack}. */
  private double[] seedSecond;
  /**
   * The centres returned by the last seeding whose tracking ({@link #seedTrack}) completed, or {@code null}: a run
   * from this very array starts from the seeding's findings.
   */
  private double[] seeded;

  // Reduction targets (written by reducers on the calling thread only).
  private double[] sum;
  private double[] wsum;
  /**
   * Per cluster, the sum over its rows of the squared distance to its reference point ({@link #ref}), kept like
   * {@link #sum} (in full or by moves, chunk partials in chunk order); unit weights only.
   */
  private double[] qsum;
  /** The run's initial centroids, or {@code null} (weights): the reference points of {@link #qsum}. */
  private double[] ref;
  private int changes;
  /**
   * Whether a pass may update the sums from the rows that changed cluster only (unit weights: the weight totals
   * are then exact integer counts, so an empty cluster is still exactly 0).
   */
  private final boolean incremental;

  /**
   * @param x row-major points (read only)
   * @param n rows
   * @param d dimension
   * @param k clusters
   * @param w sample weights, or {@code null} for unit weights
   * @param assigner the assignment kernel for these data
   * @param threads number of threads
   */
  public Engine(double[] x, int n, int d, int k, double[] w, Assigner assigner, int threads) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.w = w;
    this.assigner = assigner;
    this.base = assigner;
    this.chunks = new Chunks(n, threads);
    this.width = chunks.width((long) k * (d + 1));
    // Padding after every slot keeps two slots that threads write at the same time off a shared cache line.
    this.slotSum = new double[width][k * d + SLOT_PAD];
    this.slotW = new double[width][2 * k + SLOT_PAD];
    this.slotChanges = new int[width];
    this.seedScratch = new PerThread<>(() -> new SeedScratch(Columns.blockRows(d), d));
    this.chunkValue = new double[chunks.count()];
    this.pruneFactor = 4 * (1 + Dist.gamma(d));
    this.incremental = w == null;
  }

  /**
   * Lets every later run whose kernel is Hamerly's decide, after its first bounded pass, whether to go on with Elkan's
   * ({@link #switchToElkan}): for {@code KMeansAlgorithm.AUTO}. The caller checks that Elkan's {@code n * k} lower
   * bounds fit its memory rule. Not where Hamerly's rescans go by balls ({@link HamerlyAssigner#usesBalls()}: from 16
   * centroids), which settle the data the switch was for (several centroids to a cluster) at least as fast as Elkan's
   * bounds (figures in {@code KMeansAlgorithm.AUTO}'s Javadoc; the switch, where it came, had made AUTO about as fast
   * as Elkan).
   *
   * @return this engine
   */
  public Engine allowElkan() {
    mayWiden = widens() && !((HamerlyAssigner) base).usesBalls();
    return this;
  }

  /** Whether runs start with Hamerly's kernel and have another centroid to switch for. */
  private boolean widens() {
    return base instanceof HamerlyAssigner && k >= 2;
  }

  /**
   * For tests: as {@link #allowElkan()} and {@link #allowHamerly()}, but every run switches to the other kernel after
   * {@code passes} passes (if another follows), whatever the rules would decide.
   *
   * @param passes at least 1
   */
  void switchAfter(int passes) {
    mayWiden = widens(); // whatever the balls
    allowHamerly();
    switchAfter = passes;
  }

  /**
   * Lets every later run whose kernel is Elkan's decide, after its first pass, whether to go on with Hamerly's: it
   * does when, in the sample {@link #farCentroids} draws, fewer than half the pairs of a row and another centroid are
   * ones Elkan's centroid test would skip (no cluster structure that Elkan's bounds could use, where Hamerly's
   * bounded passes are the faster). For {@code KMeansAlgorithm.AUTO}, where its rule picks Elkan by shape.
   *
   * @return this engine
   */
  public Engine allowHamerly() {
    mayNarrow = base instanceof ElkanAssigner && k >= 2;
    return this;
  }

  /**
   * For tests: the kernel the next pass would use (between runs, the one every run starts with).
   *
   * @return the kernel
   */
  Assigner kernel() {
    return assigner;
  }

  /**
   * Runs K-Means from the given centroids.
   *
   * @param init initial centroids, row-major {@code k * d} (not modified)
   * @param maxIterations at least 1
   * @param tolAbs absolute tolerance on the total squared centroid shift
   * @return the result
   */
  public Run run(double[] init, int maxIterations, double tolAbs) {
    if (columns == null && assigner.columnsEveryPass() && Columns.fits(n, d, columnLimit)) {
      // No seeding made the column copy (given initial centroids): every pass of this kernel would copy every block
      // again. Throwaway one-JVM A/B, one thread, Lloyd, at most 20 iterations from given centroids (a one-iteration
      // fit's), medians: 10^5 x 50 42 to 37 ms, 10^6 x 10 405 to 375 ms.
      Columns cols = new Columns(n, d, chunks);
      chunks.run(
          chunks.count(),
          (c, from, to, slot) -> {
            double[] rowBuf = seedScratch.get().rowBuf;
            for (int base = from; base < to; base += cols.rows()) {
              cols.fill(x, base, Math.min(cols.rows(), to - base), rowBuf);
            }
          },
          null);
      columns = cols;
      assigner.useColumns(cols);
    }
    double[] centers = init.clone();
    double[] next = new double[k * d];
    double[] shifts = new double[k];
    // From the centres of the seeding just done (the very array), the seeding's nearest centres are in spareLabels.
    boolean fromSeeds = init == seeded && spareLabels != null;
    seeded = null;
    int[] labels = spareLabels != null ? spareLabels : new int[n];
    spareLabels = null;
    if (!fromSeeds) {
      Arrays.fill(labels, -1);
    }
    sum = new double[k * d];
    wsum = new double[k];
    qsum = new double[k];
    ref = incremental ? init.clone() : null;
    assigner.trackReference(ref);
    double gUp = 1 + Dist.gamma(d);
    assigner.reset();
    boolean strict = false;
    boolean converged = false;
    boolean first = true;
    // Rows moved since the sums were last summed in full; the next pass sums in full again (and resets it) once
    // they reach half the rows, so rounding drift stays within that of about one full summation.
    long moved = 0;
    boolean fullSums = true;
    boolean widen = mayWiden;
    boolean narrow = mayNarrow;
    Assigner other = null;
    int it = 0;
    while (it < maxIterations) {
      assigner.prepare(centers, first ? null : shifts);
      if (fromSeeds) {
        assigner.takeSeeds(seedSecond);
      }
      first = false;
      boolean delta = incremental && !fullSums;
      assignPass(labels, true, delta);
      if (fromSeeds) {
        assigner.takeSeeds(null);
        fromSeeds = false;
      }
      moved = delta ? moved + changes : 0;
      boolean relocated = relocateEmpty(centers, labels);
      // A re-seeded cluster's sums were edited without its row's label: the next pass sums in full.
      fullSums = relocated || 2 * moved >= n;
      double shiftTot = 0;
      for (int j = 0; j < k; j++) {
        int o = j * d;
        double wj = wsum[j];
        if (wj > 0) {
          for (int t = 0; t < d; t++) {
            next[o + t] = sum[o + t] / wj;
          }
        } else {
          System.arraycopy(centers, o, next, o, d);
        }
        double sh = Dist.sq(next, o, centers, o, d);
        shiftTot += sh;
        shifts[j] = Math.sqrt(sh) * gUp;
      }
      double[] t = centers;
      centers = next;
      next = t;
      it++;
      // Unchanged labels mean convergence only if no empty cluster was re-seeded in this step: a re-seeded
      // centroid may attract rows, so stopping here (as scikit-learn 1.2.1 does) could return labels that
      // are not the nearest centroids. One more assignment settles it.
      if (changes == 0 && !relocated) {
        strict = true;
        converged = true;
        break;
      }
      if (shiftTot <= tolAbs) {
        converged = true;
        break;
      }
      if (widen && it == (switchAfter > 0 ? switchAfter : 2) && it < maxIterations) {
        // The pass just made was Hamerly's first bounded one (or the one a test asked for). Only while another pass of
        // the loop follows: the closing assignment below is a bounded pass, which needs the bounds of a full one.
        widen = false;
        if (switchAfter > 0 || switchToElkan(((HamerlyAssigner) base).rescanned(), labels, centers)) {
          if (elkan == null) {
            elkan = new ElkanAssigner(x, n, d, k, w);
          }
          other = elkan;
        }
      } else if (narrow && it == (switchAfter > 0 ? switchAfter : 1) && it < maxIterations) {
        // The pass just made was Elkan's first (or the one a test asked for); as above, another pass follows.
        narrow = false;
        if (switchAfter > 0 || !farCentroids(labels, centers)) {
          if (hamerly == null) {
            hamerly = new HamerlyAssigner(x, n, d, k, w);
          }
          other = hamerly;
        }
      }
      if (other != null && assigner == base) {
        other.takeOver();
        other.useColumns(columns);
        other.trackReference(ref);
        assigner = other;
        first = true; // the other kernel's first pass computes every distance, from the centroids now
      }
    }
    if (!strict) {
      // The last assignment settles the labels; with reference sums it also moves them along (the centroids are
      // final already), so that they describe the returned labels.
      assigner.prepare(centers, shifts);
      assignPass(labels, ref != null, ref != null && !fullSums);
    }
    double inertia = ref != null ? referenceInertia(centers) : Double.NaN;
    if (Double.isNaN(inertia)) {
      inertia = inertia(centers, labels);
    }
    assigner.trackReference(null);
    if (other != null) {
      other.useColumns(null);
      assigner = base;
    }
    return new Run(centers, labels, inertia, it, converged, other != null);
  }

  /** Fewest columns for which a run may go on with Elkan's kernel ({@link #switchToElkan}). */
  static final int WIDEN_MIN_D = 16;

  /**
   * From this many columns, a run switches to Elkan's kernel once Hamerly's first bounded pass rescans half the rows;
   * below it, four fifths ({@link #manyRescans}).
   */
  static final int WIDEN_WIDE_D = 64;

  /** Rows of the sample {@link #farCentroids} draws (all of them when fewer). */
  static final int WIDEN_SAMPLE = 1024;

  /**
   * Whether a run that started with Hamerly's kernel goes on with Elkan's, decided after Hamerly's first bounded pass
   * (deterministically: from counts, on the calling thread). Hamerly keeps one lower bound a row, on the distance to
   * the second nearest centroid; when a cluster has near neighbours (several centroids a blob) that bound cannot
   * prove most labels, and each failing row is compared with every centroid again, pass after pass. Elkan keeps a
   * bound for every centroid and skips centroid {@code j} for a row of cluster {@code a} whenever its distance {@code
   * u} to its centroid is below half the distance between the two centroids; where few centroids are near each other
   * and the rows' distances are small against the others, that rules out most centroids. Neither happens on data
   * without cluster structure (standard Gaussian rows), where every centroid is about as near as any other and
   * Elkan's {@code k} bounds a row cost more than they save. So the run switches when:
   *
   * <ul>
   *   <li>{@code d >=} {@link #WIDEN_MIN_D} (a distance costs enough terms for Elkan's {@code k} bound updates a row
   *       to pay; at 10 columns the two kernels measured about level on blobs),
   *   <li>the pass rescanned at least half the rows from {@link #WIDEN_WIDE_D} columns, four fifths below ({@link
   *       #manyRescans}; at 20 columns and 20 clusters on the benchmark's blobs Hamerly rescanned 68%, then 62% to 50%
   *       of the rows, and stayed the faster, 90 against 125 ms; at 100 columns, 62% throughout, Elkan was, 260
   *       against 297 ms),
   *   <li>and in an even sample of {@link #WIDEN_SAMPLE} rows, for at least half the pairs of a row and another
   *       centroid {@code j}, {@code d(c_a, c_j) >= 2 d(x, c_a)} with the new centroids (Elkan's test would skip them).
   * </ul>
   *
   * <p>The labels, centroids and counts are bit for bit those of every other kernel either way; only the time
   * differs.
   *
   * @param rescanned the rows Hamerly's pass rescanned
   * @param labels the labels of that pass
   * @param centers the centroids now, row-major
   * @return whether to switch
   */
  private boolean switchToElkan(long rescanned, int[] labels, double[] centers) {
    return manyRescans(rescanned, n, d) && farCentroids(labels, centers);
  }

  /**
   * Whether, in an even sample of {@link #WIDEN_SAMPLE} rows (all of them when fewer), at least half the pairs of a
   * row {@code x} of cluster {@code a} and another centroid {@code j} have {@code d(c_a, c_j) >= 2 d(x, c_a)}: the
   * centroids Elkan's centroid test would skip for that row.
   *
   * @param labels every row's label
   * @param centers the centroids, row-major
   * @return whether the skippable pairs are at least half
   */
  private boolean farCentroids(int[] labels, double[] centers) {
    int rows = Math.min(n, WIDEN_SAMPLE);
    // The sample's rows by label (counting sort), so that each label's k centroid distances are computed once, into
    // one array of k values.
    int[] start = new int[k + 1];
    for (int s = 0; s < rows; s++) {
      start[labels[(int) ((long) s * n / rows)] + 1]++;
    }
    for (int j = 0; j < k; j++) {
      start[j + 1] += start[j];
    }
    int[] byLabel = new int[rows];
    int[] fill = Arrays.copyOf(start, k);
    for (int s = 0; s < rows; s++) {
      int i = (int) ((long) s * n / rows);
      byLabel[fill[labels[i]]++] = i;
    }
    double[] cc = new double[k];
    long pairs = (long) rows * (k - 1);
    long skipped = 0;
    for (int a = 0; a < k; a++) {
      if (start[a] == start[a + 1]) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        cc[j] = Dist.sq(centers, a * d, centers, j * d, d);
      }
      for (int r = start[a]; r < start[a + 1]; r++) {
        double u4 = 4 * Dist.sq(x, byLabel[r] * d, centers, a * d, d);
        for (int j = 0; j < k; j++) {
          skipped += j != a && cc[j] >= u4 ? 1 : 0;
        }
      }
    }
    return 2 * skipped >= pairs;
  }

  /**
   * The first two conditions of {@link #switchToElkan}.
   *
   * @param rescanned rows Hamerly's first bounded pass rescanned
   * @param n rows
   * @param d columns
   * @return whether {@code d >= WIDEN_MIN_D} and enough rows were rescanned for the width
   */
  static boolean manyRescans(long rescanned, int n, int d) {
    if (d < WIDEN_MIN_D) {
      return false;
    }
    return d >= WIDEN_WIDE_D ? 2 * rescanned >= n : 5 * rescanned >= 4L * n;
  }

  /**
   * One assignment pass over all chunks.
   *
   * @param accumulate whether to update {@link #sum} and {@link #wsum}
   * @param delta whether to update them from the rows that change cluster only (their previous totals are kept and
   *     the chunks' differences added in chunk order); otherwise they are summed afresh
   */
  private void assignPass(int[] labels, boolean accumulate, boolean delta) {
    if (!delta) {
      Arrays.fill(sum, 0);
      Arrays.fill(wsum, 0);
      Arrays.fill(qsum, 0);
    }
    assigner.accumulateMoves(delta);
    changes = 0;
    chunks.run(
        width,
        (c, from, to, slot) -> {
          double[] ss = null;
          double[] sw = null;
          if (accumulate) {
            ss = slotSum[slot];
            sw = slotW[slot];
            Arrays.fill(ss, 0);
            Arrays.fill(sw, 0);
          }
          slotChanges[slot] = assigner.assign(from, to, labels, ss, sw);
        },
        (c, slot) -> {
          changes += slotChanges[slot];
          if (accumulate) {
            double[] ss = slotSum[slot];
            double[] sw = slotW[slot];
            for (int j = 0; j < k * d; j++) {
              sum[j] += ss[j];
            }
            for (int j = 0; j < k; j++) {
              wsum[j] += sw[j];
            }
            if (ref != null) {
              for (int j = 0; j < k; j++) {
                qsum[j] += sw[k + j];
              }
            }
          }
        });
  }

  /**
   * scikit-learn's {@code _relocate_empty_clusters_dense}: every cluster with zero weight takes the row
   * farthest from its (pre-update) centroid, which leaves its old cluster's sums; the label array is not
   * changed (the next assignment does that). Rows are taken in decreasing distance, ties to the lower row
   * index; only rows with positive weight whose cluster keeps a positive weight are eligible, so a centroid
   * is never an average over nothing. If no row is eligible the cluster keeps its previous centroid.
   *
   * @return whether a cluster was re-seeded
   */
  private boolean relocateEmpty(double[] centers, int[] labels) {
    boolean moved = false;
    int empty = 0;
    for (int j = 0; j < k; j++) {
      if (!(wsum[j] > 0)) {
        empty++;
      }
    }
    if (empty == 0) {
      return false;
    }
    if (farDist == null) {
      farDist = new double[n];
    }
    double[] dist = farDist;
    chunks.run(
        width,
        (c, from, to, slot) -> {
          for (int i = from; i < to; i++) {
            dist[i] = Dist.sq(x, i * d, centers, labels[i] * d, d);
          }
        },
        null);
    for (int j = 0; j < k; j++) {
      if (wsum[j] > 0) {
        continue;
      }
      int far = -1;
      double fd = -1;
      for (int i = 0; i < n; i++) {
        double di = dist[i];
        if (di > fd) {
          double wi = w == null ? 1 : w[i];
          int li = labels[i];
          if (wi > 0 && wsum[li] - wi > 0) {
            far = i;
            fd = di;
          }
        }
      }
      if (far < 0 || !(fd > 0)) {
        continue;
      }
      dist[far] = -1;
      double wi = w == null ? 1 : w[far];
      int old = labels[far];
      int xo = far * d;
      for (int t = 0; t < d; t++) {
        double v = w == null ? x[xo + t] : x[xo + t] * wi;
        sum[old * d + t] -= v;
        sum[j * d + t] = v;
      }
      wsum[j] = wi;
      wsum[old] -= wi;
      if (ref != null) {
        qsum[old] -= Dist.sq(x, xo, ref, old * d, d);
        qsum[j] = Dist.sq(x, xo, ref, j * d, d);
      }
      moved = true;
    }
    return moved;
  }

  /**
   * A cluster's inertia from its reference sums is used when the magnitudes it is computed from are at most this
   * many times the result: with rounding errors of about {@code 2^-53} of those magnitudes, grown at most 64-fold by
   * the running sums, the result is then within about {@code 2^-40} (1e-12) relative.
   */
  private static final double REFERENCE_MAG = 128;

  /**
   * The inertia from the per-cluster sums, without a pass over the data: for cluster {@code a} with weight
   * {@code W}, coordinate sums {@code S}, reference point {@code r}, sum {@code Q} of squared distances to {@code r}
   * and final centroid {@code c}, the sum of squared distances to {@code c} is {@code Q + e . (W e - 2 (S - W r))}
   * with {@code e = c - r} (exact algebra; when {@code c = S / W}, {@code Q - W |e|^2}). With {@code r} the run's
   * first centroids, {@code e} is the distance the centroid travelled, and the correction is small against
   * {@code Q} when the clusters are not far from the origin compared with their spread. Rounding: the result of each
   * cluster is used only if it is at least 1/128 of the magnitudes it is computed from ({@code Q}, {@code W |e|^2}
   * and {@code 2 |e| (|S| + |W r|)} per coordinate); else (and for a non-finite result) {@code NaN}, and the caller
   * sums the distances directly. Clusters are added in index order.
   *
   * @param centers final centroids
   * @return the inertia, or {@code NaN} when the sums cannot give it accurately
   */
  double referenceInertia(double[] centers) {
    double total = 0;
    for (int a = 0; a < k; a++) {
      double wa = wsum[a];
      double q = qsum[a];
      double cross = 0;
      double mag = 0;
      int o = a * d;
      for (int t = 0; t < d; t++) {
        double e = centers[o + t] - ref[o + t];
        double wr = wa * ref[o + t];
        double st = sum[o + t] - wr;
        cross += e * (wa * e - 2 * st);
        mag += e * (wa * e) + 2 * Math.abs(e) * (Math.abs(sum[o + t]) + Math.abs(wr));
      }
      double v = q + cross;
      if (!(v * REFERENCE_MAG >= Math.abs(q) + mag) || !(v < Double.POSITIVE_INFINITY)) {
        return Double.NaN;
      }
      total += v;
    }
    return total;
  }

  /**
   * @param centers centroids
   * @param labels labels
   * @return the weighted sum of squared distances, chunk sums combined in chunk order
   */
  public double inertia(double[] centers, int[] labels) {
    double[] part = chunkValue;
    chunks.run(
        chunks.count(),
        (c, from, to, slot) -> {
          double s = 0;
          if (w == null) {
            for (int i = from; i < to; i++) {
              s += Dist.sq(x, i * d, centers, labels[i] * d, d);
            }
          } else {
            for (int i = from; i < to; i++) {
              s += w[i] * Dist.sq(x, i * d, centers, labels[i] * d, d);
            }
          }
          part[c] = s;
        },
        null);
    double total = 0;
    for (int c = 0; c < part.length; c++) {
      total += part[c];
    }
    return total;
  }

  /**
   * The mean over columns of the population variance of the rows (two passes: column means, then squared
   * deviations), as scikit-learn's {@code _tolerance}; on the engine's threads.
   *
   * @return the mean variance
   */
  public double meanVariance() {
    return meanVariance(x, n, d, chunks);
  }

  /**
   * {@link #meanVariance()} on the given chunks: every chunk sums its rows in row order and the chunk sums are
   * added in chunk order, so the value depends on {@code n} alone (chunk boundaries), not on the thread count.
   *
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param chunks the chunking of the {@code n} rows
   * @return the mean variance
   */
  public static double meanVariance(double[] x, int n, int d, Chunks chunks) {
    int nc = chunks.count();
    double[] part = new double[nc * d];
    chunks.run(
        nc,
        (c, from, to, slot) -> {
          int po = c * d;
          for (int i = from; i < to; i++) {
            int o = i * d;
            for (int t = 0; t < d; t++) {
              part[po + t] += x[o + t];
            }
          }
        },
        null);
    double[] mean = new double[d];
    for (int c = 0; c < nc; c++) {
      for (int t = 0; t < d; t++) {
        mean[t] += part[c * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= n;
    }
    Arrays.fill(part, 0);
    chunks.run(
        nc,
        (c, from, to, slot) -> {
          int po = c * d;
          for (int i = from; i < to; i++) {
            int o = i * d;
            for (int t = 0; t < d; t++) {
              double v = x[o + t] - mean[t];
              part[po + t] += v * v;
            }
          }
        },
        null);
    double total = 0;
    for (int t = 0; t < d; t++) {
      double ss = 0;
      for (int c = 0; c < nc; c++) {
        ss += part[c * d + t];
      }
      total += ss / n;
    }
    return total / d;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Seeding

  /**
   * Greedy k-means++ with {@link #greedyTrials(int)} candidates per step: {@link #plusPlus(Rng, int)}.
   *
   * @param rng random stream
   * @return initial centroids, row-major
   */
  public double[] plusPlus(Rng rng) {
    return plusPlus(rng, greedyTrials(k));
  }

  /**
   * The candidates per step of greedy k-means++, {@code 2 + floor(ln k)} (scikit-learn's {@code _kmeans_plusplus}).
   *
   * @param k clusters, at least 1
   * @return the number of candidates
   */
  public static int greedyTrials(int k) {
    return 2 + (int) Math.log(k);
  }

  /**
   * Greedy k-means++ (Arthur and Vassilvitskii 2007, doi:10.5555/1283383.1283494; greedy variant with
   * {@code 2 + floor(ln k)} candidates per step as in scikit-learn's {@code _kmeans_plusplus}): the first
   * centroid is a row drawn with probability proportional to its weight; each further one is the best, by
   * resulting weighted potential, of several rows drawn with probability proportional to weight times squared
   * distance to the nearest centroid so far. Rows with zero weight or zero distance are never drawn.
   *
   * <p>Distances that cannot matter are skipped (the triangle inequality, as in Elkan's iterations): each row
   * remembers a centre at its current squared distance {@code r2}; when that centre's squared distance to a
   * candidate exceeds {@code 4 r2} (times {@code 1 + }{@link Dist#gamma(int)}, which covers every rounding
   * involved), the candidate is provably no nearer than {@code r2}, so the row's term is {@code r2}, the very
   * value the full computation would give. Sums, draws and centres are therefore bit-identical to those of the
   * unpruned computation; late in the seeding most rows skip every candidate and their coordinates are not read.
   *
   * <p>With one candidate per step ({@code trials = 1}) this is the original k-means++ of the paper: the drawn
   * row is the next centre. Its pass computes at most one distance per row (none for a pruned row) and folds the
   * new centre into {@code d2} in the same pass, so nothing is pending for the next step.
   *
   * <p>When the passes compute every row's distance to every centre (the dense passes, {@code d >=}
   * {@link #TRACK_MIN_D}) and the assigner {@linkplain Assigner#takesSeeds() takes them}, the seeding also keeps each
   * row's nearest centre and second smallest squared distance, and a {@link #run} from the returned array starts
   * from them ({@link #seedTrack}).
   *
   * @param rng random stream
   * @param trials candidates per step, at least 1: 1 for the original k-means++, {@link #greedyTrials(int)} for the
   *     greedy variant
   * @return initial centroids, row-major
   */
  public double[] plusPlus(Rng rng, int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    boolean one = trials == 1;
    double[] centers = new double[k * d];
    // d2 holds the squared distance to the nearest centre as raw double bits (exact round trip: never NaN), in
    // the assigner's bound array when it has one: that memory is written before the first pass reads it.
    long[] borrowed = assigner.scratchBits();
    long[] d2 = borrowed != null && borrowed.length >= n ? borrowed : new long[n];
    // The nearest-centre index lives in the next run's label array (the run overwrites it before reading).
    if (spareLabels == null) {
      spareLabels = new int[n];
    }
    int[] near = spareLabels;
    seedNear = near;
    seedPrune = !(d == 2 && w == null);
    int nc = chunks.count();
    double[] chunkPot = new double[nc];
    // Candidates are evaluated four at a time (padded by repeating the last one), each with its own running sum.
    int groups = (trials + 3) / 4;
    seedTrials = trials;
    int span = groups * 4;
    double[] candPot = new double[nc * span];
    // The original k-means++ (one candidate) needs one centre-to-candidate distance per centre.
    int tab = one ? 1 : span;
    seedCandTab = new double[k * tab];
    seedFoldTab = new double[k];
    // The column copy: the first seeding of the fit makes it (on the chunks' threads, block by block, each block's
    // distances computed while it is in the cache); later seedings and the runs read it. Made under the same
    // condition for either seeding (the pruned passes, and at most two candidate groups of greedy seeding), so that
    // the fits of either use the same memory.
    boolean make = columns == null && seedPrune && greedyTrials(k) <= MAX_DENSE_SPAN
        && Columns.fits(n, d, columnLimit);
    // One candidate group (span 4) by the stored passes, or up to two by the dense ones when they will run.
    boolean denseLater = d <= SEED_DENSE_MAX_D || columns != null || make;
    seedStored = seedPrune && !one && (span == 4 || (span <= MAX_DENSE_SPAN && denseLater));
    if (seedStored) {
      seedMask = new byte[n];
      seedReads = new int[nc];
      Arrays.fill(seedReads, n);
    }
    boolean[] fresh = new boolean[nc];
    seeded = null;
    // Tracking needs the distances in the assigner's own bound array, which its first pass then reads.
    boolean trackable = d >= TRACK_MIN_D && d2 == borrowed && assigner.takesSeeds();
    if (trackable && seedSecond == null) {
      seedSecond = new double[n];
    }
    seedTrack = trackable;
    int firstRow = w == null ? rng.nextInt(n) : drawByWeight(rng);
    System.arraycopy(x, firstRow * d, centers, 0, d);
    Columns cols = make ? new Columns(n, d, chunks) : columns;
    chunks.run(
        nc,
        (c, from, to, slot) -> {
          double s = 0;
          if (cols != null) {
            s = firstDistances(cols, make, from, to, d2, near, centers);
          } else {
            for (int i = from; i < to; i++) {
              double v = Dist.sq(x, i * d, centers, 0, d);
              d2[i] = Double.doubleToRawLongBits(v);
              near[i] = 0;
              s += w == null ? v : w[i] * v;
            }
          }
          if (trackable) {
            Arrays.fill(seedSecond, from, to, Double.POSITIVE_INFINITY);
          }
          chunkPot[c] = s;
        },
        null);
    if (make) {
      columns = cols;
      assigner.useColumns(cols);
    }
    // denseLater's copy is made by now (make), so this is the test it anticipated.
    seedDense = seedStored && denseLater;
    seedTrack = trackable && (one ? seedPrune && classicDense(d) : seedDense);
    seedSwitch = one ? seedPrune && classicDense(d) && (classicMode < 0 ? d >= CLASSIC_ROWS_MIN_D : classicMode == 2)
        : seedDense && (greedyMode < 0 ? d >= GREEDY_GATHER_MIN_D : greedyMode == 1);
    seedGathered = false;
    greedyGatheredSteps = 0;
    classicScalarSteps = 0;
    if (!one && seedPrune && !seedDense && gatheredWithoutCopy(span)) {
      // No column copy: the gathered passes from the first step on, in place of the pruned scalar ones.
      seedStored = false;
      seedGathered = true;
    }
    seedLanesOn = seedDense && d >= LANES_MIN_D && span == 4;
    if (seedLanesOn && seedLanes == null) {
      seedLanes = new double[4][n];
    }
    double pot = 0;
    for (int c = 0; c < nc; c++) {
      pot += chunkPot[c];
    }
    int[] cand = new int[span];
    // The newest centre is folded into d2 lazily: in the next step's candidate pass, or earlier for a chunk
    // that a draw has to search (fresh[c]). Either way d2 ends up as the same minima, so the draws and sums
    // are those of an eager update pass; the last centre is never folded in, as nothing reads d2 after it.
    int pending = -1;
    for (int m = 1; m < k; m++) {
      if (!(pot > 0)) {
        // Only reachable when distances underflow; the caller has checked k <= distinct rows.
        int r = anyNewRow(centers, m);
        System.arraycopy(x, r * d, centers, m * d, d);
        seedTrack = false;
        continue;
      }
      if (one) {
        // The original k-means++: the drawn row is centre m, folded into d2 by the pass that sums the potential.
        final int row = search(rng.nextDouble() * pot, d2, chunkPot, -1, m - 1, fresh);
        if (seedPrune) {
          for (int j = 0; j < m; j++) {
            seedCandTab[j] = Dist.sq(centers, j * d, x, row * d, d);
          }
        }
        final int idx = m;
        // The scalar pass once at most a quarter of the rows are open (CLASSIC_ROWS_MIN_D).
        final boolean scalar = seedSwitch && fewOpen(d2, m, n / 4, -1, null, 1, 1);
        if (scalar) {
          seedTrack = false;
          classicScalarSteps++;
        }
        chunks.run(nc, (c, from, to, slot) -> chunkPot[c] = classic(from, to, d2, row, idx, scalar), null);
        pot = 0;
        for (int c = 0; c < nc; c++) {
          pot += chunkPot[c];
        }
        System.arraycopy(x, row * d, centers, m * d, d);
        continue;
      }
      // Centre m - 1 is the pending one (when pending >= 0): its squared distance to every centre so far, and below the
      // centre-to-candidate distances: the bounds of the pruned and gathered passes, which the dense passes do not test
      // (m * span distances a step, not negligible from about k = 1000), but count while they may switch (seedSwitch).
      boolean bounds = !seedDense || seedSwitch;
      if (pending >= 0 && bounds) {
        for (int j = 0; j < m; j++) {
          seedFoldTab[j] = Dist.sq(centers, j * d, centers, (m - 1) * d, d);
        }
      }
      for (int t = 0; t < trials; t++) {
        cand[t] = search(rng.nextDouble() * pot, d2, chunkPot, pending, m - 1, fresh);
      }
      for (int t = trials; t < cand.length; t++) {
        cand[t] = cand[trials - 1];
      }
      if (seedPrune && bounds) {
        for (int j = 0; j < m; j++) {
          for (int t = 0; t < span; t++) {
            seedCandTab[j * span + t] = Dist.sq(centers, j * d, x, cand[t] * d, d);
          }
        }
      }
      if (seedSwitch && seedDense && fewOpen(d2, m, n / GREEDY_OPEN, pending, fresh, span, trials)) {
        // The gathered passes for the rest of the seeding (GREEDY_GATHER_MIN_D): they write no masks, which a later
        // dense step's hand-off of the pending centre would read.
        seedStored = false;
        seedDense = false;
        seedLanesOn = false;
        seedTrack = false;
        seedGathered = true;
      }
      if (seedGathered) {
        greedyGatheredSteps++;
      }
      int fold = pending;
      int foldIdx = m - 1;
      chunks.run(
          nc,
          (c, from, to, slot) -> {
            int pr = fold >= 0 && !fresh[c] ? fold : -1;
            if (seedGathered) {
              candidatesGathered(from, to, d2, cand, pr, foldIdx, candPot, c * span);
              return;
            }
            if (seedStored) {
              if (seedDense) {
                candidatesDense(from, to, d2, cand, pr, foldIdx, candPot, c * span);
              } else {
                candidatesStored(c, from, to, d2, cand, pr, foldIdx, candPot, c * 4);
              }
              return;
            }
            for (int g = 0; g < groups; g++) {
              candidates(from, to, d2, cand, 4 * g, g == 0 ? pr : -1, foldIdx, candPot, (c * groups + g) * 4);
            }
          },
          null);
      int best = 0;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double tot = 0;
        int g = t >> 2;
        for (int c = 0; c < nc; c++) {
          tot += candPot[(c * groups + g) * 4 + (t & 3)];
        }
        if (tot < bestPot) {
          bestPot = tot;
          best = t;
        }
      }
      int row = cand[best];
      int bo = (best >> 2) * 4 + (best & 3);
      pot = 0;
      for (int c = 0; c < nc; c++) {
        chunkPot[c] = candPot[c * span + bo];
        pot += chunkPot[c];
      }
      java.util.Arrays.fill(fresh, false);
      pending = row;
      seedFoldLane = best;
      System.arraycopy(x, row * d, centers, m * d, d);
    }
    if (seedTrack) {
      if (pending >= 0) {
        // The last centre, which no later step folds in.
        final int last = pending;
        chunks.run(nc, (c, from, to, slot) -> foldTracked(from, to, d2, last, k - 1), null);
      }
      seeded = centers;
    }
    seedTrack = false;
    seedSwitch = false;
    seedGathered = false;
    seedNear = null;
    seedCandTab = null;
    seedFoldTab = null;
    seedMask = null;
    seedReads = null;
    return centers;
  }

  /**
   * The pass of one step of the original k-means++ on rows {@code [from, to)}: folds row {@code row} (centre number
   * {@code idx}) into {@code d2} (and, in the pruned scalar pass, into the nearest-centre index its bound reads: a row
   * takes the new centre when strictly nearer) and returns the weighted sum of the new {@code d2} in row order, the
   * values and order of an eager fold and a candidate's sum in {@link #candidates}. At most one distance per row: none
   * for a row that the centre-to-candidate distance ({@link #seedCandTab}) proves no nearer (scalar pass), or one for
   * every row by blocks of columns ({@link Dist#sqColumns}, the same values as {@link Dist#sq}) where
   * {@link #candidatesDense} would be used and {@code scalar} is false ({@link #fewOpen}).
   */
  private double classic(int from, int to, long[] d2, int row, int idx, boolean scalar) {
    final double[] px = x;
    final double[] ww = w;
    final int dd = d;
    double s = 0;
    if (!seedPrune) {
      // d = 2, unit weights: every distance, written out (nothing reads the nearest-centre index).
      final double a0 = px[2 * row];
      final double a1 = px[2 * row + 1];
      for (int i = from; i < to; i++) {
        double u0 = px[2 * i] - a0;
        double u1 = px[2 * i + 1] - a1;
        double cur = Math.min(u0 * u0 + u1 * u1, Double.longBitsToDouble(d2[i]));
        d2[i] = Double.doubleToRawLongBits(cur);
        s += cur;
      }
      return s;
    }
    final int[] nr = seedNear;
    final int ro = row * dd;
    if (classicDense(dd) && !scalar) {
      final Columns copy = columns;
      final int bl = Columns.blockRows(dd);
      final SeedScratch sc = seedScratch.get();
      final double[] vs = sc.fold;
      final boolean track = seedTrack;
      final boolean keepNear = track || seedSwitch;
      final double[] sec = seedSecond;
      for (int base = from; base < to; base += bl) {
        final int len = Math.min(bl, to - base);
        final double[][] cols = Columns.blockColumns(copy, px, base, len, dd, sc.cols, sc.rowBuf);
        Dist.sqColumns(cols, len, px, ro, dd, sc.acc, vs);
        // Without branches (which rows take the new centre is unpredictable): every d2 is rewritten, with the same
        // value when the centre is not nearer (no NaN and no -0.0 among squared distances). Throwaway one-JVM
        // harness, seeding alone, 1 thread: 84 instead of 95 ms at 10^6 x 10, 26 instead of 29 ms at 10^5 x 50.
        for (int r = 0; r < len; r++) {
          int i = base + r;
          double v = vs[r];
          double old = Double.longBitsToDouble(d2[i]);
          double cur = Math.min(v, old);
          d2[i] = Double.doubleToRawLongBits(cur);
          if (keepNear) {
            if (track) {
              sec[i] = Math.min(sec[i], Math.max(old, v));
            }
            nr[i] = nearer(v, old, idx, nr[i]);
          }
          s += ww == null ? cur : ww[i] * cur;
        }
      }
      return s;
    }
    final double[] ct = seedCandTab;
    for (int i = from; i < to; i++) {
      double cur = Double.longBitsToDouble(d2[i]);
      if (ct[nr[i]] <= pruneLimit(cur)) {
        double v = Dist.sq(px, i * dd, px, ro, dd);
        if (v < cur) {
          cur = v;
          d2[i] = Double.doubleToRawLongBits(v);
          nr[i] = idx;
        }
      }
      s += ww == null ? cur : ww[i] * cur;
    }
    return s;
  }

  /**
   * Whether a seeding whose passes are dense by default leaves them at step {@code m} ({@link #seedSwitch}): while
   * {@link #seedTrack}, only with at least {@code k / 4 + 2} steps left (leaving ends the tracking, and the run's first
   * pass then computes every distance), and only when at most {@code most} rows are open ({@link #isOpen}) under the
   * bounds to the pending centre {@code pending} (-1 for none; not in the chunks already {@code fresh}) and to the
   * step's first {@code real} of {@code span} candidates ({@link #seedFoldTab}, {@link #seedCandTab}). Counted on the
   * calling thread, in about one read of {@code d2} and the nearest-centre index: the same choice on any thread count,
   * and the passes give the same values either way.
   */
  private boolean fewOpen(long[] d2, int m, int most, int pending, boolean[] fresh, int span, int real) {
    if (seedTrack && k - m < k / 4 + 2) {
      return false;
    }
    final double[] ft = seedFoldTab;
    final double[] ct = seedCandTab;
    final int[] nr = seedNear;
    int open = 0;
    for (int c = 0; c < chunks.count() && open <= most; c++) {
      final boolean folds = pending >= 0 && !fresh[c];
      for (int i = chunks.from(c), to = chunks.to(c); i < to && open <= most; i++) {
        if (isOpen(i, Double.longBitsToDouble(d2[i]), folds, ft, ct, span, real, nr)) {
          open++;
        }
      }
    }
    return open <= most;
  }

  /**
   * Whether row {@code i}, at squared distance {@code cur} from centre {@code nr[i]}, may have the pending centre
   * ({@code folds}) or one of the first {@code real} candidates strictly nearer, by the bounds of {@link #pruneLimit}.
   */
  private boolean isOpen(int i, double cur, boolean folds, double[] ft, double[] ct, int span, int real, int[] nr) {
    double lim = pruneLimit(cur);
    int lab = nr[i];
    if (folds && ft[lab] <= lim) {
      return true;
    }
    for (int t = 0, tb = lab * span; t < real; t++) {
      if (ct[tb + t] <= lim) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #candidates} for all candidates of a greedy step at once, while {@link #seedGathered}: the rows the bounds
   * leave open ({@link #isOpen}) are gathered, up to a block at a time, into columns
   * ({@link Columns#gather}) and their distances to the pending centre and to the real candidates computed by
   * {@link Dist#sqColumns} and {@link Dist#sqColumnsPair} (the values of {@link Dist#sq}); then the block's stretch
   * of rows is summed in row order, a closed row adding its {@code d2} for every candidate. The same minima, nearest
   * centres and sums as {@link #candidates}; the lanes beyond the real candidates repeat the last one's sum.
   */
  private void candidatesGathered(int from, int to, long[] d2, int[] cand, int fold, int foldIdx, double[] out,
      int oo) {
    final int dd = d;
    final double[] px = x;
    final double[] ww = w;
    final int[] nr = seedNear;
    final double[] ft = seedFoldTab;
    final double[] ct = seedCandTab;
    final int span = cand.length;
    final int real = seedTrials;
    final boolean folds = fold >= 0;
    final int fo = fold * dd;
    final int bl = Columns.blockRows(dd);
    final SeedScratch sc = seedScratch.get();
    final int[] ix = sc.open;
    final double[] fv = sc.fold;
    final double[][] v = new double[8][];
    for (int t = 0; t < 4; t++) {
      v[t] = sc.cand[t];
      v[t + 4] = sc.cand2[t];
    }
    final double[] s = new double[8];
    int i = from;
    while (i < to) {
      int cnt = 0;
      int end = i;
      for (; end < to && cnt < bl; end++) {
        if (isOpen(end, Double.longBitsToDouble(d2[end]), folds, ft, ct, span, real, nr)) {
          ix[cnt++] = end;
        }
      }
      if (cnt > 0) {
        Columns.gather(px, ix, 0, cnt, dd, sc.cols, sc.rowBuf);
        if (folds) {
          Dist.sqColumns(sc.cols, cnt, px, fo, dd, sc.acc, fv);
        }
        int t = 0;
        for (; t + 2 <= real; t += 2) {
          Dist.sqColumnsPair(sc.cols, cnt, px, cand[t] * dd, cand[t + 1] * dd, dd, sc.acc, v[t], v[t + 1]);
        }
        if (t < real) {
          Dist.sqColumns(sc.cols, cnt, px, cand[t] * dd, dd, sc.acc, v[t]);
        }
      }
      int q = 0;
      for (int r = i; r < end; r++) {
        double cur = Double.longBitsToDouble(d2[r]);
        double wr = ww == null ? 1 : ww[r];
        if (q < cnt && ix[q] == r) {
          if (folds) {
            double f = fv[q];
            if (f < cur) {
              cur = f;
              d2[r] = Double.doubleToRawLongBits(f);
              nr[r] = foldIdx;
            }
          }
          for (int t = 0; t < real; t++) {
            double mt = Math.min(v[t][q], cur);
            s[t] += ww == null ? mt : wr * mt;
          }
          q++;
        } else {
          double c = ww == null ? cur : wr * cur;
          for (int t = 0; t < real; t++) {
            s[t] += c;
          }
        }
      }
      i = end;
    }
    for (int t = 0; t < span; t++) {
      out[oo + t] = s[Math.min(t, real - 1)];
    }
  }

  /** @return the steps of the last greedy seeding taken by {@link #candidatesGathered} */
  int greedyGatheredSteps() {
    return greedyGatheredSteps;
  }

  /**
   * Sets whether greedy k-means++ may switch to {@link #candidatesGathered} ({@link #greedyMode}); for tests.
   *
   * @param mode -1 the default, 0 never, 1 at any width
   */
  void greedyMode(int mode) {
    this.greedyMode = mode;
  }

  /** @return the steps of the last original k-means++ seeding that took the pruned scalar pass by {@link #fewOpen} */
  int classicScalarSteps() {
    return classicScalarSteps;
  }

  /**
   * Which pass {@link #classic} uses at this width: -1 as {@link #candidatesDense} (the default, with the switch of
   * {@link #CLASSIC_ROWS_MIN_D} from that width), 0 the pruned scalar pass, 1 the dense pass, 2 the dense pass with
   * that switch at any width; tests and measurements set it.
   */
  private int classicMode = -1;

  private boolean classicDense(int dd) {
    return classicMode < 0 ? dd <= SEED_DENSE_MAX_D || columns != null : classicMode >= 1;
  }

  /**
   * Sets which pass the original k-means++ uses ({@link #classicMode}); for tests and measurements.
   *
   * @param mode -1 the default choice, 0 the pruned scalar pass, 1 the dense pass, 2 the dense pass switching to the
   *     pruned one as by default from {@link #CLASSIC_ROWS_MIN_D}
   */
  void classicMode(int mode) {
    this.classicMode = mode;
  }

  /** Smallest squared distance for which the pruning test is used (far above any underflow). */
  private static final double PRUNE_MIN = 0x1.0p-900;

  /**
   * The limit a centre-to-candidate squared distance must exceed for a row at squared distance {@code cur} from
   * that centre to keep {@code cur}: {@code 4 cur (1 + gamma)} (the margin covers the relative error of
   * {@link Dist#sq} on all three distances and of this product); any distance exceeds it when {@code cur == 0}
   * (the minimum stays 0), none when {@code cur} is tiny but not 0 (underflow voids the relative error bound).
   */
  private double pruneLimit(double cur) {
    if (cur >= PRUNE_MIN) {
      return cur * pruneFactor;
    }
    return cur == 0 ? -1 : Double.POSITIVE_INFINITY;
  }

  /**
   * For rows {@code [from, to)}: first folds row {@code fold} (if {@code >= 0}; centre number {@code foldIdx})
   * into {@code d2}, then sums, for the four candidates {@code cand[co..co+3]}, the weighted
   * {@code min(d2[i], |x_i - x_cand|^2)} in row order into {@code out[oo..oo+3]}; every candidate's sum is the
   * same as from a loop of its own, and the same with or without pruning (see {@link #plusPlus}).
   */
  // Math.min rather than a conditional: C2 compiles a double-valued conditional into a branch, which the
  // data make unpredictable; Math.min is a branch-free intrinsic. Its results are the same here (no NaN, and
  // squared distances are never -0.0).
  private void candidates(int from, int to, long[] d2, int[] cand, int co, int fold, int foldIdx, double[] out,
      int oo) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int r0 = cand[co] * d;
    int r1 = cand[co + 1] * d;
    int r2 = cand[co + 2] * d;
    int r3 = cand[co + 3] * d;
    if (d == 2 && w == null) {
      final double[] px = x;
      double a0 = px[r0];
      double a1 = px[r0 + 1];
      double b0 = px[r1];
      double b1 = px[r1 + 1];
      double c0 = px[r2];
      double c1 = px[r2 + 1];
      double e0 = px[r3];
      double e1 = px[r3 + 1];
      double f0 = fold >= 0 ? px[2 * fold] : 0;
      double f1 = fold >= 0 ? px[2 * fold + 1] : 0;
      boolean upd = fold >= 0;
      for (int i = from; i < to; i++) {
        double x0 = px[2 * i];
        double x1 = px[2 * i + 1];
        double cur = Double.longBitsToDouble(d2[i]);
        if (upd) {
          double q0 = x0 - f0;
          double q1 = x1 - f1;
          cur = Math.min(q0 * q0 + q1 * q1, cur);
          d2[i] = Double.doubleToRawLongBits(cur);
        }
        double u0 = x0 - a0;
        double u1 = x1 - a1;
        double v0 = u0 * u0 + u1 * u1;
        u0 = x0 - b0;
        u1 = x1 - b1;
        double v1 = u0 * u0 + u1 * u1;
        u0 = x0 - c0;
        u1 = x1 - c1;
        double v2 = u0 * u0 + u1 * u1;
        u0 = x0 - e0;
        u1 = x1 - e1;
        double v3 = u0 * u0 + u1 * u1;
        s0 += Math.min(v0, cur);
        s1 += Math.min(v1, cur);
        s2 += Math.min(v2, cur);
        s3 += Math.min(v3, cur);
      }
    } else {
      final double[] px = x;
      final double[] ww = w;
      final int dd = d;
      final int[] nr = seedNear;
      final double[] ft = seedFoldTab;
      final double[] ct = seedCandTab;
      final int span = cand.length;
      final double[] q4 = new double[4];
      int fo = fold * dd;
      for (int i = from; i < to; i++) {
        double cur = Double.longBitsToDouble(d2[i]);
        int lab = nr[i];
        double lim = pruneLimit(cur);
        int tb = lab * span + co;
        // One branch per row: either every distance of the row is provably irrelevant (its coordinates are not
        // read), or all are computed (a pruned candidate's minimum is cur either way).
        if ((fold < 0 || ft[lab] > lim) && ct[tb] > lim && ct[tb + 1] > lim && ct[tb + 2] > lim
            && ct[tb + 3] > lim) {
          if (ww == null) {
            s0 += cur;
            s1 += cur;
            s2 += cur;
            s3 += cur;
          } else {
            double wc = ww[i] * cur;
            s0 += wc;
            s1 += wc;
            s2 += wc;
            s3 += wc;
          }
          continue;
        }
        int xo = i * dd;
        if (fold >= 0) {
          double v = Dist.sq(px, xo, px, fo, dd);
          if (v < cur) {
            cur = v;
            nr[i] = foldIdx;
            d2[i] = Double.doubleToRawLongBits(v);
          }
        }
        nearerMin(xo, r0, r1, r2, r3, cur, q4);
        double v0 = q4[0];
        double v1 = q4[1];
        double v2 = q4[2];
        double v3 = q4[3];
        if (ww == null) {
          s0 += v0;
          s1 += v1;
          s2 += v2;
          s3 += v3;
        } else {
          double wi = ww[i];
          s0 += wi * v0;
          s1 += wi * v1;
          s2 += wi * v2;
          s3 += wi * v3;
        }
      }
    }
    out[oo] = s0;
    out[oo + 1] = s1;
    out[oo + 2] = s2;
    out[oo + 3] = s3;
  }

  /**
   * The squared distances from row offset {@code xo} to the rows at offsets {@code r0..r3}, each capped at
   * {@code cur}, into {@code q4[0..3]} ({@link Dist#sq4} from 8 columns, the same values as {@link Dist#sq});
   * returns the mask of the candidates strictly nearer than {@code cur} (bit {@code t} for candidate {@code t}).
   */
  private int nearerMin(int xo, int r0, int r1, int r2, int r3, double cur, double[] q4) {
    final double[] px = x;
    final int dd = d;
    if (dd < 8) {
      q4[0] = Dist.sq(px, xo, px, r0, dd);
      q4[1] = Dist.sq(px, xo, px, r1, dd);
      q4[2] = Dist.sq(px, xo, px, r2, dd);
      q4[3] = Dist.sq(px, xo, px, r3, dd);
    } else {
      Dist.sq4(px, xo, px, r0, r1, r2, r3, dd, q4, 0);
    }
    int nearer = 0;
    for (int t = 0; t < 4; t++) {
      double v = q4[t];
      nearer |= v < cur ? 1 << t : 0;
      q4[t] = Math.min(v, cur);
    }
    return nearer;
  }

  /**
   * {@link #candidates} for the one group of four candidates when {@link #seedStored}: the pending centre
   * {@code fold} (or -1) is the previous step's winning candidate, and that step recorded per row in
   * {@link #seedMask} whether it is strictly nearer than the row's {@code d2} (a row it skipped is provably not),
   * so the fold computes the distance, the very value that step compared, only for the rows that take the new
   * centre. The same minima, nearest centres and sums as {@link #candidates}.
   */
  private void candidatesStored(int chunk, int from, int to, long[] d2, int[] cand, int fold, int foldIdx,
      double[] out, int oo) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    final int dd = d;
    int r0 = cand[0] * dd;
    int r1 = cand[1] * dd;
    int r2 = cand[2] * dd;
    int r3 = cand[3] * dd;
    final double[] px = x;
    final double[] ww = w;
    final int[] nr = seedNear;
    final double[] ct = seedCandTab;
    final byte[] mk = seedMask;
    final int lane = fold >= 0 ? seedFoldLane : 8;
    final int fo = fold * dd;
    final double[] q4 = new double[4];
    // The rows read below lie scattered over the chunk, which the hardware prefetcher does not follow: a read
    // then waits for memory. When at least an eighth of the chunk's rows were read in the previous pass, every
    // line of the chunk is requested in order a few rows ahead, a stream the prefetcher does follow (throwaway
    // timing, 10^5 x 50: reading a random half of the rows took about twice as long as reading them all).
    final boolean touch = seedReads[chunk] * 8 >= to - from;
    int reads = 0;
    double touched = 0;
    final int end = to * dd;
    if (touch) {
      final int ahead = Math.min(to, from + SEED_AHEAD) * dd;
      for (int o = from * dd; o < ahead; o += 8) {
        touched += px[o];
      }
    }
    for (int i = from; i < to; i++) {
      if (touch) {
        int ta = (i + SEED_AHEAD) * dd;
        int te = Math.min(end, ta + dd);
        for (int o = ta; o < te; o += 8) {
          touched += px[o];
        }
      }
      double cur = Double.longBitsToDouble(d2[i]);
      // lane 8 (no fold): the bit is always 0.
      if (((mk[i] >> lane) & 1) != 0) {
        reads++;
        cur = Dist.sq(px, i * dd, px, fo, dd);
        nr[i] = foldIdx;
        d2[i] = Double.doubleToRawLongBits(cur);
      }
      int tb = nr[i] * 4;
      double lim = pruneLimit(cur);
      if (ct[tb] > lim && ct[tb + 1] > lim && ct[tb + 2] > lim && ct[tb + 3] > lim) {
        if (ww == null) {
          s0 += cur;
          s1 += cur;
          s2 += cur;
          s3 += cur;
        } else {
          double wc = ww[i] * cur;
          s0 += wc;
          s1 += wc;
          s2 += wc;
          s3 += wc;
        }
        mk[i] = 0;
        continue;
      }
      reads++;
      int xo = i * dd;
      mk[i] = (byte) nearerMin(xo, r0, r1, r2, r3, cur, q4);
      double v0 = q4[0];
      double v1 = q4[1];
      double v2 = q4[2];
      double v3 = q4[3];
      if (ww == null) {
        s0 += v0;
        s1 += v1;
        s2 += v2;
        s3 += v3;
      } else {
        double wi = ww[i];
        s0 += wi * v0;
        s1 += wi * v1;
        s2 += wi * v2;
        s3 += wi * v3;
      }
    }
    out[oo] = s0;
    out[oo + 1] = s1;
    out[oo + 2] = s2;
    out[oo + 3] = s3;
    seedReads[chunk] = reads;
    if (touched == Double.MIN_VALUE) {
      seedTouchSink = touched;
    }
  }

  /** Rows ahead whose coordinates {@link #candidatesStored} requests. */
  private static final int SEED_AHEAD = 8;

  /** Keeps the requesting loads from being removed as dead code; never read. */
  @SuppressWarnings("unused")
  private double seedTouchSink;

  /**
   * Widest rows for which {@link #candidatesDense} replaces {@link #candidatesStored} when there is no column copy
   * ({@link #columns}); with the copy it does at every width.
   */
  private static final int SEED_DENSE_MAX_D = 16;

  /**
   * {@link #candidatesStored} by blocks of columns, for narrow rows ({@code d <=} {@link #SEED_DENSE_MAX_D}) or
   * whenever the engine has its column copy: every row's distances to the four candidates, or to the eight of two
   * groups ({@code cand.length == 8}, sums into {@code out[oo..oo+7]}, mask bits 4 to 7 for the second group), and to
   * the pending centre are computed, by blocks of rows in columns (the copy's, or copied here), so that
   * {@link Dist#sqColumns}
   * vectorises them over the rows (the same values as {@link Dist#sq} and {@link Dist#sq4}). No bound is tested: a
   * row the bounds would skip has every candidate at least as far as its {@code d2}, so its minima are {@code d2} and
   * its mask bits 0 either way. The same minima, masks and sums as {@link #candidatesStored} (no nearest-centre index:
   * see {@link #seedDense}); at
   * 10^6 x 10 the scalar pass spent most of its time in the distances of the rows the bounds could not settle, and
   * at 10^5 x 50, k = 10, with the copy, the whole seeding took about 48-55 ms this way against 59 ms by
   * {@link #candidatesStored} (about a third to nine tenths of the rows are left open per step there; gathering the
   * open rows of each block before computing their distances made the seeding slower, 62 instead of 52 ms, and 257
   * instead of 180 ms at 10^6 x 10: throwaway one-JVM harness).
   */
  private void candidatesDense(int from, int to, long[] d2, int[] cand, int fold, int foldIdx, double[] out,
      int oo) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    final int dd = d;
    final double[] px = x;
    final double[] ww = w;
    final byte[] mk = seedMask;
    final boolean folding = fold >= 0;
    final boolean track = seedTrack;
    final boolean keepNear = track || seedSwitch;
    final int[] nr = seedNear;
    final double[] sec = seedSecond;
    final double[][] lanes = seedLanesOn ? seedLanes : null;
    final double[] foldLane = lanes != null && folding ? lanes[seedFoldLane] : null;
    final int fo = fold * dd;
    final Columns copy = columns;
    final int bl = Columns.blockRows(dd);
    final SeedScratch sc = seedScratch.get();
    final double[][] acc = sc.acc;
    final double[] fv = sc.fold;
    final double[] v0s = sc.cand[0];
    final double[] v1s = sc.cand[1];
    final double[] v2s = sc.cand[2];
    final double[] v3s = sc.cand[3];
    for (int base = from; base < to; base += bl) {
      final int len = Math.min(bl, to - base);
      final double[][] cols = Columns.blockColumns(copy, px, base, len, dd, sc.cols, sc.rowBuf);
      if (foldLane != null) {
        System.arraycopy(foldLane, base, fv, 0, len);
      } else if (fold >= 0) {
        Dist.sqColumns(cols, len, px, fo, dd, acc, fv);
      }
      Dist.sqColumnsPair(cols, len, px, cand[0] * dd, cand[1] * dd, dd, acc, v0s, v1s);
      Dist.sqColumnsPair(cols, len, px, cand[2] * dd, cand[3] * dd, dd, acc, v2s, v3s);
      for (int r = 0; r < len; r++) {
        int i = base + r;
        double cur = Double.longBitsToDouble(d2[i]);
        if (folding) {
          // Without a branch (which rows take the pending centre is unpredictable): its distance fv[r] is the value
          // the last step compared with this very d2, so the row takes it exactly when its mask bit is set, and
          // min(fv[r], cur) is then fv[r], else cur (no NaN, no -0.0 among squared distances). Throwaway one-JVM
          // A/B, greedy seeding alone, one thread, 10^6 x 10, medians of 15: 127 to 114 ms (a branch before).
          double f = fv[r];
          double old = cur;
          cur = Math.min(f, old);
          d2[i] = Double.doubleToRawLongBits(cur);
          if (keepNear) {
            // The assigner's full-pass fold (Assigner.foldMin), and the index of the strictly nearer centre.
            if (track) {
              sec[i] = Math.min(sec[i], Math.max(old, f));
            }
            nr[i] = nearer(f, old, foldIdx, nr[i]);
          }
        }
        double u0 = v0s[r];
        double u1 = v1s[r];
        double u2 = v2s[r];
        double u3 = v3s[r];
        // The mask bits by integer arithmetic on the raw bits, which order non-negative doubles (no NaN, no -0.0
        // here) as their values: a bit is the sign of the difference. Written as comparisons, C2 compiled them into
        // branches, which the data make unpredictable (throwaway one-JVM A/B, greedy seeding and at most 20
        // iterations, one thread, 10^5 x 50, medians of 41: seeding 34.3 / 32.5 against 36.6 / 36.0 ms).
        long cb = Double.doubleToRawLongBits(cur);
        mk[i] = (byte) (((Double.doubleToRawLongBits(u0) - cb) >>> 63)
            | (((Double.doubleToRawLongBits(u1) - cb) >>> 63) << 1)
            | (((Double.doubleToRawLongBits(u2) - cb) >>> 63) << 2)
            | (((Double.doubleToRawLongBits(u3) - cb) >>> 63) << 3));
        double m0 = Math.min(u0, cur);
        double m1 = Math.min(u1, cur);
        double m2 = Math.min(u2, cur);
        double m3 = Math.min(u3, cur);
        if (ww == null) {
          s0 += m0;
          s1 += m1;
          s2 += m2;
          s3 += m3;
        } else {
          double wi = ww[i];
          s0 += wi * m0;
          s1 += wi * m1;
          s2 += wi * m2;
          s3 += wi * m3;
        }
      }
      if (cand.length > 4) {
        final int co = 4;
        // Only this group's real candidates are computed (1 to 4: 5 to 8 a step); its other lanes repeat the last
        // real one, so they read that one's distances (the same values; nothing reads their sums or mask bits).
        // Throwaway one-JVM A/B, one thread, greedy seeding and 20 iterations, blobs, medians of 5, four distances a
        // row for this group / only the real ones, ms: 10^5 x 10, k = 50 284 / 260; 10^5 x 50, k = 50 710 / 664;
        // 2.5*10^4 x 768, k = 50 1507 / 1309; 10^5 x 10, k = 100 512 / 494 (the same inertia).
        final int real = seedTrials - co;
        if (real == 1) {
          Dist.sqColumns(cols, len, px, cand[co] * dd, dd, acc, v0s);
        } else {
          Dist.sqColumnsPair(cols, len, px, cand[co] * dd, cand[co + 1] * dd, dd, acc, v0s, v1s);
        }
        if (real > 2) {
          Dist.sqColumnsPair(cols, len, px, cand[co + 2] * dd, cand[co + 3] * dd, dd, acc, v2s, v3s);
        }
        final double[] w1s = real == 1 ? v0s : v1s;
        final double[] w2s = real <= 2 ? w1s : v2s;
        final double[] w3s = real <= 2 ? w1s : v3s;
        for (int r = 0; r < len; r++) {
          int i = base + r;
          double cur = Double.longBitsToDouble(d2[i]);
          double u0 = v0s[r];
          double u1 = w1s[r];
          double u2 = w2s[r];
          double u3 = w3s[r];
          long cb = Double.doubleToRawLongBits(cur);
          mk[i] |= (byte) ((((Double.doubleToRawLongBits(u0) - cb) >>> 63)
              | (((Double.doubleToRawLongBits(u1) - cb) >>> 63) << 1)
              | (((Double.doubleToRawLongBits(u2) - cb) >>> 63) << 2)
              | (((Double.doubleToRawLongBits(u3) - cb) >>> 63) << 3)) << 4);
          double m0 = Math.min(u0, cur);
          double m1 = Math.min(u1, cur);
          double m2 = Math.min(u2, cur);
          double m3 = Math.min(u3, cur);
          if (ww == null) {
            s4 += m0;
            s5 += m1;
            s6 += m2;
            s7 += m3;
          } else {
            double wi = ww[i];
            s4 += wi * m0;
            s5 += wi * m1;
            s6 += wi * m2;
            s7 += wi * m3;
          }
        }
      }
      if (lanes != null) {
        System.arraycopy(v0s, 0, lanes[0], base, len);
        System.arraycopy(v1s, 0, lanes[1], base, len);
        System.arraycopy(v2s, 0, lanes[2], base, len);
        System.arraycopy(v3s, 0, lanes[3], base, len);
      }
    }
    out[oo] = s0;
    out[oo + 1] = s1;
    out[oo + 2] = s2;
    out[oo + 3] = s3;
    if (cand.length > 4) {
      out[oo + 4] = s4;
      out[oo + 5] = s5;
      out[oo + 6] = s6;
      out[oo + 7] = s7;
    }
  }

  /**
   * The seeding's first pass with the column copy: the squared distance from every row of the chunk
   * {@code [from, to)} to the first centre by {@link Dist#sqColumns} (the same values as {@link Dist#sq}), into
   * {@code d2}, and their weighted sum in row order; {@code make} also makes and fills the chunk's blocks.
   *
   * @return the chunk's potential
   */
  private double firstDistances(Columns cols, boolean make, int from, int to, long[] d2, int[] near,
      double[] centers) {
    final int dd = d;
    final int bl = cols.rows();
    final double[] ww = w;
    final SeedScratch sc = seedScratch.get();
    final double[] v = sc.fold;
    double s = 0;
    for (int base = from; base < to; base += bl) {
      final int len = Math.min(bl, to - base);
      double[][] block = make ? cols.fill(x, base, len, sc.rowBuf) : cols.block(base);
      Dist.sqColumns(block, len, centers, 0, dd, sc.acc, v);
      for (int r = 0; r < len; r++) {
        int i = base + r;
        double vi = v[r];
        d2[i] = Double.doubleToRawLongBits(vi);
        near[i] = 0;
        s += ww == null ? vi : ww[i] * vi;
      }
    }
    return s;
  }

  /** Work arrays of {@link #candidatesDense}, one set per calling thread. */
  private static final class SeedScratch {
    final double[][] cols;
    final double[] rowBuf;
    final double[][] acc;
    final double[] fold;
    final double[][] cand;
    /** Row indices of a gathered block ({@link #candidatesGathered}), and its second group's distances. */
    final int[] open;
    final double[][] cand2;

    SeedScratch(int rows, int d) {
      cols = new double[d][rows];
      rowBuf = new double[rows * d];
      acc = new double[8][rows];
      fold = new double[rows];
      cand = new double[4][rows];
      open = new int[rows];
      cand2 = new double[4][rows];
    }
  }

  /** The calling thread's {@link SeedScratch}. */
  private final PerThread<SeedScratch> seedScratch;

  /**
   * Folds row {@code fold} (centre number {@code foldIdx}) into {@code d2} on chunk {@code c} (on the calling
   * thread) unless done already; prunes like {@link #candidates}.
   */
  private void freshen(int c, long[] d2, int fold, int foldIdx, boolean[] fresh) {
    if (fold < 0 || fresh[c]) {
      return;
    }
    if (seedTrack) {
      foldTracked(chunks.from(c), chunks.to(c), d2, fold, foldIdx);
      fresh[c] = true;
      return;
    }
    if (seedStored) {
      freshenStored(c, d2, fold, foldIdx);
      fresh[c] = true;
      return;
    }
    int fo = fold * d;
    int to = chunks.to(c);
    final int[] nr = seedNear;
    final double[] ft = seedFoldTab;
    final boolean prune = seedPrune;
    for (int i = chunks.from(c); i < to; i++) {
      double cur = Double.longBitsToDouble(d2[i]);
      if (prune && ft[nr[i]] > pruneLimit(cur)) {
        continue;
      }
      double v = Dist.sq(x, i * d, x, fo, d);
      if (v < cur) {
        d2[i] = Double.doubleToRawLongBits(v);
        nr[i] = foldIdx;
      }
    }
    fresh[c] = true;
  }

  /**
   * Folds row {@code fold} (centre number {@code foldIdx}) into {@code d2}, the nearest-centre index and the second
   * distance of rows {@code [from, to)} ({@link #seedTrack}): every row's distance, by blocks of columns, and the
   * fold of {@link #candidatesDense}.
   */
  private void foldTracked(int from, int to, long[] d2, int fold, int foldIdx) {
    final int dd = d;
    final int bl = Columns.blockRows(dd);
    final SeedScratch sc = seedScratch.get();
    final double[] fv = sc.fold;
    final int[] nr = seedNear;
    final double[] sec = seedSecond;
    final double[] foldLane = seedLanesOn ? seedLanes[seedFoldLane] : null;
    for (int base = from; base < to; base += bl) {
      final int len = Math.min(bl, to - base);
      if (foldLane != null) {
        System.arraycopy(foldLane, base, fv, 0, len);
      } else {
        final double[][] cols = Columns.blockColumns(columns, x, base, len, dd, sc.cols, sc.rowBuf);
        Dist.sqColumns(cols, len, x, fold * dd, dd, sc.acc, fv);
      }
      for (int r = 0; r < len; r++) {
        int i = base + r;
        double f = fv[r];
        double old = Double.longBitsToDouble(d2[i]);
        d2[i] = Double.doubleToRawLongBits(Math.min(f, old));
        sec[i] = Math.min(sec[i], Math.max(old, f));
        nr[i] = nearer(f, old, foldIdx, nr[i]);
      }
    }
  }

  /** {@link #freshen} from the candidate masks ({@link #seedStored}): distances only for the rows that move. */
  private void freshenStored(int c, long[] d2, int fold, int foldIdx) {
    final int[] nr = seedNear;
    final byte[] mk = seedMask;
    final int lane = seedFoldLane;
    final boolean dense = seedDense;
    final int dd = d;
    final int fo = fold * dd;
    int to = chunks.to(c);
    for (int i = chunks.from(c); i < to; i++) {
      if (((mk[i] >> lane) & 1) != 0) {
        d2[i] = Double.doubleToRawLongBits(Dist.sq(x, i * dd, x, fo, dd));
        if (!dense || seedSwitch) {
          nr[i] = foldIdx;
        }
      }
    }
  }
  /**
   * The first row whose running weighted potential exceeds {@code r}; the running sums repeat the chunk sums'
   * arithmetic exactly, so the chunk found always contains such a row.
   */
  private int search(double r, long[] d2, double[] chunkPot, int fold, int foldIdx, boolean[] fresh) {
    double acc = 0;
    for (int c = 0; c < chunkPot.length; c++) {
      if (acc + chunkPot[c] > r) {
        freshen(c, d2, fold, foldIdx, fresh);
        double part = 0;
        int to = chunks.to(c);
        for (int i = chunks.from(c); i < to; i++) {
          double di = Double.longBitsToDouble(d2[i]);
          part += w == null ? di : w[i] * di;
          if (acc + part > r) {
            return i;
          }
        }
      }
      acc += chunkPot[c];
    }
    for (int c = chunkPot.length - 1; c >= 0; c--) {
      freshen(c, d2, fold, foldIdx, fresh);
      for (int i = chunks.to(c) - 1; i >= chunks.from(c); i--) {
        double di = Double.longBitsToDouble(d2[i]);
        if ((w == null ? di : w[i] * di) > 0) {
          return i;
        }
      }
    }
    return 0;
  }

  private int drawByWeight(Rng rng) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
    }
    double r = rng.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += w[i];
      if (acc > r) {
        return i;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      if (w[i] > 0) {
        return i;
      }
    }
    return 0;
  }

  private int anyNewRow(double[] centers, int m) {
    for (int i = 0; i < n; i++) {
      if (w != null && !(w[i] > 0)) {
        continue;
      }
      boolean fresh = true;
      for (int j = 0; j < m && fresh; j++) {
        if (Dist.sq(x, i * d, centers, j * d, d) == 0 && sameRow(i, centers, j)) {
          fresh = false;
        }
      }
      if (fresh) {
        return i;
      }
    }
    return 0;
  }

  private boolean sameRow(int i, double[] centers, int j) {
    for (int t = 0; t < d; t++) {
      if (x[i * d + t] != centers[j * d + t]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Random initialisation: {@code k} distinct rows drawn without replacement, uniformly, or with probability
   * proportional to weight (Efraimidis and Spirakis 2006, doi:10.1016/j.ipl.2005.11.003: the {@code k}
   * largest keys {@code log(u) / w}). Rows with zero weight are never drawn.
   *
   * @param rng random stream
   * @return initial centroids, row-major
   */
  public double[] random(Rng rng) {
    double[] centers = new double[k * d];
    if (w == null) {
      boolean[] taken = new boolean[n];
      for (int j = 0; j < k; j++) {
        int r;
        do {
          r = rng.nextInt(n);
        } while (taken[r]);
        taken[r] = true;
        System.arraycopy(x, r * d, centers, j * d, d);
      }
      return centers;
    }
    // Min-heap of the k largest keys.
    double[] key = new double[k];
    int[] row = new int[k];
    int size = 0;
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      if (!(w[i] > 0)) {
        continue;
      }
      double kv = Math.log(u) / w[i];
      if (size < k) {
        int p = size++;
        key[p] = kv;
        row[p] = i;
        while (p > 0) {
          int q = (p - 1) >>> 1;
          if (key[q] <= key[p]) {
            break;
          }
          swap(key, row, p, q);
          p = q;
        }
      } else if (kv > key[0]) {
        key[0] = kv;
        row[0] = i;
        int p = 0;
        while (true) {
          int l = 2 * p + 1;
          if (l >= size) {
            break;
          }
          int m = l + 1 < size && key[l + 1] < key[l] ? l + 1 : l;
          if (key[p] <= key[m]) {
            break;
          }
          swap(key, row, p, m);
          p = m;
        }
      }
    }
    // Largest key first.
    Integer[] order = new Integer[size];
    for (int j = 0; j < size; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : Double.compare(key[b], key[a]) != 0
        ? Double.compare(key[b], key[a]) : Integer.compare(row[a], row[b]));
    for (int j = 0; j < size; j++) {
      System.arraycopy(x, row[order[j]] * d, centers, j * d, d);
    }
    return centers;
  }

  private static void swap(double[] key, int[] row, int a, int b) {
    double t = key[a];
    key[a] = key[b];
    key[b] = t;
    int r = row[a];
    row[a] = row[b];
    row[b] = r;
  }

  /**
   * Sets the most values {@code n * d} for which the seeding makes the column copy (default
   * {@link Columns#MAX_VALUES}); for tests, which compare fits with and without it.
   *
   * @param maxValues the limit; 0 never makes it
   */
  void columnLimit(long maxValues) {
    this.columnLimit = maxValues;
  }

  /**
   * For tests: per row, the nearest of the last seeding's centres, when that seeding tracked them for the next run
   * ({@link #seedTrack}); otherwise {@code null}.
   */
  int[] trackedNearest() {
    return seeded != null ? spareLabels : null;
  }

  /** For tests: as {@link #trackedNearest()}, the second smallest squared distances. */
  double[] trackedSecond() {
    return seeded != null ? seedSecond : null;
  }

  @Override
  public void close() {
    columns = null;
    assigner.useColumns(null);
    if (elkan != null) {
      elkan.useColumns(null);
    }
    if (hamerly != null) {
      hamerly.useColumns(null);
    }
    chunks.close();
  }
}
