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

  /**
   * The README says QuickStartTest in clustering-core compiles and runs its two quick-start snippets; that test
   * holds them between "// --- README: name ---" and "// --- end ---" but cannot read the README itself, so this
   * test checks that the README's first two Java blocks after "## Quick start" are those statements, word for word.
   */
  @Test
  void readmeQuickStartIsWhatQuickStartTestRuns() throws IOException {
    String readme = read("../README.md");
    String test = read("../clustering-core/src/test/java/io/github/clusterkit/QuickStartTest.java");
    int at = readme.indexOf("\n## Quick start\n");
    assertTrue(at > 0, "README: ## Quick start");
    for (String name : new String[] {"clustering", "neighbours"}) {
      String start = "// --- README: " + name + " ---\n";
      int a = test.indexOf(start);
      int b = test.indexOf("// --- end ---", a);
      assertTrue(a > 0 && b > a, name);
      StringBuilder expected = new StringBuilder();
      for (String line : test.substring(a + start.length(), b).split("\n", -1)) {
        expected.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
      }
      int open = readme.indexOf("```java\n", at) + "```java\n".length();
      int close = readme.indexOf("```\n", open);
      assertEquals(expected.toString().strip(), readme.substring(open, close).strip(), name);
      at = close + 4;
    }
  }

  /** The README's SegmentProfile block is the snippet clustering-eval's JavadocSnippetsTest runs, word for word. */
  @Test
  void readmeSegmentProfileIsWhatJavadocSnippetsTestRuns() throws IOException {
    String readme = read("../README.md");
    String test = read("../clustering-eval/src/test/java/io/github/clusterkit/eval/JavadocSnippetsTest.java");
    String start = "// --- SegmentProfile ---\n";
    int a = test.indexOf(start);
    int b = test.indexOf("// --- end ---", a);
    assertTrue(a > 0 && b > a, "JavadocSnippetsTest: SegmentProfile");
    StringBuilder expected = new StringBuilder();
    for (String line : test.substring(a + start.length(), b).split("\n", -1)) {
      expected.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    int at = readme.indexOf("use `SegmentProfile` in `clustering-eval`");
    assertTrue(at > 0, "README: SegmentProfile");
    int open = readme.indexOf("```java\n", at) + "```java\n".length();
    int close = readme.indexOf("```\n", open);
    assertEquals(expected.toString().strip(), readme.substring(open, close).strip());
  }

  /** Every type the README's package table lists is public in one of the packages of its row. */
  @Test
  void readmePackageTableNamesRealTypes() throws IOException {
    String readme = read("../README.md");
    int at = readme.indexOf("| package | types |");
    assertTrue(at > 0, "README: the package table");
    int rows = 0;
    for (String line : readme.substring(at).split("\n")) {
      if (!line.startsWith("| `")) {
        if (rows > 0) {
          break;
        }
        continue;
      }
      String[] cells = line.split("\\|");
      java.util.List<String> packages = new java.util.ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-z]+)`").matcher(cells[1]);
      while (m.find()) {
        packages.add(m.group(1));
      }
      if (cells[1].contains("`io.github.clusterkit`")) {
        packages.add(""); // the root package
      }
      m = java.util.regex.Pattern.compile("`([A-Z][A-Za-z]+)`").matcher(cells[2]);
      int types = 0;
      while (m.find()) {
        String type = m.group(1);
        boolean found = false;
        for (String p : packages) {
          try {
            Class<?> c = Class.forName("io.github.clusterkit." + (p.isEmpty() ? "" : p + ".") + type);
            found = java.lang.reflect.Modifier.isPublic(c.getModifiers());
          } catch (ClassNotFoundException e) {
            continue;
          }
          if (found) {
            break;
          }
        }
        assertTrue(found, type + " is not a public type of " + packages);
        types++;
      }
      assertTrue(types > 0 && !packages.isEmpty(), line);
      rows++;
    }
    assertEquals(8, rows, "rows of the package table");
  }

  @Test
  void demonstrationCommandIsOneLineAndRunsSegment() throws IOException {
    String readme = read("../README.md");
    assertTrue(readme.contains("\n./mvnw -q -B package -DskipTests -pl clustering-examples -am && java -jar "
        + "clustering-examples/target/clusterkit-cli.jar segment\n"), "the README's demonstration command");
  }
}
