package io.github.clusterkit.gmm.internal;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GMM issue's choice "Cholesky factors of the covariances: EJML or hand-written for small d, whichever is
 * faster; measure": the factor GMM needs per component and iteration is {@code L^-1} of {@code Sigma = L L^T}
 * (packed) and {@code -sum log L_rr}. {@code ours} is the hand-written {@code Mixture.inverseCholesky} (this
 * class sits in its package to reach it); {@code ejml} is EJML's {@code CholeskyDecompositionInner_DDRM}
 * followed by {@code TriangularSolver_DDRM.invertLower}, on a copy of the same matrix. Both results are
 * compared in {@code @Setup}. One operation factors one {@code d x d} covariance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CholeskyBenchmark {

  /** Dimension of the covariance. */
  @Param({"3", "10", "50"})
  public int d;

  private double[] sigma;
  private double[] packed;
  private DMatrixRMaj work;
  private CholeskyDecompositionInner_DDRM ejml;

  /** A random symmetric positive definite matrix (B B^T / d + I), and a check that both factors agree. */
  @Setup
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] b = new double[d * d];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextGaussian();
    }
    sigma = new double[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        double s = 0;
        for (int m = 0; m < d; m++) {
          s += b[r * d + m] * b[c * d + m];
        }
        sigma[r * d + c] = s / d + (r == c ? 1 : 0);
      }
    }
    packed = new double[d * (d + 1) / 2];
    work = new DMatrixRMaj(d, d);
    ejml = new CholeskyDecompositionInner_DDRM(true);
    double oursHalf = Mixture.inverseCholesky(sigma, 0, d, packed, 0, 0, null, 0);
    double ejmlHalf = ejml();
    double[] inv = work.data;
    for (int r = 0; r < d; r++) {
      for (int c = 0; c <= r; c++) {
        double a = packed[r * (r + 1) / 2 + c];
        double e = inv[r * d + c];
        if (!(Math.abs(a - e) <= 1e-10 * Math.max(1, Math.abs(e)))) {
          throw new IllegalStateException("L^-1 differs at " + r + "," + c + ": " + a + " vs " + e);
        }
      }
    }
    if (!(Math.abs(oursHalf - ejmlHalf) <= 1e-10 * Math.max(1, Math.abs(ejmlHalf)))) {
      throw new IllegalStateException("log-determinants differ: " + oursHalf + " vs " + ejmlHalf);
    }
    System.out.println("[check] Cholesky d=" + d + ": L^-1 and log-determinant equal within 1e-10");
  }

  private double ejml() {
    System.arraycopy(sigma, 0, work.data, 0, sigma.length);
    if (!ejml.decompose(work)) {
      throw new IllegalStateException("EJML: not positive definite");
    }
    double[] l = work.data; // lower triangle now holds L (upper part left as it was)
    double half = 0;
    for (int r = 0; r < d; r++) {
      half -= Math.log(l[r * d + r]);
      for (int c = r + 1; c < d; c++) {
        l[r * d + c] = 0;
      }
    }
    TriangularSolver_DDRM.invertLower(l, d);
    return half;
  }

  /** Hand-written Cholesky and inverse of the factor (packed). */
  @Benchmark
  public double ours() {
    return Mixture.inverseCholesky(sigma, 0, d, packed, 0, 0, null, 0) + packed[0];
  }

  /** EJML's Cholesky and inverse of the factor. */
  @Benchmark
  public double ejmlCholesky() {
    return ejml() + work.data[0];
  }
}
