package io.github.clusterkit.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.FilterReader;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * breaks and doubled quotes, a byte-order mark (UTF-8; in a file read by path also UTF-16 or UTF-32, which then
 * sets the charset), empty lines (skipped). Missing cells are those whose
 * trimmed text is a missing token ({@code ""} and {@code "NA"} by default). Fields are separated by
 * {@link CsvOptions#delimiter(char) the delimiter}, a comma unless set: the separator is not guessed (the
 * command-line example guesses it from the header), so a semicolon-separated file read with the comma is one
 * column, or an error whose message suggests the delimiter when a record has more fields than such a header.
 *
 * <p><b>Types.</b> A column is numeric when every non-missing cell is a decimal number (optional sign,
 * digits with an optional point, optional exponent, surrounding spaces allowed; {@code NaN}, {@code Infinity},
 * hexadecimal and thousands separators are not numbers here), otherwise categorical. With
 * {@link CsvOptions#decimalSeparator(char) decimalSeparator(',')} the comma takes the point's place
 * ({@code 2,5}, {@code -1,5e3}; a cell with a point is then no number), as spreadsheets in decimal-comma
 * locales write them, with {@code ';'} between fields. An all-missing column is numeric (a fitted
 * {@code PipelineModel} accepts it in place of a categorical column, and ignores the type of a column it does
 * not use, such as a dropped id). A type given with {@link CsvOptions#type} overrides the inference.
 * Categorical cells keep their exact text, spaces included, unless {@link CsvOptions#trimSpaces(boolean)
 * trimSpaces(true)} removes the spaces around each field (a file written as {@code id, gender, age}).
 *
 * <p><b>Errors.</b> A malformed file raises an {@link IllegalArgumentException} naming the line (1-based, as an editor
 * counts) and, where it applies, the column: a record with more or fewer fields than the header, an empty or repeated
 * column name (an empty first one, as pandas' {@code DataFrame.to_csv} writes its row index by default, with a hint to
 * write the file with {@code index=False}), characters after a closing quote, a forced-numeric cell that is not a
 * number, a number outside the {@code double} range (above about {@code 1.8e308} in magnitude; numbers below the
 * smallest subnormal, about {@code 4.9e-324}, round to 0 as {@link Double#parseDouble} rounds them, as do the digits
 * beyond a double's precision), a record with the wrong number of fields because a quote was never closed (the message
 * says so when the field took in line breaks), a type override for an unknown column, no header at all, or (in a file
 * read by path) bytes that are no text in the {@linkplain CsvOptions#charset charset}, such as a windows-1252 file read
 * as UTF-8: such bytes are never replaced, as two names that differ only in them would become one category. Reading
 * problems raise {@link IOException}. FastCSV's limits apply (at most 16,384 fields per record, fields of at most 16 Mi
 * characters), so a hostile file cannot exhaust memory beyond its own size several times over; a file of more records
 * than a table holds (2,147,483,639) is refused at the line where that count is passed.
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
    try (PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 4)) {
      Charset charset = charset(in, options.charset());
      // FastCSV's own decoding (detectBomHeader with ofCsvRecord(InputStream, Charset)) replaced every byte
      // sequence that is no text in the charset by U+FFFD, so a windows-1252 file read as UTF-8 merged
      // "M\u00fcller" and "M\u00e4ller" into one category; this decoder reports them instead.
      Reader text = new InputStreamReader(in, charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
      try {
        return parse(builder(options).ofCsvRecord(guard(text, options)), options, file.toString());
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException(file + ": line " + undecodableLine(file, options.charset())
            + ": bytes that are not " + charset.name() + " text (was the file saved in another encoding, such as"
            + " windows-1252?)", e);
      }
    }
  }

  /**
   * The character set {@link #read(Path, CsvOptions)} decodes a file in: that of its byte-order mark (UTF-8,
   * UTF-16 or UTF-32, big- or little-endian), else {@code withoutMark} (the options' {@link CsvOptions#charset()}).
   * For tools that look at a file's text before reading it, such as a separator guessed from the header; a decoder
   * of the returned charset yields the mark as its first character, {@code U+FEFF}.
   *
   * @param file the CSV file
   * @param withoutMark the charset of a file without a byte-order mark
   * @return the charset
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if an argument is null
   */
  public static Charset charset(Path file, Charset withoutMark) throws IOException {
    if (file == null || withoutMark == null) {
      throw new IllegalArgumentException("file and withoutMark must not be null");
    }
    try (PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 4)) {
      return charset(in, withoutMark);
    }
  }

  /**
   * The charset of the byte-order mark the stream starts with (which is skipped), or {@code dflt} without one
   * (the bytes read are pushed back). UTF-32LE's mark is tested before UTF-16LE's, of which it is an extension.
   */
  private static Charset charset(PushbackInputStream in, Charset dflt) throws IOException {
    byte[] b = new byte[4];
    int n = 0;
    for (int r; n < 4 && (r = in.read(b, n, 4 - n)) > 0;) {
      n += r;
    }
    int b0 = n > 0 ? b[0] & 0xFF : -1;
    int b1 = n > 1 ? b[1] & 0xFF : -1;
    int b2 = n > 2 ? b[2] & 0xFF : -1;
    int b3 = n > 3 ? b[3] & 0xFF : -1;
    Charset cs = dflt;
    int mark = 0;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      cs = StandardCharsets.UTF_8;
      mark = 3;
    } else if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      cs = Charset.forName("UTF-32BE");
      mark = 4;
    } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      cs = Charset.forName("UTF-32LE");
      mark = 4;
    } else if (b0 == 0xFE && b1 == 0xFF) {
      cs = StandardCharsets.UTF_16BE;
      mark = 2;
    } else if (b0 == 0xFF && b1 == 0xFE) {
      cs = StandardCharsets.UTF_16LE;
      mark = 2;
    }
    if (n > mark) {
      in.unread(b, mark, n - mark);
    }
    return cs;
  }

  /**
   * The line (1-based, ended by CR, LF or CRLF, as FastCSV counts) of the first bytes of {@code file} that are no
   * text in its charset; read again once the reading failed, as the reader decodes ahead of the records.
   */
  private static long undecodableLine(Path file, Charset dflt) throws IOException {
    try (PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 4)) {
      CharsetDecoder decoder = charset(in, dflt).newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      ByteBuffer bytes = ByteBuffer.allocate(1 << 13);
      CharBuffer chars = CharBuffer.allocate(1 << 13);
      long line = 1;
      boolean cr = false;
      boolean end = false;
      while (true) {
        if (!end) {
          int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
          if (r < 0) {
            end = true;
          } else {
            bytes.position(bytes.position() + r);
          }
        }
        bytes.flip();
        CoderResult result = decoder.decode(bytes, chars, end);
        bytes.compact();
        chars.flip();
        while (chars.hasRemaining()) {
          char c = chars.get();
          if (c == '\n' && !cr || c == '\r') {
            line++;
          }
          cr = c == '\r';
        }
        chars.clear();
        if (result.isError() || end && result.isUnderflow() && bytes.position() == 0) {
          return line; // an end without error: the charset's reader failed on something else, the line is a guess
        }
      }
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
    return parse(builder(options).ofCsvRecord(guard(withoutBom(input), options)), options, "CSV input");
  }

  /**
   * The text as FastCSV reads it: without the spaces around fields when the options say so (see
   * {@link SpaceTrimReader}), refusing the shape FastCSV misreads (see {@link CrGuardReader}).
   */
  private static Reader guard(Reader text, CsvOptions o) {
    Reader trimmed = o.trimSpaces() ? new SpaceTrimReader(text, o.delimiter(), o.quote()) : text;
    return new CrGuardReader(trimmed, o.delimiter(), o.quote());
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
    return parse(builder(options).ofCsvRecord(guard(withoutBom(new StringReader(text)), options)), options,
        "CSV input",
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
        } catch (CrGuardReader.CrInQuotes e) {
          throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        } catch (CsvParseException e) {
          for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof CrGuardReader.CrInQuotes) {
              throw new IllegalArgumentException(source + ": " + c.getMessage(), e);
            }
          }
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
              + (names.length == 1 ? " field" : " fields") + ", got " + fieldCount + spanHint(rec)
              + delimiterHint(names, o.delimiter()));
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

  /**
   * The hint for a header whose first name is empty: pandas' {@code DataFrame.to_csv} writes its row index so by
   * default, the usual way a table leaves a notebook.
   */
  static final String PANDAS_INDEX_HINT = " (pandas' DataFrame.to_csv writes its row index so by default: write the"
      + " file with index=False)";

  private static String[] header(String[] fields, long line, String source) {
    Set<String> seen = new HashSet<>();
    String[] names = fields.clone();
    for (int j = 0; j < names.length; j++) {
      if (names[j].isEmpty()) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + (j + 1)
            + ": empty column name in the header" + (j == 0 ? PANDAS_INDEX_HINT : ""));
      }
      if (!seen.add(names[j])) {
        throw new IllegalArgumentException(source + ": line " + line + ", column " + (j + 1)
            + ": column name '" + abbreviate(names[j]) + "' appears twice in the header");
      }
    }
    return names;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /**
   * For a record of the wrong length whose field holds a line break (a quoted field spanning lines), a hint at the
   * likely cause: a quote opened and never closed takes in the rest of the file as one field.
   */
  private static String spanHint(CsvRecord rec) {
    for (int j = 0; j < rec.getFieldCount(); j++) {
      String f = rec.getField(j);
      if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        return "; field " + (j + 1) + " is quoted across line breaks (is a quote opened on line "
            + rec.getStartingLineNumber() + " and never closed?)";
      }
    }
    return "";
  }

  /**
   * Writes a table as CSV with the {@linkplain CsvOptions#defaults() default options}: UTF-8, commas, a header
   * line, CRLF line ends; see {@link #write(Table, Writer, CsvOptions)} for the cells.
   *
   * @param table the table
   * @param file the file to create or replace
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if an argument is null, or a cell cannot be written so that it reads back
   *     (see {@link #write(Table, Writer, CsvOptions)})
   */
  public static void write(Table table, Path file) throws IOException {
    write(table, file, CsvOptions.defaults());
  }

  /**
   * Writes a table as CSV in the options' {@linkplain CsvOptions#charset() charset}; see
   * {@link #write(Table, Writer, CsvOptions)} for the cells. The table is checked before the file is opened, so a
   * table that cannot be written leaves no file behind.
   *
   * @param table the table
   * @param file the file to create or replace
   * @param options the delimiter, quote, decimal separator, missing token, header and charset to write with
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if an argument is null, or a cell cannot be written so that it reads back
   */
  public static void write(Table table, Path file, CsvOptions options) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    String missing = checkWritable(table, options, options.charset().newEncoder());
    try (Writer out = Files.newBufferedWriter(file, options.charset())) {
      writeChecked(table, out, options, missing);
    }
  }

  /**
   * Writes a table as CSV so that {@link #read(Reader, CsvOptions)} with the same options reads the same table back: a
   * header line of the column names (unless {@link CsvOptions#header(boolean) header(false)}), then one record per row,
   * fields separated by the options' delimiter and quoted with its quote where they hold a delimiter, quote or line
   * break, records ended by CRLF (as RFC 4180 has them; a file with LF line ends and a carriage return inside a quoted
   * field is one {@link #read(Path, CsvOptions)} refuses, as its parser misreads it). Numbers are written exactly: an
   * integer below {@code 2^53} in magnitude as an integer ({@code 19}, {@code -0} for negative zero), any other value
   * in {@link Double#toString(double)}'s shortest-that-round-trips form ({@code 2.5}, {@code 1.0E300}), with the
   * options' decimal separator. A missing cell, numeric or categorical, is written as the empty string when it is one
   * of the missing tokens, else as {@code NA} when that is one, else as the first token in {@link String#compareTo}
   * order. Categorical cells are written as they are.
   *
   * <p><b>What does not round-trip, and is refused.</b> A categorical cell whose stripped text is a missing token (a
   * category named {@code NA}, or the empty string) would read back as missing: {@code IllegalArgumentException}
   * naming the column and row; so is a number whose text is a missing token (the value {@code -999} written with the
   * token {@code -999}), and a missing cell when the options have no missing token; so are a table without rows
   * written without a header (an empty file), a first column name starting with U+FEFF (or, without a header, a first
   * cell), which reading takes for a byte-order mark, and (writing to a file) a name or cell that the options'
   * charset cannot encode, all before anything is written. Types are inferred again on reading, so a categorical
   * column whose every cell is a number ({@code "1"}, {@code "2"}), or is missing, or that has no cells, reads back
   * as numeric unless the reading options say {@link CsvOptions#type(String, ColumnType)}. Without a header the names
   * are not written, and the table reads back with the placeholder names {@code x0, x1, ...}.
   *
   * @param table the table
   * @param out where to write (not closed; flushed at the end)
   * @param options the delimiter, quote, decimal separator, missing tokens and header to write with
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if an argument is null, or a cell cannot be written so that it reads back
   */
  public static void write(Table table, Writer out, CsvOptions options) throws IOException {
    if (out == null) {
      throw new IllegalArgumentException("out must not be null");
    }
    writeChecked(table, out, options, checkWritable(table, options, null));
    out.flush();
  }

  /**
   * Checks every cell before anything is written; returns the token written for a missing cell (or null). With an
   * encoder (writing to a file in the options' charset), also refuses a name, cell or token it cannot encode (found
   * in review: "\u0141\u00f3d\u017a" in ISO-8859-1 failed half-way and left the rows before it in the file);
   * numbers are ASCII. A caller's writer encodes as it does.
   */
  private static String checkWritable(Table table, CsvOptions options, CharsetEncoder enc) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    if (!options.header() && table.rowCount() == 0) {
      throw new IllegalArgumentException("a table without rows written without a header is an empty file, which"
          + " reads back as no table; write it with a header");
    }
    // Reading drops a byte-order mark at the start of the text: a first name (or, without a header, a first cell)
    // starting with U+FEFF would lose it.
    String first = table.columnNames().get(0);
    if (options.header() && first.startsWith("\uFEFF")) {
      throw new IllegalArgumentException("column name '" + first + "' starts with U+FEFF, which reading takes for a"
          + " byte-order mark and drops; rename the column");
    }
    String firstCell = options.header() || table.type(0) != ColumnType.CATEGORICAL ? null
        : table.categorical(first)[0];
    if (firstCell != null && firstCell.startsWith("\uFEFF")) {
      throw new IllegalArgumentException("column '" + first + "' has a category starting with U+FEFF at row 0, the"
          + " start of the file without a header, which reading takes for a byte-order mark and drops; write with"
          + " a header");
    }
    Set<String> tokens = options.missingTokenSet();
    String missing = tokens.contains("") ? "" : tokens.contains("NA") ? "NA"
        : tokens.stream().sorted().findFirst().orElse(null);
    String cs = options.charset().name();
    if (enc != null) {
      for (String token : new String[] {String.valueOf(options.delimiter()), String.valueOf(options.quote()),
          missing == null ? "" : missing}) {
        if (!enc.canEncode(token)) {
          throw new IllegalArgumentException("the delimiter, quote or missing token '" + token + "' cannot be"
              + " encoded in " + cs + "; write with another charset, such as UTF-8");
        }
      }
    }
    // A number's text starts with a digit or '-': only a token that does can be the text of a number.
    boolean numberTokens = false;
    for (String t : tokens) {
      numberTokens |= !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) >= '0' && t.charAt(0) <= '9');
    }
    for (String name : table.columnNames()) {
      if (enc != null && options.header() && !enc.canEncode(name)) {
        throw new IllegalArgumentException("column name '" + name + "' has characters that " + cs + " cannot"
            + " encode; write with another charset, such as UTF-8");
      }
      if (table.type(name) == ColumnType.NUMERIC) {
        if (missing == null && table.missingCount(name) > 0) {
          throw new IllegalArgumentException("column '" + name + "' has missing cells, and the options have no"
              + " missing token to write them as; give one with CsvOptions.missingTokens(...)");
        }
        if (numberTokens) {
          double[] v = table.numeric(name);
          for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && tokens.contains(number(v[i], options.decimalSeparator()))) {
              throw new IllegalArgumentException("column '" + name + "' has the number "
                  + number(v[i], options.decimalSeparator()) + " at row " + i + ", which would read back as missing"
                  + " (the missing tokens are " + new java.util.TreeSet<>(tokens) + "); write with other missing"
                  + " tokens");
            }
          }
        }
        continue;
      }
      String[] v = table.categorical(name);
      for (int i = 0; i < v.length; i++) {
        if (v[i] == null) {
          if (missing == null) {
            throw new IllegalArgumentException("column '" + name + "' has a missing cell at row " + i + ", and the"
                + " options have no missing token to write it as; give one with CsvOptions.missingTokens(...)");
          }
        } else if (tokens.contains(v[i].strip())) {
          throw new IllegalArgumentException("column '" + name + "' has the category '" + v[i] + "' at row " + i
              + ", which would read back as missing (the missing tokens are " + new java.util.TreeSet<>(tokens)
              + "); rename it, or write with other missing tokens");
        } else if (enc != null && !enc.canEncode(v[i])) {
          throw new IllegalArgumentException("column '" + name + "' has the category '" + v[i] + "' at row " + i
              + ", which " + cs + " cannot encode; write with another charset, such as UTF-8");
        }
      }
    }
    return missing;
  }

  private static void writeChecked(Table table, Writer out, CsvOptions options, String missing)
      throws IOException {
    List<String> names = table.columnNames();
    int d = names.size();
    int n = table.rowCount();
    double[][] numbers = new double[d][];
    String[][] texts = new String[d][];
    for (int j = 0; j < d; j++) {
      if (table.type(j) == ColumnType.NUMERIC) {
        numbers[j] = table.numeric(names.get(j));
      } else {
        texts[j] = table.categorical(names.get(j));
      }
    }
    // a record of one empty field is quoted ("") so that it is not an empty line, which reading skips
    CsvWriter w = CsvWriter.builder().fieldSeparator(options.delimiter()).quoteCharacter(options.quote())
        .quoteStrategy(quoteStrategy(d == 1, options))
        .lineDelimiter(LineDelimiter.CRLF).build(new FilterWriter(out) {
          @Override
          public void close() throws IOException {
            flush(); // the caller's writer stays open
          }
        });
    String[] record = new String[d];
    if (options.header()) {
      w.writeRecord(names);
    }
    char decimal = options.decimalSeparator();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        if (numbers[j] != null) {
          double v = numbers[j][i];
          record[j] = Double.isNaN(v) ? missing : number(v, decimal);
        } else {
          String t = texts[j][i];
          record[j] = t == null ? missing : t;
        }
      }
      w.writeRecord(record);
    }
    w.close();
  }

  /**
   * Quotes where FastCSV must (delimiter, quote, line break), an empty field when a record has one field (so that it
   * is not an empty line, which reading skips), and, when the options trim spaces, a field that begins or ends with
   * a space or tab (which reading would otherwise remove).
   */
  private static QuoteStrategy quoteStrategy(boolean oneField, CsvOptions o) {
    QuoteStrategy base = oneField ? QuoteStrategies.EMPTY : QuoteStrategies.REQUIRED;
    if (!o.trimSpaces()) {
      return base;
    }
    return new QuoteStrategy() {
      @Override
      public boolean quoteEmpty(int line, int field) {
        return base.quoteEmpty(line, field);
      }

      @Override
      public boolean quoteValue(int line, int field, String value) {
        return !value.isEmpty() && (edgeSpace(value.charAt(0), o) || edgeSpace(value.charAt(value.length() - 1), o));
      }
    };
  }

  private static boolean edgeSpace(char c, CsvOptions o) {
    return (c == ' ' || c == '\t') && c != o.delimiter() && c != o.quote();
  }

  /** A number's text that reads back as the same double: integers below 2^53 as integers, others as Java prints. */
  static String number(double v, char decimal) {
    if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
      return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
    }
    String s = Double.toString(v);
    return decimal == '.' ? s : s.replace('.', decimal);
  }

  /**
   * A hint for a header read as one field that holds another separator (a spreadsheet's semicolon- or
   * tab-separated file read with the default comma, say), or the empty string.
   */
  static String delimiterHint(String[] names, char delimiter) {
    if (names.length != 1) {
      return "";
    }
    for (char c : new char[] {',', ';', '\t', '|'}) {
      if (c != delimiter && names[0].indexOf(c) >= 0) {
        String shown = c == '\t' ? "a tab" : "'" + c + "'";
        String code = c == '\t' ? "'\\t'" : "'" + c + "'";
        return "; the header is one field holding " + shown + ": if the file is separated by " + shown
            + ", read it with CsvOptions.defaults().delimiter(" + code + ")";
      }
    }
    return "";
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
