/**
 * Input and output for clusterkit: {@link io.github.clusterkit.io.Csv} reads CSV files into
 * {@link io.github.clusterkit.data.Table}s (with FastCSV), and {@link io.github.clusterkit.io.ModelFiles}
 * saves fitted models and preprocessing pipelines as versioned, validated JSON documents (with Jackson)
 * that never execute code on loading: K-Means, Gaussian mixtures, DBSCAN, HDBSCAN*, K-Medoids, PCA, preprocessing
 * pipelines, and a pipeline with the clustering or the outlier detector fitted on its output.
 */
package io.github.clusterkit.io;
