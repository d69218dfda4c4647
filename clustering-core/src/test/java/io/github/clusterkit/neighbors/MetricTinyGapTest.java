package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link Metric#distance} of points whose gaps are too small for their squares while the points themselves are not
 * rescaled (largest magnitude 1): {@code (0, 1)} and {@code (1e-200, 1)} came out 0 apart (found by a differential
 * audit against exact arithmetic). Expected values by hand: one gap of {@code 1e-200}; a 3-4-5 triangle of
 * {@code 3e-200} and {@code 4e-200} (5e-200, to the rounding of the scaled sum: within 2 ulps); equal points 0.
 */
class MetricTinyGapTest {

  @Test
  void gapsWhoseSquaresUnderflowAreMeasured() {
    double[] a = {0, 1};
    double[] b = {1e-200, 1};
    for (Metric m : Metric.values()) {
      assertEquals(1e-200, m.distance(a, b), 0.0, m.toString());
      assertEquals(1e-200, m.distance(b, a), 0.0, m.toString());
    }
    double[] c = {0, 0};
    double[] t = {3e-200, 4e-200};
    assertEquals(5e-200, Metric.EUCLIDEAN.distance(c, t), 2 * Math.ulp(5e-200));
    assertEquals(7e-200, Metric.MANHATTAN.distance(c, t), 2 * Math.ulp(7e-200));
    assertEquals(4e-200, Metric.CHEBYSHEV.distance(c, t), 0.0);
    assertEquals(0.0, Metric.EUCLIDEAN.distance(new double[] {1e-200, 1}, new double[] {1e-200, 1}), 0.0);
    // ordinary points keep their bits: the plain formula
    assertEquals(Math.sqrt(0.5 * 0.5 + 0.25 * 0.25), Metric.EUCLIDEAN.distance(new double[] {0.5, 0},
        new double[] {0, 0.25}), 0.0);
  }
}
