package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.dbscan.Dbscan;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GmmInit;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Linkage;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.kmeans.KMeans;
import io.github.clusterkit.kmeans.KMeansAlgorithm;
import io.github.clusterkit.kmeans.KMeansInit;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.pca.Pca;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Value equality of the algorithm configurations ({@link KMeans}, {@link Dbscan}, {@link GaussianMixture},
 * {@link Agglomerative}, {@link Pca}): equal when built the same way or by equivalent calls, unequal when any one
 * setting differs, equal hash codes for equal configurations (doubles as {@link Double#equals}, arrays by content),
 * never equal to null or to another type. The expectations are exact by construction: which settings were given.
 */
class ConfigEqualityTest {

  private static final double[][] CENTROIDS = {{0, 0}, {1, 2}};

  /**
   * Builds the list twice: element {@code i} of one build equals element {@code j} of the other exactly when
   * {@code i == j}, with equal hash codes then; none equals null or an object of another type.
   */
  private static void assertEqualExactlyWhenBuiltAlike(Supplier<List<Object>> build) {
    List<Object> a = build.get();
    List<Object> b = build.get();
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      assertTrue(x.equals(x), x + " equals itself");
      assertFalse(x.equals(null), x + " equals null");
      assertFalse(x.equals(x.toString()), x + " equals a String");
      for (int j = 0; j < b.size(); j++) {
        Object y = b.get(j);
        if (i == j) {
          assertEquals(x, y, "variant " + i);
          assertEquals(x.hashCode(), y.hashCode(), "hash codes of variant " + i + ": " + x);
        } else {
          assertNotEquals(x, y, "variants " + i + " and " + j + ": " + x + " and " + y);
        }
      }
    }
  }

  private static void assertEqualConfigs(Object a, Object b) {
    assertEquals(a, b);
    assertEquals(b, a);
    assertEquals(a.hashCode(), b.hashCode(), a + " and " + b);
  }

  private static double[][] centroids(double x00) {
    return new double[][] {{x00, 0}, {1, 2}};
  }

  // ---------------------------------------------------------------- K-Means

  @Test
  void kMeansDiffersInEverySetting() {
    assertEqualExactlyWhenBuiltAlike(() -> List.of(
        KMeans.k(2),
        KMeans.k(3),
        KMeans.k(2).seed(1),
        KMeans.k(2).seed(-1),
        KMeans.k(2).restarts(10),
        KMeans.k(2).maxIterations(299),
        KMeans.k(2).tolerance(1e-5),
        KMeans.k(2).tolerance(0.0),
        // -0.0 is accepted and compared as Double.equals does (hashCode hashes the double)
        KMeans.k(2).tolerance(-0.0),
        KMeans.k(2).init(KMeansInit.PLUS_PLUS_CLASSIC),
        KMeans.k(2).init(KMeansInit.RANDOM),
        KMeans.k(2).initialCentroids(CENTROIDS),
        KMeans.k(2).initialCentroids(centroids(0.5)),
        KMeans.k(2).initialCentroids(centroids(-0.0)),
        // restarts are kept under explicit centroids: init(...) brings them back into use
        KMeans.k(2).restarts(10).initialCentroids(CENTROIDS),
        KMeans.k(2).seed(1).initialCentroids(CENTROIDS),
        KMeans.k(2).algorithm(KMeansAlgorithm.LLOYD),
        KMeans.k(2).algorithm(KMeansAlgorithm.HAMERLY),
        KMeans.k(2).algorithm(KMeansAlgorithm.ELKAN),
        KMeans.k(2).parallelism(2)));
  }

  @Test
  void kMeansEqualByEquivalentCalls() {
    assertEqualConfigs(KMeans.k(3), KMeans.k(3));
    assertEqualConfigs(
        KMeans.k(3).seed(7).restarts(4).maxIterations(50).tolerance(0).init(KMeansInit.RANDOM)
            .algorithm(KMeansAlgorithm.ELKAN).parallelism(2),
        KMeans.k(3).parallelism(2).algorithm(KMeansAlgorithm.ELKAN).init(KMeansInit.RANDOM).tolerance(0)
            .maxIterations(50).restarts(4).seed(7));
    assertEqualConfigs(KMeans.k(2).seed(5).seed(0), KMeans.k(2));
    assertEqualConfigs(KMeans.k(2).init(KMeansInit.RANDOM).init(KMeansInit.PLUS_PLUS), KMeans.k(2));
    // Centroids compared by content, not identity; the caller's later change of its array changes nothing.
    double[][] c = centroids(0.25);
    KMeans given = KMeans.k(2).initialCentroids(c);
    c[0][0] = 9;
    assertEqualConfigs(given, KMeans.k(2).initialCentroids(centroids(0.25)));
    // The strategy set before explicit centroids can never take effect again (init(...) replaces it), and
    // toString shows neither: init=explicit.
    assertEqualConfigs(KMeans.k(2).init(KMeansInit.RANDOM).initialCentroids(CENTROIDS),
        KMeans.k(2).initialCentroids(CENTROIDS));
    assertEquals(KMeans.k(2).init(KMeansInit.RANDOM).initialCentroids(CENTROIDS).toString(),
        KMeans.k(2).initialCentroids(CENTROIDS).toString());
    // init(...) clears explicit centroids
    assertEqualConfigs(KMeans.k(2).initialCentroids(CENTROIDS).init(KMeansInit.PLUS_PLUS), KMeans.k(2));
  }

  /**
   * Random pairs of configurations from a few values per setting, each built by its withers in a random order
   * (initial centroids after the strategy, which would clear them): equal exactly when every setting is, the
   * strategy aside under explicit centroids, and then with equal hash codes. The second configuration shares
   * most settings with the first, so that equal pairs are frequent.
   */
  @Property(tries = 400)
  void kMeansEqualExactlyWhenEverySettingIs(@ForAll long seed) {
    Rng rng = new Rng(seed);
    int[] bounds = {2, 2, 2, 2, 3, 3, 3, 4, 2};
    int[] a = new int[bounds.length];
    int[] b = new int[bounds.length];
    for (int s = 0; s < a.length; s++) {
      a[s] = rng.nextInt(bounds[s]);
      b[s] = rng.nextInt(4) == 0 ? rng.nextInt(bounds[s]) : a[s];
    }
    KMeans x = kMeans(a, rng);
    KMeans y = kMeans(b, rng);
    boolean same = true;
    for (int s = 0; s < a.length; s++) {
      // setting 5, the strategy, does not count under explicit centroids (setting 6 > 0)
      same &= a[s] == b[s] || (s == 5 && a[6] > 0 && b[6] > 0);
    }
    assertEquals(same, x.equals(y), x + " and " + y);
    assertEquals(same, y.equals(x), y + " and " + x);
    if (same) {
      assertEquals(x.hashCode(), y.hashCode(), x + " and " + y);
    }
  }

  private static KMeans kMeans(int[] v, Rng rng) {
    int k = 2 + v[0];
    double[][] c = new double[k][];
    for (int j = 0; j < k; j++) {
      c[j] = new double[] {j, v[6] == 2 && j == 0 ? -0.0 : 0.0};
    }
    int[] order = {1, 2, 3, 4, 5, 6, 7, 8};
    rng.shuffle(order);
    int posInit = indexOf(order, 5);
    int posCentroids = indexOf(order, 6);
    if (posCentroids < posInit) {
      order[posInit] = 6;
      order[posCentroids] = 5;
    }
    KMeans m = KMeans.k(k);
    for (int s : order) {
      switch (s) {
        case 1:
          m = m.seed(v[1] == 0 ? 0 : Long.MIN_VALUE);
          break;
        case 2:
          m = m.restarts(1 + 4 * v[2]);
          break;
        case 3:
          m = m.maxIterations(v[3] == 0 ? 300 : 20);
          break;
        case 4:
          m = m.tolerance(v[4] == 0 ? 1e-4 : v[4] == 1 ? 0.0 : -0.0);
          break;
        case 5:
          m = m.init(KMeansInit.values()[v[5]]);
          break;
        case 6:
          if (v[6] > 0) {
            m = m.initialCentroids(c);
          }
          break;
        case 7:
          m = m.algorithm(KMeansAlgorithm.values()[v[7]]);
          break;
        default:
          m = m.parallelism(1 + v[8]);
          break;
      }
    }
    return m;
  }

  private static int indexOf(int[] a, int value) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == value) {
        return i;
      }
    }
    throw new AssertionError(value);
  }

  @Test
  void kMeansServesAsACacheKey() {
    // The use the equality is for: a fitted model cached by its configuration.
    Map<Object, String> cache = new HashMap<>();
    cache.put(KMeans.k(3).seed(42).restarts(10), "model");
    cache.put(Dbscan.eps(0.3).minPts(10), "dbscan");
    assertEquals("model", cache.get(KMeans.k(3).restarts(10).seed(42)));
    assertEquals("dbscan", cache.get(Dbscan.eps(0.3).minPts(10)));
    assertNull(cache.get(KMeans.k(3).restarts(10).seed(43)));
  }

  // ---------------------------------------------------------------- DBSCAN

  @Test
  void dbscanDiffersInEverySetting() {
    assertEqualExactlyWhenBuiltAlike(() -> List.of(
        Dbscan.eps(0.5),
        Dbscan.eps(0.5).withEps(0.25),
        Dbscan.eps(Math.nextUp(0.5)),
        Dbscan.eps(0.5).minPts(4),
        Dbscan.eps(0.5).metric(Metric.MANHATTAN),
        Dbscan.eps(0.5).metric(Metric.CHEBYSHEV),
        Dbscan.eps(0.5).parallelism(2),
        Dbscan.eps(0.5).borderPointsAsNoise(true),
        Dbscan.eps(0.5).search(Dbscan.Search.GRID),
        Dbscan.eps(0.5).search(Dbscan.Search.KD_TREE),
        Dbscan.eps(0.5).search(Dbscan.Search.BRUTE_FORCE)));
  }

  @Test
  void dbscanEqualByEquivalentCalls() {
    assertEqualConfigs(Dbscan.eps(0.5), Dbscan.eps(0.5));
    assertEqualConfigs(Dbscan.eps(1).minPts(3).withEps(0.5), Dbscan.eps(0.5).minPts(3));
    assertEqualConfigs(
        Dbscan.eps(0.5).metric(Metric.MANHATTAN).parallelism(3).borderPointsAsNoise(true)
            .search(Dbscan.Search.KD_TREE),
        Dbscan.eps(0.5).search(Dbscan.Search.KD_TREE).borderPointsAsNoise(true).parallelism(3)
            .metric(Metric.MANHATTAN));
    assertEqualConfigs(Dbscan.eps(0.5).minPts(Dbscan.DEFAULT_MIN_PTS).borderPointsAsNoise(false), Dbscan.eps(0.5));
  }

  // ---------------------------------------------------------------- Gaussian mixture

  private static final double[] WEIGHTS = {0.5, 0.5};
  private static final double[][] MEANS = {{0, 0}, {1, 1}};

  private static double[][][] covariances(double c00, double c01, double c10) {
    return new double[][][] {{{c00, c01}, {c10, 1}}, {{1, 0}, {0, 1}}};
  }

  @Test
  void gaussianMixtureDiffersInEverySetting() {
    GaussianMixture g = GaussianMixture.components(2);
    double[][][] identity = covariances(1, 0, 0);
    assertEqualExactlyWhenBuiltAlike(() -> List.of(
        g,
        GaussianMixture.components(3),
        g.covariance(CovarianceType.DIAGONAL),
        g.covariance(CovarianceType.SPHERICAL),
        g.covariance(CovarianceType.TIED),
        g.regularization(1e-5),
        g.regularization(0.0),
        g.regularization(-0.0),
        g.maxIterations(50),
        g.maxIterations(0),
        g.tolerance(1e-4),
        g.tolerance(0.0),
        g.tolerance(-0.0),
        g.restarts(3),
        g.init(GmmInit.KMEANS_PLUS_PLUS),
        g.init(GmmInit.RANDOM),
        g.seed(1),
        g.parallelism(2),
        g.initialParameters(WEIGHTS, MEANS, identity),
        g.initialParameters(new double[] {0.25, 0.75}, MEANS, identity),
        g.initialParameters(WEIGHTS, new double[][] {{0, 0}, {1, 2}}, identity),
        g.initialParameters(WEIGHTS, new double[][] {{-0.0, 0}, {1, 1}}, identity),
        g.initialParameters(WEIGHTS, MEANS, covariances(2, 0, 0)),
        g.initialParameters(WEIGHTS, MEANS, covariances(1, 0.5, 0.5)),
        g.initialParameters(WEIGHTS, MEANS, covariances(1, -0.0, -0.0)),
        g.initialParameters(WEIGHTS, MEANS, identity).covariance(CovarianceType.DIAGONAL),
        // the restart count and the seed are kept with explicit parameters: init(...) brings them back into use
        g.restarts(3).initialParameters(WEIGHTS, MEANS, identity),
        g.seed(1).initialParameters(WEIGHTS, MEANS, identity),
        g.init(GmmInit.RANDOM_FROM_DATA),
        // means alone: the initialisation, the restarts and the seed all count
        g.initialMeans(MEANS),
        g.initialMeans(new double[][] {{0, 0}, {1, 2}}),
        g.initialMeans(new double[][] {{-0.0, 0}, {1, 1}}),
        g.initialMeans(MEANS).init(GmmInit.RANDOM_FROM_DATA),
        g.initialMeans(MEANS).restarts(3)));
  }

  @Test
  void gaussianMixtureEqualByEquivalentCalls() {
    assertEqualConfigs(GaussianMixture.components(2), GaussianMixture.components(2));
    assertEqualConfigs(
        GaussianMixture.components(2).covariance(CovarianceType.TIED).regularization(1e-4).maxIterations(30)
            .tolerance(1e-5).restarts(4).init(GmmInit.RANDOM).seed(9).parallelism(2),
        GaussianMixture.components(2).parallelism(2).seed(9).init(GmmInit.RANDOM).restarts(4).tolerance(1e-5)
            .maxIterations(30).regularization(1e-4).covariance(CovarianceType.TIED));
    // Arrays by content, copied: the caller's later change changes nothing.
    double[] w = WEIGHTS.clone();
    double[][] mu = {MEANS[0].clone(), MEANS[1].clone()};
    double[][][] cov = covariances(1, 0, 0);
    GaussianMixture given = GaussianMixture.components(2).initialParameters(w, mu, cov);
    w[0] = 0.9;
    mu[1][1] = 7;
    cov[0][0][0] = 3;
    assertEqualConfigs(given, GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)));
    // The initialisation set before explicit parameters can never take effect again (init(...) replaces it).
    assertEqualConfigs(
        GaussianMixture.components(2).init(GmmInit.RANDOM).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)),
        GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)));
    // initialMeans and initialParameters: the last wins; init(...) keeps means given alone
    assertEqualConfigs(
        GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)).initialMeans(MEANS),
        GaussianMixture.components(2).initialMeans(MEANS));
    assertEqualConfigs(
        GaussianMixture.components(2).initialMeans(MEANS).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)),
        GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)));
    assertEqualConfigs(
        GaussianMixture.components(2).initialMeans(MEANS).init(GmmInit.RANDOM_FROM_DATA),
        GaussianMixture.components(2).init(GmmInit.RANDOM_FROM_DATA).initialMeans(MEANS));
    // init(...) discards explicit parameters
    assertEqualConfigs(
        GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, 0, 0)).init(GmmInit.KMEANS),
        GaussianMixture.components(2));
    // Covariances are stored symmetrised (each off-diagonal pair replaced by its mean): two matrices that are
    // transposes of each other within rounding give the same stored matrix and the same fit.
    double up = Math.nextUp(0.1);
    assertEqualConfigs(
        GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, 0.1, up)),
        GaussianMixture.components(2).initialParameters(WEIGHTS, MEANS, covariances(1, up, 0.1)));
  }

  // ---------------------------------------------------------------- Agglomerative

  @Test
  void agglomerativeDiffersInEverySetting() {
    assertEqualExactlyWhenBuiltAlike(() -> List.of(
        Agglomerative.linkage(Linkage.WARD),
        Agglomerative.linkage(Linkage.WARD).withLinkage(Linkage.SINGLE),
        Agglomerative.linkage(Linkage.COMPLETE),
        Agglomerative.linkage(Linkage.AVERAGE),
        Agglomerative.linkage(Linkage.AVERAGE).metric(Metric.MANHATTAN),
        Agglomerative.linkage(Linkage.AVERAGE).metric(Metric.CHEBYSHEV),
        Agglomerative.linkage(Linkage.WARD).parallelism(2),
        Agglomerative.linkage(Linkage.WARD).wardByCentroids(false),
        // kept for a later withLinkage(WARD) although it does not change a single-linkage fit
        Agglomerative.linkage(Linkage.SINGLE).wardByCentroids(false)));
  }

  @Test
  void agglomerativeEqualByEquivalentCalls() {
    assertEqualConfigs(Agglomerative.linkage(Linkage.AVERAGE), Agglomerative.linkage(Linkage.AVERAGE));
    assertEqualConfigs(Agglomerative.linkage(Linkage.AVERAGE).metric(Metric.MANHATTAN).withLinkage(Linkage.COMPLETE),
        Agglomerative.linkage(Linkage.COMPLETE).metric(Metric.MANHATTAN));
    assertEqualConfigs(Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).parallelism(2),
        Agglomerative.linkage(Linkage.SINGLE).parallelism(2).wardByCentroids(false).withLinkage(Linkage.WARD));
    assertEqualConfigs(Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).wardByCentroids(true),
        Agglomerative.linkage(Linkage.WARD));
  }

  // ---------------------------------------------------------------- PCA

  @Test
  void pcaDiffersInEverySetting() {
    assertEqualExactlyWhenBuiltAlike(() -> List.of(
        Pca.components(2),
        Pca.components(3),
        Pca.varianceToKeep(0.9),
        Pca.varianceToKeep(Math.nextUp(0.9)),
        Pca.varianceToKeep(1.0),
        Pca.mle(),
        Pca.mle().whiten(true),
        Pca.mle().solver(Pca.Solver.SVD),
        Pca.components(2).whiten(true),
        Pca.varianceToKeep(0.9).whiten(true),
        Pca.components(2).parallelism(2),
        Pca.components(2).solver(Pca.Solver.SVD),
        Pca.components(2).solver(Pca.Solver.COVARIANCE)));
  }

  @Test
  void pcaEqualByEquivalentCalls() {
    assertEqualConfigs(Pca.components(2), Pca.components(2));
    assertEqualConfigs(Pca.varianceToKeep(0.95), Pca.varianceToKeep(0.95));
    assertEqualConfigs(Pca.mle().whiten(true).parallelism(2), Pca.mle().parallelism(2).whiten(true));
    assertEqualConfigs(Pca.components(2).whiten(true).solver(Pca.Solver.SVD).parallelism(3),
        Pca.components(2).parallelism(3).solver(Pca.Solver.SVD).whiten(true));
    assertEqualConfigs(Pca.components(2).whiten(true).whiten(false).solver(Pca.Solver.AUTO), Pca.components(2));
  }

  @Test
  void configurationsOfDifferentAlgorithmsDiffer() {
    List<Object> all = new ArrayList<>(List.of(KMeans.k(2), Dbscan.eps(0.5), GaussianMixture.components(2),
        Agglomerative.linkage(Linkage.WARD), Pca.components(2)));
    for (Object a : all) {
      for (Object b : all) {
        assertEquals(a == b, a.equals(b), a + " and " + b);
      }
    }
  }
}
