package io.github.clusterkit.kmeans.internal;

import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;

/**
 * The state of a mini-batch K-Means run (Sculley 2010, doi:10.1145/1772690.1772862) and its step, as scikit-learn
 * 1.2.1's {@code _mini_batch_step}: the centroids and the weight each has absorbed so far (its count), the rows seen
 * since the last low-count reassignment. A step labels the batch rows with their nearest centroids (lowest index on
 * ties), moves every centroid that received weight to the weighted mean of its old position, counted with its old
 * weight, and its new rows, then (when due) moves the centroids whose count is below {@code ratio} times the largest
 * to random rows of the batch.
 *
 * <p>Arithmetic mirrors scikit-learn's {@code _minibatch_update_dense}: a centroid's new coordinates are
 * {@code (old * count + sum of x * w in row order) * (1 / (count + wsum))}, except that a new count below
 * {@code 2^-1024} (tiny positive weights), whose reciprocal overflows, divides instead (scikit-learn's centroid
 * becomes infinite or NaN there). The labelling may run on several threads
 * in fixed chunks of rows; every row's label and distance depend on that row alone and the sums are made afterwards
 * on the calling thread in row order, so the result does not depend on the thread count.
 *
 * <p>Not thread-safe: one step at a time.
 */
public final class MiniBatch {

  /** Rows per chunk of a batch's labelling. */
  static final int CHUNK_ROWS = 256;

  /**
   * Least {@code b k d} (multiply-adds of a batch's labelling) for which the batch is labelled on several threads:
   * below it a step takes some tens of microseconds, the order of handing chunks to another thread and back, so the
   * calling thread labels it alone. Not measured yet (a guess: 2^18, about 100 microseconds of work); it changes the
   * speed only, never the result.
   */
  static final long PARALLEL_MIN_WORK = 1L << 18;

  private final int k;
  private final int d;
  private final double ratio;
  /** Centroids, row-major {@code k * d}. */
  private final double[] centers;
  /** Weight absorbed by every centroid so far (scikit-learn's {@code _counts}). */
  private final double[] counts;
  private long sinceReassign;
  private long steps;

  private double[] acc;
  private double[] wsum;
  private int[] labels = new int[0];
  private double[] dist = new double[0];
  private double[] gathered = new double[0];
  private double[] gatheredW = new double[0];
  private int[] perm = new int[0];
  private NearestCentroid.Labeler[] labelers = new NearestCentroid.Labeler[0];

  /**
   * @param centers initial centroids, row-major {@code k * d} (copied)
   * @param k clusters
   * @param d dimension
   * @param ratio the reassignment ratio, in {@code [0, 1]}
   */
  public MiniBatch(double[] centers, int k, int d, double ratio) {
    this.k = k;
    this.d = d;
    this.ratio = ratio;
    this.centers = centers.clone();
    this.counts = new double[k];
    this.acc = new double[k * d];
    this.wsum = new double[k];
  }

  /** @return the centroids, row-major (the live array: callers copy) */
  public double[] centers() {
    return centers;
  }

  /** @return the counts (the live array: callers copy) */
  public double[] counts() {
    return counts;
  }

  /** @return the number of steps made */
  public long steps() {
    return steps;
  }

  /**
   * Whether the next step reassigns low-count centroids (scikit-learn's {@code _random_reassign}): when a centroid has
   * absorbed no weight yet, or once {@code 10 k} rows have been seen since the last reassignment; counts the step's
   * rows first, and restarts the count when it answers yes.
   *
   * @param rows the rows of the next batch
   * @return whether the next step reassigns
   */
  public boolean reassignDue(int rows) {
    sinceReassign += rows;
    boolean empty = false;
    for (int j = 0; j < k; j++) {
      empty |= counts[j] == 0;
    }
    if (empty || sinceReassign >= 10L * k) {
      sinceReassign = 0;
      return true;
    }
    return false;
  }

  /**
   * A step on the rows {@code idx[0..b)} of {@code x}, gathered first (scikit-learn's {@code X[minibatch_indices]}).
   *
   * @param x row-major points
   * @param w weights of the rows of {@code x}, or {@code null}
   * @param idx row indices, repeats allowed
   * @param b batch size
   * @param reassign whether to reassign low-count centroids ({@link #reassignDue})
   * @param rng the stream of the reassignment's draws
   * @param runner threads for the labelling, or {@code null}
   * @return the batch inertia before the update
   */
  public double stepRows(double[] x, double[] w, int[] idx, int b, boolean reassign, Rng rng, ChunkRunner runner) {
    if (gathered.length < b * d) {
      gathered = new double[b * d];
      gatheredW = new double[b];
    }
    for (int i = 0; i < b; i++) {
      System.arraycopy(x, idx[i] * d, gathered, i * d, d);
    }
    double[] wb = null;
    if (w != null) {
      wb = gatheredW;
      for (int i = 0; i < b; i++) {
        wb[i] = w[idx[i]];
      }
    }
    return step(gathered, wb, b, reassign, rng, runner);
  }

  /**
   * A step on the batch {@code xb[0 .. b d)}.
   *
   * @param xb the batch rows, row-major (read only)
   * @param wb their weights, or {@code null} for unit weights
   * @param b rows
   * @param reassign whether to reassign low-count centroids ({@link #reassignDue})
   * @param rng the stream of the reassignment's draws
   * @param runner threads for the labelling, or {@code null}
   * @return the batch inertia before the update: the weighted sum of the rows' squared distances to their nearest
   *     centroid, summed in row order
   */
  public double step(double[] xb, double[] wb, int b, boolean reassign, Rng rng, ChunkRunner runner) {
    if (labels.length < b) {
      labels = new int[b];
      dist = new double[b];
    }
    label(xb, b, centers, k, d, labels, dist, runner);
    double inertia = 0;
    for (int i = 0; i < b; i++) {
      inertia += wb == null ? dist[i] : wb[i] * dist[i];
    }
    update(xb, wb, b);
    if (reassign && ratio > 0) {
      reassign(xb, b, rng);
    }
    steps++;
    return inertia;
  }

  private void update(double[] xb, double[] wb, int b) {
    for (int j = 0; j < k; j++) {
      double cj = counts[j];
      int o = j * d;
      if (cj == 0) {
        // Weight 0 so far: the old position does not count (an infinite one, explicit initial centroids overflowed
        // by a fit's scaling, would make infinity * 0 = NaN).
        Arrays.fill(acc, o, o + d, 0.0);
        continue;
      }
      for (int t = 0; t < d; t++) {
        acc[o + t] = centers[o + t] * cj;
      }
    }
    Arrays.fill(wsum, 0);
    for (int i = 0; i < b; i++) {
      int j = labels[i];
      double wi = wb == null ? 1.0 : wb[i];
      wsum[j] += wi;
      int o = j * d;
      int xo = i * d;
      for (int t = 0; t < d; t++) {
        acc[o + t] += xb[xo + t] * wi;
      }
    }
    for (int j = 0; j < k; j++) {
      if (wsum[j] > 0) {
        counts[j] += wsum[j];
        double alpha = 1 / counts[j];
        int o = j * d;
        if (alpha <= Double.MAX_VALUE) {
          for (int t = 0; t < d; t++) {
            centers[o + t] = acc[o + t] * alpha;
          }
        } else {
          // A count below 2^-1024 (tiny positive weights): its reciprocal overflows, so divide instead.
          double cj = counts[j];
          for (int t = 0; t < d; t++) {
            centers[o + t] = acc[o + t] / cj;
          }
        }
      }
    }
  }

  /**
   * scikit-learn's low-count reassignment: the centroids whose count is below {@code ratio} times the largest (at most
   * {@code floor(b / 2)} of them, the lowest counts, ties to the lower index) move to distinct batch rows drawn
   * uniformly without replacement (assigned in centroid order), and their counts become the smallest count of the
   * others.
   */
  private void reassign(double[] xb, int b, Rng rng) {
    double max = 0;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, counts[j]);
    }
    double limit = ratio * max;
    boolean[] to = new boolean[k];
    int m = 0;
    for (int j = 0; j < k; j++) {
      if (counts[j] < limit) {
        to[j] = true;
        m++;
      }
    }
    if (m == 0) {
      return;
    }
    int half = (int) (0.5 * b);
    if (m > 0.5 * b) {
      // Only the `half` lowest counts move (ties to the lower index): those below the half-th smallest count, then
      // those equal to it in index order. (All of them are below the limit, as more than `half` centroids are.)
      for (int j = 0; j < k; j++) {
        to[j] = false;
      }
      if (half > 0) {
        double[] sorted = counts.clone();
        Arrays.sort(sorted);
        double cut = sorted[half - 1];
        int ties = half;
        for (int j = 0; j < k; j++) {
          ties -= counts[j] < cut ? 1 : 0;
        }
        for (int j = 0; j < k; j++) {
          if (counts[j] < cut) {
            to[j] = true;
          } else if (counts[j] == cut && ties > 0) {
            to[j] = true;
            ties--;
          }
        }
      }
      m = half;
    }
    if (m > 0) {
      if (perm.length < b) {
        perm = new int[b];
      }
      for (int i = 0; i < b; i++) {
        perm[i] = i;
      }
      // The first m entries of a partial Fisher-Yates shuffle: m distinct rows, uniformly.
      for (int r = 0; r < m; r++) {
        int s = r + rng.nextInt(b - r);
        int t = perm[r];
        perm[r] = perm[s];
        perm[s] = t;
      }
      int r = 0;
      for (int j = 0; j < k; j++) {
        if (to[j]) {
          System.arraycopy(xb, perm[r++] * d, centers, j * d, d);
        }
      }
    }
    double minKept = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (!to[j]) {
        minKept = Math.min(minKept, counts[j]);
      }
    }
    for (int j = 0; j < k; j++) {
      if (to[j]) {
        counts[j] = minKept;
      }
    }
  }

  private void label(double[] x, int n, double[] c, int k, int d, int[] out, double[] dd, ChunkRunner runner) {
    int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    int workers = runner == null ? 1 : runner.parallelism();
    if (labelers.length < workers) {
      labelers = Arrays.copyOf(labelers, workers);
    }
    if (runner == null || chunks <= 1 || (long) n * k * d < PARALLEL_MIN_WORK) {
      if (labelers[0] == null) {
        labelers[0] = new NearestCentroid.Labeler(d);
      }
      labelers[0].label(x, 0, n, c, k, out, dd);
      return;
    }
    for (int s = 0; s < workers; s++) {
      if (labelers[s] == null) {
        labelers[s] = new NearestCentroid.Labeler(d);
      }
    }
    runner.run(chunks, (ch, worker) -> {
      int from = ch * CHUNK_ROWS;
      labelers[worker].label(x, from, Math.min(n, from + CHUNK_ROWS), c, k, out, dd);
    });
  }

  /**
   * The nearest centroid of every row and the weighted sum of the squared distances to it: the final labelling of a
   * fit (scikit-learn's {@code _labels_inertia}). The rows go in the fixed chunks of {@link Chunks}, each summing its
   * rows' terms in row order, the chunk sums added in chunk order: the same value on any thread count.
   *
   * @param x row-major points
   * @param n rows
   * @param d dimension
   * @param w weights or {@code null}
   * @param c centroids, row-major
   * @param k centroids
   * @param out receives the labels
   * @param threads threads
   * @return the inertia
   */
  public static double labelAll(double[] x, int n, int d, double[] w, double[] c, int k, int[] out, int threads) {
    try (Chunks chunks = new Chunks(n, threads)) {
      int nc = chunks.count();
      double[] part = new double[nc];
      int width = chunks.width(1);
      NearestCentroid.Labeler[] scratch = new NearestCentroid.Labeler[width];
      double[][] dists = new double[width][];
      double[] total = new double[1];
      chunks.run(width, (ch, from, to, slot) -> {
        if (scratch[slot] == null) {
          scratch[slot] = new NearestCentroid.Labeler(d);
        }
        int len = to - from;
        if (dists[slot] == null || dists[slot].length < len) {
          dists[slot] = new double[len];
        }
        double[] dd = dists[slot];
        scratch[slot].labelInto(x, from, to, c, k, out, from, dd);
        double s = 0;
        for (int i = 0; i < len; i++) {
          s += w == null ? dd[i] : w[from + i] * dd[i];
        }
        part[ch] = s;
      }, (ch, slot) -> total[0] += part[ch]);
      return total[0];
    }
  }
}
