package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.kmeans.BisectingKMeans;
import io.github.clusterkit.kmeans.BisectingKMeansModel;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmedoids.KMedoids;
import io.github.clusterkit.kmedoids.KMedoidsModel;
import io.github.clusterkit.neighbors.Metric;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code snippets of clustering-eval's Javadoc compiling and true: the statements between the markers
 * are the snippets word for word; their comments' promises are asserted against the rules the Javadoc states,
 * recomputed here from the table or from the underlying fits.
 */
class JavadocSnippetsTest {

  private static final LabeledDataset BLOBS = Generators.blobs(400, 2, 4, 0.6, 0.05, 3);

  @Test
  void simplifiedSilhouetteSnippet() {
    Dataset data = BLOBS.data();
    int[] labels = BLOBS.labels();
    // --- SimplifiedSilhouette ---
    double s = SimplifiedSilhouette.score(data, labels);                   // Euclidean, noise ignored
    SilhouetteResult r = SimplifiedSilhouette.defaults().noise(NoisePolicy.MERGE).parallelism(2)
        .evaluate(data, labels);
    // --- end ---
    assertEquals(SimplifiedSilhouette.defaults().noise(NoisePolicy.IGNORE).metric(Metric.EUCLIDEAN)
        .evaluate(data, labels).score(), s, 0.0);
    assertEquals(SimplifiedSilhouette.score(data, labels, NoisePolicy.MERGE), r.score(), 0.0);
  }

  @Test
  void medoidSilhouetteSnippet() {
    Dataset data = BLOBS.data();
    // --- MedoidSilhouette ---
    KMedoidsModel model = KMedoids.k(5).fit(data);
    double s = MedoidSilhouette.score(data, model);                    // the model's metric
    double t = MedoidSilhouette.score(data, new int[] {3, 17, 42});    // medoids by row, Euclidean
    SilhouetteResult r = MedoidSilhouette.defaults().metric(Metric.MANHATTAN).parallelism(2)
        .evaluate(data, new double[][] {{0, 0}, {5, 5}});
    // --- end ---
    assertEquals(MedoidSilhouette.defaults().metric(model.metric()).evaluate(data, model.medoidIndices()).score(), s,
        0.0);
    assertEquals(MedoidSilhouette.defaults().evaluate(data, new double[][] {data.row(3), data.row(17), data.row(42)})
        .score(), t, 0.0);
    assertEquals(data.size(), r.scoredCount());
    assertTrue(s >= 0 && s <= 1 && t >= 0 && t <= 1 && r.score() >= 0 && r.score() <= 1);
  }

  @Test
  void silhouetteSnippet() {
    Dataset data = BLOBS.data();
    int[] labels = BLOBS.labels();
    // --- Silhouette ---
    double s = Silhouette.score(data, labels);                      // exact, noise ignored
    SilhouetteResult r = Silhouette.exact().noise(NoisePolicy.MERGE).parallelism(2).evaluate(data, labels);
    double l1 = Silhouette.exact().metric(Metric.MANHATTAN).evaluate(data, labels).score();
    double approx = Silhouette.sampled(5_000, 42L).evaluate(data, labels).score();
    // --- end ---
    // "noise ignored": the same as scoring the rows without noise.
    int kept = 0;
    for (int l : labels) {
      kept += l >= 0 ? 1 : 0;
    }
    double[][] rows = new double[kept][];
    int[] clean = new int[kept];
    for (int i = 0, t = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        rows[t] = data.row(i);
        clean[t++] = labels[i];
      }
    }
    assertEquals(Silhouette.score(Dataset.of(rows), clean), s, 1e-15);
    // MERGE: the noise rows are one more cluster, labelled -1 in the result.
    assertEquals(-1, r.labels()[0]);
    assertEquals(data.size(), r.scoredCount());
    // sampled: "when sampleSize is at least the number of those rows, every row is used and the result equals
    // exact()" (5000 > 400 - noise).
    assertEquals(s, approx);
    // Manhattan distances: another value on the same labels (the oracle is SilhouetteMetricTest's)
    assertTrue(l1 >= -1 && l1 <= 1 && l1 != s);
  }

  @Test
  void epsSelectionSnippet() {
    Dataset data = BLOBS.data();
    // --- EpsSelection ---
    KDistance plot = EpsSelection.kDistance(data, 5);
    double eps = plot.knee();                 // suggested eps for minPts = 5
    double[] curve = plot.sortedDistances();  // ascending, for drawing the plot
    int at = plot.kneeIndex();
    // --- end ---
    assertEquals(curve[at], eps);
    for (int i = 1; i < curve.length; i++) {
      assertTrue(curve[i - 1] <= curve[i]);
    }
    // "exactly as KDistance.of(Dataset, int)"
    KDistance direct = KDistance.of(data, 5);
    assertArrayEquals(direct.sortedDistances(), curve);
    assertEquals(direct.kneeIndex(), at);
  }

  @Test
  void kSelectionKMedoidsSnippet() {
    Dataset data = BLOBS.data();
    // --- KSelection (K-Medoids) ---
    KSelectionResult m = KSelection.kMedoids(1, 10).metric(Metric.MANHATTAN).seed(42).restarts(3).parallelism(2)
        .evaluate(data);
    int knee = m.best(Criterion.COST);          // the Kneedle knee of the cost, -1 if none
    KMedoidsModel medoids = m.kMedoidsModel(m.recommendedK());
    // --- end ---
    double[] ks = new double[10];
    for (int t = 0; t < 10; t++) {
      ks[t] = t + 1;
    }
    int t = Kneedle.knee(ks, m.values(Criterion.COST), Kneedle.Shape.CONVEX_DECREASING);
    assertEquals(t < 0 ? -1 : t + 1, knee);
    assertEquals(KMedoids.k(m.recommendedK()).metric(Metric.MANHATTAN).seed(42).restarts(3).fit(data).state(),
        medoids.state());
    // "by the highest silhouette unless configured otherwise" (the class's default), in the sweep's metric
    assertEquals(Criterion.SILHOUETTE, m.rule());
    double[] sil = m.values(Criterion.SILHOUETTE);
    for (double v : sil) {
      assertTrue(Double.isNaN(v) || v <= sil[m.recommendedK() - 1]);
    }
    assertEquals(Silhouette.exact().metric(Metric.MANHATTAN).evaluate(data, medoids.labels()).score(),
        sil[m.recommendedK() - 1], 0.0);
  }

  @Test
  void kSelectionBisectingSnippet() {
    Dataset data = BLOBS.data();
    // --- KSelection (bisecting K-Means) ---
    KSelectionResult b = KSelection.bisectingKMeans(1, 10).seed(42).restarts(3).parallelism(2).evaluate(data);
    BisectingKMeansModel best = b.bisectingModel(b.recommendedK()); // as BisectingKMeans.k(k).seed(42).restarts(3)
    int[] halves = b.bisectingModel(10).labelsAt(2);               // the first split, which every k refines
    // --- end ---
    int k = b.recommendedK();
    // "by the highest silhouette unless configured otherwise", on the labels of the separate fit
    assertEquals(Criterion.SILHOUETTE, b.rule());
    double[] sil = b.values(Criterion.SILHOUETTE);
    assertEquals(b.ks()[argBest(sil, true)], k);
    assertTrue(k >= 2);
    BisectingKMeansModel separate = BisectingKMeans.k(k).seed(42).restarts(3).fit(data);
    assertEquals(separate.state(), best.state());
    assertEquals(Silhouette.exact().evaluate(data, separate.labels()).score(), sil[k - 1], 0.0);
    // every k's inertia is that of its separate fit
    double[] inertia = b.values(Criterion.INERTIA);
    for (int m = 1; m <= 10; m++) {
      assertEquals(BisectingKMeans.k(m).seed(42).restarts(3).fit(data).inertia(), inertia[m - 1], 0.0);
    }
    // the halves are the fit with k = 2, and each of best's segments lies inside one half
    assertArrayEquals(BisectingKMeans.k(2).seed(42).restarts(3).fit(data).labels(), halves);
    int[] labels = best.labels();
    int[] halfOf = new int[k];
    java.util.Arrays.fill(halfOf, -1);
    for (int i = 0; i < labels.length; i++) {
      if (halfOf[labels[i]] < 0) {
        halfOf[labels[i]] = halves[i];
      }
      assertEquals(halfOf[labels[i]], halves[i], "row " + i);
    }
  }

  @Test
  void kSelectionSnippet() {
    Dataset data = BLOBS.data();
    // --- KSelection ---
    KSelectionResult r = KSelection.kMeans(1, 10).seed(42).restarts(10).parallelism(2).evaluate(data);
    int k = r.recommendedK();            // by the highest silhouette unless configured otherwise
    double[] inertia = r.values(Criterion.INERTIA);
    int elbow = r.best(Criterion.INERTIA);   // the Kneedle knee, -1 if none

    // Gaussian mixtures too, recommending the k with the lowest BIC
    KSelectionResult g = KSelection.kMeans(1, 10).seed(42).mixtures(CovarianceType.FULL)
        .recommendBy(Criterion.BIC).evaluate(data);
    double[] bic = g.values(Criterion.BIC);
    GaussianMixtureModel best = g.mixture(g.recommendedK());
    // --- end ---
    int[] ks = r.ks();
    double[] silhouette = r.values(Criterion.SILHOUETTE);
    assertEquals(Criterion.SILHOUETTE, r.rule());
    assertEquals(ks[argBest(silhouette, true)], k);
    // the inertia column is that of KMeans.k(k).seed(42).restarts(10), and the elbow Kneedle's knee of it
    for (int t = 0; t < ks.length; t++) {
      assertEquals(KMeans.k(ks[t]).seed(42).restarts(10).fit(data).inertia(), inertia[t]);
    }
    double[] x = new double[ks.length];
    for (int t = 0; t < ks.length; t++) {
      x[t] = ks[t];
    }
    int knee = Kneedle.knee(x, inertia, Kneedle.Shape.CONVEX_DECREASING);
    assertEquals(knee < 0 ? -1 : ks[knee], elbow);
    // BIC: lowest wins; the mixture is GaussianMixture.components(k).covariance(FULL).seed(42).restarts(1)
    assertEquals(Criterion.BIC, g.rule());
    assertEquals(ks[argBest(bic, false)], g.recommendedK());
    assertEquals(g.recommendedK(), best.components());
    assertEquals(GaussianMixture.components(best.components()).covariance(CovarianceType.FULL).seed(42)
        .fit(data).state(), best.state());
    assertEquals(best.bic(data), bic[g.recommendedK() - 1]);
  }

  /** Index of the highest (or lowest) non-NaN value, the first on ties (Criterion: "ties go to the smallest k"). */
  private static int argBest(double[] v, boolean highest) {
    int arg = -1;
    for (int t = 0; t < v.length; t++) {
      if (!Double.isNaN(v[t]) && (arg < 0 || (highest ? v[t] > v[arg] : v[t] < v[arg]))) {
        arg = t;
      }
    }
    return arg;
  }

  @Test
  void segmentProfileSnippet() {
    Table customers = Table.builder()
        .categorical("CUST_ID", new String[] {"C1", "C2", "C3", "C4"})
        .numeric("Annual Income (k$)", new double[] {90, 100, 20, 30})
        .numeric("Spending Score (1-100)", new double[] {10, 20, 80, 90})
        .build();
    int[] labels = {0, 0, 1, 1};
    // --- SegmentProfile ---
    SegmentProfile p = SegmentProfile.of(customers.drop("CUST_ID"), labels); // as read, ids dropped; -1 is noise
    int[] sizes = p.sizes();                                     // aligned with p.segments()
    double[] z = p.zScores(0);                                   // segment 0, aligned with p.features()
    String name = p.name(0, 0.5);                                // "High Annual Income, Low Spending Score"
    // --- end ---
    assertArrayEquals(new int[] {2, 2}, sizes);
    // income: mean 60, population sd sqrt(5000 / 4); segment 0 mean 95. Spending: mean 50, same sd, mean 15.
    assertArrayEquals(new double[] {35 / Math.sqrt(1250), -35 / Math.sqrt(1250)}, z, 1e-12);
    assertEquals("High Annual Income, Low Spending Score", name);
    assertEquals(java.util.List.of("Annual Income (k$)", "Spending Score (1-100)"), p.features());
    // with the ids every customer is a feature of its own (an id's share is 1/2 in its segment, 1/4 overall)
    assertEquals(6, SegmentProfile.of(customers, labels).features().size());
  }
}
