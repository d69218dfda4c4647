package io.github.clusterkit.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link PerThread}: one value per thread, made once, never handed to another thread (its lock-free fast path
 * included).
 */
class PerThreadTest {

  @Test
  void eachThreadKeepsItsOwnValue() throws Exception {
    AtomicInteger made = new AtomicInteger();
    PerThread<int[]> p = new PerThread<>(() -> new int[] {made.incrementAndGet()});
    int[] mine = p.get();
    assertSame(mine, p.get(), "the same thread gets the same value");
    int threads = 4;
    int rounds = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] = new Thread(() -> {
        try {
          start.await();
          int[] own = p.get();
          for (int r = 0; r < rounds; r++) {
            // Interleaved with the other threads' calls: the last caller's entry keeps changing hands.
            if (p.get() != own) {
              throw new AssertionError("another thread's value");
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      ts[t].start();
    }
    start.countDown();
    for (Thread t : ts) {
      t.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertEquals(1 + threads, made.get(), "one value per thread");
    assertSame(mine, p.get(), "the first thread's value is still its own");
  }
}
