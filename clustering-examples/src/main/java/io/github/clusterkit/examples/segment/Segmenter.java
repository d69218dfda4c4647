package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.eval.CalinskiHarabasz;
import io.github.clusterkit.eval.DaviesBouldin;
import io.github.clusterkit.eval.Dbcv;
import io.github.clusterkit.eval.NoisePolicy;
import io.github.clusterkit.eval.Silhouette;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import io.github.clusterkit.preprocess.PipelineModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The segmentation flow behind the {@code segment} command, as an immutable configuration: choose the
 * features, fit the preprocessing pipeline ({@link Preprocessing}), sweep k ({@link KSweep}), fit the chosen
 * algorithm, flag outliers, profile and name the segments ({@link Profile}), and compute the quality indices
 * and the 2-D PCA view. {@link #run(Table, IntConsumer)} returns everything as a {@link Segmentation}.
 *
 * <p><b>Defaults.</b> K-Means with 10 restarts (scikit-learn 1.2's {@code n_init=10}) and {@code k} from
 * the sweep over {@code 1..10} (highest mean silhouette; the sweep stops earlier at the number of customers
 * less one, and at the number of different customers after preprocessing); seed 42; log of skewed columns on;
 * the identifier column detected by {@link Preprocessing#detectIdColumn(Table)}; one thread. DBSCAN:
 * {@code minPts = 2 * dimension} (at least 4; Sander et al. 1998's rule), {@code eps} at the knee of the sorted
 * minPts-distance curve. Gaussian mixtures: full covariances, 3 restarts. HDBSCAN*: min cluster size 1% of the
 * customers, at least 5 ({@link #defaultMinClusterSize(int)}), {@code minSamples} equal to it (scikit-learn's
 * default), excess-of-mass selection, Euclidean distance; the k-distance curve is then its sorted core distances
 * ({@code k = minSamples}). K-Medoids: FasterPAM from k-medoids++ with 3 restarts, {@code k}
 * from a sweep of K-Medoids fits over {@code 1..10} (the same rule as K-Means', the silhouette with the distance of
 * the fit), Gower's dissimilarity ({@link Distance#GOWER}); the medoids are customers, reported as each segment's
 * typical customer; its k-distance curve (charted for comparison) uses its distance too. Bisecting K-Means: {@link
 * BisectingKMeans} with {@link #BISECTING_RESTARTS} 2-means restarts per split (from random rows, splitting the
 * segment of largest inertia), {@code k} from the sweep of the same fit over {@code 1..10} (one fit gives every k, see
 * {@link KSweep#runBisecting}; the same rule as K-Means'); its outliers are the farthest from their leaf centroid, as
 * K-Means', and {@code predict} walks the tree of splits.
 *
 * <p><b>Threads.</b> {@link #parallelism(int)} is passed to every library call that takes one (the sweep's and
 * the final K-Means fits, the mixture, DBSCAN, the k-distance curve, the silhouettes, the PCA); the library gives
 * the same result for any number of threads, so the segmentation, its files and its report do not depend on it.
 *
 * <p><b>Outliers.</b> DBSCAN and HDBSCAN*: their noise (HDBSCAN*'s GLOSH outlier scores and membership
 * probabilities are kept too, for every customer, and listed in {@code labels.csv}). Mixture: the
 * {@code floor(outlierShare * n)} customers of lowest log density (the least likely 1% by default). K-Means: the {@code
 * floor(outlierShare * n)} customers farthest from their centroid, K-Medoids the farthest from their medoid. The share
 * is rounded down, so it is never exceeded (1% of 150 customers flags 1, of 99
 * none); customers tied with the first one not flagged are not flagged either. The threshold (the score of that
 * first customer not flagged) is kept in the model file, so {@code predict} flags new customers by the same
 * rule: beyond it.
 *
 * <p><b>Outlier detectors.</b> With {@link #outliers(Outliers)} {@link Outliers#LOF} or {@link Outliers#IFOREST} the
 * outliers are flagged by a detector fitted on the same model input rows the clustering sees (the preprocessed,
 * scaled customers, {@link Segmentation#scaled()}), for every algorithm, instead of by the clustering: {@link
 * LocalOutlierFactor} with {@link #lofK(int)} neighbours (default 20) or {@link IsolationForest} (100 trees of 256
 * customers, {@link #seed(long) the seed}), both on {@link #parallelism(int)} threads. The outlier share is then the
 * detector's contamination (scikit-learn's {@code contamination}: the threshold is the score at that upper quantile
 * of the training scores, a value in {@code (0, 0.5]}); {@link #outlierShareAuto(boolean)} takes the detector's own
 * threshold instead (LOF above 1.5, isolation score above 0.5). The segments are those of the clustering whatever the
 * detector says: DBSCAN's and HDBSCAN*'s noise stays noise (label {@code -1}), and is flagged only when the detector
 * flags it; the outlier scores are then the detector's (for HDBSCAN* in place of GLOSH).
 */
public final class Segmenter {

  /** How outliers are flagged ({@code --outliers}). */
  public enum Outliers {
    /** By the clustering itself (the default): see the class description. */
    MODEL,
    /** By a Local Outlier Factor (Breunig et al. 2000, doi:10.1145/342009.335388) fitted on the model rows. */
    LOF,
    /** By an isolation forest (Liu, Ting and Zhou 2008, doi:10.1109/ICDM.2008.17) fitted on the model rows. */
    IFOREST
  }

  /** The outlier detection asked for: the method, LOF's k, and whether the detector's own threshold is taken. */
  private static final class Detection {
    static final Detection MODEL = new Detection(Outliers.MODEL, LocalOutlierFactor.DEFAULT_K, false);

    final Outliers method;
    final int lofK;
    final boolean auto;

    Detection(Outliers method, int lofK, boolean auto) {
      this.method = method;
      this.lofK = lofK;
      this.auto = auto;
    }
  }

  /** The clustering algorithm. */
  public enum Algorithm {
    /** K-Means (k-means++, Lloyd). */
    KMEANS,
    /** Gaussian mixture by EM, full covariances. */
    GMM,
    /** DBSCAN. */
    DBSCAN,
    /** HDBSCAN* (excess of mass, Euclidean): density clusters at every radius at once. */
    HDBSCAN,
    /** K-Medoids (FasterPAM from k-medoids++): segments around real customers, the medoids; see {@link Distance}. */
    KMEDOIDS,
    /**
     * Bisecting K-Means (Steinbach, Karypis and Kumar 2000): nested segments, each split of one segment in two by
     * 2-means; see {@link #BISECTING_RESTARTS} and {@link BisectingKMeans}.
     */
    BISECTING
  }

  /**
   * The distance between customers for K-Medoids ({@code --distance}); the other algorithms use the Euclidean
   * distance on standard-scaled numbers.
   */
  public enum Distance {
    /**
     * Gower's dissimilarity (Gower 1971, "A general coefficient of similarity and some of its properties",
     * Biometrics 27(4), doi:10.2307/2528823), the default: the numbers (after imputation and {@code log1p} as usual)
     * min-max scaled to {@code [0, 2]} instead of standard-scaled, the categories one-hot, and the Manhattan
     * distance. A number then adds {@code 2 |a - b| / range} and a category 2 when it differs (two one-hot columns
     * differ by 1), so the distance between two customers is {@code 2 p} times Gower's dissimilarity, the mean over
     * the {@code p} columns used of {@code |a - b| / range} and of 0 or 1 for a category: K-Medoids minimises the
     * sum of Gower's dissimilarities to the medoids (of the imputed data). A constant column has range 1 (the
     * scaler's rule, scikit-learn's), so it adds nothing between training customers. New customers are not clipped
     * to the training range: beyond it a number adds more than 2, which changes no assignment (every medoid lies in
     * the range, so the excess is the same for all) but makes the distance to the medoid, and so the outlier flag,
     * see how far outside the range the customer lies.
     */
    GOWER(Metric.MANHATTAN),
    /** The Manhattan distance on the standard-scaled numbers and one-hot categories. */
    MANHATTAN(Metric.MANHATTAN),
    /** The Euclidean distance on the standard-scaled numbers and one-hot categories, as K-Means. */
    EUCLIDEAN(Metric.EUCLIDEAN);

    private final Metric metric;

    Distance(Metric metric) {
      this.metric = metric;
    }

    /** @return the metric of the fit, the prediction and the silhouette */
    public Metric metric() {
      return metric;
    }
  }

  private final Algorithm algorithm;
  private final Integer k;
  private final int maxK;
  private final Double eps;
  private final Integer minPts;
  private final List<String> columns;
  private final String idColumn;
  private final boolean logSkewed;
  private final long seed;
  private final double outlierShare;
  private final int parallelism;
  private final Integer minClusterSize;
  private final Integer minSamples;
  private final Distance distance;
  private final Detection detection;

  private Segmenter(Algorithm algorithm, Integer k, int maxK, Double eps, Integer minPts, List<String> columns,
      String idColumn, boolean logSkewed, long seed, double outlierShare, int parallelism, Integer minClusterSize,
      Integer minSamples, Distance distance, Detection detection) {
    this.distance = distance;
    this.detection = detection;
    this.algorithm = algorithm;
    this.k = k;
    this.maxK = maxK;
    this.eps = eps;
    this.minPts = minPts;
    this.columns = columns;
    this.idColumn = idColumn;
    this.logSkewed = logSkewed;
    this.seed = seed;
    this.outlierShare = outlierShare;
    this.parallelism = parallelism;
    this.minClusterSize = minClusterSize;
    this.minSamples = minSamples;
  }

  /** @return the default configuration (K-Means, k from the sweep) */
  public static Segmenter defaults() {
    return new Segmenter(Algorithm.KMEANS, null, 10, null, null, null, null, true, 42L, 0.01, 1, null, null, null,
        Detection.MODEL);
  }

  /**
   * @param a the algorithm
   * @return a copy using it
   */
  public Segmenter algorithm(Algorithm a) {
    if (a == null) {
      throw new IllegalArgumentException("algorithm must not be null");
    }
    return new Segmenter(a, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, outlierShare, parallelism,
        minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value number of segments for K-Means and mixtures, at least 1; null for the sweep's choice
   * @return a copy
   */
  public Segmenter k(Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + value);
    }
    return new Segmenter(algorithm, value, maxK, eps, minPts, columns, idColumn,
        logSkewed, seed, outlierShare, parallelism, minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value the largest k of the sweep, at least 2
   * @return a copy
   */
  public Segmenter maxK(int value) {
    if (value < 2) {
      throw new IllegalArgumentException("k-max must be >= 2, got " + value);
    }
    return new Segmenter(algorithm, k, value, eps, minPts, columns, idColumn,
        logSkewed, seed, outlierShare, parallelism, minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value DBSCAN's radius in scaled units, {@code > 0} and finite; null for the knee
   * @return a copy
   */
  public Segmenter eps(Double value) {
    if (value != null && !(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("eps must be > 0 and finite, got " + value);
    }
    return new Segmenter(algorithm, k, maxK, value, minPts, columns, idColumn,
        logSkewed, seed, outlierShare, parallelism, minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value DBSCAN's minPts (counting the point itself), at least 1; null for {@code 2 * dimension}
   * @return a copy
   */
  public Segmenter minPts(Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException("min-pts must be >= 1, got " + value);
    }
    return new Segmenter(algorithm, k, maxK, eps, value, columns, idColumn, logSkewed, seed, outlierShare, parallelism,
        minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value HDBSCAN's fewest customers in a segment, at least 2; null for {@link #defaultMinClusterSize(int)}
   * @return a copy
   */
  public Segmenter minClusterSize(Integer value) {
    if (value != null && value < 2) {
      throw new IllegalArgumentException("min-cluster-size must be >= 2, got " + value);
    }
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, outlierShare,
        parallelism, value, minSamples, distance, detection);
  }

  /**
   * @param value HDBSCAN's minSamples (its core distance is the distance to the minSamples-th nearest customer, the
   *     customer itself counted), at least 1; null for the min cluster size (scikit-learn's default)
   * @return a copy
   */
  public Segmenter minSamples(Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException("min-samples must be >= 1, got " + value);
    }
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, outlierShare,
        parallelism, minClusterSize, value, distance, detection);
  }

  /**
   * The min cluster size of HDBSCAN when none is given: 1% of the customers, rounded down, and at least 5
   * (scikit-learn's default {@code min_cluster_size}), at most the number of customers. A segment of fewer than 1% of
   * the customers is seldom worth a campaign of its own, and a floor of 5 keeps small tables from splitting into
   * pairs; 200 customers give 5, 1,000 give 10, 8,950 give 89.
   *
   * @param n the number of customers, at least 1
   * @return {@code min(n, max(5, n / 100))}
   */
  public static int defaultMinClusterSize(int n) {
    return Math.min(n, Math.max(5, n / 100));
  }

  /**
   * @param names the feature columns; null or empty for every column but the identifier
   * @return a copy
   */
  public Segmenter columns(List<String> names) {
    List<String> c = names == null || names.isEmpty() ? null : Collections.unmodifiableList(new ArrayList<>(names));
    return new Segmenter(algorithm, k, maxK, eps, minPts, c, idColumn, logSkewed, seed, outlierShare, parallelism,
        minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param name the identifier column, whose present values must all differ; null to detect it
   * @return a copy
   */
  public Segmenter idColumn(String name) {
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, name, logSkewed, seed, outlierShare, parallelism,
        minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param on whether skewed non-negative columns get {@code log1p}
   * @return a copy
   */
  public Segmenter logSkewed(boolean on) {
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, on, seed, outlierShare, parallelism,
        minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value the seed of K-Means, the mixture and the silhouette sample
   * @return a copy
   */
  public Segmenter seed(long value) {
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn,
        logSkewed, value, outlierShare, parallelism, minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param share the share of customers flagged as outliers by K-Means and mixtures, in {@code [0, 0.5]};
   *     {@code share * n} customers rounded down are flagged
   * @return a copy
   */
  public Segmenter outlierShare(double share) {
    if (!(share >= 0 && share <= 0.5)) {
      throw new IllegalArgumentException("outlier-share must be in [0, 0.5], got " + share);
    }
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, share, parallelism,
        minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param threads the threads that the sweep, the fit, the k-distance curve, the silhouette and the PCA may each
   *     use ({@code --threads}), at least 1 (the default: the calling thread only); the library starts no more
   *     threads than a call's work can use and gives the same result for any number, so the segmentation does not
   *     depend on it
   * @return a copy
   */
  public Segmenter parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, outlierShare,
        threads, minClusterSize, minSamples, distance, detection);
  }

  /**
   * @param value the distance of K-Medoids; null for its default, {@link Distance#GOWER}; must be null for the other
   *     algorithms (checked by {@link #run})
   * @return a copy
   */
  public Segmenter distance(Distance value) {
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, outlierShare,
        parallelism, minClusterSize, minSamples, value, detection);
  }

  /**
   * @param method how outliers are flagged: by the clustering ({@link Outliers#MODEL}, the default) or by a detector
   *     fitted on the model rows
   * @return a copy
   */
  public Segmenter outliers(Outliers method) {
    if (method == null) {
      throw new IllegalArgumentException("outliers must not be null");
    }
    return with(new Detection(method, detection.lofK, detection.auto));
  }

  /**
   * @param k the neighbours of {@link Outliers#LOF}, at least 1 and fewer than the customers (checked by {@link
   *     #run}); default {@link LocalOutlierFactor#DEFAULT_K}
   * @return a copy
   */
  public Segmenter lofK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("lof-k must be >= 1, got " + k);
    }
    return with(new Detection(detection.method, k, detection.auto));
  }

  /**
   * @param auto whether a detector flags by its own threshold (LOF above {@link LocalOutlierFactor#AUTO_THRESHOLD},
   *     isolation score above 0.5: scikit-learn's {@code contamination="auto"}) instead of the outlier share; only
   *     with a detector (checked by {@link #run})
   * @return a copy
   */
  public Segmenter outlierShareAuto(boolean auto) {
    return with(new Detection(detection.method, detection.lofK, auto));
  }

  private Segmenter with(Detection d) {
    return new Segmenter(algorithm, k, maxK, eps, minPts, columns, idColumn, logSkewed, seed, outlierShare,
        parallelism, minClusterSize, minSamples, distance, d);
  }

  /** @return how outliers are flagged */
  public Outliers outlierMethod() {
    return detection.method;
  }

  /** @return the neighbours of the LOF detector */
  public int lofK() {
    return detection.lofK;
  }

  /** @return whether a detector flags by its own threshold rather than the outlier share */
  public boolean outlierShareAuto() {
    return detection.auto;
  }

  /** @return the outlier share: of the clustering's outliers, or a detector's contamination */
  public double outlierShare() {
    return outlierShare;
  }

  /** @return the algorithm */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** @return the distance asked for ({@code --distance}), or null for the default */
  public Distance distance() {
    return distance;
  }

  /**
   * @return the distance the run uses: K-Medoids' ({@link Distance#GOWER} unless another was asked for); for the
   *     other algorithms {@link Distance#EUCLIDEAN} on standard-scaled numbers
   */
  public Distance effectiveDistance() {
    return algorithm != Algorithm.KMEDOIDS ? Distance.EUCLIDEAN : distance == null ? Distance.GOWER : distance;
  }

  /** @return DBSCAN's eps as asked, or null for the knee */
  public Double eps() {
    return eps;
  }

  /** @return HDBSCAN's min cluster size as asked, or null for {@link #defaultMinClusterSize(int)} */
  public Integer minClusterSize() {
    return minClusterSize;
  }

  /** @return HDBSCAN's minSamples as asked, or null for the min cluster size */
  public Integer minSamples() {
    return minSamples;
  }

  /** @return the k asked for, or null when the sweep chooses it */
  public Integer k() {
    return k;
  }

  /** @return the largest k of the sweep asked for ({@code --k-max}) */
  public int maxK() {
    return maxK;
  }

  /** @return the seed of the fits and of the silhouette sample ({@code --seed}) */
  public long seedValue() {
    return seed;
  }

  /** @return the threads each library call may use ({@code --threads}) */
  public int parallelism() {
    return parallelism;
  }

  /** Number of K-Means restarts in the sweep and the final fit. */
  static final int KMEANS_RESTARTS = 10;

  /**
   * Number of K-Medoids restarts (k-medoids++ starts, FasterPAM) in the sweep and the final fit: fewer than K-Means'
   * as each costs about {@code n^2} distances per pass over the customers, against K-Means' {@code k n} per
   * iteration, and FasterPAM's swaps reach the quality of a BUILD start from a random one (Schubert and Rousseeuw
   * 2021).
   */
  static final int KMEDOIDS_RESTARTS = 3;

  /**
   * Number of 2-means restarts per split of bisecting K-Means, in the sweep and the final fit: as K-Means' restarts,
   * since each split is a K-Means fit with {@code k = 2} on one segment's customers (the whole tree costs about
   * {@code log2(k)} such fits on all customers when the splits are balanced).
   */
  static final int BISECTING_RESTARTS = 10;

  /** Number of EM restarts of the mixture. */
  static final int GMM_RESTARTS = 3;

  /**
   * Runs the segmentation.
   *
   * @param table the customer table
   * @param afterEachK called with k after each fit of the sweep (progress), may be null
   * @return the result
   * @throws IllegalArgumentException if a column is unknown, the id column given repeats an id, the data cannot
   *     be segmented as asked, or a parameter does not suit the data; the message says which
   */
  public Segmentation run(Table table, IntConsumer afterEachK) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    if (distance != null && algorithm != Algorithm.KMEDOIDS) {
      throw new IllegalArgumentException("distance applies to kmedoids only, got " + distance + " with "
          + algorithm);
    }
    if (detection.method == Outliers.MODEL && detection.auto) {
      throw new IllegalArgumentException("outlier-share: auto applies to a detector (outliers lof or iforest) only;"
          + " the clustering's outliers are a share of the customers");
    }
    if (detection.method != Outliers.MODEL && !detection.auto && !(outlierShare > 0)) {
      throw new IllegalArgumentException("outlier-share must be > 0 with a detector (its contamination, in (0, 0.5];"
          + " auto for its own threshold), got " + outlierShare);
    }
    Distance dist = effectiveDistance();
    Metric metric = dist.metric();
    String id = idColumn;
    if (id != null) {
      table.indexOf(id); // throws for an unknown column, naming the columns
      checkDistinct(table, id);
    } else {
      id = Preprocessing.detectIdColumn(table);
    }
    Table features;
    if (columns != null) {
      features = table.select(columns);
    } else if (id != null) {
      features = table.drop(id);
    } else {
      features = table;
    }
    int n = features.rowCount();
    if (n < 3) {
      throw new IllegalArgumentException("the table has " + n + (n == 1 ? " row" : " rows")
          + "; segmentation needs at least 3");
    }
    List<String> logColumns = logSkewed ? Preprocessing.skewedColumns(features) : List.of();
    PipelineModel pipeline = Preprocessing.pipeline(features, logColumns, dist == Distance.GOWER).fit(features);
    Dataset x = pipeline.transform(features);
    int d = x.dimension();

    // the sweep stops at the number of different customers: K-Means cannot make more segments than that
    int sweepMax = Math.min(maxK, n - 1);
    int distinct = distinctRows(x, Math.max(2, sweepMax));
    if (distinct < 2) {
      throw new IllegalArgumentException("all " + n + " customers are alike in the feature columns "
          + features.columnNames() + " (after imputing missing cells); there is nothing to segment");
    }
    sweepMax = Math.max(2, Math.min(sweepMax, distinct));
    KSweep sweep = algorithm == Algorithm.KMEDOIDS
        ? KSweep.runKMedoids(x, sweepMax, seed, KMEDOIDS_RESTARTS, metric, parallelism, afterEachK)
        : algorithm == Algorithm.BISECTING
            ? KSweep.runBisecting(x, sweepMax, seed, BISECTING_RESTARTS, parallelism, afterEachK)
            : KSweep.run(x, sweepMax, seed, KMEANS_RESTARTS, parallelism, afterEachK);
    int chosenK = k != null ? k : sweep.recommendedK();
    if (chosenK > n) {
      throw new IllegalArgumentException("k must be at most the number of customers (" + n + "), got " + chosenK);
    }
    // K-Means (and the mixture, whose fit starts from one) cannot make more segments than different customers;
    // the mixture's own message advised "use init(GmmInit.RANDOM)", a call the command line has no option for
    int different = algorithm == Algorithm.DBSCAN || algorithm == Algorithm.HDBSCAN || chosenK <= distinct ? chosenK
        : distinctRows(x, chosenK);
    if (different < chosenK) {
      throw new IllegalArgumentException("k must be at most the number of different customers in the feature"
          + " columns (" + different + ", after preprocessing), got " + chosenK);
    }

    int pts = minPts != null ? minPts : Math.max(4, 2 * d);
    if (pts > n) {
      if (minPts != null) {
        throw new IllegalArgumentException("min-pts must be at most the number of customers (" + n + "), got "
            + pts);
      }
      pts = n;
    }
    int clusterSize = 0;
    if (algorithm == Algorithm.HDBSCAN) {
      clusterSize = minClusterSize != null ? minClusterSize : defaultMinClusterSize(n);
      if (clusterSize > n) {
        throw new IllegalArgumentException("min-cluster-size must be at most the number of customers (" + n
            + "), got " + clusterSize);
      }
      // the k-distance curve of HDBSCAN is its sorted core distances
      pts = minSamples != null ? minSamples : clusterSize;
      if (pts > n) {
        throw new IllegalArgumentException("min-samples must be at most the number of customers (" + n + "), got "
            + pts);
      }
    }
    KDistance kdist = KDistance.of(x, pts, metric, parallelism);

    int[] labels;
    int segments;
    double[][] centres;
    double[] outlierScore;
    boolean[] outlier = new boolean[n];
    double threshold = Double.NaN;
    double[] probability = null;
    Object model;
    double usedEps = Double.NaN;
    int[] medoidRows = null;
    switch (algorithm) {
      case KMEANS: {
        KMeansModel m = chosenK <= sweepMax ? sweep.model(chosenK)
            : KMeans.k(chosenK).seed(seed).restarts(KMEANS_RESTARTS).parallelism(parallelism).fit(x);
        labels = m.labels();
        segments = m.k();
        centres = m.centroids();
        outlierScore = ownCentreDistances(x, labels, m::transform);
        threshold = flagAbove(outlierScore, outlierShare, outlier);
        model = m;
        break;
      }
      case GMM: {
        GaussianMixtureModel m;
        try {
          m = GaussianMixture.components(chosenK).seed(seed).restarts(GMM_RESTARTS).parallelism(parallelism)
              .fit(x);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(mixtureMessage(e.getMessage()), e);
        }
        labels = m.predict(x);
        segments = m.components();
        centres = m.means();
        double[][] proba = m.predictProba(x);
        probability = new double[n];
        for (int i = 0; i < n; i++) {
          probability[i] = proba[i][labels[i]];
        }
        outlierScore = m.scoreSamples(x);
        threshold = lowerQuantile(outlierScore, outlierShare);
        for (int i = 0; i < n; i++) {
          outlier[i] = outlierScore[i] < threshold;
        }
        model = m;
        break;
      }
      case DBSCAN: {
        usedEps = eps != null ? eps : kdist.knee();
        if (!(usedEps > 0)) {
          throw new IllegalArgumentException("the knee of the " + pts + "-distance curve is at distance "
              + usedEps + " (many identical customers); give --eps");
        }
        DbscanModel m = Dbscan.eps(usedEps).minPts(pts).parallelism(parallelism).fit(x);
        labels = m.labels();
        segments = m.clusterCount();
        centres = means(x, labels, segments);
        outlierScore = null;
        for (int i = 0; i < n; i++) {
          outlier[i] = labels[i] < 0;
        }
        model = m;
        break;
      }
      case HDBSCAN: {
        HdbscanModel m = Hdbscan.minClusterSize(clusterSize).minSamples(pts).parallelism(parallelism).fit(x);
        labels = m.labels();
        segments = m.clusterCount();
        centres = means(x, labels, segments);
        probability = m.probabilities();
        outlierScore = m.outlierScores();
        for (int i = 0; i < n; i++) {
          outlier[i] = labels[i] < 0;
        }
        model = m;
        break;
      }
      case KMEDOIDS: {
        KMedoidsModel m = chosenK <= sweepMax ? sweep.kMedoidsModel(chosenK)
            : KMedoids.k(chosenK).seed(seed).restarts(KMEDOIDS_RESTARTS).metric(metric).parallelism(parallelism)
                .fit(x);
        labels = m.labels();
        segments = m.k();
        centres = m.medoids();
        medoidRows = m.medoidIndices();
        outlierScore = ownCentreDistances(x, labels, m::transform);
        threshold = flagAbove(outlierScore, outlierShare, outlier);
        model = m;
        break;
      }
      case BISECTING: {
        BisectingKMeansModel m = chosenK <= sweepMax ? sweep.bisectingModel(chosenK)
            : BisectingKMeans.k(chosenK).seed(seed).restarts(BISECTING_RESTARTS).parallelism(parallelism).fit(x);
        labels = m.labels();
        segments = m.k();
        centres = m.centroids();
        outlierScore = ownCentreDistances(x, labels, m::transform);
        threshold = flagAbove(outlierScore, outlierShare, outlier);
        model = m;
        break;
      }
      default:
        throw new IllegalStateException("unknown algorithm " + algorithm);
    }

    OutlierModel detector = null;
    double modelThreshold = threshold;
    if (detection.method != Outliers.MODEL) {
      detector = fitDetector(x);
      outlierScore = detector.scores();
      threshold = detector.threshold();
      for (int i = 0; i < n; i++) {
        outlier[i] = outlierScore[i] > threshold;
      }
    }

    Profile profile = Profile.of(features, labels, segments);
    Quality quality = Quality.of(x, labels, seed, parallelism,
        algorithm == Algorithm.DBSCAN || algorithm == Algorithm.HDBSCAN, Quality.DBCV_MAX_SEGMENT, metric);

    int comps = Math.min(2, Math.min(d, n));
    PcaModel pca = Pca.components(comps).parallelism(parallelism).fit(x);
    Dataset scores = pca.transform(x);
    double[][] pcaCentres = new double[segments][];
    for (int s = 0; s < segments; s++) {
      pcaCentres[s] = pca.transform(centres[s]);
    }
    return new Segmentation(this, table, features, id, logColumns, pipeline, x, sweep, chosenK, kdist, pts,
        usedEps, clusterSize, model, labels, segments, outlier, outlierScore, threshold, probability, profile,
        quality, pca, scores, pcaCentres, medoidRows, detector, modelThreshold);
  }

  /**
   * Fits the detector asked for on the model rows: LOF with {@link #lofK()} neighbours or the isolation forest with
   * the seed, the contamination {@link #outlierShare()} or the detector's automatic threshold.
   */
  private OutlierModel fitDetector(Dataset x) {
    int n = x.size();
    if (detection.method == Outliers.LOF) {
      if (detection.lofK >= n) {
        throw new IllegalArgumentException("lof-k must be < the number of customers (" + n + "; a customer's"
            + " neighbours are the others), got " + detection.lofK);
      }
      LocalOutlierFactor lof = LocalOutlierFactor.k(detection.lofK).parallelism(parallelism);
      lof = detection.auto ? lof.contaminationAuto() : lof.contamination(outlierShare);
      return lof.fit(x);
    }
    IsolationForest forest = IsolationForest.defaults().seed(seed).parallelism(parallelism);
    forest = detection.auto ? forest.contaminationAuto() : forest.contamination(outlierShare);
    return forest.fit(x);
  }

  /** The mean of each segment's customers in the model's space (noise, label -1, left out). */
  private static double[][] means(Dataset x, int[] labels, int segments) {
    int d = x.dimension();
    double[][] centres = new double[segments][d];
    int[] sizes = new int[segments];
    for (int l : labels) {
      if (l >= 0) {
        sizes[l]++;
      }
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        double[] r = x.row(i);
        for (int j = 0; j < d; j++) {
          centres[labels[i]][j] += r[j] / sizes[labels[i]];
        }
      }
    }
    return centres;
  }

  private static final java.util.regex.Pattern INIT_ADVICE =
      java.util.regex.Pattern.compile(";? ?use init\\(GmmInit\\.[A-Z_]+\\)( or fewer components)?");

  /**
   * A message of the mixture's fit without its advice in library calls ("use init(GmmInit.RANDOM) or fewer
   * components", which the command line has no option for) and its prefix naming its initialisation ("init KMEANS
   * failed: "): the mixture starts from a K-Means fit, and fewer segments is what a user can choose.
   *
   * @param m the message
   * @return the message for the command line
   */
  static String mixtureMessage(String m) {
    if (m == null || !INIT_ADVICE.matcher(m).find()) {
      return m;
    }
    String s = INIT_ADVICE.matcher(m).replaceAll("").replaceFirst("^init [A-Z_]+ failed: ", "").strip();
    return "the Gaussian mixture starts from a K-Means fit, which failed: " + s + "; choose fewer segments (--k)";
  }

  /**
   * Refuses an id column in which two customers have the same id (missing ids aside): labels.csv would give
   * both the same id, so that it could not be joined back to the customers.
   *
   * @throws IllegalArgumentException naming the first repeated id (by its second row) and its two rows
   */
  static void checkDistinct(Table table, String id) {
    Map<Object, Integer> first = new HashMap<>();
    int n = table.rowCount();
    boolean numeric = table.type(id) == ColumnType.NUMERIC;
    double[] v = numeric ? table.numeric(id) : null;
    String[] c = numeric ? null : table.categorical(id);
    for (int i = 0; i < n; i++) {
      Object key = numeric ? (Object) (v[i] + 0.0) : c[i];
      if (numeric ? Double.isNaN(v[i]) : key == null) {
        continue;
      }
      Integer before = first.putIfAbsent(key, i);
      if (before != null) {
        String text = numeric ? Outputs.idText(v[i]) : c[i];
        throw new IllegalArgumentException("the id column '" + id + "' has '" + text + "' in rows " + (before + 1)
            + " and " + (i + 1) + " (1 = the first data row); an id column must name each customer once"
            + " (missing ids aside)");
      }
    }
  }

  /**
   * Counts the different rows (by value, {@code -0.0 == 0.0}), stopping at {@code limit}.
   *
   * @param x the preprocessed customers
   * @param limit the count at which to stop
   * @return {@code min(limit, number of different rows)}
   */
  static int distinctRows(Dataset x, int limit) {
    Set<List<Double>> seen = new HashSet<>();
    int d = x.dimension();
    for (int i = 0; i < x.size() && seen.size() < limit; i++) {
      Double[] r = new Double[d];
      for (int j = 0; j < d; j++) {
        r[j] = x.get(i, j) + 0.0;
      }
      seen.add(Arrays.asList(r));
    }
    return seen.size();
  }

  /**
   * The number of customers the outlier share flags: {@code share * n} rounded down (so never more than the
   * share: 1% of 150 customers is 1, of 99 none), the product taken in decimal, as the share is written, so
   * that 0.29 of 100 is 29.
   */
  static int outlierCount(int n, double share) {
    return BigDecimal.valueOf(share).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR)
        .intValueExact();
  }

  /**
   * Each row's distance to the centre of its segment, as the model's {@code predict} computes it (K-Means and
   * K-Medoids, whose {@code transform} gives the distances to every centre).
   */
  private static double[] ownCentreDistances(Dataset x, int[] labels, Function<double[], double[]> transform) {
    double[] out = new double[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = transform.apply(x.row(i))[labels[i]];
    }
    return out;
  }

  /**
   * Flags the rows whose score is strictly above the {@link #upperQuantile upper quantile} of the share.
   *
   * @return that quantile
   */
  private static double flagAbove(double[] score, double share, boolean[] outlier) {
    double threshold = upperQuantile(score, share);
    for (int i = 0; i < score.length; i++) {
      outlier[i] = score[i] > threshold;
    }
    return threshold;
  }

  /**
   * The value above which the {@link #outlierCount(int, double) share} of the values lie: the largest value not
   * among the {@code outlierCount} largest (values strictly above are flagged; fewer when it ties with them).
   */
  static double upperQuantile(double[] v, double share) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length - 1 - outlierCount(s.length, share)];
  }

  /**
   * The value below which the {@link #outlierCount(int, double) share} of the values lie: the smallest value
   * not among the {@code outlierCount} smallest (values strictly below are flagged; fewer when it ties with
   * them).
   */
  static double lowerQuantile(double[] v, double share) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[outlierCount(s.length, share)];
  }

  /**
   * The quality indices of a segmentation, {@code NaN} where undefined (fewer than two segments). The silhouette,
   * Davies-Bouldin and Calinski-Harabasz indices leave the noise out. For the density algorithms (DBSCAN, HDBSCAN*)
   * the {@link Dbcv DBCV} index is computed too, with its default noise policy ({@link NoisePolicy#SINGLETONS}, the
   * paper's: noise counts against the index), unless its largest segment has more than {@link #DBCV_MAX_SEGMENT}
   * customers (DBCV is quadratic within each segment) or DBCV is undefined (fewer than two segments of at least two
   * customers); {@link #dbcvMissing()} then says why.
   */
  public static final class Quality {
    /**
     * Most customers in one segment for which DBCV is computed ({@link Dbcv} gives about 2.5 s on one core for
     * 20,000 rows of 2 columns; the time grows with the square of the segment's size).
     */
    public static final int DBCV_MAX_SEGMENT = 20_000;

    private final double silhouette;
    private final boolean sampled;
    private final double daviesBouldin;
    private final double calinskiHarabasz;
    private final double dbcv;
    private final String dbcvMissing;

    private Quality(double silhouette, boolean sampled, double daviesBouldin, double calinskiHarabasz, double dbcv,
        String dbcvMissing) {
      this.silhouette = silhouette;
      this.sampled = sampled;
      this.daviesBouldin = daviesBouldin;
      this.calinskiHarabasz = calinskiHarabasz;
      this.dbcv = dbcv;
      this.dbcvMissing = dbcvMissing;
    }

    /**
     * The indices of {@code labels} on {@code x}; DBCV only if {@code density}, and only if no segment has more than
     * {@code dbcvMaxSegment} customers (a parameter so that tests can reach the limit with few rows).
     */
    static Quality of(Dataset x, int[] labels, long seed, int parallelism, boolean density, int dbcvMaxSegment) {
      return of(x, labels, seed, parallelism, density, dbcvMaxSegment, Metric.EUCLIDEAN);
    }

    /**
     * As {@link #of(Dataset, int[], long, int, boolean, int)}, the silhouette with {@code metric} (K-Medoids': the
     * distance of its fit); Davies-Bouldin and Calinski-Harabasz are defined on centroids and Euclidean distances.
     */
    static Quality of(Dataset x, int[] labels, long seed, int parallelism, boolean density, int dbcvMaxSegment,
        Metric metric) {
      int sample = KSweep.silhouetteSampleSize(x.size());
      double sil = Double.NaN;
      double db = Double.NaN;
      double ch = Double.NaN;
      try {
        Silhouette s = sample == 0 ? Silhouette.exact() : Silhouette.sampled(sample, seed);
        sil = s.noise(NoisePolicy.IGNORE).parallelism(parallelism).metric(metric).evaluate(x, labels).score();
        db = DaviesBouldin.score(x, labels, NoisePolicy.IGNORE);
        ch = CalinskiHarabasz.score(x, labels, NoisePolicy.IGNORE);
      } catch (IllegalArgumentException fewerThanTwoSegments) {
        // left as NaN: the indices need two segments
      }
      double dbcv = Double.NaN;
      String missing = null;
      if (density) {
        if (largestSegment(labels) > dbcvMaxSegment) {
          missing = String.format(Locale.ROOT, "a segment above %,d customers", dbcvMaxSegment);
        } else {
          try {
            dbcv = Dbcv.score(x, labels);
          } catch (IllegalArgumentException fewerThanTwoSegments) {
            missing = "fewer than 2 segments of at least 2 customers";
          }
        }
      }
      return new Quality(sil, sample != 0, db, ch, dbcv, missing);
    }

    /** The customers of the largest segment (noise, label -1, is no segment); 0 if every customer is noise. */
    private static int largestSegment(int[] labels) {
      int max = -1;
      for (int l : labels) {
        max = Math.max(max, l);
      }
      int[] sizes = new int[max + 1];
      int largest = 0;
      for (int l : labels) {
        if (l >= 0) {
          largest = Math.max(largest, ++sizes[l]);
        }
      }
      return largest;
    }

    /** @return the mean silhouette (noise left out) */
    public double silhouette() {
      return silhouette;
    }

    /** @return whether the silhouette was computed on a sample */
    public boolean silhouetteSampled() {
      return sampled;
    }

    /** @return the Davies-Bouldin index (lower is better) */
    public double daviesBouldin() {
      return daviesBouldin;
    }

    /** @return the Calinski-Harabasz index (higher is better) */
    public double calinskiHarabasz() {
      return calinskiHarabasz;
    }

    /**
     * The DBCV index, in {@code [-1, 1]}, higher is better, with noise counting against it ({@link Dbcv#score(Dataset,
     * int[])}, noise policy {@link NoisePolicy#SINGLETONS}).
     *
     * @return the index, or {@code NaN} for K-Means and mixtures (not computed) and when {@link #dbcvMissing()} is
     *     not null
     */
    public double dbcv() {
      return dbcv;
    }

    /**
     * Why a density segmentation has no DBCV index: {@code "a segment above 20,000 customers"} (not computed, see
     * {@link #DBCV_MAX_SEGMENT}) or {@code "fewer than 2 segments of at least 2 customers"} (undefined).
     *
     * @return the reason, or {@code null} when the index was computed or the algorithm is not a density one
     */
    public String dbcvMissing() {
      return dbcvMissing;
    }
  }
}
