package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import java.util.List;

/**
 * The {@code "pca"} kind: a {@link PcaModel}, mapped through {@link PcaModel.State}.
 *
 * <pre>
 * parameters: { "whiten": false, "solver": "svd" | "covariance" }     (the solver that ran)
 * state: { "sampleCount": n, "columnNames": [d names], "mean": [d numbers],
 *          "components": [[d numbers] per component], "explainedVariance": [k numbers],
 *          "explainedVarianceRatio": [k numbers], "singularValues": [k numbers], "noiseVariance": 0.1,
 *          "namesGiven": true }                                     (optional, see below)
 * </pre>
 *
 * <p>{@code columnNames} is always written; names that read {@code x0 .. x(d-1)} are those of a model fitted on data
 * without names (no dataset is checked against them), as in every file written before names were told apart by their
 * origin, unless {@code namesGiven} is present (and {@code true}): a model fitted on given names that read so, such as
 * a CSV header {@code x0,x1}, which a loaded model keeps checking. The field is written only then, so other files
 * are as before.
 */
final class PcaCodec implements ModelCodec<PcaModel> {

  static final Pca.Solver[] SOLVERS = {Pca.Solver.SVD, Pca.Solver.COVARIANCE};
  static final String[] SOLVER_NAMES = {"svd", "covariance"};

  @Override
  public String kind() {
    return "pca";
  }

  @Override
  public Class<PcaModel> type() {
    return PcaModel.class;
  }

  @Override
  public ObjectNode parameters(PcaModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("whiten", m.whitened());
    p.put("solver", Nodes.name(m.solver(), SOLVERS, SOLVER_NAMES));
    return p;
  }

  @Override
  public ObjectNode state(PcaModel m) {
    PcaModel.State s = m.state();
    double[] mean = s.mean();
    double[] ev = s.explainedVariance();
    ObjectNode o = NODES.objectNode();
    o.put("sampleCount", s.sampleCount());
    o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    boolean given = !FittedColumns.areDefault(s.columnNames());
    o.set("mean", Nodes.numbers(mean));
    o.set("components", Nodes.matrix(s.components(), 0, ev.length, mean.length));
    o.set("explainedVariance", Nodes.numbers(ev));
    o.set("explainedVarianceRatio", Nodes.numbers(s.explainedVarianceRatio()));
    o.set("singularValues", Nodes.numbers(s.singularValues()));
    o.put("noiseVariance", s.noiseVariance());
    if (given && FittedColumns.readLikeDefaults(s.columnNames())) {
      o.put("namesGiven", true);
    }
    return o;
  }

  @Override
  public PcaModel read(JsonIn parameters, JsonIn state) {
    parameters.only("whiten", "solver");
    boolean whiten = parameters.bool("whiten");
    Pca.Solver solver = Nodes.constant(parameters, "solver", SOLVERS, SOLVER_NAMES);
    state.only("sampleCount", "columnNames", "mean", "components", "explainedVariance",
        "explainedVarianceRatio", "singularValues", "noiseVariance", "namesGiven");
    boolean namesGiven = false;
    if (state.has("namesGiven")) {
      namesGiven = state.bool("namesGiven");
      if (!namesGiven) {
        throw state.value("namesGiven").error("expected true (the field is absent otherwise), got false");
      }
    }
    int n = (int) state.integer("sampleCount", 0, Integer.MAX_VALUE);
    double[] mean = state.numbers("mean");
    double[] ev = state.numbers("explainedVariance");
    double[] components = state.matrix("components", ev.length, mean.length);
    try {
      List<String> names = state.strings("columnNames");
      if (!namesGiven && FittedColumns.readLikeDefaults(names)) {
        names = FittedColumns.defaults(names.size()); // fitted without names
      }
      return PcaModel.fromState(new PcaModel.State(n, whiten, solver, names, mean,
          components, ev, state.numbers("explainedVarianceRatio"), state.numbers("singularValues"),
          state.number("noiseVariance")));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("invalid model file")) {
        throw e;
      }
      throw state.invalid(e);
    }
  }
}
