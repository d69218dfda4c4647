package io.github.clusterkit.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of chunks of work on the calling thread and on up to {@code parallelism - 1} worker
 * threads of the library. The chunk boundaries depend only on the problem size, never on the thread count,
 * and every chunk writes only its own outputs, so results do not depend on which thread ran which chunk.
 * With parallelism 1 no worker is used. Shared by every parallel code path (DBSCAN, K-Means and its side-by-side
 * restarts, Gaussian mixtures, PCA, the hierarchical distance matrix, and clustering-eval's tasks), so that "the
 * caller's parallelism, never the common pool" is implemented once. Not API.
 *
 * <p>Tuned for fits that are long sequences of short passes (a DBSCAN fit at 10^5 x 2 takes about 15 ms in some
 * twenty passes, many well under a millisecond; a K-Means iteration at 10^5 x 50 about a millisecond): handing
 * each pass to a pool thread that has gone to sleep costs about as much as the pass itself. So the workers are
 * claimed once for the runner's life (by the first pass that needs them, no more than its chunks can use), and
 * between passes they spin, then yield, for a short while
 * ({@link #PARK_AFTER_NANOS}) before they park, so that the next pass reaches them in about a microsecond; the
 * caller likewise waits for the chunks of a pass. The caller waits for chunks, not for workers, so a worker that
 * is slow to start (or still finishing with its previous runner) delays nothing.
 *
 * <p><b>Workers are cached library-wide.</b> Starting a thread costs the caller 0.15 ms on an idle machine and
 * up to 1 ms on a busy one, several percent of a short fit. So a runner takes idle workers from a small
 * library-wide cache (the one returned last first) and starts new ones only when none is idle; {@link #close()}
 * gives them back. Each worker serves one runner at a time, so runners open at the same time, on any threads,
 * never share a worker, and a fit runs on at most {@code parallelism} threads. A worker is a daemon thread (it
 * never keeps the JVM alive) that inherits no thread-local values; between runners it spins and yields for
 * {@link #PARK_AFTER_NANOS}, as between passes (fits in a loop find it awake), then parks, and it ends once it
 * has been idle for {@link #KEEP_ALIVE_NANOS} (one second). An idle worker holds no reference to the runner it
 * served, its chunks or their data. One pass at a time, started by the thread that owns the runner; a chunk
 * must not start a pass of the same runner (it may open a runner of its own).
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

  /**
   * The most threads a runner uses, whatever parallelism it is given: callers size per-slot scratch arrays by
   * {@link #parallelism()}, and a fit given {@code Integer.MAX_VALUE} ran out of memory allocating them. Results do not
   * depend on the thread count, so the cap changes only how many threads run.
   */
  public static final int MAX_PARALLELISM = 256;

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

  /**
   * How long a worker stays in the cache without being claimed before its thread ends: long enough that fits
   * called in a loop, or one after another in a pipeline, keep their threads; short enough that a program
   * which stops fitting holds no idle threads a second later.
   */
  static final long KEEP_ALIVE_NANOS = 1_000_000_000L;

  /** Idle workers, the one returned last at the end; guarded by itself. */
  private static final ArrayDeque<Worker> IDLE = new ArrayDeque<>();
  private static final AtomicInteger IDS = new AtomicInteger();

  /** What a worker serves next: a runner and its slot in it. */
  private static final class Assignment {
    final ChunkRunner runner;
    final int slot;

    Assignment(ChunkRunner runner, int slot) {
      this.runner = runner;
      this.slot = slot;
    }
  }

  /**
   * A cached worker thread. It is in {@link #IDLE} exactly when it has no assignment pending and serves no
   * open runner: a runner removes it and hands it an assignment in one step under the lock, and gives it back
   * at close (before it marks itself closed, so that the worker is back in the cache by the time it stops
   * serving). So a worker that finds no assignment under the lock is in the cache and may leave it and end.
   */
  private static final class Worker implements Runnable {
    final Thread thread;
    /** The next runner to serve; set under the lock of {@link #IDLE}, taken (and cleared) by the worker. */
    final AtomicReference<Assignment> next = new AtomicReference<>();

    Worker() {
      // no inherited thread-locals: the thread outlives the fit that started it and serves other callers
      thread = new Thread(null, this, "clusterkit-worker-" + IDS.incrementAndGet(), 0, false);
      thread.setDaemon(true);
      thread.setContextClassLoader(ChunkRunner.class.getClassLoader());
    }

    @Override
    public void run() {
      while (true) {
        Thread.interrupted(); // a chunk may have interrupted this thread: parking must work again
        Assignment a = await();
        if (a == null) {
          return;
        }
        ChunkRunner r = a.runner;
        int slot = a.slot;
        a = null; // nothing of a finished runner stays reachable from this thread's stack
        try {
          r.serve(slot);
        } catch (Throwable ignored) {
          // chunk failures are caught by the pass; this is only a safety net, the worker stays usable
        }
        r = null;
      }
    }

    /** Waits for the next assignment; returns null once idle for the keep-alive, having left the cache. */
    private Assignment await() {
      long since = System.nanoTime();
      int spins = 0;
      while (true) {
        Assignment a = next.getAndSet(null);
        if (a != null) {
          return a;
        }
        if (spinOrYield(++spins, since)) {
          continue;
        }
        long waited = System.nanoTime() - since;
        if (waited < KEEP_ALIVE_NANOS) {
          LockSupport.parkNanos(IDLE, KEEP_ALIVE_NANOS - waited);
        } else {
          synchronized (IDLE) {
            if (next.get() == null) {
              IDLE.remove(this);
              return null;
            }
          }
        }
      }
    }
  }

  private final int parallelism;
  /** The workers serving this runner (slots 1 up to parallelism - 1, claimed as passes need them); null once closed. */
  private Worker[] workers;
  /** The current pass (a new object for every pass); null when closed. */
  private volatile Job job;
  private volatile boolean closed;

  /**
   * A runner of up to {@code parallelism} threads. It claims no worker yet: a pass of {@code c} chunks runs on
   * {@code min(parallelism, c)} threads, and the first pass that needs more workers than the runner holds claims
   * the missing ones (idle workers of the library's cache first, new threads only when none is idle). So a fit of
   * a few rows with a large {@code parallelism} starts no thread its chunks cannot use: before, the constructor
   * claimed {@code parallelism - 1} workers at once (499 threads for a six-row DBSCAN fit at parallelism 500,
   * each spinning for {@link #PARK_AFTER_NANOS} after every pass).
   *
   * @param parallelism number of threads, {@code >= 1}: the caller's and up to {@code parallelism - 1} workers
   *     (at most {@link #MAX_PARALLELISM} in all)
   */
  public ChunkRunner(int parallelism) {
    this.parallelism = Math.min(parallelism, MAX_PARALLELISM);
    this.workers = new Worker[0];
  }

  /** Grows this runner's workers to {@code count} (slots 1 to {@code count}); on failure closes the runner. */
  private void claim(int count) {
    Worker[] old = workers;
    Worker[] ws = java.util.Arrays.copyOf(old, count);
    int fresh = 0;
    synchronized (IDLE) {
      for (int w = old.length; w < count; w++) {
        Worker worker = IDLE.pollLast();
        if (worker == null) {
          worker = new Worker();
          fresh++;
        }
        worker.next.set(new Assignment(this, w + 1));
        ws[w] = worker;
      }
    }
    workers = ws;
    // start the new threads outside the lock (other callers need not wait for them), wake the cached ones; once
    // the cache ran out every later worker is new, so the new ones are the last
    try {
      for (int w = old.length; w < count; w++) {
        if (w >= count - fresh) {
          ws[w].thread.start();
        } else {
          LockSupport.unpark(ws[w].thread);
        }
      }
    } catch (RuntimeException | Error e) { // e.g. no native thread left: give back what was claimed
      close();
      throw e;
    }
  }

  /** @return the number of workers this runner holds (for tests) */
  int claimed() {
    Worker[] ws = workers;
    return ws == null ? 0 : ws.length;
  }

  /** @return the number of idle workers in the library's cache (for tests) */
  static int idleWorkers() {
    synchronized (IDLE) {
      return IDLE.size();
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
    if (parallelism == 1 || chunks <= 1) {
      for (int c = 0; c < chunks; c++) {
        body.run(c, 0);
      }
      return;
    }
    if (closed) {
      throw new IllegalStateException("runner closed");
    }
    int need = Math.min(parallelism, chunks) - 1;
    if (need > workers.length) {
      claim(need);
    }
    Job j = new Job(chunks, body, Thread.currentThread(), parallelism);
    job = j;
    for (Worker w : workers) {
      LockSupport.unpark(w.thread);
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
    if (spinOrYield(spins, since)) {
      return false;
    }
    LockSupport.park(blocker);
    return true;
  }

  /**
   * The part of every wait (between passes, for a pass's chunks, for a worker's next runner) before it parks:
   * a spin, or a yield once the wait has lasted {@link #SPIN_NANOS}, the clock read every 64th step.
   *
   * @return false once the wait has lasted {@link #PARK_AFTER_NANOS}: the caller parks
   */
  private static boolean spinOrYield(int spins, long since) {
    if ((spins & 63) != 0) {
      Thread.onSpinWait();
      return true;
    }
    long waited = System.nanoTime() - since;
    if (waited < SPIN_NANOS) {
      Thread.onSpinWait();
    } else if (waited < PARK_AFTER_NANOS) {
      Thread.yield();
    } else {
      return false;
    }
    return true;
  }

  /** A worker's service of this runner in slot {@code worker}: the passes, until the runner is closed. */
  private void serve(int worker) {
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
      if (j == null) {
        return; // closed: the pass reference is cleared only after the flag is set
      }
      seen = j;
      j.work(worker);
      j = null;
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

  /**
   * Gives the workers back to the library's cache (they leave this runner at once: no pass is running when
   * the owner closes). Idempotent. A later {@link #run} with more than one chunk on a runner of parallelism
   * above 1 throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    Worker[] ws = workers;
    if (ws == null) {
      return;
    }
    workers = null;
    if (ws.length > 0) {
      synchronized (IDLE) {
        for (int w = ws.length - 1; w >= 0; w--) {
          if (ws[w].thread.isAlive()) { // a thread that failed to start is not kept
            IDLE.addLast(ws[w]);
          }
        }
      }
    }
    closed = true;
    job = null; // the last pass's body (and the arrays it captured) is not kept reachable through this runner
    for (Worker w : ws) {
      LockSupport.unpark(w.thread);
    }
  }
}
