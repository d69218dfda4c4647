package io.github.clusterkit.pca;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the text fixtures written by {@code tools/pca_reference.py}: blocks introduced by
 * {@code "<name> <rows> <cols>"} followed by that many lines of comma-separated values; {@code #} comments.
 */
final class PcaFixture {

  private final Map<String, double[][]> blocks;

  private PcaFixture(Map<String, double[][]> blocks) {
    this.blocks = blocks;
  }

  static PcaFixture load(String name) {
    String resource = "/fixtures/pca/" + name;
    try (InputStream in = PcaFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, double[][]> blocks = new LinkedHashMap<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] head = line.trim().split(" ");
        int rows = Integer.parseInt(head[1]);
        int cols = Integer.parseInt(head[2]);
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
          String[] f = r.readLine().split(",");
          if (f.length != cols) {
            throw new IllegalStateException(resource + ": block " + head[0] + " row " + i + " has "
                + f.length + " values, expected " + cols);
          }
          for (int j = 0; j < cols; j++) {
            a[i][j] = f[j].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(f[j]);
          }
        }
        blocks.put(head[0], a);
      }
      return new PcaFixture(blocks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  double[][] matrix(String name) {
    double[][] a = blocks.get(name);
    if (a == null) {
      throw new IllegalStateException("no block " + name);
    }
    return a;
  }

  double[] vector(String name) {
    return matrix(name)[0];
  }

  double scalar(String name, int index) {
    return matrix(name)[0][index];
  }
}
