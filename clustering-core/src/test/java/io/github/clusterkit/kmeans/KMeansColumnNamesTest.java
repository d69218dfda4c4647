package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A K-Means model remembers the names of the columns it was fitted on and refuses a dataset whose real names differ
 * (scikit-learn's {@code feature_names_in_}); default names {@code x0, x1, ...} on either side are not checked.
 *
 * <p>The issue, found by a user trial: a model fitted on [income, spending] predicted a dataset with the columns
 * swapped, [spending, income], without complaint, and 59 of the 200 labels differed from those of the right columns.
 */
class KMeansColumnNamesTest {

  static final String INCOME = "Annual Income (k$)";
  static final String SPENDING = "Spending Score (1-100)";

  /**
   * 200 customers in the shape of the Mall Customers data (income 15 to 137 k$, spending score 1 to 99): five groups
   * around (26, 20), (26, 79), (55, 50), (87, 18) and (86, 82), rounded to integers as the data are. Built here, so
   * the test needs no shared file.
   */
  static double[][] mallRows() {
    double[][] centres = {{26, 20}, {26, 79}, {55, 50}, {87, 18}, {86, 82}};
    int[] sizes = {23, 22, 81, 35, 39};
    Rng rng = new Rng(2024);
    List<double[]> rows = new ArrayList<>();
    for (int g = 0; g < centres.length; g++) {
      for (int i = 0; i < sizes[g]; i++) {
        double income = Math.round(Math.min(137, Math.max(15, centres[g][0] + 9 * rng.nextGaussian())));
        double spending = Math.round(Math.min(99, Math.max(1, centres[g][1] + 9 * rng.nextGaussian())));
        rows.add(new double[] {income, spending});
      }
    }
    return rows.toArray(new double[0][]);
  }

  static double[][] swapColumns(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[] {rows[i][1], rows[i][0]};
    }
    return out;
  }

  @Test
  void mallExampleRefusesTheSwappedColumns() {
    double[][] rows = mallRows();
    assertEquals(200, rows.length);
    Dataset train = Dataset.of(rows, List.of(INCOME, SPENDING));
    KMeansModel m = KMeans.k(5).seed(42).fit(train);
    assertEquals(List.of(INCOME, SPENDING), m.columnNames());
    Dataset swapped = Dataset.of(swapColumns(rows), List.of(SPENDING, INCOME));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(swapped));
    assertEquals("data's columns must match the columns the model was fitted on: fitted on [Annual Income (k$), "
        + "Spending Score (1-100)], got [Spending Score (1-100), Annual Income (k$)]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.transform(swapped));
    assertTrue(e.getMessage().startsWith("data's columns must match the columns the model was fitted on"),
        e.getMessage());

    // What the check prevents: the same swapped values without names are not checked, and their labels are wrong.
    int[] right = m.predict(train);
    assertArrayEquals(m.labels(), right);
    int[] wrong = m.predict(Dataset.of(swapColumns(rows)));
    int differ = 0;
    for (int i = 0; i < rows.length; i++) {
      differ += right[i] == wrong[i] ? 0 : 1;
    }
    assertTrue(differ > 0, "swapped columns give other labels");

    // The right columns under their names, or without names, are accepted, with the same answers.
    assertArrayEquals(right, m.predict(Dataset.of(rows)));
    assertArrayEquals(Arrays.copyOf(right, 3), m.predict(train.select(new int[] {0, 1, 2})));
    assertEquals(Arrays.deepToString(m.transform(train)), Arrays.deepToString(m.transform(Dataset.of(rows))));
    // Points given as arrays carry no names.
    assertEquals(right[0], m.predict(rows[0]));
  }

  @Test
  void otherNamesOfTheRightWidthAreRefusedAndWidthErrorsNameTheColumns() {
    KMeansModel m = KMeans.k(2).seed(1).fit(Dataset.of(mallRows(), List.of(INCOME, SPENDING)));
    Dataset renamed = Dataset.of(mallRows(), List.of("income", "spending"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(renamed));
    assertTrue(e.getMessage().contains("got [income, spending]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.predict(Dataset.of(new double[][] {{1, 2, 3}})));
    assertEquals("data must have dimension 2 like the centroids, got 3 (fitted on [Annual Income (k$), Spending"
        + " Score (1-100)])", e.getMessage());
  }

  @Test
  void defaultNamesOnEitherSideAreNotChecked() {
    double[][] rows = mallRows();
    KMeansModel unnamed = KMeans.k(3).seed(3).fit(Dataset.of(rows));
    assertEquals(List.of("x0", "x1"), unnamed.columnNames());
    int[] labels = unnamed.predict(Dataset.of(rows));
    assertArrayEquals(labels, unnamed.predict(Dataset.of(rows, List.of(INCOME, SPENDING))));
    assertArrayEquals(labels, unnamed.predict(Dataset.of(rows, List.of("b", "a"))));
    KMeansModel named = KMeans.k(3).seed(3).fit(Dataset.of(rows, List.of(INCOME, SPENDING)));
    assertArrayEquals(labels, named.predict(Dataset.of(rows)));
    assertArrayEquals(labels, named.predict(Dataset.wrap(Dataset.of(rows).toArray(), rows.length, 2)));
    // Names that only look like defaults are real names: x1, x0 is a permutation.
    KMeansModel model = KMeans.k(3).seed(3).fit(Dataset.of(rows, List.of("x0", "x1")));
    assertArrayEquals(labels, model.predict(Dataset.of(rows, List.of("x0", "x1"))));
    KMeansModel renamed = KMeans.k(3).seed(3).fit(Dataset.of(rows, List.of("a", "b")));
    assertThrows(IllegalArgumentException.class, () -> renamed.predict(Dataset.of(rows, List.of("x1", "x0"))));
  }

  @Test
  void longListsAreShortenedAndTheFirstDifferenceNamed() {
    int d = 30;
    double[][] rows = new double[4][d];
    for (int i = 0; i < rows.length; i++) {
      rows[i][0] = i;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("feature " + j);
    }
    KMeansModel m = KMeans.k(2).seed(1).fit(Dataset.of(rows, names));
    List<String> other = new ArrayList<>(names);
    Collections.swap(other, 20, 21);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(Dataset.of(rows, other)));
    assertEquals("data's columns must match the columns the model was fitted on: fitted on [feature 0, feature 1,"
        + " feature 2, feature 3, feature 4, feature 5, feature 6, feature 7, feature 8, feature 9, ... (20 more)], got"
        + " [feature 0, feature 1, feature 2, feature 3, feature 4, feature 5, feature 6, feature 7, feature 8,"
        + " feature 9, ... (20 more)] (first difference at column 20: fitted on \"feature 20\", got \"feature 21\")",
        e.getMessage());
  }

  /** Permuting the columns of a named dataset, values and names together, is refused unless it is the identity. */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void permutedNamedColumnsAreRefusedUnlessIdentity(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int d) {
    Rng rng = new Rng(seed);
    int n = 12;
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        r[j] = rng.nextGaussian();
      }
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("c" + (char) ('a' + j));
    }
    KMeansModel m = KMeans.k(2).seed(seed).fit(Dataset.of(rows, names));
    int[] perm = new int[d];
    for (int j = 0; j < d; j++) {
      perm[j] = j;
    }
    for (int j = d - 1; j > 0; j--) {
      int t = rng.nextInt(j + 1);
      int tmp = perm[j];
      perm[j] = perm[t];
      perm[t] = tmp;
    }
    double[][] permuted = new double[n][d];
    List<String> permutedNames = new ArrayList<>();
    boolean identity = true;
    for (int j = 0; j < d; j++) {
      permutedNames.add(names.get(perm[j]));
      identity &= perm[j] == j;
      for (int i = 0; i < n; i++) {
        permuted[i][j] = rows[i][perm[j]];
      }
    }
    Dataset q = Dataset.of(permuted, permutedNames);
    if (identity) {
      assertArrayEquals(m.labels(), m.predict(q));
    } else {
      assertThrows(IllegalArgumentException.class, () -> m.predict(q));
      assertThrows(IllegalArgumentException.class, () -> m.transform(q));
      // the same values without names are not checked
      m.predict(Dataset.of(permuted));
    }
  }

  // ---- state ---------------------------------------------------------------------------------------------

  @Test
  void stateKeepsTheNamesAndFromStatePredictsAlike() {
    double[][] rows = mallRows();
    KMeansModel m = KMeans.k(5).seed(42).fit(Dataset.of(rows, List.of(INCOME, SPENDING)));
    KMeansModel.State s = m.state();
    assertEquals(List.of(INCOME, SPENDING), s.columnNames());
    assertThrows(UnsupportedOperationException.class, () -> s.columnNames().set(0, "z"));
    assertThrows(UnsupportedOperationException.class, () -> m.columnNames().set(0, "z"));
    KMeansModel back = KMeansModel.fromState(s);
    assertEquals(m.columnNames(), back.columnNames());
    assertEquals(s, back.state());
    assertArrayEquals(m.predict(Dataset.of(rows)), back.predict(Dataset.of(rows, List.of(INCOME, SPENDING))));
    assertThrows(IllegalArgumentException.class,
        () -> back.predict(Dataset.of(swapColumns(rows), List.of(SPENDING, INCOME))));
  }

  @Test
  void stateWithoutNamesHasTheDefaults() {
    double[] c = {0, 0, 5, 5};
    int[] labels = {0, 1, 1};
    KMeansModel.State plain = new KMeansModel.State(2, c, labels, 1, 2, true, KMeansAlgorithm.LLOYD);
    KMeansModel.State named = new KMeansModel.State(2, List.of("x0", "x1"), c, labels, 1, 2, true,
        KMeansAlgorithm.LLOYD);
    assertEquals(List.of("x0", "x1"), plain.columnNames());
    // Names given as "x0", "x1" are checked against a dataset's, the placeholders are not (since the second user
    // trial), so the two states are not equal: until the review of 2026-11-29 they were, while the models built
    // from them behaved differently (NamesKindEqualityTest).
    assertNotEquals(plain, named);
    assertNotEquals(named, plain);
    KMeansModel m = KMeansModel.fromState(plain);
    assertEquals(List.of("x0", "x1"), m.columnNames());
    assertEquals(1, m.predict(Dataset.of(new double[][] {{5, 4}}, List.of("b", "a")))[0]);
  }

  @Test
  void stateEqualityAndHashCodeIncludeTheNames() {
    double[] c = {0, 0, 5, 5};
    int[] labels = {0, 1, 1};
    KMeansModel.State a = new KMeansModel.State(2, List.of("a", "b"), c, labels, 1, 2, true, KMeansAlgorithm.LLOYD);
    KMeansModel.State same = new KMeansModel.State(2, new ArrayList<>(List.of("a", "b")), c, labels, 1, 2, true,
        KMeansAlgorithm.LLOYD);
    KMeansModel.State swapped = new KMeansModel.State(2, List.of("b", "a"), c, labels, 1, 2, true,
        KMeansAlgorithm.LLOYD);
    KMeansModel.State plain = new KMeansModel.State(2, c, labels, 1, 2, true, KMeansAlgorithm.LLOYD);
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertNotEquals(a, swapped);
    assertNotEquals(a, plain);
    assertNotEquals(a.hashCode(), swapped.hashCode());
    // the caller's list is copied
    List<String> mutable = new ArrayList<>(List.of("a", "b"));
    KMeansModel.State copied = new KMeansModel.State(2, mutable, c, labels, 1, 2, true, KMeansAlgorithm.LLOYD);
    mutable.set(0, "z");
    assertEquals(List.of("a", "b"), copied.columnNames());
  }

  @Test
  void fromStateRefusesInvalidNames() {
    double[] c = {0, 0, 5, 5};
    int[] labels = {0, 1, 1};
    assertRejected("KMeansModel state: columnNames must have one name per column (2), got 3",
        List.of("a", "b", "c"));
    assertRejected("KMeansModel state: columnNames must have one name per column (2), got 1", List.of("a"));
    assertRejected("KMeansModel state: columnNames must be distinct, got \"a\" twice (at 0 and 1)",
        List.of("a", "a"));
    assertRejected("KMeansModel state: columnNames[1] must not be null", Arrays.asList("a", null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KMeansModel.State(2, null, c, labels, 1, 2, true, KMeansAlgorithm.LLOYD));
    assertEquals("KMeansModel state: columnNames must not be null", e.getMessage());
  }

  private static void assertRejected(String expected, List<String> names) {
    KMeansModel.State s = new KMeansModel.State(2, names, new double[] {0, 0, 5, 5}, new int[] {0, 1, 1}, 1, 2,
        true, KMeansAlgorithm.LLOYD);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KMeansModel.fromState(s));
    assertEquals(expected, e.getMessage());
  }
}
