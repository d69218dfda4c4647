package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.data.Generators;
import io.github.clusterkit.data.LabeledDataset;
import io.github.clusterkit.gmm.CovarianceType;
import io.github.clusterkit.gmm.GaussianMixture;
import io.github.clusterkit.gmm.GaussianMixtureModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Gaussian-mixture part of the k sweep: BIC and AIC per k, the BIC recommendation, determinism. */
class KSelectionMixturesTest {

  private static final double STD = 0.3;
  private static LabeledDataset blobs;

  @BeforeAll
  static void data() {
    // 4 Gaussian blobs of 100 points each in 2-D, std 0.3, no noise; centres uniform in [-10, 10]^2
    blobs = Generators.blobs(400, 2, 4, STD, 0.0, 21);
  }

  /**
   * Why BIC must pick k = 4 here (checked, not assumed: the first assertion of the test below). The blob means
   * are at least 20 standard deviations apart, so the four blobs do not overlap. A 3-component mixture must
   * cover two blobs with one Gaussian whose variance along the line joining them is at least (gap / 2)^2,
   * i.e. over 100 times 0.3^2: its log-likelihood is lower by about (100 + 100) / 2 * ln(100) > 400 nats, far
   * more than BIC's saving of one full-covariance component (6 parameters * ln 400 / 2 = 18 nats). A 5th
   * component can only split a true Gaussian blob, which raises the log-likelihood by a few nats on average,
   * less than the 18 nats it costs. So the BIC curve has its minimum at 4 with a wide margin on both sides.
   */
  @Test
  void bicPicksTheFourWellSeparatedBlobs() {
    assertTrue(minCentreDistance(blobs) > 20 * STD, "blob means at least 20 std apart");
    KSelectionResult r = KSelection.kMeans(1, 7).seed(5).restarts(2).criteria().mixtures(CovarianceType.FULL)
        .recommendBy(Criterion.BIC).evaluate(blobs.data());
    assertEquals(Criterion.BIC, r.rule());
    assertEquals(4, r.recommendedK());
    assertEquals(4, r.best(Criterion.BIC));
    double[] bic = r.values(Criterion.BIC);
    // the margin argued above: at least 18 BIC units (2 * 9 nats) either side of the minimum
    assertTrue(bic[2] - bic[3] > 100 && bic[4] - bic[3] > 18, java.util.Arrays.toString(bic));
    assertTrue(r.toTable().contains("recommended k = 4 (lowest BIC of the Gaussian mixture)"), r.toTable());
  }

  @Test
  void bicAndAicPerKAreThoseOfTheDirectFit() {
    Dataset x = blobs.data();
    KSelectionResult r = KSelection.kMeans(1, 6).seed(8).restarts(2).criteria(Criterion.INERTIA)
        .mixtures(CovarianceType.DIAGONAL).evaluate(x);
    assertTrue(r.criteria().contains(Criterion.BIC) && r.criteria().contains(Criterion.AIC));
    double[] bic = r.values(Criterion.BIC);
    double[] aic = r.values(Criterion.AIC);
    for (int k = 1; k <= 6; k++) {
      // oracle: the same configuration fitted directly
      GaussianMixtureModel g = GaussianMixture.components(k).covariance(CovarianceType.DIAGONAL).seed(8)
          .restarts(2).fit(x);
      assertEquals(g.bic(x), bic[k - 1], 0.0, "BIC at k = " + k);
      assertEquals(g.aic(x), aic[k - 1], 0.0, "AIC at k = " + k);
      GaussianMixtureModel m = r.mixture(k);
      assertEquals(CovarianceType.DIAGONAL, m.covarianceType());
      assertEquals(k, m.components());
      assertEquals(g.logLikelihood(), m.logLikelihood(), 0.0);
    }
    // lowest value wins, smallest k on ties: the same argmin by hand
    assertEquals(argmin(bic) + 1, r.best(Criterion.BIC));
    assertEquals(argmin(aic) + 1, r.best(Criterion.AIC));
    // the recommendation stays with the default rule (silhouette, always computed as the recommending one)
    assertEquals(Criterion.SILHOUETTE, r.rule());
  }

  @Test
  void namingBicWithoutMixturesFitsFullCovariance() {
    Dataset x = blobs.data();
    KSelectionResult r = KSelection.kMeans(2, 4).seed(3).criteria().recommendBy(Criterion.AIC).evaluate(x);
    assertTrue(r.criteria().contains(Criterion.AIC));
    assertTrue(!r.criteria().contains(Criterion.BIC));
    assertThrows(IllegalArgumentException.class, () -> r.best(Criterion.BIC));
    assertThrows(IllegalArgumentException.class, () -> r.values(Criterion.BIC));
    for (int k = 2; k <= 4; k++) {
      GaussianMixtureModel g = GaussianMixture.components(k).covariance(CovarianceType.FULL).seed(3).fit(x);
      assertEquals(g.aic(x), r.values(Criterion.AIC)[k - 2], 0.0);
    }
    // the default sweep fits no mixtures
    KSelectionResult plain = KSelection.kMeans(2, 4).seed(3).criteria().evaluate(x);
    assertTrue(!plain.criteria().contains(Criterion.BIC) && !plain.criteria().contains(Criterion.AIC));
    assertThrows(IllegalArgumentException.class, () -> plain.best(Criterion.AIC));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> plain.mixture(3));
    assertTrue(e.getMessage().contains("mixtures"), e.getMessage());
  }

  @Test
  void parallelEqualsSequentialBitForBit() {
    KSelection s = KSelection.kMeans(1, 6).seed(13).restarts(2).silhouetteSampleSize(200)
        .mixtures(CovarianceType.SPHERICAL);
    KSelectionResult one = s.evaluate(blobs.data());
    KSelectionResult two = s.parallelism(2).evaluate(blobs.data());
    KSelectionResult three = s.parallelism(3).evaluate(blobs.data());
    // every criterion of a K-Means sweep (the K-Medoids sweep's COST and MEDOID_SILHOUETTE are not computed here)
    assertEquals(java.util.EnumSet.of(Criterion.INERTIA, Criterion.SILHOUETTE, Criterion.DAVIES_BOULDIN,
        Criterion.CALINSKI_HARABASZ, Criterion.BIC, Criterion.AIC), one.criteria());
    for (Criterion c : one.criteria()) {
      assertArrayEquals(bits(one.values(c)), bits(two.values(c)), c.name());
      assertArrayEquals(bits(one.values(c)), bits(three.values(c)), c.name());
    }
    for (int k = 1; k <= 6; k++) {
      assertEquals(one.mixture(k).state(), two.mixture(k).state(), "mixture k = " + k);
      assertEquals(one.mixture(k).state(), three.mixture(k).state(), "mixture k = " + k);
    }
    assertEquals(one.recommendedK(), two.recommendedK());
    assertEquals(one.toTable(), three.toTable());
  }

  @Test
  void badInput() {
    assertMessage("got 0", () -> KSelection.kMeans(0, 4).mixtures(CovarianceType.FULL));
    assertMessage("minK 5, maxK 3", () -> KSelection.kMeans(5, 3));
    assertMessage("covarianceType", () -> KSelection.kMeans(1, 4).mixtures(null));
    assertMessage("criterion", () -> KSelection.kMeans(1, 4).recommendBy(null));
    assertMessage("got 0", () -> KSelection.kMeans(1, 4).mixtures(CovarianceType.TIED).restarts(0));
    assertMessage("data", () -> KSelection.kMeans(1, 4).mixtures(CovarianceType.FULL).evaluate(null));
    KSelectionResult r = KSelection.kMeans(2, 3).criteria().mixtures(CovarianceType.FULL).evaluate(blobs.data());
    assertMessage("got 4", () -> r.mixture(4));
    assertMessage("got 1", () -> r.mixture(1));
    // more components than rows: refused with the value (K-Means refuses first: 3 distinct rows)
    Dataset tiny = Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
    assertThrows(IllegalArgumentException.class,
        () -> KSelection.kMeans(1, 4).mixtures(CovarianceType.FULL).evaluate(tiny));
    // data near 1e200: the K-Means sweep scales them, the mixture fits refuse them naming GaussianMixture's range
    Dataset huge = Dataset.of(new double[][] {{1e200, 0}, {2e200, 0}, {0, 1e200}, {3e200, 1e200}});
    assertArrayEquals(new int[] {1, 2}, KSelection.kMeans(1, 2).evaluate(huge).ks());
    assertMessage("[2^-480, 2^481)", () -> KSelection.kMeans(1, 2).mixtures(CovarianceType.FULL).evaluate(huge));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  private static int argmin(double[] v) {
    int arg = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[arg]) {
        arg = i;
      }
    }
    return arg;
  }

  private static double minCentreDistance(LabeledDataset ld) {
    Dataset x = ld.data();
    int[] labels = ld.labels();
    int k = ld.clusterCount();
    double[][] mean = new double[k][2];
    int[] count = new int[k];
    for (int i = 0; i < x.size(); i++) {
      mean[labels[i]][0] += x.get(i, 0);
      mean[labels[i]][1] += x.get(i, 1);
      count[labels[i]]++;
    }
    double min = Double.POSITIVE_INFINITY;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double dx = mean[a][0] / count[a] - mean[b][0] / count[b];
        double dy = mean[a][1] / count[a] - mean[b][1] / count[b];
        min = Math.min(min, Math.sqrt(dx * dx + dy * dy));
      }
    }
    return min;
  }
}
