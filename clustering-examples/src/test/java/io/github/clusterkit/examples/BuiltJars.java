package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the jars the reactor built (and their dependencies' jars) where this JVM loaded given classes from. This
 * module's tests run after clustering-core, -eval and -io are packaged ({@code ./mvnw verify}); a build that stops
 * before packaging ({@code ./mvnw test}) has classes folders instead: the calling test is then skipped as a JUnit
 * assumption, visibly, and fails under CI ({@code CI=true}).
 */
final class BuiltJars {

  private BuiltJars() {}

  /**
   * @param classes one class from each jar wanted
   * @return the jars, in the order of the classes, each once
   */
  static List<Path> of(Class<?>... classes) throws URISyntaxException {
    List<Path> paths = new ArrayList<>();
    for (Class<?> c : classes) {
      Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(p)) {
        String msg = c.getName() + " was loaded from " + p.getFileName() + ", not a jar: the reactor did not "
            + "package (./mvnw verify packages before this module's tests)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(msg + "; under CI=true the jars must be there");
        }
        assumeTrue(false, msg + "; test skipped");
      }
      if (!paths.contains(p)) {
        paths.add(p);
      }
    }
    return paths;
  }
}
