package io.github.clusterkit.birch;

import io.github.clusterkit.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the fixtures of tools/birch_reference.py (scikit-learn 1.2.1's Birch) and the data they were made from. */
final class BirchCases {

  /** One case: the configuration and scikit-learn's result. */
  static final class Case {
    String dataset;
    double threshold;
    int branching;
    int clusters;
    int chunks;
    int subclusters;
    long[] counts;
    double[] centroids;
    int[] sublabels;
    int[] labels;
    int[] ambiguous;

    @Override
    public String toString() {
      return dataset + " threshold=" + threshold + " branching=" + branching + " clusters=" + clusters + " chunks="
          + chunks;
    }
  }

  private BirchCases() {}

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    Map<String, String> kv = new HashMap<>();
    for (String line : lines("cases.txt")) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty()) {
        if (!kv.isEmpty()) {
          out.add(toCase(kv));
          kv.clear();
        }
        continue;
      }
      int sp = line.indexOf(' ');
      kv.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
    }
    if (!kv.isEmpty()) {
      out.add(toCase(kv));
    }
    return out;
  }

  private static Case toCase(Map<String, String> kv) {
    Case c = new Case();
    c.dataset = kv.get("dataset");
    c.threshold = Double.parseDouble(kv.get("threshold"));
    c.branching = Integer.parseInt(kv.get("branching"));
    c.clusters = Integer.parseInt(kv.get("clusters"));
    c.chunks = Integer.parseInt(kv.get("chunks"));
    c.subclusters = Integer.parseInt(kv.get("subclusters"));
    String[] f = split(kv.get("counts"));
    c.counts = new long[f.length];
    for (int i = 0; i < f.length; i++) {
      c.counts[i] = Long.parseLong(f[i]);
    }
    f = split(kv.get("centroids"));
    c.centroids = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      c.centroids[i] = Double.parseDouble(f[i]);
    }
    c.sublabels = ints(kv.get("sublabels"));
    c.labels = ints(kv.get("labels"));
    c.ambiguous = ints(kv.get("ambiguous"));
    return c;
  }

  private static String[] split(String s) {
    return s.isEmpty() ? new String[0] : s.split(" ");
  }

  private static int[] ints(String s) {
    String[] f = split(s);
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Integer.parseInt(f[i]);
    }
    return out;
  }

  /** The rows of a data set: generated ones from the fixtures, Mall Customers' from the shared data. */
  static double[][] data(String dataset) {
    List<String> lines;
    int from;
    int[] cols = null;
    if (dataset.equals("mall")) {
      try {
        lines = Files.readAllLines(SharedData.file("Mall_Customers.csv"), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      from = 1;
      cols = new int[] {2, 3, 4};
    } else {
      lines = lines(dataset + "-data.csv");
      from = 1;
    }
    List<double[]> rows = new ArrayList<>();
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      int[] use = cols;
      if (use == null) {
        use = new int[f.length];
        for (int j = 0; j < f.length; j++) {
          use[j] = j;
        }
      }
      double[] r = new double[use.length];
      for (int j = 0; j < use.length; j++) {
        r[j] = Double.parseDouble(f[use[j]]);
      }
      rows.add(r);
    }
    return rows.toArray(new double[0][]);
  }

  private static List<String> lines(String name) {
    try (InputStream in = BirchCases.class.getResourceAsStream("/fixtures/birch/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
