package io.github.clusterkit.birch;

import io.github.clusterkit.birch.internal.CfTree;
import io.github.clusterkit.birch.internal.GlobalStep;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.FittedColumns;
import java.util.List;
import java.util.Locale;

/**
 * BIRCH clustering (Zhang, Ramakrishnan and Livny, "BIRCH: an efficient data clustering method for very large
 * databases", SIGMOD 1996, doi:10.1145/233269.233324): one pass over the rows builds a clustering-feature tree whose
 * leaf entries, the subclusters, summarise nearby rows by their count, linear sum and squared sum; a global step then
 * groups the subclusters' centroids into {@code k} clusters with Ward's linkage. Memory grows with the number of
 * subclusters, not of rows, and rows can arrive in batches ({@link #tree(int)}).
 *
 * <pre>{@code
 * BirchModel m = Birch.threshold(0.5).branchingFactor(50).clusters(3).fit(data);
 * int[] labels = m.labels();
 * BirchTree t = Birch.threshold(0.5).tree(data.columnNames());   // streaming
 * t.add(batch1);
 * t.add(batch2);
 * int segment = t.model().predict(new double[] {0.3, -1.2});
 * }</pre>
 *
 * <p><b>Same result as scikit-learn.</b> The tree is scikit-learn 1.2.1's
 * {@code Birch(threshold, branching_factor, n_clusters)} in float64, rule for rule and with its arithmetic, so its
 * subclusters ({@code subcluster_centers_}, in its order), their counts, the clusters of the subclusters
 * ({@code subcluster_labels_}, numbered as it numbers them) and the labels are scikit-learn's (tested on 30 reference
 * cases, tools/birch_reference.py: counts, subcluster clusters and labels equal, centroids bit for bit). A row goes
 * down the tree to the entry of smallest {@code ||c||^2 - 2 c.x} (the first on ties); at a leaf it joins that
 * subcluster when the merged squared radius {@code SS / n - ||c||^2} is at most {@code threshold^2}, else it starts a
 * subcluster; a node with more than {@code branchingFactor} entries splits around its farthest pair of entries (the
 * first such pair in row-major order of scikit-learn's distance matrix; every other entry to the nearer of the two, the
 * first on ties), its parent entry replaced by the two halves, up to a new root. Where rounding decides, the decisions
 * are scikit-learn's too: its dot products, norms and distance matrices are rounded as numpy 1.24 and OpenBLAS's x86-64
 * kernels round them (the order of their sums and their fused multiply-adds, replicated), so that even near-ties, and
 * the orientation of a split (which of the farthest pair becomes the first half, decided by rounding in scikit-learn's
 * not quite symmetric distance matrix), come out the same; on other BLAS builds scikit-learn itself may decide such
 * near-ties otherwise. Limits of the replication: the split's matrix of products is exact where checked, nodes of up to
 * 9 entries and the first {@code 8 floor(m / 8)} rows and columns of larger ones, while OpenBLAS computes the others
 * with edge kernels not replicated here (they matter only where a split's orientation is a near-tie; the reference
 * cases with the default branching factor 50 match exactly); the insertion's products are replicated up to 2048
 * columns.
 *
 * <p><b>Its quirks, kept.</b> The merge test's {@code SS / n - ||c||^2} cancels: for rows far from the origin
 * relative to the threshold (values near {@code 1e4} with threshold {@code 1e-4}, or near {@code 1e8} with threshold
 * {@code 1}: the formula's rounding, about {@code 1e-16} of the squared values, reaches {@code threshold^2}) rounding
 * decides merges, and a subcluster's exact radius can exceed the threshold (200 rows near {@code (1e8, 1e8)} with
 * standard deviation 0.3, of radius 0.44 (root-mean-square distance to their mean), where exact arithmetic would
 * keep one subcluster, make 66 at threshold 1 and branching factor 4, in scikit-learn as here); centre and scale the
 * data first (e.g. {@code StandardScaler}), which also makes one threshold fit every column. The insertion path
 * likewise ranks by {@code ||c||^2 - 2 c.x}. Both are kept so that the tree is scikit-learn's. Subclusters come in
 * the order of scikit-learn's list of leaves, which is not the tree's left-to-right order (a split puts its two
 * halves in the list where the split leaf was, while the parent appends the second half's entry at its end): it is
 * kept, as it numbers the subclusters and so the labels. The threshold bounds only the leaf subclusters' radius (as
 * computed by that formula) at the time of a merge, not any diameter or the clusters of the global step.
 *
 * <p><b>Global step.</b> {@link #clusters(int) clusters(k)} with {@code k >= 1} (default 3, as scikit-learn) runs
 * Ward's linkage on the subcluster centroids, each centroid one point whatever its count (as scikit-learn's
 * {@code AgglomerativeClustering(n_clusters=k)}), with {@link io.github.clusterkit.hierarchical.Agglomerative}
 * computing SciPy's tree ({@code wardByCentroids(false)}; see {@link #wardByCentroids(boolean)}) and numbers the
 * clusters as scikit-learn does. {@code clusters(0)} ({@link #NO_GLOBAL_STEP}, scikit-learn's
 * {@code n_clusters=None}) makes every subcluster a cluster. <b>Fewer subclusters than {@code k}:</b> as
 * scikit-learn, every subcluster is then its own cluster and {@link BirchModel#clusterCount()} is below
 * {@link BirchModel#requestedClusters()} (scikit-learn also warns); no exception, because a stream's first snapshots
 * routinely have few subclusters and a service should not fail on them; the model says it. (For a single subcluster
 * and {@code k = 1} scikit-learn's AgglomerativeClustering refuses one sample; here it is one cluster.)
 *
 * <p><b>Row order.</b> The tree depends on the order of the rows, by nature of the algorithm: a row joins what came
 * before it. {@link #fit(Dataset)} takes the rows in order, and gives the same model as a {@link BirchTree} given the
 * same rows in the same order in any batches (tested). The training labels are each row's nearest subcluster's
 * cluster after the whole pass (scikit-learn's {@code predict}), not the subcluster the row joined. That subcluster
 * only starts the search: the nearest centroid lies within twice the row's distance from it (triangle inequality),
 * and one radius query per subcluster, its list sorted by a rounding-safe lower bound, leaves each row few distances
 * to compute (10^6 rows of 10 columns, 49,094 subclusters: 0.79 s on one thread, where the k-d tree of
 * {@link BirchModel#predict(Dataset)} took 3.9 s). The answer is the k-d tree's exactly, ties included
 * (tested against a brute-force scan on data full of ties); data so small or large that the k-d tree scales them
 * are labelled by the k-d tree itself.
 *
 * <p><b>Parallelism</b> ({@link #parallelism(int)}, default 1) only labels rows ({@link BirchModel#predict(Dataset)}
 * and the training labels of a fit), in chunks fixed by the number of rows (of subclusters for the training labels):
 * the result does not depend on it. The tree is built on the calling thread, one row after another.
 *
 * <p><b>Edge cases.</b> Duplicate rows merge into one subcluster (squared radius 0). One row gives one subcluster and
 * one cluster. Values must be below {@code 2^481} (about {@code 6e144}) in magnitude, so that squared sums cannot
 * overflow; the threshold's square must be a normal finite double ({@code threshold} about {@code 1.5e-154} to
 * {@code 1.3e154}). Rows are never modified.
 *
 * <p><b>Memory and time.</b> Per row, {@code O(branchingFactor * d)} work on each level of the tree; a split costs
 * {@code O(branchingFactor^2 d)}. The tree keeps {@code O(d)} values per subcluster and node; the global step's Ward
 * linkage keeps the {@code m (m - 1) / 2} distances of the {@code m} subclusters (see
 * {@link #wardByCentroids(boolean)} for many subclusters).
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once. Equal
 * configurations are {@code equals} and have equal {@code hashCode}s; every setting counts.
 */
public final class Birch {

  /** The value of {@link #clusters(int)} for no global step: every subcluster is a cluster. */
  public static final int NO_GLOBAL_STEP = 0;

  private final double threshold;
  private final int branchingFactor;
  private final int clusters;
  private final boolean wardByCentroids;
  private final int parallelism;

  private Birch(double threshold, int branchingFactor, int clusters, boolean wardByCentroids, int parallelism) {
    this.threshold = threshold;
    this.branchingFactor = branchingFactor;
    this.clusters = clusters;
    this.wardByCentroids = wardByCentroids;
    this.parallelism = parallelism;
  }

  /**
   * A configuration with this threshold and the defaults of scikit-learn: branching factor 50, 3 clusters; Ward by
   * SciPy's matrix, 1 thread.
   *
   * @param threshold the largest radius of a leaf subcluster (scikit-learn's default 0.5), {@code > 0}, its square a
   *     normal finite double
   * @return the configuration
   * @throws IllegalArgumentException if the threshold breaks the rule
   */
  public static Birch threshold(double threshold) {
    checkThreshold(threshold);
    return new Birch(threshold, 50, 3, false, 1);
  }

  static void checkThreshold(double threshold) {
    double sq = threshold * threshold;
    if (!(threshold > 0) || !(sq >= Double.MIN_NORMAL) || sq == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("threshold must be > 0 with a square that is a normal finite double (about"
          + " 1.5e-154 to 1.3e154), got " + threshold);
    }
  }

  static void checkBranchingFactor(int b) {
    if (b < 2 || b > 1 << 15) {
      throw new IllegalArgumentException("branchingFactor must be in [2, 32768], got " + b);
    }
  }

  static void checkClusters(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("clusters must be >= 0 (0 for no global step), got " + k);
    }
  }

  /**
   * @param threshold the new threshold, as {@link #threshold(double)}
   * @return a copy with this threshold
   * @throws IllegalArgumentException if the threshold breaks the rule
   */
  public Birch withThreshold(double threshold) {
    checkThreshold(threshold);
    return new Birch(threshold, branchingFactor, clusters, wardByCentroids, parallelism);
  }

  /**
   * @param branchingFactor the most entries of a node (scikit-learn's default 50), in {@code [2, 32768]} (a split
   *     compares every pair of a node's entries)
   * @return a copy with this branching factor
   * @throws IllegalArgumentException if out of range
   */
  public Birch branchingFactor(int branchingFactor) {
    checkBranchingFactor(branchingFactor);
    return new Birch(threshold, branchingFactor, clusters, wardByCentroids, parallelism);
  }

  /**
   * @param k the number of clusters of the global step, {@code >= 1}; or {@link #NO_GLOBAL_STEP} ({@code 0}) for
   *     none, every subcluster a cluster
   * @return a copy with this global step
   * @throws IllegalArgumentException if {@code k < 0}
   */
  public Birch clusters(int k) {
    checkClusters(k);
    return new Birch(threshold, branchingFactor, k, wardByCentroids, parallelism);
  }

  /**
   * How the global step computes Ward's linkage. With {@code false} (default) SciPy's algorithm on the matrix of
   * the subclusters' distances, which gives scikit-learn's clusters exactly; it needs {@code 4 m (m - 1)} bytes for
   * {@code m} subclusters and refuses {@code m > 65536}. With {@code true} from the centroids
   * ({@link io.github.clusterkit.hierarchical.Agglomerative#wardByCentroids(boolean)}): no matrix and no limit, the
   * same heights within about {@code 1e-13}, and the same clusters except where merges tie within that rounding.
   *
   * @param byCentroids true for centroids, false for SciPy's matrix
   * @return a copy with this choice
   */
  public Birch wardByCentroids(boolean byCentroids) {
    return new Birch(threshold, branchingFactor, clusters, byCentroids, parallelism);
  }

  /**
   * @param parallelism threads that label rows, at least 1 (default 1); the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public Birch parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return new Birch(threshold, branchingFactor, clusters, wardByCentroids, parallelism);
  }

  /** @return the threshold */
  public double threshold() {
    return threshold;
  }

  /** @return the branching factor */
  public int branchingFactor() {
    return branchingFactor;
  }

  /** @return the clusters of the global step, {@link #NO_GLOBAL_STEP} for none */
  public int clusters() {
    return clusters;
  }

  /** @return whether the global step's Ward linkage is computed from centroids */
  public boolean wardByCentroids() {
    return wardByCentroids;
  }

  /** @return the parallelism */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Builds the tree from the rows in order, runs the global step and labels the rows.
   *
   * @param data the rows (not modified), at least one
   * @return the model, with training labels
   * @throws IllegalArgumentException if {@code data} is null, has no rows or a value of magnitude {@code 2^481} or
   *     more, or the global step needs a matrix too large (see {@link #wardByCentroids(boolean)})
   */
  public BirchModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    if (n < 1) {
      throw new IllegalArgumentException("data must have at least one row, got 0");
    }
    double[] x = DataAccess.values(data);
    int d = data.dimension();
    checkValues(x, n, d, "data");
    CfTree tree = new CfTree(d, threshold, branchingFactor);
    int[] seed = new int[n];
    tree.insertAll(x, n, seed);
    BirchModel noLabels = model(tree, data.columnNames());
    // the training labels start from the leaf subcluster each row joined (its number in the model's order); the
    // search that completes them is exact (SeededNearest)
    int[] subs = tree.leafSubclusters();
    int[] position = new int[tree.subclusterNumbers()];
    for (int i = 0; i < subs.length; i++) {
      position[subs[i]] = i;
    }
    for (int i = 0; i < n; i++) {
      seed[i] = position[seed[i]];
    }
    return noLabels.withLabels(noLabels.labelTraining(x, n, seed));
  }

  /**
   * A tree to feed rows to, for data without column names.
   *
   * @param dimension the number of columns, at least 1
   * @return a new, empty tree with this configuration
   * @throws IllegalArgumentException if {@code dimension < 1}
   */
  public BirchTree tree(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    return new BirchTree(this, FittedColumns.defaults(dimension));
  }

  /**
   * A tree to feed rows to, for data with these column names (batches with other given names are refused).
   *
   * @param columnNames one distinct, non-null name per column, at least one (copied)
   * @return a new, empty tree with this configuration
   * @throws IllegalArgumentException if the names are null, empty, repeated or contain null
   */
  public BirchTree tree(List<String> columnNames) {
    if (columnNames == null) {
      throw new IllegalArgumentException("columnNames must not be null");
    }
    if (columnNames.isEmpty()) {
      throw new IllegalArgumentException("columnNames must hold at least one name, got none");
    }
    return new BirchTree(this, FittedColumns.validated(columnNames, columnNames.size()));
  }

  /** The model of a tree's current subclusters, without training labels. */
  BirchModel model(CfTree tree, List<String> names) {
    int[] subs = tree.leafSubclusters();
    int m = subs.length;
    int d = tree.dimension();
    double[] centroids = tree.centroids(subs);
    int[] subLabels;
    if (clusters == NO_GLOBAL_STEP) {
      subLabels = new int[m];
      for (int i = 0; i < m; i++) {
        subLabels[i] = i;
      }
    } else {
      subLabels = GlobalStep.labels(centroids, m, d, clusters, wardByCentroids);
    }
    return new BirchModel(d, names, threshold, branchingFactor, clusters, centroids, tree.counts(subs),
        tree.linearSums(subs), tree.squaredSums(subs), subLabels, new int[0], parallelism);
  }

  static void checkValues(double[] x, int n, int d, String what) {
    for (int t = 0, len = n * d; t < len; t++) {
      if (!(Math.abs(x[t]) < 0x1p481)) {
        throw new IllegalArgumentException(what + " must have values of magnitude below 2^481 (about 6e144, so"
            + " that squared sums cannot overflow), got " + x[t] + " at row " + (t / d) + ", column " + (t % d)
            + "; rescale the data first, e.g. with StandardScaler");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Birch)) {
      return false;
    }
    Birch b = (Birch) o;
    return Double.compare(threshold, b.threshold) == 0 && branchingFactor == b.branchingFactor
        && clusters == b.clusters && wardByCentroids == b.wardByCentroids && parallelism == b.parallelism;
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(threshold);
    h = 31 * h + branchingFactor;
    h = 31 * h + clusters;
    h = 31 * h + Boolean.hashCode(wardByCentroids);
    return 31 * h + parallelism;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Birch[threshold=%s, branchingFactor=%d, clusters=%d, wardByCentroids=%b,"
        + " parallelism=%d]", threshold, branchingFactor, clusters, wardByCentroids, parallelism);
  }
}
