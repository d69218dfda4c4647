package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.neighbors.Metric;
import java.util.List;

/**
 * The {@code "dbscan"} kind: a {@link DbscanModel}, mapped through {@link DbscanModel.State}.
 *
 * <pre>
 * parameters: { "eps": 0.3, "minPts": 10, "metric": "euclidean" | "manhattan" | "chebyshev",
 *               "borderPointsAsNoise": false, "search": "grid" | "kdTree" | "bruteForce",
 *               "labelRule": "scikitLearn" }
 * state: { "dimension": d,
 *          "labels": [n labels, -1 for noise], "coreMask": [n booleans],
 *          "corePoints": [[d numbers] per core row, in row order], "columnNames": [d names] }
 * </pre>
 *
 * <p>{@code columnNames} holds the names of the fitted columns ({@link DbscanModel#columnNames()}). It is written
 * only when they were given, not the placeholders {@code x0 .. x(d-1)} of a dataset built without names (given
 * names that read so, such as a CSV header {@code x0,x1}, are written), and it is optional on reading: a file without
 * it (every file written before models kept their names) loads as a model without names, which no dataset is checked
 * against. When present it must hold one distinct string per dimension.
 *
 * <p>{@code labelRule} ({@link DbscanModel#labelRule()}) is optional too, written only for
 * {@link Dbscan.LabelRule#SCIKIT_LEARN} ({@code "scikitLearn"}; {@code "nearestCore"} is read as well): a file
 * without it, every file written before the rule existed and every file of a model fitted with the default, loads as
 * {@link Dbscan.LabelRule#NEAREST_CORE}, so such files are written exactly as before and an earlier library still
 * reads them. The rule must be saved because prediction follows it (a border point within eps of two clusters is
 * predicted into the lowest-numbered one rather than its nearest core point's) and because it decides how the stored
 * labels must be numbered, which loading checks: labels numbered by their first core row saved with the other rule,
 * or the reverse, are refused. A library from before the field refuses a file holding it ({@code unexpected field
 * "labelRule"}) rather than predict by the other rule.
 *
 * <p>The training labels and core flags are stored because the model reports them; a model of 10^6 rows
 * takes about 10 MB for them, plus about 20 bytes per core coordinate.
 */
final class DbscanCodec implements ModelCodec<DbscanModel> {

  static final Metric[] METRICS = {Metric.EUCLIDEAN, Metric.MANHATTAN, Metric.CHEBYSHEV};
  static final String[] METRIC_NAMES = {"euclidean", "manhattan", "chebyshev"};
  static final Dbscan.Search[] SEARCHES = {Dbscan.Search.GRID, Dbscan.Search.KD_TREE,
      Dbscan.Search.BRUTE_FORCE};
  static final String[] SEARCH_NAMES = {"grid", "kdTree", "bruteForce"};
  static final Dbscan.LabelRule[] RULES = {Dbscan.LabelRule.NEAREST_CORE, Dbscan.LabelRule.SCIKIT_LEARN};
  static final String[] RULE_NAMES = {"nearestCore", "scikitLearn"};

  @Override
  public String kind() {
    return "dbscan";
  }

  @Override
  public Class<DbscanModel> type() {
    return DbscanModel.class;
  }

  @Override
  public ObjectNode parameters(DbscanModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("eps", m.eps());
    p.put("minPts", m.minPts());
    p.put("metric", Nodes.name(m.metric(), METRICS, METRIC_NAMES));
    p.put("borderPointsAsNoise", m.borderPointsAsNoise());
    p.put("search", Nodes.name(m.search(), SEARCHES, SEARCH_NAMES));
    // Written only when it is not the default, which is what a file without the field stands for.
    if (m.labelRule() != Dbscan.LabelRule.NEAREST_CORE) {
      p.put("labelRule", Nodes.name(m.labelRule(), RULES, RULE_NAMES));
    }
    return p;
  }

  @Override
  public ObjectNode state(DbscanModel m) {
    DbscanModel.State s = m.state();
    int d = s.dimension();
    double[] points = s.corePoints();
    ObjectNode o = NODES.objectNode();
    o.put("dimension", d);
    o.set("labels", Nodes.integers(s.labels()));
    o.set("coreMask", Nodes.booleans(s.coreMask()));
    o.set("corePoints", Nodes.matrix(points, 0, points.length / d, d));
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public DbscanModel read(JsonIn parameters, JsonIn state) {
    parameters.only("eps", "minPts", "metric", "borderPointsAsNoise", "search", "labelRule");
    double eps = parameters.number("eps");
    int minPts = (int) parameters.integer("minPts", 1, Integer.MAX_VALUE);
    Metric metric = Nodes.constant(parameters, "metric", METRICS, METRIC_NAMES);
    boolean asNoise = parameters.bool("borderPointsAsNoise");
    Dbscan.Search search = Nodes.constant(parameters, "search", SEARCHES, SEARCH_NAMES);
    Dbscan.LabelRule rule = parameters.has("labelRule")
        ? Nodes.constant(parameters, "labelRule", RULES, RULE_NAMES) : Dbscan.LabelRule.NEAREST_CORE;
    state.only("dimension", "labels", "coreMask", "corePoints", "columnNames");
    int d = (int) state.integer("dimension", 1, Integer.MAX_VALUE);
    int[] labels = state.integers("labels", -1, Integer.MAX_VALUE);
    boolean[] core = state.booleans("coreMask");
    int cores = 0;
    for (boolean c : core) {
      cores += c ? 1 : 0;
    }
    double[] points = state.matrix("corePoints", cores, d);
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return DbscanModel.fromState(
          new DbscanModel.State(eps, minPts, metric, asNoise, rule, search, d, names, labels, core, points));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
