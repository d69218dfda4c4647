package io.github.clusterkit.bench;

import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.database.relation.Relation;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.MiniBatchKMeans;
import java.util.List;
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
 * Mini-batch K-Means against full K-Means, k = 10, end to end (seeding included), each with its own stopping rule:
 * clusterkit's {@link MiniBatchKMeans} with its defaults (scikit-learn 1.2.1's: batches of 1024 rows, greedy k-means++
 * on an init sample of 3072 rows, early stop after 10 steps without improvement of the smoothed batch inertia, at most
 * 100 passes; then one exact pass for the labels and the inertia) on 1 and 2 threads ({@code oursMiniBatch}, {@code
 * oursMiniBatch2t}), clusterkit's exact {@link KMeans} ({@code oursKMeans}: AUTO, greedy k-means++, tolerance 1e-4,
 * one thread), ELKI 0.8.0's Hamerly (k-means++, until no label changes) and Smile's {@code KMeans} (3.1.1; 6.3.0 with
 * {@code -Psmile6}; its defaults, 100 iterations and tolerance 1e-4), the fastest full K-Means peers of {@link
 * KMeansBenchmark}. Data: {@link BenchData#blobs} (10 blobs, 5% noise), 10^6 x 10 and 10^7 x 2.
 *
 * <p>This compares different algorithms: the mini-batch fit trades inertia for a cost that does not grow with the
 * number of passes a full fit needs. The {@code [check]} line of every row prints the inertia it reached (recomputed
 * here from its centroids), and for the mini-batch rows also its ratio to that of clusterkit's exact fit from the same
 * seed, so that the time can be read beside what it buys. One seed decides both starts; {@code -p seed=0,1,2} gives
 * a fairer view of the inertia.
 *
 * <p>Memory: at 10^7 x 2 the data are held as one flat array (160 MB), as {@code double[][]} rows for Smile, ELKI and
 * the inertia check (about 320 MB) and, for ELKI, in its relation; the fork's heap is 12 GB.
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MiniBatchBenchmark {

  @Param({"1000000x10", "10000000x2"})
  public String shape;

  /** Seed of every library's seeding and of the mini-batch draws; the data stay the same. */
  @Param({"42"})
  public long seed;

  /** Clusters. */
  @Param({"10"})
  public int k;

  @Param({"oursMiniBatch", "oursMiniBatch2t", "oursKMeans", "elkiHamerly", "smile"})
  public String impl;

  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;

  @Setup(Level.Trial)
  public void setUp() {
    if (impl.equals("smile")) {
      CommonPool.requireOff(impl);
    }
    data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
    rows = BenchData.rows(data);
    if (impl.startsWith("elki")) {
      relation = BenchData.elkiRelation(rows);
    }
    double[][] centroids = centroids(run());
    if (centroids.length != k) {
      throw new IllegalStateException(impl + " returned " + centroids.length + " centroids, expected " + k);
    }
    double inertia = Shapes.inertia(rows, centroids);
    if (!Double.isFinite(inertia)) {
      throw new IllegalStateException(impl + " inertia " + inertia);
    }
    String ratio = "";
    if (impl.startsWith("oursMiniBatch")) {
      double exact = Shapes.inertia(rows, KMeans.k(k).seed(seed).fit(data).centroids());
      ratio = String.format(", %.4f x clusterkit's exact K-Means (%.6e)", inertia / exact, exact);
    }
    System.out.printf("%n[check] %s %s seed %d k %d: inertia %.6e%s%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, shape, seed, k, inertia, ratio);
  }

  /** One complete fit with the configured library. */
  @Benchmark
  public Object fit() {
    return run();
  }

  private Object run() {
    switch (impl) {
      case "oursMiniBatch":
        return MiniBatchKMeans.k(k).seed(seed).fit(data);
      case "oursMiniBatch2t":
        return MiniBatchKMeans.k(k).seed(seed).parallelism(2).fit(data);
      case "oursKMeans":
        return KMeans.k(k).seed(seed).fit(data);
      case "elkiHamerly":
        return new HamerlyKMeans<>(SquaredEuclideanDistance.STATIC, k, 0,
            new KMeansPlusPlus<NumberVector>(new RandomFactory(seed)), false).run(relation);
      case "smile":
        return SmileKMeans.converge(rows, k, seed);
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }

  @SuppressWarnings("unchecked")
  private static double[][] centroids(Object result) {
    if (result instanceof io.github.clusterkit.kmeans.KMeansModel) {
      return ((io.github.clusterkit.kmeans.KMeansModel) result).centroids();
    }
    if (SmileKMeans.isResult(result)) {
      return SmileKMeans.centroids(result);
    }
    List<Cluster<KMeansModel>> clusters = ((Clustering<KMeansModel>) result).getAllClusters();
    double[][] c = new double[clusters.size()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = clusters.get(i).getModel().getMean();
    }
    return c;
  }
}
