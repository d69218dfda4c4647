package io.github.clusterkit.gmm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads a fixture written by {@code tools/gmm_reference.py}: {@code key = values} lines, '#' comments. */
final class Fixture {

  private final Map<String, double[]> values = new HashMap<>();

  private Fixture() {}

  static Fixture load(String name) {
    Fixture f = new Fixture();
    String res = "/fixtures/gmm/" + name;
    try (InputStream in = Fixture.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + res);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf(" = ");
        String key = line.substring(0, eq).trim();
        String[] parts = line.substring(eq + 3).trim().split(" ");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.parseDouble(parts[i]);
        }
        f.values.put(key, v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  double[] get(String key) {
    double[] v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("fixture has no key " + key);
    }
    return v;
  }

  double scalar(String key) {
    return get(key)[0];
  }

  double[][] matrix(String key, int rows, int cols) {
    double[] v = get(key);
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * cols, m[i], 0, cols);
    }
    return m;
  }

  double[][][] cube(String key, int a, int b, int c) {
    double[] v = get(key);
    double[][][] m = new double[a][b][c];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        System.arraycopy(v, (i * b + j) * c, m[i][j], 0, c);
      }
    }
    return m;
  }
}
