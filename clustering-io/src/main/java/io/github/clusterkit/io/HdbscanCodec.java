package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.neighbors.Metric;
import java.util.List;

/**
 * The {@code "hdbscan"} kind: an {@link HdbscanModel}, mapped through {@link HdbscanModel.State}.
 *
 * <pre>
 * parameters: { "minClusterSize": 15, "minSamples": 5, "selection": "eom" | "leaf",
 *               "metric": "euclidean" | "manhattan" | "chebyshev",
 *               "allowSingleCluster": true, "clusterSelectionEpsilon": 0.5 }
 * state: { "dimension": d, "rows": [[d numbers] per training row, in row order],
 *          "labels": [n labels, -1 for noise], "columnNames": [d names] }
 * </pre>
 *
 * <p>{@code minSamples} is always written, as the number the model used ({@link Hdbscan#minSamples()}), also when it
 * followed {@code minClusterSize}. {@code columnNames} holds the names of the fitted columns
 * ({@link HdbscanModel#columnNames()}). As for the other kinds it is written only when they were given, not the
 * placeholders {@code x0 .. x(d-1)} of a dataset built without names (given names that read so, such as a CSV header
 * {@code x0,x1}, are written), and it is optional on reading: a file without it loads as a model without names, which
 * no dataset is checked against. When present it must hold one distinct string per column.
 *
 * <p>{@code allowSingleCluster} and {@code clusterSelectionEpsilon} are optional, written only when they are not the
 * defaults (false and 0), so a model without them is written as before the options existed; a file without them
 * loads with the defaults. An earlier library refuses a file that has them (unknown field) rather than load a model
 * that selects its clusters otherwise.
 *
 * <p>The model is rebuilt by {@link HdbscanModel#fromState}: the stored rows are fitted again with the stored settings
 * (the fit is deterministic, so the loaded model, its probabilities, outlier scores and predictions included, is the
 * one saved), and the fit's labels must be the stored ones, so a file whose rows or settings were altered, or that a
 * version with other rules wrote, is refused rather than loaded as another model. Loading therefore costs one fit
 * (one thread). The training rows are stored because the fit needs them (about 20 bytes per coordinate, so about 2 MB
 * for 10^5 rows of 10 columns), with the labels (about 3 bytes per row).
 */
final class HdbscanCodec implements ModelCodec<HdbscanModel> {

  static final Hdbscan.Selection[] SELECTIONS = {Hdbscan.Selection.EOM, Hdbscan.Selection.LEAF};
  static final String[] SELECTION_NAMES = {"eom", "leaf"};

  @Override
  public String kind() {
    return "hdbscan";
  }

  @Override
  public Class<HdbscanModel> type() {
    return HdbscanModel.class;
  }

  @Override
  public ObjectNode parameters(HdbscanModel m) {
    HdbscanModel.State s = m.state();
    ObjectNode p = NODES.objectNode();
    p.put("minClusterSize", s.minClusterSize());
    p.put("minSamples", s.minSamples());
    p.put("selection", Nodes.name(s.selection(), SELECTIONS, SELECTION_NAMES));
    p.put("metric", Nodes.name(s.metric(), DbscanCodec.METRICS, DbscanCodec.METRIC_NAMES));
    if (s.allowSingleCluster()) {
      p.put("allowSingleCluster", true);
    }
    if (s.clusterSelectionEpsilon() != 0) {
      p.put("clusterSelectionEpsilon", s.clusterSelectionEpsilon());
    }
    return p;
  }

  @Override
  public ObjectNode state(HdbscanModel m) {
    HdbscanModel.State s = m.state();
    int d = s.dimension();
    double[] rows = s.rows();
    ObjectNode o = NODES.objectNode();
    o.put("dimension", d);
    o.set("rows", Nodes.matrix(rows, 0, rows.length / d, d));
    o.set("labels", Nodes.integers(s.labels()));
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public HdbscanModel read(JsonIn parameters, JsonIn state) {
    parameters.only("minClusterSize", "minSamples", "selection", "metric", "allowSingleCluster",
        "clusterSelectionEpsilon");
    int minClusterSize = (int) parameters.integer("minClusterSize", 2, Integer.MAX_VALUE);
    int minSamples = (int) parameters.integer("minSamples", 1, Integer.MAX_VALUE);
    Hdbscan.Selection selection = Nodes.constant(parameters, "selection", SELECTIONS, SELECTION_NAMES);
    Metric metric = Nodes.constant(parameters, "metric", DbscanCodec.METRICS, DbscanCodec.METRIC_NAMES);
    boolean allowSingle = parameters.has("allowSingleCluster") && parameters.bool("allowSingleCluster");
    double epsilon = parameters.has("clusterSelectionEpsilon") ? parameters.number("clusterSelectionEpsilon") : 0.0;
    state.only("dimension", "rows", "labels", "columnNames");
    int d = (int) state.integer("dimension", 1, Integer.MAX_VALUE);
    // the number of rows is the array's length; its shape is checked before anything is allocated for it
    double[] rows = state.matrix("rows", state.value("rows").size(), d);
    int[] labels = state.integers("labels", -1, Integer.MAX_VALUE);
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return HdbscanModel.fromState(
          new HdbscanModel.State(minClusterSize, minSamples, selection, metric, allowSingle, epsilon, d, names, rows,
              labels));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
