package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Csv.write: what it writes reads back as the same table (the oracle is Csv's own reader, itself tested). */
class CsvWriteTest {

  static String text(Table t, CsvOptions o) throws IOException {
    StringWriter w = new StringWriter();
    Csv.write(t, w, o);
    return w.toString();
  }

  @Test
  void writesTheDocumentedText() throws IOException {
    Table t = Table.builder()
        .categorical("id", new String[] {"C1", "C 2, \"quoted\"", null})
        .numeric("age", new double[] {19, -0.0, Double.NaN})
        .numeric("income (k$)", new double[] {2.5, 1e300, 0x1p53})
        .build();
    // integers below 2^53 as integers, -0 kept, others as Double.toString; missing as the empty string
    assertEquals("id,age,income (k$)\r\nC1,19,2.5\r\n\"C 2, \"\"quoted\"\"\",-0,1.0E300\r\n,,9.007199254740992E15\r\n",
        text(t, CsvOptions.defaults()));
    assertEquals("id;age;income (k$)\r\nC1;19;2,5\r\n", text(t.rows(new int[] {0}),
        CsvOptions.defaults().delimiter(';').decimalSeparator(',')));
    assertEquals("C1,19,2.5\r\n", text(t.rows(new int[] {0}), CsvOptions.defaults().header(false)));
    // a one-column table's missing cell is a quoted empty field, not an empty line (which reading skips)
    Table one = Table.builder().numeric("a", new double[] {1, Double.NaN, 3}).build();
    assertEquals("a\r\n1\r\n\"\"\r\n3\r\n", text(one, CsvOptions.defaults()));
    assertEquals(one, Csv.parse(text(one, CsvOptions.defaults()), CsvOptions.defaults()));
    // without "" among the missing tokens, NA is written
    assertEquals("a\r\n1\r\nNA\r\n3\r\n", text(one, CsvOptions.defaults().missingTokens("NA", "?")));
  }

  @Test
  void cellsThatWouldNotReadBackAreRefusedBeforeWriting(@TempDir Path dir) {
    Table na = Table.builder().categorical("country", new String[] {"DE", "NA"}).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.write(na, dir.resolve("x.csv")));
    assertEquals("column 'country' has the category 'NA' at row 1, which would read back as missing (the missing"
        + " tokens are [, NA]); rename it, or write with other missing tokens", e.getMessage());
    assertFalse(Files.exists(dir.resolve("x.csv")));
    Table gap = Table.builder().numeric("a", new double[] {Double.NaN}).build();
    e = assertThrows(IllegalArgumentException.class,
        () -> text(gap, CsvOptions.defaults().missingTokens()));
    assertTrue(e.getMessage().startsWith("column 'a' has missing cells, and the options have no missing token"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Csv.write(null, new StringWriter(), CsvOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> Csv.write(gap, (Path) null));
  }

  @Test
  void aFileReadsBackInItsCharset(@TempDir Path dir) throws IOException {
    Table t = Table.builder().categorical("city", new String[] {"Zürich", "Łódź"})
        .numeric("x", new double[] {0.1, 3}).build();
    Path f = dir.resolve("t.csv");
    CsvOptions latin = CsvOptions.defaults().charset(java.nio.charset.StandardCharsets.UTF_16LE);
    Csv.write(t, f, latin);
    assertEquals(t, Csv.read(f, latin));
    Csv.write(t, f);
    assertEquals(t, Csv.read(f));
  }

  @Property(tries = 300)
  void whatIsWrittenReadsBackAsTheSameTable(@ForAll("tables") Table t, @ForAll("options") CsvOptions o)
      throws IOException {
    CsvOptions read = o;
    for (String name : t.columnNames()) {
      read = read.type(name, t.type(name)); // types are inferred again on reading (documented)
    }
    String written = text(t, o);
    Table back;
    try {
      back = Csv.parse(written, read);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(e.getMessage() + " reading " + written.replace("\r", "<CR>").replace("\t", "<TAB>"), e);
    }
    assertEquals(t, back, written);
  }

  @Provide
  Arbitrary<CsvOptions> options() {
    return Arbitraries.of(CsvOptions.defaults(), CsvOptions.defaults().delimiter(';').decimalSeparator(','),
        CsvOptions.defaults().delimiter('\t'), CsvOptions.defaults().quote('\'').missingTokens("?"),
        CsvOptions.defaults().trimSpaces(true), CsvOptions.defaults().delimiter('\t').trimSpaces(true),
        CsvOptions.defaults().quote('\'').missingTokens("?").trimSpaces(true));
  }

  @Provide
  Arbitrary<Table> tables() {
    Arbitrary<Double> numbers = Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.integers().between(-1000, 1000).map(Integer::doubleValue),
        Arbitraries.of(0.0, -0.0, Double.NaN, 1e-300, -Double.MAX_VALUE, Double.MIN_VALUE, 0x1p53, 0.1, 1e22));
    Arbitrary<String> words = Arbitraries.strings().withChars("ab ,;\t'\"\n\rüł1.-").ofMinLength(1).ofMaxLength(6)
        .filter(s -> !s.strip().isEmpty() && !s.strip().equals("NA") && !s.strip().equals("?"))
        .injectNull(0.15);
    return tables(numbers, words, 0, 6, 4, j -> "c" + j + (j % 2 == 0 ? " (k$)" : ",\"x\""));
  }

  /**
   * Tables of {@code minRows} to {@code maxRows} rows and 1 to {@code maxCols} columns, each numeric or categorical
   * at random, column {@code j} named {@code name.apply(j)}.
   */
  static Arbitrary<Table> tables(Arbitrary<Double> numbers, Arbitrary<String> words, int minRows, int maxRows,
      int maxCols, java.util.function.IntFunction<String> name) {
    return Arbitraries.integers().between(minRows, maxRows).flatMap(rows -> Arbitraries.integers()
        .between(1, maxCols).flatMap(cols -> Combinators.combine(
            Arbitraries.of(true, false).list().ofSize(cols),
            numbers.array(double[].class).ofSize(rows).list().ofSize(cols),
            words.array(String[].class).ofSize(rows).list().ofSize(cols)).as((numeric, nums, strs) -> {
              Table.Builder b = Table.builder();
              for (int j = 0; j < cols; j++) {
                if (numeric.get(j)) {
                  b.numeric(name.apply(j), nums.get(j));
                } else {
                  b.categorical(name.apply(j), strs.get(j));
                }
              }
              return b.build();
            })));
  }

  @Test
  void typesAreInferredAgainOnReading() throws IOException {
    Table codes = Table.builder().categorical("plan", new String[] {"1", "2"}).build();
    String written = text(codes, CsvOptions.defaults());
    assertEquals(ColumnType.NUMERIC, Csv.parse(written, CsvOptions.defaults()).type("plan"));
    assertEquals(codes, Csv.parse(written, CsvOptions.defaults().type("plan", ColumnType.CATEGORICAL)));
  }

  /**
   * Found in review: a cell that the file's charset cannot encode failed the write half-way and left the rows before
   * it in the file (140,734 bytes of 20,000 rows in ISO-8859-1); an empty table written without a header made an
   * empty file, which reads as no table; a first name starting with U+FEFF lost it on reading (taken for a
   * byte-order mark). Each is now refused before anything is written.
   */
  @Test
  void whatReadingWouldLoseOrWritingCannotEncodeIsRefusedBeforeTheFileIsOpened(@TempDir Path dir) throws IOException {
    String[] cities = new String[20_000];
    java.util.Arrays.fill(cities, "Paris");
    cities[19_999] = "\u0141\u00f3d\u017a";
    Table t = Table.builder().categorical("city", cities).build();
    Path f = dir.resolve("latin.csv");
    CsvOptions latin = CsvOptions.defaults().charset(java.nio.charset.StandardCharsets.ISO_8859_1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.write(t, f, latin));
    assertEquals("column 'city' has the category '\u0141\u00f3d\u017a' at row 19999, which ISO-8859-1 cannot"
        + " encode; write with another charset, such as UTF-8", e.getMessage());
    assertFalse(Files.exists(f));
    Table name = Table.builder().numeric("\u00e9t\u00e9 \u20ac", new double[] {1}).build();
    e = assertThrows(IllegalArgumentException.class, () -> Csv.write(name, f, latin));
    assertTrue(e.getMessage().startsWith("column name '\u00e9t\u00e9 \u20ac' has characters that ISO-8859-1"),
        e.getMessage());
    assertFalse(Files.exists(f));
    Csv.write(name, f, latin.header(false)); // without a header the name is not written
    assertEquals("1\r\n", Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
    Csv.write(t, f); // UTF-8 encodes every name and cell
    assertEquals(t, Csv.read(f));

    Table empty = Table.builder().numeric("a", new double[0]).build();
    e = assertThrows(IllegalArgumentException.class, () -> text(empty, CsvOptions.defaults().header(false)));
    assertEquals("a table without rows written without a header is an empty file, which reads back as no table;"
        + " write it with a header", e.getMessage());
    assertEquals(empty, Csv.parse(text(empty, CsvOptions.defaults()), CsvOptions.defaults()));

    Table bom = Table.builder().numeric("\uFEFFid", new double[] {1}).build();
    e = assertThrows(IllegalArgumentException.class, () -> text(bom, CsvOptions.defaults()));
    assertTrue(e.getMessage().startsWith("column name '\uFEFFid' starts with U+FEFF"), e.getMessage());
    Table bomCell = Table.builder().categorical("a", new String[] {"\uFEFFA", "B"}).build();
    e = assertThrows(IllegalArgumentException.class, () -> text(bomCell, CsvOptions.defaults().header(false)));
    assertTrue(e.getMessage().startsWith("column 'a' has a category starting with U+FEFF at row 0"), e.getMessage());
    // with a header the cell is not at the start of the file, and reads back
    assertEquals(bomCell, Csv.parse(text(bomCell, CsvOptions.defaults()), CsvOptions.defaults()));
  }
}
