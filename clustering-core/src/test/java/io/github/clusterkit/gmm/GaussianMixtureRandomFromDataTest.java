package io.github.clusterkit.gmm;

import static io.github.clusterkit.gmm.GaussianMixtureInitialMeansTest.assertClose;
import static io.github.clusterkit.gmm.GaussianMixtureSklearnTest.flatten;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GmmInit#RANDOM_FROM_DATA} (scikit-learn 1.1+'s {@code init_params="random_from_data"}). Its draws cannot be
 * numpy's, so the rule is tested: distinct rows, initial means, weights and covariances as scikit-learn's
 * {@code _estimate_gaussian_parameters} gives them for one-hot responsibilities, determinism. Expected values from
 * {@code fixtures/gmm/init.txt}, written by {@code tools/gmm_init_reference.py} (scikit-learn 1.2.1), which also
 * writes clusterkit's draw rule again in Python (checked here against the library) and fits scikit-learn from
 * exactly the rows clusterkit draws.
 */
class GaussianMixtureRandomFromDataTest {

  private static final Fixture F = Fixture.load("init.txt");
  private static final double TOL = 1e-12;
  /** scikit-learn's {@code N_c} of a one-hot column: {@code 1 + 10 eps}. */
  private static final double NK = 1 + 10 * Math.ulp(1.0);

  private static int[] rows(long seed, int restart, int n, int k) {
    return GaussianMixture.distinctRows(new Rng(Rng.split(seed, restart).nextLong()), n, k);
  }

  private static int[] ints(double[] v, int from, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = (int) v[from + i];
    }
    return out;
  }

  @Test
  void theDrawRuleIsTheOneTheScriptWritesAgain() {
    // tools/gmm_init_reference.py's clusterkit_rows (SplitMix64, split, Lemire, Fisher-Yates), printed there
    assertArrayEquals(ints(F.get("rfd.seed0.rows"), 0, 3), rows(0, 0, 120, 3));
    long seed = (long) F.scalar("rfd.restarts.seed");
    for (int r = 0; r < 5; r++) {
      assertArrayEquals(ints(F.get("rfd.restarts.rows"), 3 * r, 3), rows(seed, r, 120, 3), "restart " + r);
    }
    assertArrayEquals(ints(F.get("dup.seed.rows"), 0, 2), rows((long) F.scalar("dup.seed"), 0, 20, 2));
  }

  /** k distinct row numbers in [0, n), the same for the same generator state. */
  @Property(tries = 200)
  void rowsAreDistinctAndInRange(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 60) int kWanted) {
    int k = Math.min(n, kWanted);
    int[] rows = GaussianMixture.distinctRows(new Rng(seed), n, k);
    Set<Integer> seen = new HashSet<>();
    for (int r : rows) {
      assertTrue(r >= 0 && r < n);
      assertTrue(seen.add(r), "row " + r + " drawn twice");
    }
    assertArrayEquals(rows, GaussianMixture.distinctRows(new Rng(seed), n, k));
  }

  @Test
  void everyOrderedChoiceIsAboutEquallyLikely() {
    // 3 of 4 rows: 24 ordered choices; 48,000 draws, 2000 expected each. A chi-square statistic above 60 (23 degrees
    // of freedom, p < 1e-4) would mean a bias; by hand: a rule that dropped the shuffle's swap gives repeated rows.
    int[] counts = new int[64];
    Rng rng = new Rng(5);
    for (int t = 0; t < 48_000; t++) {
      int[] r = GaussianMixture.distinctRows(rng, 4, 3);
      counts[r[0] * 16 + r[1] * 4 + r[2]]++;
    }
    double chi2 = 0;
    int cells = 0;
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        for (int c = 0; c < 4; c++) {
          int v = counts[a * 16 + b * 4 + c];
          if (a == b || b == c || a == c) {
            assertEquals(0, v);
          } else {
            chi2 += (v - 2000.0) * (v - 2000.0) / 2000.0;
            cells++;
          }
        }
      }
    }
    assertEquals(24, cells);
    assertTrue(chi2 < 60, "chi-square " + chi2);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void initialMeansAreTheChosenRowsAsScikitLearnEstimatesThem(CovarianceType t) {
    Dataset x = GaussianMixtureInitialMeansTest.blobs();
    int[] rows = rows(0, 0, 120, 3);
    GaussianMixtureModel m = GaussianMixture.components(3).covariance(t).init(GmmInit.RANDOM_FROM_DATA)
        .maxIterations(0).fit(x);
    double[][] data = x.toRows();
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 3; j++) {
        // the row divided by N_c = 1 + 10 eps, as scikit-learn's resp.T @ X / nk
        assertEquals((0.0 + data[rows[c]][j]) / NK, m.means()[c][j]);
        // which is the row within 10 eps relative and a rounding (10 to 20 ulps)
        assertEquals(data[rows[c]][j], m.means()[c][j], 11 * Math.ulp(1.0) * Math.abs(data[rows[c]][j]));
      }
    }
    // scikit-learn 1.2.1: GaussianMixture(init_params='random_from_data', max_iter=0) from the same rows
    assertArrayEquals(F.get("rfd.seed0." + t + ".init.means"), flatten(m.means()));
    // its weights are N_c / n = (1 + 10 eps) / 120 each; maxIterations(0) divides them by their sum
    assertEquals((1 + 10 * Math.ulp(1.0)) / 120, F.get("rfd.seed0." + t + ".init.weights")[0]);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, m.weights(), 1e-16);
    double[] cov = flatten(m.covariances());
    if (t == CovarianceType.FULL) {
      assertArrayEquals(F.get("rfd.seed0.FULL.init.covariances"), cov, "bit for bit");
    } else {
      for (int c = 0; c < 3; c++) {
        for (int a = 0; a < 3; a++) {
          for (int b = 0; b < 3; b++) {
            double v = cov[(c * 3 + a) * 3 + b];
            if (a == b) {
              // values below 5e3: (x - mean)^2 / N_c (about 5e-30 x^2) is lost in the regularization's ulp
              assertEquals(1e-6, v);
            } else {
              assertTrue(Math.abs(v) < 1e-26, "off-diagonal " + v);
            }
          }
        }
      }
    }
    if (t == CovarianceType.DIAGONAL || t == CovarianceType.SPHERICAL) {
      // scikit-learn expands the square (E[x^2] - 2 mean E[x] + mean^2): its variances carry that cancellation,
      // up to 2.8e-13 here (values up to 13.1); ours are the deviation formula, exact
      double[] theirs = F.get("rfd.seed0." + t + ".init.covariances");
      for (int i = 0; i < cov.length; i++) {
        assertTrue(Math.abs(theirs[i] - cov[i]) <= 16 * Math.ulp(1.0) * 13.1 * 13.1, i + ": " + theirs[i]);
      }
    }
    if (t == CovarianceType.TIED) {
      // scikit-learn 1.2.1's tied estimate X^T X - sum_c N_c mean_c mean_c^T assumes every row's responsibilities
      // sum to 1; from one-hot rows it starts at about X^T X / k: 2055.29 where ours is 1e-6
      assertEquals(2055.293204359331, F.get("rfd.seed0.TIED.init.covariances")[0]);
    }
  }

  /** The single-row estimate of rows near 1, 10 and 3e4: k = 1 on the blobs and one large row, drawn by seed. */
  @ParameterizedTest
  @ValueSource(ints = {0, 7, 50, 120})
  void aSingleRowsEstimateIsScikitLearnsDeviationFormula(int row) {
    double[] big = F.get("rows.big");
    double[] blobs = F.get("blobs.data");
    double[] all = java.util.Arrays.copyOf(blobs, blobs.length + 3);
    System.arraycopy(big, 0, all, blobs.length, 3);
    Dataset x = Dataset.copyOf(all, 121, 3);
    long seed = 0;
    while (rows(seed, 0, 121, 1)[0] != row) {
      seed++;
    }
    for (CovarianceType t : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAGONAL,
        CovarianceType.SPHERICAL}) {
      GaussianMixtureModel m = GaussianMixture.components(1).covariance(t).init(GmmInit.RANDOM_FROM_DATA)
          .seed(seed).maxIterations(0).fit(x);
      String p = "row." + row + "." + t;
      // scikit-learn 1.2.1's _estimate_gaussian_parameters(X, one-hot at row, 1e-6, t)
      assertArrayEquals(F.get(p + ".mean"), m.means()[0], p);
      double[] exact = F.get("row." + row + ".exact.diag");
      double[][] cov = m.covariances()[0];
      if (t == CovarianceType.FULL) {
        assertArrayEquals(F.get(p + ".cov"), flatten(new double[][][] {cov}), p + ": bit for bit");
      } else if (t == CovarianceType.DIAGONAL) {
        // the deviation formula, exact then rounded once (the script's Fractions); scikit-learn's expansion differs
        for (int j = 0; j < 3; j++) {
          assertEquals(exact[j], cov[j][j], p);
        }
      } else {
        double mean = (exact[0] + exact[1] + exact[2]) / 3;
        assertEquals(mean, cov[0][0], Math.ulp(mean), p);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = CovarianceType.class, names = {"FULL", "DIAGONAL", "SPHERICAL"})
  void fitsAgreeWithScikitLearnFromTheSameRows(CovarianceType t) {
    Dataset x = GaussianMixtureInitialMeansTest.blobs();
    GaussianMixtureModel m = GaussianMixture.components(3).covariance(t).init(GmmInit.RANDOM_FROM_DATA).fit(x);
    // scikit-learn 1.2.1: GaussianMixture(3, covariance_type=t, init_params='random_from_data') from the rows
    // clusterkit's seed 0 draws (the script's RandomState subclass returns them from choice())
    assertFit("rfd.seed0." + t, m, x);
  }

  @Test
  void tiedFitsStartElsewhereThanScikitLearns() {
    Dataset x = GaussianMixtureInitialMeansTest.blobs();
    GaussianMixtureModel m = GaussianMixture.components(3).covariance(CovarianceType.TIED)
        .init(GmmInit.RANDOM_FROM_DATA).fit(x);
    // from the same rows scikit-learn 1.2.1 starts at its broad tied covariance and ends near one Gaussian
    // (score -7.8376); ours starts at the regularization and finds the blobs' tied fit, scikit-learn's own best
    // from k-means responsibilities (-5.4821, means.near.TIED.fit.score)
    assertEquals(-7.837588334895057, F.scalar("rfd.seed0.TIED.score"));
    assertEquals(F.scalar("means.near.TIED.fit.score"), m.score(x), 1e-12);
  }

  @Test
  void restartsDrawOtherRowsAndTheBestFitWins() {
    Dataset x = GaussianMixtureInitialMeansTest.blobs();
    long seed = (long) F.scalar("rfd.restarts.seed");
    GaussianMixture g = GaussianMixture.components(3).init(GmmInit.RANDOM_FROM_DATA).seed(seed);
    // scikit-learn 1.2.1 from each restart's rows; the script's best by final score(X) is restart 2
    assertEquals(2, (int) F.scalar("rfd.restarts.best"));
    assertFit("rfd.restarts.FULL", g.restarts(5).fit(x), x);
    double[] scores = F.get("rfd.restarts.scores");
    assertEquals(scores[0], g.fit(x).score(x), 1e-12, "one restart: restart 0's fit");
  }

  @Test
  void theSameSeedGivesTheSameModelOnAnyThreadCount() {
    Dataset x = GaussianMixturePropertiesTest.blobs(3, 40_000, 3);
    for (CovarianceType t : CovarianceType.values()) {
      GaussianMixture g = GaussianMixture.components(4).covariance(t).init(GmmInit.RANDOM_FROM_DATA).seed(9)
          .restarts(2).maxIterations(5);
      GaussianMixtureModel one = g.fit(x);
      assertEquals(one.state(), g.fit(x).state(), t.toString());
      assertEquals(one.state(), g.parallelism(3).fit(x).state(), t.toString());
      assertNotEquals(one.state(), g.seed(10).fit(x).state(), t.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void equalChosenRowsGiveEqualComponentsAsInScikitLearn(CovarianceType t) {
    double[] shape = {20, 2};
    Dataset x = Dataset.copyOf(F.get("dup.data"), (int) shape[0], (int) shape[1]);
    long seed = (long) F.scalar("dup.seed");
    int[] rows = rows(seed, 0, 20, 2);
    assertTrue(rows[0] < 10 && rows[1] < 10 && rows[0] != rows[1], "two distinct copies of row 0");
    GaussianMixtureModel m = GaussianMixture.components(2).covariance(t).init(GmmInit.RANDOM_FROM_DATA).seed(seed)
        .fit(x);
    // the two components are equal at every step, bit for bit
    assertEquals(m.weights()[0], m.weights()[1]);
    assertArrayEquals(m.means()[0], m.means()[1]);
    assertArrayEquals(flatten(new double[][][] {m.covariances()[0]}), flatten(new double[][][] {m.covariances()[1]}));
    // scikit-learn 1.2.1 (random_state whose choice is two other copies of the same row): the same fit, two halves
    // of the one-component fit
    assertFit("dup." + t, m, x);
    assertClose(F.get("dup." + t + ".one.means"), m.means()[0], TOL, "one-component means");
  }

  @Test
  void fewerDistinctRowsThanComponentsAreAccepted() {
    Dataset same = Dataset.of(new double[][] {{1, 2}, {1, 2}, {1, 2}, {1, 2}});
    GaussianMixtureModel m = GaussianMixture.components(3).init(GmmInit.RANDOM_FROM_DATA).fit(same);
    for (int c = 0; c < 3; c++) {
      assertEquals(1.0 / 3, m.weights()[c], 1e-15);
      // N_c = 4 / 3 + 10 eps: the means are the row within a few eps
      assertArrayEquals(new double[] {1, 2}, m.means()[c], 1e-14);
    }
    assertThrows(IllegalArgumentException.class,
        () -> GaussianMixture.components(3).init(GmmInit.KMEANS_PLUS_PLUS).fit(same));
  }

  @Test
  void diagonalAndSphericalStoreNoResponsibilities() {
    // n * k above Java's array limit: refused for RANDOM, which stores responsibilities; not for RANDOM_FROM_DATA
    GaussianMixture.components(3).covariance(CovarianceType.DIAGONAL).init(GmmInit.RANDOM_FROM_DATA)
        .checkArraySizes(1_000_000_000, 1);
    GaussianMixture.components(3).covariance(CovarianceType.SPHERICAL).init(GmmInit.RANDOM_FROM_DATA)
        .initialMeans(new double[][] {{0}, {1}, {2}}).checkArraySizes(1_000_000_000, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianMixture.components(3)
        .covariance(CovarianceType.DIAGONAL).init(GmmInit.RANDOM).checkArraySizes(1_000_000_000, 1));
    assertTrue(e.getMessage().endsWith("use fewer components, or DIAGONAL or SPHERICAL covariances with init"
        + " KMEANS_PLUS_PLUS or RANDOM_FROM_DATA, which store none"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaussianMixture.components(3)
        .covariance(CovarianceType.FULL).init(GmmInit.RANDOM_FROM_DATA).checkArraySizes(1_000_000_000, 1));
  }

  private static void assertFit(String p, GaussianMixtureModel m, Dataset x) {
    assertEquals((int) F.scalar(p + ".n_iter"), m.iterations(), p + ": n_iter_");
    assertEquals(F.scalar(p + ".converged") == 1, m.converged(), p + ": converged_");
    assertClose(F.get(p + ".weights"), m.weights(), TOL, p + ": weights");
    assertClose(F.get(p + ".means"), flatten(m.means()), TOL, p + ": means");
    assertClose(F.get(p + ".covariances"), flatten(m.covariances()), TOL, p + ": covariances");
    assertClose(F.get(p + ".lower_bound"), new double[] {m.logLikelihoodHistory()[m.iterations() - 1]}, TOL,
        p + ": lower_bound_");
    assertClose(F.get(p + ".score"), new double[] {m.score(x)}, TOL, p + ": score(X)");
  }
}
