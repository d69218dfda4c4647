package io.github.clusterkit.internal;

import io.github.clusterkit.data.Dataset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The column names a model was fitted on, and the check of a dataset's names against them (the rule of
 * scikit-learn's {@code feature_names_in_}), shared by the models of K-Means, Gaussian mixtures, DBSCAN and PCA.
 *
 * <p><b>The rule.</b> A {@link Dataset} built without names has the placeholder names {@code x0, x1, ..., x(d-1)}
 * ({@link #defaults(int)}, an instance of a private list class, which is how they are told apart), and so has a model
 * fitted on one: those count as no names. A dataset is refused when both the model and the dataset have given names
 * and they differ, in content or order; when either side has none, nothing is checked. Names are given when they
 * come from a table (a CSV header), a pipeline's output or {@code Dataset.of(rows, names)}, even if they read
 * {@code x0, x1}: a file whose header is {@code x0,x1} is checked like any other. Points given as {@code double[]}
 * carry no names and are never checked.
 */
public final class FittedColumns {

  /** Names shown in full in a message; a longer list shows its first ones and the first difference. */
  static final int SHOWN = 10;
  /** Characters of one name shown in a message; a longer name is cut and ends in "...". */
  static final int NAME_CHARS = 60;

  private FittedColumns() {}

  /**
   * The default names {@code x0 .. x(d-1)}, as a list that holds no strings until asked (a state read from a
   * corrupted file may claim a huge dimension before its other fields are checked).
   *
   * @param d the number of columns; 0 or less gives an empty list
   * @return an unmodifiable list of {@code max(d, 0)} names
   */
  public static List<String> defaults(int d) {
    return new Defaults(Math.max(d, 0));
  }

  /**
   * @param names column names
   * @return whether they are the placeholders of data built without names: a list made by {@link #defaults(int)}
   *     (the same strings in another list are given names)
   */
  public static boolean areDefault(List<String> names) {
    return names instanceof Defaults;
  }

  /**
   * Equality of two name lists as models and datasets use them: the same names, and both or neither the placeholders
   * of data without names (the strings {@code x0, x1} given as names are checked against a dataset's, the
   * placeholders are not, so two states or datasets that differ only so behave differently and are not equal).
   *
   * @param a names, not null
   * @param b names, not null
   * @return whether they are the same names of the same kind
   */
  public static boolean sameNames(List<String> a, List<String> b) {
    return areDefault(a) == areDefault(b) && a.equals(b);
  }

  /**
   * Whether names read as the placeholders, whatever list holds them: for a model file that must tell a model fitted
   * without names from one fitted on given names that happen to read {@code x0, x1, ...}.
   *
   * @param names column names (no null check of the elements)
   * @return whether they are exactly {@code x0 .. x(d-1)} with {@code d = names.size()}
   */
  public static boolean readLikeDefaults(List<String> names) {
    for (int j = 0, d = names.size(); j < d; j++) {
      if (!isDefault(names.get(j), j)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} is {@code "x" + j}, without building that string. */
  private static boolean isDefault(String name, int j) {
    if (name == null || name.length() < 2 || name.charAt(0) != 'x') {
      return false;
    }
    int v = 0;
    for (int t = 1; t < name.length(); t++) {
      char c = name.charAt(t);
      if (c < '0' || c > '9' || (t == 1 && c == '0' && name.length() > 2) || v > (Integer.MAX_VALUE - 9) / 10) {
        return false;
      }
      v = v * 10 + (c - '0');
    }
    return v == j;
  }

  /**
   * Checks the names of a model's state: one distinct, non-null name per column.
   *
   * @param names the state's names, not null
   * @param d the model's dimension, at least 1
   * @return an unmodifiable copy (the given list itself if it is {@link #defaults(int)}'s)
   * @throws IllegalArgumentException naming the rule and the value, without the state's prefix (the caller adds it)
   */
  public static List<String> validated(List<String> names, int d) {
    if (names instanceof Defaults && names.size() == d) {
      return names;
    }
    if (names.size() != d) {
      throw new IllegalArgumentException("columnNames must have one name per column (" + d + "), got "
          + names.size());
    }
    List<String> out = new ArrayList<>(names);
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < d; j++) {
      String name = out.get(j);
      if (name == null) {
        throw new IllegalArgumentException("columnNames[" + j + "] must not be null");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("columnNames must be distinct, got " + quote(name) + " twice (at "
            + out.indexOf(name) + " and " + j + ")");
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A state's copy of caller-given names: unmodifiable, nulls kept (the model's {@code fromState} rejects them).
   *
   * @param names the names, not null
   * @return {@code names} itself if it is {@link #defaults(int)}'s, else an unmodifiable copy
   */
  public static List<String> copy(List<String> names) {
    return names instanceof Defaults ? names : Collections.unmodifiableList(new ArrayList<>(names));
  }

  /**
   * Refuses a dataset whose names break the rule (see the class description).
   *
   * @param fitted the model's names
   * @param fittedDefault whether {@code fitted} are the defaults ({@link #areDefault}, computed once per model)
   * @param data the dataset, not null, of the model's dimension
   * @param what the dataset's name in the message, e.g. {@code "data"}
   * @throws IllegalArgumentException {@code "<what>'s columns must match the columns the model was fitted on:
   *     fitted on [...], got [...]"}
   */
  public static void check(List<String> fitted, boolean fittedDefault, Dataset data, String what) {
    check(fitted, fittedDefault, data, possessive(what) + " columns must match the columns the model was fitted on",
        "fitted on");
  }

  /**
   * Refuses a dataset whose names break the rule against the names it is expected to have.
   *
   * @param expected the names the model expects
   * @param expectedDefault whether {@code expected} are the defaults (then nothing is checked)
   * @param data the dataset, not null, of the model's dimension
   * @param rule the message's start, the rule broken
   * @param expectedLabel what introduces the expected names, e.g. {@code "fitted on"}
   * @throws IllegalArgumentException {@code "<rule>: <expectedLabel> [...], got [...]"}
   */
  public static void check(List<String> expected, boolean expectedDefault, Dataset data, String rule,
      String expectedLabel) {
    if (expectedDefault) {
      return;
    }
    List<String> got = data.columnNames();
    if (got.equals(expected) || areDefault(got)) {
      return;
    }
    throw new IllegalArgumentException(rule + ": " + expectedLabel + " " + describe(expected) + ", got "
        + describe(got) + firstDifference(expected, got));
  }

  private static String possessive(String what) {
    return what.endsWith("s") ? what + "'" : what + "'s";
  }

  /**
   * The suffix of a dimension message naming the fitted columns, or nothing when they are the defaults.
   *
   * @param fitted the model's names
   * @param fittedDefault whether they are the defaults
   * @return {@code " (fitted on [...])"} or {@code ""}
   */
  public static String fittedOn(List<String> fitted, boolean fittedDefault) {
    return fittedDefault ? "" : " (fitted on " + describe(fitted) + ")";
  }

  /**
   * A list of names for a message: each name cut to {@value #NAME_CHARS} characters, at most {@value #SHOWN}
   * names followed by the count of the others.
   *
   * @param names the names
   * @return e.g. {@code [a, b, c]} or {@code [a, b, ..., j, ... (5 more)]}
   */
  public static String describe(List<String> names) {
    StringBuilder sb = new StringBuilder("[");
    int shown = Math.min(names.size(), SHOWN);
    for (int j = 0; j < shown; j++) {
      if (j > 0) {
        sb.append(", ");
      }
      sb.append(cut(names.get(j)));
    }
    if (names.size() > shown) {
      sb.append(", ... (").append(names.size() - shown).append(" more)");
    }
    return sb.append(']').toString();
  }

  /** Where two lists of the same length first differ, when a shortened list may not show it. */
  private static String firstDifference(List<String> fitted, List<String> got) {
    if (fitted.size() <= SHOWN) {
      return "";
    }
    for (int j = 0; j < fitted.size(); j++) {
      if (!Objects.equals(fitted.get(j), got.get(j))) {
        return " (first difference at column " + j + ": fitted on " + quote(fitted.get(j)) + ", got "
            + quote(got.get(j)) + ")";
      }
    }
    return "";
  }

  private static String cut(String name) {
    if (name == null) {
      return "null";
    }
    return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS - 3) + "...";
  }

  private static String quote(String name) {
    return name == null ? "null" : "\"" + cut(name) + "\"";
  }

  /** {@code x0 .. x(d-1)}, each built when asked. */
  private static final class Defaults extends AbstractList<String> implements RandomAccess {
    private final int d;

    Defaults(int d) {
      this.d = d;
    }

    @Override
    public String get(int index) {
      Objects.checkIndex(index, d);
      return "x" + index;
    }

    @Override
    public int size() {
      return d;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Defaults ? ((Defaults) o).d == d : super.equals(o);
    }

    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }
}
