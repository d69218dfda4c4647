package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of {@link MiniBatchKMeans} on seeded random data (Gaussian rows, so {@code k} distinct rows exist): the
 * thread count changes nothing; the labels are the nearest centroids and the inertia their weighted squared
 * distances; the counts add up to the weight fed; the updater fed the fit's own batches gives the fit's result.
 */
class MiniBatchKMeansPropertiesTest {

  private static final int[] DIMS = {1, 2, 3, 5, 9, 17};

  private static double[][] gaussian(Rng rng, int n, int d) {
    double[][] x = new double[n][d];
    int groups = 1 + rng.nextInt(5);
    double[][] means = new double[groups][d];
    for (double[] m : means) {
      for (int t = 0; t < d; t++) {
        m[t] = rng.nextGaussian() * 5;
      }
    }
    for (double[] row : x) {
      double[] m = means[rng.nextInt(groups)];
      for (int t = 0; t < d; t++) {
        row[t] = m[t] + rng.nextGaussian();
      }
    }
    return x;
  }

  /** Weights in [0, 3), a quarter of them 0, the first {@code positive} rows positive (so k rows can carry weight). */
  private static double[] weights(Rng rng, int n, int positive) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = i < positive ? 0.5 + rng.nextDouble() : rng.nextInt(4) == 0 ? 0.0 : rng.nextDouble() * 3;
    }
    return w;
  }

  private static MiniBatchKMeans config(Rng rng, int k, long seed) {
    KMeansInit[] inits = KMeansInit.values();
    return MiniBatchKMeans.k(k).seed(seed).batchSize(1 + rng.nextInt(700)).maxIterations(1 + rng.nextInt(4))
        .restarts(1 + rng.nextInt(3)).init(inits[rng.nextInt(inits.length)])
        .reassignmentRatio(rng.nextInt(3) == 0 ? 0 : rng.nextDouble() * 0.3).maxNoImprovement(rng.nextInt(12))
        .tolerance(rng.nextInt(3) == 0 ? 1e-3 : 0);
  }

  @Property(tries = 40)
  void threadCountChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 0, max = 5) int dimIndex, @ForAll boolean weighted) {
    Rng rng = new Rng(seed);
    int d = DIMS[dimIndex];
    int k = 1 + rng.nextInt(Math.min(8, n));
    Dataset data = Dataset.of(gaussian(rng, n, d));
    double[] w = weighted ? weights(rng, n, k) : null;
    MiniBatchKMeans cfg = config(rng, k, seed);
    KMeansModel one = w == null ? cfg.fit(data) : cfg.fit(data, w);
    for (int threads = 2; threads <= 4; threads++) {
      MiniBatchKMeans c = cfg.parallelism(threads);
      KMeansModel m = w == null ? c.fit(data) : c.fit(data, w);
      String what = cfg + " on " + n + " x " + d + ", " + threads + " threads";
      assertArrayEquals(one.centroids(), m.centroids(), what);
      assertArrayEquals(one.labels(), m.labels(), what);
      assertEquals(Double.doubleToLongBits(one.inertia()), Double.doubleToLongBits(m.inertia()), what);
      assertEquals(one.iterations(), m.iterations(), what);
      assertEquals(one.converged(), m.converged(), what);
    }
  }

  /**
   * Batches large enough ({@code b k d >= 2^18}, MiniBatch.PARALLEL_MIN_WORK) to be labelled on several threads, in
   * chunks of 256 rows: still the one-thread result.
   */
  @Property(tries = 6)
  void threadCountChangesNothingOnLargeBatches(@ForAll long seed, @ForAll boolean weighted) {
    Rng rng = new Rng(seed);
    int n = 2000 + rng.nextInt(2000);
    int d = 17 + rng.nextInt(24);
    int k = 16 + rng.nextInt(9);
    int b = 1000 + rng.nextInt(600);
    assertTrue((long) b * k * d >= 1L << 18);
    Dataset data = Dataset.of(gaussian(rng, n, d));
    double[] w = weighted ? weights(rng, n, k) : null;
    MiniBatchKMeans cfg = MiniBatchKMeans.k(k).seed(seed).batchSize(b).maxIterations(2).reassignmentRatio(0.2);
    KMeansModel one = w == null ? cfg.fit(data) : cfg.fit(data, w);
    for (int threads = 2; threads <= 4; threads++) {
      MiniBatchKMeans c = cfg.parallelism(threads);
      KMeansModel m = w == null ? c.fit(data) : c.fit(data, w);
      assertArrayEquals(one.centroids(), m.centroids(), threads + " threads");
      assertArrayEquals(one.labels(), m.labels(), threads + " threads");
      assertEquals(Double.doubleToLongBits(one.inertia()), Double.doubleToLongBits(m.inertia()), threads + " threads");
    }
  }

  @Property(tries = 40)
  void labelsAreNearestCentroidsAndInertiaTheirDistances(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 2000) int n, @ForAll @IntRange(min = 0, max = 5) int dimIndex,
      @ForAll boolean weighted) {
    Rng rng = new Rng(seed);
    int d = DIMS[dimIndex];
    int k = 1 + rng.nextInt(Math.min(10, n));
    double[][] x = gaussian(rng, n, d);
    double[] w = weighted ? weights(rng, n, k) : null;
    MiniBatchKMeans cfg = config(rng, k, seed);
    KMeansModel m = w == null ? cfg.fit(Dataset.of(x)) : cfg.fit(Dataset.of(x), w);
    int[] labels = m.labels();
    double[][] c = m.centroids();
    // Brute-force oracle: every row's squared distance to every centroid.
    double expected = 0;
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double v = x[i][t] - c[j][t];
          s += v * v;
        }
        if (s < best) {
          best = s;
          arg = j;
        }
      }
      double own = 0;
      for (int t = 0; t < d; t++) {
        double v = x[i][t] - c[labels[i]][t];
        own += v * v;
      }
      // The label is a nearest centroid (the oracle's summation order may differ in the last bits: 1e-12 relative).
      assertTrue(own <= best * (1 + 1e-12), "row " + i + ": label " + labels[i] + " at " + own + ", centroid " + arg
          + " at " + best);
      expected += w == null ? best : w[i] * best;
    }
    assertEquals(expected, m.inertia(), 1e-9 * Math.max(expected, 1e-300), "inertia");
    assertArrayEquals(labels, m.predict(Dataset.of(x)), "predict of the fitted rows gives their labels");
  }

  @Property(tries = 40)
  void countsAddUpToTheWeightFed(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int batches,
      @ForAll boolean weighted, @ForAll boolean reassign) {
    Rng rng = new Rng(seed);
    int d = DIMS[rng.nextInt(DIMS.length)];
    int k = 1 + rng.nextInt(6);
    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(k).seed(seed).reassignmentRatio(reassign ? 0.5 : 0).updater();
    double total = 0;
    for (int b = 0; b < batches; b++) {
      int n = (b == 0 ? k : 1) + rng.nextInt(300);
      double[][] x = gaussian(rng, n, d);
      double[] w = weighted ? weights(rng, n, b == 0 ? k : 0) : null;
      if (w == null) {
        u.update(Dataset.of(x));
        total += n;
      } else {
        u.update(Dataset.of(x), w);
        for (double v : w) {
          total += v;
        }
      }
      double[] counts = u.counts();
      double sum = 0;
      for (double v : counts) {
        assertTrue(v >= 0 && v <= total * (1 + 1e-12), "count " + v + " of " + total);
        sum += v;
      }
      if (!reassign) {
        // Without reassignment every count is the weight its centroid absorbed: together, the weight fed.
        assertEquals(total, sum, 1e-12 * total, "sum of counts after batch " + b);
      }
    }
    assertEquals(batches, u.steps());
  }

  /**
   * The reassignment rule (scikit-learn's {@code _mini_batch_step}), checked on a first step (always due: every count
   * is 0 before it) against the same step without reassignment: the centroids whose count is below {@code ratio} times
   * the largest, at most {@code floor(b / 2)} of them with the lowest counts (ties to the lower index), move to distinct
   * rows of the batch and take the smallest count of the others; every other centroid and count is unchanged.
   */
  @Property(tries = 60)
  void reassignmentRule(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int b,
      @ForAll @IntRange(min = 1, max = 12) int k, @ForAll @IntRange(min = 1, max = 100) int ratioPercent) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    double[][] init = gaussian(rng, k, d);
    double[][] batch = gaussian(rng, b, d);
    double ratio = ratioPercent / 100.0;
    MiniBatchKMeans.Updater plain = MiniBatchKMeans.k(k).initialCentroids(init).reassignmentRatio(0).updater();
    MiniBatchKMeans.Updater moved = MiniBatchKMeans.k(k).seed(seed).initialCentroids(init).reassignmentRatio(ratio)
        .updater();
    plain.update(Dataset.of(batch));
    moved.update(Dataset.of(batch));
    double[] n0 = plain.counts();
    double[][] c0 = plain.centroids();
    double max = 0;
    for (double v : n0) {
      max = Math.max(max, v);
    }
    boolean[] to = new boolean[k];
    Integer[] order = new Integer[k];
    int m = 0;
    for (int j = 0; j < k; j++) {
      to[j] = n0[j] < ratio * max;
      m += to[j] ? 1 : 0;
      order[j] = j;
    }
    if (m > 0.5 * b) {
      java.util.Arrays.sort(order, (p, q) -> n0[p] != n0[q] ? Double.compare(n0[p], n0[q]) : Integer.compare(p, q));
      for (int r = (int) (0.5 * b); r < k; r++) {
        to[order[r]] = false;
      }
    }
    double minKept = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (!to[j]) {
        minKept = Math.min(minKept, n0[j]);
      }
    }
    double[] n1 = moved.counts();
    double[][] c1 = moved.centroids();
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (int j = 0; j < k; j++) {
      if (!to[j]) {
        assertArrayEquals(c0[j], c1[j], "kept centroid " + j);
        assertEquals(n0[j], n1[j], "kept count " + j);
        continue;
      }
      assertEquals(minKept, n1[j], "count of reassigned centroid " + j);
      int row = -1;
      for (int i = 0; i < b; i++) {
        if (java.util.Arrays.equals(batch[i], c1[j])) {
          row = i;
        }
      }
      assertTrue(row >= 0, "reassigned centroid " + j + " is a batch row");
      assertTrue(used.add(row), "reassigned centroids take distinct rows");
    }
  }

  @Property(tries = 30)
  void updaterFedTheFitsBatchesGivesTheFit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1500) int n,
      @ForAll @IntRange(min = 0, max = 5) int dimIndex, @ForAll boolean weighted) {
    Rng rng = new Rng(seed);
    int d = DIMS[dimIndex];
    int k = 1 + rng.nextInt(Math.min(6, n));
    double[][] x = gaussian(rng, n, d);
    double[] w = weighted ? weights(rng, n, k) : null;
    double[][] init = new double[k][];
    for (int j = 0; j < k; j++) {
      init[j] = x[rng.nextInt(n)].clone();
    }
    int batchSize = 1 + rng.nextInt(400);
    int maxIterations = 1 + rng.nextInt(3);
    // No reassignment (its draws share the fit's batch stream), no early stop: the fit is its batches, in order.
    MiniBatchKMeans cfg = MiniBatchKMeans.k(k).seed(seed).initialCentroids(init).batchSize(batchSize)
        .maxIterations(maxIterations).reassignmentRatio(0).maxNoImprovement(0);
    Dataset data = Dataset.of(x);
    KMeansModel fit = w == null ? cfg.fit(data) : cfg.fit(data, w);
    // The fit's batches: stream -2 of the seed (MiniBatchKMeans.STREAM_BATCHES), b = min(batchSize, n) rows drawn with
    // nextInt(n), maxIterations * n / b steps.
    int b = Math.min(batchSize, n);
    long steps = (long) maxIterations * n / b;
    Rng draws = Rng.split(seed, -2);
    MiniBatchKMeans.Updater u = cfg.parallelism(2).updater();
    for (long s = 0; s < steps; s++) {
      double[][] rows = new double[b][];
      double[] bw = w == null ? null : new double[b];
      for (int i = 0; i < b; i++) {
        int r = draws.nextInt(n);
        rows[i] = x[r];
        if (bw != null) {
          bw[i] = w[r];
        }
      }
      if (bw == null) {
        u.update(Dataset.of(rows));
      } else {
        u.update(Dataset.of(rows), bw);
      }
    }
    assertArrayEquals(fit.centroids(), u.centroids(), "centroids");
    KMeansModel streamed = u.model(data);
    assertArrayEquals(fit.labels(), streamed.labels(), "labels");
    if (w == null) {
      assertEquals(Double.doubleToLongBits(fit.inertia()), Double.doubleToLongBits(streamed.inertia()), "inertia");
    }
    assertEquals(steps, u.steps());
  }
}
