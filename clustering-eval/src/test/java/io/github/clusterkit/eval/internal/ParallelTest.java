package io.github.clusterkit.eval.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Numbered tasks run on the calling thread and the library's worker cache (no pool per call, never more
 * threads than asked for), each once; a task may wait for an earlier one; failures and interrupts reach the
 * caller; the silhouette kernel, whose tasks wait for earlier ones, gives the one-thread values.
 */
class ParallelTest {

  /** Names of the live threads that start with {@code prefix}. */
  private static Set<String> liveThreads(String prefix) {
    Set<String> names = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix)) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void tasksRunOnceOnTheCallerAndCachedWorkersWithoutAPoolOfTheirOwn() {
    int tasks = 40;
    int parallelism = 3;
    AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
    Thread[] slotThread = new Thread[parallelism];
    AtomicReference<String> problem = new AtomicReference<>();
    Set<String> poolThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Parallel.run(parallelism, tasks, (t, worker) -> {
      runs.incrementAndGet(t);
      poolThreads.addAll(liveThreads("clusterkit-eval"));
      synchronized (slotThread) {
        if (slotThread[worker] == null) {
          slotThread[worker] = Thread.currentThread();
        } else if (slotThread[worker] != Thread.currentThread()) {
          problem.set("worker " + worker + " on two threads");
        }
      }
    });
    for (int t = 0; t < tasks; t++) {
      assertEquals(1, runs.get(t), "task " + t);
    }
    assertEquals(null, problem.get());
    assertEquals(Set.of(), poolThreads, "threads of the old per-call pool, alive during the call");
    Set<Thread> distinct = new HashSet<>();
    for (Thread th : slotThread) {
      if (th != null) {
        distinct.add(th);
      }
    }
    // at most parallelism threads, one per worker number; the slots are the runner's
    assertTrue(distinct.size() <= parallelism, distinct.toString());
    if (slotThread[0] != null) { // null only if the workers took every task before the caller took one
      assertSame(Thread.currentThread(), slotThread[0], "the caller is worker 0");
    }
  }

  @Test
  void aSecondCallReusesTheFirstCallsWorkerThread() {
    Thread[] first = workerThreadOfATwoThreadCall();
    Thread[] second = workerThreadOfATwoThreadCall();
    assertTrue(first[0].getName().startsWith("clusterkit-worker-"), first[0].getName());
    assertSame(first[0], second[0], "the idle worker of the first call is taken again, no thread is started");
  }

  /** A call of two tasks that meet at a barrier, so that both threads run one; returns the worker's thread. */
  private static Thread[] workerThreadOfATwoThreadCall() {
    CyclicBarrier both = new CyclicBarrier(2);
    Thread caller = Thread.currentThread();
    Thread[] other = new Thread[1];
    Parallel.run(2, 2, (t, worker) -> {
      if (Thread.currentThread() != caller) {
        other[0] = Thread.currentThread();
      }
      try {
        both.await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return other;
  }

  @Test
  void aTaskMayWaitForEveryEarlierTask() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int parallelism = 2; parallelism <= 4; parallelism++) {
        int tasks = 300;
        int[] finished = new int[1];
        int[] order = new int[tasks];
        Parallel.run(parallelism, tasks, (t, worker) -> {
          synchronized (finished) {
            while (finished[0] != t) { // every earlier task first: a strict chain
              finished.wait();
            }
            order[t] = finished[0]++;
            finished.notifyAll();
          }
        });
        assertEquals(tasks, finished[0]);
        for (int t = 0; t < tasks; t++) {
          assertEquals(t, order[t]);
        }
      }
    });
  }

  @Test
  void theFirstFailureReachesTheCallerAsIsAndTasksWaitingForItAreInterrupted() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int failing = 0; failing < 12; failing++) {
        final int bad = failing;
        RuntimeException boom = new IllegalArgumentException("task " + bad);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger cancelled = new AtomicInteger();
        RuntimeException thrown = assertThrows(RuntimeException.class,
            () -> Parallel.run(3, 30, (t, worker) -> {
              if (t == bad) {
                // fail only once another thread waits for this task (some thread is free to take one)
                assertTrue(waiting.await(5, TimeUnit.SECONDS), "no later task started");
                throw boom;
              }
              if (t > bad) {
                waiting.countDown();
                try {
                  never.await(); // waits for the failed task: only the cancelling interrupt ends it
                } catch (InterruptedException e) {
                  cancelled.incrementAndGet();
                  throw e;
                }
              }
            }));
        assertSame(boom, thrown);
        assertTrue(cancelled.get() >= 1, "the waiting tasks were interrupted");
        assertFalse(Thread.interrupted(), "the call's own interrupts do not stay on the caller");
      }
      Error error = new AssertionError("an error");
      assertSame(error, assertThrows(AssertionError.class, () -> Parallel.run(2, 4, (t, worker) -> {
        throw error;
      })));
      // the workers that were interrupted serve later calls without a pending interrupt
      AtomicBoolean interrupted = new AtomicBoolean();
      for (int rep = 0; rep < 20; rep++) {
        Parallel.run(3, 30, (t, worker) -> {
          if (Thread.currentThread().isInterrupted()) {
            interrupted.set(true);
          }
        });
      }
      assertFalse(interrupted.get(), "an interrupt leaked into a later call");
    });
  }

  @Test
  void anInterruptedCallerStopsWithIllegalStateExceptionAndKeepsItsStatus() {
    Thread.currentThread().interrupt();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Parallel.run(2, 50, (t, worker) -> { }));
    assertEquals(Parallel.INTERRUPTED, e.getMessage());
    assertTrue(Thread.interrupted(), "the caller's interrupt status is kept");
    // one worker: the same contract, for blocking tasks and for tasks that never look at the interrupt
    Thread.currentThread().interrupt();
    assertThrows(IllegalStateException.class, () -> Parallel.run(1, 3, (t, worker) -> Thread.sleep(1)));
    assertTrue(Thread.interrupted());
    Thread.currentThread().interrupt();
    AtomicInteger ran = new AtomicInteger();
    e = assertThrows(IllegalStateException.class, () -> Parallel.run(1, 3, (t, worker) -> ran.incrementAndGet()));
    assertEquals(Parallel.INTERRUPTED, e.getMessage());
    assertEquals(0, ran.get(), "no task starts once the caller is interrupted");
    assertTrue(Thread.interrupted());
  }

  /** Runs {@code body} as the caller of a call on a thread of its own; returns what it threw (or null). */
  private static Thread callerThread(Parallel.Body body, int tasks, AtomicReference<Throwable> thrown,
      AtomicBoolean interruptedAfter) {
    return new Thread(() -> {
      try {
        Parallel.run(2, tasks, body);
      } catch (Throwable e) {
        thrown.set(e);
      }
      interruptedAfter.set(Thread.interrupted());
    }, "parallel-test-caller");
  }

  /**
   * An interrupt of the caller while it runs a task (a blocking one, which ends with InterruptedException and
   * clears the status): the call fails with IllegalStateException caused by it, and the caller's status is set
   * again before the call returns.
   */
  @Test
  void anInterruptWhileTheCallerIsInATaskEndsTheCallAndKeepsItsStatus() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      CountDownLatch inTask = new CountDownLatch(1);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicBoolean interruptedAfter = new AtomicBoolean();
      Thread[] caller = new Thread[1];
      caller[0] = callerThread((t, worker) -> {
        if (Thread.currentThread() == caller[0]) {
          inTask.countDown();
          Thread.sleep(60_000); // ended by the interrupt
        } else {
          inTask.await(); // the other task: returns once the caller is inside its own
        }
      }, 2, thrown, interruptedAfter);
      caller[0].start();
      inTask.await();
      caller[0].interrupt();
      caller[0].join();
      assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
      assertTrue(thrown.get().getCause() instanceof InterruptedException, String.valueOf(thrown.get().getCause()));
      assertTrue(interruptedAfter.get(), "the caller's own interrupt is kept");
    });
  }

  /**
   * A task of another thread fails while the caller runs a task that does not block (so it does not clear the
   * interrupt that cancels it): the failure reaches the caller as is, and the cancelling interrupt is cleared from
   * the caller before the call returns.
   */
  @Test
  void theCancellingInterruptOfABusyCallerIsCleared() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      CountDownLatch inTask = new CountDownLatch(1);
      RuntimeException boom = new IllegalArgumentException("boom");
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicBoolean interruptedAfter = new AtomicBoolean();
      AtomicBoolean sawInterrupt = new AtomicBoolean();
      Thread[] caller = new Thread[1];
      caller[0] = callerThread((t, worker) -> {
        if (Thread.currentThread() == caller[0]) {
          inTask.countDown();
          while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait(); // busy until cancelled; returns normally, the status left set
          }
          sawInterrupt.set(true);
        } else {
          inTask.await();
          throw boom;
        }
      }, 2, thrown, interruptedAfter);
      caller[0].start();
      caller[0].join();
      assertSame(boom, thrown.get());
      assertTrue(sawInterrupt.get(), "the caller's task was cancelled by an interrupt");
      assertFalse(interruptedAfter.get(), "the call's own interrupt does not stay on the caller");
    });
  }

  @Test
  void silhouetteKernelTasksThatWaitForEarlierOnesGiveTheOneThreadValues() {
    Rng rng = new Rng(17);
    int n = 3000;
    int d = 3;
    int k = 4;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    int[] rows = new int[n];
    int[] cl = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
      cl[i] = rng.nextInt(k);
    }
    double[] xCopy = x.clone();
    // symmetric mode: per cluster, tasks add into the shared sums in stripe order, waiting for earlier
    // stripes, so the sums are added in the same order on any thread count: the one-thread values exactly
    for (Metric metric : Metric.values()) {
      double[] one = SilhouetteKernel.compute(x, d, rows, cl, k, 1, metric, false);
      for (int threads = 2; threads <= 3; threads++) {
        double[] many = SilhouetteKernel.compute(x, d, rows, cl, k, threads, metric, false);
        assertNotSame(one, many);
        assertArrayEquals(one, many, metric + ", threads " + threads);
      }
    }
    assertArrayEquals(xCopy, x);
  }
}
