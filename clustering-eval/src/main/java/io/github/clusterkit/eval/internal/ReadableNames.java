package io.github.clusterkit.eval.internal;

import java.util.Locale;

/**
 * Readable forms of column and category names, for segment names and reports. Not public API: the segment
 * profile's names and the command-line example's report share this one rule.
 */
public final class ReadableNames {

  private ReadableNames() {}

  /**
   * A readable form of a column name: a trailing unit in parentheses is dropped ({@code "Annual Income (k$)"}
   * becomes {@code "Annual Income"}) and names written with underscores, in capitals or in lower case are
   * title-cased ({@code "CASH_ADVANCE"} becomes {@code "Cash Advance"}).
   *
   * @param column a column name
   * @return the readable name
   */
  public static String pretty(String column) {
    String s = column.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim();
    if (s.isEmpty()) {
      s = column;
    }
    if (s.contains("_") || s.equals(s.toUpperCase(Locale.ROOT)) || s.equals(s.toLowerCase(Locale.ROOT))) {
      StringBuilder sb = new StringBuilder();
      for (String w : s.split("[_\\s]+")) {
        if (w.isEmpty()) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
      }
      return sb.length() == 0 ? column : sb.toString();
    }
    return s;
  }

  /**
   * A readable name of one category of a column: the category itself made {@link #pretty} when it holds a
   * letter ({@code "ONLINE"} becomes {@code "Online"}), otherwise the column's readable name followed by the
   * category ({@code "Region 3"}).
   *
   * @param column the column name
   * @param level the category
   * @return the readable name
   */
  public static String level(String column, String level) {
    boolean word = level.chars().anyMatch(Character::isLetter);
    return word ? pretty(level) : pretty(column) + " " + level;
  }
}
