package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's quick start compiling and correct: the statements between the markers are the README
 * snippets, word for word.
 */
class QuickStartTest {

  @Test
  void readmeNeighbourSearch() {
    // --- README: neighbours ---
    Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}});
    NeighborIndex index = NeighborIndex.of(data, Metric.EUCLIDEAN);   // a KD-tree
    Neighbors buffer = new Neighbors();                                 // reusable, one per thread
    int found = index.radius(new double[] {0, 0.5}, 1.0, buffer);      // 2: rows 0 and 1
    int k = index.knn(new double[] {5, 5.2}, 1, buffer);               // buffer.index(0) == 2
    // --- end ---

    // exact: |(0,0.5)-(0,0)| = |(0,0.5)-(0,1)| = 0.5 <= 1, the other rows are > 5 away
    assertEquals(2, found);
    assertEquals(1, k);
    assertEquals(2, buffer.index(0));
    assertEquals(0.2, buffer.distance(0), 1e-15);
  }

  @Test
  void readmeClustering() {
    // --- README: clustering ---
    Dataset x = Dataset.of(new double[][] {
        {1.0, 1.1}, {1.2, 0.9}, {0.9, 1.0}, {8.0, 8.1}, {8.2, 7.9}, {7.9, 8.0}, {4.5, 20.0}});

    KMeansModel km = KMeans.k(2).seed(42).restarts(5).fit(x);
    int segment = km.predict(new double[] {1.1, 1.0});                 // the segment of a new point

    DbscanModel db = Dbscan.eps(0.5).minPts(3).fit(x);                 // minPts counts the point itself
    int[] labels = db.labels();                                        // {0, 0, 0, 1, 1, 1, -1}: -1 = noise
    double eps = KDistance.of(Generators.blobs(2000, 2, 3, 0.5, 0.05, 7).data(), 10).knee();
    // --- end ---

    // Exact expectations (hand-checked): the two triangles are each other's only points within 0.5
    // (pairwise distances <= 0.3), so all six are core points and form clusters numbered by smallest row;
    // (4.5, 20) is more than 10 away from everything, hence noise.
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, -1}, labels);
    assertEquals(km.labels()[0], segment);
    assertEquals(kneeByBruteForce(Generators.blobs(2000, 2, 3, 0.5, 0.05, 7).data(), 10), eps, 0.0, "eps");
  }

  /**
   * Oracle for the quick start's eps, from KDistance's definition written out independently: every row's distance
   * to its 10th nearest row (itself the first) by brute force, sorted; Kneedle on the positive part, both axes
   * scaled to [0, 1], knee where x - y is largest (first on ties). KDistance.knee() raises the knee by one ulp
   * where its square rounds below a squared distance it stands for; on these blobs it does not, so the two agree
   * exactly. (The README's line used to be checked only for a positive finite eps.)
   */
  private static double kneeByBruteForce(Dataset data, int k) {
    int n = data.size();
    double[] kd = new double[n];
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < data.dimension(); c++) {
          double d = data.get(i, c) - data.get(j, c);
          s += d * d;
        }
        dist[j] = Math.sqrt(s);
      }
      java.util.Arrays.sort(dist);
      kd[i] = dist[k - 1];
    }
    java.util.Arrays.sort(kd);
    int first = 0;
    while (kd[first] == 0) {
      first++;
    }
    int m = n - first;
    double lo = kd[first];
    double hi = kd[n - 1];
    int best = first;
    double bestGap = Double.NEGATIVE_INFINITY;
    for (int i = first; i < n; i++) {
      double gap = (double) (i - first) / (m - 1) - (kd[i] - lo) / (hi - lo);
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    return kd[best];
  }
}
