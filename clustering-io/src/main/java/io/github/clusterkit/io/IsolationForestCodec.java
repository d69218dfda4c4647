package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The {@code "isolationForest"} kind: an {@link IsolationForestModel}, mapped through
 * {@link IsolationForestModel.State}.
 *
 * <pre>
 * parameters: { "trees": 100, "sampleSize": 256, "contamination": "auto" }       (or a number in (0, 0.5])
 * state: { "dimension": d, "threshold": 0.5,
 *          "trees": [ { "feature": [...], "threshold": [...], "left": [...], "right": [...], "size": [...] } ],
 *          "scores": [n training scores, may be empty], "columnNames": [d names] }
 * </pre>
 *
 * <p>Each tree is scikit-learn's {@code tree_} of the same forest: per node, in depth-first order from the root,
 * {@code feature} ({@code -2} for a leaf), {@code threshold} ({@code -2.0} for a leaf), {@code left} and
 * {@code right} ({@code children_left}, {@code children_right}: indices within the tree, {@code -1} for a leaf) and
 * {@code size} ({@code n_node_samples}); the five arrays of a tree have one value per node. {@code "trees"} of the
 * parameters must be the number of trees of the state. {@code columnNames} is written only when the names were given,
 * as for the other kinds, and optional on reading. Every rule of {@link IsolationForestModel#fromState} applies on
 * loading: children out of range or before their parent (so cycles), nodes with two parents or none, non-finite
 * thresholds, features out of range, sizes that do not add up, trees deeper than the sample size allows, scores
 * outside {@code (0, 1]}, a threshold other than the one the scores give, are refused with the tree and node. About
 * 30 bytes per node (a forest of 100 trees of 256 rows, about 1.4 * 10^4 nodes in all: some 400 KB) and 20 per
 * training score.
 */
final class IsolationForestCodec implements ModelCodec<IsolationForestModel> {

  private static final String[] TREE_FIELDS = {"feature", "threshold", "left", "right", "size"};

  @Override
  public String kind() {
    return "isolationForest";
  }

  @Override
  public Class<IsolationForestModel> type() {
    return IsolationForestModel.class;
  }

  @Override
  public ObjectNode parameters(IsolationForestModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("trees", m.trees());
    p.put("sampleSize", m.sampleSize());
    Nodes.putContamination(p, m.contamination());
    return p;
  }

  @Override
  public ObjectNode state(IsolationForestModel m) {
    IsolationForestModel.State s = m.state();
    ObjectNode o = NODES.objectNode();
    o.put("dimension", s.dimension());
    o.put("threshold", s.threshold());
    ArrayNode trees = o.putArray("trees");
    int[] starts = s.treeStarts();
    int[] feature = s.feature();
    double[] thresholds = s.thresholds();
    int[] left = s.left();
    int[] right = s.right();
    int[] size = s.size();
    for (int t = 0; t + 1 < starts.length; t++) {
      int from = starts[t];
      int to = starts[t + 1];
      ObjectNode tree = trees.addObject();
      tree.set("feature", Nodes.integers(Arrays.copyOfRange(feature, from, to)));
      tree.set("threshold", Nodes.numbers(thresholds, from, to));
      tree.set("left", Nodes.integers(Arrays.copyOfRange(left, from, to)));
      tree.set("right", Nodes.integers(Arrays.copyOfRange(right, from, to)));
      tree.set("size", Nodes.integers(Arrays.copyOfRange(size, from, to)));
    }
    o.set("scores", Nodes.numbers(s.scores()));
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public IsolationForestModel read(JsonIn parameters, JsonIn state) {
    parameters.only("trees", "sampleSize", "contamination");
    int treeCount = (int) parameters.integer("trees", 1, IsolationForest.MAX_TREES);
    int sampleSize = (int) parameters.integer("sampleSize", 1, IsolationForest.MAX_SAMPLE_SIZE);
    OptionalDouble contamination = Nodes.contamination(parameters);
    state.only("dimension", "threshold", "trees", "scores", "columnNames");
    int d = (int) state.integer("dimension", 1, Integer.MAX_VALUE);
    double threshold = state.number("threshold");
    List<JsonIn> trees = state.array("trees");
    if (trees.size() != treeCount) {
      throw state.value("trees").error("expected " + treeCount + " trees (parameters.trees), got " + trees.size());
    }
    int[][] feature = new int[treeCount][];
    double[][] thr = new double[treeCount][];
    int[][] left = new int[treeCount][];
    int[][] right = new int[treeCount][];
    int[][] size = new int[treeCount][];
    int[] starts = new int[treeCount + 1];
    for (int t = 0; t < treeCount; t++) {
      JsonIn tree = trees.get(t);
      tree.only(TREE_FIELDS);
      feature[t] = tree.integers("feature", -2, Integer.MAX_VALUE);
      int nodes = feature[t].length;
      if (nodes < 1) {
        throw tree.value("feature").error("expected at least one node, got none");
      }
      thr[t] = tree.numbers("threshold");
      left[t] = tree.integers("left", -1, Integer.MAX_VALUE);
      right[t] = tree.integers("right", -1, Integer.MAX_VALUE);
      size[t] = tree.integers("size", 1, Integer.MAX_VALUE);
      for (String f : TREE_FIELDS) {
        int len = tree.value(f).size();
        if (len != nodes) {
          throw tree.value(f).error("expected " + nodes + " values (one per node, as feature), got " + len);
        }
      }
      if ((long) starts[t] + nodes > Integer.MAX_VALUE - 8) {
        throw tree.error("too many nodes in the forest");
      }
      starts[t + 1] = starts[t] + nodes;
    }
    int total = starts[treeCount];
    int[] allFeature = new int[total];
    double[] allThr = new double[total];
    int[] allLeft = new int[total];
    int[] allRight = new int[total];
    int[] allSize = new int[total];
    for (int t = 0; t < treeCount; t++) {
      int n = starts[t + 1] - starts[t];
      System.arraycopy(feature[t], 0, allFeature, starts[t], n);
      System.arraycopy(thr[t], 0, allThr, starts[t], n);
      System.arraycopy(left[t], 0, allLeft, starts[t], n);
      System.arraycopy(right[t], 0, allRight, starts[t], n);
      System.arraycopy(size[t], 0, allSize, starts[t], n);
    }
    double[] scores = state.numbers("scores");
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return IsolationForestModel.fromState(new IsolationForestModel.State(d, names, sampleSize, contamination,
          threshold, starts, allFeature, allThr, allLeft, allRight, allSize, scores));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
