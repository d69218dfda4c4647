package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline saved with {@link ModelFiles} and loaded in another process transforms a file of new customers that has
 * only the columns the pipeline uses: the dropped id and postcode may be absent or read with another type.
 *
 * <p>Expected rows by hand: training Gender {Male, Female, Female}, so Gender=Female has mean 2/3 and population
 * standard deviation sqrt(2/9), and a Male row gives ((0 - 2/3), (1 - 1/3)) / sqrt(2/9) = (-sqrt(2), sqrt(2));
 * Age {20, 30, 40} has mean 30, so Age 30 gives 0.
 */
class PipelineFileColumnsTest {

  private static final String TRAIN = "customer_id,postcode,Gender,Age\n"
      + "C1,SW1A 1AA,Male,20\nC2,EC1A 1BB,Female,30\nC3,W1A 0AX,Female,40\n";

  /**
   * The model of {@link #fitted()} as ModelFiles wrote it before the required-column rule (the file format did not
   * change: the required columns are derived from the steps).
   */
  private static final String WRITTEN_BEFORE = """
        {
          "format" : "clusterkit-model",
          "formatVersion" : 1,
          "libraryVersion" : "0.1.0-SNAPSHOT",
          "kind" : "pipeline",
          "parameters" : { },
          "state" : {
            "inputColumns" : [ "customer_id", "postcode", "Gender", "Age" ],
            "inputTypes" : [ "categorical", "categorical", "categorical", "numeric" ],
            "steps" : [ {
              "step" : "columnSelector",
              "parameters" : { },
              "state" : {
                "columns" : [ "Gender", "Age" ]
              }
            }, {
              "step" : "imputer",
              "parameters" : {
                "strategy" : "mostFrequent"
              },
              "state" : {
                "numeric" : {
                  "columns" : [ "Age" ],
                  "fills" : [ 20.0 ]
                },
                "categorical" : {
                  "columns" : [ "Gender" ],
                  "fills" : [ "Female" ]
                }
              }
            }, {
              "step" : "oneHotEncoder",
              "parameters" : {
                "handleUnknown" : "error"
              },
              "state" : {
                "columns" : [ "Gender" ],
                "categories" : [ [ "Female", "Male" ] ]
              }
            }, {
              "step" : "standardScaler",
              "parameters" : { },
              "state" : {
                "columns" : [ "Gender=Female", "Gender=Male", "Age" ],
                "means" : [ 0.6666666666666666, 0.3333333333333333, 30.0 ],
                "scales" : [ 0.4714045207910317, 0.4714045207910317, 8.16496580927726 ]
              }
            } ],
            "outputColumns" : [ "Gender=Female", "Gender=Male", "Age" ]
          },
          "checksum" : "sha256:c5df194f66c119887c6dfdda6ecea2747f9327a0556e74b72984b18b896f8eb8"
        }
        """;

  private static PipelineModel fitted() {
    return Pipeline.of(ColumnSelector.drop("customer_id", "postcode"), Imputer.mostFrequent(), new OneHotEncoder(),
        new StandardScaler()).fit(Csv.parse(TRAIN, CsvOptions.defaults()));
  }

  private static final double[] MALE_30 = {-Math.sqrt(2), Math.sqrt(2), 0};

  @Test
  void savedPipelineTransformsANewFileWithoutTheDroppedColumns(@TempDir Path dir) throws IOException {
    PipelineModel p = fitted();
    Path f = dir.resolve("preprocess.json");
    ModelFiles.save(p, f);
    PipelineModel back = ModelFiles.load(f, PipelineModel.class);
    assertEquals(p, back);
    Table accepted = Csv.parse("customer_id,postcode,Gender,Age\nC9,SW1A 2AA,Male,30\n", CsvOptions.defaults());
    Table noIds = Csv.parse("Age,Gender\n30,Male\n", CsvOptions.defaults());
    // The id and the postcode are all digits here, so the reader types them numeric.
    Table digits = Csv.parse("Gender,customer_id,Age,postcode\nMale,17,30,10115\n", CsvOptions.defaults());
    assertEquals(ColumnType.NUMERIC, digits.type("postcode"));
    assertEquals(p.transform(accepted), back.transform(noIds));
    assertEquals(p.transform(accepted), back.transform(digits));
    assertArrayEquals(MALE_30, back.transform(noIds).row(0), 1e-15);
    assertEquals(List.of("Gender", "Age"), back.requiredColumns());
    assertEquals(List.of(ColumnType.CATEGORICAL, ColumnType.NUMERIC), back.requiredTypes());
  }

  @Test
  void aFileWrittenBeforeLoadsAndFollowsTheRule() {
    PipelineModel old = ModelFiles.fromJson(WRITTEN_BEFORE, PipelineModel.class);
    assertEquals(fitted(), old);
    Table noIds = Csv.parse("Age,Gender\n30,Male\n", CsvOptions.defaults());
    assertArrayEquals(MALE_30, old.transform(noIds).row(0), 1e-15);
    assertEquals(List.of("Gender", "Age"), old.requiredColumns());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> old.transform(Csv.parse("customer_id,Gender\nC1,Male\n", CsvOptions.defaults())));
    assertTrue(e.getMessage().contains("no column 'Age', which the pipeline was fitted on: step 1 (Imputer) reads"
        + " it"), e.getMessage());
  }
}
