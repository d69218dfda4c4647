package io.github.clusterkit.bench;

import elki.data.NumberVector;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.DoubleRelation;
import elki.database.relation.Relation;
import elki.result.outlier.OutlierResult;
import elki.utilities.random.RandomFactory;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import java.util.Arrays;
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
 * Isolation Forest on {@link BenchData#blobs} of shape {@code shape} (10^5 and 10^6 rows of 10 columns: 10 Gaussian
 * blobs and 5% uniform noise, the planted outliers): clusterkit against Smile's and ELKI 0.8.0's
 * {@code IsolationForest}, every library in the same run on the same rows, one shot = grow 100 trees on subsamples
 * of 256 rows (scikit-learn's defaults) and score every training row.
 *
 * <p>Implementations ({@code impl}):
 * <ul>
 *   <li>{@code ours1}, {@code ours2}: clusterkit {@code IsolationForest.trees(100).sampleSize(256).fit(data)}, whose
 *   model holds the scores of every row, on 1 and 2 threads (trees grown, then rows scored, in parallel).</li>
 *   <li>{@code smile}: Smile's {@code IsolationForest.fit(rows, 100 trees, maxDepth 8, subsample 256 / n,
 *   extensionLevel 0)} then {@code score(rows)} ({@link SmileIsolationForest}); its trees are grown in a parallel
 *   stream, on the calling thread here (the fork's common pool has parallelism 0).</li>
 *   <li>{@code elki}: ELKI's {@code elki.outlier.density.IsolationForest(100, 256, RandomFactory(42))} run on a
 *   relation of the rows: the forest and every row's score.</li>
 * </ul>
 *
 * <p>Checks in {@code @Setup} (printed as {@code [check]}): every implementation's scores rank the planted noise
 * (label -1) above the blobs with a ROC AUC of at least 0.8 (at 2 columns some noise falls inside the blobs;
 * about 0.88 at 10^4 x 2) and within 0.05 of {@code ours1}'s (their random
 * streams differ, so their scores do not agree row by row; their Pearson correlation with {@code ours1}'s is printed);
 * {@code ours2}'s scores must equal {@code ours1}'s exactly. Otherwise the setup fails.
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = CommonPool.OFF, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IsolationForestBenchmark {

  /** Trees of every library (scikit-learn's default). */
  static final int TREES = 100;
  /** Rows of each tree's subsample (scikit-learn's default for n above 256). */
  static final int SAMPLE = 256;
  /** ceil(log2(SAMPLE)), the depth limit of every library. */
  static final int DEPTH = 8;

  @Param({"100000x10", "1000000x10"})
  public String shape;

  @Param({"ours1", "ours2", "smile", "elki"})
  public String impl;

  Dataset data;
  double[][] rows;
  boolean[] noise;
  Relation<NumberVector> relation;

  @Setup(Level.Trial)
  public void setUp() {
    int n = Shapes.n(shape);
    int d = Shapes.d(shape);
    LabeledDataset blobs = Generators.blobs(n, d, 10, 1.0, 0.05, BenchData.DATA_SEED);
    data = blobs.data();
    rows = BenchData.rows(data);
    int[] labels = blobs.labels();
    noise = new boolean[n];
    for (int i = 0; i < n; i++) {
      noise[i] = labels[i] == -1;
    }
    if (impl.equals("smile")) {
      CommonPool.requireOff(impl);
    }
    if (impl.equals("elki")) {
      relation = BenchData.elkiRelation(rows);
    }
    double[] reference = scores(run("ours1"));
    double[] got = scores(run(impl));
    double aucOurs = auc(reference, noise);
    double auc = auc(got, noise);
    String note = "";
    if (impl.equals("ours2")) {
      if (!Arrays.equals(reference, got)) {
        throw new IllegalStateException("ours2 " + shape + ": scores differ from ours1's");
      }
      note = "; scores = ours1's";
    }
    if (!(auc >= 0.8) || !(Math.abs(auc - aucOurs) <= 0.05)) {
      throw new IllegalStateException(impl + " " + shape + ": AUC of the planted noise " + auc + ", ours1 " + aucOurs
          + " (must be >= 0.8 and within 0.05)");
    }
    System.out.printf("%n[check] %s %s: AUC of the noise %.4f (ours1 %.4f), correlation with ours1 %.3f%s%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, shape, auc, aucOurs,
        correlation(reference, got), note);
  }

  /** One shot: grow the forest, score every row. */
  @Benchmark
  public Object fit() {
    return run(impl);
  }

  private Object run(String which) {
    switch (which) {
      case "ours1":
        return IsolationForest.trees(TREES).sampleSize(SAMPLE).fit(data);
      case "ours2":
        return IsolationForest.trees(TREES).sampleSize(SAMPLE).parallelism(2).fit(data);
      case "smile":
        return SmileIsolationForest.fitAndScore(rows, TREES, DEPTH, Math.min(1.0, SAMPLE / (double) rows.length));
      case "elki":
        return new elki.outlier.density.IsolationForest(TREES, Math.min(SAMPLE, rows.length),
            new RandomFactory(42L)).run(relation);
      default:
        throw new IllegalArgumentException("unknown impl " + which);
    }
  }

  private double[] scores(Object result) {
    if (result instanceof IsolationForestModel) {
      return ((IsolationForestModel) result).scores();
    }
    if (result instanceof double[]) {
      return (double[]) result;
    }
    DoubleRelation s = ((OutlierResult) result).getScores();
    DBIDRange ids = (DBIDRange) relation.getDBIDs();
    double[] out = new double[rows.length];
    for (DBIDIter it = ids.iter(); it.valid(); it.advance()) {
      out[ids.getOffset(it)] = s.doubleValue(it);
    }
    return out;
  }

  /**
   * ROC AUC of scores (higher = outlier) against the labels: the Mann-Whitney statistic from ranks, ties given their
   * average rank.
   */
  static double auc(double[] scores, boolean[] positive) {
    double[] all = scores.clone();
    Arrays.sort(all);
    long p = 0;
    double rankSum = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!positive[i]) {
        continue;
      }
      p++;
      int below = lowerBound(all, scores[i]);
      int upTo = lowerBound(all, Math.nextUp(scores[i]));
      rankSum += below + (upTo - below + 1) / 2.0;
    }
    long q = scores.length - p;
    return (rankSum - p * (p + 1) / 2.0) / ((double) p * q);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static double correlation(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
