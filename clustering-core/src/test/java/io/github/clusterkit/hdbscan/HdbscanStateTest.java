package io.github.clusterkit.hdbscan;

import static io.github.clusterkit.hdbscan.HdbscanHandTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link HdbscanModel#state()} and {@link HdbscanModel#fromState(HdbscanModel.State)}. */
class HdbscanStateTest {

  @Property(tries = 30)
  void stateRoundTripIsTheSameModel(@ForAll long seed, @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d) {
    double[][] x = HdbscanPropertiesTest.data(seed, n, d);
    HdbscanModel m = HdbscanPropertiesTest.optionsConfig(seed, n, x).fit(Dataset.of(x));
    HdbscanModel back = HdbscanModel.fromState(m.state());
    assertEquals(m, back);
    assertEquals(m.state(), back.state());
    double[] q = x[0].clone();
    q[0] += 0.25;
    assertEquals(m.membership(q), back.membership(q));
  }

  @Test
  void namesAndExtremeScaleSurvive() {
    double[][] x = {{1e250, 0}, {1.1e250, 0}, {1.2e250, 0}, {5e250, 0}, {5.1e250, 0}, {5.2e250, 0}};
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1).fit(Dataset.of(x, List.of("a", "b")));
    HdbscanModel.State s = m.state();
    assertArrayEquals(new double[] {1e250, 0, 1.1e250, 0, 1.2e250, 0, 5e250, 0, 5.1e250, 0, 5.2e250, 0}, s.rows(),
        0.0);
    assertEquals(List.of("a", "b"), s.columnNames());
    assertEquals(m, HdbscanModel.fromState(s));
  }

  /**
   * A model fitted without names keeps the placeholders as such through its state: before, the constructor copied them
   * into a list of given names "x0", "x1", so the state (and a model file) carried given names, and the model rebuilt
   * from it refused data whose columns were named otherwise, which the fitted model accepted.
   */
  @Test
  void placeholderNamesStayPlaceholders() {
    double[][] x = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}};
    HdbscanModel m = Hdbscan.minClusterSize(3).fit(Dataset.of(x));
    HdbscanModel.State s = m.state();
    assertEquals(true, io.github.clusterkit.internal.FittedColumns.areDefault(s.columnNames()));
    HdbscanModel back = HdbscanModel.fromState(s);
    assertEquals(true, io.github.clusterkit.internal.FittedColumns.areDefault(back.columnNames()));
    Dataset named = Dataset.of(x, List.of("income", "spending"));
    assertArrayEquals(m.predict(named), back.predict(named));
    // given names that read like the placeholders are given names: such a model is another model
    HdbscanModel given = Hdbscan.minClusterSize(3).fit(Dataset.of(x, List.of("x0", "x1")));
    org.junit.jupiter.api.Assertions.assertNotEquals(m, given);
    org.junit.jupiter.api.Assertions.assertNotEquals(s, given.state());
  }

  /**
   * Two fits of translated rows (0, 1, 2, 10, 11, 12, 5 and the same plus 100: every distance the same integer) have
   * the same labels, probabilities, scores and core distances, but place new points differently (0.5 is in cluster 0
   * of the first, far from every row of the second): they are not equal, and neither are their states. Before the
   * fix equals compared the per-row outputs only.
   */
  @Test
  void modelsOfOtherRowsAreNotEqual() {
    Hdbscan config = Hdbscan.minClusterSize(3).minSamples(1);
    HdbscanModel a = config.fit(HdbscanHandTest.column(0, 1, 2, 10, 11, 12, 5));
    HdbscanModel b = config.fit(HdbscanHandTest.column(100, 101, 102, 110, 111, 112, 105));
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.probabilities(), b.probabilities(), 0.0);
    assertArrayEquals(a.outlierScores(), b.outlierScores(), 0.0);
    assertArrayEquals(a.coreDistances(), b.coreDistances(), 0.0);
    assertEquals(0, a.predict(new double[] {0.5}));
    assertEquals(-1, b.predict(new double[] {0.5}));
    org.junit.jupiter.api.Assertions.assertNotEquals(a.state(), b.state());
    org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
    assertEquals(a, config.parallelism(2).fit(HdbscanHandTest.column(0, 1, 2, 10, 11, 12, 5)));
  }

  @Test
  void refusesBrokenStates() {
    HdbscanModel m = Hdbscan.minClusterSize(3).minSamples(1)
        .fit(HdbscanHandTest.column(0, 1, 2, 10, 11, 12, 5));
    HdbscanModel.State s = m.state();
    assertMessage("state must not be null", () -> HdbscanModel.fromState(null));
    assertMessage("labels must be those of a fit of the rows with the state's settings; row 6 has label 1, the fit"
        + " gives 0 (altered or from another version)", () -> HdbscanModel.fromState(new HdbscanModel.State(3, 1,
            Hdbscan.Selection.EOM, Metric.EUCLIDEAN, 1, s.columnNames(), s.rows(), new int[] {0, 0, 0, 1, 1, 1, 1})));
    assertMessage("labels must have one entry per row (7), got 2", () -> HdbscanModel.fromState(
        new HdbscanModel.State(3, 1, Hdbscan.Selection.EOM, Metric.EUCLIDEAN, 1, s.columnNames(), s.rows(),
            new int[] {0, 0})));
    assertMessage("rows must hold a multiple of dimension 2 values, got 7", () -> HdbscanModel.fromState(
        new HdbscanModel.State(3, 1, Hdbscan.Selection.EOM, Metric.EUCLIDEAN, 2, List.of("x0", "x1"), s.rows(),
            s.labels())));
    assertMessage("minClusterSize must be >= 2, got 1", () -> HdbscanModel.fromState(new HdbscanModel.State(1, 1,
        Hdbscan.Selection.EOM, Metric.EUCLIDEAN, 1, s.columnNames(), s.rows(), s.labels())));
    assertMessage("dimension must be >= 1, got 0", () -> HdbscanModel.fromState(new HdbscanModel.State(3, 1,
        Hdbscan.Selection.EOM, Metric.EUCLIDEAN, 0, s.columnNames(), s.rows(), s.labels())));
    double[] bad = s.rows();
    bad[2] = Double.NaN;
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> HdbscanModel.fromState(
        new HdbscanModel.State(3, 1, Hdbscan.Selection.EOM, Metric.EUCLIDEAN, 1, s.columnNames(), bad,
            s.labels())));
  }
}
