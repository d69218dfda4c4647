/**
 * Clustering quality: internal indices ({@link io.github.clusterkit.eval.Silhouette},
 * {@link io.github.clusterkit.eval.DaviesBouldin}, {@link io.github.clusterkit.eval.CalinskiHarabasz},
 * {@link io.github.clusterkit.eval.Inertia}, and {@link io.github.clusterkit.eval.Dbcv} for density-based
 * clusterings), each with a {@link io.github.clusterkit.eval.NoisePolicy}
 * for DBSCAN's noise label {@code -1}; external measures comparing two labellings
 * ({@link io.github.clusterkit.eval.ContingencyTable} and the measures built on it, such as
 * {@link io.github.clusterkit.eval.AdjustedRandIndex} and
 * {@link io.github.clusterkit.eval.NormalizedMutualInformation}); and the choice of the number of clusters
 * and of DBSCAN's radius: {@link io.github.clusterkit.eval.KSelection} sweeps K-Means (inertia knee,
 * silhouette, Davies-Bouldin, Calinski-Harabasz) and, on request, Gaussian mixtures (BIC, AIC), K-Medoids, or
 * bisecting K-Means (every {@code k} from one fit's tree) over a range of {@code k} and recommends one by a stated
 * {@link io.github.clusterkit.eval.Criterion};
 * {@link io.github.clusterkit.eval.GapStatistic} chooses {@code k} by the gap statistic (Tibshirani, Walther and
 * Hastie 2001) with R's {@code maxSE} rules; {@link io.github.clusterkit.eval.ClusterStability} measures how stable
 * each cluster is under resampling (Hennig 2007, as R's {@code fpc::clusterboot}), both with any
 * {@link io.github.clusterkit.eval.Clusterer};
 * {@link io.github.clusterkit.eval.EpsSelection} gives DBSCAN's k-distance plot and its knee; and
 * {@link io.github.clusterkit.eval.SegmentProfile} profiles and names the segments of a table by its labels.
 *
 * <p>Every index states which library's definition it follows where libraries differ, and reproduces
 * scikit-learn 1.2.1 and ELKI's published figures.
 */
package io.github.clusterkit.eval;
