package io.github.clusterkit.pca;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.internal.Scale;
import io.github.clusterkit.internal.ChunkRunner;
import io.github.clusterkit.pca.internal.MinkaDimension;
import io.github.clusterkit.pca.internal.Moments;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Exact principal component analysis (Pearson 1901, doi:10.1080/14786440109462720; Jolliffe and Cadima
 * 2016, doi:10.1098/rsta.2015.0202), as an immutable configuration whose {@link #fit(Dataset)} returns a
 * {@link PcaModel}.
 *
 * <pre>{@code
 * PcaModel p = Pca.components(2).fit(data);          // or Pca.varianceToKeep(0.95), or Pca.mle()
 * Dataset z = p.transform(data);
 * double[] ratio = p.explainedVarianceRatio();
 * }</pre>
 *
 * <p><b>What is computed.</b> The data are centred on the column means; the components are the right
 * singular vectors of the centred {@code n x d} matrix {@code X_c}, in order of decreasing singular value
 * {@code s_j}; the explained variance of component {@code j} is {@code s_j^2 / (n - 1)}, as in
 * scikit-learn's {@code PCA(svd_solver='full')}, and ratios are relative to the sum over all
 * {@code min(n, d)} components. The results equal scikit-learn's to rounding, with the signs of
 * scikit-learn 1.5 and later (below). The data are never scaled: standardise first if columns have
 * different units.
 *
 * <p><b>Two exact solvers</b> ({@link Solver}), chosen automatically by default:
 *
 * <ul>
 *   <li>{@link Solver#SVD}: EJML's singular value decomposition of a centred copy of the data. Used for
 *       wide or small inputs; the most accurate for components of tiny variance. Memory: a centred copy of the
 *       data, which EJML's decomposition copies again as it works: about 2.5 times the data's size besides the data
 *       (measured at {@code n = 10^6}, {@code d = 10}, 80 MB of data: the fit ran out of memory under
 *       {@code -Xmx280m} and fitted under {@code -Xmx300m}, where the covariance solver fitted under
 *       {@code -Xmx120m}).
 *   <li>{@link Solver#COVARIANCE}: the {@code d x d} scatter matrix of the centred rows, accumulated in one
 *       blocked pass over memory (each cache-sized row chunk is read for its mean, then again from cache
 *       for its scatter; chunks are combined pairwise: corrected two-pass algorithm and pairwise update of
 *       Chan, Golub and LeVeque 1983, doi:10.1080/00031305.1983.10483115), then EJML's symmetric
 *       eigen-decomposition. Used for tall data; several times faster and needs no copy of the data.
 *       Eigenvalues are accurate to about {@code 1e-16} times the largest one, so a component whose variance is
 *       below about {@code 1e-10} of the largest loses relative accuracy (the SVD keeps it).
 * </ul>
 *
 * <p>{@link Solver#AUTO} takes the covariance solver when {@code n >= 4 d} and {@code n * d >= 20000},
 * otherwise the SVD. Measured with EJML 0.43.1 on Java 17: below 20000 values both solvers take well
 * under a millisecond, so the more accurate SVD is kept; from {@code n = 4 d} on, the covariance solver
 * is 1.5 to 2.6 times faster (and the gap grows with {@code n / d}), while between {@code n = 1.5 d} and
 * {@code 4 d} it gains only 1.1 to 1.3 times. The covariance solver's pass runs over fixed row chunks
 * whose partial results are combined in chunk order, so the result is bit-for-bit the same for every
 * {@link #parallelism(int)}.
 *
 * <p><b>Signs.</b> By default ({@link Signs#COMPONENTS}) each component's largest absolute loading (the first such
 * coordinate on exact ties) is made positive: the rule of scikit-learn 1.5 and later ({@code svd_flip(U, Vt,
 * u_based_decision=False)}), which costs {@code O(d k)} and never reads the data again. Loadings whose magnitudes agree
 * to {@code 1e-12} relative count as tied and the first of them decides, so that rounding cannot flip a sign between
 * solvers or platforms (numpy's argmax would let the last bit decide). scikit-learn 1.2 to 1.4 made the largest
 * absolute <em>score</em> (projection) of the fitted rows positive instead ({@code svd_flip(U, Vt)}); {@link
 * #signs(Signs) signs(Signs.SCORES)} does so, on either solver: on standardised {@code cc_general.csv} it gives
 * scikit-learn 1.2.1's signs on all 17 components, where the default differs on 10 of them (the 3rd and 5th among the
 * first five). Scores whose magnitudes agree to within {@code 1e-12} times the sum of their terms' magnitudes (their
 * rounding error, a few {@code 2^-53} of it) count as tied, and the first such row decides, as {@code argmax} takes the
 * first of equal values. scikit-learn itself decides exact ties by the last bits of LAPACK's {@code U}: for the rows
 * {@code 0, 2} its {@code |U|} is {@code [0.7071067811865472, 0.7071067811865475]} and the second row wins (component
 * {@code [1]}, where this rule gives {@code [-1]}); on small integer data, where ties are common, neither the first nor
 * the last tied row reproduces it. Components of numerically zero variance (see {@link #whiten(boolean)}), whose scores
 * are rounding noise and whose sign in scikit-learn is LAPACK's choice, keep the loading rule under either convention.
 * Model files store the components already signed, so a model fitted with either convention saves and loads as any
 * other.
 *
 * <p><b>Edge cases.</b> {@code n = 1} is rejected (variance with {@code n - 1} is undefined); more
 * components than {@code min(n, d)} are rejected at fit time; {@code d = 1} gives the single component
 * {@code [1]} (its only loading is made positive, see Signs). Constant columns are allowed and lead to
 * components of zero variance. If
 * all rows are equal the total variance is 0: every variance and ratio is 0, the components are the unit
 * vectors {@code e_1, e_2, ...}, and {@link #varianceToKeep(double)} keeps all {@code min(n, d)}
 * components.
 *
 * <p><b>Thread-safety.</b> Immutable and safe to share. {@link #fit(Dataset)} never modifies its input and
 * never uses the common pool: with {@code parallelism > 1} it runs on library worker threads of its own for the fit
 * (idle ones are reused by later fits and end after a second unused). Equal configurations (the same settings, however
 * they were reached) are {@code equals} and have equal {@code hashCode}s, so a configuration can key a cache of fitted
 * models. Every setting counts, the parallelism and the solver included although the result does not depend on them
 * (beyond rounding, for the solver), and the sign convention; the fraction of {@link #varianceToKeep(double)} is
 * compared as by {@link Double#equals(Object)}, and a fixed number of components never equals a fraction.
 */
public final class Pca {

  /** How the principal components are computed. */
  public enum Solver {
    /**
     * Covariance for tall data ({@code n >= 4 d} and {@code n * d >= 20000}), SVD otherwise; with
     * {@link Pca#mle()}, the SVD also where the covariance solver's accuracy would decide the count (see there).
     */
    AUTO,
    /** Singular value decomposition of the centred data (EJML). */
    SVD,
    /** Symmetric eigen-decomposition of the scatter matrix of the centred data (EJML). */
    COVARIANCE
  }

  /**
   * Which sign each component is given (an eigenvector's sign is arbitrary: {@code v} and {@code -v} are both
   * components, with scores of opposite signs). The choice changes nothing but signs: variances, ratios, the
   * reconstruction {@code inverseTransform(transform(x))} and distances between scores are the same.
   */
  public enum Signs {
    /**
     * Each component's largest absolute loading (coordinate) is positive, the first such coordinate on ties within
     * {@code 1e-12} relative: scikit-learn 1.5 and later ({@code svd_flip(U, Vt, u_based_decision=False)}). The
     * default; costs {@code O(d k)} and never reads the data again.
     */
    COMPONENTS,
    /**
     * Each component's largest absolute score on the fitted rows ({@code (x_i - mean) . v}, the projection) is
     * positive: scikit-learn 1.2 to 1.4 ({@code svd_flip(U, Vt)}, whose {@code argmax} of {@code |U|} column by
     * column takes the first row on ties). Costs two more passes over the data, {@code O(n d k)}, on the fit's
     * threads. See Signs in the class description for ties and components of zero variance.
     */
    SCORES
  }

  /** Ratio {@code n / d} from which {@link Solver#AUTO} picks the covariance solver. */
  static final int AUTO_MIN_ROWS_PER_COLUMN = 4;
  /** Number of values {@code n * d} from which {@link Solver#AUTO} picks the covariance solver. */
  static final long AUTO_MIN_VALUES = 20_000;

  private final int components;
  private final double varianceToKeep;
  private final boolean mle;
  private final boolean whiten;
  private final int parallelism;
  private final Solver solver;
  private final Signs signs;

  private Pca(int components, double varianceToKeep, boolean mle, boolean whiten, int parallelism, Solver solver,
      Signs signs) {
    this.components = components;
    this.varianceToKeep = varianceToKeep;
    this.mle = mle;
    this.whiten = whiten;
    this.parallelism = parallelism;
    this.solver = solver;
    this.signs = signs;
  }

  /**
   * Keeps a fixed number of components.
   *
   * @param k number of components, at least 1 (and at most {@code min(n, d)} of the data, checked by
   *     {@link #fit(Dataset)})
   * @return a configuration without whitening, single-threaded, {@link Solver#AUTO}, {@link Signs#COMPONENTS}
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static Pca components(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("components must be >= 1, got " + k);
    }
    return new Pca(k, Double.NaN, false, false, 1, Solver.AUTO, Signs.COMPONENTS);
  }

  /**
   * Keeps the smallest number of components whose cumulative explained-variance ratio exceeds
   * {@code fraction}, as scikit-learn's {@code PCA(n_components=fraction)}: the count of leading components
   * whose cumulative ratio is at most {@code fraction}, plus one, capped at {@code min(n, d)}. So
   * {@code 1.0} keeps all {@code min(n, d)} components.
   *
   * @param fraction the fraction of the total variance to keep, in {@code (0, 1]}
   * @return a configuration without whitening, single-threaded, {@link Solver#AUTO}, {@link Signs#COMPONENTS}
   * @throws IllegalArgumentException if {@code fraction} is not in {@code (0, 1]} (NaN included)
   */
  public static Pca varianceToKeep(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("varianceToKeep must be in (0, 1], got " + fraction);
    }
    return new Pca(0, fraction, false, false, 1, Solver.AUTO, Signs.COMPONENTS);
  }

  /**
   * Keeps the number of components that Minka's maximum-likelihood estimate of the dimension chooses (T. P. Minka,
   * "Automatic choice of dimensionality for PCA", NIPS 2000, pp. 598-604), as scikit-learn 1.2.1's
   * {@code PCA(n_components='mle')} with its full solver: the rank {@code k} in {@code [1, d - 1]} of the largest
   * Laplace approximation of the evidence {@code ln p(D | k)}, computed from the explained variances (all
   * {@code d} of them) and {@code n}; the first of equal maxima.
   *
   * <p>As in scikit-learn: it needs {@code n >= d} (refused otherwise, at fit time); a rank whose smallest kept
   * explained variance is below {@code 1e-15} is never chosen, and the variance of the discarded directions counts as
   * at least {@code 1e-15}. That threshold is absolute, not relative to the data's scale: standardise first (data whose
   * variances are all below {@code 1e-15} are refused, where scikit-learn keeps 0 components). Components of
   * numerically zero variance (the rule of {@link #whiten(boolean)}), whose variance is rounding noise, count as 0:
   * on data of ordinary scale scikit-learn's rounding noise lies below the threshold, to the same effect (the
   * covariance solver's noise, about {@code 1e-16} of the largest variance, would not). Where clusterkit differs:
   * {@code d = 1} is refused (scikit-learn keeps 0 components, a model clusterkit does not make: the estimate compares
   * 1 to {@code d - 1} components); two consecutive explained variances of at least {@code 1e-15} that agree to
   * {@code 1e-12} relative are refused, naming them: Minka's approximation divides by their difference, scikit-learn
   * raises {@code ValueError('math domain error')} on an exact tie and otherwise gives a dimension decided by the last
   * bits of its eigenvalues. Both solvers apply ({@link Solver}); the estimate adds {@code O(d^2)} work to the fit.
   * The covariance solver's rule is coarser ({@code max(n, d) 2^-52} of the largest variance, its accuracy bound), so
   * on {@link Solver#AUTO} a fit that the covariance solver would decide with a variance of at least {@code 1e-15}
   * counted as 0 by that rule alone is decided by the SVD instead (a second fit; scikit-learn's solver for
   * {@code 'mle'}): 200000 standardised rows with one column within {@code 1e-5} of another keep 5 components, as in
   * scikit-learn, where the covariance solver alone chose 4. {@link Solver#COVARIANCE} given explicitly keeps its
   * rule. The SVD's rule grows with the columns' means: on unstandardised data with a large offset (a column near
   * {@code 1.7e9}) a small column's real variance can count as 0 there too, another reason to standardise.
   * The log-likelihoods are not kept; {@link PcaModel#componentCount()} is the choice (its
   * {@link PcaModel#solver()} the solver that decided).
   *
   * @return a configuration without whitening, single-threaded, {@link Solver#AUTO}, {@link Signs#COMPONENTS}
   */
  public static Pca mle() {
    return new Pca(0, Double.NaN, true, false, 1, Solver.AUTO, Signs.COMPONENTS);
  }

  /**
   * Whether {@link PcaModel#transform(Dataset)} divides each projection by the square root of the
   * component's explained variance, so that the output columns have unit variance (with {@code n - 1}),
   * as scikit-learn's {@code whiten=True}. A component of numerically zero variance is mapped to 0 instead of
   * being divided by rounding noise: a standard deviation at most {@code max(n, d) * 2^-52} times the largest
   * standard deviation plus the largest absolute column mean (the rounding level of the data and of the SVD), and
   * with {@link Solver#COVARIANCE}, whose eigenvalues are accurate only to about {@code 2^-52} times the largest,
   * also an explained variance at most {@code max(n, d) * 2^-52} times the largest. So the SVD whitens a real
   * component of tiny variance (a column of standard deviation {@code 1e-9} beside one of 1, centred near 0) as
   * scikit-learn does, where the covariance solver maps it to 0; a column that is the sum of two others maps to 0
   * with either solver, where scikit-learn whitens the rounding noise of the sum.
   *
   * @param whiten true to whiten
   * @return a copy of this configuration with the setting
   */
  public Pca whiten(boolean whiten) {
    return new Pca(components, varianceToKeep, mle, whiten, parallelism, solver, signs);
  }

  /**
   * Number of threads used by {@link #fit(Dataset)} for the passes over the data. The result does not
   * depend on it.
   *
   * @param threads at least 1 (the default, which runs in the calling thread)
   * @return a copy of this configuration with the setting
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public Pca parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
    }
    return new Pca(components, varianceToKeep, mle, whiten, threads, solver, signs);
  }

  /**
   * Chooses the solver; both are exact and give the same result to rounding.
   *
   * @param solver the solver, {@link Solver#AUTO} by default
   * @return a copy of this configuration with the setting
   * @throws IllegalArgumentException if {@code solver} is null
   */
  public Pca solver(Solver solver) {
    if (solver == null) {
      throw new IllegalArgumentException("solver must not be null");
    }
    return new Pca(components, varianceToKeep, mle, whiten, parallelism, solver, signs);
  }

  /**
   * Chooses the sign convention of the components ({@link Signs}): {@link Signs#COMPONENTS} (scikit-learn 1.5 and
   * later, the default) or {@link Signs#SCORES} (scikit-learn 1.2 to 1.4), for either solver.
   *
   * @param signs the convention
   * @return a copy of this configuration with the setting
   * @throws IllegalArgumentException if {@code signs} is null
   */
  public Pca signs(Signs signs) {
    if (signs == null) {
      throw new IllegalArgumentException("signs must not be null");
    }
    return new Pca(components, varianceToKeep, mle, whiten, parallelism, solver, signs);
  }

  /**
   * The solver that {@link Solver#AUTO} picks for a shape.
   *
   * @param n number of rows
   * @param d number of columns
   * @return {@link Solver#COVARIANCE} if {@code n >= 4 d} and {@code n * d >= 20000}, else
   *     {@link Solver#SVD}
   */
  public static Solver autoSolver(int n, int d) {
    return (long) n >= (long) AUTO_MIN_ROWS_PER_COLUMN * d && (long) n * d >= AUTO_MIN_VALUES
        ? Solver.COVARIANCE
        : Solver.SVD;
  }

  /**
   * @return the number of components kept, or 0 when they are chosen by {@link #varianceToKeep()} or by
   *     {@link #componentsByMle()}
   */
  public int components() {
    return components;
  }

  /**
   * @return the fraction of the variance to keep, or {@code NaN} when a fixed number of {@link #components()} is
   *     kept or when they are chosen by {@link #componentsByMle()}
   */
  public double varianceToKeep() {
    return varianceToKeep;
  }

  /** @return whether the number of components is Minka's estimate ({@link #mle()}) */
  public boolean componentsByMle() {
    return mle;
  }

  /** @return whether the scores are whitened */
  public boolean whiten() {
    return whiten;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return the solver asked for ({@link PcaModel#solver()} tells which ran) */
  public Solver solver() {
    return solver;
  }

  /** @return the sign convention of the components */
  public Signs signs() {
    return signs;
  }

  /**
   * Fits the components.
   *
   * @param data the points, at least 2 rows; not modified
   * @return the fitted model
   * @throws IllegalArgumentException if {@code data} is null, has fewer than 2 rows, the configured number of
   *     components exceeds {@code min(n, d)}, {@link #mle()} meets {@code n < d}, {@code d = 1}, variances all below
   *     {@code 1e-15} or a tie (see there), or the data's largest magnitude lies outside {@code [2^-480, 2^481)}
   *     (about {@code 3e-145} to {@code 6e144}), where the explained variances overflow or underflow (near
   *     {@code 1e200} the variance ratios were NaN, near {@code 1e-200} all 0)
   * @throws IllegalStateException if EJML's decomposition fails to converge (not seen in practice)
   */
  public PcaModel fit(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int n = data.size();
    int d = data.dimension();
    if (n < 2) {
      throw new IllegalArgumentException(
          "data must have at least 2 rows (explained variance divides by n - 1), got " + n);
    }
    int r = Math.min(n, d);
    if (components > r) {
      throw new IllegalArgumentException(
          "components must be <= min(n, d) = " + r + " for data with n = " + n + ", d = " + d + ", got "
              + components);
    }
    if (mle && n < d) {
      throw new IllegalArgumentException("Pca.mle() needs n >= d (Minka's estimate of the dimension, as"
          + " scikit-learn's n_components='mle'), got n = " + n + " rows, d = " + d + " columns");
    }
    if (mle && d == 1) {
      throw new IllegalArgumentException("Pca.mle() needs d >= 2 columns (Minka's estimate compares 1 to d - 1"
          + " components; scikit-learn keeps 0 components), got d = 1");
    }
    Scale.requireWithinRefuseLimit(data, "the explained variances");
    Solver used = solver == Solver.AUTO ? autoSolver(n, d) : solver;
    double[] x = DataAccess.values(data);
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      PcaModel model = new Fit(x, n, d, used, runner).run(data.columnNames());
      if (model == null) {
        // Pca.mle() on Solver.AUTO: the covariance solver's spectrum holds a variance of at least 1e-15 that its
        // accuracy cannot tell from 0; the SVD (scikit-learn's solver for 'mle') decides.
        model = new Fit(x, n, d, Solver.SVD, runner).run(data.columnNames());
      }
      return model;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Pca)) {
      return false;
    }
    Pca p = (Pca) o;
    // As Double.equals, consistent with hashCode: the unused fraction of a fixed component count is NaN in both.
    return components == p.components && Double.compare(varianceToKeep, p.varianceToKeep) == 0 && mle == p.mle
        && whiten == p.whiten && parallelism == p.parallelism && solver == p.solver && signs == p.signs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(components, varianceToKeep, mle, whiten, parallelism, solver, signs);
  }

  @Override
  public String toString() {
    return "Pca["
        + (components > 0 ? "components=" + components : mle ? "components=mle" : "varianceToKeep=" + varianceToKeep)
        + ", whiten=" + whiten + ", parallelism=" + parallelism + ", solver=" + solver + ", signs=" + signs
        + "]";
  }

  /** One fit: holds the per-run state. */
  private final class Fit {
    private final double[] x;
    private final int n;
    private final int d;
    private final int r;
    private final Solver used;
    private final ChunkRunner runner;
    private double[] mean;
    /** Eigenvalues of the scatter matrix = squared singular values, {@code r} of them, descending. */
    private double[] sq;
    /** The {@code r} right singular vectors, row-major {@code r x d}. */
    private double[] vt;

    Fit(double[] x, int n, int d, Solver used, ChunkRunner runner) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.r = Math.min(n, d);
      this.used = used;
      this.runner = runner;
    }

    PcaModel run(List<String> columnNames) {
      boolean degenerate = Moments.allRowsEqual(x, n, d);
      if (degenerate) {
        mean = new double[d];
        System.arraycopy(x, 0, mean, 0, d);
        sq = new double[r];
        vt = new double[r * d];
        for (int j = 0; j < r; j++) {
          vt[j * d + j] = 1;
        }
      } else {
        if (used == Solver.SVD) {
          mean = Moments.mean(x, n, d, runner);
          svd();
        } else {
          covariance();
        }
      }
      double[] ev = new double[r];
      double total = 0;
      for (int j = 0; j < r; j++) {
        ev[j] = sq[j] / (n - 1);
        total += ev[j];
      }
      double[] ratio = new double[r];
      if (total > 0) {
        for (int j = 0; j < r; j++) {
          ratio[j] = ev[j] / total;
        }
      }
      if (mle && solver == Solver.AUTO && used == Solver.COVARIANCE && coarseBelowSvd(ev)) {
        return null;
      }
      int k = components > 0 ? components : mle ? mleCount(ev) : chooseCount(ratio);
      double noise = 0;
      if (k < r) {
        for (int j = k; j < r; j++) {
          noise += ev[j];
        }
        noise /= r - k;
      }
      // all rows equal: every ev is 0, so every component counts as zero
      boolean[] zero = PcaModel.zeroVariance(Arrays.copyOf(ev, k), mean, n, d, used);
      fixSigns(k);
      if (signs == Signs.SCORES) {
        scoreSigns(k, zero);
      }
      double[] comps = new double[k * d];
      System.arraycopy(vt, 0, comps, 0, k * d);
      double[] sv = new double[k];
      for (int j = 0; j < k; j++) {
        sv[j] = Math.sqrt(sq[j]);
      }
      return new PcaModel(
          n, d, comps, mean, Arrays.copyOf(ev, k), Arrays.copyOf(ratio, k), sv,
          noise, whiten, zero, used, columnNames);
    }

    /**
     * Whether a variance of at least {@link MinkaDimension#EPS} counts as numerically zero by the covariance solver's
     * rule ({@code max(n, d) 2^-52} of the largest) but not by the SVD's: Minka's estimate would then drop a variance
     * that scikit-learn's SVD sees (n = 200000 standardised rows, a column within {@code 1e-5} of another: its
     * variance {@code 5.0e-11} is below the covariance rule's {@code 8.9e-11}; scikit-learn and the SVD keep 5
     * components, the covariance solver chose 4).
     */
    private boolean coarseBelowSvd(double[] ev) {
      boolean[] coarse = PcaModel.zeroVariance(ev, mean, n, d, Solver.COVARIANCE);
      boolean[] fine = PcaModel.zeroVariance(ev, mean, n, d, Solver.SVD);
      for (int j = 0; j < r; j++) {
        if (coarse[j] && !fine[j] && ev[j] >= MinkaDimension.EPS) {
          return true;
        }
      }
      return false;
    }

    /**
     * {@link Pca#mle()}: Minka's estimate on the explained variances, those of numerically zero variance (the rule of
     * whitening) taken as 0.
     */
    private int mleCount(double[] ev) {
      boolean[] zero = PcaModel.zeroVariance(ev, mean, n, d, used);
      double[] spectrum = ev.clone();
      for (int j = 0; j < r; j++) {
        if (zero[j]) {
          spectrum[j] = 0;
        }
      }
      int k;
      try {
        k = MinkaDimension.dimension(spectrum, n);
      } catch (IllegalArgumentException tie) {
        throw new IllegalArgumentException("Pca.mle(): " + tie.getMessage()
            + "; choose the count with Pca.components(k) or Pca.varianceToKeep(fraction)", tie);
      }
      if (k == 0) {
        throw new IllegalArgumentException("Pca.mle() found no dimension to estimate: every explained variance is"
            + " below 1e-15 (scikit-learn's absolute floor, where it keeps 0 components) or rounding noise; the"
            + " largest is " + ev[0] + ": standardise the data first");
      }
      return k;
    }

    private int chooseCount(double[] ratio) {
      double cum = 0;
      int count = 0;
      for (int j = 0; j < r; j++) {
        cum += ratio[j];
        if (cum <= varianceToKeep) {
          count++;
        } else {
          break;
        }
      }
      return Math.min(count + 1, r);
    }

    private void svd() {
      DMatrixRMaj a = new DMatrixRMaj(n, d);
      double[] ad = a.data;
      double[] corr = new double[d];
      for (int i = 0; i < n; i++) {
        int o = i * d;
        for (int j = 0; j < d; j++) {
          double v = x[o + j] - mean[j];
          ad[o + j] = v;
          corr[j] += v;
        }
      }
      for (int j = 0; j < d; j++) {
        corr[j] /= n;
        mean[j] += corr[j];
      }
      for (int i = 0; i < n; i++) {
        int o = i * d;
        for (int j = 0; j < d; j++) {
          ad[o + j] -= corr[j];
        }
      }
      SingularValueDecomposition_F64<DMatrixRMaj> svd =
          DecompositionFactory_DDRM.svd(n, d, false, true, true);
      if (!svd.decompose(a)) {
        throw new IllegalStateException("EJML's SVD did not converge for " + n + " x " + d + " data");
      }
      double[] s = svd.getSingularValues();
      DMatrixRMaj v = svd.getV(null, true);
      int m = svd.numberOfSingularValues();
      double[] values = new double[m];
      for (int j = 0; j < m; j++) {
        values[j] = s[j] * s[j];
      }
      int[] order = descending(values);
      sq = new double[r];
      vt = new double[r * d];
      for (int j = 0; j < r; j++) {
        int src = order[j];
        sq[j] = values[src];
        System.arraycopy(v.data, src * d, vt, j * d, d);
      }
    }

    private void covariance() {
      mean = new double[d];
      double[] s = Moments.meanAndScatter(x, n, d, mean, runner);
      EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
      if (!eig.decompose(DMatrixRMaj.wrap(d, d, s))) {
        throw new IllegalStateException("EJML's symmetric eigen-decomposition did not converge, d = " + d);
      }
      double[] values = new double[d];
      for (int j = 0; j < d; j++) {
        values[j] = Math.max(0, eig.getEigenvalue(j).getReal());
      }
      int[] order = descending(values);
      sq = new double[r];
      vt = new double[r * d];
      for (int j = 0; j < r; j++) {
        int src = order[j];
        sq[j] = values[src];
        DMatrixRMaj vec = eig.getEigenVector(src);
        double norm = 0;
        for (int a = 0; a < d; a++) {
          norm += vec.data[a] * vec.data[a];
        }
        norm = Math.sqrt(norm);
        for (int a = 0; a < d; a++) {
          vt[j * d + a] = vec.data[a] / norm;
        }
      }
    }

    /**
     * {@link Signs#SCORES}: makes each of the first {@code k} components' largest absolute training score positive,
     * after {@link #fixSigns} (the outcome does not depend on the sign it starts from: flipping a component negates
     * its scores exactly). A row's score {@code s_i} is summed as {@link PcaModel#transform(double[])} sums it (so
     * the model's scores of the fitted rows are these bits, or their negation), along with {@code m_i}, the sum of
     * the absolute terms, which bounds its rounding error ({@code d 2^-53 m_i}). The first row (in row order)
     * whose {@code |s_i|} is within {@link #SIGN_TIE} {@code (m_i + m*)} of the largest, {@code m*} being
     * {@code m} of the first row attaining it, decides. Components of numerically zero variance ({@code zero}),
     * whose scores are rounding noise, and components whose every score is 0 keep the loading rule. Two passes over
     * fixed row chunks, each recording per component its largest absolute score (with its {@code m}), then its
     * first deciding row, combined in chunk order: the same signs on any thread count.
     */
    private void scoreSigns(int k, boolean[] zero) {
      int chunks = ChunkRunner.chunks(n, SCORE_CHUNK_ROWS);
      double[][] chunkMax = new double[chunks][k];
      double[][] chunkMag = new double[chunks][k];
      runner.run(chunks, c -> {
        int from = c * SCORE_CHUNK_ROWS;
        int to = (int) Math.min(n, (long) from + SCORE_CHUNK_ROWS);
        double[] centred = new double[d];
        double[] m = new double[1];
        double[] max = chunkMax[c];
        double[] mag = chunkMag[c];
        for (int i = from; i < to; i++) {
          centre(i, centred);
          for (int j = 0; j < k; j++) {
            if (zero[j]) {
              continue;
            }
            double sc = componentScore(centred, j, m);
            if (Math.abs(sc) > max[j]) {
              max[j] = Math.abs(sc);
              mag[j] = m[0];
            }
          }
        }
      });
      double[] top = new double[k];
      double[] topMag = new double[k];
      for (int c = 0; c < chunks; c++) {
        for (int j = 0; j < k; j++) {
          if (chunkMax[c][j] > top[j]) {
            top[j] = chunkMax[c][j];
            topMag[j] = chunkMag[c][j];
          }
        }
      }
      // Per chunk and component: 1 or -1, the sign of the chunk's first deciding row; 0 none; 2 nothing to decide.
      int[][] chunkSign = new int[chunks][k];
      runner.run(chunks, c -> {
        int from = c * SCORE_CHUNK_ROWS;
        int to = (int) Math.min(n, (long) from + SCORE_CHUNK_ROWS);
        double[] centred = new double[d];
        double[] m = new double[1];
        int[] sign = chunkSign[c];
        int open = 0;
        for (int j = 0; j < k; j++) {
          if (!zero[j] && top[j] > 0) {
            open++;
          } else {
            sign[j] = 2;
          }
        }
        for (int i = from; i < to && open > 0; i++) {
          centre(i, centred);
          for (int j = 0; j < k; j++) {
            if (sign[j] != 0) {
              continue;
            }
            double sc = componentScore(centred, j, m);
            if (sc != 0 && Math.abs(sc) >= top[j] - SIGN_TIE * (m[0] + topMag[j])) {
              sign[j] = sc > 0 ? 1 : -1;
              open--;
            }
          }
        }
      });
      for (int j = 0; j < k; j++) {
        int decided = 0;
        for (int c = 0; c < chunks && decided == 0; c++) {
          int v = chunkSign[c][j];
          decided = v == 2 ? 1 : v;
        }
        if (decided < 0) {
          int o = j * d;
          for (int a = 0; a < d; a++) {
            vt[o + a] = -vt[o + a];
          }
        }
      }
    }

    /**
     * A centred row's score on component {@code j} (its dot product with row {@code j} of {@code vt}, in column
     * order); the sum of the absolute values of its terms, the scale of its rounding, goes to {@code magnitude[0]}.
     */
    private double componentScore(double[] centred, int j, double[] magnitude) {
      int o = j * d;
      double sc = 0;
      double m = 0;
      for (int a = 0; a < d; a++) {
        double t = centred[a] * vt[o + a];
        sc += t;
        m += Math.abs(t);
      }
      magnitude[0] = m;
      return sc;
    }

    /** Row {@code i} minus the mean, as {@link PcaModel#transform(double[])} centres it. */
    private void centre(int i, double[] centred) {
      int o = i * d;
      for (int a = 0; a < d; a++) {
        centred[a] = x[o + a] - mean[a];
      }
    }

    /**
     * Makes the largest absolute loading of each of the first {@code k} components positive; magnitudes
     * within {@link #SIGN_TIE} (relative) of the largest count as tied and the first of them decides.
     */
    private void fixSigns(int k) {
      for (int j = 0; j < k; j++) {
        int o = j * d;
        double max = 0;
        for (int a = 0; a < d; a++) {
          max = Math.max(max, Math.abs(vt[o + a]));
        }
        int best = 0;
        while (Math.abs(vt[o + best]) < max * (1 - SIGN_TIE)) {
          best++;
        }
        if (vt[o + best] < 0) {
          for (int a = 0; a < d; a++) {
            vt[o + a] = -vt[o + a];
          }
        }
      }
    }
  }

  /** Rows per chunk of the passes of {@link Signs#SCORES} (the chunks depend on {@code n} alone). */
  private static final int SCORE_CHUNK_ROWS = 4096;

  /**
   * Relative difference below which two absolute loadings count as tied for the sign rule: far above the
   * rounding error of either solver's unit eigenvectors, far below any real difference.
   */
  private static final double SIGN_TIE = 1e-12;

  /** Indices sorting {@code values} in decreasing order, ties by increasing index. */
  private static int[] descending(double[] values) {
    int m = values.length;
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    // insertion sort: m is small (at most min(n, d)) and the sort must be stable
    for (int i = 1; i < m; i++) {
      int cur = order[i];
      int j = i - 1;
      while (j >= 0 && values[order[j]] < values[cur]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = cur;
    }
    return order;
  }
}
