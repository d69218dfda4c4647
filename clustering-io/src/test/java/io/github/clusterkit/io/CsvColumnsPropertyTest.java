package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link Csv} stores the cells column by column as compact text while it reads; these properties compare it
 * with {@link CsvOracle}, the straightforward reader that keeps every cell as a string, over random CSV texts:
 * quoted fields with delimiters, line breaks and quotes inside, characters beyond Latin-1 that first appear
 * late in a column, missing tokens with spaces around them, columns that look numeric for many rows and then
 * turn categorical, numbers outside the double range, forced types, malformed records, empty and header-only
 * input, and decimal commas (numbers written with a comma, some with a stray point). The expected value is the oracle's: the same table (names, types, numbers bit for bit, null for
 * missing cells) or the same error message.
 */
class CsvColumnsPropertyTest {

  private static final char[] DELIMITERS = {',', ',', ',', ';', '\t', '|', '\u00A7', '\u2016'};
  private static final String[][] TOKENS = {{"", "NA"}, {"", "NA"}, {"?"}, {}, {" NA ", "-"},
      {"", "NA", "\u00F1", "0"}, {"\u6771"}, {"na", "N/A", ""}};
  private static final String[] NAMES = {"id", "a", "b", "Gender", "Stra\u00DFe", "\u540D\u524D", "x0", "x1",
      " sp ", "q\"t", "d,e", "line\nbreak", "\uD83D\uDE00"};
  private static final String[] NUMBERS = {"1", "-2.5", " 3e2 ", "+.5", "5.", "0", "-0", "-0.0", "007",
      "\t42\t", "1E+3", "2.5e-3", "123456789012345678901234567890", "0.1", "4.9e-324", "1e-400", "-1e-400",
      "1.7976931348623157e308", "\u00A012", "12\u2003", "\u001F7"};
  private static final String[] HUGE = {"1e999", "-1e309", " 2E400 "};
  private static final String[] NOT_NUMBERS = {"x", "1,5", "NaN", "Infinity", "0x10", "1d", "\uFF11",
      "1 2", "e5", ".", "-", "1e", "\u0661", "1.234,5", "1,2,3", ",", "2.5", "1, 5"};
  private static final String[] CATEGORIES = {"Male", "Female", " Male", "male", "Z\u00FCrich", "S\u00E3o Paulo",
      "01", "A B", ""};
  private static final String[] LATE = {"\u6771\u4EAC", "\u03A9", "\uD83D\uDE00", "\u0100", "\u20AC 5"};
  private static final String[] MISSING = {"", "NA", " NA ", "?", "-", "\t", "na", "N/A", "\u6771", "0"};
  private static final String TEXT_ALPHABET = "ab1.e-+ \t\u00A0\u001F\u00E9\u00FF\u00A7\"',;|\n\r";
  private static final String WIDE_TEXT = "\u2003\u0100\u6771\u2016\u3000";

  @Property(tries = 1500)
  void sameTableOrErrorAsTheOracle(@ForAll long seed) throws IOException {
    Random rng = new Random(seed);
    Case c = randomCase(rng);
    Object expected = CsvOracle.parse(c.text, c.options);
    assertEquals(expected, outcome(() -> Csv.parse(c.text, c.options)), c::toString);
    // Pages of a few characters: cells cross from page to page, and a late wide character converts them all.
    int pageLimit = 1 + rng.nextInt(12);
    assertEquals(expected, outcome(() -> Csv.parse(c.text, c.options, pageLimit)),
        () -> "pageLimit " + pageLimit + ", " + c);
  }

  @Property(tries = 100)
  void sameTableOrErrorAsTheOracleFromAFile(@ForAll long seed) throws IOException {
    Random rng = new Random(seed);
    Case c = randomCase(rng);
    Path f = Files.createTempFile("columns", ".csv");
    try {
      Files.write(f, c.text.getBytes(StandardCharsets.UTF_8));
      assertEquals(CsvOracle.read(f, c.options), outcome(() -> Csv.read(f, c.options)), c::toString);
    } finally {
      Files.delete(f);
    }
  }

  @Property(tries = 500)
  void equalCellTextsShareOneString(@ForAll long seed) throws IOException {
    // The documented interning: within a categorical column, equal texts are one instance (checked against
    // the first instance seen for each text).
    Random rng = new Random(seed);
    Case c = randomCase(rng);
    Object t = outcome(() -> Csv.parse(c.text, c.options, 1 + rng.nextInt(12)));
    if (!(t instanceof Table)) {
      return;
    }
    Table table = (Table) t;
    for (String name : table.columnNames(ColumnType.CATEGORICAL)) {
      Map<String, String> first = new HashMap<>();
      for (String v : table.categorical(name)) {
        if (v != null) {
          assertSame(first.computeIfAbsent(v, k -> v), v, () -> name + ": " + v);
        }
      }
    }
  }

  // ---- Random cases -------------------------------------------------------------------------------------

  /** A CSV text and the options to read it with. */
  private static final class Case {
    final String text;
    final CsvOptions options;

    Case(String text, CsvOptions options) {
      this.text = text;
      this.options = options;
    }

    @Override
    public String toString() {
      return options + "\n<<" + text.replace("\r", "\\r").replace("\n", "\\n\n") + ">>";
    }
  }

  private interface Read {
    Table get() throws IOException;
  }

  private static Object outcome(Read r) throws IOException {
    try {
      return r.get();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Case randomCase(Random rng) {
    char delimiter = DELIMITERS[rng.nextInt(DELIMITERS.length)];
    char quote = rng.nextInt(4) == 0 ? '\'' : '"';
    boolean header = rng.nextInt(5) != 0;
    CsvOptions o = CsvOptions.defaults().delimiter(delimiter).quote(quote).header(header)
        .missingTokens(TOKENS[rng.nextInt(TOKENS.length)]);
    char point = delimiter != ',' && rng.nextInt(3) == 0 ? ',' : '.';
    o = o.decimalSeparator(point);
    if (rng.nextInt(50) == 0) {
      return new Case(rng.nextBoolean() ? "" : "\r\n\n", o);
    }
    int cols = 1 + rng.nextInt(5);
    int rows = rng.nextInt(6) == 0 ? 0 : rng.nextInt(rng.nextBoolean() ? 8 : 60);
    List<String> names = new ArrayList<>();
    for (int j = 0; j < cols; j++) {
      String name = NAMES[rng.nextInt(NAMES.length)];
      if (rng.nextInt(40) != 0) {
        while (names.contains(name)) {
          name = name + j;
        }
      }
      names.add(rng.nextInt(80) == 0 ? "" : name);
    }
    List<String> typeNames = header ? names : new ArrayList<>();
    if (!header) {
      for (int j = 0; j < cols; j++) {
        typeNames.add("x" + j);
      }
    }
    for (String name : typeNames) {
      int r = rng.nextInt(20);
      if (!name.isEmpty() && r < 3) {
        o = o.type(name, ColumnType.CATEGORICAL);
      } else if (!name.isEmpty() && r < 5) {
        o = o.type(name, ColumnType.NUMERIC);
      }
    }
    if (rng.nextInt(40) == 0) {
      o = o.type("zz", ColumnType.NUMERIC);
    }
    int[] kind = new int[cols];
    int[] turn = new int[cols];
    for (int j = 0; j < cols; j++) {
      kind[j] = rng.nextInt(5);
      turn[j] = rows == 0 ? 0 : rows / 2 + rng.nextInt(rows - rows / 2);
    }
    StringBuilder sb = new StringBuilder();
    if (rng.nextInt(20) == 0) {
      sb.append('\uFEFF');
    }
    if (header) {
      writeRecord(sb, names, delimiter, quote, rng);
    }
    for (int i = 0; i < rows; i++) {
      List<String> fields = new ArrayList<>();
      for (int j = 0; j < cols; j++) {
        fields.add(cell(kind[j], i, turn[j], point, rng));
      }
      int bad = rng.nextInt(rows < 10 ? 150 : 1200);
      if (bad == 0) {
        fields.remove(fields.size() - 1);
      } else if (bad == 1) {
        fields.add("extra");
      }
      writeRecord(sb, fields, delimiter, quote, rng);
      if (bad == 2) {
        sb.append(quote).append('x').append(quote).append('y').append(delimiter).append("1\n");
      } else if (bad == 3) {
        sb.append(quote).append("open");
      }
    }
    if (sb.length() > 0 && rng.nextInt(4) == 0) {
      sb.setLength(sb.length() - 1); // no line end after the last record (or half of a CRLF)
    }
    return new Case(sb.toString(), o);
  }

  /**
   * Kinds: 0 numbers, 1 numbers then text, 2 few categories (wide ones late), 3 free text, 4 numbers + huge.
   * Numbers are written with the decimal separator {@code point}, now and then with the other one.
   */
  private static String cell(int kind, int row, int turn, char point, Random rng) {
    if (rng.nextInt(7) == 0) {
      return MISSING[rng.nextInt(MISSING.length)];
    }
    switch (kind) {
      case 0:
        return number(point, rng);
      case 1:
        return row == turn ? NOT_NUMBERS[rng.nextInt(NOT_NUMBERS.length)] : number(point, rng);
      case 2:
        return row >= turn && rng.nextInt(3) == 0 ? LATE[rng.nextInt(LATE.length)]
            : CATEGORIES[rng.nextInt(4 + (row % 3))];
      case 3:
        return text(rng, row >= turn);
      default:
        return rng.nextInt(25) == 0 ? HUGE[rng.nextInt(HUGE.length)].replace('.', point) : number(point, rng);
    }
  }

  private static String number(char point, Random rng) {
    String s;
    switch (rng.nextInt(3)) {
      case 0:
        s = NUMBERS[rng.nextInt(NUMBERS.length)];
        break;
      case 1:
        s = Double.toString(rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20));
        break;
      default:
        s = Integer.toString(rng.nextInt(2000) - 1000);
    }
    return rng.nextInt(60) == 0 ? s.replace('.', point == '.' ? ',' : '.') : s.replace('.', point);
  }

  private static String text(Random rng, boolean late) {
    String alphabet = late ? TEXT_ALPHABET + WIDE_TEXT : TEXT_ALPHABET;
    int len = rng.nextInt(rng.nextInt(10) == 0 ? 90 : 8);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < len; k++) {
      sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
    }
    if (late && rng.nextInt(5) == 0) {
      sb.append("\uD83D\uDE00");
    }
    return sb.toString();
  }

  private static void writeRecord(StringBuilder sb, List<String> fields, char delimiter, char quote,
      Random rng) {
    for (int j = 0; j < fields.size(); j++) {
      if (j > 0) {
        sb.append(delimiter);
      }
      String f = fields.get(j);
      boolean needs = f.indexOf(delimiter) >= 0 || f.indexOf(quote) >= 0 || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0;
      if (needs || rng.nextInt(8) == 0) {
        sb.append(quote).append(f.replace(String.valueOf(quote), "" + quote + quote)).append(quote);
      } else {
        sb.append(f);
      }
    }
    int end = rng.nextInt(10);
    sb.append(end < 6 ? "\n" : end < 9 ? "\r\n" : "\r");
    if (rng.nextInt(25) == 0) {
      sb.append(rng.nextBoolean() ? "\n" : "\r\n");
    }
  }
}
