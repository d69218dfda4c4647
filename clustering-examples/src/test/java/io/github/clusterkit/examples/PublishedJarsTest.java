package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.eval.Silhouette;
import io.github.clusterkit.io.Csv;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The three published modules' jars as the build made them: each of the classes, sources and Javadoc jars carries
 * the project's licence as {@code META-INF/LICENSE}, byte for byte (Apache-2.0 section 4; the Javadoc jars had none
 * until 2026-11-29), and the Javadoc jars document no {@code internal} package. clustering-core's
 * {@code PublishedPomTest} checks the POMs; this test, which runs after the jars exist, checks what they hold.
 * The sources jars of the two named modules also carry their {@code module-info.java} (missing until 2026-11-29:
 * the descriptor lives in {@code src/main/module}, outside the compiled source folder).
 */
class PublishedJarsTest {

  private static final Path LICENSE = Path.of("..", "LICENSE");

  @Test
  void everyJarOfThePublishedModulesCarriesTheLicence() throws Exception {
    byte[] licence = Files.readAllBytes(LICENSE);
    List<Path> jars = BuiltJars.of(Dataset.class, Silhouette.class, Csv.class);
    assertEquals(3, jars.size());
    for (Path classes : jars) {
      String name = classes.getFileName().toString();
      assertTrue(name.endsWith(".jar"), name);
      String stem = name.substring(0, name.length() - ".jar".length());
      for (Path jar : List.of(classes, classes.resolveSibling(stem + "-sources.jar"),
          classes.resolveSibling(stem + "-javadoc.jar"))) {
        assertTrue(Files.isRegularFile(jar), "missing " + jar.getFileName());
        try (JarFile f = new JarFile(jar.toFile())) {
          ZipEntry e = f.getEntry("META-INF/LICENSE");
          assertNotNull(e, jar.getFileName() + " has no META-INF/LICENSE");
          try (InputStream in = f.getInputStream(e)) {
            assertArrayEquals(licence, in.readAllBytes(), jar.getFileName() + "'s licence differs");
          }
          if (jar.getFileName().toString().endsWith("-javadoc.jar")) {
            assertTrue(f.stream().noneMatch(x -> x.getName().contains("/internal/")),
                jar.getFileName() + " documents an internal package");
            assertNotNull(f.getEntry("index.html"), jar.getFileName() + " has no index.html");
          }
        }
      }
    }
  }

  @Test
  void theNamedModulesSourcesJarsCarryTheirDescriptorAsWritten() throws Exception {
    List<Path> jars = BuiltJars.of(Dataset.class, Silhouette.class, Csv.class);
    String[] modules = {"clustering-core", "clustering-eval", "clustering-io"};
    for (int i = 0; i < jars.size(); i++) {
      String name = jars.get(i).getFileName().toString();
      Path sources = jars.get(i).resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-sources.jar");
      Path descriptor = Path.of("..", modules[i], "src", "main", "module", "module-info.java");
      try (JarFile f = new JarFile(sources.toFile())) {
        ZipEntry e = f.getEntry("module-info.java");
        if (!Files.exists(descriptor)) {
          // clustering-core is an automatic module (EJML's jars name no module): no descriptor to ship
          assertNull(e, sources.getFileName() + " holds a descriptor its module does not have");
          continue;
        }
        assertNotNull(e, sources.getFileName() + " has no module-info.java");
        try (InputStream in = f.getInputStream(e)) {
          assertArrayEquals(Files.readAllBytes(descriptor), in.readAllBytes(),
              sources.getFileName() + "'s module-info.java differs from " + modules[i] + "'s");
        }
        assertTrue(f.stream().anyMatch(x -> x.getName().startsWith("io/github/clusterkit/")
            && x.getName().endsWith(".java")), sources.getFileName() + " lost its packages' sources");
      }
    }
  }
}
