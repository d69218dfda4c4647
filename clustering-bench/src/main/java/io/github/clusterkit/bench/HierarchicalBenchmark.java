package io.github.clusterkit.bench;

import elki.clustering.hierarchical.Anderberg;
import elki.clustering.hierarchical.ClusterMergeHistory;
import elki.clustering.hierarchical.NNChain;
import elki.clustering.hierarchical.SLINK;
import elki.clustering.hierarchical.linkage.CompleteLinkage;
import elki.clustering.hierarchical.linkage.GroupAverageLinkage;
import elki.clustering.hierarchical.linkage.SingleLinkage;
import elki.clustering.hierarchical.linkage.WardLinkage;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import elki.distance.minkowski.EuclideanDistance;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Dendrogram;
import io.github.clusterkit.hierarchical.Linkage;
import java.util.Arrays;
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
 * Agglomerative clustering, one complete fit (distance matrix included) per invocation, single-threaded (Smile
 * too, see Threads below):
 * clusterkit {@code Agglomerative} ({@code ours}: the defaults, i.e. for Ward the centroids, O(n d) memory, and
 * SciPy's exact matrix algorithm for complete and average; {@code ours2}: the same with {@code parallelism(2)},
 * which computes a distance matrix on two threads, so for Ward by centroids it is {@code ours} again;
 * {@code oursMatrix} and {@code oursMatrix2}: Ward by SciPy's exact matrix algorithm, {@code wardByCentroids(false)},
 * on one and two threads; {@code oursCentroids} is kept as an alias of {@code ours} for Ward, for older commands)
 * against Smile {@code HierarchicalClustering} (3.1.1; 6.3.0 with {@code -Psmile6}; through
 * {@link SmileHierarchical}: its {@code *Linkage.of} float proximity matrix, then FastPair) and ELKI 0.8.0's
 * algorithms for each linkage: {@code NNChain} and
 * {@code Anderberg} (both on a double distance matrix, every linkage) and {@code SLINK} (single, O(n)
 * memory), all with {@code EuclideanDistance}, so that their heights are SciPy's. One benchmark method per
 * linkage, each with the implementations that support it ({@code impl}); data {@link BenchData#blobs} of
 * shape {@code hierShape}.
 *
 * <p>Results are checked in {@code @Setup}: every implementation's 50 largest merge heights must equal
 * clusterkit's exact result (for Ward, by the matrix) within 1e-9 relative (Smile: 1e-4, its proximity matrix
 * is float).
 *
 * <p>Not included: ELKI's {@code LinearMemoryNNChain} with {@code WardLinkage} (O(n) memory). Its merges
 * follow the plain squared distance between centroids, without Ward's size weight {@code 2 a b / (a + b)}:
 * on blobs(1000, 2) its fourth-last merge joins clusters of 2 and 491 points whose Ward criterion is 36
 * times smaller than that of the merge before, so its tree is not Ward's and fails the check.
 *
 * <p>Threads: Smile computes its proximity matrix ({@code Linkage.proximity}, in 3.1.1 and 6.3) with a parallel
 * stream on the common fork-join pool, i.e. on the calling thread and the pool's workers (one on the 2-core
 * build machine, which takes a share of the rows). The fork therefore sets the common pool's parallelism to 0, so
 * that Smile runs on the calling thread alone like every other single-threaded implementation here (clusterkit
 * and ELKI do not use the common pool); the {@code [check]} line of {@code smile} prints how many workers the
 * pool had started (0 when Smile ran alone). The smoke run ({@code -f 0}) passes the setting to its own JVM;
 * {@link CommonPool#requireOff} fails the setup of a Smile row without it. Runs recorded before this setting, and
 * runs whose command line gave {@code -jvmArgsAppend} while the setting sat in the annotation's
 * {@code jvmArgsAppend} (until 2026-11-27 evening), gave Smile the default pool.
 *
 * <p>Smoke-sized run: {@code -p hierShape=1000x2}.
 */
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HierarchicalBenchmark {

  /** Data and peer inputs of one configuration; subclasses fix the linkage and list the implementations. */
  public abstract static class Base {
    Dataset data;
    double[][] rows;
    Relation<NumberVector> relation;
    Linkage linkage;
    String which;

    void setUp(String shape, String implName, Linkage l) {
      which = implName;
      linkage = l;
      if (which.equals("smile")) {
        CommonPool.requireOff(which);
      }
      data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
      rows = BenchData.rows(data);
      if (which.startsWith("elki")) {
        relation = BenchData.elkiRelation(rows);
      }
      double[] expected = Agglomerative.linkage(l).wardByCentroids(false).fit(data).heights();
      double[] got = heights(run());
      int n = data.size();
      double tol = which.equals("smile") ? 1e-4 : 1e-9;
      int top = Math.min(50, n - 1);
      for (int i = 1; i <= top; i++) {
        double e = expected[n - 1 - i];
        double g = got[n - 1 - i];
        if (!(Math.abs(e - g) <= tol * Math.max(1, Math.abs(e)))) {
          throw new IllegalStateException(which + " " + l + " " + shape + ": merge height " + i
              + " from the top is " + g + ", expected " + e);
        }
      }
      System.out.printf("%n[check] %s %s %s: top %d merge heights agree; top height %.9g%n",
          which.equals("smile") ? "smile " + SmileVersion.NAME + " (common pool workers started: "
              + ForkJoinPool.commonPool().getPoolSize() + ")" : which, l, shape,
          top, got[n - 2]);
    }

    Object run() {
      switch (which) {
        case "ours":
          return Agglomerative.linkage(linkage).fit(data);
        case "ours2":
          return Agglomerative.linkage(linkage).parallelism(2).fit(data);
        case "oursMatrix":
          return Agglomerative.linkage(linkage).wardByCentroids(false).fit(data);
        case "oursMatrix2":
          return Agglomerative.linkage(linkage).wardByCentroids(false).parallelism(2).fit(data);
        case "oursCentroids": // the default since Ward by centroids became it; kept for older commands
          return Agglomerative.linkage(linkage).wardByCentroids(true).fit(data);
        case "smile":
          return SmileHierarchical.fit(rows, linkage);
        case "elkiNNChain":
          return new NNChain<NumberVector>(EuclideanDistance.STATIC, elkiLinkage()).run(relation);
        case "elkiAnderberg":
          return new Anderberg<NumberVector>(EuclideanDistance.STATIC, elkiLinkage()).run(relation);
        case "elkiSLINK":
          return new SLINK<NumberVector>(EuclideanDistance.STATIC).run(relation);
        default:
          throw new IllegalArgumentException("unknown impl " + which);
      }
    }

    private elki.clustering.hierarchical.linkage.Linkage elkiLinkage() {
      switch (linkage) {
        case WARD:
          return WardLinkage.STATIC;
        case COMPLETE:
          return CompleteLinkage.STATIC;
        case AVERAGE:
          return GroupAverageLinkage.STATIC;
        default:
          return SingleLinkage.STATIC;
      }
    }

    /** All merge heights in ascending order, on SciPy's scale. */
    double[] heights(Object result) {
      double[] h;
      if (result instanceof Dendrogram) {
        h = ((Dendrogram) result).heights();
      } else if (SmileHierarchical.isResult(result)) {
        h = SmileHierarchical.heights(result);
      } else {
        ClusterMergeHistory m = (ClusterMergeHistory) result;
        h = new double[m.numMerges()];
        for (int i = 0; i < h.length; i++) {
          h[i] = m.getMergeHeight(i);
        }
      }
      Arrays.sort(h);
      return h;
    }
  }

  /** Ward's linkage. */
  @State(Scope.Benchmark)
  public static class WardState extends Base {
    @Param({"10000x2", "10000x10"})
    public String hierShape;

    @Param({"ours", "oursMatrix", "oursMatrix2", "smile", "elkiNNChain", "elkiAnderberg"})
    public String impl;

    @Setup(Level.Trial)
    public void setUp() {
      setUp(hierShape, impl, Linkage.WARD);
    }
  }

  /** Complete linkage. */
  @State(Scope.Benchmark)
  public static class CompleteState extends Base {
    @Param({"10000x2", "10000x10"})
    public String hierShape;

    @Param({"ours", "ours2", "smile", "elkiNNChain", "elkiAnderberg"})
    public String impl;

    @Setup(Level.Trial)
    public void setUp() {
      setUp(hierShape, impl, Linkage.COMPLETE);
    }
  }

  /** Average linkage (UPGMA). */
  @State(Scope.Benchmark)
  public static class AverageState extends Base {
    @Param({"10000x2", "10000x10"})
    public String hierShape;

    @Param({"ours", "ours2", "smile", "elkiNNChain", "elkiAnderberg"})
    public String impl;

    @Setup(Level.Trial)
    public void setUp() {
      setUp(hierShape, impl, Linkage.AVERAGE);
    }
  }

  /** Single linkage. */
  @State(Scope.Benchmark)
  public static class SingleState extends Base {
    @Param({"10000x2", "10000x10"})
    public String hierShape;

    @Param({"ours", "smile", "elkiNNChain", "elkiAnderberg", "elkiSLINK"})
    public String impl;

    @Setup(Level.Trial)
    public void setUp() {
      setUp(hierShape, impl, Linkage.SINGLE);
    }
  }

  /** One Ward fit. */
  @Benchmark
  public Object ward(WardState s) {
    return s.run();
  }

  /** One complete-linkage fit. */
  @Benchmark
  public Object complete(CompleteState s) {
    return s.run();
  }

  /** One average-linkage fit. */
  @Benchmark
  public Object average(AverageState s) {
    return s.run();
  }

  /** One single-linkage fit. */
  @Benchmark
  public Object single(SingleState s) {
    return s.run();
  }
}
