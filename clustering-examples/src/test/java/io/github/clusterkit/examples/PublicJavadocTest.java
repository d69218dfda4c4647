package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's rule for the published API, checked on the sources of the three published modules (this module
 * depends on all of them and sits beside them): every public type outside the {@code internal} packages has a
 * Javadoc comment; every public top-level type says how it behaves under threads; and every class that implements
 * a published algorithm or index names its reference with a DOI. The Javadoc tool's own check runs with
 * {@code -missing} off, so without this test a new public type could ship with none of it.
 */
class PublicJavadocTest {

  private static final List<String> MODULES = List.of("clustering-core", "clustering-eval", "clustering-io");

  /** A public type declaration, top-level (no indentation) or nested (two spaces). */
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "(?m)^( {0,2})public (?:static )?(?:final |abstract |sealed )*(?:class|interface|enum|record) (\\w+)");

  /** The classes that implement an algorithm or an index from the literature, each citing it by DOI. */
  private static final Set<String> ALGORITHMS = Set.of(
      "Dbscan", "KDistance", "KMeans", "GaussianMixture", "Agglomerative", "Pca", "KdTree", "Generators",
      "Silhouette", "DaviesBouldin", "CalinskiHarabasz", "ContingencyTable", "AdjustedRandIndex",
      "AdjustedMutualInformation", "NormalizedMutualInformation", "PairCounting", "Kneedle", "KSelection",
      "EpsSelection");

  @Test
  void everyPublicTypeHasJavadocAndTopLevelTypesStateThreadSafety() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Path file : publishedSources()) {
      String source = Files.readString(file);
      Matcher m = PUBLIC_TYPE.matcher(source);
      while (m.find()) {
        String name = m.group(2);
        boolean topLevel = m.group(1).isEmpty();
        String doc = javadocBefore(source, m.start());
        String where = file.getFileName() + ": " + name;
        if (doc == null) {
          problems.add(where + " has no Javadoc");
          continue;
        }
        if (topLevel) {
          seen.add(name);
          if (!doc.toLowerCase(Locale.ROOT).contains("thread")) {
            problems.add(where + " does not say how it behaves under threads");
          }
          if (ALGORITHMS.contains(name) && !doc.contains("doi:")) {
            problems.add(where + " cites no reference by DOI");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
    // the scan found the types it must check (a pattern that matched nothing would pass vacuously)
    for (String name : ALGORITHMS) {
      assertTrue(seen.contains(name), "no public top-level type " + name + " found");
    }
    assertTrue(seen.size() >= 60, "only " + seen.size() + " public top-level types found");
  }

  @Test
  void theScanSeesAMissingComment() {
    String undocumented = "package p;\n\nimport java.util.List;\n\npublic final class A {\n}\n";
    Matcher m = PUBLIC_TYPE.matcher(undocumented);
    assertTrue(m.find());
    assertEquals(null, javadocBefore(undocumented, m.start()));
    String documented = "package p;\n\n/** An A. Thread-safe. */\n@Deprecated\npublic final class A {\n"
        + "  /** A B. */\n  public enum B { X }\n}\n";
    m = PUBLIC_TYPE.matcher(documented);
    assertTrue(m.find());
    assertEquals(" An A. Thread-safe. ", javadocBefore(documented, m.start()));
    assertTrue(m.find());
    assertEquals(" A B. ", javadocBefore(documented, m.start()));
  }

  /**
   * The Javadoc comment that ends right before the declaration at {@code at} (annotations may stand between
   * them), or {@code null} when the text before it is not a Javadoc comment.
   */
  static String javadocBefore(String source, int at) {
    String before = source.substring(0, at).stripTrailing();
    while (true) { // skip annotations on lines of their own
      int lineStart = before.lastIndexOf('\n') + 1;
      String line = before.substring(lineStart).strip();
      if (!line.startsWith("@")) {
        break;
      }
      before = before.substring(0, lineStart).stripTrailing();
    }
    if (!before.endsWith("*/")) {
      return null;
    }
    int open = before.lastIndexOf("/**");
    int plainOpen = before.lastIndexOf("/*");
    if (open < 0 || plainOpen > open) {
      return null;
    }
    return before.substring(open + 3, before.length() - 2);
  }

  private static List<Path> publishedSources() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String module : MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      assertTrue(Files.isDirectory(root), root + " not found");
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java"))
            .filter(p -> !p.toString().replace('\\', '/').contains("/internal/"))
            .filter(p -> !p.getFileName().toString().equals("package-info.java"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }
}
