package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.dbscan.DbscanModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README's demonstration silently (output captured) so that it keeps working. */
class DemoTest {

  @Test
  void demoFindsTheThreeSegmentsAndSomeOutliers() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DbscanModel m;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      m = Demo.run(out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    // the generator draws three segments (900, 700 and 360 customers) and 40 unusual customers
    assertEquals(3, m.clusterCount(), text);
    assertTrue(m.noiseCount() >= 20 && m.noiseCount() <= 120, text);
    assertTrue(text.contains("segment 2:"), text);
    assertTrue(text.contains("outliers (" + m.noiseCount() + ")"), text);
    assertEquals(2000, m.size());
    // the new customer (spend 1150, 6.5 visits) joins the segment of the regulars (mean spend near 1200)
    double[][] customers = Demo.customers(2024);
    int segment = m.predict(Demo.scale(new double[] {1150, 6.5}, Demo.columnStats(customers)));
    double spend = 0;
    int count = 0;
    int[] labels = m.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == segment) {
        spend += customers[i][0];
        count++;
      }
    }
    assertTrue(count > 0 && Math.abs(spend / count - 1200) < 100, text);
    assertTrue(text.contains("joins segment " + segment), text);
  }
}
