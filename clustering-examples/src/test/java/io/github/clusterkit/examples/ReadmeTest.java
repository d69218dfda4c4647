package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README quotes SegmentationExample (fit and scoring) and shows the demonstration command; all stay true. */
class ReadmeTest {

  static String read(String path) throws IOException {
    return Files.readString(Path.of(path), StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void readmeQuotesTheExampleVerbatim() throws IOException {
    assertQuoted("example", "from `SegmentationExample`");
  }

  /** How to score new customers in another process: the README's snippet is SegmentationExample.score. */
  @Test
  void readmeQuotesTheScoringVerbatim() throws IOException {
    assertQuoted("scoring", "as\n`SegmentationExample.score` does");
  }

  /**
   * Asserts that the first Java block after {@code marker} in the README is the code of SegmentationExample
   * between {@code // README <name> start} and {@code // README <name> end}, word for word.
   */
  private static void assertQuoted(String name, String marker) throws IOException {
    String readme = read("../README.md");
    String source = read("src/main/java/io/github/clusterkit/examples/SegmentationExample.java");
    String start = "// README " + name + " start\n";
    int a = source.indexOf(start);
    int b = source.indexOf("    // README " + name + " end");
    assertTrue(a > 0 && b > a, name);
    StringBuilder expected = new StringBuilder();
    for (String line : source.substring(a + start.length(), b).split("\n", -1)) {
      expected.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    int at = readme.indexOf(marker);
    assertTrue(at > 0, "README: " + marker);
    int open = readme.indexOf("```java\n", at) + "```java\n".length();
    int close = readme.indexOf("```\n", open);
    assertEquals(expected.toString().strip(), readme.substring(open, close).strip());
  }

  @Test
  void demonstrationCommandIsOneLineAndRunsSegment() throws IOException {
    String readme = read("../README.md");
    assertTrue(readme.contains("\n./mvnw -q -B package -DskipTests -pl clustering-examples -am && java -jar "
        + "clustering-examples/target/clusterkit-cli.jar segment\n"), "the README's demonstration command");
  }
}
