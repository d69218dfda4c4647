package io.github.clusterkit.gmm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task once per chunk index, on the calling thread ({@code parallelism == 1}) or on a private
 * fixed pool that {@link #close()} shuts down (never the common pool). Which thread runs a chunk does not
 * matter: every chunk writes only its own partial results, which the caller reduces in chunk order.
 */
public final class ChunkExecutor implements AutoCloseable {

  private final int parallelism;
  private final ExecutorService pool;

  /** @param parallelism number of threads, {@code >= 1} */
  public ChunkExecutor(int parallelism) {
    this.parallelism = parallelism;
    if (parallelism > 1) {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory tf = r -> {
        Thread t = new Thread(r, "clusterkit-gmm-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      this.pool = Executors.newFixedThreadPool(parallelism, tf);
    } else {
      this.pool = null;
    }
  }

  /** The work for one chunk. */
  @FunctionalInterface
  public interface Task {
    /**
     * @param chunk the chunk index
     * @param worker the index of the worker running it, in {@code [0, parallelism)}, for scratch buffers
     */
    void run(int chunk, int worker);
  }

  /** @return the number of workers, the bound of the worker index passed to tasks */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Runs {@code task.run(c, worker)} for every {@code c} in {@code [0, chunks)} and waits for all of them.
   * A worker runs its chunks one after the other.
   *
   * @param chunks number of chunks
   * @param task the work for one chunk
   */
  public void run(int chunks, Task task) {
    if (pool == null || chunks == 1) {
      for (int c = 0; c < chunks; c++) {
        task.run(c, 0);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(parallelism, chunks);
    List<Future<?>> futures = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      int worker = w;
      futures.add(pool.submit(() -> {
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
          task.run(c, worker);
        }
      }));
    }
    RuntimeException failure = null;
    for (int w = 0; w < workers; w++) {
      try {
        futures.get(w).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = new IllegalStateException("interrupted while fitting", e);
        }
      } catch (ExecutionException e) {
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

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
