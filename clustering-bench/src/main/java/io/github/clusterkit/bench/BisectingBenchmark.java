package io.github.clusterkit.bench;

import elki.clustering.kmeans.BisectingKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.RandomlyChosen;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.database.ids.DBIDIter;
import elki.database.relation.Relation;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.BisectingStrategy;
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
 * Bisecting K-Means, k = 10 ({@link #K}), on {@link BenchData#blobs} of shape {@code shape} (10^5 x 10 and 10^6 x 2):
 * clusterkit against ELKI 0.8.0's {@code elki.clustering.kmeans.BisectingKMeans}, in the same run on the same rows, one
 * complete fit per shot (every split's start included).
 *
 * <p>The split rule is the same on both sides: ELKI's {@code BisectingKMeans} always splits the cluster with the most
 * rows (it has no other rule), so clusterkit's rows use {@link BisectingStrategy#LARGEST_CLUSTER}; each split is a
 * 2-means run from two random rows of the cluster (ELKI {@code RandomlyChosen} with {@code RandomFactory(seed)},
 * clusterkit {@code KMeansInit.RANDOM} with {@code seed}: different rows, so the results differ by start luck), one
 * start per split, until no assignment changes (clusterkit {@code tolerance(0)}, ELKI {@code maxiter} 0), at most
 * 300 iterations for clusterkit.
 *
 * <p>Implementations ({@code impl}):
 * <ul>
 *   <li>{@code ours1}, {@code ours2}: clusterkit {@code BisectingKMeans} on 1 and 2 threads ({@code parallelism}; the
 *   2-means runs use the default {@code KMeansAlgorithm.AUTO}, Hamerly's exact bounds at k = 2).</li>
 *   <li>{@code oursInertia1} (on request): clusterkit with its default {@link BisectingStrategy#BIGGEST_INERTIA}
 *   (scikit-learn's default rule), 1 thread: another tree, shown for its cost.</li>
 *   <li>{@code elkiLloyd}: ELKI's bisecting K-Means whose inner 2-means is {@code LloydKMeans}.</li>
 *   <li>{@code elkiHamerly}: the same with {@code HamerlyKMeans} (ELKI's fast exact variant; {@code varstat} off) as
 *   the inner 2-means.</li>
 * </ul>
 *
 * <p>Results are checked in {@code @Setup}: every row's final inertia (the sum of squared distances of the rows to
 * their cluster's mean, recomputed here from the returned clusters for ELKI and from the labels and leaf centroids for
 * clusterkit) is printed beside {@code ours1}'s. The setup fails unless there are {@code k} non-empty clusters and the
 * inertia is finite and within a factor 2 of {@code ours1}'s (the starts differ, so only a sane magnitude is
 * required); for clusterkit's rows unless the model's inertia equals the recomputed one within 1e-9 relative; for
 * {@code ours2} unless its model state equals {@code ours1}'s (the result does not depend on the thread count).
 *
 * <p>Threads: every row runs on the calling thread except {@code ours2} (its own workers, never the common pool).
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BisectingBenchmark {

  /** Clusters (leaves), for every library. */
  static final int K = 10;
  /** Relative tolerance of clusterkit's model inertia against the inertia recomputed here. */
  static final double INERTIA_TOLERANCE = 1e-9;
  /** Largest ratio, either way, of a row's inertia to {@code ours1}'s that the setup accepts. */
  static final double SANE_RATIO = 2.0;

  @Param({"100000x10", "1000000x2"})
  public String shape;

  /** The main rows; {@code oursInertia1} on request. */
  @Param({"ours1", "ours2", "elkiLloyd", "elkiHamerly"})
  public String impl;

  /** Seed of every start. */
  @Param({"42"})
  public long seed;

  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
    rows = BenchData.rows(data);
    if (impl.startsWith("elki")) {
      relation = BenchData.elkiRelation(rows);
    }
    BisectingKMeansModel reference = (BisectingKMeansModel) run("ours1");
    double expected = checkedInertia("ours1", reference);
    Object result = run(impl);
    double inertia = checkedInertia(impl, result);
    String extra = "";
    if (impl.equals("ours2")) {
      if (!reference.state().equals(((BisectingKMeansModel) result).state())) {
        throw new IllegalStateException("ours2 " + shape + ": the model differs from ours1's");
      }
      extra = "; model = ours1's";
    }
    if (!(inertia <= SANE_RATIO * expected && expected <= SANE_RATIO * inertia)) {
      throw new IllegalStateException(impl + " " + shape + ": inertia " + inertia + " is not within a factor "
          + SANE_RATIO + " of ours1's " + expected);
    }
    if (result instanceof BisectingKMeansModel) {
      BisectingKMeansModel m = (BisectingKMeansModel) result;
      int iterations = 0;
      for (int it : m.splitIterations()) {
        iterations += it;
      }
      extra += ", 2-means iterations over all splits " + iterations + (m.converged() ? "" : " (not converged)");
    }
    System.out.printf("%n[check] %s %s seed %d: inertia %.6g (ours1 %.6g, ratio %.4f)%s%n", impl, shape, seed,
        inertia, expected, inertia / expected, extra);
  }

  /** One complete bisecting K-Means fit with the configured library. */
  @Benchmark
  public Object fit() {
    return run(impl);
  }

  private Object run(String which) {
    switch (which) {
      case "ours1":
        return ours(BisectingStrategy.LARGEST_CLUSTER, 1);
      case "ours2":
        return ours(BisectingStrategy.LARGEST_CLUSTER, 2);
      case "oursInertia1":
        return ours(BisectingStrategy.BIGGEST_INERTIA, 1);
      case "elkiLloyd":
        return new BisectingKMeans<>(K, new LloydKMeans<>(SquaredEuclideanDistance.STATIC, 2, 0,
            new RandomlyChosen<>(new RandomFactory(seed)))).run(relation);
      case "elkiHamerly":
        return new BisectingKMeans<>(K, new HamerlyKMeans<>(SquaredEuclideanDistance.STATIC, 2, 0,
            new RandomlyChosen<>(new RandomFactory(seed)), false)).run(relation);
      default:
        throw new IllegalArgumentException("unknown impl " + which);
    }
  }

  private BisectingKMeansModel ours(BisectingStrategy strategy, int threads) {
    return io.github.clusterkit.kmeans.BisectingKMeans.k(K).strategy(strategy).seed(seed).tolerance(0)
        .parallelism(threads).fit(data);
  }

  /** The final inertia, recomputed from the result, after the checks of the class Javadoc. */
  private double checkedInertia(String which, Object result) {
    double inertia;
    if (result instanceof BisectingKMeansModel) {
      BisectingKMeansModel m = (BisectingKMeansModel) result;
      double[][] c = m.centroids();
      int[] labels = m.labels();
      inertia = 0;
      for (int i = 0; i < rows.length; i++) {
        double q = 0;
        for (int t = 0; t < c[0].length; t++) {
          double u = rows[i][t] - c[labels[i]][t];
          q += u * u;
        }
        inertia += q;
      }
      if (m.k() != K || !(Math.abs(m.inertia() - inertia) <= INERTIA_TOLERANCE * inertia)) {
        throw new IllegalStateException(which + " " + shape + ": k " + m.k() + ", model inertia " + m.inertia()
            + ", recomputed " + inertia);
      }
    } else {
      @SuppressWarnings("unchecked")
      List<Cluster<KMeansModel>> clusters = ((Clustering<KMeansModel>) result).getAllClusters();
      if (clusters.size() != K) {
        throw new IllegalStateException(which + " " + shape + ": " + clusters.size() + " clusters, expected " + K);
      }
      inertia = 0;
      for (Cluster<KMeansModel> cluster : clusters) {
        if (cluster.size() == 0) {
          throw new IllegalStateException(which + " " + shape + ": an empty cluster");
        }
        double[] mean = cluster.getModel().getMean();
        for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
          NumberVector v = relation.get(it);
          for (int t = 0; t < mean.length; t++) {
            double u = v.doubleValue(t) - mean[t];
            inertia += u * u;
          }
        }
      }
    }
    if (!Double.isFinite(inertia)) {
      throw new IllegalStateException(which + " " + shape + ": inertia " + inertia);
    }
    return inertia;
  }
}
