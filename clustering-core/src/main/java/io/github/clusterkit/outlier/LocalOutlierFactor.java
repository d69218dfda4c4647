package io.github.clusterkit.outlier;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.internal.LofKernel;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The Local Outlier Factor (Breunig, Kriegel, Ng and Sander, "LOF: identifying density-based local outliers", SIGMOD
 * 2000, doi:10.1145/342009.335388): how much less dense a row's neighbourhood is than its neighbours'
 * neighbourhoods. About 1 inside a cluster of any density, well above 1 for a row off the clusters.
 *
 * <pre>{@code
 * LofModel m = LocalOutlierFactor.k(20).fit(data);                 // scikit-learn's n_neighbors=20
 * double[] lof = m.scores();                                       // = -negative_outlier_factor_
 * int[] rows = m.outliers();                                       // rows with LOF > 1.5 (contamination="auto")
 * double s = m.score(new double[] {0.3, -1.2});                    // novelty=True: -score_samples
 * }</pre>
 *
 * <p><b>Definition</b>, for the {@code k} nearest neighbours {@code N(i)} of a training row {@code i}, itself
 * excluded, and {@code kdist(j)} the distance from {@code j} to its own {@code k}-th neighbour:
 * <pre>
 * reach(i, j) = max(dist(i, j), kdist(j))
 * lrd(i)      = 1 / (mean over j in N(i) of reach(i, j) + 1e-10)
 * LOF(i)      = mean over j in N(i) of lrd(j) / lrd(i)
 * </pre>
 * The {@code 1e-10} is scikit-learn's: without it a row with {@code k} or more exact copies would have a mean
 * reachability distance of 0 and an infinite density; with it, its density is {@code 1e10} (large but finite) and a
 * cluster of copies has LOF exactly 1. It also means that data whose distances are themselves near {@code 1e-10}
 * are scored mostly by that constant: scale such data up first.
 *
 * <p><b>Same result as scikit-learn.</b> The scores ({@link LofModel#scores()}), k-distances, densities, threshold
 * and outliers equal those of scikit-learn 1.2.1's
 * {@code LocalOutlierFactor(n_neighbors=k, metric=..., contamination=...)} with a tree search
 * ({@code algorithm="kd_tree"}, or {@code "auto"} where scikit-learn picks the k-d tree: up to 15 columns and
 * {@code k} below {@code n / 2} rounded down: at {@code n = 7} and {@code k = 3} it is brute force), bit for bit on
 * the tested cases (tools/lof_reference.py): the same distances (a coordinate sum in column order, its square root),
 * the same operations in the same order, and numpy's pairwise summation for the means. One exception: when every
 * value is below {@code 2^-200} (about {@code 6e-61}) in magnitude, the tree here rescales the data by a power of
 * two, so differences whose squares underflow in scikit-learn (below about {@code 1e-154}; to 0 below about
 * {@code 1e-162}) give exact distances here, and such k-distances differ from scikit-learn's (the scores hardly: the
 * {@code 1e-10} above dominates them). scikit-learn's brute-force search (more than 15 columns, or
 * {@code algorithm="brute"}) computes Euclidean distances by a matrix product instead, which differs from these in
 * the last bits. The training rows' neighbours exclude the row itself, as scikit-learn's {@code kneighbors()}
 * without {@code X}: of the row's {@code k + 1} nearest rows, the row's own index is removed (not its exact copies,
 * which stay neighbours at distance 0); when more than {@code k} copies of smaller index fill the list without it,
 * the first is removed.
 *
 * <p><b>Ties.</b> Where several rows lie at exactly the {@code k}-th distance, exactly {@code k} neighbours are kept:
 * the rows of smaller index (the rule of {@link io.github.clusterkit.neighbors.NeighborIndex}); scikit-learn keeps
 * the ones its tree meets first. The k-distances do not depend on the choice, the densities and scores can: on data
 * with ties they may differ from scikit-learn's, and equal the definition with this rule (tested against a
 * brute-force oracle). On Mall Customers' annual income and spending score (integers) the k-distances are
 * scikit-learn's, while 57 of the 200 scores at {@code k = 20} are its bit for bit and the others differ by up to 1.34%
 * (the same nine rows above 1.5); at {@code k = 5}, 144 of 200, the others by up to 18%.
 *
 * <p><b>Outliers.</b> With the default contamination ({@link #contaminationAuto()}, scikit-learn's
 * {@code contamination="auto"}) a row is an outlier when its LOF is above 1.5 (scikit-learn's {@code offset_ = -1.5}).
 * With {@link #contamination(double) contamination(c)} the threshold is minus numpy's linear-interpolation
 * percentile {@code 100 c} of the negated scores (scikit-learn's {@code offset_}), so about {@code c n} rows lie above
 * it.
 *
 * <p><b>Errors.</b> {@code k < 1}, and at fit {@code k >= n} (scikit-learn clamps {@code n_neighbors} to
 * {@code n - 1} with a warning; here the fit is refused, naming both values, since a silently smaller {@code k} gives
 * other scores; one row alone has no neighbour); {@code n k} above {@code 2^31 - 9} (the neighbour lists are one
 * array); a contamination outside {@code (0, 0.5]} or NaN;
 * {@code parallelism < 1}; values of magnitude {@code 2^500} (about {@code 3.3e150}) or more, for which sums of
 * distances could overflow: all raise {@link IllegalArgumentException} naming the parameter, the rule and the value.
 * A {@link Dataset} has at least one row and holds only finite values (it refuses NaN and infinities when built).
 *
 * <p><b>Cost.</b> One k-d tree over the rows and one {@code (k + 1)}-nearest query per row, then two passes of
 * {@code O(n k)}; during the fit {@code 12 k} bytes per row hold the neighbours and their distances (240 MB for
 * {@code 10^6} rows and {@code k = 20}), which the model does not keep. The model keeps the training rows and their
 * tree, to score new points.
 *
 * <p><b>Parallelism</b> ({@link #parallelism(int)}, default 1): the queries and passes run in fixed chunks of rows,
 * each writing its own rows, so the result is the same bit for bit on any number of threads.
 *
 * <p><b>Thread-safety.</b> Immutable: a configuration can be shared and used from several threads at once. Equal
 * configurations are {@code equals} and have equal {@code hashCode}s.
 */
public final class LocalOutlierFactor {

  /** scikit-learn's threshold of {@code contamination="auto"}: a row is an outlier when its LOF is above it. */
  public static final double AUTO_THRESHOLD = 1.5;

  /** The largest magnitude of a value (exclusive): sums of distances of such values cannot overflow. */
  static final double MAX_MAGNITUDE = 0x1p500;

  private final int k;
  private final Metric metric;
  /** The contamination fraction, or NaN for "auto". */
  private final double contamination;
  private final int parallelism;

  private LocalOutlierFactor(int k, Metric metric, double contamination, int parallelism) {
    this.k = k;
    this.metric = metric;
    this.contamination = contamination;
    this.parallelism = parallelism;
  }

  /** scikit-learn's default number of neighbours ({@code n_neighbors=20}), that of {@link #defaults()}. */
  public static final int DEFAULT_K = 20;

  /**
   * scikit-learn's defaults: {@link #DEFAULT_K} (20) neighbours, Euclidean distance, contamination "auto"
   * (threshold 1.5); 1 thread.
   *
   * @return the configuration
   */
  public static LocalOutlierFactor defaults() {
    return k(DEFAULT_K);
  }

  /**
   * A configuration with {@code k} neighbours and the other defaults of scikit-learn: Euclidean distance,
   * contamination "auto" (threshold 1.5); 1 thread.
   *
   * @param k the number of neighbours ({@code n_neighbors}; scikit-learn's default is 20), {@code >= 1}; a fit
   *     needs more rows than {@code k}
   * @return the configuration
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static LocalOutlierFactor k(int k) {
    checkK(k);
    return new LocalOutlierFactor(k, Metric.EUCLIDEAN, Double.NaN, 1);
  }

  static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  static void checkContamination(double c) {
    if (!(c > 0 && c <= 0.5)) {
      throw new IllegalArgumentException("contamination must be in (0, 0.5], got " + c);
    }
  }

  /**
   * @param k the number of neighbours, {@code >= 1}
   * @return a copy with this {@code k}
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public LocalOutlierFactor withK(int k) {
    checkK(k);
    return new LocalOutlierFactor(k, metric, contamination, parallelism);
  }

  /**
   * @param metric the distance (scikit-learn's {@code metric="euclidean"}, {@code "manhattan"},
   *     {@code "chebyshev"}); default Euclidean
   * @return a copy with this metric
   * @throws IllegalArgumentException if {@code metric} is null
   */
  public LocalOutlierFactor metric(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new LocalOutlierFactor(k, metric, contamination, parallelism);
  }

  /**
   * @param contamination the expected fraction of outliers, in {@code (0, 0.5]}: the threshold becomes minus
   *     scikit-learn's {@code offset_} for this contamination (see the class description)
   * @return a copy with this contamination
   * @throws IllegalArgumentException if outside {@code (0, 0.5]} or NaN
   */
  public LocalOutlierFactor contamination(double contamination) {
    checkContamination(contamination);
    return new LocalOutlierFactor(k, metric, contamination, parallelism);
  }

  /**
   * scikit-learn's {@code contamination="auto"} (the default): a row is an outlier when its LOF is above
   * {@link #AUTO_THRESHOLD} (1.5).
   *
   * @return a copy with the automatic threshold
   */
  public LocalOutlierFactor contaminationAuto() {
    return new LocalOutlierFactor(k, metric, Double.NaN, parallelism);
  }

  /**
   * @param parallelism threads, at least 1 (default 1); the result does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public LocalOutlierFactor parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    return new LocalOutlierFactor(k, metric, contamination, parallelism);
  }

  /** @return the number of neighbours */
  public int k() {
    return k;
  }

  /** @return the metric */
  public Metric metric() {
    return metric;
  }

  /** @return the contamination fraction, or empty for "auto" */
  public OptionalDouble contamination() {
    return Double.isNaN(contamination) ? OptionalDouble.empty() : OptionalDouble.of(contamination);
  }

  /** @return the parallelism */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Scores every row against the others.
   *
   * @param data the rows (not modified), more than {@code k}
   * @return the model
   * @throws IllegalArgumentException if {@code data} is null, has {@code k} rows or fewer, or a value of magnitude
   *     {@code 2^500} or more
   */
  public LofModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    if (n == 0) {
      throw new IllegalArgumentException("data must have at least one row (more than k = " + k + "), got 0");
    }
    if (k >= n) {
      throw new IllegalArgumentException("k must be < the number of rows n = " + n + " (a row's neighbours are the"
          + " other rows), got k = " + k);
    }
    if ((long) n * k > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("n * k must be at most 2^31 - 9 (one array holds every row's k neighbours),"
          + " got n = " + n + ", k = " + k);
    }
    checkMagnitude(DataAccess.maxAbs(data), "data");
    KdTree index = KdTree.build(data, metric);
    LofKernel.Fit f = LofKernel.fit(index, k, parallelism);
    double threshold = Double.isNaN(contamination) ? AUTO_THRESHOLD
        : LofKernel.contaminationThreshold(f.scores, contamination);
    return new LofModel(data, index, k, metric, contamination, f.kDistances, f.lrd, f.scores, threshold,
        parallelism);
  }

  static void checkMagnitude(double maxAbs, String what) {
    if (!(maxAbs < MAX_MAGNITUDE)) {
      throw new IllegalArgumentException(what + " must have values of magnitude below 2^500 (about 3.3e150, so that"
          + " sums of distances cannot overflow), got " + maxAbs + "; rescale the data first");
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LocalOutlierFactor)) {
      return false;
    }
    LocalOutlierFactor l = (LocalOutlierFactor) o;
    return k == l.k && metric == l.metric && Double.compare(contamination, l.contamination) == 0
        && parallelism == l.parallelism;
  }

  @Override
  public int hashCode() {
    int h = k;
    h = 31 * h + metric.ordinal();
    h = 31 * h + Double.hashCode(contamination);
    return 31 * h + parallelism;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "LocalOutlierFactor[k=%d, metric=%s, contamination=%s, parallelism=%d]", k,
        metric, Double.isNaN(contamination) ? "auto" : Double.toString(contamination), parallelism);
  }
}
