package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.DaviesBouldin.Scatter;
import io.github.clusterkit.eval.testutil.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ELKI's published figures on its unit-test file {@code uebungsblatt-2d-mini.csv} (20 points, classes
 * Cluster_1..3 and 3 "Outlier" points read as noise), as listed in the shared data's DATA.md with the ELKI
 * test that asserts each (elki-project/elki, {@code elki-clustering/src/test/java/elki/evaluation/...}).
 */
class ElkiFiguresTest {

  private static final double TOL = 1e-13;

  private static Dataset data;
  private static int[] labels;
  private static int[] kmeans;

  @BeforeAll
  static void load() {
    SharedData.Labelled f = SharedData.elki("uebungsblatt-2d-mini.csv", 2);
    data = Dataset.of(f.x);
    labels = f.labels;
    // ELKI's Lloyd k=3 result (its global optimum, SSE 54.9333), given in DATA.md by point name:
    // {A,I,J,K,L,M,N,P,R}, {B,C,D,E,F,G}, {H,S,T,U,V}; the names are the file's second label column.
    String[] groups = {"AIJKLMNPR", "BCDEFG", "HSTUV"};
    kmeans = new int[f.x.length];
    for (int i = 0; i < kmeans.length; i++) {
      kmeans[i] = -1;
      for (int g = 0; g < groups.length; g++) {
        if (groups[g].contains(f.names[i][1])) {
          kmeans[i] = g;
        }
      }
    }
  }

  @Test
  void silhouette() {
    // ELKI SilhouetteTest: MERGE_NOISE 0.589897756171037, TREAT_NOISE_AS_SINGLETONS 0.520636492550455,
    // k-means partition 0.6970597031375269.
    assertEquals(0.589897756171037, Silhouette.score(data, labels, NoisePolicy.MERGE), TOL);
    assertEquals(0.520636492550455, Silhouette.score(data, labels, NoisePolicy.SINGLETONS), TOL);
    assertEquals(0.6970597031375269, Silhouette.score(data, kmeans), TOL);
  }

  @Test
  void calinskiHarabasz() {
    // ELKI VarianceRatioCriterionTest: 40.7195512820513 (merge), 77.025 (singletons), 65.60937499999999.
    assertEquals(40.7195512820513, CalinskiHarabasz.score(data, labels, NoisePolicy.MERGE), 1e-11);
    assertEquals(77.025, CalinskiHarabasz.score(data, labels, NoisePolicy.SINGLETONS), 1e-11);
    assertEquals(65.609375, CalinskiHarabasz.score(data, kmeans), 1e-11);
  }

  @Test
  void daviesBouldin() {
    // ELKI DaviesBouldinIndexTest (MERGE_NOISE, p = 2): 1.02661179674861 and 0.4184031237431774 for k-means.
    assertEquals(1.02661179674861,
        DaviesBouldin.score(data, labels, NoisePolicy.MERGE, Scatter.ROOT_MEAN_SQUARE), TOL);
    assertEquals(0.4184031237431774,
        DaviesBouldin.score(data, kmeans, NoisePolicy.MERGE, Scatter.ROOT_MEAN_SQUARE), TOL);
    // Classic (p = 1) figures from DATA.md, computed there, not asserted by ELKI; scikit-learn 1.2.1
    // davies_bouldin_score gives 0.9727971205344526 and 0.34693871947725813.
    assertEquals(0.972797120534452, DaviesBouldin.score(data, labels, NoisePolicy.MERGE), TOL);
    assertEquals(0.34693871947725796, DaviesBouldin.score(data, kmeans), TOL);
  }

  @Test
  void inertia() {
    // ELKI SquaredErrorsTest SSE: singletons 16.8, merge 55.4666666666667, k-means 54.93333333333334.
    assertEquals(16.8, Inertia.score(data, labels, NoisePolicy.SINGLETONS), 1e-12);
    assertEquals(55.4666666666667, Inertia.score(data, labels, NoisePolicy.MERGE), 1e-12);
    assertEquals(54.93333333333334, Inertia.score(data, kmeans), 1e-12);
    // IGNORE drops the 3 outliers: SINGLETONS adds 0 for them, so the two agree.
    assertEquals(16.8, Inertia.score(data, labels), 1e-12);
  }

  @Test
  void ignoreEqualsScoringWithoutTheNoiseRows() {
    int m = 0;
    for (int l : labels) {
      m += l >= 0 ? 1 : 0;
    }
    double[][] rows = new double[m][];
    int[] kept = new int[m];
    for (int i = 0, q = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        rows[q] = data.row(i);
        kept[q++] = labels[i];
      }
    }
    Dataset clean = Dataset.of(rows);
    assertEquals(Silhouette.score(clean, kept), Silhouette.score(data, labels), 0.0);
    assertEquals(CalinskiHarabasz.score(clean, kept), CalinskiHarabasz.score(data, labels), 0.0);
    assertEquals(DaviesBouldin.score(clean, kept), DaviesBouldin.score(data, labels), 0.0);
  }

  /** ELKI PairCountingTest on scikit-learn's documentation example (labels SKLEARNA / SKLEARNB). */
  @Test
  void pairCountingOnScikitLearnExample() {
    // The label vectors are ELKI's SKLEARNA and SKLEARNB, elki-project/elki
    // elki-clustering/src/test/java/elki/evaluation/clustering/AbstractClusterEvaluationTest.java.
    int[] a = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
    int[] b = {1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2};
    PairCounting pc = ContingencyTable.of(a, b).pairCounting();
    // ELKI PairCountingTest asserts these (tolerance 1e-15, Mirkin exact).
    assertEquals(0.476190476190476, pc.precision(), 1e-15);
    assertEquals(0.5, pc.recall(), 0);
    assertEquals(0.691176470588235, pc.randIndex(), 1e-15);
    assertEquals(0.487950036474267, pc.fowlkesMallows(), 1e-15);
    assertEquals(0.32258064516129, pc.jaccard(), 1e-14);
    assertEquals(0.487804878048781, pc.f1(), 1e-15);
    assertEquals(0.499040307101727, pc.fMeasure(5), 1e-15);
    assertEquals(0.26694045174538, pc.adjustedRandIndex(), 1e-14);
    assertEquals(84, pc.mirkin());
    // The same on ELKI's ordered pairs with self-pairs: ratios change but the Mirkin count does not.
    assertEquals(84, ContingencyTable.of(a, b).pairCounting(true).mirkin());
    // scikit-learn 1.2.1: adjusted_rand_score(a, b) = 0.2669404517453799.
    assertEquals(0.2669404517453799, AdjustedRandIndex.score(a, b), 1e-16);
  }

  @Test
  void elkiSelfPairF1() {
    // DATA.md: ELKI's test F-measure is 2 sum n_ij^2 / (sum a_i^2 + sum b_j^2) over ordered pairs with
    // self-pairs. For the example above, by hand: n_ij = [[5,1,0],[1,4,1],[0,2,3]] -> sum n_ij^2 = 57;
    // a = (6,6,5) -> 97; b = (6,7,4) -> 101; F1 = 114 / 198.
    int[] a = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
    int[] b = {1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2};
    assertEquals(114.0 / 198.0, ContingencyTable.of(a, b).pairCounting(true).f1(), 1e-16);
  }

  @Test
  void selfPairAdjustedRandIsElkisFigureNotTheUsualOne() {
    // Exact computation: [0, 0, 1, 1] against [0, 1, 0, 1] joins no pair in both. Unordered pairs of distinct
    // points: TP = 0, FN = FP = TN = 2, ARI = 2 (0 - 4) / (2 * 4 + 2 * 4) = -0.5 (scikit-learn 1.2.1's
    // adjusted_rand_score gives -0.5). ELKI's ordered pairs with self-pairs: TP = FN = FP = TN = 4, ARI = 0.
    int[] a = {0, 0, 1, 1};
    int[] b = {0, 1, 0, 1};
    assertEquals(-0.5, ContingencyTable.of(a, b).pairCounting().adjustedRandIndex(), 0.0);
    assertEquals(0.0, ContingencyTable.of(a, b).pairCounting(true).adjustedRandIndex(), 0.0);
    // Both labellings all singletons: no pair joined, so F1, F-measure and Jaccard are 0 / 0 (NaN, as documented),
    // while ARI and the Rand index are 1
    PairCounting none = ContingencyTable.of(new int[] {0, 1, 2}, new int[] {5, 6, 7}).pairCounting();
    assertTrue(Double.isNaN(none.f1()) && Double.isNaN(none.jaccard()) && Double.isNaN(none.fMeasure(2)));
    assertEquals(1.0, none.adjustedRandIndex(), 0.0);
    assertEquals(1.0, none.randIndex(), 0.0);
  }
}
