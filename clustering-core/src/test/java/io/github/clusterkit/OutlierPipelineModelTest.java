package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.outlier.IsolationForest;
import io.github.clusterkit.outlier.IsolationForestModel;
import io.github.clusterkit.outlier.LocalOutlierFactor;
import io.github.clusterkit.outlier.LofModel;
import io.github.clusterkit.outlier.OutlierModel;
import io.github.clusterkit.preprocess.ColumnSelector;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.OneHotEncoder;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A pipeline and the outlier detector fitted on its output, kept and applied together. */
class OutlierPipelineModelTest {

  /** Two groups of four customers and one far away, with an id column the pipeline drops. */
  private static final Table CUSTOMERS = Table.builder()
      .categorical("id", new String[] {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"})
      .numeric("income", new double[] {0, 0, 1, 1, 10, 10, 11, 11, 50})
      .numeric("spending", new double[] {0, 1, 0, 1, 10, 11, 10, 11, 50})
      .build();
  private static final PipelineModel PREP =
      Pipeline.of(ColumnSelector.drop("id"), Imputer.median(), new StandardScaler()).fit(CUSTOMERS);
  private static final Dataset X = PREP.transform(CUSTOMERS);

  private static List<OutlierModel> detectors() {
    return List.of(LocalOutlierFactor.k(3).fit(X), LocalOutlierFactor.k(3).contamination(0.2).fit(X),
        IsolationForest.trees(50).seed(7).fit(X), IsolationForest.trees(50).seed(7).contamination(0.1).fit(X));
  }

  @Test
  void scoresAreTheDetectorsScoresOfThePipelinesOutput() {
    // New customers: the id column left out, the columns in another order, an extra column; a missing cell that
    // the pipeline's imputer fills. The expected scores are the two parts applied by hand, the definition.
    Table fresh = Table.builder()
        .numeric("spending", new double[] {0.5, 10.5, Double.NaN, 49})
        .categorical("note", new String[] {"a", "b", "c", "d"})
        .numeric("income", new double[] {0.5, 10.5, 0, 49})
        .build();
    for (OutlierModel m : detectors()) {
      OutlierPipelineModel p = OutlierPipelineModel.of(PREP, m);
      assertArrayEquals(m.score(PREP.transform(fresh)), p.score(fresh), m.toString());
      assertArrayEquals(m.isOutlier(PREP.transform(fresh)), p.isOutlier(fresh), m.toString());
      assertArrayEquals(m.score(X), p.score(CUSTOMERS), m.toString());
      assertEquals(PREP.transform(fresh), p.transform(fresh));
      assertEquals(m.threshold(), p.threshold());
      assertSame(m, p.detector());
      assertSame(PREP, p.pipeline());
      assertEquals(List.of("income", "spending"), p.requiredColumns());
      assertEquals(List.of(ColumnType.NUMERIC, ColumnType.NUMERIC), p.requiredTypes());
      // the flags are the scores above the threshold
      double[] s = p.score(fresh);
      boolean[] flags = p.isOutlier(fresh);
      for (int i = 0; i < s.length; i++) {
        assertEquals(s[i] > p.threshold(), flags[i], m + " row " + i);
      }
    }
    // By hand, for LOF with k = 3 and the automatic threshold 1.5: (0.5, 0.5) and (10.5, 10.5) sit in the middle of
    // a group of four (their reachability distances are the group's own, LOF near 1); (49, 49) is about 39 * sqrt(2)
    // raw units from its three nearest customers, whose own neighbourhoods span about 1 unit: LOF far above 1.5.
    OutlierPipelineModel lof = OutlierPipelineModel.of(PREP, detectors().get(0));
    boolean[] flags = lof.isOutlier(fresh);
    assertFalse(flags[0]);
    assertFalse(flags[1]);
    assertTrue(flags[3]);
    assertTrue(lof.score(fresh)[3] > 10, () -> "LOF of (49, 49): " + lof.score(fresh)[3]);
    // An isolation forest scores a training row as a new point with the training score's arithmetic: the two agree
    // bit for bit (IsolationForestModel's documented rule), so scoring the training table gives scores().
    IsolationForestModel forest = (IsolationForestModel) detectors().get(2);
    assertArrayEquals(forest.scores(), OutlierPipelineModel.of(PREP, forest).score(CUSTOMERS));
  }

  @Test
  void aDetectorMustBeFittedOnThePipelinesOutput() {
    // Another dimension: a detector of one column.
    LofModel oneColumn = LocalOutlierFactor.k(2)
        .fit(Dataset.of(new double[][] {{0}, {1}, {5}, {6}}, List.of("income")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutlierPipelineModel.of(PREP, oneColumn));
    assertEquals("detector must be fitted on the pipeline's output: the pipeline gives 2 columns [income, spending],"
        + " the detector has dimension 1 (fitted on [income])", e.getMessage());
    // An unnamed detector of another dimension: no names to quote.
    IsolationForestModel threeColumns = IsolationForest.trees(5).seed(1)
        .fit(Dataset.of(new double[][] {{0, 0, 0}, {1, 1, 1}, {2, 2, 2}}));
    e = assertThrows(IllegalArgumentException.class, () -> OutlierPipelineModel.of(PREP, threeColumns));
    assertEquals("detector must be fitted on the pipeline's output: the pipeline gives 2 columns [income, spending],"
        + " the detector has dimension 3", e.getMessage());
    // The same dimension, other names (a detector fitted on the columns swapped).
    Dataset swapped = Dataset.of(X.toRows(), List.of("spending", "income"));
    for (OutlierModel other : List.of(LocalOutlierFactor.k(3).fit(swapped),
        IsolationForest.trees(5).seed(1).fit(swapped))) {
      e = assertThrows(IllegalArgumentException.class, () -> OutlierPipelineModel.of(PREP, other));
      assertEquals("detector must be fitted on the pipeline's output: the pipeline gives columns [income, spending],"
          + " the detector was fitted on [spending, income]", e.getMessage());
    }
    // A detector fitted without names (x0, x1) is paired on its dimension, as its own score accepts any names.
    IsolationForestModel unnamed = IsolationForest.trees(20).seed(3).fit(Dataset.of(X.toRows()));
    OutlierPipelineModel p = OutlierPipelineModel.of(PREP, unnamed);
    assertArrayEquals(unnamed.scores(), p.score(CUSTOMERS));
    e = assertThrows(IllegalArgumentException.class, () -> OutlierPipelineModel.of(null, unnamed));
    assertEquals("pipeline must not be null", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OutlierPipelineModel.of(PREP, null));
    assertEquals("detector must not be null", e.getMessage());
  }

  @Test
  void typedDetectorAndText() {
    List<OutlierModel> ds = detectors();
    OutlierPipelineModel p = OutlierPipelineModel.of(PREP, ds.get(0));
    assertSame(ds.get(0), p.detector(LofModel.class));
    assertSame(ds.get(0), p.detector(OutlierModel.class));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.detector(IsolationForestModel.class));
    assertEquals("type must be the detector's type, LofModel, got IsolationForestModel", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.detector(null));
    assertEquals("type must not be null", e.getMessage());
    OutlierPipelineModel f = OutlierPipelineModel.of(PREP, ds.get(2));
    assertSame(ds.get(2), f.detector(IsolationForestModel.class));
    e = assertThrows(IllegalArgumentException.class, () -> f.detector(LofModel.class));
    assertEquals("type must be the detector's type, IsolationForestModel, got LofModel", e.getMessage());

    // identity equality, as the models'
    assertNotEquals(p, OutlierPipelineModel.of(PREP, ds.get(0)));
    String text = p.toString();
    assertTrue(text.startsWith("OutlierPipelineModel[PipelineModel[3 inputs -> 2 outputs; "), text);
    assertTrue(text.endsWith(" -> " + ds.get(0) + "]"), text);
  }

  @Test
  void scoresOneCustomerGivenAsAMap() {
    OutlierPipelineModel p = OutlierPipelineModel.of(PREP, detectors().get(0));
    java.util.Map<String, Object> customer = new java.util.LinkedHashMap<>();
    customer.put("income", 49.0);
    customer.put("spending", null); // unknown: the pipeline's imputer gives the median of spending, 10
    // The oracle: the detector's score of the point filled and scaled by hand (median 10, the scaler's mean and
    // scale of each column).
    double[] mean = {(0 + 0 + 1 + 1 + 10 + 10 + 11 + 11 + 50) / 9.0, (0 + 1 + 0 + 1 + 10 + 11 + 10 + 11 + 50) / 9.0};
    double[] raw = {49, 10};
    double[] point = new double[2];
    for (int j = 0; j < 2; j++) {
      double[] col = CUSTOMERS.numeric(j == 0 ? "income" : "spending");
      double ss = 0;
      for (double v : col) {
        ss += (v - mean[j]) * (v - mean[j]);
      }
      point[j] = (raw[j] - mean[j]) / Math.sqrt(ss / col.length);
    }
    double expected = p.detector().score(point);
    double got = p.score(Table.ofRow(customer))[0];
    assertEquals(expected, got, 1e-12 * Math.abs(expected));
    assertEquals(expected > p.threshold(), p.isOutlier(Table.ofRow(customer))[0]);
  }

  @Test
  void switchesTheUnknownCategoryRuleKeepingTheDetector() {
    Table t = Table.builder()
        .numeric("income", new double[] {0, 0, 1, 1, 10, 10, 11, 11})
        .categorical("channel", new String[] {"web", "web", "web", "web", "shop", "shop", "shop", "shop"})
        .build();
    PipelineModel prep = Pipeline.of(new OneHotEncoder(), new StandardScaler()).fit(t);
    OutlierPipelineModel p = OutlierPipelineModel.of(prep, LocalOutlierFactor.k(3).fit(prep.transform(t)));
    Table phone = Table.builder().numeric("income", new double[] {10.5})
        .categorical("channel", new String[] {"phone"}).build();
    assertThrows(IllegalArgumentException.class, () -> p.score(phone));
    assertThrows(IllegalArgumentException.class, () -> p.isOutlier(phone));
    OutlierPipelineModel lenient = p.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE);
    assertSame(p.detector(), lenient.detector());
    assertSame(p, p.withHandleUnknown(OneHotEncoder.HandleUnknown.ERROR));
    // The oracle: the detector's own score of the switched pipeline's output (both encoder columns 0, then scaled).
    assertArrayEquals(p.detector().score(prep.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE).transform(phone)),
        lenient.score(phone));
    // A customer of a channel never seen lies between the two groups' encodings: unusual for both.
    assertTrue(lenient.isOutlier(phone)[0], () -> "LOF " + lenient.score(phone)[0]);
    assertSame(lenient, lenient.withHandleUnknown(OneHotEncoder.HandleUnknown.IGNORE));
    assertThrows(IllegalArgumentException.class, () -> p.withHandleUnknown(null));
  }

  /**
   * Mall Customers (shared data): gender encoded, age, income and spending score scaled, the id dropped. The
   * isolation forest's scores of the whole table are its training scores bit for bit and its flags are its
   * {@code outliers()}; for LOF, the scores of the table are the detector's scores of the transformed rows, and
   * reversing the rows reverses the scores.
   */
  @Test
  void mallCustomers() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    double[] id = new double[n];
    String[] gender = new String[n];
    double[] age = new double[n];
    double[] income = new double[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      id[i] = Double.parseDouble(f[0]);
      gender[i] = f[1];
      age[i] = Double.parseDouble(f[2]);
      income[i] = Double.parseDouble(f[3]);
      score[i] = Double.parseDouble(f[4]);
    }
    assertEquals(200, n);
    Table mall = Table.builder().numeric("CustomerID", id).categorical("Gender", gender).numeric("Age", age)
        .numeric("Annual Income (k$)", income).numeric("Spending Score (1-100)", score).build();
    PipelineModel prep = Pipeline.of(ColumnSelector.drop("CustomerID"), new OneHotEncoder(), new StandardScaler())
        .fit(mall);
    Dataset x = prep.transform(mall);
    IsolationForestModel forest = IsolationForest.trees(100).seed(42).contamination(0.05).fit(x);
    OutlierPipelineModel f = OutlierPipelineModel.of(prep, forest);
    assertArrayEquals(forest.scores(), f.score(mall));
    boolean[] flags = f.isOutlier(mall);
    int[] flagged = java.util.stream.IntStream.range(0, n).filter(i -> flags[i]).toArray();
    assertArrayEquals(forest.outliers(), flagged);
    // contamination 0.05: the threshold leaves 5% of the 200 training rows above it (ties aside)
    assertEquals(10, flagged.length);

    LofModel lof = LocalOutlierFactor.k(20).contamination(0.05).fit(x);
    OutlierPipelineModel l = OutlierPipelineModel.of(prep, lof);
    double[] s = l.score(mall);
    assertArrayEquals(lof.score(x), s);
    int[] reversed = new int[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = n - 1 - i;
    }
    double[] back = l.score(mall.rows(reversed));
    for (int i = 0; i < n; i++) {
      assertEquals(s[i], back[n - 1 - i], "row " + i);
    }
  }

  /**
   * Thread-safety: eight threads scoring and flagging the same table at once through one object (a LOF and a forest
   * fitted with two threads) get what one thread gets.
   */
  @Test
  void scoresFromSeveralThreadsAtOnce() throws Exception {
    Table fresh = Table.builder()
        .numeric("income", new double[] {0.5, 10.5, 0, 49, 30, 5})
        .numeric("spending", new double[] {0.5, 10.5, Double.NaN, 49, 2, 5})
        .build();
    for (OutlierModel m : List.of(LocalOutlierFactor.k(3).parallelism(2).fit(X),
        IsolationForest.trees(30).seed(2).parallelism(2).fit(X))) {
      OutlierPipelineModel p = OutlierPipelineModel.of(PREP, m);
      double[] expected = p.score(fresh);
      boolean[] flags = p.isOutlier(fresh);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        for (int t = 0; t < 32; t++) {
          runs.add(pool.submit(() -> {
            assertArrayEquals(expected, p.score(fresh));
            assertArrayEquals(flags, p.isOutlier(fresh));
          }));
        }
        for (java.util.concurrent.Future<?> r : runs) {
          r.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Generated tables (two numeric columns with missing cells, a category): for any seed, the pipeline's scores and
   * flags are the detector's of the transformed rows, a permutation of the rows permutes them, and the table's column
   * order and extra columns do not matter.
   */
  @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
  void scoresFollowTheRowsNotTheirOrder(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int n = 12 + rng.nextInt(30);
    double[] a = new double[n];
    double[] b = new double[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextInt(9) == 0 ? Double.NaN : rng.nextGaussian() * 3;
      b[i] = rng.nextGaussian() + (i % 3) * 5;
      c[i] = rng.nextInt(2) == 0 ? "web" : "shop";
    }
    c[0] = "web";
    c[1] = "shop";
    Table t = Table.builder().numeric("a", a).categorical("c", c).numeric("b", b).build();
    PipelineModel prep = Pipeline.of(Imputer.median(), new OneHotEncoder(), new StandardScaler()).fit(t);
    Dataset x = prep.transform(t);
    OutlierModel m = rng.nextInt(2) == 0 ? LocalOutlierFactor.k(1 + rng.nextInt(Math.min(n - 1, 10))).fit(x)
        : IsolationForest.trees(10 + rng.nextInt(20)).seed(seed).fit(x);
    OutlierPipelineModel p = OutlierPipelineModel.of(prep, m);
    double[] s = p.score(t);
    assertArrayEquals(m.score(x), s);
    assertArrayEquals(m.isOutlier(x), p.isOutlier(t));
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    double[] ps = p.score(t.rows(perm));
    boolean[] pf = p.isOutlier(t.rows(perm));
    for (int i = 0; i < n; i++) {
      assertEquals(s[perm[i]], ps[i]);
      assertEquals(s[perm[i]] > p.threshold(), pf[i]);
    }
    Table reordered = Table.builder().categorical("note", c).numeric("b", b).numeric("a", a).categorical("c", c)
        .build();
    assertArrayEquals(s, p.score(reordered));
  }
}
