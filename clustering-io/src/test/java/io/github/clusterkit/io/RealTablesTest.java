package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end calls on the real customer files, read with {@link Csv}; expected values from
 * scikit-learn 1.2.1 via {@code tools/preprocess_reference.py} (fixtures under {@code fixtures/io/}).
 */
class RealTablesTest {

  @Test
  void ccGeneralMedianThenStandardMatchesScikitLearn(@TempDir Path dir) throws IOException {
    Table t = Csv.read(TestData.shared("cc_general.csv")).drop("CUST_ID");
    List<String[]> fx = TestData.fixture("cc_general_median_standard.csv");
    assertEquals(Arrays.asList(TestData.get(fx, "columns")), t.columnNames());
    assertEquals(8950, t.rowCount());
    assertEquals(List.of(), t.columnNames(ColumnType.CATEGORICAL));
    // DATA.md: 313 empty MINIMUM_PAYMENTS cells, one empty CREDIT_LIMIT (CRLF file).
    assertEquals(313, t.missingCount("MINIMUM_PAYMENTS"));
    assertEquals(1, t.missingCount("CREDIT_LIMIT"));

    PipelineModel p = Pipeline.of(Imputer.median(), new StandardScaler()).fit(t);
    Dataset x = p.transform(t);
    List<String> names = p.outputColumns();
    assertEquals(t.columnNames(), names);
    double maxErr = 0;
    int rows = 0;
    for (String[] r : fx) {
      if (r[0].equals("transformed_row")) {
        // make_pipeline(SimpleImputer(strategy='median'), StandardScaler()).fit_transform(X)[i], to 1e-12.
        double[] expected = TestData.doubles(r, 3);
        double[] actual = x.row(Integer.parseInt(r[2]));
        for (int k = 0; k < expected.length; k++) {
          maxErr = Math.max(maxErr, Math.abs(expected[k] - actual[k]));
        }
        rows++;
      }
    }
    assertEquals(7, rows);
    assertEquals(0.0, maxErr, 1e-12);

    // The saved and reloaded pipeline transforms exactly as the original.
    Path file = dir.resolve("pipeline.json");
    ModelFiles.save(p, file);
    PipelineModel back = ModelFiles.load(file, PipelineModel.class);
    assertEquals(p, back);
    assertArrayEquals(x.toArray(), back.transform(t).toArray());
  }

  @Test
  void mallOneHotGenderAndScaledNumbers() throws IOException {
    Table t = Csv.read(TestData.shared("Mall_Customers.csv"));
    assertEquals(ColumnType.CATEGORICAL, t.type("Gender"));
    List<String[]> fx = TestData.fixture("mall_onehot_standard.csv");
    PipelineModel p =
        Pipeline.of(ColumnSelector.drop("CustomerID"), new StandardScaler(), new OneHotEncoder()).fit(t);
    // scikit-learn's get_feature_names_out() order, '=' as separator.
    assertEquals(Arrays.asList(TestData.get(fx, "feature_names")), p.outputColumns());
    Dataset x = p.transform(t);
    for (String[] r : fx) {
      if (r[0].equals("transformed_row")) {
        assertArrayEquals(TestData.doubles(r, 2), x.row(Integer.parseInt(r[1])), 1e-12, "row " + r[1]);
      }
    }
  }
}
