package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import org.junit.jupiter.api.Test;

/**
 * The defaults that the Javadoc states, read from fresh configurations (toString, getters) or, for the
 * static shortcuts, as the equality of the shortcut and the explicit call. Each comment quotes the Javadoc;
 * each "differs" assertion shows that the data tell the default apart from the alternatives.
 */
class DocumentedDefaultsTest {

  /** Blobs with 10% noise rows (label -1), so that the noise policies give different values. */
  private static final LabeledDataset NOISY = Generators.blobs(200, 2, 3, 1.5, 0.1, 5);

  @Test
  void kSelectionDefaults() {
    // KSelection.kMeans: "the K-Means criteria (inertia, silhouette, Davies-Bouldin, Calinski-Harabasz; no
    // mixtures), seed 0, 1 restart, one thread, exact silhouette, recommendation by the silhouette";
    // kneeSensitivity: "(default 1)". (The knee sensitivity was not named before.)
    assertEquals("KSelection[k-means, k=1..10, seed=0, restarts=1, parallelism=1, criteria=[INERTIA, SILHOUETTE,"
        + " DAVIES_BOULDIN, CALINSKI_HARABASZ], recommendBy=SILHOUETTE, kneeSensitivity=1.0]",
        KSelection.kMeans(1, 10).toString());
    assertEquals("KSelection[k-means, k=2..4, seed=0, restarts=1, parallelism=1, criteria=[INERTIA, SILHOUETTE,"
        + " DAVIES_BOULDIN, CALINSKI_HARABASZ], recommendBy=SILHOUETTE, kneeSensitivity=0.5,"
        + " silhouetteSampleSize=50]",
        KSelection.kMeans(2, 4).kneeSensitivity(0.5).silhouetteSampleSize(50).toString());
    // KSelection.kMedoids: "the K-Medoids criteria (cost, silhouette, medoid silhouette, Davies-Bouldin,
    // Calinski-Harabasz), Metric.EUCLIDEAN, KMedoidsMethod.FASTER_PAM, KMedoidsInit.PLUS_PLUS, seed 0, 1 restart,
    // one thread, exact silhouette, recommendation by the silhouette"
    assertEquals("KSelection[k-medoids, k=1..10, metric=EUCLIDEAN, method=FASTER_PAM, init=PLUS_PLUS, seed=0,"
        + " restarts=1, parallelism=1, criteria=[COST, SILHOUETTE, MEDOID_SILHOUETTE, DAVIES_BOULDIN,"
        + " CALINSKI_HARABASZ], recommendBy=SILHOUETTE, kneeSensitivity=1.0]", KSelection.kMedoids(1, 10).toString());
    // KSelection.bisectingKMeans: "the K-Means criteria except the mixtures' (inertia, silhouette, Davies-Bouldin,
    // Calinski-Harabasz), BisectingStrategy.BIGGEST_INERTIA, seed 0, 1 restart per split, one thread, exact
    // silhouette, recommendation by the silhouette"
    assertEquals("KSelection[bisecting k-means, k=1..10, strategy=BIGGEST_INERTIA, seed=0, restarts=1, parallelism=1,"
        + " criteria=[INERTIA, SILHOUETTE, DAVIES_BOULDIN, CALINSKI_HARABASZ], recommendBy=SILHOUETTE,"
        + " kneeSensitivity=1.0]", KSelection.bisectingKMeans(1, 10).toString());
  }

  @Test
  void silhouetteDefaults() {
    // Silhouette.exact: "the exact silhouette, Euclidean distances, noise ignored, one thread"; sampled: "Euclidean
    // distances, noise ignored, one thread"; sampleSize: "0 for the exact silhouette".
    Silhouette exact = Silhouette.exact();
    assertEquals(io.github.clusterkit.neighbors.Metric.EUCLIDEAN, exact.metric());
    assertEquals(NoisePolicy.IGNORE, exact.noise());
    assertEquals(1, exact.parallelism());
    assertEquals(0, exact.sampleSize());
    Silhouette sampled = Silhouette.sampled(100, 7L);
    assertEquals(io.github.clusterkit.neighbors.Metric.EUCLIDEAN, sampled.metric());
    assertEquals(NoisePolicy.IGNORE, sampled.noise());
    assertEquals(1, sampled.parallelism());
    assertEquals(100, sampled.sampleSize());
    assertEquals(7L, sampled.seed());
  }

  @Test
  void internalIndicesIgnoreNoiseByDefault() {
    // NoisePolicy.IGNORE: "The default"; each two-argument score: "noise rows ignored".
    Dataset x = NOISY.data();
    int[] l = NOISY.labels();
    assertEquals(Silhouette.score(x, l, NoisePolicy.IGNORE), Silhouette.score(x, l));
    assertEquals(CalinskiHarabasz.score(x, l, NoisePolicy.IGNORE), CalinskiHarabasz.score(x, l));
    assertEquals(Inertia.score(x, l, NoisePolicy.IGNORE), Inertia.score(x, l));
    // DaviesBouldin: "the classic index (mean-distance scatter), noise rows ignored"
    assertEquals(DaviesBouldin.score(x, l, NoisePolicy.IGNORE, DaviesBouldin.Scatter.MEAN_DISTANCE),
        DaviesBouldin.score(x, l));
    assertEquals(DaviesBouldin.score(x, l, NoisePolicy.IGNORE, DaviesBouldin.Scatter.MEAN_DISTANCE),
        DaviesBouldin.score(x, l, NoisePolicy.IGNORE));
    assertNotEquals(Silhouette.score(x, l, NoisePolicy.MERGE), Silhouette.score(x, l));
    assertNotEquals(CalinskiHarabasz.score(x, l, NoisePolicy.MERGE), CalinskiHarabasz.score(x, l));
    assertNotEquals(Inertia.score(x, l, NoisePolicy.MERGE), Inertia.score(x, l));
    assertNotEquals(DaviesBouldin.score(x, l, NoisePolicy.IGNORE, DaviesBouldin.Scatter.ROOT_MEAN_SQUARE),
        DaviesBouldin.score(x, l));
  }

  @Test
  void externalMeasuresUseTheArithmeticMeanByDefault() {
    // ContingencyTable and the shortcuts: "with the arithmetic mean of the entropies (scikit-learn's default)";
    // pairCounting(): "unordered pairs of distinct points".
    int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    int[] predicted = {0, 0, 1, 1, 1, 1, 1, 1, 0}; // entropies differ, so do the means
    ContingencyTable t = ContingencyTable.of(truth, predicted);
    assertEquals(t.normalizedMutualInformation(EntropyMean.ARITHMETIC), t.normalizedMutualInformation());
    assertEquals(t.adjustedMutualInformation(EntropyMean.ARITHMETIC), t.adjustedMutualInformation());
    assertEquals(t.normalizedMutualInformation(), NormalizedMutualInformation.score(truth, predicted));
    assertEquals(t.adjustedMutualInformation(), AdjustedMutualInformation.score(truth, predicted));
    assertNotEquals(t.normalizedMutualInformation(EntropyMean.MAX), t.normalizedMutualInformation());
    assertEquals(t.pairCounting(false).toString(), t.pairCounting().toString());
    assertEquals(false, t.pairCounting().selfPairs());
  }

  @Test
  void kneedleSensitivityDefaultsToOne() {
    // Kneedle.knee(x, y, shape): "with sensitivity 1 (the authors' default)". On this curve the knee
    // depends on S: the threshold D_max - S * 0.2 of the local maximum D = 0.5626 at index 2 is crossed
    // for S = 1 (D(4) = 0.1947) and never for S = 3 (see KneedleTest for the arithmetic).
    double[] k = {1, 2, 3, 4, 5, 6};
    double[] inertia = {100, 30, 10, 8, 7, 6.5};
    assertEquals(Kneedle.knee(k, inertia, Kneedle.Shape.CONVEX_DECREASING, 1.0),
        Kneedle.knee(k, inertia, Kneedle.Shape.CONVEX_DECREASING));
    assertNotEquals(Kneedle.knee(k, inertia, Kneedle.Shape.CONVEX_DECREASING, 3.0),
        Kneedle.knee(k, inertia, Kneedle.Shape.CONVEX_DECREASING));
  }
}
