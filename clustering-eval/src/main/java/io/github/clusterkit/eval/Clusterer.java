package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Linkage;
import io.github.clusterkit.kmeans.KMeans;

/**
 * A clustering method as {@link GapStatistic} and {@link ClusterStability} run it: data and a number of clusters in,
 * one label per row out. Any method fits behind it (a lambda over K-Means, K-Medoids, a Gaussian mixture's
 * {@code predict}, a dendrogram's cut, DBSCAN ignoring {@code k}); the two factories give the usual ones.
 *
 * <pre>{@code
 * Clusterer kMeans = Clusterer.kMeans(42, 10);     // KMeans.k(k).seed(42).restarts(10)
 * Clusterer ward = Clusterer.ward();               // Ward's hierarchical clustering cut at k clusters
 * Clusterer pam = (data, k) -> KMedoids.k(k).seed(7).fit(data).labels();
 * }</pre>
 *
 * <p><b>Contract.</b> {@link #labels(Dataset, int)} returns {@code data.size()} labels, each {@code >= 0}, or
 * {@code -1} for noise where the caller accepts noise ({@link ClusterStability} does, {@link GapStatistic} does
 * not); a new array or one the method no longer uses (callers read it, never modify it). It must not modify the
 * dataset, and it must be deterministic (the same labels for the same data and {@code k}) and safe to call from
 * several threads at once, since callers run it in parallel and promise results that do not depend on the thread
 * count: a configured, immutable clusterkit algorithm is all three.
 */
@FunctionalInterface
public interface Clusterer {

  /**
   * @param data the rows to cluster (not modified)
   * @param k the number of clusters asked for, {@code 1 <= k <= data.size()}
   * @return one label per row
   */
  int[] labels(Dataset data, int k);

  /**
   * K-Means: {@code KMeans.k(k).seed(seed).restarts(restarts).fit(data).labels()} (k-means++ starts, Lloyd's
   * iterations; the best of the restarts by inertia). Fails as {@link KMeans#fit(Dataset)} does where {@code k}
   * exceeds the number of distinct rows.
   *
   * @param seed the seed of every fit
   * @param restarts restarts per fit, at least 1
   * @return the clusterer
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  static Clusterer kMeans(long seed, int restarts) {
    KMeans base = KMeans.k(1).seed(seed).restarts(restarts); // validates restarts now
    return new NamedClusterer("K-Means(seed=" + seed + ", restarts=" + restarts + ")",
        (data, k) -> KMeans.k(k).seed(base.seed()).restarts(base.restarts()).fit(data).labels());
  }

  /**
   * Ward's minimum-variance hierarchical clustering cut at {@code k} clusters:
   * {@code Agglomerative.linkage(Linkage.WARD).fit(data).cut(k)}, the partition of scikit-learn's
   * {@code AgglomerativeClustering(n_clusters=k, linkage="ward")} where no two merges tie (see
   * {@link Agglomerative}). Deterministic without a seed; {@code O(n^2 d)} time and {@code O(n d)} memory per call.
   *
   * @return the clusterer
   */
  static Clusterer ward() {
    return new NamedClusterer("Ward", (data, k) -> Agglomerative.linkage(Linkage.WARD).fit(data).cut(k));
  }
}

/** A clusterer with a readable {@code toString}, for the configurations' own. */
final class NamedClusterer implements Clusterer {
  private final String name;
  private final Clusterer body;

  NamedClusterer(String name, Clusterer body) {
    this.name = name;
    this.body = body;
  }

  @Override
  public int[] labels(Dataset data, int k) {
    return body.labels(data, k);
  }

  /** Equal when built by the same factory with the same settings (the name says both). */
  @Override
  public boolean equals(Object o) {
    return o instanceof NamedClusterer && ((NamedClusterer) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
