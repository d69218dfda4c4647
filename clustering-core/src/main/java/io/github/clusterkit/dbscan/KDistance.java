package io.github.clusterkit.dbscan;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.internal.DistinctRows;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
import java.util.Arrays;

/**
 * The sorted k-distance plot (Ester et al. 1996) and its knee, for choosing DBSCAN's eps.
 *
 * <p>The k-distance of a row is the distance to its k-th nearest neighbour <em>counting the row itself as
 * the first</em> (as {@code minPts} does), so with {@code k = minPts} a row is a core point when its
 * k-distance is {@code < eps} and not when it is {@code > eps}: the fraction of the sorted curve below a
 * candidate eps is the fraction of core points it gives. A row whose k-distance equals eps may go either way,
 * as DBSCAN (as scikit-learn) compares squared distances and the square of the rounded distance can fall below
 * the squared distance; {@link #knee()} allows for it. (scikit-learn users: the distances are column
 * {@code k-1} of {@code NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)}.)
 *
 * <p>The knee is found with Kneedle (Satopaa, Albrecht, Irwin and Raghavan, ICDCS Workshops 2011,
 * doi:10.1109/ICDCSW.2011.20) for a convex increasing curve: both axes are normalised to [0, 1] and the knee
 * is the point where the difference curve {@code x - y} (the gap below the chord) is largest, the smallest
 * index on ties. This is Kneedle's offline form with its global maximum and no smoothing, which does not
 * stop at the small wiggles of sorted distances. It suits data with dense clusters and sparser noise; where
 * densities vary a lot no single eps fits and the plot itself is the better guide.
 *
 * <p>Rows whose k-distance is 0 (at least {@code k} copies of the same point) are core points for every
 * {@code eps > 0}, so they say nothing about eps: the knee is searched on the positive part of the curve only.
 * Searched on the whole curve, data with many duplicates put the knee on the last zero, a suggested eps of 0
 * that DBSCAN rejects (70 copies of one point and 30 scattered rows, {@code k = 5}).
 *
 * <p>Edge cases: {@code k = 1} gives all zeros (every row is its own nearest neighbour); when every k-distance is 0
 * the knee is at index 0 and {@link #knee()} is 0 (every positive eps makes every row a core point); a flat
 * positive part (all its distances equal) has its knee at its first index. Cost: one k-nearest-neighbour
 * query per distinct row on a {@link NeighborIndex} (copies of a row, bit for bit, have the same distances to every
 * row and so the same k-distance: they are measured once), and one count query per distinct row whose k-distance
 * equals the knee's. The queries run on the calling thread, or on up to {@code parallelism} threads with
 * {@link #of(Dataset, int, Metric, int)}, which gives the same result bit for bit.
 *
 * <p>Immutable; arrays are returned as copies; safe to share between threads.
 */
public final class KDistance {

  /** Distinct rows per chunk of queries: enough to amortise handing a chunk to a thread, small enough to balance. */
  static final int QUERY_CHUNK = 256;

  private final int k;
  private final Metric metric;
  private final double[] sorted;
  private final int kneeIndex;
  private final double kneeEps;

  private KDistance(int k, Metric metric, double[] sorted, int kneeIndex, double kneeEps) {
    this.k = k;
    this.metric = metric;
    this.sorted = sorted;
    this.kneeIndex = kneeIndex;
    this.kneeEps = kneeEps;
  }

  /**
   * The Euclidean k-distance plot of {@code data}.
   *
   * @param data the points
   * @param k neighbours counting the row itself, {@code 1 <= k <= data.size()}; use the intended minPts
   * @return the plot
   * @throws IllegalArgumentException if {@code data} is null or {@code k} is out of range
   */
  public static KDistance of(Dataset data, int k) {
    return of(data, k, Metric.EUCLIDEAN);
  }

  /**
   * The k-distance plot of {@code data} under {@code metric}.
   *
   * @param data the points
   * @param k neighbours counting the row itself, {@code 1 <= k <= data.size()}
   * @param metric the distance
   * @return the plot
   * @throws IllegalArgumentException if an argument is null or {@code k} is out of range
   */
  public static KDistance of(Dataset data, int k, Metric metric) {
    return of(data, k, metric, 1);
  }

  /**
   * The k-distance plot of {@code data} under {@code metric}, its neighbour queries run on the calling thread and up to
   * {@code parallelism - 1} worker threads of the library (256 threads in all at most; handed back before returning;
   * never the common pool). The result is the same, bit for bit, for every {@code parallelism}: each row's k-distance
   * is one query, whichever thread runs it. Worth it for large data: at {@code 10^6} rows of 10 columns the queries
   * take minutes on one thread.
   *
   * @param data the points
   * @param k neighbours counting the row itself, {@code 1 <= k <= data.size()}
   * @param metric the distance
   * @param parallelism threads to use, {@code >= 1}
   * @return the plot
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public static KDistance of(Dataset data, int k, Metric metric, int parallelism) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    int n = data.size();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, n = " + n + "], got " + k);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    NeighborIndex index = NeighborIndex.of(data, metric);
    // copies of a row (bit for bit) have the same distances to every row, hence the same k-distance: one query each
    int[] group = DistinctRows.group(DataAccess.values(data), n, data.dimension(), null);
    int groups = DistinctRows.count(group);
    int[] first = DistinctRows.firstRows(group, groups);
    double[] groupDist = new double[groups];
    if (groups == n && index instanceof KdTree) {
      // no copies: every row's query at once, the rows of a leaf sharing one walk of the tree (the same lists)
      ((KdTree) index).knnOfRows(k, parallelism, (row, nb) -> {
        int g = group[row];
        if (first[g] == row) {
          groupDist[g] = nb.distance(k - 1);
        }
      });
    } else {
      queryGroups(index, k, first, groupDist, parallelism);
    }
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = groupDist[group[i]];
    }
    Arrays.sort(sorted);
    int at = knee(sorted);
    return new KDistance(k, metric, sorted, at, coreRadius(index, first, groupDist, sorted[at], k));
  }

  /** One k-nearest-neighbour query per group of copies, of its first row, in fixed chunks of groups. */
  private static void queryGroups(NeighborIndex index, int k, int[] first, double[] groupDist, int parallelism) {
    int groups = first.length;
    // chunks fixed by the number of groups alone; each writes only its own groups' distances
    int chunks = (int) ((groups + (long) QUERY_CHUNK - 1) / QUERY_CHUNK); // long: groups may be near 2^31
    // one per worker slot, each used by one thread at a time; a pass of c chunks uses slots below min(parallelism, c)
    Neighbors[] buffers = new Neighbors[Math.max(1, Math.min(parallelism, chunks))];
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      runner.run(chunks, (c, slot) -> {
        Neighbors buf = buffers[slot];
        if (buf == null) {
          buf = new Neighbors(k);
          buffers[slot] = buf;
        }
        int end = (int) Math.min(groups, (c + 1L) * QUERY_CHUNK);
        for (int g = c * QUERY_CHUNK; g < end; g++) {
          index.knn(first[g], k, buf);
          groupDist[g] = buf.distance(k - 1);
        }
      });
    }
  }

  /**
   * The smallest radius from {@code r} up that makes every row of k-distance {@code r} (given as one row per group of
   * copies, {@code rows[g]} of k-distance {@code dist[g]}: copies count the same rows within any radius) a core point
   * by DBSCAN's own test (the index's count, which compares reduced distances): {@code r} itself, or the next double
   * or two where the square of the rounded distance fell below the squared distance. A row of smaller k-distance needs
   * no check: its squared distance lies below the square of {@code r} (correctly rounded square roots and squares).
   */
  private static double coreRadius(NeighborIndex index, int[] rows, double[] dist, double r, int k) {
    double eps = r;
    if (!(r > 0) || r == Double.POSITIVE_INFINITY) {
      return eps; // 0: every radius admits the row; infinite (beyond the double range): no radius does
    }
    for (int g = 0; g < dist.length; g++) {
      if (dist[g] == r) {
        while (eps < Double.POSITIVE_INFINITY && index.countWithin(rows[g], eps, k) < k) {
          eps = Math.nextUp(eps);
        }
      }
    }
    return eps;
  }

  /**
   * Kneedle on the positive part of the ascending curve (from its first value above 0): index in {@code y} of the
   * largest {@code x_norm - y_norm}, smallest index on ties; 0 when no value is positive.
   */
  static int knee(double[] y) {
    int m = y.length;
    int z = 0;
    while (z < m && !(y[z] > 0)) {
      z++;
    }
    if (z == m) {
      return 0;
    }
    int len = m - z;
    double lo = y[z];
    double range = y[m - 1] - lo;
    if (len < 3 || !(range > 0)) {
      return z;
    }
    int best = z;
    double bestDiff = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < len; i++) {
      double diff = (double) i / (len - 1) - (y[z + i] - lo) / range;
      if (diff > bestDiff) {
        bestDiff = diff;
        best = z + i;
      }
    }
    return best;
  }

  /** @return k, counting the row itself */
  public int k() {
    return k;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return a copy of the k-distances of all rows, in ascending order */
  public double[] sortedDistances() {
    return sorted.clone();
  }

  /** @return the position of the knee in {@link #sortedDistances()} */
  public int kneeIndex() {
    return kneeIndex;
  }

  /**
   * The k-distance at the knee as a suggested eps for DBSCAN with {@code minPts = k}: with it every row whose
   * k-distance is at most the knee's is a core point, at least {@code (kneeIndex() + 1) / n} of the rows. Where
   * the square of the knee's distance rounds below a squared distance it stands for, the value is raised to the
   * next double (before, on Mall Customers' income and spending score with {@code k = 4}, the knee's
   * {@code sqrt(65) = 8.06225774829855} left 7 of the 163 rows at or below it non-core), so it can lie a unit in the
   * last place above {@code sortedDistances()[kneeIndex()]}.
   *
   * @return the suggested eps; 0 when every k-distance is 0
   */
  public double knee() {
    return kneeEps;
  }

  @Override
  public String toString() {
    return "KDistance[k=" + k + ", n=" + sorted.length + ", knee=" + knee() + " at " + kneeIndex + "]";
  }
}
