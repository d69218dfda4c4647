package io.github.clusterkit.io;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Removes the spaces and tabs around each CSV field, outside quotes, before the parser sees the text
 * ({@link CsvOptions#trimSpaces(boolean)}): {@code a , "b c" ,d} becomes {@code a,"b c",d}. What a quoted field
 * holds between its quotes is kept exactly, so a quote after leading spaces still opens a quoted field, and spaces
 * after a closing quote are dropped. Inside an unquoted field the spaces between words are kept ({@code New York}).
 * The delimiter and the quote character never count as space (a tab-separated file keeps its tabs).
 *
 * <p>The scan follows RFC 4180 as {@link CrGuardReader} does: a quote opens a quoted field only at the start of a
 * field, two quotes inside one stand for a quote, CR and LF outside quotes end a record. Spaces held back inside an
 * unquoted field (they are kept only if more text follows) are bounded: past {@link #MAX_HELD} of them they are
 * passed on, as the parser refuses a field that long anyway. Not thread-safe.
 */
final class SpaceTrimReader extends Reader {

  /** Spaces held back at most inside one unquoted field: FastCSV's limit on a field's length. */
  static final int MAX_HELD = 16 * 1024 * 1024;

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;
  private static final int AFTER_QUOTE = 4;

  private final Reader in;
  private final char delimiter;
  private final char quote;
  private final int maxHeld;
  private final char[] chunk = new char[8192];
  private char[] out = new char[8192];
  private int outStart;
  private int outEnd;
  private final StringBuilder held = new StringBuilder();
  private int state = FIELD_START;
  /** The first space dropped after a closing quote. */
  private char dropped;
  private boolean ended;

  SpaceTrimReader(Reader in, char delimiter, char quote) {
    this(in, delimiter, quote, MAX_HELD);
  }

  /** With a smaller bound on held spaces, for tests. */
  SpaceTrimReader(Reader in, char delimiter, char quote, int maxHeld) {
    this.in = in;
    this.delimiter = delimiter;
    this.quote = quote;
    this.maxHeld = maxHeld;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outStart == outEnd) {
      if (ended) {
        return -1;
      }
      outStart = 0;
      outEnd = 0;
      int r = in.read(chunk, 0, chunk.length);
      if (r < 0) {
        ended = true; // spaces still held end the last field: dropped
        held.setLength(0);
      } else {
        for (int i = 0; i < r; i++) {
          scan(chunk[i]);
        }
      }
    }
    int n = Math.min(len, outEnd - outStart);
    System.arraycopy(out, outStart, buf, off, n);
    outStart += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean isSpace(char c) {
    return (c == ' ' || c == '\t') && c != delimiter && c != quote;
  }

  private void scan(char c) {
    boolean ends = c == delimiter || c == '\r' || c == '\n';
    switch (state) {
      case FIELD_START:
        if (isSpace(c)) {
          return; // leading space: dropped
        }
        state = c == quote ? QUOTED : ends ? FIELD_START : UNQUOTED;
        emit(c);
        return;
      case UNQUOTED:
        if (ends) {
          held.setLength(0); // trailing space: dropped
          state = FIELD_START;
          emit(c);
        } else if (isSpace(c)) {
          held.append(c);
          if (held.length() > maxHeld) {
            emitHeld();
          }
        } else {
          emitHeld(); // space between words: kept
          emit(c);
        }
        return;
      case QUOTED:
        if (c == quote) {
          state = QUOTE_SEEN;
        }
        emit(c);
        return;
      case QUOTE_SEEN:
        if (c == quote) { // two quotes: a quote inside the field
          state = QUOTED;
          emit(c);
          return;
        }
        // falls through: after a closing quote
      default: // AFTER_QUOTE
        if (isSpace(c)) {
          if (state == QUOTE_SEEN) {
            dropped = c;
          }
          state = AFTER_QUOTE; // space after a closing quote: dropped
          return;
        }
        if (!ends && state == AFTER_QUOTE) {
          // Other text after a closing quote and spaces: one space is passed on, so that the parser refuses the
          // text after the quote, naming the line ("a" "b" must not become "a""b", a field holding a quote).
          emit(dropped);
        }
        state = ends ? FIELD_START : UNQUOTED;
        emit(c);
    }
  }

  private void emitHeld() {
    for (int i = 0; i < held.length(); i++) {
      emit(held.charAt(i));
    }
    held.setLength(0);
  }

  private void emit(char c) {
    if (outEnd == out.length) {
      out = Arrays.copyOf(out, out.length * 2);
    }
    out[outEnd++] = c;
  }
}
