package io.github.clusterkit.outlier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.internal.LofKernel;
import io.github.clusterkit.internal.PairwiseSum;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Invariants of the Local Outlier Factor for every seed: the k-d tree path equals the brute-force oracle of the
 * definition ({@link LofOracle}) on data full of ties and copies; permuting tie-free rows permutes the results; the
 * thread count changes nothing; a training row scored as a new point has itself as its first neighbour.
 */
class LofPropertiesTest {

  private static final Metric[] METRICS = Metric.values();

  /** Random data: integers in a small range (ties, copies) or continuous values; a random k and metric. */
  static final class Problem {
    final int n;
    final int d;
    final int k;
    final Metric metric;
    final double[] x;
    final boolean tied;

    Problem(long seed, boolean allowTies, int maxRows) {
      SplittableRandom r = new SplittableRandom(seed);
      n = 2 + r.nextInt(maxRows - 1);
      d = 1 + r.nextInt(4);
      k = 1 + r.nextInt(Math.min(n - 1, 25));
      metric = METRICS[r.nextInt(METRICS.length)];
      tied = allowTies && r.nextBoolean();
      int range = 1 + r.nextInt(6);
      x = new double[n * d];
      for (int t = 0; t < n * d; t++) {
        x[t] = tied ? r.nextInt(range) : r.nextGaussian() * (1 + (t % d)) + (r.nextInt(3) == 0 ? 8 : 0);
      }
    }

    Dataset data() {
      return Dataset.wrap(x.clone(), n, d);
    }

    @Override
    public String toString() {
      return "n=" + n + " d=" + d + " k=" + k + " " + metric + (tied ? " tied" : "");
    }
  }

  @Property(tries = 200)
  void kdTreeEqualsBruteForceOracle(@ForAll long seed) {
    Problem p = new Problem(seed, true, 120);
    LofModel m = LocalOutlierFactor.k(p.k).metric(p.metric).fit(p.data());
    LofOracle o = new LofOracle(p.x, p.n, p.d, p.k, p.metric);
    assertArrayEquals(o.kdist, m.kDistances(), 0.0, p.toString());
    assertArrayEquals(o.lrd, m.localReachabilityDensities(), 0.0, p.toString());
    assertArrayEquals(o.scores, m.scores(), 0.0, p.toString());
    SplittableRandom r = new SplittableRandom(~seed);
    for (int q = 0; q < 5; q++) {
      double[] point = new double[p.d];
      for (int j = 0; j < p.d; j++) {
        point[j] = p.tied ? r.nextInt(7) - 0.5 * r.nextInt(2) : r.nextGaussian() * 4;
      }
      assertEquals(o.score(point), m.score(point), 0.0, p.toString());
    }
    for (int i = 0; i < p.n; i++) {
      double s = m.scores()[i];
      assertTrue(s > 0 && Double.isFinite(s), p + " score " + s);
      double l = m.localReachabilityDensities()[i];
      assertTrue(l > 0 && l <= 1.0 / LofKernel.EPSILON, p + " lrd " + l);
    }
  }

  @Property(tries = 100)
  void permutingTieFreeRowsPermutesTheResults(@ForAll long seed) {
    Problem p = new Problem(seed, false, 150);
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    int[] perm = new int[p.n];
    for (int i = 0; i < p.n; i++) {
      perm[i] = i;
    }
    for (int i = p.n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double[] y = new double[p.n * p.d];
    for (int i = 0; i < p.n; i++) {
      System.arraycopy(p.x, perm[i] * p.d, y, i * p.d, p.d);
    }
    LocalOutlierFactor lof = LocalOutlierFactor.k(p.k).metric(p.metric);
    LofModel a = lof.fit(p.data());
    LofModel b = lof.fit(Dataset.wrap(y, p.n, p.d));
    for (int i = 0; i < p.n; i++) {
      assertEquals(a.scores()[perm[i]], b.scores()[i], 0.0, p.toString());
      assertEquals(a.kDistances()[perm[i]], b.kDistances()[i], 0.0, p.toString());
      assertEquals(a.localReachabilityDensities()[perm[i]], b.localReachabilityDensities()[i], 0.0, p.toString());
    }
  }

  @Property(tries = 12)
  void parallelismChangesNothing(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1100 + r.nextInt(1500); // several chunks of 512 rows
    int d = 1 + r.nextInt(3);
    double[] x = new double[n * d];
    for (int t = 0; t < x.length; t++) {
      x[t] = r.nextInt(4) == 0 ? r.nextInt(5) : r.nextGaussian();
    }
    Dataset data = Dataset.wrap(x, n, d);
    int k = 1 + r.nextInt(30);
    LocalOutlierFactor lof = LocalOutlierFactor.k(k).contamination(0.1);
    LofModel one = lof.fit(data);
    Dataset q = Dataset.wrap(java.util.Arrays.copyOf(x, 600 * d), 600, d);
    for (int threads : new int[] {2, 3, 8}) {
      LofModel m = lof.parallelism(threads).fit(data);
      assertArrayEquals(one.scores(), m.scores(), 0.0);
      assertArrayEquals(one.kDistances(), m.kDistances(), 0.0);
      assertArrayEquals(one.localReachabilityDensities(), m.localReachabilityDensities(), 0.0);
      assertEquals(one.threshold(), m.threshold(), 0.0);
      assertArrayEquals(one.score(q), m.score(q), 0.0);
    }
  }

  /**
   * As a new point, training row {@code i} has itself (or an exact copy of smaller index) as its first neighbour at
   * distance 0, with reachability distance {@code kdist(i)}, and its other {@code k - 1} nearest rows after it; its
   * training score has {@code k} other rows instead. The definition, from the model's own k-distances and densities.
   */
  @Property(tries = 100)
  void trainingRowAsNewPointHasItselfAsNeighbour(@ForAll long seed) {
    Problem p = new Problem(seed, true, 80);
    LofModel m = LocalOutlierFactor.k(p.k).metric(p.metric).fit(p.data());
    LofOracle o = new LofOracle(p.x, p.n, p.d, p.k, p.metric);
    double[] kd = m.kDistances();
    double[] lrd = m.localReachabilityDensities();
    for (int i = 0; i < p.n; i++) {
      double[] row = java.util.Arrays.copyOfRange(p.x, i * p.d, i * p.d + p.d);
      // neighbours as a new point: the first row at distance 0 (itself or a smaller-index copy), then the nearest
      // others; with no copy of smaller index that is i itself followed by i's own k - 1 nearest
      int first = i;
      for (int j = 0; j < i; j++) {
        if (java.util.Arrays.equals(row, 0, p.d, p.x, j * p.d, j * p.d + p.d)) {
          first = j;
          break;
        }
      }
      if (first != i) {
        continue; // a copy of smaller index leads; covered by the oracle property
      }
      double[] reach = new double[p.k];
      double[] ratio = new double[p.k];
      reach[0] = kd[i];
      for (int t = 1; t < p.k; t++) {
        int j = o.nb[i * p.k + t - 1];
        reach[t] = Math.max(p.metric.fromReduced(p.metric.reducedDistance(p.x, i * p.d, p.x, j * p.d, p.d)), kd[j]);
      }
      double own = 1.0 / (PairwiseSum.sum(reach, p.k) / p.k + LofKernel.EPSILON);
      ratio[0] = lrd[i] / own;
      for (int t = 1; t < p.k; t++) {
        ratio[t] = lrd[o.nb[i * p.k + t - 1]] / own;
      }
      assertEquals(PairwiseSum.sum(ratio, p.k) / p.k, m.score(row), 0.0, p + " row " + i);
      if (p.k == 1) {
        // k = 1: the point's only neighbour is itself, so its density is that of kdist(i) alone
        assertEquals(lrd[i] / (1.0 / (kd[i] + LofKernel.EPSILON)), m.score(row), 0.0);
      }
    }
  }
}
