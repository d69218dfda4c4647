package io.github.clusterkit.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.neighbors.Metric;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Thread count and path independence on data large enough for many row chunks (4096 rows each), several radix
 * passes and many cell chunks, which the small properties of {@link DbscanPropertiesTest} do not reach; and
 * the sort on keys wider than 31 bits (more than 2^31 grid cells in the bounding box); fits running at the same
 * time on several caller threads (each with its own workers from the library's cache).
 */
class DbscanParallelTest {

  @Property(tries = 6, edgeCases = EdgeCasesMode.NONE)
  void manyChunksGiveTheSameResultOnAnyThreadCountAndPath(@ForAll long seed,
      @ForAll @IntRange(min = 9000, max = 30000) int n, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 2, max = 12) int minPts, @ForAll boolean star) {
    double[][] x = DbscanPropertiesTest.data(seed, n, d);
    Dataset data = Dataset.of(x);
    Metric metric = DbscanPropertiesTest.metric(seed);
    Dbscan config = Dbscan.eps(DbscanPropertiesTest.eps(seed, x) * 0.3).minPts(minPts).metric(metric)
        .borderPointsAsNoise(star);
    DbscanModel one = config.fit(data);
    assertEquals(Dbscan.Search.GRID, one.search());
    for (int threads = 2; threads <= 3; threads++) {
      DbscanModel many = config.parallelism(threads).fit(data);
      assertArrayEquals(one.labels(), many.labels(), threads + " threads");
      assertArrayEquals(one.coreMask(), many.coreMask(), threads + " threads");
      assertEquals(one.state(), many.state(), threads + " threads");
    }
    // the KD-tree path defines the same labels (DbscanPropertiesTest checks both against brute force)
    DbscanModel tree = config.search(Dbscan.Search.KD_TREE).parallelism(2).fit(data);
    assertArrayEquals(one.labels(), tree.labels(), "KD-tree");
  }

  @Test
  void keysWiderThan31BitsSortCorrectly() {
    // groups of points far apart: about 1.4e7 cells per axis, 2e14 in the bounding box, so the grid runs on
    // long keys (the per-axis limit is 2^24)
    Rng rng = new Rng(5);
    int n = 12000;
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      int g = rng.nextInt(6);
      x[i][0] = g * 20000.0 + rng.nextGaussian() * 0.05;
      x[i][1] = (g % 3) * 50000.0 + rng.nextGaussian() * 0.05;
    }
    x[0][0] = 0;
    x[0][1] = 0;
    x[1][0] = 100000;
    x[1][1] = 100000;
    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(0.01).minPts(5);
    DbscanModel grid = config.fit(data);
    assertEquals(Dbscan.Search.GRID, grid.search());
    DbscanModel tree = config.search(Dbscan.Search.KD_TREE).fit(data);
    assertArrayEquals(tree.labels(), grid.labels());
    assertArrayEquals(tree.coreMask(), grid.coreMask());
    assertArrayEquals(grid.labels(), config.parallelism(2).fit(data).labels());
  }

  @Test
  void concurrentFitsFromSeveralThreadsGiveTheSameResult() throws Exception {
    double[][] x = DbscanPropertiesTest.data(11, 20000, 2);
    Dataset data = Dataset.of(x);
    Dbscan config = Dbscan.eps(DbscanPropertiesTest.eps(11, x) * 0.3).minPts(6);
    DbscanModel one = config.fit(data);
    int callers = 4;
    CyclicBarrier start = new CyclicBarrier(callers);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      int threadsPerFit = 1 + t % 3;
      Thread caller = new Thread(() -> {
        try {
          start.await(30, TimeUnit.SECONDS);
          for (int rep = 0; rep < 6; rep++) {
            DbscanModel m = config.parallelism(threadsPerFit).fit(data);
            assertArrayEquals(one.labels(), m.labels());
            assertArrayEquals(one.coreMask(), m.coreMask());
            assertEquals(one.state(), m.state());
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      threads.add(caller);
      caller.start();
    }
    for (Thread t : threads) {
      t.join(120_000);
    }
    if (failure.get() != null) {
      throw new AssertionError("a concurrent fit differed or failed", failure.get());
    }
  }
}
