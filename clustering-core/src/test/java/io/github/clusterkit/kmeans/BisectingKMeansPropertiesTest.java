package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of bisecting K-Means on seeded random data (KMeansPropertiesTest's generator: Gaussian blobs, integer
 * lattices, heavily duplicated rows), with and without weights, both strategies and every start.
 */
class BisectingKMeansPropertiesTest {

  private static final int[] DIMS = {1, 2, 3, 5, 10};

  /** A random problem: data, optional weights, k and a configuration. */
  static final class Problem {
    final Dataset data;
    final double[][] rows;
    final double[] weights;
    final int k;
    final BisectingKMeans config;

    Problem(double[][] rows, double[] weights, int k, BisectingKMeans config) {
      this.rows = rows;
      this.data = Dataset.of(rows);
      this.weights = weights;
      this.k = k;
      this.config = config;
    }

    BisectingKMeansModel fit(BisectingKMeans c) {
      return weights == null ? c.fit(data) : c.fit(data, weights);
    }
  }

  static Problem problem(long seed, int kind) {
    Rng rng = new Rng(seed);
    int n = 2 + rng.nextInt(150);
    int d = DIMS[rng.nextInt(DIMS.length)];
    double[][] x = KMeansPropertiesTest.rows(rng, n, d, kind);
    double[] w = null;
    if (rng.nextInt(3) == 0) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = rng.nextInt(5) == 0 ? 0.0 : rng.uniform(0.1, 4);
      }
      w[rng.nextInt(n)] = 1.5;
    }
    int distinct = KMeansPropertiesTest.distinct(x, w);
    int k = 1 + rng.nextInt(Math.min(distinct, 12));
    KMeansInit[] inits = KMeansInit.values();
    BisectingKMeans c = BisectingKMeans.k(k)
        .seed(rng.nextLong())
        .restarts(1 + rng.nextInt(3))
        .init(inits[rng.nextInt(inits.length)])
        .strategy(BisectingStrategy.values()[rng.nextInt(2)])
        .algorithm(KMeansAlgorithm.values()[rng.nextInt(KMeansAlgorithm.values().length)]);
    return new Problem(x, w, k, c);
  }

  @Property(tries = 150)
  void levelsNestAndLabelsAreInRange(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int kind) {
    Problem p = problem(seed, kind);
    BisectingKMeansModel m = p.fit(p.config);
    int n = p.rows.length;
    assertArrayEquals(m.labels(), m.labelsAt(p.k));
    int[] coarse = m.labelsAt(1);
    for (int level = 1; level <= p.k; level++) {
      int[] fine = m.labelsAt(level);
      // Every label 0..level-1 is used, and each cluster of level + 1 lies inside one cluster of level.
      boolean[] used = new boolean[level];
      for (int i = 0; i < n; i++) {
        assertTrue(fine[i] >= 0 && fine[i] < level, "label in range");
        used[fine[i]] = true;
      }
      for (boolean u : used) {
        assertTrue(u, "every cluster of level " + level + " holds a row");
      }
      if (level > 1) {
        int[] parentOf = new int[level];
        Arrays.fill(parentOf, -1);
        for (int i = 0; i < n; i++) {
          int f = fine[i];
          assertTrue(parentOf[f] < 0 || parentOf[f] == coarse[i], "level " + level + " refines level " + (level - 1));
          parentOf[f] = coarse[i];
        }
      }
      coarse = fine;
    }
  }

  @Property(tries = 100)
  void inertiaIsTheSumOfTheLeafInertiasAndTheNodesAddUp(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2) int kind) {
    Problem p = problem(seed, kind);
    BisectingKMeansModel m = p.fit(p.config);
    double sum = 0;
    for (int l = 0; l < p.k; l++) {
      int node = m.leavesAt(p.k)[l];
      assertEquals(l, m.nodeLabel(node));
      sum += m.nodeInertia(node);
    }
    assertEquals(sum, m.inertia(), 0.0);
    assertArrayEquals(m.clusterSizes(), Arrays.stream(m.leavesAt(p.k)).map(m::nodeSize).toArray());
    // Brute force: the inertia from the labels and the leaf centroids, 1e-9 relative to the root's.
    double[][] c = m.centroids();
    int[] labels = m.labels();
    double brute = 0;
    for (int i = 0; i < p.rows.length; i++) {
      double q = 0;
      for (int t = 0; t < c[0].length; t++) {
        double u = p.rows[i][t] - c[labels[i]][t];
        q += u * u;
      }
      brute += (p.weights == null ? 1 : p.weights[i]) * q;
    }
    assertEquals(brute, m.inertia(), 1e-9 * m.nodeInertia(0) + 1e-300);
    // A split never raises the inertia (2-means from any start ends at or below the parent's one-centroid inertia,
    // up to rounding).
    for (int s = 0; s < p.k - 1; s++) {
      int v = m.splitNode(s);
      double children = m.nodeInertia(2 * s + 1) + m.nodeInertia(2 * s + 2);
      assertTrue(children <= m.nodeInertia(v) * (1 + 1e-12) + 1e-300, "split " + s + " lowers the inertia");
      assertEquals(v, m.parent(2 * s + 1));
      assertEquals(v, m.parent(2 * s + 2));
      assertEquals(m.nodeSize(v), m.nodeSize(2 * s + 1) + m.nodeSize(2 * s + 2));
    }
  }

  @Property(tries = 60)
  void threadCountChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 2, max = 4) int threads) {
    Problem p = problem(seed, kind);
    BisectingKMeansModel one = p.fit(p.config);
    BisectingKMeansModel many = p.fit(p.config.parallelism(threads));
    assertEquals(one.state(), many.state());
  }

  @Property(tries = 60)
  void fewerClustersGiveTheLevelsOfTheLargerFit(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int kind) {
    Problem p = problem(seed, kind);
    BisectingKMeansModel m = p.fit(p.config);
    for (int level = 1; level < p.k; level++) {
      BisectingKMeans smaller = BisectingKMeans.k(level)
          .seed(p.config.seed())
          .restarts(p.config.restarts())
          .init(p.config.init())
          .strategy(p.config.strategy())
          .algorithm(p.config.algorithm());
      BisectingKMeansModel s = p.fit(smaller);
      assertArrayEquals(s.labels(), m.labelsAt(level), "labels of k = " + level);
      assertEquals(s.inertia(), m.inertiaAt(level), 0.0);
    }
  }

  @Property(tries = 100)
  void predictFollowsTheTreeAndNests(@ForAll long seed) {
    Problem p = problem(seed, 0);
    BisectingKMeansModel m = p.fit(p.config.algorithm(KMeansAlgorithm.LLOYD));
    // On the training rows (continuous data: exact ties have probability 0), predict gives the fit's labels at every
    // level, and a point's label at level m + 1 lies inside its label at level m.
    for (int level = 1; level <= p.k; level++) {
      int[] labels = m.labelsAt(level);
      for (int i = 0; i < p.rows.length; i++) {
        assertEquals(labels[i], m.predictAt(p.rows[i], level), "row " + i + " at level " + level);
      }
    }
    assertArrayEquals(m.labels(), m.predict(p.data));
  }

  /**
   * Row order: with starts that do not depend on it (the lexicographically smallest and largest rows of the leaf)
   * and integer-valued data (every sum exact in any order, so the centroids are bit for bit the same), permuting the
   * rows permutes the labels and changes nothing else. Rows of weight 0 and empty clusters (whose re-seeding breaks
   * ties by row index) are left out by construction: unit weights and two distinct starts.
   */
  @Property(tries = 100)
  void rowOrderChangesNothingFromOrderFreeStarts(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int n = 4 + rng.nextInt(120);
    int d = 1 + rng.nextInt(4);
    double[][] x = KMeansPropertiesTest.rows(rng, n, d, 1);
    int distinct = KMeansPropertiesTest.distinct(x, null);
    Assume.that(distinct >= 2);
    int k = 2 + rng.nextInt(Math.min(distinct - 1, 8));
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    double[][] y = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = x[perm[i]];
    }
    // LARGEST_CLUSTER: its scores (row counts) are exact; leaf inertias are sums whose last bits follow the row order.
    BisectingKMeans c = BisectingKMeans.k(k).strategy(BisectingStrategy.LARGEST_CLUSTER).tolerance(0);
    BisectingKMeans.Starts extremes = (split, restart, rows, m, dd) -> {
      int lo = 0;
      int hi = 0;
      for (int i = 1; i < m; i++) {
        if (compare(rows, i, lo, dd) < 0) {
          lo = i;
        }
        if (compare(rows, i, hi, dd) > 0) {
          hi = i;
        }
      }
      double[] out = new double[2 * dd];
      System.arraycopy(rows, lo * dd, out, 0, dd);
      System.arraycopy(rows, hi * dd, out, dd, dd);
      return out;
    };
    BisectingKMeansModel a = c.fit(Dataset.of(x), null, extremes);
    BisectingKMeansModel b = c.fit(Dataset.of(y), null, extremes);
    int[] la = a.labels();
    int[] lb = b.labels();
    for (int i = 0; i < n; i++) {
      assertEquals(la[perm[i]], lb[i], "label of row " + perm[i]);
    }
    for (int v = 0; v < a.nodeCount(); v++) {
      assertArrayEquals(a.nodeCentroid(v), b.nodeCentroid(v), "centroid of node " + v);
      assertEquals(a.nodeSize(v), b.nodeSize(v));
    }
    for (int s = 0; s < k - 1; s++) {
      assertEquals(a.splitNode(s), b.splitNode(s));
    }
  }

  private static int compare(double[] rows, int i, int j, int d) {
    for (int t = 0; t < d; t++) {
      int c = Double.compare(rows[i * d + t], rows[j * d + t]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
