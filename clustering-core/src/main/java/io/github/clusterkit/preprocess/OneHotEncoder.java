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
 * that way (scikit-learn's array of no column) is refused with an {@link IllegalArgumentException}. Under
 * {@link HandleUnknown#IGNORE} an unknown category is all zeros too, as in scikit-learn 1.2.1 (which also warns
 * "Found unknown categories in columns [...] during transform. These unknown categories will be encoded as all
 * zeros"; this library does not log): it then reads as the dropped category. Output names of dropped categories
 * are no output columns, so they cannot clash (see the next paragraph).
 *
 * <p><b>Infrequent categories</b> ({@link #minFrequency(int)}, {@link #minFrequencyFraction(double)},
 * {@link #maxCategories(int)}; scikit-learn 1.2.1's {@code min_frequency} and {@code max_categories}, none by
 * default) share one output column, the last of their column's block, named {@code column=infrequent_sklearn}
 * ({@link #INFREQUENT}; scikit-learn's {@code column_infrequent_sklearn} up to the separator, so the names still match
 * its {@code get_feature_names_out()}). The rules are scikit-learn's, counted on the rows of the fit:
 * <ul>
 *   <li>{@code minFrequency(count)}: a category seen in fewer than {@code count} rows is infrequent
 *       ({@code min_frequency=count}, an int); {@code minFrequencyFraction(f)}: in fewer than {@code n * f} rows, the
 *       product in double precision, {@code n} the rows of the fit ({@code min_frequency=f}, a float). The two are
 *       one setting: the last call wins.</li>
 *   <li>{@code maxCategories(m)}: when the frequent categories plus one (the grouped column, counted even if there is
 *       none yet) are more than {@code m}, only the {@code m - 1} most frequent stay frequent. On a tie in count the
 *       category later in the sorted order stays (scikit-learn's stable sort of the counts, ascending, marks the
 *       earlier ones first): counts {@code a:1, b:3, c:3, d:2, e:2} with {@code m = 4} keep {@code b, c, e}.</li>
 *   <li>Every category of a column may be infrequent: its block is then the single grouped column, 1 in every
 *       known row. A column with no infrequent category has no grouped column.</li>
 *   <li>{@link Drop#FIRST} leaves out the first column of the grouped block (the first frequent category, or the
 *       grouped column if every category is infrequent), {@link Drop#IF_BINARY} that of a block of exactly two
 *       columns after grouping: what scikit-learn 1.2.1 transforms and names (its {@code drop_idx_} still points at
 *       the first category of {@code categories_}, frequent or not, a 1.2.1 bug fixed in 1.2.2;
 *       {@link Fitted#droppedCategories()} names the column actually left out). scikit-learn's refusal to drop an
 *       infrequent category applies to its {@code drop=[...]} list, which this encoder does not offer.</li>
 *   <li>{@link HandleUnknown#INFREQUENT_IF_EXIST} puts an unknown category, or a missing value, at transform time in
 *       the grouped column of its column, and leaves it all zeros where the column has none (as
 *       {@link HandleUnknown#IGNORE}); under {@link HandleUnknown#IGNORE} an unknown category stays all zeros and
 *       under {@link HandleUnknown#ERROR} an error, grouped column or not. Missing values are refused at fit time
 *       as without grouping (scikit-learn counts them as a category, which may then be infrequent).</li>
 *   <li>A frequent category named {@code infrequent_sklearn} in a column that has a grouped column would give two
 *       columns one name: the fit refuses it with an {@link IllegalArgumentException} (rename the category first);
 *       scikit-learn returns the duplicate names. It is refused even where {@link Drop#FIRST} leaves its column out
 *       (it is then the first frequent category, and scikit-learn's names are distinct), since
 *       {@link Fitted#droppedCategories()} could not tell it from the grouped column.</li>
 * </ul>
 *
 * <p><b>Identifiers.</b> A column of at least 100 rows with a different category in every row (customer ids read as
 * text, say) is refused at fit time with an {@link IllegalArgumentException} naming it: its one-hot columns, one per
 * row, would describe single customers, not segments (8,950 columns for {@code cc_general.csv}'s {@code CUST_ID},
 * about 640 MB as doubles). Drop it first with {@link ColumnSelector#drop(String...)}. The refusal does not depend on
 * the grouping of infrequent categories: every category of such a column is seen once, so a minimum frequency above 1
 * makes its block one constant column (every row infrequent) and {@link #maxCategories(int) maxCategories(m)} keeps
 * {@code m - 1} columns of one customer each; neither describes segments, so the identifier is refused either way.
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
    /**
     * Leave out the first category's column (scikit-learn's {@code drop='first'}); with infrequent categories, the
     * first column of the grouped block (see the class comment).
     */
    FIRST,
    /**
     * Leave out the first category's column of a column with exactly two categories (scikit-learn's
     * {@code drop='if_binary'}); keep every column of the others. With infrequent categories it is the block after
     * grouping that must have exactly two columns: three categories of which two are grouped lose the first one's
     * column, two categories grouped into one column keep it.
     */
    IF_BINARY
  }

  /** What a transform does with a category not seen at fit time. */
  public enum HandleUnknown {
    /** Raise an {@link IllegalArgumentException}. */
    ERROR,
    /** Encode the row as all zeros for that column. */
    IGNORE,
    /**
     * Encode the row in its column's grouped column of infrequent categories if the column has one, else as all
     * zeros (scikit-learn's {@code handle_unknown='infrequent_if_exist'}).
     */
    INFREQUENT_IF_EXIST
  }

  /**
   * The category name of the grouped column of infrequent categories: its output column is
   * {@code column=infrequent_sklearn}, scikit-learn's {@code infrequent_sklearn}.
   */
  public static final String INFREQUENT = "infrequent_sklearn";

  private final List<String> columns;
  private final HandleUnknown unknown;
  private final Drop drop;
  /** The minimum count of a frequent category, or 0 if {@link #minFraction} or nothing is set. */
  private final int minCount;
  /** The minimum share of the rows of a frequent category, or 0 if {@link #minCount} or nothing is set. */
  private final double minFraction;
  /** The most output columns of an encoded column (grouped column included), or 0 for no limit. */
  private final int maxCategories;

  /**
   * An encoder of every categorical column that rejects unknown categories, drops no category and groups no
   * category.
   */
  public OneHotEncoder() {
    this(null, HandleUnknown.ERROR, Drop.NONE, 0, 0.0, 0);
  }

  private OneHotEncoder(List<String> columns, HandleUnknown unknown, Drop drop, int minCount, double minFraction,
      int maxCategories) {
    this.columns = columns;
    this.unknown = unknown;
    this.drop = drop;
    this.minCount = minCount;
    this.minFraction = minFraction;
    this.maxCategories = maxCategories;
  }

  /**
   * @param names the categorical columns to encode, at least one, distinct
   * @return an encoder acting only on these columns
   * @throws IllegalArgumentException if no name is given or a name is null, empty or repeated
   */
  public OneHotEncoder columns(String... names) {
    return new OneHotEncoder(Columns.named(NAME, names), unknown, drop, minCount, minFraction, maxCategories);
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
    return new OneHotEncoder(columns, handling, drop, minCount, minFraction, maxCategories);
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
    return new OneHotEncoder(columns, unknown, dropping, minCount, minFraction, maxCategories);
  }

  /**
   * Groups the categories seen in fewer than {@code count} rows of the fit into one column (scikit-learn's
   * {@code min_frequency=count}, an int; see the class comment). Replaces a {@link #minFrequencyFraction(double)}.
   *
   * @param count the fewest rows of a frequent category, at least 1 (1 groups nothing)
   * @return an encoder with this rule
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  public OneHotEncoder minFrequency(int count) {
    if (count < 1) {
      throw new IllegalArgumentException(NAME + ": minFrequency must be >= 1, got " + count);
    }
    return new OneHotEncoder(columns, unknown, drop, count, 0.0, maxCategories);
  }

  /**
   * Groups the categories seen in fewer than {@code fraction * n} of the {@code n} rows of the fit into one column
   * (scikit-learn's {@code min_frequency=fraction}, a float; see the class comment). Replaces a
   * {@link #minFrequency(int)}.
   *
   * @param fraction the smallest share of the rows of a frequent category, strictly between 0 and 1
   * @return an encoder with this rule
   * @throws IllegalArgumentException if {@code fraction} is not strictly between 0 and 1 (NaN included)
   */
  public OneHotEncoder minFrequencyFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(NAME + ": minFrequencyFraction must be > 0 and < 1, got " + fraction
          + (fraction >= 1 && fraction == Math.rint(fraction) ? " (a count of rows is minFrequency(int))" : ""));
    }
    return new OneHotEncoder(columns, unknown, drop, 0, fraction, maxCategories);
  }

  /**
   * Limits each encoded column to {@code max} output columns, the grouped column of infrequent categories included,
   * keeping the {@code max - 1} most frequent categories (scikit-learn's {@code max_categories}; ties and the
   * interplay with a minimum frequency in the class comment).
   *
   * <p>scikit-learn 1.2.1 accepts {@code max_categories=1} but then groups nothing (its cut keeps every category);
   * this method refuses 1 rather than accept a limit it would not apply: leave it out to port such an encoder.
   *
   * @param max the most output columns per encoded column, at least 2
   * @return an encoder with this rule
   * @throws IllegalArgumentException if {@code max} is less than 2
   */
  public OneHotEncoder maxCategories(int max) {
    if (max < 2) {
      throw new IllegalArgumentException(NAME + ": maxCategories must be >= 2, got " + max
          + (max == 1 ? " (scikit-learn 1.2.1's max_categories=1 groups nothing: leave it out)" : ""));
    }
    return new OneHotEncoder(columns, unknown, drop, minCount, minFraction, max);
  }

  /**
   * The infrequent categories of a column of {@code n} rows whose sorted categories have the counts
   * {@code counts}: scikit-learn 1.2.1's {@code _identify_infrequent}.
   *
   * @return per category whether it is infrequent
   */
  boolean[] infrequent(int[] counts, int n) {
    int size = counts.length;
    boolean[] rare = new boolean[size];
    int marked = 0;
    for (int i = 0; i < size; i++) {
      // minCount == 0 marks nothing; minFraction == 0 neither (no count is below 0)
      rare[i] = minCount > 0 ? counts[i] < minCount : counts[i] < n * minFraction;
      if (rare[i]) {
        marked++;
      }
    }
    if (maxCategories > 0 && maxCategories < size - marked + 1) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      // stable: ties keep the sorted order of the categories, so the earlier of equal counts is marked first
      java.util.Arrays.sort(order, (x, y) -> Integer.compare(counts[x], counts[y]));
      for (int r = 0; r < size - maxCategories + 1; r++) {
        rare[order[r]] = true;
      }
    }
    return rare;
  }

  @Override
  public Fitted fit(Table table) {
    List<String> cols = Columns.resolve(NAME, table, columns, ColumnType.CATEGORICAL);
    List<List<String>> cats = new ArrayList<>();
    List<List<String>> rares = new ArrayList<>();
    for (int k = 0; k < cols.size(); k++) {
      String[] v = table.categorical(cols.get(k));
      java.util.TreeMap<String, int[]> seen = new java.util.TreeMap<>(Columns.CODE_POINT_ORDER);
      for (int i = 0; i < v.length; i++) {
        if (v[i] == null) {
          throw new IllegalArgumentException(NAME + ": column '" + cols.get(k) + "' has a missing value at row "
              + i + "; impute it first (for example Imputer.mostFrequent())");
        }
        seen.computeIfAbsent(v[i], x -> new int[1])[0]++;
      }
      if (seen.isEmpty()) {
        throw Columns.noObserved(NAME, cols.get(k));
      }
      if (v.length >= IDENTIFIER_ROWS && seen.size() == v.length) {
        throw new IllegalArgumentException(NAME + ": column '" + cols.get(k) + "' has a category of its own in each"
            + " of its " + v.length + " rows (an identifier?); one-hot encoding it would add " + v.length
            + " columns that describe single rows, not segments: drop it first (ColumnSelector.drop(\""
            + cols.get(k) + "\")), or leave it out with columns(...)"
            + (grouping() ? " (grouping rare categories does not help: every category of it is seen once)" : ""));
      }
      List<String> c = new ArrayList<>(seen.keySet());
      int[] counts = new int[c.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = seen.get(c.get(i))[0];
      }
      boolean[] rare = infrequent(counts, v.length);
      List<String> r = new ArrayList<>();
      for (int i = 0; i < rare.length; i++) {
        if (rare[i]) {
          r.add(c.get(i));
        }
      }
      cats.add(c);
      rares.add(r);
    }
    Fitted f = Fitted.of(cols, cats, unknown, drop, rares);
    f.checkNoClash(table);
    return f;
  }

  /** Whether a minimum frequency or a maximum number of categories is set. */
  private boolean grouping() {
    return minCount > 0 || minFraction > 0 || maxCategories > 0;
  }

  /** Rows from which a column with a different category in every row is refused as an identifier. */
  static final int IDENTIFIER_ROWS = 100;

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OneHotEncoder)) {
      return false;
    }
    OneHotEncoder e = (OneHotEncoder) o;
    return Objects.equals(columns, e.columns) && unknown == e.unknown && drop == e.drop && minCount == e.minCount
        && Double.compare(minFraction, e.minFraction) == 0 && maxCategories == e.maxCategories;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, unknown, drop, minCount, minFraction, maxCategories);
  }

  @Override
  public String toString() {
    return NAME + "(" + unknown + (drop == Drop.NONE ? "" : ", drop " + drop)
        + (minCount > 0 ? ", minFrequency " + minCount : "")
        + (minFraction > 0 ? ", minFrequencyFraction " + minFraction : "")
        + (maxCategories > 0 ? ", maxCategories " + maxCategories : "") + ")"
        + (columns == null ? "" : columns.toString());
  }

  /**
   * A fitted {@link OneHotEncoder}: per column its categories, which of them are infrequent (grouped into one column),
   * and the rule for dropping one. Immutable, thread-safe.
   */
  public static final class Fitted implements FittedStep {
    private final List<String> columns;
    private final List<List<String>> categories;
    private final HandleUnknown unknown;
    private final Drop drop;
    /** Per column its infrequent categories in the order of {@link #categories}, possibly none. */
    private final List<List<String>> infrequent;
    /** Per column the category names of its output block before the drop: frequent ones, then {@link #INFREQUENT}. */
    private final List<List<String>> slots;
    /** Per column the index in its block of the dropped column, or -1. */
    private final int[] dropped;
    /** Per column each category's index in its block (the infrequent ones share the last). */
    private final List<Map<String, Integer>> lookup;
    /** Per output name {column index, category index}; the names are distinct (checked by {@link #of}). */
    private final Map<String, int[]> outputs;

    private Fitted(List<String> columns, List<List<String>> categories, HandleUnknown unknown, Drop drop,
        List<List<String>> infrequent) {
      this.columns = columns;
      this.categories = categories;
      this.unknown = unknown;
      this.drop = drop;
      this.infrequent = infrequent;
      this.dropped = new int[categories.size()];
      List<Map<String, Integer>> l = new ArrayList<>();
      List<List<String>> blocks = new ArrayList<>();
      Map<String, int[]> out = new HashMap<>();
      for (int k = 0; k < categories.size(); k++) {
        List<String> c = categories.get(k);
        Set<String> rare = new HashSet<>(infrequent.get(k));
        List<String> block = new ArrayList<>();
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
          if (!rare.contains(c.get(i))) {
            m.put(c.get(i), block.size());
            block.add(c.get(i));
          }
        }
        if (!rare.isEmpty()) {
          for (String r : rare) {
            m.put(r, block.size());
          }
          if (block.contains(INFREQUENT)) {
            throw new IllegalArgumentException(NAME + ": column '" + columns.get(k) + "' has a frequent category '"
                + INFREQUENT + "', the name of its column of infrequent categories ('"
                + outputName(columns.get(k), INFREQUENT) + "'); rename that category first");
          }
          block.add(INFREQUENT);
        }
        dropped[k] = droppedIndex(drop, block.size());
        for (int i = 0; i < block.size(); i++) {
          if (i == dropped[k]) {
            continue; // no output column, so no name to clash
          }
          String name = outputName(columns.get(k), block.get(i));
          int[] other = out.putIfAbsent(name, new int[] {k, i});
          if (other != null) {
            throw new IllegalArgumentException(NAME + ": " + source(columns, blocks, block, k, other) + " and "
                + source(columns, blocks, block, k, new int[] {k, i}) + " both give output column '" + name
                + "'; column names must be distinct (rename a column or a category first)");
          }
        }
        blocks.add(Collections.unmodifiableList(block));
        l.add(m);
      }
      this.slots = Collections.unmodifiableList(blocks);
      this.lookup = l;
      this.outputs = out;
    }

    /** scikit-learn's {@code drop_idx_} entry of a block of {@code size} columns under {@code drop}, or -1. */
    private static int droppedIndex(Drop drop, int size) {
      return drop == Drop.FIRST || (drop == Drop.IF_BINARY && size == 2) ? 0 : -1;
    }

    /** The index in {@link #blocks(int)} of the dropped column of encoded column {@code k}, or -1 if none is. */
    int droppedIndex(int k) {
      return dropped[k];
    }

    /**
     * The category names of the output block of encoded column {@code k} before the drop: its frequent categories in
     * order, then {@link #INFREQUENT} if it has infrequent ones.
     */
    List<String> blocks(int k) {
      return slots.get(k);
    }

    /** The name of the output column of {@code category} of {@code column}. */
    static String outputName(String column, String category) {
      return column + "=" + category;
    }

    private static String source(List<String> columns, List<List<String>> blocks, List<String> current, int k,
        int[] at) {
      List<String> block = at[0] == k ? current : blocks.get(at[0]);
      String category = block.get(at[1]);
      // a block holds INFREQUENT only as its grouped column: a frequent category of that name is refused
      return (INFREQUENT.equals(category) ? "the infrequent categories" : "category '" + category + "'")
          + " of column '" + columns.get(at[0]) + "'";
    }

    private String source(int[] at) {
      return source(columns, slots, slots.get(at[0]), at[0], at);
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
          throw new IllegalArgumentException(NAME + ": " + source(at)
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
     * Rebuilds a fitted encoder that groups no category from its state, copying the lists: {@link #of(List, List,
     * HandleUnknown, Drop, List) of(columns, categories, handleUnknown, drop, no infrequent category)}.
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
      return of(columns, categories, handleUnknown, drop, null);
    }

    /**
     * Rebuilds a fitted encoder from its state, copying the lists.
     *
     * @param columns the categorical column names, distinct and non-empty
     * @param categories per column its categories in order (scikit-learn's {@code categories_}): at least one,
     *     non-null, distinct; the frequent ones, in this order, then {@code column=infrequent_sklearn} if the column
     *     has infrequent ones, are its output block, whose first column {@link Drop#FIRST} drops; the output names
     *     must be distinct over all columns (the dropped ones aside)
     * @param handleUnknown what to do with unknown categories
     * @param drop which column of each block to leave out
     * @param infrequent per column its infrequent categories, each one of its categories, distinct (an empty list
     *     for none; the order is not kept: they are listed in the order of {@code categories}); {@code null} for no
     *     infrequent category in any column
     * @return the fitted encoder
     * @throws IllegalArgumentException if a rule is broken
     */
    public static Fitted of(List<String> columns, List<List<String>> categories, HandleUnknown handleUnknown,
        Drop drop, List<List<String>> infrequent) {
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
      if (infrequent != null && infrequent.size() != c.size()) {
        throw new IllegalArgumentException(NAME + ": infrequent must have one list per column (" + c.size()
            + "), got " + infrequent.size());
      }
      List<List<String>> cats = new ArrayList<>();
      List<List<String>> rares = new ArrayList<>();
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
        List<String> rare = infrequent == null ? Collections.emptyList() : infrequent.get(k);
        if (rare == null) {
          throw new IllegalArgumentException(NAME + ": infrequent categories of column '" + c.get(k)
              + "' must be a list (empty for none), got null");
        }
        Set<String> r = new HashSet<>();
        for (String s : rare) {
          if (s == null || !seen.contains(s)) {
            throw new IllegalArgumentException(NAME + ": infrequent categories of column '" + c.get(k)
                + "' must be among its categories " + shortList(list) + ", got " + (s == null ? "null" : "'" + s
                + "'"));
          }
          if (!r.add(s)) {
            throw new IllegalArgumentException(NAME + ": infrequent categories of column '" + c.get(k)
                + "' must be distinct, got '" + s + "' twice");
          }
        }
        List<String> ordered = new ArrayList<>(r.size());
        for (String s : list) {
          if (r.contains(s)) {
            ordered.add(s);
          }
        }
        rares.add(Collections.unmodifiableList(ordered));
      }
      return new Fitted(c, Collections.unmodifiableList(cats), handleUnknown, drop,
          Collections.unmodifiableList(rares));
    }

    private static String shortList(List<String> list) {
      return list.size() <= 10 ? list.toString() : list.subList(0, 10).toString().replace("]", ", ... ("
          + list.size() + " in all)]");
    }

    @Override
    public List<String> columns() {
      return columns;
    }

    /**
     * @return per column all its categories seen at fit time in order (scikit-learn's {@code categories_}), the
     *     infrequent ones included, unmodifiable
     */
    public List<List<String>> categories() {
      return categories;
    }

    /**
     * @return per column its infrequent categories, which share the column {@code column=infrequent_sklearn}, in the
     *     order of {@link #categories()}; an empty list where there is none (scikit-learn's
     *     {@code infrequent_categories_}, which has {@code None} there); unmodifiable
     */
    public List<List<String>> infrequentCategories() {
      return infrequent;
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
     * @return per column the category whose output column is left out, {@link #INFREQUENT} where that is the column
     *     of the infrequent categories, or {@code null} where none is (scikit-learn's
     *     {@code categories_[i][drop_idx_[i]]} without infrequent categories; with them, the column scikit-learn
     *     1.2.1 leaves out, where its {@code drop_idx_} misreports it); an unmodifiable list that may hold nulls
     */
    public List<String> droppedCategories() {
      List<String> out = new ArrayList<>(columns.size());
      for (int k = 0; k < columns.size(); k++) {
        out.add(dropped[k] < 0 ? null : slots.get(k).get(dropped[k]));
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
        List<String> block = slots.get(k);
        Map<String, Integer> pos = lookup.get(k);
        // where an unknown category or a missing value goes: the grouped column, or nowhere (-1)
        int other = unknown == HandleUnknown.INFREQUENT_IF_EXIST && !infrequent.get(k).isEmpty()
            ? block.size() - 1 : -1;
        String[] v = table.categorical(name);
        double[][] out = new double[block.size()][n];
        for (int i = 0; i < n; i++) {
          Integer p = v[i] == null ? null : pos.get(v[i]);
          if (p != null) {
            out[p][i] = 1.0;
          } else if (unknown == HandleUnknown.ERROR) {
            throw unknownAt(name, v, i, pos, categories.get(k), !infrequent.get(k).isEmpty());
          } else if (other >= 0) {
            out[other][i] = 1.0;
          }
        }
        for (int c = 0; c < block.size(); c++) {
          if (c != dropped[k]) { // the dropped column's rows are all zeros in the columns written
            b.numeric(outputName(name, block.get(c)), out[c]);
            written++;
          }
        }
      }
      if (written == 0) {
        // scikit-learn returns an array of no column; a table needs one
        throw new IllegalArgumentException(NAME + ": drop " + drop + " leaves no output column: every column of the"
            + " table is encoded and has a single category" + (hasInfrequent() ? " or a single column after grouping"
            + " its infrequent categories" : "") + ", which is dropped (" + columns + ", categories "
            + categories + "); keep it with Drop.NONE or IF_BINARY, or drop the column (ColumnSelector)");
      }
      return b.build();
    }

    private boolean hasInfrequent() {
      for (List<String> r : infrequent) {
        if (!r.isEmpty()) {
          return true;
        }
      }
      return false;
    }

    /**
     * The error for the first row {@code first} of column {@code name} whose value the fit did not see: it names
     * that row and value, and counts every such row of the column with up to five of their distinct values, so
     * that one message tells the whole problem (a stray space in many rows, say). Where the column has a grouped
     * column ({@code grouped}), the remedy names {@link HandleUnknown#INFREQUENT_IF_EXIST} first.
     */
    private static IllegalArgumentException unknownAt(String name, String[] v, int first, Map<String, Integer> pos,
        List<String> cats, boolean grouped) {
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
          + (grouped ? " (fit with HandleUnknown.INFREQUENT_IF_EXIST, or call"
              + " withHandleUnknown(HandleUnknown.INFREQUENT_IF_EXIST) on the fitted PipelineModel, to encode values"
              + " the fit did not see in the column of the infrequent categories; IGNORE encodes them as all zeros)"
              : " (fit with HandleUnknown.IGNORE, or call withHandleUnknown(HandleUnknown.IGNORE) on the fitted"
              + " PipelineModel, to encode values the fit did not see as all zeros)"));
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Fitted)) {
        return false;
      }
      Fitted f = (Fitted) o;
      return columns.equals(f.columns) && categories.equals(f.categories) && unknown == f.unknown
          && drop == f.drop && infrequent.equals(f.infrequent);
    }

    @Override
    public int hashCode() {
      return Objects.hash(columns, categories, unknown, drop, infrequent);
    }

    @Override
    public String toString() {
      return NAME + ".Fitted" + (drop == Drop.NONE ? "" : "(drop " + drop + ")") + columns
          + (hasInfrequent() ? ", infrequent " + infrequent : "");
    }
  }
}
