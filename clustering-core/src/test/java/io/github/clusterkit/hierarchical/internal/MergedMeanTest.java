package io.github.clusterkit.hierarchical.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link CentroidWard#mergedMean}: the weighted mean of two centroids, held between them. Expected values are
 * exact computations (stated per case; the rounded values checked with Python's fractions).
 */
class MergedMeanTest {

  @Test
  void equalCentroidsMergeToExactlyThatCentroid() {
    // (2 * 0.1 + 0.1) / 3 = 0.30000000000000004 / 3 = 0.10000000000000002 before: duplicates merged above 0.
    assertEquals(0.1, CentroidWard.mergedMean(0.1, 2, 0.1, 1, 3));
    Rng rng = new Rng(7);
    for (int i = 0; i < 10_000; i++) {
      double c = rng.uniform(-1e3, 1e3);
      double na = 1 + rng.nextInt(1000);
      double nb = 1 + rng.nextInt(1000);
      assertEquals(c, CentroidWard.mergedMean(c, na, c, nb, na + nb), c + " " + na + " " + nb);
    }
  }

  @Test
  void aMeanRoundedOutsideTheTwoIsBroughtBack() {
    // (5 * 0.1 + 1 * nextUp(0.1)) / 6 rounds to 0.09999999999999999, below both; the exact mean,
    // 0.1 + ulp(0.1) / 6, rounds to 0.1.
    double b = Math.nextUp(0.1);
    assertEquals(0.09999999999999999, (5 * 0.1 + b) / 6, 0.0, "the premise");
    assertEquals(0.1, CentroidWard.mergedMean(0.1, 5, b, 1, 6));
  }

  @Test
  void equalExactMeansOfIntegersGiveEqualCentroids() {
    // {0} + {1, 1} and {2} + {0, 0} both have the mean 2/3; the weighted mean rounds that exact value (its
    // products and sum are exact) and gives 0.6666666666666666 for both. The form a + (b - a) * (nb / total)
    // would give 0.6666666666666666 and 0.6666666666666667, so the centroids would not see the exact tie.
    assertEquals(2.0 / 3, CentroidWard.mergedMean(0, 1, 1, 2, 3));
    assertEquals(2.0 / 3, CentroidWard.mergedMean(2, 1, 0, 2, 3));
  }
}
