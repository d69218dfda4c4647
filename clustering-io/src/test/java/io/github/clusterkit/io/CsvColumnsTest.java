package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Concrete cases of the column-wise store of {@link Csv} ({@link CsvColumn}); see also the oracle property. */
class CsvColumnsTest {

  private static final String[] CITIES = {"Lyon", "Z\u00FCrich", "\u6771\u4EAC", "S\u00E3o Paulo", "Oslo"};

  @Test
  void equalCategoriesShareOneStringInstance() throws IOException {
    // 100,000 rows of 5 categories (one beyond Latin-1, first seen in row 3): the documented interning gives
    // exactly 5 distinct String instances in the column, the 5 texts (a count of identities, not of values).
    StringBuilder sb = new StringBuilder("id,city,segment\n");
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      sb.append(i).append(',').append(CITIES[(i * 7 + i / 3) % 5]).append(',').append(i % 2 == 0 ? "A" : "NA")
          .append('\n');
    }
    for (int pageLimit : new int[] {CsvColumn.DEFAULT_PAGE_LIMIT, 5}) {
      Table t = Csv.parse(sb.toString(), CsvOptions.defaults(), pageLimit);
      String[] city = t.categorical("city");
      Set<String> instances = Collections.newSetFromMap(new IdentityHashMap<>());
      Collections.addAll(instances, city);
      assertEquals(5, instances.size(), "pageLimit " + pageLimit);
      for (int i = 0; i < n; i++) {
        assertEquals(CITIES[(i * 7 + i / 3) % 5], city[i]);
      }
      String[] segment = t.categorical("segment");
      assertSame(segment[0], segment[2]);
      assertEquals(null, segment[1], "NA is a missing token");
      assertEquals(ColumnType.NUMERIC, t.type("id"));
    }
  }

  @Test
  void interningKeepsTextsThatDifferOnlyInSpacesApart() {
    // Categorical cells keep their exact text (class documentation); " a" and "a" are two categories.
    String[] v = Csv.parse("c\na\n a\na\n a \nb\n", CsvOptions.defaults()).categorical("c");
    assertArrayEquals(new String[] {"a", " a", "a", " a ", "b"}, v);
    assertSame(v[0], v[2]);
    assertFalse(v[0] == v[1]);
  }

  @Test
  void errorsNameTheLineOfTheRecordAfterMultiLineFields() throws IOException {
    // Records 1 and 2 span two lines each (quoted line breaks), so the third record starts on line 6 of the
    // text (header on line 1, record 1 on 2-3, record 2 on 4-5): the line an editor shows.
    String text = "id,note,score\n1,\"two\nlines\",3\n2,\"\u6771\u4EAC\nx\",4\n3,plain,x\n";
    for (int pageLimit : new int[] {CsvColumn.DEFAULT_PAGE_LIMIT, 1, 3}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Csv.parse(text, CsvOptions.defaults().type("score", ColumnType.NUMERIC), pageLimit));
      assertEquals("CSV input: line 6, column 3 ('score'): 'x' is not a number, but the column is numeric",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> Csv.parse(text, CsvOptions.defaults().type("note", ColumnType.NUMERIC), pageLimit));
      assertEquals("CSV input: line 2, column 2 ('note'): 'two\nlines' is not a number, but the column is"
          + " numeric", e.getMessage());
    }
    // Inferred types: the record on line 4 holds a number beyond the double range; the column is numeric.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("a,b\n\"x\ny\",1\n\u0100, 2e400 \n", CsvOptions.defaults()));
    assertEquals("CSV input: line 4, column 2 ('b'): 2e400 is outside the range of a double", e.getMessage());
  }

  @Test
  void longCellsAreAbbreviatedInMessages() throws IOException {
    // abbreviate(): texts over 60 characters keep their first 57 and "..." (the rule in Csv).
    String cell = "\u00E9".repeat(30) + "\u6771".repeat(40);
    String expected = "CSV input: line 3, column 1 ('a'): '" + "\u00E9".repeat(30) + "\u6771".repeat(27)
        + "...' is not a number, but the column is numeric";
    for (int pageLimit : new int[] {CsvColumn.DEFAULT_PAGE_LIMIT, 7}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Csv.parse("a\n1\n" + cell + "\n", CsvOptions.defaults().type("a", ColumnType.NUMERIC),
              pageLimit));
      assertEquals(expected, e.getMessage());
    }
    // The bound itself: 60 characters are quoted whole, 61 are cut to 57 and "...".
    String sixty = "x".repeat(60);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("a\n1\n" + sixty + "\n", CsvOptions.defaults().type("a", ColumnType.NUMERIC)));
    assertEquals("CSV input: line 3, column 1 ('a'): '" + sixty + "' is not a number, but the column is numeric",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("a\n1\n" + sixty + "y\n", CsvOptions.defaults().type("a", ColumnType.NUMERIC)));
    assertEquals("CSV input: line 3, column 1 ('a'): '" + "x".repeat(57) + "...' is not a number, but the column"
        + " is numeric", e.getMessage());
  }

  @Test
  void numberOutOfRangeBeforeTextMakesACategoricalColumn() {
    // The type rule: a column is numeric only if every non-missing cell is a decimal; "x" in the last row
    // makes it categorical, so 1e999 stays text and is no error.
    Table t = Csv.parse("a\n1\n1e999\nx\n", CsvOptions.defaults());
    assertEquals(ColumnType.CATEGORICAL, t.type("a"));
    assertArrayEquals(new String[] {"1", "1e999", "x"}, t.categorical("a"));
  }

  @Test
  void aLateWideCharacterKeepsTheEarlierLatin1Text() throws IOException {
    // Cells with characters 0x80-0xFF stored as bytes must read back unchanged once the column switches to
    // chars; "\u00A0" (no-break space) is not white space for String.strip, so " \u00A01 " is no number.
    String text = "c,n\nZ\u00FCrich,\u00A01\n\u00FF\u00E9,2\n\u6771\u4EAC,3\n";
    for (int pageLimit : new int[] {CsvColumn.DEFAULT_PAGE_LIMIT, 2}) {
      Table t = Csv.parse(text, CsvOptions.defaults(), pageLimit);
      assertArrayEquals(new String[] {"Z\u00FCrich", "\u00FF\u00E9", "\u6771\u4EAC"}, t.categorical("c"));
      assertArrayEquals(new String[] {"\u00A01", "2", "3"}, t.categorical("n"));
    }
  }

  @Test
  void columnPagesSwitchAndWiden() {
    // The store itself: with 4 characters a page, "abc" + "de" cannot share a page; a cell longer than a page
    // gets one of its own; the first character beyond Latin-1 switches the whole column to chars.
    CsvColumn c = new CsvColumn(4);
    c.add("abc");
    c.add("de");
    assertEquals(2, c.pageCount());
    c.add("fghijk");
    assertEquals(3, c.pageCount());
    c.add("");
    assertTrue(c.isLatin1());
    c.add("\u6771");
    assertFalse(c.isLatin1());
    c.add("\u00E9");
    assertEquals(6, c.size());
    assertArrayEquals(new String[] {"abc", "de", "fghijk", null, "\u6771", "\u00E9"},
        c.toCategorical(new String[] {""}));
    assertThrows(IllegalArgumentException.class, () -> new CsvColumn(0));
    // U+00FF, the last Latin-1 character, still takes one byte: the column is not widened.
    CsvColumn latin = new CsvColumn(4);
    latin.add("\u00FF\u00E9");
    assertTrue(latin.isLatin1());
    assertArrayEquals(new String[] {"\u00FF\u00E9"}, latin.toCategorical(new String[0]));
  }

  @Test
  void aLaterPageGrowsWhileItHoldsLessThanThePageLimit() throws IOException {
    // With 5000 characters a page, a second page starts at 4096 characters (LATER_PAGE) and must grow in place
    // up to the limit: 1200 cells of 9 characters (10,800 in all) fill three pages, the later ones grown. Expected:
    // the same table as with one 16 Mi page.
    StringBuilder sb = new StringBuilder("c,n\n");
    for (int i = 0; i < 1200; i++) {
      sb.append(String.format("v%08d", i)).append(',').append(i).append('\n');
    }
    Table onePage = Csv.parse(sb.toString(), CsvOptions.defaults(), CsvColumn.DEFAULT_PAGE_LIMIT);
    Table pages = Csv.parse(sb.toString(), CsvOptions.defaults(), 5000);
    assertEquals(onePage, pages);
    assertEquals("v00001199", pages.categorical("c")[1199]);
    CsvColumn c = new CsvColumn(5000);
    for (int i = 0; i < 1200; i++) {
      c.add(String.format("v%08d", i));
    }
    assertEquals(3, c.pageCount(), "10,800 characters in pages of at most 5000");
  }
}
