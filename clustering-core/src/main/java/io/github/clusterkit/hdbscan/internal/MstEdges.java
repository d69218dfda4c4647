package io.github.clusterkit.hdbscan.internal;

/**
 * The {@code n - 1} edges of one minimum spanning tree of the mutual reachability graph: edge {@code i} joins rows
 * {@code from[i]} and {@code to[i]} ({@code from[i] < to[i]}) at mutual reachability distance {@code weight[i]} (a
 * true distance, not a reduced one). Edges are in ascending order of weight, ties by {@code from}, then {@code to}.
 * The arrays are the engine's own; callers must not modify them.
 */
public final class MstEdges {

  /** The smaller row of each edge. */
  public final int[] from;
  /** The larger row of each edge. */
  public final int[] to;
  /** The mutual reachability distance of each edge, ascending. */
  public final double[] weight;

  MstEdges(int[] from, int[] to, double[] weight) {
    this.from = from;
    this.to = to;
    this.weight = weight;
  }

  /** @return the number of edges */
  public int size() {
    return weight.length;
  }
}
