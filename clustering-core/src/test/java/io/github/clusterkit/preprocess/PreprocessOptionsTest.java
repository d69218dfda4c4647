package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scikit-learn options of the steps against scikit-learn 1.2.1 and SciPy 1.10.1: every expected value is printed
 * by {@code tools/preprocess_options_reference.py}, on the line whose tag ({@code [S1]}, {@code [M2]}, ...) the
 * comment beside it names. Values computed by the same operations as scikit-learn are compared within a few ulps
 * ({@link #REL}); sums over thousands of rows, which numpy adds pairwise, within {@code 1e-12} relative.
 */
class PreprocessOptionsTest {

  /** A few ulps: our operations are scikit-learn's, its sums (numpy's pairwise) may round otherwise. */
  private static final double REL = 4e-15;

  private static void assertClose(double[] expected, double[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertTrue(Double.isNaN(actual[i]), what + "[" + i + "] is NaN, got " + actual[i]);
      } else {
        assertEquals(expected[i], actual[i], rel * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
      }
    }
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  private static Table column(String name, double... v) {
    return Table.builder().numeric(name, v).build();
  }

  private static Table mall() throws IOException {
    return PreprocessReferenceTest.readSimple(SharedData.file("Mall_Customers.csv"), "Gender");
  }

  private static final String[] MALL_NUMBERS = {"Age", "Annual Income (k$)", "Spending Score (1-100)"};

  // ---------------------------------------------------------------- StandardScaler(with_mean=, with_std=)

  /** [S0]: the column; NaN is ignored by the fit and stays NaN. */
  private static final Table S0 = column("x", 1, 2, Double.NaN, 4, 0, -3);

  @Test
  void standardScalerOptionsMatchScikitLearnOnASmallColumn() {
    double nan = Double.NaN;
    // [S1] with_mean=True with_std=True: the default, as before the options
    StandardScaler.Fitted both = new StandardScaler().fit(S0);
    assertTrue(both.withMean() && both.withStd());
    assertClose(new double[] {0.08638684255813599, 0.518321055348816, nan, 1.3821894809301762, -0.34554737023254406,
        -1.641350008604584}, both.transform(S0).numeric("x"), REL, "S1");
    // [S2] with_mean=False: mean_ [0.8] and scale_ [2.3151673805580453] are still reported; x / scale
    StandardScaler.Fitted noMean = new StandardScaler().withMean(false).fit(S0);
    assertClose(new double[] {0.8}, noMean.means(), REL, "S2 mean_");
    assertClose(new double[] {2.3151673805580453}, noMean.scales(), REL, "S2 scale_");
    assertFalse(noMean.withMean());
    assertTrue(noMean.withStd());
    assertClose(new double[] {0.43193421279068, 0.86386842558136, nan, 1.72773685116272, 0.0, -1.29580263837204},
        noMean.transform(S0).numeric("x"), REL, "S2");
    // [S3] with_std=False: mean_ [0.8], scale_ None (here the scale is still held, not applied); x - mean
    StandardScaler.Fitted noStd = new StandardScaler().withStd(false).fit(S0);
    assertArrayEquals(both.scales(), noStd.scales(), "the same statistics, whichever are applied");
    assertArrayEquals(both.means(), noStd.means());
    assertClose(new double[] {0.19999999999999996, 1.2, nan, 3.2, -0.8, -3.8}, noStd.transform(S0).numeric("x"),
        REL, "S3");
    // [S4] both False: mean_ None, scale_ None; the values pass through, bit for bit
    StandardScaler.Fitted neither = new StandardScaler().withMean(false).withStd(false).fit(S0);
    assertArrayEquals(S0.numeric("x"), neither.transform(S0).numeric("x"));
    // [S5] a constant column 5, 5, 5 with with_mean=False: scale_ [1.0], transform 5, 5, 5
    Table c = column("x", 5, 5, 5);
    StandardScaler.Fitted constant = new StandardScaler().withMean(false).fit(c);
    assertArrayEquals(new double[] {1.0}, constant.scales());
    assertArrayEquals(new double[] {5, 5, 5}, constant.transform(c).numeric("x"));
  }

  @Test
  void standardScalerOptionsMatchScikitLearnOnMallCustomers() throws IOException {
    Table t = mall().select(Arrays.asList(MALL_NUMBERS));
    StandardScaler.Fitted noMean = new StandardScaler().withMean(false).fit(t);
    // [S6] with_mean=False: mean_ [38.85, 60.56, 50.2], scale_ [13.934041050606966, 26.19897707926782,
    // 25.75888196331509], rows 0, 1, 199 transformed
    assertClose(new double[] {38.85, 60.56, 50.2}, noMean.means(), REL, "S6 mean_");
    assertClose(new double[] {13.934041050606966, 26.19897707926782, 25.75888196331509}, noMean.scales(), REL,
        "S6 scale_");
    Dataset x = Pipeline.of(new StandardScaler().withMean(false)).fit(t).transform(t);
    assertClose(new double[] {1.3635671038282438, 0.572541437576585, 1.5140408677497126}, x.row(0), REL, "S6 row 0");
    assertClose(new double[] {1.5071004831785852, 0.572541437576585, 3.1445464176340185}, x.row(1), REL, "S6 row 1");
    assertClose(new double[] {2.1530006902551215, 5.229211796532811, 3.2221895390570805}, x.row(199), REL,
        "S6 row 199");
    // [S7] with_std=False: rows 0, 1, 199 transformed (x - mean)
    Dataset y = Pipeline.of(new StandardScaler().withStd(false)).fit(t).transform(t);
    assertClose(new double[] {-19.85, -45.56, -11.200000000000003}, y.row(0), REL, "S7 row 0");
    assertClose(new double[] {-17.85, -45.56, 30.799999999999997}, y.row(1), REL, "S7 row 1");
    assertClose(new double[] {-8.850000000000001, 76.44, 32.8}, y.row(199), REL, "S7 row 199");
  }

  @Test
  void standardScalerWithoutAnOptionStillRefusesResultsBeyondTheDoubleRange() {
    // Exact by hand: fitted on 0 and 2e-300 (mean 1e-300, scale 1e-300), x / scale of 1e308 is 1e608 > MAX_VALUE;
    // centring only, 1e308 - 1e-300 is finite and is accepted.
    Table fit = column("x", 0, 2e-300);
    Table big = column("x", 1e308);
    assertMessage("StandardScaler: column 'x' has value 1.0E308 at row 0, which maps beyond the double range",
        () -> new StandardScaler().withMean(false).fit(fit).transform(big));
    assertEquals(1e308, new StandardScaler().withStd(false).fit(fit).transform(big).numeric("x")[0]);
  }

  // ---------------------------------------------------------------- MinMaxScaler(clip=True)

  @Test
  void minMaxClipMatchesScikitLearn() {
    double nan = Double.NaN;
    Table fit = column("x", 0, 2, 10);
    Table fresh = column("x", -5, 0, 5, 10, 15, nan, 1e308);
    // [M1] feature_range=(-1, 1), clip=True: -5, 0, 5, 10, 15, nan, 1e308 -> -1, -1, 0, 1, 1, nan, 1
    MinMaxScaler.Fitted clipped = new MinMaxScaler().range(-1, 1).clip(true).fit(fit);
    assertTrue(clipped.clip());
    assertClose(new double[] {-1, -1, 0, 1, 1, nan, 1}, clipped.transform(fresh).numeric("x"), 0, "M1");
    // [M2] the same without clip: -2, -1, 0, 1, 2, nan, 2.0000000000000002e+307
    MinMaxScaler.Fitted plain = new MinMaxScaler().range(-1, 1).fit(fit);
    assertFalse(plain.clip());
    assertClose(new double[] {-2, -1, 0, 1, 2, nan, 2.0000000000000002e+307}, plain.transform(fresh).numeric("x"),
        REL, "M2");
    // [M3] a constant column 7, 7 with feature_range=(5, 6), clip=True: 7, 100, -100 -> 5, 6, 5
    assertClose(new double[] {5, 6, 5}, new MinMaxScaler().range(5, 6).clip(true).fit(column("x", 7, 7))
        .transform(column("x", 7, 100, -100)).numeric("x"), 0, "M3");
    // [M6] fitted on 0, 1e-10 with clip=True: 1e308, -1e308, 5e-11 -> 1.0, 0.0, 0.5 (scikit-learn's x * scale
    // overflows to +-inf and is clipped); without clip such a value is refused
    MinMaxScaler.Fitted tiny = new MinMaxScaler().clip(true).fit(column("x", 0, 1e-10));
    assertClose(new double[] {1, 0, 0.5}, tiny.transform(column("x", 1e308, -1e308, 5e-11)).numeric("x"), REL, "M6");
    assertMessage("which maps beyond the double range",
        () -> new MinMaxScaler().fit(column("x", 0, 1e-10)).transform(column("x", 1e308)));
  }

  @Test
  void minMaxClipTreatsSignedZerosAsNumpyDoes() {
    // [M4] np.clip(-0.0, 0, 1) = 0.0 and np.clip(1.0, -1, -0.0) = -0.0
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(MinMaxScaler.Fitted.clip(-0.0, 0, 1)));
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(MinMaxScaler.Fitted.clip(1.0, -1, -0.0)));
    assertTrue(Double.isNaN(MinMaxScaler.Fitted.clip(Double.NaN, 0, 1)));
    // through a scaler to [-1, -0.0]: a value above the training range gives the bound -0.0 (by hand: [M4])
    double y = new MinMaxScaler().range(-1, -0.0).clip(true).fit(column("x", 0, 10)).transform(column("x", 20))
        .numeric("x")[0];
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(y));
  }

  @Test
  void minMaxClipGivesTheUpperBoundOnASignedZeroTie() {
    // [M7] np.clip(0.0, -1, -0.0) = -0.0 and np.clip(-0.0, -1, 0.0) = 0.0: a value equal to the upper bound but for
    // the sign of zero gives the bound (a clip that kept t where t <= hi would give 0.0 and -0.0)
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(MinMaxScaler.Fitted.clip(0.0, -1, -0.0)));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(MinMaxScaler.Fitted.clip(-0.0, -1, 0.0)));
    // [M7] scikit-learn: fit 0, 10 to (-1, -0.0) with clip: 10 * 0.1 + -1 = +0.0, clipped to the bound -0.0
    double y = new MinMaxScaler().range(-1, -0.0).clip(true).fit(column("x", 0, 10)).transform(column("x", 10))
        .numeric("x")[0];
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(y));
  }

  @Test
  void minMaxClipMatchesScikitLearnOnCcGeneral() throws IOException {
    Table t = PreprocessReferenceTest.readSimple(SharedData.file("cc_general.csv"), "CUST_ID").select(
        List.of("BALANCE"));
    int[] first100 = new int[100];
    for (int i = 0; i < 100; i++) {
      first100[i] = i;
    }
    MinMaxScaler.Fitted f = new MinMaxScaler().clip(true).fit(t.rows(first100));
    // [M5] data_min_ [0.0], data_max_ [12136.21996]; all 8950 rows: 80 at 0, 28 at 1, sum 1148.7748536315257,
    // rows 0, 1, 2 [0.003370139065936969, 0.2638768435769188, 0.20559522406678596]
    assertArrayEquals(new double[] {0.0}, f.mins());
    assertArrayEquals(new double[] {12136.21996}, f.maxs());
    double[] v = f.transform(t).numeric("BALANCE");
    int zeros = 0;
    int ones = 0;
    double sum = 0;
    for (double x : v) {
      zeros += x == 0 ? 1 : 0;
      ones += x == 1 ? 1 : 0;
      sum += x;
    }
    assertEquals(8950, v.length);
    assertEquals(80, zeros);
    assertEquals(28, ones);
    assertEquals(1148.7748536315257, sum, 1e-12 * 1148.8, "M5 sum (numpy sums pairwise)");
    assertClose(new double[] {0.003370139065936969, 0.2638768435769188, 0.20559522406678596},
        Arrays.copyOf(v, 3), REL, "M5 rows 0-2");
  }

  // ---------------------------------------------------------------- OneHotEncoder(drop=...)

  /** [O0]: columns g, h, k; h has two categories, k one. */
  private static final Table O0 = Table.builder()
      .categorical("g", new String[] {"b", "a", "c", "a"})
      .categorical("h", new String[] {"x", "y", "x", "x"})
      .categorical("k", new String[] {"z", "z", "z", "z"}).build();

  /** The rows ['d', 'x', 'z'], ['a', 'w', 'v'], ['b', 'y', 'z'] of [O3] and [O4]: unknown d, w, v. */
  private static final Table UNKNOWN = Table.builder()
      .categorical("g", new String[] {"d", "a", "b"})
      .categorical("h", new String[] {"x", "w", "y"})
      .categorical("k", new String[] {"z", "v", "z"}).build();

  private static void assertRows(double[][] expected, Dataset x, String what) {
    assertEquals(expected.length, x.size(), what);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], x.row(i), what + " row " + i);
    }
  }

  @Test
  void dropFirstMatchesScikitLearn() {
    // [O1] drop='first': drop_idx_ [0, 0, 0], names ['g_b', 'g_c', 'h_y'] (k's only category dropped: no column)
    PipelineModel p = Pipeline.of(new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST)).fit(O0);
    assertEquals(List.of("g=b", "g=c", "h=y"), p.outputColumns());
    OneHotEncoder.Fitted f = (OneHotEncoder.Fitted) p.steps().get(0);
    assertEquals(OneHotEncoder.Drop.FIRST, f.drop());
    assertEquals(List.of("a", "x", "z"), f.droppedCategories());
    assertRows(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 0, 0}}, p.transform(O0), "O1");
    // k gives no output column, so the pipeline does not require it (see the class comment)
    assertEquals(List.of("g", "h"), p.requiredColumns());
  }

  @Test
  void dropIfBinaryMatchesScikitLearn() {
    // [O2] drop='if_binary': drop_idx_ [None, 0, None], names ['g_a', 'g_b', 'g_c', 'h_y', 'k_z']
    PipelineModel p = Pipeline.of(new OneHotEncoder().drop(OneHotEncoder.Drop.IF_BINARY)).fit(O0);
    assertEquals(List.of("g=a", "g=b", "g=c", "h=y", "k=z"), p.outputColumns());
    assertEquals(Arrays.asList(null, "x", null), ((OneHotEncoder.Fitted) p.steps().get(0)).droppedCategories());
    assertRows(new double[][] {{0, 1, 0, 0, 1}, {1, 0, 0, 1, 1}, {0, 0, 1, 0, 1}, {1, 0, 0, 0, 1}}, p.transform(O0),
        "O2");
  }

  @Test
  void unknownCategoriesUnderIgnoreWithADroppedColumnAreAllZerosAsInScikitLearn() {
    OneHotEncoder ignore = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE);
    // [O3] drop='first', handle_unknown='ignore': -> [[0, 0, 0], [0, 0, 0], [1, 0, 1]] (scikit-learn warns "Found
    // unknown categories in columns [0, 1, 2] during transform. These unknown categories will be encoded as all
    // zeros"; this library does not log)
    PipelineModel first = Pipeline.of(ignore.drop(OneHotEncoder.Drop.FIRST)).fit(O0);
    assertRows(new double[][] {{0, 0, 0}, {0, 0, 0}, {1, 0, 1}}, first.transform(UNKNOWN), "O3");
    // [O4] drop='if_binary', handle_unknown='ignore': -> [[0, 0, 0, 0, 1], [1, 0, 0, 0, 0], [0, 1, 0, 1, 1]]
    PipelineModel binary = Pipeline.of(ignore.drop(OneHotEncoder.Drop.IF_BINARY)).fit(O0);
    assertRows(new double[][] {{0, 0, 0, 0, 1}, {1, 0, 0, 0, 0}, {0, 1, 0, 1, 1}}, binary.transform(UNKNOWN), "O4");
    // [O5] drop='first', handle_unknown='error': ValueError "Found unknown categories ['d'] in column 0"
    PipelineModel error = Pipeline.of(new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST)).fit(O0);
    assertMessage("column 'g' has unknown category 'd' at row 0", () -> error.transform(UNKNOWN));
    // withHandleUnknown keeps the drop rule
    PipelineModel relaxed = error.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE);
    assertEquals(OneHotEncoder.Drop.FIRST, ((OneHotEncoder.Fitted) relaxed.steps().get(0)).drop());
    assertRows(new double[][] {{0, 0, 0}, {0, 0, 0}, {1, 0, 1}}, relaxed.transform(UNKNOWN),
        "O3 after withHandleUnknown");
  }

  @Test
  void dropMatchesScikitLearnOnMallGender() throws IOException {
    Table t = mall().select(List.of("Gender"));
    for (OneHotEncoder.Drop d : List.of(OneHotEncoder.Drop.IF_BINARY, OneHotEncoder.Drop.FIRST)) {
      // [O6] (if_binary) and [O7] (first): names ['Gender_Male'], column sum 88, rows 0-4 1, 1, 0, 0, 0
      PipelineModel p = Pipeline.of(new OneHotEncoder().drop(d)).fit(t);
      assertEquals(List.of("Gender=Male"), p.outputColumns(), d::toString);
      double[] v = p.transform(t).column(0);
      assertEquals(88.0, Arrays.stream(v).sum(), 0.0, d::toString);
      assertArrayEquals(new double[] {1, 1, 0, 0, 0}, Arrays.copyOf(v, 5), d::toString);
    }
  }

  @Test
  void droppedCategoriesNamesCannotClashButKeptOnesStillDo() {
    // Exact by construction: category 'a=b' of g and category 'b' of 'g=a' both name 'g=a=b'; dropping one of them
    // leaves a single column of that name.
    List<String> cols = List.of("g", "g=a");
    List<List<String>> cats = List.of(List.of("a=b", "z"), List.of("b", "c"));
    assertMessage("both give output column 'g=a=b'",
        () -> OneHotEncoder.Fitted.of(cols, cats, OneHotEncoder.HandleUnknown.ERROR));
    OneHotEncoder.Fitted f = OneHotEncoder.Fitted.of(cols, cats, OneHotEncoder.HandleUnknown.ERROR,
        OneHotEncoder.Drop.FIRST);
    Table t = Table.builder().categorical("g", new String[] {"a=b", "z"}).categorical("g=a", new String[] {"b", "c"})
        .build();
    assertEquals(List.of("g=z", "g=a=c"), f.transform(t).columnNames());
    assertMessage("drop must not be null", () -> new OneHotEncoder().drop(null));
    assertMessage("drop must not be null", () -> OneHotEncoder.Fitted.of(List.of("g"), List.of(List.of("a")),
        OneHotEncoder.HandleUnknown.ERROR, null));
  }

  // ---------------------------------------------------------------- SimpleImputer(add_indicator=True)

  /** [I1]: a, b, c with gaps in a and b. */
  private static final Table I1 = Table.builder()
      .numeric("a", new double[] {1, Double.NaN, 3, 4})
      .numeric("b", new double[] {Double.NaN, 2, Double.NaN, 5})
      .numeric("c", new double[] {1, 2, 3, 4}).build();

  @Test
  void addIndicatorMatchesScikitLearn() {
    // [I1] SimpleImputer(mean, add_indicator=True): features_ [0, 1], names ['a', 'b', 'c', 'missingindicator_a',
    // 'missingindicator_b'] (here a_missing, b_missing)
    PipelineModel p = Pipeline.of(Imputer.mean().addIndicator(true)).fit(I1);
    assertEquals(List.of("a", "b", "c", "a_missing", "b_missing"), p.outputColumns());
    Imputer.Fitted f = (Imputer.Fitted) p.steps().get(0);
    assertTrue(f.addIndicator());
    assertEquals(List.of("a", "b"), f.indicatorColumns());
    assertEquals(List.of("a_missing", "b_missing"), f.indicatorNames());
    Dataset x = p.transform(I1);
    double[][] expected = {{1.0, 3.5, 1.0, 0.0, 1.0}, {2.6666666666666665, 2.0, 2.0, 1.0, 0.0},
        {3.0, 3.5, 3.0, 0.0, 1.0}, {4.0, 5.0, 4.0, 0.0, 0.0}};
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], x.row(i), REL, "I1 row " + i);
    }
    // [I2] new rows [nan, 7, nan], [2, nan, 5]: c's gap is filled and gets no indicator
    Table fresh = Table.builder().numeric("a", new double[] {Double.NaN, 2}).numeric("b", new double[] {7,
        Double.NaN}).numeric("c", new double[] {Double.NaN, 5}).build();
    Dataset y = p.transform(fresh);
    assertClose(new double[] {2.6666666666666665, 7.0, 2.5, 1.0, 0.0}, y.row(0), REL, "I2 row 0");
    assertClose(new double[] {2.0, 3.5, 5.0, 0.0, 1.0}, y.row(1), REL, "I2 row 1");
  }

  @Test
  void addIndicatorWithoutGapsAtFitAddsNothingAsScikitLearn() {
    // [I3] no gap at fit: names ['a', 'b']; [nan, 1] -> [2, 1]
    Table t = Table.builder().numeric("a", new double[] {1, 3}).numeric("b", new double[] {2, 4}).build();
    PipelineModel p = Pipeline.of(Imputer.median().addIndicator(true)).fit(t);
    assertEquals(List.of("a", "b"), p.outputColumns());
    assertArrayEquals(new double[] {2, 1}, p.transform(Table.builder().numeric("a", new double[] {Double.NaN})
        .numeric("b", new double[] {1}).build()).row(0));
  }

  @Test
  void addIndicatorOfCategoricalColumnsMatchesScikitLearn() {
    // [I4] g, h most_frequent with None missing, add_indicator: names ['g', 'h', 'missingindicator_g',
    // 'missingindicator_h']; transform [u, p, F, F], [u, q, T, F], [v, p, F, F], [u, p, F, T] (here 0/1 numbers)
    Table t = Table.builder().categorical("g", new String[] {"u", null, "v", "u"})
        .categorical("h", new String[] {"p", "q", "p", null}).build();
    Table out = Imputer.mostFrequent().addIndicator(true).fit(t).transform(t);
    assertEquals(List.of("g", "h", "g_missing", "h_missing"), out.columnNames());
    assertArrayEquals(new String[] {"u", "u", "v", "u"}, out.categorical("g"));
    assertArrayEquals(new String[] {"p", "q", "p", "p"}, out.categorical("h"));
    assertArrayEquals(new double[] {0, 1, 0, 0}, out.numeric("g_missing"));
    assertArrayEquals(new double[] {0, 0, 0, 1}, out.numeric("h_missing"));
  }

  @Test
  void addIndicatorMatchesScikitLearnOnCcGeneral() throws IOException {
    Table t = PreprocessReferenceTest.readSimple(SharedData.file("cc_general.csv"), "CUST_ID").drop("CUST_ID");
    PipelineModel p = Pipeline.of(Imputer.median().addIndicator(true)).fit(t);
    // [I5] 19 output columns; indicators of CREDIT_LIMIT and MINIMUM_PAYMENTS, sums 1 and 313, first rows with a 1:
    // [5203] and [3, 45, 47]
    assertEquals(19, p.outputColumns().size());
    assertEquals(List.of("CREDIT_LIMIT_missing", "MINIMUM_PAYMENTS_missing"), p.outputColumns().subList(17, 19));
    Dataset x = p.transform(t);
    double[] credit = x.column(17);
    double[] minimum = x.column(18);
    assertEquals(1.0, Arrays.stream(credit).sum());
    assertEquals(313.0, Arrays.stream(minimum).sum());
    assertEquals(1.0, credit[5203]);
    assertArrayEquals(new int[] {3, 45, 47}, firstOnes(minimum, 3));
  }

  private static int[] firstOnes(double[] v, int count) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < v.length && out.size() < count; i++) {
      if (v[i] == 1) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void indicatorNamesThatClashAreRefused() {
    // Exact by construction: column a has a gap, and the table already has a column a_missing.
    Table t = Table.builder().numeric("a", new double[] {1, Double.NaN}).numeric("a_missing", new double[] {0, 1})
        .build();
    assertMessage("Imputer: the missing-value indicator of column 'a' is named 'a_missing', but the table already has"
        + " a column 'a_missing'", () -> Imputer.mean().columns("a").addIndicator(true).fit(t));
    Imputer.Fitted f = Imputer.mean().addIndicator(true).fit(t.select(List.of("a")));
    assertMessage("already has a column 'a_missing'", () -> f.transform(t));
    // the state rules of Fitted.of
    Map<String, Double> fills = Map.of("a", 1.0);
    assertMessage("indicator column 'b' must be one of the columns the imputer fills, [a]",
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, fills, Map.of(), true, List.of("b")));
    assertMessage("indicatorColumns must be empty without addIndicator, got [a]",
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, fills, Map.of(), false, List.of("a")));
    assertMessage("indicator columns must be distinct, got 'a' twice",
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, fills, Map.of(), true, List.of("a", "a")));
    assertMessage("indicatorColumns must not be null",
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, fills, Map.of(), true, null));
    java.util.LinkedHashMap<String, Double> both = new java.util.LinkedHashMap<>();
    both.put("a", 1.0);
    both.put("a_missing", 0.0);
    assertMessage("would be named 'a_missing', which is a column the imputer fills",
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, both, Map.of(), true, List.of("a")));
  }

  @Test
  void aPipelineRequiresAColumnWhoseIndicatorAloneReachesTheOutput() {
    // Exact by construction: a is dropped after the imputer, its indicator kept; a's gaps still decide the output.
    PipelineModel p = Pipeline.of(Imputer.mean().addIndicator(true), ColumnSelector.drop("a")).fit(I1);
    assertEquals(List.of("b", "c", "a_missing", "b_missing"), p.outputColumns());
    assertEquals(List.of("a", "b", "c"), p.requiredColumns());
    assertArrayEquals(new double[] {3.5, 1, 0, 1}, p.transform(I1).row(0));
    // and a column whose indicator and values are both dropped is not required
    PipelineModel q = Pipeline.of(Imputer.mean().addIndicator(true), ColumnSelector.drop("a", "a_missing")).fit(I1);
    assertEquals(List.of("b", "c"), q.requiredColumns());
    assertArrayEquals(new double[] {3.5, 1, 1}, q.transform(I1.drop("a")).row(0));
  }

  // ---------------------------------------------------------------- RobustScaler(unit_variance=True)

  @Test
  void unitVarianceFactorMatchesScipy() {
    // [R1]..[R4] norm.ppf(q_max / 100) - norm.ppf(q_min / 100)
    double[][] cases = {{25, 75, 1.3489795003921634}, {10, 90, 2.5631031310892007}, {1, 99, 4.6526957480816815},
        {0.5, 37.5, 2.2571899395845256}};
    for (double[] c : cases) {
      double adjust = NormalQuantile.ppf(c[1] / 100.0) - NormalQuantile.ppf(c[0] / 100.0);
      assertEquals(c[2], adjust, 2e-15 * c[2], () -> Arrays.toString(c));
    }
  }

  @Test
  void unitVarianceMatchesScikitLearn() throws IOException {
    double nan = Double.NaN;
    Table t = column("x", 1, 2, 4, 7, 11, nan);
    // [R5] unit_variance=True: center_ [4.0], scale_ [3.706505546264005], transform
    RobustScaler.Fitted f = new RobustScaler().unitVariance(true).fit(t);
    assertTrue(f.unitVariance());
    assertArrayEquals(new double[] {4.0}, f.centers());
    assertClose(new double[] {3.706505546264005}, f.scales(), REL, "R5 scale_");
    assertClose(new double[] {-0.809387700235298, -0.5395918001568654, 0.0, 0.809387700235298, 1.8885713005490286,
        nan}, f.transform(t).numeric("x"), REL, "R5");
    // [R6] quantile_range=(10, 90): scale_ [3.1212165842895163], transform
    RobustScaler.Fitted g = new RobustScaler().unitVariance(true).quantileRange(10, 90).fit(t);
    assertClose(new double[] {3.1212165842895163}, g.scales(), REL, "R6 scale_");
    assertClose(new double[] {-0.9611636741584504, -0.6407757827723002, 0.0, 0.9611636741584504, 2.2427152397030508,
        nan}, g.transform(t).numeric("x"), REL, "R6");
    // [R7] a constant column: scale_ [0.741301109252801] (1 / 1.3489795003921634)
    assertClose(new double[] {0.741301109252801}, new RobustScaler().unitVariance(true).fit(column("x", 3, 3, 3))
        .scales(), REL, "R7");
    // [R9] Mall: center_ [36.0, 61.5, 50.0], scale_ [15.01134746236922, 27.057490487727236, 28.354767428919637],
    // row 0 [-1.1324766176131742, -1.7185629251571397, -0.3879418171062431]
    Table m = mall().select(Arrays.asList(MALL_NUMBERS));
    RobustScaler.Fitted h = new RobustScaler().unitVariance(true).fit(m);
    assertArrayEquals(new double[] {36.0, 61.5, 50.0}, h.centers());
    assertClose(new double[] {15.01134746236922, 27.057490487727236, 28.354767428919637}, h.scales(), REL, "R9");
    assertClose(new double[] {-1.1324766176131742, -1.7185629251571397, -0.3879418171062431},
        Pipeline.of(new RobustScaler().unitVariance(true)).fit(m).transform(m).row(0), REL, "R9 row 0");
  }

  @Test
  void unitVarianceRefusesAQuantileRangeReachingZeroOrOneHundred() {
    // [R8] scikit-learn: quantile_range=(0, 100), unit_variance=True gives scale_ [0.0] and infinite transforms
    assertMessage("RobustScaler: unitVariance needs a quantileRange with 0 < low and high < 100",
        () -> new RobustScaler().quantileRange(0, 100).unitVariance(true));
    assertMessage("got (25.0, 100.0)", () -> new RobustScaler().unitVariance(true).quantileRange(25, 100));
    assertMessage("got (0.0, 75.0)", () -> new RobustScaler().unitVariance(true).quantileRange(0, 75));
    assertMessage("got (1.0E-323, 75.0)", () -> new RobustScaler().unitVariance(true).quantileRange(1e-323, 75));
    // without the factor, and turning it off, both ends are accepted as before
    new RobustScaler().quantileRange(0, 100).unitVariance(false);
    new RobustScaler().unitVariance(true).unitVariance(false).quantileRange(0, 100);
  }

  @Test
  void unitVarianceScaleBeyondTheDoubleRangeIsRefusedNamingTheColumnAndTheFactor() {
    // Review finding: a narrow quantile range makes the factor small, and the scale divided by it overflowed; the fit
    // then failed with "scales[0] must be finite, got Infinity", as if a state had been given. By hand: 50 rows at
    // -1.7e308 and 50 at 1.7e308; the 49.99 and 50.01 percentiles interpolate at positions 49.4901 and 49.5099, so
    // their spread is 0.0198 * 3.4e308 = 6.732e306 (finite), and the factor ppf(0.5001) - ppf(0.4999) is about
    // 2 * 0.0001 * sqrt(2 pi) = 5.01e-4, so the scale is about 1.3e310. (scikit-learn 1.2.1's nanpercentile
    // overflows on these rows and reports a scale_ of 1994.7.)
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = i < 50 ? -1.7e308 : 1.7e308;
    }
    RobustScaler narrow = new RobustScaler().quantileRange(49.99, 50.01);
    assertMessage("RobustScaler: the spread of column 'x' between its 49.99 and 50.01 percentiles (6.732",
        () -> narrow.unitVariance(true).fit(column("x", v)));
    assertMessage("divided by the unitVariance factor 5.01", () -> narrow.unitVariance(true).fit(column("x", v)));
    // without the factor the same spread is a finite scale
    assertClose(new double[] {6.732e306}, narrow.fit(column("x", v)).scales(), 1e-12, "no factor");
  }

  // ---------------------------------------------------------------- the normal quantile (Wichura's AS 241)

  @Test
  void normalQuantileMatchesScipyNormPpf() {
    // [Q0]..[Q28] norm.ppf(p), SciPy 1.10.1; AS 241 is within 1.05e-15 relative of it over (0, 1)
    double[][] cases = {{1e-300, -37.0470962993612}, {1e-100, -21.273453560965322}, {1e-20, -9.262340089798409},
        {1.3887943864964021e-11, -6.657904643501104}, {1e-10, -6.361340902404056}, {1e-05, -4.264890793922825},
        {0.001, -3.090232306167813}, {0.01, -2.3263478740408408}, {0.025, -1.9599639845400545},
        {0.05, -1.6448536269514729}, {0.075, -1.4395314709384563}, {0.0750001, -1.4395307645017301},
        {0.1, -1.2815515655446004}, {0.25, -0.6744897501960817}, {0.3, -0.5244005127080409},
        {0.4, -0.2533471031357997}, {0.49, -0.02506890825871106}, {0.499, -0.0025066308995717666}, {0.5, 0.0},
        {0.6, 0.2533471031357997}, {0.75, 0.6744897501960817}, {0.9, 1.2815515655446004},
        {0.925, 1.4395314709384563}, {0.975, 1.959963984540054}, {0.99, 2.3263478740408408},
        {0.999, 3.090232306167813}, {0.9999999, 5.199337582290661}, {0.999999999999, 7.0344869100478356},
        {0.9999999999999999, 8.209536151601387}};
    for (double[] c : cases) {
      assertEquals(c[1], NormalQuantile.ppf(c[0]), 1.5e-15 * Math.abs(c[1]), () -> "ppf(" + c[0] + ")");
    }
    for (double p : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
      assertMessage("0 < p < 1, got " + p, () -> NormalQuantile.ppf(p));
    }
  }
}
