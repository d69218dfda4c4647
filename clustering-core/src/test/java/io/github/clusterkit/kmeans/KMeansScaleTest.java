package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Data too large or too small for squared distances (largest magnitude above {@code 2^201} or below
 * {@code 2^-200}) are fitted after an exact power-of-two scaling. The oracle is exact arithmetic: K-Means commutes
 * with multiplying every value by {@code 2^s} (a change of exponent, exact while every value stays a normal
 * double), so the fit of {@code 2^s x} must be the fit of {@code x} with its centroids times {@code 2^s}, its
 * inertia times {@code 4^s} (rounded once, as {@link Math#scalb}) and the same labels, bit for bit.
 */
class KMeansScaleTest {

  @Property(tries = 40)
  void fitOfScaledDataIsTheScaledFit(@ForAll long seed, @ForAll @IntRange(min = 405, max = 1000) int magnitude,
      @ForAll boolean down, @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll boolean weighted, @ForAll @IntRange(min = 0, max = 3) int algorithm) {
    int s = down ? -magnitude : magnitude;
    Rng rng = new Rng(seed);
    int n = 20 + rng.nextInt(200);
    // Multiples of 1/16 in [-10, 10] from a few blobs, with repeats: exact under any scaling that keeps them normal.
    double[] x = new double[n * d];
    double[] centres = new double[3 * d];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = rng.nextInt(9) - 4;
    }
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(3);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = centres[b * d + t] + (rng.nextInt(33) - 16) / 16.0;
      }
    }
    double[] w = null;
    if (weighted) {
      w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 1 + rng.nextInt(3);
      }
    }
    KMeans config = KMeans.k(k).seed(seed).restarts(2).algorithm(KMeansAlgorithm.values()[algorithm]);
    Dataset plain = Dataset.wrap(x, n, d);
    double[] xs = x.clone();
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Math.scalb(xs[i], s);
    }
    Dataset scaled = Dataset.wrap(xs, n, d);
    KMeansModel a;
    KMeansModel b;
    try {
      a = w == null ? config.fit(plain) : config.fit(plain, w);
    } catch (IllegalArgumentException e) {
      // k above the distinct rows: the scaled data must be refused alike.
      IllegalArgumentException e2 = null;
      try {
        b = w == null ? config.fit(scaled) : config.fit(scaled, w);
      } catch (IllegalArgumentException ex) {
        e2 = ex;
      }
      assertEquals(e.getMessage(), e2 == null ? null : e2.getMessage());
      return;
    }
    b = w == null ? config.fit(scaled) : config.fit(scaled, w);
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.iterations(), b.iterations());
    double[][] ca = a.centroids();
    double[][] cb = b.centroids();
    for (int j = 0; j < k; j++) {
      for (int t = 0; t < d; t++) {
        assertEquals(Math.scalb(ca[j][t], s), cb[j][t], "centroid " + j + ", coordinate " + t);
      }
    }
    assertEquals(Math.scalb(a.inertia(), 2 * s), b.inertia(), "inertia");
    // predict and transform answer as the fit did, at the data's own magnitude.
    assertArrayEquals(b.labels(), b.predict(scaled));
    double[] row = Arrays.copyOfRange(xs, 0, d);
    assertEquals(b.labels()[0], b.predict(row));
    double[] ta = a.transform(Arrays.copyOfRange(x, 0, d));
    double[] tb = b.transform(row);
    for (int j = 0; j < k; j++) {
      assertEquals(Math.scalb(ta[j], s), tb[j], "transform " + j);
    }
    if (w != null) {
      // Weights scaled by 2^s: the same fit, its inertia times 2^s.
      double[] ws = w.clone();
      for (int i = 0; i < n; i++) {
        ws[i] = Math.scalb(ws[i], s);
      }
      KMeansModel c = config.fit(plain, ws);
      assertArrayEquals(a.labels(), c.labels());
      for (int j = 0; j < k; j++) {
        assertArrayEquals(ca[j], c.centroids()[j], "weighted centroid " + j);
      }
      assertEquals(Math.scalb(a.inertia(), s), c.inertia(), "weighted inertia");
    }
    // Explicit initial centroids are scaled with the data.
    double[][] c0s = new double[k][];
    for (int j = 0; j < k; j++) {
      c0s[j] = cb[j].clone();
    }
    KMeansModel again = KMeans.k(k).initialCentroids(c0s).fit(scaled);
    KMeansModel againPlain = KMeans.k(k).initialCentroids(ca).fit(plain);
    assertArrayEquals(againPlain.labels(), again.labels());
  }

  /**
   * Four rows at {@code +-1e200} (squared distances overflow) or {@code +-1e-200} (they underflow): before the
   * scaling both fits left a cluster of one and three rows, or an empty one; the pairs are the answer.
   */
  @Test
  void extremeMagnitudesSplitIntoTheirPairs() {
    for (double m : new double[] {1e200, 1e300, 1e-200, 1e-310, Double.MIN_VALUE * 8}) {
      Dataset x = Dataset.of(new double[][] {{m, 0}, {1.5 * m, 0}, {-m, 0}, {-1.5 * m, 0}});
      KMeansModel model = KMeans.k(2).seed(1).fit(x);
      int[] l = model.labels();
      assertEquals(l[0], l[1], "magnitude " + m);
      assertEquals(l[2], l[3], "magnitude " + m);
      assertTrue(l[0] != l[2], "magnitude " + m);
      double[][] c = model.centroids();
      // The means, 1.25 m and -1.25 m (to the rounding of 1.5 m and of the mean; subnormal m have fewer bits).
      double tol = 1e-12 * m;
      assertEquals(1.25 * m, c[l[0]][0], tol, "magnitude " + m);
      assertEquals(-1.25 * m, c[l[2]][0], tol, "magnitude " + m);
      assertEquals(l[0], model.predict(new double[] {2 * m, 0}));
      assertEquals(l[2], model.predict(new double[] {-2 * m, 0}));
      double[] t = model.transform(new double[] {2 * m, 0});
      assertEquals(0.75 * m, t[l[0]], tol, "magnitude " + m);
      assertEquals(3.25 * m, t[l[2]], tol, "magnitude " + m);
    }
  }

  /** The largest doubles: no overflow to a wrong clustering, the inertia infinite as its true value is. */
  @Test
  void largestDoublesAreClustered() {
    double max = Double.MAX_VALUE;
    Dataset x = Dataset.of(new double[][] {{max, max}, {max, 0.5 * max}, {-max, -max}, {-max, -0.5 * max}});
    KMeansModel model = KMeans.k(2).seed(3).fit(x);
    int[] l = model.labels();
    assertEquals(l[0], l[1]);
    assertEquals(l[2], l[3]);
    assertTrue(l[0] != l[2]);
    assertEquals(0.75 * max, model.centroids()[l[0]][1]);
    // The true inertia is 4 (max / 4)^2, far beyond the double range.
    assertEquals(Double.POSITIVE_INFINITY, model.inertia());
    assertEquals(l[2], model.predict(new double[] {-max, 0}));
  }

  /**
   * Weights of {@code Double.MAX_VALUE} (weighted sums overflow: the centroids were NaN) or of
   * {@code Double.MIN_VALUE} (the products lose their bits: a centroid was 1.6667 instead of 1.5) give the fit of
   * equal weights: the exact means 1.5 and 10.5 here.
   */
  @Test
  void extremeWeightsGiveTheFitOfEqualWeights() {
    Dataset x = Dataset.of(new double[][] {{1, 0}, {2, 0}, {10, 0}, {11, 0}, {1.5, 0}});
    for (double wv : new double[] {Double.MAX_VALUE, 0x1p300, 0x1p-300, Double.MIN_VALUE}) {
      double[] w = {wv, wv, wv, wv, wv};
      KMeansModel m = KMeans.k(2).seed(1).fit(x, w);
      int[] l = m.labels();
      assertArrayEquals(new int[] {l[0], l[0], l[2], l[2], l[0]}, l, "weight " + wv);
      assertEquals(1.5, m.centroids()[l[0]][0], "weight " + wv);
      assertEquals(10.5, m.centroids()[l[2]][0], "weight " + wv);
      // Inertia: weight times 0.25 + 0.25 + 0 + 0.25 + 0.25 = 1 (times the weight, rounded once).
      assertEquals(wv, m.inertia(), "weight " + wv);
    }
  }

  /**
   * An explicit initial centroid far beyond the data (1e200, 1e300, {@code Double.MAX_VALUE} among rows near 1) used
   * to choose the power of two, which pushed the rows down to where their squared distances underflowed to zero:
   * every row went to centroid 0, inertia 0.0, two clusters left empty (one of them a 1e200 centroid). In exact
   * arithmetic (the oracle) such a centroid is farther from every row than any other, so its first assignment is
   * that of a centroid at (1000, 1000): the far cluster is empty and re-seeded with row 3 (1, 1), the lower-index
   * of the two rows at squared distance 2 from their centroids. Hand-computed result: clusters {0,1,2}, {4..7},
   * {3}, centroids (1/3, 1/3), (10.5, 10.5), (1, 1), inertia 2/9 + 5/9 + 5/9 + 4 * 0.5 = 10/3. Rows scaled by
   * {@code 2^-900} (the centroid's squared distances overflow instead) must give that fit times {@code 2^-900}.
   */
  @Test
  void farInitialCentroidDoesNotScaleTheRowsAway() {
    double[][] rows = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {10, 10}, {10, 11}, {11, 10}, {11, 11}};
    KMeansModel near = KMeans.k(3).initialCentroids(new double[][] {{0, 0}, {10, 10}, {1000, 1000}})
        .fit(Dataset.of(rows));
    assertArrayEquals(new int[] {0, 0, 0, 2, 1, 1, 1, 1}, near.labels());
    assertArrayEquals(new double[][] {{1.0 / 3, 1.0 / 3}, {10.5, 10.5}, {1, 1}}, near.centroids());
    assertEquals(10.0 / 3, near.inertia(), 1e-15);
    double[][] tiny = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      tiny[i] = new double[] {Math.scalb(rows[i][0], -900), Math.scalb(rows[i][1], -900)};
    }
    for (double far : new double[] {1e200, 1e300, Double.MAX_VALUE}) {
      for (KMeansAlgorithm a : KMeansAlgorithm.values()) {
        KMeansModel m = KMeans.k(3).algorithm(a).initialCentroids(new double[][] {{0, 0}, {10, 10}, {far, -far}})
            .fit(Dataset.of(rows));
        String what = far + " " + a;
        assertArrayEquals(near.labels(), m.labels(), what);
        assertArrayEquals(near.centroids(), m.centroids(), what);
        assertEquals(near.inertia(), m.inertia(), 0.0, what);
        assertEquals(near.iterations(), m.iterations(), what);
        KMeansModel t = KMeans.k(3).algorithm(a)
            .initialCentroids(new double[][] {{0, 0}, {Math.scalb(10.0, -900), Math.scalb(10.0, -900)}, {far, -far}})
            .fit(Dataset.of(tiny));
        assertArrayEquals(near.labels(), t.labels(), "2^-900 rows, " + what);
        double[][] c = t.centroids();
        for (int j = 0; j < 3; j++) {
          assertArrayEquals(near.centroids()[j], new double[] {Math.scalb(c[j][0], 900), Math.scalb(c[j][1], 900)},
              "2^-900 rows, " + what);
        }
      }
    }
  }
}
