package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that cannot be written ({@code > /dev/full}, a closed pipe) is an error with exit code 3, not
 * a success: a PrintStream keeps its write errors to itself.
 */
class CliOutputFailureTest {

  /** Runs the program with an output whose every write fails, as {@code /dev/full}. */
  private static CliRun full(String... args) {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(broken, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Cli.run(args, po, pe, false);
    }
    return new CliRun(code, "", e.toString(StandardCharsets.UTF_8));
  }

  private static void assertOutputFailure(CliRun r) {
    assertEquals(Cli.OUTPUT_FAILED, r.exit, r.toString());
    assertTrue(r.err.endsWith("error: cannot write to standard output (disk full, or the pipe or file closed?)\n"),
        r.toString());
  }

  @Test
  void helpToAFullDeviceFails() {
    assertOutputFailure(full("--help"));
    assertOutputFailure(full("segment", "--help"));
    assertOutputFailure(full("--version"));
  }

  @Test
  void segmentAndPredictToAFullDeviceFail(@TempDir Path dir) throws IOException {
    assertOutputFailure(full("segment", "--k", "3", "--out", dir.toString()));
    assertTrue(Files.isRegularFile(dir.resolve("model.json")), "the files are written all the same");
    Path customers = dir.resolve("new.csv");
    Files.writeString(customers, "customer_id,annual_spending,visits_per_month,hours_online,preferred_channel\n"
        + "N1,7000,7,9,app\n");
    assertOutputFailure(full("predict", dir.resolve("model.json").toString(), customers.toString()));
    // and a working output still gives 0
    assertEquals(0, CliRun.of("predict", dir.resolve("model.json").toString(), customers.toString()).exit);
  }

  @Test
  void aFailedCommandWithoutOutputKeepsItsExitCode() {
    CliRun r = full("predict", "no-such-model.json", "no.csv");
    assertEquals(Cli.USAGE, r.exit, r.toString());
  }
}
