package io.github.clusterkit.gmm.internal;

import io.github.clusterkit.gmm.CovarianceType;
import java.util.Arrays;

/**
 * One EM run over one dataset (Dempster, Laird and Rubin 1977), reproducing scikit-learn 1.2's
 * {@code GaussianMixture} step for step: E-step (log-sum-exp responsibilities), then M-step with
 * {@code N_c = sum_i r_ic + 10 eps}, means {@code sum_i r_ic x_i / N_c}, covariances centred on the new
 * means divided by {@code N_c} (tied: by {@code sum_c N_c}) plus the regularization on the diagonal.
 *
 * <p><b>Determinism.</b> The rows are cut into chunks whose size depends only on {@code n}; each chunk
 * writes partial sums into its own buffer and the partial sums are added in chunk order, so the result is
 * bit-for-bit the same for any number of threads. Not thread-safe itself; one instance per fit.
 */
public final class EmRun {

  private static final int MIN_CHUNK = 512;
  private static final int MAX_CHUNKS = 256;
  /** scikit-learn adds {@code 10 * np.finfo(float).eps} to every component's responsibility sum. */
  private static final double NK_EPS = 10 * Math.ulp(1.0);

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final CovarianceType type;
  private final double reg;
  private final ChunkExecutor exec;
  private final int chunkSize;
  private final int chunks;
  private final int tri;
  /** Responsibilities, {@code n * k}, row-major. */
  private final double[] resp;
  /** Per chunk: log-likelihood sum, {@code k} responsibility sums, {@code k * d} weighted sums. */
  private final double[][] statPart;
  /** Per chunk: second-moment sums (FULL: k * tri, TIED: tri, DIAGONAL/SPHERICAL: k * d). */
  private final double[][] covPart;
  private final double[][] lpBuf;
  private final double[][] scratchBuf;

  /**
   * @param x row-major data (read only)
   * @param n rows
   * @param d columns
   * @param k components
   * @param type covariance type
   * @param reg regularization added to the diagonal
   * @param exec where chunks run
   */
  public EmRun(double[] x, int n, int d, int k, CovarianceType type, double reg, ChunkExecutor exec) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.type = type;
    this.reg = reg;
    this.exec = exec;
    this.chunkSize = Math.max(MIN_CHUNK, (n + MAX_CHUNKS - 1) / MAX_CHUNKS);
    this.chunks = (n + chunkSize - 1) / chunkSize;
    this.tri = d * (d + 1) / 2;
    this.resp = new double[n * k];
    this.statPart = new double[chunks][1 + k + k * d];
    int covLen;
    switch (type) {
      case FULL:
        covLen = k * tri;
        break;
      case TIED:
        covLen = tri;
        break;
      default:
        covLen = k * d;
        break;
    }
    this.covPart = new double[chunks][covLen];
    this.lpBuf = new double[chunks][k];
    this.scratchBuf = new double[chunks][d];
  }

  /** Result of {@link #run}. */
  public static final class Result {
    /** The fitted mixture. */
    public final Mixture mixture;
    /** Number of EM iterations (M-steps) performed. */
    public final int iterations;
    /** Whether the change in mean log-likelihood fell below the tolerance. */
    public final boolean converged;
    /** Mean log-likelihood after 0, 1, ..., iterations M-steps ({@code iterations + 1} values). */
    public final double[] history;

    Result(Mixture mixture, int iterations, boolean converged, double[] history) {
      this.mixture = mixture;
      this.iterations = iterations;
      this.converged = converged;
      this.history = history;
    }

    /** @return the mean log-likelihood of the final mixture */
    public double logLikelihood() {
      return history[history.length - 1];
    }
  }

  /** @return the responsibility buffer, {@code n * k}, which an initialisation may fill */
  public double[] responsibilities() {
    return resp;
  }

  /**
   * The initial mixture from the responsibilities in {@link #responsibilities()}: one M-step, with weights
   * {@code N_c / n} as scikit-learn's {@code _initialize}.
   *
   * @return the initial mixture
   * @throws IllegalStateException if a covariance is not positive definite
   */
  public Mixture initialMixture() {
    exec.run(chunks, this::statsFromResp);
    return mStep(true, 0);
  }

  /**
   * Runs EM from {@code start}. Iteration {@code t} is scikit-learn's: E-step on the parameters after
   * {@code t - 1} M-steps (its log-likelihood is scikit-learn's lower bound), then the M-step; it stops after
   * iteration {@code t >= 2} when {@code |LL(t-1) - LL(t-2)| < tol}, or after {@code maxIter} iterations. A
   * last E-step gives the log-likelihood of the final parameters.
   *
   * @param start initial parameters
   * @param maxIter maximum number of iterations, {@code >= 0}
   * @param tol convergence tolerance on the mean log-likelihood
   * @return the result
   * @throws IllegalStateException if a covariance collapses
   */
  public Result run(Mixture start, int maxIter, double tol) {
    double[] history = new double[maxIter + 1];
    Mixture m = start;
    int iterations = 0;
    boolean converged = false;
    for (int t = 1; t <= maxIter; t++) {
      history[t - 1] = eStep(m, true);
      m = mStep(false, t);
      iterations = t;
      if (t >= 2 && Math.abs(history[t - 1] - history[t - 2]) < tol) {
        converged = true;
        break;
      }
    }
    history[iterations] = eStep(m, false);
    return new Result(m, iterations, converged, Arrays.copyOf(history, iterations + 1));
  }

  /**
   * E-step over all rows.
   *
   * @param m the current mixture
   * @param accumulate whether to store responsibilities and their sums for the next M-step
   * @return mean log-likelihood per row
   */
  double eStep(Mixture m, boolean accumulate) {
    exec.run(chunks, c -> eStepChunk(m, c, accumulate));
    double ll = 0;
    for (int c = 0; c < chunks; c++) {
      ll += statPart[c][0];
    }
    return ll / n;
  }

  private void eStepChunk(Mixture m, int chunk, boolean accumulate) {
    final int k = this.k;
    final int d = this.d;
    final double[] x = this.x;
    final double[] part = statPart[chunk];
    final double[] lp = lpBuf[chunk];
    final double[] scratch = scratchBuf[chunk];
    final double[] resp = this.resp;
    Arrays.fill(part, 0);
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    double ll = 0;
    for (int i = from; i < to; i++) {
      int off = i * d;
      m.weightedLogProb(x, off, lp, scratch);
      if (!accumulate) {
        ll += Mixture.logSumExp(lp, k);
        continue;
      }
      ll += Mixture.normalize(lp, k);
      int ro = i * k;
      for (int c = 0; c < k; c++) {
        double r = lp[c];
        resp[ro + c] = r;
        part[1 + c] += r;
        if (r != 0) {
          int so = 1 + k + c * d;
          for (int j = 0; j < d; j++) {
            part[so + j] += r * x[off + j];
          }
        }
      }
    }
    part[0] = ll;
  }

  private void statsFromResp(int chunk) {
    final int k = this.k;
    final int d = this.d;
    final double[] part = statPart[chunk];
    Arrays.fill(part, 0);
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    for (int i = from; i < to; i++) {
      int off = i * d;
      int ro = i * k;
      for (int c = 0; c < k; c++) {
        double r = resp[ro + c];
        part[1 + c] += r;
        if (r != 0) {
          int so = 1 + k + c * d;
          for (int j = 0; j < d; j++) {
            part[so + j] += r * x[off + j];
          }
        }
      }
    }
  }

  private void covChunk(double[] means, int chunk) {
    final int k = this.k;
    final int d = this.d;
    final double[] x = this.x;
    final double[] resp = this.resp;
    final double[] acc = covPart[chunk];
    final double[] diff = scratchBuf[chunk];
    Arrays.fill(acc, 0);
    int from = chunk * chunkSize;
    int to = Math.min(n, from + chunkSize);
    boolean full = type == CovarianceType.FULL || type == CovarianceType.TIED;
    int stride = type == CovarianceType.FULL ? tri : type == CovarianceType.TIED ? 0 : d;
    for (int i = from; i < to; i++) {
      int off = i * d;
      int ro = i * k;
      for (int c = 0; c < k; c++) {
        double r = resp[ro + c];
        if (r == 0) {
          continue;
        }
        int mo = c * d;
        int ao = c * stride;
        if (full) {
          for (int j = 0; j < d; j++) {
            diff[j] = x[off + j] - means[mo + j];
          }
          int idx = ao;
          for (int a = 0; a < d; a++) {
            double ra = r * diff[a];
            for (int b = 0; b <= a; b++) {
              acc[idx++] += ra * diff[b];
            }
          }
        } else {
          for (int j = 0; j < d; j++) {
            double t = x[off + j] - means[mo + j];
            acc[ao + j] += r * t * t;
          }
        }
      }
    }
  }

  /**
   * M-step from the responsibility sums in {@code statPart} and the responsibilities in {@code resp}.
   *
   * @param init whether weights are {@code N_c / n} (initialisation) or {@code N_c / sum N_c}
   * @param iteration for error messages
   */
  private Mixture mStep(boolean init, int iteration) {
    final int k = this.k;
    final int d = this.d;
    double[] nk = new double[k];
    double[] means = new double[k * d];
    for (int p = 0; p < chunks; p++) {
      double[] part = statPart[p];
      for (int c = 0; c < k; c++) {
        nk[c] += part[1 + c];
      }
      for (int j = 0; j < k * d; j++) {
        means[j] += part[1 + k + j];
      }
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      nk[c] += NK_EPS;
      total += nk[c];
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c * d + j] /= nk[c];
      }
    }
    double[] weights = new double[k];
    double denom = init ? n : total;
    for (int c = 0; c < k; c++) {
      weights[c] = nk[c] / denom;
    }
    exec.run(chunks, p -> covChunk(means, p));
    double[] sum = new double[covPart[0].length];
    for (int p = 0; p < chunks; p++) {
      double[] part = covPart[p];
      for (int j = 0; j < sum.length; j++) {
        sum[j] += part[j];
      }
    }
    double[] cov = new double[Mixture.covLength(type, k, d)];
    switch (type) {
      case FULL:
        for (int c = 0; c < k; c++) {
          unpack(sum, c * tri, 1 / nk[c], cov, c * d * d);
        }
        break;
      case TIED:
        unpack(sum, 0, 1 / total, cov, 0);
        break;
      case DIAGONAL:
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < d; j++) {
            cov[c * d + j] = sum[c * d + j] / nk[c] + reg;
          }
        }
        break;
      default:
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += sum[c * d + j] / nk[c] + reg;
          }
          cov[c] = s / d;
        }
        break;
    }
    try {
      return Mixture.of(type, k, d, weights, means, cov);
    } catch (Mixture.NotPositiveDefinite e) {
      throw collapse(e.component, iteration, nk);
    }
  }

  private void unpack(double[] packed, int pOff, double scale, double[] out, int oOff) {
    int idx = pOff;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double v = packed[idx++] * scale;
        if (a == b) {
          v += reg;
        }
        out[oOff + a * d + b] = v;
        out[oOff + b * d + a] = v;
      }
    }
  }

  private IllegalStateException collapse(int component, int iteration, double[] nk) {
    String when = iteration == 0 ? "at initialisation" : "after EM iteration " + iteration;
    String what = component < 0
        ? "the shared (tied) covariance matrix"
        : "the covariance matrix of component " + component + " (of " + k + ", responsibility sum "
            + (float) nk[component] + ")";
    return new IllegalStateException("Gaussian mixture fit failed " + when + ": " + what
        + " is not positive definite (" + type + " covariance, d = " + d + "): its points have collapsed onto "
        + "a point or a lower-dimensional subspace. Increase regularization (currently " + reg
        + "), use fewer components (currently " + k + "), or remove duplicate or constant columns.");
  }
}
