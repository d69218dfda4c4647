package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.testutil.SharedData;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link GaussianMixtureModel#score(Dataset)}: scikit-learn's {@code GaussianMixture.score(X)}, the mean of
 * {@code score_samples}. Every scikit-learn value is printed by {@code tools/porting_conveniences_reference.py},
 * section [B] (scikit-learn 1.2.1, from the same parameters).
 */
class GaussianMixtureScoreTest {

  private static final Dataset SIX = Dataset.of(new double[][] {{0, 0}, {1, 2}, {-1, 0.5}, {3, 3}, {4, 2.5},
      {2, -1}});
  private static final double[] WEIGHTS = {0.3, 0.7};
  private static final double[] MEANS = {0, 0.5, 3, 2};

  static GaussianMixtureModel model(CovarianceType type, double[] weights, double[] means, double[] cov) {
    return GaussianMixtureModel.fromState(new GaussianMixtureModel.State(type, weights, means, cov, 0, true,
        new double[] {0}));
  }

  @Test
  void sixRowsByHandForEveryCovarianceTypeAsScikitLearn() {
    // [B] six rows, weights [0.3, 0.7], means [[0.0, 0.5], [3.0, 2.0]], the covariances below: score(X)
    Object[][] cases = {
        {CovarianceType.FULL, new double[] {1, 0.3, 0.3, 2, 0.5, -0.2, -0.2, 1.5}, -3.865094785495573},
        {CovarianceType.TIED, new double[] {1.2, 0.4, 0.4, 0.9}, -3.70873093069566},
        {CovarianceType.DIAGONAL, new double[] {1, 2, 0.5, 1.5}, -3.7382946557488808},
        {CovarianceType.SPHERICAL, new double[] {0.8, 1.7}, -3.5727079328440148},
    };
    for (Object[] c : cases) {
      GaussianMixtureModel m = model((CovarianceType) c[0], WEIGHTS, MEANS, (double[]) c[1]);
      double expected = (double) c[2];
      assertEquals(expected, m.score(SIX), 1e-14 * Math.abs(expected), c[0].toString());
      double[] s = m.scoreSamples(SIX);
      double sum = 0;
      for (double v : s) {
        sum += v;
      }
      assertEquals(sum / s.length, m.score(SIX), 0.0, "the mean of scoreSamples, in row order");
    }
  }

  @Test
  void mallFitsAsScikitLearn() {
    Dataset x = Dataset.of(SharedData.mallIncomeAndScore());
    // [B] GaussianMixture(3, full, random_state=0) on Mall income and score: weights_, means_, covariances_. The
    // printed off-diagonal pairs differ in the last digit (62.47361200303157 / ...156, -7.09802116475745 /
    // ...451): fromState wants exactly symmetric matrices, so each pair's first value is used for both.
    GaussianMixtureModel full = model(CovarianceType.FULL,
        new double[] {0.13753173754164666, 0.7071950436888681, 0.15527321876948522},
        new double[] {89.88632435538199, 14.56081014866483, 48.67675568366404, 49.75847630834507,
            88.70697327579308, 83.77799311792802},
        new double[] {307.0779815279656, 62.47361200303157, 62.47361200303157, 60.642266431719655,
            362.85782789040707, -7.09802116475745, -7.09802116475745, 414.6630553972324,
            298.7037775526892, -23.236308190894135, -23.236308190894135, 77.54300811063982});
    // [B] score(X) -9.168616981157724
    assertEquals(-9.168616981157724, full.score(x), 1e-13 * 9.17);
    // [B] GaussianMixture(3, diag, random_state=0)
    GaussianMixtureModel diag = model(CovarianceType.DIAGONAL,
        new double[] {0.14699656375941558, 0.6924338637551882, 0.1605695724853963},
        new double[] {89.64592729952882, 15.889183760022172, 47.93204287226211, 49.79932361616363,
            88.38901959157889, 83.3383704974162},
        new double[] {291.06895056599626, 77.82303353252072, 342.84233557536584, 418.34547382204903,
            293.16794940038073, 80.42456093574731});
    // [B] score(X) -9.185019850288782
    assertEquals(-9.185019850288782, diag.score(x), 1e-13 * 9.19);
  }

  @Test
  void badInputAsScoreSamples() {
    GaussianMixtureModel m = model(CovarianceType.SPHERICAL, WEIGHTS, MEANS, new double[] {0.8, 1.7});
    assertEquals("data must not be null",
        assertThrows(IllegalArgumentException.class, () -> m.score(null)).getMessage());
    assertEquals("data must have dimension 2, got 3",
        assertThrows(IllegalArgumentException.class, () -> m.score(Dataset.of(new double[][] {{1, 2, 3}})))
            .getMessage());
    Dataset named = Dataset.of(new double[][] {{0, 0}, {1, 1}, {5, 5}, {6, 5}}, List.of("a", "b"));
    GaussianMixtureModel fitted = GaussianMixture.components(2).seed(1).fit(named);
    Dataset swapped = Dataset.of(new double[][] {{0, 0}}, List.of("b", "a"));
    String expected = assertThrows(IllegalArgumentException.class, () -> fitted.scoreSamples(swapped))
        .getMessage();
    assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> fitted.score(swapped)).getMessage());
    // a row beyond the double range of log densities: -Infinity, as scoreSamples
    assertEquals(Double.NEGATIVE_INFINITY, m.score(Dataset.of(new double[][] {{0, 0}, {1e200, 1e200}})));
  }

  @Property(tries = 40)
  void trainingScoreIsTheLogLikelihoodAndRowOrderChangesOnlyRounding(
      @ForAll @IntRange(min = 6, max = 60) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int typeIndex) {
    CovarianceType type = CovarianceType.values()[typeIndex];
    Rng rng = new Rng(seed);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = 5 * (i % 2) + rng.nextGaussian();
      }
    }
    Dataset x = Dataset.of(rows);
    GaussianMixtureModel m = GaussianMixture.components(2).covariance(type).seed(seed).fit(x);
    double s = m.score(x);
    assertEquals(m.logLikelihood(), s, 1e-12 * Math.abs(s) + 1e-12, "score of the training data");
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    rng.shuffle(perm);
    double[][] shuffled = new double[n][];
    for (int i = 0; i < n; i++) {
      shuffled[i] = rows[perm[i]];
    }
    assertEquals(s, m.score(Dataset.of(shuffled)), 1e-13 * Math.abs(s) + 1e-14, "rows permuted");
    // bic sums the same values: -2 n score + p ln n
    assertEquals(m.bic(x), -2 * n * s + m.parameterCount() * Math.log(n), 1e-12 * Math.abs(m.bic(x)));
    assertTrue(Double.isFinite(s));
  }
}
