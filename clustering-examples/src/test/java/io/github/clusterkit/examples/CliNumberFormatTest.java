package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.examples.segment.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Printed numbers stay short: a mean of 1e300 printed with 300 digits, one of 1e-300 as 0.00; ordinary
 * magnitudes print as before.
 */
class CliNumberFormatTest {

  @Test
  void ordinaryMagnitudesPrintAsBefore() {
    assertEquals("0", Report.number(0));
    assertEquals("7", Report.number(7));
    assertEquals("12,345", Report.number(12345));
    assertEquals("0.50", Report.number(0.5));
    assertEquals("-0.01", Report.number(-0.0071));
    assertEquals("12.3", Report.number(12.34));
    assertEquals("1,235", Report.number(1234.5));
    assertEquals("999,999,999,999,999", Report.number(999_999_999_999_999.0));
    assertEquals("n/a", Report.number(Double.NaN));
  }

  @Test
  void hugeAndTinyNumbersPrintInScientificNotation() {
    assertEquals("1.00e300", Report.number(1e300));
    assertEquals("-4.52e299", Report.number(-4.5162e299));
    assertEquals("1.00e15", Report.number(1e15));
    assertEquals("1.23e16", Report.number(1.234e16)); // a whole number that large, too
    assertEquals("1.00e-300", Report.number(1e-300));
    assertEquals("-3.10e-7", Report.number(-3.1e-7));
    assertEquals("4.00e-3", Report.number(0.004));
  }

  @Test
  void theProfileOfHugeAndTinyColumnsIsShort(@TempDir Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("customer_id,huge,tiny,plain\n");
    for (int i = 0; i < 30; i++) {
      sb.append(i + 1).append(',').append(String.format(Locale.ROOT, "%.3e", (1 + i % 5) * 1e300)).append(',')
          .append(String.format(Locale.ROOT, "%.3e", (1 + i % 3) * 1e-300)).append(',').append(i % 7).append('\n');
    }
    Path f = dir.resolve("c.csv");
    Files.writeString(f, sb);
    CliRun r = CliRun.of("segment", f.toString(), "--k", "2", "--no-log", "--out", dir.resolve("o").toString());
    assertEquals(0, r.exit, r.toString());
    for (String line : r.out.split("\n")) {
      assertTrue(!line.startsWith("  ") || line.length() <= 100, line);
    }
    assertTrue(r.out.contains("\n  Huge       3.00e300   2.50e300 (-0.4)   4.00e300 (+0.7)\n"), r.out);
    assertTrue(r.out.contains("\n  Tiny      2.00e-300  2.35e-300 (+0.4)  1.30e-300 (-0.9)\n"), r.out);
  }
}
