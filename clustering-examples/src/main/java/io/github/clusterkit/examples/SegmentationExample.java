package io.github.clusterkit.examples;

import io.github.clusterkit.ClusterPipelineModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.eval.Criterion;
import io.github.clusterkit.eval.KSelection;
import io.github.clusterkit.eval.KSelectionResult;
import io.github.clusterkit.eval.Silhouette;
import io.github.clusterkit.io.Csv;
import io.github.clusterkit.io.ModelFiles;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Log1p;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The segmentation flow of the {@code segment} command in a few lines of library code, as the README quotes
 * it: read the credit-card customers, impute, take the log of money columns, scale, choose k, fit K-Means,
 * score it and save the pipeline and the model together in one file; {@link #score} assigns new customers with it.
 * (The command adds the profile, names, outliers and charts; see {@code io.github.clusterkit.examples.segment}.)
 */
public final class SegmentationExample {

  private SegmentationExample() {}

  /**
   * Runs the example.
   *
   * @param csv a customer file such as Kaggle's {@code cc_general.csv}
   * @param modelDir where to save the fitted pipeline and model ({@code segmentation.json})
   * @param out where to print
   * @return the fitted K-Means model
   * @throws IOException if a file cannot be read or written
   */
  public static KMeansModel run(Path csv, Path modelDir, PrintStream out) throws IOException {
    // README example start
    Table customers = Csv.read(csv);                                        // 8950 rows, 313 + 1 cells missing
    PipelineModel prep = Pipeline.of(
        ColumnSelector.drop("CUST_ID"),
        Imputer.median(),                                                   // as SimpleImputer(strategy="median")
        new Log1p().columns("BALANCE", "PURCHASES", "CASH_ADVANCE", "PAYMENTS", "MINIMUM_PAYMENTS"),
        new StandardScaler()).fit(customers);
    Dataset x = prep.transform(customers);

    KSelectionResult sweep = KSelection.kMeans(1, 10).seed(42).restarts(10)
        .silhouetteSampleSize(4000).evaluate(x);                           // inertia knee, silhouette, ...
    int k = sweep.recommendedK();
    KMeansModel segments = sweep.model(k);                                  // the sweep's fit of k, not fitted again
    double silhouette = Silhouette.sampled(4000, 42).evaluate(x, segments.labels()).score();

    out.printf("k = %d (%s; inertia knee at k = %d), silhouette %.3f, sizes %s%n", k, sweep.rule().rule(),
        sweep.best(Criterion.INERTIA), silhouette, java.util.Arrays.toString(segments.clusterSizes()));
    ModelFiles.save(ClusterPipelineModel.of(prep, segments),                // pipeline and model in one file:
        modelDir.resolve("segmentation.json"));                             // safe, versioned JSON, no code runs
    // README example end
    return segments;
  }

  /**
   * Scores new customers in another process with the file that {@link #run} saved, as the README shows it: reload
   * the pipeline and the model, and predict from the customers' table (the pipeline transforms it first).
   *
   * @param modelDir the folder {@link #run} saved {@code segmentation.json} into
   * @param newCustomers a CSV file with (at least) the pipeline's {@code requiredColumns()}
   * @return each customer's segment, in the file's row order
   * @throws IOException if a file cannot be read
   */
  public static int[] score(Path modelDir, Path newCustomers) throws IOException {
    // README scoring start
    ClusterPipelineModel model = ModelFiles.load(modelDir.resolve("segmentation.json"),
        ClusterPipelineModel.class);
    Table customers = Csv.read(newCustomers);                               // CUST_ID may be absent
    int[] segment = model.predict(customers);                               // one per row, in file order
    // README scoring end
    return segment;
  }

  /**
   * Runs the example from the command line.
   *
   * @param args the customer file, and optionally the folder for the model files (default: the current one)
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: SegmentationExample cc_general.csv [model-folder]");
      System.exit(2);
    }
    run(Path.of(args[0]), Path.of(args.length > 1 ? args[1] : "."), System.out);
  }
}
