package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of the internal indices that mutation testing (PIT) found unpinned: labels far apart together with
 * noise under every policy, the configuration a {@link Silhouette} reports, the selection sampling of the sampled
 * silhouette, and clusters whose size is a multiple of the kernel's stripe of 256 rows.
 */
class InternalIndexEdgeCaseTest {

  private static final double NAN = Double.NaN;

  /** Eight points: two clusters labelled 3 and 1e9 (far apart, so labels are not looked up in a dense table). */
  private static final Dataset EIGHT = Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {4, 4}, {4, 5}, {6, 4},
      {2, 2}, {9, 0}});
  private static final int[] FAR = {3, 3, 3, 1_000_000_000, 1_000_000_000, 1_000_000_000, -1, -1};

  /**
   * scikit-learn 1.2.1 (tools/eval_edge_reference.py): IGNORE is scikit-learn on the six labelled rows, MERGE is
   * scikit-learn with -1 an ordinary label, SINGLETONS gives each noise row a label of its own. The inertias by hand:
   * cluster 3 has mean (1/3, 1/3) and sum of squares 12/9, cluster 1e9 mean (14/3, 13/3) and 30/9, together 14/3;
   * the merged noise (2, 2), (9, 0) adds 2 (3.5^2 + 1^2) = 26.5 about its mean (5.5, 1).
   */
  @Test
  void labelsFarApartWithNoise() {
    SilhouetteResult ignore = Silhouette.exact().evaluate(EIGHT, FAR);
    assertArrayEquals(new double[] {0.8443263253313474, 0.791459360192925, 0.7898744141684985, 0.7125859429811134,
        0.7286836479339477, 0.6873355331590605, NAN, NAN}, ignore.samples(), 1e-15);
    assertArrayEquals(ignore.samples(), Silhouette.samples(EIGHT, FAR), 0.0);
    assertEquals(0.7590442039611487, ignore.score(), 1e-15);
    assertArrayEquals(new int[] {3, 1_000_000_000}, ignore.labels());
    assertArrayEquals(new int[] {3, 3}, ignore.clusterCounts());
    assertEquals(6, ignore.scoredCount());
    assertEquals(2, ignore.noiseCount());
    assertEquals(0.2840100144703339, DaviesBouldin.score(EIGHT, FAR), 1e-15);
    assertEquals(44.714285714285715, CalinskiHarabasz.score(EIGHT, FAR), 1e-12);
    assertEquals(14.0 / 3, Inertia.score(EIGHT, FAR), 1e-14);

    SilhouetteResult merge = Silhouette.exact().noise(NoisePolicy.MERGE).evaluate(EIGHT, FAR);
    assertArrayEquals(new double[] {0.8309158116368819, 0.7861910652553903, 0.7641463921810747, 0.6750275352103038,
        0.696901430028518, 0.552786404500042, -0.6657301794077144, -0.15412485387066505}, merge.samples(), 1e-15);
    assertEquals(0.43576420069172894, merge.score(), 1e-15);
    assertArrayEquals(new int[] {-1, 3, 1_000_000_000}, merge.labels());
    assertArrayEquals(new int[] {2, 3, 3}, merge.clusterCounts());
    assertEquals(8, merge.scoredCount());
    assertEquals(2, merge.noiseCount());
    assertEquals(1.1791077954042117, DaviesBouldin.score(EIGHT, FAR, NoisePolicy.MERGE), 1e-15);
    assertEquals(5.481283422459893, CalinskiHarabasz.score(EIGHT, FAR, NoisePolicy.MERGE), 1e-13);
    assertEquals(14.0 / 3 + 26.5, Inertia.score(EIGHT, FAR, NoisePolicy.MERGE), 1e-13);

    SilhouetteResult singletons = Silhouette.exact().noise(NoisePolicy.SINGLETONS).evaluate(EIGHT, FAR);
    assertArrayEquals(new double[] {0.6464466094067263, 0.4601654362331832, 0.4601654362331832, 0.4696699141100894,
        0.5512381144706715, 0.5263932022500211, 0.0, 0.0}, singletons.samples(), 1e-15);
    assertEquals(0.38925983908798434, singletons.score(), 1e-15);
    assertArrayEquals(new int[] {-1, 3, 1_000_000_000}, singletons.labels());
    assertEquals(2, singletons.noiseCount());
    assertEquals(0.2566969323913578, DaviesBouldin.score(EIGHT, FAR, NoisePolicy.SINGLETONS), 1e-15);
    assertEquals(27.095238095238095, CalinskiHarabasz.score(EIGHT, FAR, NoisePolicy.SINGLETONS), 1e-12);
    assertEquals(14.0 / 3, Inertia.score(EIGHT, FAR, NoisePolicy.SINGLETONS), 1e-14);
  }

  /** What a configuration reports: its threads, and its description, exact and sampled. */
  @Test
  void configurationIsReported() {
    Silhouette three = Silhouette.exact().parallelism(3);
    assertEquals(3, three.parallelism());
    assertEquals("Silhouette[exact, metric=EUCLIDEAN, noise=IGNORE, parallelism=3]", three.toString());
    Silhouette sampled = Silhouette.sampled(100, 7L).noise(NoisePolicy.MERGE);
    assertEquals("Silhouette[sampled 100, seed 7, metric=EUCLIDEAN, noise=MERGE, parallelism=1]", sampled.toString());
    assertEquals(NoisePolicy.MERGE, sampled.noise());
    assertEquals(100, sampled.sampleSize());
    SilhouetteResult r = Silhouette.exact().evaluate(EIGHT, FAR);
    assertEquals("SilhouetteResult[score=" + r.score() + ", scored=6, clusters=2]", r.toString());
  }

  /**
   * Selection sampling (Knuth's Algorithm S) draws exactly {@code sampleSize} distinct rows, each row with
   * probability {@code sampleSize / rows}. Ten noise rows under {@link NoisePolicy#SINGLETONS} are ten clusters of
   * one, so every sample of two or more rows is valid and every scored row has silhouette 0 (Rousseeuw); the rows
   * left out are NaN. Over 3000 seeds each row is drawn about 900 times (binomial, standard deviation 25): the
   * bound of 150 is six standard deviations.
   */
  @Test
  void sampledRowsAreExactlyTheSampleSizeAndEquallyLikely() {
    double[][] x = new double[10][];
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      x[i] = new double[] {i, i * i};
      labels[i] = -1;
    }
    Dataset data = Dataset.of(x);
    int[] drawn = new int[10];
    for (long seed = 0; seed < 3000; seed++) {
      SilhouetteResult r = Silhouette.sampled(3, seed).noise(NoisePolicy.SINGLETONS).evaluate(data, labels);
      double[] s = r.samples();
      int scored = 0;
      for (int i = 0; i < 10; i++) {
        if (!Double.isNaN(s[i])) {
          assertEquals(0.0, s[i]);
          scored++;
          drawn[i]++;
        }
      }
      assertEquals(3, scored, "seed " + seed);
      assertEquals(3, r.scoredCount());
    }
    for (int i = 0; i < 10; i++) {
      assertTrue(Math.abs(drawn[i] - 900) <= 150, "row " + i + " drawn " + drawn[i] + " times in 3000");
    }
  }

  /**
   * Clusters of 256 rows (one full stripe of the kernel), 512 (two) and 255, with three points alone, against the
   * textbook silhouette ({@link BruteForce}), on one and on three threads.
   */
  @Test
  void clustersOfWholeStripes() {
    int[] sizes = {256, 512, 255, 1, 1, 1};
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    Rng rng = new Rng(17);
    double[][] x = new double[n][];
    int[] labels = new int[n];
    for (int c = 0, i = 0; c < sizes.length; c++) {
      for (int q = 0; q < sizes[c]; q++, i++) {
        x[i] = new double[] {3 * c + rng.nextGaussian(), c % 2 + rng.nextGaussian()};
        labels[i] = c;
      }
    }
    double[] expected = BruteForce.silhouette(x, labels, NoisePolicy.IGNORE);
    Dataset data = Dataset.of(x);
    assertArrayEquals(expected, Silhouette.samples(data, labels), 1e-12);
    assertArrayEquals(expected, Silhouette.exact().parallelism(3).evaluate(data, labels).samples(), 1e-12);
  }
}
