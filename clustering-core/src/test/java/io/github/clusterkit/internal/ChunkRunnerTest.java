package io.github.clusterkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The runner keeps its contract (every chunk once, writes visible, failures reported) over many short passes
 * in a row.
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
}
