package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link GaussianMixtureModel#state()} and {@link GaussianMixtureModel#fromState}: exact rebuild and every
 * validation rule.
 */
class GaussianMixtureStateTest {

  static GaussianMixtureModel fit(CovarianceType type) {
    Dataset x = GaussianMixturePropertiesTest.blobs(7, 120, 2);
    return GaussianMixture.components(2).covariance(type).seed(3).fit(x);
  }

  private static void assertRejected(String expected, GaussianMixtureModel.State s) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianMixtureModel.fromState(s));
    assertTrue(e.getMessage().startsWith("GaussianMixtureModel state: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  private static GaussianMixtureModel.State state(CovarianceType type, double[] w, double[] mu, double[] cov,
      int iterations, double[] history) {
    return new GaussianMixtureModel.State(type, w, mu, cov, iterations, true, history);
  }

  /** Random fits of every covariance type: same state and attributes, predictions bit for bit. */
  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void rebuildPredictsExactly(@ForAll long seed, @ForAll CovarianceType type,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 4) int k) {
    Dataset x = GaussianMixturePropertiesTest.blobs(seed, 30 * k * d, d);
    int iterations = new Rng(seed).nextInt(12);
    GaussianMixtureModel m = GaussianMixture.components(k).covariance(type).maxIterations(iterations)
        .seed(seed).fit(x);
    GaussianMixtureModel back = GaussianMixtureModel.fromState(m.state());
    assertEquals(m.state(), back.state());
    assertEquals(m.state().hashCode(), back.state().hashCode());
    assertEquals(m.toString(), back.toString());
    assertEquals(m.parameterCount(), back.parameterCount());
    assertArrayEquals(m.weights(), back.weights());
    assertTrue(Arrays.deepEquals(m.means(), back.means()));
    assertTrue(Arrays.deepEquals(m.covariances(), back.covariances()));
    Dataset q = GaussianMixturePropertiesTest.blobs(seed + 1, 25, d);
    assertArrayEquals(m.predict(q), back.predict(q));
    assertArrayEquals(m.scoreSamples(q), back.scoreSamples(q));
    assertTrue(Arrays.deepEquals(m.predictProba(q), back.predictProba(q)));
    assertArrayEquals(m.predictProba(q.row(0)), back.predictProba(q.row(0)));
    assertEquals(m.bic(x), back.bic(x));
  }

  @Test
  void stateHoldsTheFit() {
    GaussianMixtureModel m = fit(CovarianceType.FULL);
    GaussianMixtureModel.State s = m.state();
    assertEquals(CovarianceType.FULL, s.covarianceType());
    assertArrayEquals(m.weights(), s.weights());
    assertArrayEquals(m.means()[1], Arrays.copyOfRange(s.means(), 2, 4));
    assertArrayEquals(m.covariances()[1][0], Arrays.copyOfRange(s.covariances(), 4, 6));
    assertEquals(m.iterations(), s.iterations());
    assertEquals(m.converged(), s.converged());
    assertArrayEquals(m.logLikelihoodHistory(), s.logLikelihoodHistory());
    // Storage per type: TIED one matrix, DIAGONAL k * d variances, SPHERICAL k variances.
    assertEquals(4, fit(CovarianceType.TIED).state().covariances().length);
    assertEquals(4, fit(CovarianceType.DIAGONAL).state().covariances().length);
    assertEquals(2, fit(CovarianceType.SPHERICAL).state().covariances().length);
    double[] w = s.weights();
    w[0] = 5;
    assertEquals(m.weights()[0], s.weights()[0]);
    // a run stopped by the iteration limit: not converged, in the model and its state
    GaussianMixtureModel cut = GaussianMixture.components(2).maxIterations(1).tolerance(0).seed(3)
        .fit(GaussianMixturePropertiesTest.blobs(7, 120, 2));
    assertFalse(cut.converged());
    assertFalse(cut.state().converged());
    assertFalse(GaussianMixtureModel.fromState(cut.state()).converged());
  }

  /**
   * {@link GaussianMixtureModel.State#equals} compares every field, numbers bit for bit (its class comment): a state
   * differing in any one field, or only in the sign of a zero, is not equal; nor is another type or null.
   */
  @Test
  void stateEqualityComparesEveryField() {
    CovarianceType full = CovarianceType.FULL;
    double[] w = {0.25, 0.75};
    double[] mu = {0, 0, 1, 1};
    double[] cov = {2, 0.5, 0.5, 1, 1, 0, 0, 1};
    double[] h = {-3, -2.5};
    GaussianMixtureModel.State base = new GaussianMixtureModel.State(full, w, mu, cov, 1, true, h);
    GaussianMixtureModel.State same = new GaussianMixtureModel.State(full, w.clone(), mu.clone(), cov.clone(), 1,
        true, h.clone());
    assertEquals(base, same);
    assertEquals(base.hashCode(), same.hashCode());
    List<GaussianMixtureModel.State> others = List.of(
        new GaussianMixtureModel.State(CovarianceType.TIED, w, mu, cov, 1, true, h),
        new GaussianMixtureModel.State(full, new double[] {0.75, 0.25}, mu, cov, 1, true, h),
        new GaussianMixtureModel.State(full, w, new double[] {-0.0, 0, 1, 1}, cov, 1, true, h),
        new GaussianMixtureModel.State(full, w, mu, new double[] {2, 0.5, 0.5, 1, 1, 0, 0, 2}, 1, true, h),
        new GaussianMixtureModel.State(full, w, mu, cov, 2, true, new double[] {-3, -2.5, -2.5}),
        new GaussianMixtureModel.State(full, w, mu, cov, 1, false, h),
        new GaussianMixtureModel.State(full, w, mu, cov, 1, true, new double[] {-3, -2.4}));
    for (GaussianMixtureModel.State o : others) {
      assertNotEquals(base, o, o::toString);
      assertNotEquals(o, base, o::toString);
    }
    assertFalse(base.equals("GaussianMixtureModel.State"));
    assertFalse(base.equals(null));
    assertEquals("GaussianMixtureModel.State[k=2, FULL, iterations=1, converged=true]", base.toString());
    assertEquals("GaussianMixtureModel[components=2, d=2, FULL, iterations=1, converged=true, logLikelihood=-2.5]",
        GaussianMixtureModel.fromState(base).toString());
  }

  /**
   * {@link GaussianMixtureModel#predict}: ties go to the smaller index (its Javadoc). Components 1 and 2 are equal
   * (same weight, mean and variance) and nearer than component 0 to the points asked about, so both have the largest
   * log density, bit for bit; component 0 is the only one at its own mean. Exact: the same arithmetic on equal
   * parameters.
   */
  @Test
  void predictionTiesGoToTheSmallerIndex() {
    for (CovarianceType type : CovarianceType.values()) {
      double[] cov = type == CovarianceType.TIED ? new double[] {1} : new double[] {1, 1, 1};
      GaussianMixtureModel m = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(type,
          new double[] {0.2, 0.4, 0.4}, new double[] {-5, 3, 3}, cov, 0, false, new double[] {-1}));
      assertEquals(1, m.predict(new double[] {3}), type.toString());
      assertEquals(1, m.predict(new double[] {2.5}), type.toString());
      assertEquals(0, m.predict(new double[] {-5}), type.toString());
      assertArrayEquals(new int[] {1, 1, 0}, m.predict(Dataset.of(new double[][] {{3}, {2.5}, {-5}})),
          type.toString());
      double[] p = m.predictProba(new double[] {3});
      assertEquals(p[1], p[2], 0.0, type.toString());
    }
  }

  @Test
  void rejectsBrokenStates() {
    assertThrows(IllegalArgumentException.class, () -> GaussianMixtureModel.fromState(null));
    CovarianceType full = CovarianceType.FULL;
    double[] w = {0.25, 0.75};
    double[] mu = {0, 0, 1, 1};
    double[] cov = {2, 0.5, 0.5, 1, 1, 0, 0, 1};
    double[] h = {-3, -2.5};
    // The valid base case is accepted, with a zero weight too (allowed by initialParameters).
    GaussianMixtureModel.fromState(state(full, w, mu, cov, 1, h));
    GaussianMixtureModel.fromState(state(full, new double[] {0, 1}, mu, cov, 1, h));
    // One component and no EM iteration: the weight is (n + 10 eps) / n, just above 1 (seen in a fit).
    GaussianMixtureModel.fromState(state(full, new double[] {1.0000000000000002}, new double[] {0, 0},
        new double[] {1, 0, 0, 1}, 0, new double[] {-2}));
    assertRejected("weights[0] must be >= 0 and finite, got Infinity", state(full,
        new double[] {Double.POSITIVE_INFINITY, 0}, mu, cov, 1, h));
    assertRejected("weights must have at least one value", state(full, new double[0], mu, cov, 1, h));
    assertRejected("weights[0] must be >= 0 and finite, got -0.25", state(full, new double[] {-0.25, 1.25}, mu, cov,
        1, h));
    assertRejected("weights[1] must be >= 0 and finite, got NaN", state(full, new double[] {0.25, Double.NaN}, mu,
        cov, 1, h));
    assertRejected("weights must sum to 1 (within 1e-6), got 0.9", state(full, new double[] {0.25, 0.65}, mu,
        cov, 1, h));
    assertRejected("means must hold k * d values with k = 2 components and d >= 1, got 3", state(full, w,
        new double[] {0, 0, 1}, cov, 1, h));
    assertRejected("means must hold k * d values with k = 2 components and d >= 1, got 0", state(full, w,
        new double[0], new double[0], 1, h));
    assertRejected("means[2] must be finite, got Infinity", state(full, w,
        new double[] {0, 0, Double.POSITIVE_INFINITY, 1}, cov, 1, h));
    assertRejected("covariances of a FULL mixture with k = 2, d = 2 must hold 8 values, got 4", state(full, w,
        mu, Arrays.copyOf(cov, 4), 1, h));
    assertRejected("covariances of a TIED mixture with k = 2, d = 2 must hold 4 values, got 8",
        state(CovarianceType.TIED, w, mu, cov, 1, h));
    assertRejected("covariances of a SPHERICAL mixture with k = 2, d = 2 must hold 2 values, got 8",
        state(CovarianceType.SPHERICAL, w, mu, cov, 1, h));
    double[] bad = cov.clone();
    bad[7] = Double.NaN;
    assertRejected("covariances[7] must be finite, got NaN", state(full, w, mu, bad, 1, h));
    bad = cov.clone();
    bad[1] = 0.4;
    assertRejected("covariance matrix 0 must be symmetric, got 0.5 at [1][0] and 0.4 at [0][1]", state(full, w,
        mu, bad, 1, h));
    // Symmetric but indefinite: eigenvalues 3 and -1.
    bad = new double[] {1, 0, 0, 1, 1, 2, 2, 1};
    assertRejected("covariance matrix 1 is not positive definite", state(full, w, mu, bad, 1, h));
    // Positive semi-definite but singular.
    bad = new double[] {1, 1, 1, 1, 1, 0, 0, 1};
    assertRejected("covariance matrix 0 is not positive definite", state(full, w, mu, bad, 1, h));
    assertRejected("the shared covariance matrix is not positive definite", state(CovarianceType.TIED, w, mu,
        new double[] {1, 2, 2, 1}, 1, h));
    assertRejected("the variances of component 1 must be > 0", state(CovarianceType.DIAGONAL, w, mu,
        new double[] {1, 1, 0, 1}, 1, h));
    assertRejected("the variances of component 0 must be > 0", state(CovarianceType.SPHERICAL, w, mu,
        new double[] {-1, 1}, 1, h));
    assertRejected("iterations must be >= 0, got -1", state(full, w, mu, cov, -1, new double[0]));
    // A subnormal variance at or below 2^-1024 has an infinite precision 1 / v: the densities at (and within 1e-154
    // of) the mean were 0 * inf = NaN. Rejected now; the next double above 2^-1024 is accepted and gives the exact
    // posterior there (component 0's log density exceeds component 1's by about 354 + 12.5, so its posterior
    // rounds to 1 and component 1's is below 1e-150).
    double[] one = {0.5, 0.5};
    double[] mu1 = {0, 5};
    assertRejected("the variances of component 0 must be > 0 with a finite reciprocal", state(CovarianceType.DIAGONAL,
        one, mu1, new double[] {Double.MIN_VALUE, 1}, 1, h));
    assertRejected("the variances of component 0 must be > 0 with a finite reciprocal", state(CovarianceType.DIAGONAL,
        one, mu1, new double[] {0x1p-1024, 1}, 1, h));
    assertRejected("the variances of component 1 must be > 0 with a finite reciprocal",
        state(CovarianceType.SPHERICAL, one, mu1, new double[] {1, 1e-310}, 1, h));
    for (CovarianceType t : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.SPHERICAL}) {
      GaussianMixtureModel m = GaussianMixtureModel.fromState(state(t, one, mu1,
          new double[] {Math.nextUp(0x1p-1024), 1}, 1, h));
      for (double x : new double[] {0, 1e-200}) {
        double[] p = m.predictProba(new double[] {x});
        assertEquals(1.0, p[0], 0.0, t + " at " + x);
        assertTrue(p[1] >= 0 && p[1] < 1e-150, t + " at " + x + ": " + p[1]);
        double s = m.scoreSamples(Dataset.of(new double[][] {{x}}))[0];
        // log(0.5) - log(2 pi) / 2 - log(v) / 2 with log(v) = -1024 ln 2 (to 1e-16 relative)
        assertEquals(Math.log(0.5) - 0.5 * Math.log(2 * Math.PI) + 512 * Math.log(2), s, 1e-12, t + " at " + x);
      }
    }
    assertRejected("logLikelihoodHistory must hold iterations + 1 = 3 values, got 2", state(full, w, mu, cov,
        2, h));
    // -Infinity is a legitimate log-likelihood (a fit from initial parameters far from the data records it, see
    // GaussianMixtureDataTest.rowsWhoseLogDensitiesAllOverflowGetTheExactPosteriorInEm); +Infinity and NaN are not
    assertRejected("logLikelihoodHistory[1] must be finite or -Infinity, got Infinity", state(full, w, mu, cov, 1,
        new double[] {-3, Double.POSITIVE_INFINITY}));
    assertRejected("logLikelihoodHistory[0] must be finite or -Infinity, got NaN", state(full, w, mu, cov, 1,
        new double[] {Double.NaN, -3}));
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, -3}, GaussianMixtureModel.fromState(state(full, w, mu,
        cov, 1, new double[] {Double.NEGATIVE_INFINITY, -3})).logLikelihoodHistory());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianMixtureModel.State(null, w, mu, cov, 1, true, h));
    assertTrue(e.getMessage().contains("covarianceType must not be null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianMixtureModel.State(full, w, null, cov, 1, true, h));
    assertTrue(e.getMessage().contains("means must not be null"), e.getMessage());
  }
}
