package io.github.clusterkit.bench;

import elki.clustering.kmeans.AbstractKMeans;
import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.Predefined;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.database.relation.Relation;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansAlgorithm;
import io.github.clusterkit.kmeans.KMeansInit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
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
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * K-Means with k-means++ initialisation, k = 10 ({@link #k}), one start, on one thread except the rows named
 * {@code 2t} (see Threads below): clusterkit ({@code ours*}: Lloyd, Hamerly, Elkan, AUTO, and AUTO on 2 threads)
 * against Smile {@code KMeans} (3.1.1; 6.3.0 with {@code -Psmile6}; through {@link SmileKMeans}; BBD-tree), ELKI
 * 0.8.0 Lloyd, Hamerly and Elkan (k-means++ init), Commons Math 3.6.1 {@code KMeansPlusPlusClusterer} and Tribuo
 * 4.3.2 {@code KMeansTrainer} (k-means++ init, {@code numThreads} 1), on the same data in the same run. Data:
 * {@link BenchData#blobs} (10 blobs, 5% noise).
 *
 * <p>Seeding: {@code oursLloyd}, {@code oursHamerly}, {@code oursElkan}, {@code oursAuto} and {@code oursAuto2t}
 * use our default, greedy k-means++ ({@code KMeansInit.PLUS_PLUS}: {@code 2 + floor(ln k)} = 4 candidates per step,
 * as scikit-learn); {@code oursClassic} (AUTO, 1 thread) and {@code oursClassic2t} (AUTO, 2 threads) use the original
 * k-means++ ({@code KMeansInit.PLUS_PLUS_CLASSIC}: one candidate per step, which becomes the centre), the seeding of
 * every peer here (ELKI {@code KMeansPlusPlus}, Smile, Commons Math {@code KMeansPlusPlusClusterer}, Tribuo
 * {@code PLUSPLUS}): these are the like-for-like comparison end to end. In {@code mode=c0iter20} they behave as
 * {@code oursAuto} and {@code oursAuto2t} (given centroids, no seeding).
 *
 * <p>{@code mode=converge}: end to end, each library's own stopping rule (clusterkit: scikit-learn's
 * tolerance 1e-4 and at most 300 iterations; Smile: 3.1.1's {@code fit(data, k)} defaults, 100 iterations and
 * tolerance 1e-4, in either version; ELKI and Commons Math: until no assignment changes; Tribuo: at most 300
 * iterations).
 * {@code mode=iter20}: at most 20 iterations with tolerance 0 for every library, so that time / 20 is the cost
 * of an iteration (initialisation included, amortised; a library that converges earlier stops earlier). An
 * iteration is one move of the centroids: ELKI counts its first assignment to the initial centres as iteration 1
 * and moves the centroids from iteration 2 on, so it is given {@code maxiter} 21 for the other libraries' 20
 * (with 20 it stops one move short: 20 assignment passes and 19 moves against clusterkit's 20 moves and 21
 * passes, the last one assigning the labels to the final centroids). Smile counts the other way round: its
 * k-means++ seeding leaves every row labelled with its nearest seed, it moves the centroids once before its first
 * iteration, and every iteration (one BBD-tree pass) assigns the rows and moves the centroids, so {@code maxIter}
 * m moves them m + 1 times; it is given {@code maxIter} 19 for the 20 moves ({@link SmileKMeans#fixed}). It reaches
 * the 20th centroids with 19 tree passes, as its first move needs no pass and it returns the labels of the
 * centroids before the last move (clusterkit makes both passes, 21 in all); that is Smile's algorithm, not less
 * work asked of it. With {@code maxIter} 20 (every run recorded before this was noticed) Smile made 21 moves and
 * 20 tree passes: one pass more than now in its time, one move more in its inertia.
 * {@code mode=c0iter20} (on request only, {@code -p mode=c0iter20}; clusterkit and ELKI): 20 iterations with
 * tolerance 0 from the same given initial centroids (clusterkit's centroids after one iteration from its
 * k-means++ seeding, computed in {@code @Setup}), so both libraries do the same iterations and reach the same
 * inertia (checked), and time / 20 is the cost of one iteration without any seeding.
 *
 * <p>Threads: Smile's K-Means runs its k-means++ seeding (a parallel stream over the rows for each new seed) and
 * its centroid means outside the tree passes (a parallel stream over the clusters; in 6.x also the final
 * distances) on the common fork-join pool, i.e. on the calling thread and the pool's workers (one on the 2-core
 * build machine); its BBD-tree passes run on the calling thread. The fork therefore sets the common pool's
 * parallelism to 0, with which a parallel stream runs all its tasks on the calling thread (JDK 17 and 25: no
 * worker is started, no task stolen; JDK 25 raises the parallelism to 2 again once anything uses the pool
 * asynchronously, e.g. {@code CompletableFuture.supplyAsync}, which no library here does). Three {@code iter20}
 * fits of Smile 3.1.1 in one JVM with the default pool: its worker used 34 ms of CPU beside 404 ms on the calling
 * thread at 10^5 x 10, 143 beside 2003 ms at 10^5 x 50, 152 beside 2149 ms at 10^6 x 2 and 250 beside 7090 ms at
 * 10^6 x 10 (3 to 8%, an upper bound of the wall time it saved); with parallelism 0, none. Tribuo
 * ({@code numThreads} 1), ELKI and Commons Math use no pool, and clusterkit's {@code 2t} rows use their own worker
 * threads, never the common pool, so the setting leaves them as they were. The {@code [check]} line prints how
 * many workers the common pool had started (0 with the setting). {@link CommonPool#requireOff} fails the setup of a
 * Smile row run without the
 * setting (the smoke run, {@code -f 0}, passes it to its own JVM). The setting sits in {@code @Fork(jvmArgs)}:
 * until 2026-11-27 evening it sat in {@code jvmArgsAppend}, which a command line's {@code -jvmArgsAppend}
 * replaces, so runs given {@code -jvmArgsAppend} then, like the runs recorded before the setting, gave Smile the
 * default pool.
 *
 * <p>Two threads against one ({@code oursAuto2t} / {@code oursAuto}) in {@code mode=c0iter20} need more warm-up
 * than a few shots, and a pre-touched heap, to measure the passes rather than two serial costs (measured on the
 * 2-core build machine; instrumented one-JVM harness, medians). First, the JIT: a fit at 10^5 x 50 takes about
 * 20 ms, and the compiler threads work during the first 15 to 20 fits of a fork, on the same two cores: two-thread
 * fits took 25 to 35 ms there against 11.5 ms afterwards (one-thread fits settle sooner, at about 22 ms). Second,
 * fresh memory: a fit allocated 12 bytes a row then (labels and Hamerly's bounds; 16 since Hamerly's due values),
 * and in a heap that has not yet been through a collection every page of it is faulted in on first write, here
 * about 2.4 ms per MB on one thread: 28 ms of a fit at 10^6 x 10 (19 ms for the bounds, 9 ms for the labels; just
 * as long when two threads allocate one array each, tried), against 90 to 115 ms for the rest of such a two-thread
 * fit. In a warmed-up JVM
 * whose heap has been collected once, the first pass, the bounded passes and the inertia each scale by 1.7x to
 * 2.0x at 10^5 x 50 and by about 2.0x at 10^6 x 10. JMH, {@code -f 2}, both shapes, quiet machine: with
 * {@code -wi 3 -i 5} and an 8 GB heap the ratios of five runs spread from 0.9x to 1.8x (10^5 x 50) and 1.3x to
 * 1.8x (10^6 x 10); with {@code -wi 30 -i 10}, 1.46x and 1.63x (one run); with {@code -wi 30 -i 10} and
 * {@code -jvmArgsAppend '-Xms2g -Xmx2g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch'}, 1.86x and 1.86x (one
 * run; other processes used about a tenth of a core meanwhile); the same with the 8 GB heap pre-touched, at 10^5 x
 * 50, 22.1 against 13.4 ms, 1.65x (by shot medians 22.2 against 12.3 ms, 1.80x: a few two-thread shots took 14 to
 * 21 ms). Every shot is one fit, and compilations keep coming for longer than 30 fits: timed one by one (with the
 * JIT's compilation time read around each fit), two-thread fits at 10^5 x 50 settled at 13 to 14 ms after about
 * 28 fits, and later fits that met a compilation on the other core took 20 to 23 ms. With {@code -wi 200 -i 50}
 * at 10^5 x 50 and {@code -wi 60 -i 20} at 10^6 rows (pre-touched 4 GB heap) two threads were 1.86x (10^5 x 50),
 * 1.95x (10^6 x 10) and 1.94x (10^6 x 2) one thread; use such warm-up for this ratio.
 *
 * <p>Results are checked: {@code @Setup} runs the configuration once and prints the inertia (sum of squared
 * distances to the nearest returned centroid, recomputed here for every library) and the iteration count
 * where the library reports it; it fails on a wrong number of centroids or a non-finite inertia, in
 * {@code mode=c0iter20} unless ELKI's inertia equals clusterkit's from the same centroids within 1e-9 relative, and
 * in {@code mode=iter20} unless Smile's inertia equals that of clusterkit's 20 iterations from Smile's own k-means++
 * centres ({@link SmileKMeans#seeds}) within 1e-9 relative (it fails with Smile's {@code maxIter} 20: at 10000 x 2,
 * seed 42, Smile 25774.8927 against 25774.9394). The {@code c0iter20} check holds only while no cluster empties: an
 * emptied cluster keeps its old centre in ELKI ({@code AbstractKMeans}'s means) and takes the farthest row in
 * clusterkit, so the two runs part there and the setup fails, e.g. at 50000 x 384 with {@code -p k=50}, where ELKI's
 * Lloyd, Hamerly and Elkan all end at 5.882266e7 and clusterkit's three kernels at 5.869856e7 (2026-11-28).
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}. Seeds are fixed ({@link #seed}, 42 unless given), so every
 * invocation starts from the same centres.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KMeansBenchmark {

  /** The default of {@link #k}. */
  static final int K = 10;
  /** The default of {@link #seed}. */
  static final long SEED = 42L;
  /** Centroid moves in {@code mode=iter20} and {@code c0iter20}, for every library. */
  static final int ITERATIONS = 20;

  @Param({"1000000x2", "1000000x10", "100000x50"})
  public String shape;

  @Param({"converge", "iter20"})
  public String mode;

  /**
   * Seed of every library's k-means++ (and of the fit that makes {@code c0iter20}'s centroids); the data stay the
   * same. One seed decides the start, and the start decides the final inertia, so an end-to-end comparison of
   * inertia over several seeds ({@code -p seed=0,1,2,...}) says more than seed 42 alone.
   */
  @Param({"42"})
  public long seed;

  /**
   * Clusters, 10 (the figure) unless given ({@code -p k=100}): every library gets the same {@code k}, and
   * {@code c0iter20}'s centroids come from a fit with it.
   */
  @Param({"10"})
  public int k;

  /**
   * The rows: {@code blobs}, the peers' published data ({@code BenchData.blobs}, the default), or {@code gaussian},
   * standard Gaussian rows without cluster structure ({@code BenchData.gaussian}; {@code -p dataset=gaussian}), where
   * the bounds of Hamerly and Elkan prune least.
   */
  @Param({"blobs"})
  public String dataset;

  @Param({
    "oursLloyd", "oursHamerly", "oursElkan", "oursAuto", "oursAuto2t", "oursClassic", "oursClassic2t",
    "smile", "elkiLloyd", "elkiHamerly", "elkiElkan", "commonsMath", "tribuo"
  })
  public String impl;

  Dataset data;
  double[][] rows;
  double[][] c0;
  Relation<NumberVector> relation;
  List<DoublePoint> points;
  MutableDataset<ClusterID> tribuoData;

  @Setup(Level.Trial)
  public void setUp() {
    if (impl.equals("smile")) {
      CommonPool.requireOff(impl);
    }
    switch (dataset) {
      case "blobs":
        data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
        break;
      case "gaussian":
        data = BenchData.gaussian(Shapes.n(shape), Shapes.d(shape));
        break;
      default:
        throw new IllegalArgumentException("dataset must be blobs or gaussian, got " + dataset);
    }
    rows = BenchData.rows(data);
    if (fromC0()) {
      if (!impl.startsWith("ours") && !impl.startsWith("elki")) {
        throw new UnsupportedOperationException("mode c0iter20 is implemented for clusterkit and ELKI only");
      }
      c0 = KMeans.k(k).seed(seed).maxIterations(1).tolerance(0).fit(data).centroids();
    }
    if (impl.startsWith("elki")) {
      relation = BenchData.elkiRelation(rows);
    } else if (impl.equals("commonsMath")) {
      points = new ArrayList<>(rows.length);
      for (double[] r : rows) {
        points.add(new DoublePoint(r));
      }
    } else if (impl.equals("tribuo")) {
      tribuoData = tribuoDataset(rows);
    }
    double[][] centroids = centroids(run());
    if (centroids.length != k) {
      throw new IllegalStateException(impl + " returned " + centroids.length + " centroids, expected " + k);
    }
    double inertia = Shapes.inertia(rows, centroids);
    if (!Double.isFinite(inertia)) {
      throw new IllegalStateException(impl + " inertia " + inertia);
    }
    if (fromC0() && impl.startsWith("elki")) {
      double ours = Shapes.inertia(rows, ours(KMeansAlgorithm.AUTO, 1).centroids());
      EvalData.requireClose(impl + " " + shape + " c0iter20 inertia (differs where a cluster empties: ELKI keeps its"
          + " old centre, clusterkit takes the farthest row)", ours, inertia, 1e-9);
    }
    if (fixed() && impl.equals("smile")) {
      // Equal work: clusterkit's 20 iterations from Smile's own k-means++ centres reach Smile's centroids.
      double ours = Shapes.inertia(rows, KMeans.k(k).initialCentroids(SmileKMeans.seeds(rows, k, seed))
          .maxIterations(ITERATIONS).tolerance(0).fit(data).centroids());
      EvalData.requireClose("smile " + shape + " iter20 inertia (clusterkit from Smile's seeds)", ours, inertia,
          1e-9);
    }
    Object r = run();
    String iterations = "n/a";
    if (r instanceof io.github.clusterkit.kmeans.KMeansModel) {
      io.github.clusterkit.kmeans.KMeansModel m = (io.github.clusterkit.kmeans.KMeansModel) r;
      iterations = m.iterations() + " (" + m.algorithm() + ")";
    }
    System.out.printf("%n[check] %s %s %s %s seed %d: inertia %.6e, iterations %s (common pool workers started: %d)%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, dataset, shape, mode, seed, inertia, iterations,
        ForkJoinPool.commonPool().getPoolSize());
  }

  private boolean fixed() {
    return mode.equals("iter20") || fromC0();
  }

  private boolean fromC0() {
    return mode.equals("c0iter20");
  }

  /** One complete K-Means fit with the configured library. */
  @Benchmark
  public Object fit() {
    return run();
  }

  private Object run() {
    switch (impl) {
      case "oursLloyd":
        return ours(KMeansAlgorithm.LLOYD, 1);
      case "oursHamerly":
        return ours(KMeansAlgorithm.HAMERLY, 1);
      case "oursElkan":
        return ours(KMeansAlgorithm.ELKAN, 1);
      case "oursAuto":
        return ours(KMeansAlgorithm.AUTO, 1);
      case "oursAuto2t":
        return ours(KMeansAlgorithm.AUTO, 2);
      case "oursClassic":
        return ours(KMeansAlgorithm.AUTO, 1, KMeansInit.PLUS_PLUS_CLASSIC);
      case "oursClassic2t":
        return ours(KMeansAlgorithm.AUTO, 2, KMeansInit.PLUS_PLUS_CLASSIC);
      case "smile":
        return fixed() ? SmileKMeans.fixed(rows, k, ITERATIONS, seed) : SmileKMeans.converge(rows, k, seed);
      case "elkiLloyd":
        return elki(new LloydKMeans<>(SquaredEuclideanDistance.STATIC, k, elkiMaxIter(), elkiInit()));
      case "elkiHamerly":
        return elki(new HamerlyKMeans<>(SquaredEuclideanDistance.STATIC, k, elkiMaxIter(), elkiInit(), false));
      case "elkiElkan":
        return elki(new ElkanKMeans<>(SquaredEuclideanDistance.STATIC, k, elkiMaxIter(), elkiInit(), false));
      case "commonsMath":
        return new KMeansPlusPlusClusterer<DoublePoint>(k, fixed() ? 20 : -1, new EuclideanDistance(),
            new JDKRandomGenerator((int) seed)).cluster(points);
      case "tribuo":
        return new KMeansTrainer(k, fixed() ? 20 : 300, KMeansTrainer.Distance.EUCLIDEAN,
            KMeansTrainer.Initialisation.PLUSPLUS, 1, seed).train(tribuoData);
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }

  private io.github.clusterkit.kmeans.KMeansModel ours(KMeansAlgorithm algorithm, int threads) {
    return ours(algorithm, threads, KMeansInit.PLUS_PLUS);
  }

  private io.github.clusterkit.kmeans.KMeansModel ours(KMeansAlgorithm algorithm, int threads, KMeansInit init) {
    KMeans config = KMeans.k(k).seed(seed).init(init).algorithm(algorithm).parallelism(threads);
    if (fixed()) {
      config = config.maxIterations(20).tolerance(0);
    }
    if (fromC0()) {
      config = config.initialCentroids(c0);
    }
    return config.fit(data);
  }

  /**
   * ELKI's {@code maxiter}: its iteration 1 only assigns the rows to the initial centres, and every later one
   * moves the centroids and assigns again, so 21 gives the 20 centroid moves of the other libraries' 20
   * iterations; 0: ELKI iterates until no assignment changes.
   */
  private int elkiMaxIter() {
    return fixed() ? 20 + 1 : 0;
  }

  private KMeansInitialization elkiInit() {
    if (fromC0()) {
      double[][] copy = new double[c0.length][];
      for (int j = 0; j < copy.length; j++) {
        copy[j] = c0[j].clone();
      }
      return new Predefined(copy);
    }
    return new KMeansPlusPlus<NumberVector>(new RandomFactory(seed));
  }

  private Clustering<KMeansModel> elki(AbstractKMeans<NumberVector, KMeansModel> algorithm) {
    return algorithm.run(relation);
  }

  @SuppressWarnings("unchecked")
  private double[][] centroids(Object result) {
    if (result instanceof io.github.clusterkit.kmeans.KMeansModel) {
      return ((io.github.clusterkit.kmeans.KMeansModel) result).centroids();
    }
    if (SmileKMeans.isResult(result)) {
      return SmileKMeans.centroids(result);
    }
    if (result instanceof Clustering) {
      List<Cluster<KMeansModel>> clusters = ((Clustering<KMeansModel>) result).getAllClusters();
      double[][] c = new double[clusters.size()][];
      for (int i = 0; i < c.length; i++) {
        c[i] = clusters.get(i).getModel().getMean();
      }
      return c;
    }
    if (result instanceof org.tribuo.clustering.kmeans.KMeansModel) {
      DenseVector[] v = ((org.tribuo.clustering.kmeans.KMeansModel) result).getCentroidVectors();
      double[][] c = new double[v.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = v[i].toArray();
      }
      return c;
    }
    List<CentroidCluster<DoublePoint>> clusters = (List<CentroidCluster<DoublePoint>>) result;
    double[][] c = new double[clusters.size()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = clusters.get(i).getCenter().getPoint();
    }
    return c;
  }

  /** Tribuo's data model: one example per row, features named f000, f001, ... so that their order is kept. */
  static MutableDataset<ClusterID> tribuoDataset(double[][] rows) {
    ClusteringFactory factory = new ClusteringFactory();
    int d = rows[0].length;
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = String.format("f%03d", j);
    }
    List<Example<ClusterID>> examples = new ArrayList<>(rows.length);
    for (double[] r : rows) {
      examples.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, r));
    }
    return new MutableDataset<>(examples, new SimpleDataSourceProvenance("blobs", factory), factory);
  }
}
