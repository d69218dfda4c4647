package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import org.junit.jupiter.api.Test;

/**
 * An eps whose square underflows at the data's scale (below about 1.5e-154 for data near 1, which is not rescaled):
 * the grid and the KD-tree engine compared squared distances that underflowed as well, so rows 2e-200 apart were
 * within eps = 1e-200 (0 <= 0) for AUTO, GRID and KD_TREE, while BRUTE_FORCE (the neighbour index's exact path) left
 * them noise; found by a differential audit against exact arithmetic. Every search now gives the exact answer.
 * Expected labels by hand: the only close pair is 2e-200 apart (more than eps: all noise), or 5e-201 apart (within
 * eps: one cluster of the two, the row at 1 noise).
 */
class DbscanTinyEpsTest {

  private static final Dbscan.Search[] SEARCHES = Dbscan.Search.values();

  @Test
  void rowsBeyondATinyEpsAreNoiseWhateverTheSearch() {
    Dataset x = Dataset.of(new double[][] {{0.0}, {2e-200}, {1.0}});
    for (Metric metric : Metric.values()) {
      for (Dbscan.Search s : SEARCHES) {
        for (int threads = 1; threads <= 2; threads++) {
          DbscanModel m = Dbscan.eps(1e-200).minPts(2).metric(metric).search(s).parallelism(threads).fit(x);
          String what = metric + " " + s + " threads " + threads;
          assertArrayEquals(new int[] {-1, -1, -1}, m.labels(), what);
          assertEquals(0, m.clusterCount(), what);
        }
      }
    }
  }

  @Test
  void rowsWithinATinyEpsClusterWhateverTheSearch() {
    Dataset x = Dataset.of(new double[][] {{0.0}, {5e-201}, {1.0}, {1.0 + 0x1p-52}});
    for (Dbscan.Search s : SEARCHES) {
      DbscanModel m = Dbscan.eps(1e-200).minPts(2).search(s).fit(x);
      assertArrayEquals(new int[] {0, 0, -1, -1}, m.labels(), s.toString());
      // two rows 1e-200 apart in two columns (gaps 6e-201 and 8e-201, a 3-4-5 triangle; by hand), eps just above
      // and just below that distance
      Dataset y = Dataset.of(new double[][] {{0.0, 0.0}, {6e-201, 8e-201}, {1.0, 0.0}});
      assertArrayEquals(new int[] {-1, -1, -1}, Dbscan.eps(0.9999999e-200).minPts(2).search(s).fit(y).labels(),
          "2-d, eps below " + s);
      DbscanModel my = Dbscan.eps(1.0000001e-200).minPts(2).search(s).fit(y);
      assertArrayEquals(new int[] {0, 0, -1}, my.labels(), "2-d " + s);
    }
  }
}
