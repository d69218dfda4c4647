package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README quotes SegmentationExample and shows the demonstration command; both stay true. */
class ReadmeTest {

  static String read(String path) throws IOException {
    return Files.readString(Path.of(path), StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void readmeQuotesTheExampleVerbatim() throws IOException {
    String readme = read("../README.md");
    String source = read("src/main/java/io/github/clusterkit/examples/SegmentationExample.java");
    int a = source.indexOf("// README example start\n");
    int b = source.indexOf("    // README example end");
    assertTrue(a > 0 && b > a);
    StringBuilder expected = new StringBuilder();
    for (String line : source.substring(a + "// README example start\n".length(), b).split("\n", -1)) {
      expected.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    String marker = "from `SegmentationExample`";
    int at = readme.indexOf(marker);
    assertTrue(at > 0, "README names SegmentationExample");
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
