/**
 * BIRCH clustering (Zhang, Ramakrishnan and Livny 1996, doi:10.1145/233269.233324): {@link
 * io.github.clusterkit.birch.Birch} configures it, {@link io.github.clusterkit.birch.Birch#fit} clusters a dataset in
 * one pass, {@link io.github.clusterkit.birch.BirchTree} takes rows in batches, and
 * {@link io.github.clusterkit.birch.BirchModel} holds the subclusters and assigns new points. Same results as
 * scikit-learn 1.2.1's {@code sklearn.cluster.Birch}.
 */
package io.github.clusterkit.birch;
