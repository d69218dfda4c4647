package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.ClusterStability;
import io.github.clusterkit.eval.Clusterer;
import io.github.clusterkit.eval.GapResult;
import io.github.clusterkit.eval.GapStatistic;
import io.github.clusterkit.eval.StabilityResult;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.Locale;

/**
 * The opt-in checks of a segmentation, beside the report and the files: "are the segments real?" and "what does the
 * gap statistic say of k?".
 *
 * <p><b>Stability</b> ({@code --stability B}): Hennig's cluster-wise bootstrap stability ({@link ClusterStability},
 * Hennig 2007, doi:10.1016/j.csda.2006.11.025, as R's {@code fpc::clusterboot}) of the segmentation's segments.
 * {@code B} bootstrap resamples of the prepared customers (the model input: imputed, logged, scaled, one-hot; each
 * drawn customer once) are clustered with the segmentation's own algorithm, {@code k}, distance, seed and restarts:
 * K-Means ({@link Segmenter#KMEANS_RESTARTS} restarts), bisecting K-Means ({@link Segmenter#BISECTING_RESTARTS}
 * restarts per split), K-Medoids ({@link Segmenter#KMEDOIDS_RESTARTS} restarts, the
 * distance of the fit) or the Gaussian mixture ({@link Segmenter#GMM_RESTARTS} restarts, each customer to its most
 * probable component). A segment's stability is the mean over the resamples of the Jaccard coefficient between the
 * segment (restricted to the resample) and its most similar segment of the resample. DBSCAN and HDBSCAN* are not
 * offered: their parameters (eps at the knee of the k-distance curve, the min cluster size at 1% of the customers)
 * are set on the whole table's density, and a bootstrap resample, about 63% of the customers, has another one, so
 * with fixed parameters the check would measure the parameters' fit to a thinner table more than the segments.
 *
 * <p><b>Gap statistic</b> ({@code --gap [B]}): {@link GapStatistic} (Tibshirani, Walther and Hastie 2001,
 * doi:10.1111/1467-9868.00293) over the K-Means sweep's {@code k = 1..maxK}, with the sweep's K-Means (seed,
 * {@link Segmenter#KMEANS_RESTARTS} restarts), so its {@code log W_k} of the data is the log of the sweep's inertia;
 * {@code B} reference sets uniform over the bounding box of the model input ({@link #DEFAULT_REFERENCE_SETS} by
 * default). With bisecting K-Means the data and every reference set are clustered by bisecting K-Means instead (its
 * seed and restarts per split, as {@link Clusterer}), so the gap compares the sweep that chose its k. It does not
 * change the k the segmentation takes (see {@link KSweep}).
 *
 * <p><b>Cost.</b> Stability: one fit of the algorithm on the whole table and {@code B} on resamples of about
 * {@code 0.632 n} customers; gap: {@code (B + 1) maxK} K-Means fits (less one per set for k = 1, which needs none).
 * The resamples, and the reference sets, run on up to {@code --threads} threads, each fit on one.
 *
 * <p><b>Determinism.</b> Both use the segmentation's seed ({@code --seed}) and give the same result, bit for bit, on
 * any number of threads (the library's promise). Immutable; safe to share.
 */
public final class Assessment {

  /**
   * The default number of reference sets of {@code --gap}: 20, against the library's 50 and R's 100, since each set
   * costs a whole K-Means sweep (10 fits of 10 restarts by default) and the command runs while someone waits; the
   * rule's tolerance {@code s_k = sd_k sqrt(1 + 1/B)} already carries the simulation error of a small {@code B}.
   */
  public static final int DEFAULT_REFERENCE_SETS = 20;

  /** Most resamples of {@code --stability}. */
  public static final int MAX_RESAMPLES = 10_000;

  /** Most reference sets of {@code --gap}. */
  public static final int MAX_REFERENCE_SETS = 1_000;

  /** No check asked for: what the report and the files show without the options. */
  public static final Assessment NONE = new Assessment(null, null, 0);

  private final StabilityResult stability;
  private final GapResult gap;
  private final int gapChosenGlobal;

  private Assessment(StabilityResult stability, GapResult gap, int gapChosenGlobal) {
    this.stability = stability;
    this.gap = gap;
    this.gapChosenGlobal = gapChosenGlobal;
  }

  /**
   * Whether {@code --stability} applies to an algorithm: K-Means, K-Medoids, the Gaussian mixture and bisecting
   * K-Means.
   *
   * @param a the algorithm
   * @return whether the segments of {@code a} can be checked by resampling
   */
  public static boolean stabilityApplies(Segmenter.Algorithm a) {
    return a == Segmenter.Algorithm.KMEANS || a == Segmenter.Algorithm.KMEDOIDS || a == Segmenter.Algorithm.GMM
        || a == Segmenter.Algorithm.BISECTING;
  }

  /**
   * Whether {@code --gap} applies to an algorithm: every one whose sweep is K-Means' (all but K-Medoids, whose sweep
   * fits K-Medoids: the gap statistic compares K-Means' within-segment sums of squares).
   *
   * @param a the algorithm
   * @return whether the sweep of {@code a} can show the gap statistic
   */
  public static boolean gapApplies(Segmenter.Algorithm a) {
    return a != Segmenter.Algorithm.KMEDOIDS;
  }

  /**
   * Runs the checks asked for.
   *
   * @param s the segmentation
   * @param resamples {@code B} of the stability, 0 for none, at most {@link #MAX_RESAMPLES}
   * @param referenceSets {@code B} of the gap statistic, 0 for none, else 2 to {@link #MAX_REFERENCE_SETS}
   * @param threads threads for the resamples and the reference sets, at least 1
   * @return the results
   * @throws IllegalArgumentException for a count out of range, a check that does not apply to the algorithm, or a
   *     resample that cannot be clustered with the segmentation's k (the message says which)
   */
  public static Assessment of(Segmentation s, int resamples, int referenceSets, int threads) {
    if (resamples < 0 || resamples > MAX_RESAMPLES) {
      throw new IllegalArgumentException("stability must be >= 0 (0 = off) and <= " + MAX_RESAMPLES + ", got "
          + resamples);
    }
    if (referenceSets != 0 && (referenceSets < 2 || referenceSets > MAX_REFERENCE_SETS)) {
      throw new IllegalArgumentException("gap must be >= 2 and <= " + MAX_REFERENCE_SETS + " reference sets, got "
          + referenceSets);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Segmenter.Algorithm a = s.algorithm();
    if (resamples > 0 && !stabilityApplies(a)) {
      throw new IllegalArgumentException("stability applies to kmeans, kmedoids, gmm and bisecting, got "
          + a.name().toLowerCase(Locale.ROOT));
    }
    if (referenceSets > 0 && !gapApplies(a)) {
      throw new IllegalArgumentException("gap applies to the K-Means sweep, not to kmedoids'");
    }
    GapResult g = null;
    int global = -1;
    if (referenceSets > 0) {
      int maxK = s.sweep().ks().length;
      GapStatistic gs = GapStatistic.kRange(1, maxK).seed(s.config().seedValue())
          .restarts(Segmenter.KMEANS_RESTARTS).referenceSets(referenceSets).parallelism(threads);
      if (a == Segmenter.Algorithm.BISECTING) {
        gs = gs.clusterer(clusterer(s)); // the sweep's own method, on the data and on every reference set
      }
      g = gs.evaluate(s.scaled());
      global = g.chosenK(io.github.clusterkit.eval.GapRule.GLOBAL_SE_MAX, 1);
    }
    StabilityResult st = resamples > 0 ? stability(s, resamples, threads) : null;
    return new Assessment(st, g, global);
  }

  /**
   * The clustering method of the segmentation as {@link ClusterStability} runs it on every resample.
   *
   * @param s the segmentation
   * @return its algorithm with its seed, restarts and distance
   */
  static Clusterer clusterer(Segmentation s) {
    long seed = s.config().seedValue();
    switch (s.algorithm()) {
      case KMEANS:
        return Clusterer.kMeans(seed, Segmenter.KMEANS_RESTARTS);
      case KMEDOIDS: {
        Metric metric = s.config().effectiveDistance().metric();
        return (data, k) -> KMedoids.k(k).seed(seed).restarts(Segmenter.KMEDOIDS_RESTARTS).metric(metric).fit(data)
            .labels();
      }
      case GMM:
        return (data, k) -> GaussianMixture.components(k).seed(seed).restarts(Segmenter.GMM_RESTARTS).fit(data)
            .predict(data);
      case BISECTING:
        return (data, k) -> BisectingKMeans.k(k).seed(seed).restarts(Segmenter.BISECTING_RESTARTS).fit(data)
            .labels();
      default:
        throw new IllegalArgumentException("stability applies to kmeans, kmedoids, gmm and bisecting, got "
            + s.algorithm());
    }
  }

  private static StabilityResult stability(Segmentation s, int resamples, int threads) {
    Dataset x = s.scaled();
    int k = s.chosenK();
    StabilityResult r;
    try {
      r = ClusterStability.k(k).seed(s.config().seedValue()).restarts(Segmenter.KMEANS_RESTARTS).resamples(resamples)
          .clusterer(clusterer(s)).parallelism(threads).evaluate(x);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stability: a bootstrap resample of the customers cannot be segmented"
          + " with k = " + k + " (" + e.getMessage() + "); choose fewer segments (--k)", e);
    }
    if (!Arrays.equals(r.labels(), s.labels())) {
      // the clusterer repeats the segmentation's fit; the library gives the same labels on any thread count
      throw new IllegalStateException("the stability check's clustering of all customers differs from the"
          + " segmentation's");
    }
    return r;
  }

  /** @return the stability of the segments, or null when not asked for */
  public StabilityResult stability() {
    return stability;
  }

  /** @return the gap statistic over the sweep, or null when not asked for */
  public GapResult gap() {
    return gap;
  }

  /**
   * @return the k the global-SE-max rule (Dudoit and Fridlyand 2002) picks from the gap table, or -1 when the gap
   *     statistic was not asked for
   */
  public int gapGlobalSeMaxK() {
    return gapChosenGlobal;
  }

  /**
   * Hennig's reading of a mean Jaccard coefficient, as {@link StabilityResult#toTable()} prints it: 0.85 or
   * more "highly stable", 0.75 or more "stable", from 0.6 "pattern, uncertain members", below 0.6 "unstable".
   *
   * @param meanJaccard a segment's stability
   * @return its reading
   */
  public static String reading(double meanJaccard) {
    return meanJaccard >= 0.85 ? "highly stable" : meanJaccard >= 0.75 ? "stable"
        : meanJaccard >= 0.6 ? "pattern, uncertain members" : "unstable";
  }
}
