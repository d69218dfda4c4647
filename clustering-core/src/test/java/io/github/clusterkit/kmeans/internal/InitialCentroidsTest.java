package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import java.util.Comparator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Initial centroids: the k-means++ fallback where distances underflow (below), and {@link Engine#random}, the
 * {@code RANDOM} initialisation, against its documented definition. Rows are told apart by value (row {@code i}
 * holds {@code i} and {@code -i}). Unit weights: {@code k} distinct rows. Weights: the
 * {@code k} rows with the largest keys {@code log(u_i) / w_i} (Efraimidis and Spirakis 2006), one uniform draw
 * {@code u_i} per row in row order from the same stream, zero-weight rows drawn for but never chosen, largest key
 * first; the oracle sorts every key instead of keeping a heap of {@code k}.
 */
class InitialCentroidsTest {

  @Property(tries = 200)
  void drawsDistinctRowsAndTheLargestKeysByWeight(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 40) int kWanted,
      @ForAll boolean weighted) {
    Rng data = new Rng(seed ^ 0x2545F4914F6CDD1DL);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        x[i * d + t] = t % 2 == 0 ? i : -i;
      }
    }
    double[] w = null;
    int positive = n;
    if (weighted) {
      w = new double[n];
      positive = 0;
      for (int i = 0; i < n; i++) {
        w[i] = data.nextInt(4) == 0 ? 0 : data.uniform(0.01, 10);
        positive += w[i] > 0 ? 1 : 0;
      }
      if (positive == 0) {
        w[n - 1] = 1;
        positive = 1;
      }
    }
    int k = Math.min(kWanted, positive);
    double[] centers;
    try (Engine engine = new Engine(x, n, d, k, w, new LloydAssigner(x, n, d, k, w), 1)) {
      centers = engine.random(new Rng(seed));
    }
    int[] rows = new int[k];
    for (int j = 0; j < k; j++) {
      rows[j] = (int) centers[j * d];
      for (int t = 0; t < d; t++) {
        assertTrue(centers[j * d + t] == x[rows[j] * d + t], "centroid " + j + " is row " + rows[j]);
      }
    }
    if (w == null) {
      assertTrue(Arrays.stream(rows).distinct().count() == k, "distinct rows: " + Arrays.toString(rows));
      return;
    }
    Rng rng = new Rng(seed);
    double[] key = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      key[i] = w[i] > 0 ? Math.log(u) / w[i] : Double.NEGATIVE_INFINITY;
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -key[i]).thenComparingInt(i -> i));
    int[] expected = new int[k];
    for (int j = 0; j < k; j++) {
      expected[j] = order[j];
      assertTrue(w[expected[j]] > 0);
    }
    assertArrayEquals(expected, rows, "rows by key, largest first");
  }

  /**
   * k-means++ seeding (greedy and original) when the remaining squared distances underflow: rows 2^-200, 2^-600 and
   * 2^-600 + 2^-652 (largest magnitude inside the range left unscaled) are three distinct rows, but the last two are
   * 2^-652 apart, whose square is 0 in doubles. Once one of them is a centre the potential is 0, and the seeding
   * takes the first row not yet a centre instead of a weighted draw: the three centres are the three rows, for every
   * seed. Exact values.
   */
  @Test
  void plusPlusTakesEveryDistinctRowWhenDistancesUnderflow() {
    double a = 0x1p-200;
    double b = 0x1p-600;
    double c = 0x1p-600 + 0x1p-652;
    double[] x = {a, b, c};
    for (int trials = 1; trials <= 3; trials += 2) {
      for (long seed = 0; seed < 8; seed++) {
        double[] centers;
        try (Engine engine = new Engine(x, 3, 1, 3, null, new LloydAssigner(x, 3, 1, 3, null), 1)) {
          centers = engine.plusPlus(new Rng(seed), trials);
        }
        Arrays.sort(centers);
        assertArrayEquals(new double[] {b, c, a}, centers, 0.0, trials + " trials, seed " + seed);
      }
    }
  }
}
