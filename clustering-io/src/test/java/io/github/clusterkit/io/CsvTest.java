package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

  private static Table parse(String text) {
    return Csv.parse(text, CsvOptions.defaults());
  }

  private static void assertMalformed(String expected, String text) {
    assertMalformed(expected, text, CsvOptions.defaults());
  }

  private static void assertMalformed(String expected, String text, CsvOptions o) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.parse(text, o));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  @Test
  void infersTypesAndMissingValues() {
    Table t = parse("id,Gender,Age,Score\n1,Male,19,NA\n2,Female,,3.5e1\n3,NA,-4,  7 \n");
    assertEquals(List.of("id", "Gender", "Age", "Score"), t.columnNames());
    assertEquals(3, t.rowCount());
    assertEquals(ColumnType.NUMERIC, t.type("id"));
    assertEquals(ColumnType.CATEGORICAL, t.type("Gender"));
    assertArrayEquals(new String[] {"Male", "Female", null}, t.categorical("Gender"));
    assertArrayEquals(new double[] {19, Double.NaN, -4}, t.numeric("Age"));
    assertArrayEquals(new double[] {Double.NaN, 35, 7}, t.numeric("Score"));
  }

  @Test
  void crlfQuotingAndBom() {
    Table t = parse("\uFEFFname,\"note, with comma\"\r\n\"Smith, J.\",\"said \"\"hi\"\"\r\nthen left\"\r\n"
        + "\r\nLee,plain\r\n");
    assertEquals(List.of("name", "note, with comma"), t.columnNames());
    assertArrayEquals(new String[] {"Smith, J.", "Lee"}, t.categorical("name"));
    assertArrayEquals(new String[] {"said \"hi\"\r\nthen left", "plain"}, t.categorical("note, with comma"));
  }

  @Test
  void byteOrderMarkOfReaderInputIsSkipped(@TempDir Path dir) throws IOException {
    // A reader or a string keeps the byte-order mark a file starts with (Files.newBufferedReader and
    // Files.readString do). Expected values: the same text without the mark, which is what a file read by path
    // gives (FastCSV removes the mark there) and what the class documentation promises.
    String text = "\"Name\",Age\r\n\"Lee\",31\r\n";
    Table quoted = parse("\uFEFF" + text);
    assertEquals(List.of("Name", "Age"), quoted.columnNames(), "a quoted first header name loses its quotes");
    assertEquals(parse(text), quoted);
    Path file = dir.resolve("excel.csv");
    Files.write(file, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
    assertEquals(Csv.read(file), quoted);
    try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      assertEquals(quoted, Csv.read(r, CsvOptions.defaults()));
    }
    // Without a header the mark sat in the first cell, which then was no number: the column turned categorical.
    Table noHeader = Csv.parse("\uFEFF1.5,2\n3,4\n", CsvOptions.defaults().header(false));
    assertEquals(ColumnType.NUMERIC, noHeader.type("x0"));
    assertArrayEquals(new double[] {1.5, 3}, noHeader.numeric("x0"));
    // Only a leading mark is removed; one inside the text is data.
    assertArrayEquals(new String[] {"\uFEFFb"}, parse("a\n\uFEFFb\n").categorical("a"));
  }

  @Test
  void readerIsReadToItsEndButNotClosed() throws IOException {
    // The documented contract of Csv.read(Reader, CsvOptions): "read to its end but not closed". A closed
    // StringReader throws on read(); an open one at its end returns -1.
    java.io.StringReader in = new java.io.StringReader("a,b\n1,2\n");
    assertEquals(1, Csv.read(in, CsvOptions.defaults()).rowCount());
    assertEquals(-1, in.read(), "the reader is still open, at its end");
    // Also when the text is malformed.
    java.io.StringReader bad = new java.io.StringReader("a,b\n1\n");
    assertThrows(IllegalArgumentException.class, () -> Csv.read(bad, CsvOptions.defaults()));
    bad.reset();
    assertEquals('a', bad.read());
  }

  @Test
  void optionsDelimiterHeaderOverridesAndTokens() {
    CsvOptions o = CsvOptions.defaults().delimiter(';').header(false).missingTokens("?")
        .type("x0", ColumnType.CATEGORICAL);
    Table t = Csv.parse("01;1,5\n02;?\n", o.type("x1", ColumnType.CATEGORICAL));
    assertEquals(List.of("x0", "x1"), t.columnNames());
    assertArrayEquals(new String[] {"01", "02"}, t.categorical("x0"));
    assertArrayEquals(new String[] {"1,5", null}, t.categorical("x1"));
    Table numbers = Csv.parse("a\tb\n1\tNA\n", CsvOptions.defaults().delimiter('\t').missingTokens());
    assertEquals(ColumnType.CATEGORICAL, numbers.type("b"), "NA is text once it is no longer a token");
    // All-missing columns are numeric; a header-only file gives a zero-row table.
    assertEquals(ColumnType.NUMERIC, parse("a,b\n1,\n2,NA\n").type("b"));
    assertEquals(0, parse("a,b\n").rowCount());
    assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().delimiter('"'));
    assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().delimiter('\n'));
    assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().type("", ColumnType.NUMERIC));
  }

  /**
   * Whether the reader takes {@code cell} for a number: the type of a one-cell column (quoted, so that spaces and
   * the empty text are cells too; no missing tokens, so that every cell is typed).
   */
  private static boolean readsAsNumber(String cell, CsvOptions o) {
    Table t = Csv.parse("a\n\"" + cell + "\"\n", o.missingTokens());
    return t.type("a") == ColumnType.NUMERIC;
  }

  @Test
  void numbersAreStrictDecimals() {
    // The grammar of the class documentation: optional sign, digits with an optional point (at least one
    // digit), optional exponent with an optional sign; surrounding spaces allowed. Tried through the reader
    // itself, the one place that applies it. Every digit 0-9 appears in a number, both exponent signs too.
    for (String s : new String[] {"1", "-1.5e-3", ".5", "5.", "+2E10", "1e+5", "1E-05", "0123456789",
        "9.87654321", " 7 ", "  -0.0e+0\t"}) {
      assertTrue(readsAsNumber(s, CsvOptions.defaults()), s);
    }
    for (String s : new String[] {"", " ", "-", ".", "e5", "1e", "1e+", "1e-", "NaN", "Infinity", "0x1p3", "1d",
        "1f", "1..2", "1e5.5", "--1", "+-1", "1e+-5", "1 2", "1,5", "/", ":", "1:0", "1/2"}) {
      assertFalse(readsAsNumber(s, CsvOptions.defaults()), s);
    }
    assertEquals(ColumnType.CATEGORICAL, parse("a\n1\nInfinity\n").type("a"));
  }

  @Test
  void decimalSeparatorIsAPointOrACommaThatNoOtherRoleUses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvOptions.defaults().decimalSeparator(','));
    assertEquals("a decimal comma needs another field delimiter than ',' (such as ';', set first with"
        + " delimiter(';'))", e.getMessage());
    CsvOptions semicolon = CsvOptions.defaults().delimiter(';').decimalSeparator(',');
    e = assertThrows(IllegalArgumentException.class, () -> semicolon.delimiter(','));
    assertEquals("a decimal comma needs another field delimiter than ',' (such as ';', set first with"
        + " delimiter(';'))", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> semicolon.quote(','));
    assertEquals("a decimal comma needs another quote character than ','", e.getMessage());
    // a point may not separate fields or quote them while it is the decimal separator: "a.b" and "1.5" would read
    // as two fields each (1 and 5), a wrong table rather than an error
    e = assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().delimiter('.'));
    assertEquals("delimiter must differ from the decimal separator, got '.' for both (set decimalSeparator(',')"
        + " first)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().quote('.'));
    assertEquals("quote must differ from the decimal separator, got '.' for both (set decimalSeparator(',')"
        + " first)", e.getMessage());
    CsvOptions pointFields = CsvOptions.defaults().delimiter(';').decimalSeparator(',').delimiter('.');
    e = assertThrows(IllegalArgumentException.class, () -> pointFields.decimalSeparator('.'));
    assertEquals("delimiter must differ from the decimal separator, got '.' for both (set decimalSeparator(',')"
        + " first)", e.getMessage());
    Table t = Csv.parse("a.b\n1,5.2\n", pointFields);
    assertEquals(List.of("a", "b"), t.columnNames());
    assertEquals(1.5, t.numeric("a")[0], 0.0);
    assertEquals(2.0, t.numeric("b")[0], 0.0);
    e = assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().decimalSeparator(';'));
    assertEquals("decimal separator must be '.' or ',', got ';'", e.getMessage());
    // back to the point, a comma may separate fields again
    assertEquals(',', semicolon.decimalSeparator('.').delimiter(',').delimiter());
  }

  @Test
  void malformedFilesNameLineAndColumn() {
    assertMalformed("line 3: expected 2 fields, got 3", "a,b\n1,2\n3,4,5\n");
    assertMalformed("line 2: expected 2 fields, got 1", "a,b\n1\n");
    assertMalformed("line 2: expected 1 field, got 2", "a\n1,2\n");
    // a quote never closed takes in the rest of the file: the count is off, and the message says why
    assertMalformed("line 2: expected 2 fields, got 1; field 1 is quoted across line breaks (is a quote opened on"
        + " line 2 and never closed?)", "a,b\n\"x,1\n2,3\n");
    // numbers below the smallest subnormal round to 0 (Double.parseDouble's rounding, documented), not an error
    assertEquals(0.0, parse("a\n1e-400\n").numeric("a")[0], 0.0);
    assertEquals(Double.MIN_VALUE, parse("a\n4.9e-324\n").numeric("a")[0], 0.0);
    assertMalformed("line 1, column 2: empty column name in the header", "a,,c\n1,2,3\n");
    // the header that pandas' DataFrame.to_csv() writes with its default index=True, an empty name over the row
    // index: a user trial porting a notebook met this message without a word on its cause
    assertMalformed("line 1, column 1: empty column name in the header (pandas' DataFrame.to_csv writes its row index"
        + " so by default: write the file with index=False)", ",a,b\n0,1.5,x\n");
    assertMalformed("line 1, column 3: column name 'a' appears twice", "a,b,a\n");
    assertMalformed("no records", "");
    assertMalformed("line 3, column 2 ('b'): 'x' is not a number",
        "a,b\n1,2\n3,x\n", CsvOptions.defaults().type("b", ColumnType.NUMERIC));
    assertMalformed("line 2, column 1 ('a'): 1e999 is outside the range", "a\n1e999\n");
    assertMalformed("unknown column 'zz'", "a\n1\n", CsvOptions.defaults().type("zz", ColumnType.NUMERIC));
    assertMalformed("malformed CSV after line 1", "a,b\n\"x\"y,2\n");
  }

  @Test
  void aHeaderOfOneFieldHoldingASeparatorSuggestsTheDelimiter() {
    // a spreadsheet's semicolon-separated file with decimal commas, read with the default comma (user trial)
    assertMalformed("line 2: expected 1 field, got 2; the header is one field holding ';': if the file is separated"
        + " by ';', read it with CsvOptions.defaults().delimiter(';')", "id;a;b\n1;2,5;3\n");
    assertMalformed("line 2: expected 1 field, got 2; the header is one field holding a tab: if the file is"
        + " separated by a tab, read it with CsvOptions.defaults().delimiter('\\t')", "id\ta\n1\t2,5\n");
    Table read = Csv.parse("id;a;b\n1;2,5;3\n", CsvOptions.defaults().delimiter(';').decimalSeparator(','));
    assertEquals(2.5, read.numeric("a")[0], 0.0);
    // no hint where the header has several fields, or the delimiter is the one the header holds
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Csv.parse("a;b,c\n1,2,3\n", CsvOptions.defaults()));
    assertEquals("<text>: line 2: expected 2 fields, got 3".replace("<text>", e.getMessage().split(":")[0]),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("ab\n1,2\n", CsvOptions.defaults()));
    assertTrue(e.getMessage().endsWith("expected 1 field, got 2"), e.getMessage());
    // and the other way round: a comma-separated file read with a semicolon
    assertMalformed("line 2: expected 1 field, got 2; the header is one field holding ',': if the file is separated"
        + " by ',', read it with CsvOptions.defaults().delimiter(',')", "a,b\n1;2\n",
        CsvOptions.defaults().delimiter(';'));
  }

  @Test
  void aQuotedCarriageReturnBeforeABareLineFeedIsRefusedNotMisread() {
    // FastCSV 4.0.0 reads h\n"x<CR>y"\nz\n as the one record [z] (the row "x<CR>y" vanishes): refused by name
    String msg = "line 2: a quoted field that holds a carriage return (CR) ends its record with a bare line feed"
        + " (LF), which the CSV parser (FastCSV 4.0.0) misreads";
    assertMalformed(msg, "h\n\"x\ry\"\nz\n");
    assertMalformed(msg, "a,b\n0,\"a\rb\"\n1,2\n");
    assertMalformed("line 3: a quoted field", "a,b\n1,2\n0,\"\r\"\"\"\n"); // after a quote inside the field
    // the same fields before a delimiter, or with CRLF line ends, read correctly (RFC 4180)
    Table mid = parse("a,b\n\"x\ry\",1\n\"z\",2\n");
    assertEquals(List.of("x\ry", "z"), List.of(mid.categorical("a")));
    Table crlf = parse("h\r\n\"x\ry\"\r\nz\r\n");
    assertEquals(List.of("x\ry", "z"), List.of(crlf.categorical("h")));
    // a carriage return outside quotes ends a line (classic Mac files), and a quote inside an unquoted field is
    // text, neither of which is refused
    assertEquals(2, parse("h\rx\ry\r").rowCount());
    assertEquals(List.of("a\"b", "c"), List.of(parse("h\na\"b\nc\n").categorical("h")));
  }

  @Test
  void unterminatedQuoteIsReported() {
    // An opening quote that never closes swallows the rest of the file into one field; the record then has
    // too few fields, which is reported with the line where it started.
    assertMalformed("line 2", "a,b\n\"open,1\n2,3\n");
  }

  @Test
  void bytesThatAreNoTextInTheCharsetAreAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
    // A customer file saved as windows-1252 / ISO-8859-1 (u-umlaut = 0xFC, a-umlaut = 0xE4) and read as UTF-8.
    // Before, each such byte silently became U+FFFD, so "M\u00fcller" and "M\u00e4ller" were read as one category.
    // Expected: an error at the first such byte's line (3, counted as an editor counts, CRLF ends), and with the
    // file's own charset the exact names.
    Path f = dir.resolve("kunden.csv");
    String text = "name,x\r\nLee,1\r\nM\u00fcller,2\r\nM\u00e4ller,3\r\n";
    Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f));
    assertEquals(f + ": line 3: bytes that are not UTF-8 text (was the file saved in another encoding, such as"
        + " windows-1252?)", e.getMessage());
    Table latin = Csv.read(f, CsvOptions.defaults().charset(StandardCharsets.ISO_8859_1));
    assertArrayEquals(new String[] {"Lee", "M\u00fcller", "M\u00e4ller"}, latin.categorical("name"));
    // Far beyond the first buffer the reader fills, after lone CR and LF ends and a quoted line break: line
    // 2 + 3000 + 2 (header, 3000 rows, the quoted row's two lines), then the bad row.
    StringBuilder sb = new StringBuilder("name,x\r");
    for (int i = 0; i < 3000; i++) {
      sb.append("Lee,").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
    }
    sb.append("\"two\nlines\",1\rZ\u00fcrich,2\n");
    Files.write(f, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f));
    assertTrue(e.getMessage().startsWith(f + ": line 3004: bytes that are not UTF-8 text"), e.getMessage());
    // The same text in UTF-8, with a UTF-8 or UTF-16 byte-order mark, reads as written.
    Files.write(f, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
    assertEquals(latin, Csv.read(f));
    Files.write(f, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
    assertEquals(latin, Csv.read(f));
    Files.write(f, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE));
    assertEquals(latin, Csv.read(f));
    // A file of fewer than 4 bytes, whose text FastCSV's mark detection garbled (4.0.0 read "a\n1" as the one
    // header name "1" + U+0000, no rows).
    Files.write(f, "a\n1".getBytes(StandardCharsets.UTF_8));
    assertEquals(parse("a\n1"), Csv.read(f));
    assertArrayEquals(new double[] {1}, Csv.read(f).numeric("a"));
  }

  @Test
  void utf32ByteOrderMarksSetTheCharset(@TempDir Path dir) throws IOException {
    // The class documentation: a file read by path may start with a UTF-32 byte-order mark (00 00 FE FF
    // big-endian, FF FE 00 00 little-endian), which sets the charset. Expected: the table of the same text
    // read from UTF-8, the names beyond ASCII included.
    Path f = dir.resolve("kunden.csv");
    String text = "name,x\r\nLee,1\r\nM\u00fcller,2\r\n\u6771\u4EAC,3\r\n";
    Table expected = parse(text);
    for (String cs : new String[] {"UTF-32BE", "UTF-32LE"}) {
      Files.write(f, ("\uFEFF" + text).getBytes(java.nio.charset.Charset.forName(cs)));
      assertEquals(expected, Csv.read(f), cs);
    }
    // FF FE 00 is the UTF-16LE mark and a stray byte (a UTF-32LE mark has four bytes): an error for the byte,
    // not a UTF-32LE file without text.
    Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f));
    assertEquals(f + ": line 1: bytes that are not UTF-16LE text (was the file saved in another encoding, such as"
        + " windows-1252?)", e.getMessage());
  }

  @Test
  void onlyAByteOrderMarkIsRemovedFromTheStartOfAReader() {
    // Any other first character is text, even U+0000 (the character with code 0).
    assertEquals(List.of("\u0000a", "b"), parse("\u0000a,b\n1,2\n").columnNames());
    assertEquals(List.of("\uFFFEa", "b"), parse("\uFFFEa,b\n1,2\n").columnNames());
  }

  @Test
  void equalOptionsAreEqualHoweverReached() {
    CsvOptions a = CsvOptions.defaults().delimiter(';').decimalSeparator(',').missingTokens("", "?", "NA")
        .type("x", ColumnType.NUMERIC).type("y", ColumnType.CATEGORICAL);
    CsvOptions b = CsvOptions.defaults().missingTokens("NA", "?", "").type("y", ColumnType.CATEGORICAL)
        .delimiter(';').type("x", ColumnType.NUMERIC).decimalSeparator(',');
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(CsvOptions.defaults(), CsvOptions.defaults().header(false).header(true));
    for (CsvOptions other : new CsvOptions[] {a.delimiter('\t'), a.quote('\''), a.decimalSeparator('.'),
        a.header(false), a.missingTokens("", "?"), a.type("x", ColumnType.CATEGORICAL),
        a.charset(StandardCharsets.ISO_8859_1)}) {
      assertFalse(a.equals(other), other::toString);
    }
    assertFalse(a.equals(null));
  }

  /** Csv.charset names the charset read decodes in: the byte-order mark's (each mark's bytes as Unicode gives them). */
  @Test
  void charsetIsTheByteOrderMarksElseTheGivenOne(@TempDir Path dir) throws IOException {
    java.nio.charset.Charset latin1 = StandardCharsets.ISO_8859_1;
    Object[][] cases = {
        {new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'}, StandardCharsets.UTF_8},
        {new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a'}, StandardCharsets.UTF_16BE},
        {new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}, StandardCharsets.UTF_16LE},
        {new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, 'a'}, java.nio.charset.Charset.forName("UTF-32BE")},
        {new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 'a', 0, 0, 0}, java.nio.charset.Charset.forName("UTF-32LE")},
        {new byte[] {'a', ',', 'b'}, latin1},
        {new byte[] {}, latin1}};
    for (Object[] c : cases) {
      Path f = dir.resolve("f.csv");
      Files.write(f, (byte[]) c[0]);
      assertEquals(c[1], Csv.charset(f, latin1));
    }
    assertThrows(IllegalArgumentException.class, () -> Csv.charset(null, latin1));
  }

  @Test
  void quoteMustBeNoLineBreakNorTheDelimiter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvOptions.defaults().quote(','));
    assertEquals("delimiter and quote must differ, got ',' for both", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().quote('\r'));
    assertEquals("quote must not be a line break, got '\\r'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().delimiter('\n'));
    assertEquals("delimiter must not be a line break, got '\\n'", e.getMessage());
    assertEquals('\'', CsvOptions.defaults().quote('\'').quote());
  }

  @Test
  void filesAndIoErrors(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.write(f, "a;b\r\n1;x\r\n".getBytes(StandardCharsets.UTF_8));
    Table t = Csv.read(f, CsvOptions.defaults().delimiter(';'));
    assertArrayEquals(new double[] {1}, t.numeric("a"));
    Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n', '1', '\n'});
    assertEquals(List.of("a"), Csv.read(f).columnNames());
    assertThrows(NoSuchFileException.class, () -> Csv.read(dir.resolve("missing.csv")));
    assertThrows(IllegalArgumentException.class, () -> Csv.read((Path) null));
  }
}
