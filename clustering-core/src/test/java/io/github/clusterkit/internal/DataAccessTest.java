package io.github.clusterkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The largest magnitude a {@link Dataset} reports to {@link Scale} through {@link DataAccess}, against a brute-force
 * maximum of {@code |x|}, for every way of making a dataset; and the accessor's one-time installation.
 */
class DataAccessTest {

  private static double bruteMaxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  /** Values of both signs over the whole exponent range (1e-300 to 1e300), zeros and subnormals included. */
  private static double[] values(long seed, int count) {
    Rng rng = new Rng(seed);
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      int kind = rng.nextInt(10);
      double x = kind == 0 ? 0 : kind == 1 ? Double.MIN_VALUE * (1 + rng.nextInt(1000))
          : Math.pow(10, rng.uniform(-300, 300));
      v[i] = rng.nextInt(2) == 0 ? x : -x;
    }
    return v;
  }

  @Property(tries = 100)
  void everyDatasetReportsItsLargestMagnitude(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    double[] v = values(seed, n * d);
    double expected = bruteMaxAbs(v);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(v, i * d, i * d + d);
    }
    Dataset of = Dataset.of(rows);
    for (Dataset ds : List.of(of, Dataset.wrap(v.clone(), n, d), Dataset.copyOf(v, n, d),
        of.withColumnNames(of.columnNames()))) {
      assertEquals(expected, DataAccess.maxAbs(ds));
      assertEquals(Scale.exponent(expected), Scale.exponent(ds));
      assertArrayEquals(v, DataAccess.values(ds));
    }
    // a selection computes its own (here: the rows in reverse order, then the last row alone)
    int[] reverse = new int[n];
    for (int i = 0; i < n; i++) {
      reverse[i] = n - 1 - i;
    }
    assertEquals(expected, DataAccess.maxAbs(of.select(reverse)));
    assertEquals(bruteMaxAbs(rows[n - 1]), DataAccess.maxAbs(of.select(new int[] {n - 1})));
  }

  @Test
  void theAccessorIsInstalledOnce() {
    Dataset.of(new double[][] {{1}}); // Dataset's initialiser has installed it
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DataAccess.install(ds -> new double[0], ds -> 0));
    assertEquals("DataAccess already installed", e.getMessage());
    assertArrayEquals(new double[] {2, -3}, DataAccess.values(Dataset.of(new double[][] {{2, -3}})));
    assertEquals(3.0, DataAccess.maxAbs(Dataset.of(new double[][] {{2, -3}})));
  }
}
