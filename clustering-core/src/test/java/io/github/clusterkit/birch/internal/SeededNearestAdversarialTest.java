package io.github.clusterkit.birch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.birch.Birch;
import io.github.clusterkit.birch.BirchModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link SeededNearest} on data aimed at the edges of its bounds, against the brute-force oracle of
 * {@link SeededNearestTest#bruteForce} (the squared distance summed column by column from 0, ties to the lower
 * number): rows exactly where the pruning bound {@code |c0 - c| <= r + b} and the radius query's {@code 2 r} are
 * tight (collinear seed, row and rival, the rival one or a few ulps off), exact ties there with the rival numbered
 * lower, gaps whose squares are subnormal or 0, magnitudes just inside the range where the search applies, a single
 * column, a single centroid, the farthest centroid as the seed, and enough centroids for several parallel chunks.
 */
class SeededNearestAdversarialTest {

  /** The search with 1, 2 and 3 threads equals the oracle, and leaves its arguments alone. */
  private static void check(double[] x, int n, double[] c, int m, int d, int[] seeds) {
    double[] xCopy = x.clone();
    double[] cCopy = c.clone();
    int[] seedsCopy = seeds.clone();
    int[] expected = SeededNearestTest.bruteForce(x, n, c, m, d);
    KdTree index = KdTree.build(Dataset.wrap(c, m, d), Metric.EUCLIDEAN);
    for (int p = 1; p <= 3; p++) {
      assertArrayEquals(expected, SeededNearest.nearest(x, n, c, m, d, index, seeds, p), "parallelism " + p);
    }
    assertArrayEquals(xCopy, x);
    assertArrayEquals(cCopy, c);
    assertArrayEquals(seedsCopy, seeds);
  }

  /** Per row, the centroid farthest from it (the largest seed distance, hence the widest radius query). */
  private static int[] farthest(double[] x, int n, double[] c, int m, int d) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double worst = -1;
      for (int e = 0; e < m; e++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - c[e * d + j];
          s += t * t;
        }
        if (s > worst) {
          worst = s;
          out[i] = e;
        }
      }
    }
    return out;
  }

  private static boolean applies(double[] x, double[] c) {
    return SeededNearest.applies(Scale.maxAbs(c, 0, c.length), Scale.maxAbs(x, 0, x.length));
  }

  /** A value a few ulps away from {@code v} (or {@code v} itself). */
  private static double nudge(Rng rng, double v) {
    int k = rng.nextInt(5) - 2;
    for (; k > 0; k--) {
      v = Math.nextUp(v);
    }
    for (; k < 0; k++) {
      v = Math.nextDown(v);
    }
    return v;
  }

  /**
   * Triples on a line: seed {@code c0}, row {@code x = c0 + v}, rival {@code e = x + v} (computed, then nudged by a
   * few ulps or not), so that the rival lies at the bound {@code r + b = 2 r} with {@code b} equal to {@code r} or a
   * rounding away from it; the rival is numbered below the seed half the time (a tie must go to it). Non-dyadic
   * values, and magnitudes up to just below the limits of {@link SeededNearest#applies}.
   */
  @Property(tries = 400)
  void collinearRivalsAtTheBound(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    int triples = 1 + rng.nextInt(40);
    // 2^197 times values below 8 stays below 2^200 (rows) and 2^201 (centroids); 2^-190 keeps maxAbs >= 2^-200
    double scale = new double[] {1, 0x1p197, 0x1p-190, 1e-3, 1e7}[rng.nextInt(5)];
    int m = 2 * triples;
    double[] c = new double[m * d];
    double[] x = new double[triples * d];
    int[] seeds = new int[triples];
    for (int k = 0; k < triples; k++) {
      boolean rivalFirst = rng.nextInt(2) == 0;
      int c0 = rivalFirst ? 2 * k + 1 : 2 * k;
      int e = rivalFirst ? 2 * k : 2 * k + 1;
      seeds[k] = c0;
      double len = rng.nextInt(2) == 0 ? 0.1 + rng.nextDouble() : 1 + rng.nextInt(3);
      for (int j = 0; j < d; j++) {
        double a = (rng.nextDouble() * 4 - 2) * scale;
        double v = (rng.nextDouble() * 2 - 1) * len * scale;
        if (rng.nextInt(4) == 0) {
          v = 0;
        }
        c[c0 * d + j] = a;
        x[k * d + j] = a + v;
        double far = x[k * d + j] + v;
        c[e * d + j] = rng.nextInt(2) == 0 ? far : nudge(rng, far);
      }
    }
    assertTrue(applies(x, c));
    check(x, triples, c, m, d, seeds);
  }

  /** The simplest exact tie at the bound: {@code 0 - 1 - 2} on a line, the rival numbered first. */
  @Test
  void tieAtTwiceTheSeedDistance() {
    double[] c = {2, 0};
    double[] x = {1};
    KdTree index = KdTree.build(Dataset.wrap(c, 2, 1), Metric.EUCLIDEAN);
    assertArrayEquals(new int[] {0}, SeededNearest.nearest(x, 1, c, 2, 1, index, new int[] {1}, 1));
    check(x, 1, c, 2, 1, new int[] {1});
    // d = 3, the same in every column: (1, 1, 1) between (0, 0, 0) and (2, 2, 2)
    double[] c3 = {2, 2, 2, 0, 0, 0};
    double[] x3 = {1, 1, 1};
    check(x3, 1, c3, 2, 3, new int[] {1});
  }

  /** Rows equal to centroids that have duplicates numbered lower: distance 0 to several, the first wins. */
  @Test
  void rowsOnDuplicateCentroids() {
    double[] c = {5, 1, 0.1, 5, 5, 0.1, 0.1};
    double[] x = {5, 5, 0.1, 0.1, 1};
    check(x, 5, c, 7, 1, new int[] {4, 3, 6, 5, 1});
    check(x, 5, c, 7, 1, new int[] {1, 1, 1, 1, 1});
  }

  /** One centroid: every row gets it, whatever its distance (the radius query finds only the seed). */
  @Test
  void oneCentroid() {
    double[] c = {0.3, -7};
    double[] x = {0.3, -7, 1e6, 1e6, -0x1.fp199, 0x1.fp199, 0, 0};
    int[] out = SeededNearest.nearest(x, 4, c, 1, 2, KdTree.build(Dataset.wrap(c, 1, 2), Metric.EUCLIDEAN),
        new int[4], 2);
    assertArrayEquals(new int[4], out);
  }

  /**
   * Gaps whose squares are subnormal or flush to 0 (many computed ties at 0 that exact distances would break): values
   * from {0, k 2^-1074, k 2^-540, k 2^-520}, with one centroid carrying a coordinate of 2^-200 (or 1) so that the
   * data stay in the range where the search applies; rows on centroids, between them, or drawn alike.
   */
  @Property(tries = 300)
  void subnormalGaps(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    int m = 1 + rng.nextInt(60);
    int n = 1 + rng.nextInt(200);
    double[] units = {0x1p-1074, 0x1p-540, 0x1p-537, 0x1p-520};
    double[] c = new double[m * d];
    for (int t = 0; t < c.length; t++) {
      c[t] = rng.nextInt(4) == 0 ? 0 : (rng.nextInt(7) - 3) * units[rng.nextInt(units.length)];
    }
    c[rng.nextInt(m) * d + rng.nextInt(d)] = rng.nextInt(2) == 0 ? 0x1p-200 : 1;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(3);
      int a = rng.nextInt(m);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = kind == 0 ? c[a * d + j]
            : kind == 1 ? c[a * d + j] + (rng.nextInt(3) - 1) * 0x1p-1074
            : (rng.nextInt(7) - 3) * units[rng.nextInt(units.length)];
      }
    }
    assertTrue(applies(x, c));
    int[] seeds = seeds(rng, x, n, c, m, d);
    check(x, n, c, m, d, seeds);
  }

  /** Random, all-first, nearest or farthest seeds. */
  private static int[] seeds(Rng rng, double[] x, int n, double[] c, int m, int d) {
    int kind = rng.nextInt(4);
    int[] pick = kind == 2 ? SeededNearestTest.bruteForce(x, n, c, m, d) : kind == 3 ? farthest(x, n, c, m, d) : null;
    int[] seeds = new int[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = kind == 0 ? rng.nextInt(m) : kind == 1 ? 0 : pick[i];
    }
    return seeds;
  }

  /**
   * Magnitudes at the edge of {@link SeededNearest#applies}: rows just below {@code 2^200}, centroids just below
   * {@code 2^201} (the largest the k-d tree leaves unscaled), lattice values times the largest power of two that
   * keeps them there, with ties (rows on centroids and midpoints).
   */
  @Property(tries = 200)
  void largestMagnitudesThatApply(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(5);
    int m = 1 + rng.nextInt(80);
    int n = 1 + rng.nextInt(300);
    double top = Math.nextDown(0x1p201);
    double[] c = new double[m * d];
    for (int t = 0; t < c.length; t++) {
      c[t] = (rng.nextInt(5) - 2) * 0x1p199; // in [-2^200, 2^200]
    }
    c[rng.nextInt(m) * d + rng.nextInt(d)] = rng.nextInt(2) == 0 ? top : -top;
    double[] x = new double[n * d];
    double rowTop = Math.nextDown(0x1p200);
    for (int i = 0; i < n; i++) {
      int a = rng.nextInt(m);
      int b = rng.nextInt(m);
      int kind = rng.nextInt(3);
      for (int j = 0; j < d; j++) {
        double v = kind == 0 ? (c[a * d + j] + c[b * d + j]) / 2 : kind == 1 ? c[a * d + j] / 2
            : (rng.nextDouble() * 2 - 1) * rowTop;
        x[i * d + j] = Math.max(-rowTop, Math.min(rowTop, v));
      }
    }
    assertTrue(applies(x, c));
    check(x, n, c, m, d, seeds(rng, x, n, c, m, d));
  }

  /** Just beyond the limits the search does not apply (the caller's k-d tree answers). */
  @Test
  void appliesStopsAtTheLimits() {
    assertTrue(SeededNearest.applies(Math.nextDown(0x1p201), Math.nextDown(0x1p200)));
    assertFalse(SeededNearest.applies(0x1p201, 1));
    assertFalse(SeededNearest.applies(1, 0x1p200));
    assertTrue(SeededNearest.applies(0x1p-200, 0x1p-300));
    assertFalse(SeededNearest.applies(Math.nextDown(0x1p-200), 0x1p-300));
    assertTrue(SeededNearest.applies(0, 0x1p-1074));
  }

  /**
   * Enough centroids for several chunks of 256 groups, so the parallel path runs (the other properties have at most
   * a few chunks): 1, 2 and 3 threads agree with the oracle; lattice data for ties.
   */
  @Property(tries = 25)
  void severalParallelChunks(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(3);
    int m = 257 + rng.nextInt(900);
    int n = 1 + rng.nextInt(2000);
    boolean lattice = rng.nextInt(2) == 0;
    double[] c = SeededNearestTest.values(rng, m, d, lattice, 3);
    if (lattice) {
      for (int t = 0; t < c.length; t++) {
        c[t] = rng.nextInt(9) - 4;
      }
    }
    double[] x = SeededNearestTest.values(rng, n, d, lattice, 3);
    check(x, n, c, m, d, seeds(rng, x, n, c, m, d));
  }

  /**
   * Fits at magnitudes close to the limit of the search and close to the k-d tree's rescaling of tiny data, with
   * duplicated rows: the training labels are the oracle's nearest subcluster's cluster (through the search where
   * {@link SeededNearest#applies}, the k-d tree otherwise).
   */
  @Property(tries = 60)
  void fitLabelsAtTheLimits(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(4);
    int n = 1 + rng.nextInt(500);
    double scale = new double[] {0x1p197, 0x1p198, 0x1p-197, 0x1p-199, 0x1p-201}[rng.nextInt(5)];
    double[] x = SeededNearestTest.values(rng, n, d, rng.nextInt(2) == 0, 1);
    int distinct = 1 + rng.nextInt(Math.max(1, n / 2));
    for (int i = distinct; i < n; i++) {
      System.arraycopy(x, rng.nextInt(distinct) * d, x, i * d, d);
    }
    for (int t = 0; t < x.length; t++) {
      x[t] *= scale;
    }
    BirchModel model = Birch.threshold(scale * (0.1 + rng.nextDouble())).branchingFactor(2 + rng.nextInt(6))
        .clusters(rng.nextInt(3)).fit(Dataset.wrap(x, n, d));
    double[][] cs = model.subclusterCentroids();
    int m = cs.length;
    double[] c = new double[m * d];
    for (int e = 0; e < m; e++) {
      System.arraycopy(cs[e], 0, c, e * d, d);
    }
    int[] near = SeededNearestTest.bruteForce(x, n, c, m, d);
    int[] sub = model.subclusterLabels();
    int[] expected = new int[n];
    for (int i = 0; i < n; i++) {
      expected[i] = sub[near[i]];
    }
    assertArrayEquals(expected, model.labels());
  }
}
