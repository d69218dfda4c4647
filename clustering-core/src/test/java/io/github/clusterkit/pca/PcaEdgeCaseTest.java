package io.github.clusterkit.pca;

import static io.github.clusterkit.pca.PcaReferenceTest.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad arguments, degenerate shapes, copies and determinism. */
class PcaEdgeCaseTest {

  private static final Dataset SMALL =
      Dataset.of(new double[][] {{1, 2, 0}, {2, 1, 1}, {4, 0, 3}, {0, 5, 1}, {3, 3, 3}});

  @Test
  void rejectsBadConfiguration() {
    assertMessage(() -> Pca.components(0), "components must be >= 1, got 0");
    assertMessage(() -> Pca.components(-3), "components must be >= 1, got -3");
    assertMessage(() -> Pca.varianceToKeep(0), "varianceToKeep must be in (0, 1], got 0.0");
    assertMessage(() -> Pca.varianceToKeep(1.5), "varianceToKeep must be in (0, 1], got 1.5");
    assertMessage(() -> Pca.varianceToKeep(-0.1), "varianceToKeep must be in (0, 1], got -0.1");
    assertMessage(() -> Pca.varianceToKeep(Double.NaN), "varianceToKeep must be in (0, 1], got NaN");
    assertMessage(() -> Pca.components(1).parallelism(0), "parallelism must be >= 1, got 0");
    assertMessage(() -> Pca.components(1).solver(null), "solver must not be null");
    assertMessage(() -> Pca.components(1).fit(null), "data must not be null");
  }

  @Test
  void rejectsTooManyComponentsAndSingleRow() {
    // min(n, d) = 3 for 5 x 3
    assertMessage(
        () -> Pca.components(4).fit(SMALL),
        "components must be <= min(n, d) = 3 for data with n = 5, d = 3, got 4");
    Dataset wide = Dataset.of(new double[][] {{1, 2, 3, 4}, {0, 1, 0, 1}});
    assertMessage(
        () -> Pca.components(3).fit(wide),
        "components must be <= min(n, d) = 2 for data with n = 2, d = 4, got 3");
    Dataset one = Dataset.of(new double[][] {{1, 2, 3}});
    assertMessage(
        () -> Pca.components(1).fit(one),
        "data must have at least 2 rows (explained variance divides by n - 1), got 1");
  }

  @Test
  void rejectsBadTransformArguments() {
    PcaModel m = Pca.components(2).fit(SMALL);
    assertMessage(() -> m.transform((Dataset) null), "data must not be null");
    assertMessage(
        () -> m.transform(Dataset.of(new double[][] {{1, 2}})), "data must have 3 columns, got 2");
    assertMessage(() -> m.transform(new double[] {1, 2}), "point must have length 3, got 2");
    assertMessage(
        () -> m.transform(new double[] {1, Double.NaN, 2}),
        "point values must be finite, got NaN at index 1");
    assertMessage(
        () -> m.inverseTransform(Dataset.of(new double[][] {{1, 2, 3}})),
        "scores must have 2 columns, got 3");
    assertMessage(() -> m.inverseTransform(new double[] {1}), "scores must have length 2, got 1");
  }

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void oneColumn(Pca.Solver solver) {
    // d = 1: the only component is [1]; its variance is the sample variance (n - 1), by hand:
    // values 1, 2, 4, -3: mean 1, squares 0 + 1 + 9 + 16 = 26, variance 26 / 3
    Dataset x = Dataset.of(new double[][] {{1}, {2}, {4}, {-3}});
    PcaModel m = Pca.components(1).solver(solver).fit(x);
    // sign: the single loading is made positive (largest absolute loading rule), so the component is +1
    assertArrayEquals(new double[] {1}, m.components()[0], 0, "component");
    assertEquals(26.0 / 3, m.explainedVariance()[0], 1e-14);
    assertEquals(1.0, m.explainedVarianceRatio()[0], 1e-15);
    assertEquals(Math.sqrt(26), m.singularValues()[0], 1e-14);
    assertEquals(0.0, m.noiseVariance());
    assertArrayEquals(new double[] {-4}, m.transform(new double[] {-3}), 1e-14, "transform");
  }

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void identicalRows(Pca.Solver solver) {
    // total variance 0: documented behaviour, no NaN
    Dataset x = Dataset.of(new double[][] {{0.1, 7, -2}, {0.1, 7, -2}, {0.1, 7, -2}});
    PcaModel m = Pca.varianceToKeep(0.5).whiten(true).solver(solver).fit(x);
    assertEquals(3, m.componentCount(), "varianceToKeep keeps all min(n, d) components");
    assertArrayEquals(new double[] {0.1, 7, -2}, m.mean(), 0, "mean");
    assertArrayEquals(new double[] {0, 0, 0}, m.explainedVariance(), 0, "variance");
    assertArrayEquals(new double[] {0, 0, 0}, m.explainedVarianceRatio(), 0, "ratio");
    assertArrayEquals(new double[] {1, 0, 0}, m.components()[0], 0, "e_1");
    assertArrayEquals(new double[] {0, 0, 1}, m.components()[2], 0, "e_3");
    assertArrayEquals(new double[] {0, 0, 0}, m.transform(new double[] {5, 5, 5}), 0, "whitened");
    assertArrayEquals(new double[] {0.1, 7, -2}, m.inverseTransform(new double[] {1, 2, 3}), 0, "back");
  }

  @Test
  void svdWhitensARealComponentOfTinyVariance() {
    // Column 2 has standard deviation 1e-9 beside column 1's 3.7, uncorrelated with it (symmetric against
    // antisymmetric), so the components are e_1 and e_2 with variances 70 / 5 = 14 and 4e-18 / 5 = 8e-19 (exact
    // computation). The SVD resolves the second (singular value 2e-9, 2.4e-10 of the largest, far above rounding);
    // whitening used to map it to 0 (the covariance solver's threshold on the variance ratio, 5.7e-20), so its
    // output column had variance 0 instead of 1 and inverseTransform(transform(x)) lost the 1e-9 column.
    // tools/edge_case_reference.py, scikit-learn 1.2.1, PCA(2, whiten=True, svd_solver='full').fit(X).transform(X):
    // row 0 is [1.3363062095621219, 1.118033988749895] with its sign convention, = [5 / sqrt(14), 1e-9 / sqrt(8e-19)].
    double[][] rows = {{-5, 1e-9}, {-3, -1e-9}, {-1, 0}, {1, 0}, {3, -1e-9}, {5, 1e-9}};
    Dataset x = Dataset.of(rows);
    PcaModel m = Pca.components(2).whiten(true).solver(Pca.Solver.SVD).fit(x);
    assertEquals(8e-19, m.explainedVariance()[1], 1e-30, "variance of the tiny component");
    double[] z0 = m.transform(rows[0]);
    assertEquals(-5 / Math.sqrt(14), z0[0], 1e-15, "component 1 = +e_1 (its loading made positive)");
    assertEquals(1 / Math.sqrt(0.8), z0[1], 1e-6, "component 2 whitened, not 0");
    Dataset z = m.transform(x);
    double ss = 0;
    for (int i = 0; i < rows.length; i++) {
      ss += z.get(i, 1) * z.get(i, 1);
    }
    assertEquals(1.0, ss / (rows.length - 1), 1e-6, "whitened column 2 has unit variance (mean 0 by symmetry)");
    Dataset back = m.inverseTransform(z);
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(rows[i], back.row(i), 1e-15, "inverseTransform(transform(x)) row " + i);
    }
    PcaModel loaded = PcaModel.fromState(m.state());
    assertArrayEquals(z0, loaded.transform(rows[0]), 0, "the rebuilt model decides the same");
    // The covariance solver's eigenvalues are accurate only to about 2^-52 of the largest: it still maps the
    // component to 0 (documented).
    PcaModel c = Pca.components(2).whiten(true).solver(Pca.Solver.COVARIANCE).fit(x);
    assertEquals(0.0, c.transform(rows[0])[1], 0, "covariance solver: numerically zero");
  }

  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void whiteningMapsTheRoundingNoiseOfADerivedColumnToZero(Pca.Solver solver) {
    // Column 3 = column 1 + column 2, rounded: near 2e4, its rounding errors (up to 2^-39) leave a third component
    // of variance 2.16e-24 in the data. scikit-learn 1.2.1, PCA(3, whiten=True, svd_solver='full') on these rows
    // (tools/edge_case_reference.py) whitens that noise into a unit-variance column (explained_variance_[2] =
    // 2.1602220700106578e-24 with Debian's OpenBLAS, 2.1602118154802462e-24 in an earlier run: rounding noise, whose
    // digits depend on the LAPACK build; scores 0.618, 1.594, -0.041, ...). It lies below the rounding level of the
    // data (max(n, d) 2^-52 times the largest standard deviation plus the largest mean, the documented rule), so both
    // solvers map it to 0.
    int n = 8;
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = 10000 + 0.1 * i;
      double b = 10000 + 0.3 * ((5 * i) % 8);
      rows[i] = new double[] {a, b, a + b};
    }
    PcaModel m = Pca.components(3).whiten(true).solver(solver).fit(Dataset.of(rows));
    assertTrue(m.explainedVariance()[2] < 1e-20, "the third component is rounding noise");
    for (double[] row : rows) {
      assertEquals(0.0, m.transform(row)[2], 0, "numerically zero component whitened to 0");
    }
  }

  @Test
  void covarianceWhiteningThresholdScalesWithTheLargestVariance() {
    // The same shape at a spread 1000 times wider (largest variance about 1e6): the covariance solver's third
    // eigenvalue is rounding noise of about 2^-52 of the largest, and the documented threshold for it is
    // max(n, d) 2^-52 times the largest variance, so it is mapped to 0 at any scale of the data.
    int n = 8;
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = 10000 + 100 * i;
      double b = 10000 + 300 * ((5 * i) % 8);
      rows[i] = new double[] {a, b, a + b};
    }
    PcaModel m = Pca.components(3).whiten(true).solver(Pca.Solver.COVARIANCE).fit(Dataset.of(rows));
    assertTrue(m.explainedVariance()[0] > 1e5, "largest variance " + m.explainedVariance()[0]);
    for (double[] row : rows) {
      assertEquals(0.0, m.transform(row)[2], 0, "numerically zero component whitened to 0");
    }
  }

  @ParameterizedTest
  @EnumSource(Pca.Solver.class)
  void twoRowsWide(Pca.Solver solver) {
    // n = 2: one direction, (x1 - x0) / |x1 - x0|, variance |x1 - x0|^2 / 2 (by hand)
    Dataset x = Dataset.of(new double[][] {{1, 1, 1, 1}, {2, 3, 1, -1}});
    PcaModel m = Pca.components(2).solver(solver).fit(x);
    double len = Math.sqrt(1 + 4 + 0 + 4);
    // diff = (1, 2, 0, -2): loadings 2 and -2 tie in magnitude; the first (coordinate 1) is made
    // positive, so the component is +diff / len
    assertArrayEquals(
        new double[] {1 / len, 2 / len, 0, -2 / len}, m.components()[0], 1e-12, "component");
    assertEquals(9.0 / 2, m.explainedVariance()[0], 1e-12);
    assertTrue(m.explainedVariance()[1] <= 1e-25);
    assertEquals(1.0, m.explainedVarianceRatio()[0], 1e-15);
  }

  /**
   * d >= 24 takes the covariance solver's row-major kernel and n = 10,000 spans several chunks (pairwise
   * combination); oracle: the SVD solver on the same data (an independent algorithm). Columns are
   * independent Gaussians with standard deviations 1, 2, ..., 30, so neighbouring eigenvalues differ by
   * several times their sampling noise and every component is well defined.
   */
  @Test
  void wideRowsCovarianceSolverEqualsSvd() {
    int n = 10_000;
    int d = 30;
    io.github.clusterkit.internal.Rng rng = new io.github.clusterkit.internal.Rng(11);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = 5 + (j + 1) * rng.nextGaussian();
      }
    }
    Dataset x = Dataset.of(rows);
    PcaModel cov = Pca.components(d).solver(Pca.Solver.COVARIANCE).fit(x);
    PcaModel svd = Pca.components(d).solver(Pca.Solver.SVD).fit(x);
    assertArrayEquals(svd.mean(), cov.mean(), 1e-12, "mean");
    for (int j = 0; j < d; j++) {
      double ev = svd.explainedVariance()[j];
      assertEquals(ev, cov.explainedVariance()[j], 1e-10 * ev, "explained variance " + j);
      assertArrayEquals(svd.components()[j], cov.components()[j], 1e-8, "component " + j);
    }
  }

  @Test
  void varianceToKeepOneKeepsAll() {
    Dataset x = Generators.blobs(200, 4, 3, 1.0, 0.0, 7).data();
    assertEquals(4, Pca.varianceToKeep(1.0).fit(x).componentCount());
  }

  @Test
  void copiesInAndOut() {
    double[][] rows = {{1, 2, 0}, {2, 1, 1}, {4, 0, 3}, {0, 5, 1}, {3, 3, 3}};
    Dataset x = Dataset.of(rows);
    PcaModel m = Pca.components(2).fit(x);
    double[][] c = m.components();
    c[0][0] = 99;
    assertTrue(m.components()[0][0] != 99);
    double[] mean = m.mean();
    mean[0] = 99;
    assertTrue(m.mean()[0] != 99);
    assertNotSame(m.explainedVariance(), m.explainedVariance());
    assertNotSame(m.explainedVarianceRatio(), m.explainedVarianceRatio());
    assertNotSame(m.singularValues(), m.singularValues());
    double[] p = {1, 2, 3};
    m.transform(p);
    assertArrayEquals(new double[] {1, 2, 3}, p, 0, "point unchanged");
    assertEquals(Dataset.of(rows), x, "data unchanged");
  }

  @Test
  void namesAndShapes() {
    Dataset x = SMALL.withColumnNames(List.of("a", "b", "c"));
    PcaModel m = Pca.components(2).fit(x);
    Dataset z = m.transform(x);
    assertEquals(List.of("PC1", "PC2"), z.columnNames());
    assertEquals(5, z.size());
    assertEquals(List.of("a", "b", "c"), m.inverseTransform(z).columnNames());
    assertEquals(5, m.sampleCount());
    assertEquals(3, m.dimension());
    assertEquals(2, m.componentCount());
  }

  @Test
  void autoRuleAtItsBoundaries() {
    // The documented rule, n >= 4 d and n * d >= 20000, at equality in each condition and one row short of it.
    assertEquals(Pca.Solver.COVARIANCE, Pca.autoSolver(400, 100), "n = 4 d, n d = 40000");
    assertEquals(Pca.Solver.SVD, Pca.autoSolver(399, 100), "n < 4 d");
    assertEquals(Pca.Solver.COVARIANCE, Pca.autoSolver(5000, 4), "n d = 20000");
    assertEquals(Pca.Solver.SVD, Pca.autoSolver(4999, 4), "n d < 20000");
    assertEquals(Pca.Solver.SVD, Pca.autoSolver(20, 1), "n d = 20");
  }

  @Test
  void configurationsAreEqualExactlyWhenEverySettingIs() {
    List<java.util.function.Supplier<Pca>> makers = List.of(
        () -> Pca.components(2),
        () -> Pca.components(3),
        () -> Pca.varianceToKeep(0.9),
        () -> Pca.varianceToKeep(0.95),
        () -> Pca.components(2).whiten(true),
        () -> Pca.components(2).parallelism(2),
        () -> Pca.components(2).solver(Pca.Solver.SVD),
        () -> Pca.components(2).solver(Pca.Solver.COVARIANCE),
        () -> Pca.components(2).signs(Pca.Signs.SCORES));
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    for (int a = 0; a < makers.size(); a++) {
      Pca p = makers.get(a).get();
      assertEquals(p, makers.get(a).get());
      assertEquals(p.hashCode(), makers.get(a).get().hashCode());
      hashes.add(p.hashCode());
      assertTrue(!p.equals(null) && !p.equals("Pca"));
      for (int b = 0; b < makers.size(); b++) {
        assertEquals(a == b, p.equals(makers.get(b).get()), p + " and " + makers.get(b).get());
      }
    }
    assertTrue(hashes.size() > 1, "hash codes spread: " + hashes);
    // Reached by another route: the same settings.
    assertEquals(Pca.components(2).whiten(true).parallelism(1), Pca.components(2).parallelism(3).whiten(true)
        .parallelism(1));
    // parallelism(1) is the documented default and valid.
    assertEquals(Pca.components(2), Pca.components(2).parallelism(1));
    assertEquals("Pca[components=2, whiten=true, parallelism=1, solver=AUTO, signs=COMPONENTS]",
        Pca.components(2).whiten(true).toString());
    assertEquals("Pca[varianceToKeep=0.9, whiten=false, parallelism=2, solver=SVD, signs=SCORES]",
        Pca.varianceToKeep(0.9).parallelism(2).solver(Pca.Solver.SVD).signs(Pca.Signs.SCORES).toString());
  }

  @Test
  void varianceToKeepReachedExactlyKeepsOneMoreComponent() {
    // scikit-learn keeps searchsorted(cumsum(ratio), fraction, side='right') + 1 components: a fraction equal to a
    // cumulative ratio counts as reached. tools/mutation_gap_reference.py, scikit-learn 1.2.1 on these rows:
    // ratio[0] = 0.8841476857205369; PCA(n_components=ratio[0]).n_components_ = 2, with the next smaller double 1.
    Dataset x = Dataset.of(new double[][] {{1, 2}, {3, 1}, {4, 5}, {0, 0}, {2, 2}});
    double r0 = Pca.components(2).fit(x).explainedVarianceRatio()[0];
    assertEquals(0.8841476857205369, r0, 1e-15);
    assertEquals(2, Pca.varianceToKeep(r0).fit(x).componentCount());
    assertEquals(1, Pca.varianceToKeep(Math.nextDown(r0)).fit(x).componentCount());
  }

  @Test
  void svdResolvesATiltedComponentOfTinyVarianceThatTheScatterCannot() {
    // Column 2 = column 1 + 1e-9 w, w orthogonal to column 1 and to the ones: a second component of variance about
    // 4e-19 along (1, -1) / sqrt(2), not along an axis. tools/mutation_gap_reference.py, scikit-learn 1.2.1,
    // PCA(2, svd_solver='full'): explained_variance_ [27.999999999999993, 4.000004280502122e-19] (reference LAPACK;
    // Debian's OpenBLAS gives 4.000003349725841e-19, 2.3e-7 relative apart, within the 1e-4 below). The SVD agrees to
    // its rounding (about 2^-52 of the largest singular value, 2e-6 relative here); the covariance solver's
    // eigenvalue is only accurate to about 2^-52 of the largest variance, 6e-15, so it cannot resolve 4e-19.
    double[][] rows = {{-5, -5 + 1e-9}, {-3, -3 - 1e-9}, {-1, -1}, {1, 1}, {3, 3 - 1e-9}, {5, 5 + 1e-9}};
    PcaModel m = Pca.components(2).solver(Pca.Solver.SVD).fit(Dataset.of(rows));
    assertEquals(27.999999999999993, m.explainedVariance()[0], 1e-13);
    assertEquals(4.000004280502122e-19, m.explainedVariance()[1], 1e-4 * 4e-19);
  }

  @ParameterizedTest
  @EnumSource(value = Pca.Solver.class, names = {"SVD", "COVARIANCE"})
  void dataAtTheResolutionOfALargeOffsetGetTheExactVarianceAndMean(Pca.Solver solver) {
    // Values 2^30 + k 2^-22 (k in 0..15 for column 0, 0..39 for column 1; 2^-22 is the spacing of doubles there): the
    // first pass's mean is off by several units of 2^-22 against a spread of a few units, so the variances are right
    // only thanks to the correction term of the corrected two-pass algorithm (Chan, Golub and LeVeque 1983), in both
    // solvers. 5000 rows make two of the covariance solver's chunks. Oracle: exact BigDecimal arithmetic on the same
    // doubles; with all d = 2 components the explained variances sum to the total variance, the sum of the columns'.
    int n = 5000;
    int d = 2;
    io.github.clusterkit.internal.Rng rng = new io.github.clusterkit.internal.Rng(42);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      x[i * d] = 0x1p30 + rng.nextInt(16) * 0x1p-22;
      x[i * d + 1] = 0x1p30 + rng.nextInt(40) * 0x1p-22;
    }
    java.math.MathContext mc = java.math.MathContext.DECIMAL128;
    double total = 0;
    double[] means = new double[d];
    for (int a = 0; a < d; a++) {
      java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
      for (int i = 0; i < n; i++) {
        sum = sum.add(new java.math.BigDecimal(x[i * d + a]));
      }
      java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(n), mc);
      java.math.BigDecimal squares = java.math.BigDecimal.ZERO;
      for (int i = 0; i < n; i++) {
        java.math.BigDecimal t = new java.math.BigDecimal(x[i * d + a]).subtract(mean);
        squares = squares.add(t.multiply(t));
      }
      total += squares.divide(java.math.BigDecimal.valueOf(n - 1), mc).doubleValue();
      means[a] = mean.doubleValue();
    }
    PcaModel m = Pca.components(d).solver(solver).fit(Dataset.wrap(x, n, d));
    double[] ev = m.explainedVariance();
    assertEquals(total, ev[0] + ev[1], 1e-9 * total, "total variance");
    for (int a = 0; a < d; a++) {
      assertEquals(means[a], m.mean()[a], Math.ulp(0x1p30), "mean of column " + a + ", to the spacing of the data");
    }
  }

  @Test
  void autoRule() {
    assertEquals(Pca.Solver.COVARIANCE, Pca.autoSolver(1_000_000, 10));
    assertEquals(Pca.Solver.COVARIANCE, Pca.autoSolver(100_000, 50));
    assertEquals(Pca.Solver.SVD, Pca.autoSolver(100, 50), "wide-ish");
    assertEquals(Pca.Solver.SVD, Pca.autoSolver(1000, 3), "small");
    assertEquals(Pca.Solver.SVD, Pca.autoSolver(10, 1000), "wide");
  }

  @Test
  void resultDoesNotDependOnThreadCountAndSolversAgree() {
    // more rows than one chunk, so several chunks run concurrently
    Dataset x = Generators.blobs(50_000, 7, 5, 2.0, 0.0, 11).data();
    // and the two solvers agree on data spanning many chunks with an odd d (padded kernel)
    PcaModel svd = Pca.components(7).solver(Pca.Solver.SVD).fit(x);
    PcaModel cov = Pca.components(7).solver(Pca.Solver.COVARIANCE).parallelism(2).fit(x);
    assertArrayEquals(svd.mean(), cov.mean(), 1e-12, "mean");
    for (int j = 0; j < 7; j++) {
      assertEquals(svd.explainedVariance()[j], cov.explainedVariance()[j],
          1e-10 * svd.explainedVariance()[j], "variance " + j);
      assertArrayEquals(svd.components()[j], cov.components()[j], 1e-8, "component " + j);
    }
    for (Pca.Solver solver : new Pca.Solver[] {Pca.Solver.SVD, Pca.Solver.COVARIANCE}) {
      PcaModel one = Pca.components(7).solver(solver).fit(x);
      PcaModel three = Pca.components(7).solver(solver).parallelism(3).fit(x);
      assertArrayEquals(one.mean(), three.mean(), 0, "mean");
      assertArrayEquals(one.explainedVariance(), three.explainedVariance(), 0, "variance");
      for (int j = 0; j < 7; j++) {
        assertArrayEquals(one.components()[j], three.components()[j], 0, "component " + j);
      }
    }
  }

  private static void assertMessage(Runnable r, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(message, e.getMessage());
  }

  /**
   * Data beyond the range of the explained variances are refused with the rule and the value (near 1e200 the
   * variance ratios were NaN, near 1e-200 all 0); the edges of the accepted range fit with the ratios of magnitude 1
   * (scaling by a power of two is exact, so the components and ratios are those of the unscaled data bit for bit).
   */
  @Test
  void extremeMagnitudesAreRefusedClearly() {
    double[] base = Generators.blobs(500, 3, 3, 1.0, 0, 7).data().toArray();
    for (double m : new double[] {1e200, 1e-200, 1e146, 1e-146}) {
      double[] x = base.clone();
      double max = 0;
      for (int i = 0; i < x.length; i++) {
        x[i] *= m;
        max = Math.max(max, Math.abs(x[i]));
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Pca.components(2).fit(Dataset.wrap(x, 500, 3)));
      assertEquals("data must have their largest magnitude in [2^-480, 2^481) (about 3e-145 to 6e144): beyond it"
          + " the explained variances overflow to infinity or underflow to zero; got " + max + "; rescale the data"
          + " first, e.g. with StandardScaler", e.getMessage());
    }
    PcaModel plain = Pca.components(2).fit(Dataset.wrap(base, 500, 3));
    for (int s : new int[] {470, -470}) {
      double[] x = base.clone();
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.scalb(x[i], s);
      }
      PcaModel scaled = Pca.components(2).fit(Dataset.wrap(x, 500, 3));
      assertArrayEquals(plain.explainedVarianceRatio(), scaled.explainedVarianceRatio(), 0, "ratio, 2^" + s);
      double[][] a = plain.components();
      double[][] b = scaled.components();
      for (int j = 0; j < a.length; j++) {
        assertArrayEquals(a[j], b[j], 0, "component " + j + ", 2^" + s);
      }
      assertEquals(Math.scalb(plain.explainedVariance()[0], 2 * s), scaled.explainedVariance()[0]);
    }
  }
}
