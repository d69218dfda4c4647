package io.github.clusterkit.gmm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Points at the edges of the rounding-error bounds that decide whether a prediction keeps the plain log densities
 * ({@link Mixture#directReliable}: its bound on the log ratio of the most probable component and another, at most
 * {@link Mixture#TOLERANCE}) or recomputes their differences ({@link Mixture#refine}). For each covariance type the
 * points lie on a curve of constant log ratio, so that the posterior is far from one-hot while the bound grows with
 * the distance; tools/gmm_bound_edge_reference.py (mpmath, 700 digits, the bound as the Javadoc states it evaluated
 * on the exact squared distances) places them where the bound sums to 0.15e-8 (the quick acceptance where it
 * applies, every bound below a quarter of the tolerance), 0.95e-8 (the full check) and 1.05e-8, and gives their
 * exact posteriors. PIT left the bounds' constants and terms alive (no test had a point between the ordinary and the
 * far ones); a bound 5% off either way now fails here.
 */
class MixtureBoundEdgeTest {

  /** One case of tools/gmm_bound_edge_reference.py: a model, its three points and the last one's exact posterior. */
  private record Edge(String name, CovarianceType type, int d, double[] w, double[] mu, double[] cov,
      double[] quick, double[] inside, double[] outside, double[] exactOutside, double tolerance) {

    Mixture mixture() {
      return Mixture.of(type, w.length, d, w.clone(), mu.clone(), cov.clone());
    }

    GaussianMixtureModel model() {
      return GaussianMixtureModel.fromState(new GaussianMixtureModel.State(type, w, mu, cov, 0, false,
          new double[] {0}));
    }
  }

  private static final double O = 1e8;

  private static final double[] TIED_COV = {2, 0.5, 0.5, 1};

  /**
   * The cases, every value from tools/gmm_bound_edge_reference.py (points rounded to 7 digits; the bound sums at the
   * rounded points are 1.5e-9, 9.5e-9 and 1.05e-8 to 5 digits). The tolerance on the recomputed posterior is 1e-12
   * where the covariances are shared (refine's differences have no quadratic term; measured error at most 1e-13),
   * but 1e-10 for the TIED means 2200 apart (cross term near 1e6; measured 1.6e-11); FULL with two covariances
   * keeps the cancelling term {@code |L_c u|^2 - |L_r u|^2}: 1e-10 (measured 1.9e-11).
   */
  private static List<Edge> edges() {
    double[] dv = {1, 2, 0.5, 1.5};
    return List.of(
        new Edge("SPHERICAL", CovarianceType.SPHERICAL, 2, new double[] {0.5, 0.5}, new double[] {0, 0, 0, 1},
            new double[] {1, 1}, new double[] {1162.359, 0.3}, new double[] {2925.208, 0.3},
            new double[] {3075.314, 0.3}, new double[] {0.549833997312478, 0.4501660026875221}, 1e-12),
        new Edge("DIAGONAL", CovarianceType.DIAGONAL, 4, new double[] {0.3, 0.7},
            new double[] {0, 0, 0, 0, 0, 1, 0, 0}, concat(dv, dv), new double[] {982.3725, -0.5945957, 0.2, -0.1},
            new double[] {2472.251, -0.5945957, 0.2, -0.1}, new double[] {2599.115, -0.5945957, 0.2, -0.1},
            new double[] {0.42555748064910276, 0.5744425193508973}, 1e-12),
        // component 1 (errScale 6.2; component 0's 10.2) is the more probable: refine's reference, the smaller bound
        new Edge("FULL", CovarianceType.FULL, 2, new double[] {0.4, 0.6}, new double[] {0, 0, 1, 1},
            new double[] {1, 0.9, 0.9, 1, 4, 0.5, 0.5, 1}, new double[] {398.2898, 394.2223},
            new double[] {1003.895, 990.1427}, new double[] {1055.461, 1040.886},
            new double[] {0.4760459309146943, 0.5239540690853056}, 1e-10),
        // means 9000 standard deviations out (o = 0): trace(P) |x|^2 and |L^-1 mu_c|^2 both weigh in the bound
        new Edge("TIED, means near 9000", CovarianceType.TIED, 2, new double[] {0.4, 0.6},
            new double[] {9000, -3000, 9002, -2999}, TIED_COV, new double[] {8984.411, -2976.026},
            new double[] {8899.185, -2848.188}, new double[] {8888.477, -2832.125},
            new double[] {0.5986788817507559, 0.40132111824924405}, 1e-12),
        new Edge("TIED, means near 0", CovarianceType.TIED, 2, new double[] {0.4, 0.6}, new double[] {0, 0, 2, 1},
            TIED_COV, new double[] {-277.9852, 419.1432}, new double[] {-701.1757, 1053.929},
            new double[] {-737.2105, 1107.981}, new double[] {0.3775656548269941, 0.6224343451730059}, 1e-12),
        // traces 2 and 10, each unlike the off-diagonal entries: errScale must read each matrix's own diagonal
        new Edge("FULL, traces 2 and 10", CovarianceType.FULL, 2, new double[] {0.4, 0.6}, new double[] {0, 0, 1, 1},
            new double[] {1, 0.1, 0.1, 1, 1, 0.3, 0.3, 9}, new double[] {418.8762, 39.91823},
            new double[] {1053.522, 141.7071}, new double[] {1107.55, 149.9111},
            new double[] {0.4254982638542237, 0.5745017361457764}, 1e-10),
        // projected means of opposite signs, as large as L^-1 x: each errScale is |L^-1 mu_c|^2 of its own mean (the
        // first point's bound sum is 5e-9, the origin's 4.8e-9); component 1, the more probable, has the larger bound
        new Edge("TIED, means +-(1000, -500)", CovarianceType.TIED, 2, new double[] {0.4, 0.6},
            new double[] {1000, -500, -1000, 500}, TIED_COV, new double[] {-143.4928, -119.5774},
            new double[] {-846.6495, -705.5413}, new double[] {-936.6327, -780.5273},
            new double[] {0.4207364755301742, 0.5792635244698258}, 1e-10),
        // variances 1 and 1e-6: trace(P) |x|^2 makes the edge 55 standard deviations out along the wide axis, where
        // the quick acceptance's limit on |x - o|^2 (not on lp) must refuse
        new Edge("TIED, variances 1 and 1e-6", CovarianceType.TIED, 2, new double[] {0.4, 0.6},
            new double[] {0, 0, 0, 2e-3}, new double[] {1, 0, 0, 1e-6}, new double[] {21.83809, 0.0008972674},
            new double[] {54.98746, 0.0008972674}, new double[] {57.80969, 0.0008972674},
            new double[] {0.45016602543227446, 0.5498339745677255}, 1e-12),
        // GaussianMixtureFarPointTest's offset model: o is the first mean, x2 = |x - o|^2
        new Edge("TIED, means near 1e8", CovarianceType.TIED, 2, new double[] {0.4, 0.6},
            new double[] {O, O, O + 2e-3, O + 1e-3}, new double[] {2e-6, 0.5e-6, 0.5e-6, 1e-6},
            new double[] {O - 0.2783249, O + 0.4189528}, new double[] {O - 0.7015154, O + 1.053738},
            new double[] {O - 0.7375501, O + 1.107791}, new double[] {0.4749604947852509, 0.5250395052147492},
            1e-12));
  }

  private static double[] concat(double[] a, double[] b) {
    double[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** The plain posterior: the log densities of {@link Mixture#weightedLogProb}, normalised. */
  private static double[] plain(Mixture m, double[] x) {
    double[] lp = new double[m.k];
    m.weightedLogProb(x, 0, lp, new double[m.d]);
    Mixture.normalize(lp, m.k);
    return lp;
  }

  private static boolean reliable(Mixture m, double[] x) {
    double[] lp = new double[m.k];
    m.weightedLogProb(x, 0, lp, new double[m.d]);
    return m.directReliable(x, 0, lp);
  }

  /**
   * Where the bound is below the tolerance (by the quick acceptance and by the full check) the plain values are kept,
   * bit for bit, as the class description of GaussianMixtureModel promises for ordinary points.
   */
  @Test
  void pointsWithinTheBoundKeepThePlainPosteriorBitForBit() {
    for (Edge e : edges()) {
      Mixture m = e.mixture();
      GaussianMixtureModel g = e.model();
      for (double[] x : new double[][] {e.quick(), e.inside()}) {
        String what = e.name() + " at " + Arrays.toString(x);
        assertTrue(reliable(m, x), what);
        assertArrayEquals(plain(m, x), g.predictProba(x), 0.0, what);
      }
    }
  }

  /**
   * Just beyond the bound the differences are recomputed, and the posterior is the exact one to the case's tolerance
   * (the plain one is off by 3e-11 to 5e-11 on the first cases' points, measured).
   */
  @Test
  void pointsJustBeyondTheBoundGetTheExactPosterior() {
    for (Edge e : edges()) {
      Mixture m = e.mixture();
      double[] x = e.outside();
      String what = e.name() + " at " + Arrays.toString(x);
      assertFalse(reliable(m, x), what);
      assertArrayEquals(e.exactOutside(), e.model().predictProba(x), e.tolerance(), what);
    }
  }

  /**
   * A component whose log density lies more than 746 below the most probable one's (posterior below
   * {@code e^-746}, 0 in double precision) does not count, however large its bound: FULL, component 0 of errScale 6.2
   * (bound 3.0e-9, so twice its own bound is within the tolerance), component 1 of condition near 200 (errScale 29.4,
   * bound 1.43e-8), at two points 0.013 apart where {@code lp_0 - lp_1} is 730.1 (counts: recomputed) and 760.1 (does
   * not: kept). Points and values from tools/gmm_bound_edge_reference.py ("the 746 rule").
   */
  @Test
  void componentsBelowTheExpRangeDoNotCount() {
    Mixture m = Mixture.of(CovarianceType.FULL, 2, 2, new double[] {0.5, 0.5}, new double[] {0, 0, 1, 1},
        new double[] {4, 0.5, 0.5, 1, 1, 0.99, 0.99, 1});
    assertFalse(reliable(m, new double[] {871.0377, 911.4587}));
    assertTrue(reliable(m, new double[] {871.0284, 911.4676}));
  }

  /**
   * TIED's quick acceptance needs room beside the projected means: with variances 1 and 1e-6 and the means
   * {@code (0, 4)} and {@code (0, 2.2)}, {@code |L^-1 mu_c|^2} is 1.6e7 and 4.84e6, above half of
   * {@code (eMax / gamma)^2} (1.27e6 for d = 2), so it never applies ({@code fastX2 < 0}), though at the midpoint
   * {@code (0, 3.1)} both {@code q_c} are 8.1e5, within its limit of 1e6 on {@code lp}. The full bounds there are
   * 7.60e-9 and 5.82e-9 (tools/gmm_bound_edge_reference.py, the line of these means): recomputed; the exact
   * posterior is {@code [0.5, 0.5]} (the same script; symmetric by construction).
   */
  @Test
  void tiedQuickAcceptanceNeedsRoomBesideTheProjectedMeans() {
    double[] w = {0.5, 0.5};
    double[] mu = {0, 4, 0, 2.2};
    double[] cov = {1, 0, 0, 1e-6};
    Mixture m = Mixture.of(CovarianceType.TIED, 2, 2, w.clone(), mu.clone(), cov.clone());
    assertTrue(m.fastX2 < 0, "fastX2 = " + m.fastX2);
    double[] x = {0, 3.1};
    double[] lp = new double[2];
    m.weightedLogProb(x, 0, lp, new double[2]);
    assertTrue(lp[0] >= m.fastThreshold[0] && lp[1] >= m.fastThreshold[1]);
    assertFalse(m.directReliable(x, 0, lp));
    GaussianMixtureModel g = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(CovarianceType.TIED, w,
        mu, cov, 0, false, new double[] {0}));
    assertArrayEquals(new double[] {0.5, 0.5}, g.predictProba(x), 1e-12);
  }

  /**
   * Points where {@link Mixture#refine}'s own bound lets a posterior be off by 0.95e-2 (answered, within that of the
   * exact posterior) and by 1.05e-2 (refused: more than {@link Mixture#REFUSE_ABOVE}), each case far along its curve
   * of constant log ratio, where one term of the bound dominates: TIED the cross term (points near {@code 1e12}),
   * FULL with two covariances and SPHERICAL and DIAGONAL with variances {@code 2^-43} apart the quadratic term
   * {@code (P_c - P_r) u.u}, whose value is of order 1 there; FULL with one covariance twice, SPHERICAL and DIAGONAL
   * with equal variances the cross term again; TIED with the means 1e6 standard deviations apart, the cross and the
   * last term equally. Points (the nearest doubles where the balance needs more than 7 digits) and exact posteriors
   * from tools/gmm_bound_edge_reference.py ("refine's refusal"); the posteriors answered came out 7e-5 (TIED),
   * 3.5e-6 (FULL) and 4e-15 (SPHERICAL, DIAGONAL with variances 2^-43 apart) off.
   */
  @Test
  void refineRefusesExactlyWhereItsBoundAllowsMoreThanOnePercent() {
    double sv = 1 + 0x1p-43;
    Object[][] cases = {
        {CovarianceType.TIED, new double[] {0.4, 0.6}, new double[] {0, 0, 2, 1}, TIED_COV,
            new double[] {-957463343116.199, 1436195014676.4639}, 0.3775448031767632,
            new double[] {-1055755250743.6587, 1583632876117.6533}},
        {CovarianceType.FULL, new double[] {0.4, 0.6}, new double[] {0, 0, 1, 1},
            new double[] {1, 0.9, 0.9, 1, 4, 0.5, 0.5, 1}, new double[] {544425.0059840021, 535753.0493772051},
            0.42555687292307676, new double[] {571805.073548353, 562696.8777374941}},
        {CovarianceType.SPHERICAL, new double[] {0.5, 0.5}, new double[] {0, 0, 0, 1}, new double[] {1, sv},
            new double[] {1608244.0, 0.4529773}, 0.4750208398457957, new double[] {1689414.0, 0.437762}},
        {CovarianceType.DIAGONAL, new double[] {0.5, 0.5}, new double[] {0, 0, 0, 1}, new double[] {1, 1, sv, 1},
            new double[] {1608244.0, 0.4529773}, 0.47502083984578575, new double[] {1689414.0, 0.437762}},
        // the same factor twice: refine must see it and drop the first term (else its bound refuses)
        {CovarianceType.FULL, new double[] {0.4, 0.6}, new double[] {0, 0, 2, 1}, concat(TIED_COV, TIED_COV),
            new double[] {-957463343116.199, 1436195014676.4639}, 0.3775448031767632,
            new double[] {-1055755250743.6587, 1583632876117.6533}},
        // equal variances, the decision line not along an axis: the cross term's bound, coordinate by coordinate
        {CovarianceType.SPHERICAL, new double[] {0.4, 0.6}, new double[] {0, 0, 1, 1}, new double[] {1.5, 1.5},
            new double[] {-2140415362356.778, 2140415362357.47}, 0.45015078980250534,
            new double[] {-2361541514845.006, 2361541514845.6978}},
        {CovarianceType.DIAGONAL, new double[] {0.4, 0.6}, new double[] {0, 0, 1, 1},
            new double[] {1.5, 0.5, 1.5, 0.5}, new double[] {-2140415362356.8237, 713471787452.8385},
            0.4501709327110514, new double[] {-2361541514845.052, 787180504948.9146}},
        // TIED means s (2, 1) apart, s = 915303.5 and 961137.8, the point where the decision line crosses their
        // segment: the bound of |L^-1 v|^2 (the last term) is half of the total
        {CovarianceType.TIED, new double[] {0.4, 0.6}, new double[] {0, 0, 2 * 915303.5, 915303.5}, TIED_COV,
            new double[] {915303.5000000903, 457651.75000004517}, 0.3775490155282835, null},
        {CovarianceType.TIED, new double[] {0.4, 0.6}, new double[] {0, 0, 2 * 961137.8, 961137.8}, TIED_COV, null,
            0.0, new double[] {961137.8000000861, 480568.90000004304}}};
    for (Object[] c : cases) {
      CovarianceType type = (CovarianceType) c[0];
      GaussianMixtureModel g = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(type,
          (double[]) c[1], (double[]) c[2], (double[]) c[3], 0, false, new double[] {0}));
      double exact0 = (double) c[5];
      if (c[4] != null) {
        assertArrayEquals(new double[] {exact0, 1 - exact0}, g.predictProba((double[]) c[4]), 1e-2,
            type.toString());
      }
      if (c[6] != null) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> g.predictProba((double[]) c[6]), type.toString());
        // the log ratio of the most probable (1) and the other, between 0.09 and 0.51 in every case, and its bound
        String msg = ex.getMessage();
        assertTrue(msg.endsWith("(at most 0.01 allowed)" + Mixture.REMEDY) && msg.contains("could be off by 0.010")
            && msg.contains("ratio of components 1 and 0 is 0."), msg);
      }
    }
  }

  /**
   * A NaN log density beside a finite one (not all overflowed, so not a far point): FULL, means 0, component 0 of
   * correlation 0.99 (its {@code L^-1} row {@code (-7.02, 7.09)} times {@code (1e308, 1e308)} gives
   * {@code -inf + inf}), component 1 of variances {@code 1.7e308} (squared distance 1.18e308, finite) at
   * {@code (1e308, 1e308)}. directReliable must send it to refine, which gives the exact {@code [0, 1]}: by hand,
   * {@code q_0 = 1e616 (1, 1) P_0 (1, 1) = 2e616 / 1.99} against {@code q_1 = 1.18e308}, so the posterior of
   * component 0 is {@code e^(-5e615)}, 0 in double precision.
   */
  @Test
  void nanLogDensityBesideAFiniteOneIsRecomputed() {
    double[] w = {0.5, 0.5};
    double[] mu = {0, 0, 0, 0};
    double[] cov = {1, 0.99, 0.99, 1, 1.7e308, 0, 0, 1.7e308};
    double[] x = {1e308, 1e308};
    Mixture m = Mixture.of(CovarianceType.FULL, 2, 2, w.clone(), mu.clone(), cov.clone());
    double[] lp = new double[2];
    m.weightedLogProb(x, 0, lp, new double[2]);
    assertTrue(Double.isNaN(lp[0]) && lp[1] > Double.NEGATIVE_INFINITY, Arrays.toString(lp));
    assertFalse(m.directReliable(x, 0, lp));
    GaussianMixtureModel g = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(CovarianceType.FULL, w,
        mu, cov, 0, false, new double[] {0}));
    assertArrayEquals(new double[] {0, 1}, g.predictProba(x), 0.0);
  }

  /**
   * TIED projects {@code x - o} with {@code o} the first mean when a mean lies more than 1e4 standard deviations
   * (narrowest coordinate) from the origin: here the means {@code (0, 1e6)} and {@code (2e-3, 1e6 + 1e-3)}, spread
   * 1e-3 and correlation -0.35 (the first coordinate of the first mean 0, a negative off-diagonal: every mean and only
   * the diagonal must be read). Kept at the origin, {@code L^-1 x} is near 1e9 and the log densities lose about
   * 1e-7. Exact log densities from tools/gmm_bound_edge_reference.py (the lines after "means (0, 1e6)"), checked at
   * a relative 1e-13.
   */
  @Test
  void tiedCentreMovesForMeansFarFromTheOrigin() {
    double[][] points = {{1e-3, 1e6 + 0.4e-3}, {1.2e-3, 1e6 + 0.3e-3}, {-1e-3, 1e6 + 2e-3}};
    double[] exact = {11.10710279039654, 11.098218836998349, 9.536348950441873};
    GaussianMixtureModel g = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(CovarianceType.TIED,
        new double[] {0.4, 0.6}, new double[] {0, 1e6, 2e-3, 1e6 + 1e-3}, new double[] {2e-6, -0.5e-6, -0.5e-6, 1e-6},
        0, false, new double[] {0}));
    double[] s = g.scoreSamples(io.github.clusterkit.data.Dataset.of(points));
    for (int i = 0; i < points.length; i++) {
      assertEquals(exact[i], s[i], 1e-13 * Math.abs(exact[i]), "point " + i);
    }
  }

  /**
   * {@link Mixture#farPoint} where the components tie in {@code q} and {@code b} (the point {@code (1e300, 0)}, the
   * means {@code (0, 0)} and {@code (0, 1)} apart along the other axis): {@code lp_c = logConst_c - m_c / 2}, whose
   * posterior is the exact one, {0.48197487101354614, 0.5180251289864538} for DIAGONAL variances (1, 1.5) and
   * SPHERICAL 1.5 (tools/gmm_bound_edge_reference.py, the "far (1e300, 0)" lines). EM's initial E-step uses farPoint
   * alone.
   */
  @Test
  void farPointTiesInTheLeadingTermsKeepTheConstants() {
    double[] exact = {0.48197487101354614, 0.5180251289864538};
    double[] w = {0.4, 0.6};
    double[] mu = {0, 0, 0, 1};
    for (Mixture m : new Mixture[] {Mixture.of(CovarianceType.DIAGONAL, 2, 2, w, mu, new double[] {1, 1.5, 1, 1.5}),
        Mixture.of(CovarianceType.SPHERICAL, 2, 2, w, mu, new double[] {1.5, 1.5})}) {
      double[] lp = new double[2];
      m.farPoint(new double[] {1e300, 0}, 0, lp);
      Mixture.normalize(lp, 2);
      assertArrayEquals(exact, lp, 1e-15, m.type().toString());
    }
  }

  /**
   * {@link Mixture#farPoint} ranks equal {@code q} by {@code b = x'^T P mu_c}: DIAGONAL with the variances (1, 0.25)
   * in both components, means (1, 0) and (0, 1), at {@code (1e300, 1e300)}: {@code b_0 = x'}, {@code b_1 = 4 x'}, so
   * component 1 alone is kept; by hand, {@code q_0 - q_1 = 3 (2 s - 1) > 0}, component 1 is the nearer.
   */
  @Test
  void farPointBreaksTiesByTheCrossTerm() {
    Mixture m = Mixture.of(CovarianceType.DIAGONAL, 2, 2, new double[] {0.5, 0.5}, new double[] {1, 0, 0, 1},
        new double[] {1, 0.25, 1, 0.25});
    double[] lp = new double[2];
    m.farPoint(new double[] {1e300, 1e300}, 0, lp);
    assertEquals(Double.NEGATIVE_INFINITY, lp[0]);
    assertTrue(lp[1] > Double.NEGATIVE_INFINITY);
  }

  /**
   * {@link Mixture#normalize} returns the log of the sum it divides by: {@code log(0.1 + 0.3) = log 0.4} (the
   * posterior {0.25, 0.75} exactly up to rounding).
   */
  @Test
  void normalizeReturnsTheLogOfTheSum() {
    double[] lp = {Math.log(0.1), Math.log(0.3)};
    assertEquals(Math.log(0.4), Mixture.normalize(lp, 2), 1e-15);
    assertArrayEquals(new double[] {0.25, 0.75}, lp, 1e-15);
  }

  /**
   * A point whose difference from the reference mean overflows is refused by refine's own check, which names the
   * cause: the point {@code (1e308, 0)} and means {@code (-1e308, 0)} and {@code (-1e308, 1)} (SPHERICAL).
   */
  /**
   * A model with one component of positive weight gives every point to it, however far (posterior 1 by definition,
   * not a computation): the point (1e308, 0) against the mean (-1e308, 0), whose difference overflows, and the same
   * beside a component of zero weight. Before, refine refused it ("its difference from the mean ... overflows").
   */
  @Test
  void aSoleComponentTakesEvenAPointWhoseDifferenceOverflows() {
    GaussianMixtureModel one = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(
        CovarianceType.SPHERICAL, new double[] {1}, new double[] {-1e308, 0}, new double[] {1}, 0, false,
        new double[] {0}));
    assertArrayEquals(new double[] {1.0}, one.predictProba(new double[] {1e308, 0}));
    assertEquals(0, one.predict(new double[] {1e308, 0}));
    GaussianMixtureModel withEmpty = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(
        CovarianceType.SPHERICAL, new double[] {0, 1}, new double[] {0, 0, -1e308, 0}, new double[] {1, 1}, 0, false,
        new double[] {0}));
    assertArrayEquals(new double[] {0.0, 1.0}, withEmpty.predictProba(new double[] {1e308, 0}));
    assertEquals(1, withEmpty.predict(new double[] {1e308, 0}));
  }

  /**
   * Where every log density overflows and the first term of refine's difference overflows too, the cross term can be
   * as large and of the other sign: the point is refused, not given to the wrong component. Exact values from
   * {@code tools/gmm_bound_edge_reference.py} (mpmath, last lines): (a) SPHERICAL, weights 0.5 and 0.5, variances
   * 1e-300 and 2e-300, means (2e4, 0) and (0, 0), point (4e4, 0): lp_0 - lp_1 = +2.0e308, exact posterior (1, 0);
   * (b) variances 1 and 1 + 2^-30, means (1e151, 0) and (0, 0), point (1e160, 0): lp_0 - lp_1 = +5.3e310, exact
   * posterior (1, 0). Before the check both gave (0, 1).
   */
  @Test
  void overflowingTermsThatMayCancelAreRefusedNotGuessed() {
    double[][] cases = {{1e-300, 2e-300, 2e4, 4e4}, {1, 1 + 0x1p-30, 1e151, 1e160}};
    for (double[] cs : cases) {
      GaussianMixtureModel g = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(
          CovarianceType.SPHERICAL, new double[] {0.5, 0.5}, new double[] {cs[2], 0, 0, 0},
          new double[] {cs[0], cs[1]}, 0, false, new double[] {0}));
      IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
          () -> g.predictProba(new double[] {cs[3], 0}), "variances " + cs[0] + ", " + cs[1]);
      assertTrue(ex.getMessage().contains("log density ratio of components") && ex.getMessage().contains("overflows"),
          ex.getMessage());
    }
  }

  @Test
  void overflowingDifferenceIsRefusedWithItsReason() {
    GaussianMixtureModel g = GaussianMixtureModel.fromState(new GaussianMixtureModel.State(
        CovarianceType.SPHERICAL, new double[] {0.5, 0.5}, new double[] {-1e308, 0, -1e308, 1},
        new double[] {1, 1}, 0, false, new double[] {0}));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> g.predictProba(new double[] {1e308, 0}));
    assertTrue(ex.getMessage().contains("its difference from the mean of component") && ex.getMessage().contains(
        "overflows"), ex.getMessage());
  }
}
