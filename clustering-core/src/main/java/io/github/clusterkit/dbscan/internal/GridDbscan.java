package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;

import io.github.clusterkit.neighbors.Metric;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * DBSCAN on a uniform grid whose cells are small enough that any two points of one cell are within eps
 * (side {@code eps / sqrt(d)} for Euclidean, {@code eps / d} for Manhattan, {@code eps} for Chebyshev,
 * shrunk by a relative 1e-6 so that the claim survives floating-point rounding; Gunawan 2013; Gan and Tao,
 * SIGMOD 2015, doi:10.1145/2723372.2737792). Consequences used here:
 * <ul>
 *   <li>a cell holding at least minPts points makes all of them core without a single distance;</li>
 *   <li>all core points of a cell belong to one cluster, so the union-find runs over cells;</li>
 *   <li>only cells whose minimum gap is at most eps can hold neighbours, a fixed stencil of offsets.</li>
 * </ul>
 *
 * <p>The points are sorted by cell ({@link CellSort}, a stable parallel radix sort of the cell keys) into a
 * private copy of the coordinates, so each cell is a contiguous block; within a block the core points are
 * moved to the front. Memory: the copy ({@code n d} doubles), the row order ({@code n} ints), the sort's
 * spare arrays reused for the labels and the final numbering, and per non-empty cell a key, a start, a core
 * end and a parent: O(n) in all, and nothing per neighbourhood. Every phase runs over fixed chunks of cells
 * (see {@link Engine#spread} for the order in which they are handed out).
 */
final class GridDbscan {

  /** Most cells per axis: keeps the rounding error of the cell computation far below the 1e-6 margin. */
  private static final double MAX_CELLS_PER_AXIS = 1 << 24;
  private static final double SHRINK = 1 - 1e-6;
  private static final VarHandle PARENT = MethodHandles.arrayElementVarHandle(int[].class);
  private static final int CELL_CHUNK = 256;
  /** Points of a cell tried against a whole neighbouring cell before the bounding-box filter starts. */
  private static final int PLAIN_SCAN = 4;
  /** Cell pairs with at most this many point pairs are always scanned plainly. */
  private static final long PLAIN_PAIRS = 1024;

  private final int n;
  private final int d;
  private final int code;
  private final Metric metric;
  private final double eps;
  private final double r2;
  private final long[] ext;
  private final double[] lo;
  private final double side;

  private double[] xs;
  private int[] order;
  private long[] keys;
  private int[] start;
  private int[] coreEnd;
  private int[] parent;
  private int cells;

  // stencil: per run, d-1 prefix offsets and the half width along the last axis
  private int[] runPrefix;
  private int[] runHalf;
  private int runs;
  private int maxNeighbours;

  private GridDbscan(int n, int d, Metric metric, double eps, double side, double[] lo, long[] ext) {
    this.n = n;
    this.d = d;
    this.metric = metric;
    this.code = Dist.code(metric);
    this.eps = eps;
    this.r2 = metric.toReduced(eps);
    this.side = side;
    this.lo = lo;
    this.ext = ext;
  }

  /**
   * The cell side for a metric: the largest side whose cell diameter is eps, shrunk by 1e-6.
   *
   * @return the side
   */
  static double side(Metric metric, int d, double eps) {
    double factor;
    switch (metric) {
      case EUCLIDEAN:
        factor = Math.sqrt(d);
        break;
      case MANHATTAN:
        factor = d;
        break;
      default:
        factor = 1;
        break;
    }
    return eps / factor * SHRINK;
  }

  /** Largest dimension for which the grid runs (its stencil has 5^d cells or more beyond). */
  static final int MAX_DIMENSION = 3;

  /**
   * Plans a grid, or returns null when {@code d} exceeds {@link #MAX_DIMENSION} or the data span too many cells per
   * axis (or in total) for exact keys.
   */
  static GridDbscan plan(double[] x, int n, int d, Metric metric, double eps, ChunkRunner runner) {
    if (d > MAX_DIMENSION) {
      return null;
    }
    double side = side(metric, d, eps);
    // bounding box by row chunks (a minimum and a maximum do not depend on the order of the chunks)
    int size = Engine.rowChunk(n);
    int chunks = ChunkRunner.chunks(n, size);
    double[] bounds = new double[chunks * 2 * d];
    runner.run(chunks, c -> {
      int base = c * 2 * d;
      for (int j = 0; j < d; j++) {
        bounds[base + j] = Double.POSITIVE_INFINITY;
        bounds[base + d + j] = Double.NEGATIVE_INFINITY;
      }
      int end = Engine.chunkEnd(c, size, n);
      for (int i = c * size, off = i * d; i < end; i++, off += d) {
        for (int j = 0; j < d; j++) {
          double v = x[off + j];
          if (v < bounds[base + j]) {
            bounds[base + j] = v;
          }
          if (v > bounds[base + d + j]) {
            bounds[base + d + j] = v;
          }
        }
      }
    });
    double[] lo = new double[d];
    double[] hi = new double[d];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int c = 0; c < chunks; c++) {
      for (int j = 0; j < d; j++) {
        lo[j] = Math.min(lo[j], bounds[c * 2 * d + j]);
        hi[j] = Math.max(hi[j], bounds[c * 2 * d + d + j]);
      }
    }
    long[] ext = new long[d];
    long total = 1;
    for (int j = 0; j < d; j++) {
      double e = Math.floor((hi[j] - lo[j]) / side) + 1;
      if (!(e <= MAX_CELLS_PER_AXIS)) {
        return null;
      }
      ext[j] = (long) e;
      if (total > (1L << 62) / ext[j]) {
        return null;
      }
      total *= ext[j];
    }
    return new GridDbscan(n, d, metric, eps, side, lo, ext);
  }

  /**
   * Runs all phases; returns the provisional labels and the tie table (see {@link Labels}).
   *
   * @param lowest a border point takes the lowest provisional id among the cells with a core point within eps
   *     (scikit-learn's rule, {@link #lowestCells}) rather than the nearest core point's
   */
  Engine.Result run(double[] x, int minPts, boolean borderAsNoise, boolean lowest, ChunkRunner runner) {
    // the arrays of n values, allocated by all threads at once: zeroing fresh memory, with its first-touch
    // page faults, is a large share of a short fit (about half of a 10^5 x 2 fit on a fresh heap), and the
    // page faults of two threads run in parallel. The largest array comes first.
    boolean intKeys = CellSort.bits(ext) <= 31;
    int[][] fresh = intKeys ? new int[4][] : null;
    double[][] copy = new double[1][];
    boolean[][] coreFlags = new boolean[1][];
    runner.run(intKeys ? 6 : 2, c -> {
      if (c == 0) {
        copy[0] = new double[n * d];
      } else if (c == 1) {
        coreFlags[0] = new boolean[n];
      } else {
        fresh[c - 2] = new int[n];
      }
    });
    int[][] spares = build(x, copy[0], fresh, runner);
    // two arrays of n ints left over by the sort: the labels and the scratch of the final numbering
    int[] labels = spares.length > 0 ? spares[0] : new int[n]; // every entry is written in phase 3
    int[] numbering = spares.length > 1 ? spares[1] : null;
    int[] spare = spares.length > 2 ? spares[2] : null;
    spares = null;
    stencil();
    boolean[] core = coreFlags[0];
    int chunks = ChunkRunner.chunks(cells, CELL_CHUNK);
    int[][] cellArrays = new int[2][];
    runner.run(2, c -> cellArrays[c] = new int[cells]);
    coreEnd = cellArrays[0];
    parent = cellArrays[1];
    // per-worker buffers, each allocated by its own thread on first use (so that no two of them share a
    // cache line: they are written in the hot loops)
    Scratch[] scratch = new Scratch[runner.parallelism()];

    // Phase 1: core points, counting with early exit.
    runner.run(chunks, (kk, w) -> {
      int chunk = Engine.spread(kk, chunks);
      int[] nb = scratch(scratch, w).nb;
      int cEnd = Engine.chunkEnd(chunk, CELL_CHUNK, cells);
      for (int c = chunk * CELL_CHUNK; c < cEnd; c++) {
        coreOfCell(c, minPts, nb, core);
      }
    });

    // Core points to the front of each cell; every cell its own set of the union-find.
    runner.run(chunks, (kk, w) -> {
      int chunk = Engine.spread(kk, chunks);
      int cEnd = Engine.chunkEnd(chunk, CELL_CHUNK, cells);
      for (int c = chunk * CELL_CHUNK; c < cEnd; c++) {
        partition(c, core);
        parent[c] = c;
      }
    });

    // Phase 2: union of cells that hold core points within eps of each other.
    runner.run(chunks, (kk, w) -> {
      int chunk = Engine.spread(kk, chunks);
      Scratch sc = scratch(scratch, w);
      int[] nb = sc.nb;
      int cEnd = Engine.chunkEnd(chunk, CELL_CHUNK, cells);
      for (int c = chunk * CELL_CHUNK; c < cEnd; c++) {
        unionCell(c, nb, sc);
      }
    });

    // Provisional id of a cluster: its smallest core row, stored at the root as -1 - row (an atomic
    // minimum, so the order of the updates does not matter).
    runner.run(chunks, (chunk, w) -> UnionFind.flatten(parent, chunk * CELL_CHUNK,
        Engine.chunkEnd(chunk, CELL_CHUNK, cells)));
    runner.run(chunks, (kk, w) -> {
      int chunk = Engine.spread(kk, chunks);
      int cEnd = Engine.chunkEnd(chunk, CELL_CHUNK, cells);
      for (int c = chunk * CELL_CHUNK; c < cEnd; c++) {
        int cs = start[c];
        int ce = coreEnd[c];
        if (ce == cs) {
          continue;
        }
        int mn = Integer.MAX_VALUE;
        for (int pos = cs; pos < ce; pos++) {
          mn = Math.min(mn, order[pos]);
        }
        int v = parent[c];
        minRowAtRoot((v >= 0 && v != c) ? v : c, mn);
      }
    });
    // Phase 3: labels of core points, nearest cluster of border points.
    IntList[] tieLists = new IntList[chunks];
    runner.run(chunks, (kk, w) -> {
      int chunk = Engine.spread(kk, chunks);
      Scratch sc = scratch(scratch, w);
      int cEnd = Engine.chunkEnd(chunk, CELL_CHUNK, cells);
      for (int c = chunk * CELL_CHUNK; c < cEnd; c++) {
        IntList ties = labelCell(c, labels, borderAsNoise, lowest, sc.nb, sc.cand, tieLists[chunk]);
        if (ties != null) {
          tieLists[chunk] = ties;
        }
      }
    });

    // free the grid before the final numbering allocates; the coordinate copy is handed back for reuse
    double[] coords = xs;
    xs = null;
    order = null;
    keys = null;
    start = null;
    coreEnd = null;
    parent = null;
    Engine.Result res = new Engine.Result(labels, core, Engine.mergeTies(tieLists, labels), numbering, spare,
        coords);
    return res;
  }

  /**
   * Sorts the rows by cell and copies the coordinates in that order into {@code copy}; returns the spare int
   * arrays ({@code fresh}: four int arrays of n for the sort of int keys, or null).
   */
  private int[][] build(double[] x, double[] copy, int[][] fresh, ChunkRunner runner) {
    CellSort sorted = CellSort.sort(x, n, d, lo, side, ext, fresh, runner);
    order = sorted.order;
    keys = sorted.cellKeys;
    start = sorted.start;
    cells = sorted.cells;
    int[] ord = order;
    int size = Engine.rowChunk(n);
    runner.run(ChunkRunner.chunks(n, size), c -> {
      int end = Engine.chunkEnd(c, size, n);
      if (d == 2) {
        for (int pos = c * size; pos < end; pos++) {
          int r = ord[pos] * 2;
          copy[2 * pos] = x[r];
          copy[2 * pos + 1] = x[r + 1];
        }
      } else {
        for (int pos = c * size; pos < end; pos++) {
          int r = ord[pos] * d;
          int to = pos * d;
          for (int j = 0; j < d; j++) {
            copy[to + j] = x[r + j];
          }
        }
      }
    });
    xs = copy;
    return sorted.spares;
  }

  /** Builds the stencil: runs along the last axis of neighbouring cells that may hold points within eps. */
  private void stencil() {
    int reach = (int) Math.ceil(eps / side * (1 + 1e-8));
    int width = 2 * reach + 1;
    int prefixes = 1;
    for (int j = 0; j < d - 1; j++) {
      prefixes *= width;
    }
    runPrefix = new int[Math.max(1, prefixes * Math.max(1, d - 1))];
    runHalf = new int[prefixes];
    runs = 0;
    int[] o = new int[Math.max(1, d - 1)];
    for (int r = 0; r < prefixes; r++) {
      int t = r;
      double acc = 0;
      for (int j = d - 2; j >= 0; j--) {
        o[j] = t % width - reach;
        t /= width;
      }
      for (int j = 0; j < d - 1; j++) {
        acc = metric.accumulate(acc, gap(o[j]));
      }
      int half = -1;
      for (int h = 0; h <= reach; h++) {
        if (metric.accumulate(acc, gap(h)) <= r2) {
          half = h;
        }
      }
      if (half < 0) {
        continue;
      }
      for (int j = 0; j < d - 1; j++) {
        runPrefix[runs * (d - 1) + j] = o[j];
      }
      runHalf[runs] = half;
      runs++;
    }
    maxNeighbours = 0;
    for (int r = 0; r < runs; r++) {
      maxNeighbours += 2 * runHalf[r] + 1;
    }
  }

  /** A lower bound of the coordinate gap between points in cells {@code o} apart along one axis. */
  private double gap(int o) {
    int a = Math.abs(o);
    return a <= 1 ? 0 : ((a - 1) - 1e-8) * side;
  }

  /**
   * The non-empty cells of the stencil around cell {@code c}, in increasing key order, {@code c} included.
   */
  private int neighbours(int c, int[] out) {
    long k = keys[c];
    long c0 = 0;
    long c1 = 0;
    long c2;
    // decode the key (d is 1, 2 or 3: plan refuses more)
    if (d == 1) {
      c2 = k;
    } else if (d == 2) {
      c2 = k % ext[1];
      c1 = k / ext[1];
    } else {
      c2 = k % ext[2];
      long q = k / ext[2];
      c1 = q % ext[1];
      c0 = q / ext[1];
    }
    long last = ext[d - 1];
    int m = 0;
    int from = 0;
    for (int r = 0; r < runs; r++) {
      long base;
      if (d == 1) {
        base = 0;
      } else if (d == 2) {
        long p1 = c1 + runPrefix[r];
        if (p1 < 0 || p1 >= ext[0]) {
          continue;
        }
        base = p1 * last;
      } else {
        long p0 = c0 + runPrefix[2 * r];
        long p1 = c1 + runPrefix[2 * r + 1];
        if (p0 < 0 || p0 >= ext[0] || p1 < 0 || p1 >= ext[1]) {
          continue;
        }
        base = (p0 * ext[1] + p1) * last;
      }
      int h = runHalf[r];
      long a = Math.max(0, c2 - h);
      long b = Math.min(last - 1, c2 + h);
      long kLo = base + a;
      long kHi = base + b;
      int i = lowerBound(from, kLo);
      while (i < cells && keys[i] <= kHi) {
        out[m++] = i++;
      }
      from = i;
    }
    return m;
  }

  private int lowerBound(int from, long key) {
    int a = from;
    int b = cells;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys[mid] < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private void coreOfCell(int c, int minPts, int[] nb, boolean[] core) {
    int s = start[c];
    int e = start[c + 1];
    int cnt = e - s;
    if (cnt >= minPts) {
      for (int pos = s; pos < e; pos++) {
        core[order[pos]] = true;
      }
      return;
    }
    int m = neighbours(c, nb);
    final double[] xs = this.xs;
    // the boxes of the large neighbouring cells: a cell wholly within eps of a point counts at once, a cell wholly
    // beyond it not at all (counting point by point took about 30 s for 240,000 rows of three distinct values)
    double[] boxes = null;
    for (int t = 0; t < m; t++) {
      int nc = nb[t];
      if (nc != c && (long) cnt * (start[nc + 1] - start[nc]) > PLAIN_PAIRS) {
        if (boxes == null) {
          boxes = new double[m * 2 * d];
        }
        boxAt(start[nc], start[nc + 1], boxes, t * 2 * d);
      }
    }
    for (int pos = s; pos < e; pos++) {
      int count = cnt;
      int off = pos * d;
      search:
      for (int t = 0; t < m; t++) {
        int nc = nb[t];
        if (nc == c) {
          continue;
        }
        int qEnd = start[nc + 1];
        if (boxes != null && (long) cnt * (qEnd - start[nc]) > PLAIN_PAIRS) {
          if (Dist.toBox(code, xs, off, boxes, t * 2 * d, d) > r2) {
            continue;
          }
          if (Dist.fromBox(code, xs, off, boxes, t * 2 * d, d) <= r2) {
            count += qEnd - start[nc];
            if (count >= minPts) {
              break;
            }
            continue;
          }
        }
        for (int q = start[nc]; q < qEnd; q++) {
          if (Dist.reduced(code, xs, off, xs, q * d, d) <= r2 && ++count >= minPts) {
            break search;
          }
        }
      }
      if (count >= minPts) {
        core[order[pos]] = true;
      }
    }
  }

  private void partition(int c, boolean[] core) {
    int s = start[c];
    int e = start[c + 1];
    int i = s;
    int j = e - 1;
    while (true) {
      while (i <= j && core[order[i]]) {
        i++;
      }
      while (i <= j && !core[order[j]]) {
        j--;
      }
      if (i >= j) {
        break;
      }
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      for (int k = 0; k < d; k++) {
        double v = xs[i * d + k];
        xs[i * d + k] = xs[j * d + k];
        xs[j * d + k] = v;
      }
      i++;
      j--;
    }
    coreEnd[c] = i;
  }

  /** Per-worker scratch: the neighbouring cells, two bounding boxes, a filtered list, candidate clusters. */
  static final class Scratch {
    final int[] nb;
    final double[] boxA;
    final double[] boxB;
    int[] list = new int[64];
    final IntList cand = new IntList(8);

    Scratch(int d, int maxNeighbours) {
      nb = new int[maxNeighbours];
      boxA = new double[2 * d];
      boxB = new double[2 * d];
    }
  }

  /** The scratch of worker {@code w}, created on first use by the thread that runs it. */
  private Scratch scratch(Scratch[] all, int w) {
    Scratch s = all[w];
    if (s == null) {
      s = new Scratch(d, maxNeighbours);
      all[w] = s;
    }
    return s;
  }

  private void unionCell(int c, int[] nb, Scratch sc) {
    int as = start[c];
    int ae = coreEnd[c];
    if (ae == as) {
      return;
    }
    int m = neighbours(c, nb);
    for (int t = 0; t < m; t++) {
      int nc = nb[t];
      if (nc <= c) {
        continue;
      }
      int bs = start[nc];
      int be = coreEnd[nc];
      if (be == bs || UnionFind.find(parent, c) == UnionFind.find(parent, nc)) {
        continue;
      }
      if (connected(as, ae, bs, be, sc)) {
        UnionFind.union(parent, c, nc);
      }
    }
  }

  /** Whether some point in {@code [as, ae)} is within eps of some point in {@code [bs, be)}. */
  private boolean connected(int as, int ae, int bs, int be, Scratch sc) {
    final double[] xs = this.xs;
    int off;
    // small cells, and the first few points of large ones, against all of B: in dense data a pair within
    // eps turns up at once
    int plainEnd = (long) (ae - as) * (be - bs) <= PLAIN_PAIRS ? ae : Math.min(ae, as + PLAIN_SCAN);
    for (int a = as; a < plainEnd; a++) {
      off = a * d;
      for (int b = bs; b < be; b++) {
        if (Dist.reduced(code, xs, off, xs, b * d, d) <= r2) {
          return true;
        }
      }
    }
    if (plainEnd == ae) {
      return false;
    }
    // cells further apart: only points within eps of the other cell's bounding box can pair up (a conservative test:
    // the box distance never exceeds the distance to a point inside the box, in floating point too)
    box(as, ae, sc.boxA);
    box(bs, be, sc.boxB);
    int[] list = sc.list;
    int k = 0;
    for (int b = bs; b < be; b++) {
      if (Dist.toBox(code, xs, b * d, sc.boxA, d) <= r2) {
        if (k == list.length) {
          list = java.util.Arrays.copyOf(list, 2 * k);
          sc.list = list;
        }
        list[k++] = b * d;
      }
    }
    if (k == 0) {
      return false;
    }
    for (int a = plainEnd; a < ae; a++) {
      off = a * d;
      if (Dist.toBox(code, xs, off, sc.boxB, d) > r2) {
        continue;
      }
      for (int i = 0; i < k; i++) {
        if (Dist.reduced(code, xs, off, xs, list[i], d) <= r2) {
          return true;
        }
      }
    }
    return false;
  }

  private void box(int s, int e, double[] box) {
    boxAt(s, e, box, 0);
  }

  /** Whether the box at offset {@code bo} has zero width in every dimension. */
  private boolean isPoint(double[] box, int bo) {
    for (int j = 0; j < d; j++) {
      if (box[bo + j] != box[bo + d + j]) {
        return false;
      }
    }
    return true;
  }

  /** The bounding box of positions {@code [s, e)}: lows at {@code box[bo..bo+d)}, highs at {@code box[bo+d..bo+2d)}. */
  private void boxAt(int s, int e, double[] box, int bo) {
    for (int j = 0; j < d; j++) {
      box[bo + j] = Double.POSITIVE_INFINITY;
      box[bo + d + j] = Double.NEGATIVE_INFINITY;
    }
    for (int p = s; p < e; p++) {
      int off = p * d;
      for (int j = 0; j < d; j++) {
        double v = xs[off + j];
        if (v < box[bo + j]) {
          box[bo + j] = v;
        }
        if (v > box[bo + d + j]) {
          box[bo + d + j] = v;
        }
      }
    }
  }

  /** Lowers the smallest core row stored at root cell {@code r} (as {@code -1 - row}) to {@code row}. */
  private void minRowAtRoot(int r, int row) {
    int cur = (int) PARENT.getVolatile(parent, r);
    while (true) {
      int curMin = cur >= 0 ? Integer.MAX_VALUE : -1 - cur;
      if (row >= curMin) {
        return;
      }
      int seen = (int) PARENT.compareAndExchange(parent, r, cur, -1 - row);
      if (seen == cur) {
        return;
      }
      cur = seen;
    }
  }

  /** Provisional id (smallest core row of the cluster) of a cell holding core points. */
  private int provisional(int c) {
    int v = parent[c];
    int r = v >= 0 ? v : c;
    return -1 - parent[r];
  }

  /**
   * The bounding boxes of the core points of the neighbouring cells {@code nb[0..m)} that are large against
   * {@code border} non-core rows (more than {@code PLAIN_PAIRS} pairs), at {@code t * 2 * d} for neighbour {@code t};
   * null when no neighbour is that large.
   */
  private double[] neighbourBoxes(long border, int m, int[] nb) {
    double[] boxes = null;
    for (int t = 0; t < m; t++) {
      int nc = nb[t];
      if (border * (coreEnd[nc] - start[nc]) > PLAIN_PAIRS) {
        if (boxes == null) {
          boxes = new double[m * 2 * d];
        }
        boxAt(start[nc], coreEnd[nc], boxes, t * 2 * d);
      }
    }
    return boxes;
  }

  /**
   * scikit-learn's border rule for the non-core points of cell {@code c}: the lowest provisional id among the
   * neighbouring cells ({@code nb[0..m)}) with a core point within eps. All core points of a cell share one id, so a
   * cell counts once one of its core points is within eps, and a cell whose id is not lower than the best so far is
   * not looked at; for large cells, the bounding box of the core points decides without a distance when it lies
   * wholly beyond or wholly within eps.
   */
  private void lowestCells(int c, int m, int[] nb, int[] labels) {
    int s = coreEnd[c];
    int e = start[c + 1];
    long border = e - s;
    final double[] xs = this.xs;
    double[] boxes = neighbourBoxes(border, m, nb);
    for (int pos = s; pos < e; pos++) {
      int off = pos * d;
      int best = -1;
      for (int t = 0; t < m; t++) {
        int nc = nb[t];
        int bs = start[nc];
        int be = coreEnd[nc];
        if (be == bs) {
          continue;
        }
        int id = provisional(nc);
        if (best >= 0 && id >= best) {
          continue;
        }
        if (boxes != null && border * (be - bs) > PLAIN_PAIRS) {
          if (Dist.toBox(code, xs, off, boxes, t * 2 * d, d) > r2) {
            continue;
          }
          if (Dist.fromBox(code, xs, off, boxes, t * 2 * d, d) <= r2) {
            best = id;
            continue;
          }
        }
        for (int b = bs; b < be; b++) {
          if (Dist.reduced(code, xs, off, xs, b * d, d) <= r2) {
            best = id;
            break;
          }
        }
      }
      labels[order[pos]] = best;
    }
  }

  private IntList labelCell(int c, int[] labels, boolean borderAsNoise, boolean lowest, int[] nb, IntList cand,
      IntList ties) {
    int s = start[c];
    int ce = coreEnd[c];
    int e = start[c + 1];
    if (ce > s) {
      int pl = provisional(c);
      for (int pos = s; pos < ce; pos++) {
        labels[order[pos]] = pl;
      }
    }
    if (ce == e) {
      return ties;
    }
    if (borderAsNoise) {
      for (int pos = ce; pos < e; pos++) {
        labels[order[pos]] = -1;
      }
      return ties;
    }
    int m = neighbours(c, nb);
    if (lowest) {
      lowestCells(c, m, nb, labels);
      return ties;
    }
    final double[] xs = this.xs;
    // the boxes of the core points of large neighbouring cells, to skip those beyond eps or the best distance
    long border = e - ce;
    double[] boxes = neighbourBoxes(border, m, nb);
    for (int pos = ce; pos < e; pos++) {
      int off = pos * d;
      double best = Double.POSITIVE_INFINITY;
      cand.clear();
      for (int t = 0; t < m; t++) {
        int nc = nb[t];
        int bs = start[nc];
        int be = coreEnd[nc];
        if (be == bs) {
          continue;
        }
        if (boxes != null && border * (be - bs) > PLAIN_PAIRS) {
          double lower = Dist.toBox(code, xs, off, boxes, t * 2 * d, d);
          if (lower > r2 || lower > best) {
            continue;
          }
          if (isPoint(boxes, t * 2 * d)) {
            be = bs + 1; // copies of one point, all in the cell's cluster: the first one does
          }
        }
        int pl = -1;
        for (int b = bs; b < be; b++) {
          double dist = Dist.reduced(code, xs, off, xs, b * d, d);
          if (dist <= r2 && dist <= best) {
            if (pl < 0) {
              pl = provisional(nc);
            }
            if (dist < best) {
              best = dist;
              cand.clear();
              cand.add(pl);
            } else {
              Engine.addDistinct(cand, pl);
            }
          }
        }
      }
      ties = Engine.record(order[pos], cand, labels, ties);
    }
    return ties;
  }
}
