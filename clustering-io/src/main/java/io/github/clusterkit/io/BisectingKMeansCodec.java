package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import java.util.List;

/**
 * The {@code "bisectingKMeans"} kind: a {@link BisectingKMeansModel}, mapped through
 * {@link BisectingKMeansModel.State}.
 *
 * <pre>
 * parameters: {}
 * state: { "splits": [k - 1 node numbers: the node each split split, in order],
 *          "centroids": [[d numbers] per node, 2k - 1 nodes], "sizes": [2k - 1 row counts],
 *          "inertias": [2k - 1 numbers], "labels": [n labels in 0..k-1],
 *          "iterations": [k - 1 counts], "converged": [k - 1 booleans], "columnNames": [d names] }
 * </pre>
 *
 * <p>The tree is stored as the model numbers it (root 0; split {@code s} made the nodes {@code 2s + 1} and
 * {@code 2s + 2}), so the coarser clusterings ({@link BisectingKMeansModel#labelsAt(int)}) and the descent of
 * {@code predict} come back exactly. The dimension is the length of the centroids' rows. {@code columnNames} is written
 * only when the names were given, and optional on reading, as for the other kinds. A node inertia beyond the double
 * range is written as the string {@code "Infinity"}, the one string those elements accept (as {@code "kmeans"}'s
 * inertia).
 *
 * <p>Every rule of {@link BisectingKMeansModel#fromState} applies on loading: splits that name a leaf of the tree made
 * so far, finite centroids, sizes of at least 1 that add up from children to parents, inertias {@code >= 0}, as many
 * labels as the root has rows, each leaf holding as many as its size. The state holds no training rows, so it cannot
 * be checked that the centroids are their means, as for {@code "kmeans"}.
 */
final class BisectingKMeansCodec implements ModelCodec<BisectingKMeansModel> {

  /** How an infinite inertia is written. */
  private static final String INFINITY = "Infinity";

  @Override
  public String kind() {
    return "bisectingKMeans";
  }

  @Override
  public Class<BisectingKMeansModel> type() {
    return BisectingKMeansModel.class;
  }

  @Override
  public ObjectNode parameters(BisectingKMeansModel m) {
    return NODES.objectNode();
  }

  @Override
  public ObjectNode state(BisectingKMeansModel m) {
    BisectingKMeansModel.State s = m.state();
    int d = s.dimension();
    double[] c = s.centroids();
    ObjectNode o = NODES.objectNode();
    o.set("splits", Nodes.integers(s.splits()));
    o.set("centroids", Nodes.matrix(c, 0, c.length / d, d));
    o.set("sizes", Nodes.integers(s.sizes()));
    ArrayNode in = NODES.arrayNode();
    for (double v : s.inertias()) {
      // JSON has no infinity: a node whose true inertia exceeds the double range stores the string "Infinity".
      if (v == Double.POSITIVE_INFINITY) {
        in.add(INFINITY);
      } else {
        in.add(v);
      }
    }
    o.set("inertias", in);
    o.set("labels", Nodes.integers(s.labels()));
    o.set("iterations", Nodes.integers(s.iterations()));
    o.set("converged", Nodes.booleans(s.converged()));
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public BisectingKMeansModel read(JsonIn parameters, JsonIn state) {
    parameters.only();
    state.only("splits", "centroids", "sizes", "inertias", "labels", "iterations", "converged", "columnNames");
    int[] splits = state.integers("splits", 0, Integer.MAX_VALUE);
    JsonIn centroids = state.value("centroids");
    int nodes = centroids.size();
    if (nodes < 1) {
      throw centroids.error("expected at least one centroid (the root's), got none");
    }
    int d = centroids.elements().get(0).size();
    if (d < 1) {
      throw centroids.error("centroids must have at least one coordinate, got none");
    }
    double[] c = centroids.matrixValue(nodes, d);
    int[] sizes = state.integers("sizes", 0, Integer.MAX_VALUE);
    List<JsonIn> elements = state.array("inertias");
    double[] inertias = new double[elements.size()];
    for (int v = 0; v < inertias.length; v++) {
      JsonIn e = elements.get(v);
      inertias[v] = e.isText() && INFINITY.equals(e.text()) ? Double.POSITIVE_INFINITY : e.numberValue();
    }
    int[] labels = state.integers("labels", 0, Integer.MAX_VALUE);
    int[] iterations = state.integers("iterations", 0, Integer.MAX_VALUE);
    boolean[] converged = state.booleans("converged");
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return BisectingKMeansModel.fromState(new BisectingKMeansModel.State(d, names, splits, c, sizes, inertias,
          labels, iterations, converged));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
