package io.github.clusterkit.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of HDBSCAN* on seeded random data: Gaussian blobs with uniform noise, and integer lattices full of equal
 * distances and duplicate rows (where the n-ary splitting matters). The oracles are exact: DBSCAN* itself for the
 * hierarchy's levels, the same fit on permuted or power-of-two-scaled rows, and the definitions' bounds.
 */
class HdbscanPropertiesTest {

  /** Blobs with noise or lattice points (shared with DBSCAN's properties), as a dataset. */
  static double[][] data(long seed, int n, int d) {
    return io.github.clusterkit.dbscan.DbscanPropertiesTestAccess.data(seed, n, d);
  }

  static Metric metric(long seed) {
    return Metric.values()[new Rng(seed ^ 0x5DEECE66DL).nextInt(3)];
  }

  static Hdbscan config(long seed, int n) {
    Rng rng = new Rng(seed * 7 + 3);
    int m = 2 + rng.nextInt(Math.max(1, Math.min(n - 1, 15)));
    Hdbscan c = Hdbscan.minClusterSize(Math.min(m, n)).metric(metric(seed));
    if (rng.nextInt(2) == 0) {
      c = c.minSamples(1 + rng.nextInt(Math.min(n, 12)));
    }
    return rng.nextInt(4) == 0 ? c.selection(Hdbscan.Selection.LEAF) : c;
  }

  /**
   * {@link #config(long, int)} with, at random, allowSingleCluster and a cluster selection radius (an integer on
   * lattice data, where it can equal a birth radius exactly).
   */
  static Hdbscan optionsConfig(long seed, int n, double[][] x) {
    Rng rng = new Rng(seed * 13 + 5);
    Hdbscan c = config(seed, n).allowSingleCluster(rng.nextInt(2) == 0);
    boolean integral = true;
    for (double[] r : x) {
      for (double v : r) {
        integral &= v == Math.rint(v);
      }
    }
    switch (rng.nextInt(3)) {
      case 0:
        return c;
      case 1:
        return c.clusterSelectionEpsilon(integral ? 1 + rng.nextInt(3) : rng.nextDouble() * 1.5);
      default:
        return c.clusterSelectionEpsilon(integral ? 0.5 + rng.nextInt(3) : rng.nextDouble() * 0.3);
    }
  }

  /**
   * Every level of the hierarchy is DBSCAN*: the labels read off at eps equal those of a DBSCAN* fit with
   * minPts = minSamples, exactly (both number clusters by their first row).
   */
  @Property(tries = 80)
  void everyLevelIsDbscanStar(@ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = data(seed, n, d);
    Hdbscan config = config(seed, n);
    HdbscanModel m = config.fit(Dataset.of(x));
    Rng rng = new Rng(seed + 5);
    boolean integral = true;
    for (double[] r : x) {
      for (double v : r) {
        integral &= v == Math.rint(v);
      }
    }
    for (int t = 0; t < 4; t++) {
      double eps = integral ? 1 + rng.nextInt(4) : 0.1 + rng.nextDouble() * 1.5;
      int[] expected = Dbscan.eps(eps).minPts(config.minSamples()).metric(config.metric()).borderPointsAsNoise(true)
          .fit(Dataset.of(x)).labels();
      assertArrayEquals(expected, m.dbscanLabels(eps), "eps " + eps + ", " + config);
    }
  }

  /** The result is a function of the set of rows: permuting them permutes every output (labels renumbered). */
  @Property(tries = 80)
  void rowOrderChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = data(seed, n, d);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    new Rng(seed + 99).shuffle(perm);
    double[][] px = new double[n][];
    for (int i = 0; i < n; i++) {
      px[i] = x[perm[i]];
    }
    Hdbscan config = optionsConfig(seed, n, x);
    HdbscanModel a = config.fit(Dataset.of(x));
    HdbscanModel b = config.fit(Dataset.of(px));
    assertEquals(a.clusterCount(), b.clusterCount());
    int[] la = a.labels();
    int[] lb = b.labels();
    int[] map = new int[a.clusterCount()];
    java.util.Arrays.fill(map, -2);
    double[] pa = a.probabilities();
    double[] pb = b.probabilities();
    double[] sa = a.outlierScores();
    double[] sb = b.outlierScores();
    double[] ca = a.coreDistances();
    double[] cb = b.coreDistances();
    for (int i = 0; i < n; i++) {
      int o = perm[i];
      assertEquals(la[o] < 0, lb[i] < 0, "noise of row " + o);
      if (la[o] >= 0) {
        if (map[la[o]] == -2) {
          map[la[o]] = lb[i];
        }
        assertEquals(map[la[o]], lb[i], "cluster of row " + o);
      }
      assertEquals(pa[o], pb[i], 0.0, "probability of row " + o);
      assertEquals(sa[o], sb[i], 0.0, "outlier score of row " + o);
      assertEquals(ca[o], cb[i], 0.0, "core distance of row " + o);
    }
  }

  /** The thread count changes nothing. */
  @Property(tries = 30)
  void parallelismChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 2000) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 2, max = 4) int threads) {
    double[][] x = data(seed, n, d);
    Hdbscan config = optionsConfig(seed, n, x);
    HdbscanModel one = config.fit(Dataset.of(x));
    HdbscanModel many = config.parallelism(threads).fit(Dataset.of(x));
    assertEquals(one, many);
  }

  /**
   * The definitions' bounds: labels in [-1, clusterCount), every cluster has at least minClusterSize rows (a selected
   * cluster keeps every row it had when born, and it was born large), probabilities and scores in [0, 1],
   * probability 0 for noise, and core distances those of a brute-force sort.
   */
  @Property(tries = 80)
  void outputsWithinTheirBounds(@ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[][] x = data(seed, n, d);
    Hdbscan config = config(seed, n);
    HdbscanModel m = config.fit(Dataset.of(x));
    int[] labels = m.labels();
    double[] p = m.probabilities();
    double[] s = m.outlierScores();
    double[] core = m.coreDistances();
    int[] sizes = new int[m.clusterCount()];
    for (int i = 0; i < n; i++) {
      assertTrue(labels[i] >= -1 && labels[i] < m.clusterCount(), "label " + labels[i]);
      if (labels[i] >= 0) {
        sizes[labels[i]]++;
      } else {
        assertEquals(0.0, p[i], 0.0, "noise row " + i + " probability");
      }
      assertTrue(p[i] >= 0 && p[i] <= 1, "probability " + p[i]);
      assertTrue(s[i] >= 0 && s[i] <= 1, "score " + s[i]);
      double[] dist = new double[n];
      for (int j = 0; j < n; j++) {
        dist[j] = config.metric().distance(x[i], x[j]);
      }
      java.util.Arrays.sort(dist);
      assertEquals(dist[config.minSamples() - 1], core[i], 0.0, "core distance of row " + i);
    }
    int first = -1;
    for (int c = 0; c < sizes.length; c++) {
      assertTrue(sizes[c] >= config.minClusterSize(), "cluster " + c + " has " + sizes[c] + " rows");
      assertEquals(sizes[c], m.clusterSize(c));
    }
    // clusters numbered by their first row
    for (int i = 0; i < n; i++) {
      if (labels[i] > first) {
        assertEquals(first + 1, labels[i], "row " + i + " opens a cluster out of order");
        first = labels[i];
      }
    }
    assertEquals(m.clusterCount() - 1, first);
  }

  /** Multiplying every value by a power of two changes no label, probability or score and scales core distances. */
  @Property(tries = 40)
  void powerOfTwoScaleChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = -900, max = 900) int exponent) {
    double[][] x = data(seed, n, d);
    double[][] y = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        y[i][j] = Math.scalb(x[i][j], exponent);
      }
    }
    Hdbscan config = optionsConfig(seed, n, x);
    HdbscanModel a = config.fit(Dataset.of(x));
    // the radius is in the data's units: it scales with them
    HdbscanModel b = config.clusterSelectionEpsilon(Math.scalb(config.clusterSelectionEpsilon(), exponent))
        .fit(Dataset.of(y));
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.probabilities(), b.probabilities(), 0.0);
    assertArrayEquals(a.outlierScores(), b.outlierScores(), 0.0);
    double[] ca = a.coreDistances();
    double[] cb = b.coreDistances();
    for (int i = 0; i < n; i++) {
      assertEquals(Math.scalb(ca[i], exponent), cb[i], 0.0, "core distance of row " + i);
    }
  }
  /**
   * As {@link #powerOfTwoScaleChangesNothing} down to the subnormal range, where the data (rounded to multiples of
   * 2^-20, so that their scaled values are exact) are far below 1e-300: the hierarchy is built from the exactly
   * scaled rows, so labels, probabilities and scores are those of the unscaled data (core distances are reported in
   * the data's units, rounded there). Before the fix the spanning tree's weights came back in the data's units,
   * rounded to subnormals, and the lambdas taken from them differed (seed 38 of the blobs: 80 of 165 weights, and the
   * probabilities).
   */
  @Property(tries = 40)
  void powerOfTwoScaleIntoSubnormalsChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = -1040, max = -1000) int exponent) {
    double[][] x = data(seed, n, d);
    double[][] y = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = Math.scalb(Math.rint(Math.scalb(x[i][j], 20)), -20);
        y[i][j] = Math.scalb(x[i][j], exponent);
        assertEquals(x[i][j], Math.scalb(y[i][j], -exponent), 0.0, "exact scaling");
      }
    }
    Hdbscan config = config(seed, n);
    HdbscanModel a = config.fit(Dataset.of(x));
    HdbscanModel b = config.fit(Dataset.of(y));
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.probabilities(), b.probabilities(), 0.0);
    assertArrayEquals(a.outlierScores(), b.outlierScores(), 0.0);
    double[] q = x[0].clone();
    double[] qy = y[0].clone();
    assertEquals(a.membership(q), b.membership(qy));
  }
}
