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
}
