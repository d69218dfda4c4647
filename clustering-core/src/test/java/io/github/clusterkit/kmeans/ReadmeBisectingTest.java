package io.github.clusterkit.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.preprocess.StandardScaler;
import io.github.clusterkit.testutil.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's section "Nested segments: bisecting K-Means" true: its snippet, word for word between the
 * markers, and its figures on the mall customers' standardised income and spending score (computed by this library;
 * scikit-learn 1.2.1's {@code BisectingKMeans(5, n_init=10, random_state=r)} on the same standardised columns gives
 * inertias 85.50, 86.65, 86.22, 86.22 and 89.09 for r = 0..4, and 71.16 to 91.50 over r = 0..9; the README's "85.5 to
 * 86.7 over five seeds" holds for r = 0, 1, 2, 3 and 42 only).
 */
class ReadmeBisectingTest {

  private static Dataset mall() {
    double[][] rows = SharedData.mallIncomeAndScore();
    double[] income = new double[rows.length];
    double[] score = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      income[i] = rows[i][0];
      score[i] = rows[i][1];
    }
    Table t = Table.builder().numeric("income", income).numeric("score", score).build();
    return new StandardScaler().fit(t).transform(t).toDataset();
  }

  @Test
  void snippetAndFigures() {
    Dataset x = mall();
    // --- README ---
    BisectingKMeansModel tree = BisectingKMeans.k(5).seed(42).restarts(10).fit(x);
    int[] two = tree.labelsAt(2);                        // the first two segments
    int[] five = tree.labels();                          // = labelsAt(5); each level refines the one before
    int segment = tree.predictAt(new double[] {0.3, -1.2}, 3);   // a new customer at the three-segment level
    int parent = tree.parent(tree.splitNode(2));         // the tree: parent, children, nodeCentroid ...
    // --- end ---
    assertArrayEquals(tree.labelsAt(5), five);
    assertTrue(segment >= 0 && segment < 3);
    assertEquals(0, parent); // the third split (split 2) splits the root's left child, node 1
    // the first split: 89 and 111 customers
    int[] sizes = new int[2];
    for (int l : two) {
      sizes[l]++;
    }
    assertArrayEquals(new int[] {89, 111}, sizes);
    // inertia 86.2 at k = 5, against 65.6 for KMeans.k(5).seed(42).restarts(10)
    assertEquals(86.2, tree.inertia(), 0.05);
    assertEquals(65.6, KMeans.k(5).seed(42).restarts(10).fit(x).inertia(), 0.05);
    // a fit with k = m gives labelsAt(m) of the larger fit
    assertArrayEquals(BisectingKMeans.k(3).seed(42).restarts(10).fit(x).labels(), tree.labelsAt(3));
  }
}
