package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The k-d tree's construction invariants ({@link KdTree#checkStructure}) on data long enough for the sampled
 * pivots of the median selection (ranges of 1024 positions and more), in row orders chosen against quickselect:
 * as generated, sorted, reversed, organ pipe (rising then falling) and sawtooth, over the shapes of
 * {@link KdTreeEquivalenceProperties} (duplicates, grids, lines, constant columns, extreme magnitudes). Query
 * answers alone cannot see a badly split tree (they stay exact whatever the split), so this checks the splits
 * themselves: every inner node is cut at the median of its widest dimension, boxes are tight, rows are where
 * the permutation says.
 */
class KdTreeStructureProperties {

  enum Order { AS_GENERATED, SORTED, REVERSED, ORGAN_PIPE, SAWTOOTH }

  @Provide
  Arbitrary<KdTreeEquivalenceProperties.Shape> shapes() {
    return Arbitraries.of(KdTreeEquivalenceProperties.Shape.class);
  }

  @Property(tries = 40)
  void everyNodeIsSplitAtItsMedian(
      @ForAll("shapes") KdTreeEquivalenceProperties.Shape shape,
      @ForAll Order order,
      @ForAll @IntRange(min = 1000, max = 20000) int n,
      @ForAll @IntRange(min = 1, max = 6) int d,
      @ForAll @IntRange(min = 1, max = 40) int leafSize,
      @ForAll long seed) {
    double[] x = arrange(KdTreeEquivalenceProperties.generate(shape, n, d, new Rng(seed)), n, d, order);
    KdTree.build(Dataset.wrap(x, n, d), Metric.EUCLIDEAN, leafSize).checkStructure();
  }

  @Test
  void aMillionRowsInSortedAndReversedOrderAreSplitAtTheirMedians() {
    int n = 1_000_000;
    double[] x = KdTreeEquivalenceProperties.generate(KdTreeEquivalenceProperties.Shape.CLUSTERED, n, 2, new Rng(7));
    for (Order order : new Order[] {Order.SORTED, Order.REVERSED, Order.ORGAN_PIPE}) {
      KdTree.build(Dataset.wrap(arrange(x, n, 2, order), n, 2), Metric.EUCLIDEAN).checkStructure();
    }
  }

  /** The check itself fails on a broken tree: rows of a built tree swapped across a split. */
  @Test
  void theCheckSeesARowOnTheWrongSideOfASplit() throws Exception {
    int n = 5000;
    double[] x = KdTreeEquivalenceProperties.generate(KdTreeEquivalenceProperties.Shape.UNIFORM, n, 2, new Rng(3));
    KdTree tree = KdTree.build(Dataset.wrap(x, n, 2), Metric.EUCLIDEAN);
    tree.checkStructure();
    java.lang.reflect.Field f = KdTree.class.getDeclaredField("xs");
    f.setAccessible(true);
    double[] xs = (double[]) f.get(tree);
    java.lang.reflect.Field p = KdTree.class.getDeclaredField("perm");
    p.setAccessible(true);
    int[] perm = (int[]) p.get(tree);
    // swap the first and the last position (rows and permutation together): both stay where the permutation says,
    // but the root's split now has a right-half row on the left and the other way round
    int last = n - 1;
    for (int j = 0; j < 2; j++) {
      double t = xs[j];
      xs[j] = xs[last * 2 + j];
      xs[last * 2 + j] = t;
    }
    int t = perm[0];
    perm[0] = perm[last];
    perm[last] = t;
    assertThrows(IllegalStateException.class, tree::checkStructure);
  }

  /** A copy of the rows of {@code x} in the given order (by the first column, then the others). */
  static double[] arrange(double[] x, int n, int d, Order order) {
    if (order == Order.AS_GENERATED) {
      return x.clone();
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      for (int j = 0; j < d; j++) {
        int c = Double.compare(x[a * d + j], x[b * d + j]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a, b);
    });
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      switch (order) {
        case SORTED:
          pos[i] = i;
          break;
        case REVERSED:
          pos[i] = n - 1 - i;
          break;
        case ORGAN_PIPE: // smallest first, then every other rank rising, the rest falling
          pos[i] = (i % 2 == 0) ? i / 2 : n - 1 - i / 2;
          break;
        default: // SAWTOOTH: ranks dealt into 7 rising runs
          pos[i] = (i % 7) * ((n + 6) / 7) + i / 7;
          break;
      }
    }
    if (order == Order.SAWTOOTH) {
      // the dealt positions above may leave gaps for n not a multiple of 7: compact them in order
      Integer[] byPos = new Integer[n];
      for (int i = 0; i < n; i++) {
        byPos[i] = i;
      }
      Arrays.sort(byPos, (a, b) -> Integer.compare(pos[a], pos[b]));
      for (int i = 0; i < n; i++) {
        pos[byPos[i]] = i;
      }
    }
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, idx[i] * d, out, pos[i] * d, d);
    }
    return out;
  }
}
