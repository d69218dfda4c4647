package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trim-spaces}: a customer file written with a space after each comma ({@code id, channel, age}) segments
 * and predicts exactly as the same file without the spaces (the oracle: the command's own run on that file; report
 * and every output file byte for byte, both written to the same folder in turn), while without the option the names
 * and categories keep their spaces, as before.
 */
class CliTrimSpacesTest {

  @Test
  void aFileWithSpacesAfterTheCommasSegmentsAndPredictsAsWithout(@TempDir Path dir) throws IOException {
    StringBuilder plain = new StringBuilder("CustomerID,Channel,Age,Income\n");
    String[] channels = {"Online", "Store", "Phone"};
    for (int i = 0; i < 90; i++) {
      plain.append(1000 + i).append(',').append(channels[i % 3]).append(',').append(20 + (i * 7) % 45).append(',')
          .append(15 + (i * 13) % 120).append('\n');
    }
    String spaced = plain.toString().replace(",", ", ").replace("\n", " \n");
    Path file = dir.resolve("customers.csv");
    Path out = dir.resolve("out");

    Files.writeString(file, plain);
    CliRun a = CliRun.of("segment", file.toString(), "--k", "3", "--out", out.toString());
    assertEquals(0, a.exit, a.toString());
    Map<String, byte[]> aFiles = CliThreadsTest.files(out);
    Path neu = dir.resolve("new.csv");
    Files.writeString(neu, "CustomerID,Channel,Age,Income\n7,Store,33,80\n8,Online,61,20\n");
    CliRun pa = CliRun.of("predict", out.resolve("model.json").toString(), neu.toString());
    assertEquals(0, pa.exit, pa.toString());
    CliThreadsTest.empty(out);

    Files.writeString(file, spaced);
    CliRun b = CliRun.of("segment", file.toString(), "--k", "3", "--out", out.toString(), "--trim-spaces");
    assertEquals(0, b.exit, b.toString());
    assertEquals(a.out, b.out, "the report");
    Map<String, byte[]> bFiles = CliThreadsTest.files(out);
    assertEquals(aFiles.keySet(), bFiles.keySet());
    for (String name : aFiles.keySet()) {
      assertArrayEquals(aFiles.get(name), bFiles.get(name), name);
    }
    Files.writeString(neu, "CustomerID, Channel, Age, Income\n7, Store, 33, 80\n8, Online , 61 , 20\n");
    CliRun pb = CliRun.of("predict", out.resolve("model.json").toString(), neu.toString(), "--trim-spaces");
    assertEquals(pa.out, pb.out, pb.toString());
    CliThreadsTest.empty(out);

    // without the option the header names keep their spaces (as before)
    CliRun c = CliRun.of("segment", file.toString(), "--k", "3", "--out", out.toString());
    assertEquals(0, c.exit, c.toString());
    assertTrue(c.out.contains(" Channel"), c.out);
  }
}
