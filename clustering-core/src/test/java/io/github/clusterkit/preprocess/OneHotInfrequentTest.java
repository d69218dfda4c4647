package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link OneHotEncoder}'s infrequent categories against scikit-learn 1.2.1's {@code OneHotEncoder(min_frequency=...,
 * max_categories=..., handle_unknown='infrequent_if_exist')}: every expected value is printed by
 * {@code tools/onehot_infrequent_reference.py} on the line whose tag ({@code [H1]}, {@code [G2]}, ...) the comment
 * beside it names, or read from the fixture it writes ({@code fixtures/preprocess/onehot_infrequent_synthetic.txt}).
 * scikit-learn's names {@code g_x} are {@code g=x} here. The values are 0/1, compared exactly.
 */
class OneHotInfrequentTest {

  private static final OneHotEncoder.HandleUnknown IF_EXIST = OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST;
  private static final OneHotEncoder.HandleUnknown IGNORE = OneHotEncoder.HandleUnknown.IGNORE;

  /** [H*]: g = a b b b c c c d d e e, counts a:1, b:3, c:3, d:2, e:2. */
  private static final Table HAND = column("a", "b", "b", "b", "c", "c", "c", "d", "d", "e", "e");
  /** The rows transformed in [H*]: the five categories, an unknown one, a missing value. */
  private static final Table PROBE = column("a", "b", "c", "d", "e", "z", null);

  private static Table column(String... v) {
    return Table.builder().categorical("g", v).build();
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  private static double[][] rows(Table t) {
    double[][] out = new double[t.rowCount()][t.columnCount()];
    for (int j = 0; j < t.columnCount(); j++) {
      double[] c = t.numeric(t.columnNames().get(j));
      for (int i = 0; i < c.length; i++) {
        out[i][j] = c[i];
      }
    }
    return out;
  }

  /**
   * Checks one [H*] line: the output names, the infrequent categories and the transform of {@link #PROBE} under
   * INFREQUENT_IF_EXIST and IGNORE.
   */
  private static void assertCase(String tag, UnaryOperator<OneHotEncoder> options, List<String> names,
      List<String> infrequent, double[][] ifExist, double[][] ignore) {
    OneHotEncoder.Fitted f = options.apply(new OneHotEncoder().handleUnknown(IF_EXIST)).fit(HAND);
    assertEquals(List.of(infrequent), f.infrequentCategories(), tag);
    Table out = f.transform(PROBE);
    assertEquals(names, out.columnNames(), tag);
    assertArrayEquals(ifExist, rows(out), tag + " infrequent_if_exist");
    Table ign = options.apply(new OneHotEncoder().handleUnknown(IGNORE)).fit(HAND).transform(PROBE);
    assertArrayEquals(ignore, rows(ign), tag + " ignore");
  }

  private static double[][] m(double[]... rows) {
    return rows;
  }

  private static double[] r(double... v) {
    return v;
  }

  // [H1], [H2], [H5], [H9], [H13]: names ['g_b', 'g_c', 'g_infrequent_sklearn'], infrequent ['a', 'd', 'e']
  private static final List<String> BC = List.of("g=b", "g=c", "g=infrequent_sklearn");
  private static final double[][] BC_IF_EXIST = m(r(0, 0, 1), r(1, 0, 0), r(0, 1, 0), r(0, 0, 1), r(0, 0, 1),
      r(0, 0, 1), r(0, 0, 1));
  private static final double[][] BC_IGNORE = m(r(0, 0, 1), r(1, 0, 0), r(0, 1, 0), r(0, 0, 1), r(0, 0, 1),
      r(0, 0, 0), r(0, 0, 0));
  // [H3], [H8], [H14]: no grouping, names g_a .. g_e; z and None all zeros under both rules
  private static final List<String> ALL = List.of("g=a", "g=b", "g=c", "g=d", "g=e");
  private static final double[][] ALL_ROWS = m(r(1, 0, 0, 0, 0), r(0, 1, 0, 0, 0), r(0, 0, 1, 0, 0),
      r(0, 0, 0, 1, 0), r(0, 0, 0, 0, 1), r(0, 0, 0, 0, 0), r(0, 0, 0, 0, 0));

  @Test
  void minFrequencyAsACountAndAsAFraction() {
    // [H1] min_frequency=3: a, d, e (counts 1, 2, 2) are infrequent
    assertCase("H1", e -> e.minFrequency(3), BC, List.of("a", "d", "e"), BC_IF_EXIST, BC_IGNORE);
    // [H2] min_frequency=0.2: 11 * 0.2 = 2.2, the same
    assertCase("H2", e -> e.minFrequencyFraction(0.2), BC, List.of("a", "d", "e"), BC_IF_EXIST, BC_IGNORE);
    // [H14] min_frequency=1 groups nothing
    assertCase("H14", e -> e.minFrequency(1), ALL, List.of(), ALL_ROWS, ALL_ROWS);
    // [H10] min_frequency=4: every category is infrequent, one column of ones (unknown: 1, or 0 under ignore)
    assertCase("H10", e -> e.minFrequency(4), List.of("g=infrequent_sklearn"), List.of("a", "b", "c", "d", "e"),
        m(r(1), r(1), r(1), r(1), r(1), r(1), r(1)), m(r(1), r(1), r(1), r(1), r(1), r(0), r(0)));
  }

  @Test
  void maxCategoriesKeepsTheLaterOfTiedCategories() {
    // [H4] max_categories=2: c (3, later than b) is kept; a, b, d, e grouped
    assertCase("H4", e -> e.maxCategories(2), List.of("g=c", "g=infrequent_sklearn"), List.of("a", "b", "d", "e"),
        m(r(0, 1), r(0, 1), r(1, 0), r(0, 1), r(0, 1), r(0, 1), r(0, 1)),
        m(r(0, 1), r(0, 1), r(1, 0), r(0, 1), r(0, 1), r(0, 0), r(0, 0)));
    // [H5] max_categories=3: b and c kept
    assertCase("H5", e -> e.maxCategories(3), BC, List.of("a", "d", "e"), BC_IF_EXIST, BC_IGNORE);
    // [H6] max_categories=4: of d and e (2 each) e, the later, is kept
    assertCase("H6", e -> e.maxCategories(4), List.of("g=b", "g=c", "g=e", "g=infrequent_sklearn"),
        List.of("a", "d"),
        m(r(0, 0, 0, 1), r(1, 0, 0, 0), r(0, 1, 0, 0), r(0, 0, 0, 1), r(0, 0, 1, 0), r(0, 0, 0, 1), r(0, 0, 0, 1)),
        m(r(0, 0, 0, 1), r(1, 0, 0, 0), r(0, 1, 0, 0), r(0, 0, 0, 1), r(0, 0, 1, 0), r(0, 0, 0, 0), r(0, 0, 0, 0)));
    // [H7] max_categories=5 (five categories, but the grouped column counts): a alone is grouped
    assertCase("H7", e -> e.maxCategories(5), List.of("g=b", "g=c", "g=d", "g=e", "g=infrequent_sklearn"),
        List.of("a"),
        m(r(0, 0, 0, 0, 1), r(1, 0, 0, 0, 0), r(0, 1, 0, 0, 0), r(0, 0, 1, 0, 0), r(0, 0, 0, 1, 0),
            r(0, 0, 0, 0, 1), r(0, 0, 0, 0, 1)),
        m(r(0, 0, 0, 0, 1), r(1, 0, 0, 0, 0), r(0, 1, 0, 0, 0), r(0, 0, 1, 0, 0), r(0, 0, 0, 1, 0),
            r(0, 0, 0, 0, 0), r(0, 0, 0, 0, 0)));
    // [H8] max_categories=6: nothing grouped
    assertCase("H8", e -> e.maxCategories(6), ALL, List.of(), ALL_ROWS, ALL_ROWS);
    // [H9] min_frequency=2 (a) then max_categories=3 (d, e too)
    assertCase("H9", e -> e.minFrequency(2).maxCategories(3), BC, List.of("a", "d", "e"), BC_IF_EXIST, BC_IGNORE);
  }

  @Test
  void maxCategoriesOfOneIsRefusedWhereScikitLearnGroupsNothing() {
    // [H3] max_categories=1: names g_a .. g_e, infrequent None, in scikit-learn 1.2.1
    assertMessage("OneHotEncoder: maxCategories must be >= 2, got 1 (scikit-learn 1.2.1's max_categories=1 groups"
        + " nothing: leave it out)", () -> new OneHotEncoder().maxCategories(1));
    assertMessage("maxCategories must be >= 2, got 0", () -> new OneHotEncoder().maxCategories(0));
    assertMessage("maxCategories must be >= 2, got -3", () -> new OneHotEncoder().maxCategories(-3));
  }

  @Test
  void dropActsOnTheGroupedBlock() {
    // [H11] min_frequency=3, drop='first': names ['g_c', 'g_infrequent_sklearn'], b (the first frequent) dropped
    // (scikit-learn's drop_idx_ [0] names categories_[0] = 'a', the 1.2.1 bug)
    OneHotEncoder.Fitted f = new OneHotEncoder().handleUnknown(IF_EXIST).minFrequency(3)
        .drop(OneHotEncoder.Drop.FIRST).fit(HAND);
    assertEquals(Collections.singletonList("b"), f.droppedCategories());
    Table out = f.transform(PROBE);
    assertEquals(List.of("g=c", "g=infrequent_sklearn"), out.columnNames());
    assertArrayEquals(m(r(0, 1), r(0, 0), r(1, 0), r(0, 1), r(0, 1), r(0, 1), r(0, 1)), rows(out));
    assertArrayEquals(m(r(0, 1), r(0, 0), r(1, 0), r(0, 1), r(0, 1), r(0, 0), r(0, 0)), rows(new OneHotEncoder()
        .handleUnknown(IGNORE).minFrequency(3).drop(OneHotEncoder.Drop.FIRST).fit(HAND).transform(PROBE)));
    // [H12] max_categories=2, drop='if_binary': the block c, infrequent is binary, c dropped
    OneHotEncoder.Fitted b = new OneHotEncoder().handleUnknown(IF_EXIST).maxCategories(2)
        .drop(OneHotEncoder.Drop.IF_BINARY).fit(HAND);
    assertEquals(Collections.singletonList("c"), b.droppedCategories());
    Table bout = b.transform(PROBE);
    assertEquals(List.of("g=infrequent_sklearn"), bout.columnNames());
    assertArrayEquals(m(r(1), r(1), r(0), r(1), r(1), r(1), r(1)), rows(bout));
    // [H13] max_categories=3, drop='if_binary': three columns after grouping, none dropped
    assertCase("H13", e -> e.maxCategories(3).drop(OneHotEncoder.Drop.IF_BINARY), BC, List.of("a", "d", "e"),
        BC_IF_EXIST, BC_IGNORE);
    // every category infrequent (as [H10]) and drop first: the grouped column itself is dropped
    Table two = Table.builder().categorical("g", HAND.categorical("g")).numeric("x", new double[11]).build();
    OneHotEncoder.Fitted all = new OneHotEncoder().minFrequency(4).drop(OneHotEncoder.Drop.FIRST).fit(two);
    assertEquals(Collections.singletonList(OneHotEncoder.INFREQUENT), all.droppedCategories());
    assertEquals(List.of("x"), all.transform(two).columnNames());
    assertMessage("every column of the table is encoded and has a single category or a single column after grouping",
        () -> new OneHotEncoder().minFrequency(4).drop(OneHotEncoder.Drop.FIRST).fit(HAND).transform(HAND));
    // a pipeline does not require a column whose block is dropped whole (its values cannot change the output)
    PipelineModel p = Pipeline.of(new OneHotEncoder().minFrequency(4).drop(OneHotEncoder.Drop.FIRST)).fit(two);
    assertEquals(List.of("x"), p.requiredColumns());
  }

  @Test
  void ifBinaryCountsTheColumnsAfterGroupingNotTheCategories() {
    // [D1]: p p q, min_frequency=3, if_binary: names ['g_infrequent_sklearn'], rows [[1.0], [1.0], [1.0]]
    Table pq = Table.builder().categorical("g", new String[] {"p", "p", "q"}).build();
    OneHotEncoder.Fitted one = new OneHotEncoder().minFrequency(3).drop(OneHotEncoder.Drop.IF_BINARY).fit(pq);
    assertEquals(Collections.singletonList(null), one.droppedCategories());
    Table t1 = one.transform(pq);
    assertEquals(List.of("g=infrequent_sklearn"), t1.columnNames());
    assertArrayEquals(new double[] {1, 1, 1}, t1.numeric("g=infrequent_sklearn"));
    // [D2]: a a a b c, min_frequency=2, if_binary: names ['g_infrequent_sklearn'], rows [[0], [0], [0], [1], [1]]
    Table abc = Table.builder().categorical("g", new String[] {"a", "a", "a", "b", "c"}).build();
    OneHotEncoder.Fitted three = new OneHotEncoder().minFrequency(2).drop(OneHotEncoder.Drop.IF_BINARY).fit(abc);
    assertEquals(List.of("a"), three.droppedCategories());
    Table t2 = three.transform(abc);
    assertEquals(List.of("g=infrequent_sklearn"), t2.columnNames());
    assertArrayEquals(new double[] {0, 0, 0, 1, 1}, t2.numeric("g=infrequent_sklearn"));
  }

  @Test
  void anUnknownCategoryIsStillAnErrorUnderTheDefaultRule() {
    // [H15] handle_unknown='error', min_frequency=3: z raises "Found unknown categories ['z'] in column 0"
    OneHotEncoder.Fitted f = new OneHotEncoder().minFrequency(3).fit(HAND);
    assertMessage("column 'g' has unknown category 'z' at row 0", () -> f.transform(column("z")));
    assertMessage("column 'g' has a missing value at row 0", () -> f.transform(column((String) null)));
    // the remedy names the rule that sends them to the grouped column, where the column has one; IGNORE otherwise
    assertMessage("(fit with HandleUnknown.INFREQUENT_IF_EXIST, or call"
        + " withHandleUnknown(HandleUnknown.INFREQUENT_IF_EXIST) on the fitted PipelineModel",
        () -> f.transform(column("z")));
    OneHotEncoder.Fitted plain = new OneHotEncoder().fit(HAND);
    assertMessage("(fit with HandleUnknown.IGNORE, or call withHandleUnknown(HandleUnknown.IGNORE)",
        () -> plain.transform(column("z")));
  }

  @Test
  void aFractionIsComparedWithTheProductInDoublePrecision() {
    String[] v = new String[100];
    Arrays.fill(v, 0, 7, "p");
    Arrays.fill(v, 7, 13, "q");
    Arrays.fill(v, 13, 100, "r");
    Table t = column(v);
    // [F0] 100 * 0.07 = 7.000000000000001, 100 * 0.06 = 6.0
    assertEquals(7.000000000000001, 100 * 0.07);
    // [F1] min_frequency=0.07: names ['g_r', 'g_infrequent_sklearn'], infrequent ['p', 'q']
    OneHotEncoder.Fitted f = new OneHotEncoder().minFrequencyFraction(0.07).fit(t);
    assertEquals(List.of(List.of("p", "q")), f.infrequentCategories());
    assertEquals(List.of("g=r", "g=infrequent_sklearn"), f.transform(column("p", "q", "r")).columnNames());
    assertArrayEquals(m(r(0, 1), r(0, 1), r(1, 0)), rows(f.transform(column("p", "q", "r"))));
    // [F2] min_frequency=0.06: names ['g_p', 'g_q', 'g_r'], nothing grouped
    assertEquals(List.of(List.of()), new OneHotEncoder().minFrequencyFraction(0.06).fit(t).infrequentCategories());
  }

  @Test
  void mallGender() throws IOException {
    Table t = PreprocessReferenceTest.readSimple(SharedData.file("Mall_Customers.csv"), "Gender");
    // [G0] Female 112, Male 88; rows 0..3 Male, Male, Female, Female
    double[][] first = m(r(0, 1), r(0, 1), r(1, 0), r(1, 0));
    List<String> grouped = List.of("Gender=Female", "Gender=infrequent_sklearn");
    // [G1] min_frequency=0.45 (90), [G2] max_categories=2, [G3] min_frequency=89: Male grouped, sums [112, 88]
    for (OneHotEncoder e : List.of(new OneHotEncoder().minFrequencyFraction(0.45),
        new OneHotEncoder().maxCategories(2), new OneHotEncoder().minFrequency(89))) {
      OneHotEncoder.Fitted f = e.columns("Gender").fit(t);
      assertEquals(List.of(List.of("Male")), f.infrequentCategories(), e::toString);
      Table out = f.transform(t);
      // in the place of Gender (the second column), as scikit-learn's names
      assertEquals(grouped, out.columnNames().subList(1, 3));
      assertEquals(112.0, Arrays.stream(out.numeric("Gender=Female")).sum());
      assertEquals(88.0, Arrays.stream(out.numeric("Gender=infrequent_sklearn")).sum());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(first[i], new double[] {out.numeric(grouped.get(0))[i], out.numeric(grouped.get(1))[i]});
      }
    }
    // [G4] min_frequency=0.44: 200 * 0.44 = 88.0 and Male's 88 is not fewer: names Gender_Female, Gender_Male
    assertEquals(List.of(List.of()), new OneHotEncoder().minFrequencyFraction(0.44).fit(t).infrequentCategories());
    // [G5] max_categories=2, drop='if_binary': names ['Gender_infrequent_sklearn'], sums [88.0]
    Table g5 = new OneHotEncoder().maxCategories(2).drop(OneHotEncoder.Drop.IF_BINARY).fit(t).transform(t);
    assertTrue(g5.columnNames().contains("Gender=infrequent_sklearn"));
    assertTrue(!g5.columnNames().contains("Gender=Female"));
    assertEquals(88.0, Arrays.stream(g5.numeric("Gender=infrequent_sklearn")).sum());
  }

  /** [Z*]: the synthetic column of the script, 2,000 rows of 200 categories, many rare. */
  static Table synthetic() {
    String[] v = new String[2000];
    for (int i = 0; i < v.length; i++) {
      long x = (long) i * 7919 % 2000;
      v[i] = "c" + (x * x / 20000);
    }
    return column(v);
  }

  @Test
  void aSyntheticColumnOfManyRareCategories() throws IOException {
    List<String> lines;
    try (InputStream in = OneHotInfrequentTest.class.getResourceAsStream(
        "/fixtures/preprocess/onehot_infrequent_synthetic.txt")) {
      lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    Table t = synthetic();
    List<OneHotEncoder> encoders = List.of(
        new OneHotEncoder().minFrequency(10), // Z1
        new OneHotEncoder().minFrequencyFraction(0.01), // Z2
        new OneHotEncoder().maxCategories(20), // Z3
        new OneHotEncoder().minFrequency(5).maxCategories(50), // Z4
        new OneHotEncoder().maxCategories(40).drop(OneHotEncoder.Drop.FIRST)); // Z5
    int cases = 0;
    for (int l = 0; l < lines.size(); l++) {
      if (!lines.get(l).startsWith("case Z")) {
        continue;
      }
      String tag = lines.get(l).split(" ")[1];
      OneHotEncoder.Fitted f = encoders.get(Integer.parseInt(tag.substring(1)) - 1).handleUnknown(IF_EXIST).fit(t);
      List<String> names = new ArrayList<>();
      for (String s : field(lines.get(l + 1), "names")) {
        names.add("g=" + s.substring(2));
      }
      Table out = f.transform(t);
      assertEquals(names, out.columnNames(), tag);
      assertEquals(List.of(field(lines.get(l + 2), "infrequent")), f.infrequentCategories(), tag);
      List<String> sums = field(lines.get(l + 3), "sums");
      for (int j = 0; j < names.size(); j++) {
        assertEquals(Double.parseDouble(sums.get(j)), Arrays.stream(out.numeric(names.get(j))).sum(),
            tag + " " + names.get(j));
      }
      cases++;
    }
    assertEquals(5, cases);
  }

  private static List<String> field(String line, String name) {
    List<String> parts = Arrays.asList(line.split("\t", -1));
    assertEquals(name, parts.get(0));
    return parts.size() == 2 && parts.get(1).isEmpty() ? List.of() : parts.subList(1, parts.size());
  }

  @Test
  void aFrequentCategoryNamedLikeTheGroupedColumnIsRefused() {
    Table t = column("infrequent_sklearn", "infrequent_sklearn", "infrequent_sklearn", "x", "y");
    assertMessage("OneHotEncoder: column 'g' has a frequent category 'infrequent_sklearn', the name of its column of"
        + " infrequent categories ('g=infrequent_sklearn'); rename that category first",
        () -> new OneHotEncoder().minFrequency(2).fit(t));
    // refused even where Drop.FIRST leaves its column out: [D3] a, infrequent_sklearn x3, zz x3, min_frequency=2,
    // drop='first' gives names ['g_zz', 'g_infrequent_sklearn'] in scikit-learn, distinct
    Table first = column("a", "infrequent_sklearn", "infrequent_sklearn", "infrequent_sklearn", "zz", "zz", "zz");
    assertMessage("OneHotEncoder: column 'g' has a frequent category 'infrequent_sklearn'",
        () -> new OneHotEncoder().minFrequency(2).drop(OneHotEncoder.Drop.FIRST).fit(first));
    // without a grouped column, or infrequent itself, the category is an ordinary one
    assertEquals(List.of("g=infrequent_sklearn", "g=x", "g=y"), new OneHotEncoder().fit(t).transform(t)
        .columnNames());
    Table rare = column("infrequent_sklearn", "x", "x");
    assertEquals(List.of("g=x", "g=infrequent_sklearn"), new OneHotEncoder().minFrequency(2).fit(rare)
        .transform(rare).columnNames());
    // a passed-through column of that name
    Table clash = Table.builder().categorical("g", new String[] {"a", "b", "b"})
        .numeric("g=infrequent_sklearn", new double[3]).build();
    assertMessage("the infrequent categories of column 'g' gives output column 'g=infrequent_sklearn', but the"
        + " table already has a column 'g=infrequent_sklearn'", () -> new OneHotEncoder().minFrequency(2)
        .columns("g").fit(clash));
  }

  @Test
  void anIdentifierColumnIsRefusedWithOrWithoutGrouping() throws IOException {
    Table t = PreprocessReferenceTest.readSimple(SharedData.file("cc_general.csv"), "CUST_ID");
    for (OneHotEncoder e : List.of(new OneHotEncoder().minFrequency(2), new OneHotEncoder().maxCategories(20),
        new OneHotEncoder().minFrequencyFraction(0.01))) {
      assertMessage("OneHotEncoder: column 'CUST_ID' has a category of its own in each of its 8950 rows (an"
          + " identifier?)", () -> e.columns("CUST_ID").fit(t));
      assertMessage("(grouping rare categories does not help: every category of it is seen once)",
          () -> e.columns("CUST_ID").fit(t));
    }
  }

  @Test
  void badArgumentsAreRefusedNamingTheRule() {
    assertMessage("OneHotEncoder: minFrequency must be >= 1, got 0", () -> new OneHotEncoder().minFrequency(0));
    assertMessage("minFrequencyFraction must be > 0 and < 1, got 0.0",
        () -> new OneHotEncoder().minFrequencyFraction(0));
    assertMessage("minFrequencyFraction must be > 0 and < 1, got NaN",
        () -> new OneHotEncoder().minFrequencyFraction(Double.NaN));
    assertMessage("minFrequencyFraction must be > 0 and < 1, got 5.0 (a count of rows is minFrequency(int))",
        () -> new OneHotEncoder().minFrequencyFraction(5));
    assertMessage("minFrequencyFraction must be > 0 and < 1, got 1.0",
        () -> new OneHotEncoder().minFrequencyFraction(1));
    List<String> cols = List.of("g");
    List<List<String>> cats = List.of(List.of("a", "b"));
    OneHotEncoder.Drop none = OneHotEncoder.Drop.NONE;
    assertMessage("infrequent must have one list per column (1), got 2",
        () -> OneHotEncoder.Fitted.of(cols, cats, IF_EXIST, none, List.of(List.of(), List.of())));
    assertMessage("infrequent categories of column 'g' must be among its categories [a, b], got 'z'",
        () -> OneHotEncoder.Fitted.of(cols, cats, IF_EXIST, none, List.of(List.of("z"))));
    assertMessage("infrequent categories of column 'g' must be distinct, got 'a' twice",
        () -> OneHotEncoder.Fitted.of(cols, cats, IF_EXIST, none, List.of(List.of("a", "a"))));
    assertMessage("infrequent categories of column 'g' must be a list (empty for none), got null",
        () -> OneHotEncoder.Fitted.of(cols, cats, IF_EXIST, none, Collections.singletonList(null)));
  }

  @Test
  void theFittedStateIsCopiedAndComparable() {
    List<String> rare = new ArrayList<>(List.of("b", "a"));
    List<List<String>> all = new ArrayList<>();
    all.add(rare);
    OneHotEncoder.Fitted f = OneHotEncoder.Fitted.of(List.of("g"), List.of(List.of("a", "b", "c")), IF_EXIST,
        OneHotEncoder.Drop.NONE, all);
    rare.set(0, "c");
    // listed in the order of the categories, whatever the order given
    assertEquals(List.of(List.of("a", "b")), f.infrequentCategories());
    assertThrows(UnsupportedOperationException.class, () -> f.infrequentCategories().get(0).add("c"));
    OneHotEncoder.Fitted same = OneHotEncoder.Fitted.of(List.of("g"), List.of(List.of("a", "b", "c")), IF_EXIST,
        OneHotEncoder.Drop.NONE, List.of(List.of("a", "b")));
    assertEquals(f, same);
    assertEquals(f.hashCode(), same.hashCode());
    assertNotEquals(f, OneHotEncoder.Fitted.of(List.of("g"), List.of(List.of("a", "b", "c")), IF_EXIST));
    // the encoder's settings: the count and the fraction are one setting, the last call wins
    assertEquals(new OneHotEncoder().minFrequency(3), new OneHotEncoder().minFrequencyFraction(0.5).minFrequency(3));
    assertNotEquals(new OneHotEncoder().minFrequency(3), new OneHotEncoder().minFrequency(3).maxCategories(4));
    assertEquals("OneHotEncoder(INFREQUENT_IF_EXIST, minFrequencyFraction 0.1, maxCategories 4)",
        new OneHotEncoder().handleUnknown(IF_EXIST).minFrequencyFraction(0.1).maxCategories(4).toString());
  }

  @Test
  void aPipelineSwitchedToInfrequentIfExistKeepsItsGroups() {
    Table t = Table.builder().categorical("g", HAND.categorical("g")).numeric("x", new double[11]).build();
    PipelineModel strict = Pipeline.of(new OneHotEncoder().minFrequency(3)).fit(t);
    PipelineModel lenient = strict.withHandleUnknown(IF_EXIST);
    OneHotEncoder.Fitted f = (OneHotEncoder.Fitted) lenient.steps().get(0);
    assertEquals(List.of(List.of("a", "d", "e")), f.infrequentCategories());
    assertEquals(strict.outputColumns(), lenient.outputColumns());
    Table fresh = Table.builder().categorical("g", new String[] {"z", "b"}).numeric("x", new double[2]).build();
    // [H1]'s rows for z and b under infrequent_if_exist: [0, 0, 1], [1, 0, 0]
    assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0, 0, 0}, lenient.transform(fresh).toArray());
    assertMessage("unknown category 'z'", () -> strict.transform(fresh));
  }
}
