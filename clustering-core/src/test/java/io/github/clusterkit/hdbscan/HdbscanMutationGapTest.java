package io.github.clusterkit.hdbscan;

import static io.github.clusterkit.hdbscan.HdbscanHandTest.assertMessage;
import static io.github.clusterkit.hdbscan.HdbscanHandTest.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases that PIT's mutation audit of 2026-11-29 (HDBSCAN*) found no test for: a tie of excess of mass, a cluster
 * born exactly at the selection radius, a parent whose children are fewer than those of a cluster selected before
 * it, a new point joining exactly at a cluster's birth, DBSCAN* labels of scaled data, and a far point with
 * {@code minSamples} equal to the rows. Every expectation is worked out by hand in the comments (one column,
 * minSamples 1 unless stated, so the mutual reachability is the distance; every weight and lambda below is exact).
 */
class HdbscanMutationGapTest {

  /**
   * A = {0, 1, 2}, six single rows 4, 6, ..., 14, B = {16, 17, 18} (consecutive gaps 2, 1 inside the triples) make X;
   * Y = {22, 23, 24}, 4 from X. minClusterSize 3. The root splits at 4 into X and Y (born at lambda 1/4). At 2 X
   * splits into A and B (born at 1/2) while the six single rows fall out: X's stability is 6 (1/2 - 1/4) + 6 (1/2 -
   * 1/4) = 3; A and B end at 1, 3 (1 - 1/2) = 3/2 each, 3 together: a tie, which keeps the parent (scikit-learn's
   * {@code _tree.pyx}: the children win only with a strictly larger sum; tools/hdbscan_reference.py alike).
   */
  static final double[] TIE = {0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 17, 18, 22, 23, 24};

  @Test
  void aTieOfExcessOfMassKeepsTheParent() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(TIE));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, m.labels());
    // A's rows leave A at 1, above X's death 1/2: probability 1; the single rows leave X at its death 1/2: 1
    double[] ones = new double[TIE.length];
    java.util.Arrays.fill(ones, 1.0);
    assertArrayEquals(ones, m.probabilities(), 0.0);
    // the single rows: (deepest lambda of X's subtree, 1, - 1/2) / 1
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0}, m.outlierScores(),
        0.0);
    // stabilities by label: X 3, Y 3 (1 - 1/4) = 9/4
    assertArrayEquals(new double[] {3, 2.25}, m.internalTree().stabilities, 0.0);
  }

  /**
   * The same rows under leaf selection: A, B and Y. A and B are born at radius 2 (lambda 1/2): a selection radius of
   * exactly 2 keeps them (only a radius strictly above a cluster's birth radius moves it up, as scikit-learn's
   * {@code epsilon_search} and tools/hdbscan_options_reference.py state); 2.5 replaces them by X, born at radius 4.
   */
  @Test
  void aClusterBornExactlyAtTheSelectionRadiusStays() {
    Hdbscan leaf = Hdbscan.minClusterSize(3).minSamples(1).selection(Hdbscan.Selection.LEAF);
    int[] leaves = {0, 0, 0, -1, -1, -1, -1, -1, -1, 1, 1, 1, 2, 2, 2};
    assertArrayEquals(leaves, leaf.fit(column(TIE)).labels());
    assertArrayEquals(leaves, leaf.clusterSelectionEpsilon(2).fit(column(TIE)).labels());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1},
        leaf.clusterSelectionEpsilon(2.5).fit(column(TIE)).labels());
  }

  /**
   * X = {0, 1, 2, 3.5, 4.5, 5.5} and Y = three triples 2 apart from 11.5 on, 6 from X. The root splits at 6 (lambda
   * 1/6). X splits at 1.5 into two triples: its own stability 6 (2/3 - 1/6) = 3 against the triples' 3 (1 - 2/3) = 1
   * each, 2: X is kept. Y splits at 2 into three triples: 9 (1/2 - 1/6) = 3 against 3 (1 - 1/2) = 3/2 each, 4.5: the
   * triples are kept. The sum over X's two children must not read a third entry left from Y's three; mirrored, the
   * two clusters are met in the other order.
   */
  @Test
  void aParentsChildrenAreSummedAloneAfterALargerFamily() {
    double[] v = {0, 1, 2, 3.5, 4.5, 5.5, 11.5, 12.5, 13.5, 15.5, 16.5, 17.5, 19.5, 20.5, 21.5};
    Hdbscan config = Hdbscan.minClusterSize(3).minSamples(1);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}, config.fit(column(v)).labels());
    double[] mirrored = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      mirrored[i] = -v[i];
    }
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3},
        config.fit(column(mirrored)).labels());
  }

  /**
   * Rows 0, 1, 2 | 10, 11, 12 and 5 (minClusterSize 3; HdbscanHandTest#bridgeRowLeavesItsClusterEarly): A and B are
   * born at weight 5, lambda 1/5, and end at 1. The point 17 joins row 12 (row 5) at mutual reachability max(5, 0, 5)
   * = 5, lambda 1/5: not above B's birth, so it leaves from the root (the Javadoc: "the innermost cluster on q's path
   * born at a smaller lambda"): noise, probability 0, score (1 - 1/5) / 1. The point 16.5 joins at 4.5, inside B:
   * label 1, probability (1 / 4.5) / 1.
   */
  @Test
  void aPointJoiningExactlyAtAClustersBirthLeavesFromItsParent() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(0, 1, 2, 10, 11, 12, 5));
    assertEquals(new HdbscanModel.Membership(-1, 0.0, (1 - 1.0 / 5) / 1, 5), m.membership(new double[] {17}));
    assertEquals(new HdbscanModel.Membership(1, 1 / 4.5, (1 - 1 / 4.5) / 1, 5), m.membership(new double[] {16.5}));
  }

  /**
   * DBSCAN* labels are cut at a radius in the data's units, also where the fit scaled the rows (data near 2^830,
   * scaled by a power of two): rows 0, 1, 2, 10, 11, 12, 5 times 2^830, minSamples 1 (every row core). By hand at
   * eps 0.5, 1, 3 and 5 (times 2^830): every row alone; {0, 1, 2}, {10, 11, 12}, {5}; row 5 joins the first triple
   * (gap 3); everything (gap 5).
   */
  @Test
  void dbscanLabelsOfScaledDataAreCutInTheDataUnits() {
    double[] v = {0, 1, 2, 10, 11, 12, 5};
    double[] big = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      big[i] = Math.scalb(v[i], 830);
    }
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(column(big));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, m.dbscanLabels(Math.scalb(0.5, 830)));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2}, m.dbscanLabels(Math.scalb(1.0, 830)));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0}, m.dbscanLabels(Math.scalb(3.0, 830)));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0}, m.dbscanLabels(Math.scalb(5.0, 830)));
  }

  /**
   * A point whose distances overflow at the data's scale is placed by a scan of every row; with minSamples equal to
   * the rows its core distance is the farthest row's (the 7th of 7). It is noise (its lambda, below 1e-160, is below
   * every birth), probability 0, score 1 (rounded), through row 0 (every distance rounds to the same value).
   */
  @Test
  void aFarPointWithMinSamplesEqualToTheRowsIsNoise() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(7).fit(column(0, 1, 2, 10, 11, 12, 5));
    assertEquals(new HdbscanModel.Membership(-1, 0.0, 1.0, 0), m.membership(new double[] {1e160}));
    assertArrayEquals(new int[] {-1}, m.predict(column(-1e200)));
  }

  @Test
  void oneThreadIsAValidParallelism() {
    assertEquals(1, Hdbscan.minClusterSize(2).parallelism(4).parallelism(1).parallelism());
    org.junit.jupiter.api.Assertions.assertNotEquals(Hdbscan.minClusterSize(2), (Object) "Hdbscan");
  }

  /** predict(Dataset) checks the column names as DbscanModel's does (FittedColumns). */
  @Test
  void predictRefusesOtherColumnNames() {
    double[][] rows = {{0, 0}, {1, 1}, {2, 2}, {10, 10}, {11, 11}, {12, 12}};
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(Dataset.of(rows, List.of("income", "spending")));
    assertMessage("points' columns must match the columns the model was fitted on: fitted on [income, spending], got"
        + " [spending, income]", () -> m.predict(Dataset.of(rows, List.of("spending", "income"))));
    assertArrayEquals(m.labels(), m.predict(Dataset.of(rows, List.of("income", "spending"))));
  }

  /**
   * Accessors, {@code toString} and {@code equals} against another type, which no test of the package called (PIT
   * found them without coverage): the bridge rows of HdbscanHandTest in two columns (the second 0), so the state's
   * row count (14 values over 2 columns) differs from its value count.
   */
  @Test
  void accessorsAndTextsOfTheModelItsStateAndAMembership() {
    double[] v = {0, 1, 2, 10, 11, 12, 5};
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i], 0};
    }
    Hdbscan config = Hdbscan.minClusterSize(3).minSamples(1);
    HdbscanModel m = config.fit(Dataset.of(rows));
    assertEquals(config, m.config());
    assertEquals(7, m.size());
    assertEquals(2, m.dimension());
    assertEquals(io.github.clusterkit.neighbors.Metric.EUCLIDEAN, m.metric());
    assertEquals("HdbscanModel[rows=7, dimension=2, clusters=2, noise=0, Hdbscan[minClusterSize=3, minSamples=1,"
        + " selection=EOM, metric=EUCLIDEAN, parallelism=1]]", m.toString());
    org.junit.jupiter.api.Assertions.assertNotEquals(m, (Object) "HdbscanModel");
    HdbscanModel.State s = m.state();
    assertEquals(3, s.minClusterSize());
    assertEquals(1, s.minSamples());
    assertEquals(Hdbscan.Selection.EOM, s.selection());
    assertEquals(io.github.clusterkit.neighbors.Metric.EUCLIDEAN, s.metric());
    assertEquals(false, s.allowSingleCluster());
    assertEquals(0.0, s.clusterSelectionEpsilon(), 0.0);
    assertEquals(2, s.dimension());
    assertEquals("HdbscanModel.State[minClusterSize=3, minSamples=1, selection=EOM, metric=EUCLIDEAN,"
        + " allowSingleCluster=false, clusterSelectionEpsilon=0.0, rows=7, dimension=2]", s.toString());
    org.junit.jupiter.api.Assertions.assertNotEquals(s, (Object) "State");
    HdbscanModel.State t = config.allowSingleCluster(true).clusterSelectionEpsilon(0.5).fit(Dataset.of(rows)).state();
    assertEquals(true, t.allowSingleCluster());
    assertEquals(0.5, t.clusterSelectionEpsilon(), 0.0);
    assertEquals(s.hashCode(), m.state().hashCode());
    // row 0 given again: through itself, label 0, probability 1, score 0
    HdbscanModel.Membership a = m.membership(new double[] {0, 0});
    assertEquals("Membership[label=0, probability=1.0, outlierScore=0.0, nearestRow=0]", a.toString());
    assertEquals(a.hashCode(), new HdbscanModel.Membership(0, 1.0, 0.0, 0).hashCode());
    org.junit.jupiter.api.Assertions.assertNotEquals(a, (Object) "Membership");
    org.junit.jupiter.api.Assertions.assertNotEquals(a, new HdbscanModel.Membership(0, 1.0, 0.0, 1));
    org.junit.jupiter.api.Assertions.assertNotEquals(a, new HdbscanModel.Membership(0, 1.0, 0.5, 0));
  }
}
