package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The input layout {@link PipelineModel#transform} requires: the columns whose values reach the output, with their
 * fit-time types; columns that no step uses (such as a dropped id) may be absent or of any type.
 *
 * <p>Oracles: hand arithmetic (in the comments), and {@link #stepByStep}, the fitted steps applied one by one to the
 * table's input columns, which is what {@code transform} did before (when it required every input column), so for a
 * table that it accepted then its output must be the same, bit for bit.
 */
class PipelineInputLayoutTest {

  private static final double NA = Double.NaN;

  /** Customers with an id and a postcode read as categories (a leading zero). */
  static Table customers() {
    return Table.builder()
        .categorical("customer_id", new String[] {"C1", "C2", "C3", "C4"})
        .categorical("postcode", new String[] {"01234", "10115", "80331", "01234"})
        .numeric("income", new double[] {10, 20, NA, 50})
        .categorical("gender", new String[] {"Male", "Female", "Female", null})
        .numeric("age", new double[] {20, 30, 40, 50})
        .build();
  }

  static PipelineModel model() {
    return Pipeline.of(ColumnSelector.drop("customer_id", "postcode"), Imputer.median(), Imputer.mostFrequent(),
        new OneHotEncoder(), new StandardScaler().columns("income", "age")).fit(customers());
  }

  /** The steps applied one by one to the input columns: {@code transformTable} before the required-column rule. */
  static Table stepByStep(PipelineModel p, Table t) {
    Table c = t.select(p.inputColumns());
    for (FittedStep f : p.steps()) {
      c = f.transform(c);
    }
    return c;
  }

  /** Two new customers, with every input column (the layout accepted before). */
  private static Table newCustomersWithIds() {
    return Table.builder()
        .categorical("customer_id", new String[] {"N1", "N2"})
        .categorical("postcode", new String[] {"04109", "01067"})
        .numeric("income", new double[] {25, NA})
        .categorical("gender", new String[] {"Male", null})
        .numeric("age", new double[] {35, 45})
        .build();
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  @Test
  void newFileWithoutTheDroppedIdColumn() {
    PipelineModel p = model();
    Table full = newCustomersWithIds();
    Table noIds = full.drop("customer_id", "postcode");
    assertEquals(stepByStep(p, full), p.transformTable(noIds));
    assertEquals(p.transform(full), p.transform(noIds));
    assertEquals(List.of("income", "gender", "age"), p.requiredColumns());
    assertEquals(List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.NUMERIC), p.requiredTypes());
    // income: median 20 of {10, 20, 50} fills row 2 -> {10, 20, 20, 50}, mean 25, population std 15.
    // age {20, 30, 40, 50}: mean 35, population std sqrt(125). gender: most frequent "Female" (2 of 3).
    // N1: income 25 -> 0, Male -> (0, 1), age 35 -> 0. N2: income missing -> 20 -> -5/15, gender -> Female (1, 0),
    // age 45 -> 10 / sqrt(125).
    assertArrayEquals(new double[] {0, 0, 1, 0}, p.transform(noIds).row(0));
    assertArrayEquals(new double[] {-5.0 / 15, 1, 0, 10 / Math.sqrt(125)}, p.transform(noIds).row(1), 1e-15);
  }

  @Test
  void droppedColumnsOfTheOtherType() {
    // The postcode of the new file has no leading zero, so a CSV reader types it numeric; the ids are numbers.
    PipelineModel p = model();
    Table full = newCustomersWithIds();
    Table retyped = Table.builder()
        .numeric("customer_id", new double[] {101, 102})
        .numeric("postcode", new double[] {4109, 1067})
        .column(full, "income").column(full, "gender").column(full, "age")
        .build();
    assertEquals(stepByStep(p, full), p.transformTable(retyped));
  }

  @Test
  void extraAndReorderedColumnsWithoutTheDroppedOnes() {
    PipelineModel p = model();
    Table full = newCustomersWithIds();
    Table shuffled = Table.builder()
        .column(full, "age")
        .categorical("notes", new String[] {"vip", null})
        .column(full, "gender")
        .numeric("extra", new double[] {1, 2})
        .column(full, "income")
        .build();
    assertEquals(stepByStep(p, full), p.transformTable(shuffled));
    assertEquals(p.outputColumns(), p.transformTable(shuffled).columnNames());
  }

  @Test
  void aRequiredColumnMissingOrOfTheWrongTypeIsNamedWithTheStepAndTheRule() {
    PipelineModel p = model();
    Table noIds = newCustomersWithIds().drop("customer_id", "postcode");
    // The steps are counted from 0: 0 is the ColumnSelector, 1 the median Imputer, 2 the most-frequent Imputer.
    assertMessage("the table has no column 'income', which the pipeline was fitted on: step 1 (Imputer) reads it;"
        + " a table to transform needs every column whose values reach the output (requiredColumns()), with the"
        + " type seen at fit time; other columns, such as one a ColumnSelector drops, may be absent or of any type;"
        + " columns are [gender, age]", () -> p.transform(noIds.drop("income")));
    assertMessage("no column 'gender', which the pipeline was fitted on: step 2 (Imputer) reads it",
        () -> p.transform(noIds.drop("gender")));
    Table textAge = Table.builder().column(noIds, "income").column(noIds, "gender")
        .categorical("age", new String[] {"35", "old"}).build();
    assertMessage("column 'age' is categorical, but the pipeline was fitted on a numeric column: step 1 (Imputer)"
        + " reads it; a table to transform needs every column whose values reach the output",
        () -> p.transform(textAge));
    // A column no step reads but that reaches the output as it is.
    PipelineModel keep = Pipeline.of(ColumnSelector.keep("age", "income"), Imputer.median().columns("income"))
        .fit(customers());
    assertEquals(List.of("income", "age"), keep.requiredColumns());
    assertMessage("no column 'age', which the pipeline was fitted on: the pipeline passes it to its output as it"
        + " is;", () -> keep.transform(noIds.drop("age")));
  }

  @Test
  void aColumnReadBeforeItIsDroppedIsNotRequired() {
    // Imputer.mostFrequent() fills every column, the ids too, before the selector drops them: the fills of the
    // ids never reach the output.
    PipelineModel p = Pipeline.of(Imputer.mostFrequent(), ColumnSelector.drop("customer_id", "postcode"),
        new OneHotEncoder(), new StandardScaler()).fit(customers());
    Table full = newCustomersWithIds();
    assertEquals(stepByStep(p, full), p.transformTable(full.drop("customer_id")));
    assertEquals(List.of("income", "gender", "age"), p.requiredColumns());
    // A keep-only selection after the one-hot encoder: gender still reaches the output through gender=Female,
    // age does not. These encoders also encode the ids, so the layout accepted before had ids known at fit time.
    Table known = Table.builder().categorical("customer_id", new String[] {"C1", "C2"})
        .categorical("postcode", new String[] {"01234", "10115"})
        .column(full, "income").column(full, "gender").column(full, "age").build();
    PipelineModel q = Pipeline.of(Imputer.mostFrequent(), new OneHotEncoder(),
        ColumnSelector.keep("gender=Female", "income"), new StandardScaler()).fit(customers());
    assertEquals(stepByStep(q, known), q.transformTable(full.select("gender", "income")));
    assertEquals(List.of("income", "gender"), q.requiredColumns());
    assertEquals(List.of("gender=Female", "income"), q.outputColumns());
    // An unknown category in a dropped column raised an error before (the encoder read it); now it is ignored.
    Table unknownPostcode = Table.builder().categorical("postcode", new String[] {"99999", "01234"})
        .column(full, "gender").column(full, "income").build();
    PipelineModel r = Pipeline.of(Imputer.mostFrequent(), new OneHotEncoder(),
        ColumnSelector.keep("gender=Female", "income")).fit(customers());
    assertEquals(stepByStep(r, known), r.transformTable(unknownPostcode));
  }

  @Test
  void rebuiltModelsDeriveTheSameRequiredColumns() {
    PipelineModel p = model();
    PipelineModel back = PipelineModel.of(p.inputColumns(), p.inputTypes(), p.steps());
    assertEquals(p.requiredColumns(), back.requiredColumns());
    assertEquals(p.transformTable(newCustomersWithIds()),
        back.transformTable(newCustomersWithIds().drop("customer_id", "postcode")));
  }

  @Test
  void scalersNarrowedByALaterSelectorTransformTheirOtherColumnsAsFitted() {
    // Every fitted numeric step reads 'a' and 'b'; the selector keeps 'a' only, so 'b' is not required and each step
    // runs narrowed to 'a' with its fitted parameters. Oracle: the steps applied one by one to the full table.
    Table t = Table.builder().numeric("a", new double[] {1, 2, 4, 9}).numeric("b", new double[] {5, 3, 3, 0})
        .build();
    PipelineModel p = Pipeline.of(new Log1p(), new StandardScaler(), new RobustScaler(), new MinMaxScaler().range(-1,
        1), ColumnSelector.keep("a")).fit(t);
    assertEquals(List.of("a"), p.requiredColumns());
    Table onlyA = t.select("a");
    assertEquals(stepByStep(p, t), p.transformTable(onlyA));
    // Where a step reads a required column, the message names the first step that reads it: step 0 here.
    assertMessage("the table has no column 'a', which the pipeline was fitted on: step 0 (Log1p) reads it",
        () -> p.transformTable(t.select("b")));
  }
}
