package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.testutil.SharedData;
import org.junit.jupiter.api.Test;

/**
 * {@link Dendrogram#cutAtHeight(double)} keeps merges at exactly {@code h}, as SciPy's {@code fcluster}, while
 * scikit-learn's {@code AgglomerativeClustering(distance_threshold=t)} merges only below {@code t}; the Javadoc tells a
 * port of a scikit-learn notebook to pass {@code Math.nextDown(t)}. A user trial found the difference on integer data
 * (Mall Customers: 54 single-linkage clusters at 5 where the notebook had 62) with nothing in the Javadoc about it.
 * Every expected value is from scikit-learn 1.2.1 and SciPy 1.10.1 through {@code tools/porting_reference.py}.
 */
class ScikitLearnThresholdTest {

  @Test
  void aMergeAtTheThresholdIsKeptHereAndByNextDownLeftOutAsScikitLearnDoes() {
    Dendrogram d = Agglomerative.linkage(Linkage.SINGLE).fit(Dataset.of(new double[][] {{0}, {1}, {3}, {6}}));
    assertArrayEquals(new double[] {1, 2, 3}, d.heights());
    // fcluster(linkage(X, 'single'), 2, criterion='distance') = [1, 1, 1, 2]
    assertArrayEquals(new int[] {0, 0, 0, 1}, d.cutAtHeight(2.0));
    assertEquals(2, d.clustersAtHeight(2.0));
    // AgglomerativeClustering(n_clusters=None, distance_threshold=2, linkage='single'): n_clusters_ 3,
    // labels_ [0, 0, 2, 1], the same partition numbered from its last merge
    assertArrayEquals(new int[] {0, 0, 1, 2}, d.cutAtHeight(Math.nextDown(2.0)));
    assertEquals(3, d.clustersAtHeight(Math.nextDown(2.0)));
  }

  @Test
  void mallIncomeAndScoreAtFiveAsTheJavadocSays() {
    double[][] rows = SharedData.mallIncomeAndScore();
    Dataset x = Dataset.of(rows);
    Linkage[] linkages = {Linkage.SINGLE, Linkage.AVERAGE, Linkage.COMPLETE, Linkage.WARD};
    // scikit-learn: AgglomerativeClustering(n_clusters=None, distance_threshold=5, linkage=...).n_clusters_
    int[] scikitLearn = {62, 85, 101, 101};
    // SciPy: fcluster(linkage(X, ...), 5, criterion='distance').max()
    int[] sciPy = {54, 83, 96, 99};
    for (int j = 0; j < linkages.length; j++) {
      Dendrogram d = Agglomerative.linkage(linkages[j]).fit(x);
      assertEquals(sciPy[j], d.clustersAtHeight(5.0), linkages[j] + " at 5");
      assertEquals(scikitLearn[j], d.clustersAtHeight(Math.nextDown(5.0)), linkages[j] + " below 5");
    }
  }
}
