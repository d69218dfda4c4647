package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import java.util.List;

/**
 * The {@code "kmedoids"} kind: a {@link KMedoidsModel}, mapped through {@link KMedoidsModel.State}.
 *
 * <pre>
 * parameters: { "method": "fasterPam" | "pam" | "alternate",                (the refinement that ran)
 *               "metric": "euclidean" | "manhattan" | "chebyshev" }          (the distance of fit and predict)
 * state: { "medoids": [[d numbers] per medoid], "medoidIndices": [k row numbers of the training data],
 *          "labels": [n labels in 0..k-1], "cost": 12.5, "iterations": 3, "swaps": 4, "converged": true,
 *          "columnNames": [d names] }
 * </pre>
 *
 * <p>The dimension is the length of the medoids' rows, as for {@code "kmeans"}'s centroids. {@code columnNames} holds
 * the names of the fitted columns ({@link KMedoidsModel#columnNames()}); as for the other kinds it is written only
 * when they were given, not the placeholders {@code x0 .. x(d-1)} of a dataset built without names (given names that
 * read so, such as a CSV header {@code x0,x1}, are written), and it is optional on reading: a file without it loads
 * as a model without names, which no dataset is checked against.
 *
 * <p>Every rule of {@link KMedoidsModel#fromState} applies on loading (finite medoids, distinct medoid row numbers
 * within the training labels, labels in {@code 0..k-1}, a cost {@code >= 0}, at least one iteration). A cost beyond
 * the double range (a fit of data near {@code 1e308}, see {@code KMedoids}) is infinite and written as the string
 * {@code "Infinity"}, the one string this field accepts, as for {@code "kmeans"}'s inertia. The
 * state holds no training rows, so it cannot be checked that the medoids are those rows and the labels their nearest
 * medoids: a file edited on purpose and signed again loads with its edited labels, as such a {@code "kmeans"} file
 * does. The medoids' values are what {@code predict} uses; their row numbers and the training labels are stored
 * because the model reports them (about 3 bytes per training row for {@code k < 10}).
 */
final class KMedoidsCodec implements ModelCodec<KMedoidsModel> {

  static final KMedoidsMethod[] METHODS = {KMedoidsMethod.FASTER_PAM, KMedoidsMethod.PAM, KMedoidsMethod.ALTERNATE};
  static final String[] METHOD_NAMES = {"fasterPam", "pam", "alternate"};

  /** How an infinite cost is written. */
  private static final String INFINITY = "Infinity";

  @Override
  public String kind() {
    return "kmedoids";
  }

  @Override
  public Class<KMedoidsModel> type() {
    return KMedoidsModel.class;
  }

  @Override
  public ObjectNode parameters(KMedoidsModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("method", Nodes.name(m.method(), METHODS, METHOD_NAMES));
    p.put("metric", Nodes.name(m.metric(), DbscanCodec.METRICS, DbscanCodec.METRIC_NAMES));
    return p;
  }

  @Override
  public ObjectNode state(KMedoidsModel m) {
    KMedoidsModel.State s = m.state();
    int d = s.dimension();
    double[] medoids = s.medoids();
    ObjectNode o = NODES.objectNode();
    o.set("medoids", Nodes.matrix(medoids, 0, medoids.length / d, d));
    o.set("medoidIndices", Nodes.integers(s.medoidIndices()));
    o.set("labels", Nodes.integers(s.labels()));
    // JSON has no infinity: a fit whose true cost exceeds the double range (data near 1e308) stores the string
    // "Infinity", which read() accepts for this field alone, as "kmeans" does for its inertia.
    if (s.cost() == Double.POSITIVE_INFINITY) {
      o.put("cost", INFINITY);
    } else {
      o.put("cost", s.cost());
    }
    o.put("iterations", s.iterations());
    o.put("swaps", s.swaps());
    o.put("converged", s.converged());
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public KMedoidsModel read(JsonIn parameters, JsonIn state) {
    parameters.only("method", "metric");
    KMedoidsMethod method = Nodes.constant(parameters, "method", METHODS, METHOD_NAMES);
    Metric metric = Nodes.constant(parameters, "metric", DbscanCodec.METRICS, DbscanCodec.METRIC_NAMES);
    state.only("medoids", "medoidIndices", "labels", "cost", "iterations", "swaps", "converged", "columnNames");
    JsonIn medoids = state.value("medoids");
    int k = medoids.size();
    if (k < 1) {
      throw medoids.error("expected at least one medoid, got none");
    }
    int d = medoids.elements().get(0).size();
    if (d < 1) {
      throw medoids.error("medoids must have at least one coordinate, got none");
    }
    double[] m = medoids.matrixValue(k, d);
    int[] indices = state.integers("medoidIndices", 0, Integer.MAX_VALUE);
    int[] labels = state.integers("labels", 0, Integer.MAX_VALUE);
    JsonIn in = state.value("cost");
    double cost = in.isText() && INFINITY.equals(in.text()) ? Double.POSITIVE_INFINITY : state.number("cost");
    int iterations = (int) state.integer("iterations", 0, Integer.MAX_VALUE);
    int swaps = (int) state.integer("swaps", 0, Integer.MAX_VALUE);
    boolean converged = state.bool("converged");
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return KMedoidsModel.fromState(new KMedoidsModel.State(d, names, m, indices, labels, cost, iterations, swaps,
          converged, metric, method));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
