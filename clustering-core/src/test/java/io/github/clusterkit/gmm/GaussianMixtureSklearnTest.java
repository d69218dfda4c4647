package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EM iteration for iteration against scikit-learn 1.2.1. Every expected value comes from
 * {@code fixtures/gmm/em-steps.txt}, written by {@code tools/gmm_reference.py}:
 * {@code GaussianMixture(n_components=k, covariance_type=t, tol=0, max_iter=m, reg_covar=1e-6,
 * weights_init=w, means_init=mu, precisions_init=inv(cov)).fit(X)} on two generated sets (A: n=300, d=3,
 * k=3; B: n=200, d=5, k=4) whose data are in the fixture.
 */
class GaussianMixtureSklearnTest {

  private static final Fixture F = Fixture.load("em-steps.txt");
  /** The requirement: parameters and log-likelihood within 1e-8 relative. */
  private static final double REL = 1e-8;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String set : new String[] {"A", "B"}) {
      for (CovarianceType t : CovarianceType.values()) {
        for (int m : new int[] {1, 5, 50}) {
          out.add(Arguments.of(set, t, m));
        }
      }
    }
    return out.stream();
  }

  static Stream<Arguments> sets() {
    List<Arguments> out = new ArrayList<>();
    for (String set : new String[] {"A", "B"}) {
      for (CovarianceType t : CovarianceType.values()) {
        out.add(Arguments.of(set, t));
      }
    }
    return out.stream();
  }

  private static Dataset data(String set) {
    double[] shape = F.get(set + ".shape");
    return Dataset.copyOf(F.get(set + ".data"), (int) shape[0], (int) shape[1]);
  }

  private static GaussianMixture config(String set, CovarianceType t) {
    double[] shape = F.get(set + ".shape");
    int d = (int) shape[1];
    int k = (int) shape[2];
    String p = set + "." + t;
    return GaussianMixture.components(k).covariance(t).initialParameters(F.get(p + ".init.weights"),
        F.matrix(p + ".init.means", k, d), F.cube(p + ".init.covariances", k, d, d));
  }

  @ParameterizedTest(name = "{0} {1} after {2} iterations")
  @MethodSource("cases")
  void matchesScikitLearnIterationByIteration(String set, CovarianceType t, int m) {
    Dataset x = data(set);
    int d = x.dimension();
    double[] shape = F.get(set + ".shape");
    int k = (int) shape[2];
    GaussianMixtureModel g = config(set, t).maxIterations(m).tolerance(0).fit(x);
    String q = set + "." + t + ".iter" + m;

    assertEquals((int) F.scalar(q + ".n_iter"), g.iterations());
    assertEquals(false, g.converged());
    assertClose(F.get(q + ".weights"), g.weights(), "weights");
    assertClose(F.get(q + ".means"), flatten(g.means()), "means");
    assertClose(F.get(q + ".covariances"), flatten(g.covariances()), "covariances");
    // scikit-learn's lower_bound_ is the mean log-likelihood computed in the last E-step, i.e. before the
    // last M-step; score(X) is that of the final parameters.
    double[] hist = g.logLikelihoodHistory();
    assertEquals(m + 1, hist.length);
    assertClose(F.get(q + ".lower_bound"), new double[] {hist[m - 1]}, "lower_bound_");
    assertClose(F.get(q + ".score"), new double[] {g.logLikelihood()}, "score(X)");
    assertClose(F.get(q + ".bic"), new double[] {g.bic(x)}, "bic(X)");
    assertClose(F.get(q + ".aic"), new double[] {g.aic(x)}, "aic(X)");

    Dataset first5 = x.select(new int[] {0, 1, 2, 3, 4});
    assertClose(F.get(q + ".score_samples5"), g.scoreSamples(first5), "score_samples");
    double[] proba = new double[5 * k];
    for (int i = 0; i < 5; i++) {
      System.arraycopy(g.predictProba(x.row(i)), 0, proba, i * k, k);
    }
    assertClose(F.get(q + ".predict_proba5"), proba, "predict_proba");
    assertEquals(d, g.dimension());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("sets")
  void stopsAtTheSameIterationAsScikitLearn(String set, CovarianceType t) {
    // Default tol=1e-3, max_iter=100: same n_iter_ and converged_ as scikit-learn, same final parameters.
    GaussianMixtureModel g = config(set, t).fit(data(set));
    String q = set + "." + t + ".default";
    assertEquals((int) F.scalar(q + ".n_iter"), g.iterations());
    assertEquals(F.scalar(q + ".converged") == 1, g.converged());
    assertClose(F.get(q + ".means"), flatten(g.means()), "means");
    assertClose(F.get(q + ".score"), new double[] {g.logLikelihood()}, "score(X)");
  }

  /**
   * Element-wise relative error at most {@code REL}, measured against the largest magnitude in the array
   * for entries near zero (off-diagonal covariances, probabilities near 0), where a purely relative
   * comparison is meaningless.
   */
  static void assertClose(double[] expected, double[] actual, String what) {
    assertCloseTo(expected, actual, REL, what);
  }

  /** As {@link #assertClose} with relative tolerance {@code rel}. */
  static void assertCloseTo(double[] expected, double[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      double tol = rel * Math.max(Math.abs(expected[i]), scale);
      double err = Math.abs(expected[i] - actual[i]);
      assertTrue(err <= tol, what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
          + " (error " + err + " > " + tol + ")");
    }
  }

  static double[] flatten(double[][] m) {
    int cols = m[0].length;
    double[] out = new double[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * cols, cols);
    }
    return out;
  }

  static double[] flatten(double[][][] m) {
    int b = m[0].length;
    int c = m[0][0].length;
    double[] out = new double[m.length * b * c];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < b; j++) {
        System.arraycopy(m[i][j], 0, out, (i * b + j) * c, c);
      }
    }
    return out;
  }
}
