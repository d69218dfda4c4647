package io.github.clusterkit.birch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.birch.Birch;
import io.github.clusterkit.birch.BirchModel;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link SeededNearest} against a brute-force oracle: the nearest centroid by the squared distance summed column by
 * column from 0, ties to the lower number, over all centroids. Data with many duplicates and exact ties: rows and
 * centroids on a coarse lattice (many rows at equal distance from several centroids, duplicate centroids), or
 * Gaussian. The answer must not depend on the seeds: random ones, a few for all rows, the nearest ones; the fit's own
 * seeds (the leaf subcluster each row joined) are checked through {@link Birch#fit}.
 */
class SeededNearestTest {

  /** The oracle: a scan of every centroid, ties to the lower number. */
  static int[] bruteForce(double[] x, int n, double[] c, int m, int d) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      int bi = -1;
      for (int e = 0; e < m; e++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = x[i * d + j] - c[e * d + j];
          s += t * t;
        }
        if (s < best) {
          best = s;
          bi = e;
        }
      }
      out[i] = bi;
    }
    return out;
  }

  static double[] values(Rng rng, int count, int d, boolean lattice, double spread) {
    double[] v = new double[count * d];
    for (int t = 0; t < v.length; t++) {
      v[t] = lattice ? rng.nextInt(4) - 1.5 : rng.nextGaussian() * spread;
    }
    return v;
  }

  @Property(tries = 300)
  void equalsBruteForceWhateverTheSeeds(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(6);
    int m = 1 + rng.nextInt(120);
    int n = 1 + rng.nextInt(600);
    boolean lattice = rng.nextInt(2) == 0;
    double[] c = values(rng, m, d, lattice, 3);
    if (rng.nextInt(2) == 0) {
      // duplicate centroids: exact ties between different numbers
      for (int e = 1; e < m; e++) {
        if (rng.nextInt(3) == 0) {
          System.arraycopy(c, rng.nextInt(e) * d, c, e * d, d);
        }
      }
    }
    double[] x = values(rng, n, d, lattice, 3 + 2 * rng.nextDouble());
    if (rng.nextInt(3) == 0) {
      // rows on centroids and on midpoints of two centroids (ties)
      for (int i = 0; i < n; i++) {
        int a = rng.nextInt(m);
        int b = rng.nextInt(m);
        boolean mid = rng.nextInt(2) == 0;
        for (int j = 0; j < d; j++) {
          x[i * d + j] = mid ? (c[a * d + j] + c[b * d + j]) / 2 : c[a * d + j];
        }
      }
    }
    // seeds: random, or the few first centroids (large groups), or the nearest (the search must keep it)
    int kind = rng.nextInt(3);
    int[] near = bruteForce(x, n, c, m, d);
    int[] seeds = new int[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = kind == 0 ? rng.nextInt(m) : kind == 1 ? rng.nextInt(Math.min(m, 3)) : near[i];
    }
    double[] xCopy = x.clone();
    int[] seedsCopy = seeds.clone();
    KdTree index = KdTree.build(Dataset.wrap(c, m, d), Metric.EUCLIDEAN);
    int[] expected = near;
    assertArrayEquals(expected, SeededNearest.nearest(x, n, c, m, d, index, seeds, 1));
    assertArrayEquals(expected, SeededNearest.nearest(x, n, c, m, d, index, seeds, 2));
    assertArrayEquals(xCopy, x);
    assertArrayEquals(seedsCopy, seeds);
  }

  /** The fit's training labels (this search) are the brute-force nearest subcluster's cluster. */
  @Property(tries = 150)
  void fitLabelsEqualBruteForce(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(6);
    int n = 1 + rng.nextInt(1500);
    boolean lattice = rng.nextInt(2) == 0;
    int distinct = 1 + rng.nextInt(Math.max(1, n / 3));
    double[] x = values(rng, n, d, lattice, 2);
    for (int i = distinct; i < n; i++) {
      System.arraycopy(x, rng.nextInt(distinct) * d, x, i * d, d);
    }
    double threshold = 0.2 + 2 * rng.nextDouble();
    int b = 2 + rng.nextInt(10);
    int k = rng.nextInt(4);
    BirchModel model = Birch.threshold(threshold).branchingFactor(b).clusters(k).fit(Dataset.wrap(x, n, d));
    double[][] cs = model.subclusterCentroids();
    int m = cs.length;
    double[] c = new double[m * d];
    for (int e = 0; e < m; e++) {
      System.arraycopy(cs[e], 0, c, e * d, d);
    }
    int[] near = bruteForce(x, n, c, m, d);
    int[] subLabels = model.subclusterLabels();
    int[] labels = model.labels();
    for (int i = 0; i < n; i++) {
      assertEquals(subLabels[near[i]], labels[i], "row " + i);
    }
    assertTrue(m >= 1);
    assertArrayEquals(model.predict(Dataset.wrap(x, n, d)), labels);
  }

  /**
   * Data so small or so large that the k-d tree scales them (or rows beyond {@code 2^200}): the fit keeps the k-d
   * tree's answer, which is {@code predict}'s; in between, the search and {@code predict} agree too.
   */
  @Property(tries = 60)
  void fitLabelsEqualPredictAtEveryScale(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int d = 1 + rng.nextInt(5);
    int n = 1 + rng.nextInt(400);
    double scale = new double[] {0x1p-450, 0x1p-300, 0x1p-190, 1, 0x1p190, 0x1p250, 0x1p400}[rng.nextInt(7)];
    double[] x = values(rng, n, d, rng.nextInt(2) == 0, 2);
    for (int t = 0; t < x.length; t++) {
      x[t] *= scale;
    }
    BirchModel model = Birch.threshold(scale * (0.2 + 2 * rng.nextDouble())).branchingFactor(2 + rng.nextInt(10))
        .clusters(0).fit(Dataset.wrap(x, n, d));
    assertArrayEquals(model.predict(Dataset.wrap(x, n, d)), model.labels());
  }
}
