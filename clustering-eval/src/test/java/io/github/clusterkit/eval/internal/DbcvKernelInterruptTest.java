package io.github.clusterkit.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each of DBCV's three quadratic phases (core distances, spanning trees, separation) polls the interrupt on its own,
 * so that an interrupt arriving during any of them stops the evaluation there ({@link DbcvKernel#validity}'s
 * {@code @throws}); {@code DbcvTest.interruptStopsIt} sets the interrupt before the first phase only, which any one of
 * the checks catches.
 */
class DbcvKernelInterruptTest {

  // two clusters of two rows on a line: 0, 1 | 10, 11
  private static final double[] P = {0, 1, 10, 11};
  private static final int[] START = {0, 2, 4};

  @Test
  void coreDistancesStopOnAnInterrupt() {
    assertInterrupted(() -> DbcvKernel.coreDistances(P, 1, 0, 2, new double[4]));
  }

  @Test
  void spanningTreeStopsOnAnInterrupt() {
    double[] core = {1, 1, 1, 1};
    assertInterrupted(() -> new DbcvKernel.Tree(2).sparseness(P, 1, core, 0, 2, new boolean[4]));
  }

  @Test
  void separationStopsOnAnInterrupt() {
    double[] core = {1, 1, 1, 1};
    boolean[] internal = {true, true, true, true};
    assertInterrupted(() -> DbcvKernel.separation(P, 1, core, START, internal));
  }

  @Test
  void withoutAnInterruptThePhasesComplete() {
    double[] core = new double[4];
    DbcvKernel.coreDistances(P, 1, 0, 2, core);
    DbcvKernel.coreDistances(P, 1, 2, 4, core);
    assertEquals(1.0, core[0], 0.0); // the one other row at distance 1: (1^-1 / 1)^-1
    boolean[] internal = new boolean[4];
    assertEquals(1.0, new DbcvKernel.Tree(2).sparseness(P, 1, core, 0, 2, internal), 0.0);
    assertEquals(9.0, DbcvKernel.separation(P, 1, core, START, new boolean[] {true, true, true, true})[0], 0.0);
  }

  private static void assertInterrupted(Executable call) {
    Thread.currentThread().interrupt();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, call);
      assertEquals(Parallel.INTERRUPTED, e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
    } finally {
      Thread.interrupted();
    }
  }
}
