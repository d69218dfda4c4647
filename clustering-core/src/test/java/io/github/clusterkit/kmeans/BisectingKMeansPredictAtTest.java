package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BisectingKMeansModel#predictAt(Dataset, int)}: every row as {@link BisectingKMeansModel#predictAt(double[],
 * int)} gives it (the oracle, row by row), the training rows at their {@code labelsAt(m)} labels (the tree's own
 * descent reproduces a split's 2-means assignment except at exact ties, which blobs of continuous values do not have),
 * and the refusals of {@link BisectingKMeansModel#predict(Dataset)} plus the level's range.
 */
class BisectingKMeansPredictAtTest {

  @Test
  void everyLevelAsRowByRow() {
    Dataset x = Generators.blobs(300, 3, 6, 0.8, 0.0, 11).data().withColumnNames(List.of("a", "b", "c"));
    BisectingKMeansModel m = BisectingKMeans.k(6).seed(5).fit(x);
    Dataset q = Generators.blobs(40, 3, 4, 3.0, 0.1, 12).data().withColumnNames(List.of("a", "b", "c"));
    for (int level = 1; level <= 6; level++) {
      int[] got = m.predictAt(q, level);
      for (int i = 0; i < q.size(); i++) {
        assertEquals(m.predictAt(q.row(i), level), got[i], "row " + i + " at level " + level);
      }
      assertArrayEquals(m.labelsAt(level), m.predictAt(x, level), "training rows at level " + level);
    }
    assertArrayEquals(m.predict(q), m.predictAt(q, 6));
  }

  @Test
  void refusals() {
    Dataset x = Generators.blobs(60, 2, 3, 0.5, 0.0, 3).data().withColumnNames(List.of("a", "b"));
    BisectingKMeansModel m = BisectingKMeans.k(3).seed(1).fit(x);
    assertEquals("m must be in 1..3 (k), got 4",
        assertThrows(IllegalArgumentException.class, () -> m.predictAt(x, 4)).getMessage());
    assertEquals("m must be in 1..3 (k), got 0",
        assertThrows(IllegalArgumentException.class, () -> m.predictAt(x, 0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.predictAt((Dataset) null, 2));
    assertThrows(IllegalArgumentException.class,
        () -> m.predictAt(x.withColumnNames(List.of("b", "a")), 2));
    assertThrows(IllegalArgumentException.class,
        () -> m.predictAt(Dataset.of(new double[][] {{1, 2, 3}}), 2));
  }
}
