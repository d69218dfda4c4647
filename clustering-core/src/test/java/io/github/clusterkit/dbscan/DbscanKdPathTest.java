package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The KD-tree path on inputs that stress its pruning: huge leaves of equal points, chains between blobs. */
class DbscanKdPathTest {

  @Test
  void manyEqualPointsAndAFewOthersMatchTheDefinition() {
    // 3000 copies of one point form a single leaf far above the leaf size; the others are Gaussian around it
    Rng rng = new Rng(11);
    int n = 3400;
    int d = 6;
    double[][] x = new double[n][d];
    for (int i = 3000; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rng.nextGaussian() * 1.5;
      }
    }
    for (Metric metric : Metric.values()) {
      Dbscan config = Dbscan.eps(1.2).minPts(5).metric(metric);
      DbscanModel m = config.fit(Dataset.of(x));
      assertEquals(Dbscan.Search.KD_TREE, m.search());
      DbscanOracle.assertExact(x, metric, 1.2, 5, false, m);
      assertArrayEquals(m.labels(), config.parallelism(2).fit(Dataset.of(x)).labels(), metric + ", 2 threads");
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void hundredsOfThousandsOfEqualRowsAreLinearNotQuadratic() {
    // 300,000 customers with the same 4 features (say, all flags zero) form one leaf of the tree. The union of
    // clusters scanned the earlier copies in the leaf from every copy: about 10 s for 10^5 copies, 90 s here;
    // now well under a second. The generous timeout is a safety net against the quadratic behaviour only.
    int n = 300_000;
    int d = 4;
    double[] x = new double[n * d];
    java.util.Arrays.fill(x, 0.25);
    Dbscan config = Dbscan.eps(0.5).minPts(5).search(Dbscan.Search.KD_TREE);
    for (int threads = 1; threads <= 2; threads++) {
      DbscanModel m = config.parallelism(threads).fit(Dataset.wrap(x, n, d));
      // exact computation: every row is at distance 0 from the others, so all are core and in one cluster
      assertEquals(Dbscan.Search.KD_TREE, m.search());
      assertEquals(1, m.clusterCount(), threads + " threads");
      assertEquals(n, m.coreCount(), threads + " threads");
      assertArrayEquals(new int[] {n}, m.clusterSizes(), threads + " threads");
    }
  }

  @Test
  void blobsJoinedByThinChainsMatchTheDefinition() {
    // dense blobs along a line, joined or not by chains of points 0.9 apart (eps 1): whether two blobs merge
    // depends on a few edges, found late in tree order or across chunks run by different threads
    Rng rng = new Rng(12);
    int d = 5;
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int b = 0; b < 6; b++) {
      for (int i = 0; i < 700; i++) {
        double[] p = new double[d];
        p[0] = b * 12 + rng.nextGaussian() * 0.6;
        for (int j = 1; j < d; j++) {
          p[j] = rng.nextGaussian() * 0.6;
        }
        rows.add(p);
      }
      if (b % 2 == 0) {
        for (double t = b * 12 + 0.9; t < (b + 1) * 12; t += 0.9) {
          for (int k = 0; k < 2; k++) {
            double[] p = new double[d];
            p[0] = t;
            p[1] = k * 0.05;
            rows.add(p);
          }
        }
      }
    }
    double[][] x = rows.toArray(new double[0][]);
    Rng shuffle = new Rng(13);
    for (int i = x.length - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      double[] t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    Dbscan config = Dbscan.eps(1.0).minPts(4);
    DbscanModel m = config.fit(Dataset.of(x));
    DbscanOracle.assertExact(x, Metric.EUCLIDEAN, 1.0, 4, false, m);
    // by construction: blobs 0-1, 2-3 and 4-5 are joined by chains of core points (each chain point has its
    // twin 0.05 away and two of each 0.9 away); blobs 1-2 and 3-4 are 12 apart, far beyond eps
    assertEquals(3, m.clusterCount());
    for (int threads = 2; threads <= 4; threads++) {
      assertArrayEquals(m.labels(), config.parallelism(threads).fit(Dataset.of(x)).labels(), threads + " threads");
    }
  }
}
