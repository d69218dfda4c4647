package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Pca#signs(Pca.Signs)}: {@link Pca.Signs#SCORES} gives scikit-learn 1.2.1's signs (largest absolute
 * training score of each component positive, {@code svd_flip(U, Vt)}). The scikit-learn values are printed by
 * {@code tools/porting_conveniences_reference.py}, sections [D], [E] and [F]; the tie cases' expected components are
 * worked out by hand from the documented rule (the first tied row decides), where scikit-learn's own choice is
 * LAPACK's rounding.
 */
class PcaSignsTest {

  private static final Dataset FIVE = Dataset.of(new double[][] {{1, 6, 7}, {0, 1, 4}, {3, 8, 5}, {4, 4, 6},
      {5, 1, 7}});

  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void fiveRowsGetScikitLearn121sSigns(Pca.Solver solver) {
    // [D] 1.2.1 components_ and transform; the signs relative to the loading rule are [1, -1, 1]
    double[][] sk = {{-0.041280164308183064, 0.9988458791216, 0.024553162657533555},
        {-0.9153141669818422, -0.027951869064430604, -0.40176942235334573},
        {-0.40061942508698395, -0.039058965393400064, 0.915411641539134}};
    double[][] skTransform = {{2.093203816325333, 0.9264756222180714, 1.661367119199335},
        {-2.9334049029470846, 3.186857401582104, -0.48895355336408247},
        {3.9592289206371003, -0.15651760516778268, -1.0488129448397008},
        {-0.05288159749994956, -1.3617937182452482, -0.37778486681395057},
        {-3.0661462365153995, -2.5950217003871443, 0.25418424581839977}};
    PcaModel scores = Pca.components(3).solver(solver).signs(Pca.Signs.SCORES).fit(FIVE);
    PcaModel loadings = Pca.components(3).solver(solver).fit(FIVE);
    int[] relative = {1, -1, 1};
    for (int j = 0; j < 3; j++) {
      assertArrayEquals(sk[j], scores.components()[j], 1e-12, "component " + j);
      for (int a = 0; a < 3; a++) {
        assertEquals(relative[j] * sk[j][a], loadings.components()[j][a], 1e-12, "default, component " + j);
      }
    }
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(skTransform[i], scores.transform(FIVE.row(i)), 1e-12, "transform of row " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void exactTiesGoToTheFirstRow(Pca.Solver solver) {
    // Rows 0 and 2: scores -1 and 1, tied; the first row decides, so its score is made positive: component [-1]. (By
    // hand. scikit-learn 1.2.1 gives [1] here, [E]: its |U| is [0.7071067811865472, 0.7071067811865475], the last
    // bits of LAPACK's rounding pick the second row.)
    PcaModel one = Pca.components(1).solver(solver).signs(Pca.Signs.SCORES)
        .fit(Dataset.of(new double[][] {{0}, {2}}));
    assertArrayEquals(new double[] {-1}, one.components()[0], 1e-15);
    assertArrayEquals(new double[] {1}, one.transform(new double[] {0}), 1e-15);
    // Rows (2, 1), (-2, 1), (0, -2): component 1 is +-e_1 with scores 2, -2, 0 (rows 0 and 1 tied: row 0 decides,
    // [1, 0]); component 2 is +-e_2 with scores 1, 1, -2 (row 2 alone: [0, -1]). By hand; scikit-learn 1.2.1 gives
    // [[-1, -0], [-0, -1]] ([E]), the first decided by LAPACK's rounding again, the second the same as here.
    PcaModel two = Pca.components(2).solver(solver).signs(Pca.Signs.SCORES)
        .fit(Dataset.of(new double[][] {{2, 1}, {-2, 1}, {0, -2}}));
    assertArrayEquals(new double[] {1, 0}, two.components()[0], 1e-15);
    assertArrayEquals(new double[] {0, -1}, two.components()[1], 1e-15);
  }

  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void tiesWithinTheToleranceScaleWithTheScores(Pca.Solver solver) {
    // Rows -1, 0, 1 + 1.5e-12: mean 5e-13, scores -1 - 5e-13 and 1 + 1e-12 (component +-1), apart by 1.5e-12, with
    // magnitudes m_0 + m_2 = 2 + 5e-13; the tie band 1e-12 (m_0 + m_2), 2e-12, holds them tied and the first row
    // decides: its score is made positive, component [-1] (by hand, from the documented rule). A band that shrank as
    // the magnitudes grow (1e-12 / (m_0 + m_2) = 5e-13) would let row 2 decide: [1].
    PcaModel m = Pca.components(1).solver(solver).signs(Pca.Signs.SCORES)
        .fit(Dataset.of(new double[][] {{-1}, {0}, {1 + 1.5e-12}}));
    assertArrayEquals(new double[] {-1}, m.components()[0], 0);
  }

  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void ccGeneralGetsScikitLearn121sSignsOnAll17Components(Pca.Solver solver) throws IOException {
    PcaFixture f = PcaFixture.load("cc_general.txt");
    Dataset x = Dataset.of(PcaReferenceTest.imputeAndStandardise(PcaReferenceTest.readCcGeneral(), f));
    // [F] 1.2.1 signs relative to the loading rule (the fixture's components carry the loading rule's signs)
    int[] relative = {1, 1, -1, 1, -1, -1, -1, 1, 1, -1, 1, -1, -1, -1, -1, 1, -1};
    PcaModel scores = Pca.components(17).solver(solver).signs(Pca.Signs.SCORES).fit(x);
    PcaModel loadings = Pca.components(17).solver(solver).fit(x);
    double[][] fixture = f.matrix("components");
    int flipped = 0;
    for (int j = 0; j < 17; j++) {
      for (int a = 0; a < 17; a++) {
        assertEquals(relative[j] * fixture[j][a], scores.components()[j][a], 1e-9, "component " + j);
        assertEquals(relative[j] * loadings.components()[j][a], scores.components()[j][a], 0.0, "exact negation");
      }
      flipped += relative[j] < 0 ? 1 : 0;
    }
    assertEquals(10, flipped, "the default differs from 1.2.1 on 10 of the 17 components, PC3 and PC5 among them");
    // [F] the row of the largest |score| of each component and that score (positive in 1.2.1)
    int[] top = {1256, 2159, 550, 4376, 4376, 4376, 1256, 4376, 5260, 5260, 501, 5260, 5260, 4668, 542, 3181, 6857};
    double[] topScore = {29.603051870858785, 25.370343636035233, 16.925111443823987, 13.904759934712022,
        17.13871545024496, 10.49226383604922, 8.778439120230853, 15.395673021054428, 7.446459408721196,
        10.78848986907922, 10.879987032147245, 8.844905257377182, 6.575374023300297, 8.477639211556273,
        8.873199022369002, 2.1202036296328846, 0.20880274394260842};
    for (int j = 0; j < 17; j++) {
      assertEquals(topScore[j], scores.transform(x.row(top[j]))[j], 1e-9, "largest score of component " + j);
    }
  }

  @Test
  void zeroVarianceComponentsAndEqualRowsKeepTheLoadingRule() {
    // column 1 constant: the third component is +e_1 under either rule (its scores are 0 or rounding noise)
    Dataset x = Dataset.of(new double[][] {{1, 5, 2}, {3, 5, 1}, {0, 5, 4}, {2, 5, 2}});
    for (Pca.Solver solver : new Pca.Solver[] {Pca.Solver.SVD, Pca.Solver.COVARIANCE}) {
      PcaModel m = Pca.components(3).solver(solver).signs(Pca.Signs.SCORES).fit(x);
      assertArrayEquals(new double[] {0, 1, 0}, m.components()[2], 1e-12, solver.toString());
    }
    PcaModel equal = Pca.components(2).signs(Pca.Signs.SCORES).fit(Dataset.of(new double[][] {{3, 4}, {3, 4}}));
    assertArrayEquals(new double[] {1, 0}, equal.components()[0], 0.0);
    assertArrayEquals(new double[] {0, 1}, equal.components()[1], 0.0);
  }

  @Test
  void theSettingIsPartOfTheConfiguration() {
    Pca p = Pca.components(2);
    assertEquals(Pca.Signs.COMPONENTS, p.signs());
    assertEquals(Pca.Signs.SCORES, p.signs(Pca.Signs.SCORES).signs());
    assertEquals(Pca.Signs.COMPONENTS, Pca.varianceToKeep(0.9).signs());
    assertNotEquals(p, p.signs(Pca.Signs.SCORES));
    assertEquals(p.signs(Pca.Signs.SCORES), Pca.components(2).signs(Pca.Signs.SCORES));
    assertEquals(p.signs(Pca.Signs.SCORES).hashCode(), Pca.components(2).signs(Pca.Signs.SCORES).hashCode());
    assertTrue(p.signs(Pca.Signs.SCORES).toString().contains("signs=SCORES"), p.signs(Pca.Signs.SCORES).toString());
    assertEquals(Pca.Signs.SCORES, p.signs(Pca.Signs.SCORES).whiten(true).parallelism(2).solver(Pca.Solver.SVD)
        .signs(), "kept by the other settings");
    assertEquals("signs must not be null",
        assertThrows(IllegalArgumentException.class, () -> p.signs(null)).getMessage());
  }

  @Test
  void theSameSignsOnAnyThreadCountWithTheDecidingRowsInLaterChunks() {
    // 10000 rows: three chunks of 4096; the largest scores are in the last rows
    Rng rng = new Rng(5);
    int n = 10_000;
    double[][] rows = new double[n][3];
    for (int i = 0; i < n; i++) {
      double scale = i >= n - 3 ? 10 : 1;
      for (int j = 0; j < 3; j++) {
        rows[i][j] = scale * rng.nextGaussian() * (j + 1);
      }
    }
    Dataset x = Dataset.of(rows);
    for (Pca.Solver solver : new Pca.Solver[] {Pca.Solver.SVD, Pca.Solver.COVARIANCE}) {
      PcaModel one = Pca.components(3).solver(solver).signs(Pca.Signs.SCORES).fit(x);
      PcaModel three = Pca.components(3).solver(solver).signs(Pca.Signs.SCORES).parallelism(3).fit(x);
      assertArrayEquals(one.components(), three.components(), solver.toString());
      assertRuleHolds(one, x);
    }
  }

  /**
   * The documented rule, written out independently: per component of non-zero variance whose scores are not all 0,
   * the first row whose absolute score is within {@code 1e-12 (m_i + m*)} of the largest, {@code m} being the sum of
   * the absolute terms of the score, has a positive score.
   */
  static void assertRuleHolds(PcaModel m, Dataset x) {
    double[][] v = m.components();
    double[] mean = m.mean();
    double[] ev = m.explainedVariance();
    for (int j = 0; j < v.length; j++) {
      if (ev[j] <= 1e-9 * ev[0]) {
        continue; // numerically zero variance keeps the loading rule (a wider band than the model's)
      }
      int n = x.size();
      double[] s = new double[n];
      double[] mag = new double[n];
      int best = 0;
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < mean.length; a++) {
          double t = (x.get(i, a) - mean[a]) * v[j][a];
          s[i] += t;
          mag[i] += Math.abs(t);
        }
        if (Math.abs(s[i]) > Math.abs(s[best])) {
          best = i;
        }
      }
      if (s[best] == 0) {
        continue;
      }
      int first = 0;
      while (!(s[first] != 0 && Math.abs(s[first]) >= Math.abs(s[best]) - 1e-12 * (mag[first] + mag[best]))) {
        first++;
      }
      assertTrue(s[first] > 0, "component " + j + ": row " + first + " scores " + s[first]);
    }
  }

  @Property(tries = 150)
  void scoresRuleOnlyFlipsSignsAndLeavesTheReconstruction(@ForAll @IntRange(min = 2, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 6) int d, @ForAll long seed, @ForAll boolean covariance,
      @ForAll boolean integers, @ForAll boolean whiten) {
    Rng rng = new Rng(seed);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        // small integers: tied scores are common; otherwise correlated Gaussians
        rows[i][j] = integers ? rng.nextInt(5) - 2 : rng.nextGaussian() * (j + 1) + (j > 0 ? rows[i][0] : 0);
      }
    }
    Dataset x = Dataset.of(rows);
    int k = Math.min(n, d);
    Pca.Solver solver = covariance ? Pca.Solver.COVARIANCE : Pca.Solver.SVD;
    PcaModel plain = Pca.components(k).solver(solver).whiten(whiten).fit(x);
    PcaModel scores = Pca.components(k).solver(solver).whiten(whiten).signs(Pca.Signs.SCORES).fit(x);
    double[][] a = plain.components();
    double[][] b = scores.components();
    for (int j = 0; j < k; j++) {
      double sign = Math.signum(a[j][0]) == Math.signum(b[j][0]) && a[j][0] != 0 ? 1 : -1;
      if (a[j][0] == 0) {
        sign = 0;
        for (int t = 0; t < d && sign == 0; t++) {
          sign = a[j][t] == b[j][t] && a[j][t] != 0 ? 1 : a[j][t] == -b[j][t] && a[j][t] != 0 ? -1 : 0;
        }
      }
      for (int t = 0; t < d; t++) {
        assertEquals(sign * a[j][t], b[j][t], 0.0, "component " + j + " equal or exactly negated");
      }
    }
    assertArrayEquals(plain.explainedVariance(), scores.explainedVariance(), 0.0);
    assertArrayEquals(plain.inverseTransform(plain.transform(x)).toArray(),
        scores.inverseTransform(scores.transform(x)).toArray(), 0.0, "the reconstruction, bit for bit");
    assertRuleHolds(scores, x);
  }
}
