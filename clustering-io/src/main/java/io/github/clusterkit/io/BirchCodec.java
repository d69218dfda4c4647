package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.birch.BirchModel;
import io.github.clusterkit.internal.FittedColumns;
import java.util.List;

/**
 * The {@code "birch"} kind: a {@link BirchModel}, mapped through {@link BirchModel.State}.
 *
 * <pre>
 * parameters: { "threshold": 0.5, "branchingFactor": 50, "clusters": 3 }      (clusters 0: no global step)
 * state: { "centroids": [[d numbers] per subcluster], "counts": [m integers >= 1],
 *          "linearSums": [[d numbers] per subcluster], "squaredSums": [m numbers >= 0],
 *          "subclusterLabels": [m clusters], "labels": [n training labels, empty for a BirchTree snapshot],
 *          "columnNames": [d names] }
 * </pre>
 *
 * <p>The dimension is the length of the centroids' rows. {@code columnNames} is written only when the names were
 * given, as for the other kinds, and optional on reading. Every rule of {@link BirchModel#fromState} applies on
 * loading. The file holds the model, not the tree: a loaded model predicts, it cannot take more rows. About 40 bytes
 * per coordinate of a subcluster (centroid and linear sum) and 3 bytes per training label.
 */
final class BirchCodec implements ModelCodec<BirchModel> {

  @Override
  public String kind() {
    return "birch";
  }

  @Override
  public Class<BirchModel> type() {
    return BirchModel.class;
  }

  @Override
  public ObjectNode parameters(BirchModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("threshold", m.threshold());
    p.put("branchingFactor", m.branchingFactor());
    p.put("clusters", m.requestedClusters());
    return p;
  }

  @Override
  public ObjectNode state(BirchModel m) {
    BirchModel.State s = m.state();
    int d = s.dimension();
    int count = s.counts().length;
    ObjectNode o = NODES.objectNode();
    o.set("centroids", Nodes.matrix(s.centroids(), 0, count, d));
    ArrayNode counts = o.putArray("counts");
    for (long c : s.counts()) {
      counts.add(c);
    }
    o.set("linearSums", Nodes.matrix(s.linearSums(), 0, count, d));
    o.set("squaredSums", Nodes.numbers(s.squaredSums()));
    o.set("subclusterLabels", Nodes.integers(s.subclusterLabels()));
    o.set("labels", Nodes.integers(s.labels()));
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public BirchModel read(JsonIn parameters, JsonIn state) {
    parameters.only("threshold", "branchingFactor", "clusters");
    double threshold = parameters.number("threshold");
    int branchingFactor = (int) parameters.integer("branchingFactor", 0, Integer.MAX_VALUE);
    int clusters = (int) parameters.integer("clusters", 0, Integer.MAX_VALUE);
    state.only("centroids", "counts", "linearSums", "squaredSums", "subclusterLabels", "labels", "columnNames");
    JsonIn centroids = state.value("centroids");
    int m = centroids.size();
    if (m < 1) {
      throw centroids.error("expected at least one subcluster, got none");
    }
    int d = centroids.elements().get(0).size();
    if (d < 1) {
      throw centroids.error("centroids must have at least one coordinate, got none");
    }
    double[] c = centroids.matrixValue(m, d);
    List<JsonIn> countNodes = state.array("counts");
    long[] counts = new long[countNodes.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = countNodes.get(i).integerValue(1, Long.MAX_VALUE);
    }
    double[] linearSums = state.matrix("linearSums", m, d);
    double[] squaredSums = state.numbers("squaredSums");
    int[] subclusterLabels = state.integers("subclusterLabels", 0, Integer.MAX_VALUE);
    int[] labels = state.integers("labels", 0, Integer.MAX_VALUE);
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : FittedColumns.defaults(d);
    try {
      return BirchModel.fromState(new BirchModel.State(d, names, threshold, branchingFactor, clusters, c, counts,
          linearSums, squaredSums, subclusterLabels, labels));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
