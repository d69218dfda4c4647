package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.FittedStep;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Log1p;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.RobustScaler;
import io.github.clusterkit.preprocess.StandardScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code "pipeline"} kind: a {@link PipelineModel}.
 *
 * <pre>
 * parameters: {}
 * state: {
 *   "inputColumns": ["BALANCE", ...], "inputTypes": ["numeric" | "categorical", ...],
 *   "steps": [ {"step": "imputer", "parameters": {...}, "state": {...}}, ... ],
 *   "outputColumns": [...]            (checked against the rebuilt model)
 * }
 * </pre>
 *
 * <p>The columns a loaded model requires of a table to transform ({@link PipelineModel#requiredColumns()}) are
 * derived from the steps, not stored, so files written before that rule follow it too.
 */
final class PipelineCodec implements ModelCodec<PipelineModel> {

  @Override
  public String kind() {
    return "pipeline";
  }

  @Override
  public Class<PipelineModel> type() {
    return PipelineModel.class;
  }

  @Override
  public ObjectNode parameters(PipelineModel model) {
    return NODES.objectNode();
  }

  @Override
  public ObjectNode state(PipelineModel m) {
    ObjectNode s = NODES.objectNode();
    s.set("inputColumns", strings(m.inputColumns()));
    ArrayNode types = s.putArray("inputTypes");
    for (ColumnType t : m.inputTypes()) {
      types.add(t == ColumnType.NUMERIC ? "numeric" : "categorical");
    }
    ArrayNode steps = s.putArray("steps");
    for (FittedStep f : m.steps()) {
      steps.add(step(f));
    }
    s.set("outputColumns", strings(m.outputColumns()));
    return s;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = NODES.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  static ArrayNode numbers(double[] values) {
    ArrayNode a = NODES.arrayNode();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  private static ObjectNode step(FittedStep f) {
    ObjectNode o = NODES.objectNode();
    ObjectNode p = NODES.objectNode();
    ObjectNode s = NODES.objectNode();
    String name;
    if (f instanceof StandardScaler.Fitted) {
      StandardScaler.Fitted x = (StandardScaler.Fitted) f;
      name = "standardScaler";
      s.set("columns", strings(x.columns()));
      s.set("means", numbers(x.means()));
      s.set("scales", numbers(x.scales()));
    } else if (f instanceof MinMaxScaler.Fitted) {
      MinMaxScaler.Fitted x = (MinMaxScaler.Fitted) f;
      name = "minMaxScaler";
      p.put("rangeMin", x.rangeMin());
      p.put("rangeMax", x.rangeMax());
      s.set("columns", strings(x.columns()));
      s.set("mins", numbers(x.mins()));
      s.set("maxs", numbers(x.maxs()));
    } else if (f instanceof RobustScaler.Fitted) {
      RobustScaler.Fitted x = (RobustScaler.Fitted) f;
      name = "robustScaler";
      s.set("columns", strings(x.columns()));
      s.set("centers", numbers(x.centers()));
      s.set("scales", numbers(x.scales()));
    } else if (f instanceof Log1p.Fitted) {
      name = "log1p";
      s.set("columns", strings(f.columns()));
    } else if (f instanceof Imputer.Fitted) {
      Imputer.Fitted x = (Imputer.Fitted) f;
      name = "imputer";
      p.put("strategy", strategy(x.strategy()));
      ObjectNode num = s.putObject("numeric");
      num.set("columns", strings(new ArrayList<>(x.numericFills().keySet())));
      ArrayNode fills = num.putArray("fills");
      for (double v : x.numericFills().values()) {
        fills.add(v);
      }
      ObjectNode cat = s.putObject("categorical");
      cat.set("columns", strings(new ArrayList<>(x.categoricalFills().keySet())));
      cat.set("fills", strings(new ArrayList<>(x.categoricalFills().values())));
    } else if (f instanceof OneHotEncoder.Fitted) {
      OneHotEncoder.Fitted x = (OneHotEncoder.Fitted) f;
      name = "oneHotEncoder";
      p.put("handleUnknown", x.handleUnknown() == OneHotEncoder.HandleUnknown.ERROR ? "error" : "ignore");
      s.set("columns", strings(x.columns()));
      ArrayNode cats = s.putArray("categories");
      for (List<String> c : x.categories()) {
        cats.add(strings(c));
      }
    } else {
      name = "columnSelector";
      s.set("columns", strings(f.columns()));
    }
    o.put("step", name);
    o.set("parameters", p);
    o.set("state", s);
    return o;
  }

  private static String strategy(Imputer.Strategy s) {
    switch (s) {
      case MEAN:
        return "mean";
      case MEDIAN:
        return "median";
      case MOST_FREQUENT:
        return "mostFrequent";
      default:
        return "constant";
    }
  }

  @Override
  public PipelineModel read(JsonIn parameters, JsonIn state) {
    parameters.only();
    state.only("inputColumns", "inputTypes", "steps", "outputColumns");
    List<String> inputs = state.strings("inputColumns");
    List<ColumnType> types = new ArrayList<>();
    for (JsonIn t : state.array("inputTypes")) {
      String v = t.text();
      if (v.equals("numeric")) {
        types.add(ColumnType.NUMERIC);
      } else if (v.equals("categorical")) {
        types.add(ColumnType.CATEGORICAL);
      } else {
        throw t.error("expected \"numeric\" or \"categorical\", got \"" + v + "\"");
      }
    }
    List<FittedStep> steps = new ArrayList<>();
    for (JsonIn s : state.array("steps")) {
      steps.add(readStep(s));
    }
    List<String> outputs = state.strings("outputColumns");
    PipelineModel m;
    try {
      m = PipelineModel.of(inputs, types, steps);
    } catch (IllegalArgumentException e) {
      throw state.invalid(e);
    }
    if (!m.outputColumns().equals(outputs)) {
      throw state.error("outputColumns " + outputs + " differ from the columns the steps produce "
          + m.outputColumns());
    }
    return m;
  }

  private static FittedStep readStep(JsonIn s) {
    s.only("step", "parameters", "state");
    String kind = s.string("step");
    JsonIn p = s.object("parameters");
    JsonIn st = s.object("state");
    try {
      switch (kind) {
        case "standardScaler":
          p.only();
          st.only("columns", "means", "scales");
          return StandardScaler.Fitted.of(st.strings("columns"), st.numbers("means"), st.numbers("scales"));
        case "minMaxScaler":
          p.only("rangeMin", "rangeMax");
          st.only("columns", "mins", "maxs");
          return MinMaxScaler.Fitted.of(st.strings("columns"), st.numbers("mins"), st.numbers("maxs"),
              p.number("rangeMin"), p.number("rangeMax"));
        case "robustScaler":
          p.only();
          st.only("columns", "centers", "scales");
          return RobustScaler.Fitted.of(st.strings("columns"), st.numbers("centers"), st.numbers("scales"));
        case "log1p":
          p.only();
          st.only("columns");
          return Log1p.Fitted.of(st.strings("columns"));
        case "columnSelector":
          p.only();
          st.only("columns");
          return ColumnSelector.Fitted.of(st.strings("columns"));
        case "imputer":
          return readImputer(p, st);
        case "oneHotEncoder":
          return readOneHot(p, st);
        default:
          throw s.error("unknown step \"" + (kind.length() > 40 ? kind.substring(0, 37) + "..." : kind) + "\"");
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("invalid model file")) {
        throw e;
      }
      throw s.invalid(e);
    }
  }

  private static Imputer.Fitted readImputer(JsonIn p, JsonIn st) {
    p.only("strategy");
    String name = p.string("strategy");
    Imputer.Strategy strategy;
    switch (name) {
      case "mean":
        strategy = Imputer.Strategy.MEAN;
        break;
      case "median":
        strategy = Imputer.Strategy.MEDIAN;
        break;
      case "mostFrequent":
        strategy = Imputer.Strategy.MOST_FREQUENT;
        break;
      case "constant":
        strategy = Imputer.Strategy.CONSTANT;
        break;
      default:
        throw p.error("unknown imputer strategy \"" + name + "\"");
    }
    st.only("numeric", "categorical");
    JsonIn num = st.object("numeric").only("columns", "fills");
    JsonIn cat = st.object("categorical").only("columns", "fills");
    List<String> nc = num.strings("columns");
    double[] nf = num.numbers("fills");
    List<String> cc = cat.strings("columns");
    List<String> cf = cat.strings("fills");
    if (nc.size() != nf.length) {
      throw num.error("columns and fills differ in length: " + nc.size() + " and " + nf.length);
    }
    if (cc.size() != cf.size()) {
      throw cat.error("columns and fills differ in length: " + cc.size() + " and " + cf.size());
    }
    Map<String, Double> n = new LinkedHashMap<>();
    for (int k = 0; k < nc.size(); k++) {
      if (n.put(nc.get(k), nf[k]) != null) {
        throw num.error("column '" + nc.get(k) + "' appears twice");
      }
    }
    Map<String, String> c = new LinkedHashMap<>();
    for (int k = 0; k < cc.size(); k++) {
      if (c.put(cc.get(k), cf.get(k)) != null) {
        throw cat.error("column '" + cc.get(k) + "' appears twice");
      }
    }
    return Imputer.Fitted.of(strategy, n, c);
  }

  private static OneHotEncoder.Fitted readOneHot(JsonIn p, JsonIn st) {
    p.only("handleUnknown");
    String h = p.string("handleUnknown");
    OneHotEncoder.HandleUnknown handling;
    if (h.equals("error")) {
      handling = OneHotEncoder.HandleUnknown.ERROR;
    } else if (h.equals("ignore")) {
      handling = OneHotEncoder.HandleUnknown.IGNORE;
    } else {
      throw p.error("handleUnknown must be \"error\" or \"ignore\", got \"" + h + "\"");
    }
    st.only("columns", "categories");
    List<List<String>> cats = new ArrayList<>();
    for (JsonIn c : st.array("categories")) {
      List<String> list = new ArrayList<>();
      for (JsonIn e : c.elements()) {
        list.add(e.text());
      }
      cats.add(list);
    }
    return OneHotEncoder.Fitted.of(st.strings("columns"), cats, handling);
  }
}
