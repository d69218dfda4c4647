package io.github.clusterkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The runner keeps its contract (every chunk once, writes visible, failures reported) over many short passes
 * in a row; runners open at the same time never share a worker; a closed runner's workers are reused, end
 * after the keep-alive and keep nothing of the runner's passes alive.
 */
class ChunkRunnerTest {

  @Test
  void everyChunkRunsOnceInEveryPassAndItsWritesAreVisible() {
    for (int p = 1; p <= 3; p++) {
      try (ChunkRunner runner = new ChunkRunner(p)) {
        assertEquals(p, runner.parallelism());
        for (int pass = 0; pass < 2000; pass++) {
          int chunks = pass % 7;
          AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
          int[] plain = new int[Math.max(1, chunks)];
          int[] worker = new int[Math.max(1, chunks)];
          final int value = pass;
          runner.run(chunks, (c, w) -> {
            runs.incrementAndGet(c);
            plain[c] = value + c;
            worker[c] = w;
          });
          for (int c = 0; c < chunks; c++) {
            assertEquals(1, runs.get(c), "pass " + pass + " chunk " + c);
            assertEquals(pass + c, plain[c]);
            assertTrue(worker[c] >= 0 && worker[c] < p);
          }
        }
      }
    }
  }

  @Test
  void chunksCoverTheItemsWithoutOverflow() {
    assertEquals(4, ChunkRunner.chunks(10, 3));
    assertEquals(3, ChunkRunner.chunks(9, 3));
    assertEquals(1, ChunkRunner.chunks(1, 5));
    assertEquals(0, ChunkRunner.chunks(0, 5));
    // (2^31 - 1 + 2^20 - 1) / 2^20 = 2048, computed in long arithmetic
    assertEquals(2048, ChunkRunner.chunks(Integer.MAX_VALUE, 1 << 20));
  }

  /** Waits about {@code nanos} without being interruptible. */
  private static void pause(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
    }
  }

  /**
   * A pass of two chunks: chunk 0 (the caller's part) waits until a worker has started chunk 1, which then takes
   * 30 ms, far longer than the caller spins before it parks, and ends with {@code last} (should the worker not start
   * within a second, the caller runs chunk 1 itself and the pass proves less, not wrongly).
   */
  private static void slowWorkerPass(ChunkRunner runner, int[] out, Runnable last) {
    CountDownLatch started = new CountDownLatch(1);
    runner.run(2, (c, w) -> {
      if (c == 1) {
        started.countDown();
        if (w != 0) {
          pause(30_000_000);
        }
        out[1] = 1;
        last.run();
      } else {
        long end = System.nanoTime() + 1_000_000_000L;
        while (started.getCount() > 0 && System.nanoTime() < end) {
          Thread.onSpinWait();
        }
        out[0] = 1;
      }
    });
  }

  @Test
  void aPassWaitsForAChunkStillRunningOnAWorkerAndKeepsTheCallersInterrupt() {
    // run() must return only after chunk 1's write, the worker waking the parked caller; the caller's interrupt
    // status is what it was (set on even passes, clear on odd ones), whatever the wait did with it.
    try (ChunkRunner runner = new ChunkRunner(2)) {
      for (int pass = 0; pass < 4; pass++) {
        int[] out = new int[2];
        boolean interrupt = pass % 2 == 0;
        if (interrupt) {
          Thread.currentThread().interrupt();
        }
        slowWorkerPass(runner, out, () -> { });
        assertEquals(interrupt, Thread.interrupted(), "pass " + pass + ": the caller's interrupt status");
        assertEquals(1, out[0]);
        assertEquals(1, out[1], "run() returned before the worker's chunk was done");
      }
    }
  }

  @Test
  void aWorkersFailureWakesTheParkedCallerAndReachesIt() {
    try (ChunkRunner runner = new ChunkRunner(2)) {
      for (int pass = 0; pass < 2; pass++) {
        int[] out = new int[2];
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> slowWorkerPass(runner, out, () -> {
              throw new IllegalStateException("chunk 1 failed");
            }));
        assertEquals("chunk 1 failed", e.getMessage());
      }
    }
  }

  @Test
  void afterAFailureTheRemainingChunksDoNotStart() {
    // The first chunk fails at once; the others (0.1 ms each) are never handed out after that, so far fewer than
    // all 1000 run. (Only chunks a worker had started before the failure may run.)
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    try (ChunkRunner runner = new ChunkRunner(2)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> runner.run(1000, (c, w) -> {
        ran.incrementAndGet();
        if (c == 0) {
          throw new IllegalStateException("boom");
        }
        pause(100_000);
      }));
      assertEquals("boom", e.getMessage());
    }
    assertTrue(ran.get() < 1000, "chunks run: " + ran.get());
  }

  @Test
  void aParallelismAboveTheCapRunsOnTheCapsThreads() {
    // Callers size per-slot arrays by parallelism(): a runner given Integer.MAX_VALUE must not report it.
    try (ChunkRunner runner = new ChunkRunner(Integer.MAX_VALUE)) {
      assertEquals(ChunkRunner.MAX_PARALLELISM, runner.parallelism());
      java.util.concurrent.atomic.AtomicIntegerArray slots = new java.util.concurrent.atomic.AtomicIntegerArray(1);
      runner.run(1000, (c, w) -> {
        if (w >= ChunkRunner.MAX_PARALLELISM) {
          slots.incrementAndGet(0);
        }
      });
      assertEquals(0, slots.get(0), "slots at or above the cap");
      assertTrue(runner.claimed() <= ChunkRunner.MAX_PARALLELISM - 1, "workers: " + runner.claimed());
    }
    try (ChunkRunner runner = new ChunkRunner(7)) {
      assertEquals(7, runner.parallelism());
    }
  }

  @Test
  void workersAreDaemonThreads() {
    // Documented: a worker never keeps the JVM alive.
    // More workers than the cache holds, so that at least one thread is started here (unless earlier tests left the
    // cache at the runners' cap: then every worker checked below was started by them, as daemons all the same).
    int p = Math.min(ChunkRunner.idleWorkers() + 2, ChunkRunner.MAX_PARALLELISM);
    try (ChunkRunner runner = new ChunkRunner(p)) {
      runner.run(p, (c, w) -> pause(1_000_000));
      assertEquals(p - 1, runner.claimed());
    }
    List<Thread> workers = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("clusterkit-worker-")) {
        workers.add(t);
      }
    }
    assertFalse(workers.isEmpty());
    for (Thread t : workers) {
      assertTrue(t.isDaemon(), t.getName());
    }
  }

  @Test
  void passesAfterAPauseStillRun() throws InterruptedException {
    try (ChunkRunner runner = new ChunkRunner(2)) {
      for (int pass = 0; pass < 3; pass++) {
        Thread.sleep(2 * ChunkRunner.PARK_AFTER_NANOS / 1_000_000 + 5); // the worker has parked
        int[] out = new int[64];
        runner.run(64, c -> out[c] = c + 1);
        for (int c = 0; c < 64; c++) {
          assertEquals(c + 1, out[c]);
        }
      }
    }
  }

  @Test
  void aFailureOnAnyThreadReachesTheCallerAndTheRunnerStaysUsable() {
    try (ChunkRunner runner = new ChunkRunner(2)) {
      for (int bad = 0; bad < 50; bad++) {
        final int failing = bad;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(50, c -> {
          if (c == failing) {
            throw new IllegalStateException("chunk " + c);
          }
        }));
        assertEquals("chunk " + failing, e.getMessage());
        int[] out = new int[10];
        runner.run(10, c -> out[c] = 1);
        for (int c = 0; c < 10; c++) {
          assertEquals(1, out[c]);
        }
      }
      Error err = new AssertionError("boom");
      assertSame(err, assertThrows(AssertionError.class, () -> runner.run(8, c -> {
        if (c == 7) {
          throw err;
        }
      })));
    }
  }

  /**
   * Runs one pass of {@code p} chunks in which every chunk waits until all {@code p} have started, so each
   * runs on its own thread (the caller's part first, each worker's own part next: a thread blocked in its
   * chunk cannot take another); returns those threads, indexed by worker slot.
   */
  private static Thread[] everyThreadOnce(ChunkRunner runner) {
    return everyThreadOnce(runner, false);
  }

  /** As {@link #everyThreadOnce(ChunkRunner)}; with {@code interrupt}, each worker then interrupts itself. */
  private static Thread[] everyThreadOnce(ChunkRunner runner, boolean interrupt) {
    int p = runner.parallelism();
    CountDownLatch all = new CountDownLatch(p);
    Thread[] seen = new Thread[p];
    runner.run(p, (c, w) -> {
      seen[w] = Thread.currentThread();
      all.countDown();
      try {
        assertTrue(all.await(30, TimeUnit.SECONDS), "all threads of the runner join the pass");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (interrupt && w > 0) {
        Thread.currentThread().interrupt();
      }
    });
    return seen;
  }

  @Test
  void runnersOpenAtTheSameTimeNeverShareAWorker() throws Exception {
    int callers = 4;
    int p = 3;
    CyclicBarrier open = new CyclicBarrier(callers);
    List<Set<Thread>> used = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      Set<Thread> mine = ConcurrentHashMap.newKeySet();
      used.add(mine);
      Thread caller = new Thread(() -> {
        try (ChunkRunner runner = new ChunkRunner(p)) {
          open.await(30, TimeUnit.SECONDS); // every runner has claimed its workers
          for (Thread th : everyThreadOnce(runner)) {
            mine.add(th);
          }
          long[] sums = new long[64];
          for (int pass = 0; pass < 300; pass++) {
            runner.run(64, c -> {
              mine.add(Thread.currentThread());
              sums[c] += c;
            });
          }
          for (int c = 0; c < 64; c++) {
            assertEquals(300L * c, sums[c]);
          }
          open.await(30, TimeUnit.SECONDS); // no runner closes before all have run
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      threads.add(caller);
      caller.start();
    }
    for (Thread t : threads) {
      t.join(60_000);
      assertFalse(t.isAlive());
    }
    assertNull(failure.get());
    Set<Thread> union = new HashSet<>();
    for (int t = 0; t < callers; t++) {
      Set<Thread> mine = used.get(t);
      assertEquals(p, mine.size(), "caller " + t + " ran on its own thread and its " + (p - 1) + " workers");
      assertTrue(mine.contains(threads.get(t)));
      for (Thread th : mine) {
        assertTrue(union.add(th), th.getName() + " served two open runners");
      }
    }
  }

  @Test
  void aRunnerClaimsOnlyTheWorkersItsPassesCanUse() {
    // a pass of c chunks runs on min(parallelism, c) threads: a runner of parallelism 500 over a few chunks holds no
    // more workers than those (before, the constructor claimed 499 at once)
    try (ChunkRunner runner = new ChunkRunner(500)) {
      assertEquals(0, runner.claimed());
      runner.run(1, c -> { });
      assertEquals(0, runner.claimed(), "one chunk runs on the caller");
      Set<Thread> seen = ConcurrentHashMap.newKeySet();
      long[] sums = new long[6];
      for (int pass = 0; pass < 50; pass++) {
        runner.run(6, c -> {
          seen.add(Thread.currentThread());
          sums[c] += c;
        });
      }
      assertEquals(5, runner.claimed());
      assertTrue(seen.size() <= 6, "at most the caller and its 5 workers ran chunks, saw " + seen.size());
      for (int c = 0; c < 6; c++) {
        assertEquals(50L * c, sums[c]);
      }
      runner.run(3, c -> { });
      assertEquals(5, runner.claimed(), "workers are kept for the runner's life");
      // a later pass with more chunks claims the missing workers, and every chunk still runs once
      long[] more = new long[9];
      runner.run(9, c -> more[c] += c + 1);
      assertEquals(8, runner.claimed());
      for (int c = 0; c < 9; c++) {
        assertEquals(c + 1, more[c]);
      }
    }
  }

  @Test
  void aClosedRunnersWorkerServesTheNextRunner() {
    Thread first;
    try (ChunkRunner runner = new ChunkRunner(2)) {
      first = everyThreadOnce(runner)[1];
    }
    assertTrue(ChunkRunner.idleWorkers() >= 1);
    try (ChunkRunner runner = new ChunkRunner(2)) {
      Thread[] seen = everyThreadOnce(runner);
      assertSame(first, seen[1], "the worker returned last is claimed first");
      assertNotSame(Thread.currentThread(), seen[1]);
      assertTrue(seen[1].isDaemon());
    }
  }

  @Test
  void aClosedRunnerFailsClearly() {
    ChunkRunner runner = new ChunkRunner(2);
    runner.run(4, c -> { });
    runner.close();
    runner.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(4, c -> { }));
    assertEquals("runner closed", e.getMessage());
  }

  /** Runs passes whose body holds a large array; returns a weak reference to it and the worker. */
  private static WeakReference<double[]> passesOverAnArray(Thread[] worker) {
    double[] big = new double[1 << 20];
    try (ChunkRunner runner = new ChunkRunner(2)) {
      for (int pass = 0; pass < 20; pass++) {
        runner.run(16, c -> big[c] += 1);
      }
      worker[0] = everyThreadOnce(runner)[1];
      runner.run(16, c -> big[c] += 1); // the last pass's body holds the array
    }
    return new WeakReference<>(big);
  }

  @Test
  void anIdleWorkerKeepsNothingOfItsLastRunnerAlive() throws InterruptedException {
    Thread[] worker = new Thread[1];
    WeakReference<double[]> ref = passesOverAnArray(worker);
    for (int i = 0; i < 100 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get(), "the array of a finished runner is collectable");
    assertTrue(worker[0].isAlive(), "while its worker waits in the cache");
  }

  @Test
  void anIdleWorkerEndsAfterTheKeepAlive() throws InterruptedException {
    Thread worker;
    try (ChunkRunner runner = new ChunkRunner(2)) {
      worker = everyThreadOnce(runner)[1];
    }
    worker.join(10 * ChunkRunner.KEEP_ALIVE_NANOS / 1_000_000);
    assertFalse(worker.isAlive(), "an idle worker ends after the keep-alive");
  }

  @Test
  void aChunkThatInterruptsItsThreadLeavesTheWorkerUsable() {
    Thread worker;
    try (ChunkRunner runner = new ChunkRunner(2)) {
      worker = everyThreadOnce(runner, true)[1];
      int[] out = new int[32];
      runner.run(32, c -> out[c] = c);
      for (int c = 0; c < 32; c++) {
        assertEquals(c, out[c]);
      }
    }
    try (ChunkRunner runner = new ChunkRunner(2)) {
      Thread[] seen = everyThreadOnce(runner);
      assertSame(worker, seen[1]);
      assertFalse(seen[1].isInterrupted(), "a worker starts each runner with its interrupt status clear");
    }
  }
}
