package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.neighbors.BruteForce;
import io.github.clusterkit.neighbors.KdTree;
import io.github.clusterkit.neighbors.Metric;

/** Entry point of the DBSCAN engine: chooses the path, runs it, numbers the clusters. */
public final class Engine {

  /** Which neighbour search ran. */
  public enum Path {
    /** The uniform grid. */
    GRID,
    /** The KD-tree. */
    KD_TREE,
    /** Brute force. */
    BRUTE_FORCE
  }

  /** Largest dimension for which the grid runs (its stencil has 5^d cells or more beyond). */
  public static final int GRID_MAX_DIMENSION = 3;

  private Engine() {}

  /** Labels (provisional, then final), core flags and ties of one run. */
  static final class Result {
    final int[] labels;
    final boolean[] core;
    final int[] ties;

    Result(int[] labels, boolean[] core, int[] ties) {
      this.labels = labels;
      this.core = core;
      this.ties = ties;
    }
  }

  /** What {@link #run} returns: final labels, core flags, cluster count and the path taken. */
  public static final class Output {
    /** Final labels, -1 noise. */
    public final int[] labels;
    /** Core flags. */
    public final boolean[] core;
    /** Number of clusters. */
    public final int clusters;
    /** The path that ran. */
    public final Path path;

    Output(int[] labels, boolean[] core, int clusters, Path path) {
      this.labels = labels;
      this.core = core;
      this.clusters = clusters;
      this.path = path;
    }
  }

  /**
   * Runs DBSCAN.
   *
   * @param data the points
   * @param metric the metric
   * @param eps the radius (validated by the caller)
   * @param minPts the core threshold, counting the point itself (validated by the caller)
   * @param borderAsNoise DBSCAN*: border points become noise
   * @param requested the requested path, or null for the automatic choice
   * @param parallelism threads, {@code >= 1}
   * @return the clustering
   */
  public static Output run(Dataset data, Metric metric, double eps, int minPts, boolean borderAsNoise,
      Path requested, int parallelism) {
    int n = data.size();
    int d = data.dimension();
    double[] x = DataAccess.values(data);
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      Result r = null;
      Path path = requested;
      if (requested == null || requested == Path.GRID) {
        GridDbscan grid = d <= GRID_MAX_DIMENSION ? GridDbscan.plan(x, n, d, metric, eps) : null;
        if (grid != null) {
          r = grid.run(x, minPts, borderAsNoise, runner);
          path = Path.GRID;
        } else {
          path = Path.KD_TREE;
        }
      }
      if (r == null) {
        TreeDbscan tree = new TreeDbscan(
            path == Path.BRUTE_FORCE ? BruteForce.of(data, metric) : KdTree.build(data, metric), eps);
        r = tree.run(minPts, borderAsNoise, runner);
      }
      int k = Labels.finish(r.labels, r.ties);
      return new Output(r.labels, r.core, k, path);
    }
  }

  /** Adds {@code v} to a short candidate list unless present. */
  static void addDistinct(IntList list, int v) {
    for (int i = 0; i < list.size; i++) {
      if (list.a[i] == v) {
        return;
      }
    }
    list.add(v);
  }

  /**
   * Stores the outcome for a border point: noise, one cluster, or a tie entry {@code row, m, ids...} in the
   * chunk's list (allocated on first use), with the label set to -2 for now.
   *
   * @return the chunk's tie list
   */
  static IntList record(int row, IntList cand, int[] labels, IntList ties) {
    if (cand.size == 0) {
      labels[row] = -1;
    } else if (cand.size == 1) {
      labels[row] = cand.a[0];
    } else {
      if (ties == null) {
        ties = new IntList(16);
      }
      ties.add(row);
      ties.add(cand.size);
      for (int i = 0; i < cand.size; i++) {
        ties.add(cand.a[i]);
      }
      labels[row] = -2;
    }
    return ties;
  }

  /**
   * Concatenates the chunks' tie lists in chunk order into the table {@link Labels} reads, pointing each
   * tied row's label at its entry.
   */
  static int[] mergeTies(IntList[] lists, int[] labels) {
    int total = 0;
    for (int i = 0; i < lists.length; i++) {
      if (lists[i] != null) {
        total += lists[i].size;
      }
    }
    int[] ties = new int[total];
    int at = 0;
    for (int i = 0; i < lists.length; i++) {
      IntList l = lists[i];
      if (l == null) {
        continue;
      }
      int p = 0;
      while (p < l.size) {
        int row = l.a[p];
        int m = l.a[p + 1];
        labels[row] = -2 - at;
        ties[at++] = m;
        for (int t = 0; t < m; t++) {
          ties[at++] = l.a[p + 2 + t];
        }
        p += 2 + m;
      }
    }
    return ties;
  }
}
