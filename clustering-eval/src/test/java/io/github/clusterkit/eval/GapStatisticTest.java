package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.UniformReference;
import io.github.clusterkit.eval.testutil.SharedData;
import io.github.clusterkit.internal.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link GapStatistic} with its default K-Means: the true {@code k} of well-separated blobs, {@code k = 1} on
 * uniform data (the paper's null case), the Mall Customers' income and spending score, thread-count independence,
 * the reference sets' documented draws, and the argument checks. The exact values are checked against the numpy port
 * in {@link GapStatisticReferenceTest}.
 */
class GapStatisticTest {

  /** Four Gaussian blobs (sd 1) at the origin and 10 along each axis of 3-D, 200 rows, by construction 4 clusters. */
  static Dataset fourBlobs() {
    Rng rng = new Rng(5);
    double[][] c = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
    double[][] x = new double[200][3];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = c[i % 4][j] + rng.nextGaussian();
      }
    }
    return Dataset.of(x);
  }

  static Dataset mallIncomeSpending() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
    double[][] x = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      x[i - 1] = new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])};
    }
    return Dataset.of(x);
  }

  @Test
  void wellSeparatedBlobsGiveTheTrueK() {
    for (GapReference ref : GapReference.values()) {
      GapResult r = GapStatistic.kRange(1, 8).seed(1).restarts(3).referenceSets(20).reference(ref)
          .evaluate(fourBlobs());
      // by construction 4; measured gaps 2.16 at k = 4 against 0.76 at k = 3 (box), far beyond s_k (about 0.04)
      assertEquals(4, r.chosenK(), ref.name());
      for (GapRule rule : GapRule.values()) {
        assertEquals(4, r.chosenK(rule, 1), ref + " " + rule);
      }
      assertFalse(r.chosenAtEdge());
    }
  }

  @Test
  void uniformDataGiveOneCluster() {
    // The paper's null case (section 4): uniform data should give k = 1. 200 rows uniform on the unit square.
    Rng rng = new Rng(9);
    double[][] u = new double[200][2];
    for (double[] row : u) {
      row[0] = rng.nextDouble();
      row[1] = rng.nextDouble();
    }
    for (GapReference ref : GapReference.values()) {
      GapResult r = GapStatistic.kRange(1, 8).seed(1).restarts(3).referenceSets(20).reference(ref)
          .evaluate(Dataset.of(u));
      assertEquals(1, r.chosenK(), ref.name());
      assertEquals(1, r.chosenK(GapRule.FIRST_SE_MAX, 1), ref.name());
    }
  }

  /**
   * Mall Customers' annual income and spending score (200 rows): five groups are plain in the scatter plot, and
   * K-Means finds them ({@code log W_5} is the log of scikit-learn 1.2.1's {@code KMeans(5, n_init=10,
   * random_state=42).inertia_ = 44448.4554479337}, and of {@code W_1 = 269981.28}, the total sum of squares). Yet the
   * paper's rule says {@code k = 1}: {@code Gap(1) = 0.40} exceeds {@code Gap(2) = 0.18} by far more than {@code s_2}
   * (0.04), since splitting the five groups in two fits them worse than splitting a uniform box; the numpy port with
   * Ward ({@code gap_reference.txt}, case mall) agrees, and the global rules find 7 or 8 (Ward: 5 and 8). A first
   * local maximum at {@code k = 1} does not prove there are no clusters: look at the whole curve.
   */
  @Test
  void mallCustomersIncomeAndSpending() throws IOException {
    GapResult r = GapStatistic.kRange(1, 10).seed(42).restarts(10).parallelism(2).evaluate(mallIncomeSpending());
    assertEquals(Math.log(269981.28), r.logW()[0], 1e-12);
    assertEquals(Math.log(44448.4554479337), r.logW()[4], 1e-12);
    assertEquals(1, r.chosenK());
    double[] gap = r.gap();
    double[] se = r.se();
    assertTrue(gap[0] - gap[1] > 3 * se[1]);
    // five groups: the gap jumps at k = 5, and the global rules choose beyond it
    assertTrue(gap[4] - gap[3] > 5 * se[4]);
    assertTrue(r.chosenK(GapRule.GLOBAL_SE_MAX, 1) >= 5);
    assertEquals(8, r.chosenK(GapRule.GLOBAL_MAX, 1));
  }

  @Test
  void threadCountChangesNothing() {
    Dataset x = fourBlobs();
    GapStatistic g = GapStatistic.kRange(2, 6).seed(3).referenceSets(7).reference(GapReference.PRINCIPAL_COMPONENTS);
    GapResult one = g.evaluate(x);
    for (int threads : new int[] {2, 5, 64}) {
      GapResult r = g.parallelism(threads).evaluate(x);
      assertArrayEquals(one.logW(), r.logW(), 0.0);
      assertArrayEquals(one.expectedLogW(), r.expectedLogW(), 0.0);
      assertArrayEquals(one.sd(), r.sd(), 0.0);
      assertArrayEquals(one.gap(), r.gap(), 0.0);
      assertEquals(one.chosenK(), r.chosenK());
    }
    // another seed draws other reference sets
    assertNotEquals(one.expectedLogW()[0], g.seed(4).evaluate(x).expectedLogW()[0]);
  }

  /** The thread count changes nothing, bit for bit, for either reference and either distance power. */
  @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
  void threadCountChangesNothingAnywhere(@ForAll long seed, @ForAll @IntRange(min = 4, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll GapReference ref, @ForAll boolean plain,
      @ForAll @IntRange(min = 2, max = 6) int threads) {
    Dataset x = Dataset.of(Fixtures.points(seed, n, d, 3, false));
    GapStatistic g = GapStatistic.kRange(1, 4).clusterer(Clusterer.ward()).referenceSets(4).seed(seed).reference(ref)
        .distancePower(plain ? 1 : 2);
    GapResult one = g.evaluate(x);
    GapResult many = g.parallelism(threads).evaluate(x);
    assertArrayEquals(one.logW(), many.logW(), 0.0);
    assertArrayEquals(one.expectedLogW(), many.expectedLogW(), 0.0);
    assertArrayEquals(one.se(), many.se(), 0.0);
    assertEquals(one.chosenK(), many.chosenK());
    for (double s : one.sd()) {
      assertTrue(s >= 0 || Double.isNaN(s));
    }
  }

  /** The reference sets lie in their box, depend only on the seed and the set, and keep the data's shape. */
  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void referenceSetsAreDrawnAsDocumented(@ForAll long seed, @ForAll @IntRange(min = 2, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 5) int set) {
    double[][] rows = Fixtures.points(seed, n, d, 2, true);
    Dataset x = Dataset.of(rows);
    Dataset z = UniformReference.boundingBox(x).draw(seed, set);
    assertEquals(n, z.size());
    assertEquals(d, z.dimension());
    Rng rng = Rng.split(seed, set);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : rows) {
          lo = Math.min(lo, r[j]);
          hi = Math.max(hi, r[j]);
        }
        // row by row, column by column, from the set's own generator
        assertEquals(lo + (hi - lo) * rng.nextDouble(), z.get(i, j), 0.0);
        assertTrue(z.get(i, j) >= lo && z.get(i, j) <= hi);
      }
    }
    Dataset p = UniformReference.principalComponents(x).draw(seed, set);
    Dataset again = UniformReference.principalComponents(x).draw(seed, set);
    assertEquals(p, again);
    // the rotated box holds the data's mean inside each coordinate's span of the draws' possible values: the mean
    // of a reference set is within the data's spread (a loose check that the rotation back and the mean are applied)
    double[] mean = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / n;
      }
    }
    double radius = 0;
    for (double[] r : rows) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
      radius = Math.max(radius, Math.sqrt(s));
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (p.get(i, j) - mean[j]) * (p.get(i, j) - mean[j]);
      }
      // a point of the rotated box is within sqrt(min(n, d)) times the data's radius of the mean
      assertTrue(Math.sqrt(s) <= Math.sqrt(Math.min(n, d)) * radius * (1 + 1e-9) + 1e-9);
    }
  }

  @Test
  void argumentsAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GapStatistic.kRange(0, 5));
    assertEquals("minK must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GapStatistic.kRange(4, 3));
    assertEquals("maxK must be >= minK and >= 2, got minK 4, maxK 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GapStatistic.kRange(1, 1));
    assertEquals("maxK must be >= minK and >= 2, got minK 1, maxK 1", e.getMessage());
    GapStatistic g = GapStatistic.kRange(1, 4);
    e = assertThrows(IllegalArgumentException.class, () -> g.referenceSets(1));
    assertEquals("referenceSets must be >= 2, got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.restarts(0));
    assertEquals("restarts must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.parallelism(0));
    assertEquals("parallelism must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.rule(GapRule.FIRST_MAX, Double.NaN));
    assertEquals("seFactor must be finite and >= 0, got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.rule(null, 1));
    assertEquals("rule must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.clusterer(null));
    assertEquals("clusterer must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.distancePower(3));
    assertEquals("distancePower must be 1 or 2, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.reference(null));
    assertEquals("reference must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.evaluate(null));
    assertEquals("data must not be null", e.getMessage());
    Dataset three = Dataset.of(new double[][] {{0}, {1}, {2}});
    e = assertThrows(IllegalArgumentException.class, () -> g.evaluate(three));
    assertEquals("maxK must be <= the number of rows (3), got 4", e.getMessage());
    Dataset copies = Dataset.of(new double[][] {{0}, {1}, {1}, {0}, {1}});
    e = assertThrows(IllegalArgumentException.class, () -> g.evaluate(copies));
    assertEquals("maxK must be <= the number of distinct rows (2) for K-Means, got 4", e.getMessage());
    // a clusterer breaking its contract
    Dataset x = fourBlobs();
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> GapStatistic.kRange(1, 3).clusterer((data, k) -> new int[data.size() - 1]).evaluate(x));
    assertEquals("the clusterer must return one label per row (200) for k = 2, got 199 labels", s.getMessage());
    s = assertThrows(IllegalStateException.class,
        () -> GapStatistic.kRange(1, 3).clusterer((data, k) -> new int[data.size()]).referenceSets(2)
            .clusterer((data, k) -> {
              int[] l = new int[data.size()];
              l[7] = -1;
              return l;
            }).evaluate(x));
    assertEquals("the clusterer's labels must be >= 0 for the gap statistic (noise, -1, has no within-cluster sum of"
        + " squares), got -1 at row 7 for k = 2", s.getMessage());
  }

  @Test
  void configurationsCompareBySettings() {
    GapStatistic a = GapStatistic.kRange(1, 5).seed(3).clusterer(Clusterer.kMeans(3, 2));
    GapStatistic b = GapStatistic.kRange(1, 5).seed(3).clusterer(Clusterer.kMeans(3, 2));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.clusterer(Clusterer.ward()));
    assertNotEquals(a, b.rule(GapRule.FIRST_SE_MAX, 1));
    assertNotEquals(a, b.distancePower(1));
    assertEquals(a, b.distancePower(1).distancePower(2));
    assertEquals(Clusterer.ward(), Clusterer.ward());
    assertTrue(a.toString().contains("K-Means(seed=3, restarts=2)"), a.toString());
    assertEquals("GapStatistic[k=1..5, referenceSets=50, reference=BOUNDING_BOX, clusterer=K-Means(seed=0,"
        + " restarts=1), rule=TIBS2001_SE_MAX, seFactor=1.0, parallelism=1]", GapStatistic.kRange(1, 5).toString());
  }

  @Test
  void tableAndEdges() {
    // copies: at k = 3 each cluster holds copies of one point, W = 0, log W = -Infinity, the gap +Infinity (the
    // reference sets, continuous, keep W > 0 there)
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 0}, {1, 0}, {5, 5}});
    GapResult r = GapStatistic.kRange(1, 3).clusterer(Clusterer.ward()).referenceSets(3).evaluate(x);
    assertEquals(Double.NEGATIVE_INFINITY, r.logW()[2]);
    assertEquals(Double.POSITIVE_INFINITY, r.gap()[2]);
    assertArrayEquals(new int[] {1, 2, 3}, r.ks());
    String t = r.toTable();
    assertTrue(t.startsWith("k\tlogW\tE.logW\tgap\tsd\tSE.sim\n1\t"), t);
    assertTrue(t.contains("chosen k = " + r.chosenK()), t);
    // s_k = sd_k sqrt(1 + 1/B)
    for (int i = 0; i < 3; i++) {
      assertEquals(r.sd()[i] * Math.sqrt(1 + 1.0 / 3), r.se()[i], 1e-15 * r.se()[i]);
    }
    // k = n: every set has W = 0, the gap and s_k are NaN, and the rules pass over them
    GapResult full = GapStatistic.kRange(1, 4).clusterer(Clusterer.ward()).referenceSets(3).evaluate(x);
    assertTrue(Double.isNaN(full.gap()[3]) && Double.isNaN(full.se()[3]));
    assertEquals(r.chosenK(GapRule.GLOBAL_SE_MAX, 1), full.chosenK(GapRule.GLOBAL_SE_MAX, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> full.chosenK(GapRule.FIRST_MAX,
        -1));
    assertEquals("seFactor must be finite and >= 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> full.chosenK(GapRule.FIRST_SE_MAX, Double.POSITIVE_INFINITY));
    assertEquals("seFactor must be finite and >= 0, got Infinity", e.getMessage());
  }

  @Test
  void constantColumnsAndWideData() {
    // a constant column: the reference sets are constant in it (box of width 0), in both boxes
    double[][] rows = new double[12][];
    Rng rng = new Rng(2);
    for (int i = 0; i < 12; i++) {
      rows[i] = new double[] {rng.nextDouble(), 4.0};
    }
    Dataset x = Dataset.of(rows);
    Dataset z = UniformReference.boundingBox(x).draw(1, 0);
    for (int i = 0; i < 12; i++) {
      assertEquals(4.0, z.get(i, 1), 0.0);
    }
    Dataset p = UniformReference.principalComponents(x).draw(1, 0);
    for (int i = 0; i < 12; i++) {
      assertEquals(4.0, p.get(i, 1), 1e-12);
    }
    for (GapReference ref : GapReference.values()) {
      GapResult r = GapStatistic.kRange(1, 3).clusterer(Clusterer.ward()).reference(ref).referenceSets(4).evaluate(x);
      assertEquals(3, r.gap().length);
    }
    // fewer rows than columns: min(n, d) = 4 components span the rows' affine hull
    double[][] wide = new double[4][];
    for (int i = 0; i < 4; i++) {
      wide[i] = new double[7];
      for (int j = 0; j < 7; j++) {
        wide[i][j] = rng.nextGaussian();
      }
    }
    GapResult r = GapStatistic.kRange(1, 3).clusterer(Clusterer.ward()).reference(GapReference.PRINCIPAL_COMPONENTS)
        .referenceSets(4).evaluate(Dataset.of(wide));
    assertEquals(3, r.gap().length);
  }

  /**
   * A clusterer that needs no arithmetic, so it gives the same labels to data scaled by any positive factor: the rows
   * ranked by their first column (ties by row) and cut into {@code k} runs of (nearly) equal length.
   */
  static int[] rankRuns(Dataset x, int k) {
    int n = x.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Double.compare(x.get(a, 0), x.get(b, 0));
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] labels = new int[n];
    for (int r = 0; r < n; r++) {
      labels[order[r]] = (int) ((long) r * k / n);
    }
    return labels;
  }

  /**
   * The gap statistic is scale-invariant: data scaled by {@code 2^s} give every {@code W} times {@code 2^(p s)}, so
   * {@code log W} and {@code E*[log W]} shift by {@code p s log 2} and the gaps, the {@code s_k} and the choice stay.
   * Exact oracle: the same data unscaled, with a clusterer that is itself scale-invariant. Scales whose squares
   * overflow ({@code 2^600}) or underflow ({@code 2^-600}), and {@code 2^1022}, where the values (in {@code [-3, 3]}
   * before scaling) stay finite but the width of their bounding box, {@code 6 2^1022 = 1.5 2^1024}, does not.
   */
  @Test
  void extremeMagnitudesGiveTheGapsOfTheUnscaledData() {
    Rng rng = new Rng(11);
    double[][] rows = new double[24][2];
    for (int i = 0; i < 24; i++) {
      rows[i][0] = (i < 12 ? -2 : 2) + 0.5 * (2 * rng.nextDouble() - 1);
      rows[i][1] = 0.5 * (2 * rng.nextDouble() - 1);
    }
    rows[0][0] = -3;
    rows[23][0] = 3;
    for (int power = 1; power <= 2; power++) {
      for (GapReference ref : GapReference.values()) {
        GapStatistic g = GapStatistic.kRange(1, 4).clusterer(GapStatisticTest::rankRuns).referenceSets(5).seed(7)
            .reference(ref).distancePower(power);
        GapResult base = g.evaluate(Dataset.of(rows));
        for (int s : new int[] {600, -600, 1022}) {
          double[][] scaled = new double[24][2];
          for (int i = 0; i < 24; i++) {
            for (int j = 0; j < 2; j++) {
              scaled[i][j] = Math.scalb(rows[i][j], s);
            }
          }
          String what = "power " + power + ", " + ref + ", scale 2^" + s;
          GapResult r = g.evaluate(Dataset.of(scaled));
          double shift = power * s * Math.log(2);
          for (int t = 0; t < 4; t++) {
            assertEquals(base.logW()[t] + shift, r.logW()[t], 1e-12 * Math.abs(shift), what);
            assertEquals(base.expectedLogW()[t] + shift, r.expectedLogW()[t], 1e-12 * Math.abs(shift), what);
            assertEquals(base.gap()[t], r.gap()[t], 1e-12 * Math.abs(shift), what);
            assertEquals(base.sd()[t], r.sd()[t], 1e-12 * Math.abs(shift), what);
          }
          assertEquals(base.chosenK(), r.chosenK(), what);
        }
      }
    }
  }

  /**
   * {@code W_k} depends on the partition, not on the numbers of its labels: labels 0, 10^9 and
   * {@code Integer.MAX_VALUE} give, bit for bit, the gaps of the same clusterer's 0, 1, 2, for either power (before:
   * plain distances failed with an index out of bounds).
   */
  @Test
  void labelsOfAnyMagnitude() {
    Dataset x = Dataset.of(Fixtures.points(4, 20, 2, 3, false));
    int[] big = {0, 1_000_000_000, Integer.MAX_VALUE};
    Clusterer renumbered = (data, k) -> {
      int[] l = rankRuns(data, k);
      for (int i = 0; i < l.length; i++) {
        l[i] = big[l[i]];
      }
      return l;
    };
    for (int power = 1; power <= 2; power++) {
      GapStatistic g = GapStatistic.kRange(1, 3).referenceSets(4).distancePower(power);
      GapResult expected = g.clusterer(GapStatisticTest::rankRuns).evaluate(x);
      GapResult r = g.clusterer(renumbered).evaluate(x);
      assertArrayEquals(expected.logW(), r.logW(), 0.0);
      assertArrayEquals(expected.gap(), r.gap(), 0.0);
      assertArrayEquals(expected.se(), r.se(), 0.0);
    }
  }

  /**
   * The clusterer sees every reference set with the data's column names, as {@link ClusterStability} passes its
   * resamples ({@code Dataset.select} keeps them): a clusterer that finds its columns by name works on both (before:
   * the reference sets had no names, and such a clusterer failed on the first one).
   */
  @Test
  void referenceSetsKeepTheColumnNames() {
    List<String> names = List.of("income", "spending");
    Dataset x = Dataset.of(Fixtures.points(6, 20, 2, 2, false), names);
    Clusterer byName = (data, k) -> {
      int column = data.columnNames().indexOf("spending");
      if (column < 0) {
        throw new IllegalArgumentException("no column named spending in " + data.columnNames());
      }
      return rankRuns(data, k);
    };
    for (GapReference ref : GapReference.values()) {
      GapResult r = GapStatistic.kRange(1, 3).clusterer(byName).reference(ref).referenceSets(3).evaluate(x);
      assertEquals(3, r.gap().length);
      // the names change nothing else: the same table as the data without names and the rank clusterer
      GapResult unnamed = GapStatistic.kRange(1, 3).clusterer(GapStatisticTest::rankRuns).reference(ref)
          .referenceSets(3).evaluate(Dataset.of(x.toRows()));
      assertArrayEquals(unnamed.gap(), r.gap(), 0.0);
    }
  }

  @Test
  void plainDistancesByHand() {
    // cluster 0: (0, 0), (3, 4): one pair at 5, / 2 = 2.5; cluster 1: (10, 0) alone, 0; cluster 2: (0, 10), (0, 11),
    // (0, 12): pairs 1, 2, 1, / 3; labels interleaved
    Dataset x = Dataset.of(new double[][] {{0, 10}, {0, 0}, {10, 0}, {0, 11}, {3, 4}, {0, 12}});
    assertEquals(2.5 + 4.0 / 3, GapStatistic.pairwiseW(x, new int[] {2, 0, 1, 2, 0, 2}), 1e-15);
    // squared distances: the within-cluster sum of squares, 12.5 + 0 + 2
    assertEquals(14.5, Inertia.score(x, new int[] {2, 0, 1, 2, 0, 2}), 1e-15);
  }
}
