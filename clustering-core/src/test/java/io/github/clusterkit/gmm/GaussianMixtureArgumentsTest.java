package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input, edge cases, copies and the collapse error. */
class GaussianMixtureArgumentsTest {

  private static final Dataset BLOBS = Generators.blobs(120, 2, 3, 0.5, 0, 7).data();

  private static void rejects(Executable e, String... fragments) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String f : fragments) {
      assertTrue(ex.getMessage().contains(f), () -> "message '" + ex.getMessage() + "' lacks '" + f + "'");
    }
  }

  /**
   * Sizes whose arrays exceed Java's limit overflowed int: 50000 rows and 50000 components need 2.5e9 responsibilities
   * (NegativeArraySizeException), FULL or TIED covariances of d = 46341 columns need d * d = 2147488281 values
   * (NegativeArraySizeException; d = 65536 gave an index error). Oracle: the arithmetic of the sizes against the
   * documented limit 2^31 - 9; the refusal comes before any work (K-Means of 50000 clusters would take minutes).
   */
  @Test
  void refusesArraysBeyondTheJavaLimitClearly() {
    int n = 50_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    Dataset tall = Dataset.wrap(x, n, 1);
    for (CovarianceType type : CovarianceType.values()) {
      for (GmmInit init : new GmmInit[] {GmmInit.KMEANS, GmmInit.RANDOM}) {
        rejects(() -> GaussianMixture.components(n).covariance(type).init(init).fit(tall),
            "responsibilities must fit in a Java array", "n = 50000, components = 50000", "2500000000 values");
      }
    }
    // FULL and TIED store responsibilities whatever the initialisation (the M-step reads them)
    for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
      rejects(() -> GaussianMixture.components(n).covariance(type).init(GmmInit.KMEANS_PLUS_PLUS).fit(tall),
          "2500000000 values");
    }
    int d = 46_341;
    Dataset wide = Dataset.wrap(new double[2 * d], 2, d);
    rejects(() -> GaussianMixture.components(1).covariance(CovarianceType.FULL).fit(wide),
        "FULL covariances must fit in a Java array", "components * d * d = 1 * 46341 * 46341 = 2147488281");
    rejects(() -> GaussianMixture.components(1).covariance(CovarianceType.TIED).fit(wide),
        "TIED covariances must fit in a Java array", "d * d = 46341 * 46341 = 2147488281");
    // 46340^2 = 2147395600 fits: DIAGONAL and SPHERICAL need no d * d array at all
    rejects(() -> GaussianMixture.components(2).covariance(CovarianceType.FULL)
        .fit(Dataset.wrap(new double[2 * 32_768], 2, 32_768)), "components * d * d = 2 * 32768 * 32768");
    for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.SPHERICAL}) {
      GaussianMixtureModel m = GaussianMixture.components(1).covariance(type).maxIterations(1)
          .fit(Dataset.wrap(new double[] {0, 1, 2, 3}, 2, 2));
      assertEquals(2, m.dimension());
    }
  }

  /**
   * The history of mean log-likelihoods was allocated for {@code maxIterations + 1} values before the first E-step:
   * {@code maxIterations(Integer.MAX_VALUE)}, the natural "until converged", threw NegativeArraySizeException and
   * {@code maxIterations(100_000_000)} an OutOfMemoryError, on six rows that converge in two iterations. Oracle: the
   * same fit under the default limit of 100, which it never reaches, must come out bit for bit equal; and a run with
   * tolerance 0 past the history's first 101 entries must repeat the 100-iteration run's values as its prefix.
   */
  @Test
  void hugeIterationLimitsCostOnlyTheIterationsRun() {
    Dataset six = Dataset.of(new double[][] {{1}, {2}, {3}, {10}, {11}, {12}});
    GaussianMixtureModel reference = GaussianMixture.components(2).fit(six);
    for (int limit : new int[] {Integer.MAX_VALUE, 100_000_000}) {
      GaussianMixtureModel m = GaussianMixture.components(2).maxIterations(limit).fit(six);
      assertEquals(reference.state(), m.state());
    }
    double[] hundred = GaussianMixture.components(2).tolerance(0).maxIterations(100).fit(BLOBS).logLikelihoodHistory();
    GaussianMixtureModel longer = GaussianMixture.components(2).tolerance(0).maxIterations(250).fit(BLOBS);
    assertEquals(250, longer.iterations());
    double[] history = longer.logLikelihoodHistory();
    assertEquals(251, history.length);
    for (int t = 0; t < 100; t++) {
      assertEquals(hundred[t], history[t], "iteration " + t);
    }
  }

  @Test
  void rejectsBadSettingsWithTheValue() {
    rejects(() -> GaussianMixture.components(0), "components", "0");
    rejects(() -> GaussianMixture.components(-3), "components", "-3");
    GaussianMixture g = GaussianMixture.components(2);
    rejects(() -> g.regularization(-1e-6), "regularization", "-1.0E-6");
    rejects(() -> g.regularization(Double.NaN), "regularization", "NaN");
    rejects(() -> g.regularization(Double.POSITIVE_INFINITY), "regularization", "Infinity");
    rejects(() -> g.tolerance(Double.NaN), "tolerance", "NaN");
    rejects(() -> g.tolerance(-1), "tolerance", "-1.0");
    rejects(() -> g.maxIterations(-1), "maxIterations", "-1");
    rejects(() -> g.restarts(0), "restarts", "0");
    rejects(() -> g.parallelism(0), "parallelism", "0");
    rejects(() -> g.init(null), "init");
    rejects(() -> g.covariance(null), "covariance");
    rejects(() -> g.fit(null), "data");
    // the documented lower bounds themselves are accepted
    GaussianMixture edges = g.regularization(0).tolerance(0).maxIterations(0).restarts(1).parallelism(1);
    assertEquals("GaussianMixture[components=2, covariance=FULL, regularization=0.0, maxIterations=0,"
        + " tolerance=0.0, restarts=1, init=KMEANS, seed=0, parallelism=1]", edges.toString());
  }

  @Test
  void rejectsMoreComponentsThanRows() {
    Dataset three = Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 0}});
    rejects(() -> GaussianMixture.components(4).fit(three), "components", "4", "3");
    // k = n is allowed (every point its own component, covariance = regularization * I)
    GaussianMixtureModel m = GaussianMixture.components(3).init(GmmInit.KMEANS_PLUS_PLUS).fit(three);
    assertEquals(3, m.components());
  }

  /**
   * Initial weights follow scikit-learn 1.2.1's rule (sklearn/mixture/_gaussian_mixture.py, _check_weights): each in
   * [0, 1] and {@code np.allclose(abs(1 - sum), 0)}, that is {@code |1 - sum| <= 1e-8}. Before, sums up to 1e-6 away
   * were accepted (1 + 5e-7 here), which scikit-learn rejects. The verdicts (and the sums in the messages) are those
   * of tools/gmm_weights_reference.py calling _check_weights on the same vectors.
   */
  @Test
  void initialWeightsFollowScikitLearnsRule() {
    double[][] mu2 = {{0}, {1}};
    double[][][] cov2 = {{{1}}, {{1}}};
    GaussianMixture g = GaussianMixture.components(2);
    // accepted by scikit-learn: exactly at the boundary on either side
    g.initialParameters(new double[] {0.5, 0.5 + 1e-8}, mu2, cov2);
    g.initialParameters(new double[] {0.5, 0.5 - 1e-8}, mu2, cov2);
    // rejected by scikit-learn: just beyond it, and the former 1e-6 tolerance
    rejects(() -> g.initialParameters(new double[] {0.5, 0.5 + 1.0000001e-8}, mu2, cov2), "weights",
        "sum to 1", "1e-8", "1.000000010000001");
    rejects(() -> g.initialParameters(new double[] {0.5, 0.5 - 1.0000001e-8}, mu2, cov2), "weights",
        "sum to 1", "1e-8", "0.999999989999999");
    rejects(() -> g.initialParameters(new double[] {0.5, 0.5 + 5e-7}, mu2, cov2), "sum to 1", "1.0000005");
    // ten components (the sum rounded along the way)
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    double[][] mu10 = new double[10][1];
    double[][][] cov10 = new double[10][][];
    for (int c = 0; c < 10; c++) {
      mu10[c][0] = c;
      cov10[c] = new double[][] {{1}};
    }
    GaussianMixture g10 = GaussianMixture.components(10);
    g10.initialParameters(tenths, mu10, cov10);
    double[] near = tenths.clone();
    near[9] += 9.9e-9;
    g10.initialParameters(near, mu10, cov10);
    double[] beyond = tenths.clone();
    beyond[9] += 1.01e-8;
    rejects(() -> g10.initialParameters(beyond, mu10, cov10), "sum to 1", "1e-8");
    // a weight above 1 is refused by its range even when the sum is within the tolerance
    rejects(() -> g.initialParameters(new double[] {1 + 1e-9, 0}, mu2, cov2), "weights[0]", "[0, 1]",
        "1.000000001");
  }

  @Test
  void rejectsBadInitialParameters() {
    double[] w = {0.5, 0.5};
    double[][] mu = {{0, 0}, {1, 1}};
    double[][] eye = {{1, 0}, {0, 1}};
    double[][][] cov = {eye, eye};
    GaussianMixture g = GaussianMixture.components(2);
    rejects(() -> g.initialParameters(new double[] {1}, mu, cov), "components = 2", "1 weights");
    rejects(() -> g.initialParameters(new double[] {0.7, 0.7}, mu, cov), "sum to 1", "1.4");
    rejects(() -> g.initialParameters(new double[] {1.5, -0.5}, mu, cov), "weights[0]", "1.5");
    rejects(() -> g.initialParameters(new double[] {Double.NaN, 0.5}, mu, cov), "NaN");
    rejects(() -> g.initialParameters(w, new double[][] {{0, 0}, {1}}, cov), "means[1] of length 1");
    // null rows and matrices are refused by name, not with a NullPointerException
    rejects(() -> g.initialParameters(w, new double[][] {{0, 0}, null}, cov), "got means[1] = null");
    rejects(() -> g.initialParameters(w, new double[][] {null, {1, 1}}, cov),
        "means[0] must have at least one coordinate, got null");
    rejects(() -> g.initialParameters(w, new double[][] {{}, {}}, cov),
        "means[0] must have at least one coordinate, got length 0");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, null}), "covariances[1] must be 2 x 2, got null");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, {{1, 0}, null}}), "covariances[1]",
        "row 1 has null");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {{{1, 0}, {0}}, eye}), "covariances[0]",
        "row 1 has 1");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, {{1, 0}, {0, Double.NaN}}}),
        "covariances must be finite", "covariances[1][1][1] = NaN");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {{{Double.POSITIVE_INFINITY, 0}, {0, 1}}, eye}),
        "covariances must be finite", "covariances[0][0][0] = Infinity");
    rejects(() -> g.initialParameters(w, new double[][] {{0, Double.NaN}, {1, 1}}, cov), "means[0][1]", "NaN");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, {{1, 0.5}, {0.4, 1}}}), "covariances[1]",
        "symmetric");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, {{1, 2}, {2, 1}}}), "covariances[1]",
        "positive definite (its Cholesky factorisation fails), got [[1.0, 2.0], [2.0, 1.0]]");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}),
        "covariances[1]", "2 x 2, got 3 rows");
    double[][][] full = {{{1, 0.3}, {0.3, 1}}, eye};
    rejects(() -> g.covariance(CovarianceType.DIAGONAL).initialParameters(w, mu, full), "diagonal",
        "covariances[0][0][1]");
    // the shape is checked whichever wither comes last
    rejects(() -> g.initialParameters(w, mu, full).covariance(CovarianceType.DIAGONAL), "diagonal");
    rejects(() -> g.initialParameters(w, mu, new double[][][] {eye, {{2, 0}, {0, 1}}})
        .covariance(CovarianceType.SPHERICAL), "SPHERICAL", "covariances[1][1][1]");
    rejects(() -> g.covariance(CovarianceType.TIED).initialParameters(w, mu, full), "TIED");
    rejects(() -> g.initialParameters(w, mu, cov).fit(Generators.blobs(50, 3, 2, 1, 0, 1).data()),
        "dimension 2", "dimension 3");
    // A variance at or below 2^-1024 is positive but its precision is infinite (NaN densities at the mean): refused
    // for DIAGONAL and SPHERICAL when given, or when the type is set afterwards (it escaped as an internal exception
    // from fit once Mixture refused it); FULL and TIED invert the Cholesky factor, whose 1 / sqrt(v) is finite.
    double[][][] tiny = {{{1e-320}}};
    GaussianMixture one = GaussianMixture.components(1);
    for (CovarianceType t : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.SPHERICAL}) {
      rejects(() -> one.covariance(t).initialParameters(new double[] {1}, new double[][] {{0}}, tiny),
          "variances above 2^-1024", t.toString(), "covariances[0][0][0] = ");
      GaussianMixture given = one.initialParameters(new double[] {1}, new double[][] {{0}}, tiny);
      rejects(() -> given.covariance(t), "variances above 2^-1024", t.toString());
    }
    Dataset line = Dataset.of(new double[][] {{0}, {1}, {2}});
    GaussianMixtureModel m = one.initialParameters(new double[] {1}, new double[][] {{0}}, tiny).maxIterations(0)
        .fit(line);
    assertArrayEquals(new double[] {1.0}, m.predictProba(new double[] {0}), 0.0);
  }

  /**
   * Initial covariances that are symmetric up to rounding are accepted at any scale and stored symmetrised (the class
   * comment: "the covariances as stored, symmetrised"): at variances near 1e6 the two off-diagonal entries differ by
   * 2^-30 (16 ulps of 3e5, as a product computed in another order can leave them). Oracle, exact: the stored entry is
   * their mean {@code 3e5 + 2^-31}, a double; returned unchanged by a fit of 0 iterations.
   */
  @Test
  void roundingAsymmetryIsAcceptedAtAnyScaleAndAveraged() {
    double lo = 3e5;
    double hi = 3e5 + 0x1p-30;
    double[][][] cov = {{{1e6, lo}, {hi, 2e6}}};
    GaussianMixtureModel m = GaussianMixture.components(1)
        .initialParameters(new double[] {1}, new double[][] {{0, 0}}, cov).maxIterations(0).fit(BLOBS);
    double mean = 3e5 + 0x1p-31;
    assertArrayEquals(new double[] {1e6, mean}, m.covariances()[0][0], 0.0);
    assertArrayEquals(new double[] {mean, 2e6}, m.covariances()[0][1], 0.0);
    assertArrayEquals(new double[] {hi}, new double[] {cov[0][1][0]}, 0.0); // the caller's matrix is not modified
  }

  /**
   * The documented symmetry tolerance, {@code |m[a][b] - m[b][a]| <= 1e-12 max |m|}, at its edge: with largest
   * entry 2^21 it allows 2.097152e-6, so entries 2^-19 (1.9e-6) apart are accepted (and stored as their mean) and
   * 2^-18 (3.8e-6) apart are refused (exact: both gaps and the mean are representable beside 3e5).
   */
  @Test
  void symmetryToleranceIsRelativeToTheLargestEntry() {
    double top = 0x1p21;
    GaussianMixture one = GaussianMixture.components(1);
    double[][][] within = {{{top, 3e5}, {3e5 + 0x1p-19, 0x1p20}}};
    GaussianMixtureModel m = one.initialParameters(new double[] {1}, new double[][] {{0, 0}}, within)
        .maxIterations(0).fit(BLOBS);
    assertArrayEquals(new double[] {top, 3e5 + 0x1p-20}, m.covariances()[0][0], 0.0);
    double[][][] beyond = {{{top, 3e5}, {3e5 + 0x1p-18, 0x1p20}}};
    rejects(() -> one.initialParameters(new double[] {1}, new double[][] {{0, 0}}, beyond),
        "initial covariances[0] must be symmetric, got " + (3e5 + 0x1p-18) + " at [1][0] and 300000.0 at [0][1]");
  }

  /**
   * The initial covariances' shape rule is stated for the type that breaks it: SPHERICAL needs multiples of the
   * identity (an off-diagonal entry said "diagonal" before, a user trial), DIAGONAL diagonal matrices. Exact messages.
   */
  @Test
  void shapeMessagesStateEachTypesRule() {
    GaussianMixture g = GaussianMixture.components(2);
    double[] w = {0.5, 0.5};
    double[][] mu = {{0, 0}, {1, 1}};
    double[][][] full = {{{1, 0.3}, {0.3, 1}}, {{1, 0}, {0, 1}}};
    IllegalArgumentException sph = assertThrows(IllegalArgumentException.class,
        () -> g.initialParameters(w, mu, full).covariance(CovarianceType.SPHERICAL));
    assertEquals("initial covariances must be multiples of the identity for covariance type SPHERICAL, got"
        + " covariances[0][0][1] = 0.3", sph.getMessage());
    IllegalArgumentException sphGiven = assertThrows(IllegalArgumentException.class,
        () -> g.covariance(CovarianceType.SPHERICAL).initialParameters(w, mu, full));
    assertEquals(sph.getMessage(), sphGiven.getMessage());
    IllegalArgumentException diag = assertThrows(IllegalArgumentException.class,
        () -> g.initialParameters(w, mu, full).covariance(CovarianceType.DIAGONAL));
    assertEquals("initial covariances must be diagonal for covariance type DIAGONAL, got covariances[0][0][1] = 0.3",
        diag.getMessage());
  }

  /**
   * More components than distinct rows: the message names the user's parameter {@code components} (it said "init
   * KMEANS failed: k must be <= ...", K-Means' own parameter, a user trial), the count of distinct rows, the
   * initialisation and the value. Exact messages; 20 identical rows have 1 distinct row.
   */
  @Test
  void tooFewDistinctRowsNameTheComponents() {
    double[][] rows = new double[20][];
    for (int i = 0; i < 20; i++) {
      rows[i] = new double[] {3, -1};
    }
    Dataset same = Dataset.of(rows);
    IllegalArgumentException km = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixture.components(2).fit(same));
    assertEquals("components must be <= the number of distinct rows (1) for init KMEANS, got 2; use"
        + " init(GmmInit.RANDOM) or fewer components", km.getMessage());
    IllegalArgumentException pp = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixture.components(2).init(GmmInit.KMEANS_PLUS_PLUS).fit(same));
    assertEquals("components must be <= the number of distinct rows (1) for init KMEANS_PLUS_PLUS, got 2; use"
        + " init(GmmInit.RANDOM) or fewer components", pp.getMessage());
    // as the message says, RANDOM fits such data
    assertEquals(2, GaussianMixture.components(2).init(GmmInit.RANDOM).fit(same).components());
  }

  @Test
  void modelRejectsBadPoints() {
    GaussianMixtureModel m = GaussianMixture.components(2).seed(3).fit(BLOBS);
    rejects(() -> m.predict(new double[] {1}), "dimension 2", "1");
    rejects(() -> m.predictProba(new double[] {1, Double.NaN}), "index 1", "NaN");
    rejects(() -> m.predict((double[]) null), "null");
    rejects(() -> m.scoreSamples(Dataset.of(new double[][] {{1, 2, 3}})), "dimension 2", "3");
    rejects(() -> m.bic(null), "null");
    Dataset three = Dataset.of(new double[][] {{1, 2, 3}});
    rejects(() -> m.predict(three), "data must have dimension 2, got 3");
    rejects(() -> m.predictProba(three), "data must have dimension 2, got 3");
    rejects(() -> m.predict((Dataset) null), "data must not be null");
    rejects(() -> m.predictProba((Dataset) null), "data must not be null");
  }

  @Test
  void neverModifiesOrSharesArrays() {
    double[] w = {0.25, 0.75};
    double[][] mu = {{0, 0}, {3, 3}};
    double[][][] cov = {{{1, 0.2}, {0.2, 1}}, {{2, 0}, {0, 2}}};
    GaussianMixture g = GaussianMixture.components(2).initialParameters(w, mu, cov);
    GaussianMixtureModel before = g.fit(BLOBS);
    assertArrayEquals(new double[] {0.25, 0.75}, w, 0.0);
    assertArrayEquals(new double[] {3, 3}, mu[1], 0.0);
    assertArrayEquals(new double[] {0.2, 1}, cov[0][1], 0.0);
    mu[0][0] = 100;
    cov[1][0][0] = 100;
    w[0] = 0.9;
    GaussianMixtureModel after = g.fit(BLOBS);
    assertEquals(before.logLikelihood(), after.logLikelihood(), 0.0);
    double[][] means = after.means();
    means[0][0] = 42;
    double[][][] covs = after.covariances();
    covs[0][0][0] = 42;
    double[] weights = after.weights();
    weights[0] = 42;
    double[] hist = after.logLikelihoodHistory();
    hist[0] = 42;
    assertFalse(after.means()[0][0] == 42);
    assertFalse(after.covariances()[0][0][0] == 42);
    assertFalse(after.weights()[0] == 42);
    assertFalse(after.logLikelihoodHistory()[0] == 42);
  }

  @Test
  void collapsedComponentGivesAnActionableError() {
    // Each k-means++ seed starts as its own component with covariance = regularization * I = 0: not
    // positive definite, reported at initialisation with the component and the remedies.
    Dataset data = Generators.blobs(60, 2, 3, 0.5, 0, 11).data();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> GaussianMixture.components(3)
        .init(GmmInit.KMEANS_PLUS_PLUS).regularization(0).fit(data));
    assertTrue(e.getMessage().contains("component 0"), e.getMessage());
    assertTrue(e.getMessage().contains("Increase regularization (currently 0.0)"), e.getMessage());
    assertTrue(e.getMessage().contains("fewer components"), e.getMessage());
    assertTrue(e.getMessage().contains("at initialisation"), e.getMessage());
    // one restart: its own failure, not wrapped in "all 1 restarts failed"
    assertTrue(e.getMessage().startsWith("Gaussian mixture fit failed at initialisation"), e.getMessage());
    IllegalStateException all = assertThrows(IllegalStateException.class, () -> GaussianMixture.components(3)
        .init(GmmInit.KMEANS_PLUS_PLUS).regularization(0).restarts(3).fit(data));
    assertTrue(all.getMessage().startsWith("all 3 restarts failed"), all.getMessage());
    // Duplicated points: with regularization 0 a component on one repeated point collapses during EM.
    double[][] rows = new double[40][];
    for (int i = 0; i < 40; i++) {
      rows[i] = i < 20 ? new double[] {5, 5} : new double[] {i, 2.0 * i % 7};
    }
    IllegalStateException dup = assertThrows(IllegalStateException.class,
        () -> GaussianMixture.components(2).regularization(0).fit(Dataset.of(rows)));
    assertTrue(dup.getMessage().contains("not positive definite"), dup.getMessage());
    // the default regularization handles the same data
    GaussianMixtureModel ok = GaussianMixture.components(2).fit(Dataset.of(rows));
    assertEquals(2, ok.components());
  }

  @Test
  void zeroIterationsReturnTheInitialParameters() {
    double[] w = {0.4, 0.6};
    double[][] mu = {{0, 0}, {3, 3}};
    double[][][] cov = {{{1, 0.2}, {0.2, 1}}, {{2, 0}, {0, 2}}};
    GaussianMixtureModel m = GaussianMixture.components(2).initialParameters(w, mu, cov).maxIterations(0)
        .fit(BLOBS);
    assertEquals(0, m.iterations());
    assertFalse(m.converged());
    assertEquals(1, m.logLikelihoodHistory().length);
    assertArrayEquals(w, m.weights(), 0.0);
    assertArrayEquals(mu[1], m.means()[1], 0.0);
    assertArrayEquals(cov[0][1], m.covariances()[0][1], 0.0);
  }

  @Test
  void singleComponentIsTheSampleMeanAndCovariance() {
    // Exact: one component has responsibility 1 everywhere, so after one M-step the mean is the sample
    // mean and the covariance the biased sample covariance plus the regularization.
    Dataset x = Dataset.of(new double[][] {{0, 0}, {2, 0}, {0, 4}, {2, 4}});
    GaussianMixtureModel m = GaussianMixture.components(1).fit(x);
    assertArrayEquals(new double[] {1, 2}, m.means()[0], 1e-14);
    assertArrayEquals(new double[] {1 + 1e-6, 0}, m.covariances()[0][0], 1e-14);
    assertArrayEquals(new double[] {0, 4 + 1e-6}, m.covariances()[0][1], 1e-14);
    assertEquals(1.0, m.weights()[0], 1e-15);
    // log-likelihood of N((1,2), diag(1+r, 4+r)) at the four corners: each at Mahalanobis^2 = 1/(1+r) + 4/(4+r)
    double r = 1e-6;
    double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log((1 + r) * (4 + r)) - 0.5 * (1 / (1 + r) + 4 / (4 + r));
    assertEquals(expected, m.logLikelihood(), 1e-14);
    assertEquals(2, m.iterations());
    assertTrue(m.converged());
  }

  @Test
  void scoreSampleRefusesBadPoints() {
    GaussianMixtureModel g = GaussianMixture.components(3).seed(1).fit(BLOBS);
    rejects(() -> g.scoreSample(null), "point must not be null");
    rejects(() -> g.scoreSample(new double[3]), "point must have dimension 2, got 3");
    rejects(() -> g.scoreSample(new double[] {0, Double.NaN}), "point must be finite, got NaN at index 1");
  }

  /**
   * Found in review: the fit's chunk and block ends ({@code from + chunkSize}, {@code (n + BLOCK - 1) / BLOCK}) overflowed
   * int for one column of more than about 2.11e9 rows, and its per-block flags ({@code components * ceil(n / 128)})
   * were not checked. Both are refused before any work; the limits are exact: 2^31 - 2^26 = 2,080,374,784 rows, and
   * 255 * 2^23 = 2,139,095,040 flags pass where 256 * 2^23 = 2^31 do not (the array limit is 2^31 - 9).
   */
  @Test
  void rowsBeyondTheFitsChunkArithmeticAndTooManyBlockFlagsAreRefusedBeforeAnyWork() {
    GaussianMixture two = GaussianMixture.components(2).covariance(CovarianceType.DIAGONAL)
        .init(GmmInit.KMEANS_PLUS_PLUS);
    two.checkArraySizes(2_080_374_784, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> two.checkArraySizes(2_080_374_785, 1));
    assertEquals("a mixture fits at most 2080374784 rows, got n = 2080374785; fit a sample of the rows",
        e.getMessage());
    GaussianMixture.components(255).covariance(CovarianceType.DIAGONAL).init(GmmInit.KMEANS_PLUS_PLUS)
        .checkArraySizes(1 << 30, 1);
    GaussianMixture many = GaussianMixture.components(256).covariance(CovarianceType.DIAGONAL)
        .init(GmmInit.KMEANS_PLUS_PLUS);
    e = assertThrows(IllegalArgumentException.class, () -> many.checkArraySizes(1 << 30, 1));
    assertEquals("components * ceil(n / 128) block flags must fit in a Java array (at most 2147483639 values), got"
        + " n = 1073741824, components = 256 (2147483648 values); use fewer components, or fit a sample of the rows",
        e.getMessage());
  }
}
