package io.github.clusterkit.gmm.internal;

import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.ChunkRunner;
import java.util.Arrays;

/**
 * One EM run over one dataset (Dempster, Laird and Rubin 1977), reproducing scikit-learn 1.2's
 * {@code GaussianMixture} step for step: E-step (log-sum-exp responsibilities), then M-step with
 * {@code N_c = sum_i r_ic + 10 eps}, means {@code sum_i r_ic x_i / N_c}, covariances centred on the new
 * means divided by {@code N_c} (tied: by {@code sum_c N_c}) plus the regularization on the diagonal.
 *
 * <p><b>Layout.</b> The data are processed in blocks of {@value #BLOCK} rows with the rows in the innermost
 * loops, which the JIT turns into SIMD code. Each block is first copied into one array per column, so that
 * every array of an inner loop is indexed by the plain row position: HotSpot 17 does not vectorise a loop
 * that mixes {@code a[off + t]} with {@code b[t]} (about 8 times slower on such a loop). The exponentials
 * come from {@link Exp} (vectorised, within 1 ulp of {@link Math#exp}). FULL and TIED store the
 * responsibilities component-major ({@code resp[c * n + i]}) for the M-step passes, which read a
 * column-major copy of the data (the responsibility and coordinate sums are taken in the E-step, while the
 * block is loaded; the scatter about the new means keeps one lane of {@value #BLOCK} partial sums per
 * lower-triangle pair of columns, each updated by a loop over the rows of a block); DIAGONAL and SPHERICAL
 * accumulate the M-step sums in the E-step itself ({@link #fusedChunk}), load their blocks straight from
 * the rows, and store responsibilities (and make the column-major copy) only for an initialisation from
 * responsibilities (RANDOM, KMEANS).
 *
 * <p><b>Memory.</b> Besides the data (and its column-major copy), the responsibilities and the model, each worker
 * holds block buffers of a few arrays of {@code d * }{@value #BLOCK} doubles ({@code k + 4} of them), and each chunk
 * its partial sums ({@code k * d (d + 1) / 2} doubles for FULL; wider FULL and TIED: see below). Up to
 * {@value #WIDE_FROM} columns the FULL and TIED scatter uses one lane of {@value #BLOCK} partial sums per lower-triangle pair of columns ({@link Buffers#pair});
 * wider, that scratch ({@code d (d + 1) / 2 * 128} doubles per worker: 128 MB at {@code d = 500}, 512 MB at
 * {@code d = 1000}, 200 GB at {@code d = 20000}) is replaced by {@link #wideScatter}'s {@code (WIDE_ROWS + 1) d}
 * doubles. Smallest {@code -Xmx} with which a fit of 1000 rows, 2 components, 2 iterations, parallelism 1 succeeds
 * (bisection to 8 MB, {@code java -Xmx<m>m -XX:+UseSerialGC} on a throwaway harness, JDK 17): FULL at
 * {@code d = 500} 167 MB before, 39 MB after; FULL at {@code d = 1000} 638 MB before, 119 MB after (the data, its
 * copy and the two 8 MB covariance matrices with their factors are most of it); TIED at {@code d = 500} 159 to
 * 31 MB, at {@code d = 1000} 590 to 79 MB.
 *
 * <p>Wider than {@value #WIDE_FROM} columns, the FULL and TIED second-moment sums are no longer kept per chunk (64
 * chunks from 262144 rows on: {@code 64 k d (d + 1) / 2} doubles, 1.3 GB at {@code d = 1000, k = 5}, 32 times the
 * model's covariances): the scatter is cut into slices of the lower triangle ({@link #wideSlices}), one task per
 * component and slice writes its part of the sums ({@link #wideTask}), and each worker holds one slice of one chunk's
 * sums; so these take the sums once plus at most about as much again in slices, whatever {@code n}
 * ({@link #partialSumDoubles(int, int, int, CovarianceType, int, int)}). Smallest {@code -Xmx} with which
 * {@code initialMixture()} of {@code n} rows (one row of responsibility 1 per component, so that it takes seconds)
 * succeeds, parallelism 1 (bisection to 8 MB, {@code java -Xmx<m>m -XX:+UseSerialGC -Xmn8m} on a throwaway harness,
 * JDK 17), {@code d = 1000}: FULL, {@code k = 5}, {@code n = 32768} (8 chunks) 755 MB before, 607 MB after;
 * {@code n = 65536} (16 chunks) 1416 to 1105 MB (the data and its column-major copy are 1049 MB of it); TIED,
 * {@code k = 1}, {@code n = 32768} 563 to 533 MB. At 64 chunks the sums alone took 1.3 GB before, 20 MB now.
 *
 * <p><b>Determinism.</b> The rows are cut into chunks whose size depends only on {@code n}; each chunk
 * writes partial sums into its own buffer and the partial sums are added in chunk order (the wide FULL and TIED
 * scatter adds each slice's chunk sums in chunk order within its task, the same additions), so the result is
 * bit-for-bit the same for any number of threads. Not thread-safe itself; one instance per fit.
 */
public final class EmRun {

  /** Rows per block (the unit of the vectorised inner loops). */
  public static final int BLOCK = 128;
  /**
   * FULL and TIED covariances of more than this many columns take the wide scatter path ({@link #wideScatter}),
   * whose scratch is linear in {@code d}; up to it, the lanes of {@link Buffers#pair} ({@code d (d + 1) / 2} lanes
   * of {@value #BLOCK} doubles: 2.1 MB at {@code d = 64}).
   */
  static final int WIDE_FROM = 64;
  /** Rows of one pass of {@link #wideScatter} (its centred rows, {@code WIDE_ROWS * d} doubles). */
  static final int WIDE_ROWS = 32;
  /** At most this many chunks, each of at least {@link #MIN_BLOCKS} blocks (fewer chunks for small n). */
  private static final int MAX_CHUNKS = 64;

  /**
   * The most rows a fit takes: 2^31 - 2^26, so that a chunk's end ({@code from + chunkSize}) and a block's
   * ({@code i + BLOCK}) stay within {@code int} (one column of 2^31 - 9 rows would overflow them).
   */
  public static final int MAX_ROWS = Integer.MAX_VALUE - (1 << 26) + 1;
  private static final int MIN_BLOCKS = 32;
  /** scikit-learn adds {@code 10 * np.finfo(float).eps} to every component's responsibility sum. */
  private static final double NK_EPS = 10 * Math.ulp(1.0);

  /** The data, row-major (read only). */
  private final double[] x;
  /**
   * Per column: the largest magnitude {@code max_i |x_ij|}, the scale of {@link #floors}; null with a regularization,
   * where no floor is used (one pass over the data saved).
   */
  private final double[] colMax;
  /**
   * Column-major copy of the data for the passes over stored responsibilities; created on first use, never
   * for a fused type ({@link #fused}) started from k-means++ rows, whose blocks are loaded from {@link #x}.
   */
  private double[] xt;
  /** Whether the E-step computes the next M-step's sums itself (DIAGONAL and SPHERICAL). */
  private final boolean fused;
  private final int n;
  private final int d;
  private final int k;
  private final CovarianceType type;
  private final double reg;
  private final ChunkRunner exec;
  private final int chunkSize;
  private final int chunks;
  private final int tri;
  /** FULL or TIED with {@code d > wideFrom}: the covariance sums take {@link #wideScatter}. */
  private final boolean wide;
  /** Responsibilities, component-major: {@code resp[c * n + i]}; allocated on first use. */
  private double[] resp;
  /**
   * Per component and block ({@code c * blocks + i / BLOCK}): whether a responsibility in it may be non-zero.
   * The M-step sums skip the other blocks, which changes nothing (their terms are all +-0); a k-means++
   * initialisation sets only {@code k} responsibilities, so its first M-step reads almost nothing.
   */
  private final boolean[] touched;
  private final int blocks;
  /** Whether {@code resp} may hold a non-zero value. */
  private boolean dirty;
  /** Which E-step runs, for error messages ({@code "of iteration t"} or {@code "on the final parameters"}). */
  private String stepForMessage = "";
  /** Per chunk: log-likelihood sum, {@code k} responsibility sums, {@code k * d} weighted sums. */
  private final double[][] statPart;
  /**
   * Per chunk: second-moment sums (FULL: k * tri, TIED: tri, DIAGONAL/SPHERICAL: k * d); null for the wide path,
   * which writes its sums straight into {@link #covSum}.
   */
  private final double[][] covPart;
  /**
   * Wide FULL and TIED ({@link #wide}): the second-moment sums over all rows (FULL: k * tri, TIED: tri), written by
   * {@link #wideTask} slice by slice; allocated at the first M-step.
   */
  private double[] covSum;
  /**
   * Wide FULL and TIED: the first lower-triangle row of each slice of the scatter, and {@code d} last
   * ({@link #wideSlices}); null otherwise.
   */
  private final int[] slices;
  /** Wide FULL and TIED: the largest slice's packed length, that of each worker's {@link Buffers#slicePart}. */
  private final int sliceMax;
  /** Per worker: block buffers, created on first use. */
  private final Buffers[] buffers;

  /** Scratch arrays of one chunk; separate arrays so that every inner loop writes what it does not read. */
  private static final class Buffers {
    final double[] max;
    final double[] sum;
    final double[] z;
    /** Per-row-position accumulators, reduced once per chunk (vectorisable, unlike a dot product). */
    final double[] lane;
    /** The block's columns, {@code xb[j][t]}, each indexed from 0 (see {@link Mixture#blockLogProb}). */
    final double[][] xb;
    /** The block's weighted log densities, then responsibilities, {@code lpb[c][t]}. */
    final double[][] lpb;
    /** Scratch columns for {@link Mixture#blockLogProb} and the covariance sums. */
    final double[][] cols;
    final double[][] wcols;
    /**
     * Lanes of {@code sum r} per component and {@code sum r v} per component and column, with
     * {@code v = x - old mean} (fused types) or {@code v = x} (FULL and TIED, whose E-step sums them as
     * {@link #statsFromResp} would, same bits); for the fused types also {@code sum r v^2} per column
     * (DIAGONAL) or per component over all columns (SPHERICAL).
     */
    final double[][] l0;
    final double[][] l1;
    final double[][] l2;
    /**
     * FULL and TIED: lanes of one component's weighted scatter, one per lower-triangle pair {@code (a, j)},
     * {@code j <= a}, in row order ({@code pair[a (a + 1) / 2 + j][t]}).
     */
    final double[][] pair;
    /**
     * Wide FULL and TIED ({@link #wideScatter}): up to {@value #WIDE_ROWS} rows centred on a component's mean,
     * {@code rows[t][j]}, and one row of the scatter, {@code rowSum[j]} ({@code pair} and {@code wcols} are then
     * not allocated).
     */
    final double[][] rows;
    final double[] rowSum;
    /** Wide FULL and TIED: one chunk's sums for the slice of the scatter a {@link #wideTask} computes. */
    final double[] slicePart;
    /** SPHERICAL: the block's squared distances to each current mean, {@code dist[c][t]}. */
    final double[][] dist;
    final double[] scratch;
    /** Log-likelihood lanes: the sum of the row maxima and the product of the rows' sums of exponentials. */
    final double[] llMax;
    final double[] llProd;
    /** Blocks multiplied into {@link #llProd} since it was last folded into {@link #ll}. */
    int llBlocks;
    /** The chunk's log-likelihood so far, apart from the lanes. */
    double ll;
    /** Whether a row's log density is below the double range ({@link #overflowedRows}): the chunk's is -inf. */
    boolean belowRange;

    Buffers(int k, int d, CovarianceType type, boolean wide, int sliceMax) {
      int b = BLOCK;
      max = new double[b];
      sum = new double[b];
      z = new double[b];
      lane = new double[(d + 1) * b];
      scratch = new double[b];
      xb = new double[d][b];
      lpb = new double[k][b];
      cols = new double[d][b];
      wcols = wide ? null : new double[d][b];
      llMax = new double[b];
      llProd = new double[b];
      l0 = new double[k][b];
      l1 = new double[k * d][b];
      if (type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) {
        l2 = new double[type == CovarianceType.DIAGONAL ? k * d : k][b];
        pair = null;
      } else {
        l2 = null;
        pair = wide ? null : new double[d * (d + 1) / 2][b];
      }
      rows = wide ? new double[WIDE_ROWS][d] : null;
      rowSum = wide ? new double[d] : null;
      slicePart = wide ? new double[sliceMax] : null;
      dist = type == CovarianceType.SPHERICAL ? new double[k][b] : null;
    }

    /** @return the doubles held by these buffers */
    long doubles() {
      long s = (long) max.length + sum.length + z.length + lane.length + scratch.length + llMax.length
          + llProd.length;
      for (double[][] a : new double[][][] {xb, lpb, cols, wcols, l0, l1, l2, pair, dist, rows}) {
        if (a != null) {
          for (double[] r : a) {
            s += r.length;
          }
        }
      }
      return s + (rowSum == null ? 0 : rowSum.length) + (slicePart == null ? 0 : slicePart.length);
    }
  }

  /** @return the doubles held by the block buffers of every worker created so far (what a test bounds) */
  long scratchDoubles() {
    long s = 0;
    for (Buffers b : buffers) {
      if (b != null) {
        s += b.doubles();
      }
    }
    return s;
  }

  /**
   * @param x row-major data (read only)
   * @param n rows
   * @param d columns
   * @param k components
   * @param type covariance type
   * @param reg regularization added to the diagonal
   * @param exec where chunks run
   */
  public EmRun(double[] x, int n, int d, int k, CovarianceType type, double reg, ChunkRunner exec) {
    this(x, n, d, k, type, reg, exec, WIDE_FROM);
  }

  /**
   * As the public constructor, with the width above which FULL and TIED take the wide scatter path (tests force
   * either path with it).
   */
  EmRun(double[] x, int n, int d, int k, CovarianceType type, double reg, ChunkRunner exec, int wideFrom) {
    this.n = n;
    this.d = d;
    this.k = k;
    this.type = type;
    this.reg = reg;
    this.exec = exec;
    this.chunkSize = chunkSize(n);
    this.chunks = (int) ((n + (long) chunkSize - 1) / chunkSize); // long: n may be near 2^31 (one column)
    this.tri = d * (d + 1) / 2;
    this.x = x;
    this.colMax = reg > 0 ? null : columnMaxima(x, n, d); // the floors guard regularization 0 alone (build)
    this.fused = type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL;
    this.wide = !fused && d > wideFrom;
    if (!fused) {
      columnCopy();
    }
    this.blocks = (int) ((n + (long) BLOCK - 1) / BLOCK);
    this.touched = new boolean[k * blocks];
    this.statPart = new double[chunks][1 + k + k * d];
    this.covPart = wide ? null : new double[chunks][sumLength(d, k, type)];
    this.slices = wide ? wideSlices(d, k, type) : null;
    this.sliceMax = wide ? maxSliceLength(slices) : 0;
    this.buffers = new Buffers[exec.parallelism()];
  }

  /** @return the rows of a chunk for {@code n} rows: at most {@value #MAX_CHUNKS} chunks of whole blocks */
  private static int chunkSize(int n) {
    long perChunk = (n + (long) MAX_CHUNKS - 1) / MAX_CHUNKS;
    return (int) Math.max(MIN_BLOCKS * BLOCK, (perChunk + BLOCK - 1) / BLOCK * BLOCK);
  }

  /** @return the length of the M-step's second-moment sums (FULL: k * tri, TIED: tri, else k * d) */
  private static int sumLength(int d, int k, CovarianceType type) {
    int tri = d * (d + 1) / 2;
    switch (type) {
      case FULL:
        return k * tri;
      case TIED:
        return tri;
      default:
        return k * d;
    }
  }

  /**
   * The slices of the lower triangle that the wide scatter computes as separate tasks ({@link #wideTask}): slice
   * {@code s} holds rows {@code [bounds[s], bounds[s + 1])} of the triangle, of about equal packed length. There are
   * {@code min(ceil(64 / k'), max(1, d / 16))} slices ({@code k' = k} for FULL, 1 for TIED): up to 64 tasks in all,
   * and every slice at least about {@code 8 d} long, so that centring the rows a task reads ({@code a1} columns per
   * row) stays a small part of its work ({@code 2 S / d <} 13%). Each sum is the same whatever the slicing.
   */
  static int[] wideSlices(int d, int k, CovarianceType type) {
    int perType = type == CovarianceType.TIED ? 1 : k;
    int s = Math.max(1, Math.min((MAX_CHUNKS + perType - 1) / perType, d / 16));
    int[] bounds = new int[s + 1];
    for (int i = 1; i < s; i++) {
      // packed length a (a + 1) / 2 of rows [0, a) about i / s of the triangle's
      int a = (int) Math.round(d * Math.sqrt((double) i / s));
      bounds[i] = Math.min(d - (s - i), Math.max(bounds[i - 1] + 1, a));
    }
    bounds[s] = d;
    return bounds;
  }

  private static int maxSliceLength(int[] bounds) {
    int max = 0;
    for (int s = 0; s + 1 < bounds.length; s++) {
      long a0 = bounds[s];
      long a1 = bounds[s + 1];
      max = (int) Math.max(max, (a1 * (a1 + 1) - a0 * (a0 + 1)) / 2);
    }
    return max;
  }

  /**
   * The doubles the M-step's second-moment sums take for a fit of {@code n} rows of {@code d} columns and
   * {@code k} components on {@code parallelism} threads (what the constructor and the M-steps allocate, apart
   * from the per-worker block buffers): one array of {@link #sumLength} per chunk up to {@code wideFrom} columns
   * (and for DIAGONAL and SPHERICAL), else the sums themselves and one slice per worker, whatever {@code n}.
   */
  static long partialSumDoubles(int n, int d, int k, CovarianceType type, int wideFrom, int parallelism) {
    boolean wide = (type == CovarianceType.FULL || type == CovarianceType.TIED) && d > wideFrom;
    long len = sumLength(d, k, type);
    if (!wide) {
      int size = chunkSize(n);
      return (long) ((n + size - 1) / size) * len;
    }
    int[] bounds = wideSlices(d, k, type);
    int tasks = (bounds.length - 1) * (type == CovarianceType.TIED ? 1 : k);
    return len + (long) Math.min(parallelism, tasks) * maxSliceLength(bounds);
  }

  /** @return the doubles this run's second-moment sums hold now (a test compares it with the plan) */
  long partialSumDoubles() {
    long s = covSum == null ? 0 : covSum.length;
    if (covPart != null) {
      for (double[] p : covPart) {
        s += p.length;
      }
    }
    for (Buffers b : buffers) {
      if (b != null && b.slicePart != null) {
        s += b.slicePart.length;
      }
    }
    return s;
  }

  /** Result of {@link #run}. */
  public static final class Result {
    /** The fitted mixture. */
    public final Mixture mixture;
    /** Number of EM iterations (M-steps) performed. */
    public final int iterations;
    /** Whether the change in mean log-likelihood fell below the tolerance. */
    public final boolean converged;
    /** Mean log-likelihood after 0, 1, ..., iterations M-steps ({@code iterations + 1} values). */
    public final double[] history;

    Result(Mixture mixture, int iterations, boolean converged, double[] history) {
      this.mixture = mixture;
      this.iterations = iterations;
      this.converged = converged;
      this.history = history;
    }

    /** @return the mean log-likelihood of the final mixture */
    public double logLikelihood() {
      return history[history.length - 1];
    }
  }

  /** Creates {@link #xt} if needed; called on the calling thread only, before any chunk reads it. */
  private void columnCopy() {
    if (xt == null) {
      double[] c = new double[n * d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          c[j * n + i] = x[i * d + j];
        }
      }
      xt = c;
    }
  }

  /** Sets every responsibility to 0, before {@link #setResponsibility} calls. */
  public void clearResponsibilities() {
    if (dirty) {
      Arrays.fill(resp, 0);
      dirty = false;
    }
    Arrays.fill(touched, false);
  }

  private double[] resp() {
    if (resp == null) {
      resp = new double[n * k];
    }
    return resp;
  }

  /**
   * Sets one initial responsibility.
   *
   * @param i the row
   * @param c the component
   * @param value the responsibility
   */
  public void setResponsibility(int i, int c, double value) {
    resp()[c * n + i] = value;
    if (value != 0) {
      dirty = true;
      touched[c * blocks + i / BLOCK] = true;
    }
  }

  /**
   * The initial mixture from the responsibilities set by {@link #setResponsibility}: one M-step, with
   * weights {@code N_c / n} as scikit-learn's {@code _initialize}.
   *
   * @return the initial mixture
   * @throws IllegalStateException if a covariance is not positive definite
   */
  public Mixture initialMixture() {
    columnCopy();
    exec.run(chunks, this::statsFromResp);
    return mStep(true, 0, null);
  }

  /**
   * The initial mixture of scikit-learn 1.2's "k-means++" initialisation, whose responsibilities are 1 for
   * row {@code rows[c]} in component {@code c} and 0 elsewhere, computed from those rows alone: for DIAGONAL
   * and SPHERICAL covariances the same bits as {@link #setResponsibility} calls followed by
   * {@link #initialMixture()} (a sum of one value and zeros is that value), without the {@code n * k}
   * responsibility array, which the fused E-step of these types never needs. Other types take the general
   * path.
   *
   * @param rows {@code k} distinct rows, one per component
   * @return the initial mixture
   * @throws IllegalStateException if a covariance is not positive definite
   */
  public Mixture initialMixtureFromRows(int[] rows) {
    final int k = this.k;
    final int d = this.d;
    if (!fused) {
      clearResponsibilities();
      for (int c = 0; c < k; c++) {
        setResponsibility(rows[c], c, 1);
      }
      return initialMixture();
    }
    double[] nk = new double[k];
    double[] weights = new double[k];
    double[] means = new double[k * d];
    double[] cov = new double[Mixture.covLength(type, k, d)];
    for (int c = 0; c < k; c++) {
      nk[c] = 1 + NK_EPS;
      weights[c] = nk[c] / n;
    }
    for (int c = 0; c < k; c++) {
      int i = rows[c];
      double s = 0;
      for (int j = 0; j < d; j++) {
        // 0.0 + x: the general path sums x with zeros, which turns -0.0 into 0.0
        double mean = (0.0 + x[i * d + j]) / nk[c];
        double v = x[i * d + j] - mean;
        double var = (0.0 + v * v) / nk[c] + reg;
        means[c * d + j] = mean;
        if (type == CovarianceType.DIAGONAL) {
          cov[c * d + j] = var;
        } else {
          s += var;
        }
      }
      if (type == CovarianceType.SPHERICAL) {
        cov[c] = s / d;
      }
    }
    return build(weights, means, cov, null, nk, null, rows, 0);
  }

  /** Initial length of the log-likelihood history of {@link #run} (scikit-learn's default max_iter + 1). */
  private static final int HISTORY_START = 101;

  /**
   * Runs EM from {@code start}. Iteration {@code t} is scikit-learn's: E-step on the parameters after
   * {@code t - 1} M-steps (its log-likelihood is scikit-learn's lower bound), then the M-step; it stops after
   * iteration {@code t >= 2} when {@code |LL(t-1) - LL(t-2)| < tol}, or after {@code maxIter} iterations. A
   * last E-step gives the log-likelihood of the final parameters.
   *
   * @param start initial parameters
   * @param maxIter maximum number of iterations, {@code >= 0}
   * @param tol convergence tolerance on the mean log-likelihood
   * @return the result
   * @throws IllegalStateException if a covariance collapses
   */
  public Result run(Mixture start, int maxIter, double tol) {
    // Grown as the iterations run: sized maxIter + 1 up front, a limit meant as "until converged"
    // (Integer.MAX_VALUE) overflowed int and a large one (10^8) ran out of memory before the first E-step.
    double[] history = new double[(int) Math.min((long) maxIter + 1, HISTORY_START)];
    Mixture m = start;
    int iterations = 0;
    boolean converged = false;
    for (int t = 1; t <= maxIter; t++) {
      stepForMessage = "of EM iteration " + t;
      if (t >= history.length) {
        // room for entries t - 1 and t (the final E-step's), doubling, at most maxIter + 1 and Java's array limit
        long grown = Math.min(Math.max(2L * history.length, t + 1L), (long) maxIter + 1);
        history = Arrays.copyOf(history, (int) Math.min(grown, Integer.MAX_VALUE - 8));
      }
      history[t - 1] = eStep(m, true);
      m = mStep(false, t, m);
      iterations = t;
      if (t >= 2 && Math.abs(history[t - 1] - history[t - 2]) < tol) {
        converged = true;
        break;
      }
    }
    stepForMessage = "on the final parameters (after " + iterations + " iterations)";
    history[iterations] = eStep(m, false);
    return new Result(m, iterations, converged, Arrays.copyOf(history, iterations + 1));
  }

  /**
   * E-step over all rows.
   *
   * @param m the current mixture
   * @param accumulate whether to store responsibilities and their sums for the next M-step
   * @return mean log-likelihood per row
   */
  double eStep(Mixture m, boolean accumulate) {
    if (accumulate && !fused) {
      resp();
      dirty = true;
      Arrays.fill(touched, true);
    }
    if (fused) {
      exec.run(chunks, (c, w) -> fusedChunk(m, c, w, accumulate, m.means));
    } else {
      exec.run(chunks, (c, w) -> eStepChunk(m, c, w, accumulate));
    }
    double ll = 0;
    for (int c = 0; c < chunks; c++) {
      ll += statPart[c][0];
    }
    return ll / n;
  }

  private Buffers buffers(int worker) {
    Buffers b = buffers[worker];
    if (b == null) {
      b = new Buffers(k, d, type, wide, sliceMax);
      buffers[worker] = b;
    }
    return b;
  }

  /**
   * E-step of one chunk; if its log-likelihood is not above {@code -inf} (a row whose log densities all
   * overflowed gives NaN responsibilities and a NaN or {@code -inf} log-likelihood), again with
   * {@link #overflowedRows} on every block, which changes nothing for the other rows.
   */
  private void eStepChunk(Mixture m, int chunk, int worker, boolean accumulate) {
    eStepChunk(m, chunk, worker, accumulate, false);
    if (!(statPart[chunk][0] > Double.NEGATIVE_INFINITY)) {
      eStepChunk(m, chunk, worker, accumulate, true);
    }
  }

  private void eStepChunk(Mixture m, int chunk, int worker, boolean accumulate, boolean careful) {
    final int k = this.k;
    final int n = this.n;
    final int b = BLOCK;
    final Buffers buf = buffers(worker);
    final double[] resp = this.resp;
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    final int d = this.d;
    final double[][] xb = buf.xb;
    if (accumulate) {
      for (int c = 0; c < k; c++) {
        Arrays.fill(buf.l0[c], 0);
      }
      for (int q = 0; q < k * d; q++) {
        Arrays.fill(buf.l1[q], 0);
      }
    }
    startLogLikelihood(buf);
    for (int i0 = from; i0 < to; i0 += b) {
      int len = Math.min(b, to - i0);
      loadBlock(xb, i0, len);
      m.blockLogProb(xb, len, buf.lpb, buf.cols, buf.z);
      if (careful) {
        overflowedRows(m, buf, i0, len);
      }
      softmax(buf, len, accumulate);
      if (accumulate) {
        // the sums of statsFromResp, lane by lane in the same block order (same bits), while the block
        // and its responsibilities are at hand
        for (int c = 0; c < k; c++) {
          double[] r = buf.lpb[c];
          System.arraycopy(r, 0, resp, c * n + i0, len);
          double[] s0 = buf.l0[c];
          for (int t = 0; t < len; t++) {
            s0[t] += r[t];
          }
          for (int j = 0; j < d; j++) {
            double[] xj = xb[j];
            double[] s1 = buf.l1[c * d + j];
            for (int t = 0; t < len; t++) {
              s1[t] += r[t] * xj[t];
            }
          }
        }
      }
    }
    if (accumulate) {
      double[] part = statPart[chunk];
      for (int c = 0; c < k; c++) {
        part[1 + c] = sum(buf.l0[c], 0, b);
      }
      for (int q = 0; q < k * d; q++) {
        part[1 + k + q] = sum(buf.l1[q], 0, b);
      }
    }
    statPart[chunk][0] = endLogLikelihood(buf);
  }

  /**
   * Copies rows {@code i0 .. i0 + len} of the data into the per-column block arrays: from the column-major
   * copy when there is one, else straight from the rows (a strided gather, about 0.1 ms more per pass over
   * 10^5 x 10 than the copy, which itself costs an {@code n * d} array).
   */
  private void loadBlock(double[][] xb, int i0, int len) {
    final double[] xt = this.xt;
    final int d = this.d;
    if (xt != null) {
      for (int j = 0; j < d; j++) {
        System.arraycopy(xt, j * n + i0, xb[j], 0, len);
      }
      return;
    }
    final double[] x = this.x;
    for (int j = 0; j < d; j++) {
      double[] col = xb[j];
      int o = i0 * d + j;
      for (int t = 0; t < len; t++) {
        col[t] = x[o + t * d];
      }
    }
  }

  /**
   * For the rows of a block whose weighted log densities all overflowed ({@code -inf}, or NaN where
   * {@code inf - inf} arose; a NaN log density of a row with a finite one becomes {@code -inf}, what it
   * approximates): the limit posterior, as prediction gives it. If one component only has a positive weight, its
   * posterior is 1 whatever the densities; otherwise {@link Mixture#farPoint} ranks the components term by term.
   * The row's log density is below the double range, so the chunk's log-likelihood becomes {@code -inf} (as
   * {@code scoreSamples} gives for such a row).
   *
   * @throws IllegalStateException if neither decides (the point and the means are so far apart that even
   *     {@link Mixture#farPoint}'s terms overflow): the message says what happened and what to do
   */
  private void overflowedRows(Mixture m, Buffers buf, int i0, int len) {
    final int k = this.k;
    final double[][] lpb = buf.lpb;
    double[] lp = null;
    for (int t = 0; t < len; t++) {
      boolean all = true;
      for (int c = 0; c < k; c++) {
        double v = lpb[c][t];
        if (v != v) {
          lpb[c][t] = Double.NEGATIVE_INFINITY;
        } else if (v > Double.NEGATIVE_INFINITY) {
          all = false;
        }
      }
      if (!all) {
        continue;
      }
      if (lp == null) {
        lp = new double[k];
      }
      int only = -1;
      int positive = 0;
      for (int c = 0; c < k; c++) {
        if (m.logConst[c] > Double.NEGATIVE_INFINITY) {
          only = c;
          positive++;
        }
      }
      if (positive == 1) {
        Arrays.fill(lp, Double.NEGATIVE_INFINITY);
        lp[only] = 0;
      } else {
        m.farPoint(x, (i0 + t) * d, lp);
        if (Mixture.allOverflowed(lp, k)) {
          throw new IllegalStateException("Gaussian mixture fit failed in the E-step " + stepForMessage
              + ": row " + (i0 + t) + " is so far from every component that all " + k + " of its log densities"
              + " overflow (squared Mahalanobis distances beyond the double range), and the components cannot be"
              + " ranked for it in double arithmetic, so its responsibilities are undefined (" + type
              + " covariance, d = " + d + "). The means are far from the data, or the covariances far too small for"
              + " its spread: start from means within the range of the data (see initialParameters and"
              + " initialMeans) and covariances of its scale, or use an init method without given means.");
        }
      }
      for (int c = 0; c < k; c++) {
        lpb[c][t] = lp[c];
      }
      buf.belowRange = true;
    }
  }

  /** Blocks whose row sums are multiplied into one lane before its logarithm is taken. */
  private static final int LL_BLOCKS = 32;

  private static void startLogLikelihood(Buffers buf) {
    buf.belowRange = false;
    Arrays.fill(buf.llMax, 0);
    Arrays.fill(buf.llProd, 1);
    buf.llBlocks = 0;
    buf.ll = 0;
  }

  /** Adds the logarithms of the product lanes to {@code buf.ll} and resets them to 1. */
  private static void foldProducts(Buffers buf) {
    double[] p = buf.llProd;
    double s = 0;
    for (int t = 0; t < p.length; t++) {
      s += Math.log(p[t]);
      p[t] = 1;
    }
    buf.ll += s;
    buf.llBlocks = 0;
  }

  /** @return the chunk's log-likelihood: its folded logarithms plus the sum of its row maxima */
  private static double endLogLikelihood(Buffers buf) {
    foldProducts(buf);
    if (buf.belowRange) {
      return Double.NEGATIVE_INFINITY;
    }
    return buf.ll + sum(buf.llMax, 0, buf.llMax.length);
  }

  /**
   * Log-sum-exp of each row of the block in {@code buf.lpb}: the maximum over components, the shifted
   * exponentials, their sum; with {@code normalize}, {@code buf.lpb} then holds the responsibilities. The
   * rows' log densities {@code max + log(sum)} go into the log-likelihood lanes of {@code buf}: the maxima
   * are added, the sums multiplied, and the logarithm is taken once per lane every {@value #LL_BLOCKS}
   * blocks (each sum lies in {@code [1, k]}, so {@code k^32 < 2^1023} cannot overflow): a tenth of the
   * {@link Math#log} calls at 10 components, and each lane is one addition per row (vectorised). The
   * product's rounding, at most 32 ulps, changes the log-likelihood by less than {@code 1e-14} per lane.
   */
  private void softmax(Buffers buf, int len, boolean normalize) {
    final double[][] lpb = buf.lpb;
    final double[] max = buf.max;
    final double[] sum = buf.sum;
    System.arraycopy(lpb[0], 0, max, 0, len);
    for (int c = 1; c < k; c++) {
      double[] lc = lpb[c];
      for (int t = 0; t < len; t++) {
        // branch-free, so the JIT vectorises it; lp is never NaN, and a signed zero in max does not
        // change exp(lp - max) or max + log(sum)
        max[t] = Math.max(max[t], lc[t]);
      }
    }
    Arrays.fill(sum, 0, len, 0);
    for (int c = 0; c < k; c++) {
      double[] lc = lpb[c];
      Exp.expShifted(lc, max, len, buf.scratch);
      for (int t = 0; t < len; t++) {
        sum[t] += lc[t];
      }
    }
    final double[] llMax = buf.llMax;
    final double[] llProd = buf.llProd;
    for (int t = 0; t < len; t++) {
      llMax[t] += max[t];
      llProd[t] *= sum[t];
    }
    if (++buf.llBlocks == LL_BLOCKS) {
      foldProducts(buf);
    }
    if (normalize) {
      for (int t = 0; t < len; t++) {
        sum[t] = 1 / sum[t];
      }
      for (int c = 0; c < k; c++) {
        double[] r = lpb[c];
        for (int t = 0; t < len; t++) {
          r[t] *= sum[t];
        }
      }
    }
  }

  /**
   * E-step of one chunk for DIAGONAL and SPHERICAL covariances, fused with the sums of the next M-step: the
   * responsibilities never leave the block. The sums are taken about the current means {@code m} (the
   * means of the next M-step are close to them, so {@code sum r (x - mean)^2} follows from the shifted sums
   * without cancellation to speak of, see {@link #shifted}). SPHERICAL needs only the sum over the columns
   * of {@code r (x - mean)^2}, which is {@code r} times the squared distance the densities were computed
   * from, so it keeps those distances ({@link Mixture#blockLogProbSpherical}).
   *
   * <p>Every array of every inner loop is indexed by the plain row position {@code t} (the block is first
   * copied into per-column arrays): HotSpot 17's auto-vectoriser gives up on a loop that mixes an access
   * {@code a[off + t]} with an access {@code b[t]}, which made such a loop about 8 times slower.
   */
  private void fusedChunk(Mixture m, int chunk, int worker, boolean accumulate, double[] centre) {
    fusedChunk(m, chunk, worker, accumulate, centre, false);
    if (!(statPart[chunk][0] > Double.NEGATIVE_INFINITY)) {
      // as eStepChunk: a row whose log densities all overflowed, decided by overflowedRows
      fusedChunk(m, chunk, worker, accumulate, centre, true);
    }
  }

  /**
   * @param centre the point the M-step sums are taken about: the means of {@code m}, or other means for the passes
   *     of {@link #recentred} (SPHERICAL then sums its squared distances to them column by column)
   * @param careful whether to apply {@link #overflowedRows} to every block
   */
  private void fusedChunk(Mixture m, int chunk, int worker, boolean accumulate, double[] centre,
      boolean careful) {
    final int k = this.k;
    final int d = this.d;
    final int n = this.n;
    final int b = BLOCK;
    final Buffers buf = buffers(worker);
    final double[][] xb = buf.xb;
    final double[][] lpb = buf.lpb;
    final double[] mu = centre;
    final boolean spherical = type == CovarianceType.SPHERICAL;
    final boolean ownCentre = centre != m.means;
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    if (accumulate) {
      for (int c = 0; c < k; c++) {
        Arrays.fill(buf.l0[c], 0);
      }
      for (int q = 0; q < k * d; q++) {
        Arrays.fill(buf.l1[q], 0);
      }
      for (int q = 0; q < buf.l2.length; q++) {
        Arrays.fill(buf.l2[q], 0);
      }
    }
    startLogLikelihood(buf);
    for (int i0 = from; i0 < to; i0 += b) {
      int len = Math.min(b, to - i0);
      loadBlock(xb, i0, len);
      if (spherical) {
        m.blockLogProbSpherical(xb, len, lpb, buf.dist);
      } else {
        m.blockLogProb(xb, len, lpb, buf.cols, buf.z);
      }
      if (careful) {
        overflowedRows(m, buf, i0, len);
      }
      softmax(buf, len, accumulate);
      if (!accumulate) {
        continue;
      }
      for (int c = 0; c < k; c++) {
        double[] r = lpb[c];
        double[] s0 = buf.l0[c];
        if (spherical && !ownCentre) {
          double[] dc = buf.dist[c];
          double[] s2 = buf.l2[c];
          for (int t = 0; t < len; t++) {
            double rt = r[t];
            s0[t] += rt;
            s2[t] += rt * dc[t];
          }
        } else {
          for (int t = 0; t < len; t++) {
            s0[t] += r[t];
          }
        }
        int mo = c * d;
        // One column per pass: a pass over two columns (seven arrays) measured 2.4 times slower at d = 10
        // (HotSpot 17 vectorises it poorly); the arithmetic per lane is the same either way.
        for (int j = 0; j < d; j++) {
          double mj = mu[mo + j];
          double[] xj = xb[j];
          double[] s1 = buf.l1[mo + j];
          if (spherical && !ownCentre) {
            for (int t = 0; t < len; t++) {
              s1[t] += r[t] * (xj[t] - mj);
            }
          } else {
            double[] s2 = buf.l2[spherical ? c : mo + j];
            for (int t = 0; t < len; t++) {
              double v = xj[t] - mj;
              double rv = r[t] * v;
              s1[t] += rv;
              s2[t] += rv * v;
            }
          }
        }
      }
    }
    statPart[chunk][0] = endLogLikelihood(buf);
    if (accumulate) {
      double[] part = statPart[chunk];
      double[] cov = covPart[chunk];
      for (int c = 0; c < k; c++) {
        part[1 + c] = sum(buf.l0[c], 0, b);
      }
      for (int q = 0; q < k * d; q++) {
        part[1 + k + q] = sum(buf.l1[q], 0, b);
      }
      for (int q = 0; q < buf.l2.length; q++) {
        cov[q] = sum(buf.l2[q], 0, b);
      }
    }
  }

  /** Responsibility sums and weighted coordinate sums of one chunk, from {@code resp}. */
  private void statsFromResp(int chunk, int worker) {
    final int k = this.k;
    final int d = this.d;
    final int n = this.n;
    final int b = BLOCK;
    final double[] part = statPart[chunk];
    final double[] lane = buffers(worker).lane;
    final double[] resp = this.resp;
    final double[] xt = this.xt;
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    for (int c = 0; c < k; c++) {
      Arrays.fill(lane, 0, (d + 1) * b, 0);
      for (int i0 = from; i0 < to; i0 += b) {
        if (!touched[c * blocks + i0 / b]) {
          continue;
        }
        int len = Math.min(b, to - i0);
        int ro = c * n + i0;
        for (int t = 0; t < len; t++) {
          lane[t] += resp[ro + t];
        }
        for (int j = 0; j < d; j++) {
          int xo = j * n + i0;
          int lo = (j + 1) * b;
          for (int t = 0; t < len; t++) {
            lane[lo + t] += resp[ro + t] * xt[xo + t];
          }
        }
      }
      part[1 + c] = sum(lane, 0, b);
      int so = 1 + k + c * d;
      for (int j = 0; j < d; j++) {
        part[so + j] = sum(lane, (j + 1) * b, b);
      }
    }
  }

  /** Second-moment sums about {@code means} of one chunk, from {@code resp}. */
  private void covChunk(double[] means, int chunk, int worker) {
    final int k = this.k;
    final int d = this.d;
    final int n = this.n;
    final int b = BLOCK;
    final double[] acc = covPart[chunk];
    final double[] resp = this.resp;
    final double[] xt = this.xt;
    final Buffers buf = buffers(worker);
    final double[] lane = buf.lane;
    final double[][] xb = buf.xb;
    final double[][] cols = buf.cols;
    final double[][] wcols = buf.wcols;
    final double[] rb = buf.scratch;
    Arrays.fill(acc, 0);
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    boolean full = type == CovarianceType.FULL || type == CovarianceType.TIED;
    int width = full ? tri : d;
    int stride = type == CovarianceType.TIED ? 0 : width;
    final double[][] pair = buf.pair;
    for (int c = 0; c < k; c++) {
      int mo = c * d;
      if (full) {
        for (int p = 0; p < tri; p++) {
          Arrays.fill(pair[p], 0);
        }
      } else {
        Arrays.fill(lane, 0, width * b, 0);
      }
      for (int i0 = from; i0 < to; i0 += b) {
        if (!touched[c * blocks + i0 / b]) {
          continue;
        }
        int len = Math.min(b, to - i0);
        int ro = c * n + i0;
        if (full) {
          // per-column arrays indexed from 0, and one lane per lower-triangle pair: every loop runs over
          // the rows of the block (vectorised); the lanes are summed once per chunk
          loadBlock(xb, i0, len);
          System.arraycopy(resp, ro, rb, 0, len);
          for (int j = 0; j < d; j++) {
            double m = means[mo + j];
            double[] xj = xb[j];
            double[] dj = cols[j];
            double[] wj = wcols[j];
            for (int t = 0; t < len; t++) {
              double v = xj[t] - m;
              dj[t] = v;
              wj[t] = rb[t] * v;
            }
          }
          int p = 0;
          for (int a = 0; a < d; a++) {
            double[] wa = wcols[a];
            int j = 0;
            // two pairs per pass share the loads of wa (about 9% off the M-step at d = 10); each lane is
            // still updated once per row, so the same bits as one pair per pass
            for (; j + 1 <= a; j += 2) {
              double[] d1 = cols[j];
              double[] d2 = cols[j + 1];
              double[] l1 = pair[p];
              double[] l2 = pair[p + 1];
              p += 2;
              for (int t = 0; t < len; t++) {
                double w = wa[t];
                l1[t] += w * d1[t];
                l2[t] += w * d2[t];
              }
            }
            for (; j <= a; j++) {
              double[] dj = cols[j];
              double[] lp = pair[p++];
              for (int t = 0; t < len; t++) {
                lp[t] += wa[t] * dj[t];
              }
            }
          }
        } else {
          for (int j = 0; j < d; j++) {
            double m = means[mo + j];
            int xo = j * n + i0;
            int lo = j * b;
            for (int t = 0; t < len; t++) {
              double v = xt[xo + t] - m;
              lane[lo + t] += resp[ro + t] * (v * v);
            }
          }
        }
      }
      int ao = c * stride;
      if (full) {
        for (int p = 0; p < tri; p++) {
          acc[ao + p] += sum(pair[p], 0, b);
        }
      } else {
        for (int idx = 0; idx < width; idx++) {
          acc[ao + idx] += sum(lane, idx * b, b);
        }
      }
    }
  }

  /**
   * FULL and TIED second-moment sums about {@code means} for {@code d >} {@link #WIDE_FROM}, into {@link #covSum}:
   * one task per component (FULL) and slice of the lower triangle ({@link #wideSlices}), each writing its own part
   * of the sums, so no per-chunk copy of them is kept (at {@code d = 1000}, {@code k = 5} and 64 chunks those were
   * 1.3 GB).
   *
   * @return {@link #covSum}
   */
  private double[] wideSums(double[] means) {
    if (covSum == null) {
      covSum = new double[sumLength(d, k, type)];
    }
    final int s = slices.length - 1;
    int tasks = type == CovarianceType.TIED ? s : k * s;
    exec.run(tasks, (task, w) -> wideTask(means, task / s, task % s, w));
    return covSum;
  }

  /**
   * One slice of the wide scatter ({@link #wideSums}): rows {@code [a0, a1)} of the lower triangle of component
   * {@code comp} (FULL) or of the sum over the components (TIED, {@code comp} unused). Chunk by chunk, in chunk
   * order, it takes the chunk's sums for the slice in {@link Buffers#slicePart} (for TIED, component after
   * component) and adds them to {@link #covSum}, which started at 0: every sum gets the same additions in the same
   * order as when each chunk kept its own sums of the whole triangle and these were added in chunk order (the
   * design before this one, whose results these are bit for bit), whatever the slicing and the number of threads.
   */
  private void wideTask(double[] means, int comp, int slice, int worker) {
    final int a0 = slices[slice];
    final int a1 = slices[slice + 1];
    final int p0 = a0 * (a0 + 1) / 2;
    final int len = a1 * (a1 + 1) / 2 - p0;
    final boolean tied = type == CovarianceType.TIED;
    final int cFrom = tied ? 0 : comp;
    final int cTo = tied ? k : comp + 1;
    final int out = (tied ? 0 : comp * tri) + p0;
    final Buffers buf = buffers(worker);
    final double[] part = buf.slicePart;
    final double[] acc = covSum;
    Arrays.fill(acc, out, out + len, 0);
    for (int chunk = 0; chunk < chunks; chunk++) {
      int from = chunk * chunkSize;
      int to = Math.min(n, from + chunkSize);
      Arrays.fill(part, 0, len, 0);
      for (int c = cFrom; c < cTo; c++) {
        wideScatter(means, c, from, to, a0, a1, buf, part);
      }
      for (int j = 0; j < len; j++) {
        acc[out + j] += part[j];
      }
    }
  }

  /**
   * Rows {@code [a0, a1)} of the lower triangle of component {@code c}'s scatter over rows {@code [from, to)}, added
   * to {@code part} (packed from row {@code a0}). The lanes of {@link Buffers#pair} the narrow path uses would take
   * {@code d (d + 1) / 2 * }{@value #BLOCK} doubles per worker (512 MB at {@code d = 1000}). Here each pass centres
   * up to {@value #WIDE_ROWS} rows on the component's mean ({@code v_t = x_t - mean}, columns below {@code a1}),
   * then for every row {@code a} of the slice adds {@code r_t v_ta v_t[0..a]} of the pass's rows into one scratch
   * row (a loop over the columns, vectorised) and that row into {@code part}: the scratch is
   * {@code (WIDE_ROWS + 1) d} doubles. The products are those of the narrow path; only the order of the additions
   * differs (rows of a pass in order, then passes in row order), so the sums agree to rounding and do not depend
   * on the number of threads.
   */
  private void wideScatter(double[] means, int c, int from, int to, int a0, int a1, Buffers buf,
      double[] part) {
    final int d = this.d;
    final int n = this.n;
    final double[] x = this.x;
    final double[] resp = this.resp;
    final double[][] rows = buf.rows;
    final double[] row = buf.rowSum;
    final double[] rw = buf.scratch;
    final int mo = c * d;
    for (int i0 = from; i0 < to; i0 += BLOCK) {
      if (!touched[c * blocks + i0 / BLOCK]) {
        continue;
      }
      int end = Math.min(to, i0 + BLOCK);
      for (int s0 = i0; s0 < end; s0 += WIDE_ROWS) {
        int len = Math.min(WIDE_ROWS, end - s0);
        for (int t = 0; t < len; t++) {
          double[] v = rows[t];
          int xo = (s0 + t) * d;
          for (int j = 0; j < a1; j++) {
            v[j] = x[xo + j] - means[mo + j];
          }
          rw[t] = resp[c * n + s0 + t];
        }
        int p = 0;
        for (int a = a0; a < a1; a++) {
          int m = a + 1;
          Arrays.fill(row, 0, m, 0);
          for (int t = 0; t < len; t++) {
            double[] v = rows[t];
            double w = rw[t] * v[a];
            for (int j = 0; j < m; j++) {
              row[j] += w * v[j];
            }
          }
          for (int j = 0; j < m; j++) {
            part[p + j] += row[j];
          }
          p += m;
        }
      }
    }
  }

  /** Sum with four accumulators (fixed order, so deterministic; faster than one dependency chain). */
  static double sum(double[] a, int off, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int t = 0;
    for (; t + 3 < len; t += 4) {
      s0 += a[off + t];
      s1 += a[off + t + 1];
      s2 += a[off + t + 2];
      s3 += a[off + t + 3];
    }
    for (; t < len; t++) {
      s0 += a[off + t];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * M-step from the responsibility sums in {@code statPart} and the responsibilities in {@code resp}.
   *
   * @param init whether weights are {@code N_c / n} (initialisation) or {@code N_c / sum N_c}
   * @param iteration for error messages
   * @param prev for DIAGONAL and SPHERICAL after a fused E-step ({@link #fusedChunk}), the mixture whose means the sums are
   *     taken about; {@code null} when the sums are plain ones from {@code resp}
   */
  private Mixture mStep(boolean init, int iteration, Mixture prev) {
    final int k = this.k;
    final int d = this.d;
    double[] nk = new double[k];
    double[] means = new double[k * d];
    for (int p = 0; p < chunks; p++) {
      double[] part = statPart[p];
      for (int c = 0; c < k; c++) {
        nk[c] += part[1 + c];
      }
      for (int j = 0; j < k * d; j++) {
        means[j] += part[1 + k + j];
      }
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      nk[c] += NK_EPS;
      total += nk[c];
    }
    double[] weights = new double[k];
    double denom = init ? n : total;
    for (int c = 0; c < k; c++) {
      weights[c] = nk[c] / denom;
    }
    if (prev != null && fused) {
      Mixture next = shifted(nk, means, weights, prev, iteration);
      return next != null ? next : recentred(prev, nk, weights, iteration);
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c * d + j] /= nk[c];
      }
    }
    double[] sum;
    if (wide) {
      sum = wideSums(means);
    } else {
      exec.run(chunks, (p, w) -> covChunk(means, p, w));
      sum = new double[covPart[0].length];
      for (int p = 0; p < chunks; p++) {
        double[] part = covPart[p];
        for (int j = 0; j < sum.length; j++) {
          sum[j] += part[j];
        }
      }
    }
    double[] cov = new double[Mixture.covLength(type, k, d)];
    switch (type) {
      case FULL:
        for (int c = 0; c < k; c++) {
          unpack(sum, c * tri, nk[c], cov, c * d * d);
        }
        break;
      case TIED:
        unpack(sum, 0, total, cov, 0);
        break;
      case DIAGONAL:
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < d; j++) {
            cov[c * d + j] = sum[c * d + j] / nk[c] + reg;
          }
        }
        break;
      default:
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += sum[c * d + j] / nk[c] + reg;
          }
          cov[c] = s / d;
        }
        break;
    }
    return build(weights, means, cov, null, nk, null, null, iteration);
  }

  /**
   * DIAGONAL and SPHERICAL M-step from sums about the previous means {@code old}: with {@code v = x - old},
   * {@code S0 = sum r}, {@code S1 = sum r v}, {@code S2 = sum r v^2} (summed over the chunks in order, as
   * {@code nk} was), the mean is {@code (S1 + old S0) / N} (that is {@code sum r x / N}, scikit-learn's)
   * and, with {@code delta = mean - old}, {@code sum r (x - mean)^2 = S2 - 2 delta S1 + delta^2 S0}. Rounding
   * relative to the variance grows like {@code 1 + delta^2 / variance}, and EM moves a mean by a fraction
   * of a standard deviation once it has settled; the result is clamped at 0 before the regularization.
   * SPHERICAL has one {@code S2} per component, summed over the columns, and applies the same correction
   * summed over the columns; its variance is that total over {@code N d} plus the regularization
   * (scikit-learn: the mean over the columns of the diagonal variances, each with the regularization).
   *
   * <p>When a mean moved so far that the correction cancels (the magnitudes {@code S2 + 2 |delta S1| + delta^2 S0}
   * exceed {@value #CANCELLATION} times the scatter, or overflow: initial means far from the data, where the variance
   * came out as the regularization or as thousands), returns null, and {@link #recentred} takes the sums again.
   *
   * @return the mixture, or null if a scatter cancelled
   */
  private Mixture shifted(double[] nk, double[] s1, double[] weights, Mixture prev, int iteration) {
    final double[] old = prev.means;
    final int k = this.k;
    final int d = this.d;
    final boolean spherical = type == CovarianceType.SPHERICAL;
    int width = spherical ? k : k * d;
    double[] s0 = new double[k];
    double[] s2 = new double[width];
    for (int p = 0; p < chunks; p++) {
      double[] part = covPart[p];
      for (int q = 0; q < width; q++) {
        s2[q] += part[q];
      }
      for (int c = 0; c < k; c++) {
        s0[c] += statPart[p][1 + c];
      }
    }
    double[] means = new double[k * d];
    double[] cov = new double[Mixture.covLength(type, k, d)];
    for (int c = 0; c < k; c++) {
      double n0 = s0[c];
      double total = spherical ? s2[c] : 0;
      double magnitude = total;
      for (int j = 0; j < d; j++) {
        int q = c * d + j;
        double o = old[q];
        double mean = (s1[q] + o * n0) / nk[c];
        double delta = mean - o;
        means[q] = mean;
        double cross = 2 * delta * s1[q];
        double square = delta * delta * n0;
        if (spherical) {
          total += square - cross;
          magnitude += square + Math.abs(cross);
        } else {
          double scatter = s2[q] - cross + square;
          if (cancelled(s2[q] + Math.abs(cross) + square, scatter)) {
            return null;
          }
          cov[q] = Math.max(scatter, 0) / nk[c] + reg;
        }
      }
      if (spherical) {
        if (cancelled(magnitude, total)) {
          return null;
        }
        cov[c] = Math.max(total, 0) / (nk[c] * d) + reg;
      }
    }
    return build(weights, means, cov, old, nk, prev, null, iteration);
  }

  /** How many times the scatter its terms may exceed before {@link #shifted} gives up (20 bits lost). */
  private static final double CANCELLATION = 0x1p20;

  /** Whether a scatter computed from terms of total {@code magnitude} lost more than 20 bits, or overflowed. */
  private static boolean cancelled(double magnitude, double scatter) {
    if (magnitude == 0) {
      return false;
    }
    return !(magnitude < Double.POSITIVE_INFINITY) || !(magnitude <= CANCELLATION * scatter);
  }

  /**
   * DIAGONAL and SPHERICAL M-step when {@link #shifted} cancelled: two more passes of the fused E-step over the
   * same mixture (the same responsibilities, bit for bit), the first summing {@code r x} about 0 for the means
   * {@code sum r x / N} (scikit-learn's formula), the second summing {@code r (x - mean)^2} about those means.
   */
  private Mixture recentred(Mixture prev, double[] nk, double[] weights, int iteration) {
    final int k = this.k;
    final int d = this.d;
    final boolean spherical = type == CovarianceType.SPHERICAL;
    double[] origin = new double[k * d];
    exec.run(chunks, (p, w) -> fusedChunk(prev, p, w, true, origin));
    double[] means = new double[k * d];
    for (int p = 0; p < chunks; p++) {
      double[] part = statPart[p];
      for (int q = 0; q < k * d; q++) {
        means[q] += part[1 + k + q];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c * d + j] /= nk[c];
      }
    }
    exec.run(chunks, (p, w) -> fusedChunk(prev, p, w, true, means));
    int width = spherical ? k : k * d;
    double[] s2 = new double[width];
    for (int p = 0; p < chunks; p++) {
      double[] part = covPart[p];
      for (int q = 0; q < width; q++) {
        s2[q] += part[q];
      }
    }
    double[] cov = new double[Mixture.covLength(type, k, d)];
    for (int c = 0; c < k; c++) {
      if (spherical) {
        cov[c] = s2[c] / (nk[c] * d) + reg;
      } else {
        for (int j = 0; j < d; j++) {
          cov[c * d + j] = s2[c * d + j] / nk[c] + reg;
        }
      }
    }
    return build(weights, means, cov, null, nk, prev, null, iteration);
  }

  /**
   * The mixture of an M-step, refusing covariances within their rounding error ({@link #floors}). The floors from the
   * columns' largest magnitudes are cheap but loose for a component far from the data's largest rows (a component
   * near 0 while other rows lie near {@code 1e140}); a covariance they refuse is checked again against the floors
   * from the component's own rows ({@link #magnitudes}, one more pass over the data) before the fit fails.
   *
   * @param old the previous means the sums were taken about ({@link #shifted}), or null
   * @param prev the mixture of the E-step whose responsibilities were not stored (DIAGONAL and SPHERICAL after a
   *     fused E-step), or null when they are in {@link #resp} or given by {@code rows}
   * @param rows the k-means++ rows, one per component with responsibility 1 ({@link #initialMixtureFromRows}), or
   *     null
   */
  private Mixture build(double[] weights, double[] means, double[] cov, double[] old, double[] nk, Mixture prev,
      int[] rows, int iteration) {
    if (reg > 0) {
      // A regularization on the diagonal makes every covariance positive definite by construction (unless it is lost
      // in rounding, which Mixture.of's own checks catch): the floors, worst-case bounds that grow with n and with the
      // data's offset, would refuse sound fits of large raw data (a component of rows sharing one timestamp near
      // 1.7e9 is reg ± much less than the floor), so they guard regularization 0 alone, the documented case.
      try {
        return Mixture.of(type, k, d, weights, means, cov, null);
      } catch (Mixture.NotPositiveDefinite e) {
        throw collapse(e.component, iteration, nk);
      }
    }
    try {
      return Mixture.of(type, k, d, weights, means, cov, floors(means, old, null));
    } catch (Mixture.NotPositiveDefinite e) {
      try {
        return Mixture.of(type, k, d, weights, means, cov, floors(means, old, magnitudes(nk, prev, rows)));
      } catch (Mixture.NotPositiveDefinite again) {
        throw collapse(again.component, iteration, nk);
      }
    }
  }

  /**
   * Per component and column, {@code sum_i r_ic |x_ij| / N_c}: the weighted mean magnitude that the rounding error of
   * the component's mean is relative to. The responsibilities are those of {@link #resp}, of {@code rows}, or (fused
   * types) those of {@code prev} again row by row (within an ulp or so of the E-step's, as {@link Exp} is of
   * {@link Math#exp}; a row whose log densities all overflow as the E-step ranks it, or with responsibility 1 in every
   * component if even that fails, an upper bound).
   */
  private double[] magnitudes(double[] nk, Mixture prev, int[] rows) {
    final int k = this.k;
    final int d = this.d;
    double[] a = new double[k * d];
    if (rows != null) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          a[c * d + j] = Math.abs(x[rows[c] * d + j]);
        }
      }
    } else if (prev == null) {
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < n; i++) {
          double r = resp[c * n + i];
          if (r != 0) {
            for (int j = 0; j < d; j++) {
              a[c * d + j] += r * Math.abs(x[i * d + j]);
            }
          }
        }
      }
    } else {
      double[] lp = new double[k];
      double[] scratch = new double[d];
      for (int i = 0; i < n; i++) {
        int off = i * d;
        prev.weightedLogProb(x, off, lp, scratch);
        for (int c = 0; c < k; c++) {
          if (lp[c] != lp[c]) {
            lp[c] = Double.NEGATIVE_INFINITY;
          }
        }
        if (Mixture.allOverflowed(lp, k)) {
          try {
            prev.farPoint(x, off, lp);
          } catch (RuntimeException e) {
            Arrays.fill(lp, Double.NEGATIVE_INFINITY);
          }
        }
        if (Mixture.allOverflowed(lp, k)) {
          Arrays.fill(lp, 1);
        } else {
          Mixture.normalize(lp, k);
        }
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < d; j++) {
            a[c * d + j] += lp[c] * Math.abs(x[off + j]);
          }
        }
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        a[c * d + j] /= nk[c];
      }
    }
    return a;
  }

  private static double[] columnMaxima(double[] x, int n, int d) {
    double[] m = new double[d];
    for (int i = 0, o = 0; i < n; i++) {
      for (int j = 0; j < d; j++, o++) {
        m[j] = Math.max(m[j], Math.abs(x[o]));
      }
    }
    return m;
  }

  /** The unit roundoff {@code u = 2^-53}. */
  private static final double U = 0x1p-53;

  /**
   * The variances that count as 0 (not positive definite) for {@link Mixture#of(CovarianceType, int, int, double[],
   * double[], double[], double[])}: a variance or Cholesky pivot at most its floor is within the rounding error of its
   * own computation, so that a covariance singular in exact arithmetic (a constant column, a component on one point)
   * is refused with regularization 0 instead of being fitted with a variance of rounding noise (a constant column of
   * 1s came out {@code 1.2e-32}, and log densities of {@code -4e25} a thousandth off it; a user trial).
   *
   * <p>The bound. For component {@code c} and column {@code j} let {@code M} be the largest of {@code |x_ij|} over
   * the rows (or, tighter, {@code sum_i r_ic |x_ij| / N_c}, {@link #magnitudes}), {@code |mean_cj|} and (DIAGONAL and
   * SPHERICAL from {@link #shifted}) the previous mean {@code |old_cj|}.
   * The computed mean {@code m'} is {@code sum_i r_i x_ij / N_c} with the sums of {@code n} terms taken in any order,
   * or {@code (S1 + old S0) / N_c} with {@code S1 = sum_i r_i (x_ij - old)}: each within
   * {@code delta = (4n + 16) u M} of the value of exact arithmetic (sums of {@code n} products: {@code gamma_(n+1)}
   * times {@code sum_i r_i |x_ij|}, or {@code sum_i r_i |x_ij - old|}, at most {@code 2 M N}; the responsibility sum,
   * the product {@code old S0} and the division a few more {@code u}; scikit-learn's {@code 10 eps} added to
   * {@code N_c} is part of the formula, not an error). About a mean off by {@code delta} the scatter is the exact one
   * plus {@code N delta^2}, and summing non-negative terms {@code r (x - m')^2} adds a relative error
   * {@code gamma_(n+3)} ({@link #shifted}'s correction at most {@code 2^20 gamma} more, or it recentres). So where
   * the column's exact variance is 0 the computed one is at most {@code delta^2 (1 + 1e-9)}, and the floor is
   * {@code 2 delta^2}. TIED: the largest over the components (its scatter is a weighted mean of theirs); SPHERICAL:
   * the mean over the columns (one variance for all of them, 0 only if every column's is). A Cholesky pivot is at
   * most its diagonal entry, so a constant column fails there; the floor applies to the pivot, where the column is
   * constant given the columns before it as well.
   *
   * <p>For ordinary data the floor is about {@code 1e-26 M^2} at {@code n = 1000}: far below any variance the
   * regularization {@code 1e-6} leaves, so it changes no fit that succeeded with a variance above rounding noise.
   *
   * @param means the new means, {@code k * d}
   * @param old the previous means the sums were taken about ({@link #shifted}), or null
   * @param magnitudes {@link #magnitudes}, or null for the columns' largest magnitudes
   * @return the floors in the layout {@link Mixture#of(CovarianceType, int, int, double[], double[], double[],
   *     double[])} takes
   */
  private double[] floors(double[] means, double[] old, double[] magnitudes) {
    final int k = this.k;
    final int d = this.d;
    double scale = (4.0 * n + 16) * U;
    double[] perCell = new double[k * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        int q = c * d + j;
        double m = Math.max(magnitudes == null ? colMax[j] : magnitudes[q], Math.abs(means[q]));
        if (old != null) {
          m = Math.max(m, Math.abs(old[q]));
        }
        double delta = scale * m;
        perCell[q] = 2 * delta * delta;
      }
    }
    switch (type) {
      case TIED: {
        double[] f = new double[d];
        for (int q = 0; q < k * d; q++) {
          f[q % d] = Math.max(f[q % d], perCell[q]);
        }
        return f;
      }
      case SPHERICAL: {
        double[] f = new double[k];
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += perCell[c * d + j];
          }
          f[c] = s / d;
        }
        return f;
      }
      default:
        return perCell;
    }
  }

  private void unpack(double[] packed, int pOff, double divisor, double[] out, int oOff) {
    int idx = pOff;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double v = packed[idx++] / divisor;
        if (a == b) {
          v += reg;
        }
        out[oOff + a * d + b] = v;
        out[oOff + b * d + a] = v;
      }
    }
  }

  private IllegalStateException collapse(int component, int iteration, double[] nk) {
    String when = iteration == 0 ? "at initialisation" : "after EM iteration " + iteration;
    String what = component < 0
        ? "the shared (tied) covariance matrix"
        : "the covariance matrix of component " + component + " (of " + k + ", responsibility sum "
            + (float) nk[component] + ")";
    return new IllegalStateException("Gaussian mixture fit failed " + when + ": " + what
        + " is not positive definite (" + type + " covariance, d = " + d + "): its points have collapsed onto "
        + "a point or a lower-dimensional subspace"
        + (reg > 0 ? "" : ", or spread less than the rounding error of values as large as theirs (with"
            + " regularization 0 a variance below about (4 n 2^-53 max|x|)^2 counts as 0: centre the columns first)")
        + ". Increase regularization (currently " + reg
        + "), use fewer components (currently " + k + "), or remove duplicate or constant columns.");
  }
}
