package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.FittedStep;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files of one-hot encoders with infrequent categories: the optional state field {@code "infrequent"} and the
 * {@code handleUnknown} value {@code "infrequentIfExist"} round-trip, a model without them is written without them
 * (so files written before, {@code fixtures/io/pipeline_before_options.json} among them, load with no infrequent
 * category and are written again byte for byte, as {@link PipelineOptionsFileTest} checks), and corrupted values are
 * refused naming their path. The expectations are exact by construction (counts by hand in the comments).
 */
class OneHotInfrequentFileTest {

  /** city: Köln 3, a 2, b 1, c 1; tier: gold 4, silver 2, bronze 1. */
  static Table table() {
    return Table.builder()
        .categorical("city", new String[] {"Köln", "a", "Köln", "b", "c", "a", "Köln"})
        .categorical("tier", new String[] {"gold", "gold", "silver", "bronze", "gold", "silver", "gold"})
        .numeric("x", new double[] {1, 2, 3, 4, 5, 6, 7})
        .build();
  }

  /** city: b, c infrequent (under 2 rows); tier: bronze, silver grouped (max 2), the block binary, gold dropped. */
  static PipelineModel grouped() {
    return Pipeline.of(
        new OneHotEncoder().minFrequency(2).handleUnknown(OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST)
            .columns("city"),
        new OneHotEncoder().maxCategories(2).drop(OneHotEncoder.Drop.IF_BINARY).columns("tier"),
        new StandardScaler().columns("x")).fit(table());
  }

  private static void assertRejected(String expected, String json) {
    PipelineOptionsFileTest.assertRejected(expected, json);
  }

  private static ObjectNode step(ObjectNode doc, int k) {
    return PipelineOptionsFileTest.step(doc, k);
  }

  private static ObjectNode state(ObjectNode doc, int k) {
    return (ObjectNode) step(doc, k).get("state");
  }

  @Test
  void infrequentCategoriesRoundTrip(@TempDir Path dir) throws IOException {
    PipelineModel p = grouped();
    assertEquals(List.of("city=Köln", "city=a", "city=infrequent_sklearn", "tier=infrequent_sklearn", "x"),
        p.outputColumns());
    Path f = dir.resolve("grouped.json");
    ModelFiles.save(p, f);
    PipelineModel back = ModelFiles.load(f, PipelineModel.class);
    assertEquals(p, back);
    assertEquals(ModelFiles.toJson(p), ModelFiles.toJson(back), "saving the reloaded model gives the same bytes");
    Table fresh = Table.builder().categorical("city", new String[] {"Berlin", "b", "a"})
        .categorical("tier", new String[] {"gold", "bronze", "silver"}).numeric("x", new double[] {4, 4, 4})
        .build();
    // by hand: Berlin, unknown, goes to city's grouped column, b is infrequent, a frequent; tier's gold is dropped,
    // bronze and silver grouped; x = 4 is the mean of 1..7, so 0
    assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0}, back.transform(fresh).toArray());
    assertArrayEquals(p.transform(fresh).toArray(), back.transform(fresh).toArray());
    // tier keeps handleUnknown ERROR: an unknown tier is refused, grouped column or not
    Table platinum = Table.builder().categorical("city", new String[] {"a"})
        .categorical("tier", new String[] {"platinum"}).numeric("x", new double[] {4}).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> back.transform(platinum));
    assertTrue(e.getMessage().contains("unknown category 'platinum'"), e.getMessage());
  }

  @Test
  void theFieldsAreWrittenAsDocumented() {
    ObjectNode doc = ModelFiles.parse(ModelFiles.toJson(grouped()).getBytes(StandardCharsets.UTF_8));
    assertEquals("infrequentIfExist", step(doc, 0).get("parameters").get("handleUnknown").textValue());
    assertEquals("[[\"b\",\"c\"]]", state(doc, 0).get("infrequent").toString());
    assertEquals("error", step(doc, 1).get("parameters").get("handleUnknown").textValue());
    assertEquals("[[\"bronze\",\"silver\"]]", state(doc, 1).get("infrequent").toString());
    // categories_ stays every category, as scikit-learn's
    assertEquals("[[\"Köln\",\"a\",\"b\",\"c\"]]", state(doc, 0).get("categories").toString());
    // a model without grouping is written without the field
    assertFalse(ModelFiles.toJson(PipelineOptionsFileTest.everyOption()).contains("infrequent"));
    assertFalse(ModelFiles.toJson(Pipeline.of(new OneHotEncoder().minFrequency(1).maxCategories(5))
        .fit(table())).contains("\"infrequent\""), "minFrequency 1, maxCategories 5 group nothing: no field");
  }

  @Test
  void aFileWrittenBeforeLoadsWithNoInfrequentCategory() throws IOException {
    String old;
    try (InputStream in = OneHotInfrequentFileTest.class.getResourceAsStream(
        "/fixtures/io/pipeline_before_options.json")) {
      old = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    PipelineModel back = ModelFiles.fromJson(old, PipelineModel.class);
    int encoders = 0;
    for (FittedStep f : back.steps()) {
      if (f instanceof OneHotEncoder.Fitted) {
        OneHotEncoder.Fitted e = (OneHotEncoder.Fitted) f;
        for (List<String> r : e.infrequentCategories()) {
          assertTrue(r.isEmpty());
        }
        encoders++;
      }
    }
    assertEquals(2, encoders);
    assertEquals(old, ModelFiles.toJson(back));
  }

  @Test
  void emptyListsReadAsNoInfrequentCategory() {
    PipelineModel p = PipelineOptionsFileTest.everyOption();
    // step 6 of everyOption() encodes gender
    String json = ModelFilesTest.edit(p, d -> state(d, 6).putArray("infrequent").addArray());
    assertEquals(p, ModelFiles.fromJson(json, PipelineModel.class));
  }

  @Test
  void corruptedValuesAreRefusedNamingTheirPath() {
    PipelineModel p = grouped();
    assertRejected("state.steps[0]: OneHotEncoder: infrequent categories of column 'city' must be among its"
        + " categories [Köln, a, b, c], got 'Berlin'",
        ModelFilesTest.edit(p, d -> ((ArrayNode) state(d, 0).get("infrequent").get(0)).add("Berlin")));
    assertRejected("OneHotEncoder: infrequent categories of column 'city' must be distinct, got 'b' twice",
        ModelFilesTest.edit(p, d -> ((ArrayNode) state(d, 0).get("infrequent").get(0)).add("b")));
    assertRejected("OneHotEncoder: infrequent must have one list per column (1), got 2",
        ModelFilesTest.edit(p, d -> ((ArrayNode) state(d, 0).get("infrequent")).addArray()));
    assertRejected("state.steps[0].state.infrequent: expected an array",
        ModelFilesTest.edit(p, d -> state(d, 0).put("infrequent", "b")));
    assertRejected("state.steps[0].state.infrequent[0]: expected an array",
        ModelFilesTest.edit(p, d -> ((ArrayNode) state(d, 0).get("infrequent")).set(0, 3)));
    assertRejected("state.steps[0].state.infrequent[0][0]: expected a string",
        ModelFilesTest.edit(p, d -> ((ArrayNode) state(d, 0).get("infrequent").get(0)).set(0, 3)));
    assertRejected("state.steps[0].parameters: handleUnknown must be \"error\", \"ignore\" or \"infrequentIfExist\","
        + " got \"infrequent_if_exist\"",
        ModelFilesTest.edit(p, d -> ((ObjectNode) step(d, 0).get("parameters")).put("handleUnknown",
            "infrequent_if_exist")));
    // a removed grouping changes the output columns: refused against the stored outputColumns
    assertRejected("outputColumns", ModelFilesTest.edit(p, d -> state(d, 0).remove("infrequent")));
    // a frequent category named like the grouped column
    assertRejected("has a frequent category 'infrequent_sklearn'", ModelFilesTest.edit(p,
        d -> ((ArrayNode) state(d, 0).get("categories").get(0)).set(1, "infrequent_sklearn")));
  }
}
