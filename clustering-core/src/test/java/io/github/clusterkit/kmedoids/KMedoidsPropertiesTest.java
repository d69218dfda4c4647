package io.github.clusterkit.kmedoids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmedoids.internal.Dissimilarity;
import io.github.clusterkit.kmedoids.internal.Engine;
import io.github.clusterkit.neighbors.Metric;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of k-medoids on seeded random data (Gaussian blobs, integer lattices with exact ties everywhere, and
 * heavily duplicated rows with a constant column), every method, initialisation and metric, against brute-force
 * oracles that use only {@link Metric#distance}.
 */
class KMedoidsPropertiesTest {

  /** A random problem. */
  static final class Problem {
    final double[][] rows;
    final Dataset data;
    final int k;
    final Metric metric;
    final KMedoidsMethod method;
    final KMedoidsInit init;
    final long seed;

    Problem(long seed, int maxN) {
      Rng rng = new Rng(seed);
      int n = 1 + rng.nextInt(maxN);
      int d = 1 + rng.nextInt(4);
      int kind = rng.nextInt(3);
      rows = rows(rng, n, d, kind);
      data = Dataset.of(rows);
      // mostly small k, sometimes up to n
      k = rng.nextInt(4) == 0 ? 1 + rng.nextInt(n) : 1 + rng.nextInt(Math.min(n, 6));
      metric = Metric.values()[rng.nextInt(3)];
      method = KMedoidsMethod.values()[rng.nextInt(3)];
      init = KMedoidsInit.values()[rng.nextInt(3)];
      this.seed = rng.nextLong();
    }

    KMedoids config() {
      return KMedoids.k(k).metric(metric).method(method).init(init).seed(seed);
    }

    @Override
    public String toString() {
      return "n=" + rows.length + " d=" + rows[0].length + " k=" + k + " " + metric + " " + method + " " + init;
    }
  }

  static double[][] rows(Rng rng, int n, int d, int kind) {
    double[][] x = new double[n][d];
    int blobs = 1 + rng.nextInt(5);
    double[][] centres = new double[blobs][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.uniform(-6, 6);
      }
    }
    int distinct = 1 + rng.nextInt(Math.max(1, n / 3));
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
      if (kind == 2) {
        x[i][d - 1] = 3.25; // a constant column
      }
    }
    return x;
  }

  /** The brute-force cost of medoids {@code med}: each row's distance to its nearest medoid, summed in row order. */
  static double bruteCost(double[][] x, int[] med, Metric metric) {
    double s = 0;
    for (double[] r : x) {
      double best = Double.POSITIVE_INFINITY;
      for (int m : med) {
        best = Math.min(best, metric.distance(r, x[m]));
      }
      s += best;
    }
    return s;
  }

  @Property(tries = 300)
  void labelsAreNearestMedoidsAndCostIsTheirSum(@ForAll long seed) {
    Problem p = new Problem(seed, 40);
    KMedoidsModel m = p.config().fit(p.data);
    int n = p.rows.length;
    int[] med = m.medoidIndices();
    assertEquals(p.k, med.length);
    boolean[] seen = new boolean[n];
    for (int j = 0; j < p.k; j++) {
      assertTrue(med[j] >= 0 && med[j] < n, "medoid in range");
      assertTrue(!seen[med[j]], "medoids distinct");
      seen[med[j]] = true;
      assertArrayEquals(p.rows[med[j]], m.medoids()[j], 0.0, "medoid value is its row");
    }
    int[] labels = m.labels();
    double cost = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int j = 0; j < p.k; j++) {
        double v = p.metric.distance(p.rows[i], p.rows[med[j]]);
        if (v < bd) {
          bd = v;
          best = j;
        }
      }
      assertEquals(best, labels[i], "row " + i + " label is its nearest medoid (smaller label on ties)");
      assertEquals(best, m.predict(p.rows[i]), "predict of a fitted row");
      assertEquals(bd, m.transform(p.rows[i])[best], 0.0, "transform");
      cost += bd;
    }
    // the same distances summed in the same order: equal to the bit
    assertEquals(cost, m.cost(), 0.0, "cost");
    assertArrayEquals(labels, m.predict(p.data));
  }

  @Property(tries = 150)
  void swapMethodsEndWithNoImprovingSwap(@ForAll long seed) {
    Problem p = new Problem(seed, 30);
    for (KMedoidsMethod method : new KMedoidsMethod[] {KMedoidsMethod.FASTER_PAM, KMedoidsMethod.PAM}) {
      KMedoidsModel m = p.config().method(method).fit(p.data);
      assertTrue(m.converged());
      int[] med = m.medoidIndices();
      double cost = bruteCost(p.rows, med, p.metric);
      boolean[] isMed = new boolean[p.rows.length];
      for (int j : med) {
        isMed[j] = true;
      }
      for (int j = 0; j < p.k; j++) {
        for (int c = 0; c < p.rows.length; c++) {
          if (isMed[c]) {
            continue;
          }
          int[] trial = med.clone();
          trial[j] = c;
          double t = bruteCost(p.rows, trial, p.metric);
          assertTrue(t >= cost - 1e-12 * Math.max(cost, 1), method + ": swapping medoid " + j + " for row " + c
              + " lowers the cost from " + cost + " to " + t);
        }
      }
    }
  }

  @Property(tries = 150)
  void costNeverIncreases(@ForAll long seed) {
    Problem p = new Problem(seed, 60);
    double[] x = p.data.toArray();
    try (Engine e = new Engine(Dissimilarity.rows(x, p.rows.length, p.rows[0].length, p.metric), p.k, 1)) {
      int[] start = e.random(new Rng(seed));
      double initial = bruteCost(p.rows, start, p.metric);
      List<Double> costs = new ArrayList<>();
      costs.add(initial);
      e.trace(costs::add);
      Engine.Result r = e.run(p.method, start, 100);
      costs.add(r.cost);
      for (int i = 1; i < costs.size(); i++) {
        double prev = costs.get(i - 1);
        assertTrue(costs.get(i) <= prev + 1e-12 * Math.max(prev, 1),
            p + ": cost rose from " + prev + " to " + costs.get(i) + " at step " + i);
      }
      if (p.method != KMedoidsMethod.ALTERNATE) {
        // every swap of PAM and FasterPAM lowers the cost: one traced cost per swap
        assertEquals(r.swaps, costs.size() - 2);
      }
    }
  }

  @Property(tries = 40)
  void parallelismChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int threads) {
    Problem p = new Problem(seed, 700);
    KMedoids c = p.config().restarts(2);
    KMedoidsModel one = c.fit(p.data);
    KMedoidsModel many = c.parallelism(threads).fit(p.data);
    assertArrayEquals(one.medoidIndices(), many.medoidIndices());
    assertArrayEquals(one.labels(), many.labels());
    assertEquals(Double.doubleToRawLongBits(one.cost()), Double.doubleToRawLongBits(many.cost()));
    assertEquals(one.iterations(), many.iterations());
    assertEquals(one.swaps(), many.swaps());
    assertEquals(one.converged(), many.converged());
  }

  @Property(tries = 100)
  void precomputedMatrixEqualsRows(@ForAll long seed) {
    Problem p = new Problem(seed, 40);
    int n = p.rows.length;
    double[][] dm = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dm[i][j] = p.metric.distance(p.rows[i], p.rows[j]);
      }
    }
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      copy[i] = dm[i].clone();
    }
    KMedoidsModel m = p.config().fit(p.data);
    KMedoidsResult r = p.config().fitDissimilarities(dm);
    assertArrayEquals(m.medoidIndices(), r.medoidIndices());
    assertArrayEquals(m.labels(), r.labels());
    assertEquals(m.cost(), r.cost(), 0.0);
    assertEquals(m.iterations(), r.iterations());
    assertEquals(m.swaps(), r.swaps());
    assertArrayEquals(m.clusterSizes(), r.clusterSizes());
    for (int i = 0; i < n; i++) {
      assertArrayEquals(copy[i], dm[i], 0.0, "the caller's matrix is not modified");
    }
  }

  @Property(tries = 60)
  void moreRestartsNeverCostMore(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int restarts) {
    Problem p = new Problem(seed, 50);
    KMedoids c = p.config().init(KMedoidsInit.RANDOM);
    KMedoidsModel fewer = c.restarts(restarts).fit(p.data);
    KMedoidsModel more = c.restarts(restarts + 1).fit(p.data);
    assertTrue(more.cost() <= fewer.cost());
    if (restarts == 1) {
      assertArrayEquals(c.fit(p.data).medoidIndices(), fewer.medoidIndices(), "restart 0 is the single run");
    }
  }

  @Property(tries = 60)
  void initialMedoidsArrayIsCopied(@ForAll long seed) {
    Problem p = new Problem(seed, 30);
    int[] start = new Engine(Dissimilarity.rows(p.data.toArray(), p.rows.length, p.rows[0].length, p.metric), p.k,
        1).random(new Rng(seed));
    int[] given = start.clone();
    KMedoids c = p.config().initialMedoids(given);
    KMedoidsModel before = c.fit(p.data);
    assertArrayEquals(start, given, "fit does not modify the array");
    for (int j = 0; j < given.length; j++) {
      given[j] = -1; // the configuration holds its own copy
    }
    assertArrayEquals(start, c.initialMedoids());
    assertArrayEquals(before.medoidIndices(), c.fit(p.data).medoidIndices());
  }
}
