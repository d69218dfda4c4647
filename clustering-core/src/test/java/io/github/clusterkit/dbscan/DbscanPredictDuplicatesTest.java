package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prediction on duplicate-heavy models: the index of {@link DbscanModel} holds each distinct core point once, and
 * every answer must still be the rule's (nearest core point within eps, ties: the smaller label), checked against a
 * brute-force oracle over every core point of the state, copies included.
 */
class DbscanPredictDuplicatesTest {

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void predictingCopiesOfOneCorePointDoesNotMeasureEveryCopy() {
    // 100,000 copies of (1.5, 1.5): all core (minPts 5), one cluster. Each prediction listed and measured every core
    // copy within eps: 2 * 10^10 distances for the two passes below (95 s); now one per query (0.25 s). The timeout
    // is a safety net only.
    int n = 100_000;
    double[] x = new double[2 * n];
    Arrays.fill(x, 1.5);
    DbscanModel m = Dbscan.eps(0.5).minPts(5).fit(Dataset.wrap(x, n, 2));
    // exact computation: every row has n rows at distance 0, so all are core and in cluster 0
    assertEquals(n, m.coreCount());
    int[] zeros = new int[n];
    assertArrayEquals(zeros, m.predict(Dataset.wrap(x, n, 2)));
    double[] q = {1.5, 1.8}; // 0.3 from every copy: within eps, n >= minPts - 1 core points there
    for (int i = 0; i < n; i++) {
      assertEquals(0, m.predict(q));
    }
    assertEquals(new Assignment(0, Assignment.Kind.CORE_LIKE, 0.30000000000000004), m.assign(q)); // fl(1.8 - 1.5)
  }

  @Test
  void copiesOfACorePointCountOnceEachTowardsTheKind() {
    // 3 copies of 0 and 2 of 10 (1-d), eps 1, minPts 3: the copies of 0 are core (3 rows within eps), those of 10
    // are noise. A query at 0.5 has 3 core points within eps: CORE_LIKE from minPts - 1 = 2 on, so it stays
    // CORE_LIKE at minPts 4 (3 >= 3) and becomes BORDER at minPts 5 only if the copies are counted (3 < 4), which
    // needs a state, as a fit at minPts 5 has no core point.
    double[] x = {0, 0, 0, 10, 10};
    DbscanModel m = Dbscan.eps(1).minPts(3).fit(Dataset.wrap(x, 5, 1));
    assertArrayEquals(new int[] {0, 0, 0, -1, -1}, m.labels());
    assertEquals(new Assignment(0, Assignment.Kind.CORE_LIKE, 0.5), m.assign(new double[] {0.5}));
    DbscanModel.State s = m.state();
    for (int minPts = 4; minPts <= 5; minPts++) {
      DbscanModel.State t = new DbscanModel.State(1, minPts, Metric.EUCLIDEAN, false, s.search(), 1, s.labels(),
          s.coreMask(), s.corePoints());
      Assignment.Kind kind = minPts == 4 ? Assignment.Kind.CORE_LIKE : Assignment.Kind.BORDER;
      assertEquals(new Assignment(0, kind, 0.5), DbscanModel.fromState(t).assign(new double[] {0.5}), "" + minPts);
    }
  }

  @Test
  void copiesWithDifferentLabelsInAStateStillGetTheSmallerLabel() {
    // A state no fit gives (copies of 0 in two clusters) but fromState accepts: rows (5) label 0, (0) label 1,
    // (0) label 0, all core. The rule gives 0.25 the smaller label of its two nearest core points, 0; the first copy
    // of 0 has label 1, so an index holding one entry per point, with its first copy's label, would say 1.
    DbscanModel m = DbscanModel.fromState(new DbscanModel.State(1, 1, Metric.EUCLIDEAN, false,
        Dbscan.Search.BRUTE_FORCE, 1, new int[] {0, 1, 0}, new boolean[] {true, true, true}, new double[] {5, 0, 0}));
    assertEquals(0, m.predict(new double[] {0.25}));
    assertEquals(new Assignment(0, Assignment.Kind.CORE_LIKE, 0.25), m.assign(new double[] {0.25}));
    assertArrayEquals(new int[] {0, 0, -1}, m.predict(Dataset.wrap(new double[] {0, -1, 2}, 3, 1)));
  }

  /**
   * Integer points with many copies (a few distinct points, each repeated), so distances tie exactly and often equal
   * eps; eps is a lattice step. Fitted models, their rebuilt states, and states whose labels were reshuffled among
   * the copies (accepted by fromState, not given by a fit) are all compared with the oracle on lattice and
   * half-lattice queries, under all three metrics and both border rules.
   */
  @Property(tries = 150)
  void predictEqualsTheBruteForceRuleOnDuplicateHeavyData(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 40) int distinct, @ForAll @IntRange(min = 1, max = 30) int minPts) {
    Rng rng = new Rng(seed);
    int span = 1 + rng.nextInt(4);
    double[] points = new double[distinct * d];
    for (int t = 0; t < points.length; t++) {
      points[t] = rng.nextInt(2 * span + 1) - span;
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(points, rng.nextInt(distinct) * d, x, i * d, d);
    }
    Metric metric = Metric.values()[rng.nextInt(3)];
    double eps = 1 + rng.nextInt(2);
    boolean star = rng.nextInt(3) == 0;
    Dbscan.Search search = Dbscan.Search.values()[rng.nextInt(Dbscan.Search.values().length)];
    DbscanModel fitted = Dbscan.eps(eps).minPts(minPts).metric(metric).borderPointsAsNoise(star).search(search)
        .fit(Dataset.wrap(x, n, d));
    DbscanModel.State s = fitted.state();
    DbscanModel loaded = DbscanModel.fromState(s);
    DbscanModel mixed = DbscanModel.fromState(mixLabels(s, rng));

    int queries = 60;
    double[] qs = new double[queries * d];
    for (int t = 0; t < qs.length; t++) {
      qs[t] = (rng.nextInt(4 * span + 5) - 2 * span - 2) / 2.0;
    }
    for (int i = 0; i < n; i += 1 + n / 20) {
      System.arraycopy(x, i * d, qs, (i % queries) * d, d); // some queries are training rows
    }
    for (DbscanModel.State st : new DbscanModel.State[] {s, mixed.state()}) {
      DbscanModel model = st == s ? fitted : mixed;
      int[] batch = model.predict(Dataset.wrap(qs, queries, d));
      int[] batchLoaded = (st == s ? loaded : DbscanModel.fromState(st)).predict(Dataset.wrap(qs, queries, d));
      for (int i = 0; i < queries; i++) {
        double[] q = Arrays.copyOfRange(qs, i * d, i * d + d);
        Assignment want = oracle(st, q);
        String where = "query " + Arrays.toString(q) + " " + st;
        assertEquals(want, model.assign(q), where);
        assertEquals(want.label(), model.predict(q), where);
        assertEquals(want.label(), batch[i], where);
        assertEquals(want.label(), batchLoaded[i], where);
      }
    }
    // the training rows get their own labels back
    assertArrayEquals(fitted.labels(), loaded.predict(Dataset.wrap(x, n, d)));
  }

  /**
   * The rule of {@link DbscanModel#assign} by a scan over every core point of the state (copies included): within
   * eps by the reduced comparison the index makes; the nearest, ties by the smaller label; CORE_LIKE at distance 0 or
   * with at least minPts - 1 core points within eps, BORDER with fewer, NOISE with none; under DBSCAN* a BORDER point
   * is noise. The distance is that of the nearest core point.
   */
  static Assignment oracle(DbscanModel.State s, double[] q) {
    int d = s.dimension();
    double[] cx = s.corePoints();
    int[] labels = s.labels();
    boolean[] core = s.coreMask();
    int[] coreLabels = new int[cx.length / d];
    for (int i = 0, c = 0; i < labels.length; i++) {
      if (core[i]) {
        coreLabels[c++] = labels[i];
      }
    }
    Metric metric = s.metric();
    double r2 = metric.toReduced(s.eps());
    double best = Double.POSITIVE_INFINITY;
    double nearest = Double.POSITIVE_INFINITY;
    int label = -1;
    int within = 0;
    for (int c = 0; c < coreLabels.length; c++) {
      double r = metric.reducedDistance(q, 0, cx, c * d, d);
      nearest = Math.min(nearest, r);
      if (r <= r2) {
        within++;
        if (r < best || (r == best && coreLabels[c] < label)) {
          best = r;
          label = coreLabels[c];
        }
      }
    }
    Assignment.Kind kind = within == 0 ? Assignment.Kind.NOISE
        : (best == 0 || within >= s.minPts() - 1 ? Assignment.Kind.CORE_LIKE : Assignment.Kind.BORDER);
    if (kind == Assignment.Kind.BORDER && s.borderPointsAsNoise()) {
      label = -1;
    }
    return new Assignment(label, kind, metric.fromReduced(nearest));
  }

  /**
   * The state with labels of core rows moved to other copies' labels where fromState still accepts it: every core
   * row may take any label already used by an earlier row, or keep its own (labels stay numbered in the order of
   * their first row; every cluster keeps its first, core, row). Copies of one point then carry different labels.
   */
  private static DbscanModel.State mixLabels(DbscanModel.State s, Rng rng) {
    int[] labels = s.labels();
    boolean[] core = s.coreMask();
    int top = -1;
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l > top) {
        top = l; // the first row of a cluster: keep its label (it is core, as only core rows open clusters here)
        if (!core[i]) {
          return s;
        }
      } else if (core[i] && top >= 0 && rng.nextInt(2) == 0) {
        labels[i] = rng.nextInt(top + 1);
      }
    }
    return new DbscanModel.State(s.eps(), s.minPts(), s.metric(), s.borderPointsAsNoise(), s.search(),
        s.dimension(), labels, core, s.corePoints());
  }
}
