package io.github.clusterkit.eval.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal copy of clustering-core's test utility of the same name (kept here so that clustering-eval does
 * not need core's test jar): locates the shared test data beside the checkout. Where it is absent the
 * calling test is skipped as a JUnit assumption, visibly; under CI ({@code CI=true}) its absence fails.
 */
public final class SharedData {

  private SharedData() {}

  /**
   * @param relative a path inside the shared data folder, e.g. {@code "benchmark/jain.csv"}
   * @return the file, which exists
   */
  public static Path file(String relative) {
    String root = System.getProperty("clusterkit.sharedData", "../../shared/data");
    Path p = Path.of(root).resolve(relative).normalize();
    if (!Files.isRegularFile(p)) {
      String msg = "shared test data not found: " + relative + " (looked in " + Path.of(root).normalize()
          + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + "; under CI=true the shared data must be present");
      }
      assumeTrue(false, msg + "; test skipped");
    }
    return p;
  }

  /** Points, integer labels ({@code -1} = noise) and, for ELKI files, the string label columns. */
  public static final class Labelled {
    /** One row per point. */
    public final double[][] x;
    /** One label per point. */
    public final int[] labels;
    /** For ELKI files, the string labels per point (class, then e.g. a point name); otherwise null. */
    public final String[][] names;

    Labelled(double[][] x, int[] labels, String[][] names) {
      this.x = x;
      this.labels = labels;
      this.names = names;
    }
  }

  /**
   * Reads one of {@code benchmark/*.csv}: header {@code x0,x1[,x2],label}.
   *
   * @param name file name without folder, e.g. {@code "jain.csv"}
   * @return the points and labels
   */
  public static Labelled benchmark(String name) {
    List<String> lines = read(file("benchmark/" + name));
    int n = lines.size() - 1;
    double[][] x = new double[n][];
    int[] labels = new int[n];
    int i = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(",");
      double[] r = new double[f.length - 1];
      for (int j = 0; j < r.length; j++) {
        r[j] = Double.parseDouble(f[j]);
      }
      x[i] = r;
      labels[i] = Integer.parseInt(f[f.length - 1].trim());
      i++;
    }
    return new Labelled(java.util.Arrays.copyOf(x, i), java.util.Arrays.copyOf(labels, i), null);
  }

  /**
   * Reads one of ELKI's whitespace-separated test files: numeric columns first, then string labels; lines
   * starting with {@code #} are skipped. The first label column becomes the label, numbered in order of
   * first appearance; {@code Noise} or {@code Outlier} becomes {@code -1}.
   *
   * @param name file name inside {@code elki/}
   * @param numericColumns number of leading numeric columns
   * @return the points, labels and string labels
   */
  public static Labelled elki(String name, int numericColumns) {
    List<double[]> rows = new ArrayList<>();
    List<String[]> names = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (String raw : read(file("elki/" + name))) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("[\\s,]+");
      double[] r = new double[numericColumns];
      for (int j = 0; j < numericColumns; j++) {
        r[j] = Double.parseDouble(f[j]);
      }
      String[] lab = java.util.Arrays.copyOfRange(f, numericColumns, f.length);
      int id;
      if (lab[0].equalsIgnoreCase("noise") || lab[0].equalsIgnoreCase("outlier")) {
        id = -1;
      } else {
        id = classes.indexOf(lab[0]);
        if (id < 0) {
          classes.add(lab[0]);
          id = classes.size() - 1;
        }
      }
      rows.add(r);
      names.add(lab);
      labels.add(id);
    }
    int[] l = new int[labels.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels.get(i);
    }
    return new Labelled(rows.toArray(new double[0][]), l, names.toArray(new String[0][]));
  }

  private static List<String> read(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
