package io.github.clusterkit.dbscan.internal;

import io.github.clusterkit.internal.ChunkRunner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The last step shared by every path: turns provisional cluster ids into the final labels, by {@link #finish} for
 * the default rule (described below) or by {@link #finishByCore} for scikit-learn's.
 *
 * <p>On entry {@code labels[i]} holds, for a core point or a border point with one nearest cluster, the
 * provisional id of its cluster, which is the smallest row index of a core point of that cluster (so the
 * row {@code v} of a provisional id {@code v} has {@code labels[v] == v}); {@code -1} for noise; and
 * {@code -2 - off} for a border point whose nearest core points lie in several clusters at the same
 * distance, where {@code ties[off]} is the number of candidate clusters and the provisional ids follow.
 *
 * <p>Clusters are numbered 0, 1, ... in the order of their first member by row index. A tied border point
 * takes the candidate with the smallest final label: when some candidate has a member in an earlier row,
 * that is the candidate whose first member comes first; when none has, whichever it joins receives its
 * number at this row, so it joins the candidate whose first core point comes first.
 *
 * <p>Computed in parallel over fixed row chunks, with the same result as numbering the rows one by one:
 * the first member of every cluster is a minimum (over its rows that are not tied), found with an atomic
 * minimum whose outcome does not depend on the order of the updates; the few tied rows are then settled in
 * row order; the numbers follow from per-chunk counts of first members and their prefix sums in chunk order.
 */
final class Labels {

  private static final VarHandle AA = MethodHandles.arrayElementVarHandle(int[].class);

  private Labels() {}

  /**
   * @param labels provisional labels, replaced by the final ones
   * @param ties the tie table (may be empty)
   * @param tieRows the rows whose label points into {@code ties}, in increasing order
   * @param scratch an array of at least {@code labels.length} ints that may be overwritten, or null
   * @param core the core flags
   * @param coreCounts receives the number of core points of every row chunk ({@link Engine#rowChunk}),
   *     counted in the last pass over the labels (one pass fewer for the output)
   * @param noiseCounts receives the number of noise points of every row chunk
   * @param runner the chunk runner
   * @return the number of clusters
   */
  static int finish(int[] labels, int[] ties, int[] tieRows, int[] scratch, boolean[] core, int[] coreCounts,
      int[] noiseCounts, ChunkRunner runner) {
    int n = labels.length;
    int size = Engine.rowChunk(n);
    int chunks = ChunkRunner.chunks(n, size);
    // first[v]: the first row of the cluster with provisional id v (only read at provisional ids)
    int[] first = scratch != null && scratch.length >= n ? scratch : new int[n];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      for (int i = c * size; i < end; i++) {
        first[i] = i;
      }
    });
    // border rows before the first core row of their cluster (v > i) move the first member down
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      for (int i = c * size; i < end; i++) {
        int v = labels[i];
        if (v > i) {
          atomicMin(first, v, i);
        }
      }
    });
    // tied border points, in row order: each sees the choices of the tied rows before it
    for (int t = 0; t < tieRows.length; t++) {
      int i = tieRows[t];
      int off = -2 - labels[i];
      int m = ties[off];
      int best = -1;
      int bestFirst = Integer.MAX_VALUE;
      int smallestId = Integer.MAX_VALUE;
      for (int q = 1; q <= m; q++) {
        int p = ties[off + q];
        int f = first[p];
        if (f < i) {
          if (f < bestFirst) {
            bestFirst = f;
            best = p;
          }
        } else if (p < smallestId) {
          smallestId = p;
        }
      }
      if (best < 0) {
        best = smallestId;
        first[best] = i; // no member before row i, so this row becomes the first
      }
      labels[i] = best;
    }
    // number the first members in row order: count per chunk, prefix in chunk order, assign
    int[] count = new int[chunks];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int k = 0;
      for (int i = c * size; i < end; i++) {
        int v = labels[i];
        if (v >= 0 && first[v] == i) {
          k++;
        }
      }
      count[c] = k;
    });
    int total = exclusivePrefix(count);
    // first[v] becomes -1 - number; a row of another chunk comparing first[v] with its own index sees
    // either the first row (not its own) or a negative value, so the counts above are not disturbed
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int next = count[c];
      for (int i = c * size; i < end; i++) {
        int v = labels[i];
        if (v >= 0 && first[v] == i) {
          first[v] = -1 - next++;
        }
      }
    });
    relabel(labels, first, core, coreCounts, noiseCounts, size, chunks, runner);
    return total;
  }

  /**
   * The numbering of {@code Dbscan.LabelRule.SCIKIT_LEARN}: on entry every clustered row holds the provisional id of
   * its cluster (its smallest core row; a border row the lowest such id among the clusters it touches, so no tie
   * table) and noise {@code -1}. Clusters are numbered 0, 1, ... in the order of their provisional ids, so that a
   * border row's lowest id is its lowest number. In parallel over fixed row chunks: the provisional ids are the core
   * rows {@code i} with {@code labels[i] == i}, counted per chunk, numbered after a prefix sum in chunk order.
   *
   * @param labels provisional labels, replaced by the final ones
   * @param scratch an array of at least {@code labels.length} ints that may be overwritten, or null
   * @param core the core flags
   * @param coreCounts receives the number of core points of every row chunk
   * @param noiseCounts receives the number of noise points of every row chunk
   * @param runner the chunk runner
   * @return the number of clusters
   */
  static int finishByCore(int[] labels, int[] scratch, boolean[] core, int[] coreCounts, int[] noiseCounts,
      ChunkRunner runner) {
    int n = labels.length;
    int size = Engine.rowChunk(n);
    int chunks = ChunkRunner.chunks(n, size);
    // number[v]: -1 - the final label of the cluster with provisional id v (as finish's first[v]; written and read at
    // provisional ids only)
    int[] number = scratch != null && scratch.length >= n ? scratch : new int[n];
    int[] count = new int[chunks];
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int k = 0;
      for (int i = c * size; i < end; i++) {
        if (core[i] && labels[i] == i) {
          k++;
        }
      }
      count[c] = k;
    });
    int total = exclusivePrefix(count);
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int next = count[c];
      for (int i = c * size; i < end; i++) {
        if (core[i] && labels[i] == i) {
          number[i] = -1 - next++;
        }
      }
    });
    relabel(labels, number, core, coreCounts, noiseCounts, size, chunks, runner);
    return total;
  }

  /** Replaces each count by the sum of the counts before it (chunk order); returns the sum of all. */
  private static int exclusivePrefix(int[] count) {
    int total = 0;
    for (int c = 0; c < count.length; c++) {
      int k = count[c];
      count[c] = total;
      total += k;
    }
    return total;
  }

  /**
   * The last pass of both numberings: a clustered row's label {@code v} becomes {@code -1 - code[v]} (the final
   * number, stored encoded at the provisional id), and each chunk's core and noise points are counted.
   */
  private static void relabel(int[] labels, int[] code, boolean[] core, int[] coreCounts, int[] noiseCounts,
      int size, int chunks, ChunkRunner runner) {
    int n = labels.length;
    runner.run(chunks, c -> {
      int end = Engine.chunkEnd(c, size, n);
      int kc = 0;
      int kn = 0;
      for (int i = c * size; i < end; i++) {
        int v = labels[i];
        if (v >= 0) {
          labels[i] = -1 - code[v];
        } else {
          kn++;
        }
        if (core[i]) {
          kc++;
        }
      }
      coreCounts[c] = kc;
      noiseCounts[c] = kn;
    });
  }

  private static void atomicMin(int[] a, int at, int value) {
    int cur = (int) AA.getVolatile(a, at);
    while (value < cur) {
      int seen = (int) AA.compareAndExchange(a, at, cur, value);
      if (seen == cur) {
        return;
      }
      cur = seen;
    }
  }
}
