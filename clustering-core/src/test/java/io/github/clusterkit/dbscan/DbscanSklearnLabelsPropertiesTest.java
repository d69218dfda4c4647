package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Dbscan.LabelRule#SCIKIT_LEARN} against its definition, written out by brute force in
 * {@link DbscanOracle#scikitLearnLabels} (clusters numbered by their smallest core row, a border row in the
 * lowest-numbered cluster with a core row within eps), on small random data with duplicate rows and distances of
 * exactly eps, on every search and 1 to 3 threads; row permutations; and the default rule left as it was.
 */
class DbscanSklearnLabelsPropertiesTest {

  /** Random data with its eps and metric. */
  static final class Case {
    final double[][] x;
    final double eps;
    final Metric metric;

    Case(double[][] x, double eps, Metric metric) {
      this.x = x;
      this.eps = eps;
      this.metric = metric;
    }
  }

  /**
   * Half the seeds: {@link DbscanPropertiesTest#data} (blobs with noise, or an integer lattice full of duplicates and
   * distances of exactly eps). The other half: clusters around centres on a walk along the axes, {@code eps + 3} to
   * {@code 2 eps + 2} apart (eps 1, 1.5 or 2), of {@code minPts + 1} to {@code 2 minPts + 1} rows each, most at the
   * centre and the others one step from it along an axis (so that they are core); one to three times, a row halfway
   * between two consecutive centres with a row of each cluster one step towards it, which puts the halfway row within
   * eps of core rows of both clusters (a shared border, unless it has minPts neighbours itself); copies of earlier
   * rows; the rows in a random order.
   */
  static Case data(long seed, int n, int d, int minPts) {
    Rng rng = new Rng(seed * 0x2545F4914F6CDD1DL + 17);
    Metric metric = Metric.values()[rng.nextInt(3)];
    if (rng.nextInt(2) == 0) {
      double[][] x = DbscanPropertiesTest.data(seed, n, d);
      return new Case(x, DbscanPropertiesTest.eps(seed, x), metric);
    }
    double eps = new double[] {1, 1.5, 2}[rng.nextInt(3)];
    int perCluster = minPts + 1 + rng.nextInt(minPts + 1);
    int k = Math.max(2, (n + perCluster - 1) / perCluster);
    double[][] centres = new double[k][d];
    int[] parent = new int[k];
    int lo = (int) eps + 3;
    int hi = (int) (2 * eps) + 3; // exclusive
    for (int c = 1; c < k; c++) {
      // a walk that only moves up: no two centres meet
      parent[c] = c - 1;
      centres[c] = centres[c - 1].clone();
      centres[c][rng.nextInt(d)] += lo + rng.nextInt(hi - lo);
    }
    double[][] x = new double[n][d];
    double halfway = (1 + rng.nextInt(3)) / (double) n;
    for (int i = 0; i < n; i++) {
      if (rng.nextInt(20) == 0 && i > 0) {
        x[i] = x[rng.nextInt(i)].clone();
      } else if (rng.nextDouble() < halfway && i + 2 < n) {
        // the halfway row, and a row of each cluster one step from its centre towards the other
        int c = 1 + rng.nextInt(k - 1);
        double[] p = centres[parent[c]];
        x[i + 1] = centres[c].clone();
        x[i + 2] = p.clone();
        for (int j = 0; j < d; j++) {
          x[i][j] = Math.rint(centres[c][j] + p[j]) / 2;
          double step = Math.signum(p[j] - centres[c][j]);
          x[i + 1][j] += step;
          x[i + 2][j] -= step;
        }
        i += 2;
      } else {
        x[i] = centres[rng.nextInt(k)].clone();
        if (rng.nextInt(10) < 3) {
          x[i][rng.nextInt(d)] += rng.nextInt(2) == 0 ? -1 : 1;
        }
      }
    }
    int[] order = DbscanPropertiesTest.permutation(seed, n);
    double[][] shuffled = new double[n][];
    for (int i = 0; i < n; i++) {
      shuffled[i] = x[order[i]];
    }
    return new Case(shuffled, eps, metric);
  }

  /** Whether a non-core row lies within eps of core rows of two clusters (the rows where the two rules can part). */
  static boolean hasSharedBorder(Case c, int minPts) {
    double[][] x = c.x;
    int n = x.length;
    boolean[] core = DbscanOracle.core(x, c.metric, c.eps, minPts);
    int[] comp = DbscanOracle.corePartition(x, c.metric, c.eps, core);
    double r = c.metric.toReduced(c.eps);
    for (int i = 0; i < n; i++) {
      int seen = -1;
      for (int j = 0; j < n && !core[i]; j++) {
        if (core[j] && DbscanOracle.reduced(c.metric, x, i, j) <= r) {
          if (seen >= 0 && comp[j] != seen) {
            return true;
          }
          seen = comp[j];
        }
      }
    }
    return false;
  }

  /** Guards the properties below against data that never tell the rules apart. */
  @Test
  void theRandomDataOftenHaveRowsSharedByTwoClusters() {
    int shared = 0;
    int differ = 0;
    for (long seed = 0; seed < 200; seed++) {
      int minPts = 2 + (int) (seed % 7);
      Case c = data(seed, 20 + (int) (seed % 130), 1 + (int) (seed % 3), minPts);
      shared += hasSharedBorder(c, minPts) ? 1 : 0;
      Dbscan config = Dbscan.eps(c.eps).minPts(minPts).metric(c.metric);
      Dataset data = Dataset.of(c.x);
      boolean same = java.util.Arrays.equals(config.fit(data).labels(),
          config.labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(data).labels());
      differ += same ? 0 : 1;
    }
    // measured: 36 of the 200 cases have a shared border row, and the two rules' labels differ in 23
    assertTrue(shared >= 25, "cases with a shared border row: " + shared);
    assertTrue(differ >= 15, "cases whose labels differ between the rules: " + differ);
  }

  @Property(tries = 150)
  void labelsFollowTheRuleOnEverySearchAndThreadCount(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 200) int n, @ForAll @IntRange(min = 1, max = 5) int d,
      @ForAll @IntRange(min = 1, max = 8) int minPts, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 0, max = 3) int searchIndex, @ForAll boolean star) {
    Case c = data(seed, n, d, minPts);
    Dataset data = Dataset.of(c.x);
    Dbscan.Search search = Dbscan.Search.values()[searchIndex];
    DbscanModel m = Dbscan.eps(c.eps).minPts(minPts).metric(c.metric).labelRule(Dbscan.LabelRule.SCIKIT_LEARN)
        .search(search).parallelism(threads).borderPointsAsNoise(star).fit(data);
    int[] expected = DbscanOracle.scikitLearnLabels(c.x, c.metric, c.eps, minPts, star);
    assertArrayEquals(expected, m.labels(), "labels (" + m.search() + ")");
    assertArrayEquals(DbscanOracle.core(c.x, c.metric, c.eps, minPts), m.coreMask(), "core mask");
    int clusters = 0;
    int noise = 0;
    for (int l : expected) {
      clusters = Math.max(clusters, l + 1);
      noise += l < 0 ? 1 : 0;
    }
    assertEquals(clusters, m.clusterCount(), "cluster count");
    assertEquals(noise, m.noiseCount(), "noise count");
    // prediction follows the rule too: the training rows get their labels back
    assertArrayEquals(expected, m.predict(data), "predict of the training rows");
    // the state keeps the rule: a rebuilt model predicts the same
    DbscanModel rebuilt = DbscanModel.fromState(m.state());
    assertEquals(Dbscan.LabelRule.SCIKIT_LEARN, rebuilt.labelRule());
    assertArrayEquals(expected, rebuilt.predict(data), "predict of the rebuilt model");
  }

  @Property(tries = 80)
  void permutedRowsGetTheRuleOfThePermutedRowsAndThePermutedCorePartition(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 200) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 8) int minPts, @ForAll @IntRange(min = 1, max = 3) int threads) {
    Case c = data(seed, n, d, minPts);
    int[] perm = DbscanPropertiesTest.permutation(seed, n);
    double[][] px = new double[n][];
    for (int i = 0; i < n; i++) {
      px[i] = c.x[perm[i]];
    }
    Dbscan config = Dbscan.eps(c.eps).minPts(minPts).metric(c.metric).labelRule(Dbscan.LabelRule.SCIKIT_LEARN)
        .parallelism(threads);
    DbscanModel a = config.fit(Dataset.of(c.x));
    DbscanModel b = config.fit(Dataset.of(px));
    // the permuted rows are labelled by the rule on their own order (a border row may change cluster) ...
    assertArrayEquals(DbscanOracle.scikitLearnLabels(px, c.metric, c.eps, minPts, false), b.labels(),
        "labels of the permuted rows");
    // ... while the core points, the noise and the partition of the core points are the permuted ones
    int[] la = a.labels();
    int[] lb = b.labels();
    boolean[] ca = a.coreMask();
    boolean[] cb = b.coreMask();
    int[] laPermuted = new int[n];
    for (int i = 0; i < n; i++) {
      laPermuted[i] = la[perm[i]];
      assertEquals(ca[perm[i]], cb[i], "core flag of permuted row " + i);
      assertEquals(la[perm[i]] < 0, lb[i] < 0, "noise flag of permuted row " + i);
    }
    DbscanOracle.assertSamePartition(laPermuted, lb, cb, "core partition");
    assertEquals(a.clusterCount(), b.clusterCount(), "cluster count");
  }

  @Property(tries = 80)
  void theDefaultRuleIsUnchanged(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 8) int minPts,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean star) {
    Case c = data(seed, n, d, minPts);
    Dataset data = Dataset.of(c.x);
    Dbscan config = Dbscan.eps(c.eps).minPts(minPts).metric(c.metric).parallelism(threads).borderPointsAsNoise(star);
    DbscanModel byDefault = config.fit(data);
    assertEquals(Dbscan.LabelRule.NEAREST_CORE, byDefault.labelRule());
    // the default's own definition: nearest core point, clusters numbered by first row (DbscanOracle.assertExact)
    DbscanOracle.assertExact(c.x, c.metric, c.eps, minPts, star, byDefault);
    assertArrayEquals(byDefault.labels(), config.labelRule(Dbscan.LabelRule.NEAREST_CORE).fit(data).labels());
    // the two rules share the core points, the noise and the partition of the core points
    DbscanModel sk = config.labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(data);
    assertArrayEquals(byDefault.coreMask(), sk.coreMask(), "core mask");
    for (int i = 0; i < n; i++) {
      assertEquals(byDefault.labels()[i] < 0, sk.labels()[i] < 0, "noise flag of row " + i);
    }
    DbscanOracle.assertSamePartition(byDefault.labels(), sk.labels(), sk.coreMask(), "core partition");
    if (star) {
      // clusters of core points only: a cluster's first row is its first core row, and no border row is left
      assertArrayEquals(byDefault.labels(), sk.labels(), "DBSCAN* labels");
    }
  }
}
