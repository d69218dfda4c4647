package io.github.clusterkit.birch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.birch.internal.CfTree;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Invariants of BIRCH on seeded random data (Gaussian blobs, integer lattices with exact ties, heavily duplicated
 * rows), small branching factors so that splits are frequent. Oracles: the same rows streamed in random batches; the
 * rows each leaf subcluster took in (recorded by the tree) with a two-pass radius; brute-force nearest centroids.
 */
class BirchPropertiesTest {

  /** A random problem. */
  static final class Problem {
    final double[][] rows;
    final Dataset data;
    final Birch birch;

    Problem(long seed) {
      Rng rng = new Rng(seed);
      int n = 1 + rng.nextInt(400);
      int d = 1 + rng.nextInt(5);
      int kind = rng.nextInt(3);
      rows = new double[n][d];
      int blobs = 1 + rng.nextInt(5);
      double[][] centres = new double[blobs][d];
      for (double[] c : centres) {
        for (int j = 0; j < d; j++) {
          c[j] = rng.uniform(-6, 6);
        }
      }
      int distinct = 1 + rng.nextInt(Math.max(1, n / 4));
      for (int i = 0; i < n; i++) {
        if (kind == 2 && i >= distinct) {
          rows[i] = rows[rng.nextInt(distinct)].clone();
          continue;
        }
        double[] c = centres[rng.nextInt(blobs)];
        for (int j = 0; j < d; j++) {
          double v = c[j] + rng.nextGaussian() * (0.3 + rng.nextDouble());
          rows[i][j] = kind == 1 ? Math.rint(v) : v;
        }
      }
      data = Dataset.of(rows);
      double threshold = 0.1 + 1.5 * rng.nextDouble();
      int b = 2 + rng.nextInt(6);
      int k = rng.nextInt(6);
      birch = Birch.threshold(threshold).branchingFactor(b).clusters(k);
    }

    @Override
    public String toString() {
      return "n=" + rows.length + " d=" + rows[0].length + " " + birch;
    }
  }

  @Property(tries = 150)
  void streamingInAnyBatchesEqualsFit(@ForAll long seed) {
    Problem p = new Problem(seed);
    BirchModel fit = p.birch.fit(p.data);
    Rng rng = new Rng(seed ^ 0x5DEECE66DL);
    BirchTree t = p.birch.tree(p.data.dimension());
    int i = 0;
    while (i < p.rows.length) {
      int len = 1 + rng.nextInt(Math.min(60, p.rows.length - i));
      if (len == 1 && rng.nextInt(2) == 0) {
        t.add(p.rows[i]);
      } else {
        t.add(Dataset.of(Arrays.copyOfRange(p.rows, i, i + len)));
      }
      i += len;
      if (rng.nextInt(4) == 0) {
        t.model(); // snapshots in between change nothing
      }
    }
    BirchModel streamed = t.model();
    BirchModel.State a = fit.state();
    BirchModel.State b = streamed.state();
    assertArrayEquals(a.centroids(), b.centroids(), p.toString());
    assertArrayEquals(a.counts(), b.counts(), p.toString());
    assertArrayEquals(a.linearSums(), b.linearSums(), p.toString());
    assertArrayEquals(a.squaredSums(), b.squaredSums(), p.toString());
    assertArrayEquals(a.subclusterLabels(), b.subclusterLabels(), p.toString());
    assertFalse(streamed.hasLabels());
    assertArrayEquals(fit.labels(), streamed.predict(p.data), p.toString());
    assertEquals(p.rows.length, t.rows());
  }

  @Property(tries = 150)
  void countsLabelsAndPredictAgree(@ForAll long seed) {
    Problem p = new Problem(seed);
    BirchModel m = p.birch.fit(p.data);
    int n = p.rows.length;
    long sum = 0;
    for (long c : m.subclusterCounts()) {
      assertTrue(c >= 1);
      sum += c;
    }
    assertEquals(n, sum, "counts sum to n");
    assertEquals(n, m.rows());
    int subs = m.subclusterCount();
    int k = p.birch.clusters();
    assertEquals(k == 0 ? subs : Math.min(k, subs), m.clusterCount(), p.toString());
    int[] sub = m.subclusterLabels();
    boolean[] used = new boolean[m.clusterCount()];
    for (int l : sub) {
      used[l] = true;
    }
    for (boolean u : used) {
      assertTrue(u, "every cluster has a subcluster");
    }
    int[] labels = m.labels();
    double[][] c = m.subclusterCentroids();
    for (int i = 0; i < n; i++) {
      assertTrue(labels[i] >= 0 && labels[i] < m.clusterCount());
      assertEquals(labels[i], m.predict(p.rows[i]), "predict of a training row is its label");
      // brute force: the nearest centroid's cluster, ties to the first
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int s = 0; s < subs; s++) {
        double v = 0;
        for (int j = 0; j < c[s].length; j++) {
          double t = p.rows[i][j] - c[s][j];
          v += t * t;
        }
        if (v < bd) {
          bd = v;
          best = s;
        }
      }
      assertEquals(best, m.nearestSubcluster(p.rows[i]));
      assertEquals(sub[best], labels[i]);
    }
    long[] cc = m.clusterCounts();
    assertEquals(n, Arrays.stream(cc).sum());
  }

  /**
   * What the algorithm promises: a leaf subcluster's squared radius by scikit-learn's formula is at most
   * {@code threshold^2} when a row joins it. Checked on the rows each subcluster took in, with the exact two-pass
   * radius, within the formula's rounding (its cancellation: a few ulps of the rows' squared norms); nodes never hold
   * more than {@code branchingFactor} entries, all leaves lie at one depth, parents count their children.
   */
  @Property(tries = 150)
  void leafRadiiWithinThresholdAndTreeInvariants(@ForAll long seed) {
    Problem p = new Problem(seed);
    int n = p.rows.length;
    int d = p.data.dimension();
    CfTree tree = new CfTree(d, p.birch.threshold(), p.birch.branchingFactor());
    int[] joined = new int[n];
    double maxSq = 0;
    for (int i = 0; i < n; i++) {
      joined[i] = tree.insert(p.rows[i], 0);
      double s = 0;
      for (double v : p.rows[i]) {
        s += v * v;
      }
      maxSq = Math.max(maxSq, s);
      if (i % 17 == 0) {
        assertNull(tree.checkInvariants(), p.toString());
      }
    }
    assertNull(tree.checkInvariants(), p.toString());
    int[] leaves = tree.leafSubclusters();
    long[] counts = tree.counts(leaves);
    double t = p.birch.threshold();
    double slack = 64 * d * Math.ulp(maxSq);
    for (int s = 0; s < leaves.length; s++) {
      double[] mean = new double[d];
      int members = 0;
      for (int i = 0; i < n; i++) {
        if (joined[i] == leaves[s]) {
          members++;
          for (int j = 0; j < d; j++) {
            mean[j] += p.rows[i][j];
          }
        }
      }
      assertEquals(counts[s], members, "the rows a subcluster took in are its count");
      for (int j = 0; j < d; j++) {
        mean[j] /= members;
      }
      double ssd = 0;
      for (int i = 0; i < n; i++) {
        if (joined[i] == leaves[s]) {
          for (int j = 0; j < d; j++) {
            double v = p.rows[i][j] - mean[j];
            ssd += v * v;
          }
        }
      }
      assertTrue(ssd / members <= t * t + slack, p + ": subcluster " + s + " radius^2 " + ssd / members);
    }
  }

  @Test
  void threadCountChangesNothing() {
    Rng rng = new Rng(99);
    int n = 20_000;
    double[][] rows = new double[n][3];
    for (double[] r : rows) {
      for (int j = 0; j < 3; j++) {
        r[j] = rng.nextInt(5) * 4 + rng.nextGaussian();
      }
    }
    Dataset x = Dataset.of(rows);
    Birch b = Birch.threshold(0.7).branchingFactor(8).clusters(6);
    BirchModel one = b.fit(x);
    BirchModel three = b.parallelism(3).fit(x);
    assertEquals(one.state(), three.state());
    assertArrayEquals(one.predict(x), three.predict(x));
    assertTrue(one.subclusterCount() > 6, "enough subclusters for the global step: " + one.subclusterCount());
  }

  @Test
  void identicalRowsMakeOneSubcluster() {
    double[][] rows = new double[5000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {1.5, -2.25};
    }
    BirchModel m = Birch.threshold(1e-3).branchingFactor(2).fit(Dataset.of(rows));
    assertEquals(1, m.subclusterCount());
    assertEquals(1, m.clusterCount(), "fewer subclusters (1) than k = 3: every subcluster a cluster");
    assertEquals(3, m.requestedClusters());
    assertArrayEquals(new double[] {1.5, -2.25}, m.subclusterCentroids()[0]);
    assertEquals(0.0, m.subclusterRadii()[0]);
  }
}
