package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.clusterkit.gmm.CovarianceType;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The evaluation's configurations are equal exactly when every setting is, however they were reached (as the core
 * configurations), so they can key caches; each maker below differs from every other in one setting.
 */
class ConfigurationEqualityTest {

  private static void assertDistinct(List<Supplier<Object>> makers) {
    for (int a = 0; a < makers.size(); a++) {
      Object x = makers.get(a).get();
      Object again = makers.get(a).get();
      assertEquals(x, again, x::toString);
      assertEquals(x.hashCode(), again.hashCode(), x::toString);
      assertNotEquals(x, null);
      for (int b = 0; b < makers.size(); b++) {
        if (a != b) {
          assertNotEquals(x, makers.get(b).get(), () -> x + " and another");
        }
      }
    }
  }

  @Test
  void silhouetteConfigurations() {
    assertDistinct(List.of(
        Silhouette::exact,
        () -> Silhouette.exact().parallelism(2),
        () -> Silhouette.exact().noise(NoisePolicy.MERGE),
        () -> Silhouette.exact().metric(io.github.clusterkit.neighbors.Metric.MANHATTAN),
        () -> Silhouette.exact().metric(io.github.clusterkit.neighbors.Metric.CHEBYSHEV),
        () -> Silhouette.sampled(100, 1).metric(io.github.clusterkit.neighbors.Metric.MANHATTAN),
        () -> Silhouette.sampled(100, 1),
        () -> Silhouette.sampled(100, 2),
        () -> Silhouette.sampled(200, 1)));
    assertEquals(Silhouette.exact(), Silhouette.exact().parallelism(3).parallelism(1));
  }

  @Test
  void simplifiedAndMedoidSilhouetteConfigurations() {
    assertDistinct(List.of(
        SimplifiedSilhouette::defaults,
        () -> SimplifiedSilhouette.defaults().parallelism(2),
        () -> SimplifiedSilhouette.defaults().noise(NoisePolicy.MERGE),
        () -> SimplifiedSilhouette.defaults().noise(NoisePolicy.SINGLETONS),
        () -> SimplifiedSilhouette.defaults().metric(io.github.clusterkit.neighbors.Metric.MANHATTAN),
        () -> SimplifiedSilhouette.defaults().metric(io.github.clusterkit.neighbors.Metric.CHEBYSHEV),
        MedoidSilhouette::defaults,
        () -> MedoidSilhouette.defaults().parallelism(2),
        () -> MedoidSilhouette.defaults().metric(io.github.clusterkit.neighbors.Metric.MANHATTAN),
        () -> MedoidSilhouette.defaults().metric(io.github.clusterkit.neighbors.Metric.CHEBYSHEV)));
    assertEquals(SimplifiedSilhouette.defaults(), SimplifiedSilhouette.defaults().parallelism(3).parallelism(1));
    assertEquals(MedoidSilhouette.defaults(), MedoidSilhouette.defaults().parallelism(3).parallelism(1));
  }

  @Test
  void kSelectionConfigurations() {
    assertDistinct(List.of(
        () -> KSelection.kMeans(2, 8),
        () -> KSelection.kMeans(1, 8),
        () -> KSelection.kMeans(2, 9),
        () -> KSelection.kMeans(2, 8).seed(7),
        () -> KSelection.kMeans(2, 8).restarts(3),
        () -> KSelection.kMeans(2, 8).parallelism(2),
        () -> KSelection.kMeans(2, 8).criteria(Criterion.SILHOUETTE),
        () -> KSelection.kMeans(2, 8).silhouetteSampleSize(50),
        () -> KSelection.kMeans(2, 8).kneeSensitivity(2),
        () -> KSelection.kMeans(2, 8).mixtures(CovarianceType.FULL),
        () -> KSelection.kMeans(2, 8).mixtures(CovarianceType.DIAGONAL),
        () -> KSelection.kMedoids(2, 8),
        () -> KSelection.kMedoids(1, 8),
        () -> KSelection.kMedoids(2, 8).seed(7),
        () -> KSelection.kMedoids(2, 8).restarts(3),
        () -> KSelection.kMedoids(2, 8).parallelism(2),
        () -> KSelection.kMedoids(2, 8).criteria(Criterion.SILHOUETTE),
        () -> KSelection.kMedoids(2, 8).recommendBy(Criterion.MEDOID_SILHOUETTE),
        () -> KSelection.kMedoids(2, 8).silhouetteSampleSize(50),
        () -> KSelection.kMedoids(2, 8).kneeSensitivity(2),
        () -> KSelection.kMedoids(2, 8).metric(io.github.clusterkit.neighbors.Metric.MANHATTAN),
        () -> KSelection.kMedoids(2, 8).method(io.github.clusterkit.kmedoids.KMedoidsMethod.PAM),
        () -> KSelection.kMedoids(2, 8).init(io.github.clusterkit.kmedoids.KMedoidsInit.BUILD),
        () -> KSelection.bisectingKMeans(2, 8),
        () -> KSelection.bisectingKMeans(1, 8),
        () -> KSelection.bisectingKMeans(2, 8).seed(7),
        () -> KSelection.bisectingKMeans(2, 8).restarts(3),
        () -> KSelection.bisectingKMeans(2, 8).parallelism(2),
        () -> KSelection.bisectingKMeans(2, 8).criteria(Criterion.INERTIA),
        () -> KSelection.bisectingKMeans(2, 8).recommendBy(Criterion.CALINSKI_HARABASZ),
        () -> KSelection.bisectingKMeans(2, 8).silhouetteSampleSize(50),
        () -> KSelection.bisectingKMeans(2, 8).kneeSensitivity(2),
        () -> KSelection.bisectingKMeans(2, 8)
            .strategy(io.github.clusterkit.kmeans.BisectingStrategy.LARGEST_CLUSTER)));
    assertEquals(KSelection.kMeans(2, 8).seed(7).restarts(3), KSelection.kMeans(2, 8).restarts(3).seed(7));
  }

  /**
   * Configurations that are equal though reached differently have equal hash codes. Before, the hash code was built
   * from the criteria as named and the covariance as set, while equality compares the criteria as computed and the
   * covariance only where mixtures are fitted: each pair below was equal with different hash codes (so a cache keyed
   * by configurations missed).
   */
  @Test
  void equalKSelectionsHaveEqualHashCodes() {
    List<List<KSelection>> pairs = List.of(
        List.of(KSelection.kMeans(2, 8).criteria(Criterion.INERTIA),
            KSelection.kMeans(2, 8).criteria(Criterion.INERTIA, Criterion.SILHOUETTE)),
        List.of(KSelection.kMeans(2, 8).criteria().mixtures(CovarianceType.FULL),
            KSelection.kMeans(2, 8).criteria(Criterion.BIC, Criterion.AIC)),
        List.of(KSelection.kMeans(2, 8), KSelection.kMeans(2, 8).criteria(Criterion.SILHOUETTE,
            Criterion.DAVIES_BOULDIN, Criterion.CALINSKI_HARABASZ)),
        List.of(KSelection.kMedoids(2, 8).criteria(), KSelection.kMedoids(2, 8).criteria(Criterion.COST)));
    for (List<KSelection> p : pairs) {
      assertEquals(p.get(0), p.get(1));
      assertEquals(p.get(0).hashCode(), p.get(1).hashCode(), p.get(0)::toString);
    }
  }
}
