package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.testutil.SharedData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ELKI's published DBSCAN figures (ELKI's DBSCANTest, quoted in the shared data's DATA.md): sorted cluster
 * sizes with the noise set counted as one cluster, and ELKI's pair-counting F1 against the file's labels
 * (noise is one more label), asserted by ELKI with tolerance 1e-4.
 */
class DbscanElkiTest {

  /**
   * ELKI's pair-counting F1 as DATA.md states it: {@code 2 sum n_ij^2 / (sum a_i^2 + sum b_j^2)}, ordered
   * pairs with self-pairs, each noise set as one cluster.
   */
  static double pairF1(int[] a, int[] b) {
    Map<Long, Long> nij = new HashMap<>();
    Map<Integer, Long> ai = new HashMap<>();
    Map<Integer, Long> bj = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      nij.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1L, Long::sum);
      ai.merge(a[i], 1L, Long::sum);
      bj.merge(b[i], 1L, Long::sum);
    }
    double num = 0;
    for (long v : nij.values()) {
      num += (double) v * v;
    }
    double den = 0;
    for (long v : ai.values()) {
      den += (double) v * v;
    }
    for (long v : bj.values()) {
      den += (double) v * v;
    }
    return 2 * num / den;
  }

  static int[] sortedSizesWithNoise(DbscanModel m) {
    int[] sizes = Arrays.copyOf(m.clusterSizes(), m.clusterCount() + 1);
    sizes[m.clusterCount()] = m.noiseCount();
    Arrays.sort(sizes);
    return sizes;
  }

  @Test
  void threeClustersAndNoise() {
    SharedData.Labelled s = SharedData.elki("3clusters-and-noise-2d.csv", 2);
    for (Dbscan.Search search : Dbscan.Search.values()) {
      DbscanModel m = Dbscan.eps(0.04).minPts(20).search(search).fit(Dataset.of(s.x));
      // ELKI DBSCANTest: sizes {29 (noise), 50, 101, 150}, F1 0.996413 (tolerance 1e-4)
      assertArrayEquals(new int[] {29, 50, 101, 150}, sortedSizesWithNoise(m), search.toString());
      assertEquals(0.996413, pairF1(m.labels(), s.labels), 1e-4, search.toString());
    }
  }

  @Test
  void singleLinkEffect() {
    SharedData.Labelled s = SharedData.elki("single-link-effect.ascii", 2);
    for (Dbscan.Search search : Dbscan.Search.values()) {
      DbscanModel m = Dbscan.eps(11.5).minPts(120).search(search).fit(Dataset.of(s.x));
      // ELKI DBSCANTest: sizes {11 (noise), 200, 203, 224}, F1 0.954382 (tolerance 1e-4)
      assertArrayEquals(new int[] {11, 200, 203, 224}, sortedSizesWithNoise(m), search.toString());
      assertEquals(0.954382, pairF1(m.labels(), s.labels), 1e-4, search.toString());
    }
  }

  @Test
  void pairF1OfIdenticalPartitionsIsOne() {
    // exact: n_ij is diagonal, so 2 sum a_i^2 / (2 sum a_i^2) = 1; and for {0,0,1} vs {0,1,1}:
    // n = {1,1,0,1} -> 2*3 / ((4+1) + (1+4)) = 0.6
    assertEquals(1.0, pairF1(new int[] {0, 0, 1, -1}, new int[] {5, 5, 7, 9}), 0);
    assertEquals(0.6, pairF1(new int[] {0, 0, 1}, new int[] {0, 1, 1}), 1e-15);
  }
}
