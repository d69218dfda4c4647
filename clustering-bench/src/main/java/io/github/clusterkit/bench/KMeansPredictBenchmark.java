package io.github.clusterkit.bench;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import java.util.ArrayList;
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
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.kmeans.KMeansTrainer;

/**
 * Assigning every row of a table to the nearest of {@code k = 10} centroids (batch scoring of customers with a
 * fitted model): clusterkit's {@code KMeansModel.predict(Dataset)}, Smile's {@code predict(double[])} row by row
 * (its only form; {@link SmileKMeans}) and Tribuo's {@code Model.predict(Example)} on the examples it was trained on
 * (made in {@code @Setup}, not timed). ELKI and Commons Math have no predict. Each library predicts with its own
 * model (20 centroid moves from its own k-means++ on the same data, fitted in {@code @Setup}; Smile's
 * {@code maxIter} 19 is 20 moves, see {@link SmileKMeans#fixed}): a prediction costs {@code k} distances a row
 * whatever the centroids.
 *
 * <p>Checked in {@code @Setup}: clusterkit's labels equal its model's training labels (which are the nearest centroids
 * of its final centroids); Smile's and Tribuo's labels equal the nearest of their own centroids as a plain scan finds
 * them on at least 99.9% of the rows (their distance arithmetic may round a near tie the other way).
 *
 * <p>Data: {@link BenchData#blobs}. One thread for every library in the timed {@code predict}: Smile's
 * {@code predict} (a loop over the centroids in 3.1.1 and 6.x) and Tribuo's start no thread (three timed calls at
 * 10^5 x 50 with Smile 3.1.1: no common fork-join pool task stolen); Smile's K-Means fit in {@code @Setup}, which
 * is not timed, does use the common pool (see {@link KMeansBenchmark}). Smoke-sized run:
 * {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KMeansPredictBenchmark {

  static final int K = 10;

  @Param({"1000000x10", "100000x50"})
  public String shape;

  @Param({"ours", "smile", "tribuo"})
  public String impl;

  Dataset data;
  double[][] rows;
  KMeansModel ours;
  Object smile;
  org.tribuo.Model<ClusterID> tribuo;
  List<Example<ClusterID>> examples;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
    rows = BenchData.rows(data);
    double[][] centroids;
    switch (impl) {
      case "ours":
        ours = KMeans.k(K).seed(KMeansBenchmark.SEED).maxIterations(20).tolerance(0).fit(data);
        int[] p = ours.predict(data);
        if (!java.util.Arrays.equals(p, ours.labels())) {
          throw new IllegalStateException("predict differs from the training labels");
        }
        return;
      case "smile":
        smile = SmileKMeans.fixed(rows, K, KMeansBenchmark.ITERATIONS, KMeansBenchmark.SEED);
        centroids = SmileKMeans.centroids(smile);
        break;
      case "tribuo":
        MutableDataset<ClusterID> train = KMeansBenchmark.tribuoDataset(rows);
        org.tribuo.clustering.kmeans.KMeansModel m = new KMeansTrainer(K, 20, KMeansTrainer.Distance.EUCLIDEAN,
            KMeansTrainer.Initialisation.PLUSPLUS, 1, KMeansBenchmark.SEED).train(train);
        tribuo = m;
        examples = new ArrayList<>(train.getData());
        centroids = new double[K][];
        org.tribuo.math.la.DenseVector[] c = m.getCentroidVectors();
        for (int j = 0; j < K; j++) {
          centroids[j] = c[j].toArray();
        }
        break;
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
    int[] got = predict();
    int agree = 0;
    for (int i = 0; i < rows.length; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int j = 0; j < centroids.length; j++) {
        double s = 0;
        for (int t = 0; t < rows[i].length; t++) {
          double u = rows[i][t] - centroids[j][t];
          s += u * u;
        }
        if (s < bd) {
          bd = s;
          best = j;
        }
      }
      agree += got[i] == best ? 1 : 0;
    }
    if (agree < 0.999 * rows.length) {
      throw new IllegalStateException(impl + " predicts the nearest centroid on " + agree + " of " + rows.length
          + " rows");
    }
  }

  @Benchmark
  public int[] predict() {
    switch (impl) {
      case "ours":
        return ours.predict(data);
      case "smile": {
        int[] out = new int[rows.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = SmileKMeans.predict(smile, rows[i]);
        }
        return out;
      }
      case "tribuo": {
        int[] out = new int[examples.size()];
        for (int i = 0; i < out.length; i++) {
          Prediction<ClusterID> pr = tribuo.predict(examples.get(i));
          out[i] = pr.getOutput().getID();
        }
        return out;
      }
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }
}
