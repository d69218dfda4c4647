package io.github.clusterkit.dbscan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.internal.ChunkRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  /**
   * The fixed chunk sizes of the other loops (TreeDbscan's 512 rows, the grid's 256 cells, KdDbscan's 32 leaves and 16
   * nodes) also cover {@code 0..n} up to {@link Dataset#MAX_VALUES}; by hand, the last chunk of 512 at that limit
   * starts at {@code 4194303 * 512 = 2147483136}, and {@code 4194304 * 512 = 2^31} wrapped to {@code -2^31} in int.
   */
  @Test
  void fixedChunkSizesCoverEveryRowUpToTheLargestDataSet() {
    for (int size : new int[] {16, 32, 256, 512}) {
      for (int n : new int[] {1, size, size + 1, Integer.MAX_VALUE - size, Dataset.MAX_VALUES}) {
        int chunks = ChunkRunner.chunks(n, size);
        int last = chunks - 1;
        assertEquals(true, (long) last * size < n && (long) chunks * size >= n, "n = " + n + ", size " + size);
        assertEquals(n, Engine.chunkEnd(last, size, n), "the last chunk of " + size + " ends at n = " + n);
        assertEquals(Math.min(n, size), Engine.chunkEnd(0, size, n), "the first chunk of " + size + ", n = " + n);
      }
    }
    assertEquals(2_147_483_136, 4_194_303 * 512);
    assertEquals(Integer.MIN_VALUE, 4_194_304 * 512); // the old end of TreeDbscan's last chunk at MAX_VALUES rows
    assertEquals(Dataset.MAX_VALUES, Engine.chunkEnd(4_194_303, 512, Dataset.MAX_VALUES));
  }

  /**
   * No engine forms a chunk's end as {@code (c + 1) * size} in int any more (the overflow above is not runnable here:
   * the data alone would take 16 GB). The review of 2026-11-29 found four such loops left after Engine.chunkEnd was
   * introduced (TreeDbscan's rows, the grid's cells, KdDbscan's union-find flattening by {@link Engine#rowChunk});
   * this test fails on any of them. Reads the package's sources from the module folder (Surefire's working folder).
   */
  @Test
  void everyChunkedLoopOfTheEnginesEndsByChunkEnd() throws IOException {
    Path dir = Path.of("src/main/java/io/github/clusterkit/dbscan/internal");
    assertTrue(Files.isRegularFile(dir.resolve("Engine.java")), "no sources from " + Path.of("").toAbsolutePath());
    Pattern intProduct = Pattern.compile("\\(\\s*\\w+\\s*\\+\\s*1\\s*\\)\\s*\\*");
    List<String> found = new ArrayList<>();
    int files = 0;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : (Iterable<Path>) list.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
        files++;
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (intProduct.matcher(lines.get(i)).find()) {
            found.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertTrue(files >= 5, "read " + files + " files");
    assertEquals(List.of(), found, "chunk ends formed in int; use Engine.chunkEnd");
  }
}
