package io.github.clusterkit.outlier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.outlier.internal.Forest;
import java.util.List;
import java.util.function.Consumer;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Configuration, edge cases, bad input and the checks of a state, each against a closed form or a hand count. */
class IsolationForestApiTest {

  private static void fails(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String part : parts) {
      assertTrue(ex.getMessage().contains(part), "'" + ex.getMessage() + "' should contain '" + part + "'");
    }
  }

  @Test
  void defaultsAreScikitLearns() {
    IsolationForest f = IsolationForest.defaults();
    assertEquals(100, f.trees());
    assertEquals(IsolationForest.AUTO_SAMPLE_SIZE, f.sampleSize());
    assertFalse(f.contamination().isPresent());
    assertEquals(0L, f.seed());
    assertEquals(1, f.parallelism());
    assertEquals(f, IsolationForest.trees(100));
    assertEquals(f.hashCode(), IsolationForest.trees(100).hashCode());
    assertNotEquals(f, f.seed(1));
    assertNotEquals(f, f.contamination(0.1));
    assertEquals(f, f.contamination(0.1).contaminationAuto());
    assertEquals(0.1, f.contamination(0.1).contamination().getAsDouble());
    assertTrue(f.toString().contains("trees=100"));
  }

  @Test
  void badSettingsNameParameterRuleAndValue() {
    fails(() -> IsolationForest.trees(0), "trees must be in [1, 1048576], got 0");
    fails(() -> IsolationForest.defaults().withTrees(-3), "trees", "got -3");
    fails(() -> IsolationForest.defaults().sampleSize(1), "sampleSize must be in [2,", "got 1");
    fails(() -> IsolationForest.defaults().sampleSize(-5), "sampleSize", "got -5");
    fails(() -> IsolationForest.defaults().contamination(Double.NaN), "contamination must be in (0, 0.5], got NaN");
    fails(() -> IsolationForest.defaults().contamination(0), "contamination", "got 0.0");
    fails(() -> IsolationForest.defaults().contamination(0.51), "contamination", "got 0.51");
    fails(() -> IsolationForest.defaults().contamination(-0.1), "contamination", "got -0.1");
    fails(() -> IsolationForest.defaults().contamination(Double.POSITIVE_INFINITY), "contamination", "Infinity");
    fails(() -> IsolationForest.defaults().parallelism(0), "parallelism must be >= 1, got 0");
    fails(() -> IsolationForest.defaults().fit(null), "data must not be null");
    assertEquals(0.5, IsolationForest.defaults().contamination(0.5).contamination().getAsDouble());
  }

  @Test
  void badPointsAndDatasets() {
    IsolationForestModel m = IsolationForest.trees(5).fit(Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 7}}));
    fails(() -> m.score((double[]) null), "point must not be null");
    fails(() -> m.score(new double[] {1}), "point must have dimension 2", "got 1");
    fails(() -> m.score(new double[] {1, Double.NaN}), "point must be finite, got NaN at index 1");
    fails(() -> m.isOutlier(new double[] {Double.NEGATIVE_INFINITY, 0}), "point must be finite");
    fails(() -> m.score((Dataset) null), "data must not be null");
    fails(() -> m.score(Dataset.of(new double[][] {{1}})), "data must have dimension 2", "got 1");
    // Dataset refuses non-finite values itself, so a fit never sees them
    fails(() -> Dataset.of(new double[][] {{1, Double.NaN}}), "NaN");
  }

  @Test
  void sampleSizeIsClampedToTheRows() {
    double[][] rows = new double[50][];
    for (int i = 0; i < 50; i++) {
      rows[i] = new double[] {i * 0.37 % 5, i};
    }
    IsolationForestModel m = IsolationForest.trees(3).sampleSize(1000).fit(Dataset.of(rows));
    assertEquals(50, m.sampleSize());
    assertEquals(50, IsolationForest.trees(3).fit(Dataset.of(rows)).sampleSize(), "auto: min(256, n)");
    assertEquals(20, IsolationForest.trees(3).sampleSize(20).fit(Dataset.of(rows)).sampleSize());
    int[] size = m.state().size();
    int[] starts = m.state().treeStarts();
    for (int t = 0; t < 3; t++) {
      assertEquals(50, size[starts[t]]);
    }
  }

  @Test
  void oneRowScoresOneHalfAsScikitLearn() {
    // scikit-learn 1.2.1: IsolationForest(random_state=0).fit([[4, 2]]) has max_samples_ = 1, c(1) = 0, so the
    // denominator is 0; its np.divide(depths, 0, out=np.ones_like(depths), where=False) leaves 1, negated: 2 ** -1.
    // score_samples([[4, 2], [100, -100]]) = [-0.5, -0.5], predict = [1, 1], offset_ = -0.5 (also with
    // contamination=0.5)
    IsolationForestModel m = IsolationForest.defaults().fit(Dataset.of(new double[][] {{4, 2}}));
    assertEquals(1, m.sampleSize());
    assertArrayEquals(new double[] {0.5}, m.scores());
    assertEquals(0.5, m.score(new double[] {100, -100}));
    assertArrayEquals(new int[0], m.outliers(), "0.5 is not above 0.5");
    assertFalse(m.isOutlier(new double[] {100, -100}));
    IsolationForestModel c = IsolationForest.defaults().contamination(0.5).fit(Dataset.of(new double[][] {{4, 2}}));
    assertEquals(0.5, c.threshold());
    assertArrayEquals(new int[0], c.outliers());
  }

  @Test
  void twoIdenticalRowsScoreExactlyOneHalf() {
    // c(2) = 1: every tree one leaf of 2 rows, path ((0 + 1) + 1) - 1 = 1, score 2^(-T / T) = 0.5, not > 0.5
    IsolationForestModel m = IsolationForest.trees(7).fit(Dataset.of(new double[][] {{3}, {3}}));
    assertArrayEquals(new double[] {0.5, 0.5}, m.scores());
    assertEquals(0, m.outliers().length);
  }

  /**
   * A point beyond the data is not always scored above every training row. One row at 0 and 255 at 10: every tree's
   * root splits at a threshold in [0, 10), the row at 0 is alone in the left leaf (path 1), the 255 others in the right
   * leaf, constant, so a leaf at depth 1 (path 1 + c(255)); a far point at 20 goes right.
   */
  @Test
  void farPointCanScoreBelowAnIsolatedRow() {
    double[][] rows = new double[256][];
    rows[0] = new double[] {0};
    for (int i = 1; i < 256; i++) {
      rows[i] = new double[] {10};
    }
    int trees = 9;
    IsolationForestModel m = IsolationForest.trees(trees).seed(3).fit(Dataset.of(rows));
    double c256 = Forest.averagePathLength(256);
    double isolated = 0;
    double bulk = 0;
    for (int t = 0; t < trees; t++) {
      isolated += ((1 + 1.0) + 0.0) - 1.0;
      bulk += ((1 + 1.0) + Forest.averagePathLength(255)) - 1.0;
    }
    double[] s = m.scores();
    assertEquals(StrictMath.pow(2, -(isolated / (trees * c256))), s[0], 0.0);
    assertEquals(StrictMath.pow(2, -(bulk / (trees * c256))), s[1], 0.0);
    assertEquals(s[1], m.score(new double[] {20}), 0.0);
    assertTrue(m.score(new double[] {20}) < s[0]);
    assertTrue(s[0] > 0.9 && s[1] < 0.5);
  }

  /**
   * A column whose range exceeds the largest double ({@code 1e308 - (-1e308)} overflows): every split must still
   * have a finite threshold in {@code [min, max)} and two non-empty sides, so the model's own state loads again and
   * the two extreme rows, isolated by the first split on them, score above the rest. (scikit-learn 1.2.1 refuses
   * these values: it converts the data to float32, where 1e308 is infinite.)
   */
  @Test
  void rangeBeyondTheLargestDoubleSplitsFinitely() {
    double[][] rows = {{-1e308}, {1e308}, {0}, {5}, {-7}, {1e307}, {3}, {-2}};
    for (long seed = 0; seed < 5; seed++) {
      IsolationForestModel m = IsolationForest.trees(50).seed(seed).fit(Dataset.of(rows));
      IsolationForestModel.State st = m.state();
      for (int v = 0; v < st.size().length; v++) {
        assertTrue(st.size()[v] >= 1, "seed " + seed + ", node " + v + ": size " + st.size()[v]);
        assertTrue(Double.isFinite(st.thresholds()[v]), "seed " + seed + ", node " + v);
      }
      assertEquals(st, IsolationForestModel.fromState(st).state());
      double[] s = m.scores();
      for (int i = 2; i < rows.length; i++) {
        assertTrue(s[0] > s[i] && s[1] > s[i], "seed " + seed + ": row " + i + " " + java.util.Arrays.toString(s));
      }
    }
  }

  /** A hand-made tree: scikit-learn's rule {@code X[i, feature] <= threshold} goes left (its _tree.pyx apply). */
  @Test
  void valueEqualToTheThresholdGoesLeft() {
    IsolationForestModel m = IsolationForestModel.fromState(tree(new int[] {0, -2, -2}, new double[] {1.5, -2, -2},
        new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {4, 1, 3}, 4));
    double c4 = Forest.averagePathLength(4);
    assertEquals(StrictMath.pow(2, -((((1 + 1.0) + 0.0) - 1.0) / c4)), m.score(new double[] {1.5}), 0.0);
    assertEquals(StrictMath.pow(2, -((((1 + 1.0) + Forest.averagePathLength(3)) - 1.0) / c4)),
        m.score(new double[] {Math.nextUp(1.5)}), 0.0);
    assertEquals(m.score(new double[] {-7}), m.score(new double[] {1.5}), 0.0);
  }

  @Test
  void averagePathLengthIsScikitLearns() {
    assertEquals(0.0, Forest.averagePathLength(0));
    assertEquals(0.0, Forest.averagePathLength(1));
    assertEquals(1.0, Forest.averagePathLength(2));
    // scikit-learn 1.2.1: _average_path_length([3, 256]) = [1.2087348..., 10.244770920...]; closed form
    // 2 (ln 2 + gamma) - 4/3 and 2 (ln 255 + gamma) - 510/256
    assertEquals(2 * (Math.log(2) + 0.5772156649015329) - 4.0 / 3, Forest.averagePathLength(3), 1e-15);
    assertEquals(2 * (Math.log(255) + 0.5772156649015329) - 510.0 / 256, Forest.averagePathLength(256), 1e-14);
    assertEquals(8, Forest.depthLimit(256));
    assertEquals(7, Forest.depthLimit(100));
    assertEquals(1, Forest.depthLimit(2));
    assertEquals(1, Forest.depthLimit(1));
    assertEquals(2, Forest.depthLimit(3));
  }

  @Test
  void arraysAreCopiedInAndOut() {
    IsolationForestModel m = IsolationForest.trees(4).seed(2).fit(Dataset.of(new double[][] {{0}, {1}, {5}, {2}}));
    double[] s = m.scores();
    s[0] = 99;
    assertNotEquals(99, m.scores()[0]);
    IsolationForestModel.State st = m.state();
    double[] thr = st.thresholds();
    thr[0] = 1e9;
    assertEquals(m.state(), st);
    int[] left = new int[] {1, -1, -1};
    IsolationForestModel.State hand = tree(new int[] {0, -2, -2}, new double[] {1.5, -2, -2}, left,
        new int[] {2, -1, -1}, new int[] {4, 1, 3}, 4);
    left[0] = 7;
    IsolationForestModel.fromState(hand);
  }

  @Test
  void outliersWithAutoAreTheScoresAboveOneHalf() {
    double[][] rows = new double[101][];
    for (int i = 0; i < 100; i++) {
      rows[i] = new double[] {i % 10, i / 10};
    }
    rows[100] = new double[] {60, -40};
    IsolationForestModel m = IsolationForest.defaults().seed(5).fit(Dataset.of(rows));
    double[] s = m.scores();
    List<Integer> expected = new java.util.ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (s[i] > 0.5) {
        expected.add(i);
      }
    }
    assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), m.outliers());
    assertTrue(expected.contains(100));
    assertTrue(s[100] > 0.7, "far row " + s[100]);
  }

  private static IsolationForestModel.State tree(int[] feature, double[] thr, int[] left, int[] right, int[] size,
      int psi) {
    return new IsolationForestModel.State(1, FittedColumns.defaults(1), psi, OptionalDouble.empty(), 0.5,
        new int[] {0, feature.length}, feature, thr, left, right, size, new double[0]);
  }

  /** A valid two-tree state of dimension 2 and sample size 4, changed by {@code edit} into a corrupted one. */
  private static void corrupt(Consumer<Mutable> edit, String... parts) {
    Mutable s = new Mutable();
    edit.accept(s);
    fails(() -> IsolationForestModel.fromState(s.build()), parts);
  }

  /** Fields of a state, valid as built. */
  static final class Mutable {
    int dimension = 2;
    List<String> names = FittedColumns.defaults(2);
    int sampleSize = 4;
    OptionalDouble contamination = OptionalDouble.empty();
    double threshold = 0.5;
    int[] starts = {0, 5, 8};
    int[] feature = {1, -2, 0, -2, -2, 0, -2, -2};
    double[] thr = {0.5, -2, 3.25, -2, -2, 1.0, -2, -2};
    int[] left = {1, -1, 3, -1, -1, 1, -1, -1};
    int[] right = {2, -1, 4, -1, -1, 2, -1, -1};
    int[] size = {4, 1, 3, 1, 2, 4, 2, 2};
    double[] scores = {};

    IsolationForestModel.State build() {
      return new IsolationForestModel.State(dimension, names, sampleSize, contamination, threshold, starts, feature,
          thr, left, right, size, scores);
    }
  }

  @Test
  void validStateLoads() {
    IsolationForestModel m = IsolationForestModel.fromState(new Mutable().build());
    assertEquals(2, m.trees());
    assertFalse(m.hasScores());
    assertThrows(IllegalStateException.class, m::scores);
    assertThrows(IllegalStateException.class, m::outliers);
    fails(() -> IsolationForestModel.fromState(null), "state must not be null");
  }

  @Test
  void corruptedStatesAreRefused() {
    corrupt(s -> s.dimension = 0, "IsolationForestModel state: dimension must be >= 1, got 0");
    corrupt(s -> s.sampleSize = 0, "sampleSize must be in [1,", "got 0");
    corrupt(s -> s.contamination = OptionalDouble.of(0.7),
        "contamination must be empty (auto) or in (0, 0.5], got 0.7");
    corrupt(s -> s.contamination = OptionalDouble.of(Double.NaN), "contamination", "NaN");
    // a present 0 (or -0.0) is not "auto": the state says auto by an empty value only
    corrupt(s -> s.contamination = OptionalDouble.of(0), "contamination must be empty (auto) or in (0, 0.5], got 0.0");
    corrupt(s -> s.contamination = OptionalDouble.of(-0.0),
        "contamination must be empty (auto) or in (0, 0.5], got -0.0");
    corrupt(s -> s.starts = new int[] {0}, "treeStarts must hold trees + 1 values with at least one tree");
    corrupt(s -> s.starts = new int[] {0, 5, 7}, "treeStarts' last value must be the number of nodes 8, got 7");
    corrupt(s -> s.starts = new int[] {1, 5, 8}, "treeStarts[0] must be 0, got 1");
    corrupt(s -> s.starts = new int[] {0, 5, 5, 8}, "treeStarts must increase", "at tree 1");
    // a boundary beyond the nodes, then back down to their number: refused, not an ArrayIndexOutOfBoundsException
    corrupt(s -> s.starts = new int[] {0, 9, 8}, "treeStarts must increase", "at tree 1");
    corrupt(s -> s.starts = new int[] {0, 12, 8}, "treeStarts must increase", "at tree 1");
    corrupt(s -> s.thr = new double[] {0.5}, "one value per node");
    corrupt(s -> s.left[0] = 9, "children must be in (0, 5)", "got 9 at tree 0, node 0");
    corrupt(s -> s.right[2] = 0, "children must be in (2, 5)", "got 0 at tree 0, node 2");
    corrupt(s -> s.left[2] = 1, "children must be in (2, 5)", "got 1");
    corrupt(s -> {
      s.left[0] = 2;
      s.right[0] = 2;
    }, "a node must have one parent, node 2 has two");
    corrupt(s -> {
      s.right[0] = 3;
      s.size[3] = 3;
    }, "every node must be a child of an earlier node of its tree, node 2 of tree 0 is not");
    corrupt(s -> s.right[5] = -1, "left and right must both be -1 (a leaf) or both children", "at tree 1, node 0");
    corrupt(s -> s.thr[2] = Double.NaN, "threshold must be finite, got NaN at tree 0, node 2");
    corrupt(s -> s.thr[5] = Double.POSITIVE_INFINITY, "threshold must be finite, got Infinity at tree 1, node 0");
    corrupt(s -> s.feature[2] = 2, "feature must be in [0, 2) at an inner node, got 2 at tree 0, node 2");
    corrupt(s -> s.feature[0] = -2, "feature must be in [0, 2)", "got -2");
    corrupt(s -> s.feature[1] = 0, "a leaf must have feature -2 and threshold -2.0, got 0 and -2.0");
    corrupt(s -> s.thr[1] = 0.0, "a leaf must have feature -2 and threshold -2.0, got -2 and 0.0");
    corrupt(s -> s.size[0] = 5, "size of a root must be sampleSize 4, got 5 at tree 0");
    corrupt(s -> {
      s.size[3] = 2;
      s.size[4] = 1;
      s.size[1] = 0;
      s.size[2] = 4;
    }, "children's sizes must be >= 1 and add to the node's 4, got 0 and 4");
    corrupt(s -> s.size[4] = 5, "children's sizes must be >= 1 and add to the node's 3, got 1 and 5");
    corrupt(s -> s.sampleSize = 2, "size of a root must be sampleSize 2, got 4");
    corrupt(s -> {
      // sizes 4 -> (1, 3) -> (1, 2) -> (1, 1): depth 3 where sample size 4 allows ceil(log2 4) = 2
      s.starts = new int[] {0, 7, 10};
      s.feature = new int[] {0, -2, 1, -2, 0, -2, -2, 0, -2, -2};
      s.thr = new double[] {1, -2, 2, -2, 3, -2, -2, 1.0, -2, -2};
      s.left = new int[] {1, -1, 3, -1, 5, -1, -1, 1, -1, -1};
      s.right = new int[] {2, -1, 4, -1, 6, -1, -1, 2, -1, -1};
      s.size = new int[] {4, 1, 3, 1, 2, 1, 1, 4, 2, 2};
    }, "depth must be at most 2 (ceil(log2(sampleSize))), got 3 at tree 0, node 5");
    corrupt(s -> s.scores = new double[] {0.5, 0}, "scores must be in (0, 1], got 0.0 at index 1");
    corrupt(s -> s.scores = new double[] {Double.NaN}, "scores must be in (0, 1], got NaN at index 0");
    corrupt(s -> s.threshold = 0.6, "threshold must be 0.5 with the automatic contamination, got 0.6");
    corrupt(s -> {
      s.contamination = OptionalDouble.of(0.1);
      s.threshold = 1.5;
    }, "threshold must be in (0, 1], got 1.5");
    corrupt(s -> {
      s.contamination = OptionalDouble.of(0.5);
      s.scores = new double[] {0.4, 0.6};
      s.threshold = 0.6;
    }, "threshold must be the one the scores and the contamination give, 0.5, got 0.6");
    corrupt(s -> s.names = List.of("a"), "columnNames must have one name per column (2), got 1");
    assertThrows(IllegalArgumentException.class, () -> new IsolationForestModel.State(1, null, 1,
        OptionalDouble.empty(), 0.5,
        new int[0], new int[0], new double[0], new int[0], new int[0], new int[0], new double[0]));
  }
}
