package io.github.clusterkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The POM metadata a Maven Central release needs, reproducible jars that name their version, and the licence inside the
 * jars. A user trial found the parent POM without {@code developers} and {@code scm} (Central's validation refuses such
 * a release), each module's inherited url extended by its artifactId (a page that does not exist), and no LICENSE in
 * any jar.
 */
class PublishedPomTest {

  private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();
  private static final List<String> PUBLISHED = List.of("clustering-core", "clustering-eval", "clustering-io");

  @Test
  void theParentPomHasWhatCentralRequiresAndModulesInheritItsUrlsAsWritten() throws Exception {
    Element project = parse(ROOT.resolve("pom.xml"));
    for (String tag : List.of("name", "description", "url")) {
      assertFalse(text(project, tag).isBlank(), tag);
    }
    Element license = child(child(project, "licenses"), "license");
    assertEquals("Apache-2.0", text(license, "name"));
    Element developer = child(child(project, "developers"), "developer");
    assertFalse(text(developer, "name").isBlank());
    Element scm = child(project, "scm");
    assertTrue(text(scm, "connection").startsWith("scm:git:"), text(scm, "connection"));
    assertEquals(text(project, "url"), text(scm, "url"));
    // without these attributes Maven appends the artifactId to what a module inherits
    assertEquals("false", project.getAttribute("child.project.url.inherit.append.path"));
    for (String a : List.of("url", "connection", "developerConnection")) {
      assertEquals("false", scm.getAttribute("child.scm." + a + ".inherit.append.path"), a);
    }
    for (String module : PUBLISHED) {
      Element m = parse(ROOT.resolve(module).resolve("pom.xml"));
      assertFalse(text(m, "name").isBlank(), module);
      assertFalse(text(m, "description").isBlank(), module);
    }
  }

  /**
   * Jars a user can check: the same sources give the same bytes (a fixed entry time; two builds compared by hand on
   * 2026-11-29, docs/testing.md), and the manifest names the version ({@code Package.getImplementationVersion()}).
   */
  @Test
  void jarsAreReproducibleAndNameTheirVersion() throws Exception {
    Element project = parse(ROOT.resolve("pom.xml"));
    String stamp = text(child(project, "properties"), "project.build.outputTimestamp");
    java.time.Instant.parse(stamp); // an ISO-8601 instant, which the archivers require
    Element plugins = child(child(child(project, "build"), "pluginManagement"), "plugins");
    Element jar = null;
    for (org.w3c.dom.Node n = plugins.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && text((Element) n, "artifactId").equals("maven-jar-plugin")) {
        jar = (Element) n;
      }
    }
    assertNotNull(jar, "maven-jar-plugin is not managed in the parent POM");
    Element manifest = child(child(child(jar, "configuration"), "archive"), "manifest");
    assertEquals("true", text(manifest, "addDefaultImplementationEntries"));
  }

  @Test
  void theJarsCarryTheLicence() throws Exception {
    byte[] licence = Files.readAllBytes(ROOT.resolve("LICENSE"));
    // this module's own classes folder (test dependencies' jars hold licences of their own)
    URL own = null;
    for (URL u : Collections.list(getClass().getClassLoader().getResources("META-INF/LICENSE"))) {
      if ("file".equals(u.getProtocol())) {
        own = u;
      }
    }
    assertNotNull(own, "META-INF/LICENSE is not among clustering-core's resources");
    try (InputStream in = own.openStream()) {
      assertArrayEquals(licence, in.readAllBytes());
    }
    // clustering-io declares resources of its own, which replace the parent's: it must repeat the licence's
    String io = Files.readString(ROOT.resolve("clustering-io/pom.xml"));
    assertTrue(io.contains("<include>LICENSE</include>") && io.contains("<targetPath>META-INF</targetPath>"));
  }

  private static Element parse(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document doc = f.newDocumentBuilder().parse(pom.toFile());
    return doc.getDocumentElement();
  }

  private static Element child(Element parent, String tag) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
        return (Element) n;
      }
    }
    throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
  }

  private static String text(Element parent, String tag) {
    return child(parent, tag).getTextContent().trim();
  }
}
