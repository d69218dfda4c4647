package io.github.clusterkit.hierarchical;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.internal.BlockBounds;
import io.github.clusterkit.hierarchical.internal.CachedNnChain;
import io.github.clusterkit.hierarchical.internal.CentroidWard;
import io.github.clusterkit.hierarchical.internal.CondensedNnChain;
import io.github.clusterkit.hierarchical.internal.MatrixFill;
import io.github.clusterkit.hierarchical.internal.PrimSingle;
import io.github.clusterkit.hierarchical.internal.SpatialOrder;
import io.github.clusterkit.hierarchical.internal.Tree;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.neighbors.Metric;
import java.util.Locale;
import java.util.Objects;

/**
 * Agglomerative (bottom-up) hierarchical clustering: an immutable configuration whose
 * {@link #fit(Dataset)} returns a {@link Dendrogram}, the full merge tree, from which any number of flat
 * clusters can be cut without refitting.
 *
 * <pre>{@code
 * Dendrogram t = Agglomerative.linkage(Linkage.WARD).fit(data);
 * int[] labels = t.cut(5);              // or t.cutAtHeight(h)
 * double[][] z = t.linkageMatrix();     // SciPy's layout: [left, right, height, size] per merge
 * }</pre>
 *
 * <p><b>Same result as SciPy.</b> The output equals SciPy 1.10's {@code scipy.cluster.hierarchy.linkage(X,
 * method)} with {@code metric='euclidean'} (or {@code 'cityblock'}, {@code 'chebyshev'}). For complete,
 * average and single linkage, and for Ward with {@link #wardByCentroids(boolean) wardByCentroids(false)}, it
 * is the same linkage matrix, cluster ids, heights and leaf order, bit for bit on the reference sets of the
 * tests, because the same algorithms run with the same tie rule and the same floating-point operations. Ward
 * by default is computed from centroids (below): where it builds SciPy's tree its heights equal SciPy's within
 * about 1e-13 relative, and on the reference sets its flat cuts equal SciPy's. But where two candidate merges
 * tie in exact arithmetic (data on a grid, and integer data such as scores) SciPy's recurrence lets rounding
 * decide, and the centroids, which see the exact tie and apply the tie rule below, may decide it the other way,
 * so building another, equally valid, tree whose later heights and flat cuts differ from SciPy's and
 * scikit-learn's: for the rows (1, 3), (1, 5), (4, 0), (0, 1), (4, 5) already at {@code k = 2} (rows 0 and 1 merge
 * with row 3 here, with row 4 there, both at {@code sqrt(40 / 3)}), on Mall Customers' age, income and spending
 * score from {@code k = 8}. {@code wardByCentroids(false)} gives SciPy's tree.
 * <ul>
 *   <li>{@link Linkage#WARD} with {@code wardByCentroids(true)}, the default way to compute Ward: the
 *       nearest-neighbour chain (Murtagh 1983, doi:10.1093/comjnl/26.4.354; Muellner, "Modern hierarchical,
 *       agglomerative clustering algorithms", 2011, arXiv:1109.2378, section 3.3) on cluster centroids, each
 *       distance evaluated from Ward's closed form {@code sqrt(2 |A| |B| / (|A| + |B|)) * ||mean(A) - mean(B)||}.
 *       O(n^2 d) time and O(n d) memory: no distance matrix and no size limit; faster than the matrix below
 *       about 50 dimensions (see {@link #wardByCentroids(boolean)}). A merged centroid is the weighted mean of
 *       the two, kept between them (rounding alone can leave that interval), so that equal centroids merge to
 *       exactly the same one.</li>
 *   <li>{@link Linkage#COMPLETE}, {@link Linkage#AVERAGE}, and {@link Linkage#WARD} with
 *       {@code wardByCentroids(false)}: the nearest-neighbour chain on the condensed distance matrix with
 *       Lance-Williams updates (Lance and Williams 1967, doi:10.1093/comjnl/9.4.373). O(n^2) time and
 *       {@code n (n - 1) / 2} doubles of memory (about 400 MB at n = 10,000), plus lower bounds of each row by
 *       blocks of 256 columns, {@code n ceil(n / 256)} doubles (under 1% of the matrix: 3.2 MB at
 *       n = 10,000).</li>
 *   <li>{@link Linkage#SINGLE}: Prim's minimum spanning tree (Prim 1957, doi:10.1002/j.1538-7305.1957.tb01515.x)
 *       with distances computed on the fly, O(n^2) time and linear memory, no matrix: besides a few arrays of n
 *       it keeps one column-by-column copy of the data (as large as the {@link Dataset}, so that the scans
 *       vectorise); it runs on any n whose data fit in memory twice.</li>
 * </ul>
 * The matrix algorithms keep each cluster's nearest neighbours cached between merges, so the chain rarely
 * rescans a row, and a rescan skips the blocks of the row whose lower bound exceeds the neighbours found;
 * they store the points in the leaf order of a k-d tree (clusters that merge then sit close
 * in every row of the matrix) and compact the matrix as clusters merge. None of this changes the result:
 * every tie is still decided on the row indices. Ward by centroids keeps the same neighbour caches. The chain
 * finds merges out of height order; as SciPy does, they are then sorted by height (a stable sort) and
 * relabelled with a union-find, so cluster {@code n + i} is the one made by merge {@code i}.
 *
 * <p><b>Ties</b> (several pairs at exactly the same distance) are broken as SciPy breaks them, which makes
 * the result deterministic and independent of the thread count: the chain starts at the live cluster with
 * the smallest index and moves to the first (smallest index) strictly nearest cluster, preferring the
 * previous chain element when it is among the nearest; a merged cluster takes the larger index of the two;
 * Prim's tree grows from row 0 and adds the smallest-index point among the nearest. Different tie rules
 * (ELKI, Smile, or a permutation of the rows) give trees that may differ where merges tie exactly, with the
 * same sorted heights for single linkage.
 *
 * <p><b>Size limit.</b> The matrix methods (complete, average, and Ward with {@code wardByCentroids(false)})
 * refuse {@code n > }{@value #MAX_MATRIX_SIZE} (the largest n whose {@code n (n - 1) / 2} entries fit in one
 * Java array, 16 GiB) and any n whose matrix and block bounds, {@code 4 n (n - 1) + 8 n ceil(n / 256)} bytes
 * ({@link #matrixBytes(int)}), exceed the JVM's maximum heap ({@link Runtime#maxMemory()}), with an
 * {@link IllegalArgumentException} that names n and the memory needed, rather than running out of memory.
 * {@link Linkage#SINGLE} and Ward by centroids (the default for Ward) have no such limit. Data whose largest
 * magnitude is above {@code 2^201} or below {@code 2^-200}, where squared distances overflow or underflow, are
 * clustered multiplied by a power of two and the heights scaled back: exact, so the tree is that of arithmetic with
 * a wide enough exponent range (before it, data near {@code 1e200} were refused and data near {@code 1e-200} got
 * all heights 0 and wrong cuts). After that scaling every coordinate is below {@code 2^201} in magnitude, so no
 * distance, Lance-Williams value or Ward term can overflow (they stay below {@code 2^468} for any size a Java array
 * allows); a height beyond the double range once scaled back (rows near {@code +-1e308}) is {@code Infinity}.
 *
 * <p><b>Metrics.</b> {@link Metric#EUCLIDEAN} (default), {@link Metric#MANHATTAN} and
 * {@link Metric#CHEBYSHEV} for complete, average and single linkage; Ward's method is defined on Euclidean
 * distances only, and asking for another metric with it throws {@link IllegalArgumentException} (as SciPy's
 * {@code ValueError}).
 *
 * <p><b>Parallelism</b> is opt-in ({@link #parallelism(int)}, default 1) and only computes the distance
 * matrix, so it has no effect on single linkage and on Ward by centroids (fixed chunks of rows, on the calling
 * thread and parked worker threads that the library keeps between calls and ends after a second unused; the
 * common pool is never used). The result is identical for every thread count.
 *
 * <p><b>Edge cases.</b> One row gives a dendrogram without merges. Duplicate rows merge at height 0, before
 * any other merge, with every linkage and both ways of computing Ward.
 * {@code fit} never modifies the dataset. Instances are immutable and safe to share between threads. Equal
 * configurations (the same settings, however they were reached) are {@code equals} and have equal {@code hashCode}s,
 * so a configuration can key a cache of fitted models. Every setting counts: the parallelism, although the result
 * does not depend on it, and {@link #wardByCentroids(boolean)} under any linkage, as a later
 * {@link #withLinkage(Linkage)} can bring it into use.
 */
public final class Agglomerative {

  /**
   * The largest number of rows accepted by the matrix methods (complete, average, and Ward with
   * {@code wardByCentroids(false)}): the condensed
   * matrix of 65,536 rows has 2,147,450,880 entries, just below Java's array limit.
   */
  public static final int MAX_MATRIX_SIZE = 65_536;

  private final Linkage linkage;
  private final Metric metric;
  private final int parallelism;
  private final boolean wardByCentroids;

  private Agglomerative(Linkage linkage, Metric metric, int parallelism, boolean wardByCentroids) {
    this.linkage = linkage;
    this.metric = metric;
    this.parallelism = parallelism;
    this.wardByCentroids = wardByCentroids;
  }

  /**
   * Starts a configuration with this linkage, Euclidean distance, one thread and, for Ward, centroids
   * ({@link #wardByCentroids(boolean)}).
   *
   * @param linkage the cluster distance
   * @return a new configuration
   * @throws IllegalArgumentException if {@code linkage} is null
   */
  public static Agglomerative linkage(Linkage linkage) {
    return new Agglomerative(checkLinkage(linkage, Metric.EUCLIDEAN), Metric.EUCLIDEAN, 1, true);
  }

  private static Linkage checkLinkage(Linkage linkage, Metric metric) {
    if (linkage == null) {
      throw new IllegalArgumentException("linkage must not be null");
    }
    if (linkage == Linkage.WARD && metric != Metric.EUCLIDEAN) {
      throw new IllegalArgumentException("WARD linkage requires the EUCLIDEAN metric, got " + metric);
    }
    return linkage;
  }

  /**
   * @param newLinkage the cluster distance
   * @return a copy with this linkage
   * @throws IllegalArgumentException if {@code newLinkage} is null, or it is {@link Linkage#WARD} and the
   *     metric is not {@link Metric#EUCLIDEAN}
   */
  public Agglomerative withLinkage(Linkage newLinkage) {
    return new Agglomerative(checkLinkage(newLinkage, metric), metric, parallelism, wardByCentroids);
  }

  /**
   * @param newMetric the point distance (default {@link Metric#EUCLIDEAN})
   * @return a copy with this metric
   * @throws IllegalArgumentException if {@code newMetric} is null, or the linkage is {@link Linkage#WARD}
   *     and {@code newMetric} is not {@link Metric#EUCLIDEAN}
   */
  public Agglomerative metric(Metric newMetric) {
    if (newMetric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Agglomerative(checkLinkage(linkage, newMetric), newMetric, parallelism, wardByCentroids);
  }

  /**
   * @param threads number of threads for the distance matrix (default 1); the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Agglomerative parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new Agglomerative(linkage, metric, threads, wardByCentroids);
  }

  /**
   * Chooses how {@link Linkage#WARD} is computed. By default ({@code true}) from cluster centroids (Muellner
   * 2011, section 3.3): the nearest-neighbour chain with SciPy's tie rule, O(n^2 d) time and O(n d) memory, so
   * no distance matrix and no size limit. Its cost grows with the dimension, the matrix's hardly: on 10^4
   * points in 10 Gaussian blobs (one thread), centroids were about 3.4x faster than the matrix at d = 2, 2.3x
   * at d = 10, 1.4x at d = 20 and 30, and as fast at d = 50; beyond that the matrix, where it fits in memory,
   * may be the faster choice.
   * Each height is evaluated from Ward's closed form {@code sqrt(2 |A| |B| / (|A| + |B|)) * ||mean(A) -
   * mean(B)||} instead of SciPy's recurrence: heights agree with SciPy's to about 1e-13 relative rather than
   * bit for bit, and where two candidate merges tie to within that rounding (data on a grid) the tree may
   * differ where SciPy's does. With {@code false}, SciPy's exact algorithm: the nearest-neighbour chain on the
   * condensed distance matrix with the Lance-Williams recurrence, bit for bit SciPy's result, with the
   * matrix's memory and {@link #MAX_MATRIX_SIZE size limit}. Has no effect on the other linkages.
   *
   * @param byCentroids true (the default) for centroids, false for SciPy's exact matrix algorithm
   * @return a copy with this choice
   */
  public Agglomerative wardByCentroids(boolean byCentroids) {
    return new Agglomerative(linkage, metric, parallelism, byCentroids);
  }

  /**
   * @return whether Ward's linkage is computed from centroids (default true; see
   *     {@link #wardByCentroids(boolean)})
   */
  public boolean wardByCentroids() {
    return wardByCentroids;
  }

  /** @return the linkage */
  public Linkage linkage() {
    return linkage;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Bytes of the two arrays of n^2 size that the matrix methods allocate for {@code n} rows, the sizes
   * checked against the maximum heap: the condensed distance matrix, {@code 8 * n (n - 1) / 2}, and the
   * lower bounds of each row by blocks of 256 columns, {@code 8 * n * ceil(n / 256)} (under 1% of the
   * matrix from n = 256 on). The arrays of n entries (neighbour lists, sizes, the chain) are not counted.
   *
   * @param n number of rows, {@code >= 0}
   * @return the size in bytes
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static long matrixBytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    long blocks = (n + 255L) / 256;
    return 4L * n * (n - 1L) + 8L * n * blocks;
  }

  /**
   * Builds the dendrogram of {@code data}.
   *
   * @param data the points (not modified)
   * @return the dendrogram, which keeps a reference to {@code data} for
   *     {@link Dendrogram#copheneticCorrelation()}
   * @throws IllegalArgumentException if {@code data} is null, or the linkage needs a distance matrix and
   *     {@code data.size()} exceeds {@link #MAX_MATRIX_SIZE} or the matrix and its block bounds
   *     ({@link #matrixBytes(int)}) would not fit in the maximum heap (single linkage and
   *     {@link #wardByCentroids(boolean) Ward by centroids}, the default for Ward, need no matrix)
   */
  public Dendrogram fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    // Data too large or too small for squared distances are clustered times a power of two (exact: Scale), and
    // the heights scaled back.
    int e = Scale.exponent(data);
    double[] v = Scale.values(data, e);
    Tree tree;
    if (n == 1) {
      tree = Tree.fromRecorded(1, new int[0], new int[0], new double[0]);
    } else if (linkage == Linkage.SINGLE) {
      tree = PrimSingle.run(v, n, d, metric);
    } else if (linkage == Linkage.WARD && wardByCentroids) {
      tree = CentroidWard.run(v, n, d);
    } else {
      checkMatrixSize(n);
      double[] nnVal = new double[n];
      int[] nnIdx = new int[n];
      int[] order = SpatialOrder.of(v, n, d); // where values are stored; ties still go by row index
      BlockBounds bounds = BlockBounds.forFill(n); // lets the chain's rescans skip far blocks of a row
      double[] dist = MatrixFill.condensed(v, n, d, metric, parallelism, nnVal, nnIdx, order, bounds);
      int method = linkage == Linkage.WARD ? CondensedNnChain.WARD
          : linkage == Linkage.COMPLETE ? CondensedNnChain.COMPLETE : CondensedNnChain.AVERAGE;
      tree = CachedNnChain.run(dist, n, method, nnVal, nnIdx, bounds, order);
    }
    if (e != 0) {
      for (int k = 0; k < tree.height.length; k++) {
        tree.height[k] = Math.scalb(tree.height[k], e);
      }
    }
    return new Dendrogram(tree, linkage, metric, data, e);
  }

  private void checkMatrixSize(int n) {
    long bytes = matrixBytes(n);
    if (n > MAX_MATRIX_SIZE) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s linkage needs a distance matrix of n (n - 1) / 2 doubles and n ceil(n / 256) block bounds: n = %d"
              + " would need %s; n must be <= %d (SINGLE linkage and WARD by centroids need no matrix)", linkage, n,
          gib(bytes), MAX_MATRIX_SIZE));
    }
    long max = Runtime.getRuntime().maxMemory();
    if (max != Long.MAX_VALUE && bytes > max) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s linkage needs a distance matrix of n (n - 1) / 2 doubles and n ceil(n / 256) block bounds: n = %d"
              + " would need %s, more than the maximum heap of %s (raise -Xmx; SINGLE linkage and WARD by centroids"
              + " need no matrix)",
          linkage, n, gib(bytes), gib(max)));
    }
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Agglomerative)) {
      return false;
    }
    Agglomerative a = (Agglomerative) o;
    return linkage == a.linkage && metric == a.metric && parallelism == a.parallelism
        && wardByCentroids == a.wardByCentroids;
  }

  @Override
  public int hashCode() {
    return Objects.hash(linkage, metric, parallelism, wardByCentroids);
  }

  @Override
  public String toString() {
    return "Agglomerative[linkage=" + linkage + ", metric=" + metric + ", parallelism=" + parallelism
        + ", wardByCentroids=" + wardByCentroids + "]";
  }
}
