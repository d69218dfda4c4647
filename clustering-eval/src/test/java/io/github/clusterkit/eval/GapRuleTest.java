package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The five rules of R's {@code cluster::maxSE} (cluster 2.1; definitions as its documentation and source state them,
 * restated in {@link GapRule}) on tables worked out by hand, and, on random tables, each choice checked against the
 * rule's defining property.
 */
class GapRuleTest {

  private static int choose(GapRule rule, double[] gap, double[] se, double factor) {
    return rule.select(gap, se, factor) + 1; // as R, from 1
  }

  @Test
  void rulesOnAHandMadeTable() {
    // k:      1     2     3     4
    double[] gap = {0.30, 0.50, 0.60, 0.55};
    double[] se = {0.05, 0.10, 0.35, 0.05};
    // firstmax: diffs 0.2, 0.1, -0.05; the first <= 0 is after k = 3
    assertEquals(3, choose(GapRule.FIRST_MAX, gap, se, 1));
    // globalmax: 0.60 at k = 3
    assertEquals(3, choose(GapRule.GLOBAL_MAX, gap, se, 1));
    // Tibs2001SEmax: k = 1: 0.30 >= 0.50 - 0.10 = 0.40? no; k = 2: 0.50 >= 0.60 - 0.35 = 0.25, yes
    assertEquals(2, choose(GapRule.TIBS2001_SE_MAX, gap, se, 1));
    // firstSEmax: first local maximum k = 3, bar 0.60 - 0.35 = 0.25; k = 1: 0.30 >= 0.25, yes
    assertEquals(1, choose(GapRule.FIRST_SE_MAX, gap, se, 1));
    // globalSEmax: global maximum k = 3, the same bar: k = 1
    assertEquals(1, choose(GapRule.GLOBAL_SE_MAX, gap, se, 1));
    // SE.factor 0: Tibs2001SEmax needs gap(k) >= gap(k + 1): first at k = 3 (0.60 >= 0.55); the SE rules become
    // the maxima
    assertEquals(3, choose(GapRule.TIBS2001_SE_MAX, gap, se, 0));
    assertEquals(3, choose(GapRule.FIRST_SE_MAX, gap, se, 0));
    assertEquals(3, choose(GapRule.GLOBAL_SE_MAX, gap, se, 0));
    // SE.factor 0.5: Tibs: k = 1: 0.30 >= 0.50 - 0.05 = 0.45? no; k = 2: 0.50 >= 0.60 - 0.175 = 0.425, yes;
    // firstSEmax: bar 0.60 - 0.175 = 0.425: k = 1 no (0.30), k = 2 yes (0.50)
    assertEquals(2, choose(GapRule.TIBS2001_SE_MAX, gap, se, 0.5));
    assertEquals(2, choose(GapRule.FIRST_SE_MAX, gap, se, 0.5));
  }

  @Test
  void firstAndGlobalMaximaDiffer() {
    // k:      1     2     3     4     5
    double[] gap = {0.10, 0.50, 0.45, 0.70, 0.65};
    double[] se = {0.05, 0.05, 0.10, 0.10, 0.05};
    assertEquals(2, choose(GapRule.FIRST_MAX, gap, se, 1)); // 0.45 - 0.50 <= 0
    assertEquals(4, choose(GapRule.GLOBAL_MAX, gap, se, 1));
    // firstSEmax: bar 0.50 - 0.05 = 0.45; k = 1 (0.10) below: k = 2
    assertEquals(2, choose(GapRule.FIRST_SE_MAX, gap, se, 1));
    // globalSEmax: bar 0.70 - 0.10 = 0.60; k = 1, 2, 3 below: k = 4
    assertEquals(4, choose(GapRule.GLOBAL_SE_MAX, gap, se, 1));
    // Tibs2001SEmax: k = 1: 0.10 >= 0.45? no; k = 2: 0.50 >= 0.45 - 0.10, yes
    assertEquals(2, choose(GapRule.TIBS2001_SE_MAX, gap, se, 1));
  }

  @Test
  void risingGapsChooseTheLargestAndTiesTheSmallest() {
    double[] rising = {0.1, 0.2, 0.3};
    double[] zero = {0, 0, 0};
    for (GapRule r : GapRule.values()) {
      assertEquals(3, choose(r, rising, zero, 1), r.name());
    }
    double[] flat = {0.4, 0.4, 0.4};
    for (GapRule r : GapRule.values()) {
      // diff 0 <= 0 stops firstmax at k = 1; which.max takes the first; Tibs: 0.4 >= 0.4
      assertEquals(1, choose(r, flat, zero, 1), r.name());
    }
    // one value: k = 1 by every rule
    for (GapRule r : GapRule.values()) {
      assertEquals(1, choose(r, new double[] {0.3}, new double[] {0.1}, 1), r.name());
    }
  }

  @Test
  void globalMaximumSkipsNaN() {
    double[] gap = {Double.NaN, 0.2, Double.NaN, 0.1};
    double[] se = {0, 0, 0, 0};
    assertEquals(2, choose(GapRule.GLOBAL_MAX, gap, se, 1));
    assertEquals(-1, GapRule.GLOBAL_MAX.select(new double[] {Double.NaN}, new double[] {0}, 1));
    assertEquals(-1, GapRule.GLOBAL_SE_MAX.select(new double[] {Double.NaN, Double.NaN}, new double[] {0, 0}, 1));
  }

  @Test
  void refusesWhatMaxSeRefuses() {
    double[] g = {0.1, 0.2};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GapRule.FIRST_MAX.select(g, new double[] {0.1, -0.1}, 1));
    assertEquals("se must be >= 0, got -0.1 at position 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GapRule.FIRST_MAX.select(g, new double[] {0.1, Double.NaN}, 1));
    assertEquals("se must be >= 0, got NaN at position 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GapRule.FIRST_MAX.select(g, new double[] {0.1}, 1));
    assertEquals("se must have the length of gap (2), got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GapRule.FIRST_MAX.select(g, g, Double.NaN));
    assertEquals("seFactor must be finite and >= 0, got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GapRule.FIRST_MAX.select(g, g, -1));
    assertEquals("seFactor must be finite and >= 0, got -1.0", e.getMessage());
    // R's maxSE stops on an infinite SE.factor; Infinity * s_k = NaN where s_k = 0 would fail every comparison
    e = assertThrows(IllegalArgumentException.class,
        () -> GapRule.FIRST_SE_MAX.select(g, new double[] {0, 0}, Double.POSITIVE_INFINITY));
    assertEquals("seFactor must be finite and >= 0, got Infinity", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GapRule.FIRST_MAX.select(new double[0], new double[0], 1));
    assertEquals("gap must hold at least one value, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GapRule.FIRST_MAX.select(null, g, 1));
  }

  /** Each rule's choice has its defining property, on random tables (ties made likely by a coarse grid). */
  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void choicesHaveTheirDefiningProperties(@ForAll long seed, @ForAll @IntRange(min = 1, max = 9) int len,
      @ForAll @IntRange(min = 0, max = 3) int factorTenths) {
    Rng rng = new Rng(seed);
    double[] f = new double[len];
    double[] se = new double[len];
    for (int t = 0; t < len; t++) {
      f[t] = rng.nextInt(8) / 8.0;
      se[t] = rng.nextInt(4) / 16.0;
    }
    double a = factorTenths / 10.0 * 3;
    // firstmax: no drop before m, a drop (or the end) at m
    int m = GapRule.FIRST_MAX.select(f, se, a);
    for (int t = 0; t < m; t++) {
      assertTrue(f[t + 1] - f[t] > 0);
    }
    assertTrue(m == len - 1 || f[m + 1] - f[m] <= 0);
    // globalmax: the first of the largest
    int g = GapRule.GLOBAL_MAX.select(f, se, a);
    for (int t = 0; t < len; t++) {
      assertTrue(t < g ? f[t] < f[g] : f[t] <= f[g]);
    }
    // Tibs2001SEmax: the first t with f[t] >= f[t+1] - a se[t+1], else the last
    int s = GapRule.TIBS2001_SE_MAX.select(f, se, a);
    for (int t = 0; t < s; t++) {
      assertTrue(f[t] < f[t + 1] - a * se[t + 1]);
    }
    assertTrue(s == len - 1 || f[s] >= f[s + 1] - a * se[s + 1]);
    // the SE rules: the first t up to their maximum within a se of it
    int[] bases = {m, g};
    GapRule[] rules = {GapRule.FIRST_SE_MAX, GapRule.GLOBAL_SE_MAX};
    for (int i = 0; i < 2; i++) {
      int c = rules[i].select(f, se, a);
      int base = bases[i];
      assertTrue(c <= base);
      for (int t = 0; t < c; t++) {
        assertTrue(f[t] < f[base] - a * se[base]);
      }
      assertTrue(c == base || f[c] >= f[base] - a * se[base]);
    }
    // with a = 0 firstSEmax is firstmax (R's documentation)
    assertEquals(m, GapRule.FIRST_SE_MAX.select(f, se, 0));
  }
}
