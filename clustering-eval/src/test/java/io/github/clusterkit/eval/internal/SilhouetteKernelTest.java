package io.github.clusterkit.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The row-by-row mode (used for many clusters) agrees with the symmetric mode, under every metric.
 * Properties run without jqwik's combined edge cases (their number, the product over the parameters,
 * would exceed the tries and make jqwik log); boundary sizes are covered by explicit tests.
 */
class SilhouetteKernelTest {

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void rowByRowModeAgreesWithSymmetricMode(@ForAll long seed, @ForAll @IntRange(min = 2, max = 700) int n,
      @ForAll @IntRange(min = 1, max = 7) int d, @ForAll @IntRange(min = 2, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll Metric metric) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    int[] rows = new int[n];
    int[] cl = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
      cl[i] = rng.nextInt(k);
    }
    double[] a = SilhouetteKernel.compute(x, d, rows, cl, k, threads, metric, false);
    double[] b = SilhouetteKernel.compute(x, d, rows, cl, k, 1, metric, true);
    for (int i = 0; i < n; i++) {
      assertEquals(a[i], b[i], 1e-12, "row " + i);
    }
  }

  /**
   * More than one stripe (256 rows) of rows in clusters, followed by points alone in their cluster, whose nearest
   * one each row of every stripe must find: the row-by-row mode gives the symmetric mode's values (which
   * InternalIndexEdgeCaseTest checks against the textbook definition).
   */
  @Test
  void rowByRowModeWithSeveralStripesAndSingletons() {
    int[] sizes = {300, 290, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    int n = 600;
    int d = 2;
    Rng rng = new Rng(23);
    double[] x = new double[n * d];
    int[] rows = new int[n];
    int[] cl = new int[n];
    for (int c = 0, i = 0; c < sizes.length; c++) {
      for (int q = 0; q < sizes[c]; q++, i++) {
        rows[i] = i;
        cl[i] = c;
        // the points alone lie between the two clusters, nearer to some rows than the other cluster's mean
        x[i * d] = c < 2 ? 6 * c + rng.nextGaussian() : 3 + rng.nextGaussian();
        x[i * d + 1] = rng.nextGaussian();
      }
    }
    for (Metric metric : Metric.values()) {
      double[] symmetric = SilhouetteKernel.compute(x, d, rows, cl, sizes.length, 1, metric, false);
      for (int threads = 1; threads <= 2; threads++) {
        double[] rowByRow = SilhouetteKernel.compute(x, d, rows, cl, sizes.length, threads, metric, true);
        for (int i = 0; i < n; i++) {
          assertEquals(symmetric[i], rowByRow[i], 1e-12, metric + ", row " + i);
        }
      }
    }
  }
}
