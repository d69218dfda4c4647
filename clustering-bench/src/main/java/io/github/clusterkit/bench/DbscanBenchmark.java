package io.github.clusterkit.bench;

import elki.clustering.dbscan.DBSCAN;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.query.QueryBuilder;
import elki.database.relation.Relation;
import elki.distance.minkowski.EuclideanDistance;
import elki.index.Index;
import elki.index.tree.spatial.kd.MemoryKDTree;
import elki.index.tree.spatial.kd.SmallMemoryKDTree;
import elki.index.tree.spatial.kd.split.BoundedMidpointSplit;
import elki.result.Metadata;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
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
 * DBSCAN end to end (index build included), minPts 10 counting the point itself, the same eps for every
 * library, same data, same run: clusterkit on 1 and 2 threads ({@code ours1}, {@code ours2}; its default
 * search, a grid for d <= 3) and forced onto its KD-tree ({@code oursKdTree}, 1 thread), Smile (3.1.1; 6.3.0
 * with {@code -Psmile6}) {@code DBSCAN.fit(data, minPts - 1, eps)} through {@link SmileDbscan} (Smile does not
 * count the point itself; it builds its own KD-tree),
 * and ELKI 0.8.0 {@code DBSCAN} with an explicitly configured k-d tree index built inside the measured call
 * ({@code elkiSmall}: SmallMemoryKDTree, leaf size 1; {@code elkiMemory}: MemoryKDTree, bounded midpoint
 * split, leaf size 2). Commons Math is in {@link DbscanCommonsMathBenchmark} (n = 10^4 only).
 *
 * <p>Shapes and eps (PEERS.md): 10^5 x 2 eps 0.14, 10^6 x 2 eps 0.045, 10^5 x 3 eps 0.48, 10^5 x 10 eps 2.5;
 * 10^4 x 2 eps 0.44 (0.14 scaled by sqrt(10) for the 10x lower density; 2000 x 2, eps 0.98, for smoke runs). Another
 * shape needs an explicit eps:
 * {@code -p shape=20000x2 -p eps=0.3}.
 *
 * <p>Results are checked in {@code @Setup}: every library's noise set, cluster count and partition of the core
 * points must equal clusterkit's ({@link DbscanChecks}); ELKI must have picked up the configured index.
 *
 * <p>Warm-up: the defaults (2 warm-up fits) suit the long fits of the peers. For clusterkit's short fits give
 * more: at 10^5 x 2 (about 20 ms a fit) with 15 warm-up fits the JIT was still compiling during the measured
 * fits (JMH {@code -prof comp}), more so on two threads; docs/benchmarks.md uses {@code -wi 100 -i 20} there and
 * {@code -wi 30 -i 10} at 10^6 x 2 and 10^5 x 3 for the one-against-two-threads rows.
 *
 * <p>Threads: every library runs on the calling thread except {@code ours2} (clusterkit on two threads, its own
 * worker, never the common pool). Smile 3.1.1's {@code DBSCAN.fit} starts no thread (three fits at 10^5 x 2: no
 * common fork-join pool worker started, no task stolen); the fork nevertheless sets the common pool's parallelism
 * to 0, as {@link KMeansBenchmark} does, so that Smile stays on the calling thread even in a version whose DBSCAN
 * uses a parallel stream ({@code -Psmile6} could not be run on the build machine). The setting changes nothing for
 * clusterkit or ELKI. The {@code [check]} line prints how many workers the common pool had started (0 with the
 * setting). {@link CommonPool#requireOff} fails the setup of a Smile row run without the
 * setting (the smoke run, {@code -f 0}, passes it to its own JVM). The setting sits in {@code @Fork(jvmArgs)}:
 * until 2026-11-27 evening it sat in {@code jvmArgsAppend}, which a command line's {@code -jvmArgsAppend}
 * replaces, so runs given {@code -jvmArgsAppend} then, like the runs recorded before the setting, gave Smile the
 * default pool.
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DbscanBenchmark {

  static final int MIN_PTS = 10;

  @Param({"10000x2", "100000x2", "1000000x2", "100000x3", "100000x10"})
  public String shape;

  /** 0 = the table above. */
  @Param({"0"})
  public double eps;

  @Param({"ours1", "ours2", "oursKdTree", "smile", "elkiSmall", "elkiMemory"})
  public String impl;

  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;
  double radius;

  /** The eps of a shape, from PEERS.md. */
  static double epsFor(String shape) {
    switch (shape) {
      case "2000x2":
        return 0.98;
      case "10000x2":
        return 0.44;
      case "100000x2":
        return 0.14;
      case "1000000x2":
        return 0.045;
      case "100000x3":
        return 0.48;
      case "100000x10":
        return 2.5;
      default:
        throw new IllegalArgumentException("no eps known for shape " + shape + ": pass -p eps=...");
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
    radius = eps > 0 ? eps : epsFor(shape);
    if (impl.equals("smile")) {
      CommonPool.requireOff(impl);
      rows = BenchData.rows(data);
    } else if (impl.startsWith("elki")) {
      relation = BenchData.elkiRelation(BenchData.rows(data));
      requireElkiUsesIndex();
    }
    DbscanModel ours = Dbscan.eps(radius).minPts(MIN_PTS).fit(data);
    int clusters = DbscanChecks.requireSameClustering(impl, ours.labels(), ours.coreMask(), labels(run()));
    System.out.printf("%n[check] %s %s eps=%s minPts=%d: %d clusters, %d noise, %d core; equal to clusterkit's"
        + " (common pool workers started: %d)%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, shape, radius, MIN_PTS, clusters, ours.noiseCount(),
        ours.coreCount(), ForkJoinPool.commonPool().getPoolSize());
  }

  /** One complete DBSCAN run with the configured library. */
  @Benchmark
  public Object fit() {
    return run();
  }

  private Object run() {
    switch (impl) {
      case "ours1":
        return Dbscan.eps(radius).minPts(MIN_PTS).fit(data);
      case "ours2":
        return Dbscan.eps(radius).minPts(MIN_PTS).parallelism(2).fit(data);
      case "oursKdTree":
        return Dbscan.eps(radius).minPts(MIN_PTS).search(Dbscan.Search.KD_TREE).fit(data);
      case "smile":
        return SmileDbscan.fit(rows, MIN_PTS - 1, radius);
      case "elkiSmall":
      case "elkiMemory":
        return elki();
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }

  private Index newElkiIndex() {
    Index index = impl.equals("elkiSmall")
        ? new SmallMemoryKDTree.Factory<NumberVector>(1).instantiate(relation)
        : new MemoryKDTree.Factory<NumberVector>(BoundedMidpointSplit.STATIC, 2).instantiate(relation);
    index.initialize();
    return index;
  }

  /** ELKI's DBSCAN with the index built and attached to the relation, as its database would do. */
  private Clustering<Model> elki() {
    Index index = newElkiIndex();
    Metadata.hierarchyOf(relation).addChild(index);
    try {
      return new DBSCAN<NumberVector>(EuclideanDistance.STATIC, radius, MIN_PTS).run(relation);
    } finally {
      Metadata.hierarchyOf(relation).removeChild(index);
    }
  }

  private void requireElkiUsesIndex() {
    Index index = newElkiIndex();
    Metadata.hierarchyOf(relation).addChild(index);
    try {
      // DBSCAN asks by DBID, which ELKI answers by wrapping the object searcher that this returns
      Object searcher = new QueryBuilder<>(relation, EuclideanDistance.STATIC).rangeByObject(radius);
      String name = searcher.getClass().getName();
      if (!name.contains("KDTree")) {
        throw new IllegalStateException("ELKI answers range queries with " + name + ", not the k-d tree");
      }
    } finally {
      Metadata.hierarchyOf(relation).removeChild(index);
    }
  }

  private int[] labels(Object result) {
    int n = data.size();
    if (result instanceof DbscanModel) {
      return ((DbscanModel) result).labels();
    }
    if (SmileDbscan.isResult(result)) {
      return SmileDbscan.labels(result);
    }
    @SuppressWarnings("unchecked")
    List<Cluster<Model>> clusters = ((Clustering<Model>) result).getAllClusters();
    DBIDRange ids = (DBIDRange) relation.getDBIDs();
    int[] y = new int[n];
    int next = 0;
    for (Cluster<Model> c : clusters) {
      int label = c.isNoise() ? -1 : next++;
      for (DBIDIter it = c.getIDs().iter(); it.valid(); it.advance()) {
        y[ids.getOffset(it)] = label;
      }
    }
    return y;
  }
}
