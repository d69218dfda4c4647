package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.LofModel;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The {@code "lof"} kind: a {@link LofModel} (Local Outlier Factor), mapped through {@link LofModel.State}.
 *
 * <pre>
 * parameters: { "k": 20, "metric": "euclidean" | "manhattan" | "chebyshev", "contamination": "auto" | 0.1 }
 * state: { "dimension": d, "rows": [[d numbers] per training row, in row order],
 *          "kDistances": [n numbers], "localReachabilityDensities": [n numbers], "scores": [n numbers],
 *          "threshold": 1.5, "columnNames": [d names] }
 * </pre>
 *
 * <p>{@code columnNames} is written only when the names were given, as for the other kinds, and optional on reading.
 * The model is rebuilt by {@link LofModel#fromState}: the stored rows are fitted again with the stored settings (the
 * fit is deterministic), and the fit's k-distances, densities, scores and threshold must be the stored ones bit for
 * bit, so a file whose rows, settings or values were altered is refused rather than loaded as another model. Loading
 * therefore costs one fit (one thread). The rows are stored because new points are scored against them (about 20
 * bytes per coordinate), with three numbers per row (about 60 bytes), so a model of about 6 * 10^5 two-dimensional
 * rows reaches {@link ModelFiles#MAX_FILE_BYTES}.
 */
final class LofCodec implements ModelCodec<LofModel> {

  @Override
  public String kind() {
    return "lof";
  }

  @Override
  public Class<LofModel> type() {
    return LofModel.class;
  }

  @Override
  public ObjectNode parameters(LofModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("k", m.k());
    p.put("metric", Nodes.name(m.metric(), DbscanCodec.METRICS, DbscanCodec.METRIC_NAMES));
    Nodes.putContamination(p, m.contamination());
    return p;
  }

  @Override
  public ObjectNode state(LofModel m) {
    LofModel.State s = m.state();
    int d = s.dimension();
    double[] rows = s.data();
    ObjectNode o = NODES.objectNode();
    o.put("dimension", d);
    o.set("rows", Nodes.matrix(rows, 0, rows.length / d, d));
    o.set("kDistances", Nodes.numbers(s.kDistances()));
    o.set("localReachabilityDensities", Nodes.numbers(s.localReachabilityDensities()));
    o.set("scores", Nodes.numbers(s.scores()));
    o.put("threshold", s.threshold());
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public LofModel read(JsonIn parameters, JsonIn state) {
    parameters.only("k", "metric", "contamination");
    int k = (int) parameters.integer("k", 1, Integer.MAX_VALUE);
    Metric metric = Nodes.constant(parameters, "metric", DbscanCodec.METRICS, DbscanCodec.METRIC_NAMES);
    OptionalDouble contamination = Nodes.contamination(parameters);
    state.only("dimension", "rows", "kDistances", "localReachabilityDensities", "scores", "threshold",
        "columnNames");
    int d = (int) state.integer("dimension", 1, Integer.MAX_VALUE);
    // the number of rows is the array's length; its shape is checked before anything is allocated for it
    double[] rows = state.matrix("rows", state.value("rows").size(), d);
    double[] kDistances = state.numbers("kDistances");
    double[] lrd = state.numbers("localReachabilityDensities");
    double[] scores = state.numbers("scores");
    double threshold = state.number("threshold");
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return LofModel.fromState(new LofModel.State(d, names, k, metric, contamination, rows, kDistances, lrd, scores,
          threshold));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
