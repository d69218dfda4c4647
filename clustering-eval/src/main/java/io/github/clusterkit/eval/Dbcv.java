package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.DbcvKernel;
import io.github.clusterkit.eval.internal.Partition;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Scale;

/**
 * The Density-Based Clustering Validation index, DBCV (Moulavi, Jaskowiak, Campello, Zimek and Sander 2014,
 * "Density-Based Clustering Validation", Proc. SIAM International Conference on Data Mining,
 * doi:10.1137/1.9781611973440.96): in {@code [-1, 1]}, higher is better. It scores clusters of any shape by
 * comparing the density within a cluster with the density between clusters, so it suits the results of DBSCAN and
 * HDBSCAN (rings, moons, chains), which the {@link Silhouette} and {@link DaviesBouldin}, built on distances to
 * centres or means, misjudge.
 *
 * <p><b>Definition</b> (Euclidean distances {@code dist}, {@code d} = number of columns; only clusters of at least
 * two points are "valid"):
 * <ul>
 *   <li>the all-points core distance of a point {@code o} of cluster {@code C} of {@code n_C} points is
 *       {@code core(o) = (sum_{p in C, p != o} dist(o, p)^-d / (n_C - 1))^(-1/d)}, a mean of inverse distances that
 *       the nearest points dominate;</li>
 *   <li>the mutual reachability of two points is {@code max(core(o), core(p), dist(o, p))}, each core distance taken
 *       within the point's own cluster;</li>
 *   <li>each valid cluster gets a minimum spanning tree under mutual reachability; its internal nodes are those of
 *       degree at least 2 (in a cluster of two points, both points);</li>
 *   <li>the density sparseness {@code DSC(C)} is the largest tree edge joining two internal nodes, or the largest
 *       edge when no edge does (clusters of two or three points, star-shaped trees);</li>
 *   <li>the density separation {@code DSPC(C, C')} is the smallest mutual reachability between an internal node of
 *       {@code C} and one of {@code C'};</li>
 *   <li>{@code V(C) = (min_{C'} DSPC(C, C') - DSC(C)) / max(min_{C'} DSPC(C, C'), DSC(C))} ({@code 0} when both are
 *       0), and {@code DBCV = sum_C (n_C / N) V(C)} over the valid clusters, {@code N} the rows the noise policy
 *       keeps.</li>
 * </ul>
 * This is ELKI's {@code DBCV} evaluator (elki-project/elki, {@code elki.evaluation.clustering.internal.DBCV}) on data
 * without duplicate rows and with one minimum spanning tree per cluster; the differences follow.
 *
 * <p><b>Ties between tree edges.</b> Mutual reachabilities tie often: a point whose core distance exceeds its
 * distances to several cluster mates is at that same reachability from all of them, so a cluster usually has several
 * minimum spanning trees, with different internal nodes and different sparseness. ELKI takes the tree its member
 * order gives (an iteration order of a hash set), and its unit test notes that the value depends on the row order.
 * Here each cluster's points are ordered by their coordinates (compared column by column) and edges of equal weight
 * are taken in that order (the lower, then the higher position of the two ends first), which fixes one tree: the
 * index does not depend on the order of the rows or the numbering of the labels. On ELKI's test file
 * {@code uebungsblatt-2d-mini-jitter.csv} the trees admit eight values between 0.680 and 0.712; ELKI asserts
 * 0.699142946543063 and this class gives 0.7119996246603337 (both reproduced, with ELKI's member order, by this
 * module's tests and by {@code tools/dbcv_reference.py}).
 *
 * <p><b>Noise.</b> The default, {@link NoisePolicy#SINGLETONS}, is the paper's and ELKI's treatment: noise rows
 * (label {@code -1}) belong to no cluster, contribute 0 and count in {@code N}, so noise lowers the index.
 * {@link NoisePolicy#IGNORE} leaves them out ({@code N} counts the other rows; the value on the data without the
 * noise rows); {@link NoisePolicy#MERGE} scores them as one more cluster.
 *
 * <p><b>Clusters of one point</b> have no core distance (no other member) and no tree edge, so the index is not
 * defined for them: as in ELKI, such a cluster is scored as noise, contributing 0 and counting in {@code N}, and is not
 * a neighbour in the separation of the others. (This is why {@link NoisePolicy#SINGLETONS} is the paper's noise
 * treatment.)
 *
 * <p><b>Duplicate rows.</b> A point with a copy in its cluster has an infinite term {@code 0^-d} in its core
 * distance, whose core distance is then 0, the limit of the formula as the copy approaches (ELKI instead skips
 * coinciding points, and gives {@code NaN} for a point all of whose cluster mates coincide with it). A cluster of
 * copies of one point has sparseness 0; {@code V(C) = 0} when its separation is 0 too (a copy of it in another
 * cluster).
 *
 * <p><b>Large dimension.</b> The terms {@code dist^-d} overflow or underflow a {@code double} for {@code d = 50} at
 * distances below about {@code 1e-6} or above about {@code 1e6}. Each core distance is therefore accumulated
 * relative to the smallest distance seen, as {@code sum (dist_min / dist_j)^d}, whose terms are at most 1 and one of
 * which is 1, so no intermediate overflows and underflow only drops negligible terms, for any {@code d} and any
 * magnitude; data whose squared distances would leave the range of a {@code double} are scaled by a power of two
 * first, exactly (the index is a ratio of distances).
 *
 * <p><b>Degenerate input.</b> Fewer than two clusters of at least two points after the noise policy (one cluster,
 * every row noise, every cluster a single point): {@link IllegalArgumentException}, as the separation of a single
 * cluster is undefined (ELKI returns {@code NaN}).
 *
 * <p><b>Cost.</b> Time {@code O(sum_C n_C^2 d)} for the core distances and trees (each cluster separately) plus
 * {@code O(m^2 d)} for the separation, {@code m} the internal nodes of all clusters (at most the rows kept): quadratic
 * in {@code n}: 20,000 rows of 2 columns in 4 clusters take about 2.5 s on one core (0.14 s for 2,000). Memory
 * {@code O(n d)}: a packed copy of the clustered rows and a few arrays per row, never a distance matrix. One thread.
 * An interrupt of the calling thread stops the computation with an {@link IllegalStateException} whose message
 * starts with {@code "interrupted"}; the thread's interrupt status is kept.
 *
 * <p>Stateless; safe to call from any thread. Arguments are never modified.
 *
 * <pre>{@code
 * double v = Dbcv.score(data, dbscanLabels);                     // noise counts against the index
 * double clean = Dbcv.score(data, dbscanLabels, NoisePolicy.IGNORE);
 * }</pre>
 */
public final class Dbcv {

  private Dbcv() {}

  /**
   * The index with noise rows counted but not clustered ({@link NoisePolicy#SINGLETONS}), as in the paper and ELKI.
   *
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @return the index, in {@code [-1, 1]}
   * @throws IllegalArgumentException if an argument is null, the lengths differ, a label is below {@code -1}, or
   *     fewer than two clusters of at least two points remain
   */
  public static double score(Dataset data, int[] labels) {
    return score(data, labels, NoisePolicy.SINGLETONS);
  }

  /**
   * @param data the points
   * @param labels one label per row, {@code -1} = noise
   * @param noise how noise rows are treated
   * @return the index, in {@code [-1, 1]}
   * @throws IllegalArgumentException as {@link #score(Dataset, int[])}, or if {@code noise} is null
   */
  public static double score(Dataset data, int[] labels, NoisePolicy noise) {
    Partition p = Checks.partition(data, labels, noise);
    int[] sizes = p.sizes;
    int[] validId = new int[p.k];
    int valid = 0;
    int single = 0;
    for (int c = 0; c < p.k; c++) {
      if (sizes[c] >= 2) {
        validId[c] = valid++;
      } else {
        validId[c] = -1;
        single++;
      }
    }
    if (valid < 2) {
      // SINGLETONS makes every noise row a cluster of one: those are reported as noise rows, not as clusters
      int singleLabelled = noise == NoisePolicy.SINGLETONS ? single - p.noise : single;
      String why = p.noise == labels.length ? "every row is noise (label -1)"
          : singleLabelled > 0 ? singleLabelled + " cluster(s) of one point, scored as noise" : "no other cluster";
      throw new IllegalArgumentException("DBCV needs at least 2 clusters of at least 2 points, got " + valid + " ("
          + why + "; noise policy " + noise + ", " + p.noise + " noise rows)");
    }
    // Rows grouped by valid cluster (in label order), each cluster in row order, then by coordinates.
    int[] start = new int[valid + 1];
    for (int c = 0; c < p.k; c++) {
      if (validId[c] >= 0) {
        start[validId[c] + 1] = sizes[c];
      }
    }
    for (int c = 0; c < valid; c++) {
      start[c + 1] += start[c];
    }
    int[] rows = new int[start[valid]];
    int[] fill = java.util.Arrays.copyOf(start, valid);
    int[] cluster = p.cluster;
    for (int i = 0; i < cluster.length; i++) {
      int c = cluster[i] < 0 ? -1 : validId[cluster[i]];
      if (c >= 0) {
        rows[fill[c]++] = i;
      }
    }
    int d = data.dimension();
    double[] original = DataAccess.values(data);
    for (int c = 0; c < valid; c++) {
      DbcvKernel.sortByCoordinates(original, d, rows, start[c], start[c + 1]);
    }
    // Exactly scaled when too large or too small for squares (Scale); the index is a ratio of distances.
    double[] x = Scale.values(data, Scale.exponent(data));
    double[] v = DbcvKernel.validity(x, d, rows, start);
    // Weighted terms summed in ascending order: the same sum whatever the numbering of the labels.
    double[] terms = new double[valid];
    for (int c = 0; c < valid; c++) {
      terms[c] = (start[c + 1] - start[c]) * v[c];
    }
    java.util.Arrays.sort(terms);
    double sum = 0;
    for (int c = 0; c < valid; c++) {
      sum += terms[c];
    }
    return sum / p.kept;
  }
}
