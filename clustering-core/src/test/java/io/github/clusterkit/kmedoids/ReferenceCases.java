package io.github.clusterkit.kmedoids;

import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixtures of tools/kmedoids_reference.py: generated datasets ({@code <name>-data.csv}), Mall_Customers' income
 * and score and ELKI's different-densities-2d-no-noise.ascii (both read from the shared data), and per case the metric, method, initialisation, {@code k}, initial
 * medoids and the reference's medoids, labels, cost, iterations, swaps and convergence.
 */
final class ReferenceCases {

  static final String[] DATASETS = {"ties2d", "dups3d", "gauss3d", "mall", "elki-densities"};

  final String dataset;
  final Metric metric;
  final KMedoidsMethod method;
  final String init;
  final int k;
  final int[] initial;
  final int[] medoids;
  final int[] labels;
  final double cost;
  final int iterations;
  final int swaps;
  final boolean converged;

  private ReferenceCases(String dataset, List<String> lines) {
    this.dataset = dataset;
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (String line : lines) {
      int sp = line.indexOf(' ');
      m.put(line.substring(0, sp), line.substring(sp + 1));
    }
    metric = Metric.valueOf(m.get("metric"));
    method = KMedoidsMethod.valueOf(m.get("method"));
    init = m.get("init");
    k = Integer.parseInt(m.get("k"));
    initial = ints(m.get("initial"));
    medoids = ints(m.get("medoids"));
    labels = ints(m.get("labels"));
    cost = Double.parseDouble(m.get("cost"));
    iterations = Integer.parseInt(m.get("iterations"));
    swaps = Integer.parseInt(m.get("swaps"));
    converged = Boolean.parseBoolean(m.get("converged"));
  }

  private static int[] ints(String s) {
    String[] f = s.trim().split(" ");
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Integer.parseInt(f[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return dataset + " " + metric + " " + method + " " + init;
  }

  static List<String> resource(String name) {
    try (InputStream in = ReferenceCases.class.getResourceAsStream("/fixtures/kmedoids/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String line : text.split("\n", -1)) {
        if (!line.startsWith("#")) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ReferenceCases> load(String dataset) {
    List<ReferenceCases> out = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (String line : resource(dataset + ".txt")) {
      if (line.isBlank()) {
        if (!block.isEmpty()) {
          out.add(new ReferenceCases(dataset, block));
          block = new ArrayList<>();
        }
      } else {
        block.add(line);
      }
    }
    if (!block.isEmpty()) {
      out.add(new ReferenceCases(dataset, block));
    }
    return out;
  }

  static List<ReferenceCases> all() {
    List<ReferenceCases> out = new ArrayList<>();
    for (String d : DATASETS) {
      out.addAll(load(d));
    }
    return out;
  }

  /** The rows of a dataset: a generated one from its fixture, Mall_Customers from the shared data. */
  static double[][] data(String dataset) {
    if (dataset.equals("mall")) {
      return SharedData.mallIncomeAndScore();
    }
    if (dataset.equals("elki-densities")) {
      try {
        List<String> lines = java.nio.file.Files.readAllLines(
            SharedData.file("elki/different-densities-2d-no-noise.ascii"), StandardCharsets.UTF_8);
        double[][] x = new double[lines.size()][];
        for (int i = 0; i < x.length; i++) {
          String[] f = lines.get(i).trim().split("\\s+");
          x[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
        }
        return x;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<double[]> rows = new ArrayList<>();
    for (String line : resource(dataset + "-data.csv")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      double[] r = new double[f.length];
      for (int t = 0; t < f.length; t++) {
        r[t] = Double.parseDouble(f[t]);
      }
      rows.add(r);
    }
    return rows.toArray(new double[0][]);
  }
}
