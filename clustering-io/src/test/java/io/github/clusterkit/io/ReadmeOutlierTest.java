package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.OutlierPipelineModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's section "Unusual customers: Local Outlier Factor and Isolation Forest" true: its snippet (the
 * file name aside) runs on the mall customers' standardised income and spending score, and its figures on the raw
 * columns are this library's LOF at k = 20 (scikit-learn 1.2.1's {@code LocalOutlierFactor(n_neighbors=20)} on the
 * same raw columns, in clustering-core's fixture {@code fixtures/lof/}, gives 2.1052, 2.0866, 1.7232 for the first
 * three and the same nine outliers; the lower-index tie rule makes the others differ, see LofReferenceTest).
 */
class ReadmeOutlierTest {

  private static final String INCOME = "Annual Income (k$)";
  private static final String SCORE = "Spending Score (1-100)";

  @Test
  void snippetRunsAndSaves(@TempDir Path dir) throws IOException {
    Table customers = Csv.read(TestData.shared("Mall_Customers.csv"));
    PipelineModel pipeline = Pipeline.of(ColumnSelector.keep(INCOME, SCORE), new StandardScaler()).fit(customers);
    double[] newCustomerRow = {0.3, -1.2};
    // --- README ---
    Dataset x = pipeline.transform(customers);                    // scaled, as for the clustering

    LofModel lof = LocalOutlierFactor.k(20).fit(x);               // scikit-learn's LocalOutlierFactor(n_neighbors=20)
    double[] factors = lof.scores();                              // -negative_outlier_factor_: about 1 inside a cluster
    int[] unusual = lof.outliers();                               // rows with LOF > 1.5 (contamination "auto")
    boolean odd = lof.isOutlier(newCustomerRow);                  // novelty=True: predict(X) == -1

    IsolationForestModel forest = IsolationForest.trees(100).contamination(0.02).seed(7).fit(x);
    double[] s = forest.scores();                                 // -score_samples(X), in (0, 1]
    OutlierModel detector = forest;                               // either model through the interface
    ModelFiles.save(detector, dir.resolve("detector.json"));
    // --- end ---
    assertEquals(200, factors.length);
    for (int i : unusual) {
      assertTrue(factors[i] > 1.5);
    }
    assertEquals(odd, lof.score(newCustomerRow) > 1.5);
    // contamination 0.02: numpy's linear percentile puts 4 of the 200 training rows above the threshold
    assertEquals(4, forest.outliers().length);
    IsolationForestModel back = ModelFiles.load(dir.resolve("detector.json"), IsolationForestModel.class);
    assertArrayEquals(s, back.scores(), 0.0);
    assertArrayEquals(forest.score(x), back.score(x), 0.0);
  }

  /**
   * The section's snippet of {@link OutlierPipelineModel} (the pipeline and its detector in one file; proposed for the
   * README with the {@code "outlierPipeline"} kind), the file name aside: the loaded bundle scores a table of the
   * training file's columns as the saved forest scores the transformed rows, so the training customers get their
   * training scores and the 4 flags of contamination 0.02.
   */
  @Test
  void pipelineAndDetectorInOneFile(@TempDir Path dir) throws IOException {
    Table customers = Csv.read(TestData.shared("Mall_Customers.csv"));
    PipelineModel pipeline = Pipeline.of(ColumnSelector.keep(INCOME, SCORE), new StandardScaler()).fit(customers);
    IsolationForestModel forest = IsolationForest.trees(100).contamination(0.02).seed(7)
        .fit(pipeline.transform(customers));
    Table newCustomers = customers;
    // --- README ---
    OutlierPipelineModel unusual = OutlierPipelineModel.of(pipeline, forest);  // or lof: any OutlierModel
    ModelFiles.save(unusual, dir.resolve("unusual.json"));                    // one file, one checksum
    // in the scoring service
    OutlierPipelineModel back = ModelFiles.load(dir.resolve("unusual.json"), OutlierPipelineModel.class);
    double[] scores = back.score(newCustomers);           // a Table with the training file's columns, any order
    boolean[] flagged = back.isOutlier(newCustomers);     // score above back.threshold()
    // --- end ---
    assertArrayEquals(forest.score(pipeline.transform(newCustomers)), scores, 0.0);
    assertArrayEquals(forest.scores(), scores, 0.0);
    int count = 0;
    for (boolean f : flagged) {
      count += f ? 1 : 0;
    }
    assertEquals(4, count);
    assertEquals(forest.threshold(), back.threshold(), 0.0);
  }

  @Test
  void mallFiguresOnTheRawColumns() throws IOException {
    Table customers = Csv.read(TestData.shared("Mall_Customers.csv"));
    Dataset raw = ColumnSelector.keep(INCOME, SCORE).fit(customers).transform(customers).toDataset();
    double[] f = LocalOutlierFactor.k(20).fit(raw).scores();
    // customers 200, 199, 198, 197 and 143 (rows 199, 198, 197, 196, 142): 2.105, 2.091, 1.723, 1.664, 1.664
    int[] rows = {199, 198, 197, 196, 142};
    double[] expected = {2.105, 2.091, 1.723, 1.664, 1.664};
    for (int r = 0; r < rows.length; r++) {
      assertEquals(expected[r], f[rows[r]], 5e-4, "row " + rows[r]);
    }
    int above = 0;
    for (double v : f) {
      above += v > 1.6635 ? 1 : 0;
    }
    assertEquals(5, above, "the five highest factors");
    assertEquals(9, LocalOutlierFactor.k(20).fit(raw).outliers().length, "nine outliers");
  }
}
