package io.github.clusterkit.hierarchical.internal;

/**
 * A finished dendrogram in SciPy's linkage-matrix layout, as four parallel arrays with one entry per merge
 * {@code i} in order of height: {@code left[i] < right[i]} are cluster ids (leaves {@code 0..n-1}, the
 * cluster made by merge {@code j} is {@code n + j}), {@code height[i]} and {@code count[i]} (leaves under the
 * new cluster). Arrays are owned by the caller after construction. Not API.
 */
public final class Tree {

  /** Number of leaves. */
  public final int n;
  /** Smaller cluster id of each merge. */
  public final int[] left;
  /** Larger cluster id of each merge. */
  public final int[] right;
  /** Height of each merge, non-decreasing. */
  public final double[] height;
  /** Leaves under the cluster each merge creates. */
  public final int[] count;

  Tree(int n, int[] left, int[] right, double[] height, int[] count) {
    this.n = n;
    this.left = left;
    this.right = right;
    this.height = height;
    this.count = count;
  }

  /**
   * Turns merges recorded in discovery order into SciPy's layout, exactly as SciPy's {@code nn_chain} and
   * {@code mst_single_linkage} finish: a stable sort by height (NumPy's {@code argsort(kind='mergesort')}),
   * then a union-find pass that replaces each recorded representative by the id of the cluster that holds
   * it at that point, the smaller id first, and counts the leaves.
   *
   * @param n number of leaves
   * @param a first representative (a leaf index) of each recorded merge
   * @param b second representative of each recorded merge
   * @param h height of each recorded merge
   * @return the tree
   */
  public static Tree fromRecorded(int n, int[] a, int[] b, double[] h) {
    int m = n - 1;
    int[] order = StableSort.argsort(h, m);
    int[] left = new int[m];
    int[] right = new int[m];
    double[] height = new double[m];
    int[] count = new int[m];
    int[] parent = new int[Math.max(1, 2 * n - 1)];
    int[] size = new int[parent.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
      size[i] = 1;
    }
    int next = n;
    for (int k = 0; k < m; k++) {
      int o = order[k];
      int x = find(parent, a[o]);
      int y = find(parent, b[o]);
      if (x < y) {
        left[k] = x;
        right[k] = y;
      } else {
        left[k] = y;
        right[k] = x;
      }
      height[k] = h[o];
      parent[x] = next;
      parent[y] = next;
      size[next] = size[x] + size[y];
      count[k] = size[next];
      next++;
    }
    return new Tree(n, left, right, height, count);
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[x] != root) {
      int p = parent[x];
      parent[x] = root;
      x = p;
    }
    return root;
  }
}
