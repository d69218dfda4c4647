package io.github.clusterkit.gmm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The vectorisable exponential against {@link Math#exp}. */
class ExpTest {

  /** Distance in units in the last place between two non-negative finite doubles. */
  private static long ulps(double a, double b) {
    return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
  }

  /**
   * At most 1 ulp from {@code Math.exp} wherever the result is normal (the class comment's claim; 1 is also
   * the largest difference seen over 1.3e8 random arguments in [-800, 709] while writing it).
   */
  @Property(tries = 300)
  void withinOneUlpOfMathExp(@ForAll @DoubleRange(min = -708, max = 709) double x) {
    assertTrue(ulps(Exp.exp(x), Math.exp(x)) <= 1, () -> "x = " + x);
  }

  /** Near zero, where the range reduction is the identity and the polynomial alone decides. */
  @Property(tries = 200)
  void withinOneUlpNearZero(@ForAll @DoubleRange(min = -0.75, max = 0.75) double x) {
    assertTrue(ulps(Exp.exp(x), Math.exp(x)) <= 1, () -> "x = " + x);
  }

  /** Subnormal results: within one subnormal step; below -746 exactly 0. */
  @Property(tries = 200)
  void subnormalAndUnderflow(@ForAll @DoubleRange(min = -800, max = -708) double x) {
    double e = Exp.exp(x);
    assertTrue(Math.abs(e - Math.exp(x)) <= Double.MIN_VALUE, () -> "x = " + x);
    if (x < -746) {
      assertEquals(0.0, e);
    }
  }

  /** The block form equals the one-value form bit for bit, for every block length (vector tails). */
  @Property(tries = 60)
  void blockEqualsScalar(@ForAll @IntRange(min = 1, max = 70) int len, @ForAll long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] a = new double[len];
    double[] shift = new double[len];
    double[] expected = new double[len];
    for (int t = 0; t < len; t++) {
      a[t] = -rng.nextDouble() * 900;
      shift[t] = rng.nextDouble() * 10 - 5;
      expected[t] = Exp.exp(a[t] - shift[t]);
    }
    Exp.expShifted(a, shift, len, new double[len]);
    for (int t = 0; t < len; t++) {
      assertEquals(expected[t], a[t], "t = " + t);
    }
  }

  @Test
  void specialValues() {
    // exact in both: e^0 = 1; Math.exp(-745.14) and below is 0; NaN propagates
    assertEquals(1.0, Exp.exp(0.0));
    assertEquals(1.0, Exp.exp(-0.0));
    assertEquals(0.0, Exp.exp(-745.14));
    assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, Exp.exp(-1e300));
    assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
    // Math.exp(-745.13) is the smallest subnormal, 4.9e-324
    assertEquals(Math.exp(-745.13), Exp.exp(-745.13));
  }
}
