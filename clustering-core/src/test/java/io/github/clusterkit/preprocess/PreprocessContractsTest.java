package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The public contracts of every step that the by-hand and reference tests leave open (found by a PIT mutation audit):
 * equality and hash codes of configurations and fitted steps (they key caches and compare model files), the text of
 * toString (it appears in PipelineModel's and in error messages), and the validation of the columns a fitted step is
 * given at transform time and of the state it is rebuilt from. Expectations follow from the contracts themselves
 * (Object.equals/hashCode, the Javadoc of each step), no numbers are involved.
 */
class PreprocessContractsTest {

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  /**
   * Each supplier builds a fresh object that equals itself when built again and differs from every other one in
   * exactly one setting (or in its kind); equal ones have equal hash codes, and the hash codes are not all one value.
   */
  private static void assertDistinctAndRebuildable(List<Supplier<Object>> makers) {
    Set<Integer> hashes = new HashSet<>();
    for (int a = 0; a < makers.size(); a++) {
      Object x = makers.get(a).get();
      Object again = makers.get(a).get();
      assertEquals(x, again, x::toString);
      assertEquals(x.hashCode(), again.hashCode(), x::toString);
      assertNotEquals(x, null);
      assertNotEquals(x, "a string");
      hashes.add(x.hashCode());
      for (int b = 0; b < makers.size(); b++) {
        if (a != b) {
          Object y = makers.get(b).get();
          assertNotEquals(x, y, x + " and " + y);
        }
      }
    }
    assertTrue(hashes.size() > 1, "hash codes spread over distinct values: " + hashes);
  }

  @Test
  void configurationsAreEqualExactlyWhenEverySettingIs() {
    assertDistinctAndRebuildable(List.of(
        StandardScaler::new,
        () -> new StandardScaler().columns("a"),
        () -> new StandardScaler().columns("b"),
        () -> new StandardScaler().withMean(false),
        () -> new StandardScaler().withStd(false),
        () -> new StandardScaler().withMean(false).withStd(false),
        MinMaxScaler::new,
        () -> new MinMaxScaler().columns("a"),
        () -> new MinMaxScaler().range(0, 2),
        () -> new MinMaxScaler().range(-1, 1),
        () -> new MinMaxScaler().clip(true),
        () -> new MinMaxScaler().range(-1, 1).clip(true),
        RobustScaler::new,
        () -> new RobustScaler().columns("a"),
        () -> new RobustScaler().quantileRange(10, 75),
        () -> new RobustScaler().quantileRange(25, 90),
        () -> new RobustScaler().unitVariance(true),
        () -> new RobustScaler().quantileRange(25, 90).unitVariance(true),
        Log1p::new,
        () -> new Log1p().columns("a"),
        Imputer::mean,
        Imputer::median,
        Imputer::mostFrequent,
        () -> Imputer.mean().columns("a"),
        () -> Imputer.constant(1.0),
        () -> Imputer.constant(2.0),
        () -> Imputer.constant("x"),
        () -> Imputer.constant("y"),
        () -> Imputer.mean().addIndicator(true),
        () -> Imputer.constant("x").addIndicator(true),
        OneHotEncoder::new,
        () -> new OneHotEncoder().columns("a"),
        () -> new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE),
        () -> new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST),
        () -> new OneHotEncoder().drop(OneHotEncoder.Drop.IF_BINARY),
        () -> new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST).handleUnknown(OneHotEncoder.HandleUnknown.IGNORE),
        () -> ColumnSelector.keep("a"),
        () -> ColumnSelector.drop("a"),
        () -> ColumnSelector.keep("b")));
    // pipelines: equal steps in the same order
    assertDistinctAndRebuildable(List.of(
        () -> Pipeline.of(),
        () -> Pipeline.of(Imputer.median(), new StandardScaler()),
        () -> Pipeline.of(new StandardScaler(), Imputer.median()),
        () -> Pipeline.of(Imputer.median(), new StandardScaler().columns("a")),
        () -> Pipeline.of(Imputer.median())));
    assertEquals(Pipeline.of(Imputer.median(), new StandardScaler()),
        Pipeline.of(List.of(Imputer.median(), new StandardScaler())));
    assertEquals(Imputer.Strategy.MEDIAN, Imputer.median().strategy());
    assertEquals(Imputer.Strategy.CONSTANT, Imputer.constant("x").columns("g").strategy());
    // The options: equal by equivalent calls (in any order, set and reset), and the defaults equal the plain steps.
    assertEquals(new StandardScaler(),
        new StandardScaler().withMean(false).withStd(false).withStd(true).withMean(true));
    assertEquals(new StandardScaler().withStd(false).columns("a"), new StandardScaler().columns("a").withStd(false));
    assertEquals(new MinMaxScaler(), new MinMaxScaler().clip(true).clip(false));
    assertEquals(new MinMaxScaler().clip(true).range(-1, 1), new MinMaxScaler().range(-1, 1).clip(true));
    assertEquals(new RobustScaler(), new RobustScaler().unitVariance(true).unitVariance(false));
    assertEquals(new RobustScaler().unitVariance(true).columns("a"),
        new RobustScaler().columns("a").unitVariance(true));
    assertEquals(Imputer.median(), Imputer.median().addIndicator(true).addIndicator(false));
    assertEquals(Imputer.median().addIndicator(true).columns("a"), Imputer.median().columns("a").addIndicator(true));
    assertEquals(new OneHotEncoder(),
        new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST).drop(OneHotEncoder.Drop.NONE));
    assertEquals(new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST).columns("a"),
        new OneHotEncoder().columns("a").drop(OneHotEncoder.Drop.FIRST));
  }

  @Test
  void fittedStepsAreEqualExactlyWhenTheirStateIs() {
    List<String> a = List.of("a");
    List<String> b = List.of("b");
    assertDistinctAndRebuildable(List.of(
        () -> StandardScaler.Fitted.of(a, new double[] {1}, new double[] {2}),
        () -> StandardScaler.Fitted.of(b, new double[] {1}, new double[] {2}),
        () -> StandardScaler.Fitted.of(a, new double[] {0}, new double[] {2}),
        () -> StandardScaler.Fitted.of(a, new double[] {1}, new double[] {3}),
        () -> StandardScaler.Fitted.of(a, new double[] {1}, new double[] {2}, false, true),
        () -> StandardScaler.Fitted.of(a, new double[] {1}, new double[] {2}, true, false),
        () -> StandardScaler.Fitted.of(a, new double[] {1}, new double[] {2}, false, false),
        () -> MinMaxScaler.Fitted.of(a, new double[] {1}, new double[] {2}, 0, 1),
        () -> MinMaxScaler.Fitted.of(b, new double[] {1}, new double[] {2}, 0, 1),
        () -> MinMaxScaler.Fitted.of(a, new double[] {0}, new double[] {2}, 0, 1),
        () -> MinMaxScaler.Fitted.of(a, new double[] {1}, new double[] {3}, 0, 1),
        () -> MinMaxScaler.Fitted.of(a, new double[] {1}, new double[] {2}, -1, 1),
        () -> MinMaxScaler.Fitted.of(a, new double[] {1}, new double[] {2}, 0, 2),
        () -> MinMaxScaler.Fitted.of(a, new double[] {1}, new double[] {2}, 0, 1, true),
        () -> RobustScaler.Fitted.of(a, new double[] {1}, new double[] {2}),
        () -> RobustScaler.Fitted.of(b, new double[] {1}, new double[] {2}),
        () -> RobustScaler.Fitted.of(a, new double[] {0}, new double[] {2}),
        () -> RobustScaler.Fitted.of(a, new double[] {1}, new double[] {3}),
        () -> RobustScaler.Fitted.of(a, new double[] {1}, new double[] {2}, true),
        () -> Log1p.Fitted.of(a),
        () -> Log1p.Fitted.of(b),
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, Map.of("a", 1.0), Map.of()),
        () -> Imputer.Fitted.of(Imputer.Strategy.MEDIAN, Map.of("a", 1.0), Map.of()),
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, Map.of("a", 2.0), Map.of()),
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, Map.of("b", 1.0), Map.of()),
        () -> Imputer.Fitted.of(Imputer.Strategy.CONSTANT, Map.of(), Map.of("a", "x")),
        () -> Imputer.Fitted.of(Imputer.Strategy.CONSTANT, Map.of(), Map.of("a", "y")),
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, Map.of("a", 1.0), Map.of(), true, List.of()),
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, Map.of("a", 1.0), Map.of(), true, List.of("a")),
        () -> OneHotEncoder.Fitted.of(a, List.of(List.of("x", "y")), OneHotEncoder.HandleUnknown.ERROR),
        () -> OneHotEncoder.Fitted.of(b, List.of(List.of("x", "y")), OneHotEncoder.HandleUnknown.ERROR),
        () -> OneHotEncoder.Fitted.of(a, List.of(List.of("y", "x")), OneHotEncoder.HandleUnknown.ERROR),
        () -> OneHotEncoder.Fitted.of(a, List.of(List.of("x", "y")), OneHotEncoder.HandleUnknown.IGNORE),
        () -> OneHotEncoder.Fitted.of(a, List.of(List.of("x", "y")), OneHotEncoder.HandleUnknown.ERROR,
            OneHotEncoder.Drop.FIRST),
        () -> OneHotEncoder.Fitted.of(a, List.of(List.of("x", "y")), OneHotEncoder.HandleUnknown.ERROR,
            OneHotEncoder.Drop.IF_BINARY),
        () -> ColumnSelector.Fitted.of(a),
        () -> ColumnSelector.Fitted.of(List.of("a", "b"))));
  }

  @Test
  void toStringNamesTheStepAndItsColumns() {
    List<Object> steps = List.of(new StandardScaler().columns("col"), new MinMaxScaler().columns("col"),
        new RobustScaler().columns("col"), new Log1p().columns("col"), Imputer.median().columns("col"),
        new OneHotEncoder().columns("col"), ColumnSelector.keep("col"), ColumnSelector.drop("col"));
    Table t = Table.builder().numeric("col", new double[] {1, 2}).categorical("g", new String[] {"x", "y"}).build();
    Table c = Table.builder().categorical("col", new String[] {"x", "y"}).numeric("n", new double[] {1, 2}).build();
    List<Object> fitted = List.of(new StandardScaler().fit(t), new MinMaxScaler().fit(t), new RobustScaler().fit(t),
        new Log1p().fit(t), Imputer.median().fit(t), new OneHotEncoder().fit(c), ColumnSelector.keep("col").fit(t));
    List<Object> all = new ArrayList<>(steps);
    all.addAll(fitted);
    for (Object s : all) {
      String name = s.getClass().getEnclosingClass() == null ? s.getClass().getSimpleName()
          : s.getClass().getEnclosingClass().getSimpleName();
      assertTrue(s.toString().startsWith(name), s::toString);
      assertTrue(s.toString().contains("[col]"), s::toString);
    }
    // Defaults (every column of a kind) name no columns; they print without failing.
    for (Object s : List.of(new StandardScaler(), new MinMaxScaler(), new RobustScaler(), new Log1p(), Imputer.mean(),
        new OneHotEncoder())) {
      assertTrue(s.toString().startsWith(s.getClass().getSimpleName()), s::toString);
      assertTrue(!s.toString().contains("[col]"), s::toString);
    }
    assertTrue(ColumnSelector.keep("col").toString().contains(".keep"), "keep or drop is part of the configuration");
    // An option that is not the default shows in the text, beside the columns; the defaults print as before.
    Table numbers = Table.builder().numeric("col", new double[] {1, Double.NaN, 4}).build();
    Table twoCats = Table.builder().categorical("col", new String[] {"x", "y", "x"}).build();
    List<Object> withOptions = List.of(new StandardScaler().withMean(false).columns("col"),
        new StandardScaler().withStd(false).fit(numbers), new MinMaxScaler().clip(true).columns("col"),
        new MinMaxScaler().clip(true).fit(numbers), new RobustScaler().unitVariance(true).columns("col"),
        new RobustScaler().unitVariance(true).fit(numbers), Imputer.mean().addIndicator(true).columns("col"),
        Imputer.mean().addIndicator(true).fit(numbers),
        new OneHotEncoder().drop(OneHotEncoder.Drop.IF_BINARY).columns("col"),
        new OneHotEncoder().drop(OneHotEncoder.Drop.FIRST).fit(twoCats));
    List<String> shown = List.of("withMean=false", "withStd=false", "(clip)", "(clip)", "unitVariance",
        "(unitVariance)", "addIndicator", "indicators [col]", "drop IF_BINARY", "(drop FIRST)");
    for (int i = 0; i < withOptions.size(); i++) {
      String text = withOptions.get(i).toString();
      assertTrue(text.contains(shown.get(i)) && text.endsWith("[col]"), text);
    }
    assertEquals("StandardScaler[col]", new StandardScaler().columns("col").toString());
    assertEquals("MinMaxScaler[0.0, 1.0][col]", new MinMaxScaler().columns("col").toString());
    assertTrue(ColumnSelector.drop("col").toString().contains(".drop"));
    Pipeline p = Pipeline.of(new Log1p().columns("col"));
    assertEquals("Pipeline[Log1p[col]]", p.toString());
    PipelineModel m = Pipeline.of(ColumnSelector.keep("col"), new Log1p()).fit(t);
    assertTrue(m.toString().contains("1 outputs") && m.toString().contains("Log1p.Fitted[col]"), m::toString);
  }

  @Test
  void pipelineThenAppendsAStepAndPipelineModelsCompareTheirState() {
    Pipeline one = Pipeline.of(new Log1p());
    Pipeline two = one.then(new StandardScaler());
    assertEquals(List.of(new Log1p()), one.steps(), "then returns a new pipeline, the old one is unchanged");
    assertEquals(List.of(new Log1p(), new StandardScaler()), two.steps());
    assertMessage("step must not be null", () -> one.then(null));

    Table t = Table.builder().numeric("a", new double[] {1, 2, 4}).numeric("b", new double[] {0, 1, 3}).build();
    PipelineModel m = two.fit(t);
    PipelineModel same = Pipeline.of(new Log1p(), new StandardScaler()).fit(t);
    assertEquals(m, same);
    assertEquals(m.hashCode(), same.hashCode());
    assertNotEquals(m, Pipeline.of(new Log1p()).fit(t), "other steps");
    assertNotEquals(m, two.fit(t.select("a")), "other input columns");
    assertNotEquals(m, null);
  }

  @Test
  void fittedStepsCheckTheColumnsTheyAreGivenNamingTheStep() {
    // Without these checks a missing column passed silently: the scalers, the encoder and the imputer transformed
    // the other columns and left it out, so a later step or the Dataset had a column fewer than fitted.
    Table t = Table.builder().numeric("a", new double[] {1, 2, 4}).categorical("g", new String[] {"x", "y", "x"})
        .build();
    Table noA = t.drop("a");
    Table aIsText = Table.builder().categorical("a", new String[] {"1", "2"}).categorical("g", new String[] {"x",
        "y"}).build();
    for (FittedStep f : List.of(new StandardScaler().fit(t), new MinMaxScaler().fit(t), new RobustScaler().fit(t),
        new Log1p().fit(t), Imputer.median().fit(t))) {
      String name = f.getClass().getEnclosingClass().getSimpleName();
      assertMessage(name + ": the table has no column 'a'; columns are [g]", () -> f.transform(noA));
      assertMessage(name + ": column 'a' is categorical, expected numeric", () -> f.transform(aIsText));
    }
    OneHotEncoder.Fitted oh = new OneHotEncoder().fit(t);
    assertMessage("OneHotEncoder: the table has no column 'g'; columns are [a]", () -> oh.transform(t.drop("g")));
    Imputer.Fitted text = Imputer.mostFrequent().fit(t);
    assertMessage("Imputer: the table has no column 'g'", () -> text.transform(t.drop("g")));
    Table gIsNumber = Table.builder().numeric("a", new double[] {1}).numeric("g", new double[] {1}).build();
    assertMessage("Imputer: column 'g' is numeric, expected categorical", () -> text.transform(gIsNumber));
    assertMessage("ColumnSelector: the table has no column 'a'; columns are [g]",
        () -> ColumnSelector.keep("a").fit(t).transform(noA));
    // The most-frequent imputer takes columns of both kinds: a named column must still exist.
    assertMessage("Imputer: the table has no column 'nope'", () -> Imputer.mostFrequent().columns("nope").fit(t));
  }

  @Test
  void rebuiltStateIsValidatedWithMessagesNamingTheValue() {
    assertMessage("StandardScaler: column names must be non-empty, got \"\" at position 0",
        () -> new StandardScaler().columns(""));
    assertMessage("Log1p: column names must be non-empty, got null at position 1",
        () -> Log1p.Fitted.of(java.util.Arrays.asList("a", null)));
    Map<String, Double> emptyName = new LinkedHashMap<>();
    emptyName.put("", 1.0);
    assertMessage("Imputer: column names must be non-empty, got \"\"",
        () -> Imputer.Fitted.of(Imputer.Strategy.MEAN, emptyName, Map.of()));
    Map<String, String> nullName = new LinkedHashMap<>();
    nullName.put(null, "x");
    assertMessage("Imputer: column names must be non-empty, got null",
        () -> Imputer.Fitted.of(Imputer.Strategy.CONSTANT, Map.of(), nullName));
    assertMessage("OneHotEncoder: categories must have one list per column (1), got null",
        () -> OneHotEncoder.Fitted.of(List.of("g"), null, OneHotEncoder.HandleUnknown.ERROR));
    assertMessage("OneHotEncoder: categories must have one list per column (1), got 0",
        () -> OneHotEncoder.Fitted.of(List.of("g"), List.of(), OneHotEncoder.HandleUnknown.ERROR));
    assertMessage("PipelineModel: inputTypes must have one type per input column (1), got null",
        () -> PipelineModel.of(List.of("a"), null, List.of()));
    assertMessage("PipelineModel: inputTypes must have one type per input column (1), got 2",
        () -> PipelineModel.of(List.of("a"), List.of(ColumnType.NUMERIC, ColumnType.NUMERIC), List.of()));
  }
}
