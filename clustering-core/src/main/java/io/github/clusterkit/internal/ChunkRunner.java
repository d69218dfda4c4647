package io.github.clusterkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of chunks of work on the calling thread and a pool that this object owns. The chunk
 * boundaries depend only on the problem size, never on the thread count, and every chunk writes only its own
 * outputs, so results do not depend on which thread ran which chunk. With parallelism 1 no thread is created.
 * Shared by every parallel algorithm (DBSCAN, Gaussian mixtures, PCA), so that "the caller's parallelism,
 * never the common pool" is implemented once. Not API.
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

  private final int parallelism;
  private final ExecutorService pool;

  /** @param parallelism number of threads, {@code >= 1}: the caller's and {@code parallelism - 1} new ones */
  public ChunkRunner(int parallelism) {
    this.parallelism = parallelism;
    if (parallelism > 1) {
      AtomicInteger ids = new AtomicInteger();
      ThreadFactory tf = r -> {
        Thread t = new Thread(r, "clusterkit-worker-" + ids.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      pool = Executors.newFixedThreadPool(parallelism - 1, tf);
    } else {
      pool = null;
    }
  }

  /** @return the number of worker slots */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Runs chunks {@code 0 .. chunks-1}, each exactly once, and returns when all are done (every write made by
   * a chunk is visible to the caller afterwards).
   *
   * @param chunks number of chunks
   * @param body the work
   */
  public void run(int chunks, Body body) {
    int workers = Math.min(parallelism, chunks);
    if (workers <= 1) {
      for (int c = 0; c < chunks; c++) {
        body.run(c, 0);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      final int worker = w;
      futures.add(pool.submit(() -> {
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
          body.run(c, worker);
        }
      }));
    }
    // the calling thread is worker 0: one thread fewer to create and to wake
    RuntimeException failure = null;
    try {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        body.run(c, 0);
      }
    } catch (RuntimeException e) {
      next.set(chunks);
      failure = e;
    } catch (Error e) {
      next.set(chunks);
      awaitQuietly(futures);
      throw e;
    }
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        next.set(chunks);
        failure = new IllegalStateException("interrupted while running chunks", e);
      } catch (ExecutionException e) {
        next.set(chunks);
        Throwable cause = e.getCause();
        if (failure == null) {
          if (cause instanceof RuntimeException) {
            failure = (RuntimeException) cause;
          } else if (cause instanceof Error) {
            throw (Error) cause;
          } else {
            failure = new IllegalStateException(cause);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Waits for the workers after the caller's own chunk failed with an error; their outcome is ignored. */
  private static void awaitQuietly(List<Future<?>> futures) {
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // the caller's error is the one reported
      }
    }
  }

  /**
   * Runs {@code body.accept(c)} for chunks {@code 0 .. chunks-1}, for work that needs no per-worker buffer.
   *
   * @param chunks number of chunks
   * @param body the work; must only write chunk-private state
   */
  public void run(int chunks, IntConsumer body) {
    run(chunks, (c, worker) -> body.accept(c));
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

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
