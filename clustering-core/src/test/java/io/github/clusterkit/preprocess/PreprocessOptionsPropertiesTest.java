package io.github.clusterkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the scikit-learn options on random tables (seeded by jqwik). The oracles are exact: the definitions
 * of the options (clipping to the range, the rows of a one-hot block, which values an indicator marks) and the plain
 * steps they must agree with bit for bit where the option does not act.
 */
class PreprocessOptionsPropertiesTest {

  /** A column of {@code n} values: random magnitudes and signs, some zeros, some missing (not row 0). */
  private static double[] values(Rng rng, int n) {
    double scale = Math.exp(rng.uniform(-20, 20));
    double shift = rng.nextInt(3) == 0 ? 0 : rng.uniform(-1e3, 1e3) * scale;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(10);
      v[i] = i > 0 && kind == 0 ? Double.NaN : kind == 1 ? 0.0 : kind == 2 ? -0.0 : shift + scale * rng.nextGaussian();
    }
    return v;
  }

  /**
   * Clipped output lies in the target range, always (new values far beyond the fitted range included, up to
   * {@code 1e308}), and equals the unclipped output wherever that lies in the range, bit for bit.
   */
  @Property(tries = 200)
  void clippedOutputLiesInTheRange(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Rng rng = new Rng(seed);
    double lo = rng.nextInt(4) == 0 ? 0 : rng.uniform(-100, 100);
    double hi = lo + Math.exp(rng.uniform(-10, 10));
    Table fit = Table.builder().numeric("x", values(rng, n)).build();
    double[] fresh = values(rng, 2 * n);
    for (int i = 0; i < fresh.length; i += 5) {
      fresh[i] = (rng.nextInt(2) == 0 ? -1 : 1) * Math.exp(rng.uniform(0, 709)); // far beyond, up to about 8e307
    }
    Table t = Table.builder().numeric("x", fresh).build();
    double[] clipped = new MinMaxScaler().range(lo, hi).clip(true).fit(fit).transform(t).numeric("x");
    MinMaxScaler.Fitted plain = new MinMaxScaler().range(lo, hi).fit(fit);
    for (int i = 0; i < fresh.length; i++) {
      double c = clipped[i];
      if (Double.isNaN(fresh[i])) {
        assertTrue(Double.isNaN(c), "missing stays missing");
        continue;
      }
      assertTrue(c >= lo && c <= hi, () -> c + " outside [" + lo + ", " + hi + "]");
      double[] one = {fresh[i]};
      double u;
      try {
        u = plain.transform(Table.builder().numeric("x", one).build()).numeric("x")[0];
      } catch (IllegalArgumentException beyond) {
        assertTrue(c == lo || c == hi, "a result beyond the double range maps to a bound");
        continue;
      }
      if (u >= lo && u <= hi) {
        assertEquals(Double.doubleToRawLongBits(u == 0 && (lo == 0 || hi == 0) ? c : u),
            Double.doubleToRawLongBits(c), "unchanged inside the range");
      } else {
        assertEquals(u < lo ? lo : hi, c, "clipped to the nearer bound");
      }
    }
  }

  /**
   * In every one-hot block each row sums to 1 or 0, exactly as scikit-learn's: 0 exactly when the row's category is
   * the dropped one (the first of its column under FIRST, of a two-category column under IF_BINARY) or unknown
   * (IGNORE); the kept columns equal those of the encoder without drop, bit for bit.
   */
  @Property(tries = 200)
  void oneHotBlockRowsSumToOneOrZeroAsTheDropRuleSays(@ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 4) int categories, @ForAll long seed) {
    Rng rng = new Rng(seed);
    String[] fit = new String[n];
    String[] fresh = new String[n];
    for (int i = 0; i < n; i++) {
      fit[i] = "c" + rng.nextInt(categories);
      fresh[i] = rng.nextInt(5) == 0 ? (rng.nextInt(2) == 0 ? null : "unseen") : "c" + rng.nextInt(categories);
    }
    Table train = Table.builder().categorical("g", fit).build();
    Table t = Table.builder().categorical("g", fresh).build();
    OneHotEncoder.Fitted all = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).fit(train);
    Table full = all.transform(t);
    List<String> cats = all.categories().get(0);
    for (OneHotEncoder.Drop d : OneHotEncoder.Drop.values()) {
      OneHotEncoder.Fitted f = new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.IGNORE).drop(d)
          .fit(train);
      if (cats.size() == 1 && d == OneHotEncoder.Drop.FIRST) {
        // scikit-learn's output has no column; a table needs one
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.transform(t));
        assertTrue(e.getMessage().contains("drop FIRST leaves no output column"), e.getMessage());
        continue;
      }
      Table out = f.transform(t);
      String dropped = d == OneHotEncoder.Drop.FIRST || (d == OneHotEncoder.Drop.IF_BINARY && cats.size() == 2)
          ? cats.get(0) : null;
      assertEquals(java.util.Collections.singletonList(dropped), f.droppedCategories());
      List<String> expectedNames = new ArrayList<>();
      for (String c : cats) {
        if (!c.equals(dropped)) {
          expectedNames.add("g=" + c);
        }
      }
      assertEquals(expectedNames, out.columnNames(), d::toString);
      for (String name : expectedNames) {
        assertArrayEquals(full.numeric(name), out.numeric(name), name);
      }
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (String name : expectedNames) {
          double v = out.numeric(name)[i];
          assertTrue(v == 0 || v == 1);
          sum += v;
        }
        boolean zero = fresh[i] == null || !cats.contains(fresh[i]) || fresh[i].equals(dropped);
        assertEquals(zero ? 0.0 : 1.0, sum, d + " row " + fresh[i]);
      }
    }
  }

  /**
   * {@code withMean(false)} never changes a zero (nor its sign) and keeps every value's sign; {@code withStd(false)}
   * divided by the scale is the default output, bit for bit; with both off the values pass unchanged, bit for bit.
   */
  @Property(tries = 150)
  void standardScalerOptionsKeepWhatTheyPromise(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[] v = values(rng, n);
    Table t = Table.builder().numeric("x", v).build();
    StandardScaler.Fitted plain = new StandardScaler().fit(t);
    double[] noMean = new StandardScaler().withMean(false).fit(t).transform(t).numeric("x");
    double[] noStd = new StandardScaler().withStd(false).fit(t).transform(t).numeric("x");
    double[] neither = new StandardScaler().withMean(false).withStd(false).fit(t).transform(t).numeric("x");
    double[] both = plain.transform(t).numeric("x");
    double scale = plain.scales()[0];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(v[i])) {
        assertTrue(Double.isNaN(noMean[i]) && Double.isNaN(noStd[i]) && Double.isNaN(neither[i]));
        continue;
      }
      if (v[i] == 0) {
        assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(noMean[i]), "zero kept, sign too");
      } else {
        assertEquals(Math.signum(v[i]), Math.signum(noMean[i]), "sign kept");
      }
      assertEquals(Double.doubleToRawLongBits(both[i]), Double.doubleToRawLongBits(noStd[i] / scale));
    }
    assertArrayEquals(v, neither);
  }

  /**
   * An indicator is 1 exactly where its column was missing, for exactly the columns that had a gap at fit time, in
   * the table's order, after the other columns; the rest of the output is the plain imputer's, bit for bit.
   */
  @Property(tries = 150)
  void indicatorsMarkExactlyTheMissingCells(@ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll long seed) {
    Rng rng = new Rng(seed);
    Table.Builder fitB = Table.builder();
    Table.Builder newB = Table.builder();
    for (int j = 0; j < d; j++) {
      double[] v = values(rng, n);
      if (rng.nextInt(3) == 0) {
        for (int i = 0; i < n; i++) {
          v[i] = Double.isNaN(v[i]) ? 1 : v[i]; // a column without gaps at fit time
        }
      }
      fitB.numeric("x" + j, v);
      newB.numeric("x" + j, values(rng, n));
      if (rng.nextInt(2) == 0) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
          s[i] = i > 0 && rng.nextInt(4) == 0 ? null : "s" + rng.nextInt(3);
        }
        fitB.categorical("g" + j, s);
        newB.categorical("g" + j, s.clone());
      }
    }
    Table fit = fitB.build();
    Table fresh = newB.build();
    Imputer.Fitted f = Imputer.mostFrequent().addIndicator(true).fit(fit);
    Table plain = Imputer.mostFrequent().fit(fit).transform(fresh);
    Table out = f.transform(fresh);
    List<String> expected = new ArrayList<>();
    for (String c : fit.columnNames()) {
      if (fit.missingCount(c) > 0) {
        expected.add(c);
      }
    }
    assertEquals(expected, f.indicatorColumns());
    List<String> names = new ArrayList<>(plain.columnNames());
    names.addAll(f.indicatorNames());
    assertEquals(names, out.columnNames());
    assertEquals(plain, out.select(plain.columnNames()));
    for (String c : expected) {
      double[] flag = out.numeric(c + "_missing");
      for (int i = 0; i < n; i++) {
        boolean missing = fresh.type(c) == io.github.clusterkit.data.ColumnType.NUMERIC
            ? Double.isNaN(fresh.numeric(c)[i]) : fresh.categorical(c)[i] == null;
        assertEquals(missing ? 1.0 : 0.0, flag[i], c + " row " + i);
      }
    }
  }

  /**
   * The normal quantile is odd: {@code ppf(1 - p) == -ppf(p)} exactly where {@code 1 - p} is exact (AS 241 works on
   * {@code p - 0.5} and {@code min(p, 1 - p)}), and has the sign of {@code p - 0.5}.
   */
  @Property(tries = 300)
  void normalQuantileIsOdd(@ForAll @IntRange(min = 1, max = (1 << 30) - 1) int k) {
    double p = k * 0x1p-30; // 1 - p is exact
    double z = NormalQuantile.ppf(p);
    assertTrue(-z == NormalQuantile.ppf(1 - p), () -> "ppf(" + p + ") = " + z);
    assertEquals(Math.signum(p - 0.5), Math.signum(z) + 0.0, () -> "ppf(" + p + ") = " + z);
  }

  /** Rebuilding every fitted step with options from its public state gives an equal step with identical output. */
  @Property(tries = 60)
  void stateWithOptionsRoundTripsExactly(@ForAll @IntRange(min = 2, max = 30) int n, @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[] a = values(rng, n);
    double[] b = values(rng, n);
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = "g" + rng.nextInt(1 + rng.nextInt(3));
    }
    Table t = Table.builder().numeric("a", a).numeric("b", b).categorical("g", g).build();
    Pipeline p = Pipeline.of(Imputer.median().addIndicator(rng.nextInt(2) == 0),
        new RobustScaler().columns("a").unitVariance(rng.nextInt(2) == 0),
        new MinMaxScaler().columns("b").clip(rng.nextInt(2) == 0),
        new OneHotEncoder().drop(OneHotEncoder.Drop.values()[rng.nextInt(3)]),
        new StandardScaler().withMean(rng.nextInt(2) == 0).withStd(rng.nextInt(2) == 0));
    PipelineModel m = p.fit(t);
    List<FittedStep> rebuilt = new ArrayList<>();
    for (FittedStep s : m.steps()) {
      rebuilt.add(PreprocessPropertiesTest.rebuild(s));
    }
    PipelineModel back = PipelineModel.of(m.inputColumns(), m.inputTypes(), rebuilt);
    assertEquals(m, back);
    assertEquals(m.hashCode(), back.hashCode());
    assertArrayEquals(m.transform(t).toArray(), back.transform(t).toArray());
  }
}
