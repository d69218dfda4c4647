package io.github.clusterkit.bench;

import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.database.relation.Relation;
import elki.distance.minkowski.EuclideanDistance;
import elki.evaluation.clustering.internal.DaviesBouldinIndex;
import elki.evaluation.clustering.internal.NoiseHandling;
import elki.evaluation.clustering.internal.VarianceRatioCriterion;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.CalinskiHarabasz;
import io.github.clusterkit.eval.DaviesBouldin;
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
 * Davies-Bouldin and Calinski-Harabasz of a 10-cluster labelling ({@link EvalData#labels}):
 * clusterkit {@code DaviesBouldin.score(data, labels)} (mean-distance scatter, scikit-learn's) and
 * {@code CalinskiHarabasz.score(data, labels)} against ELKI 0.8.0
 * {@code DaviesBouldinIndex(EuclideanDistance, IGNORE_NOISE, p = 1)} (p = 1: the mean-distance scatter, equal
 * to scikit-learn's) and {@code VarianceRatioCriterion(IGNORE_NOISE, false)}, each
 * {@code evaluateClustering(relation, clustering)} with the clustering built in {@code @Setup}. Commons Math
 * 3.6.1 has neither index (its only clustering evaluator is {@code SumOfClusterVariances}); Smile 3.1.1 and
 * Tribuo 4.3.2 have neither either.
 *
 * <p>Results are checked in {@code @Setup}: ELKI's value equals clusterkit's within 1e-9 relative.
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EvalIndexBenchmark {

  @Param({"1000000x2"})
  public String shape;

  @Param({"daviesBouldin", "calinskiHarabasz"})
  public String index;

  @Param({"ours", "elki"})
  public String impl;

  Dataset data;
  int[] labels;
  Relation<NumberVector> relation;
  Clustering<Model> clustering;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
    labels = EvalData.labels(data);
    if (impl.equals("elki")) {
      relation = BenchData.elkiRelation(BenchData.rows(data));
      clustering = EvalData.elkiClustering(relation, labels);
    }
    double ours = index.equals("daviesBouldin") ? DaviesBouldin.score(data, labels)
        : CalinskiHarabasz.score(data, labels);
    double theirs = run();
    EvalData.requireClose(impl + " " + index + " " + shape, ours, theirs, 1e-9);
    System.out.printf("%n[check] %s %s %s: %.12g, clusterkit %.12g%n", impl, index, shape, theirs, ours);
  }

  /** One evaluation of the configured index with the configured library. */
  @Benchmark
  public double score() {
    return run();
  }

  private double run() {
    boolean db = index.equals("daviesBouldin");
    switch (impl) {
      case "ours":
        return db ? DaviesBouldin.score(data, labels) : CalinskiHarabasz.score(data, labels);
      case "elki":
        return db
            ? new DaviesBouldinIndex(EuclideanDistance.STATIC, NoiseHandling.IGNORE_NOISE, 1.0)
                .evaluateClustering(relation, clustering)
            : new VarianceRatioCriterion(NoiseHandling.IGNORE_NOISE, false).evaluateClustering(relation, clustering);
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }
}
