package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The grid path on a few distinct rows with huge numbers of copies, below minPts per grid cell. */
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
}
