package io.github.clusterkit.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cells of one CSV column while {@link Csv} reads a file, kept without an object per cell: the cells' text
 * back to back in pages of Latin-1 bytes (while every character of the column fits in one byte; the whole
 * column switches to pages of {@code char} at its first other character) and, per cell, the end offset of its
 * text within its page. A page holds at most {@code pageLimit} characters unless a single cell is longer, so a
 * column may hold more text than one array can, and the unused tail of the last page stays small.
 *
 * <p>Once the column is complete, {@link #toNumeric} or {@link #toCategorical} turns it into the values a
 * {@code Table} takes, applying the rules of {@link Csv} (missing tokens compared after stripping white space,
 * strict decimals); {@link #release} then drops the text. Not thread-safe; one instance per column and read.
 */
final class CsvColumn {

  /** The largest array length the JVM reliably allocates. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Characters per page (16 Mi, FastCSV's largest field); a longer cell gets a page of its own. */
  static final int DEFAULT_PAGE_LIMIT = 1 << 24;

  private static final int FIRST_PAGE = 64;
  private static final int LATER_PAGE = 4096;

  /** Reports a cell that a numeric column cannot hold; {@code row} is 0-based. */
  interface NumericProblem {
    /** @return the exception for a cell that is not a decimal number ({@code cell} unstripped) */
    IllegalArgumentException notANumber(int row, String cell);

    /** @return the exception for a decimal outside the range of a double ({@code number} stripped) */
    IllegalArgumentException outOfRange(int row, String number);
  }

  private final int pageLimit;
  private byte[][] latin = new byte[1][]; // the pages while the column is Latin-1, else null
  private char[][] wide; // the pages once a character did not fit in a byte, else null
  private int[] pageStart = new int[1]; // the first cell of each page
  private int pages = 1;
  private int used; // characters used in the last page
  private int[] ends = new int[16]; // the end of each cell's text within its page
  private int size;

  // The cell last visited by advance(): its page (as bytes or chars, one of them null) and text bounds.
  private int curPage;
  private byte[] b;
  private char[] c;
  private int from;
  private int to;

  CsvColumn() {
    this(DEFAULT_PAGE_LIMIT);
  }

  /** @param pageLimit characters per page, at least 1 (small values exercise page changes in tests) */
  CsvColumn(int pageLimit) {
    if (pageLimit < 1) {
      throw new IllegalArgumentException("pageLimit must be >= 1, got " + pageLimit);
    }
    this.pageLimit = pageLimit;
    latin[0] = new byte[Math.min(FIRST_PAGE, pageLimit)];
  }

  /** @return the number of cells added */
  int size() {
    return size;
  }

  /** @return whether the column's text is still held one byte per character */
  boolean isLatin1() {
    return latin != null;
  }

  /** @return the number of pages in use */
  int pageCount() {
    return pages;
  }

  /**
   * Appends a cell.
   *
   * @param s the cell's text
   * @throws IllegalStateException if the column already holds {@link #MAX_ARRAY} cells (the caller refuses
   *     that many rows first)
   */
  void add(String s) {
    if (size == ends.length) {
      if (size == MAX_ARRAY) {
        throw new IllegalStateException("a column holds at most " + MAX_ARRAY + " cells");
      }
      ends = Arrays.copyOf(ends, grow(ends.length, size + 1L, MAX_ARRAY));
    }
    int len = s.length();
    int p = pages - 1;
    if ((long) used + len > capacity(p)) {
      p = makeRoom(len);
    }
    if (latin != null) {
      byte[] page = latin[p];
      int at = used;
      int k = 0;
      for (; k < len; k++) {
        char ch = s.charAt(k);
        if (ch > 0xFF) {
          break;
        }
        page[at + k] = (byte) ch;
      }
      if (k < len) {
        widen();
        s.getChars(0, len, wide[p], used);
      }
    } else {
      s.getChars(0, len, wide[p], used);
    }
    used += len;
    ends[size++] = used;
  }

  private int capacity(int p) {
    return latin != null ? latin[p].length : wide[p].length;
  }

  /** Makes room for {@code len} more characters: grows the last page, or opens a new one; returns its index. */
  private int makeRoom(int len) {
    int p = pages - 1;
    long need = (long) used + len;
    if (need <= pageLimit || used == 0) {
      int cap = grow(capacity(p), need, Math.max(pageLimit, len));
      if (latin != null) {
        latin[p] = Arrays.copyOf(latin[p], cap);
      } else {
        wide[p] = Arrays.copyOf(wide[p], cap);
      }
      return p;
    }
    if (pages == pageStart.length) {
      int more = grow(pages, pages + 1L, MAX_ARRAY);
      pageStart = Arrays.copyOf(pageStart, more);
      if (latin != null) {
        latin = Arrays.copyOf(latin, more);
      } else {
        wide = Arrays.copyOf(wide, more);
      }
    }
    int cap = Math.max(len, Math.min(LATER_PAGE, pageLimit));
    if (latin != null) {
      latin[pages] = new byte[cap];
    } else {
      wide[pages] = new char[cap];
    }
    pageStart[pages] = size;
    used = 0;
    return pages++;
  }

  /** A new length of at least {@code need} (half as much again as {@code length} when that fits {@code cap}). */
  private static int grow(int length, long need, int cap) {
    long n = Math.max(need, Math.min(cap, length + (length >> 1) + 16L));
    return (int) Math.min(n, MAX_ARRAY);
  }

  /** Switches the column to pages of chars, one page at a time. */
  private void widen() {
    wide = new char[latin.length][];
    for (int p = 0; p < pages; p++) {
      byte[] src = latin[p];
      char[] dst = new char[src.length];
      for (int k = 0; k < src.length; k++) {
        dst[k] = (char) (src[k] & 0xFF);
      }
      wide[p] = dst;
      latin[p] = null;
    }
    latin = null;
  }

  /** Drops the text, so that it can be collected while other columns are converted. */
  void release() {
    latin = null;
    wide = null;
    ends = null;
    pageStart = null;
    b = null;
    c = null;
  }

  // ---- Sequential reading -------------------------------------------------------------------------------

  private void rewind() {
    curPage = 0;
    b = latin != null ? latin[0] : null;
    c = latin != null ? null : wide[0];
  }

  /** Moves to cell {@code i}, which follows the cell visited before (or is 0 after a rewind). */
  private void advance(int i) {
    while (curPage + 1 < pages && i >= pageStart[curPage + 1]) {
      curPage++;
      b = latin != null ? latin[curPage] : null;
      c = latin != null ? null : wide[curPage];
    }
    from = i == pageStart[curPage] ? 0 : ends[i - 1];
    to = ends[i];
  }

  private char at(int k) {
    return b != null ? (char) (b[k] & 0xFF) : c[k];
  }

  /** The first index at or after {@code from} that is not white space (as {@link String#strip()} sees it). */
  private int stripStart() {
    int s = from;
    while (s < to && Character.isWhitespace(at(s))) {
      s++;
    }
    return s;
  }

  private int stripEnd(int s) {
    int e = to;
    while (e > s && Character.isWhitespace(at(e - 1))) {
      e--;
    }
    return e;
  }

  private boolean isMissing(int s, int e, String[] tokens) {
    int len = e - s;
    for (String t : tokens) {
      if (t.length() == len && sameText(s, t)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameText(int s, String t) {
    for (int k = 0, n = t.length(); k < n; k++) {
      if (at(s + k) != t.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private String text(int s, int e) {
    return b != null ? new String(b, s, e - s, StandardCharsets.ISO_8859_1) : new String(c, s, e - s);
  }

  /**
   * The decimal grammar of {@link Csv} (optional sign, digits with an optional point, at least one digit, optional
   * exponent), over the characters {@code [i, n)} of the current page, with {@code point} ({@code '.'} or
   * {@code ','}) between the whole and the fractional digits.
   */
  private boolean isDecimal(int i, int n, char point) {
    if (i < n && (at(i) == '+' || at(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(at(i))) {
      i++;
      digits++;
    }
    if (i < n && at(i) == point) {
      i++;
      while (i < n && isDigit(at(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (at(i) == 'e' || at(i) == 'E')) {
      i++;
      if (i < n && (at(i) == '+' || at(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(at(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  // ---- Conversion ---------------------------------------------------------------------------------------

  /**
   * The column as numbers ({@code NaN} for a missing cell), or null when it is not forced numeric and a
   * non-missing cell is not a decimal (the column is then categorical).
   *
   * @param tokens the missing tokens (stripped)
   * @param point the decimal separator, {@code '.'} or {@code ','}
   * @param forced whether the column must be numeric: a cell that is not a decimal is then an error
   * @param problem makes the exception for a cell the column cannot hold
   * @return the values, or null
   * @throws IllegalArgumentException for the first (by row) cell that is not a decimal in a forced column, or
   *     the first decimal outside the range of a double in a numeric column
   */
  double[] toNumeric(String[] tokens, char point, boolean forced, NumericProblem problem) {
    double[] v = new double[size];
    int outOfRange = -1; // the first such row, reported once the column is known to be numeric
    String outOfRangeText = null;
    rewind();
    for (int i = 0; i < size; i++) {
      advance(i);
      int s = stripStart();
      int e = stripEnd(s);
      if (isMissing(s, e, tokens)) {
        v[i] = Double.NaN;
        continue;
      }
      if (!isDecimal(s, e, point)) {
        if (!forced) {
          return null;
        }
        throw problem.notANumber(i, text(from, to)); // forced: no earlier cell was out of range
      }
      String number = text(s, e);
      double x = Double.parseDouble(point == '.' ? number : number.replace(point, '.'));
      if (Double.isInfinite(x)) {
        if (forced) {
          throw problem.outOfRange(i, number);
        }
        if (outOfRange < 0) {
          outOfRange = i;
          outOfRangeText = number;
        }
      }
      v[i] = x;
    }
    if (outOfRange >= 0) {
      throw problem.outOfRange(outOfRange, outOfRangeText);
    }
    return v;
  }

  /**
   * The column as categories ({@code null} for a missing cell), each cell's exact text; equal texts share one
   * {@code String} instance.
   *
   * @param tokens the missing tokens (stripped)
   * @return the values
   */
  String[] toCategorical(String[] tokens) {
    String[] v = new String[size];
    // Open addressing, slot q in table[2q] and table[2q + 1]: the row + 1 of a distinct text's first cell
    // (0 for a free slot) and that text's hash. At most half the slots are taken.
    int[] table = new int[2 * 16];
    int distinct = 0;
    boolean interning = true;
    rewind();
    for (int i = 0; i < size; i++) {
      advance(i);
      int s = stripStart();
      if (isMissing(s, stripEnd(s), tokens)) {
        continue;
      }
      if (!interning) {
        v[i] = text(from, to);
        continue;
      }
      int h = hash();
      int mask = table.length / 2 - 1;
      int q = mix(h) & mask;
      String found = null;
      for (int row; (row = table[2 * q]) != 0; q = (q + 1) & mask) {
        if (table[2 * q + 1] == h) {
          String t = v[row - 1];
          if (t.length() == to - from && sameText(from, t)) {
            found = t;
            break;
          }
        }
      }
      if (found != null) {
        v[i] = found;
        continue;
      }
      v[i] = text(from, to);
      table[2 * q] = i + 1;
      table[2 * q + 1] = h;
      if (++distinct > mask / 2) {
        if (table.length >= 1 << 30) {
          interning = false; // more distinct texts than the table can index: each cell keeps its own string
        } else {
          table = rehash(table);
        }
      }
    }
    return v;
  }

  /** The table of {@link #toCategorical} with twice the slots. */
  private static int[] rehash(int[] table) {
    int[] bigger = new int[table.length * 2];
    int mask = bigger.length / 2 - 1;
    for (int q = 0; q < table.length; q += 2) {
      if (table[q] != 0) {
        int r = mix(table[q + 1]) & mask;
        while (bigger[2 * r] != 0) {
          r = (r + 1) & mask;
        }
        bigger[2 * r] = table[q];
        bigger[2 * r + 1] = table[q + 1];
      }
    }
    return bigger;
  }

  private int hash() {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + at(k);
    }
    return h;
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
