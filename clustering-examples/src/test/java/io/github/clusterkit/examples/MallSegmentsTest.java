package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.clusterkit.data.Table;
import io.github.clusterkit.examples.segment.Profile;
import io.github.clusterkit.examples.segment.Segmentation;
import io.github.clusterkit.examples.segment.Segmenter;
import io.github.clusterkit.io.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic Mall Customers segmentation: annual income and spending score, standard-scaled, k = 5.
 * Reference: {@code tools/segment_reference.py} (scikit-learn 1.2.1, {@code StandardScaler} then
 * {@code KMeans(n_clusters=5, n_init=10, random_state=0)}), fixture {@code fixtures/segment/mall_kmeans5.csv}.
 */
class MallSegmentsTest {

  static final String INCOME = "Annual Income (k$)";
  static final String SCORE = "Spending Score (1-100)";

  /** Fixture rows: size, mean income, mean score; sorted by size then income. */
  static double[][] reference() throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (InputStream in = MallSegmentsTest.class.getResourceAsStream("/fixtures/segment/mall_kmeans5.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.startsWith("size") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
      }
    }
    return rows.toArray(new double[0][]);
  }

  @Test
  void fiveSegmentsHaveScikitLearnsSizesMeansAndFittingNames() throws IOException {
    Table mall = Csv.read(SharedData.file("Mall_Customers.csv"));
    Segmentation s = Segmenter.defaults().columns(List.of(INCOME, SCORE)).k(5).run(mall, null);
    assertEquals("CustomerID", s.idColumn());
    assertEquals(List.of(), s.logColumns(), "income and score are not skewed (skewness 0.32 and -0.05)");
    assertEquals(5, s.segmentCount());
    Profile p = s.profile();
    double[][] ref = reference();
    double[][] got = new double[5][];
    for (int g = 0; g < 5; g++) {
      got[g] = new double[] {p.sizes()[g], p.means(g)[0], p.means(g)[1]};
    }
    Arrays.sort(got, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    for (int g = 0; g < 5; g++) {
      // the same partition gives the same sizes, and the same member means up to summation order
      assertEquals(ref[g][0], got[g][0], "size of segment " + g);
      assertEquals(ref[g][1], got[g][1], 1e-9, "mean income of segment " + g);
      assertEquals(ref[g][2], got[g][2], 1e-9, "mean score of segment " + g);
    }
    // names from the z-scores: income mean 60.56 (sd 26.2), score mean 50.2 (sd 25.8) over all 200
    for (int g = 0; g < 5; g++) {
      double income = p.means(g)[0];
      double score = p.means(g)[1];
      String name = p.name(g);
      if (income > 80 && score < 30) {
        assertTrue(name.contains("High Annual Income") && name.contains("Low Spending Score"), name);
      } else if (income > 80 && score > 70) {
        assertTrue(name.contains("High Annual Income") && name.contains("High Spending Score"), name);
      } else if (income < 35 && score > 70) {
        assertTrue(name.contains("Low Annual Income") && name.contains("High Spending Score"), name);
      } else if (income < 35 && score < 30) {
        assertTrue(name.contains("Low Annual Income") && name.contains("Low Spending Score"), name);
      } else {
        assertEquals(81, p.sizes()[g]);
        assertEquals("Average", name);
      }
    }
  }

  @Test
  void commandLineOnTheMallFile(@TempDir Path dir) throws IOException {
    Path file = SharedData.file("Mall_Customers.csv");
    CliRun r = CliRun.of("segment", file.toString(), "--columns", INCOME + "," + SCORE, "--k", "5", "--out",
        dir.toString());
    assertEquals(0, r.exit, r.toString());
    assertEquals("", r.err);
    assertTrue(r.out.contains("High Annual Income, Low Spending Score"), r.out);
    assertTrue(r.out.contains("Low Annual Income, High Spending Score"), r.out);
    assertTrue(r.out.contains("K-Means, k = 5 (as asked)"), r.out);
    List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
    assertEquals("CustomerID,segment,segment_name,outlier", labels.get(0));
    assertEquals(201, labels.size());
    assertTrue(labels.get(1).startsWith("1,"), labels.get(1));
    int[] sizes = new int[5];
    for (int i = 1; i < labels.size(); i++) {
      sizes[Integer.parseInt(labels.get(i).split(",")[1])]++;
    }
    Arrays.sort(sizes);
    // scikit-learn 1.2.1 KMeans(5, n_init=10, random_state=0) on the scaled columns (fixture)
    assertArrayEquals(new int[] {22, 23, 35, 39, 81}, sizes);
  }
}
