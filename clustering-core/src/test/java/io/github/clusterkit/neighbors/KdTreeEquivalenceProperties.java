package io.github.clusterkit.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every KD-tree query equals the brute-force oracle exactly: the same rows, the same distance bits, the
 * same k-nearest order with ties broken by the smaller row index. Data shapes are chosen to break trees:
 * heavy duplicates, integer grids and binary rows (many equal distances), collinear points, constant columns,
 * and values so large or small that differences overflow or underflow.
 */
class KdTreeEquivalenceProperties {

  private static final Metric[] METRICS = Metric.values();
  private static final int[] LEAF_SIZES = {1, 2, 5, 16, 64};

  enum Shape { UNIFORM, DUPLICATES, GRID, BINARY, LINE, CONSTANT_COLUMNS, HUGE, TINY, CLUSTERED }

  @Provide
  Arbitrary<Shape> shapes() {
    return Arbitraries.of(Shape.class);
  }

  @Property(tries = 60)
  void everyQueryEqualsBruteForce(
      @ForAll("shapes") Shape shape,
      @ForAll @IntRange(min = 1, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 16) int d,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[] x = generate(shape, n, d, rng);
    Dataset data = Dataset.wrap(x, n, d);
    for (Metric metric : METRICS) {
      BruteForce oracle = BruteForce.of(data, metric);
      // two leaf sizes per metric to keep the run short; over the tries all sizes are covered
      int l1 = LEAF_SIZES[rng.nextInt(LEAF_SIZES.length)];
      int l2 = LEAF_SIZES[rng.nextInt(LEAF_SIZES.length)];
      KdTree[] trees = {KdTree.build(data, metric, l1), KdTree.build(data, metric, l2)};
      for (KdTree tree : trees) {
        for (int t = 0; t < 4; t++) {
          checkQuery(tree, oracle, data, shape, rng);
        }
      }
    }
  }

  /** Small data, many leaf sizes and many queries per tree: dense coverage of the tie rules. */
  @Property(tries = 80)
  void smallDataAllLeafSizes(
      @ForAll("shapes") Shape shape,
      @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[] x = generate(shape, n, d, rng);
    Dataset data = Dataset.wrap(x, n, d);
    for (Metric metric : METRICS) {
      BruteForce oracle = BruteForce.of(data, metric);
      for (int leaf : LEAF_SIZES) {
        KdTree tree = KdTree.build(data, metric, leaf);
        for (int t = 0; t < 10; t++) {
          checkQuery(tree, oracle, data, shape, rng);
        }
      }
    }
  }

  private static void checkQuery(KdTree tree, BruteForce oracle, Dataset data, Shape shape, Rng rng) {
    int n = data.size();
    int d = data.dimension();
    Metric metric = tree.metric();
    Neighbors a = new Neighbors(0);
    Neighbors b = new Neighbors();

    boolean byRow = rng.nextInt(3) == 0;
    int row = rng.nextInt(n);
    double[] q = byRow ? data.row(row) : queryPoint(data, shape, rng);

    // radii: 0, an exact distance to some row (boundary ties), a random share of the spread, beyond the data
    double[] radii = {
      0.0,
      metric.distance(q, data.row(rng.nextInt(n))),
      spread(data) * rng.nextDouble() * 0.3,
      spread(data) * 3 + 1,
    };
    for (double r : radii) {
      if (!Double.isFinite(r)) {
        continue; // an overflowing distance is not a valid radius
      }
      int got = byRow ? tree.radius(row, r, a) : tree.radius(q, r, a);
      int want = byRow ? oracle.radius(row, r, b) : oracle.radius(q, r, b);
      assertEquals(want, got, "radius count, r = " + r);
      assertSameSet(b, a, "radius " + r);

      int[] limits = {1, Math.max(1, want), want + 1, 1 + rng.nextInt(n + 1)};
      for (int limit : limits) {
        int c = byRow ? tree.countWithin(row, r, limit) : tree.countWithin(q, r, limit);
        assertEquals(Math.min(limit, want), c, "countWithin r = " + r + ", limit = " + limit);
      }
    }

    int[] ks = {1, 1 + rng.nextInt(n), n, Math.min(n, 2 + rng.nextInt(12))};
    for (int k : ks) {
      int got = byRow ? tree.knn(row, k, a) : tree.knn(q, k, a);
      int want = byRow ? oracle.knn(row, k, b) : oracle.knn(q, k, b);
      assertEquals(k, want);
      assertEquals(k, got);
      assertArrayEquals(b.indices(), a.indices(), "knn order, k = " + k);
      assertArrayEquals(bits(b), bits(a), "knn distances, k = " + k);
    }
    assertEquals(d, q.length);
  }

  /** Radius results are compared as sets of (row, distance bits), since their order is unspecified. */
  private static void assertSameSet(Neighbors want, Neighbors got, String what) {
    want.sortByDistance();
    got.sortByDistance();
    assertArrayEquals(want.indices(), got.indices(), what + ": rows");
    assertArrayEquals(bits(want), bits(got), what + ": distance bits");
    for (int i = 0; i < got.size(); i++) {
      assertEquals(
          Double.doubleToRawLongBits(want.distance(i)), Double.doubleToRawLongBits(got.distance(i)), what);
    }
  }

  private static long[] bits(Neighbors nb) {
    long[] out = new long[nb.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.doubleToRawLongBits(nb.reducedDistance(i));
    }
    return out;
  }

  private static double spread(Dataset data) {
    double s = 0;
    for (int j = 0; j < data.dimension(); j++) {
      double[] c = data.column(j);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : c) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      s = Math.max(s, hi - lo);
    }
    return Double.isFinite(s) ? s : Double.MAX_VALUE / 4;
  }

  private static double[] queryPoint(Dataset data, Shape shape, Rng rng) {
    double[] q = rawQueryPoint(data, shape, rng);
    for (int k = 0; k < q.length; k++) {
      if (!Double.isFinite(q[k])) {
        q[k] = 0; // queries must be finite; an overflow in the construction above is replaced
      }
    }
    return q;
  }

  private static double[] rawQueryPoint(Dataset data, Shape shape, Rng rng) {
    int d = data.dimension();
    double[] q = data.row(rng.nextInt(data.size()));
    switch (rng.nextInt(4)) {
      case 0: // a data point nudged by one ulp in one coordinate
        int j = rng.nextInt(d);
        q[j] = rng.nextInt(2) == 0 ? Math.nextUp(q[j]) : Math.nextDown(q[j]);
        return q;
      case 1: // a midpoint between two rows (often on a split plane)
        double[] o = data.row(rng.nextInt(data.size()));
        for (int k = 0; k < d; k++) {
          q[k] = q[k] / 2 + o[k] / 2;
        }
        return q;
      case 2: // anywhere, also outside the data
        double s = spread(data) + 1;
        for (int k = 0; k < d; k++) {
          q[k] += (rng.nextDouble() * 2 - 1) * s;
        }
        return q;
      default: // far outside
        for (int k = 0; k < d; k++) {
          q[k] = shape == Shape.HUGE ? -q[k] : q[k] + 1e6 * (rng.nextDouble() - 0.5);
        }
        return q;
    }
  }

  static double[] generate(Shape shape, int n, int d, Rng rng) {
    double[] x = new double[n * d];
    switch (shape) {
      case UNIFORM:
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.uniform(-1, 1);
        }
        break;
      case DUPLICATES: {
        int distinct = 1 + rng.nextInt(Math.min(n, 8));
        double[] base = new double[distinct * d];
        for (int i = 0; i < base.length; i++) {
          base[i] = rng.nextInt(3) == 0 ? 0.0 : rng.uniform(-1, 1);
        }
        for (int i = 0; i < n; i++) {
          System.arraycopy(base, rng.nextInt(distinct) * d, x, i * d, d);
        }
        break;
      }
      case GRID:
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.nextInt(4);
        }
        break;
      case BINARY: // 0/1 columns: many distinct rows tie at the k-th distance (under Chebyshev, every other row)
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.nextInt(2);
        }
        break;
      case LINE: {
        double[] dir = new double[d];
        for (int j = 0; j < d; j++) {
          dir[j] = rng.nextInt(3) - 1;
        }
        for (int i = 0; i < n; i++) {
          double t = rng.nextInt(2) == 0 ? i : rng.nextInt(n);
          for (int j = 0; j < d; j++) {
            x[i * d + j] = 5 + t * dir[j];
          }
        }
        break;
      }
      case CONSTANT_COLUMNS:
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            x[i * d + j] = j % 2 == 0 ? 7.5 : rng.uniform(0, 1);
          }
        }
        break;
      case HUGE: // differences and squares overflow to infinity
        for (int i = 0; i < x.length; i++) {
          x[i] = (rng.nextInt(5) - 2) * 2.5e307 * (1 + rng.nextInt(3));
        }
        break;
      case TINY: // subnormal values: squares underflow to zero
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.nextInt(7) * Double.MIN_VALUE * (rng.nextInt(2) == 0 ? 1 : 1e10);
        }
        break;
      case CLUSTERED:
      default:
        for (int i = 0; i < n; i++) {
          int c = rng.nextInt(3);
          for (int j = 0; j < d; j++) {
            x[i * d + j] = c * 10 + 0.01 * rng.nextGaussian();
          }
        }
        break;
    }
    return x;
  }
}
