package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.testutil.SharedData;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link KMeansModel#score(Dataset)} and {@link KMeansModel#score(Dataset, double[])}: scikit-learn's
 * {@code KMeans.score(X, sample_weight)}. Every scikit-learn value is printed by
 * {@code tools/porting_conveniences_reference.py}, section [A] (scikit-learn 1.2.1, fitted with {@code init=C0,
 * n_init=1, max_iter=1}; the model here is rebuilt from the centroids it printed, which round-trip exactly).
 */
class KMeansScoreTest {

  private static KMeansModel model(double[][] centroids) {
    int d = centroids[0].length;
    double[] flat = new double[centroids.length * d];
    for (int j = 0; j < centroids.length; j++) {
      System.arraycopy(centroids[j], 0, flat, j * d, d);
    }
    return KMeansModel.fromState(new KMeansModel.State(d, flat, new int[] {0}, 0, 1, true, KMeansAlgorithm.LLOYD));
  }

  @Test
  void sixRowsByHandAsScikitLearn() {
    // [A] cluster_centers_ ['0.3333333333333335', '0.3333333333333335', '5.333333333333334', '5.333333333333334']
    KMeansModel m = model(new double[][] {{0.3333333333333335, 0.3333333333333335},
        {5.333333333333334, 5.333333333333334}});
    Dataset y = Dataset.of(new double[][] {{0, 0}, {2, 2}, {10, 10}, {5, 5}});
    // [A] score(Y) -49.55555555555554; score(Y, sample_weight=[1, 2, 0.5, 3]) -33.77777777777777
    assertEquals(-49.55555555555554, m.score(y), 1e-15 * 49.6);
    assertEquals(-33.77777777777777, m.score(y, new double[] {1, 2, 0.5, 3}), 1e-15 * 33.8);
    // by hand: c = (1/3, 1/3), (16/3, 16/3); the squared distances 2/9, 50/9, 2 (14/3)^2 = 392/9, 2/9 sum to 446/9
    assertEquals(-446.0 / 9, m.score(y), 1e-12);
    // [A] score(X) of the training rows -2.666666666666667 = -inertia_
    Dataset x = Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}, {5, 6}});
    assertEquals(-2.666666666666667, m.score(x), 1e-15 * 2.7);
  }

  @Test
  void mallIncomeAndScoreAsScikitLearn() {
    Dataset x = Dataset.of(SharedData.mallIncomeAndScore());
    // [A] Mall income and score, init its first 5 rows, max_iter=1: cluster_centers_
    KMeansModel m = model(new double[][] {{15.0, 39.0}, {35.888888888888886, 92.77777777777779},
        {66.11111111111111, 10.916666666666643}, {67.85714285714286, 77.76785714285712},
        {57.08163265306126, 45.081632653061234}});
    // [A] score(X) -93773.28297550598 (numpy the same)
    assertEquals(-93773.28297550598, m.score(x), 1e-13 * 93773.3);
    double[] w = new double[x.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + i % 3;
    }
    // [A] score(X, sample_weight=0.5 + i % 3) -136579.10841439044 (numpy ...042: the order of the sum)
    assertEquals(-136579.10841439044, m.score(x, w), 1e-13 * 136579.2);
    // the fit from the same centroids, one iteration, has the same centroids: its score is minus its inertia
    KMeansModel fit = KMeans.k(5).initialCentroids(Arrays.copyOf(SharedData.mallIncomeAndScore(), 5))
        .maxIterations(1).fit(x);
    assertArrayEquals(m.centroids()[3], fit.centroids()[3], 1e-13);
    assertEquals(-fit.inertia(), fit.score(x), 1e-12 * fit.inertia());
  }

  @Test
  void scaledRowsAndWeightsGiveTheExactSum() {
    // Centroids at 1e100 need the power-of-two scaling (above 2^201); by hand: squared distances 9e80 and 1.6e81.
    KMeansModel m = model(new double[][] {{1e100, 0}, {-1e100, 0}});
    Dataset x = Dataset.of(new double[][] {{1e100, 3e40}, {-1e100, 4e40}});
    assertEquals(-2.5e81, m.score(x), 1e-15 * 2.5e81);
    // weights below 2^-200 are scaled too: 9e80 * 1e-250 + 1.6e81 * 3e-250 = 5.7e-169
    assertEquals(-5.7e-169, m.score(x, new double[] {1e-250, 3e-250}), 1e-15 * 5.7e-169);
    // and the same as the rows' own transform (each row at its own scale)
    double[][] t = m.transform(x);
    assertEquals(-(t[0][0] * t[0][0] + t[1][1] * t[1][1]), m.score(x), 1e-15 * 2.5e81);
    // a true sum beyond the double range is -Infinity; all-zero weights give 0
    assertEquals(Double.NEGATIVE_INFINITY, m.score(x, new double[] {1e230, 0}));
    assertEquals(0.0, m.score(x, new double[] {0, 0}), 0.0);
  }

  @Test
  void aRowNearItsCentroidBesideAFarCentroidKeepsItsSquaredDistance() {
    // Review finding: a far centroid set the row's scale (2^-798 here), at which the row's squared distance to its
    // own centroid underflowed to 0, so the score was -0.0. Exact by hand: (2 - 0)^2 = 4 (scikit-learn 1.2.1's
    // KMeans.score with these centres gives -4.0 as well).
    KMeansModel far = model(new double[][] {{0}, {4.5e300}});
    assertEquals(-4.0, far.score(Dataset.of(new double[][] {{2}})), 0.0);
    assertEquals(-8.0, far.score(Dataset.of(new double[][] {{2}}), new double[] {2}), 0.0);
    // powers of two, exact by hand: (2^-530)^2 = 2^-1060 (a subnormal), times the weight 2^600 is 2^-460
    KMeansModel huge = model(new double[][] {{0}, {0x1p1000}});
    Dataset tiny = Dataset.of(new double[][] {{0x1p-530}});
    assertEquals(-0x1p-1060, huge.score(tiny), 0.0);
    assertEquals(-0x1p-460, huge.score(tiny, new double[] {0x1p600}), 0.0);
    // no scaling at all (centroids 0 and 1): (2^-600)^2 underflows to 0, times 2^700 is 2^-500
    KMeansModel unit = model(new double[][] {{0, 0}, {1, 1}});
    Dataset small = Dataset.of(new double[][] {{0x1p-600, 0}, {0, 0}});
    assertEquals(-0x1p-500, unit.score(small, new double[] {0x1p700, 1}), 0.0);
    // and a weight far below the others still counts where its row is the only one away from its centroid (the
    // weights were scaled by the largest, which sent this one to 0): 2^-1000 * (2^-10)^2 = 2^-1020 beside 2^1000 * 0
    Dataset one = Dataset.of(new double[][] {{0, 0}, {0, 0x1p-10}});
    assertEquals(-0x1p-1020, unit.score(one, new double[] {0x1p1000, 0x1p-1000}), 0.0);
  }

  /** The squared distance of exact arithmetic, a brute-force oracle. */
  private static BigDecimal exactSq(double[] a, double[] b) {
    BigDecimal s = BigDecimal.ZERO;
    for (int j = 0; j < a.length; j++) {
      BigDecimal t = new BigDecimal(a[j]).subtract(new BigDecimal(b[j]));
      s = s.add(t.multiply(t));
    }
    return s;
  }

  @Property(tries = 300)
  void scoreIsTheExactSumRoundedAtEveryMagnitude(@ForAll @IntRange(min = 1, max = 6) int n,
      @ForAll @IntRange(min = 1, max = 9) int d, @ForAll @IntRange(min = 1, max = 3) int k, @ForAll long seed) {
    // Brute-force oracle: every distance in exact (BigDecimal) arithmetic, the smallest per row, weighted and summed
    // exactly, rounded once. Centroids, rows and weights each at a magnitude drawn from 1e-310 to 1e300.
    double[] scales = {1, 1e-200, 1e200, 1e-160, 1e160, 1e-300, 1e300, 1e-310};
    Rng rng = new Rng(seed);
    double cs = scales[rng.nextInt(scales.length)];
    double[][] c = new double[k][d];
    for (double[] r : c) {
      for (int j = 0; j < d; j++) {
        r[j] = (rng.nextInt(7) - 3) * cs * (rng.nextInt(2) == 0 ? 1 : 1.5);
      }
    }
    double[][] x = new double[n][d];
    double[] w = new double[n];
    double ws = scales[rng.nextInt(scales.length)];
    for (int i = 0; i < n; i++) {
      double rs = scales[rng.nextInt(scales.length)];
      for (int j = 0; j < d; j++) {
        x[i][j] = (rng.nextInt(7) - 3) * rs;
      }
      w[i] = rng.nextInt(4) * ws * (rng.nextInt(2) == 0 ? 1 : 1e-5);
    }
    KMeansModel m;
    try {
      m = model(c);
    } catch (IllegalArgumentException equalCentroids) {
      return;
    }
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal weighted = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      BigDecimal best = null;
      for (double[] r : c) {
        BigDecimal s = exactSq(x[i], r);
        best = best == null || s.compareTo(best) < 0 ? s : best;
      }
      sum = sum.add(best);
      weighted = weighted.add(best.multiply(new BigDecimal(w[i])));
    }
    Dataset data = Dataset.of(x);
    assertClose(-sum.doubleValue(), m.score(data));
    assertClose(-weighted.doubleValue(), m.score(data, w));
  }

  private static void assertClose(double expected, double actual) {
    if (Double.isInfinite(expected) || expected == 0) {
      assertEquals(expected, actual, 8 * Double.MIN_VALUE);
    } else {
      assertEquals(expected, actual, 1e-12 * Math.abs(expected) + 8 * Double.MIN_VALUE);
    }
  }

  @Test
  void badInputIsRefusedNamingTheRule() {
    KMeansModel m = model(new double[][] {{0, 0}, {1, 1}});
    Dataset x = Dataset.of(new double[][] {{0, 0}, {2, 2}});
    assertEquals("data must not be null", assertThrows(IllegalArgumentException.class, () -> m.score(null))
        .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> m.score(Dataset.of(new double[][] {{1, 2, 3}}))).getMessage()
        .startsWith("data must have dimension 2 like the centroids, got 3"));
    assertEquals("weights must not be null",
        assertThrows(IllegalArgumentException.class, () -> m.score(x, null)).getMessage());
    assertEquals("weights must have one entry per row (n = 2), got 3",
        assertThrows(IllegalArgumentException.class, () -> m.score(x, new double[3])).getMessage());
    assertEquals("weights must be finite and >= 0, got -1.0 at index 1",
        assertThrows(IllegalArgumentException.class, () -> m.score(x, new double[] {1, -1})).getMessage());
    assertEquals("weights must be finite and >= 0, got NaN at index 0",
        assertThrows(IllegalArgumentException.class, () -> m.score(x, new double[] {Double.NaN, 1})).getMessage());
    assertEquals("weights must be finite and >= 0, got Infinity at index 1", assertThrows(
        IllegalArgumentException.class, () -> m.score(x, new double[] {1, Double.POSITIVE_INFINITY})).getMessage());
    // the weights are checked after the data, as fit checks them
    assertEquals("data must not be null",
        assertThrows(IllegalArgumentException.class, () -> m.score(null, new double[] {-1})).getMessage());
  }

  @Test
  void columnNamesAreCheckedAsPredictChecksThem() {
    List<String> names = List.of("income", "spending");
    Dataset train = Dataset.of(new double[][] {{1, 2}, {3, 4}, {10, 12}}, names);
    KMeansModel m = KMeans.k(2).seed(1).fit(train);
    Dataset swapped = Dataset.of(new double[][] {{2, 1}}, List.of("spending", "income"));
    String predict = assertThrows(IllegalArgumentException.class, () -> m.predict(swapped)).getMessage();
    assertEquals(predict, assertThrows(IllegalArgumentException.class, () -> m.score(swapped)).getMessage());
    assertEquals(predict,
        assertThrows(IllegalArgumentException.class, () -> m.score(swapped, new double[] {1})).getMessage());
    // data without names are not checked
    assertEquals(m.score(train), m.score(Dataset.of(new double[][] {{1, 2}, {3, 4}, {10, 12}})));
  }

  private static Dataset blobs(int n, int d, long seed) {
    Rng rng = new Rng(seed);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      int g = rng.nextInt(3);
      for (int j = 0; j < d; j++) {
        // integers on a coarse grid: ties and duplicate rows are common
        rows[i][j] = 10 * g + Math.rint(2 * rng.nextGaussian());
      }
    }
    return Dataset.of(rows);
  }

  @Property(tries = 80)
  void scoreOfTheTrainingDataIsMinusTheInertia(@ForAll @IntRange(min = 3, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 3) int k, @ForAll long seed) {
    Dataset x = blobs(n, d, seed);
    KMeansModel m;
    try {
      m = KMeans.k(k).seed(seed).fit(x);
    } catch (IllegalArgumentException fewerDistinctRows) {
      return;
    }
    assertEquals(-m.inertia(), m.score(x), 1e-12 * m.inertia() + 1e-300);
    // brute force: every distance, the smallest per row
    double sum = 0;
    for (double[] t : m.transform(x)) {
      double min = Double.POSITIVE_INFINITY;
      for (double v : t) {
        min = Math.min(min, v * v);
      }
      sum += min;
    }
    assertEquals(-sum, m.score(x), 1e-12 * sum + 1e-300);
    assertTrue(m.score(x) <= 0);
  }

  @Property(tries = 80)
  void permutationChangesOnlyTheRoundingAndUnitWeightsChangeNothing(@ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[][] rows = new double[n][d];
    double[][] centroids = new double[3][d];
    for (double[][] a : new double[][][] {rows, centroids}) {
      for (double[] r : a) {
        for (int j = 0; j < d; j++) {
          r[j] = rng.uniform(-100, 100);
        }
      }
    }
    KMeansModel m = model(centroids);
    Dataset x = Dataset.of(rows);
    double s = m.score(x);
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    double[] onesCopy = ones.clone();
    assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(m.score(x, ones)), "weights of 1");
    assertArrayEquals(onesCopy, ones, 0, "the weights are not modified");
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    double[][] shuffled = new double[n][];
    double[] w = new double[n];
    double[] wShuffled = new double[n];
    for (int i = 0; i < n; i++) {
      shuffled[i] = rows[perm[i]];
      w[i] = rng.nextInt(4);
    }
    for (int i = 0; i < n; i++) {
      wShuffled[i] = w[perm[i]];
    }
    assertEquals(s, m.score(Dataset.of(shuffled)), 1e-12 * Math.abs(s));
    double sw = m.score(x, w);
    assertEquals(sw, m.score(Dataset.of(shuffled), wShuffled), 1e-12 * Math.abs(sw) + 1e-300);
    // integer weights: the rows repeated
    int total = 0;
    for (double v : w) {
      total += (int) v;
    }
    if (total > 0) {
      double[][] repeated = new double[total][];
      for (int i = 0, r = 0; i < n; i++) {
        for (int c = 0; c < (int) w[i]; c++) {
          repeated[r++] = rows[i];
        }
      }
      assertEquals(sw, m.score(Dataset.of(repeated)), 1e-12 * Math.abs(sw));
    } else {
      assertEquals(0.0, Math.abs(sw));
    }
  }
}
