package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of {@link Dbcv} on seeded blobs with noise and (optionally) duplicate rows: the value of the
 * brute-force oracle ({@link BruteForce#dbcv}), in {@code [-1, 1]}, unchanged (exactly) by the order of the rows
 * and the numbering of the labels, and by uniform scaling. Without jqwik's combined edge cases, as the other
 * properties of this module.
 */
class DbcvPropertiesTest {

  /** Whether the index is defined: at least two clusters of at least two points after the policy. */
  private static boolean defined(int[] labels, NoisePolicy policy) {
    java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
    for (int l : labels) {
      if (l >= 0 || policy == NoisePolicy.MERGE) {
        sizes.merge(l, 1, Integer::sum);
      }
    }
    int valid = 0;
    for (int s : sizes.values()) {
      valid += s >= 2 ? 1 : 0;
    }
    return valid >= 2;
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void matchesTheOracleAndLiesInMinusOneToOne(@ForAll long seed, @ForAll @IntRange(min = 4, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 2, max = 5) int k,
      @ForAll @IntRange(min = 0, max = 30) int noisePercent, @ForAll boolean duplicates,
      @ForAll NoisePolicy policy) {
    double[][] x = Fixtures.points(seed, n, d, k, duplicates);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(defined(labels, policy));
    double v = Dbcv.score(Dataset.of(x), labels, policy);
    assertEquals(BruteForce.dbcv(x, labels, policy), v, 1e-12);
    assertTrue(v >= -1 && v <= 1, "in [-1, 1]: " + v);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void rowOrderAndLabelNumbersDoNotMatter(@ForAll long seed, @ForAll @IntRange(min = 4, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 2, max = 5) int k,
      @ForAll @IntRange(min = 0, max = 30) int noisePercent, @ForAll boolean duplicates,
      @ForAll NoisePolicy policy) {
    double[][] x = Fixtures.points(seed, n, d, k, duplicates);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(defined(labels, policy));
    double v = Dbcv.score(Dataset.of(x), labels, policy);
    int[] perm = Fixtures.permutation(seed + 1, n);
    int[] relabel = Fixtures.permutation(seed + 2, k); // label l becomes 3 * relabel[l] + 7
    double[][] px = new double[n][];
    int[] pl = new int[n];
    for (int i = 0; i < n; i++) {
      px[i] = x[perm[i]];
      int l = labels[perm[i]];
      pl[i] = l < 0 ? -1 : 3 * relabel[l] + 7;
    }
    assertEquals(v, Dbcv.score(Dataset.of(px), pl, policy), 0.0);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void uniformScalingDoesNotMatter(@ForAll long seed, @ForAll @IntRange(min = 4, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 2, max = 4) int k,
      @ForAll @IntRange(min = 0, max = 20) int noisePercent, @ForAll boolean duplicates,
      @ForAll @DoubleRange(min = -30, max = 30) double log2Factor, @ForAll NoisePolicy policy) {
    double[][] x = Fixtures.points(seed, n, d, k, duplicates);
    int[] labels = Fixtures.labels(seed, n, k, noisePercent);
    Assume.that(defined(labels, policy));
    double v = Dbcv.score(Dataset.of(x), labels, policy);
    // a power of two scales every operation exactly; any other factor up to rounding, 1e-12 on values of order 1
    int e = (int) Math.floor(log2Factor);
    double factor = Math.pow(2, log2Factor);
    double[][] byPower = new double[n][d];
    double[][] byFactor = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        byPower[i][t] = Math.scalb(x[i][t], e);
        byFactor[i][t] = x[i][t] * factor;
      }
    }
    assertEquals(v, Dbcv.score(Dataset.of(byPower), labels, policy), 0.0);
    assertEquals(v, Dbcv.score(Dataset.of(byFactor), labels, policy), 1e-12);
  }

  @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
  void manyColumnsMatchTheOracleWhereItsPowersStayInRange(@ForAll long seed,
      @ForAll @IntRange(min = 20, max = 60) int d, @ForAll @IntRange(min = 6, max = 40) int n) {
    // Gaussian blobs of unit spread in d columns: distances of order sqrt(d), so dist^-d stays within doubles
    // (about 8^-60 = 7e-55 at worst) and the oracle's direct powers are exact enough.
    double[][] x = Fixtures.points(seed, n, d, 3, false);
    int[] labels = Fixtures.labels(seed, n, 3, 10);
    Assume.that(defined(labels, NoisePolicy.SINGLETONS));
    assertEquals(BruteForce.dbcv(x, labels, NoisePolicy.SINGLETONS), Dbcv.score(Dataset.of(x), labels), 1e-12);
  }
}
