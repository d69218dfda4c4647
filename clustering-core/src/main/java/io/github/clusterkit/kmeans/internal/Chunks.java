package io.github.clusterkit.kmeans.internal;

import io.github.clusterkit.internal.ChunkRunner;

/**
 * Fixed chunking of the rows and an ordered reduction, so that a result never depends on the thread count.
 *
 * <p>The rows {@code 0..n-1} are cut into at most {@link #MAX_CHUNKS} consecutive chunks whose boundaries
 * depend on {@code n} alone. A pass runs a body on every chunk (in parallel when there are threads), each
 * chunk writing its partial results into a private buffer slot; the caller's reducer then sees the chunks
 * strictly in chunk order {@code 0, 1, 2, ...}. Floating-point partial sums are therefore combined in the same
 * order with 1 thread or 64. Chunks are processed in waves of at most {@code width} chunks; the width only
 * bounds the memory of the slots and never changes the result.
 *
 * <p>The worker threads (if any) are claimed by the constructor and handed back by {@link #close()}; the JDK
 * common pool is never used. Not thread-safe: one pass at a time.
 */
public final class Chunks implements AutoCloseable {

  /** Upper bound on the number of chunks. */
  public static final int MAX_CHUNKS = 64;

  /** Lower bound on the rows per chunk (except a single short chunk). */
  public static final int MIN_CHUNK_ROWS = 2048;

  /** Memory budget for all slots of one pass, in doubles (32 MiB). */
  private static final int SLOT_BUDGET = 1 << 22;

  /** Work on one chunk. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param chunk chunk number
     * @param from first row (inclusive)
     * @param to last row (exclusive)
     * @param slot buffer slot to write partial results to, in {@code [0, width)}
     */
    void run(int chunk, int from, int to, int slot);
  }

  /** Folds one chunk's partial results into the total; called in chunk order on the calling thread. */
  @FunctionalInterface
  public interface Reducer {
    /**
     * @param chunk chunk number
     * @param slot the slot the body wrote to
     */
    void reduce(int chunk, int slot);
  }

  private final int n;
  private final int chunkRows;
  private final int count;
  private final int threads;
  private final ChunkRunner pool;

  /**
   * @param n number of rows, at least 1
   * @param threads number of threads, at least 1; with 1 no pool is created
   */
  public Chunks(int n, int threads) {
    this.n = n;
    this.chunkRows = Math.max(MIN_CHUNK_ROWS, (int) ((n + (long) MAX_CHUNKS - 1) / MAX_CHUNKS));
    this.count = (int) ((n + (long) chunkRows - 1) / chunkRows);
    this.threads = Math.max(1, Math.min(threads, count));
    this.pool = this.threads > 1 ? new ChunkRunner(this.threads) : null;
  }

  /** @return number of chunks */
  public int count() {
    return count;
  }

  /**
   * @param chunk chunk number
   * @return its first row
   */
  public int from(int chunk) {
    return chunk * chunkRows;
  }

  /**
   * @param chunk chunk number
   * @return one past its last row
   */
  public int to(int chunk) {
    return Math.min(n, (chunk + 1) * chunkRows);
  }

  /**
   * The number of slots a pass whose slot holds {@code slotDoubles} values should allocate.
   *
   * @param slotDoubles size of one slot
   * @return the width, at least 1
   */
  public int width(long slotDoubles) {
    if (threads == 1) {
      return 1;
    }
    long byBudget = SLOT_BUDGET / Math.max(1, slotDoubles);
    return (int) Math.max(1, Math.min(count, Math.max(2L * threads, byBudget)));
  }

  /**
   * Runs {@code body} on every chunk and {@code reducer} on every chunk in chunk order.
   *
   * @param width number of slots the caller allocated ({@link #width(long)})
   * @param body the per-chunk work
   * @param reducer the ordered reduction, or {@code null}
   */
  public void run(int width, Body body, Reducer reducer) {
    if (pool == null || width == 1) {
      for (int c = 0; c < count; c++) {
        body.run(c, from(c), to(c), 0);
        if (reducer != null) {
          reducer.reduce(c, 0);
        }
      }
      return;
    }
    for (int base = 0; base < count; base += width) {
      int end = Math.min(count, base + width);
      int first = base;
      pool.run(end - base, (i, worker) -> {
        int c = first + i;
        body.run(c, from(c), to(c), i);
      });
      if (reducer != null) {
        for (int c = base; c < end; c++) {
          reducer.reduce(c, c - base);
        }
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
