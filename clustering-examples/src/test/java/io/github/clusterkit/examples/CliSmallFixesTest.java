package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option names in messages, an empty --out, ImageIO's cache, and 1-based rows in predict's errors. */
class CliSmallFixesTest {

  @Test
  void messagesNameTheOption() {
    CliTest.assertOneLineError(CliRun.of("segment", "--k", "0"), "error: --k must be >= 1, got 0");
    CliTest.assertOneLineError(CliRun.of("segment", "--k-max", "1"), "error: --k-max must be >= 2, got 1");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--min-pts", "0"),
        "error: --min-pts must be >= 1, got 0");
    CliTest.assertOneLineError(CliRun.of("segment", "--algorithm", "dbscan", "--eps", "-1"),
        "error: --eps must be > 0");
    CliTest.assertOneLineError(CliRun.of("segment", "--outlier-share", "0.6"), "error: --outlier-share must be in");
  }

  @Test
  void aKBeyondTheCustomersNamesTheOption(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.csv");
    Files.writeString(f, "a,b\n1,2\n3,4\n5,7\n");
    CliTest.assertOneLineError(CliRun.of("segment", f.toString(), "--k", "5", "--out", dir.resolve("o").toString()),
        "error: --k must be at most the number of customers (3), got 5");
  }

  @Test
  void anEmptyOutIsRefused(@TempDir Path dir) {
    CliTest.assertOneLineError(CliRun.of("segment", "--out", ""), "error: --out must name a folder, got ''");
  }

  @Test
  void pngsAreWrittenWithoutImageIoTemporaryFiles(@TempDir Path dir) {
    ImageIO.setUseCache(true);
    CliRun r = CliRun.of("segment", "--k", "3", "--out", dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertFalse(ImageIO.getUseCache(), "ImageIO's disk cache writes temporary files outside --out");
  }

  @Test
  void predictErrorsCountRowsFromOne(@TempDir Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("id,BALANCE,visits\n");
    for (int i = 0; i < 40; i++) {
      sb.append(i).append(',').append(i < 36 ? i % 10 : 100000 + i).append(',').append(i % 7).append('\n');
    }
    Path f = dir.resolve("c.csv");
    Files.writeString(f, sb);
    CliRun s = CliRun.of("segment", f.toString(), "--k", "2", "--out", dir.resolve("o").toString());
    assertEquals(0, s.exit, s.toString());
    assertTrue(Files.readString(dir.resolve("o/model.json")).contains("log1p")
        || Files.readString(dir.resolve("o/model.json")).contains("Log1p"), "BALANCE is logged");
    Path neu = dir.resolve("new.csv");
    Files.writeString(neu, "id,BALANCE,visits\n1,5,2\n2,-1,3\n");
    CliRun p = CliRun.of("predict", dir.resolve("o/model.json").toString(), neu.toString());
    CliTest.assertOneLineError(p, "column 'BALANCE' has value -1.0 in row 2 (1 = the first data row)");
  }

  @Test
  void dataRowsTranslatesEveryRow() {
    assertEquals("x at rows? in row 1 (1 = the first data row), y in row 10 (1 = the first data row)",
        Cli.dataRows("x at rows? at row 0, y at row 9"));
    assertEquals("no row", Cli.dataRows("no row"));
  }
}
