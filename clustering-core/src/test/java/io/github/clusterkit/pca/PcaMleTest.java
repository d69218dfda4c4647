package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Pca#mle()}: scikit-learn 1.2.1's {@code PCA(n_components='mle', svd_solver='full')}, its
 * {@code n_components_} and {@code noise_variance_}, from {@code tools/pca_mle_reference.py} (literals it prints, and
 * its fixture {@code fixtures/pca/mle_random.txt} of 63 small integer sets with their expected counts). Counts
 * exactly; noise variances to {@code 1e-10} relative, as {@link PcaReferenceTest}, plus {@code 1e-12} of the largest
 * variance where they are rounding noise.
 */
class PcaMleTest {

  private static final double REL = 1e-10;

  /** Standardised cc_general.csv: 16 of 17 components, noise_variance_ 1.1650157221908691e-05 (the last variance). */
  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void ccGeneralKeepsSixteenComponents(Pca.Solver solver) throws IOException {
    PcaFixture f = PcaFixture.load("cc_general.txt");
    Dataset x = Dataset.of(PcaReferenceTest.imputeAndStandardise(PcaReferenceTest.readCcGeneral(), f));
    PcaModel m = Pca.mle().solver(solver).fit(x);
    assertEquals(16, m.componentCount());
    assertEquals(1.1650157221908691e-05, m.noiseVariance(), REL * 1.1650157221908691e-05);
    // the model is the fit of that many components, bit for bit: mle only chooses the count
    PcaModel k = Pca.components(16).solver(solver).fit(x);
    assertArrayEquals(k.explainedVariance(), m.explainedVariance(), 0.0);
    for (int j = 0; j < 16; j++) {
      assertArrayEquals(k.components()[j], m.components()[j], 0.0);
    }
    assertEquals(k.noiseVariance(), m.noiseVariance(), 0.0);
  }

  /**
   * Mall Customers' Age, Annual Income and Spending Score: raw 2 components (noise_variance_ 167.2285238890079),
   * standardised (population standard deviation) 1 (0.8402085345490692); standardised times 1e-9 every variance is
   * below scikit-learn's absolute floor 1e-15 and it keeps 0 components (components_.shape (0, 3)): refused here.
   */
  @Test
  void mallCustomers() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    double[][] raw = new double[n][3];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      for (int j = 0; j < 3; j++) {
        raw[i][j] = Double.parseDouble(f[2 + j]);
      }
    }
    for (Pca.Solver solver : Pca.Solver.values()) {
      PcaModel m = Pca.mle().solver(solver).fit(Dataset.of(raw));
      assertEquals(2, m.componentCount(), solver::toString);
      assertEquals(167.2285238890079, m.noiseVariance(), REL * 167.2285238890079);
    }
    double[][] std = standardise(raw);
    for (Pca.Solver solver : Pca.Solver.values()) {
      PcaModel m = Pca.mle().solver(solver).fit(Dataset.of(std));
      assertEquals(1, m.componentCount(), solver::toString);
      assertEquals(0.8402085345490692, m.noiseVariance(), REL * 0.8402085345490692);
    }
    double[][] tiny = new double[n][3];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        tiny[i][j] = std[i][j] * 1e-9;
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pca.mle().fit(Dataset.of(tiny)));
    assertTrue(e.getMessage().startsWith("Pca.mle() found no dimension to estimate: every explained variance is"
        + " below 1e-15"), e.getMessage());
    assertTrue(e.getMessage().endsWith(": standardise the data first"), e.getMessage());
  }

  /**
   * The fixture's 63 random small sets on both solvers: scikit-learn's count and noise variance, or a refusal where
   * two explained variances tie (the three built with tied spectra, where scikit-learn raises "math domain error").
   * The cases include n = d (a variance of rounding noise), a duplicated and a constant column.
   */
  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void randomSmallSetsAsScikitLearn(Pca.Solver solver) {
    PcaFixture f = PcaFixture.load("mle_random.txt");
    int cases = 0;
    int refused = 0;
    for (int i = 0; ; i++) {
      double[][] data;
      try {
        data = f.matrix("case" + i + "_data");
      } catch (IllegalStateException end) {
        break;
      }
      double[] e = f.vector("case" + i + "_expected");
      int expected = (int) e[0];
      Dataset x = Dataset.of(data);
      String what = solver + " case " + i + " (" + data.length + " x " + data[0].length + ")";
      if (expected < 0) {
        assertEquals(-1, (int) e[1], what + ": scikit-learn raised on these");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Pca.mle().solver(solver).fit(x), what);
        assertTrue(ex.getMessage().startsWith("Pca.mle(): explained variances "), ex.getMessage());
        assertTrue(ex.getMessage().contains("; choose the count with Pca.components(k) or"
            + " Pca.varianceToKeep(fraction)"), ex.getMessage());
        refused++;
      } else {
        PcaModel m = Pca.mle().solver(solver).fit(x);
        assertEquals(expected, m.componentCount(), what);
        double largest = Pca.components(1).solver(solver).fit(x).explainedVariance()[0];
        assertEquals(e[2], m.noiseVariance(), REL * e[2] + 1e-12 * largest, what + " noise variance");
      }
      cases++;
    }
    assertEquals(63, cases);
    assertEquals(3, refused);
  }

  /**
   * 200000 rows of six columns, four of them uniform-like (a Lehmer generator written in exact arithmetic, the same in
   * tools/pca_mle_reference.py), then the first plus {@code 1e-5} times a fifth and the second plus {@code 1e-7} times
   * a sixth: explained variances {@code 3.3e-11} and {@code 1.8e-15}, both real and at least {@code 1e-15}.
   * tools/pca_mle_reference.py (lehmer_case): scikit-learn 1.2.1 keeps 5 components. The covariance solver's rule
   * counts variances up to {@code max(n, d) 2^-52} of the largest (about {@code 1.3e-10} here) as 0, and
   * {@link Pca.Solver#AUTO} (the covariance solver at this shape) kept 4 before 2026-11-29; now the SVD decides.
   */
  @Test
  void autoLetsTheSvdDecideWhereTheCovarianceRuleWouldDropARealVariance() {
    int n = 200_000;
    long[][] ac = {{16807, 1}, {48271, 7}, {69621, 13}, {40692, 29}, {39373, 31}, {41358, 37}};
    double[][] z = new double[6][n];
    for (int t = 0; t < 6; t++) {
      for (int i = 0; i < n; i++) {
        z[t][i] = (((ac[t][0] * i + ac[t][1]) % 2_147_483_647L) / 2147483647.0 - 0.5) * 4.0;
      }
    }
    double[] v = new double[n * 6];
    for (int i = 0; i < n; i++) {
      double[] row = {z[0][i], z[1][i], z[2][i], z[3][i], z[0][i] + 1e-5 * z[4][i], z[1][i] + 1e-7 * z[5][i]};
      System.arraycopy(row, 0, v, i * 6, 6);
    }
    Dataset x = Dataset.copyOf(v, n, 6);
    assertEquals(Pca.Solver.COVARIANCE, Pca.autoSolver(n, 6));
    PcaModel auto = Pca.mle().fit(x);
    assertEquals(5, auto.componentCount());
    assertEquals(Pca.Solver.SVD, auto.solver());
    assertEquals(5, Pca.mle().solver(Pca.Solver.SVD).fit(x).componentCount());
    // given explicitly, the covariance solver keeps its documented rule
    assertEquals(4, Pca.mle().solver(Pca.Solver.COVARIANCE).fit(x).componentCount());
    // full-rank data stay on the covariance solver (no second fit)
    double[] w = new double[n * 4];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < 4; t++) {
        w[i * 4 + t] = z[t][i];
      }
    }
    assertEquals(Pca.Solver.COVARIANCE, Pca.mle().fit(Dataset.copyOf(w, n, 4)).solver());
  }

  @Test
  void shapesScikitLearnRefusesOrCannotHold() {
    // n < d: scikit-learn "n_components='mle' is only supported if n_samples >= n_features"
    Dataset wide = Dataset.of(new double[][] {{1, 2, 3}, {4, 5, 7}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.mle().fit(wide));
    assertEquals("Pca.mle() needs n >= d (Minka's estimate of the dimension, as scikit-learn's n_components='mle'),"
        + " got n = 2 rows, d = 3 columns", e.getMessage());
    // d = 1: scikit-learn's _infer_dimension has no rank to assess and gives 0 components
    Dataset one = Dataset.of(new double[][] {{1}, {2}, {4}});
    e = assertThrows(IllegalArgumentException.class, () -> Pca.mle().fit(one));
    assertEquals("Pca.mle() needs d >= 2 columns (Minka's estimate compares 1 to d - 1 components; scikit-learn"
        + " keeps 0 components), got d = 1", e.getMessage());
    // all rows equal: every variance 0
    Dataset same = Dataset.of(new double[][] {{1, 2}, {1, 2}, {1, 2}});
    e = assertThrows(IllegalArgumentException.class, () -> Pca.mle().fit(same));
    assertTrue(e.getMessage().contains("the largest is 0.0"), e.getMessage());
    // n = d is accepted (scikit-learn too): the centred rows span d - 1 directions, the last variance is 0
    Dataset square = Dataset.of(new double[][] {{0, 0, 1}, {3, 1, 0}, {1, 4, 2}});
    assertTrue(Pca.mle().fit(square).componentCount() <= 2);
  }

  /** Whitening, signs and threads act on the chosen components as on a fixed count. */
  @Test
  void otherSettingsApplyToTheChosenComponents() throws IOException {
    PcaFixture f = PcaFixture.load("mle_random.txt");
    Dataset x = Dataset.of(f.matrix("case10_data"));
    int k = Pca.mle().fit(x).componentCount();
    for (Pca.Solver solver : new Pca.Solver[] {Pca.Solver.SVD, Pca.Solver.COVARIANCE}) {
      PcaModel a = Pca.mle().whiten(true).signs(Pca.Signs.SCORES).parallelism(2).solver(solver).fit(x);
      PcaModel b = Pca.components(k).whiten(true).signs(Pca.Signs.SCORES).solver(solver).fit(x);
      assertEquals(k, a.componentCount());
      assertTrue(a.whitened());
      for (int i = 0; i < x.size(); i++) {
        assertArrayEquals(b.transform(x.row(i)), a.transform(x.row(i)), 0.0);
      }
    }
  }

  private static double[][] standardise(double[][] raw) {
    int n = raw.length;
    int d = raw[0].length;
    double[][] out = new double[n][d];
    for (int j = 0; j < d; j++) {
      double sum = 0;
      for (double[] r : raw) {
        sum += r[j];
      }
      double mean = sum / n;
      double ss = 0;
      for (double[] r : raw) {
        ss += (r[j] - mean) * (r[j] - mean);
      }
      double scale = Math.sqrt(ss / n);
      for (int i = 0; i < n; i++) {
        out[i][j] = (raw[i][j] - mean) / scale;
      }
    }
    return out;
  }
}
