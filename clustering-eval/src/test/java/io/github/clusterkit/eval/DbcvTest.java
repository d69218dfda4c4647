package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.DbcvKernel;
import io.github.clusterkit.eval.internal.Parallel;
import io.github.clusterkit.eval.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Dbcv} against ELKI's published figure, the brute-force oracle {@code tools/dbcv_reference.py} (fixtures
 * {@code fixtures/eval/dbcv_cases.csv} and {@code dbcv_expected.csv}, written by
 * {@code /usr/bin/python3 tools/dbcv_reference.py}), hand computations and the documented edge cases.
 *
 * <p>Tolerance 1e-12 against the script and ELKI: both compute the same operations in another order or precision
 * (the script's core distances are correctly rounded from 50-digit arithmetic, ELKI sums {@code dist^-d} directly),
 * which moves values of order 1 by a few units of 1e-16; a different definition or spanning tree moves them by
 * 1e-4 or more (on ELKI's file the nearest other tree gives 0.699043572420441).
 */
class DbcvTest {

  private static final double TOL = 1e-12;

  @Test
  void elkiFigureWithElkisTieOrder() {
    // ELKI DBCVTest (elki-project/elki, elki-clustering/src/test/java/elki/evaluation/clustering/internal/
    // DBCVTest.java) asserts 0.699142946543063 on uebungsblatt-2d-mini-jitter.csv, "Outlier" rows as noise.
    SharedData.Labelled f = SharedData.elki("uebungsblatt-2d-mini-jitter.csv", 2);
    double[] x = Dataset.of(f.x).toArray();
    // ELKI's member order of the three clusters (its hash set's iteration order; 0-based rows), printed by
    // tools/dbcv_reference.py, which derives it (elki_member_order) and gets 0.6991429465430626 with it.
    int[] rows = {5, 3, 2, 6, 4, 14, 13, 11, 12, 8, 10, 9, 15, 16, 18, 17, 19};
    int[] start = {0, 5, 13, 17};
    double[] v = DbcvKernel.validity(x, 2, rows, start);
    double dbcv = (5 * v[0] + 8 * v[1] + 4 * v[2]) / 20; // 20 rows, the 3 outliers count
    assertEquals(0.699142946543063, dbcv, TOL);
  }

  @Test
  void elkiFileWithTiesByCoordinates() {
    // tools/dbcv_reference.py: 0.7119996246603337 with ties broken by coordinates (IGNORE 0.8376466172474515,
    // MERGE 0.5971346268233777). The same file has eight values over its spanning trees, ELKI's among them.
    SharedData.Labelled f = SharedData.elki("uebungsblatt-2d-mini-jitter.csv", 2);
    Dataset data = Dataset.of(f.x);
    assertEquals(0.7119996246603337, Dbcv.score(data, f.labels), TOL);
    assertEquals(0.8376466172474515, Dbcv.score(data, f.labels, NoisePolicy.IGNORE), TOL);
    assertEquals(0.5971346268233777, Dbcv.score(data, f.labels, NoisePolicy.MERGE), TOL);
    // the default is SINGLETONS, exactly
    assertEquals(Dbcv.score(data, f.labels, NoisePolicy.SINGLETONS), Dbcv.score(data, f.labels), 0.0);
  }

  @Test
  void matchesTheBruteForceScript() throws IOException {
    Map<String, List<double[]>> rows = new LinkedHashMap<>();
    Map<String, List<Integer>> labels = new LinkedHashMap<>();
    for (String[] f : csv("/fixtures/eval/dbcv_cases.csv")) {
      double[] r = new double[f.length - 2];
      for (int t = 0; t < r.length; t++) {
        r[t] = Double.parseDouble(f[t + 2]);
      }
      rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(r);
      labels.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Integer.parseInt(f[1]));
    }
    int checked = 0;
    for (String[] f : csv("/fixtures/eval/dbcv_expected.csv")) {
      Dataset data = Dataset.of(rows.get(f[0]).toArray(new double[0][]));
      int[] l = labels.get(f[0]).stream().mapToInt(Integer::intValue).toArray();
      double expected = Double.parseDouble(f[2]);
      assertEquals(expected, Dbcv.score(data, l, NoisePolicy.valueOf(f[1])), TOL, f[0] + " " + f[1]);
      checked++;
    }
    assertEquals(27, checked, "9 cases times 3 noise policies");
  }

  @Test
  void fiftyColumnsAtAnyScale() {
    // dim50, dim50_tiny, dim50_huge are one configuration at scales 1, 1e-9 and 1e9, where dist^-50 alone would
    // overflow (1e450) or underflow (1e-450): the script's values agree to 2 units of 1e-16, and so do these.
    Map<String, double[][]> cases = new LinkedHashMap<>();
    int[] l = null;
    try {
      for (String name : new String[] {"dim50", "dim50_tiny", "dim50_huge"}) {
        List<double[]> r = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        for (String[] f : csv("/fixtures/eval/dbcv_cases.csv")) {
          if (f[0].equals(name)) {
            double[] row = new double[50];
            for (int t = 0; t < 50; t++) {
              row[t] = Double.parseDouble(f[t + 2]);
            }
            r.add(row);
            lab.add(Integer.parseInt(f[1]));
          }
        }
        cases.put(name, r.toArray(new double[0][]));
        l = lab.stream().mapToInt(Integer::intValue).toArray();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    double base = Dbcv.score(Dataset.of(cases.get("dim50")), l);
    assertEquals(0.2992227510294651, base, TOL); // tools/dbcv_reference.py, case dim50
    assertEquals(base, Dbcv.score(Dataset.of(cases.get("dim50_tiny")), l), TOL);
    assertEquals(base, Dbcv.score(Dataset.of(cases.get("dim50_huge")), l), TOL);
  }

  @Test
  void twoPairsByHand() {
    // Exact computation: in a cluster of two each core distance is the pair's distance (1 and 2); both points
    // are internal; separation max(1, 2, 9) = 9 for both; V = 8/9 and 7/9; DBCV = (2 * 8/9 + 2 * 7/9) / 4 = 5/6.
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {10, 0}, {12, 0}});
    assertEquals(5.0 / 6.0, Dbcv.score(data, new int[] {0, 0, 1, 1}), 1e-15);
    // a noise row counts in N under the default (4 / 5 of the value) and not under IGNORE
    Dataset withNoise = Dataset.of(new double[][] {{0, 0}, {1, 0}, {10, 0}, {12, 0}, {5, 7}});
    assertEquals(4.0 / 6.0, Dbcv.score(withNoise, new int[] {0, 0, 1, 1, -1}), 1e-15);
    assertEquals(5.0 / 6.0, Dbcv.score(withNoise, new int[] {0, 0, 1, 1, -1}, NoisePolicy.IGNORE), 1e-15);
  }

  @Test
  void threePointClusterUsesAllEdgesAndItsMiddlePoint() {
    // Exact computation, d = 1, so core distances are harmonic means. Cluster A = {0, 1, 3}: core(0) = 1.5 (of 1
    // and 3), core(1) = 4/3 (of 1 and 2), core(3) = 2.4 (of 3 and 2). Tree: 0-1 (max(1.5, 4/3, 1) = 1.5) and 1-3
    // (max(4/3, 2.4, 2) = 2.4); no edge joins two internal nodes, so DSC = 2.4; internal node: 1. Cluster B =
    // {20, 21}: cores 1, DSC 1, both internal. DSPC = max(4/3, 1, 19) = 19. V(A) = (19 - 2.4) / 19 = 83/95,
    // V(B) = 18/19; DBCV = (3 * 83/95 + 2 * 18/19) / 5 = 429/475.
    Dataset data = Dataset.of(new double[][] {{0}, {1}, {3}, {20}, {21}});
    double expected = 429.0 / 475;
    assertEquals(expected, Dbcv.score(data, new int[] {4, 4, 4, 9, 9}), 1e-15);
  }

  @Test
  void clusterOfOnePointIsScoredAsNoise() {
    double[][] x = Fixtures.points(11, 40, 2, 3, false);
    int[] labels = Fixtures.labels(11, 40, 3, 10);
    labels[7] = 99; // a cluster of one point
    int[] asNoise = labels.clone();
    asNoise[7] = -1;
    Dataset data = Dataset.of(x);
    assertEquals(Dbcv.score(data, asNoise), Dbcv.score(data, labels), 0.0);
    // under IGNORE the row still counts in N (it is not noise), so the two differ
    assertTrue(Dbcv.score(data, asNoise, NoisePolicy.IGNORE) != Dbcv.score(data, labels, NoisePolicy.IGNORE));
  }

  @Test
  void duplicateRows() {
    // Two clusters of copies of one point each: every core distance 0, sparseness 0, separation 5: V = 1.
    Dataset copies = Dataset.of(new double[][] {{0, 0}, {0, 0}, {0, 0}, {3, 4}, {3, 4}});
    assertEquals(1.0, Dbcv.score(copies, new int[] {0, 0, 0, 1, 1}), 0.0);
    // The same point in both clusters: separation 0 and sparseness 0, V = 0 (not 0 / 0).
    Dataset same = Dataset.of(new double[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}});
    assertEquals(0.0, Dbcv.score(same, new int[] {0, 0, 1, 1}), 0.0);
    // A copy inside a larger cluster gives its two rows core distance 0, the limit as a copy approaches: a copy
    // at distance 1e-150 instead gives the same value to 1e-12 (core distances about 1e-150 * 3^(1/2)).
    double[][] x = {{0, 0}, {0, 0}, {1, 0}, {0, 1.5}, {8, 8}, {8, 9}, {9.5, 8}};
    double[][] near = {{0, 0}, {0, 1e-150}, {1, 0}, {0, 1.5}, {8, 8}, {8, 9}, {9.5, 8}};
    int[] l = {0, 0, 0, 0, 1, 1, 1};
    assertEquals(Dbcv.score(Dataset.of(near), l), Dbcv.score(Dataset.of(x), l), TOL);
  }

  @Test
  void extremeMagnitudesGiveTheSameValue() {
    // Powers of two scale every distance exactly, and the data are brought back into range exactly (Scale).
    double[][] x = Fixtures.points(5, 60, 3, 3, true);
    int[] labels = Fixtures.labels(5, 60, 3, 10);
    double v = Dbcv.score(Dataset.of(x), labels);
    for (int e : new int[] {-900, -600, -3, 5, 600, 900}) {
      double[][] s = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        s[i] = x[i].clone();
        for (int t = 0; t < s[i].length; t++) {
          s[i][t] = Math.scalb(s[i][t], e);
        }
      }
      assertEquals(v, Dbcv.score(Dataset.of(s), labels), 0.0, "scaled by 2^" + e);
    }
  }

  @Test
  void fewerThanTwoClustersOfTwoPoints() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {2, 0}, {5, 5}, {9, 9}});
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> Dbcv.score(data, new int[] {0, 0, 0, 1, -1}));
    // the noise row is counted as noise, not as a second cluster of one point (label 1 is the only such cluster)
    assertEquals("DBCV needs at least 2 clusters of at least 2 points, got 1 (1 cluster(s) of one point, scored as"
        + " noise; noise policy SINGLETONS, 1 noise rows)", one.getMessage());
    IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
        () -> Dbcv.score(data, new int[] {0, 0, 0, 0, 0}));
    assertEquals("DBCV needs at least 2 clusters of at least 2 points, got 1 (no other cluster; noise policy"
        + " SINGLETONS, 0 noise rows)", single.getMessage());
    // one cluster and noise (an HDBSCAN* fit with allowSingleCluster): no cluster of one point to speak of
    IllegalArgumentException oneAndNoise = assertThrows(IllegalArgumentException.class,
        () -> Dbcv.score(data, new int[] {0, 0, 0, -1, -1}));
    assertEquals("DBCV needs at least 2 clusters of at least 2 points, got 1 (no other cluster; noise policy"
        + " SINGLETONS, 2 noise rows)", oneAndNoise.getMessage());
    // every row noise under the default policy: said so, not "5 cluster(s) of one point"
    IllegalArgumentException allNoise = assertThrows(IllegalArgumentException.class,
        () -> Dbcv.score(data, new int[] {-1, -1, -1, -1, -1}));
    assertEquals("DBCV needs at least 2 clusters of at least 2 points, got 0 (every row is noise (label -1);"
        + " noise policy SINGLETONS, 5 noise rows)", allNoise.getMessage());
    IllegalArgumentException noise = assertThrows(IllegalArgumentException.class,
        () -> Dbcv.score(data, new int[] {-1, -1, -1, -1, -1}, NoisePolicy.IGNORE));
    assertEquals("DBCV needs at least 2 clusters of at least 2 points, got 0 (every row is noise (label -1);"
        + " noise policy IGNORE, 5 noise rows)", noise.getMessage());
    // MERGE makes the noise rows a cluster: {0, 1, 2} and {5 5, 9 9} are two clusters of at least two points
    double merged = Dbcv.score(data, new int[] {0, 0, 0, -1, -1}, NoisePolicy.MERGE);
    assertTrue(merged >= -1 && merged <= 1);
  }

  @Test
  void badArguments() {
    Dataset data = Dataset.of(new double[][] {{0, 0}, {1, 0}, {5, 5}, {6, 5}});
    assertEquals("labels must have one entry per row of data (4), got 3", assertThrows(
        IllegalArgumentException.class, () -> Dbcv.score(data, new int[] {0, 0, 1})).getMessage());
    assertEquals("labels must be >= -1 (-1 = noise), got -2 at row 2", assertThrows(
        IllegalArgumentException.class, () -> Dbcv.score(data, new int[] {0, 0, -2, 1})).getMessage());
    assertEquals("noise policy must not be null", assertThrows(
        IllegalArgumentException.class, () -> Dbcv.score(data, new int[] {0, 0, 1, 1}, null)).getMessage());
    assertEquals("data must not be null", assertThrows(
        IllegalArgumentException.class, () -> Dbcv.score(null, new int[] {0, 0, 1, 1})).getMessage());
    assertEquals("labels must not be null", assertThrows(
        IllegalArgumentException.class, () -> Dbcv.score(data, null)).getMessage());
    int[] labels = {1, 1, 0, 0};
    double[] before = data.toArray();
    Dbcv.score(data, labels);
    assertArrayEquals(new int[] {1, 1, 0, 0}, labels, "labels must not be modified");
    assertArrayEquals(before, data.toArray(), 0.0, "data must not be modified");
  }

  @Test
  void interruptStopsIt() {
    double[][] x = Fixtures.points(3, 300, 2, 3, false);
    int[] labels = Fixtures.labels(3, 300, 3, 5);
    Thread.currentThread().interrupt();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dbcv.score(Dataset.of(x), labels));
      assertEquals(Parallel.INTERRUPTED, e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void nonConvexClustersScoreHigherThanTheirKMeansCut() {
    // Two concentric rings: the ring labelling is the density-based answer; cutting the plane in halves (as
    // K-Means does) mixes the rings. DBCV prefers the rings, the silhouette prefers the halves.
    int n = 120;
    double[][] x = new double[2 * n][];
    int[] rings = new int[2 * n];
    int[] halves = new int[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      double a = 2 * Math.PI * (i % n) / n;
      double r = i < n ? 1 : 4;
      x[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
      rings[i] = i < n ? 0 : 1;
      halves[i] = x[i][0] < 0 ? 0 : 1;
    }
    Dataset data = Dataset.of(x);
    assertTrue(Dbcv.score(data, rings) > 0.5, "rings: " + Dbcv.score(data, rings));
    assertTrue(Dbcv.score(data, halves) < 0, "halves: " + Dbcv.score(data, halves));
    assertTrue(Silhouette.score(data, halves) > Silhouette.score(data, rings));
  }

  private static List<String[]> csv(String resource) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = DbcvTest.class.getResourceAsStream(resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.split(","));
        }
      }
    }
    return out;
  }
}
