package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors in the user's terms, not the library's: a file with no data rows or no usable column names the file
 * (before: "a Dataset needs at least one", "drop would remove every column"), more segments than different
 * customers names --k (before, for gmm: "use init(GmmInit.RANDOM)"; see also segment.MixtureMessageTest), and a
 * model file cut short says so without Jackson's location dump.
 */
class CliFileTermsTest {

  private static void assertNoLibraryWords(CliRun r) {
    for (String w : new String[] {"Dataset", "Imputer", "drop would", "GmmInit", "Source:", "REDACTED", "`",
        "table needs"}) {
      assertFalse(r.err.contains(w), w + ": " + r);
    }
  }

  @Test
  void aFileWithoutDataRowsOrUsableColumnsIsNamed(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("o");
    Path header = dir.resolve("header.csv");
    Files.writeString(header, "id,a,b\n");
    CliRun r = CliRun.of("segment", header.toString(), "--out", out.toString());
    CliTest.assertOneLineError(r, "error: " + header + " has no data rows (only a header line); segmentation needs"
        + " at least 3 customers");
    assertNoLibraryWords(r);

    Path ids = dir.resolve("ids.csv");
    Files.writeString(ids, "id\n1\n2\n3\n4\n");
    r = CliRun.of("segment", ids.toString(), "--out", out.toString());
    CliTest.assertOneLineError(r, "error: " + ids + " has no column to segment: its only column, 'id', is the"
        + " customer id (detected by its name)");
    assertNoLibraryWords(r);
    r = CliRun.of("segment", ids.toString(), "--id-column", "id", "--out", out.toString());
    CliTest.assertOneLineError(r, ids + " has no column to segment: its only column, 'id', is the customer id");
    assertFalse(r.err.contains("detected"), r.toString());

    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "id,x,y\n1,,5\n2,NA,6\n3,,9\n4,,1\n");
    r = CliRun.of("segment", empty.toString(), "--out", out.toString());
    CliTest.assertOneLineError(r, "error: column 'x' of " + empty + " has no value (all 4 cells are empty or NA);"
        + " leave it out with --columns");
    assertNoLibraryWords(r);
    assertEquals(0, CliRun.of("segment", empty.toString(), "--columns", "y", "--k", "2", "--out", out.toString())
        .exit);

    r = CliRun.of("segment", empty.toString(), "--columns", "y,z", "--out", out.toString());
    CliTest.assertOneLineError(r, "error: --columns names 'z', which is no column of " + empty
        + " (its columns: id, x, y)");
    r = CliRun.of("segment", empty.toString(), "--id-column", "key", "--out", out.toString());
    CliTest.assertOneLineError(r, "error: --id-column names 'key', which is no column of " + empty);
  }

  @Test
  void predictNamesACustomerFileWithoutDataRows(@TempDir Path dir) throws IOException {
    CliRun s = CliRun.of("segment", "--k", "3", "--out", dir.toString());
    assertEquals(0, s.exit, s.toString());
    Path header = dir.resolve("new.csv");
    Files.writeString(header, "customer_id,age,annual_spending,visits_per_month,hours_online,preferred_channel\n");
    CliRun r = CliRun.of("predict", dir.resolve("model.json").toString(), header.toString());
    CliTest.assertOneLineError(r, "error: " + header + " has no data rows (only a header line): no customer to"
        + " assign");
    assertNoLibraryWords(r);
  }

  @Test
  void aMixtureWithMoreSegmentsThanDifferentCustomersNamesK(@TempDir Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 20; i++) {
      sb.append(i % 3).append(',').append(2 * (i % 3)).append('\n');
    }
    Path f = dir.resolve("three.csv");
    Files.writeString(f, sb);
    for (String alg : new String[] {"gmm", "kmeans"}) {
      CliRun r = CliRun.of("segment", f.toString(), "--algorithm", alg, "--k", "5", "--out", dir.toString());
      CliTest.assertOneLineError(r, "error: --k must be at most the number of different customers in the feature"
          + " columns (3, after preprocessing), got 5");
      assertNoLibraryWords(r);
    }
  }

  @Test
  void aModelFileCutShortSaysSoWithoutJacksonsLocationDump(@TempDir Path dir) throws IOException {
    CliRun s = CliRun.of("segment", "--k", "3", "--out", dir.toString());
    assertEquals(0, s.exit, s.toString());
    byte[] whole = Files.readAllBytes(dir.resolve("model.json"));
    Path cut = dir.resolve("cut.json");
    Path customers = dir.resolve("labels.csv"); // any CSV: the model file is refused first
    for (int n : new int[] {1, 2, 40, whole.length / 3, whole.length / 2, whole.length - 1}) {
      Files.write(cut, Arrays.copyOf(whole, n));
      CliRun r = CliRun.of("predict", cut.toString(), customers.toString());
      CliTest.assertOneLineError(r, "error: model file " + cut + " is not a complete clusterkit model file (its"
          + " text stops at line ");
      assertNoLibraryWords(r);
    }
    Files.writeString(cut, "{\"format\": x}", StandardCharsets.UTF_8);
    CliRun r = CliRun.of("predict", cut.toString(), customers.toString());
    CliTest.assertOneLineError(r, "error: model file " + cut + " is not valid JSON (line 1, column 12: Unrecognized"
        + " token 'x'");
    assertNoLibraryWords(r);
    Files.writeString(cut, "{\"a\": 1} {", StandardCharsets.UTF_8);
    r = CliRun.of("predict", cut.toString(), customers.toString());
    CliTest.assertOneLineError(r, "is not a clusterkit model file as segment writes it (more text follows its JSON"
        + " object, at line 1");
    assertNoLibraryWords(r);
    Files.write(cut, new byte[0]);
    CliTest.assertOneLineError(CliRun.of("predict", cut.toString(), customers.toString()),
        "error: model file " + cut + " is empty");
  }
}
