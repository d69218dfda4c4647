package io.github.clusterkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  /**
   * The sparse construction (more than {@code max(2^16, 4 n)} cells) on rows in shuffled order, so that its keys
   * must be sorted and its cells decoded into rows and columns. By hand: rows {@code 2r} and {@code 2r + 1} of each
   * half are class {@code r}, in clusters {@code r} and {@code r + 1}; each half repeats the other, so every non-zero
   * cell holds 2 points. Values: tools/eval_edge_reference.py (scikit-learn 1.2.1).
   */
  @Test
  void sortedPathCellsOnShuffledRows() {
    int n = 8000;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    new Rng(5).shuffle(order);
    int[] u = new int[n];
    int[] v = new int[n];
    for (int q = 0; q < n; q++) {
      int i = order[q] % 4000;
      u[q] = i / 2;
      v[q] = (i + 1) / 2;
    }
    ContingencyTable t = ContingencyTable.of(u, v);
    assertEquals(n, t.size());
    assertEquals(2000, t.classLabels().length);
    assertEquals(2001, t.clusterLabels().length);
    for (int r = 0; r < 2000; r++) {
      assertEquals(2, t.count(r, r), "cell " + r + ", " + r);
      assertEquals(2, t.count(r, r + 1), "cell " + r + ", " + (r + 1));
      if (r + 2 <= 2000) {
        assertEquals(0, t.count(r, r + 2));
      }
      if (r > 0) {
        assertEquals(0, t.count(r, r - 1));
      }
    }
    assertEquals(0, t.count(1999, 0));
    // mutual_info_score = 6.908101852572415; the closed form (2 ln 2000 + 3998 ln 1000) / 4000 (2 of the 4000 cells
    // lie in the two clusters of 2 points, the others in clusters of 4) is 6.9081018525724165
    assertEquals(6.908101852572415, t.mutualInformation(), 0.0); // 4000 terms summed in scikit-learn's order
    assertEquals(0.9088321289129722, t.normalizedMutualInformation(), 1e-13);
    // scikit-learn 0.4997811875449077; exact (50 digits, same script) 0.49978118738377161: both implementations
    // cancel log-gamma values near ln(8000!) in E[I] and are off by about 2e-10
    assertEquals(0.49978118738377161, t.adjustedMutualInformation(), 5e-10);
    // pair counts by hand: 4000 cells of 2 points, one pair each, joined in both; each class of 4 points has
    // C(4, 2) = 6 pairs, each of the 1999 inner clusters too, the two outer clusters of 2 points 1
    PairCounting pc = t.pairCounting();
    assertEquals(4000, pc.inBoth());
    assertEquals(2000 * 6 - 4000, pc.inTruthOnly());
    assertEquals(1999 * 6 + 2 - 4000, pc.inPredictedOnly());
  }

  /**
   * The cells of a small table, absent ones included (the last cell too, after every stored one), the dense copy,
   * the sizes and the description; by hand.
   */
  @Test
  void cellsSizesAndCopies() {
    ContingencyTable t = ContingencyTable.of(new int[] {0, 1, 1}, new int[] {1, 0, 0});
    assertEquals(3, t.size());
    assertEquals(0, t.count(0, 0));
    assertEquals(1, t.count(0, 1));
    assertEquals(2, t.count(1, 0));
    assertEquals(0, t.count(1, 1));
    assertArrayEquals(new int[][] {{0, 1}, {2, 0}}, t.toArray());
    assertArrayEquals(new int[] {1, 2}, t.classSizes());
    assertArrayEquals(new int[] {2, 1}, t.clusterSizes());
    t.classSizes()[0] = 9;
    t.clusterSizes()[0] = 9;
    t.classLabels()[0] = 9;
    t.toArray()[0][1] = 9;
    assertArrayEquals(new int[] {1, 2}, t.classSizes());
    assertArrayEquals(new int[] {2, 1}, t.clusterSizes());
    assertArrayEquals(new int[] {0, 1}, t.classLabels());
    assertEquals(1, t.count(0, 1));
    assertEquals("ContingencyTable[3 points, 2 classes x 2 clusters, 2 non-zero cells]", t.toString());
    assertThrows(IndexOutOfBoundsException.class, () -> t.count(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> t.count(0, -1));
  }

  /**
   * Adjusted mutual information where the expected mutual information needs {@code ln k!} beyond 20 (Stirling's
   * series), against scikit-learn 1.2.1 (tools/eval_edge_reference.py), through the shortcuts with every mean.
   */
  @Test
  void adjustedMutualInformationBeyondTwentyPoints() {
    int[] t50 = new int[50];
    int[] p50 = new int[50];
    for (int i = 0; i < 50; i++) {
      t50[i] = i % 3;
      p50[i] = (i / 7) % 4;
    }
    assertEquals(-0.05719510441253466, AdjustedMutualInformation.score(t50, p50, EntropyMean.MIN), 1e-15);
    assertEquals(-0.05101736453698661, AdjustedMutualInformation.score(t50, p50, EntropyMean.GEOMETRIC), 1e-15);
    assertEquals(-0.05070560057363903, AdjustedMutualInformation.score(t50, p50), 1e-15);
    assertEquals(-0.045538666229362056, AdjustedMutualInformation.score(t50, p50, EntropyMean.MAX), 1e-15);
    // the mutual information is small here (a sum of terms that nearly cancel): 1e-14 absolute, about 2e-12 relative
    assertEquals(0.0060311739754810275, NormalizedMutualInformation.score(t50, p50, EntropyMean.MIN), 1e-14);
    assertEquals(0.005414714183618565, NormalizedMutualInformation.score(t50, p50, EntropyMean.GEOMETRIC), 1e-14);
    assertEquals(0.004861264126930058, NormalizedMutualInformation.score(t50, p50, EntropyMean.MAX), 1e-14);
    int[] t1000 = new int[1000];
    int[] p1000 = new int[1000];
    for (int i = 0; i < 1000; i++) {
      t1000[i] = i % 5;
      p1000[i] = (i * i + 3) % 7;
    }
    // I and E[I] nearly cancel here: 1e-13 absolute, about 2e-11 relative
    assertEquals(-0.004418018550878014, AdjustedMutualInformation.score(t1000, p1000, EntropyMean.MIN), 1e-13);
    assertEquals(-0.004032196097754698, AdjustedMutualInformation.score(t1000, p1000), 1e-13);
    assertEquals(5.9163411958378444e-05, NormalizedMutualInformation.score(t1000, p1000), 1e-15);
  }

  /**
   * Two points, each alone in both labellings: {@code I = E[I] = H} and the adjusted mutual information is
   * {@code 0 / 0}; the denominator 0 is replaced by {@code +eps}, as in scikit-learn 1.2.1, whose value is
   * {@code +0.0} (tools/eval_edge_reference.py): the sign of the zero is part of that value.
   */
  @Test
  void twoPointsAloneInBothLabellings() {
    double ami = AdjustedMutualInformation.score(new int[] {0, 1}, new int[] {0, 1});
    assertEquals(0.0, ami);
    assertEquals(Double.POSITIVE_INFINITY, 1 / ami, "+0.0, not -0.0");
  }

  /** The weights of the F-measure and the V-measure must be positive and finite: 0 and infinity are refused. */
  @Test
  void betaBoundsAreExclusive() {
    ContingencyTable t = ContingencyTable.of(A, B);
    PairCounting pc = t.pairCounting();
    for (double beta : new double[] {0.0, -1.0, Double.POSITIVE_INFINITY, Double.NaN}) {
      IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> t.vMeasure(beta));
      assertEquals("beta must be > 0 and finite, got " + beta, v.getMessage());
      IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> pc.fMeasure(beta));
      assertEquals("beta must be > 0 and finite, got " + beta, f.getMessage());
    }
    // the smallest and largest finite weights are accepted (values by the formulas: beta -> 0 gives the
    // homogeneity and the precision, a huge beta the completeness and the recall)
    assertEquals(t.homogeneity(), t.vMeasure(Double.MIN_VALUE), 1e-15);
    assertEquals(t.completeness(), t.vMeasure(1e300), 1e-15);
    assertEquals(pc.precision(), pc.fMeasure(Double.MIN_VALUE), 1e-15);
    assertEquals(pc.recall(), pc.fMeasure(1e150), 1e-15);
  }

  /** Pair counts with self-pairs say so, in their flag and their description (ELKI's variant). */
  @Test
  void selfPairsAreReported() {
    // by hand for [0, 0, 1] against [0, 0, 0]: ordered pairs with self-pairs, TP = 2^2 + 1^2 = 5, predicted joins 9
    PairCounting self = ContingencyTable.of(new int[] {0, 0, 1}, new int[] {0, 0, 0}).pairCounting(true);
    assertTrue(self.selfPairs());
    assertEquals("PairCounting[both=5, truthOnly=0, predictedOnly=4, neither=0, ordered with self-pairs]",
        self.toString());
    PairCounting plain = ContingencyTable.of(new int[] {0, 0, 1}, new int[] {0, 0, 0}).pairCounting();
    assertEquals("PairCounting[both=1, truthOnly=0, predictedOnly=2, neither=0]", plain.toString());
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
