package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A kernel that takes a run over ({@code takeOver}, AUTO's switch between Hamerly and Elkan) computes every distance
 * in its first pass from the centroids of the moment, which are not the run's reference points: when that pass sums in
 * full, each cluster's reference sum must be the sum over its rows of the squared distance to the reference point
 * (Dist.sq, in row order), not the distance the pass computed. Checked on one pass of each kernel, by rows (below 32
 * columns) and by the blocks' rows (from 32), bit for bit against the sums taken here.
 */
class TakeOverTest {

  @Property(tries = 60)
  void takenOverFullPassSumsTheReferenceDistances(@ForAll long seed, @ForAll @IntRange(min = 3, max = 70) int d,
      @ForAll @IntRange(min = 2, max = 12) int k, @ForAll @IntRange(min = 1, max = 2000) int n,
      @ForAll boolean elkan) {
    Rng rng = new Rng(seed);
    double[] x = new double[n * d];
    for (int j = 0; j < x.length; j++) {
      x[j] = rng.nextGaussian();
    }
    double[] ref = new double[k * d];
    double[] centers = new double[k * d];
    for (int j = 0; j < ref.length; j++) {
      ref[j] = rng.nextGaussian();
      centers[j] = ref[j] + 0.5 * rng.nextGaussian();
    }
    Assigner a = elkan ? new ElkanAssigner(x, n, d, k, null) : new HamerlyAssigner(x, n, d, k, null);
    a.takeOver();
    a.trackReference(ref);
    a.accumulateMoves(false);
    a.prepare(centers, null);
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, -1);
    double[] sum = new double[k * d];
    double[] wsum = new double[2 * k];
    a.assign(0, n, labels, sum, wsum);
    double[] expected = new double[k];
    for (int i = 0; i < n; i++) {
      expected[labels[i]] += Dist.sq(x, i * d, ref, labels[i] * d, d);
    }
    for (int j = 0; j < k; j++) {
      assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(wsum[k + j]),
          "reference sum of cluster " + j);
    }
  }
}
