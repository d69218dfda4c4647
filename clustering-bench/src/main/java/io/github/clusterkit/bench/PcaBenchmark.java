package io.github.clusterkit.bench;

import elki.data.NumberVector;
import elki.database.relation.Relation;
import elki.math.linearalgebra.pca.PCAResult;
import elki.math.linearalgebra.pca.PCARunner;
import elki.math.linearalgebra.pca.StandardCovarianceMatrixBuilder;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
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
 * PCA fit, all {@code d} components (every library computes the full eigen-decomposition): clusterkit
 * {@code Pca.components(d).fit(data)} with its AUTO solver on 1 and 2 threads ({@code ours1}, {@code ours2}),
 * against the pure-Java baselines that run without native code:
 *
 * <ul>
 *   <li>{@code commonsMath}: Commons Math 3.6.1 {@code new Covariance(RealMatrix)} (sample covariance) and
 *       {@code new EigenDecomposition(covariance)}, on a {@code BlockRealMatrix} of the rows made in
 *       {@code @Setup} (the matrix {@code new Covariance(double[][])} would build inside the measured call);</li>
 *   <li>{@code elki}: ELKI 0.8.0 {@code PCARunner(StandardCovarianceMatrixBuilder).processIds(ids, relation)}.</li>
 * </ul>
 *
 * <p>Smile, on request only ({@code -p impl=smile}) and only in the {@code -Psmile6} build (Smile 6.3.0, JDK 25):
 * {@code smile.feature.extraction.PCA.fit(rows)} through {@link SmilePca}. Smile 6 calls the system's
 * OpenBLAS/LAPACK ({@code libopenblas.so.0}) through the foreign-function API, with OpenBLAS's own threads
 * (all cores unless {@code OPENBLAS_NUM_THREADS=1}). Smile 3.1.1, the default build, is not measured: its
 * {@code PCA.fit} (and every other Smile 3.1.1 matrix decomposition) calls native OpenBLAS/LAPACK through
 * bytedeco, which this module excludes; with the exclusion it fails with
 * {@code NoClassDefFoundError: org/bytedeco/openblas/global/openblas}.
 *
 * <p>Results are checked in {@code @Setup}: the peer's sorted eigenvalues equal clusterkit's explained
 * variances within 1e-9 relative (after rescaling if the peer divides by {@code n} instead of
 * {@code n - 1}, or, as Smile 6.3, not at all), and Commons Math's and Smile's eigenvectors equal clusterkit's
 * components up to sign (|cos| within 1e-6 of 1, where the eigenvalues are well separated).
 *
 * <p>Smoke-sized run: {@code -p shape=10000x2}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PcaBenchmark {

  @Param({"1000000x10", "100000x50"})
  public String shape;

  @Param({"ours1", "ours2", "commonsMath", "elki"})
  public String impl;

  Dataset data;
  double[][] rows;
  Relation<NumberVector> relation;
  RealMatrix matrix;
  int d;

  @Setup(Level.Trial)
  public void setUp() {
    data = BenchData.blobs(Shapes.n(shape), Shapes.d(shape));
    d = data.dimension();
    if (impl.equals("commonsMath")) {
      matrix = new BlockRealMatrix(BenchData.rows(data));
    } else if (impl.equals("smile")) {
      rows = BenchData.rows(data);
    } else if (impl.equals("elki")) {
      relation = BenchData.elkiRelation(BenchData.rows(data));
    }
    PcaModel ours = Pca.components(d).fit(data);
    double[] expected = ours.explainedVariance();
    Object r = run();
    double[] values;
    double[][] vectors = null;
    if (r instanceof PcaModel) {
      values = ((PcaModel) r).explainedVariance();
      vectors = ((PcaModel) r).components();
    } else if (SmilePca.isResult(r)) {
      values = SmilePca.eigenvalues(r);
      vectors = SmilePca.components(r);
    } else if (r instanceof EigenDecomposition) {
      EigenDecomposition e = (EigenDecomposition) r;
      values = e.getRealEigenvalues().clone();
      vectors = new double[d][];
      Integer[] order = new Integer[d];
      for (int i = 0; i < d; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
      double[] sorted = new double[d];
      for (int i = 0; i < d; i++) {
        sorted[i] = e.getRealEigenvalues()[order[i]];
        vectors[i] = e.getEigenvector(order[i]).toArray();
      }
      System.arraycopy(sorted, 0, values, 0, d);
    } else {
      values = ((PCAResult) r).getEigenvalues().clone();
    }
    double[] v = values.clone();
    Arrays.sort(v);
    for (int i = 0; i < d / 2; i++) {
      double t = v[i];
      v[i] = v[d - 1 - i];
      v[d - 1 - i] = t;
    }
    // Peers differ in the divisor: n - 1 (clusterkit, Commons Math), n (ELKI), or none (Smile 6.3's
    // variance() is the eigenvalue of the centred scatter matrix, n - 1 times the sample variance).
    double n = data.size();
    double scale = 1.0;
    for (double s : new double[] {1.0, n / (n - 1), 1.0 / (n - 1)}) {
      if (closeAll(v, expected, s)) {
        scale = s;
        break;
      }
    }
    if (!closeAll(v, expected, scale)) {
      throw new IllegalStateException(impl + " eigenvalues " + Arrays.toString(v) + " differ from clusterkit's "
          + Arrays.toString(expected));
    }
    if (vectors != null) {
      double[][] comps = ours.components();
      for (int i = 0; i < d; i++) {
        boolean separated = (i == 0 || expected[i - 1] - expected[i] > 1e-3 * expected[0])
            && (i == d - 1 || expected[i] - expected[i + 1] > 1e-3 * expected[0]);
        double cos = 0;
        for (int j = 0; j < d; j++) {
          cos += comps[i][j] * vectors[i][j];
        }
        if (separated && Math.abs(Math.abs(cos) - 1) > 1e-6) {
          throw new IllegalStateException(impl + " component " + i + " differs from clusterkit's: |cos| = "
              + Math.abs(cos));
        }
      }
    }
    System.out.printf("%n[check] %s %s: %d eigenvalues equal to clusterkit's within 1e-9 relative%s (largest %.6e)%n",
        impl.equals("smile") ? "smile " + SmileVersion.NAME : impl, shape, d,
        scale == 1.0 ? "" : scale > 1.0 ? " after the n/(n-1) rescaling" : " after dividing by n - 1", expected[0]);
  }

  private static boolean closeAll(double[] peer, double[] ours, double scale) {
    for (int i = 0; i < ours.length; i++) {
      double p = peer[i] * scale;
      if (!(Math.abs(p - ours[i]) <= 1e-9 * Math.max(Math.abs(ours[0]), 1e-300))) {
        return false;
      }
    }
    return true;
  }

  /** One complete PCA fit with the configured library. */
  @Benchmark
  public Object fit() {
    return run();
  }

  private Object run() {
    switch (impl) {
      case "ours1":
        return Pca.components(d).fit(data);
      case "ours2":
        return Pca.components(d).parallelism(2).fit(data);
      case "commonsMath":
        RealMatrix cov = new Covariance(matrix).getCovarianceMatrix();
        return new EigenDecomposition(cov);
      case "smile":
        return SmilePca.fit(rows);
      case "elki":
        return new PCARunner(new StandardCovarianceMatrixBuilder()).processIds(relation.getDBIDs(), relation);
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }
}
