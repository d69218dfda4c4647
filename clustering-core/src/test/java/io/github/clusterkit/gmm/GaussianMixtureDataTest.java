package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real data: labelled benchmark sets, ELKI's constant attribute, and the initialisations. */
class GaussianMixtureDataTest {

  private static final Fixture BENCH = Fixture.load("benchmark-sets.txt");

  @ParameterizedTest
  @ValueSource(strings = {"engytime", "s1", "R15", "hepta", "unbalance"})
  void restartsReachScikitLearnsLogLikelihood(String set) {
    // scikit-learn 1.2.1: GaussianMixture(n_components=k, covariance_type='full', n_init=10,
    // random_state=0).fit(X).score(X), from tools/gmm_reference.py (fixtures/gmm/benchmark-sets.txt).
    SharedData.Labelled data = SharedData.benchmark(set + ".csv");
    Dataset x = Dataset.of(data.x);
    int k = (int) BENCH.scalar(set + ".k");
    double sklearn = BENCH.scalar(set + ".score");
    GaussianMixtureModel m = GaussianMixture.components(k).restarts(10).seed(0).fit(x);
    assertTrue(m.logLikelihood() >= sklearn - 1e-3,
        set + ": mean log-likelihood " + m.logLikelihood() + " < scikit-learn's " + sklearn + " - 1e-3");
  }

  @Test
  void constantAttributeIsFine() throws IOException {
    // ELKI's EM tests (MultivariateGaussianModelTest and siblings) on constant-attribute.csv.gz: two
    // classes of 100 points in the unit square, third column constant 0; ELKI asserts F1 = 1.0, sizes
    // {100, 100}. The regularization keeps the zero variance of column 3 positive.
    List<double[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedData.file("elki/constant-attribute.csv.gz"))),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || f[0].startsWith("#")) {
          continue;
        }
        rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        labels.add(f[3]);
      }
    }
    assertEquals(200, rows.size());
    Dataset x = Dataset.of(rows.toArray(new double[0][]));
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel m = GaussianMixture.components(2).covariance(type).seed(0).fit(x);
      int[] pred = m.predict(x);
      int[][] table = new int[2][2];
      for (int i = 0; i < 200; i++) {
        table[labels.get(i).equals("A") ? 0 : 1][pred[i]]++;
      }
      // a perfect partition: each class entirely in one component
      boolean straight = table[0][0] == 100 && table[1][1] == 100;
      boolean crossed = table[0][1] == 100 && table[1][0] == 100;
      assertTrue(straight || crossed, type + ": " + table[0][0] + " " + table[0][1] + " / " + table[1][0] + " "
          + table[1][1]);
      // the constant column: mean exactly 0, variance = regularization (exact: every deviation is 0)
      assertEquals(0.0, m.means()[0][2], 0.0);
      if (type != CovarianceType.SPHERICAL) {
        assertEquals(1e-6, m.covariances()[0][2][2], 1e-20);
      }
    }
  }

  /**
   * A constant column with regularization 0: the covariance is singular in exact arithmetic, and the fit refuses it
   * as the class comment promises (it returned the column's variance at 1.2e-32, rounding noise of the mean,
   * logLikelihood 31.8 and scoreSample({3, 1.001}) = -4.06e25; a user trial). SPHERICAL has one variance for both
   * columns, which is not 0, and fits. We deliberately differ from scikit-learn 1.2.1, which
   * (tools/gmm_constant_column_reference.py) with reg_covar=0 fits 'full' with the same noise (score 31.122274362148875,
   * variance 4.93e-32) and raises ValueError for 'tied' and 'diag'. With the default regularization 1e-6 every type
   * fits, the constant column's variance being the regularization and the means' second coordinate 1; scikit-learn
   * 1.2.1 (same script, reg_covar=1e-6, n_components=2, random_state=0): score(X) full 2.4878413948614795, tied
   * 2.487859255888412, diag 2.4878413947804967, spherical -5.733179876844698 (their K-Means starts differ from ours,
   * hence the tolerance of 1e-6: the same local optimum, reached in a different number of iterations).
   */
  /**
   * The rounding floors guard regularization 0 alone: with the default, a component of rows sharing one raw value near
   * 1.7e9 (a timestamp) fits, its variance the regularization. By hand: the 1000 equal rows' exact variance is 0,
   * their computed mean is within a few ulps of 1.7e9 (ulp 2.4e-7), whose square (below 1e-12) leaves the variance
   * 1e-6 to within 1e-9. The worst-case floor 2 ((4n + 16) u M)^2 at n = 2000, M = 1.7e9 is about 4.6e-6 and refused
   * it before the floors were limited to regularization 0.
   */
  @Test
  void aComponentOnOneLargeRawValueFitsWithTheDefaultRegularization() {
    double[][] rows = new double[2000][];
    for (int i = 0; i < 2000; i++) {
      rows[i] = new double[] {i < 1000 ? 1.7e9 : 1.7e9 + 1e6 + 1000.0 * (i % 37)};
    }
    GaussianMixtureModel m = GaussianMixture.components(2).covariance(CovarianceType.DIAGONAL).seed(1)
        .fit(Dataset.of(rows));
    double[] cov = m.state().covariances();
    int c = m.means()[0][0] < 1.7e9 + 1 ? 0 : 1;
    assertEquals(1.7e9, m.means()[c][0]);
    assertEquals(1e-6, cov[c], 1e-9);
  }

  @Test
  void aSpreadWithinTheRoundingErrorOfLargeValuesIsRefusedWithoutRegularizationNamingTheRemedy() {
    // 2000 distinct rows of one column near 1.7e9 (a timestamp), spread over +-9.5e-4: their variance, about 3e-7,
    // is below the documented floor with regularization 0, 2 ((4 n + 16) u M)^2 = 2 (8016 * 2^-53 * 1.7e9)^2, about
    // 4.6e-6 (the worst-case rounding error of the mean of values this large), so the fit is refused although the
    // rows are distinct (found in review: the message said only that the points had collapsed); the message now
    // names this case and that centring helps. The same rows centred fit; their variance is exact by hand below.
    int n = 2000;
    double[][] raw = new double[n][];
    double[][] centred = new double[n][];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double off = (2 * ((i * 37) % n) - (n - 1)) * 0x1p-21; // a permutation of odd multiples of 2^-21, sum 0
      raw[i] = new double[] {1.7e9 + off}; // exact: the ulp of 1.7e9 is 2^-22
      centred[i] = new double[] {off};
      sum += off * off; // exact: integers below 2^22 times 2^-42
    }
    for (CovarianceType type : CovarianceType.values()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> GaussianMixture.components(1).covariance(type).regularization(0).fit(Dataset.of(raw)), type::toString);
      assertTrue(e.getMessage().contains("or spread less than the rounding error of values as large as theirs"),
          e.getMessage());
      assertTrue(e.getMessage().contains("centre the columns first"), e.getMessage());
      GaussianMixtureModel m = GaussianMixture.components(1).covariance(type).regularization(0)
          .fit(Dataset.of(centred));
      // the offsets sum to 0 exactly (mean 0), so the variance is sum(off^2) / n, exact up to the division
      assertEquals(sum / n, m.state().covariances()[0], 1e-15 * sum / n, type::toString);
    }
    // with the default regularization the raw rows fit
    GaussianMixture.components(1).fit(Dataset.of(raw));
  }

  @Test
  void constantColumnIsRefusedWithoutRegularization() {
    double[][] c = new double[30][];
    for (int i = 0; i < 30; i++) {
      c[i] = new double[] {i, 1};
    }
    Dataset x = Dataset.of(c);
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAGONAL,
        CovarianceType.TIED}) {
      for (GmmInit init : GmmInit.values()) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> GaussianMixture.components(2).covariance(type).init(init).regularization(0).fit(x),
            type + " " + init);
        assertTrue(e.getMessage().contains("is not positive definite (" + type + " covariance, d = 2)"),
            e.getMessage());
        assertTrue(e.getMessage().contains("Increase regularization (currently 0.0)"), e.getMessage());
      }
    }
    // A column that is exactly another's 3 times plus 1 (no constant column): FULL and TIED covariances are singular
    // in exact arithmetic too, the second Cholesky pivot being rounding noise of the first column's variance.
    double[][] line = new double[30][];
    for (int i = 0; i < 30; i++) {
      line[i] = new double[] {i, 3.0 * i + 1};
    }
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
      assertThrows(IllegalStateException.class,
          () -> GaussianMixture.components(2).covariance(type).regularization(0).fit(Dataset.of(line)), type::toString);
    }
    GaussianMixtureModel spherical = GaussianMixture.components(2).covariance(CovarianceType.SPHERICAL)
        .regularization(0).fit(x);
    assertEquals(-5.733179876844698, spherical.logLikelihood(), 1e-6);
    // in CovarianceType order: FULL, DIAGONAL, SPHERICAL, TIED
    double[] sklearn = {2.4878413948614795, 2.4878413947804967, -5.733179876844698, 2.487859255888412};
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel m = GaussianMixture.components(2).covariance(type).fit(x);
      assertEquals(sklearn[type.ordinal()], m.logLikelihood(), 1e-6, type.toString());
      for (int k = 0; k < 2; k++) {
        assertEquals(1.0, m.means()[k][1], 1e-15, type.toString());
        if (type != CovarianceType.SPHERICAL) {
          assertEquals(1e-6, m.covariances()[k][1][1], 1e-15, type.toString());
        }
      }
    }
  }

  @Test
  void kmeansInitStartsFromTheKMeansClusters() {
    // With maxIterations(0) the model is the initialisation: one M-step on hard K-Means labels, so the means
    // are the K-Means centroids (up to scikit-learn's 10 eps added to each count) and the weights the
    // cluster fractions. Restart 0 seeds K-Means with Rng.split(seed, 0).nextLong().
    Dataset x = GaussianMixturePropertiesTest.blobs(5, 500, 3);
    GaussianMixtureModel m = GaussianMixture.components(4).seed(5).maxIterations(0).fit(x);
    KMeansModel km = KMeans.k(4).seed(Rng.split(5, 0).nextLong()).fit(x);
    int[] sizes = km.clusterSizes();
    for (int c = 0; c < 4; c++) {
      assertArrayEquals(km.centroids()[c], m.means()[c], 1e-12);
      assertEquals(sizes[c] / 500.0, m.weights()[c], 1e-14);
    }
  }

  @Test
  void kmeansPlusPlusInitStartsFromSeedRows() {
    // scikit-learn 1.2's "k-means++": responsibility 1 for one seed row per component, so each initial mean
    // is a data row and each covariance regularization * I; each N_c is 1 (+ 10 eps), so the returned weights
    // (N_c divided by their sum) are 1/k.
    Dataset x = GaussianMixturePropertiesTest.blobs(9, 300, 2);
    GaussianMixtureModel m = GaussianMixture.components(3).init(GmmInit.KMEANS_PLUS_PLUS).seed(9)
        .regularization(1e-3).maxIterations(0).fit(x);
    double[][] rows = x.toRows();
    for (int c = 0; c < 3; c++) {
      assertEquals(1.0 / 3, m.weights()[c], 1e-15);
      boolean isRow = false;
      for (double[] r : rows) {
        isRow |= Math.abs(r[0] - m.means()[c][0]) <= 1e-14 * Math.abs(r[0])
            && Math.abs(r[1] - m.means()[c][1]) <= 1e-14 * Math.abs(r[1]);
      }
      assertTrue(isRow, "mean " + c + " is a data row");
      assertArrayEquals(new double[] {1e-3, 0}, m.covariances()[c][0], 1e-18);
    }
    // and EM goes on from there to a proper fit
    GaussianMixtureModel fitted = GaussianMixture.components(3).init(GmmInit.KMEANS_PLUS_PLUS).seed(9).fit(x);
    assertTrue(fitted.logLikelihood() > m.logLikelihood());
  }

  @Test
  void moreRestartsNeverHurt() {
    // Restart r depends only on (seed, r), and the best final log-likelihood wins.
    Dataset x = GaussianMixturePropertiesTest.blobs(21, 600, 2);
    double prev = Double.NEGATIVE_INFINITY;
    for (int r = 1; r <= 4; r++) {
      double ll = GaussianMixture.components(5).init(GmmInit.RANDOM).restarts(r).seed(21).fit(x).logLikelihood();
      assertTrue(ll >= prev);
      prev = ll;
    }
  }

  /**
   * Restarts that tie go to the earlier one (the class comment of {@link GaussianMixture}). Two rows and two
   * components started from k-means++ seeds: every restart puts one row in each component and ends at the same
   * log-likelihood bit for bit (the same sums with the components exchanged); only the numbering of the components
   * follows the restart's first seed row, and it differs between seeds (asserted). Oracle: the fit of several
   * restarts is that of its first restart
   * alone ({@code restarts(1)} with the same seed) for every seed.
   */
  @Test
  void tiedRestartsKeepTheEarlierOne() {
    Dataset two = Dataset.of(new double[][] {{0}, {1}});
    boolean[] firstMean = new boolean[2];
    for (long seed = 0; seed < 16; seed++) {
      GaussianMixture g = GaussianMixture.components(2).init(GmmInit.KMEANS_PLUS_PLUS).seed(seed);
      GaussianMixtureModel one = g.fit(two);
      GaussianMixtureModel many = g.restarts(6).fit(two);
      assertEquals(one.state(), many.state(), "seed " + seed);
      firstMean[(int) Math.round(one.means()[0][0])] = true;
    }
    assertTrue(firstMean[0] && firstMean[1], "both numberings occur");
  }

  /**
   * Data beyond the range of squared deviations are refused with the rule and the value: near 1e200 a fit failed
   * with a misleading "points have collapsed" error, near 1e-200 it put every row in one component with means 0.
   * The edges of the accepted range fit as at magnitude 1 (same labels: an exact oracle up to the regularization,
   * which at 4e143 is negligible and at magnitude 1 too for these blobs).
   */
  @Test
  void extremeMagnitudesAreRefusedClearly() {
    double[] base = Generators.blobs(600, 2, 3, 1.0, 0, 7).data().toArray();
    for (double m : new double[] {1e200, 1e-200, Double.MAX_VALUE / 20, 1e146}) {
      double[] x = base.clone();
      for (int i = 0; i < x.length; i++) {
        x[i] *= m;
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GaussianMixture.components(3).seed(1).fit(Dataset.wrap(x, 600, 2)));
      assertTrue(e.getMessage().startsWith("data must have their largest magnitude in [2^-480, 2^481) (about"
          + " 3e-145 to 6e144)"), e.getMessage());
      double max = 0;
      for (double v : x) {
        max = Math.max(max, Math.abs(v));
      }
      assertTrue(e.getMessage().contains("got " + max + "; rescale the data first"), e.getMessage());
    }
    int[] plain = GaussianMixture.components(3).seed(1).fit(Dataset.wrap(base, 600, 2))
        .predict(Dataset.wrap(base, 600, 2));
    double[] big = base.clone();
    for (int i = 0; i < big.length; i++) {
      big[i] *= 4e143;
    }
    assertArrayEquals(plain, GaussianMixture.components(3).seed(1).fit(Dataset.wrap(big, 600, 2))
        .predict(Dataset.wrap(big, 600, 2)));
  }

  /**
   * With {@code maxIterations(0)} after the k-means++ initialisation the weights were the initial {@code N_c / n}:
   * {@code 1/n} each, summing to {@code k/n}, so the model was no density (log-likelihood off by {@code log(k/n)}
   * per row) and {@code fromState(state())} refused the model's own state (a saved file could not be loaded).
   * Oracle: the documented rule, initial {@code N_c} divided by their sum, so that every initialisation gives weights
   * summing to 1 (k-means++: {@code N_c = 1 + 10 eps} for every component, weights exactly {@code 1/k} up to one
   * rounding); the log-likelihood is then the mean of {@code scoreSamples}, and the state round-trips.
   */
  @Test
  void zeroIterationsGiveWeightsSummingToOneForEveryInit() {
    Dataset x = GaussianMixturePropertiesTest.blobs(4, 50, 2);
    for (CovarianceType type : CovarianceType.values()) {
      for (GmmInit init : GmmInit.values()) {
        String what = type + ", " + init;
        GaussianMixtureModel m = GaussianMixture.components(3).covariance(type).init(init).seed(4)
            .maxIterations(0).fit(x);
        double sum = 0;
        for (double w : m.weights()) {
          sum += w;
        }
        assertEquals(1.0, sum, 1e-12, what);
        if (init == GmmInit.KMEANS_PLUS_PLUS) {
          assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, m.weights(), 1e-15, what);
        }
        double mean = 0;
        for (double s : m.scoreSamples(x)) {
          mean += s;
        }
        assertEquals(mean / 50, m.logLikelihood(), 1e-12 * Math.abs(mean / 50), what);
        GaussianMixtureModel back = GaussianMixtureModel.fromState(m.state());
        assertArrayEquals(m.weights(), back.weights(), 0.0, what);
        assertArrayEquals(m.predict(x), back.predict(x), what);
      }
    }
  }

  /**
   * A point so far from every component that all its log densities overflow (near 1e200): its posterior was NaN in
   * every component and its most probable component always 0. Oracle: exact arithmetic (BigDecimal, 500 digits:
   * the terms that decide lie 200 orders below the leading one) on the model's own weights, means and covariances,
   * {@code log w_c - log det(Sigma_c) / 2 - maha_c / 2} with {@code maha_c} solved from {@code Sigma_c}: the largest
   * wins, by a margin far beyond {@code exp}'s range, so
   * the posterior is one-hot there. Every covariance type; TIED, whose components share {@code x^T P x}, is decided
   * by the cross term alone.
   */
  @Test
  void farPointsGetTheExactPosterior() {
    Dataset x = Generators.blobs(600, 3, 3, 1.0, 0, 7).data();
    Rng rng = new Rng(11);
    for (io.github.clusterkit.gmm.CovarianceType type : io.github.clusterkit.gmm.CovarianceType.values()) {
      GaussianMixtureModel g = GaussianMixture.components(3).covariance(type).seed(1).fit(x);
      for (int q = 0; q < 20; q++) {
        double[] far = {1e200 * rng.nextGaussian(), 1e200 * rng.nextGaussian(), 1e200 * rng.nextGaussian()};
        int winner = exactWinner(g, far);
        assertEquals(winner, g.predict(far), type + ", point " + q);
        double[] p = g.predictProba(far);
        for (int c = 0; c < p.length; c++) {
          assertEquals(c == winner ? 1.0 : 0.0, p[c], type + ", point " + q + ", component " + c);
        }
      }
    }
  }

  /**
   * The log density of a point near 1e200 was NaN in scoreSamples (log-sum-exp of all -inf), and so were BIC and AIC
   * of data holding it. Oracle: for every component, {@code maha_c >= |x - mu_c|^2 / lambda_max(Sigma_c)} and
   * {@code lambda_max <= trace}, so {@code log(w_c N(x | mu_c, Sigma_c)) <= -1/2 log det(2 pi Sigma_c) - |x - mu_c|^2 /
   * (2 trace)}, which (checked in logarithms) lies below {@code -Double.MAX_VALUE}; the sum over components is at most
   * {@code k} times the largest term, so the true log density rounds to {@code -Infinity}. The near row's value is the
   * log-sum-exp of its weighted log densities, unchanged.
   */
  @Test
  void farPointsGetMinusInfinityLogDensity() {
    Dataset x = Generators.blobs(600, 3, 3, 1.0, 0, 7).data();
    double[] near = x.toRows()[0];
    double[] far = {1e200, -3e200, 2e200};
    Dataset both = Dataset.of(new double[][] {near, far});
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel g = GaussianMixture.components(3).covariance(type).seed(1).fit(x);
      for (int c = 0; c < 3; c++) {
        double[] mu = g.means()[c];
        double max = 0;
        for (int j = 0; j < 3; j++) {
          max = Math.max(max, Math.abs(far[j] - mu[j]));
        }
        double dist2Log = 2 * Math.log(max);
        double trace = 0;
        for (int j = 0; j < 3; j++) {
          trace += g.covariances()[c][j][j];
        }
        // log(|x - mu|^2 / (2 trace)) exceeds log(MAX_VALUE) by far more than the constant and log k
        assertTrue(dist2Log - Math.log(2 * trace) > Math.log(Double.MAX_VALUE) + 10, type + ", component " + c);
      }
      double[] s = g.scoreSamples(both);
      assertTrue(Double.isFinite(s[0]), type + ": the near row");
      assertEquals(Double.NEGATIVE_INFINITY, s[1], type + ": the far row");
      assertEquals(Double.POSITIVE_INFINITY, g.bic(both), type.toString());
      assertEquals(Double.POSITIVE_INFINITY, g.aic(both), type.toString());
      // the near row alone: -2 log L + p ln 1
      assertEquals(-2 * s[0], g.bic(Dataset.of(new double[][] {near})), 0.0, type.toString());
    }
  }

  /**
   * A component of weight 0 (allowed by initialParameters and fromState) could win the far-point comparison, which
   * then left every log density at -inf: predictProba was NaN and predict returned the weight-0 component. Oracle:
   * the posterior of a weight-0 component is exactly 0 at every point; with one other component, that one has
   * posterior 1. The far point is nearer (in every term of the comparison) to the weight-0 component at the origin.
   */
  @Test
  void farPointsNeverGoToAComponentOfWeightZero() {
    double[][] mu = {{0, 0}, {3, 3}};
    double[][][] cov = {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}};
    Dataset x = GaussianMixturePropertiesTest.blobs(3, 40, 2);
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel g = GaussianMixture.components(2).covariance(type)
          .initialParameters(new double[] {0, 1}, mu, cov).maxIterations(0).fit(x);
      assertEquals(0.0, g.weights()[0], 0.0);
      GaussianMixtureModel rebuilt = GaussianMixtureModel.fromState(g.state());
      for (GaussianMixtureModel m : new GaussianMixtureModel[] {g, rebuilt}) {
        for (double[] p : new double[][] {{-1e200, -1e200}, {1e200, -1e200}, {-2e300, 5e299}}) {
          String what = type + " at " + p[0] + ", " + p[1];
          assertArrayEquals(new double[] {0, 1}, m.predictProba(p), 0.0, what);
          assertEquals(1, m.predict(p), what);
          assertArrayEquals(new int[] {1}, m.predict(Dataset.of(new double[][] {p})), what);
        }
      }
    }
  }

  /** The component of the largest exact log density (smaller index on ties). */
  private static int exactWinner(GaussianMixtureModel g, double[] x) {
    java.math.MathContext mc = new java.math.MathContext(500);
    double[] w = g.weights();
    double[][] mu = g.means();
    double[][][] cov = g.covariances();
    int d = x.length;
    java.math.BigDecimal best = null;
    int arg = -1;
    for (int c = 0; c < w.length; c++) {
      // Solve Sigma y = x - mu by Gaussian elimination with partial pivoting; det from the pivots.
      java.math.BigDecimal[][] a = new java.math.BigDecimal[d][d + 1];
      for (int r = 0; r < d; r++) {
        for (int j = 0; j < d; j++) {
          a[r][j] = new java.math.BigDecimal(cov[c][r][j]);
        }
        a[r][d] = new java.math.BigDecimal(x[r]).subtract(new java.math.BigDecimal(mu[c][r]));
      }
      java.math.BigDecimal det = java.math.BigDecimal.ONE;
      for (int col = 0; col < d; col++) {
        int piv = col;
        for (int r = col + 1; r < d; r++) {
          if (a[r][col].abs().compareTo(a[piv][col].abs()) > 0) {
            piv = r;
          }
        }
        java.math.BigDecimal[] t = a[col];
        a[col] = a[piv];
        a[piv] = t;
        if (piv != col) {
          det = det.negate();
        }
        det = det.multiply(a[col][col], mc);
        for (int r = col + 1; r < d; r++) {
          java.math.BigDecimal factor = a[r][col].divide(a[col][col], mc);
          for (int j = col; j <= d; j++) {
            a[r][j] = a[r][j].subtract(factor.multiply(a[col][j], mc), mc);
          }
        }
      }
      java.math.BigDecimal[] y = new java.math.BigDecimal[d];
      for (int r = d - 1; r >= 0; r--) {
        java.math.BigDecimal sum = a[r][d];
        for (int j = r + 1; j < d; j++) {
          sum = sum.subtract(a[r][j].multiply(y[j], mc), mc);
        }
        y[r] = sum.divide(a[r][r], mc);
      }
      java.math.BigDecimal maha = java.math.BigDecimal.ZERO;
      for (int r = 0; r < d; r++) {
        maha = maha.add(new java.math.BigDecimal(x[r]).subtract(new java.math.BigDecimal(mu[c][r])).multiply(y[r],
            mc), mc);
      }
      double constant = Math.log(w[c]) - 0.5 * Math.log(det.doubleValue());
      java.math.BigDecimal score = new java.math.BigDecimal(constant).subtract(maha.multiply(
          new java.math.BigDecimal("0.5"), mc), mc);
      if (best == null || score.compareTo(best) > 0) {
        best = score;
        arg = c;
      }
    }
    return arg;
  }

  /**
   * Rows whose log densities under the initial parameters all overflow: their responsibilities were NaN (log-sum-exp
   * of all -inf), and the fit failed with a misleading "points have collapsed ... responsibility sum NaN". Oracle:
   * exact arithmetic. Components 0 and 1 (means (0, 0) and (10, 10), covariance 1e-30 I) give every near row a
   * log density ratio beyond exp's range in favour of the nearer mean, so those rows go to it whole; the far rows
   * (1e140, 2e140) and (2e140, 1e140) have squared Mahalanobis distances near 5e310 (overflow) to both, which differ
   * by 2 x . (10, 10) / 1e-30 = 6e171 in favour of component 1, so they go to component 1 whole (two of them, in two
   * directions, so that its covariance has full rank in doubles too). The one M-step is then
   * scikit-learn's on those hard responsibilities, written out below; the log-likelihood of the initial parameters
   * is -Infinity, the double the far rows' log densities (about -2.5e310) and so the mean round to.
   */
  @Test
  void rowsWhoseLogDensitiesAllOverflowGetTheExactPosteriorInEm() {
    double[][] rows = {{0, 0}, {0.5, 0}, {0, 0.5}, {10, 10}, {10.5, 10}, {10, 10.5}, {1e140, 2e140}, {2e140, 1e140}};
    int[] labels = {0, 0, 0, 1, 1, 1, 1, 1};
    double[][] mu = {{0, 0}, {10, 10}};
    double[][][] cov = {{{1e-30, 0}, {0, 1e-30}}, {{1e-30, 0}, {0, 1e-30}}};
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel g = GaussianMixture.components(2).covariance(type)
          .initialParameters(new double[] {0.5, 0.5}, mu, cov).maxIterations(1).tolerance(0)
          .fit(Dataset.of(rows));
      double[][][] expected = hardMStep(rows, labels, 2, type, 1e-6);
      assertClose(expected[0][0], g.weights(), type + " weights");
      for (int c = 0; c < 2; c++) {
        assertClose(expected[1][c], g.means()[c], type + " mean " + c);
        for (int a = 0; a < 2; a++) {
          assertClose(expected[2 + c][a], g.covariances()[c][a], type + " covariance " + c + " row " + a);
        }
      }
      double[] h = g.logLikelihoodHistory();
      assertEquals(Double.NEGATIVE_INFINITY, h[0], type.toString());
      assertTrue(Double.isFinite(h[1]), type + ": " + h[1]);
      // the state of such a fit is a valid state
      assertArrayEquals(h, GaussianMixtureModel.fromState(g.state()).logLikelihoodHistory(), 0.0, type.toString());
    }
    // One component: its posterior is 1 whatever the density, so the example of the report (mean 1e200, data 0..3)
    // gets the sample mean and variance: 6 / (4 + 10 eps) and sum (x - mean)^2 / (4 + 10 eps) + 1e-6.
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
      GaussianMixtureModel g = GaussianMixture.components(1).covariance(type)
          .initialParameters(new double[] {1}, new double[][] {{1e200}}, new double[][][] {{{1}}})
          .fit(Dataset.of(new double[][] {{0}, {1}, {2}, {3}}));
      double[][][] expected = hardMStep(new double[][] {{0}, {1}, {2}, {3}}, new int[4], 1, type, 1e-6);
      assertEquals(expected[1][0][0], g.means()[0][0], 1e-15, type.toString());
      assertEquals(expected[2][0][0], g.covariances()[0][0][0], 1e-15, type.toString());
      assertEquals(Double.NEGATIVE_INFINITY, g.logLikelihoodHistory()[0], type.toString());
    }
  }

  /**
   * A component of weight 0 takes no part in the limit posterior of a row whose log densities all overflow (its
   * posterior is 0 wherever the row is), even where it would rank first term by term: with a wider variance (a smaller
   * quadratic term), or with the same variance and its mean farther out on the row's side (a larger cross term).
   * Means 10 and -10 of weight 0.5 and variance 1e-30: the rows near 10 go to component 0 by their finite log
   * densities, and the rows at 1e140 and 2e140 (squared distances near 1e310, overflowing) by the exact limit, the same
   * variance and the nearer mean. So the one M-step is scikit-learn's on all rows in component 0 (hardMStep), and the
   * log-likelihood of the initial parameters is -Infinity. A weight-0 component ranked first would leave every log
   * density at -Infinity and fail the fit ("cannot be ranked").
   */
  @Test
  void farRowsInEmIgnoreComponentsOfWeightZero() {
    double[][] rows = {{9}, {10}, {11}, {1e140}, {2e140}};
    double[][][] expected = hardMStep(rows, new int[rows.length], 3, CovarianceType.FULL, 1e-6);
    double[][][] wider = {{{1e-30}}, {{1e-30}}, {{4e-30}}};
    double[][][] same = {{{1e-30}}, {{1e-30}}, {{1e-30}}};
    for (CovarianceType type : CovarianceType.values()) {
      for (int variant = 0; variant < 2; variant++) {
        if (variant == 0 && type == CovarianceType.TIED) {
          continue; // TIED shares one covariance
        }
        double[][] mu = {{10}, {-10}, {variant == 0 ? 0 : 20}};
        GaussianMixtureModel g = GaussianMixture.components(3).covariance(type)
            .initialParameters(new double[] {0.5, 0.5, 0}, mu, variant == 0 ? wider : same).maxIterations(1)
            .tolerance(0).fit(Dataset.of(rows));
        String what = type + (variant == 0 ? " wider" : " farther");
        assertEquals(Double.NEGATIVE_INFINITY, g.logLikelihoodHistory()[0], what);
        assertClose(expected[1][0], g.means()[0], what + " mean 0");
        assertClose(expected[0][0], g.weights(), what + " weights");
      }
    }
  }

  /**
   * DIAGONAL and SPHERICAL take the M-step sums about the previous means and correct them by the shift; from initial
   * means far from the data the correction cancelled: the variance after one iteration came out 2.0, 1e-6 (the
   * regularization alone), 16384 or 1.3e8 instead of 1.25 (means 1e8 to 1e12 away), and with means at 1e200 the sums
   * overflowed and the fit failed with "not positive definite". Oracle: one component takes every row whole
   * (posterior 1 whatever the densities), so the M-step is scikit-learn's on all-ones responsibilities, written out
   * in hardMStep: the sample mean and the variance about it over n + 10 eps, plus 1e-6.
   */
  @Test
  void diagonalAndSphericalFromFarInitialMeansGetTheSampleVariance() {
    double[][] rows = {{0, 0}, {1, 2}, {2, 1}, {3, 3}, {0.25, 2.5}};
    for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.SPHERICAL}) {
      double[][][] expected = hardMStep(rows, new int[rows.length], 1, type, 1e-6);
      for (double far : new double[] {1e4, 1e8, 1e12, -1e100, 1e200}) {
        GaussianMixtureModel g = GaussianMixture.components(1).covariance(type)
            .initialParameters(new double[] {1}, new double[][] {{far, far}},
                new double[][][] {{{1, 0}, {0, 1}}})
            .maxIterations(1).fit(Dataset.of(rows));
        String what = type + " from means at " + far;
        assertClose(expected[1][0], g.means()[0], what + ": mean");
        for (int a = 0; a < 2; a++) {
          assertClose(expected[2][a], g.covariances()[0][a], what + ": covariance row " + a);
        }
      }
    }
  }

  /**
   * Where no component can be ranked for a row whose log densities all overflow (two components at +-1e200, data
   * near 0: even the far-point comparison's terms overflow), the fit says so and what to do, instead of the
   * misleading "points have collapsed ... responsibility sum NaN".
   */
  @Test
  void rowsNoComponentCanBeRankedForAreRefusedClearly() {
    for (CovarianceType type : CovarianceType.values()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> GaussianMixture.components(2)
          .covariance(type).initialParameters(new double[] {0.5, 0.5}, new double[][] {{1e200}, {-1e200}},
              new double[][][] {{{1}}, {{1}}})
          .fit(Dataset.of(new double[][] {{0}, {1}, {2}, {3}})));
      String m = e.getMessage();
      assertTrue(m.contains("E-step of EM iteration 1: row 0 is so far from every component that all 2 of its log"
          + " densities overflow"), m);
      assertTrue(m.contains("The means are far from the data"), m);
      assertTrue(m.contains("start from means within the range of the data"), m);
      assertTrue(!m.contains("collapsed"), m);
    }
  }

  /**
   * scikit-learn's M-step on hard responsibilities: {@code N_c = count + 10 eps}, weights {@code N_c / sum N},
   * means {@code sum x / N_c}, covariances about the new means over {@code N_c} (TIED: summed over the components,
   * over {@code sum N}; DIAGONAL the diagonal; SPHERICAL the mean of the diagonal) plus {@code reg} on the diagonal.
   *
   * @return {weights}, means, then one d x d matrix per component
   */
  private static double[][][] hardMStep(double[][] x, int[] labels, int k, CovarianceType type, double reg) {
    int d = x[0].length;
    double[] nk = new double[k];
    double[][] means = new double[k][d];
    for (int i = 0; i < x.length; i++) {
      nk[labels[i]] += 1;
      for (int j = 0; j < d; j++) {
        means[labels[i]][j] += x[i][j];
      }
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      nk[c] += 10 * Math.ulp(1.0);
      total += nk[c];
      for (int j = 0; j < d; j++) {
        means[c][j] /= nk[c];
      }
    }
    double[][][] scatter = new double[k][d][d];
    for (int i = 0; i < x.length; i++) {
      int c = labels[i];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          scatter[c][a][b] += (x[i][a] - means[c][a]) * (x[i][b] - means[c][b]);
        }
      }
    }
    double[][][] out = new double[2 + k][][];
    double[] w = new double[k];
    for (int c = 0; c < k; c++) {
      w[c] = nk[c] / total;
    }
    out[0] = new double[][] {w};
    out[1] = means;
    for (int c = 0; c < k; c++) {
      double[][] m = new double[d][d];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          double v;
          if (type == CovarianceType.TIED) {
            v = 0;
            for (int q = 0; q < k; q++) {
              v += scatter[q][a][b];
            }
            v /= total;
          } else {
            v = scatter[c][a][b] / nk[c];
          }
          if (type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) {
            v = a == b ? v : 0;
          }
          m[a][b] = v + (a == b ? reg : 0);
        }
      }
      if (type == CovarianceType.SPHERICAL) {
        double s = 0;
        for (int a = 0; a < d; a++) {
          s += m[a][a];
        }
        for (int a = 0; a < d; a++) {
          m[a][a] = s / d;
        }
      }
      out[2 + c] = m;
    }
    return out;
  }

  /** Equal within 1e-12 of each value's magnitude (the same formulas, summed in other orders). */
  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-12 * Math.abs(expected[i]), what + "[" + i + "]");
    }
  }
}
