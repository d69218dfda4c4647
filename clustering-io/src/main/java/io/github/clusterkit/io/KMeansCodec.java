package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.kmeans.KMeansAlgorithm;
import io.github.clusterkit.kmeans.KMeansModel;
import java.util.List;

/**
 * The {@code "kmeans"} kind: a {@link KMeansModel}, mapped through {@link KMeansModel.State}.
 *
 * <pre>
 * parameters: { "algorithm": "lloyd" | "hamerly" | "elkan" }     (the kernel that ran)
 * state: { "centroids": [[d numbers] per cluster], "labels": [n labels in 0..k-1],
 *          "inertia": 12.5, "iterations": 7, "converged": true, "columnNames": [d names] }
 * </pre>
 *
 * <p>{@code columnNames} holds the names of the fitted columns ({@link KMeansModel#columnNames()}). It is written
 * only when they were given, not the placeholders {@code x0 .. x(d-1)} of a dataset built without names (given
 * names that read so, such as a CSV header {@code x0,x1}, are written), and it is optional on reading: a file without
 * it (every file written before models kept their names) loads as a model without names, which no dataset is checked
 * against. When present it must hold one distinct string per coordinate.
 *
 * <p>The training labels are stored because the model reports them (about 3 bytes per row for k &lt; 10). An
 * inertia beyond the double range (a fit of data near {@code 1e154} and above, see {@code KMeans}) is infinite and
 * written as the string {@code "Infinity"}, the one string this field accepts.
 */
final class KMeansCodec implements ModelCodec<KMeansModel> {

  static final KMeansAlgorithm[] ALGORITHMS = {KMeansAlgorithm.LLOYD, KMeansAlgorithm.HAMERLY,
      KMeansAlgorithm.ELKAN};
  static final String[] ALGORITHM_NAMES = {"lloyd", "hamerly", "elkan"};

  @Override
  public String kind() {
    return "kmeans";
  }

  @Override
  public Class<KMeansModel> type() {
    return KMeansModel.class;
  }

  @Override
  public ObjectNode parameters(KMeansModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("algorithm", Nodes.name(m.algorithm(), ALGORITHMS, ALGORITHM_NAMES));
    return p;
  }

  /** How an infinite inertia is written. */
  private static final String INFINITY = "Infinity";

  @Override
  public ObjectNode state(KMeansModel m) {
    KMeansModel.State s = m.state();
    int d = s.dimension();
    double[] c = s.centroids();
    ObjectNode o = NODES.objectNode();
    o.set("centroids", Nodes.matrix(c, 0, c.length / d, d));
    o.set("labels", Nodes.integers(s.labels()));
    // JSON has no infinity: a fit whose true inertia exceeds the double range (data near 1e154 and above) stores the
    // string "Infinity", which read() accepts for this field alone.
    if (s.inertia() == Double.POSITIVE_INFINITY) {
      o.put("inertia", INFINITY);
    } else {
      o.put("inertia", s.inertia());
    }
    o.put("iterations", s.iterations());
    o.put("converged", s.converged());
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public KMeansModel read(JsonIn parameters, JsonIn state) {
    parameters.only("algorithm");
    KMeansAlgorithm algorithm = Nodes.constant(parameters, "algorithm", ALGORITHMS, ALGORITHM_NAMES);
    state.only("centroids", "labels", "inertia", "iterations", "converged", "columnNames");
    JsonIn centroids = state.value("centroids");
    int k = centroids.size();
    if (k < 1) {
      throw centroids.error("expected at least one centroid, got none");
    }
    int d = centroids.elements().get(0).size();
    if (d < 1) {
      throw centroids.error("centroids must have at least one coordinate, got none");
    }
    double[] c = centroids.matrixValue(k, d);
    int[] labels = state.integers("labels", 0, Integer.MAX_VALUE);
    JsonIn in = state.value("inertia");
    double inertia = in.isText() && INFINITY.equals(in.text()) ? Double.POSITIVE_INFINITY : state.number("inertia");
    int iterations = (int) state.integer("iterations", 0, Integer.MAX_VALUE);
    boolean converged = state.bool("converged");
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : null;
    try {
      return KMeansModel.fromState(names == null
          ? new KMeansModel.State(d, c, labels, inertia, iterations, converged, algorithm)
          : new KMeansModel.State(d, names, c, labels, inertia, iterations, converged, algorithm));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
