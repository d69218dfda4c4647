package io.github.clusterkit.eval;

import static io.github.clusterkit.eval.GapStatisticReferenceTest.blocks;
import static io.github.clusterkit.eval.GapStatisticReferenceTest.csv;
import static io.github.clusterkit.eval.GapStatisticReferenceTest.doubles;
import static io.github.clusterkit.eval.GapStatisticReferenceTest.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterStability} against an independent implementation: {@code tools/stability_reference.py} (numpy
 * 1.24.2, scikit-learn 1.2.1's {@code AgglomerativeClustering(linkage="ward")} on both sides, clusterkit's generator
 * ported to draw the same resamples), fixture {@code fixtures/eval/stability_reference.txt}, on three Gaussian blobs
 * ({@code gap_blobs.csv}) with {@code k = 3} and {@code k = 4} under the three resampling schemes. The resample rows,
 * the original labels and every Jaccard coefficient (a ratio of the same two integers on both sides) are equal
 * exactly, and so are the dissolved and recovered counts; the means agree within 1e-15.
 */
class ClusterStabilityReferenceTest {

  @Test
  void equalsTheNumpyPortWithWardOnBothSides() throws IOException {
    Dataset x = Dataset.of(csv("gap_blobs.csv"));
    int cases = 0;
    for (Map<String, String[]> b : blocks("/fixtures/eval/stability_reference.txt")) {
      String[] c = b.get("case");
      Resampling scheme = Resampling.valueOf(c[0]);
      int k = Integer.parseInt(c[2]);
      long seed = Long.parseLong(c[4]);
      int resamples = Integer.parseInt(c[6]);
      String what = String.join(" ", c);
      ClusterStability s = ClusterStability.k(k).resamples(resamples).seed(seed).resampling(scheme)
          .clusterer(Clusterer.ward());
      assertArrayEquals(ints(b.get("rows0")), s.resampleRows(x.size(), 0), what);
      for (int threads : new int[] {1, 4}) {
        StabilityResult r = s.parallelism(threads).evaluate(x);
        assertArrayEquals(ints(b.get("labels")), r.labels(), what);
        assertEquals(b.get("mean").length, r.clusterCount(), what);
        for (int j = 0; j < r.clusterCount(); j++) {
          assertArrayEquals(doubles(b.get("jaccard " + j)), r.jaccards(j), 0.0, what + " cluster " + j);
        }
        assertArrayEquals(doubles(b.get("mean")), r.meanJaccard(), 1e-15, what);
        assertArrayEquals(ints(b.get("dissolved")), r.dissolved(), what);
        assertArrayEquals(ints(b.get("recovered")), r.recovered(), what);
      }
      cases++;
    }
    assertEquals(6, cases);
  }
}
