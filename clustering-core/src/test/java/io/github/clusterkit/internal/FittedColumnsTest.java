package io.github.clusterkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule of {@link FittedColumns}: which names count as none, and how lists are shown. */
class FittedColumnsTest {

  @Test
  void onlyTheNamesOfADatasetWithoutNamesCountAsNone() {
    for (int d = 1; d <= 12; d++) {
      List<String> names = Dataset.wrap(new double[d], 1, d).columnNames();
      assertTrue(FittedColumns.areDefault(names), names.toString());
      // the same strings in another list are given names (a CSV header x0,x1 is a header like any other)
      assertFalse(FittedColumns.areDefault(new ArrayList<>(names)));
      assertEquals(names, FittedColumns.defaults(d));
      assertEquals(FittedColumns.defaults(d), names);
      assertEquals(names.hashCode(), FittedColumns.defaults(d).hashCode());
    }
    assertTrue(FittedColumns.areDefault(FittedColumns.defaults(0)));
    assertFalse(FittedColumns.areDefault(List.of()));
    assertEquals(List.of(), FittedColumns.defaults(-3));
    assertFalse(FittedColumns.areDefault(List.of("x0", "x1")));
    assertFalse(FittedColumns.areDefault(List.of("x1", "x0")));
    assertThrows(UnsupportedOperationException.class, () -> FittedColumns.defaults(2).set(0, "a"));
    assertThrows(IndexOutOfBoundsException.class, () -> FittedColumns.defaults(2).get(2));

    Dataset unnamed = Dataset.of(new double[][] {{1, 2}});
    assertFalse(unnamed.hasColumnNames());
    assertEquals(List.of("x0", "x1"), unnamed.columnNames());
    Dataset named = Dataset.of(new double[][] {{1, 2}}, List.of("x0", "x1"));
    assertTrue(named.hasColumnNames());
    assertTrue(unnamed.withColumnNames(List.of("x0", "x1")).hasColumnNames());
    // an unnamed dataset's own names given back keep it unnamed
    assertFalse(named.withColumnNames(unnamed.columnNames()).hasColumnNames());
    assertFalse(unnamed.select(new int[] {0}).hasColumnNames());
  }

  @Test
  void validatedKeepsTheDefaultsAndCopiesOtherLists() {
    List<String> defaults = FittedColumns.defaults(3);
    assertSame(defaults, FittedColumns.validated(defaults, 3));
    List<String> given = new ArrayList<>(List.of("a", "b"));
    List<String> v = FittedColumns.validated(given, 2);
    given.set(0, "z");
    assertEquals(List.of("a", "b"), v);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FittedColumns.validated(defaults, 2));
    assertEquals("columnNames must have one name per column (2), got 3", e.getMessage());
  }

  @Test
  void longNamesAndListsAreShortened() {
    String longName = "n".repeat(100);
    assertEquals("[" + "n".repeat(57) + "..., b]", FittedColumns.describe(List.of(longName, "b")));
    List<String> many = new ArrayList<>();
    for (int j = 0; j < 11; j++) {
      many.add("c" + j);
    }
    assertEquals("[c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, ... (1 more)]", FittedColumns.describe(many));
    assertEquals("[c0, c1, c2, c3, c4, c5, c6, c7, c8, c9]", FittedColumns.describe(many.subList(0, 10)));
    assertEquals("", FittedColumns.fittedOn(FittedColumns.defaults(2), true));
    assertEquals(" (fitted on [a])", FittedColumns.fittedOn(List.of("a"), false));
  }
}
