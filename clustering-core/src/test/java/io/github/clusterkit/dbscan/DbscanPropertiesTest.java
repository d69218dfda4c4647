package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of DBSCAN on seeded random data (blobs with noise, and integer lattices full of ties). */
class DbscanPropertiesTest {

  /** Random data: Gaussian blobs with uniform noise, or integer points (exact distances, duplicates). */
  static double[][] data(long seed, int n, int d) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][d];
    boolean lattice = rng.nextInt(3) == 0;
    int k = 1 + rng.nextInt(4);
    double[][] centres = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centres[c][j] = rng.uniform(-5, 5);
      }
    }
    for (int i = 0; i < n; i++) {
      boolean noise = rng.nextInt(10) == 0;
      int c = rng.nextInt(k);
      for (int j = 0; j < d; j++) {
        double v = noise ? rng.uniform(-7, 7) : centres[c][j] + rng.nextGaussian();
        x[i][j] = lattice ? Math.rint(v * 2) : v;
      }
    }
    return x;
  }

  static Metric metric(long seed) {
    return Metric.values()[new Rng(seed ^ 0x5DEECE66DL).nextInt(3)];
  }

  /** An eps that gives a mix of core, border and noise points: a lattice step or a fraction of the spread. */
  static double eps(long seed, double[][] x) {
    Rng rng = new Rng(seed * 31 + 7);
    boolean integral = true;
    for (double[] r : x) {
      for (double v : r) {
        integral &= v == Math.rint(v);
      }
    }
    if (integral) {
      return 1 + rng.nextInt(3); // exactly the lattice step: many pairs at distance eps
    }
    return 0.2 + rng.nextDouble() * 0.8;
  }

  static int[] permutation(long seed, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    new Rng(seed + 99).shuffle(p);
    return p;
  }

  @Property(tries = 60)
  void rowPermutationKeepsCoreMaskNoiseAndCorePartition(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int n, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 12) int minPts) {
    double[][] x = data(seed, n, d);
    int[] perm = permutation(seed, n);
    double[][] px = new double[n][];
    for (int i = 0; i < n; i++) {
      px[i] = x[perm[i]];
    }
    Dbscan config = Dbscan.eps(eps(seed, x)).minPts(minPts).metric(metric(seed));
    DbscanModel a = config.fit(Dataset.of(x));
    DbscanModel b = config.fit(Dataset.of(px));
    boolean[] ca = a.coreMask();
    boolean[] cb = b.coreMask();
    int[] la = a.labels();
    int[] lb = b.labels();
    int[] laPermuted = new int[n];
    boolean[] caPermuted = new boolean[n];
    for (int i = 0; i < n; i++) {
      laPermuted[i] = la[perm[i]];
      caPermuted[i] = ca[perm[i]];
      assertEquals(la[perm[i]] < 0, lb[i] < 0, "noise flag of permuted row " + i);
    }
    assertArrayEquals(caPermuted, cb, "core mask");
    DbscanOracle.assertSamePartition(laPermuted, lb, cb, "core partition");
    assertEquals(a.clusterCount(), b.clusterCount());
  }

  @Property(tries = 25)
  void threadCountChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4000) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 12) int minPts,
      @ForAll boolean star) {
    double[][] x = data(seed, n, d);
    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(eps(seed, x) * 0.5).minPts(minPts).metric(metric(seed))
        .borderPointsAsNoise(star);
    DbscanModel one = config.fit(data);
    for (int threads = 2; threads <= 3; threads++) {
      DbscanModel many = config.parallelism(threads).fit(data);
      assertArrayEquals(one.labels(), many.labels(), threads + " threads");
      assertArrayEquals(one.coreMask(), many.coreMask(), threads + " threads");
    }
  }

  @Property(tries = 40)
  void everyPathMatchesTheBruteForceDefinition(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 12) int minPts, @ForAll boolean star) {
    double[][] x = data(seed, n, d);
    Metric metric = metric(seed);
    double eps = eps(seed, x);
    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(eps).minPts(minPts).metric(metric).borderPointsAsNoise(star);
    DbscanModel grid = config.search(Dbscan.Search.GRID).fit(data);
    DbscanModel tree = config.search(Dbscan.Search.KD_TREE).fit(data);
    DbscanModel brute = config.search(Dbscan.Search.BRUTE_FORCE).fit(data);
    if (d <= 3) {
      assertEquals(Dbscan.Search.GRID, grid.search());
    }
    // brute-force oracle of the definition (DbscanOracle), and identical labels on every path
    DbscanOracle.assertExact(x, metric, eps, minPts, star, brute);
    assertArrayEquals(brute.labels(), grid.labels(), "grid vs brute force");
    assertArrayEquals(brute.labels(), tree.labels(), "KD-tree vs brute force");
  }

  @Property(tries = 15)
  void kdTreePathMatchesTheBruteForceDefinitionInHigherDimensions(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 2500) int n, @ForAll @IntRange(min = 5, max = 10) int d,
      @ForAll @IntRange(min = 1, max = 12) int minPts, @ForAll boolean star) {
    // d > 3 takes the KD-tree path by default; n up to 2500 gives it many leaves and several chunks, so
    // two and three threads really interleave (the pruning of the union phase then differs, the result not)
    double[][] x = data(seed, n, d);
    Metric metric = metric(seed);
    // the lattice steps stay as they are (exact ties); continuous data need a wider eps in more dimensions
    double eps = eps(seed, x);
    if (eps < 1) {
      eps *= Math.sqrt(d);
    }
    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(eps).minPts(minPts).metric(metric).borderPointsAsNoise(star);
    DbscanModel tree = config.fit(data);
    assertEquals(Dbscan.Search.KD_TREE, tree.search());
    DbscanOracle.assertExact(x, metric, eps, minPts, star, tree);
    assertArrayEquals(config.search(Dbscan.Search.BRUTE_FORCE).fit(data).labels(), tree.labels(),
        "KD-tree vs brute force");
    for (int threads = 2; threads <= 3; threads++) {
      DbscanModel many = config.parallelism(threads).fit(data);
      assertArrayEquals(tree.labels(), many.labels(), threads + " threads");
      assertArrayEquals(tree.coreMask(), many.coreMask(), threads + " threads");
    }
  }

  @Property(tries = 40)
  void tinyEpsGivesAllNoise(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 2, max = 20) int minPts) {
    double[][] x = data(seed, n, d);
    for (int i = 0; i < n; i++) {
      x[i][0] += i * 1e-3; // make the rows distinct; the smallest distance is then positive
    }
    double minDist = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        minDist = Math.min(minDist, Metric.EUCLIDEAN.distance(x[i], x[j]));
      }
    }
    double eps = n == 1 ? 1e-9 : minDist / 2;
    DbscanModel m = Dbscan.eps(eps).minPts(minPts).fit(Dataset.of(x));
    // exact: no point has another within eps, so every neighbourhood has size 1 < minPts
    assertEquals(n, m.noiseCount());
    assertEquals(0, m.clusterCount());
    assertEquals(0, m.coreCount());
    // the smallest positive eps too (the grid cannot represent it and the KD-tree takes over)
    assertEquals(n, Dbscan.eps(Double.MIN_VALUE).minPts(minPts).fit(Dataset.of(x)).noiseCount());
  }

  @Property(tries = 40)
  void epsAboveDiameterGivesOneCluster(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 50) int minPtsRaw) {
    double[][] x = data(seed, n, d);
    Metric metric = metric(seed);
    double diameter = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        diameter = Math.max(diameter, metric.distance(x[i], x[j]));
      }
    }
    int minPts = Math.min(minPtsRaw, n);
    DbscanModel m = Dbscan.eps(diameter + 1).minPts(minPts).metric(metric).fit(Dataset.of(x));
    // exact: every neighbourhood is the whole data set, n >= minPts, so all points are core and connected
    assertEquals(1, m.clusterCount());
    assertEquals(n, m.coreCount());
    assertArrayEquals(new int[n], m.labels());
  }

  @Property(tries = 40)
  void predictingTheTrainingRowsGivesTheirLabels(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int n, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 12) int minPts, @ForAll boolean star) {
    double[][] x = data(seed, n, d);
    Dataset data = Dataset.of(x);
    DbscanModel m = Dbscan.eps(eps(seed, x)).minPts(minPts).metric(metric(seed))
        .borderPointsAsNoise(star).fit(data);
    int[] labels = m.labels();
    boolean[] core = m.coreMask();
    // predict applies fit's border rule, so on the training rows it must reproduce the labels
    assertArrayEquals(labels, m.predict(data));
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        assertEquals(labels[i], m.predict(x[i]), "core row " + i);
        Assignment a = m.assign(x[i]);
        assertEquals(Assignment.Kind.CORE_LIKE, a.kind());
        assertEquals(0.0, a.distance());
      } else {
        Assignment a = m.assign(x[i]);
        assertEquals(labels[i], a.label());
        assertTrue(a.kind() != Assignment.Kind.CORE_LIKE || a.label() >= 0);
        assertTrue(a.distance() > 0);
      }
    }
  }
}
