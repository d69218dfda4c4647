package io.github.clusterkit.examples;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.examples.segment.Assessment;
import io.github.clusterkit.examples.segment.CustomerData;
import io.github.clusterkit.examples.segment.ModelBundle;
import io.github.clusterkit.examples.segment.Outputs;
import io.github.clusterkit.examples.segment.Preprocessing;
import io.github.clusterkit.examples.segment.Report;
import io.github.clusterkit.examples.segment.Segmentation;
import io.github.clusterkit.examples.segment.Segmenter;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.io.CsvOptions;
import io.github.clusterkit.preprocess.FittedStep;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.PipelineModel;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code clusterkit} command-line program (the main class of {@code clusterkit-cli.jar}):
 *
 * <ul>
 *   <li>{@code segment [file.csv]}: customer segmentation end to end (see {@link Segmenter}); with no file it
 *       uses a generated customer table ({@link CustomerData});
 *   <li>{@code predict model.json customers.csv}: assigns new customers to the segments of a model file
 *       written by {@code segment};
 *   <li>{@code demo}: the DBSCAN demonstration ({@link Demo}).
 * </ul>
 *
 * <p>A bad option or a bad file gives one line on standard error and exit code 2, never a stack trace; standard
 * output that cannot be written (a full disk, a closed pipe) gives one line on standard error and exit code 3.
 */
@Command(name = "clusterkit", mixinStandardHelpOptions = true, version = Cli.VERSION,
    description = "Customer segmentation with clusterkit: segment a customer table, predict new customers.",
    synopsisSubcommandLabel = "(segment | predict | demo)")
public final class Cli implements Callable<Integer> {

  /** What {@code --version} prints, on the program and on each command (which offer the option too). */
  static final String VERSION = "clusterkit 0.1.0-SNAPSHOT";

  /** Exit code of a bad option, bad file or data that cannot be segmented as asked. */
  public static final int USAGE = 2;

  /** Exit code when standard output could not be written (a full disk, a closed pipe): its text is incomplete. */
  public static final int OUTPUT_FAILED = 3;

  private final PrintStream out;
  private final PrintStream err;

  private Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the program and exits with its exit code. Standard output not going to a terminal (redirected to a
   * file or a pipe, as {@code predict ... > segments.csv}) is written in UTF-8, the encoding of the files
   * that {@code segment} writes, whatever the platform's default: with a POSIX locale that default is ASCII,
   * and non-ASCII segment names and ids came out as {@code ?}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    boolean interactive = System.console() != null;
    PrintStream out = interactive ? System.out
        : new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192), true,
            StandardCharsets.UTF_8); // as System.out, but UTF-8
    int code = run(args, out, System.err, interactive);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs the program.
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error (errors, and the progress bar when {@code progress} is on)
   * @param progress whether to draw a progress bar on {@code err}
   * @return the exit code: 0, {@link #USAGE} for a bad option, file or data, {@link #OUTPUT_FAILED} when {@code out}
   *     could not be written (one line on {@code err} says so), 1 for an unexpected failure
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean progress) {
    CommandLine cl = new CommandLine(new Cli(out, err));
    cl.addSubcommand("segment", new SegmentCommand(out, err, progress));
    cl.addSubcommand("predict", new PredictCommand(out, err));
    cl.addSubcommand("demo", new DemoCommand(out));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler((ex, a) -> {
      String cmd = ex.getCommandLine().getCommandName();
      err.println("error: " + oneLine(ex.getMessage()) + " (see 'clusterkit "
          + ("clusterkit".equals(cmd) ? "" : cmd + " ") + "--help')");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      err.println("error: " + describe(ex));
      return expected(ex) ? USAGE : 1;
    });
    int code = cl.execute(args);
    cl.getOut().flush();
    out.flush();
    if (out.checkError()) {
      // a PrintStream keeps its write errors to itself: a full disk or a closed pipe looked like success
      err.println("error: cannot write to standard output (disk full, or the pipe or file closed?)");
      return code == 0 ? OUTPUT_FAILED : code;
    }
    return code;
  }

  @Override
  public Integer call() {
    err.println("error: name a command: segment, predict or demo (see 'clusterkit --help')");
    return USAGE;
  }

  private static boolean expected(Throwable ex) {
    return ex instanceof IllegalArgumentException || ex instanceof IOException
        || ex instanceof UncheckedIOException;
  }

  /** One line describing a failure, for people. */
  static String describe(Throwable ex) {
    if (ex instanceof UncheckedIOException && ex.getCause() != null) {
      ex = ex.getCause();
    }
    if (ex instanceof NoSuchFileException) {
      return "file not found: " + ((NoSuchFileException) ex).getFile();
    }
    if (ex instanceof AccessDeniedException) {
      return "permission denied: " + ((AccessDeniedException) ex).getFile();
    }
    if (ex instanceof java.nio.file.FileSystemException) {
      java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) ex;
      return "cannot use " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
    }
    if (ex instanceof IllegalArgumentException || ex instanceof IOException) {
      return oneLine(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
    }
    return "unexpected failure: " + ex.getClass().getName()
        + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()));
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
  }

  /**
   * The charset named by {@code --encoding}.
   *
   * @param name its name or alias
   * @return the charset
   * @throws IllegalArgumentException if no such charset is available
   */
  static java.nio.charset.Charset charset(String name) {
    try {
      return java.nio.charset.Charset.forName(name.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--encoding must name a character encoding such as UTF-8, windows-1252 or"
          + " ISO-8859-1, got '" + name + "'", e);
    }
  }

  static Table readTable(Path file) throws IOException {
    return readTable(file, CsvOptions.defaults());
  }

  static Table readTable(Path file, CsvOptions options) throws IOException {
    try (Input in = Input.of(file)) {
      return readTable(in, options);
    }
  }

  /**
   * A CSV argument as the commands read it: a regular file as it is; a pipe or device ({@code cat new.csv | ...
   * /dev/stdin}) first copied to a temporary file, deleted on {@link #close()}, since a command reads its input more
   * than once (the separator is detected from the header, a column may be read again as text or with decimal
   * commas) and a pipe gives its bytes only once: before, the second reading found nothing ("no records"), and a
   * named pipe waited for a second writer. Messages name the argument, never the copy.
   */
  static final class Input implements AutoCloseable {
    /** What is read. */
    final Path path;
    /** What messages name. */
    final Path shown;
    private final boolean copied;

    private Input(Path path, Path shown, boolean copied) {
      this.path = path;
      this.shown = shown;
      this.copied = copied;
    }

    static Input of(Path file) throws IOException {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(file + " is a folder, not a CSV file");
      }
      if (!Files.exists(file) || Files.isRegularFile(file)) {
        return new Input(file, file, false); // a missing file is reported by the reading, naming it
      }
      Path tmp = Files.createTempFile("clusterkit-input-", ".csv");
      try (java.io.InputStream in = Files.newInputStream(file)) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return new Input(tmp, file, true);
    }

    @Override
    public void close() throws IOException {
      if (copied) {
        Files.deleteIfExists(path);
      }
    }
  }

  static Table readTable(Input in, CsvOptions options) throws IOException {
    return readTable(in, options, null, null);
  }

  /**
   * {@link #readTable(Input, CsvOptions)}, the decimal comma decided on the columns that are used (see {@link
   * #withDecimalCommas(Table, Path, CsvOptions, Set, List, Path)}).
   *
   * @param in the file
   * @param options its options
   * @param used the columns the command uses, from the table read with a decimal point; null for all
   * @param notes where a note goes when a used column keeps the file's decimal commas from being read, or null
   * @return the table
   */
  static Table readTable(Input in, CsvOptions options, java.util.function.Function<Table, Set<String>> used,
      List<String> notes) throws IOException {
    Path file = in.path;
    try {
      char delimiter = delimiter(file, options.charset());
      Table t = Csv.read(file, options.delimiter(delimiter));
      return delimiter == ',' ? t : withDecimalCommas(t, file, options.delimiter(delimiter),
          used == null ? null : used.apply(t), notes, in.shown);
    } catch (IllegalArgumentException e) {
      // Csv's messages start with the name of the file it read already
      String m = e.getMessage() == null ? "" : e.getMessage();
      String named = file + ": ";
      String hint = e.getCause() instanceof java.nio.charset.CharacterCodingException
          ? " (give it with --encoding, such as --encoding windows-1252)" : "";
      throw new IllegalArgumentException("cannot read " + in.shown + ": "
          + (m.startsWith(named) ? m.substring(named.length()) : m) + hint, e);
    }
  }

  /**
   * A semicolon- or tab-separated table with the columns written in decimal commas read as numbers: the columns
   * that are text when read with a decimal point but numbers when read with a decimal comma, provided that no column
   * of the file holds a number written with a decimal point and that some such column has a cell that cannot be a
   * whole number with a thousands separator ({@code 2,5} or {@code 0,75}, not only {@code 1,250}): that cell shows
   * the file's commas to be decimal commas, so the columns whose every comma looks like a thousands separator are
   * read with decimal commas too ({@code 1,250} is 1.25 there). So a file whose numbers are written with points
   * reads as before, also with commas as thousands separators; and a file whose every comma looks like a thousands
   * separator (only {@code 1,250}-like cells) keeps those columns as text, as the two readings cannot be told apart.
   *
   * @param dot the table read with a decimal point
   * @param file the file
   * @param options its options (delimiter set), with a decimal point
   * @return {@code dot}, or a table with those columns read with a decimal comma
   */
  static Table withDecimalCommas(Table dot, Path file, CsvOptions options) throws IOException {
    return withDecimalCommas(dot, file, options, null, null, file);
  }

  /**
   * {@link #withDecimalCommas(Table, Path, CsvOptions)} with only the {@code used} columns able to veto the decimal
   * comma: a number with a decimal point in a column the command does not use (one left out with {@code
   * --columns}, the id, a column the model does not read) no longer keeps the used columns' {@code 1,5} as text.
   * When a used column does, and a used column would have been read with decimal commas, a note says which column
   * and which cells, since those columns then come out as text (categories to segment, or a type the model
   * refuses) without a word on why. (Whether the commas are decimal commas at all, {@code 2,5} against {@code
   * 1,250}, is still shown by any column of the file.)
   *
   * @param dot the table read with a decimal point
   * @param file the file
   * @param options its options (delimiter set), with a decimal point
   * @param used the columns that decide, null for all
   * @param notes where the note goes (once), or null
   * @param shown the file as notes name it
   * @return {@code dot}, or a table with those columns read with a decimal comma
   */
  static Table withDecimalCommas(Table dot, Path file, CsvOptions options, Set<String> used, List<String> notes,
      Path shown) throws IOException {
    if (!mayHoldDecimalCommas(dot, options)) {
      return dot;
    }
    Table comma;
    try {
      comma = Csv.read(file, options.decimalSeparator(','));
    } catch (IllegalArgumentException e) {
      return dot; // a number beyond the range of a double once read with a comma: the file is read as written
    }
    Set<String> read = new java.util.LinkedHashSet<>();
    Set<String> thousandsLike = new java.util.LinkedHashSet<>();
    String point = null;
    for (String name : dot.columnNames()) {
      boolean numericDot = dot.type(name) == ColumnType.NUMERIC;
      boolean numericComma = comma.type(name) == ColumnType.NUMERIC;
      if (numericDot && !numericComma) {
        if (used == null || used.contains(name)) {
          point = point == null ? name : point; // a number with a decimal point
        }
        continue; // an unused column with decimal points is read with them
      }
      if (!numericDot && numericComma) {
        (onlyThousands(dot.categorical(name)) ? thousandsLike : read).add(name);
      }
    }
    if (read.isEmpty()) {
      return dot;
    }
    // The file writes decimal commas (2,5 somewhere), so none of its commas is a thousands separator: 1,250 is 1.25.
    read.addAll(thousandsLike);
    if (point != null) {
      List<String> lost = new ArrayList<>();
      for (String name : read) {
        if (used == null || used.contains(name)) {
          lost.add(name);
        }
      }
      if (notes != null && !lost.isEmpty()) {
        boolean one = lost.size() == 1;
        String note = "note: " + shown + ": column '" + point + "' holds numbers with a decimal point"
            + cellWith(comma.categorical(point), '.') + ", so the decimal commas of " + (one ? "column '" : "columns '")
            + String.join("', '", lost) + "'" + cellWith(dot.categorical(lost.get(0)), ',') + " are not read and "
            + (one ? "it stays" : "they stay") + " text; write the file's numbers with one decimal separator";
        if (!notes.contains(note)) {
          notes.add(note);
        }
      }
      return dot;
    }
    Table.Builder b = Table.builder();
    for (String name : dot.columnNames()) {
      b.column(read.contains(name) ? comma : dot, name);
    }
    return b.build();
  }

  /** " (such as '0.5' in row 3)": the first cell holding {@code c}, or "" for none. */
  private static String cellWith(String[] cells, char c) {
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] != null && cells[i].indexOf(c) >= 0) {
        String v = cells[i].strip();
        return " (such as '" + (v.length() > 30 ? v.substring(0, 27) + "..." : v) + "' in row " + (i + 1) + ")";
      }
    }
    return "";
  }

  /**
   * Whether reading the file of {@code dot} with a decimal comma can change the type of a column: whether a text
   * column that {@code options} do not make text holds only numbers written with a decimal comma (or missing
   * cells). Only then does {@link #withDecimalCommas} read the file again; before, a semicolon file with any text
   * column (a gender, a channel) was read twice, and both tables were held at once.
   *
   * @param dot the table read with a decimal point
   * @param options the options it was read with
   * @return whether a second reading with a decimal comma is needed
   */
  static boolean mayHoldDecimalCommas(Table dot, CsvOptions options) {
    for (String name : dot.columnNames(ColumnType.CATEGORICAL)) {
      if (options.types().get(name) == ColumnType.CATEGORICAL) {
        continue;
      }
      boolean numbers = true;
      for (String cell : dot.categorical(name)) {
        if (cell != null && !Preprocessing.DECIMAL_COMMA.matcher(cell.strip()).matches()) {
          numbers = false;
          break;
        }
      }
      if (numbers) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every cell holding a comma could be a whole number with a thousands separator: an optional sign, one
   * to three digits, the first not 0, a comma and three digits (the cells are decimal-comma numbers).
   */
  private static boolean onlyThousands(String[] cells) {
    for (String cell : cells) {
      if (cell == null) {
        continue;
      }
      String c = cell.strip();
      int comma = c.indexOf(',');
      if (comma < 0) {
        continue;
      }
      int start = c.startsWith("+") || c.startsWith("-") ? 1 : 0;
      int whole = comma - start;
      boolean thousands = whole >= 1 && whole <= 3 && c.charAt(start) != '0' && c.length() == comma + 4;
      for (int i = start; thousands && i < c.length(); i++) {
        thousands = i == comma || c.charAt(i) >= '0' && c.charAt(i) <= '9';
      }
      if (!thousands) {
        return false;
      }
    }
    return true;
  }

  /** Longest header line examined for the field separator, in characters. */
  private static final int HEADER_SCAN_LIMIT = 1 << 16;

  /**
   * The field separator of a CSV file, from its header (its first line that is not empty), read as UTF-8.
   *
   * @param file the CSV file
   * @return {@code ','}, {@code ';'} or {@code '\t'}
   */
  static char delimiter(Path file) throws IOException {
    return delimiter(file, StandardCharsets.UTF_8);
  }

  /**
   * The field separator of a CSV file, from its header (its first line that is not empty): a semicolon, or
   * else a tab, when the header has one and no comma outside quotes (spreadsheets write such files where the
   * decimal separator is a comma); otherwise a comma. The header is decoded as the file is read: in the charset
   * of its byte-order mark, else in {@code charset}. Before, its bytes were read as UTF-8 whatever the file's
   * encoding, and in UTF-16 a byte of a letter can be a separator, a quote or a line end ({@code л} is 3B 04,
   * {@code č} is 0D 01): a tab-separated file was split at semicolons, a semicolon one read as comma-separated.
   *
   * @param file the CSV file
   * @param charset the charset of a file without a byte-order mark
   * @return {@code ','}, {@code ';'} or {@code '\t'}
   */
  static char delimiter(Path file, java.nio.charset.Charset charset) throws IOException {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    java.nio.charset.Charset cs = Csv.charset(file, charset); // the byte-order mark's, as Csv.read decodes
    try (java.io.InputStream in = Files.newInputStream(file)) {
      // only separators are counted: a byte sequence that is no text is the reading's to report
      Reader r = new InputStreamReader(in, cs.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE));
      boolean quoted = false;
      boolean content = false;
      for (int i = 0, c = r.read(); c >= 0 && i < HEADER_SCAN_LIMIT; i++, c = r.read()) {
        if (c == '\uFEFF' && i == 0) {
          continue; // the mark, decoded by a charset that keeps it
        }
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          if (content) {
            break;
          }
          continue;
        } else if (!quoted && c == ',') {
          commas++;
        } else if (!quoted && c == ';') {
          semicolons++;
        } else if (!quoted && c == '\t') {
          tabs++;
        }
        content = true;
      }
    }
    if (commas > 0) {
      return ',';
    }
    return semicolons > 0 ? ';' : tabs > 0 ? '\t' : ',';
  }

  /**
   * Reads a customer table so that its identifier column keeps each id's text as written. The default reading
   * types a column of digits as numbers, which would print {@code 0042} as {@code 42} and {@code 100000} as
   * {@code 100,000}; so when the id column ({@code idColumn}, or else the detected one) came out numeric, the
   * file is read again with that column as text. It is not when the column is also a feature in
   * {@code features}, whose type must stay the one the pipeline is fitted on.
   *
   * @param file the CSV file
   * @param idColumn the id column named by the user, or null to detect it
   * @param features the feature columns named by the user, or null for all
   * @return the table
   */
  static Table readCustomers(Path file, String idColumn, List<String> features) throws IOException {
    return readCustomers(file, idColumn, features, CsvOptions.defaults());
  }

  /**
   * {@link #readCustomers(Path, String, List)} with other base options (the file's encoding).
   *
   * @param file the CSV file
   * @param idColumn the id column named by the user, or null to detect it
   * @param features the feature columns named by the user, or null for all
   * @param base the options every reading starts from
   * @return the table
   */
  static Table readCustomers(Path file, String idColumn, List<String> features, CsvOptions base)
      throws IOException {
    return readCustomers(file, idColumn, features, base, null);
  }

  /**
   * {@link #readCustomers(Path, String, List, CsvOptions)}, adding to {@code notes} a line for each column named
   * like an id that is not taken as the id but used as a feature (detection only), and one when a feature column's
   * decimal points keep the decimal commas of other feature columns from being read (see {@link
   * #withDecimalCommas(Table, Path, CsvOptions, Set, List, Path)}; the decimal comma is decided on the features).
   *
   * @param file the CSV file
   * @param idColumn the id column named by the user, or null to detect it
   * @param features the feature columns named by the user, or null for all
   * @param base the options every reading starts from
   * @param notes where the notes go, or null
   * @return the table
   */
  static Table readCustomers(Path file, String idColumn, List<String> features, CsvOptions base, List<String> notes)
      throws IOException {
    try (Input in = Input.of(file)) {
      return readCustomers(in, idColumn, features, base, notes);
    }
  }

  /**
   * The detection judges the ids on their text: a column named like an id that came out numeric is read as text
   * for it, since as doubles ids of more than 15 digits collide (100000000000000001 and 100000000000000002), and
   * such an id column was taken for a feature.
   */
  private static Table readCustomers(Input file, String idColumn, List<String> features, CsvOptions base,
      List<String> notes) throws IOException {
    // the decimal comma is decided on the columns segmented: those named, or all but the id
    java.util.function.Function<Table, Set<String>> segmented = dot -> {
      Set<String> u = new HashSet<>();
      if (features != null) {
        features.forEach(c -> u.add(columnName(c, dot)));
      } else {
        u.addAll(dot.columnNames());
        u.remove(idColumn != null ? columnName(idColumn, dot) : Preprocessing.detectIdColumn(dot));
      }
      return u;
    };
    Table t = readTable(file, base, segmented, notes);
    List<String> used = columnNames(features, t);
    String id;
    Table text = null;
    List<String> forced = new ArrayList<>();
    if (idColumn != null) {
      id = columnName(idColumn, t);
    } else {
      CsvOptions asText = base;
      for (String c : t.columnNames(ColumnType.NUMERIC)) {
        if (Preprocessing.isIdName(c)) {
          asText = asText.type(c, ColumnType.CATEGORICAL);
          forced.add(c);
        }
      }
      text = forced.isEmpty() ? t : readTable(file, asText, segmented, notes);
      id = Preprocessing.detectIdColumn(text);
      if (notes != null) {
        notes.addAll(idNotes(text, id, used));
      }
    }
    if (!numericId(t, id) || used != null && used.contains(id)) {
      return t;
    }
    if (forced.size() == 1) {
      return text; // read with the id, and only it, as text
    }
    t = null; // the table is read again, with the id as text; the first reading may be collected meanwhile
    text = null;
    return readTable(file, base.type(id, ColumnType.CATEGORICAL), segmented, notes);
  }

  /**
   * A note for each column named like an id ({@link Preprocessing#isIdName}) that is not the id {@code id} but a
   * feature, saying why it was not taken for the id: an empty cell, or a value in two rows (on the cells' text).
   *
   * @param text the table, columns named like an id read as text
   * @param id the id column taken, or null
   * @param features the feature columns, or null for all but the id
   * @return the notes, "note: ..." each
   */
  static List<String> idNotes(Table text, String id, List<String> features) {
    List<String> notes = new ArrayList<>();
    for (String c : text.columnNames()) {
      if (!Preprocessing.isIdName(c) || c.equals(id) || features != null && !features.contains(c)) {
        continue;
      }
      String why = null;
      String[] cells = text.type(c) == ColumnType.CATEGORICAL ? text.categorical(c) : null;
      if (text.missingCount(c) > 0) {
        int first = 0;
        while (!(cells == null ? Double.isNaN(text.numeric(c)[first]) : cells[first] == null)) {
          first++;
        }
        int m = text.missingCount(c);
        why = m + (m == 1 ? " cell is" : " cells are") + " empty (the first in row " + (first + 1) + ")";
      } else if (cells != null) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < cells.length && why == null; i++) {
          Integer before = seen.putIfAbsent(cells[i], i);
          if (before != null) {
            String v = cells[i].length() > 40 ? cells[i].substring(0, 37) + "..." : cells[i];
            why = "rows " + (before + 1) + " and " + (i + 1) + " both hold '" + v + "'";
          }
        }
      }
      if (why != null) {
        notes.add("note: column '" + c + "' is used as a feature, not as the customer id: " + why + " (rows"
            + " counted from 1 = the first data row); if it identifies the customers, name it with --id-column"
            + " (empty cells allowed, no id twice), or leave it out with --columns");
      }
    }
    return notes;
  }

  /**
   * The columns named with {@code --columns}, without the spaces around each name ({@code --columns "Age,
   * Gender"}), unless the name with them is a column of the table (a header name with spaces around it);
   * spaces inside a name are part of it.
   *
   * @param names the names as given, or null
   * @param t the table
   * @return the names, or null
   */
  static List<String> columnNames(List<String> names, Table t) {
    if (names == null) {
      return null;
    }
    List<String> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(columnName(name, t));
    }
    return out;
  }

  /**
   * A column named on the command line ({@code --columns}, {@code --id-column}), without the spaces around it
   * unless the name with them is a column of the table.
   *
   * @param name the name as given
   * @param t the table
   * @return the name to look up
   */
  static String columnName(String name, Table t) {
    return t.hasColumn(name) ? name : name.strip();
  }

  private static boolean numericId(Table t, String id) {
    return id != null && t.hasColumn(id) && t.type(id) == ColumnType.NUMERIC;
  }

  private static final java.util.regex.Pattern OPTION_MESSAGE =
      java.util.regex.Pattern.compile(
          "(k|k-max|eps|min-pts|min-cluster-size|min-samples|outlier-share|lof-k|threads|stability|gap)( must|:) .*",
          java.util.regex.Pattern.DOTALL);

  /**
   * A message of {@link Segmenter} (or {@link Assessment}) about one of its parameters, naming the option that sets
   * it: "--k must be >= 1, got 0" for "k must be >= 1, got 0", "--stability: ..." for "stability: ..."; other
   * messages as they are.
   *
   * @param m the message
   * @return the message for the command line
   */
  static String optionMessage(String m) {
    return m != null && OPTION_MESSAGE.matcher(m).matches() ? "--" + m : m;
  }

  private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile(" at row (\\d+)");

  /**
   * A message of the model's pipeline with its 0-based row numbers ("at row 0") as the CLI counts rows, 1 for
   * the first data row ("in row 1 (1 = the first data row)").
   *
   * @param m the message
   * @return the message for the command line
   */
  static String dataRows(String m) {
    if (m == null) {
      return null;
    }
    java.util.regex.Matcher mm = ROW.matcher(m);
    StringBuilder sb = new StringBuilder();
    while (mm.find()) {
      mm.appendReplacement(sb, " in row " + (Long.parseLong(mm.group(1)) + 1) + " (1 = the first data row)");
    }
    mm.appendTail(sb);
    return sb.toString();
  }

  /**
   * The optional count of {@code --gap [B]}: the next argument when it is a number ({@code --gap 50}, {@code
   * --gap=50}), else {@link Assessment#DEFAULT_REFERENCE_SETS} and the argument left for what follows, so that
   * {@code --gap customers.csv} reads the file (picocli's own optional value took {@code customers.csv} for the count
   * and refused it as "not an int"). A number that is no whole one ({@code 2.5}, {@code 1e3}) is refused as picocli
   * refuses it.
   */
  static final class OptionalCount implements CommandLine.IParameterConsumer {
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?[0-9][0-9.,eE+-]*");

    @Override
    public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec argSpec,
        CommandLine.Model.CommandSpec commandSpec) {
      String next = args.isEmpty() ? null : args.peek();
      if (next == null || !NUMBER.matcher(next).matches()) {
        argSpec.setValue(Assessment.DEFAULT_REFERENCE_SETS);
        return;
      }
      args.pop();
      try {
        argSpec.setValue(Integer.valueOf(next));
      } catch (NumberFormatException e) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(), "Invalid value for option '--gap': '"
            + next + "' is not an int", argSpec, next);
      }
    }
  }

  /** {@code segment [file.csv]}. */
  @Command(name = "segment", mixinStandardHelpOptions = true, version = Cli.VERSION, sortOptions = false,
      description = {"Segments customers: impute, one-hot, log of skewed money columns, scale; sweep k; fit;"
          + " print the segment profile, names, outliers and quality; write labels, model and charts.",
          "With no file, a generated table of 1,000 customers is used.",
          "bisecting: bisecting K-Means, nested segments (all customers split in two, then one segment at a time);"
              + " the report adds the segment tree, the splits in order with their sizes and names.",
          "Options of some algorithms only are refused with the others: --k and --outlier-share are kmeans',"
              + " gmm's, kmedoids' and bisecting's, --eps and --min-pts dbscan's, --min-cluster-size and --min-samples"
              + " hdbscan's, --distance kmedoids', --stability kmeans', gmm's, kmedoids' and bisecting's, --gap all but"
              + " kmedoids'; the others apply to all six (--k-max and --seed to the K-Means sweep that is printed and"
              + " charted for dbscan and hdbscan too; kmedoids sweeps K-Medoids fits, bisecting reads every k from one"
              + " bisecting fit).",
          "--outliers lof or iforest flags the outliers by a detector instead of the clustering, with any of the six;"
              + " --outlier-share then sets its contamination (or auto) with dbscan and hdbscan too; --lof-k is lof's"
              + " only."})
  static final class SegmentCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "file.csv",
        description = "customer table (CSV with a header row; fields separated by commas, or by"
            + " semicolons or tabs when the header has no comma; with semicolons or tabs, numbers may be"
            + " written with a decimal comma, 2,5, when no number in the columns segmented has a decimal point"
            + " (a note names such a column); a column"
            + " whose only commas look like thousands separators, 1,250, stays text unless another number"
            + " shows the decimal comma); default: a generated table")
    Path file;

    @Option(names = "--algorithm", paramLabel = "NAME", description = "clustering algorithm: kmeans, gmm, dbscan,"
        + " hdbscan, kmedoids or bisecting (default: ${DEFAULT-VALUE})", defaultValue = "kmeans")
    String algorithm;

    @Option(names = "--k", paramLabel = "K", description = "number of segments (kmeans, gmm, kmedoids, bisecting);"
        + " default: the"
        + " k with the highest silhouette in the sweep")
    Integer k;

    @Option(names = "--distance", paramLabel = "gower|manhattan|euclidean", description = "distance of kmedoids:"
        + " gower (the default) scales the numbers to [0, 2] and takes the Manhattan distance, so that two customers"
        + " are 2 x p x Gower's dissimilarity apart (p = the columns used); manhattan and euclidean take the"
        + " standard-scaled numbers")
    String distance;

    @Option(names = "--k-max", paramLabel = "K", defaultValue = "10",
        description = "largest k of the sweep, at least 2 (default: ${DEFAULT-VALUE}); kmeans, gmm, kmedoids and"
            + " bisecting take k from the sweep unless --k is given, dbscan and hdbscan print and chart it for"
            + " comparison")
    int kMax;

    @Option(names = "--eps", paramLabel = "EPS", description = "DBSCAN radius in scaled units; default: the knee"
        + " of the sorted k-distance curve")
    Double eps;

    @Option(names = "--min-pts", paramLabel = "N", description = "DBSCAN minPts, counting the customer itself;"
        + " default: 2 x number of model columns (at least 4)")
    Integer minPts;

    @Option(names = "--min-cluster-size", paramLabel = "N", description = "HDBSCAN's fewest customers in a segment,"
        + " at least 2; default: 1%% of the customers, at least 5")
    Integer minClusterSize;

    @Option(names = "--min-samples", paramLabel = "N", description = "HDBSCAN's density threshold: a customer's core"
        + " distance is the distance to its N-th nearest customer, itself counted; larger N, more noise; at least 1;"
        + " default: the min cluster size")
    Integer minSamples;

    @Option(names = "--columns", split = ",", paramLabel = "a,b,c",
        description = "feature columns to use, separated by commas (spaces around a name are ignored);"
            + " default: all but the id column")
    List<String> columns;

    @Option(names = "--id-column", paramLabel = "NAME", description = "customer id column, no id twice (empty"
        + " cells allowed; spaces around the name are ignored); default: detected, e.g. CustomerID, CUST_ID")
    String idColumn;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "segments",
        description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of K-Means, K-Medoids,"
        + " the mixture and the silhouette sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "threads for the k sweep, the"
        + " fit, the k-distance curve, the silhouette and the PCA, at least 1 (default: ${DEFAULT-VALUE}); the"
        + " results are the same for any number")
    int threads;

    @Option(names = "--outlier-share", paramLabel = "P", defaultValue = "0.01",
        description = "share of customers flagged as outliers by kmeans, gmm, kmedoids and bisecting, 0 to 0.5,"
            + " rounded down to"
            + " whole customers: 0.01 flags 1 of 150 customers, none of 99 (default: ${DEFAULT-VALUE}); dbscan's"
            + " and hdbscan's outliers are their noise; with --outliers lof or iforest (every algorithm) the"
            + " detector's contamination, above 0 to 0.5, or auto for the detector's own threshold (LOF above 1.5,"
            + " isolation score above 0.5)")
    String outlierShare;

    @Option(names = "--outliers", paramLabel = "model|lof|iforest", defaultValue = "model",
        description = "what flags the outliers: model, the clustering's rule above (default: ${DEFAULT-VALUE});"
            + " lof, a Local Outlier Factor, or iforest, an isolation forest (100 trees of 256 customers, --seed),"
            + " fitted on the preprocessed customers the clustering sees, with any algorithm: the report ranks by"
            + " the detector's score and labels.csv gains its outlier_score; dbscan's and hdbscan's noise keeps its"
            + " label and is flagged only when the detector flags it; model.json keeps the detector for predict")
    String outliers;

    @Option(names = "--lof-k", paramLabel = "N", description = "neighbours of --outliers lof, at least 1 and fewer"
        + " than the customers (default: 20)")
    Integer lofK;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8", description = "text encoding of"
        + " the file, such as windows-1252 or ISO-8859-1 (default: ${DEFAULT-VALUE}; a byte-order mark wins)")
    String encoding;

    @Option(names = "--stability", paramLabel = "B", defaultValue = "0", description = "check each segment's"
        + " stability (kmeans, kmedoids, gmm, bisecting): segment B bootstrap resamples of the customers again with"
        + " the same algorithm, k, distance, seed and restarts, and print each segment's mean Jaccard coefficient with"
        + " its best match (Hennig 2007, fpc::clusterboot; 0.85 or more highly stable, 0.75 or more stable, below 0.6"
        + " unstable) beside it, and in a column 'stability' of profile.csv; 100 is usual, 0 to 10000 (default:"
        + " ${DEFAULT-VALUE}, off); costs B fits of the algorithm on about 63%% of the customers, on --threads threads")
    int stability;

    @Option(names = "--gap", paramLabel = "B", arity = "0..1", parameterConsumer = OptionalCount.class,
        description = "add the gap"
        + " statistic (Tibshirani et al. 2001) to the K-Means sweep (not kmedoids'; bisecting's clusters the data and"
        + " the reference sets with bisecting K-Means): columns gap and s_k, and the k"
        + " of the paper's rule and of the global-SE-max rule; k is still chosen as without it; B uniform reference"
        + " sets, 2 to 1000 (default when given alone: 20); costs B more sweeps, on --threads threads")
    Integer gap;

    @Option(names = "--no-log", description = "do not take the log of skewed columns")
    boolean noLog;

    @Option(names = "--trim-spaces", description = "remove the spaces and tabs around each field, outside quotes, as"
        + " in a file written as 'id, gender, age' (header names and categories then lose them; quoted text is kept)")
    boolean trimSpaces;

    SegmentCommand(PrintStream out, PrintStream err, boolean progress) {
      this.out = out;
      this.err = err;
      this.progress = progress;
    }

    /**
     * Refuses an option given on the command line that the algorithm does not use, naming both: before, {@code
     * --outlier-share} with dbscan was silently ignored. {@code --distance} is kmedoids' only; {@code --stability}
     * kmeans', kmedoids' and gmm's ({@link Assessment#stabilityApplies}), {@code --gap} all but kmedoids' ({@link
     * Assessment#gapApplies}). {@code --k-max} and {@code --seed} apply to every algorithm (the K-Means sweep is
     * printed and charted for dbscan too, the silhouette sample is seeded).
     *
     * @param alg the algorithm
     * @throws IllegalArgumentException for the first such option
     */
    private void checkApplies(Segmenter.Algorithm alg, Segmenter.Outliers detector) {
      String name = alg.name().toLowerCase(Locale.ROOT);
      if (detector != Segmenter.Outliers.LOF && given("--lof-k")) {
        throw new IllegalArgumentException("--lof-k does not apply to --outliers "
            + detector.name().toLowerCase(Locale.ROOT) + " (it sets the neighbours of --outliers lof)");
      }
      if (!Assessment.stabilityApplies(alg) && given("--stability")) {
        throw new IllegalArgumentException("--stability does not apply to --algorithm " + name + " (it applies to"
            + " kmeans, kmedoids, gmm and bisecting; " + name + "'s "
            + (alg == Segmenter.Algorithm.DBSCAN ? "eps and minPts are" : "min cluster size and minSamples are")
            + " set for the whole table's density, which a bootstrap resample, about 63% of the customers, does not"
            + " have)");
      }
      if (!Assessment.gapApplies(alg) && gap != null) { // not given("--gap"): OptionalCount sets it unrecorded
        throw new IllegalArgumentException("--gap does not apply to --algorithm kmedoids (its sweep fits K-Medoids;"
            + " the gap statistic compares K-Means' within-segment sums of squares: use it with kmeans, gmm, dbscan"
            + " or hdbscan, whose sweep is K-Means')");
      }
      if (alg != Segmenter.Algorithm.KMEDOIDS && given("--distance")) {
        throw new IllegalArgumentException("--distance does not apply to --algorithm " + name + " (it applies to"
            + " kmedoids only; " + name + " uses the Euclidean distance on standard-scaled numbers)");
      }
      if (alg == Segmenter.Algorithm.DBSCAN) {
        if (given("--k")) {
          throw new IllegalArgumentException("--k does not apply to --algorithm dbscan (it finds the number of"
              + " segments itself; use --eps and --min-pts)");
        }
        if (given("--outlier-share") && detector == Segmenter.Outliers.MODEL) {
          throw new IllegalArgumentException("--outlier-share does not apply to --algorithm dbscan (its outliers"
              + " are its noise, the customers in no dense region: --eps and --min-pts set them)");
        }
        for (String o : new String[] {"--min-cluster-size", "--min-samples"}) {
          if (given(o)) {
            throw new IllegalArgumentException(o + " does not apply to --algorithm dbscan (--min-cluster-size and"
                + " --min-samples apply to hdbscan only; dbscan takes --eps and --min-pts)");
          }
        }
      } else if (alg == Segmenter.Algorithm.HDBSCAN) {
        if (given("--k")) {
          throw new IllegalArgumentException("--k does not apply to --algorithm hdbscan (it finds the number of"
              + " segments itself; use --min-cluster-size and --min-samples)");
        }
        if (given("--outlier-share") && detector == Segmenter.Outliers.MODEL) {
          throw new IllegalArgumentException("--outlier-share does not apply to --algorithm hdbscan (its outliers"
              + " are its noise, the customers in no segment of at least --min-cluster-size: --min-cluster-size and"
              + " --min-samples set them)");
        }
        for (String o : new String[] {"--eps", "--min-pts"}) {
          if (given(o)) {
            throw new IllegalArgumentException(o + " does not apply to --algorithm hdbscan (--eps and --min-pts"
                + " apply to dbscan only; hdbscan considers every radius and takes --min-cluster-size and"
                + " --min-samples)");
          }
        }
      } else {
        for (String o : new String[] {"--eps", "--min-pts"}) {
          if (given(o)) {
            throw new IllegalArgumentException(o + " does not apply to --algorithm " + name + " (--eps and"
                + " --min-pts apply to dbscan only; " + name + " takes --k, or the best k of the sweep)");
          }
        }
        for (String o : new String[] {"--min-cluster-size", "--min-samples"}) {
          if (given(o)) {
            throw new IllegalArgumentException(o + " does not apply to --algorithm " + name + " (--min-cluster-size"
                + " and --min-samples apply to hdbscan only; " + name + " takes --k, or the best k of the sweep)");
          }
        }
      }
    }

    /** Whether the option was given on the command line (not only its default). */
    private boolean given(String option) {
      return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @Override
    public Integer call() throws IOException {
      Segmenter.Algorithm alg;
      try {
        alg = Segmenter.Algorithm.valueOf(algorithm.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--algorithm must be kmeans, gmm, dbscan, hdbscan, kmedoids or bisecting,"
            + " got '" + algorithm + "'");
      }
      Segmenter.Outliers detector;
      try {
        detector = Segmenter.Outliers.valueOf(outliers.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--outliers must be model, lof or iforest, got '" + outliers + "'");
      }
      checkApplies(alg, detector);
      boolean shareAuto = "auto".equalsIgnoreCase(outlierShare.trim());
      if (shareAuto && detector == Segmenter.Outliers.MODEL) {
        throw new IllegalArgumentException("--outlier-share auto applies to --outliers lof and iforest only (their"
            + " own threshold); the clustering's outliers (--outliers model) are a share of the customers, 0 to 0.5");
      }
      double share;
      try {
        share = shareAuto ? 0.01 : Double.parseDouble(outlierShare.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--outlier-share must be a number from 0 to 0.5"
            + (detector == Segmenter.Outliers.MODEL ? "" : " or auto") + ", got '" + outlierShare + "'");
      }
      if (file != null && spec != null
          && spec.commandLine().getParseResult().originalArgs().contains("--gap=" + file)) {
        // OptionalCount leaves a value that is no number to the file: --gap=abc is a bad count, not a file
        throw new IllegalArgumentException("--gap must be a whole number of reference sets, got '" + file + "'");
      }
      if (stability < 0 || stability > Assessment.MAX_RESAMPLES) {
        throw new IllegalArgumentException("--stability must be >= 0 (0 = off) and <= " + Assessment.MAX_RESAMPLES
            + ", got " + stability);
      }
      if (gap != null && (gap < 2 || gap > Assessment.MAX_REFERENCE_SETS)) {
        throw new IllegalArgumentException("--gap must be >= 2 and <= " + Assessment.MAX_REFERENCE_SETS
            + " reference sets, got " + gap);
      }
      Segmenter.Distance dist = null;
      if (distance != null) {
        try {
          dist = Segmenter.Distance.valueOf(distance.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--distance must be gower, manhattan or euclidean, got '" + distance
              + "'");
        }
      }
      Segmenter config;
      try {
        config = Segmenter.defaults().algorithm(alg).k(k).maxK(kMax).eps(eps).minPts(minPts)
            .minClusterSize(minClusterSize).minSamples(minSamples).logSkewed(!noLog).seed(seed)
            .outlierShare(share).parallelism(threads).distance(dist).outliers(detector)
            .outlierShareAuto(shareAuto);
        if (lofK != null) {
          config = config.lofK(lofK);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(optionMessage(e.getMessage()), e);
      }
      if (outDir.toString().isBlank()) {
        throw new IllegalArgumentException("--out must name a folder, got '" + outDir + "'");
      }
      Outputs.checkFolder(outDir); // before the work, not after the report
      Table table;
      String source;
      if (file == null) {
        table = CustomerData.generate();
        source = "the built-in generated table (seed " + CustomerData.DEFAULT_SEED + ")";
      } else {
        List<String> notes = new ArrayList<>();
        table = readCustomers(file, idColumn, columns,
            CsvOptions.defaults().charset(charset(encoding)).trimSpaces(trimSpaces), notes);
        notes.forEach(err::println);
        source = file.getFileName().toString();
        checkSegmentable(table, file, idColumn, columns);
      }
      config = config.columns(columnNames(columns, table))
          .idColumn(idColumn == null ? null : columnName(idColumn, table));
      Segmentation s;
      try {
        if (progress) {
          try (ProgressBar bar = new ProgressBarBuilder().setTaskName("k sweep").setInitialMax(kMax)
              .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).setMaxRenderedLength(80)
              .setConsumer(new ConsoleProgressBarConsumer(err, 80)).build()) {
            IntConsumer step = kk -> bar.stepTo(kk);
            s = config.run(table, step);
            bar.stepTo(bar.getMax());
          }
        } else {
          s = config.run(table, null);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(optionMessage(e.getMessage()), e);
      }
      Assessment checks;
      try {
        checks = Assessment.of(s, stability, gap == null ? 0 : gap, threads);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(optionMessage(e.getMessage()), e);
      }
      Report.print(s, source, out, checks);
      Outputs.Written w = Outputs.write(s, outDir, checks);
      out.println();
      out.println("wrote " + w.files.size() + " files to " + outDir + ": labels.csv, profile.csv, model.json, "
          + "segments-pca, k-selection and k-distance charts (.svg and .png)");
      if (!w.modelIncluded) {
        out.println("note: model.json holds the pipeline and segment names but not the "
            + algorithm.toLowerCase(Locale.ROOT) + " model (this build of clustering-io cannot save it yet),"
            + " so predict cannot use it");
      } else {
        out.println("assign new customers: java -jar clusterkit-cli.jar predict " + outDir.resolve("model.json")
            + " customers.csv");
      }
      return 0;
    }
  }

  /**
   * Refuses a customer file that cannot be segmented, saying so in the file's terms: no data rows, no column but
   * the id, a column named with {@code --columns} or {@code --id-column} that it does not have, or a feature column
   * without a value. Before, the library's words reached the user: "the table has 0 rows", "drop would remove every
   * column [id]; a table needs one", "no column named 'x'; columns are [...]", "Imputer: column 'x' has no observed
   * (non-missing) value to fit on".
   *
   * @param t the customers as read
   * @param file their file
   * @param idColumn the id column named with {@code --id-column}, or null to detect it
   * @param columns the columns named with {@code --columns}, or null for all but the id
   * @throws IllegalArgumentException naming the file and what it lacks
   */
  static void checkSegmentable(Table t, Path file, String idColumn, List<String> columns) {
    int n = t.rowCount();
    if (n == 0) {
      throw new IllegalArgumentException(file + " has no data rows (only a header line); segmentation needs at"
          + " least 3 customers");
    }
    String its = " (its columns: " + String.join(", ", t.columnNames()) + ")";
    String id = idColumn != null ? columnName(idColumn, t) : Preprocessing.detectIdColumn(t);
    if (id != null && !t.hasColumn(id)) {
      throw new IllegalArgumentException("--id-column names '" + id + "', which is no column of " + file + its);
    }
    List<String> features = new ArrayList<>();
    if (columns != null) {
      for (String c : columnNames(columns, t)) {
        if (!t.hasColumn(c)) {
          throw new IllegalArgumentException("--columns names '" + c + "', which is no column of " + file + its);
        }
        features.add(c);
      }
    } else {
      for (String c : t.columnNames()) {
        if (!c.equals(id)) {
          features.add(c);
        }
      }
      if (features.isEmpty()) {
        throw new IllegalArgumentException(file + " has no column to segment: its only column, '" + id + "', is"
            + " the customer id" + (idColumn == null ? " (detected by its name)" : ""));
      }
    }
    for (String c : features) {
      if (n >= 3 && t.missingCount(c) == n) { // fewer rows: Segmenter says that 3 are needed
        throw new IllegalArgumentException("column '" + c + "' of " + file + " has no value (all " + n
            + " cells are empty or NA); leave it out with --columns");
      }
    }
  }

  /** {@code predict model.json customers.csv}. */
  @Command(name = "predict", mixinStandardHelpOptions = true, version = Cli.VERSION,
      description = {"Assigns customers to the segments of a model file written by 'segment'.",
          "Prints CSV: id, segment, segment_name, outlier (and probability for gmm; probability and outlier_score"
              + " for hdbscan); without the id column, the row number (1 = first data row) under the header 'row'.",
          "A model of segment --outliers lof or iforest flags by its detector and prints its score as outlier_score"
              + " (for hdbscan in place of GLOSH): the score of the customer's preprocessed row; an isolation"
              + " forest gives a customer of the fit its score in the fit, a LOF scores the customer against all the"
              + " fit's customers (a customer of the fit fed back finds its own copy at distance 0, and gets a lower"
              + " LOF than in the fit)."})
  static final class PredictCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "model.json", description = "model file written by segment")
    Path model;

    @Parameters(index = "1", paramLabel = "customers.csv", description = "customers to assign (CSV with the"
        + " feature columns the model uses, separated and with decimal commas as for segment; the id column"
        + " and other columns are optional)")
    Path customers;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8", description = "text encoding of"
        + " customers.csv, such as windows-1252 (default: ${DEFAULT-VALUE}; a byte-order mark wins)")
    String encoding;

    @Option(names = "--trim-spaces", description = "remove the spaces and tabs around each field, outside quotes, as"
        + " for segment (use it when segment used it)")
    boolean trimSpaces;

    private final PrintStream err;

    PredictCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    /**
     * Reads the new customers as the model saw its own: the id column as text when it came out numeric (ids printed as
     * written), and a column the model reads as text as text even when this file's cells are all digits.
     */
    private static Table readCustomersToPredict(Input customers, ModelBundle bundle, CsvOptions base,
        List<String> notes) throws IOException {
      // the decimal comma is decided on the columns the model reads
      java.util.function.Function<Table, Set<String>> used = dot -> new HashSet<>(bundle.pipeline()
          .requiredColumns());
      Table t = readTable(customers, base, used, notes);
      String id = bundle.idColumn() != null && t.hasColumn(bundle.idColumn()) ? bundle.idColumn() : null;
      CsvOptions asText = base;
      boolean reread = false;
      if (numericId(t, id) && !bundle.pipeline().requiredColumns().contains(id)) {
        // as segment does: the ids are printed as written (leading zeros, no thousands separators)
        asText = asText.type(id, ColumnType.CATEGORICAL);
        reread = true;
      }
      // A column the model reads as text whose cells in this file all happen to be digits (plan codes 1 and 2 of
      // a column that also held "gold") is read as text, as the model saw it; a numeric column is never forced.
      List<String> required = bundle.pipeline().requiredColumns();
      List<ColumnType> requiredTypes = bundle.pipeline().requiredTypes();
      for (int j = 0; j < required.size(); j++) {
        String c = required.get(j);
        if (requiredTypes.get(j) == ColumnType.CATEGORICAL && t.hasColumn(c) && t.type(c) == ColumnType.NUMERIC) {
          asText = asText.type(c, ColumnType.CATEGORICAL);
          reread = true;
        }
      }
      if (reread) {
        t = readTable(customers, asText, used, notes);
      }
      return t;
    }

    @Override
    public Integer call() throws IOException {
      if (Files.isDirectory(model)) {
        throw new IllegalArgumentException(model + " is a folder, not a model file (segment writes "
            + model.resolve("model.json") + ")");
      }
      if (!Files.isRegularFile(model)) {
        throw new NoSuchFileException(model.toString());
      }
      ModelBundle bundle = ModelBundle.load(model);
      CsvOptions base = CsvOptions.defaults().charset(charset(encoding)).trimSpaces(trimSpaces);
      Table t;
      List<String> notes = new ArrayList<>();
      try (Input in = Input.of(customers)) {
        t = readCustomersToPredict(in, bundle, base, notes);
      }
      notes.forEach(err::println);
      if (t.rowCount() == 0) {
        throw new IllegalArgumentException(customers + " has no data rows (only a header line): no customer to"
            + " assign");
      }
      String id = bundle.idColumn() != null && t.hasColumn(bundle.idColumn()) ? bundle.idColumn() : null;
      checkColumns(bundle.pipeline(), t, customers);
      String unseen = unseenCategories(bundle.pipeline(), t);
      if (unseen != null) {
        err.println("note: " + unseen);
      }
      ModelBundle.Prediction p;
      try {
        p = bundle.predict(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(dataRows(e.getMessage()), e);
      }
      String[] ids = new String[t.rowCount()];
      if (id != null && t.type(id) == ColumnType.CATEGORICAL) {
        ids = t.categorical(id);
      } else if (id != null) {
        double[] v = t.numeric(id);
        for (int i = 0; i < ids.length; i++) {
          ids[i] = Outputs.idText(v[i]);
        }
      } else {
        for (int i = 0; i < ids.length; i++) {
          ids[i] = Integer.toString(i + 1);
        }
      }
      StringBuilder sb = new StringBuilder();
      sb.append(Outputs.csv(id == null ? "row" : id)).append(",segment,segment_name,outlier")
          .append(p.probabilities == null ? "" : ",probability").append(p.outlierScores == null ? "" : ",outlier_score")
          .append('\n');
      for (int i = 0; i < ids.length; i++) {
        int l = p.labels[i];
        String name = l < 0 ? "Outliers (noise)" : bundle.segments().get(l);
        sb.append(Outputs.csv(ids[i] == null ? "" : ids[i])).append(',').append(l).append(',')
            .append(Outputs.csv(name)).append(',').append(p.outliers[i]);
        if (p.probabilities != null) {
          sb.append(',').append(String.format(Locale.ROOT, "%.4f", p.probabilities[i]));
        }
        if (p.outlierScores != null) {
          sb.append(',').append(String.format(Locale.ROOT, "%.4f", p.outlierScores[i]));
        }
        sb.append('\n');
      }
      out.print(sb);
      out.flush();
      return 0;
    }
  }

  /**
   * The categories of the new customers that the model never saw (a one-hot encoder ignores them: such a customer
   * counts as in none of the column's known categories), such as a new channel or {@code " Male"} against
   * {@code "Male"}: at most three per column, with their counts.
   *
   * @param pipeline the model's pipeline
   * @param t the new customers
   * @return a one-line note, or {@code null} when every category is known
   */
  static String unseenCategories(PipelineModel pipeline, Table t) {
    StringBuilder sb = new StringBuilder();
    int rows = 0;
    boolean[] flagged = new boolean[t.rowCount()];
    for (FittedStep step : pipeline.steps()) {
      if (!(step instanceof OneHotEncoder.Fitted)) {
        continue;
      }
      OneHotEncoder.Fitted enc = (OneHotEncoder.Fitted) step;
      for (int j = 0; j < enc.columns().size(); j++) {
        String c = enc.columns().get(j);
        if (!t.hasColumn(c) || t.type(c) != ColumnType.CATEGORICAL) {
          continue;
        }
        Set<String> known = new HashSet<>(enc.categories().get(j));
        Map<String, Integer> counts = new TreeMap<>();
        String[] v = t.categorical(c);
        for (int i = 0; i < v.length; i++) {
          if (v[i] != null && !known.contains(v[i])) {
            counts.merge(v[i], 1, Integer::sum);
            if (!flagged[i]) {
              flagged[i] = true;
              rows++;
            }
          }
        }
        int shown = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
          if (shown == 3) {
            sb.append(", ... (").append(counts.size() - 3).append(" more)");
            break;
          }
          sb.append(sb.length() == 0 ? "" : ", ").append(c).append(" '").append(e.getKey()).append("' (")
              .append(e.getValue()).append(')');
          shown++;
        }
      }
    }
    if (rows == 0) {
      return null;
    }
    return rows + (rows == 1 ? " customer has" : " customers have") + " a category the model never saw, counted as"
        + " none of its known ones: " + sb;
  }

  /**
   * Checks that the customers have the columns the model reads, with their types, and says what is wrong in a
   * user's terms: "the model needs column 'Age' (numbers); new.csv has no such column (...)" or "...; in new.csv
   * it holds text, such as 'n/a' in row 3". The pipeline's own message, written for library users, names
   * {@code requiredColumns()} and the step that reads the column.
   *
   * @param pipeline the model's pipeline
   * @param t the customers
   * @param file their file
   * @throws IllegalArgumentException if a column is missing, or of the other type without being all missing
   */
  static void checkColumns(PipelineModel pipeline, Table t, Path file) {
    List<String> names = pipeline.requiredColumns();
    List<ColumnType> types = pipeline.requiredTypes();
    for (int j = 0; j < names.size(); j++) {
      String c = names.get(j);
      ColumnType want = types.get(j);
      String needs = "the model needs column '" + c + "' (" + (want == ColumnType.NUMERIC ? "numbers" : "text")
          + "); ";
      if (!t.hasColumn(c)) {
        throw new IllegalArgumentException(needs + file + " has no such column (its columns: "
            + String.join(", ", t.columnNames()) + ")");
      }
      if (t.type(c) == want || t.missingCount(c) == t.rowCount()) {
        continue;
      }
      if (want == ColumnType.CATEGORICAL) {
        throw new IllegalArgumentException(needs + "in " + file + " it holds numbers only");
      }
      String[] cells = t.categorical(c);
      // The example is a cell that is no number at all ('n/a'), not one that is only in the other grammar: in a
      // semicolon file that writes 19,5, a column with one 'n/a' was shown by its first number, '19,5'. Only when
      // every cell is a number in one grammar or the other is a decimal-comma cell the example (1,250 below).
      int row = 0;
      while (row < cells.length && (cells[row] == null || Preprocessing.isNumber(cells[row]))) {
        row++;
      }
      if (row == cells.length) {
        row = 0;
        while (row < cells.length
            && (cells[row] == null || Preprocessing.DECIMAL.matcher(cells[row].strip()).matches())) {
          row++;
        }
      }
      String cell = row < cells.length && cells[row].length() > 60 ? cells[row].substring(0, 57) + "..."
          : row < cells.length ? cells[row] : null;
      String example = cell != null ? ", such as '" + cell + "' in row " + (row + 1)
          + " (1 = the first data row)" : "";
      if (cell != null && cell.indexOf(',') >= 0 && onlyThousands(new String[] {cell})) {
        // withDecimalCommas keeps such a column as text when nothing in the file shows what its commas are
        example += ", whose comma may be a thousands separator or a decimal comma, and no number in the file shows"
            + " which: write such numbers without a thousands separator, or with a decimal comma and a number of"
            + " decimals other than three (" + cell.strip().replace(",", "") + " or "
            + cell.strip() + "0)";
      }
      throw new IllegalArgumentException(needs + "in " + file + " it holds text" + example);
    }
  }

  /** {@code demo}: the DBSCAN demonstration. */
  @Command(name = "demo", mixinStandardHelpOptions = true, version = Cli.VERSION,
      description = "DBSCAN on generated customers, eps from the k-distance knee (the first demonstration).")
  static final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;

    DemoCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      Demo.run(out);
      return 0;
    }
  }
}
