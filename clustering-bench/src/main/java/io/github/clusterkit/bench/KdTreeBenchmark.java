package io.github.clusterkit.bench;

import elki.data.DoubleVector;
import elki.data.NumberVector;
import elki.database.ids.DBIDUtil;
import elki.database.ids.ModifiableDoubleDBIDList;
import elki.database.query.distance.DistanceQuery;
import elki.database.query.range.RangeSearcher;
import elki.database.relation.Relation;
import elki.distance.minkowski.EuclideanDistance;
import elki.index.DistancePriorityIndex;
import elki.index.tree.spatial.kd.MemoryKDTree;
import elki.index.tree.spatial.kd.MinimalisticMemoryKDTree;
import elki.index.tree.spatial.kd.SmallMemoryKDTree;
import elki.index.tree.spatial.kd.split.BoundedMidpointSplit;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.BruteForce;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
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
 * KD-tree build time and radius-query throughput: clusterkit's {@link KdTree} against Smile's
 * {@code smile.neighbor.KDTree} (3.1.1; 6.3.0 with {@code -Psmile6}; through {@link SmileKdTree}) and ELKI 0.8.0's
 * in-memory k-d trees, on the same data in the same run:
 * {@code elkiSmall} = {@code SmallMemoryKDTree} (its factory's default leaf size 1), {@code elkiMemory} =
 * {@code MemoryKDTree} with ELKI's command-line defaults (bounded midpoint split, leaf size 2), and, on request
 * only ({@code -p impl=elkiMinimal}; about 8x slower than {@code elkiSmall}), {@code MinimalisticMemoryKDTree}
 * (leaf size 1). Brute force, the baseline, is in {@link KdTreeBruteForceBenchmark} (n = 10^4 only).
 *
 * <p>Data: {@link BenchData#blobs} (10 blobs, standard deviation 1, 5% noise). Radius: the median distance to
 * the 30th nearest neighbour over 1000 sampled rows, so a neighbourhood holds about 30 points. One
 * {@link #query} invocation is a batch of {@value #BATCH} radius queries at sampled data points (copies, so
 * every peer sees a foreign query point and counts the point itself); ops/s is batches per second.
 *
 * <p>Results are checked, not only timed: in {@code @Setup} every implementation's neighbour count for each
 * of the batch's queries must equal clusterkit's, and clusterkit's must equal brute force's (for n up to
 * 10^5), or the benchmark fails.
 *
 * <p>Threads: every library runs on the calling thread. Smile 3.1.1's {@code KDTree} starts no thread (a build
 * and three query batches at 10^5 x 3: no common fork-join pool worker started, no task stolen); the fork
 * nevertheless sets the common pool's parallelism to 0, as {@link KMeansBenchmark} does, so that Smile stays on
 * the calling thread even in a version whose tree uses a parallel stream ({@code -Psmile6} could not be run on the
 * build machine). The setting changes nothing for clusterkit or ELKI. The {@code [check]} line prints how many
 * workers the common pool had started (0 with the setting). {@link CommonPool#requireOff} fails the setup of a Smile
 * row run without the
 * setting (the smoke run, {@code -f 0}, passes it to its own JVM). The setting sits in {@code @Fork(jvmArgs)}:
 * until 2026-11-27 evening it sat in {@code jvmArgsAppend}, which a command line's {@code -jvmArgsAppend}
 * replaces, so runs given {@code -jvmArgsAppend} then, like the runs recorded before the setting, gave Smile the
 * default pool.
 *
 * <p>Smoke-sized run: {@code -p n=10000 -p d=2}. Single implementations: {@code -p impl=ours,smile}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class KdTreeBenchmark {

  /** Queries per {@link #query} invocation. */
  static final int BATCH = 1000;

  /** Target neighbourhood size. */
  static final int NEIGHBOURS = 30;

  @Param({"10000", "100000", "1000000"})
  public int n;

  @Param({"2", "3", "10"})
  public int d;

  @Param({"ours", "smile", "elkiSmall", "elkiMemory"})
  public String impl;

  // Inputs: non-final so that the JIT cannot constant-fold them.
  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;
  double radius;
  double[][] queries;
  DoubleVector[] elkiQueries;

  // The index under test, built once for the query benchmark.
  Searcher searcher;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(n, d);
    radius = BenchData.radiusForNeighbours(data, NEIGHBOURS);
    int[] sample = BenchData.sampleRows(n, BATCH, BenchData.SAMPLE_SEED);
    queries = BenchData.copyRows(data, sample);
    if (impl.equals("smile")) {
      CommonPool.requireOff(impl);
      rows = BenchData.rows(data);
    } else if (impl.startsWith("elki")) {
      rows = BenchData.rows(data);
      relation = BenchData.elkiRelation(rows);
      elkiQueries = new DoubleVector[queries.length];
      for (int i = 0; i < queries.length; i++) {
        elkiQueries[i] = DoubleVector.wrap(queries[i]);
      }
    } else if (!impl.equals("ours")) {
      throw new IllegalArgumentException(
          "impl must be ours, smile, elkiSmall, elkiMemory or elkiMinimal, got " + impl);
    }
    searcher = searcher(newIndex());
    check();
  }

  /** Fails unless the implementation under test finds exactly clusterkit's (and brute force's) counts. */
  private void check() {
    Searcher ours = new Ours(KdTree.build(data, Metric.EUCLIDEAN), radius);
    long total = 0;
    for (int i = 0; i < queries.length; i++) {
      int expected = ours.count(i);
      int got = searcher.count(i);
      if (got != expected) {
        throw new IllegalStateException(impl + " found " + got + " neighbours of query " + i + ", clusterkit "
            + expected + " (n=" + n + ", d=" + d + ", radius=" + radius + ")");
      }
      total += got;
    }
    if (impl.equals("ours") && n <= 100_000) {
      Searcher brute = new Ours(BruteForce.of(data, Metric.EUCLIDEAN), radius);
      for (int i = 0; i < queries.length; i++) {
        if (brute.count(i) != ours.count(i)) {
          throw new IllegalStateException("clusterkit found " + ours.count(i) + " neighbours of query " + i
              + ", brute force " + brute.count(i));
        }
      }
    }
    System.out.printf("%n[check] %s n=%d d=%d radius=%.6g mean neighbours %.2f: counts equal clusterkit's"
        + " (common pool workers started: %d)%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, n, d, radius, total / (double) queries.length,
        ForkJoinPool.commonPool().getPoolSize());
  }

  /** Builds the index under test from the prepared input. */
  private Object newIndex() {
    switch (impl) {
      case "ours":
        return KdTree.build(data, Metric.EUCLIDEAN);
      case "smile":
        return SmileKdTree.build(rows);
      case "elkiSmall": {
        SmallMemoryKDTree<NumberVector> t = new SmallMemoryKDTree.Factory<NumberVector>().instantiate(relation);
        t.initialize();
        return t;
      }
      case "elkiMemory": {
        MemoryKDTree<NumberVector> t =
            new MemoryKDTree.Factory<NumberVector>(BoundedMidpointSplit.STATIC, 2).instantiate(relation);
        t.initialize();
        return t;
      }
      case "elkiMinimal": {
        MinimalisticMemoryKDTree<NumberVector> t =
            new MinimalisticMemoryKDTree.Factory<NumberVector>().instantiate(relation);
        t.initialize();
        return t;
      }
      default:
        throw new IllegalArgumentException("impl " + impl);
    }
  }

  @SuppressWarnings("unchecked")
  private Searcher searcher(Object index) {
    switch (impl) {
      case "ours":
        return new Ours((NeighborIndex) index, radius);
      case "smile":
        return SmileKdTree.searcher(index, queries, radius);
      default: {
        DistanceQuery<NumberVector> dq = EuclideanDistance.STATIC.instantiate(relation);
        RangeSearcher<NumberVector> rs =
            ((DistancePriorityIndex<NumberVector>) index).rangeByObject(dq, radius, 0);
        if (rs == null) {
          throw new IllegalStateException("ELKI's " + impl + " offers no range searcher for Euclidean distance");
        }
        return new Elki(rs, elkiQueries, radius);
      }
    }
  }

  /** Build time of the index from data already in the library's input format. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object build() {
    return newIndex();
  }

  /** One batch of {@value #BATCH} radius queries; returns the total neighbour count. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long query() {
    Searcher s = searcher;
    long total = 0;
    for (int i = 0; i < BATCH; i++) {
      total += s.count(i);
    }
    return total;
  }

  /** Counts the neighbours of query {@code i} of the batch, through a library's own range search. */
  interface Searcher {
    int count(int i);
  }

  final class Ours implements Searcher {
    private final NeighborIndex index;
    private final double r;
    private final Neighbors buf = new Neighbors(256);

    Ours(NeighborIndex index, double r) {
      this.index = index;
      this.r = r;
    }

    @Override
    public int count(int i) {
      return index.radius(queries[i], r, buf);
    }
  }

  static final class Elki implements Searcher {
    private final RangeSearcher<NumberVector> rs;
    private final DoubleVector[] q;
    private final double r;
    private final ModifiableDoubleDBIDList buf = DBIDUtil.newDistanceDBIDList(256);

    Elki(RangeSearcher<NumberVector> rs, DoubleVector[] q, double r) {
      this.rs = rs;
      this.q = q;
      this.r = r;
    }

    @Override
    public int count(int i) {
      buf.clear();
      return rs.getRange(q[i], r, buf).size();
    }
  }
}
