package io.github.clusterkit.outlier;

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

/** Reads the fixtures of tools/iforest_reference.py (scikit-learn 1.2.1's IsolationForest) and their data. */
final class IForestCases {

  /** One case: scikit-learn's forest (its trees) and what it gives. */
  static final class Case {
    String dataset;
    int trees;
    String maxSamples;
    int sampleSize;
    String contamination;
    int randomState;
    double offset;
    int[] treeStarts;
    int[] feature;
    double[] threshold;
    int[] left;
    int[] right;
    int[] size;
    double[] trainScoreSamples;
    double[] trainDecision;
    int[] trainPredict;
    double[] newRows;
    double[] newScoreSamples;
    double[] newDecision;
    int[] newPredict;

    /** @return the contamination of the state, 0 for "auto" */
    double contaminationValue() {
      return "auto".equals(contamination) ? 0 : Double.parseDouble(contamination);
    }

    @Override
    public String toString() {
      return dataset + " trees=" + trees + " max_samples=" + maxSamples + " contamination=" + contamination
          + " random_state=" + randomState;
    }
  }

  private IForestCases() {}

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    Map<String, String> kv = new HashMap<>();
    List<String> lines = lines("cases.txt");
    lines.add("");
    for (String line : lines) {
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
      kv.put(line.substring(0, sp), line.substring(sp + 1));
    }
    return out;
  }

  private static Case toCase(Map<String, String> kv) {
    Case c = new Case();
    c.dataset = kv.get("dataset");
    c.trees = Integer.parseInt(kv.get("trees"));
    c.maxSamples = kv.get("max_samples");
    c.sampleSize = Integer.parseInt(kv.get("max_samples_"));
    c.contamination = kv.get("contamination");
    c.randomState = Integer.parseInt(kv.get("random_state"));
    c.offset = Double.parseDouble(kv.get("offset"));
    c.treeStarts = ints(kv.get("treeStarts"));
    c.feature = ints(kv.get("feature"));
    c.threshold = doubles(kv.get("threshold"));
    c.left = ints(kv.get("left"));
    c.right = ints(kv.get("right"));
    c.size = ints(kv.get("size"));
    c.trainScoreSamples = doubles(kv.get("train_score_samples"));
    c.trainDecision = doubles(kv.get("train_decision"));
    c.trainPredict = ints(kv.get("train_predict"));
    c.newRows = doubles(kv.get("new_rows"));
    c.newScoreSamples = doubles(kv.get("new_score_samples"));
    c.newDecision = doubles(kv.get("new_decision"));
    c.newPredict = ints(kv.get("new_predict"));
    return c;
  }

  static int[] ints(String s) {
    String[] f = s.trim().split(" ");
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Integer.parseInt(f[i]);
    }
    return out;
  }

  static double[] doubles(String s) {
    String[] f = s.trim().split(" ");
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = Double.parseDouble(f[i]);
    }
    return out;
  }

  /** @return the rows of fixtures/iforest/NAME-data.csv (a last column of labels included, if any) */
  static double[][] data(String name) {
    List<String> lines = lines(name + "-data.csv");
    double[][] rows = new double[lines.size()][];
    for (int i = 0; i < rows.length; i++) {
      String[] f = lines.get(i).split(",");
      rows[i] = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        rows[i][j] = Double.parseDouble(f[j]);
      }
    }
    return rows;
  }

  /** @return the rows of the shared cure-t2-4k.csv (header skipped): x0, x1, label */
  static double[][] cure() {
    try {
      List<String> lines = Files.readAllLines(SharedData.file("benchmark/cure-t2-4k.csv"), StandardCharsets.UTF_8);
      double[][] rows = new double[lines.size() - 1][];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        rows[i - 1] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the "name mean std" lines of auc.txt */
  static Map<String, double[]> auc() {
    Map<String, double[]> out = new HashMap<>();
    for (String line : lines("auc.txt")) {
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ");
      out.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
    }
    return out;
  }

  static List<String> lines(String file) {
    String path = "/fixtures/iforest/" + file;
    try (InputStream in = IForestCases.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + path);
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

  /**
   * The exact ROC AUC of scores against labels (positive = outlier): the Mann-Whitney statistic, the fraction of
   * (outlier, inlier) pairs the scores order correctly, ties counted one half; by brute force over the pairs.
   *
   * @param scores higher = more anomalous
   * @param positive whether each row is an outlier
   * @return the AUC
   */
  static double auc(double[] scores, boolean[] positive) {
    long pairs = 0;
    long twice = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!positive[i]) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (positive[j]) {
          continue;
        }
        pairs++;
        twice += scores[i] > scores[j] ? 2 : scores[i] == scores[j] ? 1 : 0;
      }
    }
    return twice / (2.0 * pairs);
  }
}
