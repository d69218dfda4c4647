package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.ClusterModel;
import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.preprocess.PipelineModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code "clusterPipeline"} kind: a {@link ClusterPipelineModel}, its pipeline and its model written as the
 * {@code "pipeline"} kind and the model's own kind would write them, inside one document (one checksum).
 *
 * <pre>
 * parameters: {}
 * state: {
 *   "pipeline": { "parameters": {...}, "state": {...} },                    (as the "pipeline" kind)
 *   "model": { "kind": "kmeans" | "gmm" | "dbscan" | "hdbscan" | "kmedoids" | "bisectingKMeans" | "birch",
 *              "parameters": {...}, "state": {...} },
 *   "clusterNames": ["Savers", ...]                                       (optional: absent when none)
 * }
 * </pre>
 *
 * <p>Reading rebuilds the pipeline and the model with their own codecs' checks, then pairs them with
 * {@link ClusterPipelineModel#of}, so a file whose model does not fit its pipeline's output is refused.
 */
final class ClusterPipelineCodec implements ModelCodec<ClusterPipelineModel> {

  private static final PipelineCodec PIPELINE = new PipelineCodec();

  @Override
  public String kind() {
    return "clusterPipeline";
  }

  @Override
  public Class<ClusterPipelineModel> type() {
    return ClusterPipelineModel.class;
  }

  @Override
  public ObjectNode parameters(ClusterPipelineModel model) {
    return NODES.objectNode();
  }

  @Override
  public ObjectNode state(ClusterPipelineModel m) {
    ObjectNode s = NODES.objectNode();
    ObjectNode p = s.putObject("pipeline");
    p.set("parameters", PIPELINE.parameters(m.pipeline()));
    p.set("state", PIPELINE.state(m.pipeline()));
    ObjectNode o = s.putObject("model");
    writeModel(o, m.model());
    if (!m.clusterNames().isEmpty()) {
      ArrayNode names = s.putArray("clusterNames");
      m.clusterNames().forEach(names::add);
    }
    return s;
  }

  /** The kinds of {@link ModelFiles} whose models are {@link ClusterModel}s (K-Means, mixtures, DBSCAN, HDBSCAN,
   * K-Medoids, bisecting K-Means). */
  private static List<ModelCodec<?>> models() {
    List<ModelCodec<?>> out = new ArrayList<>();
    for (ModelCodec<?> c : ModelFiles.codecs()) {
      if (ClusterModel.class.isAssignableFrom(c.type())) {
        out.add(c);
      }
    }
    return out;
  }

  private static <T> void writeModel(ObjectNode o, ClusterModel model) {
    for (ModelCodec<?> c : models()) {
      if (c.type() == model.getClass()) {
        @SuppressWarnings("unchecked")
        ModelCodec<T> codec = (ModelCodec<T>) c;
        T m = codec.type().cast(model);
        o.put("kind", codec.kind());
        o.set("parameters", codec.parameters(m));
        o.set("state", codec.state(m));
        return;
      }
    }
    throw new IllegalArgumentException("cannot save a pipeline with a " + model.getClass().getName()
        + "; supported models are " + kinds());
  }

  private static List<String> kinds() {
    List<String> out = new ArrayList<>();
    for (ModelCodec<?> c : models()) {
      out.add(c.kind());
    }
    return out;
  }

  @Override
  public ClusterPipelineModel read(JsonIn parameters, JsonIn state) {
    parameters.only();
    state.only("pipeline", "model", "clusterNames");
    JsonIn p = state.object("pipeline").only("parameters", "state");
    PipelineModel pipeline = PIPELINE.read(p.object("parameters"), p.object("state"));
    JsonIn m = state.object("model").only("kind", "parameters", "state");
    String kind = m.string("kind");
    ClusterModel model = null;
    for (ModelCodec<?> c : models()) {
      if (c.kind().equals(kind)) {
        model = (ClusterModel) c.read(m.object("parameters"), m.object("state"));
        break;
      }
    }
    if (model == null) {
      throw m.value("kind").error("expected one of " + kinds() + ", got \""
          + (kind.length() > 40 ? kind.substring(0, 37) + "..." : kind) + "\"");
    }
    ClusterPipelineModel out;
    try {
      out = ClusterPipelineModel.of(pipeline, model);
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
    if (state.has("clusterNames")) {
      JsonIn names = state.value("clusterNames");
      if (names.size() == 0) {
        throw names.error("expected at least one name (the field is absent when the model has none)");
      }
      try {
        out = out.withClusterNames(state.strings("clusterNames"));
      } catch (IllegalArgumentException e) {
        throw names.invalid(e);
      }
    }
    return out;
  }
}
