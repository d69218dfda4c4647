package io.github.clusterkit.preprocess;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces each categorical column by one numeric 0/1 column per category seen at fit time, named
 * {@code column=category} (for example {@code Gender=Female}, {@code Gender=Male}), placed where the
 * original column was. Categories are sorted by Unicode code point (Python's string order; {@link String#compareTo}
 * differs for characters beyond {@code U+FFFF}), as scikit-learn's {@code OneHotEncoder(categories='auto')} sorts
 * them, so the output matches its {@code get_feature_names_out()} up to the separator ({@code =} here, {@code _}
 * there).
 *
 * <p><b>Unknown categories</b> at transform time follow {@link #handleUnknown(HandleUnknown)}:
 * {@link HandleUnknown#ERROR} (the default, as scikit-learn) raises an {@link IllegalArgumentException}
 * naming the column, row and value; {@link HandleUnknown#IGNORE} encodes the row as all zeros. A missing
 * value ({@code null}) is treated as unknown at transform time; at fit time it is an error (impute first,
 * for example with {@link Imputer#mostFrequent()}). scikit-learn 1.2 instead makes a missing value a category of its
 * own at fit time (the last column, {@code g_None} or {@code g_nan}); for that column here, fill the gaps with
 * {@link Imputer#constant(String)} first (say {@code "missing"}, which is then sorted among the other categories).
 *
 * <p><b>Output names</b> must be distinct: a one-hot name equal to another column of the table (category
 * {@code a} of column {@code g} next to a column named {@code g=a}), or to the one-hot name of another encoded
 * column (category {@code a=b} of {@code g} and category {@code b} of {@code g=a}), raises an
 * {@link IllegalArgumentException} naming both sources, at fit and at transform time.
 *
 * <p><b>Dropping a category</b> ({@link #drop(Drop)}, scikit-learn's {@code OneHotEncoder(drop=...)}; none by
 * default): {@link Drop#FIRST} ({@code drop='first'}) leaves out the column of each encoded column's first category
 * (in the sorted order above), {@link Drop#IF_BINARY} ({@code drop='if_binary'}) only that of a column with exactly
 * two categories, so a yes/no column becomes one 0/1 column. The output columns are then scikit-learn's
 * {@code get_feature_names_out()} (in the same order, the dropped ones left out), and a row of the dropped category
 * is all zeros in its column's block: each block's row sums are 1, or 0 for that category. A column with a single
 * category gives no output column under {@link Drop#FIRST}, as in scikit-learn ({@link PipelineModel} then does not
 * require it of a table to transform, its values cannot change the output; so an unknown category in it is not
 * reported there, where scikit-learn's {@code handle_unknown='error'} would); a table left with no column at all
 * that way (scikit-learn's array of no column) is refused with an {@link IllegalArgumentException}. Under {@link HandleUnknown#IGNORE} an
 * unknown category is all zeros too, as in scikit-learn 1.2.1 (which also warns "Found unknown categories in
 * columns [...] during transform. These unknown categories will be encoded as all zeros"; this library does not
 * log): it then reads as the dropped category. Output names of dropped categories are no output columns, so they
 * cannot clash (see the next paragraph).
 *
 * <p><b>Identifiers.</b> A column of at least 100 rows with a different category in every row (customer ids read as
 * text, say) is refused at fit time with an {@link IllegalArgumentException} naming it: its one-hot columns, one per
 * row, would describe single customers, not segments (8,950 columns for {@code cc_general.csv}'s {@code CUST_ID},
 * about 640 MB as doubles). Drop it first with {@link ColumnSelector#drop(String...)}.
 *
 * <p>Acts on every categorical column by default, or on the columns named with {@link #columns(String...)}.
 * Immutable and thread-safe.
 */
public final class OneHotEncoder implements Step {

  private static final String NAME = "OneHotEncoder";

  /** Which category's column of each encoded column is left out (scikit-learn's {@code drop}). */
  public enum Drop {
    /** Keep every category's column (scikit-learn's {@code drop=None}, the default). */
    NONE,
    /** Leave out the first category's column (scikit-learn's {@code drop='first'}). */
    FIRST,
    /**
     * Leave out the first category's column of a column with exactly two categories (scikit-learn's
     * {@code drop='if_binary'}); keep every column of the others.
     */
    IF_BINARY
  }

  /** What a transform does with a category not seen at fit time. */
  public enum HandleUnknown {
    /** Raise an {@link IllegalArgumentException}. */
    ERROR,
    /** Encode the row as all zeros for that column. */
    IGNORE
  }

  private final List<String> columns;
  private final HandleUnknown unknown;
  private final Drop drop;

  /** An encoder of every categorical column that rejects unknown categories and drops no category. */
  public OneHotEncoder() {
    this(null, HandleUnknown.ERROR, Drop.NONE);
  }

  private OneHotEncoder(List<String> columns, HandleUnknown unknown, Drop drop) {
    this.columns = columns;
    this.unknown = unknown;
    this.drop = drop;
  }

  /**
   * @param names the categorical columns to encode, at least one, distinct
   * @return an encoder acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public OneHotEncoder columns(String... names) {
    return new OneHotEncoder(Columns.named(NAME, names), unknown, drop);
  }

  /**
   * @param handling what to do with unknown categories at transform time
   * @return an encoder with this rule
   * @throws IllegalArgumentException if {@code handling} is null
   */
  public OneHotEncoder handleUnknown(HandleUnknown handling) {
    if (handling == null) {
      throw new IllegalArgumentException(NAME + ": handleUnknown must not be null");
    }
    return new OneHotEncoder(columns, handling, drop);
  }

  /**
   * @param dropping which category's column to leave out (see the class comment)
   * @return an encoder with this rule
   * @throws IllegalArgumentException if {@code dropping} is null
   */
  public OneHotEncoder drop(Drop dropping) {
    if (dropping == null) {
      throw new IllegalArgumentException(NAME + ": drop must not be null");
    }
    return new OneHotEncoder(columns, unknown, dropping);
  }

  @Override
  public Fitted fit(Table table) {
    List<String> cols = Columns.resolve(NAME, table, columns, ColumnType.CATEGORICAL);
    List<List<String>> cats = new ArrayList<>();
    for (int k = 0; k < cols.size(); k++) {
      String[] v = table.categorical(cols.get(k));
      TreeSet<String> seen = new TreeSet<>(Columns.CODE_POINT_ORDER);
      for (int i = 0; i < v.length; i++) {
        if (v[i] == null) {
          throw new IllegalArgumentException(NAME + ": column '" + cols.get(k) + "' has a missing value at row "
              + i + "; impute it first (for example Imputer.mostFrequent())");
        }
        seen.add(v[i]);
      }
      if (seen.isEmpty()) {
        throw Columns.noObserved(NAME, cols.get(k));
      }
      if (v.length >= IDENTIFIER_ROWS && seen.size() == v.length) {
        throw new IllegalArgumentException(NAME + ": column '" + cols.get(k) + "' has a category of its own in each"
            + " of its " + v.length + " rows (an identifier?); one-hot encoding it would add " + v.length
            + " columns that describe single rows, not segments: drop it first (ColumnSelector.drop(\""
            + cols.get(k) + "\")), or leave it out with columns(...)");
      }
      cats.add(new ArrayList<>(seen));
    }
    Fitted f = Fitted.of(cols, cats, unknown, drop);
    f.checkNoClash(table);
    return f;
  }

  /** Rows from which a column with a different category in every row is refused as an identifier. */
  static final int IDENTIFIER_ROWS = 100;

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OneHotEncoder)) {
      return false;
    }
    OneHotEncoder e = (OneHotEncoder) o;
    return Objects.equals(columns, e.columns) && unknown == e.unknown && drop == e.drop;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, unknown, drop);
  }

  @Override
  public String toString() {
    return NAME + "(" + unknown + (drop == Drop.NONE ? "" : ", drop " + drop) + ")"
        + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link OneHotEncoder}: per column its categories in output order, and the rule for dropping one.
   * Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final List<List<String>> categories;
    private final HandleUnknown unknown;
    private final Drop drop;
    /** Per column the index of its dropped category, or -1. */
    private final int[] dropped;
    private final List<Map<String, Integer>> lookup;
    /** Per output name {column index, category index}; the names are distinct (checked by {@link #of}). */
    private final Map<String, int[]> outputs;

    private Fitted(List<String> columns, List<List<String>> categories, HandleUnknown unknown, Drop drop) {
      this.columns = columns;
      this.categories = categories;
      this.unknown = unknown;
      this.drop = drop;
      this.dropped = new int[categories.size()];
      List<Map<String, Integer>> l = new ArrayList<>();
      Map<String, int[]> out = new HashMap<>();
      for (int k = 0; k < categories.size(); k++) {
        List<String> c = categories.get(k);
        dropped[k] = droppedIndex(drop, c.size());
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
          m.put(c.get(i), i);
          if (i == dropped[k]) {
            continue; // no output column, so no name to clash
          }
          String name = outputName(columns.get(k), c.get(i));
          int[] other = out.putIfAbsent(name, new int[] {k, i});
          if (other != null) {
            throw new IllegalArgumentException(NAME + ": " + source(columns, categories, other) + " and "
                + source(columns, categories, new int[] {k, i}) + " both give output column '" + name
                + "'; column names must be distinct (rename a column or a category first)");
          }
        }
        l.add(m);
      }
      this.lookup = l;
      this.outputs = out;
    }

    /** scikit-learn's {@code drop_idx_} entry of a column with {@code size} categories under {@code drop}, or -1. */
    private static int droppedIndex(Drop drop, int size) {
      return drop == Drop.FIRST || (drop == Drop.IF_BINARY && size == 2) ? 0 : -1;
    }

    /** The index of the dropped category of encoded column {@code k}, or -1 if it keeps every category. */
    int droppedIndex(int k) {
      return dropped[k];
    }

    /** The name of the output column of {@code category} of {@code column}. */
    static String outputName(String column, String category) {
      return column + "=" + category;
    }

    private static String source(List<String> columns, List<List<String>> categories, int[] at) {
      return "category '" + categories.get(at[0]).get(at[1]) + "' of column '"
          + columns.get(at[0]) + "'";
    }

    /**
     * Checks that no column the step passes through has the name of a one-hot output column.
     *
     * @throws IllegalArgumentException naming the column, the category and the clashing column
     */
    void checkNoClash(Table table) {
      List<String> names = table.columnNames();
      Set<String> encoded = new HashSet<>(columns);
      for (int j = 0; j < names.size(); j++) {
        String name = names.get(j);
        int[] at = encoded.contains(name) ? null : outputs.get(name);
        if (at != null) {
          throw new IllegalArgumentException(NAME + ": " + source(columns, categories, at)
              + " gives output column '" + name + "', but the table already has a column '" + name
              + "'; column names must be distinct (rename or drop that column first, e.g. ColumnSelector.drop(\""
              + name + "\"))");
        }
      }
    }

    /**
     * Rebuilds a fitted encoder that drops no category from its state, copying the lists: {@link #of(List, List,
     * HandleUnknown, Drop) of(columns, categories, handleUnknown, Drop.NONE)}.
     *
     * @param columns the categorical column names, distinct and non-empty
     * @param categories per column its categories in output order: at least one, non-null, distinct, and giving
     *     distinct output names {@code column=category} over all columns
     * @param handleUnknown what to do with unknown categories
     * @return the fitted encoder
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, List<List<String>> categories, HandleUnknown handleUnknown) {
      return of(columns, categories, handleUnknown, Drop.NONE);
    }

    /**
     * Rebuilds a fitted encoder from its state, copying the lists.
     *
     * @param columns the categorical column names, distinct and non-empty
     * @param categories per column its categories in output order (the first is the one {@link Drop#FIRST} drops):
     *     at least one, non-null, distinct, and giving distinct output names {@code column=category} over all
     *     columns (the dropped categories' names aside)
     * @param handleUnknown what to do with unknown categories
     * @param drop which category's column to leave out
     * @return the fitted encoder
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, List<List<String>> categories, HandleUnknown handleUnknown,
        Drop drop) {
      List<String> c = Columns.validNames(NAME, columns, true);
      if (categories == null || categories.size() != c.size()) {
        throw new IllegalArgumentException(NAME + ": categories must have one list per column (" + c.size()
            + "), got " + (categories == null ? "null" : String.valueOf(categories.size())));
      }
      if (handleUnknown == null) {
        throw new IllegalArgumentException(NAME + ": handleUnknown must not be null");
      }
      if (drop == null) {
        throw new IllegalArgumentException(NAME + ": drop must not be null");
      }
      List<List<String>> cats = new ArrayList<>();
      for (int k = 0; k < c.size(); k++) {
        List<String> list = categories.get(k);
        if (list == null || list.isEmpty()) {
          throw new IllegalArgumentException(NAME + ": column '" + c.get(k) + "' needs at least one category");
        }
        Set<String> seen = new HashSet<>();
        for (String s : list) {
          if (s == null) {
            throw new IllegalArgumentException(NAME + ": categories of column '" + c.get(k)
                + "' must not be null");
          }
          if (!seen.add(s)) {
            throw new IllegalArgumentException(NAME + ": categories of column '" + c.get(k)
                + "' must be distinct, got '" + s + "' twice");
          }
        }
        cats.add(Collections.unmodifiableList(new ArrayList<>(list)));
      }
      return new Fitted(c, Collections.unmodifiableList(cats), handleUnknown, drop);
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /** @return per column its categories in output order, unmodifiable */
    public List<List<String>> categories() {
      return categories;
    }

    /** @return the rule for unknown categories */
    public HandleUnknown handleUnknown() {
      return unknown;
    }

    /** @return the rule for dropping a category */
    public Drop drop() {
      return drop;
    }

    /**
     * @return per column the category whose output column is left out, or {@code null} where none is (scikit-learn's
     *     {@code categories_[i][drop_idx_[i]]}); an unmodifiable list that may hold nulls
     */
    public List<String> droppedCategories() {
      List<String> out = new ArrayList<>(columns.size());
      for (int k = 0; k < columns.size(); k++) {
        out.add(dropped[k] < 0 ? null : categories.get(k).get(dropped[k]));
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    public Table transform(Table table) {
      Columns.require(NAME, table, columns, ColumnType.CATEGORICAL);
      checkNoClash(table);
      Map<String, Integer> which = new HashMap<>();
      for (int k = 0; k < columns.size(); k++) {
        which.put(columns.get(k), k);
      }
      Table.Builder b = Table.builder();
      int n = table.rowCount();
      List<String> names = table.columnNames();
      int written = 0;
      for (int j = 0; j < names.size(); j++) {
        String name = names.get(j);
        Integer k = which.get(name);
        if (k == null) {
          b.column(table, name);
          written++;
          continue;
        }
        List<String> cats = categories.get(k);
        Map<String, Integer> pos = lookup.get(k);
        String[] v = table.categorical(name);
        double[][] out = new double[cats.size()][n];
        for (int i = 0; i < n; i++) {
          Integer p = v[i] == null ? null : pos.get(v[i]);
          if (p != null) {
            out[p][i] = 1.0;
          } else if (unknown == HandleUnknown.ERROR) {
            throw unknownAt(name, v, i, pos, cats);
          }
        }
        for (int c = 0; c < cats.size(); c++) {
          if (c != dropped[k]) { // the dropped category's rows are all zeros in the columns written
            b.numeric(outputName(name, cats.get(c)), out[c]);
            written++;
          }
        }
      }
      if (written == 0) {
        // scikit-learn returns an array of no column; a table needs one
        throw new IllegalArgumentException(NAME + ": drop " + drop + " leaves no output column: every column of the"
            + " table is encoded and has a single category, which is dropped (" + columns + ", categories "
            + categories + "); keep it with Drop.NONE or IF_BINARY, or drop the column (ColumnSelector)");
      }
      return b.build();
    }

    /**
     * The error for the first row {@code first} of column {@code name} whose value the fit did not see: it names
     * that row and value, and counts every such row of the column with up to five of their distinct values, so
     * that one message tells the whole problem (a stray space in many rows, say).
     */
    private static IllegalArgumentException unknownAt(String name, String[] v, int first, Map<String, Integer> pos,
        List<String> cats) {
      int rows = 0;
      boolean missing = false;
      boolean more = false;
      java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
      for (int i = first; i < v.length; i++) {
        if (v[i] == null) {
          rows++;
          missing = true;
        } else if (!pos.containsKey(v[i])) {
          rows++;
          String shown = "'" + v[i] + "'";
          if (seen.size() < 5) {
            seen.add(shown);
          } else if (!seen.contains(shown)) {
            more = true;
          }
        }
      }
      StringBuilder all = new StringBuilder();
      if (rows > 1) {
        List<String> shown = new ArrayList<>(seen);
        if (missing) {
          shown.add("missing");
        }
        all.append(" (").append(rows).append(" rows in all: ").append(String.join(", ", shown))
            .append(more ? ", ..." : "").append(')');
      }
      return new IllegalArgumentException(NAME + ": column '" + name + "' has "
          + (v[first] == null ? "a missing value" : "unknown category '" + v[first] + "'") + " at row " + first
          + all + "; known categories are " + cats
          + " (fit with HandleUnknown.IGNORE, or call withHandleUnknown(HandleUnknown.IGNORE) on the fitted"
          + " PipelineModel, to encode values the fit did not see as all zeros)");
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && categories.equals(f.categories) && unknown == f.unknown
          && drop == f.drop;
    }

    @Override
    public int hashCode() {
      return Objects.hash(columns, categories, unknown, drop);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + (drop == Drop.NONE ? "" : "(drop " + drop + ")") + columns;
    }
  }
}
