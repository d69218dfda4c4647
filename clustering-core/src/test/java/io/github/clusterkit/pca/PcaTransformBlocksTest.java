package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link PcaModel#transform(Dataset)}, which computes by blocks of rows, gives every row the bits of
 * {@link PcaModel#transform(double[])} for that row alone: plain and whitened, any number of components, several
 * blocks with a short last one, and rows that are the mean itself (scores of exactly zero, whose sign must match).
 */
class PcaTransformBlocksTest {

  @Property(tries = 40)
  void batchScoresEqualOnePointScores(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int d,
      @ForAll @IntRange(min = 2, max = 400) int n, @ForAll @IntRange(min = 1, max = 30) int k,
      @ForAll boolean whiten) {
    Rng rng = new Rng(seed);
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        r[j] = rng.nextGaussian() * (j + 1) + (rng.nextInt(5) == 0 ? 10 : 0);
      }
    }
    int comps = Math.min(k, Math.min(n, d));
    PcaModel p = Pca.components(comps).whiten(whiten).fit(Dataset.of(rows));
    double[] mean = p.mean();
    for (int i = 0; i < n; i += 7) {
      rows[i] = mean.clone(); // a row at the mean: every score is a zero
    }
    Dataset z = p.transform(Dataset.of(rows));
    for (int i = 0; i < n; i++) {
      double[] one = p.transform(rows[i]);
      double[] got = z.row(i);
      for (int j = 0; j < comps; j++) {
        assertEquals(Double.doubleToRawLongBits(one[j]), Double.doubleToRawLongBits(got[j]),
            "row " + i + ", component " + j + ": " + one[j] + " vs " + got[j]);
      }
    }
  }
}
