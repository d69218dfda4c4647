package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.internal.Rng;
import java.io.IOException;
import java.util.Arrays;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterStability}: Jaccard coefficients of small partitions worked out by hand, stable blobs against a
 * deliberately split one, the Mall Customers' five segments, noise, thread-count independence, bounds, and the
 * argument checks. Exact agreement with the numpy port is in {@link ClusterStabilityReferenceTest}.
 */
class ClusterStabilityTest {

  @Test
  void jaccardOfKnownPartitions() {
    // original clusters C0 = rows {0, 1, 2}, C1 = {3, 4}, row 5 noise; the resample holds every row once and finds
    // D0 = {0, 1}, D1 = {2, 3, 4, 5}. J(C0, D0) = 2 / 3, J(C0, D1) = 1 / (3 + 4 - 1) = 1 / 6: best 2 / 3;
    // J(C1, D0) = 0, J(C1, D1) = 2 / (2 + 4 - 2) = 1 / 2
    int[] original = {0, 0, 0, 1, 1, -1};
    int[] all = {0, 1, 2, 3, 4, 5};
    assertArrayEquals(new double[] {2.0 / 3, 0.5},
        ClusterStability.bestJaccard(original, 2, all, new int[] {0, 0, 1, 1, 1, 1}), 0.0);
    // a resample's noise is no cluster, but its rows count in C*: D0 = {0, 1}, D1 = {3, 4}, rows 2, 5 noise:
    // J(C0, D0) = 2 / 3, J(C1, D1) = 1
    assertArrayEquals(new double[] {2.0 / 3, 1},
        ClusterStability.bestJaccard(original, 2, all, new int[] {0, 0, -1, 1, 1, -1}), 0.0);
    // copies count: rows (0, 0, 3) labelled (0, 0, 1): C0* = the two copies = D0, C1* = D1: both 1
    assertArrayEquals(new double[] {1, 1},
        ClusterStability.bestJaccard(original, 2, new int[] {0, 0, 3}, new int[] {0, 0, 1}), 0.0);
    // rows (0, 0, 1) labelled (0, 1, 1): C0* = 3 positions, D0 = {p0}: 1 / 3, D1 = {p1, p2}: 2 / 3; C1 drew no
    // row: 0 (clusterboot's zerobyzero = 0 and maximum from 0)
    assertArrayEquals(new double[] {2.0 / 3, 0},
        ClusterStability.bestJaccard(original, 2, new int[] {0, 0, 1}, new int[] {0, 1, 1}), 0.0);
    // a resample all noise: every coefficient 0
    assertArrayEquals(new double[] {0, 0},
        ClusterStability.bestJaccard(original, 2, all, new int[] {-1, -1, -1, -1, -1, -1}), 0.0);
  }

  @Test
  void countsFollowClusterbootsInequalities() {
    // dissolved: <= dissolution; recovered: > recovery (clusterboot's sumlogic "se" and "l")
    double[][] g = {{0.5, 0.75, 0.76, 0.2}};
    StabilityResult r = new StabilityResult(new int[] {0, 0}, g, 0.5, 0.75, Resampling.BOOTSTRAP);
    assertArrayEquals(new int[] {2}, r.dissolved());
    assertArrayEquals(new int[] {1}, r.recovered());
    assertArrayEquals(new double[] {(0.5 + 0.75 + 0.76 + 0.2) / 4}, r.meanJaccard(), 1e-16);
    assertArrayEquals(new int[] {2}, r.sizes());
  }

  /** Four Gaussian blobs of 50 rows (sd 1, 10 apart), as {@link GapStatisticTest#fourBlobs()}. */
  @Test
  void stableBlobsAndASplitOne() {
    Dataset x = GapStatisticTest.fourBlobs();
    StabilityResult four = ClusterStability.k(4).seed(3).restarts(3).resamples(40).evaluate(x);
    // by construction four clusters; measured 1.0000 each, Hennig's "highly stable" is > 0.85
    for (double m : four.meanJaccard()) {
      assertTrue(m > 0.95, Arrays.toString(four.meanJaccard()));
    }
    assertArrayEquals(new int[] {0, 0, 0, 0}, four.dissolved());
    // k = 5 must split a blob: the two halves (fewer than 50 rows) are unstable or uncertain (measured 0.68 and
    // 0.60 with B = 50), the whole blobs stay highly stable (0.89 to 0.93)
    StabilityResult five = ClusterStability.k(5).seed(3).restarts(3).resamples(40).evaluate(x);
    int[] sizes = five.sizes();
    double[] mean = five.meanJaccard();
    int halves = 0;
    for (int j = 0; j < 5; j++) {
      if (sizes[j] < 50) {
        halves++;
        assertTrue(mean[j] < 0.75, Arrays.toString(mean));
      } else {
        assertTrue(mean[j] > 0.85, Arrays.toString(mean));
      }
    }
    assertEquals(2, halves);
  }

  /**
   * Mall Customers' income and spending score: the five groups plain in the scatter plot are each highly stable with
   * K-Means at {@code k = 5} (measured 0.968 to 1.000, B = 100); at {@code k = 6} K-Means carves an 11-row group out
   * of one that dissolves in about half the resamples (measured mean 0.58, 51 dissolutions), Hennig's "unstable".
   */
  @Test
  void mallCustomersFiveStableSegments() throws IOException {
    Dataset mall = GapStatisticTest.mallIncomeSpending();
    StabilityResult five = ClusterStability.k(5).seed(42).restarts(10).parallelism(2).evaluate(mall);
    for (double m : five.meanJaccard()) {
      assertTrue(m > 0.9, Arrays.toString(five.meanJaccard()));
    }
    StabilityResult six = ClusterStability.k(6).seed(42).restarts(10).parallelism(2).evaluate(mall);
    double min = 1;
    for (double m : six.meanJaccard()) {
      min = Math.min(min, m);
    }
    assertTrue(min < 0.6, Arrays.toString(six.meanJaccard()));
  }

  @Test
  void noiseIsNoCluster() {
    // DBSCAN on two tight groups and two far outliers: the outliers are noise (-1) and get no stability; the groups
    // are found in every resample
    double[][] rows = new double[42][];
    Rng rng = new Rng(4);
    for (int i = 0; i < 40; i++) {
      rows[i] = new double[] {(i % 2) * 10 + 0.1 * rng.nextGaussian(), 0.1 * rng.nextGaussian()};
    }
    rows[40] = new double[] {5, 20};
    rows[41] = new double[] {-20, 5};
    Clusterer dbscan = (data, k) -> Dbscan.eps(1).minPts(3).fit(data).labels();
    StabilityResult r = ClusterStability.k(2).clusterer(dbscan).resamples(30).seed(8).evaluate(Dataset.of(rows));
    assertEquals(2, r.clusterCount());
    assertEquals(-1, r.labels()[40]);
    assertEquals(-1, r.labels()[41]);
    assertArrayEquals(new double[] {1, 1}, r.meanJaccard(), 0.0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterStability.k(1)
        .clusterer((data, k) -> {
          int[] l = new int[data.size()];
          Arrays.fill(l, -1);
          return l;
        }).evaluate(Dataset.of(rows)));
    assertEquals("the clustering of the data must have a cluster, got only noise (-1)", e.getMessage());
  }

  /**
   * Coefficients lie in [0, 1], the counts in [0, B], and the thread count changes nothing, for every scheme. Cases
   * where a resample holds fewer than {@code k} rows are refused by {@code evaluate} (see
   * {@link #noResampleIsClusteredIntoMoreClustersThanRows()}) and left out here: {@code n >= 12} makes them rare
   * (subsets of {@code n / 2 >= 6} rows; a bootstrap of 12 rows draws 3 or fewer distinct ones with probability
   * about {@code 1e-5}) and the assumption skips the rest.
   */
  @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
  void boundsAndThreadIndependence(@ForAll long seed, @ForAll @IntRange(min = 12, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll Resampling scheme, @ForAll @IntRange(min = 2, max = 6) int threads) {
    Dataset x = Dataset.of(Fixtures.points(seed, n, d, 3, false));
    ClusterStability s = ClusterStability.k(k).clusterer(Clusterer.ward()).resampling(scheme).resamples(6)
        .seed(seed);
    for (int b = 0; b < 6; b++) {
      net.jqwik.api.Assume.that(s.resampleRows(n, b).length >= k);
    }
    StabilityResult one = s.evaluate(x);
    StabilityResult many = s.parallelism(threads).evaluate(x);
    for (int j = 0; j < one.clusterCount(); j++) {
      for (double g : one.jaccards(j)) {
        assertTrue(g >= 0 && g <= 1, Double.toString(g));
      }
      assertArrayEquals(one.jaccards(j), many.jaccards(j), 0.0);
      assertTrue(one.dissolved()[j] + one.recovered()[j] <= 6);
    }
    assertArrayEquals(one.meanJaccard(), many.meanJaccard(), 0.0);
    assertArrayEquals(one.labels(), many.labels());
    // the resample rows: distinct in draw order for the bootstrap, n with repeats when copies are kept, floor(n / 2)
    // distinct for subsets; all in range
    int[] rows = s.resampleRows(n, 1);
    long distinct = Arrays.stream(rows).distinct().count();
    switch (scheme) {
      case BOOTSTRAP:
        assertEquals(rows.length, distinct);
        break;
      case BOOTSTRAP_WITH_DUPLICATES:
        assertEquals(n, rows.length);
        break;
      default:
        assertEquals(n / 2, rows.length);
        assertEquals(rows.length, distinct);
    }
    for (int r : rows) {
      assertTrue(r >= 0 && r < n);
    }
  }

  @Test
  void argumentsAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterStability.k(0));
    assertEquals("k must be >= 1, got 0", e.getMessage());
    ClusterStability s = ClusterStability.k(3);
    e = assertThrows(IllegalArgumentException.class, () -> s.resamples(0));
    assertEquals("resamples must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.restarts(0));
    assertEquals("restarts must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.subsetSize(-1));
    assertEquals("subsetSize must be >= 0 (0 for floor(n / 2)), got -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.thresholds(Double.NaN, 0.75));
    assertEquals("dissolution must be in [0, 1], got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.thresholds(0.5, 1.5));
    assertEquals("recovery must be in [0, 1], got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.parallelism(0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.clusterer(null));
    assertEquals("clusterer must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.resampling(null));
    assertEquals("resampling must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.evaluate(null));
    assertEquals("data must not be null", e.getMessage());
    Dataset two = Dataset.of(new double[][] {{0}, {1}});
    e = assertThrows(IllegalArgumentException.class, () -> s.evaluate(two));
    assertEquals("k must be <= the number of rows (2), got 3", e.getMessage());
    Dataset five = Dataset.of(new double[][] {{0}, {1}, {2}, {3}, {4}});
    e = assertThrows(IllegalArgumentException.class,
        () -> s.resampling(Resampling.SUBSET).subsetSize(6).evaluate(five));
    assertEquals("subsetSize must be <= the number of rows (5), got 6", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClusterStability.k(1).resampling(Resampling.SUBSET).evaluate(Dataset.of(new double[][] {{0}})));
    assertEquals("subsetSize must be >= 1: floor(n / 2) is 0 for n = 1; set subsetSize", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.resampleRows(0, 0));
    assertEquals("n must be >= 1, got 0", e.getMessage());
    IllegalStateException st = assertThrows(IllegalStateException.class,
        () -> ClusterStability.k(2).clusterer((data, k) -> new int[] {0}).evaluate(five));
    assertEquals("the clusterer must return one label per row (5) of the data, got 1 labels", st.getMessage());
    st = assertThrows(IllegalStateException.class,
        () -> ClusterStability.k(2).clusterer((data, k) -> new int[data.size()]).resamples(3)
            .clusterer((data, k) -> {
              int[] l = new int[data.size()];
              l[0] = -2;
              return l;
            }).evaluate(five));
    assertEquals("the clusterer's labels must be >= -1 (-1 for noise), got -2 at row 0 of the data", st.getMessage());
  }

  /**
   * The Jaccard coefficients depend on a resample's partition, not on the numbers of its labels: a clusterer that
   * numbers the clusters of the resamples 0, 10^9 and {@code Integer.MAX_VALUE} gives, bit for bit, the result of the
   * same clusterer numbering them 0, 1, 2 (before: an index out of bounds, or an array of 10^9 counts). Labels of the
   * data's clustering name the reported clusters, so they must stay below the number of rows.
   */
  @Test
  void labelsOfAnyMagnitude() {
    Dataset x = Dataset.of(Fixtures.points(9, 30, 2, 3, false));
    Clusterer plain = Clusterer.ward();
    int[] big = {0, 1_000_000_000, Integer.MAX_VALUE};
    Clusterer renumbered = (data, k) -> {
      int[] l = plain.labels(data, k);
      if (data.size() < 30) { // a resample (the bootstrap without duplicates draws fewer rows)
        for (int i = 0; i < l.length; i++) {
          l[i] = big[l[i]];
        }
      }
      return l;
    };
    ClusterStability s = ClusterStability.k(3).resamples(10).seed(5);
    StabilityResult expected = s.clusterer(plain).evaluate(x);
    StabilityResult r = s.clusterer(renumbered).evaluate(x);
    assertArrayEquals(expected.meanJaccard(), r.meanJaccard(), 0.0);
    for (int j = 0; j < 3; j++) {
      assertArrayEquals(expected.jaccards(j), r.jaccards(j), 0.0);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> s.clusterer((data, k) -> {
          int[] l = new int[data.size()];
          l[1] = data.size();
          return l;
        }).evaluate(x));
    assertEquals("the clusterer's labels of the data must be < the number of rows (30), got 30 at row 1",
        e.getMessage());
  }

  /**
   * The table's reading follows clusterboot's documentation (fpc, Hennig): "a valid, stable cluster should yield a
   * mean Jaccard similarity value of 0.75 or more", "highly stable" clusters "0.85 and above", below 0.6 "should not
   * be trusted"; so the boundaries 0.6, 0.75 and 0.85 themselves read as the higher class. Means made exact: each
   * cluster's two coefficients are equal.
   */
  @Test
  void readingUsesHennigsBoundaries() {
    double[][] jaccard = {{0.85, 0.85}, {0.75, 0.75}, {0.6, 0.6}, {0.5, 0.5}};
    StabilityResult r = new StabilityResult(new int[] {0, 1, 2, 3}, jaccard, 0.5, 0.75, Resampling.BOOTSTRAP);
    String[] lines = r.toTable().split("\n");
    assertTrue(lines[1].endsWith("\thighly stable"), lines[1]);
    assertTrue(lines[2].endsWith("\tstable"), lines[2]);
    assertTrue(lines[3].endsWith("\tpattern, uncertain members"), lines[3]);
    assertTrue(lines[4].endsWith("\tunstable"), lines[4]);
  }

  /**
   * The {@link Clusterer} contract promises {@code k <= data.size()}: a resample with fewer rows than {@code k} is
   * refused with a message naming the rule, not handed to the clusterer (before: K-Means said "the number of distinct
   * rows (2)" of data with 5, Ward "n = 2", and a clusterer trusting the contract failed with an index out of bounds).
   */
  @Test
  void noResampleIsClusteredIntoMoreClustersThanRows() {
    Dataset five = Dataset.of(new double[][] {{0}, {1}, {2}, {3}, {4}});
    Clusterer trusting = (data, k) -> {
      int[] l = new int[data.size()];
      for (int i = 0; i < k; i++) {
        l[i] = i; // the contract: k <= data.size()
      }
      return l;
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterStability.k(3).resampling(Resampling.SUBSET).clusterer(trusting).evaluate(five));
    assertEquals("subsetSize must be >= k (3), got 2 (floor(n / 2) for n = 5)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClusterStability.k(3).resampling(Resampling.SUBSET).subsetSize(1).clusterer(trusting).evaluate(five));
    assertEquals("subsetSize must be >= k (3), got 1", e.getMessage());
    // the bootstrap without duplicates: resample 0 of 5 rows with seed 0 draws fewer than 5 distinct rows
    int drawn = ClusterStability.k(5).resampleRows(5, 0).length;
    assertTrue(drawn < 5);
    e = assertThrows(IllegalArgumentException.class,
        () -> ClusterStability.k(5).clusterer(trusting).evaluate(five));
    assertEquals("k must be <= the rows of every resample, got k = 5 for resample 0 of " + drawn + " rows",
        e.getMessage());
    // subsets of k rows are allowed
    assertEquals(1, ClusterStability.k(2).resampling(Resampling.SUBSET).clusterer(trusting).resamples(3)
        .evaluate(five).resamples() / 3);
  }

  @Test
  void configurationsCompareBySettingsAndCopyResults() {
    ClusterStability a = ClusterStability.k(3).seed(2).resampling(Resampling.SUBSET).subsetSize(10);
    assertEquals(a, ClusterStability.k(3).seed(2).resampling(Resampling.SUBSET).subsetSize(10));
    assertEquals(a.hashCode(), ClusterStability.k(3).seed(2).resampling(Resampling.SUBSET).subsetSize(10).hashCode());
    assertNotEquals(a, a.thresholds(0.6, 0.75));
    assertEquals("ClusterStability[k=3, resamples=100, resampling=SUBSET, subsetSize=10, clusterer=K-Means(seed=2,"
        + " restarts=1), dissolution=0.5, recovery=0.75, parallelism=1]", a.toString());
    Dataset x = GapStatisticTest.fourBlobs();
    StabilityResult r = ClusterStability.k(4).clusterer(Clusterer.ward()).resamples(3).evaluate(x);
    r.labels()[0] = 99;
    r.meanJaccard()[0] = -1;
    r.jaccards(0)[0] = -1;
    assertEquals(0, r.labels()[0]);
    assertTrue(r.meanJaccard()[0] >= 0 && r.jaccards(0)[0] >= 0);
    assertTrue(r.toTable().startsWith("cluster\tsize\tmeanJaccard\tdissolved\trecovered\treading\n0\t50\t"),
        r.toTable());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.jaccards(4));
    assertEquals("cluster must be in [0, 4), got 4", e.getMessage());
  }

  @Test
  void anInterruptStopsBothEvaluations() {
    Dataset x = GapStatisticTest.fourBlobs();
    for (int threads : new int[] {1, 3}) {
      Thread.currentThread().interrupt();
      try {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> ClusterStability.k(4).clusterer(Clusterer.ward()).parallelism(threads).evaluate(x));
        assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
        e = assertThrows(IllegalStateException.class,
            () -> GapStatistic.kRange(1, 4).clusterer(Clusterer.ward()).parallelism(threads).evaluate(x));
        assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
      } finally {
        Thread.interrupted();
      }
    }
  }
}
