package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field separator is found in the header as the file is read (its byte-order mark, else --encoding), not in
 * its bytes read as UTF-8: in UTF-16 a byte of {@code л} is a semicolon and one of {@code č} a carriage return.
 */
class CliEncodingSeparatorTest {

  /** Segments the text saved as UTF-8 and as UTF-16LE with a byte-order mark; both give the same results. */
  private static String segmentBoth(Path dir, String text) throws IOException {
    Path a = Files.createDirectories(dir.resolve("utf8"));
    Path b = Files.createDirectories(dir.resolve("utf16"));
    Files.writeString(a.resolve("f.csv"), text, StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(0xFF);
    bytes.write(0xFE);
    bytes.write(text.getBytes(StandardCharsets.UTF_16LE));
    Files.write(b.resolve("f.csv"), bytes.toByteArray());
    CliRun ra = CliRun.of("segment", a.resolve("f.csv").toString(), "--k", "2", "--out", a.resolve("seg").toString());
    CliRun rb = CliRun.of("segment", b.resolve("f.csv").toString(), "--k", "2", "--out", b.resolve("seg").toString());
    assertEquals(0, ra.exit, ra.toString());
    assertEquals(0, rb.exit, rb.toString());
    assertEquals(ra.out.replace(a.toString(), "DIR"), rb.out.replace(b.toString(), "DIR"));
    for (String f : new String[] {"labels.csv", "profile.csv"}) {
      assertEquals(Files.readString(a.resolve("seg").resolve(f)), Files.readString(b.resolve("seg").resolve(f)), f);
    }
    return Files.readString(b.resolve("seg").resolve("profile.csv"));
  }

  @Test
  void aTabSeparatedUtf16FileIsReadAsItsUtf8Twin(@TempDir Path dir) throws IOException {
    // id, город (city), вес (weight), долг (debt)
    StringBuilder sb = new StringBuilder("id\t\u0433\u043e\u0440\u043e\u0434\t\u0432\u0435\u0441"
        + "\t\u0434\u043e\u043b\u0433\r\n");
    String moscow = "\u041c\u043e\u0441\u043a\u0432\u0430";
    String kazan = "\u041a\u0430\u0437\u0430\u043d\u044c";
    for (int i = 0; i < 40; i++) {
      sb.append(i).append('\t').append(i % 2 == 0 ? moscow : kazan)
          .append('\t').append(50 + i % 9).append('\t').append(i < 20 ? 10 + i : 500 + i).append("\r\n");
    }
    String profile = segmentBoth(dir, sb.toString());
    // the numeric columns are features, and the id is not
    assertTrue(profile.contains("\u0432\u0435\u0441") && profile.contains("\u0434\u043e\u043b\u0433"), profile);
  }

  @Test
  void aSemicolonUtf16FileWithDecimalCommasIsReadAsItsUtf8Twin(@TempDir Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("Po\u010det;\u010c\u00e1stka;id\r\n");
    for (int i = 0; i < 40; i++) {
      sb.append(i % 9 + 1).append(';').append(i < 20 ? 600 + i : 90 + i).append(',').append(i % 10).append(';')
          .append(i).append("\r\n");
    }
    String profile = segmentBoth(dir, sb.toString());
    assertTrue(profile.contains("\u010c\u00e1stka"), profile);
  }

  @Test
  void theSeparatorIsFoundInTheDecodedHeader(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("f.csv");
    Files.write(f, "Po\u010det;\u010c\u00e1stka\r\n1;2\r\n".getBytes(StandardCharsets.UTF_16BE));
    assertEquals(';', Cli.delimiter(f, StandardCharsets.UTF_16BE));
    Files.write(f, "id\t\u0434\u043e\u043b\u0433\r\n1\t2\r\n".getBytes(StandardCharsets.UTF_16LE));
    assertEquals('\t', Cli.delimiter(f, StandardCharsets.UTF_16LE));
  }
}
