package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentProfile}: exact values worked out by hand on a six-row table, a numpy group-by of the Mall
 * Customers file ({@code tools/segment_profile_reference.py}, fixture {@code fixtures/eval/mall_segment_profile.csv}),
 * argument errors, copies, and invariants of the group-by as jqwik properties.
 */
class SegmentProfileTest {

  private static final double NAN = Double.NaN;

  /**
   * Six customers. Labels {@code 0, 0, 1, 1, -1, 1}: segment 0 = rows 0-1, segment 1 = rows 2, 3, 5, noise = row
   * 4. Features in order: Annual Income (k$), Channel=ONLINE, Channel=STORE, Age, Flat, Empty.
   */
  private static Table small() {
    return Table.builder()
        .numeric("Annual Income (k$)", new double[] {10, 20, 60, 80, 100, 70})
        .categorical("Channel", new String[] {"STORE", "STORE", "ONLINE", "ONLINE", null, "STORE"})
        .numeric("Age", new double[] {30, NAN, 50, 40, 20, NAN})
        .numeric("Flat", new double[] {5, 5, 5, 5, 5, 5})
        .numeric("Empty", new double[] {NAN, NAN, NAN, NAN, NAN, NAN})
        .build();
  }

  private static final int[] SMALL_LABELS = {0, 0, 1, 1, -1, 1};

  @Test
  void smallTableByHand() {
    SegmentProfile p = SegmentProfile.of(small(), SMALL_LABELS);
    assertEquals(List.of("Annual Income (k$)", "Channel=ONLINE", "Channel=STORE", "Age", "Flat", "Empty"),
        p.features());
    assertArrayEquals(new int[] {0, 1, -1}, p.segments());
    assertArrayEquals(new int[] {2, 3, 1}, p.sizes());
    // by hand: income mean 340/6 = 170/3; sum of squares 25400 - 340^2/6 = 18400/3, population sd
    // sqrt(18400/18) = sqrt(9200)/3. Channel: 2 ONLINE of 5 non-missing, p = 0.4, sd sqrt(0.4 * 0.6).
    // Age: 30, 50, 40, 20: mean 35, squared deviations 25 + 225 + 25 + 225 = 500, sd sqrt(125).
    double incSd = Math.sqrt(9200) / 3;
    double chSd = Math.sqrt(0.24);
    double ageSd = Math.sqrt(125);
    assertArrayEquals(new double[] {170.0 / 3, 0.4, 0.6, 35, 5, NAN}, p.overallMeans(), 1e-12);
    assertArrayEquals(new double[] {incSd, chSd, chSd, ageSd, 0, NAN}, p.overallSds(), 1e-12);

    assertArrayEquals(new double[] {15, 0, 1, 30, 5, NAN}, p.means(0), 1e-12);
    assertArrayEquals(new double[] {70, 2.0 / 3, 1.0 / 3, 45, 5, NAN}, p.means(1), 1e-12);
    assertArrayEquals(new double[] {100, NAN, NAN, 20, 5, NAN}, p.means(-1), 1e-12);

    // z = (segment mean - overall mean) / sd; constant Flat and all-missing Empty: 0; noise's Channel (its only
    // row is missing): 0
    assertArrayEquals(new double[] {-125 / Math.sqrt(9200), -0.4 / chSd, 0.4 / chSd, -5 / ageSd, 0, 0},
        p.zScores(0), 1e-12);
    assertArrayEquals(new double[] {40 / Math.sqrt(9200), (2.0 / 3 - 0.4) / chSd, (1.0 / 3 - 0.6) / chSd,
        10 / ageSd, 0, 0}, p.zScores(1), 1e-12);
    assertArrayEquals(new double[] {130 / Math.sqrt(9200), 0, 0, -15 / ageSd, 0, 0}, p.zScores(-1), 1e-12);

    assertArrayEquals(new int[] {0, 0, 0, 1, 0, 2}, p.missingCounts(0));
    assertArrayEquals(new int[] {0, 0, 0, 1, 0, 3}, p.missingCounts(1));
    assertArrayEquals(new int[] {0, 1, 1, 0, 0, 1}, p.missingCounts(-1));

    assertEquals(List.of("ONLINE", "STORE"), p.levels("Channel"));
    assertArrayEquals(new double[] {0, 1}, p.shares(0, "Channel"), 0);
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, p.shares(1, "Channel"), 1e-15);
    assertArrayEquals(new double[] {NAN, NAN}, p.shares(-1, "Channel"), 0);
  }

  @Test
  void printsAsATable() {
    SegmentProfile p = SegmentProfile.of(small(), SMALL_LABELS);
    // smallTableByHand's means and namesFollowTheDocumentedRule's names, %.6g
    assertEquals("segment\tsize\tname\tAnnual Income (k$)\tChannel=ONLINE\tChannel=STORE\tAge\tFlat\tEmpty\n"
        + "0\t2\tLow Annual Income, Mostly Store\t15.0000\t0.00000\t1.00000\t30.0000\t5.00000\tNaN\n"
        + "1\t3\tMostly Online, High Age\t70.0000\t0.666667\t0.333333\t45.0000\t5.00000\tNaN\n"
        + "-1\t1\tOutliers (noise)\t100.000\tNaN\tNaN\t20.0000\t5.00000\tNaN", p.toTable(0.5));
    assertEquals("SegmentProfile[2 segments and noise, sizes [2, 3, 1], 6 features]", p.toString());
    assertThrows(IllegalArgumentException.class, () -> p.toTable(Double.NaN));
  }

  @Test
  void namesFollowTheDocumentedRule() {
    SegmentProfile p = SegmentProfile.of(small(), SMALL_LABELS);
    // segment 0: |z| income 1.303, ONLINE 0.816 (under-represented: skipped), STORE 0.816, Age 0.447;
    // segment 1: Age 0.894, ONLINE 0.544 (share 2/3 >= 1/2: "Mostly"), income 0.417; listed in column order
    assertEquals(List.of("Low Annual Income, Mostly Store", "Mostly Online, High Age", "Outliers (noise)"),
        p.names(0.5));
    assertEquals("Mostly Online, High Age", p.name(1, 0.5));
    assertEquals(List.of("Low Annual Income", "Average", "Outliers (noise)"), p.names(1.0));
    // ONLINE at 0.544 in segment 1 is below 0.6; Age 0.894 is not
    assertEquals("High Age", p.name(1, 0.6));
  }

  /**
   * Category names that two columns share read with their column (they read "Mostly No" / "Mostly Yes" for either,
   * found by a CLI audit); a name only one column has stays bare. By hand: segment 0 (rows 0-2) has Email Yes 3/3,
   * SMS No 3/3, Channel Store 3/3; segment 1 the opposite: every share 1 or 0, so every |z| is 1 (population sd of
   * a half-and-half 0/1 column is 1/2, the segment's gap from the mean 1/2), ties to the earlier feature, the two
   * over-represented ones named.
   */
  @Test
  void categoryNamesSharedByColumnsReadWithTheirColumn() {
    Table t = Table.builder()
        .categorical("Email", new String[] {"Yes", "Yes", "Yes", "No", "No", "No"})
        .categorical("SMS", new String[] {"No", "No", "No", "Yes", "Yes", "Yes"})
        .categorical("Channel", new String[] {"Store", "Store", "Store", "Online", "Online", "Online"})
        .build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 0, 1, 1, 1});
    // (UPPER_CASE column names are title-cased, as the class says: "Sms")
    assertEquals(List.of("Mostly Email Yes, Mostly Sms No", "Mostly Email No, Mostly Sms Yes"), p.names(0.5));
    assertEquals(List.of("Email No", "Email Yes", "Sms No", "Sms Yes", "Online", "Store"), p.displayNames());
    // without SMS, Email's levels are its own: bare, as before
    Table u = Table.builder()
        .categorical("Email", new String[] {"Yes", "Yes", "Yes", "No", "No", "No"})
        .categorical("Channel", new String[] {"Store", "Store", "Store", "Online", "Online", "Online"})
        .build();
    assertEquals(List.of("Mostly Yes, Mostly Store", "Mostly No, Mostly Online"),
        SegmentProfile.of(u, new int[] {0, 0, 0, 1, 1, 1}).names(0.5));
  }

  @Test
  void repeatedNamesGetAThirdFeatureThenANumber() {
    // x and w: 10 in segments 0 and 1, 0 in segment 2: mean 5, sd 5, z +1, +1, -1 (ties: x first).
    // y: segment 0 {-3, 1} (mean -1), segment 1 {-1, 3} (mean 1), segment 2 zeros: mean 0, sd sqrt(20 / 8),
    // z -/+ 1 / sqrt(2.5) = 0.632: the third feature, which only the repeated name takes
    Table t = Table.builder()
        .numeric("x", new double[] {10, 10, 10, 10, 0, 0, 0, 0})
        .numeric("w", new double[] {10, 10, 10, 10, 0, 0, 0, 0})
        .numeric("y", new double[] {-3, 1, -1, 3, 0, 0, 0, 0})
        .build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 1, 1, 2, 2, 2, 2});
    assertEquals(1 / Math.sqrt(2.5), p.zScores(1)[2], 1e-12);
    assertEquals(List.of("High X, High W", "High X, High W, High Y", "Low X, Low W"), p.names(0.5));
    // four segments of x alone (10, 10, 0, 0: z +1, +1, -1, -1): a third feature does not help, numbers do
    Table u = Table.builder().numeric("x", new double[] {10, 10, 10, 10, 0, 0, 0, 0}).build();
    SegmentProfile q = SegmentProfile.of(u, new int[] {0, 0, 1, 1, 2, 2, 3, 3});
    assertEquals(List.of("High X", "High X (2)", "Low X", "Low X (2)"), q.names(0.5));
  }

  @Test
  void segmentsNoRowCarriesAreEmpty() {
    Table t = Table.builder().numeric("x", new double[] {1, 3, 5}).build();
    // labels 0 and 2: segment 1 is empty; with the model's k = 4, segment 3 too
    SegmentProfile gap = SegmentProfile.of(t, new int[] {0, 2, 2});
    assertArrayEquals(new int[] {0, 1, 2}, gap.segments());
    assertArrayEquals(new int[] {1, 0, 2}, gap.sizes());
    assertArrayEquals(new double[] {NAN}, gap.means(1), 0);
    assertArrayEquals(new double[] {0}, gap.zScores(1), 0);
    // with the model's k = 4 (segment count at most the row count: a fourth row, noise), segment 3 is empty too;
    // x 1, 3, 5, 3: mean 3, sd sqrt(8 / 4); segment 0 mean 1 (z -1.41), segment 2 mean 4 (z 0.71)
    Table t4 = Table.builder().numeric("x", new double[] {1, 3, 5, 3}).build();
    SegmentProfile k4 = SegmentProfile.of(t4, new int[] {0, 2, 2, -1}, 4);
    assertArrayEquals(new int[] {0, 1, 2, 3, -1}, k4.segments());
    assertArrayEquals(new int[] {1, 0, 2, 0, 1}, k4.sizes());
    assertArrayEquals(new double[] {NAN}, k4.means(3), 0);
    assertEquals(List.of("Low X", "Average", "High X", "Average (2)", "Outliers (noise)"), k4.names(0.5));
    // every row noise: no segment but the noise group
    SegmentProfile noise = SegmentProfile.of(t, new int[] {-1, -1, -1});
    assertArrayEquals(new int[] {-1}, noise.segments());
    assertArrayEquals(new double[] {3}, noise.means(-1), 0);
    assertEquals(List.of("Outliers (noise)"), noise.names(0.5));
  }

  @Test
  void copiesInAndOut() {
    int[] labels = SMALL_LABELS.clone();
    SegmentProfile p = SegmentProfile.of(small(), labels);
    assertArrayEquals(SMALL_LABELS, labels);
    labels[0] = 1;
    assertArrayEquals(new int[] {2, 3, 1}, p.sizes());
    p.sizes()[0] = 99;
    p.segments()[0] = 99;
    p.means(0)[0] = 99;
    p.zScores(0)[0] = 99;
    p.missingCounts(0)[3] = 99;
    p.overallMeans()[0] = 99;
    p.overallSds()[0] = 99;
    p.shares(0, "Channel")[0] = 99;
    assertArrayEquals(new int[] {2, 3, 1}, p.sizes());
    assertArrayEquals(new int[] {0, 1, -1}, p.segments());
    assertEquals(15, p.means(0)[0]);
    assertEquals(-125 / Math.sqrt(9200), p.zScores(0)[0], 1e-12);
    assertEquals(1, p.missingCounts(0)[3]);
    assertEquals(170.0 / 3, p.overallMeans()[0], 1e-12);
    assertEquals(Math.sqrt(9200) / 3, p.overallSds()[0], 1e-12);
    assertEquals(0, p.shares(0, "Channel")[0]);
    assertThrows(UnsupportedOperationException.class, () -> p.features().set(0, "y"));
    assertThrows(UnsupportedOperationException.class, () -> p.levels("Channel").set(0, "y"));
    assertThrows(UnsupportedOperationException.class, () -> p.names(0.5).set(0, "y"));
  }

  @Test
  void argumentErrorsNameParameterRuleAndValue() {
    Table t = small();
    assertMessage("original: must not be null", () -> SegmentProfile.of(null, SMALL_LABELS));
    Table empty = Table.builder().numeric("x", new double[0]).build();
    assertMessage("original: must have at least one row, got 0 rows", () -> SegmentProfile.of(empty, new int[0]));
    assertMessage("labels: must not be null", () -> SegmentProfile.of(t, null));
    assertMessage("labels: length must equal the table's row count 6, got 5",
        () -> SegmentProfile.of(t, new int[5]));
    assertMessage("labels[2]: must be >= -1 (-1 is noise), got -2",
        () -> SegmentProfile.of(t, new int[] {0, 0, -2, 1, 1, 1}));
    assertMessage("labels[1]: must be < the row count 6 (segments are numbered from 0, at most one per row), "
        + "got 6", () -> SegmentProfile.of(t, new int[] {0, 6, 0, 0, 0, 0}));
    assertMessage("labels[3]: must be < segmentCount 2, got 2",
        () -> SegmentProfile.of(t, new int[] {0, 0, 1, 2, 1, 1}, 2));
    assertMessage("labels[2]: must be >= -1 (-1 is noise), got -5",
        () -> SegmentProfile.of(t, new int[] {0, 0, -5, 1, 1, 1}, 2));
    assertMessage("segmentCount: must be in [0, row count 6], got 7", () -> SegmentProfile.of(t, SMALL_LABELS, 7));
    assertMessage("segmentCount: must be in [0, row count 6], got -1",
        () -> SegmentProfile.of(t, SMALL_LABELS, -1));
    SegmentProfile p = SegmentProfile.of(t, SMALL_LABELS);
    assertMessage("segment: must be a segment of the profile, in [0, 2) or -1 (noise), got 2", () -> p.means(2));
    assertMessage("segment: must be a segment of the profile, in [0, 2) or -1 (noise), got -2",
        () -> p.zScores(-2));
    SegmentProfile noNoise = SegmentProfile.of(t, new int[] {0, 0, 1, 1, 1, 1});
    assertMessage("segment: must be a segment of the profile, in [0, 2) (no row is noise), got -1",
        () -> noNoise.name(-1, 0.5));
    assertMessage("column: must be a categorical column of the table, one of [Channel], got Age",
        () -> p.shares(0, "Age"));
    assertMessage("column: must be a categorical column of the table, one of [Channel], got null",
        () -> p.levels(null));
    assertMessage("zThreshold: must be positive and finite, got NaN", () -> p.names(NAN));
    assertMessage("zThreshold: must be positive and finite, got 0.0", () -> p.name(0, 0));
    assertMessage("zThreshold: must be positive and finite, got -1.0", () -> p.names(-1));
    assertMessage("zThreshold: must be positive and finite, got Infinity",
        () -> p.names(Double.POSITIVE_INFINITY));
  }

  private static void assertMessage(String message, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(message, e.getMessage());
  }

  /** The label rule of {@code tools/segment_profile_reference.py}. */
  private static int mallLabel(int id, double income, double spending) {
    if (id % 13 == 0) {
      return -1;
    }
    if (income < 40) {
      return 0;
    }
    if (income < 70) {
      return spending < 50 ? 1 : 2;
    }
    return spending >= 50 ? 3 : 4;
  }

  /**
   * The numpy group-by of {@code tools/segment_profile_reference.py} on {@code Mall_Customers.csv} (numpy 1.24.2;
   * means by numpy's pairwise summation, hence 1e-12 relative): sizes, means, overall means and population
   * standard deviations, z-scores, and names by the script's own implementation of the documented rule.
   */
  @Test
  void mallCustomersAgainstNumpyGroupBy() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    String[] gender = new String[n];
    double[] age = new double[n];
    double[] income = new double[n];
    double[] spending = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      gender[i] = f[1];
      age[i] = Double.parseDouble(f[2]);
      income[i] = Double.parseDouble(f[3]);
      spending[i] = Double.parseDouble(f[4]);
      labels[i] = mallLabel(Integer.parseInt(f[0]), income[i], spending[i]);
    }
    Table t = Table.builder()
        .categorical("Gender", gender)
        .numeric("Age", age)
        .numeric("Annual Income (k$)", income)
        .numeric("Spending Score (1-100)", spending)
        .build();
    SegmentProfile p = SegmentProfile.of(t, labels);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, -1}, p.segments());
    List<String> features = p.features();
    assertEquals(List.of("Gender=Female", "Gender=Male", "Age", "Annual Income (k$)", "Spending Score (1-100)"),
        features);
    List<String> names = p.names(0.5);
    int checked = 0;
    InputStream in = SegmentProfileTest.class.getResourceAsStream("/fixtures/eval/mall_segment_profile.csv");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine(); // comment
      r.readLine(); // header
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", 8);
        int segment = Integer.parseInt(f[0]);
        int g = segment < 0 ? 5 : segment;
        int j = features.indexOf(f[2]);
        assertTrue(j >= 0, f[2]);
        assertEquals(Integer.parseInt(f[1]), p.sizes()[g], line);
        assertRel(Double.parseDouble(f[3]), p.means(segment)[j], line);
        assertRel(Double.parseDouble(f[4]), p.overallMeans()[j], line);
        assertRel(Double.parseDouble(f[5]), p.overallSds()[j], line);
        assertRel(Double.parseDouble(f[6]), p.zScores(segment)[j], line);
        assertEquals(f[7], names.get(g), line);
        checked++;
      }
    }
    assertEquals(30, checked);
    assertEquals(List.of("Low Annual Income", "Average", "Average (2)", "High Annual Income, High Spending Score",
        "High Annual Income, Low Spending Score", "Outliers (noise)"), names);
    double[] female = p.shares(-1, "Gender");
    assertEquals(1, female[0] + female[1], 1e-15);
  }

  private static void assertRel(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
  }

  /** The segment-count overload checks the table and the labels as the other one does, with the same messages. */
  @Test
  void segmentCountOverloadChecksEveryArgument() {
    Table t = small();
    assertMessage("original: must not be null", () -> SegmentProfile.of(null, SMALL_LABELS, 2));
    Table empty = Table.builder().numeric("x", new double[0]).build();
    assertMessage("original: must have at least one row, got 0 rows", () -> SegmentProfile.of(empty, new int[0], 0));
    assertMessage("labels: must not be null", () -> SegmentProfile.of(t, null, 2));
    assertMessage("labels: length must equal the table's row count 6, got 7",
        () -> SegmentProfile.of(t, new int[7], 2));
    // the bounds of the segment count are inclusive: 0 (every row noise) and the row count (a model's k = n)
    SegmentProfile none = SegmentProfile.of(t, new int[] {-1, -1, -1, -1, -1, -1}, 0);
    assertArrayEquals(new int[] {-1}, none.segments());
    SegmentProfile six = SegmentProfile.of(t, new int[] {0, 1, 2, 3, 4, 5}, 6);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, six.segments());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, six.sizes());
  }

  /**
   * The naming rule at its edges, by hand. x = (10, 10, 0, 0): mean 5, population sd 5, so z = +1 and -1 exactly.
   * With three such columns every |z| ties: the two earlier columns name the segment ("ties to the earlier
   * feature"); a |z| equal to the threshold counts ("at least the threshold"); an underscore name is title-cased.
   */
  @Test
  void namingRuleAtItsEdges() {
    double[] x = {10, 10, 0, 0};
    Table t = Table.builder().numeric("Credit_Limit", x).numeric("w", x).numeric("y", x).build();
    SegmentProfile p = SegmentProfile.of(t, new int[] {0, 0, 1, 1});
    assertArrayEquals(new double[] {1, 1, 1}, p.zScores(0), 0.0);
    assertEquals(List.of("High Credit Limit, High W", "Low Credit Limit, Low W"), p.names(0.5));
    assertEquals(List.of("High Credit Limit, High W", "Low Credit Limit, Low W"), p.names(1.0));
    assertEquals(List.of("Average", "Average (2)"), p.names(1.0000000000000002));
    // a category with a share of exactly one half in a segment, over-represented there (overall 1/4, sd
    // sqrt(3/16), z = (1/2 - 1/4) / sqrt(3/16) = 0.577): "Mostly", since the share is at least one half
    Table c = Table.builder().categorical("channel", new String[] {"ONLINE", "STORE", "STORE", "STORE"}).build();
    SegmentProfile q = SegmentProfile.of(c, new int[] {0, 0, 1, 1});
    assertEquals(0.25 / Math.sqrt(3.0 / 16), q.zScores(0)[0], 1e-15);
    assertEquals(List.of("Mostly Online", "Mostly Store"), q.names(0.5));
  }

  /**
   * Standard deviations of values far from 0 are taken about the mean (two passes), not as a difference of sums
   * of squares, which would cancel: 1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.7 against the same doubles' population standard
   * deviation in exact decimal arithmetic (0.26246693619887147...).
   */
  @Test
  void standardDeviationOfLargeValuesIsAccurate() {
    double[] v = {1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.7};
    java.math.MathContext mc = new java.math.MathContext(40);
    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
    for (double d : v) {
      sum = sum.add(new java.math.BigDecimal(d));
    }
    java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(3), mc);
    java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
    for (double d : v) {
      java.math.BigDecimal dev = new java.math.BigDecimal(d).subtract(mean);
      ss = ss.add(dev.multiply(dev));
    }
    double exact = ss.divide(java.math.BigDecimal.valueOf(3), mc).sqrt(mc).doubleValue();
    SegmentProfile p = SegmentProfile.of(Table.builder().numeric("t", v).build(), new int[] {0, 0, 1});
    assertEquals(exact, p.overallSds()[0], 1e-12 * exact);
  }

  // ---- invariants of the group-by on random tables with missing cells --------------------------------------

  @Provide
  Arbitrary<Tuple.Tuple3<double[], String[], int[]>> tables() {
    return Arbitraries.integers().between(1, 40).flatMap(n -> {
      Arbitrary<double[]> x = Arbitraries.oneOf(Arbitraries.doubles().between(-1e3, 1e3),
          Arbitraries.just(NAN)).array(double[].class).ofSize(n);
      Arbitrary<String[]> c = Arbitraries.of("a", "b", "c", null).array(String[].class).ofSize(n);
      Arbitrary<int[]> l = Arbitraries.integers().between(-1, Math.min(3, n - 1)).array(int[].class).ofSize(n);
      return net.jqwik.api.Combinators.combine(x, c, l).as(Tuple::of);
    });
  }

  @Property(tries = 300)
  void groupByInvariants(@ForAll("tables") Tuple.Tuple3<double[], String[], int[]> in) {
    double[] x = in.get1();
    String[] c = in.get2();
    int[] labels = in.get3();
    int n = x.length;
    int[] before = labels.clone();
    Table t = Table.builder().numeric("x", x).categorical("c", c).build();
    SegmentProfile p = SegmentProfile.of(t, labels);
    assertArrayEquals(before, labels);
    int[] segs = p.segments();
    int[] sizes = p.sizes();
    assertEquals(n, Arrays.stream(sizes).sum());
    // brute force per group: count, non-missing count and sum of x, missing c
    double overallSum = 0;
    int overallM = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(x[i])) {
        overallSum += x[i];
        overallM++;
      }
    }
    for (int g = 0; g < segs.length; g++) {
      int s = segs[g];
      int size = 0;
      int m = 0;
      int cMissing = 0;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == s) {
          size++;
          if (Double.isNaN(x[i])) {
            continue;
          }
          m++;
          sum += x[i];
        }
      }
      for (int i = 0; i < n; i++) {
        if (labels[i] == s && c[i] == null) {
          cMissing++;
        }
      }
      assertEquals(size, sizes[g]);
      assertEquals(size - m, p.missingCounts(s)[0]);
      double mean = p.means(s)[0];
      if (m == 0) {
        assertTrue(Double.isNaN(mean));
        assertEquals(0, p.zScores(s)[0]);
      } else {
        assertEquals(sum / m, mean, 1e-9);
        double sd = p.overallSds()[0];
        assertEquals(sd > 0 ? (mean - overallSum / overallM) / sd : 0, p.zScores(s)[0], 1e-9);
      }
      if (t.columnNames().contains("c") && !p.levels("c").isEmpty()) {
        double[] shares = p.shares(s, "c");
        int levels = shares.length;
        for (int k = 0; k < levels; k++) {
          assertEquals(cMissing, p.missingCounts(s)[1 + k]);
        }
        if (size - cMissing == 0) {
          assertTrue(Double.isNaN(shares[0]));
        } else {
          assertEquals(1, Arrays.stream(shares).sum(), 1e-12);
          for (int k = 0; k < levels; k++) {
            String level = p.levels("c").get(k);
            int count = 0;
            for (int i = 0; i < n; i++) {
              if (labels[i] == s && level.equals(c[i])) {
                count++;
              }
            }
            assertEquals((double) count / (size - cMissing), shares[k], 1e-15);
          }
        }
      }
    }
    List<String> names = p.names(0.5);
    assertEquals(names.size(), new HashSet<>(names).size());
    assertEquals(names, new ArrayList<>(p.names(0.5)));
  }
}
