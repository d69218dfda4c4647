package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both paths on a few distinct rows with huge numbers of copies, below minPts per grid cell or tree leaf. */
class DbscanGridDuplicatesTest {

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void neighbouringCellsOfCopiesAreCountedWholeNotPointByPoint() {
    // 100,000 copies each of A = (0, 0) and B = (0.4, 0), 40,000 of C = (1.2, 0); eps 0.5, minPts 150,000. A and
    // B (0.4 apart) each need the other's cell to reach minPts; C is 0.8 from B. The core test counted the
    // neighbouring cells point by point: about 1.4e10 distances (about 30 s); now a cell wholly within eps of a
    // point is counted at once and one wholly beyond it skipped. The timeout is a safety net only.
    int n = 240_000;
    double[] x = new double[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i < 100_000 ? 0 : (i < 200_000 ? 0.4 : 1.2);
    }
    Dbscan config = Dbscan.eps(0.5).minPts(150_000);
    for (int threads = 1; threads <= 2; threads++) {
      DbscanModel m = config.parallelism(threads).fit(Dataset.wrap(x, n, 2));
      // exact computation: A and B rows have 200,000 rows within eps (core, one cluster); C rows have 40,000
      // and no core row within eps (noise)
      assertEquals(Dbscan.Search.GRID, m.search());
      assertEquals(200_000, m.coreCount(), threads + " threads");
      assertArrayEquals(new int[] {200_000}, m.clusterSizes(), threads + " threads");
      assertEquals(40_000, m.noiseCount(), threads + " threads");
      assertEquals(-1, m.labels()[n - 1], threads + " threads");
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void borderCopiesOfOnePointLookAtOneCoreCopyOnTheGrid() {
    assertBorderCopies(2, Dbscan.Search.GRID);
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.SECONDS)
  void borderCopiesOfOnePointLookAtOneCoreCopyOnTheTree() {
    assertBorderCopies(4, Dbscan.Search.KD_TREE);
  }

  /**
   * 40,000 copies of A = 0, 50,000 of B = 0.4 e1, 20,000 of C = -0.4 e1; eps 0.5, minPts 100,000: A has 110,000
   * rows within eps (core), B 90,000 and C 60,000 (border rows of A's cluster). Each border row measured every core
   * copy of A for its nearest core point: 2.8e9 distances, about 6 s on the grid and 10 s on the tree; now one copy,
   * well under a second (the timeouts are safety nets only).
   */
  private static void assertBorderCopies(int d, Dbscan.Search search) {
    int n = 110_000;
    double[] x = new double[n * d];
    for (int i = 40_000; i < n; i++) {
      x[i * d] = i < 90_000 ? 0.4 : -0.4;
    }
    DbscanModel m = Dbscan.eps(0.5).minPts(100_000).search(search).fit(Dataset.wrap(x, n, d));
    // exact computation (counts above); labels by the nearest core row, which is A for every row
    assertEquals(search, m.search());
    assertEquals(40_000, m.coreCount());
    assertArrayEquals(new int[] {n}, m.clusterSizes());
    assertEquals(0, m.labels()[n - 1]);
  }
}
