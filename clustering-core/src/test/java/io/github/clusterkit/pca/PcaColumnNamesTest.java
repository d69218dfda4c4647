package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PcaModel kept the fitted column names but did not check them: transform(Dataset) now refuses a dataset whose real
 * names differ from them, inverseTransform(Dataset) scores whose real names are not PC1 .. PCk; default names
 * {@code x0, x1, ...} are not checked.
 */
class PcaColumnNamesTest {

  private static final List<String> NAMES = List.of("Age", "Annual Income (k$)", "Spending Score (1-100)");

  private static Dataset data() {
    return Generators.blobs(30, 3, 2, 1, 0, 13).data();
  }

  @Test
  void transformRefusesOtherNames() {
    PcaModel m = Pca.components(2).fit(data().withColumnNames(NAMES));
    assertEquals(NAMES, m.columnNames());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(
        data().withColumnNames(List.of("Annual Income (k$)", "Age", "Spending Score (1-100)"))));
    assertEquals("data's columns must match the columns the model was fitted on: fitted on [Age, Annual Income (k$),"
        + " Spending Score (1-100)], got [Annual Income (k$), Age, Spending Score (1-100)]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> m.transform(Dataset.of(new double[][] {{1, 2}}, List.of("Age", "Income"))));
    assertEquals("data must have 3 columns, got 2 (fitted on [Age, Annual Income (k$), Spending Score (1-100)])",
        e.getMessage());
    Dataset z = m.transform(data().withColumnNames(NAMES));
    assertArrayEquals(z.toArray(), m.transform(data()).toArray(), 0);
    assertArrayEquals(z.row(0), m.transform(data().row(0)), 0);
  }

  @Test
  void inverseTransformRefusesScoresNamedOtherwise() {
    PcaModel m = Pca.components(2).fit(data().withColumnNames(NAMES));
    Dataset z = m.transform(data());
    assertEquals(List.of("PC1", "PC2"), z.columnNames());
    Dataset back = m.inverseTransform(z);
    assertEquals(NAMES, back.columnNames());
    assertArrayEquals(back.toArray(), m.inverseTransform(Dataset.of(z.toRows())).toArray(), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.inverseTransform(z.withColumnNames(List.of("PC2", "PC1"))));
    assertEquals("scores' columns must be the model's components, named as transform names them: expected [PC1, PC2],"
        + " got [PC2, PC1]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> m.inverseTransform(Dataset.of(new double[][] {{1, 2, 3}}, List.of("PC1", "PC2", "PC3"))));
    assertEquals("scores must have 2 columns, got 3", e.getMessage());
  }

  @Test
  void unnamedModelChecksNothingAndFromStateKeepsTheCheck() {
    PcaModel unnamed = Pca.components(2).fit(data());
    assertEquals(List.of("x0", "x1", "x2"), unnamed.columnNames());
    assertArrayEquals(unnamed.transform(data()).toArray(),
        unnamed.transform(data().withColumnNames(List.of("c", "b", "a"))).toArray(), 0);
    PcaModel named = PcaModel.fromState(Pca.components(2).fit(data().withColumnNames(NAMES)).state());
    assertEquals(NAMES, named.columnNames());
    assertThrows(UnsupportedOperationException.class, () -> named.columnNames().set(0, "z"));
    assertThrows(IllegalArgumentException.class, () -> named.transform(data().withColumnNames(List.of("a", "b",
        "c"))));
  }
}
