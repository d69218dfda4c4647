package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Data too large or too small for squared distances (largest magnitude above {@code 2^201} or below
 * {@code 2^-200}) are clustered after an exact power-of-two scaling and the heights scaled back. The oracle is
 * exact arithmetic: multiplying the data by {@code 2^s} commutes with every linkage while values stay normal, so
 * the merges must be the same, the heights times {@code 2^s} and the cophenetic correlation the same, bit for bit.
 * Before the scaling, data near 1e200 were refused as overflowing and data near 1e-200 got every height 0.
 */
class HierarchicalScaleTest {

  @Property(tries = 40)
  void treeOfScaledDataIsTheScaledTree(@ForAll long seed, @ForAll @IntRange(min = 205, max = 1000) int magnitude,
      @ForAll boolean down, @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 4) int which,
      @ForAll @IntRange(min = 0, max = 2) int mi) {
    int s = down ? -magnitude : magnitude;
    Rng rng = new Rng(seed);
    int n = 2 + rng.nextInt(80);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      // Multiples of 1/16, with ties: exact under the scaling.
      x[i] = (rng.nextInt(161) - 80) / 16.0;
    }
    double[] xs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = Math.scalb(x[i], s);
    }
    Agglomerative config;
    if (which == 4) {
      config = Agglomerative.linkage(Linkage.WARD).wardByCentroids(false);
    } else {
      Linkage linkage = Linkage.values()[which];
      config = Agglomerative.linkage(linkage);
      if (linkage != Linkage.WARD) {
        config = config.metric(Metric.values()[mi]);
      }
    }
    Dendrogram a = config.fit(Dataset.wrap(x, n, d));
    Dendrogram b = config.fit(Dataset.wrap(xs, n, d));
    double[][] za = a.linkageMatrix();
    double[][] zb = b.linkageMatrix();
    for (int k = 0; k < za.length; k++) {
      assertEquals(za[k][0], zb[k][0], "merge " + k + " left");
      assertEquals(za[k][1], zb[k][1], "merge " + k + " right");
      assertEquals(Math.scalb(za[k][2], s), zb[k][2], "merge " + k + " height");
      assertEquals(za[k][3], zb[k][3], "merge " + k + " count");
    }
    int k = 1 + rng.nextInt(n);
    assertArrayEquals(a.cut(k), b.cut(k));
    assertEquals(a.copheneticCorrelation(), b.copheneticCorrelation());
  }
}
