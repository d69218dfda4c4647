package io.github.clusterkit.hierarchical;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.internal.Cophenetic;
import io.github.clusterkit.hierarchical.internal.Tree;
import io.github.clusterkit.hierarchical.internal.TreeOps;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;

/**
 * The result of {@link Agglomerative#fit(Dataset)}: the complete merge tree of {@code n} points, immutable.
 *
 * <p><b>Layout.</b> The tree is stored as SciPy's linkage matrix ({@link #linkageMatrix()}): merge
 * {@code i} (for {@code 0 <= i < n - 1}, in order of height) joins clusters {@code left < right} at
 * {@code height}, making a cluster of {@code size} points whose id is {@code n + i}; ids {@code 0..n-1} are
 * the rows themselves. Heights never decrease.
 *
 * <p><b>Flat clusters.</b> {@link #cut(int)} returns exactly {@code k} clusters (the tree with its last
 * {@code k - 1} merges undone, as scikit-learn's {@code AgglomerativeClustering(n_clusters=k)} cuts its tree, and
 * as SciPy's {@code cut_tree(Z, n_clusters=k)} unless merges tie in height at the cut: see {@link #cut(int)});
 * {@link #cutAtHeight(double)}
 * keeps every merge of height {@code <= h} (inclusive, as SciPy's {@code fcluster(Z, h,
 * criterion='distance')}); {@link #cutBelowHeight(double)} every merge of height {@code < t} (exclusive, as
 * scikit-learn's {@code AgglomerativeClustering(n_clusters=None, distance_threshold=t)}).
 * All three number the clusters {@code 0, 1, ...} in order of their smallest row index,
 * i.e. row 0 is in cluster 0 and a new label starts at the first row not in an earlier cluster. SciPy's
 * {@code fcluster} numbers from 1 in another order; the partitions are the same. SciPy's
 * {@code fcluster(Z, k, criterion='maxclust')} can return fewer than {@code k} clusters when heights tie;
 * {@link #cut(int)} never does.
 *
 * <p><b>Thread-safety.</b> Immutable; every method returns fresh arrays, so it is safe to share.
 */
public final class Dendrogram {

  private final Tree tree;
  private final Linkage linkage;
  private final Metric metric;
  private final Dataset data;
  /** The exponent of the fit's exact scaling of extreme data ({@link Agglomerative#fit}), 0 for none. */
  private final int scale;

  Dendrogram(Tree tree, Linkage linkage, Metric metric, Dataset data, int scale) {
    this.tree = tree;
    this.linkage = linkage;
    this.metric = metric;
    this.data = data;
    this.scale = scale;
  }

  /** @return the number of points (leaves), {@code n} */
  public int size() {
    return tree.n;
  }

  /** @return the linkage that built this tree */
  public Linkage linkage() {
    return linkage;
  }

  /** @return the metric that built this tree */
  public Metric metric() {
    return metric;
  }

  /**
   * The tree in SciPy's layout: one row {@code [left, right, height, size]} per merge, in order of height;
   * {@code left < right} are cluster ids as doubles (rows {@code 0..n-1}, merge {@code i} makes id
   * {@code n + i}), {@code size} the number of points in the new cluster. Equal to
   * {@code scipy.cluster.hierarchy.linkage(X, method)} (see {@link Agglomerative}).
   *
   * @return a fresh {@code (n - 1) x 4} array (no rows when {@code n = 1})
   */
  public double[][] linkageMatrix() {
    int m = tree.n - 1;
    double[][] z = new double[m][];
    for (int i = 0; i < m; i++) {
      z[i] = new double[] {tree.left[i], tree.right[i], tree.height[i], tree.count[i]};
    }
    return z;
  }

  /**
   * @return the merge heights in order, a fresh array of length {@code n - 1}, non-decreasing
   */
  public double[] heights() {
    return tree.height.clone();
  }

  /**
   * Flat clusters: exactly {@code k} of them, from the tree with its last {@code k - 1} merges undone.
   * When several merges share the height at the cut, the first ones in {@link #linkageMatrix()} order are
   * kept, as scikit-learn's {@code AgglomerativeClustering(n_clusters=k)} keeps them. SciPy's
   * {@code cut_tree(Z, n_clusters=k)} orders tied merges otherwise (breadth first from the root) and may keep
   * others, an equally valid partition: for the rows {@code 0, 2, 0, 1, 1, 1} (single linkage, three merges at
   * height 0) {@code cut(5)} joins rows 0 and 2, {@code cut_tree} rows 3 and 4; on data with integer scores
   * (Mall Customers' income and spending score) such ties are common. Without ties at the cut the two agree.
   * O(n).
   *
   * @param k number of clusters, {@code 1 <= k <= n}
   * @return one label per row in {@code 0..k-1}, numbered in order of each cluster's smallest row index
   * @throws IllegalArgumentException if {@code k < 1} or {@code k > n}
   */
  public int[] cut(int k) {
    if (k < 1 || k > tree.n) {
      throw new IllegalArgumentException("k must be in [1, n = " + tree.n + "], got " + k);
    }
    return TreeOps.applyMerges(tree, tree.n - k);
  }

  /**
   * Flat clusters made by every merge of height {@code <= h} (inclusive): two rows share a cluster exactly
   * when their cophenetic distance is {@code <= h}, as SciPy's {@code fcluster(Z, h, criterion='distance')}.
   * A negative {@code h} gives {@code n} singletons, {@code h} at or above the last height one cluster.
   * O(n).
   *
   * <p><b>scikit-learn's threshold is exclusive.</b> {@code AgglomerativeClustering(n_clusters=None,
   * distance_threshold=t)} makes only the merges of height {@code < t}; its partition is {@link #cutBelowHeight(double)
   * cutBelowHeight(t)}, which is {@code cutAtHeight(Math.nextDown(t))}. The two differ wherever a merge lies exactly at
   * {@code t}, which integer data make common: on Mall Customers' income and spending score at {@code t = 5},
   * scikit-learn 1.2.1 gives 62 clusters with single linkage, 85 average, 101 complete and 101 Ward, this method (and
   * SciPy) 54, 83, 96 and 99.
   *
   * @param h the height, not NaN
   * @return one label per row, numbered {@code 0, 1, ...} in order of each cluster's smallest row index
   * @throws IllegalArgumentException if {@code h} is NaN
   */
  public int[] cutAtHeight(double h) {
    if (Double.isNaN(h)) {
      throw new IllegalArgumentException("h must not be NaN");
    }
    int m = 0;
    while (m < tree.n - 1 && tree.height[m] <= h) {
      m++;
    }
    return TreeOps.applyMerges(tree, m);
  }

  /**
   * Flat clusters made by every merge of height {@code < t} (exclusive): scikit-learn's
   * {@code AgglomerativeClustering(n_clusters=None, distance_threshold=t)}, whose {@code labels_} are the same
   * partition (numbered otherwise: scikit-learn numbers from its last merge). Two rows share a cluster exactly when
   * their cophenetic distance is below {@code t}. The same as {@code cutAtHeight(Math.nextDown(t))} for every
   * {@code t}, and as {@link #cutAtHeight(double)} wherever no merge lies exactly at {@code t}; on integer data many
   * do (Mall Customers' income and spending score at {@code t = 5}: 62 single-linkage clusters here and in
   * scikit-learn 1.2.1, 54 with {@code cutAtHeight(5)}). A {@code t} at or below 0 (or {@code -Infinity}) gives
   * {@code n} singletons, a {@code t} above the last height one cluster. O(n).
   *
   * @param t the distance threshold, not NaN
   * @return one label per row, numbered {@code 0, 1, ...} in order of each cluster's smallest row index (as
   *     {@link #cutAtHeight(double)})
   * @throws IllegalArgumentException if {@code t} is NaN
   */
  public int[] cutBelowHeight(double t) {
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("t must not be NaN");
    }
    return TreeOps.applyMerges(tree, mergesBelow(t));
  }

  /**
   * The number of clusters that {@link #cutBelowHeight(double)} gives for {@code t}: scikit-learn's
   * {@code n_clusters_} under {@code distance_threshold=t}.
   *
   * @param t the distance threshold, not NaN
   * @return the number of clusters, {@code 1..n}
   * @throws IllegalArgumentException if {@code t} is NaN
   */
  public int clustersBelowHeight(double t) {
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("t must not be NaN");
    }
    return tree.n - mergesBelow(t);
  }

  /** The number of merges of height {@code < t} (heights never decrease, so they are the first ones). */
  private int mergesBelow(double t) {
    int m = 0;
    while (m < tree.n - 1 && tree.height[m] < t) {
      m++;
    }
    return m;
  }

  /**
   * The number of clusters that {@link #cutAtHeight(double)} gives for {@code h} (for scikit-learn's
   * {@code n_clusters_} under {@code distance_threshold=t}, see {@link #clustersBelowHeight(double)}).
   *
   * @param h the height, not NaN
   * @return the number of clusters, {@code 1..n}
   * @throws IllegalArgumentException if {@code h} is NaN
   */
  public int clustersAtHeight(double h) {
    if (Double.isNaN(h)) {
      throw new IllegalArgumentException("h must not be NaN");
    }
    int m = 0;
    while (m < tree.n - 1 && tree.height[m] <= h) {
      m++;
    }
    return tree.n - m;
  }

  /**
   * The rows in the order a dendrogram draws its leaves, left to right: depth first from the root, the
   * child with the smaller id first. Equal to SciPy's {@code leaves_list(Z)} (and the default order of
   * {@code dendrogram(Z)}), since the linkage matrix is equal.
   *
   * @return a fresh permutation of {@code 0..n-1}
   */
  public int[] leafOrder() {
    return TreeOps.leafOrder(tree);
  }

  /**
   * The cophenetic correlation coefficient (Sokal and Rohlf 1962, doi:10.2307/1217208): Pearson's
   * correlation, over all pairs of rows, between their distance (in this tree's metric) and their cophenetic
   * distance (the height of the merge that first joins them); how faithfully the tree keeps the distances.
   * Equal to SciPy's {@code cophenet(Z, pdist(X, metric))[0]} up to rounding. Computed on each call:
   * O(n^2 d) time, O(n d) memory.
   *
   * @return the coefficient in {@code [-1, 1]}; NaN when undefined (fewer than 2 rows, or all distances or
   *     all heights equal), as SciPy's 0/0
   */
  public double copheneticCorrelation() {
    return Cophenetic.correlation(tree, Scale.values(data, scale), data.dimension(), metric, scale);
  }

  @Override
  public String toString() {
    return "Dendrogram[n=" + tree.n + ", linkage=" + linkage + ", metric=" + metric + "]";
  }
}
