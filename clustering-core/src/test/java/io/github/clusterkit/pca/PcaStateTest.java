package io.github.clusterkit.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link PcaModel#state()} and {@link PcaModel#fromState}: exact rebuild and every validation rule. */
class PcaStateTest {

  /**
   * Random data of one of four shapes: correlated Gaussian, with a constant column, with a duplicated
   * column (a zero-variance component), or all rows equal (total variance 0).
   */
  static Dataset data(long seed, int n, int d) {
    Rng rng = new Rng(seed);
    int shape = rng.nextInt(4);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double common = rng.nextGaussian();
      for (int j = 0; j < d; j++) {
        x[i * d + j] = shape == 3 ? 1.5 : common * (j + 1) + rng.nextGaussian() * Math.pow(10, j % 3 - 1);
      }
      if (shape == 1) {
        x[i * d] = -4;
      } else if (shape == 2 && d > 1) {
        x[i * d + d - 1] = x[i * d];
      }
    }
    return Dataset.wrap(x, n, d);
  }

  static PcaModel model() {
    return Pca.components(2).solver(Pca.Solver.SVD)
        .fit(Dataset.of(new double[][] {{1, 2, 0}, {2, 1, 1}, {3, 5, 0}, {4, 3, 2}, {0, 0, 1}},
            List.of("a", "b", "c")));
  }

  private static void assertRejected(String expected, PcaModel.State s) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PcaModel.fromState(s));
    assertTrue(e.getMessage().startsWith("PcaModel state: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  /** Builds a state from the parts of {@code s}, some replaced. */
  private static final class Edit {
    int n;
    boolean whiten;
    Pca.Solver solver;
    List<String> names;
    double[] mean;
    double[] components;
    double[] ev;
    double[] ratio;
    double[] sv;
    double noise;

    Edit(PcaModel.State s) {
      n = s.sampleCount();
      whiten = s.whiten();
      solver = s.solver();
      names = s.columnNames();
      mean = s.mean();
      components = s.components();
      ev = s.explainedVariance();
      ratio = s.explainedVarianceRatio();
      sv = s.singularValues();
      noise = s.noiseVariance();
    }

    PcaModel.State state() {
      return new PcaModel.State(n, whiten, solver, names, mean, components, ev, ratio, sv, noise);
    }
  }

  /** Random fits: the rebuilt model has the same state and attributes, and transforms bit for bit alike. */
  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void rebuildTransformsExactly(@ForAll long seed, @ForAll @IntRange(min = 2, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 6) int d) {
    Dataset x = data(seed, n, d);
    Rng rng = new Rng(seed + 3);
    int k = 1 + rng.nextInt(Math.min(n, d));
    boolean whiten = rng.nextInt(2) == 0;
    boolean covariance = rng.nextInt(2) == 0;
    PcaModel m = Pca.components(k).whiten(whiten)
        .solver(covariance ? Pca.Solver.COVARIANCE : Pca.Solver.SVD).fit(x);
    PcaModel back = PcaModel.fromState(m.state());
    assertEquals(m.state(), back.state());
    assertEquals(m.state().hashCode(), back.state().hashCode());
    assertEquals(m.toString(), back.toString());
    assertEquals(m.noiseVariance(), back.noiseVariance());
    assertArrayEquals(m.transform(x).toArray(), back.transform(x).toArray());
    Dataset q = data(seed + 1, 7, d);
    Dataset z = m.transform(q);
    assertArrayEquals(z.toArray(), back.transform(q).toArray());
    assertArrayEquals(m.transform(q.row(0)), back.transform(q.row(0)));
    assertArrayEquals(m.inverseTransform(z).toArray(), back.inverseTransform(z).toArray());
    assertEquals(m.inverseTransform(z).columnNames(), back.inverseTransform(z).columnNames());
  }

  @Test
  void smallestShapes() {
    // n = 2, d = 1 and k = min(n, d), whitened, on each data shape (edge cases the property draws rarely).
    for (long seed = 0; seed < 8; seed++) {
      for (int[] nd : new int[][] {{2, 1}, {2, 3}, {3, 1}}) {
        Dataset x = data(seed, nd[0], nd[1]);
        PcaModel m = Pca.components(Math.min(nd[0], nd[1])).whiten(true).fit(x);
        PcaModel back = PcaModel.fromState(m.state());
        assertEquals(m.state(), back.state());
        assertArrayEquals(m.transform(x).toArray(), back.transform(x).toArray());
      }
    }
  }

  @Test
  void stateHoldsTheFit() {
    PcaModel m = model();
    PcaModel.State s = m.state();
    assertEquals(5, s.sampleCount());
    assertEquals(List.of("a", "b", "c"), s.columnNames());
    assertArrayEquals(m.mean(), s.mean());
    assertArrayEquals(m.explainedVariance(), s.explainedVariance());
    assertArrayEquals(m.explainedVarianceRatio(), s.explainedVarianceRatio());
    assertArrayEquals(m.singularValues(), s.singularValues());
    double[][] c = m.components();
    assertArrayEquals(c[1], Arrays.copyOfRange(s.components(), 3, 6));
    assertEquals(Pca.Solver.SVD, s.solver());
    assertThrows(UnsupportedOperationException.class, () -> s.columnNames().set(0, "z"));
  }

  @Test
  void rejectsBrokenStates() {
    PcaModel.State good = model().state();
    assertThrows(IllegalArgumentException.class, () -> PcaModel.fromState(null));
    Edit e = new Edit(good);
    e.n = 1;
    assertRejected("sampleCount must be >= 2, got 1", e.state());
    e = new Edit(good);
    e.n = 2; // min(n, d) = 2 still allows k = 2, but the singular values no longer match the variances
    assertRejected("singularValues[0]^2 / (sampleCount - 1)", e.state());
    e = new Edit(good);
    e.solver = Pca.Solver.AUTO;
    assertRejected("solver must be the solver that ran", e.state());
    e = new Edit(good);
    e.mean = new double[0];
    assertRejected("mean must have at least one value", e.state());
    e = new Edit(good);
    e.mean[1] = Double.NaN;
    assertRejected("mean[1] must be finite, got NaN", e.state());
    e = new Edit(good);
    e.names = List.of("a", "b");
    assertRejected("columnNames must have one name per column (3), got 2", e.state());
    e = new Edit(good);
    e.names = List.of("a", "b", "a");
    assertRejected("columnNames must be distinct", e.state());
    e = new Edit(good);
    e.names = Arrays.asList("a", null, "c");
    assertRejected("columnNames[1] must not be null", e.state());
    e = new Edit(good);
    e.ev = new double[0];
    assertRejected("explainedVariance must have between 1 and min(sampleCount, dimension) = 3", e.state());
    e = new Edit(good);
    e.ev[1] = Double.POSITIVE_INFINITY;
    assertRejected("explainedVariance[1] must be finite, got Infinity", e.state());
    e = new Edit(good);
    e.ev[1] = -1;
    assertRejected("explainedVariance[1] must be >= 0, got -1.0", e.state());
    e = new Edit(good);
    e.ev[1] = e.ev[0] * 2;
    assertRejected("explainedVariance must be non-increasing", e.state());
    e = new Edit(good);
    e.ratio = new double[] {0.5};
    assertRejected("explainedVarianceRatio must have one value per component (2), got 1", e.state());
    e = new Edit(good);
    e.ratio[0] = 1.5;
    assertRejected("explainedVarianceRatio[0] must be in [0, 1], got 1.5", e.state());
    e = new Edit(good);
    e.ratio = new double[] {0.7, 0.6};
    assertRejected("explainedVarianceRatio must sum to at most 1", e.state());
    e = new Edit(good);
    e.sv[0] = -e.sv[0];
    assertRejected("singularValues[0] must be >= 0", e.state());
    e = new Edit(good);
    e.sv[1] *= 1.01;
    assertRejected("singularValues[1]^2 / (sampleCount - 1)", e.state());
    e = new Edit(good);
    e.noise = Double.NaN;
    assertRejected("noiseVariance must be >= 0 and finite, got NaN", e.state());
    e = new Edit(good);
    e.noise = -0.5;
    assertRejected("noiseVariance must be >= 0 and finite, got -0.5", e.state());
    e = new Edit(good);
    e.components = Arrays.copyOf(e.components, 5);
    assertRejected("components must hold k * dimension = 2 * 3 = 6 values, got 5", e.state());
    e = new Edit(good);
    e.components[4] = Double.NaN;
    assertRejected("components[4] must be finite, got NaN", e.state());
    e = new Edit(good);
    e.components[0] *= 1.001;
    assertRejected("components must be orthonormal rows, but row 0 . row 0", e.state());
    e = new Edit(good);
    System.arraycopy(e.components, 0, e.components, 3, 3);
    assertRejected("components must be orthonormal rows, but row 1 . row 0", e.state());
    // Lengths and finiteness of the singular values and ratios are checked before their relations: a short array
    // used to be read past its end (ArrayIndexOutOfBoundsException), a long one was accepted.
    e = new Edit(good);
    e.sv = new double[] {e.sv[0]};
    assertRejected("singularValues must have one value per component (2), got 1", e.state());
    e = new Edit(good);
    e.sv = Arrays.copyOf(e.sv, 3);
    assertRejected("singularValues must have one value per component (2), got 3", e.state());
    e = new Edit(good);
    e.sv[1] = Double.POSITIVE_INFINITY;
    assertRejected("singularValues[1] must be finite, got Infinity", e.state());
    e = new Edit(good);
    e.ratio[1] = Double.NaN;
    assertRejected("explainedVarianceRatio[1] must be finite, got NaN", e.state());
    // The singular values must match the variances to 1e-9 of the largest variance, whatever its size: the same
    // state scaled by 1e-12 (variances by 1e-12, singular values by 1e-6), with one singular value 1% off.
    e = new Edit(good);
    for (int j = 0; j < e.ev.length; j++) {
      e.ev[j] *= 1e-12;
      e.sv[j] *= 1e-6;
    }
    e.noise *= 1e-12;
    PcaModel.fromState(e.state());
    e.sv[1] *= 1.01;
    assertRejected("singularValues[1]^2 / (sampleCount - 1)", e.state());
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> new PcaModel.State(5, false, Pca.Solver.SVD, null, new double[1], new double[1], new double[1],
            new double[1], new double[1], 0));
    assertTrue(x.getMessage().contains("columnNames must not be null"), x.getMessage());
  }
  @Test
  void stateReportsTheConfigurationAndComparesEveryField() {
    Dataset x = data(7, 20, 4);
    PcaModel plain = Pca.components(2).solver(Pca.Solver.SVD).fit(x);
    PcaModel white = Pca.components(2).whiten(true).solver(Pca.Solver.SVD).fit(x);
    assertTrue(white.whitened());
    assertTrue(!plain.whitened());
    assertTrue(white.state().whiten());
    assertTrue(!plain.state().whiten());
    assertTrue(plain.noiseVariance() > 0, "two of four components left out");
    assertEquals(plain.noiseVariance(), plain.state().noiseVariance());
    assertEquals(plain.state(), plain.state());
    assertEquals(plain.state().hashCode(), plain.state().hashCode());
    assertTrue(!plain.state().equals(white.state()), "whiten differs");
    assertTrue(!plain.state().equals(Pca.components(1).solver(Pca.Solver.SVD).fit(x).state()), "k differs");
    assertTrue(!plain.state().equals(null));
    assertTrue(plain.state().toString().startsWith("PcaModel.State[n=20, d=4, components=2, whiten=false"),
        plain.state()::toString);
    assertTrue(white.toString().startsWith("PcaModel[n=20, d=4, components=2, whiten=true"), white::toString);
  }
}
