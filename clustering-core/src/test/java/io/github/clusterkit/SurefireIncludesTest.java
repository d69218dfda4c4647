package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test class of every module is one the build runs: its name matches one of the patterns the parent POM
 * gives Surefire (read from {@code pom.xml}: {@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase},
 * {@code *Properties}). A class
 * named otherwise compiles and passes when run by name, and never runs in {@code ./mvnw verify} (as the k-d tree's
 * equivalence properties did until the pattern {@code *Properties} was added).
 */
class SurefireIncludesTest {

  private static final Pattern TEST_ANNOTATION =
      Pattern.compile("@(Test|Property|Example|ParameterizedTest|RepeatedTest|TestFactory)\\b");

  @Test
  void everyTestClassMatchesTheSurefireIncludes() throws IOException {
    Path root = Paths.get("").toAbsolutePath().getParent();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : (Iterable<Path>) modules::iterator) {
        Path tests = module.resolve("src/test/java");
        if (Files.isDirectory(tests)) {
          try (Stream<Path> files = Files.walk(tests)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
          }
        }
      }
    }
    assertTrue(sources.size() > 50, "found only " + sources.size() + " test sources under " + root);
    // the patterns as the parent POM gives them to Surefire: <include>**/Name*.java</include>
    String pom = new String(Files.readAllBytes(root.resolve("pom.xml")), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<include>\\*\\*/([A-Za-z*]+)\\.java</include>").matcher(pom);
    List<String> globs = new ArrayList<>();
    while (m.find()) {
      globs.add(m.group(1).replace("*", ".*"));
    }
    assertTrue(globs.contains(".*Test") && globs.contains(".*Properties"), "Surefire includes in pom.xml: " + globs);
    Pattern run = Pattern.compile(String.join("|", globs));
    List<String> missed = new ArrayList<>();
    for (Path f : sources) {
      String name = f.getFileName().toString().replace(".java", "");
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      if (TEST_ANNOTATION.matcher(text).find() && !run.matcher(name).matches()) {
        missed.add(root.relativize(f).toString());
      }
    }
    assertEquals(List.of(), missed, "test classes Surefire would not run");
  }
}
