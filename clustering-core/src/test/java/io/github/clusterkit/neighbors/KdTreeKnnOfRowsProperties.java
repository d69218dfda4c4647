package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link KdTree#knnOfRows} against the oracle of {@code n} single-row queries {@link KdTree#knn(int, int, Neighbors)}:
 * the same rows, in the same order, with the same distance bits, on data full of ties and exact copies (small integer
 * grids, a share of rows copied, negative zeros), every metric, any {@code k} in {@code [1, n]}, several leaf sizes and
 * thread counts, data large enough for the tree's power-of-two scaling; every row delivered exactly once.
 */
class KdTreeKnnOfRowsProperties {

  @Property(tries = 150)
  void equalsOneQueryPerRow(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 400) int n, @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 20) int leafSize, @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll @IntRange(min = 0, max = 2) int metricIndex, @ForAll @IntRange(min = 1, max = 6) int grid,
      @ForAll boolean huge) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      if (i > 0 && rng.nextInt(3) == 0) {
        System.arraycopy(x, rng.nextInt(i) * d, x, i * d, d); // an exact copy of an earlier row
        continue;
      }
      for (int j = 0; j < d; j++) {
        double v = grid == 6 ? rng.nextDouble() * 4 - 2 : rng.nextInt(grid) * 0.5; // grid: integer ties; 6: few ties
        v = huge ? v * 1e300 : v; // beyond 2^201: the tree holds the data scaled down by a power of two
        x[i * d + j] = v == 0 && rng.nextInt(2) == 0 ? -0.0 : v;
      }
    }
    Metric metric = Metric.values()[metricIndex];
    KdTree tree = KdTree.build(Dataset.wrap(x, n, d), metric, leafSize);
    int k = 1 + rng.nextInt(n);
    int[][] idx = new int[n][];
    long[][] bits = new long[n][];
    AtomicIntegerArray calls = new AtomicIntegerArray(n);
    tree.knnOfRows(k, threads, (row, nb) -> {
      calls.incrementAndGet(row);
      idx[row] = nb.indices();
      bits[row] = bitsOf(nb.distances());
    });
    Neighbors buf = new Neighbors();
    for (int i = 0; i < n; i++) {
      assertEquals(1, calls.get(i), "calls for row " + i);
      tree.knn(i, k, buf);
      assertArrayEquals(buf.indices(), idx[i], "row " + i);
      assertArrayEquals(bitsOf(buf.distances()), bits[i], "row " + i);
    }
  }

  @Example
  void checksItsArguments() {
    KdTree tree = KdTree.build(Dataset.wrap(new double[] {0, 1, 2}, 3, 1), Metric.EUCLIDEAN);
    assertThrows(IllegalArgumentException.class, () -> tree.knnOfRows(0, 1, (r, nb) -> { }));
    assertThrows(IllegalArgumentException.class, () -> tree.knnOfRows(4, 1, (r, nb) -> { }));
    assertThrows(IllegalArgumentException.class, () -> tree.knnOfRows(1, 0, (r, nb) -> { }));
    assertThrows(IllegalArgumentException.class, () -> tree.knnOfRows(1, 1, null));
  }

  private static long[] bitsOf(double[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.doubleToRawLongBits(v[i]);
    }
    return out;
  }
}
