package io.github.clusterkit.birch.internal;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.hierarchical.Agglomerative;
import io.github.clusterkit.hierarchical.Linkage;

/**
 * BIRCH's global step as scikit-learn 1.2.1 runs it for {@code n_clusters=k}: Ward's linkage on the subcluster
 * centroids (SciPy's {@code hierarchy.ward}, which our {@link Agglomerative} reproduces with
 * {@code wardByCentroids(false)}) cut into {@code k} clusters and numbered as scikit-learn's {@code _hc_cut} numbers
 * them: the nodes of a binary heap of negated node ids (Python's {@code heapq}), cluster {@code i} being the node at
 * position {@code i} of the heap's array. Not API.
 */
public final class GlobalStep {

  private GlobalStep() {}

  /**
   * @param centroids the subcluster centroids, row-major {@code m x d}, {@code m >= 1}
   * @param m number of subclusters
   * @param d number of columns
   * @param k number of clusters, {@code 1 <= k}; {@code k >= m} gives every subcluster its own cluster in order
   * @param byCentroids whether Ward's linkage is computed from centroids rather than SciPy's matrix
   * @return the cluster of every subcluster, in {@code [0, min(k, m))}
   */
  public static int[] labels(double[] centroids, int m, int d, int k, boolean byCentroids) {
    int[] out = new int[m];
    if (k >= m) {
      // scikit-learn: fewer subclusters than k leaves every subcluster its own cluster; k = m cuts nothing, and
      // for m = 1 its AgglomerativeClustering would refuse one sample
      if (k == m && m > 1) {
        return cut(centroids, m, d, k, byCentroids);
      }
      for (int i = 0; i < m; i++) {
        out[i] = i;
      }
      return out;
    }
    return cut(centroids, m, d, k, byCentroids);
  }

  private static int[] cut(double[] centroids, int m, int d, int k, boolean byCentroids) {
    double[][] z = Agglomerative.linkage(Linkage.WARD).wardByCentroids(byCentroids)
        .fit(Dataset.wrap(centroids, m, d)).linkageMatrix();
    int[][] children = new int[m - 1][2];
    for (int i = 0; i < m - 1; i++) {
      children[i][0] = (int) z[i][0];
      children[i][1] = (int) z[i][1];
    }
    int[] heap = new int[k];
    int size = 1;
    heap[0] = -(Math.max(children[m - 2][0], children[m - 2][1]) + 1);
    for (int it = 0; it < k - 1; it++) {
      int[] these = children[-heap[0] - m];
      size = push(heap, size, -these[0]);
      pushPop(heap, size, -these[1]);
    }
    int[] label = new int[m];
    for (int i = 0; i < size; i++) {
      mark(-heap[i], children, m, i, label);
    }
    return label;
  }

  /** heapq.heappush. */
  private static int push(int[] heap, int size, int item) {
    heap[size] = item;
    siftDown(heap, 0, size);
    return size + 1;
  }

  /** heapq.heappushpop: the smallest of the heap and the item leaves. */
  private static void pushPop(int[] heap, int size, int item) {
    if (size > 0 && heap[0] < item) {
      heap[0] = item;
      siftUp(heap, size, 0);
    }
  }

  private static void siftDown(int[] heap, int start, int pos) {
    int item = heap[pos];
    while (pos > start) {
      int parent = (pos - 1) >> 1;
      if (item < heap[parent]) {
        heap[pos] = heap[parent];
        pos = parent;
        continue;
      }
      break;
    }
    heap[pos] = item;
  }

  private static void siftUp(int[] heap, int end, int pos) {
    int start = pos;
    int item = heap[pos];
    int childPos = 2 * pos + 1;
    while (childPos < end) {
      int right = childPos + 1;
      if (right < end && !(heap[childPos] < heap[right])) {
        childPos = right;
      }
      heap[pos] = heap[childPos];
      pos = childPos;
      childPos = 2 * pos + 1;
    }
    heap[pos] = item;
    siftDown(heap, start, pos);
  }

  private static void mark(int node, int[][] children, int m, int label, int[] out) {
    int[] stack = new int[m];
    int top = 0;
    stack[top++] = node;
    while (top > 0) {
      int v = stack[--top];
      if (v < m) {
        out[v] = label;
      } else {
        stack[top++] = children[v - m][0];
        stack[top++] = children[v - m][1];
      }
    }
  }
}
