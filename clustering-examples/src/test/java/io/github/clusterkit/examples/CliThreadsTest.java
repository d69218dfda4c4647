package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code segment --threads N}: the library promises the same result for any parallelism, so one thread and three
 * give the same report and the same files, byte for byte (labels, profile, model and the charts), for each
 * algorithm, on the generated customers (1,000 rows: exact silhouette) and on {@code cc_general.csv} (8,950 rows:
 * sampled silhouette, many chunks per pass). Both runs write to the same folder, emptied in between, so that the
 * report's lines naming it are compared too.
 */
class CliThreadsTest {

  @ParameterizedTest
  @ValueSource(strings = {"kmeans", "gmm", "dbscan", "hdbscan"})
  void generatedCustomersAreTheSameOnOneAndThreeThreads(String algorithm, @TempDir Path dir) throws IOException {
    assertSame(dir, "1", "3", "--algorithm", algorithm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kmeans", "gmm", "dbscan"})
  void ccGeneralIsTheSameOnOneAndThreeThreads(String algorithm, @TempDir Path dir) throws IOException {
    Path file = SharedData.file("cc_general.csv");
    assertSame(dir, "1", "3", file.toString(), "--algorithm", algorithm, "--k-max", "6");
  }

  /** Before, the k-distance curve allocated a buffer slot per thread asked for and ran out of memory. */
  @Test
  void moreThreadsThanCustomersGiveTheSameResult(@TempDir Path dir) throws IOException {
    assertSame(dir, "1", "2147483647", "--algorithm", "dbscan", "--k-max", "3");
  }

  @Test
  void badThreadCountsAreRefusedNamingTheOptionAndTheValue() {
    CliTest.assertOneLineError(CliRun.of("segment", "--threads", "0"), "error: --threads must be >= 1, got 0");
    CliTest.assertOneLineError(CliRun.of("segment", "--threads", "-1"), "error: --threads must be >= 1, got -1");
    CliTest.assertOneLineError(CliRun.of("segment", "--threads", "two"),
        "error: Invalid value for option '--threads': 'two' is not an int (see 'clusterkit segment --help')");
    CliTest.assertOneLineError(CliRun.of("segment", "--threads", "1.5"),
        "error: Invalid value for option '--threads': '1.5' is not an int");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--threads", "0"),
        "error: --threads must be >= 1, got 0");
  }

  @Test
  void helpGivesTheDefaultAndTheRange() {
    String help = CliRun.of("segment", "--help").out.replaceAll("\\s+", " ");
    assertTrue(help.contains("--threads=N threads for the k sweep"), help);
    assertTrue(help.contains("at least 1 (default: 1); the results are the same for any number"), help);
  }

  /** predict does nothing heavy (one pass over the new customers), so it has no such option. */
  @Test
  void predictHasNoThreadsOption() {
    CliTest.assertOneLineError(CliRun.of("predict", "model.json", "c.csv", "--threads=2"),
        "error: Unknown option: '--threads=2'");
  }

  /** Runs segment with {@code args} on two thread counts into the same folder; the report and files are equal. */
  private static void assertSame(Path dir, String threads, String otherThreads, String... args) throws IOException {
    Path out = dir.resolve("out");
    CliRun first = segment(out, threads, args);
    Map<String, byte[]> firstFiles = files(out);
    empty(out);
    CliRun second = segment(out, otherThreads, args);
    Map<String, byte[]> secondFiles = files(out);

    assertEquals(first.err, second.err);
    assertEquals(first.out, second.out, "the report");
    assertEquals(List.of("k-distance.png", "k-distance.svg", "k-selection.png", "k-selection.svg", "labels.csv",
        "model.json", "profile.csv", "segments-pca.png", "segments-pca.svg"), new ArrayList<>(firstFiles.keySet()));
    assertEquals(firstFiles.keySet(), secondFiles.keySet());
    for (String name : firstFiles.keySet()) {
      assertArrayEquals(firstFiles.get(name), secondFiles.get(name), name);
    }
    assertTrue(new String(firstFiles.get("model.json"), StandardCharsets.UTF_8).contains("\"model\""),
        "model.json holds the fitted model");
  }

  private static CliRun segment(Path out, String threads, String... args) {
    List<String> a = new ArrayList<>(List.of("segment"));
    a.addAll(List.of(args));
    a.addAll(List.of("--out", out.toString(), "--threads", threads));
    CliRun r = CliRun.of(a.toArray(new String[0]));
    assertEquals(0, r.exit, r.toString());
    return r;
  }

  /** Every file of a folder by name, with its bytes. */
  static Map<String, byte[]> files(Path folder) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        m.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  /** Deletes every file of a folder (no subfolders). */
  static void empty(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.delete(p);
      }
    }
  }
}
