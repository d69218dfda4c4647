package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * A result too large for one Java array is refused with the sizes, before anything is allocated. Before, {@code
 * inverseTransform} multiplied {@code n * d} in {@code int}: 3,000,000 scores of a model of 1,000 columns raised
 * {@code NegativeArraySizeException: -1294967296}, and 5,000,000 tried to allocate 5.6 GB (the product wrapped to
 * 705,032,704) and then ran past its end.
 */
class PcaLargeResultTest {

  @Test
  void inverseTransformRefusesMoreValuesThanAJavaArrayHolds() {
    // 2 rows of 2048 columns, one component; 2^20 scores map back to 2^20 * 2^11 = 2^31 values (exact by hand),
    // above the limit of 2^31 - 9; the scores themselves are only 8 MiB.
    double[] x = new double[2 * 2048];
    for (int j = 0; j < 2048; j++) {
      x[j] = j;
      x[2048 + j] = -j;
    }
    PcaModel m = Pca.components(1).fit(Dataset.wrap(x, 2, 2048));
    int n = 1 << 20;
    Dataset scores = Dataset.wrap(new double[n], n, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.inverseTransform(scores));
    assertEquals("inverseTransform gives n * d values, which must be at most 2147483639 (one Java array), got"
        + " 1048576 * 2048; map the scores back in parts", e.getMessage());
  }
}
