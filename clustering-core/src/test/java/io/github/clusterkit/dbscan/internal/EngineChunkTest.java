package io.github.clusterkit.dbscan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import org.junit.jupiter.api.Test;

/**
 * The row chunks of the DBSCAN engines cover {@code 0..n} exactly, up to the largest data set of one column
 * ({@link Dataset#MAX_VALUES} rows): the last chunk's end, computed as {@code (c + 1) * size} in {@code int}, wrapped
 * negative above {@code 2^31 - 256} rows before 2026-11-29 (found by review; not runnable here, the data alone would
 * take 16 GB). Expected values by hand: {@code rowChunk(n) = max(4096, ceil(n / 256))}.
 */
class EngineChunkTest {

  @Test
  void chunksCoverEveryRowUpToTheLargestDataSet() {
    for (int n : new int[] {1, 4096, 4097, 1_048_576, 1_048_577, Integer.MAX_VALUE - 256, Dataset.MAX_VALUES}) {
      int size = Engine.rowChunk(n);
      int chunks = ChunkRunner.chunks(n, size);
      int covered = 0;
      for (int c = 0; c < chunks; c++) {
        int start = c * size;
        int end = Engine.chunkEnd(c, size, n);
        assertEquals(covered, start, "chunk " + c + " of n = " + n + " starts where the last ended");
        assertEquals(true, end > start && end <= n, "chunk " + c + " of n = " + n + " ends at " + end);
        covered = end;
      }
      assertEquals(n, covered, "the chunks of n = " + n + " cover every row");
    }
    // the last chunk at the limit, by hand: size = ceil((2^31 - 9) / 256) = 8388608, 256 chunks, 256 * 8388608 = 2^31
    assertEquals(8_388_608, Engine.rowChunk(Dataset.MAX_VALUES));
    assertEquals(Dataset.MAX_VALUES, Engine.chunkEnd(255, 8_388_608, Dataset.MAX_VALUES));
  }
}
