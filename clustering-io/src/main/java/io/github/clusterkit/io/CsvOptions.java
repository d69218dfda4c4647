package io.github.clusterkit.io;

import io.github.clusterkit.data.ColumnType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link Csv} reads a file: delimiter, quote character, decimal separator, header row, missing-value
 * tokens, column type overrides and character set. Immutable; every wither validates its argument at once and
 * returns a new instance. Safe to share between threads; equal options (every setting equal) are {@code equals}.
 *
 * <p>Defaults: comma-separated, double-quoted, a decimal point, a header row, {@code ""} and {@code "NA"} as
 * missing, every column's type inferred, UTF-8, fields kept with the spaces around them
 * ({@link #trimSpaces(boolean)}).
 *
 * <p>A file saved by a spreadsheet in a decimal-comma locale (semicolons between fields, {@code 2,5} for two and
 * a half) is read with {@code CsvOptions.defaults().delimiter(';').decimalSeparator(',')}.
 */
public final class CsvOptions {

  private static final CsvOptions DEFAULTS = new CsvOptions(',', '"', '.', true,
      Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList("", "NA"))), Map.of(),
      StandardCharsets.UTF_8, false);

  private final char delimiter;
  private final char quote;
  private final char decimal;
  private final boolean header;
  private final Set<String> missing;
  private final Map<String, ColumnType> types;
  private final Charset charset;
  private final boolean trim;

  private CsvOptions(char delimiter, char quote, char decimal, boolean header, Set<String> missing,
      Map<String, ColumnType> types, Charset charset, boolean trim) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.decimal = decimal;
    this.header = header;
    this.missing = missing;
    this.types = types;
    this.charset = charset;
    this.trim = trim;
  }

  /** @return the default options */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * @param delimiter the field separator, e.g. {@code ';'} or {@code '\t'}; not a line break, not the
   *     quote character, and not the decimal separator
   * @return options with this delimiter
   * @throws IllegalArgumentException if the delimiter is a line break or equals the quote character or the
   *     decimal separator (a point by default: {@code delimiter('.')} needs {@code decimalSeparator(',')} first)
   */
  public CsvOptions delimiter(char delimiter) {
    checkChars(delimiter, quote);
    checkDecimal(decimal, delimiter, quote);
    return new CsvOptions(delimiter, quote, decimal, header, missing, types, charset, trim);
  }

  /**
   * @param quote the quote character; not a line break, not the delimiter, and not the decimal separator
   * @return options with this quote character
   * @throws IllegalArgumentException if the quote is a line break or equals the delimiter or the decimal
   *     separator
   */
  public CsvOptions quote(char quote) {
    checkChars(delimiter, quote);
    checkDecimal(decimal, delimiter, quote);
    return new CsvOptions(delimiter, quote, decimal, header, missing, types, charset, trim);
  }

  private static void checkChars(char delimiter, char quote) {
    if (delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter must not be a line break, got " + shown(delimiter));
    }
    if (quote == '\n' || quote == '\r') {
      throw new IllegalArgumentException("quote must not be a line break, got " + shown(quote));
    }
    if (delimiter == quote) {
      throw new IllegalArgumentException("delimiter and quote must differ, got '" + delimiter + "' for both");
    }
  }

  /**
   * The character between the whole and the fractional digits of a number: {@code '.'} (the default) or
   * {@code ','}. With a comma, numeric cells are written as {@code 2,5}, {@code -1,5e3} or {@code ,5}: the
   * decimal grammar of {@link Csv} with the comma in place of the point, so a cell with a point (such as
   * {@code 2.5}, or {@code 1.234} written with a thousands separator) is not a number and its column is
   * categorical, and there are no thousands separators. Types, missing cells and errors are otherwise the same;
   * an error quotes the cell as written. A comma cannot also be the delimiter or the quote character (set the
   * delimiter, e.g. {@code ';'}, first).
   *
   * @param separator {@code '.'} or {@code ','}
   * @return options with this decimal separator
   * @throws IllegalArgumentException if {@code separator} is neither, or equals the delimiter or the quote
   *     character
   */
  public CsvOptions decimalSeparator(char separator) {
    if (separator != '.' && separator != ',') {
      throw new IllegalArgumentException("decimal separator must be '.' or ',', got '" + separator + "'");
    }
    checkDecimal(separator, delimiter, quote);
    return new CsvOptions(delimiter, quote, separator, header, missing, types, charset, trim);
  }

  private static void checkDecimal(char decimal, char delimiter, char quote) {
    if (decimal == ',' && delimiter == ',') {
      throw new IllegalArgumentException("a decimal comma needs another field delimiter than ',' (such as"
          + " ';', set first with delimiter(';'))");
    }
    if (decimal == ',' && quote == ',') {
      throw new IllegalArgumentException("a decimal comma needs another quote character than ','");
    }
    if (delimiter == decimal) { // a point: 1.5 would read as two fields
      throw new IllegalArgumentException("delimiter must differ from the decimal separator, got '.' for both"
          + " (set decimalSeparator(',') first)");
    }
    if (quote == decimal) {
      throw new IllegalArgumentException("quote must differ from the decimal separator, got '.' for both"
          + " (set decimalSeparator(',') first)");
    }
  }

  /** A line break as its escape, for messages. */
  private static String shown(char c) {
    return c == '\n' ? "'\\n'" : "'\\r'";
  }

  /**
   * @param header whether the first record holds the column names; without a header the columns are named
   *     {@code x0, x1, ...}
   * @return options with this header setting
   */
  public CsvOptions header(boolean header) {
    return new CsvOptions(delimiter, quote, decimal, header, missing, types, charset, trim);
  }

  /**
   * @param tokens the cell texts that mean "missing" (compared after trimming spaces), replacing the
   *     defaults; none null
   * @return options with these missing-value tokens
   * @throws IllegalArgumentException if {@code tokens} or a token is null
   */
  public CsvOptions missingTokens(String... tokens) {
    if (tokens == null) {
      throw new IllegalArgumentException("missing tokens must not be null");
    }
    Set<String> s = new LinkedHashSet<>();
    for (String t : tokens) {
      if (t == null) {
        throw new IllegalArgumentException("a missing token must not be null");
      }
      s.add(t.strip());
    }
    return new CsvOptions(delimiter, quote, decimal, header, Collections.unmodifiableSet(s), types, charset,
        trim);
  }

  /**
   * Fixes a column's type instead of inferring it: {@code CATEGORICAL} keeps numbers as text (e.g. an id or
   * a postcode); {@code NUMERIC} makes a cell that is not a number an error.
   *
   * @param column the column name (from the header, or {@code x0, x1, ...} without one)
   * @param type its type
   * @return options with this override added
   * @throws IllegalArgumentException if an argument is null or the name is empty
   */
  public CsvOptions type(String column, ColumnType type) {
    if (column == null || column.isEmpty() || type == null) {
      throw new IllegalArgumentException("type override needs a non-empty column name and a type, got "
          + column + " -> " + type);
    }
    Map<String, ColumnType> m = new LinkedHashMap<>(types);
    m.put(column, type);
    return new CsvOptions(delimiter, quote, decimal, header, missing, Collections.unmodifiableMap(m), charset,
        trim);
  }

  /**
   * @param charset the file's character set (default UTF-8; a byte-order mark is skipped, and sets the charset
   *     when it is UTF-16's or UTF-32's); reading a file with bytes that are no text in it fails, naming the line
   * @return options with this character set
   * @throws IllegalArgumentException if {@code charset} is null
   */
  public CsvOptions charset(Charset charset) {
    if (charset == null) {
      throw new IllegalArgumentException("charset must not be null");
    }
    return new CsvOptions(delimiter, quote, decimal, header, missing, types, charset, trim);
  }

  /**
   * Whether the spaces and tabs around each field are removed, outside quotes, as in a file written with a space
   * after each delimiter ({@code id, gender, age}): the header's names and the categorical cells then lose them
   * ({@code " Male"} reads as {@code "Male"}), while a quoted field keeps exactly what its quotes hold, spaces
   * included, and a quote after leading spaces still opens a quoted field ({@code a, "b, c"} is two fields).
   * Spaces between the words of an unquoted field are kept. The delimiter and the quote character never count as
   * space. A line of nothing but spaces and tabs is then an empty line, which reading skips (a missing cell of a
   * one-column file is written as {@code ""}). Off by default: categorical cells keep their exact text. Numbers and missing tokens are read with their
   * surrounding spaces ignored either way.
   * {@link Csv#write(io.github.clusterkit.data.Table, java.io.Writer, CsvOptions) Writing} with this option on
   * quotes the cells and names that begin or end with a space or tab, so that they read back unchanged.
   *
   * @param trim whether to remove the spaces around fields
   * @return options with this setting
   */
  public CsvOptions trimSpaces(boolean trim) {
    return new CsvOptions(delimiter, quote, decimal, header, missing, types, charset, trim);
  }

  /** @return whether the spaces and tabs around fields are removed ({@link #trimSpaces(boolean)}) */
  public boolean trimSpaces() {
    return trim;
  }

  /** @return the field separator */
  public char delimiter() {
    return delimiter;
  }

  /** @return the quote character */
  public char quote() {
    return quote;
  }

  /** @return the decimal separator, {@code '.'} or {@code ','} */
  public char decimalSeparator() {
    return decimal;
  }

  /** @return whether the first record is a header */
  public boolean header() {
    return header;
  }

  /** @return the missing-value tokens, unmodifiable */
  public Set<String> missingTokenSet() {
    return missing;
  }

  /** @return the type overrides by column name, unmodifiable */
  public Map<String, ColumnType> types() {
    return types;
  }

  /** @return the character set */
  public Charset charset() {
    return charset;
  }

  /**
   * Equal when every setting is equal, however it was reached (the missing tokens as a set, the type overrides as a
   * map: their order does not count), so options can key a cache of read tables.
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CsvOptions)) {
      return false;
    }
    CsvOptions b = (CsvOptions) o;
    return delimiter == b.delimiter && quote == b.quote && decimal == b.decimal && header == b.header
        && missing.equals(b.missing) && types.equals(b.types) && charset.equals(b.charset) && trim == b.trim;
  }

  @Override
  public int hashCode() {
    return Objects.hash(delimiter, quote, decimal, header, missing, types, charset, trim);
  }

  @Override
  public String toString() {
    return "CsvOptions[delimiter='" + delimiter + "', quote='" + quote + "', decimalSeparator='" + decimal
        + "', header=" + header + ", missing=" + missing + ", types=" + types + ", charset=" + charset
        + ", trimSpaces=" + trim + "]";
  }
}
