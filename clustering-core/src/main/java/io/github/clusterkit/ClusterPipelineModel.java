package io.github.clusterkit;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.FittedColumns;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.PipelineModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A fitted preprocessing pipeline and the clustering fitted on its output, kept together: what a service needs to
 * assign a new customer, read as a {@link Table} with the columns of the training file, to a segment. One object
 * (and, with {@code ModelFiles.save} of {@code clustering-io}, one file) instead of two that must be paired by hand:
 * a pipeline from one training run and a model from another would scale the customers with the wrong means without
 * an error whenever the two runs gave the same columns.
 *
 * <pre>{@code
 * PipelineModel prep = Pipeline.of(ColumnSelector.drop("CUST_ID"), Imputer.median(), new StandardScaler())
 *     .fit(customers);
 * KMeansModel segments = KMeans.k(5).seed(42).restarts(10).fit(prep.transform(customers));
 * ClusterPipelineModel scorer = ClusterPipelineModel.of(prep, segments)
 *     .withClusterNames(List.of("Savers", "Revolvers", "Big spenders", "Dormant", "Average"));
 * ModelFiles.save(scorer, Path.of("segmentation.json"));
 * // in another process
 * ClusterPipelineModel back = ModelFiles.load(Path.of("segmentation.json"), ClusterPipelineModel.class);
 * int[] segment = back.predict(Csv.read(newCustomers));       // one per row, in file order
 * String name = back.clusterName(segment[0]);
 * }</pre>
 *
 * <p><b>Rules.</b> {@link #of(PipelineModel, ClusterModel)} checks that the two belong together: the model's
 * {@link ClusterModel#dimension() dimension} is the number of the pipeline's {@link PipelineModel#outputColumns()
 * output columns}, and the model's {@link ClusterModel#columnNames() column names}, when they were given (the model
 * was fitted on a named dataset, such as the pipeline's output), are the output columns, in order. A model fitted on
 * data without names (placeholders {@code x0, x1, ...}) is accepted on the dimension alone, as its own
 * {@code predict} accepts any names. {@link #predict(Table)} is {@code model().predict(pipeline().transform(table))}:
 * the table needs the pipeline's {@link PipelineModel#requiredColumns() required columns} (any other column, such as
 * the id, may be absent or anywhere), its rows keep their order, and the labels follow the model's own rule (nearest
 * centroid or medoid, most probable component, or DBSCAN's or HDBSCAN*'s cluster or {@code -1} for noise).
 *
 * <p><b>Cluster names</b> are optional ({@link #withClusterNames(List)}): one per cluster, in label order, for
 * reports in the process that scores; {@link #clusterName(int)} gives {@value #NOISE} for the noise label
 * {@code -1} of DBSCAN and HDBSCAN*. The model is not otherwise changed by them. Like the models, this class keeps
 * {@code Object}'s identity equality; compare {@link #pipeline()} (which compares by content) and the model's
 * {@code state()} instead.
 *
 * <p>Immutable and thread-safe (the pipeline and the models are immutable); {@link #withClusterNames(List)} returns
 * a new object.
 */
public final class ClusterPipelineModel {

  /** The name {@link #clusterName(int)} gives the noise label {@code -1} (DBSCAN, HDBSCAN*). */
  public static final String NOISE = "noise";

  private final PipelineModel pipeline;
  private final ClusterModel model;
  private final List<String> clusterNames;

  private ClusterPipelineModel(PipelineModel pipeline, ClusterModel model, List<String> clusterNames) {
    this.pipeline = pipeline;
    this.model = model;
    this.clusterNames = clusterNames;
  }

  /**
   * Pairs a fitted pipeline with the clustering fitted on its output.
   *
   * @param pipeline the fitted preprocessing
   * @param model a clustering fitted on {@code pipeline}'s output: a {@code KMeansModel}, a {@code KMedoidsModel}, a
   *     {@code GaussianMixtureModel}, a {@code DbscanModel}, an {@code HdbscanModel} or a {@code BirchModel}
   * @return the pair, without cluster names
   * @throws IllegalArgumentException if an argument is null, the model's dimension differs from the number of the
   *     pipeline's output columns, or the model's column names were given and differ from them
   */
  public static ClusterPipelineModel of(PipelineModel pipeline, ClusterModel model) {
    if (pipeline == null || model == null) {
      throw new IllegalArgumentException((pipeline == null ? "pipeline" : "model") + " must not be null");
    }
    List<String> out = pipeline.outputColumns();
    if (model.dimension() != out.size()) {
      throw new IllegalArgumentException("model must be fitted on the pipeline's output: the pipeline gives "
          + out.size() + " columns " + FittedColumns.describe(out) + ", the model has dimension " + model.dimension()
          + FittedColumns.fittedOn(model.columnNames(), FittedColumns.areDefault(model.columnNames())));
    }
    List<String> names = model.columnNames();
    if (!FittedColumns.areDefault(names) && !names.equals(out)) {
      throw new IllegalArgumentException("model must be fitted on the pipeline's output: the pipeline gives columns "
          + FittedColumns.describe(out) + ", the model was fitted on " + FittedColumns.describe(names));
    }
    return new ClusterPipelineModel(pipeline, model, List.of());
  }

  /**
   * @param names one name per cluster, in label order ({@code names.get(c)} names label {@code c}); each non-null and
   *     not blank; names may repeat. An empty list removes the names.
   * @return a copy of this model with these names
   * @throws IllegalArgumentException if {@code names} is null, holds a null or blank name, or is neither empty nor of
   *     {@link #clusterCount()} names
   */
  public ClusterPipelineModel withClusterNames(List<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("names must not be null");
    }
    List<String> copy = new ArrayList<>(names.size());
    for (int c = 0; c < names.size(); c++) {
      String s = names.get(c);
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException("names must be non-null and not blank, got "
            + (s == null ? "null" : "\"" + s + "\"") + " at index " + c);
      }
      copy.add(s);
    }
    if (!copy.isEmpty() && copy.size() != model.clusterCount()) {
      throw new IllegalArgumentException("names must hold one name per cluster (" + model.clusterCount()
          + ") or none, got " + copy.size());
    }
    return new ClusterPipelineModel(pipeline, model, Collections.unmodifiableList(copy));
  }

  /**
   * @param handling the rule for categories the pipeline's one-hot encoders did not see at fit time
   * @return a copy whose pipeline is {@link PipelineModel#withHandleUnknown pipeline().withHandleUnknown(handling)},
   *     with the same model and names: {@code IGNORE} scores a customer of a new channel instead of refusing it
   * @throws IllegalArgumentException if {@code handling} is null
   */
  public ClusterPipelineModel withHandleUnknown(OneHotEncoder.HandleUnknown handling) {
    PipelineModel p = pipeline.withHandleUnknown(handling);
    return p == pipeline ? this : new ClusterPipelineModel(p, model, clusterNames);
  }

  /** @return the fitted preprocessing */
  public PipelineModel pipeline() {
    return pipeline;
  }

  /** @return the clustering fitted on the pipeline's output */
  public ClusterModel model() {
    return model;
  }

  /**
   * @param <T> the model type
   * @param type the model's class, e.g. {@code KMeansModel.class}
   * @return the model as that type
   * @throws IllegalArgumentException if {@code type} is null or the model is of another type
   */
  public <T extends ClusterModel> T model(Class<T> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    if (!type.isInstance(model)) {
      throw new IllegalArgumentException("type must be the model's type, " + model.getClass().getSimpleName()
          + ", got " + type.getSimpleName());
    }
    return type.cast(model);
  }

  /** @return the model's number of clusters, {@link ClusterModel#clusterCount()} */
  public int clusterCount() {
    return model.clusterCount();
  }

  /** @return the cluster names in label order, unmodifiable; empty when none were set */
  public List<String> clusterNames() {
    return clusterNames;
  }

  /**
   * @param label a label {@link #predict(Table)} gave: in {@code [0, clusterCount())}, or {@code -1}
   * @return its name, or {@value #NOISE} for {@code -1}
   * @throws IllegalArgumentException if no names were set, or {@code label} is outside {@code [-1, clusterCount())}
   */
  public String clusterName(int label) {
    if (label < -1 || label >= model.clusterCount()) {
      throw new IllegalArgumentException("label must be in [-1, " + model.clusterCount() + "), got " + label);
    }
    if (clusterNames.isEmpty()) {
      throw new IllegalArgumentException("this model has no cluster names (set them with withClusterNames)");
    }
    return label == -1 ? NOISE : clusterNames.get(label);
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
   * @return {@code pipeline().transform(table)}: the rows as the model sees them
   * @throws IllegalArgumentException as {@link PipelineModel#transform(Table)}
   */
  public Dataset transform(Table table) {
    return pipeline.transform(table);
  }

  /**
   * @param table rows to assign, with the {@link #requiredColumns()} (other columns are ignored; not modified)
   * @return each row's cluster, in row order: {@code model().predict(pipeline().transform(table))}
   * @throws IllegalArgumentException as {@link PipelineModel#transform(Table)} (a missing or mistyped column, a
   *     value left missing, no rows)
   */
  public int[] predict(Table table) {
    return model.predict(pipeline.transform(table));
  }

  @Override
  public String toString() {
    return "ClusterPipelineModel[" + pipeline + " -> " + model
        + (clusterNames.isEmpty() ? "" : "; names=" + clusterNames) + "]";
  }
}
