package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test data: the shared data folder beside the checkout (skipped as an assumption where absent, a failure
 * under {@code CI=true}; the same rule as clustering-core's SharedData) and the small reference fixtures
 * written by {@code tools/preprocess_reference.py}.
 */
final class TestData {

  private TestData() {}

  static Path shared(String relative) {
    String root = System.getProperty("clusterkit.sharedData", "../../shared/data");
    Path p = Path.of(root).resolve(relative).normalize();
    if (!Files.isRegularFile(p)) {
      String msg = "shared test data not found: " + relative + " (looked in " + Path.of(root).normalize() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + "; under CI=true the shared data must be present");
      }
      assumeTrue(false, msg + "; test skipped");
    }
    return p;
  }

  static List<String[]> fixture(String name) throws IOException {
    try (InputStream in = TestData.class.getResourceAsStream("/fixtures/io/" + name)) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.split(",", -1));
        }
      }
      return out;
    }
  }

  static String[] get(List<String[]> fx, String key) {
    for (String[] r : fx) {
      if (r[0].equals(key)) {
        return Arrays.copyOfRange(r, 1, r.length);
      }
    }
    throw new AssertionError("no fixture line " + key);
  }

  static double[] doubles(String[] s, int from) {
    double[] out = new double[s.length - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(s[from + i]);
    }
    return out;
  }
}
