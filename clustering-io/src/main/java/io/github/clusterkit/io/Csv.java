package io.github.clusterkit.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file (RFC 4180, parsed by FastCSV) into a {@link Table}.
 *
 * <pre>{@code
 * Table t = Csv.read(Path.of("cc_general.csv")).drop("CUST_ID");
 * Table m = Csv.read(Path.of("shop.csv"), CsvOptions.defaults().delimiter(';').missingTokens("", "?"));
 * Table e = Csv.read(Path.of("kunden.csv"), CsvOptions.defaults().delimiter(';').decimalSeparator(','));
 * }</pre>
 *
 * <p><b>What it accepts.</b> LF or CRLF line ends (also mixed), quoted fields with embedded delimiters, line
 * breaks and doubled quotes, a UTF-8 byte-order mark, empty lines (skipped). Missing cells are those whose
 * trimmed text is a missing token ({@code ""} and {@code "NA"} by default).
 *
 * <p><b>Types.</b> A column is numeric when every non-missing cell is a decimal number (optional sign,
 * digits with an optional point, optional exponent, surrounding spaces allowed; {@code NaN}, {@code Infinity},
 * hexadecimal and thousands separators are not numbers here), otherwise categorical. With
 * {@link CsvOptions#decimalSeparator(char) decimalSeparator(',')} the comma takes the point's place
 * ({@code 2,5}, {@code -1,5e3}; a cell with a point is then no number), as spreadsheets in decimal-comma
 * locales write them, with {@code ';'} between fields. An all-missing column is numeric (a fitted
 * {@code PipelineModel} accepts it in place of a categorical column, and ignores the type of a column it does
 * not use, such as a dropped id). A type given with {@link CsvOptions#type} overrides the inference.
 * Categorical cells keep their exact text.
 *
 * <p><b>Errors.</b> A malformed file raises an {@link IllegalArgumentException} naming the line (1-based, as
 * an editor counts) and, where it applies, the column: a record with more or fewer fields than the header,
 * an empty or repeated column name, characters after a closing quote, a forced-numeric cell that is not a
 * number, a number outside the {@code double} range, a type override for an unknown column, or no header
 * at all. Reading problems raise {@link IOException}. FastCSV's limits apply (at most 16,384 fields per
 * record, fields of at most 16 Mi characters), so a hostile file cannot exhaust memory beyond its own size
 * several times over; a file of more records than a table holds (2,147,483,639) is refused at the line where
 * that count is passed.
 *
 * <p><b>Memory.</b> While it reads, each column keeps its cells' text back to back (one byte per character while
 * every character of the column fits in Latin-1, two from the first one that does not) with the end of each
 * cell in an {@code int}, and each record keeps its line number in a {@code long}: no object per cell. Once the
 * file is read, the columns are typed and converted one by one, each column's text released when done. Equal
 * categorical cells share one {@code String} instance, so a column of 10<sup>7</sup> cells in 5 categories
 * holds 5 strings. A table of 10<sup>6</sup> customers by 20 columns (126 MB of text) reads within a 360 MB
 * heap and keeps 187 MB (a reader holding one {@code String} per cell needed 1.4 GB and kept 484 MB), in about
 * half the time; the figures and how they were measured are in the README, "Reading large CSV files".
 *
 * <p>Thread-safety: stateless; each call reads its own input.
 */
public final class Csv {

  private Csv() {}

  /**
   * Reads a file with the {@linkplain CsvOptions#defaults() default options}.
   *
   * @param file the CSV file
   * @return the table
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is malformed (the message names line and column)
   */
  public static Table read(Path file) throws IOException {
    return read(file, CsvOptions.defaults());
  }

  /**
   * Reads a file.
   *
   * @param file the CSV file
   * @param options how to read it
   * @return the table
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is malformed (the message names line and column), or an
   *     argument is null
   */
  public static Table read(Path file, CsvOptions options) throws IOException {
    if (file == null || options == null) {
      throw new IllegalArgumentException("file and options must not be null");
    }
    try (InputStream in = Files.newInputStream(file)) {
      CsvReader<CsvRecord> reader = builder(options).detectBomHeader(true).ofCsvRecord(in, options.charset());
      return parse(reader, options, file.toString());
    }
  }

  /**
   * Reads CSV text from a reader (which is read to its end but not closed).
   *
   * @param input the CSV text
   * @param options how to read it
   * @return the table
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the text is malformed (the message names line and column), or an
   *     argument is null
   */
  public static Table read(Reader input, CsvOptions options) throws IOException {
    if (input == null || options == null) {
      throw new IllegalArgumentException("input and options must not be null");
    }
    return parse(builder(options).ofCsvRecord(withoutBom(input)), options, "CSV input");
  }

  /**
   * The text without a leading byte-order mark. A reader (or a string) keeps the mark that a file starts with
   * ({@code Files.newBufferedReader} and {@code Files.readString} do); left in place it was part of the first
   * field, so a quoted first header name kept its quotes, and without a header the first cell was no number and
   * its whole column turned categorical. Files read by path have the mark removed by FastCSV
   * ({@code detectBomHeader}).
   */
  private static Reader withoutBom(Reader input) throws IOException {
    // FastCSV closes the reader it parses; the caller's reader is theirs to close (as documented), so it is
    // wrapped in one whose close() leaves it open.
    Reader open = new FilterReader(input) {
      @Override
      public void close() {}
    };
    PushbackReader r = new PushbackReader(open, 1);
    int first = r.read();
    if (first >= 0 && first != '\uFEFF') {
      r.unread(first);
    }
    return r;
  }

  /**
   * Reads CSV text held in a string.
   *
   * @param text the CSV text
   * @param options how to read it
   * @return the table
   * @throws IllegalArgumentException if the text is malformed (the message names line and column), or an
   *     argument is null
   */
  public static Table parse(String text, CsvOptions options) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    try {
      return read(new StringReader(text), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a StringReader
    }
  }

  /**
   * {@link #parse(String, CsvOptions)} with pages of at most {@code pageLimit} characters per column, so that
   * tests can read across page boundaries with short texts.
   */
  static Table parse(String text, CsvOptions options, int pageLimit) throws IOException {
    return parse(builder(options).ofCsvRecord(withoutBom(new StringReader(text))), options, "CSV input",
        pageLimit);
  }

  private static CsvReader.CsvReaderBuilder builder(CsvOptions o) {
    return CsvReader.builder()
        .fieldSeparator(o.delimiter())
        .quoteCharacter(o.quote())
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowExtraCharsAfterClosingQuote(false);
  }

  private static Table parse(CsvReader<CsvRecord> reader, CsvOptions o, String source) throws IOException {
    return parse(reader, o, source, CsvColumn.DEFAULT_PAGE_LIMIT);
  }

  /**
   * Reads the records into one {@link CsvColumn} per column (the cells' text, no object per cell) and the
   * line of each record, then decides each column's type and converts it, dropping its text once done.
   *
   * @param pageLimit characters per page of a column's text (tests pass small values)
   */
  static Table parse(CsvReader<CsvRecord> reader, CsvOptions o, String source, int pageLimit)
      throws IOException {
    CsvColumn[] columns = null;
    long[] lines = new long[16];
    int n = 0;
    String[] names = null;
    long lastLine = 0;
    try (reader) {
      Iterator<CsvRecord> it = reader.iterator();
      while (true) {
        CsvRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (CsvParseException e) {
          throw new IllegalArgumentException(source + ": malformed CSV after line " + lastLine + ": "
              + message(e), e);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        lastLine = rec.getStartingLineNumber();
        int fieldCount = rec.getFieldCount();
        if (names == null) {
          if (o.header()) {
            names = header(rec.getFields().toArray(new String[0]), lastLine, source);
          } else {
            names = new String[fieldCount];
            for (int j = 0; j < names.length; j++) {
              names[j] = "x" + j;
            }
          }
          columns = new CsvColumn[names.length];
          for (int j = 0; j < columns.length; j++) {
            columns[j] = new CsvColumn(pageLimit);
          }
          if (o.header()) {
            continue;
          }
        }
        if (fieldCount != names.length) {
          throw new IllegalArgumentException(source + ": line " + lastLine + ": expected " + names.length
              + (names.length == 1 ? " field" : " fields") + ", got " + fieldCount);
        }
        if (n == lines.length) {
          if (n == CsvColumn.MAX_ARRAY) {
            throw new IllegalArgumentException(source + ": line " + lastLine + ": more than "
                + CsvColumn.MAX_ARRAY + " records; a table holds at most that many rows");
          }
          lines = Arrays.copyOf(lines, (int) Math.min(CsvColumn.MAX_ARRAY, n + (n >> 1) + 16L));
        }
        for (int j = 0; j < columns.length; j++) {
          columns[j].add(rec.getField(j));
        }
        lines[n++] = lastLine;
      }
    }
    if (names == null) {
      throw new IllegalArgumentException(source + ": no records; a CSV file needs at least a header line");
    }
    Set<String> known = new HashSet<>(List.of(names));
    for (Map.Entry<String, ColumnType> e : o.types().entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new IllegalArgumentException(source + ": type override for unknown column '" + e.getKey()
            + "'; columns are " + List.of(names));
      }
    }
    String[] tokens = o.missingTokenSet().toArray(new String[0]);
    Table.Builder b = Table.builder();
    for (int j = 0; j < names.length; j++) {
      String name = names[j];
      ColumnType forced = o.types().get(name);
      CsvColumn column = columns[j];
      columns[j] = null;
      double[] numbers = forced == ColumnType.CATEGORICAL ? null
          : column.toNumeric(tokens, o.decimalSeparator(), forced == ColumnType.NUMERIC,
              problem(source, lines, j, name));
      if (numbers != null) {
        column.release();
        b.numeric(name, numbers);
      } else {
        String[] categories = column.toCategorical(tokens);
        column.release();
        b.categorical(name, categories);
      }
    }
    return b.build();
  }

  /** The errors of a numeric column, with the line of the row, and the column's number and name. */
  private static CsvColumn.NumericProblem problem(String source, long[] lines, int j, String name) {
    return new CsvColumn.NumericProblem() {
      @Override
      public IllegalArgumentException notANumber(int row, String cell) {
        return new IllegalArgumentException(source + ": line " + lines[row] + ", column " + (j + 1) + " ('"
            + name + "'): '" + abbreviate(cell) + "' is not a number, but the column is numeric");
      }

      @Override
      public IllegalArgumentException outOfRange(int row, String number) {
        return new IllegalArgumentException(source + ": line " + lines[row] + ", column " + (j + 1) + " ('"
            + name + "'): " + abbreviate(number) + " is outside the range of a double");
      }
    };
  }

  private static String[] header(String[] fields, long line, String source) {
    Set<String> seen = new HashSet<>();
    String[] names = fields.clone();
    for (int j = 0; j < names.length; j++) {
      if (names[j].isEmpty()) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + (j + 1)
            + ": empty column name in the header");
      }
      if (!seen.add(names[j])) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + (j + 1)
            + ": column name '" + abbreviate(names[j]) + "' appears twice in the header");
      }
    }
    return names;
  }

  /** Optional sign, digits with an optional point (at least one digit), optional exponent. */
  static boolean isDecimal(String s) {
    return isDecimal(s, '.');
  }

  /** {@link #isDecimal(String)} with {@code point} ({@code '.'} or {@code ','}) in place of the point. */
  static boolean isDecimal(String s, char point) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == point) {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String message(CsvParseException e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable c = e.getCause();
    if (c != null && c.getMessage() != null && c != e) {
      sb.append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
