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
import java.util.ArrayList;
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
 * }</pre>
 *
 * <p><b>What it accepts.</b> LF or CRLF line ends (also mixed), quoted fields with embedded delimiters, line
 * breaks and doubled quotes, a UTF-8 byte-order mark, empty lines (skipped). Missing cells are those whose
 * trimmed text is a missing token ({@code ""} and {@code "NA"} by default).
 *
 * <p><b>Types.</b> A column is numeric when every non-missing cell is a decimal number (optional sign,
 * digits with an optional point, optional exponent, surrounding spaces allowed; {@code NaN}, {@code Infinity}
 * and hexadecimal are not numbers here), otherwise categorical; an all-missing column is numeric (a fitted
 * {@code PipelineModel} accepts it in place of a categorical column). A type given with {@link CsvOptions#type}
 * overrides the inference. Categorical cells keep their exact text.
 *
 * <p><b>Errors.</b> A malformed file raises an {@link IllegalArgumentException} naming the line (1-based, as
 * an editor counts) and, where it applies, the column: a record with more or fewer fields than the header,
 * an empty or repeated column name, characters after a closing quote, a forced-numeric cell that is not a
 * number, a number outside the {@code double} range, a type override for an unknown column, or no header
 * at all. Reading problems raise {@link IOException}. FastCSV's limits apply (at most 16,384 fields per
 * record, fields of at most 16 Mi characters), so a hostile file cannot exhaust memory beyond its own size
 * several times over.
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
    List<String[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
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
        String[] fields = rec.getFields().toArray(new String[0]);
        if (names == null) {
          if (o.header()) {
            names = header(fields, lastLine, source);
            continue;
          }
          names = new String[fields.length];
          for (int j = 0; j < names.length; j++) {
            names[j] = "x" + j;
          }
        }
        if (fields.length != names.length) {
          throw new IllegalArgumentException(source + ": line " + lastLine + ": expected " + names.length
              + " fields, got " + fields.length);
        }
        rows.add(fields);
        lines.add(lastLine);
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
    Table.Builder b = Table.builder();
    int n = rows.size();
    for (int j = 0; j < names.length; j++) {
      String name = names[j];
      ColumnType forced = o.types().get(name);
      boolean numeric = forced == ColumnType.NUMERIC || (forced == null && allNumbers(rows, j, o));
      if (numeric) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          String cell = rows.get(i)[j];
          if (isMissing(cell, o)) {
            v[i] = Double.NaN;
            continue;
          }
          String s = cell.strip();
          if (!isDecimal(s)) {
            throw new IllegalArgumentException(source + ": line " + lines.get(i) + ", column " + (j + 1) + " ('"
                + name + "'): '" + abbreviate(cell) + "' is not a number, but the column is numeric");
          }
          double x = Double.parseDouble(s);
          if (Double.isInfinite(x)) {
            throw new IllegalArgumentException(source + ": line " + lines.get(i) + ", column " + (j + 1) + " ('"
                + name + "'): " + abbreviate(s) + " is outside the range of a double");
          }
          v[i] = x;
        }
        b.numeric(name, v);
      } else {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          String cell = rows.get(i)[j];
          v[i] = isMissing(cell, o) ? null : cell;
        }
        b.categorical(name, v);
      }
    }
    return b.build();
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

  private static boolean allNumbers(List<String[]> rows, int j, CsvOptions o) {
    for (int i = 0; i < rows.size(); i++) {
      String cell = rows.get(i)[j];
      if (!isMissing(cell, o) && !isDecimal(cell.strip())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMissing(String cell, CsvOptions o) {
    return o.missingTokenSet().contains(cell.strip());
  }

  /** Optional sign, digits with an optional point (at least one digit), optional exponent. */
  static boolean isDecimal(String s) {
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
    if (i < n && s.charAt(i) == '.') {
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
