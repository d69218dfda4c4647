package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small cases computed by hand (each comment gives the arithmetic) and the validation of every step. */
class PreprocessStepsTest {

  private static final double NA = Double.NaN;

  private static Table customers() {
    return Table.builder()
        .numeric("income", new double[] {10, 20, NA, 50})
        .categorical("gender", new String[] {"Male", "Female", "Female", null})
        .numeric("age", new double[] {30, 30, 30, 30})
        .build();
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  @Test
  void standardScalerByHand() {
    StandardScaler.Fitted f = new StandardScaler().fit(customers());
    assertEquals(List.of("income", "age"), f.columns());
    // income observed {10, 20, 50}: mean 80/3, population variance ((10-80/3)^2+(20-80/3)^2+(50-80/3)^2)/3
    // = 2600/9 -> scale sqrt(2600)/3; age is constant -> scale 1 (scikit-learn's rule).
    assertEquals(80.0 / 3, f.means()[0], 1e-14);
    assertEquals(Math.sqrt(2600) / 3, f.scales()[0], 1e-13);
    assertEquals(30, f.means()[1]);
    assertEquals(1.0, f.scales()[1]);
    Table out = f.transform(customers());
    double[] income = out.numeric("income");
    assertEquals((10 - 80.0 / 3) / (Math.sqrt(2600) / 3), income[0], 1e-14);
    assertTrue(Double.isNaN(income[2]), "missing stays missing");
    assertArrayEquals(new double[] {0, 0, 0, 0}, out.numeric("age"));
    assertArrayEquals(customers().categorical("gender"), out.categorical("gender"));
    assertEquals(customers().columnNames(), out.columnNames());
  }

  @Test
  void minMaxAndRobustByHand() {
    Table t = Table.builder().numeric("a", new double[] {1, 2, 3, 4, 100}).numeric("c", new double[] {5, 5, 5,
        5, 5}).build();
    MinMaxScaler.Fitted mm = new MinMaxScaler().range(-1, 1).fit(t);
    // a: min 1, max 100 -> scale 2/99, offset -1 - 1*2/99; c constant: range 1 -> every value maps to -1.
    assertArrayEquals(new double[] {-1, 2 * (2.0 / 99) - 1 - 2.0 / 99, 3 * (2.0 / 99) + (-1 - 2.0 / 99),
        4 * (2.0 / 99) + (-1 - 2.0 / 99), 1}, mm.transform(t).numeric("a"), 1e-15);
    assertArrayEquals(new double[] {-1, -1, -1, -1, -1}, mm.transform(t).numeric("c"));

    RobustScaler.Fitted rb = new RobustScaler().fit(t);
    // a sorted {1,2,3,4,100}: median 3; numpy linear percentile: q25 at index 1 -> 2, q75 at index 3 -> 4.
    assertArrayEquals(new double[] {3, 5}, rb.centers());
    assertArrayEquals(new double[] {2, 1}, rb.scales());
    assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 48.5}, rb.transform(t).numeric("a"));
    // Four values {1,2,3,4}: q25 index 0.75 -> 1.75, q75 index 2.25 -> 3.25, median 2.5.
    Table four = Table.builder().numeric("a", new double[] {4, 3, 2, 1}).build();
    RobustScaler.Fitted r4 = new RobustScaler().fit(four);
    assertArrayEquals(new double[] {2.5}, r4.centers());
    assertArrayEquals(new double[] {1.5}, r4.scales());
  }

  @Test
  void robustScalerQuantileRangeMatchesNumpysLinearPercentileToTheBit() {
    // numpy's method='linear' puts percentile q at index (n - 1) * q / 100. The same index written as
    // n*p + (1 - p) - 1 rounds differently for other ranges than (25, 75): 1.4000000000000004 instead of 1.4 below.
    Table three = Table.builder().numeric("a", new double[] {3, 1, 3}).build();
    RobustScaler.Fitted r3 = new RobustScaler().quantileRange(10, 75).fit(three);
    // scikit-learn 1.2.1, RobustScaler(quantile_range=(10, 75)).fit([[3], [1], [3]]): center_ [3.], scale_ [1.6],
    // transform [0.0, -1.25, 0.0]
    assertArrayEquals(new double[] {3}, r3.centers());
    assertArrayEquals(new double[] {1.6}, r3.scales());
    assertArrayEquals(new double[] {0, -1.25, 0}, r3.transform(three).numeric("a"));

    double[] tenths = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    Table ten = Table.builder().numeric("a", tenths).build();
    RobustScaler.Fitted r10 = new RobustScaler().quantileRange(10, 90).fit(ten);
    // scikit-learn 1.2.1, RobustScaler(quantile_range=(10, 90)).fit(np.arange(1, 11).reshape(-1, 1) / 10):
    // center_ [0.55], scale_ [0.72], transform as below
    assertArrayEquals(new double[] {0.55}, r10.centers());
    assertArrayEquals(new double[] {0.72}, r10.scales());
    assertArrayEquals(new double[] {-0.6250000000000001, -0.48611111111111116, -0.3472222222222223,
        -0.20833333333333337, -0.0694444444444445, 0.06944444444444435, 0.2083333333333332, 0.3472222222222222,
        0.4861111111111111, 0.625}, r10.transform(ten).numeric("a"));
  }

  @Test
  void equalConfigurationsHaveEqualHashCodes() {
    // The contract of Object.hashCode; -0.0 passes the checks of range and quantileRange. (Under == it was equal to
    // 0.0 while hashCode, by Double.hashCode, told them apart, so a HashSet held both.)
    List<Step> pairs = List.of(new MinMaxScaler(), new MinMaxScaler().range(-0.0, 1),
        new RobustScaler().quantileRange(0, 75), new RobustScaler().quantileRange(-0.0, 75),
        Imputer.constant(0.0), Imputer.constant(-0.0));
    for (int a = 0; a < pairs.size(); a++) {
      for (int b = 0; b < pairs.size(); b++) {
        if (pairs.get(a).equals(pairs.get(b))) {
          assertEquals(pairs.get(a).hashCode(), pairs.get(b).hashCode(), pairs.get(a) + " and " + pairs.get(b));
        }
      }
    }
    assertEquals(new MinMaxScaler().range(-1, 1), new MinMaxScaler().range(-1, 1));
    assertEquals(new RobustScaler().quantileRange(10, 90), new RobustScaler().quantileRange(10, 90));
  }

  @Test
  void extremeMagnitudesGetTheFillsCentresAndScalesOfExactArithmetic() {
    // Oracle: multiplying a column by 2^-10 is exact and commutes with every operation of these fits, so the fit of
    // x * 2^-10 (where nothing overflows), scaled back by 2^10, is the result of arithmetic with a wide enough
    // exponent range. Before the fix the plain sums overflowed: the mean and median fills were infinite (rejected
    // as "fill value ... must be finite"), the robust centre infinite, and a scale either NaN, infinite or, for
    // {-1e308, 1e308}, silently 1 instead of 1e308.
    double[][] columns = {
        {1e308, 1e308},
        {1e308, 1.2e308, 1.4e308, 1.6e308},
        {-1e308, 1e308},
        {-1e308, -0.5e308, 0.5e308, 1e308, 1.2e308, NA},
        {-1.2e308, 1e308, 1.1e308},
        {-1.2e308, -1.1e308, 1e308},
        {-1.7e308, 1.1e308, 1.3e308, 1.5e308, 1.7e308},
        {1.7976931348623157e308, 1.7976931348623157e308, 5, NA, 1.5e308}};
    for (double[] x : columns) {
      double[] small = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        small[i] = Math.scalb(x[i], -10);
      }
      Table big = Table.builder().numeric("x", x).build();
      Table scaled = Table.builder().numeric("x", small).build();
      String what = java.util.Arrays.toString(x);
      assertEquals(Math.scalb(Imputer.mean().fit(scaled).numericFills().get("x"), 10),
          Imputer.mean().fit(big).numericFills().get("x"), what);
      assertEquals(Math.scalb(Imputer.median().fit(scaled).numericFills().get("x"), 10),
          Imputer.median().fit(big).numericFills().get("x"), what);
      RobustScaler.Fitted r = new RobustScaler().fit(big);
      RobustScaler.Fitted rs = new RobustScaler().fit(scaled);
      assertEquals(Math.scalb(rs.centers()[0], 10), r.centers()[0], what);
      // A zero spread (the constant column) gives scale 1 at any magnitude, scikit-learn's rule.
      assertEquals(rs.scales()[0] == 1.0 ? 1.0 : Math.scalb(rs.scales()[0], 10), r.scales()[0], what);
    }
    // {-1e308, 1e308}: median 0, percentiles -5e307 and 5e307, so the interquartile range is 1e308, not 1.
    assertEquals(1e308, new RobustScaler().fit(Table.builder().numeric("x", new double[] {-1e308, 1e308})
        .build()).scales()[0]);
    // A spread beyond the double range cannot be a scale: refused, naming the column.
    assertMessage("spread of column 'x' between its 25.0 and 75.0 percentiles", () -> new RobustScaler()
        .fit(Table.builder().numeric("x", new double[] {-1.5e308, -1e308, 1e308, 1.5e308}).build()));
  }

  @Test
  void standardScalerMatchesScikitLearnToTheBitAtALargeOffset() {
    // At an offset of 1e8 the first pass's mean is off by rounding, and the two-pass correction term
    // (squares - correction^2 / n) / n changes the last digits of the scale. tools/mutation_gap_reference.py,
    // scikit-learn 1.2.1 StandardScaler().fit on this column (5 values: numpy sums them in order, as here):
    // mean_ 100000000.00000542, scale_ 3.0944025591070553e-06.
    double[] x = {100000000.0000047, 100000000.0000051, 100000000.0000075, 100000000.0000095, 100000000.0000003};
    StandardScaler.Fitted f = new StandardScaler().fit(Table.builder().numeric("x", x).build());
    assertArrayEquals(new double[] {100000000.00000542}, f.means());
    assertArrayEquals(new double[] {3.0944025591070553e-06}, f.scales());
  }

  @Test
  void spreadsOfExactlyTenEpsilonAreKeptAndTheWidestQuantileRangeIsAccepted() {
    // scikit-learn's rule replaces a scale < 10 * eps by 1, so 10 * eps itself is kept
    // (tools/mutation_gap_reference.py, scikit-learn 1.2.1): RobustScaler().fit([[0], [20 eps]]) has quartiles
    // 5 eps and 15 eps (exact: numpy's lerp at 0.25 and 0.75 of 20 eps), scale_ [2.220446049250313e-15];
    // MinMaxScaler().fit([[0], [10 eps]]) maps the column to [0, 1].
    double tenEps = 10 * Math.ulp(1.0);
    Table spread = Table.builder().numeric("x", new double[] {0, 2 * tenEps}).build();
    assertArrayEquals(new double[] {2.220446049250313e-15}, new RobustScaler().fit(spread).scales());
    Table range = Table.builder().numeric("x", new double[] {0, tenEps}).build();
    assertArrayEquals(new double[] {0, 1}, new MinMaxScaler().fit(range).transform(range).numeric("x"));
    // quantile_range=(0, 100) is valid (0 <= low < high <= 100): the spread is max - min. scikit-learn 1.2.1,
    // RobustScaler(quantile_range=(0, 100)).fit([[3], [1], [4], [1], [5]]): center_ [3.], scale_ [4.].
    Table t = Table.builder().numeric("x", new double[] {3, 1, 4, 1, 5}).build();
    RobustScaler.Fitted r = new RobustScaler().quantileRange(0, 100).fit(t);
    assertArrayEquals(new double[] {3}, r.centers());
    assertArrayEquals(new double[] {4}, r.scales());
    assertMessage("got (-1.0, 50.0)", () -> new RobustScaler().quantileRange(-1, 50));
    assertMessage("got (50.0, 50.0)", () -> new RobustScaler().quantileRange(50, 50));
    assertMessage("got (50.0, 100.5)", () -> new RobustScaler().quantileRange(50, 100.5));
  }

  @Test
  void mostFrequentTiesGoToTheSmallestAndPrefixesSortFirst() {
    // tools/mutation_gap_reference.py, scikit-learn 1.2.1: SimpleImputer(strategy='most_frequent') on
    // [3, 1, 3, 1, nan] gives 1.0 and on ['b', 'a', 'b', 'a'] gives 'a' (a tie goes to the smallest);
    // OneHotEncoder().fit(['ab', 'a', 'b', 'ab']).categories_ is [['a', 'ab', 'b']] (a prefix sorts first).
    Table t = Table.builder().numeric("n", new double[] {3, 1, 3, 1, NA})
        .categorical("g", new String[] {"b", "a", "b", "a", null}).build();
    Imputer.Fitted f = Imputer.mostFrequent().fit(t);
    assertEquals(Map.of("n", 1.0), f.numericFills());
    assertEquals(Map.of("g", "a"), f.categoricalFills());
    // A smaller category with a lower count never wins (in a HashMap of 16 buckets "ae", hash 3108, comes after "b",
    // hash 98, so the count decides there, not only the order of the categories).
    Table counts = Table.builder().categorical("g", new String[] {"b", "ae", "b"}).build();
    assertEquals("b", Imputer.mostFrequent().fit(counts).categoricalFills().get("g"));
    Table prefix = Table.builder().categorical("g", new String[] {"ab", "a", "b", "ab"}).build();
    assertEquals(List.of(List.of("a", "ab", "b")), new OneHotEncoder().fit(prefix).categories());
    assertEquals(List.of("g=a", "g=ab", "g=b"), new OneHotEncoder().fit(prefix).transform(prefix).columnNames());
  }

  @Test
  void aColumnWithNoObservedValueCannotBeFitted() {
    // Documented edge case of every fitting step: the message names the step and the column.
    Table t = Table.builder().numeric("x", new double[] {NA, NA}).build();
    for (Step s : List.of(new StandardScaler(), new MinMaxScaler(), new RobustScaler(), Imputer.mean(),
        Imputer.median(), Imputer.mostFrequent())) {
      String name = s.getClass().getSimpleName();
      assertMessage(name + ": column 'x' has no observed (non-missing) value to fit on", () -> s.fit(t));
    }
    Table g = Table.builder().categorical("g", new String[] {null, null}).build();
    assertMessage("Imputer: column 'g' has no observed (non-missing) value", () -> Imputer.mostFrequent().fit(g));
  }

  @Test
  void minMaxConstantColumnsMapToLoOnlyUpToRounding() {
    // The Javadoc's examples, by hand in IEEE doubles with scikit-learn's x * scale + offset, scale (6 - 5) / 1:
    // -7.7 * 1 + (5 + 7.7) = -7.7 + 12.7 = 4.999999999999999; 1e20 * 1 + (5 - 1e20), where 5 - 1e20 rounds to
    // -1e20 (5 is below half a unit in the last place of 1e20), = 0. The default range [0, 1] gives 0 exactly.
    Table a = Table.builder().numeric("x", new double[] {-7.7, -7.7}).build();
    Table b = Table.builder().numeric("x", new double[] {1e20, 1e20}).build();
    assertEquals(4.999999999999999, new MinMaxScaler().range(5, 6).fit(a).transform(a).numeric("x")[0]);
    assertEquals(0.0, new MinMaxScaler().range(5, 6).fit(b).transform(b).numeric("x")[0]);
    assertArrayEquals(new double[] {0, 0}, new MinMaxScaler().fit(b).transform(b).numeric("x"));
  }

  @Test
  void minMaxScalesColumnsBeyondTheDoubleRangeExactly() {
    // Oracle: multiplying a column by 2^-10 is exact and commutes with every operation of the fit and transform
    // (scikit-learn's form), so the fit of x * 2^-10, where max - min does not overflow, gives the outputs of
    // arithmetic with a wide enough exponent range. Before the fix {-1e308, 1e308} was refused with
    // "maxs[0] must be >= mins[0] with a finite difference", a bad-state message naming no column.
    double[] x = {-1e308, 1e308, 0, 5e307, NA, -1.7976931348623157e308, 1.7976931348623157e308};
    double[] small = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      small[i] = Math.scalb(x[i], -10);
    }
    Table big = Table.builder().numeric("x", x).build();
    Table scaled = Table.builder().numeric("x", small).build();
    for (MinMaxScaler s : List.of(new MinMaxScaler(), new MinMaxScaler().range(-2, 3))) {
      MinMaxScaler.Fitted f = s.fit(big);
      assertArrayEquals(new double[] {-1.7976931348623157e308}, f.mins());
      assertArrayEquals(s.fit(scaled).transform(scaled).numeric("x"), f.transform(big).numeric("x"), s::toString);
      // Rebuilt from its state (as a model file does), it transforms the same.
      MinMaxScaler.Fitted back = MinMaxScaler.Fitted.of(f.columns(), f.mins(), f.maxs(), f.rangeMin(),
          f.rangeMax());
      assertEquals(f.transform(big), back.transform(big));
    }
    // By hand: the training extremes map to the ends and 0, the midpoint, to the middle of [0, 1].
    double[] unit = new MinMaxScaler().fit(big).transform(big).numeric("x");
    assertEquals(0.0, unit[5]);
    assertEquals(1.0, unit[6]);
    assertEquals(0.5, unit[2]);
  }

  @Test
  void minMaxRefusesRangesAndScalesBeyondTheDoubleRangeNamingTheColumn() {
    // A target range whose width overflows was accepted and failed only at fit, as "the scale ... overflows".
    assertMessage("MinMaxScaler: range must have a width max - min within the double range, got [-1.0E308, 1.0E308]",
        () -> new MinMaxScaler().range(-1e308, 1e308));
    assertMessage("range must have a width max - min within the double range",
        () -> MinMaxScaler.Fitted.of(List.of("x"), new double[] {0}, new double[] {1}, -1e308, 1e308));
    // scale = 1e300 / 1e-10 = 1e310 > Double.MAX_VALUE.
    Table narrow = Table.builder().numeric("x", new double[] {0, 1e-10}).build();
    assertMessage("MinMaxScaler: column 'x' (min 0.0, max 1.0E-10) cannot be mapped to the range [0.0, 1.0E300]: its"
        + " scale (rangeMax - rangeMin) / (max - min) lies beyond the double range",
        () -> new MinMaxScaler().range(0, 1e300).fit(narrow));
    // A constant column has range 1: scale 1e10, offset 0 - 1e300 * 1e10 = -1e310. Before the fix this fitted and
    // transformed every value to NaN (1e310 - 1e310), which reads as missing.
    Table constant = Table.builder().numeric("x", new double[] {1e300, 1e300}).build();
    assertMessage("column 'x' (min 1.0E300, max 1.0E300) cannot be mapped to the range [0.0, 1.0E10]: its offset"
        + " rangeMin - min * scale lies beyond the double range",
        () -> new MinMaxScaler().range(0, 1e10).fit(constant));
    // scale = 4.9e-324 / 2 rounds to 0, which would map every value to rangeMin.
    assertMessage("column 'x' (min 0.0, max 2.0) cannot be mapped to the range [0.0, 4.9E-324]: its scale"
        + " (rangeMax - rangeMin) / (max - min) underflows to 0",
        () -> new MinMaxScaler().range(0, Double.MIN_VALUE).fit(Table.builder().numeric("x", new double[] {0, 2})
            .build()));
    assertMessage("maxs[0] must be >= mins[0] (column 'a'), got min 2.0, max 1.0",
        () -> MinMaxScaler.Fitted.of(List.of("a"), new double[] {2}, new double[] {1}, 0, 1));
  }

  @Test
  void scalersTransformValuesWhoseIntermediatesOverflowExactly() {
    // Oracle: (x - c) / s is unchanged when x, c and s are multiplied by 2^-10 (exact while values stay normal), so
    // the scaler fitted and applied on the column times 2^-10, where x - c does not overflow, gives the values of
    // exact arithmetic. Before the fix x - c overflowed (-1.7e308 minus a centre near 1e308) and the transform of
    // the scaler's own training rows failed with the table's "must hold finite values ... got -Infinity at row 0".
    double[] x = {-1.7e308, 1e308, 1.5e308, 1.6e308, 1.7e308, NA};
    double[] small = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      small[i] = Math.scalb(x[i], -10);
    }
    Table big = Table.builder().numeric("x", x).build();
    Table scaled = Table.builder().numeric("x", small).build();
    for (Step step : List.<Step>of(new StandardScaler(), new RobustScaler(), new MinMaxScaler())) {
      assertArrayEquals(step.fit(scaled).transform(scaled).numeric("x"), step.fit(big).transform(big).numeric("x"),
          step::toString);
    }
    // By hand: 1e308 - (-1e308) is twice the double 1e308, and divided by 4 it is exactly half of it.
    Table one = Table.builder().numeric("x", new double[] {1e308}).build();
    assertEquals(1e308 / 2, StandardScaler.Fitted.of(List.of("x"), new double[] {-1e308}, new double[] {4})
        .transform(one).numeric("x")[0]);
    assertEquals(1e308 / 2, RobustScaler.Fitted.of(List.of("x"), new double[] {-1e308}, new double[] {4})
        .transform(one).numeric("x")[0]);
    // MinMax: a constant column 1e60 with range [0, 1.5e248] has scale 1.5e248 and offset -1.5e308; 1.5e60 * scale
    // overflows, the result (about 7.5e307) does not. Oracle: the range times 2^-10 gives the result times 2^-10.
    Table constant = Table.builder().numeric("x", new double[] {1e60, 1e60}).build();
    Table newValue = Table.builder().numeric("x", new double[] {1.5e60}).build();
    double expected = Math.scalb(new MinMaxScaler().range(0, Math.scalb(1.5e248, -10)).fit(constant)
        .transform(newValue).numeric("x")[0], 10);
    assertEquals(expected, new MinMaxScaler().range(0, 1.5e248).fit(constant).transform(newValue).numeric("x")[0]);
    assertEquals(7.5e307, expected, 1e293);
  }

  @Test
  void transformedValuesBeyondTheDoubleRangeNameTheStepAndTheFittedParameters() {
    // 1e308 scaled by a scale of 1e-10 (or mapped by 1 / (1e-10 - 0)) is 1e318, beyond Double.MAX_VALUE: no double
    // can hold it. Before the fix the table builder's "must hold finite values" named no step or parameter.
    Table t = Table.builder().numeric("id", new double[] {1, 2}).numeric("x", new double[] {0, 1e308}).build();
    assertMessage("StandardScaler: column 'x' has value 1.0E308 at row 1, which maps beyond the double range by"
        + " (x - mean) / scale with mean 0.0, scale 1.0E-10",
        () -> StandardScaler.Fitted.of(List.of("x"), new double[] {0}, new double[] {1e-10}).transform(t));
    assertMessage("RobustScaler: column 'x' has value 1.0E308 at row 1, which maps beyond the double range by"
        + " (x - center) / scale with center 0.0, scale 1.0E-10",
        () -> RobustScaler.Fitted.of(List.of("x"), new double[] {0}, new double[] {1e-10}).transform(t));
    Table fit = Table.builder().numeric("id", new double[] {1, 2}).numeric("x", new double[] {0, 1e-10}).build();
    PipelineModel p = Pipeline.of(ColumnSelector.drop("id"), new MinMaxScaler()).fit(fit);
    assertMessage("MinMaxScaler: column 'x' has value 1.0E308 at row 1, which maps beyond the double range by"
        + " x * scale + offset with min 0.0, max 1.0E-10 and range [0.0, 1.0]", () -> p.transform(t));
  }

  @Test
  void log1pByHand() {
    Table t = Table.builder().numeric("m", new double[] {0, Math.E - 1, NA}).build();
    Table out = new Log1p().fit(t).transform(t);
    assertEquals(0.0, out.numeric("m")[0]);
    assertEquals(1.0, out.numeric("m")[1], 1e-15);
    assertTrue(Double.isNaN(out.numeric("m")[2]));
    Table bad = Table.builder().numeric("m", new double[] {0, -1}).build();
    assertMessage("'m' has value -1.0 at row 1", () -> new Log1p().fit(bad));
  }

  @Test
  void imputerStrategies() {
    Table t = Table.builder()
        .numeric("x", new double[] {1, NA, 3, 3, 10})
        .categorical("g", new String[] {"b", "a", null, "b", "a"})
        .build();
    // mean of {1,3,3,10} = 17/4; median = (3+3)/2 = 3; most frequent 3; g tie a/b -> smaller "a".
    assertEquals(4.25, Imputer.mean().fit(t).transform(t).numeric("x")[1]);
    assertEquals(3.0, Imputer.median().fit(t).transform(t).numeric("x")[1]);
    Imputer.Fitted mf = Imputer.mostFrequent().fit(t);
    assertEquals(Map.of("x", 3.0), mf.numericFills());
    assertEquals(Map.of("g", "a"), mf.categoricalFills());
    assertEquals("a", mf.transform(t).categorical("g")[2]);
    assertEquals(-7.0, Imputer.constant(-7).fit(t).transform(t).numeric("x")[1]);
    Imputer.Fitted unknown = Imputer.constant("unknown").fit(t);
    assertEquals(List.of("g"), unknown.columns());
    assertEquals("unknown", unknown.transform(t).categorical("g")[2]);
    // Even count: median of {1, 2, 3, 10} = (2+3)/2.
    Table even = Table.builder().numeric("x", new double[] {10, 1, NA, 3, 2}).build();
    assertEquals(2.5, Imputer.median().fit(even).numericFills().get("x"));
    // Only named columns are filled.
    Imputer.Fitted onlyG = Imputer.mostFrequent().columns("g").fit(t);
    assertTrue(Double.isNaN(onlyG.transform(t).numeric("x")[1]));

    assertMessage("'g' is categorical, expected numeric", () -> Imputer.median().columns("g").fit(t));
    Table empty = Table.builder().numeric("x", new double[] {NA, NA}).build();
    assertMessage("'x' has no observed", () -> Imputer.median().fit(empty));
    assertMessage("finite", () -> Imputer.constant(Double.NaN));
  }

  @Test
  void oneHotEncoderRefusesAnIdentifierColumn() {
    // 100 rows, each its own id: refused by name; 99 such rows, or 100 rows with one id repeated, are encoded
    String[] ids = new String[100];
    double[] x = new double[100];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "C" + (10001 + i);
      x[i] = i;
    }
    Table t = Table.builder().categorical("CUST_ID", ids).numeric("x", x).build();
    assertMessage("OneHotEncoder: column 'CUST_ID' has a category of its own in each of its 100 rows (an"
        + " identifier?); one-hot encoding it would add 100 columns that describe single rows, not segments: drop it"
        + " first (ColumnSelector.drop(\"CUST_ID\"))", () -> new OneHotEncoder().fit(t));
    assertEquals(List.of("x"), Pipeline.of(ColumnSelector.drop("CUST_ID"), new OneHotEncoder()).fit(t)
        .transform(t).columnNames());
    // 99 one-hot columns and x
    assertEquals(100, new OneHotEncoder().fit(t.rows(java.util.stream.IntStream.range(0, 99).toArray()))
        .transform(t.rows(new int[] {0})).columnCount());
    ids[99] = ids[0];
    Table repeated = Table.builder().categorical("CUST_ID", ids).numeric("x", x).build();
    assertEquals(99, new OneHotEncoder().fit(repeated).categories().get(0).size());
  }

  /** A fitted pipeline switched to IGNORE encodes an unknown category as all zeros, as one fitted with IGNORE. */
  @Test
  void pipelineModelSwitchesTheUnknownCategoryRule() {
    Table t = Table.builder()
        .numeric("age", new double[] {20, 30, 40})
        .categorical("Gender", new String[] {"Male", "Female", "Male"})
        .build();
    PipelineModel strict = Pipeline.of(new OneHotEncoder(), new StandardScaler()).fit(t);
    PipelineModel lenient = Pipeline.of(new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE),
        new StandardScaler()).fit(t);
    Table other = Table.builder().numeric("age", new double[] {25, 35})
        .categorical("Gender", new String[] {"Other", "Male"}).build();
    assertMessage("or call withHandleUnknown(HandleUnknown.IGNORE) on the fitted PipelineModel",
        () -> strict.transform(other));
    PipelineModel switched = strict.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE);
    // The oracle: the pipeline fitted with IGNORE from the start (the same categories, means and scales).
    assertEquals(lenient, switched);
    assertEquals(lenient.transform(other), switched.transform(other));
    assertEquals(strict.outputColumns(), switched.outputColumns());
    assertEquals(strict, switched.withHandleUnknown(OneHotEncoder.HandleUnknown.ERROR));
    assertSame(switched, switched.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE));
    PipelineModel noEncoder = Pipeline.of(ColumnSelector.keep("age"), new StandardScaler()).fit(t);
    assertSame(noEncoder, noEncoder.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE));
    assertMessage("handling must not be null", () -> strict.withHandleUnknown(null));
  }

  @Test
  void oneHotEncoderNamesAndUnknowns() {
    Table t = Table.builder()
        .numeric("id", new double[] {1, 2, 3})
        .categorical("Gender", new String[] {"Male", "Female", "Male"})
        .build();
    OneHotEncoder.Fitted f = new OneHotEncoder().fit(t);
    assertEquals(List.of(List.of("Female", "Male")), f.categories());
    Table out = f.transform(t);
    assertEquals(List.of("id", "Gender=Female", "Gender=Male"), out.columnNames());
    assertArrayEquals(new double[] {0, 1, 0}, out.numeric("Gender=Female"));
    assertArrayEquals(new double[] {1, 0, 1}, out.numeric("Gender=Male"));

    Table other = Table.builder().numeric("id", new double[] {4, 5})
        .categorical("Gender", new String[] {"Other", null}).build();
    assertMessage("unknown category 'Other' at row 0 (2 rows in all: 'Other', missing); known categories are"
        + " [Female, Male] (fit with HandleUnknown.IGNORE", () -> f.transform(other));
    // one message counts every row the fit cannot encode (a stray space in a new file, say), five values at most
    Table spaces = Table.builder().numeric("id", new double[] {1, 2, 3, 4, 5, 6, 7, 8})
        .categorical("Gender", new String[] {"Male", " Male", "Female", " Male", "a", "b", "c", "d"}).build();
    assertMessage("column 'Gender' has unknown category ' Male' at row 1 (6 rows in all: ' Male', 'a', 'b', 'c',"
        + " 'd'); known", () -> f.transform(spaces));
    Table six = Table.builder().numeric("id", new double[] {1, 2, 3, 4, 5, 6})
        .categorical("Gender", new String[] {"a", "b", "c", "d", "e", "f"}).build();
    assertMessage("unknown category 'a' at row 0 (6 rows in all: 'a', 'b', 'c', 'd', 'e', ...); known",
        () -> f.transform(six));
    Table one = Table.builder().numeric("id", new double[] {1, 2})
        .categorical("Gender", new String[] {"Male", "Other"}).build();
    assertMessage("unknown category 'Other' at row 1; known categories are [Female, Male]", () -> f.transform(one));
    Table zeros = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).fit(t).transform(other);
    assertArrayEquals(new double[] {0, 0}, zeros.numeric("Gender=Female"));
    assertArrayEquals(new double[] {0, 0}, zeros.numeric("Gender=Male"));
    Table gap = Table.builder().categorical("g", new String[] {"a", null}).build();
    assertMessage("missing value at row 1", () -> new OneHotEncoder().fit(gap));
    // A one-hot name that collides with an existing column is caught by the table builder.
    Table clash = Table.builder().categorical("g", new String[] {"a"}).numeric("g=a", new double[] {1}).build();
    assertMessage("distinct", () -> new OneHotEncoder().fit(clash).transform(clash));
  }

  @Test
  void oneHotNameClashesNameTheEncoderTheColumnAndTheCategory() {
    // Documented rule: output names column=category must be distinct. Before the fix the table builder's
    // "column names must be distinct, got 'g=a' twice" named neither the step nor the source of the clash.
    Table clash = Table.builder().categorical("g", new String[] {"a", "b"}).numeric("g=a", new double[] {1, 2})
        .build();
    String expected = "OneHotEncoder: category 'a' of column 'g' gives output column 'g=a', but the table already"
        + " has a column 'g=a'; column names must be distinct";
    assertMessage(expected, () -> new OneHotEncoder().fit(clash));
    assertMessage(expected, () -> Pipeline.of(new OneHotEncoder()).fit(clash));
    OneHotEncoder.Fitted f = new OneHotEncoder().fit(clash.drop("g=a"));
    assertMessage(expected, () -> f.transform(clash));
    // An encoded column is replaced, so its own name does not clash: g=a's output is g=a=b, g's is g=a.
    Table chained = Table.builder().categorical("g", new String[] {"a"}).categorical("g=a", new String[] {"c"})
        .build();
    assertEquals(List.of("g=a", "g=a=c"), new OneHotEncoder().fit(chained).transform(chained).columnNames());
    // Two encoded columns giving one name: category 'a=b' of 'g' and category 'b' of 'g=a' are both 'g=a=b'.
    Table two = Table.builder().categorical("g", new String[] {"a=b"}).categorical("g=a", new String[] {"b"})
        .build();
    String both = "OneHotEncoder: category 'a=b' of column 'g' and category 'b' of column 'g=a' both give output"
        + " column 'g=a=b'; column names must be distinct";
    assertMessage(both, () -> new OneHotEncoder().fit(two));
    assertMessage(both, () -> OneHotEncoder.Fitted.of(List.of("g", "g=a"), List.of(List.of("a=b"), List.of("b")),
        OneHotEncoder.HandleUnknown.ERROR));
    assertMessage("step 0 does not fit the columns before it: " + expected, () -> PipelineModel.of(
        List.of("g", "g=a"), List.of(ColumnType.CATEGORICAL, ColumnType.NUMERIC), List.of(f)));
  }

  @Test
  void categoriesAreOrderedByCodePointAsScikitLearn() {
    // scikit-learn sorts categories with Python's sorted() and breaks most-frequent ties with Python's min(), both by
    // code point: sorted(['\U0001F600', '\uFF21', 'a']) == ['a', '\uFF21', '\U0001F600']. String.compareTo compares
    // UTF-16 units, where the emoji's high surrogate 0xD83D sorts before 0xFF21 (fullwidth A): the order was
    // [a, emoji, fullwidth A], and the tie below was broken towards the emoji.
    String emoji = "\uD83D\uDE00";
    String fullwidthA = "\uFF21";
    Table t = Table.builder().categorical("g", new String[] {emoji, fullwidthA, "a", null}).build();
    Imputer.Fitted fill = Imputer.mostFrequent().fit(t.select("g"));
    assertEquals("a", fill.categoricalFills().get("g"), "a three-way tie: the smallest by code point");
    Table tie = Table.builder().categorical("g", new String[] {emoji, fullwidthA}).build();
    assertEquals(fullwidthA, Imputer.mostFrequent().fit(tie).categoricalFills().get("g"));
    OneHotEncoder.Fitted f = new OneHotEncoder().fit(fill.transform(t));
    assertEquals(List.of(List.of("a", fullwidthA, emoji)), f.categories());
    assertEquals(List.of("g=a", "g=" + fullwidthA, "g=" + emoji), f.transform(fill.transform(t)).columnNames());
  }

  @Test
  void columnSelector() {
    Table t = customers();
    assertEquals(List.of("gender", "age"), ColumnSelector.drop("income").fit(t).columns());
    assertEquals(List.of("age", "income"), ColumnSelector.keep("age", "income").fit(t).transform(t).columnNames());
    assertMessage("no column 'x'", () -> ColumnSelector.keep("x").fit(t));
    assertMessage("would leave no column", () -> ColumnSelector.drop("income", "gender", "age").fit(t));
  }

  @Test
  void stepsRejectWrongColumns() {
    Table t = customers();
    assertMessage("StandardScaler: column 'gender' is categorical, expected numeric",
        () -> new StandardScaler().columns("gender").fit(t));
    assertMessage("no column 'nope'", () -> new MinMaxScaler().columns("nope").fit(t));
    assertMessage("OneHotEncoder: column 'income' is numeric, expected categorical",
        () -> new OneHotEncoder().columns("income").fit(t));
    assertMessage("at least one", () -> new StandardScaler().columns());
    assertMessage("twice", () -> new RobustScaler().columns("a", "a"));
    assertMessage("quantileRange", () -> new RobustScaler().quantileRange(75, 25));
    assertMessage("range", () -> new MinMaxScaler().range(1, 1));
    StandardScaler.Fitted f = new StandardScaler().fit(t);
    assertMessage("no column 'income'", () -> f.transform(t.drop("income")));
  }

  @Test
  void fittedStateValidation() {
    List<String> ab = List.of("a", "b");
    assertMessage("scales[1] must be > 0, got 0.0",
        () -> StandardScaler.Fitted.of(ab, new double[] {0, 0}, new double[] {1, 0}));
    assertMessage("means[0] must be finite, got NaN",
        () -> StandardScaler.Fitted.of(ab, new double[] {NA, 0}, new double[] {1, 1}));
    assertMessage("one value per column (2), got 1",
        () -> StandardScaler.Fitted.of(ab, new double[] {0}, new double[] {1, 1}));
    assertMessage("distinct", () -> StandardScaler.Fitted.of(List.of("a", "a"), new double[2], new double[] {1,
        1}));
    assertMessage("non-empty", () -> Log1p.Fitted.of(java.util.Arrays.asList("a", null)));
    assertMessage("maxs[0] must be >= mins[0]",
        () -> MinMaxScaler.Fitted.of(List.of("a"), new double[] {2}, new double[] {1}, 0, 1));
    assertMessage("scales[0] must be > 0",
        () -> RobustScaler.Fitted.of(List.of("a"), new double[] {0}, new double[] {-1}));
    assertMessage("distinct", () -> OneHotEncoder.Fitted.of(List.of("g"), List.of(List.of("x", "x")),
        OneHotEncoder.HandleUnknown.ERROR));
    assertMessage("one list per column", () -> OneHotEncoder.Fitted.of(List.of("g"), List.of(),
        OneHotEncoder.HandleUnknown.ERROR));
    Map<String, Double> nan = new LinkedHashMap<>();
    nan.put("a", NA);
    assertMessage("fill value of column 'a' must be finite", () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, nan,
        Map.of()));
    assertMessage("fills only numeric columns", () -> Imputer.Fitted.of(Imputer.Strategy.MEDIAN, Map.of(),
        Map.of("g", "x")));
    assertMessage("must not be empty", () -> ColumnSelector.Fitted.of(List.of()));

    StandardScaler.Fitted f = StandardScaler.Fitted.of(ab, new double[] {1, 2}, new double[] {3, 4});
    double[] m = f.means();
    m[0] = 99;
    assertEquals(1, f.means()[0], "state is copied out");
  }

  /**
   * A gap left by the steps, at fit time or in new data, is reported in pipeline terms: the output column, its
   * first gap (row 2 of customers() is the NaN income; row 1 of the new table) and the Imputer or ColumnSelector
   * remedy, not toDataset's "before building a Dataset", which a pipeline user cannot act on.
   */
  @Test
  void pipelineNamesTheMissingImputerAtFitAndTransform() {
    Table t = customers();
    assertMessage("Pipeline: output column 'income' has a missing value at row 2 (counted from 0; 1 missing in all)"
        + " after the last step; a pipeline must fill every gap: add an Imputer step",
        () -> Pipeline.of(Imputer.mostFrequent().columns("gender"), new OneHotEncoder()).fit(t));
    PipelineModel p = Pipeline.of(ColumnSelector.drop("income"), Imputer.mostFrequent().columns("gender"),
        new OneHotEncoder()).fit(t);
    Table gap = Table.builder().categorical("gender", new String[] {"Male", "Male"})
        .numeric("age", new double[] {40, NA}).build();
    assertMessage("Pipeline: output column 'age' has a missing value at row 1 (counted from 0; 1 missing in all)",
        () -> p.transform(gap));
    assertMessage("add an Imputer step for this column", () -> p.transform(gap));
  }

  @Test
  void pipelineChecksOutputAndInputLayout() {
    Table t = customers();
    assertMessage("output column 'gender' is categorical",
        () -> Pipeline.of(Imputer.median(), new StandardScaler()).fit(t));
    assertMessage("'income' has a missing value at row 2",
        () -> Pipeline.of(Imputer.mostFrequent().columns("gender"), new OneHotEncoder()).fit(t));
    PipelineModel p = Pipeline.of(Imputer.median(), Imputer.mostFrequent(), new OneHotEncoder(),
        new StandardScaler().columns("income", "age")).fit(t);
    assertEquals(List.of("income", "gender=Female", "gender=Male", "age"), p.outputColumns());
    Dataset x = p.transform(t);
    assertEquals(4, x.size());
    assertEquals(p.outputColumns(), x.columnNames());
    // Row 3: gender missing -> most frequent "Female". Income imputed with the median 20 of {10,20,50}:
    // {10,20,20,50}, mean 25, population std sqrt(225) = 15, so row 3 -> (50 - 25) / 15.
    assertEquals(1.0, x.get(3, 1));
    assertEquals(25.0 / 15, x.get(3, 0), 1e-15);
    // Extra columns and another column order are fine; a wrong type is not.
    Table shuffled = Table.builder().numeric("age", new double[] {30}).numeric("extra", new double[] {0})
        .categorical("gender", new String[] {"Male"}).numeric("income", new double[] {25}).build();
    assertEquals(0.0, p.transform(shuffled).get(0, 0), "income 25 is the mean of {10,20,20,50}");
    Table wrongType = Table.builder().numeric("income", new double[] {1}).numeric("gender", new double[] {1})
        .numeric("age", new double[] {1}).build();
    assertMessage("'gender' is numeric, but the pipeline was fitted on a categorical column",
        () -> p.transform(wrongType));

    // A column of the other type with every cell missing is accepted as missing cells: its type cannot be told
    // (a CSV reader reads it as numeric). Expected rows: the same rows given with the fitted types.
    Table unknownGender = Table.builder().numeric("income", new double[] {25, NA})
        .numeric("gender", new double[] {NA, NA}).numeric("age", new double[] {30, 31}).build();
    Table sameTyped = Table.builder().numeric("income", new double[] {25, NA})
        .categorical("gender", new String[] {null, null}).numeric("age", new double[] {30, 31}).build();
    assertEquals(p.transform(sameTyped), p.transform(unknownGender));
    // Row 0: gender missing -> most frequent "Female" (1, 0); income 25 -> 0; age 30 -> 0 (constant column).
    assertArrayEquals(new double[] {0, 1, 0, 0}, p.transform(unknownGender).row(0));
    Table unknownIncome = Table.builder().categorical("income", new String[] {null})
        .categorical("gender", new String[] {"Male"}).numeric("age", new double[] {30}).build();
    // income missing -> median 20 -> (20 - 25) / 15; gender Male -> (0, 1).
    assertArrayEquals(new double[] {-5.0 / 15, 0, 1, 0}, p.transform(unknownIncome).row(0), 1e-15);
    Table header = Table.builder().numeric("income", new double[0]).numeric("gender", new double[0])
        .numeric("age", new double[0]).build();
    assertEquals(p.outputColumns(), p.transformTable(header).columnNames(), "a header-only file has the layout");
    Table oneKnown = Table.builder().numeric("income", new double[] {1, 2})
        .numeric("gender", new double[] {NA, 1}).numeric("age", new double[] {1, 1}).build();
    assertMessage("'gender' is numeric, but the pipeline was fitted on a categorical column",
        () -> p.transform(oneKnown));

    // Rebuilding from state gives an equal model; bad state is rejected.
    PipelineModel back = PipelineModel.of(p.inputColumns(), p.inputTypes(), p.steps());
    assertEquals(p, back);
    assertEquals(p.outputColumns(), back.outputColumns());
    assertMessage("step 1 does not fit", () -> PipelineModel.of(List.of("a"), List.of(ColumnType.NUMERIC),
        List.of(Log1p.Fitted.of(List.of("a")), Log1p.Fitted.of(List.of("b")))));
    assertMessage("one type per input column", () -> PipelineModel.of(List.of("a"), List.of(), List.of()));
    assertNotEquals(p, Pipeline.of(Imputer.median(), Imputer.mostFrequent(), new OneHotEncoder()).fit(t));
    assertSame(p.steps(), p.steps());
  }
}
