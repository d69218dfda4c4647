package io.github.clusterkit;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.PipelineModel;
import java.util.List;

/**
 * A fitted preprocessing pipeline and the outlier detector fitted on its output, kept together: what a service needs
 * to flag an unusual customer, read as a {@link Table} with the columns of the training file. One object (and, with
 * {@code ModelFiles.save} of {@code clustering-io}, one file of kind {@code "outlierPipeline"}) instead of two that
 * must be paired by hand: a detector scored on rows scaled by another training run's pipeline gives wrong scores
 * without an error whenever the two runs gave the same columns. The counterpart of {@link ClusterPipelineModel} for
 * an {@link OutlierModel} ({@link io.github.clusterkit.outlier.LofModel} or
 * {@link io.github.clusterkit.outlier.IsolationForestModel}), which is not a {@link ClusterModel}.
 *
 * <pre>{@code
 * PipelineModel prep = Pipeline.of(ColumnSelector.drop("CUST_ID"), Imputer.median(), new StandardScaler())
 *     .fit(customers);
 * LofModel lof = LocalOutlierFactor.k(20).contamination(0.02).fit(prep.transform(customers));
 * OutlierPipelineModel detector = OutlierPipelineModel.of(prep, lof);
 * ModelFiles.save(detector, Path.of("unusual.json"));
 * // in another process
 * OutlierPipelineModel back = ModelFiles.load(Path.of("unusual.json"), OutlierPipelineModel.class);
 * Table fresh = Csv.read(newCustomers);
 * double[] score = back.score(fresh);          // one per row, in file order; higher is more unusual
 * boolean[] flag = back.isOutlier(fresh);      // score above back.threshold()
 * }</pre>
 *
 * <p><b>Rules.</b> {@link #of(PipelineModel, OutlierModel)} checks that the two belong together, as
 * {@link ClusterPipelineModel#of} does: the detector's {@link OutlierModel#dimension() dimension} is the number of the
 * pipeline's {@link PipelineModel#outputColumns() output columns}, and the detector's
 * {@link OutlierModel#columnNames() column names}, when they were given (the detector was fitted on a named dataset,
 * such as the pipeline's output), are the output columns, in order. A detector fitted on data without names
 * (placeholders {@code x0, x1, ...}) is accepted on the dimension alone, as its own {@code score} accepts any names.
 *
 * <p><b>Scores.</b> {@link #score(Table)} is {@code detector().score(pipeline().transform(table))} and
 * {@link #isOutlier(Table)} is {@code detector().isOutlier(pipeline().transform(table))}: the table needs the
 * pipeline's {@link PipelineModel#requiredColumns() required columns} (any other column, such as the id, may be absent
 * or anywhere) and its rows keep their order. Every row is scored as a new point: for a Local Outlier Factor, a
 * training row scored again has itself among its neighbours, so its score differs from its training score
 * ({@code detector().scores()}, which excludes it; see {@link io.github.clusterkit.outlier.LofModel}); an isolation
 * forest gives a training row its training score. The scales differ between the two detectors (a LOF is about 1
 * inside a cluster, an isolation score lies in {@code (0, 1]}); compare scores of one detector, or the flags.
 *
 * <p>Like the models, this class keeps {@code Object}'s identity equality; compare {@link #pipeline()} (which compares
 * by content) and the detector's {@code state()} instead.
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe (the pipeline and the detectors are immutable);
 * {@link #withHandleUnknown(OneHotEncoder.HandleUnknown)} returns a new object.
 */
public final class OutlierPipelineModel {

  private final PipelineModel pipeline;
  private final OutlierModel detector;

  private OutlierPipelineModel(PipelineModel pipeline, OutlierModel detector) {
    this.pipeline = pipeline;
    this.detector = detector;
  }

  /**
   * Pairs a fitted pipeline with the outlier detector fitted on its output.
   *
   * @param pipeline the fitted preprocessing
   * @param detector an outlier detector fitted on {@code pipeline}'s output: a {@code LofModel} or an
   *     {@code IsolationForestModel}
   * @return the pair
   * @throws IllegalArgumentException if an argument is null, the detector's dimension differs from the number of the
   *     pipeline's output columns, or the detector's column names were given and differ from them
   */
  public static OutlierPipelineModel of(PipelineModel pipeline, OutlierModel detector) {
    if (pipeline == null || detector == null) {
      throw new IllegalArgumentException((pipeline == null ? "pipeline" : "detector") + " must not be null");
    }
    List<String> out = pipeline.outputColumns();
    List<String> names = detector.columnNames();
    if (detector.dimension() != out.size()) {
      throw new IllegalArgumentException("detector must be fitted on the pipeline's output: the pipeline gives "
          + out.size() + " columns " + FittedColumns.describe(out) + ", the detector has dimension "
          + detector.dimension() + FittedColumns.fittedOn(names, FittedColumns.areDefault(names)));
    }
    if (!FittedColumns.areDefault(names) && !names.equals(out)) {
      throw new IllegalArgumentException("detector must be fitted on the pipeline's output: the pipeline gives columns "
          + FittedColumns.describe(out) + ", the detector was fitted on " + FittedColumns.describe(names));
    }
    return new OutlierPipelineModel(pipeline, detector);
  }

  /**
   * @param handling the rule for categories the pipeline's one-hot encoders did not see at fit time
   * @return a copy whose pipeline is {@link PipelineModel#withHandleUnknown pipeline().withHandleUnknown(handling)},
   *     with the same detector: {@code IGNORE} scores a customer of a new channel instead of refusing it (this
   *     object when the rule is already in force)
   * @throws IllegalArgumentException if {@code handling} is null
   */
  public OutlierPipelineModel withHandleUnknown(OneHotEncoder.HandleUnknown handling) {
    PipelineModel p = pipeline.withHandleUnknown(handling);
    return p == pipeline ? this : new OutlierPipelineModel(p, detector);
  }

  /** @return the fitted preprocessing */
  public PipelineModel pipeline() {
    return pipeline;
  }

  /** @return the outlier detector fitted on the pipeline's output */
  public OutlierModel detector() {
    return detector;
  }

  /**
   * @param <T> the detector type
   * @param type the detector's class, e.g. {@code LofModel.class}
   * @return the detector as that type
   * @throws IllegalArgumentException if {@code type} is null or the detector is of another type
   */
  public <T extends OutlierModel> T detector(Class<T> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    if (!type.isInstance(detector)) {
      throw new IllegalArgumentException("type must be the detector's type, " + detector.getClass().getSimpleName()
          + ", got " + type.getSimpleName());
    }
    return type.cast(detector);
  }

  /** @return the score above which a row is an outlier, the detector's {@link OutlierModel#threshold()} */
  public double threshold() {
    return detector.threshold();
  }

  /** @return the columns a table to score must have, {@link PipelineModel#requiredColumns()} */
  public List<String> requiredColumns() {
    return pipeline.requiredColumns();
  }

  /** @return the types of {@link #requiredColumns()}, {@link PipelineModel#requiredTypes()} */
  public List<ColumnType> requiredTypes() {
    return pipeline.requiredTypes();
  }

  /**
   * @param table rows to preprocess (not modified)
   * @return {@code pipeline().transform(table)}: the rows as the detector sees them
   * @throws IllegalArgumentException as {@link PipelineModel#transform(Table)}
   */
  public Dataset transform(Table table) {
    return pipeline.transform(table);
  }

  /**
   * @param table rows to score, with the {@link #requiredColumns()} (other columns are ignored; not modified)
   * @return each row's score as a new point, in row order: {@code detector().score(pipeline().transform(table))};
   *     higher is more unusual
   * @throws IllegalArgumentException as {@link PipelineModel#transform(Table)} (a missing or mistyped column, a
   *     value left missing, no rows) or the detector's {@link OutlierModel#score(Dataset)}
   */
  public double[] score(Table table) {
    return detector.score(pipeline.transform(table));
  }

  /**
   * @param table rows to flag, with the {@link #requiredColumns()} (other columns are ignored; not modified)
   * @return for each row, in row order, whether its {@link #score(Table) score} is above {@link #threshold()}:
   *     {@code detector().isOutlier(pipeline().transform(table))}
   * @throws IllegalArgumentException as {@link #score(Table)}
   */
  public boolean[] isOutlier(Table table) {
    return detector.isOutlier(pipeline.transform(table));
  }

  @Override
  public String toString() {
    return "OutlierPipelineModel[" + pipeline + " -> " + detector + "]";
  }
}
