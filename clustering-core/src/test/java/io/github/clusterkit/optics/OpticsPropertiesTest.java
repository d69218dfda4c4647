package io.github.clusterkit.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.dbscan.DbscanPropertiesTestAccess;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of OPTICS on seeded random data (Gaussian blobs with uniform noise, or half-integer lattices full of
 * equal distances and duplicate rows; DBSCAN's property data). The oracles are exact: a brute-force OPTICS written
 * from the definition (a linear scan for the smallest reachability, as scikit-learn's), DBSCAN itself for the DBSCAN
 * cut, the same fit on other thread counts, and the definitions' bounds.
 */
class OpticsPropertiesTest {

  static double[][] data(long seed, int n, int d) {
    return DbscanPropertiesTestAccess.data(seed, n, d);
  }

  static boolean integral(double[][] x) {
    for (double[] r : x) {
      for (double v : r) {
        if (v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A random configuration: metric, minSamples in [2, min(n, 12)], maxEps infinite or not, xi settings. */
  static Optics config(long seed, int n, double[][] x) {
    Rng rng = new Rng(seed * 7 + 3);
    Optics c = Optics.minSamples(2 + rng.nextInt(Math.min(n, 12) - 1))
        .metric(Metric.values()[rng.nextInt(3)]);
    if (rng.nextInt(2) == 0) {
      c = c.maxEps(integral(x) ? 1 + rng.nextInt(4) : 0.3 + rng.nextDouble() * 2);
    }
    c = c.xi(0.01 + rng.nextDouble() * 0.3)
        .predecessorCorrection(Optics.PredecessorCorrection.values()[rng.nextInt(3)]);
    if (rng.nextInt(2) == 0) {
      c = c.minClusterSize(2 + rng.nextInt(Math.min(n, 20) - 1));
    }
    return c;
  }

  static double round15(double v) {
    double y = v * 1e15;
    return Double.isInfinite(y) ? v : Math.rint(y) / 1e15;
  }

  /**
   * The ordering, reachability, core distances and predecessors equal those of a brute-force OPTICS from the
   * definition: core = the minSamples-th smallest distance of the row (itself included), inf above maxEps, rounded to
   * 15 decimals; next row = the unprocessed row of smallest reachability, ties to the smaller index, by a linear scan;
   * each processed row with a finite core distance lowers the reachability of unprocessed rows within maxEps to
   * round15(max(core, distance)) when strictly smaller.
   */
  @Property(tries = 120)
  void equalsBruteForceOptics(@ForAll long seed, @ForAll @IntRange(min = 2, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = data(seed, n, d);
    Optics c = config(seed, n, x);
    OpticsResult r = c.fit(Dataset.of(x));
    Metric metric = c.metric();
    double maxEps = c.maxEps();
    double[][] dist = new double[n][n];
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dist[i][j] = metric.distance(x[i], x[j]);
      }
      double[] s = dist[i].clone();
      Arrays.sort(s);
      double v = s[c.minSamples() - 1];
      core[i] = v > maxEps ? Double.POSITIVE_INFINITY : round15(v);
    }
    double[] reach = new double[n];
    Arrays.fill(reach, Double.POSITIVE_INFINITY);
    int[] pred = new int[n];
    Arrays.fill(pred, -1);
    boolean[] done = new boolean[n];
    int[] ordering = new int[n];
    for (int t = 0; t < n; t++) {
      int p = -1;
      for (int o = 0; o < n; o++) {
        if (!done[o] && (p < 0 || reach[o] < reach[p])) {
          p = o;
        }
      }
      done[p] = true;
      ordering[t] = p;
      if (core[p] == Double.POSITIVE_INFINITY) {
        continue;
      }
      for (int o = 0; o < n; o++) {
        if (!done[o] && dist[p][o] <= maxEps) {
          double rd = round15(Math.max(dist[p][o], core[p]));
          if (rd < reach[o]) {
            reach[o] = rd;
            pred[o] = p;
          }
        }
      }
    }
    assertArrayEquals(core, r.coreDistances(), 0.0, "core distances " + c);
    assertArrayEquals(ordering, r.ordering(), "ordering " + c);
    assertArrayEquals(reach, r.reachability(), 0.0, "reachability " + c);
    assertArrayEquals(pred, r.predecessor(), "predecessor " + c);
  }

  /**
   * The DBSCAN cut at eps against {@link Dbscan} at eps with minPts = minSamples: the same core rows, the same
   * partition of the core rows, DBSCAN's noise is noise, every core row is in a cluster, and a non-core row in a
   * cluster has a core row of that cluster within eps (it is a border row of that cluster). Border rows may be noise
   * in the cut (visited before their cluster) or in another of the clusters they touch.
   */
  @Property(tries = 120)
  void dbscanCutAgreesWithDbscan(@ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = data(seed, n, d);
    Rng rng = new Rng(seed * 31 + 7);
    double eps = integral(x) ? 1 + rng.nextInt(3) : 0.2 + rng.nextDouble() * 0.8;
    Optics c = config(seed, n, x);
    if (c.maxEps() < eps) {
      c = c.maxEps(eps + (rng.nextInt(2) == 0 ? 0 : 1));
    }
    OpticsResult r = c.fit(Dataset.of(x));
    int[] cut = r.dbscanLabels(eps);
    DbscanModel m = Dbscan.eps(eps).minPts(c.minSamples()).metric(c.metric()).fit(Dataset.of(x));
    int[] db = m.labels();
    boolean[] coreMask = m.coreMask();
    double[] core = r.coreDistances();
    for (int i = 0; i < n; i++) {
      assertEquals(coreMask[i], core[i] <= eps, "core row " + i + ", eps " + eps + ", " + c);
      if (db[i] < 0) {
        assertEquals(-1, cut[i], "DBSCAN noise row " + i);
      }
      if (coreMask[i]) {
        assertTrue(cut[i] >= 0, "core row " + i + " in a cluster");
        for (int j = 0; j < n; j++) {
          if (coreMask[j]) {
            assertEquals(db[i] == db[j], cut[i] == cut[j], "core rows " + i + " and " + j);
          }
        }
      } else if (cut[i] >= 0) {
        boolean found = false;
        for (int j = 0; j < n && !found; j++) {
          found = coreMask[j] && cut[j] == cut[i] && c.metric().distance(x[i], x[j]) <= eps;
        }
        assertTrue(found, "border row " + i + " has a core row of its cluster within eps");
      }
    }
  }

  /**
   * Bounds: the ordering is a permutation; a row has a predecessor exactly when its reachability is finite, the
   * predecessor comes earlier in the ordering, has a finite core distance not above the reachability, and is within
   * maxEps; labels are in [-1, clusterCount) and every label occurs; under xi every hierarchy cluster has at least
   * minClusterSize rows, the hierarchy is sorted by (end, -start), and each label's rows are one hierarchy cluster's
   * positions in the ordering.
   */
  @Property(tries = 120)
  void outputsWithinTheirBounds(@ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = data(seed, n, d);
    Optics c = config(seed, n, x);
    OpticsResult r = c.fit(Dataset.of(x));
    int[] ordering = r.ordering();
    double[] reach = r.reachability();
    double[] core = r.coreDistances();
    int[] pred = r.predecessor();
    int[] pos = new int[n];
    Arrays.fill(pos, -1);
    for (int i = 0; i < n; i++) {
      assertEquals(-1, pos[ordering[i]], "row " + ordering[i] + " twice");
      pos[ordering[i]] = i;
    }
    assertEquals(Double.POSITIVE_INFINITY, reach[ordering[0]], 0.0, "first row");
    for (int o = 0; o < n; o++) {
      assertEquals(reach[o] < Double.POSITIVE_INFINITY, pred[o] >= 0, "predecessor of row " + o);
      if (pred[o] >= 0) {
        int p = pred[o];
        assertTrue(pos[p] < pos[o], "predecessor before row " + o);
        assertTrue(core[p] <= reach[o], "core of predecessor <= reachability, row " + o);
        assertTrue(c.metric().distance(x[p], x[o]) <= c.maxEps(), "predecessor within maxEps, row " + o);
      }
    }
    int[] labels = r.labels();
    int k = r.clusterCount();
    int[] first = new int[k];
    int[] last = new int[k];
    int[] count = new int[k];
    Arrays.fill(first, n);
    Arrays.fill(last, -1);
    for (int i = 0; i < n; i++) {
      int l = labels[ordering[i]];
      assertTrue(l >= -1 && l < k, "label " + l);
      if (l >= 0) {
        first[l] = Math.min(first[l], i);
        last[l] = Math.max(last[l], i);
        count[l]++;
      }
    }
    int[][] h = r.clusterHierarchy();
    for (int i = 0; i < h.length; i++) {
      assertTrue(h[i][1] - h[i][0] + 1 >= c.minClusterSize(), "cluster size " + Arrays.toString(h[i]));
      if (i > 0) {
        assertTrue(h[i - 1][1] < h[i][1] || (h[i - 1][1] == h[i][1] && h[i - 1][0] > h[i][0]),
            "hierarchy order at " + i);
      }
    }
    for (int l = 0; l < k; l++) {
      assertTrue(count[l] > 0, "label " + l + " unused");
      assertEquals(last[l] - first[l] + 1, count[l], "label " + l + " contiguous in the ordering");
      boolean inHierarchy = false;
      for (int[] cl : h) {
        inHierarchy |= cl[0] == first[l] && cl[1] == last[l];
      }
      assertTrue(inHierarchy, "label " + l + " is a hierarchy cluster");
    }
  }

  /** The thread count changes nothing (more than one chunk of core distances from 257 rows). */
  @Property(tries = 30)
  void parallelismChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 2000) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 2, max = 4) int threads) {
    double[][] x = data(seed, n, d);
    Optics c = config(seed, n, x);
    OpticsResult a = c.fit(Dataset.of(x));
    OpticsResult b = c.parallelism(threads).fit(Dataset.of(x));
    assertArrayEquals(a.ordering(), b.ordering());
    assertArrayEquals(a.reachability(), b.reachability(), 0.0);
    assertArrayEquals(a.coreDistances(), b.coreDistances(), 0.0);
    assertArrayEquals(a.predecessor(), b.predecessor());
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(Arrays.deepToString(a.clusterHierarchy()), Arrays.deepToString(b.clusterHierarchy()));
  }

  /** Neither the caller's rows nor the result change when the caller writes into arrays it was given. */
  @Property(tries = 30)
  void callerArraysUntouchedAndResultsCopied(@ForAll long seed, @ForAll @IntRange(min = 2, max = 100) int n,
      @ForAll @IntRange(min = 1, max = 3) int d) {
    double[][] x = data(seed, n, d);
    double[][] before = new double[n][];
    for (int i = 0; i < n; i++) {
      before[i] = x[i].clone();
    }
    Dataset ds = Dataset.of(x);
    double[] flat = ds.toArray();
    OpticsResult r = config(seed, n, x).fit(ds);
    assertArrayEquals(flat, ds.toArray(), 0.0, "dataset");
    for (int i = 0; i < n; i++) {
      assertArrayEquals(before[i], x[i], 0.0, "row " + i);
    }
    int[] ordering = r.ordering();
    double[] reach = r.reachability();
    int[] labels = r.labels();
    int[][] h = r.clusterHierarchy();
    ordering[0] = -5;
    reach[0] = -5;
    labels[0] = -5;
    if (h.length > 0) {
      h[0][0] = -5;
      assertTrue(r.clusterHierarchy()[0][0] >= 0);
    }
    assertTrue(r.ordering()[0] >= 0 && r.reachability()[0] >= 0 && r.labels()[0] >= -1);
  }
}
