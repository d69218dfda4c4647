package io.github.clusterkit.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes CSV text through unchanged and refuses the one shape FastCSV 4.0.0 misreads: a quoted field that holds a
 * carriage return (CR) whose closing quote is followed by a bare line feed (LF). FastCSV then takes the LF for the
 * second half of a CRLF, runs the record into the next line and drops the field, so a row vanishes or two rows
 * merge without an error ({@code h\n"x\ry"\nz\n} reads as the one row {@code z}). With CRLF line ends, or a
 * delimiter after the field, it reads such fields correctly (checked by a round trip of 300,000 random tables).
 *
 * <p>The scan follows RFC 4180 as FastCSV reads it: a quote opens a quoted field only at the start of a field, two
 * quotes inside one stand for a quote, and CR, LF or CRLF outside quotes end a record. Not thread-safe.
 */
final class CrGuardReader extends FilterReader {

  /** Thrown at the misread shape; {@link Csv} adds the source's name. */
  static final class CrInQuotes extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    CrInQuotes(long line) {
      super("line " + line + ": a quoted field that holds a carriage return (CR) ends its record with a bare line"
          + " feed (LF), which the CSV parser (FastCSV 4.0.0) misreads (it drops the field); save the file with"
          + " CRLF line ends, or without carriage returns inside quoted fields");
    }
  }

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;

  private final char delimiter;
  private final char quote;
  private int state = FIELD_START;
  private boolean crInField;
  /** The line the current quoted field opened on (lines as FastCSV counts them: CR, LF or CRLF end one). */
  private long fieldLine;
  private long line = 1;
  private boolean lastCr;

  CrGuardReader(Reader in, char delimiter, char quote) {
    super(in);
    this.delimiter = delimiter;
    this.quote = quote;
  }

  @Override
  public int read() throws IOException {
    int c = in.read();
    if (c >= 0) {
      scan((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int r = in.read(buf, off, len);
    for (int i = 0; i < r; i++) {
      scan(buf[off + i]);
    }
    return r;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readAheadLimit) throws IOException {
    throw new IOException("mark not supported");
  }

  @Override
  public long skip(long n) throws IOException {
    char[] buf = new char[(int) Math.min(n, 8192)];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  private void scan(char c) {
    switch (state) {
      case QUOTED:
        if (c == quote) {
          state = QUOTE_SEEN;
        } else if (c == '\r') {
          crInField = true;
        }
        break;
      case QUOTE_SEEN:
        if (c == quote) { // two quotes: a quote inside the field
          state = QUOTED;
          break;
        }
        if (c == '\n' && crInField) {
          throw new CrInQuotes(fieldLine);
        }
        state = c == delimiter || c == '\r' || c == '\n' ? FIELD_START : UNQUOTED; // else FastCSV refuses the text
        break;
      case FIELD_START:
        if (c == quote) {
          state = QUOTED;
          crInField = false;
          fieldLine = line;
        } else if (c != delimiter && c != '\r' && c != '\n') {
          state = UNQUOTED;
        }
        break;
      default: // UNQUOTED
        if (c == delimiter || c == '\r' || c == '\n') {
          state = FIELD_START;
        }
        break;
    }
    if (c == '\n' && !lastCr || c == '\r') { // lines as FastCSV counts them: CR, LF or CRLF
      line++;
    }
    lastCr = c == '\r';
  }
}
