package io.github.clusterkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Validation, copies, accessors and equality of {@link Dataset}. */
class DatasetTest {

  private static void assertBad(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "message \"" + e.getMessage() + "\" lacks " + f);
    }
  }

  @Test
  void ofRejectsBadRows() {
    assertBad(() -> Dataset.of(null), "rows", "null");
    assertBad(() -> Dataset.of(new double[0][]), "at least one row", "0 rows");
    assertBad(() -> Dataset.of(new double[][] {null}), "rows[0]", "null");
    assertBad(() -> Dataset.of(new double[][] {{}, {}}), "at least one column", "0 columns");
    assertBad(() -> Dataset.of(new double[][] {{1, 2}, {3, 4}, null}), "rows[2]", "null");
    assertBad(() -> Dataset.of(new double[][] {{1, 2}, {3, 4}, {5}}), "row 2 has 1", "row 0 has 2");
    assertBad(() -> Dataset.of(new double[][] {{1, 2}, {3, Double.NaN}}), "NaN", "row 1", "column 1");
    assertBad(() -> Dataset.of(new double[][] {{Double.POSITIVE_INFINITY, 2}}), "Infinity", "row 0",
        "column 0");
    assertBad(() -> Dataset.of(new double[][] {{0, 1, 2}, {0, 1, Double.NEGATIVE_INFINITY}}),
        "-Infinity", "row 1", "column 2");
  }

  @Test
  void ofRefusesMoreValuesThanAnArrayHolds() {
    // 65,536 rows of 32,768 columns are 2^31 values, beyond the largest array (2^31 - 9): refused with the
    // rule, before any copy. The rows share one array, so the test allocates 256 KiB.
    double[] row = new double[1 << 15];
    double[][] rows = new double[1 << 16][];
    Arrays.fill(rows, row);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(rows));
    assertEquals("n * d must be at most 2147483639, got 65536 * 32768", e.getMessage());
  }

  @Test
  void wrapAndCopyOfCheckShape() {
    assertBad(() -> Dataset.wrap(null, 1, 1), "rowMajor", "null");
    assertBad(() -> Dataset.wrap(new double[4], 0, 4), "n must be >= 1", "got 0");
    assertBad(() -> Dataset.wrap(new double[4], 4, 0), "d must be >= 1", "got 0");
    assertBad(() -> Dataset.wrap(new double[5], 2, 2), "n * d = 4", "got 5");
    assertBad(() -> Dataset.copyOf(new double[] {1, 2, 3, Double.NaN, 5, 6}, 3, 2), "NaN", "row 1",
        "column 1");
    assertBad(() -> Dataset.wrap(new double[] {1, 2, 3, 4, 5, Double.POSITIVE_INFINITY}, 2, 3),
        "row 1", "column 2");
  }

  @Test
  void ofCopiesTheCallersRows() {
    double[][] rows = {{1, 2}, {3, 4}};
    Dataset ds = Dataset.of(rows);
    rows[0][0] = 99;
    rows[1] = new double[] {7, 7};
    assertEquals(1.0, ds.get(0, 0));
    assertEquals(3.0, ds.get(1, 0));
  }

  @Test
  void copyOfCopiesAndWrapShares() {
    double[] values = {1, 2, 3, 4};
    Dataset copied = Dataset.copyOf(values, 2, 2);
    Dataset wrapped = Dataset.wrap(values, 2, 2);
    values[3] = 40;
    assertEquals(4.0, copied.get(1, 1));
    assertEquals(40.0, wrapped.get(1, 1)); // documented: wrap does not copy
  }

  @Test
  void returnedArraysAreCopies() {
    Dataset ds = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    ds.row(1)[0] = -1;
    ds.toArray()[0] = -1;
    ds.toRows()[2][1] = -1;
    ds.column(0)[0] = -1;
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, ds.toArray());
    assertThrows(UnsupportedOperationException.class, () -> ds.columnNames().set(0, "y"));
  }

  @Test
  void accessors() {
    Dataset ds = Dataset.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(2, ds.size());
    assertEquals(3, ds.dimension());
    assertEquals(6.0, ds.get(1, 2));
    assertArrayEquals(new double[] {4, 5, 6}, ds.row(1));
    assertArrayEquals(new double[] {2, 5}, ds.column(1));
    double[] buf = new double[4];
    assertTrue(buf == ds.copyRow(0, buf));
    assertArrayEquals(new double[] {1, 2, 3, 0}, buf);
    assertArrayEquals(new double[] {4, 5, 6, 0}, ds.copyRow(1, buf));
    assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, ds.toRows());
    assertEquals(List.of("x0", "x1", "x2"), ds.columnNames());
    assertThrows(IndexOutOfBoundsException.class, () -> ds.get(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> ds.get(0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> ds.row(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> ds.column(3));
    assertThrows(IndexOutOfBoundsException.class, () -> ds.copyRow(0, new double[2]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ds.copyRow(0, null));
    assertEquals("dest must not be null", e.getMessage());
  }

  @Test
  void columnNamesAreValidated() {
    double[][] rows = {{1, 2}};
    Dataset named = Dataset.of(rows, List.of("age", "income"));
    assertEquals(List.of("age", "income"), named.columnNames());
    assertBad(() -> Dataset.of(rows, List.of("a")), "one name per column (2)", "got 1");
    assertBad(() -> Dataset.of(rows, Arrays.asList("a", null)), "columnNames[1]", "null");
    assertBad(() -> Dataset.of(rows, List.of("a", "a")), "distinct", "\"a\"");
    assertBad(() -> named.withColumnNames(null), "names", "null");
    assertBad(() -> named.withColumnNames(List.of("a", "b", "c")), "got 3");
    Dataset renamed = named.withColumnNames(List.of("p", "q"));
    assertEquals(List.of("p", "q"), renamed.columnNames());
    assertEquals(List.of("age", "income"), named.columnNames());
  }

  @Test
  void selectPicksRowsInOrder() {
    Dataset ds = Dataset.of(new double[][] {{0, 0}, {1, 10}, {2, 20}}, List.of("a", "b"));
    Dataset s = ds.select(new int[] {2, 0, 2});
    assertArrayEquals(new double[][] {{2, 20}, {0, 0}, {2, 20}}, s.toRows());
    assertEquals(List.of("a", "b"), s.columnNames());
    assertBad(() -> ds.select(new int[0]), "at least one index");
    assertBad(() -> ds.select(null), "indices");
    assertThrows(IndexOutOfBoundsException.class, () -> ds.select(new int[] {3}));
    // 4096 rows of 2^20 columns would need 2^32 values, more than a Java array holds
    Dataset wide = Dataset.wrap(new double[1 << 20], 1, 1 << 20);
    assertBad(() -> wide.select(new int[4096]), "indices.length * d", "4096 * 1048576");
    int[] idx = {1};
    Dataset one = ds.select(idx);
    idx[0] = 0;
    assertEquals(1.0, one.get(0, 0));
  }

  @Test
  void equalsAndHashCode() {
    Dataset a = Dataset.of(new double[][] {{1, 2}, {3, 4}});
    Dataset b = Dataset.copyOf(new double[] {1, 2, 3, 4}, 2, 2);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a, a);
    assertNotEquals(a, Dataset.copyOf(new double[] {1, 2, 3, 4}, 4, 1)); // same values, other shape
    assertNotEquals(a, Dataset.copyOf(new double[] {1, 2, 3, 5}, 2, 2));
    assertNotEquals(a, a.withColumnNames(List.of("u", "v")));
    assertNotEquals(a, "not a dataset");
    assertNotEquals(a, null);
    assertTrue(a.toString().contains("2 x 2"));
  }

  @Property(tries = 50)
  void roundTripThroughRows(
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll long seed) {
    io.github.clusterkit.internal.Rng rng = new io.github.clusterkit.internal.Rng(seed);
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        r[j] = rng.nextGaussian() * 1e3;
      }
    }
    Dataset ds = Dataset.of(rows);
    assertArrayEquals(rows, ds.toRows());
    Dataset again = Dataset.wrap(ds.toArray(), n, d);
    assertEquals(ds, again);
    assertEquals(ds.hashCode(), again.hashCode());
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(rows[i][j], ds.get(i, j));
        assertEquals(rows[i][j], ds.column(j)[i]);
      }
    }
  }
}
