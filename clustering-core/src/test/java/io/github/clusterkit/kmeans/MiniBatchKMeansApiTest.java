package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The configuration, error messages, edge cases and model of {@link MiniBatchKMeans}; expectations are exact by
 * construction (the documented defaults and rules, closed forms).
 */
class MiniBatchKMeansApiTest {

  private static double[][] blobs(long seed, int n, int d) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        x[i][t] = (i % 3) * 10 + rng.nextGaussian();
      }
    }
    return x;
  }

  private static void assertMessage(String expected, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(expected, ex.getMessage());
  }

  @Test
  void defaults() {
    // The documented defaults (MiniBatchKMeans.k's Javadoc: scikit-learn 1.2.1's where it has them).
    MiniBatchKMeans m = MiniBatchKMeans.k(3);
    assertEquals(3, m.k());
    assertEquals(0L, m.seed());
    assertEquals(1024, m.batchSize());
    assertEquals(100, m.maxIterations());
    assertEquals(0, m.initSize());
    assertEquals(KMeansInit.PLUS_PLUS, m.init());
    assertNull(m.initialCentroids());
    assertEquals(1, m.restarts());
    assertEquals(0.01, m.reassignmentRatio());
    assertEquals(10, m.maxNoImprovement());
    assertEquals(0.0, m.tolerance());
    assertEquals(1, m.parallelism());
    assertEquals("MiniBatchKMeans[k=3, seed=0, batchSize=1024, maxIterations=100, initSize=0, init=PLUS_PLUS,"
        + " restarts=1, reassignmentRatio=0.01, maxNoImprovement=10, tolerance=0.0, parallelism=1]", m.toString());
  }

  @Test
  void badSettingsNameParameterRuleAndValue() {
    MiniBatchKMeans m = MiniBatchKMeans.k(2);
    assertMessage("k must be >= 1, got 0", () -> MiniBatchKMeans.k(0));
    assertMessage("batchSize must be >= 1, got 0", () -> m.batchSize(0));
    assertMessage("maxIterations must be >= 1, got 0", () -> m.maxIterations(0));
    assertMessage("initSize must be >= 0 (0: the default), got -1", () -> m.initSize(-1));
    assertMessage("restarts must be >= 1, got 0", () -> m.restarts(0));
    assertMessage("reassignmentRatio must be in [0, 1], got NaN", () -> m.reassignmentRatio(Double.NaN));
    assertMessage("reassignmentRatio must be in [0, 1], got -0.1", () -> m.reassignmentRatio(-0.1));
    assertMessage("reassignmentRatio must be in [0, 1], got 1.5", () -> m.reassignmentRatio(1.5));
    assertMessage("reassignmentRatio must be in [0, 1], got Infinity",
        () -> m.reassignmentRatio(Double.POSITIVE_INFINITY));
    assertMessage("maxNoImprovement must be >= 0 (0: off), got -1", () -> m.maxNoImprovement(-1));
    assertMessage("tolerance must be finite and >= 0, got NaN", () -> m.tolerance(Double.NaN));
    assertMessage("tolerance must be finite and >= 0, got Infinity", () -> m.tolerance(Double.POSITIVE_INFINITY));
    assertMessage("parallelism must be >= 1, got 0", () -> m.parallelism(0));
    assertMessage("init must not be null", () -> m.init(null));
    assertMessage("initialCentroids must have k = 2 rows, got 1", () -> m.initialCentroids(new double[][] {{1}}));
    assertMessage("initialCentroids must be finite, got NaN at row 1, column 0",
        () -> m.initialCentroids(new double[][] {{1}, {Double.NaN}}));
    assertMessage("initialCentroids row 1 must have 1 columns like row 0, got 2",
        () -> m.initialCentroids(new double[][] {{1}, {2, 3}}));
  }

  @Test
  void badFitInput() {
    Dataset data = Dataset.of(new double[][] {{0}, {0}, {1}});
    assertMessage("data must not be null", () -> MiniBatchKMeans.k(1).fit(null));
    assertMessage("k must be <= the number of distinct rows (2), got 3", () -> MiniBatchKMeans.k(3).fit(data));
    assertMessage("weights must not be null", () -> MiniBatchKMeans.k(1).fit(data, null));
    assertMessage("weights must have one entry per row (n = 3), got 2",
        () -> MiniBatchKMeans.k(1).fit(data, new double[] {1, 1}));
    assertMessage("weights must be finite and >= 0, got -1.0 at index 2",
        () -> MiniBatchKMeans.k(1).fit(data, new double[] {1, 1, -1}));
    assertMessage("weights must be finite and >= 0, got NaN at index 0",
        () -> MiniBatchKMeans.k(1).fit(data, new double[] {Double.NaN, 1, 1}));
    assertMessage("weights must not all be zero", () -> MiniBatchKMeans.k(1).fit(data, new double[3]));
    assertMessage("k must be <= the number of distinct rows with positive weight (1), got 2",
        () -> MiniBatchKMeans.k(2).fit(data, new double[] {1, 1, 0}));
    assertMessage("initialCentroids must have d = 1 columns like the data, got 2",
        () -> MiniBatchKMeans.k(1).initialCentroids(new double[][] {{1, 2}}).fit(data));
  }

  @Test
  void equalityByContent() {
    Supplier<List<MiniBatchKMeans>> build = () -> List.of(MiniBatchKMeans.k(2), MiniBatchKMeans.k(3),
        MiniBatchKMeans.k(2).seed(1), MiniBatchKMeans.k(2).batchSize(5), MiniBatchKMeans.k(2).maxIterations(7),
        MiniBatchKMeans.k(2).initSize(9), MiniBatchKMeans.k(2).init(KMeansInit.RANDOM),
        MiniBatchKMeans.k(2).initialCentroids(new double[][] {{0}, {1}}), MiniBatchKMeans.k(2).restarts(3),
        MiniBatchKMeans.k(2).reassignmentRatio(0), MiniBatchKMeans.k(2).maxNoImprovement(0),
        MiniBatchKMeans.k(2).tolerance(1e-3), MiniBatchKMeans.k(2).parallelism(2));
    List<MiniBatchKMeans> a = build.get();
    List<MiniBatchKMeans> b = build.get();
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (i == j) {
          assertEquals(a.get(i), b.get(j));
          assertEquals(a.get(i).hashCode(), b.get(j).hashCode());
        } else {
          assertNotEquals(a.get(i), b.get(j), a.get(i) + " vs " + b.get(j));
        }
      }
      assertFalse(a.get(i).equals(null));
    }
    // Under explicit centroids the strategy can never act again, so it does not count.
    double[][] c = {{0}, {1}};
    assertEquals(MiniBatchKMeans.k(2).initialCentroids(c),
        MiniBatchKMeans.k(2).init(KMeansInit.RANDOM).initialCentroids(c));
  }

  @Test
  void callerArraysAreNotModifiedAndModelIsAKMeansModel() {
    double[][] x = blobs(3, 600, 2);
    double[][] copy = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      copy[i] = x[i].clone();
    }
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 2.0);
    double[][] init = {{0, 0}, {10, 10}, {20, 20}};
    KMeansModel m = MiniBatchKMeans.k(3).initialCentroids(init).batchSize(50).fit(Dataset.of(x), w.clone());
    assertArrayEquals(copy, x);
    assertArrayEquals(new double[][] {{0, 0}, {10, 10}, {20, 20}}, init);
    // The three blobs (rows i % 3 around 10 (i % 3)) are found: every row's label is its blob's.
    int[] labels = m.labels();
    for (int i = 0; i < x.length; i++) {
      assertEquals(i % 3, labels[i], "row " + i);
    }
    // A KMeansModel: its state round trip predicts the same (the kernel reported is LLOYD, a state rule allows it).
    KMeansModel back = KMeansModel.fromState(m.state());
    assertArrayEquals(m.predict(Dataset.of(x)), back.predict(Dataset.of(x)));
    assertEquals(KMeansAlgorithm.LLOYD, m.algorithm());
    // Weights of 2 everywhere: the same centroids as unit weights (the update is invariant), twice the inertia.
    KMeansModel unit = MiniBatchKMeans.k(3).initialCentroids(init).batchSize(50).fit(Dataset.of(x));
    assertArrayEquals(unit.centroids(), m.centroids());
    assertEquals(2 * unit.inertia(), m.inertia());
  }

  @Test
  void tinyPositiveWeightsGiveFiniteCentroids() {
    // Review: the rows of blob 2 weigh 2^-1050, the others 1. Each centroid's count is then a sum of 2^-1050 terms,
    // below 2^-1024, where 1 / count overflows to infinity: the update's (c count + sum w x) * (1 / count) made that
    // centroid infinite or NaN (scikit-learn 1.2.1's arithmetic does the same). The blobs are 14 standard deviations
    // apart and the initial centroids their centres, so every row always goes to its own blob's centroid; a
    // centroid whose rows all weigh the same w is the running mean of its rows whatever w (w cancels in
    // (c w N + w sum x) / (w (N + m))). With no reassignment and no early stop (which alone look at the weights),
    // the fit equals the unit-weight fit: to 1e-9 here, as 20 * 2^-1050 keeps 28 bits below 2^-1074.
    double[][] x = blobs(13, 600, 2);
    double[] w = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      w[i] = i % 3 == 2 ? Math.scalb(1.0, -1050) : 1.0;
    }
    MiniBatchKMeans cfg = MiniBatchKMeans.k(3).initialCentroids(new double[][] {{0, 0}, {10, 10}, {20, 20}})
        .batchSize(50).reassignmentRatio(0).maxNoImprovement(0);
    KMeansModel tiny = cfg.fit(Dataset.of(x), w);
    KMeansModel unit = cfg.fit(Dataset.of(x));
    assertArrayEquals(unit.labels(), tiny.labels());
    double[][] ct = tiny.centroids();
    double[][] cu = unit.centroids();
    for (int j = 0; j < 3; j++) {
      assertArrayEquals(cu[j], ct[j], 1e-9, "centroid " + j);
    }
    // The updater's step is the same: a batch of such weights alone.
    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(1).initialCentroids(new double[][] {{0, 0}}).updater();
    u.update(Dataset.of(new double[][] {{20, 0}, {21, 0}}), new double[] {1e-310, 1e-310});
    assertArrayEquals(new double[] {20.5, 0}, u.centroids()[0], 1e-9);
  }

  @Test
  void updaterRefusesWeightsAboveTheUnscaledRange() {
    // Review: an updater does not rescale (counts carry over from batch to batch), and batch values above 2^201 were
    // refused but weights were not: two rows of weight 1e308 in a centroid make its count overflow to infinity and
    // the centroid NaN (1 / count = 0 times an infinite sum). The bound is the fit's (Scale.LIMIT): weights below
    // 2^201 keep every count and weighted sum finite.
    double[][] x = {{0, 0}, {0, 1}, {10, 10}, {10, 11}};
    double[] w = {1, 1, 1e308, 1e308};
    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(2).initialCentroids(new double[][] {{0, 0}, {10, 10}})
        .reassignmentRatio(0).updater();
    assertMessage("weights must be below 2^201 (about 3e60) in an updater, got 1.0E308 at index 2; divide every"
        + " batch's weights by the same factor first (the centroids do not change)",
        () -> u.update(Dataset.of(x), w));
    assertEquals(0, u.steps());
    // Just below the bound: finite, each centroid the mean of its two rows (no reassignment: centroid 0's count, 2,
    // is below 0.01 times the other's).
    double[] big = {1, 1, Math.nextDown(Math.scalb(1.0, 201)), Math.nextDown(Math.scalb(1.0, 201))};
    u.update(Dataset.of(x), big);
    assertArrayEquals(new double[][] {{0, 0.5}, {10, 10.5}}, u.centroids());
  }

  @Test
  void updaterRefusesBatchesBelowTheUnscaledRange() {
    // Review: batches are not rescaled, and values near 1e-170 have squared distances (1e-340) that underflow to 0:
    // every row tied with every centroid and went to centroid 0 (labels 0, 0, 0, 0, 0, 0 for the three pairs below,
    // where a fit, which rescales, separates the pairs). Such a batch is now refused, as one above 2^201 is.
    double[][] x = {{0, 0}, {0, 1}, {10, 10}, {10, 11}, {20, 0}, {21, 0}};
    double[][] tiny = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      for (int t = 0; t < 2; t++) {
        tiny[i][t] = x[i][t] * 1e-170;
      }
    }
    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(3).seed(1).updater();
    assertMessage("batch values must have their largest magnitude at least 2^-200 (about 6e-61) unless all zero, got"
        + " 2.1E-169; rescale the data first, e.g. with StandardScaler", () -> u.update(Dataset.of(tiny)));
    assertEquals(0, u.steps());
    // The bound itself and an all-zero batch (beside explicit centroids) are accepted.
    u.update(Dataset.of(new double[][] {{Math.scalb(1.0, -200), 0}, {0, 0}, {0, Math.scalb(1.0, -200)}}));
    assertEquals(1, u.steps());
    MiniBatchKMeans.Updater z = MiniBatchKMeans.k(1).initialCentroids(new double[][] {{1, 1}}).updater();
    z.update(Dataset.of(new double[][] {{0, 0}}));
    assertArrayEquals(new double[][] {{0, 0}}, z.centroids());
  }

  @Test
  void kOneIsTheRunningMeanOfTheBatches() {
    // One centroid absorbs every batch row: after the updater's batches it is the mean of all rows fed, whatever
    // the seeding (exact up to rounding: 1e-12).
    double[][] x = blobs(5, 300, 3);
    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(1).updater();
    double[] mean = new double[3];
    for (int b = 0; b < 3; b++) {
      u.update(Dataset.of(java.util.Arrays.copyOfRange(x, b * 100, b * 100 + 100)));
    }
    for (double[] row : x) {
      for (int t = 0; t < 3; t++) {
        mean[t] += row[t] / x.length;
      }
    }
    assertArrayEquals(mean, u.centroids()[0], 1e-12);
    assertArrayEquals(new double[] {300}, u.counts());
    // model(): the last batch's labels (all 0) and its inertia against the final centroid.
    KMeansModel last = u.model();
    assertEquals(100, last.labels().length);
    assertEquals(3, last.iterations());
    assertFalse(last.converged());
  }

  @Test
  void powerOfTwoScalingIsExact() {
    // Data times 2^250 are fitted at a magnitude of 2^200; the scaling is exact, so the result is the unscaled one
    // times 2^250 (inertia times 2^500), bit for bit.
    double[][] x = blobs(7, 900, 2);
    double[][] big = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      for (int t = 0; t < 2; t++) {
        big[i][t] = Math.scalb(x[i][t], 250);
      }
    }
    MiniBatchKMeans cfg = MiniBatchKMeans.k(4).seed(3).batchSize(100).tolerance(1e-4).restarts(2);
    KMeansModel a = cfg.fit(Dataset.of(x));
    KMeansModel b = cfg.fit(Dataset.of(big));
    assertArrayEquals(a.labels(), b.labels());
    double[][] ca = a.centroids();
    double[][] cb = b.centroids();
    for (int j = 0; j < 4; j++) {
      for (int t = 0; t < 2; t++) {
        assertEquals(Math.scalb(ca[j][t], 250), cb[j][t]);
      }
    }
    assertEquals(Math.scalb(a.inertia(), 500), b.inertia());
  }

  @Test
  void explicitCentroidsFarBeyondScaledDataStayFinite() {
    // Review: rows times 2^-830 are fitted scaled up by 2^1026 (Scale), and initial centroids at (1, 1) and (2, 2),
    // scaled with them, overflow to infinity. Every row then tied with both, went to centroid 0, whose update
    // (infinity * count 0 + sum) made it NaN (NaN centroids and inertia); and a centroid that never wins (batch of 1
    // row: no reassignment) came back infinite, not at its initial position as documented. The oracle is the same
    // fit at normal magnitude, rows unscaled and centroids at 2^830 (2^831): finite, but at an infinite squared
    // distance from every row, as the scaled ones are; power-of-two scaling is exact, so the two agree bit for bit.
    double[][] x = blobs(17, 300, 2);
    double[][] tiny = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      for (int t = 0; t < 2; t++) {
        tiny[i][t] = Math.scalb(x[i][t], -830);
      }
    }
    double big = Math.scalb(1.0, 830);
    for (MiniBatchKMeans cfg : List.of(MiniBatchKMeans.k(2).seed(4).batchSize(30),
        MiniBatchKMeans.k(2).seed(4).batchSize(1))) {
      KMeansModel a = cfg.initialCentroids(new double[][] {{1, 1}, {2, 2}}).fit(Dataset.of(tiny));
      KMeansModel b = cfg.initialCentroids(new double[][] {{big, big}, {2 * big, 2 * big}}).fit(Dataset.of(x));
      assertArrayEquals(b.labels(), a.labels(), cfg.toString());
      double[][] ca = a.centroids();
      double[][] cb = b.centroids();
      for (int j = 0; j < 2; j++) {
        for (int t = 0; t < 2; t++) {
          assertEquals(Math.scalb(cb[j][t], -830), ca[j][t], cfg + " centroid " + j);
        }
      }
      assertEquals(Math.scalb(b.inertia(), -1660), a.inertia());
    }
  }

  @Test
  void fitStopsEarlyOnLackOfImprovementAndReportsPasses() {
    // 3000 rows, batch 100: at most 100 * 3000 / 100 = 3000 steps; well separated blobs stop far earlier.
    KMeansModel m = MiniBatchKMeans.k(3).batchSize(100).fit(Dataset.of(blobs(11, 3000, 2)));
    assertTrue(m.converged());
    assertTrue(m.iterations() >= 1 && m.iterations() < 100, "passes " + m.iterations());
    // Without the early stop every step runs: maxIterations passes exactly (3 * 3000 / 100 steps of 100 rows).
    KMeansModel all = MiniBatchKMeans.k(3).batchSize(100).maxIterations(3).maxNoImprovement(0)
        .fit(Dataset.of(blobs(11, 3000, 2)));
    assertFalse(all.converged());
    assertEquals(3, all.iterations());
  }

  @Test
  void updaterRules() {
    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(2).updater();
    assertEquals(0, u.steps());
    IllegalStateException e = assertThrows(IllegalStateException.class, u::model);
    assertEquals("no batch has been fed yet: call update first", e.getMessage());
    assertThrows(IllegalStateException.class, u::centroids);
    assertThrows(IllegalStateException.class, u::counts);
    assertMessage("batch must not be null", () -> u.update(null));
    assertMessage("the first batch must have at least k = 2 distinct rows to initialise from, got 1",
        () -> u.update(Dataset.of(new double[][] {{1, 1}, {1, 1}})));
    assertMessage("batch values must have magnitude below 2^201 (about 3e60), got 1.0E100; rescale the data first,"
        + " e.g. with StandardScaler", () -> u.update(Dataset.of(new double[][] {{1e100, 1}, {1, 1}})));
    Dataset named = Dataset.of(new double[][] {{0, 0}, {1, 1}, {5, 5}}, List.of("a", "b"));
    u.update(named);
    assertMessage("batch must have dimension 2 like the first batch, got 1",
        () -> u.update(Dataset.of(new double[][] {{1}})));
    IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
        () -> u.update(Dataset.of(new double[][] {{1, 1}}, List.of("b", "a"))));
    assertTrue(names.getMessage().startsWith("batch's columns must match the first batch's: first batch [a, b], got"
        + " [b, a]"), names.getMessage());
    // Unnamed batches are not checked.
    u.update(Dataset.of(new double[][] {{1, 1}}));
    assertEquals(2, u.steps());
    assertEquals(List.of("a", "b"), u.model().columnNames());
    assertMessage("data must have dimension 2 like the batches, got 1",
        () -> u.model(Dataset.of(new double[][] {{1}})));
    // With explicit centroids one row suffices for the first batch. Row 1 goes to centroid 0 (count 0 -> 1: the
    // centroid becomes the row). Centroid 1 has count 0, so a reassignment is due, but at most floor(b / 2) = 0
    // centroids may move (scikit-learn's cap): it stays, count 0.
    MiniBatchKMeans.Updater v = MiniBatchKMeans.k(2).initialCentroids(new double[][] {{0}, {4}}).updater();
    v.update(Dataset.of(new double[][] {{1}}));
    assertArrayEquals(new double[][] {{1}, {4}}, v.centroids());
    assertArrayEquals(new double[] {1, 0}, v.counts());
    // Two rows: both go to centroid 0 (now their mean, 1.25, count 2); centroid 1 (count 0 < 0.01 * 2) moves to one
    // of the batch rows and takes the smallest other count, 2.
    MiniBatchKMeans.Updater r = MiniBatchKMeans.k(2).initialCentroids(new double[][] {{0}, {4}}).updater();
    r.update(Dataset.of(new double[][] {{1}, {1.5}}));
    double[][] c = r.centroids();
    assertEquals(1.25, c[0][0]);
    assertTrue(c[1][0] == 1 || c[1][0] == 1.5, "reassigned to " + c[1][0]);
    assertArrayEquals(new double[] {2, 2}, r.counts());
  }
}
