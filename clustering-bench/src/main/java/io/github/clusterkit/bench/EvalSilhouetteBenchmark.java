package io.github.clusterkit.bench;

import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.database.query.QueryBuilder;
import elki.database.query.distance.DistanceQuery;
import elki.database.relation.Relation;
import elki.distance.minkowski.EuclideanDistance;
import elki.evaluation.clustering.internal.NoiseHandling;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.Silhouette;
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
 * The exact mean silhouette (Euclidean) of a 10-cluster labelling ({@link EvalData#labels}): clusterkit
 * {@code Silhouette.exact().parallelism(1 | 2).evaluate(data, labels)} ({@code ours1}, {@code ours2})
 * against ELKI 0.8.0 {@code Silhouette(EuclideanDistance, IGNORE_NOISE, false).evaluateClustering(relation,
 * distanceQuery, clustering)} (an O(n^2) pass over its distance query; the clustering and the distance query
 * are built in {@code @Setup}). Scikit-learn-style shapes: 20,000 x 2 (the ELKI comparison) and 50,000 x 2
 * (clusterkit's absolute target; ELKI takes about half a minute there, so leave it out with
 * {@code -p impl=ours1,ours2}).
 *
 * <p>Results are checked in {@code @Setup}: ELKI's score equals clusterkit's within 1e-9 relative.
 *
 * <p>The shape parameter is named {@code silShape}, apart from the other classes' {@code shape}, so that the
 * smoke run can shrink this O(n^2) benchmark on its own: {@code -p silShape=2000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EvalSilhouetteBenchmark {

  @Param({"20000x2", "50000x2"})
  public String silShape;

  @Param({"ours1", "ours2", "elki"})
  public String impl;

  Dataset data;
  int[] labels;
  Relation<NumberVector> relation;
  DistanceQuery<NumberVector> distances;
  Clustering<Model> clustering;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(silShape), Shapes.d(silShape));
    labels = EvalData.labels(data);
    if (impl.equals("elki")) {
      relation = BenchData.elkiRelation(BenchData.rows(data));
      distances = new QueryBuilder<>(relation, EuclideanDistance.STATIC).distanceQuery();
      clustering = EvalData.elkiClustering(relation, labels);
    }
    double ours = Silhouette.exact().evaluate(data, labels).score();
    double theirs = run();
    EvalData.requireClose(impl + " silhouette " + silShape, ours, theirs, 1e-9);
    System.out.printf("%n[check] %s %s: silhouette %.12f, clusterkit %.12f%n", impl, silShape, theirs, ours);
  }

  /** One exact silhouette of the whole data with the configured library. */
  @Benchmark
  public double score() {
    return run();
  }

  private double run() {
    switch (impl) {
      case "ours1":
        return Silhouette.exact().evaluate(data, labels).score();
      case "ours2":
        return Silhouette.exact().parallelism(2).evaluate(data, labels).score();
      case "elki":
        return new elki.evaluation.clustering.internal.Silhouette<NumberVector>(EuclideanDistance.STATIC,
            NoiseHandling.IGNORE_NOISE, false).evaluateClustering(relation, distances, clustering);
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }
}
