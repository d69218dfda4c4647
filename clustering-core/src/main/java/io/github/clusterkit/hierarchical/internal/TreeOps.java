package io.github.clusterkit.hierarchical.internal;

/** Flat cuts and leaf order of a {@link Tree}. Not API. */
public final class TreeOps {

  private TreeOps() {}

  /**
   * Applies the first {@code merges} merges and labels the resulting clusters {@code 0, 1, ...} in order of
   * their smallest row index.
   *
   * @param t the tree
   * @param merges number of merges to apply, {@code 0 <= merges <= n - 1}
   * @return one label per leaf
   */
  public static int[] applyMerges(Tree t, int merges) {
    int n = t.n;
    int[] uf = new int[n];
    for (int i = 0; i < n; i++) {
      uf[i] = i;
    }
    // A leaf that represents each cluster id: leaves represent themselves, merge i's cluster its left child's.
    int[] rep = new int[Math.max(1, 2 * n - 1)];
    for (int i = 0; i < n; i++) {
      rep[i] = i;
    }
    for (int i = 0; i < merges; i++) {
      int a = find(uf, rep[t.left[i]]);
      int b = find(uf, rep[t.right[i]]);
      uf[b] = a;
      rep[n + i] = a;
    }
    int[] label = new int[n];
    int[] rootLabel = new int[n];
    java.util.Arrays.fill(rootLabel, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = find(uf, i);
      if (rootLabel[r] < 0) {
        rootLabel[r] = next++;
      }
      label[i] = rootLabel[r];
    }
    return label;
  }

  private static int find(int[] uf, int x) {
    int root = x;
    while (uf[root] != root) {
      root = uf[root];
    }
    while (uf[x] != root) {
      int p = uf[x];
      uf[x] = root;
      x = p;
    }
    return root;
  }

  /**
   * The leaves in the order a dendrogram draws them: depth first from the root, the first (smaller id)
   * child before the second, as SciPy's {@code leaves_list}.
   *
   * @param t the tree
   * @return a permutation of {@code 0..n-1}
   */
  public static int[] leafOrder(Tree t) {
    int n = t.n;
    int[] order = new int[n];
    if (n == 1) {
      return order;
    }
    int[] stack = new int[n];
    int top = 0;
    stack[top++] = 2 * n - 2;
    int k = 0;
    while (top > 0) {
      int id = stack[--top];
      if (id < n) {
        order[k++] = id;
      } else {
        stack[top++] = t.right[id - n];
        stack[top++] = t.left[id - n];
      }
    }
    return order;
  }
}
