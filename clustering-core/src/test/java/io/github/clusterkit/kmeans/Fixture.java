package io.github.clusterkit.kmeans;

import io.github.clusterkit.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One exact-run fixture written by tools/kmeans_reference.py (format described there). */
final class Fixture {

  final String name;
  final int k;
  final int d;
  final int n;
  final double tol;
  final int maxIter;
  final double[][] data;
  final double[] weights;
  final double[][] init;
  final double[][] centers;
  final int[] labels;
  final double inertia;
  final int iterations;

  private Fixture(String name, Map<String, List<String>> s) {
    this.name = name;
    String[] meta = s.get("meta").get(0).trim().split("\\s+");
    k = Integer.parseInt(meta[0]);
    d = Integer.parseInt(meta[1]);
    n = Integer.parseInt(meta[2]);
    tol = Double.parseDouble(meta[3]);
    maxIter = Integer.parseInt(meta[4]);
    data = matrix(s.get("data"));
    weights = s.containsKey("weights") ? matrix(s.get("weights"))[0] : null;
    init = matrix(s.get("init"));
    centers = matrix(s.get("centers"));
    String[] l = s.get("labels").get(0).trim().split("\\s+");
    labels = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      labels[i] = Integer.parseInt(l[i]);
    }
    String[] r = s.get("result").get(0).trim().split("\\s+");
    inertia = Double.parseDouble(r[0]);
    iterations = Integer.parseInt(r[1]);
  }

  Dataset dataset() {
    return Dataset.of(data);
  }

  /** Largest absolute value per column of the data: the scale for "relative" centroid errors. */
  double[] columnScale() {
    double[] s = new double[d];
    for (double[] row : data) {
      for (int t = 0; t < d; t++) {
        s[t] = Math.max(s[t], Math.abs(row[t]));
      }
    }
    return s;
  }

  private static double[][] matrix(List<String> lines) {
    double[][] m = new double[lines.size()][];
    for (int i = 0; i < m.length; i++) {
      String[] f = lines.get(i).trim().split("\\s+");
      m[i] = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        m[i][j] = Double.parseDouble(f[j]);
      }
    }
    return m;
  }

  private static final Map<String, Fixture> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  static Fixture load(String name) {
    return CACHE.computeIfAbsent(name, Fixture::read);
  }

  private static Fixture read(String name) {
    String res = "/fixtures/kmeans/" + name + ".txt";
    try (InputStream in = Fixture.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + res);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, List<String>> sections = new HashMap<>();
      List<String> current = null;
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (Character.isLetter(line.charAt(0))) {
          current = new ArrayList<>();
          sections.put(line.trim(), current);
        } else {
          current.add(line);
        }
      }
      return new Fixture(name, sections);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
