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
 *
 * <p><b>Options added to version 1</b> (the scikit-learn options of the steps), each an optional field written only
 * when it differs from its default, so a model without them is written byte for byte as before, every file written
 * before them loads with the defaults, and a library from before them refuses a file that uses one
 * ({@code unexpected field}) rather than load a model that would transform differently:
 * <pre>
 * standardScaler parameters: "withMean": false, "withStd": false     (default true)
 * minMaxScaler   parameters: "clip": true                            (default false)
 * robustScaler   parameters: "unitVariance": true                    (default false; the scales include the factor)
 * oneHotEncoder  parameters: "drop": "first" | "ifBinary"            (default none)
 *                parameters: "handleUnknown": "infrequentIfExist"    (a third value beside "error" and "ignore")
 *                state:      "infrequent": [["a", "d"], [], ...]     (default: no infrequent category; per encoded
 *                            column its infrequent categories, each one of its "categories", in their order)
 * imputer        parameters: "addIndicator": true                    (default false)
 *                state:      "indicators": ["BALANCE", ...]          (present exactly when addIndicator is)
 * </pre>
 * A field present with its default value ({@code "clip": false}, {@code "infrequent": [[], []]}) is read as that
 * value. The one-hot encoder's {@code minFrequency} and {@code maxCategories} are not saved: the infrequent categories
 * they chose at fit time are, and they are all a transform needs.
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
      if (!x.withMean()) {
        p.put("withMean", false);
      }
      if (!x.withStd()) {
        p.put("withStd", false);
      }
      s.set("columns", strings(x.columns()));
      s.set("means", numbers(x.means()));
      s.set("scales", numbers(x.scales()));
    } else if (f instanceof MinMaxScaler.Fitted) {
      MinMaxScaler.Fitted x = (MinMaxScaler.Fitted) f;
      name = "minMaxScaler";
      p.put("rangeMin", x.rangeMin());
      p.put("rangeMax", x.rangeMax());
      if (x.clip()) {
        p.put("clip", true);
      }
      s.set("columns", strings(x.columns()));
      s.set("mins", numbers(x.mins()));
      s.set("maxs", numbers(x.maxs()));
    } else if (f instanceof RobustScaler.Fitted) {
      RobustScaler.Fitted x = (RobustScaler.Fitted) f;
      name = "robustScaler";
      if (x.unitVariance()) {
        p.put("unitVariance", true);
      }
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
      if (x.addIndicator()) {
        p.put("addIndicator", true);
      }
      ObjectNode num = s.putObject("numeric");
      num.set("columns", strings(new ArrayList<>(x.numericFills().keySet())));
      ArrayNode fills = num.putArray("fills");
      for (double v : x.numericFills().values()) {
        fills.add(v);
      }
      ObjectNode cat = s.putObject("categorical");
      cat.set("columns", strings(new ArrayList<>(x.categoricalFills().keySet())));
      cat.set("fills", strings(new ArrayList<>(x.categoricalFills().values())));
      if (x.addIndicator()) {
        s.set("indicators", strings(x.indicatorColumns()));
      }
    } else if (f instanceof OneHotEncoder.Fitted) {
      OneHotEncoder.Fitted x = (OneHotEncoder.Fitted) f;
      name = "oneHotEncoder";
      p.put("handleUnknown", handleUnknown(x.handleUnknown()));
      if (x.drop() != OneHotEncoder.Drop.NONE) {
        p.put("drop", x.drop() == OneHotEncoder.Drop.FIRST ? "first" : "ifBinary");
      }
      s.set("columns", strings(x.columns()));
      ArrayNode cats = s.putArray("categories");
      for (List<String> c : x.categories()) {
        cats.add(strings(c));
      }
      boolean grouped = false;
      for (List<String> c : x.infrequentCategories()) {
        grouped |= !c.isEmpty();
      }
      if (grouped) {
        ArrayNode rare = s.putArray("infrequent");
        for (List<String> c : x.infrequentCategories()) {
          rare.add(strings(c));
        }
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
          p.only("withMean", "withStd");
          st.only("columns", "means", "scales");
          return StandardScaler.Fitted.of(st.strings("columns"), st.numbers("means"), st.numbers("scales"),
              option(p, "withMean", true), option(p, "withStd", true));
        case "minMaxScaler":
          p.only("rangeMin", "rangeMax", "clip");
          st.only("columns", "mins", "maxs");
          return MinMaxScaler.Fitted.of(st.strings("columns"), st.numbers("mins"), st.numbers("maxs"),
              p.number("rangeMin"), p.number("rangeMax"), option(p, "clip", false));
        case "robustScaler":
          p.only("unitVariance");
          st.only("columns", "centers", "scales");
          return RobustScaler.Fitted.of(st.strings("columns"), st.numbers("centers"), st.numbers("scales"),
              option(p, "unitVariance", false));
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

  /** An optional boolean parameter added after the first files: its default when absent (a file written before). */
  private static boolean option(JsonIn p, String field, boolean absent) {
    return p.has(field) ? p.bool(field) : absent;
  }

  private static Imputer.Fitted readImputer(JsonIn p, JsonIn st) {
    p.only("strategy", "addIndicator");
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
    boolean addIndicator = option(p, "addIndicator", false);
    st.only("numeric", "categorical", "indicators");
    List<String> indicators = List.of();
    if (addIndicator) {
      indicators = st.strings("indicators"); // required: "missing field" when absent
    } else if (st.has("indicators")) {
      throw st.error("indicators are written only with parameters.addIndicator true");
    }
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
    return Imputer.Fitted.of(strategy, n, c, addIndicator, indicators);
  }

  private static String handleUnknown(OneHotEncoder.HandleUnknown h) {
    switch (h) {
      case ERROR:
        return "error";
      case IGNORE:
        return "ignore";
      default:
        return "infrequentIfExist";
    }
  }

  private static OneHotEncoder.Fitted readOneHot(JsonIn p, JsonIn st) {
    p.only("handleUnknown", "drop");
    String h = p.string("handleUnknown");
    OneHotEncoder.HandleUnknown handling;
    if (h.equals("error")) {
      handling = OneHotEncoder.HandleUnknown.ERROR;
    } else if (h.equals("ignore")) {
      handling = OneHotEncoder.HandleUnknown.IGNORE;
    } else if (h.equals("infrequentIfExist")) {
      handling = OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST;
    } else {
      throw p.error("handleUnknown must be \"error\", \"ignore\" or \"infrequentIfExist\", got \""
          + (h.length() > 40 ? h.substring(0, 37) + "..." : h) + "\"");
    }
    OneHotEncoder.Drop drop = OneHotEncoder.Drop.NONE;
    if (p.has("drop")) {
      String d = p.string("drop");
      if (d.equals("first")) {
        drop = OneHotEncoder.Drop.FIRST;
      } else if (d.equals("ifBinary")) {
        drop = OneHotEncoder.Drop.IF_BINARY;
      } else {
        throw p.error("drop must be \"first\" or \"ifBinary\", got \"" + (d.length() > 40 ? d.substring(0, 37)
            + "..." : d) + "\"");
      }
    }
    st.only("columns", "categories", "infrequent");
    List<List<String>> cats = new ArrayList<>();
    for (JsonIn c : st.array("categories")) {
      List<String> list = new ArrayList<>();
      for (JsonIn e : c.elements()) {
        list.add(e.text());
      }
      cats.add(list);
    }
    List<List<String>> rare = null;
    if (st.has("infrequent")) {
      rare = new ArrayList<>();
      for (JsonIn c : st.array("infrequent")) {
        List<String> list = new ArrayList<>();
        for (JsonIn e : c.elements()) {
          list.add(e.text());
        }
        rare.add(list);
      }
    }
    return OneHotEncoder.Fitted.of(st.strings("columns"), cats, handling, drop, rare);
  }
}
