package io.github.clusterkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TableTest {

  private static Table mall() {
    return Table.builder()
        .numeric("CustomerID", new double[] {1, 2, 3})
        .categorical("Gender", new String[] {"Male", null, "Female"})
        .numeric("Age", new double[] {19, Double.NaN, 20})
        .build();
  }

  @Test
  void accessorsReturnCopiesAndTypes() {
    Table t = mall();
    assertEquals(3, t.rowCount());
    assertEquals(3, t.columnCount());
    assertEquals(List.of("CustomerID", "Gender", "Age"), t.columnNames());
    assertEquals(ColumnType.CATEGORICAL, t.type("Gender"));
    assertEquals(ColumnType.NUMERIC, t.type(2));
    assertEquals(List.of("CustomerID", "Age"), t.columnNames(ColumnType.NUMERIC));
    assertEquals("type must not be null",
        assertThrows(IllegalArgumentException.class, () -> t.columnNames((ColumnType) null)).getMessage());
    double[] age = t.numeric("Age");
    assertArrayEquals(new double[] {19, Double.NaN, 20}, age);
    age[0] = 99;
    assertEquals(19, t.numeric("Age")[0]);
    String[] g = t.categorical("Gender");
    g[0] = "x";
    assertEquals("Male", t.categorical("Gender")[0]);
    assertEquals(1, t.missingCount("Gender"));
    assertEquals(1, t.missingCount("Age"));
    assertEquals(0, t.missingCount("CustomerID"));
    assertTrue(t.hasColumn("Age"));
    assertFalse(t.hasColumn("age"));
    assertFalse(t.hasColumn(null));
  }

  @Test
  void builderCopiesCallerArrays() {
    double[] v = {1, 2};
    String[] c = {"a", "b"};
    Table t = Table.builder().numeric("v", v).categorical("c", c).build();
    v[0] = 7;
    c[0] = "z";
    assertEquals(1, t.numeric("v")[0]);
    assertEquals("a", t.categorical("c")[0]);
  }

  @Test
  void dropAndSelect() {
    Table t = mall();
    Table d = t.drop("CustomerID");
    assertEquals(List.of("Gender", "Age"), d.columnNames());
    Table s = t.select("Age", "CustomerID");
    assertEquals(List.of("Age", "CustomerID"), s.columnNames());
    assertArrayEquals(new double[] {1, 2, 3}, s.numeric("CustomerID"));
    assertEquals(t.select("Age", "CustomerID"), t.select(List.of("Age", "CustomerID")));
  }

  @Test
  void badUseNamesTheProblem() {
    Table t = mall();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.numeric("Gender"));
    assertTrue(e.getMessage().contains("'Gender' is categorical"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.categorical("Age"));
    assertTrue(e.getMessage().contains("'Age' is numeric"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.drop("Nope"));
    assertTrue(e.getMessage().contains("no column named 'Nope'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.drop("CustomerID", "Gender", "Age"));
    assertTrue(e.getMessage().contains("every column"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.select("Age", "Age"));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.select());
    assertThrows(IllegalArgumentException.class, () -> t.drop((String[]) null));
    assertThrows(IllegalArgumentException.class, () -> t.type("x"));
  }

  @Test
  void builderValidates() {
    assertThrows(IllegalArgumentException.class, () -> Table.builder().build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().numeric("a", new double[] {1}).numeric("a", new double[] {2}));
    assertTrue(e.getMessage().contains("distinct"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().numeric("a", new double[] {1}).categorical("b", new String[] {"x", "y"}));
    assertTrue(e.getMessage().contains("'b' has 2 rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().numeric("a", new double[] {1, Double.POSITIVE_INFINITY}));
    assertTrue(e.getMessage().contains("at row 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Table.builder().numeric("", new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Table.builder().numeric(null, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Table.builder().numeric("a", null));
    assertThrows(IllegalArgumentException.class, () -> Table.builder().categorical("a", null));
    // A zero-row table is allowed: it carries only the layout.
    Table empty = Table.builder().numeric("a", new double[0]).categorical("b", new String[0]).build();
    assertEquals(0, empty.rowCount());
  }

  @Test
  void toDatasetNamesTheOffendingColumn() {
    Table t = mall();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::toDataset);
    assertTrue(e.getMessage().contains("'Gender' is categorical"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.drop("Gender").toDataset());
    assertTrue(e.getMessage().contains("'Age' has a missing value at row 1"), e.getMessage());
    Table zero = Table.builder().numeric("a", new double[0]).build();
    assertThrows(IllegalArgumentException.class, zero::toDataset);

    Dataset ds = Table.builder().numeric("a", new double[] {1, 2}).numeric("b", new double[] {3, 4}).build()
        .toDataset();
    // Exact: the cells are copied unchanged into row-major order.
    assertArrayEquals(new double[] {1, 3, 2, 4}, ds.toArray());
    assertEquals(List.of("a", "b"), ds.columnNames());
  }

  @Test
  void equalityIsByValue() {
    assertEquals(mall(), mall());
    assertEquals(mall().hashCode(), mall().hashCode());
    assertNotEquals(mall(), mall().drop("Age"));
    assertTrue(mall().toString().contains("Gender:categorical"));
  }

  @Test
  void equalityComparesEveryCell() {
    Table t = mall();
    assertTrue(t.equals(t));
    assertFalse(t.equals("a table"));
    assertFalse(t.equals(null));
    // same names, types and row count; one cell differs (numeric, then categorical, then a missing cell)
    Table age = Table.builder().column(t, "CustomerID").column(t, "Gender")
        .numeric("Age", new double[] {19, Double.NaN, 21}).build();
    assertNotEquals(t, age);
    Table gender = Table.builder().column(t, "CustomerID")
        .categorical("Gender", new String[] {"Male", null, "Male"}).column(t, "Age").build();
    assertNotEquals(t, gender);
    Table missing = Table.builder().column(t, "CustomerID")
        .categorical("Gender", new String[] {"Male", "Female", "Female"}).column(t, "Age").build();
    assertNotEquals(t, missing);
    assertEquals(t, Table.builder().column(t, "CustomerID").column(t, "Gender").column(t, "Age").build());
  }

  @Test
  void toStringListsRowsAndTypedColumns() {
    assertEquals("Table[3 rows; CustomerID:numeric, Gender:categorical, Age:numeric]", mall().toString());
    assertEquals("Table[0 rows; a:categorical]",
        Table.builder().categorical("a", new String[0]).build().toString());
  }

  @Test
  void builderColumnSharesAColumnOfAnotherTableUnderItsRules() {
    Table t = mall();
    Table u = Table.builder().column(t, "Age").column(t, "Gender").build();
    assertEquals(List.of("Age", "Gender"), u.columnNames());
    assertArrayEquals(new double[] {19, Double.NaN, 20}, u.numeric("Age"));
    assertArrayEquals(new String[] {"Male", null, "Female"}, u.categorical("Gender"));
    assertEquals(ColumnType.CATEGORICAL, u.type("Gender"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().column(null, "Age"));
    assertEquals("source table must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Table.builder().column(t, "Age").column(t, "Age"));
    assertEquals("column names must be distinct, got 'Age' twice", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().numeric("x", new double[] {1}).column(t, "Age"));
    assertEquals("column 'Age' has 3 rows, but earlier columns have 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Table.builder().column(t, "Weight"));
    assertTrue(e.getMessage().startsWith("no column named 'Weight'"), e.getMessage());
  }

  @Test
  void builderChecksCategoricalNamesAndLengthsAfterAnEmptyColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().categorical("", new String[] {"a"}));
    assertEquals("column name must be non-empty, got ''", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().numeric("a", new double[] {1}).categorical("a", new String[] {"x"}));
    assertEquals("column names must be distinct, got 'a' twice", e.getMessage());
    // a first column of no rows fixes the row count at 0, as any other count
    e = assertThrows(IllegalArgumentException.class,
        () -> Table.builder().numeric("a", new double[0]).categorical("b", new String[] {"x", "y", "z"}));
    assertEquals("column 'b' has 3 rows, but earlier columns have 0", e.getMessage());
  }

  /** Selecting all columns in a shuffled order and back gives the same table; toDataset keeps every cell. */
  @Property(tries = 50)
  void selectRoundTripAndDatasetLayout(@ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 20) int n, @ForAll long seed) {
    io.github.clusterkit.internal.Rng rng = new io.github.clusterkit.internal.Rng(seed);
    Table.Builder b = Table.builder();
    double[][] cols = new double[d][n];
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        cols[j][i] = rng.nextGaussian();
      }
      names[j] = "c" + j;
      b.numeric(names[j], cols[j]);
    }
    Table t = b.build();
    String[] reversed = new String[d];
    for (int j = 0; j < d; j++) {
      reversed[j] = names[d - 1 - j];
    }
    assertEquals(t, t.select(reversed).select(names));
    Dataset ds = t.toDataset();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(cols[j][i], ds.get(i, j));
      }
    }
  }

  @Test
  void rowsPicksRowsInOrderWithRepeatsAndMissingCells() {
    Table t = Table.builder()
        .categorical("Gender", new String[] {"Male", null, "Female"})
        .numeric("Age", new double[] {19, 21, Double.NaN})
        .build();
    Table r = t.rows(new int[] {2, 0, 2});
    assertEquals(List.of("Gender", "Age"), r.columnNames());
    assertEquals(ColumnType.CATEGORICAL, r.type("Gender"));
    assertArrayEquals(new String[] {"Female", "Male", "Female"}, r.categorical("Gender"));
    assertArrayEquals(new double[] {Double.NaN, 19, Double.NaN}, r.numeric("Age"));
    assertEquals(2, r.missingCount("Age"));
    Table none = t.rows(new int[0]);
    assertEquals(0, none.rowCount());
    assertEquals(t.columnNames(), none.columnNames());
    // The source table is unchanged.
    assertArrayEquals(new String[] {"Male", null, "Female"}, t.categorical("Gender"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.rows(null));
    assertEquals("indices must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.rows(new int[] {0, 3}));
    assertEquals("indices[1] must be in [0, 3), got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.rows(new int[] {-1}));
    assertEquals("indices[0] must be in [0, 3), got -1", e.getMessage());
  }

  /** Oracle: the columns read cell by cell at the chosen indices. */
  @Property(tries = 50)
  void rowsEqualsTheCellsAtTheIndices(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
    java.util.Random g = new java.util.Random(seed);
    double[] num = new double[n];
    String[] cat = new String[n];
    for (int i = 0; i < n; i++) {
      num[i] = g.nextInt(5) == 0 ? Double.NaN : g.nextGaussian();
      cat[i] = g.nextInt(5) == 0 ? null : "c" + g.nextInt(3);
    }
    Table t = Table.builder().numeric("x", num).categorical("g", cat).build();
    int[] idx = new int[g.nextInt(2 * n + 1)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = g.nextInt(n);
    }
    Table r = t.rows(idx);
    assertEquals(idx.length, r.rowCount());
    double[] rx = r.numeric("x");
    String[] rg = r.categorical("g");
    for (int i = 0; i < idx.length; i++) {
      assertEquals(num[idx[i]], rx[i]);
      assertEquals(cat[idx[i]], rg[i]);
    }
  }

  @Test
  void ofRowMakesOneRowFromAMap() {
    java.util.Map<String, Object> customer = new java.util.LinkedHashMap<>();
    customer.put("Gender", "Female");
    customer.put("Age", 31);                 // an Integer: numeric
    customer.put("Income", 52.5);
    customer.put("Score", null);             // unknown: a missing numeric cell
    customer.put("Balance", new java.math.BigDecimal("1250.75"));
    Table t = Table.ofRow(customer);
    assertEquals(1, t.rowCount());
    assertEquals(List.of("Gender", "Age", "Income", "Score", "Balance"), t.columnNames());
    assertEquals(ColumnType.CATEGORICAL, t.type("Gender"));
    assertArrayEquals(new String[] {"Female"}, t.categorical("Gender"));
    assertArrayEquals(new double[] {31}, t.numeric("Age"));
    assertArrayEquals(new double[] {52.5}, t.numeric("Income"));
    assertArrayEquals(new double[] {Double.NaN}, t.numeric("Score"));
    assertEquals(1, t.missingCount("Score"));
    assertArrayEquals(new double[] {1250.75}, t.numeric("Balance"));
    // the same table as built column by column
    assertEquals(Table.builder().categorical("Gender", new String[] {"Female"}).numeric("Age", new double[] {31})
        .numeric("Income", new double[] {52.5}).numeric("Score", new double[] {Double.NaN})
        .numeric("Balance", new double[] {1250.75}).build(), t);

    assertEquals("values must not be null",
        assertThrows(IllegalArgumentException.class, () -> Table.ofRow(null)).getMessage());
    assertEquals("values must hold at least one column, got none",
        assertThrows(IllegalArgumentException.class, () -> Table.ofRow(java.util.Map.of())).getMessage());
    assertEquals("the value of column 'Member' must be a Number, a String or null, got a Boolean (true)",
        assertThrows(IllegalArgumentException.class, () -> Table.ofRow(java.util.Map.of("Member", true)))
            .getMessage());
    assertEquals("numeric column 'Age' must hold finite values or NaN for missing, got Infinity at row 0",
        assertThrows(IllegalArgumentException.class,
            () -> Table.ofRow(java.util.Map.of("Age", Double.POSITIVE_INFINITY))).getMessage());
    java.util.Map<String, Object> emptyName = new java.util.HashMap<>();
    emptyName.put("", 1.0);
    assertThrows(IllegalArgumentException.class, () -> Table.ofRow(emptyName));
  }

  @Test
  void headGivesTheFirstRows() {
    Table t = mall();
    Table two = t.head(2);
    assertEquals(2, two.rowCount());
    assertEquals(t.columnNames(), two.columnNames());
    assertArrayEquals(new double[] {1, 2}, two.numeric("CustomerID"));
    assertArrayEquals(new String[] {"Male", null}, two.categorical("Gender"));
    assertEquals(t, t.head(3));
    assertEquals(t, t.head(Integer.MAX_VALUE));
    assertEquals(0, t.head(0).rowCount());
    assertEquals(t.columnNames(), t.head(0).columnNames());
    assertEquals("n must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> t.head(-1)).getMessage());
  }

  @Test
  void previewWritesTheFirstRowsAligned() {
    // Expected text written by hand from the rule in the Javadoc: names and categories to the left, numbers to the
    // right, integers without a point, NA for missing, trailing blanks removed.
    assertEquals("CustomerID  Gender  Age\n"
        + "         1  Male     19\n"
        + "         2  NA       NA\n"
        + "... 1 more row\n", mall().preview(2));
    assertEquals("CustomerID  Gender  Age\n"
        + "         1  Male     19\n"
        + "         2  NA       NA\n"
        + "         3  Female   20\n", mall().preview(3));
    assertEquals("CustomerID  Gender  Age\n... 3 more rows\n", mall().preview(0));
    Table odd = Table.builder()
        .numeric("x", new double[] {-0.0, 2.5, 1e15, -3})
        .categorical("a very long column name of thirty", new String[] {"abcdefghijklmnopqrstuvwxyz", "b", "c", "d"})
        .build();
    assertEquals("     x  a very long column na...\n"
        + "    -0  abcdefghijklmnopqrstu...\n"
        + "   2.5  b\n"
        + "1.0E15  c\n"
        + "    -3  d\n", odd.preview(10));
    assertEquals("maxRows must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> mall().preview(-1)).getMessage());
  }
}
