package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * External measures: scikit-learn figures on small examples, invariants, edge cases.
 * Properties run without jqwik's combined edge cases (their number, the product over the parameters,
 * would exceed the tries and make jqwik log); boundary sizes are covered by explicit tests.
 */
class ExternalMeasuresTest {

  // scikit-learn's documentation example for pair counting, as ELKI's SKLEARNA / SKLEARNB
  // (elki-project/elki, elki-clustering/src/test/java/elki/evaluation/clustering/AbstractClusterEvaluationTest.java)
  private static final int[] A = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
  private static final int[] B = {1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2};

  @Test
  void scikitLearnFiguresOnTheDocumentationExample() {
    ContingencyTable t = ContingencyTable.of(A, B);
    // scikit-learn 1.2.1, metrics.<name>(A, B):
    assertEquals(0.4102186227404536, t.mutualInformation(), 1e-15); // mutual_info_score
    assertEquals(0.37834992787204086, t.normalizedMutualInformation(), 1e-15);
    assertEquals(0.27820964657269803, t.adjustedMutualInformation(), 1e-15);
    assertEquals(0.3746022423885999, t.homogeneity(), 1e-15);
    assertEquals(0.38217335812507575, t.completeness(), 1e-15);
    assertEquals(0.3783499278720409, t.vMeasure(), 1e-15);
    assertEquals(0.37961587589761747, t.vMeasure(2.0), 1e-15); // v_measure_score(A, B, beta=2.0)
    assertEquals(0.48795003647426666, t.fowlkesMallows(), 1e-15);
    assertEquals(0.6911764705882353, t.randIndex(), 1e-15); // rand_score
    // normalized_mutual_info_score / adjusted_mutual_info_score with average_method=min, geometric, max
    assertEquals(0.38217335812507575, t.normalizedMutualInformation(EntropyMean.MIN), 1e-15);
    assertEquals(0.3783688635905904, t.normalizedMutualInformation(EntropyMean.GEOMETRIC), 1e-15);
    assertEquals(0.3746022423885999, t.normalizedMutualInformation(EntropyMean.MAX), 1e-15);
    assertEquals(0.2814793197278196, t.adjustedMutualInformation(EntropyMean.MIN), 1e-15);
    assertEquals(0.2782258135528587, t.adjustedMutualInformation(EntropyMean.GEOMETRIC), 1e-15);
    assertEquals(0.2750150624455172, t.adjustedMutualInformation(EntropyMean.MAX), 1e-15);
    // purity by hand: cluster columns hold (5,1,0), (1,4,2), (0,1,3) -> (5 + 4 + 3) / 17
    assertEquals(12.0 / 17.0, t.purity(), 1e-16);
    assertEquals(5, t.count(0, 0));
    assertEquals(0, t.count(0, 2));
    assertEquals(2, t.count(2, 1));
  }

  @Test
  void scikitLearnSmallCases() {
    // scikit-learn 1.2.1: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285714,
    // adjusted_mutual_info_score(...) = 0.5714285714285715
    int[] a = {0, 0, 1, 1};
    int[] b = {0, 0, 1, 2};
    assertEquals(0.5714285714285714, AdjustedRandIndex.score(a, b), 1e-16);
    assertEquals(0.5714285714285715, AdjustedMutualInformation.score(a, b), 1e-15);
    // Special cases, scikit-learn 1.2.1: ARI([0,0,0],[0,0,0]) = 1.0; NMI([0,0,0],[0,1,2]) = 0.0;
    // AMI([0,0,0],[0,1,2]) = 0.0; ARI([0,1,2],[0,1,2]) = 1.0;
    // homogeneity_completeness_v_measure([0,0,0],[0,1,2]) = (1.0, 0.0, 0.0)
    assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 0}, new int[] {0, 0, 0}));
    assertEquals(0.0, NormalizedMutualInformation.score(new int[] {0, 0, 0}, new int[] {0, 1, 2}));
    assertEquals(0.0, AdjustedMutualInformation.score(new int[] {0, 0, 0}, new int[] {0, 1, 2}));
    assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 1, 2}, new int[] {0, 1, 2}));
    ContingencyTable t = ContingencyTable.of(new int[] {0, 0, 0}, new int[] {0, 1, 2});
    assertEquals(1.0, t.homogeneity());
    assertEquals(0.0, t.completeness());
    assertEquals(0.0, t.vMeasure());
    assertEquals(1.0, NormalizedMutualInformation.score(new int[] {4, 4}, new int[] {7, 7}));
    assertEquals(1.0, AdjustedMutualInformation.score(new int[] {4, 4}, new int[] {7, 7}));
  }

  @Test
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdjustedRandIndex.score(new int[] {0, 1}, new int[] {0}));
    assertTrue(e.getMessage().contains("same length"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ContingencyTable.of(new int[0], new int[0]));
    assertThrows(IllegalArgumentException.class, () -> ContingencyTable.of(null, new int[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ContingencyTable.of(A, B).vMeasure(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ContingencyTable.of(A, B).pairCounting().fMeasure(0));
    assertThrows(IllegalArgumentException.class,
        () -> NormalizedMutualInformation.score(A, B, null));
  }

  @Test
  void largeAndSparseLabelsUseTheSortedPath() {
    // labels spread far apart force the sparse construction; it must agree with compact labels
    int[] a = new int[A.length];
    int[] b = new int[B.length];
    for (int i = 0; i < A.length; i++) {
      a[i] = A[i] * 1_000_000_007;
      b[i] = -B[i] * 999_999_937;
    }
    assertEquals(AdjustedRandIndex.score(A, B), AdjustedRandIndex.score(a, b), 0.0);
    // the columns come in another order, so the sums are formed in another order
    assertEquals(AdjustedMutualInformation.score(A, B), AdjustedMutualInformation.score(a, b), 1e-15);
    // many labels: 2,000 classes by 2,000 clusters would be 4 million dense cells
    int n = 4000;
    int[] u = new int[n];
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      u[i] = i / 2;
      v[i] = (i + 1) / 2;
    }
    ContingencyTable t = ContingencyTable.of(u, v);
    assertEquals(2000, t.classLabels().length);
    assertEquals(2001, t.clusterLabels().length);
    // by hand: classes {0,1},{2,3},...; clusters {0},{1,2},{3,4},...,{3999}: no joined pair in common
    assertEquals(0, t.pairCounting().inBoth());
    assertEquals(2000, t.pairCounting().inTruthOnly());
    assertEquals(1999, t.pairCounting().inPredictedOnly());
  }

  private static int[] labels(long seed, int n, int k) {
    Rng rng = new Rng(seed);
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = rng.nextInt(k) - 1; // includes -1 as an ordinary label
    }
    return l;
  }

  private static int[] relabel(int[] l, long seed) {
    // an injective map: shuffle the values 0..k-1 and spread them out
    int max = 0;
    for (int v : l) {
      max = Math.max(max, v + 1);
    }
    int[] perm = new int[max + 1];
    for (int i = 0; i <= max; i++) {
      perm[i] = i;
    }
    new Rng(seed).shuffle(perm);
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = perm[l[i] + 1] * 37 + 5;
    }
    return out;
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void symmetricAndInvariantUnderRelabelling(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 8) int ka, @ForAll @IntRange(min = 1, max = 8) int kb) {
    int[] a = labels(seed, n, ka);
    int[] b = labels(seed + 1, n, kb);
    double ari = AdjustedRandIndex.score(a, b);
    double nmi = NormalizedMutualInformation.score(a, b);
    double ami = AdjustedMutualInformation.score(a, b);
    assertEquals(ari, AdjustedRandIndex.score(b, a), 0.0);
    assertEquals(nmi, NormalizedMutualInformation.score(b, a), 1e-13);
    assertEquals(ami, AdjustedMutualInformation.score(b, a), 1e-12);
    int[] ra = relabel(a, seed + 2);
    int[] rb = relabel(b, seed + 3);
    assertEquals(ari, AdjustedRandIndex.score(ra, rb), 0.0);
    assertEquals(nmi, NormalizedMutualInformation.score(ra, rb), 1e-13);
    assertEquals(ami, AdjustedMutualInformation.score(ra, rb), 1e-12);
    ContingencyTable t = ContingencyTable.of(a, b);
    ContingencyTable r = ContingencyTable.of(ra, rb);
    assertEquals(t.fowlkesMallows(), r.fowlkesMallows(), 0.0);
    assertEquals(t.vMeasure(), r.vMeasure(), 1e-13);
    assertEquals(t.purity(), r.purity(), 0.0);
    assertTrue(ari >= -1 && ari <= 1 && nmi >= 0 && nmi <= 1 + 1e-15);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void identicalPartitionsScoreOne(@ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 2, max = 8) int k) {
    int[] a = labels(seed, n, k);
    int[] b = relabel(a, seed + 7);
    ContingencyTable t = ContingencyTable.of(a, b);
    assertEquals(1.0, t.adjustedRandIndex(), 0.0);
    assertEquals(1.0, t.normalizedMutualInformation(), 1e-14);
    if (t.classLabels().length < n) {
      // with every point alone on both sides I = E[I] = H and AMI is 0/0 (scikit-learn gives 0.0 for
      // [0, 1] vs [0, 1]); otherwise it is 1
      assertEquals(1.0, t.adjustedMutualInformation(), 1e-12);
    }
    assertEquals(1.0, t.vMeasure(), 1e-14);
    assertEquals(1.0, t.purity(), 0.0);
    assertEquals(1.0, t.randIndex(), 0.0);
    if (t.pairCounting().inBoth() > 0) {
      assertEquals(1.0, t.fowlkesMallows(), 1e-15);
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void pairCountsMatchCountingEveryPair(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 6) int k, @ForAll boolean selfPairs) {
    int[] a = labels(seed, n, k);
    int[] b = labels(seed + 1, n, k);
    long both = 0;
    long onlyA = 0;
    long onlyB = 0;
    long neither = 0;
    for (int i = 0; i < n; i++) {
      for (int j = selfPairs ? 0 : i + 1; j < n; j++) {
        boolean sa = a[i] == a[j];
        boolean sb = b[i] == b[j];
        if (sa && sb) {
          both++;
        } else if (sa) {
          onlyA++;
        } else if (sb) {
          onlyB++;
        } else {
          neither++;
        }
      }
    }
    PairCounting pc = ContingencyTable.of(a, b).pairCounting(selfPairs);
    assertEquals(both, pc.inBoth());
    assertEquals(onlyA, pc.inTruthOnly());
    assertEquals(onlyB, pc.inPredictedOnly());
    assertEquals(neither, pc.inNeither());
  }
}
