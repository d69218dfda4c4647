package io.github.clusterkit.outlier;

import io.github.clusterkit.data.Dataset;
import io.github.clusterkit.neighbors.Metric;
import io.github.clusterkit.testutil.SharedData;
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

/**
 * Reads the fixtures of tools/lof_reference.py (scikit-learn 1.2.1's LocalOutlierFactor) and the data they were
 * made from.
 */
final class LofCases {

  /** One case: the configuration and scikit-learn's result. */
  static final class Case {
    String dataset;
    int k;
    Metric metric;
    /** NaN for "auto". */
    double contamination;
    String algorithm;
    double[] scores;
    double[] kdist;
    double[] lrd;
    double offset;
    int[] outliers;
    /** null when the case has no novelty model. */
    double[] novelty;
    int[] noveltyOutliers;

    LocalOutlierFactor config() {
      LocalOutlierFactor l = LocalOutlierFactor.k(k).metric(metric);
      return Double.isNaN(contamination) ? l : l.contamination(contamination);
    }

    @Override
    public String toString() {
      return dataset + " k=" + k + " " + metric + " contamination=" + (Double.isNaN(contamination) ? "auto"
          : contamination) + " algorithm=" + algorithm;
    }
  }

  private LofCases() {}

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
    c.k = Integer.parseInt(kv.get("k"));
    String m = kv.get("metric");
    c.metric = m.equals("euclidean") ? Metric.EUCLIDEAN : m.equals("manhattan") ? Metric.MANHATTAN : Metric.CHEBYSHEV;
    String cont = kv.get("contamination");
    c.contamination = cont.equals("auto") ? Double.NaN : Double.parseDouble(cont);
    c.algorithm = kv.get("algorithm");
    c.scores = doubles(kv.get("scores"));
    c.kdist = doubles(kv.get("kdist"));
    c.lrd = doubles(kv.get("lrd"));
    c.offset = Double.parseDouble(kv.get("offset"));
    c.outliers = ints(kv.get("outliers"));
    if (kv.containsKey("novelty")) {
      c.novelty = doubles(kv.get("novelty"));
      c.noveltyOutliers = ints(kv.get("noveltyOutliers"));
    }
    return c;
  }

  private static String[] split(String s) {
    return s == null || s.isBlank() ? new String[0] : s.trim().split(" ");
  }

  static double[] doubles(String s) {
    String[] f = split(s);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Double.parseDouble(f[i]);
    }
    return out;
  }

  static int[] ints(String s) {
    String[] f = split(s);
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Integer.parseInt(f[i]);
    }
    return out;
  }

  /** The training rows of a data set ({@code mall} from the shared data). */
  static Dataset data(String name) {
    if (name.equals("mall")) {
      return Dataset.of(SharedData.mallIncomeAndScore());
    }
    return csv(name + "-data.csv");
  }

  /** The novelty points of a data set. */
  static Dataset newPoints(String name) {
    return csv(name + "-new.csv");
  }

  private static Dataset csv(String file) {
    List<double[]> rows = new ArrayList<>();
    for (String line : lines(file)) {
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      double[] r = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        r[j] = Double.parseDouble(f[j]);
      }
      rows.add(r);
    }
    return Dataset.of(rows.toArray(new double[0][]));
  }

  private static List<String> lines(String file) {
    String path = "/fixtures/lof/" + file;
    try (InputStream in = LofCases.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + path + " (run tools/lof_reference.py)");
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
