package io.github.clusterkit.bench;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.BruteForce;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.Neighbors;
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
 * The brute-force baseline of {@link KdTreeBenchmark#query}: the same data, radius and query batch, at
 * n = 10^4 only (a linear scan per query; larger n says nothing new). Its build is free.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class KdTreeBruteForceBenchmark {

  @Param({"10000"})
  public int n;

  @Param({"2", "3", "10"})
  public int d;

  Dataset data;
  double radius;
  double[][] queries;
  BruteForce brute;
  Neighbors buf;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(n, d);
    radius = BenchData.radiusForNeighbours(data, KdTreeBenchmark.NEIGHBOURS);
    queries = BenchData.copyRows(data, BenchData.sampleRows(n, KdTreeBenchmark.BATCH, BenchData.SAMPLE_SEED));
    brute = BruteForce.of(data, Metric.EUCLIDEAN);
    buf = new Neighbors(256);
    KdTree tree = KdTree.build(data, Metric.EUCLIDEAN);
    Neighbors other = new Neighbors(256);
    for (int i = 0; i < queries.length; i++) {
      int a = brute.radius(queries[i], radius, buf);
      int b = tree.radius(queries[i], radius, other);
      if (a != b) {
        throw new IllegalStateException("brute force found " + a + " neighbours of query " + i + ", KdTree " + b);
      }
    }
  }

  /** One batch of {@value KdTreeBenchmark#BATCH} radius queries by linear scan. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long query() {
    long total = 0;
    for (int i = 0; i < KdTreeBenchmark.BATCH; i++) {
      total += brute.radius(queries[i], radius, buf);
    }
    return total;
  }
}
