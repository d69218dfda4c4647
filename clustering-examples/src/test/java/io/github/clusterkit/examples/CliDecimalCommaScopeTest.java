package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decimal comma of a semicolon file is decided on the columns that are used: before, a column left out with
 * --columns (or the id, or a column the model does not read) that held a number with a decimal point kept the
 * used columns' 10,5 as text, without a word (segment one-hot encoded them as categories). A used column that does
 * so is named in a note.
 */
class CliDecimalCommaScopeTest {

  /** income and spend in decimal commas; version in decimal points. */
  private static Path file(Path dir, String idValues) throws IOException {
    StringBuilder sb = new StringBuilder("id;income;spend;version\n");
    for (int i = 0; i < 12; i++) {
      sb.append(idValues.isEmpty() ? Integer.toString(i + 1) : (i + 1) + idValues).append(';').append(10 + i)
          .append(',').append(i % 10).append(';').append((i * 7) % 13).append(",5;").append(i % 4).append(".5\n");
    }
    Path f = dir.resolve("eu" + idValues.length() + ".csv");
    Files.writeString(f, sb);
    return f;
  }

  @Test
  void aColumnLeftOutDoesNotDecideTheDecimalComma(@TempDir Path dir) throws IOException {
    Path f = file(dir, "");
    CliRun r = CliRun.of("segment", f.toString(), "--columns", "income,spend", "--k", "2", "--out",
        dir.resolve("o").toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err, r.toString());
    assertTrue(r.out.contains("model input: 2 columns (numbers"), r.out); // not 24 one-hot categories
    assertTrue(r.out.contains("\n  Income         15.9 "), r.out); // (10.0 + 11.1 + ... + 21.1) / 12
    // the unused column is still read as written, with its decimal points
    assertEquals(1.5, Cli.readCustomers(f, null, java.util.List.of("income", "spend")).numeric("version")[1]);
  }

  @Test
  void anIdWithDecimalPointsDoesNotDecideIt(@TempDir Path dir) throws IOException {
    Path f = file(dir, ".5"); // ids 1.5, 2.5, ...: detected as the id, not segmented
    CliRun r = CliRun.of("segment", f.toString(), "--columns", "income,spend", "--k", "2", "--out",
        dir.resolve("o").toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("(customer id: id)") && r.out.contains("model input: 2 columns (numbers"), r.out);
  }

  @Test
  void aUsedColumnThatPreventsItIsNamed(@TempDir Path dir) throws IOException {
    Path f = file(dir, "");
    CliRun r = CliRun.of("segment", f.toString(), "--k", "2", "--out", dir.resolve("o").toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("note: " + f + ": column 'version' holds numbers with a decimal point (such as '0.5' in row 1), so"
        + " the decimal commas of columns 'income', 'spend' (such as '10,0' in row 1) are not read and they stay"
        + " text; write the file's numbers with one decimal separator\n", r.err, r.toString());
    r = CliRun.of("segment", f.toString(), "--columns", "income,version", "--k", "2", "--out",
        dir.resolve("o2").toString());
    assertTrue(r.err.startsWith("note: " + f + ": column 'version' holds numbers with a decimal point"), r.err);
    assertTrue(r.err.contains("the decimal commas of column 'income' (such as '10,0' in row 1) are not read and it"
        + " stays text"), r.err);
  }

  @Test
  void predictDecidesOnTheColumnsTheModelReads(@TempDir Path dir) throws IOException {
    Path f = file(dir, "");
    Path out = dir.resolve("o");
    assertEquals(0, CliRun.of("segment", f.toString(), "--columns", "income,spend", "--k", "2", "--out",
        out.toString()).exit);
    CliRun p = CliRun.of("predict", out.resolve("model.json").toString(), f.toString());
    assertEquals(0, p.exit, p.toString());
    assertEquals("", p.err, p.toString());
    assertEquals(13, p.out.split("\n").length, p.out);
  }
}
