package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Hamerly's float bounds stay valid: every rounding of a bound goes the safe way (upper bounds up, lower bounds
 * down, due values down), checked exactly with BigDecimal over magnitudes from subnormal floats to beyond the float
 * range.
 */
class HamerlyBoundsTest {

  @Provide
  Arbitrary<Double> magnitudes() {
    // 2^e * m over the float range and past both of its ends, plus zero.
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-160, 140).flatMap(e -> Arbitraries.doubles().between(1, 2)
            .map(m -> Math.scalb(m, e))),
        Arbitraries.of(0.0, Double.MIN_VALUE, 0x1.0p-149, 0x1.0p-126, (double) Float.MAX_VALUE, 1e300));
  }

  private static BigDecimal big(double v) {
    return new BigDecimal(v);
  }

  // jqwik's generated edge cases (combinations of the flat-mapped exponents' ends) outnumber any sensible tries
  // count and it would log that it stopped; the special values that matter are drawn directly: half of all draws
  // come from the explicit list in magnitudes(), so every pair of them occurs many times in 1000 tries.
  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void packedBoundsRoundTheSafeWay(@ForAll("magnitudes") double u, @ForAll("magnitudes") double l,
      @ForAll boolean negativeLower) {
    double lo = negativeLower ? -l : l;
    long p = HamerlyAssigner.pack(u, lo);
    double fu = HamerlyAssigner.upper(p);
    double fl = HamerlyAssigner.lower(p);
    assertTrue(fu >= u, () -> "upper " + fu + " < " + u);
    assertTrue(fl <= Math.max(lo, 0), () -> "lower " + fl + " > " + lo);
    assertTrue(!Float.isNaN((float) fl) && !Float.isInfinite((float) fl), "lower bound finite");
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE) // special values drawn directly, as above
  void relativeBoundsRoundTheSafeWay(@ForAll("magnitudes") double u, @ForAll("magnitudes") double p,
      @ForAll("magnitudes") double l, @ForAll("magnitudes") double o) {
    // An upper bound stored relative to a drift sum p: the float is at least the exact u - p (the double
    // subtraction's error is within the 2^-52 * (u + p) that relUp is told about), and rebuilding it gives at
    // least u again.
    if (Double.isFinite(u + p)) {
      float ur = HamerlyAssigner.relUp(u - p, u + p);
      assertTrue(ur != Float.NEGATIVE_INFINITY && !Float.isNaN(ur), () -> "relUp " + ur);
      // +inf (beyond the float range) is always a valid upper bound.
      assertTrue(Float.isInfinite(ur) || big(ur).compareTo(big(u).subtract(big(p))) >= 0,
          () -> "relUp " + u + " - " + p + " = " + ur);
      float uu = HamerlyAssigner.up(ur + p);
      assertTrue(Float.isInfinite(uu) || big(uu).compareTo(big(u)) >= 0, () -> "rebuilt upper " + uu + " < " + u);
    }
    // A lower bound stored relative to a drift sum o: at most l + o, and rebuilding it gives at most l.
    float lr = HamerlyAssigner.down(l + o);
    assertTrue(big(lr).compareTo(big(l).add(big(o))) <= 0, () -> "down " + l + " + " + o + " = " + lr);
    if (Double.isFinite(o)) {
      float ll = HamerlyAssigner.down(lr - o);
      assertTrue(big(ll).compareTo(big(l).max(BigDecimal.ZERO)) <= 0, () -> "rebuilt lower " + ll + " > " + l);
    }
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE) // special values drawn directly, as above
  void dueValuesNeverExceedTheGap(@ForAll("magnitudes") double u0, @ForAll("magnitudes") double m0,
      @ForAll("magnitudes") double g) {
    float u = HamerlyAssigner.up(u0);
    float m = HamerlyAssigner.down(m0);
    // The due value of a row at drift g is at most g + (m - u); 0 (due at once) when m <= u.
    float due = HamerlyAssigner.dueValue(u, m, g);
    if (!(m > u)) {
      assertEquals(0f, due);
    } else if (!Float.isInfinite(u)) {
      BigDecimal limit = big(g).add(big(m)).subtract(big(u));
      assertTrue(big(due).compareTo(limit) <= 0, () -> "due " + due + " > " + g + " + " + m + " - " + u);
    }
    // A full pass (drift 0): the gap itself, rounded down.
    float full = HamerlyAssigner.gapDown(m, u);
    if (!(m > u)) {
      assertEquals(0f, full);
    } else {
      assertTrue(big(full).compareTo(big(m).subtract(big(u))) <= 0, () -> "gapDown " + m + " - " + u + " = " + full);
      assertTrue(full >= 0);
    }
  }

  @Test
  void extremes() {
    // Overflow makes an upper bound infinite (always valid) and a lower bound the largest float.
    assertEquals(Float.POSITIVE_INFINITY, HamerlyAssigner.upper(HamerlyAssigner.pack(1e300, 0)));
    assertEquals(Float.MAX_VALUE, HamerlyAssigner.lower(HamerlyAssigner.pack(0, 1e300)));
    assertTrue(HamerlyAssigner.upper(HamerlyAssigner.pack(Double.MIN_VALUE, 0)) > 0);
    assertTrue(HamerlyAssigner.lower(HamerlyAssigner.pack(0, Double.MIN_VALUE)) <= Double.MIN_VALUE);
  }
}
