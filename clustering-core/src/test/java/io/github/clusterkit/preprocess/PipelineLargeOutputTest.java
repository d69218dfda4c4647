package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Table;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose output would not fit in one Java array is refused before any step runs. Before, the check came
 * only when the transformed table was turned into a dataset: one-hot encoding 11,000,000 rows into 200 columns
 * filled any heap up to 16 GB with the encoder's columns and ended in {@code OutOfMemoryError}, never reaching the
 * error that names the sizes.
 */
class PipelineLargeOutputTest {

  @Test
  void transformRefusesAnOutputLargerThanAJavaArrayBeforeEncoding() {
    int categories = 2000;
    String[] fitted = new String[2 * categories]; // each category twice: not an identifier column
    for (int i = 0; i < fitted.length; i++) {
      fitted[i] = "c" + (i % categories);
    }
    PipelineModel pm = Pipeline.of(new OneHotEncoder()).fit(Table.builder().categorical("ch", fitted).build());
    assertEquals(categories, pm.outputColumns().size());
    // 1,073,742 rows * 2000 columns = 2,147,484,000 values (exact by hand), above 2^31 - 9 = 2,147,483,639;
    // the encoded columns would take 17 GB, the table itself a few MB (one shared string per category).
    int rows = 1_073_742;
    String[] cells = new String[rows];
    for (int i = 0; i < rows; i++) {
      cells[i] = fitted[i % categories];
    }
    Table big = Table.builder().categorical("ch", cells).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pm.transform(big));
    assertEquals("the pipeline's output, rows * outputColumns(), must be at most 2147483639 values (one Java"
        + " array), got 1073742 * 2000; transform the table in parts (table.rows(indices))", e.getMessage());
  }
}
