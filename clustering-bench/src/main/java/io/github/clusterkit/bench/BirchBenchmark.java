package io.github.clusterkit.bench;

import elki.clustering.hierarchical.birch.BIRCHKMeansPlusPlus;
import elki.clustering.hierarchical.birch.BIRCHLeafClustering;
import elki.clustering.hierarchical.birch.BIRCHLloydKMeans;
import elki.clustering.hierarchical.birch.CFTree;
import elki.clustering.hierarchical.birch.CentroidEuclideanDistance;
import elki.clustering.hierarchical.birch.RadiusCriterion;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import elki.utilities.random.RandomFactory;
import io.github.clusterkit.birch.Birch;
import io.github.clusterkit.birch.BirchModel;
import io.github.clusterkit.data.Dataset;
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
 * BIRCH on {@link BenchData#blobs} of shape {@code birchShape} (10^5 and 10^6 rows, 2 and 10 columns): clusterkit
 * against ELKI 0.8.0's CF-tree clusterings and Smile's BIRCH, every library in the same run on the same rows, one
 * fit per shot: the tree built from every row in order, then every row labelled.
 *
 * <p>Settings shared where the libraries allow: branching factor 50 (scikit-learn's default) and the threshold of
 * {@code birchThreshold}: {@code auto} is 0.5 at 2 columns and 3.0 above, which give about 670 and 5,000 leaf
 * subclusters at 10^5 rows (the blobs have standard deviation 1 and 5% of uniform noise in {@code [-10, 10]^d}, each
 * noise row at 10 columns a subcluster of its own, so a threshold as small as at 2 columns would leave tens of
 * thousands).
 *
 * <p>Implementations ({@code impl}):
 * <ul>
 *   <li>{@code ours1}, {@code ours2}: clusterkit {@code Birch} without global step ({@code clusters(0)}, scikit-learn's
 *   {@code n_clusters=None}): the tree, then each row labelled with its nearest subcluster (an exact search that
 *   starts from the subcluster the row joined), on 1 and 2 threads (the threads only label rows; the tree is
 *   sequential).</li>
 *   <li>{@code oursWard} (on request): the same with {@code clusters(10)}, Ward's linkage by centroids on the
 *   subclusters ({@code wardByCentroids(true)}: the matrix of SciPy's algorithm would need {@code 4 m^2} bytes for
 *   {@code m} subclusters), as scikit-learn's default global step; {@code O(m^2 d)}, so at the smaller shapes.</li>
 *   <li>{@code elki}: ELKI's {@code BIRCHLeafClustering} (every leaf entry a cluster, every row assigned to the entry
 *   its tree descent reaches) with {@code CFTree.Factory(CentroidEuclideanDistance, RadiusCriterion, threshold, 50,
 *   maxleaves n + 1)}: the same insertion distance (to the centroid) and absorption test (the merged radius at most
 *   the threshold) as scikit-learn's rules, no tree rebuild (ELKI rebuilds with a larger threshold when the leaf
 *   entries exceed {@code maxleaves}). Its labels follow the tree descent, not the nearest centroid.</li>
 *   <li>{@code elkiKMeans} (on request): ELKI's {@code BIRCHLloydKMeans}, k-means with k = 10 on the clustering
 *   features (k-means++ on them, seed 42, at most 100 iterations): a global step of its own kind.</li>
 *   <li>{@code smile}: Smile's {@code BIRCH(d, B = 50, L = 50, T = threshold)} ({@link SmileBirch}): every row
 *   inserted, then every row quantized to a leaf centroid; no global step, and its absorption rule is its own (its
 *   number of leaf centroids is printed, not compared).</li>
 * </ul>
 *
 * <p>Checks in {@code @Setup} (printed as {@code [check]}): every row prints its number of leaf subclusters beside
 * {@code ours1}'s; {@code ours2}'s model must equal {@code ours1}'s state and labels (else the setup fails). ELKI's
 * count is printed with whether it equals ours: its CF tree splits and descends by its own rules (the farthest pair
 * of the node by the insertion distance, distances from clustering features rather than scikit-learn's expanded
 * formula), so equal counts are not expected in general; a difference is reported, not failed.
 *
 * <p>Smoke-sized run: {@code -p birchShape=20000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BirchBenchmark {

  /** Branching factor of every library (Smile: inner nodes and leaves). */
  static final int BRANCHING = 50;
  /** Clusters of the global steps that have one ({@code oursWard}, {@code elkiKMeans}): the blobs' count. */
  static final int K = 10;

  @Param({"100000x2", "100000x10", "1000000x2", "1000000x10"})
  public String birchShape;

  @Param({"auto"})
  public String birchThreshold;

  /** The main rows; {@code oursWard} and {@code elkiKMeans} on request. */
  @Param({"ours1", "ours2", "elki", "smile"})
  public String impl;

  Dataset data;
  double[][] rows;
  double threshold;
  Relation<NumberVector> relation;
  final double[] sink = new double[1];

  @Setup(Level.Trial)
  public void setUp() {
    int n = Shapes.n(birchShape);
    int d = Shapes.d(birchShape);
    data = BenchData.blobs(n, d);
    rows = BenchData.rows(data);
    threshold = birchThreshold.equals("auto") ? (d <= 2 ? 0.5 : 3.0) : Double.parseDouble(birchThreshold);
    if (impl.startsWith("elki")) {
      relation = BenchData.elkiRelation(rows);
    }
    BirchModel reference = (BirchModel) run("ours1");
    int expected = reference.subclusterCount();
    Object result = run(impl);
    int count = subclusters(result);
    String note = "";
    if (impl.equals("ours2")) {
      BirchModel m = (BirchModel) result;
      if (!m.state().equals(reference.state())) {
        throw new IllegalStateException("ours2 " + birchShape + ": model differs from ours1's");
      }
      note = "; model = ours1's";
    } else if (impl.equals("elki")) {
      note = count == expected ? "; leaf entries = ours1's subclusters" : "; leaf entries differ from ours1's";
    }
    System.out.printf("%n[check] %s %s threshold %s: %d leaf subclusters (ours1 %d)%s%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, birchShape, threshold, count, expected, note);
  }

  /** One fit: the tree from every row, the global step if any, every row labelled. */
  @Benchmark
  public Object fit() {
    return run(impl);
  }

  private Object run(String which) {
    switch (which) {
      case "ours1":
        return Birch.threshold(threshold).branchingFactor(BRANCHING).clusters(0).fit(data);
      case "ours2":
        return Birch.threshold(threshold).branchingFactor(BRANCHING).clusters(0).parallelism(2).fit(data);
      case "oursWard":
        return Birch.threshold(threshold).branchingFactor(BRANCHING).clusters(K).wardByCentroids(true).fit(data);
      case "elki":
        return new BIRCHLeafClustering(factory()).run(relation);
      case "elkiKMeans":
        return new BIRCHLloydKMeans(factory(), K, 100, new BIRCHKMeansPlusPlus(new RandomFactory(42L)))
            .run(relation);
      case "smile":
        return SmileBirch.fit(rows, BRANCHING, threshold, sink);
      default:
        throw new IllegalArgumentException("unknown impl " + which);
    }
  }

  private CFTree.Factory factory() {
    return new CFTree.Factory(CentroidEuclideanDistance.STATIC, RadiusCriterion.STATIC, threshold, BRANCHING,
        rows.length + 1.0);
  }

  private int subclusters(Object result) {
    if (result instanceof BirchModel) {
      return ((BirchModel) result).subclusterCount();
    }
    if (result instanceof Clustering) {
      return ((Clustering<?>) result).getAllClusters().size();
    }
    return SmileBirch.centroids(result);
  }
}
