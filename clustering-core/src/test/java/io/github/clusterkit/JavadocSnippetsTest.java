package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.ColumnType;
import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.Table;
import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.dbscan.DbscanModel;
import io.github.clusterkit.dbscan.KDistance;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Dendrogram;
import io.github.clusterkit.hierarchical.Linkage;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.kmeans.MiniBatchKMeans;
import io.github.clusterkit.pca.Pca;
import io.github.clusterkit.pca.PcaModel;
import io.github.clusterkit.preprocess.Imputer;
import io.github.clusterkit.preprocess.Pipeline;
import io.github.clusterkit.preprocess.PipelineModel;
import io.github.clusterkit.preprocess.StandardScaler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code snippets of clustering-core's Javadoc (package and class comments) compiling and true: the
 * statements between the markers are the snippets word for word, and what their comments and the surrounding
 * text promise is asserted against brute-force computations. (The README's snippets are QuickStartTest's.)
 */
class JavadocSnippetsTest {

  /** Five well separated blobs in two dimensions, 5% noise: the kind of data the snippets are written for. */
  private static final Dataset DATA = Generators.blobs(500, 2, 5, 0.5, 0.05, 42).data();

  @Test
  void dbscanPackageSnippet() {
    Dataset data = DATA;
    // --- dbscan/package-info.java ---
    KDistance kd = KDistance.of(data, 10);                       // 10 = the minPts you intend to use
    DbscanModel m = Dbscan.eps(kd.knee()).minPts(10).fit(data);
    int[] labels = m.labels();                                   // -1 = noise
    int label = m.predict(new double[] {0.1, 0.2});
    // --- end ---
    // KDistance: with k = minPts and eps = knee() every row whose k-distance is at most the knee's is core, so
    // the fraction of core points is the fraction of the sorted curve at or below the knee.
    double[] curve = kd.sortedDistances();
    int below = 0;
    for (double v : curve) {
      below += v <= kd.knee() ? 1 : 0;
    }
    assertEquals(below, m.coreCount());
    int noise = 0;
    for (int l : labels) {
      assertTrue(l >= -1 && l < m.clusterCount());
      noise += l == -1 ? 1 : 0;
    }
    assertEquals(m.noiseCount(), noise);
    assertEquals(nearestCoreLabel(data, labels, m.coreMask(), new double[] {0.1, 0.2}, kd.knee()), label);
  }

  @Test
  void dbscanClassSnippet() {
    Dataset data = DATA;
    // --- Dbscan ---
    DbscanModel m = Dbscan.eps(0.3).minPts(10).fit(data);
    // --- end ---
    // The definition in the class comment, by brute force: core = at least minPts rows within eps (itself
    // included); a non-core row takes the label of its nearest core row within eps, else noise.
    boolean[] core = m.coreMask();
    int[] labels = m.labels();
    for (int i = 0; i < data.size(); i++) {
      int within = 0;
      for (int j = 0; j < data.size(); j++) {
        within += dist(data.row(i), data.row(j)) <= 0.3 ? 1 : 0;
      }
      assertEquals(within >= 10, core[i], "row " + i);
      if (!core[i]) {
        assertEquals(nearestCoreLabel(data, labels, core, data.row(i), 0.3), labels[i], "row " + i);
      }
    }
  }

  @Test
  void kMeansClassSnippet() {
    Dataset data = DATA;
    // --- KMeans ---
    KMeansModel m = KMeans.k(5).seed(42).restarts(10).fit(data);
    double[][] centroids = m.centroids();
    int[] labels = m.labels();
    int label = m.predict(new double[] {1.0, 2.0});
    // --- end ---
    assertEquals(5, centroids.length);
    // predict: the nearest centroid, lowest index on ties (brute force); labels: those of the final centroids.
    assertEquals(nearest(centroids, new double[] {1.0, 2.0}), label);
    double inertia = 0;
    for (int i = 0; i < data.size(); i++) {
      assertEquals(nearest(centroids, data.row(i)), labels[i], "row " + i);
      double dd = dist(data.row(i), centroids[labels[i]]);
      inertia += dd * dd;
    }
    assertEquals(inertia, m.inertia(), 1e-9 * inertia);
  }

  @Test
  void hierarchicalPackageSnippet() {
    Dataset data = DATA;
    // --- hierarchical/package-info.java ---
    Dendrogram t = Agglomerative.linkage(Linkage.WARD).fit(data);
    int[] labels = t.cut(5);                  // exactly 5 clusters
    int[] byHeight = t.cutAtHeight(2.5);      // every merge of height <= 2.5
    double[][] z = t.linkageMatrix();         // as scipy.cluster.hierarchy.linkage(X, 'ward')
    int[] drawOrder = t.leafOrder();          // as scipy.cluster.hierarchy.leaves_list(z)
    // --- end ---
    int n = data.size();
    assertEquals(5, Arrays.stream(labels).distinct().count());
    // Every merge of height <= 2.5 is made: n minus their number clusters.
    long merges = Arrays.stream(z).filter(row -> row[2] <= 2.5).count();
    assertEquals(n - merges, Arrays.stream(byHeight).distinct().count());
    assertLinkageLayout(z, n);
    int[] sorted = drawOrder.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Test
  void agglomerativeClassSnippet() {
    Dataset data = DATA;
    // --- Agglomerative ---
    Dendrogram t = Agglomerative.linkage(Linkage.WARD).fit(data);
    int[] labels = t.cut(5);              // or t.cutAtHeight(h)
    double[][] z = t.linkageMatrix();     // SciPy's layout: [left, right, height, size] per merge
    // --- end ---
    assertEquals(5, Arrays.stream(labels).distinct().count());
    assertLinkageLayout(z, data.size());
  }

  @Test
  void pcaClassSnippet() {
    Dataset data = Generators.blobs(300, 4, 3, 1.0, 0.0, 9).data();
    // --- Pca ---
    PcaModel p = Pca.components(2).fit(data);          // or Pca.varianceToKeep(0.95), or Pca.mle()
    Dataset z = p.transform(data);
    double[] ratio = p.explainedVarianceRatio();
    // --- end ---
    assertEquals(300, z.size());
    assertEquals(2, z.dimension());
    assertEquals(2, ratio.length);
    assertTrue(ratio[0] >= ratio[1] && ratio[0] + ratio[1] <= 1 + 1e-12);
    // varianceToKeep(0.95): the smallest count whose cumulative ratio exceeds 0.95 (from all 4 ratios).
    double[] all = Pca.components(4).fit(data).explainedVarianceRatio();
    int keep = 0;
    double cumulative = 0;
    while (keep < all.length && cumulative <= 0.95) {
      cumulative += all[keep++];
    }
    assertEquals(keep, Pca.varianceToKeep(0.95).fit(data).componentCount());
    // mle: a count in [1, d - 1] (the value against scikit-learn is PcaMleTest's)
    int mle = Pca.mle().fit(data).componentCount();
    assertTrue(mle >= 1 && mle <= 3);
  }

  @Test
  void tableAndPipelineSnippets() {
    // --- Table ---
    Table t = Table.builder()
        .categorical("Gender", new String[] {"Male", "Female", null})
        .numeric("Age", new double[] {19, 21, Double.NaN})
        .build();
    // --- end ---
    assertEquals(3, t.rowCount());
    assertEquals(List.of("Gender", "Age"), t.columnNames());
    assertEquals(ColumnType.CATEGORICAL, t.type("Gender"));
    assertEquals(1, t.missingCount("Gender"));
    assertEquals(1, t.missingCount("Age"));

    Table table = t.drop("Gender");
    // --- Pipeline ---
    PipelineModel p = Pipeline.of(Imputer.median(), new StandardScaler()).fit(table);
    Dataset x = p.transform(table);
    List<String> names = p.outputColumns();
    // --- end ---
    // median of {19, 21} is 20, so Age = {19, 21, 20}: mean 20, population sd sqrt(2/3).
    assertEquals(List.of("Age"), names);
    double sd = Math.sqrt(2.0 / 3);
    assertArrayEquals(new double[] {-1 / sd, 1 / sd, 0}, x.column(0), 1e-15);
  }

  @Test
  void gaussianMixtureClassSnippet() {
    Dataset data = DATA;
    // --- GaussianMixture ---
    GaussianMixtureModel g = GaussianMixture.components(5).covariance(CovarianceType.FULL).seed(1).fit(data);
    // --- end ---
    assertEquals(5, g.components());
    assertEquals(CovarianceType.FULL, g.covarianceType());
    assertEquals(1.0, Arrays.stream(g.weights()).sum(), 1e-12);
  }

  /** Checks SciPy's layout: [left, right, height, size], left < right < n + i, heights non-decreasing. */
  private static void assertLinkageLayout(double[][] z, int n) {
    assertEquals(n - 1, z.length);
    int[] size = new int[2 * n - 1];
    Arrays.fill(size, 0, n, 1);
    for (int i = 0; i < z.length; i++) {
      int left = (int) z[i][0];
      int right = (int) z[i][1];
      assertTrue(left < right && right < n + i, "merge " + i);
      assertTrue(i == 0 || z[i][2] >= z[i - 1][2], "merge " + i);
      size[n + i] = size[left] + size[right];
      assertEquals(size[n + i], (int) z[i][3], "merge " + i);
    }
    assertEquals(n, size[2 * n - 2]);
  }

  @Test
  void miniBatchKMeansClassSnippet() {
    Dataset data = DATA;
    List<Dataset> batches = new java.util.ArrayList<>();
    for (int b = 0; b < 5; b++) {
      double[][] rows = new double[100][];
      for (int i = 0; i < 100; i++) {
        rows[i] = DATA.row(b * 100 + i);
      }
      batches.add(Dataset.of(rows));
    }
    Dataset someRows = DATA;
    // --- MiniBatchKMeans ---
    KMeansModel m = MiniBatchKMeans.k(10).seed(42).batchSize(4096).fit(data);
    int label = m.predict(new double[] {1.0, 2.0});

    MiniBatchKMeans.Updater u = MiniBatchKMeans.k(10).seed(42).updater();
    for (Dataset batch : batches) {
      u.update(batch);
    }
    KMeansModel streamed = u.model(someRows);
    // --- end ---
    double[][] centroids = m.centroids();
    assertEquals(10, centroids.length);
    // predict: the nearest centroid (brute force); the fit's labels and the streamed model's: those of their centroids.
    assertEquals(nearest(centroids, new double[] {1.0, 2.0}), label);
    double[][] sc = streamed.centroids();
    int[] sl = streamed.labels();
    assertEquals(someRows.size(), sl.length);
    for (int i = 0; i < data.size(); i++) {
      assertEquals(nearest(centroids, data.row(i)), m.labels()[i], "row " + i);
      assertEquals(nearest(sc, someRows.row(i)), sl[i], "row " + i);
    }
    assertEquals(5, u.steps());
  }

  private static double dist(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  private static int nearest(double[][] centroids, double[] p) {
    int best = 0;
    for (int c = 1; c < centroids.length; c++) {
      if (dist(p, centroids[c]) < dist(p, centroids[best])) {
        best = c;
      }
    }
    return best;
  }

  /** The label of the nearest core row within eps (ties: the smaller label), else -1. */
  private static int nearestCoreLabel(Dataset data, int[] labels, boolean[] core, double[] p, double eps) {
    int label = -1;
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < data.size(); j++) {
      double dj = dist(p, data.row(j));
      if (core[j] && dj <= eps && (dj < best || (dj == best && labels[j] < label))) {
        best = dj;
        label = labels[j];
      }
    }
    return label;
  }
}
