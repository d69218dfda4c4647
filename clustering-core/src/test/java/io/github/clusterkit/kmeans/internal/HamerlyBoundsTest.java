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
    long p = packed(u, lo);
    double fu = HamerlyAssigner.upper(p);
    double fl = HamerlyAssigner.lower(p);
    assertTrue(fu >= u, () -> "upper " + fu + " < " + u);
    assertTrue(fl <= Math.max(lo, 0), () -> "lower " + fl + " > " + lo);
    assertTrue(!Float.isNaN((float) fl) && !Float.isInfinite((float) fl), "lower bound finite");
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE) // special values drawn directly, as above
  void relativeBoundsRoundTheSafeWay(@ForAll("magnitudes") double u0, @ForAll("magnitudes") double p0,
      @ForAll("magnitudes") double l0, @ForAll("magnitudes") double o0, @ForAll boolean negativeLower) {
    float u = HamerlyAssigner.up(u0);
    float p = HamerlyAssigner.up(p0);
    float l = negativeLower ? -HamerlyAssigner.down(l0) : HamerlyAssigner.down(l0);
    float o = HamerlyAssigner.up(o0);
    // A drift sum only grows, and never by less than the increment.
    float grown = HamerlyAssigner.addUp(p, o);
    assertTrue(Float.isInfinite(grown) || atLeast(grown, big(p).add(big(o))), () -> "addUp " + p + " + " + o);
    // An upper bound stored relative to a sum p: at least u - p; rebuilt, at least u again.
    float ur = HamerlyAssigner.relUpper(u, p);
    if (!Float.isInfinite(u) && !Float.isInfinite(p)) {
      assertTrue(Float.isInfinite(ur) || atLeast(ur, big(u).subtract(big(p))), () -> "relUpper " + u + " - " + p);
      float uu = HamerlyAssigner.upperNow(ur, p);
      assertTrue(Float.isInfinite(uu) || atLeast(uu, big(u)), () -> "rebuilt upper " + uu + " < " + u);
      // After the sum grew by an increment o, the rebuilt bound has grown by at least o.
      if (!Float.isInfinite(grown) && !Float.isInfinite(ur)) {
        float later = HamerlyAssigner.upperNow(ur, grown);
        assertTrue(Float.isInfinite(later) || atLeast(later, big(u).add(big(o))), () -> "grown upper " + later);
      }
    } else if (Float.isInfinite(u) && !Float.isInfinite(p)) {
      assertEquals(Float.POSITIVE_INFINITY, HamerlyAssigner.upperNow(ur, p), "an infinite upper bound stays infinite");
    }
    // A lower bound stored relative to a sum o: at most max(l, 0) + o; rebuilt, at most max(l, 0).
    if (!Float.isInfinite(o)) {
      float lr = HamerlyAssigner.relLower(l, o);
      assertTrue(atMost(lr, big(Math.max(l, 0f)).add(big(o))), () -> "relLower " + l + " + " + o);
      float ll = HamerlyAssigner.lowerNow(lr, o);
      assertTrue(ll <= 0 || atMost(ll, big(Math.max(l, 0f))), () -> "rebuilt lower " + ll + " > " + l);
      if (!Float.isInfinite(grown)) {
        float later = HamerlyAssigner.lowerNow(lr, grown);
        assertTrue(later <= 0 || atMost(later, big(Math.max(l, 0f)).subtract(big(p))), () -> "shrunk lower " + later);
      }
    }
  }

  private static boolean atLeast(float f, BigDecimal v) {
    return !Float.isNaN(f) && big(f).compareTo(v) >= 0;
  }

  private static boolean atMost(float f, BigDecimal v) {
    return !Float.isNaN(f) && (f == Float.NEGATIVE_INFINITY || big(f).compareTo(v) <= 0);
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE) // special values drawn directly, as above
  void dueValuesNeverExceedTheGap(@ForAll("magnitudes") double u0, @ForAll("magnitudes") double m0,
      @ForAll("magnitudes") double g0) {
    float u = HamerlyAssigner.up(u0);
    float m = HamerlyAssigner.down(m0);
    float g = HamerlyAssigner.down(g0);
    // The due value of a row at drift g is at most g + (m - u) when m > u, else at most g (or -inf, or NaN, which
    // the bounded pass takes as due).
    float due = HamerlyAssigner.dueAt(g, u, m);
    if (Float.isNaN(due) || due == Float.NEGATIVE_INFINITY) {
      assertTrue(Float.isInfinite(u), () -> "due " + due + " from finite " + u + ", " + m);
    } else if (m > u) {
      assertTrue(Float.isInfinite(m) || atMost(due, big(g).add(big(m)).subtract(big(u))),
          () -> "due " + due + " > " + g + " + " + m + " - " + u);
    } else {
      assertTrue(atMost(due, big(g)), () -> "due " + due + " > " + g);
    }
    // A full pass (drift 0): the gap itself, rounded down.
    float full = HamerlyAssigner.gapDown(m, u);
    if (!(m > u)) {
      assertEquals(0f, full);
    } else {
      assertTrue(Float.isInfinite(m) || atMost(full, big(m).subtract(big(u))), () -> "gapDown " + m + " - " + u);
      assertTrue(full >= 0);
    }
  }

  @Test
  void extremes() {
    // Overflow makes an upper bound infinite (always valid) and a lower bound the largest float.
    assertEquals(Float.POSITIVE_INFINITY, HamerlyAssigner.upper(packed(1e300, 0)));
    assertEquals(Float.MAX_VALUE, HamerlyAssigner.lower(packed(0, 1e300)));
    assertTrue(HamerlyAssigner.upper(packed(Double.MIN_VALUE, 0)) > 0);
    assertTrue(HamerlyAssigner.lower(packed(0, Double.MIN_VALUE)) <= Double.MIN_VALUE);
  }

  /** The bounds a full pass stores for the distances {@code u} and {@code l}. */
  private static long packed(double u, double l) {
    return HamerlyAssigner.pack(HamerlyAssigner.up(u), HamerlyAssigner.down(l));
  }

}
