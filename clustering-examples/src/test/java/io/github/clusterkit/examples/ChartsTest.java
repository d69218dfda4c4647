package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.examples.segment.Charts;
import io.github.clusterkit.examples.segment.CustomerData;
import io.github.clusterkit.examples.segment.Segmentation;
import io.github.clusterkit.examples.segment.Segmenter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The charts are valid SVG and PNG files with one series per segment (plus centroids, knee, eps). */
class ChartsTest {

  static Segmentation kmeans;
  static Segmentation dbscan;

  @BeforeAll
  static void fit() {
    kmeans = Segmenter.defaults().k(4).maxK(6).run(CustomerData.generate(), null);
    dbscan = Segmenter.defaults().algorithm(Segmenter.Algorithm.DBSCAN).maxK(3).run(CustomerData.generate(), null);
  }

  static Document svg(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    // the file names the SVG 1.1 DTD; never fetch it
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(file.toFile());
  }

  /** Number of SVG shapes per fill style that carries an opacity (the segment markers). */
  static Map<String, Integer> translucentFills(Document d) {
    Map<String, Integer> out = new HashMap<>();
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      String style = ((Element) all.item(i)).getAttribute("style");
      int at = style.indexOf("fill:rgb(");
      if (at >= 0 && style.contains("fill-opacity")) {
        out.merge(style.substring(at, style.indexOf(')', at) + 1), 1, Integer::sum);
      }
    }
    return out;
  }

  @Test
  void pcaScatterHasOneSeriesPerSegmentAndTheCentroids(@TempDir Path dir) throws Exception {
    assertEquals(4 + 1, Charts.pca(kmeans).getSeriesMap().size());
    List<Path> files = Charts.write(kmeans, dir);
    assertEquals(6, files.size());
    Document d = svg(dir.resolve(Charts.PCA + ".svg"));
    assertEquals("svg", d.getDocumentElement().getLocalName());
    assertEquals("900px", d.getDocumentElement().getAttribute("width"));
    // every segment is drawn in its own translucent colour: one marker per customer plus its legend entry
    Map<String, Integer> fills = translucentFills(d);
    assertEquals(4, fills.size(), fills.toString());
    Set<Integer> expected = new HashSet<>();
    for (int size : kmeans.profile().sizes()) {
      expected.add(size + 1);
    }
    assertEquals(expected, new HashSet<>(fills.values()), fills.toString());
    for (String stem : new String[] {Charts.PCA, Charts.K_SELECTION, Charts.K_DISTANCE}) {
      BufferedImage img = ImageIO.read(dir.resolve(stem + ".png").toFile());
      assertNotNull(img, stem);
      assertEquals(900, img.getWidth());
      assertEquals(620, img.getHeight());
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < img.getHeight(); y += 3) {
        for (int x = 0; x < img.getWidth(); x += 3) {
          colours.add(img.getRGB(x, y));
        }
      }
      assertTrue(colours.size() > 20, stem + " is not blank: " + colours.size() + " colours");
      assertEquals("svg", svg(dir.resolve(stem + ".svg")).getDocumentElement().getLocalName());
    }
  }

  @Test
  void kSelectionAndKDistanceSeries() {
    // inertia, its knee, silhouette
    assertEquals(List.of("inertia", "knee: k = " + kmeans.sweep().knee(),
        "silhouette (best: k = " + kmeans.sweep().recommendedK() + ")"),
        List.copyOf(Charts.kSelection(kmeans.sweep()).getSeriesMap().keySet()));
    // the sorted curve and eps
    assertEquals(2, Charts.kDistance(dbscan).getSeriesMap().size());
    assertTrue(Charts.kDistance(dbscan).getSeriesMap().containsKey("12-distance"));
  }

  @Test
  void dbscanScatterHasANoiseSeries() {
    int noise = 0;
    for (int l : dbscan.labels()) {
      if (l < 0) {
        noise++;
      }
    }
    assertTrue(noise > 0);
    // segments + noise + centroids
    assertEquals(dbscan.segmentCount() + 2, Charts.pca(dbscan).getSeriesMap().size());
    assertTrue(Charts.pca(dbscan).getSeriesMap().containsKey("noise (" + noise + ")"));
  }

  @Test
  void pngIsReadable(@TempDir Path dir) throws IOException {
    Charts.write(dbscan, dir);
    assertNotNull(ImageIO.read(dir.resolve(Charts.K_DISTANCE + ".png").toFile()));
  }
}
