package io.github.clusterkit.pca.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of independent tasks, either in the calling thread ({@code parallelism == 1}) or on
 * a private pool of daemon threads that {@link #close()} shuts down. Tasks write into their own slots;
 * the caller reduces the slots in task order afterwards, so results never depend on the thread count.
 * Not API.
 */
public final class ChunkRunner implements AutoCloseable {

  private final ExecutorService pool;

  /**
   * @param parallelism number of threads, at least 1; 1 runs everything in the calling thread
   */
  public ChunkRunner(int parallelism) {
    if (parallelism <= 1) {
      pool = null;
    } else {
      pool =
          Executors.newFixedThreadPool(
              parallelism,
              r -> {
                Thread t = new Thread(r, "clusterkit-pca");
                t.setDaemon(true);
                return t;
              });
    }
  }

  /**
   * Runs {@code body.accept(t)} for every task {@code t} in {@code [0, tasks)} and waits for all of them.
   *
   * @param tasks number of tasks
   * @param body the task body; must only write to task-private state
   */
  public void run(int tasks, IntConsumer body) {
    if (pool == null || tasks <= 1) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      final int task = t;
      futures.add(pool.submit(() -> body.accept(task)));
    }
    try {
      for (int t = 0; t < tasks; t++) {
        futures.get(t).get();
      }
    } catch (InterruptedException e) {
      cancelAll(futures);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PCA tasks", e);
    } catch (ExecutionException e) {
      cancelAll(futures);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static void cancelAll(List<Future<?>> futures) {
    for (int t = 0; t < futures.size(); t++) {
      futures.get(t).cancel(true);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
