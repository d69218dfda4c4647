package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.hdbscan.Hdbscan;
import io.github.clusterkit.hdbscan.HdbscanModel;
import io.github.clusterkit.kmeans.KMeans;
import org.junit.jupiter.api.Test;

/**
 * The README's HDBSCAN* snippet, line for line, on two moons (the generator's 400 rows, noise 0.05, seed 3), with
 * what each line promises checked against an independent computation.
 */
class ReadmeHdbscanTest {

  @Test
  void snippetRunsAndKeepsItsPromises() {
    LabeledDataset moons = Generators.moons(400, 0.05, 3);
    Dataset x = moons.data();
    double[] newCustomer = x.row(7);

    HdbscanModel h = Hdbscan.minClusterSize(15).fit(x);      // minSamples defaults to minClusterSize
    int[] labels = h.labels();                                 // -1 = noise, clusters numbered by their first row
    double[] strength = h.probabilities();                     // scikit-learn's probabilities_
    double[] outlier = h.outlierScores();                      // GLOSH: 0 (inlier) to 1
    int[] star = h.dbscanLabels(0.3);                          // DBSCAN* at eps 0.3, read off the hierarchy
    HdbscanModel.Membership m = h.membership(newCustomer);     // label, probability and outlier score of a new row
    double v = Dbcv.score(x, labels);                          // clustering-eval: density-based validation

    // the two moons, as the generator labelled them (adjusted Rand index over the clustered rows: exact 1)
    assertEquals(2, h.clusterCount());
    int clustered = 0;
    for (int l : labels) {
      clustered += l >= 0 ? 1 : 0;
    }
    int[] mine = new int[clustered];
    int[] truth = new int[clustered];
    int[] generated = moons.labels();
    for (int i = 0, j = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        mine[j] = labels[i];
        truth[j++] = generated[i];
      }
    }
    assertEquals(1.0, AdjustedRandIndex.score(truth, mine), 0.0);
    for (int i = 0; i < labels.length; i++) {
      assertTrue(strength[i] >= 0 && strength[i] <= 1 && outlier[i] >= 0 && outlier[i] <= 1);
      assertTrue(labels[i] >= 0 || strength[i] == 0);
    }
    assertArrayEquals(Dbscan.eps(0.3).minPts(15).borderPointsAsNoise(true).fit(x).labels(), star);
    assertTrue(m.label() >= -1 && m.label() < 2);
    // DBCV prefers the moons to K-Means' two halves, which the silhouette prefers
    int[] halves = KMeans.k(2).seed(1).restarts(5).fit(x).labels();
    double kmeans = Dbcv.score(x, halves);
    assertTrue(v > kmeans, v + " against " + kmeans);
    assertTrue(Silhouette.score(x, halves) > Silhouette.score(x, labels));
  }
}
