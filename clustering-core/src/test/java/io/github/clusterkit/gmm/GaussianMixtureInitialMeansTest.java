package io.github.clusterkit.gmm;

import static io.github.clusterkit.gmm.GaussianMixtureSklearnTest.flatten;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GaussianMixture#initialMeans}: scikit-learn's {@code means_init} without {@code weights_init} and
 * {@code precisions_init}. Expected values from {@code fixtures/gmm/init.txt}, written by
 * {@code tools/gmm_init_reference.py} (scikit-learn 1.2.1): {@code GaussianMixture(3, covariance_type=t,
 * means_init=M, random_state=s)} with {@code max_iter=0} and with the defaults, on three well-separated blobs whose
 * k-means partition both libraries find from any start; the test checks that the k-means labels of both sides are
 * the same vector (the same partition with the same numbers), so the two fits start from the same responsibilities.
 */
class GaussianMixtureInitialMeansTest {

  private static final Fixture F = Fixture.load("init.txt");
  /** The task's bound: the fits agree to about 1e-12 (relative, or absolute below 1). */
  private static final double TOL = 1e-12;

  static Dataset blobs() {
    double[] shape = F.get("blobs.shape");
    return Dataset.copyOf(F.get("blobs.data"), (int) shape[0], (int) shape[1]);
  }

  /** The first seed whose restart 0 runs K-Means with labels numbered by first appearance, as the script's. */
  static long firstAppearanceSeed(Dataset x, int k) {
    for (long s = 0; s < 200; s++) {
      int[] labels = KMeans.k(k).seed(Rng.split(s, 0).nextLong()).restarts(1).fit(x).labels();
      if (firstAppearance(labels)) {
        return s;
      }
    }
    throw new AssertionError("no seed below 200 numbers the k-means clusters by first appearance");
  }

  private static boolean firstAppearance(int[] labels) {
    int next = 0;
    for (int v : labels) {
      if (v == next) {
        next++;
      } else if (v > next) {
        return false;
      }
    }
    return true;
  }

  @Test
  void bothSidesStartFromTheSameKMeansPartitionWithTheSameNumbers() {
    Dataset x = blobs();
    long seed = firstAppearanceSeed(x, 3);
    // GaussianMixture's restart 0 runs KMeans.k(k).seed(Rng.split(seed, 0).nextLong()).restarts(1): the same call.
    int[] ours = KMeans.k(3).seed(Rng.split(seed, 0).nextLong()).restarts(1).fit(x).labels();
    double[] theirs = F.get("blobs.kmeans.labels");
    assertEquals(theirs.length, ours.length);
    for (int i = 0; i < ours.length; i++) {
      assertEquals((int) theirs[i], ours[i], "row " + i);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : new String[] {"near", "swapped"}) {
      for (CovarianceType t : CovarianceType.values()) {
        out.add(Arguments.of(name, t));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void initialParametersAreTheKMeansWeightsAndCovariancesWithTheGivenMeans(String name, CovarianceType t) {
    Dataset x = blobs();
    double[][] means = F.matrix("means." + name, 3, 3);
    GaussianMixtureModel m = GaussianMixture.components(3).covariance(t).seed(firstAppearanceSeed(x, 3))
        .initialMeans(means).maxIterations(0).fit(x);
    // scikit-learn 1.2.1: GaussianMixture(3, covariance_type=t, means_init=M, random_state=s, max_iter=0).fit(X)
    String p = "means." + name + "." + t + ".init";
    // scikit-learn keeps N_c / n, summing to 1 + 30 eps / n; ours are divided by their sum (maxIterations(0))
    assertClose(F.get(p + ".weights"), m.weights(), 1e-15, "weights");
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(means[c], m.means()[c], "the given means, bit for bit");
    }
    assertClose(F.get(p + ".covariances"), flatten(m.covariances()), TOL, "covariances");
    assertEquals(0, m.iterations());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void fitsAgreeWithScikitLearnFromMeansAlone(String name, CovarianceType t) {
    Dataset x = blobs();
    GaussianMixtureModel m = GaussianMixture.components(3).covariance(t).seed(firstAppearanceSeed(x, 3))
        .initialMeans(F.matrix("means." + name, 3, 3)).fit(x);
    // scikit-learn 1.2.1: GaussianMixture(3, covariance_type=t, means_init=M, random_state=s).fit(X), defaults
    String p = "means." + name + "." + t + ".fit";
    assertEquals((int) F.scalar(p + ".n_iter"), m.iterations(), "n_iter_");
    assertEquals(F.scalar(p + ".converged") == 1, m.converged(), "converged_");
    assertClose(F.get(p + ".weights"), m.weights(), TOL, "weights");
    assertClose(F.get(p + ".means"), flatten(m.means()), TOL, "means");
    assertClose(F.get(p + ".covariances"), flatten(m.covariances()), TOL, "covariances");
    double[] history = m.logLikelihoodHistory();
    assertClose(F.get(p + ".lower_bound"), new double[] {history[m.iterations() - 1]}, TOL, "lower_bound_");
    assertClose(F.get(p + ".score"), new double[] {m.score(x)}, TOL, "score(X)");
  }

  @Test
  void theSwappedMeansEndElsewhereThanTheNearOnes() {
    // The pairing matters: from the swapped means scikit-learn's FULL fit loses a component (weight 10 eps / n) and
    // ends at a lower score than from the near ones (fixture values, scikit-learn 1.2.1); ours agrees above.
    assertTrue(F.get("means.swapped.FULL.fit.weights")[2] < 1e-16);
    assertTrue(F.scalar("means.swapped.FULL.fit.score") < F.scalar("means.near.FULL.fit.score") - 1);
  }

  /** The weights and covariances are the initialisation's, bit for bit; the means are the given ones. */
  @Property(tries = 40)
  void onlyTheMeansAreReplaced(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 0, max = 3) int typeIndex, @ForAll @IntRange(min = 0, max = 3) int initIndex) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(3);
    Dataset x = GaussianMixturePropertiesTest.blobs(seed, 40 + rng.nextInt(40), d);
    double[][] means = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c][j] = rng.uniform(-6, 6);
      }
    }
    GaussianMixture base = GaussianMixture.components(k).covariance(CovarianceType.values()[typeIndex])
        .init(GmmInit.values()[initIndex]).seed(seed).maxIterations(0);
    GaussianMixtureModel plain = base.fit(x);
    GaussianMixtureModel given = base.initialMeans(means).fit(x);
    assertArrayEquals(plain.weights(), given.weights());
    assertArrayEquals(flatten(plain.covariances()), flatten(given.covariances()));
    assertArrayEquals(flatten(means), flatten(given.means()));
    // restarts: every restart starts from the same means, whichever wins
    assertArrayEquals(flatten(means), flatten(base.restarts(3).initialMeans(means).fit(x).means()));
  }

  @Test
  void restartsDrawNewResponsibilitiesAroundTheSameMeans() {
    // Uniform data: K-Means' local optima differ from seed to seed, so the restarts' weights and covariances do.
    Rng rng = new Rng(11);
    double[][] rows = new double[300][2];
    for (double[] r : rows) {
      r[0] = rng.nextDouble();
      r[1] = rng.nextDouble();
    }
    Dataset x = Dataset.of(rows);
    double[][] means = {{0.2, 0.2}, {0.8, 0.2}, {0.2, 0.8}, {0.8, 0.8}};
    GaussianMixture g = GaussianMixture.components(4).initialMeans(means).maxIterations(0);
    GaussianMixtureModel one = g.fit(x);
    GaussianMixtureModel six = g.restarts(6).fit(x);
    assertArrayEquals(flatten(means), flatten(six.means()));
    assertNotEquals(one.state(), six.state(), "another restart's responsibilities won");
    assertTrue(six.logLikelihood() > one.logLikelihood());
    // restart 0 of six restarts is the single restart: the best of six is at least as good
    GaussianMixtureModel fitOne = g.maxIterations(100).fit(x);
    GaussianMixtureModel fitSix = g.maxIterations(100).restarts(6).fit(x);
    assertTrue(fitSix.logLikelihood() >= fitOne.logLikelihood());
  }

  @Test
  void meansAreValidatedAndCopied() {
    GaussianMixture g = GaussianMixture.components(2);
    assertMessage("initial means must not be null", () -> g.initialMeans(null));
    assertMessage("initial means must have components = 2 rows, got 3",
        () -> g.initialMeans(new double[][] {{0}, {1}, {2}}));
    assertMessage("initial means[0] must have at least one coordinate, got length 0",
        () -> g.initialMeans(new double[][] {{}, {}}));
    assertMessage("initial means[0] must have at least one coordinate, got null",
        () -> g.initialMeans(new double[][] {null, {1}}));
    assertMessage("initial means must all have dimension 2, got means[1] of length 1",
        () -> g.initialMeans(new double[][] {{0, 0}, {1}}));
    assertMessage("initial means must all have dimension 2, got means[1] = null",
        () -> g.initialMeans(new double[][] {{0, 0}, null}));
    assertMessage("initial means must be finite, got means[1][0] = NaN",
        () -> g.initialMeans(new double[][] {{0, 0}, {Double.NaN, 0}}));
    assertMessage("initial means must be finite, got means[0][1] = -Infinity",
        () -> g.initialMeans(new double[][] {{0, Double.NEGATIVE_INFINITY}, {0, 0}}));
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}});
    assertMessage("initial means have dimension 3 but the data has dimension 2",
        () -> g.initialMeans(new double[][] {{0, 0, 0}, {1, 1, 1}}).fit(x));
    double[][] means = {{0, 0.5}, {5, 5.5}};
    GaussianMixture given = g.initialMeans(means).maxIterations(0);
    means[0][0] = 99;
    assertEquals(0.0, given.fit(x).means()[0][0], "the configuration holds a copy");
    double[][] out = given.fit(x).means();
    out[1][1] = -1;
    assertEquals(5.5, given.fit(x).means()[1][1]);
    assertEquals(99.0, means[0][0], "the caller's array is not modified");
  }

  @Test
  void theLastOfInitialMeansAndInitialParametersWinsAndInitKeepsTheMeans() {
    double[][] means = {{0, 0}, {5, 5}};
    double[] w = {0.5, 0.5};
    double[][][] cov = {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}};
    GaussianMixture g = GaussianMixture.components(2);
    assertEquals(g.initialMeans(means), g.initialParameters(w, means, cov).initialMeans(means));
    assertEquals(g.initialParameters(w, means, cov), g.initialMeans(means).initialParameters(w, means, cov));
    assertNotEquals(g.initialMeans(means), g.initialParameters(w, means, cov));
    assertEquals(g.initialMeans(means).init(GmmInit.RANDOM), g.init(GmmInit.RANDOM).initialMeans(means));
    assertNotEquals(g.initialMeans(means).init(GmmInit.RANDOM), g.init(GmmInit.RANDOM));
    assertNotEquals(g.initialMeans(means).init(GmmInit.RANDOM), g.initialMeans(means));
    assertEquals(g.initialMeans(means).covariance(CovarianceType.TIED),
        g.covariance(CovarianceType.TIED).initialMeans(means));
    assertEquals("GaussianMixture[components=2, covariance=FULL, regularization=1.0E-6, maxIterations=100,"
        + " tolerance=0.001, restarts=1, init=RANDOM_FROM_DATA with initial means, seed=0, parallelism=1]",
        g.initialMeans(means).init(GmmInit.RANDOM_FROM_DATA).toString());
    assertEquals(g.initialMeans(means).hashCode(), g.initialParameters(w, means, cov).initialMeans(means).hashCode());
  }

  /**
   * Means so far from the data (rows near 1, means at {@code +-1e300}) that every row's log densities overflow and
   * cannot be ranked: the message names initialMeans, the setting that gave them, not initialParameters alone with
   * "or use an init method" (the fit used one: K-Means), as it did before 2026-11-29.
   */
  @Test
  void meansTooFarToRankARowAreRefusedNamingInitialMeans() {
    Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {5, 5}, {5, 6}, {6, 5}});
    GaussianMixture g = GaussianMixture.components(2).initialMeans(new double[][] {{1e300, 0}, {-1e300, 0}});
    String m = assertThrows(IllegalStateException.class, () -> g.fit(x)).getMessage();
    assertTrue(m.contains("cannot be ranked") && m.contains("(see initialParameters and initialMeans)")
        && m.contains("or use an init method without given means"), m);
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /** Each value within {@code tol} relative, or absolute where the expected value is below 1 in magnitude. */
  static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double bound = tol * Math.max(1, Math.abs(expected[i]));
      assertTrue(Math.abs(expected[i] - actual[i]) <= bound,
          what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }
}
