package io.github.clusterkit.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of chunks of work on the calling thread and on threads that this object creates and owns.
 * The chunk boundaries depend only on the problem size, never on the thread count, and every chunk writes only
 * its own outputs, so results do not depend on which thread ran which chunk. With parallelism 1 no thread is
 * created. Shared by every parallel algorithm (DBSCAN, K-Means, Gaussian mixtures, PCA), so that "the caller's
 * parallelism, never the common pool" is implemented once. Not API.
 *
 * <p>Tuned for fits that are long sequences of short passes (a DBSCAN fit at 10^5 x 2 takes about 20 ms in some
 * twenty passes, many well under a millisecond; a K-Means iteration at 10^5 x 50 about a millisecond): handing
 * each pass to a pool thread that has gone to sleep costs about as much as the pass itself. So the workers are
 * started by the constructor, and between passes they spin, then yield, for a short while
 * ({@link #PARK_AFTER_NANOS}) before they park, so that the next pass reaches them in about a microsecond; the
 * caller likewise waits for the chunks of a pass. The caller waits for chunks, not for workers, so a worker that
 * is slow to start delays nothing. The threads end when this object is closed; nothing is shared between
 * objects. One pass at a time, started by the thread that owns the runner; a chunk must not start a pass.
 */
public final class ChunkRunner implements AutoCloseable {

  /** A chunk of work: {@code run(chunk, worker)}, where {@code worker} names the calling thread's slot. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param chunk the chunk number
     * @param worker the worker slot in {@code [0, parallelism)}, for per-thread buffers
     */
    void run(int chunk, int worker);
  }

  /** How long a waiting thread spins (for the next pass, or for the chunks of this one) before it yields. */
  static final long SPIN_NANOS = 100_000;
  /**
   * How long a waiting thread keeps going (spinning, then yielding the core to any other runnable thread, which
   * may be the very one it waits for when the machine is busy) before it parks.
   */
  static final long PARK_AFTER_NANOS = 1_000_000;

  /**
   * One pass: its chunks, the next chunk to hand out in each part, the chunks finished (or skipped after a
   * failure), the first failure. The chunks are split into one contiguous part per thread (fewer when there
   * are fewer chunks); each thread runs its own part first, in order, then helps with the others' (the
   * caller's part is the first). So in passes of the same size a thread mostly meets again the data it wrote
   * in the previous pass, in its own core's cache, while a slow or late thread still delays nothing. The caller
   * waits for the chunks, not for the workers: a worker that comes late (at the first pass it may still be
   * starting) finds its part taken by the others and costs nothing.
   */
  private static final class Job {
    /** Ints between two parts' counters, so that they do not share a cache line. */
    private static final int PAD = 16;
    final int chunks;
    final Body body;
    /** Number of parts. */
    final int parts;
    /** Next chunk of part {@code w} at index {@code w * PAD}. */
    final AtomicIntegerArray next;
    /** End (exclusive) of each part. */
    final int[] end;
    final AtomicInteger done = new AtomicInteger();
    final Thread owner;
    volatile Throwable failure;

    Job(int chunks, Body body, Thread owner, int parallelism) {
      this.chunks = chunks;
      this.body = body;
      this.owner = owner;
      int p = Math.max(1, Math.min(parallelism, chunks));
      this.parts = p;
      this.next = new AtomicIntegerArray(p * PAD);
      this.end = new int[p];
      for (int w = 0; w < p; w++) {
        next.set(w * PAD, (int) ((long) chunks * w / p));
        end[w] = (int) ((long) chunks * (w + 1) / p);
      }
    }

    /**
     * Runs chunks until none is left, its own part first; returns the failure of this thread's chunk, if any
     * (also recorded as the pass's failure when it is the first).
     */
    Throwable work(int worker) {
      int p = parts;
      for (int s = 0; s < p; s++) {
        int v = (worker + s) % p;
        int e = end[v];
        int at = v * PAD;
        for (int c = next.getAndIncrement(at); c < e; c = next.getAndIncrement(at)) {
          try {
            body.run(c, worker);
          } catch (Throwable ex) {
            if (failure == null) {
              failure = ex;
            }
            // no chunk starts after this one: count those never handed out as done
            int skipped = 0;
            for (int u = 0; u < p; u++) {
              int from = next.getAndSet(u * PAD, end[u]);
              skipped += Math.max(0, end[u] - from);
            }
            finish(1 + skipped);
            return ex;
          }
          finish(1);
        }
      }
      return null;
    }

    private void finish(int count) {
      if (done.addAndGet(count) == chunks && Thread.currentThread() != owner) {
        LockSupport.unpark(owner);
      }
    }
  }

  private static final AtomicInteger IDS = new AtomicInteger();

  private final int parallelism;
  private final Thread[] threads;
  /** The current pass (a new object for every pass). */
  private volatile Job job;
  private volatile boolean closed;

  /** @param parallelism number of threads, {@code >= 1}: the caller's and {@code parallelism - 1} new ones */
  public ChunkRunner(int parallelism) {
    this.parallelism = parallelism;
    threads = new Thread[parallelism - 1];
    for (int w = 1; w < parallelism; w++) {
      final int worker = w;
      Thread t = new Thread(() -> work(worker), "clusterkit-worker-" + IDS.incrementAndGet());
      t.setDaemon(true);
      threads[w - 1] = t;
      t.start();
    }
  }

  /** @return the number of worker slots */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Runs chunks {@code 0 .. chunks-1}, each exactly once, and returns when all are done.
   *
   * @param chunks number of chunks
   * @param body the work
   */
  public void run(int chunks, Body body) {
    if (threads.length == 0 || chunks <= 1) {
      for (int c = 0; c < chunks; c++) {
        body.run(c, 0);
      }
      return;
    }
    if (closed) {
      throw new IllegalStateException("runner closed");
    }
    Job j = new Job(chunks, body, Thread.currentThread(), parallelism);
    job = j;
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
    Throwable own = j.work(0);
    awaitChunks(j);
    Throwable failure = own != null ? own : j.failure;
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /**
   * Runs {@code body.accept(c)} for chunks {@code 0 .. chunks-1}.
   *
   * @param chunks number of chunks
   * @param body the work; must only write chunk-private state
   */
  public void run(int chunks, IntConsumer body) {
    run(chunks, (c, worker) -> body.accept(c));
  }

  /** Spins, then parks, until every chunk of the pass is done; keeps the caller's interrupt status. */
  private static void awaitChunks(Job j) {
    boolean interrupted = false;
    long since = System.nanoTime();
    int spins = 0;
    while (j.done.get() < j.chunks) {
      if (pause(++spins, since, j) && Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One step of a wait that began at {@code since}: a spin, a yield or a park, by how long it has lasted.
   *
   * @return whether it parked
   */
  private static boolean pause(int spins, long since, Object blocker) {
    if ((spins & 63) != 0) {
      Thread.onSpinWait();
      return false;
    }
    long waited = System.nanoTime() - since;
    if (waited < SPIN_NANOS) {
      Thread.onSpinWait();
    } else if (waited < PARK_AFTER_NANOS) {
      Thread.yield();
    } else {
      LockSupport.park(blocker);
      return true;
    }
    return false;
  }

  private void work(int worker) {
    Job seen = null;
    while (true) {
      long since = System.nanoTime();
      int spins = 0;
      while (job == seen && !closed) {
        pause(++spins, since, this);
      }
      if (closed) {
        return;
      }
      Job j = job;
      seen = j;
      j.work(worker);
    }
  }

  /**
   * Number of chunks of at most {@code size} items covering {@code n} items.
   *
   * @param n items
   * @param size chunk size
   * @return chunk count
   */
  public static int chunks(int n, int size) {
    return (int) (((long) n + size - 1) / size);
  }

  /** Ends the worker threads (they finish at once: no pass is running when the owner closes). */
  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
  }
}
