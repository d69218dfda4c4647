package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link KMeansModel#transform(Dataset)}: every row's distances to the centroids at once. */
class KMeansTransformTest {

  /**
   * Oracle: {@link KMeansModel#transform(double[])} and {@link KMeansModel#predict(double[])} row by row: the batch
   * distances bit for bit, the batch labels equal, and each label's distance the row's minimum. Rows of magnitudes from 1e-200 to 1e300 (some far beyond the
   * centroids, some needing the power-of-two scaling, some not), so both the scaled and the plain paths are taken.
   */
  @Property(tries = 60)
  void rowsEqualTheSinglePointTransform(@ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
    Random r = new Random(seed);
    double[][] fitRows = new double[k + 3][d];
    for (double[] row : fitRows) {
      for (int t = 0; t < d; t++) {
        row[t] = r.nextGaussian() * 10;
      }
    }
    KMeansModel m = KMeans.k(k).seed(seed).fit(Dataset.of(fitRows));
    double[] scales = {1e-200, 1e-3, 1, 1e5, 1e160, 1e300};
    double[][] rows = new double[40][d];
    for (double[] row : rows) {
      double s = scales[r.nextInt(scales.length)];
      for (int t = 0; t < d; t++) {
        row[t] = (r.nextDouble() * 2 - 1) * s;
      }
    }
    Dataset data = Dataset.of(rows);
    double[] before = data.toArray();
    double[][] all = m.transform(data);
    int[] labels = m.predict(data);
    assertEquals(rows.length, all.length);
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(m.transform(rows[i]), all[i], "row " + i);
      assertEquals(m.predict(rows[i]), labels[i], "row " + i);
      double min = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        min = Math.min(min, all[i][j]);
      }
      assertEquals(min, all[i][labels[i]], "row " + i);
    }
    assertArrayEquals(before, data.toArray());
  }

  /**
   * A row's label must not depend on the other rows of the batch. Centroids 1e-200 and 2e-200: the row 1.6e-200 is
   * nearer the second (0.4e-200 against 0.6e-200, exact). Beside a row of 1e300, one power-of-two scaling for the whole
   * batch (2^-996) flushed 1.6e-200 to 0, nearer the first centroid (the batch said 0, the single point 1).
   */
  @Test
  void batchLabelsDoNotDependOnTheOtherRows() {
    KMeansModel m = KMeans.k(2).initialCentroids(new double[][] {{1e-200}, {2e-200}})
        .fit(Dataset.of(new double[][] {{1e-200}, {2e-200}}));
    assertEquals(1, m.predict(new double[] {1.6e-200}));
    // 1e300 is equally far from both centroids in double arithmetic (1e300 - 1e-200 == 1e300): the lowest index.
    assertArrayEquals(new int[] {1, 0}, m.predict(Dataset.of(new double[][] {{1.6e-200}, {1e300}})));
  }

  @Test
  void distancesByHandAndErrors() {
    // Centroids (0, 0) and (3, 4): given, with one row on each, so the iterations keep them.
    KMeansModel m = KMeans.k(2).initialCentroids(new double[][] {{0, 0}, {3, 4}})
        .fit(Dataset.of(new double[][] {{0, 0}, {3, 4}}));
    double[][] t = m.transform(Dataset.of(new double[][] {{0, 0}, {3, 4}, {6, 8}}));
    // Exact: |(0,0)-(3,4)| = 5, |(6,8)-(0,0)| = 10, |(6,8)-(3,4)| = 5.
    assertArrayEquals(new double[][] {{0, 5}, {5, 0}, {10, 5}}, t);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform((Dataset) null));
    assertEquals("data must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.transform(Dataset.of(new double[][] {{1}})));
    assertEquals("data must have dimension 2 like the centroids, got 1", e.getMessage());
  }

  /**
   * Centroids large enough to need the power-of-two scaling themselves (1e200 and 3e200), and rows whose own
   * magnitudes choose different powers: each row's distances must use the centroids scaled by that row's power, also
   * when the row before chose another. Hand values: |1.5e200 - 1e200| = 5e199 and |1.5e200 - 3e200| = 1.5e200 (to
   * rounding); |2e250 - c| = 2e250 for both centroids (1e200 is below half an ulp of 2e250).
   */
  @Test
  void rowsOfDifferentMagnitudesBesideLargeCentroids() {
    KMeansModel m = KMeansModel.fromState(new KMeansModel.State(1, new double[] {1e200, 3e200}, new int[] {0, 1},
        0, 1, true, KMeansAlgorithm.LLOYD));
    double[][] rows = {{1.5e200}, {2e250}, {1.5e200}, {2.5e200}};
    double[][] all = m.transform(Dataset.of(rows));
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(m.transform(rows[i]), all[i], "row " + i);
    }
    assertArrayEquals(new double[] {5e199, 1.5e200}, all[2], 1e185);
    assertArrayEquals(new double[] {2e250, 2e250}, all[1], 0.0);
    assertArrayEquals(new double[] {1.5e200, 5e199}, all[3], 1e185);
    assertArrayEquals(new int[] {0, 0, 0, 1}, m.predict(Dataset.of(rows)));
  }
}
