package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.eval.Kneedle.Shape;
import org.junit.jupiter.api.Test;

/** Kneedle on curves worked out by hand. */
class KneedleTest {

  private static final double[] K = {1, 2, 3, 4, 5, 6};
  // an elbow at k = 3
  private static final double[] INERTIA = {100, 30, 10, 8, 7, 6.5};

  @Test
  void elbowOfADecreasingConvexCurve() {
    // By hand: x_n = (0, .2, .4, .6, .8, 1); y_n = (y - 6.5) / 93.5; flipped 1 - y_n =
    // (0, .7487, .9626, .9840, .9947, 1); D = (0, .5487, .5626, .3840, .1947, 0). The local maximum is at
    // index 2; its threshold .5626 - 1 * .2 = .3626; D(3) = .3840 stays above, D(4) = .1947 falls below,
    // so index 2 (k = 3) is the knee.
    assertEquals(2, Kneedle.knee(K, INERTIA, Shape.CONVEX_DECREASING));
    // with S = 1.2 the threshold is .3226: D(4) still falls below
    assertEquals(2, Kneedle.knee(K, INERTIA, Shape.CONVEX_DECREASING, 1.2));
    // with S = 3 the threshold -.0374 is never crossed: no knee
    assertEquals(-1, Kneedle.knee(K, INERTIA, Shape.CONVEX_DECREASING, 3));
  }

  @Test
  void mirroredShapesFindTheMirroredKnee() {
    double[] rising = new double[INERTIA.length];
    for (int i = 0; i < rising.length; i++) {
      rising[i] = INERTIA[INERTIA.length - 1 - i]; // (6.5, 7, 8, 10, 30, 100): sorted k-distances
    }
    // the same points read from the right: the knee is at index 5 - 2 = 3 (value 10)
    assertEquals(3, Kneedle.knee(K, rising, Shape.CONVEX_INCREASING));
    // a concave increasing curve: 1 - the convex decreasing one, knee at index 2 as well
    double[] concave = new double[INERTIA.length];
    for (int i = 0; i < concave.length; i++) {
      concave[i] = -INERTIA[i];
    }
    assertEquals(2, Kneedle.knee(K, concave, Shape.CONCAVE_INCREASING));
    double[] concaveDecreasing = new double[INERTIA.length];
    for (int i = 0; i < concave.length; i++) {
      concaveDecreasing[i] = -rising[i];
    }
    assertEquals(3, Kneedle.knee(K, concaveDecreasing, Shape.CONCAVE_DECREASING));
  }

  @Test
  void spansBeyondTheDoubleRange() {
    // Finite abscissae from -1.5e308 to 1.5e308 in equal steps of 0.6e308: their span overflows, yet the
    // normalised curve is that of K, so the knee is index 2 as in elbowOfADecreasingConvexCurve (exact
    // computation there). Before, every normalised x was 0 or NaN and no knee was found.
    double[] wideX = new double[K.length];
    for (int i = 0; i < K.length; i++) {
      wideX[i] = (i - 2.5) * 0.6e308;
    }
    assertEquals(2, Kneedle.knee(wideX, INERTIA, Shape.CONVEX_DECREASING));
    // Ordinates spread the same way: INERTIA moved to centre 0 and stretched to +-1.496e308, an affine map
    // that leaves the normalised curve, and so the knee, unchanged.
    double[] wideY = new double[INERTIA.length];
    for (int i = 0; i < INERTIA.length; i++) {
      wideY[i] = (INERTIA[i] - 53.25) * 3.2e306;
    }
    assertEquals(2, Kneedle.knee(K, wideY, Shape.CONVEX_DECREASING));
    assertEquals(2, Kneedle.knee(wideX, wideY, Shape.CONVEX_DECREASING));
  }

  @Test
  void noKneeInLinesAndConstants() {
    assertEquals(-1, Kneedle.knee(K, new double[] {6, 5, 4, 3, 2, 1}, Shape.CONVEX_DECREASING));
    assertEquals(-1, Kneedle.knee(K, new double[] {2, 2, 2, 2, 2, 2}, Shape.CONVEX_DECREASING));
    assertEquals(-1, Kneedle.knee(new double[] {1, 2}, new double[] {5, 1}, Shape.CONVEX_DECREASING));
  }

  @Test
  void badInput() {
    assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(new double[] {1, 1, 2}, new double[] {3, 2, 1}, Shape.CONVEX_DECREASING));
    assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(new double[] {1, 2, 3}, new double[] {3, Double.NaN, 1}, Shape.CONVEX_DECREASING));
    assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(new double[] {1, 2, 3}, new double[] {3, 2}, Shape.CONVEX_DECREASING));
    assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(K, INERTIA, Shape.CONVEX_DECREASING, -1));
    assertThrows(IllegalArgumentException.class, () -> Kneedle.knee(K, INERTIA, null));
  }

  private static final double[] X5 = {0, 1, 2, 3, 4};

  /**
   * Cases worked out by hand on five points at x = 0..4 (normalised x = t / 4, step 0.25) whose ordinates already
   * span [0, 1], so that the difference curve of a concave increasing curve is {@code D = y - x / 4}, in exact
   * binary fractions.
   */
  @Test
  void kneeAtTheFirstPoint() {
    // D = (.5, -.25, -.5, -.75, 0): index 0 is a local maximum (the first point counts when D(0) >= D(1)), its
    // threshold .5 - .25 = .25, and D(1) = -.25 falls below it at once
    assertEquals(0, Kneedle.knee(X5, new double[] {0.5, 0, 0, 0, 1}, Shape.CONCAVE_INCREASING));
  }

  @Test
  void aLocalMinimumResetsTheThresholdToZero() {
    // D = (0, .25, -.0625, -.03125, 0), S = 2: the maximum at 1 sets the threshold .25 - 2 * .25 = -.25, which
    // D(2) = -.0625 does not cross; index 2 is a local minimum, so the threshold becomes 0 and D(3) = -.03125 < 0
    // makes index 1 the knee. Without the reset no value crosses -.25 and there is no knee.
    assertEquals(1, Kneedle.knee(X5, new double[] {0, 0.5, 0.4375, 0.71875, 1}, Shape.CONCAVE_INCREASING, 2));
    // the same with the maximum at index 0: D = (.25, -.0625, -.03125, -.75, 0); reset at the minimum 1, D(2) < 0
    assertEquals(0, Kneedle.knee(X5, new double[] {0.25, 0.1875, 0.46875, 0, 1}, Shape.CONCAVE_INCREASING, 2));
    // a flat minimum: D = (0, .25, -.125, -.125, 0), S = 4, threshold .25 - 1 = -.75; index 2 is a minimum
    // (D(2) <= D(1) and D(2) <= D(3)), the threshold becomes 0 and D(3) = -.125 < 0: knee 1
    assertEquals(1, Kneedle.knee(X5, new double[] {0, 0.5, 0.375, 0.625, 1}, Shape.CONCAVE_INCREASING, 4));
  }

  @Test
  void aFlatMaximumTakesItsLastPoint() {
    // D = (0, .25, .25, -.25, 0): indices 1 and 2 are both local maxima (>= on either side, as kneed's
    // argrelextrema with greater_equal); the later one is the candidate, its threshold .25 - .25 = 0, D(3) < 0
    assertEquals(2, Kneedle.knee(X5, new double[] {0, 0.5, 0.75, 0.5, 1}, Shape.CONCAVE_INCREASING));
  }

  @Test
  void threePointsAndTheSensitivityBounds() {
    // x_n = (0, .5, 1), flipped y_n = (0, .9, 1), D = (0, .4, 0): the maximum at 1 has threshold .4 - S * .5, which
    // D(2) = 0 crosses for S < .8 only
    double[] x = {0, 1, 2};
    double[] y = {10, 1, 0};
    assertEquals(1, Kneedle.knee(x, y, Shape.CONVEX_DECREASING, 0.5));
    assertEquals(1, Kneedle.knee(x, y, Shape.CONVEX_DECREASING, 0.0)); // S = 0 is allowed
    assertEquals(-1, Kneedle.knee(x, y, Shape.CONVEX_DECREASING));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(x, y, Shape.CONVEX_DECREASING, Double.POSITIVE_INFINITY));
    assertEquals("sensitivity must be >= 0 and finite, got Infinity", e.getMessage());
  }

  @Test
  void theKneeDoesNotDependOnWhereTheAbscissaeStart() {
    // the normalisation maps x to [0, 1]: K and K + 1000 give the same curve (elbowOfADecreasingConvexCurve: 2)
    double[] shifted = new double[K.length];
    for (int i = 0; i < K.length; i++) {
      shifted[i] = K[i] + 1000;
    }
    assertEquals(2, Kneedle.knee(shifted, INERTIA, Shape.CONVEX_DECREASING));
  }

  @Test
  void messagesNameTheOffendingValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(new double[] {1, 3, 2}, new double[] {3, 2, 1}, Shape.CONVEX_DECREASING));
    assertEquals("x must be strictly increasing, got 3.0 then 2.0 at 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Kneedle.knee(new double[] {1, 2, 3}, new double[] {3, Double.NaN, 1}, Shape.CONVEX_DECREASING));
    assertEquals("x and y must be finite, got (2.0, NaN) at 1", e.getMessage());
  }
}
