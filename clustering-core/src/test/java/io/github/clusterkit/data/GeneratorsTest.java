package io.github.clusterkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Determinism, shapes and labels of the seeded generators, as documented in {@link Generators}. */
class GeneratorsTest {

  private static final List<LongFunction<LabeledDataset>> ALL = List.of(
      seed -> Generators.blobs(500, 3, 4, 0.7, 0.1, seed),
      seed -> Generators.moons(301, 0.05, seed),
      seed -> Generators.circles(300, 0.5, 0.05, seed),
      seed -> Generators.anisotropicBlobs(400, 3, seed),
      seed -> Generators.duplicates(300, 4, 9, seed));

  private static long[] bits(Dataset ds) {
    double[] v = ds.toArray();
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.doubleToRawLongBits(v[i]);
    }
    return out;
  }

  private static void assertBad(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "message \"" + e.getMessage() + "\" lacks " + f);
    }
  }

  @Test
  void sameSeedSameDataBitForBit() {
    for (LongFunction<LabeledDataset> g : ALL) {
      LabeledDataset a = g.apply(42);
      LabeledDataset b = g.apply(42);
      assertArrayEquals(bits(a.data()), bits(b.data()));
      assertArrayEquals(a.labels(), b.labels());
    }
  }

  @Test
  void differentSeedsDiffer() {
    for (LongFunction<LabeledDataset> g : ALL) {
      assertFalse(java.util.Arrays.equals(bits(g.apply(1).data()), bits(g.apply(2).data())));
    }
  }

  @Test
  void blobsShapeLabelsAndSpread() {
    int n = 1000;
    LabeledDataset ld = Generators.blobs(n, 3, 4, 0.5, 0.1, 7);
    Dataset ds = ld.data();
    assertEquals(n, ds.size());
    assertEquals(3, ds.dimension());
    int[] labels = ld.labels();
    int[] counts = new int[5];
    for (int l : labels) {
      counts[l + 1]++;
    }
    // documented: round(1000 * 0.1) = 100 noise rows; the other 900 split evenly over 4 blobs
    assertArrayEquals(new int[] {100, 225, 225, 225, 225}, counts);
    assertEquals(4, ld.clusterCount());
    assertEquals("LabeledDataset[Dataset[1000 x 3, columns=[x0, x1, x2]], clusters=4, noise=100]", ld.toString());
    // per blob and coordinate the sample standard deviation of 225 normal draws has standard error
    // sigma / sqrt(2 * 224) = 0.024; a tolerance of 0.12 is five standard errors
    double[][] mean = new double[4][3];
    for (int c = 0; c < 4; c++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
          if (labels[i] == c) {
            s += ds.get(i, j);
          }
        }
        mean[c][j] = s / 225;
        for (int i = 0; i < n; i++) {
          if (labels[i] == c) {
            double t = ds.get(i, j) - mean[c][j];
            ss += t * t;
          }
        }
        assertEquals(0.5, Math.sqrt(ss / 224), 0.12);
        // centres are uniform in [-10, 10]; the mean of 225 draws is within 5 * 0.5 / 15 of its centre
        assertTrue(Math.abs(mean[c][j]) <= 10 + 0.17);
      }
    }
    // noise is uniform in the centres' box widened by 3 std = 1.5 (centres known to within 0.17)
    for (int i = 0; i < n; i++) {
      if (labels[i] == -1) {
        for (int j = 0; j < 3; j++) {
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < 4; c++) {
            lo = Math.min(lo, mean[c][j]);
            hi = Math.max(hi, mean[c][j]);
          }
          double v = ds.get(i, j);
          assertTrue(v >= lo - 1.5 - 0.17 && v <= hi + 1.5 + 0.17, "noise at " + v);
        }
      }
    }
  }

  @Test
  void blobsEdgeCases() {
    // std 0: every blob point is exactly its centre, so there are k distinct rows
    LabeledDataset ld = Generators.blobs(60, 2, 3, 0.0, 0.0, 3);
    Set<String> rows = new HashSet<>();
    for (double[] r : ld.data().toRows()) {
      rows.add(java.util.Arrays.toString(r));
    }
    assertEquals(3, rows.size());
    int[] allNoise = Generators.blobs(10, 2, 2, 1.0, 1.0, 3).labels();
    for (int l : allNoise) {
      assertEquals(-1, l);
    }
    assertEquals(1, Generators.blobs(1, 1, 1, 1.0, 0.0, 3).data().size());
    // documented: round(n * noiseFraction) noise rows, a half rounding up, the rest clustered (not
    // round(n * (1 - noiseFraction)) clustered, which gives 2 of 3 and 5 of 5 clustered rows here)
    assertEquals(2, count(Generators.blobs(3, 1, 1, 1.0, 0.5, 3).labels(), -1)); // round(1.5) = 2
    assertEquals(1, count(Generators.blobs(5, 1, 1, 1.0, 0.1, 3).labels(), -1)); // 5 * 0.1 = 0.5 exactly: 1
    assertBad(() -> Generators.blobs(0, 2, 2, 1, 0, 1), "n", "got 0");
    assertBad(() -> Generators.blobs(5, 0, 2, 1, 0, 1), "d", "got 0");
    assertBad(() -> Generators.blobs(5, 2, 0, 1, 0, 1), "k", "got 0");
    assertBad(() -> Generators.blobs(5, 2, 2, -1, 0, 1), "std", "got -1.0");
    assertBad(() -> Generators.blobs(5, 2, 2, Double.NaN, 0, 1), "std", "NaN");
    assertBad(() -> Generators.blobs(5, 2, 2, Double.POSITIVE_INFINITY, 0, 1), "std", "Infinity");
    assertBad(() -> Generators.blobs(5, 2, 2, 1, 1.5, 1), "noiseFraction", "1.5");
    assertBad(() -> Generators.blobs(5, 2, 2, 1, Double.NaN, 1), "noiseFraction", "NaN");
    assertBad(() -> Generators.blobs(Integer.MAX_VALUE / 2, 3, 2, 1, 0, 1), "n * d", "1073741823 * 3");
    // k * d beyond an array: NegativeArraySizeException (k * d overflowed int) before the check.
    assertBad(() -> Generators.blobs(10, 2, Integer.MAX_VALUE, 1, 0, 1), "k * d", "2147483647 * 2");
    assertBad(() -> Generators.blobs(10, 1000, 3_000_000, 1, 0, 1), "k * d", "3000000 * 1000");
    // More blobs than points: the first n blobs get one point each (i % k), the others none.
    int[] few = Generators.blobs(3, 2, 1000, 0.0, 0.0, 3).labels();
    java.util.Arrays.sort(few);
    assertArrayEquals(new int[] {0, 1, 2}, few);
    assertBad(() -> Generators.duplicates(Integer.MAX_VALUE, 2, 1, 1), "n * d");
    assertBad(() -> Generators.moons(Integer.MAX_VALUE, 0, 1), "n * d");
  }

  @Test
  void moonsWithoutNoiseLieOnTheirHalfCircles() {
    LabeledDataset ld = Generators.moons(101, 0.0, 5);
    double[][] x = ld.data().toRows();
    int[] labels = ld.labels();
    int upper = 0;
    for (int i = 0; i < x.length; i++) {
      double a = x[i][0];
      double b = x[i][1];
      if (labels[i] == 0) {
        upper++;
        // documented: centre (0, 0), radius 1, upper half (sin t >= 0 up to rounding)
        assertEquals(1.0, Math.hypot(a, b), 1e-12);
        assertTrue(b >= -1e-15);
      } else {
        assertEquals(1, labels[i]);
        // documented: centre (1, 0.5), radius 1, lower half
        assertEquals(1.0, Math.hypot(a - 1, b - 0.5), 1e-12);
        assertTrue(b <= 0.5 + 1e-15);
      }
    }
    assertEquals(51, upper); // documented: the upper moon has ceil(n / 2) points
    assertEquals(2, ld.data().dimension());
    assertBad(() -> Generators.moons(1, 0, 1), "n", "got 1");
    assertBad(() -> Generators.moons(10, -0.1, 1), "noise", "-0.1");
  }

  /** The same rows bit for bit, in any order (the generators shuffle them); the count of expected rows not found. */
  private static void assertSameRows(double[][] expected, double[][] actual, String what) {
    Set<List<Long>> got = new HashSet<>();
    for (double[] r : actual) {
      got.add(List.of(Double.doubleToLongBits(r[0]), Double.doubleToLongBits(r[1])));
    }
    int missing = 0;
    String first = null;
    for (double[] r : expected) {
      if (!got.contains(List.of(Double.doubleToLongBits(r[0]), Double.doubleToLongBits(r[1])))) {
        missing++;
        first = first == null ? java.util.Arrays.toString(r) : first;
      }
    }
    assertEquals(expected.length, actual.length, what);
    assertEquals(0, missing, what + ": rows not found bit for bit, the first " + first);
  }

  @Test
  void moonsAndCirclesAreTheSameOnEveryJvm() {
    // Review finding: moons and circles took Math.cos and Math.sin, whose last bit HotSpot's x86 intrinsics decide
    // (they differ from fdlibm on about 3% of angles in [0, pi]), so the data were not the same on every JDK and
    // platform as the class says. Oracle: the documented points written out with StrictMath (fdlibm, specified to
    // the bit); without noise the rows are these points exactly.
    int n = 301;
    int upper = (n + 1) / 2;
    double[][] moons = new double[n][];
    for (int i = 0; i < n; i++) {
      if (i < upper) {
        double t = Math.PI * i / (upper - 1);
        moons[i] = new double[] {StrictMath.cos(t), StrictMath.sin(t)};
      } else {
        double t = Math.PI * (i - upper) / (n - upper - 1);
        moons[i] = new double[] {1 - StrictMath.cos(t), 0.5 - StrictMath.sin(t)};
      }
    }
    assertSameRows(moons, Generators.moons(n, 0.0, 5).data().toRows(), "moons");
    int outer = (n + 1) / 2;
    double[][] circles = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean isOuter = i < outer;
      double t = 2 * Math.PI * (isOuter ? i : i - outer) / (isOuter ? outer : n - outer);
      double r = isOuter ? 1 : 0.3;
      circles[i] = new double[] {r * StrictMath.cos(t), r * StrictMath.sin(t)};
    }
    assertSameRows(circles, Generators.circles(n, 0.3, 0.0, 5).data().toRows(), "circles");
  }

  @Test
  void circlesWithoutNoiseHaveTheirRadii() {
    LabeledDataset ld = Generators.circles(100, 0.3, 0.0, 5);
    double[][] x = ld.data().toRows();
    int[] labels = ld.labels();
    int outer = 0;
    for (int i = 0; i < x.length; i++) {
      double r = Math.hypot(x[i][0], x[i][1]);
      if (labels[i] == 0) {
        outer++;
        assertEquals(1.0, r, 1e-12);
      } else {
        assertEquals(0.3, r, 1e-12);
      }
    }
    assertEquals(50, outer);
    assertBad(() -> Generators.circles(10, 1.0, 0, 1), "factor", "1.0");
    assertBad(() -> Generators.circles(10, 0.0, 0, 1), "factor", "0.0");
    assertBad(() -> Generators.circles(10, Double.NaN, 0, 1), "factor", "NaN");
  }

  @Test
  void argumentErrorsNameTheParameterAndValue() {
    assertBad(() -> Generators.blobs(-1, 2, 2, 1, 0, 1), "n must be >= 1, got -1");
    assertBad(() -> Generators.blobs(5, -1, 2, 1, 0, 1), "d must be >= 1, got -1");
    assertBad(() -> Generators.duplicates(-1, 2, 1, 1), "n must be >= 1, got -1");
    assertBad(() -> Generators.duplicates(5, -1, 1, 1), "d must be >= 1, got -1");
    assertBad(() -> Generators.circles(1, 0.5, 0, 1), "n must be >= 2, got 1");
    assertBad(() -> Generators.circles(Integer.MAX_VALUE, 0.5, 0, 1),
        "n * d must be at most 2147483639, got 2147483647 * 2");
    assertBad(() -> Generators.circles(10, 0.5, -1, 1), "noise must be in [0, 1e300], got -1.0");
    assertBad(() -> Generators.circles(10, 0.5, Double.POSITIVE_INFINITY, 1),
        "noise must be in [0, 1e300], got Infinity");
    assertBad(() -> Generators.circles(10, 0.5, Double.NaN, 1), "noise must be in [0, 1e300], got NaN");
    // spreads whose points would overflow are named as such (they failed in Dataset, naming a row instead)
    assertBad(() -> Generators.blobs(10, 2, 2, 1e308, 0.1, 1), "std must be in [0, 1e300], got 1.0E308");
    assertBad(() -> Generators.moons(10, 1e308, 1), "noise must be in [0, 1e300], got 1.0E308");
    // the largest spread allowed gives finite points (Dataset refuses any other), noise points included
    assertEquals(100, Generators.blobs(100, 2, 2, 1e300, 0.5, 1).data().size());
    assertEquals(100, Generators.moons(100, 1e300, 1).data().size());
    assertEquals(100, Generators.circles(100, 0.5, 1e300, 1).data().size());
  }

  /** Per column, the smallest and largest value of the rows with the given label test ({@code lo[j], hi[j]}). */
  private static double[][] range(LabeledDataset ld, java.util.function.IntPredicate label) {
    int d = ld.data().dimension();
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    int[] labels = ld.labels();
    for (int i = 0; i < labels.length; i++) {
      if (label.test(labels[i])) {
        for (int j = 0; j < d; j++) {
          lo[j] = Math.min(lo[j], ld.data().get(i, j));
          hi[j] = Math.max(hi[j], ld.data().get(i, j));
        }
      }
    }
    return new double[][] {lo, hi};
  }

  @Test
  void blobNoiseFillsTheCentresBoxWidenedByThreeStd() {
    // Documented: noise uniform in the centres' bounding box widened by 3 std on every side.
    // std 0: every clustered row is its centre, so the box is that of the clustered rows, exactly.
    for (long seed = 1; seed <= 5; seed++) {
      LabeledDataset ld = Generators.blobs(400, 5, 2, 0.0, 0.5, seed);
      double[][] box = range(ld, l -> l >= 0);
      double[][] noise = range(ld, l -> l < 0);
      boolean offZero = false;
      for (int j = 0; j < 5; j++) {
        assertTrue(noise[0][j] >= box[0][j] && noise[1][j] <= box[1][j], "seed " + seed + ", column " + j);
        offZero |= box[0][j] > 0 || box[1][j] < 0;
      }
      assertTrue(offZero, "a column whose box excludes 0 (so a box grown from 0 would show)");
    }
    // std 1: 3000 rows per blob estimate the centres within about 0.02 (standard error 1/sqrt(3000)); 3000 noise rows
    // reach within 0.5 of each side of a box at least 6 wide (the chance of missing one such band is below
    // (1 - 0.5 / 26)^3000 < 1e-25), and never beyond it.
    LabeledDataset ld = Generators.blobs(9000, 2, 2, 1.0, 1.0 / 3, 21);
    double[][] centres = new double[2][2];
    int[] count = new int[2];
    int[] labels = ld.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        count[labels[i]]++;
        for (int j = 0; j < 2; j++) {
          centres[labels[i]][j] += ld.data().get(i, j);
        }
      }
    }
    double[][] noise = range(ld, l -> l < 0);
    for (int j = 0; j < 2; j++) {
      double lo = Math.min(centres[0][j] / count[0], centres[1][j] / count[1]) - 3;
      double hi = Math.max(centres[0][j] / count[0], centres[1][j] / count[1]) + 3;
      assertTrue(noise[0][j] > lo - 0.1 && noise[0][j] < lo + 0.5, "column " + j + ": " + noise[0][j] + " vs " + lo);
      assertTrue(noise[1][j] < hi + 0.1 && noise[1][j] > hi - 0.5, "column " + j + ": " + noise[1][j] + " vs " + hi);
    }
  }

  /**
   * The angles of the rows of one label about {@code (cx, cy)}, in [0, 2 pi), sorted; {@code sign} -1 turns them by
   * pi.
   */
  private static double[] angles(LabeledDataset ld, int label, double cx, double cy, double sign) {
    int[] labels = ld.labels();
    return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label)
        .mapToDouble(i -> {
          double a = Math.atan2(sign * (ld.data().get(i, 1) - cy), sign * (ld.data().get(i, 0) - cx));
          return a < -1e-12 ? a + 2 * Math.PI : Math.max(a, 0);
        }).sorted().toArray();
  }

  private static double[] steps(int count, double step) {
    double[] t = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = i * step;
    }
    return t;
  }

  @Test
  void moonsAndCirclesAreEvenlySpacedInAngle() {
    // Documented: the upper moon's ceil(n / 2) points evenly spaced from 0 to pi about (0, 0), the lower moon's
    // points (1 - cos t, 0.5 - sin t) the same way about (1, 0.5), i.e. at angle t after a turn by pi.
    LabeledDataset m = Generators.moons(11, 0, 3);
    assertArrayEquals(steps(6, Math.PI / 5), angles(m, 0, 0, 0, 1), 1e-12);
    assertArrayEquals(steps(5, Math.PI / 4), angles(m, 1, 1, 0.5, -1), 1e-12);
    // one point per moon: angle 0, the points (1, 0) and (0, 0.5)
    assertArrayEquals(new double[][] {{0, 0.5}, {1, 0}}, sortedRows(Generators.moons(2, 0, 3)));
    assertArrayEquals(new double[][] {{-1, Math.sin(Math.PI)}, {0, 0.5}, {1, 0}},
        sortedRows(Generators.moons(3, 0, 3)));
    // Circles: ceil(n / 2) outer points and the others inner, each circle evenly spaced from angle 0.
    LabeledDataset c = Generators.circles(11, 0.5, 0, 3);
    assertEquals(6, java.util.Arrays.stream(c.labels()).filter(l -> l == 0).count());
    assertArrayEquals(steps(6, 2 * Math.PI / 6), angles(c, 0, 0, 0, 1), 1e-12);
    assertArrayEquals(steps(5, 2 * Math.PI / 5), angles(c, 1, 0, 0, 1), 1e-12);
  }

  private static double[][] sortedRows(LabeledDataset ld) {
    double[][] rows = ld.data().toRows();
    java.util.Arrays.sort(rows,
        java.util.Comparator.<double[]>comparingDouble(r -> r[0]).thenComparingDouble(r -> r[1]));
    return rows;
  }

  /** The sample standard deviation of the distances of one label's rows from {@code (cx, cy)}, minus {@code r}. */
  private static double radialSd(LabeledDataset ld, int label, double cx, double cy) {
    int[] labels = ld.labels();
    double[] dev = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label)
        .mapToDouble(i -> Math.hypot(ld.data().get(i, 0) - cx, ld.data().get(i, 1) - cy)).toArray();
    double mean = java.util.Arrays.stream(dev).average().orElseThrow();
    double ss = java.util.Arrays.stream(dev).map(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(ss / (dev.length - 1));
  }

  @Test
  void noisePerturbsEachCoordinateWithTheGivenStandardDeviation() {
    // Isotropic Gaussian noise of standard deviation s moves a point of a circle of radius 1 (or 0.5) off it by
    // about s in the radial direction (first order in s); 2000 rows give the sample deviation within about 2 %
    // (relative standard error 1 / sqrt(2 * 2000)): within 10 % of s it is 6 standard errors away.
    double s = 0.02;
    LabeledDataset m = Generators.moons(4000, s, 8);
    assertEquals(s, radialSd(m, 0, 0, 0), 0.1 * s);
    assertEquals(s, radialSd(m, 1, 1, 0.5), 0.1 * s);
    LabeledDataset c = Generators.circles(4000, 0.5, s, 8);
    assertEquals(s, radialSd(c, 0, 0, 0), 0.1 * s);
    assertEquals(s, radialSd(c, 1, 0, 0), 0.1 * s);
  }

  @Test
  void rowsAreShuffledSoThatNoiseIsInterleaved() {
    // Documented: rows are shuffled, so clusters and noise are interleaved. Generated in order, the labels would be
    // 0, 1, 2, 3, 0, ... for 150 rows, then 50 noise rows.
    int[] labels = Generators.blobs(200, 2, 4, 1, 0.25, 4).labels();
    long noiseFirst = java.util.Arrays.stream(labels, 0, 150).filter(l -> l < 0).count();
    assertTrue(noiseFirst > 20, "noise rows among the first 150: " + noiseFirst); // 37.5 expected
  }

  @Test
  void anisotropicBlobsAreShearedBlobs() {
    LabeledDataset base = Generators.blobs(200, 2, 3, 1.0, 0.0, 9);
    LabeledDataset aniso = Generators.anisotropicBlobs(200, 3, 9);
    assertArrayEquals(base.labels(), aniso.labels());
    for (int i = 0; i < 200; i++) {
      double a = base.data().get(i, 0);
      double b = base.data().get(i, 1);
      // documented map: [a, b] times [[0.6, -0.6], [-0.4, 0.8]], as scikit-learn's np.dot(X, transformation)
      assertEquals(0.6 * a - 0.4 * b, aniso.data().get(i, 0));
      assertEquals(-0.6 * a + 0.8 * b, aniso.data().get(i, 1));
    }
  }

  @Test
  void duplicatesHaveExactlyTheRequestedDistinctRows() {
    LabeledDataset ld = Generators.duplicates(500, 3, 7, 11);
    double[][] x = ld.data().toRows();
    int[] labels = ld.labels();
    Map<Integer, String> rowOfLabel = new HashMap<>();
    Set<String> distinct = new HashSet<>();
    for (int i = 0; i < x.length; i++) {
      String r = java.util.Arrays.toString(x[i]);
      assertTrue(labels[i] >= 0 && labels[i] < 7);
      String prev = rowOfLabel.putIfAbsent(labels[i], r);
      if (prev != null) {
        assertEquals(prev, r, "rows with the same label are copies of one point");
      }
      distinct.add(r);
      for (double v : x[i]) {
        assertTrue(v >= 0 && v < 1);
      }
    }
    assertEquals(7, distinct.size());
    assertEquals(7, rowOfLabel.size());
    assertEquals(7, ld.clusterCount());
    assertEquals(5, Generators.duplicates(5, 1, 5, 1).clusterCount());
    assertBad(() -> Generators.duplicates(5, 1, 0, 1), "distinct", "got 0");
    assertBad(() -> Generators.duplicates(5, 1, 6, 1), "distinct", "got 6");
  }

  private static int count(int[] labels, int label) {
    int c = 0;
    for (int l : labels) {
      if (l == label) {
        c++;
      }
    }
    return c;
  }

  @Test
  void labeledDatasetValidatesAndCopies() {
    Dataset ds = Dataset.of(new double[][] {{0}, {1}, {2}, {3}});
    int[] labels = {0, 5, -1, 5};
    LabeledDataset ld = new LabeledDataset(ds, labels);
    labels[0] = 9;
    assertArrayEquals(new int[] {0, 5, -1, 5}, ld.labels());
    ld.labels()[1] = 9;
    assertArrayEquals(new int[] {0, 5, -1, 5}, ld.labels());
    assertEquals(2, ld.clusterCount()); // labels 0 and 5; -1 is noise
    assertEquals(0, new LabeledDataset(ds, new int[] {-1, -1, -1, -1}).clusterCount());
    // Labels need not be 0..k-1 (segment codes, say): three distinct non-noise labels, counted exactly.
    assertEquals(3, new LabeledDataset(ds, new int[] {Integer.MAX_VALUE, 7, -1, 2_000_000_000}).clusterCount());
    assertEquals(1, new LabeledDataset(ds, new int[] {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1}).clusterCount());
    assertTrue(ld.data() == ds);
    assertBad(() -> new LabeledDataset(null, labels), "null");
    assertBad(() -> new LabeledDataset(ds, null), "null");
    assertBad(() -> new LabeledDataset(ds, new int[3]), "one entry per row (4)", "got 3");
    assertBad(() -> new LabeledDataset(ds, new int[] {0, -2, 0, 0}), "got -2", "row 1");
    assertNotEquals(0, ALL.size());
  }
}
