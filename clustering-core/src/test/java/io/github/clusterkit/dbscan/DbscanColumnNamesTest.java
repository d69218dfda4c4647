package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DBSCAN model remembers the names of the columns it was fitted on; predict(Dataset) refuses a dataset whose real
 * names differ, and checks nothing when either side has the default names {@code x0, x1, ...}.
 */
class DbscanColumnNamesTest {

  private static final double[][] ROWS = {{0, 0}, {0, 1}, {1, 0}, {10, 0}, {10, 1}, {11, 0}, {50, 50}};
  private static final List<String> NAMES = List.of("income", "spending");

  @Test
  void predictRefusesOtherNames() {
    DbscanModel m = Dbscan.eps(1.5).minPts(3).fit(Dataset.of(ROWS, NAMES));
    assertEquals(NAMES, m.columnNames());
    // Swapped columns: (10, 0) read as (0, 10) lies in no cluster.
    double[][] swapped = new double[ROWS.length][];
    for (int i = 0; i < ROWS.length; i++) {
      swapped[i] = new double[] {ROWS[i][1], ROWS[i][0]};
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(Dataset.of(swapped, List.of("spending", "income"))));
    assertEquals("points' columns must match the columns the model was fitted on: fitted on [income, spending], got"
        + " [spending, income]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(Dataset.of(new double[][] {{1, 2, 3}}, List.of("a", "b", "c"))));
    assertEquals("points must have dimension 2 (the training data's), got 3 (fitted on [income, spending])",
        e.getMessage());
    int[] labels = {0, 0, 0, 1, 1, 1, -1};
    assertArrayEquals(labels, m.labels());
    assertArrayEquals(labels, m.predict(Dataset.of(ROWS, NAMES)));
    assertArrayEquals(labels, m.predict(Dataset.of(ROWS)));
    assertEquals(1, m.predict(ROWS[3]));
    assertEquals(1, m.assign(ROWS[3]).label());
  }

  @Test
  void unnamedModelChecksNothing() {
    DbscanModel m = Dbscan.eps(1.5).minPts(3).fit(Dataset.of(ROWS));
    assertEquals(List.of("x0", "x1"), m.columnNames());
    assertArrayEquals(m.labels(), m.predict(Dataset.of(ROWS, List.of("b", "a"))));
  }

  @Test
  void stateKeepsTheNames() {
    DbscanModel m = Dbscan.eps(1.5).minPts(3).fit(Dataset.of(ROWS, NAMES));
    DbscanModel.State s = m.state();
    assertEquals(NAMES, s.columnNames());
    assertThrows(UnsupportedOperationException.class, () -> s.columnNames().set(0, "z"));
    DbscanModel back = DbscanModel.fromState(s);
    assertEquals(NAMES, back.columnNames());
    assertEquals(s, back.state());
    assertThrows(IllegalArgumentException.class, () -> back.predict(Dataset.of(ROWS, List.of("a", "b"))));
  }

  @Test
  void stateWithoutNamesHasTheDefaultsAndEqualityIncludesNames() {
    int[] labels = {0, 0, -1};
    boolean[] core = {true, true, false};
    double[] cx = {0, 0, 0, 1};
    DbscanModel.State plain = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2, labels,
        core, cx);
    assertEquals(List.of("x0", "x1"), plain.columnNames());
    DbscanModel.State defaults = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2,
        List.of("x0", "x1"), labels, core, cx);
    // Names given as "x0", "x1" are checked against a dataset's, the placeholders are not (since the second user
    // trial), so the two states are not equal: until the review of 2026-11-29 they were, while the models built
    // from them behaved differently (NamesKindEqualityTest).
    assertNotEquals(plain, defaults);
    assertNotEquals(defaults, plain);
    DbscanModel.State ab = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2,
        new ArrayList<>(List.of("a", "b")), labels, core, cx);
    DbscanModel.State ab2 = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2,
        List.of("a", "b"), labels, core, cx);
    DbscanModel.State ba = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2,
        List.of("b", "a"), labels, core, cx);
    assertEquals(ab, ab2);
    assertEquals(ab.hashCode(), ab2.hashCode());
    assertNotEquals(ab, ba);
    assertNotEquals(ab, plain);
    assertEquals(List.of("x0", "x1"), DbscanModel.fromState(plain).columnNames());
    // a huge dimension without core points builds no list of names
    DbscanModel.State huge = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID,
        Integer.MAX_VALUE, new int[] {-1}, new boolean[] {false}, new double[0]);
    assertEquals(Integer.MAX_VALUE, huge.columnNames().size());
    assertEquals(Integer.MAX_VALUE, DbscanModel.fromState(huge).columnNames().size());
  }

  @Test
  void fromStateRefusesInvalidNames() {
    assertRejected("DbscanModel state: columnNames must have one name per column (2), got 3", List.of("a", "b", "c"));
    assertRejected("DbscanModel state: columnNames must be distinct, got \"a\" twice (at 0 and 1)",
        List.of("a", "a"));
    assertRejected("DbscanModel state: columnNames[1] must not be null", Arrays.asList("a", null));
  }

  private static void assertRejected(String expected, List<String> names) {
    DbscanModel.State s = new DbscanModel.State(1.5, 2, Metric.EUCLIDEAN, false, Dbscan.Search.GRID, 2, names,
        new int[] {0, 0, -1}, new boolean[] {true, true, false}, new double[] {0, 0, 0, 1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DbscanModel.fromState(s));
    assertEquals(expected, e.getMessage());
  }
}
