package io.github.clusterkit.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansModel;
import io.github.clusterkit.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real data: labelled benchmark sets, ELKI's constant attribute, and the initialisations. */
class GaussianMixtureDataTest {

  private static final Fixture BENCH = Fixture.load("benchmark-sets.txt");

  @ParameterizedTest
  @ValueSource(strings = {"engytime", "s1", "R15", "hepta", "unbalance"})
  void restartsReachScikitLearnsLogLikelihood(String set) {
    // scikit-learn 1.2.1: GaussianMixture(n_components=k, covariance_type='full', n_init=10,
    // random_state=0).fit(X).score(X), from tools/gmm_reference.py (fixtures/gmm/benchmark-sets.txt).
    SharedData.Labelled data = SharedData.benchmark(set + ".csv");
    Dataset x = Dataset.of(data.x);
    int k = (int) BENCH.scalar(set + ".k");
    double sklearn = BENCH.scalar(set + ".score");
    GaussianMixtureModel m = GaussianMixture.components(k).restarts(10).seed(0).fit(x);
    assertTrue(m.logLikelihood() >= sklearn - 1e-3,
        set + ": mean log-likelihood " + m.logLikelihood() + " < scikit-learn's " + sklearn + " - 1e-3");
  }

  @Test
  void constantAttributeIsFine() throws IOException {
    // ELKI's EM tests (MultivariateGaussianModelTest and siblings) on constant-attribute.csv.gz: two
    // classes of 100 points in the unit square, third column constant 0; ELKI asserts F1 = 1.0, sizes
    // {100, 100}. The regularization keeps the zero variance of column 3 positive.
    List<double[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedData.file("elki/constant-attribute.csv.gz"))),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || f[0].startsWith("#")) {
          continue;
        }
        rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        labels.add(f[3]);
      }
    }
    assertEquals(200, rows.size());
    Dataset x = Dataset.of(rows.toArray(new double[0][]));
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel m = GaussianMixture.components(2).covariance(type).seed(0).fit(x);
      int[] pred = m.predict(x);
      int[][] table = new int[2][2];
      for (int i = 0; i < 200; i++) {
        table[labels.get(i).equals("A") ? 0 : 1][pred[i]]++;
      }
      // a perfect partition: each class entirely in one component
      boolean straight = table[0][0] == 100 && table[1][1] == 100;
      boolean crossed = table[0][1] == 100 && table[1][0] == 100;
      assertTrue(straight || crossed, type + ": " + table[0][0] + " " + table[0][1] + " / " + table[1][0] + " "
          + table[1][1]);
      // the constant column: mean exactly 0, variance = regularization (exact: every deviation is 0)
      assertEquals(0.0, m.means()[0][2], 0.0);
      if (type != CovarianceType.SPHERICAL) {
        assertEquals(1e-6, m.covariances()[0][2][2], 1e-20);
      }
    }
  }

  @Test
  void kmeansInitStartsFromTheKMeansClusters() {
    // With maxIterations(0) the model is the initialisation: one M-step on hard K-Means labels, so the means
    // are the K-Means centroids (up to scikit-learn's 10 eps added to each count) and the weights the
    // cluster fractions. Restart 0 seeds K-Means with Rng.split(seed, 0).nextLong().
    Dataset x = GaussianMixturePropertiesTest.blobs(5, 500, 3);
    GaussianMixtureModel m = GaussianMixture.components(4).seed(5).maxIterations(0).fit(x);
    KMeansModel km = KMeans.k(4).seed(Rng.split(5, 0).nextLong()).fit(x);
    int[] sizes = km.clusterSizes();
    for (int c = 0; c < 4; c++) {
      assertArrayEquals(km.centroids()[c], m.means()[c], 1e-12);
      assertEquals(sizes[c] / 500.0, m.weights()[c], 1e-14);
    }
  }

  @Test
  void kmeansPlusPlusInitStartsFromSeedRows() {
    // scikit-learn 1.2's "k-means++": responsibility 1 for one seed row per component, so each initial mean
    // is a data row, each weight 1/n and each covariance regularization * I.
    Dataset x = GaussianMixturePropertiesTest.blobs(9, 300, 2);
    GaussianMixtureModel m = GaussianMixture.components(3).init(GmmInit.KMEANS_PLUS_PLUS).seed(9)
        .regularization(1e-3).maxIterations(0).fit(x);
    double[][] rows = x.toRows();
    for (int c = 0; c < 3; c++) {
      assertEquals(1.0 / 300, m.weights()[c], 1e-15);
      boolean isRow = false;
      for (double[] r : rows) {
        isRow |= Math.abs(r[0] - m.means()[c][0]) <= 1e-14 * Math.abs(r[0])
            && Math.abs(r[1] - m.means()[c][1]) <= 1e-14 * Math.abs(r[1]);
      }
      assertTrue(isRow, "mean " + c + " is a data row");
      assertArrayEquals(new double[] {1e-3, 0}, m.covariances()[c][0], 1e-18);
    }
    // and EM goes on from there to a proper fit
    GaussianMixtureModel fitted = GaussianMixture.components(3).init(GmmInit.KMEANS_PLUS_PLUS).seed(9).fit(x);
    assertTrue(fitted.logLikelihood() > m.logLikelihood());
  }

  @Test
  void moreRestartsNeverHurt() {
    // Restart r depends only on (seed, r), and the best final log-likelihood wins.
    Dataset x = GaussianMixturePropertiesTest.blobs(21, 600, 2);
    double prev = Double.NEGATIVE_INFINITY;
    for (int r = 1; r <= 4; r++) {
      double ll = GaussianMixture.components(5).init(GmmInit.RANDOM).restarts(r).seed(21).fit(x).logLikelihood();
      assertTrue(ll >= prev);
      prev = ll;
    }
  }

  /**
   * Data beyond the range of squared deviations are refused with the rule and the value: near 1e200 a fit failed
   * with a misleading "points have collapsed" error, near 1e-200 it put every row in one component with means 0.
   * The edges of the accepted range fit as at magnitude 1 (same labels: an exact oracle up to the regularization,
   * which at 4e143 is negligible and at magnitude 1 too for these blobs).
   */
  @Test
  void extremeMagnitudesAreRefusedClearly() {
    double[] base = Generators.blobs(600, 2, 3, 1.0, 0, 7).data().toArray();
    for (double m : new double[] {1e200, 1e-200, Double.MAX_VALUE / 20, 1e146}) {
      double[] x = base.clone();
      for (int i = 0; i < x.length; i++) {
        x[i] *= m;
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GaussianMixture.components(3).seed(1).fit(Dataset.wrap(x, 600, 2)));
      assertTrue(e.getMessage().startsWith("data must have their largest magnitude in [2^-480, 2^481) (about"
          + " 3e-145 to 6e144)"), e.getMessage());
      double max = 0;
      for (double v : x) {
        max = Math.max(max, Math.abs(v));
      }
      assertTrue(e.getMessage().contains("got " + max + "; rescale the data first"), e.getMessage());
    }
    int[] plain = GaussianMixture.components(3).seed(1).fit(Dataset.wrap(base, 600, 2))
        .predict(Dataset.wrap(base, 600, 2));
    double[] big = base.clone();
    for (int i = 0; i < big.length; i++) {
      big[i] *= 4e143;
    }
    assertArrayEquals(plain, GaussianMixture.components(3).seed(1).fit(Dataset.wrap(big, 600, 2))
        .predict(Dataset.wrap(big, 600, 2)));
  }
}
