package io.github.clusterkit.bench;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
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
 * Commons Math 3.6.1 {@code DBSCANClusterer} (O(n^2): a linear scan per point), at n = 10^4 only, with
 * {@code minPts - 1} because Commons Math does not count the point itself. Same data, eps and result check as
 * {@link DbscanBenchmark}; clusterkit's 1-thread time is repeated here for a ratio taken in one run.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DbscanCommonsMathBenchmark {

  /** Named apart from {@link DbscanBenchmark#shape} so that the smoke run can shrink it on its own. */
  @Param({"10000x2"})
  public String cmShape;

  @Param({"0"})
  public double eps;

  @Param({"ours1", "commonsMath"})
  public String impl;

  Dataset data;
  List<Point> points;
  double radius;

  /** A Commons Math point that remembers its row. */
  static final class Point implements Clusterable {
    final int row;
    final double[] x;

    Point(int row, double[] x) {
      this.row = row;
      this.x = x;
    }

    @Override
    public double[] getPoint() {
      return x;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(cmShape), Shapes.d(cmShape));
    radius = eps > 0 ? eps : DbscanBenchmark.epsFor(cmShape);
    points = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      points.add(new Point(i, data.row(i)));
    }
    DbscanModel ours = Dbscan.eps(radius).minPts(DbscanBenchmark.MIN_PTS).fit(data);
    int[] labels;
    Object r = run();
    if (r instanceof DbscanModel) {
      labels = ((DbscanModel) r).labels();
    } else {
      labels = new int[data.size()];
      Arrays.fill(labels, -1);
      @SuppressWarnings("unchecked")
      List<Cluster<Point>> clusters = (List<Cluster<Point>>) r;
      for (int c = 0; c < clusters.size(); c++) {
        for (Point p : clusters.get(c).getPoints()) {
          labels[p.row] = c;
        }
      }
    }
    int k = DbscanChecks.requireSameClustering(impl, ours.labels(), ours.coreMask(), labels);
    System.out.printf("%n[check] %s %s eps=%s: %d clusters, %d noise; equal to clusterkit's%n",
        impl, cmShape, radius, k, ours.noiseCount());
  }

  @Benchmark
  public Object fit() {
    return run();
  }

  private Object run() {
    if (impl.equals("ours1")) {
      return Dbscan.eps(radius).minPts(DbscanBenchmark.MIN_PTS).fit(data);
    }
    if (impl.equals("commonsMath")) {
      return new DBSCANClusterer<Point>(radius, DbscanBenchmark.MIN_PTS - 1).cluster(points);
    }
    throw new IllegalArgumentException("unknown impl " + impl);
  }
}
