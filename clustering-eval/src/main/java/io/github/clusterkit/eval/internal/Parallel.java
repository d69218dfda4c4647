package io.github.clusterkit.eval.internal;

import io.github.clusterkit.internal.ChunkRunner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code tasks} numbered tasks on {@code workers(parallelism, tasks)} threads: the calling thread and
 * workers of the library's cache ({@link ChunkRunner}, never the common pool), so a call starts no thread
 * while the cache has idle workers and never runs on more threads than asked for. With one worker the tasks
 * run in order on the calling thread.
 *
 * <p><b>Order.</b> A task may wait for an earlier one without deadlock. The tasks are not handed to the
 * runner's chunks (the runner splits its chunks into one part per thread and lets threads take over each
 * other's parts, an order the tasks must not depend on). Instead the runner runs one chunk per thread, and
 * every chunk takes task numbers from one shared counter, in increasing order, one task at a time, until
 * none is left. So every task below the counter has been taken by a thread that is running it or has
 * finished it, and the lowest unfinished task, whose earlier tasks are all finished, always makes progress;
 * the calling thread takes tasks itself, so this holds even when a worker starts late. A chunk that a thread
 * takes over from a late worker finds the counter spent and returns at once, so the {@code worker} number
 * passed to a task (the runner's slot of the thread) is used by one thread at a time.
 *
 * <p><b>Failures and interrupts.</b> The first task that throws stops the call: no task starts after it, and the
 * threads still running tasks of this call are interrupted, so that a task waiting for the failed one (or for one that
 * will now never run) ends with {@link InterruptedException}, as the per-call pool used before did with {@code
 * shutdownNow}. When every running task has returned (unlike that pool, the call does not leave tasks running behind
 * it: a task that ignores the interrupt delays the failure until it ends), the first failure reaches the caller: a
 * {@link RuntimeException} or {@link Error} as is, an {@link InterruptedException} as an {@link IllegalStateException}
 * with it as the cause, anything else wrapped in an {@link IllegalStateException}. An interrupt of the calling thread
 * stops the call at the caller's next task (or ends the task it is waiting in; with one worker, before the next task)
 * with an {@link IllegalStateException}, keeping the interrupt status; one that comes while the caller only waits for
 * the last tasks of other threads is kept as the thread's status and the call completes. Interrupts this call raises to
 * cancel tasks are cleared from the workers before they serve anything else, and from the calling thread before the
 * call returns.
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

  /** The message of the exception an interrupt of the caller ends a call with. */
  public static final String INTERRUPTED = "interrupted: the calling thread's interrupt stopped the evaluation"
      + " (its interrupt status is kept)";

  private Parallel() {}

  /**
   * @param parallelism requested threads, at least 1
   * @param tasks number of tasks
   * @return the number of workers {@link #run(int, int, Body)} will use: at most one per task and at most
   *     {@link ChunkRunner#MAX_PARALLELISM}, as the core's fits (the result does not depend on it)
   */
  public static int workers(int parallelism, int tasks) {
    return Math.max(1, Math.min(Math.min(parallelism, tasks), ChunkRunner.MAX_PARALLELISM));
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
          if (Thread.currentThread().isInterrupted()) { // as the caller's next task on several threads
            throw new InterruptedException();
          }
          body.run(t, 0);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(INTERRUPTED, e);
      }
      return;
    }
    // The caller checks its interrupt when it takes a task, but the workers may take every task first (a loaded
    // machine): an interrupt that came before the call must stop it on any thread count, so check it here too.
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException(INTERRUPTED);
    }
    Call call = new Call(tasks, body, workers, Thread.currentThread());
    try (ChunkRunner runner = new ChunkRunner(workers)) {
      runner.run(workers, call::work); // one chunk per thread; the chunks never throw
    }
    call.finish();
  }

  /** One call's shared state: the task counter, the threads inside a task, the first failure. */
  private static final class Call {
    final int tasks;
    final Body body;
    final Thread caller;
    final AtomicInteger next = new AtomicInteger();
    /** Set (under this object's lock) by the first failure: no task starts after it. */
    volatile boolean stopped;
    /** The thread inside a task in each slot, or null; guarded by this object's lock. */
    final Thread[] running;
    /** The first failure; guarded by this object's lock. */
    Throwable failure;
    /** Whether this call interrupted the caller to cancel its task; guarded by this object's lock. */
    boolean interruptedCaller;
    /**
     * Whether the caller had an interrupt of its own (not raised by this call), whose status is to be set again
     * before the call returns; guarded by this object's lock.
     */
    boolean keepCallerInterrupt;

    Call(int tasks, Body body, int workers, Thread caller) {
      this.tasks = tasks;
      this.body = body;
      this.running = new Thread[workers];
      this.caller = caller;
    }

    /** A chunk: tasks from the counter, in increasing order, until none is left or the call stops. */
    void work(int chunk, int slot) {
      Thread me = Thread.currentThread();
      while (!stopped) {
        if (me == caller && me.isInterrupted()) { // not raised by this call: it interrupts only threads in a task
          synchronized (this) {
            keepCallerInterrupt = true;
          }
          fail(new IllegalStateException(INTERRUPTED));
          return;
        }
        int t = next.getAndIncrement();
        if (t >= tasks) {
          return;
        }
        synchronized (this) {
          if (stopped) {
            return;
          }
          running[slot] = me;
        }
        try {
          body.run(t, slot);
        } catch (InterruptedException e) {
          synchronized (this) {
            if (me == caller && !stopped) { // the call interrupts a thread only after it has stopped
              keepCallerInterrupt = true;
            }
          }
          fail(new IllegalStateException(INTERRUPTED, e));
          return;
        } catch (Throwable e) {
          fail(e);
          return;
        } finally {
          synchronized (this) {
            running[slot] = null;
          }
        }
      }
    }

    /** Records the first failure, stops the call and interrupts the other threads inside a task. */
    synchronized void fail(Throwable e) {
      if (failure == null) {
        failure = e;
      }
      if (stopped) {
        return;
      }
      stopped = true;
      Thread me = Thread.currentThread();
      for (Thread t : running) {
        if (t == null || t == me) {
          continue;
        }
        if (t == caller) {
          if (t.isInterrupted()) { // an interrupt of the caller's own: its task is ended by it anyway
            keepCallerInterrupt = true;
            continue;
          }
          interruptedCaller = true;
        }
        t.interrupt();
      }
    }

    /** On the caller, once every chunk has returned: clears this call's interrupt, rethrows the failure. */
    void finish() {
      Throwable f;
      boolean clear;
      boolean keep;
      synchronized (this) {
        f = failure;
        clear = interruptedCaller;
        keep = keepCallerInterrupt;
      }
      if (clear) {
        Thread.interrupted();
      }
      if (keep) {
        caller.interrupt();
      }
      if (f == null) {
        return;
      }
      if (f instanceof RuntimeException) {
        throw (RuntimeException) f;
      }
      if (f instanceof Error) {
        throw (Error) f;
      }
      throw new IllegalStateException(f);
    }
  }
}
