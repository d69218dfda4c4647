package io.github.clusterkit.gmm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The k-means++ initial mixture computed from the seed rows alone is, bit for bit, the one the general path
 * computes from a full responsibility array with a single 1 per component.
 */
class EmRunInitTest {

  @Property(tries = 40)
  void seedRowsGiveTheSameBitsAsTheResponsibilityPath(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 7) int d, @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 0, max = 9000) int extra) {
    int n = k + extra;
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      // some negative zeros and exact duplicates of small integers, besides general values
      int kind = rng.nextInt(8);
      x[i] = kind == 0 ? -0.0 : kind == 1 ? rng.nextInt(3) : rng.uniform(-50, 50);
    }
    // k distinct rows (the rows themselves may hold equal values: the mixture does not care)
    int[] rows = new int[k];
    for (int c = 0; c < k; c++) {
      rows[c] = c * (n / k) + rng.nextInt(n / k);
    }
    Mixture[] fastSlow = fromRowsBothWays(x, n, d, k, type, rows);
    assertBits(fastSlow[1].weights, fastSlow[0].weights, "weights");
    assertBits(fastSlow[1].means, fastSlow[0].means, "means");
    assertBits(fastSlow[1].cov, fastSlow[0].cov, "covariances");
  }

  /**
   * The initial mixture of one seed row per component, regularization {@code 1e-6}: {@code [0]} by the seed-row
   * path ({@code initialMixtureFromRows}), {@code [1]} by the general path (responsibility 1 on each seed row).
   */
  static Mixture[] fromRowsBothWays(double[] x, int n, int d, int k, CovarianceType type, int[] rows) {
    try (ChunkRunner exec = new ChunkRunner(1)) {
      Mixture fast = new EmRun(x, n, d, k, type, 1e-6, exec).initialMixtureFromRows(rows);
      EmRun general = new EmRun(x, n, d, k, type, 1e-6, exec);
      general.clearResponsibilities();
      for (int c = 0; c < k; c++) {
        general.setResponsibility(rows[c], c, 1);
      }
      return new Mixture[] {fast, general.initialMixture()};
    }
  }

  private static void assertBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
    }
  }
}
