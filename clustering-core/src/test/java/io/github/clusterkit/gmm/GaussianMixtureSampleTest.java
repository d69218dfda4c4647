package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.LabeledDataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@link GaussianMixtureModel#sample(int, long)}: scikit-learn's {@code GaussianMixture.sample(n)}, whose stream
 * (numpy's) cannot be reproduced, so checked by seeded statistics. The bounds are five standard errors, derived
 * here: a component's count is binomial, {@code sd = sqrt(n w (1 - w))}; a coordinate's sample mean has
 * {@code sd = sqrt(Sigma_aa / n_c)}; an entry of the sample covariance of Gaussian rows has variance
 * {@code (Sigma_aa Sigma_bb + Sigma_ab^2) / n_c} (Anderson, An Introduction to Multivariate Statistical Analysis,
 * 3rd ed., Thm 3.4.4; its bias {@code Sigma_ab / n_c} is far below the bound). About 100 such checks at five
 * standard errors: a correct sampler fails one with probability below 1e-4, and the seeds are fixed. A sampler that
 * used the transposed Cholesky factor or the variances for standard deviations is off by tens of standard errors.
 * What scikit-learn returns (rows grouped by component, labels {@code y}; {@code sample(0)} refused) is printed by
 * {@code tools/porting_conveniences_reference.py}, section [C].
 */
class GaussianMixtureSampleTest {

  private static final double[] WEIGHTS = {0.2, 0.5, 0.3};
  private static final double[] MEANS = {0, 0, 0, 10, -5, 2, -3, 8, 1};
  /** Three correlated 3 x 3 matrices (positive definite: diagonally dominant). */
  private static final double[] FULL = {
      4, 1.5, -1, 1.5, 2, 0.5, -1, 0.5, 1,
      1, -0.6, 0.2, -0.6, 3, 1.2, 0.2, 1.2, 2.5,
      9, 2, 3, 2, 1.5, 0.4, 3, 0.4, 2};

  static GaussianMixtureModel model(CovarianceType type) {
    double[] cov;
    switch (type) {
      case FULL:
        cov = FULL;
        break;
      case TIED:
        cov = Arrays.copyOf(FULL, 9);
        break;
      case DIAGONAL:
        cov = new double[] {4, 2, 1, 1, 3, 2.5, 9, 1.5, 2};
        break;
      default:
        cov = new double[] {4, 0.5, 2};
        break;
    }
    return GaussianMixtureScoreTest.model(type, WEIGHTS, MEANS, cov);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void countsMeansAndCovariancesWithinFiveStandardErrors(CovarianceType type) {
    GaussianMixtureModel m = model(type);
    GaussianMixtureModel.State before = m.state();
    int n = 200_000;
    LabeledDataset s = m.sample(n, 42);
    assertEquals(before, m.state(), "the model is not modified");
    Dataset x = s.data();
    int[] y = s.labels();
    assertEquals(n, x.size());
    assertEquals(3, x.dimension());
    int[] counts = new int[3];
    for (int i = 0; i < n; i++) {
      assertTrue(i == 0 || y[i] >= y[i - 1], "grouped by component");
      counts[y[i]]++;
    }
    double[][] means = m.means();
    double[][][] cov = m.covariances();
    for (int c = 0; c < 3; c++) {
      double w = WEIGHTS[c];
      assertEquals(n * w, counts[c], 5 * Math.sqrt(n * w * (1 - w)), "count of component " + c);
      int nc = counts[c];
      double[] mean = new double[3];
      for (int i = 0; i < n; i++) {
        if (y[i] == c) {
          for (int a = 0; a < 3; a++) {
            mean[a] += x.get(i, a);
          }
        }
      }
      for (int a = 0; a < 3; a++) {
        mean[a] /= nc;
        assertEquals(means[c][a], mean[a], 5 * Math.sqrt(cov[c][a][a] / nc), type + " mean " + c + "," + a);
      }
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b <= a; b++) {
          double sab = 0;
          for (int i = 0; i < n; i++) {
            if (y[i] == c) {
              sab += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
            }
          }
          sab /= nc;
          double sd = Math.sqrt((cov[c][a][a] * cov[c][b][b] + cov[c][a][b] * cov[c][a][b]) / nc);
          assertEquals(cov[c][a][b], sab, 5 * sd, type + " covariance " + c + " [" + a + "][" + b + "]");
        }
      }
    }
  }

  @Test
  void aSeedGivesTheSameRowsAndAnotherSeedOthers() {
    GaussianMixtureModel m = model(CovarianceType.FULL);
    LabeledDataset a = m.sample(500, 7);
    LabeledDataset b = m.sample(500, 7);
    LabeledDataset c = m.sample(500, 8);
    assertArrayEquals(a.data().toArray(), b.data().toArray(), "bit for bit");
    assertArrayEquals(a.labels(), b.labels());
    assertFalse(Arrays.equals(a.data().toArray(), c.data().toArray()));
    // n = 1: one row, of a component of positive weight
    LabeledDataset one = m.sample(1, 3);
    assertEquals(1, one.data().size());
    assertTrue(one.labels()[0] >= 0 && one.labels()[0] < 3);
  }

  @Test
  void aComponentOfWeightZeroGetsNoRows() {
    GaussianMixtureModel m = GaussianMixtureScoreTest.model(CovarianceType.SPHERICAL, new double[] {0, 0.5, 0, 0.5},
        new double[] {0, 5, 10, 15}, new double[] {1, 1, 1, 1});
    int[] y = m.sample(10_000, 11).labels();
    int[] counts = new int[4];
    for (int v : y) {
      counts[v]++;
    }
    assertEquals(0, counts[0]);
    assertEquals(0, counts[2]);
    // binomial(10000, 0.5): sd 50
    assertEquals(5000, counts[1], 250);
  }

  @Test
  void badCountsAreRefused() {
    GaussianMixtureModel m = model(CovarianceType.DIAGONAL);
    // scikit-learn refuses n_samples < 1 too ([C]: "The sampling requires at least one sample.")
    assertEquals("n must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> m.sample(0, 1)).getMessage());
    assertEquals("n must be >= 1, got -5",
        assertThrows(IllegalArgumentException.class, () -> m.sample(-5, 1)).getMessage());
    assertEquals("n * d must be at most 2147483639 (the largest dataset), got 2147483647 * 3",
        assertThrows(IllegalArgumentException.class, () -> m.sample(Integer.MAX_VALUE, 1)).getMessage());
  }

  @Test
  void theSampleCarriesTheModelsColumnNames() {
    Dataset named = Dataset.of(new double[][] {{0, 0}, {1, 1}, {0, 1}, {5, 5}, {6, 5}, {5, 6}},
        List.of("income", "spending"));
    GaussianMixtureModel m = GaussianMixture.components(2).seed(3).fit(named);
    Dataset x = m.sample(50, 1).data();
    assertEquals(List.of("income", "spending"), x.columnNames());
    assertTrue(Double.isFinite(m.score(x)), "scored by the model without a column-name error");
    assertFalse(model(CovarianceType.TIED).sample(5, 1).data().hasColumnNames());
  }
}
