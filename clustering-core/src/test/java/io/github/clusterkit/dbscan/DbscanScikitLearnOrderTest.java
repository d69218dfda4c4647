package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.testutil.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Where DBSCAN's labels differ from scikit-learn's with the same core points, which {@link Dbscan}'s Javadoc now
 * states: scikit-learn numbers clusters by their first core row (here: first row of any kind) and gives a border point
 * to the first cluster reaching it (here: the nearest core point's). A user trial porting a notebook found the Mall
 * Customers' clusters 3 and 4 swapped with no word in the Javadoc. {@link Dbscan.LabelRule#SCIKIT_LEARN} now gives
 * scikit-learn's labels themselves. Expected labels from scikit-learn 1.2.1 ({@code tools/porting_reference.py}).
 */
class DbscanScikitLearnOrderTest {

  @Test
  void aClusterWhoseFirstRowIsABorderPointIsNumberedByThatRow() {
    Dataset x = Dataset.of(new double[][] {{-0.4}, {10}, {10.5}, {11}, {0.5}, {1}, {1.5}});
    DbscanModel m = Dbscan.eps(1).minPts(3).fit(x);
    // DBSCAN(eps=1, min_samples=3).labels_ = [1, 0, 0, 0, 1, 1, 1]: row 0 is a border point, row 1 the first core
    assertArrayEquals(new boolean[] {false, true, true, true, true, true, true}, m.coreMask());
    assertArrayEquals(new int[] {0, 1, 1, 1, 0, 0, 0}, m.labels());
    assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 1},
        Dbscan.eps(1).minPts(3).labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(x).labels());
  }

  @Test
  void aBorderPointOfTwoClustersJoinsTheNearestCorePoint() {
    Dataset x = Dataset.of(new double[][] {{0}, {0.4}, {0.8}, {1.2}, {3.2}, {3.6}, {4.0}, {4.4}, {2.3}});
    DbscanModel m = Dbscan.eps(1.15).minPts(4).fit(x);
    // DBSCAN(eps=1.15, min_samples=4): core_sample_indices_ [1, 2, 3, 4, 5, 6],
    // labels_ [0, 0, 0, 0, 1, 1, 1, 1, 0]: row 8 (2.3) goes to the cluster that reaches it first, from 1.2 at 1.1;
    // here to 3.2's, at 0.9.
    assertArrayEquals(new boolean[] {false, true, true, true, true, true, true, false, false}, m.coreMask());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1}, m.labels());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0},
        Dbscan.eps(1.15).minPts(4).labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(x).labels());
  }

  @Test
  void mallIncomeAndScoreHaveScikitLearnsClustersWithThreeAndFourSwapped() {
    double[][] rows = SharedData.mallIncomeAndScore();
    // DBSCAN(eps=5, min_samples=5).labels_, one character a row, N for -1; 89 core rows
    String sk = "N0N0N0NNN0NNN0N0NNNNNNNNNNNNNNNNNNNNNNNNNNN1NN111111111111111111111111111111111111111111111111111111"
        + "11111111111111111111111NN2N43232N234323234N434N2N4N4N2N43232N4N4NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN";
    assertEquals(rows.length, sk.length());
    DbscanModel m = Dbscan.eps(5).minPts(5).fit(Dataset.of(rows));
    assertEquals(89, m.coreCount());
    int[] swap = {0, 1, 2, 4, 3};
    int[] labels = m.labels();
    int[] exact = Dbscan.eps(5).minPts(5).labelRule(Dbscan.LabelRule.SCIKIT_LEARN).fit(Dataset.of(rows)).labels();
    for (int i = 0; i < rows.length; i++) {
      char c = sk.charAt(i);
      assertEquals(c == 'N' ? -1 : swap[c - '0'], labels[i], "row " + i);
      assertEquals(c == 'N' ? -1 : c - '0', exact[i], "row " + i + " under SCIKIT_LEARN");
    }
  }
}
