package io.github.clusterkit.kmeans.internal;

/**
 * The tree of a bisecting K-Means fit, as {@code BisectingKMeansModel} stores it: the root is node 0, and split
 * {@code s} (0-based, in the order of the fit) turned the leaf {@code splits[s]} into the nodes {@code 2s + 1} (the
 * 2-means cluster 0, the left child) and {@code 2s + 2} (cluster 1, the right child). The clustering after
 * {@code m - 1} splits has as clusters the leaves of the tree made of nodes {@code 0 .. 2(m - 1)}, numbered from 0 in
 * depth-first, left-before-right order: scikit-learn 1.2.1's {@code _BisectingTree.iter_leaves} order, which numbers
 * its {@code labels_}.
 *
 * <p>Stateless static helpers; every call allocates its own arrays.
 */
public final class BisectTree {

  private BisectTree() {}

  /**
   * @param splits the split leaf of every split, {@code k - 1} values
   * @return per node ({@code 2k - 1}), the split that split it, or {@code -1} for a leaf of the full tree
   */
  public static int[] splitStep(int[] splits) {
    int[] step = new int[2 * splits.length + 1];
    java.util.Arrays.fill(step, -1);
    for (int s = 0; s < splits.length; s++) {
      step[splits[s]] = s;
    }
    return step;
  }

  /**
   * Numbers the leaves of the clustering after {@code m - 1} splits.
   *
   * @param splitStep from {@link #splitStep(int[])}
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return per node of the full tree, the label (in {@code 0..m-1}) of the level-{@code m} leaf that is the node or
   *     its ancestor, or {@code -1} for a node split within the first {@code m - 1} splits or made after them
   */
  public static int[] labelsOfNodes(int[] splitStep, int m) {
    int nodes = splitStep.length;
    int[] label = new int[nodes];
    java.util.Arrays.fill(label, -1);
    // Depth-first, left before right, with an explicit stack (a tree of k leaves can be k deep).
    int[] stack = new int[nodes];
    int top = 0;
    stack[top++] = 0;
    int next = 0;
    while (top > 0) {
      int node = stack[--top];
      int s = splitStep[node];
      if (s >= 0 && s < m - 1) {
        stack[top++] = 2 * s + 2;
        stack[top++] = 2 * s + 1;
      } else {
        // A leaf at level m: it and all its descendants (nodes of later splits) carry its label.
        int l = next++;
        label[node] = l;
        int sub = top;
        stack[top++] = node;
        while (top > sub) {
          int u = stack[--top];
          label[u] = l;
          int su = splitStep[u];
          if (su >= 0) {
            stack[top++] = 2 * su + 2;
            stack[top++] = 2 * su + 1;
          }
        }
      }
    }
    return label;
  }

  /**
   * @param splitStep from {@link #splitStep(int[])}
   * @param m the number of clusters, {@code 1 <= m <= k}
   * @return the leaf nodes at level {@code m}, in label order
   */
  public static int[] leavesAt(int[] splitStep, int m) {
    int[] out = new int[m];
    int[] stack = new int[splitStep.length];
    int top = 0;
    stack[top++] = 0;
    int next = 0;
    while (top > 0) {
      int node = stack[--top];
      int s = splitStep[node];
      if (s >= 0 && s < m - 1) {
        stack[top++] = 2 * s + 2;
        stack[top++] = 2 * s + 1;
      } else {
        out[next++] = node;
      }
    }
    return out;
  }

  /**
   * Whether the given rows of {@code x} with positive weight hold two distinct values (by value,
   * {@code -0.0 == 0.0}), so that 2-means can split them.
   *
   * @param x row-major rows
   * @param d dimension
   * @param w weights or {@code null}
   * @param rows indices of the rows to look at
   * @return whether two of them with positive weight differ
   */
  public static boolean splittable(double[] x, int d, double[] w, int[] rows) {
    int first = -1;
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      if (w != null && !(w[r] > 0)) {
        continue;
      }
      if (first < 0) {
        first = r;
        continue;
      }
      int a = first * d;
      int b = r * d;
      for (int t = 0; t < d; t++) {
        if (x[a + t] != x[b + t]) {
          return true;
        }
      }
    }
    return false;
  }
}
