package io.github.clusterkit.examples.segment;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.Criterion;
import io.github.clusterkit.eval.KSelection;
import io.github.clusterkit.eval.KSelectionResult;
import io.github.clusterkit.eval.Kneedle;
import io.github.clusterkit.eval.Silhouette;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import java.util.function.IntConsumer;

/**
 * The k-selection sweep of the segmentation: K-Means for {@code k = 1..maxK} with inertia and mean
 * silhouette, the inertia knee (Kneedle) and the recommended {@code k} (highest silhouette, the smallest
 * {@code k} on ties).
 *
 * <p>It computes exactly what {@code KSelection.kMeans(1, maxK).seed(seed).restarts(restarts)
 * .silhouetteSampleSize(s).criteria(INERTIA, SILHOUETTE)} computes (a test checks this), one {@code k} at a
 * time so that the command can advance a progress bar after each fit. The silhouette is exact up to
 * {@link #EXACT_SILHOUETTE_LIMIT} customers and a seeded sample of that many rows above. With more than one
 * thread ({@code KSelection}'s {@code parallelism}) it computes the same.
 */
public final class KSweep {

  /** Largest number of rows for which the silhouette is computed exactly. */
  public static final int EXACT_SILHOUETTE_LIMIT = 4000;

  private final int[] ks;
  private final double[] inertia;
  private final double[] silhouette;
  private final KMeansModel[] models;
  private final KMedoidsModel[] medoidModels;
  private final KSelectionResult bisecting;
  private final Metric metric;
  private final int knee;
  private final int recommended;

  private KSweep(int[] ks, double[] inertia, double[] silhouette, KMeansModel[] models, KMedoidsModel[] medoidModels,
      Metric metric) {
    this(ks, inertia, silhouette, models, medoidModels, null, metric);
  }

  private KSweep(int[] ks, double[] inertia, double[] silhouette, KMeansModel[] models, KMedoidsModel[] medoidModels,
      KSelectionResult bisecting, Metric metric) {
    this.bisecting = bisecting;
    this.ks = ks;
    this.inertia = inertia;
    this.silhouette = silhouette;
    this.models = models;
    this.medoidModels = medoidModels;
    this.metric = metric;
    double[] x = new double[ks.length];
    for (int t = 0; t < ks.length; t++) {
      x[t] = ks[t];
    }
    int kt = Kneedle.knee(x, inertia, Kneedle.Shape.CONVEX_DECREASING);
    this.knee = kt < 0 ? -1 : ks[kt];
    int best = -1;
    for (int t = 0; t < ks.length; t++) {
      if (!Double.isNaN(silhouette[t]) && (best < 0 || silhouette[t] > silhouette[best])) {
        best = t;
      }
    }
    this.recommended = best < 0 ? (knee > 0 ? knee : ks[ks.length - 1]) : ks[best];
  }

  /**
   * @param n number of rows
   * @return the silhouette sample size the sweep uses: 0 (exact) up to {@link #EXACT_SILHOUETTE_LIMIT} rows
   */
  public static int silhouetteSampleSize(int n) {
    return n <= EXACT_SILHOUETTE_LIMIT ? 0 : EXACT_SILHOUETTE_LIMIT;
  }

  /**
   * Runs the sweep.
   *
   * @param data the scaled customers
   * @param maxK the largest {@code k}, at least 2
   * @param seed the K-Means seed
   * @param restarts K-Means restarts per {@code k}
   * @param afterEach called with {@code k} after each fit (for a progress bar), may be null
   * @return the sweep
   */
  public static KSweep run(Dataset data, int maxK, long seed, int restarts, IntConsumer afterEach) {
    return run(data, maxK, seed, restarts, 1, afterEach);
  }

  /**
   * Runs the sweep with each K-Means fit and each silhouette on up to {@code parallelism} threads, with the same
   * result as on one (the library's promise).
   *
   * @param data the scaled customers
   * @param maxK the largest {@code k}, at least 2
   * @param seed the K-Means seed
   * @param restarts K-Means restarts per {@code k}
   * @param parallelism threads each fit and each silhouette may use, at least 1
   * @param afterEach called with {@code k} after each fit (for a progress bar), may be null
   * @return the sweep
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public static KSweep run(Dataset data, int maxK, long seed, int restarts, int parallelism,
      IntConsumer afterEach) {
    int[] ks = new int[maxK];
    double[] inertia = new double[maxK];
    double[] sil = new double[maxK];
    KMeansModel[] models = new KMeansModel[maxK];
    int sample = silhouetteSampleSize(data.size());
    for (int t = 0; t < maxK; t++) {
      int k = t + 1;
      ks[t] = k;
      KMeansModel m = KMeans.k(k).seed(seed).restarts(restarts).parallelism(parallelism).fit(data);
      models[t] = m;
      inertia[t] = m.inertia();
      sil[t] = Double.NaN;
      if (k >= 2) {
        Silhouette s = sample == 0 ? Silhouette.exact() : Silhouette.sampled(sample, seed);
        sil[t] = s.parallelism(parallelism).evaluate(data, m.labels()).score();
      }
      if (afterEach != null) {
        afterEach.accept(k);
      }
    }
    return new KSweep(ks, inertia, sil, models, null, Metric.EUCLIDEAN);
  }

  /**
   * The sweep with K-Medoids fits (k-medoids++ starts, FasterPAM) instead of K-Means: for {@code k = 1..maxK} the cost
   * (the sum of the distances to the medoids, in place of the inertia, with its knee) and the mean silhouette with
   * the same distance; the recommended {@code k} by the same rule. Each fit and each silhouette may use up to {@code
   * parallelism} threads, with the same result as on one.
   *
   * <p>It computes exactly what {@code KSelection.kMedoids(1, maxK).metric(metric).seed(seed).restarts(restarts)
   * .silhouetteSampleSize(s).criteria(COST, SILHOUETTE)} computes (a test checks this, models included), one
   * {@code k} at a time so that the command can advance a progress bar after each fit.
   *
   * @param data the preprocessed customers
   * @param maxK the largest {@code k}, at least 2
   * @param seed the seed of the fits and of the silhouette sample
   * @param restarts K-Medoids restarts per {@code k}
   * @param metric the distance of the fits and the silhouettes
   * @param parallelism threads each fit and each silhouette may use, at least 1
   * @param afterEach called with {@code k} after each fit (for a progress bar), may be null
   * @return the sweep
   */
  public static KSweep runKMedoids(Dataset data, int maxK, long seed, int restarts, Metric metric, int parallelism,
      IntConsumer afterEach) {
    int[] ks = new int[maxK];
    double[] cost = new double[maxK];
    double[] sil = new double[maxK];
    KMedoidsModel[] models = new KMedoidsModel[maxK];
    int sample = silhouetteSampleSize(data.size());
    for (int t = 0; t < maxK; t++) {
      int k = t + 1;
      ks[t] = k;
      KMedoidsModel m = KMedoids.k(k).seed(seed).restarts(restarts).metric(metric).parallelism(parallelism)
          .fit(data);
      models[t] = m;
      cost[t] = m.cost();
      sil[t] = Double.NaN;
      if (k >= 2) {
        Silhouette s = sample == 0 ? Silhouette.exact() : Silhouette.sampled(sample, seed);
        sil[t] = s.metric(metric).parallelism(parallelism).evaluate(data, m.labels()).score();
      }
      if (afterEach != null) {
        afterEach.accept(k);
      }
    }
    return new KSweep(ks, cost, sil, null, models, metric);
  }

  /**
   * The sweep of bisecting K-Means: one fit with {@code maxK} leaves ({@code BisectingKMeans.k(maxK).seed(seed)
   * .restarts(restarts)}, 2-means from random rows, splitting the leaf of largest inertia) whose tree gives every
   * {@code k = 1..maxK}: the inertia after {@code k - 1} splits and the mean silhouette of those labels (exact, or on
   * the seeded sample of {@link #silhouetteSampleSize(int)} rows as the K-Means sweep); the recommended {@code k} by
   * the same rule as the K-Means sweep (highest silhouette, the smallest {@code k} on ties). It is {@code
   * KSelection.bisectingKMeans(1, maxK).seed(seed).restarts(restarts).silhouetteSampleSize(s).criteria(INERTIA,
   * SILHOUETTE).parallelism(parallelism)}, which equals a separate fit per {@code k} bit for bit (see {@link
   * KSelection}); {@code afterEach} is called for every {@code k} once the sweep is done (the fit is one call).
   *
   * @param data the scaled customers
   * @param maxK the largest {@code k}, at least 2, at most the number of distinct rows
   * @param seed the seed of the fit and of the silhouette sample
   * @param restarts 2-means restarts per split
   * @param parallelism threads of the fit and of the scoring, at least 1 (the same result on any number)
   * @param afterEach called with each {@code k} after the sweep (for a progress bar), may be null
   * @return the sweep
   */
  public static KSweep runBisecting(Dataset data, int maxK, long seed, int restarts, int parallelism,
      IntConsumer afterEach) {
    KSelectionResult r = KSelection.bisectingKMeans(1, maxK).seed(seed).restarts(restarts)
        .silhouetteSampleSize(silhouetteSampleSize(data.size())).criteria(Criterion.INERTIA, Criterion.SILHOUETTE)
        .parallelism(parallelism).evaluate(data);
    int[] ks = r.ks();
    if (afterEach != null) {
      for (int k : ks) {
        afterEach.accept(k);
      }
    }
    return new KSweep(ks, r.values(Criterion.INERTIA), r.values(Criterion.SILHOUETTE), null, null, r,
        Metric.EUCLIDEAN);
  }

  /** @return whether the sweep fitted bisecting K-Means ({@link #runBisecting}) */
  public boolean bisecting() {
    return bisecting != null;
  }

  /**
   * @param k a k of a bisecting sweep
   * @return the tree cut at {@code k} leaves (the fit of {@code BisectingKMeans.k(k)} with the sweep's settings)
   */
  public BisectingKMeansModel bisectingModel(int k) {
    if (bisecting == null) {
      throw new IllegalStateException("the sweep did not fit bisecting K-Means");
    }
    return bisecting.bisectingModel(k);
  }

  /** @return whether the sweep fitted K-Medoids ({@link #runKMedoids}) rather than K-Means */
  public boolean kMedoids() {
    return medoidModels != null;
  }

  /** @return the distance of the fits and the silhouettes: Euclidean for K-Means */
  public Metric metric() {
    return metric;
  }

  /** @return the values of k, 1..maxK */
  public int[] ks() {
    return ks.clone();
  }

  /** @return the inertia for each k (K-Medoids: the cost, the sum of the distances to the medoids) */
  public double[] inertia() {
    return inertia.clone();
  }

  /** @return the mean silhouette for each k ({@code NaN} at k = 1) */
  public double[] silhouette() {
    return silhouette.clone();
  }

  /** @return the k at the knee of the inertia curve, or -1 if it has none */
  public int knee() {
    return knee;
  }

  /** @return the k with the highest silhouette */
  public int recommendedK() {
    return recommended;
  }

  /**
   * @param k a k of the sweep
   * @return the K-Means model fitted for it
   */
  public KMeansModel model(int k) {
    if (models == null) {
      throw new IllegalStateException("the sweep fitted K-Medoids or bisecting K-Means; see kMedoidsModel or"
          + " bisectingModel");
    }
    return models[k - 1];
  }

  /**
   * @param k a k of a K-Medoids sweep
   * @return the K-Medoids model fitted for it
   */
  public KMedoidsModel kMedoidsModel(int k) {
    if (medoidModels == null) {
      throw new IllegalStateException("the sweep fitted K-Means; see model");
    }
    return medoidModels[k - 1];
  }
}
