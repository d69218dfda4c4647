package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.OutlierPipelineModel;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.preprocess.PipelineModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code "outlierPipeline"} kind: an {@link OutlierPipelineModel}, its pipeline and its detector written as the
 * {@code "pipeline"} kind and the detector's own kind would write them, inside one document (one checksum).
 *
 * <pre>
 * parameters: {}
 * state: {
 *   "pipeline": { "parameters": {...}, "state": {...} },                    (as the "pipeline" kind)
 *   "detector": { "kind": "lof" | "isolationForest", "parameters": {...}, "state": {...} }
 * }
 * </pre>
 *
 * <p>Reading rebuilds the pipeline and the detector with their own codecs' checks, then pairs them with
 * {@link OutlierPipelineModel#of}, so a file whose detector does not fit its pipeline's output is refused.
 */
final class OutlierPipelineCodec implements ModelCodec<OutlierPipelineModel> {

  private static final PipelineCodec PIPELINE = new PipelineCodec();

  @Override
  public String kind() {
    return "outlierPipeline";
  }

  @Override
  public Class<OutlierPipelineModel> type() {
    return OutlierPipelineModel.class;
  }

  @Override
  public ObjectNode parameters(OutlierPipelineModel model) {
    return NODES.objectNode();
  }

  @Override
  public ObjectNode state(OutlierPipelineModel m) {
    ObjectNode s = NODES.objectNode();
    ObjectNode p = s.putObject("pipeline");
    p.set("parameters", PIPELINE.parameters(m.pipeline()));
    p.set("state", PIPELINE.state(m.pipeline()));
    writeDetector(s.putObject("detector"), m.detector());
    return s;
  }

  /** The kinds of {@link ModelFiles} whose models are {@link OutlierModel}s (LOF, isolation forest). */
  private static List<ModelCodec<?>> detectors() {
    List<ModelCodec<?>> out = new ArrayList<>();
    for (ModelCodec<?> c : ModelFiles.codecs()) {
      if (OutlierModel.class.isAssignableFrom(c.type())) {
        out.add(c);
      }
    }
    return out;
  }

  private static <T> void writeDetector(ObjectNode o, OutlierModel detector) {
    for (ModelCodec<?> c : detectors()) {
      if (c.type() == detector.getClass()) {
        @SuppressWarnings("unchecked")
        ModelCodec<T> codec = (ModelCodec<T>) c;
        T m = codec.type().cast(detector);
        o.put("kind", codec.kind());
        o.set("parameters", codec.parameters(m));
        o.set("state", codec.state(m));
        return;
      }
    }
    throw new IllegalArgumentException("cannot save a pipeline with a " + detector.getClass().getName()
        + "; supported detectors are " + kinds());
  }

  private static List<String> kinds() {
    List<String> out = new ArrayList<>();
    for (ModelCodec<?> c : detectors()) {
      out.add(c.kind());
    }
    return out;
  }

  @Override
  public OutlierPipelineModel read(JsonIn parameters, JsonIn state) {
    parameters.only();
    state.only("pipeline", "detector");
    JsonIn p = state.object("pipeline").only("parameters", "state");
    PipelineModel pipeline = PIPELINE.read(p.object("parameters"), p.object("state"));
    JsonIn m = state.object("detector").only("kind", "parameters", "state");
    String kind = m.string("kind");
    OutlierModel detector = null;
    for (ModelCodec<?> c : detectors()) {
      if (c.kind().equals(kind)) {
        detector = (OutlierModel) c.read(m.object("parameters"), m.object("state"));
        break;
      }
    }
    if (detector == null) {
      throw m.value("kind").error("expected one of " + kinds() + ", got \""
          + (kind.length() > 40 ? kind.substring(0, 37) + "..." : kind) + "\"");
    }
    try {
      return OutlierPipelineModel.of(pipeline, detector);
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }
}
