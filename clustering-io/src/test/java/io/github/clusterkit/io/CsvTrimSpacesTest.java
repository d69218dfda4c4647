package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvOptions#trimSpaces(boolean)}: the spaces and tabs around fields, outside quotes, are removed; quoted
 * text is kept exactly. Expected tables are written out by hand below; the property builds padded text from a
 * table field by field (its own quoting, independent of the writer) and expects that table back.
 */
class CsvTrimSpacesTest {

  private static final CsvOptions TRIM = CsvOptions.defaults().trimSpaces(true);

  @Test
  void aFileWithASpaceAfterEachCommaReadsAsWithout() {
    String text = "id, gender , age\n1, Male, 19\n2,  \"Fe, male \" , 21\n3, New York ,  NA \n";
    Table t = Csv.parse(text, TRIM);
    assertEquals(List.of("id", "gender", "age"), t.columnNames());
    assertArrayEquals(new double[] {1, 2, 3}, t.numeric("id"));
    // the quoted cell keeps its inner space; the words of an unquoted cell keep theirs
    assertArrayEquals(new String[] {"Male", "Fe, male ", "New York"}, t.categorical("gender"));
    assertArrayEquals(new double[] {19, 21, Double.NaN}, t.numeric("age"));
    // without the option the names and categories keep their spaces, and the quote after spaces is no quote
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse(text, CsvOptions.defaults()));
    assertTrue(e.getMessage().startsWith("CSV input: line 3: expected 3 fields, got 4"), e.getMessage());
    Table plain = Csv.parse("id, gender\n1, Male\n", CsvOptions.defaults());
    assertEquals(List.of("id", " gender"), plain.columnNames());
    assertArrayEquals(new String[] {" Male"}, plain.categorical(" gender"));
  }

  @Test
  void tabsAreSpaceUnlessTheyDelimit() {
    Table t = Csv.parse("a \t b\n x y \t \n", CsvOptions.defaults().delimiter('\t').trimSpaces(true));
    assertEquals(List.of("a", "b"), t.columnNames());
    assertArrayEquals(new String[] {"x y"}, t.categorical("a"));
    assertArrayEquals(new double[] {Double.NaN}, t.numeric("b")); // a field of one space: missing
    assertEquals(2, Csv.parse("a \t b\n x y \t 2 \n", CsvOptions.defaults().delimiter('\t').trimSpaces(true))
        .numeric("b")[0]);
    Table comma = Csv.parse("a,b\n\tx\t,\t 2\t\n", TRIM);
    assertArrayEquals(new String[] {"x"}, comma.categorical("a"));
    assertArrayEquals(new double[] {2}, comma.numeric("b"));
  }

  @Test
  void spacesAfterAClosingQuoteAreDroppedAndTextAfterThemIsRefused() {
    Table t = Csv.parse("h,i\n\"a\"   ,b\n\" \"\"q\"\" \"\t,c\n", TRIM);
    assertArrayEquals(new String[] {"a", " \"q\" "}, t.categorical("h"));
    assertArrayEquals(new String[] {"b", "c"}, t.categorical("i"));
    // "a" "b" must not become "a""b" (a field holding a quote): the parser refuses the text after the quote
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("h\nx\n\"a\" \"b\"\n", TRIM));
    assertTrue(e.getMessage().contains("line 2") || e.getMessage().contains("line 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("h\n\"a\"  b\n", TRIM));
  }

  @Test
  void aFieldOfSpacesIsMissingAndTheLastFieldLosesItsSpacesAtTheEnd() {
    Table t = Csv.parse("h,i\n   ,1\n2,   ", TRIM);
    assertArrayEquals(new double[] {Double.NaN, 2}, t.numeric("h"));
    assertArrayEquals(new double[] {1, Double.NaN}, t.numeric("i"));
    // header names that become equal once trimmed are refused as repeated
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("a, a \n1,2\n", TRIM));
    assertTrue(e.getMessage().contains("column name 'a' appears twice"), e.getMessage());
  }

  @Test
  void aFileReadByPathIsTrimmedToo(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.csv");
    Files.writeString(f, "\uFEFF id , city\r\n 1 , Zürich \r\n");
    Table t = Csv.read(f, TRIM);
    assertEquals(List.of("id", "city"), t.columnNames());
    assertArrayEquals(new String[] {"Zürich"}, t.categorical("city"));
  }

  @Test
  void writingQuotesTheCellsThatBeginOrEndWithSpace() throws IOException {
    Table t = Table.builder().categorical(" name", new String[] {" a", "b\t", "c d"})
        .numeric("x", new double[] {1, 2, 3}).build();
    StringWriter w = new StringWriter();
    Csv.write(t, w, TRIM);
    assertEquals("\" name\",x\r\n\" a\",1\r\n\"b\t\",2\r\nc d,3\r\n", w.toString());
    assertEquals(t, Csv.parse(w.toString(), TRIM));
    StringWriter plain = new StringWriter();
    Csv.write(t, plain, CsvOptions.defaults());
    assertEquals(" name,x\r\n a,1\r\nb\t,2\r\nc d,3\r\n", plain.toString());
  }

  @Test
  void theSettingIsPartOfTheOptionsValue() {
    assertFalse(CsvOptions.defaults().trimSpaces());
    assertTrue(TRIM.trimSpaces());
    assertTrue(TRIM.delimiter(';').trimSpaces());
    assertNotEquals(CsvOptions.defaults(), TRIM);
    assertEquals(CsvOptions.defaults(), TRIM.trimSpaces(false));
    assertEquals(CsvOptions.defaults().trimSpaces(true).hashCode(), TRIM.hashCode());
    assertTrue(TRIM.toString().endsWith(", trimSpaces=true]"), TRIM.toString());
  }

  @Test
  void heldSpacesPastTheBoundArePassedOn() throws IOException {
    // inside an unquoted field, spaces are held back until text follows; past the bound they are passed on
    // (FastCSV refuses a field longer than the real bound, 16 Mi characters, anyway)
    assertEquals("a      b,c", drain(new SpaceTrimReader(new StringReader("a      b , c"), ',', '"', 4)));
    assertEquals("a     ,c", drain(new SpaceTrimReader(new StringReader("a      , c"), ',', '"', 4)));
    assertEquals("a,c", drain(new SpaceTrimReader(new StringReader("a    , c  "), ',', '"', 4)));
  }

  @Test
  void spacesInsideAFieldLongerThanABufferAreKept() {
    // 20,000 spaces between two words: held back, then passed on at once, past the reader's 8192-character buffers
    String inner = " ".repeat(20_000);
    Table t = Csv.parse("h,i\n  a" + inner + "b  ,1\n", TRIM);
    assertArrayEquals(new String[] {"a" + inner + "b"}, t.categorical("h"));
  }

  private static String drain(java.io.Reader r) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[3];
    for (int n; (n = r.read(buf, 0, buf.length)) >= 0;) {
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  @Property(tries = 300)
  void paddedFieldsReadAsTheTable(@ForAll("tables") Table t, @ForAll long seed) {
    Random rnd = new Random(seed);
    CsvOptions read = TRIM;
    for (String name : t.columnNames()) {
      read = read.type(name, t.type(name));
    }
    StringBuilder sb = new StringBuilder();
    List<String> names = t.columnNames();
    // LF line ends only without a carriage return in a cell: that shape is refused (CrGuardReader, documented)
    boolean cr = false;
    for (String name : names) {
      if (t.type(name) == ColumnType.CATEGORICAL) {
        for (String c : t.categorical(name)) {
          cr |= c != null && c.indexOf('\r') >= 0;
        }
      }
    }
    String lf = cr ? "\r\n" : "\n";
    for (int j = 0; j < names.size(); j++) {
      sb.append(j == 0 ? "" : ",").append(pad(quoteMaybe(names.get(j), rnd), rnd));
    }
    sb.append(rnd.nextBoolean() ? lf : "\r\n");
    for (int i = 0; i < t.rowCount(); i++) {
      for (int j = 0; j < names.size(); j++) {
        String cell;
        if (t.type(j) == ColumnType.NUMERIC) {
          double v = t.numeric(names.get(j))[i];
          cell = Double.isNaN(v) ? (rnd.nextBoolean() ? "" : "NA") : Csv.number(v, '.');
        } else {
          String s = t.categorical(names.get(j))[i];
          cell = s == null ? "" : quoteMaybe(s, rnd);
        }
        if (cell.isEmpty() && names.size() == 1) {
          cell = "\"\""; // else a line of spaces: an empty line, skipped (documented)
        }
        sb.append(j == 0 ? "" : ",").append(pad(cell, rnd));
      }
      sb.append(rnd.nextBoolean() ? lf : "\r\n");
    }
    String text = sb.toString();
    assertEquals(t, Csv.parse(text, read), text.replace("\r", "<CR>").replace("\t", "<TAB>"));
  }

  /** Quoted (inner quotes doubled) when it must be, or by chance. */
  private static String quoteMaybe(String s, Random rnd) {
    boolean must = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0 || s.charAt(0) == ' ' || s.charAt(0) == '\t' || s.endsWith(" ") || s.endsWith("\t");
    return must || rnd.nextInt(4) == 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String pad(String field, Random rnd) {
    return spaces(rnd) + field + spaces(rnd);
  }

  private static String spaces(Random rnd) {
    int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(rnd.nextBoolean() ? ' ' : '\t');
    }
    return sb.toString();
  }

  @Provide
  Arbitrary<Table> tables() {
    Arbitrary<Double> numbers = Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.integers().between(-1000, 1000).map(Integer::doubleValue),
        Arbitraries.of(0.0, -0.0, Double.NaN, 1e-300, 0.1, 1e22));
    Arbitrary<String> words = Arbitraries.strings().withChars("ab ,\t\"\n\rü1.-").ofMinLength(1).ofMaxLength(6)
        .filter(s -> !s.strip().isEmpty() && !s.strip().equals("NA"))
        .injectNull(0.15);
    return CsvWriteTest.tables(numbers, words, 1, 5, 3, j -> j % 2 == 0 ? "c" + j + " (k$)" : " c" + j + ",\"x\"\t");
  }
}
