package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The batch methods ({@code predict}, {@code predictProba} and {@code scoreSamples} of a {@link Dataset}), which
 * compute by blocks of rows copied column by column, give every row the bits of the one-point methods (and of a
 * one-row dataset and {@code scoreSample} for {@code scoreSamples}), for every covariance type, across several blocks with a short last one,
 * and with rows so far away (1e200) that their log densities overflow (the far-point rule of {@code predict} and
 * {@code predictProba}, {@code -inf} in {@code scoreSamples}). The block and one-point kernels themselves are
 * compared exactly in {@code MixtureKernelTest}.
 */
class GaussianMixtureBatchTest {

  @Property(tries = 40)
  void batchMethodsEqualTheOnePointMethods(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 1, max = 400) int n, @ForAll boolean far, @ForAll boolean offset) {
    Rng rng = new Rng(seed);
    // offset: data near 1e6 with unit spread, so that TIED measures from its first mean rather than the origin
    double o = offset ? 1e6 : 0;
    int m = Math.max(n, 2 * k + d + 2);
    double[][] fit = new double[m][d];
    for (double[] r : fit) {
      int b = rng.nextInt(3);
      for (int j = 0; j < d; j++) {
        r[j] = o + 4 * b + rng.nextGaussian();
      }
    }
    GaussianMixtureModel g = GaussianMixture.components(k).covariance(type).seed(seed).fit(Dataset.of(fit));
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = far && rng.nextInt(7) == 0 ? (rng.nextInt(2) == 0 ? 1e200 : -1e200) : o + 3 * rng.nextGaussian();
      }
    }
    Dataset data = Dataset.of(rows);
    int[] labels = g.predict(data);
    double[][] proba = g.predictProba(data);
    double[] score = g.scoreSamples(data);
    for (int i = 0; i < n; i++) {
      assertEquals(g.predict(rows[i]), labels[i], "predict, row " + i);
      double[] p = g.predictProba(rows[i]);
      for (int c = 0; c < k; c++) {
        assertEquals(Double.doubleToRawLongBits(p[c]), Double.doubleToRawLongBits(proba[i][c]),
            "predictProba, row " + i + ", component " + c);
      }
      double s = g.scoreSamples(Dataset.of(new double[][] {rows[i]}))[0];
      assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(score[i]), "scoreSamples, row " + i);
      double[] copy = rows[i].clone();
      assertEquals(Double.doubleToRawLongBits(score[i]), Double.doubleToRawLongBits(g.scoreSample(rows[i])),
          "scoreSample, row " + i);
      assertArrayEquals(copy, rows[i], "scoreSample modified row " + i);
    }
  }
}
