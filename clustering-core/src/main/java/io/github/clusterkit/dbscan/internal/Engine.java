package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.DataAccess;
import io.github.clusterkit.neighbors.BruteForce;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.neighbors.NeighborIndex;

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

  private Engine() {}

  /** Labels (provisional, then final), core flags, ties and a spare array of one run. */
  static final class Result {
    final int[] labels;
    final boolean[] core;
    final int[] ties;
    final int[] tieRows;
    /** An int array of length at least n that the numbering may overwrite, or null. */
    final int[] scratch;
    /** Another such array, or null. */
    final int[] scratch2;
    /** A double array of length at least {@code n d} that may be overwritten, or null. */
    final double[] coords;

    Result(int[] labels, boolean[] core, Ties ties, int[] scratch, int[] scratch2, double[] coords) {
      this.labels = labels;
      this.core = core;
      this.ties = ties.table;
      this.tieRows = ties.rows;
      this.scratch = scratch;
      this.scratch2 = scratch2;
      this.coords = coords;
    }
  }

  /** The tie table that {@link Labels} reads and its rows in increasing order. */
  static final class Ties {
    final int[] table;
    final int[] rows;

    Ties(int[] table, int[] rows) {
      this.table = table;
      this.rows = rows;
    }
  }

  /** What {@link #run} returns: final labels, core flags, cluster count, the path taken, the core points. */
  public static final class Output {
    /** Final labels, -1 noise. */
    public final int[] labels;
    /** Core flags. */
    public final boolean[] core;
    /** Number of clusters. */
    public final int clusters;
    /** The path that ran. */
    public final Path path;
    /** Number of core points. */
    public final int coreCount;
    /** Number of noise points. */
    public final int noiseCount;
    /**
     * The core points' coordinates in row order: the first {@code coreCount * d} values (the array may be
     * longer, at most twice as long, when it is a buffer of the run that was free).
     */
    public final double[] corePoints;
    /** The core points' labels, in the same order: the first {@code coreCount} values (likewise). */
    public final int[] coreLabels;

    Output(int[] labels, boolean[] core, int clusters, Path path, int coreCount, int noiseCount,
        double[] corePoints, int[] coreLabels) {
      this.labels = labels;
      this.core = core;
      this.clusters = clusters;
      this.path = path;
      this.coreCount = coreCount;
      this.noiseCount = noiseCount;
      this.corePoints = corePoints;
      this.coreLabels = coreLabels;
    }
  }

  /**
   * Rows per chunk of the passes over rows: a function of n only (never of the thread count), at least 4096
   * rows and at most 256 chunks.
   *
   * @param n number of rows
   * @return the chunk size
   */
  static int rowChunk(int n) {
    return Math.max(4096, (int) (((long) n + 255) / 256));
  }

  /**
   * The end (exclusive) of chunk {@code c} of {@code size} rows among {@code n}: {@code min(n, (c + 1) size)} in
   * {@code long}, since with {@link #rowChunk}'s sizes the last chunk's product reaches {@code n + 255}, beyond
   * {@code int} for {@code n} above {@code 2^31 - 256} (a data set of one column may hold up to
   * {@code Dataset.MAX_VALUES} rows). Every chunked loop of the engines ends here: rows, grid cells (up to one per
   * row), k-d tree leaves and nodes (the row chunks of TreeDbscan's 512 and the grid's cell chunks of 256 wrapped
   * the same way until 2026-11-29, as did KdDbscan's flattening of the union-find by {@link #rowChunk}).
   */
  static int chunkEnd(int c, int size, int n) {
    return (int) Math.min(n, (c + 1L) * size);
  }

  /**
   * The chunk to run as the {@code k}-th: 0, h, 1, h + 1, 2, ... with {@code h = ceil(chunks / 2)}, so that
   * chunks running at the same time are far apart in memory and do not write to the same cache lines (the
   * outputs of chunks next to each other meet at their edges). A permutation, so every chunk runs once. The
   * chunk runner hands each thread a contiguous range of {@code k} first; through this permutation that range
   * covers both halves of the cells or rows, which balances dense and sparse regions between the threads:
   * running the chunks in plain order instead was slower at 10^5 x 2 (two threads, pre-touched, JMH A-B-A-B:
   * 14.1 / 12.9 ms with this order, 16.3 / 13.8 ms without), though not at 10^5 x 3.
   *
   * @param k the rank in the run order
   * @param chunks number of chunks
   * @return the chunk
   */
  static int spread(int k, int chunks) {
    return (k & 1) == 0 ? k >> 1 : ((chunks + 1) >> 1) + (k >> 1);
  }

  /**
   * Runs DBSCAN.
   *
   * @param data the points
   * @param metric the metric
   * @param eps the radius (validated by the caller)
   * @param minPts the core threshold, counting the point itself (validated by the caller)
   * @param borderAsNoise DBSCAN*: border points become noise
   * @param lowest scikit-learn's labels: a border point joins the lowest-numbered cluster with a core point within
   *     eps, and clusters are numbered by their smallest core row ({@link Labels#finishByCore}); otherwise the
   *     nearest core point's cluster, numbered by first row ({@link Labels#finish})
   * @param requested the requested path, or null for the automatic choice
   * @param parallelism threads, {@code >= 1}
   * @return the clustering
   */
  public static Output run(Dataset data, Metric metric, double eps, int minPts, boolean borderAsNoise,
      boolean lowest, Path requested, int parallelism) {
    int n = data.size();
    int d = data.dimension();
    double[] x = DataAccess.values(data);
    try (ChunkRunner runner = new ChunkRunner(parallelism)) {
      Result r = null;
      Path path = requested;
      if (requested != Path.BRUTE_FORCE && metric.toReduced(eps) < Double.MIN_NORMAL) {
        // An eps whose reduced form is subnormal or 0 (below about 1.5e-154 times the data's scale, Euclidean):
        // the grid's and KdDbscan's comparisons would hold rows whose reduced distance underflows too, however
        // far beyond eps (rows 0 and 2e-200 within eps = 1e-200). The neighbour index answers such radii exactly
        // in the original units (its FarRadius), so the fit runs on a KD-tree index here, reported as KD_TREE.
        r = new TreeDbscan(NeighborIndex.of(data, metric), eps).run(minPts, borderAsNoise, lowest, runner);
        path = Path.KD_TREE;
      }
      if (r == null && (requested == null || requested == Path.GRID)) {
        GridDbscan grid = GridDbscan.plan(x, n, d, metric, eps, runner);
        if (grid != null) {
          r = grid.run(x, minPts, borderAsNoise, lowest, runner);
          path = Path.GRID;
        } else {
          path = Path.KD_TREE;
        }
      }
      if (r == null && path == Path.BRUTE_FORCE) {
        r = new TreeDbscan(BruteForce.of(data, metric), eps).run(minPts, borderAsNoise, lowest, runner);
      } else if (r == null) {
        r = KdDbscan.build(x, n, d, metric, eps, runner).run(minPts, borderAsNoise, lowest, runner);
      }
      int chunks = ChunkRunner.chunks(n, rowChunk(n));
      int[] cores = new int[chunks];
      int[] noise = new int[chunks];
      int k = lowest ? Labels.finishByCore(r.labels, r.scratch, r.core, cores, noise, runner)
          : Labels.finish(r.labels, r.ties, r.tieRows, r.scratch, r.core, cores, noise, runner);
      return output(x, n, d, r, k, path, cores, noise, runner);
    }
  }

  /**
   * Copies the core points with their labels, in parallel by row chunks, given the core and noise points of
   * every chunk ({@link Labels#finish} counts them); into the run's free buffers when the core points fill at
   * least half of them (fresh memory is slow to touch for the first time, and the model then holds at most
   * twice what it needs).
   */
  private static Output output(double[] x, int n, int d, Result r, int k, Path path, int[] cores, int[] noise,
      ChunkRunner runner) {
    int[] labels = r.labels;
    boolean[] core = r.core;
    int size = rowChunk(n);
    int chunks = cores.length;
    int coreCount = 0;
    int noiseCount = 0;
    for (int c = 0; c < chunks; c++) {
      int kc = cores[c];
      cores[c] = coreCount;
      coreCount += kc;
      noiseCount += noise[c];
    }
    boolean reuse = 2L * coreCount >= n;
    double[][] cxBox = {reuse ? r.coords : null};
    int[][] clBox = {reuse ? r.scratch2 : null};
    int m = coreCount;
    // fresh arrays on two threads at once (their first-touch page faults run in parallel)
    if (cxBox[0] == null || clBox[0] == null) {
      runner.run(2, c -> {
        if (c == 0 && cxBox[0] == null) {
          cxBox[0] = new double[m * d];
        } else if (c == 1 && clBox[0] == null) {
          clBox[0] = new int[m];
        }
      });
    }
    double[] cx = cxBox[0];
    int[] cl = clBox[0];
    runner.run(chunks, c -> {
      int end = chunkEnd(c, size, n);
      int at = cores[c];
      if (d == 2) { // the common case, without a call per point
        for (int i = c * size; i < end; i++) {
          if (core[i]) {
            cx[2 * at] = x[2 * i];
            cx[2 * at + 1] = x[2 * i + 1];
            cl[at++] = labels[i];
          }
        }
      } else {
        for (int i = c * size; i < end; i++) {
          if (core[i]) {
            System.arraycopy(x, i * d, cx, at * d, d);
            cl[at++] = labels[i];
          }
        }
      }
    });
    return new Output(labels, core, k, path, coreCount, noiseCount, cx, cl);
  }

  /**
   * The lowest of two provisional cluster ids, {@code -1} meaning none (the border rule of
   * {@link Labels#finishByCore}: provisional ids are smallest core rows, so the lowest id is the lowest number).
   */
  static int lower(int best, int id) {
    return best < 0 || id < best ? id : best;
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
   * tied row's label at its entry, and lists the tied rows in increasing order.
   */
  static Ties mergeTies(IntList[] lists, int[] labels) {
    int total = 0;
    int count = 0;
    for (int i = 0; i < lists.length; i++) {
      IntList l = lists[i];
      if (l == null) {
        continue;
      }
      total += l.size;
      for (int p = 0; p < l.size; p += 2 + l.a[p + 1]) {
        count++;
      }
    }
    int[] ties = new int[total];
    int[] rows = new int[count];
    int at = 0;
    int r = 0;
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
        rows[r++] = row;
        ties[at++] = m;
        for (int t = 0; t < m; t++) {
          ties[at++] = l.a[p + 2 + t];
        }
        p += 2 + m;
      }
    }
    java.util.Arrays.sort(rows);
    return new Ties(ties, rows);
  }
}
