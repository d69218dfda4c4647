package io.github.clusterkit.eval.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code tasks} numbered tasks on {@code parallelism} threads of a pool created for the call and shut
 * down before it returns (never the common pool). Workers claim task numbers in increasing order, so a task
 * may wait for an earlier one without deadlock: every earlier task has already been claimed by a running
 * worker. With {@code parallelism == 1} the tasks run in order on the calling thread.
 */
public final class Parallel {

  /** A task body; {@code worker} is in {@code [0, workers)} and identifies per-worker scratch space. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param task the task number
     * @param worker the worker number
     * @throws InterruptedException if interrupted while waiting for an earlier task
     */
    void run(int task, int worker) throws InterruptedException;
  }

  private Parallel() {}

  /**
   * @param parallelism requested threads, at least 1
   * @param tasks number of tasks
   * @return the number of workers {@link #run(int, int, Body)} will use
   */
  public static int workers(int parallelism, int tasks) {
    return Math.max(1, Math.min(parallelism, tasks));
  }

  /**
   * @param parallelism requested threads, at least 1
   * @param tasks number of tasks
   * @param body the work
   */
  public static void run(int parallelism, int tasks, Body body) {
    int workers = workers(parallelism, tasks);
    if (workers == 1) {
      try {
        for (int t = 0; t < tasks; t++) {
          body.run(t, 0);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread th = new Thread(r, "clusterkit-eval");
      th.setDaemon(true);
      return th;
    });
    try {
      Future<?>[] futures = new Future<?>[workers];
      for (int w = 0; w < workers; w++) {
        final int worker = w;
        futures[w] = pool.submit(() -> {
          for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
            body.run(t, worker);
          }
          return null;
        });
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdownNow();
    }
  }
}
