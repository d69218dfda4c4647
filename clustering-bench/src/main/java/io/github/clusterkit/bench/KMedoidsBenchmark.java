package io.github.clusterkit.bench;

import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmedoids.AlternatingKMedoids;
import elki.clustering.kmedoids.FastPAM;
import elki.clustering.kmedoids.FasterPAM;
import elki.clustering.kmedoids.PAM;
import elki.clustering.kmedoids.initialization.BUILD;
import elki.clustering.kmedoids.initialization.KMedoidsInitialization;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.MedoidModel;
import elki.database.ids.ArrayModifiableDBIDs;
import elki.database.ids.DBIDArrayIter;
import elki.database.ids.DBIDRange;
import elki.database.ids.DBIDUtil;
import elki.database.ids.DBIDs;
import elki.database.query.QueryBuilder;
import elki.database.query.distance.DistanceQuery;
import elki.database.relation.Relation;
import elki.distance.minkowski.EuclideanDistance;
import elki.utilities.random.RandomFactory;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsInit;
import io.github.clusterkit.kmedoids.KMedoidsMethod;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * K-medoids, k = 10 ({@link #K}), Euclidean distance, on {@link BenchData#blobs} of shape {@code kmedShape}: clusterkit
 * against ELKI 0.8.0's PAM family and Smile's CLARANS, every library in the same run on the same rows, one fit per
 * shot (initialisation included). FasterPAM costs about {@code n^2} distances per pass over the candidates and BUILD
 * {@code k n^2}, hence the modest shapes (10^4 x 2, 10^4 x 10, 3*10^4 x 2).
 *
 * <p>Implementations ({@code impl}):
 * <ul>
 *   <li>{@code ours1}, {@code ours2}: clusterkit {@code KMedoids} with {@link KMedoidsMethod#FASTER_PAM} on 1 and 2
 *   threads ({@code parallelism}; distances computed on the fly, no {@code n^2} matrix; at most 100 passes).</li>
 *   <li>{@code oursPam}, {@code oursAlternate} (on request): clusterkit's {@link KMedoidsMethod#PAM} and
 *   {@link KMedoidsMethod#ALTERNATE}, 1 thread (classic PAM is {@code O(k n^2)} per swap: use it at the smallest
 *   shape only).</li>
 *   <li>{@code elki}: ELKI {@code FasterPAM(EuclideanDistance, k, maxiter 100, init)} through its
 *   {@code run(Relation)}, which first precomputes the distance matrix ({@code QueryBuilder.precomputed()}: the
 *   {@code n (n - 1) / 2} distances in a {@code double[]}, 0.4 GB at 10^4 rows, 3.6 GB at 3*10^4) inside the measured
 *   call; what an ELKI user gets. ELKI keeps that matrix on the relation for later queries; {@link ElkiFresh}
 *   removes it after every call (until 2026-11-29 evening it stayed, so the shots after the setup's check reused it
 *   and this row measured FasterPAM without the matrix).</li>
 *   <li>{@code elkiOtf}: the same FasterPAM through {@code run(Relation, k, DistanceQuery)} with a plain distance
 *   query (distances on the fly, as clusterkit computes them): the like-for-like row.</li>
 *   <li>{@code elkiFastPam}, {@code elkiPam}, {@code elkiAlternate} (on request): ELKI's {@code FastPAM} (fasttol 1,
 *   several swaps per pass), {@code PAM} and {@code AlternatingKMedoids}, each through {@code run(Relation)}
 *   (precomputed matrix); {@code elkiPam} at the smallest shape only.</li>
 *   <li>{@code smile}: Smile's k-medoids, CLARANS (3.1.1 {@code CLARANS.fit(rows, EuclideanDistance, k)}; 6.3.0
 *   {@code KMedoids.fit}, the same algorithm, two local searches), through {@link SmileClarans}: a randomized
 *   search from its own k-means++ seeding, seeded by {@code MathEx.setSeed(seed)} before every fit. It ignores
 *   {@code kmedStart}; its cost is printed beside, never required to agree.</li>
 * </ul>
 *
 * <p>Starts ({@code kmedStart}), the same strategy for every PAM-family row of a comparison:
 * <ul>
 *   <li>{@code build}: PAM's BUILD in both libraries (clusterkit {@link KMedoidsInit#BUILD}, ELKI {@code BUILD}),
 *   deterministic in both and part of the measured fit: the main end-to-end comparison.</li>
 *   <li>{@code random}: the same {@code k} rows for every library, drawn once in the setup
 *   ({@code BenchData.sampleRows(n, k, seed)}), given to clusterkit as {@code initialMedoids} and to ELKI through a
 *   {@code KMedoidsInitialization} that returns them in the same order: the refinement alone, from a poor start.</li>
 *   <li>{@code plusplus}: each library's own k-means++-style seeding, end to end (clusterkit's greedy k-medoids++,
 *   {@link KMedoidsInit#PLUS_PLUS} with {@code seed}; ELKI's {@code KMeansPlusPlus} with {@code RandomFactory(seed)},
 *   one candidate per step): the starts differ, so the costs differ by seed luck.</li>
 * </ul>
 *
 * <p>Results are checked in {@code @Setup}: every row prints its cost, the sum over the rows of the Euclidean distance
 * to the nearest returned medoid, recomputed here for every library ({@link #cost}), beside {@code ours1}'s cost from
 * the same start. The setup fails on a wrong number of medoids or a non-finite cost; for clusterkit's rows unless the
 * model's own cost equals the recomputed one within 1e-9 relative; for {@code ours2} unless its medoids equal
 * {@code ours1}'s (the result does not depend on the thread count). For the ELKI rows it prints, without failing,
 * whether ELKI's medoids equal those of clusterkit's same method (FasterPAM for {@code elki}, {@code elkiOtf} and
 * {@code elkiFastPam}, PAM for {@code elkiPam}, alternate for {@code elkiAlternate}): same rows in the same label
 * order, the same set, or the rows only one library chose. Both FasterPAMs visit the candidates in row order,
 * cyclically, take the best medoid for a candidate (smaller label on ties) and swap eagerly; they differ in the
 * acceptance test (ELKI: a change below {@code -1e-12} times the current cost; clusterkit: below 0, also when summed
 * directly), in how the change is summed (rounding), and in when a run ends (ELKI ends a pass at the last swap
 * position; clusterkit after {@code n} positions without a swap), so equal results are expected but not promised.
 * ELKI's {@code FastPAM} makes several swaps per pass and may stop elsewhere. Seen (2026-11-29, seed 42): ELKI's
 * FasterPAM ({@code elki} and {@code elkiOtf}) chose clusterkit's medoids in the same label order at 500 x 2 and
 * 1000 x 2 (every start but {@code plusplus}, which is not compared), at 10^4 x 2 ({@code build}, {@code random}) and
 * 10^4 x 10 ({@code random}); ELKI's PAM and alternate chose those of clusterkit's PAM and alternate at 1000 x 2
 * ({@code build}, {@code random}); ELKI's FastPAM from the random rows at 1000 x 2 ended at other medoids, of lower
 * cost (1263.5273 against FasterPAM's 1263.7239; from BUILD it found FasterPAM's set).
 *
 * <p>Threads: every row runs on the calling thread except {@code ours2} (its own worker, never the common pool).
 * Smile's cost evaluation is a parallel stream on the common fork-join pool, which the fork switches off
 * ({@link CommonPool}); the setup of the {@code smile} row fails without it.
 *
 * <p>Smoke-sized run: {@code -p kmedShape=500x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KMedoidsBenchmark {

  /** Medoids, for every library. */
  static final int K = 10;
  /** Iteration limit of every library (clusterkit's passes or swaps, ELKI's {@code maxiter}); none reaches it. */
  static final int MAX_ITERATIONS = 100;
  /** Relative tolerance of clusterkit's model cost against the cost recomputed here. */
  static final double COST_TOLERANCE = 1e-9;

  @Param({"10000x2", "10000x10", "30000x2"})
  public String kmedShape;

  @Param({"build", "random", "plusplus"})
  public String kmedStart;

  /**
   * The main rows; {@code oursPam}, {@code oursAlternate}, {@code elkiFastPam}, {@code elkiPam} and
   * {@code elkiAlternate} on request ({@code -p impl=...}; ELKI's PAM took 5 to 8 s a fit at 1000 x 2 in the smoke
   * run's C1-only JVM).
   */
  @Param({"ours1", "ours2", "elki", "elkiOtf", "smile"})
  public String impl;

  /** Seed of the {@code random} start's rows, of the {@code plusplus} seedings and of Smile's search. */
  @Param({"42"})
  public long seed;

  Dataset data;
  double[][] rows;
  int[] initial;
  Relation<NumberVector> relation;

  @Setup(Level.Trial)
  public void setUp() {
    if (impl.equals("smile")) {
      CommonPool.requireOff(impl);
    }
    data = BenchData.blobs(Shapes.n(kmedShape), Shapes.d(kmedShape));
    rows = BenchData.rows(data);
    initial = BenchData.sampleRows(rows.length, K, seed);
    if (impl.startsWith("elki")) {
      relation = BenchData.elkiRelation(rows);
    }
    Object reference = run("ours1");
    int[] expected = medoidRows(reference);
    double expectedCost = checkedCost("ours1", reference);
    Object result = run(impl);
    double cost = checkedCost(impl, result);
    String agreement = "";
    if (impl.equals("ours2")) {
      int[] got = medoidRows(result);
      if (!Arrays.equals(expected, got)) {
        throw new IllegalStateException("ours2 " + kmedShape + " " + kmedStart + ": medoids " + Arrays.toString(got)
            + ", ours1's " + Arrays.toString(expected));
      }
      agreement = "; medoids = ours1's";
    } else if (impl.startsWith("elki") && !kmedStart.equals("plusplus")) {
      String counterpart = counterpart(impl);
      int[] ours = counterpart.equals("ours1") ? expected : medoidRows(run(counterpart));
      agreement = "; " + compareMedoids(medoidRows(result), ours, counterpart);
    }
    String iterations = "";
    if (result instanceof KMedoidsModel) {
      KMedoidsModel m = (KMedoidsModel) result;
      iterations = ", iterations " + m.iterations() + ", swaps " + m.swaps()
          + (m.converged() ? "" : " (not converged)");
    }
    System.out.printf("%n[check] %s %s %s seed %d: cost %.6f (ours1 %.6f, ratio %.6f)%s%s"
            + " (common pool workers started: %d)%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME + " (CLARANS, own seeding)" : impl, kmedShape, kmedStart,
        seed, cost, expectedCost, cost / expectedCost, iterations, agreement, ForkJoinPool.commonPool().getPoolSize());
  }

  /** One complete k-medoids fit (initialisation included) with the configured library and start. */
  @Benchmark
  public Object fit() {
    return run(impl);
  }

  private Object run(String which) {
    switch (which) {
      case "ours1":
        return ours(KMedoidsMethod.FASTER_PAM, 1);
      case "ours2":
        return ours(KMedoidsMethod.FASTER_PAM, 2);
      case "oursPam":
        return ours(KMedoidsMethod.PAM, 1);
      case "oursAlternate":
        return ours(KMedoidsMethod.ALTERNATE, 1);
      case "elki":
        return ElkiFresh.run(relation,
            () -> new FasterPAM<>(EuclideanDistance.STATIC, K, MAX_ITERATIONS, elkiInit()).run(relation));
      case "elkiOtf":
        return new FasterPAM<>(EuclideanDistance.STATIC, K, MAX_ITERATIONS, elkiInit()).run(relation, K,
            new QueryBuilder<>(relation, EuclideanDistance.STATIC).distanceQuery());
      case "elkiFastPam":
        return ElkiFresh.run(relation,
            () -> new FastPAM<>(EuclideanDistance.STATIC, K, MAX_ITERATIONS, elkiInit()).run(relation));
      case "elkiPam":
        return ElkiFresh.run(relation,
            () -> new PAM<>(EuclideanDistance.STATIC, K, MAX_ITERATIONS, elkiInit()).run(relation));
      case "elkiAlternate":
        return ElkiFresh.run(relation,
            () -> new AlternatingKMedoids<>(EuclideanDistance.STATIC, K, MAX_ITERATIONS, elkiInit()).run(relation));
      case "smile":
        return SmileClarans.fit(rows, K, seed);
      default:
        throw new IllegalArgumentException("unknown impl " + which);
    }
  }

  private KMedoidsModel ours(KMedoidsMethod method, int threads) {
    KMedoids config = KMedoids.k(K).method(method).maxIterations(MAX_ITERATIONS).parallelism(threads).seed(seed);
    switch (kmedStart) {
      case "build":
        config = config.init(KMedoidsInit.BUILD);
        break;
      case "random":
        config = config.initialMedoids(initial);
        break;
      case "plusplus":
        config = config.init(KMedoidsInit.PLUS_PLUS);
        break;
      default:
        throw new IllegalArgumentException("kmedStart must be build, random or plusplus, got " + kmedStart);
    }
    return config.fit(data);
  }

  private KMedoidsInitialization<NumberVector> elkiInit() {
    switch (kmedStart) {
      case "build":
        return new BUILD<>();
      case "random":
        return new Given(initial.clone());
      case "plusplus":
        return new KMeansPlusPlus<>(new RandomFactory(seed));
      default:
        throw new IllegalArgumentException("kmedStart must be build, random or plusplus, got " + kmedStart);
    }
  }

  /** The clusterkit row whose medoids an ELKI row is compared with: the same method. */
  private static String counterpart(String elki) {
    switch (elki) {
      case "elkiPam":
        return "oursPam";
      case "elkiAlternate":
        return "oursAlternate";
      default:
        return "ours1";
    }
  }

  /** ELKI's initialisation from given row numbers, in their order (ELKI's label j starts at {@code rows[j]}). */
  private static final class Given implements KMedoidsInitialization<NumberVector> {
    private final int[] rows;

    Given(int[] rows) {
      this.rows = rows;
    }

    @Override
    public DBIDs chooseInitialMedoids(int k, DBIDs ids, DistanceQuery<? super NumberVector> distQ) {
      if (k != rows.length) {
        throw new IllegalArgumentException("k must be " + rows.length + ", got " + k);
      }
      DBIDArrayIter it = ((DBIDRange) ids).iter();
      ArrayModifiableDBIDs medoids = DBIDUtil.newArray(k);
      for (int r : rows) {
        medoids.add(it.seek(r));
      }
      return medoids;
    }
  }

  /** The medoids' row numbers in label order (clusterkit, ELKI); Smile's are found by identity (its own rows). */
  private int[] medoidRows(Object result) {
    if (result instanceof KMedoidsModel) {
      return ((KMedoidsModel) result).medoidIndices();
    }
    if (SmileClarans.isResult(result)) {
      double[][] m = SmileClarans.medoids(result);
      int[] out = new int[m.length];
      for (int j = 0; j < m.length; j++) {
        out[j] = -1;
        for (int i = 0; i < rows.length && out[j] < 0; i++) {
          if (Arrays.equals(rows[i], m[j])) {
            out[j] = i;
          }
        }
      }
      return out;
    }
    @SuppressWarnings("unchecked")
    List<Cluster<MedoidModel>> clusters = ((Clustering<MedoidModel>) result).getToplevelClusters();
    DBIDRange ids = (DBIDRange) relation.getDBIDs();
    int[] out = new int[clusters.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = ids.getOffset(clusters.get(j).getModel().getMedoid());
    }
    return out;
  }

  /**
   * How ELKI's medoids compare with clusterkit's (row numbers in label order): the same in the same order, the same
   * set in another order, or the rows only one of them chose.
   */
  static String compareMedoids(int[] elki, int[] ours, String oursName) {
    if (Arrays.equals(elki, ours)) {
      return "medoids = " + oursName + "'s (same rows, same label order)";
    }
    int[] a = elki.clone();
    int[] b = ours.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    if (Arrays.equals(a, b)) {
      return "medoids = " + oursName + "'s as a set (label order differs: " + Arrays.toString(elki) + " against "
          + Arrays.toString(ours) + ")";
    }
    StringBuilder onlyElki = new StringBuilder();
    for (int r : a) {
      if (Arrays.binarySearch(b, r) < 0) {
        onlyElki.append(onlyElki.length() == 0 ? "" : ", ").append(r);
      }
    }
    StringBuilder onlyOurs = new StringBuilder();
    for (int r : b) {
      if (Arrays.binarySearch(a, r) < 0) {
        onlyOurs.append(onlyOurs.length() == 0 ? "" : ", ").append(r);
      }
    }
    return "medoids DIFFER from " + oursName + "'s: only ELKI's [" + onlyElki + "], only " + oursName + "'s ["
        + onlyOurs + "] (not required)";
  }

  /**
   * The cost recomputed from the medoid rows, checked: {@code K} distinct medoids, finite, and for clusterkit equal
   * to the model's own cost within {@link #COST_TOLERANCE} relative.
   */
  private double checkedCost(String which, Object result) {
    int[] m = medoidRows(result);
    if (m.length != K) {
      throw new IllegalStateException(which + " returned " + m.length + " medoids, expected " + K);
    }
    int[] sorted = m.clone();
    Arrays.sort(sorted);
    for (int j = 0; j < K; j++) {
      if (sorted[j] < 0 || (j > 0 && sorted[j] == sorted[j - 1])) {
        throw new IllegalStateException(which + " returned medoid rows " + Arrays.toString(m)
            + " (not " + K + " distinct rows of the data)");
      }
    }
    double[][] medoids = new double[K][];
    for (int j = 0; j < K; j++) {
      medoids[j] = rows[m[j]];
    }
    double c = cost(rows, medoids);
    if (!Double.isFinite(c)) {
      throw new IllegalStateException(which + " cost " + c);
    }
    if (result instanceof KMedoidsModel) {
      EvalData.requireClose(which + " " + kmedShape + " " + kmedStart + " model cost against the recomputed cost", c,
          ((KMedoidsModel) result).cost(), COST_TOLERANCE);
    }
    return c;
  }

  /**
   * The k-medoids objective: the sum over the rows, in row order, of the Euclidean distance (the square root of the
   * squared differences summed column by column) to the nearest medoid.
   */
  static double cost(double[][] rows, double[][] medoids) {
    double total = 0;
    for (double[] x : rows) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] c : medoids) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
          double t = x[j] - c[j];
          s += t * t;
        }
        best = Math.min(best, s);
      }
      total += Math.sqrt(best);
    }
    return total;
  }
}
