package io.github.clusterkit.hierarchical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.internal.CondensedNnChain;
import io.github.clusterkit.hierarchical.internal.MatrixFill;
import io.github.clusterkit.hierarchical.internal.Tree;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants on seeded random data: continuous Gaussian blobs (no distance ties), integer lattices (many
 * exact ties) and duplicated rows (zero heights).
 */
class HierarchicalPropertiesTest {

  /** kind 0: continuous; 1: rounded to integers (ties); 2: a few distinct rows repeated. */
  static double[][] rows(long seed, int n, int d, int kind) {
    Rng rng = new Rng(seed);
    double[][] x = new double[n][d];
    int blobs = 1 + rng.nextInt(4);
    double[][] centres = new double[blobs][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.uniform(-5, 5);
      }
    }
    int distinct = 1 + rng.nextInt(Math.max(1, n / 3));
    for (int i = 0; i < n; i++) {
      if (kind == 2 && i >= distinct) {
        x[i] = x[rng.nextInt(distinct)].clone();
        continue;
      }
      double[] c = centres[rng.nextInt(blobs)];
      for (int j = 0; j < d; j++) {
        double v = c[j] + rng.nextGaussian() * (0.5 + rng.nextDouble());
        x[i][j] = kind == 1 ? Math.rint(v) : v;
      }
    }
    return x;
  }

  private static final Linkage[] ALL = Linkage.values();

  /** 0 to 3: each linkage with its defaults (Ward by centroids); 4: Ward by the matrix, SciPy's algorithm. */
  static Agglomerative config(int which) {
    return which < ALL.length ? Agglomerative.linkage(ALL[which])
        : Agglomerative.linkage(Linkage.WARD).wardByCentroids(false);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void treeIsWellFormedAndMonotone(@ForAll long seed, @ForAll @IntRange(min = 2, max = 70) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 4) int linkage) {
    double[][] x = rows(seed, n, d, kind);
    Dendrogram t = config(linkage).fit(Dataset.of(x));
    double[][] z = t.linkageMatrix();
    assertEquals(n - 1, z.length);
    boolean[] used = new boolean[2 * n - 1];
    int[] size = new int[2 * n - 1];
    Arrays.fill(size, 0, n, 1);
    double[] h = new double[2 * n - 1]; // leaves at height 0
    for (int i = 0; i < n - 1; i++) {
      int a = (int) z[i][0];
      int b = (int) z[i][1];
      assertTrue(a < b && b < n + i, "children must be existing ids, smaller first");
      assertTrue(!used[a] && !used[b], "each cluster is merged once");
      used[a] = true;
      used[b] = true;
      size[n + i] = size[a] + size[b];
      assertEquals(size[n + i], (int) z[i][3]);
      // Monotone linkages: a merge is not lower than the merges it joins, and heights are in order.
      assertTrue(z[i][2] >= h[a] && z[i][2] >= h[b], "merge below its children");
      assertTrue(i == 0 || z[i][2] >= z[i - 1][2], "heights out of order");
      h[n + i] = z[i][2];
    }
    assertEquals(n, n > 1 ? (int) z[n - 2][3] : 1);
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void cutsGiveExactlyKNestedClustersContiguousInLeafOrder(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 0, max = 4) int linkage) {
    double[][] x = rows(seed, n, d, kind);
    Dendrogram t = config(linkage).fit(Dataset.of(x));
    int[] order = t.leafOrder();
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "leaf order is a permutation");
    }
    int[] coarser = null;
    for (int k = 1; k <= n; k++) {
      int[] labels = t.cut(k);
      // Exactly k labels, numbered by first appearance.
      int next = 0;
      for (int i = 0; i < n; i++) {
        assertTrue(labels[i] <= next, "labels not in order of first row");
        if (labels[i] == next) {
          next++;
        }
      }
      assertEquals(k, next);
      // Nested: cut(k) refines cut(k - 1).
      if (coarser != null) {
        for (int i = 0; i < n; i++) {
          for (int j = i + 1; j < n; j++) {
            if (labels[i] == labels[j]) {
              assertEquals(coarser[i], coarser[j], "cut(k) does not refine cut(k-1)");
            }
          }
        }
      }
      // Every flat cluster is one run in the drawing order.
      int runs = 1;
      for (int p = 1; p < n; p++) {
        if (labels[order[p]] != labels[order[p - 1]]) {
          runs++;
        }
      }
      assertEquals(k, runs, "a cluster is split in the leaf order");
      coarser = labels;
    }
    // cutAtHeight at each height equals cut(k) for the number of merges up to that height (inclusive).
    double[] h = t.heights();
    for (int i = 0; i < n - 1; i++) {
      int applied = 0;
      while (applied < n - 1 && h[applied] <= h[i]) {
        applied++;
      }
      assertArrayEquals(t.cut(n - applied), t.cutAtHeight(h[i]));
      assertEquals(n - applied, t.clustersAtHeight(h[i]));
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void singleLinkageEqualsKruskal(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 2) int kind) {
    double[][] x = rows(seed, n, d, kind);
    Dendrogram t = Agglomerative.linkage(Linkage.SINGLE).fit(Dataset.of(x));
    double[] expected = new double[n - 1];
    int[][] edges = HierarchicalOracle.kruskal(x, expected);
    // The MST's sorted weights are unique even with ties; so is every cut between distinct heights.
    assertArrayEquals(expected, t.heights(), 0.0);
    for (int k = 1; k <= n; k++) {
      int merges = n - k;
      boolean tiedCut = merges > 0 && merges < n - 1 && expected[merges - 1] == expected[merges];
      if (!tiedCut) {
        assertArrayEquals(HierarchicalOracle.kruskalCut(n, edges, merges), t.cut(k), "k = " + k);
      }
    }
  }

  @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
  void matrixLinkagesEqualTheNaiveDefinition(@ForAll long seed, @ForAll @IntRange(min = 2, max = 35) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 2) int linkage) {
    // Continuous data: no ties, so the tree is unique and any correct algorithm finds it.
    double[][] x = rows(seed, n, d, 0);
    Linkage l = ALL[linkage];
    Dendrogram t = Agglomerative.linkage(l).fit(Dataset.of(x));
    List<HierarchicalOracle.Merge> naive = HierarchicalOracle.naive(x, l);
    double[] h = t.heights();
    for (int i = 0; i < n - 1; i++) {
      // Lance-Williams recurrences and the direct formulas round differently: 1e-9 relative.
      assertEquals(naive.get(i).height, h[i], 1e-9 * Math.max(1, naive.get(i).height), "merge " + i);
    }
    for (int k = 1; k <= n; k++) {
      assertArrayEquals(HierarchicalOracle.naiveCut(n, naive, n - k), t.cut(k), l + " k = " + k);
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void cachedChainEqualsSciPysPlainChainBitForBit(@ForAll long seed, @ForAll @IntRange(min = 2, max = 90) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 2) int linkage, @ForAll @IntRange(min = 0, max = 2) int metric) {
    // The plain chain (CondensedNnChain) is SciPy's nn_chain step for step, checked against SciPy on the
    // reference sets; the library runs the cached chain. Lattices and duplicates give many exact ties.
    double[][] x = rows(seed, n, d, kind);
    Linkage l = ALL[linkage];
    Metric m = l == Linkage.WARD ? Metric.EUCLIDEAN : Metric.values()[metric];
    Dataset data = Dataset.of(x);
    int method = l == Linkage.WARD ? CondensedNnChain.WARD
        : l == Linkage.COMPLETE ? CondensedNnChain.COMPLETE : CondensedNnChain.AVERAGE;
    Tree plain = CondensedNnChain.run(MatrixFill.condensed(data.toArray(), n, d, m), n, method);
    double[][] z = Agglomerative.linkage(l).metric(m).wardByCentroids(false).fit(data).linkageMatrix();
    for (int i = 0; i < n - 1; i++) {
      assertArrayEquals(new double[] {plain.left[i], plain.right[i], plain.height[i], plain.count[i]}, z[i],
          0.0, l + " " + m + " merge " + i);
    }
  }

  @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
  void defaultWardByCentroidsEqualsTheMatrixWard(@ForAll long seed, @ForAll @IntRange(min = 2, max = 80) int n,
      @ForAll @IntRange(min = 1, max = 6) int d) {
    // Continuous data: no ties. (With exact ties, as on a lattice, Ward's tree is not unique, and the two
    // computations may break a tie differently and so build different trees.)
    double[][] x = rows(seed, n, d, 0);
    Dendrogram matrix = Agglomerative.linkage(Linkage.WARD).wardByCentroids(false).fit(Dataset.of(x));
    Dendrogram centroids = Agglomerative.linkage(Linkage.WARD).fit(Dataset.of(x));
    double[] hm = matrix.heights();
    double[] hc = centroids.heights();
    for (int i = 0; i < n - 1; i++) {
      // Closed form against SciPy's recurrence: the same heights up to rounding.
      assertEquals(hm[i], hc[i], 1e-12 * Math.max(1, hm[i]), "merge " + i);
    }
    for (int k = 1; k <= n; k++) {
      assertArrayEquals(matrix.cut(k), centroids.cut(k), "k = " + k);
    }
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void rowPermutationGivesTheSameTree(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 0, max = 4) int linkage) {
    double[][] x = rows(seed, n, d, 0);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    new Rng(seed ^ 0x5DEECE66DL).shuffle(perm);
    double[][] y = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = x[perm[i]]; // row i of y is row perm[i] of x
    }
    Agglomerative l = config(linkage);
    Dendrogram tx = l.fit(Dataset.of(x));
    Dendrogram ty = l.fit(Dataset.of(y));
    double[] hx = tx.heights();
    double[] hy = ty.heights();
    for (int i = 0; i < n - 1; i++) {
      // Another merge order rounds the Lance-Williams updates differently.
      assertEquals(hx[i], hy[i], 1e-9 * Math.max(1, hx[i]));
    }
    for (int k = 1; k <= n; k++) {
      int[] lx = tx.cut(k);
      int[] ly = ty.cut(k);
      int[] mapped = new int[n];
      for (int i = 0; i < n; i++) {
        mapped[i] = lx[perm[i]];
      }
      HierarchicalReferenceTest.assertSamePartition(mapped, ly, l + " k = " + k);
    }
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void copheneticCorrelationEqualsTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 3, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 4) int linkage) {
    double[][] x = rows(seed, n, d, kind);
    Dendrogram t = config(linkage).fit(Dataset.of(x));
    double expected = HierarchicalOracle.cophenetic(x, t);
    double actual = t.copheneticCorrelation();
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), "expected NaN (all distances equal), got " + actual);
    } else {
      // Two summation orders over the same pairs.
      assertEquals(expected, actual, 1e-12);
      assertTrue(actual >= -1 - 1e-12 && actual <= 1 + 1e-12);
    }
  }
}
