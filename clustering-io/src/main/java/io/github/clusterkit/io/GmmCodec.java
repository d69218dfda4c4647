package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.internal.FittedColumns;
import java.util.List;

/**
 * The {@code "gmm"} kind: a {@link GaussianMixtureModel}, mapped through {@link GaussianMixtureModel.State}.
 *
 * <pre>
 * parameters: { "covarianceType": "full" | "tied" | "diagonal" | "spherical" }
 * state: { "weights": [k numbers], "means": [[d numbers] per component],
 *          "covariances": full: [k matrices of d rows of d numbers]; tied: [d rows of d numbers];
 *                         diagonal: [[d variances] per component]; spherical: [k variances],
 *          "iterations": 12, "converged": true, "logLikelihoodHistory": [iterations + 1 numbers],
 *          "columnNames": [d names] }
 * </pre>
 *
 * <p>{@code columnNames} holds the names of the fitted columns ({@link GaussianMixtureModel#columnNames()}). It is
 * written only when they were given, not the placeholders {@code x0 .. x(d-1)} of a dataset built without names
 * (given names that read so, such as a CSV header {@code x0,x1}, are written), and it is optional on reading: a file
 * without it (every file written before models kept their names) loads as a model without names, which no dataset is
 * checked against. When present it must hold one distinct string per coordinate.
 *
 * <p>A value of {@code logLikelihoodHistory} may be {@code -Infinity} (initial parameters so far from the data that a
 * row's log density lies below the double range, see {@link GaussianMixtureModel#logLikelihoodHistory()}); JSON has
 * no such number, so it is written as the string {@code "-Infinity"}, and read back from that string only there.
 */
final class GmmCodec implements ModelCodec<GaussianMixtureModel> {

  static final CovarianceType[] TYPES = {CovarianceType.FULL, CovarianceType.TIED, CovarianceType.DIAGONAL,
      CovarianceType.SPHERICAL};
  static final String[] TYPE_NAMES = {"full", "tied", "diagonal", "spherical"};

  @Override
  public String kind() {
    return "gmm";
  }

  @Override
  public Class<GaussianMixtureModel> type() {
    return GaussianMixtureModel.class;
  }

  @Override
  public ObjectNode parameters(GaussianMixtureModel m) {
    ObjectNode p = NODES.objectNode();
    p.put("covarianceType", Nodes.name(m.covarianceType(), TYPES, TYPE_NAMES));
    return p;
  }

  @Override
  public ObjectNode state(GaussianMixtureModel m) {
    GaussianMixtureModel.State s = m.state();
    double[] w = s.weights();
    double[] mu = s.means();
    double[] cov = s.covariances();
    int k = w.length;
    int d = mu.length / k;
    ObjectNode o = NODES.objectNode();
    o.set("weights", Nodes.numbers(w));
    o.set("means", Nodes.matrix(mu, 0, k, d));
    switch (s.covarianceType()) {
      case FULL: {
        ArrayNode a = o.putArray("covariances");
        for (int c = 0; c < k; c++) {
          a.add(Nodes.matrix(cov, c * d * d, d, d));
        }
        break;
      }
      case TIED:
        o.set("covariances", Nodes.matrix(cov, 0, d, d));
        break;
      case DIAGONAL:
        o.set("covariances", Nodes.matrix(cov, 0, k, d));
        break;
      default:
        o.set("covariances", Nodes.numbers(cov));
        break;
    }
    o.put("iterations", s.iterations());
    o.put("converged", s.converged());
    o.set("logLikelihoodHistory", history(s.logLikelihoodHistory()));
    // Written only when they are real names: default names are what a file without the field stands for.
    if (!FittedColumns.areDefault(s.columnNames())) {
      o.set("columnNames", PipelineCodec.strings(s.columnNames()));
    }
    return o;
  }

  @Override
  public GaussianMixtureModel read(JsonIn parameters, JsonIn state) {
    parameters.only("covarianceType");
    CovarianceType type = Nodes.constant(parameters, "covarianceType", TYPES, TYPE_NAMES);
    state.only("weights", "means", "covariances", "iterations", "converged", "logLikelihoodHistory",
        "columnNames");
    double[] w = state.numbers("weights");
    int k = w.length;
    if (k < 1) {
      throw state.value("weights").error("expected at least one weight (one per component), got none");
    }
    JsonIn means = state.value("means");
    if (means.size() != k) {
      throw means.error("expected one mean per weight (" + k + "), got " + means.size());
    }
    int d = means.elements().get(0).size();
    if (d < 1) {
      throw means.error("means must have at least one coordinate, got none");
    }
    double[] mu = means.matrixValue(k, d);
    JsonIn covs = state.value("covariances");
    double[] cov;
    switch (type) {
      case FULL: {
        List<JsonIn> matrices = covs.elements();
        if (matrices.size() != k) {
          throw covs.error("expected one covariance matrix per component (" + k + "), got " + matrices.size());
        }
        // Each matrix's shape is checked before its values are allocated, so allocations stay bounded by the
        // document's size.
        double[][] parts = new double[k][];
        for (int c = 0; c < k; c++) {
          parts[c] = matrices.get(c).matrixValue(d, d);
        }
        cov = new double[k * d * d];
        for (int c = 0; c < k; c++) {
          System.arraycopy(parts[c], 0, cov, c * d * d, d * d);
        }
        break;
      }
      case TIED:
        cov = covs.matrixValue(d, d);
        break;
      case DIAGONAL:
        cov = covs.matrixValue(k, d);
        break;
      default:
        cov = covs.numbersValue();
        break;
    }
    int iterations = (int) state.integer("iterations", 0, Integer.MAX_VALUE);
    boolean converged = state.bool("converged");
    double[] history = history(state.value("logLikelihoodHistory"));
    List<String> names = state.has("columnNames") ? state.strings("columnNames") : null;
    try {
      return GaussianMixtureModel.fromState(names == null
          ? new GaussianMixtureModel.State(type, w, mu, cov, iterations, converged, history)
          : new GaussianMixtureModel.State(type, names, w, mu, cov, iterations, converged, history));
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
  }

  /** The string standing for a log-likelihood of {@code -Infinity} (JSON has no such number). */
  static final String MINUS_INFINITY = "-Infinity";

  /** The history as numbers, {@code -Infinity} as {@link #MINUS_INFINITY}. */
  private static ArrayNode history(double[] h) {
    ArrayNode a = NODES.arrayNode(h.length);
    for (double v : h) {
      if (v == Double.NEGATIVE_INFINITY) {
        a.add(MINUS_INFINITY);
      } else {
        a.add(v);
      }
    }
    return a;
  }

  /** The history: finite numbers, or {@link #MINUS_INFINITY} for {@code -Infinity}. */
  private static double[] history(JsonIn a) {
    List<JsonIn> e = a.elements();
    double[] out = new double[e.size()];
    for (int i = 0; i < out.length; i++) {
      JsonIn v = e.get(i);
      out[i] = v.isText() && MINUS_INFINITY.equals(v.text()) ? Double.NEGATIVE_INFINITY : v.numberValue();
    }
    return out;
  }
}
