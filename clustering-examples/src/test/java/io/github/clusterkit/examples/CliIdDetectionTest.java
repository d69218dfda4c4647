package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id column is detected on the cells' text, and a column named like an id that is not taken for it (an empty
 * cell, a value twice) is named in a note, as it is clustered on as a feature.
 */
class CliIdDetectionTest {

  private static Path customers(Path dir, IntFunction<String> id) throws IOException {
    StringBuilder sb = new StringBuilder("CustomerID,Spend,Visits\n");
    for (int i = 0; i < 40; i++) {
      sb.append(id.apply(i)).append(',').append(i < 20 ? 100 + i : 900 + i).append(',').append(i % 5 + 1)
          .append('\n');
    }
    Path f = dir.resolve("c.csv");
    Files.writeString(f, sb);
    return f;
  }

  private static CliRun segment(Path dir, Path f, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("segment", f.toString(), "--k", "2", "--out",
        dir.resolve("seg").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  void eighteenDigitIdsAreDistinctAsText(@TempDir Path dir) throws IOException {
    // as doubles, 100000000000000001 and 100000000000000002 are one number: the ids were clustered on
    Path f = customers(dir, i -> Long.toString(100000000000000001L + i));
    CliRun r = segment(dir, f);
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err, r.toString());
    List<String> labels = Files.readAllLines(dir.resolve("seg/labels.csv"));
    assertTrue(labels.get(0).startsWith("CustomerID,"), labels.get(0));
    assertTrue(labels.get(1).startsWith("100000000000000001,"), labels.get(1));
    assertTrue(labels.get(40).startsWith("100000000000000040,"), labels.get(40));
    String profile = Files.readString(dir.resolve("seg/profile.csv"));
    assertFalse(profile.contains("CustomerID"), profile);
  }

  @Test
  void anIdColumnWithAnEmptyCellIsNamedInANote(@TempDir Path dir) throws IOException {
    CliRun r = segment(dir, customers(dir, i -> i == 4 ? "" : "C" + i));
    assertEquals(0, r.exit, r.toString());
    String[] err = r.err.split("\n");
    assertEquals(1, err.length, r.err);
    assertTrue(err[0].startsWith("note: column 'CustomerID' is used as a feature, not as the customer id: 1 cell is"
        + " empty (the first in row 5)"), r.err);
    assertTrue(err[0].contains("--id-column"), r.err);
  }

  @Test
  void anIdColumnWithARepeatedIdIsNamedInANote(@TempDir Path dir) throws IOException {
    // digits: read as numbers, judged on their text
    CliRun r = segment(dir, customers(dir, i -> i == 9 ? "0003" : String.format("%04d", i + 1)));
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.err.startsWith("note: column 'CustomerID' is used as a feature, not as the customer id: rows 3 and"
        + " 10 both hold '0003'"), r.err);
    assertEquals(1, r.err.split("\n").length, r.err);
    // not a feature with --columns: no note
    CliRun c = segment(dir, customers(dir, i -> i == 9 ? "0003" : String.format("%04d", i + 1)), "--columns",
        "Spend,Visits");
    assertEquals(0, c.exit, c.toString());
    assertEquals("", c.err, c.toString());
  }

  @Test
  void idsThatDifferOnlyAsTextAreDistinct(@TempDir Path dir) throws IOException {
    // "7" and "07" are two customers' ids as written
    CliRun r = segment(dir, customers(dir, i -> i == 39 ? "07" : Integer.toString(i)));
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err, r.toString());
    List<String> labels = Files.readAllLines(dir.resolve("seg/labels.csv"));
    assertTrue(labels.get(40).startsWith("07,"), labels.get(40));
  }
}
