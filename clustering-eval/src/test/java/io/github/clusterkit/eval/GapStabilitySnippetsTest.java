package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Linkage;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmedoids.KMedoids;
import org.junit.jupiter.api.Test;

/**
 * Keeps the snippets of {@link GapStatistic}, {@link ClusterStability} and {@link Clusterer} compiling and true (the
 * statements between the markers are the snippets word for word), as {@link JavadocSnippetsTest} does for the rest of
 * clustering-eval.
 */
class GapStabilitySnippetsTest {

  private static final LabeledDataset BLOBS = Generators.blobs(120, 2, 3, 0.6, 0.0, 3);

  @Test
  void gapStatisticSnippet() {
    Dataset data = BLOBS.data();
    // --- GapStatistic ---
    GapResult r = GapStatistic.kRange(1, 10).seed(42).restarts(10).parallelism(2).evaluate(data);
    int k = r.chosenK();                          // Tibs2001SEmax, as the paper
    int k2 = r.chosenK(GapRule.FIRST_SE_MAX, 1);  // R's print(clusGap(...)) default
    GapResult w = GapStatistic.kRange(1, 8).clusterer(Clusterer.ward())
        .reference(GapReference.PRINCIPAL_COMPONENTS).evaluate(data);
    // --- end ---
    assertEquals(GapRule.TIBS2001_SE_MAX.select(r.gap(), r.se(), 1) + 1, k);
    assertEquals(GapRule.FIRST_SE_MAX.select(r.gap(), r.se(), 1) + 1, k2);
    assertEquals(8, w.ks().length);
    // the data's log W_k is that of KMeans.k(k).seed(42).restarts(10)
    assertEquals(Math.log(KMeans.k(3).seed(42).restarts(10).fit(data).inertia()), r.logW()[2], 1e-12);
  }

  @Test
  void clusterStabilitySnippet() {
    Dataset data = BLOBS.data();
    // --- ClusterStability ---
    StabilityResult s = ClusterStability.k(5).seed(42).restarts(10).parallelism(2).evaluate(data);
    double[] stability = s.meanJaccard();   // one per cluster of s.labels()
    int[] dissolved = s.dissolved();        // resamples in which each cluster dissolved
    StabilityResult w = ClusterStability.k(3).clusterer(Clusterer.ward()).resampling(Resampling.SUBSET)
        .evaluate(data);
    // --- end ---
    assertEquals(s.clusterCount(), stability.length);
    assertEquals(s.clusterCount(), dissolved.length);
    assertArrayEquals(KMeans.k(5).seed(42).restarts(10).fit(data).labels(), s.labels());
    assertArrayEquals(Agglomerative.linkage(Linkage.WARD).fit(data).cut(3), w.labels());
    assertEquals(Resampling.SUBSET, w.resampling());
  }

  @Test
  void clustererSnippet() {
    Dataset x = BLOBS.data(); // not "data": the snippet's lambda names its parameter so
    // --- Clusterer ---
    Clusterer kMeans = Clusterer.kMeans(42, 10);     // KMeans.k(k).seed(42).restarts(10)
    Clusterer ward = Clusterer.ward();               // Ward's hierarchical clustering cut at k clusters
    Clusterer pam = (data, k) -> KMedoids.k(k).seed(7).fit(data).labels();
    // --- end ---
    assertArrayEquals(KMeans.k(4).seed(42).restarts(10).fit(x).labels(), kMeans.labels(x, 4));
    assertArrayEquals(Agglomerative.linkage(Linkage.WARD).fit(x).cut(4), ward.labels(x, 4));
    assertArrayEquals(KMedoids.k(4).seed(7).fit(x).labels(), pam.labels(x, 4));
  }
}
