package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data (the {@code shared/data} folder beside the checkout, never copied into the
 * repository), as clustering-core's test helper of the same name: where it is absent the calling test is
 * skipped as a JUnit assumption, visibly; under CI ({@code CI=true}) its absence fails the test instead.
 */
public final class SharedData {

  private SharedData() {}

  /**
   * @param relative a path inside the shared data folder, e.g. {@code "Mall_Customers.csv"}
   * @return the file, which exists
   */
  public static Path file(String relative) {
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
}
