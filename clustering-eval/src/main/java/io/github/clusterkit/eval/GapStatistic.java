package io.github.clusterkit.eval;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.internal.Checks;
import io.github.clusterkit.eval.internal.Dense;
import io.github.clusterkit.eval.internal.Parallel;
import io.github.clusterkit.eval.internal.UniformReference;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.kmeans.internal.Distinct;
import java.util.Objects;

/**
 * The gap statistic (Tibshirani, Walther and Hastie 2001, "Estimating the number of clusters in a data set via the
 * gap statistic", J. R. Statist. Soc. B 63(2), doi:10.1111/1467-9868.00293): how many clusters, judged against data
 * without clusters. For each {@code k} the data are clustered and their pooled within-cluster sum of squares
 * {@code W_k} compared with its expectation under a uniform reference distribution, estimated on {@code B} reference
 * sets drawn from it and clustered the same way:
 * <pre>
 *   Gap(k) = mean_b log W*_kb - log W_k,   sd_k = sample standard deviation of log W*_kb (denominator B - 1),
 *   s_k = sd_k sqrt(1 + 1/B)
 * </pre>
 * and a {@link GapRule} picks {@code k} from the gaps and the {@code s_k} (by default the paper's: the smallest
 * {@code k} with {@code Gap(k) >= Gap(k+1) - s_(k+1)}).
 *
 * <pre>{@code
 * GapResult r = GapStatistic.kRange(1, 10).seed(42).restarts(10).parallelism(2).evaluate(data);
 * int k = r.chosenK();                          // Tibs2001SEmax, as the paper
 * int k2 = r.chosenK(GapRule.FIRST_SE_MAX, 1);  // R's print(clusGap(...)) default
 * GapResult w = GapStatistic.kRange(1, 8).clusterer(Clusterer.ward())
 *     .reference(GapReference.PRINCIPAL_COMPONENTS).evaluate(data);
 * }</pre>
 *
 * <p><b>Definitions, and R's {@code cluster::clusGap}.</b> {@code W_k} is the pooled within-cluster sum of squared
 * Euclidean distances to the cluster means ({@link Inertia}; the paper's {@code sum_r D_r / (2 n_r)} with squared
 * Euclidean {@code d}); at {@code k = 1} every row is in one cluster and the clusterer is not called, as in
 * {@code clusGap}. The gaps, the {@code s_k} and the choice equal {@code clusGap(x, FUNcluster, K.max, B,
 * d.power = 2, spaceH0)}'s {@code gap} and {@code SE.sim} for the same clusterings of the same reference sets: its
 * {@code logW} and {@code E.logW} are ours minus {@code log 2} (it halves the paper's {@code W_k}, which cancels in
 * the gap). R's default {@code d.power = 1} sums plain, not squared, distances: another statistic, available as
 * {@link #distancePower(int) distancePower(1)} (its {@code logW} again R's plus {@code log 2}).
 * {@code s_k} is R's {@code SE.sim}, from the sample variance; the paper divides by {@code B} instead, which makes
 * {@code sd_k} smaller by the factor {@code sqrt((B - 1) / B)}. The reference set is uniform over the bounding box of
 * the data by default ({@link GapReference#BOUNDING_BOX}; {@code clusGap}'s default is the principal-component box,
 * {@link #reference(GapReference)}). The rule defaults to the paper's {@link GapRule#TIBS2001_SE_MAX} with
 * {@code seFactor = 1}; R prints {@link GapRule#FIRST_SE_MAX}. Every rule is available on the result.
 *
 * <p><b>Clusterer.</b> K-Means by default ({@link Clusterer#kMeans(long, int)} with this configuration's seed and
 * restarts: k-means++ and the best of {@link #restarts(int)} runs); any {@link Clusterer} can replace it, such as
 * {@link Clusterer#ward()}, which needs no seed. The gap statistic assumes the clusterer minimises {@code W_k} well:
 * on the reference sets, too, a poor local optimum inflates {@code W*_kb}. Labels {@code -1} (noise) are refused.
 *
 * <p><b>Reference sets.</b> {@link #referenceSets(int)} sets {@code B}; the default is 50, half of R's 100: the
 * {@code s_k} already carries the simulation error in the rule, and the cost is {@code (B + 1) (maxK - minK + 1)}
 * clusterings. Set {@code b} (from 0) is drawn with its own generator, derived from the seed and {@code b} only:
 * rows in order, each row's coordinates in column (or component) order, each {@code lo + (hi - lo) u} with {@code u}
 * uniform in {@code [0, 1)}. A reference set has the data's column names, if the data have names.
 *
 * <p><b>Determinism and threads.</b> The data and each reference set are clustered as separate tasks on up to
 * {@link #parallelism(int)} threads (the calling thread and the library's parked workers, never the common pool);
 * each task's result depends only on the seed and its number, and the means and variances are summed in set order,
 * so the result is the same, bit for bit, on any thread count (given a clusterer that keeps the {@link Clusterer}
 * contract). Immutable configuration, safe to share.
 *
 * <p><b>Edge cases.</b> A {@code k} where the clustering of the data leaves no within-cluster scatter (each cluster
 * copies of one point) has {@code log W_k = -Infinity} and {@code Gap(k) = +Infinity}; at {@code k = n} every
 * reference set has {@code W = 0} too, and the gap and {@code s_k} are {@code NaN}, which the rules pass over.
 * Constant columns give reference sets constant in them. Data of extreme magnitude (where squared distances
 * overflow or underflow) give the gaps of the same data rescaled, up to rounding: {@code log W_k} is computed from
 * the rows multiplied by a power of two and shifted back, and the reference sets are drawn in the scaled units. The
 * data are never modified. An interrupt of the calling thread stops {@code evaluate} before its next task with an
 * {@link IllegalStateException} whose message starts with {@code "interrupted"}.
 */
public final class GapStatistic {

  /** The default number of reference sets. */
  public static final int DEFAULT_REFERENCE_SETS = 50;

  private final int minK;
  private final int maxK;
  private final int referenceSets;
  private final long seed;
  private final int restarts;
  /** Null for the default K-Means with this seed and restarts. */
  private final Clusterer clusterer;
  private final GapReference reference;
  private final GapRule rule;
  private final double seFactor;
  /** 2: squared distances, the within-cluster sum of squares (the paper's); 1: plain distances (R's default). */
  private final int distancePower;
  private final int parallelism;

  private GapStatistic(int minK, int maxK, int referenceSets, long seed, int restarts, Clusterer clusterer,
      GapReference reference, GapRule rule, double seFactor, int parallelism, int distancePower) {
    this.minK = minK;
    this.maxK = maxK;
    this.referenceSets = referenceSets;
    this.seed = seed;
    this.restarts = restarts;
    this.clusterer = clusterer;
    this.reference = reference;
    this.rule = rule;
    this.seFactor = seFactor;
    this.distancePower = distancePower;
    this.parallelism = parallelism;
  }

  /**
   * The gap statistic over {@code minK..maxK} (inclusive) with K-Means (seed 0, 1 restart), 50 reference sets over
   * the bounding box, the rule {@link GapRule#TIBS2001_SE_MAX} with {@code seFactor} 1, one thread.
   *
   * @param minK the smallest {@code k}, at least 1 (1, as R's {@code clusGap}, lets the rules answer "no clusters")
   * @param maxK the largest {@code k}, at least {@code max(minK, 2)}
   * @return the configuration
   * @throws IllegalArgumentException if the range is invalid
   */
  public static GapStatistic kRange(int minK, int maxK) {
    if (minK < 1) {
      throw new IllegalArgumentException("minK must be >= 1, got " + minK);
    }
    if (maxK < minK || maxK < 2) {
      throw new IllegalArgumentException("maxK must be >= minK and >= 2, got minK " + minK + ", maxK " + maxK);
    }
    return new GapStatistic(minK, maxK, DEFAULT_REFERENCE_SETS, 0L, 1, null, GapReference.BOUNDING_BOX,
        GapRule.TIBS2001_SE_MAX, 1.0, 1, 2);
  }

  /**
   * @param b the number of reference sets {@code B}, at least 2 (the standard deviation needs two; R's
   *     {@code clusGap} gives {@code NA} for one)
   * @return a copy with this number of reference sets
   * @throws IllegalArgumentException if {@code b < 2}
   */
  public GapStatistic referenceSets(int b) {
    if (b < 2) {
      throw new IllegalArgumentException("referenceSets must be >= 2, got " + b);
    }
    return new GapStatistic(minK, maxK, b, seed, restarts, clusterer, reference, rule, seFactor, parallelism,
        distancePower);
  }

  /**
   * @param seed the seed of the reference sets and of the default K-Means
   * @return a copy with this seed
   */
  public GapStatistic seed(long seed) {
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, distancePower);
  }

  /**
   * @param restarts K-Means restarts per clustering, at least 1 (the default clusterer only; see
   *     {@link Clusterer#kMeans(long, int)})
   * @return a copy with this number of restarts
   * @throws IllegalArgumentException if {@code restarts < 1}
   */
  public GapStatistic restarts(int restarts) {
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, distancePower);
  }

  /**
   * @param clusterer the clustering method for the data and every reference set, in place of K-Means (which
   *     {@link #seed(long)} and {@link #restarts(int)} configure); see the {@link Clusterer} contract
   * @return a copy with this clusterer
   * @throws IllegalArgumentException if {@code clusterer} is null
   */
  public GapStatistic clusterer(Clusterer clusterer) {
    if (clusterer == null) {
      throw new IllegalArgumentException("clusterer must not be null");
    }
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, distancePower);
  }

  /**
   * @param reference where the reference sets are drawn (default {@link GapReference#BOUNDING_BOX})
   * @return a copy with this reference distribution
   * @throws IllegalArgumentException if {@code reference} is null
   */
  public GapStatistic reference(GapReference reference) {
    if (reference == null) {
      throw new IllegalArgumentException("reference must not be null");
    }
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, distancePower);
  }

  /**
   * @param rule the rule of {@link GapResult#chosenK()} (default {@link GapRule#TIBS2001_SE_MAX})
   * @param seFactor the multiple of {@code s_k} the rule tolerates, {@code >= 0} (default 1)
   * @return a copy with this rule
   * @throws IllegalArgumentException if {@code rule} is null or {@code seFactor} is negative or {@code NaN}
   */
  public GapStatistic rule(GapRule rule, double seFactor) {
    if (rule == null) {
      throw new IllegalArgumentException("rule must not be null");
    }
    if (!(seFactor >= 0) || seFactor == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("seFactor must be finite and >= 0, got " + seFactor);
    }
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, distancePower);
  }

  /**
   * @param threads number of clusterings (of the data or of a reference set) run at once, at least 1; the result
   *     does not depend on it
   * @return a copy with this parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public GapStatistic parallelism(int threads) {
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        Checks.parallelism(threads), distancePower);
  }

  /**
   * Chooses the distances {@code W_k} sums: {@code 2} (the default) squared Euclidean distances, the paper's
   * definition, which makes {@code W_k} the within-cluster sum of squares; {@code 1} plain Euclidean distances,
   * {@code sum_r (sum of the distances between the pairs of cluster r) / n_r}, as R's {@code clusGap} with its
   * default {@code d.power = 1} (which its documentation keeps for compatibility; {@code d.power = 2} is the
   * paper's). Power 1 costs {@code O(n_r^2 d)} per cluster and clustering, against {@code O(n d)} for power 2.
   *
   * @param power 1 or 2
   * @return a copy with this power
   * @throws IllegalArgumentException if {@code power} is neither 1 nor 2
   */
  public GapStatistic distancePower(int power) {
    if (power != 1 && power != 2) {
      throw new IllegalArgumentException("distancePower must be 1 or 2, got " + power);
    }
    return new GapStatistic(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, power);
  }

  private Clusterer effectiveClusterer() {
    return clusterer != null ? clusterer : Clusterer.kMeans(seed, restarts);
  }

  /**
   * Computes the table and the choice.
   *
   * @param data the points, at least {@code maxK} rows
   * @return the gaps, their standard errors and the chosen {@code k}
   * @throws IllegalArgumentException if {@code data} is null, has fewer than {@code maxK} rows, or (with the default
   *     K-Means) fewer than {@code maxK} distinct rows
   * @throws IllegalStateException if the clusterer returns labels of the wrong length, or a label below 0
   */
  public GapResult evaluate(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    if (maxK > n) {
      throw new IllegalArgumentException("maxK must be <= the number of rows (" + n + "), got " + maxK);
    }
    if (clusterer == null) {
      int e = Scale.exponent(data);
      int distinct = Distinct.countUpTo(Scale.values(data, e), n, d, null, maxK);
      if (distinct < maxK) {
        throw new IllegalArgumentException(
            "maxK must be <= the number of distinct rows (" + distinct + ") for K-Means, got " + maxK);
      }
    }
    Clusterer c = effectiveClusterer();
    UniformReference ref = reference == GapReference.BOUNDING_BOX ? UniformReference.boundingBox(data)
        : UniformReference.principalComponents(data);
    int count = maxK - minK + 1;
    int b = referenceSets;
    double[][] logW = new double[b + 1][count]; // row 0: the data; row 1 + s: reference set s
    Parallel.run(parallelism, b + 1, (task, worker) -> {
      Dataset x = task == 0 ? data : named(ref.draw(seed, task - 1), data);
      for (int t = 0; t < count; t++) {
        int k = minK + t;
        int[] labels = k == 1 ? new int[n] : checked(c.labels(x, k), n, k);
        logW[task][t] = logW(x, labels);
      }
    });
    double[] expected = new double[count];
    double[] sd = new double[count];
    double[] gap = new double[count];
    double[] se = new double[count];
    for (int t = 0; t < count; t++) {
      double sum = 0;
      for (int s = 1; s <= b; s++) {
        sum += logW[s][t];
      }
      double mean = sum / b;
      double ss = 0;
      for (int s = 1; s <= b; s++) {
        double dev = logW[s][t] - mean;
        ss += dev * dev;
      }
      expected[t] = mean;
      sd[t] = Math.sqrt(ss / (b - 1));
      se[t] = Math.sqrt((1 + 1.0 / b) * (ss / (b - 1)));
      gap[t] = mean - logW[0][t];
    }
    return new GapResult(minK, logW[0], expected, gap, sd, se, b, rule, seFactor);
  }

  /** A reference set with the data's column names, if the data have names. */
  private static Dataset named(Dataset set, Dataset data) {
    return data.hasColumnNames() ? set.withColumnNames(data.columnNames()) : set;
  }

  /**
   * {@code log W} of one clustering, computed on the rows multiplied by the power of two {@code 2^-e} that
   * {@link Scale} picks for them (none for magnitudes within {@code 2^-200 .. 2^200}) and {@code p e log 2} added
   * back: {@code W} overflows (squares of values beyond about {@code 1e154}) or underflows (below about
   * {@code 1e-162}) where its logarithm does not, and the gap statistic does not depend on the data's scale.
   */
  private double logW(Dataset x, int[] labels) {
    int e = Scale.exponent(x);
    Dataset s = e == 0 ? x : Dataset.wrap(Scale.values(x, e), x.size(), x.dimension());
    double w = distancePower == 2 ? Inertia.score(s, labels) : pairwiseW(s, labels);
    return e == 0 ? Math.log(w) : Math.log(w) + distancePower * (double) e * LN2;
  }

  private static final double LN2 = Math.log(2);

  /**
   * The paper's {@code W_k} with plain distances: {@code sum_r D_r / (2 n_r)}, {@code D_r} the sum of the distances
   * over all ordered pairs of cluster {@code r}, that is the sum over its unordered pairs divided by {@code n_r}. Rows
   * are visited cluster by cluster in row order, pairs {@code (i, j)} with {@code i} before {@code j}.
   */
  static double pairwiseW(Dataset x, int[] clusterLabels) {
    int n = clusterLabels.length;
    int d = x.dimension();
    // Labels of any magnitude, numbered 0..clusters-1 in ascending order of their values.
    int[] labels = new int[n];
    int clusters = Dense.encode(clusterLabels, labels, false).length;
    int[] start = new int[clusters + 1];
    for (int l : labels) {
      start[l + 1]++;
    }
    for (int c = 0; c < clusters; c++) {
      start[c + 1] += start[c];
    }
    int[] order = new int[n];
    int[] next = start.clone();
    for (int i = 0; i < n; i++) {
      order[next[labels[i]]++] = i;
    }
    double[] v = x.toArray();
    double w = 0;
    for (int c = 0; c < clusters; c++) {
      double sum = 0;
      for (int a = start[c]; a < start[c + 1]; a++) {
        int oi = order[a] * d;
        for (int b = a + 1; b < start[c + 1]; b++) {
          int oj = order[b] * d;
          double s = 0;
          for (int j = 0; j < d; j++) {
            double g = v[oi + j] - v[oj + j];
            s += g * g;
          }
          sum += Math.sqrt(s);
        }
      }
      int size = start[c + 1] - start[c];
      if (size > 0) {
        w += sum / size;
      }
    }
    return w;
  }

  private static int[] checked(int[] labels, int n, int k) {
    if (labels == null || labels.length != n) {
      throw new IllegalStateException("the clusterer must return one label per row (" + n + ") for k = " + k
          + ", got " + (labels == null ? "null" : labels.length + " labels"));
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        throw new IllegalStateException("the clusterer's labels must be >= 0 for the gap statistic (noise, -1,"
            + " has no within-cluster sum of squares), got " + labels[i] + " at row " + i + " for k = " + k);
      }
    }
    return labels;
  }

  /**
   * Equal when every setting is equal (the clusterer by its own {@code equals}: the factories'
   * {@link Clusterer#kMeans(long, int)} and {@link Clusterer#ward()} compare their settings, a lambda only to
   * itself); the default clusterer equals none set explicitly.
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GapStatistic)) {
      return false;
    }
    GapStatistic g = (GapStatistic) o;
    return minK == g.minK && maxK == g.maxK && referenceSets == g.referenceSets && seed == g.seed
        && restarts == g.restarts && Objects.equals(clusterer, g.clusterer) && reference == g.reference
        && rule == g.rule && Double.compare(seFactor, g.seFactor) == 0 && parallelism == g.parallelism
        && distancePower == g.distancePower;
  }

  @Override
  public int hashCode() {
    return Objects.hash(minK, maxK, referenceSets, seed, restarts, clusterer, reference, rule, seFactor,
        parallelism, distancePower);
  }

  @Override
  public String toString() {
    return "GapStatistic[k=" + minK + ".." + maxK + ", referenceSets=" + referenceSets + ", reference=" + reference
        + ", clusterer=" + (clusterer == null ? "K-Means(seed=" + seed + ", restarts=" + restarts + ")" : clusterer)
        + (clusterer == null ? "" : ", seed=" + seed)
        + (distancePower == 2 ? "" : ", distancePower=" + distancePower) + ", rule=" + rule + ", seFactor=" + seFactor
        + ", parallelism=" + parallelism + "]";
  }
}
