package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compares with scikit-learn 1.2.1 {@code PCA(svd_solver='full')}: every expected value comes from the
 * fixtures written by {@code tools/pca_reference.py} (the exact calls are listed in that script and in
 * each fixture's header). Tolerances: explained variance, ratios and singular values within 1e-10
 * relative; components within 1e-9 including the sign (the fixtures re-sign scikit-learn 1.2.1's output by
 * the largest-absolute-loading rule of scikit-learn >= 1.5, {@code svd_flip(u_based_decision=False)};
 * see the script); transform within 1e-9.
 */
class PcaReferenceTest {

  private static final double REL = 1e-10;
  private static final double ABS = 1e-9;

  // ---- generated data (the data are in the fixture) ----

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void tallGeneratedMatchesScikitLearn(Pca.Solver solver) {
    PcaFixture f = PcaFixture.load("generated_tall.txt");
    Dataset x = Dataset.of(f.matrix("data"));
    checkAll(f, x, solver, 6, x.size());
  }

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void wideGeneratedMatchesScikitLearn(Pca.Solver solver) {
    PcaFixture f = PcaFixture.load("generated_wide.txt");
    Dataset x = Dataset.of(f.matrix("data"));
    // 9 x 14: the centred data have rank 8; scikit-learn's 9th singular value is rounding noise and its
    // 9th component arbitrary, so only the first 8 are compared (the 9th variance must be ~0).
    checkAll(f, x, solver, 8, x.size());
    PcaModel m = Pca.components(9).solver(solver).fit(x);
    assertTrue(m.explainedVariance()[8] <= 1e-12 * m.explainedVariance()[0]);
  }

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void constantColumnMatchesScikitLearn(Pca.Solver solver) {
    PcaFixture f = PcaFixture.load("generated_constant_column.txt");
    Dataset x = Dataset.of(f.matrix("data"));
    // column 2 is constant: scikit-learn's 4th singular value is exactly 0 and its 4th component is
    // LAPACK's choice; ours is +e_2 by the documented rule (largest absolute loading positive)
    checkAll(f, x, solver, 3, x.size());
    PcaModel m = Pca.components(4).solver(solver).fit(x);
    assertTrue(m.explainedVariance()[3] <= 1e-12 * m.explainedVariance()[0]);
    assertArrayEquals(new double[] {0, 0, 1, 0}, m.components()[3], 1e-12, "zero-variance component");
  }

  // ---- cc_general.csv (read from the shared data, only results in the fixture) ----

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void ccGeneralMatchesScikitLearn(Pca.Solver solver) throws IOException {
    PcaFixture f = PcaFixture.load("cc_general.txt");
    double[][] raw = readCcGeneral();
    assertEquals((int) f.scalar("shape", 0), raw.length);
    assertEquals((int) f.scalar("shape", 1), raw[0].length);
    double[][] std = imputeAndStandardise(raw, f);
    Dataset x = Dataset.of(std);
    if (solver == Pca.Solver.AUTO) {
      assertEquals(Pca.Solver.COVARIANCE, Pca.components(1).fit(x).solver(), "8950 x 17 is tall");
    }
    checkAll(f, x, solver, 17, 20);
  }

  /** Checks every attribute, both transforms and the two varianceToKeep counts. */
  private static void checkAll(PcaFixture f, Dataset x, Pca.Solver solver, int compared, int rows) {
    int d = x.dimension();
    int r = Math.min(x.size(), d);
    PcaModel m = Pca.components(r).solver(solver).fit(x);
    assertEquals(r, m.componentCount());
    assertArrayEquals(f.vector("mean"), m.mean(), 1e-12 * (1 + maxAbs(f.vector("mean"))), "mean");
    assertRelative(f.vector("explained_variance"), m.explainedVariance(), compared, "explained variance");
    assertRelative(
        f.vector("explained_variance_ratio"), m.explainedVarianceRatio(), compared, "variance ratio");
    assertRelative(f.vector("singular_values"), m.singularValues(), compared, "singular values");
    double[][] comps = f.matrix("components");
    double[][] ours = m.components();
    for (int j = 0; j < compared; j++) {
      assertArrayEquals(comps[j], ours[j], ABS, "component " + j + " (sign included)");
    }
    int[] first = new int[rows];
    for (int i = 0; i < rows; i++) {
      first[i] = i;
    }
    Dataset head = x.select(first);
    assertColumns(f.matrix("transform"), m.transform(head), compared, ABS, "transform");
    // row-wise transform agrees with the dataset transform
    for (int i = 0; i < rows; i += 7) {
      assertArrayEquals(m.transform(head).row(i), m.transform(head.row(i)), 0, "transform(double[])");
    }
    PcaModel w = Pca.components(r).whiten(true).solver(solver).fit(x);
    assertColumns(f.matrix("transform_whiten"), w.transform(head), compared, ABS, "whitened transform");
    for (String frac : new String[] {"0.8", "0.95"}) {
      PcaModel k = Pca.varianceToKeep(Double.parseDouble(frac)).solver(solver).fit(x);
      assertEquals((int) f.scalar("keep_" + frac, 0), k.componentCount(), "count for " + frac);
      assertEquals(f.scalar("keep_" + frac, 1), k.noiseVariance(),
          REL * f.vector("explained_variance")[0], "noise variance for " + frac);
    }
    PcaModel two = Pca.components(2).solver(solver).fit(x);
    assertEquals(f.scalar("two_noise_variance", 0), two.noiseVariance(),
        REL * f.vector("explained_variance")[0], "noise variance, 2 components");
    assertArrayEquals(ours[1], two.components()[1], 0, "components do not depend on k");
  }

  // ---- helpers ----

  static double[][] readCcGeneral() throws IOException {
    // header row, CRLF line endings, empty cells = missing (NaN here), column CUST_ID dropped
    List<String> lines =
        Files.readAllLines(SharedData.file("cc_general.csv"), StandardCharsets.UTF_8);
    String[] header = lines.get(0).trim().split(",", -1);
    int drop = Arrays.asList(header).indexOf("CUST_ID");
    assertTrue(drop >= 0);
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      double[] row = new double[header.length - 1];
      for (int j = 0, c = 0; j < header.length; j++) {
        if (j == drop) {
          continue;
        }
        row[c++] = cells[j].isEmpty() ? Double.NaN : Double.parseDouble(cells[j]);
      }
      rows.add(row);
    }
    return rows.toArray(new double[0][]);
  }

  /**
   * SimpleImputer(strategy='median') then StandardScaler() (population standard deviation), computed
   * here and checked against scikit-learn's fitted statistics.
   */
  static double[][] imputeAndStandardise(double[][] raw, PcaFixture f) {
    int n = raw.length;
    int d = raw[0].length;
    double[][] out = new double[n][d];
    for (int j = 0; j < d; j++) {
      double[] present = new double[n];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(raw[i][j])) {
          present[m++] = raw[i][j];
        }
      }
      double[] sorted = Arrays.copyOf(present, m);
      Arrays.sort(sorted);
      double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
      assertEquals(f.vector("medians")[j], median, 1e-12 * Math.abs(median), "median of column " + j);
      double sum = 0;
      for (int i = 0; i < n; i++) {
        out[i][j] = Double.isNaN(raw[i][j]) ? median : raw[i][j];
        sum += out[i][j];
      }
      double mean = sum / n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (out[i][j] - mean) * (out[i][j] - mean);
      }
      double scale = Math.sqrt(ss / n);
      assertEquals(f.vector("scaler_mean")[j], mean, 1e-12 * Math.abs(mean), "mean of column " + j);
      assertEquals(f.vector("scaler_scale")[j], scale, 1e-12 * scale, "scale of column " + j);
      for (int i = 0; i < n; i++) {
        out[i][j] = (out[i][j] - mean) / scale;
      }
    }
    return out;
  }

  private static void assertRelative(double[] expected, double[] actual, int count, String what) {
    for (int j = 0; j < count; j++) {
      assertEquals(expected[j], actual[j], REL * Math.abs(expected[j]), what + " [" + j + "]");
    }
  }

  private static void assertColumns(
      double[][] expected, Dataset actual, int columns, double tol, String what) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < columns; j++) {
        assertEquals(expected[i][j], actual.get(i, j), tol, what + " row " + i + " column " + j);
      }
    }
  }

  static void assertArrayEquals(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], tol, what + " [" + j + "]");
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (int j = 0; j < v.length; j++) {
      m = Math.max(m, Math.abs(v[j]));
    }
    return m;
  }
}
