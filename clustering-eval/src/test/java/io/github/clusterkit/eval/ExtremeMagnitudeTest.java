package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Data too large or too small for squared distances (largest magnitude above {@code 2^201} or below
 * {@code 2^-200}) are measured after an exact power-of-two scaling. The oracle is exact arithmetic: multiplying
 * every value by {@code 2^s} commutes with every operation while values stay normal, so silhouette, Davies-Bouldin
 * and Calinski-Harabasz (ratios) must be unchanged bit for bit, and the inertia multiplied by {@code 4^s} (rounded
 * once). Before the scaling, at {@code +-1e200} these gave NaN, Infinity and NaN, at {@code +-1e-200} 0, Infinity
 * and NaN.
 */
class ExtremeMagnitudeTest {

  @Property(tries = 40)
  void indicesOfScaledDataAreTheIndicesOfTheData(@ForAll long seed,
      @ForAll @IntRange(min = 205, max = 1000) int magnitude, @ForAll boolean down,
      @ForAll @IntRange(min = 1, max = 4) int d) {
    int s = down ? -magnitude : magnitude;
    Rng rng = new Rng(seed);
    int n = 6 + rng.nextInt(120);
    int k = 2 + rng.nextInt(3);
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      // Rows 0..k-1 make every cluster non-empty; multiples of 1/16 around each cluster's centre.
      labels[i] = i < k ? i : rng.nextInt(k);
      for (int t = 0; t < d; t++) {
        x[i * d + t] = 4 * labels[i] + (rng.nextInt(33) - 16) / 16.0;
      }
    }
    double[] xs = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = Math.scalb(x[i], s);
    }
    Dataset a = Dataset.wrap(x, n, d);
    Dataset b = Dataset.wrap(xs, n, d);
    assertEquals(Silhouette.score(a, labels), Silhouette.score(b, labels), "silhouette");
    assertEquals(DaviesBouldin.score(a, labels), DaviesBouldin.score(b, labels), "Davies-Bouldin");
    assertEquals(CalinskiHarabasz.score(a, labels), CalinskiHarabasz.score(b, labels), "Calinski-Harabasz");
    assertEquals(Math.scalb(Inertia.score(a, labels), 2 * s), Inertia.score(b, labels), "inertia");
  }

  /**
   * Choosing k on data times {@code 2^s}: the same fits, the same best k by every criterion (the knee found on the
   * inertias at the scaled magnitude), the inertias times {@code 4^s} (infinite beyond the double range). At
   * {@code 2^600} the curve overflowed and the knee search failed ("x and y must be finite").
   */
  @org.junit.jupiter.api.Test
  void choosingKOnScaledDataChoosesTheSameK() {
    double[] x = io.github.clusterkit.data.Generators.blobs(600, 2, 3, 0.5, 0, 7).data().toArray();
    KSelectionResult plain = KSelection.kMeans(1, 6).seed(1).evaluate(Dataset.wrap(x, 600, 2));
    for (int s : new int[] {600, -600, 300}) {
      double[] xs = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        xs[i] = Math.scalb(x[i], s);
      }
      KSelectionResult r = KSelection.kMeans(1, 6).seed(1).evaluate(Dataset.wrap(xs, 600, 2));
      assertEquals(plain.recommendedK(), r.recommendedK(), "scale 2^" + s);
      for (Criterion c : r.criteria()) {
        assertEquals(plain.best(c), r.best(c), c + ", scale 2^" + s);
      }
      double[] a = plain.values(Criterion.INERTIA);
      double[] b = r.values(Criterion.INERTIA);
      for (int t = 0; t < a.length; t++) {
        assertEquals(Math.scalb(a[t], 2 * s), b[t], "inertia at k = " + (t + 1) + ", scale 2^" + s);
      }
    }
  }
}
