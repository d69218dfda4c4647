package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.FittedStep;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.MinMaxScaler;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.RobustScaler;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of pipelines with the scikit-learn options of the steps ({@code withMean}, {@code withStd},
 * {@code clip}, {@code unitVariance}, {@code drop}, {@code addIndicator}): each option round-trips, a file written
 * before the options existed ({@code fixtures/io/pipeline_before_options.json}, written by
 * {@link ModelFilesTest#everyStep()} at commit f3aa223) loads with the defaults and is written again byte for byte,
 * and a corrupted option is refused naming its path. The expectations are exact by construction.
 */
class PipelineOptionsFileTest {

  /** {@link ModelFilesTest#table()}'s steps, every option set away from its default. */
  static PipelineModel everyOption() {
    return Pipeline.of(ColumnSelector.drop("id"), Imputer.median().addIndicator(true),
        Imputer.mostFrequent().columns("gender"), Imputer.constant("unknown").addIndicator(true),
        new RobustScaler().columns("income").unitVariance(true).quantileRange(10, 90),
        new MinMaxScaler().range(-1, 1).clip(true).columns("score"),
        new OneHotEncoder().drop(OneHotEncoder.Drop.IF_BINARY).columns("gender"),
        new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).drop(OneHotEncoder.Drop.FIRST)
            .columns("city"),
        new StandardScaler().withMean(false).columns("score"),
        new StandardScaler().withStd(false).columns("income_missing")).fit(ModelFilesTest.table());
  }

  private static String oldFile() throws IOException {
    try (InputStream in = PipelineOptionsFileTest.class.getResourceAsStream(
        "/fixtures/io/pipeline_before_options.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void assertRejected(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.fromJson(json, PipelineModel.class));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  static ObjectNode step(ObjectNode doc, int k) {
    return (ObjectNode) doc.get("state").get("steps").get(k);
  }

  private static ObjectNode parameters(ObjectNode doc, int k) {
    return (ObjectNode) step(doc, k).get("parameters");
  }

  private static String edit(PipelineModel m, Consumer<ObjectNode> change) {
    return ModelFilesTest.edit(m, change);
  }

  @Test
  void aFileWrittenBeforeTheOptionsLoadsWithTheDefaults() throws IOException {
    String old = oldFile();
    PipelineModel back = ModelFiles.fromJson(old, PipelineModel.class);
    assertEquals(ModelFilesTest.everyStep(), back, "the same steps as fitted today with the defaults");
    for (FittedStep f : back.steps()) {
      if (f instanceof StandardScaler.Fitted) {
        assertTrue(((StandardScaler.Fitted) f).withMean() && ((StandardScaler.Fitted) f).withStd());
      } else if (f instanceof MinMaxScaler.Fitted) {
        assertFalse(((MinMaxScaler.Fitted) f).clip());
      } else if (f instanceof RobustScaler.Fitted) {
        assertFalse(((RobustScaler.Fitted) f).unitVariance());
      } else if (f instanceof OneHotEncoder.Fitted) {
        assertEquals(OneHotEncoder.Drop.NONE, ((OneHotEncoder.Fitted) f).drop());
      } else if (f instanceof Imputer.Fitted) {
        assertFalse(((Imputer.Fitted) f).addIndicator());
        assertEquals(List.of(), ((Imputer.Fitted) f).indicatorColumns());
      }
    }
    assertArrayEquals(ModelFilesTest.everyStep().transform(ModelFilesTest.table()).toArray(),
        back.transform(ModelFilesTest.table()).toArray());
    // A model without options is written as before, byte for byte (the library version aside: the fixture has the
    // one of its day), so a library from before the options reads the files of this one that use none.
    String now = ModelFiles.toJson(back);
    ObjectNode a = ModelFiles.parse(old.getBytes(StandardCharsets.UTF_8));
    ObjectNode b = ModelFiles.parse(now.getBytes(StandardCharsets.UTF_8));
    assertEquals(a.get("state"), b.get("state"));
    assertEquals(a.get("checksum"), b.get("checksum"), "the checksum covers libraryVersion: the same one");
    assertEquals(old, now);
  }

  @Test
  void everyOptionRoundTrips(@TempDir Path dir) throws IOException {
    PipelineModel p = everyOption();
    Path f = dir.resolve("options.json");
    ModelFiles.save(p, f);
    PipelineModel back = ModelFiles.load(f, PipelineModel.class);
    assertEquals(p, back);
    assertEquals(p.outputColumns(), back.outputColumns());
    Table t = ModelFilesTest.table();
    assertArrayEquals(p.transform(t).toArray(), back.transform(t).toArray());
    assertEquals(ModelFiles.toJson(p), ModelFiles.toJson(back), "saving the reloaded model gives the same bytes");
    // the options as the format documents them, each in its step
    ObjectNode doc = ModelFiles.parse(ModelFiles.toJson(p).getBytes(StandardCharsets.UTF_8));
    assertEquals(true, parameters(doc, 1).get("addIndicator").booleanValue());
    assertEquals("[\"income\"]", step(doc, 1).get("state").get("indicators").toString());
    // gender's gap was filled by the most-frequent imputer before: only city has one left
    assertEquals("[\"city\"]", step(doc, 3).get("state").get("indicators").toString());
    assertFalse(parameters(doc, 2).has("addIndicator"), "a default is not written");
    assertFalse(step(doc, 2).get("state").has("indicators"));
    assertEquals(true, parameters(doc, 4).get("unitVariance").booleanValue());
    assertEquals(true, parameters(doc, 5).get("clip").booleanValue());
    assertEquals("ifBinary", parameters(doc, 6).get("drop").textValue());
    assertEquals("first", parameters(doc, 7).get("drop").textValue());
    assertEquals(false, parameters(doc, 8).get("withMean").booleanValue());
    assertFalse(parameters(doc, 8).has("withStd"));
    assertEquals(false, parameters(doc, 9).get("withStd").booleanValue());
    assertFalse(parameters(doc, 9).has("withMean"));
    // every output column the options add or remove (by hand from ModelFilesTest.table()): gender has the
    // categories Female and Male after the fill, so IF_BINARY drops Female; city's first category is Köln
    assertTrue(p.outputColumns().contains("gender=Male") && !p.outputColumns().contains("gender=Female"),
        p.outputColumns()::toString);
    assertTrue(p.outputColumns().containsAll(List.of("income_missing", "city_missing")), p.outputColumns()::toString);
    assertFalse(p.outputColumns().contains("gender_missing"), p.outputColumns()::toString);
    assertFalse(p.outputColumns().contains("city=Köln"), p.outputColumns()::toString);
  }

  @Test
  void anOptionWrittenWithItsDefaultValueReadsAsTheDefault() {
    PipelineModel p = ModelFilesTest.everyStep();
    // steps of everyStep(): 1 median imputer, 5 robust, 6 min-max, 7 one-hot, 9 standard
    String json = edit(p, d -> {
      parameters(d, 1).put("addIndicator", false);
      parameters(d, 5).put("unitVariance", false);
      parameters(d, 6).put("clip", false);
      parameters(d, 9).put("withMean", true);
      parameters(d, 9).put("withStd", true);
    });
    assertEquals(p, ModelFiles.fromJson(json, PipelineModel.class));
  }

  @Test
  void corruptedOptionsAreRefusedNamingTheirPath() {
    PipelineModel p = everyOption();
    assertRejected("state.steps[8].parameters.withMean: expected true or false, got \"no\"",
        edit(p, d -> parameters(d, 8).put("withMean", "no")));
    assertRejected("state.steps[9].parameters.withStd: expected true or false, got 0",
        edit(p, d -> parameters(d, 9).put("withStd", 0)));
    assertRejected("state.steps[5].parameters.clip: expected true or false, got 1",
        edit(p, d -> parameters(d, 5).put("clip", 1)));
    assertRejected("state.steps[4].parameters.unitVariance: expected true or false, got \"yes\"",
        edit(p, d -> parameters(d, 4).put("unitVariance", "yes")));
    assertRejected("state.steps[6].parameters: drop must be \"first\" or \"ifBinary\", got \"last\"",
        edit(p, d -> parameters(d, 6).put("drop", "last")));
    assertRejected("state.steps[6].parameters: drop must be \"first\" or \"ifBinary\", got \"if_binary\"",
        edit(p, d -> parameters(d, 6).put("drop", "if_binary")));
    assertRejected("state.steps[6].parameters.drop: expected a string, got true",
        edit(p, d -> parameters(d, 6).put("drop", true)));
    assertRejected("state.steps[1].parameters: missing field \"addIndicator\"",
        edit(p, d -> parameters(d, 1).putNull("addIndicator")));
    // indicators without addIndicator, addIndicator without indicators, an indicator of a column not filled
    assertRejected("state.steps[1].state: indicators are written only with parameters.addIndicator true",
        edit(p, d -> parameters(d, 1).remove("addIndicator")));
    assertRejected("state.steps[1].state: missing field \"indicators\"",
        edit(p, d -> ((ObjectNode) step(d, 1).get("state")).remove("indicators")));
    assertRejected("state.steps[1]: Imputer: indicator column 'gender' must be one of the columns the imputer fills",
        edit(p, d -> ((ArrayNode) step(d, 1).get("state").get("indicators")).set(0, "gender")));
    assertRejected("Imputer: indicator columns must be distinct, got 'income' twice",
        edit(p, d -> ((ArrayNode) step(d, 1).get("state").get("indicators")).add("income")));
    assertRejected("state.steps[1].state.indicators: expected an array",
        edit(p, d -> ((ObjectNode) step(d, 1).get("state")).put("indicators", "income")));
    // an indicator removed from the list changes the columns the steps produce
    assertRejected("does not fit the columns before it",
        edit(p, d -> ((ArrayNode) step(d, 1).get("state").get("indicators")).remove(0)));
    // an option in a step that has no such option is an unexpected field
    assertRejected("state.steps[4].parameters: unexpected field \"clip\"",
        edit(p, d -> parameters(d, 4).put("clip", true)));
    // a changed drop rule that changes the output columns (city has four categories: if_binary keeps them all)
    // differs from the stored outputColumns; a changed option that changes only values is caught by the checksum
    assertRejected("outputColumns", edit(p, d -> parameters(d, 7).put("drop", "ifBinary")));
    assertRejected("checksum mismatch", ModelFiles.toJson(p).replace("\"withMean\" : false", "\"withMean\" : true"));
  }
}
