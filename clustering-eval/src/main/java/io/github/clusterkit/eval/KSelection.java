package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Parallel;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.BisectingStrategy;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmeans.internal.Distinct;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsInit;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import java.util.EnumSet;

/**
 * Chooses the number of clusters by sweeping K-Means (and, on request, Gaussian mixtures), K-Medoids or bisecting
 * K-Means over a range of {@code k} and tabulating, for every {@code k}, the inertia or the K-Medoids cost, the
 * internal indices and the mixtures' BIC and AIC (see {@link Criterion}); the result names a recommended {@code k}
 * and the rule that chose it.
 *
 * <pre>{@code
 * KSelectionResult r = KSelection.kMeans(1, 10).seed(42).restarts(10).parallelism(2).evaluate(data);
 * int k = r.recommendedK();            // by the highest silhouette unless configured otherwise
 * double[] inertia = r.values(Criterion.INERTIA);
 * int elbow = r.best(Criterion.INERTIA);   // the Kneedle knee, -1 if none
 *
 * // Gaussian mixtures too, recommending the k with the lowest BIC
 * KSelectionResult g = KSelection.kMeans(1, 10).seed(42).mixtures(CovarianceType.FULL)
 *     .recommendBy(Criterion.BIC).evaluate(data);
 * double[] bic = g.values(Criterion.BIC);
 * GaussianMixtureModel best = g.mixture(g.recommendedK());
 *
 * // K-Medoids with Manhattan distances: cost knee, silhouettes in that metric, the fitted medoids
 * KSelectionResult m = KSelection.kMedoids(1, 10).metric(Metric.MANHATTAN).seed(42).restarts(3).parallelism(2)
 *     .evaluate(data);
 * int knee = m.best(Criterion.COST);          // the Kneedle knee of the cost, -1 if none
 * KMedoidsModel medoids = m.kMedoidsModel(m.recommendedK());
 *
 * // bisecting K-Means: every k from the tree of one fit with 10 leaves
 * KSelectionResult b = KSelection.bisectingKMeans(1, 10).seed(42).restarts(3).parallelism(2).evaluate(data);
 * BisectingKMeansModel best = b.bisectingModel(b.recommendedK()); // as BisectingKMeans.k(k).seed(42).restarts(3)
 * int[] halves = b.bisectingModel(10).labelsAt(2);               // the first split, which every k refines
 * }</pre>
 *
 * <p><b>Method.</b> For each {@code k} the data are clustered with {@code KMeans.k(k).seed(seed)
 * .restarts(restarts)} and its labels are scored: inertia as K-Means reports it, the exact silhouette (or a
 * seeded sample of {@link #silhouetteSampleSize(int)} rows), Davies-Bouldin (classic) and Calinski-Harabasz.
 * Each criterion picks its own {@code k} ({@link KSelectionResult#best(Criterion)}): the knee of the inertia
 * curve (Kneedle, Satopää et al. 2011, doi:10.1109/ICDCSW.2011.20, convex decreasing, sensitivity
 * {@link #kneeSensitivity(double)}), the highest silhouette (Rousseeuw 1987), the lowest Davies-Bouldin, the
 * highest Calinski-Harabasz. With {@link #mixtures(CovarianceType)} a Gaussian mixture is also fitted for
 * every {@code k} ({@code GaussianMixture.components(k).covariance(type).seed(seed).restarts(restarts)}) and
 * its Bayesian and Akaike information criteria (Schwarz 1978, doi:10.1214/aos/1176344136; Akaike 1974,
 * doi:10.1109/TAC.1974.1100705; as scikit-learn's {@code bic}/{@code aic}) are tabulated; each picks the
 * {@code k} with its lowest value. The recommendation follows {@link #recommendBy(Criterion)} (default: the
 * silhouette); when that criterion gives no answer (no knee) it falls back to the others in the order of
 * {@link Criterion}, and the result says which rule decided.
 *
 * <p><b>K-Medoids.</b> {@link #kMedoids(int, int)} fits {@code KMedoids.k(k).seed(seed).restarts(restarts)
 * .metric(metric).method(method).init(init)} for each {@code k} ({@link #metric(Metric)}, {@link
 * #method(KMedoidsMethod)}, {@link #init(KMedoidsInit)}) and tabulates its cost, the sum of the distances to the
 * medoids ({@link Criterion#COST}, whose knee is found by Kneedle as the inertia's), the silhouette in the same
 * metric ({@link Silhouette#metric(Metric)}, exact or sampled as configured), the medoid silhouette of the fitted
 * medoids in that metric ({@link Criterion#MEDOID_SILHOUETTE}, {@link MedoidSilhouette}; {@code O(n k d)}, a cheap
 * alternative to the silhouette for large data), and Davies-Bouldin and Calinski-Harabasz as they are defined,
 * Euclidean, on the fit's labels. The cost is a criterion of its own rather than the inertia: it sums distances,
 * not squared distances, in any metric. A {@code k} where copies of a medoid left clusters empty is scored on its
 * non-empty clusters (the label indices are {@code NaN} where fewer than two remain). The inertia, the mixtures and
 * their criteria belong to K-Means and are refused by a K-Medoids sweep, as the K-Medoids options are by a K-Means
 * sweep ({@link IllegalArgumentException} for a criterion, {@link IllegalStateException} for an option).
 * {@link KSelectionResult#kMedoidsModel(int)} returns each {@code k}'s fit.
 *
 * <p><b>Bisecting K-Means.</b> {@link #bisectingKMeans(int, int)} fits once, {@code BisectingKMeans.k(maxK)
 * .seed(seed).restarts(restarts).strategy(strategy).parallelism(parallelism)} ({@link #strategy(BisectingStrategy)};
 * every other setting of {@link BisectingKMeans} at its default), and reads every {@code k} of the sweep from its
 * tree: {@link BisectingKMeansModel#inertiaAt(int) inertiaAt(k)} is the inertia, and the silhouette, Davies-Bouldin
 * and Calinski-Harabasz score {@link BisectingKMeansModel#labelsAt(int) labelsAt(k)}, as in the K-Means sweep. This
 * equals, bit for bit, a sweep of separate fits {@code BisectingKMeans.k(k)} with the same settings: the leaf split at
 * each step depends only on the splits before it, and every 2-means restart draws from a random stream of the seed,
 * the split and the restart alone, so the fit with {@code k} clusters makes exactly the first {@code k - 1} splits of
 * the fit with {@code maxK} (the nesting stated by {@link BisectingKMeans}).
 * {@link KSelectionResult#bisectingModel(int)} returns the tree cut at {@code k}, the separate fit's model. Mixtures
 * and their criteria, and the K-Medoids ones, are refused, as between the other sweeps.
 *
 * <p><b>Cost.</b> One K-Means fit per {@code k} plus the indices (plus one EM fit per {@code k} with
 * mixtures; in a K-Medoids sweep one K-Medoids fit per {@code k}, whose FasterPAM passes cost about
 * {@code n^2 d} each, plus the medoid silhouette's {@code O(n k d)}; in a bisecting K-Means sweep a single fit, about
 * {@code log2(maxK)} passes of 2-means over the data when the splits are balanced, plus the indices); the exact
 * silhouette is
 * {@code O(n^2 d)} per {@code k} (about 1 s for 50,000 points in 2-D on one core), so for large data set a
 * sample size, or leave {@link Criterion#SILHOUETTE} out of {@link #criteria(Criterion...)} and recommend by
 * another criterion (the recommending criterion is always computed: by default the silhouette).
 *
 * <p><b>Determinism and threads.</b> {@link #parallelism(int)} fits several values of {@code k} at once
 * (each fit on one thread); the table does not depend on it, bit for bit, since each {@code k} is computed
 * by the same single-threaded code with the same seed. A bisecting K-Means sweep gives its one fit all the
 * threads (its model does not depend on their number) and then scores several values of {@code k} at once, each on
 * one thread, with the same result. Immutable configuration, safe to share.
 *
 * <p><b>Interrupts.</b> An interrupt of the calling thread stops {@code evaluate} before its next value of
 * {@code k} (on any number of threads) with an {@link IllegalStateException} whose message starts with
 * {@code "interrupted"}, keeping the thread's interrupt status; the fit of a {@code k} already started completes. A
 * bisecting K-Means sweep checks before its one fit, which completes once started, and before every {@code k} it
 * scores.
 */
public final class KSelection {

  private final int minK;
  private final int maxK;
  private final long seed;
  private final int restarts;
  private final int parallelism;
  /** The criteria named by {@link #criteria(Criterion...)} (or the default), without the implied ones. */
  private final EnumSet<Criterion> chosen;
  private final Criterion recommendBy;
  private final int silhouetteSampleSize;
  private final double kneeSensitivity;
  /** The covariance of {@link #mixtures(CovarianceType)}, or null if it was not called. */
  private final CovarianceType covariance;
  /** The K-Medoids settings; all three null for a K-Means sweep, none for a K-Medoids sweep. */
  private final Metric metric;
  private final KMedoidsMethod method;
  private final KMedoidsInit init;
  /** The strategy of a bisecting K-Means sweep; null for the other sweeps. */
  private final BisectingStrategy strategy;

  private KSelection(int minK, int maxK, long seed, int restarts, int parallelism, EnumSet<Criterion> chosen,
      Criterion recommendBy, int silhouetteSampleSize, double kneeSensitivity, CovarianceType covariance) {
    this(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize, kneeSensitivity,
        covariance, null, null, null, null);
  }

  private KSelection(int minK, int maxK, long seed, int restarts, int parallelism, EnumSet<Criterion> chosen,
      Criterion recommendBy, int silhouetteSampleSize, double kneeSensitivity, CovarianceType covariance,
      Metric metric, KMedoidsMethod method, KMedoidsInit init, BisectingStrategy strategy) {
    this.minK = minK;
    this.maxK = maxK;
    this.seed = seed;
    this.restarts = restarts;
    this.parallelism = parallelism;
    this.chosen = chosen;
    this.recommendBy = recommendBy;
    this.silhouetteSampleSize = silhouetteSampleSize;
    this.kneeSensitivity = kneeSensitivity;
    this.covariance = covariance;
    this.metric = metric;
    this.method = method;
    this.init = init;
    this.strategy = strategy;
  }

  /** A copy with the settings shared by every kind of sweep replaced, the kind's own kept. */
  private KSelection with(long seed, int restarts, int parallelism, EnumSet<Criterion> chosen, Criterion recommendBy,
      int silhouetteSampleSize, double kneeSensitivity) {
    return new KSelection(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity, covariance, metric, method, init, strategy);
  }

  private boolean isKMedoids() {
    return metric != null;
  }

  private boolean isBisecting() {
    return strategy != null;
  }

  private String kind() {
    return isKMedoids() ? "K-Medoids" : isBisecting() ? "bisecting K-Means" : "K-Means";
  }

  /**
   * A K-Means sweep over {@code minK..maxK} (inclusive) with the K-Means criteria (inertia, silhouette,
   * Davies-Bouldin, Calinski-Harabasz; no mixtures), seed 0, 1 restart, one thread, exact silhouette,
   * recommendation by the silhouette.
   *
   * @param minK the smallest {@code k}, at least 1
   * @param maxK the largest {@code k}, at least {@code max(minK, 2)}
   * @return the configuration
   * @throws IllegalArgumentException if the range is invalid
   */
  public static KSelection kMeans(int minK, int maxK) {
    if (minK < 1) {
      throw new IllegalArgumentException("minK must be >= 1, got " + minK);
    }
    if (maxK < minK || maxK < 2) {
      throw new IllegalArgumentException("maxK must be >= minK and >= 2, got minK " + minK + ", maxK " + maxK);
    }
    return new KSelection(minK, maxK, 0L, 1, 1, EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE,
        Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ), Criterion.SILHOUETTE, 0, 1.0, null);
  }

  /**
   * A K-Medoids sweep over {@code minK..maxK} (inclusive) with the K-Medoids criteria (cost, silhouette, medoid
   * silhouette, Davies-Bouldin, Calinski-Harabasz), {@link Metric#EUCLIDEAN}, {@link KMedoidsMethod#FASTER_PAM},
   * {@link KMedoidsInit#PLUS_PLUS}, seed 0, 1 restart, one thread, exact silhouette, recommendation by the
   * silhouette. See the class description for what each {@code k} computes.
   *
   * @param minK the smallest {@code k}, at least 1
   * @param maxK the largest {@code k}, at least {@code max(minK, 2)}
   * @return the configuration
   * @throws IllegalArgumentException if the range is invalid
   */
  public static KSelection kMedoids(int minK, int maxK) {
    KSelection range = kMeans(minK, maxK); // the same range rules and messages
    return new KSelection(range.minK, range.maxK, 0L, 1, 1, EnumSet.of(Criterion.COST, Criterion.SILHOUETTE,
        Criterion.MEDOID_SILHOUETTE, Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ), Criterion.SILHOUETTE,
        0, 1.0, null, Metric.EUCLIDEAN, KMedoidsMethod.FASTER_PAM, KMedoidsInit.PLUS_PLUS, null);
  }

  /**
   * A bisecting K-Means sweep over {@code minK..maxK} (inclusive) from one fit with {@code maxK} clusters, whose
   * tree holds the clustering of every smaller {@code k}, with the K-Means criteria except the mixtures' (inertia,
   * silhouette, Davies-Bouldin, Calinski-Harabasz), {@link BisectingStrategy#BIGGEST_INERTIA}, seed 0, 1 restart
   * per split, one thread, exact silhouette, recommendation by the silhouette. See the class description for what
   * each {@code k} computes and why it equals a separate fit per {@code k}.
   *
   * @param minK the smallest {@code k}, at least 1
   * @param maxK the largest {@code k}, at least {@code max(minK, 2)}
   * @return the configuration
   * @throws IllegalArgumentException if the range is invalid
   */
  public static KSelection bisectingKMeans(int minK, int maxK) {
    KSelection range = kMeans(minK, maxK); // the same range rules and messages
    return new KSelection(range.minK, range.maxK, 0L, 1, 1, EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE,
        Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ), Criterion.SILHOUETTE, 0, 1.0, null, null, null, null,
        BisectingStrategy.BIGGEST_INERTIA);
  }

  /**
   * @param seed the seed of every K-Means and mixture fit, K-Medoids fit or the bisecting K-Means fit (and of the
   *     silhouette sample)
   * @return a copy with this seed
   */
  public KSelection seed(long seed) {
    return with(seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize, kneeSensitivity);
  }

  /**
   * @param restarts K-Means (and mixture) or K-Medoids restarts per {@code k}, or 2-means restarts per split of
   *     the bisecting K-Means fit, at least 1 (the best inertia, the best log-likelihood or the lowest cost is kept)
   * @return a copy with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public KSelection restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return with(seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize, kneeSensitivity);
  }

  /**
   * @param threads number of values of {@code k} evaluated at once, at least 1 (the calling thread and parked
   *     worker threads that the library keeps between calls; never the common pool); in a bisecting K-Means sweep
   *     also the threads of its one fit. The result does not depend on it.
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public KSelection parallelism(int threads) {
    return with(seed, restarts, Checks.parallelism(threads), chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity);
  }

  /**
   * Chooses the criteria to compute, replacing the default set (inertia, silhouette, Davies-Bouldin,
   * Calinski-Harabasz). Inertia (free with every fit), the criterion of {@link #recommendBy(Criterion)} and, after
   * {@link #mixtures(CovarianceType)}, BIC and AIC are always computed as well, whatever the order of the calls:
   * {@code criteria(Criterion.INERTIA)} with the default recommendation computes inertia and the silhouette, and
   * with {@code recommendBy(Criterion.CALINSKI_HARABASZ)} (before or after) inertia and Calinski-Harabasz only.
   * Naming {@link Criterion#BIC} or {@link Criterion#AIC} fits a Gaussian mixture per {@code k} (see
   * {@link #mixtures(CovarianceType)}). In a K-Medoids sweep the default set is cost, silhouette, medoid
   * silhouette, Davies-Bouldin and Calinski-Harabasz, and the cost takes the place of the inertia (always computed).
   * A bisecting K-Means sweep computes the K-Means criteria except BIC and AIC.
   *
   * @param chosen the criteria
   * @return a copy computing these criteria (and the implied ones)
   * @throws IllegalArgumentException if {@code chosen} or an element is null, or an element is a criterion of the
   *     other kind of sweep (see {@link Criterion})
   */
  public KSelection criteria(Criterion... chosen) {
    if (chosen == null) {
      throw new IllegalArgumentException("criteria must not be null");
    }
    EnumSet<Criterion> set = EnumSet.noneOf(Criterion.class);
    for (Criterion c : chosen) {
      if (c == null) {
        throw new IllegalArgumentException("criteria must not contain null");
      }
      checkApplies("criteria", c);
      set.add(c);
    }
    return with(seed, restarts, parallelism, set, recommendBy, silhouetteSampleSize, kneeSensitivity);
  }

  /**
   * Chooses the criterion whose choice of {@code k} is recommended; it is computed whatever
   * {@link #criteria(Criterion...)} names, before or after this call. Only the last call counts: the criterion
   * of an earlier call is no longer computed unless {@code criteria(...)} (or its default) names it.
   *
   * @param criterion the criterion whose choice is recommended (default: {@link Criterion#SILHOUETTE})
   * @return a copy recommending by this criterion
   * @throws IllegalArgumentException if {@code criterion} is null or a criterion of the other kind of sweep (see
   *     {@link Criterion})
   */
  public KSelection recommendBy(Criterion criterion) {
    if (criterion == null) {
      throw new IllegalArgumentException("criterion must not be null");
    }
    checkApplies("criterion", criterion);
    return with(seed, restarts, parallelism, chosen, criterion, silhouetteSampleSize, kneeSensitivity);
  }

  /**
   * The criteria a sweep computes: those of {@link #criteria(Criterion...)} (or the default), inertia, the
   * recommending criterion, and BIC and AIC after {@link #mixtures(CovarianceType)}.
   */
  private EnumSet<Criterion> computed() {
    EnumSet<Criterion> set = EnumSet.copyOf(chosen);
    set.add(isKMedoids() ? Criterion.COST : Criterion.INERTIA);
    set.add(recommendBy);
    if (covariance != null) {
      set.add(Criterion.BIC);
      set.add(Criterion.AIC);
    }
    return set;
  }

  /** The covariance shape of the sweep's mixtures: that of {@link #mixtures(CovarianceType)}, by default full. */
  private CovarianceType mixtureCovariance() {
    return covariance == null ? CovarianceType.FULL : covariance;
  }

  /**
   * @param size rows in the seeded silhouette sample ({@link Silhouette#sampled(int, long)}), at least 2; or 0
   *     for the exact silhouette (the default). Where the sample of a {@code k} holds a single cluster (a small
   *     cluster that no sampled row falls in) the silhouette is undefined and the table holds {@code NaN}
   * @return a copy with this sample size
   * @throws IllegalArgumentException if {@code size} is negative or 1
   */
  public KSelection silhouetteSampleSize(int size) {
    if (size < 0 || size == 1) {
      throw new IllegalArgumentException("silhouetteSampleSize must be 0 (exact) or >= 2, got " + size);
    }
    return with(seed, restarts, parallelism, chosen, recommendBy, size, kneeSensitivity);
  }

  /**
   * @param s Kneedle's sensitivity {@code S >= 0} for the inertia knee (default 1)
   * @return a copy with this sensitivity
   * @throws IllegalArgumentException if {@code s} is negative or not finite
   */
  public KSelection kneeSensitivity(double s) {
    if (!(s >= 0 && s < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("kneeSensitivity must be >= 0 and finite, got " + s);
    }
    return with(seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize, s);
  }

  /**
   * Also fits a Gaussian mixture with {@code k} components for every {@code k} and tabulates its
   * {@link Criterion#BIC} and {@link Criterion#AIC} (both are added to the computed criteria). Each mixture is
   * {@code GaussianMixture.components(k).covariance(covarianceType).seed(seed).restarts(restarts).fit(data)}
   * with this sweep's {@link #seed(long)} and {@link #restarts(int)} and every other setting at its default,
   * so the table holds exactly what such a fit reports. To recommend by one of them, add
   * {@code .recommendBy(Criterion.BIC)} (or {@code AIC}). Both stay computed whatever
   * {@link #criteria(Criterion...)} names, before or after this call.
   *
   * <p>Naming {@link Criterion#BIC} or {@link Criterion#AIC} in {@link #criteria(Criterion...)} or
   * {@link #recommendBy(Criterion)} without calling this method fits mixtures with the default
   * {@link CovarianceType#FULL}.
   *
   * <p><b>Not on one-hot columns.</b> A Gaussian density suits continuous columns. The 0/1 columns of a one-hot
   * encoding sum to 1 (so a full covariance is singular) and take one value inside a component that holds a
   * single category (so its variance is 0): only the regularization ({@code 1e-6}) keeps such a covariance
   * invertible, and the log-likelihood, hence BIC and AIC, then measure that constant rather than the fit.
   * On the mall customers (gender one-hot, the three numbers scaled) the full-covariance BIC falls from about
   * {@code -160} at {@code k = 4} to {@code -2436} at {@code k = 5}, where every component holds one gender;
   * scikit-learn 1.2.1's {@code GaussianMixture(5, random_state=0).bic(X)} gives the same {@code -2436.3}.
   * Without the gender columns its lowest BIC is at {@code k = 5} (1576.7). Sweep mixtures on the numeric
   * columns, or use the K-Means criteria for data with categories.
   *
   * @param covarianceType the covariance shape of the mixtures
   * @return a copy that also sweeps mixtures
   * @throws IllegalArgumentException if {@code covarianceType} is null
   * @throws IllegalStateException on a K-Medoids sweep ({@link #kMedoids(int, int)}) or a bisecting K-Means sweep
   *     ({@link #bisectingKMeans(int, int)})
   */
  public KSelection mixtures(CovarianceType covarianceType) {
    if (isKMedoids() || isBisecting()) {
      throw new IllegalStateException("mixtures apply to a K-Means sweep (KSelection.kMeans), not to this " + kind()
          + " sweep");
    }
    if (covarianceType == null) {
      throw new IllegalArgumentException("covarianceType must not be null");
    }
    return new KSelection(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity, covarianceType);
  }

  /**
   * The distance of a K-Medoids sweep: of every fit ({@code KMedoids.metric}), of the silhouette
   * ({@link Silhouette#metric(Metric)}), of the medoid silhouette and hence of the cost. Davies-Bouldin and
   * Calinski-Harabasz stay Euclidean, as they are defined (on the fit's labels).
   *
   * @param metric {@link Metric#EUCLIDEAN} (the default), {@link Metric#MANHATTAN} or {@link Metric#CHEBYSHEV}
   * @return a copy with this metric
   * @throws IllegalArgumentException if {@code metric} is null
   * @throws IllegalStateException on a K-Means or bisecting K-Means sweep (K-Means is Euclidean)
   */
  public KSelection metric(Metric metric) {
    requireKMedoids("metric");
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new KSelection(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity, covariance, metric, method, init, strategy);
  }

  /**
   * @param method the refinement of every K-Medoids fit (default {@link KMedoidsMethod#FASTER_PAM})
   * @return a copy with this method
   * @throws IllegalArgumentException if {@code method} is null
   * @throws IllegalStateException on a K-Means or bisecting K-Means sweep
   */
  public KSelection method(KMedoidsMethod method) {
    requireKMedoids("method");
    if (method == null) {
      throw new IllegalArgumentException("method must not be null");
    }
    return new KSelection(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity, covariance, metric, method, init, strategy);
  }

  /**
   * @param init the initialisation of every K-Medoids fit (default {@link KMedoidsInit#PLUS_PLUS});
   *     {@link KMedoidsInit#BUILD} makes each fit one run whatever {@link #restarts(int)} says, as {@code KMedoids}
   *     does
   * @return a copy with this initialisation
   * @throws IllegalArgumentException if {@code init} is null
   * @throws IllegalStateException on a K-Means or bisecting K-Means sweep
   */
  public KSelection init(KMedoidsInit init) {
    requireKMedoids("init");
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
    return new KSelection(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity, covariance, metric, method, init, strategy);
  }

  private void requireKMedoids(String option) {
    if (!isKMedoids()) {
      throw new IllegalStateException(option + " applies to a K-Medoids sweep (KSelection.kMedoids), not to this "
          + kind() + " sweep");
    }
  }

  /**
   * The bisecting strategy of a bisecting K-Means sweep: which leaf its fit splits next
   * ({@link BisectingKMeans#strategy(BisectingStrategy)}).
   *
   * @param strategy {@link BisectingStrategy#BIGGEST_INERTIA} (the default) or
   *     {@link BisectingStrategy#LARGEST_CLUSTER}
   * @return a copy with this strategy
   * @throws IllegalArgumentException if {@code strategy} is null
   * @throws IllegalStateException on a K-Means or K-Medoids sweep
   */
  public KSelection strategy(BisectingStrategy strategy) {
    if (!isBisecting()) {
      throw new IllegalStateException("strategy applies to a bisecting K-Means sweep (KSelection.bisectingKMeans),"
          + " not to this " + kind() + " sweep");
    }
    if (strategy == null) {
      throw new IllegalArgumentException("strategy must not be null");
    }
    return new KSelection(minK, maxK, seed, restarts, parallelism, chosen, recommendBy, silhouetteSampleSize,
        kneeSensitivity, covariance, metric, method, init, strategy);
  }

  /** The criteria this kind of sweep can compute, in the order of {@link Criterion}. */
  private EnumSet<Criterion> applicable() {
    if (isKMedoids()) {
      return EnumSet.of(Criterion.COST, Criterion.SILHOUETTE, Criterion.MEDOID_SILHOUETTE, Criterion.DAVIES_BOULDIN,
          Criterion.CALINSKI_HARABASZ);
    }
    if (isBisecting()) {
      return EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE, Criterion.DAVIES_BOULDIN,
          Criterion.CALINSKI_HARABASZ);
    }
    return EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE, Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ,
        Criterion.BIC, Criterion.AIC);
  }

  private void checkApplies(String parameter, Criterion c) {
    if (!applicable().contains(c)) {
      throw new IllegalArgumentException(parameter + " of a " + kind() + " sweep must be one of " + applicable()
          + ", got " + c);
    }
  }

  /**
   * Runs the sweep.
   *
   * @param data the points
   * @return the table and the recommendation
   * @throws IllegalArgumentException if {@code data} is null or {@code maxK} exceeds the number of distinct
   *     rows (K-Means, bisecting or not, cannot place more centroids than there are distinct points, and neither
   *     sweep fits anything then; a K-Medoids sweep refuses only
   *     a {@code maxK} above the number of rows, as {@code KMedoids} does), or, when mixtures are fitted
   *     ({@link #mixtures(CovarianceType)}), for data {@link GaussianMixture#fit(Dataset)} refuses: in particular
   *     data whose largest magnitude lies outside {@code [2^-480, 2^481)} (about {@code 3e-145} to
   *     {@code 6e144}), which the K-Means sweep alone accepts (it scales them exactly)
   * @throws IllegalStateException if a mixture cannot be fitted (a covariance matrix not positive definite in
   *     every restart; see {@link GaussianMixture#fit(Dataset)})
   */
  public KSelectionResult evaluate(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (isKMedoids()) {
      return evaluateKMedoids(data);
    }
    if (isBisecting()) {
      return evaluateBisecting(data);
    }
    int count = maxK - minK + 1;
    int[] ks = new int[count];
    for (int t = 0; t < count; t++) {
      ks[t] = minK + t;
    }
    KMeansModel[] models = new KMeansModel[count];
    // The knee of the inertia curve is found on the inertias at the data's scaled magnitude when the data are too
    // large or too small for squared distances (Scale): the same knee (Kneedle normalises the curve, and a power
    // of two scales it exactly), where the reported inertias may have overflowed to infinity.
    int e = Scale.exponent(data);
    double[] values = Scale.values(data, e);
    // Checked before any fit, on the values K-Means checks (scaled alike): otherwise every smaller k is fitted and
    // scored first, and the failure names whichever larger k a thread reached first instead of maxK.
    int distinct = Distinct.countUpTo(values, data.size(), data.dimension(), null, maxK);
    if (distinct < maxK) {
      throw new IllegalArgumentException(
          "maxK must be <= the number of distinct rows (" + distinct + "), got " + maxK);
    }
    Dataset scaled = e == 0 ? null : Dataset.wrap(values, data.size(), data.dimension());
    double[] kneeInertia = e == 0 ? null : new double[count];
    EnumSet<Criterion> criteria = computed();
    CovarianceType covariance = mixtureCovariance();
    boolean fitMixtures = criteria.contains(Criterion.BIC) || criteria.contains(Criterion.AIC);
    GaussianMixtureModel[] mixtures = fitMixtures ? new GaussianMixtureModel[count] : null;
    double[][] table = new double[Criterion.values().length][count];
    for (double[] row : table) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    Parallel.run(parallelism, count, (t, worker) -> {
      int k = ks[t];
      KMeansModel m = KMeans.k(k).seed(seed).restarts(restarts).fit(data);
      models[t] = m;
      table[Criterion.INERTIA.ordinal()][t] = m.inertia();
      if (scaled != null) {
        kneeInertia[t] = Inertia.score(scaled, m.labels());
      }
      if (k >= 2) {
        int[] labels = m.labels();
        if (criteria.contains(Criterion.SILHOUETTE)) {
          Silhouette s = silhouetteSampleSize == 0 ? Silhouette.exact()
              : Silhouette.sampled(silhouetteSampleSize, seed);
          // a sample can miss every cluster but one (a small cluster, a small sample): undefined there
          SilhouetteResult r = s.evaluate(data, labels, false);
          table[Criterion.SILHOUETTE.ordinal()][t] = r == null ? Double.NaN : r.score();
        }
        if (criteria.contains(Criterion.DAVIES_BOULDIN)) {
          table[Criterion.DAVIES_BOULDIN.ordinal()][t] = DaviesBouldin.score(data, labels);
        }
        if (criteria.contains(Criterion.CALINSKI_HARABASZ) && k < data.size()) {
          table[Criterion.CALINSKI_HARABASZ.ordinal()][t] = CalinskiHarabasz.score(data, labels);
        }
      }
      if (fitMixtures) {
        GaussianMixtureModel g = GaussianMixture.components(k).covariance(covariance).seed(seed)
            .restarts(restarts).fit(data);
        mixtures[t] = g;
        if (criteria.contains(Criterion.BIC)) {
          table[Criterion.BIC.ordinal()][t] = g.bic(data);
        }
        if (criteria.contains(Criterion.AIC)) {
          table[Criterion.AIC.ordinal()][t] = g.aic(data);
        }
      }
    });
    return new KSelectionResult(ks, table, kneeInertia, criteria, models, null, null, mixtures, recommendBy,
        kneeSensitivity);
  }

  private KSelectionResult evaluateKMedoids(Dataset data) {
    int n = data.size();
    int d = data.dimension();
    // Checked before any fit, so that the message names maxK on any thread count (as for K-Means' distinct rows).
    if (maxK > n) {
      throw new IllegalArgumentException("maxK must be <= the number of rows (" + n + "), got " + maxK);
    }
    int count = maxK - minK + 1;
    int[] ks = new int[count];
    for (int t = 0; t < count; t++) {
      ks[t] = minK + t;
    }
    // As for the inertia: where the data are fitted scaled by a power of two, the knee is found on the costs of the
    // scaled data (the same knee; the reported cost, scaled back, may have overflowed to infinity).
    int e = Scale.exponent(data);
    double[] scaled = e == 0 ? null : Scale.values(data, e);
    double[] kneeCost = e == 0 ? null : new double[count];
    EnumSet<Criterion> criteria = computed();
    KMedoidsModel[] models = new KMedoidsModel[count];
    double[][] table = new double[Criterion.values().length][count];
    for (double[] row : table) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    Parallel.run(parallelism, count, (t, worker) -> {
      int k = ks[t];
      KMedoidsModel m = KMedoids.k(k).seed(seed).restarts(restarts).metric(metric).method(method).init(init)
          .fit(data);
      models[t] = m;
      table[Criterion.COST.ordinal()][t] = m.cost();
      int[] labels = m.labels();
      if (kneeCost != null) {
        kneeCost[t] = cost(scaled, d, labels, m.medoidIndices(), metric);
      }
      if (k >= 2) {
        if (criteria.contains(Criterion.MEDOID_SILHOUETTE)) {
          table[Criterion.MEDOID_SILHOUETTE.ordinal()][t] = MedoidSilhouette.defaults().metric(metric)
              .evaluate(data, m).score();
        }
        // Copies of a medoid can be medoids too, and their clusters empty: the label indices need two clusters
        // (Calinski-Harabasz fewer clusters than rows), undefined otherwise, as at k = 1.
        int clusters = nonEmpty(m.clusterSizes());
        if (clusters >= 2) {
          if (criteria.contains(Criterion.SILHOUETTE)) {
            Silhouette s = silhouetteSampleSize == 0 ? Silhouette.exact()
                : Silhouette.sampled(silhouetteSampleSize, seed);
            SilhouetteResult r = s.metric(metric).evaluate(data, labels, false);
            table[Criterion.SILHOUETTE.ordinal()][t] = r == null ? Double.NaN : r.score();
          }
          if (criteria.contains(Criterion.DAVIES_BOULDIN)) {
            table[Criterion.DAVIES_BOULDIN.ordinal()][t] = DaviesBouldin.score(data, labels);
          }
          if (criteria.contains(Criterion.CALINSKI_HARABASZ) && clusters < n) {
            table[Criterion.CALINSKI_HARABASZ.ordinal()][t] = CalinskiHarabasz.score(data, labels);
          }
        }
      }
    });
    return new KSelectionResult(ks, table, kneeCost, criteria, null, models, null, null, recommendBy,
        kneeSensitivity);
  }

  private KSelectionResult evaluateBisecting(Dataset data) {
    int count = maxK - minK + 1;
    int[] ks = new int[count];
    for (int t = 0; t < count; t++) {
      ks[t] = minK + t;
    }
    // As in the K-Means sweep: the distinct rows are counted on the values the fit counts them on (scaled alike),
    // so that the message names maxK rather than the fit's k.
    int e = Scale.exponent(data);
    double[] values = Scale.values(data, e);
    int distinct = Distinct.countUpTo(values, data.size(), data.dimension(), null, maxK);
    if (distinct < maxK) {
      throw new IllegalArgumentException(
          "maxK must be <= the number of distinct rows (" + distinct + "), got " + maxK);
    }
    // The fit does not act on interrupts; an interrupt that came before the call stops it before the fit, as the
    // other sweeps stop before their first k.
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException(Parallel.INTERRUPTED);
    }
    // One fit: its first m - 1 splits are those of the fit with k = m (BisectingKMeans' nesting), so level m of its
    // tree is that fit's clustering, bit for bit.
    BisectingKMeansModel tree = BisectingKMeans.k(maxK).seed(seed).restarts(restarts).strategy(strategy)
        .parallelism(parallelism).fit(data);
    // The knee on the scaled data's inertias where the data are scaled, as in the K-Means sweep.
    Dataset scaled = e == 0 ? null : Dataset.wrap(values, data.size(), data.dimension());
    double[] kneeInertia = e == 0 ? null : new double[count];
    EnumSet<Criterion> criteria = computed();
    double[][] table = new double[Criterion.values().length][count];
    for (double[] row : table) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    Parallel.run(parallelism, count, (t, worker) -> {
      int k = ks[t];
      table[Criterion.INERTIA.ordinal()][t] = tree.inertiaAt(k);
      if (scaled == null && (k < 2 || criteria.size() == 1)) {
        return; // nothing reads the labels
      }
      int[] labels = tree.labelsAt(k);
      if (scaled != null) {
        kneeInertia[t] = Inertia.score(scaled, labels);
      }
      if (k >= 2) {
        if (criteria.contains(Criterion.SILHOUETTE)) {
          Silhouette s = silhouetteSampleSize == 0 ? Silhouette.exact()
              : Silhouette.sampled(silhouetteSampleSize, seed);
          SilhouetteResult r = s.evaluate(data, labels, false);
          table[Criterion.SILHOUETTE.ordinal()][t] = r == null ? Double.NaN : r.score();
        }
        if (criteria.contains(Criterion.DAVIES_BOULDIN)) {
          table[Criterion.DAVIES_BOULDIN.ordinal()][t] = DaviesBouldin.score(data, labels);
        }
        if (criteria.contains(Criterion.CALINSKI_HARABASZ) && k < data.size()) {
          table[Criterion.CALINSKI_HARABASZ.ordinal()][t] = CalinskiHarabasz.score(data, labels);
        }
      }
    });
    return new KSelectionResult(ks, table, kneeInertia, criteria, null, null, tree, null, recommendBy,
        kneeSensitivity);
  }

  private static int nonEmpty(int[] sizes) {
    int c = 0;
    for (int s : sizes) {
      if (s > 0) {
        c++;
      }
    }
    return c;
  }

  /**
   * The K-Medoids cost of the labelling on row-major values: each row's distance to its medoid, summed in row order,
   * as {@code KMedoids} sums it (each distance column by column).
   */
  private static double cost(double[] x, int d, int[] labels, int[] medoidRows, Metric metric) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      sum += metric.fromReduced(metric.reducedDistance(x, i * d, x, medoidRows[labels[i]] * d, d));
    }
    return sum;
  }

  /**
   * Equal when every setting is equal, however it was reached (the criteria as computed, the mixtures' covariance
   * where mixtures are fitted, the knee sensitivity as by {@link Double#equals(Object)}), so a configuration can
   * key a cache of results.
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KSelection)) {
      return false;
    }
    KSelection b = (KSelection) o;
    return minK == b.minK && maxK == b.maxK && seed == b.seed && restarts == b.restarts
        && parallelism == b.parallelism && computed().equals(b.computed()) && recommendBy == b.recommendBy
        && silhouetteSampleSize == b.silhouetteSampleSize
        && Double.compare(kneeSensitivity, b.kneeSensitivity) == 0 && fittedCovariance() == b.fittedCovariance()
        && metric == b.metric && method == b.method && init == b.init && strategy == b.strategy;
  }

  /** Consistent with {@link #equals(Object)}: built from the same settings as it compares them. */
  @Override
  public int hashCode() {
    return java.util.Objects.hash(minK, maxK, seed, restarts, parallelism, computed(), recommendBy,
        silhouetteSampleSize, kneeSensitivity, fittedCovariance(), metric, method, init, strategy);
  }

  /** The mixtures' covariance when the sweep fits mixtures, else null (the setting has no effect then). */
  private CovarianceType fittedCovariance() {
    EnumSet<Criterion> criteria = computed();
    return criteria.contains(Criterion.BIC) || criteria.contains(Criterion.AIC) ? mixtureCovariance() : null;
  }

  @Override
  public String toString() {
    EnumSet<Criterion> criteria = computed();
    return "KSelection[" + (isKMedoids() ? "k-medoids" : isBisecting() ? "bisecting k-means" : "k-means") + ", k="
        + minK + ".." + maxK
        + (isKMedoids() ? ", metric=" + metric + ", method=" + method + ", init=" + init : "")
        + (isBisecting() ? ", strategy=" + strategy : "")
        + ", seed=" + seed + ", restarts=" + restarts
        + ", parallelism=" + parallelism + ", criteria=" + criteria + ", recommendBy=" + recommendBy
        + ", kneeSensitivity=" + kneeSensitivity
        + (silhouetteSampleSize > 0 ? ", silhouetteSampleSize=" + silhouetteSampleSize : "")
        + (fittedCovariance() != null ? ", mixtures=" + fittedCovariance() : "")
        + "]";
  }
}
