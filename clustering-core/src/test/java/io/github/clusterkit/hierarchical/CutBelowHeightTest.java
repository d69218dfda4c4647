package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Dendrogram#cutBelowHeight(double)} and {@link Dendrogram#clustersBelowHeight(double)}: scikit-learn's
 * {@code AgglomerativeClustering(n_clusters=None, distance_threshold=t)}, which merges only below {@code t}. The data
 * are {@link ScikitLearnThresholdTest}'s; the expected values are printed by
 * {@code tools/porting_conveniences_reference.py}, section [G], which also writes the fixture
 * {@code fixtures/hierarchical/threshold_mall.txt} (scikit-learn 1.2.1's {@code labels_}, renumbered in order of first
 * appearance, the numbering of the cut).
 */
class CutBelowHeightTest {

  private static final Dataset ROWS = Dataset.of(new double[][] {{0}, {1}, {3}, {6}});

  @Test
  void fourRowsAsScikitLearn() {
    Dendrogram d = Agglomerative.linkage(Linkage.SINGLE).fit(ROWS);
    // [G] distance_threshold=2.0: n_clusters_ 3, labels_ [0, 0, 2, 1] (renumbered: [0, 0, 1, 2])
    assertArrayEquals(new int[] {0, 0, 1, 2}, d.cutBelowHeight(2.0));
    assertEquals(3, d.clustersBelowHeight(2.0));
    // [G] distance_threshold=1.0: n_clusters_ 4, labels_ [3, 1, 2, 0]: the merge at 1 is not made
    assertArrayEquals(new int[] {0, 1, 2, 3}, d.cutBelowHeight(1.0));
    assertEquals(4, d.clustersBelowHeight(1.0));
    // [G] distance_threshold=1.0000000000000002 (Math.nextUp(1)): n_clusters_ 3, labels_ [0, 0, 2, 1]
    assertArrayEquals(new int[] {0, 0, 1, 2}, d.cutBelowHeight(Math.nextUp(1.0)));
    // [G] distance_threshold=0.0: n_clusters_ 4
    assertEquals(4, d.clustersBelowHeight(0.0));
    // beyond scikit-learn's range, by the definition: every merge below +Infinity, none below -Infinity
    assertArrayEquals(new int[] {0, 0, 0, 0}, d.cutBelowHeight(Double.POSITIVE_INFINITY));
    assertArrayEquals(new int[] {0, 1, 2, 3}, d.cutBelowHeight(Double.NEGATIVE_INFINITY));
    assertEquals("t must not be NaN",
        assertThrows(IllegalArgumentException.class, () -> d.cutBelowHeight(Double.NaN)).getMessage());
    assertEquals("t must not be NaN",
        assertThrows(IllegalArgumentException.class, () -> d.clustersBelowHeight(Double.NaN)).getMessage());
  }

  @Test
  void mallIncomeAndScoreAtFiveAsScikitLearnLabelForLabel() throws IOException {
    Dataset x = Dataset.of(SharedData.mallIncomeAndScore());
    Map<String, Linkage> linkages = new HashMap<>();
    linkages.put("single", Linkage.SINGLE);
    linkages.put("average", Linkage.AVERAGE);
    linkages.put("complete", Linkage.COMPLETE);
    linkages.put("ward", Linkage.WARD);
    int seen = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        CutBelowHeightTest.class.getResourceAsStream("/fixtures/hierarchical/threshold_mall.txt"),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        String[] cells = f[2].split(",");
        int[] expected = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
          expected[i] = Integer.parseInt(cells[i]);
        }
        Dendrogram d = Agglomerative.linkage(linkages.get(f[0])).fit(x);
        // n_clusters_ 62 / 85 / 101 / 101 (also in ScikitLearnThresholdTest, from porting_reference.py)
        assertEquals(Integer.parseInt(f[1]), d.clustersBelowHeight(5.0), f[0]);
        assertArrayEquals(expected, d.cutBelowHeight(5.0), f[0] + ": labels_, renumbered");
        seen++;
      }
    }
    assertEquals(4, seen);
  }

  @Property(tries = 150)
  void isCutAtHeightOfTheNextDoubleBelow(@ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @IntRange(min = 0, max = 3) int linkageIndex, @ForAll long seed) {
    Rng rng = new Rng(seed);
    double[][] rows = new double[n][2];
    for (int i = 0; i < n; i++) {
      // integers: many merges at exactly the thresholds tried below
      rows[i][0] = rng.nextInt(6);
      rows[i][1] = rng.nextInt(6);
    }
    Dendrogram d = Agglomerative.linkage(Linkage.values()[linkageIndex]).fit(Dataset.of(rows));
    double[] ts = {0, 1, 2, Math.sqrt(2), 3, rng.uniform(0, 8)};
    for (double t : ts) {
      assertArrayEquals(d.cutAtHeight(Math.nextDown(t)), d.cutBelowHeight(t), "t = " + t);
      assertEquals(d.clustersAtHeight(Math.nextDown(t)), d.clustersBelowHeight(t), "t = " + t);
    }
    // and the merges it makes are exactly those below t
    for (double h : d.heights()) {
      int below = 0;
      for (double g : d.heights()) {
        below += g < h ? 1 : 0;
      }
      assertEquals(n - below, d.clustersBelowHeight(h), "t = a merge height, " + h);
    }
  }
}
