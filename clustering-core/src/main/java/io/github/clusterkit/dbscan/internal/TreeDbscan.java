package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;

import io.github.clusterkit.neighbors.NeighborIndex;
import io.github.clusterkit.neighbors.Neighbors;

/**
 * DBSCAN on any {@link NeighborIndex} (brute force, the test oracle; the KD-tree path has its own engine,
 * {@link KdDbscan}, which prunes with what DBSCAN knows): core points by
 * {@code countWithin} with early exit, one radius query per core point for the union-find over rows, one
 * per non-core point for its nearest core point (or, for scikit-learn's rule, the lowest cluster id within eps).
 * Neighbourhoods live only in one reusable buffer per thread.
 */
final class TreeDbscan {

  private static final int ROW_CHUNK = 512;

  private final NeighborIndex index;
  private final double eps;
  private final int n;

  TreeDbscan(NeighborIndex index, double eps) {
    this.index = index;
    this.eps = eps;
    this.n = index.size();
  }

  /**
   * @param lowest a border point takes the lowest provisional id among the core points within eps (scikit-learn's
   *     rule) rather than the nearest core point's
   */
  Engine.Result run(int minPts, boolean borderAsNoise, boolean lowest, ChunkRunner runner) {
    int p = runner.parallelism();
    int chunks = ChunkRunner.chunks(n, ROW_CHUNK);
    boolean[] core = new boolean[n];
    runner.run(chunks, (chunk, w) -> {
      int end = Engine.chunkEnd(chunk, ROW_CHUNK, n);
      for (int i = chunk * ROW_CHUNK; i < end; i++) {
        core[i] = index.countWithin(i, eps, minPts) >= minPts;
      }
    });

    // per-worker buffers, each allocated by its own thread on first use (no shared cache lines)
    Neighbors[] bufs = new Neighbors[p];
    IntList[] cands = new IntList[p];
    int[] parent = UnionFind.create(n);
    runner.run(chunks, (chunk, w) -> {
      Neighbors buf = buffer(bufs, w);
      int end = Engine.chunkEnd(chunk, ROW_CHUNK, n);
      for (int i = chunk * ROW_CHUNK; i < end; i++) {
        if (!core[i]) {
          continue;
        }
        int m = index.radius(i, eps, buf);
        for (int t = 0; t < m; t++) {
          int j = buf.index(t);
          if (j < i && core[j]) {
            UnionFind.union(parent, i, j);
          }
        }
      }
    });
    runner.run(chunks,
        chunk -> UnionFind.flatten(parent, chunk * ROW_CHUNK, Engine.chunkEnd(chunk, ROW_CHUNK, n)));

    int[] labels = new int[n];
    IntList[] tieLists = new IntList[chunks];
    runner.run(chunks, (chunk, w) -> {
      Neighbors buf = buffer(bufs, w);
      IntList cand = cands[w];
      if (cand == null) {
        cand = new IntList(8);
        cands[w] = cand;
      }
      IntList ties = null;
      int end = Engine.chunkEnd(chunk, ROW_CHUNK, n);
      for (int i = chunk * ROW_CHUNK; i < end; i++) {
        if (core[i]) {
          labels[i] = parent[i]; // the root is the smallest core row of the cluster
          continue;
        }
        if (borderAsNoise) {
          labels[i] = -1;
          continue;
        }
        int m = index.radius(i, eps, buf);
        if (lowest) {
          int id = -1;
          for (int t = 0; t < m; t++) {
            int j = buf.index(t);
            if (core[j]) {
              id = Engine.lower(id, parent[j]);
            }
          }
          labels[i] = id;
          continue;
        }
        double best = Double.POSITIVE_INFINITY;
        cand.clear();
        for (int t = 0; t < m; t++) {
          int j = buf.index(t);
          if (!core[j]) {
            continue;
          }
          double dist = buf.reducedDistance(t);
          if (dist < best) {
            best = dist;
            cand.clear();
            cand.add(parent[j]);
          } else if (dist == best) {
            Engine.addDistinct(cand, parent[j]);
          }
        }
        ties = Engine.record(i, cand, labels, ties);
      }
      tieLists[chunk] = ties;
    });
    return new Engine.Result(labels, core, Engine.mergeTies(tieLists, labels), null, null, null);
  }

  private static Neighbors buffer(Neighbors[] all, int w) {
    Neighbors b = all[w];
    if (b == null) {
      b = new Neighbors(64);
      all[w] = b;
    }
    return b;
  }
}
