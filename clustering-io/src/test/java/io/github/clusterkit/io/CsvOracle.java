package io.github.clusterkit.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reference CSV reader for tests: the straightforward algorithm {@link Csv} followed before it stored
 * columns compactly. Every record is kept as FastCSV's strings (one per cell), then each column's type is
 * decided (all non-missing cells decimals, or a forced type) and the column converted; messages as documented
 * by {@link Csv}. Its decimal rule is written independently of the reader's ({@code CsvColumn}), as the regular
 * expression of the documented grammar (with a point, or with a comma in its place). Slow and memory-hungry by design; never used by the library.
 */
final class CsvOracle {

  /** Optional sign, digits with an optional point (at least one digit), optional exponent; ASCII digits. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /** {@link #DECIMAL} with a comma in the point's place ({@link CsvOptions#decimalSeparator(char)}). */
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?([0-9]+,?[0-9]*|,[0-9]+)([eE][+-]?[0-9]+)?");

  private CsvOracle() {}

  /** @return the table, or the message of the {@link IllegalArgumentException} reading must raise */
  static Object parse(String text, CsvOptions o) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String misread = misreadShape(t, o, "CSV input");
    return misread != null ? misread : run(builder(o).ofCsvRecord(new java.io.StringReader(t)), o, "CSV input");
  }

  /**
   * The refusal of a short text that holds the shape FastCSV 4.0.0 misreads (a quoted field with a carriage return
   * closed right before a bare LF), or null. Short texts fit in FastCSV's first read, so the refusal comes before
   * any other error. Written apart from the reader's scan: fields are walked one at a time.
   */
  static String misreadShape(String t, CsvOptions o, String source) {
    char q = o.quote();
    char d = o.delimiter();
    int i = 0;
    long line = 1;
    while (i < t.length()) {
      // i is at the start of a field
      if (t.charAt(i) == q) {
        long opened = line;
        boolean cr = false;
        int j = i + 1;
        while (j < t.length()) { // to the closing quote
          char c = t.charAt(j);
          if (c == q && j + 1 < t.length() && t.charAt(j + 1) == q) {
            j += 2;
            continue;
          }
          if (c == q) {
            break;
          }
          if (c == '\r' || c == '\n' && t.charAt(j - 1) != '\r') {
            line++;
          }
          cr |= c == '\r';
          j++;
        }
        if (j >= t.length()) {
          return null; // never closed: the reader's own error
        }
        if (cr && j + 1 < t.length() && t.charAt(j + 1) == '\n') {
          return source + ": line " + opened + ": a quoted field that holds a carriage return (CR) ends its record"
              + " with a bare line feed (LF), which the CSV parser (FastCSV 4.0.0) misreads (it drops the field);"
              + " save the file with CRLF line ends, or without carriage returns inside quoted fields";
        }
        i = j + 1;
      }
      // the rest of an unquoted field (or what follows a closing quote) up to its end
      while (i < t.length() && t.charAt(i) != d && t.charAt(i) != '\r' && t.charAt(i) != '\n') {
        i++;
      }
      if (i < t.length()) {
        char c = t.charAt(i);
        if (c == '\r' || c == '\n' && (i == 0 || t.charAt(i - 1) != '\r')) {
          line++;
        }
        i++;
      }
    }
    return null;
  }

  /** @return the table, or the message of the {@link IllegalArgumentException} reading must raise */
  static Object read(Path file, CsvOptions o) throws IOException {
    // The whole file decoded strictly at once, a leading mark dropped. Not FastCSV's detectBomHeader, which (in
    // FastCSV 4.0.0) garbles a file of fewer than 4 bytes: "a\n1" read as the one field "1" + U+0000.
    String text = o.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String misread = misreadShape(t, o, file.toString());
    return misread != null ? misread : run(builder(o).ofCsvRecord(new java.io.StringReader(t)), o, file.toString());
  }

  private static CsvReader.CsvReaderBuilder builder(CsvOptions o) {
    return CsvReader.builder().fieldSeparator(o.delimiter()).quoteCharacter(o.quote()).skipEmptyLines(true)
        .allowExtraFields(true).allowMissingFields(true).allowExtraCharsAfterClosingQuote(false);
  }

  private static Object run(CsvReader<CsvRecord> reader, CsvOptions o, String source) {
    try {
      return table(reader, o, source);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Table table(CsvReader<CsvRecord> reader, CsvOptions o, String source) {
    List<String[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    String[] names = null;
    long line = 0;
    Iterator<CsvRecord> it = reader.iterator();
    while (true) {
      CsvRecord rec;
      try {
        if (!it.hasNext()) {
          break;
        }
        rec = it.next();
      } catch (CsvParseException e) {
        String m = String.valueOf(e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null) {
          m += ": " + e.getCause().getMessage();
        }
        throw new IllegalArgumentException(source + ": malformed CSV after line " + line + ": " + m);
      } catch (UncheckedIOException e) {
        throw new AssertionError(e);
      }
      line = rec.getStartingLineNumber();
      String[] fields = rec.getFields().toArray(new String[0]);
      if (names == null) {
        names = fields.clone();
        if (o.header()) {
          Set<String> seen = new HashSet<>();
          for (int j = 0; j < names.length; j++) {
            if (names[j].isEmpty()) {
              throw new IllegalArgumentException(source + ": line " + line + ", column " + (j + 1)
                  + ": empty column name in the header" + (j == 0 ? " (pandas' DataFrame.to_csv writes its row"
                  + " index so by default: write the file with index=False)" : ""));
            }
            if (!seen.add(names[j])) {
              throw new IllegalArgumentException(source + ": line " + line + ", column " + (j + 1)
                  + ": column name '" + shorten(names[j]) + "' appears twice in the header");
            }
          }
          continue;
        }
        for (int j = 0; j < names.length; j++) {
          names[j] = "x" + j;
        }
      }
      if (fields.length != names.length) {
        String expected = names.length == 1 ? "1 field" : names.length + " fields";
        String hint = "";
        for (int j = fields.length - 1; j >= 0; j--) { // the first field with a line break, found from the end
          if (fields[j].matches("(?s).*[\r\n].*")) {
            hint = "; field " + (j + 1) + " is quoted across line breaks (is a quote opened on line " + line
                + " and never closed?)";
          }
        }
        if (names.length == 1) { // a header of one field that holds another separator: name the delimiter to use
          String[][] seps = {{",", "','", "','"}, {";", "';'", "';'"}, {"\t", "a tab", "'\\t'"}, {"|", "'|'", "'|'"}};
          for (String[] sep : seps) {
            if (sep[0].charAt(0) != o.delimiter() && names[0].contains(sep[0])) {
              hint += "; the header is one field holding " + sep[1] + ": if the file is separated by " + sep[1]
                  + ", read it with CsvOptions.defaults().delimiter(" + sep[2] + ")";
              break;
            }
          }
        }
        throw new IllegalArgumentException(source + ": line " + line + ": expected " + expected + ", got "
            + fields.length + hint);
      }
      rows.add(fields);
      lines.add(line);
    }
    if (names == null) {
      throw new IllegalArgumentException(source + ": no records; a CSV file needs at least a header line");
    }
    for (String c : o.types().keySet()) {
      if (!List.of(names).contains(c)) {
        throw new IllegalArgumentException(source + ": type override for unknown column '" + c
            + "'; columns are " + List.of(names));
      }
    }
    Pattern decimal = o.decimalSeparator() == ',' ? DECIMAL_COMMA : DECIMAL;
    Table.Builder b = Table.builder();
    for (int j = 0; j < names.length; j++) {
      ColumnType type = o.types().get(names[j]);
      if (type == null) {
        type = ColumnType.NUMERIC;
        for (String[] r : rows) {
          if (!missing(r[j], o) && !decimal.matcher(r[j].strip()).matches()) {
            type = ColumnType.CATEGORICAL;
          }
        }
      }
      if (type == ColumnType.NUMERIC) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
          String cell = rows.get(i)[j];
          String where = source + ": line " + lines.get(i) + ", column " + (j + 1) + " ('" + names[j] + "'): ";
          if (missing(cell, o)) {
            v[i] = Double.NaN;
          } else if (!decimal.matcher(cell.strip()).matches()) {
            throw new IllegalArgumentException(where + "'" + shorten(cell) + "' is not a number, but the column"
                + " is numeric");
          } else {
            v[i] = Double.parseDouble(cell.strip().replace(o.decimalSeparator(), '.'));
            if (Double.isInfinite(v[i])) {
              throw new IllegalArgumentException(where + shorten(cell.strip()) + " is outside the range of a"
                  + " double");
            }
          }
        }
        b.numeric(names[j], v);
      } else {
        String[] v = new String[rows.size()];
        for (int i = 0; i < v.length; i++) {
          String cell = rows.get(i)[j];
          v[i] = missing(cell, o) ? null : cell;
        }
        b.categorical(names[j], v);
      }
    }
    return b.build();
  }

  private static boolean missing(String cell, CsvOptions o) {
    return o.missingTokenSet().contains(cell.strip());
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
