package io.github.clusterkit.kmedoids.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The filter behind FasterPAM's candidate evaluation and BUILD's gains ({@link Dissimilarity#within} on thresholds
 * from {@link Dissimilarity#threshold}): every object below its bound is kept with the very double {@code d(o, c)},
 * and the engine equals, bit for bit, one that visits every object with distances computed one pair at a time (the
 * engine before the filter). Data are built so that the boundary matters: coordinates a few ulps apart, so that
 * distances differ by an ulp and squared distances tie; integer lattices, where distances tie exactly; duplicates.
 */
class DissimilarityFilterTest {

  /** The engine before the filter: every object visited, every distance computed one pair at a time by {@code d}. */
  static final class Unfiltered extends Dissimilarity {
    private final Dissimilarity in;

    Unfiltered(Dissimilarity in) {
      super(in.size());
      this.in = in;
    }

    @Override
    double d(int o, int c) {
      return in.d(o, c);
    }

    @Override
    void row(int c, double[] out, int from, int to) {
      for (int o = from; o < to; o++) {
        out[o] = in.d(o, c);
      }
    }

    @Override
    double threshold(double bound) {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    int within(int c, double[] thr, int[] idx, double[] val) {
      for (int o = 0; o < n; o++) {
        idx[o] = o;
        val[o] = in.d(o, c);
      }
      return n;
    }
  }

  /**
   * Rows whose coordinates are a few anchors moved by -2 to +2 ulps (kind 0), integers (kind 1), or copies of a few
   * rows (kind 2).
   */
  static double[][] rows(Rng rng, int n, int d, int kind) {
    double[] anchors = {0.0, 1.0, 1.5, 3.0, Math.PI, 0.1, 1e-3, 7e5};
    double[][] x = new double[n][d];
    int distinct = 1 + rng.nextInt(Math.max(1, n / 3));
    for (int i = 0; i < n; i++) {
      if (kind == 2 && i >= distinct) {
        x[i] = x[rng.nextInt(distinct)].clone();
        continue;
      }
      for (int t = 0; t < d; t++) {
        if (kind == 1) {
          x[i][t] = rng.nextInt(7) - 3;
          continue;
        }
        double v = anchors[rng.nextInt(anchors.length)] * (rng.nextInt(2) == 0 ? 1 : -1);
        int ulps = rng.nextInt(5) - 2;
        for (; ulps > 0; ulps--) {
          v = Math.nextUp(v);
        }
        for (; ulps < 0; ulps++) {
          v = Math.nextDown(v);
        }
        x[i][t] = v;
      }
    }
    return x;
  }

  /**
   * The oracle: the distance one pair at a time, {@code fromReduced(reducedDistance)} column by column, which is what
   * the engine documents (no rescaling, unlike {@link Metric#distance}, which measures gaps whose squares underflow).
   */
  static double pair(Metric metric, double[] a, double[] b) {
    return metric.fromReduced(metric.reducedDistance(a, 0, b, 0, a.length));
  }

  static double[] flat(double[][] x) {
    int d = x[0].length;
    double[] f = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, f, i * d, d);
    }
    return f;
  }

  static Dissimilarity dissimilarity(double[][] x, int which) {
    if (which < 3) {
      return Dissimilarity.rows(flat(x), x.length, x[0].length, Metric.values()[which]);
    }
    int n = x.length;
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i * n + j] = pair(Metric.EUCLIDEAN, x[i], x[j]);
      }
    }
    return Dissimilarity.matrix(m, n);
  }

  /** A bound near {@code v}: {@code v} itself, one or two ulps either side, 0, infinity, or another distance. */
  static double bound(Rng rng, double v, double other) {
    switch (rng.nextInt(8)) {
      case 0:
        return Math.nextUp(v);
      case 1:
        return Math.nextDown(v) < 0 ? 0.0 : Math.nextDown(v);
      case 2:
        return Math.nextDown(Math.nextDown(v)) < 0 ? 0.0 : Math.nextDown(Math.nextDown(v));
      case 3:
        return 0.0;
      case 4:
        return Double.POSITIVE_INFINITY;
      case 5:
        return other;
      default:
        return v;
    }
  }

  @Property(tries = 300)
  void withinKeepsEveryObjectBelowItsBoundWithItsDistance(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(60);
    int d = 1 + rng.nextInt(5);
    double[][] x = rows(rng, n, d, rng.nextInt(3));
    int which = rng.nextInt(4);
    Metric metric = which < 3 ? Metric.values()[which] : Metric.EUCLIDEAN;
    Dissimilarity dis = dissimilarity(x, which);
    double[] row = new double[n];
    double[] thr = new double[n];
    double[] b = new double[n];
    int[] idx = new int[n];
    double[] val = new double[n];
    for (int c = 0; c < n; c++) {
      dis.row(c, row, 0, n);
      int c2 = rng.nextInt(n);
      for (int o = 0; o < n; o++) {
        double v = pair(metric, x[o], x[c]);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(row[o]), "row " + o + ", " + c);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(dis.d(o, c)), "d " + o + ", " + c);
        b[o] = bound(rng, v, pair(metric, x[o], x[c2]));
        thr[o] = dis.threshold(b[o]);
      }
      int m = dis.within(c, thr, idx, val);
      int p = 0;
      for (int o = 0; o < n; o++) {
        if (p < m && idx[p] == o) {
          assertEquals(Double.doubleToRawLongBits(row[o]), Double.doubleToRawLongBits(val[p]), "kept " + o);
          p++;
        } else {
          assertTrue(row[o] >= b[o], "object " + o + " left out at " + row[o] + " below its bound " + b[o]);
        }
      }
      assertEquals(m, p, "kept objects ascending, each once");
    }
  }

  /**
   * {@code s > threshold(b)} implies {@code Math.sqrt(s) >= b}, for {@code s} at and around {@code b * b}, over the
   * whole range of magnitudes (subnormal squares, squares that overflow).
   */
  @Property(tries = 2000)
  void euclideanThresholdIsSafe(@ForAll @DoubleRange(min = -330, max = 160) double exponent, @ForAll long seed) {
    Dissimilarity euclid = Dissimilarity.rows(new double[] {0.0}, 1, 1, Metric.EUCLIDEAN);
    Rng rng = new Rng(seed);
    double b = Math.pow(10, exponent) * (1 + rng.nextDouble());
    double t = euclid.threshold(b);
    double s = Math.nextDown(Math.nextDown(b * b));
    for (int i = 0; i < 5; i++, s = Math.nextUp(s)) {
      if (s > t) {
        assertTrue(Math.sqrt(s) >= b, "sqrt(" + s + ") below " + b);
      }
    }
    assertTrue(Math.sqrt(Math.nextUp(t)) >= b, "the next double above the threshold, " + b);
  }

  /**
   * A worked case at the boundary, Euclidean, candidate at the origin, bound 5 (threshold 25): exact ties ((3, 4),
   * (5, 0): sum 25), a sum that rounds back to 25 ((5, 2^-25): 25 + a quarter ulp), a sum one ulp above the threshold
   * whose square root is exactly the bound ((5, 2^-24): left out, and it contributes nothing since its distance is not
   * below 5), and the neighbours of 5 on the axis (below: kept; above: left out).
   */
  @Test
  void sumsOfSquaresAroundTheThreshold() {
    double tiny = 0x1p-24;
    double[][] pts = {{0, 0}, {3, 4}, {5, 0}, {5, tiny}, {5, tiny / 2}, {Math.nextDown(5.0), 0}, {Math.nextUp(5.0), 0}};
    // the case is what it claims: 25 + 2^-48 is the double after 25, and its square root rounds to 5
    assertEquals(Math.nextUp(25.0), 25.0 + tiny * tiny);
    assertEquals(5.0, Math.sqrt(Math.nextUp(25.0)));
    assertEquals(25.0, 25.0 + tiny * tiny / 4);
    Dissimilarity dis = Dissimilarity.rows(flat(pts), pts.length, 2, Metric.EUCLIDEAN);
    double[] thr = new double[pts.length];
    java.util.Arrays.fill(thr, dis.threshold(5.0));
    assertEquals(25.0, thr[0]);
    int[] idx = new int[pts.length];
    double[] val = new double[pts.length];
    int m = dis.within(0, thr, idx, val);
    assertEquals(5, m);
    assertArrayEquals(new int[] {0, 1, 2, 4, 5}, java.util.Arrays.copyOf(idx, m));
    assertArrayEquals(new double[] {0, 5, 5, 5, Math.nextDown(5.0)}, java.util.Arrays.copyOf(val, m), 0.0);
    assertEquals(5.0, dis.d(3, 0), 0.0, "left out at a distance equal to the bound");
    assertEquals(Math.nextUp(5.0), dis.d(6, 0), 0.0, "left out above the bound");
  }

  /**
   * FasterPAM from BUILD, from k-medoids++ and from a random start, and BUILD itself, equal bit for bit with and
   * without the filter (the unfiltered engine is the one before it: every object, one distance per pair), on one and
   * on two threads.
   */
  @Property(tries = 200)
  void filteredEngineEqualsTheUnfilteredOne(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int n = 2 + rng.nextInt(rng.nextInt(4) == 0 ? 400 : 60);
    int d = 1 + rng.nextInt(4);
    double[][] x = rows(rng, n, d, rng.nextInt(3));
    int which = rng.nextInt(4);
    int k = 1 + rng.nextInt(Math.min(n, n <= 60 && rng.nextInt(3) == 0 ? n : 6));
    Dissimilarity dis = dissimilarity(x, which);
    int threads = 1 + rng.nextInt(2);
    try (Engine fast = new Engine(dis, k, threads); Engine slow = new Engine(new Unfiltered(dis), k, 1)) {
      int[] built = fast.build();
      assertArrayEquals(slow.build(), built, "BUILD");
      long s = rng.nextLong();
      int[] pp = fast.plusPlus(new Rng(s));
      assertArrayEquals(slow.plusPlus(new Rng(s)), pp, "k-medoids++");
      int[] rnd = slow.random(new Rng(s));
      for (int[] start : new int[][] {built, pp, rnd}) {
        for (KMedoidsMethod method : KMedoidsMethod.values()) {
          Engine.Result a = fast.run(method, start, 100);
          Engine.Result e = slow.run(method, start, 100);
          String what = method + " n=" + n + " d=" + d + " k=" + k + " dissimilarity " + which;
          assertArrayEquals(e.medoids, a.medoids, what);
          assertArrayEquals(e.labels, a.labels, what);
          assertEquals(Double.doubleToRawLongBits(e.cost), Double.doubleToRawLongBits(a.cost), what);
          assertEquals(e.iterations, a.iterations, what);
          assertEquals(e.swaps, a.swaps, what);
          assertEquals(e.converged, a.converged, what);
        }
      }
    }
  }
}
