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

    Run(double[] centers, int[] labels, double inertia, int iterations, boolean converged) {
      this.centers = centers;
      this.labels = labels;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
    }
  }

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final double[] w;
  private final Assigner assigner;
  private final Chunks chunks;
  private final int width;
  private final double[][] slotSum;
  private final double[][] slotW;
  private final int[] slotChanges;
  private final double[] chunkValue;
  private double[] farDist;

  // Reduction targets (written by reducers on the calling thread only).
  private double[] sum;
  private double[] wsum;
  private int changes;

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
    this.chunks = new Chunks(n, threads);
    this.width = chunks.width((long) k * (d + 1));
    this.slotSum = new double[width][k * d];
    this.slotW = new double[width][k];
    this.slotChanges = new int[width];
    this.chunkValue = new double[chunks.count()];
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
    double[] centers = init.clone();
    double[] next = new double[k * d];
    double[] shifts = new double[k];
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    sum = new double[k * d];
    wsum = new double[k];
    double gUp = 1 + Dist.gamma(d);
    assigner.reset();
    boolean strict = false;
    boolean converged = false;
    boolean first = true;
    int it = 0;
    while (it < maxIterations) {
      assigner.prepare(centers, first ? null : shifts);
      first = false;
      assignPass(labels, true);
      boolean relocated = relocateEmpty(centers, labels);
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
    }
    if (!strict) {
      assigner.prepare(centers, shifts);
      assignPass(labels, false);
    }
    double inertia = inertia(centers, labels);
    return new Run(centers, labels, inertia, it, converged);
  }

  private void assignPass(int[] labels, boolean accumulate) {
    Arrays.fill(sum, 0);
    Arrays.fill(wsum, 0);
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
            for (int j = 0; j < ss.length; j++) {
              sum[j] += ss[j];
            }
            for (int j = 0; j < k; j++) {
              wsum[j] += sw[j];
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
      moved = true;
    }
    return moved;
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

  // ---------------------------------------------------------------------------------------------------------
  // Seeding

  /**
   * Greedy k-means++ (Arthur and Vassilvitskii 2007, doi:10.5555/1283383.1283494; greedy variant with
   * {@code 2 + floor(ln k)} candidates per step as in scikit-learn's {@code _kmeans_plusplus}): the first
   * centroid is a row drawn with probability proportional to its weight; each further one is the best, by
   * resulting weighted potential, of several rows drawn with probability proportional to weight times squared
   * distance to the nearest centroid so far. Rows with zero weight or zero distance are never drawn.
   *
   * @param rng random stream
   * @return initial centroids, row-major
   */
  public double[] plusPlus(Rng rng) {
    int trials = 2 + (int) Math.log(k);
    double[] centers = new double[k * d];
    double[] d2 = new double[n];
    int nc = chunks.count();
    double[] chunkPot = new double[nc];
    double[] candPot = new double[nc * trials];
    int firstRow = w == null ? rng.nextInt(n) : drawByWeight(rng);
    System.arraycopy(x, firstRow * d, centers, 0, d);
    chunks.run(
        nc,
        (c, from, to, slot) -> {
          double s = 0;
          for (int i = from; i < to; i++) {
            double v = Dist.sq(x, i * d, centers, 0, d);
            d2[i] = v;
            s += w == null ? v : w[i] * v;
          }
          chunkPot[c] = s;
        },
        null);
    double pot = 0;
    for (int c = 0; c < nc; c++) {
      pot += chunkPot[c];
    }
    int[] cand = new int[trials];
    for (int m = 1; m < k; m++) {
      if (!(pot > 0)) {
        // Only reachable when distances underflow; the caller has checked k <= distinct rows.
        int r = anyNewRow(centers, m);
        System.arraycopy(x, r * d, centers, m * d, d);
        continue;
      }
      for (int t = 0; t < trials; t++) {
        cand[t] = search(rng.nextDouble() * pot, d2, chunkPot);
      }
      chunks.run(
          nc,
          (c, from, to, slot) -> {
            // One candidate at a time with a local accumulator (the chunk stays in cache): the same sums in the
            // same row order as an interleaved loop, without a dependency through memory.
            for (int t = 0; t < trials; t++) {
              int co = cand[t] * d;
              double s = 0;
              if (d == 2) {
                double c0 = x[co];
                double c1 = x[co + 1];
                for (int i = from; i < to; i++) {
                  double u0 = x[2 * i] - c0;
                  double u1 = x[2 * i + 1] - c1;
                  double v = u0 * u0 + u1 * u1;
                  double cur = d2[i];
                  double mv = v < cur ? v : cur;
                  s += w == null ? mv : w[i] * mv;
                }
              } else {
                for (int i = from; i < to; i++) {
                  double v = Dist.sq(x, i * d, x, co, d);
                  double cur = d2[i];
                  double mv = v < cur ? v : cur;
                  s += w == null ? mv : w[i] * mv;
                }
              }
              candPot[c * trials + t] = s;
            }
          },
          null);
      int best = 0;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double tot = 0;
        for (int c = 0; c < nc; c++) {
          tot += candPot[c * trials + t];
        }
        if (tot < bestPot) {
          bestPot = tot;
          best = t;
        }
      }
      int row = cand[best];
      int bt = best;
      pot = 0;
      for (int c = 0; c < nc; c++) {
        chunkPot[c] = candPot[c * trials + bt];
        pot += chunkPot[c];
      }
      chunks.run(
          nc,
          (c, from, to, slot) -> {
            int ro = row * d;
            for (int i = from; i < to; i++) {
              double v = Dist.sq(x, i * d, x, ro, d);
              double cur = d2[i];
              d2[i] = v < cur ? v : cur;
            }
          },
          null);
      System.arraycopy(x, row * d, centers, m * d, d);
    }
    return centers;
  }

  /**
   * The first row whose running weighted potential exceeds {@code r}; the running sums repeat the chunk sums'
   * arithmetic exactly, so the chunk found always contains such a row.
   */
  private int search(double r, double[] d2, double[] chunkPot) {
    double acc = 0;
    for (int c = 0; c < chunkPot.length; c++) {
      if (acc + chunkPot[c] > r) {
        double part = 0;
        int to = chunks.to(c);
        for (int i = chunks.from(c); i < to; i++) {
          part += w == null ? d2[i] : w[i] * d2[i];
          if (acc + part > r) {
            return i;
          }
        }
      }
      acc += chunkPot[c];
    }
    for (int i = n - 1; i >= 0; i--) {
      if ((w == null ? d2[i] : w[i] * d2[i]) > 0) {
        return i;
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

  @Override
  public void close() {
    chunks.close();
  }
}
