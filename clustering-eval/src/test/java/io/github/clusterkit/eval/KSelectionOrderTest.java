package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.internal.Rng;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep's configuration does not depend on the order of its calls, a criterion that was not computed is an
 * error rather than a column of NaN, and a recommendation at an edge of the range says so (found by a user trial:
 * {@code criteria(INERTIA).recommendBy(CALINSKI_HARABASZ)} still computed the default's silhouette).
 */
class KSelectionOrderTest {

  private static Dataset blobs;

  @BeforeAll
  static void data() {
    // KSelectionTest's four blobs (every criterion finds k = 4 over 1..8 there)
    Rng rng = new Rng(11);
    double[][] x = new double[600][];
    for (int i = 0; i < 600; i++) {
      int c = i % 4;
      x[i] = new double[] {(c < 2 ? -10 : 10) + rng.nextGaussian(), (c % 2 == 0 ? -10 : 10) + rng.nextGaussian()};
    }
    blobs = Dataset.of(x);
  }

  @Test
  void criteriaAndRecommendationInEitherOrder() {
    KSelection a = KSelection.kMeans(2, 5).seed(3).criteria(Criterion.INERTIA)
        .recommendBy(Criterion.CALINSKI_HARABASZ);
    KSelection b = KSelection.kMeans(2, 5).seed(3).recommendBy(Criterion.CALINSKI_HARABASZ)
        .criteria(Criterion.INERTIA);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.toString(), b.toString());
    KSelectionResult ra = a.evaluate(blobs);
    KSelectionResult rb = b.evaluate(blobs);
    EnumSet<Criterion> expected = EnumSet.of(Criterion.INERTIA, Criterion.CALINSKI_HARABASZ);
    assertEquals(expected, ra.criteria());
    assertEquals(expected, rb.criteria());
    assertArrayEquals(ra.values(Criterion.CALINSKI_HARABASZ), rb.values(Criterion.CALINSKI_HARABASZ), 0.0);
    assertEquals(Criterion.CALINSKI_HARABASZ, ra.rule());
    assertEquals(4, ra.recommendedK());
    assertEquals(ra.toTable(), rb.toTable());
  }

  @Test
  void onlyTheLastRecommendationIsImplied() {
    KSelection s = KSelection.kMeans(2, 5).criteria(Criterion.INERTIA).recommendBy(Criterion.CALINSKI_HARABASZ)
        .recommendBy(Criterion.DAVIES_BOULDIN);
    assertEquals(EnumSet.of(Criterion.INERTIA, Criterion.DAVIES_BOULDIN), s.evaluate(blobs).criteria());
    // the default recommendation (the silhouette) is implied until replaced
    assertEquals(EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE),
        KSelection.kMeans(2, 5).criteria(Criterion.INERTIA).evaluate(blobs).criteria());
  }

  @Test
  void mixturesStayWhateverTheCriteriaCall() {
    KSelection before = KSelection.kMeans(2, 3).mixtures(CovarianceType.DIAGONAL).criteria(Criterion.INERTIA);
    KSelection after = KSelection.kMeans(2, 3).criteria(Criterion.INERTIA).mixtures(CovarianceType.DIAGONAL);
    assertEquals(before, after);
    assertEquals(EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE, Criterion.BIC, Criterion.AIC),
        before.evaluate(blobs).criteria());
    // naming both information criteria fits the same (full) mixtures as mixtures(FULL) does
    assertEquals(KSelection.kMeans(2, 3).criteria().mixtures(CovarianceType.FULL),
        KSelection.kMeans(2, 3).criteria(Criterion.BIC, Criterion.AIC));
    assertFalse(KSelection.kMeans(2, 3).criteria().mixtures(CovarianceType.DIAGONAL)
        .equals(KSelection.kMeans(2, 3).criteria(Criterion.BIC, Criterion.AIC)));
  }

  @Test
  void aCriterionNotComputedIsAnError() {
    KSelectionResult r = KSelection.kMeans(2, 4).seed(3).criteria(Criterion.INERTIA).evaluate(blobs);
    IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> r.values(Criterion.BIC));
    assertEquals("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got BIC; name it in"
        + " KSelection.criteria(...) or call KSelection.mixtures(...) and evaluate again", v.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> r.best(Criterion.DAVIES_BOULDIN));
    assertEquals("criterion must be one this sweep computed [INERTIA, SILHOUETTE], got DAVIES_BOULDIN; name it in"
        + " KSelection.criteria(...) and evaluate again", b.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.values(null));
    assertThrows(IllegalArgumentException.class, () -> r.best(null));
  }

  @Test
  void aRecommendationAtAnEdgeOfTheRangeSaysSo() {
    // Every fit is KMeans.k(k).seed(3).restarts(4) whatever the range, so each range's silhouettes are those of
    // KSelectionTest's sweep over 1..8, whose highest is at k = 4.
    KSelection s = KSelection.kMeans(1, 8).seed(3).restarts(4);
    KSelectionResult inside = s.evaluate(blobs);
    assertEquals(4, inside.recommendedK());
    assertFalse(inside.recommendedAtEdge());
    assertFalse(inside.toString().contains("edge"), inside.toString());

    KSelectionResult top = KSelection.kMeans(2, 4).seed(3).restarts(4).evaluate(blobs);
    assertEquals(4, top.recommendedK());
    assertTrue(top.recommendedAtEdge());
    assertTrue(top.toTable().endsWith("recommended k = 4 (highest mean silhouette), the largest k of the sweep:"
        + " the best k may lie beyond it, widen the range"), top.toTable());
    assertEquals("KSelectionResult[k=2..4, recommended 4 by SILHOUETTE, at the edge of the range]", top.toString());

    KSelectionResult bottom = KSelection.kMeans(4, 6).seed(3).restarts(4).evaluate(blobs);
    assertEquals(4, bottom.recommendedK());
    assertTrue(bottom.recommendedAtEdge());
    assertTrue(bottom.toTable().contains("the smallest k of the sweep"), bottom.toTable());

    // k = 2 is the silhouette's smallest k, so a sweep from 2 has no lower edge to widen
    double[] values = inside.values(Criterion.SILHOUETTE);
    KSelectionResult fromTwo = KSelection.kMeans(2, 8).seed(3).restarts(4).evaluate(blobs);
    assertArrayEquals(java.util.Arrays.copyOfRange(values, 1, 8), fromTwo.values(Criterion.SILHOUETTE), 0.0);
    assertFalse(fromTwo.recommendedAtEdge());
  }
}
