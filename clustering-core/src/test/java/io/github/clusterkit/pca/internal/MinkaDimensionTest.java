package io.github.clusterkit.pca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Minka's log-evidence per rank against scikit-learn 1.2.1's {@code _assess_dimension} and {@code _infer_dimension}
 * (values printed by {@code tools/pca_mle_reference.py}; tolerance {@code 1e-14} of the value plus {@code n d + d^2},
 * what the rounding of its cancelling terms is relative to), and against a transcription of the formula written in
 * this test (the {@code O(d^3)} double loop, as in the paper; {@code 1e-13}), for random spectra.
 */
class MinkaDimensionTest {

  private static final double NEG = Double.NEGATIVE_INFINITY;

  @Test
  void spectraByHandAsScikitLearn() {
    // _assess_dimension, ranks 1 .. d - 1; index 0 of ours is -inf (rank 0 is never chosen)
    check(new double[] {1.0, 0.0, 0.0}, 10, new double[] {307.6209012673498, NEG}, 1);
    check(new double[] {5.0, 1e-16, 0.0}, 10, new double[] {297.9642737927452, NEG}, 1);
    check(new double[] {0.0, 0.0, 0.0}, 10, new double[] {NEG, NEG}, 0); // _infer_dimension 0
    check(new double[] {4.0, 2.0, 1.0, 0.5}, 20,
        new double[] {-24.55955584224792, -25.536466135232466, -27.102199132578995}, 1);
    check(new double[] {9.0, 4.0, 1e-16}, 7, new double[] {-16.194259791578933, 67.55620277025267}, 2);
    check(new double[] {2.5, 1.5, 1.0, 0.75, 0.5, 0.25}, 100, new double[] {-2.592999604105258, 5.566827263905305,
        8.099394888684326, 10.565202059342916, 12.047438054217046}, 5);
  }

  /** The spectrum of standardised cc_general.csv (scikit-learn's explained_variance_), n = 8950: 16 components. */
  @Test
  void ccGeneralSpectrumAsScikitLearn() {
    double[] spectrum = {4.641122690146678, 3.4537284259104553, 1.498408309246987, 1.2716612311712132,
        1.0583222209882965, 0.9759186376414939, 0.830275112120398, 0.7309462222056953, 0.6457761320202622,
        0.523658894933977, 0.4033277415800026, 0.3015065260610892, 0.24276278857267283, 0.20689944317850642,
        0.1721726322108833, 0.04540099544693315, 1.1650157221908691e-05};
    double[] expected = {11534.466943845706, 22426.1523686685, 25444.268933006035, 28111.736041102413,
        30316.968233303265, 32753.24467855799, 34982.96480483533, 37284.44241975926, 39823.75337236006,
        42185.247330836915, 44132.98999849686, 45575.85139391001, 46978.026054700844, 49079.9616031858,
        55580.56066618375, 86313.53749490577};
    check(spectrum, 8950, expected, 16);
  }

  /** Mall's Age, Annual Income and Spending Score, raw (2 components) and standardised (1), n = 200. */
  @Test
  void mallSpectraAsScikitLearn() {
    check(new double[] {700.2643548239, 684.3301363624695, 167.2285238890079}, 200,
        new double[] {-1871.1847639365626, -1830.0420047264483}, 2);
    check(new double[] {1.334658307786284, 1.0042727174328352, 0.6761443516653032}, 200,
        new double[] {-0.18667111723569096, -0.6378207622718}, 1);
  }

  /**
   * {@code [3, 2, 2, 1]}: scikit-learn's rank 1 is -15.431408635565047, ranks 2 and 3 raise "math domain error", and so
   * does {@code _infer_dimension}; here the tie is refused naming the two values.
   */
  @Test
  void tiesAreRefusedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MinkaDimension.dimension(new double[] {3.0, 2.0, 2.0, 1.0}, 10));
    assertTrue(e.getMessage().startsWith("explained variances 2 and 3 (counted from 1) are equal to within 1.0E-12"
        + " relative (2.0 and 2.0)"), e.getMessage());
    // within 1e-12 relative counts as tied, beyond it not
    assertThrows(IllegalArgumentException.class,
        () -> MinkaDimension.dimension(new double[] {3.0, 2.0, 2.0 * (1 - 0.5e-12), 1.0}, 10));
    MinkaDimension.dimension(new double[] {3.0, 2.0, 2.0 * (1 - 2e-12), 1.0}, 10);
    // ties below the floor 1e-15 are never assessed: scikit-learn returns -inf before its logarithms
    assertEquals(1, MinkaDimension.dimension(new double[] {1.0, 1e-16, 1e-16, 0.0}, 10));
    assertEquals(1, MinkaDimension.dimension(new double[] {1.0, 0.0, 0.0}, 10));
    // d = 1: nothing to assess
    assertEquals(0, MinkaDimension.dimension(new double[] {2.0}, 10));
  }

  /**
   * A last kept value of exactly {@code 1e-15} whose discarded values average at most {@code 1e-15}: the floored tail
   * variance {@code v} equals it and {@code ln(1 / v - 1 / l)} is {@code ln 0}. tools/pca_mle_reference.py (by hand):
   * scikit-learn 1.2.1's {@code _assess_dimension} of {@code [1, 1e-15, 0]} (n = 10) is 307.6209012673498 at rank 1
   * and raises "math domain error" at rank 2, and {@code _infer_dimension} raises; likewise
   * {@code [1, 1e-15, 1e-16, 0]} (rank 1: 462.3614583258662). Before 2026-11-29 the rank came out {@code +inf} and
   * was chosen (2). With a tail below it, {@code [2, 1, 1e-15]}, rank 2 is finite: 129.15869829700262, chosen.
   */
  @Test
  void aKeptValueEqualToTheFlooredTailIsRefusedAsScikitLearnRaises() {
    for (double[] spectrum : new double[][] {{1.0, 1e-15, 0.0}, {1.0, 1e-15, 1e-16, 0.0}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MinkaDimension.dimension(spectrum, 10));
      // rank 2 of d values discards d - 2 directions (by hand: 1 and 2)
      assertTrue(e.getMessage().startsWith("explained variance 2 (counted from 1) is 1.0E-15, equal to the variance"
          + " assumed for the " + (spectrum.length - 2) + " discarded directions"), e.getMessage());
    }
    // an exact tie at the floor itself, [1, 1e-15, 1e-15, 0]: scikit-learn assesses rank 2 and raises (ln 0;
    // tools/pca_mle_reference.py); here it is refused as the tie it is, not by the floored-tail rule
    IllegalArgumentException tie = assertThrows(IllegalArgumentException.class,
        () -> MinkaDimension.dimension(new double[] {1.0, 1e-15, 1e-15, 0.0}, 10));
    assertTrue(tie.getMessage().startsWith("explained variances 2 and 3 (counted from 1) are equal to within"),
        tie.getMessage());
    double[] ll = MinkaDimension.logLikelihoods(new double[] {2.0, 1.0, 1e-15}, 10);
    assertEquals(129.15869829700262, ll[2], 1e-12 * 129.15869829700262);
    assertEquals(-0.5143890824347612, ll[1], 1e-12);
    assertEquals(2, MinkaDimension.dimension(new double[] {2.0, 1.0, 1e-15}, 10));
  }

  @Test
  void halfIntegerLogGammaIsExactForSmallArguments() {
    double[] lg = MinkaDimension.lnGammaHalves(7);
    // Gamma(1/2) = sqrt(pi), Gamma(1) = 1, Gamma(3/2) = sqrt(pi)/2, Gamma(2) = 1, Gamma(5/2) = 3 sqrt(pi)/4,
    // Gamma(3) = 2, Gamma(7/2) = 15 sqrt(pi)/8
    double sqrtPi = Math.sqrt(Math.PI);
    double[] expected = {sqrtPi, 1, sqrtPi / 2, 1, 3 * sqrtPi / 4, 2, 15 * sqrtPi / 8};
    for (int m = 1; m <= 7; m++) {
      assertEquals(Math.log(expected[m - 1]), lg[m], 1e-15, "m = " + m);
    }
  }

  /** The incremental sums equal the paper's double loop written out, for random decreasing spectra. */
  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void incrementalSumsEqualTheDoubleLoop(@ForAll @Size(min = 1, max = 12) double[] raw,
      @ForAll @IntRange(min = 1, max = 10_000) int n, @ForAll @IntRange(min = 0, max = 3) int zeros) {
    double[] s = spectrum(raw, zeros);
    double[] ll = MinkaDimension.logLikelihoods(s, n);
    assertEquals(s.length, ll.length);
    assertEquals(NEG, ll[0]);
    int best = 0;
    for (int k = 1; k < s.length; k++) {
      double expected = direct(s, k, n);
      if (expected == NEG) {
        assertEquals(NEG, ll[k], "rank " + k);
      } else {
        assertEquals(expected, ll[k], 1e-13 * magnitude(expected, s, n), "rank " + k);
      }
      best = ll[k] > ll[best] ? k : best;
    }
    assertEquals(best, MinkaDimension.dimension(s, n));
  }

  /**
   * Scaling the spectrum by {@code c} shifts every finite rank's log-evidence by {@code -n d ln(c) / 2} (the product
   * {@code (l_i - l_j)(1/l_j - 1/l_i)} does not change), while the floor 1e-15 is not met.
   */
  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void scalingShiftsEveryRankAlike(@ForAll @Size(min = 2, max = 10) double[] raw,
      @ForAll @IntRange(min = 2, max = 5000) int n, @ForAll @IntRange(min = -17, max = 17) int e) {
    double c = Math.pow(1.5, e);
    double[] s = spectrum(raw, 0);
    Assume.that(s[s.length - 1] * Math.min(1, c) > 1e-12);
    double[] scaled = s.clone();
    for (int j = 0; j < s.length; j++) {
      scaled[j] *= c;
    }
    double[] a = MinkaDimension.logLikelihoods(s, n);
    double[] b = MinkaDimension.logLikelihoods(scaled, n);
    double shift = -n * (double) s.length * Math.log(c) / 2;
    for (int k = 1; k < s.length; k++) {
      assertEquals(a[k] + shift, b[k], 1e-13 * (magnitude(a[k], s, n) + Math.abs(shift)), "rank " + k);
    }
  }

  /** A decreasing spectrum with distinct values from arbitrary doubles, ending in {@code zeros} zeros. */
  private static double[] spectrum(double[] raw, int zeros) {
    double[] v = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      double x = Math.abs(raw[j]);
      v[j] = Double.isFinite(x) ? 1e-3 + (x % 100) : 1;
    }
    Arrays.sort(v);
    double[] s = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      s[j] = v[raw.length - 1 - j] + (raw.length - j) * 1e-3; // strictly decreasing: no ties
    }
    for (int z = 0; z < zeros && z < s.length - 1; z++) {
      s[s.length - 1 - z] = 0;
    }
    return s;
  }

  /** scikit-learn's {@code _assess_dimension} written out as the paper's sums (Minka 2000, eq. 30-31). */
  private static double direct(double[] s, int rank, int n) {
    int d = s.length;
    double eps = 1e-15;
    if (s[rank - 1] < eps) {
      return NEG;
    }
    double pu = -rank * Math.log(2.0);
    for (int i = 1; i <= rank; i++) {
      pu += lnGamma((d - i + 1) / 2.0) - Math.log(Math.PI) * (d - i + 1) / 2.0;
    }
    double pl = 0;
    for (int i = 0; i < rank; i++) {
      pl += Math.log(s[i]);
    }
    pl = -pl * n / 2.0;
    double tail = 0;
    for (int j = rank; j < d; j++) {
      tail += s[j];
    }
    double v = Math.max(eps, tail / (d - rank));
    double pv = -Math.log(v) * n * (d - rank) / 2.0;
    double m = d * rank - rank * (rank + 1.0) / 2.0;
    double pp = Math.log(2.0 * Math.PI) * (m + rank) / 2.0;
    double pa = 0;
    for (int i = 0; i < rank; i++) {
      for (int j = i + 1; j < d; j++) {
        double sj = j < rank ? s[j] : v;
        pa += Math.log((s[i] - s[j]) * (1.0 / sj - 1.0 / s[i])) + Math.log(n);
      }
    }
    return pu + pl + pv + pp - pa / 2.0 - rank * Math.log(n) / 2.0;
  }

  /**
   * The scale of a rank's log-evidence for its rounding: its value plus {@code n d + d^2}, the count of the logarithms
   * it sums, weighted (those of {@code pl} and {@code pv} by {@code n}); the terms cancel (Mall's standardised rank 1:
   * terms near 100 give -0.187, 7e-15 from scikit-learn's).
   */
  private static double magnitude(double value, double[] s, int n) {
    double d = s.length;
    return Math.abs(value) + n * d + d * d;
  }

  /** ln Gamma(x) for x a positive multiple of 1/2: the product from Gamma(1/2) or Gamma(1) up, then its log. */
  private static double lnGamma(double x) {
    double g = x == Math.rint(x) ? 1 : Math.sqrt(Math.PI);
    for (double t = x == Math.rint(x) ? 1 : 0.5; t < x; t += 1) {
      g *= t;
    }
    return Math.log(g);
  }

  /** The reference values, tolerance 1e-14 of {@link #magnitude}, the argmax exactly. */
  private static void check(double[] spectrum, int n, double[] ranks, int dimension) {
    double[] ll = MinkaDimension.logLikelihoods(spectrum, n);
    assertEquals(NEG, ll[0]);
    for (int k = 1; k < spectrum.length; k++) {
      double e = ranks[k - 1];
      if (e == NEG) {
        assertEquals(NEG, ll[k], "rank " + k);
      } else {
        assertEquals(e, ll[k], 1e-14 * magnitude(e, spectrum, n), "rank " + k);
      }
    }
    assertEquals(dimension, MinkaDimension.dimension(spectrum, n));
  }
}
