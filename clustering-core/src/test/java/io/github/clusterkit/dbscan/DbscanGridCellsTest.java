package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The grid path's cells: their side and stencil at the edge of eps, and cells of many points.
 *
 * <p>Cells of many points. Whether two neighbouring cells of core points join is decided by a search
 * for one pair within eps; past 1024 point pairs it tries only the first few points of one cell against the whole
 * other cell plainly, then filters both by bounding boxes. Here each cell holds a tight clump of 33 to 60 points in a
 * corner, so clumps in neighbouring cells are further apart than eps, and a few points drawn anywhere in the cell
 * come last in row order: whether two cells join depends on those late points only. The brute-force definition
 * ({@link DbscanOracle}) is the oracle.
 */
class DbscanGridCellsTest {

  /** Clumps in distinct cells of a 3^d block of grid cells, then late points anywhere in the clumps' cells. */
  static double[][] clumps(long seed, int d, Metric metric, double eps) {
    Rng rng = new Rng(seed);
    // the grid's cell side (Dbscan's class comment): eps / sqrt(d), eps / d or eps, shrunk by 1e-6
    double factor = metric == Metric.EUCLIDEAN ? Math.sqrt(d) : metric == Metric.MANHATTAN ? d : 1;
    double side = eps / factor * (1 - 1e-6);
    int cellsInBlock = (int) Math.pow(3, d);
    int m = 2 + rng.nextInt(Math.min(4, cellsInBlock - 1));
    int[] cells = new int[cellsInBlock];
    for (int c = 0; c < cellsInBlock; c++) {
      cells[c] = c;
    }
    rng.shuffle(cells);
    int[] sizes = new int[m];
    int late = 0;
    int[] lates = new int[m];
    int total = 0;
    for (int c = 0; c < m; c++) {
      sizes[c] = 33 + rng.nextInt(28);
      lates[c] = rng.nextInt(4);
      total += sizes[c] + lates[c];
      late += lates[c];
    }
    double[][] x = new double[total][d];
    int row = 0;
    int lateRow = total - late;
    for (int c = 0; c < m; c++) {
      double[] lo = new double[d];
      double[] corner = new double[d];
      for (int j = 0, t = cells[c]; j < d; j++, t /= 3) {
        // cell origins a little inside the cells, so rounding cannot move a point across a cell edge
        lo[j] = (t % 3) * side + 0.001 * side;
        corner[j] = lo[j] + (rng.nextInt(2) == 0 ? 0.01 : 0.94) * side;
      }
      for (int i = 0; i < sizes[c]; i++, row++) {
        for (int j = 0; j < d; j++) {
          x[row][j] = corner[j] + rng.nextDouble() * 0.04 * side;
        }
      }
      for (int i = 0; i < lates[c]; i++, lateRow++) {
        for (int j = 0; j < d; j++) {
          x[lateRow][j] = lo[j] + rng.nextDouble() * 0.998 * side;
        }
      }
    }
    return x;
  }

  @Property(tries = 120)
  void denseCellsJoinExactlyAsTheDefinitionSays(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 6) int minPts, @ForAll boolean star) {
    Metric metric = DbscanPropertiesTest.metric(seed);
    double eps = 1.0;
    double[][] x = clumps(seed, d, metric, eps);
    Dbscan config = Dbscan.eps(eps).minPts(minPts).metric(metric).borderPointsAsNoise(star);
    DbscanModel grid = config.search(Dbscan.Search.GRID).fit(Dataset.of(x));
    assertEquals(Dbscan.Search.GRID, grid.search());
    DbscanOracle.assertExact(x, metric, eps, minPts, star, grid);
    assertArrayEquals(config.search(Dbscan.Search.BRUTE_FORCE).fit(Dataset.of(x)).labels(), grid.labels());
  }

  /**
   * Cells of many border points beside cells of many core points (over 1024 border-core pairs, where the grid skips
   * core cells by their bounding boxes and takes one copy of a cell of identical points): core clumps of 210 to 260
   * points (a third of them copies of one point) and clumps of 30 to 60 points in other cells, minPts 200, so most of
   * the small clumps' points are border points or noise; against the brute-force definition (nearest core point,
   * smaller label on ties).
   */
  @Property(tries = 60)
  void largeCellsOfBorderPointsMatchTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2) int d,
      @ForAll boolean star) {
    Rng rng = new Rng(seed);
    Metric metric = DbscanPropertiesTest.metric(seed);
    double factor = metric == Metric.EUCLIDEAN ? Math.sqrt(d) : metric == Metric.MANHATTAN ? d : 1;
    double side = 1.0 / factor * (1 - 1e-6);
    int block = d == 1 ? 3 : 9;
    int[] cells = new int[block];
    for (int c = 0; c < block; c++) {
      cells[c] = c;
    }
    rng.shuffle(cells);
    int cores = 1 + rng.nextInt(2);
    int borders = 1 + rng.nextInt(Math.min(2, block - cores));
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int q = 0; q < cores + borders; q++) {
      boolean core = q < cores;
      int size = core ? 210 + rng.nextInt(51) : 30 + rng.nextInt(31);
      boolean copies = core && rng.nextInt(3) == 0;
      double width = core ? 0.5 : 0.1;
      double[] lo = new double[d];
      for (int j = 0, t = cells[q]; j < d; j++, t /= 3) {
        lo[j] = (t % 3) * side + 0.001 * side + rng.nextDouble() * (0.997 - width) * side;
      }
      double[] one = new double[d];
      for (int j = 0; j < d; j++) {
        one[j] = lo[j] + rng.nextDouble() * width * side;
      }
      for (int i = 0; i < size; i++) {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
          r[j] = copies ? one[j] : lo[j] + rng.nextDouble() * width * side;
        }
        rows.add(r);
      }
    }
    double[][] x = rows.toArray(new double[0][]);
    Dbscan config = Dbscan.eps(1.0).minPts(200).metric(metric).borderPointsAsNoise(star);
    DbscanModel grid = config.search(Dbscan.Search.GRID).fit(Dataset.of(x));
    assertEquals(Dbscan.Search.GRID, grid.search());
    DbscanOracle.assertExact(x, metric, 1.0, 200, star, grid);
  }

  /**
   * The cases by hand, in one dimension (eps 1, cell side 1 - 1e-6): clumps of 40 points at [0, 0.04] (cell 0) and
   * [1.90, 1.94] (cell 1), 1.86 apart; a last point of cell 0 at 0.95 is within eps of the second clump (0.95 from
   * 1.90) and joins the two, one at 0.85 is not (1.05 away) and leaves two clusters; without a late point the
   * bounding boxes alone show that no pair can be within eps.
   */
  @Test
  void lateBridgePointDecidesByHand() {
    for (double bridge : new double[] {0.95, 0.85, Double.NaN}) {
      int n = Double.isNaN(bridge) ? 80 : 81;
      double[][] x = new double[n][1];
      for (int i = 0; i < 40; i++) {
        x[i][0] = i * 0.001;
        x[40 + i][0] = 1.90 + i * 0.001;
      }
      if (n == 81) {
        x[80][0] = bridge;
      }
      DbscanModel m = Dbscan.eps(1.0).minPts(3).search(Dbscan.Search.GRID).fit(Dataset.of(x));
      assertEquals(bridge == 0.95 ? 1 : 2, m.clusterCount(), "bridge " + bridge);
      assertEquals(0, m.noiseCount());
      int[] labels = m.labels();
      assertTrue(labels[0] == 0 && labels[79] == (bridge == 0.95 ? 0 : 1), "bridge " + bridge);
    }
  }

  /**
   * The cell side at the edge: two points just over eps apart (relative 5e-7) along a cell's diagonal (Euclidean,
   * Manhattan) or axis (Chebyshev) fall into different cells, so neither is counted as the other's neighbour (with
   * minPts 2 both are noise); two points just within eps are one cluster. A side without its 1e-6 shrink (or larger)
   * puts the first pair into one cell, whose points are all taken to be within eps. Distances by hand: the
   * Euclidean pair (0, 0), (t, t) with t = (1 + 5e-7) / sqrt(2) is 1 + 5e-7 apart; in 3-D t = (1 + 5e-7) / sqrt(3);
   * the Manhattan pair with t = (1 + 5e-7) / 2 also; the Chebyshev pair (0, 0), (1 + 5e-7, 0).
   */
  @Test
  void pointsJustBeyondEpsNeverShareACell() {
    for (double f : new double[] {1 + 5e-7, 1 - 5e-7}) {
      double[][][] pairs = {
          {{0, 0}, {f / Math.sqrt(2), f / Math.sqrt(2)}},
          {{0, 0, 0}, {f / Math.sqrt(3), f / Math.sqrt(3), f / Math.sqrt(3)}},
          {{0, 0}, {f / 2, f / 2}},
          {{0, 0}, {f, 0}}};
      Metric[] metrics = {Metric.EUCLIDEAN, Metric.EUCLIDEAN, Metric.MANHATTAN, Metric.CHEBYSHEV};
      for (int p = 0; p < pairs.length; p++) {
        DbscanModel m = Dbscan.eps(1.0).minPts(2).metric(metrics[p]).search(Dbscan.Search.GRID)
            .fit(Dataset.of(pairs[p]));
        String what = metrics[p] + " in " + pairs[p][0].length + "-D at " + f + " eps";
        assertEquals(Dbscan.Search.GRID, m.search());
        assertArrayEquals(f > 1 ? new int[] {-1, -1} : new int[] {0, 0}, m.labels(), what);
      }
    }
  }

  /**
   * The stencil reaches two cells along an axis when a pair there can be within eps. In 1-D with eps 1 the side is
   * 0.999999; the points 0, 0.9999985 (cell 0) and 1.9999982 (cell 2, from 1.999998) form one cluster with minPts 2:
   * the last two are 0.9999997 apart, the lowest cell gap between cells 0 and 2 being one side. By hand.
   */
  @Test
  void stencilReachesCellsTwoApart() {
    double[][] x = {{0}, {0.9999985}, {1.9999982}};
    DbscanModel m = Dbscan.eps(1.0).minPts(2).search(Dbscan.Search.GRID).fit(Dataset.of(x));
    assertArrayEquals(new int[] {0, 0, 0}, m.labels());
    assertArrayEquals(new boolean[] {true, true, true}, m.coreMask());
  }
}
