package io.github.clusterkit;

import io.github.clusterkit.data.Dataset;
import java.util.List;

/**
 * A fitted clustering that assigns points to its clusters: {@link io.github.clusterkit.kmeans.KMeansModel},
 * {@link io.github.clusterkit.kmedoids.KMedoidsModel}, {@link io.github.clusterkit.gmm.GaussianMixtureModel},
 * {@link io.github.clusterkit.dbscan.DbscanModel}, {@link io.github.clusterkit.hdbscan.HdbscanModel} and
 * {@link io.github.clusterkit.birch.BirchModel}. Code
 * that scores new customers with whichever model a segmentation chose (a service, a batch job, a model file read
 * with {@code ModelFiles.load(file, ClusterModel.class)}) can hold this type and need not know which.
 *
 * <pre>{@code
 * ClusterModel model = KMeans.k(5).seed(42).fit(x);     // or a mixture, DBSCAN or HDBSCAN*
 * int segment = model.predict(new double[] {0.3, -1.2});
 * int[] segments = model.predict(prep.transform(newCustomers));
 * }</pre>
 *
 * <p><b>What predict means.</b> Each model keeps its own rule: K-Means gives the nearest centroid, k-medoids the
 * nearest medoid (in the metric of its fit), a Gaussian mixture its most probable component, DBSCAN the cluster of a
 * core point within {@code eps} or {@code -1} (noise), HDBSCAN* the cluster the point would join in its hierarchy or
 * {@code -1} (noise), BIRCH the cluster of the nearest subcluster centroid, so a label is in
 * {@code [-1, clusterCount())} and {@code -1} only for DBSCAN and HDBSCAN*. The implementations' own Javadoc states the
 * rule, its ties and its errors exactly. Points and datasets are checked as the implementation documents:
 * {@code IllegalArgumentException} for a wrong length, a value that is not finite, or a {@link Dataset} whose column
 * names differ from {@link #columnNames()} (see the implementations; data or a model without names, whose names are the
 * placeholders {@code x0, x1, ...}, is not checked).
 *
 * <p><b>Thread-safety.</b> The implementations are immutable and safe to share between threads.
 */
public interface ClusterModel {

  /**
   * @return the number of clusters: K-Means' and k-medoids' {@code k}, a mixture's components, DBSCAN's or
   *     HDBSCAN*'s clusters (noise not counted)
   */
  int clusterCount();

  /** @return the number of columns the model was fitted on; a point must have this length */
  int dimension();

  /**
   * @return the names of the columns the model was fitted on, one per dimension, unmodifiable ({@code x0, x1, ...}
   *     when the data had none)
   */
  List<String> columnNames();

  /**
   * @param point a point of {@link #dimension()} finite values (not modified)
   * @return its cluster, in {@code [0, clusterCount())}, or {@code -1} where the model leaves a point unassigned
   *     (DBSCAN's and HDBSCAN*'s noise)
   * @throws IllegalArgumentException if the point is null, of another length or not finite; or, for a Gaussian
   *     mixture, if double precision cannot decide the point's most probable component (a point far off the
   *     components, such as one far along a column that was constant in training; see Far points in
   *     {@link io.github.clusterkit.gmm.GaussianMixtureModel}), rather than return a component that may be wrong
   */
  int predict(double[] point);

  /**
   * @param data rows of {@link #dimension()} columns
   * @return the cluster of every row, as {@link #predict(double[])}, in row order
   * @throws IllegalArgumentException if {@code data} is null, has another number of columns, or has column names
   *     that differ from {@link #columnNames()} (both with given names, see {@link Dataset#hasColumnNames()}); or,
   *     for a Gaussian mixture, if a row is one whose most probable component double precision cannot decide (as
   *     {@link #predict(double[])}; the message names the row, and no label is returned for the other rows)
   */
  int[] predict(Dataset data);
}
