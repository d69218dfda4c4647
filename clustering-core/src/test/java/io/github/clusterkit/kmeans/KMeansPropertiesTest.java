package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of K-Means on seeded random data: Gaussian blobs, integer lattices (exact ties between
 * centroids everywhere) and heavily duplicated rows (empty clusters), with and without weights.
 */
class KMeansPropertiesTest {

  private static final int[] DIMS = {1, 2, 3, 5, 8, 13, 40};

  /** A random problem: data, optional weights, k and a configuration. */
  static final class Problem {
    final Dataset data;
    final double[] weights;
    final int k;
    final KMeans config;

    Problem(Dataset data, double[] weights, int k, KMeans config) {
      this.data = data;
      this.weights = weights;
      this.k = k;
      this.config = config;
    }

    KMeansModel fit(KMeans c) {
      return weights == null ? c.fit(data) : c.fit(data, weights);
    }
  }

  static double[][] rows(Rng rng, int n, int d, int kind) {
    double[][] x = new double[n][d];
    int blobs = 1 + rng.nextInt(6);
    double[][] centres = new double[blobs][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.uniform(-6, 6);
      }
    }
    int distinct = 1 + rng.nextInt(Math.max(1, n / 4));
    for (int i = 0; i < n; i++) {
      if (kind == 2 && i >= distinct) {
        x[i] = x[rng.nextInt(distinct)].clone();
        continue;
      }
      double[] c = centres[rng.nextInt(blobs)];
      for (int j = 0; j < d; j++) {
        double v = c[j] + rng.nextGaussian() * (0.5 + rng.nextDouble());
        x[i][j] = kind == 1 ? Math.rint(v) : v;
      }
    }
    return x;
  }

  static int distinct(double[][] x, double[] w) {
    Set<List<Double>> s = new HashSet<>();
    for (int i = 0; i < x.length; i++) {
      if (w != null && !(w[i] > 0)) {
        continue;
      }
      Double[] b = new Double[x[i].length];
      for (int j = 0; j < b.length; j++) {
        b[j] = x[i][j] + 0.0;
      }
      s.add(List.of(b));
    }
    return s.size();
  }

  static Problem problem(long seed, int n) {
    Rng rng = new Rng(seed);
    int d = DIMS[rng.nextInt(DIMS.length)];
    int kind = rng.nextInt(3);
    double[][] x = rows(rng, n, d, kind);
    double[] w = null;
    if (rng.nextInt(3) == 0) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = rng.nextInt(5) == 0 ? 0 : rng.uniform(0.1, 4);
      }
      w[rng.nextInt(n)] = 1;
    }
    int k = Math.min(1 + rng.nextInt(12), distinct(x, w));
    KMeans config = KMeans.k(k)
        .seed(rng.nextLong())
        .init(rng.nextInt(2) == 0 ? KMeansInit.PLUS_PLUS : KMeansInit.RANDOM)
        .tolerance(rng.nextInt(2) == 0 ? 0 : 1e-4);
    return new Problem(Dataset.of(x), w, k, config);
  }

  static void assertSame(KMeansModel a, KMeansModel b, String what) {
    assertArrayEquals(a.labels(), b.labels(), what + ": labels");
    // assertArrayEquals on doubles compares bit patterns (Double.equals), i.e. bit for bit.
    assertArrayEquals(a.centroids(), b.centroids(), what + ": centroids");
    assertEquals(a.inertia(), b.inertia(), 0.0, what + ": inertia");
    assertEquals(a.iterations(), b.iterations(), what + ": iterations");
    assertEquals(a.converged(), b.converged(), what + ": converged");
  }

  /** Hamerly and Elkan reproduce Lloyd bit for bit, ties and empty clusters included. */
  @Property(tries = 120)
  void acceleratedKernelsEqualLloyd(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1500) int n) {
    Problem p = problem(seed, n);
    KMeansModel lloyd = p.fit(p.config.algorithm(KMeansAlgorithm.LLOYD));
    assertSame(lloyd, p.fit(p.config.algorithm(KMeansAlgorithm.HAMERLY)), "HAMERLY");
    assertSame(lloyd, p.fit(p.config.algorithm(KMeansAlgorithm.ELKAN)), "ELKAN");
    assertSame(lloyd, p.fit(p.config.algorithm(KMeansAlgorithm.AUTO)), "AUTO");
  }

  /**
   * With the original k-means++ ({@link KMeansInit#PLUS_PLUS_CLASSIC}) too, the thread count changes nothing, seeding
   * included, within one run and across restarts.
   */
  @Property(tries = 10)
  void classicSeedingFitIsThreadCountIndependent(@ForAll long seed, @ForAll @IntRange(min = 4000, max = 16000) int n) {
    Problem p = problem(seed, n);
    KMeans c = p.config.init(KMeansInit.PLUS_PLUS_CLASSIC);
    KMeansModel one = p.fit(c.parallelism(1));
    assertSame(one, p.fit(c.parallelism(2)), "2 threads");
    assertSame(one, p.fit(c.parallelism(3).algorithm(KMeansAlgorithm.LLOYD)), "3 threads, Lloyd");
    KMeans r = c.restarts(3).maxIterations(30);
    KMeansModel seq = p.fit(r.parallelism(1));
    assertSame(seq, p.fit(r.parallelism(2)), "3 restarts on 2 threads");
  }

  /**
   * The thread count changes nothing, seeding included: within one run (n spans several 2048-row chunks,
   * which are processed in parallel) and across restarts (below 65536 rows restarts run side by side).
   */
  @Property(tries = 10)
  void parallelismChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 4000, max = 16000) int n) {
    Problem p = problem(seed, n);
    KMeansModel one = p.fit(p.config.parallelism(1));
    assertSame(one, p.fit(p.config.parallelism(2)), "2 threads");
    assertSame(one, p.fit(p.config.parallelism(5).algorithm(KMeansAlgorithm.LLOYD)), "5 threads, Lloyd");
    assertSame(one, p.fit(p.config.parallelism(3).algorithm(KMeansAlgorithm.ELKAN)), "3 threads, Elkan");
    KMeans r = p.config.restarts(3).maxIterations(30);
    KMeansModel seq = p.fit(r.parallelism(1));
    assertSame(seq, p.fit(r.parallelism(2)), "3 restarts on 2 threads");
    assertSame(seq, p.fit(r.parallelism(4)), "3 restarts on 4 threads");
  }

  /**
   * The inertia never increases from one iteration to the next: the run is replayed with maxIterations
   * 1, 2, 3, ... (the same seed gives the same initial centroids, and a run cut short ends with an assignment
   * to its last centroids, so its inertia is that of iteration t).
   */
  @Property(tries = 40)
  void inertiaNeverIncreases(@ForAll long seed, @ForAll @IntRange(min = 2, max = 800) int n) {
    Problem p = problem(seed, n);
    KMeans c = p.config.tolerance(0);
    // Exact arithmetic never increases; 1e-12 relative covers rounding when a move gains next to nothing.
    // Where the exact inertia is 0 (k = the number of distinct rows, clusters of repeated rows) what is left
    // is the rounding of the means themselves: each coordinate of a mean of up to n rows is within
    // (n + 2) eps max|x| of the exact one (recursive summation, Higham 2002, section 4.2), so a row's squared
    // distance within d times its square; such an inertia can rise and fall below that floor (seen: 1.05e-28
    // after 9.5e-29 on 57 rows, one failure in 800 throwaway samples with a 1e-300 floor).
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      for (double v : p.data.row(i)) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    double weight = n;
    if (p.weights != null) {
      weight = 0;
      for (double v : p.weights) {
        weight += v;
      }
    }
    double meanError = (n + 2) * 0x1p-52 * maxAbs;
    double floor = weight * p.data.dimension() * meanError * meanError;
    double previous = Double.POSITIVE_INFINITY;
    for (int t = 1; t <= 60; t++) {
      KMeansModel m = p.fit(c.maxIterations(t));
      assertTrue(m.inertia() <= previous * (1 + 1e-12) + floor,
          "iteration " + t + ": " + m.inertia() + " > " + previous);
      previous = m.inertia();
      if (m.converged()) {
        break;
      }
    }
  }

  /**
   * At the end every label is the nearest centroid (brute force; ties to the lowest index), the inertia is
   * the weighted sum of the squared distances, and at strict convergence every centroid is its cluster's
   * weighted mean.
   */
  @Property(tries = 80)
  void labelsAreNearestAndCentroidsAreMeans(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1000) int n) {
    Problem p = problem(seed, n);
    KMeansModel m = p.fit(p.config.tolerance(0));
    double[][] c = m.centroids();
    int[] l = m.labels();
    int d = p.data.dimension();
    double inertia = 0;
    double[][] sum = new double[p.k][d];
    double[] wsum = new double[p.k];
    for (int i = 0; i < n; i++) {
      double[] x = p.data.row(i);
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int j = 0; j < p.k; j++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          s += (x[t] - c[j][t]) * (x[t] - c[j][t]);
        }
        if (s < bd) {
          bd = s;
          best = j;
        }
      }
      assertEquals(best, l[i], "row " + i);
      double wi = p.weights == null ? 1 : p.weights[i];
      inertia += wi * bd;
      wsum[l[i]] += wi;
      for (int t = 0; t < d; t++) {
        sum[l[i]][t] += wi * x[t];
      }
    }
    assertEquals(inertia, m.inertia(), 1e-9 * inertia + 1e-12);
    if (m.converged() && m.iterations() < 300) {
      for (int j = 0; j < p.k; j++) {
        if (wsum[j] > 0) {
          for (int t = 0; t < d; t++) {
            assertEquals(sum[j][t] / wsum[j], c[j][t], 1e-9 * (1 + Math.abs(c[j][t])), "mean " + j);
          }
        }
      }
    }
  }

  /** With explicit initial centroids, a permutation of the rows permutes the labels and nothing else. */
  @Property(tries = 60)
  void rowPermutationChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 1200) int n) {
    Rng rng = new Rng(seed);
    int d = DIMS[rng.nextInt(DIMS.length)];
    double[][] x = rows(rng, n, d, 0);
    int k = 1 + rng.nextInt(Math.min(10, n));
    // Initial centroids from distinct rows. Two equal ones leave a cluster empty, and its re-seeding can meet
    // an exact tie (the two rows of a two-row cluster are equally far from their mean, often to the last bit),
    // which the documented rule breaks by row index, hence by row order: 6 of 100,000 throwaway samples did so
    // with repeated rows, none with distinct ones.
    int[] rowsPicked = new int[n];
    for (int i = 0; i < n; i++) {
      rowsPicked[i] = i;
    }
    rng.shuffle(rowsPicked);
    double[][] c0 = new double[k][];
    for (int j = 0; j < k; j++) {
      c0[j] = x[rowsPicked[j]].clone();
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    double[][] y = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = x[perm[i]];
    }
    KMeans c = KMeans.k(k).initialCentroids(c0).tolerance(0);
    KMeansModel a = c.fit(Dataset.of(x));
    KMeansModel b = c.fit(Dataset.of(y));
    int[] la = a.labels();
    int[] lb = b.labels();
    for (int i = 0; i < n; i++) {
      assertEquals(la[perm[i]], lb[i], "row " + perm[i]);
    }
    // Centroid sums are added in another order: equal up to rounding.
    double[][] ca = a.centroids();
    double[][] cb = b.centroids();
    for (int j = 0; j < k; j++) {
      for (int t = 0; t < d; t++) {
        assertEquals(ca[j][t], cb[j][t], 1e-10 * (1 + Math.abs(ca[j][t])));
      }
    }
    assertEquals(a.inertia(), b.inertia(), 1e-10 * (1 + a.inertia()));
    // With tolerance 0 a run also stops when the centroid shift is exactly 0 (scikit-learn's rule). Summed in
    // another order, the last recomputed centroids can differ from the previous ones by one rounding, which
    // costs one more (label-neutral) iteration; the labels above are still identical.
    assertTrue(Math.abs(a.iterations() - b.iterations()) <= 1,
        "iterations " + a.iterations() + " vs " + b.iterations());
  }

  /** Restart r uses its own random stream, so more restarts never give a higher inertia. */
  @Property(tries = 25)
  void moreRestartsNeverWorse(@ForAll long seed, @ForAll @IntRange(min = 20, max = 600) int n) {
    Problem p = problem(seed, n);
    double previous = Double.POSITIVE_INFINITY;
    for (int r = 1; r <= 5; r++) {
      double inertia = p.fit(p.config.restarts(r)).inertia();
      assertTrue(inertia <= previous, r + " restarts: " + inertia + " > " + previous);
      previous = inertia;
    }
  }

  /**
   * Integer weights are repetitions: from the same initial centroids, rows with weight m give the clustering
   * of the data with each row repeated m times (0 = removed).
   */
  @Property(tries = 50)
  void integerWeightsEqualRepeatedRows(@ForAll long seed, @ForAll @IntRange(min = 2, max = 600) int n) {
    Rng rng = new Rng(seed);
    int d = DIMS[rng.nextInt(DIMS.length)];
    double[][] x = rows(rng, n, d, 0);
    double[] w = new double[n];
    int total;
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextInt(4);
    }
    w[0] = 1;
    total = 0;
    for (double v : w) {
      total += (int) v;
    }
    double[][] rep = new double[total][];
    int[] origin = new int[total];
    int r = 0;
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < (int) w[i]; m++) {
        origin[r] = i;
        rep[r++] = x[i];
      }
    }
    // Distinct rows with positive weight as initial centroids, so that no cluster starts empty: re-seeding an
    // empty cluster moves a whole weighted row but only one copy of a repeated row, and there the two differ.
    int[] candidates = java.util.stream.IntStream.range(0, n).filter(i -> w[i] > 0).toArray();
    rng.shuffle(candidates);
    int k = 1 + rng.nextInt(Math.min(8, candidates.length));
    double[][] c0 = new double[k][];
    for (int j = 0; j < k; j++) {
      c0[j] = x[candidates[j]].clone();
    }
    KMeans c = KMeans.k(k).initialCentroids(c0).tolerance(0);
    KMeansModel weighted = c.fit(Dataset.of(x), w);
    // Starting with no empty cluster is not enough: a cluster can also empty in a later assignment (found by
    // this property, seed 37889062373143906, n = 434: two of six clusters empty after the first update). The
    // property covers the runs without a re-seed: the labels after each iteration (the model stopped there)
    // give every cluster a row of positive weight.
    for (int it = 1; it < weighted.iterations(); it++) {
      int[] li = c.maxIterations(it).fit(Dataset.of(x), w).labels();
      boolean[] used = new boolean[k];
      for (int i = 0; i < n; i++) {
        used[li[i]] |= w[i] > 0;
      }
      for (boolean u : used) {
        Assume.that(u);
      }
    }
    KMeansModel repeated = c.fit(Dataset.of(rep));
    int[] lw = weighted.labels();
    int[] lr = repeated.labels();
    for (int i = 0; i < total; i++) {
      assertEquals(lw[origin[i]], lr[i], "repeated row " + i);
    }
    double[][] cw = weighted.centroids();
    double[][] cr = repeated.centroids();
    for (int j = 0; j < k; j++) {
      for (int t = 0; t < d; t++) {
        assertEquals(cr[j][t], cw[j][t], 1e-10 * (1 + Math.abs(cr[j][t])));
      }
    }
    assertEquals(repeated.inertia(), weighted.inertia(), 1e-10 * (1 + repeated.inertia()));
  }

  /**
   * Rows of weight 0 never become initial centroids and never pull a centroid: far-away zero-weight rows are
   * invisible. Every centroid lies in the bounding box of the positive-weight rows (a mean or a re-seeded
   * row; never a zero vector, which lies outside it here).
   */
  @Property(tries = 40)
  void zeroWeightRowsAreInvisible(@ForAll long seed, @ForAll @IntRange(min = 10, max = 800) int n) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    double[][] x = rows(rng, n, d, rng.nextInt(3));
    double[] w = new double[n];
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        x[i][t] += 100;
      }
      if (i % 5 == 4) {
        for (int t = 0; t < d; t++) {
          x[i][t] += 1e6;
        }
      } else {
        w[i] = rng.uniform(0.5, 2);
        for (int t = 0; t < d; t++) {
          lo[t] = Math.min(lo[t], x[i][t]);
          hi[t] = Math.max(hi[t], x[i][t]);
        }
      }
    }
    int k = 1 + rng.nextInt(Math.min(8, distinct(x, w)));
    for (KMeansInit init : KMeansInit.values()) {
      KMeansModel m = KMeans.k(k).init(init).seed(seed).restarts(2).fit(Dataset.of(x), w);
      for (double[] c : m.centroids()) {
        for (int t = 0; t < d; t++) {
          // A weighted mean of equal values can be off by an ulp: allow 1e-12 relative.
          double slack = 1e-12 * Math.abs(c[t]);
          assertTrue(c[t] >= lo[t] - slack && c[t] <= hi[t] + slack, init + ": centroid " + c[t] + " outside the data");
        }
      }
    }
  }
}
