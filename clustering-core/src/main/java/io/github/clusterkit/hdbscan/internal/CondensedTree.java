package io.github.clusterkit.hdbscan.internal;

import java.util.Arrays;

/**
 * The condensed cluster tree of HDBSCAN* built from one minimum spanning tree of the mutual reachability graph, the
 * selection of clusters (excess of mass or leaves), and the per-row outputs: labels, membership probabilities and
 * GLOSH outlier scores.
 *
 * <p>The hierarchy is that of the connected components of the graph at every threshold, which is the same for every
 * minimum spanning tree; equal weights are removed together (an n-ary split), so nothing here depends on the order
 * of the edges of one weight or of the rows. The single-linkage merges are built bottom up with a union-find; a
 * merge whose parent merge has the same weight is folded into that parent, so each remaining merge is one level of
 * one component, and its children are the components below that level. The tree is then condensed top down: a
 * component with at least {@code minClusterSize} rows is large; at a level where a cluster has two or more large
 * components they become new clusters, one large component continues the cluster, and the rows of the small ones
 * fall out of it at that level (lambda = 1 / weight, infinite for weight 0).
 *
 * <p>Sums of lambdas are formed level by level in the order of the levels, and the stabilities of sibling clusters
 * are added in increasing order of value, so every double computed here is the same for every order of rows and of
 * tied edges. Memory O(n); time O(n) after the edges, which arrive sorted.
 */
public final class CondensedTree {

  /** Per row: the selected cluster's label, or -1. */
  public final int[] labels;
  /** Per row: membership strength in [0, 1]; 0 for noise. */
  public final double[] probabilities;
  /** Per row: GLOSH score in [0, 1]. */
  public final double[] outlierScores;
  /** The number of selected clusters. */
  public final int clusterCount;
  /** Per label: the stability of the selected cluster (in the units of the weights given). */
  public final double[] stabilities;
  /** Per row: the condensed-tree cluster it fell out of. */
  public final int[] rowCluster;
  /** Per row: the lambda at which it fell out. */
  public final double[] rowLambda;
  /** Per tree cluster: its parent (-1 for the root). */
  public final int[] parent;
  /** Per tree cluster: the lambda at which it was born (0 for the root). */
  public final double[] birth;
  /** Per tree cluster: the lambda at which it split or ended (its largest lambda). */
  public final double[] death;
  /** Per tree cluster: the largest death in its subtree. */
  public final double[] subtreeMax;
  /** Per tree cluster: the label of the selected cluster at or above it, or -1. */
  public final int[] label;
  /** Per tree cluster: the selected cluster at or above it, or -1. */
  public final int[] selected;
  /**
   * When the root is selected (allowSingleCluster): the lambda a row must have reached to be in it (the root's death,
   * or 1 / epsilon); NaN otherwise.
   */
  public final double rootThreshold;

  private CondensedTree(int[] labels, double[] probabilities, double[] outlierScores, int clusterCount,
      double[] stabilities, int[] rowCluster, double[] rowLambda, int[] parent, double[] birth,
      double[] death, double[] subtreeMax, int[] label, int[] selected, double rootThreshold) {
    this.labels = labels;
    this.probabilities = probabilities;
    this.outlierScores = outlierScores;
    this.clusterCount = clusterCount;
    this.stabilities = stabilities;
    this.rowCluster = rowCluster;
    this.rowLambda = rowLambda;
    this.parent = parent;
    this.birth = birth;
    this.death = death;
    this.subtreeMax = subtreeMax;
    this.label = label;
    this.selected = selected;
    this.rootThreshold = rootThreshold;
  }

  /**
   * The label of a row that fell out of tree cluster {@code from} at {@code lambda}.
   *
   * @param from a tree cluster
   * @param lambda the row's lambda
   * @return the selected cluster's label, or -1 (none, or the root selected and the row gone before its threshold)
   */
  public int labelOf(int from, double lambda) {
    int s = selected[from];
    if (s < 0 || (s == 0 && !(lambda >= rootThreshold))) {
      return -1;
    }
    return label[from];
  }

  /**
   * The membership strength of a row that fell out of tree cluster {@code from} at {@code lambda}.
   *
   * @param from a tree cluster
   * @param lambda the row's lambda
   * @return 0 when no selected cluster holds it, else its lambda capped at the selected cluster's death, over that
   *     death (1 for an infinite lambda)
   */
  public double probability(int from, double lambda) {
    if (labelOf(from, lambda) < 0) {
      return 0.0;
    }
    int s = selected[from];
    double top = death[s];
    return lambda == Double.POSITIVE_INFINITY ? 1.0 : Math.min(lambda, top) / top;
  }

  /**
   * The GLOSH score of a row that fell out of tree cluster {@code from} at {@code lambda}.
   *
   * @param from a tree cluster
   * @param lambda the row's lambda
   * @return (deepest lambda of the subtree - lambda) / deepest, 0 for an infinite lambda, 1 beside an infinite
   *     deepest
   */
  public double outlierScore(int from, double lambda) {
    double deepest = subtreeMax[from];
    if (lambda == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    if (deepest == Double.POSITIVE_INFINITY) {
      return 1.0;
    }
    return (deepest - lambda) / deepest;
  }

  /**
   * Builds the tree and selects the clusters, with scikit-learn's {@code allow_single_cluster} and
   * {@code cluster_selection_epsilon}.
   *
   * @param n the number of rows, {@code >= 1}
   * @param from one end of each edge of a spanning tree (n - 1 edges)
   * @param to the other end
   * @param weight the edges' weights, finite, {@code >= 0}, in ascending order
   * @param minClusterSize the smallest cluster, {@code >= 2}
   * @param leaf true for leaf selection, false for excess of mass
   * @param allowSingleCluster whether the root may be selected
   * @param epsilon the cluster selection radius, {@code >= 0} (0: none), in the units of the weights
   * @return the result
   */
  public static CondensedTree build(int n, int[] from, int[] to, double[] weight, int minClusterSize, boolean leaf,
      boolean allowSingleCluster, double epsilon) {
    int edges = n - 1;
    // --- single-linkage merges: node n + i merges the components joined by edge i
    int nodes = n + edges;
    int[] left = new int[edges];
    int[] right = new int[edges];
    int[] size = new int[nodes];
    int[] uf = new int[n]; // union-find over rows; root -> its current top node in topNode
    int[] topNode = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
      topNode[i] = i;
      size[i] = 1;
    }
    for (int i = 0; i < edges; i++) {
      int a = find(uf, from[i]);
      int b = find(uf, to[i]);
      if (a == b) {
        throw new IllegalStateException("the edges do not form a spanning tree (edge " + i + ")");
      }
      int node = n + i;
      left[i] = topNode[a];
      right[i] = topNode[b];
      size[node] = size[left[i]] + size[right[i]];
      // union by index, then path halving in find
      if (a < b) {
        uf[b] = a;
        topNode[a] = node;
      } else {
        uf[a] = b;
        topNode[b] = node;
      }
    }
    // --- condense top down
    int cap = Math.max(1, n); // clusters: at most one per large component, fewer than n
    int[] clusterParent = new int[cap];
    double[] birth = new double[cap];
    double[] death = new double[cap];
    double[] stability = new double[cap];
    int[] firstChild = new int[cap];
    int[] nextSibling = new int[cap];
    Arrays.fill(firstChild, -1);
    Arrays.fill(nextSibling, -1);
    int clusters = 1;
    clusterParent[0] = -1;
    birth[0] = 0.0;
    double[] fallLambda = new double[n];
    int[] fallCluster = new int[n];

    int[] work = new int[Math.max(2, 2 * nodes)]; // stack of (node, cluster) pairs
    int[] scan = new int[Math.max(1, nodes)]; // scratch stack for walking a subtree
    int[] childBuf = new int[Math.max(1, nodes)]; // the n-ary children of the current level
    int sp = 0;
    if (n == 1) {
      fallLambda[0] = Double.POSITIVE_INFINITY;
      fallCluster[0] = 0;
      death[0] = Double.POSITIVE_INFINITY;
      stability[0] = Double.POSITIVE_INFINITY;
    } else {
      work[sp++] = nodes - 1;
      work[sp++] = 0;
    }
    while (sp > 0) {
      int c = work[--sp];
      int v = work[--sp];
      // one cluster continues down a single chain of levels; its fall-outs are added level by level
      double b = birth[c];
      double sum = 0.0;
      while (true) {
        double w = weight[v - n];
        double lambda = 1.0 / w;
        int kids = naryChildren(v, n, weight, left, right, scan, childBuf);
        int large = 0;
        int largeChild = -1;
        int fallen = 0;
        for (int j = 0; j < kids; j++) {
          int u = childBuf[j];
          if (size[u] >= minClusterSize) {
            large++;
            largeChild = u;
          }
        }
        for (int j = 0; j < kids; j++) {
          int u = childBuf[j];
          if (size[u] < minClusterSize || large == 0) {
            fallen += size[u];
            fallOut(u, n, left, right, scan, c, lambda, fallCluster, fallLambda);
          }
        }
        if (fallen > 0) {
          sum += fallen * (lambda - b);
        }
        if (large == 1) {
          v = largeChild;
          continue;
        }
        death[c] = lambda;
        if (large >= 2) {
          int inChildren = 0;
          for (int j = 0; j < kids; j++) {
            int u = childBuf[j];
            if (size[u] >= minClusterSize) {
              int child = clusters++;
              clusterParent[child] = c;
              birth[child] = lambda;
              nextSibling[child] = firstChild[c];
              firstChild[c] = child;
              inChildren += size[u];
              work[sp++] = u;
              work[sp++] = child;
            }
          }
          sum += inChildren * (lambda - b);
        }
        break;
      }
      stability[c] = sum;
    }

    // --- selection, bottom up (children have larger ids than their parent)
    boolean[] chosen = new boolean[clusters];
    double[] best = new double[clusters];
    double[] siblings = new double[clusters];
    for (int c = clusters - 1; c >= 0; c--) {
      if (firstChild[c] < 0) {
        // a leaf; the root only under excess of mass with allowSingleCluster (scikit-learn's leaf selection never
        // returns the root)
        chosen[c] = c != 0 || (allowSingleCluster && !leaf);
        best[c] = stability[c];
        continue;
      }
      int m = 0;
      for (int ch = firstChild[c]; ch >= 0; ch = nextSibling[ch]) {
        siblings[m++] = best[ch];
      }
      Arrays.sort(siblings, 0, m); // a sum independent of the order the children were found in
      double s = 0.0;
      for (int j = 0; j < m; j++) {
        s += siblings[j];
      }
      if ((c == 0 && !allowSingleCluster) || leaf || s > stability[c]) {
        best[c] = s;
      } else {
        chosen[c] = true;
        best[c] = stability[c];
      }
    }
    int[] selectedAt = topmost(chosen, clusterParent, clusters);
    // cluster_selection_epsilon: a selected cluster born below the radius gives way to its nearest ancestor born
    // above it (the root only with allowSingleCluster; else the cluster just below the root); nothing changes when
    // the root alone is selected
    if (epsilon > 0 && selectedAt[0] != 0) {
      boolean[] picked = new boolean[clusters];
      for (int c = 1; c < clusters; c++) {
        if (selectedAt[c] != c) {
          continue;
        }
        int result = c;
        if (1.0 / birth[c] < epsilon) {
          int x = c;
          while (true) {
            int up = clusterParent[x];
            if (up == 0) {
              result = allowSingleCluster ? 0 : x;
              break;
            }
            if (1.0 / birth[up] > epsilon) {
              result = up;
              break;
            }
            x = up;
          }
        }
        picked[result] = true;
      }
      selectedAt = topmost(picked, clusterParent, clusters); // a cluster inside another picked one is dropped
    }
    // the root, when selected, holds only the rows that stayed to its end (or past the radius)
    double rootThreshold = selectedAt[0] == 0 ? (epsilon > 0 ? 1.0 / epsilon : death[0]) : Double.NaN;
    double[] subtreeMax = Arrays.copyOf(death, clusters);
    for (int c = clusters - 1; c > 0; c--) {
      int p = clusterParent[c];
      if (subtreeMax[c] > subtreeMax[p]) {
        subtreeMax[p] = subtreeMax[c];
      }
    }
    // --- number the selected clusters by their smallest labelled row
    int[] rowSelected = new int[n];
    for (int p = 0; p < n; p++) {
      int sc = selectedAt[fallCluster[p]];
      rowSelected[p] = sc == 0 && !(fallLambda[p] >= rootThreshold) ? -1 : sc;
    }
    int[] numberOf = new int[clusters];
    Arrays.fill(numberOf, -1);
    int count = 0;
    for (int p = 0; p < n; p++) {
      int sc = rowSelected[p];
      if (sc >= 0 && numberOf[sc] < 0) {
        numberOf[sc] = count++;
      }
    }
    double[] stabilities = new double[count];
    for (int c = 0; c < clusters; c++) {
      if (numberOf[c] >= 0) {
        stabilities[numberOf[c]] = stability[c];
      }
    }
    int[] labels = new int[n];
    double[] prob = new double[n];
    double[] score = new double[n];
    int[] label = new int[clusters];
    for (int c = 0; c < clusters; c++) {
      label[c] = selectedAt[c] < 0 ? -1 : numberOf[selectedAt[c]];
    }
    CondensedTree t = new CondensedTree(labels, prob, score, count, stabilities, fallCluster, fallLambda,
        Arrays.copyOf(clusterParent, clusters), Arrays.copyOf(birth, clusters), Arrays.copyOf(death, clusters),
        subtreeMax, label, selectedAt, rootThreshold);
    for (int p = 0; p < n; p++) {
      labels[p] = t.labelOf(fallCluster[p], fallLambda[p]);
      prob[p] = t.probability(fallCluster[p], fallLambda[p]);
      score[p] = t.outlierScore(fallCluster[p], fallLambda[p]);
    }
    return t;
  }

  /** Per cluster: the highest chosen cluster at or above it, or -1. */
  private static int[] topmost(boolean[] chosen, int[] clusterParent, int clusters) {
    int[] at = new int[clusters];
    for (int c = 0; c < clusters; c++) {
      int up = c == 0 ? -1 : at[clusterParent[c]];
      at[c] = up >= 0 ? up : (chosen[c] ? c : -1);
    }
    return at;
  }

  private static int find(int[] uf, int x) {
    while (uf[x] != x) {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
    return x;
  }

  /**
   * The components below node {@code v}'s level: its binary children, descending through merges of the same weight.
   *
   * @return how many were written to {@code out}
   */
  private static int naryChildren(int v, int n, double[] weight, int[] left, int[] right, int[] scan, int[] out) {
    double w = weight[v - n];
    int top = 0;
    int count = 0;
    scan[top++] = v;
    while (top > 0) {
      int x = scan[--top];
      for (int side = 0; side < 2; side++) {
        int u = side == 0 ? left[x - n] : right[x - n];
        if (u >= n && weight[u - n] == w) {
          scan[top++] = u;
        } else {
          out[count++] = u;
        }
      }
    }
    return count;
  }

  /** Every row of node {@code u}'s subtree falls out of cluster {@code c} at {@code lambda}. */
  private static void fallOut(int u, int n, int[] left, int[] right, int[] scan, int c, double lambda,
      int[] fallCluster, double[] fallLambda) {
    int top = 0;
    scan[top++] = u;
    while (top > 0) {
      int x = scan[--top];
      if (x < n) {
        fallCluster[x] = c;
        fallLambda[x] = lambda;
      } else {
        scan[top++] = left[x - n];
        scan[top++] = right[x - n];
      }
    }
  }
}
